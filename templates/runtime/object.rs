//! How the generated models go to and from JSON objects, one line per field each way.
//!
//! Serialization is written out, not derived: `serde`'s derive expands to some forty lines per
//! field, and with ten thousand fields in v1.0 that dominated `cargo check` of the generated
//! crate. Reading streams: each key goes straight to its field's `Deserialize` through a map
//! visitor, with no JSON tree built in between, and keys no field takes are kept as JSON.

use super::Nullable;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// Writes a model as a JSON object: one call per field, absent fields left out.
pub struct ObjectWriter<M> {
    map: M,
    /// [`ObjectWriter::annotations`] wrote the kept keys holding an `@`: `extra` skips them.
    annotated: bool,
}

impl<M: serde::ser::SerializeMap> ObjectWriter<M> {
    pub fn new<S: Serializer<SerializeMap = M>>(s: S) -> Result<Self, S::Error> {
        Ok(ObjectWriter { map: s.serialize_map(None)?, annotated: false })
    }

    /// The kept annotations, before any field: instance annotations (`@odata.etag`) and
    /// property annotations (`tags@odata.type`, which OData's JSON format puts before the
    /// property they annotate, as the connector pages write `"tags@odata.type":
    /// "Collection(String)"` before `"tags"`). A map sorts `tags` before `tags@odata.type`,
    /// so [`extra`](Self::extra) alone would write them after.
    pub fn annotations(&mut self, extra: &BTreeMap<String, serde_json::Value>) -> Result<(), M::Error> {
        for (k, v) in extra.iter().filter(|(k, _)| k.contains('@')) {
            self.map.serialize_entry(k, v)?;
        }
        self.annotated = true;
        Ok(())
    }

    pub fn field<T: Serialize>(&mut self, key: &str, value: &Nullable<T>) -> Result<(), M::Error> {
        if value.is_absent() {
            return Ok(());
        }
        self.map.serialize_entry(key, value)
    }

    /// A number field: a float that is not finite goes as OData's string (`NaN`, `INF`).
    pub fn number<T: super::WireNumber>(&mut self, key: &str, value: &Nullable<T>) -> Result<(), M::Error> {
        if value.is_absent() {
            return Ok(());
        }
        self.map.serialize_entry(key, &super::number::Written(value))
    }

    /// The properties an open type keeps beyond its documented ones (less the annotations
    /// [`annotations`](Self::annotations) wrote).
    pub fn extra(&mut self, extra: &BTreeMap<String, serde_json::Value>) -> Result<(), M::Error> {
        for (k, v) in extra.iter().filter(|(k, _)| !(self.annotated && k.contains('@'))) {
            self.map.serialize_entry(k, v)?;
        }
        Ok(())
    }

    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

/// Writes `x` with `"@odata.type": tag` when it has none of its own: a derived type in a place
/// its base is expected (a `FileAttachment` as an attachment) must say what it is. Goes
/// through a JSON value, so only values that lack the tag pay for it.
#[doc(hidden)]
pub fn tagged<T: Serialize, S: Serializer>(x: &T, odata_type: &Nullable<String>, tag: &str, s: S) -> Result<S::Ok, S::Error> {
    if !odata_type.is_absent() {
        return x.serialize(s);
    }
    let v = serde_json::to_value(x).map_err(serde::ser::Error::custom)?;
    let serde_json::Value::Object(m) = v else { return v.serialize(s) };
    // The tag first, then the annotations, then the properties, as a model writes itself
    // (`ObjectWriter::annotations`): the JSON value's map sorts its keys, which would put
    // `tags@odata.type` after `tags`.
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(m.len() + 1))?;
    map.serialize_entry("@odata.type", tag)?;
    for (k, v) in m.iter().filter(|(k, _)| k.contains('@')).chain(m.iter().filter(|(k, _)| !k.contains('@'))) {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// A model field as `{:?}` shows it: nothing when `Absent`, `Null`, or the value itself.
pub trait DebugField {
    /// `None` for an absent field, which `Debug` of a model leaves out.
    fn debug_value(&self) -> Option<&dyn fmt::Debug>;
}

impl<T: fmt::Debug> DebugField for Nullable<T> {
    fn debug_value(&self) -> Option<&dyn fmt::Debug> {
        /// Prints `Null`.
        struct Null;
        impl fmt::Debug for Null {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Null")
            }
        }
        match self {
            Nullable::Absent => None,
            Nullable::Null => Some(&Null),
            Nullable::Value(v) => Some(v),
        }
    }
}

/// `Debug` of a generated model: only the fields that are not `Absent` (a model has up to a few
/// hundred, most of them absent in any one answer), each as `Null` or its value, and
/// `additional_properties` only when it holds keys. One call per model with a slice of its
/// fields, as `#[derive(Debug)]` expands to, so `cargo check` pays no more than for the derive.
#[doc(hidden)]
pub fn debug_model(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    fields: &[(&str, &dyn DebugField)],
    rest: &BTreeMap<String, serde_json::Value>,
) -> fmt::Result {
    let mut d = f.debug_struct(name);
    for (field, value) in fields {
        if let Some(v) = value.debug_value() {
            d.field(field, v);
        }
    }
    if !rest.is_empty() {
        d.field("additional_properties", rest);
    }
    d.finish()
}

/// A model read from a JSON object key by key: what every generated model implements, and what
/// [`read_object`] drives. A key missing from the input leaves its field `Absent` (the
/// `Default`), `null` makes it `Null`.
pub trait ReadFields: Default {
    /// Reads the value of `key` into its field with [`field`]; `Ok(false)`, value untouched,
    /// when no field takes the key.
    fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Where the keys no field takes are kept, as JSON.
    fn rest(&mut self) -> &mut BTreeMap<String, serde_json::Value>;

