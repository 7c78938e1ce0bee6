//! A resource page's JSON representation against its property tables: keys no table lists
//! (GG0205; a dictionary's keys are its data, not findings), table rows the representation leaves out (GG0206), and values whose JSON kind
//! differs from the table's type (GG0207).

use crate::diag::{Code, Diags};
use crate::frontend::facts::{JsonRepr, RawProperty};
use crate::frontend::typecell::{self, BaseExpr, TypeExpr};
use crate::ir::{lineage, Api, Property, TypeRef};
use serde_json::Value;

pub fn check(api: &Api, q: &str, file: &str, repr: &JsonRepr, diags: &mut Diags) {
    let chain = lineage(&api.types, q);
    let props: Vec<&Property> = chain.iter().flat_map(|t| t.properties.iter()).collect();
    // An open type that declares no properties of its own is a dictionary: its keys are data
    // (a list item's columns, user ids), not missing rows. An open type with its own table
    // (`group`) still lists its properties, so a key it does not list is a finding there.
    let open = chain.iter().any(|t| t.open) && chain.first().is_some_and(|t| t.properties.is_empty());
    // An open type's representation may show, as optional, properties its instances carry
    // beyond the table (dynamic properties): no row is missing for them.
    let dynamic = |key: &str| chain.iter().any(|t| t.open) && repr.optional.iter().any(|o| o == key);
    for (key, value, line) in &repr.entries {
        match props.iter().find(|p| &p.name == key) {
            None if open || dynamic(key) => {}
            // The key the annotation declares (`keyProperty`): the entity has it, listed or not
            // (`keys::declare` adds it once the tables are read).
            None if key == "id" && chain.iter().any(|t| t.kind == crate::ir::TypeKind::Entity) => {}
            None => {
                let near = props.iter().find(|p| p.name.eq_ignore_ascii_case(key));
                let help = match near {
                    Some(p) => format!("; the table spells it `{}`", p.name),
                    None => "; add a row for it to the properties table or remove it from the JSON".into(),
                };
                diags
                    .push(
                        file,
                        *line,
                        Code::JsonRepresentation,
                        format!("`{key}` is in the JSON representation of `{q}` but in none of its property tables{help}"),
                    )
                    .token(format!("\"{key}\""));
            }
            Some(p) => {
                if let Some(why) = mismatch(api, &p.r#type, value) {
                    diags
                        .push(
                            file,
                            *line,
                            Code::JsonRepresentationType,
                            format!(
                                "`{key}` is {why} in the JSON representation, but its table row (line {}) says `{}`",
                                p.source.line, p.r#type
                            ),
                        )
                        .token(format!("\"{key}\""))
                        .also(&p.source.file, p.source.line, "the table row");
                }
            }
        }
    }
    // Rows of this page's own tables (relationships aside: representations leave them out).
    let Some(own) = api.types.get(q) else { return };
    // Instance annotations (`@odata.etag`) are set aside on both sides.
    // A row whose name is marked `(deprecated)` is left out of the representation on purpose.
    let deprecated = |p: &&crate::ir::Property| p.description.to_ascii_lowercase().starts_with("(deprecated)");
    // A `Stream` row is content fetched on its own (`.../$value`), never a key of the JSON.
    let stream = |p: &&crate::ir::Property| p.r#type.name == crate::ir::primitive::STREAM;
    // A row the annotation lists in `optionalProperties` is one the page says may be absent
    // (ApiDoctor's contract for that list): leaving it out is the page's stated choice.
    let optional = |p: &&crate::ir::Property| repr.optional.iter().any(|o| o == &p.name);
    for p in own
        .properties
        .iter()
        .filter(|p| !p.navigation && p.source.file == file && !p.name.starts_with('@') && !deprecated(p) && !stream(p) && !optional(p))
    {
        // A key spelled in another letter case is reported once, at the key (GG0205 names
        // the table's spelling), not again as a missing row.
        if !repr.entries.iter().any(|(k, _, _)| k.eq_ignore_ascii_case(&p.name)) {
            diags
                .push(
                    &p.source.file,
                    p.source.line,
                    Code::JsonRepresentationMissing,
                    format!(
                        "property `{}` of `{q}` is missing from the JSON representation (line {}); add it there or drop the row",
                        p.name, repr.line
                    ),
                )
                .token(p.name.as_str())
                .also(file, repr.line, "the JSON representation");
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Bool,
    Number,
    Object,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Text => "a string",
            Kind::Bool => "a Boolean",
            Kind::Number => "a number",
            Kind::Object => "an object",
        }
    }
}

/// The kind a table type asks for; `None` for types that take any JSON.
fn wanted(api: &Api, t: &str) -> Option<Kind> {
    use crate::ir::primitive::{by_name, JsonKind};
    Some(match by_name(t).map(|p| p.json) {
        Some(JsonKind::Boolean) => Kind::Bool,
        Some(JsonKind::Integer | JsonKind::Number) => Kind::Number,
        _ if crate::ir::ANY_JSON.contains(&t) => return None,
        _ if t.starts_with("Edm.") || api.enums.contains_key(t) => Kind::Text,
        _ if api.types.contains_key(t) => Kind::Object,
        _ => return None,
    })
}

