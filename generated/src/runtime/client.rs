//! An async client on `reqwest` (cargo feature `reqwest`): sends request values with a bearer
//! token, honours `Retry-After` on throttling with a bounded retry, and walks collection pages.
//!
//! A [`TokenProvider`] (a closure returning a future, or any type implementing the trait) hands
//! out access tokens and does its own caching; the `auth` feature's `runtime::auth` has the
//! sign-in flows (client credentials, certificate, device code, refresh tokens) as providers.
//!
//! TLS: the `reqwest` feature reaches `https://graph.microsoft.com` as it is, with rustls on the
//! *ring* provider and Mozilla's root certificates compiled in (`webpki-roots`), so a machine
//! with no CA bundle installed connects too; the system's certificate store is not read (for a
//! private root CA, add it to [`http_builder`] and pass the builder to [`Client::with_http`]).
//! `reqwest-rustls` is an old name of `reqwest`.
//!
//! Every request is bounded in time ([`Timeouts`]: 30 s to connect, 100 s for a whole request
//! as the official SDKs have it, 30 s of silence while a body arrives), so a server that never
//! answers, stalls or drips ends in an [`Error::Transport`], never a hang.
//!
//! `reqwest-no-tls` is the same client without a TLS stack, a lighter build for loopback tests
//! or a TLS-terminating proxy on plain http. Sending to an https URL with it fails before
//! anything goes out, with an [`Error::Transport`] that names the `reqwest` feature; unless a
//! `reqwest::ClientBuilder` with TLS of your own was passed to [`Client::with_http`].

use super::error::BoxError;
use super::page::{Page, Walk};
use super::response::{read, Answer, Collection, ResponseKind};
use super::upload::SessionStatus;
use super::{Batch, BatchAnswers, Cloud, Delta, DeltaSync, Error, Request, Upload, UploadStep, UploadTarget};
#[path = "body.rs"]
mod body;

pub use body::Download;
use body::{read_all, timed_out, transport, ERROR_BODY_LIMIT};
use futures_util::Stream;
use std::future::Future;
use std::ops::Range;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, ReadBuf};

/// [`Client::with_body_limit`] by default: 256 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 256 << 20;

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + 'a>>;

/// Hands out an access token for each request (retries and pages ask again).
pub trait TokenProvider: Send + Sync {
    fn token(&self) -> TokenFuture<'_>;

    /// The service refused the token (401) with this `WWW-Authenticate` challenge: true has
    /// the request sent once more, with a new token (a claims challenge under Continuous
    /// Access Evaluation: `runtime::auth`'s credentials ask for one with those claims). The
    /// default declines.
    fn on_unauthorized(&self, challenge: &str) -> bool {
        let _ = challenge;
        false
    }
}

/// A provider's error as the client reports it: a runtime [`Error`] the provider returned (a
/// sign-in's unreachable endpoint is [`Error::Transport`]) as it is, anything else as
/// [`Error::Token`].
fn token_error(e: BoxError) -> Error {
    match e.downcast::<Error>() {
        Ok(e) => *e,
        Err(e) => Error::Token(e),
    }
}

/// A token fixed up front: tests, scripts, tokens from the environment.
#[derive(Clone)]
pub struct StaticToken(pub String);

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}

/// How throttled (429) and unavailable (503, 504) answers are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retrying off.
    pub max_retries: u32,
    /// The wait when the service sends no `Retry-After` (or 0, or a date past); doubled on
    /// each retry.
    pub backoff: Duration,
    /// No single wait is longer: a `Retry-After` asking for more is not waited for (nor retried
    /// before its time), its error goes to the caller, whose `retry_after()` says how long.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, backoff: Duration::from_secs(1), max_wait: Duration::from_secs(60) }
    }
}

/// How long the client waits (set with [`Client::with_timeouts`]). A request that runs out of
/// time is an [`Error::Transport`] whose source is an `std::io::Error` of kind `TimedOut`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Connecting to a host (TCP and TLS).
    pub connect: Duration,
    /// One request from sending it to the last byte of its answer: 100 s by default, as the
    /// official SDKs have it. For a [`Client::download`], until the status and headers are in
    /// (the body of a large file may take longer: `read_idle` guards it).
    pub request: Duration,
    /// The longest silence while the body of an answer arrives.
    pub read_idle: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { connect: Duration::from_secs(30), request: Duration::from_secs(100), read_idle: Duration::from_secs(30) }
    }
}

