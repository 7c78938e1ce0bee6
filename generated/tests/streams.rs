//! Downloads and uploads as streams, on 127.0.0.1: 64 MiB down through `Client::download`
//! and 64 MiB up through `Client::upload_from`, each checked byte for byte against the content
//! as it is made (never held whole), and the process's peak memory (`VmHWM`, Linux) printed
//! and held well below the size of the body. The two run one at a time (the peak is the
//! process's), in a test binary of their own.
//!
//! Hand-written: the generator copies this file from `templates/tests/streams.rs`.
#![cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]

mod support;

use futures_util::StreamExt;
use msgraph::runtime::client::{Client, StaticToken};
use msgraph::runtime::{Bytes, Error, Request, CHUNK_UNIT};
use serde_json::Value;
use std::io::{BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use support::{block_on, Reply, Server};

/// The size of each big body.
const BIG: u64 = 64 << 20;
/// How much the peak resident memory may grow while 64 MiB pass through: well below the body.
const MAX_GROWTH_KIB: u64 = 32 << 10;

/// Eight bytes of the content: a mix of the word's index (splitmix64), so that a byte out of
/// place is caught.
fn word(k: u64) -> [u8; 8] {
    let mut z = k.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)).to_le_bytes()
}

/// The content's bytes from `offset`, into `buf`.
fn content(offset: u64, buf: &mut [u8]) {
    let mut i = 0;
    while i < buf.len() {
        let at = offset + i as u64;
        let skip = (at % 8) as usize;
        let n = (8 - skip).min(buf.len() - i);
        buf[i..i + n].copy_from_slice(&word(at / 8)[skip..skip + n]);
        i += n;
    }
}

/// Checks bytes as they come, against the content, and keeps a running checksum (FNV-1a over
/// 8-byte words, whatever the pieces the bytes come in).
struct Check {
    at: u64,
    expected: Vec<u8>,
    checksum: u64,
    /// The start of a word that a piece ended inside.
    partial: Vec<u8>,
}

impl Check {
    fn new() -> Check {
        Check { at: 0, expected: Vec::new(), checksum: 0xcbf2_9ce4_8422_2325, partial: Vec::new() }
    }

    /// The next bytes; the offset of the first wrong one, if any.
    fn take(&mut self, bytes: &[u8]) -> Result<(), u64> {
        self.expected.resize(bytes.len(), 0);
        content(self.at, &mut self.expected);
        if let Some(i) = bytes.iter().zip(&self.expected).position(|(a, b)| a != b) {
            return Err(self.at + i as u64);
        }
        self.at += bytes.len() as u64;
        let fill = (8 - self.partial.len()) % 8;
        let (head, rest) = bytes.split_at(fill.min(bytes.len()));
        self.partial.extend_from_slice(head);
        if self.partial.len() == 8 {
            let word = std::mem::take(&mut self.partial);
            self.mix(&word);
        }
        let words = rest.chunks_exact(8);
        self.partial.extend_from_slice(words.remainder());
        for w in words {
            self.mix(w);
        }
        Ok(())
    }

    fn mix(&mut self, word: &[u8]) {
        let word: [u8; 8] = word.try_into().expect("eight bytes");
        self.checksum = (self.checksum ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
    }

    /// The checksum, a last partial word included.
    fn sum(&self) -> u64 {
        let mut last = [0u8; 8];
        last[..self.partial.len()].copy_from_slice(&self.partial);
        (self.checksum ^ u64::from_le_bytes(last)).wrapping_mul(0x0100_0000_01b3)
    }
}

/// The checksum of the whole 64 MiB content, made once for both tests.
fn expected_checksum() -> u64 {
    static SUM: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *SUM.get_or_init(|| checksum_of(BIG))
}

/// The checksum of the whole content of `len` bytes, made the same way.
fn checksum_of(len: u64) -> u64 {
    let mut check = Check::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut at = 0;
    while at < len {
        let n = (len - at).min(buf.len() as u64) as usize;
        content(at, &mut buf[..n]);
        check.take(&buf[..n]).expect("the content is itself");
        at += n as u64;
    }
    check.sum()
}

/// The content as a `tokio::io::AsyncRead` of `len` bytes, made as it is read, in pieces of
/// at most `piece` bytes (an odd size: reads that do not line up with the chunks).
struct Source {
    at: u64,
    len: u64,
    piece: usize,
}

impl tokio::io::AsyncRead for Source {
    fn poll_read(mut self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut tokio::io::ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let n = (self.len - self.at).min(buf.remaining() as u64).min(self.piece as u64) as usize;
        let at = self.at;
        content(at, buf.initialize_unfilled_to(n));
        buf.advance(n);
        self.at += n as u64;
        Poll::Ready(Ok(()))
    }
}

/// Runs `f`, prints how far the peak resident memory rose above what was resident before, and
/// checks that it stayed below [`MAX_GROWTH_KIB`] (on Linux; elsewhere it only runs).
fn peak_growth(name: &str, f: impl FnOnce()) {
    let start = Instant::now();
    let ((), growth) = support::peak_growth(f);
    let took = start.elapsed();
    let Some(growth) = growth else {
        println!("{name}: 64 MiB in {took:?}; no /proc/self/status, peak memory not measured");
        return;
    };
    let (peak, before, rose) = (growth.peak_kib, growth.before_kib, growth.growth_kib());
    println!("{name}: 64 MiB in {took:?}; peak RSS {peak} KiB, {rose} KiB above the {} ({before} KiB)", growth.basis());
    assert!(rose < MAX_GROWTH_KIB, "{name}: peak RSS rose {rose} KiB while 64 MiB passed; limit {MAX_GROWTH_KIB} KiB");
}

/// A request's line and headers as a [`Streaming`] server read them; the body is the
/// handler's to read.
struct Head {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A server on 127.0.0.1 whose handler reads each request's body from the socket and writes
/// the whole answer itself, so that neither side of a big body is held in memory.
struct Streaming {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Streaming {
    fn start<F>(mut handler: F) -> Streaming
    where
        F: FnMut(&Head, &mut BufReader<TcpStream>, &mut TcpStream) + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let stop = Arc::new(AtomicBool::new(false));
        let halt = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if halt.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let Ok(read_half) = stream.try_clone() else { continue };
                let mut reader = BufReader::new(read_half);
                if let Some(head) = read_head(&mut reader) {
                    handler(&head, &mut reader, &mut stream);
                }
            }
        });
        Streaming { addr, stop, thread: Some(thread) }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Streaming {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn read_head(reader: &mut BufReader<TcpStream>) -> Option<Head> {
    let (method, target, headers) = support::read_head(reader)?;
    Some(Head { method, target, headers })
}

/// The status line and headers of an answer of `len` bytes; the body follows.
fn write_head(w: &mut TcpStream, status: u16, len: u64, headers: &[(&str, &str)]) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} Status\r\nContent-Length: {len}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())
}

