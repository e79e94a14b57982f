//! Typed FluxOS app specifications, versions 1 to 8, with serde.
//!
//! One struct covers every version, as FluxOS stores them: the fields a version has are
//! `Some`, the others `None` (see the table in each field's doc). Field names are FluxOS's own,
//! including the v1–v3 spelling `enviromentParameters`.
//!
//! serde gives interoperability (read `/apps/appspecifications` answers, write config files);
//! the text that is **signed** is [`AppSpec::canonical_json`], which goes through the
//! formatter and JavaScript's number printing — serde_json would print `1.0` for a cpu of 1.
//!
//! ```
//! use flux_client::app::spec::AppSpec;
//! let spec: AppSpec = serde_json::from_str(r#"{"version":8,"name":"e2eTestApp",
//!   "description":"E2E test application for lifecycle testing",
//!   "owner":"1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx",
//!   "compose":[{"name":"e2eTestApp","description":"nginx test container",
//!     "repotag":"nginx:alpine","ports":[31111],"domains":[""],"environmentParameters":[],
//!     "commands":[],"containerPorts":[80],"containerData":"/tmp","cpu":0.1,"ram":100,
//!     "hdd":1,"repoauth":""}],
//!   "instances":3,"contacts":[],"geolocation":[],"expire":22000,"nodes":[],
//!   "staticip":false,"enterprise":""}"#).unwrap();
//! assert_eq!(spec.compose.as_ref().unwrap()[0].cpu, 0.1);
//! assert!(spec.canonical_json().unwrap().starts_with(r#"{"version":8,"name":"e2eTestApp","#));
//! ```

use serde::{Deserialize, Serialize};

use super::error::AppError;
use super::format::format_spec;
use super::js_value::{JsObject, JsValue};

/// Resources per node tier (v1–v7 `tiered` specs): basic = Cumulus, super = Nimbus,
/// bamf = Stratus.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tiers {
    /// Cores on Cumulus.
    pub cpubasic: f64,
    /// Cores on Nimbus.
    pub cpusuper: f64,
    /// Cores on Stratus.
    pub cpubamf: f64,
    /// RAM (MB) on Cumulus.
    pub rambasic: f64,
    /// RAM (MB) on Nimbus.
    pub ramsuper: f64,
    /// RAM (MB) on Stratus.
    pub rambamf: f64,
    /// SSD (GB) on Cumulus.
    pub hddbasic: f64,
    /// SSD (GB) on Nimbus.
    pub hddsuper: f64,
    /// SSD (GB) on Stratus.
    pub hddbamf: f64,
}

/// The v8 `enterprise` field: `""`/`false` for a public app, else the base64 blob
/// (RSA-wrapped AES key ‖ nonce ‖ AES-GCM ciphertext of `{contacts, compose}` ‖ tag).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Enterprise {
    /// `false` (or `true`, which FluxOS would stringify to `"true"`).
    Flag(bool),
    /// `""` for a public app, or the encrypted blob.
    Blob(String),
}

impl Enterprise {
    /// Whether FluxOS treats the app as enterprise (the value is truthy).
    ///
    /// ```
    /// use flux_client::app::spec::Enterprise;
    /// assert!(!Enterprise::Blob(String::new()).is_enterprise());
    /// assert!(Enterprise::Blob("AAAA".into()).is_enterprise());
    /// ```
    pub fn is_enterprise(&self) -> bool {
        match self {
            Enterprise::Flag(b) => *b,
            Enterprise::Blob(s) => !s.is_empty(),
        }
    }
}

