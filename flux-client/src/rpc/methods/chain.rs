//! Chain state: getblockchaininfo, getinfo, getnetworkinfo, getmininginfo, getblockcount,
//! getbestblockhash, getblockhash.

use flux_primitives::hash::BlockHash;
use flux_primitives::{Amount, SignedAmount};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::Typed;
use crate::rpc::amount::{de_amount, de_opt_amount, de_opt_signed};

/// A shielded value pool (`valuePools` of getblockchaininfo and getblock).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ValuePool {
    /// `"sprout"` or `"sapling"`.
    pub id: String,
    /// Whether the node tracks the pool's value.
    #[serde(default)]
    pub monitored: bool,
    /// The pool's value (exact).
    #[serde(default, rename = "chainValue", deserialize_with = "de_opt_amount")]
    pub chain_value: Option<Amount>,
    /// The pool's value in zatoshis, as fluxd printed it.
    #[serde(default, rename = "chainValueZat")]
    pub chain_value_zat: Option<i64>,
    /// The change in this block (getblock only).
    #[serde(default, rename = "valueDelta", deserialize_with = "de_opt_signed")]
    pub value_delta: Option<SignedAmount>,
    /// The change in zatoshis (getblock only).
    #[serde(default, rename = "valueDeltaZat")]
    pub value_delta_zat: Option<i64>,
}

/// One network upgrade in `upgrades`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UpgradeInfo {
    /// Its name (`"Acadia"`, `"PON"`...).
    pub name: String,
    /// Its activation height.
    pub activationheight: i64,
    /// `"disabled"`, `"pending"` or `"active"`.
    pub status: String,
    /// fluxd's note.
    #[serde(default)]
    pub info: String,
}

/// `consensus` of getblockchaininfo: branch ids as 8-hex-digit strings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConsensusBranches {
    /// The branch id of the tip.
    pub chaintip: String,
    /// The branch id of the next block.
    pub nextblock: String,
}

/// `upgrades` as sent: fluxd repeats the key `"76b809bb"` for Acadia … PON, so this is a
/// list of (branch id, upgrade) pairs in the node's order, duplicates kept.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Upgrades(pub Vec<(String, UpgradeInfo)>);

