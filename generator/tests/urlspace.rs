//! The URL model and settlement on a small docs tree written here: a `kiosk` resource with
//! relationships, its list and get pages, and pages that get things wrong the ways real pages do
//! (a sample GUID in the path, another letter case, an answer type the relationships table
//! contradicts, a body left undescribed, a second page claiming an endpoint).

use graphgen::diag::{Code, Diagnostic};
use graphgen::ir::{Api, Body, Operation};

fn resource(name: &str, base: Option<&str>, props: &[(&str, &str)], rels: &[(&str, &str)], methods: &[&str]) -> (String, String) {
    let mut s = format!("---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA made-up {name}.\n\n");
    if let Some(b) = base {
        s.push_str(&format!("Inherits from [{b}]({}.md).\n\n", b.to_lowercase()));
    }
    if !methods.is_empty() {
        s.push_str("## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n");
        for m in methods {
            s.push_str(&format!("| [{m}](../api/{m}.md) | x | y |\n"));
        }
        s.push('\n');
    }
    s.push_str("## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n");
    for (p, t) in props {
        s.push_str(&format!("| {p} | {t} | A property. |\n"));
    }
    if !rels.is_empty() {
        s.push_str("\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n");
        for (p, t) in rels {
            s.push_str(&format!("| {p} | {t} | A relationship. |\n"));
        }
    }
    let base_ann = base.map(|b| format!(",\n  \"baseType\": \"microsoft.graph.{b}\"")).unwrap_or_default();
    s.push_str(&format!(
        "\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\",\n  \"keyProperty\": \"id\"{base_ann}\n}}-->\n```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
    ));
    (format!("v1.0/resources/{}.md", name.to_lowercase()), s)
}

fn api(stem: &str, title: &str, request: &str, body: &str, response: &str) -> (String, String) {
    let s = format!(
        "---\ntitle: \"{title}\"\ndescription: \"x\"\nms.prod: \"kiosks\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n{title}.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{request}\n```\n\n## Request body\n\n{body}\n\n## Response\n\n{response}\n"
    );
    (format!("v1.0/api/{stem}.md"), s)
}

fn ret(ty: &str, collection: bool) -> String {
    let c = if collection { " collection of" } else { " a" };
    format!(
        "If successful, this method returns a `200 OK` response code and{c} [{ty}](../resources/{}.md) object in the response body.",
        ty.to_lowercase()
    )
}

fn docs() -> Vec<(String, String)> {
    vec![
        resource("entity", None, &[], &[], &[]),
        resource(
            "kiosk",
            Some("entity"),
            &[("displayName", "String"), ("content", "Stream")],
            &[("screens", "[screen](screen.md) collection"), ("keeper", "[person](person.md)")],
            &["kiosk-list", "kiosk-get", "kiosk-update"],
        ),
        resource("screen", Some("entity"), &[("size", "Int32")], &[], &["screen-get"]),
        resource("person", Some("entity"), &[("name", "String")], &[], &[]),
        api("kiosk-list", "List kiosks", "GET /kiosks", "Do not supply a request body.", &ret("kiosk", true)),
        api("kiosk-get", "Get kiosk", "GET /kiosks/{id}", "Do not supply a request body.", &ret("kiosk", false)),
        // Another page documents the same endpoint and names another type for it.
        api("person-get-kiosk", "Get the kiosk of a person", "GET /kiosks/{id}", "Do not supply a request body.", &ret("person", false)),
        // The table lists properties, and no link says whose.
        api(
            "kiosk-update",
            "Update kiosk",
            "PATCH /kiosks/{id}",
            "In the request body, supply the values for relevant fields.\n\n| Property | Type | Description |\n|:--|:--|:--|\n| displayName | String | The name. |",
            "If successful, this method returns a `204 No Content` response code.",
        ),
        // A sample id where the parameter belongs.
        api(
            "screen-get",
            "Get screen",
            "GET /kiosks/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/screens/{id}",
            "Do not supply a request body.",
            &ret("screen", false),
        ),
        // Another letter case, and an answer type the relationships table contradicts.
        api("kiosk-get-keeper", "Get keeper", "GET /Kiosks/{id}/keeper", "Do not supply a request body.", &ret("screen", false)),
        // A write the page leaves undescribed.
        api("kiosk-post-screens", "Create screen", "POST /kiosks/{id}/screens", "", &ret("screen", false)),
        api("kiosk-put-content", "Upload content", "PUT /kiosks/{id}/content", "The bytes of the content.", &ret("kiosk", false)),
        // A download that answers a redirect and names no type; and one the model cannot walk.
        api("kiosk-get-content", "Download content", "GET /kiosks/{id}/content", "", REDIRECT),
        api("kiosk-get-manual", "Download manual", "GET /kiosks/{id}/manual", "", REDIRECT),
        // Writes whose pages say only `200 OK`: the example shows what comes back.
        with_example(api("kiosk-rename", "Rename kiosk", "PATCH /kiosks/{id}/renamed", REPLACE_BODY, OK), "PATCH", "{\"displayName\": \"Hall\"}"),
        with_example(api("kiosk-lock", "Lock kiosk", "POST /kiosks/{id}/lock", "", OK), "POST", "{\"value\": true}"),
        with_example(api("kiosk-unlock", "Unlock kiosk", "POST /kiosks/{id}/unlock", "", OK), "POST", "{\"value\": 3}"),
    ]
}

