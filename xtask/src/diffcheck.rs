//! `cargo xtask diff [--docs DIR]`: `graphgen diff` on the whole v1.0 tree. Against itself,
//! and against a copy whose files are written in a shuffled order with every heading
//! reformatted (`## Properties` → `##   Properties ##`, a blank line around it), it must report
//! nothing. Its time is measured against one docs-to-IR run of v1.0 in the same process,
//! alternating, median of three: the tree against itself (the same pages give the same IR,
//! read once), against a copy with one property's description edited (as in a docs pull
//! request: the other pages are read once, both trees resolved and planned; exactly that one
//! docs-only change is reported), and against the reformatted copy (every page read twice:
//! the worst case).

use std::path::Path;
use std::time::{Duration, Instant};

const ROUNDS: usize = 3;

/// Every ATX heading of a page written another way that reads the same.
fn reformat(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        if !fenced && (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            let marks = &trimmed[..hashes];
            out.push_str(&format!("\n{marks}   {} {marks}\n\n", trimmed[hashes..].trim()));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A copy of `from` in `to`, files written in a shuffled order (when `shuffled`), each page's
/// text passed through `edit` (relative path, text).
fn copy_tree(from: &Path, to: &Path, shuffled: bool, edit: &dyn Fn(&Path, String) -> String) -> Result<usize, String> {
    let mut files = Vec::new();
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let p = e.map_err(|e| e.to_string())?.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    if shuffled {
        crate::determinism::shuffle(&mut files, 0x2545_f491_4f6c_dd1d);
    }
    let _ = std::fs::remove_dir_all(to);
    for f in &files {
        let rel = f.strip_prefix(from).map_err(|e| e.to_string())?;
        let target = to.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        match std::fs::read_to_string(f) {
            Ok(text) if f.extension().is_some_and(|e| e == "md") => std::fs::write(&target, edit(rel, text)),
            _ => std::fs::copy(f, &target).map(|_| ()),
        }
        .map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(files.len())
}

fn changes(old: &Path, new: &Path) -> Result<Vec<graphgen::diff::Change>, String> {
    let ((a, _), (b, _)) = graphgen::load_ir_pair(old, new).map_err(|e| e.to_string())?;
    Ok(graphgen::diff::diff_irs(&a, &b, None).0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn run(docs: &Path, work: &Path) -> Result<(), String> {
    let v1 = if docs.join("v1.0").is_dir() { docs.join("v1.0") } else { docs.to_path_buf() };
    let copy = work.join("diff-reformatted").join("v1.0");
    let n = copy_tree(&v1, &copy, true, &|_, text| reformat(&text))?;
    let one = work.join("diff-one-page").join("v1.0");
    // One property's description edited: one docs-only change.
    let user = Path::new("resources/user.md");
    let edited = |rel: &Path, text: String| {
        if rel == user {
            text.replacen("|aboutMe|String|A freeform", "|aboutMe|String|An open", 1)
        } else {
            text
        }
    };
    copy_tree(&v1, &one, false, &edited)?;
    let mut fails = Vec::new();
    let described = |c: &graphgen::diff::Change| c.kind == graphgen::diff::Kind::Described && c.item == "microsoft.graph.user.aboutMe";
    for (what, other, expected) in
        [("itself", &v1, 0), ("a copy with one description edited", &one, 1), ("a reformatted, shuffled copy", &copy, 0)]
    {
        let found = changes(&v1, other)?;
        println!("  v1.0 against {what}: {} changes", found.len());
        if found.len() != expected || !found.iter().all(described) {
            print!("{}", graphgen::diff::render(&found[..found.len().min(20)], graphgen::diff::Format::Human, "", None));
            fails.push(what);
        }
    }
    let (mut ir, mut same, mut one_page, mut reformatted) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let t = Instant::now();
        std::hint::black_box(graphgen::build_ir(&v1).map_err(|e| e.to_string())?);
        ir.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(changes(&v1, &v1)?);
        same.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(changes(&v1, &one)?);
        one_page.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(changes(&v1, &copy)?);
        reformatted.push(t.elapsed());
    }
    let (ir, same, one_page, reformatted) = (median(ir), median(same), median(one_page), median(reformatted));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("diff over {} ({n} files; {ROUNDS} rounds, median)", v1.display());
    println!("  docs to IR of v1.0                      {:>8.1} ms", ms(ir));
    println!(
        "  diff v1.0 against itself                {:>8.1} ms   ratio {:.2} (bar 2.0)",
        ms(same),
        same.as_secs_f64() / ir.as_secs_f64()
    );
    println!("  diff v1.0, one description edited      {:>8.1} ms   ratio {:.2}", ms(one_page), one_page.as_secs_f64() / ir.as_secs_f64());
    println!(
        "  diff v1.0 against the reformatted copy  {:>8.1} ms   ratio {:.2} (every page read twice)",
        ms(reformatted),
        reformatted.as_secs_f64() / ir.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(work.join("diff-reformatted"));
    let _ = std::fs::remove_dir_all(work.join("diff-one-page"));
    if fails.is_empty() {
        Ok(())
    } else {
        Err(format!("graphgen diff reported other changes than made (v1.0 against {})", fails.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn headings_are_rewritten_outside_fences_only() {
        let page = "# Title\ntext\n## Properties\n```http\n# not a heading\n```\n";
        assert_eq!(super::reformat(page), "\n#   Title #\n\ntext\n\n##   Properties ##\n\n```http\n# not a heading\n```\n");
    }
}
