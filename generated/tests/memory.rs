//! Bounded memory, measured: a server on 127.0.0.1 sends bodies at and past the client's body
//! limit (a JSON page, pages and answers of tiny items at any depth, a delta page, an error
//! envelope with a huge message, an answer that is not JSON, raw bytes), and the process's
//! peak resident memory (`VmHWM`, Linux) may rise by at most twice the limit, plus a fixed
//! allowance for the runtime (threads, buffers, the tokio runtime and the reqwest client): the
//! body once, and what it decodes to at most once more. Raw bytes may rise by once the limit:
//! the body is not copied a second time.
//!
//! Each probe runs in a process of its own (this test binary, run again for the one ignored
//! test `probe`), so that no other test's memory, nor what an earlier probe freed, is counted.
//!
//! Hand-written: the generator copies this file from `templates/tests/memory.rs`.
#![cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]

mod support;

use msgraph::runtime::client::{Client, StaticToken};
use msgraph::runtime::{Bytes, Collection, Delta, Error, Json, Request};
use serde_json::Value;
use std::io::Write;
use std::net::TcpStream;
use std::time::Instant;
use support::{block_on, raw_server};

/// What the runtime may use beyond the bodies (KiB): the threads' stacks, hyper's buffers, the
/// tokio runtime and the reqwest client.
const ALLOWANCE_KIB: u64 = 8 << 10;

/// The environment variable that makes `probe` run one probe: `name:limit in bytes`.
const PROBE: &str = "GRAPHGEN_MEMORY_PROBE";

/// What a probe's server sends, and how the client reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Probe {
    /// A collection page of 7/8 of the limit, items of 16 KiB strings (`Collection<Value>`):
    /// read, the text and what it decodes to each within the limit.
    PageNearLimit,
    /// The same page at the limit: its strings and the maps that hold them decode to a little
    /// more than the limit, so it is refused.
    PageAtLimit,
    /// A page 1 MiB past the limit, its `Content-Length` saying so: refused before reading.
    PagePastLimit,
    /// The same without a `Content-Length` (to the end of the connection): cut as it arrives.
    PagePastLimitUndeclared,
    /// A page of the limit's size of `{}` items: decoded as `serde_json::Value` each takes
    /// some 25 times its three bytes; what the page decodes to may take at most the limit.
    PageOfTinyItems,
    /// The same items one level down, one item holding them all: `{"value":[[{},{},...]]}`.
    NestedTinyItems,
    /// A `Json<Value>` answer `[{},{},...]` of the limit's size.
    JsonOfTinyItems,
    /// A delta page (`Delta<Value>`) of `{}` items of the limit's size.
    DeltaOfTinyItems,
    /// A page of half the limit in one string, then `{"a":1}` items: strings count too.
    StringThenSmallMaps,
    /// A 400 whose envelope's message is 1 KiB short of the limit's size: its code is read, and
    /// the message cut to 4 KiB, as the body streams by.
    ErrorEnvelope,
    /// A 200 of the limit's size that is not JSON, read as JSON.
    NotJson,
    /// A 500 of the limit's size that is not JSON.
    NotJsonError,
    /// Raw bytes (`Bytes`) of the limit's size: read, and not copied again.
    RawBytes,
}

const PROBES: [(Probe, &str); 13] = [
    (Probe::PageNearLimit, "page-near-limit"),
    (Probe::PageAtLimit, "page-at-limit"),
    (Probe::PagePastLimit, "page-past-limit"),
    (Probe::PagePastLimitUndeclared, "page-past-limit-undeclared"),
    (Probe::PageOfTinyItems, "page-of-tiny-items"),
    (Probe::NestedTinyItems, "nested-tiny-items"),
    (Probe::JsonOfTinyItems, "json-of-tiny-items"),
    (Probe::DeltaOfTinyItems, "delta-of-tiny-items"),
    (Probe::StringThenSmallMaps, "string-then-small-maps"),
    (Probe::ErrorEnvelope, "error-envelope"),
    (Probe::NotJson, "not-json"),
    (Probe::NotJsonError, "not-json-error"),
    (Probe::RawBytes, "raw-bytes"),
];

