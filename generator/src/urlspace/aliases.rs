//! Places in the URL that the docs treat as one: `/me` is `/users/{id}`, `/me/drive` is
//! `/drives/{id}`, `root:/{path}:` is `items/{id}`. The request tree gives each such class one
//! node type, so a method documented under any spelling is there under every one:
//! `me().calendar_view().list()` exists because `/users/{id}/calendarView` is documented, and
//! `users().id(u).send_mail(..)` because `/me/sendMail` is.
//!
//! The evidence is the pages themselves, never a list of names: a page that documents one
//! request under two paths, `A/rest` and `B/rest` with the same method and the same tail,
//! says that `A` and `B` are the same place, provided the URL model reads both as one entity
//! of the same type (so `/me/events` and `/groups/{id}/events` stay apart: a user and a group
//! differ). Two pages must say so. Each class has a canonical spelling, the most general one:
//! fewest unkeyed segments (`/users/{id}` over `/me`, `/drives/{id}` over `/me/drive`,
//! `items/{id}` over `root`), no path addressing (`root:/{path}:`), then the shorter, then by
//! text. A key is canonical when no rule rewrites a prefix of it.
//!
//! Two rules follow from the model where pages say nothing: the item an item path starts from
//! is an item of the class the path leads to, when the model reads both as one type (`root`
//! of `root:/{item-path}:` is `items/{id}`); and a singleton is a member of the one entity set
//! of its type (`/drive` is `/drives/{id}`).

use crate::ir::Operation;
use crate::path::{PathTemplate, Segment};
use crate::urlspace::{Target, UrlSpace};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Pages that must document the same request under two prefixes before they are one.
const PAGES: usize = 2;

/// The rewrite rules from prefixes to their class's canonical spelling.
#[derive(Debug, Default)]
pub struct Aliases {
    /// Joined source key → (canonical keys, canonical display segments).
    rules: BTreeMap<String, (Vec<String>, Vec<String>)>,
    /// Canonical keys → the rule sources that lead there, split: what [`Aliases::spellings`]
    /// asks once per start of every path it respells. Computed on first use, once the rules
    /// are final (each source's canonical form never changes after that).
    sources: OnceLock<BTreeMap<Vec<String>, Vec<Vec<String>>>>,
}

/// The node key of each segment of a path: lowercase, parameters as `{}`, a trailing `:`
/// dropped, and a parameter addressed by path (after `root:`) as `:{}`.
pub fn segment_keys(path: &PathTemplate) -> Vec<String> {
    let mut colon = false;
    path.segments()
        .iter()
        .map(|seg| {
            let mut k = String::new();
            seg.push_key(&mut k);
            let k = k.trim_end_matches(':').trim_start_matches('/');
            let key = if colon && seg.param_name().is_some() { format!(":{k}") } else { k.to_string() };
            colon = seg.ends_with_colon();
            key
        })
        .collect()
}

/// A path template from segment keys (see [`segment_keys`]), parameters named `x`: what an
/// example URL can be matched against.
pub fn template(keys: &[String]) -> PathTemplate {
    let mut text = String::new();
    for (i, k) in keys.iter().enumerate() {
        let addressed = keys.get(i + 1).is_some_and(|n| n.starts_with(':'));
        text.push('/');
        text.push_str(&k.trim_start_matches(':').replace("{}", "{x}"));
        if addressed || k.starts_with(':') {
            text.push(':');
        }
    }
    PathTemplate::parse(&text).0
}

/// A segment as written in a template, its trailing `:` dropped.
pub fn display(seg: &Segment) -> String {
    seg.to_text().trim_end_matches(':').to_string()
}

