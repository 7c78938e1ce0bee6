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
#[derive(Debug)]
pub struct BatchId<K> {
    pub id: String,
    kind: PhantomData<fn() -> K>,
}

/// A request a later one depends on (`dependsOn`): the [`BatchId`] `add` returned for it.
pub trait DependsOn {
    /// The request's id in the batch.
    fn batch_id(&self) -> &str;
}

impl<K> DependsOn for BatchId<K> {
    fn batch_id(&self) -> &str {
        &self.id
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
#[derive(Debug, Clone, Default)]
pub struct Batch {
    items: Vec<BatchItem>,
    /// The first added request whose body could not be written: the batch fails with it.
    body_error: Option<String>,
}

#[derive(Serialize)]
struct Body<'a> {
    requests: &'a [BatchItem],
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds a request; its answer is read with the returned id.
    pub fn add<K: ResponseKind>(&mut self, request: &Request<K>) -> BatchId<K> {
        self.add_after(request, &[])
    }

    /// Adds a request the service runs only after the requests `after` succeeded
    /// (`dependsOn`): `batch.add_after(&request, &[&first])`.
    pub fn add_after<K: ResponseKind>(&mut self, request: &Request<K>, after: &[&dyn DependsOn]) -> BatchId<K> {
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
        self.items.push(BatchItem {
            id: id.clone(),
            method: request.method().as_str().to_string(),
            url: request.url(""),
            headers,
            body,
            depends_on: after.iter().map(|d| d.batch_id().to_string()).collect(),
        });
        BatchId { id, kind: PhantomData }
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
        Batch { items: items.collect(), body_error: self.body_error.clone() }
    }

    /// The `POST /$batch` requests, 20 items each, in order: a dependency in an earlier one
    /// has run by the time a later one is sent, so it is dropped from `dependsOn`.
    pub fn requests(&self) -> Vec<Request<Json<BatchAnswers>>> {
        let mut out = Vec::new();
        for chunk in self.items.chunks(MAX_BATCH) {
            let ids: Vec<&str> = chunk.iter().map(|i| i.id.as_str()).collect();
            let items: Vec<BatchItem> = chunk
                .iter()
                .cloned()
                .map(|mut i| {
                    i.depends_on.retain(|d| ids.contains(&d.as_str()));
                    i
                })
                .collect();
            let request = Request::new(http::Method::POST, "/$batch".into()).json(&Body { requests: &items });
            out.push(request.with_body_error(self.body_error.clone()));
        }
        out
    }
}

/// One inner answer.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct BatchResponse {
    pub id: String,
    pub status: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

/// The answers of one or more `$batch` requests, by id.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BatchAnswers {
    #[serde(default)]
    pub responses: Vec<BatchResponse>,
}

impl BatchAnswers {
    /// The answer to one request, read as its type (or the error it stands for).
    pub fn get<K: ResponseKind>(&self, id: &BatchId<K>) -> Result<K::Output, Error> {
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
        super::response::read::<K>(r.status, &headers, &body)
    }

    /// Ids answered 429 (or 503), and the longest `Retry-After` among them.
    pub fn throttled(&self) -> (Vec<String>, Option<Duration>) {
        let mut ids = Vec::new();
        let mut wait: Option<Duration> = None;
        for r in self.responses.iter().filter(|r| matches!(r.status, 429 | 503)) {
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
