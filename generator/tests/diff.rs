//! `graphgen diff` on copies of the small docs tree in `tests/fixtures/diff/v1.0`: pages written
//! for these tests in the format of the Graph reference docs (the schema extension resource and
//! its five methods, the pages they link and `itemBody` with its enum). Each test seeds one kind
//! of change into the new copy and checks that the report holds exactly the changes it
//! implies, with their class and lines.

use graphgen::diff::{self, Change, Class, Kind};
use std::path::{Path, PathBuf};

mod common;

const PAGES: &[&str] = &[
    "resources/schemaextension.md",
    "resources/extensionschemaproperty.md",
    "resources/entity.md",
    "resources/itembody.md",
    "api/schemaextension-delete.md",
    "api/schemaextension-get.md",
    "api/schemaextension-list.md",
    "api/schemaextension-post-schemaextensions.md",
    "api/schemaextension-update.md",
];

/// The fixture docs tree the tests copy pages from.
fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/v1.0")
}

/// A docs tree holding `pages` copied from the fixture tree.
fn tree(name: &str, pages: &[&str]) -> common::Scratch {
    let dir = common::scratch(&format!("diff-{name}"));
    for p in pages {
        let to = dir.join("v1.0").join(p);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(corpus().join(p), &to).unwrap_or_else(|e| panic!("{p}: {e}"));
    }
    dir
}

/// Replaces the first `from` in a page of `dir` with `to`; the 1-based line where `to` starts.
fn edit(dir: &Path, page: &str, from: &str, to: &str) -> u32 {
    let path = dir.join("v1.0").join(page);
    let text = std::fs::read_to_string(&path).expect("page");
    let at = text.find(from).unwrap_or_else(|| panic!("{from:?} is not in {page}"));
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    line_at(&text, at)
}

fn line_at(text: &str, byte: usize) -> u32 {
    u32::try_from(text[..byte].matches('\n').count() + 1).expect("line")
}

/// The 1-based line of the first `needle` in a fixture page.
fn line_of(page: &str, needle: &str) -> u32 {
    let text = std::fs::read_to_string(corpus().join(page)).expect("page");
    line_at(&text, text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in {page}")))
}

fn changes(old: &Path, new: &Path) -> Vec<Change> {
    let ((a, _), (b, _)) = graphgen::load_ir_pair(old, new).expect("docs load");
    let (changes, unmatched) = diff::diff_irs(&a, &b, None);
    assert!(unmatched.is_empty());
    changes
}

/// (kind, item, old line, new line) of each change, for exact comparison.
fn summary(changes: &[Change]) -> Vec<(Kind, String, Option<u32>, Option<u32>)> {
    let mut out: Vec<_> =
        changes.iter().map(|c| (c.kind, c.item.clone(), c.old.as_ref().map(|s| s.line), c.new.as_ref().map(|s| s.line))).collect();
    out.sort();
    out
}

/// The line of a resource page's annotation comment (where its type is said to be).
fn annotation_line(page: &str) -> u32 {
    line_of(page, "\"blockType\": \"resource\"") - 1
}

/// A pair of trees: the pages as they are, and a copy to seed a change into.
fn pair(name: &str) -> (common::Scratch, common::Scratch) {
    (tree(&format!("{name}-old"), PAGES), tree(&format!("{name}-new"), PAGES))
}

const T: &str = "microsoft.graph.schemaExtension";
const RES: &str = "resources/schemaextension.md";

#[test]
fn the_same_pages_report_nothing() {
    let (old, new) = pair("same");
    assert_eq!(summary(&changes(&old, &new)), []);
}

#[test]
fn pages_reflowed_and_headings_reformatted_report_nothing() {
    let (old, new) = pair("reflow");
    for p in PAGES {
        let path = new.join("v1.0").join(p);
        let text = std::fs::read_to_string(&path).expect("page");
        // `## Properties` → `##   Properties ##`, and a blank line before each heading.
        let reformatted: String = text
            .lines()
            .map(|l| match l.find(|c| c != '#') {
                Some(n) if n > 0 && l[n..].starts_with(' ') => format!("\n{}   {} {}\n", &l[..n], l[n..].trim(), &l[..n]),
                _ => format!("{l}\n"),
            })
            .collect();
        std::fs::write(&path, reformatted).expect("write");
    }
    assert_eq!(summary(&changes(&old, &new)), []);
}

#[test]
fn a_property_added_is_additive() {
    let (old, new) = pair("prop-added");
    let row = "|owner|String|";
    let line = edit(&new, RES, row, &format!("|version|Int32|The version of the definition.|\n{row}"));
    let found = changes(&old, &new);
    // New: it was nowhere (the type's old place is no place of the property).
    assert_eq!(summary(&found), [(Kind::PropertyAdded, format!("{T}.version"), None, Some(line))]);
    assert_eq!(found[0].class(), Class::Additive);
}

#[test]
fn a_property_removed_is_breaking() {
    let (old, new) = pair("prop-removed");
    let line = line_of(RES, "|status|String|");
    edit(&new, RES, "|status|String|", "|");
    // And from the representation: a key it shows and examples write is read as a property.
    edit(&new, RES, "  \"status\": \"String\",\n", "");
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::PropertyRemoved, format!("{T}.status"), Some(line), Some(annotation_line(RES)))]);
    assert_eq!(found[0].class(), Class::Breaking);
}

