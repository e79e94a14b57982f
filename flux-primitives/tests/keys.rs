//! Keys against published vectors: Bitcoin Core/Zcash base58 data kept in fluxd, the
//! BIP32 test vectors, Trust Wallet's Zelcash vectors; WIF round trips; malformed input.

use flux_primitives::address::Address;
use flux_primitives::keys::{
    DerivationPath, ExtendedPrivKey, ExtendedPubKey, Mnemonic, PrivateKey,
};
use flux_primitives::{base58, Error, Network};
use proptest::prelude::*;
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn base58_encode_decode_vectors() {
    let cases = json(include_str!("data/base58_encode_decode.json"));
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 12);
    for c in cases {
        let bytes = hex::decode(c[0].as_str().unwrap()).unwrap();
        let text = c[1].as_str().unwrap();
        assert_eq!(base58::encode(&bytes), text);
        assert_eq!(base58::decode(text).unwrap(), bytes);
    }
    assert!(matches!(
        base58::decode("invalid"),
        Err(Error::InvalidBase58Character { character: 'l', .. })
    ));
}

#[test]
fn base58_keys_valid_private_keys() {
    let cases = json(include_str!("data/base58_keys_valid.json"));
    let mut seen = 0;
    for c in cases.as_array().unwrap() {
        let (s, payload, meta) = (c[0].as_str().unwrap(), c[1].as_str().unwrap(), &c[2]);
        if !meta["isPrivkey"].as_bool().unwrap() {
            assert!(
                PrivateKey::from_wif(s).is_err(),
                "{s} is an address, not a WIF"
            );
            continue;
        }
        seen += 1;
        let net = match meta["chain"].as_str().unwrap() {
            "mainnet" => Network::Main,
            "testnet" => Network::Test,
            other => panic!("chain {other}"),
        };
        let key = PrivateKey::from_wif(s).unwrap();
        assert_eq!(hex::encode(key.secret_bytes()), payload, "{s}");
        assert_eq!(
            key.compressed(),
            meta["isCompressed"].as_bool().unwrap(),
            "{s}"
        );
        assert_eq!(key.network(), net);
        assert_eq!(key.to_wif(), s);
        // the same secret re-encoded from its parts
        let rebuilt =
            PrivateKey::from_slice(&hex::decode(payload).unwrap(), key.compressed(), net).unwrap();
        assert_eq!(rebuilt.to_wif(), s);
        assert!(
            s.parse::<Address>().is_err(),
            "{s} is a WIF, not an address"
        );
        // network checks: testnet WIFs are regtest WIFs too
        for other in Network::ALL {
            let r = PrivateKey::from_wif_for_network(s, other);
            if net.shares_base58_prefixes_with(other) {
                assert_eq!(r.unwrap().network(), other);
            } else {
                assert!(
                    matches!(r, Err(Error::WrongNetwork { .. })),
                    "{s} on {other}"
                );
            }
        }
    }
    assert_eq!(seen, 24);
}

#[test]
fn base58_keys_invalid_are_neither_keys_nor_addresses() {
    let cases = json(include_str!("data/base58_keys_invalid.json"));
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 50);
    for c in cases {
        let s = c[0].as_str().unwrap();
        assert!(PrivateKey::from_wif(s).is_err(), "{s}");
        assert!(s.parse::<Address>().is_err(), "{s}");
        assert!(ExtendedPrivKey::from_base58(s).is_err(), "{s}");
    }
}

