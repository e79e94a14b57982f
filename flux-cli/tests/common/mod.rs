//! Runs the `flux` binary the way a script would, for every CLI test file.
// Each test file uses a different part of this module.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// What one run of `flux` produced.
pub struct Ran {
    /// The exit code.
    pub code: i32,
    /// stdout parsed as JSON (`Null` when it is not JSON).
    pub stdout: Value,
    /// stderr parsed as JSON (`Null` when it is not JSON).
    pub stderr: Value,
    /// stderr as text.
    pub stderr_text: String,
}

/// Runs `flux ARGS`, writing `stdin` (or nothing) to its standard input.
pub fn run(args: &[&str], stdin: Option<&str>) -> Ran {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flux"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start flux");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or("").as_bytes())
        .expect("write stdin");
    drop(input);
    let out = child.wait_with_output().expect("wait for flux");
    let parse = |b: &[u8]| serde_json::from_slice(b).unwrap_or(Value::Null);
    Ran {
        code: out.status.code().expect("exit code"),
        stdout: parse(&out.stdout),
        stderr: parse(&out.stderr),
        stderr_text: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
