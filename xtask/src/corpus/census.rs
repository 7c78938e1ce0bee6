//! An independent count of what the docs contain, by plain line scanning (no markdown parser,
//! none of graphgen's front end), so the IR can be measured against it. The rules follow
//! `../shared/corpus-notes.md`.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
pub struct Census {
    /// `@odata.type` of every `"blockType": "resource"` annotation.
    pub resource_types: BTreeSet<String>,
    /// Resource types whose page has a Properties table with at least one row.
    pub types_with_rows: BTreeSet<String>,
    /// Simple enum names: `### x values` in enums*.md, and enum pages' `# x enum type`.
    pub enums: BTreeSet<String>,
    /// (method, normalized path) → first page, from the HTTP request blocks.
    pub endpoints: BTreeMap<(String, String), String>,
    /// Endpoints of pages that state a response type (annotation or linked sentence).
    pub stated_responses: BTreeSet<(String, String)>,
    pub request_fences: usize,
    pub response_fences: usize,
    /// `file:line` of every example fence (the line of its opening backticks).
    pub fences: BTreeSet<String>,
    /// Example bodies that start like JSON (`{` or `[`).
    pub json_bodies: usize,
}

const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE"];

/// `{..}` → `{}`, lowercase, no query, no service root, leading `/`.
pub fn normalize(path: &str) -> String {
    let mut p = path.trim();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = p.strip_prefix(scheme) {
            p = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
        }
    }
    let p = p.trim_start_matches('/');
    let p = p.strip_prefix("v1.0/").or_else(|| p.strip_prefix("beta/")).unwrap_or(p);
    let p = p.split('?').next().unwrap_or("");
    let mut out = String::from("/");
    let mut depth = 0;
    for c in p.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out.trim_end_matches('/').to_string()
}

fn method_line(l: &str) -> Option<(String, &str)> {
    let (m, rest) = l.trim().split_once(char::is_whitespace)?;
    let m = m.to_ascii_uppercase();
    METHODS.contains(&m.as_str()).then_some((m, rest.trim()))
}

