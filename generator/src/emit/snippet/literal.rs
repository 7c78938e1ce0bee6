//! A docs example's JSON as a Rust expression of the generated models: struct literals with
//! `..Default::default()`, enums by variant, `vec![..]`, dates through the `edm` newtypes,
//! `Nullable::Null` only where the example sends `null`, derived types by their `@odata.type`,
//! and keys no model has in `additional_properties`. The names it uses are collected for the
//! snippet's `use` lines.

use super::super::context::{ident, Ctx};
use crate::ir::primitive::{self, RustType};
use crate::ir::{Property, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The names a snippet refers to, by module: its `use` lines.
#[derive(Default)]
pub struct Uses {
    pub models: BTreeSet<String>,
    pub enums: BTreeSet<String>,
    pub edm: BTreeSet<String>,
    pub runtime: BTreeSet<String>,
    pub bodies: BTreeSet<String>,
    /// `json!` is used: `use <crate>::serde_json::json;`.
    pub json: bool,
    /// A `serde_json::Value` is parsed from text (too large for `json!`): `use <crate>::serde_json;`.
    pub json_text: bool,
}

impl Uses {
    /// `use` lines in the crate `lib`, one per module, names sorted.
    pub fn lines(&self, lib: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = |module: &str, names: &BTreeSet<String>| match names.len() {
            0 => {}
            1 => out.push(format!("use {lib}::{module}::{};", names.iter().next().map(String::as_str).unwrap_or(""))),
            _ => out.push(format!("use {lib}::{module}::{{{}}};", names.iter().cloned().collect::<Vec<_>>().join(", "))),
        };
        line("api::bodies", &self.bodies);
        line("edm", &self.edm);
        line("enums", &self.enums);
        line("models", &self.models);
        line("runtime", &self.runtime);
        match (self.json, self.json_text) {
            (true, true) => out.push(format!("use {lib}::serde_json::{{self, json}};")),
            (true, false) => out.push(format!("use {lib}::serde_json::json;")),
            (false, true) => out.push(format!("use {lib}::serde_json;")),
            (false, false) => {}
        }
        out
    }
}

/// Builds expressions, gathering what they use.
pub struct Literal<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    pub uses: Uses,
}

/// Why a value cannot be written as its type: the example and the docs' type disagree.
pub type Unfit = String;

impl<'c, 'a> Literal<'c, 'a> {
    pub fn new(ctx: &'c Ctx<'a>) -> Self {
        Literal { ctx, uses: Uses::default() }
    }

