//! Price per month and the amounts the chain requires (`appUtilities.appPricePerMonth`,
//! `messageVerifier.checkAndRequestApp`), computed in FluxOS's floating-point order so the
//! result is the number JavaScript prints.
//!
//! Every sum, product and `Math.ceil` below happens in the same order as in FluxOS: with
//! doubles, `a*b*10` and `a*(b*10)` differ, and a v3 spec of cpu 15 / ram 59000 / hdd 820
//! prices at 68.41, not 68.40 (fluxos.md §13.13). v4+ has no `minPrice` floor in this function,
//! so 0 or negative resources give 0 or a negative price (§13.6).

use serde::{Deserialize, Serialize};

use super::format::Formatted;
use super::js_number::{to_fixed, to_js_string};
use super::js_value::{JsObject, JsValue};
use super::params;
use super::AppError;

/// One price epoch, as `config.fluxapps.price` and `/apps/deploymentinformation` (`price`)
/// give them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceEpoch {
    /// Valid for heights strictly above this one.
    pub height: f64,
    /// Per 0.1 core.
    pub cpu: f64,
    /// Per 100 MB.
    pub ram: f64,
    /// Per GB.
    pub hdd: f64,
    /// Least amount a registration or update must pay.
    pub min_price: f64,
    /// Per enterprise port.
    pub port: f64,
    /// For apps scoped to nodes (or enterprise).
    pub scope: f64,
    /// For static-IP apps.
    pub staticip: f64,
    /// USD floor (only the USD epoch has one).
    #[serde(
        default,
        rename = "minUSDPrice",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_usd_price: Option<f64>,
}

const fn epoch(height: f64, c: [f64; 7]) -> PriceEpoch {
    PriceEpoch {
        height,
        cpu: c[0],
        ram: c[1],
        hdd: c[2],
        min_price: c[3],
        port: c[4],
        scope: c[5],
        staticip: c[6],
        min_usd_price: None,
    }
}

/// The static epochs of `config.fluxapps.price` (FluxOS v8.17.0). On-chain `p_…` soft forks
/// may add more: prefer the list `/apps/deploymentinformation` returns.
pub const STATIC_EPOCHS: [PriceEpoch; 6] = [
    epoch(-1.0, [3.0, 1.0, 0.5, 1.0, 2.0, 6.0, 3.0]),
    epoch(983_000.0, [0.3, 0.1, 0.05, 0.1, 2.0, 6.0, 3.0]),
    epoch(1_004_000.0, [0.06, 0.02, 0.01, 0.01, 2.0, 6.0, 3.0]),
    epoch(1_288_000.0, [0.15, 0.05, 0.02, 0.01, 2.0, 6.0, 3.0]),
    epoch(1_594_832.0, [0.15, 0.05, 0.02, 0.01, 1.5, 6.0, 3.0]),
    epoch(1_597_156.0, [0.03, 0.01, 0.004, 0.01, 0.4, 0.8, 0.4]),
];

/// Reads price epochs as a caller got them from FluxOS: the `price` array itself, the `data`
/// of `/apps/deploymentinformation` (`{"price": [...], ...}`), or its whole envelope
/// (`{"status":"success","data":{...}}`).
///
/// ```
/// use flux_client::app::price::parse_epochs;
/// let e = parse_epochs(r#"{"status":"success","data":{"price":[{"height":-1,"cpu":3,
///   "ram":1,"hdd":0.5,"minPrice":1,"port":2,"scope":6,"staticip":3}],"address":"t3..."}}"#)
///     .unwrap();
/// assert_eq!(e[0].min_price, 1.0);
/// ```
pub fn parse_epochs(text: &str) -> Result<Vec<PriceEpoch>, AppError> {
    let bad = |m: String| AppError::Price { message: m };
    let mut v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| bad(format!("epochs are not JSON: {e}")))?;
    if let Some(data) = v.get("data") {
        v = data.clone();
    }
    if let Some(price) = v.get("price") {
        v = price.clone();
    }
    serde_json::from_value(v).map_err(|e| bad(format!("epochs: {e}")))
}

