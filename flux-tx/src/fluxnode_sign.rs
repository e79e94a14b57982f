//! Building, signing and verifying fluxnode START and CONFIRM signatures (spec 7.7, 8.8).

use flux_primitives::hash::hash160;
use flux_primitives::ScriptBuf;
use flux_primitives::{Network, PrivateKey};

use crate::error::{SpecProblem, TxKind};
use crate::fluxnode::{
    CollateralOwner, ConfirmTx, Delegates, DelegatesField, FluxnodeTx, FluxnodeVersion, StartBody,
    StartTx, FLUX_TX_DELEGATES_BIT, FLUX_TX_NORMAL_BIT, FLUX_TX_P2SH_BIT, MAX_DELEGATE_KEYS,
};
use crate::message::{recover_signer, sign_message};
use crate::pubkey::WirePubKey;
use crate::transaction::Transaction;
use crate::transparent::OutPoint;
use crate::Error;
use flux_primitives::script::classify::multisig_keys;

/// The benchmarking public keys of a network with the UNIX time each is valid from
/// (spec 1.7, fluxd `chainparams.cpp`).
pub fn benchmark_keys(network: Network) -> &'static [(u32, &'static str)] {
    match network {
        Network::Main => &[
            (0, "042e79d7dd1483996157df6b16c831be2b14b31c69944ea2a585c63b5101af1f9517ba392cee5b1f45a62e9d936488429374535a2f76870bfa8eea6667b13eb39e"),
            (1_618_113_600, "04517413e51fa9b2e94f200b254cca69beb86f2d74bf66ca53854ba66bc376dde9b52e9b4403731d9a4f3e8edd9687f1e1824b688fe26454bd9fb823a3307b4682"),
            (1_647_262_800, "0480dff65aa9d4b4c4234e4723a5e7c5bf527ca683b53aa26a7225cc5eb16e6e79f9629eb5f96c12b173de7a20e9823b2d36575759f3490864922f7ed04e171fad"),
            (1_706_209_200, "0437d58236a849ebe0e6558c1517e1f5c56749e04a2f7a7daedd4ef7c9fb6a773f32a33fe5ddad88b9af3ff496ee5ce79ce245c258bafa4e8d287baa3d54c6c65f"),
            (1_743_534_000, "04e54965119e89861f80135b13f56c3b5cc55ad2b916d9705052fc91d2894f9cb19151a8d61c6e9ea4812075dd32f06fde5965589ffa1517ab1bd2ddbc66a39f42"),
        ],
        Network::Test => &[
            (0, "04d422e01f5acff68504b92df96a9004cf61be432a20efe83fe8a94c1aa730fe7dece5d2e8298f2d5672d4e569c55d9f0a73268ef7b92990d8c014e828a7cc48dd"),
            (1_617_508_800, "042023568fbcc4715c34d8596feaabf0683b3dfa7280b2f4df0436311a31086a73fdf507d63c3ec89455037ba738375d17b309c2cd226f173a5ef7841400cd09ec"),
        ],
        Network::Regtest => &[
            (0, "04cf3c34f01486bbb34c1a7ca11c2ddb1b3d98698c3f37d54452ff91a8cd5e92a6910ce5fc2cc7ad63547454a965df53ff5be740d4ef4ac89848c2bafd1e40e6b7"),
            (1_617_508_800, "045d54130187b4c4bba25004bf615881c2d79b16950a59114df27dc9858d8e531fda4f3a27aa95ceb2bcc87ddd734be40a6808422655e5350fa9417874556b7342"),
        ],
    }
}

/// The benchmark key valid at `benchmark_sig_time`: the last one whose start time is not
/// after it.
pub fn benchmark_key_at(network: Network, benchmark_sig_time: u32) -> Vec<u8> {
    benchmark_keys(network)
        .iter()
        .rev()
        .find(|(from, _)| *from <= benchmark_sig_time)
        .and_then(|(_, k)| hex::decode(k).ok())
        .unwrap_or_default()
}

/// The message a START signature signs: the txid as 64 lowercase hex characters.
pub fn start_message(tx: &Transaction) -> String {
    tx.txid().to_string()
}

