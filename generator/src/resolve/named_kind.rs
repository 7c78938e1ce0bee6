//! A GET of a relationship that the table types as a base, while the relationship's own name,
//! the page's response annotation and its examples all say one derived kind: a room list's
//! `rooms` row says `place`, its page annotates `room`, and the example's elements (no
//! `@odata.type` on any) carry `capacity` and `building`, which `place` lacks. Graph leaves the
//! tag off where an element is of the declared type, so a reader of `place` could not tell
//! these are rooms: it would keep `capacity` among the unknown keys. Three statements against
//! the row's one: the answer is the kind, in the relationship's cardinality, and the row is
//! reported (the caller's GG0801, labelled with it).
//!
//! The row itself then says the kind too ([`narrow`]): the model's `rooms` is a `room`
//! collection, so that `$expand=rooms` and the read's `@odata.context` agree with the read.
//!
//! A relationship whose name is no kind's (`memberOf`, `members`, `manager`) keeps its type,
//! whatever its examples show: those hold several kinds, and the service tags each.

use crate::ir::{lineage, ComplexType, ExampleBody, HttpMethod, Operation, TypeRef};
use crate::urlspace::{UrlSpace, Walk};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A relationship row to read as the kind its read answers.
pub struct Narrowed {
    owner: String,
    property: String,
    kind: TypeRef,
    why: String,
}

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
    if kind == t.name || !space.is_a(&kind, &t.name) || !names_kind(prop, &kind, t.collection) {
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

/// Whether a relationship's name is the kind's: its plural for a collection, else its name.
fn names_kind(prop: &str, kind: &str, collection: bool) -> bool {
    let simple = kind.rsplit('.').next().unwrap_or(kind);
    crate::naming::singular(prop).eq_ignore_ascii_case(simple) && (collection || prop.eq_ignore_ascii_case(simple))
}

/// The row a settled GET of a relationship narrows: its answer a kind derived from the row's
/// type, in the row's cardinality, which the relationship is named for. Only a row of the
/// owner's own table: one inherited speaks for the other kinds too.
pub fn row(op: &Operation, via: Option<(Option<String>, String)>, space: &UrlSpace<'_>) -> Option<Narrowed> {
    let (Some(owner), property) = via? else { return None };
    let t = op.response.r#type.as_ref().filter(|_| op.method == HttpMethod::Get)?;
    let row = space.types().get(&owner)?.properties.iter().find(|p| p.name == property)?;
    let narrower = row.r#type.name != t.name && row.r#type.collection == t.collection && space.is_a(&t.name, &row.r#type.name);
    if !narrower || !names_kind(&property, &t.name, t.collection) {
        return None;
    }
    let why = op.settled.response.clone().unwrap_or_default();
    Some(Narrowed { owner, property, kind: t.clone(), why })
}

/// Reads each narrowed row as its kind, with why in its type's `settled.kinds`. Two reads
/// answering different kinds for one row leave it as it is.
pub fn narrow(types: &mut BTreeMap<String, ComplexType>, narrowed: Vec<Narrowed>) {
    let mut by_row: BTreeMap<(String, String), Vec<Narrowed>> = BTreeMap::new();
    for n in narrowed {
        by_row.entry((n.owner.clone(), n.property.clone())).or_default().push(n);
    }
    for ((owner, property), reads) in by_row {
        let kinds: BTreeSet<&TypeRef> = reads.iter().map(|n| &n.kind).collect();
        let (Some(first), 1) = (reads.first(), kinds.len()) else { continue };
        let Some(t) = types.get_mut(&owner) else { continue };
        let Some(p) = t.properties.iter_mut().find(|p| p.name == property) else { continue };
        p.r#type = first.kind.clone();
        t.settled.kinds.insert(property, first.why.clone());
    }
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
