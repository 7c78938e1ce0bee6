//! A page: front matter, kind, title, namespace and its blocks.

use super::markdown::{self, Block, Inlines};
use crate::diag::{Code, Diags};
use crate::source::LineIndex;
use std::collections::BTreeMap;

/// What a page documents: by its front matter's `doc_type`, else by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A page in an `api/` folder: one or more request lines.
    Api,
    /// Any other page: a type's tables.
    Resource,
    /// A page of enumerations (`doc_type: enumPageType`).
    Enum,
    /// A conceptual page (`doc_type: conceptualPageType`): only its examples are read.
    Conceptual,
}

/// A page, split into its parts.
#[derive(Debug)]
pub struct Page {
    /// Path relative to the docs root, `/`-separated (`beta/api/x.md`).
    pub file: String,
    /// What it documents.
    pub kind: PageKind,
    /// Front matter keys and values (`title`, `ms.prod`), values verbatim.
    pub front: BTreeMap<String, String>,
    /// Text of the H1, when there is one.
    pub title: Option<String>,
    /// `Namespace: microsoft.graph.x` line, when there is one.
    pub namespace: Option<String>,
    /// The body's blocks, in page order.
    pub blocks: Vec<Block>,
}

/// A run of blocks under one H2 (or under the page before any H2).
pub struct Section<'p> {
    /// Heading text, lowercased and trimmed of `:` and spaces; empty before the first H2.
    pub name: String,
    /// What the heading announces, decided once from `name`.
    pub kind: SectionKind,
    /// The heading's line (0 before the first heading).
    pub line: u32,
    /// The blocks under the heading, up to the next H1 or H2.
    pub blocks: &'p [Block],
}

impl Page {
    /// Blocks grouped by H2 headings; H1 starts a fresh unnamed section.
    pub fn sections(&self) -> Vec<Section<'_>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut name = String::new();
        let mut line = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            if let Block::Heading { level, text, line: l } = b {
                if *level <= 2 {
                    out.push(Section { kind: SectionKind::of(&name), name, line, blocks: &self.blocks[start..i] });
                    name = if *level == 2 { normalize_heading(text) } else { String::new() };
                    line = *l;
                    start = i + 1;
                }
            }
        }
        out.push(Section { kind: SectionKind::of(&name), name, line, blocks: &self.blocks[start..] });
        out
    }
}

/// What a section of a page holds, by its heading. The phrases the front end recognizes in
/// headings are all here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Before the first H2 (and after an H1): the title, the description, "Inherits from".
    Intro,
    /// `## HTTP request`, and headings that start so ("HTTP request (to upload a file)").
    HttpRequest,
    /// `## Request headers`.
    RequestHeaders,
    /// `## Optional query parameters` and the like.
    QueryParameters,
    /// `## Function parameters`, `## Path parameters`.
    PathParameters,
    /// `## Request body`.
    RequestBody,
    /// `## Parameters`, `## Request parameters`, `## Body parameters`: a parameter table outside
    /// the request body section (an action's body, when the page's JSON sends its names).
    BodyParameters,
    /// `## Response`, `## Responses`, `## Response body`.
    Response,
    /// `## Methods`, `## Excel methods`: the table of a resource's API pages.
    Methods,
    /// `## Permissions` (`## Prerequisites` on some pages): who may call, with which scopes.
    Permissions,
    /// Anything else (`## Example`, `## Properties`, ...).
    Other,
}

impl SectionKind {
    /// The kind of a heading given as [`normalize_heading`] writes it.
    pub fn of(name: &str) -> SectionKind {
        match name {
            "" => SectionKind::Intro,
            "request body" => SectionKind::RequestBody,
            _ if BODY_PARAMETERS.contains(&name) => SectionKind::BodyParameters,
            "response" | "responses" | "response body" => SectionKind::Response,
            "methods" => SectionKind::Methods,
            "permissions" | "prerequisites" => SectionKind::Permissions,
            _ if name.starts_with("http request") => SectionKind::HttpRequest,
            _ if name.contains("request header") => SectionKind::RequestHeaders,
            _ if name.contains("query parameters") => SectionKind::QueryParameters,
            _ if name.contains("function parameters") || name.contains("path parameters") => SectionKind::PathParameters,
            _ if name.ends_with(" methods") => SectionKind::Methods,
            _ => SectionKind::Other,
        }
    }
}

/// Headings of parameter tables that are neither query, path nor function parameters. The
/// corpus writes only `Parameters`; the others are the same heading in other words.
const BODY_PARAMETERS: &[&str] = &["parameters", "request parameters", "body parameters", "request body parameters", "action parameters"];

/// A heading as sections are named: plain text, lower case, without a trailing `:`.
pub fn normalize_heading(text: &Inlines) -> String {
    text.plain().trim().trim_end_matches(':').trim().to_lowercase()
}

