//! `cargo xtask bench [--docs DIR]`: the docs-to-IR run against a bare pulldown-cmark pass over
//! the same files, measured in one process, alternating, median of several rounds; peak memory
//! of each phase from the kernel's high-water mark (reset between phases where Linux allows).

use std::path::Path;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

/// Read every page and run pulldown-cmark over it (tables on, offsets on, events consumed):
/// what any markdown-reading tool pays at least.
fn bare_pass(docs: &Path) -> Result<usize, String> {
    let versions = graphgen::loader::discover(docs).map_err(|e| e.to_string())?;
    let mut events = 0usize;
    for v in &versions {
        for f in &v.files {
            let text = std::fs::read_to_string(&f.path).map_err(|e| e.to_string())?;
            let parser = pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES);
            events += parser.into_offset_iter().count();
        }
    }
    Ok(events)
}

fn full_run(docs: &Path, threads: usize) -> Result<usize, String> {
    let (ir, diags) = graphgen::build_ir_with(docs, threads).map_err(|e| e.to_string())?;
    Ok(ir.apis.values().map(|a| a.types.len() + a.operations.len()).sum::<usize>() + diags.len())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Peak resident memory so far, in MiB (VmHWM), and a reset of it for the next phase.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

pub fn run(docs: &Path) -> Result<(), String> {
    let threads = graphgen::default_threads();
    let (mut bare, mut one, mut all) = (Vec::new(), Vec::new(), Vec::new());
    let (mut bare_mem, mut full_mem) = (0f64, 0f64);
    for _ in 0..ROUNDS {
        reset_peak();
        let t = Instant::now();
        std::hint::black_box(bare_pass(docs)?);
        bare.push(t.elapsed());
        bare_mem = bare_mem.max(peak_mib().unwrap_or(0.0));
        let t = Instant::now();
        std::hint::black_box(full_run(docs, 1)?);
        one.push(t.elapsed());
        reset_peak();
        let t = Instant::now();
        std::hint::black_box(full_run(docs, threads)?);
        all.push(t.elapsed());
        full_mem = full_mem.max(peak_mib().unwrap_or(0.0));
    }
    let (b, f1, fa) = (median(bare), median(one), median(all));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("bench over {} ({ROUNDS} rounds, median; peak memory is the process high-water mark)", docs.display());
    println!("  bare pulldown-cmark pass (1 thread)   {:>8.1} ms   peak {:>6.1} MiB", ms(b), bare_mem);
    println!("  docs to IR, 1 thread                  {:>8.1} ms   ratio {:.2}", ms(f1), f1.as_secs_f64() / b.as_secs_f64());
    println!("  docs to IR, {threads} threads                 {:>8.1} ms   ratio {:.2}   peak {:>6.1} MiB", ms(fa), fa.as_secs_f64() / b.as_secs_f64(), full_mem);
    Ok(())
}
