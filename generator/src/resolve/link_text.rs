//! Type cells whose link says one type and whose text another. `call`'s `targets` row is
//! `[invitationParticipantInfo](participantinfo.md) collection`; a link is read by its page
//! (`index`), so the row says `participantInfo`, while the call's JSON representation and every
//! example that sends targets tag them `invitationParticipantInfo`. In
//! `provisioningObjectSummary`'s `servicePrincipal` row it is the other way round: the text says
//! `servicePrincipal`, the page and the tags `provisioningServicePrincipal`. So neither the text
//! nor the link wins by rule: the `@odata.type` tags of the values at the property decide, from
//! the owner's JSON representation and the examples. A tag counts for a side when the type it
//! names is that side's type, or derives from it and not from the other's. With tags for one
//! side only, the property is read as that side; otherwise the link stands, as before. Either
//! way the row is reported (GG0214) and the IR keeps why in `settled.link_text`.
//!
//! Relationships keep their link: the URL model was walked with it, and the pages that list a
//! relationship speak for it (`cardinality`, `named_kind`).

use super::examples;
use super::index::Index;
use super::value_cardinality::mentions_any;
use crate::conformance::{tags_of, Checker};
use crate::diag::{Code, Diags};
use crate::frontend::facts::{JsonRepr, RawType};
use crate::frontend::typecell::BaseExpr;
use crate::ir::{lineage, Api, Source};
use std::collections::BTreeSet;

/// A row whose link text names a defined type other than the one its link's page defines.
pub(super) struct Disagreement {
    owner: String,
    property: String,
    /// The type the link's page defines (what the row is read as so far).
    linked: String,
    /// The type the link's text names.
    text: String,
    source: Source,
}

/// The rows of `t` (qualified `q`) whose link text and link page name two types. Only names
/// of the row's namespace (or the default one) count for the text, and only a text whose
/// simple name differs from the page's type: `[settings](ediscovery-settings.md)` names the
/// `settings` of its link's namespace, no other.
pub(super) fn find(index: &Index, q: &str, t: &RawType) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for p in &t.properties {
        let Some(BaseExpr::Named { name, target: Some(stem) }) = p.ty.as_ref().map(|e| &e.base) else { continue };
        let Some(linked) = index.by_stem.get(stem) else { continue };
        let Some(text) = index.lookup(name, &t.namespace) else { continue };
        let simple = |n: &str| n.rsplit('.').next().unwrap_or(n).to_ascii_lowercase();
        let near = |n: &str| {
            let space = n.rsplit_once('.').map(|(s, _)| s).unwrap_or("");
            space == t.namespace || space == crate::frontend::DEFAULT_NAMESPACE
        };
        if simple(&text) != name.to_ascii_lowercase() || simple(&text) == simple(linked) || !near(&text) {
            continue;
        }
        out.push(Disagreement { owner: q.to_string(), property: p.name.clone(), linked: linked.clone(), text, source: p.source.clone() });
    }
    out
}

/// Settles each disagreement by the tags of the values at its property, and reports the row.
pub(super) fn settle(api: &mut Api, reprs: &[(String, String, JsonRepr)], found: Vec<Disagreement>, diags: &mut Diags) {
    if found.is_empty() {
        return;
    }
    let watch = found.iter().map(|d| (d.owner.clone(), d.property.clone())).collect();
    let keys: BTreeSet<&str> = found.iter().map(|d| d.property.as_str()).collect();
    // (the representation's tags, the examples' tags) of each disagreement, resolved to types.
    let tagged: Vec<(Vec<String>, Vec<String>)> = {
        let checker = Checker::watching(api, watch);
        for op in api.operations.iter().filter(|op| mentions_any(op, &keys)) {
            examples::operation(&checker, op);
        }
        let named = |tag: &String| checker.tagged(tag).map(|t| t.name.clone());
        let shown: Vec<Vec<String>> = found.iter().map(|d| shown_tags(reprs, d).iter().filter_map(named).collect()).collect();
        let seen = checker.seen();
        found
            .iter()
            .zip(shown)
            .map(|(d, shown)| {
                let at = seen.iter().filter(|s| s.holder == d.owner && s.key == d.property);
                (shown, at.flat_map(|s| s.tags.iter()).filter_map(named).collect())
            })
            .collect()
    };
    for (d, (shown, examples)) in found.into_iter().zip(tagged) {
        let Some(p) = api.types.get(&d.owner).and_then(|t| t.properties.iter().find(|p| p.name == d.property)) else { continue };
        let navigation = p.navigation;
        let side = |tags: &[String], of: &str, not: &str| tags.iter().filter(|t| names_side(api, t, of, not)).count();
        let (repr_text, repr_link) = (side(&shown, &d.text, &d.linked), side(&shown, &d.linked, &d.text));
        let (ex_text, ex_link) = (side(&examples, &d.text, &d.linked), side(&examples, &d.linked, &d.text));
        let evidence = |repr: usize, ex: usize| {
            let mut parts = Vec::new();
            if repr > 0 {
                parts.push("its JSON representation".to_string());
            }
            if ex > 0 {
                parts.push(if ex == 1 { "1 example value".to_string() } else { format!("{ex} example values") });
            }
            parts.join(" and ")
        };
        let for_text = repr_text + ex_text > 0 && repr_link + ex_link == 0 && !navigation;
        let (read, why) = if for_text {
            (d.text.clone(), format!("the tags in {} name `{}`", evidence(repr_text, ex_text), d.text))
        } else if repr_link + ex_link > 0 && repr_text + ex_text == 0 {
            (d.linked.clone(), format!("the tags in {} name `{}`", evidence(repr_link, ex_link), d.linked))
        } else if navigation {
            (d.linked.clone(), "a relationship keeps the type its path was read with".to_string())
        } else {
            (d.linked.clone(), "no tag at the property says which".to_string())
        };
        let (key, owner) = (d.property.as_str(), d.owner.as_str());
        let said = format!("the row's link text says `{}` and its link goes to `{}`'s page", d.text, d.linked);
        let Some(t) = api.types.get_mut(owner) else { continue };
        if let Some(p) = t.properties.iter_mut().find(|p| p.name == key) {
            p.r#type.name = read.clone();
        }
        t.settled.link_text.insert(key.to_string(), format!("{said}; {why}: read as `{read}`"));
        let message = format!("the type of `{key}` of `{owner}` is named two ways: {said}; {why}, so it is read as `{read}`");
        diags.push(&d.source.file, d.source.line, Code::LinkTextType, message).token(key);
    }
}

/// The tags the owner's JSON representation shows at the property: the value's, or its
/// elements'.
fn shown_tags(reprs: &[(String, String, JsonRepr)], d: &Disagreement) -> Vec<String> {
    let values = reprs.iter().filter(|(q, _, _)| *q == d.owner).flat_map(|(_, _, r)| r.entries.iter());
    values.filter(|(k, _, _)| *k == d.property).flat_map(|(_, v, _)| tags_of(v)).collect()
}

/// `tagged` is `of`, or derives from it and not from `not`.
fn names_side(api: &Api, tagged: &str, of: &str, not: &str) -> bool {
    let chain = lineage(&api.types, tagged);
    chain.iter().any(|t| t.name == of) && !chain.iter().any(|t| t.name == not)
}
