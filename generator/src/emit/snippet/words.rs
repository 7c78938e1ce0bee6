//! Type words that are data, not a template's placeholders: a snippet leaves out the values a
//! template example writes as type words (`"displayName": "String"`), but some properties hold a
//! type's name or an enum member that is spelled like one: an extension property's
//! `"dataType": "String"`, a schema extension property's `"type": "Integer"` (both strings whose
//! rows list those values), a connector schema's `"type": "String"` (the enum member `string`,
//! in another letter case). Left out, the copied example would lose a required field. Which is
//! which takes the type the value is sent as, so it is read here, where the body's type is known.

use crate::conformance::example_sendable;
use crate::frontend::placeholder::is_placeholder_word;
use crate::ir::{lineage, Api, Body, ExampleBody, TypeRef};
use serde_json::Value;
use std::collections::BTreeSet;

/// The JSON a request example sends, as [`example_sendable`] prunes it, with the type words that
/// are data for `body`'s types kept.
pub fn sendable(api: &Api, body: Option<&Body>, example: &ExampleBody) -> Option<(Value, Vec<String>)> {
    let json = match example {
        ExampleBody::Json(v) | ExampleBody::Template(v) => v,
        ExampleBody::Text(_) => return example_sendable(example, &|_| false),
    };
    let mut data = BTreeSet::new();
    match (body, json) {
        (Some(Body::Type(t)), v) => walk(api, t, v, "", &mut data),
        (Some(Body::Parameters(params)), Value::Object(m)) => {
            for (k, v) in m {
                if let Some(p) = params.iter().find(|p| p.name == *k) {
                    walk(api, &p.r#type, v, k, &mut data);
                }
            }
        }
        _ => {}
    }
    example_sendable(example, &|path| data.contains(path))
}

/// Notes in `data` each path of `v` (sent as `t`) whose type word is data.
fn walk(api: &Api, t: &TypeRef, v: &Value, path: &str, data: &mut BTreeSet<String>) {
    match v {
        Value::String(s) if is_placeholder_word(s) => {
            let key = path.rsplit('.').next().unwrap_or(path);
            let member = api.enums.get(&t.name).is_some_and(|e| e.members.iter().any(|m| m.name.eq_ignore_ascii_case(s.trim())));
            let names_a_type = t.name == "Edm.String" && (key.eq_ignore_ascii_case("type") || key.eq_ignore_ascii_case("dataType"));
            if member || names_a_type {
                data.insert(path.to_string());
            }
        }
        Value::Array(items) => items.iter().for_each(|i| walk(api, t, i, path, data)),
        Value::Object(m) => {
            // An element that names its kind is read as that kind, its namespace left out or not
            // (`"educationAssignmentClassRecipient"`).
            let tagged = m.get("@odata.type").and_then(Value::as_str).map(|n| n.trim_start_matches('#')).and_then(|n| {
                let q = if n.contains('.') { n.to_string() } else { format!("{}.{n}", crate::frontend::DEFAULT_NAMESPACE) };
                api.types.contains_key(&q).then_some(q)
            });
            let kind = tagged.as_deref().unwrap_or(&t.name);
            // Only a tag, naming a kind derived from what the place takes: the kind is the data
            // (an assignment's target `allLicensedUsersAssignmentTarget`), no type stub.
            if m.len() == 1 && kind != t.name && lineage(&api.types, kind).iter().any(|b| b.name == t.name) {
                data.insert(path.to_string());
            }
            let properties: Vec<_> = lineage(&api.types, kind).into_iter().flat_map(|c| &c.properties).collect();
            for (k, x) in m {
                if let Some(p) = properties.iter().find(|p| p.name == *k) {
                    let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    walk(api, &p.r#type, x, &at, data);
                }
            }
        }
        _ => {}
    }
}
