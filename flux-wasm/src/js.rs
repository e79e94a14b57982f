//! The `#[wasm_bindgen]` exports: JavaScript object in, [`crate::api`] call, JavaScript
//! object out, [`Failure`] thrown as an `Error` with `kind`.
//!
//! Both directions go through JSON text (`JSON.stringify` of the input, `JSON.parse` of the
//! result): the result is then exactly what `JSON.parse` makes of the `flux` command's
//! stdout, fluxd's 8-decimal amounts included, and no second serializer is compiled in.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::api;
use crate::Failure;

/// The exception thrown for a [`Failure`]: a plain `Error` (so `instanceof Error` holds and
/// the console shows the message) with the command's `kind` beside its `message`.
fn throw(failure: Failure) -> JsValue {
    let err = js_sys::Error::new(&failure.message);
    // Setting a property on a fresh Error cannot fail; if it somehow did, the Error still
    // carries the message.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("kind"), &failure.kind.into());
    err.into()
}

/// serde_json's message without its " at line 1 column 9" suffix, which points into JSON
/// text the caller never wrote.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text.get(..i).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// Reads the one input object of function `name` into its input type.
fn input<T: DeserializeOwned>(name: &str, value: &JsValue) -> Result<T, Failure> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Failure::usage(format!(
            "{name}: expected one object of named fields"
        )));
    }
    // stringify throws on BigInt and cycles; both are usage errors here.
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            Failure::usage(format!(
                "{name}: the input object cannot be read as JSON (BigInt or a cycle?)"
            ))
        })?;
    let parsed = serde_json::from_str(&text)
        .map_err(|e| Failure::usage(format!("{name}: {}", without_position(&e))));
    // The text may hold a WIF, a mnemonic or a seed: wiped as soon as it has been read.
    let mut text = text;
    text.zeroize();
    parsed
}

/// Turns a result into the JavaScript value `JSON.parse` gives for the command's stdout.
fn output<T: Serialize>(value: &T) -> Result<JsValue, Failure> {
    let mut text = serde_json::to_string(value).map_err(Failure::input)?;
    let parsed = js_sys::JSON::parse(&text).map_err(|_| Failure::input("result is not JSON"));
    // keyNew returns a WIF: not left behind in wasm memory.
    text.zeroize();
    parsed
}

/// One exported function: read the input, call the library, convert the result; any
/// failure becomes the thrown `Error`.
fn call<I: DeserializeOwned, O: Serialize>(
    name: &str,
    value: &JsValue,
    f: impl FnOnce(I) -> Result<O, Failure>,
) -> Result<JsValue, JsValue> {
    input(name, value)
        .and_then(f)
        .and_then(|out| output(&out))
        .map_err(throw)
}

// Not exported yet: `keyDerive` (api::key_derive). It links bip39's Unicode normalization
// tables, BIP32 and PBKDF2: 93 KB gzipped more, which puts the .wasm over its 250 KB budget.

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// Decodes a raw transaction into fluxd's `decoderawtransaction` JSON, with its txid
/// (`flux tx decode HEX --network N`). Throws an `Error` with `kind` on bad input.
///
/// ```js
/// const tx = txDecode({ hex: "0400008085202f89…", network: "main" });
/// tx.txid; tx.vout[0].value; // FLUX as fluxd prints it; tx.vout[0].valueZat in zatoshis
/// ```
#[wasm_bindgen(js_name = txDecode, unchecked_return_type = "DecodedTransaction")]
pub fn tx_decode(
    #[wasm_bindgen(unchecked_param_type = "TxDecodeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("txDecode", &input, api::tx_decode)
}

/// Decodes a serialized block of either era into fluxd's `getblock` JSON, with its hash
/// (`flux block decode HEX --network N --verbosity V --height H`).
///
/// ```js
/// const block = blockDecode({ hex: blockHex, verbosity: 1, height: 2020000 });
/// block.hash; block.type; // "PON"
/// block.tx;               // txids (verbosity 2, the default: decoded transactions)
/// ```
#[wasm_bindgen(js_name = blockDecode, unchecked_return_type = "DecodedBlock")]
pub fn block_decode(
    #[wasm_bindgen(unchecked_param_type = "BlockDecodeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("blockDecode", &input, api::block_decode)
}

/// Decodes a serialized header of either era into fluxd's `getblockheader` JSON, with its
/// hash (`flux header decode HEX --network N`).
///
/// ```js
/// const header = headerDecode({ hex: headerHex });
/// header.hash; header.bits; header.difficulty;
/// ```
#[wasm_bindgen(js_name = headerDecode, unchecked_return_type = "DecodedHeader")]
pub fn header_decode(
    #[wasm_bindgen(unchecked_param_type = "HeaderDecodeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("headerDecode", &input, api::header_decode)
}

/// The network upgrade, branch id, block kind and Equihash sets at a height
/// (`flux chain upgrade HEIGHT --network N`).
///
/// ```js
/// chainUpgrade({ height: 2020000 }).upgrade; // "PON"
/// ```
#[wasm_bindgen(js_name = chainUpgrade, unchecked_return_type = "ChainUpgrade")]
pub fn chain_upgrade(
    #[wasm_bindgen(unchecked_param_type = "ChainUpgradeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("chainUpgrade", &input, api::chain_upgrade)
}

