//! An action's request body table that lists the fields of each element of the one array its
//! example sends: "supply an array of JSON objects with the id parameter mentioned in the table"
//! over `| id | string |`, with the example sending `{"value": [{"id": "..."}, ...]}`. The table
//! describes the elements, not the body: what the body takes is the example's one key, a
//! collection of the entities the action is bound to, when each row is a property of them (the
//! URL model's type, a second statement beside the example's). Read so, and reported at the table.

use crate::diag::{Code, Diags};
use crate::ir::{Body, ComplexType, HttpMethod, Operation, Property, TypeRef};
use crate::urlspace::{Target, Walk};
use serde_json::Value;
use std::collections::BTreeMap;

pub fn correct(op: &mut Operation, walk: &Walk, types: &BTreeMap<String, ComplexType>, diags: &mut Diags) {
    let (Some(Body::Parameters(rows)), HttpMethod::Post) = (&op.body, op.method) else { return };
    let Some(Target::Collection(member)) = &walk.binding else { return };
    let Some((key, elements)) = sent_array(op) else { return };
    let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    let is_row = |k: &String| names.iter().any(|n| n.eq_ignore_ascii_case(k));
    // Every element sends only rows, every row is sent by some element, none is the key itself.
    let fields: Vec<Vec<&String>> = elements.iter().map(|e| e.keys().filter(|k| !k.starts_with('@')).collect()).collect();
    if names.is_empty()
        || is_row(&key)
        || !fields.iter().all(|ks| !ks.is_empty() && ks.iter().all(|k| is_row(k)))
        || !names.iter().all(|n| fields.iter().flatten().any(|k| k.eq_ignore_ascii_case(n)))
        || !super::example_body::all_properties_of(types, member, &names)
    {
        return;
    }
    let at = rows[0].source.clone();
    let listed = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let taken = TypeRef { name: member.clone(), collection: true };
    op.body = Some(Body::Parameters(vec![Property {
        name: key.clone(),
        r#type: taken.clone(),
        navigation: false,
        read_only: false,
        description: format!("The `{}` objects to act on; each sends {listed}.", member.rsplit('.').next().unwrap_or(member)),
        source: at.clone(),
    }]));
    op.settled.body = Some(format!(
        "the request body table lists {listed}, the fields of each element the example sends in `{key}`; the action is bound to a collection of `{member}`, which has them: read as `{key}`, `{taken}`"
    ));
    diags.push(
        &at.file,
        at.line,
        Code::BodyElements,
        format!("the request body table lists {listed}, but the example sends them in each element of `{key}`, an array; read as one parameter `{key}` (`{taken}`)"),
    );
}

/// The example request's body when it is one key holding a non-empty array of objects.
fn sent_array(op: &Operation) -> Option<(String, Vec<&serde_json::Map<String, Value>>)> {
    let body = super::example_body::first_sent_object(&op.examples)?;
    let mut keys = body.iter().filter(|(k, _)| !k.starts_with('@'));
    let (key, value) = keys.next()?;
    if keys.next().is_some() {
        return None;
    }
    let items = value.as_array().filter(|a| !a.is_empty())?;
    let objects: Vec<_> = items.iter().filter_map(Value::as_object).collect();
    (objects.len() == items.len()).then(|| (key.clone(), objects))
}
