//! The bindings as plain Rust: one input type and one function per `flux` command, each
//! calling the library function the command calls and returning what the command prints.
//!
//! Input types deserialize from the JavaScript object (camelCase fields, unknown fields
//! refused so that a misspelt option is an error rather than silently ignored); optional
//! fields default as the command's flags do.

use flux_consensus::block::Block;
use flux_consensus::header::BlockHeader;
use flux_consensus::subsidy::SubsidyInfo;
use flux_primitives::codec::decode_exact;
use flux_primitives::keys::{DerivationPath, ExtendedPrivKey, Mnemonic, PrivateKey};
use flux_primitives::{Address, Network};
use flux_tx::Transaction;
use flux_zelid::header::ZelidAuth;
use flux_zelid::login::{LoginRequest, LoginVerdict};
use flux_zelid::privilege::Level;
use flux_zelid::{HeaderRule, Magic, MessageVerdict, SignedMessage, Signer, ZelId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::Failure;

fn main_network() -> String {
    "main".into()
}

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

/// A library view as the command prints it.
fn view(v: &impl Serialize) -> Result<Value, Failure> {
    serde_json::to_value(v).map_err(|e| Failure {
        kind: "internal",
        message: format!("cannot write the result as JSON: {e}"),
    })
}

/// `--network` of the block-level commands, an argument error when unknown.
fn network_argument(s: &str) -> Result<Network, Failure> {
    s.parse().map_err(Failure::argument)
}

/// Input of [`tx_decode`] (`flux tx decode HEX --network N`).
///
/// ```
/// let i: flux_wasm::api::TxDecodeInput = serde_json::from_str(r#"{"hex": "00"}"#).unwrap();
/// assert_eq!(i.network, "main");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TxDecodeInput {
    /// The raw transaction, hex.
    pub hex: String,
    /// Network for address rendering: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
}

/// `txDecode`: fluxd's `decoderawtransaction` JSON of a transaction, with its txid.
///
/// ```
/// use flux_wasm::api::{tx_decode, TxDecodeInput};
///
/// let err = tx_decode(TxDecodeInput { hex: "0".into(), network: "main".into() }).unwrap_err();
/// assert_eq!(err.kind, "invalid_input");
/// ```
pub fn tx_decode(input: TxDecodeInput) -> Result<flux_tx::json::TxJson, Failure> {
    let bytes = parse_hex("transaction", &input.hex)?;
    let tx = Transaction::from_bytes(&bytes).map_err(Failure::input)?;
    // `flux tx decode` reports an unknown network as bad input (not as a bad argument, as
    // the block commands do); kept so both give the same error.
    let network: Network = input.network.parse().map_err(Failure::input)?;
    Ok(flux_tx::json::to_json(&tx, network))
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
    #[serde(default = "main_network")]
    pub network: String,
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
/// let input = BlockDecodeInput { hex: "00".into(), network: "main".into(), verbosity: 2, height: None };
/// // A block that does not decode fails under flux-consensus's own error kind.
/// let kind = flux_consensus::block::Block::from_bytes(&[0]).unwrap_err().kind();
/// assert_eq!(block_decode(input).unwrap_err().kind, kind);
/// ```
pub fn block_decode(input: BlockDecodeInput) -> Result<flux_consensus::json::BlockJson, Failure> {
    let net = network_argument(&input.network)?;
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
/// assert_eq!(i.network, "test");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderDecodeInput {
    /// The serialized header, hex.
    pub hex: String,
    /// Network: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
}

/// `headerDecode`: fluxd's `getblockheader` JSON of a header of either era, with its hash.
///
/// ```
/// use flux_wasm::api::{header_decode, HeaderDecodeInput};
///
/// let input = HeaderDecodeInput { hex: "00".into(), network: "nowhere".into() };
/// assert_eq!(header_decode(input).unwrap_err().kind, "invalid_argument");
/// ```
pub fn header_decode(
    input: HeaderDecodeInput,
) -> Result<flux_consensus::json::HeaderJson, Failure> {
    let net = network_argument(&input.network)?;
    let bytes = parse_hex("header", &input.hex)?;
    let header: BlockHeader = decode_exact(&bytes)?;
    Ok(flux_consensus::json::header_json(&header, net, None))
}

/// Input of [`chain_upgrade`] (`flux chain upgrade HEIGHT --network N`).
///
/// ```
/// let i: flux_wasm::api::ChainUpgradeInput =
///     serde_json::from_str(r#"{"height": 2020000}"#).unwrap();
/// assert_eq!(i.network, "main");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainUpgradeInput {
    /// Block height.
    pub height: u32,
    /// Network: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
}

