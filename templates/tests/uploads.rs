//! Resumable uploads against hostile or broken upload sessions on 127.0.0.1: every case ends,
//! within a bounded number of requests, in the uploaded item or in an error naming the session;
//! never a loop, a hang, or `Ok` for bytes that never arrived.
//!
//! Hand-written: the generator copies this file from `templates/tests/uploads.rs`.
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
    upload_with(data, None, handler)
}

/// [`upload_to`], from a slice (`upload`) or, given a length, from `data` as a reader
/// (`upload_from`, which cannot go back).
fn upload_with<F>(data: &[u8], reader_len: Option<u64>, handler: F) -> (Result<Value, Error>, Vec<Received>, String, Duration)
where
    F: FnMut(&Received, &str) -> Reply + Send + 'static,
{
    let storage = Server::start(handler);
    let service = Server::start(|_, _| Reply::empty(500));
    let url = format!("{}/upload/session-1", storage.root());
    let started = Instant::now();
    let client = service.client();
    let out = match reader_len {
        None => block_on(client.upload(&url, data, 320 * 1024, |_, _| {})),
        Some(len) => block_on(client.upload_from(&url, data, len, 320 * 1024, |_, _| {})),
    };
    let took = started.elapsed();
    assert!(service.received().is_empty(), "nothing goes to the service");
    (out, storage.received(), url, took)
}

