//! Query parameters a request cannot go without, as arguments of its method:
//! `me().calendar_view().list(start, end)` for `GET /me/calendarView?startDateTime={start}&
//! endDateTime={end}`. A parameter is one when every page documenting the method writes it with a
//! placeholder in its request line *and* lists it in its query parameters table: two statements
//! that the request needs it. Where one page of the method leaves it out (a drive item's
//! `content`, whose `?format={format}` page documents a variant of the download), it stays an
//! option, added with `.query(name, value)`.

use super::tree::{Leaf, Node, Tree};
use crate::ir::Operation;
use crate::naming;

/// The names a request line writes as `name={placeholder}` that its page's query parameters
/// table lists, in the line's order. System options (`$filter={...}`) are left to their methods.
pub fn required(op: &Operation) -> Vec<&str> {
    placeholders(op).into_iter().filter(|name| op.query_parameters.iter().any(|p| p.name == *name)).collect()
}

/// The names a request line writes as `name={placeholder}`, system options (`$filter`) aside.
pub fn placeholders(op: &Operation) -> Vec<&str> {
    let Some(query) = op.query.as_deref() else { return Vec::new() };
    query
        .split('&')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            let inner = value.strip_prefix('{').and_then(|v| v.strip_suffix('}'));
            let placeholder = inner.is_some_and(|v| !v.is_empty() && !v.contains(['{', '}']));
            (placeholder && !name.starts_with('$')).then_some(name)
        })
        .collect()
}

/// Gives each leaf the arguments of the query parameters every operation it sends requires
/// (its own and the `same` ones), after the arguments it has: `Leaf::query` holds their names
/// on the wire, the last of `Leaf::args` their Rust names.
pub fn attach(tree: &mut Tree<'_>) {
    for leaf in tree.nodes.iter_mut().flat_map(|n| n.leaves.iter_mut()) {
        let names: Vec<String> = required(leaf.op)
            .into_iter()
            .filter(|name| leaf.same.iter().all(|other| required(other).contains(name)))
            .map(str::to_string)
            .collect();
        for name in names {
            let arg = unused(leaf, naming::snake(&name));
            leaf.args.push(arg);
            leaf.query.push(name);
        }
    }
}

/// The Rust names of the leaf's query arguments: the last of its `args`, one per `query` name.
pub fn arg_names<'l>(leaf: &'l Leaf<'_>) -> &'l [String] {
    leaf.args.get(leaf.args.len().saturating_sub(leaf.query.len())..).unwrap_or_default()
}

/// The node's own list (a GET of the place itself) when it takes query arguments: its
/// `count()` takes them too, the service counting what the list would answer.
pub fn counted_list<'n, 'a>(node: &'n Node<'a>) -> Option<&'n Leaf<'a>> {
    node.leaves.iter().find(|l| l.op.method == crate::ir::HttpMethod::Get && l.parts.is_empty() && !l.query.is_empty())
}

/// `base`, or `base` with `_value` after it when the leaf has an argument of that name already.
fn unused(leaf: &Leaf<'_>, base: String) -> String {
    let mut name = base;
    while leaf.args.contains(&name) {
        name.push_str("_value");
    }
    name
}

/// An example URL's query split for a call of a leaf taking `names`: each name's value as the
/// example writes it (still encoded; found in any letter case, `startdatetime` for
/// `startDateTime`, as the service reads query names), the URL without those pairs (what the test
/// adds to the call), and the URL the call sends (those pairs first, under the leaf's names).
pub fn split(url: &str, names: &[String]) -> (Vec<Option<String>>, String, String) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs: Vec<(&str, &str)> = query.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, ""))).collect();
    let is_named = |k: &str| names.iter().any(|n| crate::path::percent_decode(k).eq_ignore_ascii_case(n));
    let values: Vec<Option<String>> = names
        .iter()
        .map(|n| pairs.iter().find(|(k, _)| crate::path::percent_decode(k).eq_ignore_ascii_case(n)).map(|(_, v)| v.to_string()))
        .collect();
    let rest: Vec<String> = pairs.iter().filter(|(k, _)| !is_named(k)).map(|(k, v)| format!("{k}={v}")).collect();
    let given: Vec<String> = names.iter().zip(&values).filter_map(|(n, v)| v.as_ref().map(|v| format!("{n}={v}"))).collect();
    let with = |q: Vec<String>| if q.is_empty() { path.to_string() } else { format!("{path}?{}", q.join("&")) };
    let sent = with(given.into_iter().chain(rest.iter().cloned()).collect());
    (values, with(rest), sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(query: &str, listed: &[&str]) -> Operation {
        let mut op = crate::plan::areas::tests::op("GET", "/me/calendarView", "outlook");
        op.query = Some(query.to_string());
        let row =
            |n: &&str| serde_json::from_value(serde_json::json!({"name": n, "type": "String", "source": {"file": "p.md", "line": 1}}));
        op.query_parameters = listed.iter().map(row).collect::<Result<_, _>>().expect("a row");
        op
    }

    #[test]
    fn a_placeholder_the_table_lists_is_required() {
        let both = op("startDateTime={start_datetime}&endDateTime={end_datetime}", &["startDateTime", "endDateTime"]);
        assert_eq!(required(&both), ["startDateTime", "endDateTime"]);
        // Not in the table, a fixed value, a system option: none is required.
        assert!(required(&op("startDateTime={start}", &[])).is_empty());
        assert!(required(&op("includeHiddenFolders=true", &["includeHiddenFolders"])).is_empty());
        assert!(required(&op("$filter={property} eq '{value}'", &["$filter"])).is_empty());
    }

    #[test]
    fn an_example_gives_the_values_in_any_case() {
        let names = vec!["startDateTime".to_string(), "endDateTime".to_string()];
        let (values, rest, sent) = split("/me/calendarView?$select=id&enddatetime=b&startDateTime=a%3A", &names);
        assert_eq!(values, [Some("a%3A".to_string()), Some("b".to_string())]);
        assert_eq!(rest, "/me/calendarView?$select=id");
        assert_eq!(sent, "/me/calendarView?startDateTime=a%3A&endDateTime=b&$select=id");
        let (values, rest, sent) = split("/me/calendarView?startDateTime=a", &names);
        assert_eq!(values, [Some("a".to_string()), None]);
        assert_eq!((rest.as_str(), sent.as_str()), ("/me/calendarView", "/me/calendarView?startDateTime=a"));
    }
}
