//! The Rust snippets of the in-repo specs' examples (`graphgen snippets`): every request
//! example has one, written as a user writes it: the fluent chain from the example's URL, typed
//! query options, a struct literal body with `null` only where the example sends it, and the
//! answer bound to its documented type.

use graphgen::emit::snippet::Snippet;
use std::path::Path;

fn snippets() -> (Vec<Snippet>, usize) {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let (ir, _) = graphgen::build_ir(&specs).expect("specs load");
    let api = graphgen::pick_version(&ir, None).expect("one version");
    let (written, missing) = graphgen::emit::snippets(api, &graphgen::emit::Options::default());
    (written, missing.len())
}

fn named<'a>(all: &'a [Snippet], name: &str) -> &'a Snippet {
    all.iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no snippet {name}: {:?}", all.iter().map(|s| &s.name).collect::<Vec<_>>()))
}

#[test]
fn every_request_example_of_the_specs_has_a_snippet() {
    let (written, missing) = snippets();
    assert_eq!(missing, 0);
    assert_eq!(written.len(), 7);
}

#[test]
fn a_filtered_list_uses_typed_options_and_binds_a_page() {
    let (written, _) = snippets();
    let s = &named(&written, "list_phones_guest_filtered").code;
    for part in [
        ".filter(\"type eq 'mobile'\")",
        ".select([\"number\", \"type\"])",
        ".top(1)",
        "let page: Page<ItemPhone> = client.send(&request).await?;",
    ] {
        assert!(s.contains(part), "{part} missing from\n{s}");
    }
    assert!(s.starts_with("use msgraph::models::ItemPhone;\nuse msgraph::runtime::Page;\n\n"), "{s}");
    assert!(!s.contains("unwrap"), "{s}");
}

#[test]
fn a_create_body_is_a_model_literal_with_null_only_where_the_example_sends_it() {
    let (written, _) = snippets();
    let s = &named(&written, "create_itemphone_from_").code;
    assert!(s.contains("let body = ItemPhone {"), "{s}");
    assert!(s.contains("display_name: Nullable::Null,"), "{s}");
    assert!(s.contains("..Default::default()"), "{s}");
    assert!(s.contains(".post(&body)"), "{s}");
    // The example shows no `id`: the literal leaves it out rather than sending `null`.
    assert!(!s.contains("id: Nullable::Null"), "{s}");
}

#[test]
fn a_batch_example_goes_through_batch_with_its_dependency_and_typed_answers() {
    let (written, _) = snippets();
    let s = &named(&written, "list_phones_batch").code;
    for part in [
        "use msgraph::runtime::{Batch, Page};",
        "let mut batch = Batch::new();",
        "let request_1 = msgraph::me().profile().phones().list().top(5);",
        "let id_1 = batch.add(&request_1);",
        "let id_2 = batch.add_after(&request_2, &[&id_1])?;",
        "let answers = client.batch(&batch).await?;",
        "let page_1: Page<ItemPhone> = answers.get(&id_1)?;",
        "let item_phone_2: ItemPhone = answers.get(&id_2)?;",
    ] {
        assert!(s.contains(part), "{part} missing from\n{s}");
    }
}
