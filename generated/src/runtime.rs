//! Runtime of the generated crate: request values, response parsing, errors, the tri-state
//! `Nullable` for PATCH bodies, and helpers for the generated tests.
//!
//! Hand-written: the generator copies this file from `templates/runtime.rs` unchanged.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// The service root a path is relative to, per cloud and API version.
pub const GRAPH_GLOBAL: &str = "https://graph.microsoft.com";

/// A property's state on the wire: left out, explicitly `null`, or a value.
///
/// Every model field is a `Nullable`, so one model serves reads and PATCH bodies alike: a field
/// left `Absent` is not serialized ("leave this property alone"), `Null` is sent as `null`
/// ("clear it"), and `Value` is sent as the value.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Nullable<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Nullable<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// The value, if there is one.
    pub fn get(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(v: T) -> Self {
        Nullable::Value(v)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` means "set to null"; use `Nullable::Absent` to leave a property out.
    fn from(v: Option<T>) -> Self {
        match v {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => v.serialize(s),
            _ => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A missing field never reaches here (`#[serde(default)]` makes it Absent).
        Ok(Option::<T>::deserialize(d)?.into())
    }
}

/// Writes a model as a JSON object: one call per field, absent fields left out. The generated
/// `Serialize` impls use it instead of a derive, which keeps the crate fast to compile.
pub struct ObjectWriter<M> {
    map: M,
}

impl<M: serde::ser::SerializeMap> ObjectWriter<M> {
    pub fn new<S: Serializer<SerializeMap = M>>(s: S) -> Result<Self, S::Error> {
        Ok(ObjectWriter { map: s.serialize_map(None)? })
    }

    pub fn field<T: Serialize>(&mut self, key: &str, value: &Nullable<T>) -> Result<(), M::Error> {
        if value.is_absent() {
            return Ok(());
        }
        self.map.serialize_entry(key, value)
    }

    /// The properties an open type keeps beyond its documented ones.
    pub fn extra(&mut self, extra: &std::collections::BTreeMap<String, serde_json::Value>) -> Result<(), M::Error> {
        for (k, v) in extra {
            self.map.serialize_entry(k, v)?;
        }
        Ok(())
    }

    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

/// Reads a model from a JSON object: one call per field. A missing key is `Absent`, `null` is
/// `Null`; keys no field takes are ignored, or kept by open types ([`ObjectReader::rest`]).
pub struct ObjectReader<E> {
    map: serde_json::Map<String, serde_json::Value>,
    error: PhantomData<fn() -> E>,
}

impl<E: serde::de::Error> ObjectReader<E> {
    pub fn new<'de, D: Deserializer<'de, Error = E>>(d: D) -> Result<Self, E> {
        Ok(ObjectReader { map: serde_json::Map::deserialize(d)?, error: PhantomData })
    }

    pub fn field<T: DeserializeOwned>(&mut self, key: &str) -> Result<Nullable<T>, E> {
        match self.map.remove(key) {
            None => Ok(Nullable::Absent),
            Some(serde_json::Value::Null) => Ok(Nullable::Null),
            Some(v) => serde_json::from_value(v).map(Nullable::Value).map_err(|e| E::custom(format_args!("{key}: {e}"))),
        }
    }

    /// The keys no field took, `@odata.type` aside.
    pub fn rest(self) -> std::collections::BTreeMap<String, serde_json::Value> {
        self.map.into_iter().collect()
    }
}

/// What a request's response body is, and how to read it.
pub trait ResponseKind {
    type Output;
    fn parse(status: u16, body: &[u8]) -> Result<Self::Output, Error>;
}

/// A JSON body of type `T`.
pub struct Json<T>(PhantomData<fn() -> T>);
/// A collection: one page of `T`s with the link to the next page.
pub struct Collection<T>(PhantomData<fn() -> T>);
/// No body (`204 No Content` and the like).
pub struct NoContent;
/// Raw bytes (`Edm.Stream`, `$value`).
pub struct Bytes;

impl<T: DeserializeOwned> ResponseKind for Json<T> {
    type Output = T;
    fn parse(status: u16, body: &[u8]) -> Result<T, Error> {
        check(status, body)?;
        serde_json::from_slice(body).map_err(Error::Json)
    }
}

impl<T: DeserializeOwned> ResponseKind for Collection<T> {
    type Output = Page<T>;
    fn parse(status: u16, body: &[u8]) -> Result<Page<T>, Error> {
        check(status, body)?;
        serde_json::from_slice(body).map_err(Error::Json)
    }
}

impl ResponseKind for NoContent {
    type Output = ();
    fn parse(status: u16, body: &[u8]) -> Result<(), Error> {
        check(status, body)
    }
}

impl ResponseKind for Bytes {
    type Output = Vec<u8>;
    fn parse(status: u16, body: &[u8]) -> Result<Vec<u8>, Error> {
        check(status, body)?;
        Ok(body.to_vec())
    }
}

fn check(status: u16, body: &[u8]) -> Result<(), Error> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    match serde_json::from_slice::<ErrorEnvelope>(body) {
        Ok(env) => Err(Error::Graph { status, error: env.error }),
        Err(_) => Err(Error::UnexpectedStatus { status, body: String::from_utf8_lossy(body).into_owned() }),
    }
}

