//! The request API as a tree that mirrors the URL, the way every official Graph SDK navigates:
//! `me().messages().id(m).get()`. Each node is a path prefix; a step appends one segment (a
//! relationship, a key, a cast, `$value`, a function call); a leaf is a documented operation,
//! named after its HTTP method (`list`, `get`, `create`, `update`, `replace`, `delete`).
//! Actions and functions that end a path (`sendMail`, `delta()`) are leaves of the node before
//! them, named after themselves: `me().send_mail(&body)`.
//!
//! Decided here, once, and shared by the emitter and the test emitter: node types, method
//! names (unique per node, no numeric suffixes), the path pieces each step appends.

use super::short_names;
use crate::ir::Operation;
use crate::naming::{self, Scope};
use crate::path::{Piece, Segment};
use crate::plan::OpPlan;
use crate::urlspace::aliases::{self, segment_keys, Aliases};
use crate::urlspace::{Target, UrlSpace};
use std::collections::{BTreeMap, BTreeSet};

/// Text and arguments a step appends to the path. An argument between `'` is an OData string
/// literal, whose `'` are doubled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Text(String),
    /// `by_path`: an item path (`root:/{item-path}:`), whose `/` stay and whose segments are
    /// encoded one by one.
    Arg {
        index: usize,
        quoted: bool,
        by_path: bool,
        /// The type the docs give the parameter (`microsoft.graph.timeZoneStandard`), if any.
        of: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Step {
    pub method: String,
    pub child: usize,
    /// Argument names, in order; `PathPart::Arg::index` points here.
    pub args: Vec<String>,
    pub parts: Vec<PathPart>,
    /// The path template up to and including this step, for docs.
    pub template: String,
    /// Graph's own name, where the method's is shortened (see [`super::short_names`]).
    pub alias: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Leaf<'a> {
    pub method: String,
    pub plan: usize,
    pub op: &'a Operation,
    /// For an action or function named after itself: the segment it appends, and its
    /// arguments.
    pub args: Vec<String>,
    pub parts: Vec<PathPart>,
    /// The struct of an action's parameters (`SendMailBody`), in the module [`BODIES`].
    pub body_struct: Option<String>,
    /// Graph's own name, where the method's is shortened (see [`super::short_names`]).
    pub alias: Option<String>,
    /// The other operations this method sends: the same request documented under another
    /// spelling of the place (`GET /me/messages` for `GET /users/{id}/messages`).
    pub same: Vec<&'a Operation>,
    /// The Rust snippet of its first docs example (see [`super::snippet`]), for its rustdoc.
    pub example: Option<String>,
    /// Query parameters it takes as its last `args` (see [`super::query_args`]), wire names.
    pub query: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Node<'a> {
    /// Rust type of the node; empty for the crate root.
    pub type_name: String,
    /// The module the node's type lives in (the path's first segment); empty for the root.
    pub module: String,
    pub template: String,
    pub steps: Vec<Step>,
    pub leaves: Vec<Leaf<'a>>,
    /// Cargo features of every operation below and at the node.
    pub areas: BTreeSet<String>,
    /// Some step reaches it by item path, so its path may end in `:`.
    pub by_path: bool,
    /// Other spellings that reach it (see [`aliases`]): `/me` for `/users/{id}`.
    pub also: BTreeSet<String>,
    /// The method that counts the collection a `list` leaf here reads (`GET .../$count`, which
    /// Graph answers with the number as text), where no page documents that `$count` itself.
    pub count: Option<String>,
    /// The collection here seen through each type derived from its items' (`as_user()`,
    /// `/members/microsoft.graph.user`), where no page documents that cast.
    pub casts: Vec<CastStep>,
}

/// A cast of a node's collection to a derived type (see [`Node::casts`]): a
/// `runtime::Cast<T>`, which lists and counts.
#[derive(Debug, Clone)]
pub struct CastStep {
    pub method: String,
    /// The derived type, qualified (`microsoft.graph.user`): also the segment it appends.
    pub type_name: String,
}

pub struct Tree<'a> {
    /// Index 0 is the crate root, whose steps are the entry functions (`me()`, `users()`).
    pub nodes: Vec<Node<'a>>,
    /// For each plan (by index): the chain of (node, step) from the root and the leaf.
    pub calls: Vec<Call>,
}

