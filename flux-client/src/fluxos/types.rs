//! Typed views of FluxOS's read routes (`data` of the envelope; fluxos.md §4.1).
//!
//! Hand-written, not generated (generated FluxOS types needed fixes before they compiled,
//! clients-and-wasm.md §B.2); fields FluxOS may omit are `Option`, fields this SDK does not
//! interpret stay as JSON so nothing the node sent is lost. Numbers that are amounts or
//! prices keep the node's own text.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::app::price::{parse_epochs, PriceEpoch};
use crate::app::AppError;

/// `/flux/info`: the node's self-description. Only the parts a client acts on are typed;
/// `daemon`, `benchmark`, `apps` and the rest stay JSON.
///
/// ```
/// let info: flux_client::fluxos::FluxInfo = serde_json::from_str(
///     r#"{"flux":{"version":"8.17.0","zelid":"1x","ip":"1.2.3.4:16127","explorerScannedHeigth":2100000},
///         "node":{"status":{"status":"CONFIRMED"}}}"#).unwrap();
/// assert_eq!(info.flux.unwrap().explorer_scanned_height, Some(2_100_000));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FluxInfo {
    /// The `flux` section (FluxOS's own state).
    #[serde(default)]
    pub flux: Option<FluxSection>,
    /// Every other section (`daemon`, `node`, `benchmark`, `apps`, `geolocation`…).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The `flux` section of `/flux/info`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FluxSection {
    /// FluxOS's version (`8.17.0`).
    #[serde(default)]
    pub version: Option<String>,
    /// The node owner's ZelID.
    #[serde(default)]
    pub zelid: Option<String>,
    /// The node's `ip[:port]`.
    #[serde(default)]
    pub ip: Option<String>,
    /// The block FluxOS's explorer has scanned to (FluxOS spells it `explorerScannedHeigth`).
    #[serde(
        default,
        rename = "explorerScannedHeigth",
        alias = "explorerScannedHeight"
    )]
    pub explorer_scanned_height: Option<u64>,
    /// Everything else in the section.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One entry of `/apps/location/:name` or `/apps/locations`: where an app runs.
///
/// ```
/// let l: flux_client::fluxos::AppLocation = serde_json::from_str(
///     r#"{"name":"web","hash":"ab","ip":"1.2.3.4:16137","broadcastedAt":"2026-11-29T10:00:00.000Z",
///        "expireAt":"2026-11-29T12:05:00.000Z","runningSince":"2026-11-01T00:00:00.000Z","osUptime":100,"staticIp":false}"#).unwrap();
/// assert_eq!(l.ip, "1.2.3.4:16137");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppLocation {
    /// The app's name.
    pub name: String,
    /// The hash of the spec it runs.
    #[serde(default)]
    pub hash: Option<String>,
    /// The node, `ip` or `ip:port`.
    pub ip: String,
    /// When the node last said so (ISO-8601).
    #[serde(default)]
    pub broadcasted_at: Option<Value>,
    /// When the entry lapses without a new broadcast (125 min after `broadcastedAt`).
    #[serde(default)]
    pub expire_at: Option<Value>,
    /// Since when the app runs there.
    #[serde(default)]
    pub running_since: Option<Value>,
    /// The node's uptime.
    #[serde(default)]
    pub os_uptime: Option<Value>,
    /// Whether the node has a static IP.
    #[serde(default)]
    pub static_ip: Option<bool>,
}

/// `/apps/deploymentinformation`: where to pay and the live price epochs.
///
/// ```
/// let d: flux_client::fluxos::DeploymentInformation = serde_json::from_str(
///     r#"{"price":[{"height":-1,"cpu":3,"ram":1,"hdd":0.5,"minPrice":1,"port":2,"scope":6,"staticip":3}],
///        "address":"t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX","portMin":31000,"portMax":39999}"#).unwrap();
/// assert_eq!(d.address, "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX");
/// assert_eq!(d.epochs().unwrap().len(), 1);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentInformation {
    /// The price epochs, as the node sent them ([`DeploymentInformation::epochs`]). (JSON
    /// numbers read as doubles, exactly what FluxOS computes with.)
    pub price: Value,
    /// The app payment address in force.
    pub address: String,
    /// Lowest app port.
    #[serde(default)]
    pub port_min: Option<u64>,
    /// Highest app port.
    #[serde(default)]
    pub port_max: Option<u64>,
    /// Blocks an app lasts by default.
    #[serde(default)]
    pub blocks_lasting: Option<u64>,
    /// Everything else (`appSpecsEnforcementHeights`, `bannedPorts`, `enterprisePorts`,
    /// `maxImageSize`, the legacy `minimumInstances`/`minBlocksAllowance`…).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl DeploymentInformation {
    /// The price epochs, for [`crate::app::price`].
    ///
    /// ```
    /// let d: flux_client::fluxos::DeploymentInformation = serde_json::from_str(
    ///     r#"{"price":"nope","address":"t3x"}"#).unwrap();
    /// assert!(d.epochs().is_err());
    /// ```
    pub fn epochs(&self) -> Result<Vec<PriceEpoch>, AppError> {
        parse_epochs(&self.price.to_string())
    }
}

