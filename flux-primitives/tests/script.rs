//! Script parsing, classification and asm against real fluxd output and fluxd's rules.

use flux_primitives::hash::{hash160, sha256d};
use flux_primitives::script::{asm, Builder, Destination, Opcode, ScriptBuf, ScriptClass};
use flux_primitives::Error;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

// Compiled in rather than read at run time, so that the tests also run on wasm32.
fn data(name: &str) -> serde_json::Value {
    let text = match name {
        "asm_fluxd_unit.json" => include_str!("data/asm_fluxd_unit.json"),
        "scripts_real.json" => include_str!("data/scripts_real.json"),
        _ => panic!("no test data {name}"),
    };
    serde_json::from_str(text).unwrap()
}

fn script(hex: &str) -> ScriptBuf {
    ScriptBuf::from_hex(hex).unwrap()
}

/// Mainnet transparent address of a destination (t1: 1cb8, t3: 1cbd).
fn address(d: &Destination) -> String {
    let (prefix, hash) = match d {
        Destination::KeyHash(h) => ([0x1c, 0xb8], h),
        Destination::ScriptHash(h) => ([0x1c, 0xbd], h),
    };
    let mut payload = prefix.to_vec();
    payload.extend_from_slice(hash);
    let check = sha256d(&payload);
    payload.extend_from_slice(&check[..4]);
    bs58::encode(payload).into_string()
}

