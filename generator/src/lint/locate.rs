//! Places a diagnostic on the offending text of its page: the line of an example key named by
//! a `$.a.b` path, and the column of the first `quoted` name of the message found on the line.

use crate::diag::Diagnostic;

/// How far below its anchor (the example's fence) a key is looked for.
const KEY_SEARCH_LINES: usize = 400;
/// How many lines from the anchor the text a message names is looked for.
const NEARBY: u32 = 3;

/// The pages' texts, as the pipeline read them.
pub struct Pages<'a> {
    texts: &'a crate::PageTexts,
    /// Each page split into lines once, when its first finding is placed.
    lines: std::collections::HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Pages<'a> {
    pub fn new(texts: &'a crate::PageTexts) -> Pages<'a> {
        Pages { texts, lines: std::collections::HashMap::new() }
    }

    fn lines(&mut self, file: &str) -> Option<&Vec<&'a str>> {
        let (name, text) = self.texts.get_key_value(file)?;
        Some(self.lines.entry(name.as_str()).or_insert_with(|| text.lines().collect()))
    }

    /// (line, column, width, the line's text) for a diagnostic.
    pub fn place(&mut self, d: &Diagnostic) -> (u32, u32, u32, String) {
        let Some(lines) = self.lines(&d.file) else {
            return (d.line, 1, 1, String::new());
        };
        let mut line = d.line;
        if let Some(key) = json_key(&d.message) {
            let quoted = format!("\"{key}\"");
            let from = usize::try_from(d.line).unwrap_or(0).saturating_sub(1);
            let found = lines.iter().enumerate().skip(from).take(KEY_SEARCH_LINES).find(|(_, l)| l.contains(&quoted));
            if let Some((i, _)) = found {
                line = u32::try_from(i + 1).unwrap_or(d.line);
            }
        }
        let at = |l: u32| usize::try_from(l).ok().and_then(|l| l.checked_sub(1)).and_then(|i| lines.get(i)).cloned();
        // Example findings point at the fence; the text they name is on a line or two below.
        for l in line..line.saturating_add(NEARBY) {
            if let Some((column, width)) = at(l).and_then(|text| named(text, &d.message)) {
                return (l, column, width, at(l).unwrap_or_default().to_string());
            }
        }
        let text = at(line).unwrap_or_default();
        let (column, width) = column(text, &d.message);
        (line, column, width, text.to_string())
    }
}

/// The last key of a `$.a.b[0].c` path in a message: `c`.
fn json_key(message: &str) -> Option<String> {
    let at = message.find("$.")?;
    let path: String = message[at + 2..].chars().take_while(|c| !c.is_whitespace()).collect();
    let last = path.rsplit('.').next()?;
    let key = last.split('[').next()?.trim_end_matches([',', ';']);
    (!key.is_empty()).then(|| key.to_string())
}

/// The first piece of the message between backticks (or the JSON key) that the line holds,
/// as a 1-based column and a width in characters; else the first non-blank character.
fn column(text: &str, message: &str) -> (u32, u32) {
    named(text, message).unwrap_or_else(|| {
        let indent = text.len() - text.trim_start().len();
        (chars(&text[..indent]) + 1, chars(text.trim()).max(1))
    })
}

/// Where on the line the message's named text is, if it is there.
fn named(text: &str, message: &str) -> Option<(u32, u32)> {
    let mut needles: Vec<String> = message.split('`').skip(1).step_by(2).map(str::to_string).collect();
    if let Some(k) = json_key(message) {
        needles.insert(0, format!("\"{k}\""));
    }
    for n in needles.iter().filter(|n| !n.is_empty()) {
        if let Some(at) = text.find(n.as_str()) {
            return Some((chars(&text[..at]) + 1, chars(n).max(1)));
        }
        // Tables write names between `**` or with other case.
        if let Some(at) = text.to_ascii_lowercase().find(&n.to_ascii_lowercase()) {
            if text.is_char_boundary(at) {
                return Some((chars(&text[..at]) + 1, chars(n).max(1)));
            }
        }
    }
    None
}

fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_come_from_the_json_path() {
        assert_eq!(super::json_key("example response: $.value[0].owner.id is not a property").as_deref(), Some("id"));
        assert_eq!(super::json_key("no path here"), None);
    }

    #[test]
    fn columns_point_at_the_named_text() {
        assert_eq!(super::column(r#"    "colour": "red","#, "example: $.colour is not a property of `x`"), (5, 8));
        assert_eq!(super::column("| **Name** | String |", "`name` is missing"), (5, 4));
        assert_eq!(super::column("  plain", "nothing quoted"), (3, 5));
    }
}
