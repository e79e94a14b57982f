//! The FluxOS REST client (feature `http`): bodies as `text/plain`, the envelope unwrapped,
//! `zelidauth`, node login sticking to the issuing node, `x-apicache-bypass`, bounded reads.

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::envelope::unwrap_envelope;
use super::session::Session;
use super::sticky::Sticky;
use super::types::{
    AppLocation, DeploymentInformation, ExplorerUtxo, FluxInfo, GlobalApp, PermanentMessage,
    PriceQuote,
};
use crate::options::TransportOptions;
use crate::rpc::transport::{read_capped, sleep, wire_error};
use crate::rpc::RetryPolicy;
use crate::Error;

pub use crate::options::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
/// The timeout of `/apps/appregister` and `/apps/appupdate` (180 s): the node broadcasts
/// the message and waits up to ~15 s for peers to echo it, more on a busy node.
pub const REGISTER_TIMEOUT: Duration = Duration::from_secs(180);
/// The default response cap: 64 MiB (the whole fluxnode list is ~7 MiB, all global app
/// specifications a few MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// The routes whose handlers read Express's parsed `req.body` and so need
/// `Content-Type: application/json` (fluxos.md §0.3). Every other POST handler reads the raw
/// stream, which `express.json()` has already consumed for a JSON content type: the request
/// then hangs until a timeout. [`FluxOs::post`] picks the content type from this list.
pub const JSON_BODY_ROUTES: [&str; 8] = [
    "/apps/appendbackuptask",
    "/apps/appendrestoretask",
    "/flux/adjustblockedports",
    "/flux/adjustblockedrepositories",
    "/flux/keepupnpportsopen",
    "/flux/streamchain",
    "/flux/dosstate",
    "/arcane/configsync",
];

/// A FluxOS API client bound to one base URL (a node, `http://ip:16127`, or the gateway
/// `https://api.runonflux.io`), optionally with a [`Session`]. Cheap to clone.
///
/// ```no_run
/// # async fn demo() -> Result<(), flux_client::Error> {
/// use flux_client::fluxos::FluxOs;
/// let os = FluxOs::builder("https://api.runonflux.io").build()?;
/// println!("{}", os.version().await?);
/// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
/// let session = os.login(&key).await?;            // sticks to the node that answered
/// let os = os.with_session(session);
/// let mine = os.get("/id/loggedsessions").await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct FluxOs {
    inner: Arc<Inner>,
    base: reqwest::Url,
    session: Option<Arc<Session>>,
    timeout: Duration,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    max_response_bytes: u64,
    retry: RetryPolicy,
    sticky: Sticky,
}

/// Settings for a [`FluxOs`] client.
///
/// ```
/// use std::time::Duration;
/// use flux_client::fluxos::{FluxOs, Sticky};
/// let os = FluxOs::builder("http://127.0.0.1:16127")
///     .timeout(Duration::from_secs(5))
///     .max_response_bytes(8 << 20)
///     .sticky(Sticky::Direct)
///     .build()
///     .unwrap();
/// assert_eq!(os.url(), "http://127.0.0.1:16127/");
/// ```
#[derive(Debug, Clone)]
pub struct FluxOsBuilder {
    url: String,
    options: TransportOptions,
    sticky: Sticky,
}

impl FluxOsBuilder {
    // timeout (register and update use at least [`REGISTER_TIMEOUT`]), connect_timeout,
    // max_response_bytes (default 64 MiB), retry (GETs only: a POST is never re-sent, a
    // register may have been broadcast already) and options.
    crate::options::transport_setters!(
        r#"flux_client::fluxos::FluxOs::builder("http://127.0.0.1:16127")"#
    );

    /// How [`FluxOs::login`] follows the `fluxnode` header (default [`Sticky::Auto`]).
    ///
    /// ```
    /// let b = flux_client::fluxos::FluxOs::builder("https://api.runonflux.io")
    ///     .sticky(flux_client::fluxos::Sticky::Off);
    /// ```
    pub fn sticky(mut self, sticky: Sticky) -> Self {
        self.sticky = sticky;
        self
    }

