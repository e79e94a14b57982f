//! Bitcoin-style scripts as fluxd uses them: build, classify, disassemble.
//!
//! [`ScriptBuf`] owns script bytes. Scripts are kept exactly as given; parsing into
//! operations happens on demand, so a malformed script still round-trips byte for byte.
//!
//! - [`opcodes`]: the opcode table with fluxd's names;
//! - [`instruction`]: the parser ([`Instructions`]), as fluxd's `GetOp`;
//! - [`builder`]: [`Builder`] with minimal pushes and `CScriptNum` integers;
//! - [`classify`]: fluxd's `Solver` templates ([`ScriptClass`]) and standardness;
//! - [`asm`]: fluxd's `asm` text and a parser for it.
//!
//! ```
//! use flux_primitives::script::{ScriptBuf, ScriptClass};
//!
//! let spk = ScriptBuf::from_hex("76a91404e2699cec5f44280540fb752c7660aa3ba857cc88ac").unwrap();
//! assert_eq!(
//!     spk.to_asm(),
//!     "OP_DUP OP_HASH160 04e2699cec5f44280540fb752c7660aa3ba857cc OP_EQUALVERIFY OP_CHECKSIG"
//! );
//! assert!(matches!(spk.classify(), ScriptClass::PubKeyHash { .. }));
//! assert_eq!(spk.rpc_type(), "pubkeyhash");
//! ```

pub mod asm;
pub mod builder;
pub mod classify;
pub mod instruction;
pub mod opcodes;

pub use builder::Builder;
pub use classify::{Destination, ScriptClass, MAX_OP_RETURN_RELAY};
pub use instruction::{Instruction, Instructions};
pub use opcodes::Opcode;

use crate::codec::{Decode, Encode, Reader};
use crate::{Error, ScriptBuildProblem};

/// Most keys `ScriptBuf::multisig` accepts (fluxd's `MAX_PUBKEYS_PER_MULTISIG`).
pub const MAX_PUBKEYS_PER_MULTISIG: usize = 20;

/// An owned script (scriptPubKey, scriptSig or redeem script), byte for byte as received.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ScriptBuf(Vec<u8>);

impl ScriptBuf {
    /// An empty script.
    pub fn new() -> Self {
        ScriptBuf(Vec::new())
    }

    /// Wraps raw script bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        ScriptBuf(bytes)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The raw bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for the empty script.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `OP_DUP OP_HASH160 <hash> OP_EQUALVERIFY OP_CHECKSIG`.
    pub fn p2pkh(hash160: &[u8; 20]) -> Self {
        let mut v = Vec::with_capacity(25);
        v.extend_from_slice(&[0x76, 0xa9, 0x14]);
        v.extend_from_slice(hash160);
        v.extend_from_slice(&[0x88, 0xac]);
        ScriptBuf(v)
    }

    /// `OP_HASH160 <hash> OP_EQUAL`.
    pub fn p2sh(hash160: &[u8; 20]) -> Self {
        let mut v = Vec::with_capacity(23);
        v.extend_from_slice(&[0xa9, 0x14]);
        v.extend_from_slice(hash160);
        v.push(0x87);
        ScriptBuf(v)
    }

    /// The 20-byte hash of a P2PKH script, if this is exactly one.
    pub fn p2pkh_hash(&self) -> Option<[u8; 20]> {
        match self.0.as_slice() {
            [0x76, 0xa9, 0x14, hash @ .., 0x88, 0xac] => hash.try_into().ok(),
            _ => None,
        }
    }

    /// The 20-byte hash of a P2SH script, if this is exactly one (23 bytes).
    pub fn p2sh_hash(&self) -> Option<[u8; 20]> {
        match self.0.as_slice() {
            [0xa9, 0x14, hash @ .., 0x87] => hash.try_into().ok(),
            _ => None,
        }
    }

