//! A page whose request block names another page's action while everything else on it names
//! its own: `nameditem-addformulalocal.md` lists `POST .../workbook/names/add`, the lines of
//! `nameditem-add.md`, yet its example posts to `.../names/addFormulaLocal` and the named
//! item's Methods table links the page as "AddFormulaLocal". The example and the owner's table
//! agree on the name; the block's lines are another page's, copied. Each line ending in the
//! copied name is read with the example's (the written line kept in `documented`, the why in
//! `settled.path`) and reported (GG0316): the crate has the page's action, with its own body,
//! and `add` keeps its own page's. Without both statements nothing changes: an example calling
//! another action of the same parent is a page showing something else, and a Methods row alone
//! names no path.

use super::missing_key::Shapes;
use crate::diag::{Code, Diags};
use crate::frontend::facts::RawOperation;
use crate::path::{PathTemplate, Segment};
use std::collections::BTreeMap;

/// Renames the last segment of the page's lines to the action its example calls and its
/// Methods table row names, where another page lists every line the page writes.
pub fn rename(page: &mut [RawOperation], shapes: &Shapes, names: &BTreeMap<String, Vec<String>>, diags: &mut Diags) {
    let Some(first) = page.first() else { return };
    let Some(named) = names.get(&crate::ir::page_stem(&first.source.file)) else { return };
    // Every line the page writes is another page's too: the block is a copy.
    let copied = page.iter().all(|o| shapes.get(&o.path.key()).is_some_and(|l| l.iter().any(|(s, _)| s.file != o.source.file)));
    if !copied {
        return;
    }
    let requests: Vec<_> = first.examples.iter().filter_map(|e| e.request.as_ref()).filter(|r| !r.external).collect();
    let path_of = |p: &str| p.split('?').next().unwrap_or("").trim_end_matches('/').to_string();
    // No example calls a line of the page as written.
    if requests.iter().any(|r| page.iter().any(|o| o.method == r.method && o.path.matches(&path_of(&r.path)).is_some())) {
        return;
    }
    let Some((method, from, to, example)) = requests.iter().find_map(|r| {
        let called = path_of(&r.path);
        let name = called.rsplit('/').next()?.to_string();
        if !name.chars().all(|c| c.is_ascii_alphanumeric()) || !named.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            return None;
        }
        page.iter().filter(|o| o.method == r.method).find_map(|o| {
            let last = o.path.segments().last()?.literal()?.to_string();
            let renamed = with_last(&o.path, &name)?;
            (!last.eq_ignore_ascii_case(&name) && renamed.matches(&called).is_some())
                .then(|| (r.method, last, name.clone(), r.source.clone()))
        })
    }) else {
        return;
    };
    for o in page.iter_mut().filter(|o| o.method == method) {
        let ends = o.path.segments().last().and_then(Segment::literal).is_some_and(|l| l.eq_ignore_ascii_case(&from));
        let Some(renamed) = with_last(&o.path, &to).filter(|_| ends) else { continue };
        let message = format!(
            "`{} {}` names another page's action: the page's example calls `{to}` and its Methods table row names it; read as `{renamed}`",
            o.method, o.path
        );
        diags.push(&o.source.file, o.source.line, Code::CallName, message).token(&from).also(&example.file, example.line, "the example");
        let why = format!(
            "the page's line `{} {}` names another page's action (GG0316): its example calls `{to}`, and the Methods table row linking the page names it",
            o.method, o.path
        );
        crate::ir::add_why(&mut o.path_settled, why);
        o.path = renamed;
    }
}

/// `path` with its last segment, a plain name, replaced by `name`.
fn with_last(path: &PathTemplate, name: &str) -> Option<PathTemplate> {
    let mut segs = path.segments().to_vec();
    let last = segs.last_mut()?;
    last.literal()?;
    *last = Segment::text(name);
    Some(PathTemplate::from_segments(segs))
}
