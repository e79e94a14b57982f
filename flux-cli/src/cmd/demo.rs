//! `flux demo`: the first thing a new user runs.
//!
//! It walks through what the SDK does for each kind of user, on real mainnet data compiled
//! into the binary (`data/demo.json`, each entry with its public source). Every step calls
//! the libraries the way the matching `flux` command does, and checks the result against
//! what the chain (or the published vector) says. By default it tells that as a short
//! story with commands a reader can copy and run; `--json` prints the whole record. The
//! exit code is 2 if any check fails.

use std::collections::HashMap;

use clap::Args;
use flux_consensus::block::Block;
use flux_consensus::check::{check_block, BlockVerdict, CheckContext};
use flux_consensus::equihash::{EquihashParams, EquihashVerdict};
use flux_consensus::subsidy::SubsidyInfo;
use flux_primitives::keys::{DerivationPath, Mnemonic};
use flux_primitives::{Address, Amount, Network};
use flux_tx::fluxnode_sign::{verify_fluxnode, VerifyContext};
use flux_tx::Transaction;
use flux_zelid::{HeaderRule, Magic, MessageVerdict, Signer};
use serde::ser::{Error as _, SerializeMap};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::output::{now_ms, CliError, CmdResult, Outcome};

const DATA: &str = include_str!("../../data/demo.json");

/// `flux demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print every step as one JSON document (commands, outputs, checks) instead of the story.
    #[arg(long, conflicts_with = "data")]
    json: bool,
    /// Print one embedded value, e.g. `transaction.hex`, so the story's commands run as
    /// shown: `flux tx decode $(flux demo --data transaction.hex)`.
    #[arg(long, value_name = "NAME")]
    data: Option<String>,
}

/// One step: what it shows, the command line that does the same, the library's answer
/// (the JSON that command prints), the fields to show, the values they must have, and a
/// line for people.
struct Step {
    title: &'static str,
    why: &'static str,
    /// The command line as the JSON record shows it (long hex shortened).
    args: Vec<String>,
    /// The same command line, runnable: long values come from `flux demo --data NAME`.
    shell: String,
    /// What the command prints (its JSON value, and its exact text).
    output: Result<Outcome, CliError>,
    show: &'static [&'static str],
    expect: Vec<(&'static str, Value)>,
    /// The result in one line, from the output.
    summary: fn(&Value) -> String,
}

/// Runs the demo.
pub fn run(args: DemoArgs) -> CmdResult {
    let data: Value = serde_json::from_str(DATA)
        .map_err(|e| CliError::input(format!("embedded demo data is not JSON: {e}")))?;
    if let Some(name) = args.data {
        let v = lookup(&data, &name)
            .ok_or_else(|| CliError::argument(format!("the demo data has no {name:?}")))?;
        return Ok(Outcome::text(match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }));
    }
    let steps = steps(&data)?;
    let total = steps.len();
    let mut records = Vec::with_capacity(total);
    let mut story = String::from("Flux Rust SDK on real Flux mainnet data\n\n");
    let mut passed = 0;
    for (i, step) in steps.into_iter().enumerate() {
        let (record, ok, line) = check_step(i + 1, step);
        passed += usize::from(ok);
        records.push(record);
        story.push_str(&line);
    }
    let all_ok = passed == total;
    if args.json {
        let summary = Summary {
            demo: "Flux Rust SDK on real Flux mainnet data",
            steps: records,
            all_checks_passed: all_ok,
        };
        let mut outcome = Outcome::view(&summary)?;
        outcome.verified = Some(all_ok);
        return Ok(outcome);
    }
    story.push_str(&format!("{passed}/{total} steps checked against the chain"));
    let mut out = Outcome::text(story);
    out.verified = Some(all_ok);
    Ok(out)
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

/// Checks one step; returns its record, whether its checks hold, and its story lines.
fn check_step(number: usize, step: Step) -> (Record, bool, String) {
    let command = display_command(&step.args);
    let outcome = match step.output {
        Ok(outcome) => outcome,
        Err(err) => {
            let record = Record::Failed {
                step: number,
                title: step.title,
                command,
                error: err.to_json()["error"].clone(),
                checks_passed: false,
            };
            let line = format!(
                "{number:>2}. {}: FAILED ({})\n    $ {}\n\n",
                step.title, err.message, step.shell
            );
            return (record, false, line);
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
    let line = format!(
        "{number:>2}. {}: {} [{}]\n    $ {}\n\n",
        step.title,
        (step.summary)(output),
        if ok { "checked" } else { "MISMATCH" },
        step.shell
    );
    (record, ok, line)
}

/// Looks up `a.b.0.c` in a JSON value.
fn lookup<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(v, |v, key| match key.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(key),
        })
}

/// The command as a person would type it, with long hex shortened so it fits on a screen
/// (the `--json` record's form).
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

