//! `flux address inspect` end to end on every address kind and every kind of bad input.

mod common;

use flux_primitives::address::{Address, Payload};
use flux_primitives::{base58, Network};
use serde_json::Value;

fn flux(args: &[&str], stdin: Option<&str>) -> (i32, Value, Value) {
    let r = common::run(args, stdin);
    (r.code, r.stdout, r.stderr)
}

fn inspect(addr: &str) -> Value {
    let (code, out, err) = flux(&["address", "inspect", addr], None);
    assert_eq!(code, 0, "{addr}: {err}");
    out
}

fn fails(args: &[&str]) -> String {
    let (code, out, err) = flux(args, None);
    assert_eq!(code, 1, "{args:?} should fail: {out}");
    assert!(err["error"]["kind"].is_string(), "{err}");
    err["error"]["message"].as_str().unwrap().to_string()
}

/// Arguments clap refuses: exit 1, its usage text on stderr (not JSON).
fn usage_error(args: &[&str]) {
    let r = common::run(args, None);
    assert_eq!(r.code, 1, "{args:?}");
    assert!(r.stderr.is_null() && r.stderr_text.starts_with("error: "));
    assert!(r.stderr_text.contains("--help"), "{}", r.stderr_text);
}

#[test]
fn fluxd_base58_vectors() {
    // fluxd src/test/data/base58_keys_valid.json: [address, scriptPubKey, {chain}]
    let cases: Value = serde_json::from_str(include_str!(
        "../../flux-primitives/tests/data/base58_keys_valid.json"
    ))
    .unwrap();
    let mut n = 0;
    for c in cases.as_array().unwrap() {
        if c[2]["isPrivkey"].as_bool().unwrap() {
            continue;
        }
        n += 1;
        let a = inspect(c[0].as_str().unwrap());
        assert_eq!(a["script_pubkey"], c[1]);
        let net = if c[2]["chain"] == "mainnet" {
            "main"
        } else {
            "test"
        };
        assert_eq!(a["network"], net);
        let kind = if c[1].as_str().unwrap().starts_with("76a9") {
            "p2pkh"
        } else {
            "p2sh"
        };
        assert_eq!(a["kind"], kind);
        assert_eq!(a["hash160"].as_str().unwrap().len(), 40);
        assert!(c[1]
            .as_str()
            .unwrap()
            .contains(a["hash160"].as_str().unwrap()));
    }
    assert_eq!(n, 26);
}

#[test]
fn every_kind() {
    let z = inspect("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
    assert_eq!(z["kind"], "zelid");
    assert_eq!(z["hash160"], "751e76e8199196d454941c45d1b3a323f1433bd6");
    assert_eq!(
        z["script_pubkey"],
        "76a914751e76e8199196d454941c45d1b3a323f1433bd688ac"
    );
    let p2sh = inspect("t3ba4XTTQR8UbkY53KFQ9zZnx6sMXsnU9ZV");
    assert_eq!(p2sh["kind"], "p2sh");
    // Sapling (Bech32, 43 bytes) on each network
    for (net, name) in [
        (Network::Main, "main"),
        (Network::Test, "test"),
        (Network::Regtest, "regtest"),
    ] {
        let s = Address::new(net, Payload::Sapling([7u8; 43])).to_string();
        let net = name;
        let a = inspect(&s);
        assert_eq!(a["kind"], "sapling");
        assert_eq!(a["network"], net);
        assert_eq!(a["hash160"], Value::Null);
        assert_eq!(a["script_pubkey"], Value::Null);
        assert_eq!(a["payload"], "07".repeat(43));
    }
    // Sprout: base58check of 16 9a ‖ 64 bytes
    let body = [[0x16u8, 0x9a].as_slice(), &[9u8; 64]].concat();
    let sprout = base58::encode_check(&body);
    let a = inspect(&sprout);
    assert_eq!(a["kind"], "sprout");
    assert_eq!(a["network"], "main");
    assert!(sprout.starts_with("zc"));
    // stdin
    let (code, out, _) = flux(
        &["address", "inspect", "-"],
        Some("tmHMBeeYRuc2eVicLNfP15YLxbQsooCA6jb\n"),
    );
    assert_eq!(code, 0);
    assert_eq!(out["network"], "test");
    // regtest on request
    let (code, out, _) = flux(
        &[
            "address",
            "inspect",
            "tmHMBeeYRuc2eVicLNfP15YLxbQsooCA6jb",
            "--network",
            "regtest",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out["network"], "regtest");
}

#[test]
fn bad_addresses() {
    let m = fails(&["address", "inspect", "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfG"]);
    assert!(m.contains("checksum"), "{m}");
    let m = fails(&["address", "inspect", "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBf0"]);
    assert!(m.contains("base58 character"), "{m}");
    let unknown = base58::encode_check(&[[0x1cu8, 0x00].as_slice(), &[0u8; 20]].concat());
    let m = fails(&["address", "inspect", &unknown]);
    assert!(m.contains("prefix"), "{m}");
    let long = base58::encode_check(&[[0x1cu8, 0xb8].as_slice(), &[0u8; 21]].concat());
    let m = fails(&["address", "inspect", &long]);
    assert!(m.contains("bytes"), "{m}");
    let m = fails(&[
        "address",
        "inspect",
        "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF",
        "--network",
        "test",
    ]);
    assert!(m.contains("main"), "{m}");
    let m = fails(&[
        "address",
        "inspect",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    ]);
    assert!(m.contains("prefix"), "{m}");
    let m = fails(&["address", "inspect", "za1qqqqqqqq"]);
    assert!(m.contains("bech32"), "{m}");
    fails(&["address", "inspect", ""]);
    fails(&[
        "address",
        "inspect",
        "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD",
    ]);
    usage_error(&[
        "address",
        "inspect",
        "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF",
        "--network",
        "moon",
    ]);
    usage_error(&["address", "inspect"]);
}
