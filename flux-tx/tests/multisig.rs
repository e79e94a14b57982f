//! P2SH 2-of-3 multisig end to end through the builder: two signers each sign their own
//! copy (partial), the copies are combined, and the result verifies; a partial copy names
//! the missing signers.

use flux_primitives::hash::hash160;
use flux_primitives::{Address, Amount, BranchId, Network, PrivateKey, ScriptBuf};
use flux_tx::builder::build_from_spec;
use flux_tx::sign::{combine_multisig, verify_inputs, InputFailure, InputKind, SpentOutput};
use flux_tx::{StandardTx, Transaction};
use serde_json::{json, Value};
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Flux's shared consensus branch id (Flux upgrade onwards).
const BRANCH: BranchId = BranchId::from_consensus(0x76b8_09bb);

fn key(byte: u8) -> PrivateKey {
    PrivateKey::from_slice(&[byte; 32], true, Network::Main).unwrap()
}

struct Fixture {
    keys: [PrivateKey; 3],
    redeem: ScriptBuf,
    p2sh: ScriptBuf,
    p2pkh_key: PrivateKey,
}

fn fixture() -> Fixture {
    let keys = [key(0x11), key(0x22), key(0x33)];
    let pubs: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let refs: Vec<&[u8]> = pubs.iter().map(Vec::as_slice).collect();
    let redeem = ScriptBuf::multisig(2, &refs).unwrap();
    let p2sh = ScriptBuf::p2sh(&hash160(redeem.as_bytes()));
    Fixture {
        keys,
        redeem,
        p2sh,
        p2pkh_key: key(0x44),
    }
}

const MULTISIG_AMOUNT: u64 = 250_000_000;
const P2PKH_AMOUNT: u64 = 75_000_000;

/// A spec spending one 2-of-3 P2SH output (signed by `signers`) and one P2PKH output, with
/// a payment, an OP_RETURN and change.
fn spec(f: &Fixture, signers: &[usize]) -> Value {
    let wifs: Vec<String> = signers.iter().map(|&i| f.keys[i].to_wif()).collect();
    let to = Address::p2pkh(&key(0x55).public_key(), Network::Main).to_string();
    let change = Address::p2sh(&f.redeem, Network::Main).to_string();
    json!({
        "network": "main",
        "expiry_height": 3_000_020,
        "locktime": 0,
        "fee": 10_000,
        "change_address": change,
        "inputs": [
            {"txid": "aa".repeat(32), "vout": 1, "amount": MULTISIG_AMOUNT,
             "redeem_script": f.redeem.to_hex(), "wifs": wifs,
             "script_pubkey": f.p2sh.to_hex()},
            {"txid": "bb".repeat(32), "vout": 0, "amount": P2PKH_AMOUNT,
             "wif": f.p2pkh_key.to_wif(), "sighash": "ALL|ANYONECANPAY"},
        ],
        "outputs": [
            {"address": to, "amount": 200_000_000},
            {"data": hex::encode(b"invoice 42")},
        ],
    })
}

fn build(f: &Fixture, signers: &[usize]) -> (StandardTx, bool) {
    let built = build_from_spec(&spec(f, signers)).unwrap();
    match built.tx {
        Transaction::Standard(t) => (t, built.complete),
        Transaction::Fluxnode(_) => unreachable!("the builder makes v4 transactions"),
    }
}

fn spent(f: &Fixture) -> Vec<SpentOutput> {
    vec![
        SpentOutput {
            script_pubkey: f.p2sh.clone(),
            amount: Amount::from_zat(MULTISIG_AMOUNT as i64).unwrap(),
        },
        SpentOutput {
            script_pubkey: ScriptBuf::p2pkh(&f.p2pkh_key.public_key().hash160()),
            amount: Amount::from_zat(P2PKH_AMOUNT as i64).unwrap(),
        },
    ]
}

