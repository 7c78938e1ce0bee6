//! Relationships whose cardinality the docs contradict. A relationships table says
//! `permissionGrants` of `group` is one `resourceSpecificPermissionGrant`; the page that lists
//! them says a collection, and its response example is a page of values. Two statements
//! outweigh one: the relationship is read as a collection (models and URL model alike), and the
//! table row is reported.

use crate::diag::{Code, Diags};
use crate::ir::{lineage, ComplexType, ExampleBody, Operation, Root};
use crate::path::PathTemplate;
use crate::urlspace::{Target, UrlSpace};
use std::collections::{BTreeMap, BTreeSet};

pub fn correct(pages: &[Operation], roots: &BTreeMap<String, Root>, types: &mut BTreeMap<String, ComplexType>, diags: &mut Diags) {
    let mut fixes: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    {
        let space = UrlSpace::new(types, roots);
        for op in pages.iter().filter(|o| o.method == crate::ir::HttpMethod::Get) {
            let Some(said) = op.response.r#type.as_ref().filter(|t| t.collection) else { continue };
            let segs = op.path.segments();
            let Some(word) = segs.last().and_then(|s| s.literal()).filter(|l| !l.starts_with('$')) else { continue };
            let walk = space.walk(&op.path);
            if walk.target != Some(Target::Entity(said.name.clone())) {
                continue;
            }
            let prefix = space.walk(&PathTemplate::from_segments(segs[..segs.len() - 1].to_vec()));
            let Some(Target::Entity(owner)) = prefix.target else { continue };
            // The page's statements: its sentence or annotation (not only the example), its
            // example being a page of values, its title listing.
            let stated = op.settled.response.is_none();
            let shaped = example_is_page(op);
            let listed = op.title.to_ascii_lowercase().starts_with("list");
            if u8::from(stated) + u8::from(shaped) + u8::from(listed) < 2 {
                continue;
            }
            let Some(holder) = lineage(types, &owner).into_iter().find(|t| t.properties.iter().any(|p| p.name.eq_ignore_ascii_case(word)))
            else {
                continue;
            };
            let mut why = Vec::new();
            if stated {
                why.push("its response sentence");
            }
            if shaped {
                why.push("its response example");
            }
            if listed {
                why.push("its title");
            }
            fixes.entry((holder.name.clone(), word.to_ascii_lowercase())).or_default().insert(format!(
                "{} ({})",
                op.source.file,
                why.join(", ")
            ));
        }
    }
    for ((holder, word), evidence) in fixes {
        let Some(t) = types.get_mut(&holder) else { continue };
        let Some(p) = t.properties.iter_mut().find(|p| p.name.eq_ignore_ascii_case(&word) && !p.r#type.collection) else { continue };
        p.r#type.collection = true;
        diags
            .push(
                &p.source.file,
                p.source.line,
                Code::RelationshipCardinality,
                format!(
                    "`{}` of `{holder}` is documented as one `{}`, but {} say a collection; read as a collection",
                    p.name,
                    p.r#type.name,
                    evidence.into_iter().collect::<Vec<_>>().join("; ")
                ),
            )
            .token(p.name.as_str());
    }
}

fn example_is_page(op: &Operation) -> bool {
    op.examples.iter().filter_map(|e| e.response.as_ref()?.body.as_ref()).any(|b| match b {
        ExampleBody::Json(v) | ExampleBody::Template(v) => v.get("value").is_some_and(|x| x.is_array()),
        ExampleBody::Text(_) => false,
    })
}
