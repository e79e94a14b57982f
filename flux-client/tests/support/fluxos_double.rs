//! An in-process FluxOS double on 127.0.0.1, started and stopped by the test (dropping the
//! [`OsDouble`] stops its thread and every connection). It behaves as FluxOS v8.17.0 does
//! where a client can tell (fluxos.md §0–§6, §13):
//! - the POST routes that read the raw request stream **hang** when the body is sent as
//!   `application/json` (Express's `express.json()` has consumed it);
//! - errors are `{"status":"error","data":{…}}` with HTTP **200**;
//! - `zelidauth` is checked by signature (flux-zelid's `LoginVerifier`: a node session, or a
//!   self-signed phrase within 16 h for `user` calls);
//! - `/id/loginphrase` → `/id/verifylogin` issues and consumes phrases, and answers the
//!   gateway's `fluxnode` header when asked to;
//! - the register/update flow: verify (the formatter and validator of `flux_client::app`),
//!   price, deployment information, and `/apps/appregister` checking the owner's signature
//!   over the formatted spec and answering the message hash.
//!
//! The prices it quotes are the on-chain minimum (`registration_amount` with the static
//! epochs), not FluxOS's USD-based quote; the double has no peers, so registration always
//! "reaches the network".
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use flux_client::app::format::{format_spec, Formatted};
use flux_client::app::js_json;
use flux_client::app::js_number::to_js_string;
use flux_client::app::js_value::JsValue;
use flux_client::app::message::{AppMessage, AppMessageType};
use flux_client::app::price::{registration_amount, STATIC_EPOCHS};
use flux_client::app::validate::validate_formatted;
use flux_zelid::login::{LoginRequest, LoginVerifier};
use flux_zelid::privilege::{Level, Privileges};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

#[path = "http_server.rs"]
mod http_server;
use http_server::{read_request, Request, Server};

/// The payment address the double announces (FluxOS's `addressMultisigB`).
pub const PAYMENT_ADDRESS: &str = "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX";

/// A failure applied to the next request(s), in order.
#[derive(Debug, Clone, PartialEq)]
pub enum OsFault {
    /// No fault for this request (to reach a later one).
    Pass,
    /// Read the request and never answer.
    Hang,
    /// Close without answering.
    Close,
    /// FluxOS's unsynced-daemon error (HTTP 200).
    Unsynced,
    /// The peer-count refusal of `/apps/appregister` (HTTP 200).
    FewPeers,
    /// Answer this status and body.
    Raw(u16, String),
    /// Stream body bytes forever.
    Endless,
}

/// One request as the double saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub content_type: Option<String>,
    pub host: Option<String>,
    pub zelidauth: Option<String>,
    pub cache_bypass: bool,
    pub body: String,
}

/// The double's state, shared with the test.
pub struct OsState {
    /// The chain height the node validates and prices at.
    pub height: u64,
    /// A fixed clock (ms) or `None` for the system clock.
    pub now_ms: Option<u64>,
    pub verifier: LoginVerifier,
    /// Sent as the `fluxnode` header of `/id/loginphrase` (gateway behaviour).
    pub fluxnode_header: Option<String>,
    pub faults: VecDeque<OsFault>,
    pub log: Vec<Seen>,
    /// Registered apps (formatted spec objects plus `hash`, `height`), by lower-case name.
    pub apps: HashMap<String, Value>,
    /// Temporary messages by hash.
    pub temporary: HashMap<String, Value>,
    /// UTXOs served by `/explorer/utxo/:address`.
    pub utxos: HashMap<String, Value>,
    /// Transactions broadcast through `/daemon/sendrawtransaction`: txid → hex.
    pub broadcast: HashMap<String, String>,
    /// App messages paid as FluxOS's block scanner reads payments (the memo is the **last**
    /// output's OP_RETURN, 64 ASCII hex characters of a known message hash): hash →
    /// (txid, zatoshis paid to the payment address).
    pub paid: HashMap<String, (String, i64)>,
}

impl OsState {
    fn now(&self) -> u64 {
        self.now_ms.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis() as u64
        })
    }
}

/// A running double.
pub struct OsDouble {
    pub addr: SocketAddr,
    pub state: Arc<Mutex<OsState>>,
    server: Server,
}

