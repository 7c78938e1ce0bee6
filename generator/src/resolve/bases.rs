//! Bases by evidence. A page may name two bases: its annotation's `baseType` and its prose's
//! "Inherits from [x]". `orgContact`'s annotation says `entity`, its text `directoryObject`. The
//! page cannot settle that with itself, so the other pages do: each fact elsewhere that says
//! the type descends from some type `T` (a [`Clue`]) supports each candidate base that is `T` or
//! descends from it. A clue that supports both candidates tells them apart no more than one
//! that supports neither; only the others count, by the pages they are on. The candidate more
//! pages support wins; on a tie (most often: no page says anything) the annotation stays, as
//! before. The contradiction is reported either way (GG0204), saying which side won and why,
//! and the reason is kept in the IR (`ComplexType::settled.base`).
//!
//! Clues, all from pages other than the type's own:
//! - a base type's page listing it among its derived types;
//! - a collection of `T` in another page's property or relationship table whose description
//!   links the type as a member;
//! - an example whose response is documented as `T` (or a collection of it, or a property of
//!   type `T` within it) holding a value whose `@odata.type` is the type;
//! - a bound action or function the type's Methods table lists that `T`'s Methods table lists
//!   too (`checkMemberGroups` on `orgContact` and on `directoryObject`): derived types inherit
//!   their base's bound operations. Create, read, update, delete and list pages do not count.

use super::index::Index;
use crate::diag::{Code, Diags};
use crate::frontend::facts::RawOperation;
use crate::frontend::typecell::BaseExpr;
use crate::frontend::DEFAULT_NAMESPACE;
use crate::ir::{all_properties, lineage, ComplexType, ExampleBody, Source, TypeRef};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A page that names two bases for its type.
pub struct Conflict {
    /// The type (qualified).
    pub ty: String,
    /// The annotation's `baseType`, resolved.
    pub annotation: String,
    /// The prose's base, resolved.
    pub text: String,
}

/// A fact on some page saying that `derived` descends from `ancestor`.
#[derive(Debug, Clone)]
pub struct Clue {
    /// The type the fact is about.
    pub derived: String,
    /// A type it descends from (directly or not).
    pub ancestor: String,
    /// What the fact is, in a few words (for the finding and the IR).
    pub what: String,
    /// Where it is.
    pub at: Source,
}

/// Pick each conflicting type's base by the clues; record why and report the contradiction.
pub fn settle(
    types: &mut BTreeMap<String, ComplexType>,
    conflicts: &[Conflict],
    clues: &[Clue],
    methods: &BTreeMap<String, Vec<String>>,
    diags: &mut Diags,
) {
    for c in conflicts {
        let Some(own) = types.get(&c.ty).map(|t| t.source.clone()) else { continue };
        let chain = |b: &str| -> BTreeSet<String> {
            let mut s: BTreeSet<String> = lineage(types, b).iter().map(|t| t.name.clone()).collect();
            s.insert(b.to_string());
            s
        };
        let (for_annotation, for_text) = (chain(&c.annotation), chain(&c.text));
        let mut mine: Vec<Clue> = clues.iter().filter(|k| k.derived == c.ty && k.at.file != own.file).cloned().collect();
        for t in for_annotation.union(&for_text) {
            mine.extend(shared_actions(&c.ty, t, types, methods));
        }
        let side = |chain: &BTreeSet<String>, other: &BTreeSet<String>| -> Vec<&Clue> {
            let mut v: Vec<&Clue> = mine.iter().filter(|k| chain.contains(&k.ancestor) && !other.contains(&k.ancestor)).collect();
            v.sort_by(|a, b| (&a.at, &a.what).cmp(&(&b.at, &b.what)));
            v.dedup_by(|a, b| a.at == b.at && a.what == b.what);
            v
        };
        let (a, t) = (side(&for_annotation, &for_text), side(&for_text, &for_annotation));
        let pages = |v: &[&Clue]| v.iter().map(|k| k.at.file.as_str()).collect::<BTreeSet<_>>().len();
        let (na, nt) = (pages(&a), pages(&t));
        let (base, won, why) = if nt > na {
            (&c.text, "the text", t.clone())
        } else if na > nt {
            (&c.annotation, "the annotation", a.clone())
        } else {
            (&c.annotation, "the annotation", Vec::new())
        };
        let loser = if base == &c.text { &c.annotation } else { &c.text };
        let because = if na == nt {
            match na {
                0 => "no other page tells the two apart, so the annotation stays".to_string(),
                n => format!("other pages support both equally ({n} page{} each), so the annotation stays", plural(n)),
            }
        } else {
            let shown: Vec<&str> = why.iter().map(|k| k.what.as_str()).take(3).collect();
            let more = if why.len() > 3 { format!("; and {} more", why.len() - 3) } else { String::new() };
            let (w, l) = (na.max(nt), na.min(nt));
            format!("{w} other page{} support{} it, {l} `{loser}`: {}{more}", plural(w), if w == 1 { "s" } else { "" }, shown.join("; "))
        };
        let d = diags.push(
            &own.file,
            own.line,
            Code::BaseTypeConflict,
            format!(
                "the annotation says base type `{}` but the text says it inherits from `{}`; using `{base}` ({won}): {because}",
                c.annotation, c.text
            ),
        );
        d.token("baseType");
        for k in why.iter().take(5) {
            d.also(&k.at.file, k.at.line, k.what.clone());
        }
        if let Some(ty) = types.get_mut(&c.ty) {
            ty.base = Some(base.clone()).filter(|b| b != &c.ty);
            ty.settled.base = Some(format!("the annotation says `{}`, the text `{}`; `{base}` ({won}): {because}", c.annotation, c.text));
        }
    }
}

