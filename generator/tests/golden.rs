//! Golden tests of the docs quirks: each folder of `tests/golden/` is a small docs tree written
//! for one quirk of `../shared/corpus-notes.md`, and `tests/golden/<quirk>.yaml` is the IR and
//! the diagnostics it must give. `GOLDEN_UPDATE=1 cargo test --test golden` rewrites the YAML
//! files; review their diff like code.

use std::path::{Path, PathBuf};

fn pages(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pages(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "md" || e == "txt") {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

/// The IR of one quirk's pages, and its diagnostics, as YAML.
fn golden(quirk: &Path) -> String {
    let mut texts = Vec::new();
    pages(quirk, quirk, &mut texts);
    let version = texts.first().and_then(|(rel, _)| rel.split('/').next()).unwrap_or("v1.0").to_string();
    let (api, diags) = graphgen::ir_of_texts(&version, &texts);
    let diags: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    let mut out = serde_yaml::to_string(&api).unwrap();
    out.push_str(
        &serde_yaml::to_string(&serde_yaml::Mapping::from_iter([("diagnostics".into(), serde_yaml::to_value(diags).unwrap())])).unwrap(),
    );
    out
}

#[test]
fn every_quirk_gives_its_golden_ir() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("GOLDEN_UPDATE").is_some();
    let mut quirks: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    quirks.sort();
    assert!(!quirks.is_empty());
    let mut failed = Vec::new();
    for q in &quirks {
        let got = golden(q);
        let file = q.with_extension("yaml");
        if update {
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if got != want {
            let diff = similar::TextDiff::from_lines(&want, &got).unified_diff().header("golden", "now").to_string();
            failed.push(format!("{}:\n{diff}", file.display()));
        }
    }
    assert!(failed.is_empty(), "golden IR differs (GOLDEN_UPDATE=1 to accept):\n{}", failed.join("\n"));
}
