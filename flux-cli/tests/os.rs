//! `flux os login|get` and `flux app register` against the in-process FluxOS double
//! (flux-client's, included by path).

#[path = "../../flux-client/tests/support/fluxos_double.rs"]
mod fluxos_double;

mod common;

use common::run;
use fluxos_double::{OsDouble, PAYMENT_ADDRESS};

/// The harness app-owner key of FluxOS's `test-infra/fixtures/keys/app-owner.json`
/// (fluxos.md §10), owner of `examples/data/app_spec_e2e.json`.
fn owner_wif() -> String {
    flux_primitives::PrivateKey::from_slice(
        &hex::decode("7e6b64418feeeff30574a0143bbdf21d8935ca2399661ce779adacdf37ec3eae").unwrap(),
        true,
        flux_primitives::network::Network::Main,
    )
    .unwrap()
    .to_wif()
}

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/app_spec_e2e.json"
);

#[test]
fn login_prints_the_session() {
    let node = OsDouble::start(2_200_000);
    let wif = owner_wif();
    let r = run(&["os", "login", "--url", &node.url(), "--wif", &wif], None);
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    assert_eq!(r.stdout["zelid"], "1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx");
    assert_eq!(r.stdout["privilege"], "user");
    let header = r.stdout["zelidauth"].as_str().unwrap();
    let auth = flux_zelid::header::ZelidAuth::parse(header).unwrap();
    let ts: u64 = auth.login_phrase[..13].parse().unwrap();
    assert_eq!(r.stdout["expires_at"], ts + 14 * 24 * 3600 * 1000);
    // The printed header works for user-level calls.
    let r = run(
        &[
            "os",
            "get",
            "/id/loggedsessions",
            "--url",
            &node.url(),
            "--zelidauth",
            header,
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    assert_eq!(r.stdout, serde_json::json!([]));
}

#[test]
fn get_unwraps_data_and_fails_on_error_envelopes() {
    let node = OsDouble::start(2_200_000);
    let r = run(&["os", "get", "/flux/version", "--url", &node.url()], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, Some("8.17.0")));
    let r = run(
        &["os", "get", "/daemon/getblockcount", "--url", &node.url()],
        None,
    );
    assert_eq!(r.stdout, 2_200_000);
    // FluxOS's unauthorized answer comes with HTTP 200: still an error, exit 1.
    let r = run(
        &["os", "get", "/id/loggedsessions", "--url", &node.url()],
        None,
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr["error"]["kind"], "fluxos");
    assert_eq!(
        r.stderr["error"]["message"],
        "/id/loggedsessions: FluxOS error: Unauthorized. Access denied."
    );
    // --wif signs a fresh user session.
    let r = run(
        &[
            "os",
            "get",
            "/id/loggedsessions",
            "--url",
            &node.url(),
            "--wif",
            &owner_wif(),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    // Transport and input errors.
    let r = run(&["os", "get", "/flux/version", "--url", "ftp://x"], None);
    assert_eq!(
        (r.code, &r.stderr["error"]["kind"]),
        (1, &"invalid_input".into())
    );
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let r = run(
        &[
            "os",
            "get",
            "/flux/version",
            "--url",
            &format!("http://127.0.0.1:{closed}"),
        ],
        None,
    );
    assert_eq!(
        (r.code, &r.stderr["error"]["kind"]),
        (1, &"transport".into())
    );
    let r = run(
        &[
            "os",
            "get",
            "/flux/version",
            "--url",
            &node.url(),
            "--zelidauth",
            "x",
            "--wif",
            "y",
        ],
        None,
    );
    assert_eq!(r.code, 1);
}

#[test]
fn app_register_signs_what_flux_app_sign_signs() {
    let node = OsDouble::start(2_200_000);
    let wif = owner_wif();
    let r = run(
        &["app", "register", SPEC, "--url", &node.url(), "--wif", &wif],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    let out = &r.stdout;
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "hash",
            "timestamp",
            "signature",
            "payment_address",
            "price",
            "pay_before"
        ]
    );
    assert_eq!(out["payment_address"], PAYMENT_ADDRESS);
    assert_eq!(out["price"], "0.02");
    let ts = out["timestamp"].as_u64().unwrap();
    assert_eq!(out["pay_before"], ts + 3_600_000);
    // `flux app sign` with the same timestamp gives the same signature and hash: the node's
    // formatting of this spec is the local one.
    let signed = run(
        &[
            "app",
            "sign",
            SPEC,
            "--wif",
            &wif,
            "--type",
            "register",
            "--timestamp",
            &ts.to_string(),
        ],
        None,
    );
    assert_eq!(signed.code, 0);
    assert_eq!(signed.stdout["signature"], out["signature"]);
    assert_eq!(signed.stdout["hash"], out["hash"]);
    // From stdin; the name is now taken: FluxOS's refusal, exit 1, kind fluxos.
    let text = std::fs::read_to_string(SPEC).unwrap();
    let r = run(
        &["app", "register", "-", "--url", &node.url(), "--wif", &wif],
        Some(&text),
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr["error"]["kind"], "fluxos");
    assert!(r.stderr["error"]["message"]
        .as_str()
        .unwrap()
        .contains("already registered"));
}
