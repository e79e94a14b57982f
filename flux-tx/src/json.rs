//! fluxd's `decoderawtransaction` JSON (spec 12.5, `TxToJSON`): same field names, order and
//! formats. Amounts are JSON numbers written as fluxd's `ValueFromAmount` writes them, with
//! exactly eight decimals (`"value": 1.50000000`), beside exact integer zatoshis
//! (`valueZat`). The text survives inside [`serde_json::Value`] because the workspace enables
//! serde_json's `arbitrary_precision` feature.

use base64::Engine;
use flux_primitives::address::{Address, Payload};
use flux_primitives::script::asm::{to_asm, to_asm_sig};
use flux_primitives::script::classify::{classify, rpc_type};
use flux_primitives::script::Destination;
use flux_primitives::{Network, SignedAmount};
use serde_json::{json, Map, Number, Value};

use crate::fluxnode::{CollateralOwner, FluxnodeTx, FLUX_TX_DELEGATES_BIT};
use crate::shielded::JoinSplit;
use crate::transaction::{StandardTx, Transaction};
use crate::transparent::OutPoint;

/// fluxd's `ValueFromAmount`: a JSON number with exactly eight decimals (`-0.00000001`,
/// `12500.00000000`), never rounded through `f64`.
pub fn value_from_amount(zat: i64) -> Value {
    let text = SignedAmount::from_zat(zat).to_string();
    // Always a valid JSON number; `Null` could only come from a serde_json built without
    // arbitrary_precision (then the text would not be kept anyway).
    serde_json::from_str::<Number>(&text).map_or(Value::Null, Value::Number)
}

