//! The intermediate schema (IR): what the docs say about an API version, independent of Rust.
//!
//! Shape (serialized as YAML or JSON with these field names; optional fields are left out when
//! empty):
//!
//! ```text
//! Ir
//! ├─ format: 1                      IR format version; `Ir::from_yaml` refuses any other
//! └─ apis: { "v1.0": Api, ... }     one per docs version folder
//!    Api
//!    ├─ version
//!    ├─ types: { "microsoft.graph.itemPhone": ComplexType }   OData qualified names
//!    │    name, kind (entity|complex), base?, abstract?, open?, description?, source,
//!    │    properties: [ Property { name, type, navigation?, read_only?, description?, source } ],
//!    │    settled? (why the base and the name's spelling are what they are, where pages differ)
//!    ├─ enums: { "microsoft.graph.phoneType": EnumType }
//!    │    name, flags?, members: [ { name, value?, description? } ], source
//!    ├─ operations: [ Operation ]    sorted by (path, method)
//!    │    method (GET|POST|PATCH|PUT|DELETE), path (the template, sample values made
//!    │    parameters), documented? (the pages' spellings), source, title?, product?,
//!    │    parameters (path: name, after, function_arg?, type?, description?), query?,
//!    │    query_options?, headers?, query_parameters?, body? (type or parameters),
//!    │    response { status, type? }, examples? [ { name?, request?, response? } ],
//!    │    settled? (why the page, answer and body are what they are)
//!    ├─ roots: { "users": Root { name, type, collection?, evidence } }   entity sets, singletons
//!    └─ examples: [ Example ]        fences on pages that document no operation
//! ```
//!
//! Diagnostics are not part of the IR; they go to stderr or a report. Type references are
//! strings in OData form: `Edm.String`, `microsoft.graph.identitySet`,
//! `Collection(microsoft.graph.itemPhone)`. Every fact carries `source` (file and line) so that
//! diagnostics, drift reports and generated doc comments can point back to the page.

pub mod primitive;
mod typeref;

pub use crate::path::PathTemplate;
pub use typeref::TypeRef;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The IR format this generator writes and reads.
pub const FORMAT: u32 = 1;

/// Types whose values are any JSON at all: OData's `Edm.Untyped`, and Graph's `Json` complex
/// type (documented with no properties; it carries workbook values, formulas and the like).
pub const ANY_JSON: &[&str] = &["Edm.Untyped", "microsoft.graph.Json"];

/// The whole IR: what the docs say, resolved, per API version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ir {
    /// [`FORMAT`] when written by this version of the generator.
    pub format: u32,
    /// One API per docs version folder, by version name (`v1.0`, `beta`).
    pub apis: BTreeMap<String, Api>,
}

impl Ir {
    /// An IR snapshot (`ir.yaml`) read back, refused when its `format` is not this generator's:
    /// a snapshot of another format would be read as something it does not say.
    pub fn from_yaml(text: &str) -> Result<Ir, String> {
        #[derive(Deserialize)]
        struct Head {
            format: u32,
        }
        let head: Head = serde_yaml::from_str(text).map_err(|e| format!("not an IR snapshot: {e}"))?;
        if head.format != FORMAT {
            return Err(format!("IR format {} where this generator reads format {FORMAT}", head.format));
        }
        serde_yaml::from_str(text).map_err(|e| format!("IR snapshot does not read: {e}"))
    }
}

/// One API version: its types, enums, operations and the roots of its URL space.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// The docs version folder it was read from (`v1.0`, `beta`).
    pub version: String,
    /// Structured types (entities and complex types) by qualified name (`microsoft.graph.user`).
    pub types: BTreeMap<String, ComplexType>,
    /// Enumerations by qualified name.
    pub enums: BTreeMap<String, EnumType>,
    /// Every documented `METHOD path`, one per endpoint, sorted by path then method.
    pub operations: Vec<Operation>,
    /// Entity sets and singletons at the service root (`users`, `me`), from the list and get
    /// pages: the top of the URL-space model every operation's path is resolved through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roots: BTreeMap<String, Root>,
    /// Example fences on pages that document no operation, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// Where a thing was read: a page and a line of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    /// Page path relative to the docs root, `/`-separated (`v1.0/resources/user.md`).
    pub file: String,
    /// 1-based line.
    pub line: u32,
}

