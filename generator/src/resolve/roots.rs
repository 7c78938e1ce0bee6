//! The service root's entity sets and singletons, from what the pages say: `GET /users` answers a
//! collection of `user`, `GET /users/{id}` one `user`, `GET /me` a `user`. A root no list or get
//! page documents (`/education`) is the one type whose properties name every segment the docs
//! put under it.

use crate::ir::{lineage, ComplexType, Operation, Root, TypeKind};
use crate::path::Segment;
use std::collections::{BTreeMap, BTreeSet};

/// One page's word on a root: its type, whether it is a set, and the page.
struct Vote<'a> {
    spelling: String,
    ty: &'a str,
    collection: bool,
    file: &'a str,
}

/// How a root's evidence begins when no page lists or gets it and its type is inferred from the
/// segments under it (`settle` reads it: a segment that type lacks says more about the guess).
pub const INFERRED: &str = "no page lists or gets it";

pub fn infer(pages: &[Operation], types: &BTreeMap<String, ComplexType>) -> BTreeMap<String, Root> {
    let candidates = candidates(pages, types);
    let mut roots = decided(candidates.iter().filter(|c| c.names.len() == 1), types);
    for root in inferred(pages, types, &roots) {
        roots.insert(root.name.clone(), root);
    }
    // Below a container no page types (`/education`, `/policies` in v1.0), the list and get
    // pages of its children anchor the model the same way: `GET /education/classes` answers
    // a collection of `educationClass`. Shorter anchors first, so that `/education/me` being
    // one keeps `/education/me/classes` a relationship of it rather than another anchor.
    let longest = candidates.iter().map(|c| c.names.len()).max().unwrap_or(0);
    let mut space = crate::urlspace::UrlSpace::new(types, &roots);
    for n in 2..=longest {
        space.set_roots(&roots);
        let nested = decided(
            candidates.iter().filter(|c| {
                c.names.len() == n && space.walk(&crate::path::PathTemplate::from_segments(c.names[..n - 1].to_vec())).stopped == Some(0)
            }),
            types,
        );
        for (name, root) in nested {
            roots.entry(name).or_insert(root);
        }
    }
    roots
}

/// A GET page of an all-literal path (`/users`, `/a/b`), or of one key below one
/// (`/users/{id}`): what it says the literal part is.
struct Candidate<'a> {
    names: Vec<Segment>,
    ty: &'a str,
    collection: bool,
    file: &'a str,
}

fn candidates<'a>(pages: &'a [Operation], types: &BTreeMap<String, ComplexType>) -> Vec<Candidate<'a>> {
    // A literal path that other documented paths follow with a key (`/financials/companies`
    // under `/financials/companies/{id}/accounts`) is a set, whatever one page's example shows:
    // a key addresses a member, and only sets have members.
    let mut keyed_below: BTreeSet<String> = BTreeSet::new();
    for op in pages {
        let segs = op.path.segments();
        for (i, s) in segs.iter().enumerate().skip(1) {
            if s.param_name().is_some() && segs[..i].iter().all(|x| x.literal().is_some()) {
                let names: Vec<&str> = segs[..i].iter().filter_map(Segment::literal).collect();
                keyed_below.insert(names.join("/").to_ascii_lowercase());
            }
        }
    }
    let mut out = Vec::new();
    // A request line that expands a relationship answers what its path addresses, not the
    // page's type (`Operation::expands`): no word on the root.
    for op in pages.iter().filter(|o| o.method == crate::ir::HttpMethod::Get && !o.expands()) {
        let Some(r) = op.response.r#type.as_ref().filter(|r| types.contains_key(&r.name)) else { continue };
        let segs = op.path.segments();
        let keyed = segs.last().is_some_and(|k| k.param_name().is_some()) && segs.len() > 1;
        let names = if keyed { &segs[..segs.len() - 1] } else { segs };
        let literal =
            names.iter().all(|s| s.literal().is_some_and(|l| !l.is_empty() && !l.starts_with('$') && !l.contains(['.', ':', ' '])));
        if literal && !(keyed && r.collection) {
            let joined: Vec<&str> = names.iter().filter_map(Segment::literal).collect();
            let set = keyed || r.collection || keyed_below.contains(&joined.join("/").to_ascii_lowercase());
            out.push(Candidate { names: names.to_vec(), ty: &r.name, collection: set, file: &op.source.file });
        }
    }
    out
}

/// Roots from the candidates given, decided by vote.
fn decided<'a>(candidates: impl Iterator<Item = &'a Candidate<'a>>, types: &BTreeMap<String, ComplexType>) -> BTreeMap<String, Root> {
    let mut votes: BTreeMap<String, Vec<Vote<'_>>> = BTreeMap::new();
    for c in candidates {
        let spelling: Vec<&str> = c.names.iter().filter_map(Segment::literal).collect();
        let v = Vote { spelling: spelling.join("/"), ty: c.ty, collection: c.collection, file: c.file };
        votes.entry(v.spelling.to_ascii_lowercase()).or_default().push(v);
    }
    let mut roots = BTreeMap::new();
    for (_, vs) in votes {
        let root = decide(&vs, types);
        roots.insert(root.name.clone(), root);
    }
    roots
}

