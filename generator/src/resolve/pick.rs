//! Choosing among the types several pages name for one endpoint when the URL model has no word
//! (functions, actions, `$ref`): the most specific on one line of inheritance, else the one most
//! pages name, else their nearest common base.

use crate::ir::{lineage, ComplexType, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// A type a page names for an endpoint, with the page's file stem.
pub type Named = (TypeRef, String);

/// Pages that document one endpoint may name different types for it. A name that is an
/// ancestor of another named one says less and drops out (a page that says `outlookItem` for
/// `/me/messages/{id}`); of the rest, the one most pages name wins; with no single winner (as
/// with Intune's `mobileApps/{id}`, documented once per app kind), the nearest base they all
/// derive from.
pub fn most_specific(types: &BTreeMap<String, ComplexType>, named_first: &Named, others: &[Named]) -> TypeRef {
    let first = &named_first.0;
    let chain = |start: &str| -> Vec<String> { lineage(types, start).into_iter().map(|t| t.name.clone()).collect() };
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut about: BTreeSet<&str> = BTreeSet::new();
    for (t, stem) in std::iter::once(named_first).chain(others.iter().filter(|o| o.0.collection == first.collection)) {
        *votes.entry(t.name.as_str()).or_default() += 1;
        let simple = t.name.rsplit('.').next().unwrap_or(&t.name).to_ascii_lowercase();
        if stem.split('-').any(|w| w == simple) {
            about.insert(t.name.as_str());
        }
    }
    // A name no page defines cannot be weighed against the others (the beta sample lacks many
    // Intune resource pages); it drops out.
    votes.retain(|n, _| types.contains_key(*n));
    if votes.len() <= 1 {
        return votes.keys().next().map_or_else(|| first.clone(), |n| TypeRef { name: n.to_string(), collection: first.collection });
    }
    // The type's own page decides when only one type has one among them (`event-get.md` says
    // `event` where the extended-property pages say `message`).
    about.retain(|n| votes.contains_key(n));
    if let [only] = about.iter().collect::<Vec<_>>().as_slice() {
        return TypeRef { name: only.to_string(), collection: first.collection };
    }
    let chains: BTreeMap<&str, Vec<String>> = votes.keys().map(|n| (*n, chain(n))).collect();
    let specific: Vec<(&str, usize)> =
        votes.iter().filter(|(n, _)| !chains.iter().any(|(m, c)| m != *n && c.iter().any(|x| x == *n))).map(|(n, v)| (*n, *v)).collect();
    let best = specific.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let winners: Vec<&str> = specific.iter().filter(|(_, v)| *v == best).map(|(n, _)| *n).collect();
    let name = match winners.as_slice() {
        [one] => Some(one.to_string()),
        _ => {
            let lists: Vec<&Vec<String>> = specific.iter().filter_map(|(n, _)| chains.get(n)).collect();
            lists.first().and_then(|c0| c0.iter().find(|n| lists.iter().all(|c| c.contains(n))).cloned())
        }
    };
    TypeRef { name: name.unwrap_or_else(|| first.name.clone()), collection: first.collection }
}
