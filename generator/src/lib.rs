//! graphgen: Microsoft Graph reference pages in, a typed Rust crate out.
//!
//! Pipeline: [`loader`] lists pages → [`frontend`] reads each page into facts → [`resolve`]
//! links them into the [`ir`] → [`plan`] names what the crate holds → [`emit`] writes it. Every stage reports problems as
//! [`diag::Diagnostic`]s and never panics on input.
#![warn(missing_docs)]

pub mod conformance;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod frontend;
pub mod ir;
pub mod lint;
pub mod loader;
pub mod naming;
pub mod openapi;
pub mod path;
pub mod plan;
pub mod resolve;
pub mod source;
pub mod urlspace;
pub mod yaml;

use diag::{Diagnostic, Diags};
use std::path::{Path, PathBuf};

/// Why a run could not produce its output. Problems in the pages are never errors: they are
/// diagnostics, and the run goes on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The docs folder (or a folder in it) cannot be listed.
    #[error("cannot read docs folder {path}: {source}")]
    Docs {
        /// The folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The docs folder has no `api/` and `resources/`, directly or in version folders.
    #[error("{path} holds no docs version folder (expected api/ and resources/ in it or in v1.0/, beta/)")]
    NoVersions {
        /// The folder given.
        path: PathBuf,
    },
    /// An output file or folder cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The IR could not be written as YAML or JSON.
    #[error("IR serialization failed: {0}")]
    Serialize(String),
    /// A bug of the generator: code it emitted does not parse.
    #[error("internal error: emitted code does not parse: {0}")]
    Emit(String),
    /// Several versions, and none (or an unknown one) asked for.
    #[error("the docs hold versions {available:?}; pick one with --api-version")]
    Version {
        /// The versions the docs hold.
        available: Vec<String>,
    },
    /// An input the command cannot use (an OpenAPI document that is not JSON or YAML).
    #[error("{0}")]
    Usage(String),
}

/// The IR of every version under `docs`, and the diagnostics found on the way.
pub fn build_ir(docs: &Path) -> Result<(ir::Ir, Vec<Diagnostic>), Error> {
    build_ir_with(docs, default_threads())
}

