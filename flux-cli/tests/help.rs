//! Every command that reads JSON shows its fields in `--help`, with examples that run as
//! written: each line under "Examples:" runs in `sh` from the repository root, with this
//! build's `flux` first on PATH, and exits 0.

use std::process::Command;

fn path_with_flux() -> String {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_flux"))
        .parent()
        .unwrap()
        .to_path_buf();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn long_help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_flux"))
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn examples(help: &str) -> Vec<String> {
    help.split("\nExamples:\n")
        .nth(1)
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| l.starts_with("flux ") || l.starts_with("echo "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn json_reading_commands_show_fields_and_runnable_examples() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["tx", "build"],
            &[
                "inputs",
                "outputs",
                "change_address",
                "change_position",
                "wifs",
                "sighash",
            ],
        ),
        (&["tx", "verify"], &["script_pubkey", "amount"]),
        (
            &["fluxnode", "start"],
            &["collateral", "fluxnode_public_key", "sig_time", "delegates"],
        ),
        (
            &["block", "verify"],
            &["--prev-headers", "--fluxnode-payees", "cumulus"],
        ),
        (&["chain", "next-bits"], &["height", "time", "bits"]),
        (&["app", "format"], &["compose", "owner"]),
        (&["app", "validate"], &["compose"]),
        (&["app", "price"], &["compose"]),
        (&["app", "sign"], &["compose"]),
        (&["app", "payment"], &["txid", "vout", "amount"]),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = path_with_flux();
    for (args, fields) in cases {
        let help = long_help(args);
        for f in *fields {
            assert!(help.contains(f), "{args:?} --help lacks {f}:\n{help}");
        }
        let lines = examples(&help);
        assert!(!lines.is_empty(), "{args:?} --help has no example:\n{help}");
        for line in lines {
            let out = Command::new("sh")
                .arg("-c")
                .arg(&line)
                .current_dir(&root)
                .env("PATH", &path)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{line}\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
