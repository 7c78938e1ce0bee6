//! Each example of a page given to the request line it calls, and the examples that call none
//! of their block's lines reported once the URL model knows which spellings are one place.

use crate::diag::{Code, Diags};
use crate::frontend::facts::RawOperation;
use crate::ir::{ComplexType, HttpMethod, Operation, PathTemplate};
use crate::urlspace::UrlSpace;
use std::collections::BTreeMap;

/// An example that calls a listed path in one of OData's other forms: a key in parentheses
/// (`messages('AAMk=')`), a function's arguments the block leaves out (`compare` called as
/// `compare(templateId='x')`), a cast to a type (`memberOf/microsoft.graph.group`) or
/// `$count` after a collection.
fn odata_form(o: &OtherPath, types: &BTreeMap<String, ComplexType>) -> bool {
    let path = o.path.split('?').next().unwrap_or_default();
    let mut segs: Vec<String> = Vec::new();
    // An empty segment (`members//x`) stays: it is a fault of the example.
    for seg in path.strip_prefix('/').unwrap_or(path).split('/') {
        match seg.split_once('(') {
            // A function call: its name is what the block lists.
            Some((name, args)) if args.contains('=') => segs.push(name.to_string()),
            Some((name, key)) if !name.is_empty() && key.ends_with(')') => {
                segs.push(name.to_string());
                segs.push(key.trim_end_matches(')').trim_matches('\'').to_string());
            }
            _ if seg == "$count" => {}
            _ if types.keys().any(|t| t.eq_ignore_ascii_case(seg)) => {}
            _ => segs.push(seg.to_string()),
        }
    }
    let example = format!("/{}", segs.join("/"));
    o.listed.iter().any(|l| {
        // The block's functions by name, their argument lists aside; its keys in parentheses
        // (`borders({sideIndex})`) as segments.
        let bare: Vec<String> = l
            .as_str()
            .split('/')
            .map(|s| match s.split_once('(') {
                Some((n, key)) if !key.contains('=') && !n.is_empty() => format!("{n}/{}", key.trim_end_matches(')').trim_matches('\'')),
                Some((n, _)) => n.to_string(),
                None => s.to_string(),
            })
            .collect();
        crate::path::PathTemplate::parse(&bare.join("/")).0.matches(&example).is_some()
    })
}

/// Two spellings of one class that name the same resource, not only one of the same type:
/// where they differ (their common end set aside), they part from the root (`/me` and
/// `/users/{id}`, `/me/drive` and `/drives/{id}`) or address an item by path (`root:/{path}:`
/// and `items/{id}`), and one leaves out at most one key, the one its root or relationship
/// implies (the signed-in user's, the user's drive's). `/me/calendar`, the default calendar,
/// and `/users/{id}/calendars/{id}` leave out two: one type, but another place.
fn same_place(a: &PathTemplate, b: &PathTemplate) -> bool {
    use crate::urlspace::aliases::segment_keys;
    let (a, b) = (segment_keys(a), segment_keys(b));
    let tail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - tail], &b[..b.len() - tail]);
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let keys = |p: &[String]| p.iter().filter(|k| k.contains("{}")).count();
    let by_path = a.iter().chain(b).any(|k| k.starts_with(':'));
    (head == 0 || by_path) && keys(a).abs_diff(keys(b)) <= 1
}

/// Whether the example addresses an item by path (`root:/{path}:`) and the listed path has a
/// key: only there is a spelling two rules away looked for (the costly search; see
/// [`same_place`]); elsewhere one rule finds the spellings that are the same place.
fn by_path(example: &str, listed: &PathTemplate) -> bool {
    example.split('?').next().unwrap_or_default().contains(':') && listed.as_str().contains('{')
}

/// An example that calls none of the paths its page's HTTP request block lists.
pub struct OtherPath {
    /// The example's request line.
    at: crate::ir::Source,
    method: HttpMethod,
    /// The path it calls, as written.
    path: String,
    /// The HTTP request block, and the paths it lists with the example's method.
    block: crate::ir::Source,
    listed: Vec<PathTemplate>,
    /// What the example answers, when it shows an answer.
    answer: Option<crate::ir::ExampleResponse>,
}

impl OtherPath {
    /// The example sends exactly `op`'s request: its method, which its own block lists (a
    /// method the block lacks is a slip of the example, GG0407's kind), on `op`'s path.
    pub(super) fn sends(&self, op: &Operation) -> bool {
        self.method == op.method && !self.listed.is_empty() && op.path.matches(&self.path).is_some()
    }

    /// What the example answers, when it shows an answer.
    pub(super) fn answer(&self) -> Option<&crate::ir::ExampleResponse> {
        self.answer.as_ref()
    }
}

