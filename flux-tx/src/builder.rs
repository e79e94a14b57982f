//! Building and signing v4 (Sapling-format, transparent) transactions from a JSON
//! specification (`flux tx build`).
//!
//! Spec: `network`; optional `version` (4), `locktime`, `expiry_height`, `branch_id`
//! (default: the branch id of the network's latest upgrade), `height` (then branch id and
//! a default expiry of height + 20 come from the upgrade table), `fee` + `change_address`;
//! `inputs`: `txid`, `vout`, `amount` (zatoshis), `sequence`, `sighash`, and either `wif`
//! (P2PKH of that key unless `script_pubkey` is given) or `redeem_script` + `wifs`
//! (multisig, in order); inputs without keys stay unsigned; `outputs`: `address` +
//! `amount`, `script` (hex) + `amount`, or `data` (hex, OP_RETURN).

use flux_primitives::address::{Address, AddressKind};
use flux_primitives::hash::hash160;
use flux_primitives::network::upgrade::Upgrade;
use flux_primitives::script::classify::{multisig_keys, p2pk_key};
use flux_primitives::script::{Builder, Opcode};
use flux_primitives::{Amount, BranchId, Network, PrivateKey, ScriptBuf};
use serde_json::Value;

use crate::sighash::{SighashCache, SighashType};
use crate::sign::{p2pkh_script_sig, p2sh_multisig_script_sig, sign_input};
use crate::spec::Fields;
use crate::transaction::{StandardTx, TxFormat};
use crate::transparent::{OutPoint, TxIn, TxOut};
use crate::Error;

/// fluxd's MAX_MONEY in zatoshis (440 million FLUX), the largest amount a field may hold.
const MAX_MONEY: u64 = flux_primitives::amount::MAX_MONEY as u64;
/// fluxd's default expiry delta.
const DEFAULT_EXPIRY_DELTA: u32 = 20;

/// A built transaction.
#[derive(Debug, Clone)]
pub struct Built {
    /// The transaction (v4).
    pub tx: crate::Transaction,
    /// True when every input carries enough signatures.
    pub complete: bool,
}

/// The scriptPubKey of a transparent (P2PKH or P2SH) address of `network`.
pub fn address_script(network: Network, address: &str) -> Result<ScriptBuf, Error> {
    let addr = Address::from_str_for_network(address.trim(), network)?;
    match addr.kind() {
        AddressKind::P2pkh | AddressKind::P2sh => addr
            .script_pubkey()
            .ok_or_else(|| Error::spec("address", "transparent address without a script")),
        other => Err(Error::spec(
            "address",
            format!("a {other} address is not a {network} transparent address"),
        )),
    }
}

/// How an input is to be signed.
enum InputKeys {
    None,
    Single {
        key: PrivateKey,
        /// The key's public key as serialized in the scriptSig.
        pubkey: Vec<u8>,
        script_code: Vec<u8>,
    },
    Multisig {
        redeem: Vec<u8>,
        m: usize,
        keys: Vec<PrivateKey>,
    },
}

