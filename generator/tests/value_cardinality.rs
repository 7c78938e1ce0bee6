//! A property's cardinality, and its name's letter case, where its table row, its type's JSON
//! representation and the examples disagree, on `fixtures/cardinality` (a made-up harbor's
//! beacons): two statements outweigh the row; the reason is kept in the IR and the row is
//! reported.

use graphgen::diag::Code;
use graphgen::lint::{self, Options};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cardinality")
}

fn property(name: &str) -> (bool, Option<String>) {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.beacon"];
    let p = t.properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}"));
    (p.r#type.collection, t.settled.cardinality.get(name).cloned())
}

#[test]
fn the_representation_and_the_examples_outweigh_the_row() {
    // The row says a collection; the representation and both examples show one string.
    let (collection, why) = property("signal");
    assert!(!collection);
    assert!(why.as_deref().is_some_and(|w| w.contains("JSON representation") && w.contains("2 example values")), "{why:?}");
    // The row says one string; the representation and both examples show arrays.
    let (collection, why) = property("moods");
    assert!(collection);
    assert!(why.is_some());
}

#[test]
fn the_row_stands_unless_the_examples_agree_with_the_representation() {
    // Representation an array, the one example a string: one statement each way beside the row.
    assert_eq!(property("keepers"), (false, None));
    // All three agree.
    assert_eq!(property("colors"), (true, None));
}

#[test]
fn the_row_is_reported_and_the_examples_are_not() {
    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&fixture()).expect("docs load");
    let found = lint::lint(&texts, &diags, &Options::default()).findings;
    let at =
        |code: Code| found.iter().filter(|f| f.code == code).map(|f| format!("{}:{} {}", f.file, f.line, f.message)).collect::<Vec<_>>();
    let rows = at(Code::PropertyCardinality);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("v1.0/resources/beacon.md:18 `signal`")), "{rows:?}");
    // Settled rows are no longer held against the representation or the examples; `keepers`
    // still is, where the representation shows an array and the example a string.
    let repr = at(Code::JsonRepresentationType);
    assert!(repr.iter().all(|r| r.contains("`keepers`")) && repr.len() == 1, "{repr:?}");
    let examples = at(Code::ExampleMismatch);
    assert!(examples.iter().all(|r| !r.contains("signal") && !r.contains("moods")), "{examples:?}");
}

#[test]
fn a_name_the_representation_and_the_examples_spell_otherwise_is_read_as_they_do() {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.beacon"];
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    // `towerID` in the row, `towerId` in the representation and both examples.
    assert!(names.contains(&"towerId") && !names.contains(&"towerID"), "{names:?}");
    let why = t.settled.names.get("towerId").expect("the reason is kept");
    assert!(why.contains("2 examples") && why.contains("`towerID`"), "{why}");
    assert!(t.settled.also_read.get("towerId").is_some_and(|a| a.contains_key("towerID")), "{:?}", t.settled.also_read);
    // `lampheight` in the representation alone; the example writes the row's `lampHeight`.
    assert!(names.contains(&"lampHeight"), "{names:?}");
    assert!(!t.settled.names.contains_key("lampheight"));

    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&fixture()).expect("docs load");
    let found = lint::lint(&texts, &diags, &Options::default()).findings;
    let rows: Vec<String> = found.iter().filter(|f| f.code == Code::PropertyNameCase).map(|f| f.message.clone()).collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("`towerID` of `microsoft.graph.beacon` is spelled `towerId`")), "{rows:?}");
    // The representation's `towerId` is no longer a key no table lists; `lampheight` still is.
    let repr: Vec<&str> = found.iter().filter(|f| f.code == Code::JsonRepresentation).map(|f| f.message.as_str()).collect();
    assert!(repr.iter().all(|m| !m.contains("towerId")) && repr.iter().any(|m| m.contains("lampheight")), "{repr:?}");
}

