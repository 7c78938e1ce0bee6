//! False positives and misdirected findings found in the beta corpus (issue 28), each rebuilt
//! on the clean `fixtures/lint` tree in made-up words: a base stated after other links, an
//! example element naming a derived type, bodies that are HTML or multipart, an alias the page
//! explains, and findings whose fix is on another page. Each test fails without its fix.

use graphgen::diag::Code;
use graphgen::lint::Finding;
use std::path::Path;

mod common;

fn tree(name: &str, edits: &[(&str, &str, &str)], pages: &[(&str, &str)]) -> common::Scratch {
    common::lint_tree(&format!("beta-{name}"), edits, pages)
}

use common::{api, copy_dir, findings, NO_BASE};

fn of(found: &[Finding], code: Code) -> Vec<&Finding> {
    found.iter().filter(|f| f.code == code).collect()
}

fn on<'a>(found: &'a [Finding], code: Code, page: &str) -> Vec<&'a Finding> {
    found.iter().filter(|f| f.code == code && f.file == format!("v1.0/{page}")).collect()
}

#[test]
fn a_base_stated_after_links_to_other_types_is_read() {
    // The lamp's prose links to other types first, then names its base in a later sentence;
    // its annotation names none. The light's `lumens` is then the lamp's too.
    let dir = tree(
        "base-after-links",
        &[
            (
                "resources/lamp.md",
                "Inherits from [entity](entity.md).",
                "A room may hold a [light](light.md) or an [entity](entity.md) of any kind. Lamps are lit on demand. Derived from [light](light.md) resource.",
            ),
            ("resources/lamp.md", "  \"baseType\": \"microsoft.graph.entity\",\n", ""),
            ("resources/lamp.md", "\"isOn\": \"Boolean\",", "\"isOn\": \"Boolean\",\n  \"lumens\": 800,"),
        ],
        &[],
    );
    assert_eq!(api(&dir).types["microsoft.graph.lamp"].base.as_deref(), Some("microsoft.graph.light"));
    let found = findings(&dir);
    assert!(of(&found, Code::JsonRepresentation).is_empty(), "{found:?}");
}

#[test]
fn a_link_before_the_phrase_in_its_sentence_is_its_subject() {
    // "[y], which inherits from this lamp type": about another type, not the lamp's base.
    let dir = tree(
        "base-subject",
        &[
            (
                "resources/lamp.md",
                "Inherits from [entity](entity.md).",
                "A [light](light.md) resource, which will inherit from lamp resource type.",
            ),
            ("resources/lamp.md", "  \"baseType\": \"microsoft.graph.entity\",\n", ""),
        ],
        &[],
    );
    assert_ne!(api(&dir).types["microsoft.graph.lamp"].base.as_deref(), Some("microsoft.graph.light"));
}

/// A get of a light whose example answers an element tagged as a lamp, with a lamp's key.
const LIGHT_GET: &str = "---\ntitle: \"Get light\"\ndoc_type: apiPageType\n---\n\n# Get light\n\nNamespace: microsoft.graph\n\nRead a [light](../resources/light.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lights/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [light](../resources/light.md) object in the response body.\n\n## Examples\n\n### Request\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_light\"\n}\n-->\n``` http\nGET https://graph.microsoft.com/v1.0/lights/9\n```\n\n### Response\n\n<!-- {\n  \"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.light\"\n}\n-->\n``` http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"@odata.type\": \"#microsoft.graph.lamp\",\n  \"brightness\": 30\n}\n```\n";

#[test]
fn an_element_naming_a_type_whose_bases_lead_to_no_page_is_judged_by_that_type() {
    // The lamp's base links to a page that does not exist: the pages cannot say the lamp is not
    // a light, so its `brightness` is judged by the lamp's own table.
    let dir = tree(
        "tag-open-chain",
        &[
            ("resources/lamp.md", "Inherits from [entity](entity.md).", "Inherits from [lightSource](lightsource.md)."),
            ("resources/lamp.md", "  \"baseType\": \"microsoft.graph.entity\",\n", ""),
        ],
        &[("api/light-get.md", LIGHT_GET)],
    );
    let api = api(&dir);
    assert_eq!(api.types["microsoft.graph.lamp"].settled.unknown_base.as_deref(), Some("lightSource"));
    let found = findings(&dir);
    assert!(on(&found, Code::ExampleUnknownProperty, "api/light-get.md").is_empty(), "{found:?}");
}

#[test]
fn an_element_naming_an_unrelated_type_says_so_once_at_its_tag() {
    // The lamp derives from entity, not light: the element's keys that are the lamp's are one
    // disagreement (the tag or the declared light is wrong), said once at the tag with the
    // lamp's page, where a base could go; a key neither has is its own finding.
    let page = LIGHT_GET.replace("\"brightness\": 30", "\"brightness\": 30,\n  \"isOn\": true,\n  \"sparkle\": 1");
    let dir = tree("tag-unrelated", &[], &[("api/light-get.md", &page)]);
    let found = findings(&dir);
    let unknown = on(&found, Code::ExampleUnknownProperty, "api/light-get.md");
    assert_eq!(unknown.len(), 2, "{found:?}");
    let f = unknown[0];
    assert!(
        f.message.contains("$ says it is `microsoft.graph.lamp`, which its page does not derive from `microsoft.graph.light`"),
        "{}",
        f.message
    );
    assert!(f.message.contains("`brightness`, `isOn` are `microsoft.graph.lamp`'s"), "{}", f.message);
    assert!(f.source.contains("@odata.type"), "{f:?}");
    assert!(f.related.iter().any(|l| l.file == "v1.0/resources/lamp.md"), "{:?}", f.related);
    assert!(unknown[1].message.contains("$.sparkle is not a property of `microsoft.graph.light`"), "{}", unknown[1].message);
}

