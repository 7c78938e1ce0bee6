//! The generated runtime's answer readers on any bytes: a status, `Name: value` header lines
//! (`Retry-After` and `Location` among them), a blank line, then a body, read as a page, a
//! delta page, a model-shaped JSON value and no content, as `parse_response` reads what a
//! server sent; and `retry_after` on every header value. None may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgraph::runtime::{retry_after, Collection, Delta, Json, NoContent, Request};

fn read<K: msgraph::runtime::ResponseKind>(status: u16, headers: &http::HeaderMap, body: &[u8]) {
    let request: Request<K> = Request::new(http::Method::GET, "/users");
    if let Err(e) = request.parse_response(status, headers, body) {
        let _ = (e.to_string(), e.retry_after(), e.request_id(), e.is_retryable());
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&[a, b], rest)) = data.split_first_chunk::<2>().map(|(s, r)| (s, r)) else { return };
    let status = 100 + u16::from_be_bytes([a, b]) % 500;
    let text = String::from_utf8_lossy(rest);
    let (head, body) = text.split_once("\n\n").unwrap_or(("", &text));
    let mut headers = http::HeaderMap::new();
    for line in head.lines() {
        let Some((name, value)) = line.split_once(':') else { continue };
        let _ = retry_after(value);
        if let (Ok(n), Ok(v)) = (http::HeaderName::from_bytes(name.trim().as_bytes()), http::HeaderValue::from_str(value.trim())) {
            headers.append(n, v);
        }
    }
    let body = body.as_bytes();
    read::<Collection<serde_json::Value>>(status, &headers, body);
    read::<Delta<serde_json::Value>>(status, &headers, body);
    read::<Json<serde_json::Value>>(status, &headers, body);
    read::<NoContent>(status, &headers, body);
    let _ = msgraph::Error::from_status(status, &headers, body);
});