#[test]
fn bip32_test_vectors_1_to_3() {
    let vectors = json(include_str!("data/bip32_vectors.json"));
    let mut checked = 0;
    for v in vectors.as_array().unwrap() {
        let seed = hex::decode(v["seedHex"].as_str().unwrap()).unwrap();
        let master = ExtendedPrivKey::new_master(&seed, Network::Main).unwrap();
        let mut prev: Option<(ExtendedPrivKey, ExtendedPubKey)> = None;
        for step in v["chain"].as_array().unwrap() {
            let path: DerivationPath = step["path"].as_str().unwrap().parse().unwrap();
            let xprv = master.derive(&path).unwrap();
            let xpub = xprv.to_extended_pub();
            assert_eq!(xprv.to_string(), step["xprv"].as_str().unwrap(), "{path}");
            assert_eq!(xpub.to_string(), step["xpub"].as_str().unwrap(), "{path}");
            // parse back
            let parsed: ExtendedPrivKey = step["xprv"].as_str().unwrap().parse().unwrap();
            assert_eq!(parsed, xprv);
            let parsed_pub: ExtendedPubKey = step["xpub"].as_str().unwrap().parse().unwrap();
            assert_eq!(parsed_pub, xpub);
            assert_eq!(usize::from(xprv.depth()), path.steps().len());
            // step by step from the previous key, and by public derivation when normal
            if let Some((pprv, ppub)) = &prev {
                let last = *path.steps().last().unwrap();
                assert_eq!(pprv.derive_child(last).unwrap(), xprv);
                assert_eq!(xprv.parent_fingerprint(), pprv.fingerprint());
                if last.is_hardened() {
                    assert!(matches!(ppub.derive_child(last), Err(Error::Bip32(_))));
                } else {
                    assert_eq!(ppub.derive_child(last).unwrap(), xpub);
                }
            }
            prev = Some((xprv, xpub));
            checked += 1;
        }
    }
    assert_eq!(checked, 14);
}

#[test]
fn extended_key_errors() {
    let xpub = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";
    let xprv = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi";
    assert!(matches!(
        ExtendedPrivKey::from_base58(xpub),
        Err(Error::Bip32(_))
    ));
    assert!(matches!(
        ExtendedPubKey::from_base58(xprv),
        Err(Error::Bip32(_))
    ));
    // an unknown version
    let mut raw = base58::decode_check(xprv).unwrap();
    raw[0] = 0x05;
    assert!(matches!(
        ExtendedPrivKey::from_base58(&base58::encode_check(&raw)),
        Err(Error::UnknownPrefix { .. })
    ));
    // a truncated key
    let raw = base58::decode_check(xprv).unwrap();
    assert!(matches!(
        ExtendedPrivKey::from_base58(&base58::encode_check(&raw[..77])),
        Err(Error::InvalidLength { .. })
    ));
    // private key data not starting with 0x00
    let mut raw = base58::decode_check(xprv).unwrap();
    raw[45] = 0x01;
    assert!(ExtendedPrivKey::from_base58(&base58::encode_check(&raw)).is_err());
    // the testnet form of the same key round-trips and reports testnet
    let key: ExtendedPrivKey = xprv.parse().unwrap();
    let t = key.clone().with_network(Network::Test).to_string();
    assert!(t.starts_with("tprv"));
    assert_eq!(
        ExtendedPrivKey::from_base58(&t).unwrap().network(),
        Network::Test
    );
    assert!(matches!(
        ExtendedPrivKey::new_master(&[1; 15], Network::Main),
        Err(Error::InvalidLength { .. })
    ));
}

#[test]
fn trust_wallet_zelcash_vectors() {
    let data = json(include_str!("data/trustwallet_zelcash.json"));
    let mut kinds = std::collections::BTreeMap::new();
    for v in data["trustwallet"].as_array().unwrap() {
        let kind = v["kind"].as_str().unwrap();
        *kinds.entry(kind.to_string()).or_insert(0) += 1;
        match kind {
            "privkey-to-address" => {
                let key = PrivateKey::from_slice(
                    &hex::decode(v["privateKeyHex"].as_str().unwrap()).unwrap(),
                    v["compressed"].as_bool().unwrap(),
                    Network::Main,
                )
                .unwrap();
                assert_eq!(
                    Address::p2pkh(&key.public_key(), Network::Main).to_string(),
                    v["address"].as_str().unwrap()
                );
            }
            "bip39-bip44" => {
                let m = Mnemonic::parse(v["mnemonic"].as_str().unwrap()).unwrap();
                let pass = v["passphrase"].as_str().unwrap();
                assert_eq!(hex::encode(m.to_seed(pass)), v["seedHex"].as_str().unwrap());
                let path: DerivationPath = v["path"].as_str().unwrap().parse().unwrap();
                let key = m
                    .to_master_key(pass, Network::Main)
                    .unwrap()
                    .derive(&path)
                    .unwrap();
                assert_eq!(
                    Address::p2pkh(&key.public_key(), Network::Main).to_string(),
                    v["address"].as_str().unwrap()
                );
            }
            "bip44-account-keys" => {
                let m = Mnemonic::parse(v["mnemonic"].as_str().unwrap()).unwrap();
                let path: DerivationPath = v["path"].as_str().unwrap().parse().unwrap();
                let key = m
                    .to_master_key(v["passphrase"].as_str().unwrap(), Network::Main)
                    .unwrap()
                    .derive(&path)
                    .unwrap();
                assert_eq!(key.to_string(), v["xprv"].as_str().unwrap());
                assert_eq!(
                    key.to_extended_pub().to_string(),
                    v["xpub"].as_str().unwrap()
                );
            }
            "xpub-derive" => {
                let xpub: ExtendedPubKey = v["xpub"].as_str().unwrap().parse().unwrap();
                let path: DerivationPath = v["relativePath"].as_str().unwrap().parse().unwrap();
                let child = xpub.derive(&path).unwrap();
                assert_eq!(
                    Address::p2pkh(&child.public_key(), Network::Main).to_string(),
                    v["address"].as_str().unwrap()
                );
            }
            other => panic!("unknown vector kind {other}"),
        }
    }
    assert_eq!(kinds.values().sum::<i32>(), 6);
}

