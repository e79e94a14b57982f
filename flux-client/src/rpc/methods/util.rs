//! Utilities: validateaddress, verifymessage, estimatefee.

use flux_primitives::Amount;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::Typed;
use crate::rpc::amount::signed_from_raw;
use crate::rpc::method::Method;
use crate::Error;

/// validateaddress (transparent addresses; wallet fields only with a wallet).
///
/// ```
/// let v: flux_client::rpc::methods::AddressValidation = serde_json::from_str(r#"{"isvalid": false}"#).unwrap();
/// assert!(!v.isvalid);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AddressValidation {
    /// Whether the address is valid on the node's network.
    pub isvalid: bool,
    /// The address.
    #[serde(default)]
    pub address: Option<String>,
    /// Its locking script, hex.
    #[serde(default, rename = "scriptPubKey")]
    pub script_pub_key: Option<String>,
    /// Wallet: owned.
    #[serde(default)]
    pub ismine: Option<bool>,
    /// Wallet: watch-only.
    #[serde(default)]
    pub iswatchonly: Option<bool>,
    /// Wallet: P2SH.
    #[serde(default)]
    pub isscript: Option<bool>,
    /// Wallet: the public key, hex.
    #[serde(default)]
    pub pubkey: Option<String>,
    /// Wallet: compressed key.
    #[serde(default)]
    pub iscompressed: Option<bool>,
}

/// validateaddress `address`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::validate_address("t1x").params().unwrap().get(), r#"["t1x"]"#);
/// ```
pub fn validate_address(address: &str) -> Typed<AddressValidation> {
    Typed::new("validateaddress", &[address])
}

/// verifymessage `address` `signature (base64)` `message`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::verify_message("t1x", "c2ln", "hi").name(), "verifymessage");
/// ```
pub fn verify_message(address: &str, signature_base64: &str, message: &str) -> Typed<bool> {
    Typed::new("verifymessage", &[address, signature_base64, message])
}

/// estimatefee `blocks`: the fee per kB, or `None` when fluxd has no estimate (it answers
/// `-1.0`).
///
/// ```
/// use flux_client::rpc::method::Method;
/// let m = flux_client::rpc::methods::estimate_fee(6);
/// let raw = |s: &str| serde_json::value::RawValue::from_string(s.into()).unwrap();
/// assert_eq!(m.decode(&raw("-1.0")).unwrap(), None);
/// assert_eq!(m.decode(&raw("0.00001000")).unwrap().unwrap().to_zat(), 1000);
/// ```
#[derive(Debug, Clone)]
pub struct EstimateFee {
    blocks: u32,
}

/// estimatefee.
///
/// ```
/// use flux_client::rpc::method::Method;
/// assert_eq!(flux_client::rpc::methods::estimate_fee(2).params().unwrap().get(), "[2]");
/// ```
pub fn estimate_fee(blocks: u32) -> EstimateFee {
    EstimateFee { blocks }
}

impl Method for EstimateFee {
    type Output = Option<Amount>;
    fn name(&self) -> &str {
        "estimatefee"
    }
    fn params(&self) -> Result<Box<RawValue>, Error> {
        crate::rpc::request::params(&[self.blocks])
    }
    fn decode(&self, result: &RawValue) -> Result<Option<Amount>, Error> {
        let v = signed_from_raw(result).map_err(|e| Error::decode("estimatefee", e))?;
        if v.to_zat() < 0 {
            return Ok(None);
        }
        Amount::try_from(v)
            .map(Some)
            .map_err(|e| Error::decode("estimatefee", e))
    }
}
