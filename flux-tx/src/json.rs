//! fluxd's `decoderawtransaction` JSON (spec 12.5, `TxToJSON`): same field names, order and
//! formats. Amounts are JSON numbers written as fluxd's `ValueFromAmount` writes them, with
//! exactly eight decimals (`"value": 1.50000000`), beside exact integer zatoshis
//! (`valueZat`).
//!
//! [`to_json`] returns a typed view ([`TxJson`]) whose `Serialize` writes fluxd's fields in
//! fluxd's order. Amounts go out through serde_json's `RawValue`, so the exact text needs no
//! crate-wide serde_json feature: serialize the view straight to text (`to_string`,
//! `to_string_pretty`, `to_writer`). Converting it to a `serde_json::Value` first rounds the
//! amounts through `f64` (`0.5` instead of `0.50000000`) and, without serde_json's
//! `preserve_order`, sorts the keys.

use base64::Engine;
use flux_primitives::address::{Address, Payload};
use flux_primitives::script::asm::{to_asm, to_asm_sig};
use flux_primitives::script::classify::{classify, rpc_type};
use flux_primitives::script::Destination;
use flux_primitives::{Network, SignedAmount};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::fluxnode::{CollateralOwner, FluxnodeTx, FLUX_TX_DELEGATES_BIT};
use crate::shielded::JoinSplit;
use crate::transaction::{StandardTx, Transaction};
use crate::transparent::OutPoint;

/// fluxd's `ValueFromAmount`: a JSON number with exactly eight decimals (`-0.00000001`,
/// `12500.00000000`), never rounded through `f64`.
///
/// ```
/// let v = flux_tx::json::value_from_amount(-150_000_000);
/// assert_eq!(serde_json::to_string(&v).unwrap(), "-1.50000000");
/// ```
pub fn value_from_amount(zat: i64) -> FluxValue {
    FluxValue(SignedAmount::from_zat(zat))
}

/// An amount written as fluxd writes `value` fields: a JSON number with exactly eight
/// decimals (see [`value_from_amount`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FluxValue(pub SignedAmount);

impl Serialize for FluxValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The text of `SignedAmount`'s Display is always a valid JSON number.
        let raw = RawValue::from_string(self.0.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// fluxd's `decoderawtransaction` of one transaction: `txid`, `version`, then the fields of
/// a standard or a fluxnode transaction. Made by [`to_json`]; serialize it to text.
#[derive(Debug, Clone, Serialize)]
pub struct TxJson {
    /// The txid in display order.
    pub txid: String,
    /// `nVersion` (without the overwintered bit).
    pub version: u32,
    /// The fields that depend on the kind of transaction.
    #[serde(flatten)]
    pub body: TxJsonBody,
}

/// The kind-dependent part of a [`TxJson`].
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum TxJsonBody {
    /// A transparent / Sprout / Sapling transaction (v1 to v4).
    Standard(StandardJson),
    /// A fluxnode START or CONFIRM (v5, v6).
    Fluxnode(FluxnodeJson),
}

/// The fields of a standard transaction, in fluxd's order.
#[derive(Debug, Clone, Serialize)]
pub struct StandardJson {
    /// `fOverwintered`.
    pub overwintered: bool,
    /// `nVersionGroupId` as 8 hex digits (overwintered only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versiongroupid: Option<String>,
    /// `nLockTime`.
    pub locktime: u32,
    /// `nExpiryHeight` (overwintered only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiryheight: Option<u32>,
    /// The inputs.
    pub vin: Vec<VinJson>,
    /// The outputs.
    pub vout: Vec<VoutJson>,
    /// Sprout JoinSplits.
    #[serde(rename = "vJoinSplit")]
    pub v_join_split: Vec<JoinSplitJson>,
    /// The Sapling part (v4 only).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub sapling: Option<SaplingJson>,
}

/// One input: a coinbase script, or the spent outpoint with its scriptSig.
#[derive(Debug, Clone, Serialize)]
pub struct VinJson {
    /// The coinbase script's hex (coinbase only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coinbase: Option<String>,
    /// The spent transaction (not for a coinbase).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub txid: Option<String>,
    /// The spent output's index (not for a coinbase).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vout: Option<u32>,
    /// The scriptSig (not for a coinbase).
    #[serde(rename = "scriptSig", skip_serializing_if = "Option::is_none")]
    pub script_sig: Option<ScriptSigJson>,
    /// `nSequence`.
    pub sequence: u32,
}

/// A scriptSig as fluxd shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ScriptSigJson {
    /// Disassembly with signature hash types decoded (`[ALL]`).
    pub asm: String,
    /// The script's hex.
    pub hex: String,
}

