//! The HTTP transport (feature `http`): one POST, the body read as it streams in and cut
//! off at the response cap; a timer for retry backoff on native and wasm32.

use std::time::Duration;

use futures_util::StreamExt;

use super::auth::Credentials;
use crate::options::TransportOptions;
use crate::Error;

/// A reqwest client bound to one fluxd URL.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    url: reqwest::Url,
    max_response_bytes: u64,
}

/// What came back: the HTTP status and the whole body (at most the cap).
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Transport {
    pub(crate) fn new(url: &str, options: &TransportOptions) -> Result<Transport, Error> {
        let url = reqwest::Url::parse(url).map_err(|e| Error::input("rpc url", e))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::input("rpc url", "the scheme must be http or https"));
        }
        Ok(Transport {
            http: options.http_client()?,
            url,
            max_response_bytes: options.max_response_bytes,
        })
    }

    pub(crate) fn url(&self) -> &str {
        self.url.as_str()
    }

    pub(crate) fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// POSTs `body` and reads the answer, never holding more than the cap.
    pub(crate) async fn post(
        &self,
        method: &str,
        body: String,
        timeout: Duration,
        credentials: Option<&Credentials>,
    ) -> Result<Reply, Error> {
        let mut req = self
            .http
            .post(self.url.clone())
            .header("content-type", "application/json")
            .timeout(timeout)
            .body(body);
        if let Some(c) = credentials {
            req = req.basic_auth(&c.user, Some(c.password.as_str()));
        }
        let fail = |e: reqwest::Error| wire_error(method, timeout, e);
        let resp = req.send().await.map_err(fail)?;
        let status = resp.status().as_u16();
        let out = read_capped(resp, method, timeout, self.max_response_bytes).await?;
        Ok(Reply { status, body: out })
    }
}

/// Reads a response body as it streams in, failing with [`Error::TooLarge`] as soon as it
/// passes `cap` bytes (a hostile node cannot make the client hold more).
pub(crate) async fn read_capped(
    resp: reqwest::Response,
    method: &str,
    timeout: Duration,
    cap: u64,
) -> Result<Vec<u8>, Error> {
    let too_large = || Error::TooLarge {
        method: method.to_owned(),
        limit: cap,
    };
    if resp.content_length().is_some_and(|n| n > cap) {
        return Err(too_large());
    }
    // Pre-size from Content-Length, but never trust it for more than 1 MiB up front.
    let hint = resp.content_length().unwrap_or(0).min(1 << 20);
    let mut out = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| wire_error(method, timeout, e))?;
        if (out.len() as u64).saturating_add(chunk.len() as u64) > cap {
            return Err(too_large());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Maps a reqwest failure: a timeout anywhere is [`Error::Timeout`]; a failure to connect
/// is a transport error "before send" (safe to retry).
pub(crate) fn wire_error(method: &str, timeout: Duration, e: reqwest::Error) -> Error {
    if e.is_timeout() {
        return Error::Timeout {
            method: method.to_owned(),
            timeout,
        };
    }
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let before_send = e.is_connect();
    // On wasm32 reqwest has no connect errors: fetch() rejects with one opaque TypeError
    // ("fetch failed" in Node, "Failed to fetch" in browsers) for a refused connection and
    // a reset alike, which reqwest reports as a request error (a body or decode error
    // comes later, once a response exists). A refused connection, fluxd restarting, is
    // the case that matters, so a fetch rejected before any response is retried as on
    // native. The only method that is not a read, sendrawtransaction, stays safe to send
    // again: fluxd answers a transaction it already has with its txid (mempool) or RPC
    // -27, which the client returns as "already known" with the txid.
    #[cfg(target_arch = "wasm32")]
    let before_send = fetch_rejected(&e);
    Error::Transport {
        method: method.to_owned(),
        message,
        before_send,
    }
}

/// True for a wasm32 fetch() that failed before any response (see [`wire_error`]).
#[cfg(target_arch = "wasm32")]
fn fetch_rejected(e: &reqwest::Error) -> bool {
    e.is_request() && !e.is_body() && !e.is_decode() && !e.is_timeout() && e.status().is_none()
}

/// Waits `d` (tokio's timer on native, `setTimeout` on wasm32).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn sleep(d: Duration) {
    tokio::time::sleep(d).await;
}

/// Waits `d` (tokio's timer on native, `setTimeout` on wasm32).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn sleep(d: Duration) {
    use wasm_bindgen::JsCast;
    let ms = f64::from(u32::try_from(d.as_millis()).unwrap_or(u32::MAX));
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let global = js_sys::global();
        let set_timeout = js_sys::Reflect::get(&global, &"setTimeout".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match set_timeout {
            Some(f) => {
                let _ = f.call2(&global, &resolve, &ms.into());
            }
            // No timer in this JavaScript host: retry at once rather than never.
            None => {
                let _ = resolve.call0(&global);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
