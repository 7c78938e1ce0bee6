//! `graphgen lint`: every docs inconsistency the IR can see, for people and for CI.
//!
//! The findings are the pipeline's own diagnostics (the generator and the linter never
//! disagree), placed on the offending line and column of the page, with a remedy per code.
//! A baseline file lets a docs repository adopt the linter without fixing everything first:
//! accepted findings are reported as such, new ones fail, and accepted ones that no longer
//! occur are listed so the baseline can shrink.
//!
//! Exit policy: a finding fails the run when its severity (after `--deny`) is `error`, or
//! when a baseline is given and the finding is a warning or error that the baseline does not
//! accept. `--allow` drops a code entirely. Notes never fail unless denied.

mod baseline;
mod locate;
mod render;
mod sarif;

pub use baseline::Baseline;
pub use render::{baseline_hint, render, summary, Format};

use crate::diag::{Code, Diagnostic, Severity};
use std::collections::BTreeSet;

/// One finding, placed on its page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Finding {
    /// What kind of finding.
    pub code: Code,
    /// Page path relative to the docs root.
    pub file: String,
    /// 1-based line of the offending text.
    pub line: u32,
    /// 1-based; the start of the offending text on the line when it can be found.
    pub column: u32,
    /// Length of the offending text (for the caret), at least 1.
    pub width: u32,
    /// The severity after `--deny`.
    pub severity: Severity,
    /// The diagnostic's message.
    pub message: String,
    /// The line of the page, for display.
    pub source: String,
    /// Accepted by the baseline.
    pub baselined: bool,
    /// Other places the finding concerns, each with its line's text.
    pub related: Vec<Related>,
}

/// A secondary label of a finding, placed on its page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Related {
    /// Page path relative to the docs root.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// What the place is.
    pub message: String,
    /// The line of the page, for display.
    pub source: String,
}

impl Finding {
    /// True when this finding fails the run (see the module's exit policy).
    pub fn fails(&self, with_baseline: bool) -> bool {
        !self.baselined && (self.severity == Severity::Error || (with_baseline && self.severity == Severity::Warning))
    }
}

/// The switches of a lint run.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// `--allow CODE`: findings of these codes are dropped.
    pub allow: BTreeSet<Code>,
    /// `--deny CODE`: findings of these codes are errors.
    pub deny: BTreeSet<Code>,
    /// `--deny warnings`: every warning is an error.
    pub deny_warnings: bool,
    /// `--baseline FILE`: the findings accepted so far.
    pub baseline: Option<Baseline>,
}

/// The outcome of a lint run.
#[derive(Debug, Default)]
pub struct Report {
    /// Every finding, sorted by code, file, line and column.
    pub findings: Vec<Finding>,
    /// Baseline entries that no finding matched any more.
    pub stale: Vec<baseline::Entry>,
    /// A baseline was given (warnings it does not accept fail the run).
    pub with_baseline: bool,
}

impl Report {
    /// How many findings fail the run.
    pub fn failed(&self) -> usize {
        self.findings.iter().filter(|f| f.fails(self.with_baseline)).count()
    }

    /// Findings per code, in code order: (code, severity, all, new).
    pub fn by_code(&self) -> Vec<(Code, Severity, usize, usize)> {
        let mut out: Vec<(Code, Severity, usize, usize)> = Vec::new();
        for f in &self.findings {
            match out.iter_mut().find(|(c, ..)| *c == f.code) {
                Some(e) => {
                    e.2 += 1;
                    e.3 += usize::from(!f.baselined);
                }
                None => out.push((f.code, f.severity, 1, usize::from(!f.baselined))),
            }
        }
        out.sort_by_key(|(c, ..)| c.id());
        out
    }
}

/// Lint the diagnostics of a docs tree with the texts of their pages (as
/// [`crate::build_ir_keeping_pages`] gives them): no page is read again here.
pub fn lint(texts: &crate::PageTexts, diags: &[Diagnostic], opts: &Options) -> Report {
    let mut pages = locate::Pages::new(texts);
    let mut diags = diags.to_vec();
    crate::diag::distinct(&mut diags);
    let mut findings: Vec<Finding> = diags
        .iter()
        .filter(|d| !opts.allow.contains(&d.code))
        .map(|d| {
            let (line, column, width, source) = pages.place_of(d);
            let related = d
                .related
                .iter()
                .map(|r| {
                    let (line, _, _, source) = pages.place(&r.file, r.line, None);
                    Related { file: r.file.clone(), line, message: r.message.clone(), source }
                })
                .collect();
            let severity = if opts.deny.contains(&d.code) || (opts.deny_warnings && d.severity == Severity::Warning) {
                Severity::Error
            } else {
                d.severity
            };
            Finding {
                code: d.code,
                file: d.file.clone(),
                line,
                column,
                width,
                severity,
                message: d.message.clone(),
                source,
                baselined: false,
                related,
            }
        })
        .collect();
    findings
        .sort_by(|a, b| (a.code.id(), &a.file, a.line, a.column, &a.message).cmp(&(b.code.id(), &b.file, b.line, b.column, &b.message)));
    // Two marks that locate to one column are one finding (`diag::distinct` has merged the rest).
    findings.dedup_by(|a, b| (a.code, &a.file, a.line, a.column, &a.message) == (b.code, &b.file, b.line, b.column, &b.message));
    let stale = match &opts.baseline {
        Some(b) => b.apply(&mut findings),
        None => Vec::new(),
    };
    Report { findings, stale, with_baseline: opts.baseline.is_some() }
}

#[cfg(test)]
mod tests {
    use crate::diag::{Code, Diags};

    #[test]
    fn one_place_saying_one_thing_is_one_finding() {
        let mut diags = Diags::default();
        for _ in 0..3 {
            diags.push("v1.0/api/x.md", 3, Code::ResponseMismatch, "the sentence names `a`");
        }
        diags.push("v1.0/api/x.md", 3, Code::ResponseMismatch, "the sentence names `b`");
        let texts = crate::PageTexts::from([("v1.0/api/x.md".to_string(), "# x\n\ntext\nmore\n".to_string())]);
        let report = super::lint(&texts, &diags.items, &super::Options::default());
        assert_eq!(report.findings.len(), 2, "{:?}", report.findings);
    }

    #[test]
    fn a_message_another_at_its_place_extends_is_dropped_for_it() {
        let mut diags = Diags::default();
        diags.push("v1.0/api/x.md", 3, Code::ResponseMismatch, "the sentence names `a`");
        diags.push("v1.0/api/x.md", 3, Code::ResponseMismatch, "the sentence names `a`; read as `a`");
        diags.push("v1.0/api/x.md", 3, Code::ResponseMismatch, "the sentence names `b`");
        let texts = crate::PageTexts::from([("v1.0/api/x.md".to_string(), "# x\n\ntext\nmore\n".to_string())]);
        let report = super::lint(&texts, &diags.items, &super::Options::default());
        let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["the sentence names `a`; read as `a`", "the sentence names `b`"]);
    }
}
