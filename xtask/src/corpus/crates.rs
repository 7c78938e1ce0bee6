//! The generated crate of a docs version, built and tested: `cargo check` with every area and the client,
//! with none and with each area alone (a sample, or all), `cargo clippy -D warnings`, the
//! example tests, and the same examples sent by the `reqwest` client over loopback; test
//! results are counted.

use crate::cargo_run::{areas, cargo};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// Least share of response examples that must round-trip (the rest are docs findings, listed).
const RESPONSE_FLOOR: f64 = 97.0;

pub fn run(docs: &Path, version: &str, work: &Path, all_areas: bool, loopback: bool) -> Result<Value, String> {
    let dir = work.join(version);
    let target = work.join("target");
    let start = Instant::now();
    let (files, diags) = write_crate(docs, version, &dir)?;
    let generate_s = start.elapsed().as_secs_f64();
    let findings = diags.iter().filter(|d| d.code == graphgen::diag::Code::ExampleMismatch).count();
    // Every operation of the IR has a function, every type a struct.
    let (ir, _) = graphgen::build_ir(docs).map_err(|e| e.to_string())?;
    let api = graphgen::pick_version(&ir, Some(version)).map_err(|e| e.to_string())?;
    // Every operation is sent by a request method that carries its `METHOD /path` doc alias; a
    // method shared by the spellings of one place (`/me`, `/users/{id}`) carries each of theirs,
    // and other spellings besides (every parameter as `{id}`): each operation's own must be there.
    let aliases: std::collections::HashSet<&str> = files
        .iter()
        .filter(|(k, _)| k.starts_with("src/api/"))
        // The printer may put a long `#[doc(alias = "..")]` over three lines.
        .flat_map(|(_, v)| v.split("alias = \"").skip(1).filter_map(|rest| rest.split_once('"').map(|(a, _)| a)))
        .collect();
    let functions = api
        .operations
        .iter()
        .filter(|op| {
            let line: String = format!("{} {}", op.method, op.path).chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
            aliases.contains(line.as_str())
        })
        .count();
    let structs = files.keys().filter(|k| k.starts_with("src/models/") && !k.contains("/any_") && !k.ends_with("mod.rs")).count();
    let mut failures = Vec::new();
    if functions != api.operations.len() || structs != api.types.len() {
        failures.push(format!(
            "{version}: {functions} functions for {} operations, {structs} structs for {} types",
            api.operations.len(),
            api.types.len()
        ));
    }
    println!("  {version} {functions} functions for {} operations, {structs} structs for {} types", api.operations.len(), api.types.len());
    let names = super::names::scan(files.iter().filter(|(k, _)| k.ends_with(".rs")).map(|(k, v)| (k.as_str(), v.as_str())));
    println!(
        "  {version} names: {} public functions; over 40 characters {}, numbered {}, twins in case or underscores {}",
        names.functions,
        names.too_long.len(),
        names.numbered.len(),
        names.twins.len()
    );
    for (what, list) in [("over 40 characters", &names.too_long), ("numbered", &names.numbered), ("twins", &names.twins)] {
        if !list.is_empty() {
            failures.push(format!("{version}: names {what}: {}", list.iter().take(5).cloned().collect::<Vec<_>>().join(", ")));
        }
    }

    let mut step = |name: &str, args: &[&str]| {
        let r = cargo(&dir, &target, args);
        println!("  {version} {name:<40} {:>7.1} s {}", r.seconds, if r.ok { "ok" } else { "FAILED" });
        if !r.ok {
            let tail: Vec<&str> = r.output.lines().filter(|l| l.starts_with("error") || l.starts_with("warning")).take(5).collect();
            failures.push(format!("{version} {name}: {}", tail.join(" | ")));
        }
        (r.ok, r.seconds, r.output)
    };
    // Dependencies first, so the timings below are the crate's own.
    step("deps", &["build", "--no-default-features", "--tests", "--quiet"]);
    // Every area and the client, with its TLS stack as users build it. Clippy
    // type-checks the crate itself (a `cargo check` before it would do the work twice), and
    // `-D warnings` makes a rustc warning fail as well as a lint.
    let (_, clippy_s, _) =
        step("clippy --features full,reqwest -D warnings", &["clippy", "--features", "full,reqwest", "--quiet", "--", "-D", "warnings"]);
    step("check --no-default-features", &["check", "--no-default-features", "--quiet"]);
    let all = areas(&dir);
    let chosen: Vec<&String> = if all_areas {
        all.iter().collect()
    } else {
        // A spread-out sample: every seventh area, plus `users` and `groups` when present.
        all.iter().enumerate().filter(|(i, a)| i % 7 == 0 || *a == "users" || *a == "groups").map(|(_, a)| a).collect()
    };
    let mut area_times = BTreeMap::new();
    for a in &chosen {
        let (_, s, _) = step(&format!("check --features {a}"), &["check", "--no-default-features", "--features", a, "--quiet"]);
        area_times.insert(a.to_string(), s);
    }
    // rustdoc as docs.rs's users meet it, every warning an error (v1.0: the bar).
    if version == "v1.0" {
        step(
            "doc --features full, -D warnings",
            &["doc", "--features", "full", "--no-deps", "--quiet", "--config", "build.rustdocflags=[\"-D\", \"warnings\"]"],
        );
    }
    // The first calls a user writes, against the whole crate (v1.0: the pages they come from).
    let mut tour = None;
    if version == "v1.0" {
        let fixture = crate::root().join("xtask/fixtures/first_calls.rs");
        std::fs::copy(&fixture, dir.join("tests/first_calls.rs")).map_err(|e| format!("{}: {e}", fixture.display()))?;
        step("test --test first_calls", &["test", "--test", "first_calls"]);
        // The example crate, a user's tour of this crate (see `cargo xtask example`).
        tour = crate::example::test(&crate::root(), &target).err();
    }
    let (_, test_s, out) = step("test --test examples", &["test", "--test", "examples"]);
    let counts = count(&out);
    // The same examples over the wire: the reqwest client against a server on 127.0.0.1.
    let (wire_s, wire) = if loopback {
        let (_, s, out) = step(
            "test --features reqwest (loopback, client)",
            &["test", "--features", "reqwest", "--test", "loopback", "--test", "client"],
        );
        let wire = count(&out);
        println!("  {version} loopback tests: {wire:?}");
        (s, wire)
    } else {
        (0.0, BTreeMap::new())
    };

    if let Some(e) = tour {
        failures.push(e.lines().take(20).collect::<Vec<_>>().join(" | "));
    }
    let (resp_ok, resp_all) = (counts.get("response ok").copied().unwrap_or(0), counts.get("response all").copied().unwrap_or(0));
    let rate = if resp_all == 0 { 100.0 } else { resp_ok as f64 * 100.0 / resp_all as f64 };
    if rate < RESPONSE_FLOOR {
        failures.push(format!("{version}: {rate:.2}% of response examples round-trip, under {RESPONSE_FLOOR}%"));
    }
    println!("  {version} example tests: {counts:?}; responses round-trip {resp_ok} of {resp_all} ({rate:.2}%)");
    // The bar counts the examples whose docs are consistent; the others are listed by page.
    let ignored = ignored_responses(&out, files.get("tests/examples.rs").map(String::as_str).unwrap_or(""));
    let consistent = resp_all - ignored.len();
    let consistent_rate = if consistent == 0 { 100.0 } else { resp_ok as f64 * 100.0 / consistent as f64 };
    println!(
        "  {version} responses as JSON values, decode then encode: {resp_ok} of {consistent} consistent examples ({consistent_rate:.2}%); {} set aside by their pages:",
        ignored.len()
    );
    for (page, reason) in &ignored {
        println!("    {page}: {reason}");
    }
    if consistent_rate < 99.0 {
        failures.push(format!("{version}: {consistent_rate:.2}% of consistent response examples round-trip, under 99%"));
    }
    let report = json!({
        "generate_seconds": generate_s, "files": files.len(), "example_findings": findings,
        "functions": functions, "operations": api.operations.len(), "structs": structs, "types": api.types.len(),
        "clippy_all_features_seconds": clippy_s, "areas": all.len(), "areas_checked": area_times,
        "test_seconds": test_s, "tests": counts, "loopback_seconds": wire_s, "loopback_tests": wire, "response_round_trip_percent": rate,
        "consistent_response_round_trip_percent": consistent_rate, "failures": failures,
    });
    if failures.is_empty() {
        Ok(report)
    } else {
        Err(format!("generated crate of {version}: {}", failures.join("; ")))
    }
}

