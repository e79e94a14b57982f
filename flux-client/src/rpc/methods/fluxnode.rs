//! Fluxnodes: getfluxnodecount, viewdeterministicfluxnodelist (falling back to
//! listfluxnodes), getfluxnodestatus, fluxnodecurrentwinner, getstartlist, getdoslist,
//! getbenchmarks, getbenchstatus.

use std::collections::BTreeMap;

use flux_primitives::hash::Txid;
use flux_primitives::Amount;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::Typed;
use crate::rpc::amount::de_opt_amount;
use crate::rpc::method::Method;
use crate::Error;

/// getfluxnodecount: confirmed nodes per tier and per network kind.
///
/// ```
/// let c: flux_client::rpc::methods::FluxnodeCount = serde_json::from_str(r#"{"total": 9,
///   "stable": 9, "basic-enabled": 5, "super-enabled": 3, "bamf-enabled": 1,
///   "cumulus-enabled": 5, "nimbus-enabled": 3, "stratus-enabled": 1, "ipv4": 9, "ipv6": 0, "onion": 0}"#).unwrap();
/// assert_eq!(c.stratus_enabled, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FluxnodeCount {
    /// All confirmed nodes.
    pub total: u64,
    /// Same as `total`.
    #[serde(default)]
    pub stable: u64,
    /// Cumulus (legacy name `basic-enabled`).
    #[serde(default, rename = "cumulus-enabled")]
    pub cumulus_enabled: u64,
    /// Nimbus (legacy name `super-enabled`).
    #[serde(default, rename = "nimbus-enabled")]
    pub nimbus_enabled: u64,
    /// Stratus (legacy name `bamf-enabled`).
    #[serde(default, rename = "stratus-enabled")]
    pub stratus_enabled: u64,
    /// Nodes on IPv4.
    #[serde(default)]
    pub ipv4: u64,
    /// Nodes on IPv6.
    #[serde(default)]
    pub ipv6: u64,
    /// Nodes on Tor.
    #[serde(default)]
    pub onion: u64,
}

/// One node of viewdeterministicfluxnodelist / listfluxnodes (also getfluxnodestatus's
/// fields).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FluxnodeEntry {
    /// `COutPoint(<txid>, <n>)`.
    pub collateral: String,
    /// The collateral's txid.
    pub txhash: Txid,
    /// The collateral's output index (fluxd prints a string).
    #[serde(deserialize_with = "super::de::index")]
    pub outidx: u32,
    /// The node's IP.
    #[serde(default)]
    pub ip: String,
    /// `"ipv4"`, `"ipv6"`, `"onion"` or `""`.
    #[serde(default)]
    pub network: String,
    /// Height of its START.
    pub added_height: i64,
    /// Height of its first CONFIRM.
    pub confirmed_height: i64,
    /// Height of its last CONFIRM.
    pub last_confirmed_height: i64,
    /// Height of its last payment (0 if never paid).
    pub last_paid_height: i64,
    /// `"CUMULUS"`, `"NIMBUS"` or `"STRATUS"`.
    pub tier: String,
    /// Where its rewards go.
    pub payment_address: String,
    /// The operator key, hex.
    pub pubkey: String,
    /// UNIX time of `added_height` (fluxd prints a string, or the number 0).
    #[serde(deserialize_with = "super::de::unix_time")]
    pub activesince: u64,
    /// UNIX time of `last_paid_height` (the genesis time for a never-paid node).
    #[serde(deserialize_with = "super::de::unix_time")]
    pub lastpaid: u64,
    /// The collateral amount (`FormatMoney` string), when known.
    #[serde(default, deserialize_with = "de_opt_amount")]
    pub amount: Option<Amount>,
    /// Position in its tier's payment queue, from 0.
    #[serde(default)]
    pub rank: Option<i64>,
}

/// getfluxnodestatus (only on a node configured as a fluxnode).
///
/// ```
/// let s: flux_client::rpc::methods::FluxnodeStatus = serde_json::from_str(
///     r#"{"status": "expired", "collateral": "COutPoint(00, 0)"}"#).unwrap();
/// assert_eq!(s.status, "expired");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FluxnodeStatus {
    /// `"STARTED"`, `"DOS"`, `"CONFIRMED"`, `"OFFLINE"` or `"expired"`.
    pub status: String,
    /// `COutPoint(<txid>, <n>)`.
    #[serde(default)]
    pub collateral: Option<String>,
    /// The collateral's txid.
    #[serde(default)]
    pub txhash: Option<Txid>,
    /// The node's IP.
    #[serde(default)]
    pub ip: Option<String>,
    /// The tier.
    #[serde(default)]
    pub tier: Option<String>,
    /// Where its rewards go.
    #[serde(default)]
    pub payment_address: Option<String>,
    /// Height of its START.
    #[serde(default)]
    pub added_height: Option<i64>,
    /// Height of its first CONFIRM.
    #[serde(default)]
    pub confirmed_height: Option<i64>,
    /// Height of its last CONFIRM.
    #[serde(default)]
    pub last_confirmed_height: Option<i64>,
    /// Height of its last payment.
    #[serde(default)]
    pub last_paid_height: Option<i64>,
    /// The collateral amount, when known.
    #[serde(default, deserialize_with = "de_opt_amount")]
    pub amount: Option<Amount>,
}

