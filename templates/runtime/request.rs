//! A request as a value: method, percent-encoded path, OData query options, headers and JSON
//! body. `K` says what the response is ([`Json`], [`Collection`], [`Primitive`], [`NoContent`],
//! [`Bytes`]), so reading the answer is typed too.

use super::response::{read, Answer, Collection, Json, MaybeJson, ResponseKind};
use super::Error;
use serde::Serialize;
use std::marker::PhantomData;

pub struct Request<K> {
    method: http::Method,
    /// Below the service root (`/users/a%2Fb`), or an absolute URL (a next-page link).
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    /// Why the body could not be written (a map with non-string keys, a failing `Serialize`):
    /// kept until the request is turned into HTTP, which then fails with it.
    body_error: Option<String>,
    /// Where the URL leaves the service root, the client sends it without the token instead of
    /// refusing it: a long-running operation's monitor on another host (`Operation::poll`), which
    /// the service hands out pre-authorized, as it does a download's redirect.
    anywhere: bool,
    kind: PhantomData<fn() -> K>,
}

// By hand, not derived: a derive would ask `K` (a marker: `Json<User>`, `Bytes`) to be
// `Clone` and `Debug` too, and no response kind is.
impl<K> Clone for Request<K> {
    fn clone(&self) -> Self {
        Request {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            body_error: self.body_error.clone(),
            anywhere: self.anywhere,
            kind: PhantomData,
        }
    }
}

impl<K> std::fmt::Debug for Request<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &self.body.as_ref().map(|b| String::from_utf8_lossy(b)))
            .field("body_error", &self.body_error)
            .finish()
    }
}

