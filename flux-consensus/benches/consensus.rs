//! Equihash verification per parameter set (beside the `equihash` crate on (200,9) and
//! (48,5)); block decode throughput on real blocks and a synthetic ~2 MB transparent-heavy
//! block, both as an owned `Block` and as a checked `BlockView`; txids as a separate step,
//! beside their floor (one SHA-256d over each transaction's bytes).
//! The zcash_primitives decode anchor is `decode_anchor.rs` (feature `bench-anchors`).
//!
//! Run: `cargo bench -p flux-consensus --bench consensus`

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flux_consensus::block::Block;
use flux_consensus::block_view::BlockView;
use flux_consensus::equihash::{verify, EquihashParams};
use flux_primitives::hash::Txid;
use std::hint::black_box;
use std::time::Duration;

mod common;
use common::{h, vectors};

/// (input, nonce, solution) of a serialized PoW header.
fn split(header: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let sol = match header[140] {
        0xfd => header[143..143 + 1344].to_vec(),
        n => header[141..141 + n as usize].to_vec(),
    };
    (header[..108].to_vec(), header[108..140].to_vec(), sol)
}

fn regtest_genesis() -> Vec<u8> {
    let mut hdr = h("04000000");
    hdr.extend([0u8; 32]);
    hdr.extend(h(
        "3aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794",
    ));
    hdr.extend([0u8; 32]);
    hdr.extend(1_296_688_602u32.to_le_bytes());
    hdr.extend(0x200f0f0fu32.to_le_bytes());
    let mut nonce = [0u8; 32];
    nonce[0] = 0x16;
    hdr.extend(nonce);
    hdr.push(36);
    hdr.extend(h(
        "02853a9dd062e2356909a0d2b9f0e4873dbf092edd3f00eea317e21222d1f2c414b926ee",
    ));
    hdr
}

fn equihash_benches(c: &mut Criterion) {
    let v = vectors();
    let genesis = h(v["vectors"][0]["hex"].as_str().unwrap());
    let last_pow = h(v["vectors"][2]["headerHex"].as_str().unwrap());
    // Spec 11.3 (144,5) vector.
    let input_144 = h("04000000440490b04957a28debc304562d91075669082a9948ce743b2e6c00a5612405003aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794000000000000000000000000000000000000000000000000000000000000000000105e5fffff071f");
    let mut nonce_144 = vec![0u8; 32];
    nonce_144[0] = 1;
    let sol_144 = h("0d079ce751691133b98a43a7133a6f5e557d7e2b51c9ef160c15205b611ccf631960db7a503578b3af6b14861047bdd7ed801957435a5f2d0b65632e6c8ae49f5ca39c548daf2f638f70e233efeefb15b8585aa1fee9b6a3500f7de774a25d6e51c3b907");

    let sets = [
        (
            "200_9",
            EquihashParams::ZCASH_200_9,
            split(&genesis[..1487]),
            true,
        ),
        (
            "144_5",
            EquihashParams::ZELPROOF_144_5,
            (input_144, nonce_144, sol_144),
            false,
        ),
        (
            "125_4",
            EquihashParams::ZELHASH_125_4,
            split(&last_pow),
            false,
        ),
        (
            "48_5",
            EquihashParams::ZCASH_48_5,
            split(&regtest_genesis()),
            true,
        ),
    ];
    let mut g = c.benchmark_group("equihash_verify");
    for (name, p, (input, nonce, sol), anchor) in sets {
        assert!(verify(p, &input, &nonce, &sol).unwrap(), "{name}");
        g.bench_function(BenchmarkId::new("flux-consensus", name), |b| {
            b.iter(|| verify(p, black_box(&input), black_box(&nonce), black_box(&sol)).unwrap())
        });
        if anchor {
            assert!(equihash::is_valid_solution(p.n, p.k, &input, &nonce, &sol).is_ok());
            g.bench_function(BenchmarkId::new("equihash-crate", name), |b| {
                b.iter(|| {
                    equihash::is_valid_solution(
                        p.n,
                        p.k,
                        black_box(&input),
                        black_box(&nonce),
                        black_box(&sol),
                    )
                    .is_ok()
                })
            });
        }
    }
    g.finish();
}

fn decode_benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("block_decode");
    for (name, bytes) in &common::decode_cases() {
        let b0 = Block::from_bytes(bytes).unwrap();
        assert_eq!(&b0.to_bytes(), bytes);
        assert_eq!(BlockView::parse(bytes).unwrap().to_block().unwrap(), b0);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        // Every transaction built (owned `Block`), then dropped.
        g.bench_function(BenchmarkId::new("Block::from_bytes", name), |b| {
            b.iter(|| Block::from_bytes(black_box(bytes)).unwrap())
        });
        // Every transaction checked and located, none built.
        g.bench_function(BenchmarkId::new("BlockView::parse", name), |b| {
            b.iter(|| BlockView::parse(black_box(bytes)).unwrap())
        });
    }
    g.finish();

    // Hashing, apart from decoding: the txids of an already parsed block.
    let mut g = c.benchmark_group("block_txids");
    for (name, bytes) in &common::decode_cases() {
        let view = BlockView::parse(bytes).unwrap();
        let block = Block::from_bytes(bytes).unwrap();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::new("BlockView::txids", name), |b| {
            b.iter(|| black_box(&view).txids().unwrap())
        });
        // The floor: one SHA-256d over each transaction's bytes (goal: txids <= 1.15x).
        g.bench_function(BenchmarkId::new("floor_sha256d_each_tx", name), |b| {
            b.iter(|| {
                black_box(&view)
                    .transactions_bytes()
                    .map(Txid::hash)
                    .collect::<Vec<_>>()
            })
        });
        g.bench_function(BenchmarkId::new("Transaction::txid", name), |b| {
            b.iter(|| {
                black_box(&block)
                    .transactions
                    .iter()
                    .map(flux_tx::Transaction::txid)
                    .collect::<Vec<_>>()
            })
        });
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! { name = benches; config = config(); targets = equihash_benches, decode_benches }
criterion_main!(benches);
