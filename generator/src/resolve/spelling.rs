//! One spelling per path segment. Graph matches segments case-insensitively, so
//! `/directoryroles` and `/directoryRoles` are one endpoint; the docs spell it both ways. A
//! segment the URL model knows is spelled as its root or relationship is; any other as most
//! pages spell it at that place (camelCase on a tie). Each page spelling it otherwise is told.

use super::roots;
use crate::diag::{Code, Diags};
use crate::ir::Operation;
use crate::urlspace::UrlSpace;
use std::collections::BTreeMap;

pub fn settle(mut pages: Vec<Operation>, space: &UrlSpace<'_>, diags: &mut Diags) -> Vec<Operation> {
    let walks: Vec<Vec<Option<String>>> = pages.iter().map(|p| space.walk(&p.path).spelling).collect();
    // Lowercase key of each literal segment's prefix → the spellings used there.
    let mut used: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let keys: Vec<Vec<String>> = pages.iter().map(prefix_keys).collect();
    for (p, keys) in pages.iter().zip(&keys) {
        for (seg, key) in p.path.segments().iter().zip(keys) {
            if let Some(l) = seg.literal() {
                used.entry(key.clone()).or_default().push(l.to_string());
            }
        }
    }
    let chosen: BTreeMap<&String, String> = used.iter().map(|(k, v)| (k, roots::spelling(v.iter().map(String::as_str)))).collect();
    for ((p, model), keys) in pages.iter_mut().zip(walks).zip(&keys) {
        let new = p.path.respelled(|i, lit| {
            let want = model.get(i).cloned().flatten().or_else(|| chosen.get(&keys[i]).cloned())?;
            (want != lit && want.eq_ignore_ascii_case(lit)).then_some(want)
        });
        if new != p.path {
            diags.push(
                &p.source.file,
                p.source.line,
                Code::PathCase,
                format!("`{}` is spelled `{}` by the relationships or by most pages; read as that", p.path, new),
            );
            // Parameters keep their types and descriptions; the segment before each is respelled.
            for (param, site) in p.parameters.iter_mut().zip(new.params()) {
                param.after = site.after;
            }
            p.path = new;
        }
    }
    pages
}

/// For each segment, the lowercase key of the path up to and including it.
fn prefix_keys(p: &Operation) -> Vec<String> {
    let mut key = String::new();
    p.path
        .segments()
        .iter()
        .map(|s| {
            s.push_key(&mut key);
            key.clone()
        })
        .collect()
}
