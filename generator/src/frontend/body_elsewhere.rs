//! An action's body parameters documented in a table outside the request body section: under
//! `## Parameters` (or `## Request parameters`, `## Body parameters`) while the request body
//! section says no body is required, says nothing, or is missing.
//!
//! With no such table, a request body section that shows the body as one JSON object of plain
//! values, and has no table of its own, gives the parameters (`from_fence`).
//!
//! The table is taken as the body of the page's POST requests only on evidence: some JSON
//! object the page sends (a POST example's body, or a JSON fence in the request body section)
//! has keys that are all rows of the table. A GET never takes it (a function's parameters are
//! path or query parameters). What the request body section says decides the rest:
//!
//! - "No request body is required", "optional": the body is optional. The crate's body struct
//!   has every field `Absent` by default, so a caller who has nothing to say sends `{}`.
//! - Nothing, or no section: the table is all the page says about the body.
//! - "Do not supply a request body": the page contradicts itself; taken all the same (the
//!   examples send the table's names), and reported ([`Code::BodyContradiction`]).
//!
//! The phrases read here are only about request bodies and live here, beside their one use.

use super::facts::{RawBody, RawProperty};
use super::json;
use super::markdown::{Block, Inlines};
use super::page::{normalize_heading, Page, SectionKind};
use super::resource;
use super::typecell::{BaseExpr, TypeExpr};
use crate::diag::{Code, Diags};
use crate::ir::{Example, ExampleBody, HttpMethod, Source};
use serde_json::Value;

/// Parameters taken from a table outside the request body section, and why.
#[derive(Debug, Clone)]
pub struct Elsewhere {
    /// The table's rows.
    pub params: Vec<RawProperty>,
    /// Why they are the body: the IR's `settled.body`.
    pub why: String,
}

/// What a request body section says about whether a body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    /// No request body section.
    Missing,
    /// A section that says neither of the below.
    Nothing,
    /// "No request body is required", "an optional body", "optionally".
    Optional,
    /// "Do not supply a request body", "no request body".
    NoBody,
}

/// The body parameters a table outside the request body section gives the page's POSTs, when
/// `body` (what the request body section reads as) is none and the page's JSON agrees.
/// `section` is the request body section's line and blocks.
pub fn read(
    page: &Page,
    section: Option<(u32, &[Block])>,
    body: &RawBody,
    examples: &[Example],
    methods: &[HttpMethod],
    diags: &mut Diags,
) -> Option<Elsewhere> {
    if !matches!(body, RawBody::None) || !methods.contains(&HttpMethod::Post) {
        return None;
    }
    from_table(page, section, examples, diags).or_else(|| from_fence(page, section?))
}

/// The parameters of a table under a `Parameters` heading, when some JSON the page sends has
/// only keys the table lists.
fn from_table(page: &Page, section: Option<(u32, &[Block])>, examples: &[Example], diags: &mut Diags) -> Option<Elsewhere> {
    let sent = sent_objects(section, examples);
    let (heading, table, (keys, line, what)) = tables(page).into_iter().find_map(|(heading, table)| {
        let names = names(table);
        let evidence = sent.iter().find(|(keys, _, _)| !keys.is_empty() && keys.iter().all(|k| names.contains(&k.to_ascii_lowercase())))?;
        Some((heading, table, evidence))
    })?;
    let table_line = table.line;
    let params = resource::parameters(table, &page.file, diags);
    if params.is_empty() {
        return None;
    }
    let (says, said_at) = section.map_or((Says::Missing, table.line), |(line, blocks)| says(blocks, line));
    let keys = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let sent = format!("{what} (line {line}) sends {keys}");
    let under = format!("the table under \"{heading}\" (line {table_line})");
    let why = match says {
        Says::Missing => format!("the page has no request body section; {sent}, parameters of {under}: read as the body"),
        Says::Nothing => format!("the request body section describes no body; {sent}, parameters of {under}: read as the body"),
        Says::Optional => format!(
            "the request body section says no body is required; {sent}, parameters of {under}: read as an optional body (every field may be left out)"
        ),
        Says::NoBody => format!("the request body section says there is no body, but {sent}, parameters of {under}: read as the body"),
    };
    if says == Says::NoBody {
        diags
            .push(
                &page.file,
                said_at,
                Code::BodyContradiction,
                format!("the request body section says the request sends no body, but {sent}, parameters of {under}"),
            )
            .also(&page.file, table_line, "the parameters the request sends");
    }
    Some(Elsewhere { params, why })
}

/// A request body section with no table that shows the body as one JSON object of plain
/// values (`team-archive`'s optional `{"shouldSetSpoSiteReadOnlyForMembers": true}`): each key is
/// a parameter, typed by its value (`true` a `Boolean`, `1` an `Int32`, text a `String`). An
/// object holding objects, arrays or nulls says too little of their types, and is left alone.
fn from_fence(page: &Page, (heading, blocks): (u32, &[Block])) -> Option<Elsewhere> {
    if blocks.iter().any(|b| matches!(b, Block::Table(_))) {
        return None;
    }
    let mut fences = blocks.iter().filter_map(|b| match b {
        Block::Code { info, text, line } if info.is_empty() || info == "json" => Some((text, *line)),
        _ => None,
    });
    let (text, line) = fences.next()?;
    let (Value::Object(map), _) = json::parse(text).ok()? else { return None };
    if fences.next().is_some() || map.is_empty() {
        return None;
    }
    let mut params = Vec::new();
    for (key, value) in &map {
        let primitive = match value {
            Value::Bool(_) => "Boolean",
            Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => "Int32",
            Value::Number(n) if n.is_i64() || n.is_u64() => "Int64",
            Value::Number(_) => "Double",
            Value::String(_) => "String",
            _ => return None,
        };
        let (Some(edm), false) = (super::typecell::primitive(primitive), key.contains('@') || !super::typecell::is_identifier(key)) else {
            return None;
        };
        params.push(RawProperty {
            name: key.clone(),
            ty: Some(TypeExpr { base: BaseExpr::Primitive(edm), collection: false }),
            type_text: primitive.to_string(),
            alternatives: Vec::new(),
            navigation: false,
            read_only: false,
            description: format!("As the request body section's JSON shows it (`{value}`)."),
            possible_values: Vec::new(),
            source: Source { file: page.file.clone(), line },
        });
    }
    let shown = format!(
        "the request body section shows a JSON object (line {line}) and no table: its keys are the parameters, typed by their values"
    );
    let why = match says(blocks, heading).0 {
        Says::Optional => format!("{shown}; read as an optional body (every field may be left out)"),
        _ => shown,
    };
    Some(Elsewhere { params, why })
}