/// `chainUpgrade`: the upgrade, branch id, block kind and Equihash sets at a height.
///
/// ```
/// use flux_wasm::api::{chain_upgrade, ChainUpgradeInput};
///
/// let out = chain_upgrade(ChainUpgradeInput { height: 0, network: "main".into() }).unwrap();
/// assert_eq!(out["equihash"][0], "200,9");
/// ```
pub fn chain_upgrade(input: ChainUpgradeInput) -> Result<Value, Failure> {
    let net = network_argument(&input.network)?;
    serde_json::to_value(flux_consensus::rules::height_rules(net, input.height))
        .map_err(Failure::input)
}

/// Input of [`chain_subsidy`] (`flux chain subsidy HEIGHT --network N`).
///
/// ```
/// let i: flux_wasm::api::ChainSubsidyInput =
///     serde_json::from_str(r#"{"height": 2020000}"#).unwrap();
/// assert_eq!(i.network, "main");
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainSubsidyInput {
    /// Block height.
    pub height: u32,
    /// Network: main (default), test or regtest.
    #[serde(default = "main_network")]
    pub network: String,
}

/// `chainSubsidy`: the block subsidy and the payouts it owes at a height, in zatoshis.
///
/// ```
/// use flux_wasm::api::{chain_subsidy, ChainSubsidyInput};
///
/// let out = chain_subsidy(ChainSubsidyInput { height: 2_020_000, network: "main".into() }).unwrap();
/// assert_eq!(out["height"], 2_020_000);
/// ```
pub fn chain_subsidy(input: ChainSubsidyInput) -> Result<Value, Failure> {
    let net = network_argument(&input.network)?;
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
/// let out = key_new(KeyNewInput { network: flux_primitives::Network::Test, uncompressed: false }).unwrap();
/// assert!(out["address"].as_str().unwrap().starts_with("tm"));
/// ```
pub fn key_new(input: KeyNewInput) -> Result<Value, Failure> {
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
/// let out = key_inspect(KeyInspectInput { wif, network: None }).unwrap();
/// assert_eq!(out["zelid"], "1DRqUB3pUAKo4p1wemFRUX5iDANwk1PJzA");
/// ```
pub fn key_inspect(input: KeyInspectInput) -> Result<Value, Failure> {
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
/// Not exported to JavaScript yet: with it the .wasm exceeds its 250 KB gzipped budget
/// (bip39's Unicode normalization tables, BIP32 and PBKDF2 add 93 KB).
///
/// ```
/// use flux_wasm::api::{key_derive, KeyDeriveInput};
///
/// let input: KeyDeriveInput = serde_json::from_value(serde_json::json!({
///     "seed": "000102030405060708090a0b0c0d0e0f", "path": "m/0'"
/// })).unwrap();
/// assert_eq!(key_derive(input).unwrap()["depth"], 1);
/// ```
pub fn key_derive(input: KeyDeriveInput) -> Result<Value, Failure> {
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
        let m = Mnemonic::parse(words.trim())?;
        m.to_master_key(input.passphrase.as_deref().unwrap_or(""), network)?
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
/// assert_eq!(address_inspect(input).unwrap()["network"], "main");
/// ```
pub fn address_inspect(input: AddressInspectInput) -> Result<Value, Failure> {
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
/// assert_eq!(message_sign(input).unwrap()["zelid"], "1DRqUB3pUAKo4p1wemFRUX5iDANwk1PJzA");
/// ```
pub fn message_sign(input: MessageSignInput) -> Result<Value, Failure> {
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
/// assert_eq!(message_verify(input).unwrap()["valid"], true);
/// ```
pub fn message_verify(input: MessageVerifyInput) -> Result<Value, Failure> {
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
/// assert_eq!(zelid_verify_login(input, 0).unwrap()["valid"], true);
/// ```
pub fn zelid_verify_login(input: ZelidVerifyLoginInput, now_ms: u64) -> Result<Value, Failure> {
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
pub fn zelid_header_parse(input: ZelidHeaderParseInput) -> Result<Value, Failure> {
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
pub fn zelid_header_verify(input: ZelidHeaderVerifyInput, now_ms: u64) -> Result<Value, Failure> {
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
