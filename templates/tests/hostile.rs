//! The client against hostile or broken servers on 127.0.0.1: every case ends, within a
//! bounded number of requests and a few seconds, in an error that says what went wrong or
//! in the right result; never a loop, a hang, or `Ok` for work that never ran.
//!
//! Hand-written: the generator copies this file from `templates/tests/hostile.rs`.
#![cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]

mod support;

use serde_json::Value;
use std::time::{Duration, Instant};
use support::{block_on, Received, Reply, Server};
use CRATE::runtime::Error;

/// 1 MiB to upload in chunks of 320 KiB.
fn data() -> Vec<u8> {
    (0..1024 * 1024).map(|i: u32| (i % 251) as u8).collect()
}

/// The first byte of a PUT's `Content-Range` (`bytes 327680-655359/1048576`).
fn range_start(got: &Received) -> u64 {
    let range = got.header("Content-Range").unwrap_or("");
    range.trim_start_matches("bytes ").split('-').next().and_then(|s| s.parse().ok()).unwrap_or(u64::MAX)
}

/// Uploads [`data`] to a session served by `handler`: the outcome, the requests the session
/// saw, the session URL and the time it took.
fn upload_to<F>(data: &[u8], handler: F) -> (Result<Value, Error>, Vec<Received>, String, Duration)
where
    F: FnMut(&Received, &str) -> Reply + Send + 'static,
{
    let storage = Server::start(handler);
    let service = Server::start(|_, _| Reply::empty(500));
    let url = format!("{}/upload/session-1", storage.root());
    let started = Instant::now();
    let out = block_on(service.client().upload(&url, data, 320 * 1024, |_, _| {}));
    let took = started.elapsed();
    assert!(service.received().is_empty(), "nothing goes to the service");
    (out, storage.received(), url, took)
}

/// An [`Error::Upload`] naming `url`, its message.
fn upload_error(out: Result<Value, Error>, url: &str) -> String {
    match out {
        Err(Error::Upload { url: named, message }) => {
            assert_eq!(named, url, "the error names the session");
            message
        }
        other => panic!("expected Error::Upload, got {other:?}"),
    }
}

#[test]
fn an_upload_session_that_expects_the_same_range_again_is_an_error_naming_it() {
    let (out, got, url, _) = upload_to(&data(), |_, _| Reply::json(202, r#"{"nextExpectedRanges":["0-"]}"#));
    let message = upload_error(out, &url);
    assert!(message.contains("only moves forward"), "{message}");
    assert_eq!(got.len(), 1, "one PUT, not the same chunk without end");
}

#[test]
fn an_upload_session_that_goes_backward_is_an_error_naming_it() {
    let (out, got, url, _) = upload_to(&data(), |got, _| {
        let next = if range_start(got) == 0 { "327680-" } else { "0-" };
        Reply::json(202, &format!(r#"{{"nextExpectedRanges":["{next}"]}}"#))
    });
    let message = upload_error(out, &url);
    assert!(message.contains("expects byte 0 next"), "{message}");
    assert_eq!(got.len(), 2);
}

#[test]
fn an_upload_session_that_expects_a_byte_beyond_the_length_is_an_error_naming_it() {
    let (out, got, url, _) = upload_to(&data(), |_, _| Reply::json(202, r#"{"nextExpectedRanges":["5000000-"]}"#));
    let message = upload_error(out, &url);
    assert!(message.contains("beyond the 1048576 bytes"), "{message}");
    assert_eq!(got.len(), 1, "no empty PUT of `bytes 1048576-1048575/1048576`");
}

#[test]
fn an_upload_session_with_unreadable_ranges_is_an_error_naming_it() {
    for body in [r#"{"nextExpectedRanges":["soon"]}"#, r#"{"nextExpectedRanges":"0-"}"#, "<html>"] {
        let (out, got, url, _) = upload_to(&data(), move |_, _| Reply::json(202, body));
        upload_error(out, &url);
        assert_eq!(got.len(), 1, "{body}");
    }
}

#[test]
fn an_upload_that_makes_no_progress_stops_after_the_retries_allowed() {
    // Chunks from 327680 are taken, the next one fails, and the session asks for 327680 again:
    // a cycle that makes no progress past byte 655360.
    let (out, got, url, _) = upload_to(&data(), |got, _| match (got.method.as_str(), range_start(got)) {
        ("GET", _) => Reply::json(200, r#"{"nextExpectedRanges":["327680-"]}"#),
        (_, 0) => Reply::json(202, r#"{"nextExpectedRanges":["327680-"]}"#),
        (_, 327680) => Reply::json(202, r#"{"nextExpectedRanges":["655360-"]}"#),
        _ => Reply::json(500, r#"{"error":{"code":"generalException","message":"no"}}"#),
    });
    let puts = got.iter().filter(|r| r.method == "PUT").count();
    assert!(out.is_err(), "{out:?}");
    assert!(puts <= 8, "bounded: {puts} PUTs");
    if let Err(Error::Upload { url: named, .. }) = &out {
        assert_eq!(named, &url);
    }
}

#[test]
fn a_throttled_chunk_is_sent_again_after_retry_after() {
    let mut puts = 0;
    let (out, got, _, took) = upload_to(&data()[..1000], move |_, _| {
        puts += 1;
        match puts {
            1 => Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#).header("Retry-After", "1"),
            _ => Reply::json(201, r#"{"id":"f1"}"#),
        }
    });
    assert_eq!(out.expect("the item")["id"], "f1");
    assert_eq!(got.len(), 2, "the same chunk again, no session query");
    assert!(got.iter().all(|r| r.header("Content-Range") == Some("bytes 0-999/1000")));
    assert!(took >= Duration::from_millis(900), "waited {took:?}");
}

#[test]
fn an_empty_upload_is_an_error_before_anything_is_sent() {
    let (out, got, url, _) = upload_to(&[], |_, _| Reply::json(201, r#"{"id":"f1"}"#));
    let message = upload_error(out, &url);
    assert!(message.contains("empty file"), "{message}");
    assert!(got.is_empty(), "no `bytes 0-0/0`");
}
