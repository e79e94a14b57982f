//! A block explorer's view of real mainnet blocks: decode, summarize, check, and show what
//! each block pays by rule.
//!
//! `cargo run -p flux-examples --bin explorer`
//!
//! For the genesis block, the last Equihash (PoW) block 2,019,999 (its header) and the first
//! Proof-of-Node block 2,020,000 (`data/blocks.json`), it prints:
//! - a `getblock`-shaped summary: hash, height, era, transaction count and txids;
//! - every consensus check with its result and reason. Block 2,020,000 is checked in its
//!   chain: against its parent header 2,019,999, the fluxnode payees fluxd's coinbase paid
//!   and the fees of the transaction it carries (`data/coinbase_2020000.json`, what an
//!   explorer's node and index would tell it);
//! - the subsidy and fluxnode payouts at that height.
//!
//! Prints one JSON document.
//!
//! Following a live node instead: `explorer --rpc-url URL [--rpc-cookie PATH | --rpc-user U
//! --rpc-password P] [--network main|test|regtest] [--from H] [--polls N] [--interval SECS]`
//! checks the last ten blocks (or `--from H` to the tip) through flux-client's `check_range`
//! (headers and blocks fetched raw and verified here, never taken on the node's word), prints
//! the report as one JSON line, then polls for new blocks and checks each as it arrives
//! (`--polls N` bounds the polling; by default it runs until stopped). It exits 2 as soon as
//! the node serves something that does not verify.

use flux_consensus::block::Block;
use flux_consensus::check::{
    check_block_in_chain, check_header, CheckContext, FluxnodePayee, FluxnodePayees, PrevHeader,
};
use flux_consensus::header::BlockHeader;
use flux_consensus::json::{block_json, header_json, Verbosity};
use flux_consensus::subsidy::{funding_at, payouts, Tier};
use flux_primitives::codec::decode_exact;
use flux_primitives::{Amount, Network, Upgrade};
use serde::Serialize;
use serde_json::{json, Value};

