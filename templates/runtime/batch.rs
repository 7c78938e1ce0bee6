//! JSON batching (`POST /$batch`): up to 20 requests in one round trip, each read back as its
//! own request's type, matched by id. Sans-IO: [`Batch::requests`] gives the `$batch`
//! requests to send (one per 20), [`BatchAnswers`] reads their answers; the client's `batch`
//! sends them and retries throttled inner requests after their `Retry-After`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/batch.rs`.

use super::response::ResponseKind;
use super::{Error, Json, Request};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::time::Duration;

/// Graph takes at most this many requests in one batch.
pub const MAX_BATCH: usize = 20;

/// The handle of one request in a batch: its id, and the type its answer reads as.
pub struct BatchId<K> {
    pub id: String,
    /// The batch it belongs to: ids are numbers counted per batch, so another batch's id could
    /// name a request of this one.
    origin: u64,
    /// The request's method and URL below the root, which an error answered for it names.
    method: http::Method,
    url: String,
    kind: PhantomData<fn() -> K>,
}

/// Each batch's own number (see [`BatchId`]).
static NEXT_ORIGIN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_origin() -> u64 {
    NEXT_ORIGIN.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

// By hand: the answer's type needs no `Debug` of its own (`NoContent` has none).
impl<K> std::fmt::Debug for BatchId<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchId").field("id", &self.id).finish()
    }
}

/// A request a later one depends on (`dependsOn`): the [`BatchId`] `add` returned for it.
pub trait DependsOn {
    /// The request's id in the batch.
    fn batch_id(&self) -> &str;

    /// The batch the id belongs to, when known: a [`BatchId`] knows its own.
    fn batch_origin(&self) -> Option<u64> {
        None
    }
}

impl<K> DependsOn for BatchId<K> {
    fn batch_id(&self) -> &str {
        &self.id
    }

    fn batch_origin(&self) -> Option<u64> {
        Some(self.origin)
    }
}

/// One request as the batch body carries it.
#[derive(Debug, Clone, Serialize)]
pub struct BatchItem {
    pub id: String,
    pub method: String,
    /// Below the version root, query included: `/me/messages?$top=2`.
    pub url: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    #[serde(rename = "dependsOn", skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

/// Requests to send together.
#[derive(Debug, Clone)]
pub struct Batch {
    items: Vec<BatchItem>,
    /// The first added request whose body could not be written: the batch fails with it.
    body_error: Option<String>,
    /// This batch's number, which its ids carry.
    origin: u64,
    /// The first request `add_after` refused (see [`Batch::refused`]).
    refused: Option<String>,
}

impl Default for Batch {
    fn default() -> Self {
        Batch { items: Vec::new(), body_error: None, origin: next_origin(), refused: None }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    requests: &'a [&'a BatchItem],
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds a request; its answer is read with the returned id.
    pub fn add<K: ResponseKind>(&mut self, request: &Request<K>) -> BatchId<K> {
        self.push(request, Vec::new())
    }

    /// Adds a request the service runs only after the requests `after` succeeded
    /// (`dependsOn`): `batch.add_after(&request, &[&first])?`. A dependency must be a request
    /// added to this batch before, and requests linked by dependencies go in one `$batch`
    /// (20 at most). An unknown id, another batch's id, or more than 20 linked requests, is
    /// the error here ([`Error::Invalid`]): the request is not added, and the batch keeps the
    /// error, so that sending it fails before anything goes out even where the error here was
    /// ignored.
    pub fn add_after<K: ResponseKind>(&mut self, request: &Request<K>, after: &[&dyn DependsOn]) -> Result<BatchId<K>, Error> {
        let id = self.items.len() + 1;
        if let Some(other) = after.iter().find(|d| d.batch_origin().is_some_and(|o| o != self.origin)) {
            let other = other.batch_id().to_string();
            return Err(self.refuse(format!("request {id} depends on request {other} of another batch")));
        }
        let depends_on: Vec<String> = after.iter().map(|d| d.batch_id().to_string()).collect();
        if let Some(unknown) = depends_on.iter().find(|d| !self.items.iter().any(|i| &i.id == *d)) {
            return Err(self.refuse(format!("request {id} depends on {unknown}, which is not an earlier request of this batch")));
        }
        let handle = self.push(request, depends_on);
        let groups = self.groups();
        let linked = groups.last().map_or(1, |g| groups.iter().filter(|x| *x == g).count());
        if linked > MAX_BATCH {
            self.items.pop();
            return Err(self.refuse(format!(
                "request {id} is linked by dependencies to {linked} requests; more than {MAX_BATCH} cannot go in one $batch"
            )));
        }
        Ok(handle)
    }