/// One output.
#[derive(Debug, Clone, Serialize)]
pub struct VoutJson {
    /// The amount in FLUX with eight decimals.
    pub value: FluxValue,
    /// The amount in zatoshis.
    #[serde(rename = "valueZat")]
    pub value_zat: i64,
    /// The amount in zatoshis again (fluxd prints both names).
    #[serde(rename = "valueSat")]
    pub value_sat: i64,
    /// The output's index.
    pub n: usize,
    /// The locking script.
    #[serde(rename = "scriptPubKey")]
    pub script_pub_key: ScriptPubKeyJson,
}

/// A scriptPubKey as fluxd's `ScriptPubKeyToJSON` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ScriptPubKeyJson {
    /// Disassembly.
    pub asm: String,
    /// The script's hex.
    pub hex: String,
    /// Signatures required (standard scripts with destinations only).
    #[serde(rename = "reqSigs", skip_serializing_if = "Option::is_none")]
    pub req_sigs: Option<u8>,
    /// fluxd's type name (`pubkeyhash`, `scripthash`, `nulldata`, ...).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The destinations' addresses (when `reqSigs` is present).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<String>>,
}

/// A Sprout JoinSplit.
#[derive(Debug, Clone, Serialize)]
pub struct JoinSplitJson {
    /// `vpub_old` in FLUX.
    pub vpub_old: FluxValue,
    /// `vpub_old` in zatoshis.
    #[serde(rename = "vpub_oldZat")]
    pub vpub_old_zat: i64,
    /// `vpub_new` in FLUX.
    pub vpub_new: FluxValue,
    /// `vpub_new` in zatoshis.
    #[serde(rename = "vpub_newZat")]
    pub vpub_new_zat: i64,
    /// The anchor (display order).
    pub anchor: String,
    /// The nullifiers (display order).
    pub nullifiers: Vec<String>,
    /// The note commitments (display order).
    pub commitments: Vec<String>,
    /// The ephemeral key (display order).
    #[serde(rename = "onetimePubKey")]
    pub onetime_pub_key: String,
    /// The random seed (display order).
    #[serde(rename = "randomSeed")]
    pub random_seed: String,
    /// The MACs (display order).
    pub macs: Vec<String>,
    /// The proof's hex.
    pub proof: String,
    /// The ciphertexts' hex.
    pub ciphertexts: Vec<String>,
}

/// The Sapling fields of a v4 transaction.
#[derive(Debug, Clone, Serialize)]
pub struct SaplingJson {
    /// `valueBalance` in FLUX.
    #[serde(rename = "valueBalance")]
    pub value_balance: FluxValue,
    /// `valueBalance` in zatoshis.
    #[serde(rename = "valueBalanceZat")]
    pub value_balance_zat: i64,
    /// Shielded spends.
    #[serde(rename = "vShieldedSpend")]
    pub v_shielded_spend: Vec<ShieldedSpendJson>,
    /// Shielded outputs.
    #[serde(rename = "vShieldedOutput")]
    pub v_shielded_output: Vec<ShieldedOutputJson>,
    /// The binding signature's hex (only with shielded parts).
    #[serde(rename = "bindingSig", skip_serializing_if = "Option::is_none")]
    pub binding_sig: Option<String>,
}

/// A Sapling spend description.
#[derive(Debug, Clone, Serialize)]
pub struct ShieldedSpendJson {
    /// Value commitment.
    pub cv: String,
    /// Anchor.
    pub anchor: String,
    /// Nullifier.
    pub nullifier: String,
    /// Randomized key.
    pub rk: String,
    /// Proof hex.
    pub proof: String,
    /// Spend authorization signature hex.
    #[serde(rename = "spendAuthSig")]
    pub spend_auth_sig: String,
}

/// A Sapling output description.
#[derive(Debug, Clone, Serialize)]
pub struct ShieldedOutputJson {
    /// Value commitment.
    pub cv: String,
    /// Note commitment.
    pub cmu: String,
    /// Ephemeral key.
    #[serde(rename = "ephemeralKey")]
    pub ephemeral_key: String,
    /// Encrypted note hex.
    #[serde(rename = "encCiphertext")]
    pub enc_ciphertext: String,
    /// Outgoing ciphertext hex.
    #[serde(rename = "outCiphertext")]
    pub out_ciphertext: String,
    /// Proof hex.
    pub proof: String,
}

