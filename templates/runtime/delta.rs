//! Delta queries: walk the pages of a `delta()` request to its `@odata.deltaLink`, keep the
//! items that changed apart from the ones marked `@removed` (or, drive items, carrying a
//! `deleted` facet), and start the next sync from the delta link. An item may come more than
//! once in one walk (OneDrive's delta says so): the last one is its state, and a walk keeps
//! only that one, in whichever list it belongs (changed, then removed, is removed). A delta
//! answer leaves out what did not change (OData's delta payloads; `Prefer: return=minimal`
//! says so of Graph's), so a key an earlier occurrence gave and the last leaves out is not
//! gone: the kept item takes it from the occurrences since the item was last removed, the later
//! one's value where two give it. Sans-IO
//! like the rest: [`Request::sync`] takes any sender, the client's `sync` drives it with reqwest.
//!
//! An item's `<relationship>@delta` list (a group's `members@delta`, a directory role's) is no
//! state but changes, links added or removed, so a walk keeps every one in `links` rather than
//! the last occurrence's alone: a group met twice may carry part of its member changes on each
//! (the OData reading of a delta payload: each list changes the links the one before left).
//!
//! Hand-written: the generator copies this file from `templates/runtime/delta.rs`.

use super::budget::{within, Budgeted};
use super::page::Walk;
use super::response::ResponseKind;
use super::{Collection, Error, Request};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// The answer of a delta request: one page of changes.
pub struct Delta<T>(PhantomData<fn() -> T>);

/// An item the service marks `@removed` (or, a drive item, with a `deleted` facet): gone, or
/// out of the scope the query watches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub id: String,
    /// `"deleted"` or `"changed"` (moved out of scope), when the service says.
    pub reason: Option<String>,
}

/// A change to one of an item's relationships, from the item's `<relationship>@delta` list
/// (`members@delta` of a group): a link added, or one marked `@removed` taken away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChange {
    /// The id of the item whose relationship changed (the group).
    pub item: String,
    /// The relationship as the service names it (`members`).
    pub relationship: String,
    /// The id of the object linked or unlinked (the member).
    pub id: String,
    /// Its type, when the service says (`#microsoft.graph.user`).
    pub odata_type: Option<String>,
    /// The link was taken away (the entry is marked `@removed`).
    pub removed: bool,
    /// Why, when the service says (`"deleted"`).
    pub reason: Option<String>,
}

/// One page of a delta walk, its items as the page lists them, changed and removed apart.
#[derive(Debug, Clone)]
pub struct DeltaPage<T> {
    pub changed: Vec<T>,
    pub removed: Vec<Removed>,
    /// The link changes the page's items carry, in the page's order.
    pub links: Vec<LinkChange>,
    pub next_link: Option<String>,
    pub delta_link: Option<String>,
    /// Each item's id in the page's order, and whether it is removed: the k-th `false` is
    /// `changed[k]`, the k-th `true` `removed[k]`. How a walk finds an item's last state.
    order: Vec<(Option<String>, bool)>,
}

/// A walk to the end: every item that changed or went, each once, in its last state (an item
/// the walk met twice is where its last occurrence puts it), and the link the next sync
/// starts from.
#[derive(Debug, Clone)]
pub struct DeltaSync<T> {
    pub changed: Vec<T>,
    pub removed: Vec<Removed>,
    /// Every link change the walk met, in order, each (item, relationship, linked id) once: the
    /// last, where one link changed twice (added, then removed, is removed).
    pub links: Vec<LinkChange>,
    pub delta_link: String,
    /// The headers the walk's requests sent (a `Prefer: outlook.timezone` or
    /// `odata.maxpagesize`), which [`resume`](Self::resume) sends again: the delta link keeps
    /// the query, not the headers.
    pub headers: Vec<(String, String)>,
}

impl<T: DeserializeOwned> ResponseKind for Delta<T> {
    type Output = DeltaPage<T>;
    fn read(body: &[u8]) -> Result<DeltaPage<T>, Error> {
        within(usize::MAX, || read_delta(body))
    }

    /// The page, taking at most `limit` bytes in memory (`budget.rs`): the items as JSON, and
    /// what they are read into, both counted.
    fn read_owned(body: Vec<u8>, limit: usize) -> Result<DeltaPage<T>, Error> {
        within(limit, || read_delta(&body))
    }
}

