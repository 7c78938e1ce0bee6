//! Item-by-item comparison of two APIs: types and their properties, enums and their members,
//! operations with their bodies, answers, parameters and request functions, and the areas
//! that compile each.

use super::{Change, Kind};
use crate::ir::{Api, Body, ComplexType, EnumType, Operation, Property, Source};
use crate::plan::{self, Areas, OpPlan};
use std::collections::BTreeMap;

/// The group of the types and enums that several features compile.
pub const SHARED: &str = "shared";

/// One side of the comparison: the API with its plan and areas.
struct Side<'a> {
    api: &'a Api,
    plans: BTreeMap<(crate::ir::HttpMethod, String), OpPlan<'a>>,
    /// Each endpoint's call as the crate spells it (`me().messages().id(message_id).get()`)
    /// and its action's body struct: what a user's code names.
    calls: BTreeMap<(crate::ir::HttpMethod, String), (String, Option<String>)>,
    areas: Areas,
}

impl<'a> Side<'a> {
    fn new(api: &'a Api) -> Side<'a> {
        let planned = plan::plan(&api.operations);
        let areas = Areas::compute(api, &planned);
        let tree = crate::emit::request_tree(&planned, &crate::urlspace::UrlSpace::of(api));
        let calls = planned
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (node, leaf) = tree.calls.get(i).map(|c| c.leaf).unwrap_or_default();
                let body = tree.nodes.get(node).and_then(|n| n.leaves.get(leaf)).and_then(|l| l.body_struct.clone());
                ((p.op.method, p.op.path.key()), (tree.call_text(i), body))
            })
            .collect();
        let plans = planned.into_iter().map(|p| ((p.op.method, p.op.path.key()), p)).collect();
        Side { api, plans, calls, areas }
    }

    /// The endpoint's call as the crate spells it, with its action's body struct.
    fn call(&self, p: &OpPlan<'_>) -> (String, Option<String>) {
        self.calls.get(&(p.op.method, p.op.path.key())).cloned().unwrap_or_default()
    }

    /// The area a type or enum is grouped under: the one feature that compiles it, or
    /// [`SHARED`] when several do.
    fn area_of(&self, q: &str) -> String {
        match self.areas.of.get(q).map(|a| a.iter().collect::<Vec<_>>()).as_deref() {
            Some([one]) => one.to_string(),
            Some([_, _, ..]) => SHARED.to_string(),
            _ => plan::UNREFERENCED.to_string(),
        }
    }
}

/// Collects changes of one version.
struct Out<'a> {
    version: &'a str,
    changes: Vec<Change>,
}

impl Out<'_> {
    fn push(&mut self, area: &str, kind: Kind, item: &str, detail: String, old: Option<&Source>, new: Option<&Source>) {
        self.changes.push(Change {
            version: self.version.to_string(),
            area: area.to_string(),
            features: Vec::new(),
            kind,
            item: item.to_string(),
            detail,
            old: old.cloned(),
            new: new.cloned(),
        });
    }
}

/// Every change from `old` to `new`, unsorted, renames not yet paired.
pub fn apis(old: &Api, new: &Api) -> Vec<Change> {
    // Each side's plan and areas are worked out on a thread of its own.
    let (o, n) = std::thread::scope(|scope| {
        let o = scope.spawn(|| Side::new(old));
        let n = Side::new(new);
        (o.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), n)
    });
    let mut out = Out { version: &new.version, changes: Vec::new() };
    types(&o, &n, &mut out);
    enums(&o, &n, &mut out);
    operations(&o, &n, &mut out);
    areas(&o, &n, &mut out);
    // A `shared` item names the features that compile it: the type's (or its property's
    // type's) areas on the side that has it.
    for c in out.changes.iter_mut().filter(|c| c.area == SHARED) {
        let ty = [c.item.as_str(), c.item.rsplit_once('.').map_or("", |(t, _)| t)];
        let of =
            |side: &Side<'_>| ty.iter().find_map(|t| side.areas.of.get(*t)).map(|a| a.iter().map(|f| f.to_string()).collect::<Vec<_>>());
        c.features = of(&n).or_else(|| of(&o)).unwrap_or_default();
    }
    out.changes
}

fn types(o: &Side<'_>, n: &Side<'_>, out: &mut Out<'_>) {
    for (q, t) in &o.api.types {
        match n.api.types.get(q) {
            None => out.push(&o.area_of(q), Kind::TypeRemoved, q, format!("type `{q}` is gone"), Some(&t.source), None),
            Some(u) => {
                let before = out.changes.len();
                let area = n.area_of(q);
                type_pair(t, u, &area, out);
                unexplained(before, (t, u), q, &area, (Some(&t.source), Some(&u.source)), out);
            }
        }
    }
    for (q, u) in n.api.types.iter().filter(|(q, _)| !o.api.types.contains_key(*q)) {
        out.push(&n.area_of(q), Kind::TypeAdded, q, format!("type `{q}` is new"), None, Some(&u.source));
    }
}

