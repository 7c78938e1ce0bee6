//! The IR through OpenAPI and back: docs → OpenAPI → IR gives the IR the docs gave, and the
//! crates generated from both are the same bytes.

use graphgen::diag::Diags;
use graphgen::ir::Api;
use std::path::Path;

fn specs_api() -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let (ir, _) = graphgen::build_ir(&dir).expect("specs load");
    ir.apis.into_values().next().expect("one version")
}

#[test]
fn the_specs_survive_a_round_trip_through_openapi() {
    let api = specs_api();
    let doc = graphgen::openapi::export::export(&api);
    let mut diags = Diags::default();
    let back = graphgen::openapi::import::import(&doc, "specs.openapi.json", &mut diags);
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    if let Some(d) = graphgen::openapi::first_difference(&api, &back) {
        panic!("{d}");
    }
    let opts = graphgen::emit::Options::default();
    let snapshot = graphgen::snapshot(&api).expect("snapshot");
    assert_eq!(graphgen::emit::emit(&api, &snapshot, &opts).ok(), graphgen::emit::emit(&back, &snapshot, &opts).ok());
}

/// A small document: one schema, and operations answering through `$ref`s of every sort.
fn refs_document() -> serde_json::Value {
    let ok = |schema: serde_json::Value| serde_json::json!({ "200": { "description": "ok", "content": { "application/json": { "schema": schema } } } });
    serde_json::json!({
        "openapi": "3.0.3",
        "info": { "title": "refs", "version": "v1.0" },
        "paths": {
            "/pets/{id}": { "get": { "responses": ok(serde_json::json!({ "$ref": "#/components/schemas/pet" })) } },
            "/owners/{id}": { "get": { "responses": ok(serde_json::json!({ "$ref": "#/components/schemas/owner" })) } },
            "/toys/{id}": { "get": { "responses": { "200": { "$ref": "toys.yaml#/components/responses/toy" } } } },
        },
        "components": { "schemas": { "pet": { "type": "object", "properties": {
            "name": { "type": "string" },
            "tag": { "$ref": "common.yaml#/components/schemas/tag" },
        } } } }
    })
}