impl<'de> Deserialize<'de> for Upgrades {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Upgrades;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of upgrades")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Upgrades, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, UpgradeInfo>()? {
                    out.push((k, v));
                }
                Ok(Upgrades(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// getblockchaininfo.
///
/// ```
/// let info: flux_client::rpc::methods::BlockchainInfo = serde_json::from_str(r#"{
///   "chain": "main", "blocks": 2020000, "headers": 2020000,
///   "bestblockhash": "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb",
///   "difficulty": 0.66, "verificationprogress": 1, "chainwork": "00", "pruned": false,
///   "valuePools": [{"id": "sapling", "monitored": true, "chainValue": 89999999.99999999, "chainValueZat": 8999999999999999}],
///   "upgrades": {"76b809bb": {"name": "Acadia", "activationheight": 250000, "status": "active", "info": ""},
///                "76b809bb": {"name": "Kamiooka", "activationheight": 372500, "status": "active", "info": ""}},
///   "consensus": {"chaintip": "76b809bb", "nextblock": "76b809bb"},
///   "someFutureField": 1}"#).unwrap();
/// assert_eq!(info.value_pools[0].chain_value.unwrap().to_zat(), 8_999_999_999_999_999);
/// assert_eq!(info.upgrades.0.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BlockchainInfo {
    /// `"main"`, `"test"` or `"regtest"`.
    pub chain: String,
    /// Height of the active chain's tip.
    pub blocks: u32,
    /// Best known header height (−1 if none).
    pub headers: i64,
    /// The tip's hash.
    pub bestblockhash: BlockHash,
    /// Difficulty of the next block (PoW scale even under PoN).
    pub difficulty: f64,
    /// Estimated sync progress, 0..1.
    pub verificationprogress: f64,
    /// Total chain work, hex.
    pub chainwork: String,
    /// Whether the node prunes.
    #[serde(default)]
    pub pruned: bool,
    /// Bytes on disk.
    #[serde(default)]
    pub size_on_disk: Option<u64>,
    /// Sprout note commitment tree size.
    #[serde(default)]
    pub commitments: Option<u64>,
    /// Shielded pools.
    #[serde(default, rename = "valuePools")]
    pub value_pools: Vec<ValuePool>,
    /// Network upgrades, duplicates kept.
    #[serde(default)]
    pub upgrades: Upgrades,
    /// Branch ids of the tip and the next block.
    #[serde(default)]
    pub consensus: Option<ConsensusBranches>,
    /// Lowest stored height, when pruning.
    #[serde(default)]
    pub pruneheight: Option<u32>,
}

/// getinfo.
///
/// ```
/// let i: flux_client::rpc::methods::Info = serde_json::from_str(r#"{"version": 9000650,
///   "protocolversion": 170021, "blocks": 5, "timeoffset": 0, "connections": 8, "proxy": "",
///   "difficulty": 1.5, "testnet": false, "relayfee": 0.00000100, "errors": ""}"#).unwrap();
/// assert_eq!(i.relayfee.to_zat(), 100);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Info {
    /// `CLIENT_VERSION` (9000650 for 9.0.6).
    pub version: u64,
    /// P2P protocol version.
    pub protocolversion: u64,
    /// Wallet version (with a wallet).
    #[serde(default)]
    pub walletversion: Option<u64>,
    /// Wallet balance (with a wallet).
    #[serde(default, deserialize_with = "de_opt_amount")]
    pub balance: Option<Amount>,
    /// Tip height.
    pub blocks: u32,
    /// Clock offset to peers, seconds.
    #[serde(default)]
    pub timeoffset: i64,
    /// Peer connections.
    #[serde(default)]
    pub connections: u32,
    /// The proxy in use.
    #[serde(default)]
    pub proxy: String,
    /// Difficulty.
    pub difficulty: f64,
    /// True only on testnet.
    #[serde(default)]
    pub testnet: bool,
    /// Oldest key-pool time (with a wallet).
    #[serde(default)]
    pub keypoololdest: Option<i64>,
    /// Key-pool size (with a wallet).
    #[serde(default)]
    pub keypoolsize: Option<i64>,
    /// Unlock expiry (encrypted wallets).
    #[serde(default)]
    pub unlocked_until: Option<i64>,
    /// Wallet fee per kB (with a wallet).
    #[serde(default, deserialize_with = "de_opt_amount")]
    pub paytxfee: Option<Amount>,
    /// Minimum relay fee per kB.
    #[serde(deserialize_with = "de_amount")]
    pub relayfee: Amount,
    /// Warnings.
    #[serde(default)]
    pub errors: String,
}

/// One network of getnetworkinfo's `networks`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct NetworkReach {
    /// `"ipv4"`, `"ipv6"` or `"onion"`.
    pub name: String,
    /// Limited by `-onlynet`.
    #[serde(default)]
    pub limited: bool,
    /// Reachable.
    #[serde(default)]
    pub reachable: bool,
    /// The proxy for it.
    #[serde(default)]
    pub proxy: String,
}

/// One of getnetworkinfo's `localaddresses`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct LocalAddress {
    /// The address.
    pub address: String,
    /// The port.
    pub port: u16,
    /// Its score.
    #[serde(default)]
    pub score: i64,
}