/// A page's file name without its folder and `.md`, lowercased (`user-list`): pages name the
/// type they are about in it, so several resolver rules weigh it.
pub fn page_stem(file: &str) -> String {
    file.rsplit('/').next().unwrap_or(file).trim_end_matches(".md").to_ascii_lowercase()
}

/// Whether a structured type has identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// Has a key (`keyProperty` in the annotation) and its own address.
    Entity,
    /// A structured value without identity.
    Complex,
}

/// A structured type: an entity or a complex type, with its own properties (inherited ones
/// live on its bases; see [`lineage`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplexType {
    /// Qualified name (`microsoft.graph.user`).
    pub name: String,
    /// Entity or complex type.
    pub kind: TypeKind,
    /// The qualified name of the type it derives from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Abstract: only derived types have values.
    #[serde(default, skip_serializing_if = "is_false")]
    pub r#abstract: bool,
    /// Open: values may carry keys no property declares (kept as data by the crate).
    #[serde(default, skip_serializing_if = "is_false")]
    pub open: bool,
    /// A dictionary: an open type with no properties of its own, whose keys are data (user ids,
    /// checklist item ids) and whose every value is of this type (`plannerAssignments`:
    /// `plannerAssignment`), as its JSON representation shows (`resolve::dictionaries`; why in
    /// `settled.values`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<TypeRef>,
    /// The page's description of the type.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where the type's page (its annotation or title) is.
    pub source: Source,
    /// The product its page belongs to (`ms.prod`, lowercase): the area that compiles the type
    /// when no request takes or answers it (a change notification, in `change-notifications`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub product: String,
    /// The type's own properties, in table order; relationships are `navigation`.
    pub properties: Vec<Property>,
    /// Why the base and the name read as they do where the pages left a choice.
    #[serde(default, skip_serializing_if = "TypeSettlement::is_empty")]
    pub settled: TypeSettlement,
}

/// Why a type reads as it does where its pages disagree: which base, when the annotation and
/// the prose name different ones (or only another type's page names one), and which spelling
/// of its name, when its pages spell it in different letter case. Each reason names its
/// evidence, counted over the other pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeSettlement {
    /// Where the base came from, when not simply from the type's own page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Why the name is spelled as it is, when the pages spell it in several letter cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A base the page links to that no page defines (GG0501): the type has no base in the
    /// IR, yet the pages do not say it derives from nothing, so an example element tagged with
    /// it is judged by its own page wherever a type up its unknown chain may be declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown_base: Option<String>,
    /// Properties read as one value or as a collection against their table row, by property
    /// name: why (the JSON representation and the examples that carry the property agree with
    /// each other and not with the row; `resolve::value_cardinality`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cardinality: BTreeMap<String, String>,
    /// Properties named otherwise than their table row, in another letter case, by property
    /// name: why (the JSON representation and the examples agree with each other and not with
    /// the row; `resolve::property_case`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// Relationships read as a kind derived from their table row's type, by property name: why
    /// (the relationship's name, its read's annotation and examples say the kind;
    /// `resolve::named_kind`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, String>,
    /// Properties whose type cell's link text and link page name two types, by property name:
    /// which was read and why (the tags of the values at the property; `resolve::link_text`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub link_text: BTreeMap<String, String>,
    /// Other spellings of a property that the crate also reads as it, by property name: each
    /// spelling (another letter case, written by examples) and why. Written as the row spells it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub also_read: BTreeMap<String, BTreeMap<String, String>>,
    /// Why a dictionary's values are of the type they are (`ComplexType::values`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<String>,
    /// Properties no table lists, read from the JSON representation because examples write
    /// them too, by property name: why (`resolve::repr_rows`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rows: BTreeMap<String, String>,
    /// Properties read as another primitive than their `String` row, by property name: why
    /// (the JSON representation's note and the examples name it; `resolve::value_kind`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub primitives: BTreeMap<String, String>,
    /// Collections that also read one value as a list of one, by property name: why (the
    /// answers the examples show give the property in the other shape than its row; which side
    /// the service takes, the docs cannot say; `resolve::lone_values`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub one_or_many: BTreeMap<String, String>,
}

