//! An action's body parameter whose table row is spelled in one letter case while every
//! example request of its page writes another: `workbook-post-tables.md`'s table says
//! `Address`, its example sends `"address"`, as every other page adding a table does. A
//! request example is the one place the docs show what the service is sent (as for a type's
//! rows, [`super::request_spelling`]): where the page's example requests write the parameter
//! in one spelling and none writes the row's, the parameter is named as they write it, the why
//! in `settled.body`, the row reported (GG0213). Before the examples are judged, so the example
//! is no finding of its own.

use crate::diag::{Code, Diags};
use crate::ir::{Body, ExampleBody, HttpMethod, Operation};
use std::collections::{BTreeMap, BTreeSet};

pub fn settle(ops: &mut [Operation], diags: &mut Diags) {
    // A page's examples serve all its lines of one method (the first line holds them).
    let mut keys: BTreeMap<(String, HttpMethod), BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for op in ops.iter().filter(|op| matches!(op.body, Some(Body::Parameters(_)))) {
        let written = keys.entry((op.source.file.clone(), op.method)).or_default();
        for req in op.examples.iter().filter_map(|e| e.request.as_ref()) {
            let Some(ExampleBody::Json(v) | ExampleBody::Template(v)) = &req.body else { continue };
            for k in v.as_object().into_iter().flat_map(|o| o.keys()) {
                written.entry(k.to_ascii_lowercase()).or_default().insert(k.clone());
            }
        }
    }
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    for op in ops.iter_mut() {
        let Some(written) = keys.get(&(op.source.file.clone(), op.method)) else { continue };
        let Some(Body::Parameters(params)) = &mut op.body else { continue };
        let mut whys = Vec::new();
        for p in params.iter_mut() {
            let Some(spellings) = written.get(&p.name.to_ascii_lowercase()) else { continue };
            let [key] = spellings.iter().collect::<Vec<_>>()[..] else { continue };
            if *key == p.name {
                continue;
            }
            let row = std::mem::replace(&mut p.name, key.clone());
            whys.push(format!(
                "the body table's `{row}` is written `{key}` by every example request of the page, and by none as the row spells it"
            ));
            if reported.insert((p.source.file.clone(), row.clone())) {
                let message = format!("body parameter `{row}` is written `{key}` by the page's example requests, and by none as the row spells it; sent as `{key}`");
                diags.push(&p.source.file, p.source.line, Code::PropertyNameCase, message).token(&row);
            }
        }
        if !whys.is_empty() {
            crate::ir::add_why(&mut op.settled.body, whys.join("; "));
        }
    }
}
