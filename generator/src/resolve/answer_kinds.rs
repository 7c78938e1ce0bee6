//! An action whose page names an answer type that its response examples' own `@odata.type`s
//! contradict: `getUserOwnedObjects` on `/directory/deletedItems` says it answers
//! `directory` properties, while each element of its example names `group`, no kind of
//! `directory`. The examples' kinds all derive from the type of the collection the action is
//! bound to (the URL model's `directoryObject`): two statements against the sentence's one, so
//! the answer is that collection's type, in the page's cardinality, and the page is reported.

use crate::diag::{Code, Diags};
use crate::ir::{ExampleBody, HttpMethod, Operation, TypeRef};
use crate::urlspace::{Target, UrlSpace, Walk};
use serde_json::Value;
use std::collections::BTreeSet;

pub fn correct(op: &mut Operation, walk: &Walk, space: &UrlSpace<'_>, diags: &mut Diags) {
    let Some(t) = op.response.r#type.clone() else { return };
    // Only a call bound to the collection: a write to an entity or a collection answers what it
    // writes (`settle::written`).
    let call = matches!(walk.target, Some(Target::Call { .. }));
    if op.method == HttpMethod::Get || !call || t.is_primitive() || !space.types().contains_key(&t.name) {
        return;
    }
    let Some(Target::Collection(bound)) = &walk.binding else { return };
    let kinds = shown_kinds(op);
    let known = |k: &String| space.types().contains_key(k);
    let unrelated = |k: &String| !space.is_a(k, &t.name) && !space.is_a(&t.name, k);
    if kinds.is_empty() || !kinds.iter().all(|k| known(k) && unrelated(k) && space.is_a(k, bound)) {
        return;
    }
    let read = TypeRef { name: bound.clone(), collection: t.collection };
    let shown = kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    op.settled.response = Some(format!(
        "the page says `{t}`; its response examples' elements are {shown}, kinds of `{bound}` (what the action is bound to), none of `{}`: read as `{read}`",
        t.name
    ));
    diags.push(
        &op.source.file,
        op.source.line,
        Code::ModelAnswer,
        format!(
            "the page says `{} {}` answers `{t}`, but its response examples show {shown}, kinds of the `{bound}` it is bound to and none of `{}`; read as `{read}`",
            op.method, op.path, t.name
        ),
    );
    op.response.r#type = Some(read);
}

/// The qualified `@odata.type`s the elements of the response examples name (each element of a
/// page of values, or the one object).
fn shown_kinds(op: &Operation) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for body in op.examples.iter().filter_map(|e| e.response.as_ref()?.body.as_ref()) {
        let ExampleBody::Json(v) = body else { continue };
        let elements: Vec<&Value> = match v.get("value") {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => vec![v],
        };
        for e in elements {
            if let Some(k) = e.get("@odata.type").and_then(Value::as_str) {
                let k = k.trim_start_matches('#');
                out.insert(if k.contains('.') { k.to_string() } else { format!("{}.{k}", crate::frontend::DEFAULT_NAMESPACE) });
            }
        }
    }
    out
}