impl OsDouble {
    /// Starts a node at `height` (2 200 000 by default in tests: v8 specs are active).
    pub fn start(height: u64) -> OsDouble {
        let state = Arc::new(Mutex::new(OsState {
            height,
            now_ms: None,
            verifier: LoginVerifier::in_memory(Privileges::default()),
            fluxnode_header: None,
            faults: VecDeque::new(),
            log: Vec::new(),
            apps: HashMap::new(),
            temporary: HashMap::new(),
            utxos: HashMap::new(),
            broadcast: HashMap::new(),
            paid: HashMap::new(),
        }));
        let server = http_server::serve(Arc::clone(&state), handle);
        OsDouble {
            addr: server.addr,
            state,
            server,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn push_faults(&self, faults: impl IntoIterator<Item = OsFault>) {
        self.state.lock().unwrap().faults.extend(faults);
    }

    pub fn log(&self) -> Vec<Seen> {
        self.state.lock().unwrap().log.clone()
    }

    pub fn set_now(&self, now_ms: u64) {
        self.state.lock().unwrap().now_ms = Some(now_ms);
    }

    pub fn set_fluxnode_header(&self, value: &str) {
        self.state.lock().unwrap().fluxnode_header = Some(value.to_owned());
    }
}

async fn respond(sock: &mut TcpStream, status: u16, body: &str, extra: &str) {
    let json = "application/json; charset=utf-8";
    http_server::respond(sock, status, json, body.as_bytes(), extra).await
}

/// `{"status":"success","data":DATA}` with DATA's JSON text as given.
fn success_text(data: &str) -> String {
    format!("{{\"status\":\"success\",\"data\":{data}}}")
}

fn success(data: Value) -> String {
    success_text(&data.to_string())
}

/// FluxOS's `createErrorMessage(message, name, code)`; undefined name/code are dropped.
fn error(message: &str) -> String {
    json!({"status":"error","data":{"name":"Error","message":message}}).to_string()
}

fn unauthorized() -> String {
    json!({"status":"error","data":{"code":401,"name":"Unauthorized","message":"Unauthorized. Access denied."}}).to_string()
}

/// The POST routes whose FluxOS handlers read the raw stream (and so hang on JSON).
fn reads_stream(path: &str) -> bool {
    matches!(
        path,
        "/id/verifylogin"
            | "/zelid/verifylogin"
            | "/id/checkprivilege"
            | "/apps/verifyappregistrationspecifications"
            | "/apps/verifyappupdatespecifications"
            | "/apps/calculateprice"
            | "/apps/calculatefiatandfluxprice"
            | "/apps/appregister"
            | "/apps/appupdate"
            | "/daemon/sendrawtransaction"
    )
}

/// `serviceHelper.ensureObject` on a body: JSON object, else `{}` (no qs fallback here).
fn ensure_object(body: &[u8]) -> Value {
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => v,
        _ => json!({}),
    }
}

async fn handle(mut sock: TcpStream, state: Arc<Mutex<OsState>>) -> std::io::Result<()> {
    let Some(req) = read_request(&mut sock).await else {
        return Ok(());
    };
    let (route, query) = match req.path.split_once('?') {
        Some((r, q)) => (r.to_owned(), q.to_owned()),
        None => (req.path.clone(), String::new()),
    };
    let _ = query;
    let fault = {
        let mut st = state.lock().unwrap();
        st.log.push(Seen {
            method: req.method.clone(),
            path: req.path.clone(),
            content_type: req.header("content-type").map(str::to_owned),
            host: req.header("host").map(str::to_owned),
            zelidauth: req.header("zelidauth").map(str::to_owned),
            cache_bypass: req.header("x-apicache-bypass") == Some("true"),
            body: String::from_utf8_lossy(&req.body).into_owned(),
        });
        st.faults.pop_front()
    };
    match fault {
        Some(OsFault::Hang) => return http_server::hang().await,
        Some(OsFault::Close) => return Ok(()),
        Some(OsFault::Unsynced) => {
            respond(&mut sock, 200, &error("Daemon not yet synced."), "").await;
            return Ok(());
        }
        Some(OsFault::FewPeers) => {
            respond(
                &mut sock,
                200,
                &error("Sorry, This Flux does not have enough outgoing peers for safe application registration"),
                "",
            )
            .await;
            return Ok(());
        }
        Some(OsFault::Raw(status, body)) => {
            respond(&mut sock, status, &body, "").await;
            return Ok(());
        }
        Some(OsFault::Endless) => return http_server::endless(&mut sock, ' ').await,
        Some(OsFault::Pass) | None => {}
    }
    if req.method == "POST"
        && reads_stream(&route)
        && req
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json"))
    {
        // express.json() consumed the stream: the handler's 'end' never fires.
        return http_server::hang().await;
    }
    let mut extra = String::new();
    let body = {
        let mut st = state.lock().unwrap();
        if route == "/id/loginphrase" {
            if let Some(h) = &st.fluxnode_header {
                extra = format!("fluxnode: {h}\r\n");
            }
        }
        answer(&mut st, &req, &route)
    };
    match body {
        Some(body) => respond(&mut sock, 200, &body, &extra).await,
        None => {
            let text = format!("Cannot {} {}", req.method, route);
            let head = format!(
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                text.len()
            );
            sock.write_all(head.as_bytes()).await?;
            sock.write_all(text.as_bytes()).await?;
        }
    }
    Ok(())
}

/// Checks `zelidauth` for `level` as FluxOS's `verifyPrivilege` does.
fn authorized(st: &OsState, req: &Request, level: &Level) -> bool {
    let Some(h) = req.header("zelidauth") else {
        return false;
    };
    st.verifier.authenticate(h, level, st.now()).is_ok()
}

/// `new Date(ms).toISOString()`.
fn iso(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-from-civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        ms % 1000
    )
}

