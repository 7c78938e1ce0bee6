//! A small HTTP/1.1 server on 127.0.0.1 for the client tests: it records what reaches it and
//! answers from a handler, one connection per request (`Connection: close`), so every
//! request the client sends is seen as bytes on a real socket.
//!
//! Hand-written: the generator copies this file from `templates/tests/support/mod.rs`.

// Shared by several test crates; each uses its own part.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use CRATE::runtime::client::{Client, RetryPolicy, StaticToken};
use CRATE::runtime::testing::{decode, json_eq, query_pairs};
use CRATE::runtime::{Request, ResponseKind};

/// What the sign-in tests share.
#[cfg(feature = "auth")]
pub mod login;

/// The token every test client sends.
pub const TOKEN: &str = "loopback-token";

/// A request as the server read it off the socket.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    /// The request target as sent: `/v1.0/users/a%2Fb?$top=2`.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    /// The raw (still encoded) path, service root included.
    pub fn raw_path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The path below the service root, percent-decoded.
    pub fn path(&self) -> String {
        let raw = self.raw_path();
        let below = raw.strip_prefix(&format!("/{}", CRATE::API_VERSION)).unwrap_or(raw);
        decode(below)
    }

    /// The path's segments below the root, each percent-decoded on its own.
    pub fn segments(&self) -> Vec<String> {
        let raw = self.raw_path();
        let below = raw.strip_prefix(&format!("/{}", CRATE::API_VERSION)).unwrap_or(raw);
        below.split('/').skip(1).map(decode).collect()
    }

    /// Query parameters, decoded, in the order sent.
    pub fn query(&self) -> Vec<(String, String)> {
        query_pairs(&self.target)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply { status, headers: vec![("Content-Type".into(), "application/json".into())], body: body.as_bytes().to_vec() }
    }

    pub fn empty(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

pub struct Server {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serve until dropped; `handler` gets each request and the server's root URL (to build
    /// next links with).
    pub fn start<F>(mut handler: F) -> Server
    where
        F: FnMut(&Received, &str) -> Reply + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log, halt) = (received.clone(), stop.clone());
        let root = root_of(addr);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if halt.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                let Some(request) = read_request(&mut stream) else { continue };
                let reply = handler(&request, &root);
                log.lock().expect("log").push(request);
                write_reply(&mut stream, &reply);
            }
        });
        Server { addr, received, stop, thread: Some(thread) }
    }

    /// `http://127.0.0.1:port/<version>`, the root a client is pointed at.
    pub fn root(&self) -> String {
        root_of(self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("log").clone()
    }

    /// A client for this server: a fixed token, and retries with no backoff beyond what the
    /// server asks for.
    pub fn client(&self) -> Client {
        let retry = RetryPolicy { max_retries: 2, backoff: Duration::from_millis(10), max_wait: Duration::from_secs(5) };
        Client::new(StaticToken(TOKEN.into())).with_root(self.root()).with_retry(retry)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn root_of(addr: SocketAddr) -> String {
    format!("http://{addr}/{}", CRATE::API_VERSION)
}

/// A request's method, target and headers.
pub type RequestHead = (String, String, Vec<(String, String)>);

/// A request's line and headers, the reader left at the body.
pub fn read_head(reader: &mut impl BufRead) -> Option<RequestHead> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            return Some((method, target, headers));
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Received> {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut reader = BufReader::new(stream);
    let (method, target, headers) = read_head(&mut reader)?;
    let len = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-length")).and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    Some(Received { method, target, headers, body })
}

fn write_reply(stream: &mut TcpStream, reply: &Reply) {
    let reason = http::StatusCode::from_u16(reply.status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Status");
    let mut head = format!("HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n", reply.status, reply.body.len());
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&reply.body)).and_then(|_| stream.flush());
}

/// A server for one connection that runs `script` on it once the request head is read (the
/// body, if any, left unread): the root to point a client at. For answers the [`Server`]
/// cannot give: a stall, a drip, a body made as it is written.
pub fn raw_server(script: impl FnOnce(&mut TcpStream) + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let root = root_of(listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
        if read_head(&mut reader).is_some() {
            script(&mut stream);
        }
    });
    root
}