fn write_json(w: &mut TcpStream, status: u16, body: &str) {
    let _ = write_head(w, status, body.len() as u64, &[("Content-Type", "application/json")]).and_then(|_| w.write_all(body.as_bytes()));
}

/// A client of the service at `root`, with the test token.
fn client(root: String) -> Client {
    Client::new(StaticToken(support::TOKEN.into())).with_root(root)
}

#[test]
fn a_64_mib_download_streams_through_in_chunks_past_its_redirect() {
    let saw_token = Arc::new(AtomicBool::new(false));
    let seen = saw_token.clone();
    let storage = Streaming::start(move |head, _, w| {
        seen.fetch_or(head.header("Authorization").is_some(), Ordering::SeqCst);
        assert_eq!((head.method.as_str(), head.target.as_str()), ("GET", "/blob?sig=abc"));
        let mut buf = vec![0u8; 256 << 10];
        let mut at = 0;
        let _ = write_head(w, 200, BIG, &[("Content-Type", "application/octet-stream")]);
        while at < BIG {
            let n = (BIG - at).min(buf.len() as u64) as usize;
            content(at, &mut buf[..n]);
            if w.write_all(&buf[..n]).is_err() {
                return;
            }
            at += n as u64;
        }
    });
    let blob = storage.url("/blob?sig=abc");
    let service = Server::start(move |_, _| Reply::empty(302).header("Location", &blob));
    let request: Request<Bytes> = Request::new(http::Method::GET, "/me/drive/items/big/content");
    let expected = expected_checksum();
    peak_growth("download", || {
        let (chunks, largest, checksum) = block_on(async {
            let mut download = client(service.root()).download(&request).await.expect("the download opens");
            assert_eq!((download.status(), download.content_length()), (200, Some(BIG)));
            let (mut check, mut chunks, mut largest) = (Check::new(), 0, 0);
            while let Some(chunk) = download.next().await {
                let chunk = chunk.expect("a chunk");
                check.take(&chunk).unwrap_or_else(|at| panic!("byte {at} differs"));
                (chunks, largest) = (chunks + 1, largest.max(chunk.len()));
            }
            assert_eq!(check.at, BIG, "every byte arrived");
            (chunks, largest, check.sum())
        });
        println!("download: {chunks} chunks, the largest {largest} bytes");
        assert_eq!(checksum, expected);
        assert!(chunks > 1, "the body came in chunks");
    });
    assert_eq!(service.received()[0].header("Authorization"), Some(format!("Bearer {}", support::TOKEN).as_str()));
    assert!(!saw_token.load(Ordering::SeqCst), "the token stays with the service");
}

/// What the upload server saw: the bytes it took, in order, checked as they came.
struct Stored {
    check: Check,
    puts: u32,
    gets: u32,
    wrong: Option<String>,
    with_token: bool,
}