/// One tier's winner in fluxnodecurrentwinner.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FluxnodeWinner {
    /// `COutPoint(<txid>, <n>)`.
    pub collateral: String,
    /// The node's IP.
    #[serde(default)]
    pub ip: String,
    /// Height of its START.
    pub added_height: i64,
    /// Height of its first CONFIRM.
    pub confirmed_height: i64,
    /// Height of its last CONFIRM.
    pub last_confirmed_height: i64,
    /// Height of its last payment.
    pub last_paid_height: i64,
    /// The tier.
    pub tier: String,
    /// Where the payment goes.
    pub payment_address: String,
}

/// One getstartlist / getdoslist entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FluxnodeQueueEntry {
    /// `COutPoint(<txid>, <n>)`.
    pub collateral: String,
    /// Height of its START.
    pub added_height: i64,
    /// Where its rewards go.
    pub payment_address: String,
    /// getstartlist: blocks until the START expires.
    #[serde(default)]
    pub expires_in: Option<i64>,
    /// getdoslist: blocks until it may start again.
    #[serde(default)]
    pub eligible_in: Option<i64>,
    /// The collateral amount, when known.
    #[serde(default, deserialize_with = "de_opt_amount")]
    pub amount: Option<Amount>,
}

/// getfluxnodecount.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_fluxnode_count().name(), "getfluxnodecount");
/// ```
pub fn get_fluxnode_count() -> Typed<FluxnodeCount> {
    Typed::new("getfluxnodecount", &[(); 0])
}

/// viewdeterministicfluxnodelist `[filter]`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::view_deterministic_fluxnode_list(Some("1.2.3.4")).params().unwrap().get(), r#"["1.2.3.4"]"#);
/// ```
pub fn view_deterministic_fluxnode_list(filter: Option<&str>) -> Typed<Vec<FluxnodeEntry>> {
    match filter {
        Some(f) => Typed::new("viewdeterministicfluxnodelist", &[f]),
        None => Typed::new("viewdeterministicfluxnodelist", &[(); 0]),
    }
}

/// listfluxnodes `[filter]` (the same list under its older name).
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::list_fluxnodes(None).name(), "listfluxnodes");
/// ```
pub fn list_fluxnodes(filter: Option<&str>) -> Typed<Vec<FluxnodeEntry>> {
    match filter {
        Some(f) => Typed::new("listfluxnodes", &[f]),
        None => Typed::new("listfluxnodes", &[(); 0]),
    }
}

/// getfluxnodestatus.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_fluxnode_status().name(), "getfluxnodestatus");
/// ```
pub fn get_fluxnode_status() -> Typed<FluxnodeStatus> {
    Typed::new("getfluxnodestatus", &[(); 0])
}

/// fluxnodecurrentwinner: keyed `"CUMULUS Winner"`, `"NIMBUS Winner"`, `"STRATUS Winner"`
/// (tiers with a payee only).
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::fluxnode_current_winner().name(), "fluxnodecurrentwinner");
/// ```
pub fn fluxnode_current_winner() -> Typed<BTreeMap<String, FluxnodeWinner>> {
    Typed::new("fluxnodecurrentwinner", &[(); 0])
}

/// getstartlist.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_start_list().name(), "getstartlist");
/// ```
pub fn get_start_list() -> Typed<Vec<FluxnodeQueueEntry>> {
    Typed::new("getstartlist", &[(); 0])
}

/// getdoslist.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_dos_list().name(), "getdoslist");
/// ```
pub fn get_dos_list() -> Typed<Vec<FluxnodeQueueEntry>> {
    Typed::new("getdoslist", &[(); 0])
}

/// A method whose answer fluxd passes through from fluxbenchd unchanged: returned as the
/// node sent it.
#[derive(Debug, Clone)]
pub struct Passthrough {
    name: &'static str,
}

impl Method for Passthrough {
    type Output = Box<RawValue>;
    fn name(&self) -> &str {
        self.name
    }
    fn params(&self) -> Result<Box<RawValue>, Error> {
        Ok(crate::rpc::request::no_params())
    }
    fn decode(&self, result: &RawValue) -> Result<Box<RawValue>, Error> {
        Ok(result.to_owned())
    }
}

/// getbenchmarks (fluxnodes only; fluxbenchd's answer as sent).
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_benchmarks().name(), "getbenchmarks");
/// ```
pub fn get_benchmarks() -> Passthrough {
    Passthrough {
        name: "getbenchmarks",
    }
}

/// getbenchstatus (fluxnodes only; fluxbenchd's answer as sent).
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_bench_status().name(), "getbenchstatus");
/// ```
pub fn get_bench_status() -> Passthrough {
    Passthrough {
        name: "getbenchstatus",
    }
}
