//! `flux message sign|verify` against real vectors (FluxOS, flux-sdk).

mod common;

use serde_json::Value;

fn flux(args: &[&str]) -> (i32, Value, String) {
    let r = common::run(args, None);
    (r.code, r.stdout, r.stderr_text)
}

// FluxOS tests/unit/verificationHelper.test.js (uncompressed key, Bitcoin magic).
const ADDR: &str = "1KoXq8mLxpNt3BSnNLq2HzKC39Ne2pVJtF";
const PUB: &str = "0474eb4690689bb408139249eda7f361b7881c4254ccbe303d3b4d58c2b48897d0f070b44944941998551f9ea0e1befd96f13adf171c07c885e62d0c2af56d3dab";
const SIG: &str =
    "G6wvdaMqtuQYqa5BAtKsLHFCYQwB4PXoTwG0YSGtWU6ude/brDNM5MraSBfT64HU3XPhObGohFjLLo6KjtMgnlc=";

#[test]
fn verify_real_signature_by_address_and_public_key() {
    let (code, out, _) = flux(&[
        "message",
        "verify",
        "--address",
        ADDR,
        "--signature",
        SIG,
        "test",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out["valid"], true);
    assert_eq!(out["recovered_public_key"], PUB);
    let (code, out, _) = flux(&[
        "message",
        "verify",
        "--public-key",
        PUB,
        "--signature",
        SIG,
        "test",
    ]);
    assert_eq!((code, &out["valid"]), (0, &Value::Bool(true)));
    // Wrong magic, wrong message: checked and not valid.
    let (code, out, _) = flux(&[
        "message",
        "verify",
        "--address",
        ADDR,
        "--signature",
        SIG,
        "--magic",
        "zelcash",
        "test",
    ]);
    assert_eq!((code, &out["valid"]), (2, &Value::Bool(false)));
    let (code, _, _) = flux(&[
        "message",
        "verify",
        "--address",
        ADDR,
        "--signature",
        SIG,
        "tesT",
    ]);
    assert_eq!(code, 2);
    // "test" as hex bytes.
    let (code, _, _) = flux(&[
        "message",
        "verify",
        "--address",
        ADDR,
        "--signature",
        SIG,
        "--hex",
        "74657374",
    ]);
    assert_eq!(code, 0);
}

#[test]
fn sign_reproduces_flux_sdk_vector() {
    // flux-sdk tests/fluxnode.js: Zelcash magic, published key, deterministic.
    let msg = "050000000244bd2dbb77b7f0388d68a72e3845d079dd38b2c55f4bd682fe482e18750aae99000000002103c7f8f9e5368a2bee1ba3b3127b5039f84e8f1dad0e11f64e5586b76f654ee2a34104f6c04f8a3569a518ec0987fc2544900e8a3f742a6e0d891a700d9a94482a0abdae64a1c106a4d4339963afd32391e0e660fabbc75c73200fc863287cfd54a7f22525775e4120556a2ebcbdab6cc332b14996c1e0a996810a0cd6a80cd044020b04a4466dee0e67b8bc2f21fe2e1eb7d093594c2601e679750aa8a9c4eb68a21575c34e4aa082";
    let (code, out, err) = flux(&[
        "message",
        "sign",
        "--wif",
        "L17FU2CoD4joDmEp1xMbfuD6eQ8Yr8SEC2gjbcKktLs3DS3WCCxF",
        "--magic",
        "zelcash",
        msg,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out["signature"],
        "Hwwod9fKqEGZr8W5m3keUOWgDW6jhlZlr4VsNq2DvSEXHYQCBSsceJ7/uNqw7nUlBd0bi4UjFS+gmVLX9Ipe7+A="
    );
    assert_eq!(out["address"], "t1g4kUVY1aJtENtWD69wfNbjJ3Cfd2E8dCF");
    let (code, _, _) = flux(&[
        "message",
        "verify",
        "--address",
        "t1g4kUVY1aJtENtWD69wfNbjJ3Cfd2E8dCF",
        "--magic",
        "zelcash",
        "--signature",
        out["signature"].as_str().unwrap(),
        msg,
    ]);
    assert_eq!(code, 0);
}

#[test]
fn malformed_input_is_an_error_not_a_verdict() {
    for sig in ["not base64!", "AAAA", "ZmFrZQ"] {
        let (code, _, err) = flux(&[
            "message",
            "verify",
            "--address",
            ADDR,
            "--signature",
            sig,
            "test",
        ]);
        assert_eq!(code, 1, "{sig}");
        assert!(err.contains("\"kind\""), "{err}");
    }
    // Header byte 0 is refused strictly, accepted masked (then the key is someone else's).
    let mut bytes = base64_decode(SIG);
    bytes[0] = 0;
    let zero = base64_encode(&bytes);
    let (code, _, _) = flux(&[
        "message",
        "verify",
        "--address",
        ADDR,
        "--signature",
        &zero,
        "test",
    ]);
    assert_eq!(code, 1);
    let (code, out, _) = flux(&[
        "message",
        "verify",
        "--address",
        ADDR,
        "--signature",
        &zero,
        "--fluxd-headers",
        "test",
    ]);
    assert_eq!((code, &out["valid"]), (2, &Value::Bool(false)));
    let (code, _, _) = flux(&["message", "verify", "--signature", SIG, "test"]);
    assert_eq!(code, 1);
}

fn base64_decode(s: &str) -> Vec<u8> {
    flux_zelid::MessageSignature::from_base64(s, flux_zelid::HeaderRule::Strict)
        .unwrap()
        .to_bytes()
        .to_vec()
}

fn base64_encode(b: &[u8]) -> String {
    flux_zelid::MessageSignature::from_bytes(b, flux_zelid::HeaderRule::FluxdMasked)
        .unwrap()
        .to_base64()
}