/// The `reqwest::ClientBuilder` that [`Client::new`] builds on: redirects are not followed by
/// reqwest (the client follows them itself, so that the token provably stays with the service's
/// origin: a download answers 302 to a storage host) and, with the `reqwest` feature, TLS is
/// rustls on ring with Mozilla's roots. Add a proxy or roots of your own and pass the builder
/// to [`Client::with_http`]. (Where only this crate turns on reqwest's TLS,
/// `reqwest::Client::new()` panics for want of a rustls crypto provider: start from here.)
pub fn http_builder() -> reqwest::ClientBuilder {
    let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
    #[cfg(feature = "reqwest")]
    let builder = builder.tls_backend_preconfigured(tls::config());
    builder
}

/// rustls set up here rather than by reqwest: reqwest's own `rustls` feature brings the
/// aws-lc-rs provider (a large C build) and the platform verifier (which fails on a machine
/// without a CA bundle); this is ring and the roots compiled into `webpki-roots`.
#[cfg(feature = "reqwest")]
mod tls {
    use std::sync::Arc;

    pub fn config() -> rustls::ClientConfig {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring does TLS 1.2 and 1.3")
            .with_root_certificates(roots)
            .with_no_client_auth();
        // As reqwest sets it for its own rustls config without its `http2` feature.
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        config
    }
}

/// Sending to `url` needs TLS the client was built without: the error that says which feature
/// to turn on. `has_tls` is false only for the crate's own `reqwest` client under
/// `reqwest-no-tls` (a client passed to `with_http` may bring TLS of its own).
fn without_tls(url: &http::Uri, has_tls: bool) -> Option<Error> {
    let https = url.scheme_str().is_some_and(|s| s.eq_ignore_ascii_case("https"));
    (https && !has_tls).then(|| Error::Transport(no_tls_message(&url.to_string()).into()))
}

/// What [`without_tls`] says.
fn no_tls_message(url: &str) -> String {
    let name = env!("CARGO_PKG_NAME");
    format!(
        "cannot send to {url}: this build of {name} has no TLS (feature `reqwest-no-tls`); turn on the \
         `reqwest` feature of {name} for rustls, or pass a reqwest::Client with TLS to Client::with_http"
    )
}

#[derive(Clone)]
pub struct Client {
    /// The error is kept for the first send: [`Client::new`] cannot fail.
    http: Result<reqwest::Client, Arc<reqwest::Error>>,
    /// False for the crate's own client under `reqwest-no-tls`: https is refused up front.
    tls: bool,
    root: String,
    token: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    timeouts: Timeouts,
    /// At most this many pages in one walk (`pages`, `all`, `sync`).
    page_limit: Option<usize>,
    /// At most this many bytes in one answer read whole.
    body_limit: usize,
    /// True while `http` is the crate's own client, rebuilt when the timeouts change.
    own: bool,
}

/// A reqwest client from `builder`, with the redirect policy the client relies on (it follows
/// redirects itself) and the connect timeout, whatever the builder said.
fn build(builder: reqwest::ClientBuilder, timeouts: &Timeouts) -> Result<reqwest::Client, Arc<reqwest::Error>> {
    builder.redirect(reqwest::redirect::Policy::none()).connect_timeout(timeouts.connect).build().map_err(Arc::new)
}

impl Client {
    /// A client for the global cloud and this crate's API version, on [`http_builder`].
    pub fn new(token: impl TokenProvider + 'static) -> Self {
        let timeouts = Timeouts::default();
        Client {
            http: build(http_builder(), &timeouts),
            tls: cfg!(feature = "reqwest"),
            root: Cloud::Global.root(crate::API_VERSION),
            token: Arc::new(token),
            retry: RetryPolicy::default(),
            timeouts,
            page_limit: None,
            body_limit: DEFAULT_BODY_LIMIT,
            own: true,
        }
    }

