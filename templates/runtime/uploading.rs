//! [`Client::upload`] and [`Client::upload_from`]: a large file through an upload session,
//! one chunk in memory at a time, only ever moving forward. Part of `client`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/uploading.rs`.

use super::super::upload::SessionStatus;
use super::{Client, Error, Upload, UploadStep, UploadTarget};
use std::ops::Range;
use std::pin::Pin;
use tokio::io::{AsyncRead, ReadBuf};

impl Client {
    /// A large upload of `data` through an upload session: the generated
    /// `models::UploadSession` that `createUploadSession` answers, or its `upload_url` alone
    /// (any [`UploadTarget`]). As [`upload_from`](Self::upload_from), except that a slice can
    /// give any range again: a session that asks once more for bytes before the chunk in hand
    /// gets them. `progress(sent, total)` after each chunk.
    pub async fn upload<T: serde::de::DeserializeOwned>(
        &self,
        session: &(impl UploadTarget + ?Sized),
        data: &[u8],
        chunk: usize,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<T, Error> {
        let total = data.len();
        let progress = |sent: u64, _| progress(usize::try_from(sent).unwrap_or(total), total);
        let source = Chunks { reader: data, whole: Some(data), start: 0, held: bytes::Bytes::new() };
        self.upload_chunks(session, source, total as u64, chunk, progress).await
    }

    /// A large upload through an upload session (the generated `models::UploadSession`, or an
    /// upload URL: any [`UploadTarget`]) of `len` bytes from `reader` (a `tokio::fs::File`, a
    /// socket; `&[u8]` too), read one chunk at a time and never held whole: ranged `PUT`s of
    /// about `chunk` bytes (a multiple of 320 KiB), from the first range the session expects,
    /// `progress(sent, total)` after each. After a failed chunk the session is asked what it
    /// still expects and the upload resumes there (as often as the retry policy allows in a
    /// row), which must be within the chunk in hand or after it: a reader does not go back.
    /// No chunk carries the token, whatever the upload URL's host: the URL carries its own
    /// authorization, and the upload pages ask that the `PUT`s go without it (a bearer token
    /// there "may result in a 401").
    ///
    /// Once the session is known, every failure is an [`Error::Upload`] naming it, to query or
    /// cancel: what the session answered that an upload cannot go on from, or the `cause` (a
    /// chunk's error past the retries, the session's status that could not be read, a reader
    /// that fails, ends before `len` or would have to go back).
    pub async fn upload_from<T, R>(
        &self,
        session: &(impl UploadTarget + ?Sized),
        reader: R,
        len: u64,
        chunk: usize,
        progress: impl FnMut(u64, u64),
    ) -> Result<T, Error>
    where
        T: serde::de::DeserializeOwned,
        R: AsyncRead + Unpin,
    {
        let source = Chunks { reader, whole: None, start: 0, held: bytes::Bytes::new() };
        self.upload_chunks(session, source, len, chunk, progress).await
    }

    /// The upload from `source`, any failure after the session is known made its [`Error::Upload`].
    async fn upload_chunks<T, R>(
        &self,
        session: &(impl UploadTarget + ?Sized),
        mut source: Chunks<'_, R>,
        len: u64,
        chunk: usize,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<T, Error>
    where
        T: serde::de::DeserializeOwned,
        R: AsyncRead + Unpin,
    {
        let mut up = Upload::for_session(session, len, chunk)?;
        let out = self.send_chunks(&mut up, &mut source, &mut progress).await;
        out.map_err(|e| up.failed(e))
    }

    /// The chunks of `up` from `source`, until the session answers the item.
    async fn send_chunks<T, R>(&self, up: &mut Upload, source: &mut Chunks<'_, R>, progress: &mut impl FnMut(u64, u64)) -> Result<T, Error>
    where
        T: serde::de::DeserializeOwned,
        R: AsyncRead + Unpin,
    {
        let len = up.total();
        // Absolute, as upload URLs are; one below the root would be joined to it.
        let url = up.status_request::<SessionStatus>().url(&self.root);
        // Never the token, even to the service's own origin: every createUploadSession page
        // says the URL carries its authorization, and OneDrive's says a bearer token on the
        // `PUT`s may be refused.
        let with_token = false;
        // Progress is a byte the session never had before: the furthest start reached. Failed
        // chunks and answers that do not pass it count against the retry policy, so a session
        // that never advances ends the upload after a bounded number of PUTs.
        let mut furthest = up.sent();
        let mut stalled = 0;
        // One chunk's PUTs share a `client-request-id`, numbered by `Retry-Attempt` after the
        // first, as every call's retries are (`transport::respond`): (range start, id, attempt).
        let mut chunk: Option<(u64, http::HeaderValue, u32)> = None;
        loop {
            let range = up.next_range();
            if range.is_empty() {
                let at = up.sent();
                return Err(up.error(format!("the session expects nothing after byte {at} of {len}, yet answered no item")));
            }
            let (call, attempt) = match &mut chunk {
                Some((start, call, attempt)) if *start == range.start => {
                    *attempt += 1;
                    (call.clone(), *attempt)
                }
                _ => {
                    let call = super::transport::call_id();
                    chunk = Some((range.start, call.clone(), 0));
                    (call, 0)
                }
            };
            // The chunk goes as it was read, shared, not copied (`Upload::chunk_request` copies).
            let bytes = source.range(range).await?;
            let mut put = http::Request::builder()
                .method(http::Method::PUT)
                .uri(url.as_str())
                .header(http::header::CONTENT_TYPE, "application/octet-stream")
                .header(http::header::ACCEPT, "application/json")
                .header(http::header::CONTENT_RANGE, up.content_range(bytes.len() as u64))
                .header("client-request-id", call);
            if attempt > 0 {
                put = put.header("retry-attempt", attempt);
            }
            let put = put.body(bytes).map_err(|e| Error::Transport(e.into()))?;
            let step = match self.execute(put, with_token, false).await {
                Ok(response) => {
                    let (status, headers) = (response.status().as_u16(), response.headers().clone());
                    match self.body(response).await {
                        // A chunk's error names the PUT, as any call's error names its request.
                        Ok(body) => up.read::<T>(status, &headers, &body).map_err(|e| e.sent(&http::Method::PUT, &url)),
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
                        return Err(up.stopped(no_progress(furthest, len, stalled), None));
                    }
                }
                // An upload that cannot go on (a range backward or beyond the end) is not retried.
                Err(e @ Error::Upload { .. }) => return Err(e),
                // A request error (a name taken, 409; a session gone, 404) is the same answer
                // again: no session query, no resend. 416 (a range the session no longer
                // expects) and 408 are worth asking the session where to go on.
                Err(e) if e.status().is_some_and(|s| (400..500).contains(&s) && !matches!(s, 408 | 416 | 429)) => {
                    let at = up.sent();
                    return Err(up.stopped(format!("the chunk from byte {at} of {len} was refused"), Some(e)));
                }
                Err(e) if stalled < self.retry.max_retries => {
                    stalled += 1;
                    if e.is_retryable() {
                        // Throttled: the same chunk again after the wait the service asks for.
                        let Some(wait) = self.wait(e.retry_after(), stalled - 1) else { return Err(e) };
                        self.retrying((&http::Method::PUT, &url), e.status(), stalled, wait, 1);
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    let status: SessionStatus = self.send_once(&up.status_request(), with_token).await?;
                    up.resume(&status)?;
                }
                // The retries spent: the last chunk's error is why.
                Err(e) => return Err(up.stopped(no_progress(furthest, len, stalled), Some(e))),
            }
        }
    }
}

/// Why an upload ends after `stalled` answers in a row that did not pass byte `furthest`.
fn no_progress(furthest: u64, len: u64, stalled: u32) -> String {
    format!("no progress past byte {furthest} of {len} in {} answers", stalled + 1)
}

/// An upload's bytes as its reader gives them: the chunk in hand, from byte `start`, read
/// on as the upload asks for later ranges. A range before the chunk in hand cannot be read
/// again. The chunk is shared with the `PUT` that carries it: one chunk in memory.
struct Chunks<'a, R> {
    reader: R,
    /// The whole upload, when it is in memory (a slice): any range is served from it.
    whole: Option<&'a [u8]>,
    start: u64,
    held: bytes::Bytes,
}

impl<R: AsyncRead + Unpin> Chunks<'_, R> {
    /// The bytes of `range`: from the chunk in hand, read on, or after skipping ahead.
    async fn range(&mut self, range: Range<u64>) -> Result<bytes::Bytes, Error> {
        if let Some(whole) = self.whole {
            // One chunk copied for its `PUT`, as a reader's chunk is read into one.
            let at = |n: u64| usize::try_from(n).unwrap_or(usize::MAX).min(whole.len());
            return Ok(bytes::Bytes::copy_from_slice(&whole[at(range.start)..at(range.end).max(at(range.start))]));
        }
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
            let n = usize::try_from(range.start - at).unwrap_or(usize::MAX).min(super::super::CHUNK_UNIT);
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