/// Threads for reading pages: the machine's parallelism, or `GRAPHGEN_THREADS`.
pub fn default_threads() -> usize {
    std::env::var("GRAPHGEN_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map(usize::from).unwrap_or(1))
        .max(1)
}

/// [`build_ir`] with a given number of threads. Pages are read independently, in parallel;
/// their facts are put back in file order before resolution, so the output does not depend on
/// the thread count.
pub fn build_ir_with(docs: &Path, threads: usize) -> Result<(ir::Ir, Vec<Diagnostic>), Error> {
    Ok(build_ir_listed(versions(docs)?, threads))
}

/// The version folders under `docs`; an error when there are none.
fn versions(docs: &Path) -> Result<Vec<loader::Version>, Error> {
    let versions = loader::discover(docs).map_err(|source| Error::Docs { path: docs.to_path_buf(), source })?;
    if versions.is_empty() {
        return Err(Error::NoVersions { path: docs.to_path_buf() });
    }
    Ok(versions)
}

/// The version folders under `docs`, only the one named `wanted` when given (an error when the
/// docs hold no such version).
fn versions_named(docs: &Path, wanted: Option<&str>) -> Result<Vec<loader::Version>, Error> {
    let mut all = versions(docs)?;
    if let Some(v) = wanted {
        if !all.iter().any(|x| x.name == v) {
            return Err(Error::Version { available: all.into_iter().map(|x| x.name).collect() });
        }
        all.retain(|x| x.name == v);
    }
    Ok(all)
}

/// [`build_ir`] of one version: with `Some(version)`, only that version folder of a docs root
/// is read and checked (the IR and the diagnostics name no page of another version); an error
/// when the docs hold no such version. `None` reads every version.
pub fn build_ir_version(docs: &Path, version: Option<&str>) -> Result<(ir::Ir, Vec<Diagnostic>), Error> {
    Ok(build_ir_listed(versions_named(docs, version)?, default_threads()))
}

/// [`build_ir_with`] from a listing of files in any order: each version's files are put in
/// path order first, so the output never depends on how the file system (or a caller) listed
/// them. Tests hand it shuffled listings to prove that.
pub fn build_ir_listed(versions: Vec<loader::Version>, threads: usize) -> (ir::Ir, Vec<Diagnostic>) {
    let (ir, diags, _) = build(versions, threads, false);
    (ir, diags)
}

/// Page texts by their path in diagnostics (`v1.0/api/x.md`): what the linter shows findings
/// on, kept from the one read of each page.
pub type PageTexts = std::collections::BTreeMap<String, String>;

/// [`build_ir`], keeping the text of every page a diagnostic names (as its place or a related
/// one), so that the linter places its findings without opening any page again.
pub fn build_ir_keeping_pages(docs: &Path) -> Result<(ir::Ir, Vec<Diagnostic>, PageTexts), Error> {
    let (ir, diags, mut texts) = build(versions(docs)?, default_threads(), true);
    let named: std::collections::BTreeSet<&str> =
        diags.iter().flat_map(|d| std::iter::once(d.file.as_str()).chain(d.related.iter().map(|r| r.file.as_str()))).collect();
    texts.retain(|file, _| named.contains(file.as_str()));
    Ok((ir, diags, texts))
}

fn build(versions: Vec<loader::Version>, threads: usize, keep: bool) -> (ir::Ir, Vec<Diagnostic>, PageTexts) {
    let (read, items, texts) = read_versions(versions, threads, keep, None);
    let (ir, items) = resolve_versions(read, items, threads);
    (ir, items, texts.into_iter().flatten().collect())
}

/// Each version's page facts, the front end's diagnostics and (`keep`) each version's page
/// texts, in the order of its facts.
type ReadVersions = (Vec<(String, Vec<frontend::facts::PageFacts>)>, Vec<Diagnostic>, Vec<Vec<(String, String)>>);

fn read_versions(mut versions: Vec<loader::Version>, threads: usize, keep: bool, known: Option<&Known>) -> ReadVersions {
    versions.sort_by(|a, b| a.name.cmp(&b.name));
    let mut items = Vec::new();
    let mut texts = Vec::with_capacity(versions.len());
    let mut read = Vec::with_capacity(versions.len());
    for mut v in versions {
        v.files.sort_by(|a, b| a.rel.cmp(&b.rel));
        let (pages, page_diags, page_texts) = read_pages(&v.files, threads, keep, known);
        items.extend(page_diags);
        texts.push(page_texts);
        read.push((v.name, pages));
    }
    (read, items, texts)
}

fn resolve_versions(
    read: Vec<(String, Vec<frontend::facts::PageFacts>)>,
    mut items: Vec<Diagnostic>,
    threads: usize,
) -> (ir::Ir, Vec<Diagnostic>) {
    // Versions resolve independently: each on its own thread when there are threads to spare,
    // joined back in version order.
    let resolve = |(name, pages): (String, Vec<frontend::facts::PageFacts>)| {
        let mut diags = Diags::default();
        let api = resolve::resolve(&name, pages, &mut diags);
        (name, api, diags.items)
    };
    let resolved: Vec<(String, ir::Api, Vec<Diagnostic>)> = if threads > 1 && read.len() > 1 {
        std::thread::scope(|scope| {
            let handles: Vec<_> = read.into_iter().map(|v| scope.spawn(move || resolve(v))).collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        })
    } else {
        read.into_iter().map(resolve).collect()
    };
    let mut apis = std::collections::BTreeMap::new();
    for (name, api, d) in resolved {
        items.extend(d);
        apis.insert(name, api);
    }
    items.sort();
    (ir::Ir { format: ir::FORMAT, apis }, items)
}

/// An IR and the diagnostics found building it.
pub type Built = (ir::Ir, Vec<Diagnostic>);

/// Pages already read, by their path below the docs root: the text, the facts and the front
/// end's diagnostics. A page with the same path and text in a second tree is not read again.
type Known = std::collections::HashMap<String, (String, frontend::facts::PageFacts, Vec<Diagnostic>)>;

/// The IRs of two docs trees (for `graphgen diff`), each with its diagnostics. Pages whose
/// path and text are the same in both are read once: a docs change touches few pages, and a
/// tree compared with itself costs one read and two resolutions.
pub fn build_ir_pair(old: &Path, new: &Path) -> Result<(Built, Built), Error> {
    build_ir_pair_version(old, new, None)
}

/// A tree's version folders, only `wanted` when the tree holds it: a tree without it (a single
/// version folder under another name) is kept whole for `diff` to match.
fn versions_if_present(docs: &Path, wanted: Option<&str>) -> Result<Vec<loader::Version>, Error> {
    let mut all = versions(docs)?;
    if let Some(v) = wanted.filter(|v| all.iter().any(|x| x.name == *v)) {
        all.retain(|x| x.name == v);
    }
    Ok(all)
}

/// [`build_ir_pair`] reading, of a tree that holds the version `version`, only that version.
fn build_ir_pair_version(old: &Path, new: &Path, version: Option<&str>) -> Result<(Built, Built), Error> {
    let threads = default_threads();
    let (read, items, texts) = read_versions(versions_if_present(old, version)?, threads, true, None);
    let mut page_diags: std::collections::HashMap<&str, Vec<Diagnostic>> = std::collections::HashMap::new();
    for d in &items {
        page_diags.entry(d.file.as_str()).or_default().push(d.clone());
    }
    // A version's texts and facts are in the same order, one of each per page that was read.
    let pairs = texts.into_iter().zip(&read).flat_map(|(texts, (_, pages))| texts.into_iter().zip(pages));
    let known: Known = pairs
        .map(|((rel, text), f)| {
            let found = page_diags.get(rel.as_str()).cloned().unwrap_or_default();
            (rel, (text, f.clone(), found))
        })
        .collect();
    drop(page_diags);
    let new_versions = versions_if_present(new, version)?;
    // The same pages give the same IR: a tree compared with an unchanged copy is read once.
    let same_pages = new_versions.iter().flat_map(|v| v.files.iter()).count() == known.len()
        && new_versions
            .iter()
            .flat_map(|v| v.files.iter())
            .all(|f| known.get(&f.rel).is_some_and(|(text, ..)| std::fs::read(&f.path).is_ok_and(|bytes| bytes == text.as_bytes())));
    if same_pages && !known.is_empty() {
        let (ir, diags) = resolve_versions(read, items, threads);
        return Ok(((ir.clone(), diags.clone()), (ir, diags)));
    }
    // The old tree resolves while the new one is read and resolved.
    std::thread::scope(|scope| {
        let old_ir = scope.spawn(move || resolve_versions(read, items, 1));
        let (read, items, _) = read_versions(new_versions, threads, false, Some(&known));
        let new_ir = resolve_versions(read, items, threads);
        let old_ir = old_ir.join().map_err(|_| Error::Usage("the old docs tree could not be resolved".into()))?;
        Ok((old_ir, new_ir))
    })
}

/// The IR of a docs tree, or of an IR snapshot (`ir.yaml`, as `generate` writes beside a crate).
pub fn load_ir(path: &Path) -> Result<(ir::Ir, Vec<Diagnostic>), Error> {
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Docs { path: path.to_path_buf(), source })?;
        let ir = ir::Ir::from_yaml(&text).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
        return Ok((ir, Vec::new()));
    }
    build_ir(path)
}

