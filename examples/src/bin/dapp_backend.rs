//! A small dApp backend with ZelID sign-in, on a real HTTP server.
//!
//! ```text
//! cargo run -p flux-examples --bin dapp_backend -- 127.0.0.1:8080
//! GET  /login/phrase        -> {"status":"success","data":"<login phrase>"}
//! POST /login/verify        {"zelid","loginPhrase","signature"} -> the session, or 401
//! GET  /protected           header zelidauth (JSON or URL-encoded) -> hello, or 401
//! ```
//!
//! The first line on stdout is `listening on http://<address>` (port 0 picks a free port).
//! Phrases are issued by this server, valid 15 minutes, usable once; `/protected` accepts a
//! session from `/login/verify` or, like FluxOS's user level, a self-signed phrase ≤ 16 h old.

use std::io::Read;
use std::sync::Arc;

use flux_zelid::login::{LoginRequest, LoginVerifier};
use flux_zelid::privilege::{Level, Privileges};
use flux_zelid::ZelId;
use serde_json::{json, Value};
use tiny_http::{Header, Method, Request, Response, Server};

/// Milliseconds since the Unix epoch: the application reads the clock and hands the time
/// to the library (which has no clock of its own, so it also runs in a browser).
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_string());
    let server = Server::http(&addr).unwrap_or_else(|e| {
        eprintln!("cannot listen on {addr}: {e}");
        std::process::exit(1);
    });
    let local = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or(addr);
    println!("listening on http://{local}");
    let verifier = Arc::new(LoginVerifier::in_memory(Privileges::default()));
    // A few worker threads share the verifier; its store is behind a mutex.
    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (server, verifier) = (Arc::clone(&server), Arc::clone(&verifier));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &verifier);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
}

fn reply(request: Request, status: u16, body: Value) {
    let header = Header::from_bytes("Content-Type", "application/json").ok();
    let mut response = Response::from_string(body.to_string()).with_status_code(status);
    if let Some(h) = header {
        response = response.with_header(h);
    }
    let _ = request.respond(response);
}

fn error(request: Request, status: u16, message: String) {
    reply(
        request,
        status,
        json!({"status": "error", "data": {"message": message}}),
    );
}

fn handle(mut request: Request, verifier: &LoginVerifier) {
    let path = request.url().split('?').next().unwrap_or("").to_string();
    match (request.method().clone(), path.as_str()) {
        (Method::Get, "/login/phrase") => {
            let phrase = verifier.issue_phrase(now_ms());
            reply(
                request,
                200,
                json!({"status": "success", "data": phrase.as_str()}),
            );
        }
        (Method::Post, "/login/verify") => {
            let mut body = String::new();
            if request
                .as_reader()
                .take(16 * 1024)
                .read_to_string(&mut body)
                .is_err()
            {
                return error(request, 400, "body is not UTF-8".into());
            }
            let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            let field = |name: &str| {
                v.get(name)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let zelid = match ZelId::parse(&field("zelid")) {
                Ok(z) => z,
                Err(e) => return error(request, 401, e.to_string()),
            };
            let req = LoginRequest {
                zelid,
                login_phrase: field("loginPhrase"),
                signature: field("signature"),
            };
            match verifier.verify_login(&req, now_ms()) {
                Ok(s) => reply(
                    request,
                    200,
                    json!({"status": "success", "data": {
                        "message": "Successfully logged in",
                        "zelid": s.zelid,
                        "loginPhrase": s.login_phrase,
                        "privilage": s.role.name(),
                        "createdAt": s.created_ms,
                        "expireAt": s.expires_ms,
                    }}),
                ),
                Err(e) => error(request, 401, e.to_string()),
            }
        }
        (Method::Get, "/protected") => {
            let header = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("zelidauth"))
                .map(|h| h.value.as_str().to_string());
            let Some(header) = header else {
                return error(request, 401, "zelidauth header missing".into());
            };
            match verifier.authenticate(&header, &Level::User, now_ms()) {
                Ok(s) => reply(
                    request,
                    200,
                    json!({"status": "success", "data": {"hello": s.zelid}}),
                ),
                Err(e) => error(request, 401, e.to_string()),
            }
        }
        _ => error(request, 404, "no such route".into()),
    }
}