#[test]
fn an_element_naming_a_derived_type_is_judged_by_it() {
    let dir = tree(
        "tag-derived",
        &[
            ("resources/lamp.md", "Inherits from [entity](entity.md).", "Inherits from [light](light.md)."),
            ("resources/lamp.md", "\"microsoft.graph.entity\",\n  \"keyProperty\"", "\"microsoft.graph.light\",\n  \"keyProperty\""),
        ],
        &[("api/light-get.md", LIGHT_GET)],
    );
    let found = findings(&dir);
    assert!(of(&found, Code::ExampleUnknownProperty).is_empty(), "{found:?}");
}

const WICK_GET: &str = "---\ntitle: \"Get wick\"\ndoc_type: apiPageType\n---\n\n# Get wick\n\nNamespace: microsoft.graph\n\nRead a wick of a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps/{id}/wicks/{wick-id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [light](../resources/light.md) object in the response body.\n";

#[test]
fn a_segment_no_relationship_names_is_named_with_its_type_and_page() {
    let dir = tree("missing-relationship", &[], &[("api/wick-get.md", WICK_GET)]);
    let found = findings(&dir);
    let f = on(&found, Code::UnresolvedPath, "api/wick-get.md");
    assert_eq!(f.len(), 1, "{found:?}");
    let f = f[0];
    assert!(f.message.contains("`microsoft.graph.lamp` has no `wicks`"), "{}", f.message);
    // The caret is on the segment that fails, not on the key after it.
    let at = f.source.find("wicks").expect("segment") as u32 + 1;
    assert_eq!((f.column, f.width), (at, 5), "{f:?}");
    // The fix is a row on the lamp's page.
    assert!(f.related.iter().any(|l| l.file == "v1.0/resources/lamp.md"), "{:?}", f.related);
}

#[test]
fn a_note_after_a_property_name_is_no_part_of_it() {
    let dir = tree(
        "name-note",
        &[(
            "resources/lamp.md",
            "| bulbs | String collection | Serial numbers of the bulbs. |",
            "| bulbs | String collection | Serial numbers of the bulbs. |\n| wicks (deprecated) | [light](light.md) collection | Old wicks. |",
        )],
        &[("api/wick-get.md", WICK_GET)],
    );
    assert!(api(&dir).types["microsoft.graph.lamp"].properties.iter().any(|p| p.name == "wicks"));
    let found = findings(&dir);
    assert!(on(&found, Code::UnresolvedPath, "api/wick-get.md").is_empty(), "{found:?}");
}

/// A create page whose body is a document, not JSON: its header table says so, and its request
/// body section names no type.
const LAMP_CREATE: &str = "---\ntitle: \"Create lamp\"\ndoc_type: apiPageType\n---\n\n# Create lamp\n\nNamespace: microsoft.graph\n\nCreate a [lamp](../resources/lamp.md) from a markup description.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /lamps\n```\n\n## Request headers\n\n| Name | Type | Description |\n|:---|:---|:---|\n| Authorization | string | Bearer {token}. Required. |\n| Content-Type | string | CONTENT |\n\n## Request body\n\nIn the request body, supply the markup that describes the lamp.\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [lamp](../resources/lamp.md) object in the response body.\n";

fn create(dir: &Path) -> graphgen::ir::Operation {
    api(dir).operations.into_iter().find(|o| o.method.as_str() == "POST").expect("POST")
}

#[test]
fn a_body_the_headers_say_is_html_or_multipart_is_bytes() {
    let page = LAMP_CREATE.replace("CONTENT", "`text/html` for markup, or `multipart/form-data; boundary=x` when parts carry images.");
    let dir = tree("html-body", &[], &[("api/lamp-create.md", &page)]);
    let body = create(&dir).body.map(|b| match b {
        graphgen::ir::Body::Type(t) => t.name,
        graphgen::ir::Body::Parameters(_) => "parameters".into(),
    });
    assert_eq!(body.as_deref(), Some(graphgen::ir::primitive::STREAM));
    let found = findings(&dir);
    assert!(on(&found, Code::ModelBody, "api/lamp-create.md").is_empty(), "{found:?}");
    // A JSON content type keeps the model's type (and the finding that the page names none).
    let page = LAMP_CREATE.replace("CONTENT", "application/json. Required.");
    let dir = tree("json-body", &[], &[("api/lamp-create.md", &page)]);
    assert!(matches!(create(&dir).body, Some(graphgen::ir::Body::Type(t)) if t.name == "microsoft.graph.lamp"));
    assert!(!on(&findings(&dir), Code::ModelBody, "api/lamp-create.md").is_empty());
}

