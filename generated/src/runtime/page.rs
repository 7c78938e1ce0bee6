//! Collection pages and walking them: [`Page`], how a page is read, the request for the next
//! page, and [`Pages`], the walk to the last one. All paging lives here.
//!
//! A page is read in one pass: its items go straight into the page's `Vec`, each filled in
//! place (`Deserialize::deserialize_in_place`, which the generated models implement), so a
//! model of some kilobytes is not built on the stack and copied at every level on its way in.
//! That is why reading a page asks `T: Default`: every generated type, `String`, the `edm` types
//! and `serde_json::Value` are.

use super::budget::{charge, within, Budgeted};
use super::object::at_path;
use super::request::{under_root, Request};
use super::response::{Collection, ResponseKind};
use super::Error;
use serde::de::{DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

/// One page of a collection response.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub value: Vec<T>,
    /// `@odata.nextLink`: where the next page is; `None` on the last page.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: where the next delta sync starts, on the last page of a delta walk.
    pub delta_link: Option<String>,
    /// `@odata.count`, when `$count=true` asked for it.
    pub count: Option<i64>,
    /// Every other key of the page (`@odata.context`, ...), kept so that a page writes back
    /// as it came.
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { value: Vec::new(), next_link: None, delta_link: None, count: None, additional_properties: BTreeMap::new() }
    }
}

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("value", &self.value)?;
        if let Some(link) = &self.next_link {
            m.serialize_entry("@odata.nextLink", link)?;
        }
        if let Some(link) = &self.delta_link {
            m.serialize_entry("@odata.deltaLink", link)?;
        }
        if let Some(count) = &self.count {
            m.serialize_entry("@odata.count", count)?;
        }
        for (k, v) in &self.additional_properties {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PageVisitor(PhantomData))
    }
}

/// Reads a page, its items in place.
struct PageVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a collection page: a JSON object with a `value` array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut page = Page::default();
        let mut has_value = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => {
                    has_value = true;
                    map.next_value_seed(Items { into: &mut page.value })?
                }
                "@odata.nextLink" => page.next_link = map.next_value()?,
                "@odata.deltaLink" => page.delta_link = map.next_value()?,
                "@odata.count" => page.count = map.next_value()?,
                _ => {
                    let value = map.next_value()?;
                    page.additional_properties.insert(key, value);
                }
            }
        }
        // `{}` or an error envelope under a 200 is no empty page.
        if !has_value {
            return Err(serde::de::Error::missing_field("value"));
        }
        Ok(page)
    }
}

/// Reads a JSON array onto the end of a `Vec`, each item in place. An error names the item:
/// `value[3].displayName: ...`. Each item's slot is charged to the decode's memory budget
/// (`budget.rs`): a page of many small items (`{},{},...`) can take far more memory than its
/// text, as much as `size_of::<T>()` (some kilobytes for a large model) per item of three bytes.
struct Items<'a, T> {
    into: &'a mut Vec<T>,
}

impl<'de, T: Deserialize<'de> + Default> DeserializeSeed<'de> for Items<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for Items<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let at = self.into.len();
            charge::<A::Error>(std::mem::size_of::<T>()).map_err(|e| at_path(&format!("value[{at}]"), e))?;
            self.into.push(T::default());
            let read = seq.next_element_seed(InPlace(&mut self.into[at])).map_err(|e| at_path(&format!("value[{at}]"), e))?;
            if read.is_none() {
                self.into.pop();
                return Ok(());
            }
        }
    }
}

/// Reads one value into an existing place.
struct InPlace<'a, T>(&'a mut T);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for InPlace<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        T::deserialize_in_place(d, self.0)
    }
}

impl<T: DeserializeOwned + Default> ResponseKind for Collection<T> {
    type Output = Page<T>;
    fn read(body: &[u8]) -> Result<Page<T>, Error> {
        read_page(body, usize::MAX)
    }

    /// The page, taking at most `limit` bytes in memory: its items, and what they hold.
    fn read_owned(body: Vec<u8>, limit: usize) -> Result<Page<T>, Error> {
        read_page(&body, limit)
    }
}

/// A page from `body`, taking at most `limit` bytes in memory (`budget.rs`).
fn read_page<T: DeserializeOwned + Default>(body: &[u8], limit: usize) -> Result<Page<T>, Error> {
    let page = within(limit, || {
        let mut de = serde_json::Deserializer::from_slice(body);
        let page = Budgeted(&mut de).deserialize_map(PageVisitor(PhantomData))?;
        de.end().map(|()| page)
    });
    page.map_err(|e| not_a_page(e, body))
}

/// A collection answer that is not a page, the start of its body shown (an error envelope
/// under a 200, an HTML page, `{}`).
pub(crate) fn not_a_page(e: serde_json::Error, body: &[u8]) -> Error {
    let text = String::from_utf8_lossy(&body[..body.len().min(512)]);
    let start: String = text.chars().take(200).collect();
    let more = if start.len() < body.len() { "..." } else { "" };
    let message = format!("{e}; the collection answer begins: {start}{more}");
    Error::Json(<serde_json::Error as serde::de::Error>::custom(message))
}

