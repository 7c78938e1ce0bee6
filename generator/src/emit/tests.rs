//! Tests generated from the docs examples: the request built by the generated function has the
//! example's method, path and body; the response parses into the documented type and serializes
//! back to the same JSON. Template examples (`"String"`, `"Boolean"` values) are tested for what
//! they honestly say: their keys are properties of the type (placeholder values become `null`).
//!
//! With the `reqwest` feature each example with both halves also goes over the wire
//! (`tests/loopback.rs`): the client sends the request, with the example's query and headers,
//! to a server on 127.0.0.1 that answers the example's response.

use super::context::{ident, Ctx};
use super::operations::{is_primitive, response_kind};
use super::plan::OpPlan;
use crate::conformance;
use crate::ir::{Body, Example, ExampleRequest, ExampleResponse, TypeRef};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The offline example tests (`tests/examples.rs`) and the loopback ones (`tests/loopback.rs`).
pub fn tests(ctx: &Ctx<'_>, plans: &[OpPlan<'_>], lib: &str) -> (TokenStream, TokenStream) {
    let lib = ident(lib);
    let ctx = &ctx.rooted(quote!(#lib));
    let checker = conformance::Checker::new(ctx.api);
    let mut scope = Scope::default();
    let mut offline = Vec::new();
    let mut wire = Vec::new();
    for plan in plans {
        let stem = plan.op.source.file.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
        for (k, ex) in plan.op.examples.iter().enumerate() {
            let base = if ex.name.is_empty() { format!("{stem}_{}", k + 1) } else { ex.name.clone() };
            let (request, response) = example_parts(ctx, &checker, plan, ex, &lib);
            let line = format!(" From `{}`.", plan.op.source.file);
            // An example that contradicts its own page is a docs finding (the resolver lists
            // it). Keys no table documents are set aside in the comparison; a body that cannot
            // be read as its type at all keeps its test, ignored with the reason.
            let mut test = |suffix: &str, body: TokenStream, problems: &[&Problems], out: &mut Vec<TokenStream>| {
                let name = ident(&scope.claim(naming::snake(&format!("{base}_{suffix}"))));
                let ignore = ignore_reason(problems);
                out.push(quote! {
                    #[doc = #line]
                    #[test]
                    #ignore
                    fn #name() { #body }
                });
            };
            if let Some(r) = &request {
                test("request", r.offline(), &[&r.problems], &mut offline);
            }
            if let Some(r) = &response {
                test("response", r.offline(), &[&r.problems], &mut offline);
            }
            if let (Some(q), Some(r)) = (&request, &response) {
                test("exchange", exchange(q, r), &[&q.problems, &r.problems], &mut wire);
            }
        }
    }
    // A document without examples (an OpenAPI one, say) gets test files without imports.
    let use_offline = (!offline.is_empty()).then(|| quote!(use #lib::runtime::testing;));
    let use_wire = (!wire.is_empty()).then(|| quote!(mod support; use #lib::runtime::testing;));
    let examples = quote! {
        //! Generated from the request and response examples of the docs pages. They need every
        //! area compiled (an example may show any navigation property), so the `full` feature.
        #![cfg(feature = "full")]
        #use_offline
        #(#offline)*
    };
    let loopback = quote! {
        //! The docs examples over the wire: the `reqwest` client sends each example's request to
        //! a server on 127.0.0.1, which checks it and answers the example's response.
        #![cfg(all(feature = "full", feature = "reqwest"))]
        #use_wire
        #(#wire)*
    };
    (examples, loopback)
}

fn ignore_reason(problems: &[&Problems]) -> Option<TokenStream> {
    let fatal: Vec<&String> = problems.iter().flat_map(|p| p.iter()).filter(|p| p.1).map(|p| &p.0).collect();
    fatal.first().map(|first| {
        let more = if fatal.len() > 1 { format!(" (+{} more)", fatal.len() - 1) } else { String::new() };
        let reason = format!("docs: {first}{more}");
        quote!(#[ignore = #reason])
    })
}

/// The request half of an example: how the test builds the request and what it must be.
struct RequestPart {
    /// Statements before the call (the body read from the example).
    setup: TokenStream,
    /// The call of the generated function.
    call: TokenStream,
    method: String,
    /// The example's URL below the service root, query included.
    url: String,
    headers: Vec<(String, String)>,
    /// The JSON the body must equal, `None` when the example shows none.
    expected: Option<TokenStream>,
    problems: Problems,
}

impl RequestPart {
    fn offline(&self) -> TokenStream {
        let RequestPart { setup, call, method, .. } = self;
        let path = self.url.split('?').next().unwrap_or("").trim_end_matches('/');
        let expected = option(&self.expected);
        quote! {
            #setup
            let req = #call;
            testing::assert_request(&req, #method, #path, #expected);
        }
    }
}

/// The response half: the answer the server gives and what the client must read from it.
struct ResponsePart {
    kind: TokenStream,
    status: u16,
    /// Statement binding `received`, the example's body, when it has one.
    received: Option<TokenStream>,
    /// The JSON the value read must serialize to.
    want: Option<TokenStream>,
    problems: Problems,
}

impl ResponsePart {
    fn offline(&self) -> TokenStream {
        let ResponsePart { kind, status, received, want, .. } = self;
        match (received, want) {
            (Some(received), Some(want)) => quote! {
                #received
                testing::assert_response::<#kind>(#status, received, #want);
            },
            _ => quote!(testing::assert_empty_response::<#kind>(#status);),
        }
    }
}

fn exchange(q: &RequestPart, r: &ResponsePart) -> TokenStream {
    let RequestPart { setup, call, url, .. } = q;
    let headers = q.headers.iter().filter(|(_, v)| v.bytes().all(|b| (0x20..0x7f).contains(&b))).map(|(k, v)| quote!((#k, #v)));
    let expected = option(&q.expected);
    let status = r.status;
    let received = &r.received;
    let reply = if received.is_some() { quote!(Some(received)) } else { quote!(None) };
    let want = option(&r.want);
    quote! {
        #setup
        #received
        let req = testing::with_example(#call, #url, &[#(#headers),*]);
        support::exchange(req, #url, #status, #reply, #expected, #want);
    }
}

fn option(t: &Option<TokenStream>) -> TokenStream {
    match t {
        Some(t) => quote!(Some(#t)),
        None => quote!(None),
    }
}

fn example_parts(
    ctx: &Ctx<'_>,
    checker: &conformance::Checker<'_>,
    plan: &OpPlan<'_>,
    ex: &Example,
    lib: &proc_macro2::Ident,
) -> (Option<RequestPart>, Option<ResponsePart>) {
    let request = ex.request.as_ref().and_then(|req| request_part(ctx, checker, plan, req, lib));
    let response = ex.response.as_ref().and_then(|resp| response_part(ctx, checker, plan, resp));
    (request, response)
}

fn request_part(
    ctx: &Ctx<'_>,
    checker: &conformance::Checker<'_>,
    plan: &OpPlan<'_>,
    req: &ExampleRequest,
    lib: &proc_macro2::Ident,
) -> Option<RequestPart> {
    let op = plan.op;
    if req.method != op.method {
        return None;
    }
    let caps = op.path.matches(&req.path)?;
    let module = ident(&plan.module);
    let function = ident(&plan.function);
    // An argument between `'` is written as an OData literal in the example: `it''s`.
    let quoted = super::operations::quoted_params(&op.path);
    let args = caps.iter().enumerate().map(|(i, c)| {
        if quoted.get(i).copied().unwrap_or(false) {
            quote!(&testing::decode(#c).replace("''", "'"))
        } else {
            quote!(&testing::decode(#c))
        }
    });
    let json = req.body.as_ref().and_then(conformance::example_json);
    let mut problems = Vec::new();
    let (setup, body_arg, expected) = match (&op.body, &json) {
        // Bytes: the example's text as it is, when it shows any.
        (Some(Body::Type(t)), _) if super::operations::is_stream(t) => {
            let text = match &req.body {
                Some(crate::ir::ExampleBody::Text(t)) => t.clone(),
                _ => String::new(),
            };
            (quote!(let body: Vec<u8> = #text.as_bytes().to_vec();), quote!(body), None)
        }
        (Some(body), Some(j)) => {
            let ty = body_rust_type(ctx, body, plan, lib);
            let (want, found) = conformance::request_body(checker, body, j);
            problems = self::problems("request body", found);
            let text = json_lit(j);
            let want = if &want == j { quote!(sent) } else { json_lit(&want) };
            (quote!(let sent = #text; let body: #ty = testing::from_json(sent);), quote!(&body), Some(want))
        }
        (Some(body), None) => {
            let ty = body_rust_type(ctx, body, plan, lib);
            (quote!(let body = <#ty>::default();), quote!(&body), None)
        }
        _ => (quote!(), quote!(), None),
    };
    let sep = (!body_arg.is_empty() && !caps.is_empty()).then(|| quote!(,));
    Some(RequestPart {
        setup,
        call: quote!(#lib::ops::#module::#function(#(#args),* #sep #body_arg)),
        method: op.method.clone(),
        url: req.path.trim().to_string(),
        headers: req.headers.clone(),
        expected,
        problems,
    })
}

fn response_part(ctx: &Ctx<'_>, checker: &conformance::Checker<'_>, plan: &OpPlan<'_>, resp: &ExampleResponse) -> Option<ResponsePart> {
    let op = plan.op;
    if !(200..300).contains(&resp.status) {
        return None;
    }
    let kind = response_kind(ctx, op);
    let status = resp.status;
    let body = resp.body.as_ref().and_then(conformance::example_json);
    match (body, &op.response.r#type) {
        (Some(j), Some(t)) if op.response.status != 204 && !is_stream(&op.response.r#type) => {
            // A primitive answer is `{"value": x}` on the wire and `x` once read; an Intune
            // `{"value": {...}}` wrapper is taken off before the test sees it.
            let read = conformance::response_value(ctx.api, t, j.clone());
            let wire = if is_primitive(ctx, t) && !t.collection { j } else { read.clone() };
            let (want, found) = conformance::response_body(checker, t, &read);
            let problems = self::problems("response", found);
            let text = json_lit(&wire);
            let want = if want == wire { quote!(received) } else { json_lit(&want) };
            Some(ResponsePart { kind, status, received: Some(quote!(let received = #text;)), want: Some(want), problems })
        }
        (None, t) if t.is_none() || op.response.status == 204 => {
            Some(ResponsePart { kind, status, received: None, want: None, problems: Vec::new() })
        }
        _ => None,
    }
}

/// What an example says that its type does not, as "request body $.x ..." messages; the
/// resolver reports them as diagnostics, here they decide what a test compares and ignores.
type Problems = Vec<(String, bool)>;

fn problems(prefix: &str, found: Vec<conformance::Problem>) -> Problems {
    found.into_iter().map(|p| (format!("{prefix} {}", p.message), p.fatal())).collect()
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