/// How a user reaches one operation: the steps from the root, then the leaf.
#[derive(Debug, Clone, Default)]
pub struct Call {
    /// (node index, step index within that node).
    pub steps: Vec<(usize, usize)>,
    /// (node index, leaf index within that node).
    pub leaf: (usize, usize),
}

impl Tree<'_> {
    /// How a user calls plan `index`, as Rust: `me().todo().lists().id(todo_task_list_id).delete()`
    /// (an action's body as `body`). What `graphgen diff` names a request by.
    pub fn call_text(&self, index: usize) -> String {
        let Some(call) = self.calls.get(index) else {
            return String::new();
        };
        let mut parts: Vec<String> = call
            .steps
            .iter()
            .map(|&(node, step)| {
                let s = &self.nodes[node].steps[step];
                format!("{}({})", s.method, s.args.join(", "))
            })
            .collect();
        let (node, leaf) = call.leaf;
        if let Some(l) = self.nodes.get(node).and_then(|n| n.leaves.get(leaf)) {
            let body = l.op.body.is_some().then(|| "body".to_string());
            parts.push(format!("{}({})", l.method, l.args.iter().cloned().chain(body).collect::<Vec<_>>().join(", ")));
        }
        parts.join(".")
    }
}

/// A step as the paths first make it, before it is named.
#[derive(Debug, Clone)]
struct RawStep {
    key: StepKey,
    child: usize,
    args: Vec<String>,
    parts: Vec<PathPart>,
    name: String,
    template: String,
    /// Graph's name of the segment (`sendMail`), and whether it is a call.
    graph: String,
    call: bool,
}

/// A step under construction: the key that tells steps of one node apart.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct StepKey {
    colon: bool,
    segment: String,
}

