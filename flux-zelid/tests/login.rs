//! Sign-in: phrases, zelidauth headers, the verifier and privilege levels.

use flux_zelid::header::ZelidAuth;
use flux_zelid::login::{check_login, LoginRequest, LoginVerifier};
use flux_zelid::phrase::{LoginPhrase, LOGIN_WINDOW_MS};
use flux_zelid::privilege::{Level, Privileges, Role};
use flux_zelid::{sign_message, Address, Error, Magic, PrivateKey, ZelId};
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const NOW: u64 = 1_750_000_000_000;

fn key(seed: u8) -> (PrivateKey, String) {
    let s = PrivateKey::from_slice(&[seed; 32], true, flux_primitives::Network::Main).unwrap();
    let z = Address::zelid(&s.public_key()).to_string();
    (s, z)
}

fn sign(s: &PrivateKey, phrase: &str) -> String {
    sign_message(s, Magic::Bitcoin, phrase.as_bytes()).to_base64()
}

#[test]
fn real_fluxos_logins_pass_the_stateless_check_at_their_time() {
    let v: Value = serde_json::from_str(include_str!(
        "../../flux-primitives/tests/data/messages.json"
    ))
    .unwrap();
    for l in v["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["kind"] == "zelid-login")
    {
        let phrase = l["message"].as_str().unwrap();
        let ts = LoginPhrase::parse(phrase).unwrap().timestamp_ms();
        let req = LoginRequest {
            zelid: l["address"].as_str().unwrap().parse().unwrap(),
            login_phrase: phrase.into(),
            signature: l["signature"].as_str().unwrap().into(),
        };
        check_login(&req, ts + 1000).unwrap();
        assert!(matches!(
            check_login(&req, ts + LOGIN_WINDOW_MS + 1),
            Err(Error::PhraseExpired { .. })
        ));
        assert!(matches!(
            check_login(&req, ts - 1),
            Err(Error::PhraseFromFuture { .. })
        ));
        // Both header forms carry it through the verifier's stateless user path.
        let auth = ZelidAuth {
            zelid: req.zelid.clone(),
            signature: req.signature.clone(),
            login_phrase: req.login_phrase.clone(),
        };
        let verifier = LoginVerifier::in_memory(Privileges::default());
        for h in [auth.to_json(), auth.to_urlencoded()] {
            assert_eq!(ZelidAuth::parse(&h).unwrap(), auth);
            let s = verifier
                .authenticate(&h, &Level::User, ts + 3_600_000)
                .unwrap();
            assert_eq!(s.zelid, req.zelid);
            assert!(matches!(
                verifier.authenticate(&h, &Level::User, ts + 17 * 3_600_000),
                Err(Error::PhraseExpired { .. })
            ));
        }
    }
}

#[test]
fn issued_phrase_logs_in_once_then_header_reaches_admin() {
    let (owner, owner_zelid) = key(7);
    let verifier = LoginVerifier::in_memory(Privileges {
        node_owner: Some(owner_zelid.clone()),
        ..Privileges::default()
    });
    let phrase = verifier.issue_phrase(NOW);
    assert_eq!(phrase.as_str().len(), 57);
    let req = LoginRequest {
        zelid: owner_zelid.parse().unwrap(),
        login_phrase: phrase.to_string(),
        signature: sign(&owner, phrase.as_str()),
    };
    let session = verifier.verify_login(&req, NOW + 5).unwrap();
    assert_eq!(session.role, Role::Admin);
    assert!(matches!(
        verifier.verify_login(&req, NOW + 6),
        Err(Error::PhraseUnknown)
    ));
    let header = ZelidAuth {
        zelid: owner_zelid.parse().unwrap(),
        signature: req.signature.clone(),
        login_phrase: req.login_phrase.clone(),
    }
    .to_urlencoded();
    verifier
        .authenticate(&header, &Level::Admin, NOW + 86_400_000)
        .unwrap();
    assert!(verifier.logout(&owner_zelid.parse().unwrap(), phrase.as_str()));
    assert!(matches!(
        verifier.authenticate(&header, &Level::Admin, NOW + 86_400_000),
        Err(Error::NoSession)
    ));
}

#[test]
fn expired_unknown_wrong_key_and_tampered_never_log_in() {
    let (k, z) = key(9);
    let (other, _) = key(10);
    let verifier = LoginVerifier::in_memory(Privileges::default());
    let phrase = verifier.issue_phrase(NOW);
    let ok = LoginRequest {
        zelid: z.parse().unwrap(),
        login_phrase: phrase.to_string(),
        signature: sign(&k, phrase.as_str()),
    };
    // Expired.
    assert!(matches!(
        verifier.verify_login(&ok, NOW + LOGIN_WINDOW_MS + 1),
        Err(Error::PhraseExpired { .. })
    ));
    // Never issued (self-made).
    let own = LoginPhrase::generate(NOW);
    let req = LoginRequest {
        login_phrase: own.to_string(),
        signature: sign(&k, own.as_str()),
        ..ok.clone()
    };
    assert!(matches!(
        verifier.verify_login(&req, NOW + 1),
        Err(Error::PhraseUnknown)
    ));
    // Wrong key.
    let req = LoginRequest {
        signature: sign(&other, phrase.as_str()),
        ..ok.clone()
    };
    assert!(matches!(
        verifier.verify_login(&req, NOW + 1),
        Err(Error::Signature(
            flux_primitives::message::Error::WrongSigner { .. }
        ))
    ));
    // Bad inputs.
    for (zelid, sig) in [
        ("t1g4kUVY1aJtENtWD69wfNbjJ3Cfd2E8dCF", ok.signature.clone()),
        (z.as_str(), "not base64!".to_string()),
        (z.as_str(), "AAAA".to_string()),
        (z.as_str(), String::new()),
    ] {
        // A t1 address is not even a ZelID; the others fail at verification.
        let Ok(zelid) = zelid.parse::<ZelId>() else {
            continue;
        };
        let req = LoginRequest {
            zelid,
            signature: sig,
            ..ok.clone()
        };
        assert!(verifier.verify_login(&req, NOW + 1).is_err());
    }
    // The genuine one still works after the failures.
    verifier.verify_login(&ok, NOW + 1).unwrap();
    // Tampered header: the phrase changed by one character.
    let mut tampered = ok.login_phrase.clone();
    tampered.pop();
    tampered.push('!');
    let h = ZelidAuth {
        zelid: z.parse().unwrap(),
        signature: ok.signature,
        login_phrase: tampered,
    }
    .to_json();
    assert!(verifier.authenticate(&h, &Level::User, NOW + 2).is_err());
}

#[test]
fn privilege_levels_and_app_owner_window() {
    let (owner, owner_zelid) = key(3);
    let (user, user_zelid) = key(4);
    let privileges = Privileges::default().with_app_owner("MyApp", &owner_zelid);
    let verifier = LoginVerifier::in_memory(privileges);
    let phrase = LoginPhrase::generate(NOW);
    let header = |k: &PrivateKey, z: &str| {
        ZelidAuth {
            zelid: z.parse().unwrap(),
            signature: sign(k, phrase.as_str()),
            login_phrase: phrase.to_string(),
        }
        .to_json()
    };
    let app = Level::AppOwner("myapp".into());
    verifier
        .authenticate(&header(&owner, &owner_zelid), &app, NOW + 1000)
        .unwrap();
    // Component identifiers name the app after the underscore.
    verifier
        .authenticate(
            &header(&owner, &owner_zelid),
            &Level::AppOwnerAbove("web_MyApp".into()),
            NOW + 1000,
        )
        .unwrap();
    assert!(matches!(
        verifier.authenticate(&header(&user, &user_zelid), &app, NOW + 1000),
        Err(Error::NotPrivileged { .. })
    ));
    // App-owner headers without a session last 2 h, user ones 16 h.
    assert!(verifier
        .authenticate(&header(&owner, &owner_zelid), &app, NOW + 3 * 3_600_000)
        .is_err());
    verifier
        .authenticate(
            &header(&owner, &owner_zelid),
            &Level::User,
            NOW + 3 * 3_600_000,
        )
        .unwrap();
    // Admin and team levels need a session.
    assert!(matches!(
        verifier.authenticate(&header(&user, &user_zelid), &Level::FluxTeam, NOW + 1000),
        Err(Error::NoSession)
    ));
}

#[test]
fn header_parsing_refuses_malformed_input() {
    for h in [
        "",
        "{}",
        "{\"zelid\":1,\"signature\":\"a\",\"loginPhrase\":\"b\"}",
        "[1,2]",
        "zelid=a&signature=b",
        "zelid=a&zelid=b&signature=c&loginPhrase=d",
        "zelid=%ZZ&signature=b&loginPhrase=c",
        "zelid=%ff&signature=b&loginPhrase=c",
        "zelid=a&signature=b&loginPhrase=%4",
    ] {
        assert!(ZelidAuth::parse(h).is_err(), "{h}");
    }
    // qs reads '+' as a space: an unescaped base64 '+' does not survive, an escaped one does.
    let a = ZelidAuth::parse(
        "zelid=1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W&signature=ab%2Bc%3D&loginPhrase=x+y",
    )
    .unwrap();
    assert_eq!(a.signature, "ab+c=");
    assert_eq!(a.login_phrase, "x y");
}