#[test]
fn a_name_only_an_example_spells_otherwise_is_also_read_and_written_as_the_row() {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.beacon"];
    // `wick` in the row and the representation, `Wick` in the one example: the row stands, and
    // the example's spelling is read as it too.
    assert!(t.properties.iter().any(|p| p.name == "wick"));
    let also = t.settled.also_read.get("wick").expect("the other spelling is kept");
    assert!(also.get("Wick").is_some_and(|why| why.contains("1 example writes `Wick`")), "{also:?}");
    // The example's problem respells the key, so the emitted test expects the row's spelling.
    let get = ir.apis["v1.0"].operations.iter().find(|o| o.path.as_str() == "/beacons/{id}").expect("the GET");
    let respells: Vec<_> = get.examples.iter().flat_map(|e| &e.problems).filter_map(|p| p.respell.as_ref()).collect();
    assert!(respells.iter().any(|r| r.key && r.path == "$.Wick" && r.text == "wick"), "{respells:?}");
    // Read as the row, its value is judged as the row's: a number is no `String`.
    let wrong: Vec<_> = get.examples.iter().flat_map(|e| &e.problems).filter(|p| p.kind == graphgen::ir::ProblemKind::WrongType).collect();
    assert!(wrong.iter().any(|p| p.message.starts_with("$.Wick is a number")), "{wrong:?}");

    let dir = fixture();
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let model = files.iter().find(|(p, _)| p.ends_with("models/beacon.rs")).map(|(_, text)| text).expect("the model");
    assert!(model.contains("\"Wick\" if self.wick.is_absent() =>"), "{model}");
}

#[test]
fn a_name_every_example_request_spells_otherwise_is_sent_as_they_do() {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.beacon"];
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    // `flashrate` in the row and the representation; the one example request sends `flashRate`
    // and no example writes the row's spelling.
    assert!(names.contains(&"flashRate") && !names.contains(&"flashrate"), "{names:?}");
    let why = t.settled.names.get("flashRate").expect("the reason is kept");
    assert!(why.contains("1 example request writes `flashRate`") && why.contains("`flashrate`"), "{why}");
    // The row's spelling is still read into the field.
    assert!(t.settled.also_read.get("flashRate").is_some_and(|a| a.contains_key("flashrate")), "{:?}", t.settled.also_read);
    // `beamAngle`: the request writes `BeamAngle`, the GET's answer the row's spelling: the row
    // stands, and the request's spelling is read as it.
    assert!(names.contains(&"beamAngle") && !t.settled.names.contains_key("BeamAngle"), "{names:?}");
    assert!(t.settled.also_read.get("beamAngle").is_some_and(|a| a.contains_key("BeamAngle")));
    // The update's example now sends the property as named: no problem left on `flashRate`.
    let patch = ir.apis["v1.0"].operations.iter().find(|o| o.method.as_str() == "PATCH").expect("the update");
    let problems: Vec<&str> = patch.examples.iter().flat_map(|e| &e.problems).map(|p| p.message.as_str()).collect();
    assert!(problems.iter().all(|m| !m.contains("flashRate")) && problems.iter().any(|m| m.contains("BeamAngle")), "{problems:?}");

    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&fixture()).expect("docs load");
    let found = lint::lint(&texts, &diags, &Options::default()).findings;
    let row = found.iter().find(|f| f.code == Code::PropertyNameCase && f.message.starts_with("`flashrate`")).expect("the row is reported");
    assert_eq!(row.file, "v1.0/resources/beacon.md");
    assert!(row.message.contains("1 example request"), "{}", row.message);
}

#[test]
fn a_field_of_a_type_no_page_defines_says_its_value_is_json() {
    let (files, _) = graphgen::generate(&fixture(), None, &graphgen::emit::Options::default()).expect("fixture generates");
    let model = files.iter().find(|(p, _)| p.ends_with("models/beacon.rs")).map(|(_, text)| text).expect("the model");
    assert!(model.contains("`glow` has no page in these docs: its value is kept as JSON"), "{model}");
    // A renamed row's own spelling is read while the field is absent.
    assert!(model.contains("\"flashrate\" if self.flash_rate.is_absent() =>"), "{model}");
    // A type the pages define gets no such note.
    assert_eq!(model.matches("has no page in these docs").count(), 1, "{model}");
}