pub fn build<'a>(plans: &[OpPlan<'a>], space: &UrlSpace<'_>) -> Tree<'a> {
    let aliases = Aliases::find(&plans.iter().map(|p| p.op).collect::<Vec<_>>(), space);
    let mut nodes: Vec<Node<'a>> = vec![Node::default()];
    // (parent, child) of every step: a node can be reached from several parents.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut children: Vec<BTreeMap<StepKey, usize>> = vec![BTreeMap::new()];
    let mut by_key: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut raw_steps: Vec<Vec<RawStep>> = vec![Vec::new()];
    let mut chains: Vec<Vec<(usize, StepKey)>> = Vec::with_capacity(plans.len());
    let mut ends: Vec<usize> = Vec::with_capacity(plans.len());
    // The argument names each plan gives each step: the step takes the names most plans give
    // it, not the first plan's (`/sites/{hostname}:/...` would name every site's key `hostname`).
    let mut arg_votes: BTreeMap<(usize, StepKey), BTreeMap<Vec<String>, usize>> = BTreeMap::new();
    for plan in plans {
        let op = plan.op;
        let segs = op.path.segments();
        let keys = segment_keys(&op.path);
        let shown: Vec<String> = segs.iter().map(aliases::display).collect();
        let mut at = 0usize;
        let mut colon = false;
        // The segment before was an item path (`{item-path}` after `root:`), whose step
        // appended its own closing `:`.
        let mut after_path = false;
        let mut template = String::new();
        let mut chain = Vec::new();
        let mut arg_i = 0usize;
        for (i, seg) in segs.iter().enumerate() {
            template.push('/');
            template.push_str(&seg.to_text());
            let (name, parts, args, trailing_colon) = step_of(seg, colon, after_path, (&plan.args, &plan.op.parameters), &mut arg_i);
            if !args.is_empty() {
                let key = StepKey { colon: colon && seg.param_name().is_some(), segment: key_of(seg) };
                *arg_votes.entry((at, key)).or_default().entry(args.clone()).or_default() += 1;
            }
            after_path = colon && seg.param_name().is_some();
            let graph = seg.literal().or(seg.call_name()).map(|n| n.rsplit('.').next().unwrap_or(n).to_string()).unwrap_or_default();
            let call = seg.call_name().is_some();
            let key = StepKey { colon: colon && seg.param_name().is_some(), segment: key_of(seg) };
            colon = trailing_colon;
            let next = match children[at].get(&key) {
                Some(&c) => c,
                None => {
                    // The place's canonical spelling names the node; every spelling of it
                    // (see [`aliases`]) reaches the same one.
                    let canon = aliases.canon(&keys[..=i], &shown[..=i]);
                    let respelled = canon.keys != keys[..=i];
                    let c = match by_key.get(&canon.keys) {
                        Some(&c) => c,
                        None => {
                            let c = nodes.len();
                            let template = format!("/{}", canon.display.join("/"));
                            let module = crate::plan::root_module(&crate::path::PathTemplate::parse(&template).0);
                            nodes.push(Node { template, module, ..Node::default() });
                            children.push(BTreeMap::new());
                            raw_steps.push(Vec::new());
                            by_key.insert(canon.keys, c);
                            c
                        }
                    };
                    children[at].insert(key.clone(), c);
                    edges.push((at, c));
                    // Where spellings first part (below, the steps are the same words).
                    if respelled && nodes[at].also.is_empty() {
                        nodes[c].also.insert(template.clone());
                    }
                    nodes[c].by_path |= parts.iter().any(|p| matches!(p, PathPart::Arg { by_path: true, .. }));
                    raw_steps[at].push(RawStep { key: key.clone(), child: c, args, parts, name, template: template.clone(), graph, call });
                    c
                }
            };
            chain.push((at, key));
            at = next;
        }
        nodes[at].areas.insert(plan.area.clone());
        chains.push(chain);
        ends.push(at);
    }
    for ((at, key), votes) in arg_votes {
        // Most votes, then the names that sort first: deterministic whatever the plans' order.
        let best = votes.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(args, _)| args);
        if let (Some(best), Some(step)) = (best, raw_steps[at].iter_mut().find(|s| s.key == key)) {
            if best.len() == step.args.len() {
                step.args = best;
            }
        }
    }
    // Areas flow up: a node is compiled when any operation below it is. Aliases make the
    // tree a graph (a step can lead back up: a folder's child folders are folders), so the
    // areas flow until nothing changes.
    loop {
        let mut changed = false;
        for &(parent, child) in &edges {
            if parent == child {
                continue;
            }
            let missing: Vec<String> = nodes[child].areas.difference(&nodes[parent].areas).cloned().collect();
            changed |= !missing.is_empty();
            nodes[parent].areas.extend(missing);
        }
        if !changed {
            break;
        }
    }
    // Which node ends each plan, and whether it collapses into a leaf of its parent.
    // Operations documented under two spellings of one place (`GET /me/messages`, `GET
    // /users/{id}/messages`) are one method there: a request line without a query speaks for
    // them (`content?format={format}` documents a variant of the download, whose plain page
    // documents the call), then the one with the most examples (then the first); every
    // spelling's call reaches it.
    let mut ops_at: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut same_as: BTreeMap<usize, usize> = BTreeMap::new();
    // Two parameter lists for one action stay two methods (GG0308 reports them).
    let mut by_method: BTreeMap<(usize, crate::ir::HttpMethod, String), Vec<usize>> = BTreeMap::new();
    for (i, end) in ends.iter().enumerate() {
        by_method.entry((*end, plans[i].op.method, shape_of(plans[i].op))).or_default().push(i);
    }
    for ((end, ..), ps) in by_method {
        let rep = ps
            .iter()
            .copied()
            .max_by_key(|&p| (plans[p].op.query.is_none(), plans[p].op.examples.len(), std::cmp::Reverse(p)))
            .unwrap_or(ps[0]);
        ops_at.entry(end).or_default().push(rep);
        same_as.extend(ps.iter().filter(|&&p| p != rep).map(|&p| (p, rep)));
    }
    for ps in ops_at.values_mut() {
        ps.sort_unstable();
    }
    // A call reached from two places stays a node: a leaf lives on one parent only.
    let mut parents: BTreeMap<usize, usize> = BTreeMap::new();
    for (_, child) in edges.iter().collect::<BTreeSet<_>>() {
        *parents.entry(*child).or_default() += 1;
    }
    let collapsed: BTreeSet<usize> = ops_at
        .iter()
        .filter(|(node, ps)| {
            // One operation, or one action with several parameter lists (GG0308).
            (ps.len() == 1
                || ps.iter().all(|&p| {
                    plans[p].op.method == plans[ps[0]].op.method && matches!(plans[p].op.body, Some(crate::ir::Body::Parameters(_)))
                }))
                && children[**node].is_empty()
                && parents.get(*node).is_some_and(|n| *n == 1)
                && **node != 0
                && is_call(plans[ps[0]].op, space)
                // A call is a POST (action) or a GET (function); a PUT, PATCH or DELETE of a
                // segment the model does not know writes a resource there (`PUT
                // /groups/{id}/team`): `team().replace(..)`, not a method named after a noun.
                && matches!(plans[ps[0]].op.method, crate::ir::HttpMethod::Post | crate::ir::HttpMethod::Get)
                && plans[ps[0]].op.path.segments().len() > 1
                && !reached_below(plans[ps[0]].op)
        })
        .map(|(n, _)| *n)
        .collect();
    let mut tree = Tree { nodes, calls: vec![Call::default(); plans.len()] };
    // Names: types per module scope, methods per node.
    let mut type_scopes: BTreeMap<String, Scope> = BTreeMap::new();
    let mut entry_scope = Scope::with(&["api", "models", "enums", "runtime", "edm", "ops"]);
    let mut method_names: Vec<Scope> = (0..tree.nodes.len()).map(|_| Scope::with(&["path", "new", "clone"])).collect();
    // Leaves first, so that HTTP verbs keep their names and steps yield.
    for (node, ps) in &ops_at {
        for &p in ps {
            let plan = &plans[p];
            if collapsed.contains(node) {
                continue;
            }
            let verb = verb(plan.op, space, ps.iter().map(|&q| plans[q].op));
            let (method, _) = claim(&mut method_names[*node], verb, "", &[], false, &[]);
            let leaf = tree.nodes[*node].leaves.len();
            tree.nodes[*node].leaves.push(Leaf {
                method,
                plan: p,
                op: plan.op,
                args: Vec::new(),
                parts: Vec::new(),
                body_struct: None,
                alias: None,
                same: Vec::new(),
                example: None,
                query: Vec::new(),
            });
            tree.calls[p].leaf = (*node, leaf);
        }
    }
    // A call with arguments that no example makes claims its name after the others: two forms
    // of one function (a report's `(date=...)` and `(period='D7')`) both want the plain name,
    // and the one the examples call (`period`, in every report page) is the one users reach
    // for; the other takes its arguments as a suffix. A call without arguments keeps its turn.
    let unshown = |ps: &Vec<usize>| {
        let shown = |op: &Operation| op.examples.iter().any(|e| e.request.as_ref().is_some_and(|r| op.called_by(r)));
        ps.iter().all(|&p| plans[p].op.path.segments().last().is_some_and(Segment::takes_arguments) && !shown(plans[p].op))
    };
    let mut naming_order: Vec<(&usize, &Vec<usize>)> = ops_at.iter().collect();
    naming_order.sort_by_cached_key(|(node, ps)| (unshown(ps), **node));
    for (node, ps) in naming_order {
        if !collapsed.contains(node) {
            continue;
        }
        // In the order the body structs are named (by parameter list), so that
        // `prune_with_height` takes `PlantPruneWithHeightBody`.
        let mut ps = ps.clone();
        ps.sort_by_cached_key(|&p| (shape_of(plans[p].op), p));
        for (i, &p) in ps.iter().enumerate() {
            let Some((parent, key)) = chains[p].last().cloned() else { continue };
            let Some(RawStep { args, parts, name, graph, .. }) = raw_steps[parent].iter().find(|s| s.key == key).cloned() else { continue };
            // A second parameter list is named by what it has that the first lacks
            // (`prune_with_height`).
            let name = if i == 0 {
                name
            } else {
                format!("{name}_with_{}", naming::snake(&first_new_parameter(&shape_of(plans[ps[0]].op), &shape_of(plans[p].op))))
            };
            let suffix = if plans[p].op.method == crate::ir::HttpMethod::Get { "_function" } else { "_action" };
            let siblings: Vec<&str> = raw_steps[parent].iter().map(|s| s.name.as_str()).collect();
            let (method, shortened) = claim(&mut method_names[parent], &name, suffix, &args, true, &siblings);
            let leaf = tree.nodes[parent].leaves.len();
            let alias = shortened.then_some(graph);
            tree.nodes[parent].leaves.push(Leaf {
                method,
                plan: p,
                op: plans[p].op,
                args,
                parts,
                body_struct: None,
                alias,
                same: Vec::new(),
                example: None,
                query: Vec::new(),
            });
            tree.calls[p].leaf = (parent, leaf);
            chains[p].pop();
            tree.nodes[parent].areas.insert(plans[p].area.clone());
        }
    }
    for (&dup, &rep) in &same_as {
        tree.calls[dup].leaf = tree.calls[rep].leaf;
        let (n, l) = tree.calls[rep].leaf;
        tree.nodes[n].leaves[l].same.push(plans[dup].op);
        if collapsed.contains(&ends[dup]) {
            chains[dup].pop();
        }
    }
    // (node, key) → the step's index: two steps of a node can lead to one place
    // (`axes/valueAxis`, `axes/seriesAxis`), so a chain finds its step by key.
    let mut step_at: BTreeMap<(usize, StepKey), usize> = BTreeMap::new();
    for (node, steps) in raw_steps.into_iter().enumerate() {
        let names: Vec<String> = steps.iter().map(|s| s.name.clone()).collect();
        let siblings: Vec<&str> = names.iter().map(String::as_str).collect();
        for RawStep { key, child, args, parts, name, template, graph, call } in steps {
            if collapsed.contains(&child) {
                continue;
            }
            let scope = if node == 0 { &mut entry_scope } else { &mut method_names[node] };
            let (method, shortened) = claim(scope, &name, "_step", &args, call, &siblings);
            let alias = shortened.then_some(graph);
            step_at.insert((node, key), tree.nodes[node].steps.len());
            tree.nodes[node].steps.push(Step { method, child, args, parts, template, alias });
        }
    }
    count_methods(&mut tree, &mut method_names);
    cast_methods(&mut tree, &mut method_names, space);
    let shared =
        super::node_names::shared_places(tree.nodes.iter().map(|n| n.steps.iter().map(|s| (s.child, s.method.as_str())).collect()));
    for i in 1..tree.nodes.len() {
        if collapsed.contains(&i) {
            continue;
        }
        let module = tree.nodes[i].module.clone();
        let by_type = shared.contains(&i).then(|| super::node_names::by_type(&tree.nodes[i].template, space)).flatten();
        let words = type_words(by_type.as_deref().unwrap_or(&tree.nodes[i].template));
        let scope = type_scopes.entry(module).or_insert_with(|| Scope::with(&["Request"]));
        tree.nodes[i].type_name = scope.claim(words);
    }
    // The chain of each plan, as (node, step index).
    for (p, chain) in chains.iter().enumerate() {
        let mut steps = Vec::with_capacity(chain.len());
        for (node, key) in chain {
            if let Some(&i) = step_at.get(&(*node, key.clone())) {
                steps.push((*node, i));
            }
        }
        tree.calls[p].steps = steps;
    }
    tree
}

