//! Large file upload through an upload session (`createUploadSession`): the bytes go in
//! ranged `PUT`s to the session's `uploadUrl`, in chunks that are multiples of 320 KiB, as the
//! service requires; after a failed chunk the session says which ranges it still expects
//! (`nextExpectedRanges`) and the upload resumes there. The last chunk answers the created
//! item. Sans-IO: [`Upload`] holds no bytes; it says which range goes next, makes the `PUT` of
//! the bytes it is given and reads the answers. The client's `upload` and `upload_from` drive
//! it (without the token: the upload URL carries its own authorization).
//!
//! Hand-written: the generator copies this file from `templates/runtime/upload.rs`.

use super::{Bytes, Error, Json, Request};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::ops::Range;

/// Chunks are multiples of this many bytes.
pub const CHUNK_UNIT: usize = 320 * 1024;

/// What an upload needs from an upload session: where to send the bytes, and which ranges the
/// service still expects. The generated model that `createUploadSession` answers
/// (`models::UploadSession`, where the docs define it) implements it; so do `str` and `String`,
/// for an upload URL on its own.
pub trait UploadTarget {
    /// `uploadUrl`: where the chunks go; it carries its own authorization.
    fn upload_url(&self) -> Option<&str>;

    /// `nextExpectedRanges`: `"327680-"` or `"0-327679"`, the first is where to go on. None
    /// (the default) means from where the upload stands.
    fn next_expected_ranges(&self) -> &[String] {
        &[]
    }
}

impl UploadTarget for str {
    fn upload_url(&self) -> Option<&str> {
        Some(self)
    }
}

impl UploadTarget for String {
    fn upload_url(&self) -> Option<&str> {
        Some(self)
    }
}

/// The parts of an upload session's JSON the runtime reads: a chunk's `202` answer and the
/// upload URL's answer to a `GET`. Private: the public session type is the generated model.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SessionStatus {
    // Outlook's attachment sessions write the names in Pascal case (`NextExpectedRanges`).
    #[serde(rename = "uploadUrl", alias = "UploadUrl", default)]
    upload_url: Option<String>,
    #[serde(rename = "nextExpectedRanges", alias = "NextExpectedRanges", default)]
    next_expected_ranges: Vec<String>,
}

impl UploadTarget for SessionStatus {
    fn upload_url(&self) -> Option<&str> {
        self.upload_url.as_deref()
    }

    fn next_expected_ranges(&self) -> &[String] {
        &self.next_expected_ranges
    }
}

/// A JSON object naming the ranges still expected, in either letter case: a session's status,
/// not an item.
fn is_session_status(body: &[u8]) -> bool {
    let Ok(serde_json::Value::Object(m)) = serde_json::from_slice::<serde_json::Value>(body) else { return false };
    m.keys().any(|k| k.eq_ignore_ascii_case("nextExpectedRanges"))
}

/// Where an upload stands: the URL, the total length, the chunk size and the bytes the service
/// has. It holds none of the bytes: [`next_range`](Upload::next_range) says which to send.
#[derive(Debug, Clone)]
pub struct Upload {
    url: String,
    total: u64,
    chunk: u64,
    offset: u64,
}

/// What a session whose last chunk answers with no body says (an Outlook attachment's:
/// `201 Created` and a `Location`): where the new item is. Read an upload as this type to
/// keep it: `client.upload::<Uploaded>(&session, &bytes, chunk, |_, _| {})`. (`Value`,
/// `Option<_>` and `()` read the same answer as nothing.)
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Uploaded {
    /// The answer's `Location`: the new item (`.../attachments('AAMk...')`).
    pub location: Option<String>,
}

/// What one chunk's answer means.
#[derive(Debug)]
pub enum UploadStep<T> {
    /// More to send; `sent` bytes are in.
    Continue { sent: u64 },
    /// The service has every byte and answered the item.
    Done(T),
}

