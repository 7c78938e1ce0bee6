//! A delta function's rustdoc says its state tokens (`$deltatoken`, `$skiptoken`) travel in the
//! links a walk follows, where the page's table lists them beside parameters a caller sets.

mod common;

#[test]
fn a_delta_functions_state_tokens_are_said_to_travel_in_its_links() {
    let note = common::resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let delta = "---\ntitle: \"note: delta\"\nms.prod: \"sheets\"\ndoc_type: apiPageType\n---\n\n# note: delta\n\nNamespace: microsoft.graph\n\nChanged [notes](../resources/note.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /notes/delta\n```\n\n## Query parameters\n\n| Query parameter | Type | Description |\n|:---|:---|:---|\n| $deltatoken | string | A state token from the last round's deltaLink. |\n| $skiptoken | string | A state token from a nextLink. |\n| shade | string | Only notes of this shade. |\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [note](../resources/note.md) collection object in the response body.\n";
    let files = common::generated(
        "delta-docs",
        &[("resources/entity.md", common::ENTITY), ("resources/note.md", &note), ("api/note-delta.md", delta)],
    );
    let api = files.get("src/api/notes.rs").expect("notes module");
    let line = |name: &str| api.lines().find(|l| l.contains(&format!("- `{name}`"))).unwrap_or_default().to_string();
    for token in ["$deltatoken", "$skiptoken"] {
        assert!(line(token).contains("`client.sync` follows"), "{token}: {api}");
    }
    let shade = line("shade");
    assert!(!shade.is_empty() && !shade.contains("client.sync"), "{api}");
}
