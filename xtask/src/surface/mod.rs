//! `cargo xtask surface [--docs DIR] [--show KIND]`: is the generated API what the service is?
//! Each version's IR is measured against the docs-derived URL model and against plain scans of
//! the paths, and the calls a Graph user writes first are checked against the pages that
//! document them:
//!
//! - every operation's path walked through the URL model (roots from list and get pages,
//!   relationships tables, casts, `$value`, path addressing);
//! - GETs whose answer type agrees with what the model resolves the path to;
//! - GETs with no answer type where the page does not say (204) that nothing comes back;
//! - writes that must take a body (PATCH/PUT on an entity, POST to a collection, an action
//!   whose example sends parameters) and do;
//! - paths still holding sample values (by a scanner of its own, sharing no code with the
//!   generator's) and endpoints spelled in two letter cases.
//!
//! Fails when a figure is below its bar. `--show answers|bodies|samples|unresolved|nothing|methods|kinds|contexts`
//! lists the operations behind a figure; `--version v1.0` measures one version.

mod contexts;
mod methods;
mod pinned;
mod scan;

use graphgen::ir::HttpMethod;
use graphgen::ir::{Api, Body, ExampleBody, Operation, TypeRef};
use graphgen::urlspace::{Target, UrlSpace};
use std::collections::BTreeMap;
use std::path::Path;

/// Bars: (GET answers agree, writes with a body, paths with samples at most), in percent.
const BARS: &[(&str, f64, f64, f64)] = &[("v1.0", 99.0, 98.0, 0.5), ("beta", 97.0, 97.0, 0.5)];

#[derive(Default)]
struct Figures {
    ops: usize,
    resolved: usize,
    gets_typed: usize,
    gets_agree: usize,
    /// ... of which the winning page itself said so (no override by the model or another page).
    gets_page_agrees: usize,
    gets_nothing: usize,
    writes: usize,
    writes_with_body: usize,
    /// ... of which the winning page itself describes the body.
    writes_page_body: usize,
    samples: usize,
    case_twins: usize,
    lists: BTreeMap<&'static str, Vec<String>>,
}

pub fn run(docs: &Path, show: Option<&str>, only: Option<&str>) -> Result<(), String> {
    let (ir, _) = graphgen::build_ir(docs).map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    for (version, api) in ir.apis.iter().filter(|(v, _)| only.is_none_or(|o| o == v.as_str())) {
        let f = measure(api);
        let (a, b, s) = BARS.iter().find(|(v, ..)| v == version).map(|(_, a, b, s)| (*a, *b, *s)).unwrap_or((99.0, 98.0, 0.5));
        let pct = |x: usize, n: usize| if n == 0 { 100.0 } else { x as f64 * 100.0 / n as f64 };
        println!("{version}: {} operations, {} roots", f.ops, api.roots.len());
        println!("  paths resolved by the URL model      {:>5} of {:>5}  {:6.2} %", f.resolved, f.ops, pct(f.resolved, f.ops));
        println!(
            "  GET answers agreeing with the model  {:>5} of {:>5}  {:6.2} %  (bar {a} %)",
            f.gets_agree,
            f.gets_typed,
            pct(f.gets_agree, f.gets_typed)
        );
        println!(
            "    ... as the describing page states it {:>5} of {:>5}  {:6.2} %  (the rest settled by the model or another page)",
            f.gets_page_agrees,
            f.gets_typed,
            pct(f.gets_page_agrees, f.gets_typed)
        );
        println!("  GETs without an answer type          {:>5}                   (bar 0, unless the page says 204)", f.gets_nothing);
        println!(
            "  writes that must take a body and do  {:>5} of {:>5}  {:6.2} %  (bar {b} %)",
            f.writes_with_body,
            f.writes,
            pct(f.writes_with_body, f.writes)
        );
        println!(
            "    ... as the describing page states it {:>5} of {:>5}  {:6.2} %  (the rest from the URL model or the example request)",
            f.writes_page_body,
            f.writes,
            pct(f.writes_page_body, f.writes)
        );
        println!("  paths holding sample values          {:>5} of {:>5}  {:6.2} %  (bar ≤ {s} %)", f.samples, f.ops, pct(f.samples, f.ops));
        println!("  segments spelled in two cases        {:>5}", f.case_twins);
        let c = contexts::measure(api);
        println!(
            "  GET answers as their examples' @odata.context says {:>5} of {:>5}  {:6.2} %  (+{} a base or derived kind; `--show contexts`)",
            c.agree,
            c.with_context,
            pct(c.agree, c.with_context),
            c.related
        );
        if pct(f.gets_agree, f.gets_typed) < a {
            failures.push(format!("{version}: GET answers agree {:.2} % < {a} %", pct(f.gets_agree, f.gets_typed)));
        }
        if f.gets_nothing > 0 {
            failures.push(format!("{version}: {} GETs without an answer type", f.gets_nothing));
        }
        if pct(f.writes_with_body, f.writes) < b {
            failures.push(format!("{version}: writes with a body {:.2} % < {b} %", pct(f.writes_with_body, f.writes)));
        }
        if pct(f.samples, f.ops) > s {
            failures.push(format!("{version}: paths with sample values {:.2} % > {s} %", pct(f.samples, f.ops)));
        }
        if f.case_twins > 0 {
            failures.push(format!("{version}: {} segments spelled in two cases", f.case_twins));
        }
        let mt = methods::measure(api, docs);
        println!(
            "  GET answers as the Methods tables say  {:>5} of {:>5}  {:6.2} %  (+{} a base or derived kind, {} the type without `collection` or with it; `--show methods`)",
            mt.agree,
            mt.listed,
            pct(mt.agree, mt.listed),
            mt.related,
            mt.cardinality
        );
        if show == Some("methods") {
            mt.disagree.iter().for_each(|l| println!("    {l}"));
        }
        if show == Some("kinds") {
            mt.kinds.iter().for_each(|l| println!("    {l}"));
        }
        if show == Some("contexts") {
            c.disagree.iter().for_each(|l| println!("    {l}"));
        }
        if let Some(list) = show.and_then(|k| f.lists.get(k)) {
            for l in list {
                println!("    {l}");
            }
        }
        if version == "v1.0" {
            failures.extend(pinned::check(api));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("the API surface misses its bars:\n  {}", failures.join("\n  ")))
    }
}

