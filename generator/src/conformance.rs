//! Example JSON against the type it claims: unknown properties, wrong JSON kinds, values
//! outside an enum. Used to tell an example that fails because the page contradicts itself (a
//! docs diagnostic, and the test is ignored with that reason) from one that fails because of
//! the generator; the resolver reports them, the test emitter prunes with them.

use crate::diag::Code;
use crate::frontend::placeholder;
use crate::ir::primitive::JsonKind;
use crate::ir::{lineage, open_ended, Api, Body, ComplexType, ExampleBody, Property, TypeRef};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What an example says that its documented type does not.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong, starting with `path`.
    pub message: String,
    /// The key or element at fault: `$.value[0].id` (`$` for the whole body).
    pub path: String,
    /// What kind of disagreement it is.
    pub kind: Kind,
    /// The type whose properties table lacks the key, for an unknown key: where the fix may be
    /// (a row on that type's page); the enum, for a value of one in another case or joining
    /// members.
    pub owner: Option<String>,
    /// A member in another letter case (`EnumCase`): the enum's spelling, which the crate
    /// writes back. A key in another letter case (`UnknownProperty`, `UnderUnknownType`): the
    /// row's spelling, likewise.
    pub respell: Option<String>,
}

pub use crate::ir::ProblemKind as Kind;

impl Problem {
    fn new(kind: Kind, path: impl Into<String>, message: String) -> Problem {
        Problem { message, path: path.into(), kind, owner: None, respell: None }
    }
}

/// The finding a kind of problem is, if it is one.
pub fn code(kind: Kind) -> Option<Code> {
    Some(match kind {
        Kind::WrongType => Code::ExampleMismatch,
        Kind::UnknownProperty => Code::ExampleUnknownProperty,
        Kind::NotInEnum => Code::ExampleEnumValue,
        Kind::EnumCase => Code::ExampleEnumCase,
        Kind::UnderUnknownType | Kind::FlagsValue | Kind::LoneValue => return None,
    })
}

/// The API the examples are checked against, with types indexed by simple name (lowercase),
/// as `@odata.type` tags and the generated `Any*` enums match them. Build it once per run.
pub struct Checker<'a> {
    api: &'a Api,
    by_simple: HashMap<String, &'a ComplexType>,
    /// Every type's derived types, direct or not.
    derived: HashMap<&'a str, Vec<&'a ComplexType>>,
    /// Properties (holder type, name) whose values the walk notes in `seen`: what the
    /// examples say of a property's cardinality (`resolve::value_cardinality`) and of the types
    /// its values name (`resolve::link_text`).
    watch: std::collections::BTreeSet<(String, String)>,
    seen: std::sync::Mutex<Vec<Seen>>,
}

/// A value of a watched property, as an example shows it.
pub struct Seen {
    /// The type whose table has the property.
    pub holder: String,
    /// The property's name.
    pub key: String,
    /// Whether the value is an array.
    pub array: bool,
    /// The `@odata.type` of the value, or of each element that has one.
    pub tags: Vec<String>,
    /// The value itself when it is no array or object (a number, a placeholder string).
    pub scalar: Option<Value>,
}

