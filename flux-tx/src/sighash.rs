//! Signature hashes for transparent inputs (spec 7.8): legacy (v1/v2), ZIP-143 (v3) and
//! ZIP-243 (v4), exactly as fluxd's `SignatureHash`.
//!
//! The consensus branch id is an explicit input (fluxd uses the branch id of the block
//! being validated: `0x76b809bb` on mainnet from height 125 000 on; see
//! [`flux_primitives::Upgrade::branch_id_at`]).
//!
//! [`SighashCache`] computes the per-transaction digests (hashPrevouts, hashSequence,
//! hashOutputs, hashJoinSplits, hashShieldedSpends, hashShieldedOutputs) once, so signing or
//! verifying every input of a transaction is linear in its size.
//!
//! Two behaviours differ from Bitcoin, following fluxd: SIGHASH_SINGLE without a matching
//! output is an error (no "hash = 1"), and the scriptCode is hashed as given (fluxd does no
//! `OP_CODESEPARATOR` removal; the opcode is disabled in its script engine).

use flux_primitives::codec::{write_compact_size, Encode};
use flux_primitives::hash::{Blake2b256Writer, Sha256dWriter};

use crate::transaction::{StandardTx, TxFormat};
use crate::Error;

/// SIGHASH_ALL.
pub const SIGHASH_ALL: u32 = 1;
/// SIGHASH_NONE.
pub const SIGHASH_NONE: u32 = 2;
/// SIGHASH_SINGLE.
pub const SIGHASH_SINGLE: u32 = 3;
/// The ANYONECANPAY flag.
pub const SIGHASH_ANYONECANPAY: u32 = 0x80;

/// Parses `ALL`, `NONE`, `SINGLE`, each optionally followed by `|ANYONECANPAY`
/// (case-insensitive), or a decimal/`0x` hex number.
pub fn parse_hash_type(s: &str) -> Option<u32> {
    let t = s.trim().to_ascii_uppercase();
    if let Some(h) = t.strip_prefix("0X") {
        return u32::from_str_radix(h, 16).ok();
    }
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let (base, flag) = match t.split_once('|') {
        Some((b, "ANYONECANPAY")) => (b, SIGHASH_ANYONECANPAY),
        Some(_) => return None,
        None => (t.as_str(), 0),
    };
    let base = match base {
        "ALL" => SIGHASH_ALL,
        "NONE" => SIGHASH_NONE,
        "SINGLE" => SIGHASH_SINGLE,
        _ => return None,
    };
    Some(base | flag)
}

/// The name of a hash type (`ALL`, `SINGLE|ANYONECANPAY`, ...), or its number if it is not
/// one of the six defined ones.
pub fn hash_type_name(hash_type: u32) -> String {
    let base = match hash_type & !SIGHASH_ANYONECANPAY {
        SIGHASH_ALL => "ALL",
        SIGHASH_NONE => "NONE",
        SIGHASH_SINGLE => "SINGLE",
        _ => return hash_type.to_string(),
    };
    if hash_type & SIGHASH_ANYONECANPAY != 0 {
        format!("{base}|ANYONECANPAY")
    } else {
        base.to_string()
    }
}

const PREVOUTS: &[u8; 16] = b"ZcashPrevoutHash";
const SEQUENCE: &[u8; 16] = b"ZcashSequencHash";
const OUTPUTS: &[u8; 16] = b"ZcashOutputsHash";
const JOINSPLITS: &[u8; 16] = b"ZcashJSplitsHash";
const SPENDS: &[u8; 16] = b"ZcashSSpendsHash";
const SHIELDED_OUTPUTS: &[u8; 16] = b"ZcashSOutputHash";

/// What is being signed: a transparent input with its scriptCode and amount, or the
/// transaction as a whole ("no input", for JoinSplit and Sapling signatures).
#[derive(Debug, Clone, Copy)]
pub enum SignedInput<'s> {
    /// A transparent input.
    Input {
        /// Its index.
        index: usize,
        /// The script being executed (scriptPubKey, or the redeem script for P2SH).
        script_code: &'s [u8],
        /// The value of the spent output in zatoshis (ZIP-143/243 only).
        amount: i64,
    },
    /// fluxd's `NOT_AN_INPUT`.
    NoInput,
}

/// Per-transaction digests for ZIP-143/243, computed once.
#[derive(Debug, Clone)]
pub struct SighashCache<'t> {
    tx: &'t StandardTx,
    prevouts: [u8; 32],
    sequence: [u8; 32],
    outputs: [u8; 32],
    join_splits: [u8; 32],
    spends: [u8; 32],
    shielded_outputs: [u8; 32],
}

