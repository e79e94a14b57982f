//! FluxOS's validation of a formatted spec at a height (`appValidator.verifyAppSpecifications`
//! and the API path around it), in FluxOS's order, with FluxOS's message for the first rule
//! broken.
//!
//! Order (as `verifyAppRegistrationParameters` runs it): enterprise decryption (before
//! formatting), formatting, type checks, restrictions, activation height, object keys, unique
//! ports, hardware. What needs FluxOS's database or the network is **not checked** and listed
//! in [`Validation::not_checked`]: name conflicts with registered apps, the image registry and
//! blocked-repository lists, v7 secrets reuse, the enterprise-owner list behind
//! `datacenter: true`, and decryption of enterprise specs.
//!
//! Quirks reproduced (fluxos.md §13): lengths count UTF-16 units (§13.4); `Σcpu ≤ 15` is tested
//! as `Σ(cpu×10) ≤ 150` in doubles, so 0.03 + 14.97 fails (§13.5); v4+ has no lower bound on
//! cpu/ram/hdd (§13.6); tiered v4–v7 totals fall back to the plain value when a tier value is 0
//! and never check the plain values of tiered components (§13.7); v2–v3 port uniqueness
//! compares the strings, so `"031050"` beside `"31050"` passes (§13.8); `share` is only refused
//! by the database-backed name check (§13.9); "≤ 8 decimals" counts characters after the `.` of
//! the number's JavaScript text, so `1e-9` passes (§13.10).

use super::format::{format_spec, is_integer, Formatted};
use super::js_value::{js_length, JsObject, JsValue};
use super::params::{self, TierLimits};
use super::AppError;

/// Which group of FluxOS's checks a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The formatter refused the spec.
    Format,
    /// `verifyTypeCorrectnessOfApp`.
    Type,
    /// `verifyRestrictionCorrectnessOfApp`.
    Restriction,
    /// The spec version is not active at the height.
    Activation,
    /// `verifyObjectKeysCorrectnessOfApp`.
    Keys,
    /// `ensureAppUniquePorts`.
    UniquePorts,
    /// `checkHWParameters` / `checkComposeHWParameters`.
    Hardware,
}

impl Rule {
    /// Stable name: `format`, `type`, `restriction`, `activation`, `keys`, `unique_ports`,
    /// `hardware`.
    ///
    /// ```
    /// assert_eq!(flux_client::app::validate::Rule::UniquePorts.as_str(), "unique_ports");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            Rule::Format => "format",
            Rule::Type => "type",
            Rule::Restriction => "restriction",
            Rule::Activation => "activation",
            Rule::Keys => "keys",
            Rule::UniquePorts => "unique_ports",
            Rule::Hardware => "hardware",
        }
    }
}

/// A check FluxOS makes that needs its database, the network or an ArcaneOS node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotChecked {
    /// The spec is enterprise (v8 with a truthy `enterprise`): only an ArcaneOS node can
    /// decrypt and then validate it. FluxOS elsewhere answers
    /// "Application Specifications can only be validated on a node running Arcane OS.".
    EnterpriseDecryption,
    /// The name must not collide with a registered or local app (and must not be `share`).
    NameConflict,
    /// Images must exist in their registry (size, architectures) and not be blocked.
    ImageRegistry,
    /// v7 secrets must not be reused by another app/owner.
    Secrets,
    /// `datacenter: true` needs the owner on the enterprise-owner list (fetched from GitHub).
    DatacenterOwner,
}

impl NotChecked {
    /// Stable name: `enterprise_decryption`, `name_conflict`, `image_registry`, `secrets`,
    /// `datacenter_owner`.
    ///
    /// ```
    /// assert_eq!(flux_client::app::validate::NotChecked::NameConflict.as_str(), "name_conflict");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            NotChecked::EnterpriseDecryption => "enterprise_decryption",
            NotChecked::NameConflict => "name_conflict",
            NotChecked::ImageRegistry => "image_registry",
            NotChecked::Secrets => "secrets",
            NotChecked::DatacenterOwner => "datacenter_owner",
        }
    }
}

/// The first rule broken, with FluxOS's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The group of checks.
    pub rule: Rule,
    /// FluxOS's `error.message`.
    pub message: String,
}

/// The verdict on a spec at a height.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// `Ok` with the formatted spec if every check made here passes; `Err` with the first
    /// broken rule. `Ok` is not "registrable": see [`Validation::not_checked`].
    pub result: Result<Formatted, Broken>,
    /// FluxOS checks this library cannot make offline, in FluxOS's order.
    pub not_checked: Vec<NotChecked>,
}

impl Validation {
    /// Whether every check made here passed.
    pub fn is_valid(&self) -> bool {
        self.result.is_ok()
    }
}

/// What `flux app validate` prints for a [`Validation`]: `valid`, the first broken rule's
/// FluxOS message (`error`) and group (`rule`) when there is one, and the checks not made
/// here (`not_checked`).
///
/// ```
/// use flux_client::app::{js_json, validate::validate_spec};
///
/// let raw = js_json::parse(r#"{"version": 1}"#).unwrap();
/// let view = validate_spec(&raw, 2_000_000).unwrap().view();
/// assert!(!view.valid && view.error.is_some() && view.rule.is_some());
/// let json = serde_json::to_value(&view).unwrap();
/// assert_eq!(json["valid"], false);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ValidationView {
    /// Whether every check made here passed.
    pub valid: bool,
    /// FluxOS's message for the first broken rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The group of that rule ([`Rule::as_str`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// The checks FluxOS makes that need its database or the network
    /// ([`NotChecked::as_str`]).
    pub not_checked: Vec<&'static str>,
}

impl Validation {
    /// The verdict as `flux app validate` prints it (see [`ValidationView`]).
    pub fn view(&self) -> ValidationView {
        let (error, rule) = match &self.result {
            Ok(_) => (None, None),
            Err(b) => (Some(b.message.clone()), Some(b.rule.as_str())),
        };
        ValidationView {
            valid: self.result.is_ok(),
            error,
            rule,
            not_checked: self.not_checked.iter().map(|n| n.as_str()).collect(),
        }
    }
}

