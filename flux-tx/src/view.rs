//! Serializable views of what flux-tx computes and builds, in the shape `flux tx sighash`,
//! `flux tx build` and `flux fluxnode start` print: every front end (CLI, wasm) serializes
//! these types instead of shaping JSON itself, so they cannot drift apart.

use serde::Serialize;

use crate::builder::Built;
use crate::sighash::SighashDigest;
use crate::transaction::Transaction;

/// One signature hash (`flux tx sighash`): `{"sighash"}` in display (reversed) order, as
/// fluxd's `uint256::GetHex` prints it; the signed bytes are the reverse.
///
/// ```
/// use flux_tx::sighash::SighashDigest;
/// use flux_tx::view::SighashView;
///
/// let mut bytes = [0u8; 32];
/// bytes[0] = 0xab;
/// let v = SighashView::new(SighashDigest::from_bytes(bytes));
/// assert!(v.sighash.ends_with("ab"));
/// assert_eq!(serde_json::to_string(&v).unwrap(), format!(r#"{{"sighash":"{}"}}"#, v.sighash));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SighashView {
    /// The digest, hex in display (reversed) order.
    pub sighash: String,
}

impl SighashView {
    /// The view of `digest`.
    ///
    /// ```
    /// let v = flux_tx::view::SighashView::new(flux_tx::sighash::SighashDigest::from_bytes([0; 32]));
    /// assert_eq!(v.sighash, "0".repeat(64));
    /// ```
    pub fn new(digest: SighashDigest) -> Self {
        SighashView {
            sighash: digest.to_string(),
        }
    }
}

impl From<SighashDigest> for SighashView {
    fn from(digest: SighashDigest) -> Self {
        SighashView::new(digest)
    }
}

/// A transaction built by [`crate::builder`] (`flux tx build`): `{"hex", "txid",
/// "complete"}`; `complete` is false while an input lacks signatures.
///
/// ```
/// let spec: serde_json::Value = serde_json::from_str(flux_tx::spec::TX_BUILD_EXAMPLE).unwrap();
/// let built = flux_tx::builder::build_from_spec(&spec).unwrap();
/// let v = flux_tx::view::BuiltTx::of(&built);
/// assert!(v.complete);
/// assert_eq!(v.txid, built.tx.txid().to_string());
/// assert!(serde_json::to_string(&v).unwrap().starts_with(r#"{"hex":"04000080"#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct BuiltTx {
    /// The serialized transaction, hex.
    pub hex: String,
    /// Its txid (display order).
    pub txid: String,
    /// Whether every input carries enough signatures.
    pub complete: bool,
}

impl BuiltTx {
    /// The view of `built`.
    ///
    /// ```
    /// let spec: serde_json::Value = serde_json::from_str(flux_tx::spec::TX_BUILD_EXAMPLE).unwrap();
    /// let v = flux_tx::view::BuiltTx::of(&flux_tx::builder::build_from_spec(&spec).unwrap());
    /// assert_eq!(v.txid.len(), 64);
    /// ```
    pub fn of(built: &Built) -> Self {
        BuiltTx {
            hex: hex::encode(built.tx.to_bytes()),
            txid: built.tx.txid().to_string(),
            complete: built.complete,
        }
    }
}

impl From<&Built> for BuiltTx {
    fn from(built: &Built) -> Self {
        BuiltTx::of(built)
    }
}

/// A signed transaction as hex and txid (`flux fluxnode start`): `{"hex", "txid"}`. For a
/// fluxnode transaction the txid is fluxd's (signatures left out).
///
/// ```
/// let spec: serde_json::Value = serde_json::from_str(flux_tx::spec::FLUXNODE_START_EXAMPLE).unwrap();
/// let (_, tx) = flux_tx::fluxnode_sign::start_from_spec(&spec).unwrap();
/// let v = flux_tx::view::SignedTx::of(&tx);
/// assert_eq!(v.txid, tx.txid().to_string());
/// assert_eq!(serde_json::to_value(&v).unwrap().as_object().unwrap().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SignedTx {
    /// The serialized transaction, hex.
    pub hex: String,
    /// Its txid (display order).
    pub txid: String,
}

impl SignedTx {
    /// The view of `tx`.
    ///
    /// ```
    /// let spec: serde_json::Value = serde_json::from_str(flux_tx::spec::FLUXNODE_START_EXAMPLE).unwrap();
    /// let (_, tx) = flux_tx::fluxnode_sign::start_from_spec(&spec).unwrap();
    /// assert_eq!(flux_tx::view::SignedTx::of(&tx).hex, hex::encode(tx.to_bytes()));
    /// ```
    pub fn of(tx: &Transaction) -> Self {
        SignedTx {
            hex: hex::encode(tx.to_bytes()),
            txid: tx.txid().to_string(),
        }
    }
}

impl From<&Transaction> for SignedTx {
    fn from(tx: &Transaction) -> Self {
        SignedTx::of(tx)
    }
}
