//! What a response body is and how to read it; a success answer with its headers. Collection
//! pages are in `page.rs`.

use super::budget::from_slice;
use super::Error;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::marker::PhantomData;

/// What a request's success body is, and how to read it.
pub trait ResponseKind {
    type Output;

    /// The `Accept` header a request of this kind sends unless it sets its own: JSON, as the
    /// docs' request examples show it, except for bytes, which may be any type.
    const ACCEPT: Option<&'static str> = Some("application/json");

    /// Read a success body.
    fn read(body: &[u8]) -> Result<Self::Output, Error>;

    /// Read a success body handed over whole, as the client reads one: `limit` is the client's
    /// body limit (`Client::with_body_limit`), which also bounds the memory what the body
    /// decodes to takes (every JSON kind here: items, nested lists, maps, strings), so that
    /// the body and its value hold at most twice the limit. By default [`read`](Self::read);
    /// [`Bytes`] answers the body itself, uncopied.
    fn read_owned(body: Vec<u8>, limit: usize) -> Result<Self::Output, Error> {
        let _ = limit;
        Self::read(&body)
    }

    /// An answer its headers carry whole, body unread: `Some` for
    /// [`Accepted`](super::Accepted), whose `Location` is the answer; `None` (read the body)
    /// for every other kind.
    fn from_headers(headers: &http::HeaderMap) -> Option<Self::Output> {
        let _ = headers;
        None
    }

    /// Read an answer without headers: [`Request::parse_response`](super::Request::parse_response) with none.
    fn parse(status: u16, body: &[u8]) -> Result<Self::Output, Error> {
        read::<Self>(status, &http::HeaderMap::new(), body)
    }
}

/// A 2xx answer reads as `K`; any other is the error it stands for.
pub(crate) fn read<K: ResponseKind + ?Sized>(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<K::Output, Error> {
    match Error::from_status(status, headers, body) {
        Some(e) => Err(e),
        None => K::from_headers(headers).map_or_else(|| K::read(body), Ok),
    }
}

/// [`read`] of a body handed over whole ([`ResponseKind::read_owned`]), as the client reads one.
#[cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]
pub(crate) fn read_owned<K: ResponseKind + ?Sized>(
    status: u16,
    headers: &http::HeaderMap,
    body: Vec<u8>,
    limit: usize,
) -> Result<K::Output, Error> {
    match Error::from_status(status, headers, &body) {
        Some(e) => Err(e),
        None => K::from_headers(headers).map_or_else(|| K::read_owned(body, limit), Ok),
    }
}

/// A JSON entity of type `T`; also read from inside `{"value": {...}}` when that is the whole
/// body, as Intune's and Cloud PC's reference pages show their entities (a test server built
/// from them answers so; the service sends the entity itself).
pub struct Json<T>(PhantomData<fn() -> T>);
/// A collection: one page of `T`s with the link to the next page.
pub struct Collection<T>(PhantomData<fn() -> T>);
/// A primitive (`Edm.String`, `Edm.Boolean`...), which Graph wraps as `{"value": ...}`; a bare
/// value (`$count` answers `42` as text) is read too.
pub struct Primitive<T>(PhantomData<fn() -> T>);
/// A JSON entity of type `T`, or `None` for a success without a body: a write whose page
/// promises the entity where the service may answer `204 No Content` (Intune's and others'
/// updates do). From [`Request::or_no_content`](super::Request::or_no_content).
pub struct MaybeJson<T>(PhantomData<fn() -> T>);
/// No body (`204 No Content`, a `202 Accepted` with nothing to poll, and the like); a body sent
/// anyway is ignored. A `202` whose `Location` leads to an operation is [`Accepted`](super::Accepted).
pub struct NoContent;
/// Raw bytes (`Edm.Stream`, `$value`, `/content`).
pub struct Bytes;

impl<T: DeserializeOwned> ResponseKind for Json<T> {
    type Output = T;
    fn read(body: &[u8]) -> Result<T, Error> {
        empty(body)?;
        entity(body, usize::MAX)
    }

    /// The value, taking at most `limit` bytes in memory (see `budget.rs`).
    fn read_owned(body: Vec<u8>, limit: usize) -> Result<T, Error> {
        empty(&body)?;
        entity(&body, limit)
    }
}

/// One entity, taking at most `limit` bytes in memory; also from inside a docs copy's wrapper.
fn entity<T: DeserializeOwned>(body: &[u8], limit: usize) -> Result<T, Error> {
    match docs_wrapped(body, limit) {
        Some(inner) => T::deserialize(inner).map_err(Error::Json),
        None => from_slice(body, limit).map_err(Error::Json),
    }
}

/// The entity inside `{"value": {...}}`, the one key of the body. Intune's reference pages show
/// every single entity so; a test server built from them answers so, while the service answers
/// the entity itself, with an `@odata.context` beside its properties (so no answer of the
/// service has `value` as its only key). Read as the entity, not as an empty one keeping
/// `value` among its unknown keys. The prefix is checked before anything is parsed.
fn docs_wrapped(body: &[u8], limit: usize) -> Option<serde_json::Value> {
    let text = body.trim_ascii_start().strip_prefix(b"{")?.trim_ascii_start();
    if !text.strip_prefix(b"\"value\"")?.trim_ascii_start().strip_prefix(b":")?.trim_ascii_start().starts_with(b"{") {
        return None;
    }
    match from_slice::<serde_json::Value>(body, limit).ok()? {
        serde_json::Value::Object(mut m) if m.len() == 1 => m.remove("value").filter(serde_json::Value::is_object),
        _ => None,
    }
}

impl<T: DeserializeOwned> ResponseKind for MaybeJson<T> {
    type Output = Option<T>;
    fn read(body: &[u8]) -> Result<Option<T>, Error> {
        Self::read_owned(body.to_vec(), usize::MAX)
    }

    fn read_owned(body: Vec<u8>, limit: usize) -> Result<Option<T>, Error> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        entity(&body, limit).map(Some)
    }
}