    /// The key of a P2PK script (see [`classify::p2pk_key`]).
    pub fn p2pk_key(&self) -> Option<Vec<u8>> {
        classify::p2pk_key(&self.0)
    }

    /// `(m, keys)` of a standard multisig script (see [`classify::multisig_keys`]).
    pub fn multisig_keys(&self) -> Option<(usize, Vec<Vec<u8>>)> {
        classify::multisig_keys(&self.0)
    }

    /// Parses script bytes from hex.
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        hex::decode(s)
            .map(ScriptBuf)
            .map_err(|e| Error::InvalidHex {
                what: "script",
                reason: e.to_string(),
            })
    }

    /// The script bytes as lowercase hex.
    pub fn to_hex(&self) -> String {
        hex::encode(&self.0)
    }

    /// `<pubkey> OP_CHECKSIG`; the key must be 33 (compressed) or 65 (uncompressed) bytes.
    pub fn p2pk(pubkey: &[u8]) -> Result<Self, Error> {
        if pubkey.len() != 33 && pubkey.len() != 65 {
            return Err(Error::ScriptBuild(ScriptBuildProblem::KeyLength {
                index: None,
                len: pubkey.len(),
            }));
        }
        Ok(Builder::new()
            .push_slice(pubkey)
            .push_opcode(Opcode::OP_CHECKSIG)
            .into_script())
    }

    /// `OP_m <keys...> OP_n OP_CHECKMULTISIG` with `1 <= m <= n <= 20` and 33- or 65-byte
    /// keys, as fluxd's `GetScriptForMultisig` builds it (m and n pushed as numbers).
    ///
    /// fluxd's `Solver` only recognizes `n <= 16` (OP_1..OP_16), relays bare multisig
    /// outputs only for `n <= 3`, and `createmultisig` allows up to 16 keys; a P2SH redeem
    /// script is what larger sets are for.
    pub fn multisig(m: usize, pubkeys: &[&[u8]]) -> Result<Self, Error> {
        let n = pubkeys.len();
        if m < 1 || m > n || n > MAX_PUBKEYS_PER_MULTISIG {
            return Err(Error::ScriptBuild(ScriptBuildProblem::MultisigCounts {
                m,
                n,
            }));
        }
        let mut b = Builder::new().push_int(m as i64);
        for (i, key) in pubkeys.iter().enumerate() {
            if key.len() != 33 && key.len() != 65 {
                return Err(Error::ScriptBuild(ScriptBuildProblem::KeyLength {
                    index: Some(i),
                    len: key.len(),
                }));
            }
            b = b.push_slice(key);
        }
        Ok(b.push_int(n as i64)
            .push_opcode(Opcode::OP_CHECKMULTISIG)
            .into_script())
    }

    /// `OP_RETURN <data>`: a null-data output. Refuses data over
    /// [`MAX_OP_RETURN_RELAY`] (80) bytes, which fluxd would not relay by default.
    ///
    /// ```
    /// use flux_primitives::ScriptBuf;
    ///
    /// assert_eq!(ScriptBuf::op_return(b"hi").unwrap().to_hex(), "6a026869");
    /// assert!(ScriptBuf::op_return(&[0; 81]).is_err());
    /// ```
    pub fn op_return(data: &[u8]) -> Result<Self, Error> {
        if data.len() > MAX_OP_RETURN_RELAY {
            return Err(Error::ScriptBuild(ScriptBuildProblem::OpReturnTooLong {
                len: data.len(),
                max: MAX_OP_RETURN_RELAY,
            }));
        }
        Ok(Self::null_data(data))
    }

    /// `OP_RETURN <data>` whatever the data's length: fluxd's `CScript() << OP_RETURN <<
    /// data`, the one place the SDK writes a null-data script. The push is the plain one
    /// fluxd's `operator<<` writes for bytes (a one-byte payload stays a push, never
    /// `OP_1`..`OP_16`). Relay policy (at most 80 bytes) is [`Self::op_return`]'s business
    /// and the transaction builder's.
    ///
    /// ```
    /// use flux_primitives::ScriptBuf;
    ///
    /// assert_eq!(ScriptBuf::null_data(&[5]).to_hex(), "6a0105");
    /// assert_eq!(ScriptBuf::null_data(&[0; 81]).len(), 1 + 2 + 81); // OP_PUSHDATA1
    /// ```
    pub fn null_data(data: &[u8]) -> Self {
        Builder::new()
            .push_opcode(Opcode::OP_RETURN)
            .push_slice_plain(data)
            .into_script()
    }

    /// The script's instructions, as fluxd's `GetOp` reads them.
    pub fn instructions(&self) -> Instructions<'_> {
        Instructions::new(&self.0)
    }

    /// The template fluxd's `Solver` matches.
    pub fn classify(&self) -> ScriptClass {
        classify::classify(&self.0)
    }

    /// The `type` decoderawtransaction prints for this scriptPubKey.
    pub fn rpc_type(&self) -> &'static str {
        classify::rpc_type(&self.0)
    }

    /// fluxd's asm for a scriptPubKey (`ScriptToAsmStr(script)`).
    pub fn to_asm(&self) -> String {
        asm::to_asm(&self.0)
    }

    /// fluxd's asm for a scriptSig (`ScriptToAsmStr(script, true)`: `[ALL]` etc.).
    pub fn to_asm_sig(&self) -> String {
        asm::to_asm_sig(&self.0)
    }

    /// Parses asm text (see [`asm::from_asm`]).
    pub fn from_asm(s: &str) -> Result<Self, Error> {
        asm::from_asm(s)
    }

    /// fluxd's `IsPushOnly`: every instruction parses and is `OP_0`..`OP_16` (which
    /// includes `OP_1NEGATE` and `OP_RESERVED`).
    pub fn is_push_only(&self) -> bool {
        self.instructions()
            .all(|i| matches!(i, Ok(ins) if ins.opcode() <= Opcode::OP_16))
    }

    /// True if every instruction parses and every push is minimally encoded (MINIMALDATA).
    pub fn has_minimal_pushes(&self) -> bool {
        self.instructions()
            .all(|i| matches!(i, Ok(ins) if ins.is_minimal_push()))
    }

    /// fluxd's `IsUnspendable`: starts with `OP_RETURN` or is longer than 10 000 bytes.
    pub fn is_unspendable(&self) -> bool {
        self.0.first() == Some(&Opcode::OP_RETURN.0) || self.0.len() > asm::MAX_SCRIPT_SIZE
    }
}