/// The message a CONFIRM operator signature signs:
/// `COutPoint(<10 hex>, n)` ‖ n ‖ updateType ‖ sigTime (decimal).
pub fn confirm_message(c: &ConfirmTx) -> String {
    let txid = c.collateral.txid.to_string();
    let short = txid.get(..10).unwrap_or_default();
    format!(
        "COutPoint({short}, {n}){n}{u}{t}",
        n = c.collateral.vout,
        u = c.update_type,
        t = c.sig_time
    )
}

/// The message a CONFIRM benchmark signature signs: the raw `sig` bytes ‖ tier ‖
/// benchmarkSigTime ‖ ip.
pub fn benchmark_message(c: &ConfirmTx) -> Vec<u8> {
    let mut m = c.sig.clone();
    m.extend_from_slice(c.benchmark_tier.to_string().as_bytes());
    m.extend_from_slice(c.benchmark_sig_time.to_string().as_bytes());
    m.extend_from_slice(&c.ip);
    m
}

/// Which fluxnode signature a [`SignatureCheck`] is about; serializes (and displays) as
/// `start`, `confirm` or `benchmark`.
///
/// ```
/// use flux_tx::fluxnode_sign::SignatureKind;
/// assert_eq!(serde_json::to_string(&SignatureKind::Benchmark).unwrap(), r#""benchmark""#);
/// assert_eq!(SignatureKind::Start.to_string(), "start");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SignatureKind {
    /// A START's signature (collateral, redeem-script or delegate key).
    Start,
    /// A CONFIRM's operator signature (`sig`).
    Confirm,
    /// A CONFIRM's benchmark signature (`benchmarkSig`).
    Benchmark,
}

impl std::fmt::Display for SignatureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SignatureKind::Start => "start",
            SignatureKind::Confirm => "confirm",
            SignatureKind::Benchmark => "benchmark",
        })
    }
}

/// Who must have made a fluxnode signature; serializes (and displays) in words, as
/// `flux fluxnode verify` prints it.
///
/// ```
/// use flux_primitives::Network;
/// use flux_tx::fluxnode_sign::Signer;
/// assert_eq!(Signer::CollateralKey.to_string(), "collateral key");
/// let b = Signer::BenchmarkKey { network: Network::Main, valid_at: 1_700_000_000 };
/// assert_eq!(serde_json::to_string(&b).unwrap(), r#""main benchmark key valid at 1700000000""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Signer {
    /// The P2PKH collateral's key (written in the START).
    CollateralKey,
    /// One of the keys of a P2SH collateral's redeem script.
    RedeemScriptKey,
    /// A stored delegate key (delegates SIGNING).
    DelegateKey,
    /// The node's operator key, from its START.
    NodeKey,
    /// The network's benchmark key valid at the CONFIRM's `benchmarkSigTime`.
    BenchmarkKey {
        /// The network.
        network: Network,
        /// The `benchmarkSigTime` the key is chosen by.
        valid_at: u32,
    },
    /// Nobody: a START whose `nFluxTxVersion` is neither normal nor P2SH.
    Nobody,
}

impl std::fmt::Display for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Signer::CollateralKey => f.write_str("collateral key"),
            Signer::RedeemScriptKey => f.write_str("a key of the redeem script"),
            Signer::DelegateKey => f.write_str("delegate key"),
            Signer::NodeKey => f.write_str("node (operator) key of the START"),
            Signer::BenchmarkKey { network, valid_at } => {
                write!(f, "{network} benchmark key valid at {valid_at}")
            }
            Signer::Nobody => f.write_str("none: nFluxTxVersion is neither normal nor P2SH"),
        }
    }
}

impl serde::Serialize for Signer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The result of checking one fluxnode signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCheck {
    /// Which signature.
    pub signature: SignatureKind,
    /// Who must have signed.
    pub signer: Signer,
    /// The key the signature recovers to, if it recovers at all.
    pub recovered: Option<Vec<u8>>,
    /// The accepted keys (empty when they are not known from the transaction alone).
    pub expected: Vec<Vec<u8>>,
    /// Valid or invalid (and why) when checked against known keys; unchecked when the
    /// expected key is not in the transaction (a CONFIRM's operator key, a delegate's key).
    /// Serializes as `true`, `false` or `null`.
    pub valid: Validity,
}

