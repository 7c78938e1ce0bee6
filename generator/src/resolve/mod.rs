//! Resolution across pages: type names, links, bases, enums from descriptions, duplicates.
//! Input is every page's facts in file order; output is one [`Api`] of the IR.

mod action_shapes;
mod answer_kinds;
mod bases;
mod body_binds;
mod body_elements;
mod body_table;
mod call_forms;
mod call_name;
mod cardinality;
mod derived;
mod dictionaries;
mod empty_answer;
mod enum_evidence;
mod example_body;
mod example_owner;
mod examples;
pub mod function_args;
mod index;
mod json_repr;
mod keyed_sets;
mod keys;
mod link_text;
mod lone_values;
mod missing_key;
mod monitor_url;
mod multi_status;
mod name_case;
mod named_kind;
mod named_steps;
mod operations;
mod parameter_case;
mod pick;
mod property_case;
mod refs;
mod relationship_reads;
mod repr_rows;
mod request_spelling;
mod roots;
mod row_blame;
mod settle;
mod shape;
mod shown_answer;
mod singleton_key;
mod spelling;
mod stray_writes;
mod unresolved;
mod value_cardinality;
mod value_kind;

use crate::diag::{Code, Diags};
use crate::frontend::facts::{PageFacts, RawEnum, RawType};
use crate::frontend::typecell::BaseExpr;
use crate::ir::{Api, ComplexType, EnumMember, EnumType, Property, TypeKind};
use index::Index;

/// A finding that weighs a type no page defines against another: nothing says how the two
/// relate (a `webApp` no page describes may well be a kind of the `mobileApp` expected), so the
/// missing page, which GG0501 reports where the type is first used, is the finding, and this
/// one becomes a note pointing there.
fn unpaged_note(d: &mut crate::diag::Diagnostic, name: &str) {
    d.severity = crate::diag::Severity::Note;
    d.message.push_str(&format!(" (`{name}` has no page; GG0501 reports it)"));
}
use std::collections::{BTreeMap, BTreeSet};

pub use operations::parameters as path_parameters;