/// Formats and validates a raw spec as `verifyAppSpecifications` does at the node's height.
fn verify_spec(st: &OsState, raw: &JsValue) -> Result<Formatted, String> {
    let formatted = format_spec(raw).map_err(|e| e.to_string())?;
    validate_formatted(formatted, st.height)
        .result
        .map_err(|b| b.message)
}

fn js_str(v: &JsValue) -> &str {
    match v {
        JsValue::String(s) => s,
        _ => "",
    }
}

fn answer(st: &mut OsState, req: &Request, route: &str) -> Option<String> {
    let now = st.now();
    let height = st.height;
    let segs: Vec<&str> = route.trim_start_matches('/').split('/').collect();
    Some(match (req.method.as_str(), segs.as_slice()) {
        ("GET", ["flux", "version"]) => success(json!("8.17.0")),
        ("GET", ["flux", "info"]) => success(json!({
            "daemon": {"info": {"version": 9000051, "blocks": height}},
            "node": {"status": {"status": "CONFIRMED"}},
            "flux": {"version": "8.17.0", "zelid": "1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC",
                     "ip": "127.0.0.1:16127", "explorerScannedHeigth": height, "dos": {"dosState": 0}},
            "appsHashesTotal": st.apps.len(),
        })),
        ("GET", ["daemon", "getblockcount"]) => success(json!(height)),
        ("GET", ["daemon", "getinfo"]) => success_text(&format!(
            r#"{{"version":9000051,"protocolversion":170020,"blocks":{height},"timeoffset":0,"connections":12,"proxy":"","difficulty":51234.125,"testnet":false,"relayfee":0.00000100,"errors":""}}"#
        )),
        ("GET", ["id", "loginphrase"]) => success(json!(st.verifier.issue_phrase(now).as_str())),
        ("POST", ["id", "verifylogin"]) => {
            let body = ensure_object(&req.body);
            let zelid = body.get("zelid").or_else(|| body.get("address"));
            let phrase = body.get("loginPhrase").or_else(|| body.get("message"));
            let signature = body.get("signature");
            let Some(zelid) = zelid.and_then(Value::as_str) else {
                return Some(error("No Flux ID is specified"));
            };
            let Ok(zelid) = zelid.parse() else {
                return Some(error("Flux ID is not valid"));
            };
            let Some(phrase) = phrase.and_then(Value::as_str) else {
                return Some(error("No message is specified"));
            };
            let Some(signature) = signature.and_then(Value::as_str) else {
                return Some(error("No signature is specified"));
            };
            let req = LoginRequest {
                zelid,
                login_phrase: phrase.to_owned(),
                signature: signature.to_owned(),
            };
            match st.verifier.verify_login(&req, now) {
                Ok(s) => success(json!({
                    "message": "Successfully logged in",
                    "zelid": s.zelid.as_str(),
                    "loginPhrase": s.login_phrase,
                    "signature": req.signature,
                    "privilage": s.role.name(),
                    "createdAt": iso(s.created_ms),
                    "expireAt": iso(s.expires_ms),
                })),
                Err(flux_zelid::Error::PhraseUnknown)
                | Err(flux_zelid::Error::PhraseExpired { .. }) => {
                    error("Signed message is no longer valid. Please request a new one.")
                }
                Err(e) if e.is_verdict() => error("Invalid signature"),
                Err(_) => error("Signed message is not valid"),
            }
        }
        ("GET", ["id", "loggedsessions"]) => {
            if !authorized(st, req, &Level::User) {
                return Some(unauthorized());
            }
            success(json!([]))
        }
        ("GET", ["apps", "deploymentinformation"]) => {
            let price: Vec<Value> = STATIC_EPOCHS
                .iter()
                .map(|e| {
                    json!({"height": e.height, "cpu": e.cpu, "ram": e.ram, "hdd": e.hdd,
                           "minPrice": e.min_price, "port": e.port, "scope": e.scope, "staticip": e.staticip})
                })
                .collect();
            success(json!({
                "price": price, "appSpecsEnforcementHeights": {"1":0,"2":0,"3":983000,"4":1004000,"5":1142000,"6":1300000,"7":1420000,"8":1932380},
                "address": PAYMENT_ADDRESS, "portMin": 31000, "portMax": 39999,
                "enterprisePorts": [0, 1023, 8080, 8081, 8443, 6667], "bannedPorts": [],
                "maxImageSize": 2_000_000_000u64, "minimumInstances": 3, "maximumInstances": 100,
                "blocksLasting": 22000, "minBlocksAllowance": 5000, "maxBlocksAllowance": 1_056_000,
                "blocksAllowanceInterval": 1000,
            }))
        }
        ("POST", ["apps", "verifyappregistrationspecifications"])
        | ("POST", ["apps", "verifyappupdatespecifications"]) => {
            let raw = match js_json::parse(&String::from_utf8_lossy(&req.body)) {
                Ok(v) => v,
                Err(e) => return Some(error(&e.to_string())),
            };
            match verify_spec(st, &raw) {
                Ok(f) => success_text(&f.to_json()),
                Err(m) => error(&m),
            }
        }
        ("POST", ["apps", "calculateprice"]) | ("POST", ["apps", "calculatefiatandfluxprice"]) => {
            let raw = match js_json::parse(&String::from_utf8_lossy(&req.body)) {
                Ok(v) => v,
                Err(e) => return Some(error(&e.to_string())),
            };
            let formatted = match verify_spec(st, &raw) {
                Ok(f) => f,
                Err(m) => return Some(error(&m)),
            };
            match registration_amount(&formatted, height, &STATIC_EPOCHS, None) {
                Ok(r) => success_text(&format!(
                    r#"{{"usd":{},"flux":{},"fluxDiscount":"Not possible to define discount"}}"#,
                    to_js_string(r.flux * 0.5),
                    to_js_string(r.flux)
                )),
                Err(e) => error(&e.to_string()),
            }
        }
        ("POST", ["apps", "appregister"]) | ("POST", ["apps", "appupdate"]) => {
            if !authorized(st, req, &Level::User) {
                return Some(unauthorized());
            }
            let update = segs[1] == "appupdate";
            match register(st, &req.body, update, now) {
                Ok(hash) => success(json!(hash)),
                Err(m) => error(&m),
            }
        }
        ("POST", ["daemon", "sendrawtransaction"]) => {
            let body = ensure_object(&req.body);
            let hex = body["hexstring"].as_str().unwrap_or_default();
            match broadcast(st, hex) {
                Ok(txid) => success(json!(txid)),
                Err(m) => {
                    json!({"status":"error","data":{"code":-22,"name":"RPCError","message":m}})
                        .to_string()
                }
            }
        }
        ("GET", ["apps", "appspecifications", name]) => match st.apps.get(&name.to_lowercase()) {
            Some(app) => success(app.clone()),
            None => error(&format!("Application: {name} not found")),
        },
        ("GET", ["apps", "globalappsspecifications"]) => {
            success(Value::Array(st.apps.values().cloned().collect()))
        }
        ("GET", ["apps", "location", _name]) => success(json!([])),
        ("GET", ["apps", "locations"]) => success(json!([])),
        ("GET", ["apps", "permanentmessages"]) => success(json!([])),
        ("GET", ["explorer", "utxo", address]) => {
            success(st.utxos.get(*address).cloned().unwrap_or(json!([])))
        }
        _ => return None,
    })
}

