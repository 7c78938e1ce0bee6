//! An enum's members against the values a property that takes it lists. `changeNotification`'s
//! `changeType` row says "the supported values are: `created`, `updated`, `deleted`" while the
//! `### changeType values` section of the enums page lists `clientIpAddress` and
//! `authenticatorAppGps`: the members of the section after it, copied. A row naming fewer
//! values than the enum has is usual (a property takes some members); one naming none of its
//! members contradicts it.
//!
//! The evidence: a section whose members are exactly another enum's is a copy, and the rows
//! that list their values (every one of them the same values) are then what the enum holds.
//! Without such a copy both sides are statements of equal weight: the enum stays as listed.
//! Either way the contradiction is reported (GG0212) at the enum, the rows related, and a
//! settled enum says why in `settled`.

use crate::diag::{Code, Diags};
use crate::frontend::facts::RawType;
use crate::frontend::typecell::BaseExpr;
use crate::ir::{EnumMember, EnumType, Source};
use std::collections::BTreeMap;

/// A row listing values none of its enum's: the values, the row, and `type.property`.
type Claim<'a> = (&'a [String], &'a Source, String);

/// Rows listing values none of which their enum has, by enum; settle the enums that are copies.
pub fn apply(
    named: &[(String, RawType)],
    lookup: impl Fn(&str, &str) -> Option<String>,
    enums: &mut BTreeMap<String, EnumType>,
    diags: &mut Diags,
) {
    // Enum → the (values, row) of each contradicting row.
    let mut claims: BTreeMap<String, Vec<Claim<'_>>> = BTreeMap::new();
    for (q, t) in named {
        for p in t.properties.iter().filter(|p| p.possible_values.len() >= 2) {
            let Some(BaseExpr::Named { name, .. }) = p.ty.as_ref().map(|e| &e.base) else {
                continue;
            };
            let Some(e) = lookup(name, &t.namespace).and_then(|e| enums.get(&e)) else {
                continue;
            };
            let member = |v: &String| e.members.iter().any(|m| m.name.eq_ignore_ascii_case(v));
            if p.possible_values.iter().any(member) {
                continue;
            }
            claims.entry(e.name.clone()).or_default().push((&p.possible_values, &p.source, format!("{q}.{}", p.name)));
        }
    }
    for (q, rows) in claims {
        let Some(e) = enums.get(&q) else { continue };
        let names = |e: &EnumType| e.members.iter().map(|m| m.name.to_ascii_lowercase()).collect::<Vec<_>>();
        let own = names(e);
        let copied = enums.values().find(|o| o.name != q && !o.members.is_empty() && names(o) == own).map(|o| o.name.clone());
        let agree = rows.iter().all(|(v, _, _)| *v == rows[0].0);
        let listed: Vec<String> = e.members.iter().map(|m| format!("`{}`", m.name)).collect();
        let said: Vec<String> = rows[0].0.iter().map(|v| format!("`{v}`")).collect();
        let (file, line) = (e.source.file.clone(), e.source.line);
        let message = match (&copied, agree) {
            (Some(other), true) => {
                let why = format!(
                    "its listed members ({}) are `{other}`'s, copied; `{}` lists {} (and none of those): read as the row says",
                    listed.join(", "),
                    rows[0].2,
                    said.join(", ")
                );
                if let Some(e) = enums.get_mut(&q) {
                    e.members = rows[0].0.iter().map(|v| EnumMember { name: v.clone(), value: None, description: String::new() }).collect();
                    e.settled = Some(why.clone());
                }
                format!("enum `{q}`: {why}")
            }
            _ => format!(
                "enum `{q}` lists {}, but `{}` lists {}, none of them its members; the enum is kept as listed",
                listed.join(", "),
                rows[0].2,
                said.join(", ")
            ),
        };
        let d = diags.push(&file, line, Code::EnumMembersContradicted, message);
        for (_, source, row) in &rows {
            d.also(&source.file, source.line, format!("`{row}` lists its values here"));
        }
    }
}
