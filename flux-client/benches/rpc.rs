//! Client overhead on loopback (one call; one call inside a batch of 100) against the
//! in-process fluxd double, and node-check throughput beside its floor (the proof
//! verification alone) on the same header.
//!
//! `cargo bench -p flux-client --bench rpc`
// criterion_main! generates an undocumented `main`.
#![allow(missing_docs)]

#[path = "../tests/support/double.rs"]
mod double;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flux_client::rpc::batch::Batch;
use flux_client::rpc::check::NodeCheck;
use flux_client::rpc::{methods, Client};
use flux_consensus::block::Block;
use flux_consensus::check::{check_header, CheckContext};
use flux_primitives::Network;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn client_overhead(c: &mut Criterion) {
    let d = double::Double::start(double::DoubleAuth::UserPass("u".into(), "p".into()));
    let client = Client::builder(d.url())
        .auth(flux_client::rpc::Auth::user_pass("u", "p"))
        .build()
        .unwrap();
    let rt = runtime();
    let mut g = c.benchmark_group("rpc_loopback");
    g.throughput(Throughput::Elements(1));
    g.bench_function("getblockhash, one call", |b| {
        b.iter(|| rt.block_on(client.get_block_hash(0)).unwrap())
    });
    let mut batch = Batch::new();
    let handles: Vec<_> = (0..100)
        .map(|_| batch.add(methods::get_block_hash(0)).unwrap())
        .collect();
    g.throughput(Throughput::Elements(100));
    g.bench_function("getblockhash, batch of 100", |b| {
        b.iter(|| {
            let r = rt.block_on(client.batch(&batch)).unwrap();
            for h in &handles {
                r.get(h).unwrap();
            }
        })
    });
    g.finish();
}

fn check_throughput(c: &mut Criterion) {
    let hex = include_str!("../../flux-consensus/tests/data/genesis_main.hex").trim();
    let bytes = hex::decode(hex).unwrap();
    let block = Block::from_bytes(&bytes).unwrap();
    let header = bytes[..1487].to_vec();
    let hash = block.hash();
    let mut g = c.benchmark_group("node_check");
    g.throughput(Throughput::Elements(1));
    g.sample_size(20);
    // The floor: the header's proof checked on its own (Equihash (200,9) dominates).
    g.bench_function("floor: check_header (proof)", |b| {
        let ctx = CheckContext {
            height: Some(0),
            ..CheckContext::new(Network::Main)
        };
        b.iter(|| check_header(&block.header, &ctx))
    });
    // One height checked from the bytes a node served (decode + every block rule).
    g.bench_function("NodeCheck::add (decode + all rules)", |b| {
        b.iter(|| {
            let mut check = NodeCheck::new(Network::Main, 0, 0, Some(1_800_000_000));
            check.add(0, hash, Ok(header.clone()), Ok(bytes.clone()));
            check.finish()
        })
    });
    // End to end through the double: 3 methods in 2 batches, then the checks.
    let d = double::Double::start(double::DoubleAuth::None);
    let client = Client::builder(d.url()).build().unwrap();
    let rt = runtime();
    g.bench_function("check_range over loopback", |b| {
        b.iter(|| {
            rt.block_on(client.check_range(Network::Main, 0, 0, Some(1_800_000_000)))
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, client_overhead, check_throughput);
criterion_main!(benches);
