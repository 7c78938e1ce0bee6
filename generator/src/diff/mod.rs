//! `graphgen diff`: what a docs change does to the generated crate's API, each change
//! classified for Rust semver by how the crate is generated.
//!
//! Two APIs (from docs trees or `ir.yaml` snapshots) are compared item by item: types,
//! properties, enums and their members by qualified name; operations by method and path
//! (letter case and parameter names aside, as pages are matched). Locations are not compared:
//! a page that moves or reflows changes nothing. The crate's own plan (function names, areas)
//! is compared too, since a name shifted by a collision suffix breaks callers as surely as a
//! removed endpoint. A removed item and an added one of the same shape nearby are reported as
//! one likely rename.
//!
//! The classes, from how the crate is generated (the README lists them):
//! - **breaking**: a type, enum, member, property, operation or request function removed or
//!   renamed; a property retyped or made collection or single; a base type changed; a body or
//!   answer type changed; an item moved out of a cargo feature (area) that compiled it.
//! - **additive**: a type, enum, operation or property added (models have `Default`, and the
//!   crate's promise covers struct literals ending in `..Default::default()` and patterns with
//!   `..`); an enum member added (enums are `#[non_exhaustive]`, and the value read as
//!   `Unrecognized` before now has its variant); an item added to another area.
//! - **docs-only**: descriptions, titles, query options, request headers, query and path
//!   parameter rows, and the flags the crate does not read (`abstract`, `openType`, entity or
//!   complex): they change doc comments only, since every request takes any query and header.
//!   Examples (the generated tests) and anything else the IR holds differently are docs-only
//!   too, so that a drift check failing on `ir.yaml` or `tests/` always has a change to show.

mod compare;
mod details;
mod rename;
mod render;

pub use compare::SHARED;
pub use render::{render, Format};

use crate::ir::{Api, Source};
use serde::Serialize;

/// How a change affects users of the generated crate under Rust semver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Code that compiled against the old crate may not compile against the new one.
    Breaking,
    /// New items only; code that compiled still compiles.
    Additive,
    /// Only doc comments change.
    DocsOnly,
}

impl Class {
    /// `breaking`, `additive`, `docs-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::DocsOnly => "docs-only",
        }
    }
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A structured type appeared.
    TypeAdded,
    /// A structured type is gone.
    TypeRemoved,
    /// A type is gone and one of the same shape appeared: a likely rename.
    TypeRenamed,
    /// A type derives from another base (or none).
    BaseChanged,
    /// `abstract`, `openType` or entity/complex changed: flags the crate does not read.
    FlagsChanged,
    /// A map keyed by data got a value type: it gains typed accessors (`get`, `insert`, ...).
    ValuesTyped,
    /// A map keyed by data has another value type, or none: its accessors change or go.
    ValuesChanged,
    /// A property appeared.
    PropertyAdded,
    /// A property is gone.
    PropertyRemoved,
    /// A property is gone and one of the same type appeared on the same type: a likely rename.
    PropertyRenamed,
    /// A property has another type.
    PropertyRetyped,
    /// A property became a collection, or a single value.
    PropertyCardinality,
    /// A property became a relationship or a structural property (gated by other features).
    PropertyNavigation,
    /// An enum appeared.
    EnumAdded,
    /// An enum is gone.
    EnumRemoved,
    /// An enum is gone and one with the same members appeared: a likely rename.
    EnumRenamed,
    /// An enum member appeared.
    MemberAdded,
    /// An enum member is gone.
    MemberRemoved,
    /// An enum became flags: it gains `members` and `join`.
    EnumFlagsSet,
    /// An enum is flags no more: it loses `members` and `join`.
    EnumFlagsCleared,
    /// An endpoint appeared.
    OperationAdded,
    /// An endpoint is gone.
    OperationRemoved,
    /// What a request sends changed.
    BodyChanged,
    /// A parameter of an action's body appeared (a field of its parameter struct).
    BodyParameterAdded,
    /// What a success answers changed.
    AnswerChanged,
    /// The request function of an endpoint has another name or module.
    FunctionRenamed,
    /// A path parameter, query option, query parameter or request header row appeared.
    ParameterAdded,
    /// A path parameter, query option, query parameter or request header row is gone.
    ParameterRemoved,
    /// An endpoint or type left a cargo feature (area) that compiled it.
    AreaRemoved,
    /// An endpoint or type is compiled by one more cargo feature (area).
    AreaAdded,
    /// A description, title, success status or spelling changed.
    Described,
    /// An endpoint's example appeared (a generated test).
    ExampleAdded,
    /// An endpoint's example is gone.
    ExampleRemoved,
    /// An endpoint's example changed (its generated test with it).
    ExampleChanged,
}

