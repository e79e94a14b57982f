//! The bindings as plain Rust: one input type and one function per `flux` command, each
//! calling the library function the command calls and returning what the command prints.
//!
//! Input types deserialize from the JavaScript object (camelCase fields, unknown fields
//! refused so that a misspelt option is an error rather than silently ignored); optional
//! fields default as the command's flags do.

use flux_client::app::message::{AppMessage, AppMessageType};
use flux_client::app::price::{self, PriceEpoch};
use flux_client::app::{format::format_text, js_json, validate::validate_spec, AppError};
use flux_consensus::block::Block;
use flux_consensus::check::{
    check_block, check_block_in_chain, BlockVerdict, CheckContext, FluxnodePayees, PrevHeader,
};
use flux_consensus::difficulty::next_work;
use flux_consensus::equihash::{EquihashParams, EquihashVerdict};
use flux_consensus::header::BlockHeader;
use flux_consensus::header_chain::HeaderRecord;
use flux_consensus::subsidy::SubsidyInfo;
use flux_primitives::codec::decode_exact;
use flux_primitives::keys::{DerivationPath, ExtendedPrivKey, Mnemonic, PrivateKey};
use flux_primitives::{Address, Network};
use flux_primitives::{Amount, BranchId, PublicKey};
use flux_tx::sighash::{SighashCache, SighashType, SignedInput};
use flux_tx::Transaction;
use flux_zelid::header::HeaderForm;
use flux_zelid::header::ZelidAuth;
use flux_zelid::login::{LoginRequest, LoginVerdict};
use flux_zelid::phrase::LoginPhrase;
use flux_zelid::privilege::Level;
use flux_zelid::{HeaderRule, Magic, MessageVerdict, SignedMessage, Signer, ZelId};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::Failure;

fn verbosity_two() -> u8 {
    2
}

/// Hex as the command line takes it: surrounding whitespace and a `0x` prefix ignored, the
/// error naming what was expected.
fn parse_hex(what: &str, s: &str) -> Result<Vec<u8>, Failure> {
    let t = s.trim();
    let t = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    hex::decode(t).map_err(|e| Failure::input(format!("{what} is not valid hex: {e}")))
}

/// A result as JSON text, exactly as the library's view serializes itself (its field order
/// included): what the command prints, and what the JavaScript side hands to `JSON.parse`.
///
/// ```
/// use flux_wasm::api::{chain_upgrade, ChainUpgradeInput};
///
/// let out = chain_upgrade(ChainUpgradeInput { height: 2_020_000, network: flux_primitives::Network::Main }).unwrap();
/// assert!(out.text().starts_with(r#"{"network":"main","height":2020000,"#));
/// assert_eq!(out.value()["upgrade"], "PON");
/// ```
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Json(Box<RawValue>);

impl Json {
    /// The JSON text.
    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The JSON as a [`Value`], for Rust callers and tests (its maps may not keep the text's
    /// field order).
    pub fn value(&self) -> Value {
        serde_json::from_str(self.0.get()).unwrap_or(Value::Null)
    }
}

/// A library view as the command prints it.
fn view(v: &impl Serialize) -> Result<Json, Failure> {
    let text = serde_json::to_string(v).map_err(|e| Failure {
        kind: "internal",
        message: format!("cannot write the result as JSON: {e}"),
        code: None,
    })?;
    raw_json(text)
}

/// JSON text a library wrote itself (`flux app sign`'s message) as a result, untouched.
fn raw_json(text: String) -> Result<Json, Failure> {
    RawValue::from_string(text).map(Json).map_err(|e| Failure {
        kind: "internal",
        message: format!("the result is not JSON: {e}"),
        code: None,
    })
}

/// Input of [`tx_decode`] (`flux tx decode HEX --network N`).
///
/// ```
/// let i: flux_wasm::api::TxDecodeInput = serde_json::from_str(r#"{"hex": "00"}"#).unwrap();
/// assert_eq!(i.network, flux_primitives::Network::Main);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TxDecodeInput {
    /// The raw transaction, hex.
    pub hex: String,
    /// Network for address rendering: main (default), test or regtest.
    #[serde(default = "mainnet")]
    pub network: Network,
}

/// `txDecode`: fluxd's `decoderawtransaction` JSON of a transaction, with its txid.
///
/// ```
/// use flux_wasm::api::{tx_decode, TxDecodeInput};
///
/// let err = tx_decode(TxDecodeInput { hex: "0".into(), network: flux_primitives::Network::Main }).unwrap_err();
/// assert_eq!(err.kind, "invalid_input");
/// ```
pub fn tx_decode(input: TxDecodeInput) -> Result<flux_tx::json::TxJson, Failure> {
    let bytes = parse_hex("transaction", &input.hex)?;
    let tx = Transaction::from_bytes(&bytes).map_err(Failure::from)?;
    Ok(flux_tx::json::to_json(&tx, input.network))
}

/// Input of [`block_decode`] (`flux block decode HEX --network N --verbosity V --height H`).
///
/// ```
/// let i: flux_wasm::api::BlockDecodeInput =
///     serde_json::from_str(r#"{"hex": "00", "verbosity": 1}"#).unwrap();
/// assert_eq!((i.verbosity, i.height), (1, None));
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockDecodeInput {
    /// The serialized block, hex.
    pub hex: String,
    /// Network for addresses and difficulty: main (default), test or regtest.
    #[serde(default = "mainnet")]
    pub network: Network,
    /// 1: txids; 2 (default): decoded transactions.
    #[serde(default = "verbosity_two")]
    pub verbosity: u8,
    /// The block's height, if known (shown as `height`).
    #[serde(default)]
    pub height: Option<u32>,
}

/// `blockDecode`: fluxd's `getblock` JSON of a block of either era, with its hash.
///
/// ```
/// use flux_wasm::api::{block_decode, BlockDecodeInput};
///
/// let input = BlockDecodeInput { hex: "00".into(), network: flux_primitives::Network::Main, verbosity: 2, height: None };
/// // A block that does not decode fails under flux-consensus's own error kind.
/// let kind = flux_consensus::block::Block::from_bytes(&[0]).unwrap_err().kind();
/// assert_eq!(block_decode(input).unwrap_err().kind, kind);
/// ```
pub fn block_decode(input: BlockDecodeInput) -> Result<flux_consensus::json::BlockJson, Failure> {
    let net = input.network;
    let verbosity =
        flux_consensus::json::Verbosity::try_from(input.verbosity).map_err(Failure::argument)?;
    let bytes = parse_hex("block", &input.hex)?;
    let block = Block::from_bytes(&bytes)?;
    Ok(flux_consensus::json::block_json(
        &block,
        net,
        input.height,
        verbosity,
    ))
}

/// Input of [`header_decode`] (`flux header decode HEX --network N`).
///
/// ```
/// let i: flux_wasm::api::HeaderDecodeInput =
///     serde_json::from_str(r#"{"hex": "00", "network": "test"}"#).unwrap();
/// assert_eq!(i.network, flux_primitives::Network::Test);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderDecodeInput {
    /// The serialized header, hex.
    pub hex: String,
    /// Network: main (default), test or regtest.
    #[serde(default = "mainnet")]
    pub network: Network,
}

/// `headerDecode`: fluxd's `getblockheader` JSON of a header of either era, with its hash.
///
/// ```
/// use flux_wasm::api::{header_decode, HeaderDecodeInput};
///
/// let input = HeaderDecodeInput { hex: "00".into(), network: flux_primitives::Network::Main };
/// assert!(header_decode(input).is_err());
/// ```
pub fn header_decode(
    input: HeaderDecodeInput,
) -> Result<flux_consensus::json::HeaderJson, Failure> {
    let net = input.network;
    let bytes = parse_hex("header", &input.hex)?;
    let header: BlockHeader = decode_exact(&bytes)?;
    Ok(flux_consensus::json::header_json(&header, net, None))
}

/// Input of [`chain_upgrade`] (`flux chain upgrade HEIGHT --network N`).
///
/// ```
/// let i: flux_wasm::api::ChainUpgradeInput =
///     serde_json::from_str(r#"{"height": 2020000}"#).unwrap();
/// assert_eq!(i.network, flux_primitives::Network::Main);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainUpgradeInput {
    /// Block height.
    pub height: u32,
    /// Network: main (default), test or regtest.
    #[serde(default = "mainnet")]
    pub network: Network,
}