/// One component of a v4+ app (`compose[i]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    /// Component name (`[a-zA-Z0-9]+`, unique in the app).
    pub name: String,
    /// Free text, ≤ 256 UTF-16 units.
    pub description: String,
    /// Docker image `[HOST[:PORT]/][NAMESPACE/]REPOSITORY[:TAG]`.
    pub repotag: String,
    /// Public ports (numbers).
    pub ports: Vec<u32>,
    /// One domain per port (`""` for none).
    pub domains: Vec<String>,
    /// `KEY=value` strings.
    pub environment_parameters: Vec<String>,
    /// Container command arguments.
    pub commands: Vec<String>,
    /// Container ports, one per public port (numbers: FluxOS does not convert strings here).
    pub container_ports: Vec<u32>,
    /// Mount specification (`/data`, `r:/data|m:logs:/var/log`, ...).
    pub container_data: String,
    /// Cores.
    pub cpu: f64,
    /// RAM in MB.
    pub ram: f64,
    /// SSD in GB.
    pub hdd: f64,
    /// v4–v7: per-tier resources requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiered: Option<bool>,
    /// v4–v7 tiered: Cores on Cumulus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpubasic: Option<f64>,
    /// v4–v7 tiered: Cores on Nimbus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpusuper: Option<f64>,
    /// v4–v7 tiered: Cores on Stratus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpubamf: Option<f64>,
    /// v4–v7 tiered: RAM (MB) on Cumulus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rambasic: Option<f64>,
    /// v4–v7 tiered: RAM (MB) on Nimbus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramsuper: Option<f64>,
    /// v4–v7 tiered: RAM (MB) on Stratus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rambamf: Option<f64>,
    /// v4–v7 tiered: SSD (GB) on Cumulus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hddbasic: Option<f64>,
    /// v4–v7 tiered: SSD (GB) on Nimbus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hddsuper: Option<f64>,
    /// v4–v7 tiered: SSD (GB) on Stratus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hddbamf: Option<f64>,
    /// v7+: registry credentials (v7 PGP-encrypted, v8 plain inside the enterprise blob).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repoauth: Option<String>,
    /// v7 only: PGP-encrypted environment for the selected nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<String>,
}

/// A FluxOS app specification, any version 1–8.
///
/// | field | versions |
/// |---|---|
/// | `repotag`, `enviromentParameters`, `commands`, `containerData`, `cpu`, `ram`, `hdd`, `tiered`, tiers | 1–3 |
/// | `port`, `containerPort` | 1 |
/// | `ports`, `containerPorts` (strings), `domains` | 2–3 |
/// | `compose` | 4–8 |
/// | `instances` | 3–8 |
/// | `contacts`, `geolocation` | 5–8 |
/// | `expire` | 6–8 |
/// | `nodes`, `staticip` | 7–8 |
/// | `datacenter` (optional), `enterprise` | 8 |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSpec {
    /// Specification version, 1–8.
    pub version: u32,
    /// App name.
    pub name: String,
    /// Free text, ≤ 256 UTF-16 units.
    pub description: String,
    /// Owner ZelID (`1…` or `0x…`).
    pub owner: String,
    /// v1–v3: Docker image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repotag: Option<String>,
    /// v1: the public port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// v1: the container port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_port: Option<u32>,
    /// v2–v3: public ports, as strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<Vec<String>>,
    /// v2–v3: one domain per port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    /// v1–v3: environment (FluxOS's spelling).
    #[serde(
        default,
        rename = "enviromentParameters",
        skip_serializing_if = "Option::is_none"
    )]
    pub enviroment_parameters: Option<Vec<String>>,
    /// v1–v3: container command arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commands: Option<Vec<String>>,
    /// v2–v3: container ports, as strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_ports: Option<Vec<String>>,
    /// v1–v3: mount specification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_data: Option<String>,
    /// v1–v3: cores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<f64>,
    /// v1–v3: RAM in MB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ram: Option<f64>,
    /// v1–v3: SSD in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hdd: Option<f64>,
    /// v1–v3: per-tier resources requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiered: Option<bool>,
    /// v1–v3 tiered: Cores on Cumulus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpubasic: Option<f64>,
    /// v1–v3 tiered: Cores on Nimbus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpusuper: Option<f64>,
    /// v1–v3 tiered: Cores on Stratus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpubamf: Option<f64>,
    /// v1–v3 tiered: RAM (MB) on Cumulus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rambasic: Option<f64>,
    /// v1–v3 tiered: RAM (MB) on Nimbus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramsuper: Option<f64>,
    /// v1–v3 tiered: RAM (MB) on Stratus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rambamf: Option<f64>,
    /// v1–v3 tiered: SSD (GB) on Cumulus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hddbasic: Option<f64>,
    /// v1–v3 tiered: SSD (GB) on Nimbus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hddsuper: Option<f64>,
    /// v1–v3 tiered: SSD (GB) on Stratus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hddbamf: Option<f64>,
    /// v4+: the components.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compose: Option<Vec<Component>>,
    /// v3+: number of instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<u32>,
    /// v5+: contact e-mails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<String>>,
    /// v5+: geolocation rules (`acEU`, `a!cNA_US`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geolocation: Option<Vec<String>>,
    /// v6+: lifetime in blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire: Option<u32>,
    /// v7+: selected nodes (`ip[:port]` or `txid:index`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<Vec<String>>,
    /// v7+: only static-IP nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staticip: Option<bool>,
    /// v8 (optional): only datacenter nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datacenter: Option<bool>,
    /// v8: `""`/`false`, or the enterprise blob.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<Enterprise>,
}

