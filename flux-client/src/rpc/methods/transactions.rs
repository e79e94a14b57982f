//! Transactions: getrawtransaction (raw, decoded locally; verbose typed),
//! decoderawtransaction, sendrawtransaction, getrawmempool, gettxout.

use std::collections::BTreeMap;

use flux_primitives::hash::{BlockHash, Txid};
use flux_primitives::{Amount, SignedAmount};
use flux_tx::Transaction;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{hex_result, Typed};
use crate::rpc::amount::{de_amount, de_opt_amount, de_opt_signed};
use crate::rpc::codes;
use crate::rpc::method::{decode_json, Method};
use crate::Error;

/// `scriptSig` of an input.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ScriptSig {
    /// Disassembly.
    #[serde(default)]
    pub asm: String,
    /// Hex.
    #[serde(default)]
    pub hex: String,
}

/// An input (`vin` item).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TxInInfo {
    /// Coinbase data, hex (coinbase inputs only).
    #[serde(default)]
    pub coinbase: Option<String>,
    /// The spent transaction.
    #[serde(default)]
    pub txid: Option<Txid>,
    /// The spent output's index.
    #[serde(default)]
    pub vout: Option<u32>,
    /// The unlocking script.
    #[serde(default, rename = "scriptSig")]
    pub script_sig: Option<ScriptSig>,
    /// The spent value (with `-spentindex`).
    #[serde(default, deserialize_with = "de_opt_amount")]
    pub value: Option<Amount>,
    /// The spent value in zatoshis (with `-spentindex`).
    #[serde(default, rename = "valueSat")]
    pub value_sat: Option<i64>,
    /// The spent output's address (with `-spentindex`).
    #[serde(default)]
    pub address: Option<String>,
    /// nSequence.
    pub sequence: u32,
}

/// `scriptPubKey` of an output.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ScriptPubKeyInfo {
    /// Disassembly.
    #[serde(default)]
    pub asm: String,
    /// Hex.
    pub hex: String,
    /// Required signatures (absent for nulldata/nonstandard).
    #[serde(default, rename = "reqSigs")]
    pub req_sigs: Option<u32>,
    /// `"pubkeyhash"`, `"scripthash"`, `"nulldata"`...
    #[serde(default, rename = "type")]
    pub kind: String,
    /// Addresses (absent for nulldata/nonstandard).
    #[serde(default)]
    pub addresses: Vec<String>,
}

/// An output (`vout` item).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TxOutInfo {
    /// The value (exact).
    #[serde(deserialize_with = "de_amount")]
    pub value: Amount,
    /// The value in zatoshis.
    #[serde(default, rename = "valueZat")]
    pub value_zat: Option<i64>,
    /// Its index.
    pub n: u32,
    /// The locking script.
    #[serde(rename = "scriptPubKey")]
    pub script_pub_key: ScriptPubKeyInfo,
    /// The spending transaction (with `-spentindex`).
    #[serde(default, rename = "spentTxId")]
    pub spent_txid: Option<Txid>,
    /// The spending input (with `-spentindex`).
    #[serde(default, rename = "spentIndex")]
    pub spent_index: Option<u32>,
    /// The spending height (with `-spentindex`).
    #[serde(default, rename = "spentHeight")]
    pub spent_height: Option<i64>,
}