/// The limits probed: 8 and 32 MiB.
const LIMITS: [usize; 2] = [8 << 20, 32 << 20];

/// Writes a body made piece by piece, never held whole: `head` names the status and headers
/// (`Content-Length`, when `declared`, is the length of the pieces in all).
fn answer(stream: &mut TcpStream, status: &str, content_type: &str, declared: bool, pieces: impl Iterator<Item = Vec<u8>> + Clone) {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nConnection: close\r\n");
    if declared {
        let len: usize = pieces.clone().map(|p| p.len()).sum();
        head.push_str(&format!("Content-Length: {len}\r\n"));
    }
    head.push_str("\r\n");
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    for piece in pieces {
        // The client stops reading once past its limit: the rest goes nowhere.
        if stream.write_all(&piece).is_err() {
            return;
        }
    }
}

/// A JSON page of exactly `len` bytes: items `{"id":"7","data":"xxx..."}` of `item` bytes
/// each, separated by commas, then spaces up to the length.
fn page(len: usize, item: usize) -> impl Iterator<Item = Vec<u8>> + Clone {
    let (open, close) = (b"{\"value\":[".to_vec(), b"]}".to_vec());
    let room = len - open.len() - close.len();
    let count = (room + 1) / (item + 1);
    let items = (0..count).map(move |k| {
        let id = format!("{{\"id\":\"{k:08}\",\"data\":\"");
        let mut piece = id.into_bytes();
        piece.resize(item - 2, b'x');
        piece.extend_from_slice(b"\"}");
        if k + 1 < count {
            piece.push(b',');
        }
        piece
    });
    let used = count * (item + 1) - 1;
    let pad = std::iter::once(vec![b' '; room - used]);
    std::iter::once(open).chain(items).chain(pad).chain(std::iter::once(close))
}

/// Exactly `len` bytes: `open`, then `unit` (which ends in a comma) as often as it fits, the
/// last one's comma a space, then spaces up to the length and `close`; made in pieces of
/// 64 KiB or so.
fn repeated(len: usize, open: &'static [u8], unit: &'static [u8], close: &'static [u8]) -> impl Iterator<Item = Vec<u8>> + Clone {
    let room = len - open.len() - close.len();
    let count = room / unit.len();
    let per_piece = (64 << 10) / unit.len();
    let items = (0..count.div_ceil(per_piece)).map(move |i| {
        let n = (count - i * per_piece).min(per_piece);
        let mut piece = unit.repeat(n);
        if i * per_piece + n == count {
            *piece.last_mut().expect("an item") = b' ';
        }
        piece
    });
    let pad = std::iter::once(vec![b' '; room - count * unit.len()]);
    std::iter::once(open.to_vec()).chain(items).chain(pad).chain(std::iter::once(close.to_vec()))
}

/// A page of exactly `len` bytes of `{},{},...`.
fn tiny_items(len: usize) -> impl Iterator<Item = Vec<u8>> + Clone {
    repeated(len, b"{\"value\":[", b"{},", b"]}")
}

/// A page of exactly `len` bytes: one item holding a string of half of it, then `{"a":1}` items.
fn string_then_small_maps(len: usize) -> impl Iterator<Item = Vec<u8>> + Clone {
    let half = len / 2;
    let string = (0..half.div_ceil(64 << 10)).map(move |i| vec![b's'; (half - i * (64 << 10)).min(64 << 10)]);
    let (head, tail) = (b"{\"value\":[{\"data\":\"", b"\"},");
    let open = std::iter::once(head.to_vec()).chain(string).chain(std::iter::once(tail.to_vec()));
    open.chain(repeated(len - head.len() - half - tail.len(), b"", b"{\"a\":1},", b"]}"))
}

/// `len` bytes that are not JSON, in pieces of 64 KiB.
fn html(len: usize) -> impl Iterator<Item = Vec<u8>> + Clone {
    (0..len.div_ceil(64 << 10)).map(move |i| vec![b'h'; (len - i * (64 << 10)).min(64 << 10)])
}

