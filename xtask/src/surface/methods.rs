//! A third statement of each GET's answer: the "Return type" column of the Methods tables of
//! the resource pages that link its page (`| [List users](../api/user-list.md) | [user](user.md)
//! collection |`). Read here by a plain scan of the pages, sharing no code with the generator's
//! front end, and set against the answer each GET settled on.

use graphgen::ir::{Api, HttpMethod, TypeRef};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Default)]
pub struct Methods {
    /// GETs whose page a Methods table links with a return type naming a resource page.
    pub listed: usize,
    pub agree: usize,
    /// The table names a base or derived kind of the answer (same cardinality).
    pub related: usize,
    /// The table names the answer's type, one where the answer is a collection or the reverse
    /// (Methods tables often leave `collection` out of a list's row).
    pub cardinality: usize,
    /// The GETs behind `cardinality`, listed by `--show kinds`.
    pub kinds: Vec<String>,
    pub disagree: Vec<String>,
}

pub fn measure(api: &Api, docs: &Path) -> Methods {
    let space = graphgen::urlspace::UrlSpace::of(api);
    // Resource page (version-relative, `resources/user.md`) → the type it defines.
    let page_type: BTreeMap<String, &str> = api.types.values().map(|t| (t.source.file.to_ascii_lowercase(), t.name.as_str())).collect();
    let said = scan(&docs.join(&api.version), &api.version, &page_type);
    let mut m = Methods::default();
    for op in api.operations.iter().filter(|o| o.method == HttpMethod::Get) {
        let stem = op.source.file.rsplit('/').next().unwrap_or("").trim_end_matches(".md").to_ascii_lowercase();
        let Some(rows) = said.get(&stem) else { continue };
        // A `$value` or `$count` segment answers bytes or a number whatever the table says.
        if op.path.as_str().contains("/$") {
            continue;
        }
        m.listed += 1;
        let Some(answer) = op.response.r#type.as_ref() else {
            m.disagree.push(format!("GET {}  [{}] answers nothing, Methods table {}", op.path, op.source.file, rows[0]));
            continue;
        };
        let line = || {
            let list: Vec<String> = rows.iter().map(ToString::to_string).collect();
            format!("GET {}  [{}] answers {answer}, Methods table {}", op.path, op.source.file, list.join(" / "))
        };
        match super::verdict(&space, rows, answer) {
            super::Verdict::Agrees => m.agree += 1,
            super::Verdict::Related => m.related += 1,
            super::Verdict::Cardinality => {
                m.cardinality += 1;
                m.kinds.push(line());
            }
            super::Verdict::Differs => m.disagree.push(line()),
        }
    }
    m
}

/// API page stem → the return types Methods tables give it, where the cell links a resource
/// page that defines a type.
fn scan(dir: &Path, version: &str, page_type: &BTreeMap<String, &str>) -> BTreeMap<String, Vec<TypeRef>> {
    let mut out: BTreeMap<String, Vec<TypeRef>> = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir.join("resources")) else { return out };
    for e in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        let mut in_methods = false;
        for line in text.lines() {
            if line.starts_with('#') {
                in_methods = line.trim_start_matches('#').trim().eq_ignore_ascii_case("methods");
                continue;
            }
            if !in_methods || !line.trim_start().starts_with('|') {
                continue;
            }
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
            let (Some(method), Some(ret)) = (cells.first(), cells.get(1)) else { continue };
            let Some(api_page) = link_target(method).filter(|t| t.contains("/api/") || t.starts_with("../api")) else { continue };
            let Some(res_page) = link_target(ret) else { continue };
            let file = format!("{version}/resources/{}", res_page.rsplit('/').next().unwrap_or("").split('#').next().unwrap_or(""))
                .to_ascii_lowercase();
            let Some(name) = page_type.get(&file) else { continue };
            let collection = says_collection(ret);
            let stem =
                api_page.rsplit('/').next().unwrap_or("").split('#').next().unwrap_or("").trim_end_matches(".md").to_ascii_lowercase();
            let t = TypeRef { name: name.to_string(), collection };
            let rows = out.entry(stem).or_default();
            if !rows.contains(&t) {
                rows.push(t);
            }
        }
    }
    out
}

/// Whether a return type cell says a collection outside its link: "[x](x.md) collection" and
/// "Collection of [x](x.md)" both do; a linked name that contains the word (`siteCollection`)
/// does not.
fn says_collection(cell: &str) -> bool {
    let (before, after) = match (cell.find('['), cell.find("](").and_then(|s| cell[s..].find(')').map(|e| s + e + 1))) {
        (Some(open), Some(close)) if open < close => (&cell[..open], &cell[close..]),
        _ => (cell, ""),
    };
    [before, after].iter().any(|t| t.to_ascii_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == "collection"))
}

/// The target of the first markdown link in a cell: `[x](../api/x.md)` → `../api/x.md`.
fn link_target(cell: &str) -> Option<&str> {
    let start = cell.find("](")? + 2;
    let end = cell[start..].find(')')? + start;
    Some(cell[start..end].trim())
}

#[cfg(test)]
mod tests {
    use super::says_collection;

    #[test]
    fn a_return_cell_says_collection_before_or_after_its_link_not_inside_it() {
        assert!(says_collection("Collection of [offerShiftRequest](offershiftrequest.md)"));
        assert!(says_collection("[user](user.md) collection"));
        assert!(!says_collection("[offerShiftRequest](offershiftrequest.md)"));
        assert!(!says_collection("[siteCollection](sitecollection.md)"));
    }
}
