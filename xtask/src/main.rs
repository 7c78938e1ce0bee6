//! `cargo xtask <command>`: the repository's maintenance commands, thin wrappers over graphgen.
//!
//! - `regen`: rewrite `generated/` from `specs/`.
//! - `check`: regenerate into a temporary folder and fail with a unified diff when anything
//!   differs from the committed `generated/`.
//! - `corpus [--docs DIR] [--out FILE] [--crates] [--sample-areas]`: coverage of a docs tree
//!   (default `../shared/graph-docs`); with `--crates`, each version's crate is generated,
//!   checked with every area and the client, none and each area alone (a sample with `--sample-areas`, as
//!   CI does), linted and tested.
//! - `bench [--docs DIR] [--no-crate] [--decode-only]`: docs-to-IR time against a bare pulldown-cmark
//!   pass, with peak memory; full generation time; check and build times of the generated crate;
//!   decoding a page of 999 users (generated model, derive twin, `serde_json::Value`).
//! - `determinism [--docs DIR]`: v1.0 generated with files listed in other orders and read by
//!   other thread counts gives the same bytes; a second write touches no file.
//! - `adversarial`: the crate of a fixture full of hostile names passes clippy `-D warnings`
//!   and its round-trip tests.
//! - `example [--docs DIR]`: generate v1.0, then test the example crate `examples/tour` (a
//!   user's tour of the crate, sans-IO against canned answers).
//! - `fuzz [--seconds N] [--target NAME]`: the cargo-fuzz targets, seeded from real pages.
//! - `limits`: huge pages and tables, deep nesting and inheritance loops, with time and memory.
//! - `openapi [--docs DIR]`: specs and v1.0 through OpenAPI and back (same IR, same crate),
//!   validated; a petstore-style document generates a crate that passes clippy.
//! - `surface [--docs DIR] [--show KIND] [--version V]`: the generated API against the docs-derived URL
//!   model (answers, bodies, sample values, letter case) and the first calls a user writes.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod adversarial;
mod bench;
mod cargo_run;
mod check;
mod corpus;
mod decode_bench;
mod determinism;
mod example;
mod fuzz;
mod limits;
mod openapi;
mod surface;

use std::path::PathBuf;
use std::process::ExitCode;

/// The repository root (the parent of this crate).
fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

fn options() -> graphgen::emit::Options {
    graphgen::emit::Options { crate_name: "msgraph".into(), standalone: false, ..Default::default() }
}

fn regen() -> Result<(), String> {
    let root = root();
    let start = std::time::Instant::now();
    let (files, diags) = graphgen::generate(&root.join("specs"), None, &options()).map_err(|e| e.to_string())?;
    for d in &diags {
        eprintln!("{d}");
    }
    graphgen::emit::write(&files, &root.join("generated")).map_err(|e| e.to_string())?;
    check::rustfmt(&root, &root.join("generated"))?;
    eprintln!("regen: {} files in generated/ from specs/ in {:.2?} ({} diagnostics)", files.len(), start.elapsed(), diags.len());
    Ok(())
}

/// The value after `name` in the arguments, as a path.
fn flag(args: &[String], name: &str) -> Option<PathBuf> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regen") => regen(),
        Some("check") => check::run(&root(), &options()).and_then(|_| check::core_has_no_http_client(&root())),
        Some("corpus") => {
            let docs = flag(&args, "--docs").unwrap_or_else(|| root().join("../shared/graph-docs"));
            let out = flag(&args, "--out").unwrap_or_else(|| root().join("target/corpus-report.json"));
            let build = corpus::Build { crates: args.iter().any(|a| a == "--crates"), all_areas: !args.iter().any(|a| a == "--sample-areas") };
            corpus::run(&docs, &out, &build)
        }
        Some("bench") => {
            let docs = flag(&args, "--docs").unwrap_or_else(|| root().join("../shared/graph-docs"));
            if args.iter().any(|a| a == "--decode-only") {
                bench::decode_only(&docs, &root().join("target/bench-crate"))
            } else {
                bench::run(&docs).and_then(|()| {
                if args.iter().any(|a| a == "--no-crate") {
                    Ok(())
                } else {
                    bench::crate_times(&docs, &root().join("target/bench-crate"))
                }
            })
            }
        }
        Some("adversarial") => adversarial::run(&root()),
        Some("example") => example::run(&root(), &flag(&args, "--docs").unwrap_or_else(|| root().join("../shared/graph-docs"))),
        Some("limits") => limits::run(&root()),
        Some("openapi") => {
            let docs = flag(&args, "--docs").unwrap_or_else(|| root().join("../shared/graph-docs/v1.0"));
            openapi::run(&root(), &docs)
        }
        Some("fuzz") => {
            let docs = flag(&args, "--docs").unwrap_or_else(|| root().join("../shared/graph-docs"));
            let seconds = flag(&args, "--seconds").and_then(|s| s.to_str().and_then(|s| s.parse().ok())).unwrap_or(60);
            let target = flag(&args, "--target").map(|t| t.to_string_lossy().into_owned());
            fuzz::run(&root(), &docs, seconds, target.as_deref())
        }
        Some("surface") => {
            let docs = flag(&args, "--docs").unwrap_or_else(|| root().join("../shared/graph-docs"));
            let show = flag(&args, "--show").map(|s| s.to_string_lossy().into_owned());
            let version = flag(&args, "--version").map(|s| s.to_string_lossy().into_owned());
            surface::run(&docs, show.as_deref(), version.as_deref())
        }
        Some("determinism") => {
            let docs = flag(&args, "--docs").unwrap_or_else(|| root().join("../shared/graph-docs"));
            determinism::run(&docs, "v1.0", &root().join("target"))
        }
        _ => Err("usage: cargo xtask <regen|check|corpus [--docs DIR] [--out FILE] [--crates] [--sample-areas]|bench [--docs DIR] [--no-crate]|determinism [--docs DIR]|adversarial|example [--docs DIR]|limits|openapi [--docs DIR]|surface [--docs DIR] [--show KIND] [--version V]|fuzz [--seconds N] [--target NAME] [--docs DIR]>".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
