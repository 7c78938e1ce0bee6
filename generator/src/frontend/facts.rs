//! What one page says, before any cross-page resolution. The resolver turns these into the IR.

use super::typecell::TypeExpr;
use crate::ir::{Example, PathTemplate, RequestHeader, Source};

/// Everything one page says, in the page's order.
#[derive(Debug, Default, Clone)]
pub struct PageFacts {
    /// Types its property tables describe (a resource page).
    pub types: Vec<RawType>,
    /// Enums its value tables and "Possible values" phrases list.
    pub enums: Vec<RawEnum>,
    /// Endpoints its HTTP request block documents (an API page).
    pub operations: Vec<RawOperation>,
    /// Example fences on pages that document no operation (resource and overview pages).
    pub examples: Vec<Example>,
}

/// A structured type as one page describes it.
#[derive(Debug, Clone)]
pub struct RawType {
    /// Qualified name from the resource annotation (`@odata.type`), when present.
    pub annotated: Option<String>,
    /// Simple name from the H1 (`itemPhone` in "itemPhone resource type").
    pub title_name: Option<String>,
    /// `Namespace:` line of the page, else `microsoft.graph`.
    pub namespace: String,
    /// `baseType` from the annotation.
    pub base_annotation: Option<String>,
    /// "Inherits from [x](x.md)": the name and the linked page stem.
    pub base_text: Option<(String, Option<String>)>,
    /// The annotation or text says abstract.
    pub is_abstract: bool,
    /// The annotation says `openType`, or the intro says "this is an open type".
    pub open: bool,
    /// The annotation names a `keyProperty`: an entity.
    pub keyed: bool,
    /// The intro's description.
    pub description: String,
    /// Rows of the property and relationship tables, in order.
    pub properties: Vec<RawProperty>,
    /// Lowercase stem of the page file, for resolving links to this page.
    pub page_stem: String,
    /// The JSON representation block: a cross-check of the property tables.
    pub json: Option<JsonRepr>,
    /// API page stems the Methods table links.
    pub methods: Vec<String>,
    /// For Methods table rows whose return type cell links a resource page: the API page stem
    /// and that page's stem (`user-list-joinedteams` → `team`).
    pub method_returns: Vec<(String, String)>,
    /// For each Methods table row whose first cell links an API page: that page's stem and the
    /// link's text, the name the owner gives the method (`AddFormulaLocal`).
    pub method_names: Vec<(String, String)>,
    /// Types this page lists as derived from its own (`the derived types are [a], [b]`), each
    /// with the line naming it: a base type's page is a second source for the derived type's base.
    pub derived: Vec<(super::hierarchy::Named, u32)>,
    /// Rows of its tables that name other types as members of a collection (evidence of those
    /// types' bases, see [`super::hierarchy::Mention`]).
    pub mentions: Vec<super::hierarchy::Mention>,
    /// The page's product (`ms.prod`), the area its type joins when no request reaches it.
    pub product: String,
    /// The resource annotation's line, else the title's.
    pub source: Source,
}

/// A row of a property, relationship or parameter table.
#[derive(Debug, Clone)]
pub struct RawProperty {
    /// The name cell, markup and stray invisible characters removed.
    pub name: String,
    /// The type cell read by the type grammar; `None` when it is not a type.
    pub ty: Option<TypeExpr>,
    /// The cell text, for diagnostics when `ty` is `None`.
    pub type_text: String,
    /// Further types the cell offers (`[a](a.md) or [b](b.md)`): the property takes their
    /// nearest common base, which the resolver finds.
    pub alternatives: Vec<TypeExpr>,
    /// From a relationships table (or a row that says it is one).
    pub navigation: bool,
    /// The description says read-only.
    pub read_only: bool,
    /// The description cell.
    pub description: String,
    /// Members listed by a "Possible values are" phrase in the description.
    pub possible_values: Vec<String>,
    /// The row.
    pub source: Source,
}

/// An enumeration as one page lists it.
#[derive(Debug, Clone)]
pub struct RawEnum {
    /// Simple name (`phoneType`).
    pub name: String,
    /// `Namespace:` line of the page, else `microsoft.graph`.
    pub namespace: String,
    /// (name, value when given, description), in table order.
    pub members: Vec<(String, Option<i64>, String)>,
    /// The table or phrase that lists it.
    pub source: Source,
}