fn measure(api: &Api) -> Figures {
    let space = UrlSpace::of(api);
    let mut f = Figures { ops: api.operations.len(), ..Figures::default() };
    for op in &api.operations {
        let walk = space.walk(&op.path);
        let line = |extra: String| format!("{} {}  [{}] {extra}", op.method, op.path, op.source.file);
        // A bound function or action resolves when what it is bound to does; only its own page
        // says what it answers or takes.
        match &walk.target {
            Some(_) => f.resolved += 1,
            None => {
                let at = walk.stopped.and_then(|i| op.path.segments().get(i)).map(|s| s.to_text()).unwrap_or_default();
                f.lists.entry("unresolved").or_default().push(line(format!("at `{at}`")));
            }
        }
        let target = walk.target.as_ref().filter(|t| !matches!(t, Target::Call { .. }));
        if op.method == HttpMethod::Get {
            // The IR's answer, as the export and the crate read it: a redirect to a download is
            // typed by the resolver, not excused here.
            let said = op.response.r#type.clone();
            if said.is_none() && op.response.status != 204 {
                f.gets_nothing += 1;
                f.lists.entry("nothing").or_default().push(line(String::new()));
            }
            if let Some(e) = target.and_then(Target::answer) {
                f.gets_typed += 1;
                if said.as_ref() == Some(&e) {
                    f.gets_agree += 1;
                    f.gets_page_agrees += usize::from(op.settled.response.is_none());
                } else {
                    let said = said.map_or_else(|| "nothing".to_string(), |s| s.to_string());
                    f.lists.entry("answers").or_default().push(line(format!("says {said}, model {e}")));
                }
            }
        } else if must_take_body(op, target) {
            f.writes += 1;
            if op.body.is_some() {
                f.writes_with_body += 1;
                f.writes_page_body += usize::from(op.settled.body.is_none());
            } else {
                f.lists.entry("bodies").or_default().push(line(String::new()));
            }
        }
        if let Some(what) = scan::sample(op.path.as_str()) {
            f.samples += 1;
            f.lists.entry("samples").or_default().push(line(what));
        }
    }
    f.case_twins = scan::case_twins(api.operations.iter().map(|o| o.path.as_str()));
    f
}

/// How a second statement of a GET's answer stands to the answer it settled on.
#[derive(PartialEq)]
enum Verdict {
    Agrees,
    /// A base or derived kind of the answer, of the same cardinality.
    Related,
    /// The answer's type, one where it is a collection or the reverse.
    Cardinality,
    Differs,
}

fn verdict(space: &UrlSpace<'_>, said: &[TypeRef], answer: &TypeRef) -> Verdict {
    let related =
        |s: &TypeRef| s.collection == answer.collection && (space.is_a(&s.name, &answer.name) || space.is_a(&answer.name, &s.name));
    if said.contains(answer) {
        Verdict::Agrees
    } else if said.iter().any(related) {
        Verdict::Related
    } else if said.iter().any(|s| s.name == answer.name) {
        Verdict::Cardinality
    } else {
        Verdict::Differs
    }
}

/// PATCH or PUT on an entity or a structured value, POST to a collection, and any write to a
/// function segment whose example request sends a JSON object with keys (an action with
/// parameters).
fn must_take_body(op: &Operation, target: Option<&Target>) -> bool {
    use HttpMethod::{Patch, Post, Put};
    match (op.method, target) {
        (Patch | Put, Some(Target::Entity(_))) | (Post, Some(Target::Collection(_))) | (Put, Some(Target::Stream)) => true,
        (Patch | Put, Some(Target::Value(t))) => !t.is_primitive() && !t.collection,
        (Post | Put | Patch, None) => op.examples.iter().filter_map(|e| e.request.as_ref()?.body.as_ref()).any(|b| match b {
            ExampleBody::Json(v) | ExampleBody::Template(v) => v.as_object().is_some_and(|m| m.keys().any(|k| !k.starts_with('@'))),
            ExampleBody::Text(_) => false,
        }),
        _ => false,
    }
}

/// The body type, if it is one type.
#[allow(dead_code)]
pub fn body_type(op: &Operation) -> Option<&TypeRef> {
    match &op.body {
        Some(Body::Type(t)) => Some(t),
        _ => None,
    }
}