/// The kind a template value shows: a type word (`"Boolean"`, `"Int32"`, `"String (timestamp)"`)
/// stands for its kind, and so does `{"@odata.type": "<type word>"}`; any other string is text.
fn shown(v: &Value) -> Option<Kind> {
    Some(match v {
        Value::Bool(_) => Kind::Bool,
        Value::Number(_) => Kind::Number,
        Value::Object(m) => match (m.len(), m.get("@odata.type").and_then(Value::as_str)) {
            (1, Some(word)) if word.starts_with("Edm.") || type_word(word) != Kind::Text => type_word(word),
            (1, Some(word)) if matches!(word.split(['(', ' ']).next().map(str::to_ascii_lowercase).as_deref(), Some("string")) => {
                Kind::Text
            }
            _ => Kind::Object,
        },
        Value::String(s) if is_collection_word(s) => return None,
        Value::String(s) => type_word(s),
        Value::Null | Value::Array(_) => return None,
    })
}

/// `"Collection(String)"`: the type written out for an array.
pub(super) fn is_collection_word(s: &str) -> bool {
    s.trim().to_ascii_lowercase().starts_with("collection(")
}

/// The kind a string names when it is one type word, before any parenthesized note
/// (`"Int32"`, `"Boolean (read-only)"`); text otherwise (`"boolean | currency"` is a list).
fn type_word(s: &str) -> Kind {
    let head = s.split('(').next().unwrap_or("").trim();
    let word = head.trim_start_matches("Edm.").to_ascii_lowercase();
    match word.as_str() {
        "boolean" | "bool" => Kind::Bool,
        "int16" | "int32" | "int64" | "integer" | "double" | "single" | "decimal" | "number" | "byte" => Kind::Number,
        _ => Kind::Text,
    }
}

/// Why `v` cannot be a value of `t`, if it cannot: only plain kind clashes count, so a
/// sample value or a type word of the right kind passes.
fn mismatch(api: &Api, t: &TypeRef, v: &Value) -> Option<String> {
    match (t.collection, v) {
        (_, Value::Null) => None,
        (true, Value::Array(items)) => {
            let one = TypeRef { name: t.name.clone(), collection: false };
            items.first().and_then(|i| mismatch(api, &one, i)).map(|w| format!("an array of which an item is {w}"))
        }
        (true, Value::String(s)) if is_collection_word(s) => None,
        (true, _) => Some(format!("{} rather than an array", shown(v).map_or("a value", Kind::word))),
        (false, Value::Array(_)) => Some("an array".into()),
        (false, _) => {
            let want = wanted(api, &t.name)?;
            // `{"@odata.type": "microsoft.graph.riskLevel"}` is the representations' placeholder
            // for a value of that type; for an enum it stands for a string.
            let names_enum = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.get("@odata.type")?.as_str()).is_some_and(|w| {
                let w = w.trim_start_matches('#');
                api.enums.contains_key(w) || api.enums.contains_key(&format!("microsoft.graph.{w}"))
            });
            let got = if names_enum { Kind::Text } else { shown(v)? };
            // A string where an object is asked is mostly the type's name written out
            // (`"microsoft.graph.identitySet"`): the same thing said another way.
            let loose = matches!((want, got), (Kind::Object, Kind::Text));
            if want == got || loose {
                return None;
            }
            Some(got.word().to_string())
        }
    }
}

/// Properties read from a representation, for a page that has no property table: each key typed
/// by its value. A type word (`"Int32"`, `"String (timestamp)"` for a DateTimeOffset) names its primitive, a sample
/// string is a String, `true` a Boolean, a whole number an Int32 and another a Double,
/// `{"@odata.type": "x"}` the type x, an array a collection of its first item's type; anything
/// else is untyped JSON.
pub fn properties(repr: &JsonRepr, file: &str) -> Vec<RawProperty> {
    repr.entries
        .iter()
        .map(|(key, value, line)| RawProperty {
            name: key.clone(),
            ty: Some(value_type(value)),
            type_text: String::new(),
            alternatives: Vec::new(),
            navigation: false,
            read_only: false,
            description: String::new(),
            possible_values: Vec::new(),
            source: crate::ir::Source { file: file.to_string(), line: *line },
        })
        .collect()
}

pub(super) fn value_type(v: &Value) -> TypeExpr {
    let prim = |p: &'static str| TypeExpr { base: BaseExpr::Primitive(p), collection: false };
    match v {
        Value::Bool(_) => prim("Edm.Boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => prim("Edm.Int32"),
        Value::Number(_) => prim("Edm.Double"),
        Value::String(s) => {
            let word: String = s.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
            match typecell::primitive(&word).unwrap_or("Edm.String") {
                // The representations' way of writing a DateTimeOffset.
                "Edm.String" if s.to_ascii_lowercase().starts_with("string (timestamp)") => prim("Edm.DateTimeOffset"),
                p => prim(p),
            }
        }
        Value::Array(items) => {
            let one = items.first().map(value_type).unwrap_or_else(|| prim("Edm.Untyped"));
            TypeExpr { collection: true, ..one }
        }
        Value::Object(m) => match m.get("@odata.type").and_then(Value::as_str) {
            Some(t) => {
                let name = t.trim_start_matches('#');
                match typecell::primitive(name) {
                    Some(p) => prim(p),
                    None => TypeExpr { base: BaseExpr::Named { name: name.to_string(), target: None }, collection: false },
                }
            }
            None => prim("Edm.Untyped"),
        },
        Value::Null => prim("Edm.Untyped"),
    }
}
