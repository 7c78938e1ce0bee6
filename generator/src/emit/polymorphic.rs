//! `Any*` enums: a property, body or response typed as a base type may carry any type derived
//! from it. The enum reads `@odata.type` to build the right one; an absent or unknown
//! `@odata.type` reads as the declared type (the service omits it when the two are equal), and
//! keeps every key it does not know, so nothing is lost when the derived type's area is not
//! compiled. The enums are `#[non_exhaustive]`: turning on a feature adds variants, and a
//! `match` downstream must not break when it does.

use super::context::{ident, Ctx};
use proc_macro2::TokenStream;
use quote::quote;

pub fn any_enum(ctx: &Ctx<'_>, base: &str, any_ident: &str) -> TokenStream {
    let name = ident(any_ident);
    let mut members = vec![base.to_string()];
    members.extend(ctx.descendants.get(base).cloned().unwrap_or_default());
    let variants: Vec<(proc_macro2::Ident, &str)> =
        members.iter().filter_map(|q| ctx.types.get(q).map(|(_, id)| (ident(id), q.as_str()))).collect();
    let base_variant = variants.first().map(|(v, _)| v.clone()).unwrap_or_else(|| ident("Unknown"));
    // Derived types outside the compiled areas drop out of the enum with their `cfg`.
    let decl = variants.iter().map(|(v, q)| {
        let cfg = ctx.cfg(q);
        quote!(#cfg #v(Box<super::#v>),)
    });
    // Matched by simple name: pages write `#microsoft.graph.x`, `#x` and other namespaces'
    // spellings of the same type. The first of two types with one simple name takes it.
    let mut simple_seen = std::collections::BTreeSet::new();
    let arms: Vec<TokenStream> = variants
        .iter()
        .skip(1)
        .filter(|(_, q)| simple_seen.insert(q.rsplit('.').next().unwrap_or(q).to_ascii_lowercase()))
        .map(|(v, q)| {
            let simple = q.rsplit('.').next().unwrap_or(q).to_ascii_lowercase();
            let cfg = ctx.cfg(q);
            quote!(#cfg #simple => #name::#v(rest.read()?),)
        })
        .collect();
    // A derived type says what it is where its base is expected, so the service can tell it
    // apart; one read from the wire already carries its own `@odata.type`.
    let ser = variants.iter().enumerate().map(|(i, (v, q))| {
        let cfg = ctx.cfg(q);
        if i == 0 {
            quote!(#cfg #name::#v(x) => serde::Serialize::serialize(x, s),)
        } else {
            let tag = format!("#{q}");
            quote!(#cfg #name::#v(x) => crate::runtime::tagged(&**x, &x.odata_type, #tag, s),)
        }
    });
    let froms = variants.iter().map(|(v, q)| {
        let cfg = ctx.cfg(q);
        quote! {
            #cfg
            impl From<super::#v> for #name {
                fn from(x: super::#v) -> Self {
                    #name::#v(Box::new(x))
                }
            }

            // So that a field of the base type takes any of them with one `.into()`.
            #cfg
            impl From<super::#v> for crate::runtime::Nullable<#name> {
                fn from(x: super::#v) -> Self {
                    crate::runtime::Nullable::Value(#name::#v(Box::new(x)))
                }
            }
        }
    });
    let getters = getters(ctx, &name, &variants);
    let doc = format!(" `{base}` or any type derived from it, told apart by `@odata.type`.");
    let available = ctx.features.doc(base);
    quote! {
        #[doc = #doc]
        #available
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#decl)*
        }

        impl Default for #name {
            fn default() -> Self {
                #name::#base_variant(Box::default())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#ser)*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::runtime::read_polymorphic(d)
            }
        }

        impl crate::runtime::Polymorphic for #name {
            fn read_as<'de, A: serde::de::MapAccess<'de>>(tag: &str, rest: crate::runtime::Rest<A>) -> Result<Self, A::Error> {
                Ok(match tag {
                    #(#arms)*
                    _ => #name::#base_variant(rest.read()?),
                })
            }
        }

        #(#froms)*

        #getters
    }
}

