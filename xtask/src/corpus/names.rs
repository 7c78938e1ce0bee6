//! The names a user types, read from a generated crate's source: no public function or method
//! over 40 characters, none with a numeric suffix (`messages_get_2`), and no two types or two
//! modules that differ only in case or underscores (`Json` and `Json_`). A plain scan of the
//! text, sharing nothing with the generator that chose the names.
//!
//! The getters of an `Any*` enum (`src/models/any_*.rs`) are named as the fields they read, which
//! are Graph's property names (`device_management_applicability_rule_os_edition`), as long as
//! the struct fields themselves (and numbered where the field is, for two properties the docs
//! spell in two cases): the rules are for names the generator makes up.

use std::collections::BTreeMap;

/// The longest name a user has to type.
const MAX: usize = 40;

#[derive(Debug, Default)]
pub struct Names {
    pub functions: usize,
    pub too_long: Vec<String>,
    pub numbered: Vec<String>,
    pub twins: Vec<String>,
}

/// Scans `(file, source)` pairs.
pub fn scan<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> Names {
    let mut n = Names::default();
    let mut types: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut modules: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (file, text) in files {
        for (kind, name) in declarations(text) {
            match kind {
                "fn" => {
                    n.functions += 1;
                    let getter = file.contains("models/any_");
                    if name.len() > MAX && !getter {
                        n.too_long.push(format!("{file}: {name} ({})", name.len()));
                    }
                    if numbered(name) && !getter {
                        n.numbered.push(format!("{file}: {name}"));
                    }
                }
                "mod" => push_unique(modules.entry(fold(name)).or_default(), name),
                _ => push_unique(types.entry(fold(name)).or_default(), name),
            }
        }
    }
    for group in types.values().chain(modules.values()).filter(|g| g.len() > 1) {
        n.twins.push(group.join(" / "));
    }
    n
}

fn push_unique(v: &mut Vec<String>, name: &str) {
    if !v.iter().any(|x| x == name) {
        v.push(name.to_string());
    }
}

/// `Json_` and `json` fold alike.
fn fold(name: &str) -> String {
    name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}

/// `x_2`: the mark of a name taken twice. Graph's own names end in digits without it (`fido2`).
fn numbered(name: &str) -> bool {
    name.rsplit_once('_').is_some_and(|(stem, n)| !stem.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `pub fn x`, `pub struct X`, `pub enum X`, `pub mod x`, `pub type X`, `pub trait X`.
fn declarations(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|l| {
        let rest = l.trim_start().strip_prefix("pub ")?;
        let (kind, rest) = rest.split_once(' ')?;
        if !matches!(kind, "fn" | "struct" | "enum" | "mod" | "type" | "trait") {
            return None;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        Some((kind, &rest[..end])).filter(|(_, n)| !n.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_long_numbered_and_twins() {
        let src = "pub struct Json_ {}\npub struct Json<T>(T);\n    pub fn messages_get_2(&self) {}\n    pub fn fido2(&self) {}\npub fn get_skype_for_business_device_usage_distribution_user_counts() {}\npub mod a_b;\npub mod ab;\n";
        let n = scan([("x.rs", src)].into_iter());
        assert_eq!(n.functions, 3);
        assert_eq!(n.too_long.len(), 1);
        assert_eq!(n.numbered, vec!["x.rs: messages_get_2".to_string()]);
        assert_eq!(n.twins.len(), 2);
        // An `Any*` getter is named as its field, a Graph property name however long.
        let getter = "    pub fn device_management_applicability_rule_os_edition(&self) -> &X {}\n";
        assert!(scan([("src/models/any_device_configuration.rs", getter)].into_iter()).too_long.is_empty());
        assert_eq!(scan([("src/api/device.rs", getter)].into_iter()).too_long.len(), 1);
        let twin = "    pub fn unsubscribe_data_2(&self) -> &X {}\n";
        assert!(scan([("src/models/any_event_message.rs", twin)].into_iter()).numbered.is_empty());
    }
}
