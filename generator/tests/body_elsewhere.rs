//! The fixture docs tree in `fixtures/body_elsewhere`: actions whose body parameters are in a
//! table under `## Parameters` rather than under the request body heading; a table of the
//! fields each element of a sent array has; a type named over a table of parameters it lacks.

use graphgen::diag::{Code, Diagnostic};
use graphgen::ir::{Api, Body, HttpMethod, Operation};
use std::path::Path;

fn load() -> (Api, Vec<Diagnostic>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/body_elsewhere");
    let (ir, diags) = graphgen::build_ir(&dir).expect("fixture docs load");
    let api = ir.apis.get("v1.0").cloned().expect("v1.0 version found");
    (api, diags)
}

fn op<'a>(api: &'a Api, method: HttpMethod, path: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.method == method && o.path.as_str() == path).unwrap_or_else(|| panic!("{method} {path} missing"))
}

fn parameters(o: &Operation) -> Vec<(String, String)> {
    match &o.body {
        Some(Body::Parameters(ps)) => ps.iter().map(|p| (p.name.clone(), p.r#type.to_string())).collect(),
        other => panic!("{} {}: parameters expected, got {other:?}", o.method, o.path),
    }
}

#[test]
fn an_optional_body_documented_under_parameters_is_every_alias_body() {
    let (api, diags) = load();
    for path in ["/kettles/{kettleId}/startBrew", "/me/kitchen/kettles/{kettleId}/startBrew"] {
        let o = op(&api, HttpMethod::Post, path);
        assert_eq!(
            parameters(o),
            [("settings".to_string(), "microsoft.graph.brewSettings".to_string()), ("keepWarm".to_string(), "Edm.Boolean".to_string())],
            "{path}"
        );
        let why = o.settled.body.as_deref().unwrap_or_default();
        assert!(why.contains("no body is required") && why.contains("optional") && why.contains("line 36"), "{path}: {why}");
    }
    // "not required" with a table beside it is an optional body, not a contradiction.
    assert!(!diags.iter().any(|d| d.code == Code::BodyContradiction && d.file.ends_with("kettle-startbrew.md")), "{diags:?}");
}

#[test]
fn a_page_saying_no_body_but_sending_its_parameters_is_reported() {
    let (api, diags) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/descale");
    assert_eq!(parameters(o), [("strength".to_string(), "Edm.Int32".to_string())]);
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == Code::BodyContradiction).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].file.as_str(), found[0].line), ("v1.0/api/kettle-descale.md", 20), "the sentence saying no body");
    assert!(found[0].related.iter().any(|r| r.line == 24), "points at the table too: {:?}", found[0].related);
}

#[test]
fn a_functions_parameters_table_is_no_body() {
    let (api, _) = load();
    let o = op(&api, HttpMethod::Get, "/kettles/{kettleId}/history(days={days})");
    assert_eq!(o.body, None);
}

#[test]
fn a_table_the_examples_do_not_send_is_not_taken() {
    let (api, _) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/refill");
    // The example sends `volume`, which the table does not list: the example is read, not the table.
    assert_eq!(parameters(o), [("volume".to_string(), "Edm.Int64".to_string())]);
    assert_eq!(o.settled.body.as_deref(), Some("the page describes no request body: read from its example request"));
}

#[test]
fn a_body_sentence_below_the_request_line_is_the_body_when_no_section_is() {
    // No request body heading: the sentence right below the request line says what is sent,
    // a whole `brewSettings`, not loose parameters read off the example.
    let (api, _) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/preset");
    assert_eq!(o.body, Some(Body::Type(graphgen::ir::TypeRef::parse("microsoft.graph.brewSettings"))));
}

#[test]
fn a_table_of_the_fields_each_sent_element_has_is_one_collection_parameter() {
    // The table lists `id`; the example sends `{"value": [{"id": ..}, ..]}` to an action bound
    // to the kettles: the body is `value`, a collection of kettles, and the table is reported.
    let (api, diags) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/switchOn");
    assert_eq!(parameters(o), [("value".to_string(), "Collection(microsoft.graph.kettle)".to_string())]);
    assert!(o.settled.body.as_deref().is_some_and(|s| s.contains("each element")), "{:?}", o.settled);
    let found: Vec<_> = diags.iter().filter(|d| d.code == Code::BodyElements).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].file.ends_with("kettle-switchon.md"), "{found:?}");
    assert!(o.examples.iter().all(|e| e.problems.is_empty()), "{:?}", o.examples);
}

#[test]
fn a_type_named_over_a_table_of_parameters_it_lacks_is_the_table() {
    // "supply a JSON representation of the [kettle]" over `| users | String collection |`,
    // which a kettle lacks and the example sends: the body is the table's `users`.
    let (api, diags) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/assign");
    assert_eq!(parameters(o), [("users".to_string(), "Collection(Edm.String)".to_string())]);
    let found: Vec<_> = diags.iter().filter(|d| d.code == Code::BodyTableOverType && d.file.ends_with("kettle-assign.md")).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(o.examples.iter().all(|e| e.problems.is_empty()), "{:?}", o.examples);
}

