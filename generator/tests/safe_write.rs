//! Writing a crate is all or nothing: a generation killed midway leaves the previous crate as
//! it was, the next run completes it, and files that did not change keep their timestamps.

use common::{copy_dir, scratch};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;
use std::process::Command;
use std::time::SystemTime;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir`: relative path → (bytes, modification time).
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, (Vec<u8>, SystemTime)>) {
        for e in std::fs::read_dir(d).expect("read") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
                let meta = std::fs::metadata(&p).expect("meta");
                out.insert(rel, (std::fs::read(&p).expect("bytes"), meta.modified().expect("mtime")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn generate(docs: &Path, out: &Path, abort_after: Option<usize>) -> bool {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_graphgen"));
    cmd.args(["generate", "--quiet", "--docs"]).arg(docs).arg("--out").arg(out);
    if let Some(n) = abort_after {
        cmd.env("GRAPHGEN_ABORT_AFTER_FILES", n.to_string());
    }
    cmd.output().expect("graphgen runs").status.success()
}

#[test]
fn a_killed_generation_leaves_the_previous_crate_and_the_next_run_finishes() {
    let tmp = scratch("kill");
    // The crate the specs give (as graphgen writes it: the committed copy is also run through
    // rustfmt by `cargo xtask regen`), and specs that now say something else about itemPhone.
    let out = tmp.join("generated");
    assert!(generate(&repo().join("specs"), &out, None));
    let specs = tmp.join("specs");
    copy_dir(&repo().join("specs"), &specs);
    let page = specs.join("beta/resources/itemphone.md");
    let text = std::fs::read_to_string(&page).expect("page").replacen("|number|String|", "|dialString|String|", 1);
    std::fs::write(&page, text).expect("edit");
    let before = snapshot(&out);

    for n in [0, 3, 17] {
        assert!(!generate(&specs, &out, Some(n)), "the run was killed after {n} files");
        assert!(snapshot(&out) == before, "killed after {n} files: the previous crate is untouched");
    }
    // What `cargo xtask check` does: the crate left behind still matches the unchanged specs.
    let fresh = tmp.join("fresh");
    assert!(generate(&repo().join("specs"), &fresh, None));
    let bytes = |m: BTreeMap<String, (Vec<u8>, SystemTime)>| m.into_iter().map(|(k, v)| (k, v.0)).collect::<BTreeMap<_, _>>();
    assert!(bytes(snapshot(&fresh)) == bytes(snapshot(&out)), "no drift after the killed runs");

    assert!(generate(&specs, &out, None), "the next run completes");
    let after = snapshot(&out);
    let model = "src/models/item_phone.rs";
    assert!(String::from_utf8_lossy(&after[model].0).contains("dialString"), "the new crate is in place");
    // Unchanged files are the same files: same bytes, same timestamp.
    let edm = "src/edm.rs";
    assert_eq!(after[edm], before[edm]);
    assert!(!tmp.join(".generated.graphgen-staging").exists() && !tmp.join(".generated.graphgen-old").exists());
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn files_the_generator_does_not_own_are_kept_and_stale_owned_ones_go() {
    let tmp = scratch("own");
    let out = tmp.join("crate");
    assert!(generate(&repo().join("specs"), &out, None));
    std::fs::write(out.join("NOTES.md"), "kept").expect("write");
    std::fs::write(out.join("src/stale.rs"), "// gone").expect("write");
    let outside = tmp.join("neighbour.txt");
    std::fs::write(&outside, "untouched").expect("write");
    assert!(generate(&repo().join("specs"), &out, None));
    assert_eq!(std::fs::read_to_string(out.join("NOTES.md")).ok().as_deref(), Some("kept"));
    assert!(!out.join("src/stale.rs").exists());
    assert_eq!(std::fs::read_to_string(&outside).ok().as_deref(), Some("untouched"));
    let _ = std::fs::remove_dir_all(&tmp);
}
