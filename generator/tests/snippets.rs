//! The Rust snippets of the in-repo specs' examples (`graphgen snippets`): every request
//! example has one, written as a user writes it: the fluent chain from the example's URL, typed
//! query options, a struct literal body with `null` only where the example sends it, and the
//! answer bound to its documented type.

use graphgen::emit::snippet::Snippet;
use std::path::Path;

fn snippets() -> (Vec<Snippet>, usize) {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let (ir, _) = graphgen::build_ir(&specs).expect("specs load");
    let api = graphgen::pick_version(&ir, None).expect("one version");
    let (written, missing) = graphgen::emit::snippets(api, &graphgen::emit::Options::default());
    (written, missing.len())
}

fn named<'a>(all: &'a [Snippet], name: &str) -> &'a Snippet {
    all.iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no snippet {name}: {:?}", all.iter().map(|s| &s.name).collect::<Vec<_>>()))
}

#[test]
fn every_request_example_of_the_specs_has_a_snippet() {
    let (written, missing) = snippets();
    assert_eq!(missing, 0);
    assert_eq!(written.len(), 7);
}

#[test]
fn a_filtered_list_uses_typed_options_and_binds_a_page() {
    let (written, _) = snippets();
    let s = &named(&written, "list_phones_guest_filtered").code;
    for part in [
        ".filter(\"type eq 'mobile'\")",
        ".select([\"number\", \"type\"])",
        ".top(1)",
        "let page: Page<ItemPhone> = client.send(&request).await?;",
    ] {
        assert!(s.contains(part), "{part} missing from\n{s}");
    }
    assert!(s.starts_with("use msgraph::models::ItemPhone;\nuse msgraph::runtime::Page;\n\n"), "{s}");
    assert!(!s.contains("unwrap"), "{s}");
}

#[test]
fn a_template_body_leaves_its_placeholders_out_and_names_them() {
    let (written, _) = snippets();
    let s = &named(&written, "create_itemphone_from_").code;
    assert!(s.contains("let body = ItemPhone {"), "{s}");
    // Real data stays; `"displayName": "String"` is not sent, as null or at all: copied into
    // an update, a null would clear the field.
    assert!(s.contains("odata_type: \"#microsoft.graph.itemPhone\".into(),"), "{s}");
    assert!(!s.contains("Nullable::Null") && !s.contains("display_name"), "{s}");
    assert!(s.contains("// The docs' example also sets these, with placeholder values"), "{s}");
    assert!(s.contains(" displayName,") && s.contains(" type."), "{s}");
    assert!(s.contains("..Default::default()"), "{s}");
    assert!(s.contains(".create(&body)"), "{s}");
}

#[test]
fn a_batch_example_goes_through_batch_with_its_dependency_and_typed_answers() {
    let (written, _) = snippets();
    let s = &named(&written, "list_phones_batch").code;
    for part in [
        "use msgraph::runtime::{Batch, Page};",
        "let mut batch = Batch::new();",
        "let request_1 = msgraph::me().profile().phones().list().top(5);",
        "let id_1 = batch.add(&request_1);",
        "let id_2 = batch.add_after(&request_2, &[&id_1])?;",
        "let answers = client.batch(&batch).await?;",
        "let page_1: Page<ItemPhone> = answers.get(&id_1)?;",
        "let item_phone_2: ItemPhone = answers.get(&id_2)?;",
    ] {
        assert!(s.contains(part), "{part} missing from\n{s}");
    }
}