impl Upload {
    /// An upload of `total` bytes to a session's `upload_url`, in chunks of about `chunk`
    /// bytes (rounded down to a multiple of 320 KiB, at least one unit).
    pub fn new(upload_url: &str, total: u64, chunk: usize) -> Self {
        let chunk = ((chunk / CHUNK_UNIT).max(1) * CHUNK_UNIT) as u64;
        Upload { url: upload_url.to_string(), total, chunk, offset: 0 }
    }

    /// An upload to a session (the generated `models::UploadSession`, or an upload URL), from
    /// the first range it expects. Fails when the session has no `uploadUrl`, when `total` is 0
    /// (an upload session takes no empty file: `PUT` it to the item's `content` instead) and
    /// when the range the session expects is not one [`resume`](Self::resume) can go on from.
    pub fn for_session(session: &(impl UploadTarget + ?Sized), total: u64, chunk: usize) -> Result<Self, Error> {
        let url = session.upload_url().ok_or_else(|| Error::Transport("the upload session has no uploadUrl".into()))?;
        let mut up = Upload::new(url, total, chunk);
        if total == 0 {
            return Err(up.error("an upload session takes no empty file (it would send `bytes 0-0/0`): PUT it to the item's content"));
        }
        up.resume(session)?;
        Ok(up)
    }

