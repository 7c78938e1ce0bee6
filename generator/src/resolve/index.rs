//! Name lookup across pages: link targets (page stems) and simple names to qualified names.

use crate::diag::{Code, Diags};
use crate::frontend::typecell::{self, BaseExpr, TypeExpr};
use crate::ir::{Source, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
pub struct Index {
    /// Page stem → qualified name of the type that page declares.
    pub by_stem: BTreeMap<String, String>,
    /// Lowercase simple name → qualified names (types and enums).
    pub by_simple: BTreeMap<String, BTreeSet<String>>,
    /// Every known qualified name.
    pub known: BTreeSet<String>,
    /// The last segment of each namespace below another (`ediscovery` of
    /// `microsoft.graph.ediscovery`), lowercase: kept as names are added, since
    /// [`Index::paged_elsewhere`] asks for every link to a missing page.
    sub_namespaces: BTreeSet<String>,
    /// Unresolved names already reported, so each is reported once.
    reported: BTreeSet<String>,
}

impl Index {
    pub fn add(&mut self, qualified: &str, stem: Option<&str>) {
        if let Some(stem) = stem {
            self.by_stem.entry(stem.to_string()).or_insert_with(|| qualified.to_string());
        }
        let simple = qualified.rsplit('.').next().unwrap_or(qualified).to_ascii_lowercase();
        self.by_simple.entry(simple).or_default().insert(qualified.to_string());
        self.known.insert(qualified.to_string());
        if let Some((ns, _)) = qualified.rsplit_once('.').filter(|(ns, _)| ns.contains('.')) {
            self.sub_namespaces.insert(ns.rsplit('.').next().unwrap_or(ns).to_ascii_lowercase());
        }
    }

    /// A name as written (simple or qualified) → a known qualified name, preferring `ns`.
    /// The type a link names: the page it links to, else its text.
    pub fn linked(&self, name: &str, stem: Option<&str>, ns: &str) -> Option<String> {
        stem.and_then(|s| self.by_stem.get(s).cloned()).or_else(|| self.lookup(name, ns))
    }

    pub fn lookup(&self, name: &str, ns: &str) -> Option<String> {
        let name = name.trim().trim_start_matches('#');
        if self.known.contains(name) {
            return Some(name.to_string());
        }
        let simple = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
        let cands = self.by_simple.get(&simple)?;
        let in_ns = |n: &str| cands.iter().find(|c| c.rsplit_once('.').map(|(p, _)| p) == Some(n)).cloned();
        // A qualified name names its namespace: `microsoft.graph.endpoint` is not the
        // `microsoft.graph.callRecords.endpoint` of another namespace (letter case aside).
        if let Some((qualifier, _)) = name.rsplit_once('.') {
            return cands.iter().find(|c| c.rsplit_once('.').is_some_and(|(p, _)| p.eq_ignore_ascii_case(qualifier))).cloned();
        }
        in_ns(ns).or_else(|| in_ns(crate::frontend::DEFAULT_NAMESPACE)).or_else(|| cands.iter().next().cloned())
    }

    /// [`Index::lookup`] within `ns` and the default namespace only.
    fn lookup_near(&self, name: &str, ns: &str) -> Option<String> {
        let found = self.lookup(name, ns)?;
        let space = found.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
        (self.known.contains(name.trim()) || space == ns || space == crate::frontend::DEFAULT_NAMESPACE).then_some(found)
    }

    /// Resolve a type cell. Unknown names keep a qualified guess and are reported once.
    pub fn resolve(&mut self, e: &TypeExpr, ns: &str, at: &Source, diags: &mut Diags) -> TypeRef {
        match self.name_of(e, ns) {
            Ok(n) => TypeRef { name: n, collection: e.collection },
            Err(n) => TypeRef { name: self.unresolved(&n, ns, at, diags), collection: e.collection },
        }
    }

    /// The defined type a type cell names, if any, reporting nothing.
    pub fn peek(&self, e: &TypeExpr, ns: &str) -> Option<TypeRef> {
        self.name_of(e, ns).ok().map(|name| TypeRef { name, collection: e.collection })
    }

    /// The qualified name a type cell names, or the name to report when no page defines it.
    pub(crate) fn name_of(&self, e: &TypeExpr, ns: &str) -> Result<String, String> {
        match &e.base {
            BaseExpr::Primitive(p) => Ok((*p).to_string()),
            BaseExpr::Named { name, target } => {
                let by_link = target.as_ref().and_then(|t| self.by_stem.get(t)).cloned();
                // A link to a page that does not exist names a type of this page's namespace
                // (or the default one), never one of another namespace that shares its name.
                // Nor one whose own page is another: `[settings](ediscovery-settings.md)` is not
                // the `settings` of `settings.md`.
                let found = || match target {
                    Some(t) => self.lookup_near(name, ns).filter(|f| !self.paged_elsewhere(f, t)),
                    None => self.lookup(name, ns),
                };
                // A plural link text whose page is its singular (`[chatMessages](chatmessage.md)`)
                // names the singular type, page or no page.
                let named = || match target {
                    Some(t) if plural_of(name, t.split(['?', '#']).next().unwrap_or(t)) => crate::naming::singular(name),
                    _ => name.clone(),
                };
                by_link.or_else(found).ok_or_else(named)
            }
        }
    }

    /// `target` (a link's page, which does not exist) names `found`'s name in another
    /// namespace: `ediscovery-settings` is `microsoft.graph.ediscovery.settings`, not the
    /// `microsoft.graph.settings` of `settings.md`. Only a prefix that is a namespace of the docs
    /// counts (`intune-devices-user` is still the user).
    fn paged_elsewhere(&self, found: &str, target: &str) -> bool {
        let target = target.split(['?', '#']).next().unwrap_or(target).to_ascii_lowercase();
        let (space, simple) = found.rsplit_once('.').unwrap_or(("", found));
        let Some(prefix) = target.strip_suffix(&simple.to_ascii_lowercase()).and_then(|p| p.strip_suffix('-')) else { return false };
        let last = |ns: &str| ns.rsplit('.').next().unwrap_or(ns).to_ascii_lowercase();
        !prefix.is_empty() && last(space) != prefix && self.sub_namespaces.contains(prefix)
    }

    /// Resolve a qualified name from an annotation (`microsoft.graph.x`, `String`, `stream`).
    pub fn resolve_annotated(&mut self, t: &TypeRef, ns: &str, at: &Source, diags: &mut Diags) -> TypeRef {
        if let Some(p) = typecell::primitive(&t.name) {
            return TypeRef { name: p.to_string(), collection: t.collection };
        }
        match self.lookup(&t.name, ns) {
            Some(n) => TypeRef { name: n, collection: t.collection },
            None => TypeRef { name: self.unresolved(&t.name, ns, at, diags), collection: t.collection },
        }
    }

    fn unresolved(&mut self, name: &str, ns: &str, at: &Source, diags: &mut Diags) -> String {
        // Link text writes a type name capitalised (`[Endpoint](endpoint.md)`); Graph's type
        // names are camelCase, so the guess is too, and matches the annotations' spelling.
        let q = match name.split_at_checked(1) {
            _ if name.contains('.') => name.to_string(),
            Some((first, rest)) => format!("{ns}.{}{rest}", first.to_ascii_lowercase()),
            None => format!("{ns}.{name}"),
        };
        if self.reported.insert(q.clone()) {
            diags
                .push(&at.file, at.line, Code::UnresolvedType, format!("type `{name}` has no page in these docs (first use here)"))
                .token(name);
        }
        q
    }
}

/// `name` is the plural of the type a page stem names (`chatMessages`, `chatmessage`).
fn plural_of(name: &str, stem: &str) -> bool {
    !name.eq_ignore_ascii_case(stem) && crate::naming::singular(name).eq_ignore_ascii_case(stem)
}