/// A page of changes from `body`, charged to the budget the caller set.
fn read_delta<T: DeserializeOwned>(body: &[u8]) -> Result<DeltaPage<T>, Error> {
    #[derive(Deserialize)]
    struct Raw {
        value: Vec<serde_json::Value>,
        #[serde(rename = "@odata.nextLink")]
        next_link: Option<String>,
        #[serde(rename = "@odata.deltaLink")]
        delta_link: Option<String>,
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let raw = Raw::deserialize(Budgeted(&mut de)).and_then(|raw| de.end().map(|()| raw));
    let raw = raw.map_err(|e| super::page::not_a_page(e, body))?;
    let mut page = DeltaPage {
        changed: Vec::new(),
        removed: Vec::new(),
        links: Vec::new(),
        next_link: raw.next_link,
        delta_link: raw.delta_link,
        order: Vec::new(),
    };
    for item in raw.value {
        let id = item.get("id").and_then(|v| v.as_str()).map(str::to_string);
        if let Some(id) = &id {
            link_changes(id, &item, &mut page.links);
        }
        // OneDrive marks a deleted item with a `deleted` facet (an object), not `@removed`:
        // the same news, kept with the removed ones so a mirror drops it either way.
        let facet = item.get("deleted").filter(|d| d.is_object()).map(|_| serde_json::json!({ "reason": "deleted" }));
        let removed = match item.get("@removed").cloned().or(facet).as_ref() {
            Some(why) => {
                let Some(id) = id.clone() else {
                    let e = <serde_json::Error as serde::de::Error>::custom("an item marked @removed has no id");
                    return Err(Error::Json(e));
                };
                let reason = why.get("reason").and_then(|v| v.as_str()).map(str::to_string);
                page.removed.push(Removed { id, reason });
                true
            }
            None => {
                page.changed.push(T::deserialize(Budgeted(item)).map_err(Error::Json)?);
                false
            }
        };
        page.order.push((id, removed));
    }
    Ok(page)
}

/// The entries of `item`'s `<relationship>@delta` lists, as link changes of the item `id`.
/// An entry without an id names no link and is passed over.
fn link_changes(id: &str, item: &serde_json::Value, out: &mut Vec<LinkChange>) {
    let Some(fields) = item.as_object() else { return };
    for (key, list) in fields {
        let (Some(relationship), Some(list)) = (key.strip_suffix("@delta"), list.as_array()) else { continue };
        for entry in list {
            let text = |k: &str| entry.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let Some(linked) = text("id") else { continue };
            let removed = entry.get("@removed");
            // `@removed` is an object with a `reason` in Graph's answers; a bare text is read as one.
            let reason = removed.and_then(|r| r.get("reason").unwrap_or(r).as_str()).map(str::to_string);
            out.push(LinkChange {
                item: id.to_string(),
                relationship: relationship.to_string(),
                id: linked,
                odata_type: text("@odata.type"),
                removed: removed.is_some(),
                reason,
            });
        }
    }
}

impl<T> Request<Collection<T>>
where
    Collection<T>: ResponseKind,
{
    /// The same request, read as pages of changes: for `delta()` functions.
    pub fn into_delta(self) -> Request<Delta<T>> {
        self.with_kind()
    }
}

impl<T: DeserializeOwned> Request<Delta<T>> {
    /// The next sync, from the delta link the last one ended with. Nothing here says what the
    /// changes are, so write the type (`Request::<Delta<AnyMessage>>::resume(link)`), or take
    /// [`DeltaSync::resume`] after a walk, or [`resume_at`](Self::resume_at) on the query's own
    /// request, which say it for you.
    pub fn resume(delta_link: &str) -> Self {
        Request::new(http::Method::GET, delta_link.to_string())
    }

    /// This query's next sync, from a delta link kept since the last one (a string stored
    /// between runs): the request keeps its item type and the headers set on it (a
    /// `Prefer` the service asks to see again), with the link in place of its path.
    pub fn resume_at(&self, delta_link: &str) -> Self {
        self.redirected(delta_link)
    }

    /// The request for the page after `page`; `None` once the delta link is reached.
    pub fn next_delta_page(&self, page: &DeltaPage<T>) -> Option<Self> {
        let link = page.next_link.as_deref().filter(|l| *l != self.path())?;
        Some(self.redirected(link))
    }

    /// Walks every page with `send` (any sender: it sends one request and reads its page) under
    /// the service `root`, and gathers the changes up to the delta link. A walk that ends
    /// without one is an error (the next sync would have nowhere to start), and so is a next
    /// link that leaves the root's origin or leads back to a page already read.
    pub fn sync(self, root: &str, mut send: impl FnMut(&Self) -> Result<DeltaPage<T>, Error>) -> Result<DeltaSync<T>, Error>
    where
        T: Serialize,
    {
        let mut out = Gathering::default();
        let mut walk = Walk::new(root, &self);
        let mut request = self;
        loop {
            let page = send(&request)?;
            match out.absorb(&request, page) {
                Some(next) => request = walk.admit(next?)?,
                None => return Ok(out.done()),
            }
        }
    }
}

impl<T> Default for DeltaSync<T> {
    fn default() -> Self {
        DeltaSync { changed: Vec::new(), removed: Vec::new(), links: Vec::new(), delta_link: String::new(), headers: Vec::new() }
    }
}

impl<T: DeserializeOwned> DeltaSync<T> {
    /// The next sync, from where this one ended, with the headers this one sent:
    /// `client.sync(last.resume())` answers only what changed since.
    pub fn resume(&self) -> Request<Delta<T>> {
        self.headers.iter().fold(Request::resume(&self.delta_link), |r, (k, v)| r.header(k.as_str(), v.as_str()))
    }
}

/// A walk's changes so far, with each item's id in the order the pages listed them (the
/// k-th `false` is `sync.changed[k]`, the k-th `true` `sync.removed[k]`). Shared by
/// [`Request::sync`] and the client's `sync`.
pub(crate) struct Gathering<T> {
    sync: DeltaSync<T>,
    order: Vec<(Option<String>, bool)>,
}

impl<T> Default for Gathering<T> {
    fn default() -> Self {
        Gathering { sync: DeltaSync::default(), order: Vec::new() }
    }
}

impl<T: DeserializeOwned + Serialize> Gathering<T> {
    /// Takes in the page `request` answered: `None` once the delta link is reached (the walk
    /// is [`done`](Self::done)), else the request for the next page (an error when there is
    /// none: the walk would have nowhere to resume).
    pub(crate) fn absorb(&mut self, request: &Request<Delta<T>>, page: DeltaPage<T>) -> Option<Result<Request<Delta<T>>, Error>> {
        // Unfiltered: a link back to this very page is the walk's `Error::Paging`, not its end.
        let next = page.next_link.as_deref().map(|link| request.redirected(link));
        // A page whose lists were changed after it was read (a sender of the caller's) says
        // nothing of its order: its items stay as they are.
        match page.order.len() == page.changed.len() + page.removed.len() {
            true => self.order.extend(page.order),
            false => self.order.extend(page.changed.iter().map(|_| (None, false)).chain(page.removed.iter().map(|_| (None, true)))),
        }
        self.sync.changed.extend(page.changed);
        self.sync.removed.extend(page.removed);
        self.sync.links.extend(page.links);
        if let Some(link) = page.delta_link {
            // What a request to the link keeps of this one's headers (`Authorization` not).
            self.sync.headers = request.redirected(&link).headers().to_vec();
            self.sync.delta_link = link;
            return None;
        }
        Some(next.ok_or_else(|| Error::Transport("a delta walk ended without an @odata.deltaLink".into())))
    }

    /// The walk, each item once: where its last occurrence puts it, with what the occurrences
    /// before it (since it was last removed) gave and it leaves out.
    pub(crate) fn done(self) -> DeltaSync<T> {
        let Gathering { mut sync, order } = self;
        fill_in_repeats(&mut sync.changed, &order);
        // An item without an id is always kept.
        let keep = last_of(order.iter().map(|(id, _)| id.as_deref()));
        let kept = |removed: bool| order.iter().zip(&keep).filter(move |((_, r), _)| *r == removed).map(|(_, k)| *k);
        let (mut changed, mut removed) = (kept(false), kept(true));
        sync.changed.retain(|_| changed.next().unwrap_or(true));
        sync.removed.retain(|_| removed.next().unwrap_or(true));
        // A link changed twice keeps its last change, where that one stands in the order.
        let mut keep = last_of(sync.links.iter().map(|l| Some((&l.item, &l.relationship, &l.id)))).into_iter();
        sync.links.retain(|_| keep.next().unwrap_or(true));
        sync
    }
}

/// For each key in order, whether it is its key's last occurrence (a `None` key always is).
fn last_of<K: std::hash::Hash + Eq>(keys: impl DoubleEndedIterator<Item = Option<K>>) -> Vec<bool> {
    let mut seen = std::collections::HashSet::new();
    // Walking back, a key is its last occurrence the first time it is met.
    let mut last: Vec<bool> = keys.rev().map(|k| k.is_none_or(|k| seen.insert(k))).collect();
    last.reverse();
    last
}

/// Each changed item met more than once since its last removal, in its last occurrence,
/// with every key the occurrences before it gave and it leaves out (the later value where two
/// give one). Through JSON, which every model writes as it read it; an item that does not go
/// back through JSON stays its last occurrence.
fn fill_in_repeats<T: Serialize + DeserializeOwned>(changed: &mut [T], order: &[(Option<String>, bool)]) {
    let mut runs: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    let mut k = 0;
    for (id, removed) in order {
        match (id.as_deref(), removed) {
            (Some(id), true) => drop(runs.remove(id)),
            (Some(id), false) => runs.entry(id).or_default().push(k),
            (None, _) => {}
        }
        k += usize::from(!removed);
    }
    for run in runs.values().filter(|run| run.len() > 1) {
        let objects = run.iter().filter_map(|&i| changed.get(i)).map(|item| match serde_json::to_value(item) {
            Ok(serde_json::Value::Object(keys)) => Some(keys),
            _ => None,
        });
        let Some(all) = objects.collect::<Option<Vec<_>>>() else { continue };
        let all: serde_json::Map<String, serde_json::Value> = all.into_iter().flatten().collect();
        let (Some(&last), Ok(filled)) = (run.last(), serde_json::from_value::<T>(serde_json::Value::Object(all))) else { continue };
        if let Some(slot) = changed.get_mut(last) {
            *slot = filled;
        }
    }
}