/// `fixtures/aliases` (two pages document `/me/plants` and `/gardeners/{id}/plants`, so `/me`
/// is `/gardeners/{id}`) with the watering example calling `path`: its GG0403 findings.
fn water_example_calls(name: &str, path: &str) -> Vec<Finding> {
    let dir = common::scratch(&format!("beta-alias-{name}"));
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aliases"), &dir);
    let page = dir.join("v1.0/api/plant-water.md");
    let text = std::fs::read_to_string(&page).expect("page");
    std::fs::write(&page, text.replacen("POST /gardeners/g1/plants/p1/water", &format!("POST {path}"), 1)).expect("write");
    findings(&dir).into_iter().filter(|f| f.code == Code::ExamplePath).collect()
}

#[test]
fn an_example_calling_another_spelling_of_a_listed_path_is_not_reported() {
    // The block lists only the keyed spelling; `/me/plants/{id}/water` is no page's path.
    assert!(water_example_calls("me", "/me/plants/p1/water").is_empty());
    // OData's other forms of the listed path: a key in parentheses.
    assert!(water_example_calls("parens", "/gardeners('g1')/plants/p1/water").is_empty());
    // A path the block does not list is still one.
    let found = water_example_calls("typo", "/gardener/g1/plants/p1/water");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(water_example_calls("empty-segment", "/gardeners/g1/plants//p1/water").len(), 1);
}

#[test]
fn a_group_row_in_a_properties_table_is_no_property() {
    let dir = tree(
        "group-row",
        &[(
            "resources/lamp.md",
            "| isOn | Boolean | Whether the lamp is lit. |",
            "| **Power** |\n| isOn | Boolean | Whether the lamp is lit. |",
        )],
        &[],
    );
    assert!(!api(&dir).types["microsoft.graph.lamp"].properties.iter().any(|p| p.name == "Power"));
    let found = findings(&dir);
    assert!(of(&found, Code::TypeCell).is_empty() && of(&found, Code::DuplicateProperty).is_empty(), "{found:?}");
}

#[test]
fn a_sentence_and_an_annotation_naming_one_simple_name_agree() {
    // A type no page defines (GG0501 says so), qualified by the annotation in its namespace
    // and linked by the sentence: one type, not two.
    let dir = tree(
        "response-namespace",
        &[
            ("api/lamp-update.md", "\"@odata.type\": \"microsoft.graph.lamp\"", "\"@odata.type\": \"microsoft.graph.devices.lampBase\""),
            (
                "api/lamp-update.md",
                "an updated [lamp](../resources/lamp.md) object",
                "an updated [lampBase](../resources/lampbase.md) object",
            ),
        ],
        &[],
    );
    let found = findings(&dir);
    assert!(on(&found, Code::ResponseMismatch, "api/lamp-update.md").is_empty(), "{found:?}");
}

#[test]
fn a_create_whose_table_lists_a_kind_of_the_resource_takes_the_resource() {
    // The table names the lamp's properties and one of a kind of lamp: the body is a lamp, not
    // an action's parameters; a create takes the resource.
    let page = LAMP_CREATE.replace("CONTENT", "application/json").replace(
        "In the request body, supply the markup that describes the lamp.",
        "In the request body, supply a JSON representation of the object.\n\n| Property | Type | Description |\n|:---|:---|:---|\n| displayName | String | The name. |\n| brightness | Int32 | Percent. |\n| wattage | Int32 | Of a kind of lamp. |",
    );
    let dir = tree("create-kind", &[], &[("api/lamp-create.md", &page)]);
    assert!(matches!(create(&dir).body, Some(graphgen::ir::Body::Type(t)) if t.name == "microsoft.graph.lamp"));
}

/// A list of lamps whose example answers one object instead of a page.
const LAMP_LIST: &str = "---\ntitle: \"List lamps\"\ndoc_type: apiPageType\n---\n\n# List lamps\n\nNamespace: microsoft.graph\n\nList the [lamp](../resources/lamp.md) objects.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [lamp](../resources/lamp.md) objects in the response body.\n\n## Examples\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"list_lamps\" } -->\n``` http\nGET https://graph.microsoft.com/v1.0/lamps\n```\n\n### Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.lamp\", \"isCollection\": true } -->\n``` http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"id\": \"1\",\n  \"displayName\": \"Desk\"\n}\n```\n";

#[test]
fn one_object_where_a_page_belongs_is_one_finding() {
    let dir = tree("object-for-page", &[], &[("api/lamp-list.md", LAMP_LIST)]);
    let found = findings(&dir);
    assert_eq!(on(&found, Code::ExampleMismatch, "api/lamp-list.md").len(), 1, "{found:?}");
    assert!(on(&found, Code::ExampleUnknownProperty, "api/lamp-list.md").is_empty(), "{found:?}");
}

#[test]
fn a_type_named_the_old_way_still_names_the_element() {
    // `odata.type` without its `@`: that key is a finding, the lamp's keys are the lamp's.
    let dir = tree(
        "odata-type-v3",
        &[
            ("resources/lamp.md", "Inherits from [entity](entity.md).", "Inherits from [light](light.md)."),
            ("resources/lamp.md", "\"microsoft.graph.entity\",\n  \"keyProperty\"", "\"microsoft.graph.light\",\n  \"keyProperty\""),
        ],
        &[(
            "api/light-get.md",
            &LIGHT_GET.replace("\"@odata.type\": \"#microsoft.graph.lamp\"", "\"odata.type\": \"#microsoft.graph.lamp\""),
        )],
    );
    let found = findings(&dir);
    let unknown = on(&found, Code::ExampleUnknownProperty, "api/light-get.md");
    assert_eq!(unknown.len(), 1, "{found:?}");
    assert!(unknown[0].message.contains("odata.type"), "{}", unknown[0].message);
}

