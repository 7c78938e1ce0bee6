//! What `ir`, `generate` and `openapi` print about the findings in the docs: by default a
//! summary that fits a screen, every finding with `--verbose`, errors only with `--quiet`.
//! (`lint` prints every finding: that is its job.)

use graphgen::diag::{Code, Diagnostic, Severity};
use std::collections::BTreeMap;
use std::path::Path;

/// The most lines a default run of `ir`, `generate` or `openapi` prints, its status lines
/// included.
pub const MAX_LINES: usize = 60;
/// Lines the summary leaves to the command's own status lines after it.
const STATUS_LINES: usize = 4;
/// Error-level findings shown in full before "... and N more".
const ERRORS_SHOWN: usize = 12;

/// How much to print.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Error-level findings only, in full.
    Quiet,
    /// Counts by severity and code, error-level findings in full (fatal ones first), and how
    /// to see the rest; at most `MAX_LINES - STATUS_LINES` lines.
    Summary,
    /// Every finding, then the counts.
    Verbose,
}

impl Mode {
    /// The mode the `--quiet` and `--verbose` flags ask for.
    pub fn of(v: crate::cli::Verbosity) -> Mode {
        match (v.quiet, v.verbose) {
            (true, _) => Mode::Quiet,
            (false, true) => Mode::Verbose,
            (false, false) => Mode::Summary,
        }
    }
}

/// The folder `graphgen lint` should be pointed at to show every finding of a run over `docs`
/// (the version folder, when one was asked for and `docs` is a root holding it).
pub fn lint_folder(docs: &Path, version: Option<&str>) -> std::path::PathBuf {
    match version {
        Some(v) if docs.join(v).is_dir() => docs.join(v),
        _ => docs.to_path_buf(),
    }
}

/// The lines to print (on stderr) about `diags`. `lint` is the docs folder to name in the
/// pointer to `graphgen lint` (none when the input was not docs).
pub fn lines(diags: &[Diagnostic], mode: Mode, lint: Option<&Path>) -> Vec<String> {
    let errors: Vec<&Diagnostic> = {
        let mut e: Vec<&Diagnostic> = diags.iter().filter(|d| d.severity == Severity::Error || d.code.fatal()).collect();
        // Fatal findings first: they are why a run fails.
        e.sort_by_key(|d| !d.code.fatal());
        e
    };
    match mode {
        Mode::Quiet => return errors.iter().map(|d| d.to_string()).collect(),
        Mode::Verbose => {
            let mut out: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            out.push(totals(diags));
            return out;
        }
        Mode::Summary => {}
    }
    if diags.is_empty() {
        return vec![totals(diags)];
    }
    let budget = MAX_LINES - STATUS_LINES;
    let mut out = vec![totals(diags)];

    let mut error_lines = Vec::new();
    if !errors.is_empty() {
        let fatal: Vec<&str> = Code::ALL.iter().filter(|c| c.fatal()).map(|c| c.id()).collect();
        error_lines.push(format!(
            "  error-level findings (fatal for generate: {}; the others are reported and the run goes on):",
            fatal.join(", ")
        ));
        error_lines.extend(errors.iter().take(ERRORS_SHOWN).map(|d| format!("    {}{d}", if d.code.fatal() { "fatal: " } else { "" })));
        if errors.len() > ERRORS_SHOWN {
            error_lines.push(format!("    ... and {} more error-level findings", errors.len() - ERRORS_SHOWN));
        }
    }

    let mut by_code: BTreeMap<Code, (usize, Severity)> = BTreeMap::new();
    for d in diags {
        let e = by_code.entry(d.code).or_insert((0, d.severity));
        e.0 += 1;
        e.1 = e.1.min(d.severity);
    }
    let room = budget.saturating_sub(out.len() + error_lines.len() + usize::from(lint.is_some()));
    let mut code_lines: Vec<String> = by_code
        .iter()
        .map(|(c, (n, s))| {
            let mut title = c.title().to_string();
            if title.chars().count() > 88 {
                title = title.chars().take(85).collect::<String>() + "...";
            }
            format!("  {} {n:>6} {:<7}  {title}", c.id(), s.name())
        })
        .collect();
    // Too many codes for a line each: three to a line, without titles (`graphgen lint` and
    // docs/linting.md have them), so that every code is still counted.
    if code_lines.len() > room {
        let cells: Vec<String> = by_code.iter().map(|(c, (n, s))| format!("{} {n:>6} {:<7}", c.id(), s.name())).collect();
        code_lines = cells.chunks(3).map(|row| format!("  {}", row.join("    "))).collect();
    }
    if code_lines.len() > room {
        let shown = room.saturating_sub(1);
        let rest = code_lines.len() - shown;
        code_lines.truncate(shown);
        code_lines.push(format!("  ... and {rest} more codes"));
    }
    out.extend(code_lines);
    out.extend(error_lines);
    if let Some(dir) = lint {
        out.push(format!("graphgen: run `{} lint --docs {}` to see every finding (or add --verbose)", program(), dir.display()));
    }
    out.truncate(budget);
    out
}

