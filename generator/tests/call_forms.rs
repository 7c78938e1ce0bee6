//! One form per one-argument call in a path (GG0311): where some page names and quotes the
//! argument, an unquoted or positional spelling of the same call is read as that.

use graphgen::diag::Code;

mod common;

fn get(title: &str, path: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nms.prod: \"sheets\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\nRead a [note](../resources/note.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nGET {path}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [note](../resources/note.md) object in the response body.\n"
    )
}

#[test]
fn an_unquoted_or_positional_call_is_read_as_other_pages_quote_it() {
    let note = common::resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let pages: Vec<(String, String)> = vec![
        ("v1.0/resources/entity.md".into(), common::ENTITY.into()),
        ("v1.0/resources/note.md".into(), note),
        ("v1.0/api/range-get.md".into(), get("Get range", "/sheets/{id}/range(address='{address}')")),
        ("v1.0/api/range-view.md".into(), get("Get view", "/sheets/{id}/range(address={address})/view")),
        ("v1.0/api/range-cover.md".into(), get("Get cover", "/sheets/{id}/range({address})/cover")),
        // No page quotes `rowsAbove`: its argument may be a number, and stays as written.
        ("v1.0/api/range-above.md".into(), get("Rows above", "/sheets/{id}/rowsAbove(count={count})")),
    ];
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    let mut paths: Vec<String> = api.operations.iter().map(|o| o.path.to_string()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/sheets/{id}/range(address='{address}')",
            "/sheets/{id}/range(address='{address}')/cover",
            "/sheets/{id}/range(address='{address}')/view",
            "/sheets/{id}/rowsAbove(count={count})"
        ]
    );
    let cover = api.operations.iter().find(|o| o.path.to_string().ends_with("/cover")).expect("cover");
    assert_eq!(cover.documented, ["/sheets/{id}/range({address})/cover"], "the page's spelling is kept");
    assert_eq!(cover.parameters.iter().map(|p| p.function_arg.as_deref()).collect::<Vec<_>>(), [None, Some("address")]);
    let found: Vec<_> = diags.iter().filter(|d| d.code == Code::CallForm).map(|d| d.file.as_str()).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.contains(&"v1.0/api/range-view.md") && found.contains(&"v1.0/api/range-cover.md"));
}
