//! `flux block ...`: decode and verify whole blocks of either era.

use clap::Subcommand;
use flux_consensus::block::Block;
use flux_consensus::check::{
    check_block, check_block_in_chain, CheckContext, FluxnodePayee, PrevHeader,
};
use flux_consensus::header::BlockHeader;
use flux_consensus::json::block_json;
use flux_consensus::subsidy::Tier;
use flux_primitives::amount::money_range;
use flux_primitives::codec::decode_exact;
use flux_primitives::{Network, ScriptBuf};
use serde_json::json;

use crate::output::{arg_file_or_stdin, arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Block commands.
#[derive(Debug, Subcommand)]
pub enum BlockCommand {
    /// Decode a serialized block into getblock-shaped JSON.
    Decode {
        /// Block hex, or `-` for stdin.
        hex: String,
        /// Network (main, test, regtest) for addresses and difficulty.
        #[arg(long, default_value = "main")]
        network: String,
        /// 1: txids; 2: decoded transactions.
        #[arg(long, default_value_t = 2)]
        verbosity: u8,
        /// Block height, if known (shown as `height`).
        #[arg(long)]
        height: Option<u32>,
    },
    /// Run fluxd's block checks; exit 2 when one fails.
    Verify {
        /// Block hex, or `-` for stdin.
        hex: String,
        /// Height, enabling version, Equihash-set and coinbase rules.
        #[arg(long)]
        height: Option<u32>,
        /// Network: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: String,
        /// The producing node's operator public key (PoN blocks), hex.
        #[arg(long)]
        node_public_key: Option<String>,
        /// UNIX time for the future-time rule (default: this machine's clock).
        #[arg(long)]
        now: Option<u32>,
        /// JSON file (or `-` for stdin) holding an array of the previous headers' hex,
        /// consecutive and newest last (the last is at height - 1); enables the difficulty,
        /// median-time, parent-link and checkpoint checks. Needs `--height`.
        #[arg(long)]
        prev_headers: Option<String>,
        /// The fluxnode payees this block owes, as JSON, a JSON file or `-`: an object from
        /// tier (cumulus, nimbus, stratus) to a transparent address or scriptPubKey hex,
        /// one per tier whose payment queue is not empty (see `fluxnodecurrentwinner`);
        /// enables the `fluxnode_payouts` check. Needs `--height`.
        #[arg(long)]
        fluxnode_payees: Option<String>,
        /// Total fees of the block's other transactions in zatoshis; enables the
        /// `coinbase_value` check when they spend transparent outputs.
        #[arg(long, value_name = "ZAT")]
        fees: Option<u64>,
    },
}

/// Parses a network name.
pub fn network(s: &str) -> Result<Network, CliError> {
    s.parse()
        .map_err(|e: flux_primitives::Error| CliError::argument(e.to_string()))
}

/// Reads `--prev-headers`: a JSON array of header hex, newest last, the last at
/// `height - 1`; each must link to the one before it.
fn read_prev_headers(arg: &str, height: u32) -> Result<Vec<PrevHeader>, CliError> {
    let text = arg_file_or_stdin(arg)?;
    let list: Vec<String> = serde_json::from_str(&text).map_err(|e| {
        CliError::argument(format!(
            "--prev-headers: expected a JSON array of hex strings: {e}"
        ))
    })?;
    let count = u32::try_from(list.len())
        .ok()
        .filter(|&n| n <= height)
        .ok_or_else(|| {
            CliError::argument(format!(
                "--prev-headers: {} headers do not fit below height {height}",
                list.len()
            ))
        })?;
    let first = height - count;
    let mut out: Vec<PrevHeader> = Vec::with_capacity(list.len());
    for (i, h) in list.iter().enumerate() {
        let bytes = parse_hex("previous header", h)?;
        let header: BlockHeader = decode_exact(&bytes)
            .map_err(|e| CliError::input(format!("--prev-headers entry {i}: {e}")))?;
        if let Some(before) = out.last() {
            if header.prev_block != before.hash {
                return Err(CliError::argument(format!(
                    "--prev-headers entry {i} does not link to entry {}",
                    i - 1
                )));
            }
        }
        out.push(PrevHeader::from_header(&header, first + i as u32));
    }
    Ok(out)
}

/// Reads `--fluxnode-payees`: `{"cumulus": "t1...", "nimbus": "76a9...", ...}`, each
/// value an address of `net` or scriptPubKey hex.
fn read_fluxnode_payees(arg: &str, net: Network) -> Result<Vec<FluxnodePayee>, CliError> {
    let text = arg_file_or_stdin(arg)?;
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).map_err(|e| {
            CliError::argument(format!(
                "--fluxnode-payees: expected a JSON object from tier to address or scriptPubKey hex: {e}"
            ))
        })?;
    let mut out = Vec::with_capacity(map.len().min(Tier::ALL.len()));
    for (key, value) in &map {
        let tier = Tier::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(key))
            .ok_or_else(|| {
                CliError::argument(format!(
                    "--fluxnode-payees: unknown tier {key:?} (cumulus, nimbus or stratus)"
                ))
            })?;
        let payee = value.as_str().ok_or_else(|| {
            CliError::argument(format!("--fluxnode-payees: {key} must be a string"))
        })?;
        let payee = match FluxnodePayee::from_address(tier, payee, net) {
            Ok(p) => p,
            Err(address_err) => match hex::decode(payee) {
                Ok(script) if !script.is_empty() => FluxnodePayee {
                    tier,
                    script_pubkey: ScriptBuf::from_bytes(script),
                },
                _ => {
                    return Err(CliError::argument(format!(
                        "--fluxnode-payees: {key}: neither an address ({address_err}) nor scriptPubKey hex"
                    )))
                }
            },
        };
        if out.iter().any(|p: &FluxnodePayee| p.tier == tier) {
            return Err(CliError::argument(format!(
                "--fluxnode-payees: {} given twice",
                tier.name()
            )));
        }
        out.push(payee);
    }
    Ok(out)
}

