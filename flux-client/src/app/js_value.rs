//! JavaScript values as FluxOS's code sees them, and the coercions it applies to them.
//!
//! FluxOS reads a client's spec with `JSON.parse` and then coerces fields with `Number(x)`,
//! `JSON.stringify(x)`, truthiness tests and its `serviceHelper.ensure*` helpers. Every one of
//! those is defined here on [`JsValue`], so the formatter can be written line for line.

use super::js_json;
use super::js_number::{string_to_number, to_js_string};

/// A JavaScript value that `JSON.parse` can produce, plus `undefined` (a missing property).
///
/// Strings are Rust strings (JSON input with a lone UTF-16 surrogate is refused at parse time);
/// lengths are counted in UTF-16 code units, as JavaScript does ([`js_length`]).
#[derive(Debug, Clone, PartialEq)]
pub enum JsValue {
    /// `undefined`: a property that is not there.
    Undefined,
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A double (JSON numbers, `NaN` and `±Infinity` after coercions).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<JsValue>),
    /// An object: own properties in JavaScript's enumeration order (see [`JsObject`]).
    Object(JsObject),
}

/// A plain object's own properties.
///
/// Kept in insertion order; a repeated key keeps its first position and takes the last value
/// (what `JSON.parse` does). [`JsObject::keys`] lists them in JavaScript's order: integer-like
/// keys ascending first, then the rest in insertion order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsObject {
    entries: Vec<(String, JsValue)>,
}

/// Why a JavaScript operation throws (FluxOS reports `error.message`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsThrow(pub String);

impl JsObject {
    /// An empty object.
    ///
    /// ```
    /// use flux_client::app::js_value::{JsObject, JsValue};
    /// let mut o = JsObject::new();
    /// o.set("a", JsValue::Number(1.0));
    /// assert_eq!(o.get("a"), &JsValue::Number(1.0));
    /// assert_eq!(o.get("b"), &JsValue::Undefined);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The property `key`, or `Undefined`.
    pub fn get(&self, key: &str) -> &JsValue {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .unwrap_or(&JsValue::Undefined)
    }

    /// Whether `key` is an own property (even one holding `undefined`).
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// Sets `key` (kept in its first position if already there).
    pub fn set(&mut self, key: &str, value: JsValue) {
        if let Some(slot) = self.entries.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value;
        } else {
            self.entries.push((key.to_string(), value));
        }
    }

    /// Appends without checking for a duplicate (the parser deduplicates itself).
    pub(crate) fn push_unchecked(&mut self, key: String, value: JsValue) {
        self.entries.push((key, value));
    }

    /// Replaces the value at `index` (the parser's duplicate-key path).
    pub(crate) fn replace_at(&mut self, index: usize, value: JsValue) {
        if let Some(slot) = self.entries.get_mut(index) {
            slot.1 = value;
        }
    }

    /// Own keys in JavaScript's order (`Object.keys`, `JSON.stringify`).
    pub fn keys(&self) -> Vec<&str> {
        let mut ints: Vec<(u32, &str)> = Vec::new();
        let mut others: Vec<&str> = Vec::new();
        for (k, _) in &self.entries {
            match array_index(k) {
                Some(i) => ints.push((i, k.as_str())),
                None => others.push(k.as_str()),
            }
        }
        ints.sort_by_key(|(i, _)| *i);
        ints.into_iter().map(|(_, k)| k).chain(others).collect()
    }

    /// `(key, value)` pairs in JavaScript's order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &JsValue)> {
        self.keys().into_iter().map(move |k| (k, self.get(k)))
    }

    /// Number of own properties.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no own properties.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A canonical array index (`"0"`, `"17"`, below 2^32 − 1): such keys enumerate first.
fn array_index(k: &str) -> Option<u32> {
    if k.is_empty() || (k.len() > 1 && k.starts_with('0')) || !k.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    k.parse::<u32>().ok().filter(|&i| i != u32::MAX)
}

/// Length of a string as JavaScript counts it (UTF-16 code units).
///
/// ```
/// use flux_client::app::js_value::js_length;
/// assert_eq!(js_length("abc"), 3);
/// assert_eq!(js_length("é"), 1);
/// assert_eq!(js_length("😀"), 2);
/// ```
pub fn js_length(s: &str) -> usize {
    s.encode_utf16().count()
}

