//! flux-tx benchmarks: decode and encode of real mainnet transactions and of a synthetic
//! v4 transaction of 1000 P2PKH inputs; the ZIP-243 sighash of every input at 10, 100 and
//! 1000 inputs (the cost per input must stay flat); full signing of the 1000-input
//! transaction. Anchors measured in the same sitting:
//! - `@runonflux/utxo-lib` 1.0.2 signing, decoding and hashing the same 1000-input
//!   transaction (`tests/js/tx_bench.js`, run by this bench before the criterion groups
//!   when node and the libraries are installed; it prints its own figures);
//!
//! Run: `cargo bench -p flux-tx --bench tx` (see BENCHMARKS.md, section flux-tx).
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flux_primitives::{Network, PrivateKey, ScriptBuf};
use flux_tx::builder::build_from_spec;
use flux_tx::sighash::{SighashCache, SignedInput};
use flux_tx::Transaction;
use serde_json::{json, Value};

const BRANCH: u32 = 0x76b8_09bb;

fn key() -> PrivateKey {
    PrivateKey::from_slice(&[1; 32], true, Network::Main).expect("valid key")
}

/// The synthetic transaction: `n` P2PKH inputs of one key (txid byte `(i % 255) + 1`
/// repeated, vout `i`, value `100000 + i`), a P2PKH and a P2SH output; the same as
/// `tests/js/tx_bench.js` builds.
fn synthetic_spec(n: usize) -> Value {
    let k = key();
    let wif = k.to_wif();
    let p2pkh = ScriptBuf::p2pkh(&k.public_key().hash160()).to_hex();
    let total: u64 = (0..n as u64).map(|i| 100_000 + i).sum();
    let inputs: Vec<Value> = (0..n)
        .map(|i| {
            json!({"txid": hex::encode([(i % 255) as u8 + 1; 32]), "vout": i,
                   "amount": 100_000 + i as u64, "wif": wif})
        })
        .collect();
    json!({
        "network": "main", "branch_id": BRANCH, "expiry_height": 3_000_000,
        "inputs": inputs,
        "outputs": [
            {"script": p2pkh, "amount": total / 2},
            {"script": ScriptBuf::p2sh(&[7; 20]).to_hex(), "amount": total / 2 - 10_000},
        ],
    })
}

fn synthetic(n: usize) -> Transaction {
    build_from_spec(&synthetic_spec(n)).expect("spec builds").tx
}

fn real_transactions() -> Vec<(String, Vec<u8>)> {
    let d: Value =
        serde_json::from_str(include_str!("../tests/data/transactions_transparent.json"))
            .expect("vector JSON");
    let mut out: Vec<(String, Vec<u8>)> = d["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .filter_map(|v| {
            let hex = v["hex"].as_str()?;
            Some((v["id"].as_str()?.to_string(), hex::decode(hex).ok()?))
        })
        .collect();
    let f: Value = serde_json::from_str(include_str!("../tests/data/fluxnode_transactions.json"))
        .expect("vector JSON");
    if let Some(v) = f["vectors"].as_array().and_then(|a| a.first()) {
        if let (Some(id), Some(hex)) = (v["id"].as_str(), v["hex"].as_str()) {
            out.push((id.to_string(), hex::decode(hex).expect("hex")));
        }
    }
    out
}

/// Runs the JavaScript anchor once and prints its figures beside criterion's.
fn js_anchor() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/js");
    let out = Command::new("node")
        .args(["tx_bench.js", "1000", "1"])
        .current_dir(dir)
        .output();
    match out {
        Ok(o) if o.status.success() => {
            println!("anchor {}", String::from_utf8_lossy(&o.stdout).trim());
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
                            1,
                            BRANCH,
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