#[test]
fn two_partial_copies_combine_into_a_valid_transaction() {
    let f = fixture();
    let (first, complete_a) = build(&f, &[0]);
    let (third, complete_b) = build(&f, &[2]);
    assert!(
        !complete_a && !complete_b,
        "one signature of two is not complete"
    );
    // The partial copies differ only in the multisig scriptSig.
    assert_eq!(first.outputs, third.outputs);
    assert_eq!(first.inputs[1], third.inputs[1]);
    assert_ne!(first.inputs[0].script_sig, third.inputs[0].script_sig);

    let redeems = [Some(f.redeem.as_bytes().to_vec()), None];
    let amounts = [
        Amount::from_zat(MULTISIG_AMOUNT as i64).unwrap(),
        Amount::from_zat(P2PKH_AMOUNT as i64).unwrap(),
    ];
    let (combined, complete) =
        combine_multisig(&[first.clone(), third.clone()], &redeems, &amounts, BRANCH).unwrap();
    assert!(complete);
    let results = verify_inputs(&combined, &spent(&f), BRANCH).unwrap();
    assert_eq!(
        results,
        vec![
            Ok(InputKind::ScriptHashMultisig {
                required: 2,
                keys: 3
            }),
            Ok(InputKind::PubKeyHash)
        ]
    );

    // Signatures are deterministic (RFC 6979): combining gives exactly what signing with
    // both keys at once gives, in key order whatever the order of the copies.
    let (both, complete_both) = build(&f, &[0, 2]);
    assert!(complete_both);
    assert_eq!(combined, both);
    let (reversed, _) = combine_multisig(&[third, first], &redeems, &amounts, BRANCH).unwrap();
    assert_eq!(reversed.inputs[0].script_sig, both.inputs[0].script_sig);
    assert_eq!(
        verify_inputs(&both, &spent(&f), BRANCH).unwrap(),
        vec![
            Ok(InputKind::ScriptHashMultisig {
                required: 2,
                keys: 3
            }),
            Ok(InputKind::PubKeyHash)
        ]
    );
}

#[test]
fn a_partial_copy_names_the_signer_and_the_missing_keys() {
    let f = fixture();
    let (partial, _) = build(&f, &[1]);
    let results = verify_inputs(&partial, &spent(&f), BRANCH).unwrap();
    assert_eq!(results[1], Ok(InputKind::PubKeyHash));
    let Err(InputFailure::Multisig(shortfall)) = &results[0] else {
        panic!("{:?}", results[0]);
    };
    // Typed: which key signed and which are missing, by index.
    assert_eq!((shortfall.required, shortfall.keys.len()), (2, 3));
    assert_eq!(shortfall.signed, vec![1]);
    assert_eq!(shortfall.missing(), vec![0, 2]);
    assert_eq!(
        results[0].clone().unwrap_err().kind(),
        "not_enough_signatures"
    );
    // And in words, as `flux tx verify` prints it.
    let why = results[0].clone().unwrap_err().to_string();
    let hex_of = |i: usize| hex::encode(f.keys[i].public_key().to_bytes());
    assert!(
        why.starts_with("2-of-3 multisig: 1 of 2 required signatures"),
        "{why}"
    );
    assert!(
        why.contains(&format!("signed by key 1 ({})", hex_of(1))),
        "{why}"
    );
    assert!(
        why.contains(&format!(
            "missing 1 more from key 0 ({}), key 2 ({})",
            hex_of(0),
            hex_of(2)
        )),
        "{why}"
    );
}

#[test]
fn signatures_in_the_wrong_order_fail_as_in_fluxd() {
    let f = fixture();
    let (both, _) = build(&f, &[0, 2]);
    // Swap the two signatures: CHECKMULTISIG matches signatures to keys in order.
    let script = both.inputs[0].script_sig.as_bytes();
    let pushes: Vec<Vec<u8>> = flux_primitives::script::Instructions::new(script)
        .map(|i| i.unwrap().push_data().unwrap().to_vec())
        .collect();
    let swapped = flux_tx::sign::p2sh_multisig_script_sig(
        &[pushes[2].clone(), pushes[1].clone()],
        f.redeem.as_bytes(),
    );
    let mut tx = both.clone();
    tx.inputs[0].script_sig = ScriptBuf::from_bytes(swapped);
    let failure = verify_inputs(&tx, &spent(&f), BRANCH).unwrap()[0]
        .clone()
        .unwrap_err();
    assert_eq!(failure.kind(), "multisig_order");
    let why = failure.to_string();
    assert!(why.contains("2 of 2 required signatures"), "{why}");
    assert!(why.contains("not as CHECKMULTISIG reads them"), "{why}");
}
