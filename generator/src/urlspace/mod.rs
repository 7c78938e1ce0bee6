//! The service's URL space as the docs describe it: entity sets and singletons at the root (from
//! the list and get pages, [`crate::ir::Root`]), and from there every resource's properties
//! (relationships tables for navigation, property tables for structure), casts to derived
//! types, `$value`, `$count`, `$ref`, and drive and site addressing by path (`root:/{path}:`).
//!
//! Walking a path template through it says what the path addresses, independent of the page
//! that documents the path: what a GET of it answers and what a write to it takes. Where a page
//! says otherwise, the pages disagree with each other, and settlement weighs the evidence.

pub mod aliases;
pub mod context;

use crate::ir::HttpMethod;
use crate::ir::{lineage, ComplexType, Property, Root, TypeKind, TypeRef};
use crate::path::{PathTemplate, Piece, Segment};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a path addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A collection of entities: an entity set or a collection-valued navigation property.
    Collection(String),
    /// One entity: a key segment, a singleton or a single-valued navigation property.
    Entity(String),
    /// The value of a structural property (complex or primitive, maybe a collection).
    Value(TypeRef),
    /// Raw bytes: `$value` of a media entity, or a stream property such as `content`.
    Stream,
    /// `$count` of a collection.
    Count,
    /// `$ref`: the reference(s) of a navigation property.
    Ref {
        /// The relationship is a collection.
        collection: bool,
    },
    /// A bound function or action, or a segment no property of the resource names. What it
    /// answers, only its own page says.
    Call {
        /// The segment as written.
        name: String,
    },
}

impl Target {
    /// What a GET of the target answers, when the model alone can say.
    pub fn answer(&self) -> Option<TypeRef> {
        match self {
            Target::Collection(t) => Some(TypeRef { name: t.clone(), collection: true }),
            Target::Entity(t) => Some(TypeRef { name: t.clone(), collection: false }),
            Target::Value(t) => Some(t.clone()),
            Target::Stream => Some(TypeRef { name: crate::ir::primitive::STREAM.into(), collection: false }),
            // A bare number in text.
            Target::Count => Some(TypeRef { name: crate::ir::primitive::INT32.into(), collection: false }),
            Target::Ref { .. } | Target::Call { .. } => None,
        }
    }

    /// What a write with `method` takes as its body, when the model alone can say: an entity or
    /// structural value for PATCH and PUT, a member for POST to a collection, bytes for PUT to a
    /// stream.
    pub fn body(&self, method: HttpMethod) -> Option<TypeRef> {
        let single = |t: &str| Some(TypeRef { name: t.to_string(), collection: false });
        match (method, self) {
            (HttpMethod::Patch | HttpMethod::Put, Target::Entity(t)) => single(t),
            (HttpMethod::Patch | HttpMethod::Put, Target::Value(t)) if !t.is_primitive() && !t.collection => Some(t.clone()),
            (HttpMethod::Put, Target::Stream) => single(crate::ir::primitive::STREAM),
            (HttpMethod::Post, Target::Collection(t)) => single(t),
            _ => None,
        }
    }

    /// The entity type the target is about (its members, for a collection).
    pub fn entity_type(&self) -> Option<&str> {
        match self {
            Target::Collection(t) | Target::Entity(t) => Some(t),
            _ => None,
        }
    }
}

/// The result of walking a path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// What the path addresses; `None` when the walk stopped.
    pub target: Option<Target>,
    /// The state before the last segment: what a call or `$ref` is bound to.
    pub binding: Option<Target>,
    /// Where the walk stopped: the segment no root or property names.
    pub stopped: Option<usize>,
    /// The model's spelling of each literal segment it knows (a root, a property name).
    pub spelling: Vec<Option<String>>,
    /// The last root or property the walk took, with the type that has the property (none for
    /// a root): what a finding names as the model's evidence.
    pub via: Option<(Option<String>, String)>,
    /// When the walk stopped because a segment names nothing of the type before it: that
    /// segment and the type (a finding says "`user` has no `teamwork`" there, where the fix is,
    /// rather than at the segment after it that could not be followed).
    pub lacking: Option<(usize, String)>,
    /// `lacking` names a segment the walk went past on a guess: the pages that GET it answer
    /// different types and the walk took their common base, which lacks what follows. The fix
    /// is there (a cast, or one answer), not at the segment the guess could not follow.
    pub guessed: bool,
}