impl TypeSettlement {
    /// True when nothing was settled (written out only when something was).
    pub fn is_empty(&self) -> bool {
        self == &TypeSettlement::default()
    }
}

/// A property (or relationship) of a type, or a parameter of an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// The name on the wire (`displayName`).
    pub name: String,
    /// Its type, `collection` for a JSON array of it.
    pub r#type: TypeRef,
    /// A relationship (navigation property): addressed by path, not sent in the body.
    #[serde(default, skip_serializing_if = "is_false")]
    pub navigation: bool,
    /// The table says the service sets it ("Read-only").
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// The table's description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The table row it was read from.
    pub source: Source,
}

/// An enumeration: a string on the wire whose values are listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumType {
    /// Qualified name (`microsoft.graph.phoneType`).
    pub name: String,
    /// Flags: several members joined by `,` in one value. The pages never say so in words;
    /// an example value joining members with commas does (`resolve::examples`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub flags: bool,
    /// The members, in the docs' order, each name once.
    pub members: Vec<EnumMember>,
    /// Where it was listed (an enum page or a property's "Possible values").
    pub source: Source,
    /// Why the members are not the ones listed at `source`, where the docs contradict it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<String>,
}

/// A member of an enumeration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    /// The member as written on the wire (`mobile`).
    pub name: String,
    /// The number the docs give it, when they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// The docs' description of the member.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The HTTP method of a documented request. Written in upper case in the IR (`GET`), as the
/// pages write it; declared in that spelling's order, so sorting by method stays as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `DELETE`
    Delete,
    /// `GET`
    Get,
    /// `PATCH`
    Patch,
    /// `POST`
    Post,
    /// `PUT`
    Put,
}

impl HttpMethod {
    /// Every method a request line may start with.
    pub const ALL: [HttpMethod; 5] = [HttpMethod::Delete, HttpMethod::Get, HttpMethod::Patch, HttpMethod::Post, HttpMethod::Put];

    /// `GET`, `POST`, ...: the wire spelling, also the name of the `http::Method` constant.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Delete => "DELETE",
            HttpMethod::Get => "GET",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
        }
    }

    /// A method from its name in any letter case.
    pub fn parse(s: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s))
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One endpoint: a method and a path template, with what it takes and answers, settled from
/// every page that documents it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// `METHOD path`; unique within an API version. The path is the template with sample values
    /// made parameters and letter case settled (see `documented` for what the pages wrote).
    pub method: HttpMethod,
    /// The path template (`/users/{id}/photo/$value`).
    pub path: PathTemplate,
    /// Spellings of the path on the pages, where they differ from `path` (sample values, case).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documented: Vec<String>,
    /// The request line of the page that describes the endpoint.
    pub source: Source,
    /// Page title (H1), e.g. "Create itemPhone".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// What the page says the call does: the paragraphs between its title and its first
    /// section, as plain text, each a paragraph ("Adds a strong password to an application.").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub description: Vec<String>,
    /// The page's permissions table, row by row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    /// The product the page belongs to (`ms.prod` front matter, lowercase): `outlook`, `users`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub product: String,
    /// The path's `{name}` parameters, in path order.
    pub parameters: Vec<PathParameter>,
    /// Query text written after `?` in the HTTP request block, kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// OData system query options the page says the method supports (`$select`, `$filter`...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// Request headers the page's table names (`ConsistencyLevel`, `Prefer`), `Authorization` aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<RequestHeader>,
    /// Query parameters documented in a table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_parameters: Vec<Property>,
    /// What the request sends; `None` when it sends no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// What a success answers.
    pub response: Response,
    /// The examples of every page documenting the endpoint that call it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Why the page and types are what they are, where the docs left a choice.
    #[serde(default, skip_serializing_if = "Settlement::is_empty")]
    pub settled: Settlement,
}