/// `chainUpgrade`: the upgrade, branch id, block kind and Equihash sets at a height.
///
/// ```
/// use flux_wasm::api::{chain_upgrade, ChainUpgradeInput};
///
/// let out = chain_upgrade(ChainUpgradeInput { height: 0, network: flux_primitives::Network::Main }).unwrap().value();
/// assert_eq!(out["equihash"][0], "200,9");
/// ```
pub fn chain_upgrade(input: ChainUpgradeInput) -> Result<Json, Failure> {
    let net = input.network;
    view(&flux_consensus::rules::height_rules(net, input.height))
}

/// Input of [`chain_subsidy`] (`flux chain subsidy HEIGHT --network N`).
///
/// ```
/// let i: flux_wasm::api::ChainSubsidyInput =
///     serde_json::from_str(r#"{"height": 2020000}"#).unwrap();
/// assert_eq!(i.network, flux_primitives::Network::Main);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainSubsidyInput {
    /// Block height.
    pub height: u32,
    /// Network: main (default), test or regtest.
    #[serde(default = "mainnet")]
    pub network: Network,
}

/// `chainSubsidy`: the block subsidy and the payouts it owes at a height, in zatoshis.
///
/// ```
/// use flux_wasm::api::{chain_subsidy, ChainSubsidyInput};
///
/// let out = chain_subsidy(ChainSubsidyInput { height: 2_020_000, network: flux_primitives::Network::Main }).unwrap().value();
/// assert_eq!(out["height"], 2_020_000);
/// ```
pub fn chain_subsidy(input: ChainSubsidyInput) -> Result<Json, Failure> {
    let net = input.network;
    view(&SubsidyInfo::at(net, input.height))
}

/// Input of [`key_new`] (`flux key new --network N [--uncompressed]`).
///
/// ```
/// let i: flux_wasm::api::KeyNewInput = serde_json::from_str("{}").unwrap();
/// assert!(!i.uncompressed);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyNewInput {
    /// Network of the WIF and address (default main).
    #[serde(default = "mainnet")]
    pub network: Network,
    /// Use the 65-byte public key form (and its different address).
    #[serde(default)]
    pub uncompressed: bool,
}

/// `keyNew`: a new random private key (randomness from the host: `crypto.getRandomValues`)
/// with its public key, addresses and WIF.
///
/// ```
/// use flux_wasm::api::{key_new, KeyNewInput};
///
/// let out = key_new(KeyNewInput { network: flux_primitives::Network::Test, uncompressed: false }).unwrap().value();
/// assert!(out["address"].as_str().unwrap().starts_with("tm"));
/// ```
pub fn key_new(input: KeyNewInput) -> Result<Json, Failure> {
    let key = PrivateKey::generate(!input.uncompressed, input.network);
    view(&key.info().with_wif(&key))
}

/// Input of [`key_inspect`] (`flux key inspect WIF [--network N]`). The WIF is wiped from
/// memory when the input is dropped.
///
/// ```
/// let i: flux_wasm::api::KeyInspectInput =
///     serde_json::from_str(r#"{"wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"}"#).unwrap();
/// assert!(i.network.is_none());
/// ```
#[derive(Debug, Clone, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyInspectInput {
    /// The private key, WIF.
    pub wif: String,
    /// Require the WIF to belong to this network (a testnet WIF is also a regtest WIF).
    #[serde(default)]
    #[zeroize(skip)]
    pub network: Option<Network>,
}

/// `keyInspect`: a WIF's network, public key and addresses (never the WIF itself).
///
/// ```
/// use flux_wasm::api::{key_inspect, KeyInspectInput};
///
/// let wif = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW".to_string();
/// let out = key_inspect(KeyInspectInput { wif, network: None }).unwrap().value();
/// assert_eq!(out["zelid"], "1DRqUB3pUAKo4p1wemFRUX5iDANwk1PJzA");
/// ```
pub fn key_inspect(input: KeyInspectInput) -> Result<Json, Failure> {
    let text = input.wif.trim();
    let key = match input.network {
        Some(n) => PrivateKey::from_wif_for_network(text, n)?,
        None => PrivateKey::from_wif(text)?,
    };
    view(&key.info())
}

/// Input of [`key_derive`] (`flux key derive --seed|--mnemonic|--xprv ... --path P`):
/// exactly one of `seed`, `mnemonic` and `xprv`. The secrets are wiped from memory when the
/// input is dropped.
///
/// ```
/// let i: flux_wasm::api::KeyDeriveInput = serde_json::from_str(
///     r#"{"mnemonic": "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", "path": "m/0"}"#,
/// ).unwrap();
/// assert!(i.seed.is_none() && i.passphrase.is_none());
/// ```
#[derive(Debug, Clone, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyDeriveInput {
    /// BIP32 seed, hex (16 to 64 bytes).
    #[serde(default)]
    pub seed: Option<String>,
    /// BIP39 mnemonic (English words).
    #[serde(default)]
    pub mnemonic: Option<String>,
    /// BIP39 passphrase (only with `mnemonic`).
    #[serde(default)]
    pub passphrase: Option<String>,
    /// Extended private key to derive from (the path is relative to it).
    #[serde(default)]
    pub xprv: Option<String>,
    /// Derivation path such as `m/44'/19167'/0'/0/0` (`h` also marks hardened steps).
    pub path: String,
    /// Network of the output keys (default main, or the network of `xprv`).
    #[serde(default)]
    #[zeroize(skip)]
    pub network: Option<Network>,
}

/// `keyDerive`: a BIP32 key from a seed, a BIP39 mnemonic or an extended private key, with
/// its path, fingerprints, xprv/xpub, addresses and WIF.
///
/// `mnemonic` and `passphrase` must already be NFKD-normalized, as BIP39 requires: the
/// JavaScript export does that with the host's `String.prototype.normalize("NFKD")` (ASCII
/// text is NFKD as it is), which keeps bip39's Unicode tables (about 90 KB) out of the .wasm.
///
/// ```
/// use flux_wasm::api::{key_derive, KeyDeriveInput};
///
/// let input: KeyDeriveInput = serde_json::from_value(serde_json::json!({
///     "seed": "000102030405060708090a0b0c0d0e0f", "path": "m/0'"
/// })).unwrap();
/// assert_eq!(key_derive(input).unwrap().value()["depth"], 1);
/// ```
pub fn key_derive(input: KeyDeriveInput) -> Result<Json, Failure> {
    let sources = [&input.seed, &input.mnemonic, &input.xprv]
        .iter()
        .filter(|s| s.is_some())
        .count();
    if sources != 1 {
        return Err(Failure::usage(
            "keyDerive: give exactly one of seed, mnemonic or xprv",
        ));
    }
    if input.passphrase.is_some() && input.mnemonic.is_none() {
        return Err(Failure::argument("--passphrase only applies to --mnemonic"));
    }
    let path: DerivationPath = input
        .path
        .parse()
        .map_err(|e: flux_primitives::Error| Failure::usage(format!("keyDerive: path: {e}")))?;
    // Seeds and mnemonics carry no network: mainnet unless `network` says otherwise.
    let network = input.network.unwrap_or(Network::Main);
    let root = if let Some(seed) = &input.seed {
        let seed = parse_hex("--seed", seed)?;
        ExtendedPrivKey::new_master(&seed, network)?
    } else if let Some(words) = &input.mnemonic {
        // NFKD already applied by the caller (the JavaScript export uses the host's
        // String.prototype.normalize), so bip39's normalization tables are not linked.
        let m = Mnemonic::parse_nfkd(words.trim())?;
        m.to_master_key_nfkd(input.passphrase.as_deref().unwrap_or(""), network)?
    } else if let Some(x) = &input.xprv {
        let key = ExtendedPrivKey::from_base58(x.trim())?;
        match input.network {
            Some(n) => key.for_network(n)?,
            None => key,
        }
    } else {
        return Err(Failure::usage(
            "keyDerive: give exactly one of seed, mnemonic or xprv",
        ));
    };
    let key = root.derive(&path)?;
    view(&key.info(&path))
}

/// Input of [`address_inspect`] (`flux address inspect ADDRESS [--network N]`).
///
/// ```
/// let i: flux_wasm::api::AddressInspectInput =
///     serde_json::from_str(r#"{"address": "t3ba4XTTQR8UbkY53KFQ9zZnx6sMXsnU9ZV"}"#).unwrap();
/// assert!(i.network.is_none());
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddressInspectInput {
    /// Any Flux (t1/t3/tm/t2), ZelID (`1…`), Sapling or Sprout address.
    pub address: String,
    /// Require the address to be valid on this network.
    #[serde(default)]
    pub network: Option<Network>,
}

