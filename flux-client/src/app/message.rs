//! FluxOS app registration and update messages: the exact string the owner signs, its
//! Bitcoin-magic signature, and the message hash the network stores and the payment's
//! OP_RETURN carries (`messageVerifier.verifyAppMessageSignature`,
//! `generalService.messageHash`).
//!
//! ```text
//! signed string = type ‖ "1" ‖ JSON.stringify(formatted spec) ‖ timestamp (decimal ms)
//! hash          = hex SHA-256( signed string ‖ signature text )
//! ```
//!
//! The spec is written exactly as JavaScript would write it, keys in the order the spec holds
//! them: build it with [`AppMessage::new`] from the formatter's output (what a node signs and
//! checks today), or with [`AppMessage::from_spec_json`] to keep a text as it was signed (e.g.
//! a v1–v3 message in the legacy key order FluxOS still accepts).

use flux_primitives::message::{sign, Magic};
use flux_primitives::PrivateKey;

use super::format::Formatted;
use super::js_json::{self, write_string};
use super::js_value::JsValue;
use super::AppError;

/// The message type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppMessageType {
    /// `fluxappregister`.
    Register,
    /// `fluxappupdate`.
    Update,
    /// `zelappregister` (legacy, still accepted).
    LegacyRegister,
    /// `zelappupdate` (legacy, still accepted).
    LegacyUpdate,
}

impl AppMessageType {
    /// The type string.
    ///
    /// ```
    /// use flux_client::app::message::AppMessageType;
    /// assert_eq!(AppMessageType::Register.as_str(), "fluxappregister");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            AppMessageType::Register => "fluxappregister",
            AppMessageType::Update => "fluxappupdate",
            AppMessageType::LegacyRegister => "zelappregister",
            AppMessageType::LegacyUpdate => "zelappupdate",
        }
    }

    /// Parses a type string.
    ///
    /// ```
    /// use flux_client::app::message::AppMessageType;
    /// assert_eq!(AppMessageType::parse("zelappupdate").unwrap(), AppMessageType::LegacyUpdate);
    /// assert!(AppMessageType::parse("register").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, AppError> {
        Ok(match s {
            "fluxappregister" => AppMessageType::Register,
            "fluxappupdate" => AppMessageType::Update,
            "zelappregister" => AppMessageType::LegacyRegister,
            "zelappupdate" => AppMessageType::LegacyUpdate,
            other => {
                return Err(AppError::Message {
                    message: format!("unknown message type {other:?}"),
                })
            }
        })
    }
}

/// An app message before or after signing.
#[derive(Debug, Clone, PartialEq)]
pub struct AppMessage {
    /// Register or update.
    pub kind: AppMessageType,
    /// The app specification object, keys in the order they are signed.
    pub spec: JsValue,
    /// Milliseconds since the Unix epoch, chosen by the signer.
    pub timestamp_ms: u64,
}

impl AppMessage {
    /// The type version FluxOS requires.
    pub const VERSION: u32 = 1;

    /// A message over the formatter's output (the spec a node verifies today).
    ///
    /// ```
    /// use flux_client::app::{format::format_text, message::{AppMessage, AppMessageType}};
    /// let spec = format_text(r#"{"version":1,"name":"a","description":"d","owner":"1x",
    ///   "repotag":"r","port":31000,"containerPort":80,"enviromentParameters":[],
    ///   "commands":[],"containerData":"/d","cpu":1,"ram":100,"hdd":1,"tiered":false}"#)
    ///     .unwrap();
    /// let m = AppMessage::new(AppMessageType::Register, &spec, 1750000000000);
    /// assert!(m.signed_string().unwrap().starts_with("fluxappregister1{\"version\":1,"));
    /// assert!(m.signed_string().unwrap().ends_with("}1750000000000"));
    /// ```
    pub fn new(kind: AppMessageType, spec: &Formatted, timestamp_ms: u64) -> Self {
        AppMessage {
            kind,
            spec: spec.0.clone(),
            timestamp_ms,
        }
    }

    /// A message over a spec's JSON text, kept in the text's key order.
    pub fn from_spec_json(
        kind: AppMessageType,
        spec_json: &str,
        timestamp_ms: u64,
    ) -> Result<Self, AppError> {
        Ok(AppMessage {
            kind,
            spec: js_json::parse(spec_json)?,
            timestamp_ms,
        })
    }

    /// `JSON.stringify(spec)`.
    pub fn spec_json(&self) -> Result<String, AppError> {
        match &self.spec {
            JsValue::Object(_) => Ok(self.spec.to_json().unwrap_or_default()),
            _ => Err(AppError::Message {
                message: "app specification is not a JSON object".into(),
            }),
        }
    }

    /// The exact string that is signed.
    pub fn signed_string(&self) -> Result<String, AppError> {
        Ok(format!(
            "{}{}{}{}",
            self.kind.as_str(),
            Self::VERSION,
            self.spec_json()?,
            self.timestamp_ms
        ))
    }

    /// Signs with the owner's key under the Bitcoin magic (RFC 6979); the base64 signature.
    pub fn sign(&self, key: &PrivateKey) -> Result<String, AppError> {
        let text = self.signed_string()?;
        Ok(sign(key, Magic::Bitcoin, text.as_bytes()).to_base64())
    }

    /// Checks a signature by `owner` (`1…` ZelID, hex public key, or `0x…` address), as
    /// FluxOS does for messages after 2023-07-10.
    pub fn verify(&self, signature: &str, owner: &str) -> Result<flux_zelid::Recovered, AppError> {
        let text = self.signed_string()?;
        flux_zelid::verify_message(Magic::Bitcoin, text.as_bytes(), signature, owner)
            .map_err(AppError::Signature)
    }

    /// The message hash FluxOS returns and the payment's OP_RETURN carries (64 hex chars).
    pub fn hash(&self, signature: &str) -> Result<String, AppError> {
        let mut text = self.signed_string()?;
        text.push_str(signature);
        Ok(hex::encode(flux_primitives::hash::sha256(text.as_bytes())))
    }

    /// The body to POST to `/apps/appregister` or `/apps/appupdate` (as `text/plain`):
    /// `{"type","version":1,"appSpecification","timestamp","signature"}`, the spec written
    /// byte for byte as signed.
    pub fn post_body(&self, signature: &str) -> Result<String, AppError> {
        let mut out = String::from("{\"type\":");
        write_string(self.kind.as_str(), &mut out);
        out.push_str(&format!(
            ",\"version\":{},\"appSpecification\":",
            Self::VERSION
        ));
        out.push_str(&self.spec_json()?);
        out.push_str(&format!(
            ",\"timestamp\":{},\"signature\":",
            self.timestamp_ms
        ));
        write_string(signature, &mut out);
        out.push('}');
        Ok(out)
    }

    /// The signed message as `flux app sign` prints it: the POST body plus the hash,
    /// `{"type","version":1,"appSpecification","timestamp","signature","hash"}`.
    pub fn signed_json(&self, signature: &str) -> Result<String, AppError> {
        let mut out = self.post_body(signature)?;
        out.pop();
        out.push_str(",\"hash\":");
        write_string(&self.hash(signature)?, &mut out);
        out.push('}');
        Ok(out)
    }
}
