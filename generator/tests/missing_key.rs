//! A request line that leaves out a key its own example calls, where another page lists the
//! path with the key there (`userflowlanguagepage-delete.md`'s `DELETE .../overridesPages/
//! $value`), is read with the key and reported (GG0315); one piece of evidence alone, or a key
//! missing at the end of the line, changes nothing. Rebuilt on the clean `fixtures/lint` tree
//! with a made-up lamp manual.

use graphgen::diag::Code;

mod common;

/// An api page titled `title` listing `line`, with one example calling `called` (answered 204).
fn page(title: &str, line: &str, called: &str) -> String {
    let method = line.split(' ').next().unwrap_or_default();
    format!(
        "---\ntitle: \"{title}\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n{title} of a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\n{line}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"lamp_manual\" }} -->\n``` http\n{method} https://graph.microsoft.com/v1.0{called}\n```\n\n### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\nHTTP/1.1 204 No Content\n```\n"
    )
}

/// The manual's delete page listing `line` and calling `called`; with `put`, the page that
/// lists the manual's content with its key.
fn tree(name: &str, line: &str, called: &str, put: bool) -> common::Scratch {
    let delete = page("Delete lamp manual", line, called);
    let other = page("Replace lamp manual", "PUT /lamps/{id}/manuals/{manualId}/$value", "/lamps/7d3c/manuals/setup/$value");
    let mut pages = vec![("api/lampmanual-delete.md", delete.as_str())];
    if put {
        pages.push(("api/lampmanual-put.md", other.as_str()));
    }
    common::lint_tree(name, &[], &pages)
}

fn codes(dir: &std::path::Path, file: &str) -> Vec<Code> {
    common::findings(dir).into_iter().filter(|f| f.file.ends_with(file)).map(|f| f.code).collect()
}

#[test]
fn a_line_missing_the_key_its_example_and_another_page_give_is_read_with_it() {
    let dir = tree("missing-key", "DELETE /lamps/{id}/manuals/$value", "/lamps/7d3c/manuals/quickstart/$value", true);
    let api = common::api(&dir);
    let op = api.operations.iter().find(|o| o.method.as_str() == "DELETE").expect("the delete");
    assert_eq!(op.path.as_str(), "/lamps/{id}/manuals/{manualId}/$value");
    assert_eq!(op.documented, vec!["/lamps/{id}/manuals/$value".to_string()]);
    assert!(op.settled.path.as_deref().is_some_and(|w| w.contains("GG0315") && w.contains("lampmanual-put.md")), "{:?}", op.settled);
    assert_eq!(op.examples.len(), 1, "its example is its test");
    let found = codes(&dir, "lampmanual-delete.md");
    assert!(found.contains(&Code::MissingKey), "{found:?}");
    assert!(!found.contains(&Code::ExamplePath), "{found:?}");
    // A reader searching the crate's docs for the line the page writes finds the delete.
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let lamps = files.get("src/api/lamps.rs").expect("lamps module");
    // The attributes right above the delete: its aliases.
    let before = lamps.split("pub fn delete(").next().unwrap_or_default();
    let attributes = &before[before.rfind("/// Available with").unwrap_or(0)..];
    assert!(attributes.contains("alias = \"DELETE /lamps/{id}/manuals/$value\""), "{attributes}");
}

#[test]
fn one_piece_of_evidence_alone_changes_nothing() {
    // The example alone: no other page lists the path with a key.
    let dir = tree("missing-key-alone", "DELETE /lamps/{id}/manuals/$value", "/lamps/7d3c/manuals/quickstart/$value", false);
    let api = common::api(&dir);
    assert!(api.operations.iter().any(|o| o.method.as_str() == "DELETE" && o.path.as_str() == "/lamps/{id}/manuals/$value"));
    let found = codes(&dir, "lampmanual-delete.md");
    assert!(found.contains(&Code::ExamplePath) && !found.contains(&Code::MissingKey), "{found:?}");
    // The other page alone: the example calls the line as written.
    let dir = tree("missing-key-listed", "DELETE /lamps/{id}/manuals/$value", "/lamps/7d3c/manuals/$value", true);
    let api = common::api(&dir);
    assert!(api.operations.iter().any(|o| o.method.as_str() == "DELETE" && o.path.as_str() == "/lamps/{id}/manuals/$value"));
    assert!(!codes(&dir, "lampmanual-delete.md").contains(&Code::MissingKey));
}

#[test]
fn a_key_missing_at_the_end_is_another_call() {
    // A collection's line whose example addresses one item is a page showing another call.
    let dir = tree("missing-key-end", "DELETE /lamps/{id}/manuals", "/lamps/7d3c/manuals/quickstart", true);
    let api = common::api(&dir);
    assert!(api.operations.iter().any(|o| o.method.as_str() == "DELETE" && o.path.as_str() == "/lamps/{id}/manuals"));
    assert!(!codes(&dir, "lampmanual-delete.md").contains(&Code::MissingKey));
}