/// `addressInspect`: an address's network, kind, hash160 and scriptPubKey.
///
/// ```
/// use flux_wasm::api::{address_inspect, AddressInspectInput};
///
/// let input = AddressInspectInput { address: "t3ba4XTTQR8UbkY53KFQ9zZnx6sMXsnU9ZV".into(), network: None };
/// assert_eq!(address_inspect(input).unwrap().value()["network"], "main");
/// ```
pub fn address_inspect(input: AddressInspectInput) -> Result<Json, Failure> {
    let text = input.address.trim();
    let addr = match input.network {
        Some(n) => Address::from_str_for_network(text, n)?,
        None => text.parse::<Address>()?,
    };
    view(&addr.info())
}

/// The magic prefix hashed with a message: `"bitcoin"` (ZelID, FluxOS, SSP; the default) or
/// `"zelcash"` (fluxd's signmessage, fluxnode messages).
///
/// ```
/// let m: flux_wasm::api::MagicName = serde_json::from_str(r#""zelcash""#).unwrap();
/// assert_eq!(m, flux_wasm::api::MagicName::Zelcash);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MagicName {
    /// "Bitcoin Signed Message:\n".
    #[default]
    Bitcoin,
    /// "Zelcash Signed Message:\n".
    Zelcash,
}

impl From<MagicName> for Magic<'static> {
    fn from(m: MagicName) -> Magic<'static> {
        match m {
            MagicName::Bitcoin => Magic::Bitcoin,
            MagicName::Zelcash => Magic::Zelcash,
        }
    }
}

/// The message bytes: the text exactly as given (no trimming), or hex bytes with `hex`.
fn message_bytes(text: &str, hex: bool) -> Result<Vec<u8>, Failure> {
    if hex {
        parse_hex("message", text)
    } else {
        Ok(text.as_bytes().to_vec())
    }
}

/// Input of [`message_sign`] (`flux message sign --wif W [--magic M] [--hex] MESSAGE`). The WIF
/// is wiped from memory when the input is dropped.
///
/// ```
/// let i: flux_wasm::api::MessageSignInput =
///     serde_json::from_str(r#"{"wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW", "message": "hello"}"#).unwrap();
/// assert!(!i.hex);
/// ```
#[derive(Debug, Clone, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessageSignInput {
    /// Private key, WIF (compressed or uncompressed; the WIF decides the header byte).
    pub wif: String,
    /// Magic prefix (default bitcoin).
    #[serde(default)]
    #[zeroize(skip)]
    pub magic: MagicName,
    /// The message is hex bytes.
    #[serde(default)]
    pub hex: bool,
    /// The message, signed exactly as given.
    pub message: String,
}

/// `messageSign`: a compact (base64) message signature with the signer's address, ZelID and
/// public key.
///
/// ```
/// use flux_wasm::api::{message_sign, MessageSignInput};
///
/// let input: MessageSignInput = serde_json::from_value(serde_json::json!({
///     "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW", "message": "hello"
/// })).unwrap();
/// assert_eq!(message_sign(input).unwrap().value()["zelid"], "1DRqUB3pUAKo4p1wemFRUX5iDANwk1PJzA");
/// ```
pub fn message_sign(input: MessageSignInput) -> Result<Json, Failure> {
    let key = PrivateKey::from_wif(input.wif.trim())?;
    let message = message_bytes(&input.message, input.hex)?;
    view(&SignedMessage::sign(&key, input.magic.into(), &message))
}

/// Input of [`message_verify`] (`flux message verify --address A|--public-key K --signature S
/// [--magic M] [--hex] [--fluxd-headers] MESSAGE`): exactly one of `address` and `publicKey`.
///
/// ```
/// let i: flux_wasm::api::MessageVerifyInput = serde_json::from_str(
///     r#"{"address": "1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC", "signature": "AA==", "message": "m"}"#,
/// ).unwrap();
/// assert!(!i.fluxd_headers);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessageVerifyInput {
    /// A `1…` ZelID, `t1…`/`tm…` address or `0x…` Ethereum address.
    #[serde(default)]
    pub address: Option<String>,
    /// A hex public key (33 or 65 bytes).
    #[serde(default)]
    pub public_key: Option<String>,
    /// The base64 signature (or `0x` hex for an Ethereum address).
    pub signature: String,
    /// Magic prefix (default bitcoin).
    #[serde(default)]
    pub magic: MagicName,
    /// The message is hex bytes.
    #[serde(default)]
    pub hex: bool,
    /// Accept any header byte, masked as fluxd does, instead of 27..=34 only.
    #[serde(default)]
    pub fluxd_headers: bool,
    /// The message, verified exactly as given.
    pub message: String,
}

/// `messageVerify`: whether the signature is the signer's over the message, with the
/// recovered key and address (`valid: false` with a reason when not; nothing is thrown for an
/// invalid signature).
///
/// ```
/// use flux_wasm::api::{message_verify, MessageVerifyInput};
///
/// let input: MessageVerifyInput = serde_json::from_value(serde_json::json!({
///     "address": "1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC",
///     "signature": "IH9d68fk/dYQtuMlNN7ioc52MJ6ryRT0IYss6h/KCwVWGcbVNFoI8Jh6hIklRq+w2itV/6vs/xzCWp4TUdSWDBc=",
///     "message": "16125160820394ddsh5skgwv0ipodku92y0jbwvpyj17bh68lzrjlxq9"
/// })).unwrap();
/// assert_eq!(message_verify(input).unwrap().value()["valid"], true);
/// ```
pub fn message_verify(input: MessageVerifyInput) -> Result<Json, Failure> {
    let signer_text = match (&input.address, &input.public_key) {
        (Some(a), None) => a,
        (None, Some(k)) => k,
        _ => {
            return Err(Failure::usage(
                "messageVerify: give exactly one of address or publicKey",
            ))
        }
    };
    let signer = Signer::parse(signer_text)?;
    let message = message_bytes(&input.message, input.hex)?;
    let rule = if input.fluxd_headers {
        HeaderRule::FluxdMasked
    } else {
        HeaderRule::Strict
    };
    let verdict = MessageVerdict::check(
        input.magic.into(),
        &message,
        input.signature.trim(),
        &signer,
        rule,
    )?;
    view(&verdict)
}

/// Input of [`zelid_verify_login`] (`flux zelid verify-login --zelid Z --phrase P --signature S
/// [--at MS]`).
///
/// ```
/// let i: flux_wasm::api::ZelidVerifyLoginInput = serde_json::from_str(
///     r#"{"zelid": "1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC", "phrase": "p", "signature": "s"}"#,
/// ).unwrap();
/// assert!(i.at.is_none());
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZelidVerifyLoginInput {
    /// The ZelID (`1…` or `0x…`).
    pub zelid: String,
    /// The login phrase that was signed.
    pub phrase: String,
    /// The signature, base64 (or `0x` hex for an Ethereum ZelID).
    pub signature: String,
    /// The time to judge the phrase's age at, milliseconds since 1970 (default: now).
    #[serde(default)]
    pub at: Option<u64>,
}

/// `zelidVerifyLogin`: FluxOS's login check (phrase age and signature) as a verdict; `now_ms`
/// is used when the input gives no `at` (the JavaScript export passes `Date.now()`).
///
/// ```
/// use flux_wasm::api::{zelid_verify_login, ZelidVerifyLoginInput};
///
/// let input: ZelidVerifyLoginInput = serde_json::from_value(serde_json::json!({
///     "zelid": "1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC",
///     "phrase": "16125160820394ddsh5skgwv0ipodku92y0jbwvpyj17bh68lzrjlxq9",
///     "signature": "IH9d68fk/dYQtuMlNN7ioc52MJ6ryRT0IYss6h/KCwVWGcbVNFoI8Jh6hIklRq+w2itV/6vs/xzCWp4TUdSWDBc=",
///     "at": 1612516082040u64
/// })).unwrap();
/// assert_eq!(zelid_verify_login(input, 0).unwrap().value()["valid"], true);
/// ```
pub fn zelid_verify_login(input: ZelidVerifyLoginInput, now_ms: u64) -> Result<Json, Failure> {
    let zelid: ZelId = input
        .zelid
        .parse()
        .map_err(|e: flux_zelid::Error| Failure::usage(format!("zelidVerifyLogin: zelid: {e}")))?;
    let req = LoginRequest {
        zelid,
        login_phrase: input.phrase,
        signature: input.signature,
    };
    let verdict = LoginVerdict::check_login(&req, input.at.unwrap_or(now_ms))?;
    view(&verdict)
}

/// Input of [`zelid_header_parse`] (`flux zelid header parse HEADER`).
///
/// ```
/// let i: flux_wasm::api::ZelidHeaderParseInput = serde_json::from_str(r#"{"header": "{}"}"#).unwrap();
/// assert_eq!(i.header, "{}");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZelidHeaderParseInput {
    /// The `zelidauth` header: JSON or URL-encoded form.
    pub header: String,
}

