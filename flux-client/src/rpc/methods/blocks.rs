//! Blocks and headers: getblock (raw, decoded locally; verbosity 1 typed) and
//! getblockheader (raw, decoded locally; verbose typed).
//!
//! The full-block path is raw + local decode: fluxd's `getblock <hash> 2` answers HTTP 500 on
//! blocks with fluxnode transactions, and the node's JSON is not what is checked anyway.

use flux_consensus::block::Block;
use flux_consensus::header::BlockHeader;
use flux_primitives::codec::decode_exact;
use flux_primitives::hash::{BlockHash, Txid};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::chain::ValuePool;
use super::{hex_result, Typed};
use crate::rpc::method::Method;
use crate::Error;

/// A block by hash or by height (fluxd's getblock takes either, as a string).
///
/// ```
/// use flux_client::rpc::methods::BlockRef;
/// assert_eq!(BlockRef::Height(7).to_param(), "7");
/// assert_eq!("7".parse::<BlockRef>().unwrap(), BlockRef::Height(7));
/// assert!(matches!("00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444".parse::<BlockRef>().unwrap(), BlockRef::Hash(_)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRef {
    /// By hash.
    Hash(BlockHash),
    /// By height on the active chain.
    Height(u32),
}

impl BlockRef {
    /// The parameter fluxd expects: the hash hex, or the height as a decimal string.
    ///
    /// ```
    /// assert_eq!(flux_client::rpc::methods::BlockRef::Height(0).to_param(), "0");
    /// ```
    pub fn to_param(&self) -> String {
        match self {
            BlockRef::Hash(h) => h.to_string(),
            BlockRef::Height(h) => h.to_string(),
        }
    }
}

impl std::str::FromStr for BlockRef {
    type Err = Error;
    /// A 64-hex-digit hash, or a decimal height.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        if s.len() == 64 {
            s.parse()
                .map(BlockRef::Hash)
                .map_err(|e| Error::input("block", e))
        } else {
            s.parse()
                .map(BlockRef::Height)
                .map_err(|_| Error::input("block", "neither a 64-hex-digit hash nor a height"))
        }
    }
}

impl From<BlockHash> for BlockRef {
    fn from(h: BlockHash) -> Self {
        BlockRef::Hash(h)
    }
}

impl From<u32> for BlockRef {
    fn from(h: u32) -> Self {
        BlockRef::Height(h)
    }
}

/// `getblock <block> 0`, decoded by flux-consensus ([`Block::from_bytes`]).
///
/// ```
/// use flux_client::rpc::method::Method;
/// let m = flux_client::rpc::methods::get_block(2_020_000u32);
/// assert_eq!(m.params().unwrap().get(), r#"["2020000",0]"#);
/// ```
#[derive(Debug, Clone)]
pub struct GetBlock {
    block: BlockRef,
}

/// getblock, raw, decoded locally.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_block(0u32).name(), "getblock");
/// ```
pub fn get_block(block: impl Into<BlockRef>) -> GetBlock {
    GetBlock {
        block: block.into(),
    }
}

impl Method for GetBlock {
    type Output = Block;
    fn name(&self) -> &str {
        "getblock"
    }
    fn params(&self) -> Result<Box<RawValue>, Error> {
        crate::rpc::request::params(&(self.block.to_param(), 0))
    }
    fn decode(&self, result: &RawValue) -> Result<Block, Error> {
        let bytes = hex_result("getblock", result)?;
        Block::from_bytes(&bytes).map_err(|e| Error::decode("getblock", e))
    }
}

/// `getblockheader <hash> false`, decoded by flux-consensus ([`BlockHeader`]).
///
/// ```
/// use flux_client::rpc::method::Method;
/// let m = flux_client::rpc::methods::get_block_header(Default::default());
/// assert!(m.params().unwrap().get().ends_with(",false]"));
/// ```
#[derive(Debug, Clone)]
pub struct GetBlockHeader {
    hash: BlockHash,
}

/// getblockheader, raw, decoded locally.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_block_header(Default::default()).name(), "getblockheader");
/// ```
pub fn get_block_header(hash: BlockHash) -> GetBlockHeader {
    GetBlockHeader { hash }
}

impl Method for GetBlockHeader {
    type Output = BlockHeader;
    fn name(&self) -> &str {
        "getblockheader"
    }
    fn params(&self) -> Result<Box<RawValue>, Error> {
        crate::rpc::request::params(&(self.hash.to_string(), false))
    }
    fn decode(&self, result: &RawValue) -> Result<BlockHeader, Error> {
        let bytes = hex_result("getblockheader", result)?;
        decode_exact(&bytes).map_err(|e| Error::decode("getblockheader", e))
    }
}

