//! `flux demo`: the first thing a new user runs.
//!
//! It walks through what the SDK does for each kind of user, on real mainnet data compiled
//! into the binary (`data/demo.json`, each entry with its public source). Every step runs a
//! real `flux` command line through the same code path as the shell would, shows the
//! command and the parts of its JSON that matter, and checks them against what the chain
//! (or the published vector) says. The exit code is 2 if any check fails.

use std::collections::HashMap;

use clap::Parser;
use serde::ser::{Error as _, SerializeMap};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::output::{CliError, CmdResult, Outcome};

const DATA: &str = include_str!("../../data/demo.json");

/// One step: a command line, the fields of its output to show, and the values they must have.
struct Step<'a> {
    title: &'a str,
    why: &'a str,
    args: Vec<String>,
    show: &'a [&'a str],
    expect: Vec<(&'a str, Value)>,
}

/// Runs the demo.
pub fn run() -> CmdResult {
    let data: Value = serde_json::from_str(DATA)
        .map_err(|e| CliError::input(format!("embedded demo data is not JSON: {e}")))?;
    let steps = steps(&data)?;
    let mut shown = Vec::with_capacity(steps.len());
    let mut all_ok = true;
    for (i, step) in steps.into_iter().enumerate() {
        let (record, ok) = run_step(i + 1, step);
        all_ok &= ok;
        shown.push(record);
    }
    let summary = Summary {
        demo: "Flux Rust SDK on real Flux mainnet data",
        steps: shown,
        all_checks_passed: all_ok,
    };
    let mut outcome = Outcome::view(&summary)?;
    outcome.verified = Some(all_ok);
    Ok(outcome)
}

/// The demo's document. Typed rather than a `Value` so that the fields it shows keep the
/// exact text their command printed (fluxd's `0.02000000`, which a `Value` would turn into
/// `0.02`).
#[derive(Serialize)]
struct Summary {
    demo: &'static str,
    steps: Vec<Record>,
    all_checks_passed: bool,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Record {
    Ran {
        step: usize,
        title: &'static str,
        why: &'static str,
        command: String,
        output: Shown,
        checks: Vec<Value>,
        checks_passed: bool,
    },
    Failed {
        step: usize,
        title: &'static str,
        command: String,
        error: Value,
        checks_passed: bool,
    },
}

/// The shown fields, in the step's order, each as the command printed it.
struct Shown(Vec<(String, Box<RawValue>)>);

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            if v.get().starts_with(['{', '[']) {
                // Objects and arrays are written structurally so that they are indented
                // like the rest of the document; only scalars are written verbatim.
                let value: Value = serde_json::from_str(v.get()).map_err(S::Error::custom)?;
                map.serialize_entry(k, &value)?;
            } else {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}

fn run_step(number: usize, step: Step<'static>) -> (Record, bool) {
    let command = display_command(&step.args);
    let argv = std::iter::once("flux".to_string()).chain(step.args);
    let result = match crate::Cli::try_parse_from(argv) {
        Ok(cli) => crate::run(cli),
        Err(e) => Err(CliError::argument(e.to_string())),
    };
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(err) => {
            let record = Record::Failed {
                step: number,
                title: step.title,
                command,
                error: err.to_json()["error"].clone(),
                checks_passed: false,
            };
            return (record, false);
        }
    };
    let output = &outcome.json;
    let text = outcome.render();
    let mut shown = Vec::new();
    for field in step.show {
        if let Some(v) = raw_lookup(&text, field) {
            shown.push(((*field).to_string(), v));
        }
    }
    let mut checks = Vec::new();
    let mut ok = true;
    for (field, expected) in step.expect {
        let got = lookup(output, field).cloned().unwrap_or(Value::Null);
        let matches = got == expected;
        ok &= matches;
        checks.push(json!({ "field": field, "expected": expected, "got": got, "ok": matches }));
    }
    let record = Record::Ran {
        step: number,
        title: step.title,
        why: step.why,
        command,
        output: Shown(shown),
        checks,
        checks_passed: ok,
    };
    (record, ok)
}