/// `zelidHeaderParse`: the ZelID, login phrase and signature of a `zelidauth` header.
///
/// ```
/// use flux_wasm::api::{zelid_header_parse, ZelidHeaderParseInput};
///
/// let input = ZelidHeaderParseInput { header: "not a header".into() };
/// assert!(zelid_header_parse(input).is_err());
/// ```
pub fn zelid_header_parse(input: ZelidHeaderParseInput) -> Result<Json, Failure> {
    view(&ZelidAuth::parse(input.header.trim())?)
}

/// The privilege a `zelidauth` header is checked for.
///
/// ```
/// let l: flux_wasm::api::LevelName = serde_json::from_str(r#""appowner""#).unwrap();
/// assert_eq!(l, flux_wasm::api::LevelName::Appowner);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelName {
    /// Any signed-in user (the default).
    #[default]
    User,
    /// An app owner's (longer) window; which app the ZelID owns is not checked here.
    Appowner,
}

/// Input of [`zelid_header_verify`] (`flux zelid header verify HEADER [--level L] [--at MS]`).
///
/// ```
/// let i: flux_wasm::api::ZelidHeaderVerifyInput = serde_json::from_str(r#"{"header": "{}"}"#).unwrap();
/// assert_eq!(i.level, flux_wasm::api::LevelName::User);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZelidHeaderVerifyInput {
    /// The `zelidauth` header: JSON or URL-encoded form.
    pub header: String,
    /// The privilege to check the session window for (default user).
    #[serde(default)]
    pub level: LevelName,
    /// The time to judge the session at, milliseconds since 1970 (default: now).
    #[serde(default)]
    pub at: Option<u64>,
}

/// `zelidHeaderVerify`: whether a `zelidauth` header's signature holds and its session is
/// still open, as a verdict; `now_ms` is used when the input gives no `at`.
///
/// ```
/// use flux_wasm::api::{zelid_header_verify, ZelidHeaderVerifyInput, LevelName};
///
/// let input = ZelidHeaderVerifyInput { header: "x".into(), level: LevelName::User, at: None };
/// assert!(zelid_header_verify(input, 0).is_err());
/// ```
pub fn zelid_header_verify(input: ZelidHeaderVerifyInput, now_ms: u64) -> Result<Json, Failure> {
    let auth = ZelidAuth::parse(input.header.trim())?;
    let level = match input.level {
        LevelName::User => Level::User,
        // As the command: the stateless window is the same for every app.
        LevelName::Appowner => Level::AppOwner(String::new()),
    };
    let verdict = LoginVerdict::check_header(&auth, &level, input.at.unwrap_or(now_ms))?;
    view(&verdict)
}

/// The network of an input that names none: mainnet, as the `flux` tool's `--network`.
fn mainnet() -> Network {
    Network::Main
}

/// A JSON argument given either as the JSON value itself (an object or array) or as its text
/// (a string, as a page's text area holds it): the text the command would read.
fn json_text(raw: &RawValue) -> Result<String, Failure> {
    let text = raw.get();
    if text.starts_with('"') {
        serde_json::from_str::<String>(text).map_err(Failure::input)
    } else {
        Ok(text.to_string())
    }
}

/// A JSON argument as a value (see [`json_text`]), with the command's message when the text
/// is not JSON.
fn json_value(raw: &RawValue, what: &str) -> Result<Value, Failure> {
    let text = json_text(raw)?;
    serde_json::from_str(&text).map_err(|e| Failure::input(format!("{what} is not JSON: {e}")))
}

/// A number option that JavaScript may give as a number or as text (`"0x76b809bb"`,
/// `"ALL|ANYONECANPAY"`).
///
/// ```
/// let n: flux_wasm::api::NumberOrText = serde_json::from_str("1").unwrap();
/// assert_eq!(n.text(), "1");
/// let t: flux_wasm::api::NumberOrText = serde_json::from_str(r#""ALL""#).unwrap();
/// assert_eq!(t.text(), "ALL");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NumberOrText {
    /// A JavaScript number.
    Number(u64),
    /// Text, as the command line takes it.
    Text(String),
}

impl NumberOrText {
    /// The option's text as the command line would receive it.
    pub fn text(&self) -> String {
        match self {
            NumberOrText::Number(n) => n.to_string(),
            NumberOrText::Text(t) => t.clone(),
        }
    }
}

/// `--branch-id`: `0x` hex or decimal (default Flux's 0x76b809bb), as `flux tx` reads it.
fn branch_id(arg: Option<&NumberOrText>) -> Result<BranchId, Failure> {
    let Some(arg) = arg else {
        return Ok(flux_primitives::network::upgrade::FLUX_BRANCH_ID);
    };
    let s = arg.text();
    let t = s.trim();
    let r = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16),
        None => t.parse(),
    };
    r.map(BranchId::from_consensus)
        .map_err(|e| Failure::argument(format!("--branch-id {s:?}: {e}")))
}

/// Input of [`zelid_phrase`] (`flux zelid phrase [--at MS]`).
///
/// ```
/// let i: flux_wasm::api::ZelidPhraseInput = serde_json::from_str("{}").unwrap();
/// assert!(i.at.is_none());
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZelidPhraseInput {
    /// The phrase's timestamp, milliseconds since 1970 (default: now).
    #[serde(default)]
    pub at: Option<u64>,
}

/// `zelidPhrase`: a fresh login phrase in FluxOS's format; `now_ms` when the input gives no
/// `at` (the JavaScript export passes `Date.now()`).
///
/// ```
/// use flux_wasm::api::{zelid_phrase, ZelidPhraseInput};
///
/// let out = zelid_phrase(ZelidPhraseInput { at: Some(1_700_000_000_000) }, 0).unwrap().value();
/// assert!(out["login_phrase"].as_str().unwrap().starts_with("1700000000000"));
/// ```
pub fn zelid_phrase(input: ZelidPhraseInput, now_ms: u64) -> Result<Json, Failure> {
    view(&LoginPhrase::generate(input.at.unwrap_or(now_ms)))
}

/// The form of a built `zelidauth` header.
///
/// ```
/// let f: flux_wasm::api::FormName = serde_json::from_str(r#""url""#).unwrap();
/// assert_eq!(f, flux_wasm::api::FormName::Url);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormName {
    /// `{"zelid":…,"signature":…,"loginPhrase":…}` (the default).
    #[default]
    Json,
    /// `zelid=…&signature=…&loginPhrase=…`.
    Url,
}

/// Input of [`zelid_header_build`] (`flux zelid header build [--zelid Z --signature S]
/// [--phrase P] [--wif W] [--form F]`). The WIF is wiped from memory when the input is
/// dropped.
///
/// ```
/// let i: flux_wasm::api::ZelidHeaderBuildInput =
///     serde_json::from_str(r#"{"wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"}"#).unwrap();
/// assert!(i.phrase.is_none());
/// ```
#[derive(Debug, Clone, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZelidHeaderBuildInput {
    /// The ZelID (not needed with `wif`).
    #[serde(default)]
    pub zelid: Option<String>,
    /// The login phrase (with `wif`: default a fresh one).
    #[serde(default)]
    pub phrase: Option<String>,
    /// The signature (not needed with `wif`).
    #[serde(default)]
    pub signature: Option<String>,
    /// Sign the phrase with this private key (WIF) instead.
    #[serde(default)]
    pub wif: Option<String>,
    /// Which form `header` shows (both are always returned too).
    #[serde(default)]
    #[zeroize(skip)]
    pub form: FormName,
}

/// `zelidHeaderBuild`: a `zelidauth` header in both forms, from a signature or signed here
/// with `wif`; a fresh phrase at `now_ms` when `wif` is given without `phrase`.
///
/// ```
/// use flux_wasm::api::{zelid_header_build, ZelidHeaderBuildInput};
///
/// let input: ZelidHeaderBuildInput = serde_json::from_value(serde_json::json!({
///     "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"
/// })).unwrap();
/// let out = zelid_header_build(input, 1_700_000_000_000).unwrap().value();
/// assert_eq!(out["zelid"], "1DRqUB3pUAKo4p1wemFRUX5iDANwk1PJzA");
/// ```
pub fn zelid_header_build(input: ZelidHeaderBuildInput, now_ms: u64) -> Result<Json, Failure> {
    let form = match input.form {
        FormName::Json => HeaderForm::Json,
        FormName::Url => HeaderForm::UrlEncoded,
    };
    let auth = if let Some(wif) = &input.wif {
        let key = PrivateKey::from_wif(wif.trim())?;
        let phrase = match &input.phrase {
            Some(p) => p.clone(),
            None => LoginPhrase::generate(now_ms).as_str().to_string(),
        };
        ZelidAuth::sign(&key, &phrase)
    } else {
        // The command's messages, so that both fail alike.
        let need = |flag: &str| Failure::argument(format!("{flag} is needed without --wif"));
        let zelid = input.zelid.as_deref().ok_or_else(|| need("--zelid"))?;
        let zelid: ZelId = zelid.parse().map_err(|e: flux_zelid::Error| {
            Failure::usage(format!("zelidHeaderBuild: zelid: {e}"))
        })?;
        ZelidAuth {
            zelid,
            signature: input.signature.clone().ok_or_else(|| need("--signature"))?,
            login_phrase: input.phrase.clone().ok_or_else(|| need("--phrase"))?,
        }
    };
    view(&auth.built(form))
}