/// `registerAppGlobalyApi` / `updateAppGlobalyApi` after the privilege and peer checks.
fn register(st: &mut OsState, body: &[u8], update: bool, now: u64) -> Result<String, String> {
    let text = String::from_utf8_lossy(body);
    let msg = js_json::parse(&text).map_err(|e| e.to_string())?;
    let v: Value = serde_json::from_str(&text).unwrap_or(json!({}));
    let (Some(spec), Some(timestamp), Some(signature), Some(kind), Some(version)) = (
        v.get("appSpecification"),
        v.get("timestamp").and_then(Value::as_u64),
        v.get("signature").and_then(Value::as_str),
        v.get("type").and_then(Value::as_str),
        v.get("version"),
    ) else {
        return Err("Incomplete message received. Check if appSpecification, type, version, timestamp and signature are provided.".into());
    };
    let _ = spec;
    let expected = if update {
        ["zelappupdate", "fluxappupdate"]
    } else {
        ["zelappregister", "fluxappregister"]
    };
    if !expected.contains(&kind) {
        return Err("Invalid type of message".into());
    }
    if version != &json!(1) {
        return Err("Invalid version of message".into());
    }
    if timestamp < now.saturating_sub(3_600_000) {
        return Err("Message timestamp is over 1 hour old, not valid. Check if your computer clock is synced and restart the registration process.".into());
    }
    if timestamp > now + 300_000 {
        return Err("Message timestamp from future, not valid. Check if your computer clock is synced and restart the registration process.".into());
    }
    let raw_spec = match &msg {
        JsValue::Object(o) => o.get("appSpecification").clone(),
        _ => return Err("Incomplete message received.".into()),
    };
    let formatted = verify_spec(st, &raw_spec)?;
    let name = js_str(formatted.get("name")).to_lowercase();
    let owner = js_str(formatted.get("owner")).to_owned();
    let signer = if update {
        let Some(existing) = st.apps.get(&name) else {
            return Err(format!("Flux App {name} does not exist yet"));
        };
        existing["owner"].as_str().unwrap_or_default().to_owned()
    } else {
        if st.apps.contains_key(&name) {
            return Err(format!(
                "Flux App {} already registered. Flux App has to be registered under different name.",
                js_str(formatted.get("name"))
            ));
        }
        owner
    };
    let kind = AppMessageType::parse(kind).map_err(|e| e.to_string())?;
    let message = AppMessage::new(kind, &formatted, timestamp);
    if message.verify(signature, &signer).is_err() {
        return Err(
            "Received signature is invalid or Flux App specifications are not properly formatted"
                .into(),
        );
    }
    let hash = message.hash(signature).map_err(|e| e.to_string())?;
    let mut stored: Value = serde_json::from_str(&formatted.to_json()).unwrap();
    stored["hash"] = json!(hash);
    stored["height"] = json!(st.height);
    st.temporary.insert(hash.clone(), stored.clone());
    // The double has no chain: the app becomes global at once (as if paid).
    st.apps.insert(name, stored);
    Ok(hash)
}

