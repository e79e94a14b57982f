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
    if let Some(code) = failure.code {
        // RPC codes and HTTP statuses are far inside f64's exact integers.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &(code as f64).into());
    }
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

#[cfg(any(
    feature = "core-exports",
    feature = "chain-exports",
    feature = "apps-exports"
))]
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

/// [`call`] for the async functions: the input is read before the first await, so a
/// wrong object rejects the Promise at once.
#[cfg(feature = "os-exports")]
async fn call_async<I, O, Fut>(
    name: &str,
    value: JsValue,
    f: impl FnOnce(I) -> Fut,
) -> Result<JsValue, JsValue>
where
    I: DeserializeOwned,
    O: Serialize,
    Fut: std::future::Future<Output = Result<O, Failure>>,
{
    let parsed = input(name, &value).map_err(throw)?;
    let out = f(parsed).await.map_err(throw)?;
    output(&out).map_err(throw)
}

// The TypeScript types live in the main module's declarations; the second module (see
// Cargo.toml's features) imports the ones its functions use from there.
#[cfg(all(not(feature = "core-exports"), feature = "os-exports"))]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"import type {
  OsLoginInput, OsLogin, OsGetInput, AppRegisterInput, AppRegistration,
} from "./flux_wasm";
"#;

#[cfg(feature = "core-exports")]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

#[cfg(all(not(feature = "core-exports"), feature = "chain-exports"))]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"import type {
  TxBuildSpec, TxBuilt, TxSighashInput, TxSighash, TxVerifyInput, InputsVerdict, FluxnodeStartSpec, FluxnodeStart,
  FluxnodeVerifyInput, FluxnodeVerdict, BlockVerifyInput, BlockVerdict, EquihashVerifyInput,
  EquihashVerdict, ChainNextBitsInput, NextBits,
} from "./flux_wasm";
"#;

#[cfg(all(not(feature = "core-exports"), feature = "apps-exports"))]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"import type {
  AppFormatInput, AppValidateInput, AppValidation, AppPriceInput, AppPrice, AppSignInput,
  AppSignedMessage, AppPaymentInput, AppPaymentTx,
} from "./flux_wasm";
"#;
#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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
#[cfg(any(
    feature = "core-exports",
    feature = "chain-exports",
    feature = "os-exports"
))]
fn now_ms() -> u64 {
    // Date.now() is a non-negative integer below 2^53 for any real clock.
    js_sys::Date::now().max(0.0) as u64
}

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

#[cfg(feature = "core-exports")]
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

/// The host's clock in UNIX seconds (block rules count seconds).
#[cfg(feature = "chain-exports")]
fn now_s() -> u32 {
    u32::try_from(now_ms() / 1000).unwrap_or(u32::MAX)
}

#[cfg(feature = "core-exports")]
/// `s` in Unicode NFKD, by the host (`String.prototype.normalize`): BIP39 normalizes
/// mnemonics and passphrases so, and the host's tables cost the .wasm nothing.
fn nfkd(s: &mut String) {
    let normalized = String::from(js_sys::JsString::from(s.as_str()).normalize("NFKD"));
    s.zeroize();
    *s = normalized;
}

#[cfg(feature = "core-exports")]
/// A BIP32 key derived from a seed, a BIP39 mnemonic (with optional passphrase) or an
/// extended private key (`flux key derive`): its path, fingerprints, xprv/xpub, addresses and
/// WIF. Give exactly one of `seed`, `mnemonic`, `xprv`.
///
/// ```js
/// const k = keyDerive({ mnemonic: "abandon … about", path: "m/44'/19167'/0'/0/0" });
/// k.address; k.wif;
/// ```
#[wasm_bindgen(js_name = keyDerive, unchecked_return_type = "DerivedKey")]
pub fn key_derive(
    #[wasm_bindgen(unchecked_param_type = "KeyDeriveInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("keyDerive", &input, |mut i: api::KeyDeriveInput| {
        if let Some(m) = i.mnemonic.as_mut() {
            nfkd(m);
        }
        if let Some(p) = i.passphrase.as_mut() {
            nfkd(p);
        }
        api::key_derive(i)
    })
}

#[cfg(feature = "core-exports")]
/// A fresh FluxOS login phrase at `at` (default `Date.now()`) with random text from the
/// host's `crypto.getRandomValues` (`flux zelid phrase`).
///
/// ```js
/// zelidPhrase({}).login_phrase; // "1700000000000…" (57 characters)
/// ```
#[wasm_bindgen(js_name = zelidPhrase, unchecked_return_type = "LoginPhrase")]
pub fn zelid_phrase(
    #[wasm_bindgen(unchecked_param_type = "ZelidPhraseInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("zelidPhrase", &input, |i| api::zelid_phrase(i, now_ms()))
}