/// Input of [`tx_sighash`] (`flux tx sighash HEX --input I --script-code S --amount A
/// --hash-type T [--branch-id B]`).
///
/// ```
/// let i: flux_wasm::api::TxSighashInput = serde_json::from_str(
///     r#"{"hex": "00", "input": 0, "scriptCode": "76a9", "amount": 1, "hashType": "ALL"}"#,
/// ).unwrap();
/// assert!(i.branch_id.is_none());
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TxSighashInput {
    /// The raw transaction, hex.
    pub hex: String,
    /// Index of the input being signed.
    pub input: usize,
    /// The script being signed, hex: the scriptPubKey, or the redeem script for P2SH.
    pub script_code: String,
    /// Value of the spent output in zatoshis.
    pub amount: i64,
    /// `ALL`, `NONE`, `SINGLE`, each optionally `|ANYONECANPAY`, or a number.
    pub hash_type: NumberOrText,
    /// Consensus branch id: a number, or `0x` hex or decimal text (default 0x76b809bb).
    #[serde(default)]
    pub branch_id: Option<NumberOrText>,
}

/// `txSighash`: the ZIP-243 signature hash of one input, `{"sighash": hex}` in display order.
///
/// ```
/// use flux_wasm::api::{tx_sighash, TxSighashInput};
///
/// let input: TxSighashInput = serde_json::from_str(
///     r#"{"hex": "zz", "input": 0, "scriptCode": "", "amount": 0, "hashType": "ALL"}"#,
/// ).unwrap();
/// assert_eq!(tx_sighash(input).unwrap_err().kind, "invalid_input");
/// ```
pub fn tx_sighash(input: TxSighashInput) -> Result<Json, Failure> {
    let tx = read_tx(&input.hex)?;
    let std = tx
        .as_standard()
        .ok_or_else(|| Failure::input("fluxnode transactions have no inputs to sign"))?;
    let script = parse_hex("--script-code", &input.script_code)?;
    let hash_type = input.hash_type.text();
    let ht = hash_type.parse::<SighashType>().map_err(|_| {
        Failure::argument(format!(
            "--hash-type {hash_type:?} is not ALL, NONE, SINGLE (|ANYONECANPAY) or a number"
        ))
    })?;
    let branch = branch_id(input.branch_id.as_ref())?;
    let h = SighashCache::new(std)
        .signature_hash(
            SignedInput::Input {
                index: input.input,
                script_code: &script,
                amount: input.amount,
            },
            ht,
            branch,
        )
        .map_err(Failure::from)?;
    view(&flux_tx::view::SighashView::new(h))
}

fn read_tx(hex: &str) -> Result<Transaction, Failure> {
    let bytes = parse_hex("transaction", hex)?;
    Transaction::from_bytes(&bytes).map_err(Failure::from)
}

/// Input of [`tx_verify`] (`flux tx verify HEX --prevouts JSON [--branch-id B]`).
///
/// ```
/// let i: flux_wasm::api::TxVerifyInput = serde_json::from_str(
///     r#"{"hex": "00", "prevouts": [{"script_pubkey": "76a9", "amount": 1}]}"#,
/// ).unwrap();
/// assert!(i.prevouts.get().starts_with('['));
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TxVerifyInput {
    /// The raw transaction, hex.
    pub hex: String,
    /// The spent outputs, one per input: `[{"script_pubkey": hex, "amount": zat}]` (or its
    /// JSON text).
    pub prevouts: Box<RawValue>,
    /// Consensus branch id (default 0x76b809bb).
    #[serde(default)]
    pub branch_id: Option<NumberOrText>,
}

/// `txVerify`: every transparent input's signature checked against the output it spends
/// (flux-tx's `InputsVerdict`: `valid: false` with the reasons when one fails).
///
/// ```
/// use flux_wasm::api::{tx_verify, TxVerifyInput};
///
/// let input: TxVerifyInput = serde_json::from_str(r#"{"hex": "00", "prevouts": []}"#).unwrap();
/// assert_eq!(tx_verify(input).unwrap_err().kind, "unexpected_eof");
/// ```
pub fn tx_verify(input: TxVerifyInput) -> Result<Json, Failure> {
    let tx = read_tx(&input.hex)?;
    let std = tx.as_standard().ok_or_else(|| {
        Failure::input("fluxnode transactions have no inputs: use flux fluxnode verify")
    })?;
    let v = json_value(&input.prevouts, "--prevouts")?;
    let spent = flux_tx::sign::prevouts_from_json(&v).map_err(Failure::from)?;
    let branch = branch_id(input.branch_id.as_ref())?;
    let results = flux_tx::sign::verify_inputs(std, &spent, branch).map_err(Failure::from)?;
    view(&flux_tx::verdict::InputsVerdict::from_results(&results))
}

/// `fluxnodeStart`: a signed fluxnode START transaction from its specification (the object
/// `flux fluxnode start` reads), `{hex, txid}`.
///
/// ```
/// let err = flux_wasm::api::fluxnode_start(serde_json::json!({})).unwrap_err();
/// assert_eq!(err.kind, "invalid_spec");
/// ```
pub fn fluxnode_start(spec: Value) -> Result<Json, Failure> {
    let (_, tx) = flux_tx::fluxnode_sign::start_from_spec(&spec).map_err(Failure::from)?;
    view(&flux_tx::view::SignedTx::of(&tx))
}

/// Input of [`fluxnode_verify`] (`flux fluxnode verify HEX [--network N] [--node-pubkey K]
/// [--delegate-key K]...`).
///
/// ```
/// let i: flux_wasm::api::FluxnodeVerifyInput = serde_json::from_str(r#"{"hex": "00"}"#).unwrap();
/// assert!(i.delegate_key.is_empty());
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FluxnodeVerifyInput {
    /// The raw START or CONFIRM transaction, hex.
    pub hex: String,
    /// Network whose benchmark keys apply (default main).
    #[serde(default = "mainnet")]
    pub network: Network,
    /// The node's operator public key (hex), to check a CONFIRM's signature.
    #[serde(default)]
    pub node_pubkey: Option<String>,
    /// Stored delegate public keys (hex), to check a delegate-signed START.
    #[serde(default)]
    pub delegate_key: Vec<String>,
}

/// `fluxnodeVerify`: the signatures of a START or CONFIRM transaction (flux-tx's
/// `FluxnodeVerdict`).
///
/// ```
/// use flux_wasm::api::{fluxnode_verify, FluxnodeVerifyInput};
///
/// let input: FluxnodeVerifyInput = serde_json::from_str(r#"{"hex": "0"}"#).unwrap();
/// assert_eq!(fluxnode_verify(input).unwrap_err().kind, "invalid_input");
/// ```
pub fn fluxnode_verify(input: FluxnodeVerifyInput) -> Result<Json, Failure> {
    let tx = read_tx(&input.hex)?;
    let network = input.network;
    let ctx = flux_tx::fluxnode_sign::VerifyContext {
        node_pubkey: input
            .node_pubkey
            .as_deref()
            .map(|k| parse_hex("--node-pubkey", k))
            .transpose()?,
        delegate_keys: input
            .delegate_key
            .iter()
            .map(|k| parse_hex("--delegate-key", k))
            .collect::<Result<_, _>>()?,
    };
    let checks =
        flux_tx::fluxnode_sign::verify_fluxnode(&tx, network, &ctx).map_err(Failure::from)?;
    view(&flux_tx::verdict::FluxnodeVerdict::of(&tx, &checks))
}

