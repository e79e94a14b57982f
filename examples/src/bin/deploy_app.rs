//! The dApp deployer's journey: a v8 app spec from a file to a registered, paid app.
//!
//! ```text
//! cargo run -p flux-examples --bin deploy_app -- SPEC.json --url http://NODE:16127 --wif WIF \
//!     [--height H] [--inputs UTXOS.json] [--change-address T1ADDR] [--fee ZAT] [--send]
//! ```
//!
//! 1. Validate the spec locally at the chain height (FluxOS's rules and messages), so an
//!    invalid spec never reaches a node.
//! 2. Price it: the chain's minimum for its lifetime from the node's live price epochs.
//! 3. Register through the node: it formats and validates; the node's formatted spec is
//!    signed with the owner's key and posted; the message hash comes back.
//! 4. Build the payment: the node's quote (never below the chain's minimum: underpaying
//!    burns the FLUX and the hash cannot be paid twice) to the node's payment address,
//!    change, and the hash as the **last** output's OP_RETURN, where FluxOS reads it.
//!    Inputs come from `--inputs` (`[{"txid","vout","amount"}]`, zatoshis, P2PKH outputs of
//!    the key) or from the node's explorer (`/explorer/utxo/ADDRESS`).
//! 5. With `--send`, broadcast it through the node (`/daemon/sendrawtransaction`).
//!
//! Prints one JSON document: the height, the local verdict and price, the registration and
//! the payment (`hex`, `txid`, `amount`, `sent`). Exit 2 when the spec is invalid, 1 on any
//! other failure (`{"error":{"kind","message"}}` on stderr), with `try_another_node` saying
//! whether another node may succeed.

use std::str::FromStr;

use flux_client::app::payment::{AppPayment, PaymentError, Utxo};
use flux_client::app::{js_json, price, validate::validate_spec};
use flux_client::fluxos::{FluxOs, Registration};
use flux_primitives::hash::Txid;
use flux_primitives::{Address, Amount, Network, PrivateKey};
use serde_json::{json, Value};

/// Default fee: 0.0001 FLUX, well above fluxd's relay minimum for a few inputs.
const DEFAULT_FEE_ZAT: i64 = 10_000;

struct Args {
    spec: String,
    url: String,
    wif: String,
    height: Option<u64>,
    inputs: Option<String>,
    change_address: Option<String>,
    fee: i64,
    send: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut spec = None;
    let (mut url, mut wif, mut height, mut inputs, mut change) = (None, None, None, None, None);
    let mut fee = DEFAULT_FEE_ZAT;
    let mut send = false;
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--url" => url = Some(value("--url")?),
            "--wif" => wif = Some(value("--wif")?),
            "--height" => {
                height = Some(
                    value("--height")?
                        .parse()
                        .map_err(|e| format!("--height: {e}"))?,
                )
            }
            "--inputs" => inputs = Some(value("--inputs")?),
            "--change-address" => change = Some(value("--change-address")?),
            "--fee" => fee = value("--fee")?.parse().map_err(|e| format!("--fee: {e}"))?,
            "--send" => send = true,
            s if s.starts_with("--") => return Err(format!("unknown flag {s}")),
            s => spec = Some(s.to_owned()),
        }
    }
    Ok(Args {
        spec: spec.ok_or("usage: deploy_app SPEC.json --url URL --wif WIF [--height H] [--inputs FILE] [--change-address ADDR] [--fee ZAT] [--send]")?,
        url: url.ok_or("--url is required")?,
        wif: wif.ok_or("--wif is required")?,
        height,
        inputs,
        change_address: change,
        fee,
        send,
    })
}

/// Milliseconds since the Unix epoch (the library has no clock; the program reads it).
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// A failure: its stable kind, the message, and whether another node may do better.
struct Failure {
    kind: &'static str,
    message: String,
    try_another_node: bool,
}

impl From<flux_client::Error> for Failure {
    fn from(e: flux_client::Error) -> Self {
        Failure {
            kind: e.kind(),
            message: e.to_string(),
            try_another_node: e.try_another_node(),
        }
    }
}

fn fail(kind: &'static str, message: impl std::fmt::Display) -> Failure {
    Failure {
        kind,
        message: message.to_string(),
        try_another_node: false,
    }
}

/// The node's FLUX quote in zatoshis (its JavaScript number text; exact when it is plain
/// decimal, else through the double, rounded up).
fn quote_zat(text: &str) -> Option<i64> {
    let t = text.trim_matches('"');
    Amount::from_str(t).map(|a| a.to_zat()).ok().or_else(|| {
        t.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .map(|x| (x * 1e8).ceil() as i64)
    })
}

