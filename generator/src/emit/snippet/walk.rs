//! An example URL walked through the request tree itself, for examples whose URL no documented
//! path template matches but whose place the crate reaches under another spelling: `/me/drive/
//! root/children` where the pages document `/drives/{drive-id}/root/children`, an item by path
//! (`root:/FolderA/FileB.txt:/content`). Each step's path pieces are matched against the URL
//! (its text without regard to case, its arguments up to the next piece), steps with only
//! text before steps with arguments, so `/me/calendar` takes the `calendar` step, not a key.

use super::super::tree::{PathPart, Tree};
use crate::ir::HttpMethod;

/// What the walk found: the steps taken with their argument texts, then the leaf and its
/// argument texts.
pub struct Walked {
    /// (node, step index, arguments) from the root.
    pub steps: Vec<(usize, usize, Vec<String>)>,
    /// (node, leaf index, arguments).
    pub leaf: (usize, usize, Vec<String>),
    /// For `.../$count`: the node's count method, called where its list leaf (`leaf`) would be.
    pub count: Option<String>,
    /// For a cast of the node's collection (`.../microsoft.graph.user`): the cast's method and
    /// type, then `list()` (or `count()`, in `count`) where the node's list leaf would be.
    pub cast: Option<(String, String)>,
}

/// How deep a walk may go (paths have a few dozen segments at most; the tree has cycles).
const DEPTH: usize = 64;

/// The walk of `path` (below the service root, no query) ending in a leaf of `method`.
pub fn walk(tree: &Tree<'_>, method: HttpMethod, path: &str) -> Option<Walked> {
    let mut steps = Vec::new();
    let leaf = go(tree, 0, path.trim_end_matches('/'), method, &mut steps, 0)?;
    Some(Walked { steps, leaf, count: None, cast: None })
}

/// The walk of `GET .../$count` where no page documents that `$count`: the collection before it
/// walked to its `list` leaf, on a node that counts (see [`Node::count`](super::super::tree::Node)).
pub fn counted(tree: &Tree<'_>, method: HttpMethod, path: &str) -> Option<Walked> {
    let (path, true) = without_count(path) else { return None };
    let mut w = own_list(tree, method, path)?;
    w.count = Some(tree.nodes[w.leaf.0].count.clone()?);
    Some(w)
}

/// `path` without a trailing `/$count`, and whether it had one.
fn without_count(path: &str) -> (&str, bool) {
    let path = path.trim_end_matches('/');
    match path.len().checked_sub("/$count".len()) {
        Some(cut) if path.get(cut..).is_some_and(|t| t.eq_ignore_ascii_case("/$count")) => (&path[..cut], true),
        _ => (path, false),
    }
}

/// The GET walk of `path` to a node's own `list` leaf (not a function's answer).
fn own_list(tree: &Tree<'_>, method: HttpMethod, path: &str) -> Option<Walked> {
    if method != HttpMethod::Get {
        return None;
    }
    let w = walk(tree, method, path)?;
    let (node, leaf, _) = &w.leaf;
    tree.nodes[*node].leaves[*leaf].parts.is_empty().then_some(w)
}

fn go(
    tree: &Tree<'_>,
    node: usize,
    rest: &str,
    method: HttpMethod,
    steps: &mut Vec<(usize, usize, Vec<String>)>,
    depth: usize,
) -> Option<(usize, usize, Vec<String>)> {
    if depth > DEPTH {
        return None;
    }
    let n = &tree.nodes[node];
    // A leaf that ends the path here (a verb), or that appends the rest (an action).
    for (i, leaf) in n.leaves.iter().enumerate() {
        if leaf.op.method != method {
            continue;
        }
        let tail = rest.trim_end_matches(':');
        if let Some((args, "")) = pieces(&leaf.parts, tail) {
            return Some((node, i, args));
        }
    }
    if rest.is_empty() {
        return None;
    }
    let mut order: Vec<(usize, &super::super::tree::Step)> = n.steps.iter().enumerate().collect();
    // Text-only steps first (a sort on `false` before `true` keeps their order otherwise).
    order.sort_by_key(|(_, s)| s.parts.iter().any(|p| matches!(p, PathPart::Arg { .. })));
    for (i, step) in order {
        let Some((args, after)) = pieces(&step.parts, rest) else { continue };
        steps.push((node, i, args));
        if let Some(found) = go(tree, step.child, after, method, steps, depth + 1) {
            return Some(found);
        }
        steps.pop();
    }
    None
}

/// The walk of `GET .../microsoft.graph.user` (and of its `/$count`) where no page documents
/// that cast: the collection before it walked to its own `list` leaf, on a node that offers the
/// cast (see [`Node::casts`](super::super::tree::Node)).
pub fn cast(tree: &Tree<'_>, method: HttpMethod, path: &str) -> Option<Walked> {
    let (path, count) = without_count(path);
    let (prefix, ty) = path.rsplit_once('/').filter(|(_, ty)| ty.contains('.'))?;
    let mut w = own_list(tree, method, prefix)?;
    let c = tree.nodes[w.leaf.0].casts.iter().find(|c| c.type_name.eq_ignore_ascii_case(ty))?;
    w.cast = Some((c.method.clone(), c.type_name.clone()));
    w.count = count.then(|| "count".to_string());
    Some(w)
}

/// `parts` matched at the start of `text`: the argument texts and what follows.
fn pieces<'t>(parts: &[PathPart], text: &'t str) -> Option<(Vec<String>, &'t str)> {
    let mut args = Vec::new();
    let mut rest = text;
    for (k, p) in parts.iter().enumerate() {
        match p {
            PathPart::Text(t) => {
                let head = rest.get(..t.len())?;
                if !head.eq_ignore_ascii_case(t) {
                    return None;
                }
                rest = &rest[t.len()..];
            }
            PathPart::Arg { by_path, .. } => {
                // Up to the text that follows in this step, else to the end of the segment (of
                // the item path, for one addressed by path).
                let end = match parts.get(k + 1) {
                    Some(PathPart::Text(next)) => find_ci(rest, next)?,
                    _ if *by_path => rest.find(':').unwrap_or(rest.len()),
                    _ => rest.find('/').unwrap_or(rest.len()),
                };
                // `$count`, `$value`, `$ref` are OData's own segments, never a key that is a
                // whole segment (such a key is written `('$x')`, which `key` does).
                let whole = k > 0 && matches!(&parts[k - 1], PathPart::Text(t) if t.ends_with('/')) && k + 1 == parts.len();
                if end == 0 || (whole && rest.starts_with('$')) {
                    return None;
                }
                args.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    Some((args, rest))
}

/// Where `needle` first stands in `hay`, without regard to ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.to_ascii_lowercase(), needle.to_ascii_lowercase());
    h.find(&n)
}
