//! The HTTP/1.1 plumbing both test doubles (fluxd's, `double.rs`, and FluxOS's,
//! `fluxos_double.rs`) stand on: a server thread on 127.0.0.1 with its own runtime, one
//! request per connection (`Connection: close`), the request read whole, answers written
//! as given, and the failure shapes both need (a hang, an endless body). Dropping the
//! [`Server`] stops its thread and every connection.
#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts a server on a free 127.0.0.1 port that runs `handle` for each connection with
/// the shared `state`.
pub fn serve<S, F, Fut>(state: Arc<Mutex<S>>, handle: F) -> Server
where
    S: Send + 'static,
    F: Fn(TcpStream, Arc<Mutex<S>>) -> Fut + Send + 'static,
    Fut: Future<Output = std::io::Result<()>> + Send + 'static,
{
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            let serve = async {
                loop {
                    let Ok((sock, _)) = listener.accept().await else {
                        continue;
                    };
                    let connection = handle(sock, Arc::clone(&state));
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                }
            };
            tokio::select! {
                _ = serve => {}
                _ = stop_rx => {}
            }
        });
        // Dropping the runtime cancels every connection task (hanging ones included).
    });
    let addr = addr_rx.recv().unwrap();
    Server {
        addr,
        stop: Some(stop_tx),
        thread: Some(thread),
    }
}

/// One request: the method, the path (with its query), the headers (names lower-cased)
/// and the body (Content-Length bytes).
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first header called `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one request; `None` when the client closes first or sends a head over 1 MiB.
pub async fn read_request(sock: &mut TcpStream) -> Option<Request> {
    let mut buf = Vec::new();
    let mut tmp = [0u8; 8192];
    let head_end = loop {
        let n = sock.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        if buf.len() > 1 << 20 {
            return None;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut first = lines.next()?.split_whitespace();
    let method = first.next()?.to_owned();
    let path = first.next()?.to_owned();
    let mut headers = Vec::new();
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < len {
        let n = sock.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&tmp[..n]);
    }
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// Writes a whole answer (`extra`: more header lines, each ending in `\r\n`) and closes.
pub async fn respond(
    sock: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    extra: &str,
) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Other",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    );
    let _ = sock.write_all(head.as_bytes()).await;
    let _ = sock.write_all(body).await;
    let _ = sock.shutdown().await;
}

/// Never answers (the client's timeout must fire); the server's drop ends it.
pub async fn hang() -> std::io::Result<()> {
    tokio::time::sleep(Duration::from_secs(3600)).await;
    Ok(())
}

/// HTTP 200 with a chunked JSON body of `fill` repeated forever (the client's size cap
/// must fire).
pub async fn endless(sock: &mut TcpStream, fill: char) -> std::io::Result<()> {
    sock.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
    )
    .await?;
    let chunk = format!("{:x}\r\n{}\r\n", 65536, fill.to_string().repeat(65536));
    loop {
        sock.write_all(chunk.as_bytes()).await?;
    }
}