    /// A struct literal of type `q` (a model) from a JSON object.
    pub fn model(&mut self, q: &str, v: &Map<String, Value>) -> Result<TokenStream, Unfit> {
        let (_, id) = self.ctx.types.get(q).ok_or_else(|| format!("`{q}` has no model"))?;
        self.uses.models.insert(id.clone());
        let props = self.ctx.all_properties(q);
        let props: Vec<&Property> = props.into_iter().filter(|p| p.name != "@odata.type").collect();
        let names = super::super::models::field_names(&props);
        let name = ident(id);
        // OData's entity reference, the body of a `$ref` write: the runtime's helper says so.
        if let (1, Some(Value::String(url))) = (v.len(), v.get("@odata.id")) {
            self.uses.runtime.insert("reference".into());
            return Ok(quote!(reference::<#name>(#url)));
        }
        if let Some(entries) = self.dictionary(q, &name, v)? {
            return Ok(entries);
        }
        // `relationship@odata.bind` links existing entities by URL: the runtime's `Bind` writes
        // it (`.bind("template", url)`, `.bind_all("members", urls)`), as a user would.
        let mut binds = Vec::new();
        let mut rest = Map::new();
        for (k, x) in v {
            let rel = k.strip_suffix("@odata.bind").filter(|r| !r.is_empty());
            let urls: Option<Vec<&str>> = x.as_array().map(|a| a.iter().map(Value::as_str).collect::<Option<Vec<_>>>()).unwrap_or(None);
            match (rel, x.as_str(), urls) {
                (Some(r), Some(url), _) => binds.push(quote!(.bind(#r, #url))),
                (Some(r), None, Some(urls)) => binds.push(quote!(.bind_all(#r, [#(#urls),*]))),
                _ => {
                    rest.insert(k.clone(), x.clone());
                }
            }
        }
        if !binds.is_empty() {
            self.uses.runtime.insert("Bind".into());
        }
        // Nothing to set (a template whose placeholders were all left out): `X::default()`.
        if rest.is_empty() {
            return Ok(quote!(#name::default() #(#binds)*));
        }
        let fields = self.fields(&rest, Some(q), &props, &names, true)?;
        Ok(quote!(#name { #fields } #(#binds)*))
    }

    /// A dictionary's entries through its accessors (`X::default().with(key, value)`), each
    /// value of its value type; the tag `with` writes itself is left out. `None` where the
    /// object carries annotations: those stay in a struct literal.
    fn dictionary(&mut self, q: &str, name: &proc_macro2::Ident, v: &Map<String, Value>) -> Result<Option<TokenStream>, Unfit> {
        let Some(value) = self.ctx.api.types.get(q).and_then(|t| t.values.clone()) else { return Ok(None) };
        if v.keys().any(|k| k.contains('@')) {
            return Ok(None);
        }
        let tag = format!("#{}", value.name);
        let mut chain = Vec::new();
        for (k, x) in v {
            if x.is_null() {
                chain.push(quote!(.with_null(#k)));
                continue;
            }
            let mut x = x.clone();
            if let Value::Object(m) = &mut x {
                if m.get("@odata.type").and_then(Value::as_str) == Some(tag.as_str()) {
                    m.remove("@odata.type");
                }
            }
            let e = self.exact(&x, &value)?;
            chain.push(quote!(.with(#k, #e)));
        }
        Ok(Some(quote!(#name::default() #(#chain)*)))
    }

    /// A body struct literal (`api::bodies::X`) of an action's parameters.
    pub fn parameters(&mut self, name: &str, params: &[Property], v: &Map<String, Value>) -> Result<TokenStream, Unfit> {
        self.uses.bodies.insert(name.to_string());
        let names = super::super::models::parameter_names(params);
        let props: Vec<&Property> = params.iter().collect();
        let fields = self.fields(v, None, &props, &names, false)?;
        let name = ident(name);
        Ok(quote!(#name { #fields }))
    }

    fn fields(
        &mut self,
        v: &Map<String, Value>,
        owner: Option<&str>,
        props: &[&Property],
        names: &[String],
        has_odata_type: bool,
    ) -> Result<TokenStream, Unfit> {
        let mut set = Vec::new();
        let mut extra = Vec::new();
        for (key, value) in v {
            if key == "@odata.type" && has_odata_type {
                let text = value.as_str().ok_or_else(|| "`@odata.type` is not a string".to_string())?;
                set.push(quote!(odata_type: #text.into()));
                continue;
            }
            match props.iter().position(|p| p.name == *key) {
                Some(i) => {
                    let f = ident(&names[i]);
                    let e = self.field(value, owner, &props[i].r#type)?;
                    set.push(quote!(#f: #e));
                }
                None => extra.push((key.clone(), value.clone())),
            }
        }
        if !extra.is_empty() {
            let pairs: Vec<TokenStream> = extra
                .iter()
                .map(|(k, v)| {
                    let j = json(v, &mut self.uses);
                    quote!((#k.to_string(), #j))
                })
                .collect();
            set.push(quote!(additional_properties: [#(#pairs),*].into()));
        }
        Ok(quote!(#(#set,)* ..Default::default()))
    }

    /// The value of a `Nullable` field: `null` is `Nullable::Null`, anything else goes in with
    /// `.into()` (a `&str` straight into a string or `edm` field).
    fn field(&mut self, v: &Value, owner: Option<&str>, t: &TypeRef) -> Result<TokenStream, Unfit> {
        if v.is_null() {
            self.uses.runtime.insert("Nullable".into());
            return Ok(quote!(Nullable::Null));
        }
        let text_like = !t.collection && matches!(self.kind(&t.name), Kind::Text | Kind::Edm(_));
        if let (true, Value::String(s)) = (text_like, v) {
            return Ok(quote!(#s.into()));
        }
        // A collection field takes an array (`[a, b].into()`), which formats as code where
        // `vec![..]` would print as tokens; an `Any*` field takes the model itself.
        if let (true, Value::Array(items)) = (t.collection, v) {
            let one = TypeRef { name: t.name.clone(), collection: false };
            let items = items.iter().map(|x| self.exact(x, &one)).collect::<Result<Vec<_>, _>>()?;
            return Ok(quote!([#(#items),*].into()));
        }
        let e = match v {
            Value::Object(m) if !t.collection && matches!(self.kind(&t.name), Kind::Model) => self.object(&t.name, m)?.0,
            _ => self.exact(v, t)?,
        };
        let boxed = self.ctx.rust_type(owner, t).to_string().starts_with("Box");
        // `-1.5.into()` would negate what `into` gives.
        let negative = e.to_string().starts_with('-');
        Ok(if boxed {
            quote!(Box::new(#e).into())
        } else if negative {
            quote!((#e).into())
        } else {
            quote!(#e.into())
        })
    }

    /// An expression of exactly the Rust type of `t` (no `Nullable`).
    pub fn exact(&mut self, v: &Value, t: &TypeRef) -> Result<TokenStream, Unfit> {
        if t.collection {
            let Value::Array(items) = v else { return Err(format!("a single value where `{t}` is a collection")) };
            let one = TypeRef { name: t.name.clone(), collection: false };
            let items = items.iter().map(|x| self.exact(x, &one)).collect::<Result<Vec<_>, _>>()?;
            return Ok(quote!(Vec::from([#(#items),*])));
        }
        match (self.kind(&t.name), v) {
            (Kind::Json, v) => Ok(json(v, &mut self.uses)),
            (Kind::Text, Value::String(s)) => Ok(quote!(#s.to_string())),
            (Kind::Edm(name), Value::String(s)) => {
                self.uses.edm.insert(name.to_string());
                let name = ident(name);
                Ok(quote!(#name::from(#s)))
            }
            (Kind::Bool, Value::Bool(b)) => Ok(quote!(#b)),
            // `"false"` for a Boolean (sendMail's `saveToSentItems`): the field is a `bool`, so
            // a Rust user writes the boolean the string names; the linter reports the docs'
            // string (the example's value against its type).
            (Kind::Bool, Value::String(s)) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
                let b = s.eq_ignore_ascii_case("true");
                Ok(quote!(#b))
            }
            // No suffix: the field or the vector around it says which integer.
            (Kind::Int(rust), Value::Number(n)) if n.is_i64() || n.is_u64() => {
                n.to_string().parse().map_err(|_| format!("`{n}` is no {rust}"))
            }
            (Kind::Float, Value::Number(n)) => {
                let f = n.as_f64().unwrap_or_default();
                let text = if f.fract() == 0.0 && f.abs() < 1e15 { format!("{f:.1}") } else { format!("{f:?}") };
                text.parse().map_err(|_| format!("`{n}` is no number literal"))
            }
            // `"100"` for a Double (findMeetingTimes' `minimumAttendeePercentage`): the number,
            // as for a Boolean above.
            (Kind::Int(_) | Kind::Float, Value::String(s)) if s.trim().parse::<serde_json::Number>().is_ok() => {
                let n: serde_json::Number = s.trim().parse().map_err(|_| format!("`{s}` is no number"))?;
                self.exact(&Value::Number(n), t)
            }
            (Kind::Enum(id), Value::String(s)) => Ok(self.member(&t.name, &id, s)),
            (Kind::Model, Value::Object(m)) => {
                let (model, any) = self.object(&t.name, m)?;
                Ok(match any {
                    Some(any) => {
                        self.uses.models.insert(any.clone());
                        let any = ident(&any);
                        quote!(#any::from(#model))
                    }
                    None => model,
                })
            }
            (kind, v) => Err(format!("`{}` where the docs type `{t}` ({})", short(v), kind.what())),
        }
    }

    /// An object of type `q` or of the derived type its `@odata.type` names, with the `Any*`
    /// enum it goes through where `q` has derived types.
    fn object(&mut self, q: &str, m: &Map<String, Value>) -> Result<(TokenStream, Option<String>), Unfit> {
        let named = m.get("@odata.type").and_then(Value::as_str).map(|s| s.trim_start_matches('#'));
        let derived = named.and_then(|n| {
            let simple = n.rsplit('.').next().unwrap_or(n);
            let family = self.ctx.descendants.get(q)?;
            family.iter().find(|d| *d == n || d.rsplit('.').next().is_some_and(|s| s.eq_ignore_ascii_case(simple))).cloned()
        });
        let concrete = derived.clone().unwrap_or_else(|| q.to_string());
        let any = self.ctx.polymorphic.get(q).map(|(_, any)| any.clone());
        // The `Any*` enum writes a derived type's `@odata.type` itself: the snippet names the
        // type, not its tag.
        // (Only as the enum writes it, with its `#`: a tag written without one is kept as the
        // example writes it.)
        let raw = m.get("@odata.type").and_then(Value::as_str).unwrap_or("");
        let tagged_by_enum = any.is_some() && derived.is_some() && named == Some(concrete.as_str()) && raw.starts_with('#');
        let model = if tagged_by_enum {
            let mut rest = m.clone();
            rest.remove("@odata.type");
            self.model(&concrete, &rest)?
        } else {
            self.model(&concrete, m)?
        };
        Ok((model, any))
    }

    /// `Enum::Member`, or the catch-all that keeps a member the docs do not list.
    fn member(&mut self, q: &str, id: &str, wire: &str) -> TokenStream {
        self.uses.enums.insert(id.to_string());
        let name = ident(id);
        let Some(e) = self.ctx.api.enums.get(q) else { return quote!(#name::Unrecognized(#wire.to_string())) };
        // A member written in another case (`HTML` for `html`) is the member: the service
        // reads members without regard to case, and a Rust user writes the variant.
        let variants: Vec<(String, &str)> =
            super::super::enums::variant_names(e).into_iter().zip(e.members.iter().map(|m| m.name.as_str())).collect();
        let exact = variants.iter().find(|(_, w)| *w == wire);
        if let Some((v, _)) = exact.or_else(|| variants.iter().find(|(_, w)| w.eq_ignore_ascii_case(wire))) {
            let v = ident(v);
            return quote!(#name::#v);
        }
        // Several members of a flags enum in one value (`apps,tabs`): joined as the enum joins
        // them, each written exactly as a member, so the value sent is the example's text.
        if e.flags && wire.contains(',') {
            let parts: Option<Vec<TokenStream>> = wire
                .split(',')
                .map(|part| variants.iter().find(|(_, w)| *w == part).map(|(v, _)| ident(v)).map(|v| quote!(#name::#v)))
                .collect();
            if let Some(parts) = parts {
                return quote!(#name::join(&[#(#parts),*]));
            }
        }
        quote!(#name::Unrecognized(#wire.to_string()))
    }

    fn kind(&self, name: &str) -> Kind {
        // `microsoft.graph.Json` has a page (and a model) but is typed as any JSON.
        if crate::ir::ANY_JSON.contains(&name) {
            return Kind::Json;
        }
        if let Some(p) = primitive::by_name(name) {
            return match p.rust {
                RustType::Native("String") => Kind::Text,
                RustType::Native("bool") => Kind::Bool,
                RustType::Native("f64") => Kind::Float,
                RustType::Native(int) => Kind::Int(int),
                RustType::Edm(e) => Kind::Edm(e),
            };
        }
        if let Some((_, id)) = self.ctx.enums.get(name) {
            return Kind::Enum(id.clone());
        }
        if self.ctx.types.contains_key(name) {
            return Kind::Model;
        }
        Kind::Json
    }
}

/// What a type is written as.
enum Kind {
    Text,
    Bool,
    Int(&'static str),
    Float,
    Edm(&'static str),
    Enum(String),
    Model,
    Json,
}

impl Kind {
    fn what(&self) -> &'static str {
        match self {
            Kind::Text | Kind::Edm(_) => "a string",
            Kind::Bool => "a boolean",
            Kind::Int(_) | Kind::Float => "a number",
            Kind::Enum(_) => "an enum member",
            Kind::Model => "an object",
            Kind::Json => "any JSON",
        }
    }
}

/// The most values (keys, scalars and containers) a `json!` literal holds: `json!` munches its
/// input one token tree at a time, and a larger literal reaches rustc's default recursion limit
/// of 128 in the user's crate as in ours.
const JSON_MACRO_MAX: usize = 32;

/// A value the models do not type, through the crate's `serde_json` (a `use` line): `json!` of
/// it, or, past [`JSON_MACRO_MAX`] values, its text parsed as a `serde_json::Value`.
fn json(v: &Value, uses: &mut Uses) -> TokenStream {
    if size(v) <= JSON_MACRO_MAX {
        uses.json = true;
        let inner = json_tokens(v);
        return quote!(json!(#inner));
    }
    uses.json_text = true;
    let text = v.to_string();
    // A raw string with more `#` than any run of them after a `"` in the text.
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let raw: TokenStream = format!("r{hashes}\"{text}\"{hashes}").parse().unwrap_or_else(|_| quote!(""));
    quote!(#raw.parse::<serde_json::Value>()?)
}

/// How many values, keys counted, `v` holds.
fn size(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Object(m) => 1 + m.values().map(|v| 1 + size(v)).sum::<usize>(),
        _ => 1,
    }
}

/// JSON as `json!` reads it, built from the value (its strings as Rust literals: JSON's own
/// escapes, like `\u00e9`, are not Rust's).
fn json_tokens(v: &Value) -> TokenStream {
    match v {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => n.to_string().parse().unwrap_or_else(|_| quote!(null)),
        Value::String(s) => quote!(#s),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(m) => {
            let pairs = m.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#pairs),* })
        }
    }
}

/// The start of a value, for a message.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_too_large_for_json_macro_is_parsed_from_its_text() {
        let mut uses = Uses::default();
        let small = json(&serde_json::json!({"a": 1}), &mut uses).to_string();
        assert!(small.starts_with("json !"), "{small}");
        assert!(uses.json && !uses.json_text);
        let big: Value = (0..40).map(|i| (format!("k{i}"), Value::from("v\"#x"))).collect::<Map<_, _>>().into();
        let code = json(&big, &mut uses).to_string();
        assert!(code.starts_with("r##\""), "a raw string past the `\"#` in the text: {code}");
        assert!(code.ends_with(". parse :: < serde_json :: Value > () ?"), "{code}");
        assert_eq!(uses.lines("m"), vec!["use m::serde_json::{self, json};".to_string()]);
    }
}
