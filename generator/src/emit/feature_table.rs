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
/// the file for a path (`/me/todo`) finds its feature, whatever the table's rows leave out;
/// where features share a start, also where each goes on to (`/me/drive/items/{id}/workbook`).
pub const EVERY_START: &str = "## Every start, by feature";

/// The markdown table of `areas` (sorted, `unreferenced` included), from the planned operations.
pub fn table(areas: &[String], plans: &[OpPlan<'_>], types_of: &BTreeMap<String, usize>) -> String {
    let mut by_area: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    // The list after the table also names, where features share a start, how each goes on
    // from there, so a search for `workbook` finds `excel` beside OneDrive's `/me/drive`.
    let mut listed: BTreeMap<&str, std::collections::BTreeSet<String>> = BTreeMap::new();
    let start_of: Vec<String> = plans.iter().map(|p| prefix(&p.op.path, 2)).collect();
    // Starts a feature has a request at (`GET /me/drive` of `files`), not only below.
    let at_start: std::collections::BTreeSet<(&str, &String)> = plans
        .iter()
        .zip(&start_of)
        .filter(|(p, start)| prefix(&p.op.path, 3) == **start)
        .map(|(p, start)| (p.area.as_str(), start))
        .collect();
    for ((p, own), start) in plans.iter().zip(starts(plans)).zip(&start_of) {
        // The row names a start the feature has requests at, else where its own requests
        // start: an event's extensions at `/groups/{id}/events/{id}/extensions`, not at the
        // events `outlook` holds; workbooks at `/me/drive/items/{id}/workbook`.
        let shown = if at_start.contains(&(p.area.as_str(), start)) { start.clone() } else { own.clone() };
        *by_area.entry(p.area.as_str()).or_default().entry(shown).or_default() += 1;
        listed.entry(p.area.as_str()).or_default().extend([start.clone(), own]);
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
        let Some(m) = listed.get(area.as_str()) else { continue };
        // By path here: a reader scans for a place, not for the busiest one.
        let all: Vec<String> = m.iter().map(|p| format!("`{p}`")).collect();
        out.push_str(&format!("- `{area}`: {}\n", all.join(", ")));
    }
    out
}

/// The table alone (what the README carries), without the list of every start after it.
pub fn table_part(features_md: &str) -> &str {
    features_md.split(EVERY_START).next().unwrap_or(features_md).trim()
}

/// Each plan's start: its path up to the second named segment, or further where another
/// feature starts there too, until the start names something of its feature's own. Excel's
/// workbooks start at `/me/drive/items/{id}/workbook`, not at OneDrive's `/me/drive`.
fn starts(plans: &[OpPlan<'_>]) -> Vec<String> {
    let mut at: Vec<String> = plans.iter().map(|p| prefix(&p.op.path, 2)).collect();
    let mut depth = vec![2; plans.len()];
    // Each round lengthens the starts another feature shares; a path as long as it goes stops.
    for _ in 0..8 {
        let mut areas: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
        for (p, start) in plans.iter().zip(&at) {
            areas.entry(start).or_default().insert(p.area.as_str());
        }
        let mut next = at.clone();
        for (i, p) in plans.iter().enumerate() {
            let shared = areas.get(at[i].as_str()).is_some_and(|a| a.len() > 1);
            let deeper = prefix(&p.op.path, depth[i] + 1);
            if shared && deeper != at[i] {
                depth[i] += 1;
                next[i] = deeper;
            }
        }
        if next == at {
            break;
        }
        at = next;
    }
    at
}

/// The start of a path up to its `names`th named segment, keys written `{id}`: to the second,
/// `/users/{id}/messages/{id}/attachments` is `/users/{id}/messages`; `/me/drive/root:/{path}:`
/// is `/me/drive`, and to the third `/me/drive/root:`.
fn prefix(path: &PathTemplate, names: usize) -> String {
    let mut out = String::new();
    let mut named = 0;
    // Drive addressing by path keeps its colons, so a start reads as the request line does:
    // `/me/drive/root:/{path}:`, `/me/drive/items/{id}:/{path}:` (a path after a colon).
    let mut after_colon = false;
    for s in path.segments() {
        if named == names {
            break;
        }
        match s.literal() {
            Some(t) => {
                named += 1;
                out.push('/');
                out.push_str(t);
            }
            None if s.param_name().is_some() => out.push_str(match (s.ends_with_colon(), after_colon) {
                (true, true) => "/{path}:",
                (true, false) => "/{id}:",
                (false, _) => "/{id}",
            }),
            // A function call or a segment of several pieces ends the prefix.
            None => break,
        }
        after_colon = s.ends_with_colon();
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
    fn a_row_names_where_the_features_own_requests_start() {
        let ops = [
            crate::plan::areas::tests::op("GET", "/me/drive", "onedrive"),
            crate::plan::areas::tests::op("GET", "/me/drive/items/{id}/children", "onedrive"),
            crate::plan::areas::tests::op("GET", "/me/drive/items/{id}/workbook/worksheets", "excel"),
        ];
        let area = |op: &crate::ir::Operation| if op.product == "excel" { "excel" } else { "files" };
        let plans: Vec<OpPlan<'_>> = ops
            .iter()
            .map(|op| OpPlan { op, module: "me".into(), function: "f".into(), args: vec![], body_struct: None, area: area(op).into() })
            .collect();
        let md = table(&["excel".into(), "files".into()], &plans, &BTreeMap::new());
        let row = |f: &str| md.lines().find(|l| l.starts_with(&format!("| `{f}`"))).unwrap_or_default().to_string();
        // `files` has a request at `/me/drive` itself; `excel` only below it.
        assert!(row("files").contains("`/me/drive`"), "{md}");
        assert!(row("excel").contains("`/me/drive/items/{id}/workbook`") && !row("excel").contains("`/me/drive`,"), "{md}");
    }

    #[test]
    fn prefixes_stop_at_the_second_name() {
        let p = |t: &str| prefix(&PathTemplate::parse(t).0, 2);
        assert_eq!(p("/users/{id}/messages/{message-id}/attachments"), "/users/{id}/messages");
        assert_eq!(p("/me/drive/root:/{item-path}:/content"), "/me/drive");
        assert_eq!(p("/drives/{drive-id}/items/{item-id}"), "/drives/{id}/items");
        assert_eq!(p("/me"), "/me");
        assert_eq!(p("/reports/getEmailActivityCounts(period='{period}')"), "/reports");
        let deeper = prefix(&PathTemplate::parse("/me/drive/items/{item-id}/workbook/worksheets").0, 4);
        assert_eq!(deeper, "/me/drive/items/{id}/workbook");
        let by_path = |t: &str| prefix(&PathTemplate::parse(t).0, 4);
        assert_eq!(by_path("/me/drive/root:/{item-path}:/content"), "/me/drive/root:/{path}:/content");
        assert_eq!(by_path("/me/drive/items/{parent-id}:/{filename}:/content"), "/me/drive/items/{id}:/{path}:/content");
    }
}
