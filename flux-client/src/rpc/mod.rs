//! fluxd JSON-RPC: request building, response parsing and (with `http`) the transport.
//!
//! - Pure parts (always built, also on wasm32 without `http`): [`request`] builds JSON-RPC
//!   1.0 bodies, [`response`] reads fluxd's answers (JSON errors on any HTTP status,
//!   `"error": null`, `"result": null`, batches), [`method`] is the typed-method trait,
//!   [`amount`] reads amounts exactly from the decimal token, [`conf`] reads `flux.conf`.
//! - With `http`: [`Client`] on reqwest (rustls on native, fetch on wasm32) with
//!   cookie re-reading on 401, timeouts, safe retries, a response cap, and batches.
//!
//! ```no_run
//! # async fn demo() -> Result<(), flux_client::Error> {
//! use flux_client::rpc::{conf::FluxConf, Client};
//! let conf = FluxConf::read("/home/flux/.flux/flux.conf")?;
//! let client = Client::builder(conf.rpc_url()).auth(conf.auth()).build()?;
//! let best = client.call("getbestblockhash", flux_client::rpc::request::no_params()).await?;
//! # Ok(()) }
//! ```

pub mod amount;
pub mod auth;
pub mod batch;
pub mod check;
pub mod codes;
pub mod conf;
pub mod method;
pub mod methods;
pub mod request;
pub mod response;
pub mod retry;

#[cfg(feature = "http")]
pub mod client;
#[cfg(feature = "http")]
mod client_methods;
#[cfg(feature = "http")]
pub(crate) mod transport;

pub use auth::Auth;
pub use retry::RetryPolicy;

#[cfg(feature = "http")]
pub use client::{Client, ClientBuilder};
