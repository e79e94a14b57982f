//! `flux block ...`: decode and verify whole blocks of either era.

use clap::Subcommand;
use flux_consensus::block::Block;
use flux_consensus::check::{check_block, CheckContext};
use flux_consensus::json::block_json;
use flux_primitives::Network;
use serde_json::json;

use crate::output::{arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Block commands.
#[derive(Debug, Subcommand)]
pub enum BlockCommand {
    /// Decode a serialized block into getblock-shaped JSON.
    Decode {
        /// Block hex, or `-` for stdin.
        hex: String,
        /// Network (main, test, regtest) for addresses and difficulty.
        #[arg(long, default_value = "main")]
        network: String,
        /// 1: txids; 2: decoded transactions.
        #[arg(long, default_value_t = 2)]
        verbosity: u8,
        /// Block height, if known (shown as `height`).
        #[arg(long)]
        height: Option<u32>,
    },
    /// Run fluxd's block checks; exit 2 when one fails.
    Verify {
        /// Block hex, or `-` for stdin.
        hex: String,
        /// Height, enabling version, Equihash-set and coinbase rules.
        #[arg(long)]
        height: Option<u32>,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: String,
        /// The producing node's operator public key (PoN blocks), hex.
        #[arg(long)]
        node_public_key: Option<String>,
        /// Current UNIX time for the future-time rule.
        #[arg(long)]
        now: Option<u32>,
    },
}

/// Parses a network name.
pub fn network(s: &str) -> Result<Network, CliError> {
    s.parse()
        .map_err(|e: flux_primitives::Error| CliError::argument(e.to_string()))
}

fn read_block(arg: &str) -> Result<Block, CliError> {
    let bytes = parse_hex("block", &arg_or_stdin(arg)?)?;
    Block::from_bytes(&bytes).map_err(CliError::input)
}

/// Runs a block command.
pub fn run(cmd: BlockCommand) -> CmdResult {
    match cmd {
        BlockCommand::Decode {
            hex,
            network: n,
            verbosity,
            height,
        } => {
            let net = network(&n)?;
            let block = read_block(&hex)?;
            Ok(Outcome::value(block_json(&block, net, height, verbosity)))
        }
        BlockCommand::Verify {
            hex,
            height,
            network: n,
            node_public_key,
            now,
        } => {
            let net = network(&n)?;
            let block = read_block(&hex)?;
            let key = node_public_key
                .map(|k| parse_hex("node public key", &k))
                .transpose()?;
            let report = check_block(
                &block,
                &CheckContext {
                    network: net,
                    height,
                    node_public_key: key,
                    now,
                },
            );
            let valid = report.valid;
            let mut v = json!({ "hash": block.hash().to_string() });
            if let (Some(o), Ok(serde_json::Value::Object(r))) =
                (v.as_object_mut(), serde_json::to_value(&report))
            {
                o.extend(r);
            }
            Ok(Outcome::verdict(v, valid))
        }
    }
}