impl<'a> Checker<'a> {
    /// Indexes the API's types once.
    pub fn new(api: &'a Api) -> Checker<'a> {
        let mut by_simple = HashMap::new();
        let mut derived: HashMap<&str, Vec<&ComplexType>> = HashMap::new();
        for t in api.types.values() {
            by_simple.entry(t.name.rsplit('.').next().unwrap_or(&t.name).to_ascii_lowercase()).or_insert(t);
            for a in lineage(&api.types, &t.name).into_iter().skip(1) {
                derived.entry(a.name.as_str()).or_default().push(t);
            }
        }
        Checker { api, by_simple, derived, watch: Default::default(), seen: Default::default() }
    }

    /// A checker that notes each value of the `watch`ed properties; null values are not noted.
    pub fn watching(api: &'a Api, watch: std::collections::BTreeSet<(String, String)>) -> Checker<'a> {
        Checker { watch, ..Checker::new(api) }
    }

    /// What the walks so far noted of the watched properties.
    pub fn seen(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// The API checked against.
    pub fn api(&self) -> &'a Api {
        self.api
    }

    /// The type a tag names: by qualified name, else by simple name, case aside.
    pub fn tagged(&self, tag: &str) -> Option<&'a ComplexType> {
        let tag = tag.trim_start_matches('#');
        let simple = tag.rsplit('.').next().unwrap_or(tag).to_ascii_lowercase();
        self.api.types.get(tag).or_else(|| self.by_simple.get(&simple).copied())
    }
}

/// Checks `value` against `ty`, removing the keys no table lists (so that what is left can be
/// compared with what a model of the type writes back), and returns what it found.
pub fn prune(c: &Checker<'_>, ty: &TypeRef, value: &mut Value) -> Vec<Problem> {
    let mut out = Vec::new();
    walk(c, ty, value, "$", &mut out, 0);
    out
}

fn walk(c: &Checker<'_>, ty: &TypeRef, v: &mut Value, path: &str, out: &mut Vec<Problem>, depth: usize) {
    let api = c.api;
    if depth > 64 || v.is_null() {
        return;
    }
    if ty.collection {
        match v {
            Value::Array(items) => {
                let one = TypeRef { name: ty.name.clone(), collection: false };
                for (i, item) in items.iter_mut().enumerate() {
                    walk(c, &one, item, &format!("{path}[{i}]"), out, depth + 1);
                }
            }
            _ => out.push(Problem::new(Kind::WrongType, path, format!("{path} is {} but the type is `{ty}`", kind_of(v)))),
        }
        return;
    }
    let name = ty.name.as_str();
    if crate::ir::ANY_JSON.contains(&name) {
        return;
    }
    let primitive = crate::ir::primitive::by_name(name).map(|p| p.json);
    let kind_ok = match name {
        _ if primitive.is_some() => match primitive {
            Some(JsonKind::String) => v.is_string(),
            Some(JsonKind::Boolean) => v.is_boolean(),
            Some(JsonKind::Integer) => v.is_i64() || v.is_u64(),
            _ => v.is_number(),
        },
        _ if api.enums.contains_key(name) => {
            if let (Some(e), Some(text)) = (api.enums.get(name), v.as_str()) {
                enum_value(e, text, path, out);
            }
            v.is_string()
        }
        _ => match api.types.get(name) {
            Some(t) => {
                object(c, t, v, path, out, depth);
                return;
            }
            None => true,
        },
    };
    if !kind_ok {
        out.push(Problem::new(Kind::WrongType, path, format!("{path} is {} but the type is `{name}`", kind_of(v))));
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `@odata.type` names a type that no page defines (by qualified or simple name).
fn unknown_tag(c: &Checker<'_>, tag: Option<&str>) -> bool {
    tag.is_some_and(|t| c.tagged(t).is_none())
}

/// The type an object really has: its `@odata.type` when that names the declared type or a
/// type that derives from it, else the declared type. Also whether an untagged element's keys
/// fit several unrelated derived types (its kind is open, but no key of it is unknown).
fn effective<'a>(c: &Checker<'a>, declared: &'a ComplexType, v: &Value) -> (&'a ComplexType, bool) {
    match tag_of(v).and_then(|tag| c.tagged(tag)) {
        Some(t) if may_derive(c, t, declared) => (t, false),
        Some(_) => (declared, false),
        None => match fitting(c, declared, v) {
            Some(fits) => match by_keys(c, &fits) {
                Some(t) => (t, false),
                None => (declared, !fits.is_empty()),
            },
            None => (declared, false),
        },
    }
}

/// An element with no `@odata.type` whose keys the declared type lacks but one type derived
/// from it (or one base of all that do) has all of (an abstract `accessReviewScope` written with an
/// `accessReviewQueryScope`'s `query`): that type, as a reader dispatching on keys would take.
/// The element may leave its tag out; its keys still say what it is.
fn by_keys<'a>(c: &Checker<'a>, fits: &[&'a ComplexType]) -> Option<&'a ComplexType> {
    // Several that fit, one of which the others derive from (`accessReviewQueryScope` and its
    // `accessReviewInactiveUsersQueryScope`): the base among them, which claims the least.
    fits.iter().copied().find(|b| fits.iter().all(|t| lineage(&c.api.types, &t.name).iter().any(|a| a.name == b.name)))
}

/// The types derived from `declared` that have every key of an untagged element the declared
/// type lacks; `None` when the declared type has them all. Several unrelated ones (an
/// `accessReviewScope` whose `query` both the query scope and the reviewer scope have) leave
/// the element's kind open, but its keys are known.
fn fitting<'a>(c: &Checker<'a>, declared: &'a ComplexType, v: &Value) -> Option<Vec<&'a ComplexType>> {
    let map = v.as_object()?;
    let keys: Vec<&str> = map.keys().map(String::as_str).filter(|k| !k.contains('@')).collect();
    let has_all = |t: &ComplexType| {
        let chain = lineage(&c.api.types, &t.name);
        keys.iter().all(|k| chain.iter().any(|a| a.properties.iter().any(|p| p.name == *k)))
    };
    if has_all(declared) {
        return None;
    }
    Some(c.derived.get(declared.name.as_str())?.iter().copied().filter(|t| has_all(t)).collect())
}

/// The type an object names: `@odata.type`, or `odata.type` as OData's older JSON wrote it
/// (a key the finding on it reports; the element's other keys are still that type's).
fn tag_of(v: &Value) -> Option<&str> {
    v.get("@odata.type").or_else(|| v.get("odata.type")).and_then(Value::as_str)
}

/// The types a value names: its own `@odata.type`, or each of its elements'.
pub fn tags_of(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(tag_of).map(str::to_string).collect(),
        v => tag_of(v).map(str::to_string).into_iter().collect(),
    }
}

/// True when `t` is `declared` or derives from it, or may: its chain of bases reaches a base no
/// page defines (GG0501 reports that link), so the pages cannot say it does not. Such an
/// element is judged by the type it names, whose page lists what it holds.
fn may_derive(c: &Checker<'_>, t: &ComplexType, declared: &ComplexType) -> bool {
    lineage(&c.api.types, &t.name).iter().any(|a| a.name == declared.name) || open_ended(&c.api.types, &t.name)
}

/// When an element names an existing type that the pages do not derive from the declared one,
/// its unknown keys are judged by the declared type; the finding says which type the element
/// named, so the fix (a base on that type's page, or another tag) is found.
fn named_otherwise(c: &Checker<'_>, judged: &ComplexType, tag: Option<&str>) -> String {
    match tag.and_then(|tag| c.tagged(tag)) {
        Some(named) if named.name != judged.name => {
            format!("; the element says it is `{}`, which its page does not derive from `{}`", named.name, judged.name)
        }
        _ => String::new(),
    }
}

fn object<'a>(c: &Checker<'a>, declared: &'a ComplexType, v: &mut Value, path: &str, out: &mut Vec<Problem>, depth: usize) {
    let api = c.api;
    let (t, open_kinds) = effective(c, declared, v);
    let v_tag = tag_of(v).map(str::to_string);
    let Value::Object(map) = v else {
        out.push(Problem::new(Kind::WrongType, path, format!("{path} is {} but the type is `{}`", kind_of(v), declared.name)));
        return;
    };
    let chain = lineage(&api.types, &t.name);
    let open = chain.iter().any(|t| t.open);
    let props: Vec<&Property> = chain.iter().flat_map(|t| t.properties.iter()).collect();
    // A tag naming a type the pages do not derive from the judged one: the keys that type has
    // are one disagreement (the tag or the declared type is wrong), said once at the tag, not
    // once per key.
    let other = v_tag.as_deref().and_then(|tag| c.tagged(tag)).filter(|n| n.name != t.name && !may_derive(c, n, t));
    let other_has = |k: &str| other.is_some_and(|n| lineage(&api.types, &n.name).iter().any(|a| a.properties.iter().any(|p| p.name == k)));
    let mut theirs = Vec::new();
    let mut unknown = Vec::new();
    for (k, value) in map.iter_mut() {
        if k.contains('@') {
            continue;
        }
        // `extension_<app id>_<name>`: a directory schema extension's value, which any
        // directory object may carry beyond its table; set aside with no finding.
        if directory_extension(k) {
            unknown.push(k.clone());
            continue;
        }
        match props.iter().find(|p| &p.name == k) {
            Some(p) => {
                if !c.watch.is_empty() && !value.is_null() {
                    note(c, &chain, k, value);
                }
                let at = format!("{path}.{k}");
                let holder = holder_of(&chain, k);
                let shape_off = !value.is_null() && p.r#type.collection != value.is_array();
                if shape_off && holder.is_some_and(|h| h.settled.one_or_many.contains_key(k)) {
                    // Read as a list of one: judged as an element, then wrapped (after any
                    // respelling inside it, which names the unwrapped path).
                    walk(c, &TypeRef { name: p.r#type.name.clone(), collection: false }, value, &at, out, depth + 1);
                    let message = format!("{at} is one value; `{k}` is read as a list that also takes one");
                    out.push(Problem::new(Kind::LoneValue, at, message));
                    continue;
                }
                let before = out.len();
                walk(c, &p.r#type, value, &at, out, depth + 1);
                // A value in the other shape than its row names the row's type, so that the
                // finding points at the row and `resolve::lone_values` weighs it.
                if shape_off {
                    for q in out[before..].iter_mut().filter(|q| q.path == at && q.kind == Kind::WrongType) {
                        q.owner = holder.map(|h| h.name.clone());
                    }
                }
            }
            // An open type takes keys no table lists, but not one that only the letter case
            // tells from a row (`Manufacturer` in device-list.md's answers): that is the row,
            // misspelled, and is read and reported as the case of a closed type is.
            None if open && !props.iter().any(|p| p.name.eq_ignore_ascii_case(k)) => {}
            None if other_has(k) => {
                theirs.push(format!("`{k}`"));
                unknown.push(k.clone());
            }
            None => {
                // A key of a type whose chain of bases reaches one no page defines may be that
                // base's (`site`'s `owner`, from `baseItem`): no finding, as under an unknown tag.
                let kind = if unknown_tag(c, v_tag.as_deref()) || open_ended(&api.types, &t.name) || open_kinds {
                    Kind::UnderUnknownType
                } else {
                    Kind::UnknownProperty
                };
                // Property names are case-sensitive on the wire; say so when case is all that differs.
                let row = props.iter().find(|p| p.name.eq_ignore_ascii_case(k));
                // The crate reads that spelling as the row (`settled.also_read`): its value is
                // judged as the row's, before the key's own problem (whose respell renames the
                // key after the value's are applied).
                if let Some(p) = row {
                    walk(c, &p.r#type, value, &format!("{path}.{k}"), out, depth + 1);
                }
                let message = match row {
                    Some(p) => format!("{path}.{k} is not a property of `{}`: only the letter case differs from `{}`", t.name, p.name),
                    None => format!("{path}.{k} is not a property of `{}`{}", t.name, named_otherwise(c, t, v_tag.as_deref())),
                };
                // Written back as the row spells it.
                let respell = row.map(|p| p.name.clone());
                out.push(Problem { owner: Some(t.name.clone()), respell, ..Problem::new(kind, format!("{path}.{k}"), message) });
                unknown.push(k.clone());
            }
        }
    }
    if let (Some(n), false) = (other, theirs.is_empty()) {
        let key = if map.contains_key("@odata.type") { "@odata.type" } else { "odata.type" };
        let message = format!(
            "{path} says it is `{}`, which its page does not derive from `{}`, the type it is read as here; {} {} `{}`'s: fix the tag or the type the example declares",
            n.name,
            t.name,
            theirs.join(", "),
            if theirs.len() == 1 { "is" } else { "are" },
            n.name
        );
        // The named type's page is where a base would go.
        out.push(Problem { owner: Some(n.name.clone()), ..Problem::new(Kind::UnknownProperty, format!("{path}.{key}"), message) });
    }
    for k in unknown {
        map.shift_remove(&k);
    }
}

/// The type of `chain` whose table has `key`.
fn holder_of<'a>(chain: &[&'a ComplexType], key: &str) -> Option<&'a ComplexType> {
    chain.iter().copied().find(|t| t.properties.iter().any(|p| p.name == key))
}

/// Notes a value of a watched property, under the type of `chain` whose table has it.
fn note(c: &Checker<'_>, chain: &[&ComplexType], key: &str, value: &Value) {
    let Some(holder) = holder_of(chain, key) else { return };
    let at = (holder.name.clone(), key.to_string());
    if c.watch.contains(&at) {
        let scalar = (!value.is_array() && !value.is_object()).then(|| value.clone());
        let seen = Seen { holder: at.0, key: at.1, array: value.is_array(), tags: tags_of(value), scalar };
        c.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(seen);
    }
}

/// Each member named by `text` (flags enums join several with `,`) must be one of the enum's.
fn enum_value(e: &crate::ir::EnumType, text: &str, path: &str, out: &mut Vec<Problem>) {
    // Members joined with commas where the enum is not read as flags: the evidence it is.
    let joined: Vec<&str> = text.split(',').map(str::trim).collect();
    if !e.flags && joined.len() > 1 && joined.iter().all(|p| e.members.iter().any(|m| m.name == *p)) {
        let message = format!("{path} joins members of `{}` with commas: a flags enum", e.name);
        out.push(Problem { owner: Some(e.name.clone()), ..Problem::new(Kind::FlagsValue, path, message) });
        return;
    }
    let parts: Vec<&str> = if e.flags { joined } else { vec![text] };
    for part in parts {
        if part.is_empty() || e.members.iter().any(|m| m.name == part) {
            continue;
        }
        let folded: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).filter(|m| m.eq_ignore_ascii_case(part)).collect();
        if let Some(m) = folded.first() {
            let message = format!("{path} is `{part}`; the member of `{}` is spelled `{m}`", e.name);
            // The crate reads one member in any letter case (not a flags value's parts, which
            // stay the text they are): the value goes back as the enum spells it.
            let respell = (!e.flags && folded.len() == 1).then(|| m.to_string());
            out.push(Problem { respell, owner: Some(e.name.clone()), ..Problem::new(Kind::EnumCase, path, message) });
            continue;
        }
        let names: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).take(8).collect();
        let more = if e.members.len() > 8 { ", ..." } else { "" };
        out.push(Problem::new(
            Kind::NotInEnum,
            path,
            format!("{path} is `{part}`, which is no member of `{}`; members: {}{more}", e.name, names.join(", ")),
        ));
    }
}

