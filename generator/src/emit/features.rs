//! Cargo features per area. An area is the product a page belongs to (its `ms.prod`: `users`,
//! `groups`, `outlook`, `intune`), so `users` holds the user operations and not every mail,
//! calendar and drive operation under `/users/{id}`. A type belongs to every area whose operations
//! reach it through bodies, responses and structural properties (see [`crate::plan::Areas`] for
//! which derived types and relationships are followed, so that an area stays small): a field or
//! an `Any*` variant whose type is not compiled is left out by `cfg`. Types no operation reaches belong to the
//! area of their page's product where the crate has one, else to the `unreferenced` feature;
//! `full` turns on everything and is the default.

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
    /// The crate's package name, which a feature-off warning tells the user to edit.
    package: String,
}

impl Features {
    /// The areas of every type and enum, as the plan decides them.
    pub fn compute(api: &Api, plans: &[OpPlan<'_>], package: &str) -> Self {
        let a = Areas::compute(api, plans);
        Features { areas: a.areas, of: a.of, package: package.to_string() }
    }

    /// `#[cfg(any(feature = "a", ...))]` for an item of type `q`; nothing for names that are not
    /// generated types (primitives).
    pub fn cfg(&self, q: &str) -> TokenStream {
        match self.of.get(q) {
            Some(areas) => any_feature(areas.iter().map(String::as_str)),
            None => quote!(),
        }
    }

    /// [`available_doc`] for an item of type `q`: the features that compile it.
    pub fn doc(&self, q: &str) -> TokenStream {
        match self.of.get(q) {
            Some(areas) => available_doc(areas.iter().map(String::as_str)),
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

    /// The areas that compile type `q` (none for a primitive).
    pub fn areas_of(&self, q: &str) -> impl Iterator<Item = &str> {
        self.of.get(q).into_iter().flatten().map(String::as_str)
    }

    /// How many types and enums each area compiles.
    pub fn types_per_area(&self) -> BTreeMap<String, usize> {
        let mut n = BTreeMap::new();
        for areas in self.of.values() {
            for a in areas {
                *n.entry(a.clone()).or_default() += 1;
            }
        }
        n
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

/// Each area once, sorted: a `cfg(any(..))` names a feature once however many operations of
/// that area an item serves.
fn distinct<'a>(areas: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    areas.collect::<BTreeSet<_>>().into_iter().collect()
}

/// The sentence that says, in the docs on stable, which features compile an item:
/// "Available with the `files` feature." or "Available with any of the features `a`, `b`."
/// (`doc(cfg)` shows the same only on docs.rs, which sets `docsrs`.)
pub fn available<'a>(areas: impl Iterator<Item = &'a str>) -> String {
    match distinct(areas).as_slice() {
        [] => String::new(),
        [one] => format!(" Available with the `{one}` feature."),
        names => {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!(" Available with any of the features {}.", list.join(", "))
        }
    }
}

/// [`available`] as doc lines that end an item's docs, after a blank line; nothing for no areas.
pub fn available_doc<'a>(areas: impl Iterator<Item = &'a str>) -> TokenStream {
    let line = available(areas);
    if line.is_empty() {
        return quote!();
    }
    quote!(#[doc = ""] #[doc = #line])
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(...))]` for several (each named once).
pub fn any_feature<'a>(areas: impl Iterator<Item = &'a str>) -> TokenStream {
    let names = distinct(areas);
    match names.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        _ => quote!(#[cfg(any(#(feature = #names),*))]),
    }
}

/// The `cfg` of an item and its `doc(cfg)`, so that rustdoc (on docs.rs, which sets `docsrs`)
/// shows the feature the item needs. Only for items: a statement takes no `doc` attribute.
pub fn item_gate<'a>(areas: impl Iterator<Item = &'a str>) -> TokenStream {
    let names = distinct(areas);
    let pred = match names.as_slice() {
        [one] => quote!(feature = #one),
        _ => quote!(any(#(feature = #names),*)),
    };
    quote!(#[cfg(#pred)] #[cfg_attr(docsrs, doc(cfg(#pred)))])
}

/// A stand-in for a step or entry function `name` (taking `args` strings) whose features are
/// off: the same call compiles to the runtime's `FeatureOff` with a deprecation warning naming the
/// features, so that rustc says what to turn on instead of only "no method named ...".
/// `receiver`: the method's `&self`, or nothing for a function at the crate root; `args`: how
/// many `&str` arguments it takes, and whether a body follows them (of any type: the body's own
/// type may be gated too).
pub fn off_stand_in<'a>(
    features: &Features,
    name: &proc_macro2::Ident,
    receiver: Option<TokenStream>,
    (args, body): (usize, bool),
    areas: impl Iterator<Item = &'a str>,
) -> TokenStream {
    let names = distinct(areas);
    let note = match names.as_slice() {
        // Compiled always: nothing to stand in for.
        [] => return quote!(),
        [one] => format!(
            "`{name}` needs the `{one}` feature of `{}`, which is off: add it to that dependency's `features` in Cargo.toml",
            features.package
        ),
        _ => {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!(
                "`{name}` needs one of the features {} of `{}`, all off: add the one of the call you make (the crate's FEATURES.md says where each starts) to that dependency's `features` in Cargo.toml",
                list.join(", "),
                features.package
            )
        }
    };
    let body_param = body.then(|| quote!(_: B));
    let params: Vec<TokenStream> = receiver.into_iter().chain((0..args).map(|_| quote!(_: &str))).chain(body_param).collect();
    let generic = body.then(|| quote!(<B>));
    quote! {
        #[cfg(not(any(#(feature = #names),*)))]
        #[doc(hidden)]
        #[deprecated(note = #note)]
        pub fn #name #generic(#(#params),*) -> crate::runtime::FeatureOff {
            crate::runtime::FeatureOff
        }
    }
}
