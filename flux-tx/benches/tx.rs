//! flux-tx benchmarks: decode and encode of real mainnet transactions and of a synthetic
//! v4 transaction of 1000 P2PKH inputs; the ZIP-243 sighash of every input at 10, 100 and
//! 1000 inputs (the cost per input must stay flat); full signing of the 1000-input
//! transaction. Anchors measured in the same sitting:
//! - `@runonflux/utxo-lib` 1.0.2 signing, decoding and hashing the same 1000-input
//!   transaction (`tests/js/tx_bench.js`, run by this bench before the criterion groups
//!   when node and the libraries are installed; it prints its own figures);
//!
//! - `zcash_primitives` 0.31 decoding the same bytes: the separate bench `decode_anchor`
//!   (`--features bench-anchors`).
//!
//! Run: `cargo bench -p flux-tx --bench tx` (see BENCHMARKS.md, section flux-tx).
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flux_primitives::ScriptBuf;
use flux_tx::builder::build_from_spec;
use flux_tx::sighash::{SighashCache, SignedInput};
use flux_tx::Transaction;
use serde_json::Value;

use common::{key, real_transactions, synthetic, synthetic_spec, BRANCH};

/// Runs the JavaScript anchor once and prints its figures beside criterion's.
fn js_anchor() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/js");
    let out = Command::new("node")
        .args(["tx_bench.js", "1000", "1"])
        .current_dir(dir)
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            println!("anchor {}", text.trim());
            // Both sides must have signed the very same transaction.
            let theirs: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let ours = synthetic(1000).txid().to_string();
            println!(
                "flux-tx txid {ours}, same transaction: {}",
                theirs["txid"] == ours
            );
        }
        _ => println!("anchor: node or tests/js/node_modules missing, skipped"),
    }
}

fn decode_encode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode");
    for (id, bytes) in real_transactions() {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::new("real", &id), |b| {
            b.iter(|| Transaction::from_bytes(black_box(&bytes)).expect("decodes"))
        });
    }
    let big = synthetic(1000).to_bytes();
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("synthetic_1000_inputs", |b| {
        b.iter(|| Transaction::from_bytes(black_box(&big)).expect("decodes"))
    });
    g.finish();

    let mut g = c.benchmark_group("encode");
    for (id, bytes) in real_transactions() {
        let tx = Transaction::from_bytes(&bytes).expect("decodes");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::new("real", &id), |b| {
            b.iter(|| black_box(&tx).to_bytes())
        });
    }
    let tx = synthetic(1000);
    g.bench_function("synthetic_1000_inputs", |b| {
        b.iter(|| black_box(&tx).to_bytes())
    });
    g.finish();
}

fn sighash(c: &mut Criterion) {
    let mut g = c.benchmark_group("sighash_every_input");
    let k = key();
    let script_code = ScriptBuf::p2pkh(&k.public_key().hash160()).into_bytes();
    for n in [10usize, 100, 1000] {
        let tx = synthetic(n);
        let Transaction::Standard(std) = &tx else {
            unreachable!("the builder makes v4 transactions")
        };
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                let cache = SighashCache::new(std);
                for i in 0..n {
                    let h = cache
                        .signature_hash(
                            SignedInput::Input {
                                index: i,
                                script_code: &script_code,
                                amount: 100_000 + i as i64,
                            },
                            flux_tx::sighash::SighashType::ALL,
                            flux_primitives::BranchId::from_consensus(BRANCH),
                        )
                        .expect("in range");
                    black_box(h);
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("sign");
    let spec = synthetic_spec(1000);
    g.throughput(Throughput::Elements(1000));
    g.bench_function("build_and_sign_1000_inputs", |b| {
        b.iter(|| build_from_spec(black_box(&spec)).expect("builds"))
    });
    g.finish();
}

fn config() -> Criterion {
    js_anchor();
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = decode_encode, sighash
}
criterion_main!(benches);
