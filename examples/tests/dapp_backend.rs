//! End to end: start dapp_backend on 127.0.0.1 port 0, sign in over HTTP with a key, get
//! refused with a reused or expired phrase, and reach /protected only with a valid zelidauth.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use flux_zelid::header::ZelidAuth;
use flux_zelid::phrase::LoginPhrase;
use flux_zelid::{sign_message, Address, Magic, PrivateKey};
use serde_json::{json, Value};

struct Server(Child, String);

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dapp_backend"))
        .arg("127.0.0.1:0")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap()
        .to_string();
    Server(child, addr)
}

/// One HTTP/1.1 request; returns (status, JSON body).
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp.split(' ').nth(1).unwrap().parse().unwrap();
    let body = resp.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[test]
fn sign_in_refusals_and_protected_route() {
    let server = start();
    let addr = server.1.as_str();
    let key = |seed: u8| {
        PrivateKey::from_slice(&[seed; 32], true, flux_primitives::Network::Main).unwrap()
    };
    let secret = key(0x42);
    let zelid = Address::zelid(&secret.public_key()).to_string();
    let sign = |p: &str| sign_message(&secret, Magic::Bitcoin, p.as_bytes()).to_base64();

    // No header, garbage header: refused.
    assert_eq!(http(addr, "GET", "/protected", &[], "").0, 401);
    assert_eq!(
        http(addr, "GET", "/protected", &[("zelidauth", "garbage")], "").0,
        401
    );

    // Sign in.
    let (status, body) = http(addr, "GET", "/login/phrase", &[], "");
    assert_eq!(status, 200);
    let phrase = body["data"].as_str().unwrap().to_string();
    let login =
        json!({"zelid": zelid, "loginPhrase": phrase, "signature": sign(&phrase)}).to_string();
    let (status, body) = http(addr, "POST", "/login/verify", &[], &login);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["zelid"], zelid.as_str());

    // The same phrase again: refused.
    assert_eq!(http(addr, "POST", "/login/verify", &[], &login).0, 401);

    // An expired phrase (16 minutes old), validly signed: refused.
    let old = LoginPhrase::generate(now_ms() - 16 * 60 * 1000);
    let expired =
        json!({"zelid": zelid, "loginPhrase": old.as_str(), "signature": sign(old.as_str())})
            .to_string();
    let (status, body) = http(addr, "POST", "/login/verify", &[], &expired);
    assert_eq!(status, 401);
    assert!(
        body["data"]["message"]
            .as_str()
            .unwrap()
            .contains("too old"),
        "{body}"
    );

    // Protected route with the session's zelidauth, both forms.
    let auth = ZelidAuth {
        zelid: zelid.parse().unwrap(),
        signature: sign(&phrase),
        login_phrase: phrase.clone(),
    };
    for h in [auth.to_json(), auth.to_urlencoded()] {
        let (status, body) = http(addr, "GET", "/protected", &[("zelidauth", &h)], "");
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["data"]["hello"], zelid.as_str());
    }
    // Tampered: another key's signature, or the phrase changed.
    let other = key(0x43);
    let forged = ZelidAuth {
        signature: sign_message(&other, Magic::Bitcoin, phrase.as_bytes()).to_base64(),
        ..auth.clone()
    };
    assert_eq!(
        http(
            addr,
            "GET",
            "/protected",
            &[("zelidauth", &forged.to_json())],
            ""
        )
        .0,
        401
    );
    let mut changed = auth.clone();
    changed.login_phrase.push('x');
    assert_eq!(
        http(
            addr,
            "GET",
            "/protected",
            &[("zelidauth", &changed.to_json())],
            ""
        )
        .0,
        401
    );
}
