//! Decoding beside `zcash_primitives` 0.31 (`Transaction::read`, Sapling rules): the real
//! v4 transactions of the test data and the synthetic 1000-input v4 transaction, the same
//! bytes for both. Needs `--features bench-anchors` (zcash_primitives is heavy).
//!
//! Run: `cargo bench -p flux-tx --features bench-anchors --bench decode_anchor`
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flux_tx::Transaction;
use zcash_protocol::consensus::BranchId;

mod common;

fn zcash_read(bytes: &[u8]) -> zcash_primitives::transaction::Transaction {
    zcash_primitives::transaction::Transaction::read(bytes, BranchId::Sapling)
        .expect("zcash_primitives decodes")
}

fn decode(c: &mut Criterion) {
    let mut cases: Vec<(String, Vec<u8>)> = common::real_transactions()
        .into_iter()
        // zcash_primitives reads Zcash formats only: not fluxnode v5/v6 transactions.
        .filter(|(_, b)| b.first() == Some(&0x04))
        .collect();
    cases.push((
        "synthetic_1000_inputs".into(),
        common::synthetic(1000).to_bytes(),
    ));
    let mut g = c.benchmark_group("decode_vs_zcash_primitives");
    for (id, bytes) in &cases {
        // Same bytes, same answer: both must agree on the txid.
        let ours = Transaction::from_bytes(bytes).expect("decodes");
        assert_eq!(
            ours.txid().to_string(),
            zcash_read(bytes).txid().to_string()
        );
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::new("flux-tx", id), |b| {
            b.iter(|| Transaction::from_bytes(black_box(bytes)).expect("decodes"))
        });
        g.bench_function(BenchmarkId::new("zcash_primitives", id), |b| {
            b.iter(|| zcash_read(black_box(bytes)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = decode
}
criterion_main!(benches);
