//! One spelling per type name. OData names are case-sensitive on the wire (`@odata.type`), but
//! the docs' tooling matches them case-insensitively, and a page may spell its own type in two
//! cases: `orgContact`'s title says `orgContact`, its annotation `microsoft.graph.orgcontact`.
//! The annotation used to win, so the IR had `microsoft.graph.orgcontact`, the crate a model
//! `Orgcontact`, and a derived type tag no service answer carries.
//!
//! Where a page's own spellings (its annotation's `@odata.type` and its title) differ in the
//! case of a letter after the first, the other pages decide: each spelling counts the places that
//! write it, the page's title and annotation once each, and each type cell, "Inherits from"
//! link, derived-type list, member mention and `@odata.type` value in an example body (the wire
//! spelling) on any page. Response annotations do not vote: they repeat the resource
//! annotation's metadata. The first letter's case is no evidence (titles and table cells
//! capitalize their first word: `Thumbnail resource type`), so spellings are compared with it
//! lowercased, and the name keeps the annotation's. Most uses win; on a tie, the camelCase one
//! (more capitals), then text order. Nothing depends on the order of files.

use crate::diag::{Code, Diags};
use crate::frontend::facts::{RawBody, RawOperation, RawProperty, RawType};
use crate::frontend::typecell::{BaseExpr, TypeExpr};
use crate::ir::{Example, ExampleBody};
use serde_json::Value;
use std::collections::BTreeMap;

/// Lowercase simple name → each spelling the pages use for it → how many uses.
type Uses = BTreeMap<String, BTreeMap<String, usize>>;

/// Respell the qualified names of types whose page spells them in two letter cases, as the
/// pages' uses decide; returns the reason for each respelled (or confirmed) name, by its
/// qualified name as settled.
pub fn settle(named: &mut [(String, RawType)], ops: &[RawOperation], examples: &[Example], diags: &mut Diags) -> BTreeMap<String, String> {
    let uses = uses(named, ops, examples);
    let mut reasons = BTreeMap::new();
    for (q, t) in named.iter_mut() {
        let (ns, simple) = q.rsplit_once('.').map_or((None, q.as_str()), |(n, s)| (Some(n), s));
        let annotated = t.annotated.as_deref().map(|a| a.rsplit('.').next().unwrap_or(a));
        let title = t.title_name.as_deref().map(|n| n.rsplit('.').next().unwrap_or(n));
        let (Some(a), Some(ti)) = (annotated, title) else { continue };
        let (na, nt) = (first_lower(a), first_lower(ti));
        if na == nt || !na.eq_ignore_ascii_case(&nt) {
            continue;
        }
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for own in [&na, &nt] {
            *count.entry(own.clone()).or_default() += 1;
        }
        let lower = simple.to_ascii_lowercase();
        for (s, n) in uses.get(&lower).into_iter().flatten() {
            *count.entry(first_lower(s)).or_default() += n;
        }
        // The first letter as the annotation writes it.
        let picked = pick(&count);
        let chosen = match (a.chars().next(), picked.get(1..)) {
            (Some(c), Some(rest)) => format!("{c}{rest}"),
            _ => picked.clone(),
        };
        let others: Vec<String> = count.iter().map(|(s, n)| format!("`{s}` {n}")).collect();
        let tie =
            if count.values().filter(|n| Some(*n) == count.get(&picked)).count() > 1 { "; a tie goes to the camelCase one" } else { "" };
        let reason = format!(
            "its page spells it `{ti}` (title) and `{a}` (annotation); spelled `{chosen}`: uses on the pages (title and annotation included) are {}{tie}",
            others.join(", ")
        );
        diags
            .push(
                &t.source.file,
                t.source.line,
                Code::TypeNameCase,
                format!(
                    "the title spells the type `{ti}` but the annotation's `@odata.type` spells it `{a}`; read as `{chosen}` (uses on the pages: {}{tie})",
                    others.join(", ")
                ),
            )
            .token(t.annotated.clone().unwrap_or_default());
        if chosen != simple {
            *q = match ns {
                Some(ns) => format!("{ns}.{chosen}"),
                None => chosen.clone(),
            };
        }
        reasons.insert(q.clone(), reason);
    }
    reasons
}