#[test]
fn an_item_answered_before_the_last_chunk_is_an_error_not_a_done_upload() {
    let (out, got, url, _) = upload_to(&data(), |_, _| Reply::json(201, r#"{"id":"early"}"#));
    let message = upload_error(out, &url);
    assert!(message.contains("the rest was never sent"), "{message}");
    assert_eq!(got.len(), 1, "one PUT, then the error");
}

#[test]
fn an_outlook_attachment_session_answers_200_with_ranges_then_201_with_no_body() {
    // Outlook's large attachments: `200 OK` and `NextExpectedRanges` (one start, no end) after
    // each chunk but the last, which is answered `201 Created`, no body, and a `Location`.
    let total = data().len() as u64;
    let (out, got, _, _) = upload_to(&data(), move |req, _| {
        let end = req.header("Content-Range").and_then(|r| r.rsplit('/').next()?.parse::<u64>().ok()).unwrap_or(0);
        let start = range_start(req);
        let next = start + req.body.len() as u64;
        if next < end {
            Reply::json(200, &format!(r#"{{"expirationDateTime":"2026-12-06T00:00:00Z","NextExpectedRanges":["{next}"]}}"#))
        } else {
            Reply::empty(201).header("Location", "https://outlook.example/api/v2.0/Users('u')/Messages('m')/Attachments('a')")
        }
    });
    assert_eq!(out.expect("the upload is done"), Value::Null, "no body: read as null");
    assert_eq!(got.iter().map(|r| r.body.len() as u64).sum::<u64>(), total, "every byte once");
    assert!(got.len() > 1, "in chunks");
}

#[test]
fn an_upload_read_as_uploaded_keeps_the_location_of_a_bodiless_answer() {
    let at = "https://outlook.example/api/v2.0/Users('u')/Messages('m')/Attachments('a')";
    let storage = Server::start(move |_, _| Reply::empty(201).header("Location", at));
    let service = Server::start(|_, _| Reply::empty(500));
    let url = format!("{}/upload/session-1", storage.root());
    let done: CRATE::runtime::Uploaded = block_on(service.client().upload(&url, &data()[..1000], 320 * 1024, |_, _| {})).expect("done");
    assert_eq!(done.location.as_deref(), Some(at));
    // An answer with the item is no place to read one from: it reads with no location.
    let storage = Server::start(|_, _| Reply::json(201, r#"{"id":"item-1"}"#));
    let url = format!("{}/upload/session-2", storage.root());
    let done: CRATE::runtime::Uploaded = block_on(service.client().upload(&url, &data()[..1000], 320 * 1024, |_, _| {})).expect("done");
    assert_eq!(done.location, None);
}

/// An [`Error::Upload`] naming `url`, its message.
fn upload_error(out: Result<Value, Error>, url: &str) -> String {
    upload_failure(out, url).0
}

/// An [`Error::Upload`] naming `url`: its message and its cause.
fn upload_failure(out: Result<Value, Error>, url: &str) -> (String, Option<Box<Error>>) {
    match out {
        Err(e @ Error::Upload { .. }) => {
            let text = e.to_string();
            // The text names the session, less a query (which may be its authorization).
            assert!(text.contains(url.split('?').next().unwrap_or(url)), "the text names the session: {text}");
            let Error::Upload { url: named, message, cause } = e else { unreachable!("matched above") };
            assert_eq!(named, url, "the error names the session");
            (message, cause)
        }
        other => panic!("expected Error::Upload, got {other:?}"),
    }
}

/// A session that takes the chunks up to byte 655360, fails the next one, and then asks for
/// byte 327680 again: a cycle that makes no progress past byte 655360.
fn cycling_session(got: &Received, _: &str) -> Reply {
    match (got.method.as_str(), range_start(got)) {
        ("GET", _) => Reply::json(200, r#"{"nextExpectedRanges":["327680-"]}"#),
        (_, 0) => Reply::json(202, r#"{"nextExpectedRanges":["327680-"]}"#),
        (_, 327680) => Reply::json(202, r#"{"nextExpectedRanges":["655360-"]}"#),
        _ => Reply::json(500, r#"{"error":{"code":"generalException","message":"no"}}"#),
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
    // From a slice, which can give byte 327680 again: the cycle runs until the retries (3 by
    // default) are spent.
    let (out, got, url, _) = upload_to(&data(), cycling_session);
    let (message, cause) = upload_failure(out, &url);
    assert!(message.contains("no progress past byte 655360 of 1048576"), "{message}");
    // The test client retries twice: the cycle ends on the failed chunk, its 500 the cause.
    assert_eq!(cause.and_then(|c| c.status()), Some(500));
    let puts = got.iter().filter(|r| r.method == "PUT").count();
    assert!(puts <= 8, "bounded: {puts} PUTs");
}

#[test]
fn an_upload_whose_chunks_keep_failing_ends_in_an_error_naming_the_session() {
    let (out, got, url, _) = upload_to(&data(), |got, _| match got.method.as_str() {
        "GET" => Reply::json(200, r#"{"nextExpectedRanges":["0-"]}"#),
        _ => Reply::json(500, r#"{"error":{"code":"generalException","message":"no"}}"#),
    });
    let text = out.as_ref().err().map(|e| e.to_string()).unwrap_or_default();
    let source = out.as_ref().err().and_then(|e| std::error::Error::source(e)).map(|s| s.to_string());
    let (message, cause) = upload_failure(out, &url);
    assert!(message.contains("no progress past byte 0 of 1048576 in 3 answers"), "{message}");
    let cause = cause.expect("the last chunk's error as the cause");
    assert_eq!(cause.status(), Some(500), "{cause:?}");
    assert_eq!(cause.graph().map(|g| g.code.as_str()), Some("generalException"));
    assert!(text.contains("generalException"), "the text shows the cause: {text}");
    assert_eq!(source, None, "the text holds the cause; source() would repeat it");
    let puts = got.iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 3, "the first try and the test client's 2 retries");
}

#[test]
fn an_upload_from_a_reader_that_fails_names_the_session() {
    // A reader cannot go back to byte 327680 once it holds the chunk from 655360.
    let (out, got, url, _) = upload_with(&data(), Some(1024 * 1024), cycling_session);
    let (message, cause) = upload_failure(out, &url);
    assert!(message.contains("stopped with 327680 of 1048576 bytes in"), "{message}");
    let cause = cause.expect("the reader's error");
    assert!(matches!(&*cause, Error::Transport(_)), "{cause:?}");
    assert!(cause.to_string().contains("the reader cannot go back"), "{cause}");
    assert_eq!(got.iter().filter(|r| r.method == "PUT").count(), 3);
    // A reader that ends before the length given: nothing is sent.
    let (out, got, url, _) = upload_with(&data()[..1000], Some(5000), |_, _| Reply::json(201, r#"{"id":"f1"}"#));
    let (_, cause) = upload_failure(out, &url);
    let cause = cause.expect("the reader's error");
    assert!(cause.to_string().contains("ended at byte 1000, before the length given"), "{cause}");
    assert!(got.is_empty(), "{} requests", got.len());
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

#[test]
fn a_chunk_goes_without_the_token_even_to_the_service_s_own_origin_and_a_409_is_final() {
    // The upload pages: the URL carries its own authorization, and a bearer token on the PUT
    // may be refused (401). A fake service serving its own upload URLs must not get it either.
    let service = Server::start(|got, _| match got.method.as_str() {
        "PUT" => Reply::json(409, r#"{"error":{"code":"nameAlreadyExists","message":"taken"}}"#),
        _ => Reply::json(200, r#"{"nextExpectedRanges":["0-"]}"#),
    });
    let url = format!("{}/upload/session-1?tempauth=abc", service.root());
    let out: Result<Value, Error> = block_on(service.client().upload(&url, &data()[..1000], 320 * 1024, |_, _| {}));
    let got = service.received();
    assert!(!got.is_empty());
    assert!(got.iter().all(|r| r.header("Authorization").is_none()), "no token on the upload URL");
    let put = got.iter().find(|r| r.method == "PUT").expect("a PUT");
    assert_eq!(put.header("Accept"), Some("application/json"), "the answers are JSON");
    // A 409 is the same answer again: one PUT, no session query, no resend.
    assert_eq!(got.len(), 1, "{:?}", got.iter().map(|r| &r.method).collect::<Vec<_>>());
    let text = out.as_ref().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(text.contains("was refused") && text.contains("nameAlreadyExists"), "{text}");
    assert!(!text.contains("tempauth"), "the session URL's query may be its authorization: {text}");
    // The chunk's error, the cause, names its PUT (without the query).
    let (_, cause) = upload_failure(out, &url);
    let cause = cause.expect("the chunk's error");
    let line = format!("PUT /{}/upload/session-1", CRATE::API_VERSION);
    assert_eq!(cause.request_line(), Some(line.as_str()), "{cause:?}");
}
