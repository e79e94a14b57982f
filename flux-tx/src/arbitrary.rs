//! proptest strategies for transactions of every version (feature `proptest`, off by
//! default): v1/v2 Sprout (JoinSplits with PHGR13 proofs from v2), v3 Overwinter, v4
//! Sapling (spends, outputs, Groth16 JoinSplits), and fluxnode v5/v6 START (every v6
//! layout: normal, P2SH, empty, with and without delegates) and CONFIRM.
//!
//! Every value generated is one the decoder can produce: its encoding decodes back to an
//! equal value. Fields the wire does not carry (the JoinSplit key and signature without
//! JoinSplits, the binding signature without Sapling parts) stay zero, as the decoder
//! leaves them. Public keys and the delegates flag include fluxd's quirks (keys whose
//! length prefix disagrees with their first byte, flags other than 0 and 1).
//!
//! ```
//! use flux_primitives::codec::{decode_exact, encode_to_vec};
//! use flux_tx::Transaction;
//! use proptest::prelude::*;
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! runner.run(&any::<Transaction>(), |tx| {
//!     let bytes = encode_to_vec(&tx);
//!     let back: Transaction = decode_exact(&bytes).unwrap();
//!     prop_assert_eq!(&back, &tx);
//!     prop_assert_eq!(back.txid(), tx.txid());
//!     Ok(())
//! }).unwrap();
//! ```

use flux_primitives::hash::Txid;
use flux_primitives::ScriptBuf;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::fluxnode::{
    CollateralOwner, Delegates, DelegatesField, StartBody, FLUX_TX_DELEGATES_BIT,
    FLUX_TX_NORMAL_BIT, FLUX_TX_P2SH_BIT,
};
use crate::pubkey::WirePubKey;
use crate::shielded::{
    JoinSplit, OutputDescription, SpendDescription, SproutProof, GROTH_PROOF_LEN, PHGR_PROOF_LEN,
    SPROUT_CIPHERTEXT_LEN,
};
use crate::{
    ConfirmTx, FluxnodeTx, FluxnodeVersion, OutPoint, StandardTx, StartTx, Transaction, TxFormat,
    TxIn, TxOut,
};

/// `N` arbitrary bytes.
fn array<const N: usize>() -> impl Strategy<Value = [u8; N]> {
    vec(any::<u8>(), N).prop_map(|v| {
        let mut a = [0u8; N];
        for (slot, b) in a.iter_mut().zip(v) {
            *slot = b;
        }
        a
    })
}

/// Scripts of 0 to 80 arbitrary bytes (scripts are kept as bytes, never parsed).
fn script() -> impl Strategy<Value = ScriptBuf> {
    vec(any::<u8>(), 0..80).prop_map(ScriptBuf::from_bytes)
}

/// Any outpoint (the null one included, so coinbase-shaped inputs occur).
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let op = flux_tx::arbitrary::outpoint().new_tree(&mut runner).unwrap().current();
/// let _ = op.vout;
/// ```
pub fn outpoint() -> impl Strategy<Value = OutPoint> {
    prop_oneof![
        9 => (array::<32>(), any::<u32>()).prop_map(|(t, n)| OutPoint::new(Txid::from_bytes(t), n)),
        1 => Just(OutPoint::new(Txid::from_bytes([0; 32]), u32::MAX)),
    ]
}

/// A transparent input.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let input = flux_tx::arbitrary::tx_in().new_tree(&mut runner).unwrap().current();
/// assert!(input.script_sig.len() < 80);
/// ```
pub fn tx_in() -> impl Strategy<Value = TxIn> {
    (outpoint(), script(), any::<u32>()).prop_map(|(prevout, script_sig, sequence)| TxIn {
        prevout,
        script_sig,
        sequence,
    })
}

/// A transparent output (any `i64` value: the codec does not judge amounts).
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let out = flux_tx::arbitrary::tx_out().new_tree(&mut runner).unwrap().current();
/// assert!(out.script_pubkey.len() < 80);
/// ```
pub fn tx_out() -> impl Strategy<Value = TxOut> {
    (any::<i64>(), script()).prop_map(|(value, script_pubkey)| TxOut {
        value,
        script_pubkey,
    })
}

fn spend() -> impl Strategy<Value = SpendDescription> {
    (
        array::<32>(),
        array::<32>(),
        array::<32>(),
        array::<32>(),
        array::<GROTH_PROOF_LEN>(),
        array::<64>(),
    )
        .prop_map(
            |(cv, anchor, nullifier, rk, zkproof, spend_auth_sig)| SpendDescription {
                cv,
                anchor,
                nullifier,
                rk,
                zkproof,
                spend_auth_sig,
            },
        )
}

fn output() -> impl Strategy<Value = OutputDescription> {
    (
        array::<32>(),
        array::<32>(),
        array::<32>(),
        array::<580>(),
        array::<80>(),
        array::<GROTH_PROOF_LEN>(),
    )
        .prop_map(
            |(cv, cmu, ephemeral_key, enc_ciphertext, out_ciphertext, zkproof)| OutputDescription {
                cv,
                cmu,
                ephemeral_key,
                enc_ciphertext,
                out_ciphertext,
                zkproof,
            },
        )
}

/// A PHGR13 proof whose eight points carry the lead bytes the decoder requires (g_B is a
/// G2 point: 0x0a/0x0b; the others 0x02/0x03).
fn phgr_proof() -> impl Strategy<Value = SproutProof> {
    (array::<PHGR_PROOF_LEN>(), any::<u8>()).prop_map(|(mut bytes, parities)| {
        for (i, (offset, lead)) in [
            (0usize, 0x02u8),
            (33, 0x02),
            (66, 0x0a),
            (131, 0x02),
            (164, 0x02),
            (197, 0x02),
            (230, 0x02),
            (263, 0x02),
        ]
        .into_iter()
        .enumerate()
        {
            if let Some(b) = bytes.get_mut(offset) {
                *b = lead | ((parities >> i) & 1);
            }
        }
        SproutProof::Phgr(Box::new(bytes))
    })
}

fn groth_proof() -> impl Strategy<Value = SproutProof> {
    array::<GROTH_PROOF_LEN>().prop_map(|b| SproutProof::Groth(Box::new(b)))
}

fn join_split(groth: bool) -> impl Strategy<Value = JoinSplit> {
    let proof = if groth {
        groth_proof().boxed()
    } else {
        phgr_proof().boxed()
    };
    (
        (any::<i64>(), any::<i64>(), array::<32>()),
        (array::<32>(), array::<32>(), array::<32>(), array::<32>()),
        (array::<32>(), array::<32>(), array::<32>(), array::<32>()),
        proof,
        (
            array::<SPROUT_CIPHERTEXT_LEN>(),
            array::<SPROUT_CIPHERTEXT_LEN>(),
        ),
    )
        .prop_map(
            |(
                (vpub_old, vpub_new, anchor),
                (n0, n1, c0, c1),
                (ek, seed, m0, m1),
                proof,
                (ct0, ct1),
            )| {
                JoinSplit {
                    vpub_old,
                    vpub_new,
                    anchor,
                    nullifiers: [n0, n1],
                    commitments: [c0, c1],
                    ephemeral_key: ek,
                    random_seed: seed,
                    macs: [m0, m1],
                    proof,
                    ciphertexts: [Box::new(ct0), Box::new(ct1)],
                }
            },
        )
}

/// A standard transaction of `format` with up to 4 inputs and outputs, and the Sprout and
/// Sapling parts its format carries (up to 2 of each kind).
///
/// ```
/// use flux_tx::TxFormat;
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let tx = flux_tx::arbitrary::standard_tx(TxFormat::Sprout(1)).new_tree(&mut runner).unwrap().current();
/// assert!(tx.join_splits.is_empty() && tx.shielded_spends.is_empty());
/// ```
pub fn standard_tx(format: TxFormat) -> impl Strategy<Value = StandardTx> {
    let sapling = format == TxFormat::Sapling;
    let max_shielded = if sapling { 3 } else { 1 };
    let max_js = if format.has_join_splits() { 3 } else { 1 };
    (
        vec(tx_in(), 0..5),
        vec(tx_out(), 0..5),
        any::<u32>(),
        any::<u32>(),
        any::<i64>(),
        vec(spend(), 0..max_shielded),
        vec(output(), 0..max_shielded),
        vec(join_split(format.groth_join_splits()), 0..max_js),
        (array::<32>(), array::<64>(), array::<64>()),
    )
        .prop_map(
            move |(
                inputs,
                outputs,
                lock_time,
                expiry,
                value_balance,
                spends,
                outs,
                join_splits,
                (js_pubkey, js_sig, binding),
            )| {
                let mut tx = StandardTx::new(format);
                tx.inputs = inputs;
                tx.outputs = outputs;
                tx.lock_time = lock_time;
                if format.is_overwintered() {
                    tx.expiry_height = expiry;
                }
                if sapling {
                    tx.value_balance = value_balance;
                    tx.shielded_spends = spends;
                    tx.shielded_outputs = outs;
                    if tx.has_sapling_parts() {
                        tx.binding_sig = binding;
                    }
                }
                if !join_splits.is_empty() {
                    tx.join_split_pubkey = js_pubkey;
                    tx.join_split_sig = js_sig;
                }
                tx.join_splits = join_splits;
                tx
            },
        )
}

/// Public keys as they occur on the wire: valid-looking compressed (33 bytes, 02/03) and
/// uncompressed (65 bytes, 04) keys, and arbitrary bytes (fluxd re-serializes those by
/// their first byte).
fn wire_pubkey() -> impl Strategy<Value = WirePubKey> {
    prop_oneof![
        4 => (prop_oneof![Just(2u8), Just(3u8)], array::<32>())
            .prop_map(|(lead, x)| WirePubKey::from_bytes([&[lead][..], &x[..]].concat())),
        2 => vec(any::<u8>(), 64).prop_map(|rest| WirePubKey::from_bytes([&[4u8][..], &rest[..]].concat())),
        1 => vec(any::<u8>(), 0..70).prop_map(WirePubKey::from_bytes),
    ]
}

fn start_body(p2sh: bool) -> impl Strategy<Value = StartBody> {
    let owner = if p2sh {
        script().prop_map(CollateralOwner::P2sh).boxed()
    } else {
        wire_pubkey().prop_map(CollateralOwner::PubKey).boxed()
    };
    (
        outpoint(),
        owner,
        wire_pubkey(),
        any::<u32>(),
        vec(any::<u8>(), 0..80),
    )
        .prop_map(
            |(collateral, owner, node_pubkey, sig_time, sig)| StartBody {
                collateral,
                owner,
                node_pubkey,
                sig_time,
                sig,
            },
        )
}

/// The delegates part: any flag byte; data when the flag is set, keys only where the wire
/// carries them (version 1, type UPDATE).
fn delegates_field() -> impl Strategy<Value = DelegatesField> {
    (
        prop_oneof![Just(0u8), Just(1u8), any::<u8>()],
        prop_oneof![Just(1i8), any::<i8>()],
        prop_oneof![
            Just(Delegates::NONE),
            Just(Delegates::UPDATE),
            Just(Delegates::SIGNING),
            any::<i8>()
        ],
        vec(wire_pubkey(), 0..5),
    )
        .prop_map(|(using_delegates, version, kind, keys)| {
            let data = (using_delegates != 0).then(|| {
                let mut d = Delegates {
                    version,
                    kind,
                    keys: Vec::new(),
                };
                if d.carries_keys() {
                    d.keys = keys;
                }
                d
            });
            DelegatesField {
                using_delegates,
                data,
            }
        })
}

/// A START of `version`: v5 has the normal layout; v6's `nFluxTxVersion` picks the layout
/// (normal, P2SH or empty, [`crate::fluxnode::start_layout`]) and whether delegates follow.
///
/// ```
/// use flux_tx::{FluxnodeVersion, StartTx};
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let s: StartTx = flux_tx::arbitrary::start_tx(FluxnodeVersion::V5).new_tree(&mut runner).unwrap().current();
/// assert!(s.flux_tx_version.is_none() && s.body.is_some());
/// ```
pub fn start_tx(version: FluxnodeVersion) -> BoxedStrategy<StartTx> {
    match version {
        FluxnodeVersion::V5 => start_body(false)
            .prop_map(|b| StartTx {
                flux_tx_version: None,
                body: Some(b),
                delegates: None,
            })
            .boxed(),
        FluxnodeVersion::V6 => {
            let flux_tx_version = prop_oneof![
                Just(FLUX_TX_NORMAL_BIT),
                Just(FLUX_TX_P2SH_BIT),
                Just(FLUX_TX_NORMAL_BIT | FLUX_TX_DELEGATES_BIT),
                Just(FLUX_TX_P2SH_BIT | FLUX_TX_DELEGATES_BIT),
                // No layout bit: an empty START (with and without delegates).
                Just(0),
                Just(FLUX_TX_DELEGATES_BIT),
                any::<i32>(),
            ];
            (
                flux_tx_version,
                start_body(false),
                start_body(true),
                delegates_field(),
            )
                .prop_map(|(v, normal, p2sh, delegates)| {
                    use crate::fluxnode::{start_layout, StartLayout};
                    let body = match start_layout(v) {
                        StartLayout::Normal => Some(normal),
                        StartLayout::P2sh => Some(p2sh),
                        StartLayout::Empty => None,
                    };
                    StartTx {
                        flux_tx_version: Some(v),
                        body,
                        delegates: (v & FLUX_TX_DELEGATES_BIT != 0).then_some(delegates),
                    }
                })
                .boxed()
        }
    }
}

/// A CONFIRM of `version` (the same layout in v5 and v6).
///
/// ```
/// use flux_tx::FluxnodeVersion;
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let c = flux_tx::arbitrary::confirm_tx(FluxnodeVersion::V6).new_tree(&mut runner).unwrap().current();
/// assert_eq!(c.version, FluxnodeVersion::V6);
/// ```
pub fn confirm_tx(version: FluxnodeVersion) -> impl Strategy<Value = ConfirmTx> {
    (
        outpoint(),
        (any::<u32>(), any::<i8>(), any::<u32>(), any::<i8>()),
        vec(any::<u8>(), 0..40),
        vec(any::<u8>(), 0..80),
        vec(any::<u8>(), 0..80),
    )
        .prop_map(
            move |(
                collateral,
                (sig_time, benchmark_tier, benchmark_sig_time, update_type),
                ip,
                sig,
                benchmark_sig,
            )| ConfirmTx {
                version,
                collateral,
                sig_time,
                benchmark_tier,
                benchmark_sig_time,
                update_type,
                ip,
                sig,
                benchmark_sig,
            },
        )
}

/// A transaction of the given 31-bit version: 1 or 2 (Sprout; other non-fluxnode numbers
/// are read with the same layout), 3 (Overwinter), 4 (Sapling), 5 or 6 (fluxnode START or
/// CONFIRM).
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// for v in 1..=6 {
///     let tx = flux_tx::arbitrary::transaction_of_version(v).new_tree(&mut runner).unwrap().current();
///     assert_eq!(tx.version(), v);
/// }
/// ```
pub fn transaction_of_version(version: u32) -> BoxedStrategy<Transaction> {
    let fluxnode = |v: FluxnodeVersion| {
        prop_oneof![
            start_tx(v).prop_map(FluxnodeTx::Start),
            confirm_tx(v).prop_map(FluxnodeTx::Confirm),
        ]
        .prop_map(Transaction::Fluxnode)
        .boxed()
    };
    match version {
        3 => standard_tx(TxFormat::Overwinter)
            .prop_map(Transaction::Standard)
            .boxed(),
        4 => standard_tx(TxFormat::Sapling)
            .prop_map(Transaction::Standard)
            .boxed(),
        5 => fluxnode(FluxnodeVersion::V5),
        6 => fluxnode(FluxnodeVersion::V6),
        v => standard_tx(TxFormat::Sprout(v & 0x7fff_ffff))
            .prop_map(Transaction::Standard)
            .boxed(),
    }
}

/// Any transaction: versions 1 to 6, each equally likely.
impl Arbitrary for Transaction {
    type Parameters = ();
    type Strategy = BoxedStrategy<Transaction>;

    fn arbitrary_with(_: ()) -> Self::Strategy {
        (1u32..=6).prop_flat_map(transaction_of_version).boxed()
    }
}