#[test]
fn a_property_retyped_or_made_a_collection_is_breaking() {
    let (old, new) = pair("prop-retyped");
    let line = edit(&new, RES, "|owner|String|", "|owner|Int32|");
    assert_eq!(summary(&changes(&old, &new)), [(Kind::PropertyRetyped, format!("{T}.owner"), Some(line), Some(line))]);
    let (old, new) = pair("prop-collection");
    let line = edit(&new, RES, "|owner|String|", "|owner|String collection|");
    // And its representation: a row that the representation and the examples both contradict
    // is outweighed (GG0211), and nothing would change.
    edit(&new, RES, "\"owner\": \"String\",", "\"owner\": [\"String\"],");
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::PropertyCardinality, format!("{T}.owner"), Some(line), Some(line))]);
    assert_eq!(found[0].class(), Class::Breaking);
}

#[test]
fn a_property_renamed_in_place_is_one_likely_rename() {
    let (old, new) = pair("prop-renamed");
    let line = edit(&new, RES, "|owner|String|", "|ownerAppId|String|");
    edit(&new, RES, "\"owner\": \"String\",", "\"ownerAppId\": \"String\",");
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::PropertyRenamed, format!("{T}.owner"), Some(line), Some(line))]);
    assert!(found[0].detail.contains("`owner` → `ownerAppId`"), "{}", found[0].detail);
    assert_eq!(found[0].class(), Class::Breaking);
}

#[test]
fn a_description_edited_is_docs_only() {
    let (old, new) = pair("described");
    let line = edit(&new, RES, "A short text that says what the definition holds.", "What the schema extension is for.");
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::Described, format!("{T}.description"), Some(line), Some(line))]);
    assert_eq!(found[0].class(), Class::DocsOnly);
}

#[test]
fn types_added_and_removed() {
    let without: Vec<&str> = PAGES.iter().copied().filter(|p| !p.ends_with("itembody.md")).collect();
    let (old, new) = (tree("type-added-old", &without), tree("type-added-new", PAGES));
    let page = "resources/itembody.md";
    let found = changes(&old, &new);
    let (ann, enum_row) = (annotation_line(page), line_of(page, "|contentType|"));
    assert_eq!(
        summary(&found),
        [
            (Kind::TypeAdded, "microsoft.graph.itemBody".into(), None, Some(ann)),
            (Kind::EnumAdded, "microsoft.graph.bodyType".into(), None, Some(enum_row))
        ]
    );
    assert!(found.iter().all(|c| c.class() == Class::Additive));
    let removed = changes(&new, &old);
    assert_eq!(
        summary(&removed),
        [
            (Kind::TypeRemoved, "microsoft.graph.itemBody".into(), Some(ann), None),
            (Kind::EnumRemoved, "microsoft.graph.bodyType".into(), Some(enum_row), None)
        ]
    );
    assert!(removed.iter().all(|c| c.class() == Class::Breaking));
}

