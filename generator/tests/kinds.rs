//! A base type whose pages show one derived kind per example, on `fixtures/kinds` (a made-up
//! harbor's vessels: ferries and tug boats). The sentence names what a call answers; an
//! example's annotation names the kind it happens to show. A cast is read in any letter case.
//! An action whose examples show only kinds of the collection it is bound to answers that type,
//! and a relationship named for a kind, whose examples show that kind untagged, answers it and
//! is that kind in the model.

use graphgen::ir::Api;
use std::path::Path;

fn api() -> Api {
    let (ir, _) = graphgen::build_ir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds")).expect("docs load");
    ir.apis["v1.0"].clone()
}

fn answer(api: &Api, path: &str) -> String {
    let op = api.operations.iter().find(|o| o.path.as_str() == path).unwrap_or_else(|| panic!("no {path}"));
    op.response.r#type.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[test]
fn a_get_answers_the_sentences_base_not_its_first_examples_kind() {
    let api = api();
    // The first example is annotated `ferry`, the second `tugBoat`: the call answers `vessel`.
    assert_eq!(answer(&api, "/vessels/{id}"), "microsoft.graph.vessel");
    // And the root is a set of vessels, so both casts below have something to cast from.
    assert_eq!(api.roots["vessels"].r#type, "microsoft.graph.vessel");
}

#[test]
fn a_cast_is_read_in_any_letter_case() {
    let api = api();
    assert_eq!(answer(&api, "/vessels/microsoft.graph.ferry"), "Collection(microsoft.graph.ferry)");
    // `microsoft.graph.tugboat` is the type `tugBoat`.
    assert_eq!(answer(&api, "/vessels/microsoft.graph.tugboat"), "Collection(microsoft.graph.tugBoat)");
}

#[test]
fn an_untagged_example_is_judged_as_the_kind_its_annotation_names() {
    let (_, diags, texts) =
        graphgen::build_ir_keeping_pages(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds")).expect("docs load");
    let found = graphgen::lint::lint(&texts, &diags, &graphgen::lint::Options::default()).findings;
    let unknown: Vec<&str> =
        found.iter().filter(|f| f.code == graphgen::diag::Code::ExampleUnknownProperty).map(|f| f.message.as_str()).collect();
    // `power` is the tug boat's; `paint` no type's.
    assert_eq!(unknown, ["example response: $.paint is not a property of `microsoft.graph.tugBoat`"], "{unknown:?}");
    // The list page says `vessel` for its cast lines, which answer ferries and tug boats: the
    // page says it less precisely, and that is no finding.
    // (`vessel-departed.md` names a wrong answer on purpose, and so does a berth's row, for the
    // tests below.)
    let model: Vec<&str> = found
        .iter()
        .filter(|f| f.code == graphgen::diag::Code::ModelAnswer && !f.file.ends_with("vessel-departed.md") && !f.file.contains("berth"))
        .map(|f| f.message.as_str())
        .collect();
    assert!(model.is_empty(), "{model:?}");
}

#[test]
fn an_actions_answer_is_the_bound_collections_type_when_its_examples_show_only_kinds_of_that() {
    // The sentence says berths; the example's element is a ferry, a kind of the vessels the
    // action is bound to and no berth.
    let (ir, diags) = graphgen::build_ir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds")).expect("docs load");
    assert_eq!(answer(&ir.apis["v1.0"], "/vessels/departed"), "Collection(microsoft.graph.vessel)");
    let reported: Vec<_> = diags.iter().filter(|d| d.code == graphgen::diag::Code::ModelAnswer && !d.file.contains("berth")).collect();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].file.ends_with("vessel-departed.md") && reported[0].message.contains("none of `microsoft.graph.berth`"));
}

#[test]
fn a_relationship_named_for_a_kind_answers_that_kind_when_its_examples_show_it_untagged() {
    // `ferries` is typed `vessel` by the berth's row; its name, the annotation and the untagged
    // element's `route` (a ferry's, no vessel's) say ferries. `visitors` is named for no kind:
    // the same evidence leaves it `vessel`.
    let (ir, diags) = graphgen::build_ir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds")).expect("docs load");
    let api = &ir.apis["v1.0"];
    assert_eq!(answer(api, "/berths/{id}/ferries"), "Collection(microsoft.graph.ferry)");
    assert_eq!(answer(api, "/berths/{id}/visitors"), "Collection(microsoft.graph.vessel)");
    let op = api.operations.iter().find(|o| o.path.as_str() == "/berths/{id}/ferries").expect("ferries");
    assert!(op.settled.response.as_deref().is_some_and(|s| s.contains("`route`")), "{:?}", op.settled.response);
    let reported: Vec<_> =
        diags.iter().filter(|d| d.code == graphgen::diag::Code::ModelAnswer && d.file.ends_with("berth-list-ferries.md")).collect();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].related.iter().any(|r| r.file.ends_with("berth.md")), "{reported:?}");
    // The model says it too, with why; `visitors` keeps its row's type.
    let berth = &api.types["microsoft.graph.berth"];
    let row = |name: &str| berth.properties.iter().find(|p| p.name == name).map(|p| p.r#type.to_string());
    assert_eq!(row("ferries").as_deref(), Some("Collection(microsoft.graph.ferry)"));
    assert_eq!(row("visitors").as_deref(), Some("Collection(microsoft.graph.vessel)"));
    assert!(berth.settled.kinds.get("ferries").is_some_and(|s| s.contains("`route`")), "{:?}", berth.settled);
    assert!(!berth.settled.kinds.contains_key("visitors"));
}

#[test]
fn a_request_from_a_page_written_for_one_kind_says_it_takes_any() {
    // `Create ferry` is the page of `POST /vessels`, which the URL model says takes any vessel.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds");
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let api = files.get("src/api/vessels.rs").expect("the vessels module");
    let note = "The page is written for one kind of `vessel`, `ferry`; this request takes any kind";
    assert_eq!(api.matches(note).count(), 1, "{api}");
    // A title naming more than a kind (`List vessels`) says nothing of the sort.
    assert_eq!(api.matches("The page is written for one kind").count(), 1);
}

#[test]
fn a_cast_carries_what_the_lists_page_says_of_its_headers_for_casts() {
    // `List ferries` (also `GET /berths/{id}/visitors`) says its `ConsistencyLevel` is required
    // when the path casts: each cast of the list, which has no page of its own, says so too.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds");
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let api = files.get("src/api/berths.rs").expect("the berths module");
    // The doc comment of a method: the text between the method before it and it.
    let before_cast =
        |name: &str| api.split(&format!("pub fn {name}(")).next().and_then(|s| s.rsplit("pub fn ").next()).unwrap_or_default();
    let note = "The list's page says of its `ConsistencyLevel` header (`.list().count(true).consistency_level_eventual()`)";
    assert!(before_cast("as_ferry").contains(note), "{api}");
    assert!(before_cast("as_tug_boat").contains(note), "{api}");
}