/// The epoch in force at `height`: the **last** entry of the list (in list order, as FluxOS
/// filters without sorting) whose `height` is below it.
///
/// ```
/// use flux_client::app::price::{epoch_at, STATIC_EPOCHS};
/// assert_eq!(epoch_at(&STATIC_EPOCHS, 2_200_000).unwrap().cpu, 0.03);
/// assert_eq!(epoch_at(&STATIC_EPOCHS, 983_000).unwrap().cpu, 3.0);
/// ```
pub fn epoch_at(epochs: &[PriceEpoch], height: u64) -> Option<&PriceEpoch> {
    epochs.iter().rfind(|e| e.height < height as f64)
}

/// A JavaScript price: usually a number, but FluxOS returns the *string*
/// `Number(minUSDPrice).toFixed(2)` when the USD floor applies.
#[derive(Debug, Clone, PartialEq)]
pub enum JsPrice {
    /// A number.
    Number(f64),
    /// A string from `toFixed(2)`.
    Text(String),
}

impl JsPrice {
    /// The value as JavaScript's arithmetic would use it (`+x`).
    pub fn value(&self) -> f64 {
        match self {
            JsPrice::Number(x) => *x,
            JsPrice::Text(s) => super::js_number::string_to_number(s),
        }
    }

    /// `String(x)`: what JavaScript prints.
    ///
    /// ```
    /// use flux_client::app::price::JsPrice;
    /// assert_eq!(JsPrice::Number(0.06).to_js_string(), "0.06");
    /// assert_eq!(JsPrice::Text("1.00".into()).to_js_string(), "1.00");
    /// ```
    pub fn to_js_string(&self) -> String {
        match self {
            JsPrice::Number(x) => to_js_string(*x),
            JsPrice::Text(s) => s.clone(),
        }
    }
}

fn num(o: &JsObject, k: &str) -> f64 {
    o.get(k).to_number().unwrap_or(f64::NAN)
}

/// `Math.ceil(x * 100) / 100`.
fn ceil_cents(x: f64) -> f64 {
    (x * 100.0).ceil() / 100.0
}

fn enterprise_port_count(ports: &JsValue) -> f64 {
    match ports {
        JsValue::Array(a) => a
            .iter()
            .filter(|p| params::is_port_enterprise(p.to_number().unwrap_or(f64::NAN)))
            .count() as f64,
        _ => 0.0,
    }
}

fn not_array() -> AppError {
    AppError::Price {
        message: "Cannot read properties of undefined (reading 'forEach')".into(),
    }
}

