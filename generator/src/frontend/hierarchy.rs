//! What a resource page's prose says about the type hierarchy beyond `Inherits from [x]`:
//! `a subclass of [x]` (this type's base), "this is an open type", and the derived types a base
//! type's page lists (`the derived types are [a], [b]`, a "Derived types" section, or the list
//! after "Supported derived types:"). Base pages are the second place the docs state an
//! inheritance: the resolver gives a listed type whose own page names no base that base.

use super::markdown::{Block, Inlines, Table};
use super::typecell::{self, BaseExpr};

/// A type named by a link: its text and the linked page's stem (lowercase).
pub type Named = (String, Option<String>);

/// `This is a subclass of [x]`, `This resource is a subclass of [x]`, `A subclass of [x] that
/// ...`, `This creates a subclass from [x]`: sentences whose subject is the page's own type name
/// its base. `y is a subclass of [x]`, about another type, does not.
pub fn subclass_of(text: &Inlines) -> Option<Named> {
    let lower = text.plain().to_ascii_lowercase();
    for phrase in ["subclass of", "subclass from"] {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|s| s.find(phrase)) {
            let at = from + i;
            from = at + phrase.len();
            let sentence = lower[..at].rfind(". ").map_or(0, |j| j + 2);
            let subject = lower[sentence..at].trim();
            if matches!(subject, "a" | "this is a" | "this resource is a" | "this type is a" | "it is a" | "this creates a") {
                return link_after(text, from, 3);
            }
        }
    }
    None
}

/// "This is an open type", "It is an Open Type": the page's own type takes keys beyond its
/// properties (pages that say so in prose but not in the annotation's `openType`).
pub fn says_open(lower: &str) -> bool {
    // "provide an easy way to directly add untyped properties": keys of the caller's choosing.
    ["this is an open type", "it is an open type", "this type is an open type", "this resource is an open type", "add untyped properties"]
        .iter()
        .any(|p| lower.contains(p))
}

/// The derived types a base type's page lists, each with the line of the row or item naming it.
pub fn derived_types(blocks: &[Block]) -> Vec<(Named, u32)> {
    let mut out = Vec::new();
    // Under a "Derived types" heading: each table row's and each list item's first link.
    let mut section = false;
    // After a sentence that ends "derived types:" (or "... derived types of attachments:"): the
    // list items that follow, until a paragraph without a link.
    let mut list = false;
    for b in blocks {
        match b {
            Block::Heading { text, .. } => {
                section = super::page::normalize_heading(text) == "derived types";
                list = false;
            }
            Block::Table(t) if section => {
                for row in &t.rows {
                    if let Some(n) = row.cells.first().and_then(|c| c.links().next()).and_then(|(t, d)| named(t, d)) {
                        out.push((n, row.line));
                    }
                }
            }
            Block::Para { text, line } => {
                let lower = text.plain().to_ascii_lowercase();
                let first = text.links().next().and_then(|(t, d)| named(t, d));
                if list || section {
                    match first {
                        Some(n) => {
                            out.push((n, *line));
                            continue;
                        }
                        None => list = false,
                    }
                }
                if lower.contains("derived types") && lower.trim_end().ends_with(':') {
                    list = true;
                } else if let Some(listed) = listed_after(&lower, text) {
                    // The links of that sentence.
                    for (at, t, d) in text.links_at() {
                        if listed.contains(&at) {
                            out.extend(named(t, d).map(|n| (n, *line)));
                        }
                    }
                }
            }
            _ => list = false,
        }
    }
    out
}

/// Where, in a paragraph's plain text, the rest of a sentence lists derived types: after "the
/// derived types are", or after "base type for" ("This is a base type for a person ..., which
/// can be a [bookingCustomer] or [bookingStaffMember]", "**eventMessage** is the base type for
/// [eventMessageRequest] and ...") when no link comes before it in the sentence: its subject is
/// then the page's own type, not a linked one.
fn listed_after(lower: &str, text: &Inlines) -> Option<std::ops::Range<usize>> {
    ["derived types are", "base type for"].iter().find_map(|phrase| {
        let i = lower.find(phrase)?;
        let sentence = lower.get(..i)?.rfind(". ").map_or(0, |j| j + 2);
        if *phrase == "base type for" && text.links_at().iter().any(|(at, ..)| (sentence..i).contains(at)) {
            return None;
        }
        let start = i + phrase.len();
        let end = lower.get(start..)?.find(". ").map_or(lower.len(), |j| start + j);
        Some(start..end)
    })
}

/// A row of a property or relationship table typed as a collection of a named type whose
/// description links other types: `members | [directoryObject] collection | The [user]s and
/// [orgContact]s in the group.` The linked types are said to be members of that collection,
/// so they descend from its type: evidence of their base that a base type's page gives by
/// using them, even where it does not list them.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The collection's member type, as the type cell names it.
    pub collection: Named,
    /// The types the description links, other than the collection's own.
    pub members: Vec<Named>,
    /// The row's line.
    pub line: u32,
}

