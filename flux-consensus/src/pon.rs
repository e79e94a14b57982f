//! Proof of Node: slots, the eligibility hash, tie-break order, block signatures and
//! emergency blocks (spec 3.7, 3.8, 5.8, 5.9).
//!
//! ```
//! use flux_consensus::pon::{pon_hash, slot};
//! use flux_primitives::hash::{BlockHash, Txid};
//! use flux_primitives::Network;
//! use flux_tx::OutPoint;
//!
//! let collateral = OutPoint {
//!     txid: "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef".parse().unwrap(),
//!     vout: 1,
//! };
//! let prev: BlockHash = "fedcba0987654321fedcba0987654321fedcba0987654321fedcba0987654321".parse().unwrap();
//! assert_eq!(
//!     pon_hash(&collateral, &prev, 1000).to_string(),
//!     "530db5494dc7538660b4a5537c7fdf96c7c830036c81ad38cd843631819dc2a2"
//! );
//! assert_eq!(slot(Network::Main, 1_761_702_000), 8_157_400);
//! ```

use core::cmp::Ordering;

use flux_primitives::codec::{Encode, Reader};
use flux_primitives::hash::{BlockHash, Hash256, Sha256dWriter, Txid};
use flux_primitives::Network;
use flux_tx::OutPoint;
use secp256k1::ecdsa::{RecoverableSignature, RecoveryId, Signature};
use secp256k1::{Message, PublicKey, SECP256K1};
use serde::Serialize;

use crate::header::{BlockHeader, HeaderProof};
use crate::params::consensus_params;
use crate::target::{CompactTarget, U256};

/// Largest `vchBlockSig` of a normal PoN block.
pub const MAX_BLOCK_SIG_SIZE: usize = 73;
/// Largest `vchBlockSig` of an emergency block.
pub const MAX_EMERGENCY_BLOCK_SIG_SIZE: usize = 512;

/// The PoN slot of a block time: `(time − genesis time) / 30`, cast to u32 as fluxd does.
pub fn slot(network: Network, time: u32) -> u32 {
    let genesis = i64::from(network.params().genesis_time);
    ((i64::from(time) - genesis) / 30) as u32
}

/// The eligibility hash `dSHA256(collateral ‖ prev hash ‖ LE32(slot))`.
pub fn pon_hash(collateral: &OutPoint, prev_block: &BlockHash, slot: u32) -> Hash256 {
    let mut w = Sha256dWriter::new();
    let mut buf = Vec::with_capacity(72);
    collateral.encode(&mut buf);
    buf.extend_from_slice(prev_block.as_bytes());
    buf.extend_from_slice(&slot.to_le_bytes());
    w.write(&buf);
    Hash256::from_bytes(w.finish())
}

/// The PoN hash of a PoN header (`None` for a PoW header).
pub fn header_pon_hash(network: Network, header: &BlockHeader) -> Option<Hash256> {
    match &header.proof {
        HeaderProof::Pon { collateral, .. } => Some(pon_hash(
            collateral,
            &header.prev_block,
            slot(network, header.time),
        )),
        HeaderProof::Pow { .. } => None,
    }
}

/// True when `hash`, read as a little-endian 256-bit number, is at most the target of `bits`.
pub fn meets_target(hash: &Hash256, bits: CompactTarget) -> bool {
    match bits.target() {
        Ok(t) => U256::from_le_bytes(hash.to_bytes()) <= t,
        Err(_) => false,
    }
}

/// fluxd's tie-break between two PoN blocks of equal work: `uint256 <` is a `memcmp` over
/// the internal bytes, byte 0 first. `Ordering::Less` means `a` wins.
pub fn tie_break(a: &Hash256, b: &Hash256) -> Ordering {
    a.as_bytes().cmp(b.as_bytes())
}

/// The emergency-block collateral: txid of 32 × 0x11, index 0.
pub fn is_emergency_collateral(c: &OutPoint) -> bool {
    c.txid == Txid::from_bytes([0x11; 32]) && c.vout == 0
}

/// The testnet/regtest bypass collateral ("DONTSET" txid, index 0) that skips the signature.
pub fn is_bypass_collateral(network: Network, c: &OutPoint) -> bool {
    let mut b = [0u8; 32];
    b[25..].copy_from_slice(b"DONTSET");
    consensus_params(network).bypass_collateral && c.txid == Txid::from_bytes(b) && c.vout == 0
}

/// Why a PoN block signature does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SignatureFault {
    /// `vchBlockSig` is not a DER signature.
    #[error("not a DER signature")]
    NotDer,
    /// A well-formed signature by another key (or over another hash).
    #[error("not signed by the given key")]
    WrongKey,
}

