//! `cargo xtask snippets [--docs DIR] [--api-version V]`: the Rust snippet of every docs example
//! (`graphgen snippets`), compiled against the generated crate and sent.
//!
//! The snippets become one binary, one `async fn` each (a snippet is the inside of a function
//! with a `client` in scope). A snippet that does not compile is a finding with its page and
//! line, and leaves the binary (rebuilt without it, a few rounds at most). The binary runs each
//! snippet against the example tests' loopback server, which answers the docs' response, and
//! compares what reached it with the docs' request: method, path, query and JSON body, as
//! values (query items in any order, list spacing aside; strings without regard to case, as
//! the service reads enum members; no body where the docs show `{}`).

use crate::cargo_run::cargo;
use graphgen::emit::snippet::{Snippet, Unwritten};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// Rounds of "build, drop the snippets that fail": each round drops every failing one rustc
/// reports, and rustc reports all of them once the crate's items are well-formed.
const ROUNDS: usize = 4;

pub fn run(docs: &Path, version: &str, root: &Path) -> Result<(), String> {
    let work = root.join("target/corpus-crates");
    let krate = work.join(version);
    let target = work.join("target");
    let t0 = Instant::now();
    crate::corpus::write_crate(docs, version, &krate)?;
    let generate_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let (ir, _) = graphgen::build_ir_version(docs, Some(version)).map_err(|e| e.to_string())?;
    let api = graphgen::pick_version(&ir, Some(version)).map_err(|e| e.to_string())?;
    let (snippets, unwritten) = graphgen::emit::snippets(api, &graphgen::emit::Options::default());
    let snippet_s = t1.elapsed().as_secs_f64();
    let total = snippets.len() + unwritten.len();
    println!("  {version}: {} snippets of {total} examples in {snippet_s:.2} s (crate written in {generate_s:.2} s)", snippets.len());

    let harness = root.join("target/example-snippets").join(version);
    let krate = std::fs::canonicalize(&krate).map_err(|e| format!("{}: {e}", krate.display()))?;
    let mut live: Vec<usize> = (0..snippets.len()).collect();
    let mut broken: BTreeMap<usize, String> = BTreeMap::new();
    let mut built = false;
    for round in 0..ROUNDS {
        let ranges = write_harness(&harness, &krate, &snippets, &live)?;
        let r = cargo(&harness, &target, &["build", "--quiet", "--message-format", "short"]);
        println!("  build {} with {} snippets {:>7.1} s {}", round + 1, live.len(), r.seconds, if r.ok { "ok" } else { "errors" });
        if r.ok {
            built = true;
            break;
        }
        let failing = errors_by_snippet(&r.output, &ranges);
        if failing.is_empty() {
            let tail: Vec<&str> = r.output.lines().filter(|l| l.contains("error")).take(10).collect();
            return Err(format!("the snippet harness fails outside any snippet:\n{}", tail.join("\n")));
        }
        for (i, e) in failing {
            broken.insert(i, e);
        }
        live.retain(|i| !broken.contains_key(i));
    }
    if !built {
        return Err(format!("the snippet harness still fails after {ROUNDS} rounds"));
    }
    let bin = target.join("debug/example-snippets");
    let out = std::process::Command::new(&bin).output().map_err(|e| format!("{}: {e}", bin.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut differs: BTreeMap<usize, String> = BTreeMap::new();
    let mut sent_ok = 0;
    for l in text.lines() {
        let mut parts = l.splitn(3, ' ');
        let (Some(word), Some(i)) = (parts.next(), parts.next().and_then(|i| i.parse::<usize>().ok())) else { continue };
        match word {
            "ok" => sent_ok += 1,
            "differs" => {
                differs.insert(i, parts.next().unwrap_or("").to_string());
            }
            _ => {}
        }
    }
    println!(
        "snippets: {} of {total} examples have a snippet; {} compile; {sent_ok} send the documented request",
        snippets.len(),
        live.len()
    );
    report("no snippet", unwritten.iter().map(|u| (place_u(u), u.reason.clone())));
    report("does not compile", broken.iter().map(|(i, e)| (place(&snippets[*i]), e.clone())));
    report("sends another request", differs.iter().map(|(i, e)| (place(&snippets[*i]), e.clone())));
    if live.len() + differs.len() < sent_ok {
        return Err("more snippets sent than compiled".into());
    }
    Ok(())
}

fn place(s: &Snippet) -> String {
    format!("{}:{} ({})", s.page, s.line, s.name)
}

fn place_u(u: &Unwritten) -> String {
    format!("{}:{} ({})", u.page, u.line, u.name)
}

/// Failures grouped by cause (the message with its names and values taken out), the largest
/// groups first, each with its count and first three places.
fn report(what: &str, items: impl Iterator<Item = (String, String)>) {
    let mut by: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (place, msg) in items {
        by.entry(graphgen::diag::cause(&msg)).or_default().push((place, msg));
    }
    let mut groups: Vec<_> = by.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let n: usize = groups.iter().map(|g| g.1.len()).sum();
    if n == 0 {
        return;
    }
    println!("  {what}: {n}");
    for (c, list) in groups.iter().take(15) {
        println!("    {:>5}  {c}", list.len());
        for (p, m) in list.iter().take(3) {
            println!("             {p}: {}", m.chars().take(160).collect::<String>());
        }
    }
}

/// The harness crate: `src/snippets.rs` with one function per live snippet, `src/main.rs`
/// running them. Answers the line range of each snippet in `src/snippets.rs`.
fn write_harness(dir: &Path, krate: &Path, snippets: &[Snippet], live: &[usize]) -> Result<Vec<(usize, usize, usize)>, String> {
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"example-snippets\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\nmsgraph = {{ path = {:?}, features = [\"full\", \"reqwest\"] }}\nserde_json = \"1\"\nserde = \"1\"\nhttp = \"1\"\n\
         tokio = {{ version = \"1\", default-features = false, features = [\"rt\", \"net\", \"time\"] }}\n",
        krate.display().to_string()
    );
    let mut code = String::from(
        "//! The docs examples' Rust snippets, one function each.\n#![allow(unused_imports, clippy::all)]\n\n\
         use msgraph::runtime::client::Client;\n\npub type Result = std::result::Result<(), Box<dyn std::error::Error + Send + Sync>>;\n\n",
    );
    let mut ranges = Vec::new();
    for &i in live {
        let start = code.lines().count() + 1;
        let _ = writeln!(code, "pub async fn s{i}(client: &Client) -> Result {{");
        for l in snippets[i].code.lines() {
            let _ = writeln!(code, "    {l}");
        }
        code.push_str("    Ok(())\n}\n\n");
        ranges.push((start, code.lines().count(), i));
    }
    let mut main = String::from(
        "//! Sends each snippet's request to a loopback server answering the docs' response, and\n\
         //! prints `ok N` or `differs N why` against the docs' request.\n\n\
         #[path = \"",
    );
    main.push_str(&krate.join("tests/support/mod.rs").display().to_string());
    main.push_str("\"]\nmod support;\nmod check;\nmod snippets;\n\nfn main() {\n");
    for &i in live {
        let s = &snippets[i];
        let json = s.json.as_ref().map(|j| j.to_string());
        let answer = s.answer.as_ref().map(|j| j.to_string());
        let _ = writeln!(
            main,
            "    check::one({i}, {:?}, {:?}, {:?}, {}, {:?}, |c| Box::pin(snippets::s{i}(c)));",
            s.method, s.url, json, s.status, answer
        );
    }
    main.push_str("}\n");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"));
    write("Cargo.toml", &manifest)?;
    write("src/snippets.rs", &code)?;
    write("src/main.rs", &main)?;
    write("src/check.rs", CHECK)?;
    Ok(ranges)
}

/// Each failing snippet's first error, from rustc's short messages (`src/snippets.rs:L:C:
/// error...`).
fn errors_by_snippet(output: &str, ranges: &[(usize, usize, usize)]) -> BTreeMap<usize, String> {
    let mut out = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for l in output.lines().filter(|l| l.contains(": error")) {
        let Some(rest) = l.split("src/snippets.rs:").nth(1) else { continue };
        let Some(line) = rest.split(':').next().and_then(|n| n.parse::<usize>().ok()) else { continue };
        if let Some(&(_, _, i)) = ranges.iter().find(|(a, b, _)| (*a..=*b).contains(&line)) {
            if seen.insert(i) {
                let msg = l.split(": error").nth(1).unwrap_or(l).trim_start_matches([':', ' ']);
                out.insert(i, msg.to_string());
            }
        }
    }
    out
}

/// The harness's comparison, as source (it runs in the harness binary).
const CHECK: &str = r#"//! One snippet against the docs' request.

use crate::support::{block_on, Reply, Server};
use msgraph::runtime::client::Client;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

type Run = for<'a> fn(&'a Client) -> Pin<Box<dyn Future<Output = crate::snippets::Result> + 'a>>;