#[test]
fn a_type_that_takes_untyped_properties_is_open() {
    let dir = tree(
        "open-untyped",
        &[(
            "resources/lamp.md",
            "A made-up desk lamp:",
            "Lamp notes provide a way to directly add untyped properties to a lamp. A made-up desk lamp:",
        )],
        &[],
    );
    assert!(api(&dir).types["microsoft.graph.lamp"].open);
}

#[test]
fn a_key_in_parentheses_in_the_block_is_the_keyed_segment_of_the_example() {
    let dir = common::scratch("beta-alias-block-parens");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aliases"), &dir);
    let page = dir.join("v1.0/api/plant-water.md");
    let text = std::fs::read_to_string(&page).expect("page");
    let text =
        text.replacen("POST /gardeners/{gardenerId}/plants/{plantId}/water", "POST /gardeners({gardenerId})/plants/{plantId}/water", 1);
    std::fs::write(&page, text).expect("write");
    let found = findings(&dir);
    assert!(of(&found, Code::ExamplePath).is_empty(), "{found:?}");
}

#[test]
fn a_root_whose_get_answers_a_type_no_page_defines_says_so() {
    // The wick get names a `wick` type that has no page: the lamps' wicks path cannot start
    // from a root, and the finding names the page that documents it.
    let wicks = WICK_GET
        .replace("GET /lamps/{id}/wicks/{wick-id}", "GET /wicks/{wick-id}")
        .replace("a [light](../resources/light.md) object", "a [wick](../resources/wick.md) object");
    let post = LAMP_CREATE.replace("POST /lamps", "POST /wicks/{wick-id}/trim").replace("CONTENT", "application/json");
    let dir = tree("untyped-root", &[], &[("api/wick-get.md", &wicks), ("api/wick-trim.md", &post)]);
    let found = findings(&dir);
    let f = on(&found, Code::UnresolvedPath, "api/wick-trim.md");
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(
        f[0].message.contains("`GET /wicks/{wick-id}` (v1.0/api/wick-get.md:16) answers `microsoft.graph.wick`, which no page defines"),
        "{}",
        f[0].message
    );
    assert!(f[0].related.iter().any(|l| l.file == "v1.0/api/wick-get.md"), "{:?}", f[0].related);
}

#[test]
fn an_untagged_element_whose_keys_only_one_derived_type_has_is_that_type() {
    // The light's answer leaves out its tag; `brightness` is a lamp's, and the lamp is the only
    // kind of light with it.
    let dir = tree(
        "untagged-derived",
        &[
            ("resources/lamp.md", "Inherits from [entity](entity.md).", "Inherits from [light](light.md)."),
            ("resources/lamp.md", "\"microsoft.graph.entity\",\n  \"keyProperty\"", "\"microsoft.graph.light\",\n  \"keyProperty\""),
        ],
        &[("api/light-get.md", &LIGHT_GET.replace("\"@odata.type\": \"#microsoft.graph.lamp\",\n  ", ""))],
    );
    let found = findings(&dir);
    assert!(on(&found, Code::ExampleUnknownProperty, "api/light-get.md").is_empty(), "{found:?}");
    // A key no kind of light has is still reported.
    let dir =
        tree("untagged-unknown", &[], &[("api/light-get.md", &LIGHT_GET.replace("\"@odata.type\": \"#microsoft.graph.lamp\",\n  ", ""))]);
    assert_eq!(on(&findings(&dir), Code::ExampleUnknownProperty, "api/light-get.md").len(), 1);
}

#[test]
fn a_tag_in_a_body_read_from_a_table_is_no_stray_parameter() {
    // The page names a body type no page defines, so its table is read as the body's fields;
    // the example tags the object it sends.
    let page = LAMP_CREATE.replace("POST /lamps", "POST /lampKits").replace("CONTENT", "application/json").replace(
        "In the request body, supply the markup that describes the lamp.",
        "In the request body, supply a JSON representation for the lampKit object.\n\n| Property | Type | Description |\n|:---|:---|:---|\n| displayName | String | The name. |",
    ) + "\n## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"create_kit\" } -->\n``` http\nPOST https://graph.microsoft.com/v1.0/lampKits\nContent-Type: application/json\n\n{\n  \"@odata.type\": \"#microsoft.graph.lampKit\",\n  \"displayName\": \"Kit\"\n}\n```\n";
    let dir = tree("tagged-parameters", &[], &[("api/lampkit-create.md", &page)]);
    let found = findings(&dir);
    assert!(on(&found, Code::ExampleUnknownProperty, "api/lampkit-create.md").is_empty(), "{found:?}");
}