#[test]
fn a_type_renamed_on_its_page_is_one_likely_rename() {
    let (old, new) = pair("type-renamed");
    let page = "resources/extensionschemaproperty.md";
    edit(&new, page, "\"microsoft.graph.extensionSchemaProperty\"", "\"microsoft.graph.extensionSchemaField\"");
    let found = changes(&old, &new);
    let (ann, prop) = (annotation_line(page), line_of(RES, "|properties|"));
    assert_eq!(
        summary(&found),
        [
            (Kind::TypeRenamed, "microsoft.graph.extensionSchemaProperty".into(), Some(ann), Some(ann)),
            // The property linking the page now names the new type.
            (Kind::PropertyRetyped, format!("{T}.properties"), Some(prop), Some(prop)),
        ]
    );
    let renamed = &found[0];
    assert!(renamed.detail.contains("`extensionSchemaProperty` → `extensionSchemaField`"), "{}", renamed.detail);
    assert!(found.iter().all(|c| c.class() == Class::Breaking));
}

#[test]
fn a_base_type_changed_is_breaking() {
    let (old, new) = pair("base");
    edit(&new, RES, "\"baseType\": \"microsoft.graph.entity\",", "");
    let found = changes(&old, &new);
    let ann = Some(annotation_line(RES));
    // The `id` row, dropped as inherited while `entity` was the base, is the type's own now.
    let id = line_of(RES, "|id|String|");
    assert_eq!(summary(&found), [(Kind::BaseChanged, T.into(), ann, ann), (Kind::PropertyAdded, format!("{T}.id"), None, Some(id))]);
    assert_eq!(found.iter().map(Change::class).collect::<Vec<_>>(), [Class::Breaking, Class::Additive]);
}

#[test]
fn enum_members_added_and_removed() {
    let (old, new) = pair("members");
    let page = "resources/itembody.md";
    let row = edit(&new, page, "Possible values are `text` and `html`.", "Possible values are `text`, `html` and `markdown`.");
    let found = changes(&old, &new);
    // The sentence that lists the members is the property's description too.
    assert_eq!(
        summary(&found),
        [
            (Kind::MemberAdded, "microsoft.graph.bodyType.markdown".into(), Some(row), Some(row)),
            (Kind::Described, "microsoft.graph.itemBody.contentType".into(), Some(row), Some(row)),
        ]
    );
    assert_eq!(found[0].class(), Class::Additive, "enums are #[non_exhaustive]");
    let (old, new) = pair("members-removed");
    edit(&new, page, "Possible values are `text` and `html`.", "Possible values are `text`.");
    let found = changes(&old, &new);
    assert_eq!(
        summary(&found),
        [
            (Kind::MemberRemoved, "microsoft.graph.bodyType.html".into(), Some(row), Some(row)),
            (Kind::Described, "microsoft.graph.itemBody.contentType".into(), Some(row), Some(row)),
        ]
    );
    assert_eq!(found[0].class(), Class::Breaking);
}

#[test]
fn an_enum_made_flags_is_additive_and_the_reverse_breaking() {
    // The crate reads an enum's flags (`members`, `join`): becoming flags adds, the reverse takes away.
    let (old, _new) = pair("flags");
    let ((a, _), _) = graphgen::load_ir_pair(&old, &old).expect("docs load");
    let mut b = a.clone();
    for api in b.apis.values_mut() {
        api.enums.get_mut("microsoft.graph.bodyType").expect("bodyType").flags = true;
    }
    let (found, _) = diff::diff_irs(&a, &b, None);
    assert_eq!(summary(&found).iter().map(|c| (c.0, c.1.as_str())).collect::<Vec<_>>(), [(Kind::EnumFlagsSet, "microsoft.graph.bodyType")]);
    assert_eq!(found[0].class(), Class::Additive);
    let (found, _) = diff::diff_irs(&b, &a, None);
    assert_eq!(found.iter().map(|c| (c.kind, c.class())).collect::<Vec<_>>(), [(Kind::EnumFlagsCleared, Class::Breaking)]);
}

