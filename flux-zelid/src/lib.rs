//! # flux-zelid
//!
//! ZelID sign-in, message signatures, zelidauth headers and FluxOS app messages.
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
