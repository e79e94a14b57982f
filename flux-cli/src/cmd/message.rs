//! `flux message ...`: sign and verify compact message signatures (Bitcoin or Zelcash magic).

use clap::{Args, Subcommand, ValueEnum};
use flux_zelid::{HeaderRule, Magic, MessageVerdict, PrivateKey, SignedMessage, Signer};

use crate::output::{message_or_stdin, parse_hex, print_view, verdict_view, CmdResult};

/// How the message argument is read, for `--help`.
const MESSAGE_HELP: &str = "The message, signed exactly as given (no trimming). `-` reads \
stdin, where one trailing newline (\\n or \\r\\n) is dropped, so `echo hello | flux message \
sign ... -` signs `hello`";

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
    /// The message is hex bytes (`0x` prefix allowed).
    #[arg(long)]
    hex: bool,
    #[arg(help = MESSAGE_HELP, allow_hyphen_values = true)]
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
    /// The message is hex bytes (`0x` prefix allowed).
    #[arg(long)]
    hex: bool,
    /// Accept any header byte, masked as fluxd does, instead of 27..=34 only.
    #[arg(long)]
    fluxd_headers: bool,
    #[arg(help = MESSAGE_HELP, allow_hyphen_values = true)]
    message: String,
}

/// Runs a `flux message` command.
pub fn run(cmd: MessageCommand) -> CmdResult {
    match cmd {
        MessageCommand::Sign(a) => {
            let key = PrivateKey::from_wif(a.wif.trim())?;
            let message = message_bytes(&a.message, a.hex)?;
            print_view(&SignedMessage::sign(&key, a.magic.into(), &message))
        }
        MessageCommand::Verify(a) => {
            // clap's group guarantees exactly one of the two.
            let signer_text = a.address.or(a.public_key).unwrap_or_default();
            let signer = Signer::parse(&signer_text)?;
            let message = message_bytes(&a.message, a.hex)?;
            let rule = if a.fluxd_headers {
                HeaderRule::FluxdMasked
            } else {
                HeaderRule::Strict
            };
            let v =
                MessageVerdict::check(a.magic.into(), &message, a.signature.trim(), &signer, rule)?;
            verdict_view(&v, v.valid)
        }
    }
}

fn message_bytes(arg: &str, hex: bool) -> Result<Vec<u8>, crate::output::CliError> {
    let text = message_or_stdin(arg)?;
    if hex {
        parse_hex("message", &text)
    } else {
        Ok(text.into_bytes())
    }
}
