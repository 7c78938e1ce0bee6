//! A GET page whose example reads a relationship of what its request block answers
//! (`shares-get.md`: the block lists `GET /shares/{id}`, answering a `sharedDriveItem`; an
//! example, "by requesting the **driveItem** relationship", calls `/shares/{id}/driveItem`).
//! OData serves a GET of any navigation property of an entity it serves, so the example is no
//! slip of the URL: the page's endpoint with the relationship is an endpoint of its own, beside
//! the one the block lists, answering the relationship's type. Both pieces of evidence are
//! required: the example's path, one segment past a listed GET, and the answer type's
//! relationships table listing that segment. A segment no relationship names (a property, a
//! typo) leaves the example to GG0403.

use super::index::Index;
use crate::frontend::facts::{RawBody, RawOperation, RawResponse};
use crate::ir::{lineage, ComplexType, HttpMethod, Property, TypeRef};
use crate::path::PathTemplate;
use std::collections::{BTreeMap, BTreeSet};

/// The endpoints a page's GET examples read a relationship at: for each example calling no
/// listed path, whose path is a listed GET's and one literal segment more, naming a
/// relationship of that GET's answer type, every listed GET of the page answering the same type
/// gains the relationship's path.
pub fn added(
    page: &[RawOperation],
    listed: &BTreeSet<(HttpMethod, String)>,
    types: &BTreeMap<String, ComplexType>,
    index: &Index,
) -> Vec<RawOperation> {
    let Some(first) = page.first() else { return Vec::new() };
    let gets: Vec<(&RawOperation, TypeRef)> =
        page.iter().filter(|o| o.method == HttpMethod::Get).filter_map(|o| Some((o, answer(o, index)?))).collect();
    let mut added: Vec<RawOperation> = Vec::new();
    for req in first.examples.iter().filter_map(|e| e.request.as_ref()).filter(|r| r.method == HttpMethod::Get) {
        let path = req.path.split('?').next().unwrap_or("").trim_end_matches('/');
        if page.iter().any(|o| o.method == req.method && o.path.matches(path).is_some()) {
            continue;
        }
        let Some((bare, segment)) = path.rsplit_once('/') else { continue };
        if segment.is_empty() || !segment.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let Some((_, answer)) = gets.iter().find(|(o, _)| o.path.matches(bare).is_some()) else { continue };
        let Some(rel) = relationship(types, &answer.name, segment) else { continue };
        for (o, t) in unlisted(&gets, answer, &rel.name, listed, &added) {
            added.push(endpoint(o, t, answer, rel));
        }
    }
    added
}

/// The endpoints a GET page's examples read one segment short of its request line: where the
/// line ends in a parameter (`GET /organization/{id}/branding/{property name}`), an example
/// calls the path without it (`/organization/{id}/branding`), and other pages document writes
/// at exactly that path (`PATCH`, `PUT`, `DELETE /organization/{id}/branding`), the path is
/// read too, answering what the page says. Three pieces of evidence: the example, the writes'
/// pages, and the page's answer. Where another page creates at that path instead (`POST
/// /organization/{id}/branding/localizations`, beside the page's `GET .../localizations/{locale}`),
/// the path is a collection and the example its list: read as a collection of the page's answer.
pub fn parent_added(page: &[RawOperation], listed: &BTreeSet<(HttpMethod, String)>, index: &Index) -> Vec<RawOperation> {
    let Some(first) = page.first() else { return Vec::new() };
    let mut added: Vec<RawOperation> = Vec::new();
    for req in first.examples.iter().filter_map(|e| e.request.as_ref()).filter(|r| r.method == HttpMethod::Get) {
        let path = req.path.split('?').next().unwrap_or("").trim_end_matches('/');
        if page.iter().any(|o| o.method == req.method && o.path.matches(path).is_some()) {
            continue;
        }
        for o in page.iter().filter(|o| o.method == HttpMethod::Get) {
            let Some((bare, last)) = o.path.as_str().rsplit_once('/') else { continue };
            if !(last.starts_with('{') && last.ends_with('}')) {
                continue;
            }
            let (t, problems) = PathTemplate::parse(bare);
            let key = t.as_str().to_ascii_lowercase();
            let written = [HttpMethod::Patch, HttpMethod::Put, HttpMethod::Delete].iter().any(|m| listed.contains(&(*m, key.clone())));
            let created = listed.contains(&(HttpMethod::Post, key.clone()));
            let known = listed.contains(&(HttpMethod::Get, key.clone())) || added.iter().any(|a| a.path == t);
            let Some(answer) = answer(o, index) else { continue };
            if !problems.is_empty() || !(written || created) || known || t.matches(path).is_none() {
                continue;
            }
            let mut new = o.clone();
            new.documented = t.as_str().to_string();
            new.path_settled = Some(match written {
                true => format!(
                    "an example of the page reads `{t}`, which other pages write (`PATCH`, `PUT` or `DELETE`), one segment short of `{}`: read as the page's `{answer}`",
                    o.path
                ),
                false => {
                    // The page's words and annotation speak of one item; the list is of those.
                    let list = TypeRef { collection: true, ..answer.clone() };
                    new.response = RawResponse { annotated: Some(list.to_string()), stated: None, worded: None, ..o.response.clone() };
                    format!(
                        "an example of the page reads `{t}`, where another page creates (`POST`), one segment short of `{}`: read as the list of the page's `{answer}`",
                        o.path
                    )
                }
            });
            new.path = t;
            new.query = None;
            new.examples = Vec::new();
            added.push(new);
        }
    }
    added
}

