//! Settling endpoints that several pages document, and types that pages state against the URL
//! model, by evidence rather than by file order.
//!
//! A page is the one that describes an endpoint when the resource the endpoint is about links it
//! from its Methods table, its file is named after that resource (`user-list.md` for
//! `GET /users`), its answer or body is what the URL model says, its response example's
//! `@odata.context` names the same thing, and its title names the resource. Every reason is
//! recorded in the IR (`Operation::settled`); the other pages' examples stay tests of the
//! endpoint, and every disagreement is a finding.

use super::pick;
use crate::diag::{Code, Diags};
use crate::ir::HttpMethod;
use crate::ir::{lineage, page_stem, Body, ExampleBody, Operation, TypeRef};
use crate::urlspace::{context, Target, UrlSpace, Walk};
use std::collections::{BTreeMap, BTreeSet};

/// API page stem → the types whose resource page links it from a Methods table; `true` when the
/// linking page is the type's own (named after it), not a page merged into it.
pub type Methods = BTreeMap<String, Vec<(String, bool)>>;

/// One endpoint's pages, in file order, settled into one operation.
pub fn endpoint(
    mut pages: Vec<Operation>,
    walk: Walk,
    space: &UrlSpace<'_>,
    (methods, evidence): (&Methods, &PageEvidence),
    diags: &mut Diags,
) -> Operation {
    let types = space.types();
    if let Some(i) = walk.stopped {
        super::unresolved::report_path(&pages[0], &walk, i, space, diags);
    }
    let about = about(&walk).map(str::to_string);
    let expected = expected(&walk, pages[0].method);
    // Only an endpoint several pages claim needs weighing.
    let scored: Vec<(i32, Vec<String>)> = if pages.len() > 1 {
        pages.iter().map(|p| score(p, space, about.as_deref(), expected.as_ref(), methods)).collect()
    } else {
        vec![(0, Vec::new())]
    };
    let winner = best(&pages, &scored);
    let reasons = scored[winner].1.clone();
    let mut op = pages.remove(winner);
    let others = pages;
    if !others.is_empty() {
        let mut why = reasons.clone();
        if why.is_empty() {
            why.push("no page has more evidence; the shortest file name is taken".into());
        }
        op.settled.page = why;
        op.settled.others = others.iter().map(|o| o.source.file.clone()).collect();
        for o in &others {
            let because = op.settled.page.first().cloned().unwrap_or_default();
            diags
                .push(
                    &o.source.file,
                    o.source.line,
                    Code::DuplicateOperation,
                    format!(
                        "`{} {}` is also documented at {}:{}, which describes it ({because})",
                        o.method, o.path, op.source.file, op.source.line
                    ),
                )
                .also(&op.source.file, op.source.line, "the page that describes it");
        }
    }
    // What the winner leaves out, another page may say; not where it says nothing comes back
    // (`202 Accepted`, `204 No Content`, or its own examples answering with no body): a reply to
    // a post answers nothing, whatever a page of extensions created along the way answers.
    let says_empty = matches!(op.response.status, 202 | 204)
        || op.examples.iter().filter_map(|e| e.response.as_ref()).any(|r| r.body.is_none() && (200..300).contains(&r.status));
    if op.response.r#type.is_none() && !says_empty {
        if let Some(o) = others.iter().find(|o| o.response.r#type.is_some()) {
            op.response = o.response.clone();
            if let Some(t) = &op.response.r#type {
                op.settled.response = Some(format!("this page names no answer; {} says `{t}`", o.source.file));
            }
        }
    }
    // A body another page gives, when the model has no word on it (see `body` otherwise).
    if op.body.is_none() && expected.is_none() {
        if let Some(o) = others.iter().find(|o| o.body.is_some()) {
            op.body = o.body.clone();
        }
    }
    match &expected {
        Some(e) if op.method == HttpMethod::Get => answer(&mut op, &others, e, &walk, space, diags),
        _ => {
            if let Some(t) = op.response.r#type.clone() {
                // A write answers what it wrote: the entity, or the member it created; a page
                // for one derived kind says less than the model's type.
                let written = written(&walk, op.method);
                let mut wrote = written.clone().filter(|w| space.is_a(&t.name, &w.name) && t.collection == w.collection);
                // A create the page says answers one value, read as a collection for its
                // example's page of values alone: the URL model says it creates one, the
                // sentence too; the example is the slip.
                if let Some(w) = written.clone().filter(|w| {
                    op.method == HttpMethod::Post
                        && t.collection
                        && space.is_a(&t.name, &w.name)
                        && op.settled.response.as_deref() == Some(super::shape::PROMOTED)
                }) {
                    op.settled.response = Some(format!("the page says one value, and a POST to a collection creates one `{w}` (the URL model); its example's page of values is not read"));
                    wrote = Some(w);
                }
                // A page answer unrelated to what the write writes, where the page's own body
                // says the model's type: a second statement against the answer's (a copied
                // annotation: creating an open-shift request "answers" a swap-shifts request).
                // `202 Accepted` answers the work still going on (`teamsAsyncOperation`), not the write.
                let unrelated =
                    written.filter(|w| op.response.status != 202 && !space.is_a(&t.name, &w.name) && !space.is_a(&w.name, &t.name));
                let body_says = |w: &TypeRef| match &op.body {
                    Some(Body::Type(b)) => !b.collection && (space.is_a(&b.name, &w.name) || space.is_a(&w.name, &b.name)),
                    _ => false,
                };
                if let Some(w) = unrelated.filter(|w| body_says(w)) {
                    let via = via(&walk, space);
                    op.settled.response = Some(format!("the page says `{t}`; its body and the URL model say it writes a `{w}` ({via})"));
                    let d = diags.push(
                        &op.source.file,
                        op.source.line,
                        Code::ModelAnswer,
                        format!(
                            "the page says `{} {}` answers `{t}`, but it writes a `{w}`: the page's body and the URL model ({via}) say so; read as `{w}`",
                            op.method, op.path
                        ),
                    );
                    // No example calls this path: the page's answer may be another of its
                    // endpoints' (a page of extensions whose example creates a message with one).
                    if !op.examples.iter().any(|e| e.request.as_ref().is_some_and(|r| op.called_by(r))) {
                        d.severity = crate::diag::Severity::Note;
                    }
                    label_model(d, &walk, space);
                    wrote = Some(w);
                }
                op.response.r#type = match wrote {
                    Some(w) => Some(w),
                    None => {
                        let named: Vec<(TypeRef, String)> =
                            others.iter().filter_map(|o| o.response.r#type.clone().map(|t| (t, page_stem(&o.source.file)))).collect();
                        Some(pick::most_specific(types, &(t, page_stem(&op.source.file)), &named))
                    }
                };
            }
        }
    }
    super::answer_kinds::correct(&mut op, &walk, space, diags);
    if let Some((kind, settled, message)) = super::named_kind::shown(&op, &walk, space) {
        read_as(&mut op, Some(kind), settled, message, (&walk, space), diags);
    }
    if op.method != HttpMethod::Get {
        // What it writes: by the model, else the single object its body sends (a PATCH of
        // settings the model cannot walk to).
        let body_type = match &op.body {
            Some(Body::Type(b)) if !b.collection && matches!(op.method, HttpMethod::Patch | HttpMethod::Put) => Some(b.clone()),
            _ => None,
        };
        if let Some((t, why)) = super::shape::write_answer(types, &op, written(&walk, op.method).or(body_type).as_ref()) {
            op.response.r#type = Some(t);
            op.settled.response = Some(why);
        }
        let written = written(&walk, op.method);
        let page = evidence.write_answers.get(&(op.source.file.clone(), op.method));
        super::shown_answer::settle(types, &mut op, (written.as_ref(), page), diags);
    }
    super::refs::widen(&mut op, &walk, space);
    if op.method == HttpMethod::Get {
        let json_page = evidence.json_answers.get(&op.source.file).copied();
        unstated(&mut op, json_page, diags);
    } else {
        super::body_elements::correct(&mut op, &walk, types, diags);
        body(&mut op, &others, expected.as_ref(), (&walk, evidence), space, diags);
        super::body_binds::correct(&mut op, diags);
        // Reported only if the body is still just what the example sent.
        super::example_body::report(&op, diags);
    }
    for o in others {
        op.examples.extend(o.examples);
        op.documented.extend(o.documented);
        op.documented.push(o.path.as_str().to_string());
    }
    op
}

