//! A function whose HTTP request block lists it bare (`GET .../range/cell`) while its example
//! calls it with arguments (`cell(row=5,column=6)`) and a table of the page names each of them
//! (`## Path parameters`, `## Function parameters`, a request-body table of a GET, whose
//! parameters cannot travel in a body, or a query-parameter table naming what the example
//! passes in parentheses, not after `?`). OData functions take their parameters in the URL, so
//! the bare line is the block leaving them out: the page's endpoint with the arguments is an
//! endpoint of its own, beside the bare one the block lists, so the crate can send what the
//! example sends. Both pieces of evidence are required; an argument no table names leaves the
//! example as it is (an OData form of the listed path, no endpoint).

use crate::frontend::facts::{RawBody, RawOperation, RawProperty};
use crate::ir::HttpMethod;
use crate::path::PathTemplate;
use std::collections::BTreeSet;

/// Every (method, path) some page lists itself: that page's to describe, so none is added for
/// it.
pub fn listed(raw: &[RawOperation]) -> BTreeSet<(HttpMethod, String)> {
    raw.iter().map(|o| (o.method, o.path.as_str().to_ascii_lowercase())).collect()
}

/// The endpoints a page's examples call with arguments: for each example calling no listed
/// path, whose last segment is `name(k=v,...)` and whose path without the arguments is a listed
/// one, every listed path of that method ending in `name` gains `name(k={k},...)`.
pub fn with_arguments(page: &[RawOperation], listed: &BTreeSet<(HttpMethod, String)>) -> Vec<RawOperation> {
    let Some(first) = page.first() else { return Vec::new() };
    let mut added: Vec<RawOperation> = Vec::new();
    for req in first.examples.iter().filter_map(|e| e.request.as_ref()) {
        let path = req.path.split('?').next().unwrap_or("").trim_end_matches('/');
        if page.iter().any(|o| o.method == req.method && o.path.matches(path).is_some()) {
            continue;
        }
        let Some((bare, name, args)) = call(path) else { continue };
        let Some(bare_op) = page.iter().find(|o| o.method == req.method && o.path.matches(bare).is_some()) else { continue };
        let rows = tables(bare_op);
        if !args.iter().all(|(k, _)| rows.iter().any(|r| r.name.eq_ignore_ascii_case(k))) {
            continue;
        }
        let list: Vec<String> =
            args.iter().map(|(k, v)| if v.starts_with('\'') { format!("{k}='{{{k}}}'") } else { format!("{k}={{{k}}}") }).collect();
        let suffix = format!("({})", list.join(","));
        for o in page.iter().filter(|o| o.method == req.method && ends_in(&o.path, name)) {
            let (t, problems) = PathTemplate::parse(&format!("{}{suffix}", o.path));
            let known = listed.contains(&(o.method, t.as_str().to_ascii_lowercase()));
            if !problems.is_empty() || known || added.iter().any(|a| a.method == o.method && a.path == t) {
                continue;
            }
            added.push(endpoint(o, t, &args, &rows));
        }
    }
    // Only those the example now calls: a form the template cannot take (`a, b` spacing) adds none.
    added.retain(|a| {
        first.examples.iter().filter_map(|e| e.request.as_ref()).any(|r| r.method == a.method && a.path.matches(&r.path).is_some())
    });
    added
}

/// The bare calls of `page` without the query-parameter rows that the endpoints `added` for
/// them take as arguments: the example passes those in parentheses, so the bare call's docs
/// no longer say to add them with `.query(..)`. A bare GET whose request-body table the
/// arguments took whole is gone: a GET sends no body, so its table was the function's
/// parameters, and without them the call is the block leaving them out, not a call of its
/// own (`getOmaSettingPlainTextValue` would send its one parameter as a GET's JSON body). The
/// endpoint with the arguments keeps the page's line as its documented spelling. The endpoints
/// `added` join the page.
pub fn join(page: &mut Vec<RawOperation>, mut added: Vec<RawOperation>) {
    let mut gone = Vec::new();
    for a in &mut added {
        let Some(name) = a.path.segments().last().and_then(|s| s.call_name()) else { continue };
        let moved: Vec<String> = a.path_parameters.iter().map(|r| r.name.to_ascii_lowercase()).collect();
        let was_moved = |r: &RawProperty| moved.contains(&r.name.to_ascii_lowercase());
        for (i, o) in page.iter_mut().enumerate().filter(|(_, o)| o.method == a.method && ends_in(&o.path, name)) {
            o.query_parameters.retain(|r| !was_moved(r));
            let taken = matches!(&o.body, RawBody::Parameters(p) if !p.is_empty() && p.iter().all(was_moved));
            let own = a.path.as_str().strip_prefix(o.path.as_str()).is_some_and(|rest| rest.starts_with('('));
            if o.method == HttpMethod::Get && taken && own {
                a.documented.clone_from(&o.documented);
                gone.push(i);
            }
        }
    }
    page.extend(added);
    // The page's examples are held by its first operation until they are handed out.
    if gone.contains(&0) {
        let examples = page.first_mut().map(|o| std::mem::take(&mut o.examples)).unwrap_or_default();
        if let Some(next) = (0..page.len()).find(|i| !gone.contains(i)).and_then(|i| page.get_mut(i)) {
            next.examples = examples;
        }
    }
    let mut i = 0;
    page.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
}

