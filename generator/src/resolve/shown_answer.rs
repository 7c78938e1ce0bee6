//! A write or an action whose page names no answer type while its response example shows a JSON
//! object. Reading no content there drops what the service sends: `driveItem: preview`'s
//! embeddable URLs, a tab's PATCH answering the tab. `shape::write_answer` settles the example
//! that holds only properties of what the URL model says is written; this settles the rest, each
//! by the strongest evidence there is:
//! 1. what the URL model says is written, where the page's request body names that type too and
//!    most of the example's keys are its properties (the others land in `additional_properties`);
//! 2. else the one type, with the kinds derived from it, whose properties hold every key the
//!    example shows (two or more keys, so that one common name picks nothing);
//! 3. else OData's wrapped primitive (`{"value": "..."}`), else any JSON.
//!
//! Each is reported (GG0504): the page should name its answer.

use super::shape::{answer_of, wrapped_value};
use crate::diag::{Code, Diags};
use crate::ir::{lineage, Body, ComplexType, HttpMethod, Operation, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// Types `op`'s answer as its success example shows it, when nothing else has; `page` is the
/// answer an example of another request line of its page shows for the same method (an example
/// calls one line, yet the page's lines answer alike).
pub fn settle(
    types: &BTreeMap<String, ComplexType>,
    op: &mut Operation,
    (written, page): (Option<&TypeRef>, Option<&Value>),
    diags: &mut Diags,
) {
    let r = &op.response;
    if op.method == HttpMethod::Get || r.r#type.is_some() || r.monitor.is_some() || !matches!(r.status, 200 | 201) {
        return;
    }
    let own = success_answer(op);
    let Some(body) = own.or(page).and_then(Value::as_object) else { return };
    let keys: Vec<&str> = body.keys().map(String::as_str).filter(|k| !k.contains('@')).collect();
    if keys.is_empty() {
        return;
    }
    let one = |name: &str| TypeRef { name: name.to_string(), collection: false };
    let (t, why) = if let Some(w) = written.filter(|w| body_names(op, w) && mostly_properties(types, &w.name, &keys)) {
        let why = format!(
            "its response example holds mostly properties of `{w}`, which its request body and the URL model say it writes: read as `{w}`"
        );
        (w.clone(), why)
    } else if let Some(t) = only_holder(types, &keys) {
        let why = format!(
            "every key its response example shows ({}) is a property of `{t}` and of no unrelated type: read as `{t}`",
            keys.join(", ")
        );
        (one(&t), why)
    } else if let Some(p) = wrapped_value(body) {
        (one(p), format!("its response example is OData's wrapped value (`{{\"value\": ...}}`): read as `{p}`"))
    } else {
        (one("Edm.Untyped"), "its response example is JSON of no type the docs define: read as any JSON".to_string())
    };
    let status = op.response.status;
    let reported = own.is_some();
    op.settled.response = Some(format!("the page names no answer type for its `{status}`; {why}"));
    op.response.r#type = Some(t);
    // Once a page: at the request line its example calls.
    if !reported {
        return;
    }
    let at = op.examples.iter().filter_map(|e| e.response.as_ref()).find(|r| r.status < 300).map(|r| r.source.clone());
    let d = diags.push(
        &op.source.file,
        op.source.line,
        Code::ResponseMismatch,
        format!("the page names no answer type for `{} {}`, yet {why}", op.method, op.path),
    );
    if let Some(at) = at {
        d.also(&at.file, at.line, "the response example");
    }
}

/// The JSON of the operation's first success example: an example answering an error (`400`
/// with an `error` object) says nothing of the answer.
pub fn success_answer(op: &Operation) -> Option<&Value> {
    op.examples.iter().filter(|e| e.response.as_ref().is_some_and(|r| r.status < 300)).find_map(answer_of)
}

/// Whether the page's request body is `w`: a second statement of what is written.
fn body_names(op: &Operation, w: &TypeRef) -> bool {
    matches!(&op.body, Some(Body::Type(b)) if !b.collection && b.name == w.name)
}

/// More than half of `keys` are properties of `ty` or its bases.
fn mostly_properties(types: &BTreeMap<String, ComplexType>, ty: &str, keys: &[&str]) -> bool {
    let chain = lineage(types, ty);
    let known = keys.iter().filter(|k| chain.iter().any(|t| t.properties.iter().any(|p| p.name == **k))).count();
    2 * known > keys.len()
}

/// The one type whose properties (its own and its bases') hold every key, where two or more
/// keys are shown; the types derived from it hold them too, and are no rival.
fn only_holder(types: &BTreeMap<String, ComplexType>, keys: &[&str]) -> Option<String> {
    if keys.len() < 2 {
        return None;
    }
    let holds = |name: &str| {
        let chain = lineage(types, name);
        keys.iter().all(|k| chain.iter().any(|t| t.properties.iter().any(|p| p.name == *k)))
    };
    let holders: Vec<&str> = types.keys().map(String::as_str).filter(|n| holds(n)).collect();
    // The holders no other holder is a base of.
    let roots: Vec<&str> =
        holders.iter().copied().filter(|n| !lineage(types, n).iter().skip(1).any(|b| holders.contains(&b.name.as_str()))).collect();
    match roots.as_slice() {
        [one] => Some((*one).to_string()),
        _ => None,
    }
}