#[cfg(feature = "core-exports")]
/// A `zelidauth` header in both forms, from `{zelid, phrase, signature}` or signed here with
/// `wif` (a fresh phrase when none is given) (`flux zelid header build`).
///
/// ```js
/// zelidHeaderBuild({ wif }).header; // {"zelid":…,"signature":…,"loginPhrase":…}
/// ```
#[wasm_bindgen(js_name = zelidHeaderBuild, unchecked_return_type = "BuiltZelidHeader")]
pub fn zelid_header_build(
    #[wasm_bindgen(unchecked_param_type = "ZelidHeaderBuildInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("zelidHeaderBuild", &input, |i| {
        api::zelid_header_build(i, now_ms())
    })
}

#[cfg(feature = "chain-exports")]
/// A transaction built, and signed where the specification carries keys (`flux tx build`):
/// `{hex, txid, complete}`.
///
/// ```js
/// txBuild({ network: "main", inputs: [{ txid, vout: 0, amount: 144997740, wif }],
///           outputs: [{ address: "t1…", amount: 144995480 }] }).hex;
/// ```
#[wasm_bindgen(js_name = txBuild, unchecked_return_type = "TxBuilt")]
pub fn tx_build(
    #[wasm_bindgen(unchecked_param_type = "TxBuildSpec")] spec: JsValue,
) -> Result<JsValue, JsValue> {
    call("txBuild", &spec, api::tx_build)
}

#[cfg(feature = "chain-exports")]
/// The signature hash of one input (`flux tx sighash`), `{sighash}` in display order.
///
/// ```js
/// txSighash({ hex, input: 0, scriptCode: "76a914…88ac", amount: 100000000, hashType: "ALL" }).sighash;
/// ```
#[wasm_bindgen(js_name = txSighash, unchecked_return_type = "TxSighash")]
pub fn tx_sighash(
    #[wasm_bindgen(unchecked_param_type = "TxSighashInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("txSighash", &input, api::tx_sighash)
}

#[cfg(feature = "chain-exports")]
/// Every transparent input's signature checked against the output it spends
/// (`flux tx verify`): `valid`, and per input its type or why it fails.
///
/// ```js
/// txVerify({ hex, prevouts: [{ script_pubkey: "76a914…88ac", amount: 100000000 }] }).valid;
/// ```
#[wasm_bindgen(js_name = txVerify, unchecked_return_type = "InputsVerdict")]
pub fn tx_verify(
    #[wasm_bindgen(unchecked_param_type = "TxVerifyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("txVerify", &input, api::tx_verify)
}

#[cfg(feature = "chain-exports")]
/// A signed fluxnode START transaction from its specification (`flux fluxnode start`),
/// `{hex, txid}`.
///
/// ```js
/// fluxnodeStart({ network: "main", collateral: {…}, collateral_wif, … }).txid;
/// ```
#[wasm_bindgen(js_name = fluxnodeStart, unchecked_return_type = "FluxnodeStart")]
pub fn fluxnode_start(
    #[wasm_bindgen(unchecked_param_type = "FluxnodeStartSpec")] spec: JsValue,
) -> Result<JsValue, JsValue> {
    call("fluxnodeStart", &spec, api::fluxnode_start)
}

#[cfg(feature = "chain-exports")]
/// The signatures of a fluxnode START or CONFIRM transaction (`flux fluxnode verify`).
///
/// ```js
/// fluxnodeVerify({ hex, network: "main" }).valid;
/// ```
#[wasm_bindgen(js_name = fluxnodeVerify, unchecked_return_type = "FluxnodeVerdict")]
pub fn fluxnode_verify(
    #[wasm_bindgen(unchecked_param_type = "FluxnodeVerifyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("fluxnodeVerify", &input, api::fluxnode_verify)
}

#[cfg(feature = "chain-exports")]
/// fluxd's checks of a whole block (`flux block verify`); the future-time rule uses `now`
/// (UNIX seconds, default `Date.now()`).
///
/// ```js
/// blockVerify({ hex: blockHex, height: 2020000 }).valid;
/// ```
#[wasm_bindgen(js_name = blockVerify, unchecked_return_type = "BlockVerdict")]
pub fn block_verify(
    #[wasm_bindgen(unchecked_param_type = "BlockVerifyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("blockVerify", &input, |i| api::block_verify(i, now_s()))
}

#[cfg(feature = "chain-exports")]
/// One Equihash solution checked (`flux equihash verify`): a whole PoW header, or the
/// parameters and the three parts.
///
/// ```js
/// equihashVerify({ header: headerHex }).valid;
/// ```
#[wasm_bindgen(js_name = equihashVerify, unchecked_return_type = "EquihashVerdict")]
pub fn equihash_verify(
    #[wasm_bindgen(unchecked_param_type = "EquihashVerifyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("equihashVerify", &input, api::equihash_verify)
}

#[cfg(feature = "chain-exports")]
/// The nBits the next block must carry (`flux chain next-bits`).
///
/// ```js
/// chainNextBits({ headers: [{ height: 2019999, time: 1761415068, bits: "1d2ee03b" }] }).bits;
/// ```
#[wasm_bindgen(js_name = chainNextBits, unchecked_return_type = "NextBits")]
pub fn chain_next_bits(
    #[wasm_bindgen(unchecked_param_type = "ChainNextBitsInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("chainNextBits", &input, api::chain_next_bits)
}

