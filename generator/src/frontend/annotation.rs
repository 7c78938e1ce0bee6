//! `<!-- { "blockType": ... } -->` annotations: lenient JSON, string booleans, legacy page
//! annotations ignored.

use super::json::{self, Parsed};
use super::markdown::Block;
use crate::diag::{Code, Diags};
use serde_json::{Map, Value};

/// An annotation's JSON object.
pub type Annotation = Map<String, Value>;

/// Every annotation of a page by the line of its comment, each read (and each of its problems
/// reported) once, whichever readers look at it: the resource reader and the examples reader
/// both walk a resource page's comments.
#[derive(Debug, Default)]
pub struct Annotations(std::collections::HashMap<u32, Annotation>);

impl Annotations {
    /// Reads the annotations of every comment block of `blocks`.
    pub fn read_all(blocks: &[Block], file: &str, diags: &mut Diags) -> Annotations {
        Annotations(blocks.iter().filter_map(|b| read(b, file, diags).map(|a| (b.line(), a))).collect())
    }

    /// The annotation of a comment block, when it is one.
    pub fn of(&self, block: &Block) -> Option<&Annotation> {
        match block {
            Block::Comment { line, .. } => self.0.get(line),
            _ => None,
        }
    }
}

/// Read a comment block as an annotation; `None` for comments that are not JSON objects or are
/// legacy `#page.annotation` blocks.
fn read(block: &Block, file: &str, diags: &mut Diags) -> Option<Annotation> {
    let Block::Comment { text, line, closed } = block else {
        return None;
    };
    if !text.starts_with('{') {
        return None;
    }
    if !closed {
        diags.push(file, *line, Code::AnnotationJson, "annotation comment is never closed with `-->`");
    }
    match json::parse(text) {
        Ok((Value::Object(map), how)) => {
            if map.get("type").and_then(Value::as_str) == Some("#page.annotation") {
                return None;
            }
            if matches!(how, Parsed::Repaired(_)) {
                diags.push(
                    file,
                    *line,
                    Code::AnnotationRepaired,
                    "annotation JSON needed repair (trailing comma, unquoted key or similar)",
                );
            }
            Some(map)
        }
        Ok(_) => None,
        Err(e) => {
            if text.contains("blockType") {
                diags.push(file, *line, Code::AnnotationJson, format!("annotation is not valid JSON: {e}"));
            }
            None
        }
    }
}

/// `blockType` (`resource`, `request`, `response`, ...), empty when missing.
pub fn block_type(a: &Annotation) -> &str {
    a.get("blockType").and_then(Value::as_str).unwrap_or("")
}

/// A string value, trimmed and without a leading `#` (`"#microsoft.graph.user"`); `None` when
/// missing, not a string or blank.
pub fn string(a: &Annotation, key: &str) -> Option<String> {
    a.get(key).and_then(Value::as_str).map(|s| s.trim().trim_start_matches('#').to_string()).filter(|s| !s.is_empty())
}

/// A boolean that the docs sometimes write as a string (`"abstract": "true"`).
pub fn flag(a: &Annotation, key: &str) -> bool {
    match a.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}
