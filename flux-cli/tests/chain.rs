//! `flux chain` against spec 6.2 / fluxd test numbers.

mod common;

fn flux(args: &[&str]) -> serde_json::Value {
    let r = common::run(args, None);
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    r.stdout
}

#[test]
fn subsidy_fields() {
    let v = flux(&["chain", "subsidy", "3071200"]);
    assert_eq!(v["subsidy"], 1_260_000_000i64);
    assert_eq!(v["cumulus"], 90_000_000);
    assert_eq!(v["nimbus"], 315_000_000);
    assert_eq!(v["stratus"], 810_000_000);
    assert_eq!(v["dev_fund"], 45_000_000);
    let v = flux(&["chain", "subsidy", "800", "--network", "test"]);
    assert_eq!(v["subsidy"], 1_400_000_000i64);
}

#[test]
fn upgrade_fields() {
    let v = flux(&["chain", "upgrade", "125105"]);
    assert_eq!(v["branch_id"], "76b809bb");
    assert_eq!(v["equihash"], serde_json::json!(["144,5", "200,9"]));
}

/// `flux chain next-bits -` on one case per network and height of the difficulty vectors
/// (tests/data/next_bits.json): every era of fluxd's GetNextWorkRequired.
#[test]
fn next_bits_every_era() {
    let doc: serde_json::Value = serde_json::from_str(include_str!("data/next_bits.json")).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let mut heights = std::collections::BTreeSet::new();
    for c in cases {
        let network = c["network"].as_str().unwrap();
        let stdin = c["headers"].to_string();
        let r = common::run(
            &["chain", "next-bits", "-", "--network", network],
            Some(&stdin),
        );
        assert_eq!(r.code, 0, "{network} {}: {}", c["height"], r.stderr_text);
        assert_eq!(r.stdout["height"], c["height"], "{network}");
        assert_eq!(r.stdout["bits"], c["expected"], "{network} {}", c["height"]);
        assert_eq!(r.stdout["target"].as_str().unwrap().len(), 64);
        heights.insert((network.to_string(), c["height"].as_u64().unwrap()));
    }
    // DigiShield, LWMA, the reset after the 144,5 fade, LWMA3, the ZelHash ramp, the PoN
    // start window and PoN retargeting (mainnet); PoW and PoN on testnet.
    for (network, height) in [
        ("main", 60_000),
        ("main", 200_000),
        ("main", 125_111),
        ("main", 1_000_000),
        ("main", 372_512),
        ("main", 2_020_000),
        ("main", 2_100_000),
        ("test", 500),
        ("test", 2_000),
    ] {
        assert!(
            heights.contains(&(network.to_string(), height)),
            "{network} {height}"
        );
    }
}

/// Testnet's minimum-difficulty rule: a candidate more than two spacings (2 × 60 s) after
/// its parent may carry powLimit; `--time` gives the candidate's time.
#[test]
fn next_bits_testnet_minimum_difficulty() {
    let doc: serde_json::Value = serde_json::from_str(include_str!("data/next_bits.json")).unwrap();
    let c = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["network"] == "test" && c["height"] == 500)
        .unwrap();
    let last_time = c["headers"].as_array().unwrap().last().unwrap()["time"]
        .as_u64()
        .unwrap();
    let stdin = c["headers"].to_string();
    let run = |time: u64| {
        let t = time.to_string();
        common::run(
            &["chain", "next-bits", "-", "--network", "test", "--time", &t],
            Some(&stdin),
        )
    };
    let late = run(last_time + 121);
    assert_eq!(late.code, 0, "{}", late.stderr_text);
    assert_eq!(late.stdout["bits"], "200effff");
    let on_time = run(last_time + 120);
    assert_eq!(on_time.stdout["bits"], c["expected"]);
}

#[test]
fn next_bits_input_errors() {
    for (stdin, needle) in [
        (r#"[{"height": 5, "time": 1}]"#, "bits"),
        (
            r#"[{"height": 5, "time": 1, "bits": "1d00ffff"}, {"height": 7, "time": 2, "bits": "1d00ffff"}]"#,
            "consecutive",
        ),
        (
            r#"[{"height": 100, "time": 1, "bits": "1d00ffff"}]"#,
            "height 84",
        ),
    ] {
        let r = common::run(&["chain", "next-bits", "-"], Some(stdin));
        assert_eq!(r.code, 1, "{stdin}");
        let message = r.stderr["error"]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{message}");
    }
}
