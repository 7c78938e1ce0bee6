//! A Rust snippet for each HTTP request example of the docs: what a user writes with the
//! generated crate to send that request, as the docs show C# or Python for it. The fluent chain
//! follows the example's URL (its ids as written), query options become typed calls where the
//! request kind has them (`select`, `filter`, `top`...) and `query(..)` otherwise, headers
//! become `consistency_level_eventual()`, `prefer(..)` or `header(..)`, the body is a literal of
//! the generated models (see `literal.rs`), and the answer is bound to the documented type.
//!
//! Each snippet also carries the request the docs show, so a harness can compile it, send it
//! to a loopback server and compare (`cargo xtask doc-snippets`). An example that cannot be
//! written gets the reason instead: a docs or generator bug to fix (GG0901).

mod batch;
mod literal;
mod options;
mod walk;
mod words;

use super::context::{ident, Ctx};
use super::tests::Calls;
use super::tree::Tree;
use crate::ir::{Body, ExampleRequest, HttpMethod, TypeRef};
use crate::plan::OpPlan;
use literal::Literal;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;
use std::collections::BTreeMap;

/// One example's snippet and the request the docs show for it.
#[derive(Debug, Clone)]
pub struct Snippet {
    /// The docs page of the example.
    pub page: String,
    /// The line of the example's request fence.
    pub line: u32,
    /// The example's name (its annotation's `name`, else the page stem and its number), unique.
    pub name: String,
    /// The index of the operation it sends, in [`crate::plan::plan`]'s order.
    pub plan: usize,
    /// The code, formatted, as a reader of the docs sees it.
    pub code: String,
    /// The method the docs show.
    pub method: String,
    /// The URL the docs show, below the service root, query included.
    pub url: String,
    /// The JSON body the docs show, when there is one.
    pub json: Option<Value>,
    /// The status of the answer the docs show (200 when they show none).
    pub status: u16,
    /// The JSON of the answer the docs show, when there is one.
    pub answer: Option<Value>,
}

/// An example without a snippet, and why.
#[derive(Debug, Clone)]
pub struct Unwritten {
    /// The docs page of the example.
    pub page: String,
    /// The line of the example's request fence.
    pub line: u32,
    /// The example's name.
    pub name: String,
    /// Why no snippet can be written: a URL the crate cannot express, a value its type cannot hold.
    pub reason: String,
}

/// The snippets of every request example, and the examples that have none.
pub fn write(ctx: &Ctx<'_>, plans: &[OpPlan<'_>], tree: &Tree<'_>, lib: &str) -> (Vec<Snippet>, Vec<Unwritten>) {
    let calls = Calls { tree: Some(tree), lib: ident(lib) };
    let mut by_method: BTreeMap<HttpMethod, Vec<usize>> = BTreeMap::new();
    for (i, p) in plans.iter().enumerate() {
        by_method.entry(p.op.method).or_default().push(i);
    }
    let mut names = crate::naming::Scope::default();
    let (mut out, mut missing) = (Vec::new(), Vec::new());
    for plan in plans {
        let stem = plan.op.source.file.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
        for (k, ex) in plan.op.examples.iter().enumerate() {
            let Some(req) = &ex.request else { continue };
            if req.external {
                continue;
            }
            let base = if ex.name.is_empty() { format!("{stem}_{}", k + 1) } else { ex.name.clone() };
            // In lower case, as the docs name include files; claimed so that no two collide.
            let name = names.claim(base.replace('-', "_").to_lowercase());
            let site = Site { ctx, plans, by_method: &by_method, tree, calls: &calls, lib };
            let own = plans.iter().position(|p| std::ptr::eq(p.op, plan.op));
            let written = match own {
                _ if req.is_batch() => batch::write(&site, req).map(|c| (own.unwrap_or(0), c)),
                // The example's own operation first, where it calls that.
                Some(i) if called_by(plan.op, req) => one(ctx, plan, i, req, &calls, lib, None).map(|c| (i, c)),
                _ => site.locate(req).and_then(|(i, w)| one(ctx, &plans[i], i, req, &calls, lib, w.as_ref()).map(|c| (i, c))),
            };
            let (status, answer) = match &ex.response {
                Some(r) => (r.status, r.body.as_ref().and_then(crate::conformance::example_json)),
                None => (200, None),
            };
            match written {
                Ok((sent, code)) => out.push(Snippet {
                    page: plan.op.source.file.clone(),
                    line: req.source.line,
                    name,
                    plan: sent,
                    code,
                    method: req.method.to_string(),
                    // What the snippet sends: a key in parentheses goes as a segment.
                    url: crate::path::keys_as_segments(req.path.trim()).into_owned(),
                    json: req.body.as_ref().and_then(|b| words::sendable(ctx.api, plans[sent].op.body.as_ref(), b)).map(|(v, _)| v),
                    status,
                    answer,
                }),
                Err(reason) => missing.push(Unwritten { page: plan.op.source.file.clone(), line: req.source.line, name, reason }),
            }
        }
    }
    (out, missing)
}

