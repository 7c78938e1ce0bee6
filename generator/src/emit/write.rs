//! Writing a generated crate to disk safely.
//!
//! - **One writer at a time.** A run holds an exclusive lock on `.<name>.graphgen-lock` beside
//!   the output for its whole write; a second run into the same folder waits for it, and never
//!   mixes its files with the first's. The lock is the kernel's (`flock`): a killed run
//!   releases it.
//! - **All or nothing.** The new crate is assembled in a staging folder beside the output
//!   (`.<name>.graphgen-staging`) and swapped in with one atomic exchange of the two folders
//!   (`renameat2(RENAME_EXCHANGE)` on Linux), so a reader sees the old crate or the new one,
//!   never a half or none; the old crate, now in the staging folder, is removed after. Where
//!   the exchange is not available (another OS, a file system without it) the swap is two
//!   renames (output → `.<name>.graphgen-old`, staging → output): a reader in between finds no
//!   output folder but the `-old` one, and the next run puts `-old` back first. A run that fails
//!   removes its staging folder; a killed one leaves it to the next run, which removes it.
//! - **Nothing it did not make.** An `--out` that is a file, the current folder or one above
//!   it, or a folder inside the docs (or holding them) is refused before anything is touched.
//!   Files whose bytes did not change are hard-linked from the previous crate, so they keep
//!   their timestamps and cargo does not rebuild them. Files the generator does not own
//!   (anything outside `src/` and `tests/` that it does not write) are carried over the same
//!   way; a symbolic link is carried over as a link, never followed, and a file reached
//!   through one is written anew instead of linked. Owned files it no longer produces are left
//!   behind.

use super::Files;
use crate::Error;
use std::path::{Path, PathBuf};

/// Test hook: abort the process after this many files are staged, to prove an interrupted run
/// leaves the previous crate intact.
const ABORT_AFTER: &str = "GRAPHGEN_ABORT_AFTER_FILES";
/// Test hook: fail (as a full disk would) after this many files are staged.
const FAIL_AFTER: &str = "GRAPHGEN_FAIL_AFTER_FILES";

/// The `[package]` version of the crate at `dir`, when there is one: a regenerated crate keeps
/// the version its owner gave it, so that bumping it by hand is no drift.
pub fn existing_version(dir: &Path) -> Option<String> {
    package_field(dir, "version").filter(|v| valid_version(v))
}

/// The package name of the crate at `dir`, when it has a `Cargo.toml` naming one: kept by a
/// regeneration that names none (`msgraph-beta` stays `msgraph-beta`).
pub fn existing_name(dir: &Path) -> Option<String> {
    package_field(dir, "name").filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

/// A `key = "value"` of the `[package]` table of `dir/Cargo.toml`.
fn package_field(dir: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if let Some(v) = line.strip_prefix(key).map(str::trim_start).and_then(|r| r.strip_prefix('=')).filter(|_| in_package) {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// A version cargo takes: `major.minor.patch`, numbers, then an optional `-pre` or `+build`.
pub fn valid_version(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or_default();
    let rest_ok = v[core.len()..].chars().all(|c| c.is_ascii_alphanumeric() || "-+.".contains(c));
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) && rest_ok
}

/// Refuses an output folder that writing would damage: a file, the current folder or one of
/// its parents, the file system root, or a folder inside `docs` or holding it.
pub fn check_output(dir: &Path, docs: Option<&Path>) -> Result<(), Error> {
    let refuse = |why: String| Err(Error::Usage(format!("refusing --out {}: {why}", dir.display())));
    if dir.exists() && !dir.is_dir() {
        return refuse("it is a file, not a folder".into());
    }
    let out = absolute(dir);
    if out.file_name().is_none() {
        return refuse("it is the root of the file system".into());
    }
    if let Ok(cwd) = std::env::current_dir().map(|c| absolute_of(&c)) {
        if cwd.starts_with(&out) {
            return refuse("it is the current folder or holds it; the swap would replace the folder being worked in".into());
        }
    }
    if let Some(docs) = docs {
        let docs = absolute(docs);
        if out.starts_with(&docs) || docs.starts_with(&out) {
            return refuse(format!("it is inside the docs ({}) or holds them", docs.display()));
        }
    }
    Ok(())
}

/// A path made absolute and resolved as far as it exists (symbolic links and `..` included).
fn absolute(p: &Path) -> PathBuf {
    let joined =
        if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().map(|c| c.join(p)).unwrap_or_else(|_| p.to_path_buf()) };
    absolute_of(&joined)
}

/// The canonical form of the longest existing ancestor, with the names below it appended.
fn absolute_of(p: &Path) -> PathBuf {
    let mut tail: Vec<std::ffi::OsString> = Vec::new();
    let mut cur = p;
    loop {
        if let Ok(mut out) = cur.canonicalize() {
            for name in tail.iter().rev() {
                out.push(name);
            }
            return out;
        }
        match (cur.file_name(), cur.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name.to_os_string());
                cur = parent;
            }
            _ => return p.to_path_buf(),
        }
    }
}

