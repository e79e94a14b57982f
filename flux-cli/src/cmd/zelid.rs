//! `flux zelid ...`: login phrases, login verification and `zelidauth` headers.

use clap::{Args, Subcommand, ValueEnum};
use flux_zelid::header::ZelidAuth;
use flux_zelid::login::{check_login, verify_phrase_signature, LoginRequest};
use flux_zelid::phrase::{
    check_zelid_format, now_ms, LoginPhrase, APP_OWNER_STATELESS_WINDOW_MS,
    USER_STATELESS_WINDOW_MS,
};
use flux_zelid::{sign_message, Address, Magic, PrivateKey};
use serde_json::json;

use crate::output::{arg_or_stdin, CliError, CmdResult, Outcome};

/// ZelID commands.
#[derive(Debug, Subcommand)]
pub enum ZelidCommand {
    /// Make a login phrase in FluxOS's format (13-digit ms timestamp + random base36).
    Phrase {
        /// The timestamp to use, in ms since the epoch (default: now).
        #[arg(long)]
        at: Option<u64>,
    },
    /// Check {zelid, loginPhrase, signature} as FluxOS's /id/verifylogin does, including the
    /// phrase's 15-minute window as of --at (exit 0 valid, 2 not valid).
    VerifyLogin {
        /// The ZelID (`1…` or `0x…`).
        #[arg(long)]
        zelid: String,
        /// The signed login phrase.
        #[arg(long)]
        phrase: String,
        /// The signature (base64, or `0x` hex for Ethereum ZelIDs).
        #[arg(long)]
        signature: String,
        /// Time of the check in ms since the epoch (default: now).
        #[arg(long)]
        at: Option<u64>,
    },
    /// Build, parse or verify a `zelidauth` header.
    #[command(subcommand)]
    Header(HeaderCommand),
}

/// Header form.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Form {
    /// `{"zelid":…,"signature":…,"loginPhrase":…}`
    Json,
    /// `zelid=…&signature=…&loginPhrase=…`
    Url,
}

/// Stateless window to apply.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    /// 16 hours.
    User,
    /// 2 hours (app owner).
    Appowner,
}

/// `flux zelid header ...`.
#[derive(Debug, Subcommand)]
pub enum HeaderCommand {
    /// Build a header from a signature, or sign a (given or fresh) phrase with --wif.
    Build(BuildArgs),
    /// Parse a header in either form.
    Parse {
        /// The header value (`-` reads stdin).
        header: String,
    },
    /// Verify a header without a login: signature, phrase form, 40-70 chars, within the
    /// level's window as of --at (exit 0 valid, 2 not valid).
    Verify {
        /// The header value (`-` reads stdin).
        header: String,
        /// Window: user 16 h, appowner 2 h.
        #[arg(long, value_enum, default_value = "user")]
        level: LevelArg,
        /// Time of the check in ms since the epoch (default: now).
        #[arg(long)]
        at: Option<u64>,
    },
}

/// `flux zelid header build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The ZelID (not needed with --wif).
    #[arg(long)]
    zelid: Option<String>,
    /// The login phrase (with --wif: default a fresh one).
    #[arg(long)]
    phrase: Option<String>,
    /// The signature (not needed with --wif).
    #[arg(long)]
    signature: Option<String>,
    /// Sign the phrase with this WIF key instead.
    #[arg(long)]
    wif: Option<String>,
    /// Which form `header` shows (both are always printed too).
    #[arg(long, value_enum, default_value = "json")]
    form: Form,
}

