//! An enum section against the rows that list the values of properties taking it (GG0212): a
//! section copied from another enum's gives way to the rows; otherwise it stands, reported.

use graphgen::diag::Code;

mod common;

/// The lamp tree with an enums page: `lampShade`'s section lists `members`, and `glowLevel`'s
/// (another enum) lists `dim` and `bright`. The lamp's `shade` row lists `amber`, `white` and
/// `unknownFutureValue`.
fn tree(name: &str, members: &[&str]) -> common::Scratch {
    let table = |ms: &[&str]| ms.iter().map(|m| format!("|{m}|\n")).collect::<String>();
    let page = format!(
        "---\ntitle: \"Enum types\"\ndoc_type: enumPageType\n---\n\n# Enum types\n\nNamespace: microsoft.graph\n\n### lampShade values\n\n|Member|\n|:---|\n{}\n### glowLevel values\n\n|Member|\n|:---|\n{}",
        table(members),
        table(&["dim", "bright"])
    );
    common::lint_tree(name, &[], &[("resources/enums.md", &page)])
}

#[test]
fn a_section_copied_from_another_enum_gives_way_to_the_rows() {
    let dir = tree("enum-copied", &["dim", "bright"]);
    let e = &common::api(&dir).enums["microsoft.graph.lampShade"];
    let members: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["amber", "white", "unknownFutureValue"]);
    assert!(e.settled.as_deref().is_some_and(|why| why.contains("glowLevel")), "{:?}", e.settled);
    let found = common::findings(&dir);
    let f: Vec<_> = found.iter().filter(|f| f.code == Code::EnumMembersContradicted).collect();
    assert_eq!(f.len(), 1, "{found:?}");
    assert_eq!((f[0].file.as_str(), f[0].line), ("v1.0/resources/enums.md", 10));
    assert!(f[0].related.iter().any(|r| r.file == "v1.0/resources/lamp.md"), "{:?}", f[0].related);
}

#[test]
fn a_section_of_its_own_stands_and_is_reported() {
    let dir = tree("enum-own", &["sepia", "frosted"]);
    let e = &common::api(&dir).enums["microsoft.graph.lampShade"];
    let members: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["sepia", "frosted"]);
    assert!(e.settled.is_none());
    let found = common::findings(&dir);
    assert_eq!(found.iter().filter(|f| f.code == Code::EnumMembersContradicted).count(), 1, "{found:?}");
}

#[test]
fn rows_naming_some_members_agree() {
    let dir = tree("enum-agree", &["amber", "white", "green", "unknownFutureValue"]);
    assert_eq!(common::api(&dir).enums["microsoft.graph.lampShade"].members.len(), 4);
    assert!(common::findings(&dir).iter().all(|f| f.code != Code::EnumMembersContradicted));
}

#[test]
fn an_enum_two_pages_define_has_the_members_of_both() {
    let glow = "---\ntitle: \"glowLevel values\"\ndoc_type: enumPageType\n---\n\n# glowLevel values\n\nNamespace: microsoft.graph\n\n### glowLevel values\n\n|Member|\n|:---|\n|Bright|\n|blinding|\n";
    let dir = common::lint_tree("enum-twice", &[], &[
        ("resources/enums.md", "---\ntitle: \"Enum types\"\ndoc_type: enumPageType\n---\n\n# Enum types\n\nNamespace: microsoft.graph\n\n### glowLevel values\n\n|Member|\n|:---|\n|dim|\n|bright|\n"),
        ("resources/glowlevels.md", glow),
    ]);
    let e = &common::api(&dir).enums["microsoft.graph.glowLevel"];
    let mut members: Vec<String> = e.members.iter().map(|m| m.name.to_ascii_lowercase()).collect();
    members.sort();
    assert_eq!(members, ["blinding", "bright", "dim"], "every member either page lists, `Bright` once");
    assert!(e.settled.as_deref().is_some_and(|why| why.contains("the members of both")), "{:?}", e.settled);
    let found = common::findings(&dir);
    assert_eq!(found.iter().filter(|f| f.code == Code::DuplicateType).count(), 1, "{found:?}");
}
