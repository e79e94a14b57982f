//! Differential test against @runonflux/utxo-lib (tests/js/keys.js): thousands of random
//! keys, seeds and derivation paths on mainnet, testnet and regtest (utxo-lib's `flux` and
//! `fluxtestnet`; regtest shares testnet's prefixes). Compares WIF, public key, HASH160,
//! address, xprv and xpub field by field. One node run per batch.
// Runs the JavaScript reference libraries as a child process: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../tests/support/node.rs"]
mod node;

use flux_primitives::keys::{
    ChildNumber, DerivationPath, ExtendedPrivKey, ExtendedPubKey, PrivateKey,
};
use flux_primitives::{Address, Network};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const WIF_CASES: usize = 2000;
const BIP32_CASES: usize = 600;
const XPUB_CASES: usize = 600;

fn js_network(n: Network) -> &'static str {
    match n {
        Network::Main => "flux",
        Network::Test | Network::Regtest => "fluxtestnet",
    }
}

fn random_network(rng: &mut StdRng) -> Network {
    Network::ALL[rng.gen_range(0..3)]
}

fn random_index(rng: &mut StdRng) -> u32 {
    // Mostly small indexes as wallets use them, sometimes the extremes.
    match rng.gen_range(0..10) {
        0 => 0x7fff_ffff,
        1 => rng.gen_range(0..0x8000_0000),
        _ => rng.gen_range(0..100),
    }
}

fn random_path(rng: &mut StdRng, max_depth: usize, hardened_allowed: bool) -> DerivationPath {
    let depth = rng.gen_range(0..=max_depth);
    DerivationPath::from_steps(
        (0..depth)
            .map(|_| {
                let i = random_index(rng);
                if hardened_allowed && rng.gen_bool(0.5) {
                    ChildNumber::Hardened(i)
                } else {
                    ChildNumber::Normal(i)
                }
            })
            .collect(),
    )
}

fn check(ours: &Value, theirs: &Value, fields: &[&str], case: &Value) {
    assert!(
        theirs.get("error").is_none(),
        "utxo-lib failed on {case}: {theirs}"
    );
    for f in fields {
        assert_eq!(ours[f], theirs[f], "field {f} differs for {case}");
    }
}

#[test]
fn wif_public_key_and_address_agree_with_utxo_lib() {
    if !node::available() {
        return;
    }
    let mut rng = StdRng::seed_from_u64(0x464c_5558_0001);
    let mut keys = Vec::new();
    let mut cases = Vec::new();
    while keys.len() < WIF_CASES {
        let secret: [u8; 32] = rng.gen();
        let Ok(key) = PrivateKey::from_slice(&secret, rng.gen_bool(0.5), random_network(&mut rng))
        else {
            continue;
        };
        cases.push(json!({
            "kind": "wif",
            "network": js_network(key.network()),
            "privateKeyHex": hex::encode(secret),
            "compressed": key.compressed(),
        }));
        keys.push(key);
    }
    let cases = Value::Array(cases);
    let results = node::run_driver("keys.js", &cases);
    for ((key, case), theirs) in keys.iter().zip(cases.as_array().unwrap()).zip(&results) {
        let public = key.public_key();
        let ours = json!({
            "wif": key.to_wif(),
            "publicKey": public.to_string(),
            "hash160": hex::encode(public.hash160()),
            "address": Address::p2pkh(&public, key.network()).to_string(),
        });
        check(
            &ours,
            theirs,
            &["wif", "publicKey", "hash160", "address"],
            case,
        );
        // and we read utxo-lib's WIF back to the same key
        let back = PrivateKey::from_wif_for_network(theirs["wif"].as_str().unwrap(), key.network())
            .unwrap();
        assert_eq!(back.secret_bytes(), key.secret_bytes());
        assert_eq!(back.compressed(), key.compressed());
        assert_eq!(theirs["reparsedCompressed"], key.compressed());
    }
    eprintln!("{} WIF cases agree with utxo-lib", results.len());
}

