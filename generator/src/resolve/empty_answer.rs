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
    let empty = !responses.is_empty() && responses.iter().all(|r| bodiless(r));
    let Some(t) = answer.as_ref().filter(|_| method != HttpMethod::Get && matches!(status, 200 | 201) && empty) else {
        return (status, answer, None);
    };
    let shown = if responses.len() == 1 { "its response example answers" } else { "each of its response examples answers" };
    let why = format!("the response sentence says `{status}` and a `{t}`, but {shown} `204 No Content` with no body: read as no content");
    let d = diags.push(&at.file, if line > 0 { line } else { at.line }, Code::ResponseMismatch, why.clone());
    d.also(&responses[0].source.file, responses[0].source.line, "the response example");
    (204, None, Some(why))
}

/// An answer of `204 No Content` with no body and no annotated type.
fn bodiless(r: &crate::ir::ExampleResponse) -> bool {
    r.status == 204 && r.body.is_none() && r.annotated.is_none()
}

/// A `202 Accepted` that answers no body: the work goes on after the answer, and the
/// `Location` (or `Operation-Location`) header leads to the operation to poll. Its type is the
/// one a sentence about that header links, else the answer the page names where each response
/// example of the operation answers `202` with no body ("a `202 Accepted` response containing a
/// link to the [teamsAsyncOperation]"): the examples show what the service sends, and reading
/// a body there would turn every success into an error. Returns the answer type to keep, the
/// type the header addresses, and why when they changed.
///
/// Where neither names a type but the page or its examples give the header (a file copy's
/// monitor, "The value of the `Location` header provides a URL for a service that will return
/// the current state of the copy operation"), what it addresses is read as any JSON.
pub fn accepted(status: u16, answer: Option<TypeRef>, (linked, said): (Option<TypeRef>, bool), examples: &[Example]) -> Accepted {
    let responses: Vec<_> = examples.iter().filter_map(|e| e.response.as_ref()).collect();
    // An annotation naming the operation's type (`"@odata.type": "...teamsAsyncOperation"`) on a
    // fence with no body still shows no body.
    let bodiless = !responses.is_empty() && responses.iter().all(|r| r.status == 202 && r.body.is_none());
    // An example showing a body (the operation itself, a call's `commsOperation`) is what the
    // service sends: read it, whatever the prose says of the header.
    if status != 202 || responses.iter().any(|r| r.body.is_some()) {
        return (answer, None, None);
    }
    let shown = if responses.len() == 1 { "its response example answers" } else { "each of its response examples answers" };
    match (answer, linked) {
        // The answer is what the header sentence links (`printerCreateOperation`), or none is named.
        (a, Some(m)) if a.is_none() || a.as_ref() == Some(&m) || bodiless => {
            let why =
                format!("`202 Accepted`: the page says the `Location` header leads to the `{m}` that tracks the work; no body is read");
            (None, Some(m), Some(why))
        }
        (Some(a), _) if bodiless => {
            // A primitive is no operation to poll (a schema's `Edm.String`): no body, nothing to read there.
            let leads = if a.is_primitive() { "read as no body" } else { "the `Location` header leads to it" };
            let why = format!("the page names `{a}` for a `202 Accepted`, and {shown} `202` with no body: {leads}");
            let monitor = (!a.is_primitive()).then_some(a);
            (None, monitor, Some(why))
        }
        (None, None)
            if said || responses.iter().any(|r| r.headers.iter().any(|(k, _)| crate::frontend::phrases::is_location_header(k))) =>
        {
            let how = if said {
                "the page says its `Location` header leads to the work's state"
            } else {
                "its example gives a `Location` header"
            };
            let why = format!("`202 Accepted` with no body: {how}, of no type the page names; read as any JSON");
            (None, Some(TypeRef { name: "Edm.Untyped".into(), collection: false }), Some(why))
        }
        (a, _) => (a, None, None),
    }
}

/// Why a `202` is asked for, added to the monitor's why.
pub const ASKED: &str = "every example request asks for it with `Prefer: respond-async`, which the request sends";

/// Every example request of the operation asks for the answer before the work is done
/// (`Prefer: respond-async`); there is at least one.
pub fn asks_async(examples: &[Example]) -> bool {
    let requests: Vec<_> = examples.iter().filter_map(|e| e.request.as_ref()).collect();
    let asks = |(k, v): &(String, String)| k.eq_ignore_ascii_case("prefer") && v.to_ascii_lowercase().contains("respond-async");
    !requests.is_empty() && requests.iter().all(|r| r.headers.iter().any(asks))
}

/// The answer type, what a `202 Accepted`'s `Location` addresses, and why they were settled so.
pub type Accepted = (Option<TypeRef>, Option<TypeRef>, Option<String>);

/// A write that answers a body by its response sentence, to which another page's examples
/// send exactly its request (an update page's `PATCH /organization/{id}/branding`, while its
/// block lists only `/branding/{property name}`: GG0403 there), the sentence covering a line
/// its own page shows no example of. Where every answer shown, those examples' and its own
/// examples', is `204 No Content` with no body, it is read as no content and reported
/// (GG0504), as [`settle`] does with its own examples alone: the examples are what the
/// service sent, and reading a body where none comes turns a write that succeeded into an
/// error. An example of its own answering a body keeps the sentence's answer.
pub(super) fn sent_elsewhere(ops: &mut [crate::ir::Operation], other: &[super::example_owner::OtherPath], diags: &mut Diags) {
    for op in ops.iter_mut().filter(|op| op.method != HttpMethod::Get && matches!(op.response.status, 200 | 201)) {
        let Some(t) = op.response.r#type.as_ref() else { continue };
        let shown: Vec<_> = other.iter().filter(|o| o.sends(op)).filter_map(|o| o.answer()).collect();
        let own: Vec<_> =
            op.examples.iter().filter(|e| e.request.as_ref().is_none_or(|r| op.called_by(r))).filter_map(|e| e.response.as_ref()).collect();
        if shown.is_empty() || !shown.iter().chain(&own).all(|r| bodiless(r)) {
            continue;
        }
        let places: Vec<String> = shown.iter().map(|r| format!("{}:{}", r.source.file, r.source.line)).collect();
        let sent = if shown.len() == 1 { "an example of another page sends" } else { "examples of another page send" };
        let why = format!(
            "the response sentence says `{}` and a `{t}`, but {sent} exactly this request and answer `204 No Content` with no body ({}): read as no content",
            op.response.status,
            places.join(", ")
        );
        let d = diags.push(&op.source.file, op.source.line, Code::ResponseMismatch, why.clone());
        for r in &shown {
            d.also(&r.source.file, r.source.line, "the example's response");
        }
        op.response.status = 204;
        op.response.r#type = None;
        op.settled.response = Some(why);
    }
}
