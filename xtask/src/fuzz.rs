//! `cargo xtask fuzz [--seconds N] [--docs DIR] [--target NAME]`: the cargo-fuzz targets in
//! `fuzz/` (page, typecell, path, json, and response: the generated runtime's answer readers),
//! each run for N seconds (default 60) with seeds taken
//! from the real pages, under a per-input timeout (a hang is a crash) and a memory limit.
//! Prints executions per second and corpus size; fails on any crash, with the input's path.
//!
//! The toolchain here is stable; cargo-fuzz needs nightly-only flags for sanitizers, so the
//! targets build with `--sanitizer none` and `RUSTC_BOOTSTRAP=1` (coverage instrumentation
//! itself is stable). The code is safe Rust: what a fuzzer finds here is panics, hangs and
//! memory blow-ups, which libFuzzer catches without a sanitizer.

use std::path::{Path, PathBuf};
use std::process::Command;

const TARGETS: &[(&str, usize)] = &[("page", 65_536), ("typecell", 512), ("path", 2_048), ("json", 16_384), ("response", 16_384)];

fn cargo_fuzz(fuzz_dir: &Path) -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(fuzz_dir).env("RUSTC_BOOTSTRAP", "1").arg("fuzz");
    c
}

fn ensure_cargo_fuzz(fuzz_dir: &Path) -> Result<(), String> {
    let have = cargo_fuzz(fuzz_dir).arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
    if have {
        return Ok(());
    }
    println!("  installing cargo-fuzz");
    let ok = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["install", "cargo-fuzz", "--locked", "--quiet"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        Ok(())
    } else {
        Err("cannot install cargo-fuzz".into())
    }
}

/// Seeds from the real pages: whole pages, the Type cells of their tables, request templates
/// with an example URL, example JSON bodies. Written under `target/`, never into the repository.
fn seeds(docs: &Path, out: &Path) -> Result<(), String> {
    let mut pages: Vec<PathBuf> = Vec::new();
    for v in graphgen::loader::discover(docs).map_err(|e| e.to_string())? {
        pages.extend(v.files.into_iter().map(|f| f.path));
    }
    let write = |target: &str, i: usize, text: &str| {
        let dir = out.join(target);
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("seed-{i:05}")), text);
    };
    let mut counts = [0usize; 4];
    for (n, path) in pages.iter().enumerate().filter(|(n, _)| n % 25 == 0) {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        write("page", n, &text);
        counts[0] += 1;
        let mut template = None;
        let mut in_json = false;
        let mut json = String::new();
        for line in text.lines() {
            let t = line.trim();
            // `| name | Type | description |` rows: the second cell.
            if let Some(cell) = t.strip_prefix('|').and_then(|r| r.split('|').nth(1)) {
                if !cell.trim().is_empty() && !cell.contains("---") && counts[1] < 2_000 {
                    write("typecell", counts[1], cell.trim());
                    counts[1] += 1;
                }
            }
            let request = ["GET ", "POST ", "PATCH ", "PUT ", "DELETE "].iter().any(|m| t.starts_with(m));
            if request && t.contains(" /") && template.is_none() {
                template = t.split_once(' ').map(|(_, p)| p.to_string());
            } else if request && t.contains("https://") {
                if let (Some(tp), Some((_, url))) = (&template, t.split_once("https://graph.microsoft.com/v1.0")) {
                    write("path", counts[2], &format!("{tp}\n{url}"));
                    counts[2] += 1;
                }
            }
            if t.starts_with('{') && !in_json {
                in_json = true;
                json.clear();
            }
            if in_json {
                json.push_str(line);
                json.push('\n');
                if t.starts_with("```") {
                    in_json = false;
                    let body = json.trim_end_matches(['`', '\n']);
                    write("json", counts[3], body);
                    // An answer: two status bytes (100 + 0x0064: 200), headers, a blank line, the body.
                    write("response", counts[3], &format!("\u{0}dRetry-After: 5\nLocation: https://x.example/a\n\n{body}"));
                    counts[3] += 1;
                }
            }
        }
    }
    println!("  seeds: {} pages, {} type cells, {} paths, {} JSON bodies", counts[0], counts[1], counts[2], counts[3]);
    Ok(())
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

pub fn run(root: &Path, docs: &Path, seconds: u64, only: Option<&str>) -> Result<(), String> {
    let fuzz_dir = root.join("fuzz");
    ensure_cargo_fuzz(&fuzz_dir)?;
    let work = root.join("target/fuzz");
    let seed_dir = work.join("seeds");
    // Seeds are written once; a target added since (or a folder left by an older run) gets
    // them written again.
    if TARGETS.iter().any(|(t, _)| !seed_dir.join(t).is_dir()) {
        seeds(docs, &seed_dir)?;
    }
    let mut failures = Vec::new();
    for (target, max_len) in TARGETS.iter().filter(|(t, _)| only.is_none_or(|o| o == *t)) {
        let corpus = work.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| e.to_string())?;
        let artifacts = work.join("artifacts").join(target);
        std::fs::create_dir_all(&artifacts).map_err(|e| e.to_string())?;
        let out = cargo_fuzz(&fuzz_dir)
            .args(["run", "--sanitizer", "none", target])
            .arg(&corpus)
            .arg(seed_dir.join(target))
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg(format!("-max_len={max_len}"))
            .args(["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .output()
            .map_err(|e| format!("cargo fuzz: {e}"))?;
        let log = String::from_utf8_lossy(&out.stderr);
        let stat = |name: &str| {
            log.lines().find_map(|l| l.strip_prefix(&format!("stat::{name}:")).map(|v| v.trim().to_string())).unwrap_or_else(|| "?".into())
        };
        println!(
            "  fuzz {target:<9} {seconds} s: {} runs, {} exec/s, corpus {} inputs, peak {} MB: {}",
            stat("number_of_executed_units"),
            stat("average_exec_per_sec"),
            files_in(&corpus),
            stat("peak_rss_mb"),
            if out.status.success() {
                "no crash"
            } else if stat("number_of_executed_units") == "?" {
                "DID NOT BUILD OR RUN"
            } else {
                "CRASH"
            }
        );
        if !out.status.success() {
            // A target that did not build shows rustc's errors, not libFuzzer's.
            let why: Vec<&str> = log
                .lines()
                .filter(|l| l.contains("panicked") || l.contains("ERROR") || l.contains("Test unit written") || l.starts_with("error"))
                .take(6)
                .collect();
            failures.push(format!("{target}: {}", why.join(" | ")));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("fuzzing found crashes: {}", failures.join("; ")))
    }
}