pub fn one(i: usize, method: &str, url: &str, json: Option<&str>, status: u16, answer: Option<&str>, run: Run) {
    let reply = match answer {
        Some(a) => Reply::json(status, a),
        None => Reply::empty(status),
    };
    let server = Server::start(move |_, _| reply.clone());
    let client = server.client();
    let _ = block_on(run(&client));
    let got = server.received();
    let Some(got) = got.first() else {
        println!("differs {i} nothing was sent");
        return;
    };
    let why = compare(got, method, url, json);
    match why {
        None => println!("ok {i}"),
        Some(w) => println!("differs {i} {}", w.replace('\n', " ")),
    }
}

fn compare(got: &crate::support::Received, method: &str, url: &str, json: Option<&str>) -> Option<String> {
    if got.method != method {
        return Some(format!("method `{}`, docs `{method}`", got.method));
    }
    let docs_path = url.split('?').next().unwrap_or(url);
    if norm(&got.path()) != norm(docs_path) {
        return Some(format!("path `{}`, docs `{}`", got.path(), docs_path));
    }
    let (sent, docs) = (items(got.query()), items(msgraph::runtime::testing::query_pairs(url)));
    if sent != docs {
        return Some(format!("query `{sent:?}`, docs `{docs:?}`"));
    }
    if let Some(expected) = json {
        let expected: Value = serde_json::from_str(expected).ok()?;
        if norm(docs_path) == "/$batch" {
            let sent: Value = serde_json::from_slice(&got.body).unwrap_or_default();
            return batch(&sent, &expected);
        }
        // An action without parameters sends no body where the docs show `{}`: one request to
        // the service.
        if got.body.is_empty() && expected.as_object().is_some_and(|m| m.is_empty()) {
            return None;
        }
        let Ok(sent) = serde_json::from_slice::<Value>(&got.body) else {
            return Some("the body sent is not JSON".into());
        };
        if !same(&sent, &expected) {
            return Some(format!("body `{sent}`, docs `{expected}`"));
        }
    }
    None
}

