//! The linter on `fixtures/lint`, a clean docs tree broken one way at a time: each kind of
//! inconsistency is reported with its code, on the line that holds it. Also the baseline, the
//! output formats and the seed page.

use common::copy_dir;
use graphgen::diag::Code;
use graphgen::lint::{self, Baseline, Finding, Format, Options};
use std::path::{Path, PathBuf};

mod common;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint")
}

/// A copy of the fixture with `from` replaced by `to` (first occurrence) in `page`.
fn broken(name: &str, page: &str, from: &str, to: &str) -> (common::Scratch, String) {
    let dir = common::scratch(&format!("lint-{name}"));
    copy_dir(&fixture(), &dir);
    let path = dir.join("v1.0").join(page);
    let text = std::fs::read_to_string(&path).expect("page");
    assert!(text.contains(from), "{from:?} is in {page}");
    let text = text.replacen(from, to, 1);
    std::fs::write(&path, &text).expect("write page");
    (dir, text)
}

fn run(dir: &Path, opts: &Options) -> lint::Report {
    let (_, diags, texts) = graphgen::build_ir_keeping_pages(dir).expect("docs load");
    lint::lint(&texts, &diags, opts)
}

/// 1-based line of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> u32 {
    let i = text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in the page"));
    u32::try_from(i + 1).expect("line")
}

fn assert_found(findings: &[Finding], code: Code, page: &str, line: u32) -> Finding {
    let file = format!("v1.0/{page}");
    let hit = findings.iter().find(|f| f.code == code && f.file == file && f.line == line);
    match hit {
        Some(f) => f.clone(),
        None => {
            let all: Vec<String> = findings.iter().map(|f| format!("{} {}:{} {}", f.code.id(), f.file, f.line, f.message)).collect();
            panic!("no {} at {file}:{line}; found:\n{}", code.id(), all.join("\n"))
        }
    }
}

