//! Resource pages: the type's name, base, flags and properties.

use super::annotation::{self, Annotation, Annotations};
use super::columns;
use super::enums;
use super::facts::{JsonRepr, RawProperty, RawType};
use super::hierarchy;
use super::markdown::{Block, Table};
use super::page::{Page, SectionKind};
use super::typecell;
use crate::diag::{Code, Diags};
use crate::ir::Source;

/// Sections whose tables list properties; relationship sections mark navigation properties.
const PROPERTY_SECTIONS: &[&str] = &["properties", "property", "instance attributes"];
const RELATIONSHIP_SECTIONS: &[&str] = &["relationships", "relationship"];
/// Phrases that name the base type in prose, lowercase.
const INHERITS: &[&str] = &["inherits from", "inherit from", "derived from", "derives from", "inherited from"];

/// The type a resource page describes; `None` when the page has no resource annotation, no
/// `x resource type` title and no property table.
pub fn read(page: &Page, anns: &Annotations, page_stem: &str, namespace: &str, diags: &mut Diags) -> Option<RawType> {
    let annotations: Vec<(u32, &Annotation)> = page
        .blocks
        .iter()
        .filter_map(|b| anns.of(b).map(|a| (b.line(), a)))
        .filter(|(_, a)| annotation::block_type(a) == "resource")
        .collect();
    let ann = annotations.first().map(|(_, a)| *a);
    let title_name = page.title.as_deref().and_then(title_name);
    // Some annotations name the type as `@type` (`systemFacet`, whose page has no table: the
    // facet is empty, and a type still).
    let annotated = ann.and_then(|a| annotation::string(a, "@odata.type").or_else(|| annotation::string(a, "@type")));
    if annotated.is_none() && title_name.is_none() {
        return None;
    }
    let line = annotations.first().map(|(l, _)| *l).unwrap_or(1);
    let mut t = RawType {
        annotated,
        title_name,
        namespace: namespace.to_string(),
        base_annotation: ann.and_then(|a| annotation::string(a, "baseType")),
        base_text: None,
        is_abstract: ann.is_some_and(|a| annotation::flag(a, "abstract")),
        // "teamsTabConfiguration resource type (Open Type)": the title says so.
        open: ann.is_some_and(|a| annotation::flag(a, "openType"))
            || page.title.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("(open type)")),
        keyed: ann.is_some_and(|a| annotation::string(a, "keyProperty").is_some()),
        description: String::new(),
        properties: Vec::new(),
        page_stem: page_stem.to_string(),
        json: json_representation(page, line).map(|mut j| {
            let listed = ann.and_then(|a| a.get("optionalProperties")).and_then(serde_json::Value::as_array);
            j.optional = listed.into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect();
            j
        }),
        methods: methods(page),
        method_returns: method_returns(page),
        method_names: method_names(page),
        derived: hierarchy::derived_types(&page.blocks),
        mentions: Vec::new(),
        product: page.product(),
        source: Source { file: page.file.clone(), line },
    };
    // Before the first H2 (the part before the H1 and the part after it).
    for s in page.sections().iter().filter(|s| s.kind == SectionKind::Intro) {
        intro(&mut t, s.blocks);
    }
    // Tables belong to the latest Properties/Relationships heading: any H2, or an H3 that names
    // one ("### Properties" on pages without H2s, "## operationError Properties").
    let mut kind: Option<TableKind> = None;
    // A page with no Properties heading may still give its table: right under the title, or
    // beside its JSON representation (`package`). Such a table counts when its header is a
    // property table's and the page gave no table under a heading.
    let mut loose: Vec<&Table> = Vec::new();
    let mut plain_place = true;
    for b in &page.blocks {
        match b {
            Block::Heading { level, text, .. } if *level <= 3 => {
                let name = super::page::normalize_heading(text);
                plain_place = *level == 1 || name == "json representation";
                let named = table_kind(&name);
                // "### Properties of a token lifetime policy definition": a table of something
                // else (the keys inside a JSON string property), not of this type.
                let elsewhere = name.starts_with("properties of") || name.starts_with("relationships of");
                if named.is_some() || *level <= 2 || elsewhere {
                    kind = named;
                }
            }
            Block::Table(table) => {
                if let Some(k) = kind {
                    t.properties.extend(properties(table, k == TableKind::Relationships, &page.file, diags));
                    t.mentions.extend(hierarchy::mentions(table));
                } else if plain_place && columns::properties(&table.header).is_some() {
                    loose.push(table);
                }
            }
            _ => {}
        }
    }
    if t.properties.is_empty() {
        for table in loose {
            t.properties.extend(properties(table, false, &page.file, diags));
            t.mentions.extend(hierarchy::mentions(table));
        }
    }
    Some(t)
}

