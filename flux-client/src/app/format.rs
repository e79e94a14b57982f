//! FluxOS's `specificationFormatter`: a raw client spec (any JSON) to the canonical object
//! whose `JSON.stringify` text is signed, hashed and stored.
//!
//! Written from `ZelBack/src/services/utils/appUtilities.js` (FluxOS v8.17.0), check by check
//! and in the same order, so that the first refusal carries FluxOS's own message. Quirks kept on
//! purpose, because the network behaves this way (fluxos.md §5.2, §13):
//!
//! - **v4+ `containerPorts` are not converted**: FluxOS computes the numeric array and then
//!   discards it, keeping the client's array as sent (strings stay strings; the validator then
//!   rejects them).
//! - **v4–v7 component `tiered` is not coerced**: anything but a real boolean is refused; the
//!   `"true"`/`1` coercion applies only to v1–v3 `tiered`, `staticip` and `datacenter` (§13.1).
//! - **`datacenter` that does not coerce** (`"yes"`, `null`) becomes `undefined` and silently
//!   disappears from the JSON (§13.2).
//! - **String coercion is `JSON.stringify`** for non-strings: `null` → `"null"`, objects →
//!   their JSON text, a missing value stays missing (§13.3).
//! - **Presence tests are truthiness**: `0`, `""`, `false`, `NaN` count as missing, so a v1
//!   `containerPort` of 0 or a cpu of 0 is "Missing …", not a range error (§13.11).
//! - **`expire` errors reuse the instances messages** (`Invalid instances specified`, §13.12).
//! - A version that is not a number (`"abc"` → `NaN`) takes the v4+ path and gets none of the
//!   v3+ fields; a version like `"0"` or `2.5` takes the v2–v3 path.
//! - `enterprise` is stringified only when truthy; `""`, `false`, `0`, `null` are kept as sent,
//!   and a missing one is dropped.

use super::error::AppError;
use super::js_value::{
    ensure_boolean, ensure_number, ensure_object, ensure_string, JsObject, JsThrow, JsValue,
};
use super::params;

/// The formatter's output: the canonical spec object, as FluxOS holds it in memory.
///
/// Members may hold `undefined` (e.g. a v7 component without `repoauth`); they are absent from
/// [`Formatted::to_json`] but the validator sees them, exactly as in FluxOS.
#[derive(Debug, Clone, PartialEq)]
pub struct Formatted(pub JsValue);

impl Formatted {
    /// `JSON.stringify(formatted)`: the text that is signed.
    ///
    /// ```
    /// use flux_client::app::{format::format_spec, js_json::parse};
    /// let raw = parse(r#"{"version":"2","name":"a","description":"d","owner":"o",
    ///   "repotag":"r:1","ports":[31000],"domains":[""],"enviromentParameters":[],
    ///   "commands":[],"containerPorts":["80"],"containerData":"/d","cpu":"0.5","ram":500,
    ///   "hdd":5,"tiered":"false","extra":1}"#).unwrap();
    /// assert_eq!(format_spec(&raw).unwrap().to_json(),
    ///   r#"{"version":2,"name":"a","description":"d","owner":"o","repotag":"r:1","ports":["31000"],"domains":[""],"enviromentParameters":[],"commands":[],"containerPorts":["80"],"containerData":"/d","cpu":0.5,"ram":500,"hdd":5,"tiered":false}"#);
    /// ```
    pub fn to_json(&self) -> String {
        self.0.to_json().unwrap_or_default()
    }

    /// The top-level object.
    pub fn object(&self) -> Option<&JsObject> {
        match &self.0 {
            JsValue::Object(o) => Some(o),
            _ => None,
        }
    }

    /// A top-level field (`undefined` if absent).
    pub fn get(&self, key: &str) -> &JsValue {
        match &self.0 {
            JsValue::Object(o) => o.get(key),
            _ => &JsValue::Undefined,
        }
    }

    /// The numeric `version` (NaN if it is not a number).
    pub fn version(&self) -> f64 {
        match self.get("version") {
            JsValue::Number(v) => *v,
            _ => f64::NAN,
        }
    }
}

