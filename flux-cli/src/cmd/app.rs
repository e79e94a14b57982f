//! `flux app ...`: FluxOS app specifications exactly as the network judges them (format,
//! validate, price). Thin: every rule lives in `flux_client::app`.

use clap::Subcommand;
use flux_client::app::message::{AppMessage, AppMessageType};
use flux_client::app::payment::{AppPayment, Utxo};
use flux_client::app::{
    format::format_text,
    js_json,
    price::{self, PriceEpoch},
    validate::validate_spec,
    AppError,
};
use flux_primitives::{Address, Amount, Network, PrivateKey};

use crate::output::{arg_file_or_stdin, CliError, CmdResult, Outcome};

/// App specification commands.
#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Print the canonical JSON FluxOS signs: `JSON.stringify(specificationFormatter(spec))`.
    #[command(after_long_help = crate::help::app("format", ""))]
    Format {
        /// The spec: JSON text, a file, or `-` for stdin.
        spec: String,
    },
    /// Validate as a FluxOS node would at --height (exit 0 valid, 2 not valid). Checks that
    /// need FluxOS's database or the network are listed under `not_checked`.
    #[command(after_long_help = crate::help::app("validate", " --height 2200000"))]
    Validate {
        /// The spec: JSON text, a file, or `-` for stdin.
        spec: String,
        /// Block height of the check.
        #[arg(long)]
        height: u64,
    },
    /// Price per month at --height (FLUX, as JavaScript prints FluxOS's number) and the
    /// registration payment the chain requires.
    #[command(after_long_help = crate::help::app("price", " --height 2200000"))]
    Price {
        /// The spec: JSON text, a file, or `-` for stdin.
        spec: String,
        /// Block height of the payment.
        #[arg(long)]
        height: u64,
        /// Lifetime in blocks for the registration amount (default: the spec's `expire`, or
        /// FluxOS's default for specs without one).
        #[arg(long)]
        expire: Option<u64>,
        /// Price epochs as `/apps/deploymentinformation` returns them (a file or JSON; the
        /// envelope, its `data`, or the `price` array). Default: FluxOS's static table.
        #[arg(long)]
        epochs: Option<String>,
    },
    /// Sign the formatted spec as a register or update message (Bitcoin magic, RFC 6979) and
    /// print the message to post, with its hash.
    #[command(after_long_help = crate::help::app("sign", " --wif L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW --type register --timestamp 1750000000000"))]
    Sign {
        /// The spec: JSON text, a file, or `-` for stdin.
        spec: String,
        /// The owner's private key (WIF). For an update: the current owner's.
        #[arg(long)]
        wif: String,
        /// `register` (fluxappregister) or `update` (fluxappupdate).
        #[arg(long = "type", value_enum)]
        kind: SignType,
        /// Message timestamp in ms since the epoch (FluxOS accepts 1 h old to 5 min ahead).
        #[arg(long)]
        timestamp: u64,
    },
    /// Register through a FluxOS node: the node verifies the spec and formats it, the
    /// node's formatted spec is signed (owner's key, message timestamped now), priced and
    /// posted to `/apps/appregister`. Prints what the payment needs: the hash (the memo, the
    /// payment's last output), `payment_address`, `price` (the node's FLUX quote) and
    /// `pay_before` (ms since the Unix epoch; nodes drop unpaid messages after an hour).
    #[command(after_long_help = crate::help::app_register())]
    Register {
        /// The spec: JSON text, a file, or `-` for stdin.
        spec: String,
        /// FluxOS base URL: a node (`http://IP:16127`) or `https://api.runonflux.io`.
        #[arg(long)]
        url: String,
        /// The owner's private key (WIF).
        #[arg(long)]
        wif: String,
    },
    /// Build and sign the payment that makes a registration or update permanent: the amount
    /// to the deployment address for --height, change, and the message hash as the last
    /// output (OP_RETURN), where FluxOS reads it. Prints {"hex", "txid"}; nothing is sent.
    #[command(after_long_help = crate::help::app_payment())]
    Payment {
        /// The message hash FluxOS returned for the registration or update (64 hex digits).
        #[arg(long)]
        hash: String,
        /// The amount in FLUX (e.g. 0.6): at least what `flux app price` requires, or the
        /// FLUX is spent without registering.
        #[arg(long)]
        amount: String,
        /// The coins to spend (JSON text, a file, or `-`): `[{"txid","vout","amount"}]`,
        /// amount in zatoshis, P2PKH outputs of --wif's key.
        #[arg(long)]
        inputs: String,
        /// The key of the coins (WIF); it must belong to --network.
        #[arg(long)]
        wif: String,
        /// Where change goes (default: --wif's P2PKH address).
        #[arg(long)]
        change_address: Option<String>,
        /// Height of the block the payment is for: the deployment address, branch id and
        /// expiry (height + 20) follow from it (default: today's address, no expiry).
        #[arg(long)]
        height: Option<u64>,
        /// Fee in zatoshis (default 10000).
        #[arg(long)]
        fee: Option<u64>,
        /// Network of the key and addresses (app payments exist on mainnet).
        #[arg(long, default_value = "main")]
        network: Network,
    },
}