/// FluxOS's message when an enterprise spec reaches a node that is not ArcaneOS.
pub const ARCANE_ONLY: &str =
    "Application Specifications can only be validated on a node running Arcane OS.";

/// Validates a raw client spec at `height` as a FluxOS node's
/// `/apps/verifyappregistrationspecifications` does (formatting included).
///
/// Errors only when the input is beyond this implementation's limits
/// ([`AppError::Unsupported`]); every FluxOS verdict, including the formatter's refusal, is in
/// the [`Validation`].
///
/// ```
/// use flux_client::app::{js_json::parse, validate::{validate_spec, Rule}};
/// let raw = parse(r#"{"version":8,"name":"e2eTestApp","description":"d",
///   "owner":"1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx","compose":[{"name":"web",
///   "description":"","repotag":"nginx:alpine","ports":[31111,31111],"domains":["",""],
///   "environmentParameters":[],"commands":[],"containerPorts":[80,81],
///   "containerData":"/tmp","cpu":0.1,"ram":100,"hdd":1,"repoauth":""}],"instances":3,
///   "contacts":[],"geolocation":[],"expire":22000,"nodes":[],"staticip":false,
///   "enterprise":""}"#).unwrap();
/// let v = validate_spec(&raw, 2_200_000).unwrap();
/// let broken = v.result.unwrap_err();
/// assert_eq!(broken.rule, Rule::UniquePorts);
/// assert_eq!(broken.message,
///     "Flux App e2eTestApp must have unique ports specified accross all composition");
/// ```
pub fn validate_spec(raw: &JsValue, height: u64) -> Result<Validation, AppError> {
    // checkAndDecryptAppSpecs runs first: `appSpec.version < 8 || !appSpec.enterprise` keeps
    // the spec; anything else needs ArcaneOS (even a spec with no version at all).
    if let JsValue::Object(o) = raw {
        let below_8 = o
            .get("version")
            .to_number()
            .map(|v| v < 8.0)
            .unwrap_or(true);
        if !below_8 && o.get("enterprise").truthy() {
            return Ok(Validation {
                result: Err(Broken {
                    rule: Rule::Format,
                    message: ARCANE_ONLY.to_string(),
                }),
                not_checked: vec![NotChecked::EnterpriseDecryption],
            });
        }
    }
    let formatted = match format_spec(raw) {
        Ok(f) => f,
        Err(AppError::InvalidSpec { message }) => {
            return Ok(Validation {
                result: Err(Broken {
                    rule: Rule::Format,
                    message,
                }),
                not_checked: Vec::new(),
            })
        }
        Err(e) => return Err(e),
    };
    Ok(validate_formatted(formatted, height))
}

/// Validates an already formatted spec at `height` (`verifyAppSpecifications` without the
/// registry and image checks).
pub fn validate_formatted(formatted: Formatted, height: u64) -> Validation {
    let h = height as f64;
    let mut not_checked = Vec::new();
    let result = run_checks(&formatted, h, &mut not_checked);
    // After verifyAppSpecifications FluxOS checks images, then v7 secrets, then names.
    if result.is_ok() {
        not_checked.push(NotChecked::ImageRegistry);
        let v = formatted.version();
        let has_nodes = matches!(formatted.get("nodes"), JsValue::Array(n) if !n.is_empty());
        if v == 7.0 && has_nodes {
            not_checked.push(NotChecked::Secrets);
        }
        not_checked.push(NotChecked::NameConflict);
    }
    Validation {
        result: result.map(|()| formatted),
        not_checked,
    }
}

fn run_checks(f: &Formatted, h: f64, not_checked: &mut Vec<NotChecked>) -> Result<(), Broken> {
    let Some(spec) = f.object() else {
        return Err(broken(Rule::Type, "Invalid Flux App Specifications"));
    };
    check_types(spec, not_checked).map_err(|m| broken(Rule::Type, m))?;
    check_restrictions(spec, h).map_err(|m| broken(Rule::Restriction, m))?;
    let version = f.version();
    let activation = params::SPEC_ENFORCEMENT_HEIGHTS
        .iter()
        .find(|(v, _)| f64::from(*v) == version)
        .map(|(_, a)| *a as f64);
    // `height < undefined` is false in JavaScript; unreachable anyway (restrictions reject
    // unknown versions first).
    if activation.is_some_and(|a| h < a) {
        return Err(broken(
            Rule::Activation,
            format!(
                "Flux apps specifications of version {} not yet supported",
                js(version)
            ),
        ));
    }
    check_keys(spec).map_err(|m| broken(Rule::Keys, m))?;
    check_unique_ports(spec).map_err(|m| broken(Rule::UniquePorts, m))?;
    if version <= 3.0 {
        check_hw(spec).map_err(|m| broken(Rule::Hardware, m))?;
    } else {
        check_compose_hw(spec).map_err(|m| broken(Rule::Hardware, m))?;
    }
    Ok(())
}

fn broken(rule: Rule, message: impl Into<String>) -> Broken {
    Broken {
        rule,
        message: message.into(),
    }
}

fn js(x: f64) -> String {
    super::js_number::to_js_string(x)
}

/// `${value}` of a value the type checks have already made a string or number.
fn text(v: &JsValue) -> String {
    v.to_js_string().unwrap_or_default()
}

fn number(v: &JsValue) -> Option<f64> {
    match v {
        JsValue::Number(x) => Some(*x),
        _ => None,
    }
}

/// `+value` / relational comparison operand (ToNumber; these are strings or numbers here).
fn to_num(v: &JsValue) -> f64 {
    v.to_number().unwrap_or(f64::NAN)
}