impl JsValue {
    /// The property `key` of this value (`value.key`), or the `TypeError` JavaScript throws for
    /// `null`/`undefined`. Other primitives have none of the properties FluxOS reads.
    pub fn property(&self, key: &str) -> Result<&JsValue, JsThrow> {
        match self {
            JsValue::Object(o) => Ok(o.get(key)),
            JsValue::Null => Err(JsThrow(format!(
                "Cannot read properties of null (reading '{key}')"
            ))),
            JsValue::Undefined => Err(JsThrow(format!(
                "Cannot read properties of undefined (reading '{key}')"
            ))),
            _ => Ok(&JsValue::Undefined),
        }
    }

    /// `!!value`.
    pub fn truthy(&self) -> bool {
        match self {
            JsValue::Undefined | JsValue::Null => false,
            JsValue::Bool(b) => *b,
            JsValue::Number(x) => !(*x == 0.0 || x.is_nan()),
            JsValue::String(s) => !s.is_empty(),
            JsValue::Array(_) | JsValue::Object(_) => true,
        }
    }

    /// `typeof value === 'object'` (objects, arrays and `null`).
    pub fn is_object_type(&self) -> bool {
        matches!(self, JsValue::Null | JsValue::Array(_) | JsValue::Object(_))
    }

    /// `Number(value)` (ECMA-262 ToNumber). Throws only for an object whose own `toString`
    /// shadows the callable one (JSON can make `{"toString": 1}`), as Node does.
    pub fn to_number(&self) -> Result<f64, JsThrow> {
        Ok(match self {
            JsValue::Undefined => f64::NAN,
            JsValue::Null => 0.0,
            JsValue::Bool(b) => f64::from(u8::from(*b)),
            JsValue::Number(x) => *x,
            JsValue::String(s) => string_to_number(s),
            JsValue::Array(_) | JsValue::Object(_) => string_to_number(&self.to_js_string()?),
        })
    }

    /// `String(value)` / template-literal `${value}` (ECMA-262 ToString): arrays join with
    /// `,` (null/undefined elements empty), objects are `[object Object]`.
    pub fn to_js_string(&self) -> Result<String, JsThrow> {
        let mut out = String::new();
        self.write_js_string(&mut out)?;
        Ok(out)
    }

    fn write_js_string(&self, out: &mut String) -> Result<(), JsThrow> {
        match self {
            JsValue::Undefined => out.push_str("undefined"),
            JsValue::Null => out.push_str("null"),
            JsValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            JsValue::Number(x) => out.push_str(&to_js_string(*x)),
            JsValue::String(s) => out.push_str(s),
            JsValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if !matches!(item, JsValue::Undefined | JsValue::Null) {
                        item.write_js_string(out)?;
                    }
                }
            }
            JsValue::Object(o) => {
                // Own non-callable `toString` (and `valueOf`) leave nothing callable that
                // returns a primitive: OrdinaryToPrimitive throws.
                if o.has("toString") {
                    return Err(JsThrow("Cannot convert object to primitive value".into()));
                }
                out.push_str("[object Object]");
            }
        }
        Ok(())
    }

    /// `JSON.stringify(value)`; `None` for `undefined` (JSON.stringify returns undefined).
    pub fn to_json(&self) -> Option<String> {
        js_json::stringify(self)
    }
}

/// `serviceHelper.ensureNumber`: `Number(x)`.
pub fn ensure_number(v: &JsValue) -> Result<JsValue, JsThrow> {
    Ok(JsValue::Number(v.to_number()?))
}

/// `serviceHelper.ensureString`: strings unchanged, anything else `JSON.stringify(x)`
/// (so `null` is `"null"`, an object is its JSON text, and `undefined` stays `undefined`).
pub fn ensure_string(v: &JsValue) -> JsValue {
    match v {
        JsValue::String(_) => v.clone(),
        other => match other.to_json() {
            Some(text) => JsValue::String(text),
            None => JsValue::Undefined,
        },
    }
}

