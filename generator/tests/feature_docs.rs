//! Features people can find: every request function, model and enum says in its rustdoc, on
//! stable, which cargo feature compiles it ("Available with the `files` feature."), and no
//! `cfg(any(..))` names a feature twice.
//!
//! The test reads the crate generated from `specs/`. The same count runs on any generated
//! crate: `GRAPHGEN_FEATURE_DOCS=/tmp/v1 cargo test -p graphgen --test feature_docs -- --nocapture`
//! prints it for the crate in that folder (the whole v1.0 crate, say).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

/// What the count found in one crate.
#[derive(Debug, Default)]
struct Count {
    request_fns: usize,
    request_fns_documented: usize,
    types: usize,
    types_documented: usize,
    cfg_any: usize,
    /// `file: cfg(any(..))` for each list that repeats a feature.
    repeated: Vec<String>,
    /// Request functions and types whose docs name no feature, or a feature the crate lacks.
    undocumented: Vec<String>,
    /// Runs of doc aliases, and the `file:line` of those whose line above names no feature: a
    /// grep for a request line's alias shows its feature beside it.
    alias_runs: usize,
    alias_runs_apart: Vec<String>,
}

/// The doc lines (`///`) right above line `at`, across attributes.
fn docs_above<'a>(lines: &[&'a str], at: usize) -> Vec<&'a str> {
    let mut docs = Vec::new();
    let mut i = at;
    while i > 0 {
        i -= 1;
        let t = lines[i].trim_start();
        if let Some(d) = t.strip_prefix("///") {
            docs.push(d);
        } else if t.is_empty() || t.ends_with('{') || t.ends_with('}') || t.ends_with(';') {
            break;
        }
        // Anything else is an attribute, possibly spread over lines by the printer.
    }
    docs
}

/// The features the docs name: "Available with the `a` feature." / "... any of the features `a`, `b`."
fn named_features(docs: &[&str]) -> Option<Vec<String>> {
    let line = docs.iter().find(|d| d.contains("Available with"))?;
    Some(line.split('`').skip(1).step_by(2).map(str::to_string).collect())
}

fn count(krate: &Path) -> Count {
    let toml = std::fs::read_to_string(krate.join("Cargo.toml")).expect("Cargo.toml");
    let features: BTreeSet<String> = toml
        .split("[features]")
        .nth(1)
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(f, _)| f.trim().to_string()))
        .collect();
    let mut files = BTreeMap::new();
    for dir in ["src/api", "src/models", "src/enums", "src"] {
        let Ok(entries) = std::fs::read_dir(krate.join(dir)) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "rs") {
                files.insert(format!("{dir}/{}", e.file_name().to_string_lossy()), std::fs::read_to_string(&p).expect("read"));
            }
        }
    }
    let mut c = Count::default();
    for (name, text) in &files {
        // Every `cfg(any(..))`, each feature once.
        let mut rest = text.as_str();
        while let Some(at) = rest.find("cfg(any(") {
            let list = &rest[at + 8..];
            let end = list.find("))").unwrap_or(list.len());
            let names: Vec<&str> =
                list[..end].split("feature").skip(1).map(|f| f.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')).collect();
            let distinct: BTreeSet<&str> = names.iter().copied().collect();
            c.cfg_any += 1;
            if distinct.len() != names.len() {
                c.repeated.push(format!("{name}: cfg(any({}))", names.join(", ")));
            }
            rest = &list[end..];
        }
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            // An alias the printer wraps (`#[doc(` / `alias = "..."` / `)]`) starts a run too.
            let starts_alias = |k: usize| {
                let l = lines[k].trim_start();
                l.starts_with("#[doc(alias") || (l == "#[doc(" && lines.get(k + 1).is_some_and(|n| n.trim_start().starts_with("alias")))
            };
            let above = i.checked_sub(1).map_or("", |j| lines[j].trim_start());
            let after_alias = above.starts_with("#[doc(alias") || above == ")]";
            if starts_alias(i) && !after_alias {
                c.alias_runs += 1;
                if !above.contains("Available with") {
                    c.alias_runs_apart.push(format!("{name}:{}", i + 1));
                }
            }
            let is_type = (name.starts_with("src/models/") || name.starts_with("src/enums/"))
                && (t.starts_with("pub struct ") || t.starts_with("pub enum "));
            let is_request = name.starts_with("src/api/") && t.starts_with("pub fn ") && {
                // The signature, up to its body.
                let end = lines[i..].iter().position(|l| l.trim_end().ends_with('{')).map_or(lines.len(), |n| i + n + 1);
                lines[i..end].concat().contains("-> crate::runtime::Request<")
            };
            if !is_type && !is_request {
                continue;
            }
            let ok = named_features(&docs_above(&lines, i)).is_some_and(|f| !f.is_empty() && f.iter().all(|f| features.contains(f)));
            if is_type {
                c.types += 1;
                c.types_documented += usize::from(ok);
            } else {
                c.request_fns += 1;
                c.request_fns_documented += usize::from(ok);
            }
            if !ok {
                c.undocumented.push(format!("{name}:{}: {}", i + 1, t));
            }
        }
    }
    c
}