/// Formats raw text: `JSON.parse` then [`format_spec`].
///
/// ```
/// use flux_client::app::format::format_text;
/// let err = format_text(r#"{"name":"a"}"#).unwrap_err();
/// assert_eq!(err.to_string(), "Missing Flux App specification parameter version");
/// assert_eq!(err.kind(), "invalid_spec");
/// ```
pub fn format_text(text: &str) -> Result<Formatted, AppError> {
    let raw = super::js_json::parse(text)?;
    format_spec(&raw)
}

fn thrown(t: JsThrow) -> AppError {
    AppError::invalid(t.0)
}

/// A required integer parameter (`instances`, `expire`) as FluxOS's formatter reads it:
/// present and truthy, converted with `Number()`, an integer (else "Invalid instances
/// specified", for both). The converted value and its number.
fn integer(value: JsValue, name: &str) -> Result<(JsValue, f64), AppError> {
    if !value.truthy() {
        return Err(AppError::invalid(format!(
            "Missing Flux App specification parameter {name}"
        )));
    }
    let value = num(&value)?;
    let n = match value {
        JsValue::Number(n) => n,
        _ => f64::NAN,
    };
    if !is_integer(n) {
        return Err(AppError::invalid("Invalid instances specified"));
    }
    Ok((value, n))
}

fn num(v: &JsValue) -> Result<JsValue, AppError> {
    ensure_number(v).map_err(thrown)
}

fn obj(v: &JsValue) -> Result<JsValue, AppError> {
    ensure_object(v).map_err(AppError::from)
}

/// `ensureObject(x)`, then each element through `f`; `Err(message)` if not an array.
fn array_of(
    v: &JsValue,
    f: impl Fn(&JsValue) -> Result<JsValue, AppError>,
    message: impl FnOnce() -> String,
) -> Result<JsValue, AppError> {
    match obj(v)? {
        JsValue::Array(items) => Ok(JsValue::Array(
            items.iter().map(f).collect::<Result<Vec<_>, _>>()?,
        )),
        _ => Err(AppError::invalid(message())),
    }
}

fn strings(v: &JsValue, message: &str) -> Result<JsValue, AppError> {
    array_of(v, |x| Ok(ensure_string(x)), || message.to_string())
}

/// A message built with a template literal around a raw value: `${x}` can itself throw
/// (an object with its own `toString`), and then that TypeError is what FluxOS reports.
fn templated(raw: &JsValue, build: impl FnOnce(&str) -> String) -> String {
    match raw.to_js_string() {
        Ok(s) => build(&s),
        Err(t) => t.0,
    }
}

const TIER_KEYS_CHECK: [&str; 9] = [
    "cpubasic", "cpusuper", "cpubamf", "rambasic", "ramsuper", "rambamf", "hddbasic", "hddsuper",
    "hddbamf",
];

/// The nine tier values: presence (truthiness) checked, then `Number()` each, in FluxOS's order.
fn tiers(
    source: &JsValue,
    into: &mut JsObject,
    missing: impl FnOnce() -> String,
) -> Result<(), AppError> {
    let mut values = Vec::with_capacity(9);
    for k in TIER_KEYS_CHECK {
        values.push(source.property(k).map_err(thrown)?.clone());
    }
    if values.iter().any(|v| !v.truthy()) {
        return Err(AppError::invalid(missing()));
    }
    for (k, v) in TIER_KEYS_CHECK.iter().zip(values.iter()) {
        into.set(k, num(v)?);
    }
    Ok(())
}

const TIERED_BOOL_MSG: &str =
    "Invalid tiered value obtained. Only boolean as true or false allowed.";

