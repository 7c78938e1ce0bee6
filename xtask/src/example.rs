//! `cargo xtask example [--docs DIR]`: the example crate in `examples/tour`, a user's tour of
//! the whole v1.0 crate, tested sans-IO against canned answers, and the README's and `docs/`'
//! snippets compiled against the same crate. Both depend on the crate generated into
//! `target/corpus-crates/v1.0`, so the crate is generated first.

use crate::cargo_run::cargo;
use std::path::Path;

/// Generates v1.0 from `docs` into `work/v1.0`, then runs the tour's tests.
pub fn run(root: &Path, docs: &Path) -> Result<(), String> {
    let work = root.join("target/corpus-crates");
    crate::corpus::write_crate(docs, "v1.0", &work.join("v1.0"))?;
    test(root, &work.join("target"))
}

/// The tour's tests, then the README's snippets, with `target` shared with the generated
/// crates' builds; `target`'s parent holds the v1.0 crate.
pub fn test(root: &Path, target: &Path) -> Result<(), String> {
    // Absolute, since cargo reads a relative CARGO_TARGET_DIR from the folder it runs in.
    std::fs::create_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    let target = &std::fs::canonicalize(target).map_err(|e| format!("{}: {e}", target.display()))?;
    let r = cargo(&root.join("examples/tour"), target, &["test", "--quiet"]);
    println!("  examples/tour: cargo test {:>7.1} s {}", r.seconds, if r.ok { "ok" } else { "FAILED" });
    let tour = if r.ok { Ok(()) } else { Err(format!("examples/tour fails:\n{}", r.output)) };
    let krate = target.parent().unwrap_or(target).join("v1.0");
    let snippets = crate::snippets::check(root, &krate, target);
    match (tour, snippets) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(a), Err(b)) => Err(format!("{a}\n{b}")),
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}
