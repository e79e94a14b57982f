//! Clients for the Flux network's services, and the FluxOS app model.
//!
//! - [`rpc`]: a typed fluxd JSON-RPC client (exact amounts, fluxd's quirks, resilience) and
//!   checking what a node serves against the consensus rules.
//! - [`fluxos`]: a FluxOS REST client (envelope, `zelidauth` sessions, node login, typed
//!   reads, the app register/update flow).
//! - [`app`]: FluxOS app specifications exactly as the network judges them (formatter,
//!   validation, price, messages, payment). Pure: no I/O, usable without the `http` feature.
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

pub mod app;
pub mod error;
pub mod fluxos;
pub mod options;
pub mod rpc;

pub use error::Error;