    pub fn with_cloud(mut self, cloud: Cloud) -> Self {
        self.root = cloud.root(crate::API_VERSION);
        self
    }

    /// Any service root: `https://graph.microsoft.com/beta`, a proxy, a test server.
    pub fn with_root(mut self, root: impl Into<String>) -> Self {
        self.root = root.into().trim_end_matches('/').to_string();
        self
    }

    /// Send through a `reqwest::Client` built from a builder of your own (a proxy, roots of
    /// your own); start from [`http_builder`] to keep its TLS setup. Whatever the builder says,
    /// reqwest follows no redirect (the client does, keeping the token and the method's
    /// meaning) and connects within [`Timeouts::connect`] as set so far: call
    /// [`with_timeouts`](Self::with_timeouts) first to change it. A builder that fails to build
    /// fails the first send with its error.
    pub fn with_http(mut self, http: reqwest::ClientBuilder) -> Self {
        self.http = build(http, &self.timeouts);
        self.own = false;
        // Its TLS is its own business: an https URL goes to it whatever this crate's features.
        self.tls = true;
        self
    }

    /// How long to wait: to connect, for a whole request, and for the next bytes of a body
    /// ([`Timeouts`]; 30 s, 100 s and 30 s by default).
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        if self.own {
            self.http = build(http_builder(), &timeouts);
        }
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// At most `limit` pages in one walk (`pages`, `all`, `sync`): a walk that would read
    /// more ends with [`Error::Paging`] after the last page allowed. None (the default) is
    /// no limit beyond the walk's own checks (a link back to a page already read, one off the
    /// service root).
    pub fn with_page_limit(mut self, limit: Option<usize>) -> Self {
        self.page_limit = limit;
        self
    }

    /// At most `bytes` in one answer read whole (`send`, pages, batches, an upload's answers;
    /// 256 MiB by default): a longer one, by its `Content-Length` or as it arrives, ends in an
    /// [`Error::Transport`] once past the limit, never held whole. Decompressed bytes count,
    /// where reqwest's decompression is on. A [`Download`] is a stream, not bound by it.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    /// Send a request and read its answer as the documented type.
    pub async fn send<K: ResponseKind>(&self, request: &Request<K>) -> Result<K::Output, Error> {
        // Boxed: the nested futures of a large model (a `driveItem`) overflow a test thread's
        // stack when they sit inline.
        Ok(Box::pin(self.send_full(request)).await?.value)
    }

    /// [`send`](Self::send), keeping the status and headers of the answer (`ETag`,
    /// `Location`, `request-id`). Redirects are followed (up to five; see
    /// [`Request::follow_redirect`]: a 307/308 sends the same method and body again, a 301/302/303
    /// of a write is [`Error::Redirect`]); the token goes only to the service root's origin,
    /// never to the host a redirect points to.
    pub async fn send_full<K: ResponseKind>(&self, request: &Request<K>) -> Result<Answer<K::Output>, Error> {
        let response = Box::pin(self.follow(request, false)).await?;
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let body = self.body(response).await?;
        let value = read::<K>(status, &headers, &body)?;
        Ok(Answer { status, headers, value })
    }

    /// The body of an answer as it arrives, a [`Download`]: a `Stream` of `bytes::Bytes`
    /// chunks, never held whole (`.../content`, `$value`, a report; any request, its body
    /// unread). It is sent as [`send`](Self::send) sends it: redirects followed (a file's
    /// content answers 302 to a pre-authenticated storage URL, which gets no token),
    /// throttling retried, and an error status is the [`Error`] here, before any byte of the
    /// body. [`Download::to_vec`] collects it.
    pub async fn download<K: ResponseKind>(&self, request: &Request<K>) -> Result<Download, Error> {
        let response = Box::pin(self.follow(request, true)).await?;
        Ok(Download::new(response, self.timeouts.read_idle))
    }

