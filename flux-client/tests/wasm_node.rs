//! The RPC client compiled to wasm32 and run under Node (wasm-bindgen-test; reqwest uses the
//! host's `fetch`), against a fluxd stand-in on 127.0.0.1 that a JavaScript snippet starts in
//! the same Node process (`node:http`). Run by scripts/wasm-test.sh:
//! `cargo test --target wasm32-unknown-unknown -p flux-client --test wasm_node`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use flux_client::rpc::{Auth, Client, RetryPolicy};
use flux_client::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export async function startDouble() {
  return startDoubleOn(0);
}

export async function startDoubleOn(port) {
  const http = await import("node:http");
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      // fluxd's basic auth: 401 without the right credentials.
      const want = "Basic " + Buffer.from("user:pass").toString("base64");
      if (req.headers.authorization !== want) { res.writeHead(401); res.end(); return; }
      const call = JSON.parse(body);
      const reply = (result, error, status) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ result, error, id: call.id }));
      };
      if (call.method === "getblockcount") reply(2020000, null, 200);
      else if (call.method === "getbestblockhash") {
        reply("00000000000c3a6a0b6c1e2e3f3ad3d29e0d4d9ab4cff0c6f9cf1a2e0b3c4d5e", null, 200);
      } else reply(null, { code: -32601, message: "Method not found" }, 404);
    });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  // Not kept alive by the server: the test process ends when the tests do.
  server.unref();
  return server.address().port;
}

// A 127.0.0.1 port nothing listens on (bound, then closed): connecting is refused.
export async function closedPort() {
  const net = await import("node:net");
  const s = net.createServer();
  await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = s.address().port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

// Starts the stand-in on `port` after `ms` milliseconds (fluxd coming back up).
export function startDoubleLater(port, ms) {
  setTimeout(() => { startDoubleOn(port); }, ms);
}

export function nowMs() {
  return Date.now();
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = startDouble)]
    async fn start_double() -> JsValue;
    #[wasm_bindgen(js_name = closedPort)]
    async fn closed_port() -> JsValue;
    #[wasm_bindgen(js_name = startDoubleLater)]
    fn start_double_later(port: u16, ms: u32);
    #[wasm_bindgen(js_name = nowMs)]
    fn now_ms() -> f64;
}

async fn client(password: &str) -> Client {
    let port = start_double().await.as_f64().expect("port") as u16;
    Client::builder(format!("http://127.0.0.1:{port}"))
        .auth(Auth::UserPass {
            user: "user".into(),
            password: password.to_string().into(),
        })
        .build()
        .expect("client")
}

#[wasm_bindgen_test]
async fn typed_calls_over_the_hosts_fetch() {
    let c = client("pass").await;
    assert_eq!(c.get_block_count().await.expect("getblockcount"), 2_020_000);
}

#[wasm_bindgen_test]
async fn rpc_errors_and_auth_failures_are_typed() {
    let c = client("pass").await;
    let params = serde_json::value::RawValue::from_string("[]".into()).expect("raw");
    let e = c
        .call("nosuchmethod", params)
        .await
        .expect_err("404 with a JSON-RPC error");
    assert!(matches!(e, Error::Rpc { code: -32601, .. }), "{e:?}");
    let wrong = client("wrong").await;
    let e = wrong.get_block_count().await.expect_err("401");
    assert_eq!(e.kind(), "auth", "{e:?}");
}

fn client_at(port: u16, retry: RetryPolicy) -> Client {
    Client::builder(format!("http://127.0.0.1:{port}"))
        .auth(Auth::UserPass {
            user: "user".into(),
            password: "pass".to_string().into(),
        })
        .retry(retry)
        .build()
        .expect("client")
}

/// A refused connection (fetch rejects before any response) is retried with backoff as on
/// native, then reported as the typed `transport` error.
#[wasm_bindgen_test]
async fn a_refused_connection_is_retried_then_a_transport_error() {
    let port = closed_port().await.as_f64().expect("port") as u16;
    let retry = RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_millis(100),
    };
    let started = now_ms();
    let e = client_at(port, retry)
        .get_block_count()
        .await
        .expect_err("nothing listens");
    let waited = now_ms() - started;
    assert_eq!(e.kind(), "transport", "{e:?}");
    assert!(
        matches!(
            e,
            Error::Transport {
                before_send: true,
                ..
            }
        ),
        "{e:?}"
    );
    // Two backoffs of 100 ms: the call was sent three times, not once.
    assert!(waited >= 190.0, "gave up after {waited} ms");
}

/// fluxd coming back up during the backoff: a later try reaches it.
#[wasm_bindgen_test]
async fn a_server_that_comes_up_during_the_backoff_is_reached() {
    let port = closed_port().await.as_f64().expect("port") as u16;
    start_double_later(port, 150);
    let retry = RetryPolicy {
        max_retries: 6,
        initial_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(400),
    };
    let n = client_at(port, retry)
        .get_block_count()
        .await
        .expect("reached after the server came up");
    assert_eq!(n, 2_020_000);
}
