//! Cargo features per area. An area is the product a page belongs to (its `ms.prod`: `users`,
//! `groups`, `outlook`, `intune`), so `users` holds the user operations and not every mail,
//! calendar and drive operation under `/users/{id}`. A type belongs to every area whose operations
//! reach it through bodies, responses and structural properties; navigation properties and
//! derived types are not followed, so that an area stays small: a field or an `Any*` variant
//! whose type is not compiled is left out by `cfg`. Types no operation reaches belong to the
//! `unreferenced` feature; `full` turns on everything and is the default.

use crate::ir::Api;
use crate::plan::{Areas, OpPlan};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The plan's areas, with the attributes that gate items by them.
pub struct Features {
    /// Area names (features), sorted, `unreferenced` included.
    pub areas: Vec<String>,
    /// Qualified type or enum name → the areas that compile it.
    of: BTreeMap<String, BTreeSet<String>>,
}

impl Features {
    /// The areas of every type and enum, as the plan decides them.
    pub fn compute(api: &Api, plans: &[OpPlan<'_>]) -> Self {
        let a = Areas::compute(api, plans);
        Features { areas: a.areas, of: a.of }
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