/// The nine tier fields as one value, when all are present. (They are separate fields, not a
/// `#[serde(flatten)]` struct: flattening buffers numbers and breaks under serde_json's
/// `arbitrary_precision`.)
macro_rules! tiers_accessor {
    ($t:ty) => {
        impl $t {
            /// The tier values, if all nine are present.
            pub fn tiers(&self) -> Option<Tiers> {
                Some(Tiers {
                    cpubasic: self.cpubasic?,
                    cpusuper: self.cpusuper?,
                    cpubamf: self.cpubamf?,
                    rambasic: self.rambasic?,
                    ramsuper: self.ramsuper?,
                    rambamf: self.rambamf?,
                    hddbasic: self.hddbasic?,
                    hddsuper: self.hddsuper?,
                    hddbamf: self.hddbamf?,
                })
            }
        }
    };
}
tiers_accessor!(Component);
tiers_accessor!(AppSpec);

impl AppSpec {
    /// The fields of a specification, for `flux app ... --help` (the type's docs have them
    /// all, per version).
    ///
    /// ```
    /// assert!(flux_client::app::spec::AppSpec::JSON_FIELDS.contains("compose"));
    /// ```
    pub const JSON_FIELDS: &'static str = "\
Specification: FluxOS's app JSON, any version 1-8 (FluxOS's field names). Version 8:
  version, name, description, owner (the owner's ZelID)
  compose        array of components: name, description, repotag (Docker image), ports,
                 domains (one per port, \"\" for none), environmentParameters (KEY=value),
                 commands, containerPorts, containerData (mounts), cpu (cores), ram (MB),
                 hdd (GB), repoauth
  instances      how many nodes run it
  contacts, geolocation, expire (lifetime in blocks), nodes, staticip, enterprise,
  datacenter (optional)
Versions 1-3 put repotag, ports and resources at the top level (v1-v3 spell it
enviromentParameters); 4-7 have per-tier resources (tiered, cpubasic, ...); see FluxOS's
specifications for each version.";

    /// A version 8 specification (FluxOS's end-to-end test app) that formats, validates and
    /// prices.
    ///
    /// ```
    /// use flux_client::app::spec::AppSpec;
    /// let spec: AppSpec = serde_json::from_str(AppSpec::JSON_EXAMPLE).unwrap();
    /// assert_eq!(spec.version, 8);
    /// ```
    pub const JSON_EXAMPLE: &'static str = r#"{"version": 8, "name": "e2eTestApp", "description": "E2E test application for lifecycle testing", "owner": "1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx", "compose": [{"name": "e2eTestApp", "description": "nginx test container", "repotag": "nginx:alpine", "ports": [31111], "domains": [""], "environmentParameters": [], "commands": [], "containerPorts": [80], "containerData": "/tmp", "cpu": 0.1, "ram": 100, "hdd": 1, "repoauth": ""}], "instances": 3, "contacts": [], "geolocation": [], "expire": 22000, "nodes": [], "staticip": false, "enterprise": ""}"#;

    /// This spec as the JavaScript object a client would send.
    ///
    /// ```
    /// use flux_client::app::spec::AppSpec;
    /// let spec: AppSpec = serde_json::from_str(
    ///     r#"{"version":1,"name":"a","description":"d","owner":"o"}"#).unwrap();
    /// assert_eq!(spec.to_js().to_json().unwrap(),
    ///     r#"{"version":1,"name":"a","description":"d","owner":"o"}"#);
    /// ```
    pub fn to_js(&self) -> JsValue {
        // Through JSON text, not `serde_json::Value`: a struct writes its fields in declaration
        // order, which is the order `JSON.stringify` keeps, while a `Value`'s map is sorted
        // unless some crate in the build turns on serde_json's `preserve_order`. The text of a
        // typed spec is shallow and has no lone surrogates, so `JSON.parse` takes it.
        serde_json::to_string(self)
            .ok()
            .and_then(|text| crate::app::js_json::parse(&text).ok())
            .unwrap_or(JsValue::Undefined)
    }

    /// The canonical text FluxOS signs: `JSON.stringify(specificationFormatter(spec))`.
    ///
    /// Errors with FluxOS's message when the formatter refuses the spec (e.g. v4–v7 component
    /// without `tiered`).
    pub fn canonical_json(&self) -> Result<String, AppError> {
        Ok(format_spec(&self.to_js())?.to_json())
    }

    /// Reads a formatted spec (the formatter's output, or a node's answer) into the typed form.
    ///
    /// Fails with [`AppError::Shape`] when a value has no typed form (e.g. `NaN`, string
    /// container ports in v4+, a negative port).
    ///
    /// ```
    /// use flux_client::app::{js_json, spec::AppSpec};
    /// let raw = js_json::parse(r#"{"version":1,"name":"a","description":"d","owner":"o",
    ///   "port":31000}"#).unwrap();
    /// assert_eq!(AppSpec::from_js(&raw).unwrap().port, Some(31000));
    /// ```
    pub fn from_js(value: &JsValue) -> Result<AppSpec, AppError> {
        let v = to_serde(value).ok_or_else(|| AppError::Shape {
            message: "value with no JSON form (NaN or Infinity)".into(),
        })?;
        serde_json::from_value(v).map_err(|e| AppError::Shape {
            message: e.to_string(),
        })
    }
}

/// serde_json value -> JavaScript value (numbers read as doubles, as `JSON.parse` would).
///
/// Object keys come in the `Value`'s own order: sorted, unless serde_json's `preserve_order`
/// is on somewhere in the build. Where key order matters (anything later stringified), parse
/// the JSON text with [`crate::app::js_json::parse`] instead.
pub fn from_serde(v: &serde_json::Value) -> JsValue {
    match v {
        serde_json::Value::Null => JsValue::Null,
        serde_json::Value::Bool(b) => JsValue::Bool(*b),
        // Re-read the number's text so that the result is the correctly rounded double
        // whatever serde_json features are enabled.
        serde_json::Value::Number(n) => {
            JsValue::Number(n.to_string().parse::<f64>().unwrap_or(f64::NAN))
        }
        serde_json::Value::String(s) => JsValue::String(s.clone()),
        serde_json::Value::Array(a) => JsValue::Array(a.iter().map(from_serde).collect()),
        serde_json::Value::Object(m) => {
            let mut o = JsObject::new();
            for (k, v) in m {
                o.set(k, from_serde(v));
            }
            JsValue::Object(o)
        }
    }
}

/// JavaScript value -> serde_json value; `None` if it holds NaN/Infinity. `undefined` object
/// members are dropped (as `JSON.stringify` does); integral doubles become integers so that
/// integer fields deserialize.
pub fn to_serde(v: &JsValue) -> Option<serde_json::Value> {
    Some(match v {
        JsValue::Undefined | JsValue::Null => serde_json::Value::Null,
        JsValue::Bool(b) => serde_json::Value::Bool(*b),
        JsValue::Number(x) => {
            if !x.is_finite() {
                return None;
            }
            if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
                serde_json::Value::from(*x as i64)
            } else {
                serde_json::Number::from_f64(*x).map(serde_json::Value::Number)?
            }
        }
        JsValue::String(s) => serde_json::Value::String(s.clone()),
        JsValue::Array(a) => {
            serde_json::Value::Array(a.iter().map(to_serde).collect::<Option<Vec<_>>>()?)
        }
        JsValue::Object(o) => {
            let mut m = serde_json::Map::new();
            for (k, v) in o.iter() {
                if !matches!(v, JsValue::Undefined) {
                    m.insert(k.to_string(), to_serde(v)?);
                }
            }
            serde_json::Value::Object(m)
        }
    })
}