/// A transaction as getrawtransaction verbose and decoderawtransaction show it (standard
/// v1–v4 and fluxnode v5/v6: the fields of the other kind are absent).
///
/// ```
/// let t: flux_client::rpc::methods::TxInfo = serde_json::from_str(r#"{
///   "txid": "b71282a4929f09b5a59efa6a524d67b5f92e0fa26167a078a7d1368276bb53bd", "version": 4,
///   "overwintered": true, "locktime": 0,
///   "vin": [{"coinbase": "038fba2d00", "sequence": 4294967295}],
///   "vout": [{"value": 0.50000000, "valueZat": 50000000, "n": 0,
///             "scriptPubKey": {"asm": "", "hex": "a914", "type": "scripthash"}}],
///   "valueBalance": 0.00000000}"#).unwrap();
/// assert_eq!(t.vout[0].value.to_zat(), 50_000_000);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TxInfo {
    /// The raw transaction (getrawtransaction only).
    #[serde(default)]
    pub hex: Option<String>,
    /// The transaction id.
    pub txid: Txid,
    /// Version.
    pub version: u32,
    /// Overwintered flag (standard transactions).
    #[serde(default)]
    pub overwintered: Option<bool>,
    /// Version group id, hex (overwintered only).
    #[serde(default)]
    pub versiongroupid: Option<String>,
    /// nLockTime (standard transactions).
    #[serde(default)]
    pub locktime: Option<u32>,
    /// nExpiryHeight (overwintered only).
    #[serde(default)]
    pub expiryheight: Option<u32>,
    /// Inputs (empty for fluxnode transactions).
    #[serde(default)]
    pub vin: Vec<TxInInfo>,
    /// Outputs (empty for fluxnode transactions).
    #[serde(default)]
    pub vout: Vec<TxOutInfo>,
    /// Sapling value balance (v4).
    #[serde(default, rename = "valueBalance", deserialize_with = "de_opt_signed")]
    pub value_balance: Option<SignedAmount>,
    /// Sapling value balance in zatoshis (v4).
    #[serde(default, rename = "valueBalanceZat")]
    pub value_balance_zat: Option<i64>,
    /// Fluxnode: `"Starting a fluxnode"` or `"Confirming a fluxnode"`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Fluxnode: the collateral, `COutPoint(<txid>, <n>)`.
    #[serde(default)]
    pub collateral: Option<String>,
    /// Fluxnode: the collateral's txid.
    #[serde(default)]
    pub txhash: Option<Txid>,
    /// Fluxnode: the collateral's output index (fluxd prints a string).
    #[serde(default, deserialize_with = "de_opt_index")]
    pub outidx: Option<u32>,
    /// Fluxnode: signature time.
    #[serde(default)]
    pub sigtime: Option<u32>,
    /// Fluxnode: IP (empty for START).
    #[serde(default)]
    pub ip: Option<String>,
    /// Fluxnode CONFIRM: benchmark tier.
    #[serde(default)]
    pub benchmark_tier: Option<String>,
    /// Fluxnode CONFIRM: update type.
    #[serde(default)]
    pub update_type: Option<u32>,
    /// The containing block (getrawtransaction, when known).
    #[serde(default)]
    pub blockhash: Option<BlockHash>,
    /// Its height (−1 when not on the active chain).
    #[serde(default)]
    pub height: Option<i64>,
    /// Confirmations.
    #[serde(default)]
    pub confirmations: Option<i64>,
    /// Transaction time.
    #[serde(default)]
    pub time: Option<u32>,
    /// Block time.
    #[serde(default)]
    pub blocktime: Option<u32>,
}

fn de_opt_index<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    super::de::index(d).map(Some)
}

/// `getrawtransaction <txid> 0`, decoded by flux-tx ([`Transaction::from_bytes`]).
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert!(flux_client::rpc::methods::get_raw_transaction(Default::default()).params().unwrap().get().ends_with(",0]"));
/// ```
#[derive(Debug, Clone)]
pub struct GetRawTransaction {
    txid: Txid,
}

/// getrawtransaction, raw, decoded locally.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_raw_transaction(Default::default()).name(), "getrawtransaction");
/// ```
pub fn get_raw_transaction(txid: Txid) -> GetRawTransaction {
    GetRawTransaction { txid }
}

impl Method for GetRawTransaction {
    type Output = Transaction;
    fn name(&self) -> &str {
        "getrawtransaction"
    }
    fn params(&self) -> Result<Box<RawValue>, Error> {
        crate::rpc::request::params(&(self.txid.to_string(), 0))
    }
    fn decode(&self, result: &RawValue) -> Result<Transaction, Error> {
        let bytes = hex_result("getrawtransaction", result)?;
        Transaction::from_bytes(&bytes).map_err(|e| Error::decode("getrawtransaction", e))
    }
}

/// getrawtransaction `txid` 1 (fluxd wants the number, not a bool).
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert!(flux_client::rpc::methods::get_raw_transaction_verbose(Default::default()).params().unwrap().get().ends_with(",1]"));
/// ```
pub fn get_raw_transaction_verbose(txid: Txid) -> Typed<TxInfo> {
    Typed::new("getrawtransaction", &(txid.to_string(), 1))
}

/// decoderawtransaction `hex`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::decode_raw_transaction(&[0xab]).params().unwrap().get(), r#"["ab"]"#);
/// ```
pub fn decode_raw_transaction(bytes: &[u8]) -> Typed<TxInfo> {
    Typed::new("decoderawtransaction", &[hex::encode(bytes)])
}

