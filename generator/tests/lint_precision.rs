//! False positives found by judging random samples of the v1.0 findings, each rebuilt on the
//! clean `fixtures/lint` tree: the docs state a base, an open type or a property in a way the
//! reader missed, or an example is held against an operation it does not call. Each test fails
//! without its fix (a finding appears, or the IR misses the base or property).

use graphgen::diag::Code;
use graphgen::lint::Finding;

mod common;

fn tree(name: &str, edits: &[(&str, &str, &str)], pages: &[(&str, &str)]) -> common::Scratch {
    common::lint_tree(&format!("precision-{name}"), edits, pages)
}

use common::{api, findings, NO_BASE};

fn codes(found: &[Finding], file: &str) -> Vec<(Code, u32)> {
    found.iter().filter(|f| f.file == format!("v1.0/{file}")).map(|f| (f.code, f.line)).collect()
}

fn has(found: &[Finding], code: Code) -> bool {
    found.iter().any(|f| f.code == code)
}

#[test]
fn an_example_calling_another_path_answers_that_paths_type() {
    // The example's response shows a key the lamp has not; it is a lantern's answer.
    let dir = tree(
        "other-path",
        &[
            ("api/lamp-update.md", "/v1.0/lamps/7d3c1a52", "/v1.0/lanterns/7d3c1a52"),
            ("api/lamp-update.md", "\"isOn\": true,", "\"isOn\": true,\n  \"wick\": 2,"),
        ],
        &[],
    );
    let found = findings(&dir);
    assert!(has(&found, Code::ExamplePath), "{found:?}");
    assert!(!has(&found, Code::ExampleUnknownProperty), "the lantern's key is not the lamp's: {found:?}");
    // Nor is it a test of the lamp's update.
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "PATCH").expect("PATCH");
    assert!(op.examples.iter().all(|e| e.problems.is_empty()));
}

#[test]
fn a_base_page_listing_its_derived_types_gives_them_their_base() {
    let mut edits = NO_BASE.to_vec();
    edits.push((
        "resources/light.md",
        "Any made-up source of light; the linter tests point a base type at it.",
        "Any made-up source of light. This is a base class; the derived types are [lamp](lamp.md) and [torch](torch.md).",
    ));
    // A key of the base in the lamp's example is the lamp's too.
    edits.push(("api/lamp-update.md", "\"isOn\": true,", "\"isOn\": true,\n  \"lumens\": 400,"));
    let dir = tree("derived-list", &edits, &[]);
    assert_eq!(api(&dir).types["microsoft.graph.lamp"].base.as_deref(), Some("microsoft.graph.light"));
    let found = findings(&dir);
    assert!(!has(&found, Code::ExampleUnknownProperty), "{found:?}");
    // The lamp page should say so too: a note on it, pointing at the listing.
    let notes = codes(&found, "resources/lamp.md");
    assert!(notes.iter().any(|(c, _)| *c == Code::BaseFromBasePage), "{found:?}");
}

#[test]
fn a_base_page_listing_a_type_whose_page_names_another_base_is_a_conflict() {
    let dir = tree(
        "derived-conflict",
        &[(
            "resources/entity.md",
            "The base every keyed resource of this fixture derives from.",
            "The base. The derived types are [lamp](lamp.md).",
        )],
        &[],
    );
    // The entity lists the lamp, which derives from entity: they agree.
    assert!(!has(&findings(&dir), Code::BaseTypeConflict));
    let dir = tree(
        "derived-conflict-2",
        &[(
            "resources/light.md",
            "Any made-up source of light; the linter tests point a base type at it.",
            "Any made-up light. The derived types are [lamp](lamp.md).",
        )],
        &[],
    );
    // The lamp's own page says entity: its page wins, and the listing is reported.
    assert_eq!(api(&dir).types["microsoft.graph.lamp"].base.as_deref(), Some("microsoft.graph.entity"));
    let found = findings(&dir);
    assert!(codes(&found, "resources/light.md").iter().any(|(c, _)| *c == Code::BaseTypeConflict), "{found:?}");
}

#[test]
fn a_subclass_sentence_names_the_base() {
    let mut edits = NO_BASE.to_vec();
    edits[0] = ("resources/lamp.md", "Inherits from [entity](entity.md).", "This is a subclass of [light](light.md).");
    let dir = tree("subclass", &edits, &[]);
    assert_eq!(api(&dir).types["microsoft.graph.lamp"].base.as_deref(), Some("microsoft.graph.light"));
}

const SETTINGS: &str = "---\ntitle: \"lampSettings resource type\"\ndoc_type: resourcePageType\n---\n\n# lampSettings resource type\n\nNamespace: microsoft.graph\n\nSTATEMENT\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.lampSettings\"\n}-->\n```json\n{\n  \"dimmable\": true,\n  \"timer\": \"Int32\",\n  \"since\": \"String (timestamp)\",\n  \"shade\": {\"@odata.type\": \"microsoft.graph.light\"}\n}\n```\n";

#[test]
fn an_open_type_said_in_prose_keeps_its_keys_as_data() {
    let page = SETTINGS.replace("STATEMENT", "This is an open type: its keys are settings names.");
    let dir = tree("open-prose", &[], &[("resources/lampsettings.md", &page)]);
    assert!(api(&dir).types["microsoft.graph.lampSettings"].open);
    let found = findings(&dir);
    assert!(codes(&found, "resources/lampsettings.md").is_empty(), "{found:?}");
}