impl<T> Request<Collection<T>>
where
    Collection<T>: ResponseKind<Output = Page<T>>,
{
    /// The request for the page after `page`: its `@odata.nextLink` (which carries the query),
    /// with this request's headers. `None` on the last page, and when the link points back at
    /// this request (a walk would never end).
    pub fn next_page(&self, page: &Page<T>) -> Option<Self> {
        let link = page.next_link.as_deref().filter(|l| *l != self.path())?;
        Some(self.link(link))
    }

    /// The page at `next_link`, a link kept from an earlier page (a web app's "next" button,
    /// one page per visit), with this request's headers (a calendar view's
    /// `Prefer: outlook.timezone`), which a request written from the link alone would lose.
    pub fn at_link(&self, next_link: &str) -> Self {
        self.link(next_link)
    }

    /// The next page of a walk, which [`Walk::admit`] checks: a link back to this very page is
    /// [`Error::Paging`] there, not the end of the walk.
    pub(crate) fn next_in_walk(&self, page: &Page<T>, walk: &mut Walk) -> Option<Result<Self, Error>> {
        page.next_link.as_deref().map(|link| walk.admit(self.link(link)))
    }

    /// The `GET` of a next link, with this request's headers.
    fn link(&self, link: &str) -> Self {
        let mut next = Request::new(http::Method::GET, link.to_string());
        for (k, v) in self.headers().iter().filter(|(k, _)| !k.eq_ignore_ascii_case("content-type")) {
            next = next.header(k.as_str(), v.as_str());
        }
        next
    }

    /// Walk every page: `send` sends a request and reads its page (with any HTTP client),
    /// under the service `root` it sends to. A next link that leaves the root's origin, or leads
    /// back to a page already read, ends the walk with [`Error::Paging`] instead of being sent.
    pub fn pages<F>(self, root: &str, send: F) -> Pages<T, F>
    where
        F: FnMut(&Request<Collection<T>>) -> Result<Page<T>, Error>,
    {
        let walk = Walk::new(root, &self);
        Pages { next: Ok(Some(self)), send, walk }
    }
}

/// The links a walk over pages has followed, and the root it must stay under: every walk
/// (the core iterator, the client's stream, delta syncs) admits each next request here.
pub(crate) struct Walk {
    root: String,
    seen: HashSet<String>,
    /// At most this many pages (the client's `with_page_limit`).
    limit: Option<usize>,
}

impl Walk {
    /// A walk from `first` under `root`.
    pub(crate) fn new<K: ResponseKind>(root: &str, first: &Request<K>) -> Walk {
        Walk { root: root.to_string(), seen: HashSet::from([first.url(root)]), limit: None }
    }

    /// The same walk, ending with [`Error::Paging`] rather than read more than `limit` pages.
    #[cfg(any(feature = "reqwest", feature = "reqwest-no-tls"))]
    pub(crate) fn limited(mut self, limit: Option<usize>) -> Walk {
        self.limit = limit;
        self
    }

    /// `next`, unless it leaves the root's origin or was sent before in this walk.
    pub(crate) fn admit<K: ResponseKind>(&mut self, next: Request<K>) -> Result<Request<K>, Error> {
        let url = next.url(&self.root);
        if !under_root(&url, &self.root) {
            return Err(Error::Paging(format!("the next link {url} leaves the origin of the service root {}", self.root)));
        }
        if !self.seen.insert(url.clone()) {
            return Err(Error::Paging(format!("the next link {url} leads back to a page already read")));
        }
        if let Some(limit) = self.limit.filter(|limit| self.seen.len() > *limit) {
            return Err(Error::Paging(format!("the walk would read more than {limit} pages (the client's page limit); next: {url}")));
        }
        Ok(next)
    }
}

/// Every page of a collection, in order, sent by any client: the closure sends one request and
/// reads its page. Made by [`Request::pages`]. Stops after the last page or after an error.
pub struct Pages<T, F> {
    next: Result<Option<Request<Collection<T>>>, Error>,
    send: F,
    walk: Walk,
}

impl<T, F> Iterator for Pages<T, F>
where
    Collection<T>: ResponseKind<Output = Page<T>>,
    F: FnMut(&Request<Collection<T>>) -> Result<Page<T>, Error>,
{
    type Item = Result<Page<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = match std::mem::replace(&mut self.next, Ok(None)) {
            Ok(next) => next?,
            Err(e) => return Some(Err(e)),
        };
        match (self.send)(&request) {
            Ok(page) => {
                self.next = request.next_in_walk(&page, &mut self.walk).transpose();
                Some(Ok(page))
            }
            Err(e) => Some(Err(e)),
        }
    }
}