const OK: &str = "If successful, this method returns a `200 OK` response code.";
const REPLACE_BODY: &str = "In the request body, supply a JSON representation of a [kiosk](../resources/kiosk.md) object.";

/// The page with an example: a request with no body, and a `200 OK` answer of `json`.
fn with_example((file, page): (String, String), method: &str, json: &str) -> (String, String) {
    let path = page.lines().find(|l| l.starts_with(method)).and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/").replace("{id}", "7");
    let example = format!(
        "\n## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\n{method} https://graph.microsoft.com/v1.0{path}\n```\n\n### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{json}\n```\n"
    );
    (file, page + &example)
}

const REDIRECT: &str = "Returns a `302 Found` response redirecting to a pre-authenticated download URL for the bytes.";

fn build() -> (Api, Vec<Diagnostic>) {
    graphgen::ir_of_texts("v1.0", &docs())
}

fn op<'a>(api: &'a Api, method: &str, path: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.method.as_str() == method && o.path.as_str() == path).unwrap_or_else(|| {
        let all: Vec<String> = api.operations.iter().map(|o| format!("{} {}", o.method, o.path)).collect();
        panic!("no {method} {path} in {all:?}")
    })
}

fn found(diags: &[Diagnostic], code: Code, file: &str) -> bool {
    diags.iter().any(|d| d.code == code && d.file.ends_with(file))
}

