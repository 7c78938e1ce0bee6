//! A collection seen through a derived type: `/groups/{id}/members/microsoft.graph.user` lists
//! (and counts) only the members that are users, each read as a user. Every collection whose
//! items have derived types offers one per type (`members().as_user()`), where its pages
//! document none: Graph casts any collection so.
//!
//! Hand-written: the generator copies this file from `templates/runtime/cast.rs`.

use super::{Collection, Primitive, Request};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The items of a collection that are `T`s (the path ends in the cast segment).
pub struct Cast<T> {
    path: String,
    items: PhantomData<fn() -> T>,
}

// By hand: a derive would ask `T: Debug + Clone`, which the path alone never needs.
impl<T> Clone for Cast<T> {
    fn clone(&self) -> Self {
        Cast { path: self.path.clone(), items: PhantomData }
    }
}

impl<T> std::fmt::Debug for Cast<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cast").field("path", &self.path).finish()
    }
}

impl<T> Cast<T> {
    /// The cast at `path` (the collection's encoded path and the cast segment).
    pub fn at(path: String) -> Self {
        Cast { path, items: PhantomData }
    }

    /// The encoded path this request builder stands for.
    pub fn path(&self) -> &str {
        &self.path
    }
}

// The answers need `T` readable (and, for a page, defaultable, as every model is).
impl<T: DeserializeOwned + Default> Cast<T> {
    /// `GET`: the items that are `T`s, a page at a time (with `filter`, `count(true)` and the
    /// other collection options; directory objects need `consistency_level_eventual()` for
    /// `count` and `search`).
    pub fn list(&self) -> Request<Collection<T>> {
        Request::new(http::Method::GET, self.path.clone())
    }

    /// `GET .../$count`: how many items are `T`s, as the service counts them.
    pub fn count(&self) -> Request<Primitive<u64>> {
        Request::new(http::Method::GET, [self.path.as_str(), "/$count"].concat())
    }
}
