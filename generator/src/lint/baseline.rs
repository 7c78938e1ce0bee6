//! The baseline: findings a docs repository has accepted. One line per finding,
//! `code<TAB>file<TAB>message`, sorted; no line numbers, so edits elsewhere in a page do not
//! turn accepted findings into new ones. Messages that point at another place (`(line 446)`,
//! `user.md:289`) have those numbers written as `N`, in the file and when matching, for the
//! same reason. A finding repeated n times needs n lines.

use super::Finding;
use std::collections::BTreeMap;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// The code's id (`GG0405`).
    pub code: String,
    /// The page.
    pub file: String,
    /// The finding's message, verbatim.
    pub message: String,
}

/// The accepted findings, as read from a baseline file.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    entries: Vec<Entry>,
}

const HEADER: &str = "# graphgen lint baseline: accepted findings, one per line (code, file, message; tab-separated).\n# Regenerate with `graphgen lint --write-baseline FILE`; remove lines as findings are fixed.\n";

impl Baseline {
    /// Read a baseline; blank lines and `#` comments are skipped, malformed lines are errors.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(code), Some(file), Some(message)) => {
                    entries.push(Entry { code: code.to_string(), file: file.to_string(), message: one_line(message) })
                }
                _ => return Err(format!("baseline line {}: expected `code<TAB>file<TAB>message`", i + 1)),
            }
        }
        Ok(Baseline { entries })
    }

    /// The baseline that accepts exactly these findings.
    pub fn of(findings: &[Finding]) -> String {
        let mut lines: Vec<String> = findings.iter().map(|f| format!("{}\t{}\t{}", f.code.id(), f.file, one_line(&f.message))).collect();
        lines.sort();
        format!("{HEADER}{}\n", lines.join("\n"))
    }

    /// Mark accepted findings; return the entries nothing matched.
    pub fn apply(&self, findings: &mut [Finding]) -> Vec<Entry> {
        let mut left: BTreeMap<(&str, &str, String), usize> = BTreeMap::new();
        for e in &self.entries {
            *left.entry((e.code.as_str(), e.file.as_str(), e.message.clone())).or_default() += 1;
        }
        for f in findings.iter_mut() {
            if let Some(n) = left.get_mut(&(f.code.id(), f.file.as_str(), one_line(&f.message))).filter(|n| **n > 0) {
                *n -= 1;
                f.baselined = true;
            }
        }
        let mut stale = Vec::new();
        for ((code, file, message), n) in left {
            for _ in 0..n {
                stale.push(Entry { code: code.to_string(), file: file.to_string(), message: message.clone() });
            }
        }
        stale
    }
}

/// Messages are one line in the file (tabs would split the fields), with the line numbers of
/// other places masked: after `line `/`lines ` and after `.md:`.
fn one_line(s: &str) -> String {
    let s = s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(c) = rest.chars().next() {
        let after = ["line ", "lines ", ".md:"].iter().find(|p| rest.starts_with(*p));
        if let Some(p) = after {
            out.push_str(p);
            rest = &rest[p.len()..];
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 {
                out.push('N');
                rest = &rest[digits..];
            }
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn line_numbers_of_other_places_are_masked() {
        assert_eq!(
            one_line("missing from the JSON representation (line 446); also at v1.0/resources/user.md:289, which"),
            "missing from the JSON representation (line N); also at v1.0/resources/user.md:N, which"
        );
        // Numbers that are no line stay: `Int32`, a count.
        assert_eq!(one_line("`Int32` value 42 in\tthe lines"), "`Int32` value 42 in the lines");
    }
}