/// What a snippet is written against: the crate's operations, their request tree and names.
struct Site<'s, 'c, 'a> {
    ctx: &'c Ctx<'a>,
    plans: &'s [OpPlan<'a>],
    by_method: &'s BTreeMap<HttpMethod, Vec<usize>>,
    tree: &'s Tree<'a>,
    calls: &'s Calls<'s>,
    lib: &'s str,
}

/// True when `req` calls `op`, no parameter of its path taking one of OData's own segments
/// (`/applications/$count` is the collection's count, not the application `$count`: a key that
/// starts with `$` is written `('$x')`).
fn called_by(op: &crate::ir::Operation, req: &ExampleRequest) -> bool {
    let path = req.path.split('?').next().unwrap_or("");
    // Which parameters are whole segments, in the order `matches` gives their texts.
    let whole = op.path.segments().iter().flat_map(|s| {
        let alone = s.pieces.len() == 1;
        s.pieces.iter().filter(|p| matches!(p, crate::path::Piece::Param(_))).map(move |_| alone)
    });
    let system = |taken: Vec<String>| whole.zip(&taken).any(|(alone, t)| alone && t.starts_with('$'));
    op.called_by(req) && !op.path.matches(path).is_some_and(system)
}

impl Site<'_, '_, '_> {
    /// The operation a request calls: the one whose path template it matches (the page's own,
    /// or another page's under the same method), else the place the URL reaches under another
    /// spelling, walked through the request tree.
    fn locate(&self, req: &ExampleRequest) -> Result<(usize, Option<walk::Walked>), String> {
        let listed = self.by_method.get(&req.method).and_then(|ix| ix.iter().copied().find(|&i| called_by(self.plans[i].op, req)));
        if let Some(i) = listed {
            return Ok((i, None));
        }
        let path = crate::path::keys_as_segments(req.path.split('?').next().unwrap_or(""));
        let path = path.as_ref();
        // Else the place under another spelling, walked through the tree: as written, then as
        // a count or a cast of a place the crate has.
        let walked = walk::walk(self.tree, req.method, path)
            .or_else(|| walk::counted(self.tree, req.method, path))
            .or_else(|| walk::cast(self.tree, req.method, path));
        match walked {
            Some(w) => {
                let (node, leaf, _) = &w.leaf;
                Ok((self.tree.nodes[*node].leaves[*leaf].plan, Some(w)))
            }
            None => Err(format!("`{} {}` matches no path the crate has", req.method, req.path)),
        }
    }
}

/// What the request answers, as the snippet binds it.
enum Answer {
    Nothing,
    Bytes,
    Value(TokenStream, String),
}

