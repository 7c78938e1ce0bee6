//! A property whose row (and JSON representation) spell it one way while the example requests
//! that send it spell it in another letter case. `findMeetingTimes` sends
//! `"timeConstraint": {"timeSlots": [..]}`; `timeConstraint`'s row and representation say
//! `timeslots`. A request example is the one place the docs show what the service is sent: when
//! at least one example request writes the property, every example that writes it agrees on
//! one spelling, and no example writes the row's, the property is named as the requests write
//! it, the reason kept in the type's `settled.names`, the row's spelling still read
//! (`settled.also_read`), and the row reported (GG0213). Answers
//! alone decide nothing (four answers write `teamsAppDefinition`'s `shortDescription` as
//! `shortdescription`, which the service does not), and a row some example writes stands: those
//! spellings are only read as the row (`settled.also_read`).

use super::examples::Found;
use super::value_cardinality::mentions_any;
use crate::conformance::Checker;
use crate::diag::{Code, Diags};
use crate::ir::{lineage, Api, ExamplePart, Source};
use std::collections::{BTreeMap, BTreeSet};

/// Where examples write one spelling of a row.
#[derive(Default)]
struct Writes {
    requests: Vec<Source>,
    responses: usize,
}

/// Renames the rows the example requests outvote; returns the spellings now named, whose
/// examples are to be checked again.
pub(super) fn settle(api: &mut Api, found: &[Vec<Vec<Found>>], diags: &mut Diags) -> BTreeSet<String> {
    // (holder, row) → spelling → where examples write it.
    let mut spelled: BTreeMap<(String, String), BTreeMap<String, Writes>> = BTreeMap::new();
    for (op, problems) in api.operations.iter().zip(found) {
        for (ex, problems) in op.examples.iter().zip(problems) {
            for (p, _, owner) in problems {
                let (Some(r), Some(owner)) = (p.respell.as_ref().filter(|r| r.key), owner) else { continue };
                let Some(holder) = lineage(&api.types, owner).into_iter().find(|t| t.properties.iter().any(|q| q.name == r.text)) else {
                    continue;
                };
                let key = r.path.rsplit('.').next().unwrap_or_default().to_string();
                let writes = spelled.entry((holder.name.clone(), r.text.clone())).or_default().entry(key).or_default();
                match (p.part, &ex.request) {
                    (ExamplePart::Request, Some(req)) => writes.requests.push(req.source.clone()),
                    _ => writes.responses += 1,
                }
            }
        }
    }
    // One spelling, written by a request.
    let candidates: BTreeMap<(String, String), (String, Writes)> = spelled
        .into_iter()
        .filter(|(_, keys)| keys.len() == 1)
        .filter_map(|(at, keys)| keys.into_iter().next().map(|k| (at, k)))
        .filter(|(_, (_, w))| !w.requests.is_empty())
        .collect();
    if candidates.is_empty() {
        return BTreeSet::new();
    }
    // Examples writing the row's own spelling.
    let rows: BTreeSet<&str> = candidates.keys().map(|(_, row)| row.as_str()).collect();
    let checker = Checker::watching(api, candidates.keys().cloned().collect());
    for op in api.operations.iter().filter(|op| mentions_any(op, &rows)) {
        super::examples::operation(&checker, op);
    }
    let seen = checker.seen();
    let mut named = BTreeSet::new();
    for ((holder, row), (key, writes)) in candidates {
        if seen.iter().any(|s| s.holder == holder && s.key == row) {
            continue;
        }
        let Some(t) = api.types.get_mut(&holder) else { continue };
        let Some(p) = t.properties.iter_mut().find(|p| p.name == row) else { continue };
        p.name = key.clone();
        let source = p.source.clone();
        let n = writes.requests.len();
        let requests = if n == 1 { "1 example request".to_string() } else { format!("{n} example requests") };
        let answers = match writes.responses {
            0 => String::new(),
            1 => " and 1 example answer".to_string(),
            m => format!(" and {m} example answers"),
        };
        let first = writes.requests.first().map(|s| format!("{}:{}", s.file, s.line)).unwrap_or_default();
        let verb = if n == 1 && writes.responses == 0 { "writes" } else { "write" };
        let why =
            format!("{requests}{answers} {verb} `{key}` (first at {first}), and no example writes `{row}`; the table row says `{row}`");
        t.settled.names.insert(key.clone(), why);
        // The row's spelling is still read, as any other spelling of a row is.
        let read = format!("the table row says `{row}`; named `{key}` as the example requests write it");
        t.settled.also_read.entry(key.clone()).or_default().insert(row.clone(), read);
        let message = format!("`{row}` of `{holder}` is written `{key}` by {requests}{answers}, and by no example as the row spells it; read and sent as `{key}`");
        let d = diags.push(&source.file, source.line, Code::PropertyNameCase, message).token(&row);
        if let Some(s) = writes.requests.first() {
            d.also(&s.file, s.line, format!("an example request writing `{key}`"));
        }
        named.insert(key);
    }
    named
}

/// The problems again of the operations whose examples write one of `named`.
pub(super) fn recheck(api: &Api, mut found: Vec<Vec<Vec<Found>>>, named: &BTreeSet<String>) -> Vec<Vec<Vec<Found>>> {
    if named.is_empty() {
        return found;
    }
    let words: BTreeSet<&str> = named.iter().map(String::as_str).collect();
    let checker = Checker::new(api);
    for (op, f) in api.operations.iter().zip(found.iter_mut()) {
        if mentions_any(op, &words) {
            *f = super::examples::operation(&checker, op);
        }
    }
    found
}
