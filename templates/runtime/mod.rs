//! Runtime of the generated crate: the tri-state `Nullable` for PATCH bodies and the readers
//! and writers the generated models use; request values ([`Request`]) with typed OData query
//! options; response kinds and paging ([`Page`], [`Pages`]); one [`Error`] type; and, behind
//! the `reqwest` feature, an HTTP client (`client::Client`).
//!
//! The core holds no HTTP client: a request converts to `http::Request`, and a response is
//! read from its status, headers and bytes, so any client can send it.
//!
//! Hand-written: the generator copies `templates/runtime/` into every crate unchanged.
//! `client` is `client.rs` and its parts, each a file of its own beside it: `token.rs`
//! (token providers), `transport.rs` (the reqwest client, TLS, timeouts), `retry.rs`
//! (throttling), `redirect.rs`, `body.rs` (reading answers, downloads), `batching.rs` and
//! `uploading.rs`.

mod accepted;
mod batch;
mod budget;
mod cast;
mod delta;
mod dictionary;
mod error;
mod location;
mod number;
mod object;
mod one_or_many;
mod page;
mod request;
mod response;
mod upload;

#[cfg(feature = "auth")]
pub mod auth;
#[cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]
pub mod client;
#[doc(hidden)]
pub mod testing;

pub use accepted::{Accepted, Operation};
pub use batch::{Batch, BatchAnswers, BatchId, BatchItem, BatchResponse, DependsOn, MAX_BATCH};
pub use cast::Cast;
pub use delta::{Delta, DeltaPage, DeltaSync, LinkChange, Removed};
pub use dictionary::{dictionary_entries, dictionary_get, dictionary_insert};
pub use error::{retry_after, BoxError, Error, ErrorEnvelope, GraphError, InnerError};
pub use location::resolve_location;
pub use number::{number_field, WireNumber};
pub use object::{
    debug_model, field, read_object, read_object_in_place, read_polymorphic, reference, tagged, Bind, Changes, DebugField, ObjectWriter,
    Polymorphic, ReadFields, Rest,
};
pub use one_or_many::one_or_many_field;
pub use page::{Page, Pages};
pub use request::{function_arg, item_path, key, odata_string, segment, sharing_token, Request};
pub use response::{Answer, Bytes, Collection, Json, MaybeJson, NoContent, Primitive, ResponseKind};
pub use upload::{Upload, UploadStep, UploadTarget, Uploaded, CHUNK_UNIT};

/// What a step of a request path answers when the cargo feature of everything past it is off
/// (`me().events()` without `outlook`): nothing can be called on it, and the step's
/// deprecation warning names the features that compile it. Without such a stand-in, rustc
/// would say only that no method `events` exists.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct FeatureOff;