fn report(c: &Count) -> String {
    let pct = |a: usize, b: usize| if b == 0 { 100.0 } else { 100.0 * a as f64 / b as f64 };
    format!(
        "request functions naming their feature: {}/{} ({:.1}%); models and enums: {}/{} ({:.1}%); cfg(any(..)) lists: {}, repeating a feature: {}",
        c.request_fns_documented,
        c.request_fns,
        pct(c.request_fns_documented, c.request_fns),
        c.types_documented,
        c.types,
        pct(c.types_documented, c.types),
        c.cfg_any,
        c.repeated.len()
    )
}

#[test]
fn every_request_function_and_type_names_its_feature_and_no_cfg_repeats_one() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let (files, _) = graphgen::generate(&specs, None, &graphgen::emit::Options::default()).expect("specs generate");
    let dir = std::env::temp_dir().join(format!("graphgen-feature-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    graphgen::emit::write(&files, &dir).expect("write");
    let c = count(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(c.request_fns > 0 && c.types > 0, "{c:?}");
    assert!(c.repeated.is_empty(), "{:#?}", c.repeated);
    assert!(
        c.alias_runs > 0 && c.alias_runs_apart.is_empty(),
        "{} alias runs; the feature not right above: {:#?}",
        c.alias_runs,
        c.alias_runs_apart
    );
    assert!(c.undocumented.is_empty(), "{:#?}", c.undocumented);
    eprintln!("specs/: {}", report(&c));
    // Made-up pages where a note is compiled by two areas: its `cfg(any(..))` names each once.
    let note = common::resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let hit = common::resource("finding", "entity", "| item | [note](note.md) | What was found. |\n", "{\n  \"item\": {}\n}");
    let pages: Vec<(String, String)> = vec![
        ("v1.0/resources/entity.md".into(), common::ENTITY.into()),
        ("v1.0/resources/note.md".into(), note),
        ("v1.0/resources/finding.md".into(), hit),
        ("v1.0/api/note-list.md".into(), common::list("notes", "/notes", "note")),
        ("v1.0/api/finding-list.md".into(), common::list("finds", "/findings", "finding")),
    ];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let files =
        graphgen::emit::emit(&api, &graphgen::snapshot(&api).expect("snapshot"), &graphgen::emit::Options::default()).expect("emit");
    let dir = common::scratch("feature-docs-shared");
    graphgen::emit::write(&files, &dir).expect("write");
    let c = count(&dir);
    assert!(c.cfg_any > 0, "a note is compiled by two features: {c:?}");
    assert!(c.repeated.is_empty(), "{:#?}", c.repeated);
    assert!(c.undocumented.is_empty(), "{:#?}", c.undocumented);
}

/// The count on a crate generated elsewhere, when `GRAPHGEN_FEATURE_DOCS` names its folder.
#[test]
fn count_on_another_crate() {
    let Some(dir) = std::env::var_os("GRAPHGEN_FEATURE_DOCS") else { return };
    let c = count(Path::new(&dir));
    eprintln!("{}: {}", Path::new(&dir).display(), report(&c));
    for u in c.undocumented.iter().take(10) {
        eprintln!("  no feature named: {u}");
    }
    for r in c.repeated.iter().take(10) {
        eprintln!("  repeats a feature: {r}");
    }
}

/// A call is found by its request line with every parameter written `{id}`, whatever names the
/// page gave them (`{usersId}`, `{id | userPrincipalName}`): the README tells readers to search so.
#[test]
fn every_request_function_is_found_with_its_parameters_written_id() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let (files, _) = graphgen::generate(&specs, None, &graphgen::emit::Options::default()).expect("specs generate");
    let text: String = files.iter().filter(|(p, _)| p.starts_with("src/api/")).map(|(_, t)| t.as_str()).collect();
    for line in ["POST /users/{id}/profile/phones", "GET /users/{id}/profile/phones", "DELETE /users/{id}/profile/phones/{id}"] {
        assert!(text.contains(&format!("#[doc(alias = \"{line}\")]")), "no alias `{line}`");
    }
}

/// The features a `cfg(..)` text names, in order.
fn cfg_features(cfg: &str) -> Vec<String> {
    cfg.split("feature = \"").skip(1).filter_map(|f| f.split('"').next()).map(str::to_string).collect()
}

/// With its features off, a gated entry function or step still compiles, to a stand-in whose
/// deprecation note names them (so rustc says what to turn on): each gated entry at the crate
/// root has one, under the negation of its own `cfg`, and each stand-in's note names exactly
/// the features of the function it stands in for.
#[test]
fn a_gated_entry_or_step_has_a_stand_in_naming_its_features() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let (files, _) = graphgen::generate(&specs, None, &graphgen::emit::Options::default()).expect("specs generate");
    let mut stand_ins = 0;
    for (file, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        // `fn name` → (features, is the stand-in), from the `cfg` line above each `pub fn`.
        let mut gated: Vec<(String, Vec<String>, bool)> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let Some(rest) = l.strip_prefix("pub fn ") else { continue };
            let name = rest.split(['(', '<']).next().unwrap_or_default().to_string();
            let above =
                lines[..i].iter().rev().take_while(|a| a.starts_with('#') || a.starts_with("///") || a.starts_with("note") || *a == &")]");
            let Some(cfg) = above.clone().find(|a| a.starts_with("#[cfg(")) else { continue };
            let off = cfg.starts_with("#[cfg(not(");
            if off {
                let note: String = above.filter(|a| !a.starts_with("#[cfg")).copied().collect();
                for f in cfg_features(cfg) {
                    assert!(note.contains(&format!("`{f}`")), "{file}: the stand-in `{name}` does not name `{f}`: {note}");
                }
                assert!(l.contains("-> crate::runtime::FeatureOff"), "{file}: {l}");
            }
            gated.push((name, cfg_features(cfg), off));
        }
        for (name, features, off) in &gated {
            if *off {
                stand_ins += 1;
                assert!(
                    gated.iter().any(|(n, f, o)| !o && n == name && f == features),
                    "{file}: a stand-in `{name}` for {features:?} with no `{name}` compiled by them"
                );
            } else if file == "src/lib.rs" {
                assert!(gated.iter().any(|(n, f, o)| *o && n == name && f == features), "{file}: the entry `{name}` has no stand-in");
            }
        }
    }
    assert!(stand_ins > 0, "the specs' crate gates its entries by feature");
}

