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
