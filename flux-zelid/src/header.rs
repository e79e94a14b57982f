//! The `zelidauth` header: `{zelid, signature, loginPhrase}` as a JSON object or as a
//! URL-encoded query string, the two forms FluxOS's `ensureObject` reads.

use serde_json::Value;

use crate::phrase::LoginPhrase;
use crate::privilege::Level;
use crate::{sign_message, Address, Error, HeaderProblem, Magic, PrivateKey, ZelId};

/// The longest header this crate reads or writes, in bytes (FluxOS values are ~200 bytes).
///
/// It bounds both sides: a header longer than this is refused before parsing, and a header
/// whose fields would re-emit, in either form, as more than this is refused after parsing.
/// So every accepted header can be passed on (a proxy re-emitting it, a client storing it)
/// and read back, which is what the `zelid_parse` fuzz target checks.
pub const MAX_HEADER_LEN: usize = 4096;

/// The two forms of a `zelidauth` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderForm {
    /// `{"zelid":…,"signature":…,"loginPhrase":…}`
    Json,
    /// `zelid=…&signature=…&loginPhrase=…`
    UrlEncoded,
}

impl HeaderForm {
    /// `json` or `urlencoded`.
    ///
    /// ```
    /// use flux_zelid::header::HeaderForm;
    /// assert_eq!(HeaderForm::UrlEncoded.name(), "urlencoded");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            HeaderForm::Json => "json",
            HeaderForm::UrlEncoded => "urlencoded",
        }
    }
}

impl std::fmt::Display for HeaderForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The credentials a `zelidauth` header carries. Serializes as the header's JSON object.
///
/// ```
/// use flux_zelid::header::ZelidAuth;
///
/// let auth = ZelidAuth::parse(r#"{"zelid":"1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W","signature":"SGk=","loginPhrase":"1700000000000x"}"#).unwrap();
/// assert_eq!(auth.zelid.as_str(), "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W");
/// assert_eq!(serde_json::to_value(&auth).unwrap()["loginPhrase"], "1700000000000x");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ZelidAuth {
    /// The ZelID (`1…` or `0x…`).
    pub zelid: ZelId,
    /// Signature of `login_phrase` by the ZelID (base64, or `0x` hex for Ethereum).
    pub signature: String,
    /// The signed login phrase.
    #[serde(rename = "loginPhrase")]
    pub login_phrase: String,
}

impl ZelidAuth {
    /// Signs `login_phrase` with `key` (Bitcoin message magic, as FluxOS verifies) and
    /// makes the header of the key's `1…` ZelID.
    ///
    /// ```
    /// use flux_zelid::header::ZelidAuth;
    /// use flux_zelid::PrivateKey;
    ///
    /// let key: PrivateKey = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let auth = ZelidAuth::sign(&key, "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b");
    /// assert_eq!(auth.zelid.as_str(), "1PQWN5vgV3P9KexYmhF133zDft34YhKB3L");
    /// ```
    pub fn sign(key: &PrivateKey, login_phrase: &str) -> Self {
        let zelid = Address::zelid(&key.public_key()).to_string();
        ZelidAuth {
            // A ZelID address is base58 with version 0x00: `1` + 25..=33 characters.
            zelid: ZelId::from_address_text(zelid),
            signature: sign_message(key, Magic::Bitcoin, login_phrase.as_bytes()).to_base64(),
            login_phrase: login_phrase.to_string(),
        }
    }

    /// Both forms and the fields, as `flux zelid header build` prints them; `form` picks
    /// which one is `header`.
    ///
    /// ```
    /// use flux_zelid::header::{HeaderForm, ZelidAuth};
    /// use flux_zelid::PrivateKey;
    ///
    /// let key: PrivateKey = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
    /// let built = ZelidAuth::sign(&key, "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b")
    ///     .built(HeaderForm::UrlEncoded);
    /// assert_eq!(built.header, built.urlencoded);
    /// ```
    pub fn built(&self, form: HeaderForm) -> BuiltHeader {
        BuiltHeader {
            header: self.encode(form),
            json: self.to_json(),
            urlencoded: self.to_urlencoded(),
            auth: self.clone(),
        }
    }

