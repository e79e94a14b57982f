//! The typed builder: change placement (memo last), network checks on keys and addresses,
//! fluxd's dust and OP_RETURN policy, fee and fee rate, expiry and branch id from the
//! upgrade table, partial multisig and ANYONECANPAY, and every signature verifying.

use flux_primitives::hash::{hash160, Txid};
use flux_primitives::{Address, Amount, Network, PrivateKey, ScriptBuf, Upgrade};
use flux_tx::builder::{ChangePosition, FeeRate, Input, Policy, TxBuilder};
use flux_tx::sighash::SighashType;
use flux_tx::sign::{combine_multisig, verify_inputs, InputKind, SpentOutput};
use flux_tx::{OutPoint, StandardTx, Transaction};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn key(byte: u8, network: Network) -> PrivateKey {
    PrivateKey::from_slice(&[byte; 32], true, network).unwrap()
}

fn zat(z: i64) -> Amount {
    Amount::from_zat(z).unwrap()
}

fn outpoint(byte: u8, vout: u32) -> OutPoint {
    OutPoint::new(Txid::from_bytes([byte; 32]), vout)
}

fn standard(tx: &Transaction) -> &StandardTx {
    tx.as_standard().unwrap()
}

/// A mainnet wallet key with one 1-FLUX coin, paying 0.4 FLUX to another key.
fn payment() -> (TxBuilder, PrivateKey, Address) {
    let k = key(1, Network::Main);
    let me = Address::p2pkh(&k.public_key(), Network::Main);
    let to = Address::p2pkh(&key(2, Network::Main).public_key(), Network::Main);
    let b = TxBuilder::new(Network::Main)
        .height(2_100_001)
        .input(Input::p2pkh(outpoint(1, 0), Amount::ONE_FLUX, k.clone()))
        .unwrap()
        .pay(&to, zat(40_000_000))
        .unwrap();
    (b, k, me)
}

#[test]
fn change_goes_before_the_memo_so_the_memo_is_last() {
    let (b, k, me) = payment();
    let memo = b"a1".repeat(32);
    let built = b
        .op_return(&memo)
        .change_to(&me)
        .unwrap()
        .fee(zat(10_000))
        .build()
        .unwrap();
    let tx = standard(&built.tx);
    assert_eq!(tx.outputs.len(), 3);
    assert_eq!(built.change_index, Some(1));
    assert_eq!(tx.outputs[1].value, 100_000_000 - 40_000_000 - 10_000);
    assert_eq!(tx.outputs[1].script_pubkey, me.script_pubkey().unwrap());
    let last = &tx.outputs[2];
    assert_eq!(last.value, 0);
    assert_eq!(last.script_pubkey, ScriptBuf::null_data(&memo));
    assert_eq!(built.fee, Some(zat(10_000)));
    // Expiry and branch id from the upgrade table at the height built for.
    assert_eq!(tx.expiry_height, 2_100_021);
    let spent = [SpentOutput {
        script_pubkey: ScriptBuf::p2pkh(&k.public_key().hash160()),
        amount: Amount::ONE_FLUX,
    }];
    let branch = Upgrade::branch_id_at(Network::Main, 2_100_001);
    assert_eq!(
        verify_inputs(tx, &spent, branch).unwrap(),
        vec![Ok(InputKind::PubKeyHash)]
    );
}

#[test]
fn change_position_can_be_chosen() {
    let (b, _, me) = payment();
    let b = b
        .op_return(b"memo")
        .change_to(&me)
        .unwrap()
        .fee(zat(10_000));
    let last = b
        .clone()
        .change_position(ChangePosition::Last)
        .build()
        .unwrap();
    assert_eq!(last.change_index, Some(2));
    let first = b
        .clone()
        .change_position(ChangePosition::At(0))
        .build()
        .unwrap();
    assert_eq!(first.change_index, Some(0));
    assert_eq!(standard(&first.tx).outputs[0].value, 59_990_000);
    let e = b
        .change_position(ChangePosition::At(3))
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), "change_position");
}