impl<'t> SighashCache<'t> {
    /// Computes the digests of `tx` (linear in its size).
    pub fn new(tx: &'t StandardTx) -> Self {
        let mut buf = Vec::new();
        let mut prevouts = Blake2b256Writer::new(PREVOUTS);
        let mut sequence = Blake2b256Writer::new(SEQUENCE);
        for i in &tx.inputs {
            buf.clear();
            i.prevout.encode(&mut buf);
            prevouts.write(&buf);
            sequence.write(&i.sequence.to_le_bytes());
        }
        let mut outputs = Blake2b256Writer::new(OUTPUTS);
        for o in &tx.outputs {
            buf.clear();
            o.encode(&mut buf);
            outputs.write(&buf);
        }
        let mut js = Blake2b256Writer::new(JOINSPLITS);
        for j in &tx.join_splits {
            buf.clear();
            j.write(&mut buf);
            js.write(&buf);
        }
        js.write(&tx.join_split_pubkey);
        let mut spends = Blake2b256Writer::new(SPENDS);
        for s in &tx.shielded_spends {
            buf.clear();
            s.write_without_sig(&mut buf);
            spends.write(&buf);
        }
        let mut souts = Blake2b256Writer::new(SHIELDED_OUTPUTS);
        for o in &tx.shielded_outputs {
            buf.clear();
            o.write(&mut buf);
            souts.write(&buf);
        }
        SighashCache {
            tx,
            prevouts: prevouts.finish(),
            sequence: sequence.finish(),
            outputs: outputs.finish(),
            join_splits: js.finish(),
            spends: spends.finish(),
            shielded_outputs: souts.finish(),
        }
    }

    /// The transaction this cache belongs to.
    pub fn tx(&self) -> &'t StandardTx {
        self.tx
    }

    /// The signature hash, in the byte order that is signed (internal order; Zcash's
    /// sighash.json shows it reversed).
    pub fn signature_hash(
        &self,
        signed: SignedInput<'_>,
        hash_type: u32,
        branch_id: u32,
    ) -> Result<[u8; 32], Error> {
        let tx = self.tx;
        if let SignedInput::Input { index, .. } = signed {
            if index >= tx.inputs.len() {
                return Err(Error::InputOutOfRange {
                    index,
                    inputs: tx.inputs.len(),
                });
            }
        }
        match tx.format {
            TxFormat::Sprout(_) => legacy(tx, signed, hash_type),
            TxFormat::Overwinter | TxFormat::Sapling => {
                Ok(self.zip143(signed, hash_type, branch_id))
            }
        }
    }

    fn zip143(&self, signed: SignedInput<'_>, hash_type: u32, branch_id: u32) -> [u8; 32] {
        let tx = self.tx;
        let base = hash_type & 0x1f;
        let anyone = hash_type & SIGHASH_ANYONECANPAY != 0;
        let zero = [0u8; 32];
        let prevouts = if anyone { zero } else { self.prevouts };
        let sequence = if !anyone && base != SIGHASH_SINGLE && base != SIGHASH_NONE {
            self.sequence
        } else {
            zero
        };
        let outputs = if base != SIGHASH_SINGLE && base != SIGHASH_NONE {
            self.outputs
        } else {
            match signed {
                SignedInput::Input { index, .. } if base == SIGHASH_SINGLE => {
                    match tx.outputs.get(index) {
                        Some(o) => {
                            let mut h = Blake2b256Writer::new(OUTPUTS);
                            let mut buf = Vec::with_capacity(o.encoded_len());
                            o.encode(&mut buf);
                            h.write(&buf);
                            h.finish()
                        }
                        None => zero,
                    }
                }
                _ => zero,
            }
        };
        let join_splits = if tx.join_splits.is_empty() {
            zero
        } else {
            self.join_splits
        };
        let mut personal = [0u8; 16];
        personal[..12].copy_from_slice(b"ZcashSigHash");
        personal[12..].copy_from_slice(&branch_id.to_le_bytes());
        let mut h = Blake2b256Writer::new(&personal);
        h.write(&tx.format.header().to_le_bytes());
        h.write(&tx.format.version_group_id().to_le_bytes());
        h.write(&prevouts);
        h.write(&sequence);
        h.write(&outputs);
        h.write(&join_splits);
        let sapling = tx.format == TxFormat::Sapling;
        if sapling {
            h.write(if tx.shielded_spends.is_empty() {
                &zero
            } else {
                &self.spends
            });
            h.write(if tx.shielded_outputs.is_empty() {
                &zero
            } else {
                &self.shielded_outputs
            });
        }
        h.write(&tx.lock_time.to_le_bytes());
        h.write(&tx.expiry_height.to_le_bytes());
        if sapling {
            h.write(&tx.value_balance.to_le_bytes());
        }
        h.write(&hash_type.to_le_bytes());
        if let SignedInput::Input {
            index,
            script_code,
            amount,
        } = signed
        {
            if let Some(input) = tx.inputs.get(index) {
                let mut buf = Vec::with_capacity(script_code.len() + 64);
                input.prevout.encode(&mut buf);
                write_compact_size(&mut buf, script_code.len() as u64);
                buf.extend_from_slice(script_code);
                buf.extend_from_slice(&amount.to_le_bytes());
                buf.extend_from_slice(&input.sequence.to_le_bytes());
                h.write(&buf);
            }
        }
        h.finish()
    }
}

