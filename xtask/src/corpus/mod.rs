//! `cargo xtask corpus --docs DIR [--out FILE]`: run a whole docs tree through the front end and
//! resolver, and measure the IR against an independent census of the pages (see `census.rs`).
//! Prints a coverage report and writes it as JSON.

mod census;
mod crates;
mod names;

pub use crates::write_crate;

use census::Census;
use graphgen::diag::Diags;
use graphgen::ir::{Api, ExampleBody};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        (part as f64) * 100.0 / (whole as f64)
    }
}

fn sample<T: std::fmt::Debug>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    items.into_iter().take(50).map(|i| format!("{i:?}")).collect()
}

/// Parse every page once more, each under `catch_unwind`, to prove that none panics.
fn panics(files: &[graphgen::loader::DocsFile]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let mut d = Diags::default();
        let Some(text) = graphgen::loader::read(f, &mut d) else {
            continue;
        };
        let ok = std::panic::catch_unwind(|| {
            let mut d = Diags::default();
            graphgen::frontend::read_page(&f.rel, &text, &mut d);
        })
        .is_ok();
        if !ok {
            out.push(f.rel.clone());
        }
    }
    out
}

fn measure(api: &Api, census: &Census) -> Value {
    let types_in: Vec<&String> = census.resource_types.iter().filter(|t| api.types.contains_key(*t)).collect();
    let with_rows: Vec<&String> = census.types_with_rows.iter().collect();
    let with_props = with_rows.iter().filter(|t| has_properties(api, t)).count();
    let without: Vec<&&String> = with_rows.iter().filter(|t| !has_properties(api, t)).collect();
    let missing_types: Vec<&String> = census.resource_types.iter().filter(|t| !api.types.contains_key(*t)).collect();

    let ir_enum_names: BTreeSet<String> = api
        .enums
        .values()
        .filter(|e| !e.members.is_empty())
        .map(|e| e.name.rsplit('.').next().unwrap_or("").to_ascii_lowercase())
        .collect();
    let missing_enums: Vec<&String> = census.enums.iter().filter(|e| !ir_enum_names.contains(&e.to_ascii_lowercase())).collect();
    // `null` is the absence of a value: never an enum member (every generator would make a
    // `Null` variant of it).
    let null_members: Vec<&String> =
        api.enums.values().filter(|e| e.members.iter().any(|m| m.name.eq_ignore_ascii_case("null"))).map(|e| &e.name).collect();

    // An operation answers for its template and for every spelling the pages gave it (sample
    // values and letter case are settled in the template).
    let ir_ops: BTreeMap<(String, String), &graphgen::ir::Operation> = api
        .operations
        .iter()
        .flat_map(|o| {
            std::iter::once(o.path.as_str())
                .chain(o.documented.iter().map(String::as_str))
                .map(move |p| ((o.method.to_string(), census::normalize(p)), o))
        })
        .collect();
    let missing_ops: Vec<_> = census.endpoints.iter().filter(|(k, _)| !ir_ops.contains_key(*k)).collect();
    // A stated type is kept unless the endpoint settled on nothing coming back: `204`, or the
    // `202 Accepted` with nothing in the body that the page chosen for it says (another page of
    // the same path may state the type of something it creates along the way).
    let missing_responses: Vec<_> = census
        .stated_responses
        .iter()
        .filter(|k| ir_ops.get(*k).is_none_or(|o| o.response.r#type.is_none() && !matches!(o.response.status, 202 | 204)))
        .collect();

    let (mut req, mut resp, mut parsed, mut unparsed) = (0, 0, 0, Vec::new());
    let mut found = BTreeSet::new();
    let examples = api.operations.iter().flat_map(|o| o.examples.iter()).chain(api.examples.iter());
    {
        for ex in examples {
            let bodies =
                [ex.request.as_ref().map(|r| (r.body.as_ref(), &r.source)), ex.response.as_ref().map(|r| (r.body.as_ref(), &r.source))];
            req += usize::from(ex.request.is_some());
            resp += usize::from(ex.response.is_some());
            for (body, src) in bodies.into_iter().flatten() {
                found.insert(format!("{}:{}", src.file, src.line));
                match body {
                    Some(ExampleBody::Json(_) | ExampleBody::Template(_)) => parsed += 1,
                    Some(ExampleBody::Text(t)) if graphgen::frontend::examples::looks_like_json(t) => {
                        unparsed.push(format!("{}:{}", src.file, src.line))
                    }
                    _ => {}
                }
            }
        }
    }
    json!({
        "resource_types": { "census": census.resource_types.len(), "in_ir": types_in.len(), "with_property_rows": with_rows.len(), "with_properties": with_props, "rows_but_no_properties": sample(without),
            "percent": pct(types_in.len(), census.resource_types.len()), "missing": sample(missing_types) },
        "enums": { "census": census.enums.len(), "in_ir": census.enums.len() - missing_enums.len(),
            "percent": pct(census.enums.len() - missing_enums.len(), census.enums.len()), "missing": sample(missing_enums),
            "null_members": null_members },
        "endpoints": { "census": census.endpoints.len(), "in_ir": census.endpoints.len() - missing_ops.len(),
            "percent": pct(census.endpoints.len() - missing_ops.len(), census.endpoints.len()), "missing": sample(missing_ops) },
        "response_types": { "stated": census.stated_responses.len(), "in_ir": census.stated_responses.len() - missing_responses.len(),
            "percent": pct(census.stated_responses.len() - missing_responses.len(), census.stated_responses.len()), "missing": sample(missing_responses) },
        "examples": { "request_fences": census.request_fences, "response_fences": census.response_fences,
            "ir_requests": req, "ir_responses": resp, "json_bodies": census.json_bodies, "parsed": parsed,
            "parsed_percent": pct(parsed, parsed + unparsed.len()), "unparsed": sample(unparsed),
            "fences_not_in_ir": sample(census.fences.difference(&found)) },
        "ir": { "types": api.types.len(), "enums": api.enums.len(), "operations": api.operations.len() },
    })
}

/// A type has its properties when it or an ancestor lists any (types with empty tables aside).
fn has_properties(api: &Api, name: &str) -> bool {
    graphgen::ir::lineage(&api.types, name).iter().any(|t| !t.properties.is_empty())
}

/// Floors a docs tree must meet (the bar of the front-end issue): coverage in percent of the
/// census, and no page may panic.
const FLOORS: &[(&str, &str, f64)] = &[
    ("resource_types", "percent", 99.0),
    ("enums", "percent", 98.0),
    ("endpoints", "percent", 99.0),
    ("response_types", "percent", 100.0),
    ("examples", "parsed_percent", 99.5),
];

fn below_floors(version: &str, m: &Value) -> Vec<String> {
    let mut out: Vec<String> = FLOORS
        .iter()
        .filter_map(|(k, f, floor)| {
            let got = m[k][f].as_f64().unwrap_or(0.0);
            (got < *floor).then(|| format!("{version} {k}: {got:.2}% < {floor}%"))
        })
        .collect();
    if m["panics"].as_array().is_some_and(|p| !p.is_empty()) {
        out.push(format!("{version}: pages panicked: {}", m["panics"]));
    }
    if m["enums"]["null_members"].as_array().is_some_and(|p| !p.is_empty()) {
        out.push(format!("{version}: enums with a `null` member: {}", m["enums"]["null_members"]));
    }
    if m["examples"]["fences_not_in_ir"].as_array().is_some_and(|p| !p.is_empty()) {
        out.push(format!("{version}: example fences missing from the IR: {}", m["examples"]["fences_not_in_ir"]));
    }
    out
}

/// What to build beyond the IR: the generated crate of each version, with a sample of the area
/// features or all of them.
pub struct Build {
    pub crates: bool,
    pub all_areas: bool,
}

pub fn run(docs: &Path, out: &Path, build: &Build) -> Result<(), String> {
    let mut failures = Vec::new();
    let start = Instant::now();
    let (ir, mut diags) = graphgen::build_ir(docs).map_err(|e| e.to_string())?;
    let ir_time = start.elapsed();
    // Counted as `lint` and `generate` report them: each finding once.
    graphgen::diag::distinct(&mut diags);
    let versions = graphgen::loader::discover(docs).map_err(|e| e.to_string())?;
    let mut report = serde_json::Map::new();
    for v in &versions {
        let mut census = Census::default();
        let mut d = Diags::default();
        for f in &v.files {
            if let Some(text) = graphgen::loader::read(f, &mut d) {
                census.page(&f.rel, &text);
            }
        }
        let Some(api) = ir.apis.get(&v.name) else {
            continue;
        };
        let mut m = measure(api, &census);
        let prefix = format!("{}/", v.name);
        let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
        for d in diags.iter().filter(|d| d.file.starts_with(&prefix)) {
            *by_code.entry(format!("{} {:?}", d.code.id(), d.code)).or_default() += 1;
        }
        let panicked = panics(&v.files);
        if let Value::Object(o) = &mut m {
            o.insert("pages".into(), json!(v.files.len()));
            o.insert("diagnostics".into(), json!(by_code));
            o.insert("panics".into(), json!(panicked));
        }
        print_summary(&v.name, &m);
        failures.extend(below_floors(&v.name, &m));
        if build.crates {
            let work = out.parent().unwrap_or(Path::new(".")).join("corpus-crates");
            // CI samples: every area is not checked and only v1.0's examples go over loopback.
            let loopback = build.all_areas || v.name == "v1.0";
            match crates::run(docs, &v.name, &work, build.all_areas, loopback) {
                Ok(r) => {
                    if let Value::Object(o) = &mut m {
                        o.insert("crate".into(), r);
                    }
                }
                Err(e) => failures.push(e),
            }
        }
        report.insert(v.name.clone(), m);
    }
    let report = json!({ "docs": docs.display().to_string(), "docs_to_ir_seconds": ir_time.as_secs_f64(), "versions": report });
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(out, text + "\n").map_err(|e| format!("{}: {e}", out.display()))?;
    println!("docs to IR: {:.2?}; report written to {}", ir_time, out.display());
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("coverage below the floor: {}", failures.join("; ")))
    }
}

