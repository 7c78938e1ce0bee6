//! GG0803: an endpoint's path the URL model cannot follow, reported at the segment where the
//! walk stopped, with the type that lacks it and the page where a row would go.

use crate::diag::{Code, Diags};
use crate::ir::{lineage, open_ended, HttpMethod, Operation};
use crate::urlspace::{Target, UrlSpace, Walk};
use std::collections::BTreeSet;

/// GG0803: the segment where the walk failed, named with the type that lacks it, and that
/// type's page (its relationships, else its properties) where a row would go.
pub fn report_path(p: &Operation, walk: &Walk, stopped: usize, space: &UrlSpace<'_>, diags: &mut Diags) {
    // Function arguments added to a request line (see `function_args`): the line's own
    // endpoint reports the same path once, unless the endpoint with them replaced it (it keeps
    // the line in `documented`).
    let replaced = p.documented.iter().any(|d| p.path.as_str().strip_prefix(d.as_str()).is_some_and(|rest| rest.starts_with('(')));
    if p.settled.path.is_some() && !replaced {
        return;
    }
    let segs = p.path.segments();
    let text = |i: usize| segs.get(i).map(|s| s.to_text()).unwrap_or_default();
    let (at, what, owner) = match (&walk.lacking, &walk.binding) {
        (Some((i, ty)), _) => {
            let seg = text(*i);
            let word = seg.trim_end_matches(':');
            let known = |t: &str| space.types().contains_key(t);
            // A qualified name is a cast, to the type it names (`microsoft.graph.` left out or not).
            let cast = (word.contains('.') && !word.contains('(')).then(|| {
                if known(word) {
                    word.to_string()
                } else {
                    format!("microsoft.graph.{word}")
                }
            });
            // The root's type is a guess where no page lists or gets it (`roots::inferred`):
            // a segment the guess lacks says more about the guess than about the docs.
            let guessed_root = *i == 1
                && segs.first().and_then(|s| s.literal()).and_then(|r| space.root(r)).is_some_and(|r| {
                    // A type named after the root (`print`, `educationRoot`) is no blind guess,
                    // unless only a namespace of its own names it so (`windowsUpdates.admin` for
                    // `/admin`, whose own type has no page).
                    let (space_of, simple) = ty.rsplit_once('.').unwrap_or(("", ty));
                    let named = simple.to_ascii_lowercase().starts_with(&r.name.to_ascii_lowercase());
                    r.r#type == *ty
                        && r.evidence.iter().all(|e| e.starts_with(super::roots::INFERRED))
                        && (!named || space_of != crate::frontend::DEFAULT_NAMESPACE)
                });
            if guessed_root {
                let what = format!(
                    "`{ty}`, the type guessed for root `{}` (no page lists or gets it), has no `{word}`",
                    segs.first().map(|s| s.to_text()).unwrap_or_default()
                );
                let d = report(diags, p, &what, &seg);
                d.severity = crate::diag::Severity::Note;
                return;
            }
            // A type no page defines, or a cast to one (or to a type whose bases reach one that
            // may derive from `ty`): the missing page is the finding (`consequence`).
            let missing = if !known(ty) {
                Some(format!("`{ty}`, which no page defines, has nothing the docs say of `{word}`"))
            } else {
                match &cast {
                    Some(c) if !known(c) => Some(format!("the cast `{word}` names a type no page defines")),
                    Some(c) if open_ended(space.types(), c) => {
                        Some(format!("the cast `{word}` derives from a base no page defines, so nothing says it is a `{ty}`"))
                    }
                    _ => None,
                }
            };
            if let Some(what) = missing {
                return consequence(report(diags, p, &what, &seg));
            }
            let what = if walk.guessed {
                format!("`{ty}` has no `{word}` (no relationship or property); the pages that GET it answer different types, so the path needs a cast to the type it means")
            } else if cast.is_some() {
                // A cast to a type no page derives from this one.
                format!("`{ty}` has no derived type `{word}`")
            } else if matches!(walk.binding, Some(Target::Value(_))) {
                // The page's own action, last in its path (`onlineMeetings/createOrGet`): the page
                // binds it, whatever the type's page says of its key.
                if *i + 1 == segs.len() && p.method == HttpMethod::Post && !word.starts_with('$') {
                    return;
                }
                let many = matches!(&walk.binding, Some(Target::Value(v)) if v.collection);
                let has = lineage(space.types(), ty).iter().any(|t| t.properties.iter().any(|q| q.name.eq_ignore_ascii_case(word)));
                if many && has {
                    // `sort/fields/icon`: the row is there; what fails is reaching one value.
                    format!("`{word}` is a property of each `{ty}`, but the path before it is a collection of `{ty}` values, which no key addresses: no path reaches one of them (remove the endpoint, or address the value another way)")
                } else {
                    format!(
                        "`{ty}` has no property `{word}`, and as a value (its page gives it no key) it is bound to no action or function"
                    )
                }
            } else {
                format!("`{ty}` has no `{word}` (no relationship or property, nor a function whose page says what it answers)")
            };
            (seg, what, space.types().get(ty))
        }
        // A key after a property the tables type as one value.
        (None, Some(t))
            if stopped > 0
                && segs[stopped].param_name().is_some()
                && walk.spelling.get(stopped - 1).is_some_and(Option::is_some)
                && walk.via.as_ref().is_some_and(|v| v.0.is_some()) =>
        {
            let (owner, prop) = walk.via.clone().unwrap_or_default();
            let owner = owner.unwrap_or_default();
            let key = text(stopped);
            let what = match t.answer() {
                // `String collection`: values, which no key addresses.
                Some(a) if a.collection => {
                    format!("`{owner}` has `{prop}` as a collection of `{}` values, which no key addresses, so the key `{key}` cannot follow it", a.name)
                }
                a => {
                    let one = a.map(|a| format!(" `{}`", a.name)).unwrap_or_default();
                    format!("`{owner}` has `{prop}` as one{one}, not a collection, so the key `{key}` cannot follow it")
                }
            };
            let at = text(stopped - 1);
            let row =
                lineage(space.types(), &owner).into_iter().find_map(|ty| ty.properties.iter().find(|p| p.name.eq_ignore_ascii_case(&prop)));
            let d = report(diags, p, &what, &at);
            if let Some(row) = row {
                d.also(&row.source.file, row.source.line, format!("the row of `{prop}`"));
            }
            return;
        }
        (None, Some(t)) => {
            let at = text(stopped);
            let what = match t.entity_type() {
                Some(ty) => format!("no property of `{ty}` (or a type derived from it) is named `{at}`"),
                None if segs[stopped].param_name().is_some() => {
                    let before = crate::path::PathTemplate::from_segments(segs[..stopped].to_vec());
                    match t.answer() {
                        // Members of a collection of values are not addressed by key.
                        Some(a) if a.collection && !space.types().contains_key(&a.name) => {
                            let what = format!(
                                "`{before}` is a collection of `{}`, which no page defines, so the key `{at}` addresses nothing",
                                a.name
                            );
                            return consequence(report(diags, p, &what, &at));
                        }
                        Some(a) if a.collection => {
                            format!(
                                "`{before}` is a collection of `{}`, which its page gives no key, so the key `{at}` addresses nothing",
                                a.name
                            )
                        }
                        Some(a) => format!("`{before}` addresses one `{}`, not a collection, so the key `{at}` cannot follow it", a.name),
                        None => format!("`{before}` ends in a call whose page says no answer, so the key `{at}` cannot follow it"),
                    }
                }
                None => {
                    let before = crate::path::PathTemplate::from_segments(segs[..stopped].to_vec());
                    format!("`{before}` ends in no relationship or property the docs type, so `{at}` cannot be followed")
                }
            };
            (at, what, t.entity_type().and_then(|ty| space.types().get(ty)))
        }
        (None, None) => {
            let at = text(stopped);
            if let Some((ty, request, page)) = space.untyped_root(&at) {
                // A page documents the root, but the type it answers has no page (GG0501).
                let answers =
                    if ty.is_empty() { "names no answer type".to_string() } else { format!("answers `{ty}`, which no page defines,") };
                let what = format!("`{request}` ({}:{}) {answers} so the model has no root `{at}`", page.file, page.line);
                let d = report(diags, p, &what, &at).also(&page.file, page.line, format!("the GET that documents `{at}`"));
                if !ty.is_empty() {
                    consequence(d);
                }
                return;
            }
            // Roots of several segments (`identityGovernance/entitlementManagement/accessPackages`)
            // that share the path's first segments: the segment after those is the one to fix.
            if let Some((k, names)) = nearest_roots(segs, space) {
                let prefix = crate::path::PathTemplate::from_segments(segs[..k].to_vec());
                let at = text(k);
                let what = format!("no list or get page documents a root `{prefix}/{at}`; the roots under `{prefix}` are {names}");
                report(diags, p, &what, &at);
                return;
            }
            let what = format!("no list or get page documents a root named `{at}`");
            (at, what, None)
        }
    };
    let d = report(diags, p, &what, &at);
    if let Some(t) = owner {
        let rel = t.properties.iter().find(|r| r.navigation && r.source.file == t.source.file);
        let (file, line, table) = match rel {
            Some(r) => (r.source.file.as_str(), r.source.line, "relationships"),
            None => {
                let (file, line) = super::examples::table_of(t);
                (file, line, "properties")
            }
        };
        d.also(file, line, format!("the {table} of `{}`", t.name));
    }
}

