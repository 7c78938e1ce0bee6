//! Examples that call a documented endpoint in another of OData's URL forms, rebuilt on the
//! clean `fixtures/lint` tree: a key in parentheses (`lamps('7d3c1a52')`) is the key as a
//! segment, and a function the request block lists bare but whose example passes arguments a
//! parameter table names gains an endpoint with them. Each test fails without its rule (a
//! GG0403 appears, or the example has no snippet or no endpoint). A singleton's name written as
//! a key of the set holding its type (`/users/me/...`) is the singleton's own path.

use graphgen::diag::Code;

mod common;

use common::{api, findings};

/// A function page: the block lists `dim` bare, the table and the example give it `level`.
fn dim_page(example_call: &str) -> String {
    format!(
        r#"---
title: "lamp: dim"
ms.prod: "devices"
doc_type: apiPageType
---

# lamp: dim

Namespace: microsoft.graph

Dim a [lamp](../resources/lamp.md) and read it back.

## HTTP request

<!-- {{ "blockType": "ignored" }} -->
``` http
GET /lamps/{{id}}/dim
```

## Function parameters

| Parameter | Type | Description |
|:----------|:-----|:------------|
| level | Int32 | How far to dim, 0 to 10. |

## Response

If successful, this function returns a `200 OK` response code and a [lamp](../resources/lamp.md) object in the response body.

## Examples

### Request

<!-- {{
  "blockType": "request",
  "name": "dim_lamp"
}}
-->
``` http
GET https://graph.microsoft.com/v1.0/lamps/7d3c1a52/{example_call}
```
"#
    )
}

fn snippet_of(dir: &std::path::Path, name: &str) -> Option<String> {
    let (ir, _) = graphgen::build_ir(dir).expect("docs load");
    let api = graphgen::pick_version(&ir, Some("v1.0")).expect("v1.0");
    let (written, _) = graphgen::emit::snippets(api, &graphgen::emit::Options::default());
    written.into_iter().find(|s| s.name == name).map(|s| s.code)
}

#[test]
fn a_key_in_parentheses_is_the_key_as_a_segment() {
    let dir = common::lint_tree("odata-key-parens", &[("api/lamp-update.md", "/v1.0/lamps/7d3c1a52", "/v1.0/lamps('7d3c1a52')")], &[]);
    let found = findings(&dir);
    assert!(!found.iter().any(|f| f.code == Code::ExamplePath), "{found:?}");
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "PATCH").expect("PATCH");
    assert_eq!(op.examples.len(), 1, "the example is the update's");
    // It calls the update (what its generated test and its snippet are written from).
    let req = op.examples[0].request.as_ref().expect("request");
    assert!(op.called_by(req), "{}", req.path);
    let code = snippet_of(&dir, "update_lamp").expect("a snippet");
    assert!(code.contains(".id(\"7d3c1a52\")"), "{code}");
}

#[test]
fn a_function_called_with_arguments_its_table_names_gains_an_endpoint_with_them() {
    let page = dim_page("dim(level=3)");
    let dir = common::lint_tree("odata-fn-args", &[], &[("api/lamp-dim.md", &page)]);
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/dim(level={level})").expect("the endpoint with its argument");
    assert!(op.settled.path.as_deref().is_some_and(|w| w.contains("`level`")), "{:?}", op.settled);
    assert_eq!(op.examples.len(), 1);
    let level = op.parameters.iter().find(|p| p.name == "level").expect("level");
    assert!(level.description.contains("How far"), "the table's row describes it: {level:?}");
    // The bare line stays: the block lists it.
    assert!(api.operations.iter().any(|o| o.path.as_str() == "/lamps/{id}/dim"));
    let code = snippet_of(&dir, "dim_lamp").expect("a snippet");
    assert!(code.contains(".dim_with_level(3)"), "the docs type it Int32: {code}");
}

#[test]
fn a_query_parameter_the_example_passes_in_parentheses_is_the_function_s_argument() {
    // beta's PIM `filterByCurrentUser` pages: the block lists the function bare, a query-parameter
    // table names `on`, the example calls `filterByCurrentUser(on='...')`.
    let page = dim_page("dim(level=3)").replace("## Function parameters", "## Query parameters");
    let dir = common::lint_tree("odata-fn-args-query", &[], &[("api/lamp-dim.md", &page)]);
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/dim(level={level})").expect("the endpoint with its argument");
    assert!(op.parameters.iter().any(|p| p.name == "level"), "{:?}", op.parameters);
    assert!(op.query_parameters.is_empty(), "the argument is no query parameter: {:?}", op.query_parameters);
    let bare = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/dim").expect("the bare line stays");
    assert!(bare.query_parameters.is_empty(), "its docs no longer say `.query(\"level\", ..)`: {:?}", bare.query_parameters);
    let code = snippet_of(&dir, "dim_lamp").expect("a snippet");
    assert!(code.contains(".dim_with_level(3)"), "the docs type it Int32: {code}");
    // Passed after `?`, the row is the query parameter it says it is.
    let page = dim_page("dim?level=3").replace("## Function parameters", "## Query parameters");
    let dir = common::lint_tree("odata-fn-args-query-string", &[], &[("api/lamp-dim.md", &page)]);
    let api = common::api(&dir);
    assert!(!api.operations.iter().any(|o| o.path.as_str().contains("(level")));
    let bare = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/dim").expect("the bare line");
    assert!(bare.query_parameters.iter().any(|p| p.name == "level"), "{:?}", bare.query_parameters);
}

