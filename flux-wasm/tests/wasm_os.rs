//! The FluxOS client exports (`osLogin`, `osGet`, `appRegister`) on wasm32 under Node: async
//! functions over the host's `fetch`, against a FluxOS stand-in on 127.0.0.1 that a
//! JavaScript snippet starts in the same Node process (`node:http`), answering in FluxOS's
//! `{status, data}` envelope and computing the app message hash as FluxOS does. Node only
//! (the double needs `node:http`); run by scripts/wasm-test.sh:
//! `cargo test --target wasm32-unknown-unknown -p flux-wasm --test wasm_os --features os-exports,apps-exports`.
#![cfg(all(
    target_arch = "wasm32",
    feature = "os-exports",
    feature = "apps-exports"
))]

mod common;

use common::apps;
use flux_wasm::js::{app_register, app_sign, os_get, os_login};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export async function startFluxOs() {
  const http = await import("node:http");
  const crypto = await import("node:crypto");
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      const send = (o) => { res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify(o)); };
      const ok = (data) => send({ status: "success", data });
      // FluxOS answers refusals with HTTP 200 and an error envelope.
      const refuse = (message) => send({ status: "error", data: { code: 401, name: "Unauthorized", message } });
      switch (`${req.method} ${req.url}`) {
        case "GET /id/loginphrase": return ok("1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b");
        case "POST /id/verifylogin": {
          const b = JSON.parse(body);
          return ok({ message: "Successfully logged in", zelid: b.zelid, loginPhrase: b.loginPhrase,
            signature: b.signature, privilage: "user" });
        }
        case "GET /flux/version": return ok("6.0.0");
        case "GET /flux/whoami":
          return req.headers.zelidauth ? ok(JSON.parse(req.headers.zelidauth).zelid) : refuse("Unauthorized. Access denied.");
        // The node's formatted spec: the test posts specs already in FluxOS's canonical form.
        case "POST /apps/verifyappregistrationspecifications": return ok(JSON.parse(body));
        case "POST /apps/calculateprice": return ok({ usd: 1.2, flux: 0.6, fluxDiscount: "Not possible to define discount" });
        case "GET /apps/deploymentinformation": return ok({ price: [], address: "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX" });
        case "POST /apps/appregister": {
          if (!req.headers.zelidauth) return refuse("Unauthorized. Access denied.");
          const m = JSON.parse(body);
          const text = m.type + m.version + JSON.stringify(m.appSpecification) + m.timestamp + m.signature;
          return ok(crypto.createHash("sha256").update(text).digest("hex"));
        }
        default: return refuse("Unauthorized. Access denied.");
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return `http://127.0.0.1:${server.address().port}`;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = startFluxOs)]
    async fn start_fluxos() -> JsValue;
}

const WIF: &str = "L1TTH4VBZ8TTjv8hHVBRc9gg7SJECucchQqEsZtsafb537Z7hSrU";
const ZELID: &str = "1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx";

fn obj(v: serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).expect("JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn string(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

async fn url() -> String {
    start_fluxos().await.as_string().expect("url")
}

#[wasm_bindgen_test]
async fn login_round_trip_gives_the_nodes_session() {
    let url = url().await;
    let session = os_login(obj(serde_json::json!({ "url": url, "wif": WIF })))
        .await
        .expect("logs in");
    assert_eq!(string(&session, "zelid"), ZELID);
    assert_eq!(string(&session, "privilege"), "user");
    // The phrase's timestamp + 14 days, as the node computes expireAt.
    assert_eq!(
        get(&session, "expires_at").as_f64(),
        Some((1_644_935_889_016u64 + 14 * 24 * 3600 * 1000) as f64)
    );
    let header: serde_json::Value =
        serde_json::from_str(&string(&session, "zelidauth")).expect("JSON zelidauth");
    assert_eq!(
        header["loginPhrase"],
        "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b"
    );
    // The session works for an authenticated GET.
    let who = os_get(obj(serde_json::json!({
        "path": "/flux/whoami", "url": url, "zelidauth": string(&session, "zelidauth")
    })))
    .await
    .expect("whoami");
    assert_eq!(who.as_string().as_deref(), Some(ZELID));
}

#[wasm_bindgen_test]
async fn get_returns_data_and_an_error_envelope_throws_fluxos() {
    let url = url().await;
    let v = os_get(obj(
        serde_json::json!({ "path": "/flux/version", "url": url }),
    ))
    .await
    .expect("version");
    assert_eq!(v.as_string().as_deref(), Some("6.0.0"));
    // A self-issued session from `wif`.
    let who = os_get(obj(
        serde_json::json!({ "path": "/flux/whoami", "url": url, "wif": WIF }),
    ))
    .await
    .expect("whoami");
    assert_eq!(who.as_string().as_deref(), Some(ZELID));
    let thrown = os_get(obj(
        serde_json::json!({ "path": "/flux/whoami", "url": url }),
    ))
    .await
    .expect_err("refused");
    let err = thrown.dyn_ref::<js_sys::Error>().expect("an Error");
    assert_eq!(string(&thrown, "kind"), "fluxos");
    assert!(
        String::from(err.message()).contains("Unauthorized"),
        "{:?}",
        err.message()
    );
    // A wrong input object rejects too, and the next call works.
    let thrown = os_get(obj(
        serde_json::json!({ "path": "/x", "url": url, "wif": WIF, "zelidauth": "{}" }),
    ))
    .await
    .expect_err("usage");
    assert_eq!(string(&thrown, "kind"), "usage");
    assert!(os_get(obj(
        serde_json::json!({ "path": "/flux/version", "url": url })
    ))
    .await
    .is_ok());
}

#[wasm_bindgen_test]
async fn register_signs_the_nodes_spec_as_app_sign_does() {
    let url = url().await;
    let formatted = apps()[3]["format"].as_str().expect("format").to_owned();
    let r = app_register(obj(
        serde_json::json!({ "spec": formatted, "url": url, "wif": WIF }),
    ))
    .await
    .expect("registers");
    assert_eq!(
        string(&r, "payment_address"),
        "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX"
    );
    assert_eq!(string(&r, "price"), "0.6");
    let timestamp = get(&r, "timestamp").as_f64().expect("timestamp");
    assert_eq!(
        get(&r, "pay_before").as_f64(),
        Some(timestamp + 3_600_000.0)
    );
    // The signature and hash `appSign` (= `flux app sign`) gives for the same spec and time.
    let signed = app_sign(obj(serde_json::json!({
        "spec": formatted, "wif": WIF, "type": "register", "timestamp": timestamp as u64
    })))
    .expect("signs");
    assert_eq!(string(&r, "signature"), string(&signed, "signature"));
    assert_eq!(string(&r, "hash"), string(&signed, "hash"));
    // Another key than the spec's owner: refused before anything is posted.
    let thrown = app_register(obj(serde_json::json!({
        "spec": formatted, "url": url, "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"
    })))
    .await
    .expect_err("not the owner");
    assert_eq!(string(&thrown, "kind"), "invalid_input");
}