#[test]
fn malformed_wifs_never_panic_and_say_why() {
    for (s, check) in [
        ("", "length"),
        ("0OIl", "character"),
        (
            "5Kd3NBUAdUnhyzenEwVLy9pBKxSwXvE9FMPyR4UKZvpe6E3AgLs",
            "checksum",
        ),
        ("t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF", "prefix-or-length"),
    ] {
        let e = PrivateKey::from_wif(s).unwrap_err();
        match check {
            "length" => assert!(matches!(e, Error::InvalidLength { .. }), "{s}: {e}"),
            "character" => assert!(
                matches!(e, Error::InvalidBase58Character { .. }),
                "{s}: {e}"
            ),
            "checksum" => assert!(matches!(e, Error::BadChecksum { .. }), "{s}: {e}"),
            _ => assert!(
                matches!(e, Error::UnknownPrefix { .. } | Error::InvalidLength { .. }),
                "{s}: {e}"
            ),
        }
    }
}

fn network() -> impl Strategy<Value = Network> {
    prop_oneof![
        Just(Network::Main),
        Just(Network::Test),
        Just(Network::Regtest)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn wif_round_trips(secret in any::<[u8; 32]>(), compressed in any::<bool>(), net in network()) {
        if let Ok(key) = PrivateKey::from_slice(&secret, compressed, net) {
            let wif = key.to_wif();
            let back = PrivateKey::from_wif_for_network(&wif, net).unwrap();
            prop_assert_eq!(back.secret_bytes(), secret);
            prop_assert_eq!(back.compressed(), compressed);
            prop_assert_eq!(back.network(), net);
            prop_assert_eq!(back.to_wif(), wif);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,120}") {
        let _ = PrivateKey::from_wif(&s);
        let _ = ExtendedPrivKey::from_base58(&s);
        let _ = ExtendedPubKey::from_base58(&s);
        let _ = s.parse::<DerivationPath>();
        let _ = Mnemonic::parse(&s);
    }

    #[test]
    fn arbitrary_base58check_payloads_never_panic(payload in proptest::collection::vec(any::<u8>(), 0..90)) {
        let s = base58::encode_check(&payload);
        prop_assert_eq!(base58::decode_check(&s).unwrap(), payload);
        let _ = PrivateKey::from_wif(&s);
        let _ = ExtendedPrivKey::from_base58(&s);
        let _ = ExtendedPubKey::from_base58(&s);
    }

    #[test]
    fn path_text_round_trips(steps in proptest::collection::vec((0u32..0x8000_0000, any::<bool>()), 0..8)) {
        let text: String = std::iter::once("m".to_string())
            .chain(steps.iter().map(|(i, h)| format!("{i}{}", if *h { "'" } else { "" })))
            .collect::<Vec<_>>()
            .join("/");
        let p: DerivationPath = text.parse().unwrap();
        prop_assert_eq!(p.to_string(), text);
    }
}