/// Snippets of made-up pages written to a temporary docs tree.
fn made_up(pages: &[(&str, &str)]) -> Vec<Snippet> {
    let dir = std::env::temp_dir().join(format!("graphgen-snippets-{}-{}", std::process::id(), pages.len()));
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in pages {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    let (ir, _) = graphgen::build_ir(&dir.join("v1.0")).expect("made-up docs load");
    let _ = std::fs::remove_dir_all(&dir);
    let api = graphgen::pick_version(&ir, None).expect("one version");
    graphgen::emit::snippets(api, &graphgen::emit::Options::default()).0
}

const BAKERY: &str = "---\ntitle: \"bakery resource type\"\ndoc_type: resourcePageType\n---\n\n# bakery resource type\n\nNamespace: microsoft.graph\n\nA shop.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Its key. |\n| name | String | Its sign. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.bakery\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String\",\n  \"name\": \"String\"\n}\n```\n";

#[test]
fn a_write_asking_for_the_resource_back_reads_it_and_a_delta_is_walked() {
    let update = "---\ntitle: \"Update bakery\"\ndoc_type: apiPageType\n---\n\n# Update bakery\n\nNamespace: microsoft.graph\n\nChange a [bakery](../resources/bakery.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPATCH /bakeries/{id}\n```\n\n## Request body\n\nIn the request body, supply the values of the [bakery](../resources/bakery.md) properties to change.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code, or `200 OK` and the updated [bakery](../resources/bakery.md) when the request asks for it.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"update_bakery\" } -->\n```http\nPATCH https://graph.microsoft.com/v1.0/bakeries/b-1\nContent-type: application/json\nPrefer: return=representation\n\n{\n  \"name\": \"Corner loaves\"\n}\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.bakery\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"b-1\",\n  \"name\": \"Corner loaves\"\n}\n```\n";
    let delta = "---\ntitle: \"bakery: delta\"\ndoc_type: apiPageType\n---\n\n# bakery: delta\n\nNamespace: microsoft.graph\n\nBakeries that changed.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /bakeries/delta\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [bakery](../resources/bakery.md) objects in the response body.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"bakery_delta\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/bakeries/delta\n```\n";
    let list = "---\ntitle: \"List bakeries\"\ndoc_type: apiPageType\n---\n\n# List bakeries\n\nNamespace: microsoft.graph\n\nList the [bakery](../resources/bakery.md) objects.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /bakeries\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [bakery](../resources/bakery.md) objects in the response body.\n";
    let written = made_up(&[
        ("v1.0/resources/bakery.md", BAKERY),
        ("v1.0/api/bakery-update.md", update),
        ("v1.0/api/bakery-delta.md", delta),
        ("v1.0/api/bakery-list.md", list),
    ]);
    let s = &named(&written, "update_bakery").code;
    assert!(s.contains(".return_representation();") && !s.contains(".prefer("), "{s}");
    assert!(s.contains("let bakery: Bakery = client.send(&request).await?;"), "{s}");
    let s = &named(&written, "bakery_delta").code;
    assert!(s.contains("let sync: DeltaSync<Bakery> = client.sync(request.into_delta()).await?;"), "{s}");
    assert!(s.contains("use msgraph::runtime::DeltaSync;") && !s.contains("Page"), "{s}");
}

#[test]
fn a_type_word_that_is_an_enum_member_or_names_a_type_is_sent() {
    // `"name": "String"` is a template's placeholder; `"dataType": "Boolean"` (a string naming a
    // type) and `"fuel": "Integer"` (the enum member `integer`, in another letter case) are data:
    // left out, the copied example would lose them.
    let oven = "---\ntitle: \"oven resource type\"\ndoc_type: resourcePageType\n---\n\n# oven resource type\n\nNamespace: microsoft.graph\n\nAn oven.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Its key. |\n| name | String | Its label. |\n| dataType | String | The type of its readings: `Boolean`, `Integer` or `String`. |\n| fuel | ovenFuel | What it burns. Possible values are: `integer`, `gas`. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.oven\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String\",\n  \"name\": \"String\",\n  \"dataType\": \"String\",\n  \"fuel\": \"String\"\n}\n```\n";
    let create = "---\ntitle: \"Create oven\"\ndoc_type: apiPageType\n---\n\n# Create oven\n\nNamespace: microsoft.graph\n\nAdd an [oven](../resources/oven.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /ovens\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of an [oven](../resources/oven.md) object.\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and an [oven](../resources/oven.md) object in the response body.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"create_oven\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/ovens\nContent-type: application/json\n\n{\n  \"name\": \"String\",\n  \"dataType\": \"Boolean\",\n  \"fuel\": \"Integer\"\n}\n```\n";
    let written = made_up(&[("v1.0/resources/oven.md", oven), ("v1.0/api/oven-create.md", create)]);
    let snippet = named(&written, "create_oven");
    let s = &snippet.code;
    assert!(s.contains("data_type: \"Boolean\".into(),"), "{s}");
    assert!(s.contains("fuel: OvenFuel::Integer.into(),"), "{s}");
    assert!(!s.contains("name:") && s.contains("(left out here, not") && s.contains(" name."), "{s}");
    // What the wire check holds the snippet to is the same JSON.
    assert_eq!(snippet.json, Some(serde_json::json!({"dataType": "Boolean", "fuel": "Integer"})));
}

#[test]
fn a_lists_rustdoc_example_is_a_list_not_its_pages_count_example() {
    // The page's first example counts (`/bakeries/$count`), its second lists: the `count`
    // example calls another method, so the `list` function shows the second.
    let list = "---\ntitle: \"List bakeries\"\ndoc_type: apiPageType\n---\n\n# List bakeries\n\nNamespace: microsoft.graph\n\nList the [bakery](../resources/bakery.md) objects.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /bakeries\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [bakery](../resources/bakery.md) objects in the response body.\n\n## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"count_bakeries\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/bakeries/$count\nConsistencyLevel: eventual\n```\n\n<!-- { \"blockType\": \"request\", \"name\": \"list_bakeries\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/bakeries\n```\n";
    let dir = std::env::temp_dir().join(format!("graphgen-snippets-count-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in [("v1.0/resources/bakery.md", BAKERY), ("v1.0/api/bakery-list.md", list)] {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    let generated = graphgen::generate(&dir.join("v1.0"), None, &graphgen::emit::Options::default());
    let _ = std::fs::remove_dir_all(&dir);
    let (files, _) = generated.expect("made-up docs generate");
    let api = files.get("src/api/bakeries.rs").expect("the bakeries module");
    let doc = api.split("pub fn list(").next().unwrap_or_default();
    let example = doc.rsplit("# Example").next().unwrap_or_default();
    assert!(example.contains("msgraph::bakeries().list();") && !example.contains(".count()"), "{api}");
}

#[test]
fn optional_bytes_are_no_parameter_and_the_example_that_sends_them_adds_them() {
    // One example sends nothing, the other MIME text: no body is required, so the call takes
    // none, and the MIME example's snippet adds its bytes under its own `Content-Type`.
    let draft = "---\ntitle: \"bakery: draftNote\"\ndoc_type: apiPageType\n---\n\n# bakery: draftNote\n\nNamespace: microsoft.graph\n\nDraft a note to a [bakery](../resources/bakery.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /bakeries/{id}/draftNote\n```\n\n## Request body\n\nThis method does not require a request body. For a MIME draft, send the MIME text.\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [bakery](../resources/bakery.md) object in the response body.\n\n## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"draft_plain\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/bakeries/b-1/draftNote\n```\n\n<!-- { \"blockType\": \"request\", \"name\": \"draft_mime\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/bakeries/b-1/draftNote\nContent-type: text/plain\n\nRnJvbTogQWRh\n```\n";
    let written = made_up(&[("v1.0/resources/bakery.md", BAKERY), ("v1.0/api/bakery-draftnote.md", draft)]);
    let s = &named(&written, "draft_plain").code;
    assert!(s.contains(".draft_note()") && !s.contains("let body"), "{s}");
    let s = &named(&written, "draft_mime").code;
    assert!(s.contains(".draft_note()") && s.contains(".bytes(body)") && s.contains(".content_type(\"text/plain\")"), "{s}");
}