/// The blocks under the H2 of this kind; else under the first H3 or H4 of this kind
/// (`### Request body` inside `## HTTP request`), up to the next heading of its level or above.
pub fn named_blocks<'p>(page: &'p Page, sections: &[Section<'p>], kind: SectionKind) -> Option<(u32, &'p [Block])> {
    if let Some(s) = sections.iter().find(|s| s.kind == kind) {
        return Some((s.line, s.blocks));
    }
    let blocks = &page.blocks;
    let (start, level, line) = blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Heading { level, text, line } if (3..=4).contains(level) && SectionKind::of(&normalize_heading(text)) == kind => {
            Some((i + 1, *level, *line))
        }
        _ => None,
    })?;
    let end = blocks[start..]
        .iter()
        .position(|b| matches!(b, Block::Heading { level: l, .. } if *l <= level))
        .map_or(blocks.len(), |n| start + n);
    Some((line, &blocks[start..end]))
}

/// Split front matter off and parse the page body. Never fails: problems are diagnostics.
pub fn parse(file: &str, text: &str, diags: &mut Diags) -> Page {
    let lines = LineIndex::new(text);
    let (front, body_start) = front_matter(text);
    if body_start == 0 {
        diags.push(file, 1, Code::FrontMatter, "page has no `---` front matter block");
    }
    let blocks = markdown::blocks(&text[body_start..], body_start, &lines);
    let mut title = None;
    let mut namespace = None;
    for b in &blocks {
        match b {
            Block::Heading { level: 1, text, .. } if title.is_none() => title = Some(text.plain()),
            Block::Para { text, .. } if namespace.is_none() => {
                let p = text.plain();
                if let Some(ns) = p.strip_prefix("Namespace:") {
                    let ns = ns.trim().trim_end_matches('.');
                    if !ns.is_empty() {
                        namespace = Some(ns.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    let kind = classify(file, &front);
    Page { file: file.to_string(), kind, front, title, namespace, blocks }
}

/// Folder decides api vs resource (doc_type disagrees on some pages); doc_type picks out enum
/// and conceptual pages.
fn classify(file: &str, front: &BTreeMap<String, String>) -> PageKind {
    let doc_type = front.get("doc_type").map(|s| s.to_ascii_lowercase()).unwrap_or_default();
    if doc_type.starts_with("enum") {
        return PageKind::Enum;
    }
    if doc_type.starts_with("conceptual") {
        return PageKind::Conceptual;
    }
    let in_api = file.split('/').any(|seg| seg == "api");
    if in_api {
        PageKind::Api
    } else {
        PageKind::Resource
    }
}

/// Lenient front matter: `---` lines (extra whitespace allowed) around `key: value` lines.
/// Returns the map and the byte offset where the body starts (0 when there is no front matter).
fn front_matter(text: &str) -> (BTreeMap<String, String>, usize) {
    let mut map = BTreeMap::new();
    let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_nobom.len();
    let mut lines = text_nobom.split_inclusive('\n');
    let mut off = bom;
    match lines.next() {
        Some(first) if first.trim() == "---" => off += first.len(),
        _ => return (map, 0),
    }
    for line in lines {
        off += line.len();
        let t = line.trim();
        if t == "---" {
            return (map, off);
        }
        if let Some((k, v)) = t.split_once(':') {
            let v = v.trim().trim_matches('"').trim_matches('\'').trim();
            map.insert(k.trim().to_string(), v.to_string());
        }
    }
    (BTreeMap::new(), 0)
}

impl Page {
    /// The page's product (`ms.prod` front matter, lowercase), the docs' area of the page:
    /// `outlook`, `users`; empty when the page names none, or only a placeholder (`TODO`).
    pub fn product(&self) -> String {
        let product =
            self.front.get("ms.prod").map(|p| p.trim_matches(|c| c == '\'' || c == '"').trim().to_ascii_lowercase()).unwrap_or_default();
        if product.contains("todo") {
            String::new()
        } else {
            product
        }
    }
}

#[cfg(test)]
mod section_tests {
    use super::SectionKind;

    #[test]
    fn headings_name_their_sections_once() {
        let text = "---\ntitle: x\n---\n# x\nintro\n## HTTP request (to upload)\n## Optional query parameters:\n## Request headers\n## Path parameters\n## Request body\n## Parameters\n## Responses\n## Excel methods\n## Example\n";
        let page = super::parse("v1.0/api/x.md", text, &mut crate::diag::Diags::default());
        let kinds: Vec<SectionKind> = page.sections().iter().map(|s| s.kind).collect();
        use SectionKind::*;
        assert_eq!(
            kinds,
            [
                Intro,
                Intro,
                HttpRequest,
                QueryParameters,
                RequestHeaders,
                PathParameters,
                RequestBody,
                BodyParameters,
                Response,
                Methods,
                Other
            ]
        );
    }
}