#[test]
fn a_root_whose_get_names_no_answer_says_so() {
    let wicks = WICK_GET.replace("GET /lamps/{id}/wicks/{wick-id}", "GET /wicks/{wick-id}").replace(
        "a `200 OK` response code and a [light](../resources/light.md) object in the response body.",
        "a `200 OK` response code and a **wick** object in the response body.",
    );
    let post = LAMP_CREATE.replace("POST /lamps", "POST /wicks/{wick-id}/trim").replace("CONTENT", "application/json");
    let dir = tree("unnamed-root", &[], &[("api/wick-get.md", &wicks), ("api/wick-trim.md", &post)]);
    let found = findings(&dir);
    let f = on(&found, Code::UnresolvedPath, "api/wick-trim.md");
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(f[0].message.contains("names no answer type so the model has no root `wicks`"), "{}", f[0].message);
}

/// A page of `name` (a kind of light) with its own `flame` row.
fn kind_of_light(name: &str) -> String {
    format!("---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA made-up kind of light.\n\nInherits from [light](light.md).\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| flame | String | The flame. |\n\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\",\n  \"baseType\": \"microsoft.graph.light\",\n  \"keyProperty\": \"id\"\n}}-->\n```json\n{{\n  \"id\": \"String (identifier)\",\n  \"flame\": \"String\"\n}}\n```\n")
}

#[test]
fn a_segment_whose_get_pages_disagree_is_where_a_path_past_it_fails() {
    // Two pages GET a light's `glow` and answer different kinds of light; the light itself has
    // no `glow`. A path going on past it fails there, where a cast is missing, not at the
    // segment after it that their common base lacks.
    let glow = |kind: &str| {
        WICK_GET
            .replace("GET /lamps/{id}/wicks/{wick-id}", "GET /lights/{id}/glow")
            .replace("a [light](../resources/light.md) object", &format!("a [{kind}](../resources/{kind}.md) object"))
    };
    let embers = WICK_GET.replace("GET /lamps/{id}/wicks/{wick-id}", "GET /lights/{id}/glow/embers/{ember-id}");
    let dir = tree(
        "disputed-call",
        &[],
        &[
            ("resources/candle.md", &kind_of_light("candle")),
            ("resources/torch.md", &kind_of_light("torch")),
            ("api/light-get.md", LIGHT_GET),
            ("api/candle-glow.md", &glow("candle")),
            ("api/torch-glow.md", &glow("torch")),
            ("api/glow-embers.md", &embers),
        ],
    );
    let found = findings(&dir);
    let f = on(&found, Code::UnresolvedPath, "api/glow-embers.md");
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(f[0].message.contains("`microsoft.graph.light` has no `glow`"), "{}", f[0].message);
    assert!(f[0].message.contains("answer different types"), "{}", f[0].message);
    let at = f[0].source.find("glow").expect("segment") as u32 + 1;
    assert_eq!((f[0].column, f[0].width), (at, 4), "{:?}", f[0]);
}

#[test]
fn a_collection_of_a_type_with_an_id_row_is_addressed_by_that_id() {
    // The lamp's `flames` are a kind of value no annotation gives a key, but its table has an
    // `id` row: `/lamps/{id}/flames/{flame-id}` addresses one flame, and `$ref` a reference.
    let flame = kind_of_light("flame")
        .replace("Inherits from [light](light.md).", "A flame.")
        .replace("  \"baseType\": \"microsoft.graph.light\",\n  \"keyProperty\": \"id\"\n", "  \"keyProperty\": \"\"\n")
        .replace("| flame | String | The flame. |", "| id | String | The flame's id. |\n| flame | String | The flame. |");
    let get = WICK_GET
        .replace("GET /lamps/{id}/wicks/{wick-id}", "GET /lamps/{id}/flames/{flame-id}\nDELETE /lamps/{id}/flames/{flame-id}/$ref")
        .replace("a [light](../resources/light.md) object", "a [flame](../resources/flame.md) object");
    let dir = tree(
        "keyed-by-id",
        &[(
            "resources/lamp.md",
            "| bulbs | String collection |",
            "| flames | [flame](flame.md) collection | Flames. |\n| bulbs | String collection |",
        )],
        &[("resources/flame.md", &flame), ("api/flame-get.md", &get)],
    );
    let found = findings(&dir);
    assert!(on(&found, Code::UnresolvedPath, "api/flame-get.md").is_empty(), "{found:?}");
}

#[test]
fn a_type_a_get_answers_by_key_has_a_key_though_its_page_names_none() {
    // No base, no `keyProperty`, no `id` row: yet `GET /lamps/{id}` answers a lamp, so a lamp
    // is addressed by its key and the `id` its examples show is no unknown key.
    let mut edits = NO_BASE.to_vec();
    edits.push(("resources/lamp.md", ",\n  \"keyProperty\": \"id\"", ""));
    let dir = tree("key-by-get", &edits, &[]);
    let found = findings(&dir);
    assert!(of(&found, Code::ExampleUnknownProperty).is_empty(), "{found:?}");
    assert!(api(&dir).types["microsoft.graph.lamp"].properties.iter().any(|p| p.name == "id"));
}