/// `specificationFormatter(appSpecification)` on any JavaScript value.
///
/// Returns the canonical object, or FluxOS's error message (`AppError::InvalidSpec`), or
/// `AppError::Unsupported` when JSON nested in a string field is beyond this parser's limits.
pub fn format_spec(spec: &JsValue) -> Result<Formatted, AppError> {
    match spec {
        JsValue::Null | JsValue::Undefined => {
            let what = if matches!(spec, JsValue::Null) {
                "null"
            } else {
                "undefined"
            };
            return Err(AppError::invalid(format!(
                "Cannot destructure property 'version' of 'appSpecification' as it is {what}."
            )));
        }
        _ => {}
    }
    let get = |k: &str| spec.property(k).cloned().unwrap_or(JsValue::Undefined);

    let version = get("version");
    if !version.truthy() {
        return Err(AppError::invalid(
            "Missing Flux App specification parameter version",
        ));
    }
    let version = match num(&version)? {
        JsValue::Number(v) => v,
        _ => f64::NAN,
    };
    let (name, description, owner) = (get("name"), get("description"), get("owner"));
    if !name.truthy() || !description.truthy() || !owner.truthy() {
        return Err(AppError::invalid(
            "Missing Flux App specification parameter name and/or description and/or owner",
        ));
    }
    let mut out = JsObject::new();
    out.set("version", JsValue::Number(version));
    out.set("name", ensure_string(&name));
    out.set("description", ensure_string(&description));
    out.set("owner", ensure_string(&owner));

    if version == 1.0 {
        format_v1(spec, &mut out)?;
    } else if version <= 3.0 {
        format_v2_v3(spec, &mut out)?;
    } else {
        format_compose(spec, version, &mut out)?;
    }

    if version >= 3.0 {
        let (instances, n) = integer(get("instances"), "instances")?;
        let min = if version >= 8.0 {
            params::MINIMUM_INSTANCES_V8
        } else {
            params::MINIMUM_INSTANCES
        };
        if n < min {
            return Err(AppError::invalid(format!(
                "Minimum number of instances is {min}"
            )));
        }
        if n > params::MAXIMUM_INSTANCES {
            return Err(AppError::invalid(format!(
                "Maximum number of instances is {}",
                params::MAXIMUM_INSTANCES
            )));
        }
        out.set("instances", instances);
    }

    if version >= 5.0 {
        let (contacts, geolocation) = (get("contacts"), get("geolocation"));
        if !contacts.truthy() || !geolocation.truthy() {
            return Err(AppError::invalid(
                "Missing Flux App specification parameter contacts and/or geolocation",
            ));
        }
        let contacts = strings(&contacts, "Contacts for Flux App are invalid")?;
        out.set("contacts", contacts);
        let geolocation = strings(&geolocation, "Geolocation for Flux App is invalid")?;
        out.set("geolocation", geolocation);
    }

    if version >= 6.0 {
        // FluxOS reuses the instances message for a fractional expire (§13.12).
        let (expire, _) = integer(get("expire"), "expire")?;
        out.set("expire", expire);
    }

    if version >= 7.0 {
        let nodes = get("nodes");
        if !nodes.truthy() {
            return Err(AppError::invalid(
                "Missing Flux App specification parameter nodes",
            ));
        }
        let nodes = strings(&nodes, "Nodes for Flux App are invalid")?;
        out.set("nodes", nodes);
        let staticip = ensure_boolean(&get("staticip"));
        if !matches!(staticip, JsValue::Bool(_)) {
            return Err(AppError::invalid(
                "Invalid staticip specification. Only boolean as true or false allowed.",
            ));
        }
        out.set("staticip", staticip);
    }

    if version >= 8.0 {
        let datacenter = get("datacenter");
        if !matches!(datacenter, JsValue::Undefined) {
            out.set("datacenter", ensure_boolean(&datacenter));
        }
        let enterprise = get("enterprise");
        let enterprise = if enterprise.truthy() {
            ensure_string(&enterprise)
        } else {
            enterprise
        };
        out.set("enterprise", enterprise);
    }

    Ok(Formatted(JsValue::Object(out)))
}

/// `Number.isInteger`.
pub(crate) fn is_integer(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0
}

/// The v1–v3 resources, read and set last as FluxOS's formatter does: `cpu`, `ram`, `hdd`
/// (`Number()`), `tiered` (a boolean) and, when tiered, the nine per-tier values.
fn resources(spec: &JsValue, out: &mut JsObject) -> Result<(), AppError> {
    let get = |k: &str| spec.property(k).cloned().unwrap_or(JsValue::Undefined);
    let cpu = num(&get("cpu"))?;
    let ram = num(&get("ram"))?;
    let hdd = num(&get("hdd"))?;
    let tiered = ensure_boolean(&get("tiered"));
    let JsValue::Bool(is_tiered) = tiered else {
        return Err(AppError::invalid(TIERED_BOOL_MSG));
    };
    out.set("cpu", cpu);
    out.set("ram", ram);
    out.set("hdd", hdd);
    out.set("tiered", tiered);
    if is_tiered {
        tiers(spec, out, || {
            "Flux App was requested as tiered setup but specifications are missing".into()
        })?;
    }
    Ok(())
}