/// The IRs of two docs trees or snapshots, as [`build_ir_pair`] reads trees.
pub fn load_ir_pair(old: &Path, new: &Path) -> Result<(Built, Built), Error> {
    load_ir_pair_version(old, new, None)
}

/// [`load_ir_pair`] for one version (`graphgen diff --api-version`): a docs tree that holds
/// the version is read for that version only. A tree that does not hold it (one version folder
/// under another name) and a snapshot are read whole; the diff picks the version.
///
/// A generated crate's folder stands for its snapshot (`msgraph/` reads `msgraph/ir.yaml`), and
/// a folder that yields no API at all is an error, not an empty API: a diff against nothing
/// would call every call an addition and pass a CI job that named the wrong folder.
pub fn load_ir_pair_version(old: &Path, new: &Path, version: Option<&str>) -> Result<(Built, Built), Error> {
    let (old, new) = (&snapshot_in(old), &snapshot_in(new));
    let pair = if old.is_dir() && new.is_dir() {
        build_ir_pair_version(old, new, version)?
    } else {
        let load = |path: &Path| -> Result<Built, Error> {
            if path.is_file() {
                return load_ir(path);
            }
            Ok(build_ir_listed(versions_if_present(path, version)?, default_threads()))
        };
        (load(old)?, load(new)?)
    };
    for (path, (ir, _)) in [(old, &pair.0), (new, &pair.1)] {
        if ir.apis.values().all(|a| a.operations.is_empty() && a.types.is_empty()) {
            let why = "holds no API: name a docs tree (a version folder has api/ and resources/), or a generated crate or its ir.yaml";
            return Err(Error::Usage(format!("{}: {why}", path.display())));
        }
    }
    Ok(pair)
}