#[test]
fn a_body_of_a_type_linking_the_models_unpaged_type_as_its_base_is_no_contradiction() {
    // A light's `moths` are `moth`s, a type no page defines; the lamp page says a lamp derives
    // from `moth`. Posting a lamp to them posts a kind of moth: no GG0802.
    let mut edits = NO_BASE.to_vec();
    edits[0].2 = "Inherits from [moth](moth.md).";
    edits.push((
        "resources/light.md",
        "## JSON representation",
        "## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| moths | [moth](moth.md) collection | Drawn to it. |\n\n## JSON representation",
    ));
    let post = LIGHT_GET
        .replace("# Get light", "# Create lamp")
        .replace("GET /lights/{id}\n```", "POST /lights/{id}/moths\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of a [lamp](../resources/lamp.md) object.")
        .replace("a [light](../resources/light.md) object in the response body", "a [lamp](../resources/lamp.md) object in the response body");
    let post = &post[..post.find("## Examples").expect("examples")];
    let dir = tree("unpaged-base-body", &edits, &[("api/light-get.md", LIGHT_GET), ("api/lamp-post.md", post)]);
    let found = findings(&dir);
    assert!(on(&found, Code::ModelBody, "api/lamp-post.md").is_empty(), "{found:?}");
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "POST").expect("POST");
    assert!(matches!(&op.body, Some(graphgen::ir::Body::Type(t)) if t.name == "microsoft.graph.lamp"), "{:?}", op.body);
}

#[test]
fn a_resource_page_in_the_api_folder_is_called_misplaced() {
    let page = "---\ntitle: \"lantern resource type\"\ndoc_type: resourcePageType\n---\n\n# lantern resource type\n\nNamespace: microsoft.graph\n\nA lantern.\n\n## Methods\n\n| Method | Return Type | Description |\n|:---|:---|:---|\n| [Get](../api/lamp-get.md) | [lamp](../resources/lamp.md) | Read it. |\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| wick | String | The wick. |\n";
    let dir = tree("resource-in-api", &[], &[("api/lantern.md", page)]);
    let found = findings(&dir);
    let f = on(&found, Code::NoRequestBlock, "api/lantern.md");
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(f[0].message.contains("move it to the resources folder"), "{}", f[0].message);
}

/// The update page's body sentence, made to name no type (nor a table).
const NO_BODY_TYPE: (&str, &str, &str) = (
    "api/lamp-update.md",
    "In the request body, supply a JSON representation of the [lamp](../resources/lamp.md) properties to change.",
    "In the request body, supply the values for relevant fields that should be updated.",
);

/// No GG0802 at all, and the PATCH of `path` takes a lamp.
fn the_body_is_a_lamp(dir: &Path, path: &str) {
    let found = findings(dir);
    assert!(of(&found, Code::ModelBody).is_empty(), "{found:?}");
    let api = api(dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "PATCH" && o.path.as_str() == path).expect("the PATCH");
    assert!(matches!(&op.body, Some(graphgen::ir::Body::Type(t)) if t.name == "microsoft.graph.lamp"), "{:?}", op.body);
}

#[test]
fn an_update_naming_no_body_that_sends_its_answers_properties_updates_that_resource() {
    // "Supply the values for relevant fields": no type, no table. The page answers a lamp and
    // its example sends a lamp's properties: the body is a lamp, with nothing to report.
    let dir = tree("update-fields", &[NO_BODY_TYPE], &[]);
    the_body_is_a_lamp(&dir, "/lamps/{id}");
}

#[test]
fn a_listing_of_a_derived_kind_and_a_get_of_the_base_walk_on_as_the_base() {
    // No relationship names a light's `glows`. One page lists them as candles, another gets
    // one by key as a light: the segment holds lights (the common base), so the get page's
    // light is no contradiction.
    let list = WICK_GET
        .replace("GET /lamps/{id}/wicks/{wick-id}", "GET /lights/{id}/glows")
        .replace("a [light](../resources/light.md) object", "a collection of [candle](../resources/candle.md) objects");
    let get = WICK_GET.replace("GET /lamps/{id}/wicks/{wick-id}", "GET /lights/{id}/glows/{glow-id}");
    let dir = tree(
        "derived-listing",
        &[],
        &[
            ("resources/candle.md", &kind_of_light("candle")),
            ("api/light-get.md", LIGHT_GET),
            ("api/candle-list.md", &list),
            ("api/glow-get.md", &get),
        ],
    );
    let found = findings(&dir);
    assert!(on(&found, Code::ModelAnswer, "api/glow-get.md").is_empty(), "{found:?}");
}

#[test]
fn an_example_joining_members_with_commas_makes_its_enum_flags() {
    // No page says the shade enum is flags; an example sending `amber,white` does.
    let dir = tree("flags", &[("api/lamp-update.md", "\"shade\": \"amber\"\n}", "\"shade\": \"amber,white\"\n}")], &[]);
    let found = findings(&dir);
    assert!(of(&found, Code::ExampleEnumValue).is_empty(), "{found:?}");
    let api = api(&dir);
    let shade = api.enums.values().find(|e| e.name.ends_with("lampShade")).expect("lampShade");
    assert!(shade.flags);
    // One member that is no member stays a finding: `amber,blue` is not a flags value.
    let dir = tree("flags-not", &[("api/lamp-update.md", "\"shade\": \"amber\"\n}", "\"shade\": \"amber,blue\"\n}")], &[]);
    assert_eq!(of(&findings(&dir), Code::ExampleEnumValue).len(), 1);
}