/// The type and kind most pages give; ties go to an entity type, then to the type a voting
/// page's file is named after (`user-list.md`), then by name.
fn decide(vs: &[Vote<'_>], types: &BTreeMap<String, ComplexType>) -> Root {
    let mut tally: BTreeMap<(&str, bool), (usize, usize)> = BTreeMap::new();
    for v in vs {
        let e = tally.entry((v.ty, v.collection)).or_default();
        e.0 += 1;
        let simple = v.ty.rsplit('.').next().unwrap_or(v.ty).to_ascii_lowercase();
        if crate::ir::page_stem(v.file).split('-').next() == Some(simple.as_str()) {
            e.1 += 1;
        }
    }
    let entity = |t: &str| lineage(types, t).iter().any(|x| x.kind == TypeKind::Entity);
    // A set's type covers all its members: when one named type is a base of every other (as
    // with `threatAssessmentRequest` and the get pages of each kind), it is the set's type.
    // Not the universal `entity`, which a page names when it means "some entity".
    let names: Vec<&str> = tally.keys().map(|k| k.0).collect();
    let covers_all =
        |t: &str| t != "microsoft.graph.entity" && names.iter().all(|o| *o == t || lineage(types, o).iter().any(|x| x.name == t));
    let key = |k: &(&str, bool), v: &(usize, usize)| (covers_all(k.0), v.0, entity(k.0), v.1);
    let best = tally.iter().max_by(|a, b| key(a.0, a.1).cmp(&key(b.0, b.1)).then_with(|| b.0.cmp(a.0)));
    let ((ty, collection), _) = best.map(|(k, v)| (*k, *v)).unwrap_or((("", false), (0, 0)));
    // Pages for several kinds, none a base of the others (Intune documents a set once per
    // kind): the nearest base they all derive from, when it is more than `entity`.
    if !covers_all(ty) && names.len() > 1 {
        let first: Vec<&str> = lineage(types, names[0]).iter().map(|t| t.name.as_str()).collect();
        let common = first
            .into_iter()
            .find(|b| *b != "microsoft.graph.entity" && names.iter().all(|n| lineage(types, n).iter().any(|t| t.name == *b)));
        if let Some(base) = common {
            let mut files: Vec<&str> = vs.iter().map(|v| v.file).collect();
            files.sort();
            files.dedup();
            let evidence =
                vec![format!("GET pages name {} kinds of `{base}` ({}): their nearest common base", names.len(), files.join(", "))];
            let name = spelling(vs.iter().map(|v| v.spelling.as_str()));
            return Root { name, r#type: base.to_string(), collection, evidence };
        }
    }
    let agreeing: Vec<&Vote<'_>> = vs.iter().filter(|v| v.ty == ty && v.collection == collection).collect();
    let name = spelling(agreeing.iter().map(|v| v.spelling.as_str()));
    let mut files: Vec<&str> = agreeing.iter().map(|v| v.file).collect();
    files.sort();
    files.dedup();
    let mut evidence: Vec<String> =
        files.iter().map(|f| format!("GET answers {} `{ty}`: {f}", if collection { "a collection of" } else { "one" })).collect();
    let others = vs.len() - agreeing.len();
    if others > 0 {
        evidence.push(format!("{others} other page(s) say otherwise"));
    }
    Root { name, r#type: ty.to_string(), collection, evidence }
}

/// The spelling most uses share; ties go to the camelCase one (more capitals), then by text.
pub fn spelling<'a>(all: impl Iterator<Item = &'a str>) -> String {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for s in all {
        *count.entry(s).or_default() += 1;
    }
    let caps = |s: &str| s.chars().filter(char::is_ascii_uppercase).count();
    count
        .into_iter()
        .max_by(|a, b| (a.1, caps(a.0)).cmp(&(b.1, caps(b.0))).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

/// Singletons no list or get page documents: for each first segment that is no root yet, the
/// literal segments the docs put right under it, and the one type whose properties (its own or
/// inherited) name them all. A type named like the root wins a tie, and outweighs a type that
/// names just one of them; otherwise a tie is left undecided.
fn inferred(pages: &[Operation], types: &BTreeMap<String, ComplexType>, known: &BTreeMap<String, Root>) -> Vec<Root> {
    let known: BTreeSet<String> = known.keys().map(|k| k.to_ascii_lowercase()).collect();
    let mut children: BTreeMap<String, (Vec<&str>, BTreeSet<String>, bool)> = BTreeMap::new();
    // The calls right under each root (`/communications/getPresencesByUserId`), with the type
    // their pages bind them to.
    let mut call_pages: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for op in pages {
        let segs = op.path.segments();
        let Some(first) = segs.first().and_then(Segment::literal) else { continue };
        if known.contains(&first.to_ascii_lowercase()) || first.is_empty() || first.contains(' ') {
            continue;
        }
        let e = children.entry(first.to_ascii_lowercase()).or_default();
        e.0.push(first);
        match segs.get(1) {
            Some(s) if s.param_name().is_some() => e.2 = true,
            Some(s) => {
                if let Some(l) = s.literal().filter(|l| !l.starts_with('$') && !l.contains('.')) {
                    e.1.insert(l.trim_end_matches(':').to_ascii_lowercase());
                }
                // An action or function page's title names the type it is bound to
                // (`cloudCommunications: getPresencesByUserId`).
                let bound = op.title.split_once(':').map(|(t, _)| t.trim()).filter(|t| !t.is_empty() && !t.contains(' '));
                if let (2, Some(name), Some(bound)) = (segs.len(), s.call_name().or(s.literal()), bound) {
                    call_pages
                        .entry(first.to_ascii_lowercase())
                        .or_default()
                        .insert((name.to_ascii_lowercase(), bound.to_ascii_lowercase()));
                }
            }
            None => {}
        }
    }
    let mut out = Vec::new();
    // Each type's property names, own and inherited, lowercase: asked once per root below.
    let names: Vec<(&ComplexType, BTreeSet<String>)> = if children.values().any(|(_, k, keyed)| !keyed && !k.is_empty()) {
        types
            .values()
            .map(|t| (t, lineage(types, &t.name).iter().flat_map(|x| x.properties.iter().map(|p| p.name.to_ascii_lowercase())).collect()))
            .collect()
    } else {
        Vec::new()
    };
    for (lower, (spellings, kids, keyed)) in children {
        if keyed || kids.is_empty() {
            continue;
        }
        // Some segments under a root are functions (`getOffice365ActivationCounts`), not
        // properties: the type naming the most of them wins, if it names at least half.
        let scored: Vec<(&ComplexType, Vec<&str>)> = names
            .iter()
            .map(|(t, set)| (*t, kids.iter().filter(|k| set.contains(*k)).map(String::as_str).collect::<Vec<&str>>()))
            .filter(|(_, n)| !n.is_empty() && n.len() * 2 >= kids.len())
            .collect();
        let best = scored.iter().map(|(_, n)| n.len()).max().unwrap_or(0);
        let top: Vec<&(&ComplexType, Vec<&str>)> = scored.iter().filter(|(_, n)| n.len() == best).collect();
        let named = |t: &ComplexType| t.name.rsplit('.').next().unwrap_or("").eq_ignore_ascii_case(&lower);
        // One name in common is no evidence against a type named like the root: `schedule`
        // has a `workforceintegrations` relationship, but `/teamwork/workforceIntegrations` is
        // not a schedule's, and a `teamwork` type exists. Such a root is left undecided (the URL
        // model reports its paths) rather than typed by a coincidence.
        if best == 1 && !top.iter().any(|(t, _)| named(t)) && names.iter().any(|(t, _)| named(t)) {
            continue;
        }
        // Nor is one name of several: `/identityProtection/riskyUsers` and `.../riskDetections`
        // have one segment a managed tenant names, and a managed tenant's `riskyUsers` are
        // another namespace's; typed so, the walk would overrule what the pages say they answer.
        if best == 1 && kids.len() > 1 && !top.iter().any(|(t, _)| named(t)) {
            continue;
        }
        let pick = match top.as_slice() {
            [one] => Some(*one),
            many => {
                let by_name: Vec<&&(&ComplexType, Vec<&str>)> = many.iter().filter(|(t, _)| named(t)).collect();
                if let [one] = by_name.as_slice() {
                    Some(**one)
                } else {
                    None
                }
            }
        };
        let Some((t, list)) = pick else { continue };
        // A call right under the root whose page binds it to another type than the pick
        // (`cloudCommunications: getPresencesByUserId` under `/communications`, where
        // `application` names two of four segments) says the root is that type, not the pick:
        // the root stays undecided (its paths reported) rather than typed by names it happens
        // to share.
        let chain: BTreeSet<String> =
            lineage(types, &t.name).iter().map(|a| a.name.rsplit('.').next().unwrap_or("").to_ascii_lowercase()).collect();
        let own = names.iter().find(|(n, _)| n.name == t.name).map(|(_, set)| set);
        let elsewhere = call_pages
            .get(&lower)
            .is_some_and(|calls| calls.iter().any(|(seg, bound)| !own.is_some_and(|set| set.contains(seg)) && !chain.contains(bound)));
        if elsewhere {
            continue;
        }
        out.push(Root {
            name: spelling(spellings.into_iter()),
            r#type: t.name.clone(),
            collection: false,
            evidence: vec![format!(
                "{INFERRED}; `{}` is the type whose properties name the most segments under it ({} of {}: {})",
                t.name,
                list.len(),
                kids.len(),
                list.join(", ")
            )],
        });
    }
    out
}
