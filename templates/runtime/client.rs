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

use super::delta::Gathering;
use super::page::{Page, Walk};
use super::response::{read_owned, Answer, Collection, ResponseKind};
use super::{Batch, BatchAnswers, Cloud, Delta, DeltaSync, Error, Request, Upload, UploadStep, UploadTarget};
// The client's parts, by what they do; each adds to `impl Client`.
#[path = "batching.rs"]
mod batching;
#[path = "body.rs"]
mod body;
#[path = "redirect.rs"]
mod redirect;
#[path = "retry.rs"]
mod retry;
#[path = "token.rs"]
mod token;
#[path = "transport.rs"]
mod transport;
#[path = "uploading.rs"]
mod uploading;

pub use body::Download;
use body::{read_all, read_error};
use futures_util::Stream;
pub use retry::{RetryPolicy, Retrying};
use std::sync::Arc;
pub use token::{NoToken, StaticToken, TokenFuture, TokenProvider};
use transport::build;
pub use transport::{http_builder, Timeouts};

/// [`Client::with_body_limit`] by default: 256 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 256 << 20;

/// The pages one walk reads at most unless [`Client::with_page_limit`] says otherwise: a
/// million users at 100 a page, ten million at the largest pages Graph serves.
pub const DEFAULT_PAGE_LIMIT: usize = 10_000;

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
    /// Headers every request carries unless it sets its own ([`Client::with_header`]).
    headers: http::HeaderMap,
    /// Told of each wait before a retry ([`Client::on_retry`]).
    on_retry: Option<RetryHook>,
}