impl Walk {
    /// A walk that failed after a guess failed at the guess: the segment the type before it
    /// lacks (its derived types' pages disagree on what it answers) is where the fix goes.
    /// Only while the walk is still on the guessed type: a failure further on is its own.
    fn blame_guess(&mut self, guess: Option<(usize, String, String)>) {
        let at =
            self.lacking.as_ref().map(|l| l.1.clone()).or_else(|| self.binding.as_ref().and_then(Target::entity_type).map(str::to_string));
        if let Some(g) = guess.filter(|g| at.as_deref() == Some(g.2.as_str())) {
            self.lacking = Some((g.0, g.1));
            self.guessed = true;
        }
    }
}

/// The URL space the docs describe: roots, and every type's relationships and properties,
/// indexed once so that each path is walked segment by segment.
pub struct UrlSpace<'a> {
    types: &'a BTreeMap<String, ComplexType>,
    /// Lowercase root name → root.
    roots: BTreeMap<String, Root>,
    /// Some root has several segments (`education/classes`).
    anchors: bool,
    /// Every type's derived types, direct or not.
    derived: HashMap<&'a str, Vec<&'a str>>,
    /// Every type's ancestors, itself first.
    lineages: HashMap<&'a str, Vec<&'a str>>,
    /// Every type's properties, own and inherited (nearest first), by lowercase name.
    props: HashMap<&'a str, HashMap<String, &'a Property>>,
    /// Lowercase key of a function segment's path, arguments left out (`push_bare_key`) → what
    /// its own page says it answers (composable functions: `range(address='{a}')` answers a
    /// `workbookRange`, and the path goes on from there).
    calls: BTreeMap<String, TypeRef>,
    /// Keys of `calls` whose pages answer different types (the walk goes on from their common
    /// base, a guess).
    disputed: BTreeSet<String>,
    /// Lowercase first segment → a GET page documenting a root there whose answer no page
    /// defines, with that type: the root has no place in the model, yet a page names it.
    untyped_roots: BTreeMap<String, (String, String, crate::ir::Source)>,
    /// Properties found on derived types, by (type, lowercase word): walks ask again and again.
    derived_props: RefCell<HashMap<(String, String), Option<&'a Property>>>,
}

impl<'a> UrlSpace<'a> {
    /// The roots (entity sets and singletons), by lowercase name.
    pub fn roots(&self) -> impl Iterator<Item = &Root> {
        self.roots.values()
    }

