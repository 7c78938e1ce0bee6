//! Finding the pages of a docs tree: a root holding version folders (`v1.0/`, `beta/`), or one
//! version folder holding `api/` and `resources/`. Files are listed in sorted order so that
//! every later stage sees the same sequence whatever the file system returns.

use crate::diag::{Code, Diags};
use std::path::{Path, PathBuf};

/// A page of the docs tree.
pub struct DocsFile {
    /// Path relative to the docs root, `/`-separated: `beta/api/x.md`.
    pub rel: String,
    /// Where it is on disk.
    pub path: PathBuf,
}

/// A version folder and its pages.
pub struct Version {
    /// The folder's name (`v1.0`, `beta`).
    pub name: String,
    /// Its `.md` pages under `api/` and `resources/`.
    pub files: Vec<DocsFile>,
}

/// List the versions under `dir`. A folder with `api/` or `resources/` is one version, named
/// after the folder (`api-reference` of a docs checkout holds `v1.0` and `beta`).
pub fn discover(dir: &Path) -> std::io::Result<Vec<Version>> {
    if dir.join("api").is_dir() || dir.join("resources").is_dir() {
        let name = dir.canonicalize()?.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "v1.0".into());
        return Ok(vec![Version { files: list(dir, &name)?, name }]);
    }
    let mut versions = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.join("api").is_dir() || p.join("resources").is_dir() {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            versions.push(Version { files: list(&p, &name)?, name });
        }
    }
    Ok(versions)
}

fn list(version_dir: &Path, version: &str) -> std::io::Result<Vec<DocsFile>> {
    let mut files = Vec::new();
    for sub in ["api", "resources"] {
        let d = version_dir.join(sub);
        if !d.is_dir() {
            continue;
        }
        let mut names: Vec<_> = std::fs::read_dir(&d)?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md") || n.ends_with(".md.txt"))
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|n| DocsFile { rel: format!("{version}/{sub}/{n}"), path: d.join(&n) }));
    }
    Ok(files)
}

/// Read a page as UTF-8; a file that is not gives a diagnostic and `None`.
pub fn read(file: &DocsFile, diags: &mut Diags) -> Option<String> {
    match std::fs::read(&file.path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                diags.push(&file.rel, 0, Code::Unreadable, format!("not UTF-8 text: {e}"));
                None
            }
        },
        Err(e) => {
            diags.push(&file.rel, 0, Code::Unreadable, format!("cannot read: {e}"));
            None
        }
    }
}
