//! fluxd's message signatures (spec 9), as fluxnode transactions use them: compact 65-byte
//! recoverable signatures over `dSHA256(CompactSize(24) ‖ "Zelcash Signed Message:\n" ‖
//! CompactSize(len) ‖ message)`.
//!
//! A small internal helper for fluxnode signatures; general message signing lives in
//! flux-zelid.

use flux_primitives::codec::write_compact_size;
use flux_primitives::hash::{hash160, sha256d};
use flux_primitives::{PrivateKey, PublicKey};
use secp256k1::ecdsa::{RecoverableSignature, RecoveryId};
use secp256k1::{Message, Secp256k1};

use crate::Error;

/// fluxd's `strMessageMagic` (unchanged after the rebrand).
pub const MESSAGE_MAGIC: &str = "Zelcash Signed Message:\n";

/// The digest a message signature signs (internal byte order).
pub fn message_digest(message: &[u8]) -> [u8; 32] {
    let mut buf = Vec::with_capacity(message.len() + 30);
    write_compact_size(&mut buf, MESSAGE_MAGIC.len() as u64);
    buf.extend_from_slice(MESSAGE_MAGIC.as_bytes());
    write_compact_size(&mut buf, message.len() as u64);
    buf.extend_from_slice(message);
    sha256d(&buf)
}

/// Signs `message` (RFC 6979): header `27 + recid (+ 4 if the key is compressed)` ‖ r ‖ s.
pub fn sign_message(key: &PrivateKey, message: &[u8]) -> [u8; 65] {
    let msg = Message::from_digest(message_digest(message));
    let sig = Secp256k1::signing_only().sign_ecdsa_recoverable(&msg, key.secret_key());
    let (recid, rs) = sig.serialize_compact();
    let mut out = [0u8; 65];
    out[0] = 27 + recid.to_i32() as u8 + if key.compressed() { 4 } else { 0 };
    out[1..].copy_from_slice(&rs);
    out
}

/// Recovers the signer of a compact signature, serialized as the header byte says
/// (compressed or not), exactly as fluxd's `RecoverCompact` (out-of-range header bytes are
/// masked, not refused).
pub fn recover_signer(signature: &[u8], message: &[u8]) -> Result<Vec<u8>, Error> {
    let [header, rs @ ..] = signature else {
        return Err(Error::crypto("message signature", "empty"));
    };
    if signature.len() != 65 {
        return Err(Error::crypto(
            "message signature",
            format!("must be 65 bytes, got {}", signature.len()),
        ));
    }
    let h = i32::from(*header) - 27;
    let recid = RecoveryId::from_i32(h & 3).map_err(|e| Error::crypto("message signature", e))?;
    let compressed = h & 4 != 0;
    let sig = RecoverableSignature::from_compact(rs, recid)
        .map_err(|e| Error::crypto("message signature", e))?;
    let msg = Message::from_digest(message_digest(message));
    let point = Secp256k1::verification_only()
        .recover_ecdsa(&msg, &sig)
        .map_err(|e| Error::crypto("message signature", e))?;
    Ok(PublicKey::new(point, compressed).to_bytes())
}

/// True when `signature` over `message` recovers to a key whose HASH160 equals that of
/// `expected_pubkey` (fluxd compares key ids, so compression must match too).
pub fn verify_message(signature: &[u8], message: &[u8], expected_pubkey: &[u8]) -> bool {
    recover_signer(signature, message)
        .map(|k| hash160(&k) == hash160(expected_pubkey))
        .unwrap_or(false)
}
