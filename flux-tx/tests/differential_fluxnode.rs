//! Differential test against @runonflux/flux-sdk 1.1.0 (tests/js/tx_fluxnode.js): random
//! fluxnode START transactions (v5, v6 P2PKH, v6 P2SH, v6 with delegates UPDATE, v6 signed
//! by a delegate) built and signed by `flux_tx::fluxnode_sign::start_from_spec` and by the
//! sdk from the same keys, outpoints, sig times and key compressions. One node run per batch.
//!
//! Where the sdk is wrong (js-libraries.md, "Behaviours to pin down") the test asserts the
//! documented difference instead of agreeing with it:
//! - `txidStart` drops the last 66 bytes of the hex, which is the signature only when no
//!   delegate data follows it: for delegate STARTs its txid is not fluxd's;
//! - a delegate-signed START with P2PKH collateral carries the *delegate's* key in the
//!   collateral-pubkey field (fluxd checks that field against the collateral output and
//!   rejects the tx); ours carries the owner's key. With the delegate's key put there on
//!   purpose, our bytes equal the sdk's, so nothing else differs.
// Runs the JavaScript reference libraries as a child process: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../tests/support/node.rs"]
mod node;

use flux_primitives::hash::sha256d;
use flux_primitives::{Network, PrivateKey, ScriptBuf};
use flux_tx::fluxnode_sign::start_from_spec;
use flux_tx::Transaction;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const PER_VARIANT: usize = 350;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Variant {
    V5,
    V6,
    V6P2sh,
    V6AddDelegates,
    V6AddDelegatesP2sh,
    AsDelegateP2pkh,
    AsDelegateP2sh,
}

impl Variant {
    const ALL: [Variant; 7] = [
        Variant::V5,
        Variant::V6,
        Variant::V6P2sh,
        Variant::V6AddDelegates,
        Variant::V6AddDelegatesP2sh,
        Variant::AsDelegateP2pkh,
        Variant::AsDelegateP2sh,
    ];

    fn js_name(self) -> &'static str {
        match self {
            Variant::V5 => "v5",
            Variant::V6 => "v6",
            Variant::V6P2sh => "v6-p2sh",
            Variant::V6AddDelegates | Variant::V6AddDelegatesP2sh => "v6-add-delegates",
            Variant::AsDelegateP2pkh | Variant::AsDelegateP2sh => "v6-as-delegate",
        }
    }

    fn p2sh(self) -> bool {
        matches!(
            self,
            Variant::V6P2sh | Variant::V6AddDelegatesP2sh | Variant::AsDelegateP2sh
        )
    }

    fn has_delegate_data(self) -> bool {
        !matches!(self, Variant::V5 | Variant::V6 | Variant::V6P2sh)
    }
}

fn random_key(rng: &mut StdRng, compressed: bool) -> PrivateKey {
    loop {
        let bytes: [u8; 32] = rng.gen();
        if let Ok(k) = PrivateKey::from_slice(&bytes, compressed, Network::Main) {
            return k;
        }
    }
}

/// A redeem script of `m`-of-`n` random keys with `member` at a random place.
fn redeem_with(rng: &mut StdRng, member: &[u8]) -> ScriptBuf {
    let n = rng.gen_range(1..=4usize);
    let m = rng.gen_range(1..=n);
    let at = rng.gen_range(0..n);
    let mut keys: Vec<Vec<u8>> = (0..n - 1)
        .map(|_| random_key(rng, true).public_key().to_bytes())
        .collect();
    keys.insert(at, member.to_vec());
    let refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
    ScriptBuf::multisig(m, &refs).unwrap()
}

struct Case {
    variant: Variant,
    /// Our specification (the fluxd-valid form).
    spec: Value,
    /// For a delegate-signed P2PKH START: our specification with the sdk's (wrong)
    /// collateral key, which must reproduce the sdk's bytes.
    spec_like_sdk: Option<Value>,
    js: Value,
}

