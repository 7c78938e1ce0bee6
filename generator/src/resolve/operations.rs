//! Operations: response and body types resolved, path parameters read, duplicates merged.

use super::index::Index;
use crate::diag::{Code, Diags};
use crate::frontend::facts::{RawBody, RawOperation};
use crate::frontend::typecell::{BaseExpr, TypeExpr};
use crate::frontend::DEFAULT_NAMESPACE;
use crate::ir::{lineage, Body, ComplexType, Operation, PathParameter, PathTemplate, Property, Response, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

pub fn resolve(mut raw: Vec<RawOperation>, types: &BTreeMap<String, ComplexType>, index: &mut Index, diags: &mut Diags) -> Vec<Operation> {
    let mut start = 0;
    while start < raw.len() {
        let file = raw[start].source.file.clone();
        let len = raw[start..].iter().take_while(|o| o.source.file == file).count();
        assign_examples(&mut raw[start..start + len], diags);
        start += len;
    }
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut out: Vec<Operation> = Vec::new();
    // Response and body types that other pages give for an endpoint already seen.
    let mut candidates: BTreeMap<usize, (Vec<Named>, Vec<Named>)> = BTreeMap::new();
    for op in raw {
        let key = (op.method.clone(), op.path.key());
        if let Some(&i) = seen.get(&key) {
            // Another page documents the same endpoint (Intune derived types share paths): keep
            // the first page's description and add this page's examples to it.
            diags.push(
                &op.source.file,
                op.source.line,
                Code::DuplicateOperation,
                format!(
                    "`{} {}` is also documented at {}:{}; that page's description is used",
                    op.method, op.path, out[i].source.file, out[i].source.line
                ),
            );
            let other = operation(op, types, index, diags);
            let first = &mut out[i];
            // What the first page leaves out, a later page may say; differing types are
            // settled once all pages are in (see `settle`).
            if first.response.r#type.is_none() {
                first.response = other.response.clone();
            }
            if first.body.is_none() {
                first.body = other.body.clone();
            }
            let c = candidates.entry(i).or_default();
            let stem = stem(&other.source.file);
            c.0.extend(other.response.r#type.clone().map(|t| (t, stem.clone())));
            if let Some(Body::Type(t)) = &other.body {
                c.1.push((t.clone(), stem));
            }
            first.examples.extend(other.examples);
            first.documented.extend(other.documented);
            continue;
        }
        seen.insert(key, out.len());
        out.push(operation(op, types, index, diags));
    }
    for (i, (responses, bodies)) in candidates {
        let Some(op) = out.get_mut(i) else { continue };
        let own = stem(&op.source.file);
        if let Some(t) = &op.response.r#type {
            op.response.r#type = Some(settle(types, &(t.clone(), own.clone()), &responses));
        }
        if let Some(Body::Type(t)) = &op.body {
            op.body = Some(Body::Type(settle(types, &(t.clone(), own), &bodies)));
        }
    }
    for op in &mut out {
        // Only spellings other than the template are worth keeping.
        let path = op.path.as_str().to_string();
        op.documented.retain(|d| *d != path);
        op.documented.sort();
        op.documented.dedup();
    }
    out.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
    out
}

/// A type a page names for an endpoint, with the page's file stem.
type Named = (TypeRef, String);

fn stem(file: &str) -> String {
    file.rsplit('/').next().unwrap_or(file).trim_end_matches(".md").to_ascii_lowercase()
}