/// One version's page facts, linked into its API: types named, merged and resolved, enums
/// gathered, endpoints settled against the URL model, examples checked.
pub fn resolve(version: &str, pages: Vec<PageFacts>, diags: &mut Diags) -> Api {
    let mut types: Vec<RawType> = Vec::new();
    let mut enums: Vec<RawEnum> = Vec::new();
    let mut ops = Vec::new();
    let mut api = Api { version: version.to_string(), ..Api::default() };
    for p in pages {
        types.extend(p.types);
        enums.extend(p.enums);
        ops.extend(p.operations);
        api.examples.extend(p.examples);
    }
    let mut index = Index::default();

    let mut named: Vec<(String, RawType)> = types.into_iter().filter_map(|t| qualify(t, diags)).collect();
    let spelled = name_case::settle(&mut named, &ops, &api.examples, diags);
    for (q, t) in &named {
        index.add(q, Some(&t.page_stem));
    }
    // Enum pages: a standalone enum page's stem resolves links to it.
    for e in &enums {
        let q = format!("{}.{}", e.namespace, e.name);
        let stem = e.source.file.rsplit('/').next().and_then(|f| f.split('.').next()).map(str::to_ascii_lowercase);
        let stem = stem.filter(|s| !s.starts_with("enums"));
        index.add(&q, stem.as_deref());
    }
    // "Possible values are" on a property whose type names no known type makes that enum.
    for (_, t) in &named {
        for p in &t.properties {
            let Some(BaseExpr::Named { name, .. }) = p.ty.as_ref().map(|e| &e.base) else {
                continue;
            };
            if p.possible_values.is_empty() || index.lookup(name, &t.namespace).is_some() {
                continue;
            }
            let members = p.possible_values.iter().map(|m| (m.clone(), None, String::new())).collect();
            let e = RawEnum { name: name.clone(), namespace: t.namespace.clone(), members, source: p.source.clone() };
            index.add(&format!("{}.{}", e.namespace, e.name), None);
            enums.push(e);
        }
    }
    for e in enums {
        add_enum(&mut api.enums, e, diags);
    }
    enum_evidence::apply(&named, |name, ns| index.lookup(name, ns), &mut api.enums, diags);
    let methods = methods(&named);
    let returns = by_api_stem(&named, |t| &t.method_returns);
    let names = by_api_stem(&named, |t| &t.method_names);
    let mut reprs = Vec::new();
    let mut listings = Vec::new();
    let mut alternatives = Vec::new();
    let mut untabled = Vec::new();
    let mut conflicts = Vec::new();
    let mut mentions = Vec::new();
    let mut bound: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut link_texts = Vec::new();
    for (q, mut t) in merge_duplicates(named, diags) {
        link_texts.extend(link_text::find(&index, &q, &t));
        // A page with a JSON representation but no property table (`filterCriteria`): the
        // representation is all the page says of the properties, so they are read from it.
        if t.properties.is_empty() && !t.open {
            if let Some(repr) = t.json.as_ref().filter(|r| !r.entries.is_empty()) {
                t.properties = json_repr::properties(repr, &t.source.file);
                untabled.push((q.clone(), t.source.file.clone(), repr.line));
            }
        }
        if let Some(repr) = t.json.take() {
            reprs.push((q.clone(), t.source.file.clone(), repr));
        }
        let listed = std::mem::take(&mut t.derived);
        if !listed.is_empty() {
            let derived = listed
                .into_iter()
                .filter_map(|((name, stem), line)| index.linked(&name, stem.as_deref(), &t.namespace).map(|d| (d, line)))
                .collect();
            listings.push(derived::Listing { base: q.clone(), file: t.source.file.clone(), derived });
        }
        for m in std::mem::take(&mut t.mentions) {
            let Some(collection) = index.linked(&m.collection.0, m.collection.1.as_deref(), &t.namespace) else { continue };
            for (name, stem) in &m.members {
                if let Some(member) = index.linked(name, stem.as_deref(), &t.namespace) {
                    mentions.push((member, collection.clone(), crate::ir::Source { file: t.source.file.clone(), line: m.line }));
                }
            }
        }
        bound.entry(q.clone()).or_default().extend(t.methods.iter().cloned());
        alternatives.extend(add_type(&mut api.types, &mut index, q, t, &mut conflicts, diags));
    }
    for (q, why) in spelled {
        if let Some(t) = api.types.get_mut(&q) {
            t.settled.name = Some(why);
        }
    }
    let shown = bases::example_clues(&ops, &api.types, &index);
    let mut clues = bases::listed(&listings, &mentions);
    clues.extend(shown.iter().cloned());
    bases::settle(&mut api.types, &conflicts, &clues, &bound, diags);
    derived::apply(&mut api.types, &listings, diags);
    bases::unstated(&mut api.types, &shown, diags);
    derived::common_bases(&mut api.types, &alternatives);
    remove_inherited(&mut api.types, diags);
    for (q, file, line) in untabled {
        // Keys that only repeat the base's properties were dropped above: nothing to report.
        let Some(t) = api.types.get(&q).filter(|t| !t.properties.is_empty()) else { continue };
        let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
        diags.push(
            &file,
            line,
            Code::JsonRepresentation,
            format!("`{q}` has no property table; its properties are read from the JSON representation: {}", names.join(", ")),
        );
    }
    // The pages' representations are held against their own tables, before keys are added.
    for (q, file, repr) in &reprs {
        json_repr::check(&api, q, file, repr, diags);
    }
    dictionaries::settle(&mut api.types, &reprs);
    keys::declare(&mut api.types);
    let (mut pages, other_paths) = operations::pages(ops, (&api.types, &returns, &names), &mut index, diags);
    keyed_sets::lists(&mut pages, diags);
    // Keys for the types the pages' GETs by key answer, before the URL model walks those keys.
    keys::addressed(&mut api.types, &pages);
    api.roots = roots::infer(&pages, &api.types);
    cardinality::correct(&pages, &api.roots, &mut api.types, diags);
    let (settled, narrowed) = operations::settle_all((pages, other_paths), &api.types, &api.roots, &methods, diags);
    api.operations = settled;
    monitor_url::settle(&mut api.operations);
    multi_status::settle(&mut api);
    // A relationship whose read answers a kind narrower than its row, by the relationship's
    // name: the model says so too, so that `$expand` and the `@odata.context` agree with the read.
    named_kind::narrow(&mut api.types, narrowed);
    // And for those the model settled a GET by key to answer.
    keys::addressed(&mut api.types, &api.operations);
    // Before the examples are judged, so that a row the other statements outweigh is no
    // finding at every example.
    value_cardinality::correct(&mut api, &reprs, diags);
    value_kind::correct(&mut api, &reprs, diags);
    link_text::settle(&mut api, &reprs, link_texts, diags);
    property_case::correct(&mut api, &reprs, diags);
    parameter_case::settle(&mut api.operations, diags);
    let found = examples::walk(&api);
    // Rows every example request spells otherwise are named so, and their examples judged again.
    let mut named = request_spelling::settle(&mut api, &found, diags);
    // Keys of a representation no table lists, which examples write too, are properties.
    named.extend(repr_rows::add(&mut api, &reprs, &found));
    // Properties the answers show in the other shape read both shapes; their examples again.
    named.extend(lone_values::settle(&mut api, &found, diags));
    let found = request_spelling::recheck(&api, found, &named);
    examples::check(&mut api, found, diags);
    api
}

