//! Bases and name spellings settled by evidence from other pages, on `fixtures/bases` (a made-up
//! supply room): each type there whose annotation and prose name different bases is settled by
//! one kind of evidence, or by none; `deskLamp`'s annotation writes its name in lowercase.

use graphgen::diag::Code;
use graphgen::ir::Api;
use graphgen::lint::{self, Finding, Options};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bases")
}

fn api() -> Api {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    ir.apis.get("v1.0").cloned().expect("v1.0")
}

fn findings() -> Vec<Finding> {
    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&fixture()).expect("docs load");
    lint::lint(&texts, &diags, &Options::default()).findings
}

fn base(api: &Api, ty: &str) -> String {
    api.types[&format!("microsoft.graph.{ty}")].base.clone().unwrap_or_default()
}

fn conflict(found: &[Finding], page: &str) -> String {
    let f = found
        .iter()
        .find(|f| f.code == Code::BaseTypeConflict && f.file == format!("v1.0/resources/{page}"))
        .unwrap_or_else(|| panic!("no GG0204 on {page}: {found:?}"));
    f.message.clone()
}

#[test]
fn the_base_other_pages_support_wins_over_the_annotation() {
    let api = api();
    let found = findings();
    // The catalog item's page lists the shelf note among its derived types.
    assert_eq!(base(&api, "shelfNote"), "microsoft.graph.catalogItem");
    // A drawer's `catalogItem` collection names the sticky tab as a member.
    assert_eq!(base(&api, "stickyTab"), "microsoft.graph.catalogItem");
    // The paperweight's Methods table lists the bound `archive` the catalog item lists too.
    assert_eq!(base(&api, "paperWeight"), "microsoft.graph.catalogItem");
    for page in ["shelfnote.md", "stickytab.md", "paperweight.md"] {
        let m = conflict(&found, page);
        assert!(m.contains("using `microsoft.graph.catalogItem` (the text): 1 other page supports it, 0 `microsoft.graph.entity`"), "{m}");
    }
    assert!(conflict(&found, "paperweight.md").contains("bound operation `archive`"));
    let note = api.types["microsoft.graph.stickyTab"].settled.base.clone().unwrap_or_default();
    assert!(note.contains("collection there names it as a member"), "{note}");
}

#[test]
fn an_example_can_side_with_the_annotation() {
    // The list of catalog items answers a binder clip: the annotation's catalogItem wins over
    // the text's entity.
    let api = api();
    assert_eq!(base(&api, "binderClip"), "microsoft.graph.catalogItem");
    let m = conflict(&findings(), "binderclip.md");
    assert!(m.contains("(the annotation): 1 other page supports it") && m.contains("holds a `microsoft.graph.binderClip`"), "{m}");
    // The clip's width is its own property, its label the catalog item's.
    let all: Vec<String> = graphgen::ir::all_properties(&api.types, "microsoft.graph.binderClip").iter().map(|p| p.name.clone()).collect();
    assert!(all.contains(&"label".to_string()) && all.contains(&"widthMm".to_string()), "{all:?}");
}

#[test]
fn without_evidence_the_annotation_stays_and_says_so() {
    let api = api();
    assert_eq!(base(&api, "penCup"), "microsoft.graph.entity");
    let m = conflict(&findings(), "pencup.md");
    assert!(m.contains("using `microsoft.graph.entity` (the annotation): no other page tells the two apart"), "{m}");
    assert!(api.types["microsoft.graph.penCup"].settled.base.is_some());
}

#[test]
fn a_settled_base_puts_the_type_among_the_bases_derived_types() {
    let api = api();
    let below = graphgen::ir::descendants(&api.types);
    let under = &below["microsoft.graph.catalogItem"];
    for t in ["shelfNote", "stickyTab", "paperWeight", "binderClip"] {
        assert!(under.contains(&format!("microsoft.graph.{t}")), "{t} under catalogItem: {under:?}");
    }
    assert!(!under.contains(&"microsoft.graph.penCup".to_string()));
}

#[test]
fn a_name_keeps_the_case_the_other_pages_write() {
    let api = api();
    // The annotation writes `desklamp`; the title and the drawer's type cell `deskLamp`.
    assert!(api.types.contains_key("microsoft.graph.deskLamp"), "{:?}", api.types.keys());
    assert!(!api.types.contains_key("microsoft.graph.desklamp"));
    assert_eq!(graphgen::naming::type_name("microsoft.graph.deskLamp"), "DeskLamp");
    let drawer = &api.types["microsoft.graph.drawer"];
    let lamp = drawer.properties.iter().find(|p| p.name == "lamp").expect("lamp");
    assert_eq!(lamp.r#type.name, "microsoft.graph.deskLamp");
    let why = api.types["microsoft.graph.deskLamp"].settled.name.clone().unwrap_or_default();
    assert!(why.contains("`deskLamp` 2, `desklamp` 1"), "{why}");
    let found = findings();
    let f = found.iter().find(|f| f.code == Code::TypeNameCase).expect("GG0210");
    assert_eq!(f.file, "v1.0/resources/desklamp.md");
    assert!(f.message.contains("read as `deskLamp`"), "{}", f.message);
    // A title that only capitalizes its first word (`Stapler resource type`) is no other
    // spelling: the annotation's `stapler` stays, and nothing is reported.
    assert!(api.types.contains_key("microsoft.graph.stapler"));
    assert_eq!(found.iter().filter(|f| f.code == Code::TypeNameCase).count(), 1, "{found:?}");
}

#[test]
fn a_type_examples_answer_where_a_base_goes_and_that_has_its_properties_derives_from_it() {
    // The rubber band's page names no base; the catalog list answers one among its items, and
    // it has every property of a catalog item (`label`, and the entity's `id`).
    let api = api();
    assert_eq!(base(&api, "rubberBand"), "microsoft.graph.catalogItem");
    let why = api.types["microsoft.graph.rubberBand"].settled.base.clone().unwrap_or_default();
    assert!(why.contains("examples answer it where a `microsoft.graph.catalogItem` goes"), "{why}");
    // The eraser is answered there too, but has no label: no kind of catalog item.
    assert_eq!(base(&api, "eraser"), "");
    let found = findings();
    let f = found.iter().find(|f| f.code == Code::BaseFromBasePage && f.file.ends_with("rubberband.md")).expect("GG0208");
    assert!(f.message.contains("names no base type"), "{}", f.message);
    assert!(!found.iter().any(|f| f.file.ends_with("eraser.md") && f.code == Code::BaseFromBasePage));
}
