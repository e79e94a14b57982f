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
use flux_primitives::BranchId;

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

/// A signature hash type: which inputs and outputs a signature commits to (`ALL`, `NONE`,
/// `SINGLE`, each optionally with `ANYONECANPAY`).
///
/// Any 32-bit value is representable, because consensus hashes whatever byte a signature
/// carries; [`SighashType::is_standard`] tells the six defined ones. `Display` gives fluxd's
/// names (`ALL|ANYONECANPAY`) or the number for others; `FromStr` takes the names
/// (case-insensitive) or a decimal or `0x` hex number.
///
/// ```
/// use flux_tx::sighash::SighashType;
///
/// let t: SighashType = "all|anyonecanpay".parse().unwrap();
/// assert_eq!(t.to_consensus(), 0x81);
/// assert_eq!(t.to_string(), "ALL|ANYONECANPAY");
/// assert_eq!(SighashType::from_consensus(1), SighashType::ALL);
/// assert_eq!("0x41".parse::<SighashType>().unwrap().to_string(), "65");
/// assert!("EVERYTHING".parse::<SighashType>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SighashType(u32);

impl SighashType {
    /// SIGHASH_ALL: every input and output.
    pub const ALL: SighashType = SighashType(SIGHASH_ALL);
    /// SIGHASH_NONE: every input, no output.
    pub const NONE: SighashType = SighashType(SIGHASH_NONE);
    /// SIGHASH_SINGLE: every input and the output with the same index.
    pub const SINGLE: SighashType = SighashType(SIGHASH_SINGLE);
    /// SIGHASH_ALL|ANYONECANPAY: this input only, every output.
    pub const ALL_ANYONECANPAY: SighashType = SighashType(SIGHASH_ALL | SIGHASH_ANYONECANPAY);
    /// SIGHASH_NONE|ANYONECANPAY: this input only, no output.
    pub const NONE_ANYONECANPAY: SighashType = SighashType(SIGHASH_NONE | SIGHASH_ANYONECANPAY);
    /// SIGHASH_SINGLE|ANYONECANPAY: this input and its output.
    pub const SINGLE_ANYONECANPAY: SighashType = SighashType(SIGHASH_SINGLE | SIGHASH_ANYONECANPAY);

    /// The hash type with this consensus value (any value; see [`Self::is_standard`]).
    pub const fn from_consensus(value: u32) -> SighashType {
        SighashType(value)
    }

    /// The consensus value (hashed as 4 bytes; its low byte ends a signature).
    pub const fn to_consensus(self) -> u32 {
        self.0
    }

    /// True when ANYONECANPAY is set: other inputs may be added after signing.
    pub const fn anyone_can_pay(self) -> bool {
        self.0 & SIGHASH_ANYONECANPAY != 0
    }

    /// True for the six defined types (fluxd's `IsDefinedHashtypeSignature`, a standardness
    /// rule).
    pub const fn is_standard(self) -> bool {
        let base = self.0 & !SIGHASH_ANYONECANPAY;
        base >= SIGHASH_ALL && base <= SIGHASH_SINGLE
    }

    fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            SIGHASH_ALL => "ALL",
            SIGHASH_NONE => "NONE",
            SIGHASH_SINGLE => "SINGLE",
            0x81 => "ALL|ANYONECANPAY",
            0x82 => "NONE|ANYONECANPAY",
            0x83 => "SINGLE|ANYONECANPAY",
            _ => return None,
        })
    }
}

impl Default for SighashType {
    /// `ALL`, what wallets sign with.
    fn default() -> Self {
        SighashType::ALL
    }
}

impl core::fmt::Display for SighashType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "{}", self.0),
        }
    }
}

impl core::str::FromStr for SighashType {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        parse_hash_type(s)
            .map(SighashType)
            .ok_or_else(|| Error::UnknownSighashType {
                text: s.to_string(),
            })
    }
}

fn parse_hash_type(s: &str) -> Option<u32> {
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

/// A signature hash: the 32 bytes an ECDSA signature signs.
///
/// [`SighashDigest::as_bytes`] is the signed (internal) order. `Display` is the reversed,
/// display order that Zcash's `sighash.json` vectors and `flux tx sighash` show, so nobody
/// reverses it by hand.
///
/// ```
/// use flux_tx::sighash::SighashDigest;
///
/// let mut bytes = [0u8; 32];
/// bytes[0] = 0xab;
/// let d = SighashDigest::from_bytes(bytes);
/// assert!(d.to_string().ends_with("ab"));
/// assert_eq!(d.as_bytes()[0], 0xab);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SighashDigest([u8; 32]);

impl SighashDigest {
    /// Wraps a digest in signed (internal) byte order.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        SighashDigest(bytes)
    }

    /// The digest in signed (internal) byte order.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The digest in signed (internal) byte order.
    pub const fn to_bytes(self) -> [u8; 32] {
        self.0
    }
}

impl core::fmt::Display for SighashDigest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for b in self.0.iter().rev() {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl AsRef<[u8]> for SighashDigest {
    /// The signed (internal) byte order.
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl serde::Serialize for SighashDigest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
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
        hash_type: SighashType,
        branch_id: BranchId,
    ) -> Result<SighashDigest, Error> {
        let (hash_type, branch_id) = (hash_type.to_consensus(), branch_id.to_consensus());
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
        .map(SighashDigest)
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
    hash_type: SighashType,
    branch_id: BranchId,
) -> Result<SighashDigest, Error> {
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