#[test]
fn operations_added_and_removed() {
    let without: Vec<&str> = PAGES.iter().copied().filter(|p| !p.ends_with("-delete.md")).collect();
    let (old, new) = (tree("op-old", &without), tree("op-new", PAGES));
    let line = line_of("api/schemaextension-delete.md", "DELETE /schemaExtensions/{id}");
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::OperationAdded, "DELETE /schemaExtensions/{id}".into(), None, Some(line))]);
    assert_eq!(found[0].class(), Class::Additive);
    let found = changes(&new, &old);
    assert_eq!(summary(&found), [(Kind::OperationRemoved, "DELETE /schemaExtensions/{id}".into(), Some(line), None)]);
    assert_eq!(found[0].class(), Class::Breaking);
    // Named as a user's code calls it, not by a function the crate does not have.
    assert_eq!(found[0].detail, "`schema_extensions().id(schema_extension_id).delete()` is gone");
}

#[test]
fn an_example_edited_is_docs_only_and_says_what_its_test_now_finds() {
    let (old, new) = pair("example");
    let page = "api/schemaextension-get.md";
    let line = edit(&new, page, "\"owner\": \"00000000-0000-0000-0000-000000000001\",", "\"owner\": 7,");
    let found = changes(&old, &new);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].kind, found[0].class(), found[0].item.as_str()),
        (Kind::ExampleChanged, Class::DocsOnly, "GET /schemaExtensions/{id}")
    );
    assert!(found[0].detail.contains("now disagrees with the documented types: response $.owner is a number"), "{}", found[0].detail);
    // At the response's fence, above the line edited.
    let at = found[0].new.as_ref().map(|s| s.line).expect("place");
    assert!(at < line && line - at < 12, "{at} vs {line}");
}

#[test]
fn query_options_stated_otherwise_with_the_same_set_are_reported() {
    let (old, new) = pair("query-same");
    let page = "api/schemaextension-list.md";
    // A list page that supports OData query parameters takes the standard set; naming two of
    // them changes the IR's evidence note, not the set, and a drift check would fail on it.
    edit(
        &new,
        page,
        "This method supports the [OData Query Parameters]",
        "This method supports the `$filter` and `$top` [OData Query Parameters]",
    );
    let found = changes(&old, &new);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].kind, found[0].class()), (Kind::Described, Class::DocsOnly));
    assert!(
        found[0].detail.starts_with("the page states its query options otherwise; the options it takes are the same: "),
        "{}",
        found[0].detail
    );
}

