//! Helpers shared by the integration tests that work on copies of docs trees and crates.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A folder under the system temp dir that is deleted when the test is done with it (dropped,
/// also when the test fails), so runs leave no `graphgen-*` folders behind.
#[derive(Debug)]
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh folder under the system temp dir, unique to this test process, removed on drop.
pub fn scratch(name: &str) -> Scratch {
    let d = std::env::temp_dir().join(format!("graphgen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch");
    Scratch(d)
}

/// The crate generated from a `v1.0` tree of just `pages` (path under `v1.0/`, text).
pub fn generated(name: &str, pages: &[(&str, &str)]) -> graphgen::emit::Files {
    let dir = scratch(name);
    for (page, text) in pages {
        let at = dir.join("v1.0").join(page);
        std::fs::create_dir_all(at.parent().expect("a page has a folder")).expect("page folder");
        std::fs::write(at, text).expect("write page");
    }
    graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates").0
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// The lamp page with no base stated anywhere (no "Inherits from", no `baseType`).
pub const NO_BASE: [(&str, &str, &str); 2] = [
    ("resources/lamp.md", "Inherits from [entity](entity.md).", "It stands on a desk."),
    ("resources/lamp.md", "  \"baseType\": \"microsoft.graph.entity\",\n", ""),
];

/// A copy of the clean `fixtures/lint` tree named `name`, with each (page, from, to)
/// replacement made (first occurrence) and each (page, text) written: a docs quirk rebuilt in
/// made-up words.
pub fn lint_tree(name: &str, edits: &[(&str, &str, &str)], pages: &[(&str, &str)]) -> Scratch {
    let dir = scratch(name);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint"), &dir);
    for (page, from, to) in edits {
        let path = dir.join("v1.0").join(page);
        let text = std::fs::read_to_string(&path).expect("page");
        assert!(text.contains(from), "{from:?} is in {page}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write page");
    }
    for (page, text) in pages {
        std::fs::write(dir.join("v1.0").join(page), text).expect("write page");
    }
    dir
}

/// Every lint finding of a docs tree.
pub fn findings(dir: &Path) -> Vec<graphgen::lint::Finding> {
    let (_, diags, texts) = graphgen::build_ir_keeping_pages(dir).expect("docs load");
    graphgen::lint::lint(&texts, &diags, &graphgen::lint::Options::default()).findings
}

/// The v1.0 IR of a docs tree.
pub fn api(dir: &Path) -> graphgen::ir::Api {
    let (ir, _) = graphgen::build_ir(dir).expect("docs load");
    ir.apis.get("v1.0").cloned().expect("v1.0")
}

/// A made-up resource page of type `name` deriving from `base`, with property `rows` and a JSON
/// representation.
pub fn resource(name: &str, base: &str, rows: &str, json: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA made-up {name}.\n\nInherits from [{base}]({base}.md).\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\",\n  \"baseType\": \"microsoft.graph.{base}\"\n}}-->\n```json\n{json}\n```\n"
    )
}

/// A list page of product `product` answering `name`s at `path`.
pub fn list(product: &str, path: &str, name: &str) -> String {
    format!(
        "---\ntitle: \"List {name}\"\nms.prod: \"{product}\"\ndoc_type: apiPageType\n---\n\n# List {name}\n\nNamespace: microsoft.graph\n\nList the [{name}](../resources/{name}.md) objects.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nGET {path}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [{name}](../resources/{name}.md) objects in the response body.\n"
    )
}

/// The `entity` page every made-up type derives from.
pub const ENTITY: &str = "---\ntitle: \"entity resource type\"\ndoc_type: resourcePageType\n---\n\n# entity resource type\n\nNamespace: microsoft.graph\n\nThe base of every entity.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The key. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.entity\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String\"\n}\n```\n";
