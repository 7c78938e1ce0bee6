//! A base type whose pages show one derived kind per example, on `fixtures/kinds` (a made-up
//! harbor's vessels: ferries and tug boats). The sentence names what a call answers; an
//! example's annotation names the kind it happens to show. A cast is read in any letter case.

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
    let model: Vec<&str> = found.iter().filter(|f| f.code == graphgen::diag::Code::ModelAnswer).map(|f| f.message.as_str()).collect();
    assert!(model.is_empty(), "{model:?}");
}
