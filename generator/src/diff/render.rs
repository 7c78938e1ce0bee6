//! `graphgen diff` output: text grouped by area, JSON lines, GitHub annotations on the new
//! page's line, or a markdown changelog section.

use super::{Change, Class};
use crate::diag::{github_data, github_property};
use crate::ir::Source;
use std::fmt::Write;

/// How a diff is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Grouped by version and area, one line per change, with a summary.
    Human,
    /// One JSON object per change.
    Json,
    /// GitHub workflow commands, each on the new page's line (or the old one's, for what is
    /// gone): the changes that fail the run (`--fail-on`) as errors; of the rest, breaking
    /// ones as warnings and the others as notices.
    Github,
    /// A changelog section: breaking, added, documentation.
    Markdown,
}

/// The changes as text; `prefix` goes before every file path (where the docs sit in the repo).
/// `fails`: the class that fails the run (`--fail-on`), which GitHub annotations mark as errors.
pub fn render(changes: &[Change], format: Format, prefix: &str, fails: Option<Class>) -> String {
    let mut out = String::new();
    match format {
        Format::Human => human(changes, prefix, &mut out),
        Format::Json => {
            for c in changes {
                let place =
                    |s: &Option<Source>| s.as_ref().map(|s| serde_json::json!({ "file": format!("{prefix}{}", s.file), "line": s.line }));
                let v = serde_json::json!({
                    "version": c.version, "area": c.area, "features": c.features, "class": c.class().as_str(), "kind": c.kind.words(),
                    "item": c.item, "detail": c.detail, "old": place(&c.old), "new": place(&c.new),
                });
                let _ = writeln!(out, "{v}");
            }
        }
        Format::Github => {
            for c in changes {
                // A run that does not fail shows no errors (Class orders worst first).
                let level = match c.class() {
                    class if fails.is_some_and(|f| class <= f) => "error",
                    Class::Breaking => "warning",
                    Class::Additive | Class::DocsOnly => "notice",
                };
                // On the new page's line; a removal has none, and goes on the line it had
                // (a page the change deletes shows it in the run's summary).
                let at = c
                    .new
                    .as_ref()
                    .or(c.old.as_ref())
                    .map(|s| format!("file={},line={},", github_property(&format!("{prefix}{}", s.file)), s.line));
                let title = github_property(&format!("{} {}", c.class().as_str(), c.kind.words()));
                let _ = writeln!(
                    out,
                    "::{level} {}title={title}::{}",
                    at.unwrap_or_default(),
                    github_data(&format!("{}: {}", c.item, c.detail))
                );
            }
        }
        Format::Markdown => markdown(changes, prefix, &mut out),
    }
    out
}

/// The features that compile a shared item, as `a`, `b`.
fn features(c: &Change) -> String {
    c.features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
}

fn place(s: &Option<Source>, prefix: &str) -> String {
    s.as_ref().map(|s| format!("{prefix}{}:{}", s.file, s.line)).unwrap_or_else(|| "-".into())
}

fn human(changes: &[Change], prefix: &str, out: &mut String) {
    let mut last: Option<(&str, &str)> = None;
    for c in changes {
        if last != Some((&c.version, &c.area)) {
            let _ = match c.area.as_str() {
                super::compare::SHARED => writeln!(out, "\n== {} types and enums several features compile", c.version),
                area => writeln!(out, "\n== {} feature `{area}`", c.version),
            };
            last = Some((&c.version, &c.area));
        }
        let _ = writeln!(out, "  {:<9} {:<20} {}: {}", c.class().as_str(), c.kind.words(), c.item, c.detail);
        if !c.features.is_empty() {
            let _ = writeln!(out, "            compiled by {}", features(c));
        }
        let _ = writeln!(out, "            was {}  now {}", place(&c.old, prefix), place(&c.new, prefix));
    }
    let count = |k: Class| changes.iter().filter(|c| c.class() == k).count();
    let _ = writeln!(
        out,
        "graphgen diff: {} change{}: {} breaking, {} additive, {} docs-only",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        count(Class::Breaking),
        count(Class::Additive),
        count(Class::DocsOnly)
    );
}

fn markdown(changes: &[Change], prefix: &str, out: &mut String) {
    let sections = [(Class::Breaking, "Breaking changes"), (Class::Additive, "Added"), (Class::DocsOnly, "Documentation")];
    let _ = writeln!(out, "## API changes\n");
    if changes.is_empty() {
        let _ = writeln!(out, "No change to the API.");
    }
    for (class, title) in sections {
        let of: Vec<&Change> = changes.iter().filter(|c| c.class() == class).collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {title}\n");
        for c in of {
            let feature = if c.features.is_empty() { format!("feature `{}`", c.area) } else { format!("features {}", features(c)) };
            // Where it is now, or where it was for what is gone.
            let at = match (&c.new, &c.old) {
                (Some(_), _) => format!("`{}`", place(&c.new, prefix)),
                (None, Some(_)) => format!("was `{}`", place(&c.old, prefix)),
                (None, None) => "-".into(),
            };
            let _ = writeln!(out, "- `{}` ({}, {feature}): {}: {} ({at})", c.item, c.version, c.kind.words(), c.detail.replace('\n', " "));
        }
        let _ = writeln!(out);
    }
}

#[cfg(test)]
mod tests {
    use super::{render, Class, Format};
    use crate::diff::{Change, Kind};
    use crate::ir::Source;

    fn change(old: Option<Source>, new: Option<Source>) -> Change {
        Change {
            version: "v1.0".into(),
            area: "users".into(),
            features: Vec::new(),
            kind: Kind::OperationRemoved,
            item: "DELETE /things/{id}".into(),
            detail: "gone".into(),
            old,
            new,
        }
    }

    #[test]
    fn a_github_annotation_is_well_formed_with_a_place_or_without() {
        let at = Source { file: "v1.0/api/thing-delete.md".into(), line: 31 };
        let with = render(&[change(Some(at.clone()), None)], Format::Github, "docs/", Some(Class::Breaking));
        assert!(with.starts_with("::error file=docs/v1.0/api/thing-delete.md,line=31,title=breaking "), "{with}");
        let without = render(&[change(None, None)], Format::Github, "", Some(Class::Additive));
        assert!(without.starts_with("::error title=breaking "), "{without}");
        // A run that does not fail on it marks it a warning.
        let passing = render(&[change(Some(at), None)], Format::Github, "", None);
        assert!(passing.starts_with("::warning file=v1.0/api/thing-delete.md,line=31,title=breaking "), "{passing}");
    }

    #[test]
    fn a_markdown_entry_says_where() {
        let at = Source { file: "v1.0/api/thing-delete.md".into(), line: 31 };
        let md = render(&[change(Some(at), None)], Format::Markdown, "docs/", None);
        assert!(md.contains("(was `docs/v1.0/api/thing-delete.md:31`)"), "{md}");
    }
}
