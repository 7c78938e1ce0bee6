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
use crate::ir::{Body, Example, ExampleBody, TypeRef};
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
            let name = ident(&scope.claim(naming::snake(&base)));
            if let Some(body) = example_test(ctx, plan, ex, &lib) {
                let line = format!(" From `{}`.", plan.op.source.file);
                // An example that contradicts its own page is a docs finding: listed, and its
                // test kept but ignored with the reason.
                let problems = docs_problems(ctx, plan, ex);
                let ignore = problems.first().map(|(_, _, first)| {
                    let more = if problems.len() > 1 { format!(" (+{} more)", problems.len() - 1) } else { String::new() };
                    let reason = format!("docs: {first}{more}");
                    for (file, at, p) in &problems {
                        diags.push(file, *at, Code::ExampleMismatch, format!("example does not match its documented type: {p}"));
                    }
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

fn example_test(ctx: &Ctx<'_>, plan: &OpPlan<'_>, ex: &Example, lib: &proc_macro2::Ident) -> Option<TokenStream> {
    let op = plan.op;
    let mut steps = Vec::new();
    if let Some(req) = ex.request.as_ref().filter(|r| r.method == op.method) {
        if let Some(caps) = paths::match_template(&op.path, &req.path) {
            let module = ident(&plan.module);
            let function = ident(&plan.function);
            let args = caps.iter().map(|c| quote!(&testing::decode(#c)));
            let json = req.body.as_ref().and_then(json_of);
            let (setup, body_arg, expected) = match (&op.body, &json) {
                (Some(body), Some(j)) => {
                    let ty = body_rust_type(ctx, body, plan, lib);
                    let text = json_lit(j);
                    (quote!(let sent = #text; let body: #ty = testing::from_json(sent);), quote!(&body), quote!(Some(sent)))
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
            steps.push(quote! {
                #setup
                let req = #lib::ops::#module::#function(#(#args),* #sep #body_arg);
                testing::assert_request(&req, #method, #path, #expected);
            });
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
        match body {
            Some(j) if op.response.r#type.is_some() && op.response.status != 204 && !is_stream(&op.response.r#type) => {
                let text = json_lit(&j);
                steps.push(quote!(testing::assert_response::<#kind>(#status, #text);));
            }
            None if op.response.r#type.is_none() || op.response.status == 204 => {
                steps.push(quote!(testing::assert_empty_response::<#kind>(#status);));
            }
            _ => {}
        }
    }
    (!steps.is_empty()).then(|| quote!(#(#steps)*))
}

/// Where the example's bodies disagree with the types the page documents.
fn docs_problems(ctx: &Ctx<'_>, plan: &OpPlan<'_>, ex: &Example) -> Vec<(String, u32, String)> {
    let op = plan.op;
    let mut out = Vec::new();
    if let (Some(req), Some(Body::Type(t))) = (&ex.request, &op.body) {
        if let Some(Some(j)) = req.body.as_ref().map(json_of) {
            let at = (req.source.file.clone(), req.source.line);
            out.extend(conformance::check(ctx.api, t, &j).into_iter().map(|p| (at.0.clone(), at.1, format!("request body {p}"))));
        }
    }
    if let (Some(req), Some(Body::Parameters(params))) = (&ex.request, &op.body) {
        if let Some(Some(Value::Object(m))) = req.body.as_ref().map(json_of) {
            for (k, v) in m.iter().filter(|(k, _)| !k.contains('@')) {
                let found = match params.iter().find(|p| &p.name == k) {
                    Some(p) => conformance::check(ctx.api, &p.r#type, v),
                    None => vec![format!("$.{k} is not a parameter of the action")],
                };
                out.extend(found.into_iter().map(|p| (req.source.file.clone(), req.source.line, format!("request body {p}"))));
            }
        }
    }
    if let (Some(resp), Some(t)) = (&ex.response, &op.response.r#type) {
        if let Some(Some(j)) = resp.body.as_ref().map(json_of) {
            let at = (resp.source.file.clone(), resp.source.line);
            let j = if t.collection { j.get("value").cloned().unwrap_or(Value::Null) } else { unwrap_value(j, t) };
            out.extend(conformance::check(ctx.api, t, &j).into_iter().map(|p| (at.0.clone(), at.1, format!("response {p}"))));
        }
    }
    out
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
