//! Dictionaries: open types with no properties of their own, whose keys are data. A planner
//! task's `assignments` is keyed by user id, each value a `plannerAssignment`; its
//! `checklist` by item id, each a `plannerChecklistItem`; its `appliedCategories` by category,
//! each `true`. No table says what the values are; the type's JSON representation shows them:
//!
//! - every value `true`/`false`: `Edm.Boolean`; every value a string: `Edm.String`;
//! - every object tagged with one `@odata.type` (`plannerAssignments`): that type;
//! - untagged objects: the one type holding most of their keys, two or more and at least half
//!   of them (`plannerChecklistItems`' `isChecked`, `orderHint`, `title`, ...). A tie, or keys
//!   no type holds, leave the values untyped.
//!
//! `null` values are skipped: in these dictionaries `null` is what removes a key on the
//! service. The crate gives a dictionary typed accessors over its keys (`emit::models`).

use crate::frontend::facts::JsonRepr;
use crate::ir::{lineage, ComplexType, TypeRef};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub fn settle(types: &mut BTreeMap<String, ComplexType>, reprs: &[(String, String, JsonRepr)]) {
    let mut found = Vec::new();
    for (q, _, repr) in reprs {
        let Some(t) = types.get(q) else { continue };
        if !t.open || !t.properties.is_empty() || t.base.is_some() || types.values().any(|d| d.base.as_deref() == Some(q.as_str())) {
            continue;
        }
        if let Some((value, why)) = value_type(types, repr) {
            found.push((q.clone(), value, why));
        }
    }
    for (q, value, why) in found {
        if let Some(t) = types.get_mut(&q) {
            t.values = Some(value);
            t.settled.values = Some(why);
        }
    }
}

fn value_type(types: &BTreeMap<String, ComplexType>, repr: &JsonRepr) -> Option<(TypeRef, String)> {
    let values: Vec<&Value> = repr.entries.iter().map(|(_, v, _)| v).filter(|v| !v.is_null()).collect();
    let first = values.first()?;
    let primitive = match first {
        Value::Bool(_) if values.iter().all(|v| v.is_boolean()) => Some(crate::ir::primitive::BOOLEAN),
        Value::String(_) if values.iter().all(|v| v.is_string()) => Some(crate::ir::primitive::STRING),
        _ => None,
    };
    if let Some(p) = primitive {
        return Some((TypeRef::single(p), format!("every value its JSON representation shows is a `{p}`")));
    }
    let objects: Vec<&serde_json::Map<String, Value>> = values.iter().filter_map(|v| v.as_object()).collect();
    if objects.len() != values.len() {
        return None;
    }
    let tags: BTreeSet<String> = objects.iter().filter_map(|o| o.get("@odata.type")?.as_str()).map(qualified).collect();
    let tagged = objects.iter().filter(|o| o.contains_key("@odata.type")).count();
    match tags.len() {
        1 if tagged == objects.len() => {
            let tag = tags.into_iter().next()?;
            types.contains_key(&tag).then(|| {
                let why = format!("every value its JSON representation shows is tagged `{tag}`");
                (TypeRef::single(&tag), why)
            })
        }
        0 => by_keys(types, &objects),
        _ => None,
    }
}

/// The one type whose properties (inherited ones too) hold most of the objects' keys.
fn by_keys(types: &BTreeMap<String, ComplexType>, objects: &[&serde_json::Map<String, Value>]) -> Option<(TypeRef, String)> {
    let keys: BTreeSet<&str> = objects.iter().flat_map(|o| o.keys().map(String::as_str)).collect();
    let mut best: Vec<(usize, &str)> = Vec::new();
    for t in types.values().filter(|t| !t.open) {
        let held = lineage(types, &t.name).iter().flat_map(|c| c.properties.iter()).filter(|p| keys.contains(p.name.as_str())).count();
        if held < 2 || held * 2 < keys.len() {
            continue;
        }
        match best.first().map(|b| b.0) {
            Some(n) if n > held => {}
            Some(n) if n == held => best.push((held, &t.name)),
            _ => best = vec![(held, &t.name)],
        }
    }
    let [(held, name)] = best.as_slice() else { return None };
    let why =
        format!("`{name}` holds {held} of the {} keys of the values its JSON representation shows, no other type as many", keys.len());
    Some((TypeRef::single(*name), why))
}

fn qualified(tag: &str) -> String {
    let tag = tag.trim_start_matches('#');
    if tag.contains('.') {
        tag.to_string()
    } else {
        format!("{}.{tag}", crate::frontend::DEFAULT_NAMESPACE)
    }
}