/// `appPricePerMonth(spec, height, epochs)`: FLUX per month for a formatted spec.
///
/// ```
/// use flux_client::app::{format::format_text, price::{price_per_month, STATIC_EPOCHS}};
/// let spec = format_text(r#"{"version":8,"name":"a","description":"d","owner":"o",
///   "compose":[{"name":"a","description":"","repotag":"nginx","ports":[443],"domains":[""],
///   "environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp",
///   "cpu":1,"ram":2000,"hdd":20,"repoauth":""}],"instances":3,"contacts":[],
///   "geolocation":[],"expire":22000,"nodes":[],"staticip":false,"enterprise":""}"#).unwrap();
/// let p = price_per_month(&spec, 2_200_000, &STATIC_EPOCHS).unwrap();
/// assert_eq!(p.to_js_string(), "0.99");
/// ```
pub fn price_per_month(
    spec: &Formatted,
    height: u64,
    epochs: &[PriceEpoch],
) -> Result<JsPrice, AppError> {
    let h = height as f64;
    let Some(s) = spec.object() else {
        return Err(AppError::Price {
            message: "Application specification not provided".into(),
        });
    };
    let p = epoch_at(epochs, height).ok_or_else(|| AppError::Price {
        message: format!("no price epoch below height {height}"),
    })?;
    let version = num(s, "version");
    if version <= 3.0 {
        let tiered = s.get("tiered").truthy();
        let (cpu_count, ram_count, hdd_count) = if tiered {
            (
                num(s, "cpubasic") + num(s, "cpusuper") + num(s, "cpubamf"),
                num(s, "rambasic") + num(s, "ramsuper") + num(s, "rambamf"),
                num(s, "hddbasic") + num(s, "hddsuper") + num(s, "hddbamf"),
            )
        } else {
            (num(s, "cpu"), num(s, "ram"), num(s, "hdd"))
        };
        let cpu_total = cpu_count * p.cpu * 10.0;
        let ram_total = (ram_count * p.ram) / 100.0;
        let hdd_total = hdd_count * p.hdd;
        let mut total = cpu_total + ram_total + hdd_total;
        let port = s.get("port");
        if port.truthy() {
            if params::is_port_enterprise(port.to_number().unwrap_or(f64::NAN)) {
                total += p.port;
            }
        } else if s.get("ports").truthy() {
            let ports = s.get("ports");
            if !matches!(ports, JsValue::Array(_)) {
                return Err(not_array());
            }
            total += enterprise_port_count(ports) * p.port;
        }
        if tiered {
            if let Some(min_usd) = p.min_usd_price.filter(|m| *m != 0.0 && !m.is_nan()) {
                if h >= params::APPLY_MINIMUM_PRICE_ON_3_INSTANCES && total < min_usd {
                    // `totalPrice = Number(minUSDPrice).toFixed(2)`, then `* 100` reads it back.
                    total = super::js_number::string_to_number(&to_fixed(min_usd, 2));
                }
            }
        }
        let mut app_price = ceil_cents(total);
        if app_price < p.min_price {
            app_price = p.min_price;
        }
        return Ok(JsPrice::Number(app_price));
    }

    // v4+ (and a NaN version: `compose.forEach` on what is there).
    let JsValue::Array(compose) = s.get("compose") else {
        return Err(not_array());
    };
    let mut cpu_count = 0.0;
    let mut ram_count = 0.0;
    let mut hdd_count = 0.0;
    let mut enterprise_ports = 0.0;
    for c in compose {
        let JsValue::Object(c) = c else {
            return Err(not_array());
        };
        if c.get("tiered").truthy() {
            cpu_count += (num(c, "cpubasic") + num(c, "cpusuper") + num(c, "cpubamf")) / 3.0;
            ram_count += (num(c, "rambasic") + num(c, "ramsuper") + num(c, "rambamf")) / 3.0;
            hdd_count += (num(c, "hddbasic") + num(c, "hddsuper") + num(c, "hddbamf")) / 3.0;
        } else {
            cpu_count += num(c, "cpu");
            ram_count += num(c, "ram");
            hdd_count += num(c, "hdd");
        }
        let ports = c.get("ports");
        if !matches!(ports, JsValue::Array(_)) {
            return Err(not_array());
        }
        enterprise_ports += enterprise_port_count(ports);
    }
    let cpu_price = cpu_count * p.cpu * 10.0;
    let ram_price = (ram_count * p.ram) / 100.0;
    let hdd_price = hdd_count * p.hdd;
    let mut total = cpu_price + ram_price + hdd_price;
    let nodes_len = match s.get("nodes") {
        JsValue::Array(n) => n.len(),
        _ => 0,
    };
    if nodes_len > 0 || s.get("enterprise").truthy() {
        total += p.scope;
    }
    if s.get("staticip").truthy() {
        total += p.staticip;
    }
    total += enterprise_ports * p.port;
    let per_instance = total / 3.0;
    let mut app_price = ceil_cents(per_instance);
    let additional = num(s, "instances") - 1.0;
    if additional > 0.0 && h >= params::APPLY_MINIMUM_FOR_EXTRA_INSTANCES {
        if app_price < 0.50 && additional > 2.0 {
            app_price += additional * 0.50;
        } else {
            let additional_price = app_price * additional;
            app_price = ((additional_price * 100.0).ceil() + (app_price * 100.0).ceil()) / 100.0;
        }
    }
    if let Some(min_usd) = p.min_usd_price.filter(|m| *m != 0.0 && !m.is_nan()) {
        if h >= params::APPLY_MINIMUM_PRICE_ON_3_INSTANCES && app_price < min_usd {
            return Ok(JsPrice::Text(to_fixed(min_usd, 2)));
        }
    }
    Ok(JsPrice::Number(app_price))
}

