//! The FluxOS client against the in-process FluxOS double (tests/support/fluxos_double.rs).
#![cfg(feature = "http")]

#[path = "support/fluxos_double.rs"]
mod fluxos_double;

use std::time::{Duration, Instant};

use flux_client::fluxos::{FluxOs, NextStep, Scope, Session, SessionKind, Sticky};
use flux_client::rpc::RetryPolicy;
use flux_primitives::PrivateKey;
use fluxos_double::{OsDouble, OsFault, PAYMENT_ADDRESS};

/// The harness app-owner key of FluxOS's `test-infra/fixtures/keys/app-owner.json`
/// (fluxos.md §10), owner of the `e2eTestApp` spec.
fn owner_key() -> PrivateKey {
    PrivateKey::from_slice(
        &hex::decode("7e6b64418feeeff30574a0143bbdf21d8935ca2399661ce779adacdf37ec3eae").unwrap(),
        true,
        flux_primitives::network::Network::Main,
    )
    .unwrap()
}

/// `e2eTestApp`, the v8 spec of FluxOS's `test-infra/runner/test-register-app.js`, from the
/// app vectors (tests/data/app_vectors.json).
fn e2e_spec() -> String {
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/app_vectors.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let entry = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "e2eTestApp")
        .expect("e2eTestApp vector");
    entry["input"].as_str().unwrap().to_owned()
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn client(url: &str) -> FluxOs {
    FluxOs::builder(url)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

const HEIGHT: u64 = 2_200_000;
const T: u64 = 1_750_000_000_000;

#[test]
fn register_flow_signs_the_nodes_spec_and_returns_the_hash() {
    let node = OsDouble::start(HEIGHT);
    node.set_now(T + 1000);
    let os = client(&node.url());
    let r = rt()
        .block_on(os.register(&e2e_spec(), &owner_key(), T))
        .unwrap();
    // fluxos.md §10 derived vector: the same key, spec and timestamp.
    assert_eq!(
        r.signature,
        "IKC7NXE2erb4JE+FLae1ScIt+ox6t9kHUNX5gAVrS4PwUBRXfyaCDLmngWV0oKUMqxUvSoMS1vvSCOQMJg4XwMI="
    );
    assert_eq!(
        r.hash,
        "f3790a595a1056acadce9b4f88044a8028097614ded92c864ddf002ce1cfccef"
    );
    assert_eq!(r.payment_address, PAYMENT_ADDRESS);
    assert_eq!(r.price, "0.02");
    assert_eq!(r.pay_before, T + 3_600_000);
    let log = node.log();
    let routes: Vec<_> = log.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        routes,
        [
            "/apps/verifyappregistrationspecifications",
            "/apps/calculateprice",
            "/apps/deploymentinformation",
            "/apps/appregister"
        ]
    );
    for seen in &log {
        if seen.method == "POST" {
            assert_eq!(seen.content_type.as_deref(), Some("text/plain"));
        }
    }
    assert!(log[2].cache_bypass);
    // A self-issued user session went with the register call only where needed.
    let auth = log[3]
        .zelidauth
        .as_deref()
        .expect("zelidauth on appregister");
    let parsed = flux_zelid::header::ZelidAuth::parse(auth).unwrap();
    assert_eq!(parsed.zelid.as_str(), "1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx");
    // The app is now known to the node.
    let app = rt().block_on(os.app_specification("e2etestapp")).unwrap();
    assert_eq!(app.hash.as_deref(), Some(r.hash.as_str()));
    // The same name again is a validation refusal: stop, don't try another node.
    let e = rt()
        .block_on(os.register(&e2e_spec(), &owner_key(), T + 5))
        .unwrap_err();
    assert_eq!(e.kind(), "fluxos");
    assert_eq!(e.fluxos_next_step(), NextStep::Stop);
    assert!(e.to_string().contains("already registered"), "{e}");
}

#[test]
fn register_refuses_a_key_that_is_not_the_owner() {
    let node = OsDouble::start(HEIGHT);
    node.set_now(T);
    let other: PrivateKey = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv"
        .parse()
        .unwrap();
    let e = rt()
        .block_on(client(&node.url()).register(&e2e_spec(), &other, T))
        .unwrap_err();
    assert_eq!(e.kind(), "invalid_input");
    // Nothing was broadcast.
    assert!(!node.log().iter().any(|s| s.path == "/apps/appregister"));
}