/// A getter's name: the field's, but where an inherent method would shadow a trait's that the
/// enum has (`AnyMessage::from(message)` would call a `from` getter, as `message.from` is a
/// field), which takes a trailing `_` as Rust spells a name taken by a keyword.
fn getter_name(field: &str) -> String {
    const TRAIT_METHODS: &[&str] = &[
        "from",
        "into",
        "try_from",
        "try_into",
        "clone",
        "clone_from",
        "default",
        "eq",
        "ne",
        "fmt",
        "serialize",
        "deserialize",
        "read_as",
        "to_owned",
        "type_id",
    ];
    if TRAIT_METHODS.contains(&field) {
        format!("{field}_")
    } else {
        field.to_string()
    }
}

/// Reading a base field without matching every kind: one `&` getter per field of the base type
/// (every kind has it, inherited), named as the field (`message.subject()`). A field whose Rust
/// type differs between kinds (a cycle boxed in one struct and not another) has none; its kinds
/// are matched as before.
fn getters(ctx: &Ctx<'_>, name: &proc_macro2::Ident, variants: &[(proc_macro2::Ident, &str)]) -> TokenStream {
    use super::models::field_names;
    let Some((_, base)) = variants.first() else { return quote!() };
    let base_props = ctx.all_properties(base);
    let wanted: std::collections::BTreeSet<&str> = base_props.iter().map(|p| p.name.as_str()).collect();
    // Each kind's fields of the base's by wire name: (Rust name, Rust type). Names are claimed
    // over all of a kind's fields, as its struct claims them; types only for the base's.
    let fields_of = |q: &str| -> std::collections::BTreeMap<String, (String, String)> {
        let props = ctx.all_properties(q);
        let own: Vec<&crate::ir::Property> = props.iter().copied().filter(|p| p.name != "@odata.type").collect();
        own.iter()
            .zip(field_names(&own))
            .filter(|(p, _)| wanted.contains(p.name.as_str()))
            .map(|(p, id)| (p.name.clone(), (id, ctx.rust_type(Some(q), &p.r#type).to_string())))
            .collect()
    };
    let kinds: Vec<_> = variants.iter().map(|(v, q)| (v, ctx.cfg(q), fields_of(q))).collect();
    let kinds_odata = kinds.iter().map(|(v, vcfg, _)| quote!(#vcfg #name::#v(x) => &x.odata_type,));
    // Every model keeps the keys its tables do not list (`field_names` reserves the name), so
    // a key only some kinds' pages document is at hand without matching the kind.
    let kinds_extra = kinds.iter().map(|(v, vcfg, _)| quote!(#vcfg #name::#v(x) => &x.additional_properties,));
    let mut methods = vec![quote! {
        /// The `@odata.type` annotation of whichever kind this is.
        pub fn odata_type(&self) -> &crate::runtime::Nullable<String> {
            match self {
                #(#kinds_odata)*
            }
        }

        /// The keys the docs do not list for whichever kind this is, kept as JSON.
        pub fn additional_properties(&self) -> &std::collections::BTreeMap<String, serde_json::Value> {
            match self {
                #(#kinds_extra)*
            }
        }
    }];
    for p in base_props.iter().filter(|p| p.name != "@odata.type") {
        let Some((id, ty)) = kinds[0].2.get(&p.name) else { continue };
        let same = kinds.iter().all(|(_, _, f)| f.get(&p.name).is_some_and(|(i, t)| i == id && t == ty));
        if !same {
            continue;
        }
        let field = ident(id);
        let getter = ident(&getter_name(id));
        let ty = ctx.rust_type(Some(base), &p.r#type);
        let cfg = if p.navigation { ctx.cfg(&p.r#type.name) } else { quote!() };
        let arms = kinds.iter().map(|(v, vcfg, _)| quote!(#vcfg #name::#v(x) => &x.#field,));
        let doc = format!(" `{}`, whichever kind this is.", p.name);
        methods.push(quote! {
            #[doc = #doc]
            #cfg
            pub fn #getter(&self) -> &crate::runtime::Nullable<#ty> {
                match self {
                    #(#arms)*
                }
            }
        });
    }
    quote! {
        impl #name {
            #(#methods)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::getter_name;

    #[test]
    fn a_getter_a_trait_method_would_shadow_ends_in_an_underscore() {
        // `AnyMessage::from(message)` must stay `From::from`, though a message has a `from`.
        assert_eq!(getter_name("from"), "from_");
        assert_eq!(getter_name("default"), "default_");
        assert_eq!(getter_name("subject"), "subject");
        assert_eq!(getter_name("type"), "type");
    }
}
