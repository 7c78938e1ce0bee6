//! How OpenAPI import and emit scale with the schema count: synthetic documents of 1,000,
//! 2,000 and 4,000 schemas (each with single-valued references that chain every schema into
//! one loop, so every such field must be boxed, and a collection and an enum property), each
//! read and turned into crate files in memory, five rounds. Linear work gives a
//! 4,000 / 1,000 ratio near 4; the bar is 5.

use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};

/// A document of `n` schemas, each with a GET of one and a list.
pub fn document(n: usize) -> Value {
    let mut schemas = Map::new();
    let mut paths = Map::new();
    for i in 0..n {
        let r = |j: usize| json!({ "$ref": format!("#/components/schemas/thing{}", j % n) });
        schemas.insert(
            format!("thing{i}"),
            json!({
                "type": "object",
                "properties": {
                    "id": { "type": "string" },
                    "size": { "type": "integer", "format": "int32" },
                    "next": r(i + 1),
                    "other": r(i * 7 + 3),
                    "many": { "type": "array", "items": r(i + 2) },
                    "state": { "type": "string", "enum": ["on", "off"] },
                }
            }),
        );
        let one = json!({ "200": { "description": "ok", "content": { "application/json": { "schema": r(i) } } } });
        paths.insert(format!("/things{i}/{{id}}"), json!({ "get": { "operationId": format!("get_thing{i}"), "responses": one } }));
    }
    json!({ "openapi": "3.0.3", "info": { "title": "scale", "version": "v1.0" }, "paths": paths, "components": { "schemas": schemas } })
}

fn once(doc: &Value) -> Result<Duration, String> {
    let t = Instant::now();
    let mut diags = graphgen::diag::Diags::default();
    let api = graphgen::openapi::import::import(doc, "scale.json", &mut diags);
    let snapshot = graphgen::snapshot(&api).map_err(|e| e.to_string())?;
    let opts = graphgen::emit::Options { crate_name: "scale".into(), standalone: true, ..Default::default() };
    std::hint::black_box(graphgen::emit::emit(&api, &snapshot, &opts).map_err(|e| e.to_string())?);
    Ok(t.elapsed())
}

/// Prints the times and the 4,000 / 1,000 ratio. The sizes are timed in turn within each of
/// five rounds, so a slow spell of the machine falls on all of them alike, and the ratio is the
/// median of the rounds' own ratios (each against the 1,000 measured beside it).
pub fn run() -> Result<(), String> {
    const ROUNDS: usize = 5;
    let sizes = [1000, 2000, 4000];
    let docs: Vec<Value> = sizes.iter().map(|n| document(*n)).collect();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); sizes.len()];
    let mut ratios = Vec::new();
    for _ in 0..ROUNDS {
        let round = docs.iter().map(once).collect::<Result<Vec<_>, _>>()?;
        ratios.push(round[2].as_secs_f64() / round[0].as_secs_f64());
        for (all, t) in times.iter_mut().zip(round) {
            all.push(t);
        }
    }
    println!("OpenAPI import and emit by schema count (median of {ROUNDS} interleaved rounds)");
    for (n, mut ts) in sizes.iter().zip(times) {
        ts.sort();
        println!("  {n:>5} schemas                         {:>8.1} ms", ts[ROUNDS / 2].as_secs_f64() * 1e3);
    }
    ratios.sort_by(f64::total_cmp);
    let ratio = ratios[ROUNDS / 2];
    println!("  4,000 / 1,000                          ratio {ratio:.2} (bar 5.0; linear is 4; median of the rounds' ratios)");
    Ok(())
}
