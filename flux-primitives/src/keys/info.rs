//! What a key says about itself, as one serializable value (the `flux key` commands print
//! these; flux-wasm hands them to JavaScript as they are).

use serde::Serialize;
use zeroize::Zeroize;

use super::{DerivationPath, ExtendedPrivKey, PrivateKey};
use crate::{Address, Network, PublicKey};

/// Everything public about a private key: its network, the public key and the addresses it
/// controls. The WIF is included only when asked for ([`KeyInfo::with_wif`]); it is wiped
/// from memory when the value is dropped.
///
/// ```
/// use flux_primitives::PrivateKey;
///
/// // fluxd's base58_keys_valid.json (mainnet, compressed).
/// let key: PrivateKey = "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD".parse().unwrap();
/// let info = key.info();
/// assert!(info.compressed && info.wif.is_none());
/// assert!(info.address.to_string().starts_with("t1"));
/// let json = serde_json::to_value(key.info().with_wif(&key)).unwrap();
/// assert_eq!(json["wif"], "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyInfo {
    /// The key's network.
    pub network: Network,
    /// Whether the public key is used in its 33-byte form.
    pub compressed: bool,
    /// The public key (hex, in the key's form).
    pub public_key: PublicKey,
    /// HASH160 of the public key (hex).
    pub hash160: String,
    /// The P2PKH address on the key's network.
    pub address: Address,
    /// The ZelID (`1…`) of the same key.
    pub zelid: Address,
    /// The WIF, only after [`KeyInfo::with_wif`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wif: Option<String>,
}

impl KeyInfo {
    /// The same description with the key's WIF (the secret) added.
    ///
    /// ```
    /// use flux_primitives::{Network, PrivateKey};
    ///
    /// let key = PrivateKey::from_slice(&[7; 32], true, Network::Test).unwrap();
    /// assert_eq!(key.info().with_wif(&key).wif, Some(key.to_wif()));
    /// ```
    pub fn with_wif(mut self, key: &PrivateKey) -> Self {
        self.wif = Some(key.to_wif());
        self
    }
}

impl Drop for KeyInfo {
    fn drop(&mut self) {
        self.wif.zeroize();
    }
}

impl PrivateKey {
    /// Describes the key (without its WIF).
    ///
    /// ```
    /// use flux_primitives::{Network, PrivateKey};
    ///
    /// let key = PrivateKey::from_slice(&[7; 32], true, Network::Main).unwrap();
    /// assert_eq!(key.info().network, Network::Main);
    /// ```
    pub fn info(&self) -> KeyInfo {
        let public = self.public_key();
        KeyInfo {
            network: self.network(),
            compressed: self.compressed(),
            public_key: public,
            hash160: hex::encode(public.hash160()),
            address: Address::p2pkh(&public, self.network()),
            zelid: Address::zelid(&public),
            wif: None,
        }
    }
}

/// A key derived along a BIP32 path: the key's [`KeyInfo`] (with its WIF), then where it
/// sits in the tree and its extended forms.
///
/// ```
/// use flux_primitives::keys::{DerivationPath, ExtendedPrivKey};
/// use flux_primitives::Network;
///
/// // BIP32 test vector 1.
/// let seed = hex::decode("000102030405060708090a0b0c0d0e0f").unwrap();
/// let master = ExtendedPrivKey::new_master(&seed, Network::Main).unwrap();
/// let path: DerivationPath = "m/0'".parse().unwrap();
/// let info = master.derive(&path).unwrap().info(&path);
/// assert_eq!(info.depth, 1);
/// assert_eq!(info.child_number, "0'");
/// assert_eq!(info.xpub, "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedKeyInfo {
    /// The derived private key, described (its WIF is the `wif` field below).
    #[serde(flatten)]
    pub key: KeyInfo,
    /// The path it was derived along.
    pub path: String,
    /// Its depth in the tree.
    pub depth: u8,
    /// The last step (`N` or `N'`).
    pub child_number: String,
    /// Its fingerprint (hex).
    pub fingerprint: String,
    /// Its parent's fingerprint (hex).
    pub parent_fingerprint: String,
    /// The extended private key.
    pub xprv: String,
    /// The extended public key.
    pub xpub: String,
    /// The WIF of the derived key (the secret).
    pub wif: String,
}

impl Drop for DerivedKeyInfo {
    fn drop(&mut self) {
        self.xprv.zeroize();
        self.wif.zeroize();
    }
}

impl ExtendedPrivKey {
    /// Describes this key as the result of deriving along `path`, secrets included (the
    /// caller asked for a key to use).
    pub fn info(&self, path: &DerivationPath) -> DerivedKeyInfo {
        let private = self.private_key();
        let mut key = private.info();
        // The flattened KeyInfo carries no WIF: the derived view writes it last, once.
        key.wif = None;
        DerivedKeyInfo {
            key,
            path: path.to_string(),
            depth: self.depth(),
            child_number: self.child_number().to_string(),
            fingerprint: hex::encode(self.fingerprint()),
            parent_fingerprint: hex::encode(self.parent_fingerprint()),
            xprv: self.to_string(),
            xpub: self.to_extended_pub().to_string(),
            wif: private.to_wif(),
        }
    }
}