fn random_case(rng: &mut StdRng, variant: Variant) -> Case {
    let cc = rng.gen_bool(0.5);
    let cf = rng.gen_bool(0.5);
    let collateral = random_key(rng, cc);
    let node = random_key(rng, cf);
    let delegate = random_key(rng, cc);
    let txid = hex::encode(rng.gen::<[u8; 32]>());
    let vout: u32 = if rng.gen_bool(0.7) {
        rng.gen_range(0..8)
    } else {
        rng.gen()
    };
    let sig_time: u32 = rng.gen();
    let node_pub = hex::encode(node.public_key().to_bytes());
    let owner_pub = collateral.public_key().to_bytes();
    let as_delegate = matches!(variant, Variant::AsDelegateP2pkh | Variant::AsDelegateP2sh);
    // In a P2SH START the signer's key must be in the redeem script.
    let redeem = variant.p2sh().then(|| {
        let member = if as_delegate {
            random_key(rng, true).public_key().to_bytes()
        } else {
            owner_pub.clone()
        };
        redeem_with(rng, &member)
    });
    let delegate_keys: Vec<String> = (0..rng.gen_range(1..=4))
        .map(|_| hex::encode(random_key(rng, true).public_key().to_bytes()))
        .collect();

    let mut spec = json!({
        "network": "main",
        "version": if variant == Variant::V5 { 5 } else { 6 },
        "collateral": {"txid": txid, "vout": vout},
        "fluxnode_public_key": node_pub,
        "sig_time": sig_time,
    });
    let mut js = json!({
        "variant": variant.js_name(),
        "collateralTxid": txid, "collateralVout": vout,
        "collateralWif": collateral.to_wif(), "fluxnodeWif": node.to_wif(),
        "timestamp": sig_time, "compressedCollateral": cc, "compressedFluxnode": cf,
    });
    match &redeem {
        Some(r) => {
            spec["redeem_script"] = json!(r.to_hex());
            js["redeemScript"] = json!(r.to_hex());
            if !as_delegate {
                spec["wif"] = json!(collateral.to_wif());
            }
        }
        None if as_delegate => {
            spec["collateral_public_key"] = json!(hex::encode(&owner_pub));
        }
        None => spec["collateral_wif"] = json!(collateral.to_wif()),
    }
    if matches!(
        variant,
        Variant::V6AddDelegates | Variant::V6AddDelegatesP2sh
    ) {
        spec["delegates"] = json!({"type": "update", "public_keys": delegate_keys});
        js["delegatePublicKeys"] = json!(delegate_keys);
    }
    if as_delegate {
        spec["delegates"] = json!({"type": "signing", "signer_wif": delegate.to_wif()});
        js["delegateWif"] = json!(delegate.to_wif());
    }
    let spec_like_sdk = (variant == Variant::AsDelegateP2pkh).then(|| {
        let mut s = spec.clone();
        s["collateral_public_key"] = json!(hex::encode(delegate.public_key().to_bytes()));
        s
    });
    Case {
        variant,
        spec,
        spec_like_sdk,
        js,
    }
}

fn build(spec: &Value) -> Transaction {
    start_from_spec(spec)
        .unwrap_or_else(|e| panic!("{e}: {spec}"))
        .1
}

/// What the sdk's `txidStart` computes: dSHA256 of the hex without its last 66 bytes.
fn sdk_txid_rule(bytes: &[u8]) -> String {
    let mut h = sha256d(&bytes[..bytes.len() - 66]);
    h.reverse();
    hex::encode(h)
}

#[test]
fn random_starts_match_flux_sdk_byte_for_byte() {
    if !node::available() {
        return;
    }
    let mut rng = StdRng::seed_from_u64(0x666c_7578_6e6f_6465);
    let cases: Vec<Case> = Variant::ALL
        .iter()
        .flat_map(|&v| (0..PER_VARIANT).map(move |_| v))
        .map(|v| random_case(&mut rng, v))
        .collect();
    let js: Vec<Value> = cases.iter().map(|c| c.js.clone()).collect();
    let results = node::run_driver("tx_fluxnode.js", &json!(js));
    let mut compared = 0;
    for (case, theirs) in cases.iter().zip(&results) {
        assert!(
            theirs.get("error").is_none(),
            "flux-sdk failed on {}: {theirs}",
            case.js
        );
        let sdk_hex = theirs["hex"].as_str().unwrap();
        let ours = build(&case.spec);
        let ours_bytes = ours.to_bytes();
        match &case.spec_like_sdk {
            None => assert_eq!(hex::encode(&ours_bytes), sdk_hex, "{:?}", case.variant),
            Some(like_sdk) => {
                // The sdk's collateral-pubkey field holds the delegate's key, ours the
                // owner's: the bytes differ, and only there.
                assert_ne!(hex::encode(&ours_bytes), sdk_hex);
                assert_eq!(hex::encode(build(like_sdk).to_bytes()), sdk_hex);
            }
        }
        let sdk_txid = theirs["sdkTxidStart"].as_str().unwrap();
        let sdk_bytes = hex::decode(sdk_hex).unwrap();
        assert_eq!(
            sdk_txid,
            sdk_txid_rule(&sdk_bytes),
            "the sdk's documented rule"
        );
        let fluxd_txid = Transaction::from_bytes(&sdk_bytes)
            .unwrap()
            .txid()
            .to_string();
        if case.variant.has_delegate_data() {
            // Delegate data follows the signature: the sdk's truncation is not fluxd's txid.
            assert_ne!(sdk_txid, fluxd_txid, "{:?}", case.variant);
        } else {
            assert_eq!(sdk_txid, fluxd_txid, "{:?}", case.variant);
            assert_eq!(ours.txid().to_string(), fluxd_txid);
        }
        compared += 1;
    }
    assert_eq!(compared, PER_VARIANT * Variant::ALL.len());
}
