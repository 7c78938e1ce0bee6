//! `cargo xtask openapi [--docs DIR]`: the in-repo specs and v1.0 through OpenAPI and back.
//! Each is exported to `target/openapi/<name>.json`, read back from that file, and must give the
//! same IR and the same crate, byte for byte; the document must pass `openapi-spec-validator`
//! when it is installed (CI installs it). The YAML export (`<name>.yaml`, as `graphgen openapi`
//! writes it) must load with a YAML 1.1 reader, PyYAML's safe loader, into the same document
//! and pass the validator too: a string such readers take for a boolean, number or date (`on`)
//! fails it. A hand-written petstore-style document (`xtask/fixtures/petstore.yaml`) must give
//! a crate that passes clippy with warnings denied.

use crate::cargo_run::cargo;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn round_trip(name: &str, docs: &Path, version: Option<&str>, work: &Path) -> Result<(), String> {
    let start = Instant::now();
    let (ir, _) = graphgen::build_ir(docs).map_err(|e| e.to_string())?;
    let api = graphgen::pick_version(&ir, version).map_err(|e| e.to_string())?;
    let doc = graphgen::openapi::export::export(api);
    let path = work.join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    std::fs::write(&path, &text).map_err(|e| e.to_string())?;
    let opts = graphgen::emit::Options { crate_name: "msgraph".into(), standalone: true, ..Default::default() };
    let (from_openapi, diags) = graphgen::generate_from_openapi(&path, &opts).map_err(|e| e.to_string())?;
    let from_docs = graphgen::emit::emit(api, &graphgen::snapshot(api).map_err(|e| e.to_string())?, &opts).map_err(|e| e.to_string())?;
    let read: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let back = graphgen::openapi::import::import(&read, &format!("{name}.json"), &mut graphgen::diag::Diags::default());
    let ir_diff = graphgen::openapi::first_difference(api, &back);
    let files_differ: Vec<&String> =
        from_docs.keys().chain(from_openapi.keys()).filter(|k| from_docs.get(*k) != from_openapi.get(*k)).collect();
    println!(
        "  {name}: {:.1} MB of OpenAPI, {} paths, {} schemas; IR {}; crate {} files, {} differ; {} import findings ({:.1?})",
        text.len() as f64 / 1e6,
        doc["paths"].as_object().map_or(0, |m| m.len()),
        doc["components"]["schemas"].as_object().map_or(0, |m| m.len()),
        if ir_diff.is_none() { "identical" } else { "DIFFERS" },
        from_docs.len(),
        files_differ.len(),
        diags.len(),
        start.elapsed()
    );
    let validated = Command::new("openapi-spec-validator").arg(&path).output();
    match validated {
        Ok(out) if out.status.success() => println!("  {name}: openapi-spec-validator: OK"),
        Ok(out) => {
            return Err(format!(
                "{name}: openapi-spec-validator: {}",
                String::from_utf8_lossy(&out.stdout).chars().take(600).collect::<String>()
            ))
        }
        Err(_) => println!("  {name}: openapi-spec-validator is not installed (pip install openapi-spec-validator); not validated"),
    }
    yaml_1_1(name, &doc, work)?;
    match (ir_diff, files_differ.first()) {
        (None, None) => Ok(()),
        (Some(d), _) => Err(format!("{name}: the IR changed through OpenAPI: {d}")),
        (None, Some(f)) => Err(format!("{name}: the crates differ, first in {f}")),
    }
}

/// PyYAML reads the YAML export: `safe_load`'s rules (YAML 1.1: `on` is `true`, `2017-01-01`
/// a date), with libyaml's parser when PyYAML has it (the same document, faster). The document
/// it reads must be the exported one (every key and value the string, number or boolean it
/// was) and pass `openapi-spec-validator`.
const LOAD_YAML_1_1: &str = r#"
import json, sys
try:
    import yaml
    from openapi_spec_validator import validate
except ImportError as e:
    print(e)
    sys.exit(3)
with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
with open(sys.argv[2], encoding="utf-8") as f:
    exported = json.load(f)
if doc != exported:
    def first(a, b, at):
        if type(a) is not type(b):
            return at
        if isinstance(a, dict):
            for k in list(a) + list(b):
                if k not in a or k not in b:
                    return at + [k]
                d = first(a[k], b[k], at + [k])
                if d:
                    return d
        if isinstance(a, list):
            if len(a) != len(b):
                return at
            for i, (x, y) in enumerate(zip(a, b)):
                d = first(x, y, at + [i])
                if d:
                    return d
        return None if a == b else at
    where = first(doc, exported, [])
    print("reads otherwise than exported at", where)
    sys.exit(1)
validate(doc)
"#;

fn yaml_1_1(name: &str, doc: &serde_json::Value, work: &Path) -> Result<(), String> {
    let start = Instant::now();
    let path = work.join(format!("{name}.yaml"));
    std::fs::write(&path, graphgen::yaml::to_string(doc)?).map_err(|e| e.to_string())?;
    let loaded = Command::new("python3").arg("-c").arg(LOAD_YAML_1_1).arg(&path).arg(work.join(format!("{name}.json"))).output();
    match loaded {
        Ok(out) if out.status.success() => {
            println!(
                "  {name}: YAML export loaded by PyYAML (YAML 1.1), same document, openapi-spec-validator: OK ({:.1?})",
                start.elapsed()
            );
            Ok(())
        }
        Ok(out) if out.status.code() == Some(3) => {
            println!(
                "  {name}: PyYAML or openapi-spec-validator is not installed (pip install openapi-spec-validator); YAML export not loaded"
            );
            Ok(())
        }
        Ok(out) => {
            let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            let tail: String = said.lines().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" | ");
            Err(format!("{name}: the YAML export as PyYAML reads it: {}", tail.chars().take(900).collect::<String>()))
        }
        Err(_) => {
            println!("  {name}: python3 is not installed; YAML export not loaded");
            Ok(())
        }
    }
}

pub fn run(root: &Path, docs: &Path) -> Result<(), String> {
    let work = root.join("target/openapi");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    round_trip("specs", &root.join("specs"), None, &work)?;
    round_trip("v1.0", docs, Some("v1.0"), &work)?;
    petstore(root)
}

fn petstore(root: &Path) -> Result<(), String> {
    let opts = graphgen::emit::Options { crate_name: "petstore".into(), standalone: true, ..Default::default() };
    let (files, diags) = graphgen::generate_from_openapi(&root.join("xtask/fixtures/petstore.yaml"), &opts).map_err(|e| e.to_string())?;
    for d in &diags {
        println!("  petstore: {d}");
    }
    let dir = root.join("target/openapi/petstore-crate");
    graphgen::emit::write(&files, &dir).map_err(|e| e.to_string())?;
    let r = cargo(
        &dir,
        &root.join("target/adversarial-target"),
        &["clippy", "--all-targets", "--features", "reqwest", "--quiet", "--", "-D", "warnings"],
    );
    println!("  petstore: {} files, clippy -D warnings {:.1} s {}", files.len(), r.seconds, if r.ok { "ok" } else { "FAILED" });
    if r.ok {
        Ok(())
    } else {
        let tail: Vec<&str> = r.output.lines().filter(|l| l.starts_with("error") || l.starts_with("warning")).take(6).collect();
        Err(format!("the petstore crate: {}", tail.join(" | ")))
    }
}
