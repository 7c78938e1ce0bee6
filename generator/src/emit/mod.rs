//! Emitter: one API of the IR into the files of a crate. Code is built as syn/quote token
//! trees and printed by prettyplease; files are kept in an ordered map keyed by path, so the
//! output never depends on the order things were produced in.

mod body_names;
mod context;
mod doc;
pub mod drift;
mod enums;
pub mod feature_table;
mod features;
mod fluent;
mod format;
mod models;
mod node_names;
mod operations;
mod polymorphic;
mod query_args;
mod shared_params;
mod short_names;
pub mod snippet;
mod tests;
pub(crate) mod tree;
mod write;

pub use write::{check_output, existing_name, existing_version, valid_version, write};

use crate::ir::Api;
use crate::Error;
use context::Ctx;
use format::rust;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Hand-written files copied into every crate: (path in the crate, text). In test files
/// `CRATE::` stands for the crate's library name.
const TEMPLATES: &[(&str, &str)] = &[
    ("CHANGELOG.md", include_str!("../../../templates/CHANGELOG.md")),
    ("src/runtime/mod.rs", include_str!("../../../templates/runtime/mod.rs")),
    ("src/runtime/accepted.rs", include_str!("../../../templates/runtime/accepted.rs")),
    ("src/runtime/batch.rs", include_str!("../../../templates/runtime/batch.rs")),
    ("src/runtime/budget.rs", include_str!("../../../templates/runtime/budget.rs")),
    ("src/runtime/cast.rs", include_str!("../../../templates/runtime/cast.rs")),
    ("src/runtime/delta.rs", include_str!("../../../templates/runtime/delta.rs")),
    ("src/runtime/dictionary.rs", include_str!("../../../templates/runtime/dictionary.rs")),
    ("src/runtime/error.rs", include_str!("../../../templates/runtime/error.rs")),
    ("src/runtime/number.rs", include_str!("../../../templates/runtime/number.rs")),
    ("src/runtime/one_or_many.rs", include_str!("../../../templates/runtime/one_or_many.rs")),
    ("src/runtime/object.rs", include_str!("../../../templates/runtime/object.rs")),
    ("src/runtime/page.rs", include_str!("../../../templates/runtime/page.rs")),
    ("src/runtime/location.rs", include_str!("../../../templates/runtime/location.rs")),
    ("src/runtime/request.rs", include_str!("../../../templates/runtime/request.rs")),
    ("src/runtime/response.rs", include_str!("../../../templates/runtime/response.rs")),
    ("src/runtime/upload.rs", include_str!("../../../templates/runtime/upload.rs")),
    ("src/runtime/testing.rs", include_str!("../../../templates/runtime/testing.rs")),
    ("src/runtime/client.rs", include_str!("../../../templates/runtime/client.rs")),
    ("src/runtime/body.rs", include_str!("../../../templates/runtime/body.rs")),
    ("src/runtime/batching.rs", include_str!("../../../templates/runtime/batching.rs")),
    ("src/runtime/redirect.rs", include_str!("../../../templates/runtime/redirect.rs")),
    ("src/runtime/retry.rs", include_str!("../../../templates/runtime/retry.rs")),
    ("src/runtime/token.rs", include_str!("../../../templates/runtime/token.rs")),
    ("src/runtime/transport.rs", include_str!("../../../templates/runtime/transport.rs")),
    ("src/runtime/uploading.rs", include_str!("../../../templates/runtime/uploading.rs")),
    ("src/runtime/auth/mod.rs", include_str!("../../../templates/runtime/auth/mod.rs")),
    ("src/runtime/auth/app.rs", include_str!("../../../templates/runtime/auth/app.rs")),
    ("src/runtime/auth/auth_code.rs", include_str!("../../../templates/runtime/auth/auth_code.rs")),
    ("src/runtime/auth/azure.rs", include_str!("../../../templates/runtime/auth/azure.rs")),
    ("src/runtime/auth/cache.rs", include_str!("../../../templates/runtime/auth/cache.rs")),
    ("src/runtime/auth/certificate.rs", include_str!("../../../templates/runtime/auth/certificate.rs")),
    ("src/runtime/auth/delegated.rs", include_str!("../../../templates/runtime/auth/delegated.rs")),
    ("src/runtime/auth/device_code.rs", include_str!("../../../templates/runtime/auth/device_code.rs")),
    ("src/runtime/auth/endpoint.rs", include_str!("../../../templates/runtime/auth/endpoint.rs")),
    ("src/edm.rs", include_str!("../../../templates/edm.rs")),
    ("tests/runtime.rs", include_str!("../../../templates/tests/runtime.rs")),
    ("tests/lenient.rs", include_str!("../../../templates/tests/lenient.rs")),
    ("tests/delta.rs", include_str!("../../../templates/tests/delta.rs")),
    ("tests/client.rs", include_str!("../../../templates/tests/client.rs")),
    ("tests/streams.rs", include_str!("../../../templates/tests/streams.rs")),
    ("tests/hostile.rs", include_str!("../../../templates/tests/hostile.rs")),
    ("tests/uploads.rs", include_str!("../../../templates/tests/uploads.rs")),
    ("tests/memory.rs", include_str!("../../../templates/tests/memory.rs")),
    ("tests/auth.rs", include_str!("../../../templates/tests/auth.rs")),
    ("tests/auth_code.rs", include_str!("../../../templates/tests/auth_code.rs")),
    ("tests/support/mod.rs", include_str!("../../../templates/tests/support/mod.rs")),
    ("tests/support/login.rs", include_str!("../../../templates/tests/support/login.rs")),
    ("tests/support/test_only_cert.pem", include_str!("../../../templates/tests/support/test_only_cert.pem")),
];
const CARGO_TEMPLATE: &str = include_str!("../../../templates/Cargo.toml.tmpl");
const HEADER: &str = "// @generated by graphgen from the Microsoft Graph reference docs. Do not edit:\n// change the docs (or the generator) and generate again (`graphgen generate`).\n\n";