/// An argument as the example writes it, decoded; an OData string literal's `''` as one `'`.
/// One the docs type as an integer or Boolean (`of`) is written as a Rust literal where the
/// example's text is one (`cell_with_row_column(5, 6)`); the method sends it as the same text.
fn argument(text: &str, quoted: bool, of: Option<&str>) -> TokenStream {
    use crate::ir::primitive::JsonKind;
    let text = crate::path::percent_decode(text);
    match of.and_then(crate::ir::primitive::by_name).map(|p| p.json) {
        Some(JsonKind::Integer) if !quoted => {
            if let Ok(n) = text.parse::<i64>().map(proc_macro2::Literal::i64_unsuffixed) {
                return quote!(#n);
            }
        }
        Some(JsonKind::Boolean) if !quoted && (text == "true" || text == "false") => {
            let b = text == "true";
            return quote!(#b);
        }
        _ => {}
    }
    let text = if quoted { text.replace("''", "'") } else { text };
    quote!(#text)
}

fn one(
    ctx: &Ctx<'_>,
    plan: &OpPlan<'_>,
    index: usize,
    req: &ExampleRequest,
    calls: &Calls<'_>,
    lib: &str,
    walked: Option<&walk::Walked>,
) -> Result<String, String> {
    let mut lit = Literal::new(ctx);
    let (setup, chain, answer) = request(plan, index, req, calls, walked, &mut lit, "body")?;
    // A delta function's pages are changes (a cast or `$count` of one aside): the client walks
    // them to the delta link the next sync resumes from (`sync.resume()`).
    let delta = walked.is_none_or(|w| w.cast.is_none() && w.count.is_none()).then(|| plan.op.delta_item()).flatten();
    let send = match (answer, delta) {
        (Answer::Value(..), Some(item)) => {
            let (ty, _) = short_type(ctx, &item, &mut lit);
            // The `Page` the answer named is not written.
            lit.uses.runtime.remove("Page");
            lit.uses.runtime.insert("DeltaSync".into());
            quote!(let sync: DeltaSync<#ty> = client.sync(request.into_delta()).await?;)
        }
        (Answer::Nothing, _) => quote!(client.send(&request).await?;),
        (Answer::Bytes, _) => quote!(let bytes: Vec<u8> = client.send(&request).await?;),
        (Answer::Value(ty, var), None) => {
            let var = ident(&var);
            quote!(let #var: #ty = client.send(&request).await?;)
        }
    };
    let uses = lit.uses.lines(lib);
    let left_out = req.body.as_ref().and_then(|b| words::sendable(ctx.api, plan.op.body.as_ref(), b)).map(|(_, d)| d).unwrap_or_default();
    format(&uses, &placeholder_note(&left_out), quote!(#setup let request = #chain; #send))
}

/// Comment lines naming what a template example sets with placeholders only, which the
/// snippet leaves out rather than send as `null` (an update would clear them).
fn placeholder_note(left_out: &[String]) -> Vec<String> {
    if left_out.is_empty() {
        return Vec::new();
    }
    let mut lines = vec!["// The docs' example also sets these, with placeholder values (left out here, not".to_string()];
    let mut line = "// sent as null):".to_string();
    for (i, path) in left_out.iter().enumerate() {
        let word = if i + 1 < left_out.len() { format!(" {path},") } else { format!(" {path}.") };
        if line.len() + word.len() > 96 {
            lines.push(std::mem::replace(&mut line, "//".to_string()));
        }
        line.push_str(&word);
    }
    lines.push(line);
    lines
}

/// The statements that build the body (bound to `body_name`), the request's expression, and
/// its documented answer.
fn request(
    plan: &OpPlan<'_>,
    index: usize,
    req: &ExampleRequest,
    calls: &Calls<'_>,
    walked: Option<&walk::Walked>,
    lit: &mut Literal<'_, '_>,
    body_name: &str,
) -> Result<(TokenStream, TokenStream, Answer), String> {
    let ctx = lit.ctx;
    let body_var = ident(body_name);
    let op = plan.op;
    // The query parameters the method takes as arguments, from the example's query; the rest of
    // the query goes on as options.
    let names = match (walked, calls.tree) {
        (Some(w), Some(tree)) if w.cast.is_none() => {
            let node = tree.nodes.get(w.leaf.0);
            // `$count` takes what the list it counts takes.
            let leaf =
                if w.count.is_some() { node.and_then(super::query_args::counted_list) } else { node.and_then(|n| n.leaves.get(w.leaf.1)) };
            leaf.map_or(&[][..], |l| l.query.as_slice())
        }
        (Some(_), _) => &[],
        (None, _) => calls.query_args(index),
    };
    let (values, rest, _) = super::query_args::split(&req.path, names);
    let mut given = Vec::new();
    for (name, value) in names.iter().zip(values) {
        given.push(argument(
            &value.ok_or_else(|| format!("the example leaves out `{name}`, which its request line requires"))?,
            false,
            None,
        ));
    }
    let mut args: Vec<TokenStream> = match walked {
        Some(_) => Vec::new(),
        None => {
            let caps = op.path.matches(&req.path).ok_or_else(|| format!("`{}` is not a path of `{}`", req.path, op.path))?;
            let quoted = super::operations::quoted_params(&op.path);
            let of = calls.arg_types(plan, index);
            let of = |i: usize| of.get(i).and_then(|t| t.as_deref());
            caps.iter().enumerate().map(|(i, c)| argument(c, quoted.get(i).copied().unwrap_or(false), of(i))).collect()
        }
    };
    let json = req.body.as_ref().and_then(|b| words::sendable(ctx.api, op.body.as_ref(), b)).map(|(v, _)| v);
    let bytes = || {
        let text = super::operations::stream_example_text(req.body.as_ref());
        if text.is_ascii() {
            let b = proc_macro2::Literal::byte_string(text.as_bytes());
            quote!(#b)
        } else {
            quote!(#text.as_bytes())
        }
    };
    // A call that takes no body whose example sends text of a type that is no JSON (a reply
    // draft's MIME, beside an example that sends nothing): `.bytes(..)` adds it.
    let added_bytes = op.body.is_none() && matches!(req.body, Some(crate::ir::ExampleBody::Text(_))) && typed_text(&req.headers);
    let (setup, body_arg) = match (&op.body, &json) {
        (Some(Body::Type(t)), _) if super::operations::is_stream(t) => {
            let bytes = bytes();
            (quote!(let #body_var = #bytes;), quote!(#body_var))
        }
        (None, _) if added_bytes => {
            let bytes = bytes();
            (quote!(let #body_var = #bytes;), quote!())
        }
        (Some(Body::Type(t)), Some(j)) => {
            let e = lit.exact(j, t)?;
            (quote!(let #body_var = #e;), quote!(&#body_var))
        }
        (Some(Body::Parameters(params)), Some(Value::Object(m))) => {
            let name = body_struct(index, calls).ok_or_else(|| "an action body with no struct".to_string())?;
            let e = lit.parameters(&name, params, m)?;
            (quote!(let #body_var = #e;), quote!(&#body_var))
        }
        (Some(Body::Parameters(_)), Some(_)) => return Err("an action body that is not a JSON object".into()),
        (Some(body), None) => {
            let ty = match body {
                Body::Type(t) => ctx.rust_type(None, t),
                Body::Parameters(_) => {
                    let name = body_struct(index, calls).ok_or_else(|| "an action body with no struct".to_string())?;
                    lit.uses.bodies.insert(name.clone());
                    let id = ident(&name);
                    quote!(#id)
                }
            };
            // `X::default()`; a path or generic type needs `<..>::default()`.
            let plain = syn::parse2::<syn::Ident>(ty.clone()).is_ok();
            let make = if plain { quote!(#ty::default()) } else { quote!(<#ty>::default()) };
            (quote!(let #body_var = #make;), quote!(&#body_var))
        }
        (None, _) => (quote!(), quote!()),
    };
    let (counted, cast) = (walked.and_then(|w| w.count.as_ref()), walked.and_then(|w| w.cast.as_ref()));
    let (answer, kind) = match (counted, cast) {
        // `$count` answers the number alone, and takes no typed option.
        (Some(_), _) => (Answer::Value(quote!(u64), "count".into()), options::Kind::Other),
        // A cast lists the derived type's items.
        (None, Some((_, ty))) => {
            let (ty, _) = short_type(ctx, &TypeRef { name: ty.clone(), collection: false }, lit);
            lit.uses.runtime.insert("Page".into());
            (Answer::Value(quote!(Page<#ty>), "page".into()), options::Kind::Collection)
        }
        (None, None) => (answer(ctx, op, lit), options::Kind::of(ctx, op)),
    };
    let chain = match (walked, calls.tree) {
        (Some(w), Some(tree)) => walked_call(tree, w, &calls.lib, (given, body_arg)),
        _ => {
            args.extend(given);
            calls.call(plan, index, args, body_arg)
        }
    };
    let chain = if added_bytes { quote!(#chain.bytes(#body_var)) } else { chain };
    let sends_bytes = added_bytes || matches!(&op.body, Some(Body::Type(t)) if t.is_stream());
    // The media type the request function sends its bytes under unasked.
    let sent = if added_bytes { None } else { super::operations::documented_media_type(op) };
    let bytes = (sends_bytes, sent.as_deref());
    // A write answered with no content whose example asks for the resource back
    // (`Prefer: return=representation`) reads it as the body's type.
    let asks = |(k, v): &(String, String)| k.eq_ignore_ascii_case("prefer") && v.eq_ignore_ascii_case("return=representation");
    let returned = match (&answer, &op.body) {
        (Answer::Nothing, Some(Body::Type(t))) if op.response.status == 204 && !t.collection && req.headers.iter().any(asks) => {
            ctx.api.types.get(&t.name).map(|_| short_type(ctx, t, lit))
        }
        _ => None,
    };
    Ok(match returned {
        Some((ty, simple)) => {
            let headers: Vec<(String, String)> = req.headers.iter().filter(|h| !asks(h)).cloned().collect();
            let chain = options::add(chain, kind, &rest, &headers, bytes);
            (setup, quote!(#chain.return_representation()), Answer::Value(ty, crate::naming::snake(&simple)))
        }
        None => {
            // The request function already asks for a `202` (`Prefer: respond-async`).
            let sent = |(k, v): &(String, String)| {
                op.response.respond_async && k.eq_ignore_ascii_case("prefer") && v.eq_ignore_ascii_case("respond-async")
            };
            let headers: Vec<(String, String)> = req.headers.iter().filter(|h| !sent(h)).cloned().collect();
            (setup, options::add(chain, kind, &rest, &headers, bytes), answer)
        }
    })
}

/// The request says its body is of a media type that is no JSON (`text/plain`).
fn typed_text(headers: &[(String, String)]) -> bool {
    crate::ir::content_type(headers).is_some_and(|t| !t.trim().is_empty() && !t.contains("json"))
}

/// The call along a walked route: each step with the argument texts the URL gave it.
fn walked_call(tree: &Tree<'_>, w: &walk::Walked, lib: &proc_macro2::Ident, (given, body): (Vec<TokenStream>, TokenStream)) -> TokenStream {
    // The `k`th argument of a step or leaf: an argument as its part takes it.
    let arg = |parts: &[super::tree::PathPart], k: usize, text: &str| {
        let part = parts
            .iter()
            .filter_map(|p| match p {
                super::tree::PathPart::Arg { quoted, of, .. } => Some((*quoted, of.as_deref())),
                super::tree::PathPart::Text(_) => None,
            })
            .nth(k);
        let (quoted, of) = part.unwrap_or((false, None));
        argument(text, quoted, of)
    };
    let steps = w
        .steps
        .iter()
        .map(|(node, step, texts)| {
            let s = &tree.nodes[*node].steps[*step];
            (*node, *step, texts.iter().enumerate().map(|(k, t)| arg(&s.parts, k, t)).collect())
        })
        .collect();
    // A cast (then its `list()` or `count()`), or the node's `count()` where its `list()`
    // would be: the steps up to the node are the same.
    let cast = w.cast.as_ref().map(|(c, _)| ident(c));
    if cast.is_some() || w.count.is_some() {
        let head = super::tests::steps_chain(tree, lib, steps);
        let end = ident(w.count.as_deref().unwrap_or("list"));
        return match cast {
            Some(cast) => quote!(#head.#cast().#end()),
            None => quote!(#head.#end(#(#given),*)),
        };
    }
    let (node, leaf, texts) = &w.leaf;
    let l = &tree.nodes[*node].leaves[*leaf];
    let a = texts.iter().enumerate().map(|(k, t)| arg(&l.parts, k, t)).chain(given).collect();
    super::tests::chain(tree, lib, steps, (*node, *leaf, a), body)
}

/// The name of an action's body struct in `api::bodies`.
fn body_struct(index: usize, calls: &Calls<'_>) -> Option<String> {
    let tree = calls.tree?;
    let (node, leaf) = tree.calls.get(index)?.leaf;
    tree.nodes[node].leaves[leaf].body_struct.clone()
}

/// The documented answer, as the type the snippet's `let` names.
fn answer(ctx: &Ctx<'_>, op: &crate::ir::Operation, lit: &mut Literal<'_, '_>) -> Answer {
    // A `202 Accepted`: the operation to poll, read from the `Location` header.
    if let Some(m) = &op.response.monitor {
        let (ty, _) = short_type(ctx, m, lit);
        lit.uses.runtime.insert("Operation".into());
        return Answer::Value(quote!(Operation<#ty>), "operation".into());
    }
    if let Some(t) = &op.response.multi_status {
        let (ty, _) = short_type(ctx, &TypeRef { name: t.name.clone(), collection: false }, lit);
        let ty = if t.collection {
            lit.uses.runtime.insert("Page".into());
            quote!(Page<#ty>)
        } else {
            ty
        };
        return Answer::Value(quote!(Option<#ty>), "failed".into());
    }
    let t = match &op.response.r#type {
        _ if op.response.status == 204 => return Answer::Nothing,
        _ if (300..400).contains(&op.response.status) => return Answer::Bytes,
        None => return Answer::Nothing,
        Some(t) if t.name == crate::ir::primitive::STREAM => return Answer::Bytes,
        Some(t) => t,
    };
    let single = TypeRef { name: t.name.clone(), collection: false };
    let (ty, simple) = short_type(ctx, &single, lit);
    // A collection is a `Page` (its `value` and `next_link`); a primitive or enum answer comes
    // unwrapped from its `{"value": ..}`.
    if t.collection {
        lit.uses.runtime.insert("Page".into());
        return Answer::Value(quote!(Page<#ty>), "page".into());
    }
    Answer::Value(ty, crate::naming::snake(&simple))
}

/// A type as the snippet writes it, through its `use` line, with a variable name for it.
fn short_type(ctx: &Ctx<'_>, t: &TypeRef, lit: &mut Literal<'_, '_>) -> (TokenStream, String) {
    let named = |id: &str| {
        let i = ident(id);
        (quote!(#i), id.to_string())
    };
    if let Some((_, id)) = ctx.polymorphic.get(&t.name).or_else(|| ctx.types.get(&t.name)) {
        lit.uses.models.insert(id.clone());
        return named(id);
    }
    if let Some((_, id)) = ctx.enums.get(&t.name) {
        lit.uses.enums.insert(id.clone());
        return named(id);
    }
    (ctx.rust_type(None, t), "value".into())
}

/// The statements, formatted as `rustfmt` would inside a function, `use` lines first and a
/// blank line after them.
fn format(uses: &[String], note: &[String], stmts: TokenStream) -> Result<String, String> {
    let file = quote! {
        async fn snippet() {
            #stmts
        }
    };
    let parsed: syn::File = syn::parse2(file).map_err(|e| format!("the snippet does not parse: {e}"))?;
    let text = rustfmt_chains(&prettyplease::unparse(&parsed));
    let body: Vec<&str> = text.lines().collect();
    let inner = body.get(1..body.len().saturating_sub(1)).unwrap_or(&[]);
    let mut out = String::new();
    for u in uses {
        out.push_str(u);
        out.push('\n');
    }
    if !uses.is_empty() {
        out.push('\n');
    }
    for l in note {
        out.push_str(l);
        out.push('\n');
    }
    for l in inner {
        out.push_str(l.strip_prefix("    ").unwrap_or(l));
        out.push('\n');
    }
    Ok(out)
}

/// A call on a closing brace or bracket at the brace's indent, as `rustfmt` writes it, where
/// `prettyplease` indents it one level more:
///
/// ```text
/// }                    }
///     .into(),   →     .into(),
/// ```
fn rustfmt_chains(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The indent of the closer whose calls are being moved, and by how much.
    let mut moving: Option<(usize, usize)> = None;
    let mut previous = "";
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let call = line.trim_start().starts_with('.');
        let prev_indent = previous.len() - previous.trim_start().len();
        let closer = matches!(previous.trim(), "}" | "]" | "})" | "])");
        moving = match moving {
            Some((at, by)) if call && indent == at + by => Some((at, by)),
            _ if call && closer && indent > prev_indent => Some((prev_indent, indent - prev_indent)),
            _ => None,
        };
        match moving {
            Some((at, _)) => {
                out.push_str(&" ".repeat(at));
                out.push_str(line.trim_start());
            }
            None => out.push_str(line),
        }
        out.push('\n');
        previous = line;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rustfmt_chains;

    #[test]
    fn a_call_on_a_closing_brace_sits_at_the_brace_as_rustfmt_writes_it() {
        let pretty = "let a = A {\n    b: B {\n        c: 1,\n    }\n        .into(),\n    d: [\n        1,\n    ]\n        .into(),\n};\nlet r = x()\n    .y();\n";
        let want = "let a = A {\n    b: B {\n        c: 1,\n    }\n    .into(),\n    d: [\n        1,\n    ]\n    .into(),\n};\nlet r = x()\n    .y();\n";
        assert_eq!(rustfmt_chains(pretty), want);
    }
}