/// How to run this program again, as a command that works where the user is: `cargo run`
/// starts `target/release/graphgen`, which is on no `PATH`, so a pointer to `graphgen lint`
/// alone names a command they do not have. The path it was started by (relative to the
/// working folder when inside it), else `graphgen`.
fn program() -> String {
    let Some(argv0) = std::env::args_os().next().map(std::path::PathBuf::from) else { return "graphgen".into() };
    let named = argv0.file_stem().is_some_and(|s| s == "graphgen");
    if !named || argv0.parent().is_none_or(|p| p.as_os_str().is_empty()) {
        return "graphgen".into();
    }
    let shown = std::env::current_dir().ok().and_then(|cwd| argv0.strip_prefix(&cwd).ok().map(Path::to_path_buf)).unwrap_or(argv0);
    shown.display().to_string()
}

/// The one line of counts: `graphgen: 3 errors (0 fatal), 1823 warnings, 380 notes in the docs`.
fn totals(diags: &[Diagnostic]) -> String {
    let count = |s: Severity| {
        let n = diags.iter().filter(|d| d.severity == s).count();
        format!("{n} {}{}", s.name(), if n == 1 { "" } else { "s" })
    };
    let fatal = diags.iter().filter(|d| d.code.fatal()).count();
    // Thousands of findings read as a failed run to someone who only wanted the crate: say
    // what they are when none of them stops it.
    let tail = if fatal == 0 && !diags.is_empty() { ": problems of the pages, each costing only what it touches" } else { "" };
    format!(
        "graphgen: {} ({fatal} fatal), {}, {} in the docs{tail}",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    )
}

/// The examples without a snippet: with `--verbose` each as a finding; by default their count
/// by cause (the message with its quoted URL or value taken out), the largest first, each with
/// its first place, and how to see them all; nothing with `--quiet`.
pub fn snippet_lines(missing: &[Diagnostic], mode: Mode) -> Vec<String> {
    match mode {
        Mode::Quiet => return Vec::new(),
        Mode::Verbose => return missing.iter().map(|d| d.to_string()).collect(),
        Mode::Summary if missing.is_empty() => return Vec::new(),
        Mode::Summary => {}
    }
    let mut by: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in missing {
        by.entry(graphgen::diag::cause(&d.message)).or_default().push(d);
    }
    let mut groups: Vec<_> = by.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let mut out = vec![format!("  {} examples have no snippet ({}), by cause:", missing.len(), Code::ExampleSnippet.id())];
    const SHOWN: usize = 10;
    for (cause, list) in groups.iter().take(SHOWN) {
        let first = list.first().map(|d| format!("{}:{}", d.file, d.line)).unwrap_or_default();
        out.push(format!("    {:>5}  {cause} (first: {first})", list.len()));
    }
    if groups.len() > SHOWN {
        out.push(format!("    ... and {} more causes", groups.len() - SHOWN));
    }
    out.push("graphgen: add --verbose to list each example without a snippet".into());
    out
}
