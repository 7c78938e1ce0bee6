//! Tests generated from the docs examples: the request built by the generated function has the
//! example's method, path and body; the response parses into the documented type and serializes
//! back to the same JSON. Template examples (`"String"`, `"Boolean"` values) are tested for what
//! they honestly say: their keys are properties of the type (placeholder values become `null`).
//!
//! With the `reqwest` feature each example with both halves also goes over the wire
//! (`tests/loopback.rs`): the client sends the request, with the example's query and headers,
//! to a server on 127.0.0.1 that answers the example's response.

use super::context::{ident, Ctx};
use super::operations::{answers_wrapped, response_kind};
use super::tree::{PathPart, Tree};
use crate::conformance;
use crate::ir::{Body, Example, ExamplePart, ExampleRequest, ExampleResponse};
use crate::naming::{self, Scope};
use crate::plan::OpPlan;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The offline example tests (`tests/examples.rs`) and the loopback ones (`tests/loopback.rs`).
pub fn tests(ctx: &Ctx<'_>, plans: &[OpPlan<'_>], tree: &Tree<'_>, lib: &str, flat: bool) -> (TokenStream, TokenStream) {
    let lib = ident(lib);
    let calls = Calls { tree: (!flat).then_some(tree), lib: lib.clone() };
    let ctx = &ctx.rooted(quote!(#lib));
    let mut scope = Scope::default();
    let mut offline = Vec::new();
    let mut wire = Vec::new();
    for (index, plan) in plans.iter().enumerate() {
        let stem = plan.op.source.file.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
        for (k, ex) in plan.op.examples.iter().enumerate() {
            let base = if ex.name.is_empty() { format!("{stem}_{}", k + 1) } else { ex.name.clone() };
            let request =
                ex.request.as_ref().and_then(|req| request_part(ctx, plan, index, req, problems(ex, ExamplePart::Request), &calls));
            // An example calling another path answers that path's type: no test of this one.
            let calls_this = ex.request.as_ref().is_none_or(|req| plan.op.called_by(req));
            let response = ex
                .response
                .as_ref()
                .filter(|_| calls_this)
                .and_then(|resp| response_part(ctx, plan, resp, problems(ex, ExamplePart::Response)));
            // Each test names the fence it was read from: an endpoint documented on several
            // pages gathers their examples, so the operation's own page may not hold it.
            let fence = |s: Option<&crate::ir::Source>| {
                let s = s.unwrap_or(&plan.op.source);
                format!(" From `{}`, line {}.", s.file, s.line)
            };
            let (from_request, from_response) = (
                fence(ex.request.as_ref().map(|r| &r.source)),
                fence(ex.response.as_ref().map(|r| &r.source).or(ex.request.as_ref().map(|r| &r.source))),
            );
            // An example that contradicts its own page is a docs finding (the resolver found it
            // and stored it on the example; the linter lists it). Keys no table documents are set
            // aside in the comparison; a body that cannot be read as its type at all keeps its
            // test, ignored with the reason.
            let mut test = |suffix: &str, body: TokenStream, problems: &[&Problems], out: &mut Vec<TokenStream>| {
                let name = ident(&scope.claim(naming::snake(&format!("{base}_{suffix}"))));
                let ignore = ignore_reason(problems);
                let line = if suffix == "response" { &from_response } else { &from_request };
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
    /// The example's URL below the service root, query included (query arguments first).
    url: String,
    /// The URL less the query the call's arguments send: what the test adds to the call.
    rest: String,
    headers: Vec<(String, String)>,
    /// The JSON the body must equal, `None` when the example shows none.
    expected: Option<TokenStream>,
    /// The request takes no body: none may go out (a page's sentence naming one for a DELETE
    /// whose example sends none once gave it one).
    bodiless: bool,
    problems: Problems,
}

impl RequestPart {
    fn offline(&self) -> TokenStream {
        let RequestPart { setup, call, method, .. } = self;
        let path = self.url.split('?').next().unwrap_or("").trim_end_matches('/');
        let expected = option(&self.expected);
        let none = self.bodiless.then(|| quote!(assert!(req.body().is_none(), "the docs send this request without a body");));
        quote! {
            #setup
            let req = #call;
            testing::assert_request(&req, #method, #path, #expected);
            #none
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
    let RequestPart { setup, call, url, rest, .. } = q;
    let headers = q.headers.iter().filter(|(_, v)| v.bytes().all(|b| (0x20..0x7f).contains(&b))).map(|(k, v)| quote!((#k, #v)));
    let expected = option(&q.expected);
    let status = r.status;
    let received = &r.received;
    let reply = if received.is_some() { quote!(Some(received)) } else { quote!(None) };
    let want = option(&r.want);
    quote! {
        #setup
        #received
        let req = testing::with_example(#call, #rest, &[#(#headers),*]);
        support::exchange(req, #url, #status, #reply, #expected, #want);
    }
}

fn option(t: &Option<TokenStream>) -> TokenStream {
    match t {
        Some(t) => quote!(Some(#t)),
        None => quote!(None),
    }
}

/// How a test calls the request API: the fluent chain, or the free function of the layout
/// kept for the bench.
pub(super) struct Calls<'t> {
    pub(super) tree: Option<&'t Tree<'t>>,
    pub(super) lib: proc_macro2::Ident,
}

impl Calls<'_> {
    /// The call of operation `index` with its path arguments in path order, then the body.
    pub(super) fn call(&self, plan: &OpPlan<'_>, index: usize, args: Vec<TokenStream>, body: TokenStream) -> TokenStream {
        let lib = &self.lib;
        let Some(tree) = self.tree else {
            let module = ident(&plan.module);
            let function = ident(&plan.function);
            let sep = (!body.is_empty() && !args.is_empty()).then(|| quote!(,));
            return quote!(#lib::ops::#module::#function(#(#args),* #sep #body));
        };
        let call = &tree.calls[index];
        let mut args = args.into_iter();
        let steps: Vec<(usize, usize, Vec<TokenStream>)> = call
            .steps
            .iter()
            .map(|&(node, step)| (node, step, args.by_ref().take(tree.nodes[node].steps[step].args.len()).collect()))
            .collect();
        let (node, leaf) = call.leaf;
        chain(tree, lib, steps, (node, leaf, args.collect()), body)
    }

    /// The documented type of each path argument of operation `index`'s call, in path order,
    /// as the methods it goes through take them (a step shared by several pages types its
    /// arguments as the page that made it does).
    pub(super) fn arg_types(&self, plan: &OpPlan<'_>, index: usize) -> Vec<Option<String>> {
        let typed = |p: &crate::ir::PathParameter| p.r#type.as_ref().map(|t| t.name.clone());
        let Some(tree) = self.tree else { return plan.op.parameters.iter().map(typed).collect() };
        let Some(call) = tree.calls.get(index) else { return Vec::new() };
        let steps = call.steps.iter().filter_map(|&(n, s)| Some(&tree.nodes.get(n)?.steps.get(s)?.parts));
        let leaf = tree.nodes.get(call.leaf.0).and_then(|n| n.leaves.get(call.leaf.1)).map(|l| &l.parts);
        let of = |p: &PathPart| match p {
            PathPart::Arg { of, .. } => Some(of.clone()),
            PathPart::Text(_) => None,
        };
        steps.chain(leaf).flat_map(|parts| parts.iter().filter_map(of)).collect()
    }

    /// The wire names of the query parameters operation `index`'s method takes as arguments
    /// (none in the free-function layout).
    pub(super) fn query_args(&self, index: usize) -> &[String] {
        let leaf = self.tree.and_then(|t| t.calls.get(index).and_then(|c| t.nodes.get(c.leaf.0)?.leaves.get(c.leaf.1)));
        leaf.map_or(&[], |l| l.query.as_slice())
    }

    /// The Rust type of an action's parameter struct.
    pub(super) fn body_struct(&self, plan: &OpPlan<'_>, index: usize) -> Option<TokenStream> {
        let lib = &self.lib;
        match self.tree {
            None => {
                let (m, s) = (ident(&plan.module), ident(plan.body_struct.as_deref()?));
                Some(quote!(#lib::ops::#m::#s))
            }
            Some(tree) => {
                let (node, leaf) = tree.calls[index].leaf;
                let n = &tree.nodes[node];
                let name = n.leaves[leaf].body_struct.clone()?;
                let (m, s) = (ident(super::tree::BODIES), ident(&name));
                Some(quote!(#lib::api::#m::#s))
            }
        }
    }
}

/// `lib::step(args).step(args).leaf(args, body)`: each (node, step, arguments) from the root,
/// then the leaf's.
pub(super) fn chain(
    tree: &Tree<'_>,
    lib: &proc_macro2::Ident,
    steps: Vec<(usize, usize, Vec<TokenStream>)>,
    leaf: (usize, usize, Vec<TokenStream>),
    body: TokenStream,
) -> TokenStream {
    let out = steps_chain(tree, lib, steps);
    let (node, l, mut a) = leaf;
    let m = ident(&tree.nodes[node].leaves[l].method);
    if !body.is_empty() {
        a.push(body);
    }
    quote!(#out.#m(#(#a),*))
}

/// The steps of a call alone, from the entry function: the node they reach.
pub(super) fn steps_chain(tree: &Tree<'_>, lib: &proc_macro2::Ident, steps: Vec<(usize, usize, Vec<TokenStream>)>) -> TokenStream {
    let mut out = quote!(#lib);
    for (i, (node, step, a)) in steps.into_iter().enumerate() {
        let m = ident(&tree.nodes[node].steps[step].method);
        out = if i == 0 { quote!(#out::#m(#(#a),*)) } else { quote!(#out.#m(#(#a),*)) };
    }
    out
}

fn request_part(
    ctx: &Ctx<'_>,
    plan: &OpPlan<'_>,
    index: usize,
    req: &ExampleRequest,
    found: Found<'_>,
    calls: &Calls<'_>,
) -> Option<RequestPart> {
    let op = plan.op;
    if req.method != op.method {
        return None;
    }
    let caps = op.path.matches(&req.path)?;
    // An argument between `'` is written as an OData literal in the example: `it''s`.
    let quoted = super::operations::quoted_params(&op.path);
    let mut args: Vec<TokenStream> = caps
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if quoted.get(i).copied().unwrap_or(false) {
                quote!(&testing::decode(#c).replace("''", "'"))
            } else {
                quote!(&testing::decode(#c))
            }
        })
        .collect();
    let json = req.body.as_ref().and_then(conformance::example_json);
    let mut problems = Vec::new();
    let (setup, body_arg, expected) = match (&op.body, &json) {
        // Bytes: the example's text as it is, when it shows any.
        (Some(Body::Type(t)), _) if super::operations::is_stream(t) => {
            let text = super::operations::stream_example_text(req.body.as_ref());
            (quote!(let body: Vec<u8> = #text.as_bytes().to_vec();), quote!(body), None)
        }
        (Some(body), Some(j)) => {
            let ty = body_rust_type(ctx, body, calls.body_struct(plan, index));
            // Models keep the keys they do not know, so the body goes out as the page shows it;
            // what the docs do not describe is still a problem, which ignores the test. A member
            // in another letter case goes out as the enum spells it.
            problems = found.messages;
            let text = json_lit(j);
            let expect = if found.respells.is_empty() { quote!(sent) } else { json_lit(&conformance::respelled(j, found.respells)) };
            (quote!(let sent = #text; let body: #ty = testing::from_json(sent);), quote!(&body), Some(expect))
        }
        (Some(body), None) => {
            let ty = body_rust_type(ctx, body, calls.body_struct(plan, index));
            (quote!(let body = <#ty>::default();), quote!(&body), None)
        }
        _ => (quote!(), quote!(), None),
    };
    // What the crate sends: a key the example wrote in parentheses goes as a segment; the
    // query parameters the method takes as arguments come first, from the example's query.
    let url = crate::path::keys_as_segments(req.path.trim()).into_owned();
    let names = calls.query_args(index);
    let (values, rest, url) = super::query_args::split(&url, names);
    for (name, value) in names.iter().zip(values) {
        if value.is_none() {
            problems.push((format!("request leaves out `{name}`, which its page's request line requires"), true));
        }
        let value = value.unwrap_or_default();
        args.push(quote!(&testing::decode(#value)));
    }
    Some(RequestPart {
        setup,
        call: calls.call(plan, index, args, body_arg),
        method: op.method.to_string(),
        url,
        rest,
        headers: req.headers.clone(),
        expected,
        bodiless: op.body.is_none(),
        problems,
    })
}

fn response_part(ctx: &Ctx<'_>, plan: &OpPlan<'_>, resp: &ExampleResponse, found: Found<'_>) -> Option<ResponsePart> {
    let op = plan.op;
    if !(200..300).contains(&resp.status) {
        return None;
    }
    let kind = response_kind(ctx, op);
    let status = resp.status;
    let body = resp.body.as_ref().and_then(conformance::example_json);
    // A `207 Multi-Status` beside a no-content success is read as its own type.
    let partial = op.response.multi_status.as_ref().filter(|_| resp.status == 207);
    let typed = partial.or(op.response.r#type.as_ref().filter(|_| op.response.status != 204));
    match (body, typed) {
        (Some(j), Some(t)) if t.name != crate::ir::primitive::STREAM => {
            // A primitive answer is `{"value": x}` on the wire and `x` once read; an Intune
            // `{"value": {...}}` wrapper is taken off before the test sees it.
            let read = conformance::response_value(ctx.api, t, j.clone());
            let wire = if answers_wrapped(ctx, t) && !t.collection { j } else { read.clone() };
            // Lossless: the value read writes back the example as it is (the Intune wrapper
            // aside, and members in another letter case spelled as the enum does), unknown keys
            // included.
            let problems = found.messages;
            let text = json_lit(&wire);
            let read = conformance::respelled(&read, found.respells);
            let want = if read == wire { quote!(received) } else { json_lit(&read) };
            Some(ResponsePart { kind, status, received: Some(quote!(let received = #text;)), want: Some(want), problems })
        }
        (None, _) if op.response.r#type.is_none() || op.response.status == 204 => {
            Some(ResponsePart { kind, status, received: None, want: None, problems: Vec::new() })
        }
        _ => None,
    }
}

/// What an example says that its type does not, as "request body $.x ..." messages, each
/// with whether the test must be ignored: the resolver's findings stored on the example.
type Problems = Vec<(String, bool)>;

/// The problems of one part of an example, and the strings the crate writes back respelled.
struct Found<'a> {
    messages: Problems,
    respells: Vec<&'a crate::ir::Respell>,
}

fn problems(ex: &Example, part: ExamplePart) -> Found<'_> {
    let prefix = match part {
        ExamplePart::Request => "request body",
        ExamplePart::Response => "response",
    };
    let mine = || ex.problems.iter().filter(move |p| p.part == part);
    Found {
        messages: mine().map(|p| (format!("{prefix} {}", p.message), p.kind == crate::ir::ProblemKind::WrongType)).collect(),
        respells: mine().filter_map(|p| p.respell.as_ref()).collect(),
    }
}

fn body_rust_type(ctx: &Ctx<'_>, body: &Body, body_struct: Option<TokenStream>) -> TokenStream {
    match (body, body_struct) {
        (Body::Type(t), _) => ctx.rust_type(None, t),
        (Body::Parameters(_), Some(s)) => s,
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