    /// The `@odata.type` field every model has (bodies of actions have none): set from outside
    /// when a polymorphic read has already taken the key.
    fn odata_type(&mut self) -> Option<&mut Nullable<String>> {
        None
    }

    /// The wire names of the fields the type's docs call read-only (`id`, `createdDateTime`):
    /// what [`Changes::writable`] leaves out.
    const READ_ONLY: &'static [&'static str] = &[];
}

/// The body of a `$ref` write: a model holding only `@odata.id`, the URL of the entity to
/// link (OData's entity reference). Adding a member to a group:
///
/// ```ignore
/// let member = CRATE::runtime::reference::<DirectoryObject>("https://graph.microsoft.com/v1.0/directoryObjects/ID");
/// client.send(&CRATE::groups().id("GROUP-ID").members().reference().post(&member.into())).await?;
/// ```
pub fn reference<T: ReadFields>(url: impl Into<String>) -> T {
    let mut x = T::default();
    x.rest().insert("@odata.id".into(), serde_json::Value::String(url.into()));
    x
}

/// Links the entity a write creates to entities that exist, by their URLs: OData's
/// `relationship@odata.bind`, which the docs' create pages use for a new group's owners and
/// members or a new team's template. The keys go with the model's other properties; the
/// model's own field of that name (`members`, entities written out in full) stays unset.
///
/// ```ignore
/// use CRATE::runtime::Bind;
/// let group = Group { display_name: "Eng".into(), ..Default::default() }
///     .bind_all("members", ["https://graph.microsoft.com/v1.0/users/ID-1", "https://graph.microsoft.com/v1.0/users/ID-2"])
///     .bind_all("owners", ["https://graph.microsoft.com/v1.0/users/ID-1"]);
/// let team = Team::default().bind("template", "https://graph.microsoft.com/v1.0/teamsTemplates('standard')");
/// ```
pub trait Bind: ReadFields {
    /// `relationship@odata.bind: url`: a single-valued relationship (a team's `template`).
    fn bind(mut self, relationship: &str, url: impl Into<String>) -> Self {
        self.rest().insert(format!("{relationship}@odata.bind"), serde_json::Value::String(url.into()));
        self
    }

    /// `relationship@odata.bind: [url, ...]`: a collection (a group's `members`, `owners`).
    fn bind_all<S: Into<String>>(mut self, relationship: &str, urls: impl IntoIterator<Item = S>) -> Self {
        let urls = urls.into_iter().map(|u| serde_json::Value::String(u.into())).collect();
        self.rest().insert(format!("{relationship}@odata.bind"), serde_json::Value::Array(urls));
        self
    }
}

impl<T: ReadFields> Bind for T {}