/// The block subsidy and the payouts it owes at a height, in zatoshis
/// (`flux chain subsidy HEIGHT --network N`).
///
/// ```js
/// const s = chainSubsidy({ height: 2020000 });
/// s.subsidy; s.cumulus; s.nimbus; s.stratus;
/// ```
#[wasm_bindgen(js_name = chainSubsidy, unchecked_return_type = "ChainSubsidy")]
pub fn chain_subsidy(
    #[wasm_bindgen(unchecked_param_type = "ChainSubsidyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("chainSubsidy", &input, api::chain_subsidy)
}

/// A new random private key with its public key, addresses and WIF (`flux key new`). The
/// randomness comes from the host's `crypto.getRandomValues`.
///
/// ```js
/// const { wif, address, zelid } = keyNew({ network: "main" });
/// ```
#[wasm_bindgen(js_name = keyNew, unchecked_return_type = "KeyInfo")]
pub fn key_new(
    #[wasm_bindgen(unchecked_param_type = "KeyNewInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("keyNew", &input, api::key_new)
}

/// A WIF's network, public key and addresses, never the WIF itself (`flux key inspect`).
///
/// ```js
/// keyInspect({ wif: "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW" }).zelid;
/// // "1DRqUB3pUAKo4p1wemFRUX5iDANwk1PJzA"
/// ```
#[wasm_bindgen(js_name = keyInspect, unchecked_return_type = "KeyInfo")]
pub fn key_inspect(
    #[wasm_bindgen(unchecked_param_type = "KeyInspectInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("keyInspect", &input, api::key_inspect)
}

/// An address's network, kind, hash160 and scriptPubKey (`flux address inspect`).
///
/// ```js
/// addressInspect({ address: "t3ba4XTTQR8UbkY53KFQ9zZnx6sMXsnU9ZV" }).kind;
/// ```
#[wasm_bindgen(js_name = addressInspect, unchecked_return_type = "AddressInfo")]
pub fn address_inspect(
    #[wasm_bindgen(unchecked_param_type = "AddressInspectInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("addressInspect", &input, api::address_inspect)
}

/// A compact (base64) message signature with the signer's address, ZelID and public key
/// (`flux message sign`). The message is signed exactly as given.
///
/// ```js
/// messageSign({ wif, message: "hello", magic: "bitcoin" }).signature;
/// ```
#[wasm_bindgen(js_name = messageSign, unchecked_return_type = "SignedMessage")]
pub fn message_sign(
    #[wasm_bindgen(unchecked_param_type = "MessageSignInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("messageSign", &input, api::message_sign)
}

/// Whether a signature is the signer's over a message (`flux message verify`): an invalid
/// signature is `valid: false` with a reason, not an exception.
///
/// ```js
/// messageVerify({ address: "1CbE…", signature: "IH9d…", message: phrase }).valid;
/// ```
#[wasm_bindgen(js_name = messageVerify, unchecked_return_type = "MessageVerdict")]
pub fn message_verify(
    #[wasm_bindgen(unchecked_param_type = "MessageVerifyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("messageVerify", &input, api::message_verify)
}

/// The host's clock, milliseconds since 1970: the bindings' only source of time.
fn now_ms() -> u64 {
    // Date.now() is a non-negative integer below 2^53 for any real clock.
    js_sys::Date::now().max(0.0) as u64
}

/// FluxOS's ZelID login check: the phrase's age (against `at`, default `Date.now()`) and
/// its signature (`flux zelid verify-login`). A failed check is `valid: false` with a reason.
///
/// ```js
/// zelidVerifyLogin({ zelid, phrase, signature }).valid;
/// ```
#[wasm_bindgen(js_name = zelidVerifyLogin, unchecked_return_type = "LoginVerdict")]
pub fn zelid_verify_login(
    #[wasm_bindgen(unchecked_param_type = "ZelidVerifyLoginInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("zelidVerifyLogin", &input, |i| {
        api::zelid_verify_login(i, now_ms())
    })
}

/// The ZelID, login phrase and signature of a `zelidauth` header (`flux zelid header parse`).
///
/// ```js
/// zelidHeaderParse({ header: req.headers.zelidauth }).zelid;
/// ```
#[wasm_bindgen(js_name = zelidHeaderParse, unchecked_return_type = "ZelidAuth")]
pub fn zelid_header_parse(
    #[wasm_bindgen(unchecked_param_type = "ZelidHeaderParseInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("zelidHeaderParse", &input, api::zelid_header_parse)
}

/// Whether a `zelidauth` header's signature holds and its session is open at `at` (default
/// `Date.now()`) for a privilege level (`flux zelid header verify`).
///
/// ```js
/// zelidHeaderVerify({ header, level: "user" }).valid;
/// ```
#[wasm_bindgen(js_name = zelidHeaderVerify, unchecked_return_type = "LoginVerdict")]
pub fn zelid_header_verify(
    #[wasm_bindgen(unchecked_param_type = "ZelidHeaderVerifyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("zelidHeaderVerify", &input, |i| {
        api::zelid_header_verify(i, now_ms())
    })
}
