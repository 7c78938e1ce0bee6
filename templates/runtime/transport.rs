//! The wire under the client: the `reqwest::Client` it is built on (TLS, no redirects of
//! reqwest's own, the connect timeout), [`Timeouts`], the headers that identify each request,
//! and one exchange within the time limits. Part of `client`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/transport.rs`.

use super::body::{timed_out, transport};
use super::token::token_error;
use super::{Client, Error, Request, ResponseKind};
use std::sync::Arc;
use std::time::Duration;

/// How long the client waits (set with [`Client::with_timeouts`]). A request that runs out of
/// time is an [`Error::Transport`] whose source is an `std::io::Error` of kind `TimedOut`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Connecting to a host (TCP and TLS).
    pub connect: Duration,
    /// One request from sending it to the last byte of its answer: 100 s by default, as the
    /// official SDKs have it. For a [`Client::download`], until the status and headers are in
    /// (the body of a large file may take longer: `read_idle` and `min_rate` guard it).
    pub request: Duration,
    /// The longest silence while the body of an answer arrives.
    pub read_idle: Duration,
    /// The slowest average, in bytes a second, at which a [`Client::download`]'s body may still
    /// arrive once `request` has passed: 1 KiB/s by default, so a server that drips a byte now
    /// and then (never silent for `read_idle`) cannot hold a download open for ever; 0 lifts
    /// the floor. The time counts from the headers, including time the caller takes between
    /// chunks.
    pub min_rate: u64,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { connect: Duration::from_secs(30), request: Duration::from_secs(100), read_idle: Duration::from_secs(30), min_rate: 1024 }
    }
}

/// The `reqwest::ClientBuilder` that [`Client::new`] builds on: redirects are not followed by
/// reqwest (the client follows them itself, so that the token provably stays with the service's
/// origin: a download answers 302 to a storage host) and, with the `reqwest` feature, TLS is
/// rustls on ring with Mozilla's roots. Add a proxy or roots of your own and pass the builder
/// to [`Client::with_http`]. (Where only this crate turns on reqwest's TLS, a
/// `reqwest::Client::new()` of the program's own would panic for want of a rustls crypto
/// provider; building this one installs ring as the process's default, where none is, so one
/// built after it works too. Start from here to be sure.)
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

    // rustls 0.23.48 deprecates ring's provider (no post-quantum key exchange); it is still
    // the one without a C build, and Graph's TLS needs nothing more.
    #[allow(deprecated)]
    pub fn config() -> rustls::ClientConfig {
        // reqwest's `rustls-no-provider`, which this crate turns on, leaves a plain
        // `reqwest::Client::new()` elsewhere in the program without a provider (a panic):
        // ring becomes the default where the program has chosen none (an error means it has).
        let _ = rustls::crypto::ring::default_provider().install_default();
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
pub(super) fn without_tls(url: &http::Uri, has_tls: bool) -> Option<Error> {
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

/// A reqwest client from `builder`, with the redirect policy the client relies on (it follows
/// redirects itself) and the connect timeout, whatever the builder said.
pub(super) fn build(builder: reqwest::ClientBuilder, timeouts: &Timeouts) -> Result<reqwest::Client, Arc<reqwest::Error>> {
    builder.redirect(reqwest::redirect::Policy::none()).connect_timeout(timeouts.connect).build().map_err(Arc::new)
}

impl Client {
    /// One exchange on the wire, whatever the status; the body not read yet. `call` is the
    /// `client-request-id` of the call this exchange is attempt number `attempt` (from 0) of.
    pub(super) async fn respond<K: ResponseKind>(
        &self,
        request: &Request<K>,
        (call, attempt): (&http::HeaderValue, u32),
        with_token: bool,
        streamed: bool,
    ) -> Result<reqwest::Response, Error> {
        let mut http = request.to_http(&self.root)?;
        // Every attempt of one call carries the same id, so the service's logs tie a call's
        // retries together; `Retry-Attempt` numbers them, as the official SDKs' retry
        // handlers do. An id the request sets itself is kept.
        let headers = http.headers_mut();
        for (name, value) in &self.headers {
            headers.entry(name).or_insert_with(|| value.clone());
        }
        headers.entry("client-request-id").or_insert_with(|| call.clone());
        if attempt > 0 {
            headers.insert("retry-attempt", http::HeaderValue::from(attempt));
        }
        self.execute(http, with_token, streamed).await
    }

    /// [`respond`](Self::respond) for a request already in HTTP terms.
    /// The answer must begin within [`Timeouts::request`]; unless `streamed`, it must also end
    /// within it.
    pub(super) async fn execute(
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
            Ok(Err(e)) if e.is_timeout() && e.is_connect() => {
                Err(timed_out(format!("could not connect to {url} within {:?}", self.timeouts.connect)))
            }
            Ok(Err(e)) if e.is_timeout() => Err(timed_out(format!("no answer from {url} within {limit:?}"))),
            Ok(Err(e)) => Err(transport(e)),
            Err(_) => Err(timed_out(format!("no answer from {url} within {limit:?}"))),
        }
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
        headers.insert("client-request-id", call_id());
    }
}

/// A fresh `client-request-id`.
pub(super) fn call_id() -> http::HeaderValue {
    // A UUID's hex digits and dashes are always a valid header value.
    http::HeaderValue::from_str(&request_id()).unwrap_or(http::HeaderValue::from_static("00000000-0000-4000-8000-000000000000"))
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
    use crate::runtime::client::StaticToken;

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
