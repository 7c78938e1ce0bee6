//! Dictionaries, on `fixtures/dictionaries` (a made-up ship's roster): open types with no
//! properties of their own, whose values their JSON representations show as one type, get
//! typed accessors; the rustdoc example writes their entries through them.

mod common;

use graphgen::diff::{self, Class, Kind};
use graphgen::ir::Api;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dictionaries")
}

fn api() -> Api {
    let (ir, _) = graphgen::build_ir(&dir()).expect("docs load");
    ir.apis["v1.0"].clone()
}

fn values(api: &Api, name: &str) -> Option<String> {
    api.types[&format!("microsoft.graph.{name}")].values.as_ref().map(ToString::to_string)
}

#[test]
fn a_dictionarys_values_are_the_type_its_representation_shows() {
    let api = api();
    // Tagged objects (a `null` beside them removes a key, and says nothing of the type).
    assert_eq!(values(&api, "watchAssignments").as_deref(), Some("microsoft.graph.watchAssignment"));
    // Booleans.
    assert_eq!(values(&api, "signalFlags").as_deref(), Some("Edm.Boolean"));
    // Untagged objects: the one type holding most of their keys (2 of 3 here).
    assert_eq!(values(&api, "logNotes").as_deref(), Some("microsoft.graph.logNote"));
    let why = api.types["microsoft.graph.logNotes"].settled.values.clone().unwrap_or_default();
    assert!(why.contains("holds 2 of the 3 keys"), "{why}");
    // Two tags: any JSON, as before.
    assert_eq!(values(&api, "cargoManifest"), None);
    // A type with properties of its own is no dictionary.
    assert_eq!(values(&api, "roster"), None);
}

#[test]
fn a_dictionary_model_reads_and_writes_its_entries_as_the_value_type() {
    let (files, _) = graphgen::generate(&dir(), None, &graphgen::emit::Options::default()).expect("fixture generates");
    let model = files.get("src/models/watch_assignments.rs").expect("the model");
    for f in ["pub fn get(", "pub fn entries(", "pub fn insert(", "pub fn with(", "pub fn set_null(", "pub fn with_null("] {
        assert!(model.contains(f), "{f} in {model}");
    }
    assert!(model.contains("Some(\"#microsoft.graph.watchAssignment\")"), "{model}");
    let flags = files.get("src/models/signal_flags.rs").expect("the model");
    assert!(flags.contains("value: impl Into<bool>") && flags.contains("None"), "{flags}");
    assert!(!files.get("src/models/cargo_manifest.rs").expect("the model").contains("pub fn insert("));
    // The example's body goes through them: the tag `with` writes is left out, `null` is `with_null`.
    let api = files.get("src/api/rosters.rs").expect("the rosters module");
    let example = api.split("WatchAssignments::default()").nth(1).unwrap_or_default();
    assert!(example.contains(".with_null(\"c1\")"), "{api}");
    assert!(example.contains(".with(") && example.contains("watch: \"middle\".into()"), "{api}");
    assert!(!example.split("SignalFlags").next().unwrap_or_default().contains("odata_type"), "{api}");
    assert!(api.contains("SignalFlags::default().with(\"alpha\", true)"), "{api}");
}

#[test]
fn a_dictionarys_value_type_changed_is_breaking_and_one_gained_additive() {
    let new = common::scratch("dictionaries-diff");
    common::copy_dir(&dir(), &new);
    // The flags now show strings: their accessors take and give `String`s.
    let flags = new.join("v1.0/resources/signalflags.md");
    let text = std::fs::read_to_string(&flags).expect("page").replace("\"alpha\": true,\n  \"bravo\": false", "\"alpha\": \"up\"");
    std::fs::write(&flags, text).expect("write");
    // The manifest now shows one kind: it gains accessors.
    let cargo = new.join("v1.0/resources/cargomanifest.md");
    let text = std::fs::read_to_string(&cargo)
        .expect("page")
        .replace("#microsoft.graph.logNote\", \"text", "#microsoft.graph.watchAssignment\", \"watch");
    std::fs::write(&cargo, text).expect("write");
    let ((a, _), (b, _)) = graphgen::load_ir_pair(&dir(), &new).expect("docs load");
    let (changes, _) = diff::diff_irs(&a, &b, None);
    let found: Vec<(Kind, &str, Class)> = changes.iter().map(|c| (c.kind, c.item.as_str(), c.class())).collect();
    assert!(found.contains(&(Kind::ValuesChanged, "microsoft.graph.signalFlags", Class::Breaking)), "{found:?}");
    assert!(found.contains(&(Kind::ValuesTyped, "microsoft.graph.cargoManifest", Class::Additive)), "{found:?}");
}