    /// The JSON form: `{"zelid":…,"signature":…,"loginPhrase":…}`.
    ///
    /// ```
    /// use flux_zelid::header::ZelidAuth;
    ///
    /// let h = r#"{"zelid":"1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W","signature":"SGk=","loginPhrase":"1700000000000x"}"#;
    /// assert_eq!(ZelidAuth::parse(h).unwrap().to_json(), h);
    /// ```
    pub fn to_json(&self) -> String {
        // A struct, not a `Map`: its fields serialize in declaration order whatever
        // serde_json's features are (FluxOS and browsers send this order).
        #[derive(serde::Serialize)]
        struct Wire<'a> {
            zelid: &'a str,
            signature: &'a str,
            #[serde(rename = "loginPhrase")]
            login_phrase: &'a str,
        }
        let wire = Wire {
            zelid: self.zelid.as_str(),
            signature: &self.signature,
            login_phrase: &self.login_phrase,
        };
        // Three string fields cannot fail to serialize.
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// The URL-encoded form, every reserved character percent-encoded (so a base64 `+`
    /// is sent as `%2B`, never read back as a space).
    ///
    /// ```
    /// use flux_zelid::header::ZelidAuth;
    ///
    /// let auth = ZelidAuth::parse("zelid=1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W&signature=a%2Bb&loginPhrase=x").unwrap();
    /// assert_eq!(auth.signature, "a+b");
    /// assert!(auth.to_urlencoded().contains("signature=a%2Bb"));
    /// ```
    pub fn to_urlencoded(&self) -> String {
        format!(
            "zelid={}&signature={}&loginPhrase={}",
            percent_encode(self.zelid.as_str()),
            percent_encode(&self.signature),
            percent_encode(&self.login_phrase)
        )
    }

    /// Parses either form (JSON when it starts with `{`).
    ///
    /// The ZelID must have FluxOS's form ([`ZelId`]); the phrase and signature are checked
    /// by [`verify_stateless`] or a [`crate::login::LoginVerifier`], not here.
    ///
    /// Only headers this crate can write back are accepted: the input must be at most
    /// [`MAX_HEADER_LEN`] bytes, and so must both re-emitted forms ([`Self::to_json`] escapes
    /// control characters as six bytes each, [`Self::to_urlencoded`] writes reserved bytes
    /// as three), otherwise [`Error::HeaderTooLong`].
    ///
    /// ```
    /// use flux_zelid::header::ZelidAuth;
    ///
    /// let auth = ZelidAuth::parse("zelid=1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W&signature=SGk%3D&loginPhrase=1700000000000x").unwrap();
    /// assert_eq!(auth.signature, "SGk=");
    /// assert_eq!(ZelidAuth::parse(&auth.to_json()).unwrap(), auth);
    /// ```
    pub fn parse(header: &str) -> Result<Self, Error> {
        if header.len() > MAX_HEADER_LEN {
            return Err(Error::HeaderTooLong {
                form: None,
                len: header.len(),
                max: MAX_HEADER_LEN,
            });
        }
        let t = header.trim();
        let auth = if t.starts_with('{') {
            Self::parse_json(t)?
        } else {
            Self::parse_urlencoded(t)?
        };
        // The input fits, but escaping can make a re-emitted form longer than the input
        // (a fuzzer found a 2,516-byte URL-encoded header whose JSON form is 4,358 bytes).
        // Refusing here, rather than raising the limit for written headers, keeps one limit
        // that every header this crate reads or writes obeys.
        for form in [HeaderForm::Json, HeaderForm::UrlEncoded] {
            let len = auth.encoded_len(form);
            if len > MAX_HEADER_LEN {
                return Err(Error::HeaderTooLong {
                    form: Some(form),
                    len,
                    max: MAX_HEADER_LEN,
                });
            }
        }
        Ok(auth)
    }

    /// The header in the given form.
    ///
    /// ```
    /// use flux_zelid::header::{HeaderForm, ZelidAuth};
    ///
    /// let auth = ZelidAuth {
    ///     zelid: "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap(),
    ///     signature: "SGk=".into(),
    ///     login_phrase: "1700000000000x".into(),
    /// };
    /// assert_eq!(
    ///     auth.encode(HeaderForm::UrlEncoded),
    ///     "zelid=1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W&signature=SGk%3D&loginPhrase=1700000000000x"
    /// );
    /// ```
    pub fn encode(&self, form: HeaderForm) -> String {
        match form {
            HeaderForm::Json => self.to_json(),
            HeaderForm::UrlEncoded => self.to_urlencoded(),
        }
    }

    /// The length in bytes of [`Self::encode`]`(form)`, without building it.
    ///
    /// ```
    /// use flux_zelid::header::{HeaderForm, ZelidAuth};
    ///
    /// let auth = ZelidAuth {
    ///     zelid: "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap(),
    ///     signature: "a\u{1}\"\n\\é\u{7f}".into(),
    ///     login_phrase: "x y".into(),
    /// };
    /// for form in [HeaderForm::Json, HeaderForm::UrlEncoded] {
    ///     assert_eq!(auth.encoded_len(form), auth.encode(form).len());
    /// }
    /// ```
    pub fn encoded_len(&self, form: HeaderForm) -> usize {
        let fields = [
            self.zelid.as_str(),
            self.signature.as_str(),
            self.login_phrase.as_str(),
        ];
        match form {
            // {"zelid":"","signature":"","loginPhrase":""} is 44 bytes.
            HeaderForm::Json => 44 + fields.iter().map(|f| json_string_len(f)).sum::<usize>(),
            // zelid=&signature=&loginPhrase= is 30 bytes.
            HeaderForm::UrlEncoded => {
                30 + fields
                    .iter()
                    .map(|f| f.bytes().map(percent_encoded_len).sum::<usize>())
                    .sum::<usize>()
            }
        }
    }

