//! `flux equihash verify`: check one Equihash solution under any Flux parameter set.

use clap::Subcommand;
use flux_consensus::equihash::{EquihashParams, Verifier};
use serde_json::json;

use crate::output::{parse_hex, CliError, CmdResult, Outcome};

/// Equihash commands.
#[derive(Debug, Subcommand)]
pub enum EquihashCommand {
    /// Verify a solution; exit 2 when it is invalid.
    Verify {
        /// n (200, 144, 125, 96, 48).
        #[arg(long)]
        n: u32,
        /// k (9, 5, 4).
        #[arg(long)]
        k: u32,
        /// The 108-byte header prefix, hex.
        #[arg(long)]
        input: String,
        /// The 32-byte nonce, hex.
        #[arg(long)]
        nonce: String,
        /// The solution without its length prefix, hex.
        #[arg(long)]
        solution: String,
    },
}

/// Runs an Equihash command.
pub fn run(cmd: EquihashCommand) -> CmdResult {
    let EquihashCommand::Verify {
        n,
        k,
        input,
        nonce,
        solution,
    } = cmd;
    let input = parse_hex("input", &input)?;
    let nonce = parse_hex("nonce", &nonce)?;
    let solution = parse_hex("solution", &solution)?;
    if input.len() != 108 {
        return Err(CliError::argument(format!(
            "input must be 108 bytes, got {}",
            input.len()
        )));
    }
    if nonce.len() != 32 {
        return Err(CliError::argument(format!(
            "nonce must be 32 bytes, got {}",
            nonce.len()
        )));
    }
    let params = EquihashParams::for_nk(n, k);
    let verdict = Verifier::new(params, &input, &nonce)
        .and_then(|v| v.check(&solution))
        .map_err(CliError::input)?;
    let personal = String::from_utf8_lossy(&params.personal).into_owned();
    let json = json!({
        "valid": verdict.is_ok(),
        "n": n,
        "k": k,
        "personalization": personal,
        "twist": params.twist,
        "reason": verdict.err().map(|r| r.to_string()),
    });
    Ok(Outcome::verdict(json, verdict.is_ok()))
}