#[test]
fn keys_and_addresses_of_another_network_are_refused() {
    let testnet_key = key(1, Network::Test);
    let input = Input::p2pkh(outpoint(1, 0), Amount::ONE_FLUX, testnet_key.clone());
    let e = TxBuilder::new(Network::Main)
        .input(input.clone())
        .unwrap_err();
    assert_eq!(e.kind(), "wrong_network");
    // Testnet and regtest share their prefixes, as in fluxd.
    assert!(TxBuilder::new(Network::Regtest).input(input).is_ok());
    // A mainnet WIF in a testnet build.
    let main_key = key(1, Network::Main);
    let e = TxBuilder::new(Network::Test)
        .input(Input::p2pkh(outpoint(1, 0), Amount::ONE_FLUX, main_key))
        .unwrap_err();
    assert_eq!(e.kind(), "wrong_network");
    // Addresses: a testnet address paid or used for change by a mainnet transaction.
    let t_addr: Address = Address::p2pkh(&testnet_key.public_key(), Network::Test)
        .to_string()
        .parse()
        .unwrap();
    let (b, _, _) = payment();
    assert_eq!(
        b.clone().pay(&t_addr, Amount::ONE_FLUX).unwrap_err().kind(),
        "wrong_network"
    );
    assert_eq!(b.change_to(&t_addr).unwrap_err().kind(), "wrong_network");
}

#[test]
fn a_key_must_fit_its_coin() {
    let coin = SpentOutput {
        script_pubkey: ScriptBuf::p2pkh(&[9; 20]),
        amount: Amount::ONE_FLUX,
    };
    let e = TxBuilder::new(Network::Main)
        .input(Input::spending(outpoint(1, 0), coin).key(key(1, Network::Main)))
        .unwrap_err();
    assert_eq!(e.kind(), "key_not_for_script");
    let e = TxBuilder::new(Network::Main)
        .input(
            Input::p2pkh(outpoint(1, 0), Amount::ONE_FLUX, key(1, Network::Main))
                .sighash(SighashType::from_consensus(0x04)),
        )
        .unwrap_err();
    assert_eq!(e.kind(), "non_standard_sighash");
}

#[test]
fn dust_and_op_return_policy_follow_fluxd() {
    // P2PKH dust threshold at 100 zat/kB: 3 * (34 + 148) * 100 / 1000 = 54.
    let (b, _, _) = payment();
    let to = Address::p2pkh(&key(3, Network::Main).public_key(), Network::Main);
    let e = b.clone().pay(&to, zat(53)).unwrap().build().unwrap_err();
    assert_eq!(e.kind(), "dust");
    assert!(b.clone().pay(&to, zat(54)).unwrap().build().is_ok());
    // Consensus only: the builder writes what it is asked for.
    assert!(b
        .clone()
        .pay(&to, zat(1))
        .unwrap()
        .policy(Policy::ConsensusOnly)
        .build()
        .is_ok());
    // 80 bytes of data relay; 81 do not; nor do two OP_RETURN outputs.
    assert!(b.clone().op_return(&[7; 80]).build().is_ok());
    let e = b.clone().op_return(&[7; 81]).build().unwrap_err();
    assert_eq!(e.kind(), "op_return_too_large");
    let e = b
        .clone()
        .op_return(b"a")
        .op_return(b"b")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), "multiple_op_return");
    let e = b
        .pay_to_script(ScriptBuf::from_bytes(vec![0x51]), zat(1_000))
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), "non_standard_output");
}

#[test]
fn dust_change_goes_to_the_fee() {
    let (b, _, me) = payment();
    // Inputs 1 FLUX, outputs 0.4 FLUX, fee leaves 50 zatoshis of change: dust.
    let built = b
        .change_to(&me)
        .unwrap()
        .fee(zat(100_000_000 - 40_000_000 - 50))
        .build()
        .unwrap();
    assert_eq!(built.change_index, None);
    assert_eq!(standard(&built.tx).outputs.len(), 1);
    assert_eq!(built.fee, Some(zat(60_000_000)));
}

#[test]
fn fees_add_up_or_are_refused() {
    let (b, _, me) = payment();
    assert_eq!(
        b.clone()
            .change_to(&me)
            .unwrap()
            .build()
            .unwrap_err()
            .kind(),
        "fee_required"
    );
    // Without change the difference must be the fee exactly.
    assert_eq!(
        b.clone().fee(zat(10_000)).build().unwrap_err().kind(),
        "fee_mismatch"
    );
    assert!(b.clone().fee(zat(60_000_000)).build().is_ok());
    let e = b
        .change_to(&me)
        .unwrap()
        .fee(zat(60_000_001))
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), "insufficient_funds");
}