fn format_v1(spec: &JsValue, out: &mut JsObject) -> Result<(), AppError> {
    let get = |k: &str| spec.property(k).cloned().unwrap_or(JsValue::Undefined);
    let required = [
        "repotag",
        "port",
        "enviromentParameters",
        "commands",
        "containerPort",
        "containerData",
        "cpu",
        "ram",
        "hdd",
    ];
    if required.iter().any(|k| !get(k).truthy()) {
        return Err(AppError::invalid("Missing Flux App specification parameter repotag and/or port and/or enviromentParameters and/or commands and/or containerData and/or cpu and/or ram and/or hdd"));
    }
    let repotag = ensure_string(&get("repotag"));
    let port = num(&get("port"))?;
    let container_port = num(&get("containerPort"))?;
    let env = strings(
        &get("enviromentParameters"),
        "Environmental parameters for Flux App are invalid",
    )?;
    let commands = strings(&get("commands"), "Flux App commands are invalid")?;
    let container_data = ensure_string(&get("containerData"));
    out.set("repotag", repotag);
    out.set("port", port);
    out.set("enviromentParameters", env);
    out.set("commands", commands);
    out.set("containerPort", container_port);
    out.set("containerData", container_data);
    resources(spec, out)
}

fn format_v2_v3(spec: &JsValue, out: &mut JsObject) -> Result<(), AppError> {
    let get = |k: &str| spec.property(k).cloned().unwrap_or(JsValue::Undefined);
    let required = [
        "repotag",
        "ports",
        "domains",
        "enviromentParameters",
        "commands",
        "containerPorts",
        "containerData",
        "cpu",
        "ram",
        "hdd",
    ];
    if required.iter().any(|k| !get(k).truthy()) {
        return Err(AppError::invalid("Missing Flux App specification parameter repotag and/or port and/or domains and/or enviromentParameters and/or commands and/or containerData and/or cpu and/or ram and/or hdd"));
    }
    let repotag = ensure_string(&get("repotag"));
    // v2 and v3 keep ports as strings.
    let ports = strings(&get("ports"), "Ports for Flux App are invalid")?;
    let domains = strings(&get("domains"), "Domains for Flux App are invalid")?;
    let env = strings(
        &get("enviromentParameters"),
        "Environmental parameters for Flux App are invalid",
    )?;
    let commands = strings(&get("commands"), "Flux App commands are invalid")?;
    let container_ports = strings(
        &get("containerPorts"),
        "Container Ports for Flux App are invalid",
    )?;
    let container_data = ensure_string(&get("containerData"));
    out.set("repotag", repotag);
    out.set("ports", ports);
    out.set("domains", domains);
    out.set("enviromentParameters", env);
    out.set("commands", commands);
    out.set("containerPorts", container_ports);
    out.set("containerData", container_data);
    resources(spec, out)
}

fn format_compose(spec: &JsValue, version: f64, out: &mut JsObject) -> Result<(), AppError> {
    let compose = spec.property("compose").map_err(thrown)?;
    if !compose.truthy() {
        return Err(AppError::invalid(
            "Missing Flux App specification parameter compose",
        ));
    }
    let JsValue::Array(components) = obj(compose)? else {
        return Err(AppError::invalid("Flux App compose parameter is not valid"));
    };
    let mut formatted = Vec::with_capacity(components.len());
    for component in &components {
        formatted.push(JsValue::Object(format_component(component, version)?));
    }
    out.set("compose", JsValue::Array(formatted));
    Ok(())
}