impl Aliases {
    /// The classes the pages of `ops` document (see the module docs): the resolver reads them
    /// to tell an example that calls another spelling of a documented path (GG0403 says
    /// nothing), the emitter to give each class one node.
    pub fn find(ops: &[&Operation], space: &UrlSpace<'_>) -> Aliases {
        // Page → its operations' indices.
        let mut pages: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in ops.iter().enumerate() {
            pages.entry(p.source.file.as_str()).or_default().push(i);
        }
        let keys: Vec<Vec<String>> = ops.iter().map(|p| segment_keys(&p.path)).collect();
        let mut types: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut entity = |p: usize, n: usize| -> Option<String> {
            let key = keys[p][..n].join("/");
            types
                .entry(key)
                .or_insert_with(|| {
                    let prefix = PathTemplate::from_segments(ops[p].path.segments()[..n].to_vec());
                    match space.walk(&prefix).target {
                        Some(Target::Entity(t)) => Some(t),
                        _ => None,
                    }
                })
                .clone()
        };
        // (prefix a, prefix b) → the type both address and the pages that say they are one.
        let mut said: BTreeMap<(Prefix, Prefix), (String, BTreeSet<&str>)> = BTreeMap::new();
        // Only pairs `PAGES` pages say count: with fewer pages (an OpenAPI document is one
        // "page" of thousands of operations) none can, and the pairs of one page are quadratic.
        let pages = if pages.len() < PAGES { BTreeMap::new() } else { pages };
        for (page, members) in &pages {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    if ops[a].method != ops[b].method {
                        continue;
                    }
                    let (ka, kb) = (&keys[a], &keys[b]);
                    let tail = ka.iter().rev().zip(kb.iter().rev()).take_while(|(x, y)| x == y).count();
                    let (na, nb) = (ka.len() - tail, kb.len() - tail);
                    if tail == 0 || na == 0 || nb == 0 || ka[..na] == kb[..nb] {
                        continue;
                    }
                    let (Some(ta), Some(tb)) = (entity(a, na), entity(b, nb)) else { continue };
                    if ta != tb {
                        continue;
                    }
                    let pa = Prefix::of(ops[a].path.segments(), &ka[..na]);
                    let pb = Prefix::of(ops[b].path.segments(), &kb[..nb]);
                    let pair = if pa.keys <= pb.keys { (pa, pb) } else { (pb, pa) };
                    said.entry(pair).or_insert_with(|| (ta, BTreeSet::new())).1.insert(page);
                }
            }
        }
        // Shorter prefixes first, so that `/me` ≡ `/users/{id}` is known before
        // `/me/drive` ≡ `/users/{id}/drive` would be learned on its own.
        let mut pairs: Vec<((Prefix, Prefix), String)> =
            said.into_iter().filter(|(_, (_, pages))| pages.len() >= PAGES).map(|(k, (ty, _))| (k, ty)).collect();
        pairs.sort_by_key(|((a, b), _)| (a.keys.len().max(b.keys.len()), a.keys.clone(), b.keys.clone()));
        let mut aliases = Aliases::default();
        // Type → where an item of it addressed by path goes (see below).
        let mut by_path: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
        for ((a, b), ty) in pairs {
            let a = aliases.canon(&a.keys, &a.display);
            let b = aliases.canon(&b.keys, &b.display);
            if a.keys == b.keys {
                continue;
            }
            // A prefix of the other is the canonical one, or rewriting would never end.
            let a_first = b.keys.starts_with(&a.keys) || (!a.keys.starts_with(&b.keys) && a.rank() <= b.rank());
            let (from, to) = if a_first { (b, a) } else { (a, b) };
            if from.keys.last().is_some_and(|k| k.starts_with(':')) {
                by_path.entry(ty).or_insert_with(|| (to.keys.clone(), to.display.clone()));
            }
            aliases.rules.insert(from.keys.join("/"), (to.keys, to.display));
        }
        // An item addressed by path is the same place whichever item the path starts from:
        // `items/{parent-id}:/{filename}:` is what `root:/{item-path}:` is, when the model reads
        // both as the same type (the pages document the second far more often).
        for p in 0..ops.len() {
            for n in 1..=keys[p].len() {
                if !keys[p][n - 1].starts_with(':') {
                    continue;
                }
                let shown: Vec<String> = ops[p].path.segments()[..n].iter().map(display).collect();
                let c = aliases.canon(&keys[p][..n], &shown);
                let Some(to) = entity(p, n).and_then(|t| by_path.get(&t)) else { continue };
                if c.keys != to.0 && !to.0.starts_with(&c.keys) {
                    aliases.rules.insert(c.keys.join("/"), to.clone());
                }
                // The item a path starts from is an item too, when the model reads it as the
                // same type: `root` (of `root:/{item-path}:`) is what `items/{id}` is, so
                // `/me/drive/root/children` is `/me/drive/items/{id}/children`.
                let start = aliases.canon(&keys[p][..n - 1], &shown[..n - 1]);
                if n > 1 && start.keys != to.0 && !to.0.starts_with(&start.keys) && entity(p, n - 1) == entity(p, n) {
                    aliases.rules.insert(start.keys.join("/"), to.clone());
                }
            }
        }
        // A singleton is a member of the one entity set of its type (`/drive` is
        // `/drives/{id}`, as `/me` is `/users/{id}`), where no page said otherwise.
        for single in space.roots().filter(|r| !r.collection) {
            let mut sets = space.roots().filter(|r| r.collection && r.r#type == single.r#type);
            let (Some(set), None) = (sets.next(), sets.next()) else { continue };
            let from = single.name.to_ascii_lowercase();
            if aliases.rules.contains_key(&from) {
                continue;
            }
            let to = aliases.canon(&[set.name.to_ascii_lowercase(), "{}".to_string()], &[set.name.clone(), "{id}".to_string()]);
            aliases.rules.insert(from, (to.keys, to.display));
        }
        aliases.close();
        aliases
    }

    /// The canonical keys of a whole path: two paths with the same are spellings of one place.
    pub fn canonical(&self, path: &PathTemplate) -> Vec<String> {
        let keys = segment_keys(path);
        self.canon(&keys, &keys).keys
    }

    /// Other spellings of a path, as segment keys: each of its starts that a rule rewrites,
    /// or that another spelling's rule leads to, written that way, the rest kept.
    pub fn spellings(&self, path: &PathTemplate) -> Vec<Vec<String>> {
        self.spellings_once(&segment_keys(path)).into_iter().collect()
    }

    /// The spellings of [`Aliases::spellings`]' spellings, two more rounds deep
    /// (`/me/drive/items/{id}` is `/drives/{id}/root:/{path}:`, and so
    /// `/me/drive/root:/{path}:`), without the first round's. Costlier: asked only when no
    /// first-round spelling fits.
    pub fn deeper_spellings(&self, path: &PathTemplate) -> Vec<Vec<String>> {
        let first = segment_keys(path);
        let mut seen: BTreeSet<Vec<String>> = self.spellings_once(&first);
        let mut fresh: Vec<Vec<String>> = seen.iter().cloned().collect();
        let mut out = BTreeSet::new();
        for _ in 0..2 {
            let found: Vec<Vec<String>> = fresh.iter().flat_map(|k| self.spellings_once(k)).collect();
            fresh = found.into_iter().filter(|k| *k != first && seen.insert(k.clone())).collect();
            out.extend(fresh.iter().cloned());
            if fresh.is_empty() {
                break;
            }
        }
        out.into_iter().collect()
    }

    /// [`Aliases::spellings`], one round: the starts of `keys` respelled.
    fn spellings_once(&self, keys: &[String]) -> BTreeSet<Vec<String>> {
        let sources = self.sources.get_or_init(|| {
            let mut by_canon: BTreeMap<Vec<String>, Vec<Vec<String>>> = BTreeMap::new();
            for from in self.rules.keys() {
                let start: Vec<String> = from.split('/').map(String::from).collect();
                by_canon.entry(self.canon(&start, &start).keys).or_default().push(start);
            }
            by_canon
        });
        let mut out = BTreeSet::new();
        for n in 1..=keys.len() {
            let canon = self.canon(&keys[..n], &keys[..n]).keys;
            let froms = sources.get(&canon).into_iter().flatten();
            // The canonical spelling itself, when it is its own canonical form.
            let itself = Some(&canon).filter(|c| self.canon(c, c).keys == **c);
            for start in froms.chain(itself) {
                if *start != keys[..n] {
                    out.insert(start.iter().chain(&keys[n..]).cloned().collect::<Vec<_>>());
                }
            }
        }
        out
    }

    /// Rules learned later can rewrite the start of an earlier rule's source (`/me/drive` →
    /// `/drives/{id}` before `/me` → `/users/{id}`): the source respelled that way gets the
    /// rule too, so every spelling of a place reaches the same class whatever the order.
    fn close(&mut self) {
        for _ in 0..8 {
            let mut added = Vec::new();
            for (from, to) in &self.rules {
                let keys: Vec<String> = from.split('/').map(String::from).collect();
                let Some((last, parent)) = keys.split_last() else { continue };
                let mut respelled = self.canon(parent, parent).keys;
                respelled.push(last.clone());
                let joined = respelled.join("/");
                if respelled != keys && respelled != to.0 && !self.rules.contains_key(&joined) {
                    added.push((joined, to.clone()));
                }
            }
            if added.is_empty() {
                break;
            }
            self.rules.extend(added);
        }
    }

    /// The canonical keys and display of a prefix (see the module docs).
    pub fn canon(&self, keys: &[String], display: &[String]) -> Prefix {
        let mut p = Prefix { keys: keys.to_vec(), display: display.to_vec() };
        // Each rewrite makes the prefix canonical up to its rule's length; a bound guards
        // against rules that would feed each other.
        for _ in 0..32 {
            let hit = (1..=p.keys.len()).rev().find_map(|n| self.rules.get(&p.keys[..n].join("/")).map(|r| (n, r)));
            let Some((n, (to_keys, to_display))) = hit else { break };
            let mut keys = to_keys.clone();
            keys.extend_from_slice(&p.keys[n..]);
            let mut display = to_display.clone();
            display.extend_from_slice(&p.display[n.min(p.display.len())..]);
            p = Prefix { keys, display };
        }
        p
    }
}

