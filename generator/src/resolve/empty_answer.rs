//! A write whose response sentence names an object that none of its examples shows: every
//! response example of the operation answers `204 No Content` with no body, and no response
//! annotation names a type. The sentence is the pages' template ("returns a `200 OK` response
//! code and an updated [x](x.md) object"); the examples are what the service sent. Reading a
//! body where none comes would turn a write that succeeded into an error, while reading none
//! where one comes loses nothing the caller sent: read as no content, and reported (GG0504).

use crate::diag::{Code, Diags};
use crate::ir::{Example, HttpMethod, Source, TypeRef};

/// The status and answer type to keep, and why when they were changed.
pub fn settle(
    method: HttpMethod,
    (status, answer): (u16, Option<TypeRef>),
    examples: &[Example],
    (at, line): (&Source, u32),
    diags: &mut Diags,
) -> (u16, Option<TypeRef>, Option<String>) {
    let responses: Vec<_> = examples.iter().filter_map(|e| e.response.as_ref()).collect();
    let empty = !responses.is_empty() && responses.iter().all(|r| r.status == 204 && r.body.is_none() && r.annotated.is_none());
    let Some(t) = answer.as_ref().filter(|_| method != HttpMethod::Get && matches!(status, 200 | 201) && empty) else {
        return (status, answer, None);
    };
    let shown = if responses.len() == 1 { "its response example answers" } else { "each of its response examples answers" };
    let why = format!("the response sentence says `{status}` and a `{t}`, but {shown} `204 No Content` with no body: read as no content");
    let d = diags.push(&at.file, if line > 0 { line } else { at.line }, Code::ResponseMismatch, why.clone());
    d.also(&responses[0].source.file, responses[0].source.line, "the response example");
    (204, None, Some(why))
}
