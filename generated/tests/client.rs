//! The `reqwest` client against a server on 127.0.0.1: ids that need encoding, typed query
//! options, throttling with `Retry-After`, paging, and the error envelope; TLS on an https root
//! (`reqwest`), or its refusal without TLS (`reqwest-no-tls`).
//!
//! Hand-written: the generator copies this file from `templates/tests/client.rs`.
#![cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]

mod support;

use futures_util::StreamExt;
use msgraph::runtime::{function_arg, segment, sharing_token, Collection, Error, Json, NoContent, Page, Request};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::{block_on, Reply, Server};

type Entity = Json<Value>;

/// A client with the crate's own `reqwest::Client` (TLS as the features say) for `root`.
fn client_for(root: String) -> msgraph::runtime::client::Client {
    msgraph::runtime::client::Client::new(msgraph::runtime::client::StaticToken(support::TOKEN.into())).with_root(root)
}

/// The first bytes a client sends to a plain TCP listener on 127.0.0.1 (nothing answers them;
/// the connection closes once they are read), or the error when none came within ten seconds.
#[cfg(feature = "reqwest")]
fn first_bytes(listener: std::net::TcpListener) -> std::thread::JoinHandle<std::io::Result<[u8; 6]>> {
    use std::io::Read;
    std::thread::spawn(move || {
        listener.set_nonblocking(true)?;
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(e) => return Err(e),
            }
        };
        stream.set_nonblocking(false)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut head = [0u8; 6];
        stream.read_exact(&mut head)?;
        Ok(head)
    })
}

#[cfg(feature = "reqwest")]
#[test]
fn an_https_root_is_spoken_to_in_tls() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let server = first_bytes(listener);
    let client = client_for(format!("https://{addr}/{}", msgraph::API_VERSION));
    let error = block_on(client.send(&get::<Entity>("/me".into()))).expect_err("no TLS server answers");
    let head = server.join().expect("the listener thread").expect("the client connected and wrote");
    // A TLS record (content type 22, handshake; version 3.x) holding a ClientHello (type 1).
    assert_eq!((head[0], head[1], head[5]), (0x16, 0x03, 0x01), "not a TLS ClientHello: {head:02x?}");
    assert!(matches!(error, Error::Transport(_)), "{error}");
    assert!(!error.to_string().contains("reqwest-no-tls"), "{error}");
}

#[cfg(not(feature = "reqwest"))]
#[test]
fn without_tls_an_https_root_is_refused_before_anything_is_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let client = client_for(format!("https://{addr}/{}", msgraph::API_VERSION));
    let error = block_on(client.send(&get::<Entity>("/me".into()))).expect_err("refused");
    assert!(matches!(error, Error::Transport(_)), "{error}");
    let text = error.to_string();
    assert!(text.contains("`reqwest` feature") && text.contains(&format!("https://{addr}/")), "{text}");
    listener.set_nonblocking(true).expect("non-blocking");
    let accepted = listener.accept().map(|_| ()).map_err(|e| e.kind());
    assert_eq!(accepted, Err(std::io::ErrorKind::WouldBlock), "nothing connected");
}

fn get<K: msgraph::runtime::ResponseKind>(path: String) -> Request<K> {
    Request::new(http::Method::GET, path)
}

#[test]
fn a_header_of_the_client_goes_with_every_request_that_sets_none() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"id":"x"}"#));
    let in_session = server.client().with_header("workbook-session-id", "S-1").expect("a valid header");
    block_on(in_session.send(&get::<Entity>("/me/drive/items/x/workbook/worksheets".into()))).expect("answer");
    let own = get::<Entity>("/me/drive/items/x/workbook/tables".into()).header("workbook-session-id", "S-2");
    block_on(in_session.send(&own)).expect("answer");
    block_on(server.client().send(&get::<Entity>("/me".into()))).expect("answer");
    let got = server.received();
    let ids: Vec<Option<&str>> = got.iter().map(|r| r.header("workbook-session-id")).collect();
    assert_eq!(ids, [Some("S-1"), Some("S-2"), None], "the client's, the request's own, none on another client");
    assert!(matches!(server.client().with_header("bad name", "x"), Err(Error::Invalid(_))));
}

#[test]
fn an_id_with_reserved_characters_reaches_the_server_as_one_segment() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"id":"x"}"#));
    let id = "a/b#c?d%e 'f\u{e9}";
    let request: Request<Entity> = get(format!("/users/{}/drive", segment(id)));
    block_on(server.client().send(&request)).expect("answer");
    let got = &server.received()[0];
    assert_eq!(got.segments(), vec!["users".to_string(), id.to_string(), "drive".to_string()]);
    assert!(got.query().is_empty(), "nothing leaked into the query: {}", got.target);
}