/// Looks up `a.b.0.c` in JSON text, keeping the value's text as printed.
fn raw_lookup(text: &str, path: &str) -> Option<Box<RawValue>> {
    let mut current: &RawValue = serde_json::from_str(text).ok()?;
    for key in path.split('.') {
        current = match key.parse::<usize>() {
            Ok(i) => serde_json::from_str::<Vec<&RawValue>>(current.get())
                .ok()?
                .get(i)
                .copied()?,
            Err(_) => serde_json::from_str::<HashMap<String, &RawValue>>(current.get())
                .ok()?
                .get(key)
                .copied()?,
        };
    }
    Some(current.to_owned())
}

/// Looks up `a.b.0.c` in a JSON value.
fn lookup<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(v, |v, key| match key.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(key),
        })
}

/// The command as a person would type it, with long hex shortened so it fits on a screen.
fn display_command(args: &[String]) -> String {
    let mut out = String::from("flux");
    for a in args {
        out.push(' ');
        if a.len() > 80 && a.bytes().all(|b| b.is_ascii_hexdigit()) {
            out.push_str(&format!("<{} bytes of hex>", a.len() / 2));
        } else if a.contains(' ') || a.contains('\'') || a.contains('"') {
            out.push('\'');
            out.push_str(&a.replace('\'', "'\\''"));
            out.push('\'');
        } else {
            out.push_str(a);
        }
    }
    out
}