/// `serviceHelper.isDecimalLimit(value, decimals)`: `Number(value)` is not NaN and the text
/// after the first `.` of `ensureString(value)` has at most `decimals` characters.
pub fn is_decimal_limit(v: &JsValue, decimals: usize) -> bool {
    if to_num(v).is_nan() {
        return false;
    }
    let s = match v {
        JsValue::String(s) => s.clone(),
        other => other.to_json().unwrap_or_else(|| "undefined".into()),
    };
    let after = s.split('.').nth(1).unwrap_or("");
    js_length(after) <= decimals
}

fn str_len(v: &JsValue) -> usize {
    match v {
        JsValue::String(s) => js_length(s),
        JsValue::Array(a) => a.len(),
        _ => 0,
    }
}

fn items(v: &JsValue) -> &[JsValue] {
    match v {
        JsValue::Array(a) => a,
        _ => &[],
    }
}

fn all_strings(v: &JsValue) -> Option<bool> {
    match v {
        JsValue::Array(a) => Some(a.iter().all(|x| matches!(x, JsValue::String(_)))),
        _ => None,
    }
}

const TIERS: [&str; 9] = [
    "cpubasic", "cpusuper", "cpubamf", "rambasic", "ramsuper", "rambamf", "hddbasic", "hddsuper",
    "hddbamf",
];

fn check_tier_types(o: &JsObject) -> Result<(), String> {
    let msg = "Invalid tiered HW specifications";
    if TIERS.iter().any(|k| number(o.get(k)).is_none()) {
        return Err(msg.into());
    }
    if TIERS.iter().any(|k| !is_decimal_limit(o.get(k), 8)) {
        return Err(msg.into());
    }
    Ok(())
}

fn check_hw_types(o: &JsObject) -> Result<(), String> {
    let (cpu, ram, hdd) = (o.get("cpu"), o.get("ram"), o.get("hdd"));
    if number(cpu).is_none() || number(hdd).is_none() || number(ram).is_none() {
        return Err("Invalid HW specifications".into());
    }
    if !is_decimal_limit(cpu, 8) || !is_decimal_limit(hdd, 8) || !is_decimal_limit(ram, 8) {
        return Err("Invalid HW specifications decimal limits".into());
    }
    Ok(())
}

/// `verifyTypeCorrectnessOfApp`.
fn check_types(s: &JsObject, not_checked: &mut Vec<NotChecked>) -> Result<(), String> {
    let g = |k: &str| s.get(k);
    let version = g("version");
    if !version.truthy() {
        return Err("Missing Flux App specification parameter version".into());
    }
    if !g("name").truthy() || !g("description").truthy() || !g("owner").truthy() {
        return Err(
            "Missing Flux App specification parameter name and/or description and/or owner".into(),
        );
    }
    let Some(v) = number(version) else {
        return Err("Invalid Flux App version".into());
    };
    if !is_decimal_limit(version, 8) {
        return Err("Invalid Flux App version decimals".into());
    }
    if !matches!(g("name"), JsValue::String(_)) {
        return Err("Invalid Flux App name".into());
    }
    if !matches!(g("description"), JsValue::String(_)) {
        return Err("Invalid Flux App description".into());
    }
    if !matches!(g("owner"), JsValue::String(_)) {
        return Err("Invalid Flux App owner".into());
    }
    if v == 1.0 {
        if !g("port").truthy() || !g("containerPort").truthy() {
            return Err(
                "Missing Flux App specification parameter port and/or containerPort".into(),
            );
        }
    } else if (2.0..=3.0).contains(&v)
        && (!g("ports").truthy() || !g("domains").truthy() || !g("containerPorts").truthy())
    {
        return Err(
            "Missing Flux App specification parameter port and/or containerPort and/or domains"
                .into(),
        );
    }

    let missing_legacy = "Missing Flux App specification parameter repotag and/or enviromentParameters and/or commands and/or containerData and/or cpu and/or ram and/or hdd";
    let legacy_required = [
        "repotag",
        "enviromentParameters",
        "commands",
        "containerData",
        "cpu",
        "ram",
        "hdd",
    ];
    if v == 1.0 {
        if legacy_required.iter().any(|k| !g(k).truthy()) {
            return Err(missing_legacy.into());
        }
        if number(g("port")).is_none() {
            return Err("Port for Flux App is invalid".into());
        }
        if !is_decimal_limit(g("port"), 0) {
            return Err("Ports for Flux App are invalid decimals".into());
        }
        legacy_string_lists(s)?;
        if number(g("containerPort")).is_none() {
            return Err("Container Port for Flux App is invalid".into());
        }
        if !is_decimal_limit(g("containerPort"), 0) {
            return Err("Ports for Flux App are invalid decimals".into());
        }
        legacy_tail(s)?;
    } else if v <= 3.0 {
        if legacy_required.iter().any(|k| !g(k).truthy()) {
            return Err(missing_legacy.into());
        }
        match g("ports") {
            JsValue::Array(ports) => {
                for p in ports {
                    if !matches!(p, JsValue::String(_)) {
                        return Err("Port of Flux App is invalid".into());
                    }
                    if !is_decimal_limit(p, 0) {
                        return Err("Ports for Flux App are invalid decimals".into());
                    }
                }
            }
            _ => return Err("Ports for Flux App are invalid".into()),
        }
        if all_strings(g("domains")) != Some(true) {
            return Err("Domains for Flux App are invalid".into());
        }
        legacy_string_lists(s)?;
        match g("containerPorts") {
            JsValue::Array(ports) => {
                for p in ports {
                    if !matches!(p, JsValue::String(_)) {
                        return Err("Container Port of Flux App is invalid".into());
                    }
                    if !is_decimal_limit(p, 0) {
                        return Err("Container Ports for Flux App are invalid decimals".into());
                    }
                }
            }
            _ => return Err("Container Ports for Flux App are invalid".into()),
        }
        legacy_tail(s)?;
    } else if v <= 7.0 {
        compose_types(s, v, false)?;
    } else {
        let enterprise = g("enterprise");
        if matches!(enterprise, JsValue::Null | JsValue::Undefined) {
            return Err("Missing enterprise property".into());
        }
        if !enterprise.truthy() && g("nodes").truthy() && str_len(g("nodes")) > 0 {
            return Err("Nodes can only be used in enterprise apps".into());
        }
        compose_types(s, v, true)?;
    }

    if v >= 3.0 {
        whole_number(g("instances"), "instances")?;
    }
    if v >= 5.0 {
        if all_strings(g("contacts")) != Some(true) {
            return Err("Contacts for Flux App are invalid".into());
        }
        if all_strings(g("geolocation")) != Some(true) {
            return Err("Geolocation for Flux App are invalid".into());
        }
    }
    if v >= 6.0 {
        whole_number(g("expire"), "expire")?;
    }
    if v >= 7.0 {
        if !g("nodes").truthy() {
            return Err("Missing Flux App specification parameter nodes".into());
        }
        if all_strings(g("nodes")) != Some(true) {
            return Err("Nodes for Flux App are invalid".into());
        }
        if !matches!(g("staticip"), JsValue::Bool(_)) {
            return Err(
                "Invalid static ip value obtained. Only boolean as true or false allowed.".into(),
            );
        }
    }
    if v >= 8.0 {
        let dc = g("datacenter");
        if !matches!(dc, JsValue::Undefined | JsValue::Bool(_)) {
            return Err(
                "Invalid datacenter value obtained. Only undefined, true, or false allowed.".into(),
            );
        }
        // The enterprise-owner list is synced from GitHub every 6 h: not checked here.
        if matches!(dc, JsValue::Bool(true)) {
            not_checked.push(NotChecked::DatacenterOwner);
        }
    }
    Ok(())
}

