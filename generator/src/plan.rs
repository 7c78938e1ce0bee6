//! The plan of the generated crate, decided once from the resolved IR before any emitter runs:
//! each operation's module, function name, arguments, body struct and area (cargo feature).
//! The emitters and the OpenAPI export read it; nothing here knows Rust syntax.

use crate::ir::{Body, Operation};
use crate::naming::{self, Scope};
use crate::path::{PathTemplate, Piece};
use std::collections::BTreeMap;

/// The feature of the types no operation reaches.
pub const UNREFERENCED: &str = "unreferenced";

/// One operation's place in the generated crate.
pub struct OpPlan<'a> {
    /// The operation.
    pub op: &'a Operation,
    /// Module under `ops`, from the path's first segment.
    pub module: String,
    /// The request function's name in its module, unique there.
    pub function: String,
    /// One argument per path parameter, in path order.
    pub args: Vec<String>,
    /// Name of the generated parameter struct for action bodies.
    pub body_struct: Option<String>,
    /// The cargo feature the function sits behind: the page's product.
    pub area: String,
}

/// A page's product as a cargo feature name: `identity-and-sign-in`; `general` when the page
/// names none.
pub fn area(product: &str) -> String {
    let a: String = product
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let reserved = matches!(a.as_str(), "" | "full" | "default" | "reqwest" | "reqwest-rustls" | UNREFERENCED);
    if reserved || a.starts_with(|c: char| c.is_ascii_digit()) {
        if a.is_empty() {
            "general".to_string()
        } else {
            format!("area-{a}")
        }
    } else {
        a
    }
}

/// Plan every operation; order of the IR's operation list decides collision suffixes.
pub fn plan(ops: &[Operation]) -> Vec<OpPlan<'_>> {
    let mut scopes: BTreeMap<String, Scope> = BTreeMap::new();
    ops.iter()
        .map(|op| {
            let (root, rest) = split_root(&op.path);
            let module = naming::module_name(&root);
            let scope = scopes.entry(module.clone()).or_default();
            let mut words: Vec<String> = rest.iter().map(|s| naming::snake(s)).collect();
            if let Some(v) = verb(op) {
                words.push(v.to_string());
            }
            if words.is_empty() {
                words.push("get".into());
            }
            let function = scope.claim(naming::snake(&words.join("_")));
            let mut arg_scope = Scope::with(&["body"]);
            let args = op
                .parameters
                .iter()
                .map(|p| {
                    let first = p.name.split('|').next().unwrap_or(&p.name).trim();
                    let base = match &p.function_arg {
                        Some(a) if !a.is_empty() => naming::snake(a),
                        _ => naming::snake(first),
                    };
                    // `{id}` after `groups` is a group's id.
                    let base = if base == "id" && !p.after.is_empty() {
                        naming::snake(&format!("{}_id", naming::singular(p.after.trim_start_matches('$'))))
                    } else {
                        base
                    };
                    arg_scope.claim(base)
                })
                .collect();
            let body_struct = matches!(op.body, Some(Body::Parameters(_)))
                .then(|| scope.claim(format!("{}_body", function)))
                .map(|s| heck::ToUpperCamelCase::to_upper_camel_case(s.as_str()));
            OpPlan { op, module, function, args, body_struct, area: area(&op.product) }
        })
        .collect()
}

/// The first literal segment names the module; the other literal and function segments name
/// the function. Parameters are left out of the name.
fn split_root(path: &PathTemplate) -> (String, Vec<String>) {
    let mut words = Vec::new();
    for seg in path.segments() {
        let Some(Piece::Text(first)) = seg.pieces.first() else {
            continue;
        };
        let word = first.split('(').next().unwrap_or(first);
        let word = word.trim_matches(|c: char| c == ':' || c == '$' || c == '\'' || c.is_whitespace());
        if word.is_empty() {
            continue;
        }
        // `microsoft.graph.delta` → `delta`.
        let word = word.rsplit('.').next().unwrap_or(word);
        words.push(word.to_string());
    }
    if words.is_empty() {
        return ("root".into(), words);
    }
    let root = words.remove(0);
    (root, words)
}

fn verb(op: &Operation) -> Option<&'static str> {
    let last = op.path.segments().last();
    let ends_in_param = last.is_some_and(|s| s.param_name().is_some());
    let last_is_call = last.is_some_and(|s| s.call_name().is_some() || s.literal().is_some_and(|l| l.contains('.')));
    Some(match op.method.as_str() {
        "GET" if last_is_call => return None,
        "GET" if ends_in_param => "get",
        "GET" if op.response.r#type.as_ref().is_some_and(|t| t.collection) => "list",
        "GET" => "get",
        "POST" if last_is_call || matches!(op.body, Some(Body::Parameters(_))) => return None,
        "POST" => "create",
        "PATCH" => "update",
        "PUT" => "put",
        "DELETE" => "delete",
        _ => "call",
    })
}
