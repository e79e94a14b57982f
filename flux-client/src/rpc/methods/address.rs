//! The address index (fluxd with `-addressindex`): getaddressutxos, getaddressbalance,
//! getaddresstxids, getaddressdeltas, getaddressmempool. Amounts are integer zatoshis
//! (`satoshis`) on this API.

use flux_primitives::hash::Txid;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::Typed;
use crate::rpc::method::{decode_json, Method};
use crate::Error;

/// fluxd's `{"addresses": [...]}` parameter.
#[derive(serde::Serialize)]
struct Addresses<'a> {
    addresses: &'a [String],
}

/// One unspent output of getaddressutxos.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AddressUtxo {
    /// The address.
    pub address: String,
    /// The transaction.
    pub txid: Txid,
    /// The output index.
    #[serde(rename = "outputIndex")]
    pub output_index: u32,
    /// The locking script, hex.
    pub script: String,
    /// The value in zatoshis.
    pub satoshis: i64,
    /// The block height.
    pub height: i64,
}

/// getaddressbalance.
///
/// ```
/// let b: flux_client::rpc::methods::AddressBalance = serde_json::from_str(r#"{"balance": 5, "received": 9}"#).unwrap();
/// assert_eq!(b.received, 9);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AddressBalance {
    /// Current balance, zatoshis.
    pub balance: i64,
    /// Total received, zatoshis.
    pub received: i64,
}

/// One getaddressdeltas entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AddressDelta {
    /// The address.
    pub address: String,
    /// The transaction's position in its block.
    pub blockindex: u32,
    /// The block height.
    pub height: i64,
    /// The input or output index.
    pub index: u32,
    /// The change in zatoshis (negative for spends).
    pub satoshis: i64,
    /// The transaction.
    pub txid: Txid,
}

/// One getaddressmempool entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AddressMempoolDelta {
    /// The address.
    pub address: String,
    /// The transaction.
    pub txid: Txid,
    /// The input or output index.
    pub index: u32,
    /// The change in zatoshis.
    pub satoshis: i64,
    /// Time it entered the mempool.
    pub timestamp: i64,
    /// For spends: the spent transaction.
    #[serde(default)]
    pub prevtxid: Option<Txid>,
    /// For spends: the spent output.
    #[serde(default)]
    pub prevout: Option<u32>,
}

/// A method whose answer is a list, or (when fluxd was asked for chain info) an object
/// holding the list under `field`: both are read.
#[derive(Debug, Clone)]
pub struct AddressList<T> {
    inner: Typed<Vec<T>>,
    field: &'static str,
}

impl<T: serde::de::DeserializeOwned> Method for AddressList<T> {
    type Output = Vec<T>;
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn params(&self) -> Result<Box<RawValue>, Error> {
        self.inner.params()
    }
    fn decode(&self, result: &RawValue) -> Result<Vec<T>, Error> {
        let name = self.inner.name();
        if result.get().trim_start().starts_with('{') {
            #[derive(Deserialize)]
            struct Wrapped {
                #[serde(default)]
                utxos: Option<Box<RawValue>>,
                #[serde(default)]
                deltas: Option<Box<RawValue>>,
            }
            let w: Wrapped = decode_json(name, result)?;
            let inner = match self.field {
                "utxos" => w.utxos,
                _ => w.deltas,
            }
            .ok_or_else(|| Error::decode(name, format!("no `{}` in the answer", self.field)))?;
            decode_json(name, &inner)
        } else {
            decode_json(name, result)
        }
    }
}

/// getaddressutxos `{"addresses": [...]}`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// let m = flux_client::rpc::methods::get_address_utxos(&["t1abc".to_string()]);
/// assert_eq!(m.params().unwrap().get(), r#"[{"addresses":["t1abc"]}]"#);
/// ```
pub fn get_address_utxos(addresses: &[String]) -> AddressList<AddressUtxo> {
    AddressList {
        inner: Typed::new("getaddressutxos", &[Addresses { addresses }]),
        field: "utxos",
    }
}

/// getaddressbalance `{"addresses": [...]}`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_address_balance(&[]).name(), "getaddressbalance");
/// ```
pub fn get_address_balance(addresses: &[String]) -> Typed<AddressBalance> {
    Typed::new("getaddressbalance", &[Addresses { addresses }])
}

/// getaddresstxids `{"addresses": [...]}`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_address_txids(&[]).name(), "getaddresstxids");
/// ```
pub fn get_address_txids(addresses: &[String]) -> Typed<Vec<Txid>> {
    Typed::new("getaddresstxids", &[Addresses { addresses }])
}

/// getaddressdeltas `{"addresses": [...]}`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_address_deltas(&[]).name(), "getaddressdeltas");
/// ```
pub fn get_address_deltas(addresses: &[String]) -> AddressList<AddressDelta> {
    AddressList {
        inner: Typed::new("getaddressdeltas", &[Addresses { addresses }]),
        field: "deltas",
    }
}

/// getaddressmempool `{"addresses": [...]}`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_address_mempool(&[]).name(), "getaddressmempool");
/// ```
pub fn get_address_mempool(addresses: &[String]) -> Typed<Vec<AddressMempoolDelta>> {
    Typed::new("getaddressmempool", &[Addresses { addresses }])
}
