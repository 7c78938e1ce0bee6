//! Drift check: generate from `specs/` into a temporary folder and compare it, file by file
//! (line endings normalised), with the committed `generated/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, rel: &str, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir.join(rel)) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let r = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        if e.path().is_dir() {
            files_under(dir, &r, out);
        } else {
            out.insert(r);
        }
    }
}

fn read(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"))
}

pub fn run(root: &Path, opts: &graphgen::emit::Options) -> Result<(), String> {
    let start = std::time::Instant::now();
    let (files, _) = graphgen::generate(&root.join("specs"), None, opts).map_err(|e| e.to_string())?;
    let tmp: PathBuf = root.join("target").join("xtask-check");
    let _ = std::fs::remove_dir_all(&tmp);
    graphgen::emit::write(&files, &tmp).map_err(|e| e.to_string())?;
    let committed = root.join("generated");
    // Files the generator owns: everything it wrote, plus whatever sits under src/ and tests/.
    let mut names: BTreeSet<String> = files.keys().cloned().collect();
    files_under(&committed, "src", &mut names);
    files_under(&committed, "tests", &mut names);
    let mut drifted = Vec::new();
    for name in &names {
        let new = read(&tmp.join(name));
        let old = read(&committed.join(name));
        if new == old {
            continue;
        }
        let (old_s, new_s) = (old.clone().unwrap_or_default(), new.clone().unwrap_or_default());
        let diff = similar::TextDiff::from_lines(&old_s, &new_s);
        print!(
            "{}",
            diff.unified_diff().context_radius(3).header(&format!("a/generated/{name}"), &format!("b/generated/{name}"))
        );
        let what = match (&old, &new) {
            (None, _) => "missing",
            (_, None) => "not generated any more",
            _ => "differs",
        };
        drifted.push(format!("{name} ({what})"));
    }
    if drifted.is_empty() {
        eprintln!("check: generated/ matches specs/ ({} files, {:.2?})", files.len(), start.elapsed());
        Ok(())
    } else {
        Err(format!(
            "generated/ has drifted from specs/ in {} files: {}. Run `cargo xtask regen` (and do not edit generated files by hand).",
            drifted.len(),
            drifted.join(", ")
        ))
    }
}
