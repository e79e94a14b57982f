//! `flux block ...`: decode and verify whole blocks of either era.

use clap::Subcommand;
use flux_consensus::block::Block;
use flux_consensus::check::{
    check_block, check_block_in_chain, BlockVerdict, CheckContext, FluxnodePayees, PrevHeader,
};
use flux_consensus::json::{block_json, Verbosity};
use flux_primitives::{Amount, Network, PublicKey};

use crate::output::{arg_file_or_stdin, arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Block commands.
#[derive(Debug, Subcommand)]
pub enum BlockCommand {
    /// Decode a serialized block into getblock-shaped JSON.
    Decode {
        /// Block hex, or `-` for stdin.
        hex: String,
        /// Network (main, test, regtest) for addresses and difficulty.
        #[arg(long, default_value = "main")]
        network: Network,
        /// 1: txids; 2: decoded transactions.
        #[arg(long, default_value = "2")]
        verbosity: Verbosity,
        /// Block height, if known (shown as `height`).
        #[arg(long)]
        height: Option<u32>,
    },
    /// Run fluxd's block checks; exit 2 when one fails.
    #[command(after_long_help = crate::help::block_verify())]
    Verify {
        /// Block hex, or `-` for stdin.
        hex: String,
        /// Height, enabling version, Equihash-set and coinbase rules.
        #[arg(long)]
        height: Option<u32>,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: Network,
        /// The producing node's operator public key (PoN blocks), hex.
        #[arg(long)]
        node_public_key: Option<String>,
        /// UNIX time for the future-time rule (default: this machine's clock).
        #[arg(long)]
        now: Option<u32>,
        /// JSON file (or `-` for stdin) holding an array of the previous headers' hex,
        /// consecutive and newest last (the last is at height - 1); enables the difficulty,
        /// median-time, parent-link and checkpoint checks. Needs `--height`.
        #[arg(long)]
        prev_headers: Option<String>,
        /// The fluxnode payees this block owes, as JSON, a JSON file or `-`: an object from
        /// tier (cumulus, nimbus, stratus) to a transparent address or scriptPubKey hex,
        /// one per tier whose payment queue is not empty (see `fluxnodecurrentwinner`);
        /// enables the `fluxnode_payouts` check. Needs `--height`.
        #[arg(long)]
        fluxnode_payees: Option<String>,
        /// Total fees of the block's other transactions in zatoshis; enables the
        /// `coinbase_value` check when they spend transparent outputs.
        #[arg(long, value_name = "ZAT", value_parser = parse_fees)]
        fees: Option<Amount>,
    },
}

/// `--fees`: zatoshis within the money range.
fn parse_fees(s: &str) -> Result<Amount, String> {
    let zat: i64 = s.parse().map_err(|e| format!("{e}"))?;
    Amount::from_zat(zat).map_err(|e| e.to_string())
}

/// Reads `--prev-headers`: a JSON array of header hex, oldest first, the newest at
/// `height - 1` (the library decodes them and checks that each links to the one before).
fn read_prev_headers(arg: &str, height: u32) -> Result<Vec<PrevHeader>, CliError> {
    let text = arg_file_or_stdin(arg)?;
    let list: Vec<String> = serde_json::from_str(&text).map_err(|e| {
        CliError::argument(format!(
            "--prev-headers: expected a JSON array of hex strings: {e}"
        ))
    })?;
    let bytes = list
        .iter()
        .map(|h| parse_hex("previous header", h))
        .collect::<Result<Vec<_>, _>>()?;
    let chain = match height.checked_sub(1) {
        Some(tip) => PrevHeader::chain(&bytes, tip),
        None if bytes.is_empty() => Ok(Vec::new()),
        None => Err(flux_consensus::Error::TooManyHeaders {
            count: bytes.len(),
            tip_height: 0,
        }),
    };
    chain.map_err(|e| CliError::argument(format!("--prev-headers: {e}")))
}

/// Reads `--fluxnode-payees` (see [`FluxnodePayees::from_json`]).
fn read_fluxnode_payees(arg: &str, net: Network) -> Result<FluxnodePayees, CliError> {
    let text = arg_file_or_stdin(arg)?;
    FluxnodePayees::from_json(&text, net)
        .map_err(|e| CliError::argument(format!("--fluxnode-payees: {e}")))
}

/// This machine's clock as UNIX seconds, as fluxd's `GetAdjustedTime` would start from.
fn unix_now() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX))
        .unwrap_or(0)
}

fn read_block(arg: &str) -> Result<Block, CliError> {
    let bytes = parse_hex("block", &arg_or_stdin(arg)?)?;
    Block::from_bytes(&bytes).map_err(CliError::from)
}

/// Runs a block command.
pub fn run(cmd: BlockCommand) -> CmdResult {
    match cmd {
        BlockCommand::Decode {
            hex,
            network: net,
            verbosity,
            height,
        } => {
            let block = read_block(&hex)?;
            Outcome::view(&block_json(&block, net, height, verbosity))
        }
        BlockCommand::Verify {
            hex,
            height,
            network: net,
            node_public_key,
            now,
            prev_headers,
            fluxnode_payees,
            fees,
        } => {
            let block = read_block(&hex)?;
            let key = node_public_key
                .map(|k| k.trim().parse::<PublicKey>().map_err(CliError::from))
                .transpose()?;
            if fluxnode_payees.is_some() && height.is_none() {
                return Err(CliError::argument("--fluxnode-payees needs --height"));
            }
            let fluxnode_payees = fluxnode_payees
                .map(|p| read_fluxnode_payees(&p, net))
                .transpose()?;
            let ctx = CheckContext {
                network: net,
                height,
                node_public_key: key,
                now: Some(now.unwrap_or_else(unix_now)),
                fluxnode_payees,
                fees,
            };
            let report = match (prev_headers, height) {
                (None, _) => check_block(&block, &ctx),
                (Some(_), None) => return Err(CliError::argument("--prev-headers needs --height")),
                (Some(file), Some(h)) => {
                    let prev = read_prev_headers(&file, h)?;
                    check_block_in_chain(&block, &ctx, h, &prev[..])
                }
            };
            let valid = report.valid;
            let verdict = BlockVerdict::new(&block, report);
            let json = serde_json::to_value(&verdict).map_err(CliError::input)?;
            Ok(Outcome::verdict(json, valid))
        }
    }
}
