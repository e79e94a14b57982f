//! Transparent inputs and outputs (`COutPoint`, `CTxIn`, `CTxOut`).

use flux_primitives::codec::{Decode, Encode, Reader};
use flux_primitives::hash::Txid;
use flux_primitives::ScriptBuf;

/// A reference to a transaction output: txid and output index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct OutPoint {
    /// The transaction holding the output.
    pub txid: Txid,
    /// Index of the output in that transaction.
    pub vout: u32,
}

impl OutPoint {
    /// The null outpoint a coinbase input spends (zero txid, index `0xffffffff`).
    pub const NULL: OutPoint = OutPoint {
        txid: Txid::ZERO,
        vout: u32::MAX,
    };

    /// A new outpoint.
    pub fn new(txid: Txid, vout: u32) -> Self {
        OutPoint { txid, vout }
    }

    /// True for the coinbase outpoint.
    pub fn is_null(&self) -> bool {
        self.txid.is_zero() && self.vout == u32::MAX
    }
}

impl core::fmt::Display for OutPoint {
    /// `txid:vout`, the txid in display order.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}:{}", self.txid, self.vout)
    }
}

impl core::str::FromStr for OutPoint {
    type Err = crate::Error;

    /// `txid:vout`, the txid as 64 hex digits in display order.
    ///
    /// ```
    /// use flux_tx::OutPoint;
    ///
    /// let text = "625c91358d9add9cbdaf2e8df9633e31d6dec0095121e4483b7d783fb0d8d828:1";
    /// let o: OutPoint = text.parse().unwrap();
    /// assert_eq!(o.vout, 1);
    /// assert_eq!(o.to_string(), text);
    /// assert!("625c9135:x".parse::<OutPoint>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        use crate::error::OutPointProblem;
        let bad = |problem| crate::Error::InvalidOutPoint {
            text: s.to_string(),
            problem,
        };
        let (txid, vout) = s
            .trim()
            .rsplit_once(':')
            .ok_or_else(|| bad(OutPointProblem::NoSeparator))?;
        Ok(OutPoint {
            txid: txid.parse().map_err(|e| bad(OutPointProblem::Txid(e)))?,
            vout: vout.parse().map_err(|_| bad(OutPointProblem::Vout))?,
        })
    }
}

impl Encode for OutPoint {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.txid.as_bytes());
        out.extend_from_slice(&self.vout.to_le_bytes());
    }
    fn encoded_len(&self) -> usize {
        36
    }
}

impl Decode for OutPoint {
    type Error = flux_primitives::Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, flux_primitives::Error> {
        Ok(OutPoint {
            txid: Txid::from_bytes(r.read_array()?),
            vout: r.read_u32()?,
        })
    }
}

/// A transparent input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TxIn {
    /// The output spent.
    pub prevout: OutPoint,
    /// The unlocking script (signatures and keys), or the coinbase data.
    pub script_sig: ScriptBuf,
    /// `nSequence`.
    pub sequence: u32,
}

impl TxIn {
    /// An unsigned input spending `prevout` with the final sequence `0xffffffff`.
    pub fn new(prevout: OutPoint) -> Self {
        TxIn {
            prevout,
            script_sig: ScriptBuf::new(),
            sequence: u32::MAX,
        }
    }
}

/// Smallest encoded input: outpoint, empty script, sequence.
pub(crate) const MIN_TXIN_LEN: usize = 36 + 1 + 4;
/// Smallest encoded output: value and empty script.
pub(crate) const MIN_TXOUT_LEN: usize = 8 + 1;

impl Encode for TxIn {
    fn encode(&self, out: &mut Vec<u8>) {
        self.prevout.encode(out);
        self.script_sig.encode(out);
        out.extend_from_slice(&self.sequence.to_le_bytes());
    }
    fn encoded_len(&self) -> usize {
        36 + self.script_sig.encoded_len() + 4
    }
}

impl Decode for TxIn {
    type Error = flux_primitives::Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, flux_primitives::Error> {
        Ok(TxIn {
            prevout: OutPoint::decode(r)?,
            script_sig: ScriptBuf::decode(r)?,
            sequence: r.read_u32()?,
        })
    }
}

/// A transparent output.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TxOut {
    /// Value in zatoshis (signed on the wire, as fluxd's `CAmount`).
    pub value: i64,
    /// The locking script.
    pub script_pubkey: ScriptBuf,
}

impl Encode for TxOut {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.value.to_le_bytes());
        self.script_pubkey.encode(out);
    }
    fn encoded_len(&self) -> usize {
        8 + self.script_pubkey.encoded_len()
    }
}

impl Decode for TxOut {
    type Error = flux_primitives::Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, flux_primitives::Error> {
        Ok(TxOut {
            value: r.read_i64()?,
            script_pubkey: ScriptBuf::decode(r)?,
        })
    }
}