#[test]
fn a_collection_row_every_example_writes_in_the_plural_is_named_so() {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.beacon"];
    // `flare` (a collection) in the row and the representation; both answers write `flares`.
    assert!(t.properties.iter().any(|p| p.name == "flares") && !t.properties.iter().any(|p| p.name == "flare"));
    let why = t.settled.names.get("flares").expect("the reason is kept");
    assert!(why.contains("2 example answers write `flares`") && why.contains("plural"), "{why}");
    assert!(t.settled.also_read.get("flares").is_some_and(|a| a.contains_key("flare")));
    // The answers now carry no problem about `flares`.
    let problems: Vec<&str> =
        ir.apis["v1.0"].operations.iter().flat_map(|o| &o.examples).flat_map(|e| &e.problems).map(|p| p.message.as_str()).collect();
    assert!(problems.iter().all(|m| !m.contains("flares")), "{problems:?}");

    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&fixture()).expect("docs load");
    let found = lint::lint(&texts, &diags, &Options::default()).findings;
    let row = found.iter().find(|f| f.code == Code::PropertyNameCase && f.message.starts_with("`flare`")).expect("the row is reported");
    assert!(row.message.contains("(a collection, named in the plural)"), "{}", row.message);
}

#[test]
fn a_key_only_the_representation_and_an_example_show_is_a_property() {
    let (ir, _) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.beacon"];
    // No table lists `fogHorn`; the representation shows a Boolean, the GET's answer `true`.
    let horn = t.properties.iter().find(|p| p.name == "fogHorn").expect("read as a property");
    assert_eq!(horn.r#type.name, "Edm.Boolean");
    let why = t.settled.rows.get("fogHorn").expect("the reason is kept");
    assert!(why.contains("JSON representation") && why.contains("1 example writes it"), "{why}");
    // `lantern`: the representation alone, one statement.
    assert!(!t.properties.iter().any(|p| p.name == "lantern"));
    // `mast` names a type the docs define (in another letter case): that type; `pennant`
    // names none, and stays out.
    let mast = t.properties.iter().find(|p| p.name == "mast").expect("a named type's key is read too");
    assert_eq!((mast.r#type.name.as_str(), mast.r#type.collection), ("microsoft.graph.lens", false));
    assert!(!t.properties.iter().any(|p| p.name == "pennant"));
    // The answer's `fogHorn` is no finding now; the representation's keys still are (GG0205).
    let get = ir.apis["v1.0"].operations.iter().find(|o| o.method.as_str() == "GET" && o.path.as_str().ends_with('}')).expect("the GET");
    assert!(get.examples.iter().flat_map(|e| &e.problems).all(|p| !p.message.contains("fogHorn")));
    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&fixture()).expect("docs load");
    let found = lint::lint(&texts, &diags, &Options::default()).findings;
    assert!(found.iter().any(|f| f.code == Code::JsonRepresentation && f.message.contains("`fogHorn`")));
}

#[test]
fn an_open_types_key_that_only_the_letter_case_tells_from_a_row_is_that_row() {
    let (ir, diags) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.buoy"];
    assert!(t.open);
    // `Depth` is the row `depth` misspelled, read into its field; `paintedBy` is one of the
    // open type's own properties, kept in `additional_properties` with no finding.
    let also = t.settled.also_read.get("depth").expect("the other spelling is kept");
    assert!(also.contains_key("Depth"), "{also:?}");
    let found: Vec<_> = diags.iter().filter(|d| d.file.ends_with("buoy-get.md") && d.code == Code::ExampleUnknownProperty).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("only the letter case differs from `depth`"), "{}", found[0].message);
}

#[test]
fn a_string_row_whose_representation_and_examples_give_a_number_is_that_number() {
    let (ir, diags) = graphgen::build_ir(&fixture()).expect("docs load");
    let t = &ir.apis["v1.0"].types["microsoft.graph.buoy"];
    let ty = |name: &str| t.properties.iter().find(|p| p.name == name).map(|p| p.r#type.name.clone()).unwrap_or_default();
    // `tilt`: "String (double)" in the representation, 4.5 in the example: a Double.
    assert_eq!(ty("tilt"), "Edm.Double");
    assert!(t.settled.primitives.get("tilt").is_some_and(|why| why.contains("1 example value")), "{:?}", t.settled.primitives);
    // `serial`: "String (int64)", but the example writes text: the row stands.
    assert_eq!(ty("serial"), "Edm.String");
    let found: Vec<_> = diags.iter().filter(|d| d.code == Code::PropertyKind).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].file.ends_with("resources/buoy.md") && found[0].message.contains("`tilt`"), "{:?}", found[0]);
}
