//! Template bodies: examples whose values are type words (`"String"`, `"Boolean"`,
//! `"String (timestamp)"`) or `{"@odata.type": "..."}` stubs. They are valid JSON, so they are
//! told apart by meaning: the keys say something, the values do not.

use super::typecell;
use serde_json::Value;

/// True when any value in `v` is a placeholder.
pub fn is_template(v: &Value) -> bool {
    match v {
        Value::String(s) => is_placeholder_word(s),
        Value::Array(items) => items.iter().any(is_template),
        Value::Object(map) => {
            let stub = map.len() == 1 && map.get("@odata.type").and_then(Value::as_str).is_some_and(|t| !t.starts_with('#'));
            stub || map.values().any(is_template)
        }
        _ => false,
    }
}

/// `String`, `Int32`, `Edm.Guid`, `String (timestamp)`, `datetime`, ... any case.
pub fn is_placeholder_word(s: &str) -> bool {
    let t = s.trim();
    let head = match t.split_once('(') {
        Some((h, rest)) if rest.ends_with(')') => h.trim(),
        _ => t,
    };
    typecell::primitive(head).is_some() && !head.chars().all(|c| c.is_ascii_digit())
        // Real data is not a bare type word, except these common English words.
        && !matches!(head.to_ascii_lowercase().as_str(), "number" | "date" | "url" | "uri" | "long" | "float" | "single")
}