/// An example request body against the operation's body: what a model of it can hold (keys
/// no table documents removed), and the problems on the way.
pub fn request_body(c: &Checker<'_>, body: &Body, j: &Value) -> (Value, Vec<Problem>) {
    let mut v = j.clone();
    let mut found = Vec::new();
    // A table read as parameters may list an object's properties (its page says "a JSON
    // representation of x" with no link, as every page of a base's derived types does, and the
    // endpoint settles to one of them): a tag naming a type with a page says which object the
    // example sends, and that type's table judges it.
    let tagged = tag_of(j).and_then(|t| c.tagged(t));
    match (body, tagged, &mut v) {
        (Body::Type(t), _, v) => found = prune(c, t, v),
        (Body::Parameters(_), Some(t), v) => found = prune(c, &TypeRef { name: t.name.clone(), collection: false }, v),
        (Body::Parameters(params), None, Value::Object(m)) => {
            let mut unknown = Vec::new();
            // A table read as parameters may list an object's properties (its page says "a JSON
            // representation of x" where no page defines x): a tag says which object the
            // example sends, not a stray parameter. It is set aside for the comparison.
            if m.contains_key("@odata.type") {
                unknown.push("@odata.type".to_string());
            }
            for (k, v) in m.iter_mut().filter(|(k, _)| !k.contains('@')) {
                match params.iter().find(|p| &p.name == k) {
                    Some(p) => {
                        found.extend(under(&format!("$.{k}"), prune(c, &p.r#type, v)));
                    }
                    None => {
                        let message = match params.iter().find(|p| p.name.eq_ignore_ascii_case(k)) {
                            Some(p) => format!("$.{k} is not in the request body's table: only the letter case differs from `{}`", p.name),
                            None => format!("$.{k} is not in the request body's table"),
                        };
                        found.push(Problem::new(Kind::UnknownProperty, format!("$.{k}"), message));
                        unknown.push(k.clone());
                    }
                }
            }
            for k in unknown {
                m.shift_remove(&k);
            }
        }
        _ => {}
    }
    (v, found)
}

/// Problems found in a part of a body, with their paths made paths of the whole body, in the
/// messages too: an item of a page is `$.value[0].id`, a parameter's field `$.row.id`, as the
/// reader finds them in the example's text.
fn under(prefix: &str, mut found: Vec<Problem>) -> Vec<Problem> {
    let whole = |at: &str| format!("{prefix}{}", at.strip_prefix('$').unwrap_or(at));
    for p in &mut found {
        if p.message.starts_with('$') {
            p.message = whole(&p.message);
        }
        p.path = whole(&p.path);
    }
    found
}

/// True when an example response body wraps what it stands for in `{"value": ...}`: Intune
/// pages wrap a single entity so (the service does not), and primitives travel so.
pub fn response_wrapped(api: &Api, t: &TypeRef, j: &Value) -> bool {
    // Any JSON (`Edm.Untyped`, the fallback for an answer no page types) is the body as it is.
    let primitive =
        !t.collection && !crate::ir::ANY_JSON.contains(&t.name.as_str()) && (t.name.starts_with("Edm.") || api.enums.contains_key(&t.name));
    match j {
        Value::Object(m) if !t.collection && m.len() == 1 && m.get("value").is_some_and(Value::is_object) => true,
        Value::Object(_) => primitive,
        _ => false,
    }
}

/// The value an example response body stands for (see [`response_wrapped`]).
pub fn response_value(api: &Api, t: &TypeRef, j: Value) -> Value {
    if !response_wrapped(api, t, &j) {
        return j;
    }
    match j {
        Value::Object(mut m) => m.shift_remove("value").unwrap_or(Value::Null),
        other => other,
    }
}

/// An example response body (already through [`response_value`]) against the documented type.
pub fn response_body(c: &Checker<'_>, t: &TypeRef, j: &Value) -> (Value, Vec<Problem>) {
    let mut v = j.clone();
    let not_page = || Problem::new(Kind::WrongType, "$", "$ is not a collection page (`{\"value\": [...]}`)".into());
    let found = match (t.collection, &mut v) {
        (true, Value::Object(m)) => {
            // A page carries `value` and `@odata.*` links; a type annotation is set aside.
            let mut found = match m.get_mut("value") {
                Some(items) => under("$.value", prune(c, t, items)),
                // One object where a page belongs: that is the finding, not each of its keys.
                None => return (v, vec![not_page()]),
            };
            let stray: Vec<String> = m.keys().filter(|k| *k == "@odata.type" || (*k != "value" && !k.contains('@'))).cloned().collect();
            for k in stray {
                m.shift_remove(&k);
                found.push(Problem::new(Kind::UnknownProperty, format!("$.{k}"), format!("$.{k} is no part of a collection page")));
            }
            found
        }
        (true, _) => vec![not_page()],
        (false, v) => prune(c, t, v),
    };
    (v, found)
}

/// `v` with each string `respells` names at its path written as the crate writes it back (an
/// enum member read in another letter case goes back as the enum spells it).
pub fn respelled<'a>(v: &Value, respells: impl IntoIterator<Item = &'a crate::ir::Respell>) -> Value {
    let mut out = v.clone();
    for r in respells {
        if r.key {
            // `$.a.timeSlots` → the object at `$.a`, its key `timeSlots`.
            let Some((parent, key)) = r.path.rsplit_once('.') else { continue };
            if let Some(Value::Object(m)) = at_path(&mut out, parent) {
                if !m.contains_key(&r.text) {
                    if let Some(value) = m.shift_remove(key) {
                        m.insert(r.text.clone(), value);
                    }
                }
            }
        } else if r.wrap {
            if let Some(v) = at_path(&mut out, &r.path) {
                *v = Value::Array(vec![v.take()]);
            }
        } else if let Some(Value::String(s)) = at_path(&mut out, &r.path) {
            *s = r.text.clone();
        }
    }
    out
}

/// The value at a checker's path (`$.value[0].status`), if the body has it.
fn at_path<'v>(v: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    let mut cur = v;
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let (n, after) = r.split_once(']')?;
            cur = cur.get_mut(n.parse::<usize>().ok()?)?;
            rest = after;
        } else {
            let r = rest.strip_prefix('.')?;
            let end = r.find(['.', '[']).unwrap_or(r.len());
            cur = cur.get_mut(&r[..end])?;
            rest = &r[end..];
        }
    }
    Some(cur)
}

