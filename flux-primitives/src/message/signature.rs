//! 65-byte compact recoverable message signatures: header byte ‖ r ‖ s.
//!
//! The header byte is `27 + recovery id (0..=3) + 4 if the key is compressed`, so 27–30
//! mean an uncompressed key and 31–34 a compressed one.
//!
//! fluxd does not reject other header bytes: `CPubKey::RecoverCompact` computes
//! `(header - 27) & 3` and `(header - 27) & 4` in signed arithmetic, so every byte maps onto
//! some recovery id and compression flag (fluxd spec §9 quirk). bitcoinjs-message (FluxOS)
//! accepts 27–42, where 35–42 are segwit flags that never match a `1…` or Flux address.
//! Parsing is strict by default ([`HeaderRule::Strict`]: 27–34 only, which is every header
//! a wallet writes); [`HeaderRule::FluxdMasked`] accepts exactly what fluxd accepts.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, Engine};
use secp256k1::ecdsa::{RecoverableSignature, RecoveryId};
use secp256k1::{Message, SECP256K1};

use super::Error;
use super::Magic;
use crate::keys::{PrivateKey, PublicKey};

/// Length of a compact signature.
pub const SIGNATURE_LEN: usize = 65;

/// Standard alphabet, padding optional on input, written on output.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Which header bytes a parser accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HeaderRule {
    /// 27–34 only: the headers fluxd, bitcoinjs-message and every wallet write for
    /// non-segwit keys.
    #[default]
    Strict,
    /// Any byte, masked the way fluxd's `CPubKey::RecoverCompact` does.
    FluxdMasked,
}

/// A compact recoverable signature over a message digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageSignature {
    header: u8,
    recovery_id: u8,
    compressed: bool,
    rs: [u8; 64],
}

impl MessageSignature {
    /// Parses 65 raw bytes under `rule`.
    ///
    /// Errors: [`Error::Length`] unless 65 bytes, [`Error::Header`] when
    /// `rule` refuses the first byte.
    pub fn from_bytes(bytes: &[u8], rule: HeaderRule) -> Result<Self, Error> {
        let (&header, rs) = bytes
            .split_first()
            .filter(|_| bytes.len() == SIGNATURE_LEN)
            .ok_or(Error::Length { len: bytes.len() })?;
        let mut arr = [0u8; 64];
        arr.copy_from_slice(rs);
        let (recovery_id, compressed) = match rule {
            HeaderRule::Strict => {
                if !(27..=34).contains(&header) {
                    return Err(Error::Header {
                        byte: header,
                        allowed: "27..=34",
                    });
                }
                let flag = header - 27;
                (flag & 3, flag & 4 != 0)
            }
            HeaderRule::FluxdMasked => {
                // Same arithmetic as fluxd: the byte is promoted to int before subtracting,
                // and two's complement keeps the low bits of a negative result.
                let flag = i32::from(header) - 27;
                ((flag & 3) as u8, flag & 4 != 0)
            }
        };
        Ok(MessageSignature {
            header,
            recovery_id,
            compressed,
            rs: arr,
        })
    }

    /// Parses base64 text (the form wallets, FluxOS and fluxd RPC use) under `rule`.
    /// Surrounding whitespace is ignored; padding is optional.
    ///
    /// Errors: [`Error::Base64`], then those of [`Self::from_bytes`].
    pub fn from_base64(text: &str, rule: HeaderRule) -> Result<Self, Error> {
        let bytes = BASE64.decode(text.trim()).map_err(Error::Base64)?;
        Self::from_bytes(&bytes, rule)
    }

    /// The 65 bytes.
    pub fn to_bytes(&self) -> [u8; SIGNATURE_LEN] {
        let mut out = [0u8; SIGNATURE_LEN];
        let (first, rest) = out.split_at_mut(1);
        first.fill(self.header);
        rest.copy_from_slice(&self.rs);
        out
    }

    /// Base64 of the 65 bytes.
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.to_bytes())
    }

    /// The header byte as given.
    pub fn header(&self) -> u8 {
        self.header
    }

    /// The recovery id (0..=3) the header selects.
    pub fn recovery_id(&self) -> u8 {
        self.recovery_id
    }

    /// True when the header says the signer's key is serialized compressed.
    pub fn is_compressed(&self) -> bool {
        self.compressed
    }

    /// r ‖ s, big-endian.
    pub fn rs(&self) -> &[u8; 64] {
        &self.rs
    }

    /// Recovers the signer's key from a 32-byte digest, in the form the header declares.
    ///
    /// Errors: [`Error::Unrecoverable`] when r or s is zero or not below the curve
    /// order, or no point has this signature.
    pub fn recover_digest(&self, digest: &[u8; 32]) -> Result<PublicKey, Error> {
        let unrecoverable = Error::Unrecoverable;
        let rid = RecoveryId::from_i32(i32::from(self.recovery_id)).map_err(unrecoverable)?;
        let sig = RecoverableSignature::from_compact(&self.rs, rid).map_err(unrecoverable)?;
        let msg = Message::from_digest(*digest);
        let point = SECP256K1.recover_ecdsa(&msg, &sig).map_err(unrecoverable)?;
        Ok(PublicKey::new(point, self.compressed))
    }

    /// Recovers the signer's key of `message` under `magic`.
    pub fn recover(&self, magic: Magic<'_>, message: &[u8]) -> Result<PublicKey, Error> {
        self.recover_digest(&magic.digest(message))
    }
}

impl std::fmt::Display for MessageSignature {
    /// The base64 form.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_base64())
    }
}

/// Signs `message` under `magic` with RFC 6979 (deterministic, low-S). The header declares
/// the key's form ([`PrivateKey::compressed`]), so the signature verifies against the
/// address of that form.
pub fn sign(key: &PrivateKey, magic: Magic<'_>, message: &[u8]) -> MessageSignature {
    sign_digest(key, &magic.digest(message))
}

/// Signs a 32-byte digest (RFC 6979, low-S) as a compact recoverable signature.
pub fn sign_digest(key: &PrivateKey, digest: &[u8; 32]) -> MessageSignature {
    let msg = Message::from_digest(*digest);
    let sig = SECP256K1.sign_ecdsa_recoverable(&msg, key.secret_key());
    let (rid, rs) = sig.serialize_compact();
    // secp256k1 only ever returns recovery ids 0..=3.
    let recovery_id = (rid.to_i32() & 3) as u8;
    let compressed = key.compressed();
    MessageSignature {
        header: 27 + recovery_id + if compressed { 4 } else { 0 },
        recovery_id,
        compressed,
        rs,
    }
}