/// `dir/ir.yaml` for a folder that holds one (a generated crate), else `path` itself.
fn snapshot_in(path: &Path) -> std::path::PathBuf {
    let snapshot = path.join("ir.yaml");
    if path.is_dir() && snapshot.is_file() {
        snapshot
    } else {
        path.to_path_buf()
    }
}

/// The IR of pages given as text (`(path below the docs root, text)`), for fuzzing and tests:
/// the same front end and resolver as [`build_ir`], no file system.
pub fn ir_of_texts(version: &str, pages: &[(String, String)]) -> (ir::Api, Vec<Diagnostic>) {
    let mut diags = Diags::default();
    let facts: Vec<_> = pages.iter().map(|(rel, text)| frontend::read_page(rel, text, &mut diags)).collect();
    let api = resolve::resolve(version, facts, &mut diags);
    (api, diags.items)
}

/// The facts of every page, their diagnostics, and (`keep`) their texts.
type Read = (Vec<frontend::facts::PageFacts>, Vec<Diagnostic>, Vec<(String, String)>);

fn read_pages(files: &[loader::DocsFile], threads: usize, keep: bool, known: Option<&Known>) -> Read {
    let read_chunk = |chunk: &[loader::DocsFile]| {
        let mut diags = Diags::default();
        let mut texts = Vec::new();
        let mut pages = Vec::with_capacity(chunk.len());
        for f in chunk {
            if let Some(text) = loader::read(f, &mut diags) {
                match known.and_then(|k| k.get(&f.rel)).filter(|(t, ..)| *t == text) {
                    Some((_, facts, found)) => {
                        pages.push(facts.clone());
                        diags.items.extend(found.iter().cloned());
                    }
                    None => pages.push(frontend::read_page(&f.rel, &text, &mut diags)),
                }
                if keep {
                    texts.push((f.rel.clone(), text));
                }
            }
        }
        (pages, diags.items, texts)
    };
    if threads <= 1 || files.len() < 64 {
        return read_chunk(files);
    }
    // Interleaved small chunks balance the load; results are joined back in chunk order.
    let chunk_size = files.len().div_ceil(threads * 8).max(1);
    let chunks: Vec<&[loader::DocsFile]> = files.chunks(chunk_size).collect();
    let mut results: Vec<Option<Read>> = (0..chunks.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let chunks = &chunks;
                let read_chunk = &read_chunk;
                scope.spawn(move || (t..chunks.len()).step_by(threads).map(|i| (i, read_chunk(chunks[i]))).collect::<Vec<_>>())
            })
            .collect();
        for h in handles {
            // A worker that panicked loses its pages; the rest of the run goes on.
            for (i, r) in h.join().unwrap_or_default() {
                results[i] = Some(r);
            }
        }
    });
    let mut pages = Vec::with_capacity(files.len());
    let mut diags = Vec::new();
    let mut texts = Vec::new();
    for (p, d, t) in results.into_iter().flatten() {
        pages.extend(p);
        diags.extend(d);
        texts.extend(t);
    }
    (pages, diags, texts)
}

