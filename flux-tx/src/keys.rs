//! The little key handling this crate needs: WIF secret keys and public-key serialization.
//! (flux-primitives' key types can replace this once they land; the behaviour is the same.)

use flux_primitives::hash::sha256d;
use secp256k1::{PublicKey, Secp256k1, SecretKey};

use crate::Error;

/// A secret key with the compression flag of its WIF.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey {
    /// The secret scalar.
    pub secret: SecretKey,
    /// Whether the matching public key is used compressed (WIF suffix `01`).
    pub compressed: bool,
}

impl core::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SigningKey(..)")
    }
}

impl SigningKey {
    /// Decodes a WIF string (mainnet 0x80 or testnet/regtest 0xef version byte).
    pub fn from_wif(wif: &str) -> Result<Self, Error> {
        let raw = bs58::decode(wif.trim())
            .into_vec()
            .map_err(|e| Error::crypto("WIF", e))?;
        let split = raw
            .len()
            .checked_sub(4)
            .ok_or_else(|| Error::crypto("WIF", "too short"))?;
        let (payload, check) = raw.split_at(split);
        if sha256d(payload).get(..4) != Some(check) {
            return Err(Error::crypto("WIF", "bad checksum"));
        }
        let (compressed, key) = match payload {
            [0x80 | 0xef, key @ .., 0x01] if key.len() == 32 => (true, key),
            [0x80 | 0xef, key @ ..] if key.len() == 32 => (false, key),
            _ => {
                return Err(Error::crypto(
                    "WIF",
                    "not a 0x80/0xef secret key of 32 bytes",
                ))
            }
        };
        let secret = SecretKey::from_slice(key).map_err(|e| Error::crypto("WIF", e))?;
        Ok(SigningKey { secret, compressed })
    }

    /// The public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from_secret_key(&Secp256k1::signing_only(), &self.secret)
    }

    /// The public key serialized with this key's compression.
    pub fn public_key_bytes(&self) -> Vec<u8> {
        serialize_pubkey(&self.public_key(), self.compressed)
    }
}

/// Serializes a public key compressed (33 bytes) or uncompressed (65 bytes).
pub fn serialize_pubkey(pk: &PublicKey, compressed: bool) -> Vec<u8> {
    if compressed {
        pk.serialize().to_vec()
    } else {
        pk.serialize_uncompressed().to_vec()
    }
}
