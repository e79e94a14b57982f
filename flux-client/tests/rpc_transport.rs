//! The client against the in-process fluxd double: wire, auth, fluxd's failure modes,
//! retries, timeouts, the response cap and batches.
#![cfg(feature = "http")]

mod support;

use std::time::{Duration, Instant};

use flux_client::rpc::batch::Batch;
use flux_client::rpc::method::Call;
use flux_client::rpc::request::{no_params, params};
use flux_client::rpc::{codes, Auth, Client, RetryPolicy};
use flux_client::Error;
use support::double::{Double, DoubleAuth, Fault};

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
    }
}

fn client(d: &Double, auth: Auth) -> Client {
    Client::builder(d.url())
        .auth(auth)
        .retry(fast_retry())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

#[tokio::test]
async fn user_password_and_a_raw_result_untouched() {
    let d = Double::start(DoubleAuth::UserPass("u".into(), "p".into()));
    d.state
        .lock()
        .unwrap()
        .canned
        .insert("getbalance".into(), "439999999.99999999".into());
    let c = client(&d, Auth::user_pass("u", "p"));
    assert_eq!(
        c.call("getblockcount", no_params()).await.unwrap().get(),
        "2020000"
    );
    // serde_json::Value would print 440000000.0 here; the raw token is kept.
    let raw = c.call("getbalance", no_params()).await.unwrap();
    assert_eq!(raw.get(), "439999999.99999999");
}

#[tokio::test]
async fn wrong_password_is_auth_after_fluxds_delay() {
    let d = Double::start(DoubleAuth::UserPass("u".into(), "p".into()));
    let c = client(&d, Auth::user_pass("u", "wrong"));
    let start = Instant::now();
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert_eq!(e.kind(), "auth", "{e}");
    assert_eq!(e.method(), Some("getblockcount"));
    assert!(start.elapsed() >= Duration::from_millis(250));
    // user/password is not retried: one 401.
    assert_eq!(d.state.lock().unwrap().unauthorized, 1);
}

#[tokio::test]
async fn cookie_rotating_mid_session_is_read_again_once() {
    let d = Double::start(DoubleAuth::Cookie("aaaa".into()));
    let dir = std::env::temp_dir().join(format!("flux-client-cookie-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(".cookie");
    std::fs::write(&path, "__cookie__:aaaa").unwrap();
    let c = client(&d, Auth::cookie_file(&path));
    c.call("getblockcount", no_params()).await.unwrap();

    // The node restarts: a new cookie on disk and on the node.
    std::fs::write(&path, "__cookie__:bbbb\n").unwrap();
    d.state.lock().unwrap().auth = DoubleAuth::Cookie("bbbb".into());
    c.call("getblockcount", no_params()).await.unwrap();
    assert_eq!(d.state.lock().unwrap().unauthorized, 1);

    // A cookie that does not work even after re-reading: auth error, re-read only once.
    d.state.lock().unwrap().auth = DoubleAuth::Cookie("cccc".into());
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert_eq!(e.kind(), "auth");
    assert_eq!(d.state.lock().unwrap().unauthorized, 3);

    // An unreadable cookie file is an auth error naming the file.
    let c = client(&d, Auth::cookie_file(dir.join("missing")));
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert!(
        matches!(&e, Error::Auth { message, .. } if message.contains("missing")),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn rpc_errors_in_500_and_404_json_bodies() {
    let d = Double::start(DoubleAuth::None);
    let c = client(&d, Auth::None);
    let e = c
        .call("getblock", params(&("00".repeat(32), 0)).unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Rpc { code: codes::INVALID_ADDRESS_OR_KEY, method, .. } if method == "getblock")
    );
    let e = c.call("nosuchmethod", no_params()).await.unwrap_err();
    assert_eq!(e.rpc_code(), Some(codes::METHOD_NOT_FOUND));
    let e = c
        .call("getblockhash", params(&[99_999_999]).unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.rpc_code(), Some(codes::INVALID_PARAMETER));
    // None of these is retried.
    assert_eq!(d.log().len(), 3);
}

#[tokio::test]
async fn work_queue_503_and_warmup_are_retried_with_backoff() {
    let d = Double::start(DoubleAuth::None);
    d.push_faults([Fault::WorkQueue, Fault::Unavailable, Fault::Warmup]);
    let c = client(&d, Auth::None);
    assert_eq!(
        c.call("getblockcount", no_params()).await.unwrap().get(),
        "2020000"
    );
    assert_eq!(d.log().len(), 4);

    // Without retries each is a typed, retryable error.
    let c = Client::builder(d.url())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    d.push_faults([Fault::WorkQueue]);
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert!(
        matches!(&e, Error::Http { status: 500, body, .. } if body == "Work queue depth exceeded")
    );
    assert!(e.is_retryable());
    d.push_faults([Fault::Unavailable]);
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert_eq!((e.kind(), e.code()), ("http", Some(503)));
    d.push_faults([Fault::Warmup]);
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert_eq!(e.rpc_code(), Some(codes::IN_WARMUP));

    // Retries stop after max_retries.
    let c = client(&d, Auth::None);
    d.push_faults(vec![Fault::Unavailable; 5]);
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert_eq!(e.code(), Some(503));
    d.state.lock().unwrap().faults.clear();
}

#[tokio::test]
async fn a_node_that_never_answers_times_out() {
    let d = Double::start(DoubleAuth::None);
    d.push_faults([Fault::Hang]);
    let c = Client::builder(d.url())
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let start = Instant::now();
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert!(
        matches!(&e, Error::Timeout { method, .. } if method == "getblockcount"),
        "{e}"
    );
    assert!(start.elapsed() < Duration::from_secs(3));

    // The per-call override: a longer timeout on a handle sharing the client.
    let slow = c.with_timeout(Duration::from_secs(5));
    assert_eq!(
        slow.call("getblockcount", no_params()).await.unwrap().get(),
        "2020000"
    );
}

#[tokio::test]
async fn truncated_body_is_a_typed_error() {
    let d = Double::start(DoubleAuth::None);
    d.push_faults([Fault::Truncate, Fault::Truncate]);
    let c = client(&d, Auth::None);
    let e = c.call("getinfo", no_params()).await.unwrap_err();
    assert!(matches!(e.kind(), "transport" | "decode"), "{e}");
    assert_eq!(e.method(), Some("getinfo"));
}

#[tokio::test]
async fn endless_body_stops_at_the_cap() {
    let d = Double::start(DoubleAuth::None);
    d.push_faults([Fault::Endless]);
    let c = Client::builder(d.url())
        .max_response_bytes(1 << 20)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let e = c.call("getinfo", no_params()).await.unwrap_err();
    assert_eq!(
        e,
        Error::TooLarge {
            method: "getinfo".into(),
            limit: 1 << 20
        }
    );
}

#[tokio::test]
async fn connection_refused_is_transport_before_send() {
    // Bind and drop a listener to find a port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let c = Client::builder(format!("http://127.0.0.1:{port}"))
        .retry(fast_retry())
        .build()
        .unwrap();
    let e = c.call("getblockcount", no_params()).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::Transport {
                before_send: true,
                ..
            }
        ),
        "{e}"
    );
}

#[tokio::test]
async fn batch_by_index_and_fallback_when_refused() {
    let d = Double::start(DoubleAuth::None);
    let c = client(&d, Auth::None);
    let mut b = Batch::new();
    let h0 = b
        .add(Call::with_params("getblockhash", &[0]).unwrap())
        .unwrap();
    let bad = b
        .add(Call::with_params("getblockhash", &[5]).unwrap())
        .unwrap();
    let count = b.add(Call::new("getblockcount", no_params())).unwrap();
    let r = c.batch(&b).await.unwrap();
    assert_eq!(
        r.get(&h0).unwrap().get(),
        "\"00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444\""
    );
    assert_eq!(
        r.get(&bad).unwrap_err().rpc_code(),
        Some(codes::INVALID_PARAMETER)
    );
    assert_eq!(r.get(&count).unwrap().get(), "2020000");
    assert_eq!(d.log(), ["batch[3]"]);

    d.state.lock().unwrap().refuse_batches = true;
    let r = c.batch(&b).await.unwrap();
    assert_eq!(r.get(&count).unwrap().get(), "2020000");
    assert_eq!(
        r.get(&bad).unwrap_err().rpc_code(),
        Some(codes::INVALID_PARAMETER)
    );
    assert_eq!(
        d.log()[1..],
        ["batch[3]", "getblockhash", "getblockhash", "getblockcount"]
    );
}

/// fluxd answers a batch during warm-up with HTTP 200 and RPC −28 per entry: only the
/// warming entries are sent again (an entry that ran is never re-sent), under the retry
/// policy, and their answers land at their own index.
#[tokio::test]
async fn warming_batch_entries_are_retried_alone() {
    let d = Double::start(DoubleAuth::None);
    let c = client(&d, Auth::None);
    let mut b = Batch::new();
    let h0 = b
        .add(Call::with_params("getblockhash", &[0]).unwrap())
        .unwrap();
    let count = b.add(Call::new("getblockcount", no_params())).unwrap();
    let best = b.add(Call::new("getbestblockhash", no_params())).unwrap();
    d.push_faults([Fault::WarmupEntry(1)]);
    let r = c.batch(&b).await.unwrap();
    assert_eq!(
        r.get(&h0).unwrap().get(),
        "\"00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444\""
    );
    assert_eq!(r.get(&count).unwrap().get(), "2020000");
    assert!(r.get(&best).is_ok());
    assert_eq!(d.log(), ["batch[3]", "batch[1]"]);

    // Every entry warming, twice: the whole batch again each time, then answers.
    d.push_faults([Fault::WarmupEntry(99), Fault::WarmupEntry(99)]);
    let r = c.batch(&b).await.unwrap();
    assert_eq!(r.get(&count).unwrap().get(), "2020000");
    assert_eq!(d.log()[2..], ["batch[3]", "batch[3]", "batch[3]"]);

    // Still warming after max_retries: the entries' own −28 errors, no endless loop.
    d.push_faults(vec![Fault::WarmupEntry(99); 4]);
    let r = c.batch(&b).await.unwrap();
    assert_eq!(
        r.get(&count).unwrap_err().rpc_code(),
        Some(codes::IN_WARMUP)
    );
    assert_eq!(d.log().len(), 5 + 4);

    // Without retries the warming entry is returned as it came.
    let c = Client::builder(d.url())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    d.push_faults([Fault::WarmupEntry(0)]);
    let r = c.batch(&b).await.unwrap();
    assert_eq!(r.get(&h0).unwrap_err().rpc_code(), Some(codes::IN_WARMUP));
    assert_eq!(r.get(&count).unwrap().get(), "2020000");
}
