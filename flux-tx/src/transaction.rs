//! The transaction: header word, standard body (v1..v4) or fluxnode body (v5, v6), and the
//! codec, txid and full-serialization hash.

use flux_primitives::codec::{write_compact_size, write_vec, Decode, Encode, Reader};
use flux_primitives::hash::{Hash256, Sha256dWriter, Txid};

use crate::fluxnode::{FluxnodeTx, FluxnodeVersion, WriteMode};
use crate::shielded::{
    JoinSplit, OutputDescription, SpendDescription, JOINSPLIT_GROTH_LEN, JOINSPLIT_PHGR_LEN,
    OUTPUT_DESCRIPTION_LEN, SPEND_DESCRIPTION_LEN,
};
use crate::transparent::{TxIn, TxOut, MIN_TXIN_LEN, MIN_TXOUT_LEN};
use crate::Error;

/// Overwinter (v3) version group id.
pub const OVERWINTER_VERSION_GROUP_ID: u32 = 0x03c4_8270;
/// Sapling (v4) version group id.
pub const SAPLING_VERSION_GROUP_ID: u32 = 0x892f_2085;

/// The format of a standard (non-fluxnode) transaction, from its header word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TxFormat {
    /// Not overwintered: version 1, 2 (JoinSplits from 2 on) or any other value fluxd
    /// parses with this layout, except 5 and 6 which are fluxnode transactions.
    Sprout(u32),
    /// Overwintered v3 with group id 0x03c48270.
    Overwinter,
    /// Overwintered v4 with group id 0x892f2085.
    Sapling,
}

impl TxFormat {
    /// The 31-bit version.
    pub fn version(self) -> u32 {
        match self {
            TxFormat::Sprout(v) => v & 0x7fff_ffff,
            TxFormat::Overwinter => 3,
            TxFormat::Sapling => 4,
        }
    }

    /// True for v3 and v4.
    pub fn is_overwintered(self) -> bool {
        !matches!(self, TxFormat::Sprout(_))
    }

    /// The header word: version with bit 31 set when overwintered.
    pub fn header(self) -> u32 {
        if self.is_overwintered() {
            self.version() | 0x8000_0000
        } else {
            self.version()
        }
    }

    /// The version group id (0 when not overwintered, as fluxd's field).
    pub fn version_group_id(self) -> u32 {
        match self {
            TxFormat::Sprout(_) => 0,
            TxFormat::Overwinter => OVERWINTER_VERSION_GROUP_ID,
            TxFormat::Sapling => SAPLING_VERSION_GROUP_ID,
        }
    }

    /// True when JoinSplits are serialized (version 2 and up).
    pub fn has_join_splits(self) -> bool {
        self.version() >= 2
    }

    /// True when JoinSplit proofs are Groth16 (overwintered with version 4 and up).
    pub fn groth_join_splits(self) -> bool {
        self.is_overwintered() && self.version() >= 4
    }
}

/// A standard transaction: transparent inputs and outputs plus the Sprout and Sapling
/// parts its format carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StandardTx {
    /// Version and format.
    pub format: TxFormat,
    /// Transparent inputs.
    pub inputs: Vec<TxIn>,
    /// Transparent outputs.
    pub outputs: Vec<TxOut>,
    /// `nLockTime`.
    pub lock_time: u32,
    /// `nExpiryHeight` (v3/v4 only; 0 otherwise).
    pub expiry_height: u32,
    /// Sapling value balance in zatoshis (v4 only).
    pub value_balance: i64,
    /// Sapling spends (v4 only).
    pub shielded_spends: Vec<SpendDescription>,
    /// Sapling outputs (v4 only).
    pub shielded_outputs: Vec<OutputDescription>,
    /// Sprout JoinSplits (version 2 and up).
    pub join_splits: Vec<JoinSplit>,
    /// JoinSplit Ed25519 public key (written only when there are JoinSplits).
    pub join_split_pubkey: [u8; 32],
    /// JoinSplit signature (written only when there are JoinSplits).
    pub join_split_sig: [u8; 64],
    /// Sapling binding signature (written only with spends or outputs).
    pub binding_sig: [u8; 64],
}