#[test]
fn a_parameter_sent_in_another_letter_case_is_named_so() {
    // The table's `Label`, which the page's only example sends as `label`: sent as `label`
    // (see `parameter_case.rs`), the row reported, the example no finding.
    let (api, diags) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/rename");
    assert_eq!(parameters(o).first().map(|(n, _)| n.as_str()), Some("label"));
    assert!(o.examples.iter().all(|e| e.problems.is_empty()), "{:?}", o.examples);
    assert!(diags.iter().any(|d| d.code == Code::PropertyNameCase && d.file.ends_with("kettle-rename.md")), "{diags:?}");
}

#[test]
fn a_type_named_over_its_properties_and_parameters_it_lacks_is_the_table() {
    // "a JSON representation of a [kettle]" over `level` (a kettle's) and `ownerId` (not), and
    // the example sends both: the body is the table's two parameters.
    let (api, diags) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/fillAll");
    assert_eq!(parameters(o), [("level".to_string(), "Edm.Int32".to_string()), ("ownerId".to_string(), "Edm.String".to_string())]);
    assert!(diags.iter().any(|d| d.code == Code::BodyTableOverType && d.file.ends_with("kettle-fillall.md")), "{diags:?}");
}

#[test]
fn a_json_object_shown_in_a_request_body_section_without_a_table_is_its_parameters() {
    let (api, _) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/retire");
    let expected = [("keepSpareParts", "Edm.Boolean"), ("shelf", "Edm.Int32"), ("note", "Edm.String")];
    assert_eq!(parameters(o), expected.map(|(n, t)| (n.to_string(), t.to_string())));
    let why = o.settled.body.as_deref().unwrap_or_default();
    assert!(why.contains("shows a JSON object") && why.contains("optional"), "{why}");
}

#[test]
fn a_delete_whose_example_sends_nothing_takes_no_body() {
    let (api, diags) = load();
    let o = op(&api, HttpMethod::Delete, "/kettles/{kettleId}/owners/{ownerId}/$ref");
    assert_eq!(o.body, None, "the sentence names a kettle; the example sends nothing");
    let why = o.settled.body.as_deref().unwrap_or_default();
    assert!(why.contains("every example of it sends none"), "{why}");
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == Code::DeleteBody).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].file, "v1.0/api/kettle-delete-owner.md");
}

#[test]
fn a_location_row_in_the_response_headers_table_is_an_operation_to_poll() {
    let (api, _) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/exportLog");
    assert_eq!(o.response.status, 202);
    assert_eq!(o.response.r#type, None);
    assert_eq!(o.response.monitor.as_ref().map(|t| t.name.as_str()), Some("Edm.Untyped"), "{:?}", o.response);
}

#[test]
fn a_location_url_whose_path_a_get_page_documents_is_read_as_that_pages_answer() {
    let (api, _) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/archiveLog");
    assert_eq!(o.response.status, 202);
    assert_eq!(o.response.monitor.as_ref().map(|t| t.name.as_str()), Some("microsoft.graph.logExport"), "{:?}", o.response);
    let why = o.settled.response.as_deref().unwrap_or_default();
    assert!(why.contains("logexport-get.md"), "{why}");
    // The headers shown in a fence of their own are the response's: a generated test answers with them.
    let headers = o.examples.iter().filter_map(|e| e.response.as_ref()).flat_map(|r| &r.headers);
    assert!(headers.clone().any(|(k, v)| k == "Location" && v.ends_with("/logExports/e1")), "{:?}", headers.collect::<Vec<_>>());
}

#[test]
fn a_202_every_example_asks_for_is_asked_for_by_the_request() {
    let (api, _) = load();
    let o = op(&api, HttpMethod::Post, "/kettles/{kettleId}/archiveLog");
    assert!(o.response.respond_async, "{:?}", o.response);
    assert!(o.settled.response.as_deref().unwrap_or_default().contains("Prefer: respond-async"), "{:?}", o.settled);
    // exportLog's example asks nothing: its 202 comes unasked.
    assert!(!op(&api, HttpMethod::Post, "/kettles/{kettleId}/exportLog").response.respond_async);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/body_elsewhere");
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let api_text: String = files.iter().filter(|(p, _)| p.contains("/api/")).map(|(_, t)| t.as_str()).collect();
    let at = api_text.find("fn archive_log").expect("the request function");
    let body = &api_text[at..at + api_text[at..].find("\n    }").unwrap_or(0)];
    assert!(body.contains(".prefer(\"respond-async\")"), "{body}");
}