/// One request line of an API page, with what the rest of the page says about it.
#[derive(Debug, Clone)]
pub struct RawOperation {
    /// The method of the request line.
    pub method: crate::ir::HttpMethod,
    /// The template, sample values made parameters.
    pub path: PathTemplate,
    /// The path as the page writes it (no query).
    pub documented: String,
    /// Query text after `?` on the request line, verbatim.
    pub query: Option<String>,
    /// The page's H1.
    pub title: String,
    /// The paragraphs under the H1 (`page_notes::description`).
    pub description: Vec<String>,
    /// The permissions table's rows.
    pub permissions: Vec<crate::ir::Permission>,
    /// `ms.prod` of the page, lowercase, empty when missing or a placeholder.
    pub product: String,
    /// The request line.
    pub source: Source,
    /// What the request body section says.
    pub body: RawBody,
    /// Why `body` is what it is, when the page left a choice (a parameter table outside the
    /// request body section): the IR's `settled.body`.
    pub body_settled: Option<String>,
    /// Why the path has arguments its request line leaves out (see
    /// [`crate::resolve::function_args`]): the IR's `settled.path`.
    pub path_settled: Option<String>,
    /// The page's `Namespace:` line, else `microsoft.graph`: where the names it uses for its
    /// body and answer are looked up first (and a type it links without a page is guessed).
    pub namespace: String,
    /// What the response section says.
    pub response: RawResponse,
    /// The page's examples (all on the first request line; the resolver hands them out).
    pub examples: Vec<Example>,
    /// What the page says about the OData system query options the method supports.
    pub query_options: QueryOptions,
    /// Request headers the page names, `Authorization` aside.
    pub headers: Vec<RequestHeader>,
    /// Rows of query-parameter tables.
    pub query_parameters: Vec<RawProperty>,
    /// Rows of function- and path-parameter tables, matched to `{x}` parameters by name.
    pub path_parameters: Vec<RawProperty>,
    /// Lowercase stem of the resource the page is about (first resource link in the intro).
    pub subject: Option<(String, Option<String>)>,
}

/// What a page's request body section says.
#[derive(Debug, Clone)]
pub enum RawBody {
    /// "Do not supply a request body", or nothing.
    None,
    /// "supply a JSON representation of \[x\]"; the table beside it, if any, is kept to check
    /// its types.
    Type(TypeExpr, Vec<RawProperty>),
    /// A table of parameters (an action's body).
    Parameters(Vec<RawProperty>),
}

/// What a page's response section says.
#[derive(Debug, Clone, Default)]
pub struct RawResponse {
    /// The status the sentence names ("returns a `201 Created` response code").
    pub status: Option<u16>,
    /// From the first response annotation `@odata.type`.
    pub annotated: Option<String>,
    /// That annotation's line, where a finding about the type it names points.
    pub annotated_line: u32,
    /// From the response sentence.
    pub stated: Option<TypeExpr>,
    /// The unlinked word the response sentence puts before "object", when it links no type:
    /// the answer's type if the docs define a type of that name.
    pub worded: Option<TypeExpr>,
    /// "returns a `204 No Content` response code".
    pub no_content: bool,
    /// The type a sentence about the `Location` (or `Operation-Location`) header links ("a
    /// `Location` header, which contains the location of the \[teamsAsyncOperation\]"): what a
    /// `202 Accepted` leaves to poll.
    pub monitor: Option<TypeExpr>,
    /// The resource of the GET page such a paragraph links ("[get the status of the copy
    /// operation](onenoteoperation-get.md)"), when it links no resource: a guess by the docs'
    /// page naming, kept only where a page defines it.
    pub monitor_page: Option<TypeExpr>,
    /// A sentence of the response section speaks of the `Location` (or `Operation-Location`)
    /// header, linking a type or not.
    pub location_said: bool,
    /// The response sentence's line.
    pub line: u32,
    /// Status of the page's first response example.
    pub example_status: Option<u16>,
}

/// A resource page's JSON representation: each top-level key (`@` annotations aside) with its
/// template value and the line it is on.
#[derive(Debug, Clone)]
pub struct JsonRepr {
    /// The fence's line.
    pub line: u32,
    /// (key, value, line of the key).
    pub entries: Vec<(String, serde_json::Value, u32)>,
    /// The keys its annotation's `optionalProperties` lists: on an open type, properties an
    /// instance may carry beyond its table (`identitySet.phone`).
    pub optional: Vec<String>,
}

/// What a page's query-parameters section says about the OData system query options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryOptions {
    /// The options it names, as supported or in examples (`$select`, `$filter`), sorted.
    pub named: Vec<String>,
    /// The options a sentence says are not supported ("`$filter` is not supported"), sorted.
    pub excluded: Vec<String>,
    /// It says the method supports OData query parameters, in any wording: "the OData query
    /// parameters", "... including `$filter`", "some of the OData query parameters", "the
    /// `$top` OData query parameter".
    pub claimed: bool,
    /// It says the named ones are all: "only supports the following OData query parameters",
    /// "the other OData query parameters are not supported".
    pub closed: bool,
}