/// The parameter tables under `Parameters` headings of any level from 2 to 4, each with its
/// heading's text, in page order. A heading's blocks end at the next heading of its level or
/// above.
fn tables(page: &Page) -> Vec<(String, &super::markdown::Table)> {
    let mut out = Vec::new();
    let mut under: Option<(u8, String)> = None;
    for b in &page.blocks {
        match b {
            Block::Heading { level, text, .. } => {
                if under.as_ref().is_some_and(|(l, _)| level <= l) {
                    under = None;
                }
                let name = normalize_heading(text);
                if (2..=4).contains(level) && SectionKind::of(&name) == SectionKind::BodyParameters {
                    under = Some((*level, text.plain().trim().to_string()));
                }
            }
            Block::Table(t) => {
                if let Some((_, heading)) = &under {
                    out.push((heading.clone(), t));
                }
            }
            _ => {}
        }
    }
    out
}

/// The lowercased names of a parameter table's rows (none when it is no parameter table).
fn names(table: &super::markdown::Table) -> Vec<String> {
    let Some(cols) = super::columns::parameters(&table.header) else { return Vec::new() };
    table
        .rows
        .iter()
        .filter_map(|r| r.cells.get(cols.name))
        .map(|c| c.plain().trim().trim_matches(|c| c == '`' || c == '*' || c == '\\').trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The JSON objects the page sends, as (keys other than `@` annotations, line, what sends
/// them): the bodies of its POST examples to Graph, then the JSON fences of its request body
/// section.
fn sent_objects(section: Option<(u32, &[Block])>, examples: &[Example]) -> Vec<(Vec<String>, u32, &'static str)> {
    let keys = |v: &Value| match v {
        Value::Object(m) => Some(m.keys().filter(|k| !k.starts_with('@')).cloned().collect::<Vec<_>>()),
        _ => None,
    };
    let mut out = Vec::new();
    for r in examples.iter().filter_map(|e| e.request.as_ref()) {
        if r.method != HttpMethod::Post || r.external {
            continue;
        }
        if let Some(ExampleBody::Json(v) | ExampleBody::Template(v)) = &r.body {
            out.extend(keys(v).map(|k| (k, r.source.line, "the example request")));
        }
    }
    for b in section.map(|(_, blocks)| blocks).unwrap_or_default() {
        if let Block::Code { info, text, line } = b {
            if info.is_empty() || info == "json" {
                if let Ok((v, _)) = json::parse(text) {
                    out.extend(keys(&v).map(|k| (k, *line, "the request body section's JSON")));
                }
            }
        }
    }
    out
}

/// What the request body section's prose says, sentence by sentence, and the line of the
/// paragraph that says it (`heading` when none does): optional wins over none ("No request
/// body is required" is both).
fn says(blocks: &[Block], heading: u32) -> (Says, u32) {
    let mut said = (Says::Nothing, heading);
    for b in blocks {
        let Block::Para { text, line } = b else { continue };
        for sentence in sentences(text) {
            if says_optional(&sentence) {
                return (Says::Optional, *line);
            }
            if says_no_body(&sentence) && said.0 == Says::Nothing {
                said = (Says::NoBody, *line);
            }
        }
    }
    said
}

fn sentences(text: &Inlines) -> Vec<String> {
    text.plain().to_ascii_lowercase().split(". ").map(str::to_string).collect()
}

/// "No request body is required", "the request body is optional", "you can optionally provide".
fn says_optional(lower: &str) -> bool {
    let words = super::phrases::words(lower);
    let negated = words.iter().any(|w| matches!(*w, "no" | "not" | "isn't" | "isn")) || lower.contains("n't");
    words.iter().any(|w| w.starts_with("optional")) || (negated && words.contains(&"required"))
}

/// "Do not supply a request body for this method", "This method has no request body".
fn says_no_body(lower: &str) -> bool {
    let words = super::phrases::words(lower);
    let negated = words.iter().any(|w| matches!(*w, "no" | "not" | "don" | "without")) || lower.contains("n't");
    negated && words.contains(&"body")
}

#[cfg(test)]
mod tests {
    use super::{says_no_body, says_optional};

    #[test]
    fn optional_and_no_body_sentences() {
        assert!(says_optional("no request body is required"));
        assert!(says_optional("the request body is optional"));
        assert!(says_optional("you can optionally specify the following parameters"));
        assert!(!says_optional("do not supply a request body for this method"));
        assert!(!says_optional("the following parameters are required"));
        assert!(says_no_body("do not supply a request body for this method"));
        assert!(says_no_body("don't supply a request body"));
        assert!(says_no_body("this method has no request body"));
        assert!(!says_no_body("in the request body, supply the following parameters"));
    }
}
