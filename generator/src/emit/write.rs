//! Writing a generated crate to disk: files whose bytes did not change are not rewritten (their
//! timestamps stay, so cargo does not rebuild them), and files the generator owns (under `src/`
//! and `tests/`) that are no longer produced are removed. Nothing outside `dir` is touched.

use super::Files;
use crate::Error;
use std::path::Path;

pub fn write(files: &Files, dir: &Path) -> Result<(), Error> {
    let werr = |path: &Path, source: std::io::Error| Error::Write { path: path.to_path_buf(), source };
    for (rel, text) in files {
        let path = dir.join(rel);
        if std::fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| werr(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| werr(&path, e))?;
    }
    for owned in ["src", "tests"] {
        remove_stale(&dir.join(owned), dir, files).map_err(|e| werr(&dir.join(owned), e))?;
    }
    Ok(())
}

fn remove_stale(d: &Path, root: &Path, files: &Files) -> std::io::Result<()> {
    if !d.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(d)? {
        let path = entry?.path();
        if path.is_dir() {
            remove_stale(&path, root, files)?;
            if std::fs::read_dir(&path)?.next().is_none() {
                std::fs::remove_dir(&path)?;
            }
            continue;
        }
        let rel = path.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        if !files.contains_key(&rel) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}
