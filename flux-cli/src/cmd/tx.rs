//! `flux tx ...`: decode, build, sign, hash and verify transactions.

use clap::Subcommand;
use flux_primitives::{BranchId, Network};
use flux_tx::sighash::{SighashCache, SighashType, SignedInput};
use flux_tx::Transaction;
use serde_json::Value;

use crate::output::{arg_file_or_stdin, arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Transaction commands.
#[derive(Debug, Subcommand)]
pub enum TxCommand {
    /// Decode a raw transaction into fluxd's decoderawtransaction JSON.
    Decode {
        /// The raw transaction hex, or `-`.
        hex: String,
        /// Network for address rendering (main, test, regtest).
        #[arg(long, default_value = "main")]
        network: Network,
    },
    /// Build (and sign) a transaction from a JSON specification (`--help` lists its
    /// fields).
    #[command(after_long_help = crate::help::tx_build())]
    Build {
        /// The specification (JSON text, a file name, or `-` for stdin).
        spec: String,
    },
    /// The signature hash of one input.
    Sighash {
        /// The raw transaction hex, or `-`.
        hex: String,
        /// Input index.
        #[arg(long)]
        input: usize,
        /// The script being signed (hex): scriptPubKey, or the redeem script for P2SH.
        #[arg(long)]
        script_code: String,
        /// Value of the spent output in zatoshis.
        #[arg(long)]
        amount: i64,
        /// ALL, NONE, SINGLE, each optionally |ANYONECANPAY, or a number.
        #[arg(long)]
        hash_type: String,
        /// Consensus branch id (default 0x76b809bb).
        #[arg(long)]
        branch_id: Option<String>,
    },
    /// Verify every transparent input signature against the spent outputs.
    #[command(after_long_help = crate::help::tx_verify())]
    Verify {
        /// The raw transaction hex, or `-`.
        hex: String,
        /// JSON array of spent outputs, one per input: {"script_pubkey": hex, "amount": zat}.
        #[arg(long)]
        prevouts: String,
        /// Consensus branch id (default 0x76b809bb).
        #[arg(long)]
        branch_id: Option<String>,
    },
}

/// `--branch-id`: `0x` hex or decimal (a bare number is decimal here, unlike
/// `BranchId::from_str`, to keep the flag's meaning).
fn parse_branch_id(s: Option<String>) -> Result<BranchId, CliError> {
    match s {
        None => Ok(flux_primitives::network::upgrade::FLUX_BRANCH_ID),
        Some(s) => {
            let t = s.trim();
            let r = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                Some(h) => u32::from_str_radix(h, 16),
                None => t.parse(),
            };
            r.map(BranchId::from_consensus)
                .map_err(|e| CliError::argument(format!("--branch-id {s:?}: {e}")))
        }
    }
}

fn read_tx(arg: &str) -> Result<Transaction, CliError> {
    let bytes = parse_hex("transaction", &arg_or_stdin(arg)?)?;
    Transaction::from_bytes(&bytes).map_err(CliError::from)
}

/// Runs a `flux tx` command.
pub fn run(cmd: TxCommand) -> CmdResult {
    match cmd {
        TxCommand::Decode { hex, network } => {
            let tx = read_tx(&hex)?;
            Outcome::view(&flux_tx::json::to_json(&tx, network))
        }
        TxCommand::Sighash {
            hex,
            input,
            script_code,
            amount,
            hash_type,
            branch_id,
        } => {
            let tx = read_tx(&hex)?;
            let std = tx
                .as_standard()
                .ok_or_else(|| CliError::input("fluxnode transactions have no inputs to sign"))?;
            let script = parse_hex("--script-code", &script_code)?;
            let ht = hash_type
                .parse::<SighashType>()
                .map_err(|_| CliError::argument(format!("--hash-type {hash_type:?} is not ALL, NONE, SINGLE (|ANYONECANPAY) or a number")))?;
            let branch = parse_branch_id(branch_id)?;
            let h = SighashCache::new(std)
                .signature_hash(
                    SignedInput::Input {
                        index: input,
                        script_code: &script,
                        amount,
                    },
                    ht,
                    branch,
                )
                .map_err(CliError::from)?;
            Outcome::view(&flux_tx::view::SighashView::new(h))
        }
        TxCommand::Build { spec } => {
            let text = arg_file_or_stdin(&spec)?;
            let v: Value = serde_json::from_str(&text)
                .map_err(|e| CliError::input(format!("spec is not JSON: {e}")))?;
            let built = flux_tx::builder::build_from_spec(&v).map_err(CliError::from)?;
            Outcome::view(&flux_tx::view::BuiltTx::of(&built))
        }
        TxCommand::Verify {
            hex,
            prevouts,
            branch_id,
        } => {
            let tx = read_tx(&hex)?;
            let std = tx.as_standard().ok_or_else(|| {
                CliError::input("fluxnode transactions have no inputs: use flux fluxnode verify")
            })?;
            let text = arg_file_or_stdin(&prevouts)?;
            let v: Value = serde_json::from_str(&text)
                .map_err(|e| CliError::input(format!("--prevouts is not JSON: {e}")))?;
            let spent = flux_tx::sign::prevouts_from_json(&v).map_err(CliError::from)?;
            let branch = parse_branch_id(branch_id)?;
            let results =
                flux_tx::sign::verify_inputs(std, &spent, branch).map_err(CliError::from)?;
            let verdict = flux_tx::verdict::InputsVerdict::from_results(&results);
            let mut out = Outcome::view(&verdict)?;
            out.verified = Some(verdict.valid);
            Ok(out)
        }
    }
}