/// The JSON an example can be checked with: real data as is, templates with placeholders nulled.
pub fn example_json(b: &ExampleBody) -> Option<Value> {
    match b {
        ExampleBody::Json(v) => Some(v.clone()),
        ExampleBody::Template(v) => Some(nulled(v)),
        ExampleBody::Text(_) => None,
    }
}

/// The JSON a request example sends as a user would copy it: real data as is; a template
/// without its placeholders (`"String"`, `"@odata.type: microsoft.graph.alertStatus"`, type
/// stubs), which would be nonsense on the wire, or a cleared field if sent as `null` in an
/// update; an object or list that held only placeholders goes too. With it, the JSON paths
/// left out (`vendorInformation.provider`), in document order.
/// `data` says which JSON paths hold a type word that is data for the type it is sent as (an
/// enum member, a property naming a type), kept as written (`emit::snippet::words`).
pub fn example_sendable(b: &ExampleBody, data: &dyn Fn(&str) -> bool) -> Option<(Value, Vec<String>)> {
    match b {
        ExampleBody::Json(v) => Some((v.clone(), Vec::new())),
        ExampleBody::Template(v) => {
            let mut dropped = Vec::new();
            let kept = without_placeholders(v, "", data, &mut dropped).unwrap_or_else(|| match v {
                Value::Array(_) => Value::Array(Vec::new()),
                _ => Value::Object(Map::new()),
            });
            dropped.dedup();
            Some((kept, dropped))
        }
        ExampleBody::Text(_) => None,
    }
}

