//! `flux key new|inspect|derive` end to end: published vectors in, JSON out; every kind of
//! bad input exits 1, with a JSON error (bad values) or clap's usage text (bad arguments).

mod common;

use serde_json::Value;

const MNEMONIC: &str =
    "ripple scissors kick mammal hire column oak again sun offer wealth tomorrow wagon turn fatal";

fn flux(args: &[&str], stdin: Option<&str>) -> (i32, Value, Value) {
    let r = common::run(args, stdin);
    (r.code, r.stdout, r.stderr)
}

fn ok(args: &[&str]) -> Value {
    let (code, out, err) = flux(args, None);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// Runs a command that must fail with exit 1 and returns its message. `kind` is the
/// library's error code, or `usage` for arguments clap refuses (printed as text for
/// people, with the usage line, not as JSON).
fn fails(args: &[&str], kind: &str) -> String {
    let r = common::run(args, None);
    assert_eq!(r.code, 1, "{args:?} should fail: {}", r.stdout);
    if kind == "usage" {
        assert!(
            r.stderr.is_null(),
            "{args:?}: usage errors are text: {}",
            r.stderr_text
        );
        assert!(r.stderr_text.starts_with("error: "), "{}", r.stderr_text);
        assert!(r.stderr_text.contains("--help"), "{}", r.stderr_text);
        return r.stderr_text;
    }
    assert_eq!(r.stderr["error"]["kind"], kind, "{args:?}: {}", r.stderr);
    r.stderr["error"]["message"].as_str().unwrap().to_string()
}

#[test]
fn new_keys_inspect_back_to_themselves() {
    for (net, uncompressed, wif_start, addr_start) in [
        ("main", false, ["K", "L"], "t1"),
        ("main", true, ["5", "5"], "t1"),
        ("test", false, ["c", "c"], "tm"),
        ("regtest", true, ["9", "9"], "tm"),
    ] {
        let mut args = vec!["key", "new", "--network", net];
        if uncompressed {
            args.push("--uncompressed");
        }
        let k = ok(&args);
        let wif = k["wif"].as_str().unwrap();
        assert!(wif_start.iter().any(|s| wif.starts_with(s)), "{wif}");
        assert!(k["address"].as_str().unwrap().starts_with(addr_start));
        assert!(k["zelid"].as_str().unwrap().starts_with('1'));
        assert_eq!(k["network"], net);
        assert_eq!(k["compressed"], !uncompressed);
        let len = if uncompressed { 130 } else { 66 };
        assert_eq!(k["public_key"].as_str().unwrap().len(), len);
        let i = ok(&["key", "inspect", wif, "--network", net]);
        for field in [
            "network",
            "compressed",
            "public_key",
            "address",
            "zelid",
            "hash160",
        ] {
            assert_eq!(i[field], k[field], "{field}");
        }
        assert!(i.get("wif").is_none(), "inspect must not echo the secret");
    }
}

#[test]
fn inspect_published_wifs() {
    // fluxd src/test/data/base58_keys_valid.json
    let i = ok(&[
        "key",
        "inspect",
        "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD",
    ]);
    assert_eq!(i["network"], "main");
    assert_eq!(i["compressed"], true);
    let (code, from_stdin, _) = flux(
        &["key", "inspect", "-"],
        Some("9213qJab2HNEpMpYNBa7wHGFKKbkDn24jpANDs2huN3yi4J11ko\n"),
    );
    assert_eq!(code, 0);
    assert_eq!(from_stdin["network"], "test");
    assert_eq!(from_stdin["compressed"], false);
    // the address is the hash160 of the key, and the ZelID carries the same hash
    let a = ok(&["address", "inspect", i["address"].as_str().unwrap()]);
    let z = ok(&["address", "inspect", i["zelid"].as_str().unwrap()]);
    assert_eq!(a["hash160"], i["hash160"]);
    assert_eq!(z["hash160"], i["hash160"]);
    assert_eq!(z["kind"], "zelid");
}

#[test]
fn inspect_rejects_bad_wifs() {
    fails(&["key", "inspect", ""], "invalid_length");
    let m = fails(
        &[
            "key",
            "inspect",
            "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RE",
        ],
        "bad_checksum",
    );
    assert!(m.contains("checksum"), "{m}");
    let m = fails(
        &[
            "key",
            "inspect",
            "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3R0",
        ],
        "invalid_base58_character",
    );
    assert!(m.contains("base58 character"), "{m}");
    let m = fails(
        &["key", "inspect", "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF"],
        "unknown_prefix",
    );
    assert!(m.contains("prefix") || m.contains("bytes"), "{m}");
    let m = fails(
        &[
            "key",
            "inspect",
            "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD",
            "--network",
            "test",
        ],
        "wrong_network",
    );
    assert!(m.contains("main"), "{m}");
    fails(
        &[
            "key",
            "inspect",
            "Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD",
            "--network",
            "bitcoin",
        ],
        "usage",
    );
    fails(&["key", "new", "--network", "moon"], "usage");
    fails(&["key", "inspect"], "usage");
}

#[test]
fn derive_trust_wallet_vectors() {
    // trustwallet/wallet-core tests/chains/Zelcash/TWZelcashAddressTests.cpp
    let k = ok(&[
        "key",
        "derive",
        "--mnemonic",
        MNEMONIC,
        "--passphrase",
        "TREZOR",
        "--path",
        "m/44'/19167'/0'/0/5",
    ]);
    assert_eq!(k["address"], "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY");
    let acct = ok(&[
        "key",
        "derive",
        "--mnemonic",
        MNEMONIC,
        "--passphrase",
        "TREZOR",
        "--path",
        "m/44h/19167h/0h",
    ]);
    assert_eq!(acct["xprv"], "xprv9zB7Vw5RYsBoLSPskFrfHsRae2KJaXMuqLVPA3ocrPArAxLemgDxSz2P2NdreeXKs8N3BxbVPHXeiaamtWC4zoa2Ff8toqa7NEbNWH32Ctb");
    assert_eq!(acct["xpub"], "xpub6DATuScKPEk6YvULrHPff1NKC49nyz5mCZQyxSDEQihq3kfoKDYCznLrsdW4KmXw9TryNfEZ9JSD8tJL9UTC3LnBA54YZL7nqMtJm7Ffnoz");
    // the same leaf from the account xprv, relative path
    let leaf = ok(&[
        "key",
        "derive",
        "--xprv",
        acct["xprv"].as_str().unwrap(),
        "--path",
        "0/5",
    ]);
    assert_eq!(leaf["address"], "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY");
    assert_eq!(leaf["wif"], k["wif"]);
    // its WIF inspects to the same address
    let i = ok(&["key", "inspect", k["wif"].as_str().unwrap()]);
    assert_eq!(i["address"], "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY");
    // mnemonic from stdin
    let (code, s, _) = flux(
        &[
            "key",
            "derive",
            "--mnemonic",
            "-",
            "--passphrase",
            "TREZOR",
            "--path",
            "m/44'/19167'/0'/0/5",
        ],
        Some(MNEMONIC),
    );
    assert_eq!(code, 0);
    assert_eq!(s["address"], "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY");
}

#[test]
fn derive_bip32_vector_1_on_each_network() {
    let seed = "000102030405060708090a0b0c0d0e0f";
    let m = ok(&[
        "key",
        "derive",
        "--seed",
        seed,
        "--path",
        "m/0'/1/2'/2/1000000000",
    ]);
    assert_eq!(m["xprv"], "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76");
    assert_eq!(m["xpub"], "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy");
    assert_eq!(m["depth"], 5);
    for net in ["test", "regtest"] {
        let t = ok(&[
            "key",
            "derive",
            "--seed",
            seed,
            "--path",
            "m/0'",
            "--network",
            net,
        ]);
        assert!(t["xprv"].as_str().unwrap().starts_with("tprv"));
        assert!(t["xpub"].as_str().unwrap().starts_with("tpub"));
        assert!(t["address"].as_str().unwrap().starts_with("tm"));
        assert_eq!(t["network"], net);
        // the tprv carries on on testnet and regtest, not mainnet
        ok(&[
            "key",
            "derive",
            "--xprv",
            t["xprv"].as_str().unwrap(),
            "--path",
            "1",
            "--network",
            "regtest",
        ]);
        fails(
            &[
                "key",
                "derive",
                "--xprv",
                t["xprv"].as_str().unwrap(),
                "--path",
                "1",
                "--network",
                "main",
            ],
            "wrong_network",
        );
    }
}

#[test]
fn derive_rejects_bad_input() {
    let seed = "000102030405060708090a0b0c0d0e0f";
    fails(
        &["key", "derive", "--seed", "00", "--path", "m"],
        "invalid_length",
    );
    fails(
        &["key", "derive", "--seed", "zz", "--path", "m"],
        "invalid_input",
    );
    fails(&["key", "derive", "--seed", seed, "--path", "m/x"], "usage");
    fails(
        &["key", "derive", "--seed", seed, "--path", "m/2147483648"],
        "usage",
    );
    fails(
        &[
            "key",
            "derive",
            "--seed",
            seed,
            "--path",
            "m/0",
            "--network",
            "moon",
        ],
        "usage",
    );
    let m = fails(
        &[
            "key",
            "derive",
            "--mnemonic",
            "ripple scissors kick",
            "--path",
            "m",
        ],
        "invalid_mnemonic",
    );
    assert!(m.contains("mnemonic"), "{m}");
    let xpub = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";
    let m = fails(
        &["key", "derive", "--xprv", xpub, "--path", "m/0'"],
        "bip32",
    );
    assert!(m.contains("public"), "{m}");
    fails(&["key", "derive", "--path", "m"], "usage");
    fails(
        &[
            "key", "derive", "--seed", seed, "--xprv", xpub, "--path", "m",
        ],
        "usage",
    );
    fails(
        &[
            "key",
            "derive",
            "--seed",
            seed,
            "--passphrase",
            "p",
            "--path",
            "m",
        ],
        "invalid_argument",
    );
    fails(&["key", "derive", "--seed", seed], "usage");
}
