//! The README's `flux` command lines run as written: each line of the code block under
//! "The `flux` tool" (with `\` continuations joined) runs in `sh` from the repository root,
//! with this build's `flux` first on PATH, and exits 0; so does each line of the `flux rpc`
//! section's block, against the fluxd double (flux-client's, included by path) serving real
//! mainnet data, with the block's `export` lines run first.

#[path = "../../flux-client/tests/support/double.rs"]
mod double;

use std::process::Command;

fn readme_commands() -> Vec<String> {
    sh_block("## The `flux` tool")
}

/// The command lines of the first `sh` block after `heading`.
fn sh_block(heading: &str) -> Vec<String> {
    let readme = include_str!("../../README.md");
    let section = readme
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("README has a {heading} section"));
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has a sh code block");
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        if line.trim().is_empty() {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(head) => current.push_str(head),
            None => {
                current.push_str(line);
                commands.push(std::mem::take(&mut current));
            }
        }
    }
    commands
}

#[test]
fn readme_command_lines_run_as_written() {
    let commands = readme_commands();
    assert!(commands.len() >= 20, "{commands:?}");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_flux"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for line in &commands {
        assert!(line.starts_with("flux "), "{line}");
        assert!(
            !line.contains("..."),
            "a placeholder, not a command: {line}"
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(&root)
            .env("PATH", &path)
            .output()
            .expect("run sh");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{line}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn readme_rpc_lines_run_against_the_double() {
    let lines = sh_block("### `flux rpc`");
    let (exports, commands): (Vec<String>, Vec<String>) =
        lines.into_iter().partition(|l| l.starts_with("export "));
    assert!(commands.len() >= 7, "{commands:?}");
    assert_eq!(exports, ["export FLUX_RPC_COOKIE=~/.flux/.cookie"]);

    // fluxd's cookie where the README says it is: a HOME of our own.
    let home = std::env::temp_dir().join(format!("flux-readme-home-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".flux")).unwrap();
    std::fs::write(home.join(".flux/.cookie"), "__cookie__:readme-cookie").unwrap();
    let d = double::Double::start(double::DoubleAuth::Cookie("readme-cookie".into()));
    // getblockchaininfo as fluxd answers it at the double's tip (the double has no handler).
    d.state.lock().unwrap().canned.insert(
        "getblockchaininfo".into(),
        r#"{"chain": "main", "blocks": 2020000, "headers": 2020000, "bestblockhash": "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb", "difficulty": 1.5}"#.into(),
    );

    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_flux"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for line in &commands {
        assert!(
            line.starts_with("flux ") || line.starts_with("echo "),
            "{line}"
        );
        assert!(
            !line.contains("..."),
            "a placeholder, not a command: {line}"
        );
        let script = format!("{}\n{line}", exports.join("\n"));
        let out = Command::new("sh")
            .arg("-c")
            .arg(&script)
            .current_dir(&root)
            .env("PATH", &path)
            .env("HOME", &home)
            .env("FLUX_RPC_URL", d.url())
            .env_remove("FLUX_RPC_USER")
            .env_remove("FLUX_RPC_PASSWORD")
            .output()
            .expect("run sh");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{line}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&home);
}
