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
            let plain = tidy(&text.plain());
            let lower = plain.to_ascii_lowercase();
            if lower.starts_with("namespace:") || lower.starts_with("[!include") {
                continue;
            }
            let text = unmarked(plain);
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

/// HTTP statuses a sentence names when it speaks of an answer (`206 Partial Content`,
/// `HTTP 400`); other numbers (`Office 365`) are not statuses.
const STATUSES: [u16; 27] =
    [200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 415, 416, 422, 423, 429, 503];

/// At most this many characters of answer notes.
const ANSWER_NOTE_CHARS: usize = 800;

/// The sentences of the `## Response` section that speak of another answer than the successful
/// one (`... the response will be a 206 Partial Content status code with the provider's
/// response in a warning header`, `This method returns a 400 Bad Request response code when
/// the object is already a member of the group`), as one paragraph starting "About the
/// answer:"; none when the section only states the successful answer. A caller learns from
/// them what the types cannot say.
pub fn answer_notes(sections: &[Section<'_>]) -> Option<String> {
    let s = sections.iter().find(|s| s.kind == SectionKind::Response)?;
    let mut kept: Vec<String> = Vec::new();
    let mut used = 0;
    // The prose before the first example block or table: the rest shows a body.
    for b in s.blocks.iter().take_while(|b| matches!(b, Block::Para { .. } | Block::Comment { .. })) {
        let Block::Para { text, .. } = b else { continue };
        let plain = unmarked(tidy(&text.plain()));
        let plain = plain.strip_prefix("Note:").map_or(plain.as_str(), str::trim_start);
        for sentence in sentences(plain) {
            let lower = sentence.to_ascii_lowercase();
            let successful = lower.starts_with("if successful") || lower.starts_with("if the request is successful");
            if successful || !names_status(sentence) {
                continue;
            }
            used += sentence.chars().count();
            if used > ANSWER_NOTE_CHARS {
                break;
            }
            kept.push(sentence.to_string());
        }
    }
    (!kept.is_empty()).then(|| format!("About the answer: {}", kept.join(" ")))
}

/// Sentences: ends at `. ` (or `: `) before an upper-case letter, or at the end.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let ends = bytes[i] == b'.' && bytes.get(i + 1) == Some(&b' ') && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase);
        if ends {
            out.push(text[start..=i].trim());
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// True when a word of `sentence` is one of [`STATUSES`].
fn names_status(sentence: &str) -> bool {
    sentence.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w.len() == 3 && w.parse::<u16>().is_ok_and(|n| STATUSES.contains(&n)))
}

/// The rows of the permissions table (`## Permissions`, or `## Prerequisites` as some pages call
/// it): `Permission type | Permissions (from least to most privileged)`, each row a caller. A
/// table with a column per caller (`Supported resource | Delegated (work or school account) |
/// ...`) gives a row per caller and resource, the resource in the kind (`Application (Calendar)`).
///
/// A section of several tables, each under its own heading (`### Permissions acting on self`,
/// `### Permissions acting on other users`), gives every table's rows, each kind with its
/// heading (`Application (acting on other users)`): the first table alone told a daemon that the
/// API takes no application permission, where the second grants one.
pub fn permissions(sections: &[Section<'_>]) -> Vec<Permission> {
    let mut out: Vec<Permission> = Vec::new();
    let Some(s) = sections.iter().find(|s| s.kind == SectionKind::Permissions) else { return out };
    let mut heading = String::new();
    let mut tables = Vec::new();
    for b in s.blocks.iter() {
        match b {
            Block::Heading { text, .. } => heading = tidy(&text.plain()),
            // "For applications:" as a paragraph of its own, where other pages write a heading.
            Block::Para { text, .. } => {
                let plain = text.plain();
                if plain.len() < 60 && plain.trim_end().ends_with(':') {
                    heading = tidy(&plain);
                }
            }
            Block::Table(t) if t.header.len() >= 2 => tables.push((heading.clone(), t)),
            _ => {}
        }
    }
    let several = tables.len() > 1;
    for (i, (heading, table)) in tables.into_iter().enumerate() {
        let under = if several { table_scope(&heading) } else { None };
        let header: Vec<String> = table.header.iter().map(|h| tidy(&h.plain())).collect();
        let by_row = header.first().is_some_and(|h| h.to_ascii_lowercase().contains("permission"));
        // After the first table, only a caller's rows and columns: another table of the section
        // (which scenario a subscription list answers) grants nothing. The first is read whole
        // (`oauth2permissiongrant` where a row says `Application`).
        let caller = |k: &str| i == 0 || k.starts_with("Delegated") || k.starts_with("Application");
        for row in &table.rows {
            let cells: Vec<String> = row.cells.iter().map(|c| scope_list(&tidy(&c.plain()))).collect();
            let Some(first) = cells.first().filter(|c| !c.is_empty()) else { continue };
            let mut push = |kind: String, scopes: String| {
                let kind = match &under {
                    Some(u) => format!("{kind} ({u})"),
                    None => kind,
                };
                out.push(Permission { kind, scopes });
            };
            if by_row {
                if !caller(first) {
                    continue;
                }
                let scopes = cells.get(1).cloned().unwrap_or_default();
                if !scopes.is_empty() {
                    push(first.clone(), scopes);
                }
                continue;
            }
            for (kind, scopes) in header.iter().zip(&cells).skip(1) {
                if !scopes.is_empty() && !kind.is_empty() && caller(kind) {
                    push(format!("{kind} ({first})"), scopes.clone());
                }
            }
        }
    }
    out
}

/// What a permissions table's heading says it is for: `acting on other users` of `Permissions
/// acting on other users`, `chat` of `Permissions for chat`; `None` with no heading.
fn table_scope(heading: &str) -> Option<String> {
    let h = heading.trim();
    let rest = h.strip_prefix("Permissions ").or_else(|| h.strip_prefix("permissions ")).unwrap_or(h);
    let rest = rest.strip_prefix("for ").or_else(|| rest.strip_prefix("For ")).unwrap_or(rest).trim().trim_end_matches(':').trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A paragraph without the note marker on its first line ("[!NOTE] This API ..."): its text.
fn unmarked(plain: String) -> String {
    match plain.strip_prefix("[!").and_then(|r| r.split_once(']')) {
        Some((_, rest)) => rest.trim().to_string(),
        None => plain,
    }
}

/// A cell's comma-separated scopes without the empty ones a stray comma leaves
/// ("Application.Read.All, , Directory.Read.All"); any other cell as it is.
fn scope_list(cell: &str) -> String {
    if !cell.split(',').any(|p| p.trim().is_empty()) {
        return cell.to_string();
    }
    cell.split(',').map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ")
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
            "# Get thing\n\nNamespace: microsoft.graph\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\nReads a [thing](../resources/thing.md).\n\n> [!NOTE]\n> Only the owner can.\n\n## Permissions\n\n|Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n|Delegated (work or school account) | Thing.Read, , Thing.ReadWrite |\n|Delegated (personal Microsoft account) | Not supported. |\n|Application | Thing.Read.All and Directory.Read.All |\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n",
        );
        assert_eq!(d, ["Reads a thing.", "Only the owner can."]);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0], Permission { kind: "Delegated (work or school account)".into(), scopes: "Thing.Read, Thing.ReadWrite".into() });
        assert_eq!(p[2].scopes, "Thing.Read.All and Directory.Read.All");
    }

    #[test]
    fn response_sentences_on_other_answers_are_kept_and_the_successful_one_is_not() {
        let page = "# List alerts\n\nLists them.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code. If a provider times out, the response will be a `206 Partial Content` status code with the provider's response in a warning header. See the Office 365 reports.\n\n> **Note:** This method returns `400 Bad Request` when the filter is unsupported.\n\n```http\nHTTP/1.1 200 OK\n```\n\nA 404 after the example is not read.\n";
        let mut diags = Diags::default();
        let p = page::parse("v1.0/api/alert-list.md", page, &mut diags);
        let note = answer_notes(&p.sections()).expect("a note");
        assert_eq!(
            note,
            "About the answer: If a provider times out, the response will be a 206 Partial Content status code with the provider's response in a warning header. This method returns 400 Bad Request when the filter is unsupported."
        );
        let plain = "# Get\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a thing.\n";
        let p = page::parse("v1.0/api/thing-get.md", plain, &mut diags);
        assert_eq!(answer_notes(&p.sections()), None);
    }

    #[test]
    fn a_column_per_caller_gives_a_row_per_caller_and_resource() {
        let (_, p) = read(
            "# Create subscription\n\nCreates one.\n\n## Permissions\n\n| Supported resource | Delegated (work or school account) | Application |\n|:--|:--|:--|\n| Calendar | Calendars.Read | Calendars.Read |\n| Chat | Chat.Read | Not supported. |\n",
        );
        assert_eq!(p.len(), 4);
        assert_eq!(p[3], Permission { kind: "Application (Chat)".into(), scopes: "Not supported.".into() });
    }

    #[test]
    fn every_table_of_the_section_is_read_under_its_heading() {
        // The second table's delimiter row has a cell too many, as real pages write it: the
        // docs' renderer shows a table all the same.
        let table = |app: &str, delimiter: &str| {
            format!("| Permission type | Permissions (from least to most privileged) |\n{delimiter}\n| Delegated (work or school account) | Thing.Read |\n| Application | {app} |\n")
        };
        let (_, p) = read(&format!(
            "# List things\n\nLists them.\n\n## Permissions\n\n### Permissions acting on self\n\n{}\n### Permissions acting on other users\n\n{}\n## HTTP request\n\n```http\nGET /things\n```\n",
            table("Not supported.", "|:--|:--|"),
            table("Thing.Read.All", "|:--|:--|:----|")
        ));
        assert_eq!(p.len(), 4);
        assert_eq!(p[1], Permission { kind: "Application (acting on self)".into(), scopes: "Not supported.".into() });
        assert_eq!(p[3], Permission { kind: "Application (acting on other users)".into(), scopes: "Thing.Read.All".into() });
    }
}
