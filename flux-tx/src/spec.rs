//! Reading JSON specifications (`flux fluxnode start`, `flux tx build`): typed errors that
//! name the missing, invalid or contradicting field.

use flux_primitives::hash::Txid;
use flux_primitives::{Network, PrivateKey};
use serde_json::Value;

use crate::error::SpecProblem;
use crate::Error;

/// A JSON object being read, with the path of its fields for error messages.
pub struct Fields<'a> {
    obj: &'a serde_json::Map<String, Value>,
    path: String,
}

impl<'a> Fields<'a> {
    /// Wraps `v`, which must be an object.
    pub fn new(v: &'a Value, path: &str) -> Result<Self, Error> {
        let obj = v.as_object().ok_or_else(|| {
            Error::spec(
                if path.is_empty() { "spec" } else { path },
                SpecProblem::NotObject,
            )
        })?;
        Ok(Fields {
            obj,
            path: path.to_string(),
        })
    }

    /// The full name of field `k`.
    pub fn name(&self, k: &str) -> String {
        if self.path.is_empty() {
            k.to_string()
        } else {
            format!("{}.{k}", self.path)
        }
    }

    /// The raw value of `k`, if present and not null.
    pub fn get(&self, k: &str) -> Option<&'a Value> {
        self.obj.get(k).filter(|v| !v.is_null())
    }

    /// True when `k` is present.
    pub fn has(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    /// A required field.
    pub fn req(&self, k: &str) -> Result<&'a Value, Error> {
        self.get(k)
            .ok_or_else(|| Error::spec(self.name(k), SpecProblem::Required))
    }

    /// An optional string.
    pub fn opt_str(&self, k: &str) -> Result<Option<&'a str>, Error> {
        self.get(k)
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| Error::spec(self.name(k), SpecProblem::NotString))
            })
            .transpose()
    }

    /// A required string.
    pub fn str(&self, k: &str) -> Result<&'a str, Error> {
        self.opt_str(k)?
            .ok_or_else(|| Error::spec(self.name(k), SpecProblem::Required))
    }

    /// An optional unsigned integer no larger than `max`.
    pub fn opt_u64(&self, k: &str, max: u64) -> Result<Option<u64>, Error> {
        self.get(k)
            .map(|v| {
                v.as_u64()
                    .filter(|n| *n <= max)
                    .ok_or_else(|| Error::spec(self.name(k), SpecProblem::IntegerRange { max }))
            })
            .transpose()
    }

    /// A required unsigned integer no larger than `max`.
    pub fn u64(&self, k: &str, max: u64) -> Result<u64, Error> {
        self.opt_u64(k, max)?
            .ok_or_else(|| Error::spec(self.name(k), SpecProblem::Required))
    }

    /// An optional hex string.
    pub fn opt_hex(&self, k: &str) -> Result<Option<Vec<u8>>, Error> {
        self.opt_str(k)?
            .map(|s| {
                hex::decode(s.trim())
                    .map_err(|e| Error::spec(self.name(k), SpecProblem::NotHex(e.into())))
            })
            .transpose()
    }

    /// A required hex string.
    pub fn hex(&self, k: &str) -> Result<Vec<u8>, Error> {
        self.opt_hex(k)?
            .ok_or_else(|| Error::spec(self.name(k), SpecProblem::Required))
    }

    /// An optional WIF key.
    pub fn opt_wif(&self, k: &str) -> Result<Option<PrivateKey>, Error> {
        self.opt_str(k)?
            .map(|s| {
                PrivateKey::from_wif(s)
                    .map_err(|e| Error::spec(self.name(k), SpecProblem::Primitives(e)))
            })
            .transpose()
    }

    /// A txid in display hex.
    pub fn txid(&self, k: &str) -> Result<Txid, Error> {
        self.str(k)?
            .parse()
            .map_err(|e| Error::spec(self.name(k), SpecProblem::Primitives(e)))
    }

    /// `network` (`main`, `test`, `regtest`), required.
    pub fn network(&self) -> Result<Network, Error> {
        self.str("network")?
            .parse()
            .map_err(|e| Error::spec(self.name("network"), SpecProblem::Primitives(e)))
    }

    /// Refuses fields this object does not know (catches misspellings).
    pub fn only(&self, known: &[&str]) -> Result<(), Error> {
        match self.obj.keys().find(|k| !known.contains(&k.as_str())) {
            Some(k) => Err(Error::spec(self.name(k), SpecProblem::Unknown)),
            None => Ok(()),
        }
    }
}