/// Blocks per "month" for a message mined at `height`: 22000, or 88000 from the PoN fork.
///
/// ```
/// assert_eq!(flux_client::app::price::default_expire(2_019_999), 22000.0);
/// assert_eq!(flux_client::app::price::default_expire(2_020_000), 88000.0);
/// ```
pub fn default_expire(height: u64) -> f64 {
    if height as f64 >= params::DAEMON_PON_FORK {
        params::BLOCKS_LASTING * 4.0
    } else {
        params::BLOCKS_LASTING
    }
}

/// What the chain requires a payment to be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Required {
    /// FLUX, as FluxOS computes it (`appPrice`).
    pub flux: f64,
    /// The least zatoshis accepted: the smallest integer `v` with `v >= flux * 1e8`.
    pub zatoshis: u64,
}

impl Required {
    fn from_flux(flux: f64) -> Self {
        let sat = (flux * 1e8).ceil();
        Required {
            flux,
            zatoshis: if sat.is_finite() && sat > 0.0 {
                sat as u64
            } else {
                0
            },
        }
    }
}

fn expire_of(spec: &Formatted, default: f64) -> f64 {
    let e = spec.get("expire");
    if e.truthy() {
        e.to_number().unwrap_or(f64::NAN)
    } else {
        default
    }
}

/// The payment a **registration** mined at `height` must make (`checkAndRequestApp`):
/// `ceil(price × expire/defaultExpire × 100)/100`, at least `minPrice`. `expire` overrides the
/// spec's (for specs without one, the default applies).
///
/// ```
/// use flux_client::app::{format::format_text, price::{registration_amount, STATIC_EPOCHS}};
/// let spec = format_text(r#"{"version":8,"name":"a","description":"d","owner":"o",
///   "compose":[{"name":"a","description":"","repotag":"nginx","ports":[31000],"domains":[""],
///   "environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp",
///   "cpu":1,"ram":2000,"hdd":20,"repoauth":""}],"instances":3,"contacts":[],
///   "geolocation":[],"expire":88000,"nodes":[],"staticip":false,"enterprise":""}"#).unwrap();
/// let r = registration_amount(&spec, 2_200_000, &STATIC_EPOCHS, None).unwrap();
/// assert_eq!((r.flux, r.zatoshis), (0.6, 60_000_000));
/// ```
pub fn registration_amount(
    spec: &Formatted,
    height: u64,
    epochs: &[PriceEpoch],
    expire: Option<u64>,
) -> Result<Required, AppError> {
    let p = epoch_at(epochs, height).ok_or_else(|| AppError::Price {
        message: format!("no price epoch below height {height}"),
    })?;
    let mut price = price_per_month(spec, height, epochs)?.value();
    let default = default_expire(height);
    let expire_in = match expire {
        Some(e) if e > 0 => e as f64,
        _ => expire_of(spec, default),
    };
    price *= expire_in / default;
    price = ceil_cents(price);
    if price < p.min_price {
        price = p.min_price;
    }
    Ok(Required::from_flux(price))
}