fn format_component(c: &JsValue, version: f64) -> Result<JsObject, AppError> {
    let get = |k: &str| c.property(k).cloned().map_err(thrown);
    let raw_name = get("name")?;
    let named = |pattern: &str| templated(&raw_name, |n| pattern.replace("{}", n));
    let mut o = JsObject::new();
    o.set("name", ensure_string(&raw_name));
    o.set("description", ensure_string(&get("description")?));
    o.set("repotag", ensure_string(&get("repotag")?));
    let ports = array_of(&get("ports")?, num, || {
        named("Ports for Flux App component {} are invalid")
    })?;
    o.set("ports", ports);
    let domains = strings_named(&get("domains")?, || {
        named("Domains for Flux App component {} are invalid")
    })?;
    o.set("domains", domains);
    let env = strings_named(&get("environmentParameters")?, || {
        named("Environmental parameters for Flux App component {} are invalid")
    })?;
    o.set("environmentParameters", env);
    let commands = strings_named(&get("commands")?, || {
        named("Flux App component {} commands are invalid")
    })?;
    o.set("commands", commands);
    // FluxOS converts the container ports and then keeps the original array (the conversion
    // can still throw, so it is run).
    let container_ports = obj(&get("containerPorts")?)?;
    match &container_ports {
        JsValue::Array(items) => {
            for item in items {
                num(item)?;
            }
        }
        _ => {
            return Err(AppError::invalid(named(
                "Container Ports for Flux App component {} are invalid",
            )))
        }
    }
    o.set("containerPorts", container_ports);
    o.set("containerData", ensure_string(&get("containerData")?));
    o.set("cpu", num(&get("cpu")?)?);
    o.set("ram", num(&get("ram")?)?);
    o.set("hdd", num(&get("hdd")?)?);

    if version <= 7.0 {
        let tiered = get("tiered")?;
        let JsValue::Bool(is_tiered) = tiered else {
            return Err(AppError::invalid(TIERED_BOOL_MSG));
        };
        o.set("tiered", tiered);
        if is_tiered {
            tiers(c, &mut o, || {
                named("Flux App component {} was requested as tiered setup but specifications are missing")
            })?;
        }
    }
    if version >= 7.0 {
        o.set("repoauth", ensure_string(&get("repoauth")?));
        if version == 7.0 {
            o.set("secrets", ensure_string(&get("secrets")?));
        }
    }
    Ok(o)
}

fn strings_named(v: &JsValue, message: impl FnOnce() -> String) -> Result<JsValue, AppError> {
    array_of(v, |x| Ok(ensure_string(x)), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HARNESS_V8: &str = r#"{"version":8,"name":"e2eTestApp","description":"E2E test application for lifecycle testing","owner":"1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx","compose":[{"name":"e2eTestApp","description":"nginx test container","repotag":"nginx:alpine","ports":[31111],"domains":[""],"environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp","cpu":0.1,"ram":100,"hdd":1,"repoauth":""}],"instances":3,"contacts":[],"geolocation":[],"expire":22000,"nodes":[],"staticip":false,"enterprise":""}"#;

    fn fmt(s: &str) -> Result<String, String> {
        format_text(s)
            .map(|f| f.to_json())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn harness_spec_is_canonical() {
        assert_eq!(fmt(HARNESS_V8).unwrap(), HARNESS_V8);
    }

    #[test]
    fn refusals_carry_fluxos_messages() {
        assert_eq!(
            fmt("{}").unwrap_err(),
            "Missing Flux App specification parameter version"
        );
        assert_eq!(
            fmt("null").unwrap_err(),
            "Cannot destructure property 'version' of 'appSpecification' as it is null."
        );
        assert_eq!(
            fmt(r#"{"version":4,"name":"a","description":"d","owner":"o","compose":[null]}"#)
                .unwrap_err(),
            "Cannot read properties of null (reading 'name')"
        );
        assert_eq!(
            fmt(r#"{"version":4,"name":"a","description":"d","owner":"o","compose":[{"name":{"x":1}}]}"#)
                .unwrap_err(),
            "Ports for Flux App component [object Object] are invalid"
        );
    }

    #[test]
    fn quirks() {
        // containerPorts kept as sent in v4+.
        let s = HARNESS_V8.replace("\"containerPorts\":[80]", "\"containerPorts\":[\"80\"]");
        assert!(fmt(&s).unwrap().contains("\"containerPorts\":[\"80\"]"));
        // datacenter "yes" disappears.
        let s = HARNESS_V8.replace(
            "\"staticip\":false",
            "\"staticip\":\"1\",\"datacenter\":\"yes\"",
        );
        let out = fmt(&s).unwrap();
        assert!(out.contains("\"staticip\":true,\"enterprise\""));
        // expire error reuses the instances message.
        let s = HARNESS_V8.replace("22000", "22000.5");
        assert_eq!(fmt(&s).unwrap_err(), "Invalid instances specified");
        // NaN version takes the compose path without v3+ fields.
        let s = HARNESS_V8.replace("\"version\":8", "\"version\":\"abc\"");
        assert!(fmt(&s).unwrap().starts_with("{\"version\":null,"));
    }
}