#[test]
fn real_script_pubkeys_match_decoderawtransaction() {
    let d = data("scripts_real.json");
    let spks = d["scriptPubKeys"].as_array().unwrap();
    assert!(spks.len() >= 16);
    for v in spks {
        let s = script(v["hex"].as_str().unwrap());
        let class = s.classify();
        assert_eq!(s.to_asm(), v["asm"].as_str().unwrap());
        assert_eq!(s.to_string(), v["asm"].as_str().unwrap());
        assert_eq!(s.rpc_type(), v["type"].as_str().unwrap());
        assert_eq!(class.type_name(), v["type"].as_str().unwrap());
        // blockbook's copies drop reqSigs; fluxd omits it only for nulldata/nonstandard.
        match v.get("reqSigs") {
            Some(r) => assert_eq!(class.req_sigs().map(u64::from), r.as_u64()),
            None if v["source"]["repo"] == "trezor/blockbook" => {}
            None => assert_eq!(class.req_sigs(), None),
        }
        let addrs: Vec<String> = class.destinations().iter().map(address).collect();
        let expected: Vec<String> = v
            .get("addresses")
            .map(|a| {
                a.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(addrs, expected);
        assert!(class.is_standard());
        assert!(s.has_minimal_pushes());
        // asm of a minimal-push script parses back to the same bytes.
        assert_eq!(ScriptBuf::from_asm(&s.to_asm()).unwrap(), s);
    }
}

#[test]
fn real_script_sigs_decode_sighash() {
    let d = data("scripts_real.json");
    let sigs = d["scriptSigs"].as_array().unwrap();
    assert!(sigs.len() >= 8);
    for v in sigs {
        let s = script(v["hex"].as_str().unwrap());
        assert_eq!(s.to_asm_sig(), v["asm"].as_str().unwrap());
        assert!(s.is_push_only() && s.has_minimal_pushes());
        assert!(!s.to_asm().contains('['));
        assert_eq!(ScriptBuf::from_asm(v["asm"].as_str().unwrap()).unwrap(), s);
        assert_eq!(s.classify(), ScriptClass::NonStandard);
    }
}

#[test]
fn fluxd_unit_test_asm_cases() {
    let d = data("asm_fluxd_unit.json");
    let cases = d["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 18);
    for c in cases {
        let s = script(c["hex"].as_str().unwrap());
        let got = if c["sighashDecode"].as_bool().unwrap() {
            s.to_asm_sig()
        } else {
            s.to_asm()
        };
        assert_eq!(got, c["asm"].as_str().unwrap());
    }
}

#[test]
fn opcode_names_are_fluxds() {
    let expect = [
        (0x00, "0"),
        (0x4f, "-1"),
        (0x50, "OP_RESERVED"),
        (0x51, "1"),
        (0x60, "16"),
        (0x61, "OP_NOP"),
        (0x76, "OP_DUP"),
        (0xa9, "OP_HASH160"),
        (0xab, "OP_CODESEPARATOR"),
        (0xb0, "OP_NOP1"),
        (0xb1, "OP_NOP2"),
        (0xb2, "OP_NOP3"),
        (0xb9, "OP_NOP10"),
        (0xba, "OP_UNKNOWN"),
        (0xf9, "OP_UNKNOWN"),
        (0xfe, "OP_UNKNOWN"),
        (0xff, "OP_INVALIDOPCODE"),
    ];
    for (b, name) in expect {
        assert_eq!(Opcode(b).name(), name, "{b:#x}");
    }
    assert_eq!(Opcode::OP_CHECKLOCKTIMEVERIFY, Opcode(0xb1));
    assert_eq!(
        Opcode::from_name("OP_CHECKLOCKTIMEVERIFY"),
        Some(Opcode(0xb1))
    );
    assert_eq!(Opcode::from_name("OP_NOP2"), Some(Opcode(0xb1)));
    assert_eq!(Opcode::from_name("CHECKSIG"), Some(Opcode::OP_CHECKSIG));
    assert_eq!(Opcode::from_name("OP_UNKNOWN"), None);
    // Every defined name maps back to its byte.
    for b in 0..=255u8 {
        let op = Opcode(b);
        if op.is_defined() && op.name().starts_with("OP_") {
            assert_eq!(Opcode::from_name(op.name()), Some(op));
        }
    }
}

#[test]
fn asm_small_pushes_are_numbers_and_truncation_is_error() {
    let cases = [
        ("00", "0"),
        ("0105", "5"),
        ("55", "5"),
        ("0181", "-1"),
        ("4f", "-1"),
        ("020000", "0"),
        ("0180", "0"),
        ("04ffffff7f", "2147483647"),
        ("04ffffffff", "-2147483647"),
        ("4c00", "0"),
        ("4c0401020304", "67305985"),
        ("050102030405", "0102030405"),
        ("4c", "[error]"),
        ("76a9", "OP_DUP OP_HASH160"),
        ("76a914", "OP_DUP OP_HASH160 [error]"),
        ("76a9140102", "OP_DUP OP_HASH160 [error]"),
        ("4d0100", "[error]"),
        ("4e01000000", "[error]"),
        ("ba", "OP_UNKNOWN"),
        ("", ""),
    ];
    for (hex, expected) in cases {
        assert_eq!(script(hex).to_asm(), expected, "{hex}");
    }
    // OP_RETURN scripts never get a sighash suffix, even in a scriptSig.
    let der = "304502207fa7a6d1e0ee81132a269ad84e68d695483745cde8b541e3bf630749894e342a022100c1f7ab20e13e22fb95281a870f3dcf38d782e53023ee313d741ad0cfbc0c509001";
    let s = script(&format!("6a48{der}"));
    assert_eq!(s.to_asm_sig(), format!("OP_RETURN {der}"));
    let s = script(&format!("48{der}"));
    assert!(s.to_asm_sig().ends_with("[ALL]"));
}

#[test]
fn non_minimal_pushes_rebuild_exactly() {
    // Found by the script_parse fuzz target: an empty OP_PUSHDATA4 was re-encoded as OP_0.
    for hex in [
        "4e00000000",
        "4d0000",
        "4c00",
        "4e0100000001",
        "4d020001ff",
        "0105",
    ] {
        let s = script(hex);
        let mut rebuilt = Vec::new();
        for i in s.instructions() {
            i.unwrap().encode(&mut rebuilt);
        }
        assert_eq!(hex::encode(rebuilt), hex);
    }
}

#[test]
fn truncated_pushes_report_their_offset() {
    let s = script("76a9144c");
    let items: Vec<_> = s.instructions().collect();
    assert_eq!(items.len(), 3);
    assert!(matches!(
        items[2],
        Err(Error::InvalidScript { offset: 2, .. })
    ));
    let s = script("00004d05");
    let err = s.instructions().find_map(Result::err).unwrap();
    assert!(
        matches!(err, Error::InvalidScript { offset: 2, .. }),
        "{err}"
    );
    assert!(!s.is_push_only());
    let s = script("4e0000010000");
    let err = s.instructions().find_map(Result::err).unwrap();
    assert!(err.to_string().contains("65536"), "{err}");
}

#[test]
fn solver_edge_cases() {
    let h = "0102030405060708090a0b0c0d0e0f1011121314";
    let key33 = format!("02{}", "11".repeat(32));
    let key65 = format!("04{}", "22".repeat(64));
    let cases: Vec<(String, &str)> = vec![
        // P2SH is exactly 23 bytes; with trailing data it is nonstandard.
        (format!("a914{h}87"), "scripthash"),
        (format!("a914{h}8700"), "nonstandard"),
        (format!("a94c14{h}87"), "nonstandard"),
        // P2PKH matched by push length, whatever the push opcode.
        (format!("76a914{h}88ac"), "pubkeyhash"),
        (format!("76a94c14{h}88ac"), "pubkeyhash"),
        (format!("76a914{h}88ac00"), "nonstandard"),
        (format!("76a913{}88ac", &h[2..]), "nonstandard"),
        // P2PK: any 33..=65-byte push.
        (format!("21{key33}ac"), "pubkey"),
        (format!("41{key65}ac"), "pubkey"),
        (format!("20{}ac", "33".repeat(32)), "nonstandard"),
        (format!("42{}ac", "33".repeat(66)), "nonstandard"),
        // Null data.
        ("6a".into(), "nulldata"),
        (format!("6a4c50{}", "ab".repeat(80)), "nulldata"),
        (format!("6a4c51{}", "ab".repeat(81)), "nonstandard"),
        ("6a76".into(), "nulldata"),
        ("6a51".into(), "nulldata"),
        ("6a0000".into(), "nonstandard"),
        ("6a4c".into(), "nonstandard"),
        ("006a".into(), "nonstandard"),
        // Multisig.
        (format!("5121{key33}51ae"), "multisig"),
        (format!("5121{key33}21{key33}52ae"), "multisig"),
        // Bad counts: fluxd's Solver fails but the RPC type stays "multisig".
        (format!("0021{key33}51ae"), "multisig"),
        (format!("5221{key33}51ae"), "multisig"),
        (format!("5121{key33}52ae"), "multisig"),
        ("5151ae".into(), "multisig"),
        (format!("5121{key33}51ae00"), "nonstandard"),
        (format!("4f21{key33}51ae"), "nonstandard"),
        ("".into(), "nonstandard"),
    ];
    for (hex, rpc_type) in cases {
        assert_eq!(script(&hex).rpc_type(), rpc_type, "{hex}");
    }
    assert_eq!(
        script(&format!("0021{key33}51ae")).classify(),
        ScriptClass::NonStandard
    );
}

#[test]
fn destinations_follow_cpubkey_validity() {
    let good = format!("02{}", "11".repeat(32));
    let bad = format!("05{}", "11".repeat(32));
    let p2pk = script(&format!("21{bad}ac"));
    assert_eq!(p2pk.rpc_type(), "pubkey");
    assert_eq!(p2pk.classify().req_sigs(), None);
    let p2pk = script(&format!("21{good}ac"));
    assert_eq!(
        p2pk.classify().destinations(),
        vec![Destination::KeyHash(hash160(&hex::decode(&good).unwrap()))]
    );
    assert_eq!(p2pk.classify().req_sigs(), Some(1));
    let ms = script(&format!("5221{bad}21{good}52ae"));
    assert_eq!(ms.classify().destinations().len(), 1);
    assert_eq!(ms.classify().req_sigs(), Some(2));
    let ms = script(&format!("5121{bad}51ae"));
    assert_eq!(ms.classify().req_sigs(), None);
    assert_eq!(ms.rpc_type(), "multisig");
}

#[test]
fn real_redeem_scripts_are_two_of_two_multisig() {
    // SSP wallet (transactions_transparent.json) and a v6 P2SH fluxnode
    // (fluxnode_transactions.json) redeem scripts from mainnet transactions.
    for hex in [
        "5221022a316c22acf16a9108b57f48802143cc0c0ac4b8fc360a87568e1794e51558752103749c957461154dfca921d0872ba3c9ac85d98c92e4a34fdac32bd03597fbd2f252ae",
        "522103a2c876c6ee7eba3296b0c2185259a9538d0ea7c041167f7314d1835ddcccbd2e2103a49ced609ae1b8e724eda40e4e259916ce865968896df9349859d0ee33e3195152ae",
    ] {
        let s = script(hex);
        let ScriptClass::Multisig { m, keys } = s.classify() else {
            panic!("{hex}")
        };
        assert_eq!((m, keys.len()), (2, 2));
        let key_refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
        assert_eq!(ScriptBuf::multisig(2, &key_refs).unwrap(), s);
        assert!(s.classify().is_standard());
        assert!(s.to_asm().starts_with("2 0") && s.to_asm().ends_with(" 2 OP_CHECKMULTISIG"));
    }
}

#[test]
fn builders_produce_fluxd_templates() {
    let key = hex::decode(format!("03{}", "ab".repeat(32))).unwrap();
    let p2pk = ScriptBuf::p2pk(&key).unwrap();
    assert_eq!(p2pk.classify(), ScriptClass::PubKey { key: key.clone() });
    assert!(ScriptBuf::p2pk(&key[..32]).is_err());
    let h = [9u8; 20];
    assert_eq!(
        ScriptBuf::p2pkh(&h).classify(),
        ScriptClass::PubKeyHash { hash: h }
    );
    assert_eq!(
        ScriptBuf::p2sh(&h).classify(),
        ScriptClass::ScriptHash { hash: h }
    );

    assert!(ScriptBuf::multisig(0, &[&key]).is_err());
    assert!(ScriptBuf::multisig(2, &[&key]).is_err());
    let keys: Vec<&[u8]> = vec![key.as_slice(); 21];
    assert!(ScriptBuf::multisig(1, &keys).is_err());
    // 17..=20 keys build (n pushed as a number) but Solver only knows OP_1..OP_16.
    let ms20 = ScriptBuf::multisig(1, &keys[..20]).unwrap();
    assert_eq!(ms20.classify(), ScriptClass::NonStandard);
    assert!(ms20.to_asm().ends_with(" 20 OP_CHECKMULTISIG"));
    let ms4 = ScriptBuf::multisig(1, &keys[..4]).unwrap();
    assert!(matches!(ms4.classify(), ScriptClass::Multisig { m: 1, .. }));
    assert!(
        !ms4.classify().is_standard(),
        "bare multisig n > 3 is not standard"
    );

    let nd = ScriptBuf::op_return(&[0xab; 80]).unwrap();
    assert_eq!(nd.len(), 83);
    assert_eq!(nd.classify(), ScriptClass::NullData);
    assert!(nd.is_unspendable());
    assert!(ScriptBuf::op_return(&[0; 81]).is_err());
    assert_eq!(ScriptBuf::op_return(b"").unwrap().as_bytes(), [0x6a, 0x00]);
}

#[test]
fn push_int_matches_cscript_num() {
    let cases: [(i64, &str); 10] = [
        (0, "00"),
        (-1, "4f"),
        (1, "51"),
        (16, "60"),
        (17, "0111"),
        (-2, "0182"),
        (127, "017f"),
        (128, "028000"),
        (-128, "028080"),
        (500_000, "0320a107"),
    ];
    for (n, hex) in cases {
        assert_eq!(
            Builder::new().push_int(n).into_script().to_hex(),
            hex,
            "{n}"
        );
    }
    assert_eq!(Builder::new().push_slice(&[5]).into_script().to_hex(), "55");
    assert_eq!(
        Builder::new().push_slice_plain(&[5]).into_script().to_hex(),
        "0105"
    );
    assert_eq!(
        Builder::new().push_slice(&[1; 76]).into_script().as_bytes()[..2],
        [0x4c, 76]
    );
    assert_eq!(
        Builder::new()
            .push_slice(&[1; 256])
            .into_script()
            .as_bytes()[..3],
        [0x4d, 0x00, 0x01]
    );
}

#[test]
fn push_only_and_minimal_pushes() {
    assert!(
        script("0051604f50").is_push_only(),
        "OP_RESERVED counts as push"
    );
    assert!(!script("0061").is_push_only());
    assert!(!script("4c").is_push_only());
    assert!(script("0055").has_minimal_pushes());
    assert!(!script("0105").has_minimal_pushes());
    assert!(!script("0181").has_minimal_pushes());
    assert!(!script("4c00").has_minimal_pushes());
    assert!(!script("4c0101").has_minimal_pushes());
    assert!(!script(&format!("4d4b00{}", "00".repeat(75))).has_minimal_pushes());
    assert!(script(&format!("4b{}", "00".repeat(75))).has_minimal_pushes());
    assert!(script(&format!("4c4c{}", "00".repeat(76))).has_minimal_pushes());
}

#[test]
fn from_asm_accepts_fluxd_text_and_names() {
    let s = ScriptBuf::from_asm(
        "OP_DUP OP_HASH160 0102030405060708090a0b0c0d0e0f1011121314 OP_EQUALVERIFY OP_CHECKSIG",
    )
    .unwrap();
    assert_eq!(
        s.to_hex(),
        "76a9140102030405060708090a0b0c0d0e0f101112131488ac"
    );
    let s = ScriptBuf::from_asm("500000 OP_CHECKLOCKTIMEVERIFY OP_DROP -1 0 16").unwrap();
    assert_eq!(s.to_hex(), "0320a107b1754f0060");
    assert_eq!(s.to_asm(), "500000 OP_NOP2 OP_DROP -1 0 16");
    assert!(ScriptBuf::from_asm("OP_DUP [error]").is_err());
    assert!(ScriptBuf::from_asm("abc").is_err());
    assert!(ScriptBuf::from_asm("-4294967296").is_err());
    assert_eq!(
        ScriptBuf::from_asm("4294967296").unwrap().to_hex(),
        "054294967296"
    );
    let err = ScriptBuf::from_asm("OP_DUP zz").unwrap_err();
    assert!(
        matches!(err, Error::InvalidScript { offset: 7, .. }),
        "{err}"
    );
    assert_eq!(ScriptBuf::from_asm("0xabcd").unwrap().to_hex(), "02abcd");
    assert!(asm::is_valid_signature_encoding(
        &hex::decode("3006020101020101")
            .unwrap()
            .iter()
            .chain(&[1])
            .copied()
            .collect::<Vec<_>>()
    ));
}
