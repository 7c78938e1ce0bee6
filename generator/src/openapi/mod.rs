//! OpenAPI 3.0 in and out: the IR as an OpenAPI document ([`export`]), and an OpenAPI
//! document (this layout, or Microsoft's published Graph layout) read into the IR
//! ([`import`]).
//!
//! Standard constructs carry the structure: schemas with `allOf` inheritance, string enums,
//! `nullable`, `readOnly`, `@odata.type` discriminators, paths with parameters, request bodies,
//! responses and examples. What OpenAPI has no word for travels in extensions, named as
//! Microsoft's layout names them where it has one (`x-ms-navigationProperty`, `x-ms-enum`,
//! `x-ms-enum-flags`), else `x-graphgen-*`: the page and line of each fact, an entity or
//! complex kind, `abstract`, the page's product, the request headers, and the docs examples as
//! the IR holds them. The README lists what a document without those extensions loses.

pub mod export;
pub mod import;

use crate::ir::Source;
use serde_json::{json, Value};

/// An OpenAPI document's text as JSON: a JSON document (its first character `{`, after any
/// byte-order mark and white space) is read by serde_json, which takes every escape JSON allows
/// (`"\ud83d\ude0a"`, the surrogate pairs Python's `json.dump` writes for each emoji, which
/// serde_yaml refuses); anything else is YAML.
pub fn read_document(text: &str) -> Result<Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| format!("is not valid JSON: {e}"))
    } else {
        serde_yaml::from_str(text).map_err(|e| format!("is not JSON or YAML: {e}"))
    }
}

/// Where the export puts schemas, and the only `$ref` target the import follows.
pub const REF_PREFIX: &str = "#/components/schemas/";

/// The schema of a primitive (its OpenAPI `type`/`format` in the primitive table; `Edm.Untyped`
/// is the empty schema, any JSON), or `None` for a named type.
fn primitive_schema(name: &str) -> Option<Value> {
    if name == "Edm.Untyped" {
        return Some(json!({}));
    }
    let (ty, format) = crate::ir::primitive::by_name(name)?.openapi;
    Some(match format {
        Some(f) => json!({ "type": ty, "format": f }),
        None => json!({ "type": ty }),
    })
}

/// The primitive a `type`/`format` pair stands for. Formats Microsoft's layout uses that are
/// not in the table map to their nearest kind.
fn primitive_of(ty: &str, format: Option<&str>) -> Option<&'static str> {
    if let Some(p) = crate::ir::primitive::PRIMITIVES.iter().find(|p| p.openapi == (ty, format)) {
        return Some(p.name);
    }
    Some(match (ty, format) {
        ("string", Some("byte" | "base64")) => "Edm.Binary",
        ("string", _) => "Edm.String",
        ("integer", _) => "Edm.Int64",
        ("number", _) => "Edm.Double",
        ("boolean", _) => "Edm.Boolean",
        _ => return None,
    })
}

fn source_text(s: &Source) -> String {
    format!("{}:{}", s.file, s.line)
}

fn source_of(v: &Value, default_file: &str) -> Source {
    match v.get("x-graphgen-source").and_then(Value::as_str).and_then(|s| s.rsplit_once(':')) {
        Some((file, line)) => Source { file: file.to_string(), line: line.parse().unwrap_or(0) },
        None => Source { file: default_file.to_string(), line: 0 },
    }
}

/// The first place two APIs differ, for a readable round-trip report; `None` when equal.
pub fn first_difference(a: &crate::ir::Api, b: &crate::ir::Api) -> Option<String> {
    for (name, t) in &a.types {
        match b.types.get(name) {
            None => return Some(format!("type {name} lost")),
            Some(u) if u != t => return Some(format!("type {name}:\n  before: {t:?}\n  after:  {u:?}")),
            _ => {}
        }
    }
    for (name, e) in &a.enums {
        if b.enums.get(name) != Some(e) {
            return Some(format!("enum {name}:\n  before: {e:?}\n  after:  {:?}", b.enums.get(name)));
        }
    }
    for (x, y) in a.operations.iter().zip(&b.operations) {
        if x != y {
            return Some(format!("operation {} {}:\n  before: {x:?}\n  after:  {y:?}", x.method, x.path));
        }
    }
    (a != b).then(|| {
        format!(
            "{} / {} types, {} / {} enums, {} / {} operations, page examples equal: {}",
            a.types.len(),
            b.types.len(),
            a.enums.len(),
            b.enums.len(),
            a.operations.len(),
            b.operations.len(),
            a.examples == b.examples
        )
    })
}
