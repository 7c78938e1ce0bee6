//! Diagnostics: every problem found in a page is reported here, never as a panic.
//!
//! A diagnostic has a stable code (`GG` + number, grouped by stage), a severity, the page and
//! line it points at, and a message written for the docs author.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails a `graphgen lint` run. `graphgen generate` fails only on the findings that lose
    /// API surface, whatever their severity: see [`Code::fatal`].
    Error,
    /// Worth fixing; fails a lint run only with a baseline or `--deny`.
    Warning,
    /// Information: the generator repaired or chose something.
    Note,
}

impl Severity {
    /// The word diagnostics print: `error`, `warning`, `note`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Declares every diagnostic code once: its id, its name, its default severity and the help
/// line the linter prints, with its doc comment. The enum, `ALL`, `id`, `title`, `help` and
/// `default_severity` all come from this one table.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $id:literal $name:ident: $severity:ident, $help:literal;)*) => {
        /// Stable diagnostic codes. The number never changes meaning once released (GG0003 and
        /// GG0601 were never emitted and are retired); the name is for humans and for
        /// `--allow`/`--deny` style switches. Declared in id order, which is also their order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Code {
            $($(#[doc = $doc])* $name,)*
        }

        impl Code {
            /// Every code, in id order.
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// The stable short form, e.g. `GG0301`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Code::$name => $id,)*
                }
            }

