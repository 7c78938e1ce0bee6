//! The baseline: findings a docs repository has accepted. One line per finding,
//! `code<TAB>file<TAB>message`, sorted; no line numbers, so edits elsewhere in a page do not
//! turn accepted findings into new ones. A finding repeated n times needs n lines.

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

const HEADER: &str = "# graphgen lint baseline: accepted findings, one per line (code, file, message).\n# Regenerate with `graphgen lint --write-baseline FILE`; remove lines as findings are fixed.\n";

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
                    entries.push(Entry { code: code.to_string(), file: file.to_string(), message: message.to_string() })
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

/// Messages are one line in the file; tabs would split the fields.
fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}
