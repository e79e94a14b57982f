//! `flux rpc` against the in-process fluxd double (flux-client's, included by path).

#[path = "../../flux-client/tests/support/double.rs"]
mod double;

use std::io::Write;
use std::process::{Command, Stdio};

use double::{Double, DoubleAuth, Fault};
use serde_json::Value;

struct Ran {
    code: i32,
    stdout: String,
    stderr: Value,
}

fn flux(args: &[&str], envs: &[(&str, &str)], stdin: &str) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flux"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in [
        "FLUX_RPC_URL",
        "FLUX_RPC_USER",
        "FLUX_RPC_PASSWORD",
        "FLUX_RPC_COOKIE",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Ran {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: serde_json::from_slice(&out.stderr).unwrap_or(Value::Null),
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

const PON_2020000: &str = "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb";

#[test]
fn call_prints_the_result_as_sent() {
    let d = Double::start(DoubleAuth::None);
    d.state
        .lock()
        .unwrap()
        .canned
        .insert("getbalance".into(), "439999999.99999999".into());
    let url = d.url();
    let r = flux(
        &["rpc", "call", "getblockcount", "--rpc-url", &url],
        &[],
        "",
    );
    assert_eq!((r.code, r.stdout.trim()), (0, "2020000"));
    let r = flux(&["rpc", "--rpc-url", &url, "call", "getbalance"], &[], "");
    assert_eq!(r.stdout.trim(), "439999999.99999999");
    // "0" is JSON (a number); a hash is not JSON, so it goes as a string.
    let r = flux(
        &["rpc", "call", "getblockhash", "0", "--rpc-url", &url],
        &[],
        "",
    );
    assert_eq!(
        r.stdout.trim(),
        "\"00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444\""
    );
    let r = flux(
        &[
            "rpc",
            "call",
            "getblockheader",
            PON_2020000,
            "false",
            "--rpc-url",
            &url,
        ],
        &[],
        "",
    );
    assert_eq!(r.code, 0);
    assert!(r.stdout.trim().starts_with("\"64000000"));
}

#[test]
fn errors_are_json_with_kind_and_code() {
    let d = Double::start(DoubleAuth::UserPass("u".into(), "p".into()));
    let url = d.url();
    let env = [
        ("FLUX_RPC_URL", url.as_str()),
        ("FLUX_RPC_USER", "u"),
        ("FLUX_RPC_PASSWORD", "p"),
    ];
    let r = flux(&["rpc", "call", "getblockhash", "5"], &env, "");
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr["error"]["kind"], "rpc");
    assert_eq!(r.stderr["error"]["code"], -8);

    let r = flux(&["rpc", "call", "nosuch"], &env, "");
    assert_eq!(r.stderr["error"]["code"], -32601);

    let r = flux(
        &["rpc", "call", "getblockcount", "--rpc-password", "wrong"],
        &env,
        "",
    );
    assert_eq!((r.code, &r.stderr["error"]["kind"]), (1, &json("\"auth\"")));

    d.push_faults(vec![Fault::Unavailable; 4]);
    let r = flux(&["rpc", "call", "getblockcount"], &env, "");
    assert_eq!(r.stderr["error"]["kind"], "http");
    assert_eq!(r.stderr["error"]["code"], 503);

    d.push_faults([Fault::Hang]);
    let r = flux(
        &["rpc", "call", "getblockcount", "--timeout", "1"],
        &env,
        "",
    );
    assert_eq!(r.stderr["error"]["kind"], "timeout");

    d.push_faults([Fault::Endless]);
    let r = flux(
        &["rpc", "call", "getinfo", "--max-response-bytes", "100000"],
        &env,
        "",
    );
    assert_eq!(r.stderr["error"]["kind"], "too_large");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = flux(
        &[
            "rpc",
            "call",
            "getinfo",
            "--rpc-url",
            &format!("http://127.0.0.1:{port}"),
        ],
        &[],
        "",
    );
    assert_eq!(r.stderr["error"]["kind"], "transport");
}

