//! Which cargo feature (area) each operation sits behind. The docs' own product (`ms.prod`) is
//! the start, with two corrections a user of the crate needs:
//!
//! - **OneDrive is `files`.** The docs file drives, items, content, upload sessions,
//!   permissions and thumbnails under `sharepoint`, with sites and lists. Users look for them
//!   as files (the official SDKs and the docs' table of contents call them Files), so an
//!   operation of the `sharepoint` product whose path goes through a drive (`drive`, `drives`)
//!   or a sharing link (`shares`) is `files`; sites and lists stay `sharepoint`. Excel
//!   workbooks reached through a drive keep their own product, `excel`.
//! - **A page with no product takes its parent's.** About 30 v1.0 pages have `ms.prod: ""`
//!   (profile photos, workbook names, item permissions). Such an operation takes the product
//!   of the operations documented exactly at its nearest ancestor path (`/me/photo` → `GET
//!   /me` → `users`), else of the operations under that ancestor (`.../workbook/names` → the
//!   workbook's `excel`; `/security/secureScores` → `/security/alerts`'s `security`); the most
//!   common wins, ties by name. With no ancestor at all, a path through a drive or sharing
//!   link is `files`, any other `general`.

use crate::ir::Operation;
use std::collections::BTreeMap;

/// The feature of operations whose product no page or ancestor names.
pub const GENERAL: &str = "general";

/// The docs product that holds OneDrive, and the feature it gets (see the module docs).
const ONEDRIVE_PRODUCT: &str = "sharepoint";
const ONEDRIVE_AREA: &str = "files";

/// The area of every operation, in order.
pub fn of(ops: &[Operation]) -> Vec<String> {
    let own: Vec<Option<String>> = ops.iter().map(|op| (!op.product.trim().is_empty()).then(|| own_area(op))).collect();
    // Path key → the areas of the operations documented there.
    let mut at: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (op, a) in ops.iter().zip(&own) {
        if let Some(a) = a {
            at.entry(op.path.key()).or_default().push(a);
        }
    }
    ops.iter().zip(&own).map(|(op, a)| a.clone().unwrap_or_else(|| inherited(op, &at))).collect()
}

/// An operation's own product as a feature, OneDrive moved to `files`.
fn own_area(op: &Operation) -> String {
    let a = super::area(&op.product);
    if a == ONEDRIVE_PRODUCT && through_drive(op) {
        ONEDRIVE_AREA.to_string()
    } else {
        a
    }
}

/// Whether a path goes through a drive or a sharing link.
fn through_drive(op: &Operation) -> bool {
    op.path.segments().iter().filter_map(|s| s.literal()).any(|l| {
        let l = l.trim_end_matches(':');
        l.eq_ignore_ascii_case("drive") || l.eq_ignore_ascii_case("drives") || l.eq_ignore_ascii_case("shares")
    })
}

/// The area of the nearest ancestor path that has one (see the module docs).
fn inherited(op: &Operation, at: &BTreeMap<String, Vec<&str>>) -> String {
    let mut keys = Vec::new();
    let mut key = String::new();
    for s in op.path.segments() {
        s.push_key(&mut key);
        keys.push(key.clone());
    }
    // Proper ancestors, nearest first: what is documented exactly there, else under it.
    for prefix in keys.iter().rev().skip(1) {
        if let Some(found) = majority(at.get(prefix).into_iter().flatten().copied()) {
            return found;
        }
        let under = format!("{prefix}/");
        let below = at.range(under.clone()..).take_while(|(k, _)| k.starts_with(&under)).flat_map(|(_, v)| v.iter().copied());
        if let Some(found) = majority(below) {
            return found;
        }
    }
    if through_drive(op) {
        ONEDRIVE_AREA.to_string()
    } else {
        GENERAL.to_string()
    }
}

/// The most common name; ties go to the first by name.
fn majority<'a>(areas: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for a in areas {
        *n.entry(a).or_default() += 1;
    }
    let best = n.values().copied().max()?;
    n.into_iter().find(|(_, c)| *c == best).map(|(a, _)| a.to_string())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ir::{HttpMethod, Response, Source};
    use crate::path::PathTemplate;

    /// An operation of `method` at `path`, of the page product `product` (also for the feature
    /// table's tests).
    pub(crate) fn op(method: &str, path: &str, product: &str) -> Operation {
        Operation {
            method: HttpMethod::ALL.into_iter().find(|m| m.as_str() == method).unwrap(),
            path: PathTemplate::parse(path).0,
            documented: vec![],
            source: Source { file: "p.md".into(), line: 1 },
            title: String::new(),
            description: vec![],
            permissions: vec![],
            product: product.into(),
            parameters: vec![],
            query: None,
            query_options: vec![],
            headers: vec![],
            query_parameters: vec![],
            body: None,
            response: Response { status: 200, r#type: None, monitor: None, respond_async: false, multi_status: None },
            examples: vec![],
            settled: Default::default(),
        }
    }

    #[test]
    fn onedrive_is_files_and_sites_stay_sharepoint() {
        let ops = [
            op("GET", "/me/drive/items/{id}/content", "sharepoint"),
            op("GET", "/shares/{id}", "sharepoint"),
            op("GET", "/sites/{id}/lists", "sharepoint"),
            op("GET", "/me/drive/items/{id}/workbook/tables", "excel"),
        ];
        assert_eq!(of(&ops), ["files", "files", "sharepoint", "excel"]);
    }

    #[test]
    fn a_page_without_product_takes_its_nearest_ancestors() {
        let ops = [
            op("GET", "/me", "users"),
            op("GET", "/me/messages", "outlook"),
            op("GET", "/me/photo/$value", ""),
            op("POST", "/me/drive/items/{id}/workbook/tables/add", "excel"),
            op("GET", "/me/drive/items/{id}/workbook/names", ""),
            op("GET", "/security/secureScores", ""),
            op("GET", "/security/alerts", "security"),
            op("GET", "/shares/{id}", ""),
            op("GET", "/print", ""),
        ];
        assert_eq!(of(&ops), ["users", "outlook", "users", "excel", "excel", "security", "security", "files", "general"]);
    }
}
