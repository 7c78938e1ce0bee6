//! What every emitter needs to know: the Rust name of each IR type and enum, and the Rust type
//! of a type reference.

use super::features::Features;
use crate::ir::primitive::RustType;
use crate::ir::{Api, TypeRef};
use crate::naming::{self, Scope};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone)]
pub struct Ctx<'a> {
    pub api: &'a Api,
    /// Path of the generated crate in emitted code: `crate` inside it, its name in its tests.
    pub root: TokenStream,
    /// Qualified name → (module file name, type ident) for complex types.
    pub types: BTreeMap<String, (String, String)>,
    /// Qualified name → (module file name, type ident) for enums.
    pub enums: BTreeMap<String, (String, String)>,
    /// Qualified name → (module, ident) of the `Any*` enum of a type that has derived types.
    pub polymorphic: BTreeMap<String, (String, String)>,
    /// Qualified name → every type derived from it, directly or not, sorted.
    pub descendants: BTreeMap<String, Vec<String>>,
    /// (from, to) pairs where a single-valued field must be boxed to break a cycle.
    boxed: BTreeSet<(String, String)>,
    /// Which cargo features compile which type, once computed.
    pub features: &'a Features,
}

pub fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

impl<'a> Ctx<'a> {
    pub fn new(api: &'a Api, features: &'a Features) -> Self {
        // One scope for types and enums, so a glob import of both never clashes.
        let mut scope = Scope::with(&[]);
        let mut modules = Scope::with(&["mod"]);
        let mut name = |q: &str| {
            let id = scope.claim(naming::type_name(q));
            let module = modules.claim(naming::module_name(&id));
            (module, id)
        };
        let types = api.types.keys().map(|q| (q.clone(), name(q))).collect();
        let enums = api.enums.keys().map(|q| (q.clone(), name(q))).collect();
        let mut descendants = crate::ir::descendants(&api.types);
        descendants.retain(|q, _| api.types.contains_key(q));
        let polymorphic = descendants.keys().map(|q| (q.clone(), name(&format!("Any.{q}")))).collect();
        let mut ctx = Ctx { api, root: quote!(crate), types, enums, polymorphic, descendants, boxed: BTreeSet::new(), features };
        ctx.boxed = ctx.cycle_edges();
        ctx
    }

    /// The `cfg` attribute of an item or field that needs type `q` to be compiled.
    pub fn cfg(&self, q: &str) -> TokenStream {
        self.features.cfg(q)
    }

    /// The same context, naming the crate `root` (for code outside the crate, like its tests).
    pub fn rooted(&self, root: TokenStream) -> Self {
        Ctx { root, ..self.clone() }
    }

    /// Every property of a type, inherited ones first (root base first), each name once.
    pub fn all_properties(&self, q: &str) -> Vec<&'a crate::ir::Property> {
        crate::ir::all_properties(&self.api.types, q)
    }

    /// A type name no page of the docs defines (beta's `location`, whose page the checkout
    /// lacks): its values are kept as JSON, which a rustdoc note says.
    pub fn undefined(&self, name: &str) -> bool {
        self.defined(name).is_none()
    }

    /// The note on `what` (a field's value, an answer) whose type `undefined` says no page
    /// defines.
    pub fn undefined_note(&self, name: &str, what: &str) -> Option<String> {
        let simple = name.rsplit('.').next().unwrap_or(name);
        self.undefined(name).then(|| format!(" `{simple}` has no page in these docs: {what} kept as JSON (`serde_json::Value`)."))
    }

    /// The Rust type of a property or body, without the `Nullable` wrapper.
    pub fn rust_type(&self, owner: Option<&str>, t: &TypeRef) -> TokenStream {
        let inner = self.single(&t.name);
        if t.collection {
            quote!(Vec<#inner>)
        } else if owner.is_some_and(|o| self.boxed.contains(&(o.to_string(), t.name.clone()))) {
            quote!(Box<#inner>)
        } else {
            inner
        }
    }

    fn single(&self, name: &str) -> TokenStream {
        // `microsoft.graph.Json` and any type the docs never define: keep the JSON as it is.
        self.defined(name).unwrap_or_else(|| quote!(serde_json::Value))
    }

    /// The Rust type of a primitive, `Json` or a type the docs define; `None` for a name no
    /// page defines.
    fn defined(&self, name: &str) -> Option<TokenStream> {
        if let Some(p) = primitive(name, &self.root) {
            return Some(p);
        }
        if crate::ir::ANY_JSON.contains(&name) {
            return Some(quote!(serde_json::Value));
        }
        let root = &self.root;
        // A type with derived types may hold any of them: its `Any*` enum reads `@odata.type`.
        if let Some((_, id)) = self.polymorphic.get(name).or_else(|| self.types.get(name)) {
            let id = ident(id);
            return Some(quote!(#root::models::#id));
        }
        self.enums.get(name).map(|(_, id)| {
            let id = ident(id);
            quote!(#root::enums::#id)
        })
    }

    /// Edges (a, b) where a single-valued field of `a` has type `b` and `b` reaches `a` again
    /// through single-valued fields: those fields are boxed so the struct has a finite size.
    fn cycle_edges(&self) -> BTreeSet<(String, String)> {
        let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for q in self.api.types.keys() {
            let targets = edges.entry(q.as_str()).or_default();
            for p in self.all_properties(q) {
                // `Any*` enums box their variants, so only plain struct fields can loop.
                let plain = !self.polymorphic.contains_key(&p.r#type.name);
                if !p.r#type.collection && plain && self.api.types.contains_key(&p.r#type.name) {
                    targets.insert(p.r#type.name.as_str());
                }
            }
        }
        // An edge closes a loop exactly when both ends are in one strongly connected
        // component: one pass over the graph, not one search per edge.
        let component = strongly_connected(&edges);
        let mut out = BTreeSet::new();
        for (a, targets) in &edges {
            for b in targets {
                if component.get(a).is_some_and(|c| component.get(b) == Some(c)) {
                    out.insert((a.to_string(), b.to_string()));
                }
            }
        }
        out
    }
}

/// The strongly connected component of every node (Tarjan's algorithm, iterative so that a
/// long chain cannot exhaust the stack), as a component number per node.
fn strongly_connected<'a>(edges: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> BTreeMap<&'a str, usize> {
    let names: Vec<&str> = edges.keys().copied().collect();
    let at: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let next: Vec<Vec<usize>> = names.iter().map(|n| edges[n].iter().filter_map(|t| at.get(t).copied()).collect()).collect();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; names.len()], vec![0; names.len()], vec![false; names.len()]);
    let (mut stack, mut component, mut counter, mut components) = (Vec::new(), vec![usize::MAX; names.len()], 0, 0);
    for root in 0..names.len() {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, how many of its edges are done)
        let mut work = vec![(root, 0usize)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut done)) = work.last_mut() {
            if let Some(&w) = next[v].get(*done) {
                *done += 1;
                if index[w] == usize::MAX {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    names.into_iter().zip(component).collect()
}

/// Edm primitives as Rust types: numbers and booleans natively, the string-carried kinds as the
/// `edm` module's newtypes, which keep the exact wire text.
fn primitive(name: &str, root: &TokenStream) -> Option<TokenStream> {
    Some(match crate::ir::primitive::by_name(name)?.rust {
        RustType::Native(t) => {
            let t = ident(t);
            quote!(#t)
        }
        RustType::Edm(t) => {
            let t = ident(t);
            quote!(#root::edm::#t)
        }
    })
}
