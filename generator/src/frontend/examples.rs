//! Example fences, annotated or not, found by their first line: `METHOD url` for requests,
//! `HTTP/1.1 NNN` for responses. Requests and responses are paired in page order. A bare JSON
//! fence (no status line) answers the request before it when the page calls it the response:
//! an annotation saying `"blockType": "response"`, or prose since the request that says
//! "response"; its status is the one the response sentence names. So does a JSON fence in the
//! `## Response` section of a page that shows no example before it.

use super::annotation::{self, Annotations};
use super::http::{is_graph_url, request_line, response_status, split_query, strip_service_root};
use super::json::{self, Parsed};
use super::markdown::Block;
use super::page::{Page, SectionKind};
use super::placeholder;
use crate::diag::{Code, Diags};
use crate::ir::{Example, ExampleBody, ExampleRequest, ExampleResponse, Source};

/// A page's examples, and the response type the first annotated response example names.
pub struct Examples {
    /// Request and response fences, paired in page order.
    pub examples: Vec<Example>,
    /// `@odata.type` of the first response annotation (`Collection(x)` for `isCollection`),
    /// with the annotation's line.
    pub annotated: Option<(String, u32)>,
}

/// Every request and response fence of the page, the request section's aside, paired in order.
/// `status` is what a bare JSON response fence answers (the response sentence's status).
pub fn read(page: &Page, anns: &Annotations, status: u16, diags: &mut Diags) -> Examples {
    let mut out: Vec<Example> = Vec::new();
    let mut annotated: Option<(String, u32)> = None;
    for section in page.sections() {
        if section.kind == SectionKind::HttpRequest {
            continue;
        }
        let mut ann = None;
        let mut ann_line = 0;
        // Prose since the last request example calls what follows the response.
        let mut said_response = false;
        // The last request fence was a pointer (see below): its answer tells no answer type.
        let mut after_pointer = false;
        // A fence of response headers alone, shown before the response's own fence.
        let mut loose: Vec<(String, String)> = Vec::new();
        for b in section.blocks {
            match b {
                Block::Para { text, .. } | Block::Heading { text, .. } => {
                    said_response |= text.plain().to_ascii_lowercase().contains("response");
                }
                Block::Comment { line, .. } => {
                    if let Some(a) = anns.of(b) {
                        ann = Some(a);
                        ann_line = *line;
                    }
                }
                Block::Code { text, line, info } => {
                    let a = ann.take();
                    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
                    let name = a.as_ref().and_then(|a| annotation::string(a, "name")).unwrap_or_default();
                    let awaits_answer = out.last().is_some_and(|e| e.request.is_some() && e.response.is_none());
                    let called_response = a.as_ref().and_then(|a| annotation::string(a, "blockType")).as_deref() == Some("response");
                    // A fence marked as another language (`http` around headers) is no JSON body.
                    let json_fence = matches!(info.as_str(), "" | "json" | "javascript");
                    // The `## Response` section's own JSON fence, where the page shows no example
                    // (`driveItem: preview` gives the answer's shape and a table of its keys): an
                    // answer to no request of its own, read as the operation's.
                    let shape_only = section.kind == SectionKind::Response && info == "json" && out.is_empty();
                    let bare = (awaits_answer && (said_response || called_response) || shape_only) && json_fence && looks_like_json(text);
                    // A request the docs' own tooling skips (`"blockType": "ignored"`) under a
                    // heading that is no example (Remarks: "to read the shared item, call ..."):
                    // kept, but maybe a pointer to another API rather than a call of this page's.
                    let ignored = a.as_ref().and_then(|a| annotation::string(a, "blockType")).as_deref() == Some("ignored");
                    let pointer = ignored && !section.name.contains("example") && !section.name.contains("request");
                    if let Some((method, target)) = request_line(first) {
                        said_response = false;
                        loose.clear();
                        let (headers, body) = message(text, true, &page.file, *line, diags);
                        let (p, q) = split_query(&strip_service_root(target));
                        if let Some(v) = super::http::misspelled_version(target) {
                            let why = format!("the example's URL names the version `{v}`, which the service does not serve (`v1.0`, `beta`); read without it");
                            diags.push(&page.file, *line, crate::diag::Code::ExamplePath, why).token(v);
                        }
                        let path = match q {
                            Some(q) => format!("{p}?{q}"),
                            None => p,
                        };
                        let source = Source { file: page.file.clone(), line: *line };
                        let external = !is_graph_url(target);
                        after_pointer = pointer;
                        let request = ExampleRequest { source, method, path, external, pointer, headers, body };
                        out.push(Example { name, request: Some(request), response: None, problems: Vec::new() });
                    } else if let Some((status, start_line)) = response_status(first).map(|s| (s, true)).or(bare.then_some((status, false)))
                    {
                        let (mut headers, body) = message(text, start_line, &page.file, *line, diags);
                        for (k, v) in loose.drain(..) {
                            if !headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(&k)) {
                                headers.push((k, v));
                            }
                        }
                        let truncated = a.as_ref().is_some_and(|a| annotation::flag(a, "truncated"));
                        // The answer of a pointer is another API's: its annotation names no
                        // answer of this page's.
                        let mut kind = None;
                        if let Some(a) = a.as_ref().filter(|_| !(after_pointer && ignored)) {
                            // Some pages write `@type` (ApiDoctor's older key) for the same thing.
                            let named = annotation::string(a, "@odata.type").or_else(|| annotation::string(a, "@type"));
                            if let Some(t) = named.filter(|t| !t.starts_with("requestBodyResourceFor")) {
                                // `"isCollection": true` marks a collection of the named type.
                                let many = annotation::flag(a, "isCollection") && !t.to_ascii_lowercase().starts_with("collection(");
                                kind = Some(t.clone());
                                annotated.get_or_insert((if many { format!("Collection({t})") } else { t }, ann_line));
                            }
                        }
                        let source = Source { file: page.file.clone(), line: *line };
                        let resp = ExampleResponse { source, status, headers, body, truncated, annotated: kind };
                        match out.last_mut() {
                            Some(ex) if ex.response.is_none() => ex.response = Some(resp),
                            _ => out.push(Example { name, request: None, response: Some(resp), problems: Vec::new() }),
                        }
                    } else if let Some(h) = location_headers(text) {
                        loose = h;
                    }
                }
                _ => {}
            }
        }
    }
    Examples { examples: out, annotated }
}