/// Input of [`block_verify`] (`flux block verify HEX [--height H] [--network N]
/// [--node-public-key K] [--now T] [--prev-headers JSON] [--fluxnode-payees JSON]
/// [--fees ZAT]`).
///
/// ```
/// let i: flux_wasm::api::BlockVerifyInput = serde_json::from_str(r#"{"hex": "00"}"#).unwrap();
/// assert!(i.height.is_none() && i.prev_headers.is_none());
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockVerifyInput {
    /// The serialized block, hex.
    pub hex: String,
    /// Height, enabling the version, Equihash-set and coinbase rules.
    #[serde(default)]
    pub height: Option<u32>,
    /// Network (default main).
    #[serde(default = "mainnet")]
    pub network: Network,
    /// The producing node's operator public key (PoN blocks), hex.
    #[serde(default)]
    pub node_public_key: Option<String>,
    /// UNIX seconds for the future-time rule (default: the host's clock).
    #[serde(default)]
    pub now: Option<u32>,
    /// The previous headers' hex, consecutive, newest last (at `height - 1`). Needs `height`.
    #[serde(default)]
    pub prev_headers: Option<Vec<String>>,
    /// The fluxnode payees this block owes: tier → address or scriptPubKey hex (or its JSON
    /// text). Needs `height`.
    #[serde(default)]
    pub fluxnode_payees: Option<Box<RawValue>>,
    /// Total fees of the block's other transactions, zatoshis.
    #[serde(default)]
    pub fees: Option<i64>,
}

/// `blockVerify`: fluxd's block checks (flux-consensus's `BlockVerdict`); `now_s` is the
/// future-time rule's clock when the input gives no `now`.
///
/// ```
/// use flux_wasm::api::{block_verify, BlockVerifyInput};
///
/// let input: BlockVerifyInput = serde_json::from_str(r#"{"hex": "zz"}"#).unwrap();
/// assert_eq!(block_verify(input, 0).unwrap_err().kind, "invalid_input");
/// ```
pub fn block_verify(input: BlockVerifyInput, now_s: u32) -> Result<Json, Failure> {
    let net = input.network;
    let bytes = parse_hex("block", &input.hex)?;
    let block = Block::from_bytes(&bytes)?;
    let key = input
        .node_public_key
        .as_deref()
        .map(|k| k.trim().parse::<PublicKey>().map_err(Failure::from))
        .transpose()?;
    if input.fluxnode_payees.is_some() && input.height.is_none() {
        return Err(Failure::argument("--fluxnode-payees needs --height"));
    }
    let fluxnode_payees = match &input.fluxnode_payees {
        Some(raw) => Some(
            FluxnodePayees::from_json(&json_text(raw)?, net)
                .map_err(|e| Failure::argument(format!("--fluxnode-payees: {e}")))?,
        ),
        None => None,
    };
    let fees = input
        .fees
        .map(|z| Amount::from_zat(z).map_err(|e| Failure::argument(format!("--fees: {e}"))))
        .transpose()?;
    let ctx = CheckContext {
        network: net,
        height: input.height,
        node_public_key: key,
        now: Some(input.now.unwrap_or(now_s)),
        fluxnode_payees,
        fees,
    };
    let report = match (&input.prev_headers, input.height) {
        (None, _) => check_block(&block, &ctx),
        (Some(_), None) => return Err(Failure::argument("--prev-headers needs --height")),
        (Some(list), Some(h)) => {
            let bytes = list
                .iter()
                .map(|x| parse_hex("previous header", x))
                .collect::<Result<Vec<_>, _>>()?;
            let chain = match h.checked_sub(1) {
                Some(tip) => PrevHeader::chain(&bytes, tip),
                None if bytes.is_empty() => Ok(Vec::new()),
                None => Err(flux_consensus::Error::TooManyHeaders {
                    count: bytes.len(),
                    tip_height: 0,
                }),
            };
            let prev = chain.map_err(|e| Failure::argument(format!("--prev-headers: {e}")))?;
            check_block_in_chain(&block, &ctx, h, &prev[..])
        }
    };
    view(&BlockVerdict::new(&block, report))
}

/// Input of [`equihash_verify`] (`flux equihash verify --header HEX [--network N]`, or
/// `--n N --k K --input HEX --nonce HEX --solution HEX`).
///
/// ```
/// let i: flux_wasm::api::EquihashVerifyInput = serde_json::from_str(r#"{"header": "00"}"#).unwrap();
/// assert!(i.n.is_none());
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EquihashVerifyInput {
    /// A whole serialized PoW header, hex (n and k follow from the solution size).
    #[serde(default)]
    pub header: Option<String>,
    /// Network of the header (default main).
    #[serde(default)]
    pub network: Option<Network>,
    /// n (200, 144, 125, 96, 48).
    #[serde(default)]
    pub n: Option<u32>,
    /// k (9, 5, 4).
    #[serde(default)]
    pub k: Option<u32>,
    /// The 108-byte header prefix, hex.
    #[serde(default)]
    pub input: Option<String>,
    /// The 32-byte nonce, hex, in serialized (internal) order.
    #[serde(default)]
    pub nonce: Option<String>,
    /// The solution without its length prefix, hex.
    #[serde(default)]
    pub solution: Option<String>,
}

/// `equihashVerify`: one Equihash solution checked (flux-consensus's `EquihashVerdict`).
///
/// ```
/// use flux_wasm::api::{equihash_verify, EquihashVerifyInput};
///
/// let input: EquihashVerifyInput = serde_json::from_str("{}").unwrap();
/// assert_eq!(equihash_verify(input).unwrap_err().kind, "usage");
/// ```
pub fn equihash_verify(input: EquihashVerifyInput) -> Result<Json, Failure> {
    let has_parts = input.n.is_some()
        || input.k.is_some()
        || input.input.is_some()
        || input.nonce.is_some()
        || input.solution.is_some();
    let verdict = match &input.header {
        Some(_) if has_parts => {
            return Err(Failure::usage(
                "equihashVerify: give either header, or n, k, input, nonce and solution",
            ))
        }
        Some(hex) => {
            let bytes = parse_hex("header", hex)?;
            let header: BlockHeader = decode_exact(&bytes)?;
            EquihashVerdict::of_header(&header)?
        }
        None => {
            let (Some(n), Some(k), Some(i), Some(nonce), Some(solution), None) = (
                input.n,
                input.k,
                &input.input,
                &input.nonce,
                &input.solution,
                &input.network,
            ) else {
                return Err(Failure::usage(
                    "equihashVerify: give header (and network), or n, k, input, nonce and solution",
                ));
            };
            let i = parse_hex("input", i)?;
            let nonce = parse_hex("nonce", nonce)?;
            let solution = parse_hex("solution", solution)?;
            EquihashVerdict::check(EquihashParams::for_nk(n, k), &i, &nonce, &solution).map_err(
                |e| match e {
                    flux_consensus::Error::EquihashInputLength { .. } => Failure::argument(e),
                    e => Failure::from(e),
                },
            )?
        }
    };
    view(&verdict)
}

/// Input of [`chain_next_bits`] (`flux chain next-bits HEADERS [--network N] [--time T]`).
///
/// ```
/// let i: flux_wasm::api::ChainNextBitsInput = serde_json::from_str(
///     r#"{"headers": [{"height": 2019999, "time": 1761415068, "bits": "1d2ee03b"}]}"#,
/// ).unwrap();
/// assert!(i.time.is_none());
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainNextBitsInput {
    /// The previous headers, oldest first, one per height:
    /// `[{"height", "time", "bits"}]` as getblockheader reports them (or its JSON text).
    pub headers: Box<RawValue>,
    /// Network (default main).
    #[serde(default = "mainnet")]
    pub network: Network,
    /// The candidate block's time, UNIX seconds (testnet's minimum-difficulty rule).
    #[serde(default)]
    pub time: Option<u32>,
}

/// `chainNextBits`: the nBits the next block must carry (`{height, bits, target}`).
///
/// ```
/// use flux_wasm::api::{chain_next_bits, ChainNextBitsInput};
///
/// let input: ChainNextBitsInput = serde_json::from_str(
///     r#"{"headers": [{"height": 2019999, "time": 1761415068, "bits": "1d2ee03b"}]}"#,
/// ).unwrap();
/// assert_eq!(chain_next_bits(input).unwrap().value()["bits"], "1f0bffff");
/// ```
pub fn chain_next_bits(input: ChainNextBitsInput) -> Result<Json, Failure> {
    let net = input.network;
    let prev = HeaderRecord::list_from_json(&json_text(&input.headers)?)?;
    view(&next_work(net, &prev, input.time)?)
}

fn app_failure(e: AppError) -> Failure {
    Failure::library(e.kind(), e)
}

