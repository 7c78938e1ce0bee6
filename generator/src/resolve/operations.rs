//! Operations: response and body types resolved, path parameters read, duplicates merged.

use super::index::Index;
use super::settle::{self, Methods};
use super::spelling;
use crate::diag::{Code, Diags};
use crate::frontend::facts::{QueryOptions, RawBody, RawOperation};
use crate::frontend::typecell::{BaseExpr, TypeExpr};
use crate::frontend::DEFAULT_NAMESPACE;
use crate::ir::HttpMethod;
use crate::ir::{lineage, Body, ComplexType, Operation, PathParameter, PathTemplate, Property, Response, Root, Settlement, TypeRef};
use crate::urlspace::UrlSpace;
use std::collections::BTreeMap;

/// API page stem → what Methods tables say of the page (what it returns, the names they give it).
pub type ByStem = BTreeMap<String, Vec<String>>;

/// Every page's operations into the IR's: each page read on its own, the root's entity sets and
/// singletons inferred, letter case settled, and each endpoint several pages document settled
/// on one page by evidence (see [`super::settle`]).
/// Each page's operations as that page alone describes them.
/// Examples calling no path of their page's block come back, to be reported once the URL
/// model knows which spellings are one place ([`settle_all`]).
/// `returns`: API page stem → what Methods tables say it returns (resource page stems);
/// `names`: API page stem → the names Methods tables give it.
pub fn pages(
    raw: Vec<RawOperation>,
    (types, returns, names): (&BTreeMap<String, ComplexType>, &ByStem, &ByStem),
    index: &mut Index,
    diags: &mut Diags,
) -> (Vec<Operation>, Vec<super::example_owner::OtherPath>) {
    let listed = super::function_args::listed(&raw);
    let shapes = super::missing_key::shapes(&raw);
    let mut ops = Vec::with_capacity(raw.len());
    let mut other = Vec::new();
    let mut rest = raw.into_iter().peekable();
    // A page's operations are contiguous: each page's examples go to its paths, after the
    // endpoints its examples call with arguments join them.
    while let Some(first) = rest.next() {
        let mut page = vec![first];
        while let Some(op) = rest.next_if(|o| o.source.file == page[0].source.file) {
            page.push(op);
        }
        super::call_name::rename(&mut page, &shapes, names, diags);
        super::missing_key::insert(&mut page, &shapes, diags);
        let added = super::function_args::with_arguments(&page, &listed);
        super::function_args::join(&mut page, added);
        let reads = super::relationship_reads::added(&page, &listed, types, index);
        page.extend(reads);
        let parents = super::relationship_reads::parent_added(&page, &listed, index);
        page.extend(parents);
        let values = super::relationship_reads::value_added(&page, &listed, index);
        page.extend(values);
        other.extend(super::example_owner::assign_examples(&mut page, diags));
        // An operation without an example of its own (the bare name of a function whose
        // example calls it with arguments, `/users/{id}/chats/...` beside `/chats/...`) is
        // judged by its page's example of the same method on a path that ends as its own does;
        // a path reaching further (`.../{id}/resource` on a list page) is another call.
        let fallback = |op: &RawOperation| {
            let own = super::shape::first_answer(&op.examples);
            let page = || {
                page.iter()
                    .filter(|o| o.method == op.method && tail(&o.path) == tail(&op.path))
                    .flat_map(|o| &o.examples)
                    .find(|e| super::shape::answer_of(e).is_some())
            };
            own.is_none().then(page).flatten().cloned()
        };
        let shown: Vec<Option<crate::ir::Example>> = page.iter().map(fallback).collect();
        ops.extend(page.into_iter().zip(shown));
    }
    (ops.into_iter().map(|(op, shown)| operation(op, shown.as_ref(), (types, returns), index, diags)).collect(), other)
}

/// How a path ends: its last segment's name (a call's without arguments, letter case aside),
/// or `{}` for a key.
fn tail(path: &crate::path::PathTemplate) -> String {
    match path.segments().last() {
        Some(last) if last.param_name().is_some() => "{}".into(),
        Some(last) => last.call_name().or(last.literal()).unwrap_or_default().to_ascii_lowercase(),
        None => String::new(),
    }
}