#[test]
fn an_entitys_id_in_its_json_representation_needs_no_row() {
    // No base and no `id` row, but the annotation's keyProperty is `id`: the JSON's `id` is it.
    let dir = tree("entity-id", &NO_BASE, &[]);
    let found = findings(&dir);
    assert!(on(&found, Code::JsonRepresentation, "resources/lamp.md").is_empty(), "{found:?}");
}

#[test]
fn an_untagged_element_whose_keys_several_kinds_have_has_no_unknown_key() {
    // A light answered with only a `flame`: candles and torches both have one, so the element
    // is one of them, untold which; its key is no unknown key.
    let get = LIGHT_GET.replace("\"@odata.type\": \"#microsoft.graph.lamp\",\n  \"brightness\": 30", "\"flame\": \"blue\"");
    let dir = tree(
        "open-kind",
        &[],
        &[("resources/candle.md", &kind_of_light("candle")), ("resources/torch.md", &kind_of_light("torch")), ("api/light-get.md", &get)],
    );
    let found = findings(&dir);
    assert!(of(&found, Code::ExampleUnknownProperty).is_empty(), "{found:?}");
}

#[test]
fn a_request_line_without_an_example_takes_the_body_its_pages_example_shows() {
    // Two request lines, one example: it sends only a lamp's properties, the body of both.
    let dir = tree(
        "sibling-body",
        &[
            ("api/lamp-update.md", "PATCH /lamps/{id}\n", "PATCH /lamps/{id}\nPATCH /lights/{id}/lamp\n"),
            NO_BODY_TYPE,
            (
                "resources/light.md",
                "## JSON representation",
                "## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| lamp | [lamp](lamp.md) | Its lamp. |\n\n## JSON representation",
            ),
        ],
        &[("api/light-get.md", LIGHT_GET)],
    );
    the_body_is_a_lamp(&dir, "/lights/{id}/lamp");
}

#[test]
fn an_example_body_the_url_model_types_is_not_reported_as_parameters() {
    // No body described and nothing answered: the example's keys would be the parameters, but
    // the URL model says the path takes a lamp, which the body is read as. Nothing is "read as
    // the parameters", so nothing says so.
    let dir = tree(
        "model-types-example",
        &[
            NO_BODY_TYPE,
            (
                "api/lamp-update.md",
                "returns a `200 OK` response code and an updated [lamp](../resources/lamp.md) object in the response body.",
                "returns a `204 No Content` response code.",
            ),
        ],
        &[],
    );
    the_body_is_a_lamp(&dir, "/lamps/{id}");
}

#[test]
fn a_key_after_a_listed_segment_of_a_type_a_get_answers_by_key_addresses_one() {
    // The lamp names no key, and no relationship names a light's `lamps`; one page lists them,
    // another gets one by key. The URL model walks that key (the lamp has one, the get page
    // says so), rather than calling the key a path to nothing.
    let mut edits = NO_BASE.to_vec();
    edits.push(("resources/lamp.md", ",\n  \"keyProperty\": \"id\"", ""));
    let page = |line: &str, answer: &str| {
        WICK_GET.replace("GET /lamps/{id}/wicks/{wick-id}", line).replace("a [light](../resources/light.md) object", answer)
    };
    let list = page("GET /lights/{id}/lamps", "a collection of [lamp](../resources/lamp.md) objects");
    let get = page("GET /lights/{id}/lamps/{lamp-id}", "a [lamp](../resources/lamp.md) object");
    let dir =
        tree("key-below-listing", &edits, &[("api/light-get.md", LIGHT_GET), ("api/light-lamps.md", &list), ("api/light-lamp.md", &get)]);
    let found = findings(&dir);
    assert!(on(&found, Code::UnresolvedPath, "api/light-lamp.md").is_empty(), "{found:?}");
}

#[test]
fn a_path_off_a_root_of_several_segments_is_caught_at_the_segment_that_differs() {
    // `house/lights` is a root (its list page says so); `house/light/{id}/glow` misspells it. The
    // finding names the segment after `house`, and the roots that go on from there.
    let page = |line: &str, answer: &str| {
        WICK_GET.replace("GET /lamps/{id}/wicks/{wick-id}", line).replace("a [light](../resources/light.md) object", answer)
    };
    let list = page("GET /house/lights", "a collection of [light](../resources/light.md) objects");
    let get = page("GET /house/light/{id}/glow", "a [light](../resources/light.md) object");
    let dir = tree("nearest-root", &[], &[("api/house-lights.md", &list), ("api/house-light.md", &get)]);
    let found = findings(&dir);
    let f = on(&found, Code::UnresolvedPath, "api/house-light.md");
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(f[0].message.contains("the roots under `/house` are `lights`"), "{}", f[0].message);
    let at = f[0].source.find("light/").expect("segment") as u32 + 1;
    assert_eq!(f[0].column, at, "{:?}", f[0]);
}