/// FluxOS's check of a required whole-number parameter (`instances`, `expire`): present
/// and truthy, a number, an integer without decimals.
fn whole_number(value: &JsValue, name: &str) -> Result<(), String> {
    if !value.truthy() {
        return Err(format!("Missing Flux App specification parameter {name}"));
    }
    let Some(n) = number(value) else {
        return Err(format!("Invalid {name} specification"));
    };
    if !is_integer(n) || !is_decimal_limit(value, 0) {
        return Err(format!("Invalid {name} specified"));
    }
    Ok(())
}

/// v1–v3 `enviromentParameters` and `commands` element types.
fn legacy_string_lists(s: &JsObject) -> Result<(), String> {
    if all_strings(s.get("enviromentParameters")) != Some(true) {
        return Err("Environmental parameters for Flux App are invalid".into());
    }
    if all_strings(s.get("commands")) != Some(true) {
        return Err("Flux App commands are invalid".into());
    }
    Ok(())
}

/// v1–v3 `tiered`, hardware and tier types.
fn legacy_tail(s: &JsObject) -> Result<(), String> {
    let JsValue::Bool(tiered) = s.get("tiered") else {
        return Err("Invalid tiered value obtained. Only boolean as true or false allowed.".into());
    };
    check_hw_types(s)?;
    if *tiered {
        check_tier_types(s)?;
    }
    Ok(())
}

fn compose_types(s: &JsObject, v: f64, v8: bool) -> Result<(), String> {
    let compose = s.get("compose");
    if !compose.truthy() {
        return Err("Missing Flux App specification parameter compose".into());
    }
    let JsValue::Array(components) = compose else {
        return Err("Invalid Flux App Specifications".into());
    };
    for c in components {
        let o = match c {
            JsValue::Array(_) => return Err("Invalid Flux App Specifications".into()),
            JsValue::Object(o) => o,
            // Formatted components are always objects.
            _ => return Err("Invalid Flux App Specifications".into()),
        };
        let JsValue::String(name) = o.get("name") else {
            return Err("Invalid Flux App component name".into());
        };
        if !matches!(o.get("description"), JsValue::String(_)) {
            return Err(format!("Invalid Flux App component {name} description"));
        }
        match o.get("ports") {
            JsValue::Array(ports) => {
                for p in ports {
                    if number(p).is_none() {
                        return Err(format!("Ports for Flux App component {name} are invalid"));
                    }
                    if !is_decimal_limit(p, 0) {
                        return Err(format!(
                            "Ports for Flux App component {name} are invalid decimals"
                        ));
                    }
                }
            }
            _ => return Err(format!("Ports for Flux App component {name} are invalid")),
        }
        if all_strings(o.get("domains")) != Some(true) {
            return Err(format!("Domains for Flux App component {name} are invalid"));
        }
        if all_strings(o.get("environmentParameters")) != Some(true) {
            return Err(format!(
                "Environment parameters for Flux App component {name} are invalid"
            ));
        }
        if all_strings(o.get("commands")) != Some(true) {
            return Err(format!("Flux App component {name} commands are invalid"));
        }
        match o.get("containerPorts") {
            JsValue::Array(ports) => {
                for p in ports {
                    if number(p).is_none() {
                        return Err(format!(
                            "Container Ports for Flux App component {name} are invalid"
                        ));
                    }
                    if !is_decimal_limit(p, 0) {
                        return Err(format!(
                            "Container Ports for Flux App component {name} are invalid decimals"
                        ));
                    }
                }
            }
            _ => {
                return Err(format!(
                    "Container Ports for Flux App component {name} are invalid"
                ))
            }
        }
        if v8 {
            check_hw_types(o)?;
            if !matches!(o.get("repoauth"), JsValue::String(_)) {
                return Err(format!(
                    "Repository Authentication for Flux App component {name} are invalid"
                ));
            }
            continue;
        }
        let JsValue::Bool(tiered) = o.get("tiered") else {
            return Err(
                "Invalid tiered value obtained. Only boolean as true or false allowed.".into(),
            );
        };
        check_hw_types(o)?;
        if *tiered {
            check_tier_types(o)?;
        }
        if v == 7.0 {
            if !matches!(o.get("secrets"), JsValue::String(_)) {
                return Err(format!("Secrets for Flux App component {name} are invalid"));
            }
            if !matches!(o.get("repoauth"), JsValue::String(_)) {
                return Err(format!(
                    "Repository Authentication for Flux App component {name} are invalid"
                ));
            }
        }
    }
    Ok(())
}

