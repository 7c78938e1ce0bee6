//! Data flows one way: no two files of `generator/src` or `templates/runtime` import each other,
//! directly or around a longer circle. An import is a file-level `use crate::…` or
//! `use super::…` (with `pub`/`pub(crate)` too); it points at the file of the longest module
//! path it names (`use super::context::Ctx` in `emit/models.rs` points at `emit/context.rs`;
//! `use crate::ir::Api` at `ir/mod.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`["emit", "models"]`) → file, for every `.rs` file under `root`.
fn modules(root: &Path, prefix: &[&str]) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap().with_extension("");
            let mut segs: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
            segs.extend(rel.iter().map(|s| s.to_string_lossy().into_owned()));
            if segs.last().is_some_and(|s| s == "mod" || s == "lib") {
                segs.pop();
            }
            out.insert(segs, path);
        }
    }
    out
}

/// The full paths a `use` tree names: `a::{b, c::d}` gives `a::b` and `a::c::d`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    // Whitespace goes; `x as y` keeps its `as` as `@`.
    let tree: String = tree.split_whitespace().map(|t| if t == "as" { "@" } else { t }).collect();
    fn go(prefix: &[String], s: &str, out: &mut Vec<Vec<String>>) {
        // Split at top-level commas.
        let mut depth = 0;
        let mut start = 0;
        let mut parts = Vec::new();
        for (i, c) in s.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&s[start..]);
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            match part.find('{') {
                Some(b) => {
                    let head: Vec<String> = part[..b].split("::").filter(|x| !x.is_empty()).map(str::to_string).collect();
                    let mut p = prefix.to_vec();
                    p.extend(head);
                    go(&p, &part[b + 1..part.len() - 1], out);
                }
                None => {
                    let mut p = prefix.to_vec();
                    let name = part.split('@').next().unwrap_or(part);
                    p.extend(name.split("::").map(str::to_string));
                    out.push(p);
                }
            }
        }
    }
    let mut out = Vec::new();
    go(&[], &tree, &mut out);
    out
}

/// File-level `use crate::`/`use super::` statements of a file, joined across lines.
fn imports(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(c) = &mut current {
            c.push_str(line);
            if line.trim_end().ends_with(';') {
                out.push(current.take().unwrap());
            }
            continue;
        }
        let rest = line.strip_prefix("pub(crate) use ").or_else(|| line.strip_prefix("pub use ")).or_else(|| line.strip_prefix("use "));
        let Some(rest) = rest.filter(|r| r.starts_with("crate::") || r.starts_with("super::")) else { continue };
        if rest.trim_end().ends_with(';') {
            out.push(rest.to_string());
        } else {
            current = Some(rest.to_string());
        }
    }
    out.into_iter().map(|s| s.trim_end().trim_end_matches(';').to_string()).collect()
}

/// Paths written in code outside `use` lines (`super::features::Features` in a signature), as
/// `use` trees; comments are skipped, and `quote!` templates of the generated crate name modules
/// the generator does not have, so they resolve to no file.
fn inline_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("//") || t.starts_with("use ") || t.starts_with("pub use ") || t.starts_with("pub(crate) use ") {
            continue;
        }
        for start in ["crate::", "super::"] {
            let mut from = 0;
            while let Some(i) = line[from..].find(start).map(|i| i + from) {
                let before = line[..i].chars().next_back();
                from = i + start.len();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
                    continue;
                }
                let rest = &line[i..];
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
                out.push(rest[..end].trim_end_matches(':').to_string());
            }
        }
    }
    out
}

/// Edges between files of one crate tree (`crate_prefix`: the module path the tree sits at).
fn edges(root: &Path, crate_prefix: &[&str]) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mods = modules(root, crate_prefix);
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &mods {
        let text = std::fs::read_to_string(file).unwrap();
        // `super` of `emit/models.rs` is `emit`; of `emit/mod.rs` it is the crate root.
        let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
        for import in imports(&text).into_iter().chain(inline_paths(&text)) {
            for path in expand(&import) {
                let mut abs: Vec<String> = match path.first().map(String::as_str) {
                    Some("crate") => Vec::new(),
                    Some("super") => parent.clone(),
                    _ => continue,
                };
                let mut rest = path[1..].iter();
                // Further `super`s climb on.
                let mut segs: Vec<&String> = Vec::new();
                for s in rest.by_ref() {
                    if s == "super" {
                        abs.pop();
                    } else {
                        segs.push(s);
                    }
                }
                let mut target = mods.get(&abs).cloned();
                for s in segs {
                    abs.push(s.clone());
                    match mods.get(&abs) {
                        Some(f) => target = Some(f.clone()),
                        None => break,
                    }
                }
                // A path that names no module below the root (`crate::Error`, a `quote!`
                // template's `crate::runtime`) is no edge between files.
                let root_file = mods.get(&crate_prefix.iter().map(|s| s.to_string()).collect::<Vec<_>>());
                if let Some(t) = target.filter(|t| t != file && Some(t) != root_file) {
                    graph.entry(file.clone()).or_default().insert(t);
                }
            }
        }
    }
    graph
}

/// Every circle of imports, each as the files around it.
fn cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    // Tarjan's strongly connected components; a component of more than one file is a circle.
    struct State<'a> {
        graph: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        on: BTreeSet<&'a PathBuf>,
        out: Vec<Vec<PathBuf>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a PathBuf) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on.insert(v);
        if let Some(next) = s.graph.get(v) {
            for w in next {
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if s.on.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), on: BTreeSet::new(), out: Vec::new() };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn report(root: &Path, prefix: &[&str]) -> Vec<String> {
    let graph = edges(root, prefix);
    cycles(&graph)
        .into_iter()
        .map(|c| c.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect::<Vec<_>>().join(" ↔ "))
        .collect()
}

#[test]
fn the_generator_has_no_import_cycles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = report(&root, &[]);
    assert!(found.is_empty(), "files that import each other:\n  {}", found.join("\n  "));
}

#[test]
fn the_runtime_has_no_import_cycles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/runtime");
    let found = report(&root, &["runtime"]);
    assert!(found.is_empty(), "files that import each other:\n  {}", found.join("\n  "));
}

#[test]
fn the_checker_sees_a_circle() {
    let dir = std::env::temp_dir().join(format!("graphgen-layering-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("m")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod m;\n").unwrap();
    std::fs::write(dir.join("m/mod.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(dir.join("m/a.rs"), "use super::b::{X,\n    Y};\n").unwrap();
    std::fs::write(dir.join("m/b.rs"), "use crate::m::a::Z;\n").unwrap();
    let found = report(&dir, &[]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found, ["m/a.rs ↔ m/b.rs"]);
    assert_eq!(expand("a::{b, c::{d, e as f}}"), [vec!["a", "b"], vec!["a", "c", "d"], vec!["a", "c", "e"]]);
}

/// The linter places findings on the texts the pipeline read (`build_ir_keeping_pages`): each
/// page is opened once, by the loader.
#[test]
fn the_linter_opens_no_page_itself() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint");
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        assert!(!text.contains("fs::"), "{} reads files", entry.path().display());
    }
}