    /// [`Error::Upload`] for this session.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::Upload { url: self.url.clone(), message: message.into(), cause: None }
    }

    /// `cause` (a chunk's error past the retries, the reader's) as the [`Error::Upload`] of
    /// this session, saying where the upload stopped; an [`Error::Upload`] stays as it is.
    pub fn failed(&self, cause: Error) -> Error {
        if matches!(cause, Error::Upload { .. }) {
            return cause;
        }
        let (at, total) = (self.offset, self.total);
        self.stopped(format!("the upload stopped with {at} of {total} bytes in"), Some(cause))
    }

    /// [`Error::Upload`] for this session, with `message` and the `cause`, if any.
    pub(crate) fn stopped(&self, message: String, cause: Option<Error>) -> Error {
        Error::Upload { url: self.url.clone(), message, cause: cause.map(Box::new) }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Bytes the service has (the start of the next range).
    pub fn sent(&self) -> u64 {
        self.offset
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The bytes the next `PUT` carries: one chunk from where the upload stands (empty when the
    /// service should have every byte).
    pub fn next_range(&self) -> Range<u64> {
        self.offset..self.offset.saturating_add(self.chunk).min(self.total)
    }

    /// The `PUT` of the bytes of [`next_range`](Self::next_range), with its `Content-Range`.
    /// `bytes` shorter than the range are sent as a shorter range.
    pub fn chunk_request(&self, bytes: impl Into<Vec<u8>>) -> Request<Bytes> {
        let bytes = bytes.into();
        let range = self.content_range(bytes.len() as u64);
        Request::new(http::Method::PUT, self.url.clone()).bytes(bytes).header("Content-Range", range)
    }

    /// The `Content-Range` of a `PUT` of `len` bytes from where the upload stands:
    /// `bytes 0-327679/1000000`.
    pub fn content_range(&self, len: u64) -> String {
        let end = self.offset + len;
        format!("bytes {}-{}/{}", self.offset, end.saturating_sub(1), self.total)
    }

    /// The next `PUT`, its bytes taken from `data`, the whole content.
    pub fn next_request(&self, data: &[u8]) -> Request<Bytes> {
        let Range { start, end } = self.next_range();
        let clamp = |n: u64| usize::try_from(n).unwrap_or(usize::MAX).min(data.len());
        self.chunk_request(&data[clamp(start)..clamp(end)])
    }

    /// Reads a chunk's answer: 202 with the ranges still expected, or 200/201 with the item.
    /// Outlook's attachment sessions answer a chunk before the last with `200 OK` and the
    /// ranges (`NextExpectedRanges`), read as a 202 is, and the last with `201 Created`, no body
    /// and the attachment's URL in `Location`: that end is read as `T` from `null` (so `T` is
    /// `Option<_>`, `()` or `serde_json::Value`), and any other `T` is an error naming the URL.
    /// An upload only moves forward: a 202 whose next range does not start past the chunk's
    /// start (the same range again, an earlier one), starts beyond the length or cannot be read
    /// is an [`Error::Upload`] naming the session, never the same chunk sent again.
    pub fn read<T: DeserializeOwned>(&mut self, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<UploadStep<T>, Error> {
        if let Some(e) = Error::from_status(status, headers, body) {
            return Err(e);
        }
        if status == 202 || (self.next_range().end < self.total && is_session_status(body)) {
            let session: SessionStatus = if body.is_empty() {
                SessionStatus::default()
            } else {
                serde_json::from_slice(body).map_err(|e| self.error(format!("a chunk's 202 answer is not a session status: {e}")))?
            };
            // Without ranges, the chunk is in.
            let next = match self.expected_start(&session)? {
                Some(start) => start,
                None => self.next_range().end,
            };
            let before = self.offset;
            if next <= before {
                return Err(self.error(format!(
                    "the session accepted the chunk from byte {before} yet expects byte {next} next: an upload only moves forward"
                )));
            }
            self.offset = next;
            return Ok(UploadStep::Continue { sent: self.offset });
        }
        // The item answers the last chunk only: an item before every byte is in would make an
        // upload of part of the file look done.
        let end = self.next_range().end;
        if end < self.total {
            let start = self.offset;
            return Err(self.error(format!(
                "the session answered {status} with the item after the chunk from byte {start} to {end}, of {} bytes: the rest was never sent",
                self.total
            )));
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            let location = headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok());
            // `null` for the types that take no body; else what an [`Uploaded`] reads.
            let at = serde_json::json!({ "location": location });
            return serde_json::from_slice(b"null").or_else(|_| serde_json::from_value(at)).map(UploadStep::Done).map_err(|_| {
                let location = location.unwrap_or("none");
                self.error(format!(
                    "the last chunk was answered {status} with no body (Location: {location}), as an Outlook attachment's session answers: read the upload as `runtime::Uploaded` (its location), `Option<_>`, `()` or `serde_json::Value`"
                ))
            });
        }
        serde_json::from_slice(body).map(UploadStep::Done).map_err(Error::Json)
    }

    /// The `GET` that asks the session which ranges it still expects (after a failed chunk),
    /// read as `S`: the generated `models::UploadSession`, or any type with `nextExpectedRanges`.
    pub fn status_request<S: DeserializeOwned>(&self) -> Request<Json<S>> {
        Request::new(http::Method::GET, self.url.clone())
    }

    /// Continues from the first range the session expects (`"327680-"`); a session that names
    /// none leaves the upload where it stands. A range that cannot be read, or starts at or
    /// beyond the length, is an [`Error::Upload`] naming the session.
    pub fn resume(&mut self, session: &(impl UploadTarget + ?Sized)) -> Result<(), Error> {
        if let Some(start) = self.expected_start(session)? {
            self.offset = start;
        }
        Ok(())
    }

    /// The start of the first range the session expects, checked against the length.
    fn expected_start(&self, session: &(impl UploadTarget + ?Sized)) -> Result<Option<u64>, Error> {
        let Some(first) = session.next_expected_ranges().first() else { return Ok(None) };
        let start = first.split('-').next().and_then(|s| s.trim().parse::<u64>().ok());
        let Some(start) = start else {
            let shown: String = first.chars().take(64).collect();
            return Err(self.error(format!("the session expects a range that cannot be read: {shown:?}")));
        };
        if start >= self.total {
            let total = self.total;
            return Err(self.error(format!("the session expects byte {start}, beyond the {total} bytes of the upload")));
        }
        Ok(Some(start))
    }
}