/// The entity type an endpoint is about: what it addresses, or what a call is bound to.
fn about(walk: &Walk) -> Option<&str> {
    walk.target.as_ref().and_then(Target::entity_type).or_else(|| walk.binding.as_ref().and_then(Target::entity_type))
}

/// What a write answers when it answers with what it wrote: the entity a PATCH or PUT
/// changes, the member a POST to a collection creates.
fn written(walk: &Walk, method: HttpMethod) -> Option<TypeRef> {
    match (method, walk.target.as_ref()?) {
        (HttpMethod::Patch | HttpMethod::Put, Target::Entity(t)) | (HttpMethod::Post, Target::Collection(t)) => {
            Some(TypeRef { name: t.clone(), collection: false })
        }
        _ => None,
    }
}

/// What the model says the endpoint answers (GET) or takes (writes).
fn expected(walk: &Walk, method: HttpMethod) -> Option<TypeRef> {
    let t = walk.target.as_ref()?;
    if method == HttpMethod::Get {
        t.answer()
    } else {
        t.body(method)
    }
}

/// The top-level keys the request examples of `op` send (annotations aside).
fn sent_keys(op: &Operation) -> Vec<String> {
    let mut keys: Vec<String> = op
        .examples
        .iter()
        .filter_map(|x| x.request.as_ref()?.body.as_ref())
        .filter_map(|b| match b {
            ExampleBody::Json(v) | ExampleBody::Template(v) => v.as_object(),
            ExampleBody::Text(_) => None,
        })
        .flat_map(|m| m.keys().filter(|k| !k.contains('@')).cloned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A type's simple name, lowercase (`microsoft.graph.user` → `user`), as page stems spell it.
fn simple(t: &str) -> String {
    t.rsplit('.').next().unwrap_or(t).to_ascii_lowercase()
}

/// The evidence that `page` is the one describing the endpoint, with a reason for each point.
fn score(page: &Operation, space: &UrlSpace<'_>, about: Option<&str>, expected: Option<&TypeRef>, methods: &Methods) -> (i32, Vec<String>) {
    let mut points = 0;
    let mut why = Vec::new();
    let st = page_stem(&page.source.file);
    if let Some(about) = about {
        let name = simple(about);
        let linking = methods.get(&st).map(Vec::as_slice).unwrap_or_default();
        if let Some((t, own)) = linking.iter().find(|(t, _)| t == about) {
            points += if *own { 4 } else { 2 };
            why.push(format!("the Methods table of `{t}`{} links it", if *own { "" } else { " (on a page merged into it)" }));
        }
        let words: Vec<&str> = st.split('-').collect();
        if words.first() == Some(&name.as_str()) {
            points += 2;
            why.push(format!("its file is named after `{about}`"));
        } else if words.contains(&name.as_str()) {
            points += 1;
            why.push(format!("its file name mentions `{about}`"));
        }
        if page.title.to_ascii_lowercase().contains(&name) {
            points += 1;
            why.push(format!("its title names `{about}`"));
        }
    }
    // A page whose examples all call other paths (a request line copied from another page)
    // says less of this one.
    let requests: Vec<_> = page.examples.iter().filter_map(|e| e.request.as_ref()).filter(|r| !r.is_batch()).collect();
    if !requests.is_empty() && requests.iter().all(|r| r.method == page.method && !page.called_by(r)) {
        points -= 1;
        why.push("its examples call other paths".to_string());
    }
    if let Some(e) = expected {
        let says = if page.method == HttpMethod::Get {
            page.response.r#type.as_ref()
        } else {
            match &page.body {
                Some(Body::Type(t)) => Some(t),
                _ => None,
            }
        };
        if says == Some(e) {
            points += 3;
            why.push(format!("it says `{e}`, as the URL model does"));
        }
        if contexts(page, space).iter().any(|c| c == e) {
            points += 1;
            why.push(format!("its response example's @odata.context names `{e}`"));
        }
    }
    (points, why)
}

/// The highest score; ties go to the shorter file name (the general page over a product's
/// variant of it), then to the name's order.
fn best(pages: &[Operation], scored: &[(i32, Vec<String>)]) -> usize {
    (0..pages.len())
        .max_by(|&a, &b| {
            let key = |i: usize| (scored[i].0, std::cmp::Reverse(pages[i].source.file.rsplit('/').next().unwrap_or("").len()));
            key(a).cmp(&key(b)).then_with(|| pages[b].source.file.cmp(&pages[a].source.file))
        })
        .unwrap_or(0)
}

/// What the `@odata.context` of each response example says the answer is.
fn contexts(op: &Operation, space: &UrlSpace<'_>) -> Vec<TypeRef> {
    op.examples
        .iter()
        .filter_map(|e| e.response.as_ref()?.body.as_ref())
        .filter_map(|b| match b {
            ExampleBody::Json(v) | ExampleBody::Template(v) => v.get("@odata.context")?.as_str(),
            ExampleBody::Text(_) => None,
        })
        .filter_map(|c| context::answer(space, c))
        .collect()
}

/// A response example whose body is a `{"value": [...]}` page.
fn example_is_page(op: &Operation) -> Option<bool> {
    super::shape::first_answer(&op.examples).map(|v| v.get("value").is_some_and(serde_json::Value::is_array))
}

/// A GET's answer: what the model says, unless the docs' own evidence (a page whose
/// `@odata.context` or example body says the page's type) outweighs it.
fn answer(op: &mut Operation, others: &[Operation], e: &TypeRef, walk: &Walk, space: &UrlSpace<'_>, diags: &mut Diags) {
    let said = op.response.r#type.clone();
    if said.as_ref() == Some(e) {
        return;
    }
    // A request line that expands a relationship (`GET /devices/{id}?$expand=extensions(..)`
    // on the page of an extension) GETs what its path addresses, with the page's type inside:
    // the page's type is not that answer, and no contradiction.
    if op.expands() {
        op.response.r#type = Some(e.clone());
        let page = said.map(|d| format!(" (the page's `{d}` comes inside)")).unwrap_or_default();
        op.settled.response = Some(format!("the request line expands a relationship: it answers what the path addresses{page}"));
        return;
    }
    if let Some(o) = others.iter().find(|o| o.response.r#type.as_ref() == Some(e)) {
        op.response.r#type = Some(e.clone());
        op.settled.response = Some(format!("{} says `{e}`, as the URL model does", o.source.file));
        return;
    }
    let via = via(walk, space);
    let Some(d) = said else {
        if op.response.status == 204 {
            return;
        }
        // A redirect (`302 Found` to a pre-authenticated download URL) names no type: what the
        // client gets by following it is what the path addresses, as the model says.
        if (300..400).contains(&op.response.status) {
            op.response.r#type = Some(e.clone());
            op.settled.response = Some(format!(
                "the page answers a redirect ({}) and names no type; it leads to `{e}`, as the URL model says ({via})",
                op.response.status
            ));
            return;
        }
        let settled = format!("the page names no answer type; the URL model says `{e}` ({via})");
        let message = format!("the page names no answer type for `GET {}`; the URL model says `{e}` ({via})", op.path);
        read_as(op, Some(e.clone()), settled, message, (walk, space), diags);
        return;
    };
    // The docs' second statements of the page's claim: an @odata.context naming it, or an
    // example page of values where the model says one value.
    let contexts: Vec<TypeRef> = std::iter::once(&*op).chain(others.iter()).flat_map(|o| contexts(o, space)).collect();
    let backed_by_context = contexts.contains(&d) && !contexts.contains(e);
    let shape = example_is_page(op);
    // Only a page of values is a second statement: one object shown for a set is what a
    // shortened example of a list page looks like, while the keys other pages put after the
    // path say it holds members.
    let backed_by_shape = d.name == e.name && shape == Some(true) && d.collection && !e.collection;
    // The page names another type, but says a collection where the model says one value, and
    // the example agrees (an @odata.context of the model's type as a collection, or a page of
    // values): the relationship row left out "collection"; the model's type, as a collection.
    let as_set = TypeRef { name: e.name.clone(), collection: true };
    let kind_backed = d.collection && !e.collection && (contexts.contains(&as_set) || shape == Some(true));
    if kind_backed && !backed_by_context && !backed_by_shape {
        let evidence = if contexts.contains(&as_set) { "its response example's @odata.context" } else { "its response example's shape" };
        let settled = format!("the page says `{d}` and {evidence} a collection; the URL model's type, `{e}` ({via}), as a collection");
        let message = format!(
            "`GET {}` answers a collection by this page (`{d}`) and {evidence}, but one `{e}` by the URL model ({via}); read as `{as_set}`",
            op.path
        );
        return unweighable(read_as(op, Some(as_set), settled, message, (walk, space), diags), space, &d, e);
    }
    if backed_by_context || backed_by_shape {
        let evidence = if backed_by_context { "its response example's @odata.context" } else { "its response example's shape" };
        let settled = format!("the page says `{d}` and {evidence} agrees; the URL model says `{e}` ({via})");
        let message =
            format!("`GET {}` answers `{d}` by this page and {evidence}, but `{e}` by the URL model ({via}); the page is taken", op.path);
        return unweighable(read_as(op, None, settled, message, (walk, space), diags), space, &d, e);
    }
    // A key after a relationship whose type has none (`photos/{size}` where a table says
    // `[photo](photo.md) collection`, a complex type): no path can key that type, so the
    // relationship's type is what is wrong, and the page's entity type is taken.
    let keyed = op.path.segments().last().is_some_and(|s| s.param_name().is_some());
    let unrelated = !space.is_a(&d.name, &e.name) && !space.is_a(&e.name, &d.name);
    // (A type no page defines is no evidence either way: GG0501 reports it.)
    let keyless = space.types().contains_key(&e.name) && !space.is_entity(&e.name);
    if keyed && unrelated && !e.collection && !d.collection && keyless && space.is_entity(&d.name) {
        let settled = format!("the page says `{d}`; the URL model says `{e}` ({via}), a type with no key, which no path can key");
        let message = format!(
            "`GET {}` answers `{d}` by this page, but `{e}` by the URL model ({via}), a type with no key that the path keys; the page is taken",
            op.path
        );
        return unweighable(read_as(op, None, settled, message, (walk, space), diags), space, &d, e);
    }
    op.response.r#type = Some(e.clone());
    let narrower = space.is_a(&d.name, &e.name) && d.collection == e.collection;
    // The path reads a property of the very type the page names: a page documenting an
    // object's GET and its properties' GETs together (`/mailboxSettings/timeZone`) names the
    // object for them all, and the property's own type is what comes back.
    let holder = !d.collection && matches!(&walk.via, Some((Some(owner), _)) if space.is_a(&d.name, owner));
    // A cast (`/places/microsoft.graph.room`) narrows what the page names for all its lines
    // (`place`): the page's type holds the model's, said less precisely, no contradiction.
    let cast = e.collection == d.collection
        && space.is_a(&e.name, &d.name)
        && op.path.segments().last().and_then(|s| s.literal()).is_some_and(|l| l.contains('.') && !l.contains('('));
    let kind = if narrower {
        "a type derived from it"
    } else if cast {
        "a base of the type the path casts to"
    } else if holder {
        "the type that holds the property the path reads"
    } else {
        "another type"
    };
    op.settled.response = Some(format!("the page says `{d}`, {kind}; the URL model says `{e}` ({via})"));
    // A derived type where the model says its base says more, not something else: the base's
    // `Any*` enum reads it by its `@odata.type`. Not a contradiction.
    if narrower || holder || cast {
        return;
    }
    let finding = diags.push(
        &op.source.file,
        op.source.line,
        Code::ModelAnswer,
        format!("the page says `GET {}` answers `{d}`, but the URL model says `{e}` ({via})", op.path),
    );
    label_model(finding, walk, space);
    unweighable(finding, space, &d, e);
}

/// A GET that neither its pages nor the model give an answer type, where the page does not
/// say that nothing comes back: bytes when the page or example says binary, else any JSON
/// (the example's shape with no type to check it against), never "no content".
/// `json_page`: an example of another request line of the page answers JSON (and the primitive
/// it shows as a wrapped value, if it is one).
fn unstated(op: &mut Operation, json_page: Option<Option<&'static str>>, diags: &mut Diags) {
    if op.response.r#type.is_some() || op.response.status == 204 {
        return;
    }
    // A redirect no page or model types is a download URL (the pages' words for every `302`
    // they document): the client follows it and reads bytes, as the crate's request does.
    if (300..400).contains(&op.response.status) {
        op.response.r#type = Some(TypeRef { name: crate::ir::primitive::STREAM.into(), collection: false });
        op.settled.response = Some(format!(
            "the page answers a redirect ({}) and no page or path of the URL model names a type: read as bytes",
            op.response.status
        ));
        return;
    }
    // `$count` answers the number as text, whatever the path before it (OData's rule; where
    // the walk fails, GG0803 says so at the segment).
    if op.path.segments().last().and_then(|s| s.literal()) == Some("$count") {
        op.response.r#type = Some(TypeRef { name: "Edm.Int32".into(), collection: false });
        op.settled.response = Some("`$count` answers a number".into());
        return;
    }
    let wrapped = |p: &str, whose: &str| format!("{whose} is OData's wrapped value (`{{\"value\": ...}}`): read as `{p}`");
    let (name, why) = if let Some(p) = super::shape::wrapped_primitive(op) {
        (p, wrapped(p, "its response example"))
    } else if answers_json(op) {
        ("Edm.Untyped", "its response example is JSON: read as any JSON".to_string())
    } else if let Some(Some(p)) = json_page {
        (p, wrapped(p, "the response example of another of its page's request lines"))
    } else if json_page.is_some() {
        ("Edm.Untyped", "the response example of another of its page's request lines is JSON: read as any JSON".to_string())
    } else {
        (crate::ir::primitive::STREAM, "it shows no JSON answer: read as bytes".to_string())
    };
    op.response.r#type = Some(TypeRef { name: name.into(), collection: false });
    op.settled.response = Some(format!("no page and no path of the URL model names the answer type; {why}"));
    diags.push(
        &op.source.file,
        op.source.line,
        Code::ModelAnswer,
        format!("the page names no answer type for `GET {}` and the URL model cannot resolve the path; {why}", op.path),
    );
}

/// What a page's examples show for all its request lines: an example calls one line, yet the
/// page's other lines (`root:/{item-path}:` beside `items/{id}`, `/users/{id}` beside `/me`)
/// take and answer the same forms.
pub struct PageEvidence {
    /// Pages with a GET whose response example is JSON, with the primitive a wrapped value
    /// among them shows (`{"value": "..."}`).
    json_answers: BTreeMap<String, Option<&'static str>>,
    /// The keys the first example request with a JSON object body sends, by page and method.
    sent: BTreeMap<(String, HttpMethod), Vec<String>>,
    /// The JSON a write's first success example answers, by page and method.
    write_answers: BTreeMap<(String, HttpMethod), serde_json::Value>,
}

impl PageEvidence {
    /// The evidence of every page among the operations.
    pub fn of(ops: &[Operation]) -> PageEvidence {
        let mut json_answers: BTreeMap<String, Option<&'static str>> = BTreeMap::new();
        for op in ops.iter().filter(|op| op.method == HttpMethod::Get && answers_json(op)) {
            let wrapped = super::shape::wrapped_primitive(op);
            let e = json_answers.entry(op.source.file.clone()).or_default();
            *e = e.or(wrapped);
        }
        let mut sent = BTreeMap::new();
        for op in ops {
            if let Some(keys) = super::example_body::first_sent_keys(&op.examples) {
                sent.entry((op.source.file.clone(), op.method)).or_insert(keys);
            }
        }
        let mut write_answers = BTreeMap::new();
        // Only writes no page types: the only ones `shown_answer` reads them for.
        for op in ops.iter().filter(|op| op.method != HttpMethod::Get && op.response.r#type.is_none() && op.response.monitor.is_none()) {
            if let Some(v) = super::shown_answer::success_answer(op) {
                write_answers.entry((op.source.file.clone(), op.method)).or_insert_with(|| v.clone());
            }
        }
        PageEvidence { json_answers, sent, write_answers }
    }
}

/// Whether a response example of the operation is JSON.
pub fn answers_json(op: &Operation) -> bool {
    op.examples.iter().filter_map(|e| e.response.as_ref()?.body.as_ref()).any(|b| !matches!(b, ExampleBody::Text(_)))
}

/// A write's body: what the page says when it agrees with the model or the model has no word;
/// the model's type when the page names none, or names only properties of it in a table.
fn body(
    op: &mut Operation,
    others: &[Operation],
    expected: Option<&TypeRef>,
    (walk, evidence): (&Walk, &PageEvidence),
    space: &UrlSpace<'_>,
    diags: &mut Diags,
) {
    let types = space.types();
    let typed = |o: &Operation| match &o.body {
        Some(Body::Type(t)) => Some(t.clone()),
        _ => None,
    };
    let Some(e) = expected else {
        // A `$ref` write sends OData's reference, `{"@odata.id": url}`, to a member of the
        // relationship: a page that describes no body still takes one, of the member's type
        // (whose model holds the `@odata.id` among its additional properties).
        if let (None, Some(Target::Ref { .. }), Some(member)) =
            (&op.body, &walk.target, walk.binding.as_ref().and_then(Target::entity_type))
        {
            if matches!(op.method, HttpMethod::Post | HttpMethod::Put) {
                op.body = Some(Body::Type(TypeRef { name: member.to_string(), collection: false }));
                op.settled.body =
                    Some(format!("a `$ref` write sends a reference (`@odata.id`) to a `{member}`, what the relationship holds"));
                return;
            }
        }
        // No word from the model (actions, `$ref`): the pages' types, the most specific.
        if let Some(t) = typed(op) {
            let named: Vec<(TypeRef, String)> = others.iter().filter_map(|o| typed(o).map(|t| (t, page_stem(&o.source.file)))).collect();
            op.body = Some(Body::Type(pick::most_specific(types, &(t, page_stem(&op.source.file)), &named)));
        }
        return;
    };
    match op.body.clone() {
        Some(Body::Type(t)) if t == *e => {}
        // Bytes to a stream, whatever JSON type a page names.
        _ if e.name == crate::ir::primitive::STREAM => {
            op.body = Some(Body::Type(e.clone()));
        }
        // Neither type has a page (GG0501 reports each): two guessed names, nothing to weigh.
        Some(Body::Type(t)) if !types.contains_key(&t.name) && !types.contains_key(&e.name) => {}
        // The page's type links the model's type as its base, which no page defines (GG0501
        // reports the link): a derived type, as below, but only the page's type has properties.
        Some(Body::Type(t))
            if !types.contains_key(&e.name)
                && crate::ir::unpaged_base(types, &t.name)
                    .is_some_and(|b| b.eq_ignore_ascii_case(e.name.rsplit('.').next().unwrap_or(&e.name))) =>
        {
            op.settled.body = Some(format!(
                "the page says `{t}`, whose page links `{e}`, the type the URL model says the endpoint takes, as its base; no page defines `{e}`"
            ));
        }
        Some(Body::Type(t)) => {
            if let Some(o) = others.iter().find(|o| typed(o).as_ref() == Some(e)) {
                op.body = Some(Body::Type(e.clone()));
                op.settled.body = Some(format!("{} says `{e}`, as the URL model does; this page says `{t}`", o.source.file));
            } else if space.is_a(&t.name, &e.name) && !t.collection {
                // A page for one derived type (Intune documents each kind of app on its own
                // page) says less than the model: the base takes every kind.
                op.body = Some(Body::Type(e.clone()));
                op.settled.body =
                    Some(format!("the page says `{t}`, a type derived from `{e}`, which the URL model says the endpoint takes"));
            } else if !t.is_primitive() {
                let sent = sent_keys(op);
                let has = |ty: &str, k: &str| {
                    lineage(types, ty).into_iter().flat_map(|x| x.properties.iter()).find(|p| p.name.eq_ignore_ascii_case(k)).cloned()
                };
                // The model's type has a property of the type the page names ("each [x]
                // object in the **xs** collection property of the resource"): the page
                // describes a part of the body, not another body.
                // (Or a kind of what it holds: an `openTypeExtension` in the `extensions`.)
                let part = lineage(types, &e.name)
                    .into_iter()
                    .flat_map(|x| x.properties.iter())
                    .find(|p| p.r#type.name != "microsoft.graph.entity" && space.is_a(&t.name, &p.r#type.name));
                if let Some(p) = part {
                    op.body = Some(Body::Type(e.clone()));
                    op.settled.body = Some(format!(
                        "the page names `{t}`, the type of `{e}`'s `{}`; the URL model says the endpoint takes `{e}`",
                        p.name
                    ));
                    return;
                }
                // The example's keys are the model's type's, not the page's: two statements
                // against one, and the examples are judged by the model's type.
                let fit = |ty: &str| sent.iter().filter(|k| has(ty, k).is_some()).count();
                let sends_model = fit(&e.name) > fit(&t.name);
                if sends_model {
                    op.body = Some(Body::Type(e.clone()));
                    op.settled.body = Some(format!("the page says `{t}`; the URL model says `{e}`, and the example sends its properties"));
                }
                let also = if sends_model { ", whose properties the example sends" } else { "" };
                let d = diags.push(
                    &op.source.file,
                    op.source.line,
                    Code::ModelBody,
                    format!("the page says `{} {}` takes `{t}`, but the URL model says `{e}`{also}", op.method, op.path),
                );
                label_model(d, walk, space);
                unweighable(d, space, &t, e);
            }
        }
        // Parameters read off an example: the model's type says more.
        Some(Body::Parameters(_)) if op.settled.body.is_some() => {
            op.body = Some(Body::Type(e.clone()));
            op.settled.body = Some(format!(
                "the page describes no body (its example sends some fields); the URL model says `{} {}` takes `{e}`",
                op.method, op.path
            ));
        }
        // A table most of whose names are the resource's lists the resource, or a kind of it
        // (Intune documents one kind of app per page, each table naming that kind's
        // properties): the body is the resource. A table of mostly other names is what the
        // service takes instead (`assignedTo`, `comment` for a secure score control).
        Some(Body::Parameters(ps)) => {
            let props: BTreeSet<String> =
                lineage(types, &e.name).iter().flat_map(|t| t.properties.iter().map(|p| p.name.to_ascii_lowercase())).collect();
            let own = ps.iter().filter(|p| props.contains(&p.name.to_ascii_lowercase())).count();
            if ps.is_empty() || own * 2 < ps.len() {
                return;
            }
            op.body = Some(Body::Type(e.clone()));
            op.settled.body = Some(if own == ps.len() {
                format!("the page's request body table lists properties of `{e}`, which the URL model says the endpoint takes")
            } else {
                format!(
                    "the page's request body table lists {own} of its {} names as properties of `{e}` (the others a kind of it may have); the URL model says the endpoint takes `{e}`",
                    ps.len()
                )
            });
        }
        None if others.iter().any(|o| typed(o).as_ref() == Some(e)) => {
            op.body = Some(Body::Type(e.clone()));
        }
        // The page's example, on another of its request lines, sends only properties of the
        // model's type: that line's body, described by the example, is this line's too.
        None if evidence
            .sent
            .get(&(op.source.file.clone(), op.method))
            .is_some_and(|keys| super::example_body::all_properties_of(types, &e.name, keys)) =>
        {
            op.body = Some(Body::Type(e.clone()));
            op.settled.body = Some(format!(
                "the page describes no body; its example request sends only properties of `{e}`, which the URL model says `{} {}` takes",
                op.method, op.path
            ));
        }
        None => {
            op.body = Some(Body::Type(e.clone()));
            op.settled.body = Some(format!("the page describes no body; the URL model says `{} {}` takes `{e}`", op.method, op.path));
            let d = diags.push(
                &op.source.file,
                op.source.line,
                Code::ModelBody,
                // Pages that say it in words ("supply a name for the section") name no type either.
                format!("the page names no type for the request body of `{} {}`; the URL model says it takes `{e}`", op.method, op.path),
            );
            label_model(d, walk, space);
        }
    }
}

/// The finding just pushed weighed a page's type against the model's; where no page defines the
/// page's type, nothing says how the two relate (a `webApp` no page describes may well be a kind
/// of the `mobileApp` the model expects): its missing page, which GG0501 reports where the type
/// is first used, is the finding, and this one is a note that points there. One name said as
/// one value and as a collection is a contradiction whatever the type holds.
fn unweighable(d: &mut crate::diag::Diagnostic, space: &UrlSpace<'_>, page: &TypeRef, model: &TypeRef) {
    if page.is_primitive() || page.name == model.name || space.types().contains_key(&page.name) {
        return;
    }
    super::unpaged_note(d, &page.name);
}

/// Where the model's last step is declared (the relationship's table row), for a secondary
/// label on a finding that weighs a page against the model.
fn declared(walk: &Walk, space: &UrlSpace<'_>) -> Option<(String, u32)> {
    let (Some(owner), prop) = walk.via.as_ref()? else { return None };
    let chain = lineage(space.types(), owner);
    let p = chain.iter().flat_map(|t| t.properties.iter()).find(|p| &p.name == prop)?;
    Some((p.source.file.clone(), p.source.line))
}

/// Adds the label "the relationship the URL model followed" to a finding, when it has a row.
fn label_model(d: &mut crate::diag::Diagnostic, walk: &Walk, space: &UrlSpace<'_>) {
    if let Some((file, line)) = declared(walk, space) {
        d.also(&file, line, "the relationship the URL model followed");
    }
}

/// How the model got to its answer: the root or relationship the walk took last.
fn via(walk: &Walk, space: &UrlSpace<'_>) -> String {
    match &walk.via {
        Some((Some(owner), prop)) => format!("property `{prop}` of `{owner}`"),
        Some((None, root)) => match space.root(root) {
            Some(r) => format!("root `{}` is {} `{}`", r.name, if r.collection { "a collection of" } else { "one" }, r.r#type),
            None => format!("root `{root}`"),
        },
        None => "its path".to_string(),
    }
}

/// A GET's answer settled against the page (`answer`: `None` keeps the page's): why, in the IR,
/// and the GG0801 that says so, labelled with the model's evidence.
fn read_as<'d>(
    op: &mut Operation,
    answer: Option<TypeRef>,
    settled: String,
    message: String,
    model: (&Walk, &UrlSpace<'_>),
    diags: &'d mut Diags,
) -> &'d mut crate::diag::Diagnostic {
    if let Some(a) = answer {
        op.response.r#type = Some(a);
    }
    op.settled.response = Some(settled);
    let d = diags.push(&op.source.file, op.source.line, Code::ModelAnswer, message);
    label_model(d, model.0, model.1);
    d
}