/// One page of a collection response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

/// The Graph error envelope: `{"error": {"code", "message", "innerError": {...}}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub error: GraphError,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(rename = "innerError", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InnerError {
    #[serde(rename = "request-id", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Everything that can go wrong between a request value and a typed answer.
#[derive(Debug)]
pub enum Error {
    /// The service answered with an error envelope.
    Graph { status: u16, error: GraphError },
    /// An error status without a readable envelope.
    UnexpectedStatus { status: u16, body: String },
    /// A success body that is not the documented type.
    Json(serde_json::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph { status, error } => write!(f, "Graph error {status} {}: {}", error.code, error.message),
            Error::UnexpectedStatus { status, .. } => write!(f, "unexpected status {status}"),
            Error::Json(e) => write!(f, "response body does not match the documented type: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// A request as a value: method, percent-encoded path, query, headers and JSON body. `K` says
/// what the response body is ([`Json`], [`Collection`], [`NoContent`], [`Bytes`]).
#[derive(Debug, Clone)]
pub struct Request<K> {
    method: http::Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    kind: PhantomData<fn() -> K>,
}

impl<K: ResponseKind> Request<K> {
    /// `path` must already be encoded; generated functions build it with [`segment`].
    pub fn new(method: http::Method, path: String) -> Self {
        Request { method, path, query: Vec::new(), headers: Vec::new(), body: None, kind: PhantomData }
    }

    /// Attach a JSON body.
    pub fn json<B: Serialize>(mut self, body: &B) -> Self {
        // Models serialize infallibly: every map key is a string and no Serialize impl errors.
        self.body = serde_json::to_vec(body).ok();
        self.headers.push(("Content-Type".into(), "application/json".into()));
        self
    }

    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The path below the service root and version, percent-encoded.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The URL under `root` (e.g. `https://graph.microsoft.com/v1.0`), query encoded.
    pub fn url(&self, root: &str) -> String {
        let mut url = format!("{}{}", root.trim_end_matches('/'), self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&encode(k, QUERY_SAFE));
            url.push('=');
            url.push_str(&encode(v, QUERY_SAFE));
        }
        url
    }

    /// An `http::Request` for any HTTP client.
    pub fn to_http(&self, root: &str) -> Result<http::Request<Vec<u8>>, http::Error> {
        let mut b = http::Request::builder().method(self.method.clone()).uri(self.url(root));
        for (k, v) in &self.headers {
            b = b.header(k.as_str(), v.as_str());
        }
        b.body(self.body.clone().unwrap_or_default())
    }

    /// Read a response: a success status gives the documented type, any other the error.
    pub fn parse_response(&self, status: u16, body: &[u8]) -> Result<K::Output, Error> {
        K::parse(status, body)
    }
}

const SEGMENT_SAFE: &[u8] = b"-._~@";
const QUERY_SAFE: &[u8] = b"-._~$,:@'()/";

fn encode(s: &str, safe: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || safe.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One path segment: everything that could change the path's shape (`/`, `?`, `#`, `%`, `'`,
/// `:`, spaces, non-ASCII) is percent-encoded.
pub fn segment(s: &str) -> String {
    encode(s, SEGMENT_SAFE)
}

/// A string argument inside an OData function segment, written between `'` in the template:
/// `'` doubles as OData requires, then the text is encoded as a segment.
pub fn function_arg(s: &str) -> String {
    segment(&s.replace('\'', "''"))
}

/// Helpers for the tests generated from the docs examples. Not part of the API; they panic
/// with a message that names what the example and the crate disagree on.
#[doc(hidden)]
pub mod testing {
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

    /// JSON equality where numbers compare by value (`1` equals `1.0`) and instance annotations
    /// other than `@odata.type` are left aside (the models do not carry them yet).
    pub fn json_eq(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b)),
            (Value::Object(x), Value::Object(y)) => {
                let keep = |k: &String| !k.contains('@') || k == "@odata.type";
                let xs: Vec<_> = x.iter().filter(|(k, _)| keep(k)).collect();
                let ys: Vec<_> = y.iter().filter(|(k, _)| keep(k)).collect();
                xs.len() == ys.len() && xs.iter().all(|(k, v)| y.get(k.as_str()).is_some_and(|w| json_eq(v, w)))
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

    /// The example response parses as the documented type and serializes back to `expected`
    /// (the example less the keys its documented type does not list).
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
}