/// The listed endpoint with the arguments: the rows naming them become its path parameters, so
/// their types and descriptions reach the crate; a GET sends no body (its parameters were it).
fn endpoint(o: &RawOperation, path: PathTemplate, args: &[(String, String)], rows: &[RawProperty]) -> RawOperation {
    let mut new = o.clone();
    new.documented = path.as_str().to_string();
    new.path = path;
    new.examples = Vec::new();
    let names: Vec<&str> = args.iter().map(|(k, _)| k.as_str()).collect();
    let named = |r: &RawProperty| names.iter().any(|n| r.name.eq_ignore_ascii_case(n));
    for r in rows.iter().filter(|r| named(r)) {
        if !new.path_parameters.iter().any(|p| p.name.eq_ignore_ascii_case(&r.name)) {
            new.path_parameters.push(r.clone());
        }
    }
    // A query-parameter row the call's arguments took is no query parameter of the call.
    new.query_parameters.retain(|r| !named(r));
    if o.method == HttpMethod::Get {
        new.body = RawBody::None;
        new.body_settled = None;
    }
    new.path_settled = Some(format!(
        "the HTTP request block lists `{}` without arguments; its example calls it with `{}`, which the page's parameter table names",
        o.path,
        names.join("`, `")
    ));
    new
}

/// The rows that may name a function's parameters: the path- and function-parameter tables,
/// a GET's request-body table, and the query-parameter tables (the example passing the name in
/// parentheses says which the page meant).
fn tables(o: &RawOperation) -> Vec<RawProperty> {
    let mut rows = o.path_parameters.clone();
    rows.extend(o.query_parameters.iter().cloned());
    if let (HttpMethod::Get, RawBody::Parameters(p)) = (o.method, &o.body) {
        rows.extend(p.iter().cloned());
    }
    rows
}

/// Whether the template's last segment is the literal `name`.
fn ends_in(t: &PathTemplate, name: &str) -> bool {
    t.segments().last().and_then(|s| s.literal()).is_some_and(|l| l.eq_ignore_ascii_case(name))
}

/// A function's arguments as an example writes them: (name, value text), in order.
type Args = Vec<(String, String)>;

/// `.../name(k=v,k2=v2)` → (`.../name`, `name`, [(k, v)...]); `None` unless the last segment
/// is a name and a list of `k=v` pairs.
fn call(path: &str) -> Option<(&str, &str, Args)> {
    let open = path.rfind('(')?;
    let inner = path[open + 1..].strip_suffix(')')?;
    let bare = &path[..open];
    let name = bare.rsplit('/').next()?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) || inner.contains('/') {
        return None;
    }
    let mut args = Vec::new();
    for pair in inner.split(',') {
        let (k, v) = pair.split_once('=')?;
        let k = k.trim();
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || v.is_empty() {
            return None;
        }
        args.push((k.to_string(), v.to_string()));
    }
    (!args.is_empty()).then_some((bare, name, args))
}

#[cfg(test)]
mod tests {
    use super::call;

    #[test]
    fn a_call_is_a_name_and_pairs() {
        let (bare, name, args) = call("/x/range/cell(row=5,column=6)").unwrap();
        assert_eq!((bare, name), ("/x/range/cell", "cell"));
        assert_eq!(args, vec![("row".into(), "5".into()), ("column".into(), "6".into())]);
        assert_eq!(call("/me/messages('AAMk=')"), None);
        assert_eq!(call("/x/f(a=1,b)"), None);
    }
}
