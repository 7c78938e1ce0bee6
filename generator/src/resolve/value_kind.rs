//! `String` rows the docs say elsewhere hold a number or a Boolean. `dataPolicyOperation`'s
//! table says `progress` is a `String`; its JSON representation writes `"String (double)"`,
//! and its GET example `"double-value"`, the pages' placeholder for a Double. Two statements
//! outweigh one: the property is read as the type they name (a service sending `42.5` would
//! otherwise fail the whole answer), why in the type's `settled.primitives`, and the row reported
//! (GG0215). With no example carrying the property, or one that writes other text, the row
//! stands: a note in parentheses alone may describe what the string holds.

use super::row_blame::{retype_row, Outvoted};
use super::value_cardinality::seen_at;
use crate::diag::{Code, Diags};
use crate::frontend::facts::JsonRepr;
use crate::ir::{primitive, Api, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// A representation's note naming a primitive for a `String` row.
struct Noted {
    file: String,
    line: u32,
    /// The primitive the note names (`Edm.Double`).
    named: String,
    /// The note's word, as the placeholders write it (`double`).
    word: String,
}

pub fn correct(api: &mut Api, reprs: &[(String, String, JsonRepr)], diags: &mut Diags) {
    let noted = candidates(api, reprs);
    if noted.is_empty() {
        return;
    }
    let seen = seen_at(api, noted.keys().cloned().collect());
    for ((q, key), n) in noted {
        let values: Vec<&Value> = seen.iter().filter(|s| s.holder == q && s.key == key).filter_map(|s| s.scalar.as_ref()).collect();
        let agrees = |v: &&Value| match v {
            Value::Number(_) => n.named != primitive::BOOLEAN,
            Value::Bool(_) => n.named == primitive::BOOLEAN,
            Value::String(s) => s.to_ascii_lowercase().starts_with(&n.word),
            _ => false,
        };
        if values.is_empty() || !values.iter().all(agrees) {
            continue;
        }
        let o = Outvoted { holder: &q, key: &key, file: &n.file, line: n.line, agree: values.len() };
        let named = n.named.clone();
        let retype = |t: &mut TypeRef| *t = TypeRef { name: named, collection: false };
        retype_row(api, diags, o, (Code::PropertyKind, "give"), retype, |s| &mut s.primitives);
    }
}

/// Each `String` row of a type whose representation writes `"String (<primitive>)"` for it,
/// the primitive a number or a Boolean.
fn candidates(api: &Api, reprs: &[(String, String, JsonRepr)]) -> BTreeMap<(String, String), Noted> {
    let mut out = BTreeMap::new();
    for (q, file, repr) in reprs {
        let Some(t) = api.types.get(q) else { continue };
        for (key, value, line) in &repr.entries {
            let Some(note) = value.as_str().and_then(|s| s.trim().strip_prefix("String (")).and_then(|s| s.strip_suffix(')')) else {
                continue;
            };
            let word = note.trim().to_ascii_lowercase();
            let named = primitive::PRIMITIVES.iter().find(|p| p.words.contains(&word.as_str()));
            let Some(named) = named
                .filter(|p| matches!(p.json, primitive::JsonKind::Integer | primitive::JsonKind::Number | primitive::JsonKind::Boolean))
            else {
                continue;
            };
            let row = t.properties.iter().find(|p| &p.name == key && !p.navigation && !p.r#type.collection);
            if row.is_some_and(|p| p.r#type.name == primitive::STRING) {
                out.insert((q.clone(), key.clone()), Noted { file: file.clone(), line: *line, named: named.name.to_string(), word });
            }
        }
    }
    out
}