    /// The request sent, redirects followed (up to five; the token only to the service root's
    /// origin), throttling retried: the success answer, its body not read yet.
    /// `streamed`: the body will be read as a stream, not bound by [`Timeouts::request`].
    async fn follow<K: ResponseKind>(&self, request: &Request<K>, streamed: bool) -> Result<reqwest::Response, Error> {
        let url = request.url(&self.root);
        // A next-page link is absolute; the token goes to the service root's origin only.
        if !self.is_service(&url) {
            return Err(Error::Transport(format!("refusing to send the token to {url}: not under {}", self.root).into()));
        }
        let mut redirected: Option<Request<K>> = None;
        let mut with_token = true;
        for _ in 0..=5 {
            let current = redirected.as_ref().unwrap_or(request);
            match Box::pin(self.open(current, with_token, streamed)).await {
                Err(Error::Redirect { status, location }) => {
                    // RFC 3986 resolution against the URL asked (`next`, `../x`, `//host/x`).
                    let from = current.url(&self.root);
                    let resolved = reqwest::Url::parse(&from).and_then(|base| base.join(&location));
                    let Ok(target) = resolved.map(String::from) else { return Err(Error::Redirect { status, location }) };
                    with_token = self.is_service(&target);
                    redirected = Some(current.follow_redirect(status, &target)?);
                }
                done => return done,
            }
        }
        Err(Error::Transport(format!("more than five redirects from {url}").into()))
    }

    /// True when `url` is under the service root, where the token may go.
    fn is_service(&self, url: &str) -> bool {
        super::request::under_root(url, &self.root)
    }

    /// One exchange on the wire, whatever the status; the body not read yet.
    async fn respond<K: ResponseKind>(&self, request: &Request<K>, with_token: bool, streamed: bool) -> Result<reqwest::Response, Error> {
        self.execute(request.to_http(&self.root)?, with_token, streamed).await
    }