fn text<'v>(v: &'v Value, path: &str) -> Result<&'v str, CliError> {
    lookup(v, path)
        .and_then(Value::as_str)
        .ok_or_else(|| CliError::input(format!("embedded demo data lacks {path}")))
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn steps(d: &Value) -> Result<Vec<Step<'static>>, CliError> {
    let wallet_address = text(d, "wallet.address")?;
    let tx_hex = text(d, "transaction.hex")?;
    let prevouts = lookup(d, "transaction.prevouts")
        .cloned()
        .unwrap_or(Value::Null);
    let start_hex = text(d, "fluxnode_start.hex")?;
    let genesis_hex = text(d, "genesis.hex")?;
    let pow_header = text(d, "last_pow_header.headerHex")?;
    let pon_hex = text(d, "first_pon_block.hex")?;
    let login = d
        .get("zelid_login")
        .ok_or_else(|| CliError::input("embedded demo data lacks zelid_login"))?;

    // The last PoW header: 108-byte Equihash input, 32-byte nonce, CompactSize 52, solution.
    let (eh_input, eh_nonce, eh_solution) = match (
        pow_header.get(..216),
        pow_header.get(216..280),
        pow_header.get(282..),
    ) {
        (Some(i), Some(n), Some(s)) => (i.to_string(), n.to_string(), s.to_string()),
        _ => return Err(CliError::input("embedded PoW header is too short")),
    };

    Ok(vec![
        Step {
            title: "Wallet: from a BIP39 mnemonic to a Flux address",
            why: "BIP39 seed, BIP32 derivation on Flux's coin type 19167, WIF and t1 address (Trust Wallet's published Zelcash vector)",
            args: vec![
                "key".into(), "derive".into(),
                "--mnemonic".into(), text(d, "wallet.mnemonic")?.into(),
                "--passphrase".into(), text(d, "wallet.passphrase")?.into(),
                "--path".into(), text(d, "wallet.path")?.into(),
            ],
            show: &["address", "public_key", "xpub"],
            expect: vec![("address", json!(wallet_address))],
        },
        Step {
            title: "Wallet: what an address is",
            why: "base58check decoding with network and kind, and the scriptPubKey that pays it",
            args: args(&["address", "inspect", wallet_address]),
            show: &["network", "kind", "hash160", "script_pubkey"],
            expect: vec![("network", json!("main")), ("kind", json!("p2pkh"))],
        },
        Step {
            title: "Exchange/explorer: decode a real PoN-era transaction",
            why: "byte-exact v4 (Sapling) decoding into fluxd's decoderawtransaction JSON; the txid is recomputed from the bytes",
            args: args(&["tx", "decode", tx_hex]),
            show: &["txid", "version", "locktime", "expiryheight", "vin.0.txid", "vout.0.value", "vout.0.scriptPubKey.type"],
            expect: vec![("txid", json!(text(d, "transaction.txid")?))],
        },
        Step {
            title: "Exchange: verify the transaction's input signatures",
            why: "ZIP-243 signature hash with branch id 0x76b809bb and ECDSA verification against the spent output",
            args: vec![
                "tx".into(), "verify".into(), tx_hex.into(),
                "--prevouts".into(), prevouts.to_string(),
            ],
            show: &["valid", "inputs"],
            expect: vec![("valid", json!(true))],
        },
        Step {
            title: "Fluxnode operator: check a real P2SH fluxnode START (v6)",
            why: "fluxnode txid without signatures, and the collateral signature over the txid text (Zelcash message magic)",
            args: args(&["fluxnode", "verify", start_hex]),
            show: &["txid", "valid", "signatures"],
            expect: vec![("txid", json!(text(d, "fluxnode_start.txid")?)), ("valid", json!(true))],
        },
        Step {
            title: "Explorer: the mainnet genesis block",
            why: "block decoding, block hash, merkle root and the Equihash (200,9) proof of work",
            args: args(&["block", "verify", genesis_hex, "--height", "0", "--network", "main"]),
            show: &["hash", "valid", "complete"],
            expect: vec![
                ("hash", json!(text(d, "genesis.hash")?)),
                ("valid", json!(true)),
                ("complete", json!(true)),
            ],
        },
        Step {
            title: "Explorer: the last proof-of-work header (height 2,019,999)",
            why: "ZelHash: Equihash (125,4) with the \"ZelProof\" personalization and the twist, which the equihash crate cannot verify",
            args: vec![
                "equihash".into(), "verify".into(), "--n".into(), "125".into(), "--k".into(), "4".into(),
                "--input".into(), eh_input, "--nonce".into(), eh_nonce, "--solution".into(), eh_solution,
            ],
            show: &["valid"],
            expect: vec![("valid", json!(true))],
        },
        Step {
            title: "Explorer: the first Proof-of-Node block (height 2,020,000)",
            why: "PoN header (collateral outpoint, signature left out of the hash), merkle root, PoN eligibility and the dev-fund output; the node key is not given, so the check is incomplete by design",
            args: args(&["block", "verify", pon_hex, "--height", "2020000", "--network", "main"]),
            show: &["hash", "valid", "complete"],
            expect: vec![
                ("hash", json!(text(d, "first_pon_block.hash")?)),
                ("valid", json!(true)),
                ("complete", json!(false)),
            ],
        },
        Step {
            title: "dApp backend: verify a real ZelID login signature",
            why: "compact recoverable signature under the Bitcoin message magic, checked against the 1... ZelID",
            args: vec![
                "message".into(), "verify".into(),
                "--address".into(), text(login, "address")?.into(),
                "--signature".into(), text(login, "signature")?.into(),
                text(login, "message")?.into(),
            ],
            show: &["valid", "recovered_public_key"],
            expect: vec![("valid", json!(true))],
        },
        Step {
            title: "Everyone: block reward and upgrades at the PoN activation height",
            why: "subsidy schedule, fluxnode tier payouts and dev fund by height; the network-upgrade table",
            args: args(&["chain", "subsidy", "2020000", "--network", "main"]),
            show: &["subsidy", "cumulus", "nimbus", "stratus", "dev_fund"],
            expect: vec![("subsidy", json!(1_400_000_000u64)), ("dev_fund", json!(50_000_000u64))],
        },
    ])
}