impl core::fmt::Display for ScriptBuf {
    /// fluxd's asm (as for a scriptPubKey).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.to_asm())
    }
}

impl core::fmt::Debug for ScriptBuf {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "ScriptBuf({})", hex::encode(&self.0))
    }
}

impl From<Vec<u8>> for ScriptBuf {
    fn from(v: Vec<u8>) -> Self {
        ScriptBuf(v)
    }
}

impl AsRef<[u8]> for ScriptBuf {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// On the wire a script is a `CompactSize`-prefixed byte string.
impl Encode for ScriptBuf {
    fn encode(&self, out: &mut Vec<u8>) {
        crate::codec::write_var_bytes(out, &self.0);
    }
    fn encoded_len(&self) -> usize {
        crate::codec::compact_size_len(self.0.len() as u64) + self.0.len()
    }
}

impl Decode for ScriptBuf {
    type Error = Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.read_var_bytes().map(|b| ScriptBuf(b.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_round_trip() {
        let h = [7u8; 20];
        assert_eq!(ScriptBuf::p2pkh(&h).p2pkh_hash(), Some(h));
        assert_eq!(ScriptBuf::p2sh(&h).p2sh_hash(), Some(h));
        assert_eq!(ScriptBuf::p2sh(&h).p2pkh_hash(), None);
        assert_eq!(ScriptBuf::p2pkh(&h).len(), 25);
    }
}