/// The outcome of one fluxnode signature check.
///
/// Serializes as `true` (valid), `false` (invalid) or `null` (unchecked), the shape fluxd
/// tools and `flux` have always printed; the reason an invalid signature fails is
/// [`Invalidity`].
///
/// ```
/// use flux_tx::fluxnode_sign::{Invalidity, Validity};
/// assert_eq!(serde_json::to_string(&Validity::Valid).unwrap(), "true");
/// assert_eq!(serde_json::to_string(&Validity::Invalid(Invalidity::OtherSigner)).unwrap(), "false");
/// assert_eq!(serde_json::to_string(&Validity::Unchecked).unwrap(), "null");
/// assert_eq!(Validity::Valid.as_option(), Some(true));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Validity {
    /// The signature recovers to an accepted key.
    Valid,
    /// The signature does not hold, for this reason.
    Invalid(Invalidity),
    /// Not checkable from the transaction alone: the signer's key is not in it (a CONFIRM's
    /// operator key, a delegate's key) and the caller did not give it.
    Unchecked,
}

impl Validity {
    /// `Some(true)`, `Some(false)` or `None` (unchecked).
    ///
    /// ```
    /// assert_eq!(flux_tx::fluxnode_sign::Validity::Unchecked.as_option(), None);
    /// ```
    pub fn as_option(self) -> Option<bool> {
        match self {
            Validity::Valid => Some(true),
            Validity::Invalid(_) => Some(false),
            Validity::Unchecked => None,
        }
    }

    /// True when checked and found invalid.
    ///
    /// ```
    /// use flux_tx::fluxnode_sign::{Invalidity, Validity};
    /// assert!(Validity::Invalid(Invalidity::NoSigner).is_invalid());
    /// assert!(!Validity::Unchecked.is_invalid());
    /// ```
    pub fn is_invalid(self) -> bool {
        matches!(self, Validity::Invalid(_))
    }
}

impl serde::Serialize for Validity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_option().serialize(s)
    }
}

/// Why a fluxnode signature is invalid.
///
/// ```
/// use flux_tx::fluxnode_sign::Invalidity;
/// assert_eq!(Invalidity::OtherSigner.to_string(), "signed by another key");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Invalidity {
    /// The signature does not recover any public key.
    #[error("does not recover a public key")]
    Unrecoverable,
    /// It recovers to a key that is none of the accepted ones.
    #[error("signed by another key")]
    OtherSigner,
    /// Nobody can sign it: a START whose `nFluxTxVersion` is neither normal nor P2SH, or a
    /// P2SH START whose redeem script is not a multisig script.
    #[error("no key can sign it")]
    NoSigner,
}

/// Extra facts a verifier may know that the transaction does not carry.
#[derive(Debug, Clone, Default)]
pub struct VerifyContext {
    /// The operator key of the node's START (checks a CONFIRM's `sig`).
    pub node_pubkey: Option<Vec<u8>>,
    /// The collateral's stored delegate keys (checks a delegate-signed START).
    pub delegate_keys: Vec<Vec<u8>>,
}

fn check(
    signature: SignatureKind,
    signer: Signer,
    sig: &[u8],
    message: &[u8],
    expected: Vec<Vec<u8>>,
) -> SignatureCheck {
    let recovered = recover_signer(sig, message).ok();
    let valid = match &recovered {
        _ if expected.is_empty() => Validity::Unchecked,
        None => Validity::Invalid(Invalidity::Unrecoverable),
        Some(r) => {
            let id = hash160(r);
            if expected.iter().any(|k| hash160(k) == id) {
                Validity::Valid
            } else {
                Validity::Invalid(Invalidity::OtherSigner)
            }
        }
    };
    SignatureCheck {
        signature,
        signer,
        recovered,
        expected,
        valid,
    }
}

