//! What an API page tells the caller beyond the request and the answer: what the call does (the
//! paragraphs under the title) and who may make it (the permissions table). Carried to the
//! generated rustdoc, where a user choosing a call or a scope reads them.

use super::markdown::Block;
use super::page::{Section, SectionKind};
use crate::ir::Permission;

/// At most this many characters of description: the page's introduction (a numbered list of
/// steps, the notes), not the whole page.
const DESCRIPTION_CHARS: usize = 2400;

/// The last paragraph of a description cut short: the rest is on the page the rustdoc links.
pub const CUT: &str = "(The page says more; see its docs link.)";

/// The paragraphs between the title and the first section, as plain text: the `Namespace:`
/// line, includes (`[!INCLUDE ...]`) and note markers (`[!IMPORTANT]`) left out; whole
/// paragraphs up to 2,400 characters (the first one always; a cut one ends in [`CUT`]).
pub fn description(sections: &[Section<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut used = 0;
    for s in sections.iter().filter(|s| s.kind == SectionKind::Intro) {
        for b in s.blocks {
            let Block::Para { text, .. } = b else { continue };
            let plain = text.plain();
            let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
            let lower = plain.to_ascii_lowercase();
            if lower.starts_with("namespace:") || lower.starts_with("[!include") {
                continue;
            }
            // A note's marker on the paragraph's first line ("[!NOTE] This API ..."): its text.
            let text = match plain.strip_prefix("[!").and_then(|r| r.split_once(']')) {
                Some((_, rest)) => rest.trim().to_string(),
                None => plain,
            };
            if text.is_empty() {
                continue;
            }
            let len = text.chars().count();
            if !out.is_empty() && used + len > DESCRIPTION_CHARS {
                out.push(CUT.to_string());
                return out;
            }
            used += len;
            out.push(text);
        }
    }
    out
}

/// The rows of the permissions table (`## Permissions`, or `## Prerequisites` as some pages call
/// it): `Permission type | Permissions (from least to most privileged)`, each row a caller. A
/// table with a column per caller (`Supported resource | Delegated (work or school account) |
/// ...`) gives a row per caller and resource, the resource in the kind (`Application (Calendar)`).
pub fn permissions(sections: &[Section<'_>]) -> Vec<Permission> {
    let mut out: Vec<Permission> = Vec::new();
    let Some(s) = sections.iter().find(|s| s.kind == SectionKind::Permissions) else { return out };
    let Some(table) = s.blocks.iter().find_map(|b| match b {
        Block::Table(t) if t.header.len() >= 2 => Some(t),
        _ => None,
    }) else {
        return out;
    };
    let header: Vec<String> = table.header.iter().map(|h| tidy(&h.plain())).collect();
    let by_row = header.first().is_some_and(|h| h.to_ascii_lowercase().contains("permission"));
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| tidy(&c.plain())).collect();
        let Some(first) = cells.first().filter(|c| !c.is_empty()) else { continue };
        if by_row {
            let scopes = cells.get(1).cloned().unwrap_or_default();
            if !scopes.is_empty() {
                out.push(Permission { kind: first.clone(), scopes });
            }
            continue;
        }
        for (kind, scopes) in header.iter().zip(&cells).skip(1) {
            if !scopes.is_empty() && !kind.is_empty() {
                out.push(Permission { kind: format!("{kind} ({first})"), scopes: scopes.clone() });
            }
        }
    }
    out
}

/// One line, single spaces.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diags;
    use crate::frontend::page;

    fn read(text: &str) -> (Vec<String>, Vec<Permission>) {
        let mut diags = Diags::default();
        let p = page::parse("v1.0/api/thing-get.md", text, &mut diags);
        let sections = p.sections();
        (description(&sections), permissions(&sections))
    }

    #[test]
    fn the_intro_is_the_description_and_the_table_the_permissions() {
        let (d, p) = read(
            "# Get thing\n\nNamespace: microsoft.graph\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\nReads a [thing](../resources/thing.md).\n\n> [!NOTE]\n> Only the owner can.\n\n## Permissions\n\n|Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n|Delegated (work or school account) | Thing.Read, Thing.ReadWrite |\n|Delegated (personal Microsoft account) | Not supported. |\n|Application | Thing.Read.All and Directory.Read.All |\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n",
        );
        assert_eq!(d, ["Reads a thing.", "Only the owner can."]);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0], Permission { kind: "Delegated (work or school account)".into(), scopes: "Thing.Read, Thing.ReadWrite".into() });
        assert_eq!(p[2].scopes, "Thing.Read.All and Directory.Read.All");
    }

    #[test]
    fn a_column_per_caller_gives_a_row_per_caller_and_resource() {
        let (_, p) = read(
            "# Create subscription\n\nCreates one.\n\n## Permissions\n\n| Supported resource | Delegated (work or school account) | Application |\n|:--|:--|:--|\n| Calendar | Calendars.Read | Calendars.Read |\n| Chat | Chat.Read | Not supported. |\n",
        );
        assert_eq!(p.len(), 4);
        assert_eq!(p[3], Permission { kind: "Application (Chat)".into(), scopes: "Not supported.".into() });
    }
}
