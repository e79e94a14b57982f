//! FluxOS login phrases: a 13-digit millisecond timestamp followed by random base-36 text
//! (`idService.loginPhrase`), and the windows in which FluxOS accepts them.

use rand::Rng;

use crate::{Error, PhraseProblem, ZelId};

/// How long an issued phrase may be used to log in (FluxOS `activeloginphrases` TTL, 15 min).
pub const LOGIN_WINDOW_MS: u64 = 15 * 60 * 1000;
/// How long a self-signed phrase authenticates `user`-level calls without a login (16 h).
pub const USER_STATELESS_WINDOW_MS: u64 = 16 * 3600 * 1000;
/// How long a self-signed phrase authenticates app-owner calls without a login (2 h).
pub const APP_OWNER_STATELESS_WINDOW_MS: u64 = 2 * 3600 * 1000;
/// How long a login session lasts after the phrase's timestamp (FluxOS `loggedusers`, 14 d).
pub const SESSION_LIFETIME_MS: u64 = 14 * 24 * 3600 * 1000;
/// FluxOS refuses shorter phrases at login.
pub const MIN_PHRASE_LEN: usize = 40;
/// FluxOS refuses longer phrases on the stateless (no-login) path.
pub const MAX_STATELESS_PHRASE_LEN: usize = 70;

/// A login phrase. Parsing checks only its form; the windows are checked against a time.
///
/// Serializes as `flux zelid phrase` prints it: `{"login_phrase", "timestamp_ms"}`.
///
/// ```
/// use flux_zelid::phrase::LoginPhrase;
///
/// let p = LoginPhrase::parse("1700000000000abcdefghijklmnopqrstuvwxyz0123456789").unwrap();
/// let v = serde_json::to_value(&p).unwrap();
/// assert_eq!(v["login_phrase"], p.as_str());
/// assert_eq!(v["timestamp_ms"], 1_700_000_000_000u64);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct LoginPhrase {
    #[serde(rename = "login_phrase")]
    text: String,
    timestamp_ms: u64,
}

impl LoginPhrase {
    /// A fresh phrase in FluxOS's format: `now_ms` as 13 digits then four chunks of 11
    /// random base-36 characters (57 characters, inside both FluxOS length limits).
    pub fn generate(now_ms: u64) -> Self {
        const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut rng = rand::thread_rng();
        let mut text = format!("{now_ms:013}");
        for _ in 0..44 {
            let i = rng.gen_range(0..ALPHABET.len());
            text.push(char::from(ALPHABET.get(i).copied().unwrap_or(b'0')));
        }
        LoginPhrase {
            text,
            timestamp_ms: now_ms,
        }
    }

    /// Parses a phrase: at least 40 characters, the first 13 of them decimal digits.
    pub fn parse(text: &str) -> Result<Self, Error> {
        if text.len() < MIN_PHRASE_LEN {
            return Err(Error::PhraseFormat(PhraseProblem::TooShort {
                len: text.len(),
                min: MIN_PHRASE_LEN,
            }));
        }
        let digits = text
            .get(..13)
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
            .ok_or(Error::PhraseFormat(PhraseProblem::NoTimestamp))?;
        // 13 decimal digits always fit in a u64.
        let timestamp_ms = digits
            .parse()
            .map_err(|_| Error::PhraseFormat(PhraseProblem::NoTimestamp))?;
        Ok(LoginPhrase {
            text: text.to_string(),
            timestamp_ms,
        })
    }

    /// The phrase text (what is signed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its timestamp in milliseconds since the Unix epoch.
    pub fn timestamp_ms(&self) -> u64 {
        self.timestamp_ms
    }

    /// Checks that the phrase is not from the future and at most `window_ms` old at `now_ms`.
    pub fn check_window(&self, now_ms: u64, window_ms: u64) -> Result<(), Error> {
        if self.timestamp_ms > now_ms {
            return Err(Error::PhraseFromFuture {
                phrase_ms: self.timestamp_ms,
                now_ms,
            });
        }
        if now_ms - self.timestamp_ms > window_ms {
            return Err(Error::PhraseExpired {
                phrase_ms: self.timestamp_ms,
                now_ms,
                window_ms,
            });
        }
        Ok(())
    }

    /// The stateless check FluxOS applies to `user` and app-owner headers: 40–70 characters
    /// and within `window_ms`.
    pub fn check_stateless(&self, now_ms: u64, window_ms: u64) -> Result<(), Error> {
        if self.text.len() > MAX_STATELESS_PHRASE_LEN {
            return Err(Error::PhraseFormat(PhraseProblem::TooLongWithoutLogin {
                len: self.text.len(),
                max: MAX_STATELESS_PHRASE_LEN,
            }));
        }
        self.check_window(now_ms, window_ms)
    }
}

impl std::fmt::Display for LoginPhrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Checks a ZelID the way FluxOS's `verifyLogin` does; [`ZelId::parse`] without keeping
/// the result.
///
/// ```
/// use flux_zelid::phrase::check_zelid_format;
///
/// assert!(check_zelid_format("1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W").is_ok());
/// assert!(check_zelid_format("t1g4kUVY1aJtENtWD69wfNbjJ3Cfd2E8dCF").is_err());
/// ```
pub fn check_zelid_format(zelid: &str) -> Result<(), Error> {
    ZelId::parse(zelid).map(|_| ())
}