impl Operation {
    /// The item type of a GET of a collection through a `delta` function (`/users/delta`,
    /// `.../messages/delta()`): what a delta walk's pages list.
    pub fn delta_item(&self) -> Option<TypeRef> {
        let last = self.path.segments().last()?;
        let name = last.call_name().or(last.literal())?;
        let t = self.response.r#type.as_ref().filter(|t| t.collection && self.method == HttpMethod::Get)?;
        name.rsplit('.').next()?.eq_ignore_ascii_case("delta").then(|| TypeRef { name: t.name.clone(), collection: false })
    }

    /// Whether an example's request calls this endpoint: its method, and a path the template
    /// matches. Only such examples are examples of it; one calling another path (GG0403) answers
    /// that path's type, so neither the resolver nor the generated tests hold it against this one.
    pub fn called_by(&self, req: &ExampleRequest) -> bool {
        // A page's own spelling, read otherwise (`call_forms`), still calls it.
        let spelled = || self.documented.iter().any(|d| d.contains('{') && PathTemplate::parse(d).0.matches(&req.path).is_some());
        req.method == self.method && (self.path.matches(&req.path).is_some() || spelled())
    }

    /// A request line whose query expands a relationship (`GET /devices/{id}?$expand=...` on
    /// an extension's page): it answers what its path addresses, not the page's type.
    pub fn expands(&self) -> bool {
        self.query.as_deref().is_some_and(|q| q.to_ascii_lowercase().contains("$expand="))
    }
}

/// An entity set (`collection`) or singleton at the service root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Root {
    /// As spelled in paths (`users`, `me`, `directoryRoles`).
    pub name: String,
    /// The entity type of its members (of the singleton itself).
    pub r#type: String,
    /// A collection (entity set) rather than a singleton.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collection: bool,
    /// The pages that say so, or how it was inferred.
    pub evidence: Vec<String>,
}

/// Why an operation reads as it does where the docs left a choice: which page describes an
/// endpoint several pages document, and where the answer or body type came from when a page
/// said otherwise. Each reason names its evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settlement {
    /// Why `source` is the page that describes the endpoint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page: Vec<String>,
    /// The other pages documenting the endpoint (their examples are tests of it too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
    /// Where the answer type came from, when not simply from the winning page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// Why the path holds function arguments its page's request line leaves out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Where the body type came from, when not simply from the winning page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Where the OData query options came from, when the page names none itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_options: Option<String>,
}

impl Settlement {
    /// True when nothing was settled (written out only when something was).
    pub fn is_empty(&self) -> bool {
        self == &Settlement::default()
    }
}

/// A row of a page's permissions table: who calls (`Delegated (work or school account)`,
/// `Application`) and what that caller needs, as the page writes it (least privileged first,
/// "Not supported.", or two joined by "and").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Permission {
    /// The row's permission type.
    pub kind: String,
    /// The row's permissions, as written.
    pub scopes: String,
}

/// A row of a page's request-header table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestHeader {
    /// The header's name (`ConsistencyLevel`).
    pub name: String,
    /// The table's description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A `{name}` in a path. `name` is the text between the braces, kept whole (`id | userPrincipalName`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathParameter {
    /// The parameter's name as the path writes it (between the braces).
    pub name: String,
    /// The literal path segment before the parameter (`users` in `/users/{id}`); empty at the start.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub after: String,
    /// Set when the parameter sits inside a function call segment: `fn(name={x})`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_arg: Option<String>,
    /// Type from a function- or path-parameter table row of the same name, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<TypeRef>,
    /// The description from the parameter table, when there is one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// What a request sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Body {
    /// The request body is one value of this type.
    Type(TypeRef),
    /// The request body is a JSON object of these parameters (actions).
    Parameters(Vec<Property>),
}

/// What a success answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The success status code (`200`, `201`, `204`).
    pub status: u16,
    /// The JSON body's type; `None` when nothing comes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<TypeRef>,
    /// A `202 Accepted` with no body: the work goes on after the answer, and its `Location`
    /// (or `Operation-Location`) header addresses this, the long-running operation to read for
    /// how it goes (`teamsAsyncOperation`), as the page says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor: Option<TypeRef>,
    /// The `202 Accepted` comes when the request asks for it (`Prefer: respond-async`), as
    /// every example request of the operation does: the crate's request sends the header, or
    /// the service would do the work at once and answer otherwise (a schema's `201 Created`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub respond_async: bool,
    /// What a `207 Multi-Status` answers where the success answers no content: the page's
    /// example of it, typed by its annotation (the sites an unfollow could not unfollow, each
    /// with its `error`). The request reads `Option<T>`: `None` for the `204`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_status: Option<TypeRef>,
}

