//! `@odata.context` of a response example: a second statement of what the answer is, by entity
//! set and path (`$metadata#users('id')/messages/$entity`) or by type
//! (`$metadata#Collection(microsoft.graph.user)`).

use super::{Target, UrlSpace};
use crate::ir::TypeRef;
use crate::path::{PathTemplate, Segment};

/// What the context URL says the answer is; `None` when it cannot be read or names a path the
/// model does not know.
pub fn answer(space: &UrlSpace<'_>, context: &str) -> Option<TypeRef> {
    let frag = context.split_once("$metadata#")?.1.trim();
    if frag.is_empty() {
        return None;
    }
    if let Some(inner) = frag.strip_prefix("Collection(").and_then(|f| f.strip_suffix(')')) {
        return type_name(space, inner).map(|name| TypeRef { name, collection: true });
    }
    if let Some(name) = type_name(space, frag) {
        return Some(TypeRef { name, collection: false });
    }
    let (path, entity) = match frag.strip_suffix("/$entity") {
        Some(p) => (p, true),
        None => (frag, false),
    };
    let mut segments = Vec::new();
    for raw in path.split('/') {
        // `users('48d3...')`: a key; `users(displayName,mail)`: a $select list, no key.
        let (name, args) = match raw.split_once('(') {
            Some((n, a)) => (n, Some(a.trim_end_matches(')'))),
            None => (raw, None),
        };
        if name.is_empty() {
            return None;
        }
        segments.push(Segment::text(name));
        if args.is_some_and(|a| a.contains('\'') || a.chars().all(|c| c.is_ascii_digit()) && !a.is_empty()) {
            segments.push(Segment::param("key"));
        }
    }
    let walk = space.walk(&PathTemplate::from_segments(segments));
    let target = match walk.target? {
        Target::Collection(t) if entity => Target::Entity(t),
        t => t,
    };
    target.answer()
}

/// `microsoft.graph.user`, or an Edm primitive, when the model knows it.
fn type_name(space: &UrlSpace<'_>, s: &str) -> Option<String> {
    let s = s.trim().trim_start_matches('#');
    if s.starts_with("Edm.") {
        return Some(s.to_string());
    }
    space.types().contains_key(s).then(|| s.to_string())
}
