//! Example JSON against the type it claims: unknown properties, wrong JSON kinds. Used to tell
//! an example that fails because the page contradicts itself (a docs diagnostic, and the test
//! is ignored with that reason) from one that fails because of the generator.

use crate::ir::{lineage, Api, ComplexType, Property, TypeRef};
use serde_json::Value;

/// What an example says that its documented type does not.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub message: String,
    /// The value cannot be read as the type at all (a string where a Boolean is documented);
    /// the other kind, a key no table lists, is set aside and the rest still compares.
    pub fatal: bool,
}

/// Problems of `value` read as `ty`, each with its JSON path, and removes from `value` the keys its type does not document (open types
/// keep theirs): what is left is what a model of the type can hold.
pub fn prune(api: &Api, ty: &TypeRef, value: &mut Value) -> Vec<Problem> {
    let mut out = Vec::new();
    walk(api, ty, value, "$", &mut out, 0);
    out
}

fn walk(api: &Api, ty: &TypeRef, v: &mut Value, path: &str, out: &mut Vec<Problem>, depth: usize) {
    if depth > 64 || v.is_null() {
        return;
    }
    if ty.collection {
        match v {
            Value::Array(items) => {
                let one = TypeRef { name: ty.name.clone(), collection: false };
                for (i, item) in items.iter_mut().enumerate() {
                    walk(api, &one, item, &format!("{path}[{i}]"), out, depth + 1);
                }
            }
            _ => out.push(Problem { message: format!("{path} is not an array but `{ty}`"), fatal: true }),
        }
        return;
    }
    let name = ty.name.as_str();
    if crate::ir::ANY_JSON.contains(&name) {
        return;
    }
    let kind_ok = match name {
        "Edm.String" | "Edm.Guid" | "Edm.DateTimeOffset" | "Edm.Date" | "Edm.TimeOfDay" | "Edm.Duration"
        | "Edm.Binary" | "Edm.Stream" => v.is_string(),
        "Edm.Boolean" => v.is_boolean(),
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" => v.is_i64() || v.is_u64(),
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => v.is_number(),
        _ if api.enums.contains_key(name) => v.is_string(),
        _ => match api.types.get(name) {
            Some(t) => {
                object(api, t, v, path, out, depth);
                return;
            }
            None => true,
        },
    };
    if !kind_ok {
        out.push(Problem { message: format!("{path} is {} but the type is `{name}`", kind_of(v)), fatal: true });
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The type an object really has: its `@odata.type` when that names the declared type or a
/// type derived from it, else the declared type.
fn effective<'a>(api: &'a Api, declared: &'a ComplexType, v: &Value) -> &'a ComplexType {
    let Some(tag) = v.get("@odata.type").and_then(Value::as_str) else { return declared };
    let tag = tag.trim_start_matches('#');
    // By simple name, case aside, as the generated `Any*` enums dispatch.
    let simple = tag.rsplit('.').next().unwrap_or(tag);
    let found = api.types.get(tag).or_else(|| {
        api.types.values().find(|t| t.name.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(simple)))
    });
    match found {
        Some(t) if lineage(&api.types, &t.name).iter().any(|a| a.name == declared.name) => t,
        _ => declared,
    }
}

fn object(api: &Api, declared: &ComplexType, v: &mut Value, path: &str, out: &mut Vec<Problem>, depth: usize) {
    let t = effective(api, declared, v);
    let Value::Object(map) = v else {
        out.push(Problem { message: format!("{path} is {} but the type is `{}`", kind_of(v), declared.name), fatal: true });
        return;
    };
    let chain = lineage(&api.types, &t.name);
    let open = chain.iter().any(|t| t.open);
    let props: Vec<&Property> = chain.iter().flat_map(|t| t.properties.iter()).collect();
    let mut unknown = Vec::new();
    for (k, value) in map.iter_mut() {
        if k.contains('@') {
            continue;
        }
        match props.iter().find(|p| &p.name == k) {
            Some(p) => walk(api, &p.r#type, value, &format!("{path}.{k}"), out, depth + 1),
            None if open => {}
            None => {
                out.push(Problem { message: format!("{path}.{k} is not a property of `{}`", t.name), fatal: false });
                unknown.push(k.clone());
            }
        }
    }
    for k in unknown {
        map.shift_remove(&k);
    }
}
