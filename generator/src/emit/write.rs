//! Writing a generated crate to disk safely.
//!
//! The new crate is assembled in a staging folder beside the output (`.<name>.graphgen-staging`)
//! and swapped in with two renames (output → `.<name>.graphgen-old`, staging → output), so a run
//! killed while writing leaves the previous crate as it was; a run killed between the two
//! renames is repaired by the next one, which puts `.graphgen-old` back first.
//!
//! Files whose bytes did not change are hard-linked from the previous crate into the staging
//! folder, so they keep their timestamps and cargo does not rebuild them. Files the generator
//! does not own (anything outside `src/` and `tests/` that it does not write) are carried over
//! the same way; owned files it no longer produces are left behind. Nothing outside the output
//! folder and its two working folders is touched.

use super::Files;
use crate::Error;
use std::path::{Path, PathBuf};

/// Test hook: abort the process after this many files are staged, to prove an interrupted run
/// leaves the previous crate intact.
const ABORT_AFTER: &str = "GRAPHGEN_ABORT_AFTER_FILES";

/// Writes the crate's files into `dir`, replacing what is there only once every file is staged
/// (see the module doc for the swap).
pub fn write(files: &Files, dir: &Path) -> Result<(), Error> {
    let werr = |path: &Path, source: std::io::Error| Error::Write { path: path.to_path_buf(), source };
    let (staging, old) = (sibling(dir, "staging"), sibling(dir, "old"));
    recover(dir, &old).map_err(|e| werr(dir, e))?;
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| werr(&staging, e))?;
    }
    std::fs::create_dir_all(&staging).map_err(|e| werr(&staging, e))?;
    let abort_after: Option<usize> = std::env::var(ABORT_AFTER).ok().and_then(|v| v.parse().ok());
    for (i, (rel, text)) in files.iter().enumerate() {
        if abort_after == Some(i) {
            std::process::abort();
        }
        let (from, to) = (dir.join(rel), staging.join(rel));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| werr(parent, e))?;
        }
        let same = std::fs::read(&from).ok().as_deref() == Some(text.as_bytes());
        if !(same && keep(&from, &to)) {
            std::fs::write(&to, text).map_err(|e| werr(&to, e))?;
        }
    }
    carry_over(dir, dir, &staging, files).map_err(|e| werr(dir, e))?;
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(|e| werr(dir, e))?;
    }
    std::fs::rename(&staging, dir).map_err(|e| werr(dir, e))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| werr(&old, e))?;
    }
    Ok(())
}

/// `generated` → `.generated.graphgen-<what>` in the same parent folder.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    dir.with_file_name(format!(".{name}.graphgen-{what}"))
}

/// A previous run stopped between its two renames: the crate is in `old`.
fn recover(dir: &Path, old: &Path) -> std::io::Result<()> {
    match (dir.exists(), old.exists()) {
        (false, true) => std::fs::rename(old, dir),
        (true, true) => std::fs::remove_dir_all(old),
        _ => Ok(()),
    }
}

/// The unchanged file, linked (same inode, same timestamp) or else copied with its time.
fn keep(from: &Path, to: &Path) -> bool {
    if std::fs::hard_link(from, to).is_ok() {
        return true;
    }
    let Ok(meta) = std::fs::metadata(from) else {
        return false;
    };
    let copied = std::fs::copy(from, to).is_ok();
    let timed = meta.modified().ok().and_then(|t| std::fs::File::options().write(true).open(to).ok()?.set_modified(t).ok());
    copied && timed.is_some()
}

/// Files of the old crate the generator does not own, linked into the staging folder.
fn carry_over(d: &Path, root: &Path, staging: &Path, files: &Files) -> std::io::Result<()> {
    if !d.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(d)? {
        let path = entry?.path();
        let rel = path.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let owned = rel == "src" || rel == "tests" || rel.starts_with("src/") || rel.starts_with("tests/");
        if owned || files.contains_key(&rel) {
            continue;
        }
        let to = staging.join(&rel);
        if path.is_dir() {
            std::fs::create_dir_all(&to)?;
            carry_over(&path, root, staging, files)?;
        } else if !keep(&path, &to) {
            std::fs::copy(&path, &to)?;
        }
    }
    Ok(())
}
