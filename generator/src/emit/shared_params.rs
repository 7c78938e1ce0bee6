//! One body struct serves every path of an action (`GetMemberGroupsBody` for users, groups,
//! service principals and directory objects), but each path's page describes the parameters in
//! its own words, and they differ in substance: the group page's `securityEnabledOnly` says "Set
//! to false", the user page's says what `true` does. A field whose pages disagree lists each
//! description with the paths it belongs to, the one most paths share first, rather than
//! showing the first page's to every caller.

use crate::ir::{Operation, Property};
use std::collections::BTreeMap;

/// The first operation's parameters, and for each one whose description differs among `ops`,
/// the doc lines that say which path has which (its own description then left empty).
pub(super) fn merged<'a>(ops: impl Iterator<Item = &'a Operation>) -> (Vec<Property>, BTreeMap<String, Vec<String>>) {
    let ops: Vec<&Operation> = ops.collect();
    let Some(crate::ir::Body::Parameters(first)) = ops.first().and_then(|o| o.body.as_ref()) else {
        return (Vec::new(), BTreeMap::new());
    };
    let mut params = first.clone();
    let mut notes = BTreeMap::new();
    for p in &mut params {
        // Normalized description → (as written the first time, paths).
        let mut said: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for op in &ops {
            let Some(crate::ir::Body::Parameters(ps)) = &op.body else { continue };
            let Some(q) = ps.iter().find(|q| q.name == p.name) else { continue };
            let e = said.entry(normalized(&q.description)).or_insert_with(|| (q.description.clone(), Vec::new()));
            let path = format!("`{}`", op.path);
            if !e.1.contains(&path) {
                e.1.push(path);
            }
        }
        if said.len() < 2 {
            continue;
        }
        let mut variants: Vec<(String, Vec<String>)> = said.into_values().collect();
        variants.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.1.cmp(&b.1)));
        let mut lines = vec![" Its pages describe it differently:".to_string()];
        for (text, paths) in variants {
            let text = if text.trim().is_empty() { "(no description)".to_string() } else { super::doc::clean(&text) };
            lines.push(format!(" - {}: {text}", paths.join(", ")));
        }
        p.description.clear();
        notes.insert(p.name.clone(), lines);
    }
    (params, notes)
}

/// A description without the emphasis and spacing pages vary in (`**false**`, `` `false` ``).
fn normalized(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '*' | '`' | '_') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim_end_matches('.')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::merged;

    fn op(path: &str, description: &str) -> crate::ir::Operation {
        let op = serde_json::json!({
            "method": "POST", "path": path, "source": {"file": "v1.0/api/x.md", "line": 1},
            "parameters": [], "response": {"status": 200},
            "body": {"parameters": [
                {"name": "onlyLit", "type": "Edm.Boolean", "description": description, "source": {"file": "v1.0/api/x.md", "line": 2}},
                {"name": "same", "type": "Edm.String", "description": "The same words.", "source": {"file": "v1.0/api/x.md", "line": 3}}
            ]}
        });
        serde_json::from_value(op).expect("an operation")
    }

    #[test]
    fn descriptions_that_differ_are_listed_by_path_the_most_shared_first() {
        let ops = [
            op("/lamps/{id}/glow", "Set to **false**."),
            op("/desks/{id}/glow", "**true** to glow only when lit."),
            op("/rooms/{id}/glow", "Set to `false`"),
        ];
        let (params, notes) = merged(ops.iter());
        assert_eq!(params.len(), 2);
        assert!(params[0].description.is_empty() && params[1].description == "The same words.");
        let lines = &notes["onlyLit"];
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[1], " - `/lamps/{id}/glow`, `/rooms/{id}/glow`: Set to **false**.");
        assert_eq!(lines[2], " - `/desks/{id}/glow`: **true** to glow only when lit.");
        assert!(!notes.contains_key("same"));
    }
}
