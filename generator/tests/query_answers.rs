//! A method that reads no answer says how to read the one an example gets by adding a query
//! (v1.0's Teams app definition upload: `204` plain, `201` and the definition with
//! `?requiresReview=true`), so the caller does not lose it.

mod common;

/// The note list's publish page: answered `204`, its second example with `?review=true` `201`
/// and a body (`second`), else `204` both.
fn crate_api(name: &str, second: &str) -> String {
    let note = common::resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let publish = format!(
        "---\ntitle: \"Publish notes\"\nms.prod: \"sheets\"\ndoc_type: apiPageType\n---\n\n# Publish notes\n\nNamespace: microsoft.graph\n\nPublish the [notes](../resources/note.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nPOST /notes/publish\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"publish\" }} -->\n``` http\nPOST https://graph.microsoft.com/v1.0/notes/publish\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\nHTTP/1.1 204 No Content\n```\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"publish_reviewed\" }} -->\n``` http\nPOST https://graph.microsoft.com/v1.0/notes/publish?review=true\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\n{second}\n```\n"
    );
    let files = common::generated(
        name,
        &[("resources/entity.md", common::ENTITY), ("resources/note.md", &note), ("api/note-publish.md", &publish)],
    );
    files.get("src/api/notes.rs").cloned().expect("notes module")
}

#[test]
fn an_answer_a_query_brings_is_said_how_to_read() {
    let api = crate_api("query-answers", "HTTP/1.1 201 Created\nContent-type: application/json\n\n{\n  \"state\": \"submitted\"\n}");
    let note = api.lines().find(|l| l.contains("adds `?review=true`")).unwrap_or_default();
    assert!(note.contains("`201`") && note.contains("answer_as::<Json<serde_json::Value>>()"), "{api}");
}

#[test]
fn an_example_answered_as_the_method_reads_adds_nothing() {
    let api = crate_api("query-answers-none", "HTTP/1.1 204 No Content");
    assert!(!api.contains("adds `?review=true`"), "{api}");
}

/// The note list's search page: its line writes `?{query}`; with `table`, its query
/// parameters table lists `search` too.
fn search_api(name: &str, query: &str, table: bool) -> String {
    let note = common::resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let rows = if table {
        "## Query parameters\n\n| Name | Type | Description |\n|:---|:---|:---|\n| search | String | Words to look for. |\n\n"
    } else {
        ""
    };
    let search = format!(
        "---\ntitle: \"Search notes\"\nms.prod: \"sheets\"\ndoc_type: apiPageType\n---\n\n# Search notes\n\nNamespace: microsoft.graph\n\nSearch the [notes](../resources/note.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nGET /notes?{query}\n```\n\n{rows}## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [note](../resources/note.md) objects in the response body.\n"
    );
    let files =
        common::generated(name, &[("resources/entity.md", common::ENTITY), ("resources/note.md", &note), ("api/note-search.md", &search)]);
    files.get("src/api/notes.rs").cloned().expect("notes module")
}

#[test]
fn a_query_only_the_request_line_writes_is_said_how_to_add() {
    // v1.0's `GET /sites?search={query}`: no table lists `search`, so the method does not take
    // it; its docs show the line as written and say how to send it.
    let api = search_api("query-line-only", "search={query}", false);
    assert!(api.contains("/// `GET /notes?search={query}`"), "{api}");
    assert!(api.contains("The request line adds a query parameter: `.query(\"search\", value)`."), "{api}");
    assert!(api.contains("pub fn list(\n        &self,\n    )"), "no argument: {api}");
    // Listed by a table too, it is the method's argument, and no note is added.
    let api = search_api("query-line-and-table", "search={query}", true);
    assert!(!api.contains("The request line adds"), "{api}");
    // A fixed value is no parameter to add.
    let api = search_api("query-line-fixed", "search=all", false);
    assert!(!api.contains("The request line adds"), "{api}");
}
