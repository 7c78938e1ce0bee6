//! Throttling and unavailability, retried: [`RetryPolicy`], the wait before each retry
//! (`Retry-After`, else a doubling backoff, never past the longest wait), and the loop that
//! sends a request until it succeeds or its error is the caller's. Part of `client`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/retry.rs`.

use super::super::response::read_owned;
use super::{Client, Error, Request, ResponseKind};
use std::time::Duration;

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

/// A wait the client is about to take before a retry, as [`Client::on_retry`] is told of it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retrying {
    /// The request retried, `GET /v1.0/users` (its path; the query left out); for requests
    /// throttled inside a batch, `POST /v1.0/$batch`.
    pub request: String,
    /// The status that asked for the retry (429, 503, 504; for a batch, the first throttled
    /// request's).
    pub status: u16,
    /// Which retry this wait comes before, from 1.
    pub attempt: u32,
    /// How long the client waits: the `Retry-After` asked for, else the backoff.
    pub wait: Duration,
    /// For a batch, how many of its requests go again; else 1.
    pub requests: usize,
}

impl Client {
    /// Tells [`Client::on_retry`]'s callback, if any, of a wait before retry `attempt` (from 1).
    pub(super) fn retrying(
        &self,
        (method, url): (&http::Method, &str),
        status: Option<u16>,
        attempt: u32,
        wait: Duration,
        requests: usize,
    ) {
        if let Some(f) = &self.on_retry {
            let request = super::super::error::request_line(method, url);
            f(&Retrying { request, status: status.unwrap_or(0), attempt, wait, requests });
        }
    }

    /// How long to wait before retry number `attempt` (from 0) after an answer that asked for
    /// `retry_after`: that, else (none, 0, a date past) the doubling backoff. None when the
    /// service asks for longer than the policy's `max_wait`: a retry before its time would be
    /// refused again, so the error goes to the caller, its `retry_after()` saying how long.
    pub(super) fn wait(&self, retry_after: Option<Duration>, attempt: u32) -> Option<Duration> {
        let backoff = self.retry.backoff.saturating_mul(2u32.saturating_pow(attempt));
        match retry_after.filter(|d| !d.is_zero()) {
            Some(asked) if asked > self.retry.max_wait => None,
            Some(asked) => Some(asked),
            None => Some(backoff.min(self.retry.max_wait)),
        }
    }

    /// One request, retried on throttling, its answer read as `K`; with the token or without it.
    pub(super) async fn send_once<K: ResponseKind>(&self, request: &Request<K>, with_token: bool) -> Result<K::Output, Error> {
        let response = Box::pin(self.open(request, &super::transport::call_id(), with_token, false)).await?;
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let body = self.body(response).await?;
        read_owned::<K>(status, &headers, body, self.body_limit)
    }

    /// One request, retried on throttling (429, 503, 504) and sent once more after a claims
    /// challenge; with the token or without it. A success is returned with its body unread;
    /// any other status is read into its [`Error`] (a redirect is [`Error::Redirect`]).
    /// `call` is the call's `client-request-id`, shared by its retries (and by the redirects
    /// [`follow`](Self::follow) takes it through).
    pub(super) async fn open<K: ResponseKind>(
        &self,
        request: &Request<K>,
        call: &http::HeaderValue,
        with_token: bool,
        streamed: bool,
    ) -> Result<reqwest::Response, Error> {
        let mut attempt = 0;
        let mut challenged = false;
        loop {
            let response = Box::pin(self.respond(request, (call, attempt), with_token, streamed)).await?;
            if response.status().is_success() {
                return Ok(response);
            }
            let (status, headers) = (response.status().as_u16(), response.headers().clone());
            let body = self.error_body(response).await?;
            // A 401 is put to the token provider once per request (a claims challenge, a token
            // refused before its expiry); a second 401 is the error.
            if status == 401 && with_token && !challenged {
                let challenge = headers.get(http::header::WWW_AUTHENTICATE).and_then(|v| v.to_str().ok()).unwrap_or("");
                if self.token.on_unauthorized(challenge) {
                    challenged = true;
                    continue;
                }
            }
            // Every status outside 2xx is an error.
            let error = Error::from_status(status, &headers, &body).unwrap_or_else(|| Error::failed(status, &headers, &body));
            if !(error.is_retryable() && attempt < self.retry.max_retries) {
                return Err(error);
            }
            let Some(wait) = self.wait(error.retry_after(), attempt) else { return Err(error) };
            attempt += 1;
            self.retrying((request.method(), &request.url(&self.root)), Some(status), attempt, wait, 1);
            tokio::time::sleep(wait).await;
        }
    }
}