/// Which resource pages link each API page from their Methods table.
fn methods(named: &[(String, RawType)]) -> settle::Methods {
    let mut out = settle::Methods::new();
    for (q, t) in named {
        let own = t.page_stem == q.rsplit('.').next().unwrap_or(q).to_ascii_lowercase();
        for m in &t.methods {
            let e = out.entry(m.clone()).or_default();
            if !e.contains(&(q.clone(), own)) {
                e.push((q.clone(), own));
            }
        }
    }
    out
}

/// API page stem → what the Methods table rows linking it say, gathered from every resource
/// page by `rows` (the resource page stems given as what it returns; the link texts, the names
/// the owners give it).
fn by_api_stem(named: &[(String, RawType)], rows: impl Fn(&RawType) -> &[(String, String)]) -> operations::ByStem {
    let mut out = operations::ByStem::new();
    for (_, t) in named {
        for (api, said) in rows(t) {
            let e = out.entry(api.clone()).or_default();
            if !e.contains(said) {
                e.push(said.clone());
            }
        }
    }
    out
}

/// The qualified name of a raw type: the annotation's, else namespace + title name.
fn qualify(t: RawType, diags: &mut Diags) -> Option<(String, RawType)> {
    let q = match (&t.annotated, &t.title_name) {
        (Some(a), _) => a.clone(),
        (None, Some(n)) => format!("{}.{}", t.namespace, n),
        (None, None) => {
            diags.push(
                &t.source.file,
                t.source.line,
                Code::NoTypeName,
                "resource page names no type (no annotation, no `x resource type` title)",
            );
            return None;
        }
    };
    Some((q, t))
}

/// Types declared on several pages (Intune splits `deviceManagement` over many; `user` has an
/// Intune page besides `user.md`) become one: the page named after the type leads, the others
/// add the properties it lacks.
fn merge_duplicates(named: Vec<(String, RawType)>, diags: &mut Diags) -> Vec<(String, RawType)> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<RawType>> = BTreeMap::new();
    for (q, t) in named {
        let g = groups.entry(q.clone()).or_default();
        if g.is_empty() {
            order.push(q);
        }
        g.push(t);
    }
    let mut out = Vec::with_capacity(order.len());
    for q in order {
        let Some(mut group) = groups.remove(&q) else {
            continue;
        };
        let simple = q.rsplit('.').next().unwrap_or(&q).to_ascii_lowercase();
        let lead = group.iter().position(|t| t.page_stem == simple).unwrap_or(0);
        let mut primary = group.remove(lead);
        for other in group {
            diags
                .push(
                    &other.source.file,
                    other.source.line,
                    Code::MergedType,
                    format!("type `{q}` is also described at {}:{}; the two are merged", primary.source.file, primary.source.line),
                )
                .also(&primary.source.file, primary.source.line, "the description that leads");
            let have: BTreeSet<String> = primary.properties.iter().map(|p| p.name.clone()).collect();
            primary.properties.extend(other.properties.into_iter().filter(|p| !have.contains(&p.name)));
            primary.base_annotation = primary.base_annotation.or(other.base_annotation);
            primary.base_text = primary.base_text.or(other.base_text);
            primary.derived.extend(other.derived);
            primary.mentions.extend(other.mentions);
            primary.is_abstract |= other.is_abstract;
            primary.open |= other.open;
            primary.keyed |= other.keyed;
            if primary.description.is_empty() {
                primary.description = other.description;
            }
        }
        out.push((q, primary));
    }
    out
}

