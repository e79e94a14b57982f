//! The JSON adapter of `flux tx build`.

use flux_primitives::{Address, Amount, BranchId, Network, PrivateKey, ScriptBuf};
use serde_json::Value;

use super::{Built, ChangePosition, Input, Policy, TxBuilder, TX_EXPIRY_HEIGHT_THRESHOLD};
use crate::error::SpecProblem;
use crate::sighash::SighashType;
use crate::sign::SpentOutput;
use crate::spec::Fields;
use crate::transparent::OutPoint;
use crate::Error;

/// fluxd's MAX_MONEY in zatoshis (440 million FLUX), the largest amount a field may hold.
const MAX_MONEY: u64 = flux_primitives::amount::MAX_MONEY as u64;

/// Builds and signs a transaction from its JSON specification (`flux tx build`): a thin
/// adapter over [`TxBuilder`] with [`Policy::ConsensusOnly`] and change last, as the spec
/// has always been read.
///
/// Spec: `network`; optional `version` (4), `locktime`, `expiry_height`, `branch_id`
/// (default: the branch id of the network's latest upgrade), `height` (then branch id and
/// a default expiry of height + 20 come from the upgrade table), `fee` + `change_address`;
/// `change_position` (with `change_address`: `"last"`, the default here, `"before_op_return"`
/// as the typed builder's default, or an output index);
/// `inputs`: `txid`, `vout`, `amount` (zatoshis), `sequence`, `sighash`, and either `wif`
/// (P2PKH of that key unless `script_pubkey` is given) or `redeem_script` + `wifs`
/// (multisig, in any order); inputs without keys stay unsigned; `outputs`: `address` +
/// `amount`, `script` (hex) + `amount`, or `data` (hex, OP_RETURN, optional `amount`).
/// With `fee` and no `change_address`, inputs minus outputs must be the fee unless an
/// input is left unsigned (a partial transaction).
///
/// ```
/// let spec = serde_json::json!({
///     "network": "main", "height": 2_100_001,
///     "inputs": [{"txid": "11".repeat(32), "vout": 0, "amount": 100_000_000,
///                 "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"}],
///     "outputs": [{"address": "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY", "amount": 99_990_000}],
/// });
/// let built = flux_tx::builder::build_from_spec(&spec).unwrap();
/// assert!(built.complete);
/// ```
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
        "change_position",
    ])?;
    let network = f.network()?;
    let version = f.opt_u64("version", 0x7fff_ffff)?.unwrap_or(4);
    if version != 4 {
        return Err(Error::spec(
            "version",
            SpecProblem::Version {
                got: version,
                allowed: "4",
            },
        ));
    }
    let change_position = match f.get("change_position") {
        None => ChangePosition::Last,
        Some(v) => change_position(v).ok_or_else(|| {
            Error::spec(
                "change_position",
                SpecProblem::NotOneOf {
                    got: v.to_string(),
                    allowed: "\"last\", \"before_op_return\" or an output index",
                },
            )
        })?,
    };
    if f.has("change_position") && !f.has("change_address") {
        return Err(Error::spec(
            "change_position",
            SpecProblem::OnlyWith {
                other: "change_address",
            },
        ));
    }
    let mut b = TxBuilder::new(network)
        .policy(Policy::ConsensusOnly)
        .change_position(change_position)
        .lock_time(f.opt_u64("locktime", u64::from(u32::MAX))?.unwrap_or(0) as u32);
    if let Some(h) = f.opt_u64("height", u64::from(u32::MAX))? {
        b = b.height(h as u32);
    }
    if let Some(id) = f.opt_u64("branch_id", u64::from(u32::MAX))? {
        b = b.branch_id(BranchId::from_consensus(id as u32));
    }
    if let Some(e) = f.opt_u64("expiry_height", u64::from(TX_EXPIRY_HEIGHT_THRESHOLD - 1))? {
        b = b.expiry_height(e as u32);
    }

    let inputs = f
        .req("inputs")?
        .as_array()
        .ok_or_else(|| Error::spec("inputs", SpecProblem::NotArray))?;
    let mut any_unsigned = false;
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
        let outpoint = OutPoint::new(x.txid("txid")?, x.u64("vout", u64::from(u32::MAX))? as u32);
        // At most MAX_MONEY, so an Amount.
        let amount = Amount::from_zat(x.u64("amount", MAX_MONEY)? as i64)?;
        let sequence = x
            .opt_u64("sequence", u64::from(u32::MAX))?
            .unwrap_or(u64::from(u32::MAX)) as u32;
        let sighash = match x.opt_str("sighash")? {
            None => SighashType::ALL,
            Some(s) => s
                .parse::<SighashType>()
                .ok()
                .filter(|t| t.is_standard())
                .ok_or_else(|| {
                    Error::spec(
                        x.name("sighash"),
                        SpecProblem::NonStandardSighash {
                            text: s.to_string(),
                        },
                    )
                })?,
        };
        let script = x.opt_hex("script_pubkey")?.map(ScriptBuf::from_bytes);
        let spending = |script_pubkey: ScriptBuf| {
            Input::spending(
                outpoint,
                SpentOutput {
                    script_pubkey,
                    amount,
                },
            )
        };
        let input = match (x.opt_wif("wif")?, x.opt_hex("redeem_script")?) {
            (Some(_), Some(_)) => {
                return Err(Error::spec(
                    x.name("wif"),
                    SpecProblem::Contradicts {
                        other: "redeem_script",
                        instead: Some("wifs"),
                    },
                ))
            }
            (Some(key), None) => {
                if x.has("wifs") {
                    return Err(Error::spec(
                        x.name("wifs"),
                        SpecProblem::OnlyWith {
                            other: "redeem_script",
                        },
                    ));
                }
                match script {
                    Some(s) => spending(s).key(key),
                    None => Input::p2pkh(outpoint, amount, key),
                }
            }
            (None, Some(redeem)) => {
                let redeem = ScriptBuf::from_bytes(redeem);
                let mut input = match script {
                    Some(s) => spending(s).redeem_script(redeem),
                    None => Input::p2sh_multisig(outpoint, amount, redeem),
                };
                let wifs = x
                    .req("wifs")?
                    .as_array()
                    .ok_or_else(|| Error::spec(x.name("wifs"), SpecProblem::NotArray))?;
                for (k, w) in wifs.iter().enumerate() {
                    let name = format!("{p}.wifs[{k}]");
                    let key = w
                        .as_str()
                        .ok_or_else(|| Error::spec(&name, SpecProblem::NotString))
                        .and_then(|s| {
                            PrivateKey::from_wif(s)
                                .map_err(|e| Error::spec(&name, SpecProblem::Primitives(e)))
                        })?;
                    input = input.key(key);
                }
                input
            }
            (None, None) => {
                if x.has("wifs") {
                    return Err(Error::spec(
                        x.name("redeem_script"),
                        SpecProblem::RequiredWith { other: "wifs" },
                    ));
                }
                any_unsigned = true;
                spending(script.unwrap_or_default())
            }
        };
        b = b.input(input.sequence(sequence).sighash(sighash))?;
    }

    let outputs = f
        .req("outputs")?
        .as_array()
        .ok_or_else(|| Error::spec("outputs", SpecProblem::NotArray))?;
    for (i, v) in outputs.iter().enumerate() {
        let p = format!("outputs[{i}]");
        let x = Fields::new(v, &p)?;
        x.only(&["address", "script", "data", "amount"])?;
        let given = ["address", "script", "data"]
            .iter()
            .filter(|k| x.has(k))
            .count();
        if given != 1 {
            return Err(Error::spec(
                &p,
                SpecProblem::ExactlyOneOf {
                    fields: "address, script, data",
                },
            ));
        }
        if let Some(a) = x.opt_str("address")? {
            let amount = Amount::from_zat(x.u64("amount", MAX_MONEY)? as i64)?;
            let script =
                spec_address_script(network, a).map_err(|e| Error::spec(x.name("address"), e))?;
            b = b.pay_to_script(script, amount);
        } else if let Some(s) = x.opt_hex("script")? {
            let amount = Amount::from_zat(x.u64("amount", MAX_MONEY)? as i64)?;
            b = b.pay_to_script(ScriptBuf::from_bytes(s), amount);
        } else {
            let data = x.hex("data")?;
            let amount = Amount::from_zat(x.opt_u64("amount", MAX_MONEY)?.unwrap_or(0) as i64)?;
            b = b.pay_to_script(ScriptBuf::null_data(&data), amount);
        }
    }
    let fee = f
        .opt_u64("fee", MAX_MONEY)?
        .map(|z| Amount::from_zat(z as i64))
        .transpose()?;
    if let Some(fee) = fee {
        b = b.fee(fee);
    }
    match f.opt_str("change_address")? {
        Some(addr) => {
            let script =
                spec_address_script(network, addr).map_err(|e| Error::spec("change_address", e))?;
            b = b.change_to_script(script);
        }
        // Without change, a fee is checked against inputs minus outputs only when every
        // input is signed here: a partial transaction is completed by others.
        None if fee.is_some() && any_unsigned => b = b.allow_unbalanced(),
        None => {}
    }
    b.build()
}

/// [`super::address_script`] with the reason as a [`SpecProblem`] (the address's own error
/// kept as its source).
fn spec_address_script(network: Network, address: &str) -> Result<ScriptBuf, SpecProblem> {
    let addr: Address = address.trim().parse().map_err(SpecProblem::Primitives)?;
    TxBuilder::new(network)
        .script_for(&addr)
        .map_err(SpecProblem::Build)
}

/// `change_position` as the spec gives it: `"last"`, `"before_op_return"`, or the index the
/// change output takes among the outputs (0 = first).
fn change_position(v: &Value) -> Option<ChangePosition> {
    match v {
        Value::String(s) if s == "last" => Some(ChangePosition::Last),
        Value::String(s) if s == "before_op_return" => Some(ChangePosition::BeforeOpReturn),
        Value::Number(n) => n
            .as_u64()
            .and_then(|i| usize::try_from(i).ok())
            .map(ChangePosition::At),
        _ => None,
    }
}
