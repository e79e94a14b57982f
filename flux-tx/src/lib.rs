//! # flux-tx
//!
//! Flux transactions v1..v6 (including fluxnode START/CONFIRM): codec, txid, sighash, builder and signer.
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