/// An example request and its response, as a page shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The annotation's `name`, when it has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The request fence, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleRequest>,
    /// The response fence, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleResponse>,
    /// What the example says that its operation's types do not: found once, by the resolver,
    /// and read both by the linter (as findings) and by the emitter (as the tests it compares
    /// loosely or ignores), so the two always agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ExampleProblem>,
}

/// One thing an example body says that its documented type does not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleProblem {
    /// The request or the response body.
    pub part: ExamplePart,
    /// What kind of disagreement it is.
    pub kind: ProblemKind,
    /// `$.path` and what is wrong there.
    pub message: String,
    /// A member spelled in another letter case (`EnumCase`): where, and the member as the enum
    /// spells it, which the crate reads it as and writes back (the emitted tests expect that).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respell: Option<Respell>,
}

/// A string of an example body that the crate writes back in another spelling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Respell {
    /// Where, in the body the checker read (`$.value[0].status`).
    pub path: String,
    /// The text written back.
    pub text: String,
    /// The key at `path`, not its value, is respelled: a property an example writes in another
    /// letter case, which the crate reads as the row and writes back as the row spells it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub key: bool,
    /// The value at `path` is written back inside a list of one (`ProblemKind::LoneValue`);
    /// `text` is empty.
    #[serde(default, skip_serializing_if = "is_false")]
    pub wrap: bool,
}

/// Which body of an example a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExamplePart {
    /// The example's request body.
    Request,
    /// The example's response body.
    Response,
}

/// What kind of disagreement an example problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The value cannot be read as the type at all (a string where a Boolean is documented).
    WrongType,
    /// A key no table lists: set aside, and the rest still compares.
    UnknownProperty,
    /// A key of an object whose `@odata.type` names a type no page defines: set aside too,
    /// but no finding (the type's page is missing, which GG0501 tells where it matters). Also
    /// a key of an untagged object that several unrelated derived types have.
    UnderUnknownType,
    /// A string that is no member of its enum (the crate keeps it as `Unrecognized`).
    NotInEnum,
    /// A member spelled in another case than the enum's (`HTML` for `html`); the service
    /// reads it, and so does the crate, as the member (written back in the enum's spelling).
    EnumCase,
    /// Members joined with commas (`mailbox,site`) in an enum not yet read as flags: the
    /// evidence that it is a flags enum (no page says so in words). The resolver marks the
    /// enum and keeps no such problem.
    FlagsValue,
    /// One value where the property is a collection read as one or many
    /// (`settled.one_or_many`): read as a list of one, and written back so (its `respell`
    /// wraps it). No finding: the property's row carries it once.
    LoneValue,
}

/// An example's request: its request line, headers and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    /// The fence's line.
    pub source: Source,
    /// The method the example sends.
    pub method: HttpMethod,
    /// The URL as written, with the service root (`https://graph.microsoft.com/beta`) removed.
    pub path: String,
    /// Sent to another host than Graph (a bot's callback URL): shown for context, not a call of
    /// the documented API.
    #[serde(default, skip_serializing_if = "is_false")]
    pub external: bool,
    /// A request the docs' own tooling skips (`"blockType": "ignored"`) outside the examples
    /// and the HTTP request section (Remarks: "to read the shared item, call ..."): maybe a
    /// pointer to another API, so a path the page's block lacks is no finding (GG0403).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pointer: bool,
    /// Headers as written, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The body, when the example has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ExampleBody>,
}

impl ExampleRequest {
    /// A JSON batch (`POST /$batch`): the requests it carries are the calls, so the URL is no
    /// path of the page's endpoint (nor a finding), and its snippet goes through `Batch`.
    pub fn is_batch(&self) -> bool {
        self.method == HttpMethod::Post
            && self.path.split('?').next().is_some_and(|p| p.trim_end_matches('/').eq_ignore_ascii_case("/$batch"))
    }
}

