//! The app payment transaction: the memo is the last output and reads back as FluxOS's
//! scanner reads it, the amounts are exact, the deployment address follows the height,
//! keys and addresses of another network are refused, and the signatures verify.

use flux_client::app::payment::{
    counts_as_app_payment, deployment_address, AppPayment, Utxo, APP_ADDRESS, APP_ADDRESS_MULTISIG,
    APP_ADDRESS_MULTISIG_B,
};
use flux_primitives::{Address, Amount, Network, PrivateKey, ScriptBuf, Upgrade};
use flux_tx::sign::{verify_inputs, InputKind, SpentOutput};
use flux_tx::Transaction;
use serde_json::Value;

/// fluxd's published test key (`src/gtest/test_transaction.cpp`): never fund it.
const WIF: &str = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
/// A message hash as FluxOS returns it (SHA-256, lowercase hex).
const HASH: &str = "5501c7dd6516c3fc2e68dee8d4fdd20d92f57f8cfcdc7b4fcbad46499e43ed6f";

fn utxos() -> Vec<Utxo> {
    Utxo::list_from_json(
        r#"[{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0, "amount": 50000000},
            {"txid": "9e8d7c6b5a4938271605f4e3d2c1b0a998877665544332211000ffeeddccbbaa", "vout": 3, "amount": 25000000, "confirmations": 12}]"#,
    )
    .unwrap()
}

fn zat(z: i64) -> Amount {
    Amount::from_zat(z).unwrap()
}

/// FluxOS's `decodeMessage` on an output's asm: the hex after `OP_RETURN`, decoded byte by
/// byte into characters up to the first zero byte; other outputs give "".
fn fluxos_decode_message(asm: &str) -> String {
    let Some(hex) = asm.strip_prefix("OP_RETURN ") else {
        return String::new();
    };
    hex::decode(hex)
        .unwrap()
        .into_iter()
        .take_while(|b| *b != 0)
        .map(char::from)
        .collect()
}

#[test]
fn memo_is_last_and_reads_back_as_fluxos_reads_it() {
    let key = PrivateKey::from_wif(WIF).unwrap();
    let paid = AppPayment::new(HASH, zat(60_000_000))
        .unwrap()
        .height(2_200_000)
        .build(&utxos(), &key)
        .unwrap();
    let view = paid.view();
    // Decode the hex as a node would.
    let tx = Transaction::from_bytes(&hex::decode(&view.hex).unwrap()).unwrap();
    assert_eq!(tx.txid().to_string(), view.txid);
    let json = serde_json::to_value(flux_tx::json::to_json(&tx, Network::Main)).unwrap();
    let vout = json["vout"].as_array().unwrap();
    assert_eq!(vout.len(), 3);
    // The scanner: every output with an asm overwrites the message; the last one wins.
    let mut message = String::new();
    let mut paid_to_app = 0;
    for o in vout {
        let spk = &o["scriptPubKey"];
        if let Some(a) = spk["addresses"].as_array() {
            let addr: Address = a[0].as_str().unwrap().parse().unwrap();
            if counts_as_app_payment(&addr, 2_200_000) {
                paid_to_app += o["valueSat"].as_i64().unwrap();
            }
        }
        if let Some(asm) = spk["asm"].as_str() {
            message = fluxos_decode_message(asm);
        }
    }
    assert_eq!(message, HASH);
    assert_eq!(paid_to_app, 60_000_000);
    // Amounts exact: deployment address, change, memo (value 0).
    assert_eq!(
        vout[0]["scriptPubKey"]["addresses"][0],
        APP_ADDRESS_MULTISIG_B
    );
    assert_eq!(vout[0]["valueSat"], 60_000_000);
    let me = Address::p2pkh(&key.public_key(), Network::Main).to_string();
    assert_eq!(vout[1]["scriptPubKey"]["addresses"][0], me.as_str());
    assert_eq!(vout[1]["valueSat"], 75_000_000 - 60_000_000 - 10_000);
    assert_eq!(vout[2]["valueSat"], 0);
    assert_eq!(paid.fee, zat(10_000));
    assert_eq!(paid.change, Some(zat(14_990_000)));
    // Expiry 20 blocks after the height, and both signatures verify under its branch id.
    let std = tx.as_standard().unwrap();
    assert_eq!(std.expiry_height, 2_200_020);
    let spk = ScriptBuf::p2pkh(&key.public_key().hash160());
    let spent: Vec<SpentOutput> = [50_000_000, 25_000_000]
        .into_iter()
        .map(|a| SpentOutput {
            script_pubkey: spk.clone(),
            amount: zat(a),
        })
        .collect();
    let branch = Upgrade::branch_id_at(Network::Main, 2_200_000);
    assert_eq!(
        verify_inputs(std, &spent, branch).unwrap(),
        vec![Ok(InputKind::PubKeyHash), Ok(InputKind::PubKeyHash)]
    );
}

