//! The type-cell grammar of property tables: primitives in any case, `Edm.*`, links,
//! reference-style links, `X collection`, `Collection(X)`, unlinked names, enum anchors.

use super::markdown::{Inline, Inlines};
use super::phrases;

/// What a type cell says, before cross-page resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// The type itself.
    pub base: BaseExpr,
    /// `X collection` or `Collection(X)`.
    pub collection: bool,
}

/// The type a cell names, collection aside.
#[derive(Debug, Clone, PartialEq)]
pub enum BaseExpr {
    /// An `Edm.*` name.
    Primitive(&'static str),
    /// A type name, with the page the cell links to (file stem, lowercase) when it links one.
    Named {
        /// The name as written (link text, or the bare word).
        name: String,
        /// The linked page's stem, lowercase.
        target: Option<String>,
    },
}

/// The Edm name of a primitive word (any case, `Edm.` prefix optional); the words are in
/// [`crate::ir::primitive::PRIMITIVES`].
pub fn primitive(word: &str) -> Option<&'static str> {
    crate::ir::primitive::by_word(word).map(|p| p.name)
}

/// The cell names its type in words the docs' tables do not otherwise use ("Collection of
/// String", "(Optional) String"): read, and worth a finding.
pub fn unusual_wording(cell: &Inlines) -> bool {
    let plain = cell.plain();
    let lower = plain.trim().trim_matches(|c| c == '`' || c == '*').trim().to_ascii_lowercase();
    ["(optional)", "(required)", "collection of "].iter().any(|w| lower.starts_with(w))
}

/// Parse a type cell; `None` when nothing in it looks like a type.
pub fn parse(cell: &Inlines) -> Option<TypeExpr> {
    let plain = cell.plain();
    let lower = plain.to_ascii_lowercase();
    let collection = says_collection(cell);
    // A link names the type; its text may carry " collection" or backticks.
    if let Some((text, dest)) = cell.links().next() {
        let name = clean_name(text);
        if let Some(p) = primitive(&name) {
            return Some(TypeExpr { base: BaseExpr::Primitive(p), collection });
        }
        if !is_identifier(&name) {
            return None;
        }
        // A link into a section (`chat.md#chattype-values`) points at the page's part about
        // the type its text names (the `chatType` enum), not at the page's own type.
        let target = if dest.contains('#') { None } else { link_target(dest) };
        return Some(TypeExpr { base: BaseExpr::Named { name, target }, collection });
    }
    let name = clean_name(&plain);
    if name.is_empty() {
        return None;
    }
    if let Some(p) = primitive(&name) {
        return Some(TypeExpr { base: BaseExpr::Primitive(p), collection });
    }
    // "string (url)", "string, maximum size 20", "Int32 or null": the first word decides.
    let first: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
    if let Some(p) = primitive(&first) {
        return Some(TypeExpr { base: BaseExpr::Primitive(p), collection });
    }
    // "Untyped JSON object": the words say what `Json` says.
    if first.eq_ignore_ascii_case("json") || lower.trim().starts_with("untyped json") {
        let base = BaseExpr::Named { name: "Json".into(), target: None };
        return Some(TypeExpr { base, collection });
    }
    if is_identifier(&name) {
        return Some(TypeExpr { base: BaseExpr::Named { name, target: None }, collection });
    }
    // "alertStatus enum": a name and the kind of type it is.
    if let Some(named) = name.strip_suffix(" enum").map(str::trim).filter(|n| is_identifier(n) && primitive(n).is_none()) {
        return Some(TypeExpr { base: BaseExpr::Named { name: named.to_string(), target: None }, collection });
    }
    None
}

/// The cell says its type is a collection: "collection" is a word of the cell (`[x](x.md)
/// collection`, `Collection(x)`, `collection of [x]`, `[x collection](x.md)`), never part of the
/// type's name: not inside an identifier (`[siteCollection](sitecollection.md)`) nor in link text
/// that names a type in words (`[Windows information protection resource collection](...)`).
pub fn says_collection(cell: &Inlines) -> bool {
    phrases::says_collection(&outside_type_names(cell).to_ascii_lowercase())
}

/// The text of a cell or paragraph with the text of links that name a type in words (not an
/// identifier, `[x collection]` aside) left out: the words the writer says about the types.
pub fn outside_type_names(text: &Inlines) -> String {
    let mut words = String::new();
    for i in &text.0 {
        match i {
            Inline::Text(t) | Inline::Code(t) => words.push_str(t),
            Inline::Link { text, .. } if is_identifier(&clean_name(text)) => words.push_str(text),
            Inline::Link { .. } | Inline::Html(_) => words.push(' '),
        }
    }
    words
}

/// The types after the first of a cell that offers several (`[a](a.md) or [b](b.md)`, `[a], [b]
/// or [c]`): links joined only by `or` and commas. Empty for one type or any other wording.
pub fn alternatives(cell: &Inlines) -> Vec<TypeExpr> {
    let mut out = Vec::new();
    let mut joined = false;
    let mut links = 0;
    for i in &cell.0 {
        match i {
            Inline::Link { text, dest } => {
                if links > 0 && !joined {
                    return Vec::new();
                }
                links += 1;
                joined = false;
                let name = clean_name(text);
                if links > 1 {
                    if !is_identifier(&name) || primitive(&name).is_some() {
                        return Vec::new();
                    }
                    out.push(TypeExpr { base: BaseExpr::Named { name, target: link_target(dest) }, collection: false });
                }
            }
            Inline::Text(t) if links > 0 => {
                let words = t.trim().trim_matches(',').trim();
                if !(words.is_empty() || words.eq_ignore_ascii_case("or")) {
                    return Vec::new();
                }
                joined |= words.eq_ignore_ascii_case("or") || t.contains(',');
            }
            _ => {}
        }
    }
    if joined {
        return Vec::new();
    }
    out
}

