//! flux-tx benchmarks: decode and encode of real mainnet transactions and of a synthetic
//! v4 transaction of 1000 P2PKH inputs; the ZIP-243 sighash of every input at 10, 100 and
//! 1000 inputs (the cost per input must stay flat); full signing and verification of the
//! 1000-input transaction, each beside its libsecp256k1 floor (a sighash and one signature
//! or verification per input, context reused). Anchors measured in the same sitting:
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
use flux_tx::builder::{build_from_spec, Input, TxBuilder};
use flux_tx::sighash::{SighashCache, SignedInput};
use flux_tx::Transaction;
use serde_json::Value;

use common::{key, real_transactions, synthetic, synthetic_spec, BRANCH};

/// Runs the JavaScript anchor once and prints its figures beside criterion's.
fn js_anchor() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/js");
    let out = Command::new("node")
        .args(["tx_bench.js", "1000", "5"])
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

    // Each row beside its floor, in the same group: what the work costs at least with
    // libsecp256k1 (one sighash and one signature or verification per input, the
    // signing/verification context created once and reused, keys and signatures already
    // parsed). The goal is <= 1.2x the floor.
    let tx = synthetic(1000);
    let Transaction::Standard(std) = &tx else {
        unreachable!("the builder makes v4 transactions")
    };
    let k = key();
    let secret = *k.secret_key();
    let public = *k.public_key().inner();
    let branch = flux_primitives::BranchId::from_consensus(BRANCH);
    let all = flux_tx::sighash::SighashType::ALL;
    let digest = |cache: &SighashCache<'_>, i: usize| {
        cache
            .signature_hash(
                SignedInput::Input {
                    index: i,
                    script_code: &script_code,
                    amount: 100_000 + i as i64,
                },
                all,
                branch,
            )
            .expect("in range")
    };
    let secp = secp256k1::Secp256k1::new();

    let mut g = c.benchmark_group("sign");
    let spec = synthetic_spec(1000);
    g.throughput(Throughput::Elements(1000));
    g.bench_function("build_and_sign_1000_inputs", |b| {
        b.iter(|| build_from_spec(black_box(&spec)).expect("builds"))
    });
    // The typed builder with the key parsed once, as a program holding its keys calls it:
    // the per-input work is one sighash and one signature, what the floor measures. The spec
    // row above also decodes one WIF (base58check + a public-key creation) per input.
    let p2pkh = ScriptBuf::p2pkh(&k.public_key().hash160());
    let total: i64 = (0..1000i64).map(|i| 100_000 + i).sum();
    let zat = |v: i64| flux_primitives::Amount::from_zat(v).expect("in range");
    g.bench_function("build_and_sign_1000_inputs_typed", |b| {
        b.iter(|| {
            let mut tb = TxBuilder::new(flux_primitives::Network::Main)
                .branch_id(branch)
                .expiry_height(3_000_000);
            for i in 0..1000u32 {
                let txid = flux_primitives::hash::Txid::from_bytes([(i % 255) as u8 + 1; 32]);
                let coin = flux_tx::OutPoint::new(txid, i);
                let input = Input::p2pkh(coin, zat(100_000 + i64::from(i)), k.clone());
                tb = tb.input(input).expect("input");
            }
            let built = tb
                .pay_to_script(p2pkh.clone(), zat(total / 2))
                .pay_to_script(ScriptBuf::p2sh(&[7; 20]), zat(total / 2 - 10_000))
                .build()
                .expect("builds");
            black_box(built)
        })
    });
    g.bench_function("floor_1000x(sighash+sign)", |b| {
        b.iter(|| {
            let cache = SighashCache::new(std);
            for i in 0..1000 {
                let msg = secp256k1::Message::from_digest(digest(&cache, i).to_bytes());
                black_box(secp.sign_ecdsa(&msg, &secret));
            }
        })
    });
    g.finish();

    // The synthetic transaction's own signatures, parsed once for the floor.
    let signatures: Vec<secp256k1::ecdsa::Signature> = {
        let cache = SighashCache::new(std);
        (0..1000)
            .map(|i| {
                let msg = secp256k1::Message::from_digest(digest(&cache, i).to_bytes());
                secp.sign_ecdsa(&msg, &secret)
            })
            .collect()
    };
    let spent: Vec<flux_tx::sign::SpentOutput> = (0..1000)
        .map(|i| flux_tx::sign::SpentOutput {
            script_pubkey: ScriptBuf::from_bytes(script_code.clone()),
            amount: flux_primitives::Amount::from_zat(100_000 + i as i64).expect("in range"),
        })
        .collect();
    let mut g = c.benchmark_group("verify");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("verify_inputs_1000", |b| {
        b.iter(|| flux_tx::sign::verify_inputs(black_box(std), &spent, branch).expect("shapes"))
    });
    g.bench_function("floor_1000x(sighash+verify)", |b| {
        b.iter(|| {
            let cache = SighashCache::new(std);
            for (i, sig) in signatures.iter().enumerate() {
                let msg = secp256k1::Message::from_digest(digest(&cache, i).to_bytes());
                black_box(secp.verify_ecdsa(&msg, sig, &public).is_ok());
            }
        })
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
