//! `flux demo` runs every step on the embedded mainnet data and every check holds; the
//! story's commands run as printed; `--json` keeps the full record.

use std::process::Command;

use serde_json::Value;

fn flux(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flux"))
        .args(args)
        .output()
        .expect("run flux");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn demo_json_runs_every_step_and_every_check_holds() {
    let (code, stdout, stderr) = flux(&["demo", "--json"]);
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("demo --json prints JSON");
    assert_eq!(v["all_checks_passed"], Value::Bool(true));
    let steps = v["steps"].as_array().expect("steps");
    assert!(steps.len() >= 10, "{} steps", steps.len());
    for step in steps {
        assert_eq!(step["checks_passed"], Value::Bool(true), "{step}");
        let checks = step["checks"].as_array().expect("checks");
        assert!(
            !checks.is_empty(),
            "a step without a check proves nothing: {step}"
        );
        assert!(step["command"].as_str().unwrap().starts_with("flux "));
    }
}

#[test]
fn demo_tells_a_story_whose_commands_run_as_printed() {
    let (code, story, stderr) = flux(&["demo"]);
    assert_eq!(code, Some(0), "{story}\n{stderr}");
    assert!(
        story
            .trim_end()
            .ends_with("10/10 steps checked against the chain"),
        "{story}"
    );
    assert!(
        story.contains("14.00000000 FLUX"),
        "amounts in FLUX: {story}"
    );
    let commands: Vec<&str> = story
        .lines()
        .filter_map(|l| l.strip_prefix("    $ "))
        .collect();
    assert_eq!(commands.len(), 10, "{story}");
    // Run each line in a shell, with this build's `flux` first on PATH.
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_flux"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for line in commands {
        let out = Command::new("sh")
            .arg("-c")
            .arg(line)
            .env("PATH", &path)
            .output()
            .expect("run sh");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{line}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        if let Some(valid) = v.get("valid") {
            assert_eq!(valid, &Value::Bool(true), "{line}");
        }
    }
}

#[test]
fn demo_data_prints_one_embedded_value() {
    let (code, hex, _) = flux(&["demo", "--data", "genesis.hex"]);
    assert_eq!(code, Some(0));
    assert!(hex.trim().bytes().all(|b| b.is_ascii_hexdigit()) && hex.len() > 1000);
    let (code, _, err) = flux(&["demo", "--data", "no.such.value"]);
    assert_eq!(code, Some(1), "{err}");
}
