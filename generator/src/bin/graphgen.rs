//! `graphgen`: the command line over the library.

// Beside this file, not in src/bin/ where cargo would take each for a binary of its own.
#[path = "graphgen/cli.rs"]
mod cli;
#[path = "graphgen/summary.rs"]
mod summary;

use clap::Parser;
use cli::{Cli, Command, DiffFormat, FailOn, Format, LintFormat};

// The pipeline allocates many small strings and vectors; mimalloc makes docs-to-IR ~25% faster.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use graphgen::diag::{Code, Severity};
use graphgen::lint;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

fn codes(names: &[String]) -> Result<BTreeSet<Code>, graphgen::Error> {
    names
        .iter()
        .filter(|n| n.as_str() != "warnings")
        .map(|n| {
            Code::parse(n).ok_or_else(|| {
                graphgen::Error::Usage(format!(
                    "unknown diagnostic code `{n}` (use an id like GG0405 or a name like ExampleUnknownProperty)"
                ))
            })
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn lint(
    docs: PathBuf,
    format: LintFormat,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
    deny: Vec<String>,
    allow: Vec<String>,
    prefix: String,
) -> Result<ExitCode, graphgen::Error> {
    let start = std::time::Instant::now();
    let (_, diags, texts) = graphgen::build_ir_keeping_pages(&docs)?;
    let baseline = match &baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| graphgen::Error::Usage(format!("cannot read baseline {}: {e}", path.display())))?;
            Some(lint::Baseline::parse(&text).map_err(graphgen::Error::Usage)?)
        }
        None => None,
    };
    let opts = lint::Options { allow: codes(&allow)?, deny: codes(&deny)?, deny_warnings: deny.iter().any(|d| d == "warnings"), baseline };
    let report = lint::lint(&texts, &diags, &opts);
    if let Some(path) = write_baseline {
        std::fs::write(&path, lint::Baseline::of(&report.findings))
            .map_err(|source| graphgen::Error::Write { path: path.clone(), source })?;
        eprintln!("graphgen lint: wrote {} accepted findings to {}", report.findings.len(), path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let format = match format {
        LintFormat::Human => lint::Format::Human,
        LintFormat::Json => lint::Format::Json,
        LintFormat::Github => lint::Format::Github,
        LintFormat::Sarif => lint::Format::Sarif,
    };
    print!("{}", lint::render(&report, format, &prefix));
    eprintln!("{} (in {:.2?})", lint::summary(&report), start.elapsed());
    if let Some(hint) = lint::baseline_hint(&report) {
        eprintln!("{hint}");
    }
    Ok(if report.failed() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    version: Option<&str>,
    format: DiffFormat,
    fail_on: Option<FailOn>,
    prefix: &str,
) -> Result<ExitCode, graphgen::Error> {
    use graphgen::diff::{self, Class};
    let start = std::time::Instant::now();
    let ((a, _), (b, new_diags)) = graphgen::load_ir_pair_version(old, new, version)?;
    let errors = new_diags.iter().filter(|d| d.severity == Severity::Error).count();
    let (changes, unmatched) = diff::diff_irs(&a, &b, version);
    for v in unmatched {
        eprintln!("graphgen diff: version {v} is on one side only; not compared");
    }
    let format = match format {
        DiffFormat::Human => diff::Format::Human,
        DiffFormat::Json => diff::Format::Json,
        DiffFormat::Github => diff::Format::Github,
        DiffFormat::Markdown => diff::Format::Markdown,
    };
    let failing = fail_on.map(|f| match f {
        FailOn::Breaking => Class::Breaking,
        FailOn::Additive => Class::Additive,
    });
    print!("{}", diff::render(&changes, format, prefix, failing));
    // `--old` a crate's `ir.yaml`: the version its Cargo.toml holds, and the one the changes
    // call for, where reviewers read the changes.
    let crate_dir = old.file_name().is_some_and(|n| n == "ir.yaml").then(|| old.parent()).flatten();
    if let Some((version, next, why)) = crate_dir.and_then(|dir| version_called_for(dir, &changes)) {
        let line = format!("the changes are {why}: version {next} after {version} (the crate's Cargo.toml)");
        match format {
            diff::Format::Markdown => println!("**Version**: {line}."),
            diff::Format::Github => println!("::notice title=version::{line}"),
            diff::Format::Human => println!("graphgen diff: {line}"),
            diff::Format::Json => {}
        }
    }
    let plural = if changes.len() == 1 { "" } else { "s" };
    eprintln!("graphgen diff: {} change{plural} in {:.2?} ({errors} errors in the new docs)", changes.len(), start.elapsed());
    let fails = failing.is_some_and(|f| diff::worst(&changes).is_some_and(|w| w <= f));
    Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A document as YAML or JSON, to a file or stdout.
fn output<T: serde::Serialize>(value: &T, format: Format, out: Option<PathBuf>) -> Result<(), graphgen::Error> {
    let text = match format {
        // Strings YAML 1.1 readers take for booleans, numbers or dates (`on`, `2017-01-01`) quoted.
        Format::Yaml => graphgen::yaml::to_string(value).map_err(graphgen::Error::Serialize)?,
        Format::Json => serde_json::to_string_pretty(value).map_err(|e| graphgen::Error::Serialize(e.to_string()))? + "\n",
    };
    match out {
        Some(path) => std::fs::write(&path, text).map_err(|source| graphgen::Error::Write { path, source }),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn print(lines: &[String]) {
    for l in lines {
        eprintln!("{l}");
    }
}

fn run(cli: Cli) -> Result<ExitCode, graphgen::Error> {
    match cli.command {
        Command::Ir { docs, api_version, format, out, verbosity } => {
            let (ir, diags) = graphgen::build_ir_version(&docs, api_version.as_deref())?;
            let lint = summary::lint_folder(&docs, api_version.as_deref());
            print(&summary::lines(&diags, summary::Mode::of(verbosity), Some(&lint)));
            output(&ir, format, out)?;
        }
        Command::Generate { docs, openapi, out, api_version, crate_name, standalone, crate_version, verbosity, keep_going, check } => {
            let start = std::time::Instant::now();
            let mode = summary::Mode::of(verbosity);
            graphgen::emit::check_output(&out, docs.as_deref().or(openapi.as_deref()))?;
            if let Some(v) = crate_version.as_deref().filter(|v| !graphgen::emit::valid_version(v)) {
                return Err(graphgen::Error::Usage(format!("--crate-version {v}: not a version cargo takes (major.minor.patch)")));
            }
            let crate_version = crate_version
                .or_else(|| graphgen::emit::existing_version(&out))
                .unwrap_or_else(|| graphgen::emit::FIRST_VERSION.to_string());
            let crate_name = crate_name.or_else(|| graphgen::emit::existing_name(&out)).unwrap_or_else(|| "msgraph".to_string());
            let opts = graphgen::emit::Options { crate_name, standalone, crate_version, ..Default::default() };
            let (files, diags, lint) = match (docs, openapi) {
                (Some(docs), _) => {
                    let (files, diags) = graphgen::generate(&docs, api_version.as_deref(), &opts)?;
                    (files, diags, Some(summary::lint_folder(&docs, api_version.as_deref())))
                }
                (None, Some(doc)) => {
                    let (files, diags) = graphgen::generate_from_openapi(&doc, &opts)?;
                    (files, diags, None)
                }
                (None, None) => return Err(graphgen::Error::Usage("give --docs or --openapi".into())),
            };
            print(&summary::lines(&diags, mode, lint.as_deref()));
            // The rule lives in `Code::fatal`: only findings that lose API surface fail the run.
            let fatal = diags.iter().filter(|d| d.code.fatal()).count();
            if fatal > 0 && !keep_going {
                eprintln!(
                    "graphgen: {fatal} fatal findings (pages the crate would lack); {} left as it was (write anyway with --keep-going)",
                    out.display()
                );
                return Ok(ExitCode::from(1));
            }
            if check {
                return Ok(drift(&files, &out));
            }
            graphgen::emit::write(&files, &out)?;
            if mode != summary::Mode::Quiet {
                let lacking = if fatal > 0 { format!(", lacking the pages of {fatal} fatal findings") } else { String::new() };
                eprintln!("graphgen: wrote {} files to {} in {:.1?}{lacking}", files.len(), out.display(), start.elapsed());
            }
        }
        Command::Openapi { docs, api_version, format, out, verbosity } => {
            let (ir, diags) = graphgen::build_ir_version(&docs, api_version.as_deref())?;
            let lint = summary::lint_folder(&docs, api_version.as_deref());
            print(&summary::lines(&diags, summary::Mode::of(verbosity), Some(&lint)));
            let api = graphgen::pick_version(&ir, api_version.as_deref())?;
            output(&graphgen::openapi::export::export(api), format, out)?;
        }
        Command::Snippets { docs, out, api_version, crate_name, verbosity } => {
            let (ir, _) = graphgen::build_ir_version(&docs, api_version.as_deref())?;
            let api = graphgen::pick_version(&ir, api_version.as_deref())?;
            let opts = graphgen::emit::Options { crate_name, ..Default::default() };
            let (written, missing) = graphgen::emit::snippets(api, &opts);
            let count = graphgen::write_snippets(&out, &api.version, &written)?;
            let mut lines = vec![format!(
                "snippets: {count} files for {} of {} examples in {}",
                written.len(),
                written.len() + missing.len(),
                out.display()
            )];
            // Each example without a snippet is a finding on its page, as `graphgen lint`
            // writes them.
            let mut diags = graphgen::diag::Diags::default();
            for m in &missing {
                diags.push(
                    &m.page,
                    m.line,
                    graphgen::diag::Code::ExampleSnippet,
                    format!("no Rust snippet for example `{}`: {}", m.name, m.reason),
                );
            }
            lines.extend(summary::snippet_lines(&diags.items, summary::Mode::of(verbosity)));
            // Written with `writeln!`, not `println!`: a reader that stops early (`| head`) is
            // no reason to panic.
            let mut out = std::io::stdout().lock();
            for l in lines {
                if writeln!(out, "{l}").is_err() {
                    break;
                }
            }
        }
        Command::Lint { docs, format, baseline, write_baseline, deny, allow, path_prefix } => {
            return lint(docs, format, baseline, write_baseline, deny, allow, path_prefix);
        }
        Command::Diff { old, new, api_version, format, fail_on, path_prefix } => {
            return diff(&old, &new, api_version.as_deref(), format, fail_on, &path_prefix);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The version of the crate at `dir`, the one `changes` call for, and why; none without changes.
fn version_called_for(dir: &std::path::Path, changes: &[graphgen::diff::Change]) -> Option<(String, String, &'static str)> {
    let version = graphgen::emit::existing_version(dir).filter(|_| !changes.is_empty())?;
    let (next, why) = graphgen::diff::bump(&version, changes);
    Some((version, next, why))
}

/// `generate --check`: each file of the crate at `out` that differs from `files`, as a unified
/// diff on stdout, then the API changes between the two `ir.yaml`s; exit 1 on any drift.
fn drift(files: &graphgen::emit::Files, out: &std::path::Path) -> ExitCode {
    // Paths inside the crate, as `git apply` in its folder takes them.
    let drift = graphgen::emit::drift::drift(files, out, "");
    if drift.is_empty() {
        eprintln!("graphgen: {} is what the docs generate ({} files); nothing to write", out.display(), files.len());
        return ExitCode::SUCCESS;
    }
    let mut stdout = std::io::stdout().lock();
    for d in &drift {
        if write!(stdout, "{}", d.diff).is_err() {
            break;
        }
    }
    let old = std::fs::read_to_string(out.join("ir.yaml")).ok().and_then(|t| graphgen::ir::Ir::from_yaml(&t).ok());
    let new = files.get("ir.yaml").and_then(|t| graphgen::ir::Ir::from_yaml(t).ok());
    let mut bump = String::new();
    if let (Some(old), Some(new)) = (old, new) {
        let (changes, _) = graphgen::diff::diff_irs(&old, &new, None);
        if changes.is_empty() {
            // The crate's `ir.yaml` is what the docs read as: the files differ otherwise (edited
            // by hand, or written by another graphgen), not because the API changed.
            let _ = writeln!(
                stdout,
                "graphgen diff: the crate's ir.yaml and the docs describe the same API; the files above differ from what this graphgen writes (edited by hand, or written by another version of graphgen)"
            );
        } else {
            let _ = write!(stdout, "{}", graphgen::diff::render(&changes, graphgen::diff::Format::Human, "", None));
        }
        // The version the changes call for, from the crate's own (kept when regenerating).
        if let Some((version, next, why)) = version_called_for(out, &changes) {
            bump = format!("; the API changes are {why}: version {next} after {version} (--crate-version {next}, or edit Cargo.toml)");
        }
    }
    let list: Vec<String> = drift.iter().take(10).map(|d| format!("{} ({})", d.name, d.what)).collect();
    let more = if drift.len() > 10 { format!(", and {} more", drift.len() - 10) } else { String::new() };
    let files = if drift.len() == 1 { "1 of its files differs".to_string() } else { format!("{} of its files differ", drift.len()) };
    eprintln!(
        "graphgen: {} has drifted from the docs ({files}; in the diffs `a/` is the crate on disk, `b/` what the docs generate): {}{more}; regenerate it (the same command without --check){bump}",
        out.display(),
        list.join(", ")
    );
    ExitCode::from(1)
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("graphgen: {e}");
            ExitCode::from(2)
        }
    }
}