/// An error envelope whose message is `len` bytes.
fn envelope(len: usize) -> impl Iterator<Item = Vec<u8>> + Clone {
    let open = b"{\"error\":{\"code\":\"badRequest\",\"message\":\"".to_vec();
    let message = (0..len.div_ceil(64 << 10)).map(move |i| vec![b'm'; (len - i * (64 << 10)).min(64 << 10)]);
    std::iter::once(open).chain(message).chain(std::iter::once(b"\"}}".to_vec()))
}

/// Runs one probe against a server made for it: what came of it, in a word, or the panic.
fn run(probe: Probe, limit: usize) -> String {
    let root = raw_server(move |s| match probe {
        Probe::PageNearLimit => answer(s, "200 OK", "application/json", true, page(limit / 8 * 7, 16 << 10)),
        Probe::PageAtLimit => answer(s, "200 OK", "application/json", true, page(limit, 16 << 10)),
        Probe::PagePastLimit => answer(s, "200 OK", "application/json", true, page(limit + (1 << 20), 16 << 10)),
        Probe::PagePastLimitUndeclared => answer(s, "200 OK", "application/json", false, page(limit + (1 << 20), 16 << 10)),
        Probe::PageOfTinyItems | Probe::DeltaOfTinyItems => answer(s, "200 OK", "application/json", true, tiny_items(limit)),
        Probe::NestedTinyItems => answer(s, "200 OK", "application/json", true, repeated(limit, b"{\"value\":[[", b"{},", b"]]}")),
        Probe::JsonOfTinyItems => answer(s, "200 OK", "application/json", true, repeated(limit, b"[", b"{},", b"]")),
        Probe::StringThenSmallMaps => answer(s, "200 OK", "application/json", true, string_then_small_maps(limit)),
        // Its message 1 KiB short of the limit, so that the whole is within it: an error answer
        // too is read no further than the limit.
        Probe::ErrorEnvelope => answer(s, "400 Bad Request", "application/json", true, envelope(limit - 1024)),
        Probe::NotJson => answer(s, "200 OK", "text/html", true, html(limit)),
        Probe::NotJsonError => answer(s, "500 Internal Server Error", "text/html", true, html(limit)),
        Probe::RawBytes => answer(s, "200 OK", "application/octet-stream", true, html(limit)),
    });
    let client = Client::new(StaticToken(support::TOKEN.into())).with_root(root).with_body_limit(limit);
    let users = || Request::<Collection<Value>>::new(http::Method::GET, "/users");
    // Refused for what it would decode to: the error, with the budget's words.
    let refused = |e: Error| {
        assert!(e.to_string().contains("decodes to more memory than the client's body limit"), "{e}");
        "refused: it decodes past the limit".to_string()
    };
    match probe {
        Probe::PageNearLimit => {
            let page = block_on(client.send(&users())).expect("the page");
            assert!(page.value.len() > 400, "{} items", page.value.len());
            format!("ok, {} items", page.value.len())
        }
        Probe::PagePastLimit | Probe::PagePastLimitUndeclared => {
            let out = block_on(client.send(&users()));
            assert!(matches!(&out, Err(Error::Transport(e)) if e.to_string().contains("body limit")), "{:?}", out.map(|p| p.value.len()));
            "refused past the limit".into()
        }
        Probe::PageAtLimit | Probe::PageOfTinyItems | Probe::NestedTinyItems | Probe::StringThenSmallMaps => {
            refused(block_on(client.send(&users())).map(|p| p.value.len()).expect_err("more than the limit holds"))
        }
        Probe::JsonOfTinyItems => {
            let out = block_on(client.send(&Request::<Json<Value>>::new(http::Method::GET, "/me")));
            refused(out.map(|v| v.to_string().len()).expect_err("more than the limit holds"))
        }
        Probe::DeltaOfTinyItems => {
            let out = block_on(client.send(&Request::<Delta<Value>>::new(http::Method::GET, "/users/delta")));
            refused(out.map(|p| p.changed.len()).expect_err("more than the limit holds"))
        }
        Probe::ErrorEnvelope | Probe::NotJsonError => {
            let e = block_on(client.send(&Request::<Json<Value>>::new(http::Method::GET, "/me"))).expect_err("an error");
            if probe == Probe::ErrorEnvelope {
                assert_eq!(e.graph().map(|g| g.code.as_str()), Some("badRequest"), "{e:?}");
            }
            let text = e.to_string();
            assert!(text.len() < 5000, "{} bytes of error text", text.len());
            format!("error of {} bytes: {}", text.len(), text.chars().take(60).collect::<String>())
        }
        Probe::NotJson => {
            let e = block_on(client.send(&Request::<Json<Value>>::new(http::Method::GET, "/me"))).expect_err("not JSON");
            assert!(matches!(e, Error::Decode { .. }), "{e:?}");
            "Error::Decode".into()
        }
        Probe::RawBytes => {
            let body = block_on(client.send(&Request::<Bytes>::new(http::Method::GET, "/content"))).expect("the bytes");
            assert_eq!(body.len(), limit);
            format!("ok, {} bytes", body.len())
        }
    }
}

