//! A page whose request block copies another page's action while its example and the Methods
//! table row linking it name its own (`nameditem-addformulalocal.md` lists `names/add`, calls
//! `names/addFormulaLocal`) is read with its own action and reported (GG0316); either statement
//! alone, or a block no other page lists, changes nothing. Rebuilt on the clean `fixtures/lint`
//! tree with a made-up dimmer for its lamp.

use graphgen::diag::Code;

mod common;

/// An api page titled `title` listing `line`, taking `params` (Int32 each), with one example
/// posting them to `called` (answered 204).
fn page(title: &str, line: &str, called: &str, params: &[&str]) -> String {
    let rows: String = params.iter().map(|p| format!("| {p} | Int32 | How much. |\n")).collect();
    let body: Vec<String> = params.iter().map(|p| format!("  \"{p}\": 30")).collect();
    let body = body.join(",\n");
    format!(
        "---\ntitle: \"{title}\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n{title} a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\n{line}\n```\n\n## Request body\n\nIn the request body, supply a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n{rows}\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n``` http\nPOST https://graph.microsoft.com/v1.0{called}\nContent-type: application/json\n\n{{\n{body}\n}}\n```\n\n### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\nHTTP/1.1 204 No Content\n```\n"
    )
}

/// The lamp with a Methods table naming `dim` and, as `slow_name`, the slow dim's page; the
/// dim page (with `dim`) and the slow dim's page, which lists `line` and posts to `called`.
fn tree(name: &str, slow_name: &str, line: &str, dim: bool) -> common::Scratch {
    let methods = format!(
        "## Methods\n\n| Method | Return type | Description |\n|:---|:---|:---|\n| [Dim](../api/lamp-dim.md) | None | Dims the lamp. |\n| [{slow_name}](../api/lamp-dimslowly.md) | None | Dims the lamp over some seconds. |\n\n## Properties"
    );
    let slow = page("Dim lamp slowly", line, "/lamps/7d3c/dimSlowly", &["level", "seconds"]);
    let fast = page("Dim lamp", "POST /lamps/{id}/dim", "/lamps/7d3c/dim", &["level"]);
    let mut pages = vec![("api/lamp-dimslowly.md", slow.as_str())];
    if dim {
        pages.push(("api/lamp-dim.md", fast.as_str()));
    }
    common::lint_tree(name, &[("resources/lamp.md", "## Properties", &methods)], &pages)
}

fn codes(dir: &std::path::Path, file: &str) -> Vec<Code> {
    common::findings(dir).into_iter().filter(|f| f.file.ends_with(file)).map(|f| f.code).collect()
}

fn posts(api: &graphgen::ir::Api) -> Vec<(String, Vec<String>)> {
    let fields = |o: &graphgen::ir::Operation| match &o.body {
        Some(graphgen::ir::Body::Parameters(ps)) => ps.iter().map(|p| p.name.clone()).collect(),
        _ => Vec::new(),
    };
    api.operations.iter().filter(|o| o.method.as_str() == "POST").map(|o| (o.path.as_str().to_string(), fields(o))).collect()
}

#[test]
fn a_copied_line_is_read_as_the_action_the_example_and_the_methods_table_name() {
    let dir = tree("call-name", "DimSlowly", "POST /lamps/{id}/dim", true);
    let api = common::api(&dir);
    let found = posts(&api);
    assert!(found.contains(&("/lamps/{id}/dim".into(), vec!["level".into()])), "{found:?}");
    assert!(found.contains(&("/lamps/{id}/dimSlowly".into(), vec!["level".into(), "seconds".into()])), "{found:?}");
    let slow = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/dimSlowly").expect("the slow dim");
    assert_eq!(slow.documented, vec!["/lamps/{id}/dim".to_string()]);
    assert!(slow.settled.path.as_deref().is_some_and(|w| w.contains("GG0316")), "{:?}", slow.settled);
    assert_eq!(slow.examples.len(), 1, "its example is its test");
    let found = codes(&dir, "lamp-dimslowly.md");
    assert!(found.contains(&Code::CallName), "{found:?}");
    assert!(!found.contains(&Code::ExamplePath), "{found:?}");
}

#[test]
fn one_statement_alone_changes_nothing() {
    // The example alone: the Methods table names the page otherwise.
    let dir = tree("call-name-example", "Dim gently", "POST /lamps/{id}/dim", true);
    let found = posts(&common::api(&dir));
    assert!(!found.iter().any(|(p, _)| p == "/lamps/{id}/dimSlowly"), "{found:?}");
    let found = codes(&dir, "lamp-dimslowly.md");
    assert!(found.contains(&Code::ExamplePath) && !found.contains(&Code::CallName), "{found:?}");
    // No other page lists the line: the block is the page's own.
    let dir = tree("call-name-own", "DimSlowly", "POST /lamps/{id}/dim", false);
    let found = posts(&common::api(&dir));
    assert!(found.iter().any(|(p, _)| p == "/lamps/{id}/dim") && !found.iter().any(|(p, _)| p == "/lamps/{id}/dimSlowly"), "{found:?}");
    assert!(!codes(&dir, "lamp-dimslowly.md").contains(&Code::CallName));
}