/// Pick the API version to generate: the one asked for, else the only one.
pub fn pick_version<'a>(ir: &'a ir::Ir, wanted: Option<&str>) -> Result<&'a ir::Api, Error> {
    let available = || ir.apis.keys().cloned().collect::<Vec<_>>();
    match wanted {
        Some(v) => ir.apis.get(v).ok_or_else(|| Error::Version { available: available() }),
        None if ir.apis.len() == 1 => ir.apis.values().next().ok_or_else(|| Error::Version { available: available() }),
        None => Err(Error::Version { available: available() }),
    }
}

/// The IR of one API as YAML (the snapshot committed beside a generated crate).
pub fn snapshot(api: &ir::Api) -> Result<String, Error> {
    let one = ir::Ir { format: ir::FORMAT, apis: [(api.version.clone(), api.clone())].into_iter().collect() };
    yaml::to_string(&one).map_err(Error::Serialize)
}

/// Write `snippets` as the docs include them, one Markdown file of one ```rust fence each:
/// `<out>/<version>/includes/snippets/rust/<name>-rust-snippets.md`, the example's name in
/// lower case with `_` as `-`, as the docs' include lines name the other languages' files
/// (`get_a_count_endsWith` → `get-a-count-endswith-csharp-snippets.md`). Answers how many
/// files were written.
pub fn write_snippets(out: &Path, version: &str, snippets: &[emit::snippet::Snippet]) -> Result<usize, Error> {
    let dir = out.join(version).join("includes/snippets/rust");
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
    for s in snippets {
        let path = dir.join(format!("{}-rust-snippets.md", s.name.replace('_', "-").to_lowercase()));
        let text = format!("---\ndescription: \"Automatically generated file. DO NOT MODIFY\"\n---\n\n```rust\n\n{}```\n", s.code);
        std::fs::write(&path, text).map_err(|source| Error::Write { path, source })?;
    }
    Ok(snippets.len())
}

/// An OpenAPI document (JSON or YAML) to crate files; its problems are diagnostics.
pub fn generate_from_openapi(path: &Path, opts: &emit::Options) -> Result<(emit::Files, Vec<Diagnostic>), Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Docs { path: path.to_path_buf(), source })?;
    let doc = openapi::read_document(&text).map_err(|e| Error::Usage(format!("{} {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut diags = Diags::default();
    let api = openapi::import::import(&doc, &name, &mut diags);
    let files = emit::emit(&api, &snapshot(&api)?, opts)?;
    let mut items = diags.items;
    items.sort();
    Ok((files, items))
}

/// Docs folder to crate files, the whole pipeline; diagnostics are returned, not printed.
/// With `Some(version)` only that version folder is read (see [`build_ir_version`]).
pub fn generate(docs: &Path, version: Option<&str>, opts: &emit::Options) -> Result<(emit::Files, Vec<Diagnostic>), Error> {
    let (ir, mut diags) = build_ir_version(docs, version)?;
    let api = pick_version(&ir, version)?;
    let files = emit::emit(api, &snapshot(api)?, opts)?;
    diag::distinct(&mut diags);
    Ok((files, diags))
}
