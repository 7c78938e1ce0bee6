//! What the API comparison does not name but the IR, and so the generated crate, still holds:
//! an endpoint's examples (its generated tests) and whatever else differs (evidence notes,
//! spellings kept for docs). All docs-only; reported so that a drift check that fails on
//! `ir.yaml` or `tests/` never comes with "no change to the API".

use super::Kind;
use crate::ir::{Example, Source};
use serde::Serialize;

/// A value as JSON with every place left out (`source`, and the `file.md:12` a note quotes):
/// pages that move or reflow change nothing.
pub fn placeless(value: &impl Serialize) -> serde_json::Value {
    let mut v = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
    strip(&mut v);
    v
}

fn strip(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("source");
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        serde_json::Value::String(s) if s.contains(".md:") || s.contains("line ") => *s = without_lines(s),
        _ => {}
    }
}

/// `see x.md:20` as `see x.md`, `the example (line 98)` as `the example (line)`; a marker
/// not followed by a number (`line endings`) stays.
fn without_lines(s: &str) -> String {
    const MARKERS: [&str; 2] = [".md:", "line "];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((i, m)) = MARKERS.iter().filter_map(|m| rest.find(m).map(|i| (i, *m))).min() {
        // Up to the marker without its delimiter (`:` or the space), then the number, if any.
        let word = i + m.len() - 1;
        out.push_str(&rest[..word]);
        let after = &rest[word + 1..];
        let number = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if number > 0 {
            rest = &after[number..];
        } else {
            out.push_str(&rest[word..word + 1]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The top-level fields in which two values differ, places aside: `settled`, `documented`.
pub fn differing_fields(old: &impl Serialize, new: &impl Serialize) -> Vec<String> {
    let (a, b) = (placeless(old), placeless(new));
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return if a == b { Vec::new() } else { vec!["value".into()] };
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().cloned().collect()
}

/// One example's change: its kind, what changed, and where it was and is.
pub struct ExampleChange {
    /// Added, removed or changed.
    pub kind: Kind,
    /// In words.
    pub detail: String,
    /// Where the example was, where it is.
    pub old: Option<Source>,
    /// Where it is now.
    pub new: Option<Source>,
}

/// The examples of one endpoint that were added, removed or changed: compared as the pages
/// write them, places aside; an example removed and one added under the same annotation name
/// are one change. What an example disagrees with is left out of the comparison: a type's
/// change that makes examples disagree is reported as the type's.
pub fn examples(old: &[Example], new: &[Example]) -> Vec<ExampleChange> {
    let written = |e: &Example| placeless(&(&e.name, &e.request, &e.response));
    let (a, b): (Vec<_>, Vec<_>) = (old.iter().map(written).collect(), new.iter().map(written).collect());
    let gone: Vec<usize> = (0..old.len()).filter(|&i| !b.contains(&a[i])).collect();
    let came: Vec<usize> = (0..new.len()).filter(|&j| !a.contains(&b[j])).collect();
    let mut out = Vec::new();
    let mut paired = Vec::new();
    for &j in &came {
        let e = &new[j];
        let twin = gone.iter().copied().find(|&i| !e.name.is_empty() && old[i].name == e.name && !paired.contains(&i));
        match twin {
            Some(i) => {
                paired.push(i);
                let (was, is) = changed_part(&old[i], e);
                out.push(ExampleChange { kind: Kind::ExampleChanged, detail: changed(&old[i], e), old: was, new: is });
            }
            None => out.push(ExampleChange { kind: Kind::ExampleAdded, detail: format!("{} is new", named(e)), old: None, new: place(e) }),
        }
    }
    for &i in gone.iter().filter(|i| !paired.contains(i)) {
        out.push(ExampleChange {
            kind: Kind::ExampleRemoved,
            detail: format!("{} is gone", named(&old[i])),
            old: place(&old[i]),
            new: None,
        });
    }
    out
}

fn named(e: &Example) -> String {
    if e.name.is_empty() {
        "an example without a name".into()
    } else {
        format!("example `{}`", e.name)
    }
}

/// The example's request line, else its response's.
fn place(e: &Example) -> Option<Source> {
    e.request.as_ref().map(|r| r.source.clone()).or_else(|| e.response.as_ref().map(|r| r.source.clone()))
}

/// Where two versions of an example differ: the response, when its request is the same.
fn changed_part(old: &Example, new: &Example) -> (Option<Source>, Option<Source>) {
    let response = |e: &Example| e.response.as_ref().map(|r| r.source.clone());
    if placeless(&old.request) == placeless(&new.request) && response(new).is_some() {
        return (response(old), response(new));
    }
    (place(old), place(new))
}

/// What changed in an example, and what that does to its test: a disagreement with the types
/// found or gone (the test compares around it, or is ignored as the docs' fault).
fn changed(old: &Example, new: &Example) -> String {
    let mut detail = format!("{} changed", named(new));
    let found: Vec<String> = new
        .problems
        .iter()
        .filter(|p| !old.problems.contains(p))
        .map(|p| {
            let part = match p.part {
                crate::ir::ExamplePart::Request => "request body",
                crate::ir::ExamplePart::Response => "response",
            };
            format!("{part} {}", p.message)
        })
        .collect();
    if let Some(first) = found.first() {
        detail.push_str(&format!("; it now disagrees with the documented types: {first}"));
        if found.len() > 1 {
            detail.push_str(&format!(" (+{} more)", found.len() - 1));
        }
    } else if new.problems.is_empty() && !old.problems.is_empty() {
        detail.push_str("; it agrees with the documented types now");
    }
    detail
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_quoted_line_is_no_difference() {
        assert_eq!(super::without_lines("listed by (v1.0/resources/a.md:20) and b.md:7."), "listed by (v1.0/resources/a.md) and b.md.");
        assert_eq!(super::without_lines("no place here"), "no place here");
        assert_eq!(super::without_lines("the example (line 98) sends, line endings kept"), "the example (line) sends, line endings kept");
    }
}
