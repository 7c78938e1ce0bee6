//! A key of a type's JSON representation that none of its tables lists, which examples write
//! where that type is: `printerDefaults`'s representation shows `"inputBin": "String"` and five
//! printer answers carry it; `printJobConfiguration`'s shows `"fitPdfToPage": "Boolean"`, which
//! four create requests send. Two places of the docs say the type has it; the table's silence is
//! the omission (GG0205 reports it at the representation). The key is read as a property,
//! typed as the representation's value says, the reason kept in the type's `settled.rows`. A
//! representation alone is one statement. A value naming a type (`{"@odata.type":
//! "microsoft.graph.identitySet"}`) types the key when the docs define that structured type
//! (the name as written, else the one of that name in another letter case); one naming no
//! such type (an enum, or none at all) is left to the lint.

use super::examples::Found;
use crate::frontend::facts::JsonRepr;
use crate::frontend::typecell::BaseExpr;
use crate::ir::{lineage, Api, ProblemKind, Property, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Adds the representation keys examples write as properties; returns the keys added, whose
/// examples are to be checked again.
pub(super) fn add(api: &mut Api, reprs: &[(String, String, JsonRepr)], found: &[Vec<Vec<Found>>]) -> BTreeSet<String> {
    // (the type whose representation shows the key, key) → its entry (file, value, line), the
    // example writes and the first one.
    type Shown<'r> = (&'r str, &'r serde_json::Value, u32);
    let mut writes: BTreeMap<(String, String), (Shown<'_>, usize, String)> = BTreeMap::new();
    for (op, problems) in api.operations.iter().zip(found) {
        for (ex, problems) in op.examples.iter().zip(problems) {
            for (p, at, owner) in problems {
                let Some(owner) = owner.as_deref().filter(|_| p.kind == ProblemKind::UnknownProperty && p.respell.is_none()) else {
                    continue;
                };
                let key = super::request_spelling::last_key(at);
                let chain = lineage(&api.types, owner);
                // Not a spelling of a row in another letter case: that is `property_case`'s.
                if chain.iter().any(|t| t.properties.iter().any(|q| q.name.eq_ignore_ascii_case(key))) {
                    continue;
                }
                let shown = chain.iter().find_map(|t| {
                    let (_, file, r) = reprs.iter().find(|(q, ..)| q == &t.name)?;
                    let (_, value, line) = r.entries.iter().find(|(k, ..)| k == key)?;
                    Some((t.name.clone(), (file.as_str(), value, *line)))
                });
                let Some((holder, shown)) = shown else { continue };
                let place = ex.request.as_ref().map(|r| format!("{}:{}", r.source.file, r.source.line)).unwrap_or_default();
                writes.entry((holder, key.to_string())).or_insert((shown, 0, place)).1 += 1;
            }
        }
    }
    let mut added = BTreeSet::new();
    for ((holder, key), ((file, value, line), count, first)) in writes {
        let Some(ty) = typed(value, &api.types) else { continue };
        let Some(t) = api.types.get_mut(&holder) else { continue };
        // An open type with no table of its own is a dictionary: its keys are data.
        if t.open && t.properties.is_empty() {
            continue;
        }
        let examples = if count == 1 { "1 example writes it".to_string() } else { format!("{count} examples write it") };
        let why = format!(
            "no table lists it; the JSON representation shows it ({file}:{line}) and {examples}{}",
            if first.is_empty() { String::new() } else { format!(" (first at {first})") }
        );
        t.properties.push(Property {
            name: key.clone(),
            r#type: ty,
            navigation: false,
            read_only: false,
            description: String::new(),
            source: crate::ir::Source { file: file.to_string(), line },
        });
        t.settled.rows.insert(key.clone(), why);
        added.insert(key);
    }
    added
}

/// The type a representation's value says (`"String"`, `true`, `["Int32"]`,
/// `{"@odata.type": "microsoft.graph.identitySet"}`), when it is a primitive or a structured
/// type the docs define.
fn typed(value: &serde_json::Value, types: &BTreeMap<String, crate::ir::ComplexType>) -> Option<TypeRef> {
    let ty = super::json_repr::value_type(value);
    let name = match ty.base {
        BaseExpr::Primitive(p) => p.to_string(),
        BaseExpr::Named { name, .. } => {
            let full = if name.contains('.') { name } else { format!("microsoft.graph.{name}") };
            if types.contains_key(&full) {
                full
            } else {
                let mut same = types.keys().filter(|k| k.eq_ignore_ascii_case(&full));
                match (same.next(), same.next()) {
                    (Some(one), None) => one.clone(),
                    _ => return None,
                }
            }
        }
    };
    Some(TypeRef { name, collection: ty.collection })
}
