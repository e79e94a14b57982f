//! The key a compact signature recovers: a secp256k1 point and the serialization (compressed
//! or uncompressed) its header byte declares.

use flux_primitives::hash::hash160;
use secp256k1::PublicKey;

use crate::address::{base58check_encode, KeyAddressKind};
use crate::Error;

/// A signer's public key with the serialization that its address is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SignerKey {
    key: PublicKey,
    compressed: bool,
}

impl SignerKey {
    /// Wraps a key and its serialization flag.
    pub fn new(key: PublicKey, compressed: bool) -> Self {
        SignerKey { key, compressed }
    }

    /// Parses a SEC1 public key (33 bytes compressed or 65 bytes uncompressed); the form
    /// given is the form kept.
    pub fn from_sec1(bytes: &[u8]) -> Result<Self, Error> {
        let key = PublicKey::from_slice(bytes).map_err(|e| Error::PublicKey {
            reason: format!("{} bytes: {e}", bytes.len()),
        })?;
        Ok(SignerKey {
            key,
            compressed: bytes.len() == 33,
        })
    }

    /// Parses a hex SEC1 public key.
    pub fn from_hex(text: &str) -> Result<Self, Error> {
        let bytes = hex::decode(text.trim()).map_err(|e| Error::PublicKey {
            reason: format!("not hex: {e}"),
        })?;
        Self::from_sec1(&bytes)
    }

    /// The secp256k1 point.
    pub fn point(&self) -> &PublicKey {
        &self.key
    }

    /// True when serialized compressed.
    pub fn is_compressed(&self) -> bool {
        self.compressed
    }

    /// The same point in the other serialization.
    pub fn with_compression(self, compressed: bool) -> Self {
        SignerKey {
            key: self.key,
            compressed,
        }
    }

    /// SEC1 bytes: 33 if compressed, else 65.
    pub fn serialize(&self) -> Vec<u8> {
        if self.compressed {
            self.key.serialize().to_vec()
        } else {
            self.key.serialize_uncompressed().to_vec()
        }
    }

    /// Lower-case hex of [`Self::serialize`].
    pub fn to_hex(&self) -> String {
        hex::encode(self.serialize())
    }

    /// HASH160 of the serialization: the key id every P2PKH address carries.
    pub fn key_id(&self) -> [u8; 20] {
        hash160(&self.serialize())
    }

    /// The ZelID (`1…`, Bitcoin P2PKH version 0x00) of this key.
    pub fn zelid(&self) -> String {
        self.address(KeyAddressKind::ZelId)
    }

    /// This key's P2PKH address in the given family (`1…`, `t1…` or `tm…`).
    pub fn address(&self, kind: KeyAddressKind) -> String {
        base58check_encode(kind.version(), &self.key_id())
    }
}