#[test]
fn conf_file_gives_url_and_credentials() {
    let d = Double::start(DoubleAuth::UserPass("confuser".into(), "confpass".into()));
    let dir = std::env::temp_dir().join(format!("flux-cli-rpc-conf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let conf = dir.join("flux.conf");
    std::fs::write(
        &conf,
        format!(
            "rpcuser=confuser\nrpcpassword=confpass\nrpcport={}\nrpcconnect=127.0.0.1\n",
            d.addr.port()
        ),
    )
    .unwrap();
    let r = flux(
        &[
            "rpc",
            "call",
            "getblockcount",
            "--conf",
            conf.to_str().unwrap(),
        ],
        &[],
        "",
    );
    assert_eq!((r.code, r.stdout.trim()), (0, "2020000"));

    // A cookie file instead.
    let d = Double::start(DoubleAuth::Cookie("c00k1e".into()));
    let cookie = dir.join(".cookie");
    std::fs::write(&cookie, "__cookie__:c00k1e").unwrap();
    let r = flux(
        &[
            "rpc",
            "call",
            "getblockcount",
            "--rpc-url",
            &d.url(),
            "--rpc-cookie",
            cookie.to_str().unwrap(),
        ],
        &[],
        "",
    );
    assert_eq!(r.code, 0, "{:?}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batch_in_order_with_results_and_errors() {
    let d = Double::start(DoubleAuth::None);
    let input = r#"[{"method": "getblockcount"}, {"method": "getblockhash", "params": [5]},
                    {"method": "getblockhash", "params": [0]}]"#;
    for refuse in [false, true] {
        d.state.lock().unwrap().refuse_batches = refuse;
        let r = flux(&["rpc", "batch", "-", "--rpc-url", &d.url()], &[], input);
        assert_eq!(r.code, 0);
        let v = json(&r.stdout);
        assert_eq!(v[0], json(r#"{"result": 2020000}"#));
        assert_eq!(v[1]["error"]["code"], -8);
        assert_eq!(
            v[2]["result"],
            "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444"
        );
    }
}

#[test]
fn block_and_tx_print_what_decode_prints() {
    let d = Double::start(DoubleAuth::None);
    let url = d.url();
    let hex = d
        .state
        .lock()
        .unwrap()
        .blocks
        .iter()
        .find(|b| b.height == 2_020_000)
        .unwrap()
        .block_hex
        .clone()
        .unwrap();
    for verbosity in ["1", "2"] {
        let local = flux(
            &[
                "block",
                "decode",
                "-",
                "--height",
                "2020000",
                "--verbosity",
                verbosity,
            ],
            &[],
            &hex,
        );
        assert_eq!(local.code, 0);
        for which in ["2020000", PON_2020000] {
            let r = flux(
                &[
                    "rpc",
                    "block",
                    which,
                    "--verbosity",
                    verbosity,
                    "--rpc-url",
                    &url,
                ],
                &[],
                "",
            );
            assert_eq!(r.code, 0, "{:?}", r.stderr);
            assert_eq!(r.stdout, local.stdout);
        }
    }

    let txid = "aa7a8ce2dcc58c6873f501d698b534ee4eacd62e6c8a27b1ddaca9eedbf5de63";
    let tx_hex = d.state.lock().unwrap().txs[txid].0.clone();
    let local = flux(&["tx", "decode", &tx_hex], &[], "");
    let r = flux(&["rpc", "tx", txid, "--rpc-url", &url], &[], "");
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, local.stdout);
    let r = flux(&["rpc", "tx", &"00".repeat(32), "--rpc-url", &url], &[], "");
    assert_eq!(r.stderr["error"]["code"], -5);
}

#[test]
fn send_refuses_undecodable_hex_without_the_node() {
    let d = Double::start(DoubleAuth::None);
    let url = d.url();
    let r = flux(&["rpc", "send", "00ff", "--rpc-url", &url], &[], "");
    assert_eq!(
        (r.code, &r.stderr["error"]["kind"]),
        (1, &json("\"invalid_input\""))
    );
    let r = flux(&["rpc", "send", "xyz", "--rpc-url", &url], &[], "");
    assert_eq!(r.stderr["error"]["kind"], "invalid_input");
    assert!(d.log().is_empty());

    let txid = "aa7a8ce2dcc58c6873f501d698b534ee4eacd62e6c8a27b1ddaca9eedbf5de63";
    let tx_hex = d.state.lock().unwrap().txs[txid].0.clone();
    let r = flux(&["rpc", "send", "-", "--rpc-url", &url], &[], &tx_hex);
    assert_eq!(
        json(&r.stdout),
        json(&format!(r#"{{"txid": "{txid}", "already_known": true}}"#))
    );

    let start = "a89fcfa77810e5b6bae6a4be065d8db9f0aa7a11bedce37b9ddf91372fe0fa4e";
    let start_hex = d.state.lock().unwrap().txs[start].0.clone();
    let r = flux(&["rpc", "send", &start_hex, "--rpc-url", &url], &[], "");
    assert_eq!(json(&r.stdout), json(&format!(r#"{{"txid": "{start}"}}"#)));
}

#[test]
fn check_counts_and_exit_codes() {
    let d = Double::start(DoubleAuth::None);
    let url = d.url();
    let r = flux(
        &[
            "rpc",
            "check",
            "--from",
            "2020000",
            "--to",
            "2020000",
            "--rpc-url",
            &url,
        ],
        &[],
        "",
    );
    assert_eq!(r.code, 0, "{:?}", r.stderr);
    let v = json(&r.stdout);
    for k in [
        "from",
        "to",
        "checked",
        "passed",
        "failed",
        "unchecked",
        "items",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
    assert_eq!(
        v["checked"],
        v["passed"].as_u64().unwrap() + v["failed"].as_u64().unwrap()
    );
    assert_eq!(v["items"][0]["height"], 2020000);
    assert_eq!(v["items"][0]["hash"], PON_2020000);
    assert!(v["items"][0]["checks"].as_array().unwrap().len() > 5);

    // A wrong genesis: exit 2.
    {
        let mut st = d.state.lock().unwrap();
        let g = &mut st.blocks[0];
        let mut block = hex::decode(g.block_hex.as_ref().unwrap()).unwrap();
        block[108] ^= 1;
        g.hash = flux_consensus::block::Block::from_bytes(&block)
            .unwrap()
            .hash()
            .to_string();
        g.header_hex = hex::encode(&block[..1487]);
        g.block_hex = Some(hex::encode(&block));
    }
    let r = flux(
        &[
            "rpc",
            "check",
            "--from",
            "0",
            "--to",
            "0",
            "--rpc-url",
            &url,
        ],
        &[],
        "",
    );
    assert_eq!(r.code, 2);
    assert!(json(&r.stdout)["failed"].as_u64().unwrap() >= 1);
    // The wrong hash at a checkpoint height is named.
    assert!(failing(&json(&r.stdout)).contains(&(0, "checkpoint".to_owned())));

    let r = flux(
        &[
            "rpc",
            "check",
            "--from",
            "3",
            "--to",
            "1",
            "--rpc-url",
            &url,
        ],
        &[],
        "",
    );
    assert_eq!(r.code, 1);
}

/// The failing checks of a `flux rpc check` report, as (height, name).
fn failing(report: &Value) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    for item in report["items"].as_array().unwrap() {
        for c in item["checks"].as_array().unwrap() {
            if c["result"] == "fail" {
                out.push((
                    item["height"].as_u64().unwrap(),
                    c["name"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    out
}

#[test]
fn check_across_the_pow_to_pon_boundary() {
    let d = Double::start(DoubleAuth::None);
    let url = d.url();
    let args = [
        "rpc",
        "check",
        "--from",
        "2019999",
        "--to",
        "2020000",
        "--rpc-url",
        &url,
    ];
    // The real chain: nothing fails; the pruned PoW block and the LWMA window before the
    // range are unchecked.
    let r = flux(&args, &[], "");
    assert_eq!(r.code, 0, "{:?}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["failed"], 0);
    assert!(v["unchecked"].as_u64().unwrap() >= 5);
    let link = &v["items"][1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "prev_block")
        .unwrap()["result"];
    assert_eq!(link, "pass");

    // 2 020 000 re-pointed at genesis as its parent (and announced under its new hash).
    {
        let mut st = d.state.lock().unwrap();
        let genesis = st.blocks[0].hash.clone();
        let b = st
            .blocks
            .iter_mut()
            .find(|b| b.height == 2_020_000)
            .unwrap();
        let mut block = hex::decode(b.block_hex.as_ref().unwrap()).unwrap();
        let mut prev = hex::decode(&genesis).unwrap();
        prev.reverse();
        block[4..36].copy_from_slice(&prev);
        let decoded = flux_consensus::block::Block::from_bytes(&block).unwrap();
        b.hash = decoded.hash().to_string();
        b.header_hex = hex::encode(flux_primitives::codec::encode_to_vec(&decoded.header));
        b.block_hex = Some(hex::encode(&block));
    }
    let r = flux(&args, &[], "");
    assert_eq!(r.code, 2);
    let v = json(&r.stdout);
    assert!(
        failing(&v).contains(&(2_020_000, "prev_block".to_owned())),
        "{v}"
    );
}