#[test]
fn bodies_and_answers_changed_are_breaking() {
    let (old, new) = pair("answer");
    let page = "api/schemaextension-update.md";
    let line = line_of(page, "PATCH /schemaExtensions/{id}");
    edit(
        &new,
        page,
        "If successful, this method returns a `204 No Content` response code.",
        "If successful, this method returns a `200 OK` response code and the updated [schemaExtension](../resources/schemaextension.md) object in the response body.",
    );
    // The example says so too: one answering `204 No Content` would outweigh the sentence.
    let response = edit(&new, page, "HTTP/1.1 204 No Content", "HTTP/1.1 200 OK");
    let found = changes(&old, &new);
    let item = "PATCH /schemaExtensions/{id}".to_string();
    // The example edited is its test's change, docs-only, at the response it changed (its
    // fence, the line before).
    let fence = Some(response - 1);
    assert_eq!(summary(&found), [(Kind::AnswerChanged, item.clone(), Some(line), Some(line)), (Kind::ExampleChanged, item, fence, fence)]);
    assert_eq!(found[0].class(), Class::Breaking);
    assert_eq!(found[1].class(), Class::DocsOnly);

    let (old, new) = pair("body");
    let page = "api/schemaextension-post-schemaextensions.md";
    let line = line_of(page, "POST /schemaExtensions");
    edit(&new, page, "[schemaExtension](../resources/schemaextension.md) object", "[itemBody](../resources/itembody.md) object");
    // The example sends the new body too: a page whose example sends the model's type's keys
    // is read as that type (GG0802 says the page names another).
    edit(
        &new,
        page,
        "\"description\": \"A sample definition\",\n  \"targetTypes\": [\"Group\"],",
        "\"content\": \"A sample definition\",\n  \"contentType\": \"text\",",
    );
    let found = changes(&old, &new);
    // `itemBody` (and its enum) were compiled by no area's operation; now `extensions` sends it.
    let (item_body, body_type) = (Some(annotation_line("resources/itembody.md")), Some(line_of("resources/itembody.md", "|contentType|")));
    // The example's request fence: the line before its request line.
    let request = Some(line_of(page, "POST https://graph.microsoft.com/v1.0/schemaExtensions") - 1);
    assert_eq!(
        summary(&found),
        [
            (Kind::BodyChanged, "POST /schemaExtensions".into(), Some(line), Some(line)),
            (Kind::AreaRemoved, "microsoft.graph.bodyType".into(), body_type, body_type),
            (Kind::AreaRemoved, "microsoft.graph.itemBody".into(), item_body, item_body),
            (Kind::AreaAdded, "microsoft.graph.bodyType".into(), body_type, body_type),
            (Kind::AreaAdded, "microsoft.graph.itemBody".into(), item_body, item_body),
            (Kind::ExampleChanged, "POST /schemaExtensions".into(), request, request),
        ]
    );
    let classes: Vec<(Kind, &str, Class)> = found.iter().map(|c| (c.kind, c.area.as_str(), c.class())).collect();
    assert!(classes.contains(&(Kind::BodyChanged, "extensions", Class::Breaking)), "{classes:?}");
    assert!(classes.contains(&(Kind::AreaRemoved, "unreferenced", Class::Breaking)), "{classes:?}");
    assert!(classes.contains(&(Kind::AreaAdded, "extensions", Class::Additive)), "{classes:?}");
}

#[test]
fn header_and_query_rows_are_docs_only() {
    let (old, new) = pair("params");
    let page = "api/schemaextension-update.md";
    let line = line_of(page, "PATCH /schemaExtensions/{id}");
    edit(&new, page, "| Content-Type   | application/json |", "| Content-Type   | application/json |\n| If-Match | The entity tag. |");
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::ParameterAdded, "PATCH /schemaExtensions/{id}".into(), Some(line), Some(line))]);
    assert!(found[0].detail.contains("request header `If-Match`"), "{}", found[0].detail);
    assert_eq!(found[0].class(), Class::DocsOnly);
    let found = changes(&new, &old);
    assert_eq!(summary(&found), [(Kind::ParameterRemoved, "PATCH /schemaExtensions/{id}".into(), Some(line), Some(line))]);

    // A query parameter's row is placed on its own line, not the request line.
    let (old, new) = pair("query-row");
    let page = "api/schemaextension-list.md";
    let line = line_of(page, "GET /schemaExtensions");
    let at = edit(
        &new,
        page,
        "to shape the answer.\n",
        "to shape the answer.\n\n| Name | Type | Description |\n|:--|:--|:--|\n| includeRetired | Boolean | Also the retired ones. |\n",
    ) + 4;
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::ParameterAdded, "GET /schemaExtensions".into(), Some(line), Some(at))], "{found:#?}");
    assert!(found[0].detail.contains("query parameter `includeRetired`"), "{}", found[0].detail);
}

