//! The plan of the generated crate, decided once from the resolved IR before any emitter runs:
//! each operation's module, function name, arguments, body struct and area (cargo feature).
//! The emitters and the OpenAPI export read it; nothing here knows Rust syntax.

use crate::ir::{all_properties, Api, Body, Operation};
use crate::naming::{self, Scope};
use crate::path::{PathTemplate, Piece};
use std::collections::{BTreeMap, BTreeSet};

pub mod areas;

/// The feature of the types no operation reaches.
pub const UNREFERENCED: &str = "unreferenced";

/// One operation's place in the generated crate.
pub struct OpPlan<'a> {
    /// The operation.
    pub op: &'a Operation,
    /// Module under `ops`, from the path's first segment.
    pub module: String,
    /// The request function's name in its module, unique there.
    pub function: String,
    /// One argument per path parameter, in path order.
    pub args: Vec<String>,
    /// Name of the generated parameter struct for action bodies.
    pub body_struct: Option<String>,
    /// The cargo feature the function sits behind: the page's product, as [`areas`] settles it.
    pub area: String,
}

/// A page's product as a cargo feature name: `identity-and-sign-in`; `general` when the page
/// names none.
pub fn area(product: &str) -> String {
    let a: String = product
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let reserved = matches!(
        a.as_str(),
        "" | "full" | "default" | "reqwest" | "reqwest-no-tls" | "reqwest-rustls" | "gzip" | "auth" | "azure-identity" | UNREFERENCED
    );
    if reserved || a.starts_with(|c: char| c.is_ascii_digit()) {
        if a.is_empty() {
            "general".to_string()
        } else {
            format!("area-{a}")
        }
    } else {
        a
    }
}

/// Plan every operation; order of the IR's operation list decides collision suffixes.
pub fn plan(ops: &[Operation]) -> Vec<OpPlan<'_>> {
    let mut scopes: BTreeMap<String, Scope> = BTreeMap::new();
    let areas = areas::of(ops);
    ops.iter()
        .zip(areas)
        .map(|(op, area)| {
            let (root, rest) = split_root(&op.path);
            let module = naming::module_name(&root);
            let scope = scopes.entry(module.clone()).or_default();
            let mut words: Vec<String> = rest.iter().map(|s| naming::snake(s)).collect();
            if let Some(v) = verb(op) {
                words.push(v.to_string());
            }
            if words.is_empty() {
                words.push("get".into());
            }
            let function = scope.claim(naming::snake(&words.join("_")));
            let mut arg_scope = Scope::with(&["body"]);
            let args = op
                .parameters
                .iter()
                .map(|p| {
                    let first = p.name.split('|').next().unwrap_or(&p.name).trim();
                    let base = match &p.function_arg {
                        Some(a) if !a.is_empty() => naming::snake(a),
                        _ => naming::snake(first),
                    };
                    // `{id}` after `groups` is a group's id.
                    let base = if base == "id" && !p.after.is_empty() {
                        naming::snake(&format!("{}_id", naming::singular(p.after.trim_start_matches('$'))))
                    } else {
                        base
                    };
                    arg_scope.claim(base)
                })
                .collect();
            let body_struct = matches!(op.body, Some(Body::Parameters(_)))
                .then(|| scope.claim(format!("{}_body", function)))
                .map(|s| heck::ToUpperCamelCase::to_upper_camel_case(s.as_str()));
            OpPlan { op, module, function, args, body_struct, area }
        })
        .collect()
}

/// The module under `api` of a path: its first literal segment (`/me/messages` → `me`).
pub fn root_module(path: &PathTemplate) -> String {
    naming::module_name(&split_root(path).0)
}

/// The first literal segment names the module; the other literal and function segments name
/// the function. Parameters are left out of the name.
fn split_root(path: &PathTemplate) -> (String, Vec<String>) {
    let mut words = Vec::new();
    for seg in path.segments() {
        let Some(Piece::Text(first)) = seg.pieces.first() else {
            continue;
        };
        let word = first.split('(').next().unwrap_or(first);
        let word = word.trim_matches(|c: char| c == ':' || c == '$' || c == '\'' || c.is_whitespace());
        if word.is_empty() {
            continue;
        }
        // `microsoft.graph.delta` → `delta`.
        let word = word.rsplit('.').next().unwrap_or(word);
        words.push(word.to_string());
    }
    if words.is_empty() {
        return ("root".into(), words);
    }
    let root = words.remove(0);
    (root, words)
}

fn verb(op: &Operation) -> Option<&'static str> {
    let last = op.path.segments().last();
    let ends_in_param = last.is_some_and(|s| s.param_name().is_some());
    let last_is_call = last.is_some_and(|s| s.call_name().is_some() || s.literal().is_some_and(|l| l.contains('.')));
    Some(match op.method.as_str() {
        "GET" if last_is_call => return None,
        "GET" if ends_in_param => "get",
        "GET" if op.response.r#type.as_ref().is_some_and(|t| t.collection) => "list",
        "GET" => "get",
        "POST" if last_is_call || matches!(op.body, Some(Body::Parameters(_))) => return None,
        "POST" => "create",
        "PATCH" => "update",
        "PUT" => "put",
        "DELETE" => "delete",
        _ => "call",
    })
}

/// The areas (cargo features) of the crate and the ones that compile each type and enum. A type
/// belongs to every area whose operations reach it through bodies, responses and structural
/// properties, with the types derived from a structural property's type, and the types derived
/// from an answer or body type that no request takes or answers itself; a navigation property is
/// followed only to a type no request takes or answers (see `reach`), so that an area stays
/// small. Types no operation reaches belong to the area of their page's product, where there is
/// one, else to [`UNREFERENCED`].
pub struct Areas {
    /// Area names, sorted, `unreferenced` included.
    pub areas: Vec<String>,
    /// Qualified type or enum name → the areas that compile it.
    pub of: BTreeMap<String, BTreeSet<String>>,
}

