//! fluxd's message signatures (spec 9), as fluxnode transactions use them: compact 65-byte
//! recoverable signatures over `dSHA256(CompactSize(24) ‖ "Zelcash Signed Message:\n" ‖
//! CompactSize(len) ‖ message)`.
//!
//! Thin byte-level helpers over [`flux_primitives::message`], which holds the logic, fixed
//! to the Zelcash magic and to fluxd's masked header-byte rule.

use flux_primitives::hash::hash160;
use flux_primitives::message::{sign, HeaderRule, Magic, MessageSignature};
use flux_primitives::PrivateKey;

use crate::Error;

/// fluxd's `strMessageMagic` (unchanged after the rebrand).
pub const MESSAGE_MAGIC: &str = "Zelcash Signed Message:\n";

/// The digest a message signature signs (internal byte order).
pub fn message_digest(message: &[u8]) -> [u8; 32] {
    Magic::Zelcash.digest(message)
}

/// Signs `message` (RFC 6979): header `27 + recid (+ 4 if the key is compressed)` ‖ r ‖ s.
pub fn sign_message(key: &PrivateKey, message: &[u8]) -> [u8; 65] {
    sign(key, Magic::Zelcash, message).to_bytes()
}

/// Recovers the signer of a compact signature, serialized as the header byte says
/// (compressed or not), exactly as fluxd's `RecoverCompact` (out-of-range header bytes are
/// masked, not refused).
pub fn recover_signer(signature: &[u8], message: &[u8]) -> Result<Vec<u8>, Error> {
    let crypto = Error::MessageSignature;
    let sig = MessageSignature::from_bytes(signature, HeaderRule::FluxdMasked).map_err(crypto)?;
    Ok(sig
        .recover(Magic::Zelcash, message)
        .map_err(crypto)?
        .to_bytes())
}

/// True when `signature` over `message` recovers to a key whose HASH160 equals that of
/// `expected_pubkey` (fluxd compares key ids, so compression must match too).
pub fn verify_message(signature: &[u8], message: &[u8], expected_pubkey: &[u8]) -> bool {
    recover_signer(signature, message)
        .map(|k| hash160(&k) == hash160(expected_pubkey))
        .unwrap_or(false)
}
