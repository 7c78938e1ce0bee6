//! Properties whose cardinality the docs contradict. `presence`'s table says `availability` is
//! a `string collection`; its JSON representation shows one string, and so does every example
//! that carries it. Two statements outweigh one: the property is read as the representation
//! and the examples have it, the reason is kept in the type's `settled.cardinality`, and the
//! table row is reported (GG0211) in place of the representation (GG0207). With no example
//! carrying the property, or examples of both shapes, the table stands.
//!
//! Relationships are `cardinality`'s: the pages that list them speak for them.

use super::examples;
use super::json_repr::is_collection_word;
use super::row_blame::{retype_row, Outvoted};
use crate::conformance::Checker;
use crate::diag::{Code, Diags};
use crate::frontend::facts::JsonRepr;
use crate::ir::{Api, ExampleBody, Operation};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Where a representation shows a property in the other shape than its table row.
struct Shown {
    file: String,
    line: u32,
    array: bool,
}

pub fn correct(api: &mut Api, reprs: &[(String, String, JsonRepr)], diags: &mut Diags) {
    let shown = candidates(api, reprs);
    if shown.is_empty() {
        return;
    }
    let seen = seen_at(api, shown.keys().cloned().collect());
    let mut counts: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for s in seen {
        let c = counts.entry((s.holder, s.key)).or_default();
        if s.array {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
    }
    for ((q, key), s) in shown {
        let (arrays, ones) = counts.get(&(q.clone(), key.clone())).copied().unwrap_or_default();
        let agree = if s.array { arrays } else { ones };
        if agree == 0 || arrays.min(ones) > 0 {
            continue;
        }
        let o = Outvoted { holder: &q, key: &key, file: &s.file, line: s.line, agree };
        let retype = |t: &mut crate::ir::TypeRef| t.collection = s.array;
        retype_row(api, diags, o, (Code::PropertyCardinality, "show"), retype, |s| &mut s.cardinality);
    }
}

/// Each structural property of its own table that its type's representation shows in the other
/// shape: an array (or `"Collection(String)"`) for one value, one value for a collection.
fn candidates(api: &Api, reprs: &[(String, String, JsonRepr)]) -> BTreeMap<(String, String), Shown> {
    let mut out = BTreeMap::new();
    for (q, file, repr) in reprs {
        let Some(t) = api.types.get(q) else { continue };
        for (key, value, line) in &repr.entries {
            let Some(p) = t.properties.iter().find(|p| &p.name == key && !p.navigation) else { continue };
            let array = match value {
                Value::Null => continue,
                Value::Array(_) => true,
                Value::String(s) => is_collection_word(s),
                _ => false,
            };
            if array != p.r#type.collection {
                out.insert((q.clone(), key.clone()), Shown { file: file.clone(), line: *line, array });
            }
        }
    }
    out
}

/// Every value the examples give the watched properties (type, property name), walking only
/// the operations whose examples name one of them.
pub(super) fn seen_at(api: &Api, watch: BTreeSet<(String, String)>) -> Vec<crate::conformance::Seen> {
    let keys: BTreeSet<String> = watch.iter().map(|(_, k)| k.clone()).collect();
    let keys: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
    let checker = Checker::watching(api, watch);
    for op in api.operations.iter().filter(|op| mentions_any(op, &keys)) {
        examples::operation(&checker, op);
    }
    checker.seen()
}

/// Whether any example body of `op` has one of `keys` as a key, at any depth: only those are
/// walked.
pub(super) fn mentions_any(op: &Operation, keys: &BTreeSet<&str>) -> bool {
    fn has(v: &Value, keys: &BTreeSet<&str>) -> bool {
        match v {
            Value::Object(m) => m.iter().any(|(k, v)| keys.contains(k.as_str()) || has(v, keys)),
            Value::Array(items) => items.iter().any(|i| has(i, keys)),
            _ => false,
        }
    }
    let bodies = op
        .examples
        .iter()
        .flat_map(|e| [e.request.as_ref().and_then(|r| r.body.as_ref()), e.response.as_ref().and_then(|r| r.body.as_ref())]);
    // By reference: a template's placeholders change values, not keys, and a copy of every
    // example body of every operation made this pass cost as much as reading the pages.
    bodies.flatten().any(|b| match b {
        ExampleBody::Json(v) | ExampleBody::Template(v) => has(v, keys),
        ExampleBody::Text(_) => false,
    })
}