impl Census {
    pub fn page(&mut self, rel: &str, text: &str) {
        let is_api = rel.contains("/api/");
        let file = rel.rsplit('/').next().unwrap_or(rel);
        let lines: Vec<&str> = text.lines().collect();
        self.annotations(text);
        if !is_api {
            self.enum_names(file, text, &lines);
        }
        let mut section = String::new();
        let mut in_fence = false;
        let mut fence_first: Option<usize> = None;
        let mut page_endpoints = Vec::new();
        let mut states_response = false;
        let mut response_sentence_done = false;
        let mut in_comment = false;
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim();
            // Text inside a multi-line HTML comment is commented out of the page.
            if in_comment {
                in_comment = !t.contains("-->");
                continue;
            }
            if !in_fence && t.starts_with("<!--") && !t.contains("-->") {
                in_comment = true;
                continue;
            }
            if !in_fence && t.starts_with("## ") {
                section = t[3..].trim().to_ascii_lowercase();
                continue;
            }
            if t.starts_with("```") {
                in_fence = !in_fence;
                fence_first = in_fence.then_some(i + 1);
                continue;
            }
            if in_fence {
                if section.starts_with("http request") {
                    if let Some((m, p)) = method_line(t) {
                        page_endpoints.push((m, normalize(p)));
                    }
                } else if fence_first.is_some() && !t.is_empty() {
                    fence_first = None;
                    let request = method_line(t).is_some_and(|(_, p)| p.starts_with("http"));
                    let response = t.starts_with("HTTP/") || t.starts_with("HTTP ");
                    if request || response {
                        self.fences.insert(format!("{rel}:{}", i));
                        if request {
                            self.request_fences += 1;
                        } else {
                            self.response_fences += 1;
                        }
                        if body_is_json(&lines[i + 1..]) {
                            self.json_bodies += 1;
                        }
                    }
                }
                continue;
            }
            if is_api && section == "response" && !response_sentence_done && t.to_ascii_lowercase().contains("return") {
                response_sentence_done = true;
                // The sentence that says what is returned names the type; a later "see [error
                // codes]" link on the line does not, and a redirect (3xx) returns no body.
                let sentence = t.split(". ").find(|s| s.to_ascii_lowercase().contains("return")).unwrap_or(t);
                let redirect = ["301", "302", "303", "307", "308"].iter().any(|c| sentence.contains(c));
                states_response |= !redirect && (sentence.contains("](../resources/") || sentence.contains("](resources/"));
            }
        }
        // A response annotation with a type also states one.
        states_response |= text.split("<!--").any(|c| {
            let c = c.split("-->").next().unwrap_or("");
            c.contains("\"response\"") && c.contains("@odata.type")
        });
        for (m, p) in page_endpoints {
            if states_response {
                self.stated_responses.insert((m.clone(), p.clone()));
            }
            self.endpoints.entry((m, p)).or_insert_with(|| rel.to_string());
        }
    }

    fn annotations(&mut self, text: &str) {
        // Rows under a heading that mentions properties: header + delimiter + one row at least.
        let mut rows = 0;
        let mut under = false;
        for l in text.lines() {
            let t = l.trim();
            if t.starts_with('#') {
                under = t.to_ascii_lowercase().contains("propert");
            } else if under && t.starts_with('|') {
                rows += 1;
            }
        }
        let before = self.resource_types.clone();
        self.resource_annotations(text);
        if rows >= 3 {
            let new: Vec<String> = self.resource_types.difference(&before).cloned().collect();
            self.types_with_rows.extend(new);
            // A type declared on several pages counts once it has rows on any of them.
            if let Some(t) = first_resource_type(text) {
                self.types_with_rows.insert(t);
            }
        }
    }

    fn resource_annotations(&mut self, text: &str) {
        for chunk in text.split("<!--").skip(1) {
            let c = chunk.split("-->").next().unwrap_or("");
            let compact: String = c.chars().filter(|c| !c.is_whitespace()).collect();
            if !compact.contains("\"blockType\":\"resource\"") {
                continue;
            }
            if let Some(pos) = compact.find("\"@odata.type\":\"") {
                let rest = &compact[pos + 15..];
                if let Some(end) = rest.find('"') {
                    self.resource_types.insert(rest[..end].trim_start_matches('#').to_string());
                }
            }
        }
    }

    fn enum_names(&mut self, file: &str, text: &str, lines: &[&str]) {
        let enum_page = text.lines().take(15).any(|l| {
            let l = l.to_ascii_lowercase();
            l.starts_with("doc_type:") && l.contains("enum")
        });
        for l in lines {
            let t = l.trim();
            let hashes = t.chars().take_while(|c| *c == '#').count();
            let title = t[hashes..].trim();
            if file.starts_with("enums") && (2..=4).contains(&hashes) {
                if let Some(name) = title.strip_suffix(" values") {
                    self.enums.insert(name.trim_matches('`').trim().to_string());
                }
            }
            if enum_page && hashes == 1 {
                // "# deviceType enum type"; titles of enum collections ("# Call records enum
                // types") name no enum.
                if let Some((name, _)) = title.split_once(" enum") {
                    let name = name.trim_matches('`').trim();
                    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        self.enums.insert(name.to_string());
                    }
                }
            }
        }
    }
}

fn first_resource_type(text: &str) -> Option<String> {
    let mut c = Census::default();
    c.resource_annotations(text);
    c.resource_types.into_iter().next()
}

/// After the first line of an example fence: skip headers, see whether the body starts like JSON.
fn body_is_json(rest: &[&str]) -> bool {
    for l in rest {
        let t = l.trim();
        if t.starts_with("```") {
            return false;
        }
        if t.starts_with('{') || t.starts_with('[') {
            return true;
        }
        if t.is_empty() || t.contains(':') && !t.starts_with('"') {
            continue;
        }
        return false;
    }
    false
}