/// An action of another area than the place it is bound to (`send_mail` on a user, of `outlook`)
/// has a stand-in too, which takes the same arguments and a body of any type: the body's own
/// struct is compiled by the action's feature only.
#[test]
fn an_action_of_another_area_has_a_stand_in_taking_any_body() {
    let dir = std::env::temp_dir().join(format!("graphgen-feature-off-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write(
        "v1.0/resources/bakery.md",
        "---\ntitle: \"bakery resource type\"\ndoc_type: resourcePageType\n---\n\n# bakery resource type\n\nNamespace: microsoft.graph\n\nA shop.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | Its key. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.bakery\",\n  \"keyProperty\": \"id\"\n}-->\n```json\n{\n  \"id\": \"String\"\n}\n```\n",
    );
    write(
        "v1.0/api/bakery-get.md",
        "---\ntitle: \"Get bakery\"\nms.prod: \"shops\"\ndoc_type: apiPageType\n---\n\n# Get bakery\n\nNamespace: microsoft.graph\n\nRead a [bakery](../resources/bakery.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /bakeries/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [bakery](../resources/bakery.md) object in the response body.\n",
    );
    write(
        "v1.0/api/bakery-bake.md",
        "---\ntitle: \"bakery: bake\"\nms.prod: \"ovens\"\ndoc_type: apiPageType\n---\n\n# bakery: bake\n\nNamespace: microsoft.graph\n\nBake a batch in a [bakery](../resources/bakery.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /bakeries/{id}/bake\n```\n\n## Request body\n\nIn the request body, supply a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| loaves | Int32 | How many. |\n\n## Response\n\nIf successful, this action returns a `204 No Content` response code.\n",
    );
    let (files, _) = graphgen::generate(&dir.join("v1.0"), None, &graphgen::emit::Options::default()).expect("generate");
    let _ = std::fs::remove_dir_all(&dir);
    let api: String = files.iter().filter(|(p, _)| p.starts_with("src/api/")).map(|(_, t)| t.as_str()).collect();
    let flat: String = api.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("pub fn bake( &self, body: &super::bodies::BakeBody, ) -> crate::runtime::Request<")
            || flat.contains("pub fn bake(&self, body: &super::bodies::BakeBody)"),
        "{flat}"
    );
    let off = flat.find("#[cfg(not(any(feature = \"ovens\")))]").expect("a stand-in under the action's feature, negated");
    let stand_in = &flat[off..];
    assert!(stand_in.contains("`bake` needs the `ovens` feature of `msgraph`, which is off"), "{stand_in}");
    assert!(stand_in.contains("pub fn bake<B>(&self, _: B) -> crate::runtime::FeatureOff"), "{stand_in}");
}

/// A crate generated under another name shows that name wherever its docs write a call, the
/// hand-written runtime's included; no `msgraph::` is left to mislead a `msgraph-beta` user.
#[test]
fn a_renamed_crate_names_itself_in_its_docs() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let opts = graphgen::emit::Options { crate_name: "graph-kit".into(), ..Default::default() };
    let (files, _) = graphgen::generate(&specs, None, &opts).expect("specs generate");
    let left: Vec<&String> = files.iter().filter(|(p, t)| p.ends_with(".rs") && t.contains("msgraph::")).map(|(p, _)| p).collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(files["src/lib.rs"].contains("graph_kit::me()"), "the crate root's example");
}
