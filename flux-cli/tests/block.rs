//! `flux block` / `flux header` on real blocks (copied in flux-consensus/tests/data).

use std::process::Command;

fn flux(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_flux"))
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap(), v)
}

fn vector(i: usize, key: &str) -> String {
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../../flux-consensus/tests/data/blocks.json")).unwrap();
    v["vectors"][i][key].as_str().unwrap().to_string()
}

#[test]
fn decode_first_pon_block() {
    let (code, v) = flux(&["block", "decode", &vector(3, "hex"), "--verbosity", "1"]);
    assert_eq!(code, 0);
    assert_eq!(v["hash"], vector(3, "hash"));
    assert_eq!(v["type"], "PON");
    assert_eq!(v["size"], 1877);
    assert_eq!(v["tx"].as_array().unwrap().len(), 8);
}

#[test]
fn verify_verdicts() {
    let hex = vector(0, "hex");
    let (code, v) = flux(&["block", "verify", &hex, "--height", "0"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["valid"], true);
    // Break the merkle root: checked and fails, exit 2.
    let mut bad = hex.clone();
    bad.replace_range(72..74, "00");
    let (code, v) = flux(&["block", "verify", &bad]);
    assert_eq!(code, 2);
    assert_eq!(v["valid"], false);
    // PoN block without the node key: valid but not complete.
    let (code, v) = flux(&["block", "verify", &vector(3, "hex"), "--height", "2020000"]);
    assert_eq!(code, 0);
    assert_eq!(v["complete"], false);
    // Not hex: error, exit 1.
    assert_eq!(flux(&["block", "decode", "zz"]).0, 1);
}

#[test]
fn header_decode() {
    let (code, v) = flux(&["header", "decode", &vector(2, "headerHex")]);
    assert_eq!(code, 0);
    assert_eq!(v["hash"], vector(2, "hash"));
    assert_eq!(v["type"], "POW");
}