impl<K: ResponseKind> Request<K> {
    /// `path` must already be encoded; generated functions build it with [`segment`].
    pub fn new(method: http::Method, path: impl Into<String>) -> Self {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            body_error: None,
            anywhere: false,
            kind: PhantomData,
        }
    }

    /// The request a redirect points to: a `GET` of `location` (absolute, or below the
    /// service root), with no body. Headers the caller set are kept but `Authorization`: a
    /// redirect leads to another host (a file's storage), which must not get the token; a
    /// sender adds it only to requests under the service root, as the client does. See
    /// [`follow_redirect`](Self::follow_redirect), which keeps the method's meaning.
    pub fn redirected(&self, location: &str) -> Self {
        Request {
            method: http::Method::GET,
            path: location.to_string(),
            query: Vec::new(),
            headers: self.headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("authorization")).cloned().collect(),
            body: None,
            body_error: None,
            anywhere: false,
            kind: PhantomData,
        }
    }

    /// The request a redirect answer (`status`, to an absolute `location`: resolve a relative
    /// one first, [`resolve_location`](crate::runtime::resolve_location)`(&request.url(root),
    /// location)`) asks for; without the caller's `Authorization`, as [`redirected`](Self::redirected). 307 and 308 send the same method,
    /// headers and body again; 301, 302 and 303 of a `GET` or `HEAD` are the same method
    /// without a body. A 301, 302 or 303 of any other method is [`Error::Redirect`] for the
    /// caller: the write may not have run, and a `GET` in its place would report a success.
    pub fn follow_redirect(&self, status: u16, location: &str) -> Result<Self, Error> {
        let refused = || Error::Redirect { status, location: location.to_string() };
        let keep = matches!(status, 307 | 308);
        let read = matches!(self.method, http::Method::GET | http::Method::HEAD);
        let see_other = read && (301..=303).contains(&status);
        if !(keep || see_other) {
            return Err(refused());
        }
        let mut next = self.redirected(location);
        next.method = self.method.clone();
        if keep {
            (next.body, next.body_error) = (self.body.clone(), self.body_error.clone());
        }
        Ok(next)
    }

    /// The same request, its answer read as another kind: as JSON values where one item the
    /// model cannot read would fail the whole page (`.answer_as::<Collection<serde_json::Value>>()`,
    /// then `serde_json::from_value` item by item), or as a value the page does not document
    /// (`.answer_as::<Json<TeamsAppDefinition>>()` where a `requiresReview` upload answers
    /// `201` with the definition).
    pub fn answer_as<K2: ResponseKind>(self) -> Request<K2> {
        self.with_kind()
    }

    /// The same request, its answer read as another kind.
    pub(crate) fn with_kind<K2>(self) -> Request<K2> {
        let Request { method, path, query, headers, body, body_error, anywhere, kind: _ } = self;
        Request { method, path, query, headers, body, body_error, anywhere, kind: PhantomData }
    }

    /// Attach a JSON body. Generated models always serialize; a value that does not (a map
    /// with non-string keys) makes [`to_http`](Self::to_http) fail with the reason.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => (self.body, self.body_error) = (Some(bytes), None),
            Err(e) => (self.body, self.body_error) = (None, Some(e.to_string())),
        }
        self.set_header("Content-Type", "application/json");
        self
    }

    /// The same request, sent by the client without the token where its URL leaves the service
    /// root, instead of refused (see [`Operation::poll`](super::Operation::poll)).
    pub(crate) fn anywhere(mut self) -> Self {
        self.anywhere = true;
        self
    }

    /// Whether the client sends it, without the token, to a URL outside the service root.
    pub fn goes_anywhere(&self) -> bool {
        self.anywhere
    }

    /// Why the JSON body could not be written, if it could not.
    pub fn body_error(&self) -> Option<&str> {
        self.body_error.as_deref()
    }

    /// The same request, failing as [`json`](Self::json) does when a body could not be written.
    pub(crate) fn with_body_error(mut self, error: Option<String>) -> Self {
        if error.is_some() {
            self.body_error = error;
        }
        self
    }

    /// Attach raw bytes (a file's content, a photo), sent as `application/octet-stream`; set
    /// another `Content-Type` with [`Request::content_type`] after this call.
    pub fn bytes(mut self, body: impl Into<Vec<u8>>) -> Self {
        (self.body, self.body_error) = (Some(body.into()), None);
        self.set_header("Content-Type", "application/octet-stream");
        self
    }

    /// Set the `Content-Type` header (`image/jpeg` for a photo, `text/plain` for a file).
    pub fn content_type(mut self, value: impl Into<String>) -> Self {
        let value = value.into();
        self.set_header("Content-Type", &value);
        self
    }

    /// Add a header; the request keeps every value given (a header may repeat).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.to_string()));
    }

    /// `ConsistencyLevel: eventual`, which directory objects need for `$count`, `$search`
    /// and advanced `$filter` queries.
    pub fn consistency_level_eventual(mut self) -> Self {
        self.set_header("ConsistencyLevel", "eventual");
        self
    }

    /// A `Prefer` preference (`outlook.timezone="Pacific Standard Time"`, `return=minimal`).
    pub fn prefer(self, preference: impl Into<String>) -> Self {
        self.header("Prefer", preference)
    }

    /// `Prefer: respond-async`: ask the service to answer before the work is done, with a
    /// `202 Accepted` whose `Location` leads to a `T` that says how it goes (Excel's
    /// `create_session` then answers a `WorkbookOperation`): read as an
    /// [`Operation<T>`](super::Operation), whose `poll()` reads it. A service that does the
    /// work at once answers without a `Location`: `operation.location` is then `None`.
    pub fn respond_async<T>(self) -> Request<super::Accepted<T>> {
        self.prefer("respond-async").with_kind()
    }

    /// A query parameter as is (function parameters such as `startDateTime`, or any option
    /// the typed methods do not cover). The value goes as its `Display` writes it: a text as
    /// given, `true`, `5`, an enum's member as the docs spell it (a page's table types
    /// `requiresReview` as `Boolean`: `.query("requiresReview", true)`). It is
    /// percent-encoded when the URL is built.
    pub fn query(mut self, name: impl Into<String>, value: impl std::fmt::Display) -> Self {
        self.query.push((name.into(), value.to_string()));
        self
    }

    fn set_query(mut self, name: &str, value: String) -> Self {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_string(), value));
        self
    }

    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The path below the service root and version, percent-encoded; or the absolute URL of
    /// a next-page link.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Query parameters, not yet encoded.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The URL under `root` (e.g. `https://graph.microsoft.com/v1.0`, see
    /// [`Cloud::root`](super::Cloud::root)), query encoded as the client sends it
    /// (`$filter=startswith(displayName,%27a%27)`). An absolute link is used as is.
    pub fn url(&self, root: &str) -> String {
        let mut url = if is_absolute(&self.path) { self.path.clone() } else { format!("{}{}", root.trim_end_matches('/'), self.path) };
        let mut sep = if url.contains('?') { '&' } else { '?' };
        for (k, v) in &self.query {
            url.push(sep);
            sep = '&';
            url.push_str(&encode(k, QUERY_SAFE));
            url.push('=');
            url.push_str(&encode(v, VALUE_SAFE));
        }
        url
    }

    /// An `http::Request` for any HTTP client. Fails with [`Error::Invalid`], before anything
    /// is sent, when the body could not be written as JSON (a map keyed by other than strings)
    /// or a header or the URL is not valid HTTP (a path written by hand with a space in it:
    /// [`segment`] encodes each part).
    pub fn to_http(&self, root: &str) -> Result<http::Request<Vec<u8>>, Error> {
        if let Some(e) = &self.body_error {
            return Err(Error::Invalid(format!("the request body could not be written as JSON: {e}")));
        }
        let url = self.url(root);
        let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
        if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
            return Err(Error::Invalid(format!("{url} is not an HTTP URL")));
        }
        let mut b = http::Request::builder().method(self.method.clone()).uri(url.as_str());
        for (k, v) in &self.headers {
            b = b.header(k.as_str(), v.as_str());
        }
        if let Some(accept) = K::ACCEPT.filter(|_| !self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("accept"))) {
            b = b.header(http::header::ACCEPT, accept);
        }
        // A write without a body (`createUploadSession`, most actions without parameters), or
        // with an empty one (`create_reply(b"")`), says so: HTTP/1.1 servers may refuse a POST
        // of unknown length with 411 Length Required, and hyper writes no length for no bytes.
        let bodiless_write = self.body.as_ref().is_none_or(Vec::is_empty)
            && matches!(self.method, http::Method::POST | http::Method::PUT | http::Method::PATCH);
        if bodiless_write && !self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
            b = b.header(http::header::CONTENT_LENGTH, "0");
        }
        let method = &self.method;
        b.body(self.body.clone().unwrap_or_default()).map_err(|e| {
            Error::Invalid(format!("`{method} {url}` cannot be sent: {e} (a path of your own puts each part through `runtime::segment`)"))
        })
    }

    /// Read a response: a 2xx status gives the documented type, any other the [`Error`], with
    /// the error envelope and `Retry-After` when the service sent them.
    pub fn parse_response(&self, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<K::Output, Error> {
        read::<K>(status, headers, body)
    }

    /// [`parse_response`](Self::parse_response), keeping the status and headers of a success
    /// beside the value.
    pub fn parse_answer(&self, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<Answer<K::Output>, Error> {
        let value = read::<K>(status, headers, body)?;
        Ok(Answer { status, headers: headers.clone(), value })
    }

    /// [`parse_response`](Self::parse_response) for an `http::Response`.
    pub fn parse_http<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<K::Output, Error> {
        read::<K>(response.status().as_u16(), response.headers(), response.body().as_ref())
    }
}

/// `$select` and `$expand`: for requests that answer with entities.
impl<T> Request<Json<T>>
where
    Json<T>: ResponseKind,
{
    /// `$select`: only these properties.
    pub fn select<S: AsRef<str>>(self, properties: impl IntoIterator<Item = S>) -> Self {
        self.set_query("$select", join(properties))
    }

    /// `$expand`: inline these navigation properties (`members($select=id)` allowed).
    pub fn expand<S: AsRef<str>>(self, navigation: impl IntoIterator<Item = S>) -> Self {
        self.set_query("$expand", join(navigation))
    }

    /// The answer as `Option<T>`: `None` when the service answers success without a body.
    /// For a write whose page promises the entity but whose service answers `204 No Content`
    /// (`Json<T>` reads that as an error, though the write was done).
    pub fn or_no_content(self) -> Request<MaybeJson<T>> {
        self.with_kind()
    }
}

/// A write the docs answer with no content.
impl Request<super::response::NoContent> {
    /// `Prefer: return=representation`: ask the service to answer the write with the resource
    /// as it now is (planner's PATCH pages document it; a write whose page already answers the
    /// resource, a shift's, is read as that and takes `.prefer("return=representation")`, as its
    /// example sends), read as `T`, which
    /// the `let` says: `let task: PlannerTask = client.send(&update.return_representation()).await?;`
    /// (its new `@odata.etag` is then at hand for the next `If-Match`).
    pub fn return_representation<T>(self) -> Request<Json<T>>
    where
        Json<T>: ResponseKind,
    {
        self.prefer("return=representation").with_kind()
    }
}

/// The collection options: `$select`, `$expand`, `$filter`, `$orderby`, `$top`, `$skip`,
/// `$count`, `$search`. The next page is in `page.rs`.
impl<T> Request<Collection<T>>
where
    Collection<T>: ResponseKind,
{
    pub fn select<S: AsRef<str>>(self, properties: impl IntoIterator<Item = S>) -> Self {
        self.set_query("$select", join(properties))
    }

    pub fn expand<S: AsRef<str>>(self, navigation: impl IntoIterator<Item = S>) -> Self {
        self.set_query("$expand", join(navigation))
    }

    /// `$filter`: an OData expression, `startswith(displayName,'a')`.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.set_query("$filter", expression.into())
    }

    /// `$orderby`: properties, each optionally followed by ` desc`.
    pub fn orderby<S: AsRef<str>>(self, properties: impl IntoIterator<Item = S>) -> Self {
        self.set_query("$orderby", join(properties))
    }

    /// `$top`: the page size.
    pub fn top(self, n: u32) -> Self {
        self.set_query("$top", n.to_string())
    }

    pub fn skip(self, n: u32) -> Self {
        self.set_query("$skip", n.to_string())
    }

    /// `$count=true`: the page carries `@odata.count`.
    pub fn count(self, yes: bool) -> Self {
        self.set_query("$count", yes.to_string())
    }

    /// `$search`: the search text is sent between double quotes, as Graph requires
    /// (`"displayName:room"`), unless it already is quoted.
    pub fn search(self, text: impl Into<String>) -> Self {
        self.set_query("$search", quoted(text.into()))
    }
}

