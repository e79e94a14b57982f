//! The HTTP settings the fluxd client ([`crate::rpc::Client`]) and the FluxOS client
//! ([`crate::fluxos::FluxOs`]) share: request and connect timeouts, the response cap and the
//! retry policy. Each builder starts from its own defaults (only the cap differs) and takes
//! the settings one by one or all at once (`options`).

use std::time::Duration;

use crate::rpc::RetryPolicy;

/// The default request timeout (30 s), connection included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default connect timeout (10 s; native only, fetch has none).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Timeouts, response cap and retries of one client.
///
/// ```
/// use std::time::Duration;
/// use flux_client::options::TransportOptions;
/// let o = TransportOptions { timeout: Duration::from_secs(5), ..TransportOptions::with_cap(1 << 20) };
/// let c = flux_client::rpc::Client::builder("http://127.0.0.1:16124").options(o).build().unwrap();
/// assert_eq!((c.timeout(), c.max_response_bytes()), (Duration::from_secs(5), 1 << 20));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportOptions {
    /// The request timeout, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// The connect timeout (ignored on wasm32: fetch has none; the request timeout covers
    /// it).
    pub connect_timeout: Duration,
    /// The largest response body read; a larger one fails with
    /// [`crate::Error::TooLarge`] as soon as it passes the cap, never buffered past it.
    pub max_response_bytes: u64,
    /// When calls are sent again (only where the server did not process them).
    pub retry: RetryPolicy,
}

impl TransportOptions {
    /// The default timeouts and retries with a response cap of `max_response_bytes`.
    ///
    /// ```
    /// let o = flux_client::options::TransportOptions::with_cap(8 << 20);
    /// assert_eq!(o.timeout, flux_client::options::DEFAULT_TIMEOUT);
    /// assert_eq!(o.retry, flux_client::rpc::RetryPolicy::default());
    /// ```
    pub fn with_cap(max_response_bytes: u64) -> TransportOptions {
        TransportOptions {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_response_bytes,
            retry: RetryPolicy::default(),
        }
    }

    /// A reqwest client with these settings' connect timeout.
    #[cfg(feature = "http")]
    pub(crate) fn http_client(&self) -> Result<reqwest::Client, crate::Error> {
        #[cfg(not(target_arch = "wasm32"))]
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .build()
            .map_err(|e| crate::Error::input("http client", e))?;
        // The browser's fetch has no separate connect timeout; the request timeout covers
        // it.
        #[cfg(target_arch = "wasm32")]
        let http = reqwest::Client::new();
        Ok(http)
    }
}

/// The setters of [`TransportOptions`] on a builder with an `options` field, written once
/// for both clients' builders. `$new` is the builder's constructor call in the examples.
#[cfg(feature = "http")]
macro_rules! transport_setters {
    ($new:literal) => {
        /// The request timeout, from connecting to the last byte of the body (default
        /// 30 s).
        ///
        /// ```
        #[doc = concat!("let b = ", $new, ".timeout(std::time::Duration::from_secs(60));")]
        /// ```
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = timeout;
            self
        }

        /// The connect timeout (default 10 s; ignored on wasm32).
        ///
        /// ```
        #[doc = concat!("let b = ", $new, ".connect_timeout(std::time::Duration::from_secs(2));")]
        /// ```
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.connect_timeout = timeout;
            self
        }

        /// The largest response body read; past it the call fails with
        /// [`crate::Error::TooLarge`] without reading on.
        ///
        /// ```
        #[doc = concat!("let b = ", $new, ".max_response_bytes(1 << 20);")]
        /// ```
        pub fn max_response_bytes(mut self, bytes: u64) -> Self {
            self.options.max_response_bytes = bytes;
            self
        }

        /// The retry policy (default [`crate::rpc::RetryPolicy::default`]).
        ///
        /// ```
        #[doc = concat!("let b = ", $new, ".retry(flux_client::rpc::RetryPolicy::none());")]
        /// ```
        pub fn retry(mut self, retry: crate::rpc::RetryPolicy) -> Self {
            self.options.retry = retry;
            self
        }

        /// All the transport settings at once.
        ///
        /// ```
        /// let o = flux_client::options::TransportOptions::with_cap(1 << 20);
        #[doc = concat!("let b = ", $new, ".options(o);")]
        /// ```
        pub fn options(mut self, options: crate::options::TransportOptions) -> Self {
            self.options = options;
            self
        }
    };
}

#[cfg(feature = "http")]
pub(crate) use transport_setters;