/// Writes the crate's files into `dir`, replacing what is there only once every file is staged
/// (see the module doc for the lock and the swap).
pub fn write(files: &Files, dir: &Path) -> Result<(), Error> {
    let werr = |path: &Path, source: std::io::Error| Error::Write { path: path.to_path_buf(), source };
    check_output(dir, None)?;
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| werr(parent, e))?;
    }
    let lock_path = sibling(dir, "lock");
    let lock = std::fs::File::options().create(true).truncate(false).write(true).open(&lock_path).map_err(|e| werr(&lock_path, e))?;
    lock.lock().map_err(|e| werr(&lock_path, e))?;
    let (staging, old) = (sibling(dir, "staging"), sibling(dir, "old"));
    recover(dir, &old).map_err(|e| werr(dir, e))?;
    if staging.symlink_metadata().is_ok() {
        remove(&staging).map_err(|e| werr(&staging, e))?;
    }
    let staged = stage(files, dir, &staging);
    if let Err(e) = staged {
        // A full disk, a permission: the partial staging folder must not stay behind.
        let _ = remove(&staging);
        return Err(e);
    }
    swap(dir, &staging, &old).map_err(|e| werr(dir, e))?;
    drop(lock);
    Ok(())
}

/// Every file of the new crate in `staging`, unchanged ones linked, and what the old crate
/// holds that the generator does not own.
fn stage(files: &Files, dir: &Path, staging: &Path) -> Result<(), Error> {
    let werr = |path: &Path, source: std::io::Error| Error::Write { path: path.to_path_buf(), source };
    std::fs::create_dir_all(staging).map_err(|e| werr(staging, e))?;
    let abort_after: Option<usize> = std::env::var(ABORT_AFTER).ok().and_then(|v| v.parse().ok());
    let fail_after: Option<usize> = std::env::var(FAIL_AFTER).ok().and_then(|v| v.parse().ok());
    let real_dir = dir.canonicalize().ok();
    for (i, (rel, text)) in files.iter().enumerate() {
        if abort_after == Some(i) {
            std::process::abort();
        }
        if fail_after == Some(i) {
            return Err(werr(staging, std::io::Error::other("test hook: no space left")));
        }
        let (from, to) = (dir.join(rel), staging.join(rel));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| werr(parent, e))?;
        }
        // Only a file that is really inside the old crate is reused (not one a link leads to).
        let inside = real_dir.as_ref().is_some_and(|d| from.canonicalize().is_ok_and(|f| f.starts_with(d)))
            && from.symlink_metadata().is_ok_and(|m| m.file_type().is_file());
        let same = inside && std::fs::read(&from).ok().as_deref() == Some(text.as_bytes());
        if !(same && keep(&from, &to)) {
            std::fs::write(&to, text).map_err(|e| werr(&to, e))?;
        }
    }
    carry_over(dir, dir, staging, files).map_err(|e| werr(dir, e))
}

/// Puts `staging` in place of `dir`: one atomic exchange where the system has it, else two
/// renames through `old`.
fn swap(dir: &Path, staging: &Path, old: &Path) -> std::io::Result<()> {
    if dir.symlink_metadata().is_err() {
        return std::fs::rename(staging, dir);
    }
    if exchange(staging, dir).is_ok() {
        // `staging` now holds the previous crate.
        return remove(staging);
    }
    std::fs::rename(dir, old)?;
    std::fs::rename(staging, dir)?;
    remove(old)
}

/// Swaps two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call; the call
    // reads them and touches no memory of ours.
    let rc = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "no atomic exchange on this system"))
}

/// Removes a folder (or a link, or a file) without following links out of it.
fn remove(p: &Path) -> std::io::Result<()> {
    match p.symlink_metadata() {
        Ok(m) if m.file_type().is_dir() => std::fs::remove_dir_all(p),
        Ok(_) => std::fs::remove_file(p),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// `generated` → `.generated.graphgen-<what>` in the same parent folder.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    dir.with_file_name(format!(".{name}.graphgen-{what}"))
}

/// A previous run stopped between its two renames: the crate is in `old`.
fn recover(dir: &Path, old: &Path) -> std::io::Result<()> {
    match (dir.symlink_metadata().is_ok(), old.symlink_metadata().is_ok()) {
        (false, true) => std::fs::rename(old, dir),
        (true, true) => remove(old),
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

/// Files of the old crate the generator does not own, linked into the staging folder; links
/// are copied as links, never followed.
fn carry_over(d: &Path, root: &Path, staging: &Path, files: &Files) -> std::io::Result<()> {
    if !d.symlink_metadata().is_ok_and(|m| m.file_type().is_dir()) {
        return Ok(());
    }
    for entry in std::fs::read_dir(d)? {
        let entry = entry?;
        let path = entry.path();
        let rel = path.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let owned = rel == "src" || rel == "tests" || rel.starts_with("src/") || rel.starts_with("tests/");
        if owned || files.contains_key(&rel) {
            continue;
        }
        let to = staging.join(&rel);
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            link_like(&path, &to)?;
        } else if kind.is_dir() {
            std::fs::create_dir_all(&to)?;
            carry_over(&path, root, staging, files)?;
        } else if !keep(&path, &to) {
            std::fs::copy(&path, &to)?;
        }
    }
    Ok(())
}

/// A symbolic link made again at `to`, pointing where the one at `from` points.
#[cfg(unix)]
fn link_like(from: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(std::fs::read_link(from)?, to)
}

#[cfg(not(unix))]
fn link_like(_: &Path, _: &Path) -> std::io::Result<()> {
    // Links are left out where they cannot be made again as links.
    Ok(())
}