/// What to generate beyond the API itself.
#[derive(Debug, Clone)]
pub struct Options {
    /// Package name of the generated crate.
    pub crate_name: String,
    /// Add an empty `[workspace]` so the crate builds on its own outside any workspace.
    pub standalone: bool,
    /// Write the request API as free functions in `ops::<root>` (the layout before the fluent
    /// API) instead of `api`: only `cargo xtask bench` asks for it, to compare compile times.
    pub flat_functions: bool,
    /// The crate's version in its `Cargo.toml`: the version is its owner's, who bumps it as
    /// `graphgen diff` classes the changes ([`existing_version`] keeps the one on disk).
    pub crate_version: String,
}

/// The version of a crate generated for the first time.
pub const FIRST_VERSION: &str = "0.1.0";

impl Default for Options {
    fn default() -> Self {
        Options { crate_name: "msgraph".into(), standalone: false, flat_functions: false, crate_version: FIRST_VERSION.into() }
    }
}

/// The generated crate: relative path → file contents.
pub type Files = BTreeMap<String, String>;

/// The crate's files.
pub fn emit(api: &Api, ir_snapshot: &str, opts: &Options) -> Result<Files, Error> {
    let lib = opts.crate_name.replace('-', "_");
    let plans = crate::plan::plan(&api.operations);
    let features = features::Features::compute(api, &plans, &opts.crate_name);
    let ctx = Ctx::new(api, &features);
    let mut files = Files::new();
    files.insert("Cargo.toml".into(), cargo_toml(opts, &api.version, &lib, &features));
    files.insert("ir.yaml".into(), ir_snapshot.to_string());
    files.insert("FEATURES.md".into(), feature_table::table(&features.areas, &plans, &features.types_per_area()));
    for (path, text) in TEMPLATES {
        files.insert(path.to_string(), named(text, &lib));
    }

    let mut queue = format::Queue::default();
    let mut model_mods = Vec::new();
    for (q, (module, id)) in &ctx.types {
        let Some(t) = api.types.get(q) else { continue };
        queue.rust(format!("src/models/{module}.rs"), models::model(&ctx, t, id));
        model_mods.push((module.clone(), id.clone(), features.item_cfg(q)));
    }
    for (q, (module, id)) in &ctx.polymorphic {
        queue.rust(format!("src/models/{module}.rs"), polymorphic::any_enum(&ctx, q, id));
        model_mods.push((module.clone(), id.clone(), features.item_cfg(q)));
    }
    model_mods.sort_by(|a, b| a.0.cmp(&b.0));
    queue.rust("src/models/mod.rs", mod_rs("Models: one struct per resource and complex type.", &model_mods));

    let mut enum_mods = Vec::new();
    for (q, (module, id)) in &ctx.enums {
        let Some(e) = api.enums.get(q) else { continue };
        queue.rust(format!("src/enums/{module}.rs"), enums::enumeration(e, id, features.doc(q)));
        enum_mods.push((module.clone(), id.clone(), features.item_cfg(q)));
    }
    queue.rust("src/enums/mod.rs", mod_rs("Enumerations. Unknown members are kept, never rejected.", &enum_mods));

    let space = crate::urlspace::UrlSpace::of(api);
    let mut tree = request_tree(&plans, &space);
    if !opts.flat_functions {
        examples_in_docs(&ctx, &plans, &mut tree, &lib);
    }
    let entries = if opts.flat_functions {
        flat_functions(&ctx, &plans, &api.version, &mut files)?;
        quote!()
    } else {
        let (modules, api_mod, entries) = fluent::emit(&ctx, &plans, &tree, &api.version);
        for (module, items) in modules {
            queue.rust(format!("src/api/{module}.rs"), items);
        }
        queue.named("src/api/mod.rs", api_mod);
        entries
    };
    queue.named("src/lib.rs", lib_rs(&api.version, opts.flat_functions, entries));
    let (examples, loopback) = tests::tests(&ctx, &plans, &tree, &lib, opts.flat_functions);
    queue.rust("tests/examples.rs", examples);
    queue.rust("tests/loopback.rs", loopback);
    queue.format(&mut files, &lib, crate::default_threads())?;
    Ok(files)
}