/// What an update after a read should send: the fields changed since, not the whole model a
/// GET answered (its read-only `id` and `createdDateTime`, its `@odata.context`, and every
/// field as it was, which a concurrent change elsewhere would have the PATCH undo).
///
/// ```ignore
/// use CRATE::runtime::Changes;
/// let before = client.send(&CRATE::users().id("ID").get()).await?;
/// let mut user = before.clone();
/// user.job_title = "Lead".into();
/// user.office_location = CRATE::Nullable::clear();
/// // PATCH {"jobTitle":"Lead","officeLocation":null}
/// client.send(&CRATE::users().id("ID").update(&user.changes_since(&before))).await?;
/// ```
pub trait Changes: ReadFields + Serialize + serde::de::DeserializeOwned + Clone {
    /// The fields whose JSON differs from `before`'s, the others absent. A changed complex
    /// value or list goes whole, as Graph replaces it whole; a field made absent is not sent
    /// (absent means "not sent", `Nullable::clear()` sends `null`). `@odata.type` goes along
    /// when anything changed, as updates of a derived type need it. A model reads its own JSON
    /// back; were that ever to fail, the whole model is the answer, never a partial one.
    fn changes_since(&self, before: &Self) -> Self {
        let (Ok(serde_json::Value::Object(after)), Ok(serde_json::Value::Object(before))) =
            (serde_json::to_value(self), serde_json::to_value(before))
        else {
            return self.clone();
        };
        let mut changed: serde_json::Map<String, serde_json::Value> =
            after.iter().filter(|(k, v)| before.get(*k) != Some(*v)).map(|(k, v)| (k.clone(), v.clone())).collect();
        if let Some(tag) = after.get("@odata.type").filter(|_| !changed.is_empty()) {
            changed.insert("@odata.type".into(), tag.clone());
        }
        serde_json::from_value(serde_json::Value::Object(changed)).unwrap_or_else(|_| self.clone())
    }

    /// The model without what the service sets: the fields its docs call read-only
    /// ([`ReadFields::READ_ONLY`]: `id`, `createdDateTime`, ...) and the annotations it answered
    /// with (`@odata.context`, `@odata.etag`, `members@odata.nextLink`); `@odata.type` and
    /// `@odata.bind` stay. What a PUT that replaces a resource read before sends, or a create
    /// that copies one (a policy read from one tenant, created in another). Nested values keep
    /// theirs.
    fn writable(&self) -> Self {
        let Ok(serde_json::Value::Object(mut all)) = serde_json::to_value(self) else {
            return self.clone();
        };
        let set_by_service = |k: &str| match k.split_once('@') {
            Some((_, "odata.type" | "odata.bind")) => false,
            Some(_) => true,
            None => Self::READ_ONLY.contains(&k),
        };
        all.retain(|k, _| !set_by_service(k));
        serde_json::from_value(serde_json::Value::Object(all)).unwrap_or_else(|_| self.clone())
    }
}

impl<T: ReadFields + Serialize + serde::de::DeserializeOwned + Clone> Changes for T {}

/// Reads a [`ReadFields`] model from any deserializer that holds an object: the body of every
/// generated `Deserialize` impl.
pub fn read_object<'de, D: Deserializer<'de>, T: ReadFields>(d: D) -> Result<T, D::Error> {
    let mut x = T::default();
    d.deserialize_map(Fill(&mut x))?;
    Ok(x)
}

/// Reads a [`ReadFields`] model into `place`, which is reset first: the body of every generated
/// `Deserialize::deserialize_in_place`, through which a page fills its items where they lie.
pub fn read_object_in_place<'de, D: Deserializer<'de>, T: ReadFields>(d: D, place: &mut T) -> Result<(), D::Error> {
    *place = T::default();
    d.deserialize_map(Fill(place))
}

/// Reads an object's keys into a model.
struct Fill<'a, T>(&'a mut T);

impl<'de, T: ReadFields> Visitor<'de> for Fill<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        fill(self.0, &mut map)
    }
}

/// Reads the value for `key` into `slot`. An error names the field's path from the outermost
/// model down: `manager.displayName: invalid type: ...`.
pub fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A, key: &str, slot: &mut Nullable<T>) -> Result<bool, A::Error> {
    *slot = map.next_value().map_err(|e| at_path(key, e))?;
    Ok(true)
}

/// `e` with `key` put in front of the field path it names. A path is the message's text before
/// its first `": "` when that text has no space (JSON keys in Graph have none; serde's own
/// messages, "invalid type: ...", do). serde_json keeps the line and column: it reads them back
/// from the message's end.
pub(crate) fn at_path<E: de::Error>(key: &str, e: E) -> E {
    let msg = e.to_string();
    match msg.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => E::custom(format_args!("{key}.{path}: {rest}")),
        _ => E::custom(format_args!("{key}: {msg}")),
    }
}