/// What sendrawtransaction achieved.
///
/// fluxd answers −27 "transaction already in block chain" for a transaction already mined
/// and the txid (as for a new one) for one already in its mempool; a −26
/// `txn-already-in-mempool`/`txn-already-known` reject also means "already known".
///
/// ```
/// use flux_client::rpc::methods::SendOutcome;
/// let o = SendOutcome::AlreadyInChain { txid: Default::default() };
/// assert!(o.is_already_known());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendOutcome {
    /// The node accepted it (or already had it in its mempool and said nothing).
    Accepted {
        /// The transaction id.
        txid: Txid,
    },
    /// The node says it is already in the block chain (−27).
    AlreadyInChain {
        /// The transaction id (computed locally).
        txid: Txid,
    },
    /// The node says it is already in its mempool (−26 txn-already-in-mempool).
    AlreadyInMempool {
        /// The transaction id (computed locally).
        txid: Txid,
    },
}

impl SendOutcome {
    /// The transaction id.
    ///
    /// ```
    /// let o = flux_client::rpc::methods::SendOutcome::Accepted { txid: Default::default() };
    /// assert!(o.txid().is_zero());
    /// ```
    pub fn txid(&self) -> Txid {
        match self {
            SendOutcome::Accepted { txid }
            | SendOutcome::AlreadyInChain { txid }
            | SendOutcome::AlreadyInMempool { txid } => *txid,
        }
    }

    /// True when the node already knew the transaction.
    ///
    /// ```
    /// let o = flux_client::rpc::methods::SendOutcome::Accepted { txid: Default::default() };
    /// assert!(!o.is_already_known());
    /// ```
    pub fn is_already_known(&self) -> bool {
        !matches!(self, SendOutcome::Accepted { .. })
    }
}

/// The JSON view `flux rpc send` prints: `{"txid": T}`, with `"already_known": true` when the
/// node already had the transaction (in its mempool or its chain).
///
/// ```
/// use flux_client::rpc::methods::SendOutcome;
/// let o = SendOutcome::AlreadyInChain { txid: Default::default() };
/// let text = serde_json::to_string(&o).unwrap();
/// assert_eq!(text, format!(r#"{{"txid":"{}","already_known":true}}"#, "0".repeat(64)));
/// ```
impl serde::Serialize for SendOutcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let known = self.is_already_known();
        let mut map = serializer.serialize_map(Some(1 + usize::from(known)))?;
        map.serialize_entry("txid", &self.txid().to_string())?;
        if known {
            map.serialize_entry("already_known", &true)?;
        }
        map.end()
    }
}

/// sendrawtransaction of a transaction checked locally to decode.
///
/// Never re-sent blindly: it is retried only when the node certainly did not process it
/// (503, full work queue, warming up, no connection), and an "already known" answer is a
/// [`SendOutcome`], not an error.
#[derive(Debug, Clone)]
pub struct SendRawTransaction {
    hex: String,
    txid: Txid,
    allow_high_fees: bool,
}

impl SendRawTransaction {
    /// Also send `allowhighfees = true`.
    ///
    /// ```
    /// use flux_client::rpc::method::Method;
    /// let tx = flux_client::rpc::methods::SendRawTransaction::new(&[0u8; 3]);
    /// assert!(tx.is_err());
    /// ```
    pub fn allow_high_fees(mut self) -> Self {
        self.allow_high_fees = true;
        self
    }

    /// Serialized transaction bytes; refused with [`Error::InvalidInput`] when they do not
    /// decode as a transaction (nothing is sent).
    ///
    /// ```
    /// assert_eq!(flux_client::rpc::methods::SendRawTransaction::new(b"junk").unwrap_err().kind(), "invalid_input");
    /// ```
    pub fn new(bytes: &[u8]) -> Result<SendRawTransaction, Error> {
        let tx = Transaction::from_bytes(bytes).map_err(|e| Error::input("transaction", e))?;
        Ok(SendRawTransaction {
            hex: hex::encode(bytes),
            txid: tx.txid(),
            allow_high_fees: false,
        })
    }

    /// A decoded transaction.
    ///
    /// ```no_run
    /// # fn demo(tx: &flux_tx::Transaction) {
    /// let m = flux_client::rpc::methods::SendRawTransaction::from_transaction(tx);
    /// # }
    /// ```
    pub fn from_transaction(tx: &Transaction) -> SendRawTransaction {
        SendRawTransaction {
            hex: hex::encode(tx.to_bytes()),
            txid: tx.txid(),
            allow_high_fees: false,
        }
    }