/// `v` without its placeholders; `None` when nothing of it is left.
fn without_placeholders(v: &Value, path: &str, data: &dyn Fn(&str) -> bool, dropped: &mut Vec<String>) -> Option<Value> {
    let placeholder = match v {
        Value::String(s) => (placeholder::is_placeholder_word(s) && !data(path)) || s.trim_start().starts_with("@odata.type:"),
        // A type stub: `{"@odata.type": "microsoft.graph.x"}` (a real one starts with `#`, or
        // names a kind of what the place takes, which `data` says).
        Value::Object(m) => {
            m.len() == 1 && m.get("@odata.type").and_then(Value::as_str).is_some_and(|t| !t.starts_with('#')) && !data(path)
        }
        _ => false,
    };
    if placeholder {
        dropped.push(path.to_string());
        return None;
    }
    match v {
        Value::Array(items) if !items.is_empty() => {
            let kept: Vec<Value> = items.iter().filter_map(|i| without_placeholders(i, path, data, dropped)).collect();
            if kept.is_empty() {
                return None;
            }
            Some(Value::Array(kept))
        }
        Value::Object(m) if !m.is_empty() => {
            let kept: Map<String, Value> = m
                .iter()
                .filter_map(|(k, x)| {
                    let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    without_placeholders(x, &at, data, dropped).map(|x| (k.clone(), x))
                })
                .collect();
            if kept.is_empty() {
                return None;
            }
            Some(Value::Object(kept))
        }
        other => Some(other.clone()),
    }
}

