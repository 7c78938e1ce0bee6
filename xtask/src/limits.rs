//! `cargo xtask limits`: hostile sizes through the whole generator, each in its own process so
//! its time and peak memory are its own. A page of ~30 MB (long paragraphs, 50,000 nested quotes,
//! lists 3,000 deep), a table of 100,000 rows, example JSON 100,000 levels deep, and base
//! types that loop. Each must end with a crate or diagnostics; the caps below only catch
//! blow-ups (they are far above what any case takes), not a slow machine.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const MAX_SECONDS: f64 = 300.0;
const MAX_PEAK_MIB: f64 = 8192.0;

fn front(kind: &str, title: &str) -> String {
    format!("---\ndoc_type: {kind}\n---\n# {title}\n\nNamespace: microsoft.graph\n\n")
}

fn resource(name: &str, base: Option<&str>, rows: &str, json: &str) -> String {
    let inherits = base.map(|b| format!("Inherits from [{b}]({b}.md).\n\n")).unwrap_or_default();
    let base_ann = base.map(|b| format!(", \"baseType\": \"microsoft.graph.{b}\"")).unwrap_or_default();
    format!(
        "{}{inherits}## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base_ann} }} -->\n```json\n{json}\n```\n",
        front("resourcePageType", &format!("{name} resource type"))
    )
}

/// The cases: name → pages (path below the version folder, text).
fn cases() -> Vec<(&'static str, Vec<(String, String)>)> {
    let big_page = format!(
        "{}{}\n\n{} deep quote\n\n{}",
        front("resourcePageType", "big resource type"),
        "Some words, **bold**, `code` and a [link](x.md). ".repeat(400_000),
        ">".repeat(50_000),
        (0..3_000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect::<String>()
    );
    let rows: String = (0..100_000).map(|i| format!("| p{i} | String | Row {i}. |\n")).collect();
    let deep_json = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let deep_api = format!(
        "{}## HTTP request\n\n```http\nPOST /things\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of a [thing](../resources/thing.md) object.\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [thing](../resources/thing.md) object in the response body.\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"deep\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-Type: application/json\n\n{deep_json}\n```\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n```http\nHTTP/1.1 201 Created\n\n{}{}\n```\n",
        front("apiPageType", "Create thing"),
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let thing = resource("thing", None, "| name | String | A name. |", "{ \"name\": \"String\" }");
    vec![
        ("a page of tens of megabytes", vec![("resources/big.md".into(), big_page)]),
        ("a table of 100,000 rows", vec![("resources/wide.md".into(), resource("wide", None, &rows, "{ \"p0\": \"String\" }"))]),
        ("example JSON 100,000 levels deep", vec![("resources/thing.md".into(), thing), ("api/thing-post.md".into(), deep_api)]),
        (
            "base types that loop",
            vec![
                ("resources/a.md".into(), resource("a", Some("b"), "| x | [b](b.md) | d |", "{ \"x\": {} }")),
                ("resources/b.md".into(), resource("b", Some("c"), "| y | String | d |", "{ \"y\": \"String\" }")),
                ("resources/c.md".into(), resource("c", Some("a"), "| z | String | d |", "{ \"z\": \"String\" }")),
            ],
        ),
    ]
}

pub fn run(root: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(&cargo).current_dir(root).args(["build", "--release", "--quiet", "-p", "graphgen"]).status();
    if !built.map(|s| s.success()).unwrap_or(false) {
        return Err("cannot build graphgen".into());
    }
    let bin = root.join("target/release/graphgen");
    let work = root.join("target/limits");
    let mut failures = Vec::new();
    for (i, (name, pages)) in cases().into_iter().enumerate() {
        let docs = work.join(format!("case-{i}"));
        let _ = std::fs::remove_dir_all(&docs);
        for (rel, text) in &pages {
            let path = docs.join("v1.0").join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(|e| e.to_string())?;
            }
            std::fs::write(&path, text).map_err(|e| e.to_string())?;
        }
        let size: usize = pages.iter().map(|(_, t)| t.len()).sum();
        let start = Instant::now();
        let mut cmd = Command::new("/usr/bin/time");
        cmd.args(["-f", "GRAPHGEN-PEAK-KB %M"])
            .arg(&bin)
            // Hostile pages have error-level findings (loops, broken JSON), none fatal; should
            // one be, the crate is written anyway, since what is measured is time and memory.
            // Not --quiet: the summary's first line gives the counts printed below.
            .args(["generate", "--keep-going", "--docs"])
            .arg(&docs)
            .arg("--out")
            .arg(work.join(format!("case-{i}-crate")));
        let out = cmd.output().map_err(|e| format!("graphgen: {e}"))?;
        let seconds = start.elapsed().as_secs_f64();
        let err = String::from_utf8_lossy(&out.stderr);
        let peak = err
            .lines()
            .find_map(|l| l.strip_prefix("GRAPHGEN-PEAK-KB "))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0);
        let counts = err.lines().find(|l| l.contains("in the docs")).unwrap_or("").trim_start_matches("graphgen: ").to_string();
        let ok = out.status.success() && seconds < MAX_SECONDS && peak < MAX_PEAK_MIB;
        println!(
            "  {name:<34} {:>6.1} MB in {seconds:>6.2} s, peak {peak:>7.1} MiB: {counts} {}",
            size as f64 / 1e6,
            if ok { "ok" } else { "FAILED" }
        );
        if !ok {
            failures.push(format!("{name}: exit {:?}, {seconds:.1} s, {peak:.0} MiB", out.status.code()));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("resource limits: {}", failures.join("; ")))
    }
}