/// Pages that document one endpoint may name different types for it. A name that is an
/// ancestor of another named one says less and drops out (a page that says `outlookItem` for
/// `/me/messages/{id}`); of the rest, the one most pages name wins; with no single winner (as
/// with Intune's `mobileApps/{id}`, documented once per app kind), the nearest base they all
/// derive from.
fn settle(types: &BTreeMap<String, ComplexType>, named_first: &Named, others: &[Named]) -> TypeRef {
    let first = &named_first.0;
    let chain = |start: &str| -> Vec<String> { lineage(types, start).into_iter().map(|t| t.name.clone()).collect() };
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut about: BTreeSet<&str> = BTreeSet::new();
    for (t, stem) in std::iter::once(named_first).chain(others.iter().filter(|o| o.0.collection == first.collection)) {
        *votes.entry(t.name.as_str()).or_default() += 1;
        let simple = t.name.rsplit('.').next().unwrap_or(&t.name).to_ascii_lowercase();
        if stem.split('-').any(|w| w == simple) {
            about.insert(t.name.as_str());
        }
    }
    // A name no page defines cannot be weighed against the others (the beta sample lacks many
    // Intune resource pages); it drops out.
    votes.retain(|n, _| types.contains_key(*n));
    if votes.len() <= 1 {
        return votes.keys().next().map_or_else(|| first.clone(), |n| TypeRef { name: n.to_string(), collection: first.collection });
    }
    // The type's own page decides when only one type has one among them (`event-get.md` says
    // `event` where the extended-property pages say `message`).
    about.retain(|n| votes.contains_key(n));
    if let [only] = about.iter().collect::<Vec<_>>().as_slice() {
        return TypeRef { name: only.to_string(), collection: first.collection };
    }
    let chains: BTreeMap<&str, Vec<String>> = votes.keys().map(|n| (*n, chain(n))).collect();
    let specific: Vec<(&str, usize)> =
        votes.iter().filter(|(n, _)| !chains.iter().any(|(m, c)| m != *n && c.iter().any(|x| x == *n))).map(|(n, v)| (*n, *v)).collect();
    let best = specific.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let winners: Vec<&str> = specific.iter().filter(|(_, v)| *v == best).map(|(n, _)| *n).collect();
    let name = match winners.as_slice() {
        [one] => Some(one.to_string()),
        _ => {
            let lists: Vec<&Vec<String>> = specific.iter().filter_map(|(n, _)| chains.get(n)).collect();
            lists.first().and_then(|c0| c0.iter().find(|n| lists.iter().all(|c| c.contains(n))).cloned())
        }
    };
    TypeRef { name: name.unwrap_or_else(|| first.name.clone()), collection: first.collection }
}

/// The operations of one page share its examples; give each example to the path it calls (the
/// first alias whose method and template match), or to the first operation when none matches.
fn assign_examples(page_ops: &mut [RawOperation], diags: &mut Diags) {
    let Some(first) = page_ops.first_mut() else {
        return;
    };
    let examples = std::mem::take(&mut first.examples);
    let mut owner = Vec::with_capacity(examples.len());
    for ex in &examples {
        let found = ex.request.as_ref().map(|r| page_ops.iter().position(|o| o.method == r.method && o.path.matches(&r.path).is_some()));
        owner.push(match found {
            Some(Some(i)) => i,
            Some(None) => {
                if let Some(r) = ex.request.as_ref().filter(|r| !r.external) {
                    let other = page_ops.iter().find(|o| o.path.matches(&r.path).is_some());
                    match other {
                        Some(o) => diags.push(&r.source.file, r.source.line, Code::ExampleMethod, format!("example sends `{}` but the HTTP request block documents `{} {}` for this path; use the documented method", r.method, o.method, o.path)),
                        None => diags.push(&r.source.file, r.source.line, Code::ExamplePath, format!("example calls `{}` (`{}`), which none of the paths in the HTTP request block matches; fix the example's URL or add its path to the block", r.path, r.method)),
                    }
                }
                0
            }
            None => 0,
        });
    }
    for (ex, o) in examples.into_iter().zip(owner) {
        if let Some(op) = page_ops.get_mut(o) {
            op.examples.push(ex);
        }
    }
}

