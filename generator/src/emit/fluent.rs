//! The request API that mirrors the URL (see [`super::tree`]): one module per path root under
//! `api`, one type per node holding the encoded path so far, steps that return the next node,
//! leaves that return a [`Request`](crate) value. Entry functions (`msgraph::me()`) live at the
//! crate root.

use super::context::{ident, Ctx};
use super::operations::{self, Parts};
use super::tree::{Leaf, Node, PathPart, Step, Tree};
use crate::plan::OpPlan;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// `src/api/<module>.rs` for every module, `src/api/mod.rs`, and the entry functions for
/// `lib.rs`.
pub fn emit(
    ctx: &Ctx<'_>,
    plans: &[OpPlan<'_>],
    tree: &Tree<'_>,
    version: &str,
) -> (BTreeMap<String, TokenStream>, TokenStream, TokenStream) {
    let mut modules: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    let mut module_areas: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let places = Places::of(tree);
    for node in tree.nodes.iter().skip(1).filter(|n| !n.type_name.is_empty()) {
        modules.entry(&node.module).or_default().push(node_items(ctx, plans, (tree, &places), node, version));
        module_areas.entry(&node.module).or_default().extend(node.areas.iter().map(String::as_str));
    }
    bodies(ctx, plans, tree, &mut modules, &mut module_areas);
    let files = modules.iter().map(|(m, items)| (m.to_string(), quote!(#(#items)*))).collect();
    let mods = modules.keys().map(|m| {
        let id = ident(m);
        let cfg = super::features::item_gate(module_areas.get(m).into_iter().flatten().copied());
        quote!(#cfg pub mod #id;)
    });
    let api_mod = quote! {
        //! The request API, one module per path root: a type per place in the URL (holding the
        //! encoded path so far), methods that step to the next place, and methods named after
        //! the HTTP verb (`list`, `get`, `create`, `update`, `replace`, `delete`) or after the
        //! action or function (`send_mail`, `delta`) that return a [`crate::Request`]. Start at
        //! the crate root: `CRATE::me().messages().list()`.
        #(#mods)*
    };
    let root = &tree.nodes[0];
    let entries = root.steps.iter().map(|s| entry(ctx, plans, tree, s));
    (files, api_mod, quote!(#(#entries)*))
}

/// The module of action bodies (see [`super::tree::BODIES`]): each struct once, compiled by any
/// area of the operations that take it; each path module re-exports the ones its methods take,
/// where the name is free there (`api::users::SendMailBody` is `api::bodies::SendMailBody`).
fn bodies<'t>(
    ctx: &Ctx<'_>,
    plans: &'t [OpPlan<'_>],
    tree: &'t Tree<'_>,
    modules: &mut BTreeMap<&'t str, Vec<TokenStream>>,
    module_areas: &mut BTreeMap<&'t str, BTreeSet<&'t str>>,
) {
    // Body name → (its leaves' plans, areas, paths); (module, body name) → areas there.
    let mut structs: BTreeMap<&str, (Vec<usize>, BTreeSet<&str>)> = BTreeMap::new();
    let mut uses: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    let mut type_names: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for node in tree.nodes.iter().skip(1).filter(|n| !n.type_name.is_empty()) {
        type_names.entry(&node.module).or_default().insert(&node.type_name);
    }
    for node in tree.nodes.iter().skip(1) {
        for leaf in &node.leaves {
            let Some(name) = leaf.body_struct.as_deref() else { continue };
            let area = plans[leaf.plan].area.as_str();
            let entry = structs.entry(name).or_default();
            entry.0.push(leaf.plan);
            entry.1.insert(area);
            uses.entry((&node.module, name)).or_default().insert(area);
        }
    }
    if structs.is_empty() {
        return;
    }
    let mut items = Vec::new();
    for (name, (ps, areas)) in &structs {
        if !matches!(&plans[ps[0]].op.body, Some(crate::ir::Body::Parameters(_))) {
            continue;
        }
        let (params, notes) = super::shared_params::merged(ps.iter().map(|&p| plans[p].op));
        let mut docs = vec![" Body of:".to_string()];
        let mut paths: Vec<String> = ps.iter().map(|&p| format!(" - `{} {}`", plans[p].op.method, plans[p].op.path)).collect();
        paths.dedup();
        docs.extend(paths);
        items.push(operations::parameter_struct(ctx, &ident(name), (&params, &notes), &docs, areas.iter().copied()));
    }
    let bodies = super::tree::BODIES;
    module_areas.entry(bodies).or_default().extend(structs.values().flat_map(|(_, a)| a.iter().copied()));
    modules.entry(bodies).or_default().extend(items);
    for ((module, name), areas) in uses {
        if type_names.get(module).is_some_and(|t| t.contains(name)) {
            continue;
        }
        let (id, gate) = (ident(name), super::features::item_gate(areas.into_iter()));
        let m = ident(bodies);
        modules.entry(module).or_default().push(quote!(#gate pub use super::#m::#id;));
    }
}

/// An entry function at the crate root: `pub fn me() -> api::users::UsersItem`.
fn entry(ctx: &Ctx<'_>, plans: &[OpPlan<'_>], tree: &Tree<'_>, step: &Step) -> TokenStream {
    let child = &tree.nodes[step.child];
    let name = ident(&step.method);
    let module = ident(&child.module);
    let ty = ident(&child.type_name);
    let args: Vec<_> = step.args.iter().map(|a| ident(a)).collect();
    let path = match step.parts.as_slice() {
        [PathPart::Text(t)] => quote!(#t.to_string()),
        parts => path_tokens(quote!(""), parts, &args),
    };
    let cfg = super::features::item_gate(child.areas.iter().map(String::as_str));
    let doc = format!(" `{}`: start a request here.", step.template);
    let available = super::features::available_doc(child.areas.iter().map(String::as_str));
    let menu = menu(child, plans);
    let off = super::features::off_stand_in(ctx.features, &name, None, (args.len(), false), child.areas.iter().map(String::as_str));
    quote! {
        #cfg
        #[doc = #doc]
        #available
        #(#[doc = #menu])*
        pub fn #name(#(#args: &str),*) -> api::#module::#ty {
            api::#module::#ty::at(#path)
        }
        #off
    }
}

/// A node's struct and methods.
fn node_items(ctx: &Ctx<'_>, plans: &[OpPlan<'_>], (tree, places): (&Tree<'_>, &Places), node: &Node<'_>, version: &str) -> TokenStream {
    let ty = ident(&node.type_name);
    let cfg = super::features::item_gate(node.areas.iter().map(String::as_str));
    let doc = if node.also.is_empty() {
        format!(" `{}`", node.template)
    } else {
        // The docs document this place under several spellings; every method is on each.
        let shown: Vec<String> = node.also.iter().take(4).map(|t| format!("`{t}`")).collect();
        let more = node.also.len().saturating_sub(4);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        format!(" `{}`, also reached as {}{more}: one place, so every method below is on each spelling.", node.template, shown.join(", "))
    };
    let available = super::features::available_doc(node.areas.iter().map(String::as_str));
    let menu = menu(node, plans);
    let steps = node.steps.iter().map(|s| step_method(ctx, plans, tree, node, s));
    let leaves = node.leaves.iter().map(|l| leaf_method(ctx, &plans[l.plan], (node, places), l, version));
    let count = node.count.as_deref().map(|name| count_method(name, node));
    // What the collection's list page asks of a cast's request ("`ConsistencyLevel`: eventual
    // ... required when using ... OData cast"): said on each cast, which has no page of its own.
    let listed = node.leaves.iter().filter(|l| l.op.method == crate::ir::HttpMethod::Get).flat_map(|l| l.op.headers.iter());
    let for_casts: Vec<String> = listed
        .filter(|h| h.description.to_ascii_lowercase().contains(" cast"))
        .map(|h| {
            let how =
                if h.name.eq_ignore_ascii_case("consistencylevel") { " (`.list().count(true).consistency_level_eventual()`)" } else { "" };
            format!(" The list's page says of its `{}` header{how}: {}", h.name, h.description.trim())
        })
        .collect();
    let casts = node.casts.iter().map(|c| cast_method(ctx, c, &for_casts));
    quote! {
        #cfg
        #[doc = #doc]
        #available
        #(#[doc = #menu])*
        #[derive(Debug, Clone)]
        pub struct #ty {
            path: String,
        }
        #cfg
        impl #ty {
            pub(crate) fn at(path: String) -> Self {
                #ty { path }
            }
            /// The encoded path this request builder stands for.
            pub fn path(&self) -> &str {
                &self.path
            }
            #(#steps)*
            #(#leaves)*
            #count
            #(#casts)*
        }
    }
}

/// The number of items in the collection here (`GET .../$count`, see
/// [`super::tree::Node::count`]): Graph answers it as text, which `Primitive` reads.
fn count_method(name: &str, node: &Node<'_>) -> TokenStream {
    let name = ident(name);
    // Compiled with its node, so it names the node's features as every request function does.
    let available = super::features::available_doc(node.areas.iter().map(String::as_str));
    // Found in the docs' search as a request function is: `GET /groups/$count`, under each
    // spelling of the place and with every parameter written `{id}`.
    let aliases: BTreeSet<String> = std::iter::once(&node.template)
        .chain(&node.also)
        .flat_map(|t| [format!("GET {t}/$count"), format!("GET {}/$count", any_id(t))])
        .map(|a| a.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect())
        .collect();
    // The query arguments of the list it counts (a calendar view's window).
    let (names, args) =
        super::query_args::counted_list(node).map_or((&[][..], &[][..]), |l| (l.query.as_slice(), super::query_args::arg_names(l)));
    let args: Vec<_> = args.iter().map(|a| ident(a)).collect();
    let window: Vec<String> = (!names.is_empty())
        .then(|| format!(" Takes the list's {}, as the list does.", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")))
        .into_iter()
        .collect();
    quote! {
        /// `GET .../$count`: the number of items in the collection here (with the request's
        /// `filter()` or `search()`), as the service counts them. Directory objects count only
        /// with `consistency_level_eventual()`.
        #(#[doc = #window])*
        #available
        #(#[doc(alias = #aliases)])*
        pub fn #name(&self #(, #args: &str)*) -> crate::runtime::Request<crate::runtime::Primitive<u64>> {
            crate::runtime::Request::new(http::Method::GET, [self.path.as_str(), "/$count"].concat())#(.query(#names, #args))*
        }
    }
}

fn step_method(ctx: &Ctx<'_>, plans: &[OpPlan<'_>], tree: &Tree<'_>, node: &Node<'_>, step: &Step) -> TokenStream {
    let child = &tree.nodes[step.child];
    let name = ident(&step.method);
    // Aliases (see `super::aliases`) can lead into another path module: `/groups/{id}/drive`
    // is `api::drives::DrivesItem`.
    let ty = if child.module == node.module {
        let ty = ident(&child.type_name);
        quote!(#ty)
    } else {
        let (m, ty) = (ident(&child.module), ident(&child.type_name));
        quote!(super::#m::#ty)
    };
    let args: Vec<_> = step.args.iter().map(|a| ident(a)).collect();
    let enums = operations::TypedArgs::of_parts(ctx, &step.args, &step.parts);
    let tys: Vec<TokenStream> = step.args.iter().map(|a| enums.ty(a)).collect();
    let bind = enums.bind(&args);
    let path = path_tokens(quote!(self.path.as_str()), &step.parts, &args);
    // Within the node's own `cfg`, an item compiled by the same areas needs none of its own.
    let cfg = (child.areas != node.areas).then(|| super::features::item_gate(child.areas.iter().map(String::as_str)));
    let doc = format!(" `{}`", step.template);
    let arg_docs = enums.docs(&step.args);
    let available = super::features::available_doc(child.areas.iter().map(String::as_str));
    let menu = menu(child, plans);
    let alias = step.alias.as_ref().map(|a| quote!(#[doc(alias = #a)]));
    // Where the step has a gate of its own, the call still compiles with it off, to a stand-in
    // whose warning names the features.
    let off = cfg.is_some().then(|| {
        super::features::off_stand_in(ctx.features, &name, Some(quote!(&self)), (args.len(), false), child.areas.iter().map(String::as_str))
    });
    quote! {
        #cfg
        #[doc = #doc]
        #(#[doc = #arg_docs])*
        #available
        #(#[doc = #menu])*
        #alias
        pub fn #name(&self, #(#args: #tys),*) -> #ty {
            #bind
            #ty::at(#path)
        }
        #off
    }
}

/// A cast of the node's collection (see [`super::tree::Node::casts`]), compiled where its type
/// is.
fn cast_method(ctx: &Ctx<'_>, cast: &super::tree::CastStep, notes: &[String]) -> TokenStream {
    let name = ident(&cast.method);
    let ty = ctx.rust_type(None, &crate::ir::TypeRef { name: cast.type_name.clone(), collection: false });
    let cfg = ctx.features.item_cfg(&cast.type_name);
    let segment = format!("/{}", cast.type_name);
    let simple = cast.type_name.rsplit('.').next().unwrap_or(&cast.type_name);
    let doc = format!(" `...{segment}`: the items here that are `{simple}`s, to list or count.");
    let notes = notes.iter().map(|n| quote!(#[doc = ""] #[doc = #n]));
    // With the type's features off, rustc names them rather than "no method named `as_group`".
    let off = super::features::off_stand_in(ctx.features, &name, Some(quote!(&self)), (0, false), ctx.features.areas_of(&cast.type_name));
    quote! {
        #cfg
        #[doc = #doc]
        #(#notes)*
        pub fn #name(&self) -> crate::runtime::Cast<#ty> {
            crate::runtime::Cast::at([self.path.as_str(), #segment].concat())
        }
        #off
    }
}

/// A leaf: the request of one documented operation. An action's body struct is in the
/// bodies module, shared by every path to the action.
fn leaf_method(ctx: &Ctx<'_>, plan: &OpPlan<'_>, (node, places): (&Node<'_>, &Places), leaf: &Leaf<'_>, version: &str) -> TokenStream {
    let Parts { body_arg, body_call, mut docs, feature, kind, method, cfg, .. } =
        operations::parts(ctx, plan, (leaf.body_struct.as_deref(), &leaf.query), version);
    let enums = operations::TypedArgs::of_parts(ctx, &leaf.args, &leaf.parts);
    docs.extend(enums.docs(&leaf.args));
    let body_arg = match (&leaf.op.body, leaf.body_struct.as_deref()) {
        (Some(crate::ir::Body::Parameters(_)), Some(s)) => {
            let (m, s) = (ident(super::tree::BODIES), ident(s));
            Some(quote!(body: &super::#m::#s))
        }
        _ => body_arg,
    };
    let cfg = (node.areas.len() != 1 || !node.areas.contains(&plan.area)).then_some(cfg);
    let name = ident(&leaf.method);
    let args: Vec<_> = leaf.args.iter().map(|a| ident(a)).collect();
    let tys: Vec<TokenStream> = leaf.args.iter().map(|a| enums.ty(a)).collect();
    let bind = enums.bind(&args);
    // A place reached by item path ends in `:` (`root:/a.txt:`), which a request there drops.
    let path = if leaf.parts.is_empty() && node.by_path {
        quote!(self.path.strip_suffix(':').unwrap_or(&self.path).to_string())
    } else if leaf.parts.is_empty() {
        quote!(self.path.clone())
    } else {
        path_tokens(quote!(self.path.as_str()), &leaf.parts, &args)
    };
    let aliases = places.aliases(leaf);
    let allow = (args.len() + usize::from(body_arg.is_some()) > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let sep = (!args.is_empty() && body_arg.is_some()).then(|| quote!(,));
    let graph_alias = leaf.alias.as_ref().map(|a| quote!(#[doc(alias = #a)]));
    // An action or function of another area than its node's (`send_mail` on a user) still
    // compiles with that area off, to a stand-in whose warning names it.
    let off = cfg.is_some().then(|| {
        let at = (args.len(), body_arg.is_some());
        super::features::off_stand_in(ctx.features, &name, Some(quote!(&self)), at, std::iter::once(plan.area.as_str()))
    });
    let example = leaf.example.as_deref().map(example_doc).unwrap_or_default();
    // The query parameters it takes are its last arguments.
    let names = &leaf.query;
    let values = super::query_args::arg_names(leaf).iter().map(|a| ident(a));
    let query = quote!(#(.query(#names, #values))*);
    quote! {
        #cfg
        #(#[doc = #docs])*
        #(#[doc = #example])*
        // The feature's sentence after the example, right above the aliases: a grep for a
        // request line's alias shows the feature beside it.
        #(#[doc = #feature])*
        #(#[doc(alias = #aliases)])*
        #graph_alias
        #allow
        pub fn #name(&self, #(#args: #tys),* #sep #body_arg) -> crate::runtime::Request<#kind> {
            #bind
            crate::runtime::Request::new(http::Method::#method, #path)#query #body_call
        }
        #off
    }
}

/// The places the docs spell several ways (a node's template and the spellings it is also
/// reached as), each as its segments' keys, for the aliases of every request below them.
struct Places(Vec<(Vec<String>, Vec<String>)>);

impl Places {
    fn of(tree: &Tree<'_>) -> Places {
        let keys = |t: &str| -> Vec<String> { segment_keys(&crate::path::PathTemplate::parse(t).0) };
        Places(
            tree.nodes
                .iter()
                .filter(|n| !n.also.is_empty())
                .flat_map(|n| {
                    let all: Vec<String> = std::iter::once(n.template.clone()).chain(n.also.iter().cloned()).collect();
                    all.clone().into_iter().map(move |t| (keys(&t), all.clone()))
                })
                .collect(),
        )
    }

    /// rustdoc searches aliases: `GET /me/messages` finds the method, under each spelling the
    /// docs give it, under each spelling of a place above it (`/me/calendarView` where a page
    /// documents `/users/{id}/calendarView`), and with every parameter written `{id}`, so that a
    /// reader need not guess whether a page wrote `{item-id}` or `{itemId}`. It refuses quotes.
    fn aliases(&self, leaf: &Leaf<'_>) -> Vec<String> {
        let clean = |s: String| -> String { s.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect() };
        let mut out = BTreeSet::new();
        for op in std::iter::once(leaf.op).chain(leaf.same.iter().copied()) {
            let segs = op.path.segments();
            let keys = segment_keys(&op.path);
            let mut spelled = vec![op.path.as_str().to_string()];
            for (prefix, all) in &self.0 {
                if prefix.len() <= keys.len() && keys[..prefix.len()] == prefix[..] {
                    let rest: String = segs[prefix.len()..].iter().map(|s| format!("/{}", s.to_text())).collect();
                    spelled.extend(all.iter().map(|p| format!("{p}{rest}")));
                }
            }
            for p in spelled {
                out.insert(clean(format!("{} {}", op.method, any_id(&p))));
                out.insert(clean(format!("{} {p}", op.method)));
            }
            // The line as the page wrote it, where the resolver read another place (a key it
            // left out, a `{step}` that names a relationship, a function's arguments): what a
            // reader copies from the page. Not a spelling with a sample value in it
            // (`contoso.com`): every literal segment of it is one of the path's.
            if op.documented.is_empty() {
                continue;
            }
            let words: BTreeSet<String> = segs.iter().filter_map(|s| s.literal().or(s.call_name())).map(str::to_ascii_lowercase).collect();
            for d in &op.documented {
                let (written, _) = crate::path::PathTemplate::parse(d);
                let w = written.segments();
                let bare_call = |a: &crate::path::Segment, b: &crate::path::Segment| a.literal().is_some() && b.takes_arguments();
                let other_place = w.len() != segs.len()
                    || w.iter().zip(segs).any(|(a, b)| (a.param_name().is_some() && b.literal().is_some()) || bare_call(a, b));
                if other_place && w.iter().filter_map(|s| s.literal()).all(|l| words.contains(&l.to_ascii_lowercase())) {
                    out.insert(clean(format!("{} {}", op.method, any_id(written.as_str()))));
                }
            }
        }
        // The request line as the describing page writes it first, as before.
        let first = clean(format!("{} {}", leaf.op.method, leaf.op.path));
        out.remove(&first);
        std::iter::once(first).chain(out).collect()
    }
}

/// Each segment's key (lowercase, a parameter as `{}`), with a trailing `:` kept: unlike
/// `urlspace::aliases::segment_keys`, which makes `items/{id}:/name:` the place `items/{id}`
/// for the tree, an alias is rebuilt from the text after the matched place, so the place must
/// end where its text does.
fn segment_keys(path: &crate::path::PathTemplate) -> Vec<String> {
    path.segments()
        .iter()
        .map(|s| {
            let mut k = String::new();
            s.push_key(&mut k);
            k
        })
        .collect()
}

/// A path with every parameter written `{id}`.
fn any_id(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{id}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A snippet as a rustdoc `# Example` (the doctest's code as [`super::examples_in_docs`]
/// wraps it).
fn example_doc(code: &str) -> Vec<String> {
    let mut lines = vec![String::new(), " # Example".to_string(), String::new(), " ```no_run".to_string()];
    lines.extend(code.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }));
    lines.push(" ```".into());
    lines
}

/// `[base, &key(id)].concat()`, `[base, "/range(address=", &function_arg(a), ")"].concat()`:
/// the path so far and what a step appends. An argument that is a whole segment goes through
/// `key`, which writes the `/` before it (or OData's `('$x')` for a key starting with `$`).
fn path_tokens(base: TokenStream, parts: &[PathPart], args: &[proc_macro2::Ident]) -> TokenStream {
    // A key: an argument (not quoted, not an item path) that is a whole segment.
    let key = |i: usize| {
        matches!(parts.get(i), Some(PathPart::Arg { quoted: false, by_path: false, .. }))
            && i > 0
            && matches!(&parts[i - 1], PathPart::Text(t) if t.ends_with('/'))
            && parts.get(i + 1).is_none_or(|n| matches!(n, PathPart::Text(t) if t.starts_with('/')))
    };
    let mut pieces: Vec<TokenStream> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        match p {
            PathPart::Text(t) => {
                // The `/` before a key is the key's to write.
                let t = if key(i + 1) { t.strip_suffix('/').unwrap_or(t) } else { t.as_str() };
                if !t.is_empty() {
                    pieces.push(quote!(#t));
                }
            }
            PathPart::Arg { index, quoted, by_path, .. } => {
                let a = args.get(*index).cloned().unwrap_or_else(|| ident("missing"));
                pieces.push(if *by_path {
                    quote!(&crate::runtime::item_path(#a))
                } else if *quoted {
                    quote!(&crate::runtime::function_arg(#a))
                } else if key(i) {
                    quote!(&crate::runtime::key(#a))
                } else {
                    quote!(&crate::runtime::segment(#a))
                });
            }
        }
    }
    quote!([#base, #(#pieces),*].concat())
}

/// What a place in the URL offers, for the docs of the step that leads there: each request
/// method with the page's title, linked to the page, and the feature that compiles it.
fn menu(node: &Node<'_>, plans: &[OpPlan<'_>]) -> Vec<String> {
    if node.leaves.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![String::new()];
    for leaf in &node.leaves {
        let title = if leaf.op.title.is_empty() { leaf.op.method.as_str() } else { leaf.op.title.as_str() };
        let title = super::doc::clean(title);
        let area = &plans[leaf.plan].area;
        lines.push(match super::doc::learn_url(&leaf.op.source.file) {
            Some(url) => format!(" - `{}`: [{title}]({url}) (feature `{area}`)", leaf.method),
            None => format!(" - `{}`: {title} (feature `{area}`)", leaf.method),
        });
    }
    lines
}