#[test]
fn every_request_names_the_crate_and_carries_a_fresh_client_request_id() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"id":"x"}"#));
    let client = server.client();
    block_on(client.send(&get::<Entity>("/me".into()))).expect("answer");
    block_on(client.send(&get::<Entity>("/me".into()).header("client-request-id", "mine"))).expect("answer");
    block_on(client.send(&get::<Entity>("/me".into()))).expect("answer");
    let got = server.received();
    let agent = format!("{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    assert!(got.iter().all(|r| r.header("User-Agent") == Some(agent.as_str())), "{got:?}");
    let ids: Vec<&str> = got.iter().map(|r| r.header("client-request-id").expect("an id")).collect();
    assert_eq!(ids[1], "mine", "a caller's own id is kept");
    for id in [ids[0], ids[2]] {
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "a UUID: {id}");
        assert_eq!(id.as_bytes()[14], b'4', "version 4: {id}");
        assert!(matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'), "RFC 4122 variant: {id}");
    }
    assert_ne!(ids[0], ids[2], "each request gets its own id");
}

#[test]
fn a_write_without_a_body_says_its_length_is_zero() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"uploadUrl":"https://upload.example/x"}"#));
    let request: Request<Entity> = Request::new(http::Method::POST, "/me/drive/items/x/createUploadSession");
    block_on(server.client().send(&request)).expect("answer");
    assert_eq!(server.received()[0].header("Content-Length"), Some("0"));
}

#[test]
fn a_write_of_no_bytes_says_its_length_is_zero() {
    // `create_reply(b"")`: bytes given, none of them; hyper writes no length for those.
    let server = Server::start(|_, _| Reply::json(201, "{}"));
    let request: Request<Entity> = Request::new(http::Method::POST, "/me/messages/x/createReply").bytes(Vec::new());
    block_on(server.client().send(&request)).expect("answer");
    assert_eq!(server.received()[0].header("Content-Length"), Some("0"));
}

#[test]
fn a_function_argument_is_quoted_as_odata_requires() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"value":[]}"#));
    let request: Request<Collection<Value>> = get(format!("/reports/getTeamsUserActivityUserDetail(period='{}')", function_arg("it's/D7")));
    block_on(server.client().send(&request)).expect("answer");
    assert_eq!(server.received()[0].path(), "/reports/getTeamsUserActivityUserDetail(period='it''s/D7')");
}

#[test]
fn typed_query_options_and_headers_arrive_as_written() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"value":[],"@odata.count":0}"#));
    let request = get::<Collection<Value>>("/users".into())
        .select(["id", "displayName"])
        .filter("startswith(displayName,'A & B')")
        .orderby(["displayName desc"])
        .top(5)
        .count(true)
        .search("displayName:room #1")
        .consistency_level_eventual()
        .prefer("outlook.timezone=\"Pacific Standard Time\"");
    let page = block_on(server.client().send(&request)).expect("answer");
    assert_eq!(page.count, Some(0));
    let got = &server.received()[0];
    let expected = [
        ("$select", "id,displayName"),
        ("$filter", "startswith(displayName,'A & B')"),
        ("$orderby", "displayName desc"),
        ("$top", "5"),
        ("$count", "true"),
        ("$search", "\"displayName:room #1\""),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(got.query(), expected, "{}", got.target);
    // `url()` is the bytes sent: the HTTP client writes nothing over again (a `'` included).
    let url = request.url(&server.root());
    assert_eq!(url.strip_prefix(&format!("http://{}", got.header("Host").unwrap_or_default())), Some(got.target.as_str()));
    assert_eq!(got.header("ConsistencyLevel"), Some("eventual"));
    assert_eq!(got.header("Prefer"), Some("outlook.timezone=\"Pacific Standard Time\""));
}

#[test]
fn a_count_of_the_items_that_match_sends_its_filter_and_search_and_reads_text() {
    let server =
        Server::start(|_, _| Reply { status: 200, headers: vec![("Content-Type".into(), "text/plain".into())], body: b"893".to_vec() });
    let request = get::<msgraph::runtime::Primitive<u64>>("/groups/$count".into())
        .filter("startswith(displayName,'Eng')")
        .search("displayName:eng")
        .consistency_level_eventual();
    assert_eq!(block_on(server.client().send(&request)).expect("the number"), 893);
    let got = &server.received()[0];
    let expected = [("$filter", "startswith(displayName,'Eng')"), ("$search", "\"displayName:eng\"")];
    let expected: Vec<(String, String)> = expected.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!((got.path(), got.query()), ("/groups/$count".to_string(), expected));
}