/// One signature hash without a cache (computes the digests it needs).
pub fn signature_hash(
    tx: &StandardTx,
    signed: SignedInput<'_>,
    hash_type: u32,
    branch_id: u32,
) -> Result<[u8; 32], Error> {
    SighashCache::new(tx).signature_hash(signed, hash_type, branch_id)
}

/// fluxd's `CTransactionSignatureSerializer` followed by SHA-256d.
fn legacy(tx: &StandardTx, signed: SignedInput<'_>, hash_type: u32) -> Result<[u8; 32], Error> {
    let base = hash_type & 0x1f;
    let anyone = hash_type & SIGHASH_ANYONECANPAY != 0;
    let single = base == SIGHASH_SINGLE;
    let none = base == SIGHASH_NONE;
    let (n_in, script_code) = match signed {
        SignedInput::Input {
            index, script_code, ..
        } => (Some(index), script_code),
        SignedInput::NoInput => (None, &[][..]),
    };
    if single && n_in.is_none_or(|i| i >= tx.outputs.len()) {
        return Err(Error::SingleWithoutOutput {
            index: n_in.unwrap_or(usize::MAX),
            outputs: tx.outputs.len(),
        });
    }
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(&tx.format.version().to_le_bytes());
    if anyone {
        let Some(i) = n_in else {
            return Err(Error::InputOutOfRange {
                index: usize::MAX,
                inputs: tx.inputs.len(),
            });
        };
        write_compact_size(&mut out, 1);
        if let Some(input) = tx.inputs.get(i) {
            input.prevout.encode(&mut out);
            write_compact_size(&mut out, script_code.len() as u64);
            out.extend_from_slice(script_code);
            out.extend_from_slice(&input.sequence.to_le_bytes());
        }
    } else {
        write_compact_size(&mut out, tx.inputs.len() as u64);
        for (k, input) in tx.inputs.iter().enumerate() {
            input.prevout.encode(&mut out);
            if Some(k) == n_in {
                write_compact_size(&mut out, script_code.len() as u64);
                out.extend_from_slice(script_code);
                out.extend_from_slice(&input.sequence.to_le_bytes());
            } else {
                out.push(0);
                let seq = if single || none { 0 } else { input.sequence };
                out.extend_from_slice(&seq.to_le_bytes());
            }
        }
    }
    let n_out = if none {
        0
    } else if single {
        n_in.map_or(0, |i| i + 1)
    } else {
        tx.outputs.len()
    };
    write_compact_size(&mut out, n_out as u64);
    for (k, o) in tx.outputs.iter().take(n_out).enumerate() {
        if single && Some(k) != n_in {
            // CTxOut(): value -1, empty script.
            out.extend_from_slice(&(-1i64).to_le_bytes());
            out.push(0);
        } else {
            o.encode(&mut out);
        }
    }
    out.extend_from_slice(&tx.lock_time.to_le_bytes());
    if tx.format.has_join_splits() {
        write_compact_size(&mut out, tx.join_splits.len() as u64);
        for j in &tx.join_splits {
            j.write(&mut out);
        }
        if !tx.join_splits.is_empty() {
            out.extend_from_slice(&tx.join_split_pubkey);
            out.extend_from_slice(&[0u8; 64]);
        }
    }
    out.extend_from_slice(&hash_type.to_le_bytes());
    let mut h = Sha256dWriter::new();
    h.write(&out);
    Ok(h.finish())
}