/// The most leading segments of `segs` some root of several segments shares (at least one,
/// fewer than the root has and than the path's literal run), with the names those roots go on
/// with there (`accessPackages`, `settings`...).
fn nearest_roots(segs: &[crate::path::Segment], space: &UrlSpace<'_>) -> Option<(usize, String)> {
    let lits: Vec<&str> = segs.iter().map_while(|s| s.literal()).collect();
    let mut best: (usize, BTreeSet<String>) = (0, BTreeSet::new());
    for r in space.roots() {
        let words: Vec<&str> = r.name.split('/').collect();
        let k = words.iter().zip(&lits).take_while(|(w, l)| w.eq_ignore_ascii_case(l)).count();
        if k == 0 || k >= words.len() || k >= lits.len() || k < best.0 {
            continue;
        }
        if k > best.0 {
            best = (k, BTreeSet::new());
        }
        best.1.insert(format!("`{}`", words[k]));
    }
    let (k, names) = best;
    (k > 0).then(|| {
        let shown: Vec<&str> = names.iter().take(6).map(String::as_str).collect();
        let more = if names.len() > 6 { format!(" and {} more", names.len() - 6) } else { String::new() };
        (k, format!("{}{more}", shown.join(", ")))
    })
}

/// A path the model cannot follow only because a type it reaches has no page is a note: GG0501
/// reports the missing page once, at its first use, and adding the page is the fix, not a row
/// per path.
fn consequence(d: &mut crate::diag::Diagnostic) {
    d.severity = crate::diag::Severity::Note;
    d.message.push_str(" (GG0501 reports the missing page)");
}

/// The GG0803 of `p`, its caret on `at`.
fn report<'d>(diags: &'d mut Diags, p: &Operation, what: &str, at: &str) -> &'d mut crate::diag::Diagnostic {
    diags
        .push(
            &p.source.file,
            p.source.line,
            Code::UnresolvedPath,
            format!("`{} {}`: {what}; the answer and body come from the page alone", p.method, p.path),
        )
        .token(at)
}