impl Kind {
    /// The semver class of a change of this kind (see the module doc).
    pub fn class(self) -> Class {
        use Kind::*;
        match self {
            TypeRemoved | TypeRenamed | BaseChanged | PropertyRemoved | PropertyRenamed | PropertyRetyped | PropertyCardinality
            | PropertyNavigation | EnumRemoved | EnumRenamed | MemberRemoved | EnumFlagsCleared | OperationRemoved | BodyChanged
            | AnswerChanged | FunctionRenamed | AreaRemoved | ValuesChanged => Class::Breaking,
            TypeAdded | ValuesTyped | PropertyAdded | EnumAdded | MemberAdded | EnumFlagsSet | OperationAdded | BodyParameterAdded
            | AreaAdded => Class::Additive,
            FlagsChanged | ParameterAdded | ParameterRemoved | Described | ExampleAdded | ExampleRemoved | ExampleChanged => {
                Class::DocsOnly
            }
        }
    }

    /// The kind in words (`property removed`).
    pub fn words(self) -> String {
        let name = serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        name.replace('-', " ")
    }
}

/// One change of the API surface.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// The docs version it is in (`v1.0`).
    pub version: String,
    /// The cargo feature (area) the item belongs to, for grouping; `shared` for a type or enum
    /// that several features compile.
    pub area: String,
    /// For a `shared` item, the features that compile it (there is no `shared` feature).
    pub features: Vec<String>,
    /// What changed.
    pub kind: Kind,
    /// The item by its OData name: `microsoft.graph.user.displayName`, `GET /users/{id}`.
    pub item: String,
    /// What exactly, in words.
    pub detail: String,
    /// Where the item was described before, when it was.
    pub old: Option<Source>,
    /// Where it is described now, when it is.
    pub new: Option<Source>,
}

impl Change {
    /// The change's semver class.
    pub fn class(&self) -> Class {
        self.kind.class()
    }
}

/// Every change from `old` to `new` (one API version), sorted by area, class, item.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    // Equal APIs have no changes; comparing them is cheaper than planning both.
    if old == new {
        return Vec::new();
    }
    let mut changes = compare::apis(old, new);
    rename::pair(&mut changes, old, new);
    changes.sort_by(|a, b| (&a.area, a.class(), &a.item, a.kind, &a.detail).cmp(&(&b.area, b.class(), &b.item, b.kind, &b.detail)));
    changes
}

/// Every change of every version both IRs hold (or of `version` only), and the versions only
/// one side holds.
pub fn diff_irs(old: &crate::ir::Ir, new: &crate::ir::Ir, version: Option<&str>) -> (Vec<Change>, Vec<String>) {
    // Two single-version trees are one version, whatever their folders are called (a copy
    // of `v1.0` checked out as `head/`).
    if let ([(a, x)], [(b, y)]) = (old.apis.iter().collect::<Vec<_>>().as_slice(), new.apis.iter().collect::<Vec<_>>().as_slice()) {
        if a != b && version.is_none_or(|v| v == a.as_str() || v == b.as_str()) {
            return (diff(x, y), Vec::new());
        }
    }
    let mut changes = Vec::new();
    let mut unmatched = Vec::new();
    let names: std::collections::BTreeSet<&String> = old.apis.keys().chain(new.apis.keys()).collect();
    for name in names.into_iter().filter(|n| version.is_none_or(|v| v == n.as_str())) {
        match (old.apis.get(name), new.apis.get(name)) {
            (Some(a), Some(b)) => changes.extend(diff(a, b)),
            _ => unmatched.push(name.clone()),
        }
    }
    (changes, unmatched)
}

/// The most severe class among the changes, if any.
pub fn worst(changes: &[Change]) -> Option<Class> {
    changes.iter().map(Change::class).min()
}

/// The version bump the changes call for, for a crate at `version` (`0.3.1`): under 1.0, a
/// breaking change bumps the minor number and anything else the patch number, as cargo reads
/// caret requirements.
pub fn bump(version: &str, changes: &[Change]) -> (String, &'static str) {
    let mut parts = version.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor, patch) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    match (worst(changes), major) {
        (Some(Class::Breaking), 0) => (format!("0.{}.0", minor + 1), "breaking (minor, while 0.x)"),
        (Some(Class::Breaking), m) => (format!("{}.0.0", m + 1), "breaking (major)"),
        (Some(Class::Additive), 0) => (format!("0.{minor}.{}", patch + 1), "additive (patch, while 0.x)"),
        (Some(Class::Additive), m) => (format!("{m}.{}.0", minor + 1), "additive (minor)"),
        (Some(Class::DocsOnly), _) => (format!("{major}.{minor}.{}", patch + 1), "docs-only (patch)"),
        (None, _) => (version.to_string(), "no change"),
    }
}