/// getnetworkinfo.
///
/// ```
/// let n: flux_client::rpc::methods::NetworkInfo = serde_json::from_str(r#"{"version": 9000650,
///   "subversion": "/MagicBean:9.0.6/", "protocolversion": 170021, "localservices": "0000000000000005",
///   "timeoffset": 0, "connections": 8, "networks": [], "relayfee": 0.00000100,
///   "localaddresses": [], "warnings": ""}"#).unwrap();
/// assert_eq!(n.connections, 8);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct NetworkInfo {
    /// `CLIENT_VERSION`.
    pub version: u64,
    /// User agent.
    #[serde(default)]
    pub subversion: String,
    /// P2P protocol version.
    pub protocolversion: u64,
    /// Service bits, hex.
    #[serde(default)]
    pub localservices: String,
    /// Clock offset, seconds.
    #[serde(default)]
    pub timeoffset: i64,
    /// Peer connections.
    #[serde(default)]
    pub connections: u32,
    /// Per-network reachability.
    #[serde(default)]
    pub networks: Vec<NetworkReach>,
    /// Minimum relay fee per kB.
    #[serde(deserialize_with = "de_amount")]
    pub relayfee: Amount,
    /// Addresses the node announces.
    #[serde(default)]
    pub localaddresses: Vec<LocalAddress>,
    /// Warnings.
    #[serde(default)]
    pub warnings: String,
}

/// getmininginfo.
///
/// ```
/// let m: flux_client::rpc::methods::MiningInfo = serde_json::from_str(r#"{"blocks": 5,
///   "currentblocksize": 0, "currentblocktx": 0, "difficulty": 1.5, "errors": "",
///   "genproclimit": -1, "localsolps": 0, "networksolps": 0, "networkhashps": 0,
///   "pooledtx": 3, "testnet": false, "chain": "main", "generate": false, "ponminter": true}"#).unwrap();
/// assert_eq!(m.ponminter, Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct MiningInfo {
    /// Tip height.
    pub blocks: u32,
    /// Size of the last block built.
    #[serde(default)]
    pub currentblocksize: u64,
    /// Transactions in the last block built.
    #[serde(default)]
    pub currentblocktx: u64,
    /// Difficulty.
    pub difficulty: f64,
    /// Warnings.
    #[serde(default)]
    pub errors: String,
    /// `-genproclimit`.
    #[serde(default)]
    pub genproclimit: i64,
    /// Local solutions per second.
    #[serde(default)]
    pub localsolps: f64,
    /// Network solutions per second.
    #[serde(default)]
    pub networksolps: f64,
    /// Same as `networksolps`.
    #[serde(default)]
    pub networkhashps: f64,
    /// Transactions in the mempool.
    #[serde(default)]
    pub pooledtx: u64,
    /// True on testnet.
    #[serde(default)]
    pub testnet: bool,
    /// `"main"`, `"test"`, `"regtest"`.
    #[serde(default)]
    pub chain: String,
    /// Whether the node mines.
    #[serde(default)]
    pub generate: bool,
    /// Whether this node runs the PoN minter (PoN-era fluxd only).
    #[serde(default)]
    pub ponminter: Option<bool>,
}

/// getblockchaininfo.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_blockchain_info().name(), "getblockchaininfo");
/// ```
pub fn get_blockchain_info() -> Typed<BlockchainInfo> {
    Typed::new("getblockchaininfo", &[(); 0])
}

/// getinfo.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_info().name(), "getinfo");
/// ```
pub fn get_info() -> Typed<Info> {
    Typed::new("getinfo", &[(); 0])
}

/// getnetworkinfo.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_network_info().name(), "getnetworkinfo");
/// ```
pub fn get_network_info() -> Typed<NetworkInfo> {
    Typed::new("getnetworkinfo", &[(); 0])
}

/// getmininginfo.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_mining_info().name(), "getmininginfo");
/// ```
pub fn get_mining_info() -> Typed<MiningInfo> {
    Typed::new("getmininginfo", &[(); 0])
}

/// getblockcount: the tip's height.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_block_count().params().unwrap().get(), "[]");
/// ```
pub fn get_block_count() -> Typed<u32> {
    Typed::new("getblockcount", &[(); 0])
}

/// getbestblockhash.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_best_block_hash().name(), "getbestblockhash");
/// ```
pub fn get_best_block_hash() -> Typed<BlockHash> {
    Typed::new("getbestblockhash", &[(); 0])
}

/// getblockhash `height`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_block_hash(5).params().unwrap().get(), "[5]");
/// ```
pub fn get_block_hash(height: u32) -> Typed<BlockHash> {
    Typed::new("getblockhash", &[height])
}
