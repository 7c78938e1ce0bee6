//! The README's and `docs/`' Rust snippets, compiled against the whole generated v1.0 crate,
//! and the README's feature table held against the crate's own `FEATURES.md`: a snippet a
//! reader copies must compile, and the table must say what the crate holds.
//!
//! Each ```rust fence becomes the body of an `async fn` returning
//! `Result<(), Box<dyn Error + Send + Sync>>`, so a snippet is written as a user writes the
//! inside of `main`: `use` lines, statements, `?` and `.await`, ending in a statement.

use crate::cargo_run::cargo;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The features the snippets are compiled with: every area, the client, sign-in and the
/// Azure Identity adapter (whose snippet uses the `azure_identity` crate itself).
const FEATURES: &[&str] = &["full", "reqwest", "auth", "azure-identity"];

/// Where the README's copy of the v1.0 feature table starts and ends.
const TABLE_START: &str = "<!-- features:v1.0";
const TABLE_END: &str = "<!-- /features -->";

/// One fence: the file it is in (relative to the root), the line of its first code line, the code.
struct Snippet {
    file: String,
    line: usize,
    code: String,
}

/// The Rust fences of `text`.
fn fences(file: &str, text: &str) -> Vec<Snippet> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        match &mut open {
            None => {
                if let Some(info) = t.strip_prefix("```") {
                    let lang = info.split(|c: char| c == ',' || c.is_whitespace()).next().unwrap_or("");
                    if lang == "rust" {
                        open = Some((i + 2, String::new()));
                    }
                }
            }
            Some((line, code)) => {
                if t.starts_with("```") {
                    out.push(Snippet { file: file.to_string(), line: *line, code: std::mem::take(code) });
                    open = None;
                } else {
                    code.push_str(l);
                    code.push('\n');
                }
            }
        }
    }
    out
}

/// The markdown files whose snippets are compiled: the README and every `docs/*.md`, sorted.
fn pages(root: &Path) -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "md")).collect())
        .unwrap_or_default();
    docs.sort();
    let mut all = vec![root.join("README.md")];
    all.extend(docs);
    all
}

/// Checks the README's feature table against `krate`'s, then compiles every snippet against
/// `krate` (the generated v1.0 crate), building into `target`.
pub fn check(root: &Path, krate: &Path, target: &Path) -> Result<(), String> {
    let readme = std::fs::read_to_string(root.join("README.md")).map_err(|e| format!("README.md: {e}"))?;
    let table = std::fs::read_to_string(krate.join("FEATURES.md")).map_err(|e| format!("{}: {e}", krate.display()))?;
    let shown = table_in(&readme).ok_or("README.md has no feature table between its features markers")?;
    let table = graphgen::emit::feature_table::table_part(&table);
    if shown.trim() != table {
        return Err(format!("README.md's feature table differs from the v1.0 crate's FEATURES.md; replace it with:\n{table}"));
    }
    let mut snippets = Vec::new();
    for page in pages(root) {
        let text = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let rel = page.strip_prefix(root).unwrap_or(&page).display().to_string();
        snippets.extend(fences(&rel, &text));
    }
    let dir = root.join("target/doc-snippets");
    let (lib, origin) = library(&snippets);
    // The manifest names the crate by an absolute path: a relative one would be read from
    // the snippet crate's own folder.
    let krate = std::fs::canonicalize(krate).map_err(|e| format!("{}: {e}", krate.display()))?;
    write_crate(&dir, &krate, &lib)?;
    let r = cargo(&dir, target, &["check", "--quiet", "--message-format", "short"]);
    println!("  README and docs/ snippets: {} compiled against the v1.0 crate {:>7.1} s {}", snippets.len(), r.seconds, ok(r.ok));
    if r.ok {
        return Ok(());
    }
    // Point each error at the markdown line it comes from.
    let mut report = String::new();
    for l in r.output.lines().filter(|l| l.contains("error")) {
        let place = l
            .split_once("src/lib.rs:")
            .and_then(|(_, rest)| rest.split(':').next()?.parse::<usize>().ok())
            .and_then(|n| origin.iter().rev().find(|(start, _, _)| *start <= n).map(|(start, s, _)| (n - start, s)))
            .map(|(offset, s)| format!("{}:{}: ", snippets[*s].file, snippets[*s].line + offset))
            .unwrap_or_default();
        let _ = writeln!(report, "  {place}{l}");
    }
    Err(format!("snippets that do not compile:\n{report}"))
}

fn ok(b: bool) -> &'static str {
    if b {
        "ok"
    } else {
        "FAILED"
    }
}

/// The text between the README's table markers, without the marker lines.
fn table_in(readme: &str) -> Option<&str> {
    let start = readme.find(TABLE_START)?;
    let body = &readme[start..];
    let body = &body[body.find('\n')? + 1..];
    Some(&body[..body.find(TABLE_END)?])
}

/// The library holding every snippet as a function, and for each one the line of
/// `src/lib.rs` its code starts on (1-based), its index, and its function name.
fn library(snippets: &[Snippet]) -> (String, Vec<(usize, usize, String)>) {
    let mut lib = String::from(
        "//! The README's and docs/' Rust snippets, one function each (written by `cargo xtask`).\n\
         #![allow(unused, clippy::all)]\n",
    );
    let mut origin = Vec::new();
    for (i, s) in snippets.iter().enumerate() {
        let name = format!("snippet_{i}");
        let _ = writeln!(lib, "\n// {}:{}", s.file, s.line);
        let _ = writeln!(lib, "pub async fn {name}() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {{");
        origin.push((lib.lines().count() + 1, i, name));
        lib.push_str(&s.code);
        lib.push_str("    #[allow(unreachable_code)]\n    Ok(())\n}\n");
    }
    (lib, origin)
}

fn write_crate(dir: &Path, krate: &Path, lib: &str) -> Result<(), String> {
    let features: Vec<String> = FEATURES.iter().map(|f| format!("\"{f}\"")).collect();
    let manifest = format!(
        "[package]\nname = \"doc-snippets\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\nmsgraph = {{ path = {:?}, default-features = false, features = [{}] }}\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"fs\", \"time\"] }}\n\
         futures-util = {{ version = \"0.3\", default-features = false }}\nserde_json = \"1\"\n\
         azure_identity = {{ version = \"1\", default-features = false }}\n",
        krate.display().to_string(),
        features.join(", ")
    );
    std::fs::create_dir_all(dir.join("src")).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/lib.rs"), lib).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_fences_are_found_with_their_lines() {
        let text = "# t\n```rust\nlet a = 1;\n```\n```sh\nls\n```\n```rust,no_run\nlet b = 2;\n```\n";
        let found = fences("README.md", text);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].code.as_str()), (3, "let a = 1;\n"));
        assert_eq!((found[1].line, found[1].code.as_str()), (9, "let b = 2;\n"));
    }

    #[test]
    fn the_table_is_read_between_its_markers() {
        let readme = "x\n<!-- features:v1.0 (note) -->\n| a |\n<!-- /features -->\ny";
        assert_eq!(table_in(readme), Some("| a |\n"));
    }

    #[test]
    fn library_lines_lead_back_to_the_snippet() {
        let s = vec![Snippet { file: "README.md".into(), line: 10, code: "let a = 1;\nlet b = 2;\n".into() }];
        let (lib, origin) = library(&s);
        let first = origin[0].0;
        assert_eq!(lib.lines().nth(first - 1), Some("let a = 1;"));
    }
}
