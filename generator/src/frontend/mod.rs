//! Front end: one page's text into [`facts::PageFacts`]. Pages are independent of each other
//! here; everything that needs several pages happens in [`crate::resolve`].

pub mod annotation;
pub mod api;
pub mod body_elsewhere;
pub mod columns;
pub mod enums;
pub mod examples;
pub mod facts;
pub mod hierarchy;
pub mod http;
pub mod json;
pub mod json_path;
pub mod markdown;
pub mod page;
pub mod page_notes;
pub mod phrases;
pub mod placeholder;
pub mod request_block;
pub mod resource;
pub mod typecell;

use crate::diag::{Code, Diags};
use facts::PageFacts;
use page::PageKind;

/// The namespace of a page without a `Namespace:` line.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Read one page. `file` is its path relative to the docs root, used in every diagnostic. Each
/// part of the page is read once (its annotations too), so each problem is reported once.
pub fn read_page(file: &str, text: &str, diags: &mut Diags) -> PageFacts {
    todo_placeholders(file, text, diags);
    let page = page::parse(file, text, diags);
    let namespace = page.namespace.clone().unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.split('.').next().unwrap_or(stem).to_ascii_lowercase();
    let anns = annotation::Annotations::read_all(&page.blocks, file, diags);
    let mut facts = PageFacts::default();
    match page.kind {
        PageKind::Api => facts.operations = api::read(&page, &anns, diags),
        PageKind::Resource => {
            facts.types.extend(resource::read(&page, &anns, &stem, &namespace, diags));
            facts.enums = enums::from_tables(&page, &namespace);
        }
        PageKind::Enum => facts.enums = enums::from_tables(&page, &namespace),
        PageKind::Conceptual => {}
    }
    if facts.operations.is_empty() {
        facts.examples = examples::read(&page, &anns, 200, diags).examples;
    }
    facts
}

/// `**TODO: ...**` placeholders left in a page, one diagnostic per line.
fn todo_placeholders(file: &str, text: &str, diags: &mut Diags) {
    if !text.contains("TODO") {
        return;
    }
    // A TODO inside an HTML comment is an author's note no reader sees, not a placeholder.
    let mut in_comment = false;
    for (i, line) in text.lines().enumerate() {
        if let Some(pos) = visible_todo(line, &mut in_comment) {
            let rest = &line[pos..];
            let end = rest.find("**").or_else(|| rest.find('|')).unwrap_or(rest.len().min(80));
            let what = rest[..end].trim_end_matches(['*', ' ']);
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            diags.push(file, line_no, Code::Todo, format!("placeholder left in the page: `{what}`")).span(pos, pos + what.len());
        }
    }
}

/// Where `TODO` first stands outside an HTML comment on `line`; `in_comment` carries an
/// unclosed `<!--` over to the next line.
fn visible_todo(line: &str, in_comment: &mut bool) -> Option<usize> {
    let mut found = None;
    let mut at = 0;
    while at < line.len() {
        let rest = &line[at..];
        if *in_comment {
            match rest.find("-->") {
                Some(end) => (*in_comment, at) = (false, at + end + 3),
                None => break,
            }
        } else {
            let open = rest.find("<!--");
            let todo = rest.find("TODO").filter(|t| open.is_none_or(|o| *t < o));
            if let (Some(t), None) = (todo, found) {
                found = Some(at + t);
            }
            match open {
                Some(o) => (*in_comment, at) = (true, at + o + 4),
                None => break,
            }
        }
    }
    found
}

#[cfg(test)]
mod todo_tests {
    use super::visible_todo;

    #[test]
    fn a_todo_inside_a_comment_is_not_shown() {
        let mut c = false;
        assert_eq!(visible_todo("**TODO: Add Description**", &mut c), Some(2));
        assert_eq!(visible_todo("<!---TODO Describe the errors.--->", &mut c), None);
        assert!(!c);
        assert_eq!(visible_todo("<!-- note", &mut c), None);
        assert_eq!(visible_todo("TODO still hidden", &mut c), None);
        assert_eq!(visible_todo("end --> TODO shown", &mut c), Some(8));
        assert!(!c);
    }
}
