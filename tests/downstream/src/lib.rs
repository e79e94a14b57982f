//! An application's view of the SDK (no code; see `tests/`).
//!
//! The crate depends on every library crate of the workspace the way an application does,
//! with plain `serde_json = "1"`, so its tests see the serde_json features the libraries
//! switch on for everyone (Cargo unifies features). They check that ordinary serde code
//! (`#[serde(untagged)]`, `#[serde(flatten)]`, internally tagged enums, all with `f64`)
//! still works, and that the libraries' fluxd-exact amounts need no feature to stay exact.

#![forbid(unsafe_code)]