fn print_summary(version: &str, m: &Value) {
    let g = |a: &str, b: &str| m[a][b].clone();
    println!("== {version}: {} pages, {} panics", m["pages"], m["panics"].as_array().map_or(0, Vec::len));
    for (label, key, have) in [
        ("resource types", "resource_types", "in_ir"),
        ("enums", "enums", "in_ir"),
        ("endpoints", "endpoints", "in_ir"),
        ("stated response types", "response_types", "in_ir"),
    ] {
        let whole = if key == "response_types" { g(key, "stated") } else { g(key, "census") };
        println!("  {label:<22} {:>5} of {:>5} ({:.2}%)", g(key, have), whole, g(key, "percent").as_f64().unwrap_or(0.0));
    }
    println!(
        "  types with properties  {:>5} of {:>5} whose page has property rows",
        g("resource_types", "with_properties"),
        g("resource_types", "with_property_rows")
    );
    let e = &m["examples"];
    println!(
        "  example fences         requests {} of {}, responses {} of {}; bodies parsed {} ({:.2}%)",
        e["ir_requests"],
        e["request_fences"],
        e["ir_responses"],
        e["response_fences"],
        e["parsed"],
        e["parsed_percent"].as_f64().unwrap_or(0.0)
    );
    println!("  IR                     {} types, {} enums, {} operations", m["ir"]["types"], m["ir"]["enums"], m["ir"]["operations"]);
    if let Some(d) = m["diagnostics"].as_object() {
        let line: Vec<String> = d.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        println!("  diagnostics            {}", line.join(", "));
    }
}
