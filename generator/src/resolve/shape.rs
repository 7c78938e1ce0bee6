//! The shape of a response example's JSON: a third witness when a page's response sentence and
//! its response annotation name different answers (a sentence's `evaluateDynamicMembershipResult`
//! object against an annotation's `Collection(String)`, with an object in the example).

use crate::ir::{lineage, ComplexType, Example, ExampleBody, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// Why an answer the page calls one value is read as a collection: its example's page of values.
pub const PROMOTED: &str = "the page says one value; its response example is a page of values: read as a collection";
/// What `operations` records of a GET whose sentence says a collection and whose annotation
/// and example say one value, read as one (until `keyed_sets::lists` finds the path keyed
/// elsewhere).
pub const ONE_BY_ANNOTATION: &str =
    "the response sentence says a collection; its annotation (no `isCollection`) and example say one value: read as one";

/// True when a value of `t` can look like `body`: a page of values (or an array) for a
/// collection, a scalar (or `{"value": scalar}`) for a primitive, another object for one
/// structured value.
pub fn fits(t: &TypeRef, body: &Value) -> bool {
    let primitive = t.is_primitive();
    match body {
        Value::Array(_) => t.collection,
        Value::Object(m) => match m.get("value") {
            Some(Value::Array(_)) => t.collection,
            Some(v) if primitive && !v.is_object() => !t.collection && kind_fits(t, v),
            _ => !t.collection && !primitive,
        },
        _ => primitive && !t.collection && kind_fits(t, body),
    }
}

/// A primitive value of the JSON kind the primitive type is written as (`true` is no
/// `Edm.String`); `null`, and types of no fixed kind, fit any.
fn kind_fits(t: &TypeRef, v: &Value) -> bool {
    use crate::ir::primitive::{by_name, JsonKind};
    match by_name(&t.name).map(|p| p.json) {
        _ if v.is_null() => true,
        Some(JsonKind::String) => v.is_string(),
        Some(JsonKind::Boolean) => v.is_boolean(),
        Some(JsonKind::Integer) => v.is_i64() || v.is_u64(),
        Some(JsonKind::Number) => v.is_number(),
        _ => true,
    }
}

/// Whether the keys of the example's (first) element are all properties of `t` or its bases;
/// `None` when there is no element with keys to judge by.
pub fn keys_fit(types: &BTreeMap<String, ComplexType>, t: &TypeRef, body: &Value) -> Option<bool> {
    let element = match body.get("value") {
        Some(Value::Array(items)) => items.first()?,
        _ => body,
    };
    let keys: Vec<&String> = element.as_object()?.keys().filter(|k| !k.contains('@')).collect();
    let chain = lineage(types, &t.name);
    if keys.is_empty() || chain.is_empty() || chain.iter().any(|c| c.open) {
        return None;
    }
    Some(keys.iter().all(|k| chain.iter().any(|c| c.properties.iter().any(|p| &p.name == *k))))
}

/// The first JSON body of the operation's response examples.
pub fn first_answer(examples: &[Example]) -> Option<&Value> {
    examples.iter().find_map(answer_of)
}

/// An example's response body, when it is JSON.
pub fn answer_of(example: &Example) -> Option<&Value> {
    match example.response.as_ref()?.body.as_ref()? {
        ExampleBody::Json(v) | ExampleBody::Template(v) => Some(v),
        ExampleBody::Text(_) => None,
    }
}

/// The primitive an answer's example shows as OData's wrapped value, `{"value": "..."}` or
/// `{"value": true}` (annotations aside): `Edm.String` or `Edm.Boolean`. A number says too
/// little (`Int32`, `Int64`, `Double`) to name one.
pub fn wrapped_primitive(op: &crate::ir::Operation) -> Option<&'static str> {
    wrapped_value(first_answer(&op.examples)?.as_object()?)
}

/// [`wrapped_primitive`] of one JSON object.
pub fn wrapped_value(body: &serde_json::Map<String, Value>) -> Option<&'static str> {
    let mut keys = body.keys().filter(|k| !k.contains('@'));
    if keys.next().map(String::as_str) != Some("value") || keys.next().is_some() {
        return None;
    }
    match body.get("value")? {
        Value::String(_) => Some("Edm.String"),
        Value::Bool(_) => Some("Edm.Boolean"),
        _ => None,
    }
}

/// What a write answers when its page names no type but says `200 OK`/`201 Created` and its
/// response example shows a JSON body: `written` (what the URL model says the write writes)
/// when the example is one object of only its properties; `Edm.Boolean` when the example is
/// OData's wrapped primitive `{"value": true}`. With why, for the IR.
pub fn write_answer(
    types: &BTreeMap<String, ComplexType>,
    op: &crate::ir::Operation,
    written: Option<&TypeRef>,
) -> Option<(TypeRef, String)> {
    if op.response.r#type.is_some() || !matches!(op.response.status, 200 | 201) {
        return None;
    }
    if wrapped_primitive(op) == Some("Edm.Boolean") {
        let why = "the page names no answer type; its response example is a wrapped `true`/`false`".to_string();
        return Some((TypeRef { name: "Edm.Boolean".into(), collection: false }, why));
    }
    let body = first_answer(&op.examples)?.as_object()?;
    let w = written?;
    let keys: Vec<String> = body.keys().filter(|k| !k.contains('@')).cloned().collect();
    super::example_body::all_properties_of(types, &w.name, &keys).then(|| {
        let why = format!(
            "the page names no answer type; its response example holds only properties of `{w}`, which the URL model says it writes"
        );
        (w.clone(), why)
    })
}

#[cfg(test)]
mod tests {
    use super::fits;
    use crate::ir::TypeRef;
    use serde_json::json;

    fn t(name: &str, collection: bool) -> TypeRef {
        TypeRef { name: name.into(), collection }
    }

    #[test]
    fn shapes() {
        let object = json!({"membershipRule": "x"});
        assert!(fits(&t("microsoft.graph.result", false), &object));
        assert!(!fits(&t("Edm.String", true), &object));
        let page = json!({"value": [{"id": "1"}]});
        assert!(fits(&t("microsoft.graph.user", true), &page));
        assert!(!fits(&t("microsoft.graph.user", false), &page));
        assert!(fits(&t("Edm.Boolean", false), &json!({"value": true})));
        assert!(fits(&t("Edm.Boolean", false), &json!(true)));
        // A wrapped `true` is no string: where a sentence says Boolean and the annotation
        // string, the example decides.
        assert!(!fits(&t("Edm.String", false), &json!({"value": true})));
        assert!(!fits(&t("Edm.Int32", false), &json!("3")));
    }
}