#[test]
fn missing_and_external_refs_are_findings_and_never_silent() {
    let mut diags = Diags::default();
    let api = graphgen::openapi::import::import(&refs_document(), "refs.json", &mut diags);
    let messages: Vec<&str> = diags.items.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("`$ref: #/components/schemas/owner` names no schema")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("`$ref: common.yaml#/components/schemas/tag` points outside")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("response `$ref: toys.yaml#/components/responses/toy`")), "{messages:?}");
    assert!(diags.items.iter().all(|d| d.code == graphgen::diag::Code::OpenApi));
    let answer =
        |path: &str| api.operations.iter().find(|o| o.path.as_str() == path).and_then(|o| o.response.r#type.clone()).map(|t| t.name);
    // An external response is any JSON, not "no content".
    assert_eq!(answer("/toys/{id}").as_deref(), Some("Edm.Untyped"));
    assert_eq!(answer("/owners/{id}").as_deref(), Some("owner"));
    let pet = &api.types["pet"];
    let tag = pet.properties.iter().find(|p| p.name == "tag").map(|p| p.r#type.name.as_str());
    assert_eq!(tag, Some("Edm.Untyped"), "the external property is kept, as any JSON");
}

/// The specs' export as JSON text, written by `write`.
fn specs_json(write: impl Fn(&serde_json::Value) -> String) -> String {
    write(&graphgen::openapi::export::export(&specs_api()))
}

#[test]
fn json_with_surrogate_pair_escapes_and_a_bom_imports() {
    // Python's json.dump writes every non-ASCII character as an escape, an emoji as a
    // surrogate pair; Windows tools prepend a byte-order mark.
    let ascii = specs_json(|v| {
        let text = serde_json::to_string(v).expect("json");
        text.chars()
            .map(|c| if c.is_ascii() { c.to_string() } else { c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{u:04x}")).collect() })
            .collect()
    });
    let with_emoji = ascii.replacen("\"title\":\"", "\"title\":\"\\ud83d\\ude0a ", 1);
    assert!(with_emoji.contains("\\ud83d\\ude0a"), "the document has a title to put an emoji in");
    let yaml = serde_yaml::to_string(&graphgen::openapi::export::export(&specs_api())).expect("yaml");
    // serde_yaml alone refuses the pair (the bug this reader fixes).
    assert!(serde_yaml::from_str::<serde_json::Value>(&with_emoji).is_err());
    for text in [with_emoji.clone(), format!("\u{feff}{with_emoji}"), format!("\u{feff}{yaml}")] {
        let doc = graphgen::openapi::read_document(&text);
        assert!(doc.is_ok(), "{:?}", doc.err());
    }
    let doc = graphgen::openapi::read_document(&format!("\u{feff}{with_emoji}")).expect("reads");
    assert!(doc.pointer("/info/title").and_then(|t| t.as_str()).is_some_and(|t| t.starts_with('\u{1f60a}')));
    let mut diags = Diags::default();
    let back = graphgen::openapi::import::import(&doc, "python.json", &mut diags);
    assert!(graphgen::openapi::first_difference(&specs_api(), &back).is_none());
}

#[test]
fn odata_query_options_are_typed_query_parameters() {
    // Made-up operations: a list that names its options, one that names none.
    let docs = [
        ("v1.0/resources/lamp.md".to_string(), "---\ntitle: \"lamp resource type\"\n---\n\n# lamp resource type\n\nNamespace: microsoft.graph\n\nA lamp.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n| name | String | Name. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n| bulbs | [lamp](lamp.md) collection | Parts. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.lamp\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String\",\n  \"name\": \"String\"\n}\n```\n".to_string()),
        ("v1.0/api/lamp-list.md".to_string(), "---\ntitle: \"List lamps\"\n---\n\n# List lamps\n\nList them.\n\n## HTTP request\n\n```http\nGET /lamps\n```\n\n## Optional query parameters\n\nThis method supports the `$top`, `$count`, `$select`, `$expand`, `$orderby` and `$filter` OData query parameters.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [lamp](../resources/lamp.md) objects in the response body.\n".to_string()),
        ("v1.0/api/lamp-get.md".to_string(), "---\ntitle: \"Get lamp\"\n---\n\n# Get lamp\n\nGet one.\n\n## HTTP request\n\n```http\nGET /lamps/{id}\n```\n\n## Optional query parameters\n\nThis method supports the [OData query parameters](/graph/query-parameters) to help customize the response.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [lamp](../resources/lamp.md) object in the response body.\n".to_string()),
    ];
    let (api, _) = graphgen::ir_of_texts("v1.0", &docs);
    let doc = graphgen::openapi::export::export(&api);
    let param = |path: &str, name: &str| {
        let ps = doc
            .pointer(&format!("/paths/{}/get/parameters", path.replace('/', "~1")))
            .and_then(|p| p.as_array())
            .cloned()
            .unwrap_or_default();
        ps.into_iter().find(|p| p["name"] == name && p["in"] == "query").unwrap_or_else(|| panic!("no {name} on {path}"))
    };
    assert_eq!(param("/lamps", "$top")["schema"], serde_json::json!({ "type": "integer", "minimum": 0 }));
    assert_eq!(param("/lamps", "$count")["schema"]["type"], "boolean");
    assert_eq!(param("/lamps", "$filter")["schema"]["type"], "string");
    for name in ["$select", "$expand", "$orderby"] {
        let p = param("/lamps", name);
        assert_eq!(
            (p["schema"]["type"].as_str(), p["style"].as_str(), p["explode"].as_bool()),
            (Some("array"), Some("form"), Some(false)),
            "{name}"
        );
    }
    assert_eq!(param("/lamps", "$select")["schema"]["items"]["enum"], serde_json::json!(["*", "bulbs", "id", "name"]));
    assert_eq!(param("/lamps", "$expand")["schema"]["items"]["enum"], serde_json::json!(["*", "bulbs"]));
    // "supports the OData query parameters", none named: one value's standard options.
    let get = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}").expect("get");
    assert_eq!(get.query_options, ["$expand", "$select"]);
    assert!(get.settled.query_options.is_some());
    param("/lamps/{id}", "$select");
    // And back: the same IR.
    let mut diags = Diags::default();
    let back = graphgen::openapi::import::import(&doc, "lamps.json", &mut diags);
    assert!(graphgen::openapi::first_difference(&api, &back).is_none());
}