/// Each request method's first docs example, as its snippet, for its rustdoc's `# Example`:
/// compiled by `cargo test --doc` (`no_run`: it would call the service) inside a hidden async
/// function that has the `client`, when the client is compiled.
fn examples_in_docs(ctx: &Ctx<'_>, plans: &[crate::plan::OpPlan<'_>], tree: &mut tree::Tree<'_>, lib: &str) {
    let root = context::ident(lib);
    let rooted = ctx.rooted(quote!(#root));
    let (written, _) = snippet::write(&rooted, plans, tree, lib);
    // A batch example is the page's, not its method's: each method's own request shows it.
    for s in written.into_iter().filter(|s| !s.url.split('?').next().is_some_and(|p| p.eq_ignore_ascii_case("/$batch"))) {
        // An example of the collection's `$count` or of a cast (`/memberOf/microsoft.graph.group`)
        // calls another method than the one it was found for: it is no example of `list`.
        let last = |p: &str| p.split('?').next().unwrap_or(p).trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string();
        let (sent, own) = (last(&s.url), plans.get(s.plan).map(|p| last(p.op.path.as_str())).unwrap_or_default());
        let other = |seg: &str| {
            let seg = seg.to_ascii_lowercase();
            seg == "$count" || (seg.starts_with(crate::frontend::DEFAULT_NAMESPACE) && !seg.contains('('))
        };
        if other(&sent) && !other(&own) {
            continue;
        }
        let Some(call) = tree.calls.get(s.plan) else { continue };
        let (node, leaf) = call.leaf;
        let leaf = &mut tree.nodes[node].leaves[leaf];
        if leaf.example.is_none() {
            leaf.example = Some(format!(
                "# #[cfg(feature = \"reqwest\")]\n# async fn example(client: &{lib}::runtime::client::Client) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {{\n{}# Ok(())\n# }}\n",
                s.code
            ));
        }
    }
}

/// The request tree of `plans`, each method with the query arguments its request lines require.
pub(crate) fn request_tree<'a>(plans: &[crate::plan::OpPlan<'a>], space: &crate::urlspace::UrlSpace<'_>) -> tree::Tree<'a> {
    let mut tree = tree::build(plans, space);
    body_names::body_structs(&mut tree, space);
    query_args::attach(&mut tree);
    tree
}