    /// Keeps the first reason the batch cannot be sent; `why` as an error.
    fn refuse(&mut self, why: String) -> Error {
        self.body_error.get_or_insert(why.clone());
        self.refused.get_or_insert(why.clone());
        Error::Invalid(why)
    }

    /// Why `add_after` refused a request, if it did: `Client::batch` (feature `reqwest`)
    /// answers it as [`Error::Invalid`] without sending anything. Not an intra-doc link, because
    /// the docs are also built without the client.
    pub fn refused(&self) -> Option<&str> {
        self.refused.as_deref()
    }

    /// Appends a request with its dependencies, already checked.
    fn push<K: ResponseKind>(&mut self, request: &Request<K>, depends_on: Vec<String>) -> BatchId<K> {
        let id = (self.items.len() + 1).to_string();
        if let (None, Some(e)) = (&self.body_error, request.body_error()) {
            self.body_error = Some(format!("request {id}: {e}"));
        }
        let mut headers: BTreeMap<String, String> = request.headers().iter().cloned().collect();
        // A JSON body travels as JSON inside the batch; anything else as its text.
        let body = request.body().map(|b| match serde_json::from_slice::<serde_json::Value>(b) {
            Ok(v) => v,
            Err(_) => serde_json::Value::String(String::from_utf8_lossy(b).into_owned()),
        });
        if body.is_some() && !headers.keys().any(|k| k.eq_ignore_ascii_case("content-type")) {
            headers.insert("Content-Type".into(), "application/json".into());
        }
        let url = request.url("");
        self.items.push(BatchItem {
            id: id.clone(),
            method: request.method().as_str().to_string(),
            url: url.clone(),
            headers,
            body,
            depends_on,
        });
        BatchId { id, origin: self.origin, method: request.method().clone(), url, kind: PhantomData }
    }

    /// This batch's number, which its [`BatchId`]s and answers carry.
    pub fn origin(&self) -> u64 {
        self.origin
    }

    pub fn items(&self) -> &[BatchItem] {
        &self.items
    }

    /// The batch with only the requests `ids` (to send throttled ones again); a dependency
    /// outside them has run already and is dropped.
    pub fn only(&self, ids: &[String]) -> Batch {
        let items: Vec<BatchItem> = self.items.iter().filter(|i| ids.contains(&i.id)).cloned().collect();
        let kept: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
        let items = items.into_iter().map(|mut i| {
            i.depends_on.retain(|d| kept.contains(d));
            i
        });
        Batch { items: items.collect(), body_error: self.body_error.clone(), origin: self.origin, refused: self.refused.clone() }
    }