/// A path as compared: percent-decoded, no trailing `/`, in lower case.
fn norm(path: &str) -> String {
    msgraph::runtime::testing::decode(path).trim_end_matches('/').to_lowercase()
}

/// Query pairs, names in lower case, list spacing aside, in order.
fn items(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> =
        pairs.into_iter().map(|(k, v)| (k.to_lowercase(), v.split(',').map(str::trim).collect::<Vec<_>>().join(","))).collect();
    v.sort();
    v
}

/// A `$batch` body against the docs' one, request by request in order: method, URL (path and
/// query as above), JSON body, the docs' headers, and `dependsOn` by position (the crate
/// numbers requests `1`, `2`, ... as it adds them; the docs may name them otherwise).
fn batch(sent: &Value, docs: &Value) -> Option<String> {
    let list = |v: &Value| v.get("requests").and_then(Value::as_array).cloned().unwrap_or_default();
    let (sent, docs) = (list(sent), list(docs));
    if sent.len() != docs.len() {
        return Some(format!("batch of {} requests, docs {}", sent.len(), docs.len()));
    }
    let text = |v: Option<&Value>| v.map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).unwrap_or_default();
    let at = |list: &[Value], id: &Value| list.iter().position(|r| text(r.get("id")) == text(Some(id)));
    let after = |list: &[Value], r: &Value| -> Vec<Option<usize>> {
        r.get("dependsOn").and_then(Value::as_array).map(|a| a.iter().map(|d| at(list, d)).collect()).unwrap_or_default()
    };
    for (n, (s, d)) in sent.iter().zip(&docs).enumerate() {
        let which = n + 1;
        if !text(s.get("method")).eq_ignore_ascii_case(&text(d.get("method"))) {
            return Some(format!("batch request {which}: method `{}`, docs `{}`", text(s.get("method")), text(d.get("method"))));
        }
        let (su, du) = (text(s.get("url")), text(d.get("url")));
        let du = format!("/{}", du.trim_start_matches('/'));
        let path = |u: &str| norm(u.split('?').next().unwrap_or(u));
        let query = |u: &str| items(msgraph::runtime::testing::query_pairs(u));
        if path(&su) != path(&du) || query(&su) != query(&du) {
            return Some(format!("batch request {which}: url `{su}`, docs `{du}`"));
        }
        if let Some(db) = d.get("body") {
            if !s.get("body").is_some_and(|sb| same(sb, db)) {
                return Some(format!("batch request {which}: body `{}`, docs `{db}`", text(s.get("body"))));
            }
        }
        let sent_headers = s.get("headers").and_then(Value::as_object);
        for (k, v) in d.get("headers").and_then(Value::as_object).into_iter().flatten() {
            let got = sent_headers.and_then(|h| h.iter().find(|(sk, _)| sk.eq_ignore_ascii_case(k))).map(|(_, sv)| text(Some(sv)));
            if !got.as_deref().is_some_and(|g| g.eq_ignore_ascii_case(&text(Some(v)))) {
                return Some(format!("batch request {which}: header `{k}` is `{got:?}`, docs `{}`", text(Some(v))));
            }
        }
        if after(&sent, s) != after(&docs, d) {
            return Some(format!("batch request {which}: dependsOn differs"));
        }
    }
    None
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        // The docs' `"false"` for a Boolean, sent as the boolean the property's type says.
        (Value::Bool(x), Value::String(y)) => y.eq_ignore_ascii_case(if *x { "true" } else { "false" }),
        // And `"100"` for a number.
        (Value::Number(x), Value::String(y)) => y.trim().parse::<f64>().is_ok_and(|y| x.as_f64() == Some(y)),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}
"#;
