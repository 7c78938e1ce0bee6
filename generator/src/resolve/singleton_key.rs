//! `/users/me/todo/lists`: a singleton's name written where the entity set holding its type takes
//! a key. `me` is the signed-in user, one member of `users`; the service knows the path as the
//! singleton's own, `/me/todo/lists`, which other pages document. Read so, and reported, so that
//! the crate has no `users().me()` beside `me()`.

use crate::diag::{Code, Diags};
use crate::ir::{Operation, PathTemplate, Root};
use std::collections::BTreeMap;

/// Rewrites each page whose path starts with `/<set>/<singleton>` where `<set>` is a root
/// collection and `<singleton>` a root singleton of the same type.
pub fn rewrite(pages: &mut [Operation], roots: &BTreeMap<String, Root>, diags: &mut Diags) {
    let root = |name: &str| roots.values().find(|r| r.name.eq_ignore_ascii_case(name));
    for p in pages.iter_mut() {
        let segs = p.path.segments();
        let (Some(set), Some(one)) = (segs.first().and_then(|s| s.literal()), segs.get(1).and_then(|s| s.literal())) else {
            continue;
        };
        let (Some(set), Some(one)) = (root(set), root(one)) else { continue };
        if !set.collection || one.collection || set.r#type != one.r#type {
            continue;
        }
        let written = p.path.as_str().to_string();
        let path = PathTemplate::from_segments(segs[1..].to_vec());
        diags
            .push(
                &p.source.file,
                p.source.line,
                Code::PathSample,
                format!(
                    "`{written}` writes the singleton `{}` as a key of `{}`; read as `{}`, the singleton's own path",
                    one.name,
                    set.name,
                    path.as_str()
                ),
            )
            .token(written.as_str());
        p.documented.push(written);
        p.path = path;
    }
}