/// `OneNoteResource` → `oneNoteResource`: the first letter's case is no evidence.
fn first_lower(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_lowercase().to_string() + c.as_str()).unwrap_or_default()
}

/// Most uses; then more capitals; then the first in text order.
fn pick(count: &BTreeMap<String, usize>) -> String {
    let key = |s: &str, n: usize| (n, s.chars().filter(char::is_ascii_uppercase).count());
    count
        .iter()
        .max_by(|a, b| key(a.0, *a.1).cmp(&key(b.0, *b.1)).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

/// Every spelling of a type name the pages write outside annotations.
fn uses(named: &[(String, RawType)], ops: &[RawOperation], examples: &[Example]) -> Uses {
    let mut uses = Uses::new();
    let mut add = |name: &str| {
        let simple = name.trim().trim_start_matches('#').rsplit('.').next().unwrap_or(name).trim();
        if !simple.is_empty() && simple.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            *uses.entry(simple.to_ascii_lowercase()).or_default().entry(simple.to_string()).or_default() += 1;
        }
    };
    for (_, t) in named {
        t.properties.iter().for_each(|p| property(p, &mut add));
        if let Some((n, _)) = &t.base_text {
            add(n);
        }
        t.derived.iter().for_each(|((n, _), _)| add(n));
        for m in &t.mentions {
            add(&m.collection.0);
            m.members.iter().for_each(|(n, _)| add(n));
        }
    }
    for op in ops {
        match &op.body {
            RawBody::None => {}
            RawBody::Type(e, props) => {
                expr(e, &mut add);
                props.iter().for_each(|p| property(p, &mut add));
            }
            RawBody::Parameters(props) => props.iter().for_each(|p| property(p, &mut add)),
        }
        if let Some(e) = &op.response.stated {
            expr(e, &mut add);
        }
        op.query_parameters.iter().chain(&op.path_parameters).for_each(|p| property(p, &mut add));
        op.examples.iter().for_each(|e| example(e, &mut add));
    }
    examples.iter().for_each(|e| example(e, &mut add));
    uses
}

fn property(p: &RawProperty, add: &mut impl FnMut(&str)) {
    p.ty.iter().chain(&p.alternatives).for_each(|e| expr(e, add));
}

fn expr(e: &TypeExpr, add: &mut impl FnMut(&str)) {
    if let BaseExpr::Named { name, .. } = &e.base {
        add(name);
    }
}

/// The `@odata.type` values of an example's bodies, at any depth.
fn example(e: &Example, add: &mut impl FnMut(&str)) {
    let bodies = e.request.iter().filter_map(|r| r.body.as_ref()).chain(e.response.iter().filter_map(|r| r.body.as_ref()));
    for b in bodies {
        if let ExampleBody::Json(v) = b {
            tags(v, add, 0);
        }
    }
}

fn tags(v: &Value, add: &mut impl FnMut(&str), depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| tags(i, add, depth + 1)),
        Value::Object(m) => {
            for (k, v) in m {
                match v {
                    Value::String(s) if k == "@odata.type" => add(s),
                    _ => tags(v, add, depth + 1),
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::pick;
    use std::collections::BTreeMap;

    #[test]
    fn most_uses_then_camel_case() {
        let p = |c: &[(&str, usize)]| pick(&c.iter().map(|(s, n)| (s.to_string(), *n)).collect::<BTreeMap<_, _>>());
        assert_eq!(p(&[("orgcontact", 1), ("orgContact", 1)]), "orgContact");
        assert_eq!(p(&[("orgcontact", 3), ("orgContact", 1)]), "orgcontact");
        assert_eq!(p(&[("orgContact", 2), ("orgcontact", 1), ("orgCOntact", 1)]), "orgContact");
        assert_eq!(super::first_lower("OneNoteResource"), "oneNoteResource");
    }
}