#[test]
fn fee_rate_is_applied_to_the_signed_size_as_fluxd_counts() {
    let (b, _, me) = payment();
    let rate = FeeRate::per_kb(zat(10_000));
    let built = b.change_to(&me).unwrap().fee_rate(rate).build().unwrap();
    let size = built.tx.to_bytes().len();
    let fee = built.fee.unwrap();
    // The fee is for the size with the largest signatures: at least the rate on the real
    // size, and at most one byte per input more.
    assert!(fee >= rate.fee_for(size), "{fee:?} for {size} bytes");
    assert!(fee <= rate.fee_for(size + 1));
    // Two inputs, three outputs.
    let k = key(1, Network::Main);
    let to = Address::p2pkh(&key(2, Network::Main).public_key(), Network::Main);
    let built = TxBuilder::new(Network::Main)
        .input(Input::p2pkh(outpoint(1, 0), Amount::ONE_FLUX, k.clone()))
        .unwrap()
        .input(Input::p2pkh(outpoint(2, 1), Amount::ONE_FLUX, k))
        .unwrap()
        .pay(&to, zat(1_000_000))
        .unwrap()
        .pay(&to, zat(2_000_000))
        .unwrap()
        .change_to(&me)
        .unwrap()
        .fee_rate(rate)
        .build()
        .unwrap();
    let size = built.tx.to_bytes().len();
    let fee = built.fee.unwrap();
    assert!(fee >= rate.fee_for(size) && fee <= rate.fee_for(size + 2));
}

#[test]
fn partial_multisig_signs_with_the_keys_held_and_combines() {
    let keys = [
        key(0x11, Network::Main),
        key(0x22, Network::Main),
        key(0x33, Network::Main),
    ];
    let pubs: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let refs: Vec<&[u8]> = pubs.iter().map(Vec::as_slice).collect();
    let redeem = ScriptBuf::multisig(2, &refs).unwrap();
    let to = Address::p2pkh(&key(0x55, Network::Main).public_key(), Network::Main);
    let copy = |signer: usize| {
        TxBuilder::new(Network::Main)
            .input(
                Input::p2sh_multisig(outpoint(0xaa, 1), Amount::ONE_FLUX, redeem.clone())
                    .key(keys[signer].clone()),
            )
            .unwrap()
            .pay(&to, zat(99_990_000))
            .unwrap()
            .fee(zat(10_000))
            .build()
            .unwrap()
    };
    let (a, c) = (copy(0), copy(2));
    assert!(!a.complete && !c.complete);
    let (a, c) = (standard(&a.tx).clone(), standard(&c.tx).clone());
    let branch = flux_primitives::network::upgrade::FLUX_BRANCH_ID;
    let (combined, complete) = combine_multisig(
        &[a, c],
        &[Some(redeem.as_bytes().to_vec())],
        &[Amount::ONE_FLUX],
        branch,
    )
    .unwrap();
    assert!(complete);
    let spent = [SpentOutput {
        script_pubkey: ScriptBuf::p2sh(&hash160(redeem.as_bytes())),
        amount: Amount::ONE_FLUX,
    }];
    assert_eq!(
        verify_inputs(&combined, &spent, branch).unwrap(),
        vec![Ok(InputKind::ScriptHashMultisig {
            required: 2,
            keys: 3
        })]
    );
    // Keys given in any order sign in the redeem script's order: the same bytes as the
    // combination.
    let both = TxBuilder::new(Network::Main)
        .input(
            Input::p2sh_multisig(outpoint(0xaa, 1), Amount::ONE_FLUX, redeem.clone())
                .key(keys[2].clone())
                .key(keys[0].clone()),
        )
        .unwrap()
        .pay(&to, zat(99_990_000))
        .unwrap()
        .fee(zat(10_000))
        .build()
        .unwrap();
    assert!(both.complete);
    assert_eq!(standard(&both.tx), &combined);
    // A stranger's key, or a key twice, is refused.
    let stranger = Input::p2sh_multisig(outpoint(0xaa, 1), Amount::ONE_FLUX, redeem.clone())
        .key(key(0x44, Network::Main));
    assert_eq!(
        TxBuilder::new(Network::Main)
            .input(stranger)
            .unwrap_err()
            .kind(),
        "key_not_in_redeem_script"
    );
    let twice = Input::p2sh_multisig(outpoint(0xaa, 1), Amount::ONE_FLUX, redeem)
        .key(keys[1].clone())
        .key(keys[1].clone());
    assert_eq!(
        TxBuilder::new(Network::Main)
            .input(twice)
            .unwrap_err()
            .kind(),
        "duplicate_key"
    );
}