/// The pages' operations through the URL model: letter case settled, then each endpoint that
/// several pages document settled on one page by evidence (see [`super::settle`]).
pub fn settle_all(
    (mut pages, other): (Vec<Operation>, Vec<super::example_owner::OtherPath>),
    types: &BTreeMap<String, ComplexType>,
    roots: &BTreeMap<String, Root>,
    methods: &Methods,
    diags: &mut Diags,
) -> (Vec<Operation>, Vec<super::named_kind::Narrowed>) {
    super::singleton_key::rewrite(&mut pages, roots, diags);
    super::call_forms::unify(&mut pages, diags);
    super::call_forms::quote_as_examples(&mut pages, diags);
    let votes = spelling::Votes::of(&pages);
    let evidence = settle::PageEvidence::of(&pages);
    let space = UrlSpace::new(types, roots)
        .with_calls(crate::urlspace::calls(&pages, types))
        .with_disputed(crate::urlspace::disputed(&pages))
        .with_untyped_roots(&pages);
    super::stray_writes::read_slips(&mut pages, &space, diags);
    let pages = super::named_steps::expand(pages, &space);
    // Letter case aside, one endpoint: one walk through the model spells and settles it.
    let mut groups: BTreeMap<(HttpMethod, String), Vec<Operation>> = BTreeMap::new();
    for op in pages {
        groups.entry((op.method, op.path.key())).or_default().push(op);
    }
    let mut narrowed = Vec::new();
    let mut out: Vec<Operation> = groups
        .into_values()
        .map(|mut g| {
            let walk = space.walk(&g[0].path);
            for p in &mut g {
                spelling::respell(p, &walk.spelling, &votes, diags);
            }
            let via = walk.via.clone();
            let op = settle::endpoint(g, walk, &space, (methods, &evidence), diags);
            narrowed.extend(super::named_kind::row(&op, via, &space));
            op
        })
        .collect();
    for op in &mut out {
        // Only spellings other than the template are worth keeping.
        let path = op.path.as_str().to_string();
        op.documented.retain(|d| *d != path);
        op.documented.sort();
        op.documented.dedup();
    }
    out.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
    super::action_shapes::check(&out, &space, diags);
    super::empty_answer::sent_elsewhere(&mut out, &other, diags);
    super::example_owner::report_other_paths(other, &out, &space, diags);
    (out, narrowed)
}

