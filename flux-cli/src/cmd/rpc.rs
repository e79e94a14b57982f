//! `flux rpc ...`: talk to a fluxd node (flux-client) and print what the SDK makes of it.
//!
//! Failures exit 1 with `{"error": {"kind", "message", "code"}}` on stderr, `kind` being
//! the client's error kind (`rpc` with fluxd's code, `http` with the HTTP status, `auth`,
//! `timeout`, `transport`, `too_large`, `decode`) or `invalid_input`: a
//! [`flux_client::Error`] becomes a [`CliError`] (with its `code`) like every other library
//! error, and main prints it.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use flux_client::rpc::conf::{default_port, FluxConf};
use flux_client::rpc::method::Call;
use flux_client::rpc::methods::{self, BlockRef, SendRawTransaction};
use flux_client::rpc::{Auth, Client};
use flux_consensus::json::{block_json, Verbosity};
use flux_primitives::Network;
use serde_json::json;
use serde_json::value::RawValue;

use crate::output::{arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Connection settings, shared by every `flux rpc` subcommand.
#[derive(Debug, Args)]
pub struct Connection {
    /// The node's URL (default `http://127.0.0.1:PORT` for `--network`; env FLUX_RPC_URL).
    #[arg(long, global = true)]
    rpc_url: Option<String>,
    /// RPC user (env FLUX_RPC_USER).
    #[arg(long, global = true)]
    rpc_user: Option<String>,
    /// RPC password (env FLUX_RPC_PASSWORD).
    #[arg(long, global = true)]
    rpc_password: Option<String>,
    /// fluxd's cookie file, re-read when the node restarts (env FLUX_RPC_COOKIE).
    #[arg(long, global = true)]
    rpc_cookie: Option<PathBuf>,
    /// A flux.conf to read rpcuser, rpcpassword, rpcport, rpcconnect, testnet, regtest from.
    #[arg(long, global = true)]
    conf: Option<PathBuf>,
    /// main, test or regtest (default: from --conf, else main).
    #[arg(long, global = true)]
    network: Option<Network>,
    /// Request timeout in seconds.
    #[arg(long, global = true, default_value_t = 30)]
    timeout: u64,
    /// The largest response accepted, in bytes (default 100 MiB).
    #[arg(long, global = true)]
    max_response_bytes: Option<u64>,
}

/// `flux rpc`: connection flags and a subcommand.
#[derive(Debug, Args)]
pub struct RpcArgs {
    #[command(flatten)]
    conn: Connection,
    #[command(subcommand)]
    command: RpcCommand,
}

/// RPC subcommands.
#[derive(Debug, Subcommand)]
pub enum RpcCommand {
    /// Any method; each PARAM is JSON when it parses as JSON, else a string. Prints the
    /// result exactly as the node sent it.
    Call {
        /// The method.
        method: String,
        /// Its parameters.
        params: Vec<String>,
    },
    /// Many calls in one request: stdin `[{"method": M, "params": [...]}, ...]`.
    Batch {
        /// `-` (stdin).
        input: String,
    },
    /// A block fetched raw and decoded by the SDK, as `flux block decode` prints it.
    Block {
        /// Block hash or height.
        block: String,
        /// 1: txids; 2: decoded transactions.
        #[arg(long, default_value = "2")]
        verbosity: Verbosity,
    },
    /// A transaction fetched raw and decoded by the SDK, as `flux tx decode` prints it.
    Tx {
        /// The transaction id.
        txid: String,
    },
    /// Broadcast a transaction (refused locally, without contacting the node, when it does
    /// not decode).
    Send {
        /// Transaction hex, or `-` for stdin.
        hex: String,
    },
    /// Check what the node serves for a height range against the consensus rules; exit 2
    /// when something does not verify.
    Check {
        /// First height.
        #[arg(long)]
        from: u32,
        /// Last height.
        #[arg(long)]
        to: u32,
    },
}

/// The settings resolved from flags, environment and flux.conf.
struct Resolved {
    client: Client,
    network: Network,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn resolve(conn: Connection) -> Result<Resolved, CliError> {
    let conf = conn.conf.as_ref().map(FluxConf::read).transpose()?;
    let network: Network = match (&conn.network, &conf) {
        (Some(n), _) => *n,
        (None, Some(c)) => c.network,
        (None, None) => Network::Main,
    };
    let url = conn
        .rpc_url
        .or_else(|| env("FLUX_RPC_URL"))
        .or_else(|| {
            conf.as_ref().map(|c| {
                let mut c = c.clone();
                c.network = network;
                c.rpc_url()
            })
        })
        .unwrap_or_else(|| format!("http://127.0.0.1:{}", default_port(network)));
    let user = conn.rpc_user.or_else(|| env("FLUX_RPC_USER"));
    let password = conn.rpc_password.or_else(|| env("FLUX_RPC_PASSWORD"));
    let cookie = conn
        .rpc_cookie
        .or_else(|| env("FLUX_RPC_COOKIE").map(PathBuf::from));
    let auth = match (user, password, cookie) {
        (Some(u), Some(p), _) => Auth::user_pass(u, p),
        (Some(_), None, _) | (None, Some(_), _) => {
            return Err(CliError::argument(
                "--rpc-user and --rpc-password go together",
            ))
        }
        (None, None, Some(path)) => Auth::cookie_file(path),
        (None, None, None) => conf.as_ref().map(FluxConf::auth).unwrap_or_default(),
    };
    let mut builder = Client::builder(url)
        .auth(auth)
        .timeout(Duration::from_secs(conn.timeout));
    if let Some(max) = conn.max_response_bytes {
        builder = builder.max_response_bytes(max);
    }
    Ok(Resolved {
        client: builder.build()?,
        network,
    })
}

/// Runs the future on a single-threaded runtime (the CLI makes one call at a time).
fn block_on<T>(fut: impl std::future::Future<Output = T>) -> Result<T, CliError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            CliError::library("internal", format!("cannot start the async runtime: {e}"))
        })?;
    Ok(rt.block_on(fut))
}

