//! The explorer following a node (`--rpc-url`), against flux-client's fluxd double serving
//! real mainnet blocks.

#[path = "../../flux-client/tests/support/double.rs"]
mod double;

use std::process::Command;

use serde_json::Value;

#[test]
fn follows_a_node_and_checks_what_it_serves() {
    let d = double::Double::start(double::DoubleAuth::UserPass("u".into(), "p".into()));
    let out = Command::new(env!("CARGO_BIN_EXE_explorer"))
        .args([
            "--rpc-url",
            &d.url(),
            "--rpc-user",
            "u",
            "--rpc-password",
            "p",
        ])
        .args(["--from", "2020000", "--polls", "1", "--interval", "0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["from"], 2_020_000);
    assert_eq!(first["to"], 2_020_000);
    assert_eq!(first["failed"], 0);
    assert!(first["passed"].as_u64().unwrap() > 5);
    assert_eq!(
        first["items"][0]["hash"],
        "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb"
    );
    // No new block during the poll: nothing more printed.
    assert_eq!(text.lines().count(), 1);
}