const BLOCKS: &str = include_str!("../../data/blocks.json");
const COINBASE_2020000: &str = include_str!("../../data/coinbase_2020000.json");

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--rpc-url") {
        return follow(&args);
    }
    let network = Network::Main;
    let blocks: Value = serde_json::from_str(BLOCKS)?;
    let vector = |id: &str| -> Result<&Value> {
        blocks["vectors"]
            .as_array()
            .and_then(|v| v.iter().find(|v| v["id"] == id))
            .ok_or_else(|| format!("no vector {id}").into())
    };

    // The genesis block: no parent; its hash is fluxd's hard-coded checkpoint.
    let genesis = Block::from_hex(vector("genesis-mainnet")?["hex"].as_str().ok_or("hex")?)?;
    // The explorer checks block times against its own clock (fluxd: at most 2 hours ahead).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let base = CheckContext {
        network,
        now: u32::try_from(now).ok(),
        ..CheckContext::new(Network::Main)
    };
    let genesis_report = explore_block(&genesis, 0, &base, &[], network);

    // The last PoW block, header only: its version, Equihash solution, target (within
    // powLimit) and time, as fluxd's CheckBlockHeader checks them.
    let header_hex = vector("pow-header-2019999")?["headerHex"]
        .as_str()
        .ok_or("headerHex")?;
    let last_pow: BlockHeader = decode_exact(&hex::decode(header_hex)?)?;
    let last_pow_report = json!({
        "summary": header_summary(&last_pow, 2_019_999, network),
        "checks": check_header(&last_pow, &CheckContext { height: Some(2_019_999), ..base.clone() }).checks,
        "payouts": payouts_at(2_019_999, network),
    });

    // The first PoN block, checked after its parent, with what the node tells the explorer:
    // who the fluxnode tiers had to pay, and the value of every output the block spends.
    // (The block signature stays `skipped`: checking it needs the producer's operator key,
    // which its collateral's START transaction holds, from the node's fluxnode list.)
    let first_pon = Block::from_hex(vector("pon-block-2020000")?["hex"].as_str().ok_or("hex")?)?;
    let rpc: Value = serde_json::from_str(COINBASE_2020000)?;
    let ctx = CheckContext {
        height: Some(2_020_000),
        fluxnode_payees: Some(payees_from_rpc(&rpc, network)?),
        fees: Some(fees(&first_pon, &rpc)?),
        ..base.clone()
    };
    let parent = [PrevHeader::from_header(&last_pow, 2_019_999)];
    let first_pon_report = explore_block(&first_pon, 2_020_000, &ctx, &parent, network);

    let out = json!({
        "genesis": genesis_report,
        "last_pow_header": last_pow_report,
        "first_pon_block": first_pon_report,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// Summary, checks and payouts of a full block at `height`.
fn explore_block(
    block: &Block,
    height: u32,
    ctx: &CheckContext,
    parents: &[PrevHeader],
    network: Network,
) -> Value {
    let ctx = CheckContext {
        height: Some(height),
        ..ctx.clone()
    };
    // getblock <hash> 1: header fields and txids (fluxd's txids: a fluxnode transaction's
    // leaves out its signatures, unlike the "txid" Insight shows).
    let summary = Summary {
        fluxd: block_json(block, network, Some(height), Verbosity::Txids),
        era: era(&block.header),
        upgrade: Upgrade::current(network, height).name(),
        tx_count: Some(block.transactions.len()),
    };
    let report = check_block_in_chain(block, &ctx, height, parents);
    json!({
        "summary": summary,
        "valid": report.valid,
        "complete": report.complete,
        "checks": report.checks,
        "payouts": payouts_at(height, network),
    })
}

fn era(header: &BlockHeader) -> &'static str {
    if header.is_pon() {
        "proof-of-node"
    } else {
        "proof-of-work (equihash)"
    }
}

/// fluxd's getblock/getblockheader fields followed by what the explorer adds.
#[derive(Serialize)]
struct Summary<T> {
    #[serde(flatten)]
    fluxd: T,
    era: &'static str,
    upgrade: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tx_count: Option<usize>,
}

/// getblockheader-shaped summary of a header.
fn header_summary(header: &BlockHeader, height: u32, network: Network) -> Value {
    json!(Summary {
        fluxd: header_json(header, network, Some(height)),
        era: era(header),
        upgrade: Upgrade::current(network, height).name(),
        tx_count: None,
    })
}

/// What a block at `height` pays by rule, in zatoshis.
fn payouts_at(height: u32, network: Network) -> Value {
    json!({
        "rule": payouts(network, height),
        "one_off_funding": funding_at(network, height)
            .iter()
            .map(|f| json!({"fund": f.fund, "address": f.address, "amount": f.amount}))
            .collect::<Vec<_>>(),
    })
}

/// The fluxnode payees from fluxd's coinbase: its reference builder writes the remainder
/// (dev fund) first, then the cumulus, nimbus and stratus payees (spec 6.3). A live explorer
/// asks its node (`fluxnodecurrentwinner`) instead.
fn payees_from_rpc(rpc: &Value, network: Network) -> Result<FluxnodePayees> {
    let vout = rpc["coinbase"]["vout"].as_array().ok_or("no vout")?;
    let mut payees = FluxnodePayees::new();
    for (tier, out) in Tier::ALL.into_iter().zip(vout.iter().skip(1)) {
        let address = out["address"].as_str().ok_or("no address")?;
        payees.insert(FluxnodePayee::parse(tier, address, network)?)?;
    }
    Ok(payees)
}

/// The block's fees: the values of the outputs its transactions spend (from the node's
/// index) minus what they pay. Coinbase and fluxnode transactions pay no fee.
fn fees(block: &Block, rpc: &Value) -> Result<Amount> {
    let spent: i64 = rpc["spentInputs"]
        .as_array()
        .ok_or("no spentInputs")?
        .iter()
        .filter_map(|i| i["valueSat"].as_i64())
        .sum();
    let paid: i64 = block
        .transactions
        .iter()
        .skip(1)
        .filter_map(|t| t.as_standard())
        .flat_map(|t| t.outputs.iter().map(|o| o.value))
        .sum();
    Ok(Amount::from_zat(spent - paid)?)
}

/// The value of `--flag VALUE` in `args`.
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// Follows a live node: checks the recent blocks, then each new one, with flux-client.
fn follow(args: &[String]) -> Result<()> {
    use flux_client::rpc::{Auth, Client};

    let url = flag(args, "--rpc-url").ok_or("--rpc-url needs a value")?;
    let network: Network = flag(args, "--network").unwrap_or("main").parse()?;
    let auth = match (
        flag(args, "--rpc-user"),
        flag(args, "--rpc-password"),
        flag(args, "--rpc-cookie"),
    ) {
        (Some(u), Some(p), _) => Auth::user_pass(u, p),
        (_, _, Some(cookie)) => Auth::cookie_file(cookie),
        _ => Auth::None,
    };
    let from: Option<u32> = flag(args, "--from").map(str::parse).transpose()?;
    let polls: u64 = flag(args, "--polls")
        .map(str::parse)
        .transpose()?
        .unwrap_or(u64::MAX);
    let interval: u64 = flag(args, "--interval")
        .map(str::parse)
        .transpose()?
        .unwrap_or(10);
    let client = Client::builder(url).auth(auth).build()?;
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| u32::try_from(d.as_secs()).ok())
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut tip = client.get_block_count().await?;
        let mut start = from.unwrap_or(tip.saturating_sub(9));
        let mut poll = 0u64;
        loop {
            if start <= tip {
                let report = client.check_range(network, start, tip, now()).await?;
                println!("{}", serde_json::to_string(&report)?);
                if report.failed > 0 {
                    std::process::exit(2);
                }
                // The next range starts at this tip again, so that the new blocks' parent
                // link and required work are checked against it.
                start = tip;
            }
            if poll >= polls {
                return Ok(());
            }
            poll += 1;
            tokio::time::sleep(std::time::Duration::from_secs(interval)).await;
            let new_tip = client.get_block_count().await?;
            if new_tip > tip {
                tip = new_tip;
            } else {
                start = tip + 1;
            }
        }
    })
}
