//! Stepping over a serialized transaction without building it.
//!
//! A block view ([`Transaction::skip`]'s caller) only needs to know that a transaction is
//! well formed and where it ends. Building a [`Transaction`] costs one allocation per input
//! list, output list and script, which dominates the decoding of transparent-heavy blocks;
//! stepping over the bytes costs none.
//!
//! The fast walk covers the common shapes (transparent v1..v4, Sapling spends and outputs,
//! which are fixed-size byte strings, fluxnode CONFIRM). Anything else — JoinSplits (PHGR
//! proofs have point checks), fluxnode START, and every malformed input — falls back to
//! [`Transaction`]'s `Decode::decode`, so acceptance, length and error are by construction those of the
//! full decoder. `fuzz/fuzz_targets/block_view.rs` and the tests below compare the two.

use flux_primitives::codec::{Decode, Reader, MAX_COMPACT_SIZE};
use flux_primitives::hash::Txid;

use crate::fluxnode::CONFIRM_TX_TYPE;
use crate::shielded::{OUTPUT_DESCRIPTION_LEN, SPEND_DESCRIPTION_LEN};
use crate::transaction::{OVERWINTER_VERSION_GROUP_ID, SAPLING_VERSION_GROUP_ID};
use crate::transparent::{MIN_TXIN_LEN, MIN_TXOUT_LEN};
use crate::{Error, Transaction};

/// Where a walked transaction ends, and how many of its first bytes its txid hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    end: usize,
    txid_len: usize,
}

/// A cursor over the unread bytes; every method answers `None` where the full decoder
/// would report an error (or where the walk leaves the case to it).
struct Walk<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Walk<'_> {
    #[inline]
    fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    #[inline]
    fn skip(&mut self, n: usize) -> Option<()> {
        let end = self.pos.checked_add(n)?;
        if end > self.data.len() {
            return None;
        }
        self.pos = end;
        Some(())
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let end = self.pos.checked_add(N)?;
        let bytes = self.data.get(self.pos..end)?;
        self.pos = end;
        bytes.try_into().ok()
    }

    #[inline]
    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    /// A canonical `CompactSize` no larger than the codec's cap (as `read_compact_size`).
    #[inline]
    fn compact_size(&mut self) -> Option<usize> {
        let [first] = self.array::<1>()?;
        let value = match first {
            0xfd => {
                let v = u64::from(u16::from_le_bytes(self.array()?));
                (v >= 0xfd).then_some(v)?
            }
            0xfe => {
                let v = u64::from(u32::from_le_bytes(self.array()?));
                (v >= 0x1_0000).then_some(v)?
            }
            // Canonical 9-byte forms are all above the cap.
            0xff => return None,
            small => u64::from(small),
        };
        if value > MAX_COMPACT_SIZE {
            return None;
        }
        usize::try_from(value).ok()
    }

    /// An element count whose elements could still fit (as `read_count`).
    #[inline]
    fn count(&mut self, min_element_size: usize) -> Option<usize> {
        let n = self.compact_size()?;
        (n.saturating_mul(min_element_size) <= self.remaining()).then_some(n)
    }

    #[inline]
    fn var_bytes(&mut self) -> Option<()> {
        let n = self.compact_size()?;
        self.skip(n)
    }

    /// A fluxnode CONFIRM after its header word (the common fluxnode transaction: most of
    /// a PoN block). START, with its layouts and key checks, is left to the full decoder.
    fn confirm_body(&mut self) -> Option<Shape> {
        if self.array::<1>()? != [CONFIRM_TX_TYPE as u8] {
            return None;
        }
        // collateral, sigTime, benchmarkTier, benchmarkSigTime, nUpdateType, ip
        self.skip(36 + 4 + 1 + 4 + 1)?;
        self.var_bytes()?;
        let txid_len = self.pos; // the txid leaves out both signatures
        self.var_bytes()?; // sig
        self.var_bytes()?; // benchmarkSig
        Some(Shape {
            end: self.pos,
            txid_len,
        })
    }

    /// The shape of a transaction the walk covers.
    fn tx(&mut self) -> Option<Shape> {
        let header = self.u32()?;
        let overwintered = header >> 31 == 1;
        let version = header & 0x7fff_ffff;
        let sapling = if overwintered {
            match (version, self.u32()?) {
                (3, OVERWINTER_VERSION_GROUP_ID) => false,
                (4, SAPLING_VERSION_GROUP_ID) => true,
                _ => return None,
            }
        } else if matches!(version, 5 | 6) {
            return self.confirm_body();
        } else {
            false
        };
        for _ in 0..self.count(MIN_TXIN_LEN)? {
            self.skip(36)?;
            self.var_bytes()?;
            self.skip(4)?;
        }
        for _ in 0..self.count(MIN_TXOUT_LEN)? {
            self.skip(8)?;
            self.var_bytes()?;
        }
        self.skip(if overwintered { 8 } else { 4 })?; // nLockTime, nExpiryHeight
        let mut sapling_parts = false;
        if sapling {
            self.skip(8)?; // valueBalance
            let spends = self.count(SPEND_DESCRIPTION_LEN)?;
            self.skip(spends.checked_mul(SPEND_DESCRIPTION_LEN)?)?;
            let outputs = self.count(OUTPUT_DESCRIPTION_LEN)?;
            self.skip(outputs.checked_mul(OUTPUT_DESCRIPTION_LEN)?)?;
            sapling_parts = spends > 0 || outputs > 0;
        }
        // JoinSplits exist from version 2 on; only an empty list is walked here.
        if version >= 2 && self.array::<1>()? != [0] {
            return None;
        }
        if sapling_parts {
            self.skip(64)?; // bindingSig
        }
        Some(Shape {
            end: self.pos,
            txid_len: self.pos,
        })
    }
}

