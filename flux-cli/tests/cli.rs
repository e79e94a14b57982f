//! How the `flux` tool behaves as a program, whatever the command: closed pipes, usage
//! errors, missing files, message text taken exactly, `0x` hex.

mod common;

use std::process::{Command, Stdio};

use serde_json::Value;

const WIF: &str = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv";

fn demo_data() -> Value {
    serde_json::from_str(include_str!("../data/demo.json")).unwrap()
}

fn signature(args: &[&str], stdin: Option<&str>) -> String {
    let r = common::run(args, stdin);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr_text);
    r.stdout["signature"].as_str().unwrap().to_string()
}

#[test]
fn writing_to_a_closed_pipe_exits_quietly() {
    // `flux block decode HEX | head -1`: the reader is gone before the JSON is written.
    let genesis = demo_data()["genesis"]["hex"].as_str().unwrap().to_string();
    for _ in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flux"))
            .args(["block", "decode", &genesis, "--verbosity", "2"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn usage_errors_are_clap_text_on_stderr_with_exit_1() {
    for args in [
        &["key", "inspect"][..],
        &["key", "new", "--network", "moon"],
        &["message", "sign", "hello"],
        &["no-such-command"],
    ] {
        let r = common::run(args, None);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(r.stderr.is_null(), "{args:?}: not JSON: {}", r.stderr_text);
        assert!(r.stderr_text.starts_with("error: "), "{}", r.stderr_text);
        assert!(!r.stderr_text.contains("\\n"), "{}", r.stderr_text);
    }
    // --help is not an error.
    let r = common::run(&["message", "sign", "--help"], None);
    assert_eq!(r.code, 0);
}

#[test]
fn a_missing_file_is_reported_as_missing() {
    let r = common::run(&["tx", "build", "no/such/spec.json"], None);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr["error"]["kind"], "missing_file",
        "{}",
        r.stderr_text
    );
}

#[test]
fn message_text_is_signed_exactly_as_given() {
    let sign = |msg: &str| signature(&["message", "sign", "--wif", WIF, msg], None);
    let from_stdin = |input: &str| signature(&["message", "sign", "--wif", WIF, "-"], Some(input));
    assert_ne!(sign("hello "), sign("hello"));
    assert_ne!(sign(" hello"), sign("hello"));
    // stdin: exactly one trailing newline is dropped (what `echo` adds), nothing else.
    assert_eq!(from_stdin("hello\n"), sign("hello"));
    assert_eq!(from_stdin("hello\r\n"), sign("hello"));
    assert_eq!(from_stdin("hello"), sign("hello"));
    assert_eq!(from_stdin("hello\n\n"), sign("hello\n"));
    assert_eq!(from_stdin(" hello \n"), sign(" hello "));
    // Verification reads the text the same way.
    let sig = sign("hello ");
    let verify = |msg: &str| {
        common::run(
            &[
                "message",
                "verify",
                "--address",
                "1PQWN5vgV3P9KexYmhF133zDft34YhKB3L",
                "--signature",
                &sig,
                msg,
            ],
            None,
        )
        .code
    };
    assert_eq!(verify("hello "), 0);
    assert_eq!(verify("hello"), 2);
    // --help says how stdin is read.
    let help = common::run(&["message", "sign", "--help"], None);
    assert!(help.stdout.is_null());
    let r = Command::new(env!("CARGO_BIN_EXE_flux"))
        .args(["message", "sign", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(text.contains("one trailing newline"), "{text}");
    assert!(text.contains("no trimming"), "{text}");
}

#[test]
fn hex_may_carry_a_0x_prefix() {
    let a = signature(&["message", "sign", "--wif", WIF, "--hex", "00ff"], None);
    let b = signature(&["message", "sign", "--wif", WIF, "--hex", "0x00ff"], None);
    assert_eq!(a, b);
    let tx = demo_data()["transaction"]["hex"]
        .as_str()
        .unwrap()
        .to_string();
    let plain = common::run(&["tx", "decode", &tx], None);
    let prefixed = common::run(&["tx", "decode", &format!("0x{tx}")], None);
    assert_eq!(plain.code, 0);
    assert_eq!(plain.stdout, prefixed.stdout);
    let seed = "000102030405060708090a0b0c0d0e0f";
    let plain = common::run(&["key", "derive", "--seed", seed, "--path", "m/0'"], None);
    let prefixed = common::run(
        &[
            "key",
            "derive",
            "--seed",
            &format!("0x{seed}"),
            "--path",
            "m/0'",
        ],
        None,
    );
    assert_eq!(plain.code, 0);
    assert_eq!(plain.stdout, prefixed.stdout);
}
