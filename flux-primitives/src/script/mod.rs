//! Bitcoin-style scripts as fluxd uses them: build, classify, disassemble.
//!
//! [`ScriptBuf`] owns script bytes. Scripts are kept exactly as given; parsing into
//! operations happens on demand, so a malformed script still round-trips byte for byte.

use crate::codec::{Decode, Encode, Reader};
use crate::Error;

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