/// One probe, in this process: run by [`peak_memory_stays_within_twice_the_body_limit`] in a
/// process of its own, with [`PROBE`] set; does nothing without it.
#[test]
#[ignore = "run by peak_memory_stays_within_twice_the_body_limit, one process per probe"]
fn probe() {
    let Ok(which) = std::env::var(PROBE) else { return };
    let (name, limit) = which.split_once(':').expect("name:limit");
    let probe = PROBES.iter().find(|(_, n)| *n == name).map(|(p, _)| *p).expect("a probe's name");
    let limit: usize = limit.parse().expect("a limit in bytes");
    let started = Instant::now();
    let (outcome, growth) = support::peak_growth(|| run(probe, limit));
    let took = started.elapsed().as_millis();
    match growth {
        Some(g) => println!("probe-result growth_kib={} before_kib={} took_ms={took} outcome={outcome}", g.growth_kib(), g.before_kib),
        None => println!("probe-result unmeasured took_ms={took} outcome={outcome}"),
    }
}

#[test]
fn peak_memory_stays_within_twice_the_body_limit() {
    if support::status_kib("VmHWM").is_none() {
        println!("no /proc/self/status: peak memory not measured here");
        return;
    }
    let exe = std::env::current_exe().expect("this test binary");
    let mut over = Vec::new();
    for limit in LIMITS {
        for (probe, name) in PROBES {
            let out = std::process::Command::new(&exe)
                .args(["probe", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
                .env(PROBE, format!("{name}:{limit}"))
                .output()
                .expect("the probe runs");
            let stdout = String::from_utf8_lossy(&out.stdout);
            // The harness may have printed `test probe ... ` on the same line.
            let line = stdout
                .lines()
                .find_map(|l| l.find("probe-result").map(|at| &l[at..]))
                .unwrap_or_else(|| panic!("{name} at {limit}: no result\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
            assert!(out.status.success(), "{name} at {limit}: {line}\n{}", String::from_utf8_lossy(&out.stderr));
            let field = |key: &str| -> u64 {
                let at = line.find(&format!("{key}=")).map(|i| i + key.len() + 1).expect(key);
                line[at..].split(' ').next().and_then(|v| v.parse().ok()).expect(key)
            };
            let (growth, took) = (field("growth_kib"), field("took_ms"));
            let limit_kib = (limit >> 10) as u64;
            // Raw bytes are held once; anything read as JSON, once and what it decodes to.
            let times = if probe == Probe::RawBytes { 1 } else { 2 };
            let bound = times * limit_kib + ALLOWANCE_KIB;
            let outcome = line.split("outcome=").nth(1).unwrap_or("");
            println!(
                "{name:<28} limit {:>2} MiB: peak RSS +{:>6} KiB ({:.2}x the limit; bound {times}x + {} MiB) in {took} ms: {outcome}",
                limit >> 20,
                growth,
                growth as f64 / limit_kib as f64,
                ALLOWANCE_KIB >> 10
            );
            if growth > bound {
                over.push(format!("{name} at {} MiB: +{growth} KiB, bound {bound} KiB", limit >> 20));
            }
        }
    }
    assert!(over.is_empty(), "peak RSS past the bound: {over:#?}");
}
