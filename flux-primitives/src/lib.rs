//! # flux-primitives
//!
//! The foundation of the Flux Rust SDK: everything about Flux that is not a transaction or a
//! block. Bytes and strings in, typed values out, and back again byte for byte.
//!
//! - [`codec`]: the consensus wire format (`Encode`/`Decode`, `CompactSize`);
//! - [`hash`]: SHA-256d, HASH160, personalized BLAKE2b, and hash newtypes (`Txid`, ...);
//! - [`amount`]: [`Amount`] in zatoshis with exact decimal FLUX strings;
//! - [`network`]: main/test/regtest chain parameters and the network-upgrade table;
//! - [`keys`]: private keys, WIF, public keys, BIP32 and BIP39;
//! - [`address`]: transparent, ZelID, Sapling and Sprout addresses;
//! - [`message`]: `signmessage`-style compact signatures (Bitcoin and Zelcash magics);
//! - [`script`]: building, classifying and disassembling scripts.
//!
//! Nothing here panics on untrusted input: every parser returns [`Error`], which says what
//! was wrong and, for bytes, at which offset.
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

pub mod address;
pub mod amount;
pub mod base58;
pub mod codec;
mod error;
pub mod hash;
pub mod keys;
pub mod message;
pub mod network;
pub mod script;
mod serde_str;

pub use error::{
    Bech32Problem, Bip32Problem, Error, Expected, MnemonicProblem, ScriptBuildProblem,
};

pub use amount::{Amount, SignedAmount};
pub use network::{
    upgrade::{BranchId, Upgrade},
    Network,
};
pub use script::ScriptBuf;

pub use address::{Address, AddressInfo, AddressKind};
pub use keys::{ExtendedPrivKey, ExtendedPubKey, Mnemonic, PrivateKey, PublicKey};
pub use message::{HeaderRule, MessageSignature};
