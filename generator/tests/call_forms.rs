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

/// A function's argument the docs type as an enum takes the enum (or a text), and the enum is
/// compiled with the request, not left to `unreferenced`; one typed as a number takes a number.
#[test]
fn an_argument_typed_as_an_enum_or_a_number_takes_it_and_an_enum_compiles_with_the_request() {
    let note = common::resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let enums = "---\ntitle: \"Enum types\"\ndoc_type: enumPageType\n---\n\n# Enum types\n\nNamespace: microsoft.graph\n\n### glowLevel values\n\n|Member|\n|:---|\n|dim|\n|bright|\n";
    let glow = get("Glow", "/sheets/{id}/glow(level='{level}',times={times})").replace(
        "## Response",
        "## Function parameters\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| level | glowLevel | How bright. |\n| times | Int32 | How often. |\n\n## Response",
    );
    let files = common::generated(
        "enum-arg",
        &[("resources/entity.md", common::ENTITY), ("resources/note.md", &note), ("resources/enums.md", enums), ("api/glow.md", &glow)],
    );
    let api = files.get("src/api/sheets.rs").expect("sheets module");
    assert!(api.contains("level: impl AsRef<str>"), "{api}");
    // A number takes what prints as one: `glow(GlowLevel::Dim, 3)`.
    assert!(api.contains("times: impl std::fmt::Display"), "{api}");
    assert!(api.contains("[`GlowLevel`](crate::enums::GlowLevel)"), "{api}");
    let enums = files.get("src/enums/mod.rs").expect("enums");
    let gate = enums.split("mod glow_level;").next().and_then(|s| s.lines().rev().find(|l| l.starts_with("#[cfg(feature"))).unwrap_or("");
    assert_eq!(gate, "#[cfg(feature = \"sheets\")]", "{enums}");
    let glow_level = files.get("src/enums/glow_level.rs").expect("enum file");
    assert!(glow_level.contains("impl AsRef<str> for GlowLevel"), "{glow_level}");
}
