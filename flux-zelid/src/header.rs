//! The `zelidauth` header: `{zelid, signature, loginPhrase}` as a JSON object or as a
//! URL-encoded query string, the two forms FluxOS's `ensureObject` reads.

use serde_json::{Map, Value};

use crate::Error;

/// Headers longer than this are refused before parsing (FluxOS values are ~200 bytes).
pub const MAX_HEADER_LEN: usize = 4096;

/// The credentials a `zelidauth` header carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ZelidAuth {
    /// The ZelID (`1…` or `0x…`).
    pub zelid: String,
    /// Signature of `login_phrase` by the ZelID (base64, or `0x` hex for Ethereum).
    pub signature: String,
    /// The signed login phrase.
    pub login_phrase: String,
}

impl ZelidAuth {
    /// The JSON form: `{"zelid":…,"signature":…,"loginPhrase":…}`.
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        m.insert("zelid".into(), Value::String(self.zelid.clone()));
        m.insert("signature".into(), Value::String(self.signature.clone()));
        m.insert(
            "loginPhrase".into(),
            Value::String(self.login_phrase.clone()),
        );
        Value::Object(m).to_string()
    }

    /// The URL-encoded form, every reserved character percent-encoded (so a base64 `+`
    /// is sent as `%2B`, never read back as a space).
    pub fn to_urlencoded(&self) -> String {
        format!(
            "zelid={}&signature={}&loginPhrase={}",
            percent_encode(&self.zelid),
            percent_encode(&self.signature),
            percent_encode(&self.login_phrase)
        )
    }

    /// Parses either form (JSON when it starts with `{`).
    pub fn parse(header: &str) -> Result<Self, Error> {
        if header.len() > MAX_HEADER_LEN {
            return Err(Error::Header {
                reason: format!("{} bytes, at most {MAX_HEADER_LEN}", header.len()),
            });
        }
        let t = header.trim();
        if t.starts_with('{') {
            Self::parse_json(t)
        } else {
            Self::parse_urlencoded(t)
        }
    }

    fn parse_json(text: &str) -> Result<Self, Error> {
        let v: Value = serde_json::from_str(text).map_err(|e| Error::Header {
            reason: format!("not JSON: {e}"),
        })?;
        let obj = v.as_object().ok_or_else(|| Error::Header {
            reason: "JSON is not an object".into(),
        })?;
        let field = |name: &'static str| -> Result<String, Error> {
            match obj.get(name) {
                None | Some(Value::Null) => Err(Error::MissingField { field: name }),
                Some(Value::String(s)) if s.is_empty() => Err(Error::MissingField { field: name }),
                Some(Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(Error::Header {
                    reason: format!("field {name} is not a string"),
                }),
            }
        };
        Ok(ZelidAuth {
            zelid: field("zelid")?,
            signature: field("signature")?,
            login_phrase: field("loginPhrase")?,
        })
    }

    fn parse_urlencoded(text: &str) -> Result<Self, Error> {
        let (mut zelid, mut signature, mut phrase) = (None, None, None);
        for pair in text.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(k)?;
            let slot = match key.as_str() {
                "zelid" => &mut zelid,
                "signature" => &mut signature,
                "loginPhrase" => &mut phrase,
                _ => continue,
            };
            if slot.is_some() {
                return Err(Error::Header {
                    reason: format!("field {key} appears twice"),
                });
            }
            *slot = Some(percent_decode(v)?);
        }
        let need = |v: Option<String>, field: &'static str| {
            v.filter(|s| !s.is_empty())
                .ok_or(Error::MissingField { field })
        };
        Ok(ZelidAuth {
            zelid: need(zelid, "zelid")?,
            signature: need(signature, "signature")?,
            login_phrase: need(phrase, "loginPhrase")?,
        })
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
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
                let hex = bytes.get(i + 1..i + 3).ok_or_else(|| Error::Header {
                    reason: format!("truncated %-escape at offset {i}"),
                })?;
                let mut v = [0u8; 1];
                hex::decode_to_slice(hex, &mut v).map_err(|_| Error::Header {
                    reason: format!("bad %-escape at offset {i}"),
                })?;
                out.extend_from_slice(&v);
                i += 2;
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|e| Error::Header {
        reason: format!("not UTF-8 after decoding: {e}"),
    })
}