#[test]
fn a_throttled_request_is_retried_after_the_wait_the_server_asks_for() {
    let mut calls = 0;
    let server = Server::start(move |_, _| {
        calls += 1;
        if calls == 1 {
            Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#).header("Retry-After", "1")
        } else {
            Reply::json(200, r#"{"id":"42"}"#)
        }
    });
    let start = Instant::now();
    let answer = block_on(server.client().send(&get::<Entity>("/me".into()))).expect("succeeds on the retry");
    assert_eq!(answer, json!({"id": "42"}));
    assert_eq!(server.received().len(), 2, "retried once");
    assert!(start.elapsed() >= Duration::from_secs(1), "waited for Retry-After: {:?}", start.elapsed());
}

#[test]
fn retries_are_bounded_and_the_last_error_says_how_long_to_wait() {
    let server = Server::start(|_, _| Reply::empty(503).header("Retry-After", "0"));
    let err = block_on(server.client().send(&get::<NoContent>("/me".into()))).expect_err("stays unavailable");
    let got = server.received();
    assert_eq!(got.len(), 3, "first attempt and two retries");
    assert_eq!((err.status(), err.retry_after()), (Some(503), Some(Duration::ZERO)));
    // The attempts of one call are one call in the service's logs: one id, numbered retries.
    let ids: Vec<_> = got.iter().map(|r| r.header("client-request-id")).collect();
    assert!(ids[0].is_some() && ids.iter().all(|i| *i == ids[0]), "{ids:?}");
    let tries: Vec<_> = got.iter().map(|r| r.header("Retry-Attempt")).collect();
    assert_eq!(tries, [None, Some("1"), Some("2")]);
}

/// Three pages linked by `@odata.nextLink`, served from the `$skiptoken` of each request.
fn three_pages() -> Server {
    Server::start(|req, root| {
        let token: u32 = req.query().iter().find(|(k, _)| k == "$skiptoken").and_then(|(_, v)| v.parse().ok()).unwrap_or(1);
        let mut page = json!({ "value": [{ "id": format!("item-{token}") }] });
        if token < 3 {
            page["@odata.nextLink"] = json!(format!("{root}/users?$top=1&$skiptoken={}", token + 1));
        }
        Reply::json(200, &page.to_string())
    })
}

fn ids(pages: &[Page<Value>]) -> Vec<String> {
    pages.iter().flat_map(|p| &p.value).map(|v| v["id"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn the_client_walks_three_pages_in_order() {
    let server = three_pages();
    let client = server.client();
    let first: Request<Collection<Value>> = get::<Collection<Value>>("/users".into()).top(1).consistency_level_eventual();
    // The stream owns what it needs: it outlives the client it came from, on another thread.
    let stream = client.pages(first);
    drop(client);
    let walk = std::thread::spawn(move || block_on(stream.map(|p| p.expect("page")).collect::<Vec<Page<Value>>>()));
    let pages = walk.join().expect("the walk's thread");
    assert_eq!(ids(&pages), ["item-1", "item-2", "item-3"]);
    let got = server.received();
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|r| r.header("ConsistencyLevel") == Some("eventual")), "headers follow the next links");
}

#[test]
fn the_core_iterator_walks_the_same_pages_with_any_sender() {
    let server = three_pages();
    let client = server.client();
    let first: Request<Collection<Value>> = get::<Collection<Value>>("/users".into()).top(1);
    let pages: Result<Vec<Page<Value>>, Error> = first.pages(&server.root(), |r| block_on(client.send(r))).collect();
    assert_eq!(ids(&pages.expect("pages")), ["item-1", "item-2", "item-3"]);
    let all = block_on(client.all(get::<Collection<Value>>("/users".into()))).expect("items");
    assert_eq!(all.len(), 3);
}

#[test]
fn a_404_comes_back_as_the_graph_error_with_its_request_id() {
    let body = r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.","innerError":{"request-id":"9f1c2c1e-0000-4000-8000-000000000001","date":"2026-11-27T09:00:00"}}}"#;
    let server = Server::start(move |_, _| Reply::json(404, body));
    let err = block_on(server.client().send(&get::<Entity>("/users/x".into()))).expect_err("404");
    match &err {
        Error::Graph { status: 404, error, retry_after: None, .. } => {
            assert_eq!(error.code, "Request_ResourceNotFound");
            assert_eq!(error.message, "Resource 'x' does not exist.");
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
    assert_eq!(err.request_id(), Some("9f1c2c1e-0000-4000-8000-000000000001"));
    assert_eq!(server.received().len(), 1, "a 404 is not retried");
}

#[test]
fn an_error_names_its_request_and_the_request_id_header_when_the_envelope_has_none() {
    // No `innerError`, then no envelope at all: the `request-id` header still names the call.
    let server = Server::start(|req, _| match req.path().as_str() {
        "/applications/a1" => {
            Reply::json(404, r#"{"error":{"code":"Request_ResourceNotFound","message":"gone"}}"#).header("request-id", "rid-1")
        }
        _ => Reply::empty(404).header("request-id", "rid-2"),
    });
    let client = server.client();
    let err = block_on(client.send(&get::<Entity>("/applications/a1".into()))).expect_err("404");
    assert_eq!(err.request_id(), Some("rid-1"));
    let v = msgraph::API_VERSION;
    assert_eq!(err.request_line(), Some(format!("GET /{v}/applications/a1").as_str()));
    assert_eq!(err.to_string(), format!("Graph error 404 Request_ResourceNotFound: gone (GET /{v}/applications/a1; request-id rid-1)"));
    let err = block_on(client.send(&get::<Entity>("/users/u1".into()).query("$select", "id"))).expect_err("404");
    assert_eq!(err.request_id(), Some("rid-2"));
    // The query is left out: a link's may carry its signature.
    assert_eq!(err.to_string(), format!("unexpected status 404 (GET /{v}/users/u1; request-id rid-2)"));
    // Read from an answer alone, it names no request.
    let headers = msgraph::http::HeaderMap::new();
    assert_eq!(Error::from_status(404, &headers, b"").and_then(|e| e.request_line().map(str::to_string)), None);
}

#[test]
fn a_success_not_of_the_documented_type_names_its_request() {
    // A 2xx whose body is no JSON (a trailing comma) or JSON of another shape: which request,
    // and the request id, as an error status says them.
    let server = Server::start(|req, _| match req.path().as_str() {
        "/applications/a1" => Reply::json(200, r#"{"id":"a1",}"#).header("request-id", "rid-3"),
        _ => Reply::json(201, r#"{"id":42}"#),
    });
    let client = server.client();
    let v = msgraph::API_VERSION;
    let err = block_on(client.send(&get::<Entity>("/applications/a1".into()))).expect_err("no JSON");
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    assert_eq!((err.request_id(), err.status()), (Some("rid-3"), None), "a success is no error status");
    let text = err.to_string();
    assert!(text.starts_with("response body is not valid JSON: "), "{text}");
    assert!(text.ends_with(&format!("(GET /{v}/applications/a1; request-id rid-3)")), "{text}");
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Named {
        id: String,
    }
    let err = block_on(client.send(&get::<Json<Named>>("/users/u1".into()).query("$select", "id"))).expect_err("a number id");
    assert!(err.json().is_some_and(|e| e.is_data()), "{err:?}");
    let text = err.to_string();
    assert!(text.starts_with("response body does not match the documented type: "), "{text}");
    assert!(text.ends_with(&format!("(GET /{v}/users/u1)")), "{text}");
}

#[test]
fn next_links_that_loop_stop_the_client_after_one_round() {
    // `/users` → A → B → A: a service (or proxy) whose links go round.
    let server = Server::start(|req, root| {
        let next = if req.query().iter().any(|(k, v)| k == "$skiptoken" && v == "A") { "B" } else { "A" };
        Reply::json(200, &format!(r#"{{"value":[{{"id":"{next}"}}],"@odata.nextLink":"{root}/users?$skiptoken={next}"}}"#))
    });
    let client = server.client();
    let all = block_on(client.all(get::<Collection<Value>>("/users".into())));
    assert!(matches!(&all, Err(Error::Paging(why)) if why.contains("already read")), "{all:?}");
    assert_eq!(server.received().len(), 3, "/users, A and B; not A again");
}

#[test]
fn the_token_is_not_sent_to_a_next_link_on_another_origin() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"value":[],"@odata.nextLink":"http://127.0.0.2:9/v1.0/users?$skiptoken=2"}"#));
    let client = server.client();
    let results: Vec<Result<Page<Value>, Error>> = block_on(client.pages(get("/users".into())).collect());
    assert_eq!(results.len(), 2);
    assert!(matches!(&results[1], Err(Error::Paging(why)) if why.contains("leaves the origin of the service root")), "{:?}", results[1]);
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_failing_token_provider_is_its_own_error() {
    let server = Server::start(|_, _| Reply::empty(204));
    let client = msgraph::runtime::client::Client::new(|| async { Err::<String, msgraph::runtime::BoxError>("no credentials".into()) })
        .with_root(server.root());
    let err = block_on(client.send(&get::<NoContent>("/me".into()))).expect_err("no token");
    assert!(matches!(err, Error::Token(_)), "{err:?}");
    assert!(server.received().is_empty());
}

#[test]
fn an_upload_of_bytes_reads_back_its_etag() {
    let server = Server::start(|_, _| Reply::json(200, r#"{"id":"f1","name":"notes.txt"}"#).header("ETag", "\"{F1},2\""));
    let request: Request<Entity> = Request::new(http::Method::PUT, "/me/drive/items/f1/content").bytes(b"hello".to_vec());
    let answer = block_on(server.client().send_full(&request)).expect("answer");
    assert_eq!((answer.status, answer.etag()), (200, Some("\"{F1},2\"")));
    assert_eq!(answer.value["name"], "notes.txt");
    let got = &server.received()[0];
    assert_eq!((got.method.as_str(), got.body.as_slice()), ("PUT", &b"hello"[..]));
    assert_eq!(got.header("Content-Type"), Some("application/octet-stream"));
}

#[cfg(feature = "reqwest")]
#[test]
fn a_plain_reqwest_client_of_the_program_builds_once_the_crates_has() {
    // reqwest's `rustls-no-provider`, which the crate turns on, would leave this one without a
    // crypto provider (a panic): building the crate's client installs ring as the default.
    let _ours = client_for("https://graph.microsoft.com/v1.0".into());
    assert!(reqwest::Client::builder().build().is_ok());
}

#[test]
fn a_202_answer_is_the_operation_its_location_leads_to_and_polling_reads_it() {
    use msgraph::runtime::{Accepted, Operation};
    // The service's own form: a path below the root with OData keys, no body, a wait to keep.
    let location = "/teams('t1')/operations('op1')";
    let server = Server::start(move |r, _| match r.method.as_str() {
        "POST" => Reply::empty(202).header("Location", location).header("Retry-After", "5").header("Content-Location", "/teams('t1')"),
        _ => Reply::json(200, r#"{"id":"op1","status":"succeeded","targetResourceId":"t1"}"#),
    });
    let create: Request<Accepted<Value>> = Request::new(http::Method::POST, "/teams").json(&json!({"displayName": "x"}));
    let operation: Operation<Value> = block_on(server.client().send(&create)).expect("a 202 with no body is a success");
    assert_eq!(operation.location.as_deref(), Some(location));
    assert_eq!(operation.retry_after, Some(Duration::from_secs(5)));
    assert_eq!(operation.content_location.as_deref(), Some("/teams('t1')"), "the new team, before the work is done");
    let state = block_on(server.client().send(&operation.poll().expect("a location to poll"))).expect("the operation");
    assert_eq!(state["status"], "succeeded");
    let got = server.received();
    assert_eq!((got[1].method.as_str(), got[1].path()), ("GET", location.to_string()));
    assert_eq!(got[1].header("Authorization"), Some(format!("Bearer {}", support::TOKEN).as_str()), "below the root: with the token");
    // `Operation-Location` where there is no `Location` (a printer's registration).
    let server = Server::start(|_, _| Reply::empty(202).header("Operation-Location", "https://print.example/operations/9"));
    let operation = block_on(server.client().send(&create)).expect("accepted");
    assert_eq!(operation.location.as_deref(), Some("https://print.example/operations/9"));
    assert_eq!(operation.content_location, None);
    // A monitor on another host (a file copy's, on SharePoint) is read without the token,
    // where any other request there is refused.
    let monitor = Server::start(|_, _| Reply::json(200, r#"{"status":"inProgress","percentageComplete":40}"#));
    let elsewhere = Operation::<Value>::at(format!("{}/_api/v2.0/monitor/4A34", monitor.root()));
    let state = block_on(server.client().send(&elsewhere.poll().expect("a location"))).expect("the monitor answers");
    assert_eq!(state["percentageComplete"], 40);
    assert_eq!(monitor.received()[0].header("Authorization"), None, "the token stays with the service");
    let plain: Request<Json<Value>> = Request::new(http::Method::GET, format!("{}/x", monitor.root()));
    assert!(block_on(server.client().send(&plain)).is_err(), "any other request elsewhere is refused");
}

#[test]
fn a_download_follows_its_redirect_without_the_token() {
    let storage = Server::start(|_, _| Reply {
        status: 200,
        headers: vec![("Content-Type".into(), "application/octet-stream".into())],
        body: b"file bytes".to_vec(),
    });
    let blob = format!("{}/blob?sig=abc", storage.root());
    let service = Server::start(move |_, _| Reply::empty(302).header("Location", &blob));
    let request: Request<msgraph::runtime::Bytes> = get("/me/drive/items/f1/content".into());
    let bytes = block_on(service.client().send(&request)).expect("the file");
    assert_eq!(bytes, b"file bytes");
    // The same as a stream, collected.
    let streamed = block_on(async { service.client().download(&request).await?.to_vec().await }).expect("the file, streamed");
    assert_eq!(streamed, b"file bytes");
    for sent in service.received() {
        assert_eq!(sent.header("Authorization"), Some(format!("Bearer {}", support::TOKEN).as_str()));
    }
    for fetched in storage.received() {
        assert_eq!(fetched.query(), vec![("sig".to_string(), "abc".to_string())]);
        assert_eq!(fetched.header("Authorization"), None, "the token stays with the service");
    }
    assert_eq!(storage.received().len(), 2);
    // Each call's redirect carries its `client-request-id`: one call, one id.
    let ids = |s: &Server| s.received().iter().map(|r| r.header("client-request-id").map(str::to_string)).collect::<Vec<_>>();
    assert_eq!(ids(&service), ids(&storage));
    assert_ne!(ids(&service)[0], ids(&service)[1], "two calls, two ids");
}

#[test]
fn a_delta_walk_reaches_its_delta_link_and_the_next_sync_starts_there() {
    let server = Server::start(|got, root| {
        let link = |q: &str| format!("{root}/me/messages/delta?{q}");
        let body = match got.query().first().map(|(k, v)| (k.as_str(), v.as_str())) {
            None => json!({"value": [{"id": "m1", "subject": "a"}], "@odata.nextLink": link("$skiptoken=p2")}),
            Some(("$skiptoken", "p2")) => {
                json!({"value": [{"id": "m2", "@removed": {"reason": "deleted"}}], "@odata.deltaLink": link("$deltatoken=d1")})
            }
            Some(("$deltatoken", "d1")) => json!({"value": [{"id": "m3", "subject": "c"}], "@odata.deltaLink": link("$deltatoken=d2")}),
            other => panic!("unexpected query {other:?}"),
        };
        Reply::json(200, &body.to_string())
    });
    let client = server.client();
    let first: Request<Collection<Value>> = get("/me/messages/delta".into()).prefer("odata.maxpagesize=1");
    let sync = block_on(client.sync(first.into_delta())).expect("first sync");
    assert_eq!(sync.changed, vec![json!({"id": "m1", "subject": "a"})]);
    assert_eq!(sync.removed, vec![msgraph::runtime::Removed { id: "m2".into(), reason: Some("deleted".into()) }]);
    assert!(sync.delta_link.ends_with("$deltatoken=d1"), "{}", sync.delta_link);
    let again = block_on(client.sync(sync.resume())).expect("second sync");
    assert_eq!(again.changed, vec![json!({"id": "m3", "subject": "c"})]);
    assert!(again.delta_link.ends_with("$deltatoken=d2"));
    assert_eq!(server.received().len(), 3);
    // Every round sends the first one's headers: the delta link keeps the query only.
    assert!(server.received().iter().all(|r| r.header("prefer") == Some("odata.maxpagesize=1")));
}

#[test]
fn a_delta_walk_keeps_each_item_once_in_its_last_state() {
    // OneDrive's delta may list an item more than once: the last is its state, also when it
    // moves between the lists (changed, then deleted; removed, then back in scope).
    use msgraph::runtime::{Delta, Removed};
    let root = "https://graph.microsoft.com/v1.0";
    let pages = [
        json!({"value": [{"id": "file", "name": "a"}, {"id": "folder", "name": "f"}, {"id": "x", "@removed": {"reason": "changed"}},
            {"name": "no id"}, {"id": "file", "name": "b"}], "@odata.nextLink": format!("{root}/me/drive/root/delta?token=2")}),
        json!({"value": [{"id": "folder", "deleted": {}}, {"id": "x", "name": "back"}, {"id": "file", "name": "c"}],
            "@odata.deltaLink": format!("{root}/me/drive/root/delta?token=3")}),
    ];
    let mut n = 0;
    let first: Request<Delta<Value>> = Request::new(msgraph::http::Method::GET, "/me/drive/root/delta");
    let sync = first
        .sync(root, |_| {
            n += 1;
            <Delta<Value> as msgraph::runtime::ResponseKind>::parse(200, pages[n - 1].to_string().as_bytes())
        })
        .expect("the walk");
    let names: Vec<&str> = sync.changed.iter().map(|c| c["name"].as_str().unwrap_or("")).collect();
    assert_eq!(names, ["no id", "back", "c"]);
    assert_eq!(sync.removed, [Removed { id: "folder".into(), reason: Some("deleted".into()) }]);
    // A page read alone keeps what it lists.
    let page = <Delta<Value> as msgraph::runtime::ResponseKind>::parse(200, pages[0].to_string().as_bytes()).expect("a page");
    assert_eq!((page.changed.len(), page.removed.len()), (4, 1));
}

/// A `$batch` endpoint answering each inner request by `(round, id)`: round 1 is the first
/// `$batch`, round 2 the retry.
fn batch_server(answer: impl Fn(u32, &str) -> Value + Send + 'static) -> Server {
    let mut round = 0;
    Server::start(move |got, _| {
        round += 1;
        let sent: Value = serde_json::from_slice(&got.body).expect("a JSON batch");
        let ids = sent["requests"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap());
        let answers: Vec<Value> = ids.map(|id| answer(round, id)).collect();
        Reply::json(200, &json!({"responses": answers}).to_string())
    })
}

#[test]
fn a_batch_with_a_dependency_and_an_inner_429_reads_every_answer_by_id() {
    let server = batch_server(|round, id| match (round, id) {
        (1, "1") => json!({"id": "1", "status": 201, "body": {"id": "e1", "subject": "Standup"}}),
        (1, "2") => {
            json!({"id": "2", "status": 429, "headers": {"Retry-After": "1"}, "body": {"error": {"code": "TooManyRequests", "message": "later"}}})
        }
        (1, "3") => json!({"id": "3", "status": 204}),
        (2, "2") => json!({"id": "2", "status": 200, "body": {"value": [{"id": "m1"}]}}),
        other => panic!("unexpected request {other:?}"),
    });
    let mut batch = msgraph::runtime::Batch::new();
    let create: Request<Entity> = Request::new(http::Method::POST, "/me/events").json(&json!({"subject": "Standup"}));
    let list: Request<Collection<Value>> = get::<Collection<Value>>("/me/messages".into()).top(1);
    let remove: Request<NoContent> = Request::new(http::Method::DELETE, "/me/events/e0");
    let (a, b) = (batch.add(&create), batch.add(&list));
    let c = batch.add_after(&remove, &[&a]).expect("a is an earlier request");
    let start = Instant::now();
    let answers = block_on(server.client().batch(&batch)).expect("answers");
    assert!(start.elapsed() >= Duration::from_millis(900), "the throttled request waited for its Retry-After");
    assert_eq!(answers.get(&a).expect("created")["subject"], "Standup");
    assert_eq!(answers.get(&b).expect("listed after the retry").value.len(), 1);
    answers.get(&c).expect("deleted");
    let got = server.received();
    assert_eq!((got.len(), got[0].path(), got[0].method.as_str()), (2, "/$batch".to_string(), "POST"));
    let first: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(first["requests"][2]["dependsOn"], json!(["1"]));
    assert_eq!(first["requests"][1]["url"], "/me/messages?$top=1");
    assert_eq!(first["requests"][0]["body"], json!({"subject": "Standup"}));
    let retry: Value = serde_json::from_slice(&got[1].body).unwrap();
    assert_eq!(retry["requests"].as_array().map(Vec::len), Some(1), "only the throttled request goes again");
}

#[test]
fn a_dependent_answered_424_goes_again_with_its_throttled_dependency_and_waits_are_told() {
    // The folder (1) is throttled, so the message in it (2, dependsOn 1) is answered 424 Failed
    // Dependency: it never ran, and must go again with the folder, its dependency kept.
    let server = batch_server(|round, id| match (round, id) {
        (1, "1") => {
            json!({"id": "1", "status": 429, "headers": {"Retry-After": "1"}, "body": {"error": {"code": "TooManyRequests", "message": "later"}}})
        }
        (1, "2") => json!({"id": "2", "status": 424, "body": {"error": {"code": "FailedDependency", "message": "dependency failed"}}}),
        (1, "3") => json!({"id": "3", "status": 404, "body": {"error": {"code": "ErrorItemNotFound", "message": "gone"}}}),
        (2, "1") => json!({"id": "1", "status": 201, "body": {"id": "f1"}}),
        (2, "2") => json!({"id": "2", "status": 201, "body": {"id": "m1"}}),
        other => panic!("unexpected request {other:?}"),
    });
    let mut batch = msgraph::runtime::Batch::new();
    let folder: Request<Entity> = Request::new(http::Method::POST, "/me/mailFolders").json(&json!({"displayName": "Archive"}));
    let message: Request<Entity> = Request::new(http::Method::POST, "/me/mailFolders/drafts/messages").json(&json!({"subject": "x"}));
    let a = batch.add(&folder);
    let b = batch.add_after(&message, &[&a]).expect("a is an earlier request");
    let c = batch.add(&get::<Entity>("/me/messages/m0?$select=id".into()));
    let told = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = told.clone();
    let client = server.client().on_retry(move |r| log.lock().unwrap().push(r.clone()));
    let answers = block_on(client.batch(&batch)).expect("answers");
    assert_eq!(answers.get(&a).expect("the folder")["id"], "f1");
    assert_eq!(answers.get(&b).expect("the message, sent again with its folder")["id"], "m1");
    let got = server.received();
    let retry: Value = serde_json::from_slice(&got[1].body).unwrap();
    assert_eq!(retry["requests"].as_array().map(Vec::len), Some(2), "{retry}");
    assert_eq!(retry["requests"][1]["dependsOn"], json!(["1"]), "the dependency kept");
    // An inner error names its request, as any call's error does (its query left out).
    let gone = answers.get(&c).expect_err("404");
    let line = format!("GET /{}/me/messages/m0", msgraph::API_VERSION);
    assert_eq!(gone.request_line(), Some(line.as_str()), "{gone}");
    let told = told.lock().unwrap().clone();
    assert_eq!(told.len(), 1, "{told:?}");
    let line = format!("POST /{}/$batch", msgraph::API_VERSION);
    assert_eq!((told[0].request.as_str(), told[0].status, told[0].attempt, told[0].requests), (line.as_str(), 429, 1, 2));
    assert_eq!(told[0].wait, Duration::from_secs(1));
}

#[test]
fn a_retried_call_tells_on_retry_what_it_waits_for() {
    let mut calls = 0;
    let server = Server::start(move |_, _| {
        calls += 1;
        match calls {
            1 => Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"later"}}"#).header("Retry-After", "1"),
            2 => Reply::json(503, r#"{"error":{"code":"serviceNotAvailable","message":"later"}}"#),
            _ => Reply::json(200, r#"{"id":"u1"}"#),
        }
    });
    let told = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = told.clone();
    let client = server.client().on_retry(move |r| log.lock().unwrap().push(r.clone()));
    block_on(client.send(&get::<Entity>("/users?$top=1".into()))).expect("the third answer");
    let told = told.lock().unwrap().clone();
    let line = format!("GET /{}/users", msgraph::API_VERSION);
    let seen: Vec<_> = told.iter().map(|r| (r.request.as_str(), r.status, r.attempt, r.wait, r.requests)).collect();
    // The test client's backoff is 10 ms, doubled on the second retry.
    assert_eq!(seen, vec![(line.as_str(), 429, 1, Duration::from_secs(1), 1), (line.as_str(), 503, 2, Duration::from_millis(20), 1)]);
}

#[test]
fn a_large_upload_resumes_after_a_failed_chunk() {
    use std::sync::{Arc, Mutex};
    let data: Vec<u8> = (0..1024 * 1024).map(|i: u32| (i % 251) as u8).collect();
    let stored = Arc::new(Mutex::new(vec![0u8; data.len()]));
    let (store, total) = (stored.clone(), data.len());
    let mut puts = 0;
    let storage = Server::start(move |got, _| {
        if got.method == "GET" {
            return Reply::json(200, r#"{"nextExpectedRanges":["327680-"]}"#);
        }
        puts += 1;
        if puts == 2 {
            return Reply::json(500, r#"{"error":{"code":"generalException","message":"try again"}}"#);
        }
        let range = got.header("Content-Range").expect("a Content-Range").to_string();
        let (start, end) = range.trim_start_matches("bytes ").split('/').next().unwrap().split_once('-').unwrap();
        let (start, end): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
        assert_eq!(got.body.len(), end - start + 1, "{range}");
        store.lock().unwrap()[start..=end].copy_from_slice(&got.body);
        if end + 1 == total {
            Reply::json(201, r#"{"id":"f1","name":"big.bin","size":1048576}"#)
        } else {
            Reply::json(202, &format!(r#"{{"nextExpectedRanges":["{}-"]}}"#, end + 1))
        }
    });
    let service = Server::start(|_, _| Reply::empty(500));
    let mut seen = Vec::new();
    let url = format!("{}/upload/session-1", storage.root());
    let item: Value = block_on(service.client().upload(&url, &data, 320 * 1024, |sent, _| seen.push(sent))).expect("the uploaded item");
    assert_eq!(item["size"], 1048576);
    assert_eq!(*stored.lock().unwrap(), data, "every byte arrived, in place");
    let got = storage.received();
    assert!(got.iter().all(|r| r.header("Authorization").is_none()), "the upload URL carries its own authorization");
    assert_eq!(got.iter().filter(|r| r.method == "GET").count(), 1, "the session was asked where to resume");
    // A chunk sent again is the same call, numbered, as any call's retry is.
    let puts: Vec<_> = got.iter().filter(|r| r.method == "PUT").collect();
    let id = |i: usize| puts[i].header("client-request-id").expect("an id").to_string();
    assert_eq!(puts[1].header("Content-Range"), puts[2].header("Content-Range"), "the failed chunk again");
    assert_eq!((id(2), puts[2].header("retry-attempt")), (id(1), Some("1")));
    assert!(id(0) != id(1) && puts[1].header("retry-attempt").is_none(), "each chunk is a call of its own");
    assert_eq!(seen.last(), Some(&data.len()));
    assert!(service.received().is_empty());
}

#[test]
fn a_sharing_url_becomes_the_token_the_shares_page_describes_and_its_bang_stays() {
    // shares-get.md's example URL, encoded as its steps say (base64url, no padding, `u!`).
    let url = "https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1";
    let token = "u!aHR0cHM6Ly9vbmVkcml2ZS5saXZlLmNvbS9yZWRpcj9yZXNpZD0xMjMxMjQ0MTkzOTEyITEyJmF1dGhLZXk9MTIwMTkxOSExMjkyMSEx";
    assert_eq!(sharing_token(url), token);
    // Every length's tail, and the two characters base64url changes.
    let cases = [("a", "u!YQ"), ("ab", "u!YWI"), ("abc", "u!YWJj"), ("\u{ffff}", "u!77-_")];
    for (from, to) in cases {
        assert_eq!(sharing_token(from), to, "{from:?}");
    }
    // `!` goes bare in a path, as the docs write tokens and OneDrive personal item ids.
    assert_eq!(msgraph::runtime::key(token), format!("/{token}"));
    assert_eq!(segment("1234567890ABC!123"), "1234567890ABC!123");
}
