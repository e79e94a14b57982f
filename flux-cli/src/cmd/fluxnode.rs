//! `flux fluxnode ...`: build and verify fluxnode START/CONFIRM transactions.

use clap::Subcommand;
use flux_primitives::Network;
use flux_tx::fluxnode_sign::{start_from_spec, verify_fluxnode, VerifyContext};
use flux_tx::Transaction;
use serde_json::Value;

use crate::output::{arg_file_or_stdin, arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Fluxnode commands.
#[derive(Debug, Subcommand)]
pub enum FluxnodeCommand {
    /// Build and sign a START transaction from a JSON specification (`--help` lists its
    /// fields).
    #[command(after_long_help = crate::help::fluxnode_start())]
    Start {
        /// The specification (JSON text, a file name, or `-` for stdin).
        spec: String,
    },
    /// Check the signatures of a START or CONFIRM transaction.
    Verify {
        /// The raw transaction hex, or `-`.
        hex: String,
        /// Network whose benchmark keys apply (main, test, regtest).
        #[arg(long, default_value = "main")]
        network: Network,
        /// The node's operator public key (hex), to check a CONFIRM's signature.
        #[arg(long)]
        node_pubkey: Option<String>,
        /// A stored delegate public key (hex), to check a delegate-signed START; repeatable.
        #[arg(long)]
        delegate_key: Vec<String>,
    },
}

/// Runs a `flux fluxnode` command.
pub fn run(cmd: FluxnodeCommand) -> CmdResult {
    match cmd {
        FluxnodeCommand::Start { spec } => {
            let text = arg_file_or_stdin(&spec)?;
            let v: Value = serde_json::from_str(&text)
                .map_err(|e| CliError::input(format!("spec is not JSON: {e}")))?;
            let (_, tx) = start_from_spec(&v).map_err(CliError::from)?;
            Outcome::view(&flux_tx::view::SignedTx::of(&tx))
        }
        FluxnodeCommand::Verify {
            hex,
            network,
            node_pubkey,
            delegate_key,
        } => {
            let bytes = parse_hex("transaction", &arg_or_stdin(&hex)?)?;
            let tx = Transaction::from_bytes(&bytes).map_err(CliError::from)?;
            let ctx = VerifyContext {
                node_pubkey: node_pubkey
                    .map(|k| parse_hex("--node-pubkey", &k))
                    .transpose()?,
                delegate_keys: delegate_key
                    .iter()
                    .map(|k| parse_hex("--delegate-key", k))
                    .collect::<Result<_, _>>()?,
            };
            let checks = verify_fluxnode(&tx, network, &ctx).map_err(CliError::from)?;
            let verdict = flux_tx::verdict::FluxnodeVerdict::of(&tx, &checks);
            let mut out = Outcome::view(&verdict)?;
            out.verified = Some(verdict.valid);
            Ok(out)
        }
    }
}