#[test]
fn invalid_specs_are_fluxos_errors_with_http_200() {
    let node = OsDouble::start(HEIGHT);
    let os = client(&node.url());
    let e = rt()
        .block_on(os.register(r#"{"version":8,"name":"x"}"#, &owner_key(), T))
        .unwrap_err();
    assert_eq!(e.kind(), "fluxos");
    assert_eq!(e.fluxos_next_step(), NextStep::Stop);
    // v8 below its activation height is FluxOS's refusal too.
    let old = OsDouble::start(1_800_000);
    let e = rt()
        .block_on(client(&old.url()).register(&e2e_spec(), &owner_key(), T))
        .unwrap_err();
    assert_eq!(e.kind(), "fluxos");
}

#[test]
fn node_side_failures_say_try_another_node() {
    let node = OsDouble::start(HEIGHT);
    node.set_now(T);
    let os = client(&node.url());
    node.push_faults([OsFault::Unsynced]);
    let e = rt()
        .block_on(os.register(&e2e_spec(), &owner_key(), T))
        .unwrap_err();
    assert!(e.try_another_node(), "{e}");
    // The peer-count refusal comes at the register step itself, after verify, price
    // and deployment information passed.
    node.push_faults([
        OsFault::Pass,
        OsFault::Pass,
        OsFault::Pass,
        OsFault::FewPeers,
    ]);
    let e = rt()
        .block_on(os.register(&e2e_spec(), &owner_key(), T))
        .unwrap_err();
    assert_eq!(e.method(), Some("/apps/appregister"));
    assert_eq!(e.fluxos_next_step(), NextStep::TryAnotherNode);
}

#[test]
fn gateway_errors_timeouts_and_hangs_are_bounded() {
    let node = OsDouble::start(HEIGHT);
    let os = FluxOs::builder(node.url())
        .timeout(Duration::from_millis(500))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    node.push_faults([OsFault::Raw(504, "<html>Gateway Time-out</html>".into())]);
    let e = rt().block_on(os.version()).unwrap_err();
    assert_eq!((e.kind(), e.code()), ("http", Some(504)));
    assert!(e.try_another_node());

    node.push_faults([OsFault::Hang]);
    let start = Instant::now();
    let e = rt().block_on(os.version()).unwrap_err();
    assert_eq!(e.kind(), "timeout");
    assert!(e.try_another_node());
    assert!(start.elapsed() < Duration::from_secs(3));

    let capped = FluxOs::builder(node.url())
        .max_response_bytes(1 << 20)
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    node.push_faults([OsFault::Endless]);
    let e = rt().block_on(capped.version()).unwrap_err();
    assert_eq!(e.kind(), "too_large");

    node.push_faults([OsFault::Raw(200, "not json".into())]);
    assert_eq!(rt().block_on(os.version()).unwrap_err().kind(), "decode");
}

#[test]
fn the_double_hangs_on_application_json_like_fluxos() {
    // What the client avoids: the same body as application/json never gets an answer.
    let node = OsDouble::start(HEIGHT);
    let os = FluxOs::builder(node.url())
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let r = rt().block_on(async {
        http.post(format!("{}/apps/calculateprice", node.url()))
            .header("content-type", "application/json")
            .timeout(Duration::from_millis(500))
            .body(e2e_spec())
            .send()
            .await
    });
    assert!(r.unwrap_err().is_timeout());
    // The client sends text/plain and gets the quote.
    let q = rt().block_on(os.calculate_price(&e2e_spec())).unwrap();
    assert_eq!(q.flux.get(), "0.02");
}

#[test]
fn node_login_sticks_to_the_issuing_node() {
    let node = OsDouble::start(HEIGHT);
    // The "gateway" is the same double under another host name; its fluxnode header names
    // 127.0.0.1:PORT, where the login must continue.
    node.set_fluxnode_header(&format!("server7_127.0.0.1:{}", node.addr.port()));
    let gateway = FluxOs::builder(format!("http://localhost:{}", node.addr.port()))
        .sticky(Sticky::Direct)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let key = owner_key();
    let session = rt().block_on(gateway.login(&key)).unwrap();
    assert_eq!(session.kind, SessionKind::NodeLogin);
    assert_eq!(session.privilege, "user");
    assert_eq!(
        session.auth.zelid.as_str(),
        "1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx"
    );
    let phrase_ts: u64 = session.auth.login_phrase[..13].parse().unwrap();
    assert_eq!(session.expires_at_ms, phrase_ts + 14 * 24 * 3600 * 1000);
    let log = node.log();
    assert_eq!(log[0].path, "/id/loginphrase");
    assert!(log[0].host.as_deref().unwrap().starts_with("localhost"));
    assert_eq!(log[1].path, "/id/verifylogin");
    assert!(log[1].host.as_deref().unwrap().starts_with("127.0.0.1"));
    assert_eq!(log[1].content_type.as_deref(), Some("text/plain"));
    // The session binds the client to that node and authenticates there.
    let os = gateway.with_session(session);
    assert!(os.url().starts_with("http://127.0.0.1:"));
    rt().block_on(os.get_fresh("/id/loggedsessions")).unwrap();
    // A phrase is used once: replaying verifylogin is refused (HTTP 200 error).
    let replay = node.log()[1].body.clone();
    let r = rt()
        .block_on(client(&node.url()).post("/id/verifylogin", &replay))
        .unwrap_err();
    assert_eq!(r.kind(), "fluxos");
    assert!(r.to_string().contains("no longer valid"), "{r}");
}

#[test]
fn zelidauth_is_checked_by_signature() {
    let node = OsDouble::start(HEIGHT);
    let os = client(&node.url());
    // No header: FluxOS's unauthorized envelope, HTTP 200.
    let e = rt().block_on(os.get("/id/loggedsessions")).unwrap_err();
    match &e {
        flux_client::Error::FluxOs { code, name, .. } => {
            assert_eq!(code.as_deref(), Some("401"));
            assert_eq!(name.as_deref(), Some("Unauthorized"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.fluxos_next_step(), NextStep::Stop);
    // A self-issued session (both header forms) is accepted.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    for form in [
        flux_zelid::header::HeaderForm::Json,
        flux_zelid::header::HeaderForm::UrlEncoded,
    ] {
        let s = Session::self_issued(&owner_key(), now, Scope::User).with_form(form);
        rt().block_on(os.with_session(s).get("/id/loggedsessions"))
            .unwrap();
    }
    // A forged signature is not.
    let mut s = Session::self_issued(&owner_key(), now, Scope::User);
    s.auth.signature = Session::self_issued(&owner_key(), now, Scope::User)
        .auth
        .signature;
    let e = rt()
        .block_on(os.with_session(s).get("/id/loggedsessions"))
        .unwrap_err();
    assert_eq!(e.kind(), "fluxos");
}

#[test]
fn typed_reads() {
    let node = OsDouble::start(HEIGHT);
    let os = client(&node.url());
    let rt = rt();
    assert_eq!(rt.block_on(os.version()).unwrap(), "8.17.0");
    let info = rt.block_on(os.info()).unwrap();
    assert_eq!(info.flux.unwrap().explorer_scanned_height, Some(HEIGHT));
    let d = rt.block_on(os.deployment_information()).unwrap();
    assert_eq!(d.epochs().unwrap().len(), 6);
    assert_eq!(d.address, PAYMENT_ADDRESS);
    let count: u64 = rt.block_on(os.daemon("getblockcount", &[])).unwrap();
    assert_eq!(count, HEIGHT);
    let getinfo: flux_client::rpc::methods::Info = rt.block_on(os.daemon("getinfo", &[])).unwrap();
    assert_eq!(getinfo.blocks as u64, HEIGHT);
    node.state.lock().unwrap().utxos.insert(
        "t1abc".into(),
        serde_json::json!([{"address":"t1abc","txid":"ab","vout":0,"height":1,"satoshis":5,"scriptPubKey":"76a9","confirmations":2}]),
    );
    let u = rt.block_on(os.explorer_utxos("t1abc")).unwrap();
    assert_eq!(u[0].satoshis, 5);
    assert!(rt.block_on(os.global_apps()).unwrap().is_empty());
    let e = rt.block_on(os.app_specification("nope")).unwrap_err();
    assert!(e.to_string().contains("Application: nope not found"));
    // Unknown routes: Express's 404 page, not an envelope.
    let e = rt.block_on(os.get("/no/such/route")).unwrap_err();
    assert_eq!((e.kind(), e.code()), ("http", Some(404)));
}

#[test]
fn update_is_signed_by_the_current_owner() {
    let node = OsDouble::start(HEIGHT);
    node.set_now(T + 10_000);
    let os = client(&node.url());
    let rt = rt();
    let registered = rt
        .block_on(os.register(&e2e_spec(), &owner_key(), T))
        .unwrap();
    let mut spec: serde_json::Value = serde_json::from_str(&e2e_spec()).unwrap();
    spec["description"] = "updated".into();
    let updated = rt
        .block_on(os.update(&spec.to_string(), &owner_key(), T + 5_000))
        .unwrap();
    assert_ne!(updated.hash, registered.hash);
    assert!(node
        .log()
        .iter()
        .any(|s| s.path == "/apps/verifyappupdatespecifications"));
    assert!(node.log().iter().any(|s| s.path == "/apps/appupdate"));
    // Another key cannot update it: the node refuses the signature (stop).
    let other: PrivateKey = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv"
        .parse()
        .unwrap();
    let e = rt
        .block_on(os.update(&spec.to_string(), &other, T + 6_000))
        .unwrap_err();
    assert_eq!(e.kind(), "fluxos");
    assert_eq!(e.fluxos_next_step(), NextStep::Stop);
}

#[test]
fn gets_are_retried_on_503_and_posts_are_not() {
    let node = OsDouble::start(HEIGHT);
    let os = FluxOs::builder(node.url())
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(20),
        })
        .build()
        .unwrap();
    node.push_faults([OsFault::Raw(503, String::new())]);
    assert_eq!(rt().block_on(os.version()).unwrap(), "8.17.0");
    assert_eq!(node.log().len(), 2);
    node.push_faults([OsFault::Raw(503, String::new())]);
    let e = rt().block_on(os.calculate_price(&e2e_spec())).unwrap_err();
    assert_eq!(e.code(), Some(503));
    assert!(e.try_another_node());
    assert_eq!(node.log().len(), 3);
}