/// A path prefix: its segment keys and how the docs write its segments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Prefix {
    /// Each segment's node key (see [`segment_keys`]).
    pub keys: Vec<String>,
    /// Each segment as the docs write it.
    pub display: Vec<String>,
}

impl Prefix {
    fn of(segs: &[Segment], keys: &[String]) -> Prefix {
        Prefix { keys: keys.to_vec(), display: segs[..keys.len()].iter().map(display).collect() }
    }

    /// Lower is more canonical: a prefix of the other; no path addressing; fewest segments not
    /// followed by a key; the usual key over an alternate one (`{id}` over
    /// `roleTemplateId={id}`); fewest segments; then the text.
    fn rank(&self) -> (usize, usize, usize, usize, Vec<String>) {
        let by_path = self.keys.iter().filter(|k| k.starts_with(':')).count();
        let params = self.keys.iter().filter(|k| k.contains("{}")).count();
        let unkeyed = self.keys.len().saturating_sub(2 * params);
        let alternate = self.keys.iter().filter(|k| k.contains('=')).count();
        (by_path, unkeyed, alternate, self.keys.len(), self.keys.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        text.split('/').map(String::from).collect()
    }

    #[test]
    fn a_spelling_two_rules_away_is_found() {
        // `/me/drive` is `/drives/{id}`; an item by path from `root` is one of `items/{id}`.
        let mut aliases = Aliases::default();
        for (from, to) in
            [("me/drive", "drives/{}"), ("drives/{}/root/:{}", "drives/{}/items/{}"), ("drives/{}/root", "drives/{}/items/{}")]
        {
            aliases.rules.insert(from.to_string(), (keys(to), keys(to)));
        }
        let listed = PathTemplate::parse("/me/drive/items/{itemId}/createUploadSession").0;
        let mut found = aliases.spellings(&listed);
        found.extend(aliases.deeper_spellings(&listed));
        assert!(found.contains(&keys("drives/{}/root/:{}/createuploadsession")), "{found:?}");
        // Two rules away: the drive spelled as the listed path does, the item by path.
        assert!(found.contains(&keys("me/drive/root/:{}/createuploadsession")), "{found:?}");
        assert!(!found.contains(&keys("me/drive/items/{}/createuploadsession")), "not the path itself: {found:?}");
    }
}