    /// Builds the client (fails only on a malformed URL).
    ///
    /// ```
    /// assert!(flux_client::fluxos::FluxOs::builder("ftp://x").build().is_err());
    /// ```
    pub fn build(self) -> Result<FluxOs, Error> {
        let base = parse_base(&self.url)?;
        Ok(FluxOs {
            inner: Arc::new(Inner {
                http: self.options.http_client()?,
                max_response_bytes: self.options.max_response_bytes,
                retry: self.options.retry,
                sticky: self.sticky,
            }),
            base,
            session: None,
            timeout: self.options.timeout,
        })
    }
}

fn parse_base(url: &str) -> Result<reqwest::Url, Error> {
    let url = reqwest::Url::parse(url).map_err(|e| Error::input("fluxos url", e))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::input(
            "fluxos url",
            "the URL must be http(s)://host[:port]",
        ));
    }
    Ok(url)
}

/// A request body and its content type.
#[derive(Clone, Copy)]
enum Body<'a> {
    None,
    Text(&'a str),
    Json(&'a str),
}

/// What came back: the status, the `fluxnode` header (gateway) and the capped body.
struct Reply {
    status: u16,
    fluxnode: Option<String>,
    body: Vec<u8>,
}

impl FluxOs {
    /// Settings for a client of `url`.
    ///
    /// ```
    /// let os = flux_client::fluxos::FluxOs::builder("https://api.runonflux.io").build().unwrap();
    /// assert_eq!(os.url(), "https://api.runonflux.io/");
    /// ```
    pub fn builder(url: impl Into<String>) -> FluxOsBuilder {
        FluxOsBuilder {
            url: url.into(),
            options: TransportOptions::with_cap(DEFAULT_MAX_RESPONSE_BYTES),
            sticky: Sticky::Auto,
        }
    }

    /// The base URL requests go to.
    ///
    /// ```
    /// let os = flux_client::fluxos::FluxOs::builder("http://127.0.0.1:16127").build().unwrap();
    /// assert_eq!(os.url(), "http://127.0.0.1:16127/");
    /// ```
    pub fn url(&self) -> &str {
        self.base.as_str()
    }

    /// The session sent as `zelidauth`, if any.
    ///
    /// ```
    /// let os = flux_client::fluxos::FluxOs::builder("http://127.0.0.1:16127").build().unwrap();
    /// assert!(os.session().is_none());
    /// ```
    pub fn session(&self) -> Option<&Session> {
        self.session.as_deref()
    }

    /// The same client sending `session` as `zelidauth` on every request; for a node login,
    /// bound to the node that holds the session (the sticky node behind a gateway).
    ///
    /// ```
    /// use flux_client::fluxos::{session::{Scope, Session}, FluxOs};
    /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let os = FluxOs::builder("http://127.0.0.1:16127").build().unwrap()
    ///     .with_session(Session::self_issued(&key, 1_750_000_000_000, Scope::User));
    /// assert!(os.session().is_some());
    /// ```
    pub fn with_session(&self, session: Session) -> FluxOs {
        let base = session
            .node
            .as_deref()
            .and_then(|n| parse_base(n).ok())
            .unwrap_or_else(|| self.base.clone());
        FluxOs {
            inner: Arc::clone(&self.inner),
            base,
            session: Some(Arc::new(session)),
            timeout: self.timeout,
        }
    }

    /// The same client with another request timeout.
    ///
    /// ```
    /// let os = flux_client::fluxos::FluxOs::builder("http://127.0.0.1:16127").build().unwrap();
    /// assert_eq!(os.with_timeout(std::time::Duration::from_secs(1)).timeout(), std::time::Duration::from_secs(1));
    /// ```
    pub fn with_timeout(&self, timeout: Duration) -> FluxOs {
        FluxOs {
            timeout,
            ..self.clone()
        }
    }

    /// This handle's request timeout.
    ///
    /// ```
    /// let os = flux_client::fluxos::FluxOs::builder("http://127.0.0.1:16127").build().unwrap();
    /// assert_eq!(os.timeout(), flux_client::fluxos::client::DEFAULT_TIMEOUT);
    /// ```
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// `GET path` (with its query, e.g. `/daemon/getblock?hashheight=5`): the envelope's
    /// `data`, the node's JSON text. May be served from FluxOS's URL-keyed cache.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let peers = os.get("/flux/connectedpeersinfo").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, path: &str) -> Result<Box<RawValue>, Error> {
        self.get_with(path, false).await
    }

    /// `GET path` with `x-apicache-bypass: true`: a fresh answer, not one cached for
    /// another caller (FluxOS's `apicache` keys by URL only, fluxos.md §0.4).
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let sessions = os.get_fresh("/id/loggedsessions").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_fresh(&self, path: &str) -> Result<Box<RawValue>, Error> {
        self.get_with(path, true).await
    }

    /// `GET path` decoded as `T`.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let count: u64 = os.get_as("/daemon/getblockcount", true).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_as<T: DeserializeOwned>(&self, path: &str, fresh: bool) -> Result<T, Error> {
        let data = self.get_with(path, fresh).await?;
        decode(path, &data)
    }

    /// `POST path` with `body` (JSON text) and the content type FluxOS's handler reads:
    /// `text/plain` everywhere except [`JSON_BODY_ROUTES`]. Never re-sent.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let formatted = os.post("/apps/verifyappregistrationspecifications", r#"{"version":8}"#).await;
    /// # Ok(()) }
    /// ```
    pub async fn post(&self, path: &str, body: &str) -> Result<Box<RawValue>, Error> {
        self.post_with(path, body, self.timeout).await
    }

    pub(crate) async fn post_with(
        &self,
        path: &str,
        body: &str,
        timeout: Duration,
    ) -> Result<Box<RawValue>, Error> {
        let route = route_of(path);
        let body = if JSON_BODY_ROUTES.contains(&route) {
            Body::Json(body)
        } else {
            Body::Text(body)
        };
        let reply = self
            .send(
                &self.base,
                reqwest::Method::POST,
                path,
                body,
                false,
                timeout,
            )
            .await?;
        unwrap_envelope(route, reply.status, &reply.body)
    }

    async fn get_with(&self, path: &str, fresh: bool) -> Result<Box<RawValue>, Error> {
        let reply = self.get_reply(&self.base, path, fresh).await?;
        unwrap_envelope(route_of(path), reply.status, &reply.body)
    }

    /// A GET, retried per the policy when the node did not process it.
    async fn get_reply(
        &self,
        base: &reqwest::Url,
        path: &str,
        fresh: bool,
    ) -> Result<Reply, Error> {
        let policy = self.inner.retry;
        let mut retries = 0u32;
        loop {
            let outcome = self
                .send(
                    base,
                    reqwest::Method::GET,
                    path,
                    Body::None,
                    fresh,
                    self.timeout,
                )
                .await
                .and_then(|r| {
                    if r.status == 503 {
                        Err(Error::Http {
                            method: route_of(path).to_owned(),
                            status: 503,
                            body: crate::error::capped_text(&r.body),
                        })
                    } else {
                        Ok(r)
                    }
                });
            match outcome {
                Err(e) if e.is_retryable() && retries < policy.max_retries => {
                    sleep(policy.backoff(retries)).await;
                    retries += 1;
                }
                other => return other,
            }
        }
    }

    async fn send(
        &self,
        base: &reqwest::Url,
        method: reqwest::Method,
        path: &str,
        body: Body<'_>,
        fresh: bool,
        timeout: Duration,
    ) -> Result<Reply, Error> {
        let route = route_of(path);
        if !path.starts_with('/') {
            return Err(Error::input("fluxos path", "the path must start with '/'"));
        }
        let url = format!("{}{}", base.as_str().trim_end_matches('/'), path);
        let url = reqwest::Url::parse(&url).map_err(|e| Error::input("fluxos path", e))?;
        let mut req = self
            .inner
            .http
            .request(method, url)
            .timeout(timeout)
            .header("accept", "application/json");
        req = match body {
            Body::None => req,
            Body::Text(b) => req.header("content-type", "text/plain").body(b.to_owned()),
            Body::Json(b) => req
                .header("content-type", "application/json")
                .body(b.to_owned()),
        };
        if fresh {
            req = req.header("x-apicache-bypass", "true");
        }
        if let Some(s) = &self.session {
            req = req.header("zelidauth", s.zelidauth());
        }
        let resp = req
            .send()
            .await
            .map_err(|e| wire_error(route, timeout, e))?;
        let status = resp.status().as_u16();
        let fluxnode = resp
            .headers()
            .get("fluxnode")
            .and_then(|v| v.to_str().ok())
            .map(|v| crate::error::capped_text(v.as_bytes()));
        let body = read_capped(resp, route, timeout, self.inner.max_response_bytes).await?;
        Ok(Reply {
            status,
            fluxnode,
            body,
        })
    }

    /// Logs in on a node: `GET /id/loginphrase`, sign the phrase with `key`, `POST
    /// /id/verifylogin` (text/plain) **to the node that issued the phrase** (behind the
    /// gateway, the one its `fluxnode` header names, per [`Sticky`]). Use the session with
    /// [`FluxOs::with_session`], which binds the client to that node.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let session = os.login(&key).await?;
    /// println!("{} until {}", session.privilege, session.expires_at_ms);
    /// # Ok(()) }
    /// ```
    pub async fn login(&self, key: &flux_zelid::PrivateKey) -> Result<Session, Error> {
        const PHRASE: &str = "/id/loginphrase";
        const VERIFY: &str = "/id/verifylogin";
        let reply = self.get_reply(&self.base, PHRASE, true).await?;
        let data = unwrap_envelope(PHRASE, reply.status, &reply.body)?;
        let phrase: String = decode(PHRASE, &data)?;
        let host = self.base.host_str().unwrap_or_default();
        let node = match self.inner.sticky.follow(host, reply.fluxnode.as_deref()) {
            Some(url) => parse_base(&url)?,
            None => self.base.clone(),
        };
        let auth = flux_zelid::header::ZelidAuth::sign(key, &phrase);
        let body = serde_json::json!({
            "zelid": auth.zelid.as_str(),
            "loginPhrase": auth.login_phrase,
            "signature": auth.signature,
        })
        .to_string();
        let reply = self
            .send(
                &node,
                reqwest::Method::POST,
                VERIFY,
                Body::Text(&body),
                false,
                self.timeout,
            )
            .await?;
        let data = unwrap_envelope(VERIFY, reply.status, &reply.body)?;
        let session = Session::from_verify_login(data.get(), node.as_str())?;
        if session.auth.zelid != auth.zelid || session.auth.login_phrase != phrase {
            return Err(Error::decode(
                VERIFY,
                "the node confirmed another ZelID or phrase than the one signed",
            ));
        }
        Ok(session)
    }

    /// `/flux/info`.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let info = os.info().await?;
    /// # Ok(()) }
    /// ```
    pub async fn info(&self) -> Result<FluxInfo, Error> {
        self.get_as("/flux/info", false).await
    }

    /// `/flux/version`: FluxOS's version (`8.17.0`).
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// assert!(!os.version().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn version(&self) -> Result<String, Error> {
        self.get_as("/flux/version", false).await
    }

    /// `/apps/globalappsspecifications`: every registered app.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let apps = os.global_apps().await?;
    /// # Ok(()) }
    /// ```
    pub async fn global_apps(&self) -> Result<Vec<GlobalApp>, Error> {
        self.get_as("/apps/globalappsspecifications", false).await
    }

    /// `/apps/appspecifications/:name` (fresh): one app, or [`Error::FluxOs`] "Application:
    /// NAME not found".
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let app = os.app_specification("myapp").await?;
    /// # Ok(()) }
    /// ```
    pub async fn app_specification(&self, name: &str) -> Result<GlobalApp, Error> {
        let path = format!("/apps/appspecifications/{}", segment(name));
        self.get_as(&path, true).await
    }

    /// `/apps/location/:name` (fresh): where the app runs.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// for l in os.app_location("myapp").await? { println!("{}", l.ip); }
    /// # Ok(()) }
    /// ```
    pub async fn app_location(&self, name: &str) -> Result<Vec<AppLocation>, Error> {
        let path = format!("/apps/location/{}", segment(name));
        self.get_as(&path, true).await
    }

    /// `/apps/locations`: where every app runs.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let all = os.app_locations().await?;
    /// # Ok(()) }
    /// ```
    pub async fn app_locations(&self) -> Result<Vec<AppLocation>, Error> {
        self.get_as("/apps/locations", false).await
    }

    /// `/apps/deploymentinformation` (fresh): payment address and price epochs.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let d = os.deployment_information().await?;
    /// println!("pay to {}", d.address);
    /// # Ok(()) }
    /// ```
    pub async fn deployment_information(&self) -> Result<DeploymentInformation, Error> {
        self.get_as("/apps/deploymentinformation", true).await
    }

    /// `POST /apps/calculateprice` with a raw spec (JSON text): the node's quote.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs, spec: &str) -> Result<(), flux_client::Error> {
    /// let q = os.calculate_price(spec).await?;
    /// println!("{} FLUX", q.flux.get());
    /// # Ok(()) }
    /// ```
    pub async fn calculate_price(&self, spec: &str) -> Result<PriceQuote, Error> {
        const ROUTE: &str = "/apps/calculateprice";
        let data = self.post(ROUTE, spec).await?;
        decode(ROUTE, &data)
    }

    /// `/apps/permanentmessages`: every paid app message.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let all = os.permanent_messages().await?;
    /// # Ok(()) }
    /// ```
    pub async fn permanent_messages(&self) -> Result<Vec<PermanentMessage>, Error> {
        self.get_as("/apps/permanentmessages", false).await
    }

    /// `/explorer/utxo/:address` (fresh): the address's unspent outputs.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// let utxos = os.explorer_utxos("t1abc...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn explorer_utxos(&self, address: &str) -> Result<Vec<ExplorerUtxo>, Error> {
        let path = format!("/explorer/utxo/{}", segment(address));
        self.get_as(&path, true).await
    }

    /// `POST /daemon/sendrawtransaction` (text/plain `{"hexstring"}`): broadcasts a signed
    /// transaction through the node's fluxd; the txid. fluxd's refusals come back as
    /// [`Error::FluxOs`] with fluxd's message.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs, hex: &str) -> Result<(), flux_client::Error> {
    /// let txid = os.send_raw_transaction(hex).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send_raw_transaction(&self, hex: &str) -> Result<String, Error> {
        const ROUTE: &str = "/daemon/sendrawtransaction";
        let body = serde_json::json!({ "hexstring": hex }).to_string();
        let data = self.post(ROUTE, &body).await?;
        decode(ROUTE, &data)
    }

    /// A `/daemon/*` passthrough: `GET /daemon/NAME?query`, `data` decoded as `T` (FluxOS
    /// passes fluxd's result through unchanged, so the RPC client's types fit, e.g.
    /// [`crate::rpc::methods::Info`]). `query` pairs are percent-encoded.
    ///
    /// ```no_run
    /// # async fn demo(os: flux_client::fluxos::FluxOs) -> Result<(), flux_client::Error> {
    /// use flux_client::rpc::methods::BlockchainInfo;
    /// let chain: BlockchainInfo = os.daemon("getblockchaininfo", &[]).await?;
    /// let block: serde_json::Value = os.daemon("getblock", &[("hashheight", "5"), ("verbosity", "1")]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn daemon<T: DeserializeOwned>(
        &self,
        name: &str,
        query: &[(&str, &str)],
    ) -> Result<T, Error> {
        let mut path = format!("/daemon/{}", segment(name));
        for (i, (k, v)) in query.iter().enumerate() {
            path.push(if i == 0 { '?' } else { '&' });
            path.push_str(&segment(k));
            path.push('=');
            path.push_str(&segment(v));
        }
        self.get_as(&path, true).await
    }
}

/// The route of a path (without the query), for errors and content-type choice.
fn route_of(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Percent-encodes one path segment or query part (RFC 3986 unreserved kept).
fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `data` decoded as `T`.
pub(crate) fn decode<T: DeserializeOwned>(route: &str, data: &RawValue) -> Result<T, Error> {
    serde_json::from_str(data.get()).map_err(|e| Error::decode(route_of(route), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_segments() {
        assert_eq!(
            route_of("/daemon/getblock?hashheight=1"),
            "/daemon/getblock"
        );
        assert_eq!(segment("a b/c+"), "a%20b%2Fc%2B");
        assert!(FluxOs::builder("http://").build().is_err());
        assert!(FluxOs::builder("file:///x").build().is_err());
    }
}
