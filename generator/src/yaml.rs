//! YAML that any reader loads as written: serde_yaml 0.9 quotes the strings a YAML 1.2 reader
//! would take for something else (`true`, `null`, `12`), but not those YAML 1.1 readers
//! (PyYAML, Go's yaml.v2, Ruby's Psych) take for booleans, numbers or dates: a path parameter
//! named `on` reads as `true`, `2017-01-01T00:00:00Z` as a timestamp. [`to_string`] writes what
//! serde_yaml writes, with every string scalar (key or value) that [`read_as_non_string`]
//! single-quoted.

use serde::Serialize;
use serde_yaml::Value;
use std::collections::HashMap;

/// `value` as YAML: serde_yaml's text, with every string that some YAML version reads as
/// something other than that string quoted.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let mut value = serde_yaml::to_value(value).map_err(|e| e.to_string())?;
    // A string to quote is written as a marker (a control character, which only a
    // double-quoted scalar can hold, around its index), then the marker's text is replaced.
    // The character is one no string of the document holds, so no other scalar reads the same.
    let mut used = [false; 32];
    strings(&value, &mut |s| s.chars().filter(|c| (*c as u32) < 32).for_each(|c| used[c as usize] = true));
    let marker = (1u8..32)
        .map(char::from)
        .find(|c| !matches!(c, '\t' | '\n' | '\r') && !used[*c as usize])
        .ok_or("every control character is in the document's strings")?;
    let mut quoted = Quoted { marker, index: HashMap::new(), texts: Vec::new() };
    quoted.mark(&mut value);
    let text = serde_yaml::to_string(&value).map_err(|e| e.to_string())?;
    if quoted.texts.is_empty() {
        return Ok(text);
    }
    // The marker as serde_yaml escapes it in a double-quoted scalar (`\x01`, `\a`).
    let escaped = serde_yaml::to_string(&marker.to_string()).map_err(|e| e.to_string())?;
    let escaped = escaped.trim().trim_matches('"');
    let open = format!("\"{escaped}");
    let close = format!("{escaped}\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match (after[..digits].parse::<usize>(), after[digits..].starts_with(&close)) {
            (Ok(i), true) if i < quoted.texts.len() => {
                out.push_str(&single_quoted(&quoted.texts[i]));
                rest = &after[digits + close.len()..];
            }
            _ => return Err(format!("a quoting marker in the YAML text is broken near `{}`", &rest[at..(at + 40).min(rest.len())])),
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The strings to quote, each once, and their markers.
struct Quoted {
    marker: char,
    index: HashMap<String, usize>,
    texts: Vec<String>,
}

impl Quoted {
    fn marker_of(&mut self, s: &str) -> String {
        let next = self.texts.len();
        let i = *self.index.entry(s.to_string()).or_insert(next);
        if i == next {
            self.texts.push(s.to_string());
        }
        format!("{m}{i}{m}", m = self.marker)
    }

    fn mark(&mut self, v: &mut Value) {
        match v {
            Value::String(s) if read_as_non_string(s) => *s = self.marker_of(s),
            Value::Sequence(items) => items.iter_mut().for_each(|i| self.mark(i)),
            Value::Mapping(m) => {
                let entries = std::mem::take(m);
                for (mut k, mut item) in entries {
                    self.mark(&mut k);
                    self.mark(&mut item);
                    m.insert(k, item);
                }
            }
            Value::Tagged(t) => self.mark(&mut t.value),
            _ => {}
        }
    }
}

/// Every string of the value, keys too.
fn strings(v: &Value, f: &mut impl FnMut(&str)) {
    match v {
        Value::String(s) => f(s),
        Value::Sequence(items) => items.iter().for_each(|i| strings(i, f)),
        Value::Mapping(m) => m.iter().for_each(|(k, item)| {
            strings(k, f);
            strings(item, f);
        }),
        Value::Tagged(t) => strings(&t.value, f),
        _ => {}
    }
}

/// `'it''s'`: a single-quoted scalar (the strings quoted here are printable, one line).
fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Some YAML version reads this plain scalar as something other than a string: empty, null
/// (`~`, `null`), a YAML 1.1 boolean (`on`, `off`, `yes`, `no`, `y`, `n`, `true`, `false`, in any
/// letter case), a number in any YAML's syntax (`012`, `0o17`, `0x1F`, `0b101`, `1_000`, `1e3`,
/// `.5`, `3.0.3`, `.inf`, `.NaN`, sexagesimal `1:30`), a date or timestamp (`2017-01-01`,
/// `2017-01-01T10:00:00Z`), or YAML 1.1's value and merge keys (`=`, `<<`).
pub fn read_as_non_string(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    matches!(lower.as_str(), "" | "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "=" | "<<")
        || is_number(&lower)
        || is_date(s)
}

/// Any YAML version's integer or float, lowercased; generous where the versions differ.
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let all = |t: &str, ok: fn(char) -> bool| !t.is_empty() && t.chars().all(|c| ok(c) || c == '_');
    if let Some(rest) = s.strip_prefix("0x") {
        return all(rest, |c| c.is_ascii_hexdigit());
    }
    if let Some(rest) = s.strip_prefix("0o") {
        return all(rest, |c| ('0'..='7').contains(&c));
    }
    if let Some(rest) = s.strip_prefix("0b") {
        return all(rest, |c| c == '0' || c == '1');
    }
    if matches!(s, ".inf" | ".nan") {
        return true;
    }
    // Sexagesimal (YAML 1.1): `190:20:30`, `1:30.5`.
    if s.contains(':') {
        let parts: Vec<&str> = s.split(':').collect();
        let (last, head) = parts.split_last().unwrap_or((&"", &[]));
        let last = last
            .split_once('.')
            .map_or(*last, |(whole, frac)| if all(frac, |c| c.is_ascii_digit()) || frac.is_empty() { whole } else { "" });
        return s.starts_with(|c: char| c.is_ascii_digit())
            && head.iter().all(|p| all(p, |c| c.is_ascii_digit()))
            && all(last, |c| c.is_ascii_digit());
    }
    // Decimal integers and floats, YAML 1.1's `1.2.3`-like floats and `_` separators included.
    let (mantissa, exponent) = match s.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    exponent_ok
        && mantissa.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '_' || c == '.')
}

