//! `flux address ...`: inspect addresses.

use clap::Subcommand;

use crate::output::{CliError, CmdResult};

/// Address commands.
#[derive(Debug, Subcommand)]
pub enum AddressCommand {
    /// Describe an address.
    Inspect {
        /// The address, or `-` to read it from stdin.
        address: String,
    },
}

/// Runs a `flux address` command.
pub fn run(cmd: AddressCommand) -> CmdResult {
    match cmd {
        AddressCommand::Inspect { .. } => Err(CliError::argument(
            "flux address inspect is not implemented yet",
        )),
    }
}