/// The lifetime a [`Quote`]'s registration amount is for.
///
/// ```
/// use flux_client::app::price::QuotedExpire;
///
/// assert_eq!(serde_json::to_string(&QuotedExpire::Blocks(88000)).unwrap(), "88000");
/// assert_eq!(serde_json::to_string(&QuotedExpire::Unreadable).unwrap(), "null");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum QuotedExpire {
    /// A whole number of blocks: the caller's, the spec's `expire`, or FluxOS's default.
    Blocks(u64),
    /// The spec's `expire` as JavaScript prints the number FluxOS reads from it, when that is
    /// not a plain block count (`1.5`, `NaN`, ...).
    Text(String),
    /// The spec's `expire` is not a number at all.
    Unreadable,
}

/// What `flux app price` prints: the price per month and the registration payment at a
/// height, in FluxOS's float order and JavaScript's number text.
///
/// ```
/// use flux_client::app::{format::format_text, price::{quote, QuotedExpire, STATIC_EPOCHS}};
/// let spec = format_text(r#"{"version":8,"name":"a","description":"d","owner":"o",
///   "compose":[{"name":"a","description":"","repotag":"nginx","ports":[31000],"domains":[""],
///   "environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp",
///   "cpu":1,"ram":2000,"hdd":20,"repoauth":""}],"instances":3,"contacts":[],
///   "geolocation":[],"expire":88000,"nodes":[],"staticip":false,"enterprise":""}"#).unwrap();
/// let q = quote(&spec, 2_200_000, &STATIC_EPOCHS, None).unwrap();
/// assert_eq!((q.registration.as_str(), q.registration_zatoshis), ("0.6", 60_000_000));
/// assert_eq!(q.expire, QuotedExpire::Blocks(88000));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// FLUX per month, as JavaScript prints FluxOS's number.
    pub per_month: String,
    /// The height the quote is for.
    pub height: u64,
    /// The lifetime the registration amount is for.
    pub expire: QuotedExpire,
    /// The registration payment in FLUX, as JavaScript prints it.
    pub registration: String,
    /// The least zatoshis the registration payment must carry.
    pub registration_zatoshis: u64,
}

/// The price per month and the registration payment of `spec` mined at `height`
/// ([`price_per_month`], [`registration_amount`]); `expire` overrides the spec's lifetime.
/// See [`Quote`] for an example.
pub fn quote(
    spec: &Formatted,
    height: u64,
    epochs: &[PriceEpoch],
    expire: Option<u64>,
) -> Result<Quote, AppError> {
    let per_month = price_per_month(spec, height, epochs)?;
    let required = registration_amount(spec, height, epochs, expire)?;
    // The lifetime registration_amount used: the override, the spec's `expire`, or the
    // default. Only whole positive numbers below 1e15 print as integers (as JSON numbers).
    let spec_expire = spec.get("expire");
    let expire_used = match expire {
        Some(e) if e > 0 => QuotedExpire::Blocks(e),
        _ if spec_expire.truthy() => match spec_expire.to_number() {
            Ok(e) if e.fract() == 0.0 && e > 0.0 && e < 1e15 => QuotedExpire::Blocks(e as u64),
            Ok(e) => QuotedExpire::Text(to_js_string(e)),
            Err(_) => QuotedExpire::Unreadable,
        },
        _ => QuotedExpire::Blocks(default_expire(height) as u64),
    };
    Ok(Quote {
        per_month: per_month.to_js_string(),
        height,
        expire: expire_used,
        registration: to_js_string(required.flux),
        registration_zatoshis: required.zatoshis,
    })
}

