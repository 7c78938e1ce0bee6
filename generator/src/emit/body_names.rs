//! The names of action body structs: one struct per action and parameter list, named after
//! the action, and where one name has several lists, after what each is bound to.

use super::tree::{first_new_parameter, shape_of, simple, Tree};
use crate::naming::Scope;
use crate::urlspace::UrlSpace;
use std::collections::BTreeMap;

/// Action bodies: one struct per action and parameter list, for every path that reaches it
/// (`me().send_mail` and `users().id(u).send_mail` take one `SendMailBody`), all in the module
/// [`BODIES`], named after the action. Where the docs give one action name several parameter
/// lists (bound to different types, or two shapes), each takes the type it is bound to before
/// it (`DeviceCompliancePolicyAssignBody`), else the segment before the action, else its first
/// node's type.
pub(super) fn body_structs(tree: &mut Tree<'_>, space: &UrlSpace<'_>) {
    let upper = |s: &str| heck::ToUpperCamelCase::to_upper_camel_case(s);
    // (action, parameters) → the leaves, as (node, leaf), and the first type one is bound to.
    let mut groups: BTreeMap<(String, String), BodyGroup> = BTreeMap::new();
    for (n, node) in tree.nodes.iter().enumerate().skip(1) {
        for (l, leaf) in node.leaves.iter().enumerate() {
            let Some(crate::ir::Body::Parameters(_)) = &leaf.op.body else { continue };
            // `$ref` and `$value` name no action: the segment before them does what is sent.
            let last = leaf.op.path.segments().iter().rev().find(|s| !s.literal().is_some_and(|l| l.starts_with('$')));
            let action = last.and_then(|s| s.call_name().or(s.literal())).map(|n| n.rsplit('.').next().unwrap_or(n).to_string());
            let action = action.filter(|a| !a.is_empty() && !a.starts_with('{')).unwrap_or_else(|| leaf.method.clone());
            let group = groups.entry((action, shape_of(leaf.op))).or_default();
            group.0.push((n, l));
            if group.1.is_empty() {
                group.1 = match space.walk(&leaf.op.path).binding {
                    Some(crate::urlspace::Target::Entity(t)) => simple(&t).to_string(),
                    Some(crate::urlspace::Target::Collection(t)) => format!("{}Collection", upper(simple(&t))),
                    // Where the model cannot say: the segment before the action, in the singular
                    // (`offerShiftRequests/{id}/decline`: `OfferShiftRequest`).
                    _ => {
                        let segs = leaf.op.path.segments();
                        let word = simple(segs.iter().rev().skip(1).find_map(|s| s.literal()).unwrap_or("").trim_end_matches(':'));
                        crate::naming::singular(word)
                    }
                };
            }
        }
    }
    let short = |action: &str| format!("{}Body", upper(action));
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    for (action, _) in groups.keys() {
        *uses.entry(short(action)).or_default() += 1;
    }
    let by_binding = |action: &str, binding: &str| format!("{}{}Body", upper(binding), upper(action));
    let mut bound: BTreeMap<String, usize> = BTreeMap::new();
    for ((action, _), (_, binding)) in groups.iter().filter(|((a, _), _)| uses[&short(a)] > 1) {
        *bound.entry(by_binding(action, binding)).or_default() += 1;
    }
    let mut scope = Scope::with(&[]);
    let mut named = Vec::with_capacity(groups.len());
    // The first parameter list seen under a name, for naming the others by what differs.
    let mut first_shape: BTreeMap<String, &str> = BTreeMap::new();
    for ((action, shape), (leaves, binding)) in &groups {
        let name = if uses[&short(action)] == 1 {
            short(action)
        } else if !binding.is_empty() && bound[&by_binding(action, binding)] == 1 {
            by_binding(action, binding)
        } else {
            let (n, _) = leaves[0];
            let base = if binding.is_empty() { tree.nodes[n].type_name.clone() } else { upper(binding) };
            let plain = format!("{base}{}Body", upper(action));
            // One action bound to one type with two parameter lists (GG0308): the second is
            // named by a parameter the first lacks (`PlantPruneWithHeightBody`).
            match first_shape.get(&plain) {
                None => {
                    first_shape.insert(plain.clone(), shape);
                    plain
                }
                Some(first) => format!("{base}{}With{}Body", upper(action), upper(&first_new_parameter(first, shape))),
            }
        };
        named.push((scope.claim(name), leaves));
    }
    for (name, leaves) in named {
        for &(n, l) in leaves {
            tree.nodes[n].leaves[l].body_struct = Some(name.clone());
        }
    }
}

/// The leaves, as (node, leaf), that take one body struct, and the first type one is bound to.
type BodyGroup = (Vec<(usize, usize)>, String);
