//! `202 Accepted`: a long-running operation. The service answers before the work is done, with
//! no body and a `Location` (or `Operation-Location`) header where the operation's state can
//! be read (creating a team, archiving one, registering a printer). The answer is read from
//! that header, so the caller gets something to poll rather than a body that never comes.
//!
//! Hand-written: the generator copies this file from `templates/runtime/accepted.rs`.

use super::response::{Json, ResponseKind};
use super::{Error, Request};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;
use std::time::Duration;

/// A `202 Accepted` answer whose `Location` header leads to a `T`: the operation that tracks
/// the work (`TeamsAsyncOperation`). Read as an [`Operation`].
pub struct Accepted<T>(PhantomData<fn() -> T>);

/// What a `202 Accepted` answer says: where the operation it started can be read, and how long
/// the service asks the caller to wait before reading it.
pub struct Operation<T> {
    /// The `Location` header, else `Operation-Location`: below the service root
    /// (`/teams('…')/operations('…')`) or an absolute URL. `None` when the service sent neither.
    pub location: Option<String>,
    /// `Retry-After`, when the service says how long the work takes at least.
    pub retry_after: Option<Duration>,
    /// `Content-Location`, when the service names the thing the work makes before it is done
    /// (a new team's `/teams('…')`, whose id a program can keep while the operation runs).
    pub content_location: Option<String>,
    kind: PhantomData<fn() -> T>,
}

// By hand, not derived: a derive would ask `T` (the operation's model) for the same traits.
impl<T> Clone for Operation<T> {
    fn clone(&self) -> Self {
        Operation {
            location: self.location.clone(),
            retry_after: self.retry_after,
            content_location: self.content_location.clone(),
            kind: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Operation<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Operation")
            .field("location", &self.location)
            .field("retry_after", &self.retry_after)
            .field("content_location", &self.content_location)
            .finish()
    }
}

impl<T> PartialEq for Operation<T> {
    fn eq(&self, other: &Self) -> bool {
        (&self.location, self.retry_after, &self.content_location) == (&other.location, other.retry_after, &other.content_location)
    }
}

/// As `{"location": ..., "retryAfterSeconds": ...}` (and `contentLocation` when the answer had
/// one): what the answer carried, for logs and for the crate's tests, which compare answers as
/// JSON.
impl<T> serde::Serialize for Operation<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Operation", 3)?;
        m.serialize_field("location", &self.location)?;
        m.serialize_field("retryAfterSeconds", &self.retry_after.map(|d| d.as_secs()))?;
        if let Some(c) = &self.content_location {
            m.serialize_field("contentLocation", c)?;
        } else {
            m.skip_field("contentLocation")?;
        }
        m.end()
    }
}

impl<T> Operation<T> {
    /// An operation found at `location` (one kept from an earlier answer, say).
    pub fn at(location: impl Into<String>) -> Self {
        Operation { location: Some(location.into()), retry_after: None, content_location: None, kind: PhantomData }
    }

    /// The `GET` that reads the operation's state, `None` when the answer gave no location.
    /// Send it until the state says the work is done (a `TeamsAsyncOperation`'s `status` is
    /// `succeeded` or `failed`), waiting [`retry_after`](Self::retry_after) or, when the service
    /// sends none, what the operation's docs ask (Teams: 30 seconds or more) between reads.
    /// The client sends it with the token to the service root's origin (scheme, host and port,
    /// as every request), and without it elsewhere
    /// (a file copy's monitor on SharePoint, which needs none), as it follows a download's
    /// redirect; a sans-IO sender adds the token only under the root, as always.
    pub fn poll(&self) -> Option<Request<Json<T>>>
    where
        T: DeserializeOwned,
    {
        self.location.as_ref().map(|l| Request::new(http::Method::GET, l.clone()).anywhere())
    }
}

impl<T> ResponseKind for Accepted<T> {
    type Output = Operation<T>;

    /// Without headers (the sans-IO [`ResponseKind::parse`]) there is no location to give.
    fn read(_: &[u8]) -> Result<Operation<T>, Error> {
        Ok(Operation { location: None, retry_after: None, content_location: None, kind: PhantomData })
    }

    /// The headers are the answer; a body, if one came, is not read.
    fn from_headers(headers: &http::HeaderMap) -> Option<Operation<T>> {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty());
        let location = text("location").or_else(|| text("operation-location")).map(str::to_string);
        let retry_after = text("retry-after").and_then(super::retry_after);
        let content_location = text("content-location").map(str::to_string);
        Some(Operation { location, retry_after, content_location, kind: PhantomData })
    }
}
