//! `flux equihash verify`: check one Equihash solution under any Flux parameter set.

use clap::Subcommand;
use flux_consensus::equihash::{EquihashParams, EquihashVerdict};
use flux_consensus::header::BlockHeader;
use flux_primitives::codec::decode_exact;

use crate::output::{arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};
use flux_primitives::Network;

/// Equihash commands.
#[derive(Debug, Subcommand)]
pub enum EquihashCommand {
    /// Verify a solution; exit 2 when it is invalid. Give either a whole PoW header
    /// (`--header`), or the parameters and the three parts (`--n --k --input --nonce
    /// --solution`).
    Verify {
        /// A whole serialized PoW header, hex (as `flux header decode` takes it), or `-`
        /// for stdin; n and k follow from the solution size, as in fluxd's
        /// CheckEquihashSolution.
        #[arg(long, conflicts_with_all = ["n", "k", "input", "nonce", "solution"])]
        header: Option<String>,
        /// Network of the header (main, test, regtest); fluxd picks the parameter set from
        /// the solution size on every network.
        #[arg(long, default_value = "main", requires = "header")]
        network: Network,
        /// n (200, 144, 125, 96, 48).
        #[arg(long, required_unless_present = "header")]
        n: Option<u32>,
        /// k (9, 5, 4).
        #[arg(long, required_unless_present = "header")]
        k: Option<u32>,
        /// The 108-byte header prefix, hex (serialized order).
        #[arg(long, required_unless_present = "header")]
        input: Option<String>,
        /// The 32-byte nonce, hex, in serialized (little-endian, internal) order: the 32
        /// bytes after the prefix in the header, NOT the byte-reversed `nonce` that fluxd's
        /// getblockheader and `flux header decode` display.
        #[arg(long, required_unless_present = "header")]
        nonce: Option<String>,
        /// The solution without its length prefix, hex.
        #[arg(long, required_unless_present = "header")]
        solution: Option<String>,
    },
}

/// Runs an Equihash command.
pub fn run(cmd: EquihashCommand) -> CmdResult {
    let EquihashCommand::Verify {
        header,
        network: _,
        n,
        k,
        input,
        nonce,
        solution,
    } = cmd;
    let verdict = match (header, n, k, input, nonce, solution) {
        (Some(hex), ..) => {
            let bytes = parse_hex("header", &arg_or_stdin(&hex)?)?;
            let header: BlockHeader = decode_exact(&bytes).map_err(CliError::from)?;
            EquihashVerdict::of_header(&header).map_err(CliError::from)?
        }
        (None, Some(n), Some(k), Some(input), Some(nonce), Some(solution)) => {
            let input = parse_hex("input", &input)?;
            let nonce = parse_hex("nonce", &nonce)?;
            let solution = parse_hex("solution", &solution)?;
            EquihashVerdict::check(EquihashParams::for_nk(n, k), &input, &nonce, &solution)
                .map_err(|e| match e {
                    flux_consensus::Error::EquihashInputLength { .. } => {
                        CliError::argument(e.to_string())
                    }
                    e => CliError::from(e),
                })?
        }
        _ => {
            return Err(CliError::argument(
                "give --header, or --n, --k, --input, --nonce and --solution",
            ))
        }
    };
    let valid = verdict.valid;
    let json = serde_json::to_value(&verdict).map_err(CliError::input)?;
    Ok(Outcome::verdict(json, valid))
}
