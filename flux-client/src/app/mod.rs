//! The FluxOS app model: specifications exactly as the network judges them.
//!
//! Pure: no I/O, builds without the `http` feature and for wasm32.
//!
//! - [`spec`]: typed specifications v1–v8 (serde).
//! - [`format`](mod@format): FluxOS's `specificationFormatter` (raw JSON → canonical object and text).
//! - [`validate`]: FluxOS's validation at a height, first broken rule with FluxOS's message.
//! - [`price`]: price per month and the amounts the chain requires, in FluxOS's float order.
//! - [`message`]: the signed string, Bitcoin-magic signature and hash of register/update messages.
//! - [`payment`]: the payment transaction (deployment address by height, amount, change,
//!   the message hash as the last output's OP_RETURN).
//! - [`params`]: FluxOS's constants (activation heights, ports, limits).
//! - [`js_value`], [`js_json`], [`js_number`]: the JavaScript semantics those need
//!   (`JSON.parse`/`JSON.stringify`, `Number()`, `String()`), written out exactly.
//!
//! ```
//! use flux_client::app::format::format_text;
//! let canonical = format_text(r#"{"version":"1","name":"app","description":"d","owner":"1x",
//!   "repotag":"a/b:c","port":"31000","containerPort":80,"enviromentParameters":[],
//!   "commands":[],"containerData":"/data","cpu":1,"ram":1000,"hdd":"10","tiered":0}"#)
//!     .unwrap()
//!     .to_json();
//! assert_eq!(canonical, r#"{"version":1,"name":"app","description":"d","owner":"1x","repotag":"a/b:c","port":31000,"enviromentParameters":[],"commands":[],"containerPort":80,"containerData":"/data","cpu":1,"ram":1000,"hdd":10,"tiered":false}"#);
//! ```

pub mod chain_prices;
pub mod error;
pub mod format;
pub mod js_json;
pub mod js_number;
pub mod js_value;
pub mod message;
pub mod params;
pub mod payment;
pub mod price;
pub mod spec;
pub mod validate;

pub use error::AppError;
pub use format::{format_spec, format_text, Formatted};
pub use message::{AppMessage, AppMessageType};
pub use payment::{AppPayment, PaidApp, PaymentError, Utxo};
pub use price::{price_per_month, registration_amount, update_amount, JsPrice, PriceEpoch};
pub use spec::{AppSpec, Component, Enterprise, Tiers};
pub use validate::{validate_formatted, validate_spec, Broken, NotChecked, Rule, Validation};
