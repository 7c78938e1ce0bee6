//! Drift: how a crate on disk differs from the files a run generates, as unified diffs, for a
//! CI job that fails when the committed crate no longer matches the docs (`graphgen generate
//! --check`; `cargo xtask check` for the in-repo crate). The files compared are those the
//! generator owns: every file it writes, and whatever else sits under `src/` and `tests/` (a
//! file it no longer writes is drift). Anything else (`target/`, `Cargo.lock`, a README of
//! one's own) is the user's. Line endings are normalised, so a checkout with CRLF is no drift.

use super::Files;
use std::collections::BTreeSet;
use std::path::Path;

/// One file that differs, with its unified diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    /// The file's path inside the crate (`src/models/user.rs`).
    pub name: String,
    /// `missing` (generated, not on disk), `not generated` (on disk, under `src/` or
    /// `tests/`, and no file of the run), or `differs`.
    pub what: &'static str,
    /// `--- a/<label><name>` / `+++ b/<label><name>` and the hunks.
    pub diff: String,
}

/// The files `files` would change in the crate at `dir`; `label` goes before each file's path
/// in the diff headers (`generated/` in this repository; empty for paths inside the crate, as
/// `git apply` takes them there).
pub fn drift(files: &Files, dir: &Path, label: &str) -> Vec<Drift> {
    let mut names: BTreeSet<String> = files.keys().cloned().collect();
    files_under(dir, "src", &mut names);
    files_under(dir, "tests", &mut names);
    let mut out = Vec::new();
    for name in names {
        let new = files.get(&name).map(|t| t.replace("\r\n", "\n"));
        let old = std::fs::read(dir.join(&name)).ok().map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"));
        if new == old {
            continue;
        }
        let (old_s, new_s) = (old.clone().unwrap_or_default(), new.clone().unwrap_or_default());
        let diff = similar::TextDiff::from_lines(&old_s, &new_s)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{label}{name}"), &format!("b/{label}{name}"))
            .to_string();
        let what = match (&old, &new) {
            (None, _) => "missing",
            (_, None) => "not generated",
            _ => "differs",
        };
        out.push(Drift { name, what, diff });
    }
    out
}

/// Every file under `dir/rel`, as paths relative to `dir` with `/` separators; links are not
/// followed.
pub fn files_under(dir: &Path, rel: &str, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir.join(rel)) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let r = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            files_under(dir, &r, out);
        } else {
            out.insert(r);
        }
    }
}

/// A crate on disk as the files of a run: every file under `dir`.
pub fn read_files(dir: &Path) -> Files {
    let mut names = BTreeSet::new();
    files_under(dir, "", &mut names);
    names.into_iter().filter_map(|n| Some((n.clone(), String::from_utf8_lossy(&std::fs::read(dir.join(&n)).ok()?).into_owned()))).collect()
}