impl StandardTx {
    /// An empty transaction of the given format.
    pub fn new(format: TxFormat) -> Self {
        StandardTx {
            format,
            inputs: Vec::new(),
            outputs: Vec::new(),
            lock_time: 0,
            expiry_height: 0,
            value_balance: 0,
            shielded_spends: Vec::new(),
            shielded_outputs: Vec::new(),
            join_splits: Vec::new(),
            join_split_pubkey: [0; 32],
            join_split_sig: [0; 64],
            binding_sig: [0; 64],
        }
    }

    /// True when the single input spends the null outpoint.
    pub fn is_coinbase(&self) -> bool {
        matches!(self.inputs.as_slice(), [only] if only.prevout.is_null())
    }

    /// True when the binding signature is on the wire.
    pub fn has_sapling_parts(&self) -> bool {
        !(self.shielded_spends.is_empty() && self.shielded_outputs.is_empty())
    }

    fn read_body(r: &mut Reader<'_>, format: TxFormat) -> Result<Self, Error> {
        let mut tx = StandardTx::new(format);
        tx.inputs = r.read_vec(MIN_TXIN_LEN)?;
        tx.outputs = r.read_vec(MIN_TXOUT_LEN)?;
        tx.lock_time = r.read_u32()?;
        if format.is_overwintered() {
            tx.expiry_height = r.read_u32()?;
        }
        if format == TxFormat::Sapling {
            tx.value_balance = r.read_i64()?;
            let n = r.read_count(SPEND_DESCRIPTION_LEN)?;
            tx.shielded_spends = Vec::with_capacity(n);
            for _ in 0..n {
                tx.shielded_spends.push(SpendDescription::read(r)?);
            }
            let n = r.read_count(OUTPUT_DESCRIPTION_LEN)?;
            tx.shielded_outputs = Vec::with_capacity(n);
            for _ in 0..n {
                tx.shielded_outputs.push(OutputDescription::read(r)?);
            }
        }
        if format.has_join_splits() {
            let groth = format.groth_join_splits();
            let len = if groth {
                JOINSPLIT_GROTH_LEN
            } else {
                JOINSPLIT_PHGR_LEN
            };
            let n = r.read_count(len)?;
            tx.join_splits = Vec::with_capacity(n);
            for _ in 0..n {
                tx.join_splits.push(JoinSplit::read(r, groth)?);
            }
            if n > 0 {
                tx.join_split_pubkey = r.read_array()?;
                tx.join_split_sig = r.read_array()?;
            }
        }
        if format == TxFormat::Sapling && tx.has_sapling_parts() {
            tx.binding_sig = r.read_array()?;
        }
        Ok(tx)
    }

    fn write(&self, out: &mut Vec<u8>) {
        let f = self.format;
        out.extend_from_slice(&f.header().to_le_bytes());
        if f.is_overwintered() {
            out.extend_from_slice(&f.version_group_id().to_le_bytes());
        }
        write_vec(out, &self.inputs);
        write_vec(out, &self.outputs);
        out.extend_from_slice(&self.lock_time.to_le_bytes());
        if f.is_overwintered() {
            out.extend_from_slice(&self.expiry_height.to_le_bytes());
        }
        if f == TxFormat::Sapling {
            out.extend_from_slice(&self.value_balance.to_le_bytes());
            write_compact_size(out, self.shielded_spends.len() as u64);
            for s in &self.shielded_spends {
                s.write(out);
            }
            write_compact_size(out, self.shielded_outputs.len() as u64);
            for o in &self.shielded_outputs {
                o.write(out);
            }
        }
        if f.has_join_splits() {
            write_compact_size(out, self.join_splits.len() as u64);
            for js in &self.join_splits {
                js.write(out);
            }
            if !self.join_splits.is_empty() {
                out.extend_from_slice(&self.join_split_pubkey);
                out.extend_from_slice(&self.join_split_sig);
            }
        }
        if f == TxFormat::Sapling && self.has_sapling_parts() {
            out.extend_from_slice(&self.binding_sig);
        }
    }

