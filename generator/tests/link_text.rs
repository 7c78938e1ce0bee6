//! A type cell whose link text names one type and whose link goes to another's page, on
//! `fixtures/cardinality` (a made-up harbor's beacons): the `@odata.type` tags at the property
//! decide which, the reason is kept in the IR, and the row is reported either way.

use graphgen::diag::Code;
use graphgen::lint::{self, Options};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cardinality")
}

fn property(name: &str) -> (String, Option<String>) {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.beacon"];
    let p = t.properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}"));
    (p.r#type.to_string(), t.settled.link_text.get(name).cloned())
}

#[test]
fn the_text_wins_where_the_tags_name_it() {
    // `[lens](prism.md) collection`: the representation and both example elements say `lens`.
    let (ty, why) = property("optics");
    assert_eq!(ty, "Collection(microsoft.graph.lens)");
    assert!(why.as_deref().is_some_and(|w| w.contains("JSON representation and 2 example values")), "{why:?}");
}

#[test]
fn the_link_stands_where_the_tags_name_it() {
    // `[prism](lens.md)`: the representation says `lens`; the example's value has no tag.
    let (ty, why) = property("spare");
    assert_eq!(ty, "microsoft.graph.lens");
    assert!(why.as_deref().is_some_and(|w| w.contains("the tags in its JSON representation name `microsoft.graph.lens`")), "{why:?}");
}

#[test]
fn each_row_is_reported_and_the_examples_read_as_settled_are_not() {
    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&fixture()).expect("docs load");
    let found = lint::lint(&texts, &diags, &Options::default()).findings;
    let rows: Vec<String> =
        found.iter().filter(|f| f.code == Code::LinkTextType).map(|f| format!("{}:{} {}", f.file, f.line, f.message)).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("v1.0/resources/beacon.md:23 the type of `optics`")), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("v1.0/resources/beacon.md:24 the type of `spare`")), "{rows:?}");
    // Read by its link, `optics` would make each tagged element a finding.
    let optics: Vec<_> = found.iter().filter(|f| f.message.contains("optics")).filter(|f| f.code != Code::LinkTextType).collect();
    assert!(optics.is_empty(), "{optics:?}");
}
