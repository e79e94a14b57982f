//! The bindings as plain Rust: one input type and one function per `flux` command, each
//! calling the library function the command calls and returning what the command prints.
//!
//! Input types deserialize from the JavaScript object (camelCase fields, unknown fields
//! refused so that a misspelt option is an error rather than silently ignored); optional
//! fields default as the command's flags do.

use flux_consensus::block::Block;
use flux_consensus::header::BlockHeader;
use flux_primitives::codec::decode_exact;
use flux_primitives::Network;
use flux_tx::Transaction;
use serde::Deserialize;
use serde_json::Value;

use crate::Failure;

fn main_network() -> String {
    "main".into()
}

fn verbosity_two() -> u8 {
    2
}

/// Hex as the command line takes it: surrounding whitespace ignored, the error naming what
/// was expected.
fn parse_hex(what: &str, s: &str) -> Result<Vec<u8>, Failure> {
    hex::decode(s.trim()).map_err(|e| Failure::input(format!("{what} is not valid hex: {e}")))
}

/// `--network` of the block-level commands, an argument error when unknown.
fn network_argument(s: &str) -> Result<Network, Failure> {
    s.parse().map_err(Failure::argument)
}

/// Input of [`tx_decode`] (`flux tx decode HEX --network N`).
///
/// ```
/// let i: flux_wasm::api::TxDecodeInput = serde_json::from_str(r#"{"hex": "00"}"#).unwrap();
/// assert_eq!(i.network, "main");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TxDecodeInput {
    /// The raw transaction, hex.
    pub hex: String,
    /// Network for address rendering: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
}

/// `txDecode`: fluxd's `decoderawtransaction` JSON of a transaction, with its txid.
///
/// ```
/// use flux_wasm::api::{tx_decode, TxDecodeInput};
///
/// let err = tx_decode(TxDecodeInput { hex: "0".into(), network: "main".into() }).unwrap_err();
/// assert_eq!(err.kind, "invalid_input");
/// ```
pub fn tx_decode(input: TxDecodeInput) -> Result<flux_tx::json::TxJson, Failure> {
    let bytes = parse_hex("transaction", &input.hex)?;
    let tx = Transaction::from_bytes(&bytes).map_err(Failure::input)?;
    // `flux tx decode` reports an unknown network as bad input (not as a bad argument, as
    // the block commands do); kept so both give the same error.
    let network: Network = input.network.parse().map_err(Failure::input)?;
    Ok(flux_tx::json::to_json(&tx, network))
}

/// Input of [`block_decode`] (`flux block decode HEX --network N --verbosity V --height H`).
///
/// ```
/// let i: flux_wasm::api::BlockDecodeInput =
///     serde_json::from_str(r#"{"hex": "00", "verbosity": 1}"#).unwrap();
/// assert_eq!((i.verbosity, i.height), (1, None));
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockDecodeInput {
    /// The serialized block, hex.
    pub hex: String,
    /// Network for addresses and difficulty: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
    /// 1: txids; 2 (default): decoded transactions.
    #[serde(default = "verbosity_two")]
    pub verbosity: u8,
    /// The block's height, if known (shown as `height`).
    #[serde(default)]
    pub height: Option<u32>,
}

/// `blockDecode`: fluxd's `getblock` JSON of a block of either era, with its hash.
///
/// ```
/// use flux_wasm::api::{block_decode, BlockDecodeInput};
///
/// let input = BlockDecodeInput { hex: "00".into(), network: "main".into(), verbosity: 2, height: None };
/// assert_eq!(block_decode(input).unwrap_err().kind, "invalid_input");
/// ```
pub fn block_decode(input: BlockDecodeInput) -> Result<flux_consensus::json::BlockJson, Failure> {
    let net = network_argument(&input.network)?;
    let verbosity =
        flux_consensus::json::Verbosity::try_from(input.verbosity).map_err(Failure::argument)?;
    let bytes = parse_hex("block", &input.hex)?;
    let block = Block::from_bytes(&bytes).map_err(Failure::input)?;
    Ok(flux_consensus::json::block_json(
        &block,
        net,
        input.height,
        verbosity,
    ))
}

/// Input of [`header_decode`] (`flux header decode HEX --network N`).
///
/// ```
/// let i: flux_wasm::api::HeaderDecodeInput =
///     serde_json::from_str(r#"{"hex": "00", "network": "test"}"#).unwrap();
/// assert_eq!(i.network, "test");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderDecodeInput {
    /// The serialized header, hex.
    pub hex: String,
    /// Network: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
}

/// `headerDecode`: fluxd's `getblockheader` JSON of a header of either era, with its hash.
///
/// ```
/// use flux_wasm::api::{header_decode, HeaderDecodeInput};
///
/// let input = HeaderDecodeInput { hex: "00".into(), network: "nowhere".into() };
/// assert_eq!(header_decode(input).unwrap_err().kind, "invalid_argument");
/// ```
pub fn header_decode(
    input: HeaderDecodeInput,
) -> Result<flux_consensus::json::HeaderJson, Failure> {
    let net = network_argument(&input.network)?;
    let bytes = parse_hex("header", &input.hex)?;
    let header: BlockHeader = decode_exact(&bytes).map_err(Failure::input)?;
    Ok(flux_consensus::json::header_json(&header, net, None))
}

/// Input of [`chain_upgrade`] (`flux chain upgrade HEIGHT --network N`).
///
/// ```
/// let i: flux_wasm::api::ChainUpgradeInput =
///     serde_json::from_str(r#"{"height": 2020000}"#).unwrap();
/// assert_eq!(i.network, "main");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainUpgradeInput {
    /// Block height.
    pub height: u32,
    /// Network: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
}

/// `chainUpgrade`: the upgrade, branch id, block kind and Equihash sets at a height.
///
/// ```
/// use flux_wasm::api::{chain_upgrade, ChainUpgradeInput};
///
/// let out = chain_upgrade(ChainUpgradeInput { height: 0, network: "main".into() }).unwrap();
/// assert_eq!(out["equihash"][0], "200,9");
/// ```
pub fn chain_upgrade(input: ChainUpgradeInput) -> Result<Value, Failure> {
    let net = network_argument(&input.network)?;
    serde_json::to_value(flux_consensus::rules::height_rules(net, input.height))
        .map_err(Failure::input)
}
