//! # flux-tx
//!
//! Flux transactions of every version, byte for byte as fluxd reads and writes them:
//!
//! - [`Transaction`]: decode/encode v1..v4 (Sprout, Overwinter, Sapling; shielded parts kept
//!   as bytes) and fluxnode v5/v6 START and CONFIRM, with fluxd's quirks;
//! - [`Transaction::txid`] (fluxnode txids leave out signatures) and, under its own name,
//!   [`Transaction::full_serialization_hash`] (what Insight shows);
//! - [`sighash`]: legacy, ZIP-143 and ZIP-243 signature hashes with a per-transaction cache;
//! - [`sign`]: transparent signing and verification (P2PKH, P2SH multisig, P2PK);
//! - [`builder`]: build and sign v4 transactions from a specification;
//! - [`fluxnode_sign`]: build, sign and verify fluxnode START/CONFIRM transactions;
//! - [`json`]: fluxd's `decoderawtransaction` JSON;
//! - [`verdict`] and [`view`]: the serializable results the CLI and flux-wasm print.
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

#[cfg(feature = "proptest")]
pub mod arbitrary;
pub mod builder;
pub mod error;
pub mod fluxnode;
pub mod fluxnode_sign;
pub mod json;
pub mod message;
pub mod pubkey;
pub mod scan;
pub mod shielded;
pub mod sighash;
pub mod sign;
pub mod spec;
pub mod transaction;
pub mod transparent;
pub mod verdict;
pub mod view;

pub use error::Error;
pub use fluxnode::{ConfirmTx, FluxnodeTx, FluxnodeVersion, StartTx};
pub use transaction::{StandardTx, Transaction, TxFormat};
pub use transparent::{OutPoint, TxIn, TxOut};
