//! Runs a JavaScript driver from `tests/js` on a batch of JSON cases (shared by the
//! differential tests of every crate; include with
//! `#[path = "../../tests/support/node.rs"] mod node;`).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The repository's `tests/js` directory.
pub fn js_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("js")
}

/// True when the JavaScript libraries are installed. When they are not, a differential
/// test skips with a note, unless `FLUX_DIFFERENTIAL=1` (set by `scripts/test.sh`), in which
/// case their absence is a failure.
pub fn available() -> bool {
    let installed = js_dir().join("node_modules").join("@runonflux").is_dir()
        && Command::new("node")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
    if !installed {
        assert!(
            std::env::var("FLUX_DIFFERENTIAL").as_deref() != Ok("1"),
            "FLUX_DIFFERENTIAL=1 but node or tests/js/node_modules is missing: run scripts/setup.sh"
        );
        eprintln!(
            "note: skipping differential test: run scripts/setup.sh to install the JS libraries"
        );
    }
    installed
}

/// Runs `tests/js/<driver>` with `cases` (a JSON array) on stdin and returns its parsed
/// stdout, which must be an array of the same length.
pub fn run_driver(driver: &str, cases: &Value) -> Vec<Value> {
    let mut child = Command::new("node")
        .arg(js_dir().join(driver))
        .current_dir(js_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn node");
    let input = serde_json::to_vec(cases).expect("serialize cases");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("wait for node");
    writer.join().expect("writer thread").expect("write stdin");
    assert!(
        out.status.success(),
        "driver {driver} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Value = serde_json::from_slice(&out.stdout).expect("driver output is JSON");
    let results = parsed
        .as_array()
        .expect("driver output is an array")
        .clone();
    assert_eq!(
        results.len(),
        cases.as_array().map(Vec::len).unwrap_or(0),
        "driver {driver} answered a different number of cases"
    );
    results
}