    /// For each request, the index of the first request linked to it by dependencies (either
    /// way): requests with the same one go in one `$batch`.
    fn groups(&self) -> Vec<usize> {
        let index: BTreeMap<&str, usize> = self.items.iter().enumerate().map(|(i, item)| (item.id.as_str(), i)).collect();
        let mut parent: Vec<usize> = (0..self.items.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for (i, item) in self.items.iter().enumerate() {
            for d in item.depends_on.iter().filter_map(|d| index.get(d.as_str())) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, *d));
                // The smaller index is the root: the first request of the group.
                parent[a.max(b)] = a.min(b);
            }
        }
        (0..self.items.len()).map(|i| root(&mut parent, i)).collect()
    }

    /// The `POST /$batch` requests, 20 items at most each, in order; requests linked by
    /// dependencies go together in one, so that `dependsOn` always names a request of the
    /// same `$batch` (a dependent request never runs unconditionally).
    pub fn requests(&self) -> Vec<Request<Json<BatchAnswers>>> {
        let groups = self.groups();
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (at, group) in groups.iter().enumerate() {
            members.entry(*group).or_default().push(at);
        }
        // Groups in the order of their first request (the root is that request's index), each
        // `$batch` in the order the requests were added.
        let mut chunks: Vec<Vec<usize>> = Vec::new();
        for (_, group) in members {
            if chunks.last().is_none_or(|c| c.len() + group.len() > MAX_BATCH) {
                chunks.push(Vec::new());
            }
            if let Some(chunk) = chunks.last_mut() {
                chunk.extend(group);
            }
        }
        let chunks = chunks.into_iter().map(|mut chunk| {
            chunk.sort_unstable();
            chunk.into_iter().map(|at| &self.items[at]).collect::<Vec<_>>()
        });
        chunks
            .map(|items| {
                let request = Request::new(http::Method::POST, "/$batch").json(&Body { requests: &items });
                request.with_body_error(self.body_error.clone())
            })
            .collect()
    }
}

/// One inner answer of a `$batch`, as the service sent it: read it through
/// [`BatchAnswers::get`], which gives the request's own type or the error it stands for.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct BatchResponse {
    /// The id of the request it answers.
    pub id: String,
    /// The inner request's status (`424 Failed Dependency` for one whose dependency failed).
    pub status: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// JSON, or the text of a body that is none.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

/// The answers of one or more `$batch` requests, by id.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BatchAnswers {
    #[serde(default)]
    pub responses: Vec<BatchResponse>,
    /// The batch they answer (set by `Client::batch`): an id of another batch reads nothing.
    #[serde(skip)]
    pub origin: Option<u64>,
}

impl BatchAnswers {
    /// The answer to one request, read as its type (or the error it stands for).
    pub fn get<K: ResponseKind>(&self, id: &BatchId<K>) -> Result<K::Output, Error> {
        if self.origin.is_some_and(|o| o != id.origin) {
            return Err(Error::Invalid(format!("request {} is of another batch than these answers", id.id)));
        }
        let r = self
            .responses
            .iter()
            .find(|r| r.id == id.id)
            .ok_or_else(|| Error::Transport(format!("no answer for batch request {}", id.id).into()))?;
        let mut headers = http::HeaderMap::new();
        for (k, v) in &r.headers {
            if let (Ok(k), Ok(v)) = (http::HeaderName::from_bytes(k.as_bytes()), http::HeaderValue::from_str(v)) {
                headers.insert(k, v);
            }
        }
        let body = match &r.body {
            None | Some(serde_json::Value::Null) => Vec::new(),
            // A body that is not JSON comes back as text.
            Some(serde_json::Value::String(s)) => s.clone().into_bytes(),
            Some(v) => serde_json::to_vec(v).map_err(Error::Json)?,
        };
        // An error names its request as the client's own calls' errors do, under the version
        // root the inner URLs are relative to (`GET /v1.0/users/x`).
        let url = format!("/{}{}", crate::API_VERSION, id.url);
        super::response::read::<K>(r.status, &headers, &body).map_err(|e| e.sent(&id.method, &url))
    }

    /// Ids answered 429, 503 or 504 (what [`Error::is_retryable`] retries), and the longest
    /// `Retry-After` among them.
    pub fn throttled(&self) -> (Vec<String>, Option<Duration>) {
        let mut ids = Vec::new();
        let mut wait: Option<Duration> = None;
        for r in self.responses.iter().filter(|r| matches!(r.status, 429 | 503 | 504)) {
            ids.push(r.id.clone());
            let after = r.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("retry-after")).and_then(|(_, v)| super::retry_after(v));
            wait = wait.max(after);
        }
        (ids, wait)
    }

    /// Takes in the answers of a later round: an id answered again replaces its old answer.
    pub fn merge(&mut self, later: BatchAnswers) {
        for r in later.responses {
            match self.responses.iter_mut().find(|x| x.id == r.id) {
                Some(old) => *old = r,
                None => self.responses.push(r),
            }
        }
    }
}
