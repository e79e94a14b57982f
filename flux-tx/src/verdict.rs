//! Serializable verdicts of the transaction checks, in the shape `flux tx verify` and
//! `flux fluxnode verify` print, so every front end (CLI, wasm, examples) shows the same thing.

use serde::Serialize;

use crate::fluxnode_sign::{SignatureCheck, SignatureKind, Signer, Validity};
use crate::sign::{InputFailure, InputKind};
use crate::transaction::Transaction;

/// The verdict on one transparent input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputVerdict {
    /// Index of the input.
    pub input: usize,
    /// Whether its signature script satisfies the output it spends.
    pub valid: bool,
    /// What the input spends when valid (serialized as fluxd's type name: `pubkeyhash`,
    /// `scripthash`, ...).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<InputKind>,
    /// Why it fails, when it does (serialized as its message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<InputFailure>,
}

/// The verdict on every transparent input of a transaction.
///
/// ```
/// use flux_tx::sign::{InputFailure, InputKind};
/// use flux_tx::verdict::InputsVerdict;
/// let v = InputsVerdict::from_results(&[Ok(InputKind::PubKeyHash), Err(InputFailure::BadSignature)]);
/// assert!(!v.valid);
/// assert_eq!(
///     serde_json::to_string(&v).unwrap(),
///     r#"{"valid":false,"inputs":[{"input":0,"valid":true,"type":"pubkeyhash"},{"input":1,"valid":false,"reason":"signature does not verify"}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputsVerdict {
    /// True when every input verifies.
    pub valid: bool,
    /// One verdict per input, in order.
    pub inputs: Vec<InputVerdict>,
}

impl InputsVerdict {
    /// Gathers the per-input results of [`crate::sign::verify_inputs`].
    ///
    /// ```
    /// use flux_tx::sign::InputKind;
    /// let v = flux_tx::verdict::InputsVerdict::from_results(&[Ok(InputKind::PubKey)]);
    /// assert!(v.valid);
    /// assert_eq!(v.inputs[0].kind, Some(InputKind::PubKey));
    /// ```
    pub fn from_results(results: &[Result<InputKind, InputFailure>]) -> Self {
        let inputs: Vec<InputVerdict> = results
            .iter()
            .enumerate()
            .map(|(input, r)| InputVerdict {
                input,
                valid: r.is_ok(),
                kind: r.as_ref().ok().copied(),
                reason: r.as_ref().err().cloned(),
            })
            .collect();
        InputsVerdict {
            valid: inputs.iter().all(|i| i.valid),
            inputs,
        }
    }
}

/// One fluxnode signature check, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureVerdict {
    /// Which signature (serialized `start`, `confirm` or `benchmark`).
    pub signature: SignatureKind,
    /// Who must have signed (serialized in words).
    pub signer: Signer,
    /// The key the signature recovers to (hex), if it recovers.
    pub recovered_public_key: Option<String>,
    /// The accepted keys (hex); empty when not known from the transaction alone.
    pub expected_public_keys: Vec<String>,
    /// `valid`, `invalid`, or `unchecked: signer key not known from the transaction`.
    pub result: &'static str,
}

/// The verdict on a fluxnode transaction's signatures.
///
/// ```
/// use flux_tx::verdict::FluxnodeVerdict;
/// let v = FluxnodeVerdict::new(flux_primitives::hash::Txid::from_bytes([0; 32]), &[]);
/// assert!(v.valid); // nothing failed
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FluxnodeVerdict {
    /// The transaction's fluxd txid.
    pub txid: String,
    /// False only when a check failed (an unchecked signature does not count as failed).
    pub valid: bool,
    /// Every signature check, in order.
    pub signatures: Vec<SignatureVerdict>,
}

impl FluxnodeVerdict {
    /// Shapes the checks of [`crate::fluxnode_sign::verify_fluxnode`] on a transaction whose
    /// txid is `txid`.
    pub fn new(txid: impl std::fmt::Display, checks: &[SignatureCheck]) -> Self {
        let signatures = checks
            .iter()
            .map(|c| SignatureVerdict {
                signature: c.signature,
                signer: c.signer,
                recovered_public_key: c.recovered.as_ref().map(hex::encode),
                expected_public_keys: c.expected.iter().map(hex::encode).collect(),
                result: match c.valid {
                    Validity::Valid => "valid",
                    Validity::Invalid(_) => "invalid",
                    Validity::Unchecked => "unchecked: signer key not known from the transaction",
                },
            })
            .collect();
        FluxnodeVerdict {
            txid: txid.to_string(),
            valid: checks.iter().all(|c| !c.valid.is_invalid()),
            signatures,
        }
    }

    /// Shapes the checks of a transaction.
    pub fn of(tx: &Transaction, checks: &[SignatureCheck]) -> Self {
        Self::new(tx.txid(), checks)
    }
}
