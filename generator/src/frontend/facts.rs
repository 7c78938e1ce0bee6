//! What one page says, before any cross-page resolution. The resolver turns these into the IR.

use super::typecell::TypeExpr;
use crate::ir::{Example, PathTemplate, RequestHeader, Source};

#[derive(Debug, Default)]
pub struct PageFacts {
    pub types: Vec<RawType>,
    pub enums: Vec<RawEnum>,
    pub operations: Vec<RawOperation>,
    /// Example fences on pages that document no operation (resource and overview pages).
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone)]
pub struct RawType {
    /// Qualified name from the resource annotation (`@odata.type`), when present.
    pub annotated: Option<String>,
    /// Simple name from the H1 (`itemPhone` in "itemPhone resource type").
    pub title_name: Option<String>,
    pub namespace: String,
    /// `baseType` from the annotation.
    pub base_annotation: Option<String>,
    /// "Inherits from [x](x.md)": the name and the linked page stem.
    pub base_text: Option<(String, Option<String>)>,
    pub is_abstract: bool,
    pub open: bool,
    pub keyed: bool,
    pub description: String,
    pub properties: Vec<RawProperty>,
    /// Lowercase stem of the page file, for resolving links to this page.
    pub page_stem: String,
    /// The JSON representation block: a cross-check of the property tables.
    pub json: Option<JsonRepr>,
    /// API page stems the Methods table links.
    pub methods: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct RawProperty {
    pub name: String,
    pub ty: Option<TypeExpr>,
    /// The cell text, for diagnostics when `ty` is `None`.
    pub type_text: String,
    pub navigation: bool,
    pub read_only: bool,
    pub description: String,
    /// Members listed by a "Possible values are" phrase in the description.
    pub possible_values: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct RawEnum {
    /// Simple name (`phoneType`).
    pub name: String,
    pub namespace: String,
    pub members: Vec<(String, Option<i64>, String)>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct RawOperation {
    pub method: crate::ir::HttpMethod,
    /// The template, sample values made parameters.
    pub path: PathTemplate,
    /// The path as the page writes it (no query).
    pub documented: String,
    pub query: Option<String>,
    pub title: String,
    /// `ms.prod` of the page, lowercase, empty when missing or a placeholder.
    pub product: String,
    pub source: Source,
    pub body: RawBody,
    pub response: RawResponse,
    pub examples: Vec<Example>,
    /// OData system query options the page says the method supports (`$select`, `$filter`).
    pub query_options: Vec<String>,
    /// Request headers the page names, `Authorization` aside.
    pub headers: Vec<RequestHeader>,
    /// Rows of query-parameter tables.
    pub query_parameters: Vec<RawProperty>,
    /// Rows of function- and path-parameter tables, matched to `{x}` parameters by name.
    pub path_parameters: Vec<RawProperty>,
    /// Lowercase stem of the resource the page is about (first resource link in the intro).
    pub subject: Option<(String, Option<String>)>,
}

#[derive(Debug, Clone)]
pub enum RawBody {
    None,
    /// "supply a JSON representation of [x]"; the table beside it, if any, is kept to check
    /// its types.
    Type(TypeExpr, Vec<RawProperty>),
    Parameters(Vec<RawProperty>),
}

#[derive(Debug, Clone, Default)]
pub struct RawResponse {
    pub status: Option<u16>,
    /// From the first response annotation `@odata.type`.
    pub annotated: Option<String>,
    /// From the response sentence.
    pub stated: Option<TypeExpr>,
    pub no_content: bool,
    pub line: u32,
    /// Status of the page's first response example.
    pub example_status: Option<u16>,
}

/// A resource page's JSON representation: each top-level key (`@` annotations aside) with its
/// template value and the line it is on.
#[derive(Debug, Clone)]
pub struct JsonRepr {
    pub line: u32,
    pub entries: Vec<(String, serde_json::Value, u32)>,
}
