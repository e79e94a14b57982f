//! `flux key ...`: generate, inspect and derive private keys.

use clap::Subcommand;

use crate::output::{CliError, CmdResult};

/// Private-key commands.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate a new random private key.
    New,
}

/// Runs a `flux key` command.
pub fn run(cmd: KeyCommand) -> CmdResult {
    match cmd {
        KeyCommand::New => Err(CliError::argument("flux key new is not implemented yet")),
    }
}
