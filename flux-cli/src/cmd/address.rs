//! `flux address ...`: inspect addresses.

use clap::Subcommand;
use serde_json::json;

use flux_primitives::address::{Address, Payload};

use crate::output::{arg_or_stdin, CliError, CmdResult, Outcome};

/// Address commands.
#[derive(Debug, Subcommand)]
pub enum AddressCommand {
    /// Describe an address: network, kind, hash160 and scriptPubKey (transparent kinds).
    Inspect {
        /// The address, or `-` to read it from stdin.
        address: String,
        /// Require the address to be valid on this network (main, test or regtest).
        #[arg(long)]
        network: Option<String>,
    },
}

/// Runs a `flux address` command.
pub fn run(cmd: AddressCommand) -> CmdResult {
    match cmd {
        AddressCommand::Inspect { address, network } => {
            let text = arg_or_stdin(&address)?;
            let addr = match network {
                Some(n) => {
                    let n = n
                        .parse()
                        .map_err(|e: flux_primitives::Error| CliError::argument(e.to_string()))?;
                    Address::from_str_for_network(&text, n)
                }
                None => text.parse::<Address>(),
            }?;
            let payload_hex = match addr.payload() {
                Payload::Sapling(b) => Some(hex::encode(b)),
                Payload::Sprout(b) => Some(hex::encode(b)),
                _ => None,
            };
            let mut out = json!({
                "address": addr.to_string(),
                "network": addr.network(),
                "kind": addr.kind().name(),
                "hash160": addr.hash160().map(hex::encode),
                "script_pubkey": addr.script_pubkey().map(|s| hex::encode(s.as_bytes())),
            });
            if let (Some(obj), Some(p)) = (out.as_object_mut(), payload_hex) {
                obj.insert("payload".into(), json!(p));
            }
            Ok(Outcome::value(out))
        }
    }
}
