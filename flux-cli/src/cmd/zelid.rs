//! `flux zelid ...`: login phrases, login verification and `zelidauth` headers.

use clap::{Args, Subcommand, ValueEnum};
use flux_zelid::header::{HeaderForm, ZelidAuth};
use flux_zelid::login::{LoginRequest, LoginVerdict};
use flux_zelid::phrase::LoginPhrase;
use flux_zelid::privilege::Level;
use flux_zelid::{PrivateKey, ZelId};

use crate::output::{arg_or_stdin, now_ms, print_view, verdict_view, CliError, CmdResult};

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
        zelid: ZelId,
        /// The signed login phrase, exactly as signed.
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

impl From<Form> for HeaderForm {
    fn from(f: Form) -> Self {
        match f {
            Form::Json => HeaderForm::Json,
            Form::Url => HeaderForm::UrlEncoded,
        }
    }
}

/// Stateless window to apply.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    /// 16 hours.
    User,
    /// 2 hours (app owner).
    Appowner,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::User => Level::User,
            // The stateless window is the same for every app; which app the ZelID owns is
            // not checked here (no privilege sets on the command line).
            LevelArg::Appowner => Level::AppOwner(String::new()),
        }
    }
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
    zelid: Option<ZelId>,
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
            print_view(&LoginPhrase::generate(at.unwrap_or_else(now_ms)))
        }
        ZelidCommand::VerifyLogin {
            zelid,
            phrase,
            signature,
            at,
        } => {
            let req = LoginRequest {
                zelid,
                login_phrase: phrase,
                signature,
            };
            let v = LoginVerdict::check_login(&req, at.unwrap_or_else(now_ms))?;
            verdict_view(&v, v.valid)
        }
        ZelidCommand::Header(h) => header(h),
    }
}

fn header(cmd: HeaderCommand) -> CmdResult {
    match cmd {
        HeaderCommand::Build(a) => build(a),
        HeaderCommand::Parse { header } => print_view(&ZelidAuth::parse(&arg_or_stdin(&header)?)?),
        HeaderCommand::Verify { header, level, at } => {
            let auth = ZelidAuth::parse(&arg_or_stdin(&header)?)?;
            let v = LoginVerdict::check_header(&auth, &level.into(), at.unwrap_or_else(now_ms))?;
            verdict_view(&v, v.valid)
        }
    }
}

fn build(a: BuildArgs) -> CmdResult {
    let auth = if let Some(wif) = &a.wif {
        let key = PrivateKey::from_wif(wif.trim())?;
        let phrase = match a.phrase {
            Some(p) => p,
            None => LoginPhrase::generate(now_ms()).to_string(),
        };
        ZelidAuth::sign(&key, &phrase)
    } else {
        let need = |flag: &str| CliError::argument(format!("{flag} is needed without --wif"));
        ZelidAuth {
            zelid: a.zelid.ok_or_else(|| need("--zelid"))?,
            signature: a.signature.ok_or_else(|| need("--signature"))?,
            login_phrase: a.phrase.ok_or_else(|| need("--phrase"))?,
        }
    };
    print_view(&auth.built(a.form.into()))
}