/// `/apps/calculateprice`: the node's quote for a spec.
///
/// ```
/// let q: flux_client::fluxos::PriceQuote = serde_json::from_str(
///     r#"{"usd":1.99,"flux":3.17,"fluxDiscount":5}"#).unwrap();
/// assert_eq!(q.flux.get(), "3.17");
/// assert_eq!(q.flux_number(), Some(3.17));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceQuote {
    /// USD per the spec's period, the node's number text.
    pub usd: Box<RawValue>,
    /// FLUX to pay, the node's number text (what JavaScript printed).
    pub flux: Box<RawValue>,
    /// The FLUX discount in percent, or FluxOS's "Not possible to define discount".
    #[serde(default)]
    pub flux_discount: Option<Value>,
}

impl PriceQuote {
    /// The FLUX amount as a number (`None` if the node sent something else).
    ///
    /// ```
    /// let q: flux_client::fluxos::PriceQuote = serde_json::from_str(
    ///     r#"{"usd":0,"flux":"x"}"#).unwrap();
    /// assert_eq!(q.flux_number(), None);
    /// ```
    pub fn flux_number(&self) -> Option<f64> {
        serde_json::from_str::<f64>(self.flux.get()).ok()
    }
}

/// One app of `/apps/globalappsspecifications` or `/apps/appspecifications/:name`: the
/// formatted spec as the network holds it, plus its `hash` and `height`.
///
/// ```
/// let a: flux_client::fluxos::GlobalApp = serde_json::from_str(
///     r#"{"version":8,"name":"web","owner":"1x","hash":"ab","height":2100000}"#).unwrap();
/// assert_eq!((a.name.as_str(), a.height), ("web", Some(2_100_000)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlobalApp {
    /// The spec version.
    #[serde(default)]
    pub version: Option<u64>,
    /// The app name.
    pub name: String,
    /// The owner ZelID.
    #[serde(default)]
    pub owner: Option<String>,
    /// The hash of the message that set this spec.
    #[serde(default)]
    pub hash: Option<String>,
    /// The block of that message's payment.
    #[serde(default)]
    pub height: Option<u64>,
    /// The rest of the spec.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One of `/apps/permanentmessages`: a paid register or update message.
///
/// ```
/// let m: flux_client::fluxos::PermanentMessage = serde_json::from_str(
///     r#"{"type":"fluxappregister","version":1,"appSpecifications":{"name":"web"},"hash":"ab",
///        "timestamp":1750000000000,"signature":"H...","txid":"cd","height":2100000,"valueSat":60000000}"#).unwrap();
/// assert_eq!(m.value_sat, Some(60_000_000));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermanentMessage {
    /// `fluxappregister` or `fluxappupdate` (or the legacy `zel…` names).
    #[serde(rename = "type")]
    pub kind: String,
    /// The message type version (1).
    pub version: u64,
    /// The spec as signed (its JSON text as the node sent it).
    pub app_specifications: Box<RawValue>,
    /// The message hash (the payment's memo).
    pub hash: String,
    /// The message timestamp (ms).
    pub timestamp: u64,
    /// The owner's signature.
    pub signature: String,
    /// The payment transaction.
    #[serde(default)]
    pub txid: Option<String>,
    /// Its block.
    #[serde(default)]
    pub height: Option<u64>,
    /// What it paid, in zatoshis.
    #[serde(default)]
    pub value_sat: Option<u64>,
}

/// One of `/explorer/utxo/:address` (both of FluxOS's shapes: insight-style with
/// `confirmations`, FluxOS's own index with `coinbase`).
///
/// ```
/// let u: flux_client::fluxos::ExplorerUtxo = serde_json::from_str(
///     r#"{"address":"t1x","txid":"ab","vout":1,"height":5,"satoshis":100,"scriptPubKey":"76a9","confirmations":3}"#).unwrap();
/// assert_eq!((u.vout, u.satoshis), (1, 100));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplorerUtxo {
    /// The address.
    #[serde(default)]
    pub address: Option<String>,
    /// The transaction.
    pub txid: String,
    /// The output index.
    pub vout: u32,
    /// The block height.
    #[serde(default)]
    pub height: Option<u64>,
    /// The value in zatoshis.
    pub satoshis: u64,
    /// The output script, hex.
    #[serde(default)]
    pub script_pub_key: Option<String>,
    /// Confirmations (insight-style answers).
    #[serde(default)]
    pub confirmations: Option<u64>,
    /// Whether it is a coinbase output (FluxOS's own index).
    #[serde(default)]
    pub coinbase: Option<bool>,
}