/// How to get the txid of a transaction [`Transaction::skip_for_txid`] stepped over, from
/// its bytes, without walking them again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxidSpan {
    /// The txid is the SHA-256d of the transaction's first `n` bytes: all of them for v1..v4
    /// without JoinSplits, those before the signatures for a fluxnode CONFIRM.
    Prefix(usize),
    /// The shape went through the full decoder, which gave the txid.
    Known(Txid),
}

impl TxidSpan {
    /// The txid of the transaction serialized as `tx_bytes` (the bytes that were skipped).
    ///
    /// ```
    /// use flux_primitives::hash::Txid;
    /// use flux_tx::scan::TxidSpan;
    ///
    /// assert_eq!(TxidSpan::Prefix(3).txid(b"abcdef"), Txid::hash(b"abc"));
    /// assert_eq!(TxidSpan::Known(Txid::hash(b"x")).txid(b"abc"), Txid::hash(b"x"));
    /// ```
    pub fn txid(&self, tx_bytes: &[u8]) -> Txid {
        match *self {
            TxidSpan::Prefix(n) => Txid::hash(tx_bytes.get(..n).unwrap_or(tx_bytes)),
            TxidSpan::Known(txid) => txid,
        }
    }
}

impl Transaction {
    /// Reads past one transaction exactly as [`Transaction`]'s `Decode::decode` would (same acceptance,
    /// same length, same error) without building it: no allocation for the common shapes.
    ///
    /// ```
    /// use flux_primitives::codec::Reader;
    /// use flux_tx::Transaction;
    ///
    /// // fluxd's v5 START vector from the spec, followed by one more byte.
    /// let mut bytes = hex::decode("0500000002efcdab9078563412efcdab9078563412efcdab9078563412efcdab9078563412010000002103d5cdcca8b864f3bee70e0f570cbea198f3afe577fa8e53dcb50ca47ab3ac70ec2102b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb56100f153654120a9a4da4130972b8f8118ff49b0af47d9716866435079301fd214acc7246d4be3479ec8d3b2f41892ec3a5052679a6ef6dca1f490ca474aff5c752a954dfbf4ca").unwrap();
    /// bytes.push(0xaa);
    /// let mut r = Reader::new(&bytes);
    /// Transaction::skip(&mut r).unwrap();
    /// assert_eq!(r.remaining(), 1);
    /// ```
    pub fn skip(r: &mut Reader<'_>) -> Result<(), Error> {
        let mut walk = Walk {
            data: r.peek_rest(),
            pos: 0,
        };
        match walk.tx() {
            Some(shape) => {
                r.read_bytes(shape.end)?;
                Ok(())
            }
            None => <Transaction as Decode>::decode(r).map(drop),
        }
    }