    /// The transaction id, computed locally.
    ///
    /// ```no_run
    /// # fn demo(m: flux_client::rpc::methods::SendRawTransaction) { let _ = m.txid(); }
    /// ```
    pub fn txid(&self) -> Txid {
        self.txid
    }
}

impl Method for SendRawTransaction {
    type Output = SendOutcome;
    fn name(&self) -> &str {
        "sendrawtransaction"
    }
    fn params(&self) -> Result<Box<RawValue>, Error> {
        if self.allow_high_fees {
            crate::rpc::request::params(&(&self.hex, true))
        } else {
            crate::rpc::request::params(&[&self.hex])
        }
    }
    fn decode(&self, result: &RawValue) -> Result<SendOutcome, Error> {
        let txid: Txid = decode_json("sendrawtransaction", result)?;
        if txid != self.txid {
            return Err(Error::decode(
                "sendrawtransaction",
                format!(
                    "the node answered txid {txid}, the transaction's is {}",
                    self.txid
                ),
            ));
        }
        Ok(SendOutcome::Accepted { txid })
    }
    fn recover(&self, err: Error) -> Result<SendOutcome, Error> {
        match &err {
            Error::Rpc { code, .. } if *code == codes::VERIFY_ALREADY_IN_CHAIN => {
                Ok(SendOutcome::AlreadyInChain { txid: self.txid })
            }
            Error::Rpc { code, message, .. }
                if *code == codes::VERIFY_REJECTED
                    && (message.contains("txn-already-in-mempool")
                        || message.contains("txn-already-known")) =>
            {
                Ok(SendOutcome::AlreadyInMempool { txid: self.txid })
            }
            _ => Err(err),
        }
    }
    fn idempotent(&self) -> bool {
        false
    }
}

/// One getrawmempool verbose entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct MempoolEntry {
    /// Size in bytes.
    pub size: u64,
    /// Fee (exact).
    #[serde(deserialize_with = "de_amount")]
    pub fee: Amount,
    /// Entry time.
    pub time: i64,
    /// Height when entered.
    pub height: i64,
    /// Priority when entered.
    #[serde(default)]
    pub startingpriority: f64,
    /// Priority now.
    #[serde(default)]
    pub currentpriority: f64,
    /// Unconfirmed parents.
    #[serde(default)]
    pub depends: Vec<Txid>,
}

/// getrawmempool (txids).
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_raw_mempool().params().unwrap().get(), "[false]");
/// ```
pub fn get_raw_mempool() -> Typed<Vec<Txid>> {
    Typed::new("getrawmempool", &[false])
}

/// getrawmempool true.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_raw_mempool_verbose().params().unwrap().get(), "[true]");
/// ```
pub fn get_raw_mempool_verbose() -> Typed<BTreeMap<Txid, MempoolEntry>> {
    Typed::new("getrawmempool", &[true])
}

/// gettxout's answer for an unspent output.
///
/// ```
/// let o: flux_client::rpc::methods::UnspentOutput = serde_json::from_str(r#"{"bestblock":
///   "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb", "confirmations": 3,
///   "value": 1000.00000000, "scriptPubKey": {"asm": "", "hex": "76a9", "type": "pubkeyhash"},
///   "version": 4, "coinbase": false}"#).unwrap();
/// assert_eq!(o.value.to_zat(), 100_000_000_000);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UnspentOutput {
    /// The tip the answer is for.
    pub bestblock: BlockHash,
    /// Confirmations (0 in the mempool).
    pub confirmations: i64,
    /// Value (exact).
    #[serde(deserialize_with = "de_amount")]
    pub value: Amount,
    /// The locking script.
    #[serde(rename = "scriptPubKey")]
    pub script_pub_key: ScriptPubKeyInfo,
    /// The transaction's version.
    #[serde(default)]
    pub version: Option<u32>,
    /// From a coinbase.
    #[serde(default)]
    pub coinbase: bool,
}

/// gettxout `txid` `n` `include_mempool`: `None` when spent or unknown (fluxd answers `null`).
///
/// ```
/// use flux_client::rpc::method::Method;
/// let m = flux_client::rpc::methods::get_tx_out(Default::default(), 1, true);
/// let null = serde_json::value::RawValue::from_string("null".into()).unwrap();
/// assert_eq!(m.decode(&null).unwrap(), None);
/// ```
pub fn get_tx_out(txid: Txid, n: u32, include_mempool: bool) -> Typed<Option<UnspentOutput>> {
    Typed::new("gettxout", &(txid.to_string(), n, include_mempool))
}