/// The rows of a property or relationship table that [`Mention`] other types as members.
pub fn mentions(table: &Table) -> Vec<Mention> {
    let Some(cols) = super::columns::properties(&table.header) else { return Vec::new() };
    let (Some(ty), Some(desc)) = (cols.ty, cols.description) else { return Vec::new() };
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(expr) = row.cells.get(ty).and_then(typecell::parse).filter(|e| e.collection) else { continue };
        let BaseExpr::Named { name, target } = expr.base else { continue };
        let Some(cell) = row.cells.get(desc) else { continue };
        let members: Vec<Named> = cell
            .links()
            .filter_map(|(t, d)| named(t, d))
            .filter(|(n, stem)| !n.eq_ignore_ascii_case(&name) && (stem.is_none() || stem != &target))
            .collect();
        if !members.is_empty() {
            out.push(Mention { collection: (name, target), members, line: row.line });
        }
    }
    out
}

/// The first link within `slack` bytes after byte `at` of the plain text.
fn link_after(text: &Inlines, at: usize, slack: usize) -> Option<Named> {
    text.links_at().into_iter().find(|(o, _, _)| *o >= at && *o <= at + slack).and_then(|(_, t, d)| named(t, d))
}

/// A link that names a type: its text is one identifier (backticks and bold aside).
fn named(text: &str, dest: &str) -> Option<Named> {
    let name = text.trim().trim_matches(|c| c == '`' || c == '*').trim();
    typecell::is_identifier(name).then(|| (name.to_string(), typecell::link_target(dest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> Vec<Block> {
        let mut diags = crate::diag::Diags::default();
        crate::frontend::page::parse("t.md", md, &mut diags).blocks
    }

    fn para(md: &str) -> Inlines {
        match blocks(md).into_iter().next() {
            Some(Block::Para { text, .. }) => text,
            other => panic!("not a paragraph: {other:?}"),
        }
    }

    #[test]
    fn subclass_sentences_about_this_type() {
        let p = para("Used with the **grading** property. This is a subclass of [gradeType](gradetype.md).\n");
        assert_eq!(subclass_of(&p), Some(("gradeType".into(), Some("gradetype".into()))));
        let p = para("A subclass of [educationResource](educationresource.md). It is a link.\n");
        assert_eq!(subclass_of(&p).map(|n| n.0), Some("educationResource".into()));
        let p = para("Each submission has one. This creates a subclass from [grade](grade.md),\nwhich adds data.\n");
        assert_eq!(subclass_of(&p).map(|n| n.0), Some("grade".into()));
        // Another type's sentence, and a link further on, are not this type's base.
        assert_eq!(subclass_of(&para("The [other](o.md) type is a subclass of [base](b.md).\n")), None);
        assert_eq!(subclass_of(&para("This is a subclass of the type in [base](b.md).\n")), None);
    }

    #[test]
    fn open_type_sentences() {
        assert!(says_open("this is an open type that represents a set of tokens."));
        assert!(!says_open("this type is used in the open type plannerassignments."));
    }

    #[test]
    fn collection_rows_mention_their_members() {
        let md = "# x\n\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n\
                  | members | [thing](thing.md) collection | The [widget](widget.md)s and [gadget](gadget.md)s it holds; see [thing](thing.md). |\n\
                  | owner | [thing](thing.md) | One [widget](widget.md). |\n\
                  | parts | [thing](thing.md) collection | No links here. |\n";
        let Some(Block::Table(t)) = blocks(md).into_iter().find(|b| matches!(b, Block::Table(_))) else { panic!("no table") };
        let found = mentions(&t);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].collection, ("thing".into(), Some("thing".into())));
        let members: Vec<&str> = found[0].members.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(members, ["widget", "gadget"]);
    }

    #[test]
    fn derived_type_lists() {
        let names = |md: &str| derived_types(&blocks(md)).into_iter().map(|(n, _)| n.0).collect::<Vec<_>>();
        assert_eq!(
            names("# x\n\nThe result. This is a base class; the derived types are [a](a.md), [b](b.md), and [c](c.md).\n\n## Methods\n"),
            ["a", "b", "c"]
        );
        assert_eq!(
            names("# x\n\nA base. Supported derived types:\n\n- [a](a.md) is a derived type of x.\n\n- [b](b.md) is another.\n\n## Properties\n"),
            ["a", "b"]
        );
        assert_eq!(
            names("# x\n\nx is the base for these:\n\n* A file ([a](a.md) resource)\n\nNo link here. [c](c.md)\n"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("# x\n\nbase of the following derived types:\n\n* A file ([a](a.md) resource)\n\nNo link here.\n\n* [c](c.md)\n"),
            ["a"]
        );
        assert_eq!(names("# x\n\nThis is a base type for a person, which can be a [a](a.md) or [b](b.md). See [c](c.md).\n"), ["a", "b"]);
        assert_eq!(names("# x\n\nThe **x** entity is derived from [m](m.md). **x** is the base type for [a](a.md).\n"), ["a"]);
        // About another type: not this page's list.
        assert_eq!(names("# x\n\nSee [y](y.md), the base type for [a](a.md).\n"), Vec::<String>::new());
        assert_eq!(
            names("# x\n\n## Derived types\n\n| Type | Description |\n|:--|:--|\n| [a](./a.md) | A. |\n| [b](b.md) | B. |\n\n## JSON\n"),
            ["a", "b"]
        );
    }
}