/// One argument of a runnable command line: short values quoted for a POSIX shell, long
/// ones read back from the demo data with `$(flux demo --data NAME)`.
enum Arg<'a> {
    Plain(&'a str),
    Data(&'a str),
}

fn shell_line(args: &[Arg<'_>]) -> String {
    let mut out = String::from("flux");
    for a in args {
        out.push(' ');
        match a {
            Arg::Data(name) => out.push_str(&format!("\"$(flux demo --data {name})\"")),
            Arg::Plain(s)
                if !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_./:=,".contains(&b)) =>
            {
                out.push_str(s)
            }
            // Paths like m/44'/19167'/0' read best in double quotes.
            Arg::Plain(s) if s.contains('\'') && !s.contains(['"', '$', '\\', '`', '!']) => {
                out.push('"');
                out.push_str(s);
                out.push('"');
            }
            Arg::Plain(s) => {
                out.push('\'');
                out.push_str(&s.replace('\'', "'\\''"));
                out.push('\'');
            }
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

/// A library view as its command prints it.
fn view(v: &impl Serialize) -> Result<Outcome, CliError> {
    Outcome::view(v)
}

fn str_of<'v>(v: &'v Value, path: &str) -> &'v str {
    lookup(v, path).and_then(Value::as_str).unwrap_or("?")
}

fn flux_of(v: &Value, path: &str) -> String {
    lookup(v, path)
        .and_then(Value::as_i64)
        .and_then(|z| Amount::from_zat(z).ok())
        .map_or_else(|| "?".to_string(), |a| format!("{a} FLUX"))
}

fn holds(v: &Value) -> &'static str {
    match v.get("valid") {
        Some(Value::Bool(true)) => "valid",
        _ => "NOT valid",
    }
}

// ---- the library calls, one per step (the same calls the commands make) ------------------

fn derive_key(mnemonic: &str, passphrase: &str, path: &str) -> Result<Outcome, CliError> {
    let path: DerivationPath = path.parse()?;
    let root = Mnemonic::parse(mnemonic)?.to_master_key(passphrase, Network::Main)?;
    view(&root.derive(&path)?.info(&path))
}

fn inspect_address(address: &str) -> Result<Outcome, CliError> {
    view(&address.parse::<Address>()?.info())
}

fn decode_tx(hex: &str) -> Result<Transaction, CliError> {
    let bytes = crate::output::parse_hex("transaction", hex)?;
    Transaction::from_bytes(&bytes).map_err(CliError::input)
}

/// `flux tx verify`: every input's signature against the coin it spends.
// The shape `flux tx verify` prints: flux-tx's verdict view.
fn verify_inputs(hex: &str, prevouts: &Value) -> Result<Outcome, CliError> {
    let tx = decode_tx(hex)?;
    let std = tx
        .as_standard()
        .ok_or_else(|| CliError::input("not a standard transaction"))?;
    let spent = flux_tx::sign::prevouts_from_json(prevouts).map_err(CliError::input)?;
    let branch = flux_primitives::network::upgrade::FLUX_BRANCH_ID;
    let results = flux_tx::sign::verify_inputs(std, &spent, branch).map_err(CliError::input)?;
    Outcome::view(&flux_tx::verdict::InputsVerdict::from_results(&results))
}

/// `flux fluxnode verify`, in the shape it prints (see [`verify_inputs`]).
fn verify_start(hex: &str) -> Result<Outcome, CliError> {
    let tx = decode_tx(hex)?;
    let checks =
        verify_fluxnode(&tx, Network::Main, &VerifyContext::default()).map_err(CliError::input)?;
    Outcome::view(&flux_tx::verdict::FluxnodeVerdict::of(&tx, &checks))
}

fn verify_block(hex: &str, height: u32) -> Result<Outcome, CliError> {
    let block = Block::from_hex(hex).map_err(CliError::input)?;
    let ctx = CheckContext {
        network: Network::Main,
        height: Some(height),
        now: Some(u32::try_from(now_ms() / 1000).unwrap_or(u32::MAX)),
        ..CheckContext::new(Network::Main)
    };
    let report = check_block(&block, &ctx);
    view(&BlockVerdict::new(&block, report))
}

fn verify_equihash(input: &str, nonce: &str, solution: &str) -> Result<Outcome, CliError> {
    let hex = |what, s| crate::output::parse_hex(what, s);
    let verdict = EquihashVerdict::check(
        EquihashParams::for_nk(125, 4),
        &hex("input", input)?,
        &hex("nonce", nonce)?,
        &hex("solution", solution)?,
    )
    .map_err(CliError::input)?;
    view(&verdict)
}

fn verify_login_signature(
    address: &str,
    signature: &str,
    message: &str,
) -> Result<Outcome, CliError> {
    let signer = Signer::parse(address)?;
    let v = MessageVerdict::check(
        Magic::Bitcoin,
        message.as_bytes(),
        signature,
        &signer,
        HeaderRule::Strict,
    )?;
    view(&v)
}

fn steps(d: &Value) -> Result<Vec<Step>, CliError> {
    let mnemonic = text(d, "wallet.mnemonic")?;
    let passphrase = text(d, "wallet.passphrase")?;
    let path = text(d, "wallet.path")?;
    let wallet_address = text(d, "wallet.address")?;
    let tx_hex = text(d, "transaction.hex")?;
    let prevouts = lookup(d, "transaction.prevouts")
        .cloned()
        .unwrap_or(Value::Null);
    let start_hex = text(d, "fluxnode_start.hex")?;
    let genesis_hex = text(d, "genesis.hex")?;
    let pow_header = text(d, "last_pow_header.headerHex")?;
    let pon_hex = text(d, "first_pon_block.hex")?;
    let login_address = text(d, "zelid_login.address")?;
    let login_signature = text(d, "zelid_login.signature")?;
    let login_message = text(d, "zelid_login.message")?;

    // The last PoW header: 108-byte Equihash input, 32-byte nonce, CompactSize 52, solution.
    let (eh_input, eh_nonce, eh_solution) = match (
        pow_header.get(..216),
        pow_header.get(216..280),
        pow_header.get(282..),
    ) {
        (Some(i), Some(n), Some(s)) => (i, n, s),
        _ => return Err(CliError::input("embedded PoW header is too short")),
    };

    use Arg::{Data, Plain};
    Ok(vec![
        Step {
            title: "Wallet: from a BIP39 mnemonic to a Flux address",
            why: "BIP39 seed, BIP32 derivation on Flux's coin type 19167, WIF and t1 address (Trust Wallet's published Zelcash vector)",
            args: args(&["key", "derive", "--mnemonic", mnemonic, "--passphrase", passphrase, "--path", path]),
            shell: shell_line(&[Plain("key"), Plain("derive"), Plain("--mnemonic"), Plain(mnemonic), Plain("--passphrase"), Plain(passphrase), Plain("--path"), Plain(path)]),
            output: derive_key(mnemonic, passphrase, path),
            show: &["address", "public_key", "xpub"],
            expect: vec![("address", json!(wallet_address))],
            summary: |o| format!("{} at {}", str_of(o, "address"), str_of(o, "path")),
        },
        Step {
            title: "Wallet: what an address is",
            why: "base58check decoding with network and kind, and the scriptPubKey that pays it",
            args: args(&["address", "inspect", wallet_address]),
            shell: shell_line(&[Plain("address"), Plain("inspect"), Plain(wallet_address)]),
            output: inspect_address(wallet_address),
            show: &["network", "kind", "hash160", "script_pubkey"],
            expect: vec![("network", json!("main")), ("kind", json!("p2pkh"))],
            summary: |o| format!("{} {} address", str_of(o, "network"), str_of(o, "kind")),
        },
        Step {
            title: "Exchange/explorer: decode a real PoN-era transaction",
            why: "byte-exact v4 (Sapling) decoding into fluxd's decoderawtransaction JSON; the txid is recomputed from the bytes",
            args: args(&["tx", "decode", tx_hex]),
            shell: shell_line(&[Plain("tx"), Plain("decode"), Data("transaction.hex")]),
            output: decode_tx(tx_hex).and_then(|tx| view(&flux_tx::json::to_json(&tx, Network::Main))),
            show: &["txid", "version", "locktime", "expiryheight", "vin.0.txid", "vout.0.value", "vout.0.scriptPubKey.type"],
            expect: vec![("txid", json!(text(d, "transaction.txid")?))],
            summary: |o| {
                let value = lookup(o, "vout.0.value").map_or("?".to_string(), Value::to_string);
                format!("txid {}, first output {value} FLUX", str_of(o, "txid"))
            },
        },
        Step {
            title: "Exchange: verify the transaction's input signatures",
            why: "ZIP-243 signature hash with branch id 0x76b809bb and ECDSA verification against the spent output",
            args: vec!["tx".into(), "verify".into(), tx_hex.into(), "--prevouts".into(), prevouts.to_string()],
            shell: shell_line(&[Plain("tx"), Plain("verify"), Data("transaction.hex"), Plain("--prevouts"), Data("transaction.prevouts")]),
            output: verify_inputs(tx_hex, &prevouts),
            show: &["valid", "inputs"],
            expect: vec![("valid", json!(true))],
            summary: |o| {
                let n = o.get("inputs").and_then(Value::as_array).map_or(0, Vec::len);
                format!("{n} input signature(s) {}", holds(o))
            },
        },
        Step {
            title: "Fluxnode operator: check a real P2SH fluxnode START (v6)",
            why: "fluxnode txid without signatures, and the collateral signature over the txid text (Zelcash message magic)",
            args: args(&["fluxnode", "verify", start_hex]),
            shell: shell_line(&[Plain("fluxnode"), Plain("verify"), Data("fluxnode_start.hex")]),
            output: verify_start(start_hex),
            show: &["txid", "valid", "signatures"],
            expect: vec![("txid", json!(text(d, "fluxnode_start.txid")?)), ("valid", json!(true))],
            summary: |o| format!("START {} signature {}", str_of(o, "txid"), holds(o)),
        },
        Step {
            title: "Explorer: the mainnet genesis block",
            why: "block decoding, block hash, merkle root and the Equihash (200,9) proof of work",
            args: args(&["block", "verify", genesis_hex, "--height", "0", "--network", "main"]),
            shell: shell_line(&[Plain("block"), Plain("verify"), Data("genesis.hex"), Plain("--height"), Plain("0"), Plain("--network"), Plain("main")]),
            output: verify_block(genesis_hex, 0),
            show: &["hash", "valid", "complete"],
            expect: vec![
                ("hash", json!(text(d, "genesis.hash")?)),
                ("valid", json!(true)),
                ("complete", json!(true)),
            ],
            summary: |o| format!("block {} {}", str_of(o, "hash"), holds(o)),
        },
        Step {
            title: "Explorer: the last proof-of-work header (height 2,019,999)",
            why: "ZelHash: Equihash (125,4) with the \"ZelProof\" personalization and the twist, which the equihash crate cannot verify",
            args: args(&["equihash", "verify", "--n", "125", "--k", "4", "--input", eh_input, "--nonce", eh_nonce, "--solution", eh_solution]),
            shell: shell_line(&[Plain("equihash"), Plain("verify"), Plain("--header"), Data("last_pow_header.headerHex")]),
            output: verify_equihash(eh_input, eh_nonce, eh_solution),
            show: &["valid"],
            expect: vec![("valid", json!(true))],
            summary: |o| format!("Equihash (125,4) solution {}", holds(o)),
        },
        Step {
            title: "Explorer: the first Proof-of-Node block (height 2,020,000)",
            why: "PoN header (collateral outpoint, signature left out of the hash), merkle root, PoN eligibility and the dev-fund output; the node key is not given, so the check is incomplete by design",
            args: args(&["block", "verify", pon_hex, "--height", "2020000", "--network", "main"]),
            shell: shell_line(&[Plain("block"), Plain("verify"), Data("first_pon_block.hex"), Plain("--height"), Plain("2020000"), Plain("--network"), Plain("main")]),
            output: verify_block(pon_hex, 2_020_000),
            show: &["hash", "valid", "complete"],
            expect: vec![
                ("hash", json!(text(d, "first_pon_block.hash")?)),
                ("valid", json!(true)),
                ("complete", json!(false)),
            ],
            summary: |o| {
                format!("block {} {} (node signature not checked: no key given)", str_of(o, "hash"), holds(o))
            },
        },
        Step {
            title: "dApp backend: verify a real ZelID login signature",
            why: "compact recoverable signature under the Bitcoin message magic, checked against the 1... ZelID",
            args: vec![
                "message".into(), "verify".into(),
                "--address".into(), login_address.into(),
                "--signature".into(), login_signature.into(),
                login_message.into(),
            ],
            shell: shell_line(&[Plain("message"), Plain("verify"), Plain("--address"), Plain(login_address), Plain("--signature"), Plain(login_signature), Plain(login_message)]),
            output: verify_login_signature(login_address, login_signature, login_message),
            show: &["valid", "recovered_public_key"],
            expect: vec![("valid", json!(true))],
            summary: |o| format!("signature by {} {}", str_of(o, "recovered_address"), holds(o)),
        },
        Step {
            title: "Everyone: block reward and upgrades at the PoN activation height",
            why: "subsidy schedule, fluxnode tier payouts and dev fund by height; the network-upgrade table",
            args: args(&["chain", "subsidy", "2020000", "--network", "main"]),
            shell: shell_line(&[Plain("chain"), Plain("subsidy"), Plain("2020000"), Plain("--network"), Plain("main")]),
            output: view(&SubsidyInfo::at(Network::Main, 2_020_000)),
            show: &["subsidy", "cumulus", "nimbus", "stratus", "dev_fund"],
            expect: vec![("subsidy", json!(1_400_000_000u64)), ("dev_fund", json!(50_000_000u64))],
            summary: |o| {
                format!(
                    "block reward {}, of which cumulus {}, nimbus {}, stratus {}, dev fund {}",
                    flux_of(o, "subsidy"),
                    flux_of(o, "cumulus"),
                    flux_of(o, "nimbus"),
                    flux_of(o, "stratus"),
                    flux_of(o, "dev_fund")
                )
            },
        },
    ])
}