    /// Length of the serialization.
    pub(crate) fn encoded_len(&self) -> usize {
        use flux_primitives::codec::compact_size_len as cs;
        let f = self.format;
        let mut n = 4 + if f.is_overwintered() { 8 } else { 0 };
        n += cs(self.inputs.len() as u64)
            + self.inputs.iter().map(Encode::encoded_len).sum::<usize>();
        n += cs(self.outputs.len() as u64)
            + self.outputs.iter().map(Encode::encoded_len).sum::<usize>();
        n += 4;
        if f == TxFormat::Sapling {
            n += 8
                + cs(self.shielded_spends.len() as u64)
                + self.shielded_spends.len() * SPEND_DESCRIPTION_LEN
                + cs(self.shielded_outputs.len() as u64)
                + self.shielded_outputs.len() * OUTPUT_DESCRIPTION_LEN;
            if self.has_sapling_parts() {
                n += 64;
            }
        }
        if f.has_join_splits() {
            n += cs(self.join_splits.len() as u64)
                + self
                    .join_splits
                    .iter()
                    .map(JoinSplit::encoded_len)
                    .sum::<usize>();
            if !self.join_splits.is_empty() {
                n += 96;
            }
        }
        n
    }
}

/// Any Flux transaction.
///
/// ```
/// use flux_primitives::codec::{decode_exact, encode_to_vec};
/// use flux_tx::Transaction;
///
/// // fluxd's v5 START vector from the spec (signature omitted from the txid).
/// let hex = "0500000002efcdab9078563412efcdab9078563412efcdab9078563412efcdab9078563412010000002103d5cdcca8b864f3bee70e0f570cbea198f3afe577fa8e53dcb50ca47ab3ac70ec2102b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb56100f153654120a9a4da4130972b8f8118ff49b0af47d9716866435079301fd214acc7246d4be3479ec8d3b2f41892ec3a5052679a6ef6dca1f490ca474aff5c752a954dfbf4ca";
/// let bytes = hex::decode(hex).unwrap();
/// let tx: Transaction = decode_exact(&bytes).unwrap();
/// assert_eq!(encode_to_vec(&tx), bytes);
/// assert_eq!(tx.txid().to_string(), "e24965183282fd7c308830688ece31078df256c60ba09e841cd0440d351ced3c");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Transaction {
    /// v1..v4.
    Standard(StandardTx),
    /// v5/v6 fluxnode START or CONFIRM.
    Fluxnode(FluxnodeTx),
}

impl Transaction {
    /// The 31-bit version.
    pub fn version(&self) -> u32 {
        match self {
            Transaction::Standard(t) => t.format.version(),
            Transaction::Fluxnode(f) => f.version().number(),
        }
    }

    /// The standard transaction, if this is one.
    pub fn as_standard(&self) -> Option<&StandardTx> {
        match self {
            Transaction::Standard(t) => Some(t),
            Transaction::Fluxnode(_) => None,
        }
    }

    /// The fluxnode transaction, if this is one.
    pub fn as_fluxnode(&self) -> Option<&FluxnodeTx> {
        match self {
            Transaction::Fluxnode(f) => Some(f),
            Transaction::Standard(_) => None,
        }
    }