/// Checks every signature of a fluxnode transaction (spec 7.7): the START signature
/// against the collateral key, a redeem-script key or a delegate key; a CONFIRM's operator
/// signature (when `ctx` knows the node key) and its benchmark signature against the
/// network's benchmark key valid at `benchmarkSigTime`.
pub fn verify_fluxnode(
    tx: &Transaction,
    network: Network,
    ctx: &VerifyContext,
) -> Result<Vec<SignatureCheck>, Error> {
    let Transaction::Fluxnode(f) = tx else {
        return Err(Error::WrongKind {
            expected: TxKind::Fluxnode,
        });
    };
    Ok(match f {
        FluxnodeTx::Start(s) => {
            let Some(body) = &s.body else {
                return Ok(vec![SignatureCheck {
                    signature: SignatureKind::Start,
                    signer: Signer::Nobody,
                    recovered: None,
                    expected: Vec::new(),
                    valid: Validity::Invalid(Invalidity::NoSigner),
                }]);
            };
            let msg = start_message(tx);
            let delegate_signed = s
                .delegate_data()
                .is_some_and(|d| d.kind == Delegates::SIGNING);
            let (signer, expected) = if delegate_signed {
                (Signer::DelegateKey, ctx.delegate_keys.clone())
            } else {
                match &body.owner {
                    CollateralOwner::PubKey(k) => (Signer::CollateralKey, vec![k.fluxd_bytes()]),
                    CollateralOwner::P2sh(script) => (
                        Signer::RedeemScriptKey,
                        multisig_keys(script.as_bytes())
                            .map(|(_, keys)| keys)
                            .unwrap_or_default(),
                    ),
                }
            };
            let mut c = check(
                SignatureKind::Start,
                signer,
                &body.sig,
                msg.as_bytes(),
                expected,
            );
            if !delegate_signed && c.expected.is_empty() {
                // A P2SH START whose redeem script is not a multisig script has no valid signer.
                c.valid = Validity::Invalid(Invalidity::NoSigner);
            }
            vec![c]
        }
        FluxnodeTx::Confirm(c) => {
            let op = check(
                SignatureKind::Confirm,
                Signer::NodeKey,
                &c.sig,
                confirm_message(c).as_bytes(),
                ctx.node_pubkey.clone().into_iter().collect(),
            );
            let bench_key = benchmark_key_at(network, c.benchmark_sig_time);
            let bench = check(
                SignatureKind::Benchmark,
                Signer::BenchmarkKey {
                    network,
                    valid_at: c.benchmark_sig_time,
                },
                &c.benchmark_sig,
                &benchmark_message(c),
                vec![bench_key],
            );
            vec![op, bench]
        }
    })
}

/// Which key of a START ([`Error::StartKeyNetwork`]).
///
/// ```
/// assert_eq!(flux_tx::fluxnode_sign::StartKeyRole::Delegate.to_string(), "delegate");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StartKeyRole {
    /// The P2PKH collateral's key.
    Collateral,
    /// A key of a P2SH collateral's redeem script.
    RedeemScript,
    /// A delegate's key (delegates SIGNING).
    Delegate,
}

impl std::fmt::Display for StartKeyRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StartKeyRole::Collateral => "collateral",
            StartKeyRole::RedeemScript => "redeem script",
            StartKeyRole::Delegate => "delegate",
        })
    }
}

/// Refuses `key` when it belongs to another network than `network` (as the transaction
/// builder does: a testnet WIF in a mainnet transaction is an error).
fn check_key_network(key: &PrivateKey, network: Network, role: StartKeyRole) -> Result<(), Error> {
    if key.network().shares_base58_prefixes_with(network) {
        Ok(())
    } else {
        Err(Error::StartKeyNetwork {
            role,
            expected: network,
            found: key.network(),
        })
    }
}