/// `verifyRestrictionCorrectnessOfApp`.
fn check_restrictions(s: &JsObject, h: f64) -> Result<(), String> {
    let g = |k: &str| s.get(k);
    let (min_port, max_port) = if h >= params::PORT_BLOCKHEIGHT_CHANGE {
        (params::PORT_MIN, params::PORT_MAX)
    } else {
        (params::PORT_MIN_LEGACY, params::PORT_MAX_LEGACY)
    };
    let v = number(g("version")).unwrap_or(f64::NAN);
    if !(1.0..=8.0).contains(&v) || !is_integer(v) {
        return Err("Flux App message version specification is invalid".into());
    }
    let name = text(g("name"));
    let max_name = if v >= 8.0 { 63 } else { 32 };
    if js_length(&name) > max_name {
        return Err(format!(
            "Flux App name is too long. Maximum {max_name} characters allowed"
        ));
    }
    if name.is_empty() {
        return Err("Please provide a valid Flux App name".into());
    }
    if v >= 8.0 {
        if !app_name_ok(&name) {
            return Err("Flux App name contains special characters. Only a-z, A-Z, 0-9 and hyphens are allowed (hyphens cannot be first or last character)".into());
        }
    } else if !alnum(&name) {
        return Err(
            "Flux App name contains special characters. Only a-z, A-Z and 0-9 are allowed".into(),
        );
    }
    if name.starts_with("zel") {
        return Err("Flux App name can not start with zel".into());
    }
    if name.to_lowercase() == "watchtower" {
        return Err("Flux App name is conflicting with another application".into());
    }
    if name.starts_with("flux") {
        return Err("Flux App name can not start with flux".into());
    }
    if str_len(g("description")) > 256 {
        return Err("Description is too long. Maximum of 256 characters is allowed".into());
    }
    let range_msg = |p: &JsValue| {
        format!(
            "Assigned port {} is not within Flux Apps range {}-{}",
            text(p),
            js(min_port),
            js(max_port)
        )
    };
    let banned_msg =
        |p: &JsValue| format!("Assigned port {} is not allowed for Flux Apps", text(p));
    let check_port = |p: &JsValue| -> Result<(), String> {
        let n = to_num(p);
        if outside(n, min_port, max_port) {
            return Err(range_msg(p));
        }
        if params::is_port_banned(n) {
            return Err(banned_msg(p));
        }
        Ok(())
    };

    if v == 1.0 {
        check_port(g("port"))?;
        let cp = to_num(g("containerPort"));
        if outside(cp, 0.0, 65535.0) {
            return Err(format!(
                "Container Port {} is not within system limits 0-65535",
                text(g("containerPort"))
            ));
        }
    } else if v <= 3.0 {
        for p in items(g("ports")) {
            check_port(p)?;
        }
        for p in items(g("containerPorts")) {
            let n = to_num(p);
            if outside(n, 0.0, 65535.0) {
                return Err(format!(
                    "Container Port {} is not within system limits 0-65535",
                    text(p)
                ));
            }
        }
        let ports = items(g("ports")).len();
        if items(g("containerPorts")).len() != ports {
            return Err("Ports specifications do not match".into());
        }
        if items(g("domains")).len() != ports {
            return Err("Domains specifications do not match available ports".into());
        }
        if ports > 5 {
            return Err("Too many ports defined. Maximum of 5 allowed.".into());
        }
        for d in items(g("domains")) {
            if str_len(d) > 253 {
                return Err(format!(
                    "App {name} domain {} is too long. Maximum of 253 characters is allowed",
                    text(d)
                ));
            }
        }
    }

    if v <= 3.0 {
        let cd = str_len(g("containerData"));
        if cd < 2 {
            return Err("Flux App container data folder not specified. If no data folder is whished, use /tmp".into());
        }
        if cd > 200 {
            return Err(
                "Flux App Container Data is too long. Maximum of 200 characters is allowed".into(),
            );
        }
        if str_len(g("repotag")) > 200 {
            return Err(
                "Flux App Repository is too long. Maximum of 200 characters is allowed.".into(),
            );
        }
        let env = items(g("enviromentParameters"));
        if env.len() > 20 {
            return Err(format!(
                "App {name} environment invalid. Maximum of 20 environment variables allowed."
            ));
        }
        for e in env {
            if str_len(e) > 400 {
                return Err(format!(
                    "App {name} environment {} is too long. Maximum of 400 characters is allowed",
                    text(e)
                ));
            }
        }
        let commands = items(g("commands"));
        if commands.len() > 20 {
            return Err(format!(
                "App {name} commands invalid. Maximum of 20 commands allowed."
            ));
        }
        for c in commands {
            if str_len(c) > 400 {
                return Err(format!(
                    "App {name} command {} is too long. Maximum of 400 characters is allowed",
                    text(c)
                ));
            }
        }
    } else {
        let compose = items(g("compose"));
        if compose.is_empty() {
            return Err("Flux App does not contain any composition".into());
        }
        let max_components = if h < 1_300_000.0 { 5 } else { 10 };
        if compose.len() > max_components {
            return Err("Flux App has too many components".into());
        }
        let mut used: Vec<String> = Vec::new();
        let nodes_empty = items(g("nodes")).is_empty();
        for c in compose {
            let JsValue::Object(o) = c else {
                return Err("Invalid Flux App Specifications".into());
            };
            let cname = text(o.get("name"));
            if cname.is_empty() {
                return Err("Please provide a valid Flux App Component name".into());
            }
            let max_c = if v >= 8.0 { 63 } else { 32 };
            if js_length(&cname) > max_c {
                return Err(format!(
                    "Flux App component name is too long. Maximum {max_c} characters allowed"
                ));
            }
            if cname.starts_with("zel") {
                return Err("Flux App Component name can not start with zel".into());
            }
            if cname.starts_with("flux") {
                return Err("Flux App Component name can not start with flux".into());
            }
            if !alnum(&cname) {
                return Err("Flux App component name contains special characters. Only a-z, A-Z and 0-9 are allowed".into());
            }
            if used.contains(&cname) {
                return Err(format!(
                    "Flux App component {cname} already assigned. Use different name."
                ));
            }
            used.push(cname.clone());
            if str_len(o.get("description")) > 256 {
                return Err(
                    "Description is too long. Maximum of 256 characters is allowed.".into(),
                );
            }
            for p in items(o.get("ports")) {
                check_port(p)?;
            }
            if str_len(o.get("repotag")) > 200 {
                return Err(
                    "Flux App Repository is too long. Maximum of 200 characters is allowed.".into(),
                );
            }
            if str_len(o.get("containerData")) > 200 {
                return Err(
                    "Flux App Container Data is too long. Maximum of 200 characters is allowed"
                        .into(),
                );
            }
            let env = items(o.get("environmentParameters"));
            if env.len() > 20 {
                return Err(format!("App component {cname} environment invalid. Maximum of 20 environment variables allowed."));
            }
            for e in env {
                if str_len(e) > 400 {
                    return Err(format!("App component {cname} environment {} is too long. Maximum of 400 characters is allowed", text(e)));
                }
            }
            let commands = items(o.get("commands"));
            if commands.len() > 20 {
                return Err(format!(
                    "App component {cname} commands invalid. Maximum of 20 commands allowed."
                ));
            }
            for com in commands {
                if str_len(com) > 400 {
                    return Err(format!("App component {cname} command {} is too long. Maximum of 400 characters is allowed", text(com)));
                }
            }
            for d in items(o.get("domains")) {
                if str_len(d) > 253 {
                    return Err(format!("App component {cname} domain {} is too long. Maximum of 253 characters is allowed", text(d)));
                }
            }
            for p in items(o.get("containerPorts")) {
                let n = to_num(p);
                if outside(n, 0.0, 65535.0) {
                    return Err(format!(
                        "Container Port {} in in {cname} is not within system limits 0-65535",
                        text(p)
                    ));
                }
            }
            let ports = items(o.get("ports")).len();
            if items(o.get("containerPorts")).len() != ports {
                return Err(format!("Ports specifications in {cname} do not match"));
            }
            if items(o.get("domains")).len() != ports {
                return Err(format!(
                    "Domains specifications in {cname} do not match available ports"
                ));
            }
            if ports > 5 {
                return Err(format!(
                    "Too many ports defined in {cname}. Maximum of 5 allowed."
                ));
            }
            if str_len(o.get("containerData")) < 2 {
                return Err(format!("Flux App container data folder not specified in in {cname}. If no data folder is whished, use /tmp"));
            }
            let secrets = str_len(o.get("secrets"));
            let repoauth = str_len(o.get("repoauth"));
            if v == 7.0 {
                if nodes_empty {
                    if secrets > 0 {
                        return Err(
                            "Secrets can not be defined for non Enterprise Applications".into()
                        );
                    }
                    if repoauth > 0 {
                        return Err(
                            "Private repositories are only allowed for Enterprise Applications"
                                .into(),
                        );
                    }
                } else {
                    if secrets > 15000 {
                        return Err("Maximum length of secrets is 15000. Consider uploading to Flux Storage for bigger payload.".into());
                    }
                    if repoauth > 15000 {
                        return Err("Maximum length of repoauth is 15000.".into());
                    }
                }
            }
            if v >= 8.0 {
                if !g("enterprise").truthy() {
                    if repoauth > 0 {
                        return Err(
                            "Private repositories are only allowed for Enterprise Applications"
                                .into(),
                        );
                    }
                } else if repoauth > 15000 {
                    return Err("Maximum length of repoauth is 15000.".into());
                }
            }
        }
    }

    if v >= 3.0 {
        let min = if v >= 8.0 && h >= params::MINIMUM_INSTANCES_V8_BLOCK {
            params::MINIMUM_INSTANCES_V8
        } else {
            params::MINIMUM_INSTANCES
        };
        let n = to_num(g("instances"));
        if n < min {
            return Err(format!("Minimum number of instances is {}", js(min)));
        }
        if n > params::MAXIMUM_INSTANCES {
            return Err(format!(
                "Maximum number of instances is {}",
                js(params::MAXIMUM_INSTANCES)
            ));
        }
    }
    if v >= 5.0 {
        let contacts = items(g("contacts"));
        if contacts.len() > 5 {
            return Err("Too many contacts defined. Maximum of 5 allowed.".into());
        }
        for c in contacts {
            if str_len(c) > 75 {
                return Err(format!(
                    "Contact {} is too long. Maximum of 75 characters is allowed.",
                    text(c)
                ));
            }
        }
        let geo = items(g("geolocation"));
        if geo.len() > 10 {
            return Err("Invalid geolocation submited.".into());
        }
        for x in geo {
            if str_len(x) > 50 {
                return Err(format!("Geolocation {} is not valid.", text(x)));
            }
        }
    }
    if v >= 6.0 {
        let e = to_num(g("expire"));
        if h < params::NEW_MIN_BLOCKS_ALLOWANCE_BLOCK {
            if e < params::MIN_BLOCKS_ALLOWANCE {
                return Err(format!(
                    "Minimum expiration of application is {} blocks ~ 1 week",
                    js(params::MIN_BLOCKS_ALLOWANCE)
                ));
            }
        } else if h < params::CANCEL_1_BLOCK_MIN_BLOCKS_ALLOWANCE_BLOCK {
            if e < params::NEW_MIN_BLOCKS_ALLOWANCE {
                return Err(format!(
                    "Minimum expiration of application is {} blocks ~ 3 hours",
                    js(params::NEW_MIN_BLOCKS_ALLOWANCE)
                ));
            }
        } else if e < params::CANCEL_1_BLOCK_MIN_BLOCKS_ALLOWANCE {
            return Err(format!(
                "Minimum expiration of application is {} blocks",
                js(params::CANCEL_1_BLOCK_MIN_BLOCKS_ALLOWANCE)
            ));
        }
        let max = if h >= params::DAEMON_PON_FORK {
            params::POST_PON_MAX_BLOCKS_ALLOWANCE
        } else {
            params::MAX_BLOCKS_ALLOWANCE
        };
        if e > max {
            return Err(format!(
                "Maximum expiration of application is {} blocks ~ 1 year",
                js(max)
            ));
        }
        if h < params::REMOVE_BLOCKS_ALLOWANCE_INTERVAL_BLOCK
            && e % params::BLOCKS_ALLOWANCE_INTERVAL != 0.0
        {
            return Err(format!(
                "Expiration of application has to be a multiple of {} blocks ~ 1 day",
                js(params::BLOCKS_ALLOWANCE_INTERVAL)
            ));
        }
    }
    if v >= 7.0 {
        let nodes = items(g("nodes"));
        if nodes.len() > 120 {
            return Err("Maximum number of selecteed nodes is 120".into());
        }
        if nodes.iter().any(|n| str_len(n) > 70) {
            return Err("Invalid node length".into());
        }
    }
    Ok(())
}

