//! Block decode beside `zcash_primitives` 0.31 on the synthetic ~2 MB transparent block (all
//! its transactions are Sapling v4, which zcash_primitives reads; its PoN header is not a
//! Zcash header, so the anchor reads the transactions only, one after the other from the
//! same bytes). Needs `--features bench-anchors` (zcash_primitives is heavy).
//!
//! Note: `zcash_primitives::transaction::Transaction::read` also computes the txid while
//! reading, so the fair flux-consensus counterpart is parse plus txids (also shown).
//!
//! Run: `cargo bench -p flux-consensus --features bench-anchors --bench decode_anchor`
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flux_consensus::block::Block;
use flux_consensus::block_view::BlockView;
use zcash_protocol::consensus::BranchId;

mod common;

/// Reads `count` transactions back to back from `txs` with zcash_primitives.
fn zcash_read_all(mut txs: &[u8], count: usize) -> Vec<zcash_primitives::transaction::Transaction> {
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        out.push(
            zcash_primitives::transaction::Transaction::read(&mut txs, BranchId::Sapling)
                .expect("zcash_primitives decodes"),
        );
    }
    assert!(txs.is_empty());
    out
}

fn decode(c: &mut Criterion) {
    let bytes = common::synthetic_block();
    let view = BlockView::parse(&bytes).unwrap();
    let count = view.tx_count();
    let txs = &bytes[bytes.len() - view.transactions_bytes().map(<[u8]>::len).sum::<usize>()..];
    // Same bytes, same answer: both sides agree on every txid.
    let theirs: Vec<String> = zcash_read_all(txs, count)
        .iter()
        .map(|t| t.txid().to_string())
        .collect();
    let ours: Vec<String> = view
        .txids()
        .unwrap()
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(ours, theirs);

    let name = "synthetic_2mb_transparent";
    let mut g = c.benchmark_group("block_decode_vs_zcash_primitives");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("Block::from_bytes", name), |b| {
        b.iter(|| Block::from_bytes(black_box(&bytes)).unwrap())
    });
    g.bench_function(BenchmarkId::new("BlockView::parse", name), |b| {
        b.iter(|| BlockView::parse(black_box(&bytes)).unwrap())
    });
    g.bench_function(BenchmarkId::new("BlockView::parse+txids", name), |b| {
        b.iter(|| {
            BlockView::parse(black_box(&bytes))
                .unwrap()
                .txids()
                .unwrap()
        })
    });
    g.bench_function(BenchmarkId::new("zcash_primitives", name), |b| {
        b.iter(|| zcash_read_all(black_box(txs), count))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = decode
}
criterion_main!(benches);
