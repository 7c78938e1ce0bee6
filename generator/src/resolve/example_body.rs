//! A write whose page describes no request body (no table, no type) but whose example sends a
//! JSON object: the example's keys are the parameters, typed by their values. A value with an
//! `@odata.type` is that type; a template's type words (`"String"`) are their types; any other
//! object is any JSON. Each such body is reported, since a table would say more.

use super::index::Index;
use crate::diag::{Code, Diags};
use crate::frontend::typecell;
use crate::frontend::DEFAULT_NAMESPACE;
use crate::ir::{lineage, Body, ComplexType, Example, ExampleBody, Operation, Property, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// Why a body is the example's keys, in the operation's settlement; `report` looks for it.
pub const SETTLED: &str = "the page describes no request body: read from its example request";

/// The example's keys as parameters. Reported later (`report`), once the URL model has had
/// its word: its type may take the body's place.
pub fn parameters(examples: &[Example], index: &mut Index) -> Option<Vec<Property>> {
    let (body, template, source) = examples.iter().filter_map(|e| e.request.as_ref()).find_map(|r| match &r.body {
        Some(ExampleBody::Json(Value::Object(m))) => Some((m, false, r.source.clone())),
        Some(ExampleBody::Template(Value::Object(m))) => Some((m, true, r.source.clone())),
        _ => None,
    })?;
    let props: Vec<Property> = body
        .iter()
        .filter(|(k, _)| !k.starts_with('@'))
        .map(|(k, v)| Property {
            name: k.clone(),
            r#type: kind(v, template, index),
            navigation: false,
            read_only: false,
            description: String::new(),
            source: source.clone(),
        })
        .collect();
    (!props.is_empty()).then_some(props)
}

/// The keys the first example request with a JSON object body sends, annotations aside.
pub fn first_sent_keys(examples: &[Example]) -> Option<Vec<String>> {
    first_sent_object(examples).map(|m| m.keys().filter(|k| !k.starts_with('@')).cloned().collect())
}

/// The first example request body that is a JSON object.
pub fn first_sent_object(examples: &[Example]) -> Option<&serde_json::Map<String, Value>> {
    examples.iter().filter_map(|e| e.request.as_ref()).find_map(|r| match &r.body {
        Some(ExampleBody::Json(Value::Object(m))) => Some(m),
        _ => None,
    })
}

/// True when there are keys and each is a property of `ty` or its bases, letter case aside:
/// an example that sends only what the type has.
pub fn all_properties_of(types: &BTreeMap<String, ComplexType>, ty: &str, keys: &[String]) -> bool {
    let chain = lineage(types, ty);
    !keys.is_empty() && keys.iter().all(|k| chain.iter().any(|t| t.properties.iter().any(|p| p.name.eq_ignore_ascii_case(k))))
}

/// A body still read off the example once settled: the page should say what it takes.
pub fn report(op: &Operation, diags: &mut Diags) {
    let (Some(Body::Parameters(props)), Some(SETTLED)) = (&op.body, op.settled.body.as_deref()) else { return };
    let line = props.first().map_or(op.source.line, |p| p.source.line);
    let names: Vec<&str> = props.iter().map(|p| p.name.as_str()).collect();
    diags.push(
        &op.source.file,
        line,
        Code::ModelBody,
        format!(
            "the page names no type or parameters for the request body; its example sends {}: read as the parameters",
            names.join(", ")
        ),
    );
}

/// The type a JSON value shows.
fn kind(v: &Value, template: bool, index: &Index) -> TypeRef {
    let one = |name: &str| TypeRef { name: name.to_string(), collection: false };
    match v {
        Value::Bool(_) => one("Edm.Boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => one("Edm.Int64"),
        Value::Number(_) => one("Edm.Double"),
        Value::String(s) if template => {
            typecell::primitive(s.split_whitespace().next().unwrap_or("")).map_or_else(|| one("Edm.String"), one)
        }
        Value::String(_) => one("Edm.String"),
        Value::Array(items) => {
            let inner = items.first().map_or_else(|| one("Edm.Untyped"), |i| kind(i, template, index));
            TypeRef { name: inner.name, collection: true }
        }
        Value::Object(m) => {
            let named =
                m.get("@odata.type").and_then(Value::as_str).and_then(|t| index.lookup(t.trim_start_matches('#'), DEFAULT_NAMESPACE));
            one(named.as_deref().unwrap_or("Edm.Untyped"))
        }
        Value::Null => one("Edm.Untyped"),
    }
}