/// What a START is built from.
///
/// ```
/// use flux_primitives::{Network, PrivateKey};
/// use flux_tx::fluxnode::CollateralOwner;
/// use flux_tx::fluxnode_sign::{build_start, StartRequest};
/// use flux_tx::FluxnodeVersion;
/// use flux_tx::pubkey::WirePubKey;
/// use flux_tx::OutPoint;
///
/// let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
/// let req = StartRequest {
///     network: Network::Main,
///     version: FluxnodeVersion::V5,
///     collateral: OutPoint::default(),
///     owner: CollateralOwner::PubKey(WirePubKey::from_bytes(key.public_key().to_bytes())),
///     node_pubkey: key.public_key().to_bytes(),
///     sig_time: 1_700_000_000,
///     delegates: None,
/// };
/// assert!(build_start(&req, &key).is_ok());
/// // A mainnet key cannot sign a testnet START.
/// let e = build_start(&StartRequest { network: Network::Test, ..req }, &key).unwrap_err();
/// assert_eq!(e.kind(), "wrong_network");
/// ```
#[derive(Debug, Clone)]
pub struct StartRequest {
    /// The network the START is for: the signing key must belong to it.
    pub network: Network,
    /// 5, or 6 (needed for a P2SH collateral and for delegates).
    pub version: FluxnodeVersion,
    /// The collateral outpoint.
    pub collateral: OutPoint,
    /// P2PKH collateral: the collateral public key written into the transaction; P2SH: the
    /// redeem script.
    pub owner: CollateralOwner,
    /// The node's operator key, written as given (compressed or not).
    pub node_pubkey: Vec<u8>,
    /// Signature time.
    pub sig_time: u32,
    /// Delegate data (v6 only): UPDATE with keys, or SIGNING.
    pub delegates: Option<Delegates>,
}

/// Builds and signs a START. `signer` is the collateral key (P2PKH), a key of the redeem
/// script (P2SH), or a delegate's key (delegates SIGNING).
pub fn build_start(req: &StartRequest, signer: &PrivateKey) -> Result<Transaction, Error> {
    let delegate_signs = req
        .delegates
        .as_ref()
        .is_some_and(|d| d.kind == Delegates::SIGNING);
    let role = match (&req.owner, delegate_signs) {
        (_, true) => StartKeyRole::Delegate,
        (CollateralOwner::PubKey(_), false) => StartKeyRole::Collateral,
        (CollateralOwner::P2sh(_), false) => StartKeyRole::RedeemScript,
    };
    check_key_network(signer, req.network, role)?;
    let flux_tx_version = match req.version {
        FluxnodeVersion::V5 => {
            if req.delegates.is_some() {
                return Err(Error::spec("delegates", SpecProblem::NeedsVersion6));
            }
            if matches!(req.owner, CollateralOwner::P2sh(_)) {
                return Err(Error::spec("redeem_script", SpecProblem::NeedsVersion6));
            }
            None
        }
        FluxnodeVersion::V6 => {
            let base = match req.owner {
                CollateralOwner::PubKey(_) => FLUX_TX_NORMAL_BIT,
                CollateralOwner::P2sh(_) => FLUX_TX_P2SH_BIT,
            };
            Some(if req.delegates.is_some() {
                base | FLUX_TX_DELEGATES_BIT
            } else {
                base
            })
        }
    };
    if let Some(d) = &req.delegates {
        if d.keys.len() > MAX_DELEGATE_KEYS {
            return Err(Error::spec(
                "delegates.public_keys",
                SpecProblem::Count {
                    got: d.keys.len(),
                    min: 0,
                    max: MAX_DELEGATE_KEYS,
                },
            ));
        }
        if !d.is_valid() {
            return Err(Error::spec("delegates", SpecProblem::InvalidDelegates));
        }
    }
    if let CollateralOwner::P2sh(script) = &req.owner {
        let Some((_, keys)) = multisig_keys(script.as_bytes()) else {
            return Err(Error::spec("redeem_script", SpecProblem::NotMultisig));
        };
        let signing_as_delegate = req
            .delegates
            .as_ref()
            .is_some_and(|d| d.kind == Delegates::SIGNING);
        if !signing_as_delegate && !keys.contains(&signer.public_key().to_bytes()) {
            return Err(Error::spec("wif", SpecProblem::KeyNotInRedeemScript));
        }
    }
    let start = StartTx {
        flux_tx_version,
        body: Some(StartBody {
            collateral: req.collateral,
            owner: req.owner.clone(),
            node_pubkey: WirePubKey::from_bytes(req.node_pubkey.clone()),
            sig_time: req.sig_time,
            sig: Vec::new(),
        }),
        delegates: req.delegates.clone().map(|d| DelegatesField {
            using_delegates: 1,
            data: Some(d),
        }),
    };
    let mut tx = Transaction::Fluxnode(FluxnodeTx::Start(start));
    let sig = sign_message(signer, start_message(&tx).as_bytes());
    if let Transaction::Fluxnode(FluxnodeTx::Start(StartTx {
        body: Some(body), ..
    })) = &mut tx
    {
        body.sig = sig.to_vec();
    }
    Ok(tx)
}

