//! A write answered `204 No Content` whose page also shows a `207 Multi-Status` with a body
//! its annotation types (v1.0's site unfollow: the sites it could not unfollow, each with its
//! `error`) reads `Option<Page<T>>`: `None` for the `204`, the page for the `207`. The OpenAPI
//! export carries the `207` and reads back to the same IR. A bare `207` changes nothing.

use graphgen::diag::Diags;

mod common;

/// The lamp's switch-off page: `204`, and a second answer `second`.
fn docs(second: &str) -> Vec<(String, String)> {
    let lamp = common::resource("lamp", "entity", "| name | String | Its name. |\n", "{\n  \"name\": \"String\"\n}");
    let off = format!(
        "---\ntitle: \"Switch lamps off\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# Switch lamps off\n\nNamespace: microsoft.graph\n\nSwitch off [lamps](../resources/lamp.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nPOST /lamps/switchOff\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code. If some lamps could not be switched off, it returns `207` and those lamps.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"switch_off\" }} -->\n``` http\nPOST https://graph.microsoft.com/v1.0/lamps/switchOff\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\nHTTP/1.1 204 No Content\n```\n\n{second}"
    );
    vec![
        ("v1.0/resources/entity.md".to_string(), common::ENTITY.to_string()),
        ("v1.0/resources/lamp.md".to_string(), lamp),
        ("v1.0/api/lamp-switchoff.md".to_string(), off),
    ]
}

const PARTLY: &str = "<!-- { \"blockType\": \"response\", \"@type\": \"microsoft.graph.lamp\", \"isCollection\": true } -->\n``` http\nHTTP/1.1 207 Multi-Status\nContent-type: application/json\n\n{\n  \"value\": [\n    { \"id\": \"7d3c\", \"error\": { \"code\": \"stuck\" } }\n  ]\n}\n```\n";

#[test]
fn a_multi_status_beside_no_content_is_read_as_an_optional_page() {
    let (api, _) = graphgen::ir_of_texts("v1.0", &docs(PARTLY));
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/switchOff").expect("the switch-off");
    assert_eq!(op.response.status, 204);
    assert!(op.response.r#type.is_none());
    let partial = op.response.multi_status.as_ref().expect("the 207's type");
    assert_eq!((partial.name.as_str(), partial.collection), ("microsoft.graph.lamp", true));
    let snapshot = graphgen::snapshot(&api).expect("snapshot");
    let files = graphgen::emit::emit(&api, &snapshot, &graphgen::emit::Options::default()).expect("emits");
    let lamps = files.get("src/api/lamps.rs").expect("lamps module");
    assert!(lamps.contains("crate::runtime::MaybeJson<crate::runtime::Page<crate::models::Lamp>>"), "{lamps}");
    assert!(lamps.contains("`Some` with the body of a `207 Multi-Status`"), "{lamps}");
    let tests = files.get("tests/examples.rs").expect("example tests");
    assert!(tests.contains("(207u16, received, received)"), "the 207 example is a round-trip test: {tests}");
    // The OpenAPI export says so, and reads back to the same IR.
    let doc = graphgen::openapi::export::export(&api);
    assert!(doc.pointer("/paths/~1lamps~1switchOff/post/responses/207").is_some());
    let mut diags = Diags::default();
    let back = graphgen::openapi::import::import(&doc, "lamps.json", &mut diags);
    assert!(graphgen::openapi::first_difference(&api, &back).is_none(), "{:?}", graphgen::openapi::first_difference(&api, &back));
}

#[test]
fn a_bare_multi_status_changes_nothing() {
    let (api, _) =
        graphgen::ir_of_texts("v1.0", &docs("<!-- { \"blockType\": \"response\" } -->\n``` http\nHTTP/1.1 207 Multi-Status\n```\n"));
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/switchOff").expect("the switch-off");
    assert!(op.response.multi_status.is_none());
}
