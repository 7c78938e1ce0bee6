//! One request builder per place (`generator/src/urlspace/aliases.rs`): the fixture in
//! `fixtures/aliases` documents `/me/plants` and `/gardeners/{id}/plants` on two pages, so `/me`
//! is `/gardeners/{id}`, and `water`, documented only under `/gardeners/{id}`, is reachable
//! from `me()` too. The crate is generated in memory and its text read.

use std::path::Path;

fn crate_files() -> graphgen::emit::Files {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aliases");
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    files
}

/// The text of the generated file `name`, e.g. `src/lib.rs`.
fn file<'a>(files: &'a graphgen::emit::Files, name: &str) -> &'a str {
    files.get(name).map(String::as_str).unwrap_or_else(|| panic!("{name} missing; have {:?}", files.keys().collect::<Vec<_>>()))
}

#[test]
fn me_and_the_keyed_spelling_reach_one_builder_with_every_method() {
    let files = crate_files();
    let lib = file(&files, "src/lib.rs");
    // Both entries lead to the type of the general spelling.
    assert!(lib.contains("pub fn me() -> api::gardeners::GardenersItem"), "{lib}");
    assert!(!files.contains_key("src/api/me.rs"), "the /me spelling has no module of its own");
    let api = file(&files, "src/api/gardeners.rs");
    // `water` is documented under /gardeners/{id} only, yet `me().plants().id(p)` has it: one type.
    assert_eq!(api.matches("pub struct GardenersItemPlantsItem {").count(), 1, "{api}");
    assert!(api.contains("pub fn water("), "{api}");
    // Documented twice at one place (`GET /me/plants`, `GET /gardeners/{id}/plants`): one method.
    let plants = api.split("impl GardenersItemPlants {").nth(1).expect("plants builder");
    let plants = &plants[..plants.find("\nimpl ").unwrap_or(plants.len())];
    assert_eq!(plants.matches("pub fn list(").count(), 1, "{plants}");
}

#[test]
fn generated_tests_call_each_documented_spelling() {
    let files = crate_files();
    let tests = file(&files, "tests/examples.rs");
    // The example of `GET /me/plants` still goes through `me()`, and `GET /gardeners/g1` through
    // `gardeners().id(..)`: a call keeps its own path, only the builder types are shared.
    assert!(tests.contains("me().plants().list()"), "{tests}");
    assert!(tests.contains("gardeners().id("), "{tests}");
}

#[test]
fn two_parameter_lists_of_one_action_stay_two_and_are_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aliases");
    let (files, diags) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let shapes: Vec<_> = diags.iter().filter(|d| d.code == graphgen::diag::Code::ActionShapes).collect();
    assert_eq!(shapes.len(), 1, "{diags:?}");
    assert!(shapes[0].file.ends_with("plant-prune.md") && shapes[0].message.contains("height"), "{:?}", shapes[0]);
    // `/me/plants/{id}/prune` and `/gardeners/{id}/plants/{id}/prune` are one place, yet each
    // list keeps its struct and its method.
    let bodies = file(&files, "src/api/bodies.rs");
    assert_eq!(bodies.matches("pub struct ").count(), 2, "{bodies}");
    assert!(bodies.contains("pub length:") && bodies.contains("pub height:"), "{bodies}");
    let api = file(&files, "src/api/gardeners.rs");
    assert!(api.contains("pub fn prune(") && api.contains("pub fn prune_with_length("), "{api}");
    assert!(bodies.contains("pub struct PlantPruneBody") && bodies.contains("pub struct PlantPruneWithLengthBody"), "{bodies}");
}
