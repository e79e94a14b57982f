//! FluxOS's REST API (`http://node:16127`, `https://api.runonflux.io`).
//!
//! - Pure parts (always built, also on wasm32 without `http`): [`envelope`] unwraps
//!   `{status, data}` (errors come with HTTP 200), [`class`] says whether another node may
//!   succeed, [`session`] makes and holds `zelidauth` credentials, [`sticky`] follows the
//!   gateway's `fluxnode` header, [`types`] are the typed reads, [`register`] the
//!   registration result.
//! - With `http`: [`FluxOs`], the client: `text/plain` bodies (FluxOS hangs on
//!   `application/json` for all but [`client::JSON_BODY_ROUTES`]), node login that sticks to
//!   the issuing node, self-issued sessions, `x-apicache-bypass`, typed reads, the `/daemon/*`
//!   passthroughs with the RPC client's types, and the register/update flow
//!   ([`FluxOs::register`]).
//!
//! ```no_run
//! # async fn demo(spec: &str) -> Result<(), flux_client::Error> {
//! use flux_client::fluxos::FluxOs;
//! let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
//! let os = FluxOs::builder("https://api.runonflux.io").build()?;
//! match os.register(spec, &key, 1_750_000_000_000).await {
//!     Ok(r) => println!("pay {} FLUX to {}, memo {}", r.price, r.payment_address, r.hash),
//!     Err(e) if e.try_another_node() => println!("node busy, try another: {e}"),
//!     Err(e) => println!("refused: {e}"),
//! }
//! # Ok(()) }
//! ```

pub mod class;
pub mod envelope;
pub mod register;
pub mod session;
pub mod sticky;
pub mod types;

#[cfg(feature = "http")]
pub mod client;

pub use class::NextStep;
pub use register::Registration;
pub use session::{Scope, Session, SessionKind};
pub use sticky::{NodeAddress, Sticky};
pub use types::{
    AppLocation, DeploymentInformation, ExplorerUtxo, FluxInfo, FluxSection, GlobalApp,
    PermanentMessage, PriceQuote,
};

#[cfg(feature = "http")]
pub use client::{FluxOs, FluxOsBuilder};
