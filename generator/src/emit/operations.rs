//! One request function per documented method and path, grouped in modules by the path's root.

use super::context::{ident, Ctx};
use crate::ir::{Body, Operation, TypeRef};
use crate::path::{PathTemplate, Piece};
use crate::plan::OpPlan;
use proc_macro2::TokenStream;
use quote::quote;

/// What a request function or method needs besides its path: the body argument and how it is
/// sent, the parameter struct of an action's body, the doc lines, the answer kind.
pub struct Parts {
    pub body_arg: Option<TokenStream>,
    pub body_call: TokenStream,
    pub body_item: TokenStream,
    pub docs: Vec<String>,
    /// The feature's sentence ("Available with the `x` feature."), after a blank doc line: the
    /// last of an item's docs, right above its doc aliases.
    pub feature: [String; 2],
    pub kind: TokenStream,
    pub method: proc_macro2::Ident,
    pub cfg: TokenStream,
}

/// `taken`: the query parameters the method takes as arguments (see [`super::query_args`]).
pub fn parts(ctx: &Ctx<'_>, plan: &OpPlan<'_>, (body_struct, taken): (Option<&str>, &[String]), version: &str) -> Parts {
    let op = plan.op;
    let (body_arg, body_call, body_item) = match (&op.body, body_struct) {
        // Bytes (`PUT .../content`, `.../photo/$value`): sent as they are.
        // Under the one media type the page's `Content-Type` row names (a language page's
        // `application/json`, a photo's `image/jpeg`), else `application/octet-stream`.
        (Some(Body::Type(t)), _) if is_stream(t) => {
            let call = match documented_media_type(op) {
                Some(m) => quote!(.bytes(body).content_type(#m)),
                None => quote!(.bytes(body)),
            };
            (Some(quote!(body: impl Into<Vec<u8>>)), call, quote!())
        }
        (Some(Body::Type(t)), _) => {
            let ty = body_type(ctx, t);
            (Some(quote!(body: #ty)), quote!(.json(body)), quote!())
        }
        (Some(Body::Parameters(params)), Some(s)) => {
            let s = ident(s);
            let d = format!(" Body of `{} {}`.", op.method, op.path);
            let item = parameter_struct(ctx, &s, (params, &Default::default()), &[d], std::iter::once(plan.area.as_str()));
            (Some(quote!(body: &#s)), quote!(.json(body)), item)
        }
        _ => (None, quote!(), quote!()),
    };
    let body_call = if op.response.respond_async { quote!(#body_call.prefer("respond-async")) } else { body_call };
    let stem = op.source.file.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
    let view = if version == "beta" { "graph-rest-beta" } else { "graph-rest-1.0" };
    let mut docs = vec![format!(" {}", if op.title.is_empty() { op.method.as_str() } else { &op.title })];
    for p in &op.description {
        docs.push(String::new());
        docs.push(format!(" {}", super::doc::clean(p)));
    }
    docs.extend([
        String::new(),
        format!(" `{} {}{}`", op.method, op.path, op.query.as_deref().map(|q| format!("?{q}")).unwrap_or_default()),
        String::new(),
        format!(" Docs: <https://learn.microsoft.com/graph/api/{stem}?view={view}> (from `{}`)", op.source.file),
    ]);
    // Other pages of the same request (one per derived type, as Intune's updates are, or a
    // page per way in): the title is the chosen page's, the request takes what all of them send.
    let mut others: Vec<&String> = op.settled.others.iter().filter(|f| **f != op.source.file).collect();
    others.sort();
    others.dedup();
    if !others.is_empty() {
        let shown: Vec<String> = others.iter().take(OTHER_PAGES_SHOWN).map(|f| docs_link(f, view)).collect();
        let more = others.len().saturating_sub(OTHER_PAGES_SHOWN);
        let more = if more > 0 { format!(", and {more} more") } else { String::new() };
        docs.push(String::new());
        docs.push(format!(" Also documented on {}{more}.", shown.join(", ")));
    }
    let what = |t: &TypeRef| if t.collection { "the answer's items are" } else { "the answer is" };
    if let Some(note) = op.response.r#type.as_ref().and_then(|t| ctx.undefined_note(&t.name, what(t))) {
        docs.push(String::new());
        docs.push(note);
    }
    if let Some(note) = one_kind_note(ctx, op) {
        docs.push(String::new());
        docs.push(note);
    }
    if let Some(t) = &op.response.multi_status {
        let what = if t.collection { "a page of" } else { "one" };
        let name = t.name.rsplit('.').next().unwrap_or(&t.name);
        docs.push(String::new());
        docs.push(format!(" Answers `None` for `{}`, and `Some` with the body of a `207 Multi-Status`, {what} `{name}` as the page's example shows it: the part that could not be done (the rest was).", op.response.status));
    }
    // Fields, not bytes: a photo's PATCH sends the picture whole.
    if op.method == crate::ir::HttpMethod::Patch && matches!(&op.body, Some(Body::Type(t)) if !t.is_primitive()) {
        docs.push(String::new());
        docs.push(PATCH_DOC.to_string());
    }
    // An update the page answers with the entity: a service may answer `204` all the same.
    if matches!(op.method, crate::ir::HttpMethod::Patch | crate::ir::HttpMethod::Put) && answers_json(ctx, op) {
        docs.push(String::new());
        docs.push(NO_CONTENT_DOC.to_string());
    }
    docs.extend(usage_docs(op, taken));
    if !op.permissions.is_empty() {
        docs.push(String::new());
        docs.push(" Permissions (least privileged first):".to_string());
        docs.extend(op.permissions.iter().map(|p| format!(" - {}: {}", super::doc::clean(&p.kind), super::doc::clean(&p.scopes))));
    }
    let feature = [String::new(), super::features::available(std::iter::once(plan.area.as_str()))];
    let area = &plan.area;
    Parts {
        body_arg,
        body_call,
        body_item,
        docs,
        feature,
        kind: response_kind(ctx, op),
        method: ident(op.method.as_str()),
        cfg: quote!(#[cfg(feature = #area)] #[cfg_attr(docsrs, doc(cfg(feature = #area)))]),
    }
}

/// The media type bytes go under by default: the one a page's `Content-Type` request header
/// row names as its whole first sentence ("application/json. Required."), else the first it
/// offers (`text/html or application/xhtml+xml` for a OneNote page: the
/// service refuses `application/octet-stream` there) that is neither JSON, which a typed body
/// sends, nor multipart, which needs a boundary the caller makes. None where the row only
/// describes the header in words; the caller's `.content_type(..)` sends another.
pub fn documented_media_type(op: &Operation) -> Option<String> {
    let row = op.headers.iter().find(|h| h.name.eq_ignore_ascii_case("content-type"))?;
    let token = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'));
    // A top-level type of IANA's registry, so that `and/or` is no media type.
    const TOP: &[&str] = &["application", "audio", "font", "image", "message", "model", "multipart", "text", "video"];
    let media = |t: &str| t.split_once('/').is_some_and(|(kind, sub)| TOP.contains(&kind.to_ascii_lowercase().as_str()) && token(sub));
    let first = row.description.split(". ").next()?.trim().trim_end_matches('.').trim();
    if media(first) {
        return Some(first.to_ascii_lowercase());
    }
    let words = row.description.split(|c: char| c.is_whitespace() || matches!(c, '`' | ',' | ';' | '(' | ')'));
    let offered = words.map(|w| w.trim_end_matches(['.', ':'])).filter(|w| media(w));
    offered.map(str::to_ascii_lowercase).find(|t| t != "application/json" && !t.starts_with("multipart/"))
}

/// How many of the other pages documenting a request its docs link.
const OTHER_PAGES_SHOWN: usize = 8;

/// A markdown link to the published page of the docs file `file`, named by its stem.
fn docs_link(file: &str, view: &str) -> String {
    let stem = file.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
    format!("[{stem}](https://learn.microsoft.com/graph/api/{stem}?view={view})")
}

/// What an update answered with no body reads as, and how to read it as `None`.
const NO_CONTENT_DOC: &str = " Where the service answers `204 No Content` instead of the updated entity, this request's answer is an error (the update was made); `.or_no_content()` reads the answer as an `Option`, `None` for no body.";

/// What a PATCH body's fields do: the service changes only what is sent.
const PATCH_DOC: &str = " Only the fields the body sends change: a field left `Absent` (the default, and what `None.into()` gives) is not sent and keeps its value; `Nullable::clear()` (`Nullable::Null`) sends `null` and clears it.";

/// How an argument whose parameter the docs type is taken, beside `&str`.
#[derive(Clone)]
enum Taken {
    /// An enum (`supportedTimeZones(TimeZoneStandard=..)`) or a primitive kept as its wire text
    /// (`Date`): `impl AsRef<str>`, the value or its text, sent as given (an example writing a
    /// member in another letter case, `'Iana'`, is sent as it writes it). The doc link's path.
    Text(String),
    /// A number or Boolean (`cell(row=..,column=..)`): `impl Display`, written as Rust writes
    /// it (`5`, `true`); a text is sent as given. The Rust type's name.
    Shown(&'static str),
}

/// The arguments whose parameter the docs type as other than a string, by argument name.
pub struct TypedArgs(std::collections::BTreeMap<String, Taken>);

impl TypedArgs {
    /// A request function's: each of its parameters.
    pub fn of(ctx: &Ctx<'_>, plan: &OpPlan<'_>) -> TypedArgs {
        let typed = plan.op.parameters.iter().map(|p| p.r#type.as_ref().map(|t| t.name.as_str()));
        Self::named(ctx, plan.args.iter().zip(typed))
    }

    /// A method's: the arguments its path parts take (`PathPart::Arg::index` into `args`).
    pub fn of_parts(ctx: &Ctx<'_>, args: &[String], parts: &[super::tree::PathPart]) -> TypedArgs {
        let typed = parts.iter().filter_map(|p| match p {
            super::tree::PathPart::Arg { index, of, .. } => Some((args.get(*index)?, of.as_deref())),
            super::tree::PathPart::Text(_) => None,
        });
        Self::named(ctx, typed)
    }

    fn named<'t>(ctx: &Ctx<'_>, typed: impl Iterator<Item = (&'t String, Option<&'t str>)>) -> TypedArgs {
        use crate::ir::primitive::RustType;
        let taken = |q: &str| match (ctx.enums.get(q), crate::ir::primitive::by_name(q).map(|p| p.rust)) {
            (Some((_, id)), _) => Some(Taken::Text(format!("crate::enums::{id}"))),
            (None, Some(RustType::Edm(t))) => Some(Taken::Text(format!("crate::edm::{t}"))),
            (None, Some(RustType::Native(t))) if t != "String" => Some(Taken::Shown(t)),
            _ => None,
        };
        TypedArgs(typed.filter_map(|(a, t)| Some((a.clone(), taken(t?)?))).collect())
    }

    /// The type of argument `a`.
    pub fn ty(&self, a: &str) -> TokenStream {
        match self.0.get(a) {
            Some(Taken::Text(_)) => quote!(impl AsRef<str>),
            Some(Taken::Shown(_)) => quote!(impl std::fmt::Display),
            None => quote!(&str),
        }
    }

    /// For each of `args` taken so, the text it is sent as (`let a: &str = a.as_ref();`), so
    /// the path is built from text as for the others.
    pub fn bind(&self, args: &[proc_macro2::Ident]) -> TokenStream {
        let binds = args.iter().filter_map(|a| match self.0.get(&a.to_string())? {
            Taken::Text(_) => Some(quote!(let #a: &str = #a.as_ref();)),
            Taken::Shown(_) => Some(quote!(let #a = #a.to_string(); let #a = #a.as_str();)),
        });
        quote!(#(#binds)*)
    }

    /// A doc line for each of `args` taken so.
    pub fn docs(&self, args: &[String]) -> Vec<String> {
        let lines = args.iter().filter_map(|a| {
            Some(match self.0.get(a)? {
                Taken::Text(path) => {
                    let name = path.rsplit("::").next().unwrap_or(path);
                    format!(" `{a}` takes a [`{name}`]({path}) or its wire text, sent as given.")
                }
                Taken::Shown(t) => format!(" `{a}` takes a `{t}` value or its text (any `Display`), sent as given."),
            })
        });
        let lines: Vec<String> = lines.collect();
        if lines.is_empty() {
            return lines;
        }
        std::iter::once(String::new()).chain(lines).collect()
    }
}

/// A free request function (`ops::me::messages_list()`): the layout before the fluent API, kept
/// so that `cargo xtask bench` can compare compile times of the two in one run.
pub fn function(ctx: &Ctx<'_>, plan: &OpPlan<'_>, version: &str) -> TokenStream {
    let op = plan.op;
    let name = ident(&plan.function);
    let args: Vec<_> = plan.args.iter().map(|a| ident(a)).collect();
    let path = path_expr(op, &args);
    let Parts { body_arg, body_call, body_item, mut docs, feature, kind, method, cfg } =
        parts(ctx, plan, (plan.body_struct.as_deref(), &[]), version);
    let enums = TypedArgs::of(ctx, plan);
    docs.extend(enums.docs(&plan.args));
    let tys = plan.args.iter().map(|a| enums.ty(a));
    let bind = enums.bind(&args);
    let allow = (args.len() + usize::from(body_arg.is_some()) > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #body_item
        #cfg
        #(#[doc = #docs])*
        #(#[doc = #feature])*
        #allow
        pub fn #name(#(#args: #tys,)* #body_arg) -> crate::runtime::Request<#kind> {
            #bind
            let path = #path;
            crate::runtime::Request::new(http::Method::#method, path)#body_call
        }
    }
}

/// What the page says a caller can add: the OData query options it supports, the other query
/// parameters and the request headers it names, each with the first sentences of its description.
fn usage_docs(op: &Operation, taken: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(m) = &op.response.monitor {
        let read = if crate::ir::ANY_JSON.contains(&m.name.as_str()) {
            "the work's state as JSON (the docs name no type for it)".to_string()
        } else {
            format!("the `{}` that says how the work goes", m.name.rsplit('.').next().unwrap_or(&m.name))
        };
        lines.push(String::new());
        lines.push(format!(
            " The service answers `202 Accepted` before the work is done: the answer is a [`runtime::Operation`](crate::runtime::Operation) read from its `Location` header (else `Operation-Location`, as OneNote answers), whose `poll()` reads {read}."
        ));
        if op.response.respond_async {
            lines.push(" The request asks for that answer with `Prefer: respond-async`, as the docs' examples do.".to_string());
        }
    }
    if !op.query_options.is_empty() {
        let list: Vec<String> = op.query_options.iter().map(|o| format!("`{o}`")).collect();
        lines.push(String::new());
        lines.push(match &op.settled.query_options {
            // Wider than the page's list: say so, and why, so nobody reads it as the page's.
            Some(why) => format!(" Query options: {} ({why}).", list.join(", ")),
            None => format!(" Query options the docs name: {}.", list.join(", ")),
        });
    }
    if !op.query_parameters.is_empty() {
        lines.push(String::new());
        lines.push(if taken.is_empty() {
            " Query parameters the docs name (add each with `.query(name, value)`):".to_string()
        } else {
            " Query parameters the docs name (those its request line requires are the method's last arguments; add the others with `.query(name, value)`):".to_string()
        });
        // A delta function's state tokens travel in the links its walk follows: not the caller's.
        let delta = op.delta_item().is_some();
        let arg = |name: &str| {
            if taken.iter().any(|t| t == name) {
                ", an argument"
            } else if delta && ["$deltatoken", "$skiptoken"].contains(&name) {
                ", in the links `client.sync` follows and `resume` starts from: not set by hand"
            } else {
                ""
            }
        };
        lines.extend(op.query_parameters.iter().map(|p| item(&format!("`{}` ({}{})", p.name, p.r#type, arg(&p.name)), &p.description)));
    }
    // A query the request line writes with a placeholder that no table lists and the method
    // does not take (`GET /sites?search={query}`): the line is the docs' one statement of it.
    let unlisted: Vec<&str> = super::query_args::placeholders(op)
        .into_iter()
        .filter(|n| !taken.iter().any(|t| t == n) && !op.query_parameters.iter().any(|p| p.name == *n))
        .collect();
    if !unlisted.is_empty() {
        let shown: Vec<String> = unlisted.iter().map(|n| format!("`.query(\"{n}\", value)`")).collect();
        lines.push(String::new());
        lines.push(format!(
            " The request line adds {}: {}.",
            if shown.len() == 1 { "a query parameter" } else { "query parameters" },
            shown.join(", ")
        ));
    }
    lines.extend(query_answers(op));
    // A `Content-Type` row on a request that sends nothing (many GET and delta pages copy it)
    // would tell the reader to set a header the client rightly leaves out.
    let headers: Vec<_> = op.headers.iter().filter(|h| op.body.is_some() || !h.name.eq_ignore_ascii_case("content-type")).collect();
    if !headers.is_empty() {
        lines.push(String::new());
        lines.push(" Request headers the docs name:".to_string());
        lines.extend(headers.iter().map(|h| item(&format!("`{}`", h.name), &h.description)));
    }
    lines
}

/// A method that reads no answer, where an example adds a query and is answered with a body
/// (`?requiresReview=true` on a Teams app's new definition: `201 Created` and the definition,
/// where the plain call answers `204`): how to read that answer, so it is not thrown away.
fn query_answers(op: &Operation) -> Vec<String> {
    if op.response.r#type.is_some() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for e in &op.examples {
        let (Some(req), Some(resp)) = (&e.request, &e.response) else { continue };
        let Some((_, query)) = req.path.split_once('?') else { continue };
        if resp.status == op.response.status || resp.body.is_none() {
            continue;
        }
        lines.push(String::new());
        lines.push(format!(
            " An example of the page adds `?{query}` and is answered `{}` with a body, which this method does not read: the request's `.answer_as::<Json<serde_json::Value>>()` reads it, or into any type it decodes as ([`Request::answer_as`](crate::runtime::Request::answer_as), [`Json`](crate::runtime::Json)).",
            resp.status
        ));
    }
    lines
}

/// ` - name: First sentences of the description. Required.` (the name alone when there is
/// none): whole sentences up to 200 characters (the first one cut at a word past that), and
/// whether the docs say the header or parameter is required or optional, which they write last.
fn item(name: &str, description: &str) -> String {
    let description = super::doc::clean(description);
    // Whole sentences while they fit: a first sentence of one word ("eventual.") leaves out the
    // condition the next one states ("This header and `$count` are required when ...").
    let sentences: Vec<&str> = description.split(". ").map(|s| s.trim().trim_end_matches('.')).filter(|s| !s.is_empty()).collect();
    let mut kept: Vec<&str> = Vec::new();
    for s in &sentences {
        let len: usize = kept.iter().map(|k| k.chars().count() + 2).sum::<usize>() + s.chars().count();
        if !kept.is_empty() && len > ITEM_CHARS {
            break;
        }
        kept.push(s);
    }
    let mut first = kept.join(". ");
    if first.chars().count() > ITEM_CHARS {
        let cut: String = first.chars().take(ITEM_CHARS).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        first = format!("{}…", cut[..at].trim_end_matches([',', ';', ':']));
    }
    let said = |word: &str| description.split(['.', '\n']).any(|s| s.trim().eq_ignore_ascii_case(word));
    let need = ["Required", "Optional"].into_iter().find(|w| said(w) && !kept.iter().any(|k| k.eq_ignore_ascii_case(w)));
    let need = need.map(|w| format!(" {w}.")).unwrap_or_default();
    if first.is_empty() {
        format!(" - {name}{}", need.replacen(' ', ": ", 1))
    } else if first.ends_with('…') {
        format!(" - {name}: {first}{need}")
    } else {
        format!(" - {name}: {first}.{need}")
    }
}

/// How much of a description a list item keeps.
const ITEM_CHARS: usize = 200;

/// Raw bytes rather than JSON.
pub fn is_stream(t: &TypeRef) -> bool {
    t.is_stream()
}

/// The bytes an example sends to a stream: its text as written, or a JSON document's text (a
/// user flow page's overrides are JSON put to `$value`), written out again.
pub fn stream_example_text(body: Option<&crate::ir::ExampleBody>) -> String {
    use crate::ir::ExampleBody;
    match body {
        Some(ExampleBody::Text(t)) => t.clone(),
        Some(ExampleBody::Json(v) | ExampleBody::Template(v)) => serde_json::to_string_pretty(v).unwrap_or_default(),
        None => String::new(),
    }
}

/// `&T` for a single body, `&[T]` for a collection.
fn body_type(ctx: &Ctx<'_>, t: &TypeRef) -> TokenStream {
    let single = ctx.rust_type(None, &TypeRef { name: t.name.clone(), collection: false });
    if t.collection {
        quote!(&[#single])
    } else {
        quote!(&#single)
    }
}

/// What a request answers, before it is spelled as a runtime type: one classifier, so the
/// answer's Rust type and the docs written about it cannot disagree.
pub enum Answer<'a> {
    /// `202 Accepted` with a monitor to poll, typed by what the monitor ends with.
    Accepted(&'a TypeRef),
    NoContent,
    Bytes,
    /// An Edm primitive or enum, answered wrapped as `{"value": ...}`.
    Primitive(&'a TypeRef),
    Collection(&'a TypeRef),
    /// One entity or complex value in the body.
    Json(&'a TypeRef),
    /// No content, or a `207 Multi-Status` with this (see `Response::multi_status`).
    MultiStatus(&'a TypeRef),
}

pub fn answer<'a>(ctx: &Ctx<'_>, op: &'a Operation) -> Answer<'a> {
    if let Some(m) = &op.response.monitor {
        return Answer::Accepted(m);
    }
    if let Some(t) = &op.response.multi_status {
        return Answer::MultiStatus(t);
    }
    match &op.response.r#type {
        _ if op.response.status == 204 => Answer::NoContent,
        // A redirect to a download: HTTP clients follow it and the content arrives.
        _ if (300..400).contains(&op.response.status) => Answer::Bytes,
        None => Answer::NoContent,
        Some(t) if t.name == crate::ir::primitive::STREAM => Answer::Bytes,
        Some(t) if !t.collection && answers_wrapped(ctx, t) => Answer::Primitive(t),
        Some(t) if t.collection => Answer::Collection(t),
        Some(t) => Answer::Json(t),
    }
}

pub fn response_kind(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
    let root = &ctx.root;
    match answer(ctx, op) {
        Answer::Accepted(m) => {
            let ty = ctx.rust_type(None, m);
            quote!(#root::runtime::Accepted<#ty>)
        }
        Answer::NoContent => quote!(#root::runtime::NoContent),
        Answer::Bytes => quote!(#root::runtime::Bytes),
        Answer::Primitive(t) => {
            let ty = ctx.rust_type(None, t);
            quote!(#root::runtime::Primitive<#ty>)
        }
        Answer::Collection(t) => {
            let single = ctx.rust_type(None, &TypeRef { name: t.name.clone(), collection: false });
            quote!(#root::runtime::Collection<#single>)
        }
        Answer::Json(t) => {
            let ty = ctx.rust_type(None, t);
            quote!(#root::runtime::Json<#ty>)
        }
        Answer::MultiStatus(t) => {
            let single = ctx.rust_type(None, &TypeRef { name: t.name.clone(), collection: false });
            let ty = if t.collection { quote!(#root::runtime::Page<#single>) } else { single };
            quote!(#root::runtime::MaybeJson<#ty>)
        }
    }
}

/// Whether [`response_kind`] is `Json<T>`: one entity or complex value in the body.
fn answers_json(ctx: &Ctx<'_>, op: &Operation) -> bool {
    matches!(answer(ctx, op), Answer::Json(_))
}

/// Edm primitives and enums, which Graph answers wrapped as `{"value": ...}`.
/// Any JSON (`Edm.Untyped`) is read as the body is, with no wrapper taken off.
pub fn answers_wrapped(ctx: &Ctx<'_>, t: &TypeRef) -> bool {
    !crate::ir::ANY_JSON.contains(&t.name.as_str()) && (t.name.starts_with("Edm.") || ctx.api.enums.contains_key(&t.name))
}

/// A title naming one kind (`Create webApp`) of what the request takes or answers (`mobileApp`):
/// Intune writes a page per kind, and the request, chosen from one of them, is for every kind.
fn one_kind_note(ctx: &Ctx<'_>, op: &Operation) -> Option<String> {
    // `Create webApp`: a verb and the kind, as Intune titles its pages (not `List deleted items
    // owned by a user`, whose last word is no kind of what it answers).
    let [_, word] = op.title.split_whitespace().collect::<Vec<_>>()[..] else { return None };
    let kind = ctx.api.types.get(&format!("{}.{word}", crate::frontend::DEFAULT_NAMESPACE))?;
    let (what, t) = match (&op.body, &op.response.r#type) {
        (Some(Body::Type(t)), _) => ("takes", t),
        (_, Some(t)) => ("answers", t),
        _ => return None,
    };
    let base = crate::ir::lineage(&ctx.api.types, &kind.name).into_iter().skip(1).find(|b| b.name == t.name)?;
    let simple = |q: &str| q.rsplit('.').next().unwrap_or(q).to_string();
    Some(format!(
        " The page is written for one kind of `{}`, `{word}`; this request {what} any kind, each told apart by its `@odata.type`.",
        simple(&base.name)
    ))
}

/// For each `{x}` of a path, whether it sits between `'` (an OData string literal, whose `'`
/// are doubled on the wire).
pub fn quoted_params(path: &PathTemplate) -> Vec<bool> {
    path.params().into_iter().map(|p| p.quoted).collect()
}

/// The path template with each `{x}` replaced by its encoded argument: literal text and
/// arguments joined with `concat`, or a plain string when there are no parameters.
fn path_expr(op: &Operation, args: &[proc_macro2::Ident]) -> TokenStream {
    let quoted = quoted_params(&op.path);
    if quoted.is_empty() {
        let text = op.path.as_str();
        return quote!(#text.to_string());
    }
    // Literal text between parameters, `/` between segments included.
    let mut tokens: Vec<TokenStream> = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    for seg in op.path.segments() {
        lit.push('/');
        for piece in &seg.pieces {
            match piece {
                Piece::Text(t) => lit.push_str(t),
                Piece::Param(_) => {
                    let quoted = quoted.get(i).copied().unwrap_or(false);
                    // A whole segment is a key: `key` writes its `/` (or OData's `('$x')`).
                    let whole = seg.pieces.len() == 1 && !quoted;
                    if whole {
                        lit.pop();
                    }
                    if !lit.is_empty() {
                        let l = std::mem::take(&mut lit);
                        tokens.push(quote!(#l));
                    }
                    let arg = args.get(i).cloned().unwrap_or_else(|| ident("missing"));
                    tokens.push(if quoted {
                        quote!(&crate::runtime::function_arg(#arg))
                    } else if whole {
                        quote!(&crate::runtime::key(#arg))
                    } else {
                        quote!(&crate::runtime::segment(#arg))
                    });
                    i += 1;
                }
            }
        }
    }
    if !lit.is_empty() {
        tokens.push(quote!(#lit));
    }
    quote!([#(#tokens),*].concat())
}

/// The body of an action: a struct of its parameters, with doc lines `docs`, compiled by any of
/// `areas`.
pub fn parameter_struct<'a>(
    ctx: &Ctx<'_>,
    name: &proc_macro2::Ident,
    (params, notes): (&[crate::ir::Property], &std::collections::BTreeMap<String, Vec<String>>),
    docs: &[String],
    areas: impl Iterator<Item = &'a str> + Clone,
) -> TokenStream {
    let names = super::models::parameter_names(params);
    let mut fields: Vec<_> = params.iter().zip(&names).map(|(p, id)| super::models::field(ctx, None, p, id)).collect();
    // A field its pages describe differently (`shared_params`) says so; its own description is
    // empty, so these lines are all its docs.
    for (f, p) in fields.iter_mut().zip(params) {
        if let Some(lines) = notes.get(&p.name) {
            let decl = &f.decl;
            f.decl = quote!(#(#[doc = #lines])* #decl);
        }
    }
    let available = super::features::available_doc(areas.clone());
    super::models::object(name, quote!(#(#[doc = #docs])* #available), &fields, &super::features::item_gate(areas))
}

#[cfg(test)]
mod tests {
    use super::{documented_media_type, item};

    #[test]
    fn a_stream_goes_under_the_one_media_type_its_page_names() {
        let op = |ct: &str| -> crate::ir::Operation {
            let op = serde_json::json!({
                "method": "PUT", "path": "/pages/{id}/$value", "source": {"file": "v1.0/api/page-put.md", "line": 1},
                "parameters": [], "headers": [{"name": "Content-Type", "description": ct}], "response": {"status": 204}
            });
            serde_json::from_value(op).expect("an operation")
        };
        assert_eq!(documented_media_type(&op("application/json. Required.")).as_deref(), Some("application/json"));
        assert_eq!(documented_media_type(&op("image/jpeg")).as_deref(), Some("image/jpeg"));
        let onenote = "`text/html` or `application/xhtml+xml` for the HTML content. Multipart requests use the `multipart/form-data; boundary=your-boundary` content type.";
        assert_eq!(documented_media_type(&op(onenote)).as_deref(), Some("text/html"));
        let mime = "Nature of the data. <br/> Use `application/json` for a JSON object and `text/plain` for MIME content.";
        assert_eq!(documented_media_type(&op(mime)).as_deref(), Some("text/plain"));
        assert_eq!(documented_media_type(&op("Nature of the data in the body of an entity. Required.")), None);
    }

    #[test]
    fn an_item_keeps_whole_sentences_that_fit_whole_words_and_whether_it_is_required() {
        assert_eq!(
            item("`If-Match`", "Last known ETag value for the task to be deleted. Required."),
            " - `If-Match`: Last known ETag value for the task to be deleted. Required."
        );
        assert_eq!(item("`Prefer`", "return=minimal. Optional."), " - `Prefer`: return=minimal. Optional.");
        assert_eq!(item("`X`", "Required."), " - `X`: Required.");
        assert_eq!(item("`X`", ""), " - `X`");
        let long = format!("{} the item.", "word ".repeat(60));
        let got = item("`If-Match`", &long);
        assert!(got.ends_with("word…"), "{got}");
        assert!(got.chars().count() < 230, "{got}");
        // A one-word first sentence keeps the condition after it, as far as the limit goes.
        let got = item(
            "`ConsistencyLevel`",
            "eventual. This header and `$count` are required when using `$search`. It uses an index that may not be up-to-date with recent changes to the object, which a sentence this long, with the words after it, does not fit in beside the others.",
        );
        assert_eq!(got, " - `ConsistencyLevel`: eventual. This header and `$count` are required when using `$search`.");
    }
}
