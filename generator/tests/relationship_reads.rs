//! A GET page whose example reads a relationship of what its block answers (`shares-get.md`'s
//! `/shares/{id}/driveItem`) gains that endpoint, answering the relationship's type; a segment
//! no relationship names stays a GG0403; one reading `$value` of it, answering no JSON, gains
//! the bytes' endpoint. Rebuilt on the clean `fixtures/lint` tree.

use graphgen::diag::Code;

mod common;

use common::findings;

/// The lamp with a `light` relationship, and the get page's example `GET .../lamps/{id}/<tail>`.
fn tree(name: &str, tail: &str) -> common::Scratch {
    let relationships = "## JSON representation";
    let table = "## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| light | [light](light.md) | The lamp's light source. |\n\n## JSON representation";
    let example = format!(
        "## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_lamp_light\" }} -->\n``` http\nGET https://graph.microsoft.com/v1.0/lamps/7d3c1a52/{tail}\n```\n"
    );
    let response = "in the response body.\n";
    let with_example = format!("in the response body.\n\n{example}");
    common::lint_tree(name, &[("resources/lamp.md", relationships, table), ("api/lamp-get.md", response, &with_example)], &[])
}

#[test]
fn an_example_reading_a_relationship_of_the_answer_is_an_endpoint_answering_its_type() {
    let dir = tree("relationship-read", "light");
    let api = common::api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/light").expect("the relationship's endpoint");
    assert_eq!(op.method.as_str(), "GET");
    assert_eq!(op.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.light"), "{:?}", op.response);
    assert!(op.settled.path.as_deref().is_some_and(|w| w.contains("`light`")), "{:?}", op.settled);
    assert_eq!(op.examples.len(), 1, "the example is its own");
    // The listed GET stays, and the example is no GG0403.
    assert!(api.operations.iter().any(|o| o.path.as_str() == "/lamps/{id}" && o.method.as_str() == "GET"));
    let found = findings(&dir);
    assert!(!found.iter().any(|f| f.code == Code::ExamplePath), "{found:?}");
}

#[test]
fn a_segment_no_relationship_names_adds_no_endpoint() {
    // `brightness` is a property, not a relationship; `glow` is nothing.
    for tail in ["brightness", "glow"] {
        let dir = tree(&format!("relationship-read-{tail}"), tail);
        let api = common::api(&dir);
        assert!(!api.operations.iter().any(|o| o.path.as_str().ends_with(tail)), "{tail}");
        assert!(findings(&dir).iter().any(|f| f.code == Code::ExamplePath), "{tail}: GG0403 stays");
    }
}

#[test]
fn an_example_reading_one_segment_short_of_a_parameter_where_others_write_is_a_read() {
    // The get page lists `GET /lamps/{id}/{property name}`; its example reads `/lamps/7d3c1a52`,
    // which the update page writes: a read of the lamp. Without the write, GG0403 stays.
    let line = ("api/lamp-get.md", "GET /lamps/{id}\n", "GET /lamps/{id}/{property name}\n");
    let example = "in the response body.\n\n## Examples\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_lamp\" } -->\n``` http\nGET https://graph.microsoft.com/v1.0/lamps/7d3c1a52\n```\n";
    let dir = common::lint_tree("parent-read", &[line, ("api/lamp-get.md", "in the response body.\n", example)], &[]);
    let api = common::api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}" && o.method.as_str() == "GET").expect("the read");
    assert_eq!(op.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.lamp"));
    assert!(op.settled.path.as_deref().is_some_and(|w| w.contains("other pages write")), "{:?}", op.settled);
    assert_eq!(op.examples.len(), 1, "the example is its own");
    assert!(!findings(&dir).iter().any(|f| f.code == Code::ExamplePath));
    let unwritten = common::lint_tree(
        "parent-read-unwritten",
        &[
            line,
            ("api/lamp-get.md", "in the response body.\n", example),
            ("api/lamp-update.md", "PATCH /lamps/{id}\n", "PATCH /lamps/{id}/glow\n"),
        ],
        &[],
    );
    assert!(!common::api(&unwritten).operations.iter().any(|o| o.path.as_str() == "/lamps/{id}" && o.method.as_str() == "GET"));
}

#[test]
fn an_example_reading_one_segment_short_where_another_page_creates_is_the_list() {
    // The get page lists `GET /lamps/{id}`; its example reads `/lamps`, where the other page
    // creates (`POST /lamps`): the list of lamps. Without the create, GG0403 stays.
    let example = "in the response body.\n\n## Examples\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"list_lamps\" } -->\n``` http\nGET https://graph.microsoft.com/v1.0/lamps\n```\n";
    let get = ("api/lamp-get.md", "in the response body.\n", example);
    let dir = common::lint_tree("parent-list", &[get, ("api/lamp-update.md", "PATCH /lamps/{id}\n", "POST /lamps\n")], &[]);
    let api = common::api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps" && o.method.as_str() == "GET").expect("the list");
    assert_eq!(op.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Collection(microsoft.graph.lamp)"));
    assert!(op.settled.path.as_deref().is_some_and(|w| w.contains("creates")), "{:?}", op.settled);
    assert_eq!(op.examples.len(), 1, "the example is its own");
    // (The update page's own PATCH example, its line now a POST, is a GG0403 of that page.)
    assert!(!findings(&dir).iter().any(|f| f.code == Code::ExamplePath && f.file.ends_with("lamp-get.md")));
    let uncreated = common::lint_tree("parent-list-uncreated", &[get], &[]);
    assert!(!common::api(&uncreated).operations.iter().any(|o| o.path.as_str() == "/lamps" && o.method.as_str() == "GET"));
    assert!(findings(&uncreated).iter().any(|f| f.code == Code::ExamplePath), "GG0403 stays");
}

#[test]
fn an_example_reading_the_bytes_of_the_answer_is_an_endpoint_answering_a_stream() {
    // The get page lists `GET /lamps/{id}`; its example reads `/lamps/7d3c1a52/$value` and
    // answers `image/png` with no body: the lamp's bytes. An answer in JSON adds nothing.
    let with = |answer: &str| {
        format!("in the response body.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_lamp_bytes\" }} -->\n``` http\nGET https://graph.microsoft.com/v1.0/lamps/7d3c1a52/$value\n```\n\n### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\nHTTP/1.1 200 OK\n{answer}\n```\n")
    };
    let bytes = with("Content-Type: image/png");
    let dir = common::lint_tree("value-read", &[("api/lamp-get.md", "in the response body.\n", &bytes)], &[]);
    let api = common::api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/$value").expect("the bytes' endpoint");
    assert_eq!(op.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Edm.Stream"), "{:?}", op.response);
    assert!(op.settled.path.as_deref().is_some_and(|w| w.contains("no JSON")), "{:?}", op.settled);
    assert_eq!(op.examples.len(), 1, "the example is its own");
    assert!(!findings(&dir).iter().any(|f| f.code == Code::ExamplePath));
    let json = with("Content-Type: application/json\n\n{\n  \"id\": \"7d3c1a52\"\n}");
    let dir = common::lint_tree("value-read-json", &[("api/lamp-get.md", "in the response body.\n", &json)], &[]);
    assert!(!common::api(&dir).operations.iter().any(|o| o.path.as_str() == "/lamps/{id}/$value"));
}