/// Message type of `flux app sign`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SignType {
    /// `fluxappregister`.
    Register,
    /// `fluxappupdate`.
    Update,
}

fn app_error(e: AppError) -> CliError {
    CliError::library(e.kind(), e)
}

/// Runs an `app` subcommand.
pub fn run(cmd: AppCommand) -> CmdResult {
    match cmd {
        AppCommand::Format { spec } => {
            let text = arg_file_or_stdin(&spec)?;
            let formatted = format_text(&text).map_err(app_error)?;
            Ok(Outcome::text(formatted.to_json()))
        }
        AppCommand::Validate { spec, height } => {
            let text = arg_file_or_stdin(&spec)?;
            let raw = js_json::parse(&text).map_err(|e| app_error(e.into()))?;
            let v = validate_spec(&raw, height).map_err(app_error)?.view();
            let valid = v.valid;
            let mut out = Outcome::view(&v)?;
            out.verified = Some(valid);
            Ok(out)
        }
        AppCommand::Price {
            spec,
            height,
            expire,
            epochs,
        } => {
            let text = arg_file_or_stdin(&spec)?;
            let formatted = format_text(&text).map_err(app_error)?;
            let epochs: Vec<PriceEpoch> = match epochs {
                Some(e) => price::parse_epochs(&arg_file_or_stdin(&e)?).map_err(app_error)?,
                None => price::STATIC_EPOCHS.to_vec(),
            };
            Outcome::view(&price::quote(&formatted, height, &epochs, expire).map_err(app_error)?)
        }
        AppCommand::Sign {
            spec,
            wif,
            kind,
            timestamp,
        } => {
            let text = arg_file_or_stdin(&spec)?;
            let formatted = format_text(&text).map_err(app_error)?;
            let key = PrivateKey::from_wif(wif.trim())?;
            let kind = match kind {
                SignType::Register => AppMessageType::Register,
                SignType::Update => AppMessageType::Update,
            };
            let msg = AppMessage::new(kind, &formatted, timestamp);
            let signature = msg.sign(&key).map_err(app_error)?;
            Ok(Outcome::text(
                msg.signed_json(&signature).map_err(app_error)?,
            ))
        }
        AppCommand::Register { spec, url, wif } => {
            let text = arg_file_or_stdin(&spec)?;
            let key = PrivateKey::from_wif(wif.trim())?;
            let os = crate::cmd::os::client(&url)?;
            let now = crate::cmd::os::now_ms()?;
            let registration = crate::cmd::os::block_on(os.register(&text, &key, now))??;
            Outcome::view(&registration)
        }
        AppCommand::Payment {
            hash,
            amount,
            inputs,
            wif,
            change_address,
            height,
            fee,
            network,
        } => {
            let amount = Amount::from_flux_str(amount.trim())?;
            let utxos = Utxo::list_from_json(&arg_file_or_stdin(&inputs)?)
                .map_err(|e| app_error(e.into()))?;
            let key = PrivateKey::from_wif(wif.trim())?;
            let mut payment = AppPayment::new(hash.trim(), amount)
                .map_err(|e| app_error(e.into()))?
                .network(network);
            if let Some(h) = height {
                payment = payment.height(h);
            }
            if let Some(z) = fee {
                payment = payment.fee(Amount::from_zat(i64::try_from(z).unwrap_or(i64::MAX))?);
            }
            if let Some(a) = change_address {
                payment = payment.change_to(a.trim().parse::<Address>()?);
            }
            let paid = payment
                .build(&utxos, &key)
                .map_err(|e| app_error(e.into()))?;
            Outcome::view(&paid.view())
        }
    }
}
