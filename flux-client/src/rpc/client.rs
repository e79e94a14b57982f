//! The client (feature `http`): credentials, timeouts, retries, the response cap.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::value::RawValue;

use super::auth::{read_cookie, Credentials};
use super::method::{Call, Method};
use super::request::request_body;
use super::response::parse_response;
use super::transport::{sleep, Reply, Transport};
use super::{Auth, RetryPolicy};
use crate::options::TransportOptions;
use crate::Error;

pub use crate::options::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
/// The default response cap: 100 MiB (fluxd's largest answers, `getblock` of a 2 MB block
/// at verbosity 2 or the fluxnode list, stay far below it).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 100 * 1024 * 1024;

/// A fluxd JSON-RPC client. Cheap to clone (the connection pool is shared).
///
/// ```no_run
/// # async fn demo() -> Result<(), flux_client::Error> {
/// use flux_client::rpc::{Auth, Client};
/// let client = Client::builder("http://127.0.0.1:16124")
///     .auth(Auth::cookie_file("/home/flux/.flux/.cookie"))
///     .build()?;
/// let count = client.call("getblockcount", flux_client::rpc::request::no_params()).await?;
/// println!("{}", count.get());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
    timeout: Duration,
}

#[derive(Debug)]
struct Inner {
    transport: Transport,
    auth: Auth,
    cookie: Mutex<Option<Credentials>>,
    retry: RetryPolicy,
    next_id: AtomicU64,
}

/// Settings for a [`Client`].
///
/// ```
/// use std::time::Duration;
/// let client = flux_client::rpc::Client::builder("http://127.0.0.1:16124")
///     .timeout(Duration::from_secs(5))
///     .max_response_bytes(10 << 20)
///     .retry(flux_client::rpc::RetryPolicy::none())
///     .build()
///     .unwrap();
/// assert_eq!(client.url(), "http://127.0.0.1:16124/");
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    url: String,
    auth: Auth,
    options: TransportOptions,
}

impl ClientBuilder {
    /// The credentials (default: none).
    ///
    /// ```
    /// let b = flux_client::rpc::Client::builder("http://127.0.0.1:16124")
    ///     .auth(flux_client::rpc::Auth::user_pass("u", "p"));
    /// ```
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    // timeout (default 30 s), connect_timeout, max_response_bytes (default 100 MiB), retry
    // and options.
    crate::options::transport_setters!(
        r#"flux_client::rpc::Client::builder("http://127.0.0.1:16124")"#
    );

    /// Builds the client (fails only on a malformed URL).
    ///
    /// ```
    /// assert!(flux_client::rpc::Client::builder("not a url").build().is_err());
    /// ```
    pub fn build(self) -> Result<Client, Error> {
        let transport = Transport::new(&self.url, &self.options)?;
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                auth: self.auth,
                cookie: Mutex::new(None),
                retry: self.options.retry,
                next_id: AtomicU64::new(1),
            }),
            timeout: self.options.timeout,
        })
    }
}