    /// [`respond`](Self::respond) for a request already in HTTP terms.
    /// The answer must begin within [`Timeouts::request`]; unless `streamed`, it must also end
    /// within it.
    async fn execute(
        &self,
        http: http::Request<impl Into<reqwest::Body>>,
        with_token: bool,
        streamed: bool,
    ) -> Result<reqwest::Response, Error> {
        if let Some(e) = without_tls(http.uri(), self.tls) {
            return Err(e);
        }
        let client = self.http.as_ref().map_err(|e| Error::Transport(Box::new(e.clone())))?;
        let mut outgoing = reqwest::Request::try_from(http).map_err(|e| Error::Transport(e.into()))?;
        identify(outgoing.headers_mut());
        if with_token {
            let token = self.token.token().await.map_err(token_error)?;
            let bearer = format!("Bearer {token}").parse().map_err(|e: http::header::InvalidHeaderValue| Error::Token(e.into()))?;
            outgoing.headers_mut().insert(http::header::AUTHORIZATION, bearer);
        }
        let limit = self.timeouts.request;
        if !streamed {
            *outgoing.timeout_mut() = Some(limit);
        }
        let url = outgoing.url().to_string();
        match tokio::time::timeout(limit, client.execute(outgoing)).await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(e)) if e.is_timeout() => Err(timed_out(format!("no answer from {url} within {limit:?}"))),
            Ok(Err(e)) => Err(transport(e)),
            Err(_) => Err(timed_out(format!("no answer from {url} within {limit:?}"))),
        }
    }

    /// The whole body of a success, each part within [`Timeouts::read_idle`] of the last (the
    /// whole within [`Timeouts::request`], which `execute` set on the request), at most
    /// [`with_body_limit`](Self::with_body_limit) bytes.
    async fn body(&self, response: reqwest::Response) -> Result<bytes::Bytes, Error> {
        read_all(response, self.timeouts.read_idle, self.body_limit, false).await
    }

    /// The body of an error answer: its first MiB at most (enough for any envelope; a longer one
    /// is cut, read as an unexpected status, and its text capped).
    async fn error_body(&self, response: reqwest::Response) -> Result<bytes::Bytes, Error> {
        read_all(response, self.timeouts.read_idle, self.body_limit.min(ERROR_BODY_LIMIT), true).await
    }

    /// A large upload of `data` through an upload session: the generated
    /// `models::UploadSession` that `createUploadSession` answers, or its `upload_url` alone
    /// (any [`UploadTarget`]). [`upload_from`](Self::upload_from) with the slice as the
    /// reader; `progress(sent, total)` after each chunk.
    pub async fn upload<T: serde::de::DeserializeOwned>(
        &self,
        session: &(impl UploadTarget + ?Sized),
        data: &[u8],
        chunk: usize,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<T, Error> {
        let total = data.len();
        let progress = |sent: u64, _| progress(usize::try_from(sent).unwrap_or(total), total);
        self.upload_from(session, data, total as u64, chunk, progress).await
    }

    /// A large upload through an upload session (the generated `models::UploadSession`, or an
    /// upload URL: any [`UploadTarget`]) of `len` bytes from `reader` (a `tokio::fs::File`, a
    /// socket; `&[u8]` too), read one chunk at a time and never held whole: ranged `PUT`s of
    /// about `chunk` bytes (a multiple of 320 KiB), from the first range the session expects,
    /// `progress(sent, total)` after each. After a failed chunk the session is asked what it
    /// still expects and the upload resumes there (as often as the retry policy allows in a
    /// row), which must be within the chunk in hand or after it: a reader does not go back.
    /// The token goes only to the service's origin; the upload URL carries its own
    /// authorization. A reader that fails, or ends before `len`, is an [`Error::Transport`].
    pub async fn upload_from<T, R>(
        &self,
        session: &(impl UploadTarget + ?Sized),
        reader: R,
        len: u64,
        chunk: usize,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<T, Error>
    where
        T: serde::de::DeserializeOwned,
        R: AsyncRead + Unpin,
    {
        let mut up = Upload::for_session(session, len, chunk)?;
        // Absolute, as upload URLs are; one below the root would be joined to it.
        let url = up.status_request::<SessionStatus>().url(&self.root);
        let with_token = self.is_service(&url);
        let mut source = Chunks { reader, start: 0, held: bytes::Bytes::new() };
        // Progress is a byte the session never had before: the furthest start reached. Failed
        // chunks and answers that do not pass it count against the retry policy, so a session
        // that never advances ends the upload after a bounded number of PUTs.
        let mut furthest = up.sent();
        let mut stalled = 0;
        loop {
            let range = up.next_range();
            if range.is_empty() {
                let at = up.sent();
                return Err(up.error(format!("the session expects nothing after byte {at} of {len}, yet answered no item")));
            }
            // The chunk goes as it was read, shared, not copied (`Upload::chunk_request` copies).
            let bytes = source.range(range).await?;
            let put = http::Request::builder()
                .method(http::Method::PUT)
                .uri(url.as_str())
                .header(http::header::CONTENT_TYPE, "application/octet-stream")
                .header(http::header::CONTENT_RANGE, up.content_range(bytes.len() as u64))
                .body(bytes)
                .map_err(|e| Error::Transport(e.into()))?;
            let step = match self.execute(put, with_token, false).await {
                Ok(response) => {
                    let (status, headers) = (response.status().as_u16(), response.headers().clone());
                    match self.body(response).await {
                        Ok(body) => up.read::<T>(status, &headers, &body),
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
            match step {
                Ok(UploadStep::Done(item)) => {
                    progress(len, len);
                    return Ok(item);
                }
                Ok(UploadStep::Continue { sent }) => {
                    progress(sent, len);
                    if sent > furthest {
                        (furthest, stalled) = (sent, 0);
                    } else if stalled < self.retry.max_retries {
                        stalled += 1;
                    } else {
                        return Err(up.error(format!("no progress past byte {furthest} of {len} in {} answers", stalled + 1)));
                    }
                }
                // An upload that cannot go on (a range backward or beyond the end) is not retried.
                Err(e @ Error::Upload { .. }) => return Err(e),
                Err(e) if stalled < self.retry.max_retries => {
                    stalled += 1;
                    if e.is_retryable() {
                        // Throttled: the same chunk again after the wait the service asks for.
                        let Some(wait) = self.wait(e.retry_after(), stalled - 1) else { return Err(e) };
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    let status: SessionStatus = self.send_once(&up.status_request(), with_token).await?;
                    up.resume(&status)?;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// How long to wait before retry number `attempt` (from 0) after an answer that asked for
    /// `retry_after`: that, else (none, 0, a date past) the doubling backoff. None when the
    /// service asks for longer than the policy's `max_wait`: a retry before its time would be
    /// refused again, so the error goes to the caller, its `retry_after()` saying how long.
    fn wait(&self, retry_after: Option<Duration>, attempt: u32) -> Option<Duration> {
        let backoff = self.retry.backoff.saturating_mul(2u32.saturating_pow(attempt));
        match retry_after.filter(|d| !d.is_zero()) {
            Some(asked) if asked > self.retry.max_wait => None,
            Some(asked) => Some(asked),
            None => Some(backoff.min(self.retry.max_wait)),
        }
    }

    /// One request, retried on throttling, its answer read as `K`; with the token or without it.
    async fn send_once<K: ResponseKind>(&self, request: &Request<K>, with_token: bool) -> Result<K::Output, Error> {
        let response = Box::pin(self.open(request, with_token, false)).await?;
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let body = self.body(response).await?;
        read::<K>(status, &headers, &body)
    }

    /// One request, retried on throttling (429, 503, 504) and sent once more after a claims
    /// challenge; with the token or without it. A success is returned with its body unread;
    /// any other status is read into its [`Error`] (a redirect is [`Error::Redirect`]).
    async fn open<K: ResponseKind>(&self, request: &Request<K>, with_token: bool, streamed: bool) -> Result<reqwest::Response, Error> {
        let mut attempt = 0;
        let mut challenged = false;
        loop {
            let response = Box::pin(self.respond(request, with_token, streamed)).await?;
            if response.status().is_success() {
                return Ok(response);
            }
            let (status, headers) = (response.status().as_u16(), response.headers().clone());
            let body = self.error_body(response).await?;
            // A claims challenge is answered once per request; a second 401 is the error.
            if status == 401 && with_token && !challenged {
                let challenge = headers.get(http::header::WWW_AUTHENTICATE).and_then(|v| v.to_str().ok());
                if challenge.is_some_and(|c| self.token.on_unauthorized(c)) {
                    challenged = true;
                    continue;
                }
            }
            // Every status outside 2xx is an error.
            let error = Error::from_status(status, &headers, &body).unwrap_or_else(|| Error::UnexpectedStatus {
                status,
                body: super::error::capped_text(&body),
                retry_after: None,
            });
            if !(error.is_retryable() && attempt < self.retry.max_retries) {
                return Err(error);
            }
            let Some(wait) = self.wait(error.retry_after(), attempt) else { return Err(error) };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Sends a batch (one `$batch` request per 20) and reads every answer by id; requests
    /// the service throttled inside the batch (429, 503) are sent again after the longest
    /// `Retry-After` among them, as often as the retry policy allows.
    ///
    /// When a `$batch` fails after others ran, the error is [`Error::Batch`] with the answers
    /// of those that ran. An answer whose id was not sent in that `$batch`, or that repeats an
    /// id, is an error (the throttled ids retried are only those sent).
    pub async fn batch(&self, batch: &Batch) -> Result<BatchAnswers, Error> {
        let mut all = BatchAnswers::default();
        for request in batch.requests() {
            let answers = self.send_batch(&request).await;
            all = merged(all, answers)?;
        }
        for attempt in 0..self.retry.max_retries {
            let (ids, wait) = all.throttled();
            if ids.is_empty() {
                break;
            }
            // Asked to wait past the longest wait: the throttled answers are the caller's.
            let Some(wait) = self.wait(wait, attempt) else { break };
            tokio::time::sleep(wait).await;
            for request in batch.only(&ids).requests() {
                let answers = self.send_batch(&request).await;
                all = merged(all, answers)?;
            }
        }
        Ok(all)
    }

    /// One `$batch`, its answers checked against the ids it carried.
    async fn send_batch(&self, request: &Request<super::Json<BatchAnswers>>) -> Result<BatchAnswers, Error> {
        let answers = self.send(request).await?;
        let body: serde_json::Value = request.body().and_then(|b| serde_json::from_slice(b).ok()).unwrap_or_default();
        let sent: Vec<&str> = body["requests"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        for r in &answers.responses {
            if !sent.contains(&r.id.as_str()) {
                let id: String = r.id.chars().take(64).collect();
                return Err(Error::Transport(format!("the $batch answered id {id:?}, which it was not sent").into()));
            }
            if !seen.insert(r.id.as_str()) {
                return Err(Error::Transport(format!("the $batch answered id {} twice", r.id).into()));
            }
        }
        Ok(answers)
    }

    /// A delta walk to its `@odata.deltaLink` (see [`Request::sync`](crate::runtime::Request::sync));
    /// start the next one with `Request::resume(&sync.delta_link)`.
    pub async fn sync<T: serde::de::DeserializeOwned>(&self, first: Request<Delta<T>>) -> Result<DeltaSync<T>, Error> {
        let mut out = DeltaSync::default();
        let mut walk = Walk::new(&self.root, &first).limited(self.page_limit);
        let mut request = first;
        loop {
            let page = self.send(&request).await?;
            match out.absorb(&request, page) {
                Some(next) => request = walk.admit(next?)?,
                None => return Ok(out),
            }
        }
    }

    /// Every page of a collection, in order, following `@odata.nextLink`.
    pub fn pages<T>(&self, first: Request<Collection<T>>) -> impl Stream<Item = Result<Page<T>, Error>> + '_
    where
        Collection<T>: ResponseKind<Output = Page<T>>,
        T: 'static,
    {
        // A next link that loops back or leaves the root ends the walk with an error, after
        // the page that held it.
        let walk = Walk::new(&self.root, &first).limited(self.page_limit);
        futures_util::stream::try_unfold((Ok(Some(first)), walk), move |(next, mut walk)| async move {
            let Some(request) = next? else { return Ok(None) };
            let page = self.send(&request).await?;
            let next = request.next_in_walk(&page, &mut walk).transpose();
            Ok(Some((page, (next, walk))))
        })
    }

    /// Every item of every page.
    pub async fn all<T>(&self, first: Request<Collection<T>>) -> Result<Vec<T>, Error>
    where
        Collection<T>: ResponseKind<Output = Page<T>>,
        T: 'static,
    {
        use futures_util::TryStreamExt;
        let pages: Vec<Page<T>> = self.pages(first).try_collect().await?;
        Ok(pages.into_iter().flat_map(|p| p.value).collect())
    }
}

/// An upload's bytes as its reader gives them: the chunk in hand, from byte `start`, read
/// on as the upload asks for later ranges. A range before the chunk in hand cannot be read
/// again. The chunk is shared with the `PUT` that carries it: one chunk in memory.
struct Chunks<R> {
    reader: R,
    start: u64,
    held: bytes::Bytes,
}

impl<R: AsyncRead + Unpin> Chunks<R> {
    /// The bytes of `range`: from the chunk in hand, read on, or after skipping ahead.
    async fn range(&mut self, range: Range<u64>) -> Result<bytes::Bytes, Error> {
        if range.start < self.start {
            let (at, held) = (range.start, self.start);
            let message = format!(
                "the upload session expects byte {at} again, before the chunk in hand (from byte {held}): the reader cannot go back"
            );
            return Err(Error::Transport(message.into()));
        }
        let offset = |at: u64| usize::try_from(at - self.start).unwrap_or(usize::MAX);
        let held_end = self.start + self.held.len() as u64;
        if range.end <= held_end {
            return Ok(self.held.slice(offset(range.start)..offset(range.end)));
        }
        // What the chunk in hand has of the range (after a failed chunk), then read on.
        let kept = if range.start < held_end { self.held.slice(offset(range.start)..) } else { bytes::Bytes::new() };
        self.held = bytes::Bytes::new();
        let mut at = held_end;
        let mut scratch = Vec::new();
        while at < range.start {
            // Ahead of the chunk in hand (a session that already has the start): read and drop.
            let n = usize::try_from(range.start - at).unwrap_or(usize::MAX).min(super::CHUNK_UNIT);
            scratch.resize(n, 0);
            self.read_exact(&mut scratch, at).await?;
            at += n as u64;
        }
        drop(scratch);
        let want = usize::try_from(range.end - range.start).map_err(|e| Error::Transport(e.into()))?;
        let mut chunk = vec![0u8; want];
        chunk[..kept.len()].copy_from_slice(&kept);
        let from = kept.len();
        drop(kept);
        self.read_exact(&mut chunk[from..], range.start + from as u64).await?;
        (self.start, self.held) = (range.start, bytes::Bytes::from(chunk));
        Ok(self.held.clone())
    }

    /// Fills `buf` from the reader, whose next byte is byte `at` of the upload.
    async fn read_exact(&mut self, buf: &mut [u8], at: u64) -> Result<(), Error> {
        let mut filled = 0;
        while filled < buf.len() {
            let (reader, rest) = (&mut self.reader, &mut buf[filled..]);
            let n = std::future::poll_fn(|cx| {
                let mut rest = ReadBuf::new(&mut *rest);
                Pin::new(&mut *reader).poll_read(cx, &mut rest).map_ok(|()| rest.filled().len())
            })
            .await
            .map_err(|e| Error::Transport(e.into()))?;
            if n == 0 {
                let at = at + filled as u64;
                let e = std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("the upload's reader ended at byte {at}, before the length given"),
                );
                return Err(Error::Transport(e.into()));
            }
            filled += n;
        }
        Ok(())
    }
}

/// The answers so far with those of one more `$batch`; when it failed, its error with the
/// answers so far (whose requests ran).
fn merged(mut all: BatchAnswers, next: Result<BatchAnswers, Error>) -> Result<BatchAnswers, Error> {
    match next {
        Ok(answers) => {
            all.merge(answers);
            Ok(all)
        }
        Err(error) if all.responses.is_empty() => Err(error),
        Err(error) => Err(Error::Batch { answers: Box::new(all), error: Box::new(error) }),
    }
}

/// `User-Agent: <crate>/<version>` and a fresh `client-request-id` (a random UUID) on every
/// request that does not carry its own, as the official SDKs send them: the service logs the
/// id and echoes it in error envelopes (`InnerError::client_request_id`), so a failed call can
/// be found in its logs.
fn identify(headers: &mut http::HeaderMap) {
    const AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
    headers.entry(http::header::USER_AGENT).or_insert(http::HeaderValue::from_static(AGENT));
    if !headers.contains_key("client-request-id") {
        if let Ok(id) = http::HeaderValue::from_str(&request_id()) {
            headers.insert("client-request-id", id);
        }
    }
}

/// A version-4 UUID from the standard library's per-process random hash keys and a counter,
/// so no random-number crate is needed for an id that only has to be unique.
fn request_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let half = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(n);
        h.write_u64(salt);
        h.finish()
    };
    let bits =
        (u128::from(half(1)) << 64 | u128::from(half(2))) & !(0xf000u128 << 64) & !(0xcu128 << 60) | (0x4000u128 << 64) | (0x8u128 << 60);
    let h = format!("{bits:032x}");
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

#[cfg(test)]
mod tests {
    use super::*;

    // Compiled with the TLS build too (CI's), though only `reqwest-no-tls` takes this path.
    #[test]
    fn an_https_url_without_tls_is_refused_naming_the_feature() {
        let url: http::Uri = "https://graph.microsoft.com/v1.0/me".parse().unwrap();
        let refused = without_tls(&url, false).expect("refused");
        let text = refused.to_string();
        assert!(matches!(refused, Error::Transport(_)), "{refused:?}");
        assert!(text.contains("https://graph.microsoft.com/v1.0/me"), "{text}");
        assert!(text.contains("`reqwest` feature"), "{text}");
        assert!(text.contains("reqwest-no-tls"), "{text}");
        assert!(without_tls(&url, true).is_none());
        let plain: http::Uri = "http://127.0.0.1:8080/v1.0/me".parse().unwrap();
        assert!(without_tls(&plain, false).is_none());
    }

    #[test]
    fn the_crate_s_own_client_has_tls_exactly_with_the_reqwest_feature() {
        let client = Client::new(StaticToken("t".into()));
        assert_eq!(client.tls, cfg!(feature = "reqwest"));
        assert!(client.http.is_ok(), "{:?}", client.http.err());
        assert!(client.with_http(http_builder()).tls, "a client of your own brings its own TLS");
    }
}
