//! A `202 Accepted` whose page names no type for the work it leaves running, read by where its
//! example's `Location` header leads: a Graph URL whose path another page documents a GET of
//! (exportPersonalData's `/dataPolicyOperations/{id}`, answered by `dataPolicyOperation-get.md`)
//! is that page's answer. A URL on another host (a drive item copy's SharePoint monitor) or a path
//! no GET documents, or several that answer different types, leave it as any JSON.

use crate::frontend::http::{is_graph_url, strip_service_root};
use crate::frontend::phrases::is_location_header;
use crate::ir::{HttpMethod, Operation, TypeRef};

/// Types the monitors that were read as any JSON by their examples' `Location` URLs.
pub fn settle(ops: &mut [Operation]) {
    let mut found = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        if op.response.monitor.as_ref().is_none_or(|m| !crate::ir::ANY_JSON.contains(&m.name.as_str())) {
            continue;
        }
        let Some(url) = location(op) else { continue };
        let path = strip_service_root(url.split('?').next().unwrap_or(""));
        let mut answers: Vec<(&TypeRef, &str)> = ops
            .iter()
            .filter(|g| g.method == HttpMethod::Get && g.path.matches(&path).is_some())
            .filter_map(|g| g.response.r#type.as_ref().map(|t| (t, g.source.file.as_str())))
            .collect();
        answers.sort();
        answers.dedup_by(|a, b| a.0 == b.0);
        if let [(t, file)] = answers[..] {
            if !t.collection && !t.is_primitive() {
                let mut why = format!(
                    "`202 Accepted`: its example's `Location` header leads to `{path}`, which `{file}` answers with a `{}`",
                    t.name
                );
                if op.response.respond_async {
                    why = format!("{why}; {}", super::empty_answer::ASKED);
                }
                found.push((i, t.clone(), why));
            }
        }
    }
    for (i, t, why) in found {
        if let Some(op) = ops.get_mut(i) {
            op.response.monitor = Some(t);
            op.settled.response = Some(why);
        }
    }
}

/// The first Graph URL an example of the operation gives in its response's `Location` header.
fn location(op: &Operation) -> Option<&str> {
    op.examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .flat_map(|r| &r.headers)
        .find(|(k, v)| is_location_header(k) && v.starts_with("http") && is_graph_url(v))
        .map(|(_, v)| v.as_str())
}
