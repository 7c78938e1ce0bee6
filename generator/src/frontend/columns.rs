//! Table header aliases, as data: which column holds the name, the type, the description.

use super::markdown::Inlines;

const NAME: &[&str] = &[
    "property",
    "property name",
    "name",
    "relationship",
    "relationship name",
    "parameter",
    "parameter name",
    "member",
    "query parameter",
    "properties",
    "field",
    // Some Properties tables carry a Methods header by copy and paste.
    "method",
];
const TYPE: &[&str] = &["type", "return type", "data type", "value type"];
/// API pages' parameter tables also head the type column `Value` (`| Name | Value | Description |`).
const PARAMETER_TYPE: &[&str] = &["type", "return type", "data type", "value type", "value"];
const DESCRIPTION: &[&str] = &["description", "notes", "remarks"];
const MEMBER: &[&str] = &["member", "name", "value", "enum member", "members"];
const VALUE: &[&str] = &["value", "int value", "numeric value"];

/// Which column of a table holds what.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// The name column.
    pub name: usize,
    /// The type column, when the table has one.
    pub ty: Option<usize>,
    /// The description column, when the table has one.
    pub description: Option<usize>,
}

fn norm(cell: &Inlines) -> String {
    cell.plain().trim().trim_matches('*').trim().to_lowercase()
}

fn find(header: &[Inlines], names: &[&str]) -> Option<usize> {
    header.iter().position(|c| names.contains(&norm(c).as_str()))
}

/// Columns of a property or parameter table: needs a name and a type column.
pub fn properties(header: &[Inlines]) -> Option<Columns> {
    let name = find(header, NAME)?;
    let ty = find(header, TYPE)?;
    Some(Columns { name, ty: Some(ty), description: find(header, DESCRIPTION) })
}

/// Columns of an API page's parameter table (request body, query, path and function
/// parameters): a name and a type column, the type column maybe headed `Value`.
pub fn parameters(header: &[Inlines]) -> Option<Columns> {
    let name = find(header, NAME)?;
    let ty = find(header, PARAMETER_TYPE).filter(|t| *t != name)?;
    Some(Columns { name, ty: Some(ty), description: find(header, DESCRIPTION) })
}

/// Columns of an enum member table: the first column is a member, and there is no type column.
pub fn members(header: &[Inlines]) -> Option<(usize, Option<usize>, Option<usize>)> {
    if find(header, TYPE).is_some() {
        return None;
    }
    let first = header.first().map(norm)?;
    if !MEMBER.contains(&first.as_str()) {
        return None;
    }
    let value = header.iter().skip(1).position(|c| VALUE.contains(&norm(c).as_str())).map(|i| i + 1);
    Some((0, value, find(header, DESCRIPTION)))
}
