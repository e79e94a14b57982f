//! Addresses against fluxd's (Zcash-inherited) base58 vectors, real Flux addresses, the
//! Sapling and Sprout encodings, and malformed input of every kind.

use flux_primitives::address::{Address, AddressKind, Payload};
use flux_primitives::keys::PrivateKey;
use flux_primitives::{base58, Error, Network, ScriptBuf};
use proptest::prelude::*;
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn base58_keys_valid_addresses() {
    let cases: Value = serde_json::from_str(include_str!("data/base58_keys_valid.json")).unwrap();
    let mut seen = 0;
    for c in cases.as_array().unwrap() {
        let (s, script, meta) = (c[0].as_str().unwrap(), c[1].as_str().unwrap(), &c[2]);
        if meta["isPrivkey"].as_bool().unwrap() {
            continue;
        }
        seen += 1;
        let net = match meta["chain"].as_str().unwrap() {
            "mainnet" => Network::Main,
            _ => Network::Test,
        };
        let a: Address = s.parse().unwrap();
        assert_eq!(a.network(), net, "{s}");
        let spk = a.script_pubkey().unwrap();
        assert_eq!(hex::encode(spk.as_bytes()), script, "{s}");
        let kind = if script.starts_with("76a914") {
            AddressKind::P2pkh
        } else {
            AddressKind::P2sh
        };
        assert_eq!(a.kind(), kind);
        assert_eq!(a.to_string(), s);
        // from the scriptPubKey back to the string
        let from_script =
            Address::from_script(&ScriptBuf::from_bytes(hex::decode(script).unwrap()), net)
                .unwrap();
        assert_eq!(from_script.to_string(), s);
        for other in Network::ALL {
            let r = Address::from_str_for_network(s, other);
            if net.shares_base58_prefixes_with(other) {
                let a = r.unwrap();
                assert_eq!(a.network(), other);
                assert_eq!(a.to_string(), s);
            } else {
                assert!(
                    matches!(r, Err(Error::WrongNetwork { .. })),
                    "{s} on {other}"
                );
            }
        }
    }
    assert_eq!(seen, 26);
}

#[test]
fn chain_parameter_addresses_parse_for_their_network() {
    // The funding addresses fluxd's chainparams.cpp hard-codes (copied into network.rs
    // from the spec), each on the network that uses it.
    for net in Network::ALL {
        let p = net.params();
        for s in [
            p.dev_fund_address,
            p.exchange_fund_address,
            p.foundation_fund_address,
            p.swap_pool_address,
        ] {
            let a = Address::from_str_for_network(s, net).unwrap();
            assert_eq!(a.to_string(), s);
            assert!(matches!(a.kind(), AddressKind::P2pkh | AddressKind::P2sh));
        }
    }
    let dev: Address = "t3hPu1YDeGUCp8m7BQCnnNUmRMJBa5RadyA".parse().unwrap();
    assert_eq!(dev.kind(), AddressKind::P2sh);
}

#[test]
fn fluxd_p2sh_node_vector() {
    // fluxd src/gtest/test_transaction.cpp: this redeem script is t3ba4XTTQR8UbkY53KFQ9zZnx6sMXsnU9ZV.
    let redeem = ScriptBuf::from_bytes(hex::decode("52210348cb791eb9b13b7c2e9873a8caadfc0994b0e68969dd9b387d641cf9454061212103d5cdcca8b864f3bee70e0f570cbea198f3afe577fa8e53dcb50ca47ab3ac70ec52ae").unwrap());
    assert_eq!(
        Address::p2sh(&redeem, Network::Main).to_string(),
        "t3ba4XTTQR8UbkY53KFQ9zZnx6sMXsnU9ZV"
    );
}

