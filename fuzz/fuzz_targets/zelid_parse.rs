//! Signature, header, phrase and address parsing in flux-zelid: never panics; whatever
//! parses re-encodes to the same bytes.
#![no_main]

use flux_zelid::ethereum::EthSignature;
use flux_zelid::header::ZelidAuth;
use flux_zelid::phrase::LoginPhrase;
use flux_zelid::{verify_message, HeaderRule, Magic, MessageSignature, Signer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for rule in [HeaderRule::Strict, HeaderRule::FluxdMasked] {
        if let Ok(sig) = MessageSignature::from_bytes(data, rule) {
            assert_eq!(&sig.to_bytes()[..], data);
            let _ = sig.recover(Magic::Bitcoin, data);
        }
    }
    let _ = EthSignature::from_bytes(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = MessageSignature::from_base64(text, HeaderRule::Strict);
    let _ = EthSignature::parse(text);
    let _ = Signer::parse(text);
    let _ = LoginPhrase::parse(text);
    if let Ok(auth) = ZelidAuth::parse(text) {
        assert_eq!(ZelidAuth::parse(&auth.to_json()).as_ref(), Ok(&auth));
        assert_eq!(ZelidAuth::parse(&auth.to_urlencoded()).as_ref(), Ok(&auth));
        let _ = verify_message(
            Magic::Bitcoin,
            auth.login_phrase.as_bytes(),
            &auth.signature,
            auth.zelid.as_str(),
        );
    }
});