fn type_pair(t: &ComplexType, u: &ComplexType, area: &str, out: &mut Out<'_>) {
    let q = &t.name;
    let (a, b) = (Some(&t.source), Some(&u.source));
    if t.base != u.base {
        let show = |b: &Option<String>| b.clone().unwrap_or_else(|| "none".into());
        out.push(area, Kind::BaseChanged, q, format!("base type `{}` → `{}`", show(&t.base), show(&u.base)), a, b);
    }
    if (t.r#abstract, t.open, t.kind) != (u.r#abstract, u.open, u.kind) {
        let flags =
            |c: &ComplexType| format!("{:?}{}{}", c.kind, if c.r#abstract { ", abstract" } else { "" }, if c.open { ", open" } else { "" });
        out.push(area, Kind::FlagsChanged, q, format!("{} → {}", flags(t), flags(u)), a, b);
    }
    if t.values != u.values {
        let show = |v: &Option<crate::ir::TypeRef>| v.as_ref().map_or("any JSON".into(), |v| format!("`{v}`"));
        let kind = if t.values.is_none() { Kind::ValuesTyped } else { Kind::ValuesChanged };
        out.push(area, kind, q, format!("its values, keyed by data: {} → {}", show(&t.values), show(&u.values)), a, b);
    }
    if t.description != u.description {
        out.push(area, Kind::Described, q, "description changed".into(), a, b);
    }
    let by_name = |ps: &[Property]| -> BTreeMap<String, Property> { ps.iter().map(|p| (p.name.clone(), p.clone())).collect() };
    let (old, new) = (by_name(&t.properties), by_name(&u.properties));
    for (name, p) in &old {
        let item = format!("{q}.{name}");
        match new.get(name) {
            None => out.push(area, Kind::PropertyRemoved, &item, format!("property `{name}` ({}) is gone", p.r#type), Some(&p.source), b),
            Some(r) => property_pair(p, r, &item, area, out),
        }
    }
    for (name, r) in new.iter().filter(|(n, _)| !old.contains_key(*n)) {
        out.push(
            area,
            Kind::PropertyAdded,
            &format!("{q}.{name}"),
            format!("property `{name}` ({}) is new", r.r#type),
            None,
            Some(&r.source),
        );
    }
}

fn property_pair(p: &Property, r: &Property, item: &str, area: &str, out: &mut Out<'_>) {
    let (a, b) = (Some(&p.source), Some(&r.source));
    if p.r#type.name != r.r#type.name {
        out.push(area, Kind::PropertyRetyped, item, format!("type `{}` → `{}`", p.r#type, r.r#type), a, b);
    } else if p.r#type.collection != r.r#type.collection {
        let what = |c: bool| if c { "a collection" } else { "one value" };
        out.push(area, Kind::PropertyCardinality, item, format!("{} → {}", what(p.r#type.collection), what(r.r#type.collection)), a, b);
    }
    if p.navigation != r.navigation {
        let what = |nav: bool| if nav { "a relationship" } else { "a structural property" };
        out.push(area, Kind::PropertyNavigation, item, format!("{} → {}", what(p.navigation), what(r.navigation)), a, b);
    }
    if p.description != r.description || p.read_only != r.read_only {
        out.push(area, Kind::Described, item, "description changed".into(), a, b);
    }
}

fn enums(o: &Side<'_>, n: &Side<'_>, out: &mut Out<'_>) {
    for (q, e) in &o.api.enums {
        match n.api.enums.get(q) {
            None => out.push(&o.area_of(q), Kind::EnumRemoved, q, format!("enum `{q}` is gone"), Some(&e.source), None),
            Some(f) => {
                let before = out.changes.len();
                let area = n.area_of(q);
                enum_pair(e, f, &area, out);
                unexplained(before, (e, f), q, &area, (Some(&e.source), Some(&f.source)), out);
            }
        }
    }
    for (q, f) in n.api.enums.iter().filter(|(q, _)| !o.api.enums.contains_key(*q)) {
        out.push(&n.area_of(q), Kind::EnumAdded, q, format!("enum `{q}` is new"), None, Some(&f.source));
    }
}

fn enum_pair(e: &EnumType, f: &EnumType, area: &str, out: &mut Out<'_>) {
    let (a, b) = (Some(&e.source), Some(&f.source));
    // The crate reads this one: a flags enum splits and joins its members.
    if e.flags != f.flags {
        let kind = if f.flags { Kind::EnumFlagsSet } else { Kind::EnumFlagsCleared };
        out.push(area, kind, &e.name, format!("flags {} → {}", e.flags, f.flags), a, b);
    }
    for m in &e.members {
        let item = format!("{}.{}", e.name, m.name);
        match f.members.iter().find(|x| x.name == m.name) {
            None => out.push(area, Kind::MemberRemoved, &item, format!("member `{}` is gone", m.name), a, b),
            Some(x) if x.description != m.description || x.value != m.value => {
                out.push(area, Kind::Described, &item, "description or value changed".into(), a, b)
            }
            Some(_) => {}
        }
    }
    for m in f.members.iter().filter(|m| !e.members.iter().any(|x| x.name == m.name)) {
        out.push(area, Kind::MemberAdded, &format!("{}.{}", e.name, m.name), format!("member `{}` is new", m.name), a, b);
    }
}

fn operations(o: &Side<'_>, n: &Side<'_>, out: &mut Out<'_>) {
    for (key, p) in &o.plans {
        let item = format!("{} {}", p.op.method, p.op.path);
        match n.plans.get(key) {
            None => out.push(&p.area, Kind::OperationRemoved, &item, format!("`{}` is gone", o.call(p).0), Some(&p.op.source), None),
            Some(q) => operation_pair((p, o.call(p)), (q, n.call(q)), out),
        }
    }
    for (_, q) in n.plans.iter().filter(|(k, _)| !o.plans.contains_key(*k)) {
        let item = format!("{} {}", q.op.method, q.op.path);
        out.push(&q.area, Kind::OperationAdded, &item, format!("`{}` is new", n.call(q).0), None, Some(&q.op.source));
    }
}

fn operation_pair((p, was): (&OpPlan<'_>, (String, Option<String>)), (q, is): (&OpPlan<'_>, (String, Option<String>)), out: &mut Out<'_>) {
    let (x, y) = (p.op, q.op);
    let item = format!("{} {}", y.method, y.path);
    let (a, b) = (Some(&x.source), Some(&y.source));
    let area = q.area.as_str();
    let pushed = out.changes.len();
    let name = |(call, body): &(String, Option<String>)| format!("{call}{}", body.as_ref().map(|s| format!(" ({s})")).unwrap_or_default());
    // Arguments are positional: a call whose methods, arity and body struct stay is the same
    // call, its parameters only named otherwise (the pages' `{application-id}`, `{id}`).
    let shape = |(call, body): &(String, Option<String>)| (positional(call), body.clone());
    if shape(&was) != shape(&is) {
        out.push(area, Kind::FunctionRenamed, &item, format!("`{}` → `{}`", name(&was), name(&is)), a, b);
    } else if was != is {
        out.push(area, Kind::Described, &item, format!("arguments named otherwise: `{}` → `{}`", name(&was), name(&is)), a, b);
    }
    if p.area != q.area {
        out.push(&p.area, Kind::AreaRemoved, &item, format!("moved from feature `{}` to `{}`", p.area, q.area), a, b);
    }
    body(x, y, &item, area, out);
    let answer = |o: &Operation| (o.response.r#type.clone(), o.response.monitor.clone(), o.response.status == 204);
    if answer(x) != answer(y) {
        let show = |o: &Operation| match (&o.response.r#type, &o.response.monitor) {
            (Some(t), _) => format!("`{t}`"),
            (None, Some(m)) => format!("an operation to poll (`{m}`)"),
            (None, None) => "no content".into(),
        };
        out.push(area, Kind::AnswerChanged, &item, format!("answers {} → {}", show(x), show(y)), a, b);
    } else if x.response.status != y.response.status {
        out.push(area, Kind::Described, &item, format!("success status {} → {}", x.response.status, y.response.status), a, b);
    }
    if x.path.as_str() != y.path.as_str() {
        out.push(area, Kind::Described, &item, format!("path spelled `{}` → `{}`", x.path, y.path), a, b);
    }
    if x.title != y.title {
        out.push(area, Kind::Described, &item, "title changed".into(), a, b);
    }
    // Each row with its own line where it has one (a query parameter's table row).
    let rows = |o: &'_ Operation| -> BTreeMap<String, Option<Source>> {
        let mut s = BTreeMap::new();
        s.extend(o.parameters.iter().map(|p| (format!("path parameter `{}`", p.name), None)));
        s.extend(o.query_options.iter().map(|q| (format!("query option `{q}`"), None)));
        s.extend(o.query_parameters.iter().map(|q| (format!("query parameter `{}`", q.name), Some(q.source.clone()))));
        s.extend(o.headers.iter().map(|h| (format!("request header `{}`", h.name), None)));
        s
    };
    let (before, after) = (rows(x), rows(y));
    for (gone, at) in before.iter().filter(|(k, _)| !after.contains_key(*k)) {
        out.push(area, Kind::ParameterRemoved, &item, format!("{gone} is gone"), at.as_ref().or(a), b);
    }
    for (added, at) in after.iter().filter(|(k, _)| !before.contains_key(*k)) {
        out.push(area, Kind::ParameterAdded, &item, format!("{added} is new"), a, at.as_ref().or(b));
    }
    if x.query_options == y.query_options && x.settled.query_options != y.settled.query_options {
        let why = y.settled.query_options.as_deref().unwrap_or("the page names them itself");
        out.push(
            area,
            Kind::Described,
            &item,
            format!("the page states its query options otherwise; the options it takes are the same: {why}"),
            a,
            b,
        );
    }
    for e in super::details::examples(&x.examples, &y.examples) {
        out.push(area, e.kind, &item, e.detail, e.old.as_ref().or(a), e.new.as_ref().or(b));
    }
    // Examples were compared above, as the pages write them.
    if out.changes.len() == pushed && x != y {
        let bare = |o: &Operation| Operation { examples: Vec::new(), ..o.clone() };
        unexplained(pushed, (&bare(x), &bare(y)), &item, area, (a, b), out);
    }
}

/// Whatever else two sides of one item hold differently, when nothing above named a change
/// of it: evidence notes, spellings kept for docs (one docs-only change naming the fields).
fn unexplained<T: serde::Serialize>(
    before: usize,
    (x, y): (&T, &T),
    item: &str,
    area: &str,
    (a, b): (Option<&Source>, Option<&Source>),
    out: &mut Out<'_>,
) {
    if out.changes.len() > before {
        return;
    }
    let fields = super::details::differing_fields(x, y);
    if !fields.is_empty() {
        let named = fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
        out.push(area, Kind::Described, item, format!("other details of the IR changed: {named}"), a, b);
    }
}

/// What the request sends: one type, or the fields of an action's parameter struct.
fn body(x: &Operation, y: &Operation, item: &str, area: &str, out: &mut Out<'_>) {
    let (a, b) = (Some(&x.source), Some(&y.source));
    match (&x.body, &y.body) {
        (Some(Body::Parameters(ps)), Some(Body::Parameters(qs))) => {
            for p in ps {
                match qs.iter().find(|q| q.name == p.name) {
                    None => out.push(area, Kind::BodyChanged, item, format!("body parameter `{}` is gone", p.name), a, b),
                    Some(q) if q.r#type != p.r#type => out.push(
                        area,
                        Kind::BodyChanged,
                        item,
                        format!("body parameter `{}`: `{}` → `{}`", p.name, p.r#type, q.r#type),
                        a,
                        b,
                    ),
                    Some(q) if q.description != p.description => {
                        out.push(area, Kind::Described, item, format!("body parameter `{}` described otherwise", p.name), a, b)
                    }
                    Some(_) => {}
                }
            }
            for q in qs.iter().filter(|q| !ps.iter().any(|p| p.name == q.name)) {
                out.push(area, Kind::BodyParameterAdded, item, format!("body parameter `{}` ({}) is new", q.name, q.r#type), a, b);
            }
        }
        (l, r) if l != r => {
            let show = |body: &Option<Body>| match body {
                None => "no body".to_string(),
                Some(Body::Type(t)) => format!("`{t}`"),
                Some(Body::Parameters(ps)) => format!("{} parameters", ps.len()),
            };
            out.push(area, Kind::BodyChanged, item, format!("sends {} → {}", show(l), show(r)), a, b);
        }
        _ => {}
    }
}

/// Types and enums compiled by other features than before (operations' moves are reported with
/// the operation).
fn areas(o: &Side<'_>, n: &Side<'_>, out: &mut Out<'_>) {
    for (q, before) in &o.areas.of {
        let Some(after) = n.areas.of.get(q) else { continue };
        let source = |api: &Api| api.types.get(q).map(|t| t.source.clone()).or_else(|| api.enums.get(q).map(|e| e.source.clone()));
        let (a, b) = (source(o.api), source(n.api));
        for lost in before.difference(after) {
            out.push(lost, Kind::AreaRemoved, q, format!("no longer compiled by feature `{lost}`"), a.as_ref(), b.as_ref());
        }
        for gained in after.difference(before) {
            out.push(gained, Kind::AreaAdded, q, format!("now compiled by feature `{gained}` too"), a.as_ref(), b.as_ref());
        }
    }
}

/// A call with each argument written `_`: `users().id(_).get()`.
fn positional(call: &str) -> String {
    let mut out = String::with_capacity(call.len());
    let mut arg = String::new();
    let mut depth = 0usize;
    for c in call.chars() {
        match c {
            '(' => {
                depth += 1;
                out.push(c);
            }
            ')' | ',' if depth > 0 => {
                if !arg.trim().is_empty() {
                    out.push('_');
                }
                arg.clear();
                if c == ')' {
                    depth -= 1;
                }
                out.push(c);
            }
            _ if depth > 0 => arg.push(c),
            _ => out.push(c),
        }
    }
    out
}