/// Signs (or re-signs) a CONFIRM's operator signature with the node key.
pub fn sign_confirm(c: &mut ConfirmTx, node_key: &PrivateKey) {
    c.sig = sign_message(node_key, confirm_message(c).as_bytes()).to_vec();
}

/// The P2SH script a redeem script pays to (for checking a collateral output).
pub fn p2sh_of(redeem_script: &ScriptBuf) -> ScriptBuf {
    ScriptBuf::p2sh(&hash160(redeem_script.as_bytes()))
}

/// Builds and signs a START from the JSON specification of `flux fluxnode start`:
/// `network`, `version` (5 or 6), `collateral` {`txid`, `vout`}, `collateral_wif` (P2PKH) or
/// `redeem_script` + `wif` (P2SH), `collateral_public_key` (when a delegate signs),
/// `fluxnode_public_key` (hex, as given), `sig_time`, and optional `delegates`
/// {`type`: `update` + `public_keys`, or `signing` + `signer_wif`}.
pub fn start_from_spec(spec: &serde_json::Value) -> Result<(Network, Transaction), Error> {
    use crate::spec::Fields;
    let f = Fields::new(spec, "")?;
    f.only(&[
        "network",
        "version",
        "collateral",
        "collateral_wif",
        "redeem_script",
        "wif",
        "collateral_public_key",
        "fluxnode_public_key",
        "sig_time",
        "delegates",
    ])?;
    let network = f.network()?;
    let version = match f.u64("version", u64::MAX)? {
        5 => FluxnodeVersion::V5,
        6 => FluxnodeVersion::V6,
        got => {
            return Err(Error::spec(
                "version",
                SpecProblem::Version {
                    got,
                    allowed: "5 or 6",
                },
            ))
        }
    };
    let c = Fields::new(f.req("collateral")?, "collateral")?;
    c.only(&["txid", "vout"])?;
    let collateral = OutPoint::new(c.txid("txid")?, c.u64("vout", u64::from(u32::MAX))? as u32);
    let node_pubkey = f.hex("fluxnode_public_key")?;
    if let Err(e) = flux_primitives::PublicKey::from_slice(&node_pubkey) {
        return Err(Error::spec(
            "fluxnode_public_key",
            SpecProblem::Primitives(e),
        ));
    }
    let sig_time = f.u64("sig_time", u64::from(u32::MAX))? as u32;

    let mut delegate_signer = None;
    let delegates = match f.get("delegates") {
        None => None,
        Some(v) => {
            let d = Fields::new(v, "delegates")?;
            d.only(&["type", "public_keys", "signer_wif"])?;
            match d.str("type")? {
                "update" => {
                    if d.has("signer_wif") {
                        return Err(Error::spec(
                            "delegates.signer_wif",
                            SpecProblem::OnlyWith {
                                other: "type signing",
                            },
                        ));
                    }
                    let keys = d
                        .req("public_keys")?
                        .as_array()
                        .ok_or_else(|| Error::spec("delegates.public_keys", SpecProblem::NotArray))?
                        .iter()
                        .enumerate()
                        .map(|(i, k)| {
                            let field = format!("delegates.public_keys[{i}]");
                            let text = k
                                .as_str()
                                .ok_or_else(|| Error::spec(&field, SpecProblem::NotString))?;
                            hex::decode(text)
                                .map(WirePubKey::from_bytes)
                                .map_err(|e| Error::spec(&field, SpecProblem::NotHex(e.into())))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    if keys.is_empty() || keys.len() > MAX_DELEGATE_KEYS {
                        return Err(Error::spec(
                            "delegates.public_keys",
                            SpecProblem::Count {
                                got: keys.len(),
                                min: 1,
                                max: MAX_DELEGATE_KEYS,
                            },
                        ));
                    }
                    Some(Delegates {
                        version: 1,
                        kind: Delegates::UPDATE,
                        keys,
                    })
                }
                "signing" => {
                    if d.has("public_keys") {
                        return Err(Error::spec(
                            "delegates.public_keys",
                            SpecProblem::OnlyWith {
                                other: "type update",
                            },
                        ));
                    }
                    delegate_signer = Some(d.opt_wif("signer_wif")?.ok_or_else(|| {
                        Error::spec("delegates.signer_wif", SpecProblem::Required)
                    })?);
                    Some(Delegates {
                        version: 1,
                        kind: Delegates::SIGNING,
                        keys: Vec::new(),
                    })
                }
                other => {
                    return Err(Error::spec(
                        "delegates.type",
                        SpecProblem::NotOneOf {
                            got: other.to_string(),
                            allowed: "update or signing",
                        },
                    ))
                }
            }
        }
    };

    let collateral_wif = f.opt_wif("collateral_wif")?;
    // Every WIF must be of the spec's network, whether it signs or only gives its public key.
    if let Some(k) = &collateral_wif {
        check_key_network(k, network, StartKeyRole::Collateral)?;
    }
    if let Some(k) = &delegate_signer {
        check_key_network(k, network, StartKeyRole::Delegate)?;
    }
    let given_pubkey = f.opt_hex("collateral_public_key")?;
    let (owner, signer) = match f.opt_hex("redeem_script")? {
        Some(script) => {
            if collateral_wif.is_some() {
                return Err(Error::spec(
                    "collateral_wif",
                    SpecProblem::Contradicts {
                        other: "redeem_script",
                        instead: Some("wif"),
                    },
                ));
            }
            if given_pubkey.is_some() {
                return Err(Error::spec(
                    "collateral_public_key",
                    SpecProblem::Contradicts {
                        other: "redeem_script",
                        instead: None,
                    },
                ));
            }
            let signer = match (delegate_signer, f.opt_wif("wif")?) {
                (Some(d), None) => d,
                (Some(_), Some(_)) => {
                    return Err(Error::spec(
                        "wif",
                        SpecProblem::Contradicts {
                            other: "delegates.signer_wif",
                            instead: None,
                        },
                    ))
                }
                (None, Some(w)) => {
                    check_key_network(&w, network, StartKeyRole::RedeemScript)?;
                    w
                }
                (None, None) => {
                    return Err(Error::spec(
                        "wif",
                        SpecProblem::RequiredWith {
                            other: "redeem_script",
                        },
                    ))
                }
            };
            (CollateralOwner::P2sh(ScriptBuf::from_bytes(script)), signer)
        }
        None => {
            if f.has("wif") {
                return Err(Error::spec(
                    "wif",
                    SpecProblem::OnlyWith {
                        other: "redeem_script",
                    },
                ));
            }
            match delegate_signer {
                Some(d) => {
                    let pk = match (given_pubkey, &collateral_wif) {
                        (Some(pk), Some(w)) if pk != w.public_key().to_bytes() => {
                            return Err(Error::spec(
                                "collateral_public_key",
                                SpecProblem::Mismatch {
                                    other: "collateral_wif",
                                },
                            ))
                        }
                        (Some(pk), _) => pk,
                        (None, Some(w)) => w.public_key().to_bytes(),
                        (None, None) => {
                            return Err(Error::spec(
                                "collateral_public_key",
                                SpecProblem::RequiredWith {
                                    other: "delegates type signing",
                                },
                            ))
                        }
                    };
                    (CollateralOwner::PubKey(WirePubKey::from_bytes(pk)), d)
                }
                None => {
                    let w = collateral_wif.ok_or_else(|| {
                        Error::spec(
                            "collateral_wif",
                            SpecProblem::RequiredOr {
                                alternative: "redeem_script + wif",
                            },
                        )
                    })?;
                    let pk = w.public_key().to_bytes();
                    if given_pubkey.as_ref().is_some_and(|g| *g != pk) {
                        return Err(Error::spec(
                            "collateral_public_key",
                            SpecProblem::Mismatch {
                                other: "collateral_wif",
                            },
                        ));
                    }
                    (CollateralOwner::PubKey(WirePubKey::from_bytes(pk)), w)
                }
            }
        }
    };
    let req = StartRequest {
        network,
        version,
        collateral,
        owner,
        node_pubkey,
        sig_time,
        delegates,
    };
    Ok((network, build_start(&req, &signer)?))
}