/// The Rust snippet of every request example of `api`, for the crate named in `opts`, and the
/// examples that have none (see [`snippet`]).
pub fn snippets(api: &Api, opts: &Options) -> (Vec<snippet::Snippet>, Vec<snippet::Unwritten>) {
    let lib = opts.crate_name.replace('-', "_");
    let plans = crate::plan::plan(&api.operations);
    let features = features::Features::compute(api, &plans, &opts.crate_name);
    let ctx = Ctx::new(api, &features);
    let root = context::ident(&lib);
    let ctx = ctx.rooted(quote!(#root));
    let space = crate::urlspace::UrlSpace::of(api);
    let tree = request_tree(&plans, &space);
    snippet::write(&ctx, &plans, &tree, &lib)
}

/// The request API as free functions, one module per path root (see [`Options::flat_functions`]).
fn flat_functions(ctx: &Ctx<'_>, plans: &[crate::plan::OpPlan<'_>], version: &str, files: &mut Files) -> Result<(), Error> {
    let mut by_module: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    let mut module_areas: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
    for p in plans {
        by_module.entry(&p.module).or_default().push(operations::function(ctx, p, version));
        module_areas.entry(&p.module).or_default().insert(&p.area);
    }
    let mut op_mods = Vec::new();
    for (module, fns) in &by_module {
        files.insert(format!("src/ops/{module}.rs"), rust(quote!(#(#fns)*))?);
        op_mods.push(module.to_string());
    }
    let ops_mod = op_mods.iter().map(|m| {
        let id = context::ident(m);
        let cfg = features::any_feature(module_areas.get(m.as_str()).into_iter().flatten().copied());
        quote!(#cfg pub mod #id;)
    });
    files.insert(
        "src/ops/mod.rs".into(),
        rust(quote! {
            //! Request functions, one module per path root (`users`, `me`, ...); each function
            //! sits behind the cargo feature of its page's product.
            #(#ops_mod)*
        })?,
    );
    Ok(())
}

fn cargo_toml(opts: &Options, version: &str, lib: &str, features: &features::Features) -> String {
    let workspace = if opts.standalone { "\n[workspace]\n" } else { "" };
    CARGO_TEMPLATE
        .replace("{{crate_name}}", &opts.crate_name)
        .replace("{{crate_version}}", &opts.crate_version)
        .replace("{{lib_name}}", lib)
        .replace("{{api_version}}", version)
        .replace("{{workspace}}", workspace)
        .replace("{{features}}", &features.toml())
}

fn lib_rs(version: &str, flat: bool, entries: TokenStream) -> TokenStream {
    let title = format!(" Microsoft Graph `{version}` API, generated from its reference docs.");
    let requests = if flat {
        quote!(
            pub mod ops;
        )
    } else {
        quote!(
            pub mod api;
        )
    };
    quote! {
        #![doc = #title]
        //!
        //! Requests mirror the URL, starting from a function at the crate root:
        //!
        //! ```ignore
        //! let request = CRATE::me().messages().list().top(10);
        //! let one = CRATE::users().id("ada@contoso.example").messages().id("AAMk").get();
        //! ```
        //!
        //! Each ends in a [`Request`] value that converts to `http::Request` and parses its
        //! response ([`api`] has one module per path root).
        //!
        //! - [`models`]: one struct per resource and complex type; every field is a
        //!   [`Nullable`] so one struct serves reads and PATCH bodies.
        //! - [`enums`]: Graph enumerations; members added later by the service are kept.
        //! - [`edm`]: dates, times, durations, GUIDs and binary data, keeping their wire text.
        //!
        //! Each area of Graph (the docs' product: `users`, `groups`, `outlook`, `intune`, ...) is
        //! a cargo feature; `full`, the default, enables all of them. The `reqwest` feature adds
        //! an async client (`runtime::client::Client`); without it no HTTP client is compiled.
        //!
        //! # Features
        //!
        //! Each request function sits behind the feature of its area; a model is compiled by
        //! every feature whose requests take or answer it.
        //!
        #![doc = include_str!("../FEATURES.md")]
        // docs.rs shows the feature each item needs (see `[package.metadata.docs.rs]`).
        #![cfg_attr(docsrs, feature(doc_cfg))]
        pub mod edm;
        pub mod enums;
        pub mod models;
        #requests
        pub mod runtime;

        pub use runtime::{Error, Nullable, Page, Request};
        /// The `serde_json` the models use for untyped values (`additional_properties`,
        /// `Edm.Untyped`): `CRATE::serde_json::json!` builds them without a dependency of
        /// your own, at the version the crate was built with.
        pub use serde_json;
        /// The `http` crate whose types the sans-IO core speaks (`Request::to_http`,
        /// `parse_response`'s `HeaderMap`): no dependency of your own to keep in step.
        pub use http;
        /// The `serde` the models implement `Serialize` and `Deserialize` of: a function generic
        /// over any model (`T: CRATE::serde::Serialize`) needs no dependency of your own.
        pub use serde;

        /// The API version this crate was generated for; request paths are relative to
        /// `<service root>/<API_VERSION>`.
        pub const API_VERSION: &str = #version;

        #entries
    }
}

/// The crate's own name where hand-written docs (the templates, the crate root's and `api`'s
/// module docs) write `CRATE::`: a crate generated with `--crate-name msgraph-beta` shows
/// `msgraph_beta::me()`. Code says `crate::`.
fn named(text: &str, lib: &str) -> String {
    text.replace("CRATE::", &format!("{lib}::"))
}

fn mod_rs(doc: &str, mods: &[(String, String, TokenStream)]) -> TokenStream {
    let doc = format!(" {doc}");
    let items = mods.iter().map(|(m, id, cfg)| {
        let (m, id) = (context::ident(m), context::ident(id));
        quote!(#cfg mod #m; #cfg pub use #m::#id;)
    });
    quote! {
        #![doc = #doc]
        #(#items)*
    }
}