#[test]
fn query_options_and_path_parameters_are_docs_only() {
    let (old, new) = pair("query");
    let page = "api/schemaextension-list.md";
    let line = line_of(page, "GET /schemaExtensions");
    // The page names one option before and three after, without saying it supports OData
    // query parameters in general (a list page that does takes Graph's standard set too).
    edit(&old, page, "This method supports the [OData Query Parameters]", "This method supports the `$select` [query parameter]");
    edit(
        &new,
        page,
        "This method supports the [OData Query Parameters]",
        "This method supports the `$filter`, `$select` and `$top` [query parameters]",
    );
    let found = changes(&old, &new);
    let item = "GET /schemaExtensions".to_string();
    assert_eq!(
        summary(&found),
        [(Kind::ParameterAdded, item.clone(), Some(line), Some(line)), (Kind::ParameterAdded, item, Some(line), Some(line))]
    );
    let details: Vec<&str> = found.iter().map(|c| c.detail.as_str()).collect();
    assert_eq!(details, ["query option `$filter` is new", "query option `$top` is new"]);
    assert!(found.iter().all(|c| c.class() == Class::DocsOnly));

    // A path parameter renamed: the same endpoint and function (arguments are positional).
    let (old, new) = pair("path-param");
    let page = "api/schemaextension-get.md";
    let line = edit(&new, page, "GET /schemaExtensions/{id}", "GET /schemaExtensions/{schemaExtension-id}");
    let found = changes(&old, &new);
    let item = "GET /schemaExtensions/{schemaExtension-id}".to_string();
    assert_eq!(
        summary(&found),
        [
            (Kind::ParameterAdded, item.clone(), Some(line), Some(line)),
            (Kind::ParameterRemoved, item.clone(), Some(line), Some(line)),
            (Kind::Described, item, Some(line), Some(line)),
        ]
    );
    assert!(found.iter().all(|c| c.class() == Class::DocsOnly), "{found:#?}");

    // One that names the function's argument otherwise, on every page of the key (a step takes
    // the name most lines give it): still docs-only, and said.
    let (old, new) = pair("arg-name");
    edit(&new, page, "GET /schemaExtensions/{id}", "GET /schemaExtensions/{extensionKey}");
    edit(&new, "api/schemaextension-delete.md", "DELETE /schemaExtensions/{id}", "DELETE /schemaExtensions/{extensionKey}");
    edit(&new, "api/schemaextension-update.md", "PATCH /schemaExtensions/{id}", "PATCH /schemaExtensions/{extensionKey}");
    let found = changes(&old, &new);
    let named = found.iter().find(|c| c.detail.starts_with("arguments named otherwise")).expect("the argument's name is reported");
    assert!(named.detail.contains("id(extension_key)"), "{}", named.detail);
    assert!(found.iter().all(|c| c.class() == Class::DocsOnly && c.kind != Kind::FunctionRenamed), "{found:#?}");
}

#[test]
fn an_operation_moved_to_another_feature_is_breaking() {
    let (old, new) = pair("area");
    let page = "api/schemaextension-delete.md";
    edit(&new, page, "ms.prod: \"extensions\"", "ms.prod: \"directory-management\"");
    let line = line_of(page, "DELETE /schemaExtensions/{id}");
    let found = changes(&old, &new);
    assert_eq!(summary(&found), [(Kind::AreaRemoved, "DELETE /schemaExtensions/{id}".into(), Some(line), Some(line))]);
    assert!(found[0].detail.contains("from feature `extensions` to `directory-management`"), "{}", found[0].detail);
    assert_eq!(found[0].class(), Class::Breaking);
}

#[test]
fn an_ir_snapshot_reads_like_its_docs_and_outputs_render() {
    let (old, new) = pair("snapshot");
    let (ir, _) = graphgen::build_ir(&old).expect("docs");
    let yaml = serde_yaml::to_string(&ir).expect("yaml");
    let snapshot = old.join("ir.yaml");
    std::fs::write(&snapshot, yaml).expect("write");
    let line = edit(&new, RES, "|owner|String|", "|owner|Int32|");
    let found = changes(&snapshot, &new);
    assert_eq!(summary(&found), [(Kind::PropertyRetyped, format!("{T}.owner"), Some(line), Some(line))]);
    let github = diff::render(&found, diff::Format::Github, "docs/", Some(Class::Breaking));
    assert!(github.starts_with(&format!("::error file=docs/v1.0/{RES},line={line},title=breaking property retyped::")), "{github}");
    let json = diff::render(&found, diff::Format::Json, "", None);
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("json");
    assert_eq!((v["class"].as_str(), v["kind"].as_str()), (Some("breaking"), Some("property retyped")));
    let md = diff::render(&found, diff::Format::Markdown, "", None);
    assert!(md.contains("### Breaking changes") && md.contains(&format!("`{T}.owner`")), "{md}");
    let human = diff::render(&found, diff::Format::Human, "", None);
    assert!(human.contains("== v1.0 feature `extensions`") && human.contains("1 breaking"), "{human}");
    assert_eq!(diff::bump("0.3.1", &found), ("0.4.0".to_string(), "breaking (minor, while 0.x)"));
}

