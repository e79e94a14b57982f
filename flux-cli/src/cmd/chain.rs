//! `flux chain ...`: the rules that depend only on the height (subsidy, upgrades).

use clap::Subcommand;
use flux_consensus::rules::height_rules;
use flux_consensus::subsidy::SubsidyInfo;
use serde_json::json;

use crate::cmd::block::network;
use crate::output::{CmdResult, Outcome};

/// Chain-rule commands.
#[derive(Debug, Subcommand)]
pub enum ChainCommand {
    /// Block subsidy and required payouts at a height, in zatoshis.
    Subsidy {
        /// Block height.
        height: u32,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: String,
    },
    /// Upgrade, branch id, block kind and Equihash sets at a height.
    Upgrade {
        /// Block height.
        height: u32,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: String,
    },
}

/// Runs a chain command.
pub fn run(cmd: ChainCommand) -> CmdResult {
    match cmd {
        ChainCommand::Subsidy { height, network: n } => {
            let net = network(&n)?;
            Ok(Outcome::value(json!(SubsidyInfo::at(net, height))))
        }
        ChainCommand::Upgrade { height, network: n } => {
            let net = network(&n)?;
            Ok(Outcome::value(json!(height_rules(net, height))))
        }
    }
}