#[test]
fn roots_come_from_the_list_and_get_pages() {
    let (api, _) = build();
    let root = &api.roots["kiosks"];
    assert_eq!((root.r#type.as_str(), root.collection), ("microsoft.graph.kiosk", true));
    assert!(root.evidence.iter().any(|e| e.contains("kiosk-list.md")), "{:?}", root.evidence);
}

#[test]
fn a_sample_id_becomes_a_parameter_named_after_its_collection() {
    let (api, diags) = build();
    let o = op(&api, "GET", "/kiosks/{kiosk-id}/screens/{id}");
    assert_eq!(o.documented, ["/kiosks/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/screens/{id}"]);
    assert_eq!(o.parameters.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["kiosk-id", "id"]);
    assert!(found(&diags, Code::PathSample, "screen-get.md"));
}

#[test]
fn the_page_the_resource_links_wins_an_endpoint_and_says_why() {
    let (api, diags) = build();
    let o = op(&api, "GET", "/kiosks/{id}");
    assert!(o.source.file.ends_with("kiosk-get.md"), "{}", o.source.file);
    assert_eq!(o.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.kiosk"));
    assert!(o.settled.page.iter().any(|r| r.contains("Methods table of `microsoft.graph.kiosk`")), "{:?}", o.settled.page);
    assert_eq!(o.settled.others.len(), 1);
    // The losing page's examples would still be tests of it; the loss is a note on that page.
    assert!(found(&diags, Code::DuplicateOperation, "person-get-kiosk.md"));
}

#[test]
fn letter_case_follows_the_root_and_the_answer_follows_the_relationship() {
    let (api, diags) = build();
    let o = op(&api, "GET", "/kiosks/{id}/keeper");
    assert_eq!(o.documented, ["/Kiosks/{id}/keeper"]);
    assert!(found(&diags, Code::PathCase, "kiosk-get-keeper.md"));
    assert_eq!(o.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.person"));
    assert!(o.settled.response.as_deref().is_some_and(|r| r.contains("property `keeper` of `microsoft.graph.kiosk`")), "{:?}", o.settled);
    assert!(found(&diags, Code::ModelAnswer, "kiosk-get-keeper.md"));
}

#[test]
fn bodies_come_from_tables_the_model_and_streams() {
    let (api, diags) = build();
    let patch = op(&api, "PATCH", "/kiosks/{id}");
    assert_eq!(patch.body, Some(Body::Type(graphgen::ir::TypeRef::parse("microsoft.graph.kiosk"))));
    let post = op(&api, "POST", "/kiosks/{id}/screens");
    assert_eq!(post.body, Some(Body::Type(graphgen::ir::TypeRef::parse("microsoft.graph.screen"))));
    assert!(found(&diags, Code::ModelBody, "kiosk-post-screens.md"));
    let put = op(&api, "PUT", "/kiosks/{id}/content");
    assert_eq!(put.body, Some(Body::Type(graphgen::ir::TypeRef::parse("Edm.Stream"))));
}

#[test]
fn a_path_no_relationship_names_is_reported() {
    // A last segment no property names reads as a bound function (`/kiosks/{id}/reboot`); a
    // key after it cannot be followed: the relationship is missing from the table.
    let mut pages = docs();
    pages.push(api("light-get", "Get light", "GET /kiosks/{id}/lights/{light-id}", "", &ret("screen", false)));
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    assert!(found(&diags, Code::UnresolvedPath, "light-get.md"));
    // The page alone says what it answers.
    let o = op(&api, "GET", "/kiosks/{id}/lights/{light-id}");
    assert_eq!(o.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.screen"));
}

#[test]
fn an_action_with_no_body_table_takes_what_its_example_sends() {
    let mut pages = docs();
    let (file, mut text) = api(
        "kiosk-reboot",
        "Reboot kiosk",
        "POST /kiosks/{id}/reboot",
        "Say when.",
        "If successful, this method returns a `204 No Content` response code.",
    );
    text.push_str(
        "\n## Examples\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"reboot\"\n}-->\n```http\nPOST https://graph.microsoft.com/v1.0/kiosks/k1/reboot\nContent-Type: application/json\n\n{\n  \"delaySeconds\": 30,\n  \"reason\": \"update\",\n  \"screens\": [\"s1\"]\n}\n```\n",
    );
    pages.push((file, text));
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let o = op(&api, "POST", "/kiosks/{id}/reboot");
    let Some(Body::Parameters(ps)) = &o.body else { panic!("parameters, not {:?}", o.body) };
    let got: Vec<(String, String)> = ps.iter().map(|p| (p.name.clone(), p.r#type.to_string())).collect();
    let want = [("delaySeconds", "Edm.Int64"), ("reason", "Edm.String"), ("screens", "Collection(Edm.String)")];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    assert!(found(&diags, Code::ModelBody, "kiosk-reboot.md"));
}

#[test]
fn a_function_documented_without_its_arguments_is_followed_when_called_with_them() {
    // The function's own page writes `/snapshot`; another page calls it with an argument and
    // goes on to a relationship of what it answers.
    let mut pages = docs();
    pages.push(api("kiosk-snapshot", "Snapshot", "GET /kiosks/{id}/snapshot", "", &ret("screen", false)));
    pages.push(api("snapshot-size", "Snapshot size", "GET /kiosks/{id}/snapshot(at={at})/size", "", "Nothing is said."));
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    assert!(!found(&diags, Code::UnresolvedPath, "snapshot-size.md"), "{diags:?}");
    let o = op(&api, "GET", "/kiosks/{id}/snapshot(at={at})/size");
    assert_eq!(o.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Edm.Int32"));
}

#[test]
fn one_segment_in_common_does_not_type_a_root_named_like_another_type() {
    // `/hub/screens/{id}`: the kiosk has a `screens` relationship, but a `hub` type exists; one
    // name in common is a coincidence, not the hub's type.
    let mut pages = docs();
    pages.push(resource("hub", None, &[("motto", "String")], &[], &[]));
    pages.push(api("hub-screen", "Get a hub screen", "GET /hub/screens/{id}", "", &ret("screen", false)));
    let (model, _) = graphgen::ir_of_texts("v1.0", &pages);
    assert!(!model.roots.contains_key("hub"), "{:?}", model.roots.get("hub"));
    // Without the `hub` type the kiosk is the best evidence there is.
    let mut pages = docs();
    pages.push(api("hub-screen", "Get a hub screen", "GET /hub/screens/{id}", "", &ret("screen", false)));
    let (model, _) = graphgen::ir_of_texts("v1.0", &pages);
    assert_eq!(model.roots.get("hub").map(|r| r.r#type.as_str()), Some("microsoft.graph.kiosk"));
    // Nor is one of several segments: `/hub/screens` and `/hub/alarms`, of which only the
    // first is the kiosk's, leave the hub untyped, and each page's answer stands.
    let mut pages = docs();
    pages.push(api("hub-screen", "Get a hub screen", "GET /hub/screens/{id}", "", &ret("screen", false)));
    pages.push(api("hub-alarm", "Get a hub alarm", "GET /hub/alarms/{id}", "", &ret("kiosk", false)));
    let (model, _) = graphgen::ir_of_texts("v1.0", &pages);
    assert!(!model.roots.contains_key("hub"), "{:?}", model.roots.get("hub"));
}

#[test]
fn a_body_of_an_array_of_objects_is_a_collection() {
    let mut pages = docs();
    pages.push(api(
        "kiosk-arrange",
        "Arrange screens",
        "POST /kiosks/{id}/arrange",
        "In the request body, supply an array of [screen](../resources/screen.md) objects in their new order.",
        "If successful, this method returns a `204 No Content` response code.",
    ));
    let (model, _) = graphgen::ir_of_texts("v1.0", &pages);
    let o = op(&model, "POST", "/kiosks/{id}/arrange");
    assert_eq!(o.body, Some(Body::Type(graphgen::ir::TypeRef::parse("Collection(microsoft.graph.screen)"))));
}

#[test]
fn a_redirect_to_a_download_answers_what_the_path_addresses() {
    // The IR (and the OpenAPI export read from it) says what following the 302 gives: the
    // stream property by the model, bytes where no page or model types the path.
    let (api, _) = build();
    let content = op(&api, "GET", "/kiosks/{id}/content");
    assert_eq!(content.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Edm.Stream"));
    assert!(content.settled.response.as_deref().is_some_and(|r| r.contains("redirect")), "{:?}", content.settled);
    let manual = op(&api, "GET", "/kiosks/{id}/manual");
    assert_eq!(manual.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Edm.Stream"));
    assert_eq!(manual.response.status, 302);
}

#[test]
fn a_write_saying_only_200_answers_what_its_example_shows() {
    let (api, _) = build();
    let ty = |o: &Operation| o.response.r#type.as_ref().map(|t| t.to_string());
    // One object of only the kiosk's properties, from a write of a kiosk.
    let rename = op(&api, "PATCH", "/kiosks/{id}/renamed");
    assert_eq!(ty(rename).as_deref(), Some("microsoft.graph.kiosk"), "{:?}", rename.settled);
    // OData's wrapped primitive: a boolean; a number says too little of its width, yet a body
    // comes: any JSON, never dropped as no content.
    assert_eq!(ty(op(&api, "POST", "/kiosks/{id}/lock")).as_deref(), Some("Edm.Boolean"));
    assert_eq!(ty(op(&api, "POST", "/kiosks/{id}/unlock")).as_deref(), Some("Edm.Untyped"));
}

#[test]
fn an_answer_the_page_only_shows_is_read_by_its_keys() {
    let mut pages = docs();
    pages.push(resource("previewInfo", None, &[("getUrl", "String"), ("postUrl", "String")], &[], &[]));
    // No example: the Response section's own JSON fence shows the answer, whose keys only one
    // type holds.
    let shown = format!("{OK}\n\n```json\n{{\n  \"getUrl\": \"https://x\",\n  \"postUrl\": \"https://y\"\n}}\n```");
    pages.push(api("kiosk-preview", "Preview kiosk", "POST /kiosks/{id}/preview\nPOST /me/kiosk/preview", "", &shown));
    // A PATCH of a screen whose body says screen: an answer of mostly a screen's properties.
    let body = "In the request body, supply a JSON representation of a [screen](../resources/screen.md) object.";
    pages.push(with_example(
        api("screen-update", "Update screen", "PATCH /kiosks/{id}/screens/{id}", body, OK),
        "PATCH",
        "{\"id\": \"1\", \"size\": 3, \"glare\": true}",
    ));
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let ty = |o: &Operation| o.response.r#type.as_ref().map(|t| t.to_string());
    // Both request lines of the page: an example answers for its page's lines alike.
    for path in ["/kiosks/{id}/preview", "/me/kiosk/preview"] {
        let o = op(&api, "POST", path);
        assert_eq!(ty(o).as_deref(), Some("microsoft.graph.previewInfo"), "{path}: {:?}", o.settled);
    }
    assert_eq!(ty(op(&api, "PATCH", "/kiosks/{id}/screens/{id}")).as_deref(), Some("microsoft.graph.screen"));
    let named = |f: &str| {
        diags.iter().any(|d| d.code == Code::ResponseMismatch && d.file.ends_with(f) && d.message.contains("names no answer type"))
    };
    assert!(named("kiosk-preview.md") && named("screen-update.md"), "{diags:?}");
}

#[test]
fn the_intro_and_a_methods_table_outweigh_a_response_naming_another_type() {
    // The booth's Methods table says its list page returns booths, and the page's intro is
    // about booths; its response sentence names people (a copied sentence).
    let mut pages = docs();
    let (file, mut booth) = resource("booth", Some("entity"), &[("size", "Int32")], &[], &[]);
    booth = booth.replacen(
        "## Properties",
        "## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [List booths](../api/kiosk-list-booths.md) | [booth](booth.md) collection | y |\n\n## Properties",
        1,
    );
    pages.push((file, booth));
    let (file, list) =
        api("kiosk-list-booths", "List booths", "GET /kiosks/{id}/booths", "Do not supply a request body.", &ret("person", true));
    pages.push((file, list.replacen("List booths.\n", "List the [booths](../resources/booth.md) of a kiosk.\n", 1)));
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let o = op(&api, "GET", "/kiosks/{id}/booths");
    assert_eq!(o.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Collection(microsoft.graph.booth)"));
    assert!(diags.iter().any(|d| d.code == Code::ResponseMismatch && d.message.contains("intro is about")), "{diags:?}");
}

#[test]
fn a_filtered_request_line_answers_a_collection() {
    // OData filters collections only: the sentence's "a [screen] object" is one of the page.
    let mut pages = docs();
    pages.push(api(
        "screen-find",
        "Find screen",
        "GET /kiosks/{id}/screens?$filter=size eq {size}",
        "Do not supply a request body.",
        &ret("screen", false),
    ));
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let found = api.operations.iter().find(|o| o.source.file.ends_with("screen-find.md")).expect("the filtered line");
    assert_eq!(found.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Collection(microsoft.graph.screen)"));
    assert!(diags.iter().any(|d| d.code == Code::ResponseMismatch && d.file.ends_with("screen-find.md")), "{diags:?}");
}

#[test]
fn a_key_after_a_relationship_to_a_keyless_type_takes_the_pages_entity() {
    // The table says a kiosk's `stickers` are `sticker`s, a complex type with no key; the page
    // keys them and says each is a `screen`. No path keys a type without a key: the table is
    // what is wrong.
    let mut pages = docs();
    let (file, kiosk) = pages.iter().find(|(f, _)| f.ends_with("/kiosk.md")).cloned().expect("kiosk");
    pages.retain(|(f, _)| f != &file);
    pages.push((file, kiosk.replace("| keeper |", "| stickers | [sticker](sticker.md) collection | Stickers. |\n| keeper |")));
    let (sticker_file, sticker) = resource("sticker", None, &[("shape", "String")], &[], &[]);
    pages.push((sticker_file, sticker.replace(",\n  \"keyProperty\": \"id\"", "").replace("| id | String | Key. |\n", "")));
    pages.push(api("sticker-get", "Get sticker", "GET /kiosks/{id}/stickers/{size}", "", &ret("screen", false)));
    let (model, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let got = op(&model, "GET", "/kiosks/{id}/stickers/{size}");
    assert_eq!(got.response.r#type.as_ref().map(ToString::to_string).as_deref(), Some("microsoft.graph.screen"));
    assert!(got.settled.response.as_deref().is_some_and(|s| s.contains("no key")), "{:?}", got.settled.response);
    assert!(diags.iter().any(|d| d.code == Code::ModelAnswer && d.message.contains("a type with no key that the path keys")));
}

#[test]
fn an_open_annotated_type_says_nothing_against_keys_only_the_sentences_type_has() {
    // The sentence says a `screen`; the annotation says a `person`, an open type that would take
    // any key; the example's `size` is a screen's. The keys decide for the sentence.
    let mut pages = docs();
    let (file, person) = pages.iter().find(|(f, _)| f.ends_with("/person.md")).cloned().expect("person");
    pages.retain(|(f, _)| f != &file);
    pages.push((file, person.replace("\"keyProperty\": \"id\"", "\"keyProperty\": \"id\",\n  \"openType\": true")));
    let (file, page) = api("kiosk-get-panel", "Get panel", "GET /kiosks/{id}/panel", "", &ret("screen", false));
    let example = "\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"p\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/kiosks/7/panel\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.person\" } -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\": \"p1\", \"size\": 40}\n```\n";
    pages.push((file, page + example));
    let (model, _) = graphgen::ir_of_texts("v1.0", &pages);
    let got = op(&model, "GET", "/kiosks/{id}/panel");
    assert_eq!(got.response.r#type.as_ref().map(ToString::to_string).as_deref(), Some("microsoft.graph.screen"));
}

#[test]
fn a_write_to_a_collection_beside_the_pages_entity_line_is_read_without_its_extra_segment() {
    let mut pages = docs();
    // Two lines, the second a segment too many (a list's update written on its items).
    pages.push(api("kiosk-replace", "Replace kiosk", "PUT /kiosks/{id}\nPUT /kiosks/{id}/screens", REPLACE_BODY, OK));
    // Alone on its page: reported, and kept as the page has it.
    pages.push(api(
        "screens-patch",
        "Update screens",
        "PATCH /kiosks/{id}/screens",
        "In the request body, supply a JSON representation of a [screen](../resources/screen.md) object.",
        OK,
    ));
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let has = |m: &str, p: &str| api.operations.iter().any(|o| o.method.as_str() == m && o.path.as_str() == p);
    assert!(has("PUT", "/kiosks/{id}"));
    assert!(!has("PUT", "/kiosks/{id}/screens"), "the slip is read without its extra segment");
    let put = api.operations.iter().find(|o| o.method.as_str() == "PUT" && o.path.as_str() == "/kiosks/{id}").expect("put");
    assert!(put.documented.iter().any(|d| d == "/kiosks/{id}/screens"), "the page's spelling is kept: {:?}", put.documented);
    assert!(has("PATCH", "/kiosks/{id}/screens"), "a lone write is kept");
    let said: Vec<&str> = diags.iter().filter(|d| d.code == Code::WriteToCollection).map(|d| d.message.as_str()).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said.iter().any(|m| m.contains("read as `PUT /kiosks/{id}`") && m.contains("`PUT /kiosks/{id}`")), "{said:?}");
    assert!(said.iter().any(|m| m.contains("kept as the page has it")), "{said:?}");
}

#[test]
fn a_ref_of_a_relationship_takes_and_answers_references_to_any_member() {
    // The pages name touch screens, one kind of screen; a `$ref` of the kiosk's screens may
    // point to any screen.
    let mut pages = docs();
    pages.push(resource("touchScreen", Some("screen"), &[("fingers", "Int32")], &[], &[]));
    let body = "In the request body, supply a JSON representation of a [touchScreen](../resources/touchscreen.md) object.";
    let added = "If successful, this method returns a `204 No Content` response code.";
    pages.push(api("kiosk-post-screens-ref", "Add screen", "POST /kiosks/{id}/screens/$ref", body, added));
    pages.push(api("kiosk-list-screens-ref", "List screen references", "GET /kiosks/{id}/screens/$ref", "", &ret("touchScreen", true)));
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let post = op(&api, "POST", "/kiosks/{id}/screens/$ref");
    assert_eq!(post.body, Some(graphgen::ir::Body::Type(graphgen::ir::TypeRef::parse("microsoft.graph.screen"))), "{:?}", post.settled);
    assert!(post.settled.body.as_deref().is_some_and(|s| s.contains("one kind of")), "{:?}", post.settled);
    let list = op(&api, "GET", "/kiosks/{id}/screens/$ref");
    assert_eq!(list.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Collection(microsoft.graph.screen)"));
}

#[test]
fn a_relationship_row_starting_with_a_capital_yields_to_the_camel_case_pages_write() {
    // The table spells the kiosk's screens `Screens`; two request blocks write `screens`.
    let mut pages = docs();
    let (file, kiosk) = pages.iter().find(|(f, _)| f.ends_with("/kiosk.md")).cloned().expect("kiosk");
    pages.retain(|(f, _)| f != &file);
    pages.push((file, kiosk.replace("| screens |", "| Screens |")));
    pages.push(api("screens-list", "List screens", "GET /kiosks/{id}/screens", "", &ret("screen", true)));
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    assert!(api.operations.iter().any(|o| o.path.as_str() == "/kiosks/{id}/screens" && o.method.as_str() == "GET"));
    assert!(
        !api.operations.iter().any(|o| o.path.as_str().contains("/Screens")),
        "{:?}",
        api.operations.iter().map(|o| o.path.as_str()).collect::<Vec<_>>()
    );
}

#[test]
fn a_create_the_page_says_answers_one_value_stays_one_whatever_its_example_shows() {
    // "a [screen] object", and an example answering `{"value": [...]}`: a POST to a collection
    // creates one screen.
    let mut pages = docs();
    pages.retain(|(f, _)| !f.ends_with("kiosk-post-screens.md"));
    let body = "In the request body, supply a JSON representation of a [screen](../resources/screen.md) object.";
    pages.push(with_example(
        api("kiosk-post-screens", "Create screen", "POST /kiosks/{id}/screens", body, &ret("screen", false)),
        "POST",
        "{\"value\": [{\"id\": \"1\", \"size\": 3}]}",
    ));
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let o = op(&api, "POST", "/kiosks/{id}/screens");
    assert_eq!(o.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.screen"), "{:?}", o.settled);
    assert!(o.settled.response.as_deref().is_some_and(|s| s.contains("creates one")), "{:?}", o.settled);
}