/// Strip markup words around a type name: backticks, brackets of reference links, `Collection(`,
/// trailing ` collection`, bold.
fn clean_name(s: &str) -> String {
    let mut t = s.trim().trim_matches(|c| c == '`' || c == '*').trim().to_string();
    // "(Optional) String": whether it is required belongs to the description.
    for marker in ["(optional)", "(required)"] {
        if t.to_ascii_lowercase().starts_with(marker) {
            t = t[marker.len()..].trim().to_string();
        }
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("collection(") {
        t = t["collection(".len()..].trim_end_matches(')').to_string();
    } else if lower.starts_with("collection of ") {
        // "Collection of String": the words for `Collection(String)`.
        t = t["collection of ".len()..].trim().to_string();
    }
    // Reference-style link left unresolved: `[identitySet][]` or `[x][ref]`.
    if t.starts_with('[') {
        if let Some(end) = t.find(']') {
            t = t[1..end].to_string();
        }
    }
    let lower = t.to_ascii_lowercase();
    for suffix in [" collection", " collections"] {
        if lower.ends_with(suffix) {
            t.truncate(t.len() - suffix.len());
            break;
        }
    }
    t.trim().trim_matches(|c| c == '`' || c == '*' || c == '[' || c == ']').trim().to_string()
}

/// A type name: ASCII letters, digits, `.` and `_`, with a letter in it (`3dModel` is a name,
/// `64` is not).
pub(super) fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

/// The page a link points at, as a lowercase file stem: `../resources/itemPhone.md#x` → `itemphone`.
/// In-page anchors and absolute links to other sites give `None`.
pub fn link_target(dest: &str) -> Option<String> {
    let path = dest.split('#').next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.strip_suffix(".md").unwrap_or(if path.contains("graph/api/resources") { file } else { "" });
    if stem.is_empty() {
        None
    } else {
        Some(stem.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::super::markdown::Inline;
    use super::*;

    fn link(name: &str) -> Inline {
        Inline::Link { text: name.into(), dest: format!("{}.md", name.to_ascii_lowercase()) }
    }

    fn names(cell: Vec<Inline>) -> Vec<String> {
        alternatives(&Inlines(cell))
            .into_iter()
            .filter_map(|t| match t.base {
                BaseExpr::Named { name, .. } => Some(name),
                BaseExpr::Primitive(_) => None,
            })
            .collect()
    }

    #[test]
    fn collection_of_words_and_an_optional_marker_name_the_type() {
        let cell = |t: &str| parse(&Inlines(vec![Inline::Text(t.into())]));
        let string = |collection| Some(TypeExpr { base: BaseExpr::Primitive("Edm.String"), collection });
        assert_eq!(cell("Collection of String"), string(true));
        assert_eq!(cell("(Optional) String"), string(false));
    }

    #[test]
    fn alternatives_joined_by_or() {
        let text = |t: &str| Inline::Text(t.into());
        assert_eq!(names(vec![link("appHosted"), text(" or "), link("serviceHosted")]), ["serviceHosted"]);
        assert_eq!(names(vec![link("a"), text(", "), link("b"), text(" or "), link("c")]), ["b", "c"]);
        // One type, other wording, and a trailing join are no alternatives.
        assert!(names(vec![link("a")]).is_empty());
        assert!(names(vec![link("a"), text(" of the "), link("b")]).is_empty());
        assert!(names(vec![link("a"), text(" or "), link("b"), text(" collection")]).is_empty());
        assert!(names(vec![link("a"), link("b")]).is_empty());
    }

    #[test]
    fn collection_is_a_word_of_the_cell_not_of_the_type_name() {
        let text = |t: &str| Inline::Text(t.into());
        let many = |cell: Vec<Inline>| parse(&Inlines(cell)).map(|t| t.collection);
        assert_eq!(many(vec![link("lamp"), text(" collection")]), Some(true));
        assert_eq!(many(vec![text("Collection of "), link("lamp")]), Some(true));
        assert_eq!(many(vec![text("Collection(Edm.String)")]), Some(true));
        assert_eq!(many(vec![text("String collection")]), Some(true));
        assert_eq!(many(vec![Inline::Link { text: "lamp collection".into(), dest: "lamp.md".into() }]), Some(true));
        // A type whose name holds the word is one value.
        assert_eq!(many(vec![link("lampCollection")]), Some(false));
        assert_eq!(many(vec![link("lampCollectionResponse")]), Some(false));
        assert_eq!(many(vec![text("microsoft.graph.lampCollectionStatus")]), Some(false));
        assert_eq!(many(vec![link("lampCollection"), text(" collection")]), Some(true));
        // Link text naming a type in words is the type's name, not a word about it.
        let spelled = Inline::Link { text: "Lamp shade collection".into(), dest: "lampshadecollection.md".into() };
        assert!(!says_collection(&Inlines(vec![spelled.clone()])));
        assert!(says_collection(&Inlines(vec![spelled, text(" collection")])));
    }

    #[test]
    fn untyped_json_in_words_is_json() {
        let cell = Inlines(vec![Inline::Text("Untyped JSON object".into())]);
        assert_eq!(parse(&cell).map(|t| t.base), Some(BaseExpr::Named { name: "Json".into(), target: None }));
    }
}
