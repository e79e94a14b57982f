//! An in-process fluxd double on 127.0.0.1: a small HTTP/1.1 server (one request per
//! connection, `Connection: close`) that serves real mainnet blocks and transactions and
//! reproduces fluxd's failure modes on demand. Started and stopped by the test (dropping
//! the [`Double`] stops its thread and every connection).
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

#[path = "http_server.rs"]
mod http_server;
use http_server::{read_request, Request, Server};

/// A failure the double applies to the next request(s), in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Plain-text HTTP 500 "Work queue depth exceeded" (fluxd's full `-rpcworkqueue`).
    WorkQueue,
    /// HTTP 503 with an empty body (fluxd shutting down).
    Unavailable,
    /// RPC −28 "Loading block index..." in a 500 JSON body.
    Warmup,
    /// A batch whose entry at this index meets fluxd's warm-up: HTTP 200, RPC −28 in
    /// that entry (as fluxd answers each entry of a batch while warming up), the other
    /// entries answered; past the end of the batch, every entry. A single call: as
    /// [`Fault::Warmup`].
    WarmupEntry(usize),
    /// Accept, read the request, and never answer.
    Hang,
    /// Announce a Content-Length and close after half of the body.
    Truncate,
    /// Stream body bytes forever (chunked).
    Endless,
    /// Close the connection without answering.
    Close,
    /// Answer this exact body with HTTP 200.
    Body(String),
}

/// How the double checks credentials.
#[derive(Debug, Clone)]
pub enum DoubleAuth {
    /// No check.
    None,
    /// Basic auth with this user and password.
    UserPass(String, String),
    /// `__cookie__:<value>`; the test rotates the value (and rewrites the file) at will.
    Cookie(String),
}

/// One block the double knows: its height, hash, header hex and, when known, full hex.
#[derive(Debug, Clone)]
pub struct BlockEntry {
    pub height: u32,
    pub hash: String,
    pub header_hex: String,
    pub block_hex: Option<String>,
    pub prev: String,
    pub txids: Vec<String>,
}

/// The double's state, shared with the test.
pub struct State {
    pub auth: DoubleAuth,
    pub faults: VecDeque<Fault>,
    pub refuse_batches: bool,
    /// Answer `viewdeterministicfluxnodelist` with 404 −32601, as old fluxd builds would.
    pub no_deterministic_list: bool,
    pub blocks: Vec<BlockEntry>,
    pub txs: HashMap<String, (String, Option<String>)>,
    pub mempool: Vec<String>,
    /// Every request's method (batches logged as `batch[n]`), in arrival order.
    pub log: Vec<String>,
    pub unauthorized: usize,
    /// Extra method results by name (raw JSON text), for typed-method tests.
    pub canned: HashMap<String, String>,
}

/// A running double.
pub struct Double {
    pub addr: SocketAddr,
    pub state: Arc<Mutex<State>>,
    server: Server,
}

