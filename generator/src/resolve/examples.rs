//! Each operation's examples against its documented body and response types: keys no table
//! lists, values of the wrong JSON kind, strings outside their enum. The result is stored on
//! each example (`Example::problems`): the findings come from it here, and the emitter reads
//! it to decide what the generated tests compare and ignore.

use crate::conformance::{self, example_json, Checker};
use crate::diag::Diags;
use crate::ir::{lineage, Api, ComplexType, ExamplePart, ExampleProblem, Operation, ProblemKind, Respell, TypeRef};
use std::collections::BTreeMap;

/// Each operation's examples' problems, in operation order; operations are checked in
/// parallel chunks.
pub(super) fn walk(api: &Api) -> Vec<Vec<Vec<Found>>> {
    let checker = Checker::new(api);
    let threads = crate::default_threads();
    let chunk = api.operations.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = api
            .operations
            .chunks(chunk)
            .map(|ops| {
                let checker = &checker;
                (ops.len(), scope.spawn(move || ops.iter().map(|op| operation(checker, op)).collect::<Vec<_>>()))
            })
            .collect();
        // A chunk whose thread panicked loses its findings (one empty list per operation, so
        // the rest stay beside their operations); the run goes on.
        handles.into_iter().flat_map(|(n, h)| h.join().unwrap_or_else(|_| vec![Vec::new(); n])).collect()
    })
}

/// Stores on each example its problems, as [`walk`] found them, and reports the findings
/// among them.
pub fn check(api: &mut Api, found: Vec<Vec<Vec<Found>>>, diags: &mut Diags) {
    // Values joining members with commas make their enums flags; then they are no problem.
    for (p, _, owner) in found.iter().flatten().flatten() {
        if let (crate::ir::ProblemKind::FlagsValue, Some(e)) = (p.kind, owner.as_ref().and_then(|o| api.enums.get_mut(o))) {
            e.flags = true;
        }
    }
    // (holder, row, spelling) → where examples write the spelling.
    let mut spelled: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for (op, problems) in api.operations.iter_mut().zip(found) {
        for (ex, mut problems) in op.examples.iter_mut().zip(problems) {
            problems.retain(|(p, _, _)| p.kind != crate::ir::ProblemKind::FlagsValue);
            // An enum another example showed flags keeps its text as it is: no respelling.
            for (p, _, owner) in problems.iter_mut() {
                if owner.as_ref().and_then(|o| api.enums.get(o)).is_some_and(|e| e.flags) {
                    p.respell = None;
                }
            }
            for (p, at, owner) in &problems {
                let Some(code) = conformance::code(p.kind) else { continue };
                let what = match p.part {
                    ExamplePart::Request => "example request body",
                    ExamplePart::Response => "example response",
                };
                let source = source_of(ex, p.part);
                if let Some(source) = source {
                    let d = diags.push(&source.file, source.line, code, format!("{what}: {}", p.message)).json_path(at.as_str());
                    // A key no table lists may be a row missing on the type's page, or one
                    // spelled in another case there (`innerError` for `innererror`): that row.
                    if let Some(t) = owner.as_ref().and_then(|o| api.types.get(o)) {
                        let key = at.rsplit('.').next().unwrap_or_default().split('[').next().unwrap_or_default();
                        // A value in the other shape than its row: that row.
                        let row = t.properties.iter().find(|q| q.name == key && p.kind == ProblemKind::WrongType);
                        match row.or_else(|| t.properties.iter().find(|q| q.name != key && q.name.eq_ignore_ascii_case(key))) {
                            Some(row) => d.also(&row.source.file, row.source.line, format!("the row of `{}`", row.name)),
                            None => {
                                let (file, line) = table_of(t);
                                d.also(file, line, format!("the properties of `{}`", t.name))
                            }
                        };
                    }
                }
            }
            for (p, _, owner) in &problems {
                let (Some(r), Some(owner)) = (p.respell.as_ref().filter(|r| r.key), owner) else { continue };
                let Some(holder) = lineage(&api.types, owner).into_iter().find(|t| t.properties.iter().any(|q| q.name == r.text)) else {
                    continue;
                };
                let key = r.path.rsplit('.').next().unwrap_or_default().to_string();
                let place = source_of(ex, p.part).map(|s| format!("{}:{}", s.file, s.line)).unwrap_or_default();
                spelled.entry((holder.name.clone(), r.text.clone(), key)).or_default().push(place);
            }
            ex.problems = problems.into_iter().map(|(p, _, _)| p).collect();
        }
    }
    // A key the examples write in another letter case than the row is read as the row too: an
    // answer spelled so fills the field, and goes back as the row spells it (which the request
    // bodies keep: the row, its JSON representation and other pages outweigh one page's example).
    for ((holder, row, key), places) in spelled {
        let Some(t) = api.types.get_mut(&holder) else { continue };
        let n = places.len();
        let examples = if n == 1 { "1 example writes".to_string() } else { format!("{n} examples write") };
        let first = places.first().map(String::as_str).unwrap_or_default();
        let why = format!("{examples} `{key}` (first at {first}); the row says `{row}`");
        t.settled.also_read.entry(row).or_default().insert(key, why);
    }
}

