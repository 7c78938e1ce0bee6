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
