//! One spelling per path segment. Graph matches segments case-insensitively, so
//! `/directoryroles` and `/directoryRoles` are one endpoint; the docs spell it both ways. A
//! segment the URL model knows is spelled as its root or relationship is; any other as most
//! pages spell it at that place (camelCase on a tie). Each page spelling it otherwise is told.

use super::roots;
use crate::diag::{Code, Diags};
use crate::ir::Operation;
use std::collections::BTreeMap;

/// How most pages spell each place: the lowercase key of a path up to a literal segment → the
/// spelling most pages give that segment there.
pub struct Votes(BTreeMap<String, String>);

impl Votes {
    pub fn of(pages: &[Operation]) -> Votes {
        let mut used: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
        for p in pages {
            let mut key = String::new();
            for seg in p.path.segments() {
                seg.push_key(&mut key);
                if let Some(l) = seg.literal() {
                    match used.get_mut(&key) {
                        Some(m) => *m.entry(l).or_default() += 1,
                        None => {
                            used.insert(key.clone(), BTreeMap::from([(l, 1)]));
                        }
                    }
                }
            }
        }
        let chosen = used
            .into_iter()
            .map(|(k, counts)| {
                let all = counts.iter().flat_map(|(s, n)| std::iter::repeat_n(*s, *n));
                (k, roots::spelling(all))
            })
            .collect();
        Votes(chosen)
    }
}

/// Respell one page's path: `model` holds the URL model's spelling of each segment it knows
/// (from a walk of the path, which matches case-insensitively), `votes` the rest.
pub fn respell(p: &mut Operation, model: &[Option<String>], votes: &Votes, diags: &mut Diags) {
    let mut key = String::new();
    let mut changes: Vec<(usize, String)> = Vec::new();
    for (i, seg) in p.path.segments().iter().enumerate() {
        seg.push_key(&mut key);
        let Some(lit) = seg.literal() else { continue };
        let voted = votes.0.get(&key).map(String::as_str);
        let want = match (model.get(i).and_then(|m| m.as_deref()), voted) {
            // A relationship row that lost its capitals (`openshiftchangerequests`), or that
            // starts with one (`Settings`), against the camelCase most pages write: Graph's
            // names are camelCase, the row is the typo.
            (Some(m), Some(v)) if v.eq_ignore_ascii_case(m) && (lost_capitals(m, v) || capitalized(m, v)) => Some(v),
            (Some(m), _) => Some(m),
            (None, v) => v,
        };
        if let Some(w) = want.filter(|w| *w != lit && w.eq_ignore_ascii_case(lit)) {
            changes.push((i, w.to_string()));
        }
    }
    if changes.is_empty() {
        return;
    }
    // The first segment respelled is the one to point at.
    let wrong = changes.first().and_then(|(i, _)| p.path.segments().get(*i).and_then(|s| s.literal()).map(str::to_string));
    let new = p.path.respelled(|i, _| changes.iter().find(|(j, _)| *j == i).map(|(_, w)| w.clone()));
    // An endpoint with function arguments added to a request line (see `function_args`): the
    // line's own endpoint reports the spelling once.
    if p.settled.path.is_none() {
        let d = diags.push(
            &p.source.file,
            p.source.line,
            Code::PathCase,
            format!("`{}` is spelled `{}` by the relationships or by most pages; read as that", p.path, new),
        );
        if let Some(w) = wrong {
            d.token(w);
        }
    }
    // Parameters keep their types and descriptions; the segment before each is respelled.
    for (param, site) in p.parameters.iter_mut().zip(new.params()) {
        param.after = site.after;
    }
    p.path = new;
}

/// `m` has no capital where `v` has some (`openshiftchangerequests`, `openShiftChangeRequests`).
fn lost_capitals(m: &str, v: &str) -> bool {
    !m.chars().any(|c| c.is_ascii_uppercase()) && v.chars().any(|c| c.is_ascii_uppercase())
}

/// `m` starts with a capital where `v` starts lowercase (`Settings`, `settings`).
fn capitalized(m: &str, v: &str) -> bool {
    m.starts_with(|c: char| c.is_ascii_uppercase()) && v.starts_with(|c: char| c.is_ascii_lowercase())
}