/// What a listed GET answers, by its response annotation, else its sentence: one entity only
/// (a collection's items have relationships one key further on).
fn answer(o: &RawOperation, index: &Index) -> Option<TypeRef> {
    let r = &o.response;
    let t = match (&r.annotated, &r.stated) {
        (Some(a), _) => {
            let t = TypeRef::parse(a);
            TypeRef { name: index.lookup(&t.name, &o.namespace)?, collection: t.collection }
        }
        (None, Some(s)) => TypeRef { name: index.name_of(s, &o.namespace).ok()?, collection: s.collection },
        (None, None) => return None,
    };
    (!t.collection).then_some(t)
}

/// The relationship of `type_name` (or of a type it derives from) spelled `segment`, letter
/// case aside.
fn relationship<'a>(types: &'a BTreeMap<String, ComplexType>, type_name: &str, segment: &str) -> Option<&'a Property> {
    lineage(types, type_name).into_iter().flat_map(|t| &t.properties).find(|p| p.navigation && p.name.eq_ignore_ascii_case(segment))
}

/// The listed GET with the relationship: its page's permissions, headers and parameters, the
/// relationship's type as its answer, no body.
fn endpoint(o: &RawOperation, path: PathTemplate, answer: &TypeRef, rel: &Property) -> RawOperation {
    let mut new = o.clone();
    new.documented = path.as_str().to_string();
    new.path = path;
    new.query = None;
    new.examples = Vec::new();
    new.body = RawBody::None;
    new.body_settled = None;
    new.response = RawResponse {
        annotated: Some(rel.r#type.to_string()),
        example_status: o.response.example_status,
        status: o.response.status,
        ..RawResponse::default()
    };
    new.path_settled = Some(format!(
        "an example of the page reads `{}` of what `{}` answers: the `{}` relationships table lists it, as {}",
        rel.name, o.path, answer.name, rel.r#type
    ));
    new
}

/// The listed GETs of a page answering `answer`, each with `segment` appended, where no page
/// lists that path and no endpoint added so far has it.
fn unlisted<'a>(
    gets: &[(&'a RawOperation, TypeRef)],
    answer: &TypeRef,
    segment: &str,
    listed: &BTreeSet<(HttpMethod, String)>,
    added: &[RawOperation],
) -> Vec<(&'a RawOperation, PathTemplate)> {
    let mut out: Vec<(&RawOperation, PathTemplate)> = Vec::new();
    for (o, _) in gets.iter().filter(|(_, a)| a == answer) {
        let (t, problems) = PathTemplate::parse(&format!("{}/{segment}", o.path));
        let known = listed.contains(&(o.method, t.as_str().to_ascii_lowercase()));
        if problems.is_empty() && !known && !added.iter().any(|a| a.path == t) && !out.iter().any(|(_, u)| *u == t) {
            out.push((o, t));
        }
    }
    out
}

/// The raw bytes of what a GET page reads, where an example reads them
/// (`chatmessagehostedcontent-get.md`: the block lists `GET /chats/{id}/messages/{id}/
/// hostedContents/{id}`; its second example calls that path's `$value` and answers
/// `image/png` with no body). OData serves a media entity's stream at `$value`; the example's
/// answer being no JSON (a content type that is not JSON, or no body) is the second piece of
/// evidence. Every listed GET of the page answering the same one type as the GET the example
/// extends gains its `$value`, answering bytes.
pub fn value_added(page: &[RawOperation], listed: &BTreeSet<(HttpMethod, String)>, index: &Index) -> Vec<RawOperation> {
    let Some(first) = page.first() else { return Vec::new() };
    // Most pages read no `$value`: no lookups of their answers then.
    let reads_value = |e: &crate::ir::Example| {
        e.request.as_ref().is_some_and(|r| r.path.split('?').next().unwrap_or("").trim_end_matches('/').ends_with("/$value"))
    };
    if !first.examples.iter().any(reads_value) {
        return Vec::new();
    }
    let gets: Vec<(&RawOperation, TypeRef)> =
        page.iter().filter(|o| o.method == HttpMethod::Get).filter_map(|o| Some((o, answer(o, index)?))).collect();
    let mut added: Vec<RawOperation> = Vec::new();
    for ex in &first.examples {
        let (Some(req), Some(resp)) = (&ex.request, &ex.response) else { continue };
        let path = req.path.split('?').next().unwrap_or("").trim_end_matches('/');
        let Some(bare) = path.strip_suffix("/$value").filter(|_| req.method == HttpMethod::Get) else { continue };
        // A content type other than JSON says bytes whatever the fence shows after it (beta's
        // `image/jpeg` over a placeholder object); without one, an answer with no body does.
        let bytes = crate::ir::content_type(&resp.headers).map_or(resp.body.is_none(), |t| !t.contains("json"));
        if !bytes || page.iter().any(|o| o.method == req.method && o.path.matches(path).is_some()) {
            continue;
        }
        let Some((extended, answer)) = gets.iter().find(|(o, _)| o.path.matches(bare).is_some()) else { continue };
        for (o, t) in unlisted(&gets, answer, "$value", listed, &added) {
            let mut new = o.clone();
            new.documented = t.as_str().to_string();
            new.path = t;
            new.query = None;
            new.examples = Vec::new();
            new.response = RawResponse { example_status: Some(resp.status), status: Some(resp.status), ..RawResponse::default() };
            // The page describes the object; this reads its bytes, as the page's example does.
            let name = answer.name.rsplit('.').next().unwrap_or(&answer.name);
            new.description = vec![format!("The raw bytes of the {name} (`$value`), as an example of the page reads them; the response's `Content-Type` says what they are.")];
            new.path_settled = Some(format!(
                "an example of the page reads `$value` of what `{}` answers, and its answer is no JSON: the raw bytes of the `{answer}`, as OData serves a media entity's",
                extended.path
            ));
            added.push(new);
        }
    }
    added
}
