//! The first calls a Graph user writes, each pinned to the page that documents it and to the
//! types that page (and the resource's own page) give.

use graphgen::ir::{Api, Body, Operation};

/// (method, path, page stem, answer, body): `answer` and `body` as `TypeRef` text, `-` for none.
pub const CALLS: &[(&str, &str, &str, &str, &str)] = &[
    ("GET", "/users", "user-list", "Collection(microsoft.graph.user)", "-"),
    ("GET", "/me/messages", "user-list-messages", "Collection(microsoft.graph.message)", "-"),
    ("POST", "/me/events", "user-post-events", "microsoft.graph.event", "microsoft.graph.event"),
    ("GET", "/me/messages/{id}", "message-get", "microsoft.graph.message", "-"),
    ("GET", "/groups/{id}", "group-get", "microsoft.graph.group", "-"),
    ("PATCH", "/groups/{id}", "group-update", "-", "microsoft.graph.group"),
    ("PUT", "/me/drive/items/{item-id}/content", "driveitem-put-content", "microsoft.graph.driveItem", "Edm.Stream"),
];

/// One line per pinned call, and the failures.
pub fn check(api: &Api) -> Vec<String> {
    let mut failures = Vec::new();
    println!("  first calls a user writes:");
    for (method, path, stem, answer, body) in CALLS {
        let key = graphgen::path::PathTemplate::parse(path).0.key();
        let Some(op) = api.operations.iter().find(|o| o.method.as_str() == *method && o.path.key() == key) else {
            failures.push(format!("{method} {path}: no operation"));
            println!("    ✗ {method} {path}: no operation");
            continue;
        };
        let got = describe(op);
        let want = format!("{stem} → {answer}, body {body}");
        let ok = got == want;
        println!("    {} {method} {}  {got}", if ok { "✓" } else { "✗" }, op.path);
        if !ok {
            failures.push(format!("{method} {path}: {got}, want {want}"));
        }
    }
    failures
}

fn describe(op: &Operation) -> String {
    let stem = op.source.file.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
    let answer = op.response.r#type.as_ref().map_or_else(|| "-".to_string(), |t| t.to_string());
    let body = match &op.body {
        Some(Body::Type(t)) => t.to_string(),
        Some(Body::Parameters(_)) => "parameters".to_string(),
        None => "-".to_string(),
    };
    format!("{stem} → {answer}, body {body}")
}