/// A YAML 1.1 date or timestamp: `yyyy-m-d`, alone or followed by `T`, `t` or white space (the
/// time; quoting when the rest is not one costs nothing).
fn is_date(s: &str) -> bool {
    let mut parts = s.splitn(3, '-');
    let (Some(y), Some(m), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| n.contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit());
    let day_len = rest.chars().take_while(char::is_ascii_digit).count();
    digits(y, 4..=4)
        && digits(m, 1..=2)
        && (1..=2).contains(&day_len)
        && rest[day_len..].chars().next().is_none_or(|c| matches!(c, 'T' | 't' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_any_yaml_reads_as_something_else() {
        for s in [
            "",
            "~",
            "null",
            "NULL",
            "on",
            "On",
            "ON",
            "off",
            "yes",
            "No",
            "y",
            "N",
            "true",
            "False",
            "oN",
            "=",
            "<<",
            "0",
            "12",
            "-12",
            "+1",
            "012",
            "0o17",
            "0x1F",
            "0b101",
            "1_000",
            "1e3",
            "1E+3",
            "-2.5e-3",
            ".5",
            "1.",
            "3.0.3",
            ".inf",
            "-.Inf",
            ".NaN",
            "1:30",
            "190:20:30.15",
            "2017-01-01",
            "2017-1-1",
            "2017-01-01T10:00:00Z",
            "2017-01-01 10:00:00",
        ] {
            assert!(read_as_non_string(s), "{s:?} should be quoted");
        }
        for s in [
            "one",
            "onion",
            "yesterday",
            "nope",
            "lamp",
            "v1.0",
            "1a",
            "0x",
            "0xg",
            "_1",
            "e3",
            ".",
            "..",
            "1:x",
            "12:30pm",
            "2017-01",
            "20170-01-01",
            "2017-01-01x",
            "microsoft.graph.lamp",
            "{id}",
            "a-b-c",
            "1-2-3",
            "inf",
            "nan",
        ] {
            assert!(!read_as_non_string(s), "{s:?} is a string to any reader");
        }
    }

    #[test]
    fn writes_what_serde_yaml_writes_with_ambiguous_strings_quoted() {
        let doc = serde_json::json!({
            "name": "on",
            "on": ["yes", "lamp", "2017-01-01T10:00:00Z", 1, true, null, "it's", "12"],
            "n": {"y": "3.0.3", "plain": "a \u{1} b"},
            "text": "two\nlines",
        });
        let text = to_string(&doc).expect("writes");
        assert_eq!(
            text,
            "name: 'on'\n'on':\n- 'yes'\n- lamp\n- '2017-01-01T10:00:00Z'\n- 1\n- true\n- null\n- it's\n- '12'\n'n':\n  'y': '3.0.3'\n  plain: \"a \\x01 b\"\ntext: |-\n  two\n  lines\n"
        );
        let back: serde_json::Value = serde_yaml::from_str(&text).expect("reads back");
        assert_eq!(back, doc);
        // Nothing to quote: serde_yaml's text as it is.
        let plain = serde_json::json!({"lamp": ["shade", 2]});
        assert_eq!(to_string(&plain).expect("writes"), serde_yaml::to_string(&plain).expect("writes"));
    }
}