    /// Reads past one transaction as [`Transaction::skip`] does, and says how to get its
    /// txid from its bytes without walking them again ([`TxidSpan`]): a block view walks
    /// each transaction once and hashes the txids from what this returns.
    ///
    /// ```
    /// use flux_primitives::codec::Reader;
    /// use flux_tx::scan::TxidSpan;
    /// use flux_tx::Transaction;
    ///
    /// // fluxd's v5 START vector: a shape the fast walk leaves to the full decoder.
    /// let bytes = hex::decode("0500000002efcdab9078563412efcdab9078563412efcdab9078563412efcdab9078563412010000002103d5cdcca8b864f3bee70e0f570cbea198f3afe577fa8e53dcb50ca47ab3ac70ec2102b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb56100f153654120a9a4da4130972b8f8118ff49b0af47d9716866435079301fd214acc7246d4be3479ec8d3b2f41892ec3a5052679a6ef6dca1f490ca474aff5c752a954dfbf4ca").unwrap();
    /// let mut r = Reader::new(&bytes);
    /// let span = Transaction::skip_for_txid(&mut r).unwrap();
    /// assert_eq!(r.remaining(), 0);
    /// assert!(matches!(span, TxidSpan::Known(_)));
    /// assert_eq!(span.txid(&bytes).to_string(), "e24965183282fd7c308830688ece31078df256c60ba09e841cd0440d351ced3c");
    /// ```
    pub fn skip_for_txid(r: &mut Reader<'_>) -> Result<TxidSpan, Error> {
        let mut walk = Walk {
            data: r.peek_rest(),
            pos: 0,
        };
        match walk.tx() {
            Some(shape) => {
                r.read_bytes(shape.end)?;
                Ok(TxidSpan::Prefix(shape.txid_len))
            }
            // Built anyway to be checked: its txid costs only the hashing now.
            None => <Transaction as Decode>::decode(r).map(|tx| TxidSpan::Known(tx.txid())),
        }
    }

