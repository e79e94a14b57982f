//! secp256k1 public keys in compressed (33-byte) or uncompressed (65-byte) form.

use core::fmt;
use core::str::FromStr;

use crate::hash::hash160;
use crate::Error;

/// A secp256k1 public key and the form it is serialized in. The form matters: the
/// address of a key is the HASH160 of its serialization, so the two forms have different
/// addresses.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey {
    inner: secp256k1::PublicKey,
    compressed: bool,
}

impl PublicKey {
    /// Wraps a curve point with the form to serialize it in.
    pub fn new(inner: secp256k1::PublicKey, compressed: bool) -> Self {
        PublicKey { inner, compressed }
    }

    /// Parses a 33-byte compressed (`02`/`03`) or 65-byte uncompressed (`04`) encoding.
    /// Hybrid encodings (`06`/`07`) are refused: they would not serialize back the same.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        let compressed = match (bytes.len(), bytes.first()) {
            (33, Some(0x02 | 0x03)) => true,
            (65, Some(0x04)) => false,
            (33 | 65, Some(p)) => {
                return Err(Error::PublicKeyPrefix {
                    prefix: *p,
                    len: bytes.len(),
                })
            }
            (n, _) => {
                return Err(Error::InvalidLength {
                    what: "public key",
                    expected: crate::Expected::Either(33, 65),
                    actual: n,
                })
            }
        };
        let inner =
            secp256k1::PublicKey::from_slice(bytes).map_err(|_| Error::PublicKeyNotOnCurve)?;
        Ok(PublicKey { inner, compressed })
    }

    /// Parses a hex encoding of [`Self::from_slice`]'s input.
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        let bytes = hex::decode(s.trim()).map_err(|e| Error::InvalidHex {
            what: "public key",
            reason: e.to_string(),
        })?;
        Self::from_slice(&bytes)
    }

    /// The serialization: 33 bytes when compressed, 65 otherwise.
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.compressed {
            self.inner.serialize().to_vec()
        } else {
            self.inner.serialize_uncompressed().to_vec()
        }
    }

    /// True for the 33-byte form.
    pub fn compressed(&self) -> bool {
        self.compressed
    }

    /// The same point in the other (or the same) form.
    pub fn with_compression(self, compressed: bool) -> Self {
        PublicKey { compressed, ..self }
    }

    /// The curve point.
    pub fn inner(&self) -> &secp256k1::PublicKey {
        &self.inner
    }

    /// HASH160 of the serialization: the key id that P2PKH addresses carry.
    pub fn hash160(&self) -> [u8; 20] {
        hash160(&self.to_bytes())
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.to_bytes()))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl FromStr for PublicKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_hex(s)
    }
}

crate::serde_str::serde_via_str!(PublicKey);

#[cfg(test)]
mod tests {
    use super::*;

    // The secp256k1 generator point, in both forms.
    const G_COMPRESSED: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    const G_UNCOMPRESSED: &str = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

    #[test]
    fn both_forms_round_trip() {
        let c = PublicKey::from_hex(G_COMPRESSED).unwrap();
        let u = PublicKey::from_hex(G_UNCOMPRESSED).unwrap();
        assert!(c.compressed() && !u.compressed());
        assert_eq!(c.inner(), u.inner());
        assert_eq!(c.to_string(), G_COMPRESSED);
        assert_eq!(u.to_string(), G_UNCOMPRESSED);
        assert_eq!(c.with_compression(false), u);
    }

    #[test]
    fn malformed_keys_are_refused() {
        assert!(matches!(
            PublicKey::from_hex("02"),
            Err(Error::InvalidLength { .. })
        ));
        assert!(PublicKey::from_hex("zz").is_err());
        let hybrid = format!("06{}", &G_UNCOMPRESSED[2..]);
        assert!(matches!(
            PublicKey::from_hex(&hybrid),
            Err(Error::PublicKeyPrefix { .. })
        ));
        // x = 0 is not on secp256k1 (7 is not a square mod p)
        let off_curve = format!("02{}", "00".repeat(32));
        assert!(matches!(
            PublicKey::from_hex(&off_curve),
            Err(Error::PublicKeyNotOnCurve)
        ));
    }
}