/// A fence of nothing but `Name: value` lines, one of them `Location`, maybe in braces
/// (exportPersonalData shows `{ Location: https://graph.../dataPolicyOperations/{id} }` apart
/// from its `HTTP/1.1 202 Accepted` fence): the headers of the response that follows.
fn location_headers(text: &str) -> Option<Vec<(String, String)>> {
    let mut headers = Vec::new();
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty() && *l != "{" && *l != "}") {
        let (k, v) = l.split_once(':')?;
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || v.trim().is_empty() {
            return None;
        }
        headers.push((k.to_string(), v.trim().to_string()));
    }
    headers.iter().any(|(k, _)| super::phrases::is_location_header(k)).then_some(headers)
}

/// A body that starts like JSON and is not a `{Raw bytes of the file}` placeholder for a
/// binary body (brackets around prose, with no quote or colon).
pub fn looks_like_json(body: &str) -> bool {
    let b = body.trim_start();
    let prose = !b.contains('"') && !b.contains(':') && b.chars().any(char::is_alphabetic);
    (b.starts_with('{') || b.starts_with('[')) && !prose
}

/// Headers (until a line that is not `Name: value`; blank lines between them allowed) and the
/// body after them; after the start line (`GET url`, `HTTP/1.1 200 OK`) when `start_line`.
fn message(text: &str, start_line: bool, file: &str, line: u32, diags: &mut Diags) -> (Vec<(String, String)>, Option<ExampleBody>) {
    let mut headers = Vec::new();
    let mut offset = 0;
    let mut seen_first = !start_line;
    let mut body_start = text.len();
    let mut body_line = line;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        let t = l.trim();
        if !seen_first || t.is_empty() {
            seen_first |= !t.is_empty();
            offset += l.len();
            continue;
        }
        match t.split_once(':') {
            Some((k, v)) if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
                headers.push((k.to_string(), v.trim().to_string()));
                offset += l.len();
            }
            _ => {
                body_start = offset;
                body_line = line + 1 + u32::try_from(i).unwrap_or(0);
                break;
            }
        }
    }
    let body = text.get(body_start.min(text.len())..).unwrap_or("").trim();
    if body.is_empty() {
        return (headers, None);
    }
    // A declared non-JSON content type (zip, octet-stream, text) keeps the body as text.
    let content_type = crate::ir::content_type(&headers);
    if content_type.as_ref().is_some_and(|ct| !ct.contains("json")) || !looks_like_json(body) {
        return (headers, Some(ExampleBody::Text(body.to_string())));
    }
    match json::parse(body) {
        Ok((v, how)) => {
            if let Parsed::Repaired(first) = how {
                // At the line where a strict reader stops (a missing comma is found at the key
                // after it), saying what it expected there.
                let at = u32::try_from(first.line.saturating_sub(1)).ok().and_then(|l| body_line.checked_add(l)).unwrap_or(body_line);
                diags.push(
                    file,
                    at,
                    Code::ExampleRepaired,
                    format!("example JSON needed repair: {} here; read as repaired", first.reason()),
                );
            }
            if placeholder::is_template(&v) {
                (headers, Some(ExampleBody::Template(v)))
            } else {
                (headers, Some(ExampleBody::Json(v)))
            }
        }
        Err(e) => {
            // The error's own line of the body, when the repair kept it.
            let line = u32::try_from(e.line.saturating_sub(1)).ok().and_then(|l| body_line.checked_add(l)).filter(|_| e.line > 0);
            let d = diags.push(file, line.unwrap_or(body_line), Code::ExampleJson, format!("example body is not JSON: {e}"));
            if line.is_some() && e.column > 0 {
                d.span(e.column - 1, e.column);
            }
            (headers, Some(ExampleBody::Text(body.to_string())))
        }
    }
}
