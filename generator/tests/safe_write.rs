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

/// Bytes of every file under `dir`, links not followed (a link is its target's path).
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(d).expect("read") {
            let e = e.expect("entry");
            let p = e.path();
            let rel = p.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
            let kind = e.file_type().expect("type");
            if kind.is_symlink() {
                out.insert(rel, format!("-> {}", std::fs::read_link(&p).expect("link").display()).into_bytes());
            } else if kind.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).expect("bytes"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The specs with itemPhone's `number` renamed: a second, different crate.
fn other_specs(tmp: &Path) -> PathBuf {
    let specs = tmp.join("specs-b");
    copy_dir(&repo().join("specs"), &specs);
    let page = specs.join("beta/resources/itemphone.md");
    let text = std::fs::read_to_string(&page).expect("page").replacen("|number|String|", "|dialString|String|", 1);
    std::fs::write(&page, text).expect("edit");
    specs
}

fn graphgen(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_graphgen")).args(args).output().expect("graphgen runs")
}

#[test]
fn concurrent_runs_into_one_folder_never_mix() {
    let tmp = scratch("concurrent");
    let (a_docs, b_docs) = (repo().join("specs"), other_specs(&tmp));
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    assert!(generate(&a_docs, &a, None) && generate(&b_docs, &b, None));
    let (a, b) = (contents(&a), contents(&b));
    let out = tmp.join("shared");
    for pair in 0..10 {
        let spawn = |docs: &Path| {
            Command::new(env!("CARGO_BIN_EXE_graphgen"))
                .args(["generate", "--quiet", "--docs"])
                .arg(docs)
                .arg("--out")
                .arg(&out)
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        };
        let (mut x, mut y) = (spawn(&a_docs), spawn(&b_docs));
        assert!(x.wait().expect("wait").success() && y.wait().expect("wait").success(), "pair {pair}: both runs succeed");
        let got = contents(&out);
        assert!(got == a || got == b, "pair {pair}: the folder holds one run's crate, whole");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn a_kill_at_any_moment_leaves_a_whole_crate_in_place() {
    let tmp = scratch("sigkill");
    let (a_docs, b_docs) = (repo().join("specs"), other_specs(&tmp));
    let out = tmp.join("crate");
    assert!(generate(&a_docs, &out, None));
    let b = tmp.join("b");
    assert!(generate(&b_docs, &b, None));
    let (a, b) = (contents(&out), contents(&b));
    // Time one run, then kill runs at moments spread over it, the swap included.
    let start = std::time::Instant::now();
    assert!(generate(&b_docs, &tmp.join("timing"), None));
    let span = start.elapsed().as_micros().max(1000) as u64;
    for i in 0..12u64 {
        let docs = if i % 2 == 0 { &b_docs } else { &a_docs };
        let mut child = Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .args(["generate", "--quiet", "--docs"])
            .arg(docs)
            .arg("--out")
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_micros(span * (i + 1) / 12));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let got = contents(&out);
        assert!(got == a || got == b, "killed after {}/12 of a run: a whole crate is in place", i + 1);
    }
    assert!(generate(&a_docs, &out, None), "the next run completes");
    assert!(contents(&out) == a);
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn an_out_that_is_a_file_the_current_folder_or_inside_the_docs_is_refused() {
    let tmp = scratch("refuse");
    let file = tmp.join("notes.txt");
    std::fs::write(&file, "mine").expect("write");
    let run = |docs: &Path, out: &Path, cwd: &Path| {
        Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .current_dir(cwd)
            .args(["generate", "--quiet", "--docs"])
            .arg(docs)
            .arg("--out")
            .arg(out)
            .output()
            .expect("graphgen runs")
    };
    let specs = repo().join("specs");
    let o = run(&specs, &file, &tmp);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("it is a file"));
    assert_eq!(std::fs::read_to_string(&file).ok().as_deref(), Some("mine"), "the file is untouched");
    let names: Vec<String> =
        std::fs::read_dir(&tmp).expect("read").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["notes.txt"], "nothing made beside it");
    let here = tmp.join("work");
    std::fs::create_dir_all(&here).expect("mkdir");
    assert_eq!(run(&specs, Path::new("."), &here).status.code(), Some(2), "--out . is refused");
    assert_eq!(run(&specs, Path::new(".."), &here).status.code(), Some(2), "a folder holding the current one too");
    let docs = tmp.join("docs");
    copy_dir(&specs, &docs);
    assert_eq!(run(&docs, &docs.join("beta/out"), &tmp).status.code(), Some(2), "an output inside the docs is refused");
    assert!(!docs.join("beta/out").exists());
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn a_page_that_cannot_be_read_fails_the_run_and_keeps_the_crate() {
    let tmp = scratch("unreadable");
    let docs = tmp.join("specs");
    copy_dir(&repo().join("specs"), &docs);
    let out = tmp.join("crate");
    assert!(generate(&docs, &out, None));
    let before = contents(&out);
    std::fs::write(docs.join("beta/resources/itemphone.md"), b"\xff\xfe not UTF-8").expect("write");
    let args = |extra: &[&str]| {
        let mut v: Vec<std::ffi::OsString> =
            vec!["generate".into(), "--quiet".into(), "--docs".into(), docs.clone().into(), "--out".into(), out.clone().into()];
        v.extend(extra.iter().map(|s| s.into()));
        v
    };
    let o = graphgen(&args(&[]).iter().map(|s| s.as_os_str()).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(contents(&out) == before, "the previous crate stays");
    let o = graphgen(&args(&["--keep-going"]).iter().map(|s| s.as_os_str()).collect::<Vec<_>>());
    assert!(o.status.success(), "--keep-going writes it anyway");
    assert!(contents(&out) != before);
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn a_failed_write_removes_its_staging_and_keeps_the_crate() {
    let tmp = scratch("enospc");
    let out = tmp.join("crate");
    assert!(generate(&repo().join("specs"), &out, None));
    let before = contents(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .env("GRAPHGEN_FAIL_AFTER_FILES", "3")
        .args(["generate", "--quiet", "--docs"])
        .arg(other_specs(&tmp))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(contents(&out) == before);
    assert!(!tmp.join(".crate.graphgen-staging").exists(), "no staging folder left to fill the disk");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[cfg(unix)]
#[test]
fn links_in_the_old_crate_are_kept_as_links_and_never_followed() {
    let tmp = scratch("links");
    let out = tmp.join("crate");
    assert!(generate(&repo().join("specs"), &out, None));
    let outside = tmp.join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("secret.txt"), "outside").expect("write");
    std::os::unix::fs::symlink("..", out.join("up")).expect("link");
    std::os::unix::fs::symlink(&outside, out.join("linked")).expect("link");
    // A generated folder that is a link to elsewhere: written anew, not linked through.
    std::fs::remove_dir_all(out.join("tests")).expect("rm");
    std::os::unix::fs::symlink(&outside, out.join("tests")).expect("link");
    assert!(generate(&repo().join("specs"), &out, None));
    let kind = |p: &Path| std::fs::symlink_metadata(p).expect("meta").file_type();
    assert!(kind(&out.join("up")).is_symlink() && kind(&out.join("linked")).is_symlink(), "links stay links");
    assert_eq!(std::fs::read_link(out.join("up")).expect("link"), Path::new(".."));
    assert!(kind(&out.join("tests")).is_dir(), "the generated folder is a real folder again");
    assert_eq!(std::fs::read_dir(&outside).expect("read").count(), 1, "nothing written outside");
    let staged: usize = std::fs::read_dir(&tmp)
        .expect("read")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().contains("staging")))
        .count();
    assert_eq!(staged, 0);
    let _ = std::fs::remove_dir_all(&tmp);
}
