//! Places a diagnostic on the text the pipeline read: its mark (a byte range, a token, or the
//! path of a key in the JSON body below its line) becomes a line, a column and a width. A
//! diagnostic without a mark is about its whole line. Nothing is read from the message.

use crate::diag::{Diagnostic, Mark};
use crate::frontend::json_path;

/// How many lines from the diagnostic's line a token is looked for: an example's fence is the
/// line, the request line it names the next one; an annotation's line is its `<!--`, the key
/// naming a type a few lines further (annotations hold up to a dozen keys).
const NEARBY: u32 = 12;
/// How far below its fence an example's body may start (past the request line and headers).
const BODY_SEARCH_LINES: usize = 40;

/// The pages' texts, as the pipeline read them.
pub struct Pages<'a> {
    texts: &'a crate::PageTexts,
    /// Each page split into lines once, when its first finding is placed.
    lines: std::collections::HashMap<&'a str, Vec<&'a str>>,
}

/// Where a finding is shown: 1-based line and column (in characters), a width, the line's text.
pub type Place = (u32, u32, u32, String);

impl<'a> Pages<'a> {
    /// Over the texts of the run being linted.
    pub fn new(texts: &'a crate::PageTexts) -> Pages<'a> {
        Pages { texts, lines: std::collections::HashMap::new() }
    }

    fn lines(&mut self, file: &str) -> Option<(&'a str, &Vec<&'a str>)> {
        let (name, text) = self.texts.get_key_value(file)?;
        Some((text.as_str(), self.lines.entry(name.as_str()).or_insert_with(|| text.lines().collect())))
    }

    /// The place of a diagnostic, or of a related location (`line` of `file`, no mark).
    pub fn place(&mut self, file: &str, line: u32, mark: Option<&Mark>) -> Place {
        let Some((text, lines)) = self.lines(file) else {
            return (line, 1, 1, String::new());
        };
        let at = |l: u32| usize::try_from(l).ok().and_then(|l| l.checked_sub(1)).and_then(|i| lines.get(i)).copied();
        let found = match mark {
            Some(Mark::Span { start, end }) => at(line).and_then(|t| span(t, *start, *end)).map(|(c, w)| (line, c, w)),
            Some(Mark::Token(token)) => {
                (line..line.saturating_add(NEARBY)).find_map(|l| at(l).and_then(|t| token_in(t, token)).map(|(c, w)| (l, c, w)))
            }
            Some(Mark::JsonPath(path)) => json_key(text, lines, line, path),
            None => None,
        };
        match found {
            Some((l, column, width)) => (l, column, width, at(l).unwrap_or_default().to_string()),
            None => {
                let t = at(line).unwrap_or_default();
                let (column, width) = whole(t);
                (line, column, width, t.to_string())
            }
        }
    }

    /// The place of a diagnostic.
    pub fn place_of(&mut self, d: &Diagnostic) -> Place {
        self.place(&d.file, d.line, d.mark.as_ref())
    }
}

/// A byte range of a line as a column and width in characters, when it lies on the line.
fn span(text: &str, start: u32, end: u32) -> Option<(u32, u32)> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    let before = text.get(..start)?;
    let inside = text.get(start..end.max(start))?;
    Some((chars(before) + 1, chars(inside).max(1)))
}

/// Where a token is on a line: as written, else in another letter case (tables write names
/// between `**`, paths are respelled).
fn token_in(text: &str, token: &str) -> Option<(u32, u32)> {
    if token.is_empty() {
        return None;
    }
    let at = text.find(token).or_else(|| text.to_lowercase().find(&token.to_lowercase()).filter(|a| text.is_char_boundary(*a)))?;
    Some((chars(text.get(..at)?) + 1, chars(token).max(1)))
}

/// The key a JSON path names, in the body that starts on or below the diagnostic's line.
fn json_key(text: &str, lines: &[&str], line: u32, path: &str) -> Option<(u32, u32, u32)> {
    let first = usize::try_from(line).ok()?.checked_sub(1)?;
    let body = (first..lines.len().min(first + BODY_SEARCH_LINES)).find(|&i| lines[i].trim_start().starts_with(['{', '[']))?;
    let offset = offset_of(text, lines[body])?;
    let (a, b) = json_path::find(text.get(offset..)?, path)?;
    let (a, b) = (offset + a, offset + b);
    let before = text.get(..a)?;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let l = u32::try_from(before.matches('\n').count() + 1).ok()?;
    let on_line = text.get(a..b)?.split('\n').next().unwrap_or_default();
    Some((l, chars(text.get(line_start..a)?) + 1, chars(on_line).max(1)))
}

/// Byte offset of a line (a slice of `text`) within `text`.
fn offset_of(text: &str, line: &str) -> Option<usize> {
    (line.as_ptr() as usize).checked_sub(text.as_ptr() as usize).filter(|o| *o <= text.len())
}

/// The whole line, from its first non-blank character.
fn whole(text: &str) -> (u32, u32) {
    let indent = text.len() - text.trim_start().len();
    (chars(&text[..indent]) + 1, chars(text.trim()).max(1))
}

fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use crate::diag::Mark;

    fn three(p: super::Place) -> (u32, u32, u32) {
        (p.0, p.1, p.2)
    }

    fn texts(text: &str) -> crate::PageTexts {
        crate::PageTexts::from([("p.md".to_string(), text.to_string())])
    }

    #[test]
    fn marks_become_columns() {
        let t = texts("# title\n| **colour** | String |\n  plain text\n");
        let mut pages = super::Pages::new(&t);
        assert_eq!(pages.place("p.md", 2, Some(&Mark::Token("colour".into()))).1, 5);
        assert_eq!(pages.place("p.md", 2, Some(&Mark::Token("COLOUR".into()))).1, 5, "letter case aside");
        assert_eq!(three(pages.place("p.md", 2, Some(&Mark::Span { start: 15, end: 21 }))), (2, 16, 6));
        assert_eq!(three(pages.place("p.md", 3, None)), (3, 3, 10), "no mark: the whole line");
        assert_eq!(three(pages.place("p.md", 1, Some(&Mark::Token("plain".into())))), (3, 3, 5), "a token just below");
    }

    #[test]
    fn json_paths_point_at_their_key_below_the_fence() {
        let t = texts("```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": 1,\n  \"value\": [{\"id\": 2}]\n}\n```\n");
        let mut pages = super::Pages::new(&t);
        assert_eq!(three(pages.place("p.md", 1, Some(&Mark::JsonPath("$.value[0].id".into())))), (7, 14, 4));
        assert_eq!(three(pages.place("p.md", 1, Some(&Mark::JsonPath("$.nothing".into())))), (1, 1, 7), "not found: the line");
    }
}
