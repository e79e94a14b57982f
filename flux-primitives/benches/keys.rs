//! Keys and addresses: base58check, HASH160, SHA-256d, WIF to address, BIP32 derivation.
//!
//! The anchor is @runonflux/utxo-lib doing the same work on the same machine in the same
//! run: before the criterion groups, `tests/js/bench_keys.js` is run (when node and
//! tests/js/node_modules are present) and its ns/op figures are printed.
//!
//! `cargo bench -p flux-primitives --bench keys`

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use flux_primitives::hash::{hash160, sha256d};
use flux_primitives::keys::{DerivationPath, ExtendedPrivKey, PrivateKey};
use flux_primitives::{base58, Address, Network};

const WIF: &str = "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD";

fn anchor() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/js/bench_keys.js");
    match Command::new("node").arg(script).output() {
        Ok(out) if out.status.success() => {
            println!(
                "anchor (@runonflux/utxo-lib, ns/op):\n{}",
                String::from_utf8_lossy(&out.stdout)
            )
        }
        _ => println!("anchor skipped: node or tests/js/node_modules missing"),
    }
}

fn benches(c: &mut Criterion) {
    anchor();
    let payload = [&[0x1c, 0xb8][..], &[0x42; 20]].concat();
    let encoded = base58::encode_check(&payload);
    let data = [7u8; 64];
    let seed = hex::decode("000102030405060708090a0b0c0d0e0f").unwrap();
    let path: DerivationPath = "m/44'/19167'/0'/0/0".parse().unwrap();

    c.bench_function("base58check_encode", |b| {
        b.iter(|| base58::encode_check(black_box(&payload)))
    });
    c.bench_function("base58check_decode", |b| {
        b.iter(|| base58::decode_check(black_box(&encoded)).unwrap())
    });
    c.bench_function("hash160_33", |b| b.iter(|| hash160(black_box(&data[..33]))));
    c.bench_function("sha256d_64", |b| b.iter(|| sha256d(black_box(&data))));
    c.bench_function("wif_to_address", |b| {
        b.iter(|| {
            let key = PrivateKey::from_wif(black_box(WIF)).unwrap();
            Address::p2pkh(&key.public_key(), key.network()).to_string()
        })
    });
    c.bench_function("bip32_m_44h_19167h_0h_0_0", |b| {
        b.iter(|| {
            let key = ExtendedPrivKey::new_master(black_box(&seed), Network::Main)
                .unwrap()
                .derive(&path)
                .unwrap();
            Address::p2pkh(&key.public_key(), Network::Main).to_string()
        })
    });

    // The derivation beside its floor: m/44'/19167'/0'/0/0 needs three public-key
    // creations at least (the parents of the two non-hardened steps, and the final key);
    // the goal is <= 1.2x. Both rows start from the same master key.
    let master = ExtendedPrivKey::new_master(&seed, Network::Main).unwrap();
    let secp = secp256k1::Secp256k1::new();
    let secret = *master.private_key().secret_key();
    let mut g = c.benchmark_group("bip32_path_m_44h_19167h_0h_0_0");
    g.bench_function("derive+public_key", |b| {
        b.iter(|| black_box(&master).derive(&path).unwrap().public_key())
    });
    g.bench_function("floor_3x_public_key_create", |b| {
        b.iter(|| {
            for _ in 0..3 {
                black_box(secp256k1::PublicKey::from_secret_key(
                    &secp,
                    black_box(&secret),
                ));
            }
        })
    });
    g.finish();
}

criterion_group!(keys, benches);
criterion_main!(keys);