/// The fields of a fluxnode START or CONFIRM, in fluxd's order.
#[derive(Debug, Clone, Serialize)]
pub struct FluxnodeJson {
    /// `Starting a fluxnode` or `Confirming a fluxnode`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// fluxd's short outpoint (`COutPoint(<10 hex digits>, n)`).
    pub collateral_output: String,
    /// The full outpoint (`COutPoint(<txid>, n)`).
    pub collateral: String,
    /// The collateral txid.
    pub txhash: String,
    /// The collateral index, as a string (as fluxd prints it).
    pub outidx: String,
    /// Signature time.
    pub sigtime: u32,
    /// The signature, base64.
    pub sig: String,
    /// The node's IP text (CONFIRM; empty for START).
    pub ip: String,
    /// `nFluxTxVersion` (v6 START only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fluxnode_upgraded_tx_version: Option<i32>,
    /// The collateral public key, base64 (START with a key owner).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collateral_pubkey: Option<String>,
    /// The P2SH collateral's redeem script, disassembled (v6 P2SH START).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redeemscript: Option<String>,
    /// Present (true) when the START carries delegates.
    #[serde(skip_serializing_if = "is_false")]
    pub using_delegates: bool,
    /// The delegates (with `using_delegates`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegate_data: Option<DelegateJson>,
    /// The node's public key, base64 (START).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zelnode_pubkey: Option<String>,
    /// CONFIRM: 0 initial, 1 update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_type: Option<i8>,
    /// CONFIRM: the benchmarked tier's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benchmark_tier: Option<String>,
    /// CONFIRM: the benchmark signature's time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benchmark_sigtime: Option<u32>,
    /// CONFIRM: the benchmark signature, base64.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benchmark_sig: Option<String>,
}

/// A START's delegate data.
#[derive(Debug, Clone, Serialize)]
pub struct DelegateJson {
    /// `nDelegateVersion`.
    pub version: i8,
    /// `nType`.
    #[serde(rename = "type")]
    pub kind: i8,
    /// The delegate keys, base64.
    pub keys: Vec<String>,
}

/// The decoded transaction as fluxd's `decoderawtransaction` shows it, for `network`'s
/// address prefixes.
///
/// ```
/// use flux_primitives::Network;
/// use flux_tx::{json::to_json, Transaction};
/// // A v1 transaction: one coinbase input, one empty output.
/// let hex = "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff0100ffffffff0100000000000000000000000000";
/// let tx = Transaction::from_bytes(&hex::decode(hex).unwrap()).unwrap();
/// let text = serde_json::to_string(&to_json(&tx, Network::Main)).unwrap();
/// assert!(text.contains(r#""value":0.00000000,"valueZat":0"#));
/// ```
pub fn to_json(tx: &Transaction, network: Network) -> TxJson {
    let body = match tx {
        Transaction::Standard(t) => TxJsonBody::Standard(standard(t, network)),
        Transaction::Fluxnode(f) => TxJsonBody::Fluxnode(fluxnode(f)),
    };
    TxJson {
        txid: tx.txid().to_string(),
        version: tx.version(),
        body,
    }
}

fn fluxnode(f: &FluxnodeTx) -> FluxnodeJson {
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
    let mut j = FluxnodeJson {
        kind,
        collateral_output: outpoint_short(&collateral),
        collateral: format!("COutPoint({}, {})", collateral.txid, collateral.vout),
        txhash: collateral.txid.to_string(),
        outidx: collateral.vout.to_string(),
        sigtime: f.sig_time().unwrap_or(0),
        sig: b64(&sig),
        ip,
        fluxnode_upgraded_tx_version: None,
        collateral_pubkey: None,
        redeemscript: None,
        using_delegates: false,
        delegate_data: None,
        zelnode_pubkey: None,
        update_type: None,
        benchmark_tier: None,
        benchmark_sigtime: None,
        benchmark_sig: None,
    };
    match f {
        FluxnodeTx::Start(s) => {
            let collateral_pubkey = s.body.as_ref().and_then(|b| match &b.owner {
                CollateralOwner::PubKey(k) => Some(k.fluxd_bytes()),
                CollateralOwner::P2sh(_) => None,
            });
            match s.flux_tx_version {
                Some(v) => {
                    j.fluxnode_upgraded_tx_version = Some(v);
                    let conflicting = v & 3 == 3;
                    let normal = !conflicting && (v == 1 || v & 1 != 0);
                    let p2sh = !conflicting && (v == 2 || v & 2 != 0);
                    if normal {
                        j.collateral_pubkey = Some(b64(&collateral_pubkey.unwrap_or_default()));
                    }
                    if p2sh {
                        let script = s.body.as_ref().and_then(|b| match &b.owner {
                            CollateralOwner::P2sh(r) => Some(r.as_bytes().to_vec()),
                            CollateralOwner::PubKey(_) => None,
                        });
                        j.redeemscript = Some(to_asm(&script.unwrap_or_default()));
                    }
                    if v & FLUX_TX_DELEGATES_BIT != 0 {
                        if let Some(d) = s.delegate_data() {
                            j.using_delegates = true;
                            j.delegate_data = Some(DelegateJson {
                                version: d.version,
                                kind: d.kind,
                                keys: d.keys.iter().map(|k| b64(&k.fluxd_bytes())).collect(),
                            });
                        }
                    }
                }
                None => {
                    j.collateral_pubkey = Some(b64(&collateral_pubkey.unwrap_or_default()));
                }
            }
            let node = s
                .body
                .as_ref()
                .map(|b| b.node_pubkey.fluxd_bytes())
                .unwrap_or_default();
            j.zelnode_pubkey = Some(b64(&node));
        }
        FluxnodeTx::Confirm(c) => {
            j.update_type = Some(c.update_type);
            j.benchmark_tier = Some(tier_name(c.benchmark_tier));
            j.benchmark_sigtime = Some(c.benchmark_sig_time);
            j.benchmark_sig = Some(b64(&c.benchmark_sig));
        }
    }
    j
}

