//! `graphgen`: the command line over the library.

use clap::{Parser, Subcommand, ValueEnum};

// The pipeline allocates many small strings and vectors; mimalloc makes docs-to-IR ~25% faster.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use graphgen::diag::{Code, Diagnostic, Severity};
use graphgen::lint;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "graphgen", about = "Microsoft Graph reference docs to a Rust crate")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Yaml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LintFormat {
    /// rustc-style: the source line with a caret under the offending text.
    Human,
    /// One JSON object per finding.
    Json,
    /// GitHub Actions workflow commands (inline annotations on pull requests).
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// Grouped by area, one line per change, with a summary.
    Human,
    /// One JSON object per change.
    Json,
    /// GitHub Actions workflow commands on the new page's line.
    Github,
    /// A changelog section.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Fail when a change is breaking.
    Breaking,
    /// Fail when a change is breaking or additive.
    Additive,
}

#[derive(Subcommand)]
enum Command {
    /// Print (or write) the intermediate schema of a docs tree.
    Ir {
        /// A docs root holding v1.0/ and beta/, or one version folder.
        #[arg(long)]
        docs: PathBuf,
        #[arg(long, value_enum, default_value = "yaml")]
        format: Format,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Do not print diagnostics.
        #[arg(long)]
        quiet: bool,
    },
    /// Generate a crate from a docs tree (or from an OpenAPI document with --openapi).
    Generate {
        #[arg(long, required_unless_present = "openapi")]
        docs: Option<PathBuf>,
        /// An OpenAPI 3.0 document (JSON or YAML) to generate from instead of docs.
        #[arg(long, conflicts_with = "docs")]
        openapi: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Which version to generate when the docs hold several (v1.0, beta).
        #[arg(long)]
        api_version: Option<String>,
        #[arg(long, default_value = "msgraph")]
        crate_name: String,
        /// Make the crate its own workspace root, to build it outside this repository.
        #[arg(long)]
        standalone: bool,
        #[arg(long)]
        quiet: bool,
        /// Write the crate even when the docs have error-level findings (a page that cannot be
        /// read, example JSON that does not parse); without it such a run fails and leaves the
        /// previous crate as it was.
        #[arg(long)]
        keep_going: bool,
    },
    /// Write the IR of a docs tree as an OpenAPI 3.0 document.
    Openapi {
        #[arg(long)]
        docs: PathBuf,
        #[arg(long)]
        api_version: Option<String>,
        #[arg(long, value_enum, default_value = "yaml")]
        format: Format,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        quiet: bool,
    },
    /// Report every inconsistency of a docs tree, with code, severity, file, line and column.
    ///
    /// Exit status: 0 when nothing fails, 1 when a finding fails (an error, after --deny; or,
    /// with --baseline, any warning or error the baseline does not accept), 2 on bad usage.
    Lint {
        #[arg(long)]
        docs: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: LintFormat,
        /// Accepted findings (written by --write-baseline); new ones fail, stale ones are listed.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Write the baseline that accepts every current finding, then exit 0.
        #[arg(long)]
        write_baseline: Option<PathBuf>,
        /// Treat a code (`GG0405` or `ExampleUnknownProperty`) as an error; `warnings` for all.
        #[arg(long)]
        deny: Vec<String>,
        /// Do not report a code.
        #[arg(long)]
        allow: Vec<String>,
        /// Put before every file path in the output (where the docs root sits in the repository).
        #[arg(long, default_value = "")]
        path_prefix: String,
    },
    /// Every change of the API surface from one docs tree (or `ir.yaml`) to another, each
    /// classified for semver as breaking, additive or docs-only (see the README's rules).
    ///
    /// Exit status: 0, or 1 when --fail-on is given and a change of that class (or worse) is
    /// found; 2 on bad usage.
    Diff {
        /// The docs tree (or IR snapshot) before the change.
        #[arg(long)]
        old: PathBuf,
        /// The docs tree (or IR snapshot) after it.
        #[arg(long)]
        new: PathBuf,
        /// Compare this version only.
        #[arg(long)]
        api_version: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormat,
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Put before every file path in the output (where the docs root sits in the repository).
        #[arg(long, default_value = "")]
        path_prefix: String,
    },
}

fn report(diags: &[Diagnostic], quiet: bool) {
    if !quiet {
        for d in diags {
            eprintln!("{d}");
        }
    }
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    eprintln!(
        "graphgen: {} errors, {} warnings, {} notes in the docs",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    );
}

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
    };
    print!("{}", lint::render(&report, format, &prefix));
    eprintln!("graphgen lint: {} findings, {} failing, in {:.2?}", report.findings.len(), report.failed(), start.elapsed());
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
    let ((a, _), (b, new_diags)) = graphgen::load_ir_pair(old, new)?;
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
    print!("{}", diff::render(&changes, format, prefix));
    eprintln!("graphgen diff: {} changes in {:.2?} ({errors} errors in the new docs)", changes.len(), start.elapsed());
    let worst = diff::worst(&changes);
    let fails = match fail_on {
        Some(FailOn::Breaking) => worst == Some(Class::Breaking),
        Some(FailOn::Additive) => matches!(worst, Some(Class::Breaking | Class::Additive)),
        None => false,
    };
    Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A document as YAML or JSON, to a file or stdout.
fn output<T: serde::Serialize>(value: &T, format: Format, out: Option<PathBuf>) -> Result<(), graphgen::Error> {
    let text = match format {
        Format::Yaml => serde_yaml::to_string(value).map_err(|e| graphgen::Error::Serialize(e.to_string()))?,
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

fn run(cli: Cli) -> Result<ExitCode, graphgen::Error> {
    match cli.command {
        Command::Ir { docs, format, out, quiet } => {
            let (ir, diags) = graphgen::build_ir(&docs)?;
            report(&diags, quiet);
            output(&ir, format, out)?;
        }
        Command::Generate { docs, openapi, out, api_version, crate_name, standalone, quiet, keep_going } => {
            graphgen::emit::check_output(&out, docs.as_deref().or(openapi.as_deref()))?;
            let opts = graphgen::emit::Options { crate_name, standalone, ..Default::default() };
            let (files, diags) = match (docs, openapi) {
                (Some(docs), _) => graphgen::generate(&docs, api_version.as_deref(), &opts)?,
                (None, Some(doc)) => graphgen::generate_from_openapi(&doc, &opts)?,
                (None, None) => return Err(graphgen::Error::Usage("give --docs or --openapi".into())),
            };
            report(&diags, quiet);
            let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
            if errors > 0 && !keep_going {
                eprintln!("graphgen: {errors} error-level findings; {} left as it was (write anyway with --keep-going)", out.display());
                return Ok(ExitCode::from(1));
            }
            graphgen::emit::write(&files, &out)?;
            eprintln!("graphgen: wrote {} files to {}", files.len(), out.display());
        }
        Command::Openapi { docs, api_version, format, out, quiet } => {
            let (ir, diags) = graphgen::build_ir(&docs)?;
            report(&diags, quiet);
            let api = graphgen::pick_version(&ir, api_version.as_deref())?;
            output(&graphgen::openapi::export::export(api), format, out)?;
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

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("graphgen: {e}");
            ExitCode::from(2)
        }
    }
}
