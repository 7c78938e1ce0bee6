//! Reading answers off the wire for the client: whole bodies within the client's time and
//! size limits, and [`Download`], a body as a stream. Part of `client` (cargo feature
//! `reqwest` or `reqwest-no-tls`).
//!
//! Hand-written: the generator copies this file from `templates/runtime/body.rs`.

use super::super::error::ErrorBody;
use super::Error;
use futures_util::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// The most of an error answer's body that is kept (its strings cut to a few KiB each: see
/// [`ErrorBody`]).
pub(super) const ERROR_BODY_LIMIT: usize = 1 << 20;

/// A whole body, each part within `idle` of the last, at most `limit` bytes: past it, an error.
/// The body is copied once, from the connection's chunks into the `Vec` returned, which the
/// reader of the answer takes over (`Bytes` answers it as it is).
pub(super) async fn read_all(mut response: reqwest::Response, idle: Duration, limit: usize) -> Result<Vec<u8>, Error> {
    let declared = response.content_length().unwrap_or(0);
    if declared > limit as u64 {
        return Err(too_long(limit, &format!("its Content-Length is {declared}")));
    }
    // The declared length is a hint (within the limit and 16 MiB), not trusted with an
    // allocation of any size; a longer body grows the buffer as it arrives.
    let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(limit).min(16 << 20));
    while let Some(chunk) = next_chunk(&mut response, idle).await? {
        if out.len() + chunk.len() > limit {
            return Err(too_long(limit, "more arrived"));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// An error answer's body, as [`ErrorBody`] keeps it: at most [`ERROR_BODY_LIMIT`] bytes held,
/// of at most `limit` read (the body limit), so that an envelope's `code` after a message of
/// any size is read; reading stops once nothing more would be kept.
pub(super) async fn read_error(mut response: reqwest::Response, idle: Duration, limit: usize) -> Result<Vec<u8>, Error> {
    let mut kept = ErrorBody::new(ERROR_BODY_LIMIT);
    let mut read = 0;
    while let Some(chunk) = next_chunk(&mut response, idle).await? {
        read += chunk.len();
        let part = &chunk[..chunk.len().min(limit.saturating_sub(read - chunk.len()))];
        kept.push(part);
        if kept.full() || read >= limit {
            break;
        }
    }
    Ok(kept.finish())
}

fn too_long(limit: usize, why: &str) -> Error {
    Error::Transport(
        format!("the answer is longer than the client's body limit of {limit} bytes ({why}); see Client::with_body_limit").into(),
    )
}

/// A transport failure as the runtime's [`Error`].
pub(super) fn transport(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        // reqwest says "error decoding response body" when the request's limit ends the body.
        return timed_out(format!("the answer was not in within the request's time limit ({e})"));
    }
    Error::Transport(e.into())
}

/// A time limit run out, as an [`Error::Transport`] of kind `TimedOut`.
pub(super) fn timed_out(message: String) -> Error {
    Error::Transport(Box::new(std::io::Error::new(std::io::ErrorKind::TimedOut, message)))
}

/// The next part of a body, within `idle` of the last.
pub(super) async fn next_chunk(response: &mut reqwest::Response, idle: Duration) -> Result<Option<bytes::Bytes>, Error> {
    match tokio::time::timeout(idle, response.chunk()).await {
        Ok(chunk) => chunk.map_err(transport),
        Err(_) => Err(timed_out(format!("the answer's body stalled for {idle:?}"))),
    }
}

/// The body of an answer as it arrives ([`Client::download`](super::Client::download)): a `Stream` of `bytes::Bytes`
/// chunks, each as the connection delivered it, so a file of any size passes through a few
/// chunks of memory. A connection that fails midway ends the stream with an
/// [`Error::Transport`]. The status and headers of the success (`Content-Type`,
/// `Content-Length`, `ETag`) are at hand before the first chunk.
pub struct Download {
    status: u16,
    headers: http::HeaderMap,
    body: Pin<Box<dyn Stream<Item = Result<bytes::Bytes, Error>> + Send>>,
}

impl Download {
    pub(super) fn new(response: reqwest::Response, timeouts: &super::Timeouts) -> Self {
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let (idle, grace, floor) = (timeouts.read_idle, timeouts.request, timeouts.min_rate);
        let start = std::time::Instant::now();
        let body = futures_util::stream::try_unfold((response, 0u64), move |(mut response, read)| async move {
            let Some(chunk) = next_chunk(&mut response, idle).await? else { return Ok(None) };
            let read = read + chunk.len() as u64;
            let spent = start.elapsed();
            // Bytes now and then keep `idle` from firing: past the request limit, the average
            // must reach the floor.
            if floor > 0 && spent > grace && (read as f64) < floor as f64 * spent.as_secs_f64() {
                return Err(timed_out(format!(
                    "the download averaged {:.0} bytes/s over {spent:.1?}, below the floor of {floor} bytes/s (Timeouts::min_rate)",
                    read as f64 / spent.as_secs_f64()
                )));
            }
            Ok(Some((chunk, (response, read))))
        });
        Download { status, headers, body: Box::pin(body) }
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// A header's value, when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `Content-Length`, when the server sent it.
    pub fn content_length(&self) -> Option<u64> {
        self.header("content-length").and_then(|v| v.trim().parse().ok())
    }

    /// Every chunk collected into one `Vec` (what [`Client::send`](super::Client::send) answers for `Bytes`).
    pub async fn to_vec(mut self) -> Result<Vec<u8>, Error> {
        use futures_util::StreamExt;
        // The declared length is a hint, not trusted with an allocation of any size.
        let hint = self.content_length().unwrap_or(0).min(16 << 20);
        let mut out = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
        while let Some(chunk) = self.body.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }
}

impl Stream for Download {
    type Item = Result<bytes::Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.body.as_mut().poll_next(cx)
    }
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download").field("status", &self.status).field("headers", &self.headers).finish_non_exhaustive()
    }
}
