//! A ZelID: the `1…` Bitcoin-style address or `0x…` Ethereum address a user signs in with,
//! checked once when it is made.

use std::hash::{Hash, Hasher};

use crate::{Error, Signer, ZelIdProblem};

/// A ZelID in the form FluxOS's `verifyLogin` accepts: `1` + 24–33 more base58 characters,
/// or `0x` + 40 hex characters. Flux `t1…`, P2SH `3…` and bech32 addresses are not ZelIDs.
///
/// It keeps the text as given. Two `0x…` ZelIDs are equal when they differ only in case
/// (FluxOS stores them lower-case; wallets show them checksummed), `1…` ones when they are
/// the same text.
///
/// ```
/// use flux_zelid::ZelId;
///
/// let z: ZelId = "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap();
/// assert_eq!(z.as_str(), "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W");
/// assert!(!z.is_ethereum());
/// let e = ZelId::parse("0x9b171ad2f4b2b5b3f4d1e5c4b3a2918f7e6d5c4b").unwrap();
/// assert_eq!(e, ZelId::parse("0x9B171AD2F4B2B5B3F4D1E5C4B3A2918F7E6D5C4B").unwrap());
/// assert!("t1g4kUVY1aJtENtWD69wfNbjJ3Cfd2E8dCF".parse::<ZelId>().is_err());
/// ```
#[derive(Debug, Clone, Eq)]
pub struct ZelId(String);

impl ZelId {
    /// Checks the form and keeps the text ([`Error::ZelId`] otherwise).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = |problem| Error::ZelId {
            zelid: text.to_string(),
            problem,
        };
        const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        if text.starts_with('1') {
            if !(25..=34).contains(&text.len()) {
                return Err(bad(ZelIdProblem::Length));
            }
            if !text.chars().all(|c| BASE58.contains(c)) {
                return Err(bad(ZelIdProblem::NotBase58));
            }
        } else if let Some(body) = text.strip_prefix("0x") {
            if body.len() != 40 || !body.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad(ZelIdProblem::NotFortyHex));
            }
        } else {
            return Err(bad(ZelIdProblem::Prefix));
        }
        Ok(ZelId(text.to_string()))
    }

    /// A ZelID from the text of an [`crate::Address::zelid`], which always has the form.
    pub(crate) fn from_address_text(text: String) -> Self {
        ZelId(text)
    }

    /// The ZelID as given.
    ///
    /// ```
    /// use flux_zelid::ZelId;
    /// assert_eq!(ZelId::parse("1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W").unwrap().as_str().len(), 34);
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for an `0x…` (Ethereum `personal_sign`) ZelID.
    ///
    /// ```
    /// use flux_zelid::ZelId;
    /// assert!(ZelId::parse("0x9b171ad2f4b2b5b3f4d1e5c4b3a2918f7e6d5c4b").unwrap().is_ethereum());
    /// ```
    pub fn is_ethereum(&self) -> bool {
        self.0.starts_with("0x")
    }

    /// Whom a signature by this ZelID must recover to. A `1…` ZelID that is well formed
    /// but has a bad base58check checksum fails here.
    ///
    /// ```
    /// use flux_zelid::{Signer, ZelId};
    ///
    /// let z = ZelId::parse("1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W").unwrap();
    /// assert!(matches!(z.signer().unwrap(), Signer::Address(_)));
    /// ```
    pub fn signer(&self) -> Result<Signer, Error> {
        Signer::parse(&self.0)
    }

    /// The ZelID as given, owned.
    ///
    /// ```
    /// use flux_zelid::ZelId;
    /// let z = ZelId::parse("1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W").unwrap();
    /// assert_eq!(z.into_string(), "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W");
    /// ```
    pub fn into_string(self) -> String {
        self.0
    }
}

impl PartialEq for ZelId {
    fn eq(&self, other: &Self) -> bool {
        if self.is_ethereum() && other.is_ethereum() {
            self.0.eq_ignore_ascii_case(&other.0)
        } else {
            self.0 == other.0
        }
    }
}

impl Hash for ZelId {
    // Consistent with `eq`: `0x…` ZelIDs hash their lower-case form.
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.is_ethereum() {
            for b in self.0.bytes() {
                state.write_u8(b.to_ascii_lowercase());
            }
            state.write_u8(0xff);
        } else {
            self.0.hash(state);
        }
    }
}

impl std::str::FromStr for ZelId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        ZelId::parse(s)
    }
}

impl std::fmt::Display for ZelId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for ZelId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for ZelId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for ZelId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        ZelId::parse(&s).map_err(serde::de::Error::custom)
    }
}