/// An enum two pages define with other members (v1.0's `allowInvitesFrom`: `enums.md` adds
/// `unknownFutureValue` to its property page's list) has the members of both: each page says
/// the service may send its values, and a member left out would read as `Unrecognized`. The
/// variants go in the order the first page read lists them, the other's after; a member the
/// other spells in another letter case is the same member (values are read in any case).
fn add_enum(enums: &mut BTreeMap<String, EnumType>, e: RawEnum, diags: &mut Diags) {
    let q = format!("{}.{}", e.namespace, e.name);
    if let Some(existing) = enums.get_mut(&q) {
        // Letter case aside: a member spelled in another case is the same one (read in any case).
        let lower = |m: &EnumMember| m.name.to_ascii_lowercase();
        let theirs = members(e.members);
        let old: BTreeSet<String> = existing.members.iter().map(lower).collect();
        let names: BTreeSet<String> = theirs.iter().map(lower).collect();
        if names != old && !existing.source.file.ends_with(&e.source.file) {
            let why = format!(
                "defined at {}:{} and {}:{} with other members: the members of both are read",
                existing.source.file, existing.source.line, e.source.file, e.source.line
            );
            diags.push(&e.source.file, e.source.line, Code::DuplicateType, format!("enum `{q}` is {why}")).also(
                &existing.source.file,
                existing.source.line,
                "the other definition",
            );
            existing.members.extend(theirs.into_iter().filter(|m| !old.contains(&lower(m))));
            existing.settled = existing.settled.take().or(Some(why));
        }
        return;
    }
    // `null` in a list of values ("`adult`, `minor`, `null`") is the absence of a value, which
    // the property's nullability already says: no member, or every generator makes a `Null`
    // variant of it.
    if e.members.iter().any(|(n, _, _)| n.eq_ignore_ascii_case("null")) {
        diags
            .push(
                &e.source.file,
                e.source.line,
                Code::EnumNullMember,
                format!(
                    "`null` is listed among the possible values of `{q}`; it is the absence of a value, not one of them, and is left out"
                ),
            )
            .token("null");
    }
    enums.insert(q.clone(), EnumType { name: q, flags: false, members: members(e.members), source: e.source, settled: None });
}

/// A page's members of an enum, each once and without `null` (see [`add_enum`]).
fn members(raw: Vec<(String, Option<i64>, String)>) -> Vec<EnumMember> {
    let mut seen = BTreeSet::new();
    raw.into_iter()
        .filter(|(n, _, _)| !n.eq_ignore_ascii_case("null"))
        .filter(|(n, _, _)| seen.insert(n.clone()))
        .map(|(name, value, description)| EnumMember { name, value, description })
        .collect()
}