#[test]
fn bip32_derivation_agrees_with_utxo_lib() {
    if !node::available() {
        return;
    }
    let mut rng = StdRng::seed_from_u64(0x464c_5558_0002);
    let mut ours = Vec::new();
    let mut cases = Vec::new();
    for _ in 0..BIP32_CASES {
        let len = rng.gen_range(16..=64);
        let seed: Vec<u8> = (0..len).map(|_| rng.gen()).collect();
        let network = random_network(&mut rng);
        let path = random_path(&mut rng, 5, true);
        let key = ExtendedPrivKey::new_master(&seed, network)
            .unwrap()
            .derive(&path)
            .unwrap();
        let public = key.public_key();
        ours.push(json!({
            "xprv": key.to_string(),
            "xpub": key.to_extended_pub().to_string(),
            "wif": key.private_key().to_wif(),
            "publicKey": public.to_string(),
            "hash160": hex::encode(public.hash160()),
            "address": Address::p2pkh(&public, network).to_string(),
        }));
        cases.push(json!({
            "kind": "bip32",
            "network": js_network(network),
            "seedHex": hex::encode(&seed),
            "path": path.to_string(),
        }));
    }
    let cases = Value::Array(cases);
    let results = node::run_driver("keys.js", &cases);
    for ((o, case), theirs) in ours.iter().zip(cases.as_array().unwrap()).zip(&results) {
        check(
            o,
            theirs,
            &["xprv", "xpub", "wif", "publicKey", "hash160", "address"],
            case,
        );
        // utxo-lib's serializations parse back to ours
        let xprv: ExtendedPrivKey = theirs["xprv"].as_str().unwrap().parse().unwrap();
        assert_eq!(xprv.to_string(), o["xprv"].as_str().unwrap());
        let xpub: ExtendedPubKey = theirs["xpub"].as_str().unwrap().parse().unwrap();
        assert_eq!(xpub.to_string(), o["xpub"].as_str().unwrap());
    }
    eprintln!("{} BIP32 cases agree with utxo-lib", results.len());
}

#[test]
fn public_derivation_agrees_with_utxo_lib() {
    if !node::available() {
        return;
    }
    let mut rng = StdRng::seed_from_u64(0x464c_5558_0003);
    let mut ours = Vec::new();
    let mut cases = Vec::new();
    for _ in 0..XPUB_CASES {
        let seed: [u8; 32] = rng.gen();
        let network = random_network(&mut rng);
        let start = random_path(&mut rng, 3, true);
        let xpub = ExtendedPrivKey::new_master(&seed, network)
            .unwrap()
            .derive(&start)
            .unwrap()
            .to_extended_pub();
        let mut rel = random_path(&mut rng, 4, false);
        if rel.steps().is_empty() {
            rel = DerivationPath::from_steps(vec![ChildNumber::Normal(random_index(&mut rng))]);
        }
        let child = xpub.derive(&rel).unwrap();
        let public = child.public_key();
        ours.push(json!({
            "xpub": child.to_string(),
            "publicKey": public.to_string(),
            "hash160": hex::encode(public.hash160()),
            "address": Address::p2pkh(&public, network).to_string(),
        }));
        // utxo-lib takes a path below a non-master node without the leading "m/".
        let rel_text = rel.to_string();
        cases.push(json!({
            "kind": "xpub",
            "network": js_network(network),
            "xpub": xpub.to_string(),
            "path": rel_text.strip_prefix("m/").unwrap_or(&rel_text),
        }));
    }
    let cases = Value::Array(cases);
    let results = node::run_driver("keys.js", &cases);
    for ((o, case), theirs) in ours.iter().zip(cases.as_array().unwrap()).zip(&results) {
        check(
            o,
            theirs,
            &["xpub", "publicKey", "hash160", "address"],
            case,
        );
    }
    eprintln!(
        "{} public-derivation cases agree with utxo-lib",
        results.len()
    );
}
