//! The fixture docs tree in `fixtures/quirks`: each page shows docs quirks the front end must
//! accept (tabs and missing pipes in tables, `<br>`, reference links, trailing commas in
//! annotations, tab-group markers, `{a | b}` parameters, function segments, `?query`).

mod common;

use graphgen::diag::{Code, Diagnostic};
use graphgen::ir::{Api, Body, ExampleBody, TypeRef};
use std::path::Path;

fn load() -> (Api, Vec<Diagnostic>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks");
    let (ir, diags) = graphgen::build_ir(&dir).expect("fixture docs load");
    let api = ir.apis.get("v1.0").cloned().expect("v1.0 version found");
    (api, diags)
}

fn prop_type(api: &Api, ty: &str, prop: &str) -> String {
    let t = api.types.get(ty).unwrap_or_else(|| panic!("type {ty} missing"));
    let p = t.properties.iter().find(|p| p.name == prop).unwrap_or_else(|| panic!("{ty}.{prop} missing"));
    p.r#type.to_string()
}

#[test]
fn resource_tables_and_type_cells() {
    let (api, _) = load();
    let w = &api.types["microsoft.graph.widget"];
    assert_eq!(w.base.as_deref(), Some("microsoft.graph.gadget"));
    assert!(w.open, "\"openType\": \"true\" is a string boolean");
    // Linked into a section of its own page (`widget.md#colorkind-values`): the enum, not the page.
    assert_eq!(prop_type(&api, "microsoft.graph.widget", "color"), "microsoft.graph.colorKind");
    assert_eq!(prop_type(&api, "microsoft.graph.widget", "sizes"), "Collection(Edm.Int32)");
    assert_eq!(prop_type(&api, "microsoft.graph.widget", "owner"), "microsoft.graph.identitySet");
    assert_eq!(prop_type(&api, "microsoft.graph.widget", "labels"), "Collection(Edm.String)");
    assert_eq!(prop_type(&api, "microsoft.graph.widget", "shape"), "microsoft.graph.shapeKind");
    assert_eq!(prop_type(&api, "microsoft.graph.widget", "escaped"), "Edm.DateTimeOffset");
    let owner = w.properties.iter().find(|p| p.name == "owner").expect("owner");
    assert!(owner.read_only, "Read-only after a <br> still counts");
    let parts = w.properties.iter().find(|p| p.name == "parts").expect("parts");
    assert!(parts.navigation);
    assert!(api.types["microsoft.graph.gadget"].r#abstract);
}

#[test]
fn enums_from_sections_and_descriptions() {
    let (api, _) = load();
    let color = &api.enums["microsoft.graph.colorKind"];
    let members: Vec<_> = color.members.iter().map(|m| (m.name.as_str(), m.value)).collect();
    assert_eq!(members, [("red", Some(0)), ("green", Some(1)), ("unknownFutureValue", Some(2))]);
    let shape = &api.enums["microsoft.graph.shapeKind"];
    let names: Vec<_> = shape.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["round", "square", "other"]);
}

#[test]
fn diagnostics_point_at_file_and_line() {
    let (_, diags) = load();
    let unresolved: Vec<_> = diags.iter().filter(|d| d.code == Code::UnresolvedType).collect();
    assert_eq!(unresolved.len(), 1, "{unresolved:?}");
    assert_eq!(unresolved[0].file, "v1.0/resources/widget.md");
    assert_eq!(unresolved[0].line, 27, "the `parts` row");
    assert!(diags.iter().any(|d| d.code == Code::AnnotationRepaired && d.line == 48));
    // At the line where a strict reader stops (the `]` after `2,`), saying why.
    let repaired: Vec<_> = diags.iter().filter(|d| d.code == Code::ExampleRepaired && d.file.ends_with("widget-get.md")).collect();
    assert!(repaired.iter().any(|d| d.line == 65 && d.message.contains("trailing comma")), "{repaired:?}");
}

