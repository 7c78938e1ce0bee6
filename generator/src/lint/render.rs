//! Lint output: rustc-style text with the source line and a caret, JSON lines, GitHub
//! workflow commands (shown as inline annotations on pull requests), or SARIF (`sarif.rs`).

use super::{Finding, Report};
use crate::diag::{github_data, github_property, Severity};
use std::fmt::Write;

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style text with the source line and carets, grouped by code.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub workflow commands (`::warning file=...`).
    Github,
    /// One SARIF 2.1.0 log, for code-scanning services.
    Sarif,
}

/// The whole report as text; `prefix` is put before every file path (where the docs root
/// sits in the repository, for GitHub annotations).
pub fn render(report: &Report, format: Format, prefix: &str) -> String {
    let mut out = String::new();
    match format {
        Format::Human => human(report, prefix, &mut out),
        Format::Sarif => out = super::sarif::render(report, prefix),
        Format::Json => {
            for f in &report.findings {
                let v = serde_json::json!({
                    "code": f.code.id(), "name": f.code.name(), "severity": f.severity.name(),
                    "file": format!("{prefix}{}", f.file), "line": f.line, "column": f.column, "end_column": f.column + f.width,
                    "message": f.message, "help": f.code.help(), "baselined": f.baselined,
                    "fails": f.fails(report.with_baseline),
                    "related": f.related.iter().map(|r| serde_json::json!({
                        "file": format!("{prefix}{}", r.file), "line": r.line, "message": r.message,
                    })).collect::<Vec<_>>(),
                });
                let _ = writeln!(out, "{v}");
            }
            for e in &report.stale {
                let v = serde_json::json!({ "stale_baseline_entry": { "code": e.code, "file": format!("{prefix}{}", e.file), "message": e.message } });
                let _ = writeln!(out, "{v}");
            }
        }
        Format::Github => {
            for f in report.findings.iter().filter(|f| !f.baselined) {
                // A warning the baseline does not accept fails the run: its annotation says so.
                let level = match f.severity {
                    _ if f.fails(report.with_baseline) => "error",
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "notice",
                };
                let _ = writeln!(
                    out,
                    "::{level} file={},line={},col={},endColumn={},title={}::{}",
                    github_property(&format!("{prefix}{}", f.file)),
                    f.line,
                    f.column,
                    f.column + f.width,
                    github_property(&format!("{} {}", f.code.id(), f.code.name())),
                    github_data(&format!("{}{} ({})", f.message, see_also(f, prefix), f.code.help()))
                );
            }
            for e in &report.stale {
                let _ = writeln!(
                    out,
                    "::notice file={}::{}",
                    github_property(&format!("{prefix}{}", e.file)),
                    github_data(&format!("baseline entry no longer found: {} {}", e.code, e.message))
                );
            }
        }
    }
    out
}

fn human(report: &Report, prefix: &str, out: &mut String) {
    let mut last_code = None;
    for f in report.findings.iter().filter(|f| !f.baselined) {
        if last_code != Some(f.code) {
            let _ = writeln!(out, "\n== {} {}: {}", f.code.id(), f.code.name(), f.code.help());
            last_code = Some(f.code);
        }
        snippet(f, report.with_baseline, prefix, out);
    }
    if !report.stale.is_empty() {
        let _ = writeln!(out, "\n== baseline entries no longer found (remove them from the baseline):");
        for e in &report.stale {
            let _ = writeln!(out, "  {} {}{}: {}", e.code, prefix, e.file, e.message);
        }
    }
    let _ = writeln!(out, "\n== findings by code (all / not in the baseline):");
    for (code, sev, all, new) in report.by_code() {
        let _ = writeln!(out, "  {} {:<28} {:<8} {all:>6} / {new}", code.id(), code.name(), sev.name());
    }
}

/// The run in one line, for every format (the binary writes it to stderr).
pub fn summary(report: &Report) -> String {
    let baseline = if report.with_baseline {
        let baselined = report.findings.iter().filter(|f| f.baselined).count();
        format!(" ({baselined} accepted by the baseline, {} stale baseline entries)", report.stale.len())
    } else {
        String::new()
    };
    format!("graphgen lint: {} findings{baseline}; {} fail the run", report.findings.len(), report.failed())
}

/// When a baseline matched nothing and its files start with another folder than the findings'
/// (a copy of `v1.0` linted under another name), what to do about it.
pub fn baseline_hint(report: &Report) -> Option<String> {
    let first = |f: &str| f.split('/').next().unwrap_or("").to_string();
    let (e, f) = (report.stale.first()?, report.findings.first()?);
    let (theirs, ours) = (first(&e.file), first(&f.file));
    if report.findings.iter().any(|f| f.baselined) || theirs == ours {
        return None;
    }
    Some(format!(
        "graphgen lint: no baseline entry matched: its files start `{theirs}/`, these findings' `{ours}/`; lint the folder under the name the baseline was written from"
    ))
}

/// One finding the way rustc shows one: the offending text under carets, then each related
/// place under dashes with its label.
fn snippet(f: &Finding, with_baseline: bool, prefix: &str, out: &mut String) {
    // A warning the baseline does not accept fails the run, and is labelled as what it does.
    let (label, new) = match f.severity {
        Severity::Warning if f.fails(with_baseline) => ("error", " (a warning not in the baseline)"),
        s => (s.name(), ""),
    };
    let _ = writeln!(out, "{label}[{}]: {}{new}", f.code.id(), f.message);
    let widest = f.related.iter().map(|r| r.line).chain([f.line]).max().unwrap_or(0);
    let pad = " ".repeat(widest.to_string().len());
    let _ = writeln!(out, "{pad}--> {prefix}{}:{}:{}", f.file, f.line, f.column);
    if !f.source.is_empty() {
        let caret =
            " ".repeat(usize::try_from(f.column.saturating_sub(1)).unwrap_or(0)) + &"^".repeat(usize::try_from(f.width).unwrap_or(1));
        shown(out, &pad, f.line, &f.source, &caret);
    }
    for r in &f.related {
        let _ = writeln!(out, "{pad}::: {prefix}{}:{}", r.file, r.line);
        if r.source.is_empty() {
            let _ = writeln!(out, "{pad} = note: {}", r.message);
            continue;
        }
        let indent = r.source.len() - r.source.trim_start().len();
        let under = " ".repeat(r.source[..indent].chars().count()) + &"-".repeat(r.source.trim().chars().count().max(1));
        shown(out, &pad, r.line, &r.source, &format!("{under} {}", r.message));
    }
    let _ = writeln!(out, "{pad} = help: {}", f.code.help());
}

/// A source line with what goes under it.
fn shown(out: &mut String, pad: &str, line: u32, source: &str, under: &str) {
    let text: String = source.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let _ = writeln!(out, "{pad} |\n{line:>width$} | {text}\n{pad} | {under}", width = pad.len());
}

/// The related places of a finding in one line, for outputs that show one location.
fn see_also(f: &Finding, prefix: &str) -> String {
    f.related.iter().map(|r| format!("; {}: {prefix}{}:{}", r.message, r.file, r.line)).collect()
}