async fn deploy(args: &Args) -> Result<(Value, bool), Failure> {
    let text = std::fs::read_to_string(&args.spec)
        .map_err(|e| fail("io", format!("{}: {e}", args.spec)))?;
    let key = PrivateKey::from_wif(args.wif.trim()).map_err(|e| fail(e.kind(), e))?;
    let os = FluxOs::builder(&args.url).build()?;
    let height = match args.height {
        Some(h) => h,
        None => os.daemon::<u64>("getblockcount", &[]).await?,
    };

    // 1. Local validation at the height: FluxOS's verdict without asking a node.
    let raw = js_json::parse(&text).map_err(|e| fail("invalid_json", e))?;
    let verdict = validate_spec(&raw, height).map_err(|e| fail(e.kind(), e))?;
    let formatted = match verdict.result {
        Ok(f) => f,
        Err(broken) => {
            let out = json!({"height": height, "valid": false, "error": broken.message, "rule": broken.rule.as_str()});
            return Ok((out, false));
        }
    };

    // 2. The chain's minimum for this spec's lifetime, from the node's live price epochs.
    let deployment = os.deployment_information().await?;
    let epochs = deployment.epochs().map_err(|e| fail(e.kind(), e))?;
    let per_month =
        price::price_per_month(&formatted, height, &epochs).map_err(|e| fail(e.kind(), e))?;
    let required = price::registration_amount(&formatted, height, &epochs, None)
        .map_err(|e| fail(e.kind(), e))?;

    // 3. Register through the node.
    let registration: Registration = os.register(&text, &key, now_ms()).await?;
    let quote = quote_zat(&registration.price)
        .ok_or_else(|| fail("decode", format!("quote {:?}", registration.price)))?;
    let pay_zat = quote.max(i64::try_from(required.zatoshis).unwrap_or(i64::MAX));

    // 4. The payment: quote to the payment address, change, memo last.
    let network = Network::Main;
    let own = Address::p2pkh(&key.public_key(), network);
    let utxos: Vec<Utxo> = match &args.inputs {
        Some(file) => Utxo::list_from_json(
            &std::fs::read_to_string(file).map_err(|e| fail("io", format!("{file}: {e}")))?,
        )
        .map_err(|e| fail(e.kind(), e))?,
        None => os
            .explorer_utxos(&own.to_string())
            .await?
            .into_iter()
            .map(|u| {
                Ok(Utxo {
                    txid: Txid::from_str(&u.txid).map_err(|e| fail("decode", e))?,
                    vout: u.vout,
                    amount: Amount::from_zat(i64::try_from(u.satoshis).unwrap_or(i64::MAX))
                        .map_err(|e| fail("decode", e))?,
                })
            })
            .collect::<Result<_, Failure>>()?,
    };
    let pay_to = Address::from_str_for_network(&registration.payment_address, network)
        .map_err(|e| fail(e.kind(), e))?;
    let change = match &args.change_address {
        Some(a) => Address::from_str_for_network(a, network).map_err(|e| fail(e.kind(), e))?,
        None => own,
    };
    let to_payment = |e: PaymentError| fail(e.kind(), e);
    // The library's app payment: the node's payment address, change, the memo last.
    let built = AppPayment::new(
        &registration.hash,
        Amount::from_zat(pay_zat).map_err(|e| fail(e.kind(), e))?,
    )
    .map_err(to_payment)?
    .network(network)
    .height(height)
    .pay_to(pay_to)
    .change_to(change)
    .fee(Amount::from_zat(args.fee).map_err(|e| fail(e.kind(), e))?)
    .build(&utxos, &key)
    .map_err(to_payment)?;
    let hex = hex::encode(built.tx.to_bytes());
    let txid = built.tx.txid().to_string();

    // 5. Broadcast through the node when asked.
    let sent = if args.send {
        Some(os.send_raw_transaction(&hex).await?)
    } else {
        None
    };
    let out = json!({
        "height": height,
        "valid": true,
        "price": {
            "per_month": per_month.to_js_string(),
            "required_zatoshis": required.zatoshis,
            "quote": registration.price,
        },
        "registration": registration,
        "payment": {
            "hex": hex,
            "txid": txid,
            "amount_zatoshis": pay_zat,
            "to": registration.payment_address,
            "memo": registration.hash,
            "sent": sent.is_some(),
        },
    });
    Ok((out, true))
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!(
            "{}",
            json!({"error": {"kind": "invalid_argument", "message": e}})
        );
        std::process::exit(1);
    });
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| {
            eprintln!(
                "{}",
                json!({"error": {"kind": "internal", "message": e.to_string()}})
            );
            std::process::exit(1);
        });
    match rt.block_on(deploy(&args)) {
        Ok((out, valid)) => {
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            std::process::exit(if valid { 0 } else { 2 });
        }
        Err(f) => {
            eprintln!(
                "{}",
                json!({"error": {"kind": f.kind, "message": f.message, "try_another_node": f.try_another_node}})
            );
            std::process::exit(1);
        }
    }
}
