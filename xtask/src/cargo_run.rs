//! Running cargo on a generated crate: elapsed time, peak memory (through GNU time, when the
//! machine has it) and the output.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

pub struct Run {
    pub ok: bool,
    pub seconds: f64,
    /// Peak resident memory of the largest process, in MiB, when measurable.
    pub peak_mib: Option<f64>,
    pub output: String,
}

/// `cargo <args>` in `dir`, non-incremental (what a clean CI build pays), with `target` shared.
/// Debug builds keep line tables only, as the workspace's own profile says: a generated crate's
/// example tests are one test binary of some 10,000 functions, whose full debug info is most of
/// its link time and disk.
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Run {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "GRAPHGEN-PEAK-KB %M", "cargo"]);
        c
    } else {
        Command::new("cargo")
    };
    cmd.args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only");
    let start = Instant::now();
    let out = cmd.output();
    let seconds = start.elapsed().as_secs_f64();
    match out {
        Ok(o) => {
            let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
            let peak_mib = text
                .lines()
                .rev()
                .filter_map(|l| l.strip_prefix("GRAPHGEN-PEAK-KB "))
                .find_map(|k| k.trim().parse::<f64>().ok())
                .map(|kb| kb / 1024.0);
            Run { ok: o.status.success(), seconds, peak_mib, output: text }
        }
        Err(e) => Run { ok: false, seconds, peak_mib: None, output: format!("cannot run cargo: {e}") },
    }
}

/// The area features of a generated crate, from its Cargo.toml (`name = []` lines).
pub fn areas(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    let mut in_features = false;
    let mut out = Vec::new();
    for l in text.lines() {
        let t = l.trim();
        if t.starts_with('[') {
            in_features = t == "[features]";
            continue;
        }
        if in_features {
            if let Some((name, value)) = t.split_once('=') {
                if value.trim() == "[]" {
                    out.push(name.trim().to_string());
                }
            }
        }
    }
    out
}
