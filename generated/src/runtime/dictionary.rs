//! Models whose keys are data: a planner task's `assignments` (keyed by user id, each value a
//! `PlannerAssignment`), its `checklist` (by item id), its `appliedCategories` (`"category3":
//! true`). Their entries live in the model's `additional_properties`; the model's own `get`,
//! `entries`, `insert`, `with` and `set_null` read and write them as the value type, through
//! the functions here.
//!
//! A complex value goes out tagged with its `@odata.type`: an open type's property has no
//! declared type, so an OData service cannot read an untagged object there (the docs' examples
//! tag every assignment and checklist item). `null` is how a PATCH removes a key (unassigning a
//! user, deleting a checklist item); reads skip it.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The value under `key`, read as `T`; `None` where there is none or it is `null`.
#[doc(hidden)]
pub fn dictionary_get<T: DeserializeOwned>(map: &BTreeMap<String, Value>, key: &str) -> Option<Result<T, serde_json::Error>> {
    match map.get(key)? {
        Value::Null => None,
        v => Some(T::deserialize(v)),
    }
}

/// Every entry read as `T`, in key order: neither `null` values nor instance annotations
/// (`key@odata.type`).
#[doc(hidden)]
pub fn dictionary_entries<'a, T: DeserializeOwned>(
    map: &'a BTreeMap<String, Value>,
) -> impl Iterator<Item = (&'a str, Result<T, serde_json::Error>)> + 'a {
    map.iter().filter(|(k, v)| !k.contains('@') && !v.is_null()).map(|(k, v)| (k.as_str(), T::deserialize(v)))
}

/// Sets `key` to `value`, an object tagged `tag` unless it names its own kind.
#[doc(hidden)]
pub fn dictionary_insert<T: Serialize>(map: &mut BTreeMap<String, Value>, key: String, value: &T, tag: Option<&str>) {
    // The crate's models and primitives always serialize (string keys, non-finite floats as
    // OData's strings); were one not to, the key is sent as `null` rather than dropped silently.
    let mut v = serde_json::to_value(value).unwrap_or(Value::Null);
    if let (Some(tag), Value::Object(m)) = (tag, &mut v) {
        if m.get("@odata.type").is_none_or(Value::is_null) {
            m.insert("@odata.type".to_string(), Value::String(tag.to_string()));
        }
    }
    map.insert(key, v);
}