fn nulled(v: &Value) -> Value {
    match v {
        Value::String(s) if placeholder::is_placeholder_word(s) => Value::Null,
        Value::Array(items) => Value::Array(
            items.iter().filter(|i| !matches!(i, Value::String(s) if placeholder::is_placeholder_word(s))).map(nulled).collect(),
        ),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), nulled(v))).collect()),
        other => other.clone(),
    }
}

/// `extension_fe2174665583431c953114ff7268b7b3_Education_Phone`: the name Graph gives a
/// directory schema extension property (an app id of 32 hex digits, then the name).
fn directory_extension(key: &str) -> bool {
    key.strip_prefix("extension_")
        .and_then(|rest| rest.split_once('_'))
        .is_some_and(|(app, name)| app.len() == 32 && app.bytes().all(|b| b.is_ascii_hexdigit()) && !name.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn directory_extension_names() {
        assert!(super::directory_extension("extension_fe2174665583431c953114ff7268b7b3_Education_Phone"));
        assert!(!super::directory_extension("extension_short_Phone"));
        assert!(!super::directory_extension("extensionAttribute1"));
        assert!(!super::directory_extension("extension_fe2174665583431c953114ff7268b7b3_"));
    }

    #[test]
    fn respells_the_string_at_each_path_and_nothing_else() {
        use crate::ir::Respell;
        let body = serde_json::json!({"value": [{"status": "Scheduled", "name": "Scheduled"}], "kind": "Text"});
        let r = |path: &str, text: &str| Respell { path: path.into(), text: text.into(), key: false, wrap: false };
        let fixes = [r("$.value[0].status", "scheduled"), r("$.kind", "text"), r("$.value[3].status", "x"), r("$.kind.deeper", "y")];
        let out = super::respelled(&body, &fixes);
        assert_eq!(out, serde_json::json!({"value": [{"status": "scheduled", "name": "Scheduled"}], "kind": "text"}));
    }

    #[test]
    fn respells_a_key_and_keeps_its_value() {
        use crate::ir::Respell;
        let body = serde_json::json!({"constraint": {"timeSlots": [1], "kind": "work"}, "Type": "x", "type": "y"});
        let r = |path: &str, text: &str| Respell { path: path.into(), text: text.into(), key: true, wrap: false };
        // A key the object already has in the row's spelling stays as it is.
        let out = super::respelled(&body, &[r("$.constraint.timeSlots", "timeslots"), r("$.Type", "type")]);
        assert_eq!(out, serde_json::json!({"constraint": {"timeslots": [1], "kind": "work"}, "Type": "x", "type": "y"}));
    }
}