fn operation(
    op: RawOperation,
    page_example: Option<&crate::ir::Example>,
    (types, returns): (&BTreeMap<String, ComplexType>, &BTreeMap<String, Vec<String>>),
    index: &mut Index,
    diags: &mut Diags,
) -> Operation {
    let namespace = op.namespace.clone();
    let ns = namespace.as_str();
    let at = op.source.clone();
    // What the answer is judged by: the operation's own examples, else its page's (cloned only then).
    let judged = match page_example {
        Some(e) => std::slice::from_ref(e),
        None => op.examples.as_slice(),
    };
    let r = &op.response;
    let status = r.status.or(r.example_status).unwrap_or(if r.no_content { 204 } else { 200 });
    // A type no page defines is reported where the page names it: the annotation, the sentence.
    let line = |l: u32| if l == 0 { at.clone() } else { crate::ir::Source { file: at.file.clone(), line: l } };
    let annotated = r.annotated.as_ref().map(|t| index.resolve_annotated(&TypeRef::parse(t), ns, &line(r.annotated_line), diags));
    let stated = r.stated.as_ref().map(|e| index.resolve(e, ns, &line(r.line), diags));
    // Where the sentence and the annotation disagree, the example's shape decides (else the
    // annotation, as before).
    let mut by_shape = false;
    if let (Some(a), Some(s)) = (&annotated, &stated) {
        // A derived type annotated where the sentence names its base (`fileAttachment` for
        // "collection of attachment objects") says more, not something else.
        let related = |x: &str, y: &str| lineage(types, x).iter().any(|t| t.name == y);
        // The same simple name, letter case aside, is one type: the sentence's link leads to
        // its page (a namespace the sentence leaves out, or the link text's letter case, which
        // GG0210 reports where it matters).
        let simple = |t: &str| t.rsplit('.').next().unwrap_or(t).to_ascii_lowercase();
        // A link whose page is named after the annotated type names it, whatever its text
        // says (`[NamedItem](workbooknameditem.md)`, an old name), even when that page is
        // missing (GG0501 reports that).
        let linked = match r.stated.as_ref().map(|e| &e.base) {
            Some(BaseExpr::Named { target: Some(stem), .. }) => *stem == simple(&a.name),
            _ => false,
        };
        if a.name != s.name && simple(&a.name) != simple(&s.name) && !linked && !related(&a.name, &s.name) && !related(&s.name, &a.name) {
            let shown = super::shape::first_answer(judged);
            // The example's element has keys only the sentence's type has: its table decides too.
            // An open annotated type takes any keys and so says nothing against them
            // (`visibility` is an administrative unit's, and a user, open, would take it too).
            let by_keys = |j: &serde_json::Value| {
                super::shape::keys_fit(types, s, j) == Some(true) && super::shape::keys_fit(types, a, j) != Some(true)
            };
            by_shape = shown.is_some_and(|j| super::shape::fits(s, j) && (!super::shape::fits(a, j) || by_keys(j)));
            let read = if by_shape {
                format!("; read as `{s}`, which the example's JSON fits")
            } else {
                // The URL model may still overrule the page (settle.rs, GG0801 at the same line).
                "; the page's answer is read as the annotation's, unless the URL model says otherwise (GG0801)".to_string()
            };
            let d = diags
                .push(
                    &at.file,
                    r.line,
                    Code::ResponseMismatch,
                    format!("the response sentence names `{s}` but the response example is annotated `{a}`{read}"),
                )
                .token(s.name.rsplit('.').next().unwrap_or(&s.name));
            if let Some(t) = [a, s].into_iter().find(|t| !t.is_primitive() && !index.known.contains(&t.name)) {
                super::unpaged_note(d, &t.name);
            }
        }
    }
    // An unlinked word ("an **accounts** object") counts only when it names a defined type, in
    // the singular too; anything else is prose ("a JSON object"), not a missing type.
    let worded = r.worded.as_ref().and_then(|w| match &w.base {
        BaseExpr::Named { name, .. } => index
            .lookup(name, ns)
            .or_else(|| index.lookup(&crate::naming::singular(name), ns))
            .map(|n| TypeRef { name: n, collection: w.collection }),
        BaseExpr::Primitive(_) => None,
    });
    // The annotation's one value where the sentence says a collection of it (no `isCollection`).
    let lone_annotation =
        annotated.clone().filter(|a| r.annotated_line > 0 && stated.as_ref().is_some_and(|s| s.collection && s.name == a.name));
    // An annotation naming a kind derived from the sentence's type (`room` where the sentence
    // says `place`) is the example's kind: what the call answers is the sentence's type, of
    // which each example shows one kind (the next example may be a `roomList`).
    let derived_kind = match (&annotated, &stated) {
        (Some(a), Some(s)) if a.name != s.name && !s.is_primitive() && lineage(types, &a.name).iter().skip(1).any(|t| t.name == s.name) => {
            Some(TypeRef { name: s.name.clone(), collection: a.collection })
        }
        _ => None,
    };
    let response_type = match status {
        204 => None,
        _ if by_shape => stated.or(annotated),
        _ if derived_kind.is_some() => derived_kind,
        _ => annotated.or(stated).or(worded),
    };
    let response_type = match response_type {
        Some(t) if op.method == HttpMethod::Get => Some(owner_says(t, &op, returns, (types, index), diags)),
        t => t,
    };
    // A key segment addresses one entity whatever an example shows; a page of values elsewhere
    // means a collection.
    let keyed = op.path.segments().last().is_some_and(|s| s.param_name().is_some());
    let mut one_by_annotation = false;
    let (response_type, promoted) = match response_type {
        Some(t) if !keyed => {
            let by_annotation = (lone_annotation.as_ref() == Some(&t)).then_some(r.annotated_line);
            let (t, promoted) = pages_of(t, by_annotation, judged, types, &at, diags);
            // Still one value against the sentence: the other pages may key the path (`keyed_sets`).
            one_by_annotation = by_annotation.is_some() && !t.collection;
            (Some(t), promoted)
        }
        t => (t, false),
    };
    // `$filter` on the request line: OData filters collections only, so what it answers is a
    // page of values, whatever the sentence says ("an [onlineMeeting] object").
    let filtered = op.method == HttpMethod::Get && !keyed && op.query.as_deref().is_some_and(|q| q.contains("$filter"));
    let response_type = match response_type {
        Some(t) if filtered && !t.collection && !t.is_primitive() => {
            let read = TypeRef { name: t.name.clone(), collection: true };
            // At the response sentence: a page's filtered lines share it, and one finding.
            diags.push(
                &at.file,
                if r.line > 0 { r.line } else { at.line },
                Code::ResponseMismatch,
                format!("request lines filter (`$filter`), which only a collection takes, but the response names one `{t}`; read as `{read}` for them"),
            );
            Some(read)
        }
        t => t,
    };
    // `$value` is the raw bytes of a media entity or property, whatever else the page names.
    let raw_value = op.method == HttpMethod::Get && op.path.segments().last().and_then(|s| s.literal()) == Some("$value");
    let response_type = if raw_value && status != 204 {
        Some(TypeRef { name: crate::ir::primitive::STREAM.into(), collection: false })
    } else {
        response_type
    };
    let (status, response_type, emptied) =
        super::empty_answer::settle(op.method, (status, response_type), &op.examples, (&at, r.line), diags);
    let linked = match (&r.monitor, &r.monitor_page) {
        (Some(e), _) if status == 202 => Some(index.resolve(e, ns, &line(r.line), diags)),
        (None, Some(e)) if status == 202 => index.peek(e, ns),
        _ => None,
    };
    let (response_type, monitor, accepted) = super::empty_answer::accepted(status, response_type, (linked, r.location_said), &op.examples);
    let respond_async = monitor.is_some() && super::empty_answer::asks_async(&op.examples);
    let accepted = accepted.map(|why| match respond_async {
        true => format!("{why}; {}", super::empty_answer::ASKED),
        false => why,
    });
    // "a JSON representation of the values ...": a word taken for a type that names none, with
    // no link to say otherwise; the table beside it is what the page describes.
    // A plural word ("a JSON representation of **customers** object") names its type in the
    // singular.
    let raw_body = match op.body {
        RawBody::Type(TypeExpr { base: BaseExpr::Named { name, target: None }, collection }, rows) if index.lookup(&name, ns).is_none() => {
            let one = crate::naming::singular(&name);
            if index.lookup(&one, ns).is_some() {
                RawBody::Type(TypeExpr { base: BaseExpr::Named { name: one, target: None }, collection }, rows)
            } else if rows.is_empty() {
                RawBody::None
            } else {
                RawBody::Parameters(rows)
            }
        }
        b => b,
    };
    // A type named over a table of other parameters, which the example sends: the table.
    let mut table_settled = None;
    let raw_body = match raw_body {
        RawBody::Type(e, rows) => {
            let named = index.peek(&e, ns);
            if let Some(named) = named.filter(|n| super::body_table::lists_other_parameters(op.method, n, &rows, &op.examples, types)) {
                let listed = rows.iter().map(|r| format!("`{}`", r.name)).collect::<Vec<_>>().join(", ");
                let why = format!("the page names `{named}` as the body, but its table lists {listed}, not all properties of it, and its example sends them: read as the table's parameters");
                diags.push(&at.file, rows[0].source.line, Code::BodyTableOverType, why.clone());
                table_settled = Some(why);
                RawBody::Parameters(rows)
            } else {
                RawBody::Type(e, rows)
            }
        }
        b => b,
    };
    let body = match raw_body {
        RawBody::None => None,
        RawBody::Type(e, rows) => {
            // The rows only repeat the type's properties; resolving them reports broken links.
            for p in &rows {
                if let Some(ty) = &p.ty {
                    index.resolve(ty, ns, &p.source, diags);
                }
            }
            Some(Body::Type(index.resolve(&e, ns, &at, diags)))
        }
        RawBody::Parameters(params) => {
            let params: Vec<Property> = params
                .into_iter()
                .filter_map(|p| {
                    let ty = p.ty.as_ref()?;
                    let mut r#type = index.resolve(ty, ns, &p.source, diags);
                    // `[appHostedMediaConfig] or [serviceHostedMediaConfig]`: either, so their
                    // nearest common base, as for a property (`derived::common_bases`).
                    let alts: Vec<String> = p.alternatives.iter().map(|a| index.resolve(a, ns, &p.source, diags).name).collect();
                    if let Some(c) = (!alts.is_empty()).then(|| super::derived::common_base(types, &r#type.name, &alts)).flatten() {
                        r#type.name = c;
                    }
                    Some(Property {
                        name: p.name,
                        r#type,
                        navigation: false,
                        read_only: false,
                        description: p.description,
                        source: p.source,
                    })
                })
                .collect();
            match op.method {
                // Update and replace pages list the settable properties of the resource itself;
                // with no resource named, the table stays (the URL model may say whose it is).
                HttpMethod::Patch | HttpMethod::Put => {
                    subject_type(&response_type, &op.subject, index, diags, &at).map(Body::Type).or(Some(Body::Parameters(params)))
                }
                _ => Some(Body::Parameters(params)),
            }
        }
    };
    let mut body_from_example = false;
    let mut body_of_answer = false;
    let body = match body {
        None if sends_bytes(op.method, &op.path, &op.examples) || says_bytes(op.method, &op.headers) => {
            Some(Body::Type(TypeRef { name: crate::ir::primitive::STREAM.into(), collection: false }))
        }
        _ if put_to_stream(op.method, &op.path) => {
            Some(Body::Type(TypeRef { name: crate::ir::primitive::STREAM.into(), collection: false }))
        }
        // No table, no type, on an update ("supply the values for relevant fields that should
        // be updated") that answers one resource, whose example sends only that resource's
        // properties: the body is the resource, as when a table lists them.
        None if matches!(op.method, HttpMethod::Patch | HttpMethod::Put)
            && response_type.as_ref().is_some_and(|t| sends_only_properties_of(&op.examples, types, t)) =>
        {
            body_of_answer = true;
            response_type.clone().map(Body::Type)
        }
        // No table, no type: the example request shows the parameters.
        None if op.method != HttpMethod::Get && op.method != HttpMethod::Delete => {
            let found = super::example_body::parameters(&op.examples, index);
            body_from_example = found.is_some();
            found.map(Body::Parameters)
        }
        b => b,
    };
    // A DELETE whose every example sends nothing: what its sentence names is no body.
    let mut body_unsent = None;
    let body = match body {
        Some(b) if op.method == HttpMethod::Delete && sends_nothing(&op.examples) => {
            let why =
                "the page names a body for a DELETE, and every example of it sends none: read as no body, as a `$ref` or entity DELETE is"
                    .to_string();
            diags.push(&at.file, at.line, Code::DeleteBody, format!("{why} (named: `{}`)", body_name(&b)));
            body_unsent = Some(why);
            None
        }
        b => b,
    };
    let mut params = parameters(&op.path);
    for p in &mut params {
        let key = p.function_arg.clone().unwrap_or_else(|| p.name.clone()).to_ascii_lowercase();
        let row = op.path_parameters.iter().find(|r| {
            let n = r.name.to_ascii_lowercase();
            n == key || n == p.name.to_ascii_lowercase()
        });
        if let Some(row) = row {
            p.r#type = row.ty.as_ref().map(|t| index.resolve(t, ns, &row.source, diags));
            p.description = row.description.clone();
        }
    }
    let query_parameters = op
        .query_parameters
        .iter()
        .filter_map(|r| {
            let ty = r.ty.as_ref()?;
            let r#type = index.resolve(ty, ns, &r.source, diags);
            Some(Property {
                name: r.name.clone(),
                r#type,
                navigation: false,
                read_only: false,
                description: r.description.clone(),
                source: r.source.clone(),
            })
        })
        .collect();
    let (query_options, options_from) = query_options(&op.query_options, response_type.as_ref(), op.method);
    Operation {
        parameters: params,
        query_options,
        headers: op.headers,
        query_parameters,
        method: op.method,
        documented: vec![op.documented],
        path: op.path,
        source: op.source,
        title: op.title,
        description: op.description,
        permissions: op.permissions,
        product: op.product,
        query: op.query,
        body,
        response: Response { status, r#type: response_type, monitor, respond_async, multi_status: None },
        examples: op.examples,
        settled: Settlement {
            response: promoted
                .then(|| super::shape::PROMOTED.to_string())
                .or(emptied)
                .or(accepted)
                .or_else(|| one_by_annotation.then(|| super::shape::ONE_BY_ANNOTATION.to_string())),
            body: body_from_example
                .then(|| super::example_body::SETTLED.to_string())
                .or_else(|| {
                    body_of_answer.then(|| {
                        "the page describes no request body; it updates the resource it answers, and its example sends only that resource's properties".to_string()
                    })
                })
                .or(table_settled)
                .or(body_unsent)
                .or(op.body_settled),
            query_options: options_from,
            path: op.path_settled,
            ..Settlement::default()
        },
    }
}

/// The DELETE examples of a page (its own requests, not pointers elsewhere), at least one, and
/// none sending a body.
fn sends_nothing(examples: &[crate::ir::Example]) -> bool {
    let mut sent =
        examples.iter().filter_map(|e| e.request.as_ref()).filter(|r| r.method == HttpMethod::Delete && !r.pointer && !r.external);
    let first = sent.next();
    first.is_some_and(|f| f.body.is_none()) && sent.all(|r| r.body.is_none())
}

/// A body's type or parameter names, for a finding.
fn body_name(b: &Body) -> String {
    match b {
        Body::Type(t) => t.to_string(),
        Body::Parameters(ps) => ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
    }
}

/// Graph's standard OData options of a GET answering a collection, and of one answering one value.
const COLLECTION_OPTIONS: &[&str] = &["$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$top"];
const ONE_VALUE_OPTIONS: &[&str] = &["$expand", "$select"];

/// A GET read as a collection after its options were settled as one value's standard ones
/// (`keyed_sets`): a collection's standard ones instead.
pub fn options_of_a_set(op: &mut Operation) {
    if op.settled.query_options.as_deref() == Some(standard_why("one value's").as_str()) {
        op.query_options = COLLECTION_OPTIONS.iter().map(|s| s.to_string()).collect();
        op.settled.query_options = Some(standard_why("a collection's"));
    }
}

/// Why a page naming no option takes `what` standard ones.
fn standard_why(what: &str) -> String {
    format!("the page says the method supports the OData query parameters and names none: these are {what} standard ones")
}

/// The OData options an operation takes, and why when the page does not name them all itself.
/// A GET answering a collection whose page says it supports OData query parameters, in any
/// wording, takes the standard collection set plus what the page names: "the OData query
/// parameters ... including `$filter` and `$search`", "such as", "the `$top` and `$select` OData
/// query parameters" name examples, not the whole set. Unless the page says the named ones are
/// all ("only", "the other OData query parameters are not supported"); an option it says is not
/// supported stays out. A GET of one value whose page names none takes `$select` and `$expand`,
/// unless the value is a primitive (bytes, a number).
fn query_options(said: &QueryOptions, answer: Option<&TypeRef>, method: HttpMethod) -> (Vec<String>, Option<String>) {
    let named = said.named.clone();
    let Some(answer) = answer.filter(|_| said.claimed && method == HttpMethod::Get) else {
        return (named, None);
    };
    // One primitive value (a `$value` stream, a count) has no properties to select or expand.
    if !answer.collection && answer.is_primitive() {
        return (named, None);
    }
    let (standard, what): (&[&str], &str) =
        if answer.collection { (COLLECTION_OPTIONS, "a collection's") } else { (ONE_VALUE_OPTIONS, "one value's") };
    let standard = standard.iter().map(|s| s.to_string()).filter(|s| !said.excluded.contains(s));
    if named.is_empty() {
        return (standard.collect(), Some(standard_why(what)));
    }
    if !answer.collection || said.closed {
        return (named, None);
    }
    // The page's spelling of a standard option (`$orderBy`) is the standard one.
    let mut all: Vec<String> = standard.collect();
    let mut added: Vec<&str> = all.iter().filter(|s| !named.iter().any(|n| n.eq_ignore_ascii_case(s))).map(String::as_str).collect();
    added.sort_unstable();
    if added.is_empty() {
        return (named, None);
    }
    let why = format!(
        "the page names {} among the OData query parameters it supports; {} are {what} standard ones",
        named.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
        added.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
    );
    all.extend(named.into_iter().filter(|n| !COLLECTION_OPTIONS.iter().any(|s| s.eq_ignore_ascii_case(n))));
    all.sort();
    all.dedup();
    (all, Some(why))
}

/// A PUT to `$value` or `content`: a photo, a file's content. Bytes, whatever else the page says.
fn put_to_stream(method: HttpMethod, path: &PathTemplate) -> bool {
    let last = path.segments().last().and_then(|s| s.literal());
    method == HttpMethod::Put && matches!(last, Some("$value" | "content"))
}

/// A write the page gives no JSON body whose examples send only bodies that are no JSON, with a
/// non-JSON content type (a OneNote page's HTML, a multipart form). A page that also shows a
/// JSON body (`sendMail` takes JSON or MIME) keeps its JSON.
fn sends_bytes(method: HttpMethod, path: &PathTemplate, examples: &[crate::ir::Example]) -> bool {
    if put_to_stream(method, path) {
        return true;
    }
    let requests = || examples.iter().filter_map(|e| e.request.as_ref()).filter(|r| r.method == method);
    let sent: Vec<&crate::ir::ExampleRequest> = requests().filter(|r| r.body.is_some()).collect();
    // An example that sends nothing (a reply draft's first, beside its MIME one) makes the
    // bytes optional: the call takes no body, and `.bytes(..)` adds one.
    method != HttpMethod::Get
        && method != HttpMethod::Delete
        && !sent.is_empty()
        && requests().all(|r| r.body.is_some())
        && sent.iter().all(|r| {
            let typed = crate::ir::content_type(&r.headers).is_some_and(|t| !t.contains("json") && !t.trim().is_empty());
            typed && matches!(r.body, Some(crate::ir::ExampleBody::Text(_)))
        })
}

/// A write whose `Content-Type` header row names only media types that are no JSON
/// (`text/html`, `multipart/form-data` for a OneNote page; `image/jpeg`, `application/zip`):
/// the body is bytes of that type, whichever of the page's paths its examples call.
fn says_bytes(method: HttpMethod, headers: &[crate::ir::RequestHeader]) -> bool {
    let Some(h) = headers.iter().find(|h| h.name.eq_ignore_ascii_case("content-type")) else {
        return false;
    };
    let types = media_types(&h.description);
    method != HttpMethod::Get && method != HttpMethod::Delete && !types.is_empty() && types.iter().all(|t| !t.contains("json"))
}

/// The media types (`type/subtype`) a text names, lowercase.
fn media_types(text: &str) -> Vec<String> {
    const TOPS: &[&str] = &["text", "application", "multipart", "image", "audio", "video", "message"];
    text.split(|c: char| c.is_whitespace() || ",;`'\"()".contains(c))
        .map(|w| w.trim_end_matches('.').to_ascii_lowercase())
        .filter(|w| w.split_once('/').is_some_and(|(top, sub)| TOPS.contains(&top) && !sub.is_empty() && !sub.contains('/')))
        .collect()
}

/// A response example that is a page (`{"value": [...]}`) where the page names one value of a
/// type without a `value` property: the answer is a collection of that type.
fn pages_of(
    t: TypeRef,
    by_annotation: Option<u32>,
    examples: &[crate::ir::Example],
    types: &BTreeMap<String, ComplexType>,
    at: &crate::ir::Source,
    diags: &mut Diags,
) -> (TypeRef, bool) {
    // A type with no page in these docs may have a `value` property for all we know; the
    // example's page counts then only beside a sentence that says a collection too.
    if t.collection || t.is_primitive() || !types.contains_key(&t.name) && by_annotation.is_none() {
        return (t, false);
    }
    let has_value = lineage(types, &t.name).iter().any(|x| x.properties.iter().any(|p| p.name == "value"));
    let page = examples.iter().filter_map(|e| e.response.as_ref()).find_map(|r| match &r.body {
        Some(crate::ir::ExampleBody::Json(v)) => Some((v.get("value").is_some_and(|x| x.is_array()), r.source.line)),
        _ => None,
    });
    match page {
        Some((true, line)) if !has_value => {
            // Who says one value: the annotation (at its line) where the sentence says a
            // collection, else the page.
            let said = match by_annotation {
                Some(at) => format!(
                    "the response annotation (line {at}) says one `{t}` (no `isCollection`) where the response sentence says a collection,"
                ),
                None => format!("the page says one `{t}` is returned,"),
            };
            let fix = match by_annotation {
                Some(_) => "add `\"isCollection\": true` to the response annotation",
                None => "make the response sentence say a collection (and the annotation `\"isCollection\": true`)",
            };
            let d = diags
                .push(
                    &at.file,
                    line,
                    Code::ResponseMismatch,
                    format!("{said} but the response example is a page of values (`\"value\": [...]`); read as a collection: {fix}"),
                )
                .json_path("$.value");
            if let Some(annotation) = by_annotation {
                d.also(&at.file, annotation, "the response annotation, which lacks `\"isCollection\": true`");
            }
            (TypeRef { name: t.name, collection: true }, true)
        }
        _ => (t, false),
    }
}

/// A GET whose response sentence or annotation names a type unrelated to the one its own intro
/// is about ("Get the [teams](team.md) that the user is a member of") where a Methods table
/// linking the page names that same type as what it returns: two statements against the
/// page's one; read as the intro's type (in the page's cardinality) and reported.
fn owner_says(
    t: TypeRef,
    op: &RawOperation,
    returns: &BTreeMap<String, Vec<String>>,
    (types, index): (&BTreeMap<String, ComplexType>, &Index),
    diags: &mut Diags,
) -> TypeRef {
    let stem = crate::ir::page_stem(&op.source.file);
    let Some((_, Some(target))) = &op.subject else { return t };
    if !returns.get(&stem).is_some_and(|r| r.contains(target)) {
        return t;
    }
    // The page the intro links must be there: a missing page's link text is no type name.
    let Some(owned) = index.by_stem.get(target).cloned() else { return t };
    let related = |x: &str, y: &str| lineage(types, x).iter().any(|c| c.name == y);
    if owned == t.name || t.is_primitive() || related(&owned, &t.name) || related(&t.name, &owned) {
        return t;
    }
    let read = TypeRef { name: owned, collection: t.collection };
    let d = diags
        .push(
            &op.source.file,
            op.response.line.max(op.source.line),
            Code::ResponseMismatch,
            format!(
                "the response names `{t}`, but the page's intro is about `{}` and a Methods table linking the page says it returns that; read as `{read}`",
                read.name
            ),
        )
        .token(t.name.rsplit('.').next().unwrap_or(&t.name));
    if !index.known.contains(&t.name) {
        super::unpaged_note(d, &t.name);
    }
    read
}

fn subject_type(
    response: &Option<TypeRef>,
    subject: &Option<(String, Option<String>)>,
    index: &mut Index,
    diags: &mut Diags,
    at: &crate::ir::Source,
) -> Option<TypeRef> {
    if let Some(r) = response.as_ref().filter(|r| !r.is_primitive() && !r.collection) {
        return Some(r.clone());
    }
    let (name, target) = subject.as_ref()?;
    let e = TypeExpr { base: BaseExpr::Named { name: name.clone(), target: target.clone() }, collection: false };
    Some(index.resolve(&e, DEFAULT_NAMESPACE, at, diags))
}

/// True when the first example request with a JSON object body sends only properties of `t`
/// (one at least), a type with a page.
fn sends_only_properties_of(examples: &[crate::ir::Example], types: &BTreeMap<String, ComplexType>, t: &TypeRef) -> bool {
    use super::example_body::{all_properties_of, first_sent_keys};
    !t.collection && types.contains_key(&t.name) && first_sent_keys(examples).is_some_and(|keys| all_properties_of(types, &t.name, &keys))
}

/// The `{name}` parameters of a path, in order, with the literal segment before each.
pub fn parameters(path: &PathTemplate) -> Vec<PathParameter> {
    path.params()
        .into_iter()
        .map(|p| PathParameter { name: p.name, after: p.after, function_arg: p.function_arg, r#type: None, description: String::new() })
        .collect()
}