fn data(name: &str) -> Value {
    // Through ../flux-client so that flux-cli's tests, which include this file, find it too.
    let path = format!(
        "{}/../flux-client/tests/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Real mainnet data: genesis (height 0), the last PoW header (2 019 999, header only) and
/// the first PoN block (2 020 000); fluxnode and transparent transactions.
pub fn mainnet_blocks() -> Vec<BlockEntry> {
    use flux_consensus::block::Block;
    use flux_consensus::header::BlockHeader;
    use flux_primitives::codec::{decode_exact, encode_to_vec};
    let v = data("blocks.json");
    let mut out = Vec::new();
    for b in v["vectors"].as_array().unwrap() {
        if b["network"] != "mainnet" {
            continue;
        }
        let height = b["height"].as_u64().unwrap() as u32;
        if let Some(hex) = b["hex"].as_str() {
            let block = Block::from_bytes(&hex::decode(hex).unwrap()).unwrap();
            out.push(BlockEntry {
                height,
                hash: block.hash().to_string(),
                header_hex: hex::encode(encode_to_vec(&block.header)),
                block_hex: Some(hex.to_owned()),
                prev: block.header.prev_block.to_string(),
                txids: block
                    .transactions
                    .iter()
                    .map(|t| t.txid().to_string())
                    .collect(),
            });
        } else if let Some(hex) = b["headerHex"].as_str() {
            let header: BlockHeader = decode_exact(&hex::decode(hex).unwrap()).unwrap();
            out.push(BlockEntry {
                height,
                hash: header.hash().to_string(),
                header_hex: hex.to_owned(),
                block_hex: None,
                prev: header.prev_block.to_string(),
                txids: Vec::new(),
            });
        }
    }
    out.sort_by_key(|b| b.height);
    out
}

/// Real mainnet transactions: txid → (hex, block hash if known).
pub fn mainnet_txs() -> HashMap<String, (String, Option<String>)> {
    let mut out = HashMap::new();
    for file in [
        "fluxnode_transactions.json",
        "transactions_transparent.json",
    ] {
        for t in data(file)["vectors"].as_array().unwrap() {
            if t["network"] != "mainnet" {
                continue;
            }
            if let (Some(txid), Some(hex)) = (t["txid"].as_str(), t["hex"].as_str()) {
                out.insert(
                    txid.to_owned(),
                    (hex.to_owned(), t["blockHash"].as_str().map(str::to_owned)),
                );
            }
        }
    }
    out
}

impl Double {
    /// Starts a double with real mainnet data and the given credentials check.
    pub fn start(auth: DoubleAuth) -> Double {
        let state = Arc::new(Mutex::new(State {
            auth,
            faults: VecDeque::new(),
            refuse_batches: false,
            no_deterministic_list: false,
            blocks: mainnet_blocks(),
            txs: mainnet_txs(),
            mempool: Vec::new(),
            log: Vec::new(),
            unauthorized: 0,
            canned: HashMap::new(),
        }));
        let server = http_server::serve(Arc::clone(&state), handle);
        Double {
            addr: server.addr,
            state,
            server,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues faults for the next requests.
    pub fn push_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        self.state.lock().unwrap().faults.extend(faults);
    }

    /// The methods received so far.
    pub fn log(&self) -> Vec<String> {
        self.state.lock().unwrap().log.clone()
    }
}

async fn respond(sock: &mut TcpStream, status: u16, body: &[u8], extra: &str) {
    http_server::respond(sock, status, "application/json", body, extra).await
}

fn authorized(state: &State, req: &Request) -> bool {
    use base64::Engine;
    let expected = match &state.auth {
        DoubleAuth::None => return true,
        DoubleAuth::UserPass(u, p) => format!("{u}:{p}"),
        DoubleAuth::Cookie(v) => format!("__cookie__:{v}"),
    };
    let want = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(expected)
    );
    req.headers
        .iter()
        .any(|(k, v)| k == "authorization" && *v == want)
}

async fn handle(mut sock: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let Some(req) = read_request(&mut sock).await else {
        return Ok(());
    };
    let parsed: Option<Value> = serde_json::from_slice(&req.body).ok();
    let (ok, fault) = {
        let mut st = state.lock().unwrap();
        let label = match &parsed {
            Some(Value::Array(a)) => format!("batch[{}]", a.len()),
            Some(v) => v["method"].as_str().unwrap_or("?").to_owned(),
            None => "?".to_owned(),
        };
        st.log.push(label);
        let ok = authorized(&st, &req);
        if !ok {
            st.unauthorized += 1;
        }
        (ok, if ok { st.faults.pop_front() } else { None })
    };
    if !ok {
        // fluxd sleeps 250 ms on a wrong password before answering 401 (brute-force damper).
        tokio::time::sleep(Duration::from_millis(250)).await;
        respond(
            &mut sock,
            401,
            b"",
            "WWW-Authenticate: Basic realm=\"jsonrpc\"\r\n",
        )
        .await;
        return Ok(());
    }
    match fault {
        Some(Fault::WorkQueue) => {
            let body = b"Work queue depth exceeded";
            let head = format!(
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            sock.write_all(head.as_bytes()).await?;
            sock.write_all(body).await?;
            return Ok(());
        }
        Some(Fault::Unavailable) => {
            respond(&mut sock, 503, b"", "").await;
            return Ok(());
        }
        Some(Fault::Warmup) => {
            let id = parsed
                .as_ref()
                .map(|v| v["id"].clone())
                .unwrap_or(Value::Null);
            let body = json!({"result": null, "error": {"code": -28, "message": "Loading block index..."}, "id": id});
            respond(&mut sock, 500, body.to_string().as_bytes(), "").await;
            return Ok(());
        }
        Some(Fault::WarmupEntry(index)) => {
            let error = json!({"code": -28, "message": "Loading block index..."});
            let (status, body) = match &parsed {
                Some(Value::Array(calls)) => {
                    let every = index >= calls.len();
                    let answers = calls
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            if every || i == index {
                                json!({"result": null, "error": error, "id": c["id"]})
                            } else {
                                dispatch(&state, c).1
                            }
                        })
                        .collect();
                    (200, Value::Array(answers))
                }
                other => (
                    500,
                    json!({"result": null, "error": error,
                           "id": other.as_ref().map(|v| v["id"].clone()).unwrap_or(Value::Null)}),
                ),
            };
            respond(&mut sock, status, body_text(&body).as_bytes(), "").await;
            return Ok(());
        }
        Some(Fault::Hang) => return http_server::hang().await,
        Some(Fault::Truncate) => {
            let body = br#"{"result":{"blocks":2020000,"difficulty":1.5},"error":null,"id":1}"#;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            sock.write_all(head.as_bytes()).await?;
            sock.write_all(&body[..body.len() / 2]).await?;
            return Ok(());
        }
        Some(Fault::Endless) => return http_server::endless(&mut sock, '[').await,
        Some(Fault::Close) => return Ok(()),
        Some(Fault::Body(b)) => {
            respond(&mut sock, 200, b.as_bytes(), "").await;
            return Ok(());
        }
        None => {}
    }
    let (status, body) = match parsed {
        Some(Value::Array(calls)) => {
            let st = state.lock().unwrap();
            if st.refuse_batches {
                (
                    400,
                    json!({"result": null, "error": {"code": -32600, "message": "Batch requests are not supported"}, "id": null}),
                )
            } else {
                drop(st);
                let answers: Vec<Value> = calls
                    .iter()
                    .map(|c| {
                        let (_, answer) = dispatch(&state, c);
                        answer
                    })
                    .collect();
                (200, Value::Array(answers))
            }
        }
        Some(call) => dispatch(&state, &call),
        None => (
            500,
            json!({"result": null, "error": {"code": -32700, "message": "Parse error"}, "id": null}),
        ),
    };
    respond(&mut sock, status, body_text(&body).as_bytes(), "").await;
    Ok(())
}

/// A body: raw text (from [`raw_ok`]) as is, anything else serialized.
fn body_text(body: &Value) -> String {
    match body {
        Value::String(raw) => raw.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(body_text).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

fn rpc_err(id: &Value, status: u16, code: i64, message: &str) -> (u16, Value) {
    (
        status,
        json!({"result": null, "error": {"code": code, "message": message}, "id": id}),
    )
}

/// A success body with `result` spliced in as raw JSON text.
fn raw_ok(id: &Value, result: &str) -> Value {
    Value::String(format!(r#"{{"result":{result},"error":null,"id":{id}}}"#))
}

fn ok(id: &Value, result: Value) -> (u16, Value) {
    (200, json!({"result": result, "error": null, "id": id}))
}

/// One JSON-RPC call, answered as fluxd would (status, body).
fn dispatch(state: &Arc<Mutex<State>>, call: &Value) -> (u16, Value) {
    let id = &call["id"];
    let method = call["method"].as_str().unwrap_or("");
    let params = call["params"].as_array().cloned().unwrap_or_default();
    let mut st = state.lock().unwrap();
    if let Some(text) = st.canned.get(method) {
        // Spliced in as text, so number tokens reach the client exactly as written.
        return (200, raw_ok(id, text));
    }
    let tip = st.blocks.last().cloned();
    let find_hash = |st: &State, h: &str| st.blocks.iter().find(|b| b.hash == h).cloned();
    match method {
        "getblockcount" => ok(id, json!(tip.map(|b| b.height).unwrap_or(0))),
        "getbestblockhash" => ok(id, json!(tip.map(|b| b.hash).unwrap_or_default())),
        "getblockhash" => {
            let Some(h) = params.first().and_then(Value::as_u64) else {
                return rpc_err(id, 500, -1, "getblockhash index");
            };
            match st.blocks.iter().find(|b| u64::from(b.height) == h) {
                Some(b) => ok(id, json!(b.hash)),
                None => rpc_err(id, 500, -8, "Block height out of range"),
            }
        }
        "getblockheader" => {
            let hash = params.first().and_then(Value::as_str).unwrap_or("");
            let verbose = params.get(1).and_then(Value::as_bool).unwrap_or(true);
            match find_hash(&st, hash) {
                None => rpc_err(id, 500, -5, "Block not found"),
                Some(b) if !verbose => ok(id, json!(b.header_hex)),
                Some(b) => {
                    let h: flux_consensus::header::BlockHeader =
                        flux_primitives::codec::decode_exact(&hex::decode(&b.header_hex).unwrap())
                            .unwrap();
                    ok(
                        id,
                        json!({"hash": b.hash, "confirmations": 1, "height": b.height,
                               "version": h.version, "merkleroot": h.merkle_root.to_string(),
                               "time": h.time, "type": if h.is_pon() { "PON" } else { "POW" },
                               "bits": format!("{:08x}", h.bits), "difficulty": 1,
                               "chainwork": "00", "previousblockhash": b.prev}),
                    )
                }
            }
        }
        "getblock" => {
            let Some(key) = params.first().and_then(Value::as_str) else {
                return rpc_err(id, 500, -1, "JSON value is not a string as expected");
            };
            let verbosity = match params.get(1) {
                Some(Value::Bool(b)) => u64::from(*b),
                Some(v) => v.as_u64().unwrap_or(1),
                None => 1,
            };
            let found = if key.len() < 64 {
                key.parse::<u32>()
                    .ok()
                    .and_then(|h| st.blocks.iter().find(|b| b.height == h).cloned())
            } else {
                find_hash(&st, key)
            };
            let Some(b) = found else {
                return rpc_err(id, 500, -5, "Block not found");
            };
            match (verbosity, &b.block_hex) {
                // fluxd rpc/blockchain.cpp getblock: RPC_INTERNAL_ERROR, "Block not available (pruned data)".
                (_, None) => rpc_err(id, 500, -32603, "Block not available (pruned data)"),
                (0, Some(hex)) => ok(id, json!(hex)),
                // fluxd fails at verbosity 2 on blocks with fluxnode transactions.
                (2, Some(_)) if b.height >= 2_020_000 => {
                    rpc_err(id, 500, -1, "Can't read block from disk")
                }
                (_, Some(hex)) => {
                    let block =
                        flux_consensus::block::Block::from_bytes(&hex::decode(hex).unwrap())
                            .unwrap();
                    let h = &block.header;
                    ok(
                        id,
                        json!({"hash": b.hash, "confirmations": 1, "size": hex.len() / 2,
                               "height": b.height, "version": h.version,
                               "merkleroot": h.merkle_root.to_string(), "tx": b.txids,
                               "time": h.time, "type": if h.is_pon() { "PON" } else { "POW" },
                               "bits": format!("{:08x}", h.bits), "difficulty": 1,
                               "chainwork": "00", "previousblockhash": b.prev}),
                    )
                }
            }
        }
        "getrawtransaction" => {
            let txid = params.first().and_then(Value::as_str).unwrap_or("");
            match st.txs.get(txid) {
                None => rpc_err(id, 500, -5, "No information available about transaction"),
                Some((hex, _)) => ok(id, json!(hex)),
            }
        }
        "sendrawtransaction" => {
            let hex = params.first().and_then(Value::as_str).unwrap_or("");
            let Some(tx) = hex::decode(hex)
                .ok()
                .and_then(|b| flux_tx::Transaction::from_bytes(&b).ok())
            else {
                return rpc_err(id, 500, -22, "TX decode failed");
            };
            let txid = tx.txid().to_string();
            if st.txs.get(&txid).is_some_and(|(_, block)| block.is_some()) {
                return rpc_err(id, 500, -27, "transaction already in block chain");
            }
            if !st.mempool.contains(&txid) {
                st.mempool.push(txid.clone());
            }
            ok(id, json!(txid))
        }
        "viewdeterministicfluxnodelist" if st.no_deterministic_list => {
            rpc_err(id, 404, -32601, "Method not found")
        }
        "getinfo" => (
            200,
            raw_ok(
                id,
                &format!(
                    r#"{{"version": 9000650, "protocolversion": 170021, "blocks": {}, "timeoffset": 0,
                    "connections": 8, "proxy": "", "difficulty": 1.5, "testnet": false,
                    "relayfee": 0.00000100, "errors": ""}}"#,
                    tip.map(|b| b.height).unwrap_or(0)
                ),
            ),
        ),
        _ => rpc_err(id, 404, -32601, "Method not found"),
    }
}