/// `count()` on every node with a collection to list: Graph counts any collection at
/// `.../$count` (a `ConsistencyLevel: eventual` request for directory objects), though the pages
/// document it on a few (`/users/$count`), and those are already steps of their own. After the
/// leaves and steps are named, so a documented method keeps its name.
fn count_methods(tree: &mut Tree<'_>, method_names: &mut [Scope]) {
    for (i, node) in tree.nodes.iter_mut().enumerate().skip(1) {
        let lists = listed_item(node).is_some();
        let documented =
            node.steps.iter().any(|s| s.parts.iter().any(|p| matches!(p, PathPart::Text(t) if t.eq_ignore_ascii_case("/$count"))));
        if lists && !documented {
            node.count = Some(claim(&mut method_names[i], "count", "_items", &[], false, &[]).0);
        }
    }
}

/// The item type of the collection a node's own `list` leaf reads (a GET with no arguments
/// answering a collection), if it has one.
fn listed_item(node: &Node<'_>) -> Option<String> {
    node.leaves.iter().find_map(|l| {
        let t = l.op.response.r#type.as_ref().filter(|t| t.collection)?;
        (l.op.method == crate::ir::HttpMethod::Get && l.parts.is_empty()).then(|| t.name.clone())
    })
}

/// Whether an example of `op` calls a place below its path (`.../transitiveMemberOf/$count`,
/// `.../microsoft.graph.group` under `.../transitiveMemberOf`): such a place stays a node, with
/// its `count()` and casts, though it has one operation of its own.
fn reached_below(op: &Operation) -> bool {
    let n = op.path.segments().len();
    op.examples.iter().filter_map(|e| e.request.as_ref()).any(|r| {
        let url = r.path.split('?').next().unwrap_or("").trim_end_matches('/');
        let segs: Vec<&str> = url.split('/').skip(1).collect();
        segs.len() > n && op.path.matches(&format!("/{}", segs[..n].join("/"))).is_some()
    })
}