/// The one member of an enum that `text` spells in another letter case (`Organization` for
/// `organization`), if exactly one: the docs' examples write some members so, and the service
/// reads them. A generated enum reads such text as that member, which writes back the enum's
/// spelling; text two members match stays `Unrecognized`.
#[doc(hidden)]
pub fn member_in_any_case(text: &str, members: &[&'static str]) -> Option<&'static str> {
    let mut found = members.iter().filter(|m| m.eq_ignore_ascii_case(text));
    match (found.next(), found.next()) {
        (Some(m), None) => Some(m),
        _ => None,
    }
}

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The national clouds Graph runs in; each has its own service root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cloud {
    /// `https://graph.microsoft.com`
    #[default]
    Global,
    /// US Government L4: `https://graph.microsoft.us`
    UsGov,
    /// US Government L5 (DoD): `https://dod-graph.microsoft.us`
    UsGovDod,
    /// Microsoft Graph operated by 21Vianet in China: `https://microsoftgraph.chinacloudapi.cn`
    China,
}

impl Cloud {
    pub fn host(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGov => "https://graph.microsoft.us",
            Cloud::UsGovDod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The root request paths are relative to: `https://graph.microsoft.com/v1.0`.
    pub fn root(self, api_version: &str) -> String {
        format!("{}/{api_version}", self.host())
    }
}

/// A property's state on the wire: left out, explicitly `null`, or a value.
///
/// Every model field is a `Nullable`, so one model serves reads and PATCH bodies alike: a field
/// left `Absent` is not serialized ("leave this property alone"), `Null` is sent as `null`
/// ("clear it"), and `Value` is sent as the value.
///
/// `null` is only ever sent on purpose. An `Option` converts as Rust users expect: `Some(v)`
/// is a value and `None` is `Absent`, left out of the JSON. To clear a property in a PATCH
/// (`update`), say so with [`Nullable::clear`] (or `Nullable::Null`):
///
/// ```ignore
/// let maybe: Option<String> = None;
/// let keep = Event { subject: maybe.into(), ..Default::default() }; // no "subject" key
/// let clear = Event { subject: Nullable::clear(), ..Default::default() }; // "subject": null
/// ```
// `Copy` when the value is, as `Option`: `folder.child_count.into_option()` through a `&Folder`.
#[derive(Clone, Copy, Default, PartialEq)]
pub enum Nullable<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Nullable<T> {
    /// `Nullable::Null`, named for what it does in a PATCH (`update`) body: the property is sent
    /// as `null` and the service clears it. A field left `Absent` (the default, and what `None`
    /// converts to) is not sent and the service leaves it alone.
    pub fn clear() -> Self {
        Nullable::Null
    }

    /// Left out of the JSON: the property is not sent, and was not in what was read.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// The value, if there is one.
    pub fn get(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// A copy of the value, if there is one (`item.size.copied()`, an `Option<i64>`).
    pub fn copied(&self) -> Option<T>
    where
        T: Copy,
    {
        self.get().copied()
    }

    /// The value to change in place, if there is one (`if let Some(s) = user.student.get_mut()`).
    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Sent as `null`: the service clears the property.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// A value, as `Option::is_some` on [`into_option`](Self::into_option) (`Null` and
    /// `Absent` are no value): `if item.folder.is_some()`.
    pub fn is_some(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// No value, `Null` or `Absent` (tell them apart with [`is_null`](Self::is_null) and
    /// [`is_absent`](Self::is_absent)).
    pub fn is_none(&self) -> bool {
        !self.is_some()
    }

    /// The value, if there is one (as [`Nullable::get`]).
    pub fn value(&self) -> Option<&T> {
        self.get()
    }

    /// A `Nullable` of a reference, in the same state.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    /// The value through `Deref` (`&str` for a `Nullable<String>`), if there is one.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.get().map(|v| &**v)
    }

    /// The value changed by `f`, in the same state.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(f(v)),
        }
    }

    /// The value, or `default` when the property is absent or null.
    pub fn unwrap_or(self, default: T) -> T {
        self.into_option().unwrap_or(default)
    }

    /// The value, or `T::default()` when the property is absent or null.
    pub fn unwrap_or_default(self) -> T
    where
        T: Default,
    {
        self.into_option().unwrap_or_default()
    }
}

/// A value prints as itself (`Completed`, `"Adele"`), so a model's `{:?}` reads as its JSON
/// does; `Absent` and `Null` print as their names.
impl<T: std::fmt::Debug> std::fmt::Debug for Nullable<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Nullable::Absent => f.write_str("Absent"),
            Nullable::Null => f.write_str("Null"),
            Nullable::Value(v) => v.fmt(f),
        }
    }
}

impl From<&str> for Nullable<String> {
    /// `"x".into()` sets a string property.
    fn from(v: &str) -> Self {
        Nullable::Value(v.to_string())
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(v: T) -> Self {
        Nullable::Value(v)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `Some(v)` is a value and `None` is `Absent`: the property is left out, never sent as
    /// `null`. To send `null` (clear a property in a PATCH), use [`Nullable::clear`].
    fn from(v: Option<T>) -> Self {
        match v {
            Some(v) => Nullable::Value(v),
            None => Nullable::Absent,
        }
    }
}

impl<T, const N: usize> From<[T; N]> for Nullable<Vec<T>> {
    /// `[a, b].into()` sets a collection property.
    fn from(v: [T; N]) -> Self {
        Nullable::Value(Vec::from(v))
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => v.serialize(s),
            _ => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A missing key never reaches here (its field stays Absent); a present `null` is Null.
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}