/// A CLI parameter: JSON when it parses as JSON (its tokens kept as written), else a string.
fn param(text: &str) -> Result<Box<RawValue>, CliError> {
    match serde_json::from_str::<Box<RawValue>>(text) {
        Ok(raw) => Ok(raw),
        Err(_) => serde_json::value::to_raw_value(text).map_err(CliError::input),
    }
}

fn params_array(items: &[Box<RawValue>]) -> Result<Box<RawValue>, CliError> {
    let text = format!(
        "[{}]",
        items.iter().map(|p| p.get()).collect::<Vec<_>>().join(",")
    );
    RawValue::from_string(text).map_err(CliError::input)
}

/// One entry of `flux rpc batch` input.
#[derive(serde::Deserialize)]
struct BatchItem {
    method: String,
    #[serde(default)]
    params: Option<Box<RawValue>>,
}

/// Runs an rpc command.
pub fn run(args: RpcArgs) -> CmdResult {
    // Input that can be refused without the node is refused before connecting.
    if let RpcCommand::Send { hex } = &args.command {
        let bytes = parse_hex("transaction", &arg_or_stdin(hex)?)?;
        let send = SendRawTransaction::new(&bytes).map_err(CliError::input)?;
        let r = resolve(args.conn)?;
        let outcome = block_on(r.client.request(&send))??;
        return Ok(Outcome::value(json!(outcome)));
    }
    let batch_input = match &args.command {
        RpcCommand::Batch { input } => {
            let text = arg_or_stdin(input)?;
            let items: Vec<BatchItem> = serde_json::from_str(&text).map_err(|e| {
                CliError::input(format!(
                    "batch input: expected [{{\"method\": M, \"params\": [...]}}, ...]: {e}"
                ))
            })?;
            Some(items)
        }
        _ => None,
    };
    let r = resolve(args.conn)?;
    let client = r.client;
    match args.command {
        RpcCommand::Call { method, params } => {
            let params = params
                .iter()
                .map(|p| param(p))
                .collect::<Result<Vec<_>, _>>()?;
            let params = params_array(&params)?;
            let raw = block_on(client.call(&method, params))??;
            Ok(Outcome::text(raw.get().to_owned()))
        }
        RpcCommand::Batch { .. } => {
            let mut batch = flux_client::rpc::batch::Batch::new();
            for item in batch_input.unwrap_or_default() {
                let params = match item.params {
                    Some(p) => p,
                    None => flux_client::rpc::request::no_params(),
                };
                batch
                    .add(Call::new(item.method, params))
                    .map_err(CliError::input)?;
            }
            let results = block_on(client.batch(&batch))??;
            let entries =
                serde_json::to_string(&results.into_entries()).map_err(CliError::input)?;
            Ok(Outcome::text(entries))
        }
        RpcCommand::Block { block, verbosity } => {
            let block_ref: BlockRef = block.parse().map_err(CliError::input)?;
            let (block, height) = block_on(async {
                let block = client.get_block(block_ref).await?;
                let height = match block_ref {
                    BlockRef::Height(h) => h,
                    BlockRef::Hash(hash) => client.get_block_header_verbose(hash).await?.height,
                };
                Ok::<_, flux_client::Error>((block, height))
            })??;
            Outcome::view(&block_json(&block, r.network, Some(height), verbosity))
        }
        RpcCommand::Tx { txid } => {
            let txid = txid.trim().parse().map_err(CliError::input)?;
            let tx = block_on(client.request(&methods::get_raw_transaction(txid)))??;
            Outcome::view(&flux_tx::json::to_json(&tx, r.network))
        }
        RpcCommand::Check { from, to } => {
            if from > to {
                return Err(CliError::argument(format!(
                    "--from {from} is above --to {to}"
                )));
            }
            let now = u32::try_from(crate::output::now_ms() / 1000).ok();
            let report = block_on(client.check_range(r.network, from, to, now))??;
            let holds = report.failed == 0;
            crate::output::verdict_view(&report, holds)
        }
        RpcCommand::Send { .. } => Err(CliError::argument("unreachable: send handled above")),
    }
}
