//! One error type for everything between a request value and a typed answer: the service's
//! error envelope, an error status without one, a body that is not the documented type, and
//! (from a client) transport and token failures.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    /// Where the service names the offending part of the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<GraphError>,
    #[serde(rename = "innerError", alias = "innererror", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
    /// Every other member the service sent, as sent: a detail's own fields (an invalid name's
    /// `prefix` and `suffix` from `validateProperties`), `@odata.type`.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The service's trace of the failed call; quote `request_id` and `date` to support.
/// Workloads nest a more specific error here (Intune, SharePoint and Exchange give a code,
/// a message and sometimes an `innerError` of their own): all of it is kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InnerError {
    #[serde(rename = "request-id", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(rename = "client-request-id", default, skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A nested, more specific error code, when the service gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The nested error's own message, often more precise than the envelope's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A deeper error, when the workload nests one more.
    #[serde(rename = "innerError", alias = "innererror", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<Box<InnerError>>,
    /// Every other member the service sent (`@odata.type`, a workload's own fields), as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// A boxed error from a transport or a token provider.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Everything that can go wrong between a request value and a typed answer. Non-exhaustive:
/// a regenerated crate may add a kind of failure, and a `match` with a `_` arm keeps compiling.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The service answered an error status with an error envelope (boxed: it is large, and
    /// results carry errors by value). `headers` are the answer's: a `410 Gone` of a delta
    /// names the fresh enumeration in `Location` ([`Error::location`]). Matched with `..`:
    /// more of the answer may be kept here later.
    #[non_exhaustive]
    Graph { status: u16, error: Box<GraphError>, retry_after: Option<Duration>, headers: Box<http::HeaderMap>, request: String },
    /// An error status without a readable envelope (a `304 Not Modified` after
    /// `If-None-Match`, whose `ETag` is in `headers`).
    #[non_exhaustive]
    UnexpectedStatus { status: u16, body: String, retry_after: Option<Duration>, headers: Box<http::HeaderMap>, request: String },
    /// A redirect (`GET .../content` answers 302 with the file's download URL): follow it
    /// with [`Request::follow_redirect`](crate::runtime::Request::follow_redirect) (a
    /// relative `location` resolved by [`resolve_location`](crate::runtime::resolve_location)),
    /// without the token when it leaves the service's origin. The client does this itself.
    /// Any other status outside 2xx without a Graph error body (a `304 Not Modified` after
    /// `If-None-Match`) is [`Error::UnexpectedStatus`].
    Redirect { status: u16, location: String },
    /// An answer's body that is not the documented type, read outside the client
    /// (`parse_response`, an upload session's answer, a batch's answers).
    /// [`json`](Error::json) gives the serde error of either this or [`Error::Decode`].
    Json(serde_json::Error),
    /// A success the client read that is not the documented type (no JSON at all, or JSON of
    /// another shape), naming the request (`request`, as [`Error::Graph`] does) and keeping
    /// the answer's status and headers (its `request-id`, to quote to support).
    #[non_exhaustive]
    Decode { status: u16, error: serde_json::Error, headers: Box<http::HeaderMap>, request: String },
    /// The request did not reach the service or its answer did not come back.
    Transport(BoxError),
    /// The token provider failed.
    Token(BoxError),
    /// An upload through a session failed: the session answered what an upload cannot go on
    /// from (a next range that does not move forward or lies beyond the length, no progress
    /// within the retries allowed, an empty file), or a chunk, the session's status or the
    /// reader failed (`cause`, past the retries: a 500's [`Error::Graph`], a timeout). Every
    /// upload failure once the session exists is this error: `url` is the session's upload
    /// URL, to query (`GET`) or cancel (`DELETE`); `message` says where the upload stopped.
    Upload { url: String, message: String, cause: Option<Box<Error>> },
    /// A `$batch` failed after others of the same batch ran: `answers` holds the answers of
    /// those that ran (their requests were executed), `error` why the rest failed.
    Batch { answers: Box<super::BatchAnswers>, error: Box<Error> },
    /// A walk over pages cannot go on: a next link leads back to a page already read (the
    /// walk would never end), or away from the service root.
    Paging(String),
    /// What the caller built cannot be sent, and nothing was: a body that cannot be written as
    /// JSON, a path or header that is not valid HTTP (a path written by hand, unencoded), a
    /// batch dependency that is not an earlier request of the same batch, more linked requests
    /// than one `$batch` holds, an id of another batch.
    Invalid(String),
}

