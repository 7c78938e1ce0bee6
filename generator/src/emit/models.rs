//! One struct per resource and complex type, inherited properties included.
//!
//! Serialization is written out, not derived: `serde`'s derive expands to some forty lines per
//! field, and with ten thousand fields in v1.0 that dominated `cargo check` of the generated
//! crate. Each field here costs one line in each direction, through the runtime's
//! `ObjectWriter` and `ReadFields` (a streaming map visitor: no JSON tree in between).

use super::context::{ident, Ctx};
use super::doc;
use crate::ir::{lineage, ComplexType, Property};
use crate::naming::{self, Scope};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// A struct field: Rust name, wire name, declaration, and the `cfg` it is compiled under.
pub struct Field {
    pub ident: Ident,
    pub wire: String,
    pub decl: TokenStream,
    pub cfg: TokenStream,
    /// The docs call it read-only: in the model's `ReadFields::READ_ONLY`.
    pub read_only: bool,
    /// One number OData may write as a string (`NaN`, an `IEEE754Compatible` `Int64`): read
    /// and written by `runtime::number_field` and `ObjectWriter::number`.
    pub number: bool,
    /// Other spellings read as this field while it is still absent (`settled.also_read`).
    pub also: Vec<String>,
    /// A collection that also reads one value, as a list of one (`settled.one_or_many`).
    pub one_or_many: bool,
}

/// The Rust names of a model's fields after `odata_type`, one per property but `@odata.type`,
/// in property order (also what a snippet's struct literal names).
pub fn field_names(properties: &[&Property]) -> Vec<String> {
    let mut scope = Scope::with(&["odata_type", "additional_properties"]);
    properties.iter().filter(|p| p.name != "@odata.type").map(|p| scope.claim(naming::snake(&p.name))).collect()
}

/// The Rust names of an action's parameter struct's fields, in parameter order.
pub fn parameter_names(params: &[Property]) -> Vec<String> {
    let mut scope = Scope::with(&["additional_properties"]);
    params.iter().map(|p| scope.claim(naming::snake(&p.name))).collect()
}

