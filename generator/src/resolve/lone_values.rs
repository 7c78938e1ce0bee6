//! Properties whose answers show them in the other shape than their row. v1.0's
//! `provisioningObjectSummary` table and JSON representation make `servicePrincipal` a
//! collection, while both answers of the list page show one object; beta's
//! `message.unsubscribeData` is a `String` row whose answers, on three pages, are arrays.
//! An answer is what the service sent, the row and its representation what the writer meant;
//! which one the service keeps to, the docs cannot say. So the property is read as a collection
//! that also takes one value as a list of one: the crate reads either answer, where picking a
//! side would fail every read of the other (one property in the wrong shape fails the whole
//! page of a list). It is written as a list, as the side that says collection has it.
//!
//! Only where at least one answer shows the other shape and no example (answer or request)
//! shows the row's; the row is reported once (GG0216), and the examples' lone values are then
//! no finding each (`ProblemKind::LoneValue`). Relationships are `cardinality`'s, and a row whose
//! representation agrees with the examples is `value_cardinality`'s, which retypes it outright.

use super::examples::Found;
use super::value_cardinality::seen_at;
use crate::diag::{Code, Diags};
use crate::ir::{Api, ExamplePart, ProblemKind};
use std::collections::{BTreeMap, BTreeSet};

/// Settles each such property and returns the names of those settled, whose examples are to be
/// judged again.
pub(super) fn settle(api: &mut Api, found: &[Vec<Vec<Found>>], diags: &mut Diags) -> BTreeSet<String> {
    // (holder, key) → (answers in the other shape, where the first is).
    let mut off: BTreeMap<(String, String), (usize, String, u32)> = BTreeMap::new();
    for (op, problems) in api.operations.iter().zip(found) {
        for (ex, problems) in op.examples.iter().zip(problems) {
            let Some(resp) = &ex.response else { continue };
            // The checker names the row's type only on a value in the other shape than its row.
            for (p, at, owner) in problems {
                let Some(owner) = owner.as_ref().filter(|_| p.kind == ProblemKind::WrongType && p.part == ExamplePart::Response) else {
                    continue;
                };
                let key = at.rsplit('.').next().unwrap_or_default();
                let e = off.entry((owner.clone(), key.to_string())).or_insert((0, resp.source.file.clone(), resp.source.line));
                e.0 += 1;
            }
        }
    }
    off.retain(|(q, key), _| api.types.get(q).and_then(|t| t.properties.iter().find(|p| &p.name == key)).is_some_and(|p| !p.navigation));
    if off.is_empty() {
        return BTreeSet::new();
    }
    let seen = seen_at(api, off.keys().cloned().collect());
    let mut settled = BTreeSet::new();
    for ((q, key), (n, file, line)) in off {
        let Some(t) = api.types.get_mut(&q) else { continue };
        let Some(p) = t.properties.iter_mut().find(|p| p.name == key) else { continue };
        if seen.iter().any(|s| s.holder == q && s.key == key && s.array == p.r#type.collection) {
            continue;
        }
        let was = p.r#type.to_string();
        let shown = if p.r#type.collection { "one value" } else { "a list" };
        p.r#type.collection = true;
        let now = p.r#type.to_string();
        let answers = if n == 1 { "1 example answer shows".to_string() } else { format!("{n} example answers show") };
        let why = format!("its row says `{was}`, but {answers} {shown} (first at {file}:{line}) and no example the row's shape");
        let message = format!(
            "`{key}` of `{q}` is documented as `{was}`, but {answers} {shown} and no example shows it as the row does; read as `{now}`, taking one value as a list of one"
        );
        diags.push(&p.source.file, p.source.line, Code::AnswerShape, message).token(&key).also(&file, line, "the first answer");
        t.settled.one_or_many.insert(key.clone(), why);
        settled.insert(key);
    }
    settled
}