/// fluxd's `sendrawtransaction` (decode only), then FluxOS's scanner rule for app payments
/// (`explorerService.processStandard`): the sum paid to the payment address, and the memo
/// of the last output.
fn broadcast(st: &mut OsState, hex: &str) -> Result<String, String> {
    let bytes = hex::decode(hex).map_err(|_| "TX decode failed".to_owned())?;
    let tx = flux_tx::Transaction::from_bytes(&bytes).map_err(|_| "TX decode failed".to_owned())?;
    let txid = tx.txid().to_string();
    st.broadcast.insert(txid.clone(), hex.to_owned());
    if let Some(standard) = tx.as_standard() {
        let pay_script = flux_tx::builder::address_script(
            flux_primitives::network::Network::Main,
            PAYMENT_ADDRESS,
        )
        .unwrap();
        let paid: i64 = standard
            .outputs
            .iter()
            .filter(|o| o.script_pubkey == pay_script)
            .map(|o| o.value)
            .sum();
        let memo = standard.outputs.last().and_then(|o| {
            let b = o.script_pubkey.as_bytes();
            (b.len() == 66 && b[0] == 0x6a && b[1] == 64)
                .then(|| String::from_utf8_lossy(&b[2..]).into_owned())
        });
        if let Some(memo) = memo {
            if st.temporary.contains_key(&memo) && paid > 0 {
                st.paid.insert(memo, (txid.clone(), paid));
            }
        }
    }
    Ok(txid)
}
