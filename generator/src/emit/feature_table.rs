//! `FEATURES.md` of the generated crate: one row per cargo feature with the number of request
//! functions it holds and the paths they start from, so a user can tell which feature a call
//! needs before the compiler says "no method named ...", then every start of each feature. The crate's `lib.rs` docs include the
//! file, and the README carries the v1.0 crate's copy (CI checks that it matches).

use crate::path::PathTemplate;
use crate::plan::{OpPlan, UNREFERENCED};
use std::collections::BTreeMap;

/// How many path prefixes a row names before "and N more".
const SHOWN: usize = 6;

/// The heading of the part after the table: every start of every feature, so that a search of
/// the file for a path (`/me/todo`) finds its feature, whatever the table's rows leave out.
pub const EVERY_START: &str = "## Every start, by feature";

/// The markdown table of `areas` (sorted, `unreferenced` included), from the planned operations.
pub fn table(areas: &[String], plans: &[OpPlan<'_>], types_of: &BTreeMap<String, usize>) -> String {
    let mut by_area: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for p in plans {
        *by_area.entry(p.area.as_str()).or_default().entry(prefix(&p.op.path)).or_default() += 1;
    }
    let mut out = String::from("| Feature | Requests | Types | Where its requests start |\n|---|---:|---:|---|\n");
    for area in areas {
        let prefixes = by_area.get(area.as_str());
        let requests: usize = prefixes.map(|m| m.values().sum()).unwrap_or(0);
        let types = types_of.get(area).copied().unwrap_or(0);
        let starts = match prefixes {
            _ if area == UNREFERENCED => "types no request takes or answers, of no product with requests".to_string(),
            None => String::new(),
            Some(m) => {
                // The busiest prefixes first; ties by path, so the table is stable.
                let mut list: Vec<(&String, &usize)> = m.iter().collect();
                list.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                let mut named: Vec<String> = list.iter().take(SHOWN).map(|(p, _)| format!("`{p}`")).collect();
                if list.len() > SHOWN {
                    named.push(format!("and {} more", list.len() - SHOWN));
                }
                named.join(", ")
            }
        };
        out.push_str(&format!("| `{area}` | {requests} | {types} | {starts} |\n"));
    }
    out.push_str(&format!("\n{EVERY_START}\n\n"));
    for area in areas {
        let Some(m) = by_area.get(area.as_str()) else { continue };
        // By path here: a reader scans for a place, not for the busiest one.
        let all: Vec<String> = m.keys().map(|p| format!("`{p}`")).collect();
        out.push_str(&format!("- `{area}`: {}\n", all.join(", ")));
    }
    out
}

/// The table alone (what the README carries), without the list of every start after it.
pub fn table_part(features_md: &str) -> &str {
    features_md.split(EVERY_START).next().unwrap_or(features_md).trim()
}

/// The start of a path up to its second named segment, keys written `{id}`:
/// `/users/{id}/messages/{id}/attachments` is `/users/{id}/messages`; `/me/drive/root:/{path}:`
/// is `/me/drive`.
fn prefix(path: &PathTemplate) -> String {
    let mut out = String::new();
    let mut named = 0;
    for s in path.segments() {
        if named == 2 {
            break;
        }
        match s.literal() {
            Some(t) => {
                named += 1;
                out.push('/');
                out.push_str(t.trim_end_matches(':'));
            }
            None if s.param_name().is_some() => out.push_str("/{id}"),
            // A function call or a segment of several pieces ends the prefix.
            None => break,
        }
    }
    if out.is_empty() {
        "/".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_stop_at_the_second_name() {
        let p = |t: &str| prefix(&PathTemplate::parse(t).0);
        assert_eq!(p("/users/{id}/messages/{message-id}/attachments"), "/users/{id}/messages");
        assert_eq!(p("/me/drive/root:/{item-path}:/content"), "/me/drive");
        assert_eq!(p("/drives/{drive-id}/items/{item-id}"), "/drives/{id}/items");
        assert_eq!(p("/me"), "/me");
        assert_eq!(p("/reports/getEmailActivityCounts(period='{period}')"), "/reports");
    }
}