/// Runs a `flux zelid` command.
pub fn run(cmd: ZelidCommand) -> CmdResult {
    match cmd {
        ZelidCommand::Phrase { at } => {
            let p = LoginPhrase::generate(at.unwrap_or_else(now_ms));
            Ok(Outcome::value(json!({
                "login_phrase": p.as_str(),
                "timestamp_ms": p.timestamp_ms(),
            })))
        }
        ZelidCommand::VerifyLogin {
            zelid,
            phrase,
            signature,
            at,
        } => {
            let at = at.unwrap_or_else(now_ms);
            let req = LoginRequest {
                zelid,
                login_phrase: phrase,
                signature,
            };
            verdict(check_login(&req, at).map(|p| p.timestamp_ms()), &req, at)
        }
        ZelidCommand::Header(h) => header(h),
    }
}

fn verdict(result: Result<u64, flux_zelid::Error>, req: &LoginRequest, at: u64) -> CmdResult {
    match result {
        Ok(ts) => Ok(Outcome::verdict(
            json!({
                "valid": true,
                "zelid": req.zelid,
                "login_phrase": req.login_phrase,
                "timestamp_ms": ts,
                "checked_at_ms": at,
            }),
            true,
        )),
        Err(e) if e.is_verdict() => Ok(Outcome::verdict(
            json!({
                "valid": false,
                "zelid": req.zelid,
                "login_phrase": req.login_phrase,
                "checked_at_ms": at,
                "reason": e.to_string(),
            }),
            false,
        )),
        Err(e) => Err(e.into()),
    }
}

fn header(cmd: HeaderCommand) -> CmdResult {
    match cmd {
        HeaderCommand::Build(a) => build(a),
        HeaderCommand::Parse { header } => {
            let auth = ZelidAuth::parse(&arg_or_stdin(&header)?)?;
            Ok(Outcome::value(json!({
                "zelid": auth.zelid,
                "signature": auth.signature,
                "loginPhrase": auth.login_phrase,
            })))
        }
        HeaderCommand::Verify { header, level, at } => {
            let at = at.unwrap_or_else(now_ms);
            let auth = ZelidAuth::parse(&arg_or_stdin(&header)?)?;
            let window = match level {
                LevelArg::User => USER_STATELESS_WINDOW_MS,
                LevelArg::Appowner => APP_OWNER_STATELESS_WINDOW_MS,
            };
            let req = LoginRequest {
                zelid: auth.zelid.clone(),
                login_phrase: auth.login_phrase.clone(),
                signature: auth.signature.clone(),
            };
            let result = (|| {
                check_zelid_format(&auth.zelid)?;
                let phrase = LoginPhrase::parse(&auth.login_phrase)?;
                verify_phrase_signature(&auth.zelid, phrase.as_str(), &auth.signature)?;
                phrase.check_stateless(at, window)?;
                Ok(phrase.timestamp_ms())
            })();
            verdict(result, &req, at)
        }
    }
}

fn build(a: BuildArgs) -> CmdResult {
    let auth = if let Some(wif) = &a.wif {
        let key = PrivateKey::from_wif(wif.trim())?;
        let phrase = match &a.phrase {
            Some(p) => p.clone(),
            None => LoginPhrase::generate(now_ms()).to_string(),
        };
        let signature = sign_message(&key, Magic::Bitcoin, phrase.as_bytes());
        ZelidAuth {
            zelid: Address::zelid(&key.public_key()).to_string(),
            signature: signature.to_base64(),
            login_phrase: phrase,
        }
    } else {
        let need = |v: &Option<String>, flag: &str| {
            v.clone()
                .ok_or_else(|| CliError::argument(format!("{flag} is needed without --wif")))
        };
        ZelidAuth {
            zelid: need(&a.zelid, "--zelid")?,
            signature: need(&a.signature, "--signature")?,
            login_phrase: need(&a.phrase, "--phrase")?,
        }
    };
    let (json_form, url_form) = (auth.to_json(), auth.to_urlencoded());
    Ok(Outcome::value(json!({
        "header": match a.form { Form::Json => &json_form, Form::Url => &url_form },
        "json": json_form,
        "urlencoded": url_form,
        "zelid": auth.zelid,
        "signature": auth.signature,
        "loginPhrase": auth.login_phrase,
    })))
}