    /// Decodes a whole transaction from `bytes` (no trailing bytes allowed).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        flux_primitives::codec::decode_exact(bytes)
    }

    /// The transaction decoder; reached through [`Decode::decode`] (the one entry point).
    fn read_one(r: &mut Reader<'_>) -> Result<Self, Error> {
        let offset = r.position();
        let header = r.read_u32()?;
        let overwintered = header >> 31 == 1;
        let version = header & 0x7fff_ffff;
        let format = if overwintered {
            let gid_offset = r.position();
            let group_id = r.read_u32()?;
            match (version, group_id) {
                (3, OVERWINTER_VERSION_GROUP_ID) => TxFormat::Overwinter,
                (4, SAPLING_VERSION_GROUP_ID) => TxFormat::Sapling,
                (3 | 4, _) => {
                    return Err(Error::UnknownVersionGroupId {
                        group_id,
                        version,
                        offset: gid_offset,
                    })
                }
                _ => return Err(Error::UnknownVersion { version, offset }),
            }
        } else {
            match version {
                5 => {
                    return Ok(Transaction::Fluxnode(FluxnodeTx::read(
                        r,
                        FluxnodeVersion::V5,
                    )?))
                }
                6 => {
                    return Ok(Transaction::Fluxnode(FluxnodeTx::read(
                        r,
                        FluxnodeVersion::V6,
                    )?))
                }
                v => TxFormat::Sprout(v),
            }
        };
        Ok(Transaction::Standard(StandardTx::read_body(r, format)?))
    }

    pub(crate) fn write_mode(&self, out: &mut Vec<u8>, mode: WriteMode) {
        match self {
            Transaction::Standard(t) => t.write(out),
            Transaction::Fluxnode(f) => f.write(out, mode),
        }
    }

    /// The bytes exactly as they were decoded (the codec's [`Encode`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.encoded_len());
        self.write_mode(&mut v, WriteMode::WIRE);
        v
    }

    /// fluxd's own re-serialization of this transaction (what `getrawtransaction` returns).
    /// It equals [`Transaction::to_bytes`] unless a fluxnode field was non-canonical
    /// (a `fUsingDelegates` byte other than 0/1, or a public key whose length prefix
    /// disagrees with its first byte; spec 1.1).
    pub fn to_fluxd_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.encoded_len());
        self.write_mode(&mut v, WriteMode::FLUXD);
        v
    }

    /// True when fluxd re-serializes the transaction to the bytes it was decoded from.
    pub fn is_canonical(&self) -> bool {
        self.to_bytes() == self.to_fluxd_bytes()
    }

    /// The bytes the txid is the hash of: fluxd's `SER_GETHASH` serialization, which for
    /// fluxnode transactions leaves out the signature fields (spec 7.6).
    pub fn txid_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.encoded_len());
        self.write_mode(&mut v, WriteMode::TXID);
        v
    }

    /// The transaction id, as fluxd computes it (spec 7.6).
    pub fn txid(&self) -> Txid {
        match self {
            Transaction::Standard(t) => {
                let mut v = Vec::with_capacity(t.encoded_len());
                t.write(&mut v);
                Txid::hash(&v)
            }
            Transaction::Fluxnode(_) => Txid::hash(&self.txid_bytes()),
        }
    }

    /// **Not the txid.** The SHA-256d of the *full* serialization (fluxd's form, signatures
    /// included), which is what the Insight explorer lists as the "txid" of a fluxnode
    /// transaction. For v1..v4 it equals the txid.
    pub fn full_serialization_hash(&self) -> Hash256 {
        let mut h = Sha256dWriter::new();
        h.write(&self.to_fluxd_bytes());
        Hash256::from_bytes(h.finish())
    }
}

impl Encode for Transaction {
    fn encode(&self, out: &mut Vec<u8>) {
        self.write_mode(out, WriteMode::WIRE);
    }

    fn encoded_len(&self) -> usize {
        match self {
            Transaction::Standard(t) => t.encoded_len(),
            Transaction::Fluxnode(_) => {
                let mut v = Vec::new();
                self.write_mode(&mut v, WriteMode::WIRE);
                v.len()
            }
        }
    }
}

/// Reads one transaction with this crate's error, so that a container (a block) keeps it.
impl Decode for Transaction {
    type Error = Error;

    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        Transaction::read_one(r)
    }
}

impl From<StandardTx> for Transaction {
    fn from(t: StandardTx) -> Self {
        Transaction::Standard(t)
    }
}

impl From<FluxnodeTx> for Transaction {
    fn from(f: FluxnodeTx) -> Self {
        Transaction::Fluxnode(f)
    }
}
