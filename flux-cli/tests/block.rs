//! `flux block` / `flux header` on real blocks (the vectors of flux-consensus/tests/data, read from there).

mod common;

fn flux(args: &[&str]) -> (i32, serde_json::Value) {
    let r = common::run(args, None);
    (r.code, r.stdout)
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

#[test]
fn verify_with_previous_headers() {
    let prev = vector(2, "headerHex");
    let block = vector(3, "hex");
    let dir = std::env::temp_dir().join(format!("flux-prev-headers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("prev.json");
    std::fs::write(&file, serde_json::json!([prev]).to_string()).unwrap();
    let (code, v) = flux(&[
        "block",
        "verify",
        &block,
        "--height",
        "2020000",
        "--prev-headers",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{v}");
    let checks = v["checks"].as_array().unwrap();
    for name in ["prev_block", "difficulty", "time_past", "checkpoint"] {
        let c = checks.iter().find(|c| c["name"] == name).unwrap();
        assert_eq!(c["result"], "pass", "{c}");
    }
    // The wrong parent (the mainnet genesis header) breaks the link: exit 2.
    let genesis = vector(0, "hex");
    let genesis_header = &genesis[..2 * 1487];
    let inline = serde_json::json!([genesis_header]).to_string();
    let (code, v) = flux(&[
        "block",
        "verify",
        &block,
        "--height",
        "2020000",
        "--prev-headers",
        &inline,
    ]);
    assert_eq!(code, 2, "{v}");
    let c = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "prev_block")
        .unwrap()
        .clone();
    assert_eq!(c["result"], "fail");
    // --prev-headers without --height is an argument error.
    let (code, _) = flux(&["block", "verify", &block, "--prev-headers", &inline]);
    assert_eq!(code, 1);
    std::fs::remove_dir_all(&dir).ok();
}

fn check<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()
}

/// Tier payees of block 2,020,000 as fluxd's getblock printed its coinbase outputs 1-3.
fn payees_2020000() -> serde_json::Value {
    let rpc: serde_json::Value = serde_json::from_str(include_str!(
        "../../flux-consensus/tests/data/coinbase_2020000.json"
    ))
    .unwrap();
    let vout = &rpc["coinbase"]["vout"];
    serde_json::json!({
        "cumulus": vout[1]["address"],
        "nimbus": vout[2]["hex"],
        "stratus": vout[3]["address"],
    })
}

#[test]
fn verify_fluxnode_payees_and_fees() {
    let block = vector(3, "hex");
    let payees = payees_2020000().to_string();
    let base = ["block", "verify", block.as_str(), "--height", "2020000"];
    // Not given: both checks skipped, valid but not complete.
    let (code, v) = flux(&base);
    assert_eq!(code, 0, "{v}");
    assert_eq!(check(&v, "fluxnode_payouts")["result"], "skipped");
    assert_eq!(check(&v, "coinbase_value")["result"], "skipped");
    // The real payees (addresses and script hex mixed) and fees 1135.
    let mut args = base.to_vec();
    args.extend(["--fluxnode-payees", &payees, "--fees", "1135"]);
    let (code, v) = flux(&args);
    assert_eq!(code, 0, "{v}");
    assert_eq!(check(&v, "fluxnode_payouts")["result"], "pass", "{v}");
    assert_eq!(check(&v, "coinbase_value")["result"], "pass", "{v}");
    assert_eq!(v["valid"], true);
    // One zatoshi less in fees: bad-cb-amount, exit 2.
    let mut args = base.to_vec();
    args.extend(["--fees", "1134"]);
    let (code, v) = flux(&args);
    assert_eq!(code, 2, "{v}");
    let c = check(&v, "coinbase_value");
    assert_eq!(c["reject"], "bad-cb-amount", "{c}");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .starts_with("coinbase creates"),
        "{c}"
    );
    // A wrong stratus payee, from a file: exit 2, the tier and payee named.
    let mut wrong = payees_2020000();
    wrong["stratus"] = "t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC".into();
    let dir = std::env::temp_dir().join(format!("flux-payees-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("payees.json");
    std::fs::write(&file, wrong.to_string()).unwrap();
    let mut args = base.to_vec();
    args.extend(["--fluxnode-payees", file.to_str().unwrap()]);
    let (code, v) = flux(&args);
    assert_eq!(code, 2, "{v}");
    let reason = check(&v, "fluxnode_payouts")["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        reason.contains("stratus payee t1Hunc5EckgmAXzN1fqDv3Qs8h9wze5NiBC must receive exactly 900000000 zatoshis: missing"),
        "{reason}"
    );
    assert!(
        reason.contains("to t1gpSx9eqFRQXpxrPiyZmdPkKgxNqcTqvWF instead: wrong payee"),
        "{reason}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fluxnode_payees_argument_errors() {
    let block = vector(3, "hex");
    for (payees, height) in [
        (
            r#"{"cumulus": "t1bZtgWNEn8bMJjkYYHEwsEeZPEgN5j4ugq"}"#,
            None,
        ),
        (
            r#"{"tier4": "t1bZtgWNEn8bMJjkYYHEwsEeZPEgN5j4ugq"}"#,
            Some("2020000"),
        ),
        (r#"{"cumulus": "not an address"}"#, Some("2020000")),
        (
            r#"["t1bZtgWNEn8bMJjkYYHEwsEeZPEgN5j4ugq"]"#,
            Some("2020000"),
        ),
    ] {
        let mut args = vec![
            "block",
            "verify",
            block.as_str(),
            "--fluxnode-payees",
            payees,
        ];
        if let Some(h) = height {
            args.extend(["--height", h]);
        }
        let ran = common::run(&args, None);
        assert_eq!(ran.code, 1, "{payees}");
        let err = ran.stderr;
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap()
                .contains("fluxnode-payees"),
            "{err}"
        );
    }
}
