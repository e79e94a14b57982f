//! `JSON.parse` and `JSON.stringify` with JavaScript's exact behaviour, over [`JsValue`].
//!
//! Why not serde_json: FluxOS's numbers are doubles (a JSON integer beyond 2^53 is rounded,
//! `1e400` is `Infinity`), objects enumerate integer-like keys first, a repeated key keeps its
//! first position with the last value, and `JSON.stringify` prints numbers with
//! `Number::toString`. The workspace's serde_json features (e.g. `arbitrary_precision`) change
//! none of this, because nothing here goes through serde_json.

use std::collections::HashMap;

use super::js_number::to_js_string;
use super::js_value::{JsObject, JsValue};

/// Deepest nesting accepted. V8 parses deeper documents, but an app spec never needs more and
/// the bound keeps recursion (here and in every coercion) safe.
pub const MAX_DEPTH: usize = 256;

/// Why text could not be read as a JavaScript value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not JSON (JavaScript's `JSON.parse` throws too).
    #[error("invalid JSON at byte {offset}: {what}")]
    Syntax {
        /// Byte offset of the problem.
        offset: usize,
        /// What was expected or found.
        what: &'static str,
    },
    /// Valid JSON that this implementation declines: nested deeper than [`MAX_DEPTH`], or a
    /// `\u` escape of a lone UTF-16 surrogate (JavaScript accepts both).
    #[error("JSON beyond this implementation's limits at byte {offset}: {what}")]
    Limit {
        /// Byte offset of the problem.
        offset: usize,
        /// Which limit.
        what: &'static str,
    },
}

impl ParseError {
    /// Whether JavaScript would have parsed it (so no verdict can be given).
    pub fn is_limit(&self) -> bool {
        matches!(self, ParseError::Limit { .. })
    }
}

/// `JSON.parse(text)`.
///
/// ```
/// use flux_client::app::js_json::parse;
/// use flux_client::app::js_value::JsValue;
/// assert_eq!(parse(" 9007199254740993 ").unwrap(), JsValue::Number(9007199254740992.0));
/// assert_eq!(parse("1e400").unwrap(), JsValue::Number(f64::INFINITY));
/// assert!(parse("[1,]").is_err());
/// ```
pub fn parse(text: &str) -> Result<JsValue, ParseError> {
    let mut p = Parser {
        b: text.as_bytes(),
        s: text,
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.syntax("unexpected text after the value"));
    }
    Ok(v)
}

struct Parser<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn syntax(&self, what: &'static str) -> ParseError {
        ParseError::Syntax {
            offset: self.i,
            what,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &'static str, v: JsValue) -> Result<JsValue, ParseError> {
        if self.b.get(self.i..self.i + word.len()) == Some(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.syntax("unexpected token"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<JsValue, ParseError> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(JsValue::String(self.string()?)),
            Some(b't') => self.literal("true", JsValue::Bool(true)),
            Some(b'f') => self.literal("false", JsValue::Bool(false)),
            Some(b'n') => self.literal("null", JsValue::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.syntax("unexpected token")),
            None => Err(self.syntax("unexpected end of input")),
        }
    }

    fn check_depth(&self, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError::Limit {
                offset: self.i,
                what: "nesting deeper than 256",
            });
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<JsValue, ParseError> {
        self.check_depth(depth)?;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(JsValue::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(JsValue::Array(items));
                }
                _ => return Err(self.syntax("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<JsValue, ParseError> {
        self.check_depth(depth)?;
        self.i += 1;
        let mut obj = JsObject::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(JsValue::Object(obj));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a string key"));
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.syntax("expected ':'"));
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth)?;
            match index.get(&key) {
                Some(&at) => obj.replace_at(at, v),
                None => {
                    index.insert(key.clone(), obj.len());
                    obj.push_unchecked(key, v);
                }
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(JsValue::Object(obj));
                }
                _ => return Err(self.syntax("expected ',' or '}'")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .s
            .get(self.i..self.i + 4)
            .filter(|d| d.bytes().all(|c| c.is_ascii_hexdigit()))
            .ok_or_else(|| self.syntax("bad \\u escape"))?;
        let v = u32::from_str_radix(digits, 16).map_err(|_| self.syntax("bad \\u escape"))?;
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // `start..i` lies between ASCII bytes of valid UTF-8, so it is a valid &str.
            out.push_str(self.s.get(start..self.i).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let esc = self
                        .peek()
                        .ok_or_else(|| self.syntax("unterminated string"))?;
                    self.i += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                let lone = ParseError::Limit {
                                    offset: self.i,
                                    what: "lone UTF-16 surrogate",
                                };
                                if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err(lone);
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(lone);
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err(ParseError::Limit {
                                    offset: self.i,
                                    what: "lone UTF-16 surrogate",
                                });
                            } else {
                                hi
                            };
                            out.push(
                                char::from_u32(c).ok_or_else(|| self.syntax("bad \\u escape"))?,
                            );
                        }
                        _ => return Err(self.syntax("bad escape")),
                    }
                }
                Some(_) => return Err(self.syntax("control character in string")),
                None => return Err(self.syntax("unterminated string")),
            }
        }
    }

    fn number(&mut self) -> Result<JsValue, ParseError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.i += 1;
                }
            }
            _ => return Err(self.syntax("bad number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.syntax("bad number"));
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.syntax("bad number"));
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
        }
        let text = self.s.get(start..self.i).unwrap_or("0");
        // Rust's parser rounds correctly (like JavaScript) and gives ±inf on overflow.
        text.parse::<f64>()
            .map(JsValue::Number)
            .map_err(|_| self.syntax("bad number"))
    }
}

