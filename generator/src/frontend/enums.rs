//! Enums in their four homes: enum pages (`## Members`), `### x values` sections, inline value
//! tables in resource pages, and "Possible values are" phrases in descriptions.

use super::columns;
use super::facts::RawEnum;
use super::markdown::{Block, Inline, Inlines};
use super::page::Page;
use crate::ir::Source;

/// Phrases that introduce a list of members, lowercase. Data, not code.
const PHRASES: &[&str] = &[
    "possible values are",
    "possible values include",
    "possible values:",
    "the possible values are",
    "valid values are",
    "supported values are",
    "allowed values are",
    "allowed values:",
    "one of the following values",
    "the value can be",
    "can be one of",
];

/// Members named after a "Possible values" phrase: backticked words, or else comma-separated
/// plain words up to the end of the sentence.
pub fn possible_values(desc: &Inlines) -> Vec<String> {
    let piece = |i: &Inline| -> String {
        match i {
            Inline::Text(t) | Inline::Code(t) => t.clone(),
            Inline::Link { text, .. } => text.clone(),
            Inline::Html(_) => " ".to_string(),
        }
    };
    let raw: String = desc.0.iter().map(piece).collect();
    let lower = raw.to_ascii_lowercase();
    // Every phrase mentions "value" or "can be"; most descriptions mention neither.
    if !lower.contains("value") && !lower.contains("can be") {
        return Vec::new();
    }
    let Some(pos) = PHRASES.iter().filter_map(|p| lower.find(p).map(|i| i + p.len())).min() else {
        return Vec::new();
    };
    // Backticked members after the phrase.
    let mut offset = 0;
    let mut codes = Vec::new();
    for i in &desc.0 {
        if let Inline::Code(t) = i {
            if offset >= pos && is_code_member(t.trim()) {
                codes.push(t.trim().to_string());
            }
        }
        offset += piece(i).len();
    }
    if !codes.is_empty() {
        return codes;
    }
    let rest = raw.get(pos..).unwrap_or("").trim_start_matches([':', ' ']);
    let sentence = rest.split(". ").next().unwrap_or("").trim().trim_end_matches('.');
    let words: Vec<String> =
        sentence.split([',', ';']).map(|w| w.trim().trim_start_matches("and ").trim_start_matches("or ").trim().to_string()).collect();
    if words.len() >= 2 && words.iter().all(|w| is_member(w)) {
        words
    } else {
        Vec::new()
    }
}

/// A member written in backticks: marked as code, so any word will do (`a-b`, `1x`, `café`),
/// but not a sentence or a qualified name.
fn is_code_member(w: &str) -> bool {
    !w.is_empty()
        && w.chars().count() <= 80
        && w.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && w.chars().any(char::is_alphanumeric)
}

fn is_member(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 80
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Enums defined on this page by tables: under `x values` headings (any level >= 3, or the H1 of an
/// enum page), or under `## Members`.
pub fn from_tables(page: &Page, namespace: &str) -> Vec<RawEnum> {
    let mut out = Vec::new();
    let mut current: Option<(String, u32)> = None;
    let enum_page_name = page.title.as_deref().and_then(|t| {
        let t = t.trim();
        let lower = t.to_ascii_lowercase();
        ["enum type", "enumeration type", "enum"]
            .iter()
            .find_map(|s| lower.strip_suffix(s).map(|_| t[..t.len() - s.len()].trim().to_string()))
    });
    for b in &page.blocks {
        match b {
            Block::Heading { level, text, line } => {
                let t = text.plain();
                let lower = t.to_ascii_lowercase();
                current = match lower.strip_suffix(" values") {
                    Some(_) if *level >= 2 => {
                        let name = t[..t.len() - " values".len()].trim().trim_matches('`').to_string();
                        Some((name, *line))
                    }
                    _ if lower == "members" => enum_page_name.clone().map(|n| (n, *line)),
                    _ => None,
                };
            }
            Block::Table(table) => {
                let Some((name, line)) = current.take() else {
                    continue;
                };
                let Some((m, v, d)) = columns::members(&table.header) else {
                    continue;
                };
                if !is_member(&name) {
                    continue;
                }
                let members = table
                    .rows
                    .iter()
                    .filter_map(|r| {
                        let member = r.cells.get(m)?.plain();
                        let member = member.trim_matches('`').trim().to_string();
                        if !is_member(&member) {
                            return None;
                        }
                        let value = v.and_then(|v| r.cells.get(v)).and_then(|c| c.plain().trim().parse().ok());
                        let desc = d.and_then(|d| r.cells.get(d)).map(Inlines::plain).unwrap_or_default();
                        Some((member, value, desc))
                    })
                    .collect::<Vec<_>>();
                if !members.is_empty() {
                    out.push(RawEnum { name, namespace: namespace.to_string(), members, source: Source { file: page.file.clone(), line } });
                }
            }
            _ => {}
        }
    }
    out
}
