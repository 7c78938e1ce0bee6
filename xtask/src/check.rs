//! Drift check: generate from `specs/` into a temporary folder and compare it, file by file
//! (line endings normalised), with the committed `generated/`.

use std::collections::BTreeSet;
use std::path::Path;

use graphgen::emit::drift::files_under;
pub use graphgen::emit::drift::Drift;

fn read(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"))
}

/// Compare a freshly generated crate with a committed one, as `graphgen generate --check`
/// compares a run with a crate on disk.
pub fn compare(fresh: &Path, committed: &Path) -> Vec<Drift> {
    graphgen::emit::drift::drift(&graphgen::emit::drift::read_files(fresh), committed, "generated/")
}

/// Formats the Rust files of a generated crate in `dir` as the repository's `rustfmt.toml`
/// says, so the committed crate passes `cargo fmt --all -- --check` like the rest of the
/// workspace. Only the in-repo crate goes through this: corpus crates stay prettyplease's.
pub fn rustfmt(root: &Path, dir: &Path) -> Result<(), String> {
    let mut names = BTreeSet::new();
    files_under(dir, "src", &mut names);
    files_under(dir, "tests", &mut names);
    let files: Vec<std::path::PathBuf> = names.iter().filter(|n| n.ends_with(".rs")).map(|n| dir.join(n)).collect();
    let status = std::process::Command::new("rustfmt")
        .args(["--edition", "2021", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .args(&files)
        .status()
        .map_err(|e| format!("rustfmt: {e} (install it with `rustup component add rustfmt`)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("rustfmt failed on {}", dir.display()))
    }
}

pub fn run(root: &Path, opts: &graphgen::emit::Options) -> Result<(), String> {
    let start = std::time::Instant::now();
    let (files, _) = graphgen::generate(&root.join("specs"), None, opts).map_err(|e| e.to_string())?;
    let tmp = root.join("target").join("xtask-check");
    let _ = std::fs::remove_dir_all(&tmp);
    graphgen::emit::write(&files, &tmp).map_err(|e| e.to_string())?;
    rustfmt(root, &tmp)?;
    let drift = compare(&tmp, &root.join("generated"));
    if drift.is_empty() {
        eprintln!("check: generated/ matches specs/ ({} files, {:.2?}); no API change, the version stays", files.len(), start.elapsed());
        return Ok(());
    }
    for d in &drift {
        print!("{}", d.diff);
    }
    // The API changes, classified as `graphgen diff` classifies them.
    let ir = |dir: &Path| read(&dir.join("ir.yaml")).and_then(|t| graphgen::ir::Ir::from_yaml(&t).ok());
    if let (Some(old), Some(new)) = (ir(&root.join("generated")), ir(&tmp)) {
        let (changes, _) = graphgen::diff::diff_irs(&old, &new, None);
        print!("{}", graphgen::diff::render(&changes, graphgen::diff::Format::Human, "specs/", None));
    }
    let list: Vec<String> = drift.iter().map(|d| format!("{} ({})", d.name, d.what)).collect();
    eprintln!("check: {}", summary(&drift, &tmp, &root.join("generated")));
    Err(format!(
        "generated/ has drifted from specs/ in {} files: {}. Run `cargo xtask regen`; generated files are not edited by hand.",
        drift.len(),
        list.join(", ")
    ))
}

/// One line on what drifted: files by kind, and what the IR snapshots say changed in types
/// and operations (the committed `ir.yaml` against the one `specs/` gives now).
pub fn summary(drift: &[Drift], fresh: &Path, committed: &Path) -> String {
    let mut kinds: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in drift {
        let kind = match d.name.split('/').take(2).collect::<Vec<_>>().as_slice() {
            ["src", "models", ..] => "models",
            ["src", "enums", ..] => "enums",
            ["src", "ops", ..] => "request functions",
            ["src", "runtime", ..] | ["src", "edm.rs"] => "runtime",
            ["tests", ..] => "tests",
            _ => "other",
        };
        *kinds.entry(kind).or_default() += 1;
    }
    let files: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let ir = |dir: &Path| read(&dir.join("ir.yaml")).and_then(|t| graphgen::ir::Ir::from_yaml(&t).ok());
    let snapshot = match (ir(committed), ir(fresh)) {
        (Some(old), Some(new)) if old == new => "the IR snapshot agrees with specs/".to_string(),
        (Some(old), Some(new)) => ir_changes(&old, &new, committed),
        (None, _) => "the committed IR snapshot (generated/ir.yaml) is missing or unreadable".to_string(),
        (_, None) => "no IR snapshot generated".to_string(),
    };
    format!("{} files drifted ({}); {snapshot}", drift.len(), files.join(", "))
}

/// What the change does to the crate's API, by `graphgen diff`'s classes, and the version the
/// crate (at the committed `Cargo.toml`'s) should get.
fn ir_changes(old: &graphgen::ir::Ir, new: &graphgen::ir::Ir, committed: &Path) -> String {
    let (changes, unmatched) = graphgen::diff::diff_irs(old, new, None);
    let count = |k: graphgen::diff::Class| changes.iter().filter(|c| c.class() == k).count();
    let version = read(&committed.join("Cargo.toml"))
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("version = \"").map(|v| v.trim_end_matches('"').to_string())))
        .unwrap_or_else(|| "0.0.0".into());
    let (next, why) = graphgen::diff::bump(&version, &changes);
    let items: Vec<String> = changes.iter().take(5).map(|c| format!("{} {}", c.kind.words(), c.item)).collect();
    let versions = if unmatched.is_empty() { String::new() } else { format!("; versions on one side only: {}", unmatched.join(", ")) };
    format!(
        "the IR snapshot disagrees with specs/: {} breaking, {} additive, {} docs-only ({}){versions}; suggested version: {version} -> {next}, {why}",
        count(graphgen::diff::Class::Breaking),
        count(graphgen::diff::Class::Additive),
        count(graphgen::diff::Class::DocsOnly),
        items.join(", ")
    )
}

/// The generated crate without its `reqwest` feature must not pull in an HTTP client: its
/// normal dependency tree (default features) is read from `cargo tree`.
pub fn core_has_no_http_client(root: &Path) -> Result<(), String> {
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root)
        .args(["tree", "--quiet", "-p", "msgraph", "-e", "normal", "--prefix", "none", "--format", "{p}"])
        .output()
        .map_err(|e| format!("cargo tree: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo tree failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let clients = ["reqwest", "hyper", "tokio", "ureq", "isahc", "curl"];
    let found: Vec<&str> = tree.lines().filter(|l| clients.iter().any(|c| l.split_whitespace().next() == Some(c))).collect();
    if found.is_empty() {
        eprintln!("check: msgraph without features has no HTTP client ({} crates in its tree)", tree.lines().count());
        Ok(())
    } else {
        Err(format!("msgraph pulls in an HTTP client without the reqwest feature: {}", found.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A folder unique to this test process, removed when the test ends (passing or not), so
    /// repeated runs do not fill the temp dir with copies of the crate.
    struct Scratch(PathBuf);

    impl std::ops::Deref for Scratch {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn scratch(name: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("xtask-check-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        Scratch(d)
    }

    fn generate(specs: &Path, out: &Path) {
        let (files, _) = graphgen::generate(specs, None, &crate::options()).expect("specs generate");
        graphgen::emit::write(&files, out).expect("written");
        rustfmt(&crate::root(), out).expect("formatted as regen formats");
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                copy_dir(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).expect("copy");
            }
        }
    }

    #[test]
    fn committed_crate_matches_specs() {
        let root = crate::root();
        let fresh = scratch("fresh");
        generate(&root.join("specs"), &fresh);
        let drift = compare(&fresh, &root.join("generated"));
        assert!(drift.is_empty(), "{}", drift.iter().map(|d| d.diff.as_str()).collect::<String>());
    }

    #[test]
    fn one_byte_edit_of_any_generated_file_is_drift() {
        let root = crate::root();
        let fresh = scratch("edit-fresh");
        generate(&root.join("specs"), &fresh);
        let mut names = BTreeSet::new();
        files_under(&fresh, "", &mut names);
        for name in names {
            let edited = scratch("edit-copy");
            copy_dir(&fresh, &edited);
            let path = edited.join(&name);
            let mut bytes = std::fs::read(&path).expect("read");
            let last = bytes.len() - 2;
            bytes[last] = if bytes[last] == b'x' { b'y' } else { b'x' };
            std::fs::write(&path, bytes).expect("write");
            let drift = compare(&fresh, &edited);
            assert_eq!(drift.len(), 1, "edit of {name} not seen");
            assert!(drift[0].diff.contains("@@"), "a unified diff is printed");
        }
    }

    #[test]
    fn drift_summary_names_files_and_ir_changes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let specs = scratch("summary-specs");
        copy_dir(&root.join("specs"), &specs);
        let page = specs.join("beta/resources/itemphone.md");
        // The row and the representation renamed (a key the representation shows and an
        // example writes would still be read as a property).
        let text = std::fs::read_to_string(&page).unwrap().replacen("|number|String|", "|dialString|String|", 1);
        let text = text.replacen("\"number\": \"String\"", "\"dialString\": \"String\"", 1);
        std::fs::write(&page, text).unwrap();
        let fresh = scratch("summary-fresh");
        generate(&specs, &fresh);
        let drift = compare(&fresh, &root.join("generated"));
        let line = summary(&drift, &fresh, &root.join("generated"));
        assert!(line.contains("models") && line.contains("property renamed microsoft.graph.itemPhone.number"), "{line}");
        assert!(line.contains("1 breaking") && line.contains("suggested version: 0.1.0 -> 0.2.0"), "{line}");
    }

    #[test]
    fn changed_spec_without_regen_is_drift() {
        let root = crate::root();
        let specs = scratch("specs");
        copy_dir(&root.join("specs"), &specs);
        let page = specs.join("beta/resources/itemphone.md");
        let text = std::fs::read_to_string(&page).expect("page").replace("|number|String|", "|phoneNumber|String|");
        std::fs::write(&page, text).expect("write");
        let fresh = scratch("specs-fresh");
        generate(&specs, &fresh);
        let drift = compare(&fresh, &root.join("generated"));
        assert!(drift.iter().any(|d| d.name == "src/models/item_phone.rs" && d.diff.contains("phone_number")));
        assert!(drift.iter().any(|d| d.name == "ir.yaml"));
    }
}
