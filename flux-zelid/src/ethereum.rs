//! Ethereum ZelIDs (`0x…`): EIP-191 `personal_sign` signatures and EIP-55 addresses.
//!
//! Digest = Keccak-256( "\x19Ethereum Signed Message:\n" ‖ decimal byte length ‖ message ).
//! Signature = `0x` + 130 hex characters: r ‖ s ‖ v, with v = 27/28 (0/1 also accepted, as
//! some wallets write them).
//!
//! FluxOS compares lower-cased addresses; this parser also rejects a mixed-case address
//! whose EIP-55 checksum is wrong, since that can only be a typo.

use secp256k1::ecdsa::{RecoverableSignature, RecoveryId};
use secp256k1::{Message, SECP256K1};
use sha3::{Digest, Keccak256};

use flux_primitives::message::Error as SigError;

use crate::{Error, EthAddressProblem};

/// Keccak-256.
pub fn keccak256(data: &[u8]) -> [u8; 32] {
    Keccak256::digest(data).into()
}

/// The EIP-191 `personal_sign` digest of `message`.
pub fn personal_digest(message: &[u8]) -> [u8; 32] {
    let mut h = Keccak256::new();
    h.update(b"\x19Ethereum Signed Message:\n");
    h.update(message.len().to_string().as_bytes());
    h.update(message);
    h.finalize().into()
}

/// A 20-byte Ethereum address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EthAddress(pub [u8; 20]);

impl EthAddress {
    /// Parses `0x` + 40 hex characters; all-lower or all-upper case is accepted as is, a
    /// mixed-case address must carry a correct EIP-55 checksum.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = |problem| Error::EthAddress {
            address: text.to_string(),
            problem,
        };
        let body = text
            .strip_prefix("0x")
            .or_else(|| text.strip_prefix("0X"))
            .ok_or_else(|| bad(EthAddressProblem::NoPrefix))?;
        if body.len() != 40 || !body.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(EthAddressProblem::NotFortyHex));
        }
        let mut out = [0u8; 20];
        hex::decode_to_slice(body, &mut out).map_err(|_| bad(EthAddressProblem::NotFortyHex))?;
        let addr = EthAddress(out);
        let has_lower = body.bytes().any(|b| b.is_ascii_lowercase());
        let has_upper = body.bytes().any(|b| b.is_ascii_uppercase());
        if has_lower && has_upper && addr.to_checksum_string().get(2..) != Some(body) {
            return Err(bad(EthAddressProblem::Checksum));
        }
        Ok(addr)
    }

    /// The address of an (uncompressed) secp256k1 public key.
    pub fn from_public_key(key: &secp256k1::PublicKey) -> Self {
        let ser = key.serialize_uncompressed();
        let hash = keccak256(ser.get(1..).unwrap_or_default());
        let mut out = [0u8; 20];
        out.copy_from_slice(hash.get(12..).unwrap_or(&[0u8; 20]));
        EthAddress(out)
    }

    /// `0x` + EIP-55 mixed-case hex.
    pub fn to_checksum_string(&self) -> String {
        let lower = hex::encode(self.0);
        let hash = keccak256(lower.as_bytes());
        let mut out = String::with_capacity(42);
        out.push_str("0x");
        for (i, c) in lower.chars().enumerate() {
            let nibble = hash
                .get(i / 2)
                .map_or(0, |b| if i % 2 == 0 { b >> 4 } else { b & 0xf });
            if c.is_ascii_alphabetic() && nibble >= 8 {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
        }
        out
    }
}

impl std::fmt::Display for EthAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_checksum_string())
    }
}

/// A 65-byte `personal_sign` signature (r ‖ s ‖ v).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EthSignature {
    rs: [u8; 64],
    recovery_id: u8,
}

impl EthSignature {
    /// Parses `0x` + 130 hex characters (the `0x` is optional).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let t = text.trim();
        let body = t
            .strip_prefix("0x")
            .or_else(|| t.strip_prefix("0X"))
            .unwrap_or(t);
        let bytes = hex::decode(body).map_err(|_| SigError::Hex)?;
        Self::from_bytes(&bytes)
    }

    /// Parses r ‖ s ‖ v.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != 65 {
            return Err(SigError::Length { len: bytes.len() }.into());
        }
        let (rs, v) = bytes.split_at(64);
        let v = v.first().copied().unwrap_or(0);
        let recovery_id = match v {
            27 | 28 => v - 27,
            0 | 1 => v,
            _ => {
                return Err(SigError::Header {
                    byte: v,
                    allowed: "v in {0, 1, 27, 28}",
                }
                .into())
            }
        };
        let mut arr = [0u8; 64];
        arr.copy_from_slice(rs);
        Ok(EthSignature {
            rs: arr,
            recovery_id,
        })
    }

    /// `0x` + hex of r ‖ s ‖ v with v = 27/28.
    pub fn to_hex(&self) -> String {
        let mut bytes = self.rs.to_vec();
        bytes.push(27 + self.recovery_id);
        format!("0x{}", hex::encode(bytes))
    }

    /// Recovers the signer's address of `message`.
    pub fn recover(&self, message: &[u8]) -> Result<EthAddress, Error> {
        let unrecoverable = SigError::Unrecoverable;
        let rid = RecoveryId::from_i32(i32::from(self.recovery_id)).map_err(unrecoverable)?;
        let sig = RecoverableSignature::from_compact(&self.rs, rid).map_err(unrecoverable)?;
        let key = SECP256K1
            .recover_ecdsa(&Message::from_digest(personal_digest(message)), &sig)
            .map_err(unrecoverable)?;
        Ok(EthAddress::from_public_key(&key))
    }
}

/// Signs `message` with `personal_sign` (RFC 6979).
pub fn personal_sign(secret: &secp256k1::SecretKey, message: &[u8]) -> EthSignature {
    let sig =
        SECP256K1.sign_ecdsa_recoverable(&Message::from_digest(personal_digest(message)), secret);
    let (rid, rs) = sig.serialize_compact();
    EthSignature {
        rs,
        recovery_id: (rid.to_i32() & 1) as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eip55_examples_from_the_eip() {
        for a in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert_eq!(EthAddress::parse(a).unwrap().to_checksum_string(), a);
        }
        assert!(EthAddress::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").is_err());
    }
}
