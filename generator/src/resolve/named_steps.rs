//! A parameter where the path addresses one value, not a collection: OData takes a key only
//! after a collection, so the placeholder stands for a property's name.
//! `b2xidentityuserflow-put-apiconnectorconfiguration.md` lists `PUT .../apiConnectorConfiguration/
//! {step}/$ref`, `apiConnectorConfiguration` one `userFlowApiConnectorConfiguration` whose
//! relationships are the steps (`postFederationSignup`, `postAttributeCollection`), and its
//! examples call them by name. Read as one endpoint per relationship of the value's type, so the
//! crate has `api_connector_configuration().post_federation_signup().reference().put(..)`, not an
//! `.id(step)` that takes any text; each example goes to the endpoint it calls, the page's line
//! kept in `documented`, the why in `settled.path`. Only where every example of the line calls
//! one of those relationships there (the placeholder names them), and only for a complex value:
//! a key after one entity (beta's `/teams/{id}/photo/{size}`) is another matter.

use crate::ir::{lineage, ComplexType, Operation, TypeRef};
use crate::path::{PathTemplate, Segment};
use crate::urlspace::{Target, UrlSpace};
use std::collections::{BTreeMap, BTreeSet};

/// Each line with a parameter after one complex value, replaced by one line per relationship
/// of the value's type.
pub fn expand(pages: Vec<Operation>, space: &UrlSpace<'_>) -> Vec<Operation> {
    let holders = holders(space.types());
    let mut out = Vec::with_capacity(pages.len());
    for op in pages {
        match steps(&op, space, &holders) {
            Some((k, names)) => out.extend(names.into_iter().map(|name| named(&op, k, &name))),
            None => out.push(op),
        }
    }
    out
}

/// The names (lowercase) of the single-valued properties typed as a complex type with
/// relationships: only a parameter after one of those is looked at (a walk through the model
/// for every parameter of every line would cost the docs-to-IR time a tenth).
fn holders(types: &BTreeMap<String, ComplexType>) -> BTreeSet<String> {
    let relates = |t: &str| {
        types.get(t).is_some_and(|t| t.kind == crate::ir::TypeKind::Complex)
            && lineage(types, t).iter().any(|t| t.properties.iter().any(|p| p.navigation))
    };
    types
        .values()
        .flat_map(|t| &t.properties)
        .filter(|p| !p.r#type.collection && relates(&p.r#type.name))
        .map(|p| p.name.to_ascii_lowercase())
        .collect()
}

/// Where `op`'s line has a parameter after one complex value, and the names of that value's
/// relationships, when every example calls one of them there.
fn steps(op: &Operation, space: &UrlSpace<'_>, holders: &BTreeSet<String>) -> Option<(usize, Vec<String>)> {
    let segs = op.path.segments();
    let after_holder = |k: &usize| {
        let param = segs.get(*k).is_some_and(|s| s.param_name().is_some() && !s.ends_with_colon());
        param && segs.get(k - 1).and_then(Segment::literal).is_some_and(|l| holders.contains(&l.to_ascii_lowercase()))
    };
    let k = (1..segs.len()).find(after_holder)?;
    let before = PathTemplate::from_segments(segs.get(..k)?.to_vec());
    let Some(Target::Value(TypeRef { name, collection: false })) = space.walk(&before).target else { return None };
    let names: Vec<String> =
        lineage(space.types(), &name).into_iter().flat_map(|t| &t.properties).filter(|p| p.navigation).map(|p| p.name.clone()).collect();
    let called = |e: &crate::ir::Example| {
        e.request.as_ref().is_some_and(|r| names.iter().any(|n| named_path(&op.path, k, n).matches(&r.path).is_some()))
    };
    (!names.is_empty() && !op.examples.is_empty() && op.examples.iter().all(called)).then_some((k, names))
}

fn named_path(path: &PathTemplate, k: usize, name: &str) -> PathTemplate {
    let mut segs = path.segments().to_vec();
    if let Some(s) = segs.get_mut(k) {
        *s = Segment::text(name);
    }
    PathTemplate::from_segments(segs)
}

/// `op` with its parameter at `k` written as the relationship `name`, and the examples that
/// call it.
fn named(op: &Operation, k: usize, name: &str) -> Operation {
    let mut new = op.clone();
    let path = named_path(&op.path, k, name);
    let placeholder = op.path.segments().get(k).map(Segment::to_text).unwrap_or_default();
    // The parameter's place among the line's parameters: those of the segments before it.
    let at = PathTemplate::from_segments(op.path.segments().get(..k).unwrap_or_default().to_vec()).params().len();
    new.parameters = op.parameters.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, p)| p.clone()).collect();
    new.examples.retain(|e| e.request.as_ref().is_some_and(|r| path.matches(&r.path).is_some()));
    new.documented.push(op.path.as_str().to_string());
    let why = format!(
        "`{placeholder}` follows one value, where OData takes no key: it names a relationship of the value's type, as the page's examples call them; `{name}` is one"
    );
    crate::ir::add_why(&mut new.settled.path, why);
    new.path = path;
    new
}