/// The fields of the `tx build` specification ([`crate::builder::build_from_spec`]), as
/// `flux tx build --help` shows them. [`TX_BUILD_EXAMPLE`] is a specification that builds.
///
/// ```
/// assert!(flux_tx::spec::TX_BUILD_FIELDS.contains("change_address"));
/// ```
pub const TX_BUILD_FIELDS: &str = "\
Specification (a JSON object):
  network          main | test | regtest (required; every address and WIF must belong to it)
  inputs           array (required) of the coins spent, in order:
    txid             the spent transaction's id (display hex)
    vout             the spent output's index
    amount           its value in zatoshis
    wif              the key of a P2PKH (or P2PK) coin; signs the input
    script_pubkey    the coin's scriptPubKey hex (optional with wif: P2PKH of its key)
    redeem_script    a P2SH multisig coin's redeem script hex, with
    wifs             the keys that sign it now (fewer than m: a partial signature)
    sighash          ALL (default), NONE, SINGLE, each optionally |ANYONECANPAY
    sequence         default 4294967295
    (an input with neither wif nor redeem_script is left unsigned)
  outputs          array (required), kept in the order given; each one of:
    address + amount     a transparent address and zatoshis
    script + amount      a scriptPubKey hex and zatoshis
    data                 OP_RETURN data hex (amount optional, default 0)
  fee              zatoshis; without change_address, inputs must equal outputs + fee
  change_address   where inputs - outputs - fee go (needs fee)
  change_position  where the change output goes: \"last\" (default), \"before_op_return\"
                   (before any OP_RETURN output, which stays last, where FluxOS reads a memo),
                   or its index among the outputs (0 = first)
  height           the height the transaction is for: branch id and expiry follow from it
  branch_id        consensus branch id (default: from height, else the newest upgrade)
  expiry_height    default height + 20, or 0 without height
  locktime         default 0
  version          4 (the only one built)
Prints {\"hex\", \"txid\", \"complete\"}; complete is false while a signature is missing.";

/// A `tx build` specification that builds: the Trust Wallet mainnet transaction (one P2PKH
/// input signed with its WIF, one output).
///
/// ```
/// let spec: serde_json::Value = serde_json::from_str(flux_tx::spec::TX_BUILD_EXAMPLE).unwrap();
/// let built = flux_tx::builder::build_from_spec(&spec).unwrap();
/// assert!(built.complete);
/// ```
pub const TX_BUILD_EXAMPLE: &str = r#"{"network": "main", "inputs": [{"txid": "15881187a82a966ce6cc08d91617bce279d476b850d8c689f02b4a1fab982d5e", "vout": 0, "amount": 144997740, "wif": "L5BdCEV3YkcUdCeDLkV95tkuEANez1GU3BY8J2yqSLLfhyFGtRoh"}], "outputs": [{"address": "t1UPSwfMYLe18ezbCqnR5QgdJGznzCUYHkj", "amount": 144995480}]}"#;

/// The fields of the fluxnode START specification
/// ([`crate::fluxnode_sign::start_from_spec`]), as `flux fluxnode start --help` shows them.
///
/// ```
/// assert!(flux_tx::spec::FLUXNODE_START_FIELDS.contains("collateral_wif"));
/// ```
pub const FLUXNODE_START_FIELDS: &str = "\
Specification (a JSON object):
  network                main | test | regtest (required)
  version                5, or 6 (needed for a P2SH collateral and for delegates) (required)
  collateral             {\"txid\": display hex, \"vout\": n}: the collateral output (required)
  fluxnode_public_key    the node's operator public key hex (required)
  sig_time               the START's signature time, UNIX seconds (required)
  collateral_wif         the key of a P2PKH collateral; signs the START
  redeem_script + wif    a P2SH collateral (version 6): its redeem script hex and a key in it
  collateral_public_key  the collateral's public key hex, when a delegate signs
  delegates              version 6 only: {\"type\": \"update\", \"public_keys\": [hex, ...]} stores
                         delegate keys; {\"type\": \"signing\", \"signer_wif\": WIF} signs with a
                         stored delegate key instead of the collateral's
Prints {\"hex\", \"txid\"}.";

/// A fluxnode START specification that builds.
///
/// ```
/// let spec: serde_json::Value = serde_json::from_str(flux_tx::spec::FLUXNODE_START_EXAMPLE).unwrap();
/// assert!(flux_tx::fluxnode_sign::start_from_spec(&spec).is_ok());
/// ```
pub const FLUXNODE_START_EXAMPLE: &str = r#"{"network": "main", "version": 5, "collateral": {"txid": "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef", "vout": 1}, "collateral_wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW", "fluxnode_public_key": "02b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb561", "sig_time": 1700000000}"#;

/// The fields of a spent-outputs list ([`crate::sign::prevouts_from_json`], `flux tx verify
/// --prevouts`).
///
/// ```
/// assert!(flux_tx::spec::PREVOUTS_FIELDS.contains("valueSat"));
/// ```
pub const PREVOUTS_FIELDS: &str = "\
--prevouts: a JSON array, one object per input in input order, of the outputs they spend:
  script_pubkey (or scriptPubKey)   the spent scriptPubKey hex
  amount (or valueSat)              its value in zatoshis
  e.g. [{\"script_pubkey\": \"76a9142d39baffcd2118e9e057177fee007132e4bd6f3c88ac\", \"amount\": 55110000000}]
Other fields (txid, vout, address as explorers give them) are ignored.";
