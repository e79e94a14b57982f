//! `flux address ...`: inspect addresses.

use clap::Subcommand;
use flux_primitives::{Address, Network};

use crate::output::{arg_or_stdin, print_view, CmdResult};

/// Address commands.
#[derive(Debug, Subcommand)]
pub enum AddressCommand {
    /// Describe an address: network, kind, hash160 and scriptPubKey (transparent kinds).
    Inspect {
        /// The address, or `-` to read it from stdin.
        address: String,
        /// Require the address to be valid on this network (main, test or regtest).
        #[arg(long)]
        network: Option<Network>,
    },
}

/// Runs a `flux address` command.
pub fn run(cmd: AddressCommand) -> CmdResult {
    match cmd {
        AddressCommand::Inspect { address, network } => {
            let text = arg_or_stdin(&address)?;
            let addr = match network {
                Some(n) => Address::from_str_for_network(&text, n)?,
                None => text.parse::<Address>()?,
            };
            print_view(&addr.info())
        }
    }
}