/// Where the part of an example a problem is in starts.
fn source_of(ex: &crate::ir::Example, part: ExamplePart) -> Option<&crate::ir::Source> {
    match part {
        ExamplePart::Request => ex.request.as_ref().map(|r| &r.source),
        ExamplePart::Response => ex.response.as_ref().map(|r| &r.source),
    }
}

/// A problem, the path of its key in the example's text, and the type whose table lacks the key.
pub(super) type Found = (ExampleProblem, String, Option<String>);

/// Where a type's properties are listed: its first own row, else its page's annotation or title.
pub fn table_of(t: &ComplexType) -> (&str, u32) {
    // The table's first row: a key no row lists is placed at the representation, further down.
    match t.properties.iter().filter(|p| !p.navigation && p.source.file == t.source.file).min_by_key(|p| p.source.line) {
        Some(p) => (&p.source.file, p.source.line),
        None => (&t.source.file, t.source.line),
    }
}

/// The problems of each of an operation's examples: a request body when the example calls this
/// operation, a success answer the operation reads as JSON. Each comes with the path of its key
/// in the example's text, which the finding points at.
pub(super) fn operation(checker: &Checker<'_>, op: &Operation) -> Vec<Vec<Found>> {
    op.examples
        .iter()
        .map(|ex| {
            let mut out = Vec::new();
            // An example that calls another path than the operation's is not an example of it
            // (GG0403 says so): its answer is that path's, which may be another type entirely.
            let calls_this = ex.request.as_ref().is_none_or(|req| op.called_by(req));
            // A stream body is bytes of any content: a JSON example is that content (a user flow
            // page's overrides put to its `$value`), no value of a type to check.
            let stream = matches!(&op.body, Some(crate::ir::Body::Type(t)) if t.is_stream());
            if let (Some(req), Some(body)) = (&ex.request, op.body.as_ref().filter(|_| !stream)) {
                if let Some(j) = req.body.as_ref().and_then(example_json).filter(|_| calls_this) {
                    let (_, found) = conformance::request_body(checker, body, &j);
                    out.extend(found.into_iter().map(|p| (problem(ExamplePart::Request, &p), p.path, p.owner)));
                }
            }
            if let (Some(resp), Some(t)) = (&ex.response, &op.response.r#type) {
                let readable = (200..300).contains(&resp.status) && op.response.status != 204 && t.name != crate::ir::primitive::STREAM;
                if let Some(j) = resp.body.as_ref().and_then(example_json).filter(|_| readable && calls_this) {
                    let kind = shown_kind(checker, t, resp.annotated.as_deref());
                    let t = kind.as_ref().unwrap_or(t);
                    let wrapped = conformance::response_wrapped(checker.api(), t, &j);
                    let value = conformance::response_value(checker.api(), t, j);
                    let (_, found) = conformance::response_body(checker, t, &value);
                    // A wrapped value is named by its path in the whole answer (`$.value.name`),
                    // in the message as in the finding's JSON path, as a page's items are
                    // (`conformance::under`); the kept problem's respelling keeps the unwrapped
                    // value's path, which is what the generated test respells.
                    let whole = |at: &str| if wrapped { format!("$.value{}", at.strip_prefix('$').unwrap_or(at)) } else { at.to_string() };
                    out.extend(found.into_iter().map(|mut p| {
                        if p.message.starts_with('$') {
                            p.message = whole(&p.message);
                        }
                        let kept = problem(ExamplePart::Response, &p);
                        (kept, whole(&p.path), p.owner)
                    }));
                }
            }
            out
        })
        .collect()
}

/// What the IR keeps of a problem found in one part of an example.
fn problem(part: ExamplePart, p: &conformance::Problem) -> ExampleProblem {
    let key = matches!(p.kind, ProblemKind::UnknownProperty | ProblemKind::UnderUnknownType);
    let respell = match p.kind {
        ProblemKind::LoneValue => Some(Respell { path: p.path.clone(), text: String::new(), key: false, wrap: true }),
        _ => p.respell.clone().map(|text| Respell { path: p.path.clone(), text, key, wrap: false }),
    };
    ExampleProblem { part, kind: p.kind, message: p.message.clone(), respell }
}

/// The kind an example's annotation names where it derives from what the call answers (a
/// `room` of a GET answering `place`): its elements are judged as that kind, as a reader
/// told by their `@odata.type` would take them.
fn shown_kind(checker: &Checker<'_>, answer: &TypeRef, annotated: Option<&str>) -> Option<TypeRef> {
    let named = annotated?.trim();
    let named = named.strip_prefix("Collection(").and_then(|n| n.strip_suffix(')')).unwrap_or(named);
    let kind = checker.tagged(named)?;
    let derived = kind.name != answer.name && lineage(&checker.api().types, &kind.name).iter().skip(1).any(|b| b.name == answer.name);
    derived.then(|| TypeRef { name: kind.name.clone(), collection: answer.collection })
}