#[test]
fn a_64_mib_upload_from_an_async_reader_goes_in_chunks_and_resumes_after_a_failure() {
    let stored = Arc::new(Mutex::new(Stored { check: Check::new(), puts: 0, gets: 0, wrong: None, with_token: false }));
    let log = stored.clone();
    let storage = Streaming::start(move |head, body, w| {
        let mut s = log.lock().unwrap();
        s.with_token |= head.header("Authorization").is_some();
        if head.method == "GET" {
            s.gets += 1;
            return write_json(w, 200, &format!(r#"{{"nextExpectedRanges":["{}-"]}}"#, s.check.at));
        }
        s.puts += 1;
        let len: u64 = head.header("Content-Length").and_then(|v| v.parse().ok()).unwrap_or(0);
        let range = head.header("Content-Range").unwrap_or("").trim_start_matches("bytes ").to_string();
        let start: u64 = range.split('-').next().and_then(|v| v.parse().ok()).unwrap_or(u64::MAX);
        // The third chunk fails after its bytes came: the client asks where to go on.
        let take = s.puts != 3 && start == s.check.at && s.wrong.is_none();
        let mut piece = vec![0u8; 64 << 10];
        let mut left = len;
        while left > 0 {
            let n = left.min(piece.len() as u64) as usize;
            if body.read_exact(&mut piece[..n]).is_err() {
                return;
            }
            if take {
                if let Err(at) = s.check.take(&piece[..n]) {
                    s.wrong = Some(format!("byte {at} differs (Content-Range {range})"));
                }
            }
            left -= n as u64;
        }
        match (take, s.check.at) {
            (false, _) => write_json(w, 500, r#"{"error":{"code":"serviceNotAvailable","message":"try again"}}"#),
            (true, BIG) => write_json(w, 201, &format!(r#"{{"id":"big","size":{BIG}}}"#)),
            (true, at) => write_json(w, 202, &format!(r#"{{"nextExpectedRanges":["{at}-"]}}"#)),
        }
    });
    let url = storage.url("/upload/session-1");
    let expected = expected_checksum();
    let mut progress = Vec::new();
    peak_growth("upload", || {
        let source = Source { at: 0, len: BIG, piece: 100_003 };
        let client = client("http://127.0.0.1:1/v1.0".into());
        let upload = client.upload_from(url.as_str(), source, BIG, 20 * CHUNK_UNIT, |sent, total| {
            assert_eq!(total, BIG);
            progress.push(sent);
        });
        let item: Value = block_on(upload).expect("the uploaded item");
        assert_eq!(item["size"], BIG);
    });
    let s = stored.lock().unwrap();
    assert_eq!(s.wrong, None);
    assert_eq!((s.check.at, s.check.sum()), (BIG, expected), "every byte arrived, in order");
    assert_eq!(s.gets, 1, "the session was asked where to go on after the failed chunk");
    assert!(!s.with_token, "the upload URL carries its own authorization");
    assert_eq!(progress.last(), Some(&BIG));
    assert!(progress.windows(2).all(|w| w[0] < w[1]), "{progress:?}");
    println!("upload: {} PUTs of up to {} bytes", s.puts, 20 * CHUNK_UNIT);
}

#[test]
fn a_download_that_fails_is_the_error_before_any_byte_and_a_small_one_collects() {
    let server = Server::start(|got, _| match got.path().as_str() {
        "/me/drive/items/gone/content" => {
            Reply::json(404, r#"{"error":{"code":"itemNotFound","message":"The resource could not be found."}}"#)
        }
        _ => Reply::empty(200).header("ETag", "\"v1\""),
    });
    let client = server.client();
    let gone: Request<Bytes> = Request::new(http::Method::GET, "/me/drive/items/gone/content");
    match block_on(client.download(&gone)) {
        Err(Error::Graph { status: 404, error, .. }) => assert_eq!(error.code, "itemNotFound"),
        other => panic!("expected the 404, got {other:?}"),
    }
    let empty: Request<Bytes> = Request::new(http::Method::GET, "/me/drive/items/empty/content");
    let download = block_on(client.download(&empty)).expect("opens");
    assert_eq!(download.header("etag"), Some("\"v1\""));
    assert_eq!(block_on(download.to_vec()).expect("collects"), Vec::<u8>::new());
}

#[test]
fn an_upload_whose_reader_ends_early_fails_without_a_short_put() {
    let storage = Server::start(|_, _| Reply::json(202, r#"{"nextExpectedRanges":["327680-"]}"#));
    let url = format!("{}/upload/session-2", storage.root());
    let source = Source { at: 0, len: 400_000, piece: 65_536 };
    let client = client("http://127.0.0.1:1/v1.0".into());
    let err = block_on(client.upload_from::<Value, _>(&url, source, 1_000_000, CHUNK_UNIT, |_, _| {})).expect_err("short");
    // The session exists: the error names it, the reader's failure its cause.
    let Error::Upload { url: named, cause: Some(cause), .. } = &err else { panic!("expected Error::Upload, got {err:?}") };
    assert_eq!(named, &url);
    assert!(matches!(&**cause, Error::Transport(e) if e.to_string().contains("ended at byte 400000")), "{err}");
    let got = storage.received();
    assert_eq!(got.len(), 1, "the first, whole chunk went; the short second one did not");
    assert_eq!(got[0].header("Content-Range"), Some("bytes 0-327679/1000000"));
}