/// The payment an **update** mined at `height` must make, given the previous spec and the
/// height of its message (`checkAndRequestApp`, update branch): the new price for its expire,
/// less the unused part of the previous one, times 0.9, at least `minPrice`.
pub fn update_amount(
    spec: &Formatted,
    height: u64,
    previous: &Formatted,
    previous_height: u64,
    epochs: &[PriceEpoch],
) -> Result<Required, AppError> {
    let p = epoch_at(epochs, height).ok_or_else(|| AppError::Price {
        message: format!("no price epoch below height {height}"),
    })?;
    let prev_height = if previous_height == 0 {
        height
    } else {
        previous_height
    };
    let mut app_price = price_per_month(spec, height, epochs)?.value();
    let mut prev_price = price_per_month(previous, prev_height, epochs)?.value();
    let default_current = default_expire(height);
    let default_previous = default_expire(prev_height);
    let current_expire = expire_of(spec, default_current);
    let previous_expire = expire_of(previous, default_previous);
    app_price *= current_expire / default_current;
    app_price = ceil_cents(app_price);
    prev_price *= previous_expire / default_previous;
    prev_price = ceil_cents(prev_price);
    let height_difference = height as f64 - previous_height as f64;
    let perc = (previous_expire - height_difference) / previous_expire;
    let mut to_pay = app_price * 0.9;
    if perc > 0.0 {
        to_pay = (app_price - (perc * prev_price)) * 0.9;
    }
    to_pay = ceil_cents(to_pay);
    if to_pay < p.min_price {
        to_pay = p.min_price;
    }
    Ok(Required::from_flux(to_pay))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::format::format_text;

    fn v8(cpu: &str, ram: &str, hdd: &str, instances: u32, extra: &str, port: u32) -> Formatted {
        format_text(&format!(
            r#"{{"version":8,"name":"a","description":"d","owner":"o","compose":[{{"name":"a",
            "description":"","repotag":"nginx","ports":[{port}],"domains":[""],
            "environmentParameters":[],"commands":[],"containerPorts":[80],
            "containerData":"/tmp","cpu":{cpu},"ram":{ram},"hdd":{hdd},"repoauth":""}}],
            "instances":{instances},"contacts":[],"geolocation":[],"expire":22000,
            "nodes":[{extra}],"staticip":false,"enterprise":""}}"#
        ))
        .unwrap()
    }

    fn price(f: &Formatted, h: u64) -> String {
        price_per_month(f, h, &STATIC_EPOCHS)
            .unwrap()
            .to_js_string()
    }

    /// fluxos.md §6.4 examples (produced by running FluxOS's appPricePerMonth).
    #[test]
    fn spec_examples() {
        let h = 2_200_000;
        assert_eq!(price(&v8("0.1", "100", "1", 3, "", 31000), h), "0.06");
        assert_eq!(price(&v8("1", "2000", "20", 3, "", 31000), h), "0.6");
        assert_eq!(price(&v8("1", "2000", "20", 5, "", 31000), h), "2.2");
        assert_eq!(price(&v8("1", "2000", "20", 1, "", 31000), h), "0.2");
        assert_eq!(price(&v8("1", "2000", "20", 3, "", 443), h), "0.99");
        assert_eq!(
            price(&v8("1", "2000", "20", 3, "\"1.2.3.4\"", 31000), h),
            "1.38"
        );
        assert_eq!(price(&v8("0.1", "100", "1", 10, "", 31000), h), "4.52");
        assert_eq!(
            price(&v8("4", "8000", "100", 3, "", 31000), 1_800_000),
            "0.8"
        );
    }

    /// §13.13: the v3 float-order example.
    #[test]
    fn v3_float_order() {
        let f = format_text(
            r#"{"version":3,"name":"a","description":"d","owner":"o","repotag":"r",
            "ports":["31000"],"domains":[""],"enviromentParameters":[],"commands":[],
            "containerPorts":["80"],"containerData":"/d","cpu":15,"ram":59000,"hdd":820,
            "tiered":false,"instances":3}"#,
        )
        .unwrap();
        // Epoch 1288000 (cpu 0.15, ram 0.05, hdd 0.02): 22.5 + 29.5 + 16.4 is 68.40000000000001.
        assert_eq!(price(&f, 1_300_000), "68.41");
        assert_eq!(price(&f, 2_200_000), "13.68");
    }
}
