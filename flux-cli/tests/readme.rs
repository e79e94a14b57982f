//! The README's `flux` command lines run as written: each line of the code block under
//! "The `flux` tool" (with `\` continuations joined) runs in `sh` from the repository root,
//! with this build's `flux` first on PATH, and exits 0.

use std::process::Command;

fn readme_commands() -> Vec<String> {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## The `flux` tool")
        .nth(1)
        .expect("README has a `flux` tool section");
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