/// An example's response: its status, headers and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    /// The fence's line.
    pub source: Source,
    /// The status code of the `HTTP/1.1 NNN` line.
    pub status: u16,
    /// Headers as written, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The body, when the example has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ExampleBody>,
    /// The annotation says properties were left out (`"truncated": true`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub truncated: bool,
    /// The type its annotation's `@odata.type` names, as written: the kind this example shows,
    /// which may be derived from what the call answers (a `room` of a `place` GET).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotated: Option<String>,
}

/// The `Content-Type` a fence's headers give, first of them, in lower case (as written
/// otherwise: it may be empty).
pub fn content_type(headers: &[(String, String)]) -> Option<String> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.to_ascii_lowercase())
}

/// An example body as the page writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleBody {
    /// Real data.
    Json(Value),
    /// A template whose scalar values are type words (`"String"`, `"Boolean"`): keys are meaningful,
    /// values are not.
    Template(Value),
    /// Not JSON (text, binary, or JSON too broken to repair); kept verbatim.
    Text(String),
}

/// Every property of a type, inherited ones first (root base first), each name once.
pub fn all_properties<'a>(types: &'a BTreeMap<String, ComplexType>, name: &str) -> Vec<&'a Property> {
    let mut names = std::collections::BTreeSet::new();
    let chain = lineage(types, name);
    chain.iter().rev().flat_map(|t| t.properties.iter()).filter(|p| names.insert(p.name.clone())).collect()
}

/// Every base name → the types below it, directly or not, sorted: the `base` links followed
/// down, loops cut. A base no page defines is a key too (an answer may name it); callers that
/// need defined types only keep those keys.
pub fn descendants(types: &BTreeMap<String, ComplexType>) -> BTreeMap<String, Vec<String>> {
    let mut direct: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for t in types.values() {
        if let Some(b) = &t.base {
            direct.entry(b.as_str()).or_default().push(t.name.as_str());
        }
    }
    direct
        .keys()
        .map(|top| {
            let mut met = std::collections::BTreeSet::new();
            let mut stack = vec![*top];
            while let Some(b) = stack.pop() {
                for d in direct.get(b).into_iter().flatten() {
                    if *d != *top && met.insert(d.to_string()) {
                        stack.push(d);
                    }
                }
            }
            (top.to_string(), met.into_iter().collect())
        })
        .collect()
}

/// True when `name`'s chain of bases reaches a base no page defines (GG0501 reports its link):
/// the pages cannot say what that base holds, nor what derives from it.
pub fn open_ended(types: &BTreeMap<String, ComplexType>, name: &str) -> bool {
    unpaged_base(types, name).is_some()
}

/// The base a type's chain links to with no page defining it (`officeClientConfiguration` for
/// beta's `windowsOfficeClientConfiguration`), as the link names it.
pub fn unpaged_base<'a>(types: &'a BTreeMap<String, ComplexType>, name: &str) -> Option<&'a str> {
    lineage(types, name).last().and_then(|root| match &root.base {
        Some(b) if !types.contains_key(b) => Some(b.rsplit('.').next().unwrap_or(b)),
        Some(_) => None,
        None => root.settled.unknown_base.as_deref(),
    })
}

/// A type and its bases, the type first; stops at an unknown name or where the chain loops
/// back. Every walk up the inheritance chain goes through here.
pub fn lineage<'a>(types: &'a BTreeMap<String, ComplexType>, name: &str) -> Vec<&'a ComplexType> {
    let mut out: Vec<&ComplexType> = Vec::new();
    let mut cur = types.get(name);
    while let Some(t) = cur {
        if out.iter().any(|o| o.name == t.name) {
            break;
        }
        out.push(t);
        cur = t.base.as_ref().and_then(|b| types.get(b));
    }
    out
}

/// Adds `why` to a settlement's reasons (`settled.path`, `settled.body`): several rules can
/// settle one thing, and each says its own.
pub fn add_why(slot: &mut Option<String>, why: String) {
    *slot = Some(match slot.take() {
        Some(before) => format!("{before}; {why}"),
        None => why,
    });
}

fn is_false(b: &bool) -> bool {
    !*b
}
