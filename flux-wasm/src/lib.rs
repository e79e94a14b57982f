//! The Flux SDK for JavaScript: WebAssembly bindings of the flux crates for browsers and
//! Node, published as an npm package by `scripts/wasm.sh`.
//!
//! This crate is glue only. Each exported function is named after a `flux` command (group +
//! verb in camelCase: `flux tx decode` is `txDecode`), takes one object whose fields are the
//! command's arguments and flags in camelCase, calls the same library function the command
//! calls, and returns the object the command prints. A failure throws a JavaScript `Error`
//! whose `kind` and `message` are the ones the command prints on stderr; nothing is kept
//! between calls, so the instance keeps working after any error.
//!
//! The functions are written twice over: [`api`] holds them as plain Rust (typed inputs,
//! typed or `serde_json::Value` results, [`Failure`] errors), which native tests exercise
//! without a JavaScript engine; the `#[wasm_bindgen]` exports (module [`js`]) only convert a
//! JavaScript object to the input type and the result back.
//!
//! ```
//! use flux_wasm::api::{chain_upgrade, ChainUpgradeInput};
//!
//! let input = ChainUpgradeInput { height: 2_020_000, network: flux_primitives::Network::Main };
//! let out = chain_upgrade(input).unwrap().value();
//! assert_eq!(out["upgrade"], "PON");
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod api;
mod error;
pub mod js;

pub use error::Failure;