#[test]
fn a_page_without_a_property_table_is_described_by_its_representation() {
    let page = SETTINGS.replace("STATEMENT", "Settings of a lamp.");
    let dir = tree("no-table", &[], &[("resources/lampsettings.md", &page)]);
    let api = api(&dir);
    let props: Vec<String> =
        api.types["microsoft.graph.lampSettings"].properties.iter().map(|p| format!("{} {}", p.name, p.r#type)).collect();
    assert_eq!(props, ["dimmable Edm.Boolean", "timer Edm.Int32", "since Edm.DateTimeOffset", "shade microsoft.graph.light"]);
    // One finding says the table is missing, on the representation; none per key.
    let found = findings(&dir);
    assert_eq!(codes(&found, "resources/lampsettings.md"), [(Code::JsonRepresentation, 18)], "{found:?}");
}

#[test]
fn a_cell_offering_two_types_takes_their_common_base() {
    let dir = tree(
        "or-cell",
        &[(
            "resources/lamp.md",
            "| bulbs | String collection | Serial numbers of the bulbs. |",
            "| bulbs | String collection | Serial numbers of the bulbs. |\n| spare | [lamp](lamp.md) or [light](light.md) | A spare. |",
        )],
        &[],
    );
    let spare = api(&dir).types["microsoft.graph.lamp"].properties.iter().find(|p| p.name == "spare").map(|p| p.r#type.to_string());
    assert_eq!(spare.as_deref(), Some("microsoft.graph.entity"));
}

#[test]
fn a_write_whose_page_answers_an_unrelated_type_answers_what_it_writes() {
    // A copied annotation: the update "answers" a light; the sentence, the body and the model
    // say lamp. (The answer shows only an id, which both have, so its keys decide nothing.)
    let answer = "{\n  \"id\": \"7d3c1a52\",\n  \"displayName\": \"Reading lamp\",\n  \"brightness\": 80,\n  \"isOn\": true,\n  \"shade\": \"amber\",\n  \"bulbs\": [\"B-1001\"]\n}";
    let dir = tree(
        "write-answer",
        &[
            ("api/lamp-update.md", "\"@odata.type\": \"microsoft.graph.lamp\"", "\"@odata.type\": \"microsoft.graph.light\""),
            ("api/lamp-update.md", answer, "{\n  \"id\": \"7d3c1a52\"\n}"),
        ],
        &[],
    );
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "PATCH").expect("PATCH");
    assert_eq!(op.response.r#type.as_ref().map(|t| t.name.as_str()), Some("microsoft.graph.lamp"));
    assert!(op.settled.response.as_deref().is_some_and(|r| r.contains("body and the URL model")), "{:?}", op.settled);
    let found = findings(&dir);
    assert!(codes(&found, "api/lamp-update.md").iter().any(|(c, _)| *c == Code::ModelAnswer), "{found:?}");
}

#[test]
fn an_open_type_said_in_the_title_keeps_its_keys_as_data() {
    let page = SETTINGS
        .replace("STATEMENT", "Settings of a lamp.")
        .replace("lampSettings resource type\"", "lampSettings resource type (Open Type)\"")
        .replace("# lampSettings resource type", "# lampSettings resource type (Open Type)");
    let dir = tree("open-title", &[], &[("resources/lampsettings.md", &page)]);
    assert!(api(&dir).types["microsoft.graph.lampSettings"].open);
}

/// The lamp's photo: content read at `.../photo/$value`.
const PHOTO_ROW: (&str, &str, &str) =
    ("resources/lamp.md", "| bulbs | String collection |", "| photo | Stream | A photo of the lamp. |\n| bulbs | String collection |");

#[test]
fn a_stream_row_is_no_key_of_the_json_representation() {
    // The lamp's photo is content read at `.../photo/$value`; its JSON leaves it out.
    let dir = tree("stream-row", &[PHOTO_ROW], &[]);
    let found = findings(&dir);
    assert!(!has(&found, Code::JsonRepresentationMissing), "{found:?}");
    // Any other row left out is still reported.
    let dir = tree(
        "stream-row-other",
        &[("resources/lamp.md", "| bulbs | String collection |", "| plug | String | The plug. |\n| bulbs | String collection |")],
        &[],
    );
    assert!(has(&findings(&dir), Code::JsonRepresentationMissing));
}

#[test]
fn a_page_naming_the_object_for_its_properties_paths_is_no_contradiction() {
    // The lamp's get documents one property's path too and names the lamp for both: the path
    // reads a property of the lamp, and the property's type is what comes back.
    let dir = tree("holder-answer", &[("api/lamp-get.md", "GET /lamps/{id}\n", "GET /lamps/{id}\nGET /lamps/{id}/brightness\n")], &[]);
    let found = findings(&dir);
    assert!(!has(&found, Code::ModelAnswer), "{found:?}");
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str().ends_with("/brightness")).expect("brightness GET");
    assert_eq!(op.response.r#type.as_ref().map(|t| t.name.as_str()), Some("Edm.Int32"));
}

const BODY_LIGHT: (&str, &str, &str) = (
    "api/lamp-update.md",
    "a JSON representation of the [lamp](../resources/lamp.md) properties",
    "a JSON representation of the [light](../resources/light.md) properties",
);

#[test]
fn a_write_whose_example_sends_the_models_type_is_judged_by_it() {
    // The page names a light; the model and the example's keys say lamp: the body is the lamp,
    // the page is reported once, and the example's keys are not held against the light.
    let dir = tree("body-by-example", &[BODY_LIGHT], &[]);
    let found = findings(&dir);
    let f: Vec<&Finding> = found.iter().filter(|f| f.code == Code::ModelBody).collect();
    assert_eq!(f.len(), 1, "{found:?}");
    assert!(f[0].message.contains("whose properties the example sends"), "{}", f[0].message);
    assert!(!has(&found, Code::ExampleUnknownProperty), "{found:?}");
}

#[test]
fn a_write_whose_page_names_the_type_of_a_property_of_the_body_takes_the_body() {
    // "each [light] in the **glow** property": the lamp holds lights; the page describes a part.
    let dir = tree(
        "body-part",
        &[
            BODY_LIGHT,
            (
                "resources/lamp.md",
                "| bulbs | String collection |",
                "| glow | [light](light.md) collection | Lights. |\n| bulbs | String collection |",
            ),
        ],
        &[],
    );
    let found = findings(&dir);
    assert!(!has(&found, Code::ModelBody), "{found:?}");
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "PATCH").expect("PATCH");
    assert!(matches!(&op.body, Some(graphgen::ir::Body::Type(t)) if t.name == "microsoft.graph.lamp"), "{:?}", op.body);
}

#[test]
fn a_write_whose_page_names_a_kind_of_what_a_property_holds_takes_the_body() {
    // The lamp holds lights in `glow`; the page names a torch, a kind of light.
    let torch = SETTINGS_FREE_TORCH;
    let dir = tree(
        "body-part-kind",
        &[
            (
                "api/lamp-update.md",
                "a JSON representation of the [lamp](../resources/lamp.md) properties",
                "a JSON representation of the [torch](../resources/torch.md) properties",
            ),
            (
                "resources/lamp.md",
                "| bulbs | String collection |",
                "| glow | [light](light.md) collection | Lights. |\n| bulbs | String collection |",
            ),
        ],
        &[("resources/torch.md", torch)],
    );
    assert!(!has(&findings(&dir), Code::ModelBody));
}

const SETTINGS_FREE_TORCH: &str = "---\ntitle: \"torch resource type\"\ndoc_type: resourcePageType\n---\n\n# torch resource type\n\nNamespace: microsoft.graph\n\nA made-up torch.\n\nInherits from [light](light.md).\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| flame | String | The flame. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.torch\",\n  \"baseType\": \"microsoft.graph.light\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String (identifier)\",\n  \"flame\": \"String\"\n}\n```\n";

#[test]
fn a_response_link_to_the_annotated_types_page_names_it_whatever_its_text() {
    let dir = tree(
        "link-target",
        &[("api/lamp-update.md", "an updated [lamp](../resources/lamp.md)", "an updated [Lamp2](../resources/lamp.md)")],
        &[],
    );
    assert!(!has(&findings(&dir), Code::ResponseMismatch));
}

#[test]
fn a_type_cell_naming_an_enum_as_such_is_that_enum() {
    let dir = tree("enum-word", &[("resources/lamp.md", "| shade | lampShade |", "| shade | lampShade enum |")], &[]);
    let found = findings(&dir);
    assert!(codes(&found, "resources/lamp.md").is_empty(), "{found:?}");
}

#[test]
fn an_open_types_optional_keys_need_no_row() {
    let dir = tree(
        "open-optional",
        &[
            (
                "resources/lamp.md",
                "  \"keyProperty\": \"id\"\n}-->",
                "  \"keyProperty\": \"id\",\n  \"openType\": true,\n  \"optionalProperties\": [\"glow\"]\n}-->",
            ),
            (
                "resources/lamp.md",
                "  \"bulbs\": [\"String\"]\n",
                "  \"bulbs\": [\"String\"],\n  \"glow\": \"String\",\n  \"wax\": \"String\"\n",
            ),
        ],
        &[],
    );
    // `glow` is an optional key of an open type; `wax` is listed nowhere.
    let found = findings(&dir);
    let rows: Vec<&Finding> = found.iter().filter(|f| f.code == Code::JsonRepresentation).collect();
    assert_eq!(rows.len(), 1, "{found:?}");
    assert!(rows[0].message.contains("`wax`"), "{}", rows[0].message);
}

#[test]
fn an_ignored_request_outside_the_examples_is_a_pointer_not_an_example() {
    let remarks = "\n## Remarks\n\nTo read the light it stands by, call:\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET https://graph.microsoft.com/v1.0/lights/9\n```\n";
    let page = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint/v1.0/api/lamp-get.md"))
        .expect("page");
    let dir = tree("pointer-fence", &[], &[("api/lamp-get.md", &(page + remarks))]);
    assert!(!has(&findings(&dir), Code::ExamplePath));
}

#[test]
fn an_action_parameter_offering_two_types_takes_their_common_base() {
    // `with` is a lamp or a light; the example sends a light, tagged as one.
    let dir = tree("or-parameter", &[], &[("api/lamp-pair.md", PAIR)]);
    let found = findings(&dir);
    assert!(codes(&found, "api/lamp-pair.md").is_empty(), "{found:?}");
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.path.to_string().ends_with("/pair")).expect("pair");
    let Some(graphgen::ir::Body::Parameters(ps)) = &op.body else { panic!("{:?}", op.body) };
    assert_eq!(ps[0].r#type.name, "microsoft.graph.entity");
}

const PAIR: &str = "---\ntitle: \"lamp: pair\"\ndoc_type: apiPageType\n---\n\n# lamp: pair\n\nNamespace: microsoft.graph\n\nPair a [lamp](../resources/lamp.md) with another source of light.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /lamps/{id}/pair\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| with | [lamp](../resources/lamp.md) or [light](../resources/light.md) | What to pair with. |\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n### Request\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"pair_lamp\"\n}\n-->\n``` http\nPOST https://graph.microsoft.com/v1.0/lamps/7d3c1a52/pair\nContent-Type: application/json\n\n{\n  \"with\": {\n    \"@odata.type\": \"#microsoft.graph.light\",\n    \"lumens\": 400\n  }\n}\n```\n\n### Response\n\n<!-- {\n  \"blockType\": \"response\"\n}\n-->\n``` http\nHTTP/1.1 204 No Content\n```\n";

#[test]
fn a_path_past_a_type_no_page_defines_is_a_note_the_missing_page_is_the_warning() {
    // The lamp's `wick` is a type with no page; GET .../wick/flame cannot be followed.
    let get = "---\ntitle: \"Get flame\"\ndoc_type: apiPageType\n---\n\n# Get flame\n\nNamespace: microsoft.graph\n\nRead a flame.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps/{id}/wick/flame\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [light](../resources/light.md) object in the response body.\n";
    let dir = tree(
        "no-page-type",
        &[("resources/lamp.md", "| bulbs | String collection |", "| wick | [wick](wick.md) | The wick. |\n| bulbs | String collection |")],
        &[("api/flame-get.md", get)],
    );
    let found = findings(&dir);
    let path: Vec<&Finding> = found.iter().filter(|f| f.code == Code::UnresolvedPath).collect();
    assert_eq!(path.len(), 1, "{found:?}");
    assert_eq!(path[0].severity, graphgen::diag::Severity::Note, "{found:?}");
    assert!(path[0].message.contains("which no page defines"), "{}", path[0].message);
    assert!(found.iter().any(|f| f.code == Code::UnresolvedType && f.severity == graphgen::diag::Severity::Warning), "{found:?}");
}

#[test]
fn a_tagged_body_of_a_parameters_table_is_judged_by_the_type_it_names() {
    // The table lists a light's rows; the example sends a lamp, tagged as one, with a lamp's key.
    let dir = tree(
        "tagged-parameters",
        &[],
        &[(
            "api/lamp-pair.md",
            &PAIR
                .replace(
                    "{\n  \"with\": {\n    \"@odata.type\": \"#microsoft.graph.light\",\n    \"lumens\": 400\n  }\n}",
                    "{\n  \"@odata.type\": \"#microsoft.graph.lamp\",\n  \"with\": {\n    \"lumens\": 400\n  },\n  \"brightness\": 5\n}",
                )
                .replace(
                    "| with | [lamp](../resources/lamp.md) or [light](../resources/light.md) |",
                    "| with | [light](../resources/light.md) |",
                ),
        )],
    );
    let found = findings(&dir);
    assert!(!found.iter().any(|f| f.message.contains("brightness")), "{found:?}");
    // Untagged, the key no row lists is a finding.
    let dir = tree(
        "untagged-parameters",
        &[],
        &[(
            "api/lamp-pair.md",
            &PAIR.replace("\"with\": {\n    \"@odata.type\": \"#microsoft.graph.light\",", "\"brightness\": 5,\n  \"with\": {"),
        )],
    );
    let found = findings(&dir);
    assert!(found.iter().any(|f| f.code == Code::ExampleUnknownProperty && f.message.contains("$.brightness")), "{found:?}");
}

#[test]
fn a_property_table_under_the_title_or_beside_the_representation_is_the_types() {
    // No Properties heading: the table stands right under the title.
    let dir = tree("table-under-title", &[("resources/lamp.md", "## Properties\n\n", "")], &[]);
    let found = findings(&dir);
    assert!(!found.iter().any(|f| f.message.contains("has no property table")), "{found:?}");
    let lamp = &api(&dir).types["microsoft.graph.lamp"];
    assert!(lamp.properties.iter().any(|p| p.name == "brightness" && p.r#type.name == "Edm.Int32"), "{:?}", lamp.properties);
}

#[test]
fn a_list_page_and_its_context_saying_a_collection_outweigh_a_relationship_saying_one() {
    // The lamp's `glow` row says one light; the list page, its annotation and its
    // @odata.context say a collection (the page names another type besides).
    let list = "---\ntitle: \"List glow\"\ndoc_type: apiPageType\n---\n\n# List glow\n\nNamespace: microsoft.graph\n\nList the lights of a lamp.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps/{id}/glow\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [lamp](../resources/lamp.md) objects in the response body.\n\n## Examples\n\n### Request\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"list_glow\"\n}\n-->\n``` http\nGET https://graph.microsoft.com/v1.0/lamps/7d3c1a52/glow\n```\n\n### Response\n\n<!-- {\n  \"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.lamp\",\n  \"isCollection\": true\n}\n-->\n``` http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.light)\",\n  \"value\": [\n    {\n      \"id\": \"9\",\n      \"lumens\": 400\n    }\n  ]\n}\n```\n";
    let dir = tree(
        "kind-by-context",
        &[(
            "resources/lamp.md",
            "| bulbs | String collection | Serial numbers of the bulbs. |",
            "| bulbs | String collection | Serial numbers of the bulbs. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| glow | [light](light.md) | Its lights. |",
        )],
        &[("api/lamp-list-glow.md", list)],
    );
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.path.to_string() == "/lamps/{id}/glow").expect("GET glow");
    assert_eq!(
        op.response.r#type.as_ref().map(|t| t.to_string()).as_deref(),
        Some("Collection(microsoft.graph.light)"),
        "{:?}",
        op.settled
    );
    let found = findings(&dir);
    assert!(!has(&found, Code::ExampleUnknownProperty), "{found:?}");
    assert!(codes(&found, "api/lamp-list-glow.md").iter().any(|(c, _)| *c == Code::ModelAnswer), "{found:?}");
}

#[test]
fn a_name_of_one_namespace_is_not_a_type_of_another_that_shares_it() {
    // `microsoft.graph.other.glow` has a page; `glow` of microsoft.graph has none.
    let other = "---\ntitle: \"glow resource type\"\ndoc_type: resourcePageType\n---\n\n# glow resource type\n\nNamespace: microsoft.graph.other\n\nA glow of another namespace.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| hue | String | The hue. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.other.glow\"\n}-->\n```json\n{\n  \"hue\": \"String\"\n}\n```\n";
    let dir = tree(
        "namespaces",
        &[
            ("resources/lamp.md", "| bulbs | String collection |", "| aura | [Glow](glow.md) | Its aura. |\n| halo | microsoft.graph.glow | Its halo. |\n| bulbs | String collection |"),
            ("resources/lamp.md", "  \"bulbs\": [\"String\"]\n", "  \"bulbs\": [\"String\"],\n  \"aura\": {\"@odata.type\": \"microsoft.graph.glow\"},\n  \"halo\": {\"@odata.type\": \"microsoft.graph.glow\"}\n"),
        ],
        &[("resources/other-glow.md", other)],
    );
    let lamp = &api(&dir).types["microsoft.graph.lamp"];
    let ty = |n: &str| lamp.properties.iter().find(|p| p.name == n).map(|p| p.r#type.name.clone());
    assert_eq!(ty("aura").as_deref(), Some("microsoft.graph.glow"));
    assert_eq!(ty("halo").as_deref(), Some("microsoft.graph.glow"));
    let found = findings(&dir);
    assert_eq!(found.iter().filter(|f| f.code == Code::UnresolvedType).count(), 1, "{found:?}");
}

#[test]
fn a_key_after_a_collection_of_values_is_said_to_address_values() {
    let get = "---\ntitle: \"Get bulb\"\ndoc_type: apiPageType\n---\n\n# Get bulb\n\nNamespace: microsoft.graph\n\nRead a bulb.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps/{id}/bulbs/{bulbId}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [light](../resources/light.md) object in the response body.\n";
    let dir = tree("key-after-values", &[], &[("api/bulb-get.md", get)]);
    let found = findings(&dir);
    let path: Vec<&Finding> = found.iter().filter(|f| f.code == Code::UnresolvedPath).collect();
    assert_eq!(path.len(), 1, "{found:?}");
    assert!(path[0].message.contains("a collection of `Edm.String` values"), "{}", path[0].message);
}

#[test]
fn a_request_line_that_expands_answers_what_its_path_addresses() {
    // The page of a light also shows the lamp's GET expanding its lights.
    let get = "---\ntitle: \"Get light\"\ndoc_type: apiPageType\n---\n\n# Get light\n\nNamespace: microsoft.graph\n\nRead a light.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps/{id}/glow/{lightId}\nGET /lamps/{id}?$expand=glow($filter=id eq '{lightId}')\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [light](../resources/light.md) object in the response body.\n";
    let dir = tree(
        "expanding-line",
        &[(
            "resources/lamp.md",
            "| bulbs | String collection | Serial numbers of the bulbs. |",
            "| bulbs | String collection | Serial numbers of the bulbs. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| glow | [light](light.md) collection | Its lights. |",
        )],
        &[("api/light-get.md", get), ("api/lamp-get.md", LIST_LAMPS)],
    );
    let found: Vec<Finding> = findings(&dir).into_iter().filter(|f| f.severity != graphgen::diag::Severity::Note).collect();
    assert!(codes(&found, "api/light-get.md").is_empty(), "{found:?}");
    let api = api(&dir);
    let lamp = api.operations.iter().find(|o| o.path.to_string() == "/lamps/{id}" && o.method.as_str() == "GET").expect("GET lamp");
    assert_eq!(lamp.response.r#type.as_ref().map(|t| t.name.as_str()), Some("microsoft.graph.lamp"), "{:?}", lamp.settled);
}

/// `GET /lamps` in place of the lamp's get page: no page but the light's documents `/lamps/{id}`.
const LIST_LAMPS: &str = "---\ntitle: \"List lamps\"\ndoc_type: apiPageType\n---\n\n# List lamps\n\nNamespace: microsoft.graph\n\nList the lamps.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [lamp](../resources/lamp.md) objects in the response body.\n";

#[test]
fn a_url_in_a_header_is_no_answer_type() {
    let page = "---\ntitle: \"lamp: reset\"\ndoc_type: apiPageType\n---\n\n# lamp: reset\n\nNamespace: microsoft.graph\n\nReset a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /lamps/{id}/reset\n```\n\n## Response\n\nIf successful, this method returns a `202 Accepted` response code and a URL in the `Location` header.\n";
    let dir = tree("url-in-header", &[], &[("api/lamp-reset.md", page)]);
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.path.to_string().ends_with("/reset")).expect("reset");
    assert_eq!(op.response.r#type, None, "{:?}", op.settled);
}

#[test]
fn a_key_in_another_letter_case_is_one_finding_at_the_key() {
    let dir = tree("case-key", &[("resources/lamp.md", "  \"isOn\": \"Boolean\",", "  \"IsOn\": \"Boolean\",")], &[]);
    let found = findings(&dir);
    let lamp = codes(&found, "resources/lamp.md");
    assert_eq!(lamp.len(), 1, "{found:?}");
    assert!(found.iter().any(|f| f.message.contains("the table spells it `isOn`")), "{found:?}");
}

#[test]
fn a_key_of_a_type_whose_base_has_no_page_may_be_the_bases() {
    let edits = [
        ("resources/lamp.md", "Inherits from [entity](entity.md).", "Inherits from [fixture](fixture.md)."),
        ("resources/lamp.md", "\"microsoft.graph.entity\"", "\"microsoft.graph.fixture\""),
        ("api/lamp-update.md", "  \"bulbs\": [\"B-1001\"]\n", "  \"bulbs\": [\"B-1001\"],\n  \"wattage\": 40\n"),
    ];
    let found = findings(&tree("base-without-page", &edits, &[]));
    assert!(!found.iter().any(|f| f.message.contains("wattage")), "{found:?}");
    // With its base's page there, the key is a finding.
    let found = findings(&tree("base-with-page", &edits[2..], &[]));
    assert!(found.iter().any(|f| f.code == Code::ExampleUnknownProperty && f.message.contains("wattage")), "{found:?}");
}

/// The lamp's update with its response example annotated `annotation` instead of a lamp.
fn update_annotated(name: &str, annotation: &str) -> common::Scratch {
    let to = format!("\"@odata.type\": \"microsoft.graph.{annotation}\"");
    tree(name, &[("api/lamp-update.md", "\"@odata.type\": \"microsoft.graph.lamp\"", &to)], &[])
}

#[test]
fn where_sentence_and_annotation_disagree_the_examples_keys_decide() {
    // The annotation says light; the sentence says lamp, and the example shows a lamp's keys.
    let dir = update_annotated("keys-decide", "light");
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "PATCH").expect("PATCH");
    assert_eq!(op.response.r#type.as_ref().map(|t| t.name.as_str()), Some("microsoft.graph.lamp"));
    let found = findings(&dir);
    // A type a page describes, and no lamp: a warning.
    assert!(
        found.iter().any(|f| f.code == Code::ResponseMismatch
            && f.severity == graphgen::diag::Severity::Warning
            && f.message.contains("read as `microsoft.graph.lamp`")),
        "{found:?}"
    );
}

/// A page of another namespace: its write links `[lamp](stage-lamp.md)`, a page these docs lack,
/// while `stage` is a namespace of the docs (`stage-spot.md`) and `microsoft.graph.lamp` has a
/// page of its own.
const STAGE_SPOT: &str = "---\ntitle: \"spot resource type\"\ndoc_type: resourcePageType\n---\n\n# spot resource type\n\nNamespace: microsoft.graph.stage\n\nA made-up stage light.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Its key. |\n| beam | Int32 | Beam angle. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.stage.spot\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String (identifier)\",\n  \"beam\": 30\n}\n```\n";

const STAGE_LAMP_UPDATE: &str = "---\ntitle: \"Update lamp\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# Update lamp\n\nNamespace: microsoft.graph.stage\n\nChange a stage [lamp](../resources/stage-lamp.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPATCH /stage/lamps/{id}\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of the [lamp](../resources/stage-lamp.md) object.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n### Request\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"update_stage_lamp\"\n}\n-->\n``` http\nPATCH https://graph.microsoft.com/v1.0/stage/lamps/1\nContent-Type: application/json\n\n{\n  \"gel\": \"amber\"\n}\n```\n";

#[test]
fn a_link_to_a_missing_page_of_another_namespace_is_not_the_default_namespaces_type() {
    let dir = tree("namespace-link", &[], &[("resources/stage-spot.md", STAGE_SPOT), ("api/stage-lamp-update.md", STAGE_LAMP_UPDATE)]);
    let found = findings(&dir);
    let unknown: Vec<_> =
        found.iter().filter(|f| f.code == Code::ExampleUnknownProperty && f.file.ends_with("stage-lamp-update.md")).collect();
    assert!(unknown.is_empty(), "the body is microsoft.graph.stage.lamp, not the lamp of lamp.md: {unknown:?}");
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/stage/lamps/{id}").expect("the update");
    assert!(format!("{:?}", op.body).contains("microsoft.graph.stage.lamp"), "{:?}", op.body);
}

/// `microsoft.graph.stage.admin`: a type of another namespace named like the root `/admin`,
/// whose own type (`microsoft.graph.admin`) has no page.
const STAGE_ADMIN: &str = "---\ntitle: \"admin resource type\"\ndoc_type: resourcePageType\n---\n\n# admin resource type\n\nNamespace: microsoft.graph.stage\n\nA made-up stage administration.\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| spots | [spot](stage-spot.md) collection | The spots. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.stage.admin\"\n}-->\n```json\n{\n}\n```\n";

fn admin_page(name: &str, path: &str) -> String {
    format!("---\ntitle: \"List {name}\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# List {name}\n\nNamespace: microsoft.graph\n\nList the {name}.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nGET {path}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [spot](../resources/stage-spot.md) objects in the response body.\n")
}

#[test]
fn a_root_guessed_as_another_namespaces_type_named_like_it_gives_notes() {
    let spots = admin_page("spots", "/admin/spots");
    let bulletins = admin_page("bulletins", "/admin/board/bulletins");
    let dir = tree(
        "guessed-namespaced-root",
        &[],
        &[
            ("resources/stage-spot.md", STAGE_SPOT),
            ("resources/stage-admin.md", STAGE_ADMIN),
            ("api/admin-list-spots.md", &spots),
            ("api/admin-list-bulletins.md", &bulletins),
        ],
    );
    let found = findings(&dir);
    let at: Vec<_> = found.iter().filter(|f| f.code == Code::UnresolvedPath && f.file.ends_with("admin-list-bulletins.md")).collect();
    assert_eq!(at.len(), 1, "{:?}", found.iter().map(|f| (f.code, &f.file, &f.message)).collect::<Vec<_>>());
    assert!(at[0].message.contains("the type guessed for root"), "{}", at[0].message);
    assert_eq!(at[0].severity, graphgen::diag::Severity::Note, "{}", at[0].message);
}

#[test]
fn a_pages_own_action_on_values_without_a_key_is_bound_by_that_page() {
    // `glow` has no key; `POST /lamps/{id}/glows/flash` is this page's action.
    let flash = "---\ntitle: \"lamp: flash\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# lamp: flash\n\nNamespace: microsoft.graph\n\nFlash the bulbs.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /lamps/{id}/bulbs/flash\nPOST /lamps/{id}/bulbs/$ref\n```\n\n## Response\n\nIf successful, this action returns a `204 No Content` response code.\n";
    let glow = "---\ntitle: \"glow resource type\"\ndoc_type: resourcePageType\n---\n\n# glow resource type\n\nNamespace: microsoft.graph\n\nA made-up glow, a value without a key.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| hue | String | Its hue. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.glow\"\n}-->\n```json\n{\n  \"hue\": \"String\"\n}\n```\n";
    let edits = [
        (
            "resources/lamp.md",
            "| bulbs | String collection | Serial numbers of the bulbs. |",
            "| bulbs | String collection | Serial numbers of the bulbs. |\n| glows | [glow](glow.md) collection | Its glows. |",
        ),
        (
            "resources/lamp.md",
            "  \"bulbs\": [\"String\"]",
            "  \"bulbs\": [\"String\"],\n  \"glows\": [{\"@odata.type\": \"microsoft.graph.glow\"}]",
        ),
    ];
    let flash = flash.replace("bulbs", "glows");
    let dir = tree("own-action-on-values", &edits, &[("resources/glow.md", glow), ("api/lamp-flash.md", &flash)]);
    let found = findings(&dir);
    let at: Vec<_> = found.iter().filter(|f| f.code == Code::UnresolvedPath).map(|f| f.message.as_str()).collect();
    assert!(at.iter().all(|m| !m.contains("/flash")), "{at:?}");
    assert!(at.iter().any(|m| m.contains("/$ref")), "a `$ref` is no action of the page: {found:?}");
}

/// A PATCH page of `/stands/{id}` (a root no page gets, so the URL model says nothing), its
/// body `type`, its example calling `call`.
fn stand_update(title: &str, ty: &str, call: &str) -> String {
    format!("---\ntitle: \"{title}\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\nChange it.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nPATCH /stands/{{id}}\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of the [{ty}](../resources/{ty}.md) object.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n### Request\n\n<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"{title}\"\n}}\n-->\n``` http\nPATCH https://graph.microsoft.com/v1.0{call}\nContent-Type: application/json\n\n{{\n  \"displayName\": \"x\"\n}}\n```\n")
}

#[test]
fn a_page_whose_examples_call_other_paths_does_not_describe_a_line_it_copied() {
    // The shorter-named page lists the stand's PATCH line, but its example updates a torch.
    let own = stand_update("Update stand", "lamp", "/stands/1");
    let copy = stand_update("Update torch", "light", "/torches/5");
    let dir = tree("copied-line", &[], &[("api/stand-update.md", &own), ("api/s-update.md", &copy)]);
    let api = api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "PATCH" && o.path.as_str() == "/stands/{id}").expect("PATCH");
    assert_eq!(op.source.file, "v1.0/api/stand-update.md", "{:?}", op.settled);
}

#[test]
fn a_relationship_row_that_lost_its_capitals_does_not_respell_the_pages() {
    let glow = "---\ntitle: \"glow resource type\"\ndoc_type: resourcePageType\n---\n\n# glow resource type\n\nNamespace: microsoft.graph\n\nA made-up glow.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Its key. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.glow\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String\"\n}\n```\n";
    let edits = [(
        "resources/lamp.md",
        "| bulbs | String collection | Serial numbers of the bulbs. |",
        "| bulbs | String collection | Serial numbers of the bulbs. |\n| glowrings | [glow](glow.md) collection | Its glow rings. |",
    )];
    let page = |verb: &str, method: &str| {
        format!("---\ntitle: \"{verb} glow rings\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# {verb} glow rings\n\nNamespace: microsoft.graph\n\n{verb} the rings.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\n{method} /lamps/{{id}}/glowRings\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [glow](../resources/glow.md) objects in the response body.\n")
    };
    let (list, post) = (page("List", "GET"), page("Add", "POST"));
    let dir = tree(
        "lost-capitals",
        &edits,
        &[("resources/glow.md", glow), ("api/lamp-list-glowrings.md", &list), ("api/lamp-post-glowrings.md", &post)],
    );
    let found = findings(&dir);
    assert!(!found.iter().any(|f| f.code == Code::PathCase), "{found:?}");
    let api = api(&dir);
    assert!(
        api.operations.iter().any(|o| o.path.as_str() == "/lamps/{id}/glowRings"),
        "{:?}",
        api.operations.iter().map(|o| o.path.as_str()).collect::<Vec<_>>()
    );
}

/// A put of the lamp's photo content whose example sends JSON (the photo's content happens to be
/// a JSON document).
const PHOTO_PUT: &str = "---\ntitle: \"Put lamp photo\"\ndoc_type: apiPageType\n---\n\n# Put lamp photo\n\nNamespace: microsoft.graph\n\nReplace the photo of a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPUT /lamps/{id}/photo/$value\n```\n\n## Request body\n\nIn the request body, supply the photo's content.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n### Request\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"put_lamp_photo\"\n}\n-->\n``` http\nPUT https://graph.microsoft.com/v1.0/lamps/7d3c1a52/photo/$value\nContent-Type: application/json\n\n{\n  \"width\": 3\n}\n```\n";

#[test]
fn a_stream_body_holds_any_content_even_json() {
    let dir = tree("stream-json-body", &[PHOTO_ROW], &[("api/lamp-put-photo.md", PHOTO_PUT)]);
    let api = api(&dir);
    let put = api.operations.iter().find(|o| o.method.as_str() == "PUT").expect("PUT");
    assert!(matches!(&put.body, Some(graphgen::ir::Body::Type(t)) if t.name == graphgen::ir::primitive::STREAM), "{:?}", put.body);
    let found = findings(&dir);
    assert!(!found.iter().any(|f| f.code == Code::ExampleMismatch && f.file.ends_with("lamp-put-photo.md")), "{found:?}");
}

#[test]
fn a_type_placeholder_naming_an_enum_stands_for_a_string() {
    // `{"@odata.type": "microsoft.graph.lampShade"}` is how representations write "a value of
    // that type"; for an enum it is a string, as the row says.
    let placeholder =
        |ty: &'static str| -> [(&'static str, &'static str, &'static str); 1] { [("resources/lamp.md", "\"shade\": \"String\",", ty)] };
    let dir = tree("enum-placeholder", &placeholder("\"shade\": {\"@odata.type\": \"microsoft.graph.lampShade\"},"), &[]);
    let found = findings(&dir);
    assert!(!has(&found, Code::JsonRepresentationType), "{found:?}");
    // A placeholder naming a type with properties is an object, which the enum is not.
    let dir = tree("object-placeholder", &placeholder("\"shade\": {\"@odata.type\": \"microsoft.graph.light\"},"), &[]);
    assert!(has(&findings(&dir), Code::JsonRepresentationType));
}

#[test]
fn a_response_annotated_with_a_type_no_page_defines_points_at_the_missing_page() {
    // The update's example is annotated `glowLamp`, which no page describes: a kind of lamp for
    // all the docs say. GG0501 reports the missing page; GG0504 only notes the difference.
    let found = findings(&update_annotated("unpaged-annotation", "glowLamp"));
    let mismatch: Vec<&Finding> = found.iter().filter(|f| f.code == Code::ResponseMismatch).collect();
    assert!(!mismatch.is_empty() && mismatch.iter().all(|f| f.severity == graphgen::diag::Severity::Note), "{found:?}");
    assert!(found.iter().any(|f| f.code == Code::UnresolvedType && f.message.contains("glowLamp")), "{found:?}");
}

#[test]
fn a_property_after_a_collection_of_values_is_said_to_be_unreachable_not_missing() {
    // `lumens` is a row of `light`; what fails is reaching one light of a keyless collection.
    let get = "---\ntitle: \"Get lumens\"\ndoc_type: apiPageType\n---\n\n# Get lumens\n\nNamespace: microsoft.graph\n\nRead the lumens.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps/{id}/glow/lumens\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and an Int32 in the response body.\n";
    let dir = tree(
        "property-after-values",
        &[
            (
                "resources/lamp.md",
                "| bulbs | String collection | Serial numbers of the bulbs. |",
                "| bulbs | String collection | Serial numbers of the bulbs. |\n| glow | [light](light.md) collection | Its lights. |",
            ),
            ("resources/light.md", ",\n  \"baseType\": \"microsoft.graph.entity\",\n  \"keyProperty\": \"id\"", ""),
            ("resources/light.md", "Inherits from [entity](entity.md).", ""),
        ],
        &[("api/lumens-get.md", get)],
    );
    let found = findings(&dir);
    let path: Vec<&Finding> = found.iter().filter(|f| f.code == Code::UnresolvedPath).collect();
    assert_eq!(path.len(), 1, "{found:?}");
    assert!(path[0].message.contains("`lumens` is a property of each `microsoft.graph.light`"), "{}", path[0].message);
    assert!(!path[0].message.contains("has no property"), "{}", path[0].message);
}

#[test]
fn an_annotation_without_is_collection_is_named_with_its_fix() {
    let example = "\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"list_lamps\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/lamps\n```\n\n<!-- {\n  \"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.lamp\"\n} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": [\n    { \"id\": \"1\", \"displayName\": \"desk\" }\n  ]\n}\n```\n";
    let page = format!("{LIST_LAMPS}{example}");
    let dir = tree("annotation-is-collection", &[], &[("api/lamp-list.md", &page)]);
    let found = findings(&dir);
    let d = found.iter().find(|f| f.code == Code::ResponseMismatch).unwrap_or_else(|| panic!("{found:?}"));
    assert!(d.message.contains("add `\"isCollection\": true` to the response annotation"), "{}", d.message);
    // The annotation's opening line.
    let at = page.find("<!-- {\n  \"blockType\": \"response\"").expect("annotation");
    let annotation = u32::try_from(page[..at].lines().count() + 1).expect("line");
    assert!(
        d.related.iter().any(|r| r.line == annotation && r.message.contains("isCollection")),
        "{:?} (annotation at {annotation})",
        d.related
    );
}

#[test]
fn a_key_no_row_lists_points_at_the_properties_table() {
    // The light keeps its key but no base: its `id` comes from the representation, further
    // down the page than the table the missing row belongs to.
    let get = "---\ntitle: \"Get light\"\ndoc_type: apiPageType\n---\n\n# Get light\n\nNamespace: microsoft.graph\n\nRead a light.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lights/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [light](../resources/light.md) object in the response body.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_light\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/lights/1\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.light\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"id\": \"1\", \"lumens\": 800, \"wattage\": 9 }\n```\n";
    let dir = tree(
        "row-missing-place",
        &[
            ("resources/light.md", ",\n  \"baseType\": \"microsoft.graph.entity\"", ""),
            ("resources/light.md", "Inherits from [entity](entity.md).", ""),
        ],
        &[("api/light-get.md", get)],
    );
    let found = findings(&dir);
    let d = found.iter().find(|f| f.code == Code::ExampleUnknownProperty).unwrap_or_else(|| panic!("{found:?}"));
    let text = std::fs::read_to_string(dir.join("v1.0/resources/light.md")).expect("light");
    let table = u32::try_from(text[..text.find("| lumens | Int32 |").expect("row")].lines().count() + 1).expect("line");
    assert!(d.related.iter().any(|r| r.file.ends_with("resources/light.md") && r.line == table), "{:?} (table row at {table})", d.related);
}

#[test]
fn a_name_in_both_the_properties_and_the_relationships_table_is_the_relationship() {
    let both = "| bulbs | String collection | Serial numbers of the bulbs. |\n| glow | [light](light.md) collection | Its lights. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| glow | [light](light.md) collection | Its lights, addressed by their own keys. |";
    let dir = tree("both-tables", &[("resources/lamp.md", "| bulbs | String collection | Serial numbers of the bulbs. |", both)], &[]);
    let found = findings(&dir);
    let d = found.iter().find(|f| f.code == Code::DuplicateProperty).unwrap_or_else(|| panic!("{found:?}"));
    assert!(d.message.contains("read as the relationship"), "{}", d.message);
    let api = api(&dir);
    let glow = api.types["microsoft.graph.lamp"].properties.iter().find(|p| p.name == "glow").expect("glow");
    assert!(glow.navigation, "{glow:?}");
}

#[test]
fn a_key_in_another_case_points_at_the_row_it_differs_from() {
    let get = "---\ntitle: \"Get light\"\ndoc_type: apiPageType\n---\n\n# Get light\n\nNamespace: microsoft.graph\n\nRead a light.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lights/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [light](../resources/light.md) object in the response body.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_light\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/lights/1\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.light\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"id\": \"1\", \"Lumens\": 800 }\n```\n";
    let dir = tree("key-case-row", &[], &[("api/light-get.md", get)]);
    let found = findings(&dir);
    let d = found.iter().find(|f| f.code == Code::ExampleUnknownProperty).unwrap_or_else(|| panic!("{found:?}"));
    let text = std::fs::read_to_string(dir.join("v1.0/resources/light.md")).expect("light");
    let row = u32::try_from(text[..text.find("| lumens | Int32 |").expect("row")].lines().count() + 1).expect("line");
    assert!(d.related.iter().any(|r| r.line == row && r.message == "the row of `lumens`"), "{:?} (row at {row})", d.related);
}
