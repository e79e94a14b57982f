//! JSON shaped like fluxd's `getblock` (verbosity 1 and 2) and `getblockheader` (spec 12.4).
//! Fields that need the chain (`confirmations`, `chainwork`, `anchor`, `valuePools`,
//! `nextblockhash`) are left out; `height` appears when the caller knows it.

use flux_primitives::codec::Encode;
use flux_primitives::Network;
use flux_tx::json::{to_json, TxJson};
use flux_tx::Transaction;
use serde::Serialize;

use crate::block::Block;
use crate::header::{BlockHeader, HeaderProof};
use crate::params::consensus_params;
use crate::target::difficulty;
use crate::Error;

/// `getblockheader <hash> true` without the chain-dependent fields, in fluxd's field order.
/// Made by [`header_json`]; serialize it to text.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderJson {
    /// The block hash (display order).
    pub hash: String,
    /// The header fields shared with [`BlockJson`].
    #[serde(flatten)]
    pub head: HeadJson,
    /// The fields after `tx` in `getblock`.
    #[serde(flatten)]
    pub tail: TailJson,
}

/// `getblock <hash> 1|2` without the chain-dependent fields, in fluxd's field order. Made by
/// [`block_json`]; serialize it to text (the decoded transactions' amounts are exact only
/// in text, see [`flux_tx::json`]).
#[derive(Debug, Clone, Serialize)]
pub struct BlockJson {
    /// The block hash (display order).
    pub hash: String,
    /// The serialized size in bytes.
    pub size: usize,
    /// `height` (when known), `version`, `merkleroot`, `finalsaplingroot`.
    #[serde(flatten)]
    pub head: HeadJson,
    /// The transactions: txids (verbosity 1) or decoded (verbosity 2).
    pub tx: Vec<BlockTxJson>,
    /// `time` to `previousblockhash`.
    #[serde(flatten)]
    pub tail: TailJson,
}

/// One entry of [`BlockJson::tx`].
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum BlockTxJson {
    /// Verbosity 1: the txid.
    Txid(String),
    /// Verbosity 2: the decoded transaction.
    Decoded(Box<TxJson>),
}

/// The header fields before `tx`.
#[derive(Debug, Clone, Serialize)]
pub struct HeadJson {
    /// The height, when the caller knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// `nVersion`.
    pub version: i32,
    /// The merkle root (display order).
    pub merkleroot: String,
    /// `hashFinalSaplingRoot` (display order).
    pub finalsaplingroot: String,
}

/// The header fields after `tx`.
#[derive(Debug, Clone, Serialize)]
pub struct TailJson {
    /// `nTime`.
    pub time: u32,
    /// `POW` or `PON`, with the proof's fields.
    #[serde(flatten)]
    pub proof: ProofJson,
    /// `nBits` as 8 hex digits.
    pub bits: String,
    /// Difficulty relative to the network's proof-of-work limit.
    pub difficulty: f64,
    /// The previous block's hash (absent for a genesis block).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previousblockhash: Option<String>,
}

/// The proof part of a header.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type")]
pub enum ProofJson {
    /// Proof of work: nonce (display order) and Equihash solution.
    #[serde(rename = "POW")]
    Pow {
        /// The nonce in fluxd's display order.
        nonce: String,
        /// The Equihash solution's hex.
        solution: String,
    },
    /// Proof of node: the producing node's collateral and signature.
    #[serde(rename = "PON")]
    Pon {
        /// fluxd's short form `COutPoint(<10 hex digits>, n)`.
        collateral: String,
        /// The collateral txid in full.
        collateral_txid: String,
        /// The collateral output index.
        collateral_index: u32,
        /// The block signature's hex.
        blocksig: String,
    },
}

fn head(h: &BlockHeader, height: Option<u32>) -> HeadJson {
    HeadJson {
        height,
        version: h.version,
        merkleroot: h.merkle_root.to_string(),
        finalsaplingroot: h.final_sapling_root.to_string(),
    }
}

