//! `cargo xtask adversarial`: the fixture in `xtask/fixtures/adversarial` names types,
//! properties, enum members and path parameters after Rust keywords, with leading digits, case
//! and punctuation twins, non-ASCII letters and the runtime's own names. Its crate must pass
//! clippy with warnings denied, and its example tests (which round-trip every wire name, over
//! loopback too) must pass.

use crate::cargo_run::cargo;
use std::path::Path;

pub fn run(root: &Path) -> Result<(), String> {
    let docs = root.join("xtask/fixtures/adversarial");
    let dir = root.join("target/adversarial-crate");
    let target = root.join("target/adversarial-target");
    let opts = graphgen::emit::Options { crate_name: "adversarial".into(), standalone: true, ..Default::default() };
    let (files, diags) = graphgen::generate(&docs, None, &opts).map_err(|e| e.to_string())?;
    graphgen::emit::write(&files, &dir).map_err(|e| e.to_string())?;
    println!("  adversarial: {} files, {} docs findings", files.len(), diags.len());
    let mut failed = Vec::new();
    for (name, args) in [
        ("clippy -D warnings", &["clippy", "--all-targets", "--features", "reqwest", "--quiet", "--", "-D", "warnings"][..]),
        ("test", &["test", "--features", "reqwest"][..]),
    ] {
        let r = cargo(&dir, &target, args);
        let passed = r.output.lines().filter(|l| l.starts_with("test ") && l.ends_with(" ok")).count();
        println!("  adversarial {name:<20} {:>6.1} s {} ({passed} tests passed)", r.seconds, if r.ok { "ok" } else { "FAILED" });
        if !r.ok {
            let tail: Vec<&str> =
                r.output.lines().filter(|l| l.starts_with("error") || l.contains("panicked") || l.contains("FAILED")).take(8).collect();
            failed.push(format!("{name}: {}", tail.join(" | ")));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("the adversarial crate: {}", failed.join("; ")))
    }
}