fn operation(op: RawOperation, types: &BTreeMap<String, ComplexType>, index: &mut Index, diags: &mut Diags) -> Operation {
    let ns = DEFAULT_NAMESPACE;
    let at = op.source.clone();
    let r = &op.response;
    let status = r.status.or(r.example_status).unwrap_or(if r.no_content { 204 } else { 200 });
    let annotated = r.annotated.as_ref().map(|t| index.resolve_annotated(&TypeRef::parse(t), ns, &at, diags));
    let stated = r.stated.as_ref().map(|e| index.resolve(e, ns, &at, diags));
    if let (Some(a), Some(s)) = (&annotated, &stated) {
        // A derived type annotated where the sentence names its base (`fileAttachment` for
        // "collection of attachment objects") says more, not something else.
        let related = |x: &str, y: &str| lineage(types, x).iter().any(|t| t.name == y);
        if a.name != s.name && !related(&a.name, &s.name) && !related(&s.name, &a.name) {
            diags.push(
                &at.file,
                r.line,
                Code::ResponseMismatch,
                format!("the response sentence names `{s}` but the response example is annotated `{a}`"),
            );
        }
    }
    let response_type = if status == 204 { None } else { annotated.or(stated) };
    let body = match op.body {
        RawBody::None => None,
        RawBody::Type(e, rows) => {
            // The rows only repeat the type's properties; resolving them reports broken links.
            for p in &rows {
                if let Some(ty) = &p.ty {
                    index.resolve(ty, ns, &p.source, diags);
                }
            }
            Some(Body::Type(index.resolve(&e, ns, &at, diags)))
        }
        RawBody::Parameters(params) => match op.method.as_str() {
            // Update and replace pages list the settable properties of the resource itself.
            "PATCH" | "PUT" => subject_type(&response_type, &op.subject, index, diags, &at).map(Body::Type),
            _ => Some(Body::Parameters(
                params
                    .into_iter()
                    .filter_map(|p| {
                        let ty = p.ty.as_ref()?;
                        let r#type = index.resolve(ty, ns, &p.source, diags);
                        Some(Property {
                            name: p.name,
                            r#type,
                            navigation: false,
                            read_only: false,
                            description: p.description,
                            source: p.source,
                        })
                    })
                    .collect(),
            )),
        },
    };
    let mut params = parameters(&op.path);
    for p in &mut params {
        let key = p.function_arg.clone().unwrap_or_else(|| p.name.clone()).to_ascii_lowercase();
        let row = op.path_parameters.iter().find(|r| {
            let n = r.name.to_ascii_lowercase();
            n == key || n == p.name.to_ascii_lowercase()
        });
        if let Some(row) = row {
            p.r#type = row.ty.as_ref().map(|t| index.resolve(t, ns, &row.source, diags));
            p.description = row.description.clone();
        }
    }
    let query_parameters = op
        .query_parameters
        .iter()
        .filter_map(|r| {
            let ty = r.ty.as_ref()?;
            let r#type = index.resolve(ty, ns, &r.source, diags);
            Some(Property {
                name: r.name.clone(),
                r#type,
                navigation: false,
                read_only: false,
                description: r.description.clone(),
                source: r.source.clone(),
            })
        })
        .collect();
    Operation {
        parameters: params,
        query_options: op.query_options,
        headers: op.headers,
        query_parameters,
        method: op.method,
        documented: vec![op.documented],
        path: op.path,
        source: op.source,
        title: op.title,
        product: op.product,
        query: op.query,
        body,
        response: Response { status, r#type: response_type },
        examples: op.examples,
    }
}

fn subject_type(
    response: &Option<TypeRef>,
    subject: &Option<(String, Option<String>)>,
    index: &mut Index,
    diags: &mut Diags,
    at: &crate::ir::Source,
) -> Option<TypeRef> {
    if let Some(r) = response.as_ref().filter(|r| !r.is_primitive() && !r.collection) {
        return Some(r.clone());
    }
    let (name, target) = subject.as_ref()?;
    let e = TypeExpr { base: BaseExpr::Named { name: name.clone(), target: target.clone() }, collection: false };
    Some(index.resolve(&e, DEFAULT_NAMESPACE, at, diags))
}

/// The `{name}` parameters of a path, in order, with the literal segment before each.
pub fn parameters(path: &PathTemplate) -> Vec<PathParameter> {
    path.params()
        .into_iter()
        .map(|p| PathParameter { name: p.name, after: p.after, function_arg: p.function_arg, r#type: None, description: String::new() })
        .collect()
}
