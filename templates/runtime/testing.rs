//! Helpers for the tests generated from the docs examples. Not part of the API; they panic
//! with a message that names what the example and the crate disagree on.

use super::{Request, ResponseKind};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Percent-decode a path for comparison with an example URL.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' {
            if let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// JSON equality where numbers compare by value (`1` equals `1.0`).
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b)),
        // Every key counts, annotations too: models and pages keep what they do not know.
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k.as_str()).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("example is not JSON: {e}"))
}

/// Read an example body as the documented type.
pub fn from_json<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("example body does not read as {}: {e}", std::any::type_name::<T>()))
}

/// The request has the example's method, path (percent-decoded, case-insensitive) and body.
pub fn assert_request<K: ResponseKind>(req: &Request<K>, method: &str, path: &str, body: Option<&str>) {
    assert_eq!(req.method().as_str(), method, "method");
    let norm = |p: &str| decode(p).trim_end_matches('/').to_lowercase();
    assert_eq!(norm(req.path()), norm(path), "path");
    if let Some(expected) = body {
        let sent: Value = req
            .body()
            .map(|b| serde_json::from_slice(b).unwrap_or_else(|e| panic!("request body is not JSON: {e}")))
            .unwrap_or_else(|| panic!("request has no body"));
        let expected = json(expected);
        assert!(json_eq(&sent, &expected), "request body differs\n  sent: {sent}\n  docs: {expected}");
    }
}

/// The example response parses as the documented type and serializes back to `expected`, the
/// same JSON value (numbers compared as numbers).
pub fn assert_response<K: ResponseKind>(status: u16, body: &str, expected: &str)
where
    K::Output: Serialize,
{
    let value = K::parse(status, body.as_bytes()).unwrap_or_else(|e| panic!("example response does not parse: {e}"));
    let back = serde_json::to_value(&value).unwrap_or_else(|e| panic!("does not serialize: {e}"));
    let expected = json(expected);
    assert!(json_eq(&back, &expected), "response differs after a round trip\n  crate: {back}\n  docs: {expected}");
}

/// An example response without a body is accepted with its status.
pub fn assert_empty_response<K: ResponseKind>(status: u16) {
    if let Err(e) = K::parse(status, b"") {
        panic!("empty example response rejected: {e}");
    }
}

/// The query of a URL as decoded pairs, in order: `?$filter=a%20eq%201&$top=2`.
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else { return Vec::new() };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The request with the example's query and headers added (the client sets `Content-Type`,
/// `Content-Length` and `Authorization` itself, so those are left out).
pub fn with_example<K: ResponseKind>(mut request: Request<K>, url: &str, headers: &[(&str, &str)]) -> Request<K> {
    for (k, v) in query_pairs(url) {
        request = request.query(k, v);
    }
    for (k, v) in headers {
        let own = ["content-type", "content-length", "authorization", "host"].iter().any(|h| k.eq_ignore_ascii_case(h));
        if !own {
            request = request.header(*k, *v);
        }
    }
    request
}