/// Input of [`app_format`] (`flux app format SPEC`).
///
/// ```
/// let i: flux_wasm::api::AppFormatInput = serde_json::from_str(r#"{"spec": {"version": 1}}"#).unwrap();
/// assert_eq!(i.spec.get(), r#"{"version": 1}"#);
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppFormatInput {
    /// The app specification: an object, or its JSON text.
    pub spec: Box<RawValue>,
}

/// `appFormat`: the canonical JSON text FluxOS signs,
/// `JSON.stringify(specificationFormatter(spec))`.
///
/// ```
/// use flux_wasm::api::{app_format, AppFormatInput};
///
/// let input: AppFormatInput = serde_json::from_str(r#"{"spec": "not json"}"#).unwrap();
/// assert!(app_format(input).is_err());
/// ```
pub fn app_format(input: AppFormatInput) -> Result<String, Failure> {
    Ok(format_text(&json_text(&input.spec)?)
        .map_err(app_failure)?
        .to_json())
}

/// Input of [`app_validate`] (`flux app validate SPEC --height H`).
///
/// ```
/// let i: flux_wasm::api::AppValidateInput =
///     serde_json::from_str(r#"{"spec": {}, "height": 2000000}"#).unwrap();
/// assert_eq!(i.height, 2_000_000);
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppValidateInput {
    /// The app specification: an object, or its JSON text.
    pub spec: Box<RawValue>,
    /// Block height of the check.
    pub height: u64,
}

/// `appValidate`: the spec judged as a FluxOS node would at `height` (flux-client's
/// `ValidationView`: the first broken rule with FluxOS's message, and what was not checked).
///
/// ```
/// use flux_wasm::api::{app_validate, AppValidateInput};
///
/// let input: AppValidateInput = serde_json::from_str(r#"{"spec": {"version": 1}, "height": 2000000}"#).unwrap();
/// assert_eq!(app_validate(input).unwrap().value()["valid"], false);
/// ```
pub fn app_validate(input: AppValidateInput) -> Result<Json, Failure> {
    let raw = js_json::parse(&json_text(&input.spec)?).map_err(|e| app_failure(e.into()))?;
    let v = validate_spec(&raw, input.height).map_err(app_failure)?;
    view(&v.view())
}

/// Input of [`app_price`] (`flux app price SPEC --height H [--expire E] [--epochs JSON]`).
///
/// ```
/// let i: flux_wasm::api::AppPriceInput =
///     serde_json::from_str(r#"{"spec": {}, "height": 2000000}"#).unwrap();
/// assert!(i.expire.is_none() && i.epochs.is_none());
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppPriceInput {
    /// The app specification: an object, or its JSON text.
    pub spec: Box<RawValue>,
    /// Block height of the payment.
    pub height: u64,
    /// Lifetime in blocks for the registration amount (default: the spec's `expire`).
    #[serde(default)]
    pub expire: Option<u64>,
    /// Price epochs as `/apps/deploymentinformation` returns them (default: FluxOS's static
    /// table).
    #[serde(default)]
    pub epochs: Option<Box<RawValue>>,
}

/// `appPrice`: the price per month and the registration payment at `height` (flux-client's
/// `Quote`).
///
/// ```
/// use flux_wasm::api::{app_price, AppPriceInput};
///
/// let input: AppPriceInput = serde_json::from_str(r#"{"spec": "[", "height": 2000000}"#).unwrap();
/// assert!(app_price(input).is_err());
/// ```
pub fn app_price(input: AppPriceInput) -> Result<Json, Failure> {
    let formatted = format_text(&json_text(&input.spec)?).map_err(app_failure)?;
    let epochs: Vec<PriceEpoch> = match &input.epochs {
        Some(e) => price::parse_epochs(&json_text(e)?).map_err(app_failure)?,
        None => price::STATIC_EPOCHS.to_vec(),
    };
    let quote =
        price::quote(&formatted, input.height, &epochs, input.expire).map_err(app_failure)?;
    view(&quote)
}

/// The message type of [`app_sign`].
///
/// ```
/// let t: flux_wasm::api::SignTypeName = serde_json::from_str(r#""update""#).unwrap();
/// assert_eq!(t, flux_wasm::api::SignTypeName::Update);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignTypeName {
    /// `fluxappregister`.
    Register,
    /// `fluxappupdate`.
    Update,
}

/// Input of [`app_sign`] (`flux app sign SPEC --wif W --type T --timestamp MS`). The WIF is
/// wiped from memory when the input is dropped.
///
/// ```
/// let i: flux_wasm::api::AppSignInput = serde_json::from_str(
///     r#"{"spec": {}, "wif": "x", "type": "register", "timestamp": 1700000000000}"#,
/// ).unwrap();
/// assert_eq!(i.kind, flux_wasm::api::SignTypeName::Register);
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppSignInput {
    /// The app specification: an object, or its JSON text.
    pub spec: Box<RawValue>,
    /// The owner's private key, WIF (for an update: the current owner's).
    pub wif: String,
    /// `register` or `update`.
    #[serde(rename = "type")]
    pub kind: SignTypeName,
    /// Message timestamp, milliseconds since 1970.
    pub timestamp: u64,
}

impl Drop for AppSignInput {
    fn drop(&mut self) {
        self.wif.zeroize();
    }
}

/// `appSign`: the register or update message to post, signed (Bitcoin magic), with its hash:
/// the object `flux app sign` prints.
///
/// ```
/// use flux_wasm::api::{app_sign, AppSignInput};
///
/// let input: AppSignInput = serde_json::from_str(
///     r#"{"spec": {}, "wif": "x", "type": "register", "timestamp": 1}"#,
/// ).unwrap();
/// assert!(app_sign(input).is_err());
/// ```
pub fn app_sign(input: AppSignInput) -> Result<Json, Failure> {
    let formatted = format_text(&json_text(&input.spec)?).map_err(app_failure)?;
    let key = PrivateKey::from_wif(input.wif.trim())?;
    let kind = match input.kind {
        SignTypeName::Register => AppMessageType::Register,
        SignTypeName::Update => AppMessageType::Update,
    };
    let msg = AppMessage::new(kind, &formatted, input.timestamp);
    let signature = msg.sign(&key).map_err(app_failure)?;
    raw_json(msg.signed_json(&signature).map_err(app_failure)?)
}

/// What [`tx_build`] returns, as `flux tx build` prints it: flux-tx's view, the one type both
/// serialize.
///
/// ```
/// let b = flux_wasm::api::TxBuilt { hex: "00".into(), txid: "ab".into(), complete: false };
/// assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"hex":"00","txid":"ab","complete":false}"#);
/// ```
pub use flux_tx::view::BuiltTx as TxBuilt;

/// `txBuild`: a transaction built (and signed where the spec carries keys) from the
/// specification `flux tx build` reads (flux-tx's `build_from_spec`).
///
/// ```
/// let spec: serde_json::Value = serde_json::from_str(flux_tx::spec::TX_BUILD_EXAMPLE).unwrap();
/// let built = flux_wasm::api::tx_build(spec).unwrap();
/// assert!(built.complete && built.txid.len() == 64);
/// assert_eq!(flux_wasm::api::tx_build(serde_json::json!({})).unwrap_err().kind, "invalid_spec");
/// ```
pub fn tx_build(spec: Value) -> Result<TxBuilt, Failure> {
    let built = flux_tx::builder::build_from_spec(&spec).map_err(Failure::from)?;
    Ok(TxBuilt::of(&built))
}

/// Input of [`app_payment`] (`flux app payment --hash H --amount A --inputs JSON --wif W
/// [--change-address C] [--height N] [--fee Z] [--network N]`). The WIF is wiped from memory
/// when the input is dropped.
///
/// ```
/// let i: flux_wasm::api::AppPaymentInput = serde_json::from_str(
///     r#"{"hash": "ab", "amount": "0.6", "inputs": [], "wif": "x", "height": 2200000}"#,
/// ).unwrap();
/// assert_eq!((i.height, i.fee, i.network), (Some(2_200_000), None, flux_primitives::Network::Main));
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppPaymentInput {
    /// The message hash FluxOS returned for the registration or update (64 hex digits).
    pub hash: String,
    /// The amount in FLUX: a decimal string (`"0.6"`) or a number.
    pub amount: Box<RawValue>,
    /// The coins to spend, `[{"txid", "vout", "amount"}]` (amount in zatoshis): an array or
    /// its JSON text.
    pub inputs: Box<RawValue>,
    /// The key of the coins (WIF); it must belong to `network`.
    pub wif: String,
    /// Where change goes (default: the key's P2PKH address).
    #[serde(default)]
    pub change_address: Option<String>,
    /// Height of the block the payment is for (deployment address, branch id, expiry).
    #[serde(default)]
    pub height: Option<u64>,
    /// Fee in zatoshis (default 10000).
    #[serde(default)]
    pub fee: Option<u64>,
    /// Network of the key and addresses (default main).
    #[serde(default = "mainnet")]
    pub network: Network,
}