/// Declares a verbose block answer: the header fields fluxd prints in both
/// `getblockheader <hash> true` and `getblock <hash> 1`, written once, then `$extra`.
macro_rules! verbose_block {
    ($(#[$meta:meta])* pub struct $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            /// The block hash.
            pub hash: BlockHash,
            /// Confirmations (−1 when not on the active chain).
            pub confirmations: i64,
            /// Height.
            pub height: u32,
            /// Header version.
            pub version: i32,
            /// Merkle root, hex.
            pub merkleroot: String,
            /// Sapling root, hex.
            #[serde(default)]
            pub finalsaplingroot: Option<String>,
            /// Block time.
            pub time: u32,
            /// `"POW"` or `"PON"`.
            #[serde(default, rename = "type")]
            pub kind: Option<String>,
            /// PoW nonce (display order).
            #[serde(default)]
            pub nonce: Option<String>,
            /// PoW Equihash solution, hex.
            #[serde(default)]
            pub solution: Option<String>,
            /// PoN collateral, `COutPoint(<first 10 hex of txid>, n)` (truncated by fluxd).
            #[serde(default)]
            pub collateral: Option<String>,
            /// PoN block signature, hex.
            #[serde(default)]
            pub blocksig: Option<String>,
            /// Compact target, hex.
            pub bits: String,
            /// Difficulty.
            pub difficulty: f64,
            /// Chain work, hex.
            pub chainwork: String,
            /// Parent hash (absent for genesis).
            #[serde(default)]
            pub previousblockhash: Option<BlockHash>,
            /// Child hash on the active chain (absent at the tip).
            #[serde(default)]
            pub nextblockhash: Option<BlockHash>,
            $($extra)*
        }
    };
}

verbose_block! {
    /// getblockheader verbose (`true`).
    ///
    /// ```
    /// let h: flux_client::rpc::methods::HeaderInfo = serde_json::from_str(r#"{
    ///  "hash": "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb", "confirmations": 3,
    ///  "height": 2020000, "version": 100, "merkleroot": "00", "time": 1761415235, "type": "PON",
    ///  "collateral": "COutPoint(5c1d3f0c7a, 0)", "blocksig": "30", "bits": "1f0bffff",
    ///  "difficulty": 0.6666662428108759, "chainwork": "00",
    ///  "previousblockhash": "00000017b26f219941bd3d7aa2ea9425f3a6492295cd1d5387bdf2aa3ebf6dc7"}"#).unwrap();
    /// assert_eq!(h.kind.as_deref(), Some("PON"));
    /// assert!(h.nextblockhash.is_none());
    /// ```
    pub struct HeaderInfo {}
}

verbose_block! {
    /// getblock at verbosity 1.
    ///
    /// ```
    /// let b: flux_client::rpc::methods::BlockInfo = serde_json::from_str(r#"{
    ///  "hash": "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb", "confirmations": 1,
    ///  "size": 2000, "height": 2020000, "version": 100, "merkleroot": "00",
    ///  "tx": ["71b7828fb884e14437b4a19e4d8e53255d4bc03663b66c1d7be2ed7e3fdb12a4"], "time": 1, "bits": "1f0bffff",
    ///  "difficulty": 0.5, "chainwork": "00",
    ///  "valuePools": [{"id": "sapling", "monitored": true, "chainValue": 1.5, "valueDelta": -0.00000001}]}"#).unwrap();
    /// assert_eq!(b.value_pools[0].value_delta.unwrap().to_zat(), -1);
    /// ```
    pub struct BlockInfo {
        /// Serialized size in bytes.
        pub size: u64,
        /// Transaction ids.
        #[serde(default)]
        pub tx: Vec<Txid>,
        /// Sprout tree root after the block.
        #[serde(default)]
        pub anchor: Option<String>,
        /// Shielded pools and their change in this block.
        #[serde(default, rename = "valuePools")]
        pub value_pools: Vec<ValuePool>,
    }
}

/// getblockheader `hash` true.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert!(flux_client::rpc::methods::get_block_header_verbose(Default::default()).params().unwrap().get().ends_with(",true]"));
/// ```
pub fn get_block_header_verbose(hash: BlockHash) -> Typed<HeaderInfo> {
    Typed::new("getblockheader", &(hash.to_string(), true))
}

/// getblock `block` 1.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::get_block_verbose(5u32).params().unwrap().get(), r#"["5",1]"#);
/// ```
pub fn get_block_verbose(block: impl Into<BlockRef>) -> Typed<BlockInfo> {
    Typed::new("getblock", &(block.into().to_param(), 1))
}