/// A count (`GET .../$count`) of the items that match: `$filter` and `$search` as on the
/// collection's `list()`, the other options meaning nothing to a number.
impl Request<super::response::Primitive<u64>> {
    /// `$filter`: count only the items this OData expression keeps.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.set_query("$filter", expression.into())
    }

    /// `$search`: count only the items the search finds, its text between double quotes.
    pub fn search(self, text: impl Into<String>) -> Self {
        self.set_query("$search", quoted(text.into()))
    }
}

/// Search text between double quotes, as Graph requires (`"displayName:room"`), unless it
/// already is quoted.
fn quoted(text: String) -> String {
    if text.starts_with('"') {
        text
    } else {
        format!("\"{text}\"")
    }
}

fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items.into_iter().map(|s| s.as_ref().to_string()).collect::<Vec<_>>().join(",")
}

/// An absolute URL, of any scheme (`file://` included, which no sender must take for a path
/// below the root).
fn is_absolute(path: &str) -> bool {
    path.split_once("://")
        .is_some_and(|(scheme, _)| !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
}

/// `scheme://host:port` of a URL.
pub(crate) fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find(['/', '?', '#']) {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// True when `url` is under the service root's origin (scheme, host and port alike): where a
/// token may go and where a walk over pages may lead.
/// Scheme and host are matched without regard to case, as URLs define them.
pub(crate) fn under_root(url: &str, root: &str) -> bool {
    let prefix = format!("{}/", origin(root));
    url.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(&prefix))
}

// `!` and `=` change no path's shape and the docs write them bare: a sharing token
// (`u!aHR0cHM6…`), a OneDrive personal item id (`1234567890ABC!123`), the base64 padding that
// ends Outlook ids (`AAMkAGI2…AAA=`, a message rule's `AQAAAJ5dZqA=`).
const SEGMENT_SAFE: &[u8] = b"-._~@!=";
// `'` is written `%27` as an HTTP client's URL parser writes it in a query (the WHATWG URL
// rules reqwest follows), so that `url()` is the bytes sent; the service reads both alike.
const QUERY_SAFE: &[u8] = b"-._~$,:@()/";
// A value may hold `=` as it is (a query splits at the first): `$expand=sessions($expand=segments)`
// goes as the docs write it, not `($expand%3Dsegments)`.
const VALUE_SAFE: &[u8] = b"-._~$,:@()/=";

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

/// A sharing URL as the key `shares().id(..)` takes, as the shares page says to make it: `u!`
/// and the URL in unpadded base64url (`+` as `-`, `/` as `_`):
/// `shares().id(&sharing_token("https://onedrive.live.com/redir?resid=…")).drive_item().get()`.
pub fn sharing_token(url: &str) -> String {
    let base64 = crate::edm::Binary::encode(url).0;
    format!("u!{}", base64.trim_end_matches('=').replace('+', "-").replace('/', "_"))
}

/// A key as a whole segment, with the `/` before it: `/` and the key encoded as a
/// [`segment`]; a key that starts with `$` (a user principal name such as
/// `$AdeleVance@contoso.com`) in OData's parenthesized form, `('$AdeleVance@contoso.com')`,
/// as the user pages ask, since Graph reads a segment starting with `$` as one of its own
/// (`$value`, `$ref`).
pub fn key(s: &str) -> String {
    match s.strip_prefix('$') {
        Some(rest) => format!("('${}')", function_arg(rest)),
        None => format!("/{}", segment(s)),
    }
}

/// An item path (`root:/{item-path}:`): the `/` between folders stay, each name is encoded as
/// a segment, and leading or doubled `/` are dropped (`"Documents/q1 2021.xlsx"` →
/// `Documents/q1%202021.xlsx`).
pub fn item_path(s: &str) -> String {
    let names: Vec<String> = s.split('/').filter(|n| !n.is_empty()).map(segment).collect();
    names.join("/")
}

/// A string as an OData literal in a `$filter` expression: between `'`, each `'` doubled, as
/// OData requires (`"O'Brien"` → `'O''Brien'`). The query is percent-encoded when it is sent;
/// this is the OData layer under it:
/// `users().list().filter(format!("surname eq {}", odata_string(name)))`.
pub fn odata_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A string argument inside an OData function segment, written between `'` in the template:
/// `'` doubles as OData requires, then the text is encoded as a segment.
pub fn function_arg(s: &str) -> String {
    segment(&s.replace('\'', "''"))
}