/// Verifies a DER block signature (high-S accepted, as fluxd normalizes) over the block
/// hash by `public_key`.
///
/// ```
/// use flux_consensus::pon::{verify_block_signature, SignatureFault};
/// use flux_primitives::hash::BlockHash;
/// use flux_primitives::PublicKey;
///
/// let key: PublicKey = "02b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb561".parse().unwrap();
/// let hash = BlockHash::from_bytes([1; 32]);
/// assert_eq!(verify_block_signature(&hash, &[0x30, 0x00], &key), Err(SignatureFault::NotDer));
/// ```
pub fn verify_block_signature(
    hash: &BlockHash,
    signature: &[u8],
    public_key: &flux_primitives::PublicKey,
) -> Result<(), SignatureFault> {
    let mut sig = Signature::from_der(signature).map_err(|_| SignatureFault::NotDer)?;
    sig.normalize_s();
    let msg = Message::from_digest(hash.to_bytes());
    SECP256K1
        .verify_ecdsa(&msg, &sig, public_key.inner())
        .map_err(|_| SignatureFault::WrongKey)
}

/// Every public key that could have made this DER signature over the block hash (up to
/// four; the caller looks them up in its fluxnode list).
pub fn recover_candidate_keys(hash: &BlockHash, signature: &[u8]) -> Vec<PublicKey> {
    let Ok(mut sig) = Signature::from_der(signature) else {
        return Vec::new();
    };
    sig.normalize_s();
    let compact = sig.serialize_compact();
    let msg = Message::from_digest(hash.to_bytes());
    (0..4)
        .filter_map(|id| {
            let rid = RecoveryId::from_i32(id).ok()?;
            let rs = RecoverableSignature::from_compact(&compact, rid).ok()?;
            SECP256K1.recover_ecdsa(&msg, &rs).ok()
        })
        .collect()
}

/// The emergency keys of a network (compressed, hex).
pub fn emergency_keys(network: Network) -> [&'static str; 4] {
    consensus_params(network).emergency_keys
}

/// Why an emergency block's signature vector does not hold (spec 5.9).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmergencyFault {
    /// The vector is larger than `MAX_EMERGENCY_BLOCK_SIG_SIZE`.
    #[error("signature vector is {len} bytes, over {MAX_EMERGENCY_BLOCK_SIG_SIZE}")]
    TooLarge {
        /// Its size.
        len: usize,
    },
    /// The vector does not decode as a list of byte strings.
    #[error("signature vector: {0}")]
    Malformed(flux_primitives::Error),
    /// Too few or too many signatures.
    #[error("{count} signatures; need between {min} and {max}")]
    Count {
        /// Signatures given.
        count: usize,
        /// Minimum.
        min: usize,
        /// Maximum (the number of keys).
        max: usize,
    },
    /// A signature longer than 73 bytes.
    #[error("a signature is longer than 73 bytes")]
    SignatureTooLong,
    /// Not enough signatures by distinct emergency keys.
    #[error("{valid} valid emergency signatures; {min} required")]
    NotEnoughValid {
        /// Valid signatures by distinct keys.
        valid: usize,
        /// Required.
        min: usize,
    },
}

/// Checks an emergency block's signature vector (spec 5.9).
///
/// ```
/// use flux_consensus::pon::{verify_emergency_signatures, EmergencyFault};
/// use flux_primitives::hash::BlockHash;
/// use flux_primitives::Network;
///
/// let hash = BlockHash::from_bytes([1; 32]);
/// // An empty vector (count 0): too few signatures.
/// assert_eq!(
///     verify_emergency_signatures(Network::Main, &hash, &[0]),
///     Err(EmergencyFault::Count { count: 0, min: 2, max: 4 })
/// );
/// ```
pub fn verify_emergency_signatures(
    network: Network,
    hash: &BlockHash,
    block_sig: &[u8],
) -> Result<(), EmergencyFault> {
    if block_sig.len() > MAX_EMERGENCY_BLOCK_SIG_SIZE {
        return Err(EmergencyFault::TooLarge {
            len: block_sig.len(),
        });
    }
    let mut r = Reader::new(block_sig);
    let count = r.read_count(1).map_err(EmergencyFault::Malformed)?;
    let mut sigs = Vec::with_capacity(count);
    for _ in 0..count {
        sigs.push(r.read_var_bytes().map_err(EmergencyFault::Malformed)?);
    }
    r.finish().map_err(EmergencyFault::Malformed)?;
    let keys = emergency_keys(network);
    let min = consensus_params(network).emergency_min_signatures;
    if sigs.len() < min || sigs.len() > keys.len() {
        return Err(EmergencyFault::Count {
            count: sigs.len(),
            min,
            max: keys.len(),
        });
    }
    if sigs.iter().any(|s| s.len() > 73) {
        return Err(EmergencyFault::SignatureTooLong);
    }
    if network == Network::Regtest {
        return Ok(());
    }
    let keys: Vec<Option<flux_primitives::PublicKey>> =
        keys.iter().map(|k| k.parse().ok()).collect();
    let mut used = [false; 4];
    let mut valid = 0;
    for sig in &sigs {
        for (i, key) in keys.iter().enumerate() {
            let (Some(false), Some(key)) = (used.get(i).copied(), key) else {
                continue;
            };
            if verify_block_signature(hash, sig, key).is_ok() {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                valid += 1;
                break;
            }
        }
        if valid >= min {
            return Ok(());
        }
    }
    Err(EmergencyFault::NotEnoughValid { valid, min })
}
