//! One action, two bodies: where pages document an action bound to one type (by the URL model)
//! with parameter lists that differ, the crate keeps each list as its own struct (named by what
//! differs, see the emitter's body structs) and this check reports it, GG0308, at every page
//! whose list is not the one most pages give; the message names the other list and its page.
//! Actions bound to different types that share a name (`assign` of a policy and of an app) are
//! different actions and are not compared.

use crate::diag::{Code, Diags};
use crate::ir::{Body, Operation};
use crate::urlspace::{Target, UrlSpace};
use std::collections::BTreeMap;

/// (action, bound type) → parameter list → the operations that send it.
type Groups<'a> = BTreeMap<(String, String), BTreeMap<Vec<String>, Vec<&'a Operation>>>;

/// Report every action bound to one type with several parameter lists.
pub fn check(ops: &[Operation], space: &UrlSpace<'_>, diags: &mut Diags) {
    let mut groups = Groups::new();
    for op in ops {
        let Some(Body::Parameters(params)) = &op.body else { continue };
        let Some(last) = op.path.segments().last() else { continue };
        let Some(action) = last.call_name().or(last.literal()) else { continue };
        let action = action.rsplit('.').next().unwrap_or(action).to_ascii_lowercase();
        let bound = match space.walk(&op.path).binding {
            Some(Target::Entity(t)) => t,
            Some(Target::Collection(t)) => format!("Collection({t})"),
            _ => continue,
        };
        let shape: Vec<String> = params.iter().map(|p| format!("{}: {}", p.name, p.r#type)).collect();
        groups.entry((action, bound)).or_default().entry(shape).or_default().push(op);
    }
    for ((action, bound), shapes) in groups {
        if shapes.len() < 2 {
            continue;
        }
        // The list most operations send is the reference; ties go to the first list by text.
        let most = shapes.values().map(Vec::len).max().unwrap_or(0);
        let Some((reference, by)) = shapes.iter().find(|(_, o)| o.len() == most) else { continue };
        let first = by[0];
        for (shape, found) in &shapes {
            if shape == reference {
                continue;
            }
            for op in found {
                diags
                    .push(
                        &op.source.file,
                        op.source.line,
                        Code::ActionShapes,
                        format!(
                            "`{action}` bound to `{bound}` takes ({}) here but ({}) at `{} {}`; both are kept, as two body structs",
                            shape.join(", "),
                            reference.join(", "),
                            first.method,
                            first.path
                        ),
                    )
                    .also(&first.source.file, first.source.line, "the other parameter list");
            }
        }
    }
}