fn join_split(j: &JoinSplit) -> JoinSplitJson {
    JoinSplitJson {
        vpub_old: value_from_amount(j.vpub_old),
        vpub_old_zat: j.vpub_old,
        vpub_new: value_from_amount(j.vpub_new),
        vpub_new_zat: j.vpub_new,
        anchor: rev_hex(&j.anchor),
        nullifiers: j.nullifiers.iter().map(rev_hex).collect(),
        commitments: j.commitments.iter().map(rev_hex).collect(),
        onetime_pub_key: rev_hex(&j.ephemeral_key),
        random_seed: rev_hex(&j.random_seed),
        macs: j.macs.iter().map(rev_hex).collect(),
        proof: hex::encode(j.proof.as_bytes()),
        ciphertexts: j.ciphertexts.iter().map(|c| hex::encode(&c[..])).collect(),
    }
}

fn standard(t: &StandardTx, network: Network) -> StandardJson {
    let ow = t.format.is_overwintered();
    let coinbase = t.is_coinbase();
    let vin = t
        .inputs
        .iter()
        .map(|i| {
            let script = i.script_sig.as_bytes();
            if coinbase {
                VinJson {
                    coinbase: Some(hex::encode(script)),
                    txid: None,
                    vout: None,
                    script_sig: None,
                    sequence: i.sequence,
                }
            } else {
                VinJson {
                    coinbase: None,
                    txid: Some(i.prevout.txid.to_string()),
                    vout: Some(i.prevout.vout),
                    script_sig: Some(ScriptSigJson {
                        asm: to_asm_sig(script),
                        hex: hex::encode(script),
                    }),
                    sequence: i.sequence,
                }
            }
        })
        .collect();
    let vout = t
        .outputs
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let s = o.script_pubkey.as_bytes();
            let class = classify(s);
            let req_sigs = class.req_sigs();
            let addresses = req_sigs.map(|_| {
                class
                    .destinations()
                    .into_iter()
                    .map(|d| address_of(d, network))
                    .collect()
            });
            VoutJson {
                value: value_from_amount(o.value),
                value_zat: o.value,
                value_sat: o.value,
                n,
                script_pub_key: ScriptPubKeyJson {
                    asm: to_asm(s),
                    hex: hex::encode(s),
                    req_sigs,
                    kind: rpc_type(s),
                    addresses,
                },
            }
        })
        .collect();
    let sapling = (t.format == crate::TxFormat::Sapling).then(|| SaplingJson {
        value_balance: value_from_amount(t.value_balance),
        value_balance_zat: t.value_balance,
        v_shielded_spend: t
            .shielded_spends
            .iter()
            .map(|s| ShieldedSpendJson {
                cv: rev_hex(&s.cv),
                anchor: rev_hex(&s.anchor),
                nullifier: rev_hex(&s.nullifier),
                rk: rev_hex(&s.rk),
                proof: hex::encode(s.zkproof),
                spend_auth_sig: hex::encode(s.spend_auth_sig),
            })
            .collect(),
        v_shielded_output: t
            .shielded_outputs
            .iter()
            .map(|o| ShieldedOutputJson {
                cv: rev_hex(&o.cv),
                cmu: rev_hex(&o.cmu),
                ephemeral_key: rev_hex(&o.ephemeral_key),
                enc_ciphertext: hex::encode(o.enc_ciphertext),
                out_ciphertext: hex::encode(o.out_ciphertext),
                proof: hex::encode(o.zkproof),
            })
            .collect(),
        binding_sig: t.has_sapling_parts().then(|| hex::encode(t.binding_sig)),
    });
    StandardJson {
        overwintered: ow,
        versiongroupid: ow.then(|| format!("{:08x}", t.format.version_group_id())),
        locktime: t.lock_time,
        expiryheight: ow.then_some(t.expiry_height),
        vin,
        v_join_split: t.join_splits.iter().map(join_split).collect(),
        vout,
        sapling,
    }
}
