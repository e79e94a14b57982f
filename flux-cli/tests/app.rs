//! `flux app format|validate|price` against FluxOS's own answers
//! (flux-client/tests/data/fluxos_differential.jsonl, produced by FluxOS v8.17.0's code).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `flux ARGS` with `stdin`, returning (exit code, stdout text, stderr text).
fn run_text(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flux"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start flux");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().expect("code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn cases() -> Vec<serde_json::Value> {
    include_str!("../../flux-client/tests/data/fluxos_differential.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("case"))
        .collect()
}

const HARNESS_V8: &str = r#"{"version":8,"name":"e2eTestApp","description":"E2E test application for lifecycle testing","owner":"1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx","compose":[{"name":"e2eTestApp","description":"nginx test container","repotag":"nginx:alpine","ports":[31111],"domains":[""],"environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp","cpu":0.1,"ram":100,"hdd":1,"repoauth":""}],"instances":3,"contacts":[],"geolocation":[],"expire":22000,"nodes":[],"staticip":false,"enterprise":""}"#;

#[test]
fn format_prints_fluxos_text_or_its_refusal() {
    for case in cases().iter().step_by(12) {
        let input = case["input"].as_str().unwrap();
        let (code, out, err) = run_text(&["app", "format", "-"], input);
        if let Some(want) = case["format"]["ok"].as_str() {
            assert_eq!(code, 0, "{err}");
            assert_eq!(out, format!("{want}\n"), "input {input}");
        } else {
            let want = case["format"]["error"].as_str().unwrap();
            assert_eq!(code, 1, "input {input}");
            let e: serde_json::Value = serde_json::from_str(&err).unwrap();
            assert_eq!(e["error"]["kind"], "invalid_spec");
            assert_eq!(e["error"]["message"], want);
        }
    }
}

#[test]
fn validate_exit_codes_and_messages() {
    let r = common::run(
        &["app", "validate", HARNESS_V8, "--height", "2200000"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    assert_eq!(r.stdout["valid"], true);
    assert_eq!(
        r.stdout["not_checked"],
        serde_json::json!(["image_registry", "name_conflict"])
    );
    // v8 is not active at 1,900,000.
    let r = common::run(
        &["app", "validate", "-", "--height", "1900000"],
        Some(HARNESS_V8),
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout["valid"], false);
    assert_eq!(r.stdout["rule"], "activation");
    assert_eq!(
        r.stdout["error"],
        "Flux apps specifications of version 8 not yet supported"
    );
    for case in cases().iter().step_by(20) {
        let input = case["input"].as_str().unwrap();
        let height = case["height"].to_string();
        let r = common::run(&["app", "validate", "-", "--height", &height], Some(input));
        match case["validate"]["error"].as_str() {
            None => assert_eq!(r.code, 0, "input {input}: {}", r.stdout),
            Some(m) if m.starts_with("Datacenter requirement") => {}
            Some(m) => {
                assert_eq!(r.code, 2, "input {input}");
                assert_eq!(r.stdout["error"], m);
            }
        }
    }
    let r = common::run(&["app", "validate", "{", "--height", "1"], None);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr["error"]["kind"], "invalid_json");
}

#[test]
fn price_prints_the_js_string() {
    let r = common::run(&["app", "price", HARNESS_V8, "--height", "2200000"], None);
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    assert_eq!(r.stdout["per_month"], "0.06");
    assert_eq!(r.stdout["expire"], 22000);
    // 0.06 for a quarter of the post-PoN month (88000 blocks), ceiled to 0.01.
    assert_eq!(r.stdout["registration"], "0.02");
    assert_eq!(r.stdout["registration_zatoshis"], 2_000_000);
    let r = common::run(
        &[
            "app", "price", HARNESS_V8, "--height", "2200000", "--expire", "264000",
        ],
        None,
    );
    assert_eq!(r.stdout["registration"], "0.18");
    for case in cases().iter().step_by(25) {
        let (Some(want), Some(input)) = (case["price"].as_str(), case["input"].as_str()) else {
            continue;
        };
        let height = case["height"].to_string();
        let r = common::run(&["app", "price", "-", "--height", &height], Some(input));
        assert_eq!(r.code, 0, "{}", r.stderr_text);
        assert_eq!(r.stdout["per_month"], want, "input {input}");
        assert_eq!(
            r.stdout["registration"], case["registration"],
            "input {input}"
        );
    }
    // Epochs as /apps/deploymentinformation returns them.
    let epochs = r#"{"status":"success","data":{"price":[{"height":-1,"cpu":0.3,"ram":0.1,"hdd":0.05,"minPrice":0.1,"port":2,"scope":6,"staticip":3}]}}"#;
    let r = common::run(
        &[
            "app", "price", HARNESS_V8, "--height", "2200000", "--epochs", epochs,
        ],
        None,
    );
    assert_eq!(r.stdout["per_month"], "0.45");
    // An epoch with a USD floor: FluxOS returns the string `Number(1).toFixed(2)`.
    let usd = epochs.replace(r#""staticip":3}"#, r#""staticip":3,"minUSDPrice":1}"#);
    let r = common::run(
        &[
            "app", "price", HARNESS_V8, "--height", "2200000", "--epochs", &usd,
        ],
        None,
    );
    assert_eq!(r.stdout["per_month"], "1.00");
    let r = common::run(&["app", "price", r#"{"version":1}"#, "--height", "1"], None);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr["error"]["kind"], "invalid_spec");
}

/// fluxos.md §10's derived vector: the harness app-owner key (WIF of privkey 7e6b6441…)
/// signing the harness v8 spec at 1750000000000.
#[test]
fn sign_prints_the_message_to_post() {
    let wif = "L1TTH4VBZ8TTjv8hHVBRc9gg7SJECucchQqEsZtsafb537Z7hSrU";
    let (code, out, err) = run_text(
        &[
            "app",
            "sign",
            "-",
            "--wif",
            wif,
            "--type",
            "register",
            "--timestamp",
            "1750000000000",
        ],
        HARNESS_V8,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "{{\"type\":\"fluxappregister\",\"version\":1,\"appSpecification\":{HARNESS_V8},\"timestamp\":1750000000000,\"signature\":\"IKC7NXE2erb4JE+FLae1ScIt+ox6t9kHUNX5gAVrS4PwUBRXfyaCDLmngWV0oKUMqxUvSoMS1vvSCOQMJg4XwMI=\",\"hash\":\"f3790a595a1056acadce9b4f88044a8028097614ded92c864ddf002ce1cfccef\"}}\n"
        )
    );
    let r = common::run(
        &[
            "app",
            "sign",
            HARNESS_V8,
            "--wif",
            wif,
            "--type",
            "update",
            "--timestamp",
            "1750000000000",
        ],
        None,
    );
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout["type"], "fluxappupdate");
    assert_eq!(r.stdout["version"], 1);
    let r = common::run(
        &[
            "app",
            "sign",
            "{}",
            "--wif",
            wif,
            "--type",
            "register",
            "--timestamp",
            "1",
        ],
        None,
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr["error"]["kind"], "invalid_spec");
    let r = common::run(
        &[
            "app",
            "sign",
            HARNESS_V8,
            "--wif",
            "nope",
            "--type",
            "register",
            "--timestamp",
            "1",
        ],
        None,
    );
    assert_eq!(r.code, 1);
}

/// `flux app payment`: outputs deployment address, change, memo (last); the hex decodes and
/// the amounts are exact; a testnet WIF in a mainnet payment is refused under the builder's
/// `wrong_network`.
#[test]
fn payment_puts_the_memo_last() {
    let hash = "5501c7dd6516c3fc2e68dee8d4fdd20d92f57f8cfcdc7b4fcbad46499e43ed6f";
    let inputs = r#"[{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0, "amount": 150000000}]"#;
    let wif = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
    let args = [
        "app", "payment", "--hash", hash, "--amount", "0.6", "--height", "2200000", "--wif", wif,
        "--inputs", "-", "--fee", "20000",
    ];
    let (code, out, err) = run_text(&args, inputs);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (code, decoded, err) = run_text(&["tx", "decode", v["hex"].as_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let d: serde_json::Value = serde_json::from_str(&decoded).unwrap();
    assert_eq!(d["txid"], v["txid"]);
    let vout = d["vout"].as_array().unwrap();
    assert_eq!(vout.len(), 3);
    assert_eq!(
        vout[0]["scriptPubKey"]["addresses"][0],
        "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX"
    );
    assert_eq!(vout[0]["valueSat"], 60_000_000);
    assert_eq!(vout[1]["valueSat"], 150_000_000 - 60_000_000 - 20_000);
    assert_eq!(
        vout[2]["scriptPubKey"]["asm"],
        format!("OP_RETURN {}", hex::encode(hash))
    );
    assert_eq!(d["expiryheight"], 2_200_020);

    // A testnet WIF (secret 0x07 x 32) cannot pay on mainnet.
    let testnet_wif = "cMpMxK92W1DjqDvWV3pMn4xLwAuQJhNF3MFqkEHUQRPQofUJku8R";
    let mut bad = args;
    bad[9] = testnet_wif;
    let (code, _, err) = run_text(&bad, inputs);
    assert_eq!(code, 1);
    let e: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(e["error"]["kind"], "wrong_network", "{err}");
}
