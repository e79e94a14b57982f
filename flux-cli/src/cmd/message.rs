//! `flux message ...`: sign and verify compact message signatures (Bitcoin or Zelcash magic).

use clap::{Args, Subcommand, ValueEnum};
use flux_primitives::Network;
use flux_zelid::{
    sign_message, verify_with, Address, HeaderRule, Magic, PrivateKey, Recovered, Signer,
};
use serde_json::json;

use crate::output::{arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Message-signature commands.
#[derive(Debug, Subcommand)]
pub enum MessageCommand {
    /// Sign a message with a WIF key; prints the base64 signature, address and public key.
    Sign(SignArgs),
    /// Verify a signature against an address or public key (exit 0 valid, 2 not valid).
    Verify(VerifyArgs),
}

/// Which magic prefix is hashed with the message.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MagicArg {
    /// "Bitcoin Signed Message:\n" (ZelID, FluxOS, SSP).
    Bitcoin,
    /// "Zelcash Signed Message:\n" (fluxd signmessage, fluxnode messages).
    Zelcash,
}

impl From<MagicArg> for Magic<'static> {
    fn from(m: MagicArg) -> Magic<'static> {
        match m {
            MagicArg::Bitcoin => Magic::Bitcoin,
            MagicArg::Zelcash => Magic::Zelcash,
        }
    }
}

/// `flux message sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Private key in WIF (compressed or uncompressed; the WIF decides the header byte).
    #[arg(long)]
    wif: String,
    /// Magic prefix.
    #[arg(long, value_enum, default_value = "bitcoin")]
    magic: MagicArg,
    /// The message is hex bytes.
    #[arg(long)]
    hex: bool,
    /// The message (`-` reads stdin, trimmed).
    message: String,
}

/// `flux message verify`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("signer").required(true).args(["address", "public_key"])))]
pub struct VerifyArgs {
    /// A `1…` ZelID, `t1…`/`tm…` address or `0x…` Ethereum address.
    #[arg(long)]
    address: Option<String>,
    /// A hex public key (33 or 65 bytes).
    #[arg(long)]
    public_key: Option<String>,
    /// The base64 signature (or `0x` hex for an Ethereum address).
    #[arg(long)]
    signature: String,
    /// Magic prefix.
    #[arg(long, value_enum, default_value = "bitcoin")]
    magic: MagicArg,
    /// The message is hex bytes.
    #[arg(long)]
    hex: bool,
    /// Accept any header byte, masked as fluxd does, instead of 27..=34 only.
    #[arg(long)]
    fluxd_headers: bool,
    /// The message (`-` reads stdin, trimmed).
    message: String,
}

/// Runs a `flux message` command.
pub fn run(cmd: MessageCommand) -> CmdResult {
    match cmd {
        MessageCommand::Sign(a) => sign(a),
        MessageCommand::Verify(a) => verify(a),
    }
}

fn message_bytes(arg: &str, hex: bool) -> Result<Vec<u8>, CliError> {
    let text = arg_or_stdin(arg)?;
    if hex {
        parse_hex("message", &text)
    } else {
        Ok(text.into_bytes())
    }
}

fn sign(a: SignArgs) -> CmdResult {
    let wif = PrivateKey::from_wif(a.wif.trim())?;
    let message = message_bytes(&a.message, a.hex)?;
    let magic = Magic::from(a.magic);
    let sig = sign_message(&wif, magic, &message);
    let key = wif.public_key();
    let zelid = Address::zelid(&key).to_string();
    let flux_address = Address::p2pkh(&key, Network::Main).to_string();
    let address = match a.magic {
        MagicArg::Bitcoin => &zelid,
        MagicArg::Zelcash => &flux_address,
    };
    Ok(Outcome::value(json!({
        "signature": sig.to_base64(),
        "address": address,
        "public_key": key.to_string(),
        "zelid": zelid,
        "flux_address": flux_address,
        "magic": magic.name(),
        "compressed": wif.compressed(),
    })))
}

fn verify(a: VerifyArgs) -> CmdResult {
    let signer_text = a
        .address
        .as_deref()
        .or(a.public_key.as_deref())
        .ok_or_else(|| CliError::argument("give --address or --public-key"))?;
    let signer = Signer::parse(signer_text)?;
    let message = message_bytes(&a.message, a.hex)?;
    let magic = Magic::from(a.magic);
    let rule = if a.fluxd_headers {
        HeaderRule::FluxdMasked
    } else {
        HeaderRule::Strict
    };
    match verify_with(magic, &message, a.signature.trim(), &signer, rule) {
        Ok(r) => {
            let (key, address) = match r {
                Recovered::Key(k) => (json!(k.to_string()), json!(r.zelid())),
                Recovered::Ethereum(e) => (serde_json::Value::Null, json!(e.to_checksum_string())),
            };
            Ok(Outcome::verdict(
                json!({
                    "valid": true,
                    "recovered_public_key": key,
                    "recovered_address": address,
                    "magic": magic.name(),
                }),
                true,
            ))
        }
        Err(e) if e.is_verdict() => {
            // Still show who signed, when a key can be recovered at all.
            let recovered = flux_zelid::MessageSignature::from_base64(a.signature.trim(), rule)
                .ok()
                .and_then(|s| s.recover(magic, &message).ok());
            Ok(Outcome::verdict(
                json!({
                    "valid": false,
                    "recovered_public_key": recovered.map(|k| k.to_string()),
                    "recovered_address": recovered.map(|k| Address::zelid(&k).to_string()),
                    "magic": magic.name(),
                    "reason": e.to_string(),
                }),
                false,
            ))
        }
        Err(e) => Err(e.into()),
    }
}