#[test]
fn a_parameter_choosing_one_of_a_values_relationships_addresses_their_common_target() {
    // A light's `wiring` is a value whose two relationships, `input` and `output`, both lead to
    // a lamp: `wiring/{end}/$ref` names one of them, not a key after a single value.
    let wiring = "---\ntitle: \"wiring resource type\"\ndoc_type: resourcePageType\n---\n\n# wiring resource type\n\nNamespace: microsoft.graph\n\nHow a light is wired.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| color | String | The wire's colour. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| input | [lamp](lamp.md) | Where power comes from. |\n| output | [lamp](lamp.md) | Where power goes. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.wiring\"\n}-->\n```json\n{\n  \"color\": \"String\"\n}\n```\n";
    let put = WICK_GET
        .replace("# Get wick", "# Wire a light")
        .replace("GET /lamps/{id}/wicks/{wick-id}", "PUT /lights/{id}/wiring/{end}/$ref")
        .replace("and a [light](../resources/light.md) object in the response body", "");
    let dir = tree(
        "chosen-relationship",
        &[(
            "resources/light.md",
            "| lumens | Int32 | Light output. |",
            "| lumens | Int32 | Light output. |\n| wiring | [wiring](wiring.md) | How it is wired. |",
        )],
        &[("resources/wiring.md", wiring), ("api/light-get.md", LIGHT_GET), ("api/light-wire.md", &put)],
    );
    let found = findings(&dir);
    assert!(on(&found, Code::UnresolvedPath, "api/light-wire.md").is_empty(), "{found:?}");
}

#[test]
fn an_http_request_heading_one_level_down_is_named_as_such() {
    let dir = tree("h3-request", &[("api/lamp-get.md", "## HTTP request", "### HTTP request")], &[]);
    let found = findings(&dir);
    let f = on(&found, Code::NoRequestBlock, "api/lamp-get.md");
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(f[0].message.starts_with("the HTTP request heading is `###`, not `##`"), "{}", f[0].message);
    // Under that heading a request line without its leading slash is still the page's request:
    // the operation is kept, the heading reported.
    let dir = tree(
        "h3-request-no-slash",
        &[("api/lamp-get.md", "## HTTP request", "### HTTP request"), ("api/lamp-get.md", "GET /lamps/{id}", "GET lamps/{id}")],
        &[],
    );
    let found = findings(&dir);
    let f = on(&found, Code::NoRequestBlock, "api/lamp-get.md");
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(f[0].message.ends_with("request lines were read from the fences under it"), "{}", f[0].message);
    let ops = api(&dir).operations;
    assert!(
        ops.iter().any(|o| o.path.as_str() == "/lamps/{id}" && o.source.file.ends_with("lamp-get.md")),
        "{:?}",
        ops.iter().map(|o| o.path.as_str()).collect::<Vec<_>>()
    );
}

#[test]
fn a_method_run_into_its_path_is_read_apart_and_reported() {
    let dir = tree("joined-method", &[("api/lamp-get.md", "GET /lamps/{id}", "GET/lamps/{id}")], &[]);
    let found = findings(&dir);
    let f = on(&found, Code::RequestLine, "api/lamp-get.md");
    assert!(f.len() == 1 && f[0].message.contains("read as `GET /lamps/{id}`"), "{found:?}");
    assert!(on(&found, Code::NoRequestBlock, "api/lamp-get.md").is_empty(), "{found:?}");
    let ops = api(&dir).operations;
    assert!(ops.iter().any(|o| o.path.as_str() == "/lamps/{id}" && o.source.file.ends_with("lamp-get.md")));
    // A header under the request line is named as one, with where headers go.
    let dir = tree("header-in-block", &[("api/lamp-get.md", "GET /lamps/{id}", "GET /lamps/{id}\nlamp-session-id: {session-id}")], &[]);
    let found = findings(&dir);
    let f = on(&found, Code::RequestLine, "api/lamp-get.md");
    assert!(f.len() == 1 && f[0].message.contains("is a header (`lamp-session-id`)"), "{found:?}");
}

#[test]
fn a_body_type_no_page_defines_is_no_contradiction_of_the_model() {
    // The update page names a `glowLamp`, which no page describes (a kind of lamp, for all the
    // docs say): its missing page is the finding (GG0501), and GG0802 only a note pointing there.
    fn edit(ty: &'static str) -> (&'static str, &'static str, &'static str) {
        ("api/lamp-update.md", "JSON representation of the [lamp](../resources/lamp.md)", ty)
    }
    let dir = tree("unpaged-body", &[edit("JSON representation of the [glowLamp](../resources/glowlamp.md)")], &[]);
    let found = findings(&dir);
    let body = on(&found, Code::ModelBody, "api/lamp-update.md");
    assert_eq!(body.len(), 1, "{found:?}");
    assert_eq!(body[0].severity, graphgen::diag::Severity::Note, "{found:?}");
    assert!(body[0].message.contains("GG0501"), "{found:?}");
    assert!(on(&found, Code::UnresolvedType, "api/lamp-update.md").iter().any(|f| f.message.contains("glowLamp")), "{found:?}");
    // A type a page does describe, and that is no lamp, is a contradiction.
    let dir = tree("unrelated-body", &[edit("JSON representation of the [light](../resources/light.md)")], &[]);
    let found = findings(&dir);
    let body = on(&found, Code::ModelBody, "api/lamp-update.md");
    assert!(body.iter().any(|f| f.severity == graphgen::diag::Severity::Warning), "{found:?}");
}
