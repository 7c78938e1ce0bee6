//! Each operation's examples against its documented body and response types: keys no table
//! lists, values of the wrong JSON kind, strings outside their enum. The emitter runs the same
//! checks (`conformance`) to decide what the generated tests compare and ignore.

use crate::conformance::{self, example_json, Checker};
use crate::diag::{Diagnostic, Diags};
use crate::ir::{Api, Operation};

/// Operations are checked in parallel chunks; findings are joined back in operation order.
pub fn check(api: &Api, diags: &mut Diags) {
    let checker = Checker::new(api);
    let threads = crate::default_threads();
    let chunk = api.operations.len().div_ceil(threads).max(1);
    let found: Vec<Vec<Diagnostic>> = std::thread::scope(|scope| {
        let handles: Vec<_> = api
            .operations
            .chunks(chunk)
            .map(|ops| {
                let checker = &checker;
                scope.spawn(move || {
                    let mut d = Diags::default();
                    ops.iter().for_each(|op| operation(checker, op, &mut d));
                    d.items
                })
            })
            .collect();
        // A chunk whose thread panicked loses its findings; the run goes on.
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    diags.items.extend(found.into_iter().flatten());
}

fn operation(checker: &Checker<'_>, op: &Operation, diags: &mut Diags) {
    for ex in &op.examples {
        if let (Some(req), Some(body)) = (&ex.request, &op.body) {
            let calls_this = req.method == op.method && op.path.matches(&req.path).is_some();
            if let Some(j) = req.body.as_ref().and_then(example_json).filter(|_| calls_this) {
                let (_, found) = conformance::request_body(checker, body, &j);
                for (p, code) in found.iter().filter_map(|p| Some((p, p.code()?))) {
                    diags.push(&req.source.file, req.source.line, code, format!("example request body: {}", p.message));
                }
            }
        }
        let Some(resp) = &ex.response else { continue };
        let Some(t) = &op.response.r#type else {
            continue;
        };
        let readable = (200..300).contains(&resp.status) && op.response.status != 204 && t.name != crate::ir::primitive::STREAM;
        if let Some(j) = resp.body.as_ref().and_then(example_json).filter(|_| readable) {
            let value = conformance::response_value(checker.api(), t, j);
            let (_, found) = conformance::response_body(checker, t, &value);
            for (p, code) in found.iter().filter_map(|p| Some((p, p.code()?))) {
                diags.push(&resp.source.file, resp.source.line, code, format!("example response: {}", p.message));
            }
        }
    }
}
