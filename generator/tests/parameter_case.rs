//! An action's body parameter that every example request of its page spells in another letter
//! case is sent as they spell it (`workbook-post-tables.md`: the table's `Address`, the
//! example's `address`), and the row reported (GG0213); a row some example writes as it is
//! stays. Rebuilt on the clean `fixtures/lint` tree with a made-up lamp dimming action.

use graphgen::diag::Code;

mod common;

/// The dim page: its table row `Level`, its example sending `{"<key>": 40}`.
fn tree(name: &str, keys: &[&str]) -> common::Scratch {
    let examples: String = keys
        .iter()
        .enumerate()
        .map(|(i, key)| format!("<!-- {{ \"blockType\": \"request\", \"name\": \"dim_{i}\" }} -->\n``` http\nPOST https://graph.microsoft.com/v1.0/lamps/7d3c/dim\nContent-type: application/json\n\n{{\n  \"{key}\": 40\n}}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\nHTTP/1.1 204 No Content\n```\n\n"))
        .collect();
    let page = format!(
        "---\ntitle: \"lamp: dim\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# lamp: dim\n\nNamespace: microsoft.graph\n\nDim a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nPOST /lamps/{{id}}/dim\n```\n\n## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| Level | Int32 | Brightness to dim to, in percent. |\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n{examples}"
    );
    common::lint_tree(name, &[], &[("api/lamp-dim.md", &page)])
}

fn parameter(dir: &std::path::Path) -> String {
    let api = common::api(dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/dim").expect("the dim action");
    match &op.body {
        Some(graphgen::ir::Body::Parameters(ps)) => ps.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(","),
        other => panic!("{other:?}"),
    }
}

fn codes(dir: &std::path::Path) -> Vec<Code> {
    common::findings(dir).into_iter().filter(|f| f.file.ends_with("lamp-dim.md")).map(|f| f.code).collect()
}

#[test]
fn a_parameter_every_example_spells_otherwise_is_sent_so() {
    let dir = tree("parameter-case", &["level", "level"]);
    assert_eq!(parameter(&dir), "level");
    let found = codes(&dir);
    assert!(found.contains(&Code::PropertyNameCase) && !found.contains(&Code::ExampleUnknownProperty), "{found:?}");
}

#[test]
fn a_row_an_example_writes_as_it_is_stays() {
    let dir = tree("parameter-case-kept", &["level", "Level"]);
    assert_eq!(parameter(&dir), "Level");
    assert!(!codes(&dir).contains(&Code::PropertyNameCase));
}