/// A type whose page names no base, where examples on other pages tag values at places of some
/// type `T` with it (`"@odata.type": "#microsoft.graph.userIdentity"` as an access review
/// decision's `principal`, an `identity`), and which holds every property of `T`: a kind of `T`.
/// Without the base such a value decodes as a plain `T`, its own fields left in
/// `additional_properties`. Of several such `T`, the most derived; none when they are
/// unrelated. Only examples count: a description linking the type beside a collection of `T`
/// (`mobileApp` beside its `mobileAppCategory` list) says nothing of kinds. Reported (GG0208):
/// its page should say what it inherits from.
pub fn unstated(types: &mut BTreeMap<String, ComplexType>, clues: &[Clue], diags: &mut Diags) {
    let mut found: Vec<(String, String, Vec<&Clue>)> = Vec::new();
    for (name, t) in types.iter().filter(|(_, t)| t.base.is_none()) {
        let mine: Vec<&Clue> = clues.iter().filter(|k| &k.derived == name && k.at.file != t.source.file && &k.ancestor != name).collect();
        if mine.is_empty() {
            continue;
        }
        let own: BTreeSet<String> = t.properties.iter().map(|p| p.name.to_ascii_lowercase()).collect();
        let holds = |a: &str| {
            let theirs = all_properties(types, a);
            !theirs.is_empty() && theirs.iter().all(|p| own.contains(&p.name.to_ascii_lowercase()))
        };
        // A candidate that descends from the type would make a loop.
        let candidates: BTreeSet<&str> =
            mine.iter().map(|k| k.ancestor.as_str()).filter(|a| holds(a) && !lineage(types, a).iter().any(|x| &x.name == name)).collect();
        let pick = candidates.iter().find(|c| {
            let chain: BTreeSet<&str> = lineage(types, c).iter().map(|x| x.name.as_str()).collect();
            candidates.iter().all(|o| chain.contains(o))
        });
        if let Some(p) = pick {
            found.push((name.clone(), p.to_string(), mine.into_iter().filter(|k| k.ancestor == **p).collect()));
        }
    }
    for (name, base, why) in found {
        let Some(t) = types.get_mut(&name) else { continue };
        let what = why.first().map_or(String::new(), |k| format!(" ({}, {}:{})", k.what, k.at.file, k.at.line));
        let d = diags.push(
            &t.source.file,
            t.source.line,
            Code::BaseFromBasePage,
            format!("the page of `{name}` names no base type; examples answer it where a `{base}` goes, and it has every property of `{base}` (read as its base)"),
        );
        for k in why.iter().take(3) {
            d.also(&k.at.file, k.at.line, k.what.clone());
        }
        t.settled.base =
            Some(format!("its page names no base; examples answer it where a `{base}` goes{what}, and it has every property of `{base}`"));
        t.base = Some(base);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The bound actions and functions `d`'s Methods table shares with `t`'s (see the module
/// docs): one clue that `d` descends from `t`, naming them, when there are any.
fn shared_actions(d: &str, t: &str, types: &BTreeMap<String, ComplexType>, methods: &BTreeMap<String, Vec<String>>) -> Vec<Clue> {
    let simple = |q: &str| q.rsplit('.').next().unwrap_or(q).to_ascii_lowercase();
    let (ds, ts) = (simple(d), simple(t));
    if d == t {
        return Vec::new();
    }
    let actions = |q: &str, prefix: &str| -> BTreeSet<String> {
        methods.get(q).into_iter().flatten().filter_map(|stem| action(stem, prefix)).collect()
    };
    let theirs = actions(t, &ts);
    // The type's own action pages, and any of `t`'s action pages its table links.
    let ours: BTreeSet<String> = actions(d, &ds).into_iter().chain(actions(d, &ts)).collect();
    let shared: Vec<String> = ours.intersection(&theirs).map(|a| format!("`{a}`")).collect();
    let Some(at) = types.get(t).map(|x| x.source.clone()).filter(|_| !shared.is_empty()) else { return Vec::new() };
    let what = format!("the page of `{t}` lists the bound operation{} {} too", plural(shared.len()), shared.join(", "));
    vec![Clue { derived: d.to_string(), ancestor: t.to_string(), what, at }]
}

/// `directoryobject-checkmembergroups` with prefix `directoryobject` → `checkmembergroups`;
/// none for the pages that read or write the type itself or its relationships.
fn action(stem: &str, prefix: &str) -> Option<String> {
    let rest = stem.strip_prefix(prefix)?.strip_prefix('-')?;
    let crud = ["get", "list", "update", "delete", "create", "post", "put", "upsert", "add", "remove"];
    (!rest.is_empty() && !rest.contains('-') && !crud.contains(&rest)).then(|| rest.to_string())
}

/// Clues from example responses: a value whose `@odata.type` names another type than the one
/// documented at its place. Each example is read against the operation of its page it calls
/// (else the page's first).
pub fn example_clues(ops: &[RawOperation], types: &BTreeMap<String, ComplexType>, index: &Index) -> Vec<Clue> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < ops.len() {
        let file = &ops[start].source.file;
        let len = ops[start..].iter().take_while(|o| &o.source.file == file).count().max(1);
        let page = &ops[start..start + len];
        start += len;
        for ex in page.iter().flat_map(|o| &o.examples) {
            let Some(resp) = &ex.response else { continue };
            let Some(ExampleBody::Json(body)) = &resp.body else { continue };
            let op = ex
                .request
                .as_ref()
                .and_then(|r| page.iter().find(|o| o.method == r.method && o.path.matches(&r.path).is_some()))
                .unwrap_or(&page[0]);
            let Some(declared) = declared(op, index) else { continue };
            let mut walk = Walk { types, index, at: &resp.source, out: &mut out };
            match body {
                Value::Object(m) if declared.collection => {
                    if let Some(Value::Array(items)) = m.get("value") {
                        items.iter().for_each(|i| walk.value(i, &declared.name, 0));
                    }
                }
                v => walk.value(v, &declared.name, 0),
            }
        }
    }
    out
}

/// The type an operation's page documents its answer as.
fn declared(op: &RawOperation, index: &Index) -> Option<TypeRef> {
    if let Some(a) = &op.response.annotated {
        let t = TypeRef::parse(a);
        return index.lookup(&t.name, DEFAULT_NAMESPACE).map(|name| TypeRef { name, collection: t.collection });
    }
    let e = op.response.stated.as_ref()?;
    let BaseExpr::Named { name, target } = &e.base else { return None };
    index.linked(name, target.as_deref(), DEFAULT_NAMESPACE).map(|name| TypeRef { name, collection: e.collection })
}

struct Walk<'a> {
    types: &'a BTreeMap<String, ComplexType>,
    index: &'a Index,
    at: &'a Source,
    out: &'a mut Vec<Clue>,
}

impl Walk<'_> {
    fn value(&mut self, v: &Value, declared: &str, depth: usize) {
        if depth > 32 || !self.types.contains_key(declared) {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.value(i, declared, depth + 1)),
            Value::Object(m) => {
                let tagged = m.get("@odata.type").and_then(Value::as_str).and_then(|s| self.index.lookup(s, DEFAULT_NAMESPACE));
                let mut ty = declared.to_string();
                if let Some(d) = tagged.filter(|d| self.types.contains_key(d)) {
                    if d != declared {
                        self.out.push(Clue {
                            derived: d.clone(),
                            ancestor: declared.to_string(),
                            what: format!("an example answering `{declared}` holds a `{d}`"),
                            at: self.at.clone(),
                        });
                    }
                    ty = d;
                }
                let props = all_properties(self.types, &ty);
                for (k, v) in m {
                    if let Some(p) = props.iter().find(|p| &p.name == k) {
                        let inner = p.r#type.name.clone();
                        self.value(v, &inner, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Clues from base pages' listings and from member mentions in other pages' tables.
pub fn listed(listings: &[super::derived::Listing], mentions: &[(String, String, Source)]) -> Vec<Clue> {
    let mut out = Vec::new();
    for l in listings {
        for (d, line) in &l.derived {
            out.push(Clue {
                derived: d.clone(),
                ancestor: l.base.clone(),
                what: format!("the page of `{}` lists it among its derived types", l.base),
                at: Source { file: l.file.clone(), line: *line },
            });
        }
    }
    for (member, collection, at) in mentions {
        out.push(Clue {
            derived: member.clone(),
            ancestor: collection.clone(),
            what: format!("a `{collection}` collection there names it as a member"),
            at: at.clone(),
        });
    }
    out
}