/// Casts on every node with a collection to list whose items have derived types, for each of
/// them that some page casts to (`members().as_user()`): Graph casts any collection by
/// appending the type's name, and the pages show it on collections whose pages document no
/// such path. A cast the pages document is a step already, not offered twice.
fn cast_methods(tree: &mut Tree<'_>, method_names: &mut [Scope], space: &UrlSpace<'_>) {
    // The types some page casts to, in a path or an example's URL: a collection of `entity`
    // would otherwise offer every type there is.
    let mut cast_to: BTreeSet<String> = BTreeSet::new();
    for leaf in tree.nodes.iter().flat_map(|n| &n.leaves) {
        for op in std::iter::once(leaf.op).chain(leaf.same.iter().copied()) {
            let urls = op.examples.iter().filter_map(|e| e.request.as_ref()).map(|r| r.path.split('?').next().unwrap_or(""));
            for url in std::iter::once(op.path.as_str()).chain(urls) {
                cast_to.extend(url.split('/').filter(|s| s.contains('.') && !s.contains(['(', '{', ':'])).map(|s| s.to_ascii_lowercase()));
            }
        }
    }
    for (i, node) in tree.nodes.iter_mut().enumerate().skip(1) {
        let Some(item) = listed_item(node) else { continue };
        let documented: BTreeSet<String> = node
            .steps
            .iter()
            .flat_map(|s| &s.parts)
            .filter_map(|p| match p {
                PathPart::Text(t) => Some(t.trim_start_matches('/').to_ascii_lowercase()),
                PathPart::Arg { .. } => None,
            })
            .collect();
        let mut derived: Vec<&str> = space.derived_of(&item).to_vec();
        derived.sort_unstable();
        for d in derived {
            if documented.contains(&d.to_ascii_lowercase()) || !cast_to.contains(&d.to_ascii_lowercase()) {
                continue;
            }
            let name = format!("as_{}", naming::snake(simple(d)));
            let (method, _) = claim(&mut method_names[i], &name, "_cast", &[], false, &[]);
            node.casts.push(CastStep { method, type_name: d.to_string() });
        }
    }
}