#[test]
fn zelid_addresses() {
    // Bitcoin's well-known address of secret key 1 (compressed): 1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH.
    let mut secret = [0u8; 32];
    secret[31] = 1;
    let key = PrivateKey::from_slice(&secret, true, Network::Main).unwrap();
    let z = Address::zelid(&key.public_key());
    assert_eq!(z.to_string(), "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
    let parsed: Address = "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH".parse().unwrap();
    assert_eq!(parsed.kind(), AddressKind::Zelid);
    assert_eq!(parsed.hash160(), Some(key.public_key().hash160()));
    assert_eq!(
        parsed.script_pubkey(),
        Some(ScriptBuf::p2pkh(&key.public_key().hash160()))
    );
    // valid on every network
    assert!(
        Address::from_str_for_network("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH", Network::Test).is_ok()
    );
    // uncompressed form: 1EHNa6Q4Jz2uvNExL497mE43ikXhwF6kZm
    let u = Address::zelid(&key.with_compression(false).public_key());
    assert_eq!(u.to_string(), "1EHNa6Q4Jz2uvNExL497mE43ikXhwF6kZm");
    // Bitcoin P2SH (version 5) is not a ZelID
    assert!(matches!(
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy".parse::<Address>(),
        Err(Error::UnknownPrefix { .. })
    ));
}

fn sapling_payload() -> [u8; 43] {
    let mut b = [0u8; 43];
    for (i, x) in b.iter_mut().enumerate() {
        *x = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    b
}

#[test]
fn sapling_addresses_use_bech32_per_network() {
    for (net, hrp) in [
        (Network::Main, "za1"),
        (Network::Test, "ztestacadia1"),
        (Network::Regtest, "zregtestsapling1"),
    ] {
        let a = Address::new(net, Payload::Sapling(sapling_payload()));
        let s = a.to_string();
        assert!(s.starts_with(hrp), "{s}");
        let back: Address = s.parse().unwrap();
        assert_eq!(back, a);
        assert_eq!(back.kind(), AddressKind::Sapling);
        assert_eq!(back.hash160(), None);
        assert_eq!(back.script_pubkey(), None);
        assert!(back.to_string().parse::<Address>().is_ok());
        // upper case is valid Bech32
        assert_eq!(s.to_uppercase().parse::<Address>().unwrap(), a);
        for other in Network::ALL {
            assert_eq!(
                Address::from_str_for_network(&s, other).is_ok(),
                other == net
            );
        }
    }
    // A Sapling address checksummed with Bech32m is refused (Sapling predates Bech32m).
    let hrp = bech32::Hrp::parse("za").unwrap();
    let m = bech32::encode::<bech32::Bech32m>(hrp, &sapling_payload()).unwrap();
    assert!(matches!(
        m.parse::<Address>(),
        Err(Error::InvalidBech32 { .. })
    ));
    // wrong length
    let short = bech32::encode::<bech32::Bech32>(hrp, &[1u8; 42]).unwrap();
    assert!(matches!(
        short.parse::<Address>(),
        Err(Error::InvalidLength { .. })
    ));
    // a Bech32 string of another coin
    let other =
        bech32::encode::<bech32::Bech32>(bech32::Hrp::parse("bc").unwrap(), &[1u8; 20]).unwrap();
    assert!(matches!(
        other.parse::<Address>(),
        Err(Error::UnknownPrefix { .. })
    ));
    // a flipped character breaks the checksum
    let mut s = Address::new(Network::Main, Payload::Sapling(sapling_payload()))
        .to_string()
        .into_bytes();
    let i = s.len() - 3;
    s[i] = if s[i] == b'q' { b'p' } else { b'q' };
    assert!(matches!(
        String::from_utf8(s).unwrap().parse::<Address>(),
        Err(Error::InvalidBech32 { .. })
    ));
}

#[test]
fn sapling_non_zero_padding_is_refused() {
    use bech32::primitives::encode::Encoder;
    use bech32::Fe32;
    // 69 five-bit groups carry 345 bits: 43 bytes and one padding bit, which must be 0.
    let hrp = bech32::Hrp::parse("za").unwrap();
    let mut groups: Vec<Fe32> = (0..69)
        .map(|i| Fe32::try_from((i % 32) as u8).unwrap())
        .collect();
    let encode = |groups: &[Fe32]| -> String {
        Encoder::<_, bech32::Bech32>::new(groups.iter().copied(), &hrp)
            .chars()
            .collect()
    };
    groups[68] = Fe32::try_from(2u8).unwrap();
    assert_eq!(
        encode(&groups).parse::<Address>().unwrap().kind(),
        AddressKind::Sapling
    );
    groups[68] = Fe32::try_from(3u8).unwrap();
    let s = encode(&groups);
    assert!(
        matches!(
            s.parse::<Address>(),
            Err(Error::InvalidBech32 {
                problem: flux_primitives::Bech32Problem::NonZeroPadding,
                ..
            })
        ),
        "{s}"
    );
}

#[test]
fn sprout_addresses() {
    let mut body = [0u8; 64];
    body[0] = 0xab;
    body[63] = 0xcd;
    for (net, start) in [(Network::Main, "zc"), (Network::Test, "zt")] {
        let a = Address::new(net, Payload::Sprout(body));
        let s = a.to_string();
        assert!(s.starts_with(start), "{s}");
        assert_eq!(s.len(), 95);
        let back: Address = s.parse().unwrap();
        assert_eq!(back, a);
        assert_eq!(back.kind(), AddressKind::Sprout);
        assert_eq!(back.script_pubkey(), None);
    }
    // prefix right, length wrong
    let short = base58::encode_check(&[&[0x16, 0x9a][..], &[0u8; 63]].concat());
    assert!(matches!(
        short.parse::<Address>(),
        Err(Error::InvalidLength { .. })
    ));
}

#[test]
fn malformed_addresses_say_why() {
    let good = "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF";
    // checksum
    let bad_sum = good.replacen('F', "G", 1);
    assert!(
        matches!(bad_sum.parse::<Address>(), Err(Error::BadChecksum { .. })),
        "{bad_sum}"
    );
    // character
    assert!(matches!(
        "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBf0".parse::<Address>(),
        Err(Error::InvalidBase58Character { character: '0', .. })
    ));
    // prefix
    let unknown = base58::encode_check(&[&[0x1c, 0x00][..], &[0u8; 20]].concat());
    assert!(matches!(
        unknown.parse::<Address>(),
        Err(Error::UnknownPrefix { .. })
    ));
    // length
    let long = base58::encode_check(&[&[0x1c, 0xb8][..], &[0u8; 21]].concat());
    assert!(matches!(
        long.parse::<Address>(),
        Err(Error::InvalidLength { .. })
    ));
    // wrong network
    assert!(matches!(
        Address::from_str_for_network(good, Network::Regtest),
        Err(Error::WrongNetwork { .. })
    ));
    // empty, whitespace, WIF
    assert!("".parse::<Address>().is_err());
    assert!(" t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF"
        .parse::<Address>()
        .is_err());
    assert!("Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD"
        .parse::<Address>()
        .is_err());
    // scripts without an address
    assert!(matches!(
        Address::from_script(&ScriptBuf::from_bytes(vec![0x6a]), Network::Main),
        Err(Error::NoAddressForScript)
    ));
}

#[test]
fn serde_uses_the_string_form() {
    let a: Address = "t2Fbo6DBKKVYw1SfrY8bEgz56hYEhywhEN6".parse().unwrap();
    let j = serde_json::to_string(&a).unwrap();
    assert_eq!(j, "\"t2Fbo6DBKKVYw1SfrY8bEgz56hYEhywhEN6\"");
    assert_eq!(serde_json::from_str::<Address>(&j).unwrap(), a);
    assert!(serde_json::from_str::<Address>("\"t2Fbo\"").is_err());
}

fn network() -> impl Strategy<Value = Network> {
    prop_oneof![
        Just(Network::Main),
        Just(Network::Test),
        Just(Network::Regtest)
    ]
}

fn payload() -> impl Strategy<Value = Payload> {
    prop_oneof![
        any::<[u8; 20]>().prop_map(Payload::P2pkh),
        any::<[u8; 20]>().prop_map(Payload::P2sh),
        any::<[u8; 20]>().prop_map(Payload::Zelid),
        proptest::collection::vec(any::<u8>(), 43)
            .prop_map(|v| Payload::Sapling(v.try_into().unwrap())),
        proptest::collection::vec(any::<u8>(), 64)
            .prop_map(|v| Payload::Sprout(v.try_into().unwrap())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn addresses_round_trip(net in network(), p in payload()) {
        let net = if matches!(p, Payload::Zelid(_)) { Network::Main } else { net };
        let a = Address::new(net, p);
        let s = a.to_string();
        let back = Address::from_str_for_network(&s, net).unwrap();
        prop_assert_eq!(back, a);
        prop_assert_eq!(back.to_string(), s);
        if let Some(spk) = a.script_pubkey() {
            if !matches!(p, Payload::Zelid(_)) {
                prop_assert_eq!(Address::from_script(&spk, net).unwrap(), a);
            }
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,120}") {
        let _ = s.parse::<Address>();
        for n in Network::ALL {
            let _ = Address::from_str_for_network(&s, n);
        }
    }

    #[test]
    fn bech32_like_strings_never_panic(s in "(za|ztestacadia|zregtestsapling|bc)1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{0,100}") {
        let _ = s.parse::<Address>();
    }

    #[test]
    fn base58check_payloads_never_panic(data in proptest::collection::vec(any::<u8>(), 0..80)) {
        let _ = base58::encode_check(&data).parse::<Address>();
    }
}