/// `n < lo || n > hi`: unlike `!(lo..=hi).contains(&n)`, `NaN` is *not* outside, as in
/// JavaScript.
#[allow(clippy::manual_range_contains)]
fn outside(n: f64, lo: f64, hi: f64) -> bool {
    n < lo || n > hi
}

/// `/^[a-zA-Z0-9]+$/`.
fn alnum(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `/^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/`.
fn app_name_ok(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        }
        _ => false,
    }
}

/// The v1–v3 resource keys, in apps (v1–v3) and in components (v4+).
const RESOURCE_KEYS: &[&str] = &[
    "cpu", "ram", "hdd", "tiered", "cpubasic", "rambasic", "hddbasic", "cpusuper", "ramsuper",
    "hddsuper", "cpubamf", "rambamf", "hddbamf",
];
/// The v1 keys besides [`RESOURCE_KEYS`].
const KEYS_V1_OWN: &[&str] = &[
    "version",
    "name",
    "description",
    "owner",
    "repotag",
    "port",
    "containerPort",
    "enviromentParameters",
    "commands",
    "containerData",
];
const KEYS_V2_EXTRA: &[&str] = &["ports", "containerPorts", "domains"];
/// The v4+ top-level keys, each with the version that added it.
const COMPOSE_KEYS: &[(i64, &str)] = &[
    (4, "version"),
    (4, "name"),
    (4, "description"),
    (4, "owner"),
    (4, "compose"),
    (4, "instances"),
    (5, "contacts"),
    (5, "geolocation"),
    (6, "expire"),
    (7, "nodes"),
    (7, "staticip"),
    (8, "datacenter"),
    (8, "enterprise"),
];
/// The component keys besides [`RESOURCE_KEYS`].
const COMPONENT_OWN: &[&str] = &[
    "name",
    "description",
    "repotag",
    "ports",
    "containerPorts",
    "environmentParameters",
    "commands",
    "containerData",
    "domains",
];

