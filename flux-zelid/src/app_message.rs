//! FluxOS app registration and update messages: the exact string the owner signs, and the
//! message hash the network stores (`messageVerifier`, `generalService.messageHash`).
//!
//! signed string = type ‖ "1" ‖ JSON.stringify(formatted spec) ‖ timestamp (decimal ms)
//! hash          = hex SHA-256( signed string ‖ signature text )
//!
//! The spec must already be in FluxOS's formatted key order (`specificationFormatter`,
//! FluxOS spec §5.2): this module writes it exactly as JavaScript would, it does not reorder.

use serde_json::Value;

use crate::js_json::to_js_json;
use crate::{sign_message, verify_message, Error, Magic, PrivateKey, Recovered};

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
    pub fn as_str(self) -> &'static str {
        match self {
            AppMessageType::Register => "fluxappregister",
            AppMessageType::Update => "fluxappupdate",
            AppMessageType::LegacyRegister => "zelappregister",
            AppMessageType::LegacyUpdate => "zelappupdate",
        }
    }

    /// Parses a type string.
    pub fn parse(s: &str) -> Result<Self, Error> {
        Ok(match s {
            "fluxappregister" => AppMessageType::Register,
            "fluxappupdate" => AppMessageType::Update,
            "zelappregister" => AppMessageType::LegacyRegister,
            "zelappupdate" => AppMessageType::LegacyUpdate,
            other => {
                return Err(Error::AppMessage {
                    reason: format!("unknown message type {other:?}"),
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
    /// The formatted app specification, keys in FluxOS's order.
    pub spec: Value,
    /// Milliseconds since the Unix epoch, chosen by the signer.
    pub timestamp_ms: u64,
}

impl AppMessage {
    /// The type version FluxOS requires.
    pub const VERSION: u32 = 1;

    /// The exact string that is signed.
    pub fn signed_string(&self) -> Result<String, Error> {
        if !self.spec.is_object() {
            return Err(Error::AppMessage {
                reason: "app specification is not a JSON object".into(),
            });
        }
        Ok(format!(
            "{}{}{}{}",
            self.kind.as_str(),
            Self::VERSION,
            to_js_json(&self.spec),
            self.timestamp_ms
        ))
    }

    /// Signs with the owner's key (Bitcoin magic); returns the base64 signature.
    pub fn sign(&self, key: &PrivateKey) -> Result<String, Error> {
        let text = self.signed_string()?;
        Ok(sign_message(key, Magic::Bitcoin, text.as_bytes()).to_base64())
    }

    /// Verifies a signature by `owner` (`1…` ZelID, public key, or `0x…` address).
    pub fn verify(&self, signature: &str, owner: &str) -> Result<Recovered, Error> {
        let text = self.signed_string()?;
        verify_message(Magic::Bitcoin, text.as_bytes(), signature, owner)
    }

    /// The message hash FluxOS returns and the payment's OP_RETURN carries.
    pub fn hash(&self, signature: &str) -> Result<String, Error> {
        let mut text = self.signed_string()?;
        text.push_str(signature);
        Ok(hex::encode(flux_primitives::hash::sha256(text.as_bytes())))
    }
}