#[test]
fn outputs_beyond_the_inputs_need_an_explicit_opt_in() {
    // A seller signs one input ALL|ANYONECANPAY for an output worth more than it: a buyer
    // adds the inputs that pay for the rest.
    let k = key(1, Network::Main);
    let to = Address::p2pkh(&key(2, Network::Main).public_key(), Network::Main);
    let b = TxBuilder::new(Network::Main)
        .input(
            Input::p2pkh(outpoint(1, 0), Amount::ONE_FLUX, k)
                .sighash(SighashType::ALL_ANYONECANPAY),
        )
        .unwrap()
        .pay(&to, zat(300_000_000))
        .unwrap();
    assert_eq!(b.clone().build().unwrap_err().kind(), "insufficient_funds");
    let built = b.allow_unbalanced().build().unwrap();
    assert!(built.complete);
    assert_eq!(built.fee, None);
}

/// `build_from_spec`'s optional `change_position`: absent, the change stays last (the
/// spec's outputs are unchanged); `"before_op_return"` puts it before the memo as the typed
/// builder's default does; an index puts it there; other values are typed spec errors.
#[test]
fn spec_change_position_places_the_change() {
    use flux_tx::error::SpecProblem;
    let k = key(0x21, Network::Main);
    let to = Address::p2pkh(&key(0x22, Network::Main).public_key(), Network::Main);
    let me = Address::p2pkh(&k.public_key(), Network::Main);
    let spec = |position: Option<serde_json::Value>| {
        let mut s = serde_json::json!({
            "network": "main", "height": 2_100_001,
            "inputs": [{"txid": "11".repeat(32), "vout": 0, "amount": 100_000_000, "wif": k.to_wif()}],
            "outputs": [{"address": to.to_string(), "amount": 50_000_000}, {"data": "6d656d6f"}],
            "fee": 10_000, "change_address": me.to_string(),
        });
        if let Some(p) = position {
            s["change_position"] = p;
        }
        s
    };
    let change_at = |s: serde_json::Value| {
        let built = flux_tx::builder::build_from_spec(&s).unwrap();
        let tx = standard(&built.tx).clone();
        let at = built.change_index.unwrap();
        assert_eq!(tx.outputs[at].value, 49_990_000);
        assert_eq!(tx.outputs[at].script_pubkey, me.script_pubkey().unwrap());
        (at, tx)
    };
    // Default: last, as the spec has always been read.
    let (at, default) = change_at(spec(None));
    assert_eq!(at, 2);
    let (at, last) = change_at(spec(Some("last".into())));
    assert_eq!((at, &last), (2, &default));
    // Before the OP_RETURN, which stays the last output.
    let (at, before) = change_at(spec(Some("before_op_return".into())));
    assert_eq!(at, 1);
    assert_eq!(before.outputs[2].script_pubkey.as_bytes()[0], 0x6a);
    let (at, _) = change_at(spec(Some(0.into())));
    assert_eq!(at, 0);
    // The same transaction as the typed builder's default.
    let typed = TxBuilder::new(Network::Main)
        .policy(Policy::ConsensusOnly)
        .height(2_100_001)
        .input(Input::p2pkh(outpoint(0x11, 0), Amount::ONE_FLUX, k.clone()))
        .unwrap()
        .pay(&to, zat(50_000_000))
        .unwrap()
        .op_return(b"memo")
        .change_to(&me)
        .unwrap()
        .fee(zat(10_000))
        .build()
        .unwrap();
    assert_eq!(standard(&typed.tx), &before);

    let problem = |s: serde_json::Value| match flux_tx::builder::build_from_spec(&s).unwrap_err() {
        flux_tx::Error::Spec { field, problem } => {
            assert_eq!(field, "change_position");
            problem
        }
        e => panic!("{e:?}"),
    };
    assert!(matches!(
        problem(spec(Some("first".into()))),
        SpecProblem::NotOneOf { .. }
    ));
    let mut no_change = spec(Some("last".into()));
    no_change.as_object_mut().unwrap().remove("change_address");
    assert_eq!(
        problem(no_change),
        SpecProblem::OnlyWith {
            other: "change_address"
        }
    );
    let past = flux_tx::builder::build_from_spec(&spec(Some(3.into()))).unwrap_err();
    assert_eq!(past.kind(), "change_position");
}
