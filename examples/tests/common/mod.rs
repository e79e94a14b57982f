//! Runs an example binary the way a user would, for every example's test file.

use std::process::Command;

use serde_json::Value;

/// Runs `bin ARGS`, requires exit 0 (printing its stderr otherwise) and parses stdout as JSON.
pub fn run_json(bin: &str, args: &[&str]) -> Value {
    let out = Command::new(bin).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