#[test]
fn a_crate_folder_reads_as_its_snapshot_and_a_folder_with_no_api_is_refused() {
    let (old, new) = pair("crate-folder");
    let (ir, _) = graphgen::build_ir(&old).expect("docs");
    let krate = old.join("crate");
    std::fs::create_dir_all(krate.join("src/api")).expect("mkdir");
    std::fs::write(krate.join("ir.yaml"), serde_yaml::to_string(&ir).expect("yaml")).expect("write");
    let line = edit(&new, RES, "|owner|String|", "|owner|Int32|");
    let found = changes(&krate, &new);
    assert_eq!(summary(&found), [(Kind::PropertyRetyped, format!("{T}.owner"), Some(line), Some(line))]);
    // Its `src/` holds an `api/` folder but no pages: not an empty API that makes everything new.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .args(["diff", "--fail-on", "breaking", "--old"])
        .arg(krate.join("src"))
        .arg("--new")
        .arg(&new)
        .output()
        .expect("graphgen runs");
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no API"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn fail_on_sets_the_exit_status() {
    let (old, new) = pair("fail-on");
    edit(&new, RES, "|owner|String|", "|version|Int32|The version.|\n|owner|String|");
    let run = |fail_on: &str, from: &Path, to: &Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .args(["diff", "--format", "json", "--fail-on", fail_on, "--old"])
            .arg(from)
            .arg("--new")
            .arg(to)
            .output()
            .expect("graphgen runs");
        (out.status.code(), String::from_utf8_lossy(&out.stdout).lines().count())
    };
    // One additive change one way, one breaking change the other way.
    assert_eq!(run("breaking", &old, &new), (Some(0), 1));
    assert_eq!(run("additive", &old, &new), (Some(1), 1));
    assert_eq!(run("breaking", &new, &old), (Some(1), 1));
}

#[test]
fn two_version_folders_of_other_names_are_compared() {
    let (old, new) = pair("folders");
    let line = edit(&new, RES, "|owner|String|", "|owner|Int32|");
    let head = new.join("head");
    std::fs::rename(new.join("v1.0"), &head).expect("rename");
    let found = changes(&old.join("v1.0"), &head);
    assert_eq!(summary(&found), [(Kind::PropertyRetyped, format!("{T}.owner"), Some(line), Some(line))]);
    assert_eq!(found[0].new.as_ref().map(|s| s.file.as_str()), Some("head/resources/schemaextension.md"));
}

#[test]
fn a_type_several_features_compile_names_them() {
    // The get page in another feature: the type is compiled by two. There is no `shared`
    // feature, so a change to it says which features compile it.
    let (old, new) = pair("shared");
    for dir in [&old, &new] {
        edit(dir, "api/schemaextension-get.md", "ms.prod: \"extensions\"", "ms.prod: \"directory-management\"");
    }
    edit(&new, RES, "|owner|String|", "|owner|Int32|");
    let found = changes(&old, &new);
    let c = found.iter().find(|c| c.item == format!("{T}.owner")).unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        (c.area.as_str(), c.features.as_slice()),
        ("shared", ["directory-management".to_string(), "extensions".to_string()].as_slice())
    );
    let md = diff::render(&found, diff::Format::Markdown, "", None);
    assert!(md.contains("features `directory-management`, `extensions`") && !md.contains("feature `shared`"), "{md}");
}
