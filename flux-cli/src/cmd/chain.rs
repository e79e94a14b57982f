//! `flux chain ...`: the rules that depend only on the height (subsidy, upgrades), and the
//! work the next block must carry.

use clap::Subcommand;
use flux_consensus::difficulty::next_work;
use flux_consensus::header_chain::HeaderRecord;
use flux_consensus::rules::height_rules;
use flux_consensus::subsidy::SubsidyInfo;
use serde_json::json;

use crate::output::{arg_file_or_stdin, CliError, CmdResult, Outcome};
use flux_primitives::Network;

/// Chain-rule commands.
#[derive(Debug, Subcommand)]
pub enum ChainCommand {
    /// Block subsidy and required payouts at a height, in zatoshis.
    Subsidy {
        /// Block height.
        height: u32,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: Network,
    },
    /// Upgrade, branch id, block kind and Equihash sets at a height.
    Upgrade {
        /// Block height.
        height: u32,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: Network,
    },
    /// The nBits the next block must carry, exactly as fluxd's GetNextWorkRequired computes
    /// it in every era (DigiShield, LWMA, LWMA3, the ZelHash ramp, testnet minimum
    /// difficulty, Proof of Node), from a JSON array of the previous headers (`--help`
    /// shows it). Prints {"height", "bits", "target"}.
    #[command(after_long_help = crate::help::next_bits())]
    NextBits {
        /// The JSON array, a file holding it, or `-` for stdin.
        headers: String,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: Network,
        /// The candidate block's time (UNIX seconds); testnet's and regtest's
        /// minimum-difficulty rule needs it.
        #[arg(long, value_name = "T")]
        time: Option<u32>,
    },
}

/// Runs a chain command.
pub fn run(cmd: ChainCommand) -> CmdResult {
    match cmd {
        ChainCommand::Subsidy {
            height,
            network: net,
        } => Ok(Outcome::value(json!(SubsidyInfo::at(net, height)))),
        ChainCommand::NextBits {
            headers,
            network: net,
            time,
        } => {
            let text = arg_file_or_stdin(&headers)?;
            let prev = HeaderRecord::list_from_json(&text).map_err(CliError::from)?;
            let next = next_work(net, &prev, time).map_err(CliError::from)?;
            Ok(Outcome::value(json!(next)))
        }
        ChainCommand::Upgrade {
            height,
            network: net,
        } => Ok(Outcome::value(json!(height_rules(net, height)))),
    }
}