            /// What the code means, in one sentence (its doc comment), for summaries.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$name => concat!($($doc),*).trim_ascii(),)*
                }
            }

            /// What to change in the page, for the lint's `= help:` line.
            pub fn help(self) -> &'static str {
                match self {
                    $(Code::$name => $help,)*
                }
            }

            /// The severity a finding of this code has unless a switch says otherwise.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$name => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    /// A file could not be read as UTF-8 text.
    "GG0001" Unreadable: Error, "save the page as UTF-8";
    /// Front matter is missing or not closed.
    "GG0002" FrontMatter: Warning, "start the page with a `---` front matter block closed by `---`";
    /// An annotation comment holds JSON that does not parse even leniently.
    "GG0101" AnnotationJson: Error, "make the `<!-- { ... } -->` annotation valid JSON";
    /// Annotation JSON parsed only after repair (trailing comma, unquoted key, ...).
    "GG0102" AnnotationRepaired: Note, "remove the trailing comma, comment or unquoted key from the annotation";
    /// A `**TODO ...**` placeholder left in the page.
    "GG0103" Todo: Warning, "replace the placeholder with the real text";
    /// A resource page without a type name (no annotation and no usable title).
    "GG0201" NoTypeName: Warning, "add a `\"blockType\": \"resource\"` annotation with `@odata.type`, or title the page `x resource type`";
    /// A type cell that does not follow the type grammar.
    "GG0202" TypeCell: Warning, "write the type as `String`, `Int32`, `[name](link.md)` or `name collection`";
    /// The same property appears twice on one type.
    "GG0203" DuplicateProperty: Warning, "keep one row per property: a type with a key, addressed by its own path, in the relationships table; a value in the properties table";
    /// The base type named by the annotation and by the text disagree (the side other pages support is used).
    "GG0204" BaseTypeConflict: Warning, "make the annotation's `baseType` and the text's \"Inherits from\" name the same type (the message says which one the other pages support, if any does)";
    /// A key of the JSON representation that no property table lists.
    "GG0205" JsonRepresentation: Warning, "add a row for the key to the properties table, or remove it from the JSON representation";
    /// A property table row that the JSON representation leaves out.
    "GG0206" JsonRepresentationMissing: Warning, "add the property to the JSON representation, or remove the row if the property does not exist (a row the annotation lists in `optionalProperties` may stay out)";
    /// A JSON representation value whose JSON kind is not the table's type.
    "GG0207" JsonRepresentationType: Warning, "make the JSON representation show a value of the table's type (or fix the table)";
    /// A type whose page names no base, read as derived from a type whose page lists it.
    "GG0208" BaseFromBasePage: Note, "say \"Inherits from [x](x.md)\" on the derived type's page too";
    /// `null` listed among an enum's values.
    "GG0209" EnumNullMember: Warning, "leave `null` out of the possible values, and say in the property's description that it may be null (and what null means)";
    /// A page spelling its own type's name in two letter cases (title and annotation).
    "GG0210" TypeNameCase: Warning, "spell the type's name the same way in the title and the annotation's `@odata.type`, as the other pages do (names are case-sensitive on the wire)";
    /// A property's table row says one value (or a collection) where its type's JSON
    /// representation and every example that carries it say the other; read as they do.
    "GG0211" PropertyCardinality: Warning, "write the property's type as the JSON representation and the examples show it (`x collection` for an array), or fix them";
    /// A property's row lists its values, none of them members of the enum its type names.
    "GG0212" EnumMembersContradicted: Warning, "list the enum's members as the properties that take it say them (a section copied from another enum's is a common cause), or fix the rows";
    /// A property's row spells its name in another letter case than its JSON representation and
    /// every example that carries it, or than every example request that sends it (and no
    /// example spells it as the row), or a collection row every example names in the plural;
    /// read as they spell it.
    "GG0213" PropertyNameCase: Warning, "spell the property as its other statements do (its JSON representation and examples, or the example requests that send it; names are case-sensitive on the wire), or fix them";
    /// A type cell whose link text names one type and whose link goes to another's page; read
    /// as the side the tags of the property's values name, else as the link.
    "GG0214" LinkTextType: Warning, "make the link's text and its page name the same type (the message says which one the tags in the JSON representation and examples name)";
    /// A `String` row whose JSON representation names a number or Boolean type in its note
    /// (`"String (double)"`) and whose examples agree (numbers, or that type's placeholder:
    /// `"double-value"`); read as that type.
    "GG0215" PropertyKind: Warning, "write the property's type as its JSON representation's note and the examples give it (`Double`), or fix them";
    /// A property whose example answers show it in the other shape than its row (one value for
    /// a collection, a list for one value) where no example shows the row's; read as a
    /// collection that also takes one value.
    "GG0216" AnswerShape: Warning, "write the property's type as the service answers it (`x collection` for a list), or fix the example answers";
    /// An HTTP request block line that is not `METHOD /path`.
    "GG0301" RequestLine: Warning, "write each line of the HTTP request block as `METHOD /path`";
    /// An API page without an HTTP request block.
    "GG0302" NoRequestBlock: Warning, "put the request lines, one `METHOD /path` each, in a fenced `http` block under a `## HTTP request` heading";
    /// A path template that does not parse.
    "GG0303" PathTemplate: Warning, "close every `{` of the path with `}` and every `(` with `)`";
    /// The same (method, path) documented on more than one page.
    "GG0304" DuplicateOperation: Note, "document each method and path on one page, or keep the pages in agreement";
    /// A sample value (a GUID, a host, `<x>`, a quoted argument) where a path parameter belongs.
    "GG0305" PathSample: Warning, "write the path as a template: `{name}` where the caller supplies a value";
    /// One endpoint spelled in other letter cases on other pages.
    "GG0306" PathCase: Warning, "spell each path segment as the resource's relationship (or the other pages) does";
    /// The request body section says no body is sent, but a parameter table elsewhere on the page lists what its examples send.
    "GG0307" BodyContradiction: Warning, "move the parameter table under `## Request body` and say which parameters are optional, or remove the table if the request sends no body";
    /// One action bound to one type, documented with two parameter lists.
    "GG0308" ActionShapes: Warning, "document the action's parameters once, with the same names and types on every page and path that binds it to this type";
    /// A request body table listing the fields of each element of the array its example sends under one key.
    "GG0309" BodyElements: Warning, "list the parameter the example sends (a collection of the resource) in the request body table, and leave its elements' fields to the resource's page";
    /// A request body sentence naming a type over a table of parameters it lacks, which the example sends.
    "GG0310" BodyTableOverType: Warning, "say the body holds the table's parameters (\"supply a JSON object with the following parameters\"), or name the type that has them";
    /// A one-argument call written unquoted or positional where other pages name and quote it.
    "GG0311" CallForm: Warning, "write the call's argument named and quoted as the other pages do (`range(address='{address}')`): an OData string is quoted";
    /// A PATCH or PUT line whose path addresses a collection (left out where the page's other
    /// line of that method updates one entity of the body's type).
    "GG0312" WriteToCollection: Warning, "address the one entity the write changes (`.../{id}`), or remove the line if another on the page already does";
    /// A request body row that the example sends only bound by reference (`name@odata.bind`).
    "GG0313" BodyBind: Warning, "name the row `name@odata.bind` and say it takes the URL of what it binds, or make the example send the row as the table types it";
    /// A DELETE page whose body sentence names a body that none of its examples sends.
    "GG0314" DeleteBody: Warning, "say \"Don't supply a request body for this method\" if the DELETE sends none, or show the body in the example";
    /// A request line that leaves out a key its example calls and another page lists.
    "GG0315" MissingKey: Warning, "write the key the line addresses one item by (`.../{id}/$value`), as the example and the other pages do";
    /// A request block that copies another page's action where the example and the Methods table name the page's own.
    "GG0316" CallName: Warning, "write the lines with the action the page documents, as its example and the Methods table name it, not another page's";
    /// An example body that is not JSON even after repair.
    "GG0401" ExampleJson: Error, "make the example body valid JSON";
    /// An example body that parsed only after repair.
    "GG0402" ExampleRepaired: Note, "make the example body strict JSON: add the missing comma, or remove the trailing comma, comment or ellipsis";
    /// An example that calls a path the HTTP request block does not document.
    "GG0403" ExamplePath: Warning, "make the example call a path of the HTTP request block (as its sibling pages spell it); add the example's path to the block only if the service serves it there";
    /// An example body value of another JSON kind than its documented type.
    "GG0404" ExampleMismatch: Warning, "make the value the JSON kind its type needs (a string for String, true/false for Boolean, ...)";
    /// An example body key that no property table (or parameter table) lists.
    "GG0405" ExampleUnknownProperty: Warning, "add the property to the type's table, or fix or remove the key in the example";
    /// An example string that is no member of its enum.
    "GG0406" ExampleEnumValue: Warning, "use one of the enum's members, or add the value to the enum";
    /// An example that uses another method than the request block gives for its path.
    "GG0407" ExampleMethod: Warning, "use the method of the HTTP request block in the example";
    /// An example enum member in another letter case than the enum's.
    "GG0408" ExampleEnumCase: Note, "spell the member as the enum does";
    /// A link or name to a type that no page defines.
    "GG0501" UnresolvedType: Warning, "link to a page that defines the type, or fix the type's name";
    /// The same type is defined on more than one page.
    "GG0502" DuplicateType: Warning, "define the type on one page";
    /// An inheritance chain that loops.
    "GG0503" InheritanceCycle: Error, "break the loop in the base types";
    /// The response statement and the response annotation name different types.
    "GG0504" ResponseMismatch: Warning, "make the response sentence, the response annotation and the examples agree: the status, the type, and one or a collection (`\"isCollection\": true`)";
    /// A type described on several pages, merged into one.
    "GG0505" MergedType: Note, "describe the type on one page";
    /// A construct of an OpenAPI document this generator does not read.
    "GG0701" OpenApi: Warning, "describe the construct with the subset this generator reads (see the README), or drop it";
    /// A GET's answer type on its page disagrees with what the URL model resolves its path to.
    "GG0801" ModelAnswer: Warning, "make the response sentence and annotation name what the path addresses (the resource's relationship or the root's type), or fix the relationship";
    /// A write's body on its page disagrees with (or leaves out) what the URL model says it takes.
    "GG0802" ModelBody: Warning, "name the resource the path addresses as the request body (\"supply a JSON representation of [x](x.md)\"), or fix the relationship";
    /// A path segment that no root, relationship or property of the docs names.
    "GG0803" UnresolvedPath: Warning, "add the segment to the relationships or properties table of the resource before it, or fix the path";
    /// A relationship documented as one value where the pages that list it say a collection.
    "GG0804" RelationshipCardinality: Warning, "write the relationship's type as `[x](x.md) collection`, or make the list page say one value";
    /// An example for which no Rust snippet can be written (`graphgen snippets`): a URL no
    /// documented path matches, or a value its documented type cannot hold.
    "GG0901" ExampleSnippet: Warning, "make the example call a documented path with values its documented types hold, or document the path it calls";
}

