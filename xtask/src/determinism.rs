//! `cargo xtask determinism`: the same docs give the same bytes, whatever the order the files
//! are listed in, the number of threads reading them, or how many times the generator runs;
//! and writing the crate twice leaves every file (and its timestamp) as the first write left it.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// A deterministic shuffle (xorshift), so a failure can be replayed.
pub fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let j = usize::try_from(seed % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

fn crate_of(docs: &Path, version: &str, threads: usize, order: &str) -> Result<graphgen::emit::Files, String> {
    let mut versions = graphgen::loader::discover(docs).map_err(|e| e.to_string())?;
    for v in &mut versions {
        match order {
            "reversed" => v.files.reverse(),
            "shuffled" => shuffle(&mut v.files, 0x9e37_79b9_7f4a_7c15),
            _ => {}
        }
    }
    let (ir, _) = graphgen::build_ir_listed(versions, threads);
    let api = graphgen::pick_version(&ir, Some(version)).map_err(|e| e.to_string())?;
    let snapshot = graphgen::snapshot(api).map_err(|e| e.to_string())?;
    let opts = graphgen::emit::Options { crate_name: "msgraph".into(), standalone: true, ..Default::default() };
    graphgen::emit::emit(api, &snapshot, &opts).map_err(|e| e.to_string())
}

fn differences(a: &graphgen::emit::Files, b: &graphgen::emit::Files) -> Vec<String> {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).map(|k| k.to_string()).collect()
}

/// File → modification time, for every file under `dir`.
fn times(dir: &Path) -> BTreeMap<String, std::time::SystemTime> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, std::time::SystemTime>) {
        let Ok(entries) = std::fs::read_dir(d) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if let (Ok(rel), Ok(m)) = (p.strip_prefix(root), e.metadata().and_then(|m| m.modified())) {
                out.insert(rel.to_string_lossy().into_owned(), m);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

pub fn run(docs: &Path, version: &str, work: &Path) -> Result<(), String> {
    let start = Instant::now();
    let reference = crate_of(docs, version, graphgen::default_threads(), "listed")?;
    let runs = [(1, "listed"), (1, "reversed"), (2, "shuffled"), (4, "reversed"), (graphgen::default_threads(), "listed")];
    let mut failures = Vec::new();
    for (threads, order) in runs {
        let other = crate_of(docs, version, threads, order)?;
        let diff = differences(&reference, &other);
        println!("  {version}: {threads} thread(s), files {order}: {} files, {} differ", other.len(), diff.len());
        if !diff.is_empty() {
            failures.push(format!("{threads} threads, {order}: {}", diff.iter().take(5).cloned().collect::<Vec<_>>().join(", ")));
        }
    }
    // Written twice: the second write changes nothing, timestamps included.
    let dir = work.join(format!("determinism-{version}"));
    let _ = std::fs::remove_dir_all(&dir);
    graphgen::emit::write(&reference, &dir).map_err(|e| e.to_string())?;
    let first = times(&dir);
    graphgen::emit::write(&reference, &dir).map_err(|e| e.to_string())?;
    let second = times(&dir);
    let touched: Vec<&String> = first.keys().filter(|k| first.get(*k) != second.get(*k)).collect();
    println!("  {version}: written twice, {} of {} files touched by the second write", touched.len(), first.len());
    if !touched.is_empty() || first.len() != reference.len() {
        failures.push(format!("second write touched {} files", touched.len()));
    }
    println!("determinism: {version} in {:.1?}", start.elapsed());
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("output depends on order, threads or runs: {}", failures.join("; ")))
    }
}