impl Drop for AppPaymentInput {
    fn drop(&mut self) {
        self.wif.zeroize();
    }
}

/// `appPayment`: the signed payment that makes a registration or update permanent
/// (flux-client's `AppPayment`), `{"hex", "txid"}` as `flux app payment` prints it.
///
/// ```
/// use flux_wasm::api::{app_payment, AppPaymentInput};
///
/// let input: AppPaymentInput = serde_json::from_str(&format!(
///     r#"{{"hash": "{}", "amount": "0.6", "height": 2200000,
///         "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW",
///         "inputs": [{{"txid": "{}", "vout": 0, "amount": 150000000}}]}}"#,
///     "ab".repeat(32), "11".repeat(32),
/// )).unwrap();
/// let paid = app_payment(input).unwrap().value();
/// assert_eq!(paid["txid"].as_str().unwrap().len(), 64);
/// ```
pub fn app_payment(input: AppPaymentInput) -> Result<Json, Failure> {
    // `flux app payment --amount` is the decimal text; a JavaScript number arrives as the
    // shortest text JSON.stringify writes for it, which reads back to the same decimal.
    let amount = Amount::from_flux_str(json_text(&input.amount)?.trim())?;
    let utxos = flux_client::app::payment::Utxo::list_from_json(&json_text(&input.inputs)?)
        .map_err(|e| app_failure(e.into()))?;
    let key = PrivateKey::from_wif(input.wif.trim())?;
    let mut payment = flux_client::app::payment::AppPayment::new(input.hash.trim(), amount)
        .map_err(|e| app_failure(e.into()))?
        .network(input.network);
    if let Some(h) = input.height {
        payment = payment.height(h);
    }
    if let Some(z) = input.fee {
        payment = payment.fee(Amount::from_zat(i64::try_from(z).unwrap_or(i64::MAX))?);
    }
    if let Some(a) = &input.change_address {
        payment = payment.change_to(a.trim().parse::<Address>()?);
    }
    let paid = payment
        .build(&utxos, &key)
        .map_err(|e| app_failure(e.into()))?;
    view(&paid.view())
}

/// Input of `os_login` (`flux os login --url U --wif W`). The WIF is wiped from memory
/// when the input is dropped.
///
/// ```
/// let i: flux_wasm::api::OsLoginInput =
///     serde_json::from_str(r#"{"url": "https://api.runonflux.io", "wif": "x"}"#).unwrap();
/// assert_eq!(i.url, "https://api.runonflux.io");
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OsLoginInput {
    /// FluxOS base URL: a node (`http://IP:16127`) or `https://api.runonflux.io`.
    pub url: String,
    /// The ZelID's private key (WIF).
    pub wif: String,
}

impl Drop for OsLoginInput {
    fn drop(&mut self) {
        self.wif.zeroize();
    }
}

/// Input of `os_get` (`flux os get PATH --url U [--zelidauth H | --wif W]`). The WIF is
/// wiped from memory when the input is dropped.
///
/// ```
/// let i: flux_wasm::api::OsGetInput =
///     serde_json::from_str(r#"{"path": "/flux/version", "url": "http://127.0.0.1:16127"}"#).unwrap();
/// assert!(i.zelidauth.is_none() && i.wif.is_none());
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OsGetInput {
    /// The route with its query, e.g. `/flux/version`.
    pub path: String,
    /// FluxOS base URL.
    pub url: String,
    /// A `zelidauth` header to send (JSON or URL-encoded form).
    #[serde(default)]
    pub zelidauth: Option<String>,
    /// Sign a fresh user-level session with this key (WIF) and send it as `zelidauth`.
    #[serde(default)]
    pub wif: Option<String>,
}

impl Drop for OsGetInput {
    fn drop(&mut self) {
        if let Some(w) = &mut self.wif {
            w.zeroize();
        }
    }
}

/// Input of `app_register` (`flux app register SPEC --url U --wif W`). The WIF is wiped
/// from memory when the input is dropped.
///
/// ```
/// let i: flux_wasm::api::AppRegisterInput =
///     serde_json::from_str(r#"{"spec": {}, "url": "http://127.0.0.1:16127", "wif": "x"}"#).unwrap();
/// assert_eq!(i.spec.get(), "{}");
/// ```
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppRegisterInput {
    /// The app specification: an object, or its JSON text.
    pub spec: Box<RawValue>,
    /// FluxOS base URL.
    pub url: String,
    /// The owner's private key (WIF).
    pub wif: String,
}

impl Drop for AppRegisterInput {
    fn drop(&mut self) {
        self.wif.zeroize();
    }
}

/// A FluxOS client of `url`, as the `flux` tool builds it.
#[cfg(feature = "os-exports")]
fn fluxos(url: &str) -> Result<flux_client::fluxos::FluxOs, Failure> {
    Ok(flux_client::fluxos::FluxOs::builder(url).build()?)
}

/// `osLogin`: logs in on a node (`/id/loginphrase`, sign, `/id/verifylogin`) and returns
/// what `flux os login` prints: `{zelid, zelidauth, privilege, expires_at}`.
///
/// ```no_run
/// # async fn demo() -> Result<(), flux_wasm::Failure> {
/// let input = serde_json::from_str(r#"{"url": "http://127.0.0.1:16127",
///     "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"}"#).unwrap();
/// let session = flux_wasm::api::os_login(input).await?.value();
/// println!("{}", session["zelidauth"]);
/// # Ok(()) }
/// ```
#[cfg(feature = "os-exports")]
pub async fn os_login(input: OsLoginInput) -> Result<Json, Failure> {
    let key = PrivateKey::from_wif(input.wif.trim())?;
    let session = fluxos(&input.url)?.login(&key).await?;
    view(&serde_json::json!(session.view()))
}

/// `osGet`: GETs a FluxOS route and returns the envelope's `data` (an error envelope, even
/// with HTTP 200, fails with kind `fluxos`), as `flux os get` prints it. `now_ms` stamps the
/// self-issued session when `wif` is given.
///
/// ```no_run
/// # async fn demo() -> Result<(), flux_wasm::Failure> {
/// let input = serde_json::from_str(r#"{"path": "/flux/version", "url": "http://127.0.0.1:16127"}"#).unwrap();
/// let version = flux_wasm::api::os_get(input, 1_750_000_000_000).await?.value();
/// # Ok(()) }
/// ```
#[cfg(feature = "os-exports")]
pub async fn os_get(input: OsGetInput, now_ms: u64) -> Result<Json, Failure> {
    use flux_client::fluxos::{Scope, Session};
    let mut os = fluxos(&input.url)?;
    match (&input.zelidauth, &input.wif) {
        (Some(_), Some(_)) => {
            // What the command line's parser says for `--zelidauth` with `--wif`.
            return Err(Failure::usage(
                "osGet: `zelidauth` cannot be used with `wif`",
            ));
        }
        (Some(h), None) => os = os.with_session(Session::from_zelidauth(h)?),
        (None, Some(w)) => {
            let key = PrivateKey::from_wif(w.trim())?;
            os = os.with_session(Session::self_issued(&key, now_ms, Scope::User));
        }
        (None, None) => {}
    }
    raw_json(os.get(&input.path).await?.get().to_owned())
}

/// `appRegister`: registers the app through a node (the node verifies and formats the spec,
/// the node's formatted spec is signed with the owner's key stamped `now_ms`, priced and
/// posted) and returns what `flux app register` prints: `{hash, timestamp, signature,
/// payment_address, price, pay_before}`.
///
/// ```no_run
/// # async fn demo(spec: &str) -> Result<(), flux_wasm::Failure> {
/// let input = serde_json::from_value(serde_json::json!({"spec": spec,
///     "url": "http://127.0.0.1:16127", "wif": "L1TTH4VBZ8TTjv8hHVBRc9gg7SJECucchQqEsZtsafb537Z7hSrU"})).unwrap();
/// let r = flux_wasm::api::app_register(input, 1_750_000_000_000).await?.value();
/// println!("pay {} FLUX to {} with memo {}", r["price"], r["payment_address"], r["hash"]);
/// # Ok(()) }
/// ```
#[cfg(feature = "os-exports")]
pub async fn app_register(input: AppRegisterInput, now_ms: u64) -> Result<Json, Failure> {
    let text = json_text(&input.spec)?;
    let key = PrivateKey::from_wif(input.wif.trim())?;
    let registration = fluxos(&input.url)?.register(&text, &key, now_ms).await?;
    view(&registration)
}