impl Code {
    /// The name used beside the id (`ExampleUnknownProperty`).
    pub fn name(self) -> String {
        format!("{self:?}")
    }

    /// Whether a finding of this code fails `graphgen generate` (exit 1, the previous crate kept
    /// unless `--keep-going`).
    ///
    /// The rule: a finding is fatal when it loses API surface, that is, when the crate would
    /// silently lack what a page defines. Only [`Code::Unreadable`] does: a page that cannot be
    /// read (an I/O error) or decoded (not UTF-8) gives none of its types or operations. Every
    /// other finding costs at most a part of one item, and the run reports it and goes on,
    /// errors among them: an example body that is not JSON (GG0401) costs that example's test,
    /// an annotation that does not parse (GG0101) its annotation, a loop of base types (GG0503)
    /// the base link that closes it. Severities are untouched by this rule: an `error` still
    /// fails `graphgen lint`.
    pub fn fatal(self) -> bool {
        matches!(self, Code::Unreadable)
    }

    /// A code from its id (`GG0405`) or name (`ExampleUnknownProperty`), case aside.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.id().eq_ignore_ascii_case(s) || c.name().eq_ignore_ascii_case(s))
    }
}

/// What on its line a diagnostic points at, as the stage that found it knows it. The linter
/// turns a mark into a column and a width on the text the pipeline already read; no stage
/// leaves it to be guessed from the message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// The byte range `start..end` of the offending text on the diagnostic's line.
    Span {
        /// Byte offset of the first offending byte from the start of the line.
        start: u32,
        /// Byte offset just past the offending text.
        end: u32,
    },
    /// The offending text itself (a property name, a path), on the diagnostic's line or one of
    /// the few lines after it (an example's fence is the line; its first line is below).
    Token(String),
    /// A key or element of the JSON body that starts on the diagnostic's line (an example's
    /// fence, a JSON representation), as a path in the form the message gives it: `$.value[0].id`.
    JsonPath(String),
}