/// An action's parameter list as text (`name:type,...`), as [`super::body_names`] groups them.
pub(super) fn shape_of(op: &Operation) -> String {
    match &op.body {
        Some(crate::ir::Body::Parameters(ps)) => ps.iter().map(|p| format!("{}:{}", p.name, p.r#type)).collect::<Vec<_>>().join(","),
        _ => String::new(),
    }
}

/// The first parameter of the list `other` that the list `first` lacks, both as [`shape_of`]
/// writes them (`parameters` when there is none): what names a second parameter list.
pub(super) fn first_new_parameter(first: &str, other: &str) -> String {
    let names = |s: &str| s.split(',').map(|p| p.split(':').next().unwrap_or("").to_ascii_lowercase()).collect::<Vec<_>>();
    let known = names(first);
    names(other).into_iter().find(|n| !n.is_empty() && !known.contains(n)).unwrap_or_else(|| "parameters".to_string())
}

/// `microsoft.graph.user` → `user`.
pub(super) fn simple(q: &str) -> &str {
    q.rsplit('.').next().unwrap_or(q)
}

/// The module of every action body struct (see [`super::body_names`]); path modules re-export
/// the ones their methods take.
pub const BODIES: &str = "bodies";

/// A name unique in `scope`: `base`; else, for overloads of one function, `base` with its
/// arguments (`range_with_address`; where all of them make it too long, the first, then
/// `_with_args`, before any word is shortened); else `base` + `suffix`; a number only as a last
/// resort. Each is fitted to [`short_names::MAX`]; the flag says whether that shortened it.
fn claim(scope: &mut Scope, base: &str, suffix: &str, args: &[String], call: bool, siblings: &[&str]) -> (String, bool) {
    let with = (!args.is_empty()).then(|| {
        let all = format!("{base}_with_{}", args.join("_"));
        if all.len() <= short_names::MAX {
            return all;
        }
        [format!("{base}_with_{}", args[0]), format!("{base}_with_args")]
            .into_iter()
            .find(|n| n.len() <= short_names::MAX && !scope.contains(n))
            .unwrap_or(all)
    });
    let candidates = [Some(base.to_string()), with, Some(format!("{base}{suffix}")), Some(format!("{base}{suffix}_call"))];
    for candidate in candidates.into_iter().flatten() {
        let fitted = short_names::fit(&candidate, call, siblings);
        if !scope.contains(&fitted) {
            let shortened = fitted != candidate;
            return (scope.claim(fitted), shortened);
        }
    }
    let fitted = short_names::fit(base, call, siblings);
    (scope.claim(fitted), base.len() > short_names::MAX)
}

/// An operation whose last segment is a call: the model reads it so, or, where the model
/// cannot walk the path (a root of no documented type, `/search`), a POST whose body is a
/// table of parameters, which only actions take (`/search/query`: `search().query(&body)`).
fn is_call(op: &Operation, space: &UrlSpace<'_>) -> bool {
    match space.walk(&op.path).target {
        Some(Target::Call { .. }) => true,
        // Where the model cannot walk the path (a page leaves out a relationship on the way):
        // a POST of parameters, or of nothing, is an action; a create sends what it creates.
        None => op.method == crate::ir::HttpMethod::Post && matches!(op.body, Some(crate::ir::Body::Parameters(_)) | None),
        Some(_) => false,
    }
}

/// The HTTP-semantics name of an operation on its node, beside the node's other operations.
/// A POST creates where the URL model reads a collection, or where the resource tables are
/// silent but a GET of the same place lists what the POST sends (`/education/classes/{id}/
/// assignments`, a relationship `educationClass`'s page leaves out): its list page is the
/// second statement.
fn verb<'o>(op: &Operation, space: &UrlSpace<'_>, here: impl Iterator<Item = &'o Operation> + Clone) -> &'static str {
    let listed = |item: &crate::ir::TypeRef| {
        here.clone().any(|o| o.method.as_str() == "GET" && o.response.r#type.as_ref().is_some_and(|t| t.collection && t.name == item.name))
    };
    match op.method.as_str() {
        "GET" if op.response.r#type.as_ref().is_some_and(|t| t.collection) => "list",
        "GET" => "get",
        "POST" => match (space.walk(&op.path).target, &op.body) {
            (Some(Target::Collection(_)), _) => "create",
            // An unknown segment reads as a call; a list of the same place says otherwise.
            (None | Some(Target::Call { .. }), Some(crate::ir::Body::Type(t))) if !t.collection && listed(t) => "create",
            _ => "post",
        },
        "PATCH" => "update",
        "PUT" => "replace",
        "DELETE" => "delete",
        _ => "send",
    }
}

/// The key that tells a node's steps apart: the segment with parameters blanked, lowercase.
fn key_of(seg: &Segment) -> String {
    let mut k = String::new();
    seg.push_key(&mut k);
    k.trim_end_matches(':').to_string()
}

/// The method name, path parts and argument names of one segment, and whether it ends in `:`.
/// A parameter after a `:` addresses an item by path (`root:/{item-path}:`): its step appends
/// `:/a/b.txt:` whole, so the place it reaches is the same as `items/{id}` and what follows
/// appends as it would there (`/children`); a request that ends there drops the last `:`.
fn step_of(
    seg: &Segment,
    colon: bool,
    after_path: bool,
    (plan_args, params): (&[String], &[crate::ir::PathParameter]),
    arg_i: &mut usize,
) -> (String, Vec<PathPart>, Vec<String>, bool) {
    let mut parts = Vec::new();
    let mut args = Vec::new();
    let by_path = colon && seg.param_name().is_some();
    if colon && !after_path {
        parts.push(PathPart::Text(":".into()));
    }
    parts.push(PathPart::Text("/".into()));
    let text = seg.to_text();
    let trailing = text.ends_with(':');
    let mut prev_text = String::new();
    let last = seg.pieces.len().saturating_sub(1);
    for (i, piece) in seg.pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => {
                let t = if i == last && trailing { t.trim_end_matches(':') } else { t.as_str() };
                if !t.is_empty() {
                    parts.push(PathPart::Text(t.to_string()));
                }
                prev_text = t.to_string();
            }
            Piece::Param(_) => {
                let name = plan_args.get(*arg_i).cloned().unwrap_or_else(|| format!("arg{}", *arg_i));
                let of = params.get(*arg_i).and_then(|p| p.r#type.as_ref()).map(|t| t.name.clone());
                *arg_i += 1;
                parts.push(PathPart::Arg { index: args.len(), quoted: prev_text.ends_with('\''), by_path, of });
                args.push(name);
            }
        }
    }
    if by_path {
        parts.push(PathPart::Text(":".into()));
    }
    (method_name(seg, colon), merge_text(parts), args, trailing)
}

fn merge_text(parts: Vec<PathPart>) -> Vec<PathPart> {
    let mut out: Vec<PathPart> = Vec::with_capacity(parts.len());
    for p in parts {
        match (out.last_mut(), p) {
            (Some(PathPart::Text(a)), PathPart::Text(b)) => a.push_str(&b),
            (_, p) => out.push(p),
        }
    }
    out
}

/// `messages` → `messages`; `{id}` → `id`; `{item-path}` after `root:` → `item_path`;
/// `microsoft.graph.group` → `as_group`; `$value` → `value`; `$ref` → `reference`;
/// `range(address='{a}')` → `range`; `roleTemplateId={x}` → `by_role_template_id`.
fn method_name(seg: &Segment, colon: bool) -> String {
    if seg.param_name().is_some() {
        return if colon { "item_path".into() } else { "id".into() };
    }
    if let Some(l) = seg.literal() {
        let l = l.trim_end_matches(':');
        return match l {
            "$value" => "value".into(),
            "$ref" => "reference".into(),
            "$count" => "count".into(),
            _ if l.contains('.') => format!("as_{}", naming::snake(l.rsplit('.').next().unwrap_or(l))),
            _ => naming::snake(l),
        };
    }
    if let Some(c) = seg.call_name() {
        let c = c.rsplit('.').next().unwrap_or(c);
        return if c.is_empty() { "call".into() } else { naming::snake(c) };
    }
    // `roleTemplateId={x}`: a key given by another property.
    match seg.pieces.first() {
        Some(Piece::Text(t)) => format!("by_{}", naming::snake(t.trim_end_matches('='))),
        _ => "id".into(),
    }
}

/// `/me/messages/{id}/attachments` → `MeMessagesItemAttachments`.
fn type_words(template: &str) -> String {
    let (t, _) = crate::path::PathTemplate::parse(template);
    let mut name = String::new();
    for seg in t.segments() {
        let word = if seg.param_name().is_some() {
            "Item".to_string()
        } else if let Some(l) = seg.literal() {
            let l = l.trim_end_matches(':');
            heck::ToUpperCamelCase::to_upper_camel_case(l.rsplit('.').next().unwrap_or(l).trim_start_matches('$'))
        } else if let Some(c) = seg.call_name() {
            heck::ToUpperCamelCase::to_upper_camel_case(c.rsplit('.').next().unwrap_or(c))
        } else {
            "Key".to_string()
        };
        name.push_str(&word);
    }
    naming::type_name(&name)
}