#[test]
fn a_get_whose_body_table_the_arguments_take_is_only_the_call_with_them() {
    // Intune's `getOmaSettingPlainTextValue`: the block lists the function bare and its one
    // parameter under "Request body"; the example passes it in parentheses. A GET sends no
    // body, so the bare line would send the parameter nowhere the service reads it.
    let page = dim_page("dim(level=3)").replace("## Function parameters", "## Request body");
    let dir = common::lint_tree("odata-fn-args-body", &[], &[("api/lamp-dim.md", &page)]);
    let api = api(&dir);
    assert!(!api.operations.iter().any(|o| o.path.as_str() == "/lamps/{id}/dim"), "no bare GET with a body");
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/dim(level={level})").expect("the endpoint with its argument");
    assert!(op.body.is_none(), "{:?}", op.body);
    assert_eq!(op.examples.len(), 1, "the page's example is its test");
    assert_eq!(op.documented, vec!["/lamps/{id}/dim".to_string()], "the page's line is its documented spelling");
    let code = snippet_of(&dir, "dim_lamp").expect("a snippet");
    assert!(code.contains(".dim(3)"), "the only dim takes the level: {code}");
    // A reader searching the crate's docs for the page's line finds it.
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let lamps = files.get("src/api/lamps.rs").expect("lamps module");
    assert!(lamps.contains("alias = \"GET /lamps/{id}/dim\""), "{lamps}");
    // Where the model cannot follow the path, the call with the arguments reports it, in the
    // bare line's place (GG0803), as the bare line did.
    let page = dim_page("parts/dim(level=3)")
        .replace("## Function parameters", "## Request body")
        .replace("GET /lamps/{id}/dim", "GET /lamps/{id}/parts/dim");
    let dir = common::lint_tree("odata-fn-args-body-unwalked", &[], &[("api/lamp-dim.md", &page)]);
    let unresolved: Vec<_> =
        findings(&dir).into_iter().filter(|f| f.code == Code::UnresolvedPath && f.file.ends_with("lamp-dim.md")).collect();
    assert_eq!(unresolved.len(), 1, "{unresolved:?}");
}

#[test]
fn an_argument_no_table_names_adds_no_endpoint() {
    let page = dim_page("dim(glow=3)");
    let dir = common::lint_tree("odata-fn-args-unnamed", &[], &[("api/lamp-dim.md", &page)]);
    let api = api(&dir);
    assert!(!api.operations.iter().any(|o| o.path.as_str().contains("glow")), "no table names glow");
    assert!(snippet_of(&dir, "dim_lamp").is_none());
}

#[test]
fn a_singleton_written_as_a_key_of_its_set_is_the_singleton() {
    // `/myLamp` is one lamp (its get page says so); the update page writes `/lamps/myLamp`.
    let get = "---\ntitle: \"Get my lamp\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# Get my lamp\n\nNamespace: microsoft.graph\n\nRead your own [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /myLamp\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [lamp](../resources/lamp.md) object in the response body.\n";
    let dir = common::lint_tree(
        "odata-singleton-key",
        &[("api/lamp-update.md", "PATCH /lamps/{id}\n", "PATCH /lamps/{id}\nPATCH /lamps/myLamp\n")],
        &[("api/lamp-get-mine.md", get)],
    );
    let api = api(&dir);
    let paths: Vec<&str> = api.operations.iter().map(|o| o.path.as_str()).collect();
    assert!(paths.contains(&"/myLamp") && !paths.iter().any(|p| p.starts_with("/lamps/myLamp")), "{paths:?}");
    let patch = api.operations.iter().find(|o| o.method.as_str() == "PATCH" && o.path.as_str() == "/myLamp").expect("PATCH /myLamp");
    assert_eq!(patch.documented, ["/lamps/myLamp"]);
    assert!(findings(&dir).iter().any(|f| f.code == Code::PathSample && f.message.contains("singleton `myLamp`")));
}
