//! Each operation's examples against its documented body and response types: keys no table
//! lists, values of the wrong JSON kind, strings outside their enum. The emitter runs the same
//! checks (`conformance`) to decide what the generated tests compare and ignore.

use crate::conformance::{self, example_json};
use crate::diag::Diags;
use crate::ir::Api;
use crate::paths;

pub fn check(api: &Api, diags: &mut Diags) {
    for op in &api.operations {
        for ex in &op.examples {
            if let (Some(req), Some(body)) = (&ex.request, &op.body) {
                let calls_this = req.method == op.method && paths::match_template(&op.path, &req.path).is_some();
                if let Some(j) = req.body.as_ref().and_then(example_json).filter(|_| calls_this) {
                    let (_, found) = conformance::request_body(api, body, &j);
                    for (p, code) in found.iter().filter_map(|p| Some((p, p.code()?))) {
                        diags.push(&req.source.file, req.source.line, code, format!("example request body: {}", p.message));
                    }
                }
            }
            let Some(resp) = &ex.response else { continue };
            let Some(t) = &op.response.r#type else { continue };
            let readable = (200..300).contains(&resp.status) && op.response.status != 204 && t.name != "Edm.Stream";
            if let Some(j) = resp.body.as_ref().and_then(example_json).filter(|_| readable) {
                let value = conformance::response_value(api, t, j);
                let (_, found) = conformance::response_body(api, t, &value);
                for (p, code) in found.iter().filter_map(|p| Some((p, p.code()?))) {
                    diags.push(&resp.source.file, resp.source.line, code, format!("example response: {}", p.message));
                }
            }
        }
    }
}
