//! Tests generated from the docs examples: the request built by the generated function has the
//! example's method, path and body; the response parses into the documented type and serializes
//! back to the same JSON. Template examples (`"String"`, `"Boolean"` values) are tested for what
//! they honestly say: their keys are properties of the type (placeholder values become `null`).

use super::context::{ident, Ctx};
use super::operations::response_kind;
use super::plan::OpPlan;
use crate::conformance;
use crate::diag::{Code, Diags};
use crate::frontend::placeholder;
use crate::ir::{Body, Example, ExampleBody, ExampleRequest, ExampleResponse, TypeRef};
use crate::naming::{self, Scope};
use crate::paths;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

pub fn tests(ctx: &Ctx<'_>, plans: &[OpPlan<'_>], lib: &str, diags: &mut Diags) -> TokenStream {
    let lib = ident(lib);
    let ctx = &ctx.rooted(quote!(#lib));
    let mut scope = Scope::default();
    let mut out = Vec::new();
    for plan in plans {
        let stem = plan.op.source.file.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
        for (k, ex) in plan.op.examples.iter().enumerate() {
            let base = if ex.name.is_empty() { format!("{stem}_{}", k + 1) } else { ex.name.clone() };
            let (request, response) = example_test(ctx, plan, ex, &lib);
            let line = format!(" From `{}`.", plan.op.source.file);
            for (suffix, test) in [("request", request), ("response", response)] {
                let Some((body, problems)) = test else { continue };
                let name = ident(&scope.claim(naming::snake(&format!("{base}_{suffix}"))));
                // An example that contradicts its own page is a docs finding, always listed.
                // Keys no table documents are set aside in the comparison; a body that cannot
                // be read as its type at all keeps its test, ignored with the reason.
                for (file, at, p, _) in &problems {
                    diags.push(file, *at, Code::ExampleMismatch, format!("example does not match its documented type: {p}"));
                }
                let fatal: Vec<&String> = problems.iter().filter(|p| p.3).map(|p| &p.2).collect();
                let ignore = fatal.first().map(|first| {
                    let more = if fatal.len() > 1 { format!(" (+{} more)", fatal.len() - 1) } else { String::new() };
                    let reason = format!("docs: {first}{more}");
                    quote!(#[ignore = #reason])
                });
                out.push(quote! {
                    #[doc = #line]
                    #[test]
                    #ignore
                    fn #name() { #body }
                });
            }
        }
    }
    quote! {
        //! Generated from the request and response examples of the docs pages. They need every
        //! area compiled (an example may show any navigation property), so the `full` feature.
        #![cfg(feature = "full")]
        use #lib::runtime::testing;
        #(#out)*
    }
}

/// The request test (the function builds the example's request) and the response test (the
/// example's response reads as the documented type and writes back the same).
type Test = Option<(TokenStream, Problems)>;

fn example_test(ctx: &Ctx<'_>, plan: &OpPlan<'_>, ex: &Example, lib: &proc_macro2::Ident) -> (Test, Test) {
    let op = plan.op;
    let mut request = None;
    let mut response = None;
    if let Some(req) = ex.request.as_ref().filter(|r| r.method == op.method) {
        if let Some(caps) = paths::match_template(&op.path, &req.path) {
            let module = ident(&plan.module);
            let function = ident(&plan.function);
            let args = caps.iter().map(|c| quote!(&testing::decode(#c)));
            let json = req.body.as_ref().and_then(json_of);
            let mut problems = Vec::new();
            let (setup, body_arg, expected) = match (&op.body, &json) {
                (Some(body), Some(j)) => {
                    let ty = body_rust_type(ctx, body, plan, lib);
                    let (want, found) = expected_request(ctx, plan, req, j);
                    problems = found;
                    let text = json_lit(j);
                    let want = if &want == j { quote!(sent) } else { json_lit(&want) };
                    (quote!(let sent = #text; let body: #ty = testing::from_json(sent);), quote!(&body), quote!(Some(#want)))
                }
                (Some(body), None) => {
                    let ty = body_rust_type(ctx, body, plan, lib);
                    (quote!(let body = <#ty>::default();), quote!(&body), quote!(None))
                }
                _ => (quote!(), quote!(), quote!(None)),
            };
            let sep = (!body_arg.is_empty() && !caps.is_empty()).then(|| quote!(,));
            let method = &op.method;
            let path = req.path.split('?').next().unwrap_or("").trim_end_matches('/').to_string();
            let test = quote! {
                #setup
                let req = #lib::ops::#module::#function(#(#args),* #sep #body_arg);
                testing::assert_request(&req, #method, #path, #expected);
            };
            request = Some((test, problems));
        }
    }
    if let Some(resp) = ex.response.as_ref().filter(|r| (200..300).contains(&r.status)) {
        let kind = response_kind(ctx, op);
        let status = resp.status;
        let body = resp.body.as_ref().and_then(json_of);
        let body = match (body, &op.response.r#type) {
            (Some(j), Some(t)) => Some(unwrap_value(j, t)),
            (b, _) => b,
        };
        match (body, &op.response.r#type) {
            (Some(j), Some(t)) if op.response.status != 204 && !is_stream(&op.response.r#type) => {
                let (want, problems) = expected_response(ctx, resp, t, &j);
                let text = json_lit(&j);
                let want = if want == j { quote!(received) } else { json_lit(&want) };
                let test = quote! {
                    let received = #text;
                    testing::assert_response::<#kind>(#status, received, #want);
                };
                response = Some((test, problems));
            }
            (None, t) if t.is_none() || op.response.status == 204 => {
                response = Some((quote!(testing::assert_empty_response::<#kind>(#status);), Vec::new()));
            }
            _ => {}
        }
    }
    (request, response)
}

/// Findings on one body: file, line, message, and whether the body cannot be read at all.
type Problems = Vec<(String, u32, String, bool)>;

/// What the test compares a body with: the example with the keys its documented type does
/// not list set aside ("keys the docs left out"), and the findings on the way.
fn expected_request(ctx: &Ctx<'_>, plan: &OpPlan<'_>, req: &ExampleRequest, j: &Value) -> (Value, Problems) {
    let mut v = j.clone();
    let mut found = Vec::new();
    match (&plan.op.body, &mut v) {
        (Some(Body::Type(t)), v) => found = conformance::prune(ctx.api, t, v),
        (Some(Body::Parameters(params)), Value::Object(m)) => {
            let mut unknown = Vec::new();
            if m.contains_key("@odata.type") {
                found.push(conformance::Problem { message: "$.@odata.type is not a parameter of the action".into(), fatal: false });
                unknown.push("@odata.type".to_string());
            }
            for (k, v) in m.iter_mut().filter(|(k, _)| !k.contains('@')) {
                match params.iter().find(|p| &p.name == k) {
                    Some(p) => found.extend(conformance::prune(ctx.api, &p.r#type, v)),
                    None => {
                        found.push(conformance::Problem { message: format!("$.{k} is not a parameter of the action"), fatal: false });
                        unknown.push(k.clone());
                    }
                }
            }
            for k in unknown {
                m.shift_remove(&k);
            }
        }
        _ => {}
    }
    let at = &req.source;
    (v, found.into_iter().map(|p| (at.file.clone(), at.line, format!("request body {}", p.message), p.fatal)).collect())
}

fn expected_response(ctx: &Ctx<'_>, resp: &ExampleResponse, t: &TypeRef, j: &Value) -> (Value, Problems) {
    let mut v = j.clone();
    let not_page = || conformance::Problem { message: "$ is not a collection page (`{\"value\": [...]}`)".into(), fatal: true };
    let found = match (t.collection, &mut v) {
        (true, Value::Object(m)) => {
            // A page carries `value` and `@odata.*` links; a type annotation is set aside.
            let mut found = match m.get_mut("value") {
                Some(items) => conformance::prune(ctx.api, t, items),
                None => vec![not_page()],
            };
            let stray: Vec<String> = m.keys().filter(|k| *k == "@odata.type" || (*k != "value" && !k.contains('@'))).cloned().collect();
            for k in stray {
                m.shift_remove(&k);
                found.push(conformance::Problem { message: format!("$.{k} is no part of a collection page"), fatal: false });
            }
            found
        }
        (true, _) => vec![not_page()],
        (false, v) => conformance::prune(ctx.api, t, v),
    };
    let at = &resp.source;
    (v, found.into_iter().map(|p| (at.file.clone(), at.line, format!("response {}", p.message), p.fatal)).collect())
}

/// Intune pages wrap a single entity in `{"value": {...}}`; the service does not.
fn unwrap_value(j: Value, t: &TypeRef) -> Value {
    match &j {
        Value::Object(m) if !t.collection && m.len() == 1 && m.get("value").is_some_and(Value::is_object) => {
            m.get("value").cloned().unwrap_or(j)
        }
        _ => j,
    }
}

fn is_stream(t: &Option<TypeRef>) -> bool {
    t.as_ref().is_some_and(|t| t.name == "Edm.Stream")
}

fn body_rust_type(ctx: &Ctx<'_>, body: &Body, plan: &OpPlan<'_>, lib: &proc_macro2::Ident) -> TokenStream {
    
    match (body, &plan.body_struct) {
        (Body::Type(t), _) => ctx.rust_type(None, t),
        (Body::Parameters(_), Some(s)) => {
            let m = ident(&plan.module);
            let s = ident(s);
            quote!(#lib::ops::#m::#s)
        }
        (Body::Parameters(_), None) => quote!(serde_json::Value),
    }
}

/// Pretty JSON as a raw string literal, so the test reads like the docs example.
fn json_lit(v: &Value) -> TokenStream {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let lit = format!("r{hashes}\"{text}\"{hashes}");
    lit.parse().unwrap_or_else(|_| quote!(#text))
}

/// The JSON an example test can use: real data as is, templates with placeholders nulled.
fn json_of(b: &ExampleBody) -> Option<Value> {
    match b {
        ExampleBody::Json(v) => Some(v.clone()),
        ExampleBody::Template(v) => Some(nulled(v)),
        ExampleBody::Text(_) => None,
    }
}

fn nulled(v: &Value) -> Value {
    match v {
        Value::String(s) if placeholder::is_placeholder_word(s) => Value::Null,
        Value::Array(items) => {
            Value::Array(items.iter().filter(|i| !matches!(i, Value::String(s) if placeholder::is_placeholder_word(s))).map(nulled).collect())
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), nulled(v))).collect()),
        other => other.clone(),
    }
}