    /// The txid of one serialized transaction (the whole of `bytes`, checked as
    /// [`Transaction::from_bytes`] checks it). A v1..v4 txid is the SHA-256d of exactly these
    /// bytes and a CONFIRM's that of the bytes before its signatures; other shapes (START,
    /// JoinSplits) are built and hashed as [`Transaction::txid`].
    ///
    /// ```
    /// use flux_tx::Transaction;
    ///
    /// let hex = "0500000002efcdab9078563412efcdab9078563412efcdab9078563412efcdab9078563412010000002103d5cdcca8b864f3bee70e0f570cbea198f3afe577fa8e53dcb50ca47ab3ac70ec2102b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb56100f153654120a9a4da4130972b8f8118ff49b0af47d9716866435079301fd214acc7246d4be3479ec8d3b2f41892ec3a5052679a6ef6dca1f490ca474aff5c752a954dfbf4ca";
    /// let txid = Transaction::txid_of_bytes(&hex::decode(hex).unwrap()).unwrap();
    /// assert_eq!(txid.to_string(), "e24965183282fd7c308830688ece31078df256c60ba09e841cd0440d351ced3c");
    /// ```
    pub fn txid_of_bytes(bytes: &[u8]) -> Result<Txid, Error> {
        let mut walk = Walk {
            data: bytes,
            pos: 0,
        };
        match walk.tx() {
            Some(shape) if shape.end == bytes.len() => {
                Ok(Txid::hash(bytes.get(..shape.txid_len).unwrap_or_default()))
            }
            _ => Ok(Transaction::from_bytes(bytes)?.txid()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// Real mainnet v4 and fluxnode transactions, and zcash's 500 sighash-vector
    /// transactions (every Sprout/Overwinter/Sapling shape, JoinSplits included).
    fn samples() -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for file in [
            include_str!("../tests/data/transactions_transparent.json"),
            include_str!("../tests/data/fluxnode_transactions.json"),
        ] {
            let json: serde_json::Value = serde_json::from_str(file).unwrap();
            for v in json["vectors"].as_array().unwrap() {
                if let Some(h) = v["hex"].as_str() {
                    out.push(hex::decode(h).unwrap());
                }
            }
        }
        let sighash: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/sighash.json")).unwrap();
        for row in sighash.as_array().unwrap().iter().skip(1) {
            out.push(hex::decode(row[0].as_str().unwrap()).unwrap());
        }
        out
    }

    /// Skip and read agree on acceptance, error and end position.
    fn agree(input: &[u8]) {
        let mut a = Reader::new(input);
        let mut b = Reader::new(input);
        let skipped = Transaction::skip(&mut a).map_err(|e| e.to_string());
        let read = <Transaction as Decode>::decode(&mut b)
            .map(drop)
            .map_err(|e| e.to_string());
        assert_eq!(skipped, read, "{}", hex::encode(input));
        assert_eq!(a.position(), b.position(), "{}", hex::encode(input));
    }

    #[test]
    fn skip_agrees_with_read_on_vectors_and_every_prefix() {
        let samples = samples();
        assert_eq!(samples.len(), 9 + 15 + 500);
        for bytes in &samples {
            for end in 0..=bytes.len().min(400) {
                agree(&bytes[..end]);
            }
            agree(bytes);
            let mut longer = bytes.clone();
            longer.extend_from_slice(&[0xfd, 0x00, 0x01]);
            agree(&longer);
        }
    }

    #[test]
    fn the_walk_itself_covers_v1_to_v4_without_joinsplits_and_confirms() {
        let mut walked = 0;
        for bytes in samples() {
            let tx = Transaction::from_bytes(&bytes).unwrap();
            let walk = Walk {
                data: &bytes,
                pos: 0,
            }
            .tx()
            .map(|s| s.end);
            let covered = match &tx {
                Transaction::Standard(t) => t.join_splits.is_empty(),
                Transaction::Fluxnode(f) => matches!(f, crate::FluxnodeTx::Confirm(_)),
            };
            if covered {
                assert_eq!(walk, Some(bytes.len()));
                walked += 1;
            } else {
                assert_eq!(walk, None);
            }
        }
        // The 9 real v4 transactions, 11 real CONFIRMs and the zcash vectors without
        // JoinSplits (136 of 500).
        assert!(walked >= 100, "{walked}");
    }

    #[test]
    fn txid_of_bytes_is_the_txid_of_the_decoded_transaction() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        for bytes in samples() {
            let decoded = Transaction::from_bytes(&bytes).map(|t| t.txid());
            assert_eq!(Transaction::txid_of_bytes(&bytes), decoded);
            assert!(decoded.is_ok());
            let mut b = bytes.clone();
            let i = rng.gen_range(0..b.len());
            b[i] = rng.gen();
            let decoded = Transaction::from_bytes(&b).map(|t| t.txid());
            assert_eq!(Transaction::txid_of_bytes(&b), decoded);
            b.push(0);
            assert!(Transaction::txid_of_bytes(&b).is_err());
        }
    }

    #[test]
    fn skip_agrees_with_read_on_corrupted_vectors() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for bytes in samples() {
            for _ in 0..40 {
                let mut b = bytes.clone();
                let i = rng.gen_range(0..b.len());
                b[i] = rng.gen();
                agree(&b);
            }
        }
    }
}