/// This machine's clock as UNIX seconds, as fluxd's `GetAdjustedTime` would start from.
fn unix_now() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX))
        .unwrap_or(0)
}

fn read_block(arg: &str) -> Result<Block, CliError> {
    let bytes = parse_hex("block", &arg_or_stdin(arg)?)?;
    Block::from_bytes(&bytes).map_err(CliError::input)
}

/// Runs a block command.
pub fn run(cmd: BlockCommand) -> CmdResult {
    match cmd {
        BlockCommand::Decode {
            hex,
            network: n,
            verbosity,
            height,
        } => {
            let net = network(&n)?;
            let block = read_block(&hex)?;
            Ok(Outcome::value(block_json(&block, net, height, verbosity)))
        }
        BlockCommand::Verify {
            hex,
            height,
            network: n,
            node_public_key,
            now,
            prev_headers,
            fluxnode_payees,
            fees,
        } => {
            let net = network(&n)?;
            let block = read_block(&hex)?;
            let key = node_public_key
                .map(|k| parse_hex("node public key", &k))
                .transpose()?;
            if fluxnode_payees.is_some() && height.is_none() {
                return Err(CliError::argument("--fluxnode-payees needs --height"));
            }
            let fluxnode_payees = fluxnode_payees
                .map(|p| read_fluxnode_payees(&p, net))
                .transpose()?;
            let fees = fees
                .map(|f| {
                    i64::try_from(f)
                        .ok()
                        .filter(|&z| money_range(z))
                        .ok_or_else(|| CliError::argument(format!("--fees {f}: above MAX_MONEY")))
                })
                .transpose()?;
            let ctx = CheckContext {
                network: net,
                height,
                node_public_key: key,
                now: Some(now.unwrap_or_else(unix_now)),
                fluxnode_payees,
                fees,
            };
            let report = match (prev_headers, height) {
                (None, _) => check_block(&block, &ctx),
                (Some(_), None) => return Err(CliError::argument("--prev-headers needs --height")),
                (Some(file), Some(h)) => {
                    let prev = read_prev_headers(&file, h)?;
                    check_block_in_chain(&block, &ctx, h, &prev[..])
                }
            };
            let valid = report.valid;
            let mut v = json!({ "hash": block.hash().to_string() });
            if let (Some(o), Ok(serde_json::Value::Object(r))) =
                (v.as_object_mut(), serde_json::to_value(&report))
            {
                o.extend(r);
            }
            Ok(Outcome::verdict(v, valid))
        }
    }
}