impl Error {
    /// The error status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Graph { status, .. } | Error::UnexpectedStatus { status, .. } | Error::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Why a body was not the documented type: [`Error::Json`] or [`Error::Decode`].
    pub fn json(&self) -> Option<&serde_json::Error> {
        match self {
            Error::Json(e) | Error::Decode { error: e, .. } => Some(e),
            _ => None,
        }
    }

    /// How long the service asked to wait (`Retry-After`, sent with 429 and 503).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Graph { retry_after, .. } | Error::UnexpectedStatus { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The service's error, when it sent an envelope.
    pub fn graph(&self) -> Option<&GraphError> {
        match self {
            Error::Graph { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The headers of the service's error answer (or of a success it could not be read from).
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        match self {
            Error::Graph { headers, .. } | Error::UnexpectedStatus { headers, .. } | Error::Decode { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// Where the answer points: a redirect's target, or the `Location` of an error answer.
    /// A `410 Gone` of a delta (`resyncChangesApplyDifferences`, ...) carries the link that
    /// starts the enumeration again: walk it with the query's `request.resume_at(link)` and
    /// reconcile as [`GraphError::code`] says.
    pub fn location(&self) -> Option<&str> {
        match self {
            Error::Redirect { location, .. } => Some(location),
            _ => self.headers()?.get(http::header::LOCATION)?.to_str().ok(),
        }
    }

    /// The request id to quote to support.
    /// (The envelope's `innerError`, else the answer's `request-id` header: an envelope
    /// without `innerError`, or no envelope at all, still names the request there.)
    pub fn request_id(&self) -> Option<&str> {
        let inner = self.graph().and_then(|g| g.inner_error.as_ref()?.request_id.as_deref());
        inner.or_else(|| self.headers()?.get("request-id")?.to_str().ok())
    }

    /// The request an error answer is about, `GET /v1.0/applications/{id}` (its path, without
    /// the query, which may carry a link's signature), when the client sent it: a program
    /// that sends many with `?` can tell which failed. Empty when the error was read from an
    /// answer alone ([`Error::from_status`], a request sent by other means).
    pub fn request_line(&self) -> Option<&str> {
        match self {
            Error::Graph { request, .. } | Error::UnexpectedStatus { request, .. } | Error::Decode { request, .. } => {
                Some(request.as_str()).filter(|r| !r.is_empty())
            }
            _ => None,
        }
    }

    /// The error, naming the request it answered (`url` absolute or not; its query is left out).
    pub(crate) fn sent(mut self, method: &http::Method, url: &str) -> Error {
        if let Error::Graph { request, .. } | Error::UnexpectedStatus { request, .. } | Error::Decode { request, .. } = &mut self {
            *request = request_line(method, url);
        }
        self
    }

    /// A body the client could not read as the documented type, kept with its answer's
    /// `status` and `headers` ([`Error::Decode`]); any other error as it is.
    #[cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]
    pub(crate) fn undecoded(self, status: u16, headers: &http::HeaderMap) -> Error {
        match self {
            Error::Json(error) => Error::Decode { status, error, headers: Box::new(headers.clone()), request: String::new() },
            other => other,
        }
    }

    /// Throttled or temporarily unavailable: the same request may succeed later.
    pub fn is_retryable(&self) -> bool {
        matches!(self.status(), Some(429 | 503 | 504))
    }

    /// The error a non-success answer stands for; `None` for a 2xx status.
    pub fn from_status(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Option<Error> {
        if (200..300).contains(&status) {
            return None;
        }
        if (300..400).contains(&status) {
            if let Some(location) = headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok()) {
                return Some(Error::Redirect { status, location: location.to_string() });
            }
        }
        Some(Error::failed(status, headers, body))
    }

    /// The error an answer of a non-success `status` stands for, read from its envelope.
    pub(crate) fn failed(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Error {
        let retry_after = headers.get(http::header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(retry_after);
        let headers = Box::new(headers.clone());
        match serde_json::from_slice::<ErrorEnvelope>(body) {
            Ok(mut env) => {
                env.error.message = capped_text(env.error.message.as_bytes());
                Error::Graph { status, error: Box::new(env.error), retry_after, headers, request: String::new() }
            }
            Err(_) => Error::UnexpectedStatus { status, body: capped_text(body), retry_after, headers, request: String::new() },
        }
    }
}

/// `GET /v1.0/me`: a request's method and path (`url` absolute or not; its query is left out,
/// as it may carry a link's signature, and the root's host, the caller's own, too).
pub(crate) fn request_line(method: &http::Method, url: &str) -> String {
    let path = without_query(url);
    let path = match path.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => path,
    };
    format!("{method} {path}")
}

/// `url` without its query and fragment, which may carry a signature or a credential.
fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

impl Error {
    /// ` (GET /v1.0/me; request-id ...)`: which request, and what to quote to support.
    fn write_request(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.request_line(), self.request_id()) {
            (Some(r), Some(id)) => write!(f, " ({r}; request-id {id})"),
            (Some(r), None) => write!(f, " ({r})"),
            (None, Some(id)) => write!(f, " (request-id {id})"),
            (None, None) => Ok(()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph { status, error, .. } => {
                // Some workloads (Planner) send an empty code: the status and message then.
                match error.code.as_str() {
                    "" => write!(f, "Graph error {status}: {}", error.message)?,
                    code => write!(f, "Graph error {status} {code}: {}", error.message)?,
                }
                self.write_request(f)
            }
            Error::UnexpectedStatus { status, body, .. } => {
                write!(f, "unexpected status {status}")?;
                // The start of the body says what went wrong (an HTML error page, a proxy's note).
                let text = body.trim();
                if !text.is_empty() {
                    let cut: String = text.chars().take(200).collect();
                    let more = if cut.len() < text.len() { "..." } else { "" };
                    write!(f, ": {cut}{more}")?;
                }
                self.write_request(f)
            }
            Error::Redirect { status, location } => write!(f, "redirect {status} to {location}"),
            // A body that is no JSON at all (a trailing comma, cut short) says so, not "type".
            Error::Json(e) | Error::Decode { error: e, .. } => {
                use serde_json::error::Category;
                let what = match e.classify() {
                    Category::Syntax | Category::Eof => "is not valid JSON",
                    _ => "does not match the documented type",
                };
                write!(f, "response body {what}: {e}")?;
                self.write_request(f)
            }
            Error::Transport(e) => write!(f, "transport: {}", chain(e.as_ref())),
            // A sign-in's own errors say what failed ("sign-in redirect: ..."), also when
            // `redeem` returns them, which no token provider asked for.
            #[cfg(feature = "auth")]
            Error::Token(e) if e.is::<super::auth::AuthError>() => write!(f, "{}", chain(e.as_ref())),
            Error::Token(e) => write!(f, "token provider: {}", chain(e.as_ref())),
            Error::Upload { url, message, cause } => {
                // Without the query, which may carry the session's own authorization
                // (`?tempauth=…`); `url` keeps it for the program that cancels or resumes.
                write!(f, "upload session {}: {message}", without_query(url))?;
                match cause {
                    Some(cause) => write!(f, ": {cause}"),
                    None => Ok(()),
                }
            }
            Error::Batch { answers, error } => {
                write!(f, "batch: {error} (after {} answers from requests that ran)", answers.responses.len())
            }
            Error::Paging(why) => write!(f, "paging: {why}"),
            Error::Invalid(why) => write!(f, "not sent: {why}"),
        }
    }
}

/// The most of an error's text that is kept: a service's message or an unexpected body.
pub const ERROR_TEXT_LIMIT: usize = 4096;

/// The bytes a text longer than [`ERROR_TEXT_LIMIT`] keeps, leaving room for the note of its
/// length (`... (52428800 bytes in all)`), so that the whole stays within the limit.
const TEXT_KEPT: usize = ERROR_TEXT_LIMIT - 64;

/// `text` as kept in an error: whole up to [`ERROR_TEXT_LIMIT`] bytes; longer, its first
/// [`TEXT_KEPT`] bytes (cut at a character boundary) with the whole length noted.
pub(crate) fn capped_text(text: &[u8]) -> String {
    if text.len() <= ERROR_TEXT_LIMIT {
        return String::from_utf8_lossy(text).into_owned();
    }
    let mut kept = String::from_utf8_lossy(&text[..TEXT_KEPT]).into_owned();
    // A character cut in two shows as U+FFFD at the end: drop it.
    if kept.ends_with('\u{FFFD}') {
        kept.pop();
    }
    format!("{kept}... ({} bytes in all)", text.len())
}

/// An error body kept as it arrives, in at most `limit` bytes whatever its length, so that an
/// envelope's `code` is read even after a message of any size. A JSON body (its first byte
/// past white space a `{`) keeps its structure whole and every string longer than
/// [`ERROR_TEXT_LIMIT`] bytes cut as [`capped_text`] cuts one, its length noted inside the
/// string: the result is still JSON. Anything else keeps its first `limit` bytes. Either is
/// [`full`](Self::full) past `limit` kept bytes, when it is cut and reading may stop.
#[cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]
#[derive(Debug)]
pub(crate) struct ErrorBody {
    out: Vec<u8>,
    limit: usize,
    /// None before the first byte past white space; then whether the body is JSON.
    json: Option<bool>,
    full: bool,
    /// Inside a JSON string: its raw bytes so far, where it is cut once past the limit (the
    /// first boundary past [`TEXT_KEPT`] raw bytes), and whether the rest is dropped.
    string: Option<Cut>,
}

#[cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]
#[derive(Debug, Default)]
struct Cut {
    raw: u64,
    cut_at: Option<usize>,
    dropping: bool,
    /// The escape being read: a backslash seen (`Some(0)`), then the hex digits of `\u` (1 to 4).
    escape: Option<u8>,
    hex: u16,
    /// The last escape was a high surrogate: the low one must stay with it.
    high: bool,
}

#[cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]
impl ErrorBody {
    pub(crate) fn new(limit: usize) -> Self {
        ErrorBody { out: Vec::new(), limit, json: None, full: false, string: None }
    }

    /// True once `limit` bytes are kept: the body is cut there.
    pub(crate) fn full(&self) -> bool {
        self.full
    }

    /// Takes in the next part of the body.
    pub(crate) fn push(&mut self, part: &[u8]) {
        for &b in part {
            if self.full {
                return;
            }
            if self.json.is_none() && !b.is_ascii_whitespace() {
                self.json = Some(b == b'{');
            }
            if self.json == Some(true) {
                self.json_byte(b);
            } else {
                self.out.push(b);
            }
            if self.out.len() >= self.limit {
                self.out.truncate(self.limit);
                self.full = true;
            }
        }
    }

    /// One byte of a JSON body.
    fn json_byte(&mut self, b: u8) {
        let Some(s) = &mut self.string else {
            if b == b'"' {
                self.string = Some(Cut::default());
            }
            self.out.push(b);
            return;
        };
        if s.escape.is_none() && b == b'"' {
            if s.dropping {
                self.out.extend_from_slice(format!("... ({} bytes in all)", s.raw).as_bytes());
            }
            self.string = None;
            self.out.push(b);
            return;
        }
        // A character or an escape starts here: the string may be cut before it.
        let starts = s.escape.is_none() && (b & 0xC0) != 0x80;
        if starts && s.cut_at.is_none() && !s.high && s.raw >= TEXT_KEPT as u64 {
            s.cut_at = Some(self.out.len());
        }
        if starts {
            s.high = false;
        }
        match (s.escape, b) {
            (None, b'\\') => s.escape = Some(0),
            (None, _) => {}
            (Some(0), b'u') => (s.escape, s.hex) = (Some(1), 0),
            (Some(0), _) => s.escape = None,
            (Some(n), _) => {
                let digit = (b as char).to_digit(16).unwrap_or(0) as u16;
                s.hex = (s.hex << 4) | digit;
                s.escape = if n == 4 { None } else { Some(n + 1) };
                s.high = n == 4 && (0xD800..0xDC00).contains(&s.hex);
            }
        }
        s.raw += 1;
        if !s.dropping && s.raw > ERROR_TEXT_LIMIT as u64 {
            // Longer than the limit: cut where the kept part ends, and drop the rest.
            self.out.truncate(s.cut_at.unwrap_or(self.out.len()));
            s.dropping = true;
        }
        if !s.dropping {
            self.out.push(b);
        }
    }

    /// The body as kept.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// An error and its causes, `outer: inner: innermost`: reqwest's "error sending request"
/// alone hides the reason ("scheme is not http"), which is two sources down. A cause the text
/// already says (an error that prints its own causes) is not said again.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        let c = cause.to_string();
        if !text.contains(&c) {
            text.push_str(": ");
            text.push_str(&c);
        }
        next = cause.source();
    }
    text
}

/// No `source()`: `Display` already prints the whole cause chain (a program that only prints
/// `{e}` says why a connection failed), and an error that both prints its cause and returns
/// it has every cause twice in a report that walks `source()` (anyhow, eyre), as the Rust
/// error-handling guidelines warn. The cause itself is the variant's field
/// (`Error::Transport(e)`: `e.downcast_ref::<std::io::Error>()`).
impl std::error::Error for Error {}

/// A `Retry-After` value: delay-seconds, or an HTTP date (IMF-fixdate) from which the wait
/// to that moment is computed; a date in the past is no wait.
pub fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    // Delay-seconds too large for a number is still a wait, the longest there is (past any
    // `max_wait`: the caller's at once), not a missing header.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::MAX);
    }
    let at = http_date(value)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the epoch of `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = u64::try_from(MONTHS.iter().position(|m| m == month)?).ok()? + 1;
    let (day, year): (u64, u64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else { return None };
    // A four-digit year, as IMF-fixdate has it: no date a server sends can overflow below.
    if !(1..=31).contains(&day) || !(1970..=9999).contains(&year) || *h > 23 || *m > 59 || *sec > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm), shifted so March starts the year;
    // checked all the same, so that no input can wrap or panic.
    let (y, mo) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era.checked_mul(146_097)?.checked_add(doe)?.checked_sub(719_468)?;
    days.checked_mul(86_400)?.checked_add(h * 3600 + m * 60 + sec)
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates_count_from_the_epoch() {
        assert_eq!(super::http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(super::http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(super::http_date("Thu, 01 Jan 1970 00:00:00 UTC"), None);
    }

    #[test]
    fn far_dates_neither_wrap_nor_panic() {
        assert_eq!(super::http_date("Fri, 31 Dec 9999 23:59:59 GMT"), Some(253_402_300_799));
        assert_eq!(super::http_date("Fri, 31 Dec 18446744073709551615 23:59:59 GMT"), None);
        assert_eq!(super::http_date("Fri, 31 Dec 99999999999 23:59:59 GMT"), None);
        let far = super::retry_after("Fri, 31 Dec 9999 23:59:59 GMT").expect("a wait");
        assert!(far.as_secs() > 200_000_000_000, "{far:?}");
    }
}