impl Client {
    /// Settings for a client of the node at `url` (`http://host:port`).
    ///
    /// ```
    /// let client = flux_client::rpc::Client::builder("http://127.0.0.1:16124").build().unwrap();
    /// ```
    pub fn builder(url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            url: url.into(),
            auth: Auth::None,
            options: TransportOptions::with_cap(DEFAULT_MAX_RESPONSE_BYTES),
        }
    }

    /// The same client (same connections, credentials and retries) with another request
    /// timeout, for one slow call.
    ///
    /// ```
    /// let client = flux_client::rpc::Client::builder("http://127.0.0.1:16124").build().unwrap();
    /// let slow = client.with_timeout(std::time::Duration::from_secs(600));
    /// assert_eq!(slow.timeout(), std::time::Duration::from_secs(600));
    /// ```
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            timeout,
        }
    }

    /// This handle's request timeout.
    ///
    /// ```
    /// let client = flux_client::rpc::Client::builder("http://127.0.0.1:16124").build().unwrap();
    /// assert_eq!(client.timeout(), flux_client::rpc::client::DEFAULT_TIMEOUT);
    /// ```
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The node's URL.
    ///
    /// ```
    /// let client = flux_client::rpc::Client::builder("http://127.0.0.1:1").build().unwrap();
    /// assert_eq!(client.url(), "http://127.0.0.1:1/");
    /// ```
    pub fn url(&self) -> &str {
        self.inner.transport.url()
    }

    /// The response cap in bytes.
    ///
    /// ```
    /// let client = flux_client::rpc::Client::builder("http://127.0.0.1:1").build().unwrap();
    /// assert_eq!(client.max_response_bytes(), 100 << 20);
    /// ```
    pub fn max_response_bytes(&self) -> u64 {
        self.inner.transport.max_response_bytes()
    }

    /// Sends one typed method and decodes its result.
    ///
    /// ```no_run
    /// # async fn demo(client: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// use flux_client::rpc::method::Call;
    /// let raw = client.request(&Call::with_params("getblockhash", &[0])?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn request<M: Method>(&self, method: &M) -> Result<M::Output, Error> {
        let name = method.name();
        let params = method.params()?;
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        let body = request_body(name, &params, id);
        let result = self
            .exchange(name, &body, method.idempotent(), |reply| {
                parse_response(name, reply.status, &reply.body)
            })
            .await;
        match result {
            Ok(raw) => method.decode(&raw),
            Err(e) => method.recover(e),
        }
    }

    /// Any method, untyped: the result exactly as the node sent it (number tokens untouched).
    /// `params` is a JSON array ([`crate::rpc::request::params`]).
    ///
    /// ```no_run
    /// # async fn demo(client: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let p = flux_client::rpc::request::params(&("t1abc...",))?;
    /// let r = client.call("validateaddress", p).await?;
    /// println!("{}", r.get());
    /// # Ok(()) }
    /// ```
    pub async fn call(&self, method: &str, params: Box<RawValue>) -> Result<Box<RawValue>, Error> {
        self.request(&Call::new(method, params)).await
    }

    /// The retry policy this client was built with.
    pub(crate) fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// Sends `body` with credentials, re-reading a cookie once on a 401 and retrying what
    /// is safe to retry; `parse` turns a reply into the outcome.
    pub(crate) async fn exchange<T>(
        &self,
        label: &str,
        body: &str,
        idempotent: bool,
        parse: impl Fn(&Reply) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let policy = self.inner.retry;
        let mut retries = 0u32;
        let mut cookie_reread = false;
        let mut reset_retried = false;
        loop {
            let credentials = self.credentials(label, false)?;
            let outcome = match self
                .inner
                .transport
                .post(label, body.to_owned(), self.timeout, credentials.as_ref())
                .await
            {
                Ok(reply) => parse(&reply),
                Err(e) => Err(e),
            };
            let err = match outcome {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            match &err {
                // fluxd rewrote its cookie (it restarted): read it again, once.
                Error::Auth { .. }
                    if matches!(self.inner.auth, Auth::CookieFile(_)) && !cookie_reread =>
                {
                    cookie_reread = true;
                    self.credentials(label, true)?;
                }
                e if e.is_retryable() && retries < policy.max_retries => {
                    sleep(policy.backoff(retries)).await;
                    retries += 1;
                }
                // A read may be sent again once when the connection broke mid-way.
                Error::Transport { .. } if idempotent && !reset_retried => {
                    reset_retried = true;
                }
                _ => return Err(err),
            }
        }
    }

    /// The credentials for the next request (reading the cookie file when needed).
    fn credentials(&self, label: &str, reread: bool) -> Result<Option<Credentials>, Error> {
        match &self.inner.auth {
            Auth::None => Ok(None),
            Auth::UserPass { user, password } => Ok(Some(Credentials {
                user: user.clone(),
                password: password.clone(),
            })),
            Auth::CookieFile(path) => {
                let mut cached = self
                    .inner
                    .cookie
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if reread || cached.is_none() {
                    *cached = Some(read_cookie(path).map_err(|message| Error::Auth {
                        method: label.to_owned(),
                        message,
                    })?);
                }
                Ok(cached.clone())
            }
        }
    }
}