/// A second place a finding concerns: "first row here", "also documented here".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Label {
    /// Page path relative to the docs root, `/`-separated.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// What the place is, in a few words.
    pub message: String,
}

/// One problem found in the docs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Page path relative to the docs root, `/`-separated.
    pub file: String,
    /// 1-based line; 0 when the whole file is meant.
    pub line: u32,
    /// What the finding is about, by kind.
    pub code: Code,
    /// How bad it is (the code's default severity).
    pub severity: Severity,
    /// What is wrong, for the docs author.
    pub message: String,
    /// What on the line is wrong, when the stage knows (else the whole line is meant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<Mark>,
    /// Other places the finding concerns (secondary labels).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Label>,
}

impl Diagnostic {
    /// Points the diagnostic at `token` on its line (or just below it).
    pub fn token(&mut self, token: impl Into<String>) -> &mut Diagnostic {
        self.mark = Some(Mark::Token(token.into()));
        self
    }

    /// Points the diagnostic at a key or element of the JSON body starting on its line.
    pub fn json_path(&mut self, path: impl Into<String>) -> &mut Diagnostic {
        self.mark = Some(Mark::JsonPath(path.into()));
        self
    }

    /// Points the diagnostic at a byte range of its line.
    pub fn span(&mut self, start: usize, end: usize) -> &mut Diagnostic {
        let cap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.mark = Some(Mark::Span { start: cap(start), end: cap(end) });
        self
    }

    /// Adds a secondary label: another place the finding concerns.
    pub fn also(&mut self, file: &str, line: u32, message: impl Into<String>) -> &mut Diagnostic {
        self.related.push(Label { file: file.to_string(), line, message: message.into() });
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}[{}]: {}", self.file, self.line, self.severity.name(), self.code.id(), self.message)
    }
}

