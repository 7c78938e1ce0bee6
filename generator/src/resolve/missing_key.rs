//! A request line that leaves out a key before a segment that needs one item:
//! `userflowlanguagepage-delete.md` lists `DELETE /identity/b2xUserFlows/{id}/languages/{id}/
//! overridesPages/$value`, the raw content of a collection, which nothing serves; its example
//! deletes `.../overridesPages/selfasserted1_1/$value`, and the get and put pages list
//! `.../overridesPages/{id}/$value`. Two places agree on the key the line leaves out: the page's
//! own example calls the line with one segment more, there, and another page lists the path
//! with a key there. The line is read with the key (the page's spelling kept in `documented`,
//! the why in `settled.path`) and reported (GG0315), so the crate has the page's delete on the
//! page's item and its example is the delete's test. A key missing at the end of a line is not
//! looked for: `GET /users` beside an example of `GET /users/{id}` is a list page showing an
//! item read, not a slip.

use crate::diag::{Code, Diags};
use crate::frontend::facts::RawOperation;
use crate::ir::Source;
use crate::path::{PathTemplate, Segment};
use std::collections::BTreeMap;

/// Every listed path by its shape ([`PathTemplate::key`]): the pages listing it, in page order,
/// with their templates (a key's name is taken from the first other page).
pub type Shapes = BTreeMap<String, Vec<(Source, PathTemplate)>>;

pub fn shapes(raw: &[RawOperation]) -> Shapes {
    let mut out = Shapes::new();
    for o in raw {
        out.entry(o.path.key()).or_default().push((o.source.clone(), o.path.clone()));
    }
    out
}

/// Reads with its key each line of the page whose examples call it with a key more, inside
/// the path, where another page lists that path.
pub fn insert(page: &mut [RawOperation], shapes: &Shapes, diags: &mut Diags) {
    let Some(first) = page.first() else { return };
    let mut fixes: Vec<(usize, PathTemplate, Source, Source, String)> = Vec::new();
    for req in first.examples.iter().filter_map(|e| e.request.as_ref()).filter(|r| !r.external) {
        let path = req.path.split('?').next().unwrap_or("").trim_end_matches('/');
        if page.iter().any(|o| o.method == req.method && o.path.matches(path).is_some()) {
            continue;
        }
        for (i, o) in page.iter().enumerate().filter(|(_, o)| o.method == req.method) {
            let Some((t, other)) = with_key(o, path, shapes) else { continue };
            if !fixes.iter().any(|(j, ..)| *j == i) {
                fixes.push((i, t, other.clone(), req.source.clone(), req.path.clone()));
            }
        }
    }
    for (i, t, other, example, called) in fixes {
        let Some(o) = page.get_mut(i) else { continue };
        let file = &other.file;
        let message =
            format!("`{} {}` leaves out a key: its example calls `{called}` and `{file}` lists `{t}`; read as `{t}`", o.method, o.path);
        diags
            .push(&o.source.file, o.source.line, Code::MissingKey, message)
            .token(o.documented.as_str())
            .also(&example.file, example.line, "the example")
            .also(file, other.line, "the other page's line");
        let why = format!(
            "the page's line `{} {}` leaves out a key (GG0315): its example calls the path with one there, and `{file}` lists `{t}`",
            o.method, o.path
        );
        crate::ir::add_why(&mut o.path_settled, why);
        o.path = t;
    }
}

/// `o`'s line with one key inserted before one of its segments (never after the last) such
/// that another page lists the result and `called` is a call of it; the key named as that page
/// names it.
fn with_key<'a>(o: &RawOperation, called: &str, shapes: &'a Shapes) -> Option<(PathTemplate, &'a Source)> {
    let segs = o.path.segments();
    (1..segs.len()).find_map(|k| {
        let mut with: Vec<Segment> = segs.to_vec();
        with.insert(k, Segment::param("id"));
        let shape = PathTemplate::from_segments(with.clone()).key();
        let (other, listed) = shapes.get(&shape)?.iter().find(|(s, _)| s.file != o.source.file)?;
        let key = listed.segments().get(k)?.clone();
        let slot = with.get_mut(k)?;
        *slot = key;
        let t = PathTemplate::from_segments(with);
        t.matches(called).is_some().then_some((t, other))
    })
}