#[test]
fn deployment_address_follows_fluxos_heights() {
    assert_eq!(deployment_address(0).to_string(), APP_ADDRESS);
    assert_eq!(
        deployment_address(1_300_000).to_string(),
        APP_ADDRESS_MULTISIG
    );
    assert_eq!(
        deployment_address(1_670_000).to_string(),
        APP_ADDRESS_MULTISIG_B
    );
    let key = PrivateKey::from_wif(WIF).unwrap();
    let paid = AppPayment::new(HASH, zat(60_000_000))
        .unwrap()
        .height(1_400_000)
        .build(&utxos(), &key)
        .unwrap();
    assert_eq!(paid.deployment_address.to_string(), APP_ADDRESS_MULTISIG);
    // The first address counts at every height; the multisigs only from theirs.
    let first: Address = APP_ADDRESS.parse().unwrap();
    let multisig: Address = APP_ADDRESS_MULTISIG.parse().unwrap();
    assert!(counts_as_app_payment(&first, 1));
    assert!(!counts_as_app_payment(&multisig, 1_299_999));
}

#[test]
fn wrong_network_keys_and_addresses_are_refused() {
    let testnet_key = PrivateKey::from_slice(&[7; 32], true, Network::Test).unwrap();
    let e = AppPayment::new(HASH, zat(60_000_000))
        .unwrap()
        .build(&utxos(), &testnet_key)
        .unwrap_err();
    assert_eq!(e.kind(), "wrong_network");
    // A testnet change address in a mainnet payment.
    let key = PrivateKey::from_wif(WIF).unwrap();
    let t_change: Address = Address::p2pkh(&testnet_key.public_key(), Network::Test)
        .to_string()
        .parse()
        .unwrap();
    let e = AppPayment::new(HASH, zat(60_000_000))
        .unwrap()
        .change_to(t_change)
        .build(&utxos(), &key)
        .unwrap_err();
    assert_eq!(e.kind(), "wrong_network");
    // App payment addresses are mainnet's: testnet needs an explicit one.
    let e = AppPayment::new(HASH, zat(60_000_000))
        .unwrap()
        .network(Network::Test)
        .build(&utxos(), &testnet_key)
        .unwrap_err();
    assert_eq!(e.kind(), "no_deployment_address");
}

#[test]
fn bad_requests_are_typed_errors() {
    let key = PrivateKey::from_wif(WIF).unwrap();
    // Not the hash FluxOS returns: too short, uppercase, or the raw 32 bytes.
    for h in ["", &HASH[..63], &HASH.to_uppercase(), &format!("{HASH}00")] {
        assert_eq!(
            AppPayment::new(h, Amount::ONE_FLUX).unwrap_err().kind(),
            "invalid_hash"
        );
    }
    let p = AppPayment::new(HASH, zat(80_000_000)).unwrap();
    assert_eq!(
        p.build(&utxos(), &key).unwrap_err().kind(),
        "insufficient_funds"
    );
    assert_eq!(p.build(&[], &key).unwrap_err().kind(), "no_inputs");
    for bad in [
        r#"{"txid": "00", "vout": 0, "amount": 1}"#,
        r#"[{"txid": "zz", "vout": 0, "amount": 1}]"#,
        r#"[{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0, "amount": -1}]"#,
        r#"[{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0}]"#,
    ] {
        assert_eq!(
            Utxo::list_from_json(bad).unwrap_err().kind(),
            "invalid_inputs",
            "{bad}"
        );
    }
    // No change left: the memo still ends the transaction.
    let paid = AppPayment::new(HASH, zat(74_990_000))
        .unwrap()
        .build(&utxos(), &key)
        .unwrap();
    assert_eq!(paid.change, None);
    let outs = &paid.tx.as_standard().unwrap().outputs;
    assert_eq!(outs.len(), 2);
    assert!(outs[1].script_pubkey.is_unspendable());
    let v: Value = serde_json::to_value(paid.view()).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 2);
}