/// `JSON.stringify(value)` with no spacing: `None` for a top-level `undefined`.
///
/// ```
/// use flux_client::app::js_json::{parse, stringify};
/// let v = parse(r#"{"b":[1.0,1e21,null],"a":"é\u0001"}"#).unwrap();
/// assert_eq!(stringify(&v).unwrap(), r#"{"b":[1,1e+21,null],"a":"é\u0001"}"#);
/// ```
pub fn stringify(value: &JsValue) -> Option<String> {
    if matches!(value, JsValue::Undefined) {
        return None;
    }
    let mut out = String::new();
    write_value(value, &mut out);
    Some(out)
}

fn write_value(value: &JsValue, out: &mut String) {
    match value {
        // Inside arrays undefined is written as null; object members holding it are skipped
        // by the caller.
        JsValue::Undefined | JsValue::Null => out.push_str("null"),
        JsValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        JsValue::Number(x) => {
            if x.is_finite() {
                out.push_str(&to_js_string(*x));
            } else {
                out.push_str("null");
            }
        }
        JsValue::String(s) => write_string(s, out),
        JsValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        JsValue::Object(o) => {
            out.push('{');
            let mut first = true;
            for (k, v) in o.iter() {
                if matches!(v, JsValue::Undefined) {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                write_string(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
    }
}

/// JavaScript's `QuoteJSONString`: escapes `"`, `\` and control characters only; everything
/// else (all non-ASCII, U+2028, DEL) is written raw.
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_quirks() {
        let cases = [
            ("{}", "{}"),
            ("[]", "[]"),
            (" [ 1 , 2.50 , -0 , 1E2 ] ", "[1,2.5,0,100]"),
            (r#""\u00e9\ud83d\ude00\/""#, r#""é😀/""#),
            (r#""\u001F\u007f""#, "\"\\u001f\u{7f}\""),
            (
                r#"{"a":{"b":[true,false,null]}}"#,
                r#"{"a":{"b":[true,false,null]}}"#,
            ),
            ("1e-7", "1e-7"),
            ("123456789012345678901234567890", "1.2345678901234568e+29"),
        ];
        for (input, want) in cases {
            assert_eq!(stringify(&parse(input).unwrap()).unwrap(), want, "{input}");
        }
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        for bad in [
            "",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "+1",
            "NaN",
            "'a'",
            "\"\t\"",
            "[1 2]",
            "{a:1}",
            "\"\\x\"",
            "tru",
            "[",
            "\"abc",
        ] {
            assert!(
                matches!(parse(bad), Err(ParseError::Syntax { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn limits_are_typed() {
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        assert!(parse(&deep).unwrap_err().is_limit());
        let ok = format!("{}{}", "[".repeat(256), "]".repeat(256));
        assert!(parse(&ok).is_ok());
        assert!(parse(r#""\ud800""#).unwrap_err().is_limit());
        assert!(parse(r#""\udc00x""#).unwrap_err().is_limit());
    }
}
