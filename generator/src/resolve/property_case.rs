//! Property names the docs spell in two letter cases. OData names are case-sensitive on the
//! wire: `printUsageByPrinter`'s table says `printerID`, its JSON representation `printerId`,
//! and so does every example that carries it. Two statements outweigh one: the property is
//! named as the representation and the examples write it, the reason kept in the type's
//! `settled.names`, and the table row reported (GG0213) in place of the representation's key
//! (GG0205). With no example writing the representation's spelling, or any writing the
//! table's, the table stands (a representation alone is one statement against another).

use super::examples;
use super::row_blame::{blame_row, Representation};
use super::value_cardinality::mentions_any;
use crate::conformance::Checker;
use crate::diag::{Code, Diags};
use crate::frontend::facts::JsonRepr;
use crate::ir::{lineage, Api};
use std::collections::{BTreeMap, BTreeSet};

/// A representation's key that its type's own table spells in another letter case.
struct Spelled {
    key: String,
    file: String,
    line: u32,
}

pub fn correct(api: &mut Api, reprs: &[(String, String, JsonRepr)], diags: &mut Diags) {
    let found = candidates(api, reprs);
    if found.is_empty() {
        return;
    }
    let words: BTreeSet<&str> = found.iter().flat_map(|((_, name), s)| [name.as_str(), s.key.as_str()]).collect();
    let checker = Checker::watching(api, found.keys().cloned().collect());
    // Example keys in the representation's spelling: each is a finding of the walk, owned by
    // the type judged (the candidate's type or one derived from it).
    let mut theirs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for op in api.operations.iter().filter(|op| mentions_any(op, &words)) {
        for (_, path, owner) in examples::operation(&checker, op).into_iter().flatten() {
            let Some(owner) = owner else { continue };
            let last = path.rsplit('.').next().unwrap_or("");
            for ((q, name), s) in &found {
                let kin = owner == *q || lineage(&api.types, &owner).iter().any(|t| t.name == *q);
                if kin && last == s.key {
                    *theirs.entry((q.clone(), name.clone())).or_default() += 1;
                }
            }
        }
    }
    let seen = checker.seen();
    for ((q, name), s) in found {
        let table_uses = seen.iter().filter(|s| s.holder == q && s.key == name).count();
        let uses = theirs.get(&(q.clone(), name.clone())).copied().unwrap_or(0);
        if uses == 0 || table_uses > 0 {
            continue;
        }
        let Some(t) = api.types.get_mut(&q) else { continue };
        let Some(p) = t.properties.iter_mut().find(|p| p.name == name) else { continue };
        p.name = s.key.clone();
        let source = p.source.clone();
        let examples = if uses == 1 { "1 example".to_string() } else { format!("{uses} examples") };
        let why = format!("its JSON representation ({}:{}) and {examples} write `{}`; the table row says `{name}`", s.file, s.line, s.key);
        t.settled.names.insert(s.key.clone(), why);
        // The row's spelling is still read, as any other spelling of a row is.
        let read = format!("the table row says `{name}`; named `{}` as its JSON representation and the examples write it", s.key);
        t.settled.also_read.entry(s.key.clone()).or_default().insert(name.clone(), read);
        // The representation agreed with the examples: the row is what to fix.
        let says = format!("`{}` is in the JSON representation", s.key);
        let repr = Representation { file: &s.file, line: s.line, code: Code::JsonRepresentation, says: &says };
        let message = format!("`{name}` of `{q}` is spelled `{}` by its JSON representation and {examples}; read as `{}`", s.key, s.key);
        blame_row(diags, repr, &source, Code::PropertyNameCase, message, &name);
    }
}

/// Each key of a type's representation that no property of its chain spells so, and that a
/// row of its own table spells in another letter case.
fn candidates(api: &Api, reprs: &[(String, String, JsonRepr)]) -> BTreeMap<(String, String), Spelled> {
    let mut out = BTreeMap::new();
    for (q, file, repr) in reprs {
        let Some(t) = api.types.get(q) else { continue };
        let chain = lineage(&api.types, q);
        for (key, _, line) in &repr.entries {
            if chain.iter().any(|c| c.properties.iter().any(|p| &p.name == key)) {
                continue;
            }
            if let Some(p) = t.properties.iter().find(|p| p.name.eq_ignore_ascii_case(key) && !p.navigation) {
                out.insert((q.clone(), p.name.clone()), Spelled { key: key.clone(), file: file.clone(), line: *line });
            }
        }
    }
    out
}