/// `serviceHelper.ensureBoolean`: `true/false/"true"/"false"/1/0/"1"/"0"`, else `undefined`.
pub fn ensure_boolean(v: &JsValue) -> JsValue {
    match v {
        JsValue::Bool(b) => JsValue::Bool(*b),
        JsValue::Number(x) if *x == 0.0 => JsValue::Bool(false),
        JsValue::Number(x) if *x == 1.0 => JsValue::Bool(true),
        JsValue::String(s) if s == "false" || s == "0" => JsValue::Bool(false),
        JsValue::String(s) if s == "true" || s == "1" => JsValue::Bool(true),
        _ => JsValue::Undefined,
    }
}

/// `serviceHelper.ensureObject`: objects/arrays/null unchanged, falsy values `{}`, anything
/// else `JSON.parse(String(x))` if that gives an object (else `{}`); text that is not JSON goes
/// to `qs.parse`, which always yields a plain (non-array) object — represented as `{}`, since
/// every caller in the formatter only asks "is it an array?".
///
/// Errors only when JSON text nested inside a string is beyond the parser's limits (see
/// [`js_json::parse`]): then the honest answer is "not decided", not a guess.
pub fn ensure_object(v: &JsValue) -> Result<JsValue, js_json::ParseError> {
    if v.is_object_type() {
        return Ok(v.clone());
    }
    if !v.truthy() {
        return Ok(JsValue::Object(JsObject::new()));
    }
    let text = match v {
        JsValue::String(s) => s.clone(),
        // Numbers and `true`: String(x) is valid JSON of a primitive, or (Infinity) not JSON.
        other => other.to_js_string().unwrap_or_default(),
    };
    match js_json::parse(&text) {
        Ok(parsed) if parsed.is_object_type() => Ok(parsed),
        Ok(_) => Ok(JsValue::Object(JsObject::new())),
        Err(e) if e.is_limit() => Err(e),
        Err(_) => Ok(JsValue::Object(JsObject::new())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> JsValue {
        js_json::parse(s).unwrap()
    }

    #[test]
    fn to_number_matches_js() {
        assert_eq!(p("[]").to_number().unwrap(), 0.0);
        assert_eq!(p("[5]").to_number().unwrap(), 5.0);
        assert_eq!(p("[[\"7\"]]").to_number().unwrap(), 7.0);
        assert_eq!(p("[null]").to_number().unwrap(), 0.0);
        assert!(p("[1,2]").to_number().unwrap().is_nan());
        assert!(p("{}").to_number().unwrap().is_nan());
        assert_eq!(p("true").to_number().unwrap(), 1.0);
        assert_eq!(p("null").to_number().unwrap(), 0.0);
        assert!(JsValue::Undefined.to_number().unwrap().is_nan());
        assert_eq!(
            p("{\"toString\":1}").to_number().unwrap_err().0,
            "Cannot convert object to primitive value"
        );
    }

    #[test]
    fn ensure_helpers() {
        assert_eq!(ensure_string(&p("null")), JsValue::String("null".into()));
        assert_eq!(
            ensure_string(&p("{\"b\":1,\"1\":2}")),
            JsValue::String("{\"1\":2,\"b\":1}".into())
        );
        assert_eq!(ensure_string(&JsValue::Undefined), JsValue::Undefined);
        assert_eq!(ensure_boolean(&p("\"1\"")), JsValue::Bool(true));
        assert_eq!(ensure_boolean(&p("\"yes\"")), JsValue::Undefined);
        assert_eq!(ensure_object(&p("\"[1,2]\"")).unwrap(), p("[1,2]"));
        assert_eq!(ensure_object(&p("\"a=b\"")).unwrap(), p("{}"));
        assert_eq!(ensure_object(&p("5")).unwrap(), p("{}"));
        assert_eq!(ensure_object(&p("\"null\"")).unwrap(), JsValue::Null);
        assert_eq!(ensure_object(&p("0")).unwrap(), p("{}"));
    }

    #[test]
    fn key_order_is_javascripts() {
        let o = p("{\"b\":1,\"2\":2,\"a\":3,\"1\":4,\"01\":5,\"b\":6}");
        let JsValue::Object(o) = o else { panic!() };
        assert_eq!(o.keys(), vec!["1", "2", "b", "a", "01"]);
        assert_eq!(o.get("b"), &JsValue::Number(6.0));
    }
}