/// Adds the type, its property types resolved; returns the properties whose cell offers several
/// types (`[a] or [b]`), with those types, for [`derived::common_bases`] once all bases are known.
fn add_type(
    types: &mut BTreeMap<String, ComplexType>,
    index: &mut Index,
    q: String,
    t: RawType,
    conflicts: &mut Vec<bases::Conflict>,
    diags: &mut Diags,
) -> Vec<derived::Alternatives> {
    if let Some(existing) = types.get(&q) {
        diags
            .push(
                &t.source.file,
                t.source.line,
                Code::DuplicateType,
                format!("type `{q}` is also defined at {}:{}; the first definition is used", existing.source.file, existing.source.line),
            )
            .also(&existing.source.file, existing.source.line, "the definition used");
        return Vec::new();
    }
    let mut alternatives = Vec::new();
    let ns = t.namespace.clone();
    let base_ann = t.base_annotation.as_ref().map(|b| index.lookup(b, &ns).unwrap_or_else(|| b.clone()));
    let base_text = t.base_text.as_ref().and_then(|(name, stem)| index.linked(name, stem.as_deref(), &ns));
    // Two bases named: the other pages decide, once every type is known (`bases::settle`).
    if let (Some(a), Some(b)) = (&base_ann, &base_text) {
        if a != b {
            conflicts.push(bases::Conflict { ty: q.clone(), annotation: a.clone(), text: b.clone() });
        }
    }
    // A linked base with no page: kept as a fact of the type, not as its base.
    let unknown_base = match (&base_ann, &base_text, &t.base_text) {
        (None, None, Some((name, Some(_)))) => Some(name.clone()),
        _ => None,
    };
    let base = base_ann.or(base_text).filter(|b| b != &q);
    // Each name's first row, for the label on a repeat: its place, whether it is a
    // relationship, and where its property went.
    let mut seen: BTreeMap<String, (crate::ir::Source, bool, Option<usize>)> = BTreeMap::new();
    let mut properties: Vec<Property> = Vec::new();
    for p in t.properties {
        if let Some((first, first_nav, at)) = seen.get(&p.name).cloned() {
            // A row in the relationships table is the docs saying "navigation" (writers put
            // only those there); the same name among the properties is a copy that says less.
            let relationship = p.navigation && !first_nav;
            let message = if relationship {
                format!(
                    "property `{}` is listed in both the properties and the relationships table of `{q}`; read as the relationship",
                    p.name
                )
            } else {
                format!("property `{}` is listed twice on `{q}`; the first row is used", p.name)
            };
            let used = if relationship { "the row of the properties table, set aside" } else { "the row used" };
            diags.push(&p.source.file, p.source.line, Code::DuplicateProperty, message).token(p.name.as_str()).also(
                &first.file,
                first.line,
                used,
            );
            if let (true, Some(i), Some(ty)) = (relationship, at, p.ty.as_ref()) {
                let r#type = index.resolve(ty, &ns, &p.source, diags);
                properties[i] = Property {
                    name: p.name,
                    r#type,
                    navigation: true,
                    read_only: p.read_only,
                    description: p.description,
                    source: p.source,
                };
            }
            continue;
        }
        let at = p.ty.is_some().then_some(properties.len());
        seen.insert(p.name.clone(), (p.source.clone(), p.navigation, at));
        let Some(ty) = p.ty.as_ref() else { continue };
        let r#type = index.resolve(ty, &ns, &p.source, diags);
        let alts: Vec<String> = p.alternatives.iter().map(|a| index.resolve(a, &ns, &p.source, diags).name).collect();
        if !alts.is_empty() {
            alternatives.push(derived::Alternatives { owner: q.clone(), property: p.name.clone(), types: alts });
        }
        properties.push(Property {
            name: p.name,
            r#type,
            navigation: p.navigation,
            read_only: p.read_only,
            description: p.description,
            source: p.source,
        });
    }
    let kind = if t.keyed { TypeKind::Entity } else { TypeKind::Complex };
    let ct = ComplexType {
        name: q.clone(),
        kind,
        base,
        r#abstract: t.is_abstract,
        open: t.open,
        values: None,
        description: t.description,
        source: t.source,
        product: t.product,
        properties,
        settled: crate::ir::TypeSettlement { unknown_base, ..Default::default() },
    };
    types.insert(q, ct);
    alternatives
}

/// Drop rows that repeat an ancestor's property ("Inherited from [x]" rows); break cycles.
fn remove_inherited(types: &mut BTreeMap<String, ComplexType>, diags: &mut Diags) {
    let names: Vec<String> = types.keys().cloned().collect();
    for n in names {
        let mut inherited = BTreeSet::new();
        let mut seen = BTreeSet::from([n.clone()]);
        let mut cur = types.get(&n).and_then(|t| t.base.clone());
        while let Some(b) = cur {
            if !seen.insert(b.clone()) {
                if let Some(t) = types.get_mut(&n) {
                    diags.push(
                        &t.source.file,
                        t.source.line,
                        Code::InheritanceCycle,
                        format!("base types of `{n}` loop back through `{b}`; the base is dropped"),
                    );
                    t.base = None;
                }
                inherited.clear();
                break;
            }
            let Some(bt) = types.get(&b) else { break };
            inherited.extend(bt.properties.iter().map(|p| p.name.clone()));
            cur = bt.base.clone();
        }
        if let Some(t) = types.get_mut(&n) {
            t.properties.retain(|p| !inherited.contains(&p.name));
        }
    }
}
