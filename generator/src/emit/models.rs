//! One struct per resource and complex type, inherited properties included.

use super::context::{ident, Ctx};
use super::doc;
use crate::ir::{ComplexType, Property};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

pub fn model(ctx: &Ctx<'_>, t: &ComplexType, ident_name: &str) -> TokenStream {
    let name = ident(ident_name);
    let mut scope = Scope::with(&["odata_type", "additional_properties"]);
    // `@odata.type` is the `odata_type` field every model has.
    let fields: Vec<TokenStream> = ctx
        .all_properties(&t.name)
        .into_iter()
        .filter(|p| p.name != "@odata.type")
        .map(|p| field(ctx, Some(&t.name), p, &mut scope))
        .collect();
    // Open types carry properties no table lists: keep them, so they survive a round trip.
    let open = ctx.is_open(&t.name).then(|| {
        quote! {
            /// Properties of this open type that the docs do not list, kept as JSON.
            #[serde(flatten)]
            pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
        }
    });
    let docs = doc::item(&t.description, &t.name, &t.source.file);
    quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct #name {
            /// The `@odata.type` annotation: the type's qualified name with a leading `#`.
            #[serde(rename = "@odata.type", skip_serializing_if = "Nullable::is_absent")]
            pub odata_type: Nullable<String>,
            #(#fields)*
            #open
        }
    }
}

/// One `Nullable` field with its wire name and doc line; `owner` decides boxing of cycles.
pub fn field(ctx: &Ctx<'_>, owner: Option<&str>, p: &Property, scope: &mut Scope) -> TokenStream {
    let field = ident(&scope.claim(naming::snake(&p.name)));
    let ty = ctx.rust_type(owner, &p.r#type);
    let wire = &p.name;
    let rename = (field != wire.as_str()).then(|| quote!(rename = #wire,));
    let docs = doc::lines(&p.description);
    quote! {
        #docs
        #[serde(#rename skip_serializing_if = "Nullable::is_absent")]
        pub #field: Nullable<#ty>,
    }
}

/// The file header every model module shares.
pub fn prelude() -> TokenStream {
    quote! {
        use crate::runtime::Nullable;
        use serde::{Deserialize, Serialize};
    }
}
