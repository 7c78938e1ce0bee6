//! Diagnostics: every problem found in a page is reported here, never as a panic.
//!
//! A diagnostic has a stable code (`GG` + number, grouped by stage), a severity, the page and
//! line it points at, and a message written for the docs author.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// Stable diagnostic codes. The number never changes meaning once released; the name is for
/// humans and for `--allow`/`--deny` style switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Code {
    /// A file could not be read as UTF-8 text.
    Unreadable,
    /// Front matter is missing or not closed.
    FrontMatter,
    /// An annotation comment holds JSON that does not parse even leniently.
    AnnotationJson,
    /// Annotation JSON parsed only after repair (trailing comma, unquoted key, ...).
    AnnotationRepaired,
    /// A `**TODO ...**` placeholder left in the page.
    Todo,
    /// A page whose kind could not be told (no api/resources folder, no doc_type).
    PageKind,
    /// A resource page without a type name (no annotation and no usable title).
    NoTypeName,
    /// A type cell that does not follow the type grammar.
    TypeCell,
    /// A link or name to a type that no page defines.
    UnresolvedType,
    /// The base type named by the annotation and by the text disagree.
    BaseTypeConflict,
    /// A key of the JSON representation that no property table lists.
    JsonRepresentation,
    /// A property table row that the JSON representation leaves out.
    JsonRepresentationMissing,
    /// A JSON representation value whose JSON kind is not the table's type.
    JsonRepresentationType,
    /// The same property appears twice on one type.
    DuplicateProperty,
    /// The same type is defined on more than one page.
    DuplicateType,
    /// The same (method, path) documented on more than one page.
    DuplicateOperation,
    /// An HTTP request block line that is not `METHOD /path`.
    RequestLine,
    /// An API page without an HTTP request block.
    NoRequestBlock,
    /// An example body that is not JSON even after repair.
    ExampleJson,
    /// An example body that parsed only after repair.
    ExampleRepaired,
    /// An example that calls a path the HTTP request block does not document.
    ExamplePath,
    /// An example body value of another JSON kind than its documented type.
    ExampleMismatch,
    /// An example body key that no property table (or parameter table) lists.
    ExampleUnknownProperty,
    /// An example string that is no member of its enum.
    ExampleEnumValue,
    /// An example that uses another method than the request block gives for its path.
    ExampleMethod,
    /// An example enum member in another letter case than the enum's.
    ExampleEnumCase,
    /// A path template that does not parse.
    PathTemplate,
    /// A sample value (a GUID, a host, `<x>`, a quoted argument) where a path parameter belongs.
    PathSample,
    /// One endpoint spelled in other letter cases on other pages.
    PathCase,
    /// A type described on several pages, merged into one.
    MergedType,
    /// An inheritance chain that loops.
    InheritanceCycle,
    /// The response statement and the response annotation name different types.
    ResponseMismatch,
    /// Something the generator had to drop from the generated code.
    Dropped,
    /// A construct of an OpenAPI document this generator does not read.
    OpenApi,
    /// A GET's answer type on its page disagrees with what the URL model resolves its path to.
    ModelAnswer,
    /// A write's body on its page disagrees with (or leaves out) what the URL model says it takes.
    ModelBody,
    /// A path segment that no root, relationship or property of the docs names.
    UnresolvedPath,
    /// A relationship documented as one value where the pages that list it say a collection.
    RelationshipCardinality,
}

