//! Reading JSON specifications (`flux fluxnode start`, `flux tx build`): typed errors that
//! name the missing, invalid or contradicting field.

use flux_primitives::hash::Txid;
use flux_primitives::{Network, PrivateKey};
use serde_json::Value;

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
                "must be a JSON object",
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
            .ok_or_else(|| Error::spec(self.name(k), "is required"))
    }

    /// An optional string.
    pub fn opt_str(&self, k: &str) -> Result<Option<&'a str>, Error> {
        self.get(k)
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| Error::spec(self.name(k), "must be a string"))
            })
            .transpose()
    }

    /// A required string.
    pub fn str(&self, k: &str) -> Result<&'a str, Error> {
        self.opt_str(k)?
            .ok_or_else(|| Error::spec(self.name(k), "is required"))
    }

    /// An optional unsigned integer no larger than `max`.
    pub fn opt_u64(&self, k: &str, max: u64) -> Result<Option<u64>, Error> {
        self.get(k)
            .map(|v| {
                v.as_u64().filter(|n| *n <= max).ok_or_else(|| {
                    Error::spec(self.name(k), format!("must be an integer from 0 to {max}"))
                })
            })
            .transpose()
    }

    /// A required unsigned integer no larger than `max`.
    pub fn u64(&self, k: &str, max: u64) -> Result<u64, Error> {
        self.opt_u64(k, max)?
            .ok_or_else(|| Error::spec(self.name(k), "is required"))
    }

    /// An optional hex string.
    pub fn opt_hex(&self, k: &str) -> Result<Option<Vec<u8>>, Error> {
        self.opt_str(k)?
            .map(|s| {
                hex::decode(s.trim())
                    .map_err(|e| Error::spec(self.name(k), format!("not hex: {e}")))
            })
            .transpose()
    }

    /// A required hex string.
    pub fn hex(&self, k: &str) -> Result<Vec<u8>, Error> {
        self.opt_hex(k)?
            .ok_or_else(|| Error::spec(self.name(k), "is required"))
    }

    /// An optional WIF key.
    pub fn opt_wif(&self, k: &str) -> Result<Option<PrivateKey>, Error> {
        self.opt_str(k)?
            .map(|s| PrivateKey::from_wif(s).map_err(|e| Error::spec(self.name(k), e.to_string())))
            .transpose()
    }

    /// A txid in display hex.
    pub fn txid(&self, k: &str) -> Result<Txid, Error> {
        self.str(k)?
            .parse()
            .map_err(|e: flux_primitives::Error| Error::spec(self.name(k), e.to_string()))
    }

    /// `network` (`main`, `test`, `regtest`), required.
    pub fn network(&self) -> Result<Network, Error> {
        self.str("network")?
            .parse()
            .map_err(|e: flux_primitives::Error| Error::spec(self.name("network"), e.to_string()))
    }

    /// Refuses fields this object does not know (catches misspellings).
    pub fn only(&self, known: &[&str]) -> Result<(), Error> {
        match self.obj.keys().find(|k| !known.contains(&k.as_str())) {
            Some(k) => Err(Error::spec(self.name(k), "unknown field")),
            None => Ok(()),
        }
    }
}