/// GG0403 for each example that calls no path of its block, unless it calls another spelling
/// of one (`/me/events` where the block lists `/users/{id}/events`): the alias classes the
/// pages document (see [`crate::urlspace::aliases`]) make them one place.
pub(super) fn report_other_paths(other: Vec<OtherPath>, ops: &[Operation], space: &UrlSpace<'_>, diags: &mut Diags) {
    let types = space.types();
    if other.is_empty() {
        return;
    }
    let aliases = crate::urlspace::aliases::Aliases::find(&ops.iter().collect::<Vec<_>>(), space);
    // Every documented template by its canonical spelling, once: matching each example URL
    // against all of them was a fifth of the docs-to-IR time.
    let mut by_canonical: BTreeMap<Vec<String>, Vec<&PathTemplate>> = BTreeMap::new();
    for op in ops {
        by_canonical.entry(aliases.canonical(&op.path)).or_default().push(&op.path);
    }
    for o in other {
        if odata_form(&o, types) {
            continue;
        }
        // The documented templates the example's URL fits, by any page: one of them another
        // spelling of a listed path.
        let spelled = o.listed.iter().any(|l| {
            let mut same = by_canonical.get(&aliases.canonical(l)).into_iter().flatten();
            same.any(|t| same_place(t, l) && t.matches(&o.path).is_some())
        });
        // A spelling no page lists (`/me/assignLicense` for `/users/{id}/assignLicense`); one
        // two rules away only when no nearer one fits (it costs more to find).
        let fits = |keys: Vec<Vec<String>>, l: &PathTemplate| {
            keys.iter().map(|k| crate::urlspace::aliases::template(k)).any(|t| t.matches(&o.path).is_some() && same_place(&t, l))
        };
        let spelled = spelled
            || o.listed.iter().any(|l| fits(aliases.spellings(l), l))
            || o.listed.iter().any(|l| by_path(&o.path, l) && fits(aliases.deeper_spellings(l), l));
        if spelled {
            continue;
        }
        diags
            .push(&o.at.file, o.at.line, Code::ExamplePath, format!("example calls `{}` (`{}`), which none of the paths in the HTTP request block matches; fix the example's URL or add its path to the block", o.path, o.method))
            .token(o.path.as_str())
            .also(&o.block.file, o.block.line, "the HTTP request block");
    }
}

/// The operations of one page share its examples; give each example to the path it calls (the
/// first alias whose method and template match), or to the first operation when none matches.
/// A response with no request of its own (a second answer to the request before it: "when no
/// photo has been uploaded", the error a malformed body gets) goes where that request went.
pub(super) fn assign_examples(page_ops: &mut [RawOperation], diags: &mut Diags) -> Vec<OtherPath> {
    let mut unlisted = Vec::new();
    let Some(first) = page_ops.first_mut() else {
        return unlisted;
    };
    let examples = std::mem::take(&mut first.examples);
    let mut owner: Vec<usize> = Vec::with_capacity(examples.len());
    for ex in &examples {
        let found = ex.request.as_ref().map(|r| page_ops.iter().position(|o| o.method == r.method && o.path.matches(&r.path).is_some()));
        let before = owner.last().copied().unwrap_or(0);
        owner.push(match found {
            Some(Some(i)) => i,
            Some(None) => {
                if let Some(r) = ex.request.as_ref().filter(|r| !r.external && !r.is_batch() && !r.pointer) {
                    let other = page_ops.iter().find(|o| o.path.matches(&r.path).is_some());
                    let block = page_ops.first().map(|o| &o.source).unwrap_or(&r.source);
                    match other {
                        Some(o) => {
                            diags
                                .push(&r.source.file, r.source.line, Code::ExampleMethod, format!("example sends `{}` but the HTTP request block documents `{} {}` for this path; use the documented method", r.method, o.method, o.path))
                                .token(r.method.to_string())
                                .also(&o.source.file, o.source.line, format!("`{} {}` documented here", o.method, o.path));
                        }
                        None => unlisted.push(OtherPath {
                            at: r.source.clone(),
                            method: r.method,
                            path: r.path.clone(),
                            block: block.clone(),
                            listed: page_ops.iter().filter(|o| o.method == r.method).map(|o| o.path.clone()).collect(),
                            answer: ex.response.clone(),
                        }),
                    }
                }
                0
            }
            None => before,
        });
    }
    for (ex, o) in examples.into_iter().zip(owner) {
        if let Some(op) = page_ops.get_mut(o) {
            op.examples.push(ex);
        }
    }
    unlisted
}