pub fn model(ctx: &Ctx<'_>, t: &ComplexType, ident_name: &str) -> TokenStream {
    let odata = Field {
        ident: ident("odata_type"),
        wire: "@odata.type".into(),
        decl: quote! {
            /// The `@odata.type` annotation: the type's qualified name with a leading `#`.
            pub odata_type: crate::runtime::Nullable<String>,
        },
        cfg: quote!(),
        read_only: false,
        number: false,
        also: Vec::new(),
        one_or_many: false,
    };
    // `@odata.type` is the `odata_type` field every model has.
    let mut fields = vec![odata];
    let properties = ctx.all_properties(&t.name);
    let own: Vec<&Property> = properties.iter().copied().filter(|p| p.name != "@odata.type").collect();
    fields.extend(own.iter().zip(field_names(&own)).map(|(p, id)| field(ctx, Some(&t.name), p, &id)));
    let docs = doc::item(&t.description, &t.name, &t.source.file);
    let available = ctx.features.doc(&t.name);
    let docs = quote!(#docs #available);
    let name = ident(ident_name);
    let upload = upload_target(&name, &properties, &fields);
    let dictionary = dictionary(ctx, t, &name);
    let object = object(&name, docs, &fields, &quote!());
    quote!(#object #upload #dictionary)
}

/// A dictionary's accessors (`ComplexType::values`): its entries are its
/// `additional_properties`, read and written as the value type (`runtime::dictionary`).
fn dictionary(ctx: &Ctx<'_>, t: &ComplexType, name: &Ident) -> Option<TokenStream> {
    let value = t.values.as_ref()?;
    let ty = ctx.rust_type(None, value);
    let cfg = ctx.cfg(&value.name);
    let primitive = crate::ir::primitive::by_name(&value.name).is_some();
    let tag = if primitive || value.collection {
        quote!(None)
    } else {
        let tag = format!("#{}", value.name);
        quote!(Some(#tag))
    };
    let shown = format!("`{value}`");
    let get_doc = format!(" The entry under `key`, read as {shown}; `None` where there is none, or it is `null`.");
    let insert_doc = if primitive {
        format!(" Sets the entry under `key` to `value` ({shown}).")
    } else {
        format!(" Sets the entry under `key` to `value`, tagged `#{}` unless it names its own kind:\n an OData service cannot read an untagged object as an open type's value.", value.name)
    };
    Some(quote! {
        #cfg
        impl #name {
            #[doc = #get_doc]
            pub fn get(&self, key: &str) -> Option<Result<#ty, serde_json::Error>> {
                crate::runtime::dictionary_get(&self.additional_properties, key)
            }

            /// Every entry, read as the value type, in key order; `null` entries are skipped.
            pub fn entries(&self) -> impl Iterator<Item = (&str, Result<#ty, serde_json::Error>)> + '_ {
                crate::runtime::dictionary_entries(&self.additional_properties)
            }

            #[doc = #insert_doc]
            pub fn insert(&mut self, key: impl Into<String>, value: impl Into<#ty>) -> &mut Self {
                crate::runtime::dictionary_insert(&mut self.additional_properties, key.into(), &value.into(), #tag);
                self
            }

            /// `self` with the entry under `key` set, as [`Self::insert`] does: for a struct literal.
            pub fn with(mut self, key: impl Into<String>, value: impl Into<#ty>) -> Self {
                self.insert(key, value);
                self
            }

            /// Sets the entry under `key` to `null`: in a PATCH, that removes it on the service.
            pub fn set_null(&mut self, key: impl Into<String>) -> &mut Self {
                self.additional_properties.insert(key.into(), serde_json::Value::Null);
                self
            }

            /// `self` with the entry under `key` set to `null`, as [`Self::set_null`] does.
            pub fn with_null(mut self, key: impl Into<String>) -> Self {
                self.set_null(key);
                self
            }
        }
    })
}

/// `runtime::UploadTarget` for a model with what the runtime's upload reads: `uploadUrl`, a
/// string, and `nextExpectedRanges`, strings (`uploadSession`, and any other type that has
/// both). The client's `upload` then takes the model that `createUploadSession` answers.
fn upload_target(name: &Ident, properties: &[&Property], fields: &[Field]) -> Option<TokenStream> {
    let find = |wire: &str, collection: bool| {
        let p = properties.iter().find(|p| p.name == wire)?;
        let string = p.r#type.name == crate::ir::primitive::STRING && p.r#type.collection == collection && !p.navigation;
        string.then(|| fields.iter().find(|f| f.wire == wire).map(|f| &f.ident))?
    };
    let (url, ranges) = (find("uploadUrl", false)?, find("nextExpectedRanges", true)?);
    Some(quote! {
        impl crate::runtime::UploadTarget for #name {
            fn upload_url(&self) -> Option<&str> {
                self.#url.as_deref()
            }

            fn next_expected_ranges(&self) -> &[String] {
                self.#ranges.get().map_or(&[], Vec::as_slice)
            }
        }
    })
}

/// One `Nullable` field named `id`; `owner` decides boxing of cycles.
pub fn field(ctx: &Ctx<'_>, owner: Option<&str>, p: &Property, id: &str) -> Field {
    let id = ident(id);
    let ty = ctx.rust_type(owner, &p.r#type);
    // Spellings examples write in another letter case, and shapes the answers show, are kept by
    // the type whose row it is.
    let holder = owner.and_then(|o| lineage(&ctx.api.types, o).into_iter().find(|t| t.properties.iter().any(|q| q.name == p.name)));
    let one_or_many = holder.is_some_and(|t| t.settled.one_or_many.contains_key(&p.name));
    let mut docs = doc::lines(&p.description);
    if one_or_many {
        let gap = (!docs.is_empty()).then(|| quote!(#[doc = ""]));
        let note = " The docs show it both as a list and as one value; one value reads as a list of one.";
        docs = quote!(#docs #gap #[doc = #note]);
    }
    if let Some(note) = ctx.undefined_note(&p.r#type.name, if p.r#type.collection { "its items are" } else { "its value is" }) {
        let gap = (!docs.is_empty()).then(|| quote!(#[doc = ""]));
        docs = quote!(#docs #gap #[doc = #note]);
    }
    // A navigation property's type may belong to areas not compiled: the field goes with it.
    let cfg = if p.navigation { ctx.cfg(&p.r#type.name) } else { quote!() };
    let decl = quote! {
        #docs
        #cfg
        pub #id: crate::runtime::Nullable<#ty>,
    };
    let number = !p.r#type.collection && matches!(p.r#type.name.as_str(), "Edm.Double" | "Edm.Single" | "Edm.Decimal" | "Edm.Int64");
    let also = holder.and_then(|t| t.settled.also_read.get(&p.name)).map(|m| m.keys().cloned().collect()).unwrap_or_default();
    Field { ident: id, wire: p.name.clone(), decl, cfg, read_only: p.read_only, number, also, one_or_many }
}

/// The `match key` arm reading `f` under `wire`; `guarded` only while the field is absent.
fn read_arm(f: &Field, wire: &str, guarded: bool) -> TokenStream {
    let (id, cfg) = (&f.ident, &f.cfg);
    let guard = if guarded { quote!(if self.#id.is_absent()) } else { quote!() };
    if f.number {
        quote!(#cfg #wire #guard => crate::runtime::number_field(m, key, &mut self.#id),)
    } else if f.one_or_many {
        quote!(#cfg #wire #guard => crate::runtime::one_or_many_field(m, key, &mut self.#id),)
    } else {
        quote!(#cfg #wire #guard => crate::runtime::field(m, key, &mut self.#id),)
    }
}

/// A struct of `Nullable` fields with its serde and `Debug` impls: absent fields are neither
/// written nor shown by `{:?}`, keys no field takes are kept in `additional_properties` and
/// written back, so a decode-then-encode round trip loses nothing (a key the docs do not list,
/// a property of an area not compiled).
/// `cfg` goes on the struct and its impls alike.
pub fn object(name: &Ident, docs: TokenStream, fields: &[Field], cfg: &TokenStream) -> TokenStream {
    let decls = fields.iter().map(|f| &f.decl);
    let writes = fields.iter().map(|f| {
        let (id, wire, cfg) = (&f.ident, &f.wire, &f.cfg);
        if f.number {
            quote!(#cfg w.number(#wire, &self.#id)?;)
        } else {
            quote!(#cfg w.field(#wire, &self.#id)?;)
        }
    });
    // One arm per wire name: a second field with the same name would be an unreachable arm.
    let mut seen = std::collections::BTreeSet::new();
    let reads: Vec<TokenStream> = fields.iter().filter(|f| seen.insert(f.wire.as_str())).map(|f| read_arm(f, &f.wire, false)).collect();
    // Another spelling fills the field only while it is absent: the row's spelling, when the
    // object has both, is what the field holds, and the other stays in `additional_properties`.
    let also: Vec<TokenStream> =
        fields.iter().flat_map(|f| f.also.iter().filter(|a| !seen.contains(a.as_str())).map(move |a| read_arm(f, a, true))).collect();
    // `{:?}` shows the fields that are not absent (see `runtime::debug_model`).
    let debugs = fields.iter().map(|f| {
        let (id, cfg) = (&f.ident, &f.cfg);
        let name = id.to_string();
        quote!(#cfg (#name, &self.#id),)
    });
    let type_name = name.to_string();
    // Models have an `@odata.type` field that a polymorphic read fills; bodies of actions do not.
    let odata_type = fields.iter().find(|f| f.wire == "@odata.type").map(|f| {
        let id = &f.ident;
        quote! {
            fn odata_type(&mut self) -> Option<&mut crate::runtime::Nullable<String>> {
                Some(&mut self.#id)
            }
        }
    });
    let read_only: Vec<&str> = fields.iter().filter(|f| f.read_only).map(|f| f.wire.as_str()).collect();
    let read_only = (!read_only.is_empty()).then(|| quote!(const READ_ONLY: &'static [&'static str] = &[#(#read_only),*];));
    quote! {
        #docs
        #cfg
        #[derive(Clone, Default, PartialEq)]
        pub struct #name {
            #(#decls)*
            /// Keys the docs do not list for this type, kept as JSON and written back as they
            /// came.
            pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
        }

        #cfg
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::runtime::debug_model(f, #type_name, &[#(#debugs)*], &self.additional_properties)
            }
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut w = crate::runtime::ObjectWriter::new(s)?;
                w.annotations(&self.additional_properties)?;
                #(#writes)*
                w.extra(&self.additional_properties)?;
                w.end()
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::runtime::read_object(d)
            }

            fn deserialize_in_place<D: serde::Deserializer<'de>>(d: D, place: &mut Self) -> Result<(), D::Error> {
                crate::runtime::read_object_in_place(d, place)
            }
        }

        #cfg
        impl crate::runtime::ReadFields for #name {
            fn read_field<'de, A: serde::de::MapAccess<'de>>(&mut self, key: &str, m: &mut A) -> Result<bool, A::Error> {
                match key {
                    #(#reads)*
                    #(#also)*
                    _ => Ok(false),
                }
            }

            fn rest(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
                &mut self.additional_properties
            }

            #odata_type

            #read_only
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn property(name: &str, ty: &str, collection: bool) -> Property {
        let ty = if collection { format!("Collection({ty})") } else { ty.to_string() };
        let p = serde_json::json!({"name": name, "type": ty, "source": {"file": "t.md", "line": 1}});
        serde_json::from_value(p).expect("a property")
    }

    fn fields(properties: &[&Property]) -> Vec<Field> {
        let ident = |p: &Property| super::ident(&naming::snake(&p.name));
        properties
            .iter()
            .map(|p| Field {
                ident: ident(p),
                wire: p.name.clone(),
                decl: quote!(),
                cfg: quote!(),
                read_only: false,
                number: false,
                also: Vec::new(),
                one_or_many: false,
            })
            .collect()
    }

    #[test]
    fn a_model_with_an_upload_url_and_expected_ranges_is_an_upload_target() {
        let (url, ranges) = (property("uploadUrl", "Edm.String", false), property("nextExpectedRanges", "Edm.String", true));
        let expiry = property("expirationDateTime", "Edm.DateTimeOffset", false);
        let session = [&expiry, &url, &ranges];
        let name = ident("UploadSession");
        let code = upload_target(&name, &session, &fields(&session)).expect("an impl").to_string();
        assert!(code.contains("UploadTarget for UploadSession"), "{code}");
        assert!(code.contains("self . upload_url . as_deref ()") && code.contains("self . next_expected_ranges . get ()"), "{code}");
        // Either property missing, or of another shape: no impl.
        assert!(upload_target(&name, &[&url], &fields(&[&url])).is_none());
        let single = property("nextExpectedRanges", "Edm.String", false);
        assert!(upload_target(&name, &[&url, &single], &fields(&[&url, &single])).is_none());
    }
}