/// A field of `/proc/self/status` in KiB (`VmRSS`, `VmHWM`); none off Linux.
pub fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))?;
    line[field.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// How far the process's peak resident memory rose while something ran.
#[derive(Debug, Clone, Copy)]
pub struct PeakGrowth {
    /// Resident before (the peak before, where the peak could not be reset), KiB.
    pub before_kib: u64,
    /// The peak after, KiB.
    pub peak_kib: u64,
    /// True when the peak was reset to the resident size first (`/proc/self/clear_refs`).
    pub reset: bool,
}

impl PeakGrowth {
    pub fn growth_kib(&self) -> u64 {
        self.peak_kib.saturating_sub(self.before_kib)
    }

    /// What the growth is measured from, for a message.
    pub fn basis(&self) -> &'static str {
        if self.reset {
            "RSS before, peak reset"
        } else {
            "peak before (could not reset it)"
        }
    }
}

/// One measured run at a time: the peak is the whole process's.
static MEASURED: Mutex<()> = Mutex::new(());

/// Runs `f` alone among the measured runs of this process, with the peak resident memory
/// (`VmHWM`, Linux) reset first: its result and how far the peak rose, or None where
/// `/proc/self/status` is not there (off Linux).
pub fn peak_growth<R>(f: impl FnOnce() -> R) -> (R, Option<PeakGrowth>) {
    let _one = MEASURED.lock().unwrap_or_else(|e| e.into_inner());
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 on).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = if reset { status_kib("VmRSS") } else { status_kib("VmHWM") };
    let out = f();
    let growth = match (before, status_kib("VmHWM")) {
        (Some(before_kib), Some(peak_kib)) => Some(PeakGrowth { before_kib, peak_kib, reset }),
        _ => None,
    };
    (out, growth)
}

/// Run a future to completion on a fresh current-thread runtime.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime").block_on(f)
}

/// One docs example over the wire: the server answers the example's response; the request
/// that reached it must have the example's method, path and query (`url`, as the docs write
/// it), the request's headers and the example's body, and the
/// client must read the answer back as the example's JSON (`response`, pruned like the
/// offline test) or, with no JSON, accept it.
pub fn exchange<K>(request: Request<K>, url: &str, status: u16, reply: Option<&str>, request_body: Option<&str>, response: Option<&str>)
where
    K: ResponseKind,
    K::Output: serde::Serialize,
{
    let answer = match reply {
        Some(body) => Reply::json(status, body),
        None => Reply::empty(status),
    };
    let server = Server::start(move |_, _| answer.clone());
    let out = block_on(server.client().send(&request)).unwrap_or_else(|e| panic!("client: {e}"));
    let got = server.received();
    assert_eq!(got.len(), 1, "one request reaches the server");
    let got = &got[0];
    assert_eq!(got.method, request.method().as_str(), "method");
    let norm = |p: &str| decode(p).trim_end_matches('/').to_lowercase();
    assert_eq!(norm(&got.path()), norm(url.split('?').next().unwrap_or(url)), "path");
    assert_eq!(got.query(), query_pairs(url), "query");
    for (k, v) in request.headers() {
        assert_eq!(got.header(k), Some(v.as_str()), "header {k}");
    }
    assert_eq!(got.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()), "token");
    if let Some(expected) = request_body {
        let sent: serde_json::Value = serde_json::from_slice(&got.body).unwrap_or_else(|e| panic!("body on the wire is not JSON: {e}"));
        let expected: serde_json::Value = serde_json::from_str(expected).unwrap_or_else(|e| panic!("example: {e}"));
        assert!(json_eq(&sent, &expected), "request body on the wire differs\n  sent: {sent}\n  docs: {expected}");
    }
    if let Some(expected) = response {
        let back = serde_json::to_value(&out).unwrap_or_else(|e| panic!("does not serialize: {e}"));
        let expected: serde_json::Value = serde_json::from_str(expected).unwrap_or_else(|e| panic!("example: {e}"));
        assert!(json_eq(&back, &expected), "response read by the client differs\n  client: {back}\n  docs: {expected}");
    }
}
