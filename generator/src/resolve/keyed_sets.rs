//! Paths whose members other requests address by key (`.../offerShiftRequests/{id}`): such a
//! path is a set, whatever one statement of its GET says. A list page whose sentence says a
//! collection (`the requested [offerShiftRequest] objects`), annotated one value without
//! `isCollection` and showing one object (a shortened example), is read by the sentence once
//! the other pages key the path's members: three statements against two.

use crate::diag::{Code, Diags};
use crate::ir::{HttpMethod, Operation, TypeRef};
use std::collections::BTreeSet;

/// The paths (as [`crate::path::PathTemplate::key`]s) that a whole key segment follows in some
/// operation's path: the sets whose members are addressed by key.
pub fn sets(operations: &[Operation]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for key in operations.iter().map(|op| op.path.key()) {
        for (at, _) in key.match_indices("/{}") {
            let whole = key.get(at + 3..).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
            if let Some(set) = key.get(..at).filter(|_| whole) {
                out.insert(set.to_string());
            }
        }
    }
    out
}

/// Reads as a collection each GET settled `shape::ONE_BY_ANNOTATION` whose path other requests
/// key, with a collection's options where it took one value's standard ones.
pub fn lists(operations: &mut [Operation], diags: &mut Diags) {
    let sets = sets(operations);
    for op in operations.iter_mut() {
        let one = op.settled.response.as_deref() == Some(super::shape::ONE_BY_ANNOTATION);
        let Some(t) = op.response.r#type.as_mut().filter(|t| one && op.method == HttpMethod::Get && !t.collection) else { continue };
        if !sets.contains(&op.path.key()) {
            continue;
        }
        let read = TypeRef { name: t.name.clone(), collection: true };
        let why = format!(
            "the response sentence says a collection; its annotation (no `isCollection`) and example say one `{t}`, but other requests address members of `{}` by key: read as `{read}`",
            op.path
        );
        diags.push(
            &op.source.file,
            op.source.line,
            Code::ResponseMismatch,
            format!("{why}; add `\"isCollection\": true` to the response annotation and show a page of values (`\"value\": [...]`)"),
        );
        *t = read;
        op.settled.response = Some(why);
        super::operations::options_of_a_set(op);
    }
}