#[cfg(feature = "apps-exports")]
/// The canonical JSON text FluxOS signs for an app spec (`flux app format`).
///
/// ```js
/// const text = appFormat({ spec }); // a string
/// ```
#[wasm_bindgen(js_name = appFormat, unchecked_return_type = "string")]
pub fn app_format(
    #[wasm_bindgen(unchecked_param_type = "AppFormatInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("appFormat", &input, api::app_format)
}

#[cfg(feature = "apps-exports")]
/// An app spec judged as a FluxOS node would at `height` (`flux app validate`).
///
/// ```js
/// appValidate({ spec, height: 2000000 }).valid;
/// ```
#[wasm_bindgen(js_name = appValidate, unchecked_return_type = "AppValidation")]
pub fn app_validate(
    #[wasm_bindgen(unchecked_param_type = "AppValidateInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("appValidate", &input, api::app_validate)
}

#[cfg(feature = "apps-exports")]
/// An app's price per month and registration payment at `height` (`flux app price`).
///
/// ```js
/// appPrice({ spec, height: 2000000 }).registration_zatoshis;
/// ```
#[wasm_bindgen(js_name = appPrice, unchecked_return_type = "AppPrice")]
pub fn app_price(
    #[wasm_bindgen(unchecked_param_type = "AppPriceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("appPrice", &input, api::app_price)
}

#[cfg(feature = "apps-exports")]
/// An app register or update message, signed (`flux app sign`): the object to post.
///
/// ```js
/// appSign({ spec, wif, type: "register", timestamp: Date.now() }).signature;
/// ```
#[wasm_bindgen(js_name = appSign, unchecked_return_type = "AppSignedMessage")]
pub fn app_sign(
    #[wasm_bindgen(unchecked_param_type = "AppSignInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("appSign", &input, api::app_sign)
}

#[cfg(feature = "apps-exports")]
/// The signed payment that makes an app registration or update permanent (`flux app
/// payment`): the amount to the deployment address for `height`, change, and the message
/// hash as the last output, where FluxOS reads it. Nothing is sent.
///
/// ```js
/// const { hex, txid } = appPayment({ hash, amount: "0.6", height: 2200000, wif,
///   inputs: [{ txid: "4f1a…00ff", vout: 0, amount: 150000000 }] });
/// ```
#[wasm_bindgen(js_name = appPayment, unchecked_return_type = "AppPaymentTx")]
pub fn app_payment(
    #[wasm_bindgen(unchecked_param_type = "AppPaymentInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("appPayment", &input, api::app_payment)
}

#[cfg(feature = "os-exports")]
/// Logs in on a FluxOS node over the host's `fetch` (`flux os login`): `/id/loginphrase`,
/// the phrase signed with `wif`, `/id/verifylogin`. Resolves to the session: the
/// `zelidauth` header to send, the privilege and when it ends.
///
/// ```js
/// const { zelidauth, privilege, expires_at } = await osLogin({ url: "https://api.runonflux.io", wif });
/// ```
#[wasm_bindgen(js_name = osLogin, unchecked_return_type = "OsLogin")]
pub async fn os_login(
    #[wasm_bindgen(unchecked_param_type = "OsLoginInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call_async("osLogin", input, api::os_login).await
}

#[cfg(feature = "os-exports")]
/// GETs a FluxOS route (`flux os get`) and resolves to the envelope's `data`; an error
/// envelope (even with HTTP 200) rejects with an `Error` of kind `fluxos`. With `wif`, a
/// fresh user session stamped `Date.now()` goes along as `zelidauth`.
///
/// ```js
/// const version = await osGet({ path: "/flux/version", url: "https://api.runonflux.io" });
/// ```
#[wasm_bindgen(js_name = osGet, unchecked_return_type = "unknown")]
pub async fn os_get(
    #[wasm_bindgen(unchecked_param_type = "OsGetInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call_async("osGet", input, |i| api::os_get(i, now_ms())).await
}

#[cfg(feature = "os-exports")]
/// Registers an app through a FluxOS node (`flux app register`): the node verifies and
/// formats the spec, the node's formatted spec is signed (stamped `Date.now()`), priced and
/// posted. Resolves to what the payment needs (`appPayment` builds it).
///
/// ```js
/// const r = await appRegister({ spec, url: "https://api.runonflux.io", wif });
/// const tx = appPayment({ hash: r.hash, amount: r.price, wif, inputs });
/// ```
#[wasm_bindgen(js_name = appRegister, unchecked_return_type = "AppRegistration")]
pub async fn app_register(
    #[wasm_bindgen(unchecked_param_type = "AppRegisterInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call_async("appRegister", input, |i| api::app_register(i, now_ms())).await
}