/// Builds and signs a transaction from its JSON specification.
pub fn build_from_spec(spec: &Value) -> Result<Built, Error> {
    let f = Fields::new(spec, "")?;
    f.only(&[
        "network",
        "version",
        "locktime",
        "expiry_height",
        "branch_id",
        "height",
        "inputs",
        "outputs",
        "fee",
        "change_address",
    ])?;
    let network = f.network()?;
    let version = f.opt_u64("version", 0x7fff_ffff)?.unwrap_or(4);
    if version != 4 {
        return Err(Error::spec(
            "version",
            format!("only 4 is supported, got {version}"),
        ));
    }
    let height = f.opt_u64("height", u64::from(u32::MAX))?.map(|h| h as u32);
    let branch_id = match (f.opt_u64("branch_id", u64::from(u32::MAX))?, height) {
        (Some(b), _) => BranchId::from_consensus(b as u32),
        (None, Some(h)) => Upgrade::branch_id_at(network, h),
        (None, None) => latest_branch_id(network),
    };
    let mut tx = StandardTx::new(TxFormat::Sapling);
    tx.lock_time = f.opt_u64("locktime", u64::from(u32::MAX))?.unwrap_or(0) as u32;
    tx.expiry_height = match f.opt_u64("expiry_height", 499_999_999)? {
        Some(e) => e as u32,
        None => height.map_or(0, |h| h.saturating_add(DEFAULT_EXPIRY_DELTA)),
    };

    let inputs = f
        .req("inputs")?
        .as_array()
        .ok_or_else(|| Error::spec("inputs", "must be an array"))?;
    let mut plans = Vec::with_capacity(inputs.len());
    let mut total_in: u64 = 0;
    for (i, v) in inputs.iter().enumerate() {
        let p = format!("inputs[{i}]");
        let x = Fields::new(v, &p)?;
        x.only(&[
            "txid",
            "vout",
            "amount",
            "sequence",
            "sighash",
            "wif",
            "script_pubkey",
            "redeem_script",
            "wifs",
        ])?;
        let prevout = OutPoint::new(x.txid("txid")?, x.u64("vout", u64::from(u32::MAX))? as u32);
        let amount = x.u64("amount", MAX_MONEY)?;
        total_in = total_in.saturating_add(amount);
        let sequence = x
            .opt_u64("sequence", u64::from(u32::MAX))?
            .unwrap_or(u64::from(u32::MAX)) as u32;
        let hash_type = match x.opt_str("sighash")? {
            None => SighashType::ALL,
            Some(s) => s
                .parse::<SighashType>()
                .ok()
                .filter(|t| t.is_standard())
                .ok_or_else(|| {
                    Error::spec(
                        x.name("sighash"),
                        format!("{s:?} is not ALL, NONE, SINGLE (|ANYONECANPAY)"),
                    )
                })?,
        };
        let keys = match (x.opt_wif("wif")?, x.opt_hex("redeem_script")?) {
            (Some(_), Some(_)) => {
                return Err(Error::spec(
                    x.name("wif"),
                    "contradicts redeem_script (use wifs)",
                ))
            }
            (Some(key), None) => {
                if x.has("wifs") {
                    return Err(Error::spec(x.name("wifs"), "only with redeem_script"));
                }
                // Created once (an EC multiplication); the scriptSig reuses it.
                let pubkey = key.public_key().to_bytes();
                let script_code = match x.opt_hex("script_pubkey")? {
                    Some(s) => {
                        let sb = ScriptBuf::from_bytes(s.clone());
                        let ok = sb.p2pkh_hash() == Some(hash160(&pubkey))
                            || p2pk_key(&s).as_ref() == Some(&pubkey);
                        if !ok {
                            return Err(Error::spec(
                                x.name("script_pubkey"),
                                "is not P2PKH or P2PK of the wif's key",
                            ));
                        }
                        s
                    }
                    None => ScriptBuf::p2pkh(&hash160(&pubkey)).into_bytes(),
                };
                InputKeys::Single {
                    key,
                    pubkey,
                    script_code,
                }
            }
            (None, Some(redeem)) => {
                let (m, pubkeys) = multisig_keys(&redeem).ok_or_else(|| {
                    Error::spec(x.name("redeem_script"), "not a standard multisig script")
                })?;
                let wifs = x
                    .req("wifs")?
                    .as_array()
                    .ok_or_else(|| Error::spec(x.name("wifs"), "must be an array"))?;
                let mut keys = Vec::new();
                for (k, w) in wifs.iter().enumerate() {
                    let name = format!("{p}.wifs[{k}]");
                    let key = w
                        .as_str()
                        .ok_or_else(|| Error::spec(&name, "must be a string"))
                        .and_then(|s| {
                            PrivateKey::from_wif(s).map_err(|e| Error::spec(&name, e.to_string()))
                        })?;
                    let position = pubkeys
                        .iter()
                        .position(|p| *p == key.public_key().to_bytes())
                        .ok_or_else(|| Error::spec(&name, "key is not in the redeem script"))?;
                    if keys.iter().any(|(at, _)| *at == position) {
                        return Err(Error::spec(&name, "the same key is given twice"));
                    }
                    keys.push((position, key));
                }
                // CHECKMULTISIG matches signatures to keys in the redeem script's order,
                // whatever order the wifs were given in.
                keys.sort_by_key(|(at, _)| *at);
                let keys: Vec<PrivateKey> = keys.into_iter().map(|(_, k)| k).collect();
                if let Some(s) = x.opt_hex("script_pubkey")? {
                    if s != ScriptBuf::p2sh(&hash160(&redeem)).into_bytes() {
                        return Err(Error::spec(
                            x.name("script_pubkey"),
                            "is not the P2SH of redeem_script",
                        ));
                    }
                }
                InputKeys::Multisig { redeem, m, keys }
            }
            (None, None) => {
                if x.has("wifs") {
                    return Err(Error::spec(
                        x.name("redeem_script"),
                        "is required with wifs",
                    ));
                }
                InputKeys::None
            }
        };
        tx.inputs.push(TxIn {
            prevout,
            script_sig: ScriptBuf::new(),
            sequence,
        });
        // `amount` is at most MAX_MONEY, so it is an Amount.
        plans.push((Amount::from_zat(amount as i64)?, hash_type, keys));
    }

    let outputs = f
        .req("outputs")?
        .as_array()
        .ok_or_else(|| Error::spec("outputs", "must be an array"))?;
    let mut total_out: u64 = 0;
    for (i, v) in outputs.iter().enumerate() {
        let p = format!("outputs[{i}]");
        let x = Fields::new(v, &p)?;
        x.only(&["address", "script", "data", "amount"])?;
        let given = ["address", "script", "data"]
            .iter()
            .filter(|k| x.has(k))
            .count();
        if given != 1 {
            return Err(Error::spec(&p, "give exactly one of address, script, data"));
        }
        let (script, amount) = if let Some(a) = x.opt_str("address")? {
            let s = address_script(network, a)
                .map_err(|e| Error::spec(x.name("address"), e.to_string()))?;
            (s, x.u64("amount", MAX_MONEY)?)
        } else if let Some(s) = x.opt_hex("script")? {
            (ScriptBuf::from_bytes(s), x.u64("amount", MAX_MONEY)?)
        } else {
            let data = x.hex("data")?;
            // `CScript() << OP_RETURN << data`, with no 80-byte relay limit: the builder
            // writes what it is asked for; relay policy is the node's business.
            let s = Builder::new()
                .push_opcode(Opcode::OP_RETURN)
                .push_slice_plain(&data)
                .into_script();
            (s, x.opt_u64("amount", MAX_MONEY)?.unwrap_or(0))
        };
        total_out = total_out.saturating_add(amount);
        tx.outputs.push(TxOut {
            value: amount as i64,
            script_pubkey: script,
        });
    }
    match (f.opt_u64("fee", MAX_MONEY)?, f.opt_str("change_address")?) {
        (Some(fee), Some(addr)) => {
            let spend = total_out.saturating_add(fee);
            let change = total_in.checked_sub(spend).ok_or_else(|| {
                Error::spec(
                    "fee",
                    format!("inputs {total_in} cannot pay outputs {total_out} + fee {fee}"),
                )
            })?;
            if change > 0 {
                let s = address_script(network, addr)
                    .map_err(|e| Error::spec("change_address", e.to_string()))?;
                tx.outputs.push(TxOut {
                    value: change as i64,
                    script_pubkey: s,
                });
            }
        }
        (None, Some(_)) => return Err(Error::spec("fee", "is required with change_address")),
        (Some(fee), None) => {
            if total_out.saturating_add(fee) != total_in
                && plans.iter().all(|p| !matches!(p.2, InputKeys::None))
            {
                return Err(Error::spec(
                    "fee",
                    format!("inputs {total_in} minus outputs {total_out} is not the fee {fee}; give change_address"),
                ));
            }
        }
        (None, None) => {
            if total_out > total_in {
                return Err(Error::spec(
                    "outputs",
                    format!("outputs {total_out} exceed inputs {total_in}"),
                ));
            }
        }
    }

    // Sign with one cache: every sighash reuses the transaction digests.
    let unsigned = tx.clone();
    let cache = SighashCache::new(&unsigned);
    let mut complete = true;
    for (i, (amount, hash_type, keys)) in plans.iter().enumerate() {
        let script_sig = match keys {
            InputKeys::None => {
                complete = false;
                continue;
            }
            InputKeys::Single {
                key,
                pubkey,
                script_code,
            } => {
                let sig = sign_input(&cache, i, script_code, *amount, *hash_type, branch_id, key)?;
                if p2pk_key(script_code).is_some() {
                    Builder::new()
                        .push_slice_plain(&sig)
                        .into_script()
                        .into_bytes()
                } else {
                    p2pkh_script_sig(&sig, pubkey)
                }
            }
            InputKeys::Multisig { redeem, m, keys } => {
                let mut sigs = Vec::new();
                for k in keys {
                    sigs.push(sign_input(
                        &cache, i, redeem, *amount, *hash_type, branch_id, k,
                    )?);
                }
                complete &= sigs.len() >= *m;
                p2sh_multisig_script_sig(&sigs, redeem)
            }
        };
        if let Some(input) = tx.inputs.get_mut(i) {
            input.script_sig = ScriptBuf::from_bytes(script_sig);
        }
    }
    Ok(Built {
        tx: crate::Transaction::Standard(tx),
        complete,
    })
}

/// The branch id of the latest upgrade scheduled on `network` (Flux's shared id when none
/// activates, as on regtest without `-nuparams`).
fn latest_branch_id(network: Network) -> BranchId {
    Upgrade::ALL
        .iter()
        .rev()
        .find(|u| u.activation_height(network).is_some() && **u != Upgrade::Base)
        .map_or(flux_primitives::network::upgrade::FLUX_BRANCH_ID, |u| {
            u.branch_id()
        })
}