/// The address fluxd's `EncodeDestination` shows for a destination on `network`.
fn address_of(d: Destination, network: Network) -> String {
    let payload = match d {
        Destination::KeyHash(h) => Payload::P2pkh(h),
        Destination::ScriptHash(h) => Payload::P2sh(h),
    };
    Address::new(network, payload).to_string()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn rev_hex(b: &[u8; 32]) -> String {
    let mut r = *b;
    r.reverse();
    hex::encode(r)
}

fn tier_name(tier: i8) -> String {
    match tier {
        1 => "CUMULUS".into(),
        2 => "NIMBUS".into(),
        3 => "STRATUS".into(),
        0 => "NONE".into(),
        t => format!("UNKNOWN TIER ({t})"),
    }
}

fn outpoint_short(o: &OutPoint) -> String {
    let t = o.txid.to_string();
    format!("COutPoint({}, {})", t.get(..10).unwrap_or_default(), o.vout)
}

/// The decoded transaction as fluxd's `decoderawtransaction` shows it, for `network`'s
/// address prefixes.
pub fn to_json(tx: &Transaction, network: Network) -> Value {
    let mut e = Map::new();
    e.insert("txid".into(), json!(tx.txid().to_string()));
    e.insert("version".into(), json!(tx.version()));
    match tx {
        Transaction::Standard(t) => standard(&mut e, t, network),
        Transaction::Fluxnode(f) => fluxnode(&mut e, f),
    }
    Value::Object(e)
}

fn fluxnode(e: &mut Map<String, Value>, f: &FluxnodeTx) {
    let empty = OutPoint::default();
    let collateral = f.collateral().unwrap_or(empty);
    let (kind, sig, ip) = match f {
        FluxnodeTx::Start(s) => (
            "Starting a fluxnode",
            s.body.as_ref().map(|b| b.sig.clone()).unwrap_or_default(),
            String::new(),
        ),
        FluxnodeTx::Confirm(c) => ("Confirming a fluxnode", c.sig.clone(), c.ip_str()),
    };
    e.insert("type".into(), json!(kind));
    e.insert(
        "collateral_output".into(),
        json!(outpoint_short(&collateral)),
    );
    e.insert(
        "collateral".into(),
        json!(format!(
            "COutPoint({}, {})",
            collateral.txid, collateral.vout
        )),
    );
    e.insert("txhash".into(), json!(collateral.txid.to_string()));
    e.insert("outidx".into(), json!(collateral.vout.to_string()));
    e.insert("sigtime".into(), json!(f.sig_time().unwrap_or(0)));
    e.insert("sig".into(), json!(b64(&sig)));
    e.insert("ip".into(), json!(ip));
    match f {
        FluxnodeTx::Start(s) => {
            let collateral_pubkey = s.body.as_ref().and_then(|b| match &b.owner {
                CollateralOwner::PubKey(k) => Some(k.fluxd_bytes()),
                CollateralOwner::P2sh(_) => None,
            });
            match s.flux_tx_version {
                Some(v) => {
                    e.insert("fluxnode_upgraded_tx_version".into(), json!(v));
                    let conflicting = v & 3 == 3;
                    let normal = !conflicting && (v == 1 || v & 1 != 0);
                    let p2sh = !conflicting && (v == 2 || v & 2 != 0);
                    if normal {
                        e.insert(
                            "collateral_pubkey".into(),
                            json!(b64(&collateral_pubkey.clone().unwrap_or_default())),
                        );
                    }
                    if p2sh {
                        let script = s.body.as_ref().and_then(|b| match &b.owner {
                            CollateralOwner::P2sh(r) => Some(r.as_bytes().to_vec()),
                            CollateralOwner::PubKey(_) => None,
                        });
                        e.insert(
                            "redeemscript".into(),
                            json!(to_asm(&script.unwrap_or_default())),
                        );
                    }
                    if v & FLUX_TX_DELEGATES_BIT != 0 {
                        if let Some(d) = s.delegate_data() {
                            e.insert("using_delegates".into(), json!(true));
                            e.insert(
                                "delegate_data".into(),
                                json!({
                                    "version": d.version,
                                    "type": d.kind,
                                    "keys": d.keys.iter().map(|k| b64(&k.fluxd_bytes())).collect::<Vec<_>>(),
                                }),
                            );
                        }
                    }
                }
                None => {
                    e.insert(
                        "collateral_pubkey".into(),
                        json!(b64(&collateral_pubkey.unwrap_or_default())),
                    );
                }
            }
            let node = s
                .body
                .as_ref()
                .map(|b| b.node_pubkey.fluxd_bytes())
                .unwrap_or_default();
            e.insert("zelnode_pubkey".into(), json!(b64(&node)));
        }
        FluxnodeTx::Confirm(c) => {
            e.insert("update_type".into(), json!(c.update_type));
            e.insert("benchmark_tier".into(), json!(tier_name(c.benchmark_tier)));
            e.insert("benchmark_sigtime".into(), json!(c.benchmark_sig_time));
            e.insert("benchmark_sig".into(), json!(b64(&c.benchmark_sig)));
        }
    }
}

fn join_split(j: &JoinSplit) -> Value {
    json!({
        "vpub_old": value_from_amount(j.vpub_old),
        "vpub_oldZat": j.vpub_old,
        "vpub_new": value_from_amount(j.vpub_new),
        "vpub_newZat": j.vpub_new,
        "anchor": rev_hex(&j.anchor),
        "nullifiers": j.nullifiers.iter().map(rev_hex).collect::<Vec<_>>(),
        "commitments": j.commitments.iter().map(rev_hex).collect::<Vec<_>>(),
        "onetimePubKey": rev_hex(&j.ephemeral_key),
        "randomSeed": rev_hex(&j.random_seed),
        "macs": j.macs.iter().map(rev_hex).collect::<Vec<_>>(),
        "proof": hex::encode(j.proof.as_bytes()),
        "ciphertexts": j.ciphertexts.iter().map(|c| hex::encode(&c[..])).collect::<Vec<_>>(),
    })
}

fn standard(e: &mut Map<String, Value>, t: &StandardTx, network: Network) {
    let ow = t.format.is_overwintered();
    e.insert("overwintered".into(), json!(ow));
    if ow {
        e.insert(
            "versiongroupid".into(),
            json!(format!("{:08x}", t.format.version_group_id())),
        );
    }
    e.insert("locktime".into(), json!(t.lock_time));
    if ow {
        e.insert("expiryheight".into(), json!(t.expiry_height));
    }
    let coinbase = t.is_coinbase();
    let vin: Vec<Value> = t
        .inputs
        .iter()
        .map(|i| {
            let mut m = Map::new();
            if coinbase {
                m.insert(
                    "coinbase".into(),
                    json!(hex::encode(i.script_sig.as_bytes())),
                );
            } else {
                m.insert("txid".into(), json!(i.prevout.txid.to_string()));
                m.insert("vout".into(), json!(i.prevout.vout));
                m.insert(
                    "scriptSig".into(),
                    json!({
                        "asm": to_asm_sig(i.script_sig.as_bytes()),
                        "hex": hex::encode(i.script_sig.as_bytes()),
                    }),
                );
            }
            m.insert("sequence".into(), json!(i.sequence));
            Value::Object(m)
        })
        .collect();
    e.insert("vin".into(), Value::Array(vin));
    let vout: Vec<Value> = t
        .outputs
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let s = o.script_pubkey.as_bytes();
            let class = classify(s);
            let mut spk = Map::new();
            spk.insert("asm".into(), json!(to_asm(s)));
            spk.insert("hex".into(), json!(hex::encode(s)));
            let req_sigs = class.req_sigs();
            if let Some(r) = req_sigs {
                spk.insert("reqSigs".into(), json!(r));
            }
            spk.insert("type".into(), json!(rpc_type(s)));
            if req_sigs.is_some() {
                let addresses: Vec<String> = class
                    .destinations()
                    .into_iter()
                    .map(|d| address_of(d, network))
                    .collect();
                spk.insert("addresses".into(), json!(addresses));
            }
            json!({
                "value": value_from_amount(o.value),
                "valueZat": o.value,
                "valueSat": o.value,
                "n": n,
                "scriptPubKey": Value::Object(spk),
            })
        })
        .collect();
    e.insert("vout".into(), Value::Array(vout));
    e.insert(
        "vJoinSplit".into(),
        Value::Array(t.join_splits.iter().map(join_split).collect()),
    );
    if t.format == crate::TxFormat::Sapling {
        e.insert("valueBalance".into(), value_from_amount(t.value_balance));
        e.insert("valueBalanceZat".into(), json!(t.value_balance));
        let spends: Vec<Value> = t
            .shielded_spends
            .iter()
            .map(|s| {
                json!({
                    "cv": rev_hex(&s.cv), "anchor": rev_hex(&s.anchor),
                    "nullifier": rev_hex(&s.nullifier), "rk": rev_hex(&s.rk),
                    "proof": hex::encode(s.zkproof), "spendAuthSig": hex::encode(s.spend_auth_sig),
                })
            })
            .collect();
        let outs: Vec<Value> = t
            .shielded_outputs
            .iter()
            .map(|o| {
                json!({
                    "cv": rev_hex(&o.cv), "cmu": rev_hex(&o.cmu),
                    "ephemeralKey": rev_hex(&o.ephemeral_key),
                    "encCiphertext": hex::encode(o.enc_ciphertext),
                    "outCiphertext": hex::encode(o.out_ciphertext),
                    "proof": hex::encode(o.zkproof),
                })
            })
            .collect();
        e.insert("vShieldedSpend".into(), Value::Array(spends));
        e.insert("vShieldedOutput".into(), Value::Array(outs));
        if t.has_sapling_parts() {
            e.insert("bindingSig".into(), json!(hex::encode(t.binding_sig)));
        }
    }
}
