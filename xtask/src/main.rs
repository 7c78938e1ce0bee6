//! `cargo xtask <command>`: the repository's maintenance commands, thin wrappers over graphgen.
//!
//! - `regen`: rewrite `generated/` from `specs/`.
//! - `check`: regenerate into a temporary folder and fail with a unified diff when anything
//!   differs from the committed `generated/`.
//! - `corpus [--docs DIR] [--out FILE] [--crates] [--sample-areas]`: coverage of a docs tree
//!   (default `../shared/graph-docs`); with `--crates`, each version's crate is generated,
//!   checked with every area and the client, none and each area alone (a sample with `--sample-areas`, as
//!   CI does), linted and tested.
//! - `bench [--docs DIR] [--no-crate] [--decode-only] [--compare-layouts]`: docs-to-IR time against a bare
//!   pulldown-cmark pass, with peak memory; full generation time; check and build times of the generated crate
//!   (and, with `--compare-layouts`, of the fluent API against free functions);
//!   decoding a page of 999 users (generated model, derive twin, `serde_json::Value`); OpenAPI
//!   import and emit of 1,000, 2,000 and 4,000 synthetic schemas.
//! - `determinism [--docs DIR]`: v1.0 generated with files listed in other orders and read by
//!   other thread counts gives the same bytes; a second write touches no file.
//! - `diff [--docs DIR]`: `graphgen diff` of v1.0 against itself and against a copy with files
//!   shuffled and headings reformatted reports nothing; its time against docs-to-IR.
//! - `adversarial`: the crate of a fixture full of hostile names passes clippy `-D warnings`
//!   and its round-trip tests.
//! - `example [--docs DIR]`: generate v1.0, then test the example crate `examples/tour` (a
//!   user's tour of the crate, sans-IO against canned answers) and compile the README's and
//!   `docs/`' Rust snippets against it.
//! - `fuzz [--seconds N] [--target NAME]`: the cargo-fuzz targets, seeded from real pages.
//! - `limits`: huge pages and tables, deep nesting and inheritance loops, with time and memory.
//! - `openapi [--docs DIR]`: specs and v1.0 through OpenAPI and back (same IR, same crate),
//!   validated; a petstore-style document generates a crate that passes clippy.
//! - `surface [--docs DIR] [--show KIND] [--version V]`: the generated API against the docs-derived URL
//!   model (answers, bodies, sample values, letter case) and the first calls a user writes.
//! - `snippets [--docs DIR] [--api-version V]`: the Rust snippet of every docs example,
//!   compiled against the generated crate and sent to a loopback server.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod adversarial;
mod bench;
mod cargo_run;
mod check;
mod corpus;
mod decode_bench;
mod determinism;
mod diffcheck;
mod example;
mod example_snippets;
mod fuzz;
mod limits;
mod openapi;
mod openapi_bench;
mod snippets;
mod surface;

use std::path::PathBuf;
use std::process::ExitCode;

/// The repository root (the parent of this crate).
fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

/// The in-repo crate's options; its version is the one `generated/Cargo.toml` holds, as
/// `graphgen generate` keeps a crate's version.
fn options() -> graphgen::emit::Options {
    let crate_version = graphgen::emit::existing_version(&root().join("generated")).unwrap_or_else(|| graphgen::emit::FIRST_VERSION.into());
    graphgen::emit::Options { crate_name: "msgraph".into(), standalone: false, crate_version, ..Default::default() }
}

fn regen() -> Result<(), String> {
    let root = root();
    let start = std::time::Instant::now();
    // One read of the pages gives the crate and the findings, placed as `graphgen lint` places them.
    let (ir, diags, texts) = graphgen::build_ir_keeping_pages(&root.join("specs")).map_err(|e| e.to_string())?;
    let api = graphgen::pick_version(&ir, None).map_err(|e| e.to_string())?;
    let files = graphgen::emit::emit(api, &graphgen::snapshot(api).map_err(|e| e.to_string())?, &options()).map_err(|e| e.to_string())?;
    let findings = specs_findings(&root, &texts, &diags)?;
    graphgen::emit::write(&files, &root.join("generated")).map_err(|e| e.to_string())?;
    check::rustfmt(&root, &root.join("generated"))?;
    eprintln!("regen: {} files in generated/ from specs/ in {:.2?} ({findings})", files.len(), start.elapsed());
    Ok(())
}

/// The specs' findings as `graphgen lint` places them (line and column of the text at fault),
/// those `specs/lint-baseline.txt` does not accept printed in full, the rest counted.
fn specs_findings(root: &std::path::Path, texts: &graphgen::PageTexts, diags: &[graphgen::diag::Diagnostic]) -> Result<String, String> {
    use graphgen::lint;
    let text = std::fs::read_to_string(root.join("specs/lint-baseline.txt")).unwrap_or_default();
    let baseline = lint::Baseline::parse(&text)?;
    let report = lint::lint(texts, diags, &lint::Options { baseline: Some(baseline), ..Default::default() });
    let new: Vec<_> = report.findings.iter().filter(|f| !f.baselined).collect();
    for f in &new {
        eprintln!("specs/{}:{}:{}: {}[{}]: {}", f.file, f.line, f.column, f.severity.name(), f.code.id(), f.message);
    }
    let accepted = report.findings.len() - new.len();
    Ok(format!(
        "{} findings in specs/, {accepted} accepted by specs/lint-baseline.txt; `cargo run -p graphgen -- lint --docs specs` explains each",
        report.findings.len()
    ))
}