/// Reads the remaining keys of `map` into `x`.
fn fill<'de, T: ReadFields, A: MapAccess<'de>>(x: &mut T, map: &mut A) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if !x.read_field(key.as_str(), map)? {
            let value = map.next_value()?;
            x.rest().insert(key.into_string(), value);
        }
    }
    Ok(())
}

/// A base type or any type derived from it, told apart by `@odata.type`: what the generated
/// `Any*` enums implement, and what [`read_polymorphic`] drives.
pub trait Polymorphic: Sized {
    /// Builds the variant `tag` names (the type's simple name in lower case, `""` when the object
    /// has no tag), reading the object's other keys from `rest`.
    fn read_as<'de, A: MapAccess<'de>>(tag: &str, rest: Rest<A>) -> Result<Self, A::Error>;
}

/// Reads a [`Polymorphic`] value. The service writes `@odata.type` first, and then the object
/// streams into the variant it names; when the tag comes later, the object is read into a JSON
/// tree first, to find it.
pub fn read_polymorphic<'de, D: Deserializer<'de>, P: Polymorphic>(d: D) -> Result<P, D::Error> {
    d.deserialize_map(PolymorphicVisitor(PhantomData))
}

/// The rest of an object whose `@odata.type` has been read: [`Rest::read`] makes the model.
pub struct Rest<A> {
    map: A,
    first: First,
}

enum First {
    /// `@odata.type` was the first key, with this value; the other keys are still in the input.
    Tag(Nullable<String>),
    /// The whole object, read to find a tag that came later.
    Tree(serde_json::Map<String, serde_json::Value>),
}

impl<'de, A: MapAccess<'de>> Rest<A> {
    /// The object as the model `T`.
    pub fn read<T: ReadFields>(self) -> Result<Box<T>, A::Error> {
        let Rest { mut map, first } = self;
        match first {
            First::Tag(tag) => {
                // The box is memory the decode's budget counts (`budget.rs`).
                super::budget::charge::<A::Error>(std::mem::size_of::<T>())?;
                let mut x = T::default();
                match x.odata_type() {
                    Some(slot) => *slot = tag,
                    None => {
                        let value = tag.into_option().map_or(serde_json::Value::Null, serde_json::Value::String);
                        x.rest().insert("@odata.type".to_string(), value);
                    }
                }
                fill(&mut x, &mut map)?;
                Ok(Box::new(x))
            }
            First::Tree(tree) => {
                super::budget::charge::<A::Error>(std::mem::size_of::<T>())?;
                read_object(serde_json::Value::Object(tree)).map(Box::new).map_err(de::Error::custom)
            }
        }
    }
}

/// `#microsoft.graph.fileAttachment` as `fileattachment`: pages spell one type with other
/// namespaces and cases.
fn simple_name(tag: &str) -> String {
    tag.rsplit('.').next().unwrap_or("").trim_start_matches('#').to_ascii_lowercase()
}

struct PolymorphicVisitor<P>(PhantomData<fn() -> P>);

impl<'de, P: Polymorphic> Visitor<'de> for PolymorphicVisitor<P> {
    type Value = P;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
        let first = map.next_key::<Key<'de>>()?;
        if let Some(key) = first.as_ref().filter(|k| k.as_str() == "@odata.type") {
            let tag: Nullable<String> = map.next_value().map_err(|e| at_path(key.as_str(), e))?;
            let simple = tag.get().map(|t| simple_name(t)).unwrap_or_default();
            return P::read_as(&simple, Rest { map, first: First::Tag(tag) });
        }
        let mut tree = serde_json::Map::new();
        if let Some(key) = first {
            let value = map.next_value()?;
            tree.insert(key.into_string(), value);
        }
        while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
            tree.insert(key, value);
        }
        let simple = tree.get("@odata.type").and_then(serde_json::Value::as_str).map(simple_name).unwrap_or_default();
        P::read_as(&simple, Rest { map, first: First::Tree(tree) })
    }
}

/// An object key, borrowed from the input when the input allows (no escapes in it), so that
/// matching a key to its field allocates nothing.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    fn into_string(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_string(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}