fn tail(h: &BlockHeader, network: Network) -> TailJson {
    let proof = match &h.proof {
        HeaderProof::Pow { nonce, solution } => {
            let mut n = *nonce;
            n.reverse();
            ProofJson::Pow {
                nonce: hex::encode(n),
                solution: hex::encode(solution),
            }
        }
        HeaderProof::Pon {
            collateral,
            signature,
        } => {
            // fluxd prints only the first 10 hex digits of the txid [quirk]; the full
            // outpoint is given beside it.
            let txid = collateral.txid.to_string();
            let short = txid.get(..10).unwrap_or(&txid);
            ProofJson::Pon {
                collateral: format!("COutPoint({short}, {})", collateral.vout),
                collateral_txid: txid.clone(),
                collateral_index: collateral.vout,
                blocksig: hex::encode(signature),
            }
        }
    };
    TailJson {
        time: h.time,
        proof,
        bits: h.bits.to_string(),
        difficulty: difficulty(
            h.bits.to_consensus(),
            consensus_params(network).pow_limit_bits.to_consensus(),
        ),
        previousblockhash: (!h.prev_block.is_zero()).then(|| h.prev_block.to_string()),
    }
}

/// `getblockheader <hash> true`, without chain-dependent fields.
///
/// ```
/// use flux_consensus::{block::Block, json::header_json};
/// use flux_primitives::Network;
/// let hex = include_str!("../tests/data/genesis_main.hex");
/// let block = Block::from_bytes(&hex::decode(hex.trim()).unwrap()).unwrap();
/// let text = serde_json::to_string(&header_json(&block.header, Network::Main, Some(0))).unwrap();
/// assert!(text.starts_with(r#"{"hash":"00052461a5006c2e"#));
/// assert!(text.contains(r#""type":"POW""#));
/// ```
pub fn header_json(h: &BlockHeader, network: Network, height: Option<u32>) -> HeaderJson {
    HeaderJson {
        hash: h.hash().to_string(),
        head: head(h, height),
        tail: tail(h, network),
    }
}

/// What `getblock` shows of the transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Verbosity {
    /// `getblock <hash> 1`: txids.
    Txids,
    /// `getblock <hash> 2`: decoded transactions.
    #[default]
    Transactions,
}

impl TryFrom<u8> for Verbosity {
    type Error = Error;

    /// fluxd's numbers: 1 or 2 (0, raw hex, is not a JSON view).
    ///
    /// ```
    /// use flux_consensus::json::Verbosity;
    /// assert_eq!(Verbosity::try_from(1).unwrap(), Verbosity::Txids);
    /// assert!(Verbosity::try_from(0).is_err());
    /// ```
    fn try_from(value: u8) -> Result<Self, Error> {
        match value {
            1 => Ok(Verbosity::Txids),
            2 => Ok(Verbosity::Transactions),
            value => Err(Error::InvalidVerbosity { value }),
        }
    }
}

impl core::str::FromStr for Verbosity {
    type Err = Error;

    /// `1` or `2`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let value: u8 = s
            .trim()
            .parse()
            .map_err(|_| Error::InvalidVerbosity { value: u8::MAX })?;
        Verbosity::try_from(value)
    }
}

impl core::fmt::Display for Verbosity {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Verbosity::Txids => "1",
            Verbosity::Transactions => "2",
        })
    }
}

/// `getblock <hash> 1` (txids) or `2` (decoded transactions).
///
/// ```
/// use flux_consensus::block::Block;
/// use flux_consensus::json::{block_json, BlockTxJson, Verbosity};
/// use flux_primitives::Network;
///
/// let genesis = Block::from_hex(include_str!("../tests/data/genesis_main.hex").trim()).unwrap();
/// let v = block_json(&genesis, Network::Main, Some(0), Verbosity::Txids);
/// assert!(matches!(&v.tx[0], BlockTxJson::Txid(t) if *t == v.head.merkleroot));
/// assert_eq!(v.tail.bits, "1f07ffff");
/// // Verbosity 2 decodes the transactions; amounts keep fluxd's eight decimals as text.
/// let v = block_json(&genesis, Network::Main, Some(0), Verbosity::Transactions);
/// assert!(serde_json::to_string(&v).unwrap().contains(r#""value":0.00000000"#));
/// ```
pub fn block_json(
    b: &Block,
    network: Network,
    height: Option<u32>,
    verbosity: Verbosity,
) -> BlockJson {
    let tx = b
        .transactions
        .iter()
        .map(|t| match verbosity {
            Verbosity::Transactions => BlockTxJson::Decoded(Box::new(to_json(t, network))),
            Verbosity::Txids => BlockTxJson::Txid(Transaction::txid(t).to_string()),
        })
        .collect();
    BlockJson {
        hash: b.hash().to_string(),
        size: b.encoded_len(),
        head: head(&b.header, height),
        tx,
        tail: tail(&b.header, network),
    }
}