/// The API pages the `## Methods` table links (lowercase file stems), in table order: the page
/// names the methods that belong to this resource, which settles endpoints several pages claim.
fn methods(page: &Page) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in page.sections().iter().filter(|s| s.kind == SectionKind::Methods) {
        for b in s.blocks {
            let Block::Table(t) = b else { continue };
            for row in &t.rows {
                let Some(first) = row.cells.first() else { continue };
                for (_, dest) in first.links() {
                    if let Some(stem) = typecell::link_target(dest).filter(|st| !out.contains(st)) {
                        out.push(stem);
                    }
                }
            }
        }
    }
    out
}

/// Each Methods table row whose first cell links an API page and whose second (the return
/// type) links a resource page: what the resource's owner says that page answers.
fn method_returns(page: &Page) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in page.sections().iter().filter(|s| s.kind == SectionKind::Methods) {
        for b in s.blocks {
            let Block::Table(t) = b else { continue };
            for row in &t.rows {
                let [first, second, ..] = row.cells.as_slice() else { continue };
                let api = first.links().find_map(|(_, d)| typecell::link_target(d).filter(|_| d.contains("api/")));
                let returns = second.links().find_map(|(_, d)| typecell::link_target(d).filter(|_| !d.contains("api/")));
                if let (Some(api), Some(returns)) = (api, returns) {
                    out.push((api, returns));
                }
            }
        }
    }
    out
}

/// Each Methods table row's first link to an API page: the page's stem and the link's text.
fn method_names(page: &Page) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in page.sections().iter().filter(|s| s.kind == SectionKind::Methods) {
        for b in s.blocks {
            let Block::Table(t) = b else { continue };
            for first in t.rows.iter().filter_map(|r| r.cells.first()) {
                let api = first
                    .links()
                    .find_map(|(text, d)| typecell::link_target(d).filter(|_| d.contains("api/")).map(|st| (st, text.trim().to_string())));
                out.extend(api);
            }
        }
    }
    out
}

/// The first code block after the resource annotation (at `line`) that parses as a JSON object:
/// its keys, `@odata.type` aside, each with its value and the line of its first `"key":`.
fn json_representation(page: &Page, line: u32) -> Option<JsonRepr> {
    page.blocks.iter().filter(|b| b.line() > line).find_map(|b| match b {
        Block::Code { text, line, .. } => match super::json::parse(text) {
            Ok((serde_json::Value::Object(m), _)) => {
                // The line of the key itself, not of a nested key of the same name.
                // Lines are counted in one pass, keys being in text order; the first of a repeated
                // key is the one kept.
                let mut keys: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
                let (mut from, mut lines) = (0, 0u32);
                for (k, at) in super::json_path::top_keys(text) {
                    lines = lines.saturating_add(u32::try_from(text.get(from..at).unwrap_or("").matches('\n').count()).unwrap_or(0));
                    from = at;
                    keys.entry(k).or_insert(lines);
                }
                let at = |key: &str| line + 1 + keys.get(key).copied().unwrap_or(0);
                let entries = m.into_iter().filter(|(k, _)| !k.starts_with('@')).map(|(k, v)| {
                    let l = at(&k);
                    (k, v, l)
                });
                Some(JsonRepr { line: *line, entries: entries.collect(), optional: Vec::new() })
            }
            _ => None,
        },
        _ => None,
    })
}

