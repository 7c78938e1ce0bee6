//! The command line's shape: every subcommand and flag, each with its help text. It uses
//! nothing but clap and std, so `generator/tests/cli.rs` includes this file to check that no
//! flag goes without help.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const MOST_USED: &str = "\
The three commands most people need:

  Generate a crate from a docs checkout (only the version folder asked for is read):
    graphgen generate --docs path/to/api-reference --api-version v1.0 --out ../msgraph --standalone

  Report every finding in the docs, with file, line and a caret under the text:
    graphgen lint --docs path/to/api-reference/v1.0

  List the API changes between two docs trees, classified for semver:
    graphgen diff --old old/api-reference/v1.0 --new path/to/api-reference/v1.0 --format markdown

`graphgen <COMMAND> --help` describes each command's flags.";

// Microsoft Graph reference docs to a Rust crate.
#[derive(Parser)]
#[command(name = "graphgen", about = "Microsoft Graph reference docs to a Rust crate", after_help = MOST_USED)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How `ir` and `openapi` write their document.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// YAML.
    Yaml,
    /// JSON, pretty-printed.
    Json,
}

/// How `lint` writes its findings.
#[derive(Clone, Copy, ValueEnum)]
pub enum LintFormat {
    /// rustc-style: the source line with a caret under the offending text.
    Human,
    /// One JSON object per finding.
    Json,
    /// GitHub Actions workflow commands (inline annotations on pull requests).
    Github,
    /// One SARIF 2.1.0 log (for code scanning: `github/codeql-action/upload-sarif`).
    Sarif,
}

/// How `diff` writes its changes.
#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    /// Grouped by area, one line per change, with a summary.
    Human,
    /// One JSON object per change.
    Json,
    /// GitHub Actions workflow commands on the new page's line.
    Github,
    /// A changelog section.
    Markdown,
}

/// Which changes make `diff` exit 1.
#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    /// Fail when a change is breaking.
    Breaking,
    /// Fail when a change is breaking or additive.
    Additive,
}

// How much `ir`, `generate` and `openapi` say about the findings in the docs (a plain
// comment: a doc comment here would become the help text of the commands that flatten it).
#[derive(Args, Clone, Copy)]
pub struct Verbosity {
    /// Print nothing but errors: error-level findings and why a run failed.
    #[arg(long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every finding, one line each, instead of the summary (at most 60 lines: counts
    /// by severity and by code, error-level findings in full, and how to see the rest).
    #[arg(long)]
    pub verbose: bool,
}

// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Print (or write) the intermediate schema of a docs tree.
    Ir {
        /// A docs root holding v1.0/ and beta/, or one version folder.
        #[arg(long)]
        docs: PathBuf,
        /// Read only this version folder of a docs root (v1.0, beta); every version without it.
        #[arg(long)]
        api_version: Option<String>,
        /// The document's format.
        #[arg(long, value_enum, default_value = "yaml")]
        format: Format,
        /// Write the IR to this file instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        verbosity: Verbosity,
    },
    /// Generate a crate from a docs tree (or from an OpenAPI document with --openapi).
    ///
    /// Exit status: 0 when the crate is written; 1 on a fatal finding (see --keep-going), the
    /// previous crate at --out left as it was; 2 on bad usage. With --check: 0 when the crate
    /// at --out is what the docs generate, 1 when it has drifted; nothing is written.
    Generate {
        /// A docs root holding v1.0/ and beta/ (with --api-version), or one version folder.
        #[arg(long, required_unless_present = "openapi")]
        docs: Option<PathBuf>,
        /// An OpenAPI 3.0 document (JSON or YAML) to generate from instead of docs.
        #[arg(long, conflicts_with = "docs")]
        openapi: Option<PathBuf>,
        /// The crate's folder: replaced as a whole in one step, or left as it was on failure.
        #[arg(long)]
        out: PathBuf,
        /// Which version to generate when the docs hold several (v1.0, beta); only that
        /// version folder is read.
        #[arg(long)]
        api_version: Option<String>,
        /// The generated crate's package name. Without it, the name of the crate at --out is
        /// kept (a beta crate regenerated stays `msgraph-beta`), else `msgraph`.
        #[arg(long)]
        crate_name: Option<String>,
        /// Make the crate its own workspace root, to build it outside this repository.
        #[arg(long)]
        standalone: bool,
        /// The crate's version in its Cargo.toml. Without it, the version of the crate at --out
        /// is kept (so a version bumped there by hand is no drift), else 0.1.0. `--check` says
        /// which version the API changes call for.
        #[arg(long)]
        crate_version: Option<String>,
        #[command(flatten)]
        verbosity: Verbosity,
        /// Write the crate even when a finding is fatal. Fatal are the findings that lose API
        /// surface: GG0001, a page that cannot be read (I/O error) or is not UTF-8, whose
        /// types and operations the crate would silently lack. Without this flag such a run
        /// exits 1 and leaves the previous crate as it was. Every other finding, error-level
        /// ones included (an example body that is not JSON, GG0401, costs its example test),
        /// is reported and the crate is written.
        #[arg(long)]
        keep_going: bool,
        /// Write nothing: compare the crate at --out with what the docs generate, print a
        /// unified diff of each file that differs and the API changes (as `graphgen diff`
        /// classifies them), and exit 1 if any file does. For a CI job that fails when a
        /// committed crate has drifted from the docs. The files compared are the generator's:
        /// those it writes, and anything else under src/ and tests/ (target/ and Cargo.lock
        /// are yours).
        #[arg(long)]
        check: bool,
    },
    /// Write the IR of a docs tree as an OpenAPI 3.0 document.
    Openapi {
        /// A docs root holding v1.0/ and beta/ (with --api-version), or one version folder.
        #[arg(long)]
        docs: PathBuf,
        /// Which version to export when the docs hold several (v1.0, beta); only that version
        /// folder is read.
        #[arg(long)]
        api_version: Option<String>,
        /// The document's format.
        #[arg(long, value_enum, default_value = "yaml")]
        format: Format,
        /// Write the document to this file instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        verbosity: Verbosity,
    },
    /// Write a Rust snippet for every HTTP request example of the docs, in the docs' include
    /// layout: `<out>/<version>/includes/snippets/rust/<example-name>-rust-snippets.md`.
    ///
    /// Each is what a user writes with the generated crate (default name `msgraph`) to send the
    /// example's request, with a `client` in scope. Examples that cannot be written are listed
    /// with the reason. Exit status: 0 when the files are written, 2 on bad usage.
    Snippets {
        /// A docs root holding v1.0/ and beta/ (with --api-version), or one version folder.
        #[arg(long)]
        docs: PathBuf,
        /// Where the `<version>/includes/snippets/rust/` folders go.
        #[arg(long)]
        out: PathBuf,
        /// Which version to write when the docs hold several (v1.0, beta).
        #[arg(long)]
        api_version: Option<String>,
        /// The generated crate's package name, as the snippets' `use` lines spell it.
        #[arg(long, default_value = "msgraph")]
        crate_name: String,
        #[command(flatten)]
        verbosity: Verbosity,
    },
    /// Report every inconsistency of a docs tree, with code, severity, file, line and column.
    ///
    /// Exit status: 0 when nothing fails, 1 when a finding fails (an error, after --deny; or,
    /// with --baseline, any warning or error the baseline does not accept), 2 on bad usage.
    Lint {
        /// A docs root holding v1.0/ and beta/ (both are linted), or one version folder.
        #[arg(long)]
        docs: PathBuf,
        /// How to write the findings.
        #[arg(long, value_enum, default_value = "human")]
        format: LintFormat,
        /// Accepted findings (written by --write-baseline); new ones fail, stale ones are listed.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Write the baseline that accepts every current finding, then exit 0.
        #[arg(long)]
        write_baseline: Option<PathBuf>,
        /// Treat a code (`GG0405` or `ExampleUnknownProperty`) as an error; `warnings` for all.
        /// Repeat it or separate codes with commas (`--deny GG0405,GG0406`).
        #[arg(long, value_delimiter = ',')]
        deny: Vec<String>,
        /// Do not report a code; repeat it or separate codes with commas.
        #[arg(long, value_delimiter = ',')]
        allow: Vec<String>,
        /// Put before every file path in the output (where the docs root sits in the repository).
        #[arg(long, default_value = "")]
        path_prefix: String,
    },
    /// Every change of the API surface from one docs tree (or `ir.yaml`) to another, each
    /// classified for semver as breaking, additive or docs-only (the rules are in docs/diff.md).
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
        /// Compare this version only (a docs root's other version folders are not read).
        #[arg(long)]
        api_version: Option<String>,
        /// How to write the changes.
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormat,
        /// Exit 1 when a change of this class (or a worse one) is found.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Put before every file path in the output (where the docs root sits in the repository).
        #[arg(long, default_value = "")]
        path_prefix: String,
    },
}