/// `verifyObjectKeysCorrectnessOfApp`. It runs on the formatter's output, so through the API
/// it never fires; kept for specs formatted elsewhere.
fn check_keys(s: &JsObject) -> Result<(), String> {
    let v = number(s.get("version")).unwrap_or(f64::NAN);
    let top_allowed: Vec<&str> = match v as i64 {
        1 => [KEYS_V1_OWN, RESOURCE_KEYS].concat(),
        2 | 3 => {
            let mut k: Vec<&str> = [KEYS_V1_OWN, RESOURCE_KEYS]
                .concat()
                .into_iter()
                .filter(|k| *k != "port" && *k != "containerPort")
                .collect();
            k.extend_from_slice(KEYS_V2_EXTRA);
            if v == 3.0 {
                k.push("instances");
            }
            k
        }
        vi @ 4..=8 => COMPOSE_KEYS
            .iter()
            .filter(|(since, _)| *since <= vi)
            .map(|(_, k)| *k)
            .collect(),
        _ => return Err(format!("Invalid version specification of {}", js(v))),
    };
    let vi = v as i64;
    for k in s.keys() {
        if !top_allowed.contains(&k) {
            return Err(match vi {
                1..=3 | 7 => format!("Unsupported parameter for v{vi} app specifications"),
                _ => format!("Unsupported parameter for v{vi} app specifications: {k}"),
            });
        }
    }
    if vi >= 4 {
        let component_keys = [COMPONENT_OWN, RESOURCE_KEYS].concat();
        let mut comp_allowed: Vec<&str> = component_keys.clone();
        if vi == 7 {
            comp_allowed.extend_from_slice(&["secrets", "repoauth"]);
        }
        if vi == 8 {
            comp_allowed = component_keys
                .into_iter()
                .filter(|k| !k.contains("basic") && !k.contains("super") && !k.contains("bamf"))
                .filter(|k| *k != "tiered")
                .collect();
            comp_allowed.push("repoauth");
        }
        for c in items(s.get("compose")) {
            if let JsValue::Object(o) = c {
                for k in o.keys() {
                    if !comp_allowed.contains(&k) {
                        return Err(if vi == 7 {
                            "Unsupported parameter for v7 app specifications".into()
                        } else {
                            format!(
                                "Unsupported parameter for v{vi} app specifications in component: {k}"
                            )
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

/// `portManager.ensureAppUniquePorts`: a `Set` of the values (strings in v2–v3, numbers in v4+;
/// `NaN` equals `NaN`, `0` equals `-0`).
fn check_unique_ports(s: &JsObject) -> Result<(), String> {
    let v = number(s.get("version")).unwrap_or(f64::NAN);
    if v == 1.0 {
        return Ok(());
    }
    let name = text(s.get("name"));
    let all: Vec<&JsValue> = if v <= 3.0 {
        items(s.get("ports")).iter().collect()
    } else {
        items(s.get("compose"))
            .iter()
            .flat_map(|c| match c {
                JsValue::Object(o) => items(o.get("ports")).iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect()
    };
    let mut seen: Vec<&JsValue> = Vec::with_capacity(all.len());
    for p in all {
        if seen.iter().any(|q| same_value_zero(q, p)) {
            return Err(if v <= 3.0 {
                format!("Flux App {name} must have unique ports specified")
            } else {
                format!("Flux App {name} must have unique ports specified accross all composition")
            });
        }
        seen.push(p);
    }
    Ok(())
}

fn same_value_zero(a: &JsValue, b: &JsValue) -> bool {
    match (a, b) {
        (JsValue::Number(x), JsValue::Number(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => a == b,
    }
}

fn hw_field(o: &JsObject, k: &str) -> f64 {
    to_num(o.get(k))
}

/// `checkHWParameters` (v1–v3).
fn check_hw(s: &JsObject) -> Result<(), String> {
    let name = text(s.get("name"));
    let stratus = params::STRATUS;
    check_triplet(s, ("cpu", "ram", "hdd"), stratus, "", &name)?;
    if s.get("tiered").truthy() {
        check_triplet(
            s,
            ("cpubasic", "rambasic", "hddbasic"),
            params::CUMULUS,
            " for Cumulus",
            &name,
        )?;
        check_triplet(
            s,
            ("cpusuper", "ramsuper", "hddsuper"),
            params::NIMBUS,
            " for Nimbus",
            &name,
        )?;
        check_triplet(
            s,
            ("cpubamf", "rambamf", "hddbamf"),
            params::STRATUS,
            " for Stratus",
            &name,
        )?;
    }
    Ok(())
}

fn check_triplet(
    s: &JsObject,
    (cpu_k, ram_k, hdd_k): (&str, &str, &str),
    limit: TierLimits,
    tier: &str,
    name: &str,
) -> Result<(), String> {
    let cpu = hw_field(s, cpu_k);
    // JavaScript's `%` is fmod, like Rust's on f64; NaN fails every test.
    if (cpu * 10.0) % 1.0 != 0.0 || cpu * 10.0 > limit.cpu_tenths || cpu < 0.1 {
        return Err(format!("CPU{tier} badly assigned for {name}"));
    }
    let ram = hw_field(s, ram_k);
    if ram % 100.0 != 0.0 || ram > limit.ram || ram < 100.0 {
        return Err(format!("RAM{tier} badly assigned for {name}"));
    }
    let hdd = hw_field(s, hdd_k);
    if hdd % 1.0 != 0.0 || hdd > limit.hdd || hdd < 1.0 {
        return Err(format!("SSD{tier} badly assigned for {name}"));
    }
    Ok(())
}

/// `a || b` on numbers: `a` unless it is falsy (0, NaN, missing).
fn or(a: &JsValue, b: &JsValue) -> f64 {
    if a.truthy() {
        to_num(a)
    } else {
        to_num(b)
    }
}

/// `checkComposeHWParameters` (v4+): totals in doubles, in component order.
fn check_compose_hw(s: &JsObject) -> Result<(), String> {
    let name = text(s.get("name"));
    let comps: Vec<&JsObject> = items(s.get("compose"))
        .iter()
        .filter_map(|c| match c {
            JsValue::Object(o) => Some(o),
            _ => None,
        })
        .collect();
    let tiered = comps
        .iter()
        .any(|c| matches!(c.get("tiered"), JsValue::Bool(true)));
    let mut t = [0.0f64; 3];
    let mut basic = [0.0f64; 3];
    let mut sup = [0.0f64; 3];
    let mut bamf = [0.0f64; 3];
    for c in &comps {
        let (cpu, ram, hdd) = (c.get("cpu"), c.get("ram"), c.get("hdd"));
        if tiered {
            bamf[0] += or(c.get("cpubamf"), cpu) * 10.0;
            bamf[1] += or(c.get("rambamf"), ram);
            bamf[2] += or(c.get("hddbamf"), hdd);
            sup[0] += or(c.get("cpusuper"), cpu) * 10.0;
            sup[1] += or(c.get("ramsuper"), ram);
            sup[2] += or(c.get("hddsuper"), hdd);
            basic[0] += or(c.get("cpubasic"), cpu) * 10.0;
            basic[1] += or(c.get("rambasic"), ram);
            basic[2] += or(c.get("hddbasic"), hdd);
        } else {
            t[0] += to_num(cpu) * 10.0;
            t[1] += to_num(ram);
            t[2] += to_num(hdd);
        }
    }
    let over = |tot: [f64; 3], lim: TierLimits, tier: &str| -> Result<(), String> {
        if tot[0] > lim.cpu_tenths {
            return Err(format!("Too much CPU{tier} resources assigned for {name}"));
        }
        if tot[1] > lim.ram {
            return Err(format!("Too much RAM{tier} resources assigned for {name}"));
        }
        if tot[2] > lim.hdd {
            return Err(format!("Too much SSD{tier} resources assigned for {name}"));
        }
        Ok(())
    };
    over(t, params::STRATUS, "")?;
    if tiered {
        over(basic, params::CUMULUS, " for Cumulus")?;
        over(sup, params::NIMBUS, " for Nimbus")?;
        over(bamf, params::STRATUS, " for Stratus")?;
    }
    Ok(())
}