impl Code {
    /// The stable short form, e.g. `GG0301`.
    pub fn id(self) -> &'static str {
        match self {
            Code::Unreadable => "GG0001",
            Code::FrontMatter => "GG0002",
            Code::PageKind => "GG0003",
            Code::AnnotationJson => "GG0101",
            Code::AnnotationRepaired => "GG0102",
            Code::Todo => "GG0103",
            Code::NoTypeName => "GG0201",
            Code::TypeCell => "GG0202",
            Code::DuplicateProperty => "GG0203",
            Code::BaseTypeConflict => "GG0204",
            Code::JsonRepresentation => "GG0205",
            Code::JsonRepresentationMissing => "GG0206",
            Code::JsonRepresentationType => "GG0207",
            Code::RequestLine => "GG0301",
            Code::NoRequestBlock => "GG0302",
            Code::DuplicateOperation => "GG0304",
            Code::PathTemplate => "GG0303",
            Code::PathSample => "GG0305",
            Code::PathCase => "GG0306",
            Code::ExampleJson => "GG0401",
            Code::ExampleRepaired => "GG0402",
            Code::ExamplePath => "GG0403",
            Code::ExampleMismatch => "GG0404",
            Code::ExampleUnknownProperty => "GG0405",
            Code::ExampleEnumValue => "GG0406",
            Code::ExampleMethod => "GG0407",
            Code::ExampleEnumCase => "GG0408",
            Code::UnresolvedType => "GG0501",
            Code::DuplicateType => "GG0502",
            Code::InheritanceCycle => "GG0503",
            Code::MergedType => "GG0505",
            Code::ResponseMismatch => "GG0504",
            Code::Dropped => "GG0601",
            Code::OpenApi => "GG0701",
            Code::ModelAnswer => "GG0801",
            Code::ModelBody => "GG0802",
            Code::UnresolvedPath => "GG0803",
            Code::RelationshipCardinality => "GG0804",
        }
    }

    /// Every code, in id order.
    pub const ALL: [Code; 38] = [
        Code::Unreadable,
        Code::FrontMatter,
        Code::PageKind,
        Code::AnnotationJson,
        Code::AnnotationRepaired,
        Code::Todo,
        Code::NoTypeName,
        Code::TypeCell,
        Code::DuplicateProperty,
        Code::BaseTypeConflict,
        Code::JsonRepresentation,
        Code::JsonRepresentationMissing,
        Code::JsonRepresentationType,
        Code::RequestLine,
        Code::NoRequestBlock,
        Code::PathTemplate,
        Code::DuplicateOperation,
        Code::PathSample,
        Code::PathCase,
        Code::ExampleJson,
        Code::ExampleRepaired,
        Code::ExamplePath,
        Code::ExampleMismatch,
        Code::ExampleUnknownProperty,
        Code::ExampleEnumValue,
        Code::ExampleMethod,
        Code::ExampleEnumCase,
        Code::UnresolvedType,
        Code::DuplicateType,
        Code::InheritanceCycle,
        Code::ResponseMismatch,
        Code::MergedType,
        Code::Dropped,
        Code::OpenApi,
        Code::ModelAnswer,
        Code::ModelBody,
        Code::UnresolvedPath,
        Code::RelationshipCardinality,
    ];

    /// The name used beside the id (`ExampleUnknownProperty`).
    pub fn name(self) -> String {
        format!("{self:?}")
    }

    /// A code from its id (`GG0405`) or name (`ExampleUnknownProperty`), case aside.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.id().eq_ignore_ascii_case(s) || c.name().eq_ignore_ascii_case(s))
    }

    /// What to change in the page, for the lint's `= help:` line.
    pub fn help(self) -> &'static str {
        match self {
            Code::Unreadable => "save the page as UTF-8",
            Code::FrontMatter => "start the page with a `---` front matter block closed by `---`",
            Code::PageKind => "put the page under api/ or resources/, or set `doc_type` in the front matter",
            Code::AnnotationJson => "make the `<!-- { ... } -->` annotation valid JSON",
            Code::AnnotationRepaired => "remove the trailing comma, comment or unquoted key from the annotation",
            Code::Todo => "replace the placeholder with the real text",
            Code::NoTypeName => "add a `\"blockType\": \"resource\"` annotation with `@odata.type`, or title the page `x resource type`",
            Code::TypeCell => "write the type as `String`, `Int32`, `[name](link.md)` or `name collection`",
            Code::DuplicateProperty => "keep one row per property",
            Code::BaseTypeConflict => "make the annotation's `baseType` and the text's \"Inherits from\" name the same type",
            Code::JsonRepresentation => "add a row for the key to the properties table, or remove it from the JSON representation",
            Code::JsonRepresentationMissing => {
                "add the property to the JSON representation, or remove the row if the property does not exist"
            }
            Code::JsonRepresentationType => "make the JSON representation show a value of the table's type (or fix the table)",
            Code::RequestLine => "write each line of the HTTP request block as `METHOD /path`",
            Code::NoRequestBlock => "add a fenced `http` block with the request line",
            Code::PathTemplate => "close every `{` of the path with `}` and every `(` with `)`",
            Code::PathSample => "write the path as a template: `{name}` where the caller supplies a value",
            Code::PathCase => "spell each path segment as the resource's relationship (or the other pages) does",
            Code::DuplicateOperation => "document each method and path on one page, or keep the pages in agreement",
            Code::ExampleJson => "make the example body valid JSON",
            Code::ExampleRepaired => "remove the trailing comma, comment or ellipsis from the example body",
            Code::ExamplePath => "make the example call a path of the HTTP request block, or add that path to the block",
            Code::ExampleMismatch => "make the value the JSON kind its type needs (a string for String, true/false for Boolean, ...)",
            Code::ExampleUnknownProperty => "add the property to the type's table, or fix or remove the key in the example",
            Code::ExampleEnumValue => "use one of the enum's members, or add the value to the enum",
            Code::ExampleMethod => "use the method of the HTTP request block in the example",
            Code::ExampleEnumCase => "spell the member as the enum does",
            Code::UnresolvedType => "link to a page that defines the type, or fix the type's name",
            Code::DuplicateType => "define the type on one page",
            Code::InheritanceCycle => "break the loop in the base types",
            Code::ResponseMismatch => "make the response sentence and the response annotation name the same type",
            Code::MergedType => "describe the type on one page",
            Code::Dropped => "see the message",
            Code::ModelAnswer => "make the response sentence and annotation name what the path addresses (the resource's relationship or the root's type), or fix the relationship",
            Code::ModelBody => "name the resource the path addresses as the request body (\"supply a JSON representation of [x](x.md)\"), or fix the relationship",
            Code::UnresolvedPath => "add the segment to the relationships or properties table of the resource before it, or fix the path",
            Code::RelationshipCardinality => "write the relationship's type as `[x](x.md) collection`, or make the list page say one value",
            Code::OpenApi => "describe the construct with the subset this generator reads (see the README), or drop it",
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Code::Unreadable | Code::AnnotationJson | Code::ExampleJson | Code::InheritanceCycle => Severity::Error,
            Code::AnnotationRepaired
            | Code::ExampleRepaired
            | Code::Dropped
            | Code::DuplicateOperation
            | Code::MergedType
            | Code::ExampleEnumCase => Severity::Note,
            _ => Severity::Warning,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Page path relative to the docs root, `/`-separated.
    pub file: String,
    /// 1-based line; 0 when the whole file is meant.
    pub line: u32,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{}:{}: {}[{}]: {}", self.file, self.line, sev, self.code.id(), self.message)
    }
}

/// Collects diagnostics for one page (or one stage); cheap to create.
#[derive(Debug, Default)]
pub struct Diags {
    pub items: Vec<Diagnostic>,
}

impl Diags {
    pub fn push(&mut self, file: &str, line: u32, code: Code, message: impl Into<String>) {
        self.items.push(Diagnostic { file: file.to_string(), line, code, severity: code.default_severity(), message: message.into() });
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn every_code_is_listed_once_with_its_own_id() {
        let ids: std::collections::BTreeSet<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len(), "ids are unique and ALL has no repeats");
        for c in Code::ALL {
            assert_eq!(Code::parse(c.id()), Some(c));
            assert_eq!(Code::parse(&c.name().to_lowercase()), Some(c));
        }
    }
}