#[test]
fn operations_aliases_functions_and_queries() {
    let (api, _) = load();
    let paths: Vec<_> = api.operations.iter().map(|o| format!("{} {}", o.method, o.path)).collect();
    assert_eq!(
        paths,
        ["GET /widgets/{id | name}", "POST /widgets/{id}/addPart", "GET /widgets/{widget-id}/microsoft.graph.getPart(kind='{kind}')",]
    );
    let get = &api.operations[0];
    assert_eq!(get.parameters[0].name, "id | name");
    assert_eq!(get.response.status, 200);
    assert_eq!(get.response.r#type, Some(TypeRef::single("microsoft.graph.widget")));
    assert_eq!(get.examples.len(), 1, "the example belongs to the alias it calls");
    let resp = get.examples[0].response.as_ref().expect("response paired with request");
    assert!(matches!(resp.body, Some(ExampleBody::Json(_))), "trailing commas repaired");

    let func = &api.operations[2];
    assert_eq!(func.query.as_deref(), Some("$select=id"));
    assert_eq!(func.parameters[1].function_arg.as_deref(), Some("kind"));
    assert_eq!(func.parameters[1].after, "microsoft.graph.getPart");

    let action = &api.operations[1];
    assert_eq!(action.response.status, 204);
    match &action.body {
        Some(Body::Parameters(ps)) => {
            let names: Vec<_> = ps.iter().map(|p| (p.name.as_str(), p.r#type.to_string())).collect();
            assert_eq!(names, [("name", "Edm.String".to_string()), ("count", "Edm.Int32".to_string())]);
        }
        other => panic!("expected a parameter body, got {other:?}"),
    }
}

#[test]
fn fixture_crate_emits() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks");
    let (files, _) = graphgen::generate(&dir, None, &Default::default()).expect("generates");
    let widget = &files["src/models/widget.rs"];
    assert!(widget.contains("pub struct Widget"));
    assert!(widget.contains("pub id: crate::runtime::Nullable<String>"), "inherited property copied in");
    let api = &files["src/api/widgets.rs"];
    assert!(files["src/api/bodies.rs"].contains("pub struct AddPartBody"), "an action's parameters, in the module of bodies");
    assert!(api.contains("pub use super::bodies::AddPartBody;"), "re-exported where its paths start");
    assert!(api.contains("crate::runtime::function_arg(kind)"), "a quoted function argument");
    assert!(api.contains("pub fn add_part("), "an action is a method named after itself");
    assert!(files["src/lib.rs"].contains("pub fn widgets() -> api::widgets::Widgets"), "an entry function");
}

/// One body type per action: an action documented under two paths takes one struct, in the
/// module of bodies, re-exported by each path's module.
#[test]
fn an_action_under_two_paths_has_one_body_struct() {
    let docs = common::scratch("one-body");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks"), &docs);
    let page = docs.join("v1.0/api/widget-addpart.md");
    let text = std::fs::read_to_string(&page).expect("page");
    std::fs::write(&page, text.replace("POST /widgets/{id}/addPart\n", "POST /widgets/{id}/addPart\nPOST /me/widgets/{id}/addPart\n"))
        .expect("write");
    let (files, _) = graphgen::generate(&docs, None, &Default::default()).expect("generates");
    let _ = std::fs::remove_dir_all(&docs);
    let bodies = &files["src/api/bodies.rs"];
    assert_eq!(bodies.matches("pub struct AddPartBody").count(), 1, "{bodies}");
    assert_eq!(bodies.matches("pub struct ").count(), 1, "one struct for both paths: {bodies}");
    for module in ["src/api/widgets.rs", "src/api/me.rs"] {
        let m = &files[module];
        assert!(m.contains("pub use super::bodies::AddPartBody;"), "{module} re-exports it");
        assert!(m.contains("body: &super::bodies::AddPartBody"), "{module} takes it");
    }
}

#[test]
fn thread_count_does_not_change_the_ir() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks");
    let one = graphgen::build_ir_with(&dir, 1).expect("one thread");
    let four = graphgen::build_ir_with(&dir, 4).expect("four threads");
    assert_eq!(one.0, four.0);
    assert_eq!(one.1, four.1);
}

#[test]
fn query_options_and_function_parameter_types() {
    let (api, _) = load();
    let func = api.operations.iter().find(|o| o.path.as_str().contains("getPart")).expect("function op");
    assert_eq!(func.query_options, ["$select"]);
    let kind = &func.parameters[1];
    assert_eq!(kind.r#type.as_ref().map(ToString::to_string).as_deref(), Some("Edm.String"));
}

#[test]
fn base_type_from_prose_alone() {
    let (api, _) = load();
    let t = api.types.get("microsoft.graph.sprocket").expect("sprocket from its title");
    assert_eq!(t.base.as_deref(), Some("microsoft.graph.gadget"));
    // The sentences before "Inherits from" are the description; a list's lead-in is not.
    assert_eq!(t.description, "A sprocket, whose base is named only in prose, in the description's paragraph.");
}

/// An action page whose request body section says `body`, with the tables after it.
fn action_page(body: &str) -> String {
    format!(
        "---\ntitle: \"lamp: paint\"\ndoc_type: apiPageType\n---\n\n# lamp: paint\n\nNamespace: microsoft.graph\n\nPaint a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n```http\nPOST /lamps/{{id}}/paint\n```\n\n## Request body\n\n{body}\n\n## Response\n\nIf successful, this action returns a `204 No Content` response code.\n"
    )
}

fn body_of(page: String) -> Option<Body> {
    let lamp = "---\ntitle: \"lamp resource type\"\ndoc_type: resourcePageType\n---\n\n# lamp resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n| shade | String | The shade. |\n";
    let coat = "---\ntitle: \"coat resource type\"\ndoc_type: resourcePageType\n---\n\n# coat resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| color | String | The color. |\n";
    let pages = [
        ("v1.0/resources/lamp.md".to_string(), lamp.to_string()),
        ("v1.0/resources/coat.md".to_string(), coat.to_string()),
        ("v1.0/api/lamp-paint.md".to_string(), page),
    ];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    api.operations.iter().find(|o| o.path.as_str().ends_with("/paint")).and_then(|o| o.body.clone())
}

#[test]
fn a_body_section_that_is_only_a_link_names_the_body_type() {
    let body = body_of(action_page("A [coat](../resources/coat.md)."));
    assert_eq!(body, Some(Body::Type(TypeRef::single("microsoft.graph.coat"))));
}

#[test]
fn an_object_with_the_following_properties_is_one_parameter_of_that_type() {
    let table = "In the request body, provide an optional `coat` object with the following properties.\n\n| Property | Type | Description |\n|:--|:--|:--|\n| color | String | The color. |";
    let Some(Body::Parameters(ps)) = body_of(action_page(table)) else { panic!("parameters") };
    let named: Vec<(&str, String)> = ps.iter().map(|p| (p.name.as_str(), p.r#type.to_string())).collect();
    assert_eq!(named, [("coat", "microsoft.graph.coat".to_string())], "the table describes the coat, not the body");
    // Without the phrase, the table's rows are the parameters.
    let plain = "In the request body, provide a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| color | String | The color. |";
    let Some(Body::Parameters(ps)) = body_of(action_page(plain)) else { panic!("parameters") };
    assert_eq!(ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["color"]);
}

#[test]
fn an_entity_reached_by_a_relationship_gets_the_key_no_row_lists() {
    // A resource page: its tables (markdown) and an entity annotation.
    let page = |name: &str, tables: &str| {
        format!(
            "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{tables}\n\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n```json\n{{}}\n```\n"
        )
    };
    let head = "| Property | Type | Description |\n|:--|:--|:--|";
    let shelf = page(
        "shelf",
        &format!("## Properties\n\n{head}\n| id | String | The id. |\n\n## Relationships\n\n{head}\n| books | [book](book.md) collection | The books. |"),
    );
    let book = page("book", &format!("## Properties\n\n{head}\n| title | String | The title. |"));
    let cover = page("cover", &format!("## Properties\n\n{head}\n| color | String | The color. |"));
    let pages = [("v1.0/resources/shelf.md", shelf), ("v1.0/resources/book.md", book), ("v1.0/resources/cover.md", cover)];
    let pages: Vec<(String, String)> = pages.into_iter().map(|(f, t)| (f.to_string(), t)).collect();
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let names = |t: &str| api.types[t].properties.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names("microsoft.graph.book"), ["id", "title"], "a relationship leads to book: the key is added first");
    assert_eq!(names("microsoft.graph.cover"), ["color"], "nothing leads to cover: no key is made up");
    assert_eq!(names("microsoft.graph.shelf"), ["id", "books"], "a listed key is not repeated");
}

/// A resource page with a Properties table (`rows`, markdown) and an entity annotation.
fn resource_page(name: &str, rows: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n{rows}\n\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n```json\n{{}}\n```\n"
    )
}

/// A GET page for `path` whose response section says `answer`, with an example answering `json`.
fn get_page(path: &str, answer: &str, json: &str) -> String {
    format!(
        "---\ntitle: \"Get it\"\ndoc_type: apiPageType\n---\n\n# Get it\n\nNamespace: microsoft.graph\n\nRead what a [lamp](../resources/lamp.md) holds.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and {answer} in the response body.\n\n## Example\n\n### Request\n<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"get_it\"\n}} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n### Response\n<!-- {{\n  \"blockType\": \"response\"\n}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{json}\n```\n"
    )
}

#[test]
fn a_type_whose_name_holds_collection_is_one_value() {
    let lamp = resource_page(
        "lamp",
        "| shadeCollection | [shadeCollection](shadecollection.md) | The lamp's shades, held in one object. |\n\
         | bulbs | [bulb](bulb.md) collection | The bulbs. |\n\
         | pastShades | [shadeCollection](shadecollection.md) collection | Shade sets it had. |\n\
         | status | [lampCollectionStatus](lampcollectionstatus.md) | Where its collection stands. |\n\
         | spares | [Spare bulb collection](sparebulbcollection.md) | Spares, in one object the link names in words. |",
    );
    let shade = resource_page("shadeCollection", "| count | Int32 | How many. |");
    let bulb = resource_page("bulb", "| watts | Int32 | Power. |");
    let status = resource_page("lampCollectionStatus", "| state | String | The state. |");
    let pages = [
        ("v1.0/resources/lamp.md", lamp),
        ("v1.0/resources/shadecollection.md", shade),
        ("v1.0/resources/bulb.md", bulb),
        ("v1.0/resources/lampcollectionstatus.md", status),
        (
            "v1.0/api/lamp-get-shadecollection.md",
            get_page(
                "/lamps/{id}/shadeCollection",
                "a [shadeCollection](../resources/shadecollection.md) object",
                "{\n  \"id\": \"s1\",\n  \"count\": 3\n}",
            ),
        ),
        (
            "v1.0/api/lamp-list-bulbs.md",
            get_page(
                "/lamps/{id}/bulbs",
                "a collection of [bulb](../resources/bulb.md) objects",
                "{\n  \"value\": [\n    {\n      \"id\": \"b1\",\n      \"watts\": 40\n    }\n  ]\n}",
            ),
        ),
    ];
    let pages: Vec<(String, String)> = pages.into_iter().map(|(f, t)| (f.to_string(), t)).collect();
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let lamp = "microsoft.graph.lamp";
    assert_eq!(prop_type(&api, lamp, "shadeCollection"), "microsoft.graph.shadeCollection");
    assert_eq!(prop_type(&api, lamp, "status"), "microsoft.graph.lampCollectionStatus");
    assert_eq!(prop_type(&api, lamp, "bulbs"), "Collection(microsoft.graph.bulb)");
    assert_eq!(prop_type(&api, lamp, "pastShades"), "Collection(microsoft.graph.shadeCollection)", "the cell says so");
    let spares = api.types[lamp].properties.iter().find(|p| p.name == "spares").expect("spares");
    assert!(!spares.r#type.to_string().starts_with("Collection("), "link text naming a type: {}", spares.r#type);
    let op = |end: &str| api.operations.iter().find(|o| o.path.as_str().ends_with(end)).expect("operation");
    let shades = op("/shadeCollection");
    assert_eq!(shades.response.r#type, Some(TypeRef::single("microsoft.graph.shadeCollection")));
    assert!(shades.examples.iter().all(|e| e.problems.is_empty()), "an object answers one value: {:?}", shades.examples);
    assert_eq!(op("/bulbs").response.r#type.as_ref().map(ToString::to_string).as_deref(), Some("Collection(microsoft.graph.bulb)"));
}

/// The OData options of a GET of `/lamps` whose query-parameters section says `prose`.
fn lamp_list_options(prose: &str) -> (Vec<String>, Option<String>) {
    let page = format!(
        "---\ntitle: \"List lamps\"\ndoc_type: apiPageType\n---\n\n# List lamps\n\nNamespace: microsoft.graph\n\nList the [lamp](../resources/lamp.md) objects.\n\n## HTTP request\n\n```http\nGET /lamps\n```\n\n## Optional query parameters\n\n{prose}\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [lamp](../resources/lamp.md) objects in the response body.\n"
    );
    let pages = [
        ("v1.0/resources/lamp.md".to_string(), resource_page("lamp", "| shade | String | The shade. |")),
        ("v1.0/api/lamp-list.md".to_string(), page),
    ];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps").expect("GET /lamps");
    (op.query_options.clone(), op.settled.query_options.clone())
}

#[test]
fn a_list_that_claims_odata_support_takes_the_standard_options_and_those_it_names() {
    let standard = ["$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$top"];
    // Named as examples ("including", "such as"), or none named: the standard set.
    for prose in [
        "This method supports the [OData query parameters](/q) to help customize the response, including `$search` and `$count`.",
        "This method supports OData query parameters such as `$filter`.",
        "This method supports the [OData query parameters](/q) to help customize the response.\n\n### Filtering and sorting\n\nA `$filter` on **shade** must come before an `$orderby` on it.",
        "This method supports some of the OData query parameters to help customize the response.",
    ] {
        let (options, why) = lamp_list_options(prose);
        assert_eq!(options, standard, "{prose}");
        assert!(why.is_some_and(|w| w.contains("standard ones")), "the reason is recorded: {prose}");
    }
    // A list in the sentence names some; the others come too, in the standard spelling, and
    // a name outside the standard set stays.
    let (options, why) =
        lamp_list_options("This method supports the `$expand`, `$orderBy`, `$top` and `$skipToken` OData query parameters.");
    assert_eq!(options, ["$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$skipToken", "$top"]);
    assert!(why.is_some_and(|w| w.contains("`$filter`")), "the reason names what was added");
    // What the page says is not supported stays out.
    let (options, _) = lamp_list_options(
        "This method supports the OData query parameters to help customize the response.\n\n> **Note:** `$search` is not supported.",
    );
    assert_eq!(options, ["$count", "$expand", "$filter", "$orderby", "$select", "$skip", "$top"]);
    let (options, _) = lamp_list_options(
        "This method supports some of the OData query parameters.\n\nSome operators are not supported: `$count`, `$skip`.",
    );
    assert_eq!(options, ["$expand", "$filter", "$orderby", "$search", "$select", "$top"]);
    // ...unless only in some case: the option stays.
    let (options, _) =
        lamp_list_options("This method supports the OData query parameters. The **shade** property does not support `$orderby`.");
    assert_eq!(options, standard);
    // "Only", or the others said unsupported: the named ones are all.
    let (options, why) = lamp_list_options("This method only supports the `$top` and `$select` OData query parameters.");
    assert_eq!((options, why), (vec!["$select".to_string(), "$top".to_string()], None));
    let (options, _) = lamp_list_options(
        "This method supports the `$filter` OData query parameter. The other OData query parameters are not currently supported.",
    );
    assert_eq!(options, ["$filter"]);
    // A change-tracking round (its table names `$deltatoken`): what it names is all.
    let (options, why) = lamp_list_options(
        "| Query parameter | Type | Description |\n|:--|:--|:--|\n| $deltatoken | string | A state token. |\n\nThis method supports optional OData query parameters to help customize the response.\n\n- You can use a `$select` query parameter.",
    );
    assert_eq!((options, why), (vec!["$select".to_string()], None));
    // A table of the options with no type column (the audit log pages): its first column
    // names them, escaped and linked as those pages write them.
    let (options, _) = lamp_list_options(
        "This method supports the following OData query parameters.\n\n| Parameter | Description | Example |\n|:--|:--|:--|\n| [\\$filter](/q#filter) | Filters results. | `/lamps?$filter=shade eq 'red'` |\n| [\\$skiptoken](/q#skiptoken) | The next page. | `/lamps?$skiptoken=x` |",
    );
    assert_eq!(options, ["$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$skiptoken", "$top"]);
    // No claim of OData support: what it names, or nothing.
    assert_eq!(lamp_list_options("Use `$top` to page through lamps.").0, ["$top"]);
    assert!(lamp_list_options("This method does not currently support [OData query parameters](/q).").0.is_empty());
}

#[test]
fn a_type_cell_in_words_is_read_and_reported() {
    let lamp = resource_page("lamp", "| labels | Collection of String | Printed labels. |\n| note | (Optional) String | A note. |");
    let pages = vec![("v1.0/resources/lamp.md".to_string(), lamp)];
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    assert_eq!(prop_type(&api, "microsoft.graph.lamp", "labels"), "Collection(Edm.String)");
    assert_eq!(prop_type(&api, "microsoft.graph.lamp", "note"), "Edm.String");
    let found: Vec<&str> = diags.iter().filter(|d| d.code == Code::TypeCell).map(|d| d.message.as_str()).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with("read as `String collection`"), "{found:?}");
}

#[test]
fn rows_about_values_of_one_header_each_say_theirs() {
    let (api, _) = load();
    let get = api.operations.iter().find(|o| format!("{} {}", o.method, o.path).starts_with("GET /widgets/{")).expect("GET /widgets/{id}");
    let headers: Vec<(&str, &str)> = get.headers.iter().map(|h| (h.name.as_str(), h.description.as_str())).collect();
    assert_eq!(
        headers,
        [
            ("Prefer", "`outlook.timezone`: Times in this zone. Optional."),
            ("Prefer", "`outlook.body-content-type`: Text or HTML. Optional."),
            ("ConsistencyLevel", "eventual. Optional.")
        ]
    );
    // OpenAPI has one parameter per header: the rows come back from it as they were.
    let doc = graphgen::openapi::export::export(&api);
    let mut diags = graphgen::diag::Diags::default();
    let back = graphgen::openapi::import::import(&doc, "quirks.json", &mut diags);
    let again =
        back.operations.iter().find(|o| format!("{} {}", o.method, o.path) == format!("{} {}", get.method, get.path)).expect("read back");
    assert_eq!(again.headers, get.headers);
}

#[test]
fn a_body_row_the_example_sends_only_as_a_bind_is_the_bind() {
    // The table says `bulb` is a string id; the example binds it by reference, as OData does.
    let page = "---\ntitle: \"Fit a bulb\"\ndoc_type: apiPageType\n---\n\n# Fit a bulb\n\nNamespace: microsoft.graph\n\nFit a bulb to a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n```http\nPOST /lamps/{id}/fitBulb\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| bulb | String | The id of the bulb to fit. |\n| note | String | A note. |\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Example\n\n### Request\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"fit_bulb\"\n} -->\n```http\nPOST https://graph.microsoft.com/v1.0/lamps/1/fitBulb\nContent-type: application/json\n\n{\n  \"bulb@odata.bind\": \"https://graph.microsoft.com/v1.0/bulbs/7\",\n  \"note\": \"warm\"\n}\n```\n\n### Response\n<!-- {\n  \"blockType\": \"response\"\n} -->\n```http\nHTTP/1.1 204 No Content\n```\n";
    let pages = [
        ("v1.0/resources/lamp.md".to_string(), resource_page("lamp", "| shade | String | The shade. |")),
        ("v1.0/api/lamp-fitbulb.md".to_string(), page.to_string()),
    ];
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps/{id}/fitBulb").expect("the action");
    let Some(Body::Parameters(params)) = &op.body else { panic!("parameters: {:?}", op.body) };
    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["bulb@odata.bind", "note"], "the row sent as itself stays");
    assert_eq!(params[0].r#type.to_string(), "Edm.String");
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == Code::BodyBind).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].file.ends_with("lamp-fitbulb.md") && found[0].message.contains("`bulb`"), "{found:?}");
}

/// A list page whose request line writes `name={placeholder}` and whose query parameters table
/// lists `name`, for the method's every page.
fn window_page(line: &str, table: &str, example: &str) -> String {
    format!(
        "---\ntitle: \"List widgets in a window\"\ndoc_type: apiPageType\n---\n\n# List widgets in a window\n\nNamespace: microsoft.graph\n\nThe [widgets](../resources/widget.md) of a time window.\n\n## HTTP request\n\n```http\nGET {line}\n```\n\n## Query parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n{table}\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects in the response body.\n\n## Example\n\n### Request\n<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"window_{}\"\n}} -->\n```http\nGET https://graph.microsoft.com/v1.0{example}\n```\n\n### Response\n<!-- {{\n  \"blockType\": \"response\"\n}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": []}}\n```\n",
        line.len()
    )
}

/// Query parameters every page of a method requires in its request line are the method's last
/// arguments; one page without them leaves them to `.query(..)`.
#[test]
fn query_parameters_the_request_lines_require_are_arguments() {
    let docs = common::scratch("query-args");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks"), &docs);
    let rows = "| startDateTime | String | Where the window opens. |\n| endDateTime | String | Where it closes. |";
    let pages = [
        ("widgets-window.md", "/widgets?startDateTime={start}&endDateTime={end}", rows, "/widgets?$top=2&enddatetime=b&startDateTime=a"),
        // The same method on a second page that writes no query: no argument.
        ("gadget-window.md", "/gadgets?startDateTime={start}", "| startDateTime | String | Opens. |", "/gadgets?startDateTime=a"),
        ("gadget-list.md", "/gadgets", "| $top | Int32 | How many. |", "/gadgets"),
    ];
    for (file, line, table, example) in pages {
        std::fs::write(docs.join("v1.0/api").join(file), window_page(line, table, example)).expect("write");
    }
    let (files, _) = graphgen::generate(&docs, None, &Default::default()).expect("generates");
    let _ = std::fs::remove_dir_all(&docs);
    let widgets = &files["src/api/widgets.rs"];
    assert!(widgets.contains("start_date_time: &str") && widgets.contains("end_date_time: &str"), "{widgets}");
    // The list, and its `count()`, which counts what the list answers.
    assert_eq!(widgets.matches(".query(\"startDateTime\", start_date_time)").count(), 2, "{widgets}");
    assert!(widgets.contains("`startDateTime` (Edm.String, an argument)"), "its docs say so");
    let gadgets = &files["src/api/gadgets.rs"];
    assert!(!gadgets.contains("start_date_time"), "{gadgets}");
    // The example's values go to the arguments; the wire has them first, under the row's name.
    let wire = &files["tests/loopback.rs"];
    assert!(wire.contains("&testing::decode(\"a\"),") && wire.contains("\"/widgets?$top=2\""), "{wire}");
    assert!(wire.contains("\"/widgets?startDateTime=a&endDateTime=b&$top=2\""), "{wire}");
}

#[test]
fn a_type_listed_where_other_requests_key_its_members_gets_the_key() {
    // No annotation key and no GET by key: only the list and an action on one member.
    let ticket = "---\ntitle: \"ticket resource type\"\ndoc_type: resourcePageType\n---\n\n# ticket resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| seat | String | The seat. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.ticket\"\n}-->\n```json\n{}\n```\n";
    let list = get_page("/desks/tickets", "a collection of [ticket](../resources/ticket.md) objects", "{\"value\": []}");
    let approve = "---\ntitle: \"ticket: approve\"\ndoc_type: apiPageType\n---\n\n# ticket: approve\n\nNamespace: microsoft.graph\n\nApprove a [ticket](../resources/ticket.md).\n\n## HTTP request\n\n```http\nPOST /desks/tickets/{ticketId}/approve\n```\n\n## Response\n\nIf successful, this action returns a `204 No Content` response code.\n";
    let stub = "---\ntitle: \"stub resource type\"\ndoc_type: resourcePageType\n---\n\n# stub resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| note | String | A note. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.stub\"\n}-->\n```json\n{}\n```\n";
    let mut pages = vec![
        ("v1.0/resources/ticket.md".to_string(), ticket.to_string()),
        ("v1.0/api/ticket-list.md".to_string(), list),
        ("v1.0/resources/stub.md".to_string(), stub.to_string()),
    ];
    let names = |pages: &[(String, String)], t: &str| {
        let (api, _) = graphgen::ir_of_texts("v1.0", pages);
        api.types[t].properties.iter().map(|p| p.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&pages, "microsoft.graph.ticket"), ["seat"], "listed, but nothing keys a member: no key is made up");
    pages.push(("v1.0/api/ticket-approve.md".to_string(), approve.to_string()));
    assert_eq!(names(&pages, "microsoft.graph.ticket"), ["id", "seat"], "a request keys a member of the list: the key is added");
    assert_eq!(names(&pages, "microsoft.graph.stub"), ["note"], "nothing lists or keys stub");
}

#[test]
fn a_list_shown_as_one_object_is_a_collection_when_other_pages_key_its_members() {
    let lamp = resource_page("lamp", "| watts | Int32 | The power. |");
    // The sentence says a set; the annotation (no `isCollection`) and the shortened example one.
    let list = get_page("/lamps", "the requested [lamp](../resources/lamp.md) objects", "{\"id\": \"1\", \"watts\": 40}")
        .replace("\"blockType\": \"response\"", "\"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.lamp\"")
        .replace("## Response", "## Optional query parameters\n\nThis method supports the OData query parameters.\n\n## Response");
    let one = get_page("/lamps/{lampId}", "a [lamp](../resources/lamp.md) object", "{\"id\": \"1\", \"watts\": 40}");
    let mut pages = vec![("v1.0/resources/lamp.md".to_string(), lamp), ("v1.0/api/lamp-list.md".to_string(), list)];
    let answer = |pages: &[(String, String)]| {
        let (api, _) = graphgen::ir_of_texts("v1.0", pages);
        let op = api.operations.iter().find(|o| o.path.as_str() == "/lamps").expect("GET /lamps");
        (op.response.r#type.as_ref().map(|t| t.to_string()), op.query_options.contains(&"$top".to_string()))
    };
    assert_eq!(answer(&pages), (Some("microsoft.graph.lamp".into()), false), "alone, the annotation and example outweigh the sentence");
    pages.push(("v1.0/api/lamp-get.md".to_string(), one));
    assert_eq!(
        answer(&pages),
        (Some("Collection(microsoft.graph.lamp)".into()), true),
        "a GET keys its members: a set, with a set's options"
    );
}
