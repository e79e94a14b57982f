//! `flux demo` runs every step on the embedded mainnet data and every check holds.

use std::process::Command;

use serde_json::Value;

#[test]
fn demo_runs_every_step_and_every_check_holds() {
    let out = Command::new(env!("CARGO_BIN_EXE_flux"))
        .arg("demo")
        .output()
        .expect("run flux demo");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&stdout).expect("demo prints JSON");
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
