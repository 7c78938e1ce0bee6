//! A GET of a relationship that the table types as a base, while the relationship's own name,
//! the page's response annotation and its examples all say one derived kind: a room list's
//! `rooms` row says `place`, its page annotates `room`, and the example's elements (no
//! `@odata.type` on any) carry `capacity` and `building`, which `place` lacks. Graph leaves the
//! tag off where an element is of the declared type, so a reader of `place` could not tell
//! these are rooms: it would keep `capacity` among the unknown keys. Three statements against
//! the row's one: the answer is the kind, in the relationship's cardinality, and the row is
//! reported (the caller's GG0801, labelled with it).
//!
//! A relationship whose name is no kind's (`memberOf`, `members`, `manager`) keeps its type,
//! whatever its examples show: those hold several kinds, and the service tags each.

use crate::ir::{lineage, ExampleBody, HttpMethod, Operation, TypeRef};
use crate::urlspace::{UrlSpace, Walk};
use serde_json::Value;
use std::collections::BTreeSet;

/// The kind a GET answers by the evidence above, with why (for the IR) and the finding's text.
pub fn shown(op: &Operation, walk: &Walk, space: &UrlSpace<'_>) -> Option<(TypeRef, String, String)> {
    let t = op.response.r#type.as_ref()?;
    let (Some(owner), prop) = walk.via.as_ref()? else { return None };
    let row = lineage(space.types(), owner).into_iter().flat_map(|o| o.properties.iter()).find(|p| &p.name == prop)?;
    if op.method != HttpMethod::Get || row.r#type != *t || !space.types().contains_key(&t.name) {
        return None;
    }
    let kind = annotated_kind(op)?;
    let simple = kind.rsplit('.').next().unwrap_or(&kind);
    let names_kind = crate::naming::singular(prop).eq_ignore_ascii_case(simple) && (t.collection || prop.eq_ignore_ascii_case(simple));
    if kind == t.name || !space.is_a(&kind, &t.name) || !names_kind {
        return None;
    }
    let own = |name: &str| -> BTreeSet<String> {
        lineage(space.types(), name).into_iter().flat_map(|c| c.properties.iter().map(|p| p.name.clone())).collect()
    };
    let base = own(&t.name);
    let only_kind: BTreeSet<String> = own(&kind).difference(&base).cloned().collect();
    let shown = untagged_keys(op, t.collection)?;
    let telling: Vec<String> = shown.intersection(&only_kind).map(|k| format!("`{k}`")).collect();
    if telling.is_empty() {
        return None;
    }
    let read = TypeRef { name: kind.clone(), collection: t.collection };
    let keys = telling.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let settled = format!(
        "the relationship `{prop}` of `{owner}` is typed `{t}`; its name, the page's response annotation and its examples' untagged elements ({keys}, which `{}` lacks) say `{read}`",
        t.name
    );
    let message = format!(
        "`GET {}` reads `{prop}`, typed `{t}` by its row, but the relationship's name, the response annotation and the example's elements without `@odata.type` ({keys}) say `{read}`; read as `{read}`: make the row say `{simple}`",
        op.path
    );
    Some((read, settled, message))
}

/// The one type the response annotations of the examples calling this operation name.
fn annotated_kind(op: &Operation) -> Option<String> {
    let named: BTreeSet<String> = calling(op)
        .filter_map(|e| e.response.as_ref()?.annotated.as_deref())
        .map(|a| {
            let a = a.trim().trim_start_matches('#');
            let a = a.strip_prefix("Collection(").and_then(|n| n.strip_suffix(')')).unwrap_or(a);
            if a.contains('.') {
                a.to_string()
            } else {
                format!("{}.{a}", crate::frontend::DEFAULT_NAMESPACE)
            }
        })
        .collect();
    (named.len() == 1).then(|| named.into_iter().next()).flatten()
}

/// The keys of the elements the success examples calling this operation answer (each item of a
/// page of values, or the one object), if none of them carries an `@odata.type`.
fn untagged_keys(op: &Operation, collection: bool) -> Option<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    for e in calling(op) {
        let Some(r) = e.response.as_ref().filter(|r| (200..300).contains(&r.status)) else { continue };
        let Some(ExampleBody::Json(body)) = &r.body else { continue };
        let elements: Vec<&Value> = match (collection, body.get("value")) {
            (true, Some(Value::Array(items))) => items.iter().collect(),
            (true, _) => continue,
            (false, _) => vec![body],
        };
        for el in elements {
            let m = el.as_object()?;
            if m.contains_key("@odata.type") {
                return None;
            }
            keys.extend(m.keys().cloned());
        }
    }
    Some(keys)
}

fn calling(op: &Operation) -> impl Iterator<Item = &crate::ir::Example> {
    op.examples.iter().filter(move |e| e.request.as_ref().is_some_and(|r| op.called_by(r)))
}