/// What the tables under a heading of a resource page list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableKind {
    /// Structural properties.
    Properties,
    /// Navigation properties.
    Relationships,
}

/// The kind of table a heading announces, if it announces one.
fn table_kind(name: &str) -> Option<TableKind> {
    let last = name.rsplit(' ').next().unwrap_or(name);
    if PROPERTY_SECTIONS.contains(&name) || last == "properties" {
        Some(TableKind::Properties)
    } else if RELATIONSHIP_SECTIONS.contains(&name) || last == "relationships" {
        Some(TableKind::Relationships)
    } else {
        None
    }
}

/// "x resource type", "x resource", "x complex type" → `x`.
fn title_name(title: &str) -> Option<String> {
    let lower = title.to_ascii_lowercase();
    for suffix in [" resource type", " resource", " complex type", " entity type", " object"] {
        if lower.ends_with(suffix) {
            let name = title[..title.len() - suffix.len()].trim().trim_matches('`');
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_') {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// The description (first paragraph) and the "Inherits from" sentence before the first H2.
fn intro(t: &mut RawType, blocks: &[Block]) {
    for b in blocks {
        let Block::Para { text, .. } = b else {
            continue;
        };
        let plain = text.plain();
        let lower = plain.to_ascii_lowercase();
        if lower.starts_with("namespace:") || plain.starts_with("[!") || plain.starts_with('>') {
            continue;
        }
        t.open |= hierarchy::says_open(&lower);
        if t.base_text.is_none() {
            t.base_text = hierarchy::subclass_of(text);
        }
        if let Some((at, pos)) = INHERITS.iter().filter_map(|p| lower.find(p).map(|i| (i, i + p.len()))).min() {
            // The phrase's own sentence: the sentences before it describe the type (`user`:
            // "Represents an account. Inherits from directoryObject.") and may link to other
            // types (`[a], [b] ... entities. Inherited from [base].`) without being the subject.
            let sentence = lower[..at].rfind(". ").map_or(0, |i| i + 1);
            let end = lower[pos..].find(". ").map_or(lower.len(), |i| pos + i + 1);
            let links = text.links_at();
            // "Inherits from [x]" names this type's base; "[y] types inherit from this type" and
            // "[y], which will inherit from x" (a link to another type as the subject) do not.
            let about_others = lower[pos..].trim_start().starts_with("this") || links.iter().any(|(o, _, _)| *o >= sentence && *o < at);
            let before = plain[..sentence].trim();
            if t.description.is_empty() && !before.is_empty() {
                t.description = before.to_string();
            }
            if t.base_text.is_none() && !about_others {
                // The first link after the phrase in its sentence, else the first word.
                let link = links.iter().find(|(o, _, d)| *o >= pos && *o < end && typecell::link_target(d).is_some());
                t.base_text = match link {
                    Some((_, name, dest)) => Some((name.trim().to_string(), typecell::link_target(dest))),
                    None => {
                        plain[pos..].split_whitespace().next().map(|w| (w.trim_matches(|c: char| !c.is_alphanumeric()).to_string(), None))
                    }
                };
            }
            continue;
        }
        // "This resource supports:" leads into a list; it describes nothing.
        if t.description.is_empty() && !plain.trim_end().ends_with(':') {
            t.description = plain;
        }
    }
}

/// The rows of a property, relationship or parameter table that name a property; group and
/// prose rows are left out. `navigation` marks them all as relationships.
pub fn properties(table: &Table, navigation: bool, file: &str, diags: &mut Diags) -> Vec<RawProperty> {
    match columns::properties(&table.header) {
        Some(cols) => rows(table, cols, navigation, file, diags),
        None => Vec::new(),
    }
}

/// Rows of an API page's parameter table (see [`columns::parameters`]). A column headed
/// `Value` is a type column only when its cells are types: some tables list sample values
/// there (`| extensionName | %unique_string% |`), and those are no parameter types.
pub fn parameters(table: &Table, file: &str, diags: &mut Diags) -> Vec<RawProperty> {
    let Some(cols) = columns::parameters(&table.header) else { return Vec::new() };
    let headed_value = cols.ty.and_then(|i| table.header.get(i)).is_some_and(|h| h.plain().trim().eq_ignore_ascii_case("value"));
    if headed_value {
        let typed = table.rows.iter().filter_map(|r| cols.ty.and_then(|i| r.cells.get(i))).all(|c| {
            typecell::parse(c).is_some_and(|t| match t.base {
                typecell::BaseExpr::Primitive(_) => true,
                typecell::BaseExpr::Named { target, .. } => target.is_some(),
            })
        });
        if !typed {
            return Vec::new();
        }
    }
    rows(table, cols, false, file, diags)
}

fn rows(table: &Table, cols: columns::Columns, navigation: bool, file: &str, diags: &mut Diags) -> Vec<RawProperty> {
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(name_cell) = row.cells.get(cols.name) else {
            continue;
        };
        // A row naming a group (`| **Onboarding** |`) with no type or description is a
        // heading within the table, not a property.
        if row.cells.iter().enumerate().all(|(i, c)| i == cols.name || c.plain().trim().is_empty()) {
            continue;
        }
        // A byte-order mark written as an entity (`&#65279;id`) or a zero-width character is no
        // part of the name.
        let name: String =
            name_cell.plain().chars().filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}')).collect();
        let name = name.trim_matches(|c| c == '`' || c == '*' || c == '\\').trim();
        // A note after the name (`taskGroups (deprecated)`) is no part of it; it leads the
        // description instead.
        let (name, note) = match name.split_once(" (") {
            Some((n, note)) if note.trim_end().ends_with(')') => {
                (n.trim_matches(|c| c == '`' || c == '*' || c == '\\').trim(), Some(format!("({}", note.trim_end())))
            }
            _ => (name, None),
        };
        let name = name.to_string();
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || "_@.$-".contains(c)) {
            // Group rows (`| **Calendar** | | |`) and prose rows are not properties.
            continue;
        }
        let type_cell = cols.ty.and_then(|i| row.cells.get(i));
        let type_text = type_cell.map(|c| c.plain()).unwrap_or_default();
        let ty = type_cell.and_then(typecell::parse).or_else(|| {
            // Keep the property, typed as any JSON, rather than lose it.
            diags
                .push(
                    file,
                    row.line,
                    Code::TypeCell,
                    format!("type `{type_text}` of `{name}` is not a type name, link or primitive; read as untyped JSON"),
                )
                .token(type_text.as_str());
            let collection = type_cell.is_some_and(typecell::says_collection);
            Some(typecell::TypeExpr { base: typecell::BaseExpr::Primitive("Edm.Untyped"), collection })
        });
        if let (Some(t), Some(cell)) = (&ty, type_cell.filter(|c| typecell::unusual_wording(c))) {
            let read = match &t.base {
                typecell::BaseExpr::Primitive(p) => p.trim_start_matches("Edm.").to_string(),
                typecell::BaseExpr::Named { name, .. } => name.clone(),
            };
            let read = if t.collection { format!("{read} collection") } else { read };
            diags
                .push(
                    file,
                    row.line,
                    Code::TypeCell,
                    format!("type `{type_text}` of `{name}` is written in words the tables do not use; read as `{read}`"),
                )
                .token(cell.plain().trim());
        }
        let desc_cell = cols.description.and_then(|i| row.cells.get(i));
        let description = desc_cell.map(|c| c.plain()).unwrap_or_default();
        let description = match note {
            Some(note) => format!("{note} {description}").trim_end().to_string(),
            None => description,
        };
        let lower = description.to_ascii_lowercase();
        out.push(RawProperty {
            name,
            ty,
            alternatives: type_cell.map(typecell::alternatives).unwrap_or_default(),
            type_text,
            navigation,
            read_only: super::phrases::says_read_only(&lower),
            possible_values: desc_cell.map(enums::possible_values).unwrap_or_default(),
            description,
            source: Source { file: file.to_string(), line: row.line },
        });
    }
    out
}
