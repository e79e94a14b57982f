//! `flux os ...`: FluxOS's REST API. Thin: the client, sessions and the envelope live in
//! `flux_client::fluxos`.

use clap::Subcommand;
use flux_client::fluxos::{FluxOs, Scope, Session};
use flux_primitives::PrivateKey;
use serde_json::json;

use crate::output::{CliError, CmdResult, Outcome};

/// FluxOS commands.
#[derive(Debug, Subcommand)]
pub enum OsCommand {
    /// Log in on a node (`/id/loginphrase`, sign, `/id/verifylogin`), continuing at the node
    /// that issued the phrase behind the api.runonflux.io gateway. Prints the `zelidauth`
    /// header to send, the privilege (`user`, `admin`, `fluxteam`) and when the session
    /// ends (`expires_at`, ms since the Unix epoch).
    Login {
        /// FluxOS base URL: a node (`http://IP:16127`) or `https://api.runonflux.io`.
        #[arg(long)]
        url: String,
        /// The ZelID's private key (WIF).
        #[arg(long)]
        wif: String,
    },
    /// GET a FluxOS route and print the envelope's `data` (an error envelope, even with
    /// HTTP 200, exits 1 with kind `fluxos`).
    Get {
        /// The route with its query, e.g. `/flux/version` or `/daemon/getblock?hashheight=5`.
        path: String,
        /// FluxOS base URL: a node (`http://IP:16127`) or `https://api.runonflux.io`.
        #[arg(long)]
        url: String,
        /// A `zelidauth` header to send (JSON or URL-encoded form).
        #[arg(long, conflicts_with = "wif")]
        zelidauth: Option<String>,
        /// Sign a fresh user-level session with this key (WIF) and send it as `zelidauth`.
        #[arg(long)]
        wif: Option<String>,
    },
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> Result<u64, CliError> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .map_err(|e| CliError::library("internal", format!("the clock is before 1970: {e}")))
}

/// A client of `url`.
pub(crate) fn client(url: &str) -> Result<FluxOs, CliError> {
    Ok(FluxOs::builder(url).build()?)
}

/// Runs the future on a single-threaded runtime (the CLI makes one call at a time).
pub(crate) fn block_on<T>(fut: impl std::future::Future<Output = T>) -> Result<T, CliError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            CliError::library("internal", format!("cannot start the async runtime: {e}"))
        })?;
    Ok(rt.block_on(fut))
}

/// Runs an `os` subcommand.
pub fn run(cmd: OsCommand) -> CmdResult {
    match cmd {
        OsCommand::Login { url, wif } => {
            let key = PrivateKey::from_wif(wif.trim())?;
            let os = client(&url)?;
            let session = block_on(os.login(&key))??;
            Ok(Outcome::value(json!(session.view())))
        }
        OsCommand::Get {
            path,
            url,
            zelidauth,
            wif,
        } => {
            let mut os = client(&url)?;
            if let Some(h) = zelidauth {
                os = os.with_session(Session::from_zelidauth(&h)?);
            } else if let Some(w) = wif {
                let key = PrivateKey::from_wif(w.trim())?;
                os = os.with_session(Session::self_issued(&key, now_ms()?, Scope::User));
            }
            let data = block_on(os.get(&path))??;
            Ok(Outcome::text(data.get().to_owned()))
        }
    }
}