/// The docs tree: `GRAPHGEN_DOCS` when set (CI runs the commands from a clone with nothing
/// beside it), else `../shared/graph-docs` beside the checkout.
fn shared_docs() -> PathBuf {
    match std::env::var_os("GRAPHGEN_DOCS") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => root().join("../shared/graph-docs"),
    }
}

/// The repository's maintenance commands (see the module docs, and the README).
#[derive(clap::Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Rewrite `generated/` from `specs/`.
    Regen,
    /// Fail with a diff when `generated/` differs from what `specs/` gives.
    Check,
    /// Coverage of a docs tree; with `--crates`, each version's crate built, linted and tested.
    Corpus {
        #[arg(long)]
        docs: Option<PathBuf>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        crates: bool,
        #[arg(long)]
        sample_areas: bool,
    },
    /// Speed and memory against baselines measured in the same run.
    Bench {
        #[arg(long)]
        docs: Option<PathBuf>,
        /// Leave out the generated crate's build times and the decoding figure.
        #[arg(long)]
        no_crate: bool,
        /// Only the decoding figure.
        #[arg(long)]
        decode_only: bool,
        /// Also check the crate with the fluent API against the free functions it replaced.
        #[arg(long)]
        compare_layouts: bool,
    },
    /// v1.0 in other file orders and thread counts gives the same bytes.
    Determinism {
        #[arg(long)]
        docs: Option<PathBuf>,
    },
    /// `graphgen diff` of v1.0 against itself and a reformatted copy: no changes, and its time.
    Diff {
        #[arg(long)]
        docs: Option<PathBuf>,
    },
    /// A fixture of hostile names through the whole pipeline.
    Adversarial,
    /// The example crate `examples/tour` against the v1.0 crate.
    Example {
        #[arg(long)]
        docs: Option<PathBuf>,
    },
    /// Huge pages and tables, deep nesting and inheritance loops.
    Limits,
    /// Specs and v1.0 through OpenAPI and back.
    Openapi {
        #[arg(long)]
        docs: Option<PathBuf>,
    },
    /// The generated API against the docs-derived URL model.
    Surface {
        #[arg(long)]
        docs: Option<PathBuf>,
        #[arg(long)]
        show: Option<String>,
        #[arg(long = "version")]
        api_version: Option<String>,
    },
    /// The Rust snippet of every docs example, compiled against the crate and sent.
    Snippets {
        #[arg(long)]
        docs: Option<PathBuf>,
        #[arg(long, default_value = "v1.0")]
        api_version: String,
    },
    /// The cargo-fuzz targets, seeded from real pages.
    Fuzz {
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        #[arg(long)]
        target: Option<String>,
        #[arg(long)]
        docs: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = <Cli as clap::Parser>::parse();
    let all = shared_docs;
    let result = match cli.command {
        Command::Regen => regen(),
        Command::Check => check::run(&root(), &options()).and_then(|_| check::core_has_no_http_client(&root())),
        Command::Corpus { docs, out, crates, sample_areas } => {
            let out = out.unwrap_or_else(|| root().join("target/corpus-report.json"));
            corpus::run(&docs.unwrap_or_else(all), &out, &corpus::Build { crates, all_areas: !sample_areas })
        }
        Command::Bench { docs, no_crate, decode_only, compare_layouts } => {
            let docs = docs.unwrap_or_else(all);
            let work = root().join("target/bench-crate");
            if decode_only {
                bench::decode_only(&docs, &work)
            } else if no_crate {
                bench::run(&docs).and_then(|()| openapi_bench::run())
            } else {
                bench::run(&docs).and_then(|()| openapi_bench::run()).and_then(|()| bench::crate_times(&docs, &work, compare_layouts))
            }
        }
        Command::Determinism { docs } => determinism::run(&docs.unwrap_or_else(all), "v1.0", &root().join("target")),
        Command::Diff { docs } => diffcheck::run(&docs.unwrap_or_else(all), &root().join("target")),
        Command::Adversarial => adversarial::run(&root()),
        Command::Example { docs } => example::run(&root(), &docs.unwrap_or_else(all)),
        Command::Limits => limits::run(&root()),
        Command::Openapi { docs } => openapi::run(&root(), &docs.unwrap_or_else(|| shared_docs().join("v1.0"))),
        Command::Fuzz { seconds, target, docs } => fuzz::run(&root(), &docs.unwrap_or_else(all), seconds, target.as_deref()),
        Command::Snippets { docs, api_version } => example_snippets::run(&docs.unwrap_or_else(all), &api_version, &root()),
        Command::Surface { docs, show, api_version } => surface::run(&docs.unwrap_or_else(all), show.as_deref(), api_version.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