/// Collects diagnostics for one page (or one stage); cheap to create.
#[derive(Debug, Default)]
pub struct Diags {
    /// The diagnostics so far, in the order they were found.
    pub items: Vec<Diagnostic>,
}

impl Diags {
    /// Records a diagnostic with the code's default severity; the returned reference adds a
    /// mark or related places.
    pub fn push(&mut self, file: &str, line: u32, code: Code, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic {
            file: file.to_string(),
            line,
            code,
            severity: code.default_severity(),
            message: message.into(),
            mark: None,
            related: Vec::new(),
        };
        self.items.push(d);
        let last = self.items.len() - 1;
        &mut self.items[last]
    }
}

/// The diagnostics as a reader should see them, whichever command prints them (`lint`,
/// `generate`): one of each, since one sentence judged once per request line of its page says
/// the same thing at the same place; and a message that another at the same place extends (an
/// endpoint with a function's arguments judges its page's sentence again, and adds what its
/// example shows) dropped for the longer one. Sorted as `Diagnostic` sorts.
pub fn distinct(diags: &mut Vec<Diagnostic>) {
    let place = |d: &Diagnostic| (d.code.id(), d.file.clone(), d.line, d.mark.clone());
    diags.sort_by(|a, b| (place(a), &a.message).cmp(&(place(b), &b.message)));
    diags.dedup_by(|a, b| place(a) == place(b) && a.message == b.message);
    // Sorted by message within a place, the shorter of two where one extends the other comes first.
    let mut keep = vec![true; diags.len()];
    for (i, w) in diags.windows(2).enumerate() {
        if place(&w[0]) == place(&w[1]) && w[1].message.starts_with(w[0].message.as_str()) {
            keep[i] = false;
        }
    }
    let mut kept = keep.into_iter();
    diags.retain(|_| kept.next().unwrap_or(true));
    diags.sort();
}

/// GitHub workflow command escaping of a message.
pub fn github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub workflow command escaping of a property value (`file=`, `title=`).
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A message with what it quotes between backquotes replaced by `_`, cut to 120 characters, so
/// that messages of one cause group together (`` `GET /a` matches no path `` and
/// `` `GET /b` matches no path `` are one cause).
pub fn cause(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        out.push_str(if i % 2 == 1 { "_" } else { part });
    }
    out.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn every_code_is_listed_once_with_its_own_id() {
        let ids: std::collections::BTreeSet<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len(), "ids are unique and ALL has no repeats");
        let sorted: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        assert!(sorted.windows(2).all(|w| w[0] < w[1]), "declared in id order: {sorted:?}");
        for &c in Code::ALL {
            assert_eq!(Code::parse(c.id()), Some(c));
            assert_eq!(Code::parse(&c.name().to_lowercase()), Some(c));
        }
    }

    #[test]
    fn one_finding_per_place_and_message_whoever_prints_it() {
        let mut d = super::Diags::default();
        // The same sentence judged for three request lines of its page.
        for _ in 0..3 {
            d.push("v1.0/api/a.md", 9, Code::ResponseMismatch, "the sentence names `x`");
        }
        // A message that another at its place extends.
        d.push("v1.0/api/a.md", 12, Code::ModelAnswer, "answers `y`");
        d.push("v1.0/api/a.md", 12, Code::ModelAnswer, "answers `y` (its example too)");
        // The same words elsewhere stay.
        d.push("v1.0/api/b.md", 9, Code::ResponseMismatch, "the sentence names `x`");
        let mut items = d.items;
        super::distinct(&mut items);
        let got: Vec<(&str, u32, &str)> = items.iter().map(|d| (d.file.as_str(), d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            [
                ("v1.0/api/a.md", 9, "the sentence names `x`"),
                ("v1.0/api/a.md", 12, "answers `y` (its example too)"),
                ("v1.0/api/b.md", 9, "the sentence names `x`")
            ]
        );
    }
}