/// What [`Client::on_retry`] keeps.
type RetryHook = Arc<dyn Fn(&Retrying) + Send + Sync>;

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
            page_limit: Some(DEFAULT_PAGE_LIMIT),
            body_limit: DEFAULT_BODY_LIMIT,
            own: true,
            headers: http::HeaderMap::new(),
            on_retry: None,
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

    /// The same client for another token provider: its connections, root and settings shared.
    /// A web app keeps one client and makes one per signed-in user from it
    /// (`client.clone().with_token(user_credential)`), not a connection pool per user.
    pub fn with_token(mut self, token: impl TokenProvider + 'static) -> Self {
        self.token = Arc::new(token);
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

    /// A header every request this client sends carries, unless the request sets its own: an
    /// Excel session's `workbook-session-id`, on a clone kept for the session's calls
    /// (`let in_session = client.clone().with_header("workbook-session-id", &id)?;`). Not on
    /// the inner requests of a `$batch` (each carries its own) nor on an upload session's
    /// `PUT`s, which go to another host. Fails when the name or value is not valid HTTP.
    pub fn with_header(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| Error::Invalid(format!("header name `{name}`: {e}")))?;
        let value = http::HeaderValue::from_str(value).map_err(|e| Error::Invalid(format!("value of header `{name}`: {e}")))?;
        self.headers.insert(name, value);
        Ok(self)
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Calls `f` before each wait the client takes to retry (a throttled or unavailable
    /// answer, throttled requests inside a `$batch`, an upload chunk), with what is retried,
    /// why and for how long: a program can say "throttled, waiting 2 s". It runs on the task
    /// that sends, so it should return at once.
    pub fn on_retry(mut self, f: impl Fn(&Retrying) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(f));
        self
    }

    /// At most `limit` pages in one walk (`pages`, `all`, `sync`): a walk that would read
    /// more ends with [`Error::Paging`] after the last page allowed. [`DEFAULT_PAGE_LIMIT`]
    /// (10,000) by default, so that a server whose next links never end cannot keep a walk
    /// (and the items `all` gathers) going forever; `None` is no limit beyond the walk's own
    /// checks (a link back to a page already read, one off the service root). A walk of more
    /// pages is rare: ask for bigger pages (`top`) first.
    pub fn with_page_limit(mut self, limit: Option<usize>) -> Self {
        self.page_limit = limit;
        self
    }

    /// The most pages one walk reads (see [`with_page_limit`](Self::with_page_limit)).
    pub fn page_limit(&self) -> Option<usize> {
        self.page_limit
    }

    /// At most `bytes` in one answer read whole (`send`, pages, batches, an upload's answers;
    /// 256 MiB by default): a longer one, by its `Content-Length` or as it arrives, ends in an
    /// [`Error::Transport`] once past the limit, never held whole. Decompressed bytes count,
    /// where reqwest's decompression is on. What a JSON answer decodes to may take at most as
    /// much again in memory (its items, lists and maps at any depth, its strings), else
    /// [`Error::Decode`]. An error answer is read up to the limit, at most 1 MiB of it held. A
    /// [`Download`] is a stream, not bound by it.
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
        let sent = |e: Error| e.sent(request.method(), &request.url(&self.root));
        let response = Box::pin(self.follow(request, false)).await.map_err(sent)?;
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let body = self.body(response).await?;
        let read = read_owned::<K>(status, &headers, body, self.body_limit);
        let value = read.map_err(|e| sent(e.undecoded(status, &headers)))?;
        Ok(Answer { status, headers, value })
    }

    /// The body of an answer as it arrives, a [`Download`]: a `Stream` of `bytes::Bytes`
    /// chunks, never held whole (`.../content`, `$value`, a report; any request, its body
    /// unread). It is sent as [`send`](Self::send) sends it: redirects followed (a file's
    /// content answers 302 to a pre-authenticated storage URL, which gets no token),
    /// throttling retried, and an error status is the [`Error`] here, before any byte of the
    /// body. [`Download::to_vec`] collects it.
    pub async fn download<K: ResponseKind>(&self, request: &Request<K>) -> Result<Download, Error> {
        let response = Box::pin(self.follow(request, true)).await.map_err(|e| e.sent(request.method(), &request.url(&self.root)))?;
        Ok(Download::new(response, &self.timeouts))
    }
    /// The whole body of a success, each part within [`Timeouts::read_idle`] of the last (the
    /// whole within [`Timeouts::request`], which `execute` set on the request), at most
    /// [`with_body_limit`](Self::with_body_limit) bytes.
    async fn body(&self, response: reqwest::Response) -> Result<Vec<u8>, Error> {
        read_all(response, self.timeouts.read_idle, self.body_limit).await
    }

    /// The body of an error answer as [`ErrorBody`](super::error::ErrorBody) keeps it: at most
    /// a MiB held, its strings capped, of at most the body limit read; enough to read an
    /// envelope's `code` after a message of any size.
    async fn error_body(&self, response: reqwest::Response) -> Result<Vec<u8>, Error> {
        read_error(response, self.timeouts.read_idle, self.body_limit).await
    }

    /// A delta walk to its `@odata.deltaLink` (see [`Request::sync`](crate::runtime::Request::sync));
    /// start the next one with `sync.resume()` (or, from a link stored between runs,
    /// `request.resume_at(&link)` on the query's own request).
    pub async fn sync<T: serde::de::DeserializeOwned + serde::Serialize>(&self, first: Request<Delta<T>>) -> Result<DeltaSync<T>, Error> {
        let mut out = Gathering::default();
        let mut walk = Walk::new(&self.root, &first).limited(self.page_limit);
        let mut request = first;
        loop {
            let page = self.send(&request).await?;
            match out.absorb(&request, page) {
                Some(next) => request = walk.admit(next?)?,
                None => return Ok(out.done()),
            }
        }
    }

    /// Every page of a collection, in order, following `@odata.nextLink`. The stream holds a
    /// clone of the client (its connections and token shared), not a borrow: a library can
    /// return it, store it or move it into `tokio::spawn`.
    pub fn pages<T>(&self, first: Request<Collection<T>>) -> impl Stream<Item = Result<Page<T>, Error>> + 'static
    where
        Collection<T>: ResponseKind<Output = Page<T>>,
        T: 'static,
    {
        // A next link that loops back or leaves the root ends the walk with an error, after
        // the page that held it.
        let walk = Walk::new(&self.root, &first).limited(self.page_limit);
        futures_util::stream::try_unfold((self.clone(), Ok(Some(first)), walk), |(client, next, mut walk)| async move {
            let Some(request) = next? else { return Ok(None) };
            let page = client.send(&request).await?;
            let next = request.next_in_walk(&page, &mut walk).transpose();
            Ok(Some((page, (client, next, walk))))
        })
    }

    /// Every item of every page, gathered in memory: at most the body limit of them
    /// ([`with_body_limit`](Self::with_body_limit), each item counted at its size in memory),
    /// past which the walk ends with [`Error::Paging`]; a larger collection is walked with
    /// [`pages`](Self::pages), a page at a time. (A server whose next links never end would
    /// otherwise fill memory long before the page limit.) An error ends the walk and the items
    /// read before it go with it; `pages` hands each page over as it arrives, to keep them.
    pub async fn all<T>(&self, first: Request<Collection<T>>) -> Result<Vec<T>, Error>
    where
        Collection<T>: ResponseKind<Output = Page<T>>,
        T: 'static,
    {
        use futures_util::StreamExt;
        let each = std::mem::size_of::<T>().max(1);
        let most = self.body_limit / each;
        let mut out: Vec<T> = Vec::new();
        let mut pages = Box::pin(self.pages(first));
        while let Some(page) = pages.next().await {
            out.extend(page?.value);
            if out.len() > most {
                return Err(Error::Paging(format!(
                    "all() would gather more than {most} items ({} bytes each: the client's body limit of {} bytes in all); walk them with pages()",
                    each, self.body_limit
                )));
            }
        }
        Ok(out)
    }
}
