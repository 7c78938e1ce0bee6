//! Likely renames: an item that disappears while one of the same shape appears nearby is one
//! change, not two unrelated ones. Shapes: a property's type on the same structured type; a
//! type's base and property names and types; an enum's member names. Only an unambiguous
//! pair is joined: when several added items fit, the one on the same page and nearest line
//! wins, and ties leave both changes as they are.

use super::{Change, Kind};
use crate::ir::{Api, ComplexType, Source};

/// Joins removed and added items of the same shape into renames, in place.
pub fn pair(changes: &mut Vec<Change>, old: &Api, new: &Api) {
    let mut joined: Vec<Change> = Vec::new();
    let mut used = vec![false; changes.len()];
    // Changes by kind, so that each removed item is weighed against the added ones only.
    let mut by_kind: std::collections::HashMap<Kind, Vec<usize>> = std::collections::HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        by_kind.entry(c.kind).or_default().push(i);
    }
    let none = Vec::new();
    for i in 0..changes.len() {
        let gone = &changes[i];
        let Some(added_kind) = counterpart(gone.kind) else { continue };
        let candidates: Vec<usize> = by_kind
            .get(&added_kind)
            .unwrap_or(&none)
            .iter()
            .copied()
            .filter(|&j| !used[j] && same_shape(gone, &changes[j], old, new))
            .collect();
        let Some(j) = nearest(gone, &candidates, changes) else { continue };
        // The added item must not fit another removed one as well or better.
        let mut rivals = by_kind.get(&gone.kind).unwrap_or(&none).iter().copied().filter(|&k| k != i && !used[k]);
        if rivals
            .any(|k| same_shape(&changes[k], &changes[j], old, new) && distance(&changes[k], &changes[j]) <= distance(gone, &changes[j]))
        {
            continue;
        }
        used[i] = true;
        used[j] = true;
        let added = &changes[j];
        joined.push(Change {
            version: gone.version.clone(),
            area: added.area.clone(),
            features: added.features.clone(),
            kind: renamed(gone.kind),
            item: gone.item.clone(),
            detail: format!("`{}` → `{}` (same shape; likely renamed)", last(&gone.item), last(&added.item)),
            old: gone.old.clone(),
            new: added.new.clone(),
        });
    }
    let mut i = 0;
    changes.retain(|_| {
        i += 1;
        !used[i - 1]
    });
    changes.extend(joined);
}

fn counterpart(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::PropertyRemoved => Some(Kind::PropertyAdded),
        Kind::TypeRemoved => Some(Kind::TypeAdded),
        Kind::EnumRemoved => Some(Kind::EnumAdded),
        _ => None,
    }
}

fn renamed(kind: Kind) -> Kind {
    match kind {
        Kind::TypeRemoved => Kind::TypeRenamed,
        Kind::EnumRemoved => Kind::EnumRenamed,
        _ => Kind::PropertyRenamed,
    }
}

/// The last dotted part of an item (`displayName` of `microsoft.graph.user.displayName`).
fn last(item: &str) -> &str {
    item.rsplit('.').next().unwrap_or(item)
}

/// The structured type an item's property belongs to (`microsoft.graph.user`).
fn owner(item: &str) -> &str {
    item.rsplit_once('.').map_or(item, |(o, _)| o)
}

fn same_shape(gone: &Change, added: &Change, old: &Api, new: &Api) -> bool {
    match gone.kind {
        Kind::PropertyRemoved => {
            let ty = |api: &Api, item: &str| {
                api.types.get(owner(item)).and_then(|t| t.properties.iter().find(|p| p.name == last(item))).map(|p| p.r#type.clone())
            };
            owner(&gone.item) == owner(&added.item) && ty(old, &gone.item).is_some_and(|t| Some(t) == ty(new, &added.item))
        }
        Kind::TypeRemoved => match (old.types.get(&gone.item), new.types.get(&added.item)) {
            (Some(a), Some(b)) => a.properties.len() == b.properties.len() && !a.properties.is_empty() && shape(a) == shape(b),
            _ => false,
        },
        Kind::EnumRemoved => match (old.enums.get(&gone.item), new.enums.get(&added.item)) {
            (Some(a), Some(b)) => {
                let names = |e: &crate::ir::EnumType| e.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
                names(a) == names(b) && !a.members.is_empty()
            }
            _ => false,
        },
        _ => false,
    }
}

/// A type's shape: its base and its properties' names and types, in order.
fn shape(t: &ComplexType) -> (Option<&String>, Vec<(&str, &crate::ir::TypeRef)>) {
    (t.base.as_ref(), t.properties.iter().map(|p| (p.name.as_str(), &p.r#type)).collect())
}

/// How far apart two changes' places are: another page counts more than any line distance.
fn distance(gone: &Change, added: &Change) -> u64 {
    let place = |s: &Option<Source>| s.as_ref().map(|s| (s.file.clone(), s.line));
    match (place(&gone.old), place(&added.new)) {
        (Some((f, l)), Some((g, m))) if f.rsplit('/').next() == g.rsplit('/').next() => u64::from(l.abs_diff(m)),
        _ => u64::from(u32::MAX),
    }
}

/// The candidate nearest the removed item, when one is strictly nearest.
fn nearest(gone: &Change, candidates: &[usize], changes: &[Change]) -> Option<usize> {
    let mut by: Vec<(u64, usize)> = candidates.iter().map(|&j| (distance(gone, &changes[j]), j)).collect();
    by.sort();
    match by.as_slice() {
        [] => None,
        [(_, j)] => Some(*j),
        [(d, j), (e, _), ..] => (d < e).then_some(*j),
    }
}