    /// The types derived from `name`, directly or not.
    pub fn derived_of(&self, name: &str) -> &[&'a str] {
        self.derived.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Indexes the types and roots of an API.
    pub fn new(types: &'a BTreeMap<String, ComplexType>, roots: &BTreeMap<String, Root>) -> Self {
        let mut derived: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut lineages: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut props: HashMap<&str, HashMap<String, &Property>> = HashMap::new();
        for t in types.values() {
            let line = lineage(types, &t.name);
            for base in line.iter().skip(1) {
                derived.entry(base.name.as_str()).or_default().push(t.name.as_str());
            }
            let own = props.entry(t.name.as_str()).or_default();
            for x in &line {
                for p in &x.properties {
                    // An exact spelling wins over a case twin; the nearest type over its bases.
                    own.entry(p.name.to_ascii_lowercase()).or_insert(p);
                }
            }
            lineages.insert(t.name.as_str(), line.iter().map(|x| x.name.as_str()).collect());
        }
        let mut space = UrlSpace {
            types,
            roots: BTreeMap::new(),
            anchors: false,
            derived,
            lineages,
            props,
            calls: BTreeMap::new(),
            disputed: BTreeSet::new(),
            untyped_roots: BTreeMap::new(),
            derived_props: RefCell::new(HashMap::new()),
        };
        space.set_roots(roots);
        space
    }

    /// Replace the roots (the model of the types stays).
    pub fn set_roots(&mut self, roots: &BTreeMap<String, Root>) {
        self.roots = roots.values().map(|r| (r.name.to_ascii_lowercase(), r.clone())).collect();
        self.anchors = self.roots.keys().any(|k| k.contains('/'));
    }

    /// Let walks go on past a function segment whose own page (a GET of exactly that path,
    /// keyed by [`PathTemplate::key`]) says what it answers.
    pub fn with_calls(mut self, calls: BTreeMap<String, TypeRef>) -> Self {
        self.calls = calls;
        self
    }

    /// Mark the calls whose pages answer different types (see [`disputed`]).
    pub fn with_disputed(mut self, disputed: BTreeSet<String>) -> Self {
        self.disputed = disputed;
        self
    }

    /// Remember the roots GET pages document with an answer no page defines (see
    /// `untyped_roots`), so a path stopping there says so rather than that no page documents
    /// the root.
    pub fn with_untyped_roots(mut self, ops: &[crate::ir::Operation]) -> Self {
        for op in ops.iter().filter(|o| o.method == HttpMethod::Get) {
            // A root's own list or get: one or two literal segments (`users`, `education/classes`),
            // and at most a key after them.
            let segs = op.path.segments();
            let named = match segs.split_last() {
                Some((last, rest)) if last.param_name().is_some() => rest,
                _ => segs,
            };
            if named.is_empty()
                || named.len() > 2
                || named.iter().any(|s| s.literal().is_none_or(|l| l.starts_with('$') || l.contains(['.', ':', '('])))
            {
                continue;
            }
            let Some(first) = segs.first().and_then(Segment::literal) else { continue };
            // An answer no page defines, or none the page names (read as bytes, or nothing).
            let answer = op.response.r#type.as_ref();
            if answer.is_some_and(|r| self.types.contains_key(&r.name) || (r.is_primitive() && r.name != crate::ir::primitive::STREAM)) {
                continue;
            }
            let ty = answer.filter(|r| !r.is_primitive()).map(|r| r.name.clone()).unwrap_or_default();
            let key = first.to_ascii_lowercase();
            // The shortest such request names the root best (`/contacts` over `/contacts/delta`).
            let shorter = self.untyped_roots.get(&key).is_none_or(|(_, known, _)| format!("GET {}", op.path).len() < known.len());
            if !self.roots.contains_key(&key) && shorter {
                self.untyped_roots.insert(key, (ty, format!("GET {}", op.path), op.source.clone()));
            }
        }
        self
    }

    /// A GET page documenting a root `name` whose answer no page defines: the type (empty when
    /// the page names none), the request (`GET /contacts`) and the page.
    pub fn untyped_root(&self, name: &str) -> Option<&(String, String, crate::ir::Source)> {
        self.untyped_roots.get(&name.to_ascii_lowercase())
    }

    /// A root by name, letter case aside.
    pub fn root(&self, name: &str) -> Option<&Root> {
        self.roots.get(&name.to_ascii_lowercase())
    }

    /// The API's types.
    pub fn types(&self) -> &BTreeMap<String, ComplexType> {
        self.types
    }

    /// `a` is `b` or derives from it.
    pub fn is_a(&self, a: &str, b: &str) -> bool {
        a == b || self.lineages.get(a).is_some_and(|l| l.contains(&b))
    }

    /// Follows a path from its root: what each segment addresses, where the walk stopped, and
    /// how each segment is spelled by the model.
    pub fn walk(&self, path: &PathTemplate) -> Walk {
        let segs = path.segments();
        let mut w = Walk { spelling: vec![None; segs.len()], ..Walk::default() };
        let (mut state, start) = match self.anchor(segs, &mut w.spelling) {
            Some((t, n)) => {
                let name: Vec<String> = w.spelling[..n].iter().flatten().cloned().collect();
                w.via = Some((None, name.join("/")));
                (Some(t), n)
            }
            None => (None, 0),
        };
        let mut addressed = false;
        // The key of the path so far, kept only when function answers are known.
        let track = !self.calls.is_empty();
        let mut prefix = String::new();
        // A call segment passed on a disputed answer, the type before it and the type guessed.
        let mut guess: Option<(usize, String, String)> = None;
        if track {
            for s in &segs[..start] {
                s.push_bare_key(&mut prefix);
            }
        }
        for (i, s) in segs.iter().enumerate().skip(start) {
            if track {
                s.push_bare_key(&mut prefix);
            }
            let next = match &state {
                None => self.at_root(s, &mut w.spelling[i]),
                Some(t) => self.step(t, s, segs.get(i + 1), addressed, &mut w.spelling[i]),
            };
            // A function whose own page says what it answers: go on from that.
            let next = match next {
                Some(Target::Call { name }) if i + 1 < segs.len() => {
                    let before = state.as_ref().and_then(Target::entity_type).map(str::to_string);
                    if let (true, Some(before), Some(t)) = (self.disputed.contains(&prefix), before, self.calls.get(&prefix)) {
                        guess = Some((i, before, t.name.clone()));
                    }
                    // A key after it says it answers a set, whatever one page says (a create
                    // page's "returns the new x" read as the segment's answer).
                    let keyed = segs.get(i + 1).is_some_and(|k| k.param_name().is_some());
                    let answer =
                        |t: &TypeRef| if keyed && !t.collection { TypeRef { name: t.name.clone(), collection: true } } else { t.clone() };
                    self.calls.get(&prefix).map(|t| self.of_type(&answer(t))).or(Some(Target::Call { name }))
                }
                n => n,
            };
            addressed = s.ends_with_colon();
            if let Some(word) = &w.spelling[i] {
                let owner = state.as_ref().and_then(Target::entity_type).map(str::to_string).or_else(|| match &state {
                    Some(Target::Value(v)) => Some(v.name.clone()),
                    _ => None,
                });
                w.via = Some((owner, word.trim_end_matches(':').to_string()));
            }
            match next {
                Some(t) => {
                    w.binding = state.take();
                    state = Some(t);
                }
                None => {
                    if let (Some(Target::Value(v)), Some(_)) = (&state, s.literal()) {
                        w.lacking = Some((i, v.name.clone()));
                    }
                    w.stopped = Some(i);
                    w.binding = state;
                    w.blame_guess(guess);
                    return w;
                }
            }
            if matches!(state, Some(Target::Call { .. })) && i + 1 < segs.len() {
                // The segment read as a call is what the type before it lacks.
                w.lacking = w.binding.as_ref().and_then(Target::entity_type).map(|t| (i, t.to_string()));
                w.stopped = Some(i + 1);
                w.binding = state;
                w.blame_guess(guess);
                return w;
            }
        }
        w.target = state;
        w
    }

    /// A root of several segments (`education/classes`, below a container no page types), the
    /// longest that starts the path: its target and how many segments it took.
    fn anchor(&self, segs: &[Segment], spelling: &mut [Option<String>]) -> Option<(Target, usize)> {
        let literal = segs.iter().take_while(|s| s.literal().is_some()).count();
        if literal < 2 || !self.anchors {
            return None;
        }
        for n in (2..=literal).rev() {
            let joined: Vec<&str> = segs[..n].iter().filter_map(Segment::literal).collect();
            if let Some(r) = self.roots.get(&joined.join("/").to_ascii_lowercase()) {
                for (slot, word) in spelling.iter_mut().zip(r.name.split('/')) {
                    *slot = Some(word.to_string());
                }
                let t = if r.collection { Target::Collection(r.r#type.clone()) } else { Target::Entity(r.r#type.clone()) };
                return Some((t, n));
            }
        }
        None
    }

    fn at_root(&self, s: &Segment, spelling: &mut Option<String>) -> Option<Target> {
        if let Some(l) = s.literal() {
            let r = self.root(l.trim_end_matches(':'))?;
            *spelling = Some(respell(l, &r.name));
            return Some(if r.collection { Target::Collection(r.r#type.clone()) } else { Target::Entity(r.r#type.clone()) });
        }
        // `applications(appId='{appId}')`: an alternate key on an entity set.
        let name = s.call_name()?;
        let r = self.root(name).filter(|r| r.collection)?;
        Some(Target::Entity(r.r#type.clone()))
    }

    fn step(&self, state: &Target, s: &Segment, next: Option<&Segment>, addressed: bool, spelling: &mut Option<String>) -> Option<Target> {
        match state {
            Target::Collection(t) => {
                if s.param_name().is_some() || is_alternate_key(s) {
                    return Some(Target::Entity(t.clone()));
                }
                let Some(l) = s.literal() else { return Some(call(s)) };
                match l {
                    "$count" => Some(Target::Count),
                    "$ref" => Some(Target::Ref { collection: true }),
                    _ => match self.cast(t, l) {
                        Some(d) => Some(Target::Collection(d)),
                        // A well-known name in place of a key (`mailFolders/inbox/messageRules`):
                        // what follows is a property of a member.
                        None if next.and_then(Segment::literal).is_some_and(|n| self.property(t, n.trim_end_matches(':')).is_some()) => {
                            Some(Target::Entity(t.clone()))
                        }
                        None => Some(call(s)),
                    },
                }
            }
            Target::Entity(t) => {
                // `root:/{item-path}:` and `{hostname}:/{path}`: addressing by path stays on
                // the same kind of resource.
                if s.param_name().is_some() {
                    return addressed.then(|| Target::Entity(t.clone()));
                }
                let Some(l) = s.literal() else { return Some(call(s)) };
                match l {
                    "$value" => return Some(Target::Stream),
                    "$ref" => return Some(Target::Ref { collection: false }),
                    "$count" => return None,
                    _ => {}
                }
                let word = l.trim_end_matches(':');
                if let Some((name, target)) = self.property(t, word) {
                    *spelling = Some(respell(l, &name));
                    return Some(target);
                }
                match self.cast(t, word) {
                    Some(d) => Some(Target::Entity(d)),
                    None => Some(call(s)),
                }
            }
            // A collection of a type that no annotation or base gives a key, but whose table
            // has an `id` row: the key the pages put after it is that id.
            Target::Value(v) if v.collection && s.param_name().is_some() && self.has_id(&v.name) => {
                Some(Target::Value(TypeRef { name: v.name.clone(), collection: false }))
            }
            // A parameter naming which of a value's relationships (`apiConnectorConfiguration/
            // {step}/$ref`, where each step is a relationship to an API connector): when they
            // all lead to one type, the segment addresses that.
            Target::Value(v) if !v.collection && s.param_name().is_some() => self.chosen_relationship(&v.name),
            Target::Value(v) if !v.collection && !v.is_primitive() => {
                let l = s.literal()?;
                if l == "$value" {
                    return Some(Target::Stream);
                }
                if l == "$ref" && self.has_id(&v.name) {
                    return Some(Target::Ref { collection: false });
                }
                let (name, target) = self.property(&v.name, l)?;
                *spelling = Some(respell(l, &name));
                Some(target)
            }
            _ => None,
        }
    }

    /// The target of a type's own answer: an entity (set) or a value.
    fn of_type(&self, t: &TypeRef) -> Target {
        addressed(t, self.is_entity(&t.name))
    }

    /// A property of `ty` named `word` (case aside): first on the type and its bases, else on
    /// the types derived from it when they agree on it (the docs address a derived type's
    /// relationship without the cast). The property's spelling and what it addresses.
    fn property(&self, ty: &str, word: &str) -> Option<(String, Target)> {
        let lower = word.to_ascii_lowercase();
        let own = self.props.get(ty).and_then(|m| m.get(&lower)).copied();
        let p = match own {
            Some(p) => p,
            None => self.derived_property(ty, lower)?,
        };
        let t = &p.r#type;
        let target =
            if t.name == crate::ir::primitive::STREAM { Target::Stream } else { addressed(t, p.navigation || self.is_entity(&t.name)) };
        Some((p.name.clone(), target))
    }

    fn derived_property(&self, ty: &str, lower: String) -> Option<&'a Property> {
        let key = (ty.to_string(), lower);
        if let Some(hit) = self.derived_props.borrow().get(&key) {
            return *hit;
        }
        let found: Vec<&'a Property> =
            self.derived.get(ty).into_iter().flatten().filter_map(|d| self.props.get(d).and_then(|m| m.get(&key.1)).copied()).collect();
        let agreed = found.first().copied().filter(|first| found.iter().all(|p| p.r#type == first.r#type));
        self.derived_props.borrow_mut().insert(key, agreed);
        agreed
    }

    /// What a relationship of `ty` chosen by a parameter addresses: the one target all of its
    /// (two or more) relationships share, else nothing.
    fn chosen_relationship(&self, ty: &str) -> Option<Target> {
        let navs: Vec<&Property> = self.props.get(ty)?.values().copied().filter(|p| p.navigation).collect();
        let first = navs.first()?;
        (navs.len() > 1 && navs.iter().all(|p| p.r#type == first.r#type))
            .then(|| addressed(&first.r#type, self.is_entity(&first.r#type.name)))
    }

    /// The type's table (or a base's) has an `id` row.
    fn has_id(&self, ty: &str) -> bool {
        self.props.get(ty).is_some_and(|m| m.contains_key("id"))
    }

    /// An entity type: keyed itself or by a base.
    pub fn is_entity(&self, ty: &str) -> bool {
        self.lineages.get(ty).is_some_and(|l| {
            l.iter().any(|n| *n == "microsoft.graph.entity" || self.types.get(*n).is_some_and(|t| t.kind == TypeKind::Entity))
        })
    }

    /// `microsoft.graph.user` on a collection or entity of `directoryObject`: the derived type.
    fn cast(&self, from: &str, word: &str) -> Option<String> {
        if !word.contains('.') {
            return None;
        }
        let to = match self.types.get(word) {
            Some(t) => t.name.as_str(),
            // The service reads a cast's type name in any letter case, and pages write
            // `microsoft.graph.roomlist` for `roomList`: a derived (or base) type so spelled.
            None => self
                .derived_of(from)
                .iter()
                .chain(self.lineages.get(from).into_iter().flatten())
                .copied()
                .find(|n| n.eq_ignore_ascii_case(word))?,
        };
        (self.is_a(to, from) || self.is_a(from, to)).then(|| to.to_string())
    }
}

/// What each documented GET of a segment the model cannot follow answers (`GET
/// .../range(address='{a}')` a `workbookRange`), by the path's key, so that walks go on past
/// composable functions and relationships missing from a table. Pages naming several kinds
/// give their nearest common base (but not `entity`); else the first page's type.
pub fn calls(ops: &[crate::ir::Operation], types: &BTreeMap<String, ComplexType>) -> BTreeMap<String, TypeRef> {
    documented_calls(ops)
        .into_iter()
        .filter_map(|(k, ts)| {
            let first = ts.first()?;
            let chain = lineage(types, &first.name);
            let common = chain
                .iter()
                .map(|t| t.name.as_str())
                .find(|b| *b != "microsoft.graph.entity" && ts.iter().all(|t| lineage(types, &t.name).iter().any(|x| x.name == *b)));
            let t = common.map_or_else(|| first.clone(), |b| TypeRef { name: b.to_string(), collection: first.collection });
            Some((k, t))
        })
        .collect()
}

/// The keys of [`calls`] whose pages name different answers: what the walk takes there is a
/// guess (their common base, or the first page's type).
pub fn disputed(ops: &[crate::ir::Operation]) -> BTreeSet<String> {
    documented_calls(ops).into_iter().filter(|(_, ts)| ts.iter().any(|t| t.name != ts[0].name)).map(|(k, _)| k).collect()
}

/// Each documented GET of a call segment (the path's bare key) with what its pages answer.
/// A GET of one member (`.../groupPolicyCategories/{id}` answering a `groupPolicyCategory`)
/// says what the segment before its key holds too: a collection of that type. So where a page
/// lists a derived kind (`groupPolicyUploadedCategory`) and another gets the base, the walk
/// takes their common base, not the listing page's kind. Such a GET only adds to a segment a
/// listing or call page documents: alone it does not make a segment walkable.
fn documented_calls(ops: &[crate::ir::Operation]) -> BTreeMap<String, Vec<TypeRef>> {
    let mut named: BTreeMap<String, Vec<TypeRef>> = BTreeMap::new();
    let mut members: Vec<(String, TypeRef)> = Vec::new();
    let is_call = |s: &Segment| s.call_name().is_some() || s.literal().is_some_and(|l| !l.starts_with('$'));
    for op in ops.iter().filter(|o| o.method == crate::ir::HttpMethod::Get) {
        let Some(t) = &op.response.r#type else { continue };
        let segs = op.path.segments();
        let mut key = String::new();
        match segs.split_last() {
            Some((last, _)) if is_call(last) => {
                segs.iter().for_each(|s| s.push_bare_key(&mut key));
                named.entry(key).or_default().push(t.clone());
            }
            Some((last, rest)) if last.param_name().is_some() && !t.collection && rest.last().is_some_and(&is_call) => {
                rest.iter().for_each(|s| s.push_bare_key(&mut key));
                members.push((key, TypeRef { name: t.name.clone(), collection: true }));
            }
            _ => {}
        }
    }
    for (key, t) in members {
        if let Some(ts) = named.get_mut(&key) {
            ts.push(t);
        }
    }
    named
}

impl<'a> UrlSpace<'a> {
    /// The model of an IR's API: its types, roots and the answers of its function pages.
    pub fn of(api: &'a crate::ir::Api) -> Self {
        UrlSpace::new(&api.types, &api.roots).with_calls(calls(&api.operations, &api.types)).with_disputed(disputed(&api.operations))
    }
}

/// What a value of type `t` is as a step of a path: entities (one or a collection) when they
/// are entities, else a structural value.
fn addressed(t: &TypeRef, entity: bool) -> Target {
    match (entity, t.collection) {
        (true, true) => Target::Collection(t.name.clone()),
        (true, false) => Target::Entity(t.name.clone()),
        (false, _) => Target::Value(t.clone()),
    }
}

fn call(s: &Segment) -> Target {
    let name = s.call_name().or_else(|| s.literal()).unwrap_or("").trim_end_matches(':');
    Target::Call { name: name.rsplit('.').next().unwrap_or(name).to_string() }
}

/// `roleTemplateId={roleTemplateId}`: a key given by another property.
fn is_alternate_key(s: &Segment) -> bool {
    matches!(s.pieces.as_slice(), [Piece::Text(t), Piece::Param(_)] if t.ends_with('=') && !t.contains('('))
}

/// The model's spelling of a literal segment, its `:` kept.
fn respell(literal: &str, name: &str) -> String {
    if literal.ends_with(':') {
        format!("{name}:")
    } else {
        name.to_string()
    }
}