#[test]
fn the_clean_fixture_has_no_findings() {
    let report = run(&fixture(), &Options::default());
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn a_property_renamed_in_the_table_only() {
    let (dir, text) = broken("rename", "resources/lamp.md", "| brightness | Int32 |", "| luminosity | Int32 |");
    let report = run(&dir, &Options::default());
    let f = assert_found(&report.findings, Code::JsonRepresentation, "resources/lamp.md", line_of(&text, "\"brightness\": \"Int32\""));
    assert_eq!((f.column, f.width), (3, 12), "the caret sits on the key, quotes included");
    assert_found(&report.findings, Code::JsonRepresentationMissing, "resources/lamp.md", line_of(&text, "| luminosity |"));
    // The examples still send the old name, as the representation shows it: two statements
    // that the lamp has `brightness`, read as a property beside the row's `luminosity`
    // (`resolve::repr_rows`), so the examples are no finding; the two findings above are.
    assert!(!report.findings.iter().any(|f| f.code == Code::ExampleUnknownProperty && f.file.ends_with("lamp-update.md")));
}

#[test]
fn a_row_the_annotation_lists_as_optional_may_be_left_out_of_the_representation() {
    let (dir, _) = broken("optional-row", "resources/lamp.md", "  \"isOn\": \"Boolean\",\n", "");
    let missing = |r: &lint::Report| r.findings.iter().filter(|f| f.code == Code::JsonRepresentationMissing).count();
    assert_eq!(missing(&run(&dir, &Options::default())), 1, "a row left out is a finding");
    let page = dir.join("v1.0/resources/lamp.md");
    let text = std::fs::read_to_string(&page).expect("page");
    let text = text.replacen("\"keyProperty\": \"id\"", "\"keyProperty\": \"id\",\n  \"optionalProperties\": [\"isOn\"]", 1);
    std::fs::write(&page, text).expect("write");
    assert_eq!(missing(&run(&dir, &Options::default())), 0, "unless the annotation says it may be absent");
}

#[test]
fn a_type_changed_in_the_table() {
    let (dir, text) = broken("type", "resources/lamp.md", "| isOn | Boolean |", "| isOn | Int32 |");
    let report = run(&dir, &Options::default());
    assert_found(&report.findings, Code::JsonRepresentationType, "resources/lamp.md", line_of(&text, "\"isOn\": \"Boolean\""));
    let api = std::fs::read_to_string(dir.join("v1.0/api/lamp-update.md")).expect("page");
    assert_found(&report.findings, Code::ExampleMismatch, "api/lamp-update.md", line_of(&api, "\"isOn\": true"));
}

#[test]
fn an_example_value_outside_its_enum() {
    let (dir, text) = broken("enum", "api/lamp-update.md", "\"shade\": \"amber\"", "\"shade\": \"purple\"");
    let report = run(&dir, &Options::default());
    let f = assert_found(&report.findings, Code::ExampleEnumValue, "api/lamp-update.md", line_of(&text, "\"purple\""));
    assert!(f.message.contains("amber, white"), "the message lists the members: {}", f.message);
}

#[test]
fn an_example_with_another_method() {
    let (dir, text) = broken("method", "api/lamp-update.md", "PATCH https://graph", "PUT https://graph");
    let report = run(&dir, &Options::default());
    let f = assert_found(&report.findings, Code::ExampleMethod, "api/lamp-update.md", line_of(&text, "PUT https://graph"));
    assert_eq!((f.column, f.width), (1, 3), "the caret sits on the method");
    let block = line_of(&text, "PATCH /lamps/");
    assert!(f.related.iter().any(|r| r.line == block && r.source.contains("PATCH /lamps/")), "labels the documented line: {:?}", f.related);
}

#[test]
fn an_example_calling_another_path() {
    let (dir, text) = broken("path", "api/lamp-update.md", "/v1.0/lamps/7d3c1a52", "/v1.0/lanterns/7d3c1a52");
    let report = run(&dir, &Options::default());
    assert_found(&report.findings, Code::ExamplePath, "api/lamp-update.md", line_of(&text, "lanterns"));
}

#[test]
fn an_example_key_no_table_lists() {
    let (dir, text) = broken("key", "api/lamp-update.md", "\"isOn\": true,", "\"isOn\": true,\n  \"wattage\": 5,");
    let report = run(&dir, &Options::default());
    assert_found(&report.findings, Code::ExampleUnknownProperty, "api/lamp-update.md", line_of(&text, "\"wattage\""));
}

#[test]
fn a_key_of_an_item_of_a_page_is_named_by_its_path_in_the_whole_answer() {
    // The message names the key as the reader finds it in the example's text: under `value`,
    // not at the item's own `$[1]`.
    let dir = common::lint_tree("page-item", &[], &[("api/lamp-list.md", LAMP_LIST)]);
    let report = run(&dir, &Options::default());
    let f = assert_found(&report.findings, Code::ExampleUnknownProperty, "api/lamp-list.md", line_of(LAMP_LIST, "\"wattage\""));
    assert!(f.message.contains("$.value[1].wattage is not a property"), "{}", f.message);
}

/// A list page whose example's second lamp has a key no table lists.
const LAMP_LIST: &str = "---\ntitle: \"List lamps\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# List lamps\n\nNamespace: microsoft.graph\n\nList the [lamp](../resources/lamp.md) objects.\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /lamps\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [lamp](../resources/lamp.md) objects in the response body.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"list_lamps\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/lamps\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.lamp\", \"isCollection\": true } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": [\n    {\n      \"id\": \"1\",\n      \"isOn\": true\n    },\n    {\n      \"id\": \"2\",\n      \"wattage\": 5\n    }\n  ]\n}\n```\n";

#[test]
fn a_response_sentence_naming_another_type() {
    let (dir, text) = broken(
        "sentence",
        "api/lamp-update.md",
        "an updated [lamp](../resources/lamp.md) object",
        "an updated [light](../resources/light.md) object",
    );
    let report = run(&dir, &Options::default());
    // The finding says which side the answer is read from, and where it may still be overruled.
    assert!(
        report.findings.iter().any(|f| f.code == Code::ResponseMismatch
            && f.file == "v1.0/api/lamp-update.md"
            && (f.message.contains("read as `microsoft.graph.light`") || f.message.contains("read as the annotation's"))),
        "{:?}",
        report.findings
    );
    let _ = text;
}

#[test]
fn a_link_to_a_type_with_no_page() {
    let (dir, text) = broken("link", "resources/lamp.md", "| bulbs | String collection |", "| bulbs | [bulbSet](bulbset.md) |");
    let report = run(&dir, &Options::default());
    assert_found(&report.findings, Code::UnresolvedType, "resources/lamp.md", line_of(&text, "[bulbSet]"));
}

#[test]
fn base_types_stated_two_ways() {
    let (dir, text) = broken("base", "resources/lamp.md", "Inherits from [entity](entity.md).", "Inherits from [light](light.md).");
    let report = run(&dir, &Options::default());
    assert!(
        report.findings.iter().any(|f| f.code == Code::BaseTypeConflict && f.file == "v1.0/resources/lamp.md"),
        "{:?}",
        report.findings
    );
    let _ = text;
}

#[test]
fn a_dictionary_types_keys_are_data_but_an_open_types_table_still_counts() {
    // A made-up open type with no table of its own: its JSON shows data keys (as planner and
    // list-item pages do), which are no findings.
    let dir = common::scratch("lint-dictionary");
    copy_dir(&fixture(), &dir);
    let page = "---\ntitle: \"lampLabels resource type\"\ndoc_type: resourcePageType\n---\n\n# lampLabels resource type\n\nNamespace: microsoft.graph\n\nLabels by lamp id.\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"openType\": true,\n  \"@odata.type\": \"microsoft.graph.lampLabels\"\n}-->\n```json\n{\n  \"7d3c1a52\": \"Reading lamp\",\n  \"9e21b0c4\": \"Hall\"\n}\n```\n";
    std::fs::write(dir.join("v1.0/resources/lamplabels.md"), page).expect("write page");
    let report = run(&dir, &Options::default());
    assert!(!report.findings.iter().any(|f| f.file.ends_with("lamplabels.md")), "{:?}", report.findings);
    // The lamp made open keeps its table: a key the table does not list is still a finding.
    let (dir, text) = broken("open-typo", "resources/lamp.md", "\"keyProperty\": \"id\"", "\"keyProperty\": \"id\",\n  \"openType\": true");
    let text = text.replacen("\"isOn\": \"Boolean\",", "\"isLit\": \"Boolean\",", 1);
    std::fs::write(dir.join("v1.0/resources/lamp.md"), &text).expect("write");
    let report = run(&dir, &Options::default());
    assert_found(&report.findings, Code::JsonRepresentation, "resources/lamp.md", line_of(&text, "\"isLit\""));
}

#[test]
fn a_property_listed_twice() {
    let (dir, text) = broken(
        "dup",
        "resources/lamp.md",
        "| isOn | Boolean | Whether the lamp is lit. |",
        "| isOn | Boolean | Whether the lamp is lit. |\n| isOn | Boolean | Lit or not. |",
    );
    let report = run(&dir, &Options::default());
    let f = assert_found(&report.findings, Code::DuplicateProperty, "resources/lamp.md", line_of(&text, "Lit or not"));
    assert_eq!((f.column, f.width), (3, 4), "the caret sits on the name");
    let first = line_of(&text, "| isOn |");
    let labels: Vec<(u32, &str)> = f.related.iter().map(|r| (r.line, r.message.as_str())).collect();
    assert_eq!(labels, [(first, "the row used")], "a secondary label on the row that counts");
    let human = lint::render(&report, Format::Human, "");
    assert!(human.contains(&format!("::: v1.0/resources/lamp.md:{first}\n")), "{human}");
    assert!(human.contains("- the row used"), "{human}");
    let json = lint::render(&report, Format::Json, "");
    assert!(json.contains(&format!("\"related\":[{{\"file\":\"v1.0/resources/lamp.md\",\"line\":{first}")), "{json}");
}

#[test]
fn malformed_annotation_json() {
    let (dir, text) = broken("annotation", "api/lamp-update.md", "\"name\": \"update_lamp\"", "\"name\": [[\"update_lamp\"");
    let report = run(&dir, &Options::default());
    assert!(report.findings.iter().any(|f| f.code == Code::AnnotationJson && f.file == "v1.0/api/lamp-update.md"), "{:?}", report.findings);
    let _ = text;
}

#[test]
fn a_placeholder_left_in_the_page() {
    let (dir, text) = broken("todo", "resources/lamp.md", "| Brightness in percent. |", "| **TODO: Add Description** |");
    let report = run(&dir, &Options::default());
    let f = assert_found(&report.findings, Code::Todo, "resources/lamp.md", line_of(&text, "TODO"));
    assert!(f.source.contains("TODO") && f.column > 1, "placed on the placeholder: {f:?}");
}

#[test]
fn the_baseline_accepts_old_findings_fails_new_ones_and_lists_stale_ones() {
    let (dir, _) = broken("baseline", "api/lamp-update.md", "\"shade\": \"amber\"", "\"shade\": \"purple\"");
    let first = run(&dir, &Options::default());
    assert_eq!(first.failed(), 0, "warnings alone do not fail without a baseline");
    let baseline = Baseline::parse(&Baseline::of(&first.findings)).expect("baseline reads back");
    let with = |b: &Baseline| Options { baseline: Some(b.clone()), ..Options::default() };
    let accepted = run(&dir, &with(&baseline));
    assert_eq!((accepted.failed(), accepted.stale.len()), (0, 0));
    // A new inconsistency fails; the accepted one does not.
    let page = dir.join("v1.0/api/lamp-update.md");
    let text = std::fs::read_to_string(&page).expect("page").replacen("PATCH https://graph", "PUT https://graph", 1);
    std::fs::write(&page, text).expect("write");
    let new = run(&dir, &with(&baseline));
    let failing: Vec<Code> = new.findings.iter().filter(|f| f.fails(true)).map(|f| f.code).collect();
    assert!(failing.contains(&Code::ExampleMethod) && !failing.contains(&Code::ExampleEnumValue), "{failing:?}");
    // The accepted one fixed: its baseline entry is stale.
    let text = std::fs::read_to_string(&page).expect("page").replacen("\"purple\"", "\"amber\"", 1);
    std::fs::write(&page, text).expect("write");
    let fixed = run(&dir, &with(&baseline));
    assert_eq!(fixed.stale.len(), 1, "{:?}", fixed.stale);
    assert_eq!(fixed.stale[0].code, "GG0406");
}

#[test]
fn a_baselined_finding_naming_another_line_stays_accepted_when_that_line_moves() {
    // The lamp's `bulbs` row, left out of the JSON representation: the message names the
    // representation's line, which an edit above it moves.
    let (dir, _) = broken("baseline-moved", "resources/lamp.md", "  \"isOn\": \"Boolean\",\n", "");
    let first = run(&dir, &Options::default());
    let said = first.findings.iter().find(|f| f.code == Code::JsonRepresentationMissing).map(|f| f.message.clone());
    assert!(said.as_deref().is_some_and(|m| m.contains("(line ")), "{said:?}");
    let baseline = Baseline::parse(&Baseline::of(&first.findings)).expect("baseline reads back");
    let page = dir.join("v1.0/resources/lamp.md");
    let text = std::fs::read_to_string(&page).expect("page").replacen("## Properties", "A second paragraph.\n\n## Properties", 1);
    std::fs::write(&page, text).expect("write");
    let moved = run(&dir, &Options { baseline: Some(baseline), ..Options::default() });
    assert_eq!((moved.failed(), moved.stale.len()), (0, 0), "{:?}", moved.findings.iter().filter(|f| f.fails(true)).collect::<Vec<_>>());
}

#[test]
fn allow_drops_a_code_and_deny_makes_it_fail() {
    let (dir, _) = broken("deny", "api/lamp-update.md", "PATCH https://graph", "PUT https://graph");
    let allow = Options { allow: [Code::ExampleMethod].into(), ..Options::default() };
    assert!(run(&dir, &allow).findings.iter().all(|f| f.code != Code::ExampleMethod));
    let deny = Options { deny: [Code::ExampleMethod].into(), ..Options::default() };
    assert_eq!(run(&dir, &deny).failed(), 1);
    let warnings = Options { deny_warnings: true, ..Options::default() };
    assert_eq!(run(&dir, &warnings).failed(), 1);
}

#[test]
fn three_output_formats() {
    let (dir, text) = broken("formats", "api/lamp-update.md", "\"shade\": \"amber\"", "\"shade\": \"purple\"");
    let report = run(&dir, &Options::default());
    let line = line_of(&text, "\"purple\"");
    let human = lint::render(&report, Format::Human, "");
    assert!(human.contains(&format!("--> v1.0/api/lamp-update.md:{line}:")), "{human}");
    assert!(human.contains("^^^^^^^"), "a caret under the key: {human}");
    assert!(human.contains("= help:"), "{human}");
    let json = lint::render(&report, Format::Json, "docs/");
    let first: serde_json::Value = serde_json::from_str(json.lines().next().expect("a line")).expect("JSON lines");
    assert_eq!((first["code"].as_str(), first["line"].as_u64()), (Some("GG0406"), Some(u64::from(line))));
    assert_eq!(first["file"].as_str(), Some("docs/v1.0/api/lamp-update.md"));
    let github = lint::render(&report, Format::Github, "docs/");
    assert!(github.starts_with(&format!("::warning file=docs/v1.0/api/lamp-update.md,line={line},col=")), "{github}");
}

#[test]
fn the_seed_page_reports_its_placeholders_and_the_missing_type_page() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let report = run(&specs, &Options::default());
    let seed = "beta/api/profile-post-phones.md";
    let todos = report.findings.iter().filter(|f| f.file == seed && f.code == Code::Todo).count();
    assert_eq!(todos, 17);
    assert!(report.findings.iter().any(|f| f.file == seed && f.code == Code::UnresolvedType && f.message.contains("personDataSources")));
}

#[test]
fn the_specs_have_no_finding_their_committed_baseline_does_not_accept() {
    // A page added to `specs/` that contradicts itself fails here (and in CI's lint step):
    // fix the page, or accept the finding with `graphgen lint --docs specs --write-baseline
    // specs/lint-baseline.txt` and say why in the commit.
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let text = std::fs::read_to_string(specs.join("lint-baseline.txt")).expect("specs/lint-baseline.txt");
    let baseline = graphgen::lint::Baseline::parse(&text).expect("a baseline");
    let report = run(&specs, &Options { baseline: Some(baseline), ..Options::default() });
    let new: Vec<String> =
        report.findings.iter().filter(|f| f.fails(true)).map(|f| format!("{}:{} {}", f.file, f.line, f.message)).collect();
    assert!(new.is_empty(), "findings not in specs/lint-baseline.txt: {new:#?}");
    assert!(report.stale.is_empty(), "baseline entries no longer found: {:?}", report.stale);
}

#[test]
fn null_among_possible_values_is_a_finding_and_no_member() {
    let (dir, text) =
        broken("null-member", "resources/lamp.md", "`white`, `unknownFutureValue`.", "`white`, `null`, `unknownFutureValue`.");
    let report = run(&dir, &Options::default());
    assert_found(&report.findings, Code::EnumNullMember, "resources/lamp.md", line_of(&text, "`null`"));
    let (ir, _) = graphgen::build_ir(&dir).expect("docs load");
    let shade = &ir.apis["v1.0"].enums["microsoft.graph.lampShade"];
    let names: Vec<&str> = shade.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["amber", "white", "unknownFutureValue"]);
}