    fn parse_json(text: &str) -> Result<Self, Error> {
        let v: Value = serde_json::from_str(text).map_err(|e| {
            Error::Header(HeaderProblem::NotJson {
                line: e.line(),
                column: e.column(),
            })
        })?;
        let obj = v
            .as_object()
            .ok_or(Error::Header(HeaderProblem::NotAnObject))?;
        let field = |name: &'static str| -> Result<String, Error> {
            match obj.get(name) {
                None | Some(Value::Null) => Err(Error::MissingField { field: name }),
                Some(Value::String(s)) if s.is_empty() => Err(Error::MissingField { field: name }),
                Some(Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(Error::Header(HeaderProblem::NotAString { field: name })),
            }
        };
        Ok(ZelidAuth {
            zelid: ZelId::parse(&field("zelid")?)?,
            signature: field("signature")?,
            login_phrase: field("loginPhrase")?,
        })
    }

    fn parse_urlencoded(text: &str) -> Result<Self, Error> {
        let (mut zelid, mut signature, mut phrase) = (None, None, None);
        for pair in text.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(k)?;
            let (field, slot) = match key.as_str() {
                "zelid" => ("zelid", &mut zelid),
                "signature" => ("signature", &mut signature),
                "loginPhrase" => ("loginPhrase", &mut phrase),
                _ => continue,
            };
            if slot.is_some() {
                return Err(Error::Header(HeaderProblem::Duplicate { field }));
            }
            *slot = Some(percent_decode(v)?);
        }
        let need = |v: Option<String>, field: &'static str| {
            v.filter(|s| !s.is_empty())
                .ok_or(Error::MissingField { field })
        };
        Ok(ZelidAuth {
            zelid: ZelId::parse(&need(zelid, "zelid")?)?,
            signature: need(signature, "signature")?,
            login_phrase: need(phrase, "loginPhrase")?,
        })
    }
}

/// Bytes serde_json writes for the inside of a JSON string (without the quotes): `"` and
/// `\\` and the short escapes take two, other control characters six (`\u00XX`).
fn json_string_len(s: &str) -> usize {
    s.bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum()
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn percent_encoded_len(b: u8) -> usize {
    if is_unreserved(b) {
        1
    } else {
        3
    }
}

/// What `flux zelid header build` prints: the header in the chosen form, both forms, and
/// the fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BuiltHeader {
    /// The header in the form asked for.
    pub header: String,
    /// The JSON form.
    pub json: String,
    /// The URL-encoded form.
    pub urlencoded: String,
    /// The credentials (`zelid`, `signature`, `loginPhrase`).
    #[serde(flatten)]
    pub auth: ZelidAuth,
}

/// Verifies a header without a login, as FluxOS does for `user` and app-owner calls:
/// the phrase has FluxOS's form, the signature is the ZelID's, and the phrase is 40–70
/// characters and within the level's window at `now_ms` (16 h for `user`, 2 h for the
/// app-owner levels). Levels that need a session give [`Error::NoSession`]. Whether the
/// ZelID holds an app-owner level is the caller's ([`crate::privilege::Privileges`]).
///
/// `now_ms` is the time of the check, in milliseconds since the Unix epoch: the library
/// never reads the clock (it has none on `wasm32-unknown-unknown`).
///
/// ```
/// use flux_zelid::header::{verify_stateless, ZelidAuth};
/// use flux_zelid::privilege::Level;
///
/// // A real ZelID login from FluxOS's test suite.
/// let auth = ZelidAuth {
///     zelid: "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap(),
///     signature: "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=".into(),
///     login_phrase: "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b".into(),
/// };
/// let an_hour_later = 1_644_935_889_016 + 3_600_000;
/// assert!(verify_stateless(&auth, &Level::User, an_hour_later).is_ok());
/// let err = verify_stateless(&auth, &Level::AppOwner("app".into()), an_hour_later * 2).unwrap_err();
/// assert!(err.is_verdict());
/// ```
pub fn verify_stateless(
    auth: &ZelidAuth,
    level: &Level,
    now_ms: u64,
) -> Result<LoginPhrase, Error> {
    let window = level.stateless_window_ms().ok_or(Error::NoSession)?;
    let phrase = crate::login::verify_credentials(auth)?;
    phrase.check_stateless(now_ms, window)?;
    Ok(phrase)
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `+` as a space and `%XX` escapes, as `qs` does; the result must be UTF-8.
fn percent_decode(s: &str) -> Result<String, Error> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .ok_or(Error::Header(HeaderProblem::TruncatedEscape { offset: i }))?;
                let mut v = [0u8; 1];
                hex::decode_to_slice(hex, &mut v)
                    .map_err(|_| Error::Header(HeaderProblem::BadEscape { offset: i }))?;
                out.extend_from_slice(&v);
                i += 2;
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| Error::Header(HeaderProblem::NotUtf8))
}