/// One version's crate from `docs`, written standalone into `dir` as `msgraph`.
pub fn write_crate(docs: &Path, version: &str, dir: &Path) -> Result<(graphgen::emit::Files, Vec<graphgen::diag::Diagnostic>), String> {
    let opts = graphgen::emit::Options { crate_name: "msgraph".into(), standalone: true, ..Default::default() };
    let (files, diags) = graphgen::generate(docs, Some(version), &opts).map_err(|e| e.to_string())?;
    graphgen::emit::write(&files, dir).map_err(|e| e.to_string())?;
    Ok((files, diags))
}

/// Counts from libtest's per-test lines. Ignored tests are the examples that contradict their
/// pages (listed as GG0404 findings); they count against the round-trip rate.
fn count(out: &str) -> BTreeMap<String, usize> {
    let mut c = BTreeMap::new();
    for l in out.lines() {
        let Some(rest) = l.strip_prefix("test ") else {
            continue;
        };
        let Some((name, result)) = rest.split_once(" ... ") else {
            continue;
        };
        let result = result.trim();
        let ok = result == "ok";
        let kind = if ok {
            "passed"
        } else if result.starts_with("ignored") {
            "ignored"
        } else {
            "failed"
        };
        *c.entry(kind.to_string()).or_default() += 1;
        if name.ends_with("_response") {
            *c.entry("response all".to_string()).or_default() += 1;
            if ok {
                *c.entry("response ok".to_string()).or_default() += 1;
            }
        }
    }
    c
}

/// The ignored response tests, as (page, reason): the page from the `/// From `x`.` line the
/// generated test carries, the reason from libtest's `ignored, <reason>`.
fn ignored_responses(out: &str, tests: &str) -> Vec<(String, String)> {
    let mut page_of = BTreeMap::new();
    let mut page = "";
    for l in tests.lines() {
        if let Some(p) = l.trim().strip_prefix("/// From `").and_then(|r| r.split('`').next()) {
            page = p;
        } else if let Some(name) = l.trim().strip_prefix("fn ").and_then(|r| r.split('(').next()) {
            page_of.insert(name.to_string(), page.to_string());
        }
    }
    let mut found = Vec::new();
    for l in out.lines() {
        let Some((name, result)) = l.strip_prefix("test ").and_then(|r| r.split_once(" ... ")) else { continue };
        if let (true, Some(reason)) = (name.ends_with("_response"), result.trim().strip_prefix("ignored")) {
            let page = page_of.get(name).cloned().unwrap_or_else(|| name.to_string());
            found.push((page, reason.trim_start_matches(',').trim().to_string()));
        }
    }
    found.sort();
    found
}
