//! `flux header decode`: a block header of either era as getblockheader-shaped JSON.

use clap::Subcommand;
use flux_consensus::header::BlockHeader;
use flux_consensus::json::header_json;
use flux_primitives::codec::decode_exact;

use crate::output::{arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};
use flux_primitives::Network;

/// Header commands.
#[derive(Debug, Subcommand)]
pub enum HeaderCommand {
    /// Decode a serialized header (either era) into getblockheader-shaped JSON. As in
    /// fluxd, `hash`, `previousblockhash` and `merkleroot` are in display (reversed) order,
    /// and so is a PoW header's `nonce`: reverse its bytes to get the serialized nonce
    /// that `flux equihash verify --nonce` takes (or give the whole header to
    /// `flux equihash verify --header`).
    Decode {
        /// Header hex, or `-` for stdin.
        hex: String,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: Network,
    },
}

/// Runs a header command.
pub fn run(cmd: HeaderCommand) -> CmdResult {
    match cmd {
        HeaderCommand::Decode { hex, network: net } => {
            let bytes = parse_hex("header", &arg_or_stdin(&hex)?)?;
            let header: BlockHeader = decode_exact(&bytes).map_err(CliError::from)?;
            Outcome::view(&header_json(&header, net, None))
        }
    }
}
