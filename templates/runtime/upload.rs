//! Large file upload through an upload session (`createUploadSession`): the bytes go in
//! ranged `PUT`s to the session's `uploadUrl`, in chunks that are multiples of 320 KiB, as the
//! service requires; after a failed chunk the session says which ranges it still expects
//! (`nextExpectedRanges`) and the upload resumes there. The last chunk answers the created
//! item. Sans-IO: [`Upload`] makes the requests and reads the answers; the client's `upload`
//! drives it (without the token: the upload URL carries its own authorization).
//!
//! Hand-written: the generator copies this file from `templates/runtime/upload.rs`.

use super::{Bytes, Error, Json, Request};
use serde::{Deserialize, Serialize};

/// Chunks are multiples of this many bytes.
pub const CHUNK_UNIT: usize = 320 * 1024;

/// What `createUploadSession` answers, and what the upload URL answers to a `GET`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct UploadSession {
    #[serde(rename = "uploadUrl", default, skip_serializing_if = "Option::is_none")]
    pub upload_url: Option<String>,
    #[serde(rename = "nextExpectedRanges", default)]
    pub next_expected_ranges: Vec<String>,
    #[serde(rename = "expirationDateTime", default, skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<String>,
}

/// Where an upload stands.
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    url: String,
    data: &'a [u8],
    chunk: usize,
    offset: usize,
}

/// What one chunk's answer means.
#[derive(Debug)]
pub enum UploadStep<T> {
    /// More to send; `sent` bytes are in.
    Continue { sent: usize },
    /// The service has every byte and answered the item.
    Done(T),
}

impl<'a> Upload<'a> {
    /// An upload of `data` to a session's `upload_url`, in chunks of about `chunk` bytes
    /// (rounded down to a multiple of 320 KiB, at least one unit).
    pub fn new(upload_url: &str, data: &'a [u8], chunk: usize) -> Self {
        let chunk = (chunk / CHUNK_UNIT).max(1) * CHUNK_UNIT;
        Upload { url: upload_url.to_string(), data, chunk, offset: 0 }
    }

    /// Bytes the service has.
    pub fn sent(&self) -> usize {
        self.offset
    }

    pub fn total(&self) -> usize {
        self.data.len()
    }

    /// The `PUT` of the next chunk, with its `Content-Range`.
    pub fn next_request(&self) -> Request<Bytes> {
        let end = (self.offset + self.chunk).min(self.data.len());
        let range = format!("bytes {}-{}/{}", self.offset, end.saturating_sub(1), self.data.len());
        Request::new(http::Method::PUT, self.url.clone()).bytes(self.data[self.offset..end].to_vec()).header("Content-Range", range)
    }

    /// Reads a chunk's answer: 202 with the ranges still expected, or 200/201 with the item.
    pub fn read<T: serde::de::DeserializeOwned>(
        &mut self,
        status: u16,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<UploadStep<T>, Error> {
        if let Some(e) = Error::from_status(status, headers, body) {
            return Err(e);
        }
        if status == 202 {
            let session: UploadSession = serde_json::from_slice(body).map_err(Error::Json)?;
            self.resume(&session);
            return Ok(UploadStep::Continue { sent: self.offset });
        }
        serde_json::from_slice(body).map(UploadStep::Done).map_err(Error::Json)
    }

    /// The `GET` that asks the session which ranges it still expects (after a failed chunk).
    pub fn status_request(&self) -> Request<Json<UploadSession>> {
        Request::new(http::Method::GET, self.url.clone())
    }

    /// Continues from the first range the session expects (`"327680-"`).
    pub fn resume(&mut self, session: &UploadSession) {
        let start = session.next_expected_ranges.first().and_then(|r| r.split('-').next()).and_then(|s| s.trim().parse::<usize>().ok());
        if let Some(start) = start {
            self.offset = start.min(self.data.len());
        } else if (self.offset + self.chunk) < self.data.len() {
            self.offset += self.chunk;
        }
    }
}
