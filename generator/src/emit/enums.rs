//! One Rust enum per Graph enum. Unknown members deserialize into a catch-all variant that keeps
//! the text and serializes back unchanged: Graph adds members over time. A member in another
//! letter case reads as the member (and writes back as the enum spells it). Enums are
//! `#[non_exhaustive]`: a member the docs add later is not a breaking change downstream.

use super::context::ident;
use super::doc;
use crate::ir::EnumType;
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

/// `available`: the doc lines that say which features compile the enum.
/// The variant of each member, in member order (also what a snippet names). The catch-all is
/// `Unrecognized` in every enum; a member of that name steps aside.
pub fn variant_names(e: &EnumType) -> Vec<String> {
    let mut scope = Scope::with(&["Self", "Unrecognized"]);
    e.members.iter().map(|m| scope.claim(naming::variant(&m.name))).collect()
}

pub fn enumeration(e: &EnumType, ident_name: &str, available: TokenStream) -> TokenStream {
    let name = ident(ident_name);
    let members: Vec<_> = variant_names(e).iter().map(|v| ident(v)).zip(&e.members).collect();
    let other = ident("Unrecognized");
    let variants = members.iter().map(|(v, m)| {
        let docs = doc::lines(&m.description);
        quote!(#docs #v,)
    });
    let to_wire = members.iter().map(|(v, m)| {
        let wire = &m.name;
        quote!(#name::#v => #wire,)
    });
    let from_wire = members.iter().map(|(v, m)| {
        let wire = &m.name;
        quote!(#wire => #name::#v,)
    });
    // Text in another letter case is the member it folds to (the docs' examples write
    // `Organization` for `organization`); a flags value's parts are left as the text they are.
    let unknown = if e.flags {
        quote!(#name::#other(other.to_string()))
    } else {
        let wires = e.members.iter().map(|m| &m.name);
        quote! {
            match crate::runtime::member_in_any_case(other, &[#(#wires),*]) {
                Some(member) => Self::from(member),
                None => #name::#other(other.to_string()),
            }
        }
    };
    let docs = doc::item("", &e.name, &e.source.file);
    let flags_doc = e.flags.then(|| {
        quote! {
            ///
            /// A flags enum: one value may join several members with commas (`a,b`), which reads
            /// as `Unrecognized` with its text; [`members`](Self::members) splits it.
        }
    });
    let docs = quote!(#docs #flags_doc #available);
    let other_doc = if e.flags {
        " A member this crate does not know yet, or several members joined with commas (`a,b`: [`members`](Self::members) splits them), with its wire text kept."
    } else {
        " A member this crate does not know yet, with its wire text kept."
    };
    let flags = e.flags.then(|| flags(&name));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = #other_doc]
            #other(String),
        }

        impl #name {
            /// The member as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    #name::#other(s) => s,
                }
            }
        }

        /// An empty [`Unrecognized`](Self::Unrecognized): a placeholder a collection page reads
        /// its items into, not a member of the enum.
        impl Default for #name {
            fn default() -> Self {
                #name::#other(String::new())
            }
        }

        impl From<&str> for #name {
            fn from(s: &str) -> Self {
                match s {
                    #(#from_wire)*
                    other => #unknown,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // A function's argument of this type takes the member or its text (`impl AsRef<str>`).
        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Ok(Self::from(s.as_ref()))
            }
        }

        #flags
    }
}

/// A flags enum's value may join several members with commas (`apps,tabs`); it reads as
/// `Unrecognized` with that text, so the enum can split it and join members into one. The
/// enum stays one value per field, as the wire has it.
fn flags(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl #name {
            /// The members this value joins with commas (a flags enum: Graph writes several in
            /// one value, `apps,tabs`), each as its variant.
            pub fn members(&self) -> Vec<#name> {
                self.as_str().split(',').map(str::trim).filter(|m| !m.is_empty()).map(#name::from).collect()
            }

            /// Several members as one value, joined with commas as Graph writes them.
            pub fn join(members: &[#name]) -> #name {
                let text: Vec<&str> = members.iter().map(#name::as_str).collect();
                #name::from(text.join(",").as_str())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumMember, Source};

    fn parts(flags: bool) -> String {
        let member = |n: &str| EnumMember { name: n.into(), value: None, description: String::new() };
        let e = EnumType {
            name: "microsoft.graph.clonableTeamParts".into(),
            flags,
            members: vec![member("apps"), member("tabs")],
            source: Source { file: "v1.0/resources/team.md".into(), line: 1 },
            settled: None,
        };
        enumeration(&e, "ClonableTeamParts", quote!()).to_string()
    }

    #[test]
    fn only_a_flags_enum_splits_and_joins_its_members() {
        assert!(parts(true).contains("pub fn members"), "{}", parts(true));
        assert!(parts(true).contains("pub fn join"));
        assert!(!parts(false).contains("pub fn members"));
    }

    #[test]
    fn a_one_value_enum_reads_other_letter_cases_as_its_members() {
        assert!(parts(false).contains("member_in_any_case (other , & [\"apps\" , \"tabs\"])"), "{}", parts(false));
        // A flags value's parts stay the text they are, as `members()` splits them.
        assert!(!parts(true).contains("member_in_any_case"));
    }
}
