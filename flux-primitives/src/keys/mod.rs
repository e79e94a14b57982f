//! Keys: secp256k1 private keys and their WIF form, public keys, BIP32 extended keys and
//! BIP39 mnemonics.
//!
//! ```
//! use flux_primitives::keys::PrivateKey;
//!
//! // A WIF from fluxd's base58_keys_valid.json (mainnet, compressed).
//! let key: PrivateKey = "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD".parse().unwrap();
//! assert!(key.compressed());
//! assert_eq!(key.to_wif(), "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD");
//! assert_eq!(key.public_key().to_bytes().len(), 33);
//! ```

pub mod bip32;
pub mod bip39;
mod info;
mod private;
mod public;

pub use bip32::{ChildNumber, DerivationPath, ExtendedPrivKey, ExtendedPubKey};
pub use bip39::Mnemonic;
pub use info::{DerivedKeyInfo, KeyInfo};
pub use private::PrivateKey;
pub use public::PublicKey;