/// A success with no body where a value was documented (a write the service answered
/// `204 No Content`): an error that says so, rather than JSON's "EOF while parsing", since what
/// was asked was done.
fn empty(body: &[u8]) -> Result<(), Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        let why = "the service answered success with no body where the docs promise a value: the request was carried out, but nothing came back to read (`request.or_no_content()` reads such an answer as `None`)";
        return Err(Error::Json(<serde_json::Error as serde::de::Error>::custom(why)));
    }
    Ok(())
}

impl<T: DeserializeOwned> ResponseKind for Primitive<T> {
    type Output = T;
    // A `$count` answers `text/plain` (a function's number is JSON): a service that holds to
    // `Accept` may refuse a count asked for as JSON alone (406).
    const ACCEPT: Option<&'static str> = Some("application/json, text/plain;q=0.9");
    fn read(body: &[u8]) -> Result<T, Error> {
        primitive(body, usize::MAX)
    }

    /// The value, taking at most `limit` bytes in memory (see `budget.rs`).
    fn read_owned(body: Vec<u8>, limit: usize) -> Result<T, Error> {
        primitive(&body, limit)
    }
}

/// A primitive, wrapped (`{"value": 42}`) or bare, taking at most `limit` bytes in memory.
fn primitive<T: DeserializeOwned>(body: &[u8], limit: usize) -> Result<T, Error> {
    #[derive(Deserialize)]
    struct Wrapped<T> {
        value: T,
    }
    match from_slice::<Wrapped<T>>(body, limit) {
        Ok(w) => Ok(w.value),
        Err(wrapped) => from_slice(body, limit).map_err(|_| Error::Json(wrapped)),
    }
}

impl ResponseKind for NoContent {
    type Output = ();
    fn read(_: &[u8]) -> Result<(), Error> {
        Ok(())
    }
}

impl ResponseKind for Bytes {
    type Output = Vec<u8>;
    const ACCEPT: Option<&'static str> = None;
    fn read(body: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(body.to_vec())
    }

    /// The body as it was read: no second copy.
    fn read_owned(body: Vec<u8>, _: usize) -> Result<Vec<u8>, Error> {
        Ok(body)
    }
}

/// A success answer in full: the value read as the documented type, with the status and the
/// headers it came with (`ETag` after an upload, `Location` after a create, `request-id`).
#[derive(Debug, Clone)]
pub struct Answer<T> {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub value: T,
}

impl<T> Answer<T> {
    /// A header's value, when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `ETag`: the version of what was written or read.
    pub fn etag(&self) -> Option<&str> {
        self.header("etag")
    }

    /// `Location`: where the created thing, or a long-running operation, lives.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// `request-id`: the id to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.header("request-id")
    }
}