impl Areas {
    /// The areas of an API whose operations are planned as `plans`.
    pub fn compute(api: &Api, plans: &[OpPlan<'_>]) -> Areas {
        let mut seeds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for p in plans {
            let s = seeds.entry(p.area.clone()).or_default();
            let op = p.op;
            s.extend(op.response.r#type.iter().chain(&op.response.monitor).map(|t| t.name.clone()));
            match &op.body {
                Some(Body::Type(t)) => {
                    s.insert(t.name.clone());
                }
                Some(Body::Parameters(ps)) => s.extend(ps.iter().map(|p| p.r#type.name.clone())),
                None => {}
            }
            // An enum a function's argument names (`supportedTimeZones(TimeZoneStandard=..)`)
            // is what the caller passes: compiled with the request.
            let named = op.parameters.iter().filter_map(|p| p.r#type.as_ref()).filter(|t| api.enums.contains_key(&t.name));
            s.extend(named.map(|t| t.name.clone()));
        }
        let below = crate::ir::descendants(&api.types);
        // Types some request takes or answers: each is compiled by the areas of those requests.
        let seeded: BTreeSet<String> = seeds.values().flatten().cloned().collect();
        let mut of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (area, start) in &seeds {
            for n in reach(api, &below, &seeded, start.iter().cloned()) {
                of.entry(n).or_default().insert(area.clone());
            }
        }
        // A type derived from an answer or body type that no request takes or answers itself is
        // one of the values that answer or body holds (`GET .../outcomes` answers points,
        // feedback and rubric outcomes; `GET /me/messages` answers event messages among the
        // messages): it joins the areas of that operation, so a user of the area can match it,
        // whichever other area (a search hit holding any entity) reaches it too. Below a root of
        // the hierarchy (`entity`, which an insight's resource answers) that would be every
        // type: there only the types no area reaches otherwise join.
        let held: Vec<(&String, Vec<String>)> = seeds
            .iter()
            .map(|(area, start)| {
                let (seeded, of) = (&seeded, &of);
                let found = start
                    .iter()
                    .flat_map(|t| {
                        let root = api.types.get(t).is_none_or(|x| x.base.is_none());
                        below.get(t).into_iter().flatten().filter(move |d| !seeded.contains(*d) && (!root || !of.contains_key(*d)))
                    })
                    .cloned()
                    .collect();
                (area, found)
            })
            .collect();
        for (area, found) in held {
            for n in reach(api, &below, &seeded, found.into_iter()) {
                of.entry(n).or_default().insert(area.clone());
            }
        }
        // A type no request reaches joins the area of its page's product, where the crate has
        // one (a change notification, which a webhook receives, is `change-notifications`'),
        // with what it holds; only what no product claims is `unreferenced`.
        let unreached: Vec<&crate::ir::ComplexType> = api.types.values().filter(|t| !of.contains_key(&t.name)).collect();
        let mut by_product: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in unreached.into_iter().filter(|t| !t.product.is_empty()) {
            let a = area(&t.product);
            if seeds.contains_key(&a) {
                by_product.entry(a).or_default().push(t.name.clone());
            }
        }
        for (a, start) in by_product {
            for n in reach(api, &below, &seeded, start.into_iter()) {
                of.entry(n).or_default().insert(a.clone());
            }
        }
        let all = api.types.keys().chain(api.enums.keys());
        let rest: Vec<String> = all.filter(|n| !of.contains_key(*n)).cloned().collect();
        for n in reach(api, &below, &seeded, rest.into_iter()) {
            of.entry(n).or_default().insert(UNREFERENCED.to_string());
        }
        let mut areas: Vec<String> = seeds.into_keys().collect();
        areas.push(UNREFERENCED.to_string());
        areas.sort();
        areas.dedup();
        Areas { areas, of }
    }
}

/// Types and enums reachable from `start` through structural properties (inherited included).
/// A structural property holds any type derived from its own (`call.mediaConfig` is an app- or
/// a service-hosted media config), so those are reached too: a user of the area builds them.
/// A relationship is followed only to a type no request takes or answers (`seeded`): such a
/// type is read with `$expand` and written inside its owner (a message's extended properties),
/// so it is part of the owner; a type with requests of its own stays with their areas.
fn reach(
    api: &Api,
    below: &BTreeMap<String, Vec<String>>,
    seeded: &BTreeSet<String>,
    start: impl Iterator<Item = String>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = start.collect();
    while let Some(n) = stack.pop() {
        let known = api.types.contains_key(&n) || api.enums.contains_key(&n);
        if !known || !seen.insert(n.clone()) {
            continue;
        }
        if api.types.contains_key(&n) {
            for p in all_properties(&api.types, &n) {
                let t = &p.r#type.name;
                if !p.navigation {
                    stack.push(t.clone());
                    // A value typed as the root of the entity hierarchy (a search hit's
                    // `resource`: any entity) would bring in every entity type and their
                    // areas' types: its kinds stay with the areas that compile them, and read
                    // as the base, their JSON kept, where none is on.
                    let any_entity = api.types.get(t).is_some_and(|x| x.kind == crate::ir::TypeKind::Entity && x.base.is_none());
                    if !any_entity {
                        stack.extend(below.get(t).into_iter().flatten().cloned());
                    }
                } else if !seeded.contains(t) {
                    // Not the kinds derived from it: a relationship to any `entity` (an
                    // insight's resource) would bring in every unseeded type.
                    stack.push(t.clone());
                }
            }
        }
    }
    seen
}
