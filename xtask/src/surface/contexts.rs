//! A second statement of each GET's answer: the `@odata.context` of its response examples,
//! read through the URL model (`$metadata#users('id')/messages`) or by type
//! (`$metadata#Collection(microsoft.graph.user)`). The generator weighs contexts when pages
//! disagree; this counts, over every GET, how often the answer it settled on is what its own
//! examples' contexts say, so that an answer the model and the page agree on but the example
//! contradicts shows up. It reads the contexts with lines of its own, much like the generator's
//! `resolve::settle`, rather than sharing them: a fault in one reader must not hide in the
//! measure that checks the other (only `context::answer`, the URL model's reading of one
//! context URL, is shared).

use graphgen::ir::{Api, ExampleBody, HttpMethod, TypeRef};
use graphgen::urlspace::{context, UrlSpace};

#[derive(Default)]
pub struct Contexts {
    /// GETs with at least one readable context.
    pub with_context: usize,
    pub agree: usize,
    /// The context names a kind derived from the answer, or its base (same kind).
    pub related: usize,
    pub disagree: Vec<String>,
}

pub fn measure(api: &Api) -> Contexts {
    let space = UrlSpace::of(api);
    let mut c = Contexts::default();
    for op in api.operations.iter().filter(|o| o.method == HttpMethod::Get) {
        let said: Vec<TypeRef> = op
            .examples
            .iter()
            // `?$format=application/json` asks a report for another format than its default
            // (CSV, a stream): that example speaks for the format, not the call's answer.
            .filter(|e| !e.request.as_ref().is_some_and(|r| r.path.contains("$format=")))
            .filter_map(|e| e.response.as_ref()?.body.as_ref())
            .filter_map(|b| match b {
                ExampleBody::Json(v) | ExampleBody::Template(v) => v.get("@odata.context")?.as_str(),
                ExampleBody::Text(_) => None,
            })
            .filter_map(|ctx| context::answer(&space, ctx))
            .collect();
        let Some(first) = said.first() else { continue };
        c.with_context += 1;
        let Some(answer) = op.response.r#type.as_ref() else {
            c.disagree.push(format!("{} {}  [{}] answers nothing, context {first}", op.method, op.path, op.source.file));
            continue;
        };
        match super::verdict(&space, &said, answer) {
            super::Verdict::Agrees => c.agree += 1,
            super::Verdict::Related => c.related += 1,
            _ => c.disagree.push(format!("{} {}  [{}] answers {answer}, context {first}", op.method, op.path, op.source.file)),
        }
    }
    c
}
