//! The client against hostile or broken servers on 127.0.0.1: every case ends, within a
//! bounded number of requests and a few seconds, in an error that says what went wrong or
//! in the right result; never a loop, a hang, or `Ok` for work that never ran.
//!
//! Hand-written: the generator copies this file from `templates/tests/hostile.rs`.
#![cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]

mod support;

use msgraph::runtime::Error;
use serde_json::Value;
use std::time::{Duration, Instant};
use support::{block_on, raw_server, Received, Reply, Server};

/// A client for `root` with these limits (the rest as by default).
fn timed_client(root: &str, request: Duration, read_idle: Duration) -> msgraph::runtime::client::Client {
    use msgraph::runtime::client::{Client, StaticToken, Timeouts};
    let timeouts = Timeouts { request, read_idle, ..Timeouts::default() };
    Client::new(StaticToken(support::TOKEN.into())).with_root(root).with_timeouts(timeouts)
}

/// A client for `root` with these limits and this download floor.
fn paced_client(root: &str, request: Duration, read_idle: Duration, min_rate: u64) -> msgraph::runtime::client::Client {
    use msgraph::runtime::client::{Client, StaticToken, Timeouts};
    let timeouts = Timeouts { request, read_idle, min_rate, ..Timeouts::default() };
    Client::new(StaticToken(support::TOKEN.into())).with_root(root).with_timeouts(timeouts)
}

/// True for the transport error of a time limit run out.
fn is_timeout(e: &Error) -> bool {
    matches!(e, Error::Transport(source) if source.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut))
}

fn write(stream: &mut std::net::TcpStream, bytes: &[u8]) {
    use std::io::Write;
    let _ = stream.write_all(bytes).and_then(|_| stream.flush());
}

const HEAD_100: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";

/// A listener that takes no connection, its queue already full: the handshake of any other
/// connection never completes (Linux drops its SYNs), so connecting hangs. Its root, and what
/// keeps it so.
fn never_connects() -> (String, Held) {
    let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
    socket.bind("127.0.0.1:0".parse().expect("an address")).expect("bind 127.0.0.1");
    let addr = socket.local_addr().expect("address");
    // A backlog of 0: Linux queues one connection, and drops the SYNs of the rest.
    let listener = block_on(async { socket.listen(0)?.into_std() }).expect("listen");
    let mut queued = Vec::new();
    while let Ok(s) = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
        queued.push(s);
        assert!(queued.len() < 64, "the queue never fills");
    }
    (format!("http://{addr}/{}", msgraph::API_VERSION), Held(listener, queued))
}

