//! Cargo features per area. An area is the product a page belongs to (its `ms.prod`: `users`,
//! `groups`, `outlook`, `intune`), so `users` holds the user operations and not every mail,
//! calendar and drive operation under `/users/{id}`. A type belongs to every area whose operations
//! reach it through bodies, responses and structural properties; navigation properties and
//! derived types are not followed, so that an area stays small: a field or an `Any*` variant
//! whose type is not compiled is left out by `cfg`. Types no operation reaches belong to the
//! `unreferenced` feature; `full` turns on everything and is the default.

use crate::ir::{all_properties, Api, Body};
use crate::plan::{OpPlan, UNREFERENCED};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

pub struct Features {
    /// Area names (features), sorted, `unreferenced` included.
    pub areas: Vec<String>,
    /// Qualified type or enum name → the areas that compile it.
    of: BTreeMap<String, BTreeSet<String>>,
}

impl Features {
    pub fn compute(api: &Api, plans: &[OpPlan<'_>]) -> Self {
        let mut seeds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for p in plans {
            let s = seeds.entry(p.area.clone()).or_default();
            let op = p.op;
            s.extend(op.response.r#type.iter().map(|t| t.name.clone()));
            match &op.body {
                Some(Body::Type(t)) => {
                    s.insert(t.name.clone());
                }
                Some(Body::Parameters(ps)) => s.extend(ps.iter().map(|p| p.r#type.name.clone())),
                None => {}
            }
        }
        let mut of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (area, start) in &seeds {
            for n in reach(api, start.iter().cloned()) {
                of.entry(n).or_default().insert(area.clone());
            }
        }
        let all = api.types.keys().chain(api.enums.keys());
        let rest: Vec<String> = all.filter(|n| !of.contains_key(*n)).cloned().collect();
        for n in reach(api, rest.into_iter()) {
            of.entry(n).or_default().insert(UNREFERENCED.to_string());
        }
        let mut areas: Vec<String> = seeds.into_keys().collect();
        areas.push(UNREFERENCED.to_string());
        areas.sort();
        areas.dedup();
        Features { areas, of }
    }

    /// `#[cfg(any(feature = "a", ...))]` for an item of type `q`; nothing for names that are not
    /// generated types (primitives).
    pub fn cfg(&self, q: &str) -> TokenStream {
        match self.of.get(q) {
            Some(areas) => any_feature(areas.iter().map(String::as_str)),
            None => quote!(),
        }
    }

    /// [`item_gate`] for an item of type `q`.
    pub fn item_cfg(&self, q: &str) -> TokenStream {
        match self.of.get(q) {
            Some(areas) => item_gate(areas.iter().map(String::as_str)),
            None => quote!(),
        }
    }

    /// The `[features]` table of the generated Cargo.toml.
    pub fn toml(&self) -> String {
        let mut s = String::from("[features]\ndefault = [\"full\"]\n");
        let list: Vec<String> = self.areas.iter().map(|a| format!("\"{a}\"")).collect();
        s.push_str(&format!("full = [{}]\n", list.join(", ")));
        for a in &self.areas {
            s.push_str(&format!("{a} = []\n"));
        }
        s
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(...))]` for several.
pub fn any_feature<'a>(areas: impl Iterator<Item = &'a str>) -> TokenStream {
    let names: Vec<&str> = areas.collect();
    match names.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        _ => quote!(#[cfg(any(#(feature = #names),*))]),
    }
}

/// The `cfg` of an item and its `doc(cfg)`, so that rustdoc (on docs.rs, which sets `docsrs`)
/// shows the feature the item needs. Only for items: a statement takes no `doc` attribute.
pub fn item_gate<'a>(areas: impl Iterator<Item = &'a str>) -> TokenStream {
    let names: Vec<&str> = areas.collect();
    let pred = match names.as_slice() {
        [one] => quote!(feature = #one),
        _ => quote!(any(#(feature = #names),*)),
    };
    quote!(#[cfg(#pred)] #[cfg_attr(docsrs, doc(cfg(#pred)))])
}

/// Types and enums reachable from `start` through structural properties (inherited included).
fn reach(api: &Api, start: impl Iterator<Item = String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = start.collect();
    while let Some(n) = stack.pop() {
        let known = api.types.contains_key(&n) || api.enums.contains_key(&n);
        if !known || !seen.insert(n.clone()) {
            continue;
        }
        if api.types.contains_key(&n) {
            for p in all_properties(&api.types, &n) {
                if !p.navigation {
                    stack.push(p.r#type.name.clone());
                }
            }
        }
    }
    seen
}
