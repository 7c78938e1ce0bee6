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
//! spellings are only read as the row (`settled.also_read`). A collection row named in the
//! singular that two examples or more write in the plural, and none as the row, is renamed the
//! same way: Graph names its collections in the plural.

use super::examples::Found;
use super::value_cardinality::mentions_any;
use crate::conformance::Checker;
use crate::diag::{Code, Diags};
use crate::ir::{lineage, Api, ComplexType, ExamplePart, ProblemKind, Source};
use std::collections::{BTreeMap, BTreeSet};

/// Where examples write one spelling of a row.
#[derive(Default)]
struct Writes {
    requests: Vec<Source>,
    responses: usize,
    /// The spelling is the plural of a collection row's name.
    plural: bool,
}

/// The last key of a path in an example (`$.value[0].timeSlots` → `timeSlots`).
pub(super) fn last_key(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or_default();
    last.split('[').next().unwrap_or_default()
}

/// The English plural Graph names collections with: `policy` → `policies`, `address` →
/// `addresses`, `member` → `members`.
fn plural(name: &str) -> String {
    if let Some(stem) = name.strip_suffix('y').filter(|s| !s.is_empty() && !s.ends_with(['a', 'e', 'i', 'o', 'u'])) {
        format!("{stem}ies")
    } else if name.ends_with(['s', 'x']) || name.ends_with("ch") || name.ends_with("sh") {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

/// Renames the rows the example requests outvote, and the collection rows every example
/// writes in the plural (`signIn`'s `appliedConditionalAccessPolicy`, written
/// `appliedConditionalAccessPolicies` by both list answers: Graph names its collections so);
/// returns the spellings now named, whose examples are to be checked again.
pub(super) fn settle(api: &mut Api, found: &[Vec<Vec<Found>>], diags: &mut Diags) -> BTreeSet<String> {
    // (holder, row) → spelling → where examples write it.
    let mut spelled: BTreeMap<(String, String), BTreeMap<String, Writes>> = BTreeMap::new();
    for (op, problems) in api.operations.iter().zip(found) {
        for (ex, problems) in op.examples.iter().zip(problems) {
            for (p, at, owner) in problems {
                let Some(owner) = owner else { continue };
                let chain = lineage(&api.types, owner);
                let (holder, row, key, is_plural) = match p.respell.as_ref().filter(|r| r.key) {
                    Some(r) => {
                        let Some(holder) = chain.iter().find(|t| t.properties.iter().any(|q| q.name == r.text)) else { continue };
                        (holder.name.clone(), r.text.clone(), last_key(&r.path).to_string(), false)
                    }
                    None if p.kind == ProblemKind::UnknownProperty => {
                        let key = last_key(at);
                        let row = |t: &&ComplexType| {
                            t.properties.iter().find(|q| q.r#type.collection && plural(&q.name) == key).map(|q| q.name.clone())
                        };
                        let Some((holder, row)) = chain.iter().find_map(|t| row(t).map(|r| (t.name.clone(), r))) else { continue };
                        (holder, row, key.to_string(), true)
                    }
                    None => continue,
                };
                let writes = spelled.entry((holder, row)).or_default().entry(key).or_default();
                writes.plural = is_plural;
                match (p.part, &ex.request) {
                    (ExamplePart::Request, Some(req)) => writes.requests.push(req.source.clone()),
                    _ => writes.responses += 1,
                }
            }
        }
    }
    // One spelling, written by a request (or a collection's plural, by two examples or more).
    let candidates: BTreeMap<(String, String), (String, Writes)> = spelled
        .into_iter()
        .filter(|(_, keys)| keys.len() == 1)
        .filter_map(|(at, keys)| keys.into_iter().next().map(|k| (at, k)))
        .filter(|(_, (_, w))| !w.requests.is_empty() || (w.plural && w.requests.len() + w.responses >= 2))
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
        let (n, m) = (writes.requests.len(), writes.responses);
        let count = |k: usize, what: &str| match k {
            0 => None,
            1 => Some(format!("1 example {what}")),
            k => Some(format!("{k} example {what}s")),
        };
        let by = [count(n, "request"), count(m, "answer")].into_iter().flatten().collect::<Vec<_>>().join(" and ");
        let first = writes.requests.first().map(|s| format!(" (first at {}:{})", s.file, s.line)).unwrap_or_default();
        let verb = if n + m == 1 { "writes" } else { "write" };
        let kind = if writes.plural { "the plural of a collection row's name, " } else { "" };
        let why = format!("{by} {verb} `{key}`{first}, {kind}and no example writes `{row}`; the table row says `{row}`");
        t.settled.names.insert(key.clone(), why);
        // The row's spelling is still read, as any other spelling of a row is.
        let read = format!("the table row says `{row}`; named `{key}` as the examples write it");
        t.settled.also_read.entry(key.clone()).or_default().insert(row.clone(), read);
        let message = format!(
            "`{row}` of `{holder}` is written `{key}` by {by}, and by no example as the row spells it{}; read and sent as `{key}`",
            if writes.plural { " (a collection, named in the plural)" } else { "" }
        );
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

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn plurals_as_graph_names_its_collections() {
        assert_eq!(plural("appliedConditionalAccessPolicy"), "appliedConditionalAccessPolicies");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("address"), "addresses");
        assert_eq!(plural("member"), "members");
        assert_eq!(plural("y"), "ys");
    }
}