/// What keeps a [`never_connects`] listener full: the listener, the connections queued.
struct Held(#[allow(dead_code)] std::net::TcpListener, #[allow(dead_code)] Vec<std::net::TcpStream>);

#[test]
fn a_host_that_never_completes_the_handshake_times_out_at_the_connect_limit() {
    use msgraph::runtime::client::{Client, StaticToken, Timeouts};
    assert_eq!(Timeouts::default().connect, Duration::from_secs(30), "the default");
    let (root, _held) = never_connects();
    let timeouts = Timeouts { connect: Duration::from_millis(300), ..Timeouts::default() };
    let client = Client::new(StaticToken(support::TOKEN.into())).with_root(&root).with_timeouts(timeouts);
    let started = Instant::now();
    let e = block_on(client.send(&me())).expect_err("no connection is no success");
    let took = started.elapsed();
    assert!(is_timeout(&e) && e.to_string().contains("could not connect"), "{e:?}");
    assert!(took >= Duration::from_millis(250) && took < Duration::from_secs(3), "took {took:?}");
    println!("connect limit of 300 ms: {e} after {took:?}");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let root = raw_server(|_| std::thread::sleep(Duration::from_secs(5)));
    let client = timed_client(&root, Duration::from_millis(300), Duration::from_secs(30));
    let started = Instant::now();
    let out = block_on(client.send(&msgraph::runtime::Request::<msgraph::runtime::Json<Value>>::new(http::Method::GET, "/me")));
    let e = out.expect_err("no answer is no success");
    assert!(is_timeout(&e), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[test]
fn a_body_that_stalls_midway_times_out() {
    let root = raw_server(|s| {
        write(s, HEAD_100);
        write(s, br#"{"id":"#);
        std::thread::sleep(Duration::from_secs(5));
    });
    let client = timed_client(&root, Duration::from_secs(30), Duration::from_millis(200));
    let started = Instant::now();
    let out = block_on(client.send(&msgraph::runtime::Request::<msgraph::runtime::Json<Value>>::new(http::Method::GET, "/me")));
    let e = out.expect_err("a stalled body is no success");
    assert!(is_timeout(&e), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[test]
fn a_body_that_drips_ends_at_the_request_limit() {
    let root = raw_server(|s| {
        write(s, HEAD_100);
        for _ in 0..100 {
            write(s, b" ");
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    let client = timed_client(&root, Duration::from_millis(500), Duration::from_secs(1));
    let started = Instant::now();
    let out = block_on(client.send(&msgraph::runtime::Request::<msgraph::runtime::Json<Value>>::new(http::Method::GET, "/me")));
    let e = out.expect_err("a body slower than the limit is no success");
    assert!(is_timeout(&e), "{e:?}");
    assert!(e.to_string().contains("time limit"), "says what ran out: {e}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[test]
fn a_download_streams_past_the_request_limit_but_not_past_a_stall() {
    use futures_util::StreamExt;
    // Ten bytes 100 ms apart: longer than the request limit, never idle for long.
    let root = raw_server(|s| {
        write(s, b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
        for _ in 0..10 {
            std::thread::sleep(Duration::from_millis(100));
            write(s, b"x");
        }
    });
    // At 10 bytes a second, above a floor of 5.
    let client = paced_client(&root, Duration::from_millis(300), Duration::from_millis(500), 5);
    let request = msgraph::runtime::Request::<msgraph::runtime::Bytes>::new(http::Method::GET, "/content");
    let body = block_on(async { client.download(&request).await?.to_vec().await }).expect("the whole body");
    assert_eq!(body, b"xxxxxxxxxx");

    let root = raw_server(|s| {
        write(s, b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nxx");
        std::thread::sleep(Duration::from_secs(5));
    });
    let client = timed_client(&root, Duration::from_secs(30), Duration::from_millis(200));
    let started = Instant::now();
    let items: Vec<_> = block_on(async { client.download(&request).await.expect("the status").collect::<Vec<_>>().await });
    let last = items.last().expect("an item");
    assert!(last.as_ref().is_err_and(is_timeout), "{items:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[test]
fn a_download_that_drips_ends_at_the_floor_once_the_request_limit_has_passed() {
    use futures_util::StreamExt;
    // A byte every 100 ms, for 20 s if nobody stops it: never silent for the idle limit.
    let root = raw_server(|s| {
        write(s, b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n");
        for _ in 0..200 {
            std::thread::sleep(Duration::from_millis(100));
            write(s, b"x");
        }
    });
    let client = timed_client(&root, Duration::from_millis(400), Duration::from_millis(500));
    let request = msgraph::runtime::Request::<msgraph::runtime::Bytes>::new(http::Method::GET, "/content");
    let started = Instant::now();
    let items: Vec<_> = block_on(async { client.download(&request).await.expect("the status").collect::<Vec<_>>().await });
    let last = items.last().expect("an item");
    assert!(last.as_ref().is_err_and(is_timeout), "{:?}", last);
    assert!(last.as_ref().unwrap_err().to_string().contains("min_rate"), "{last:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[cfg(feature = "reqwest")]
#[test]
fn a_reqwest_client_that_fails_to_build_fails_the_first_send_with_its_error() {
    use msgraph::runtime::client::http_builder;
    // Not a TLS configuration reqwest knows: its builder fails.
    let broken = http_builder().tls_backend_preconfigured(42u8);
    let server = Server::start(|_, _| Reply::json(200, r#"{"id":"me"}"#));
    let e = block_on(server.client().with_http(broken).send(&me())).expect_err("no fallback to reqwest's defaults");
    assert!(matches!(&e, Error::Transport(_)) && e.to_string().contains("Unknown TLS backend"), "{e:?}");
    assert!(server.received().is_empty(), "nothing sent");
}

/// A service that answers each request from `answers` (by `METHOD path`, the path below the
/// root), and 404 to anything else.
fn redirecting(answers: Vec<(&'static str, Reply)>) -> Server {
    Server::start(move |got, _| {
        let key = format!("{} {}", got.method, got.path());
        answers.iter().find(|(k, _)| *k == key).map_or(Reply::empty(404), |(_, r)| r.clone())
    })
}

fn post() -> msgraph::runtime::Request<msgraph::runtime::Json<Value>> {
    msgraph::runtime::Request::new(http::Method::POST, "/things").json(&serde_json::json!({"name": "a"}))
}

#[test]
fn a_307_or_308_sends_the_post_again_with_its_body() {
    for status in [307, 308] {
        let server = redirecting(vec![
            ("POST /things", Reply::empty(status).header("Location", "things-2")),
            ("POST /things-2", Reply::json(201, r#"{"id":"t1"}"#)),
        ]);
        let created = block_on(server.client().send(&post())).expect("created");
        assert_eq!(created["id"], "t1");
        let got = server.received();
        assert_eq!(got.len(), 2, "{status}");
        assert!(got.iter().all(|r| r.method == "POST" && r.body == br#"{"name":"a"}"#), "{status}: {got:?}");
        assert_eq!(got[1].header("authorization"), Some(format!("Bearer {}", support::TOKEN).as_str()), "same origin: the token stays");
    }
}

#[test]
fn a_302_of_a_post_is_an_error_not_a_silent_get_whatever_the_builder() {
    use msgraph::runtime::client::http_builder;
    let server = redirecting(vec![
        ("POST /things", Reply::empty(302).header("Location", "/v1.0/elsewhere")),
        ("GET /elsewhere", Reply::json(200, r#"{"id":"not created"}"#)),
    ]);
    // A builder that would have reqwest follow redirects on its own.
    let builder = http_builder().redirect(reqwest::redirect::Policy::limited(10));
    for client in [server.client(), server.client().with_http(builder)] {
        let out = block_on(client.send(&post()));
        assert!(matches!(&out, Err(Error::Redirect { status: 302, location }) if location.ends_with("/elsewhere")), "{out:?}");
    }
    assert!(server.received().iter().all(|r| r.method == "POST"), "never a GET in its place");
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_relative_location_resolves_against_the_request_url() {
    let server = redirecting(vec![
        ("GET /a/b", Reply::empty(302).header("Location", "next?x=1")),
        ("GET /a/next", Reply::json(200, r#"{"id":"n"}"#)),
    ]);
    let request = msgraph::runtime::Request::<msgraph::runtime::Json<Value>>::new(http::Method::GET, "/a/b");
    assert_eq!(block_on(server.client().send(&request)).expect("followed")["id"], "n");
    let got = server.received();
    assert_eq!(got[1].target, format!("/{}/a/next?x=1", msgraph::API_VERSION));
}

#[test]
fn a_network_path_location_leaves_for_that_host_without_the_token() {
    let other = Server::start(|_, _| Reply::json(200, r#"{"id":"there"}"#));
    let host = other.root().trim_start_matches("http:").split('/').take(3).collect::<Vec<_>>().join("/");
    let server = redirecting(vec![("GET /a", Reply::empty(302).header("Location", &format!("{host}/x")))]);
    let request = msgraph::runtime::Request::<msgraph::runtime::Json<Value>>::new(http::Method::GET, "/a");
    assert_eq!(block_on(server.client().send(&request)).expect("followed")["id"], "there");
    let got = other.received();
    assert_eq!((got.len(), got[0].target.as_str()), (1, "/x"));
    assert_eq!(got[0].header("authorization"), None, "another origin gets no token");
}

#[test]
fn the_scheme_of_a_location_is_matched_without_regard_to_case() {
    let server = Server::start(|got, root| match got.path().as_str() {
        "/a" => Reply::empty(302).header("Location", &format!("{}/done", root.replacen("http://", "HTTP://", 1))),
        _ => Reply::json(200, r#"{"id":"d"}"#),
    });
    let request = msgraph::runtime::Request::<msgraph::runtime::Json<Value>>::new(http::Method::GET, "/a");
    assert_eq!(block_on(server.client().send(&request)).expect("followed")["id"], "d");
    let got = server.received();
    assert_eq!(got[1].path(), "/done");
    assert_eq!(got[1].header("authorization"), Some(format!("Bearer {}", support::TOKEN).as_str()), "the same origin, the token kept");
}

fn users() -> msgraph::runtime::Request<msgraph::runtime::Collection<Value>> {
    msgraph::runtime::Request::new(http::Method::GET, "/users")
}

#[test]
fn a_collection_answer_without_value_is_an_error_showing_its_start() {
    for body in [r#"{"error":{"code":"InternalServerError","message":"boom"}}"#, "{}"] {
        let server = Server::start(move |_, _| Reply::json(200, body));
        let out = block_on(server.client().all(users()));
        let e = out.expect_err("no silent empty collection");
        let text = e.to_string();
        assert!(matches!(e, Error::Decode { status: 200, .. }), "{e:?}");
        assert!(text.contains("missing field `value`") && text.contains(body), "{text}");
        // Which request the answer failed: a program sending many can tell.
        let line = format!("GET /{}/users", msgraph::API_VERSION);
        assert_eq!(e.request_line(), Some(line.as_str()), "{text}");
        assert!(text.ends_with(&format!("({line})")), "{text}");
        assert_eq!(server.received().len(), 1);
    }
}

#[test]
fn a_next_link_to_the_page_itself_is_a_paging_error() {
    use futures_util::StreamExt;
    let server = Server::start(|got, root| {
        let link = format!("{root}/users?$skiptoken=1");
        match got.query().is_empty() {
            // The first page leads to a page whose next link is its own URL.
            true => Reply::json(200, &format!(r#"{{"value":[{{"id":"a"}}],"@odata.nextLink":"{link}"}}"#)),
            false => Reply::json(200, &format!(r#"{{"value":[{{"id":"b"}}],"@odata.nextLink":"{link}"}}"#)),
        }
    });
    let client = server.client();
    let walked: Vec<_> = block_on(client.pages(users()).collect::<Vec<_>>());
    assert_eq!(walked.len(), 3, "{walked:?}");
    assert!(walked[..2].iter().all(Result::is_ok));
    assert!(matches!(walked[2], Err(Error::Paging(_))), "{walked:?}");
    assert_eq!(server.received().len(), 2);
    let all = block_on(client.all(users()));
    assert!(matches!(all, Err(Error::Paging(_))), "not Ok with the pages read so far: {all:?}");
}

#[test]
fn a_page_limit_ends_a_walk_that_never_ends() {
    // Each page links to a new one.
    let mut n = 0;
    let server = Server::start(move |_, root| {
        n += 1;
        Reply::json(200, &format!(r#"{{"value":[{{"id":"{n}"}}],"@odata.nextLink":"{root}/users?$skiptoken={n}"}}"#))
    });
    let out = block_on(server.client().with_page_limit(Some(5)).all(users()));
    let e = out.expect_err("the limit ends the walk");
    assert!(matches!(&e, Error::Paging(why) if why.contains("more than 5 pages")), "{e:?}");
    assert_eq!(server.received().len(), 5);
}

#[test]
fn a_delta_item_removed_without_an_id_is_an_error() {
    let server = Server::start(|_, root| {
        Reply::json(200, &format!(r#"{{"value":[{{"@removed":{{"reason":"deleted"}}}}],"@odata.deltaLink":"{root}/users/delta?t=1"}}"#))
    });
    let first = msgraph::runtime::Request::<msgraph::runtime::Delta<Value>>::resume("/users/delta");
    let out = block_on(server.client().sync(first));
    assert!(matches!(&out, Err(e @ Error::Decode { .. }) if e.json().is_some_and(|j| j.to_string().contains("no id"))), "{out:?}");
}

fn me() -> msgraph::runtime::Request<msgraph::runtime::Json<Value>> {
    msgraph::runtime::Request::new(http::Method::GET, "/me")
}

#[test]
fn an_answer_longer_than_the_body_limit_is_an_error() {
    let big = format!(r#"{{"id":"{}"}}"#, "x".repeat(2 << 20));
    let server = Server::start(move |_, _| Reply::json(200, &big));
    let out = block_on(server.client().with_body_limit(1 << 20).send(&me()));
    assert!(matches!(&out, Err(Error::Transport(e)) if e.to_string().contains("body limit of 1048576 bytes")), "{out:?}");
}

#[test]
fn error_text_is_capped_with_its_length_noted() {
    let message = "m".repeat(200_000);
    let envelope = format!(r#"{{"error":{{"code":"badRequest","message":"{message}"}}}}"#);
    let server = Server::start(move |_, _| Reply::json(400, &envelope));
    let e = block_on(server.client().send(&me())).expect_err("a 400");
    let kept = &e.graph().expect("the envelope").message;
    assert!(kept.len() < 5000 && kept.ends_with("(200000 bytes in all)"), "{} bytes", kept.len());
    assert!(e.to_string().len() < 5000);

    // A body far past what an envelope needs: read in part, kept in part.
    let page = format!("<html>{}</html>", "h".repeat(3 << 20));
    let server = Server::start(move |_, _| Reply { status: 500, headers: Vec::new(), body: page.clone().into_bytes() });
    match block_on(server.client().send(&me())) {
        Err(Error::UnexpectedStatus { status: 500, body, .. }) => {
            assert!(body.len() < 5000 && body.starts_with("<html>hhh"), "{}", body.len())
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_error_envelope_past_a_mib_keeps_its_code() {
    // The code and the request id after a message of 3 MiB: read as the body streams by, with
    // only the start of the message kept.
    let big = "m".repeat(3 << 20);
    let envelope = format!(r#"{{"error":{{"message":"{big}","code":"badRequest","innerError":{{"request-id":"r-1"}}}}}}"#);
    let server = Server::start(move |_, _| Reply::json(400, &envelope));
    let started = Instant::now();
    let e = block_on(server.client().send(&me())).expect_err("a 400");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    let graph = e.graph().unwrap_or_else(|| panic!("the envelope, not {e:?}"));
    assert_eq!((e.status(), graph.code.as_str(), e.request_id()), (Some(400), "badRequest", Some("r-1")));
    assert!(graph.message.len() <= 4096 && graph.message.ends_with("(3145728 bytes in all)"), "{} bytes", graph.message.len());
    assert!(graph.message.starts_with("mmm"), "{}", &graph.message[..20]);

    // A message of escapes and characters of 1 to 4 bytes, cut wherever the limit falls: never
    // inside an escape, a character or a surrogate pair, so the envelope still reads.
    let unit = r#"a\"\u00e9\ud83d\ude00é€😀\n"#;
    for pad in 0..unit.len() {
        let message = format!("{}{}", "p".repeat(pad), unit.repeat(2000));
        let envelope = format!(r#"{{"error":{{"message":"{message}","code":"escaped"}}}}"#);
        let server = Server::start(move |_, _| Reply::json(400, &envelope));
        let e = block_on(server.client().send(&me())).expect_err("a 400");
        let graph = e.graph().unwrap_or_else(|| panic!("pad {pad}: the envelope, not {e:?}"));
        assert_eq!(graph.code, "escaped", "pad {pad}");
        let note = format!("({} bytes in all)", message.len());
        assert!(graph.message.len() <= 4096 && graph.message.ends_with(&note), "pad {pad}: {}", graph.message.len());
    }
}

/// A `$batch` answer for the ids of the batch `got` carries, each with `status`.
fn answer_all(got: &Received, status: u16) -> Reply {
    let sent: Value = serde_json::from_slice(&got.body).unwrap_or_default();
    let ids: Vec<&str> = sent["requests"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str()).collect();
    let responses: Vec<Value> = ids.iter().map(|id| serde_json::json!({"id": id, "status": status, "body": {"id": id}})).collect();
    Reply::json(200, &serde_json::json!({ "responses": responses }).to_string())
}

fn posts(n: usize) -> msgraph::runtime::Batch {
    let mut batch = msgraph::runtime::Batch::new();
    for _ in 0..n {
        batch.add(&post());
    }
    batch
}

#[test]
fn the_answers_of_a_batch_that_ran_survive_a_failed_one() {
    let mut calls = 0;
    let server = Server::start(move |got, _| {
        calls += 1;
        match calls {
            1 => answer_all(got, 201),
            _ => Reply::json(500, r#"{"error":{"code":"generalException","message":"down"}}"#),
        }
    });
    match block_on(server.client().batch(&posts(25))) {
        Err(Error::Batch { answers, error }) => {
            assert_eq!(answers.responses.len(), 20, "the 20 POSTs that ran are known");
            assert_eq!(error.status(), Some(500));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_batch_answer_with_a_repeated_or_unsent_id_is_an_error() {
    let repeated = r#"{"responses":[{"id":"1","status":201},{"id":"1","status":201}]}"#;
    let unsent = r#"{"responses":[{"id":"99","status":429,"headers":{"Retry-After":"30"}}]}"#;
    for (body, what) in [(repeated, "twice"), (unsent, "not sent")] {
        let server = Server::start(move |_, _| Reply::json(200, body));
        let started = Instant::now();
        let out = block_on(server.client().batch(&posts(2)));
        assert!(matches!(&out, Err(Error::Transport(e)) if e.to_string().contains(what)), "{out:?}");
        assert!(started.elapsed() < Duration::from_secs(2), "no wait for an id never sent");
        assert_eq!(server.received().len(), 1);
    }
}

fn throttled(after: &'static str) -> Server {
    let mut calls = 0;
    Server::start(move |_, _| {
        calls += 1;
        match calls {
            1 => Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"later"}}"#).header("Retry-After", after),
            _ => Reply::json(200, r#"{"id":"me"}"#),
        }
    })
}

#[test]
fn a_retry_after_past_the_longest_wait_goes_to_the_caller_at_once() {
    let server = throttled("3600");
    let started = Instant::now();
    let e = block_on(server.client().send(&me())).expect_err("not slept through, not retried early");
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    assert_eq!(server.received().len(), 1);
}

#[test]
fn all_gathers_at_most_the_body_limit_of_items() {
    // Endless pages of ten items, each page well within the limit: `all` stops once the items
    // gathered would take more than the limit (64 KiB: 2,048 `Value`s, 205 pages).
    let server = Server::start(|got, root| {
        let n: u64 = got.query().iter().find(|(k, _)| k == "p").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
        let items: Vec<String> = (0..10).map(|i| format!(r#"{{"id":"{n}-{i}"}}"#)).collect();
        Reply::json(200, &format!(r#"{{"value":[{}],"@odata.nextLink":"{root}/users?p={}"}}"#, items.join(","), n + 1))
    });
    let limit = 64 * 1024;
    let pages = limit / std::mem::size_of::<Value>() / 10 + 1;
    let client = server.client().with_body_limit(limit);
    let started = Instant::now();
    let out = block_on(client.all(users()));
    assert!(matches!(&out, Err(Error::Paging(why)) if why.contains("pages()")), "{out:?}");
    assert_eq!(server.received().len(), pages, "the page that passes the limit is the last one read");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_walk_is_bounded_by_default() {
    use msgraph::runtime::client::{Client, StaticToken, DEFAULT_PAGE_LIMIT};
    let client = Client::new(StaticToken("t".into()));
    assert_eq!(client.page_limit(), Some(DEFAULT_PAGE_LIMIT));
    assert_eq!(client.with_page_limit(None).page_limit(), None, "the caller may lift it");
}

#[test]
fn a_retry_after_too_large_for_a_number_goes_to_the_caller_at_once() {
    let server = throttled("99999999999999999999");
    let started = Instant::now();
    let e = block_on(server.client().send(&me())).expect_err("the longest wait of all, not a missing header");
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    assert_eq!(server.received().len(), 1);
    assert_eq!(e.retry_after(), Some(Duration::MAX));
}

#[test]
fn a_retry_after_of_zero_or_a_past_date_still_backs_off() {
    use msgraph::runtime::client::RetryPolicy;
    for after in ["0", "Thu, 01 Jan 1970 00:00:00 GMT"] {
        let server = throttled(after);
        let retry = RetryPolicy { max_retries: 2, backoff: Duration::from_millis(300), max_wait: Duration::from_secs(5) };
        let started = Instant::now();
        let me = block_on(server.client().with_retry(retry).send(&me())).expect("after the retry");
        assert_eq!(me["id"], "me");
        assert!(started.elapsed() >= Duration::from_millis(250), "{after}: took {:?}", started.elapsed());
    }
}

/// A gzip member of `prefix`, then `x` and `repeats` copies of the 258 bytes before it, then
/// `suffix`: deflate with fixed Huffman codes, 13 bits for each 258 bytes (158 times smaller),
/// made here so that no compression crate is needed.
#[cfg(feature = "gzip")]
fn gzip(prefix: &[u8], repeats: usize, suffix: &[u8]) -> Vec<u8> {
    /// Bits written from the least significant, as deflate packs them.
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn push(&mut self, value: u32, count: u32) {
            self.acc |= u64::from(value) << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                (self.acc, self.n) = (self.acc >> 8, self.n - 8);
            }
        }
        /// A Huffman code, which goes from its most significant bit.
        fn code(&mut self, code: u32, len: u32) {
            self.push(code.reverse_bits() >> (32 - len), len);
        }
        /// A literal byte below 144: an 8-bit code from 0x30.
        fn literal(&mut self, byte: u8) {
            assert!(byte < 144, "a literal of eight bits");
            self.code(0x30 + u32::from(byte), 8);
        }
    }
    let table: Vec<u32> = (0..256u32).map(|n| (0..8).fold(n, |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 })).collect();
    let crc_of = |crc: u32, byte: u8| table[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    let mut crc = prefix.iter().fold(!0u32, |c, b| crc_of(c, *b));
    for _ in 0..1 + 258 * repeats {
        crc = crc_of(crc, b'x');
    }
    crc = !suffix.iter().fold(crc, |c, b| crc_of(c, *b));
    let len = (prefix.len() + 1 + 258 * repeats + suffix.len()) as u32;

    let mut bits = Bits { out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff], acc: 0, n: 0 };
    // The last block, of fixed codes.
    bits.push(1, 1);
    bits.push(1, 2);
    prefix.iter().for_each(|b| bits.literal(*b));
    bits.literal(b'x');
    for _ in 0..repeats {
        // Length 258 (code 285, eight bits), distance 1 (code 0, five bits).
        bits.code(0b1100_0101, 8);
        bits.code(0, 5);
    }
    suffix.iter().for_each(|b| bits.literal(*b));
    // End of block, and the last bits to a whole byte.
    bits.code(0, 7);
    bits.push(0, 7);
    let mut out = bits.out;
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out
}

#[cfg(feature = "gzip")]
#[test]
fn a_gzip_answer_is_bounded_by_the_body_limit_once_decompressed() {
    let gzipped = |body: Vec<u8>| Reply { status: 200, headers: vec![("Content-Encoding".into(), "gzip".into())], body };
    // Within the limit: 100 KiB or so from 700 bytes, read whole.
    let small = gzip(br#"{"id":""#, 400, br#""}"#);
    let server = Server::start(move |_, _| gzipped(small.clone()));
    let read = block_on(server.client().with_body_limit(1 << 20).send(&me())).expect("decompressed and read");
    assert_eq!(read["id"].as_str().map(str::len), Some(1 + 258 * 400));
    assert_eq!(server.received()[0].header("Accept-Encoding"), Some("gzip"), "reqwest's gzip is on");

    // 32 MiB from 210 KB, against a limit of 1 MiB: cut off once 1 MiB is decompressed.
    let bomb = gzip(br#"{"id":""#, (32 << 20) / 258, br#""}"#);
    let sent = bomb.len();
    let server = Server::start(move |_, _| gzipped(bomb.clone()));
    let started = Instant::now();
    let out = block_on(server.client().with_body_limit(1 << 20).send(&me()));
    assert!(matches!(&out, Err(Error::Transport(e)) if e.to_string().contains("body limit of 1048576 bytes")), "{out:?}");
    assert!(sent < 256 << 10, "{sent} bytes on the wire");
    println!("a gzip answer of {sent} bytes (32 MiB inflated) ended in {:?}: {}", started.elapsed(), out.expect_err("checked"));
    assert_eq!(server.received().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}
