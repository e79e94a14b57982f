//! JSON shaped like fluxd's `getblock` (verbosity 1 and 2) and `getblockheader` (spec 12.4).
//! Fields that need the chain (`confirmations`, `chainwork`, `anchor`, `valuePools`,
//! `nextblockhash`) are left out; `height` appears when the caller knows it.

use flux_primitives::codec::Encode;
use flux_primitives::Network;
use flux_tx::Transaction;
use serde_json::{json, Map, Value};

use crate::block::Block;
use crate::header::{BlockHeader, HeaderProof};
use crate::params::consensus_params;
use crate::target::difficulty;
use crate::Error;

fn header_fields(h: &BlockHeader, height: Option<u32>, m: &mut Map<String, Value>) {
    if let Some(height) = height {
        m.insert("height".into(), json!(height));
    }
    m.insert("version".into(), json!(h.version));
    m.insert("merkleroot".into(), json!(h.merkle_root.to_string()));
    m.insert(
        "finalsaplingroot".into(),
        json!(h.final_sapling_root.to_string()),
    );
}

fn tail_fields(h: &BlockHeader, network: Network, m: &mut Map<String, Value>) {
    m.insert("time".into(), json!(h.time));
    match &h.proof {
        HeaderProof::Pow { nonce, solution } => {
            m.insert("type".into(), json!("POW"));
            let mut n = *nonce;
            n.reverse();
            m.insert("nonce".into(), json!(hex::encode(n)));
            m.insert("solution".into(), json!(hex::encode(solution)));
        }
        HeaderProof::Pon {
            collateral,
            signature,
        } => {
            m.insert("type".into(), json!("PON"));
            // fluxd prints only the first 10 hex digits of the txid [quirk]; the full
            // outpoint is given beside it.
            let txid = collateral.txid.to_string();
            let short = txid.get(..10).unwrap_or(&txid);
            m.insert(
                "collateral".into(),
                json!(format!("COutPoint({short}, {})", collateral.vout)),
            );
            m.insert("collateral_txid".into(), json!(txid));
            m.insert("collateral_index".into(), json!(collateral.vout));
            m.insert("blocksig".into(), json!(hex::encode(signature)));
        }
    }
    m.insert("bits".into(), json!(h.bits.to_string()));
    m.insert(
        "difficulty".into(),
        json!(difficulty(
            h.bits.to_consensus(),
            consensus_params(network).pow_limit_bits.to_consensus()
        )),
    );
}

fn prev(h: &BlockHeader, m: &mut Map<String, Value>) {
    if !h.prev_block.is_zero() {
        m.insert("previousblockhash".into(), json!(h.prev_block.to_string()));
    }
}

/// `getblockheader <hash> true`, without chain-dependent fields.
pub fn header_json(h: &BlockHeader, network: Network, height: Option<u32>) -> Value {
    let mut m = Map::new();
    m.insert("hash".into(), json!(h.hash().to_string()));
    header_fields(h, height, &mut m);
    tail_fields(h, network, &mut m);
    prev(h, &mut m);
    Value::Object(m)
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
/// use flux_consensus::json::{block_json, Verbosity};
/// use flux_primitives::Network;
///
/// let genesis = Block::from_hex(include_str!("../tests/data/genesis_main.hex").trim()).unwrap();
/// let v = block_json(&genesis, Network::Main, Some(0), Verbosity::Txids);
/// assert_eq!(v["tx"][0], v["merkleroot"]);
/// assert_eq!(v["bits"], "1f07ffff");
/// ```
pub fn block_json(b: &Block, network: Network, height: Option<u32>, verbosity: Verbosity) -> Value {
    let mut m = Map::new();
    m.insert("hash".into(), json!(b.hash().to_string()));
    m.insert("size".into(), json!(b.encoded_len()));
    header_fields(&b.header, height, &mut m);
    let txs: Vec<Value> = b
        .transactions
        .iter()
        .map(|t| match verbosity {
            Verbosity::Transactions => flux_tx::json::to_json(t, network),
            Verbosity::Txids => json!(Transaction::txid(t).to_string()),
        })
        .collect();
    m.insert("tx".into(), Value::Array(txs));
    tail_fields(&b.header, network, &mut m);
    prev(&b.header, &mut m);
    Value::Object(m)
}
