//! Runs the wallet example with its default mnemonic (Trust Wallet's published Zelcash test
//! vector) and checks what it prints against the published values: the mainnet account
//! xpub at m/44'/19167'/0' and the address at m/44'/19167'/0'/0/5 (trustwallet/wallet-core
//! `tests/chains/Zelcash/TWZelcashAddressTests.cpp`, as copied with provenance into
//! flux-primitives/tests/data/trustwallet_zelcash.json), and that every key it prints is the
//! one its address and ZelID come from.

use std::process::Command;

mod common;

use flux_primitives::{Address, Network, PrivateKey};
use serde_json::Value;

fn run(args: &[&str]) -> Value {
    common::run_json(env!("CARGO_BIN_EXE_wallet"), args)
}

fn published() -> Value {
    serde_json::from_str(include_str!(
        "../../flux-primitives/tests/data/trustwallet_zelcash.json"
    ))
    .unwrap()
}

#[test]
fn default_mnemonic_gives_trust_wallets_published_account_and_address() {
    let out = run(&[]);
    assert_eq!(out["words"], 15);
    let vectors = published();
    let vectors = vectors["trustwallet"].as_array().unwrap();
    let by_kind = |k: &str| vectors.iter().find(|v| v["kind"] == k).unwrap();
    let main = out["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["network"] == "main")
        .unwrap();

    let account = by_kind("bip44-account-keys");
    assert_eq!(main["account_path"], account["path"]);
    assert_eq!(main["account_xpub"], account["xpub"]);

    let address = by_kind("bip39-bip44");
    let at5 = main["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == address["path"])
        .expect("the default count reaches index 5");
    assert_eq!(at5["address"], address["address"]);
}

#[test]
fn every_printed_key_owns_its_address_and_zelid_on_every_network() {
    let out = run(&["--count", "3"]);
    let networks = out["networks"].as_array().unwrap();
    assert_eq!(networks.len(), 3);
    for n in networks {
        let network: Network = n["network"].as_str().unwrap().parse().unwrap();
        let addresses = n["addresses"].as_array().unwrap();
        assert_eq!(addresses.len(), 3);
        for a in addresses {
            let key =
                PrivateKey::from_wif_for_network(a["wif"].as_str().unwrap(), network).unwrap();
            let public = key.public_key();
            assert_eq!(a["public_key"], public.to_string());
            assert_eq!(a["address"], Address::p2pkh(&public, network).to_string());
            assert_eq!(a["zelid"], Address::zelid(&public).to_string());
        }
    }
}

#[test]
fn a_bad_mnemonic_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_wallet"))
        .args(["--mnemonic", "not a mnemonic at all"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}
