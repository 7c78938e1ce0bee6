//! API pages of both dialects: HTTP request block, request body, response, examples.

use super::annotation::Annotations;
use super::body_elsewhere;
use super::examples;
use super::facts::{QueryOptions, RawBody, RawOperation, RawProperty, RawResponse};
use super::http::status_in;
use super::markdown::{Block, Inline, Inlines};
use super::page::{named_blocks, Page, Section, SectionKind};
use super::phrases;
use super::request_block;
use super::resource;
use super::typecell::{self, BaseExpr, TypeExpr};
use crate::diag::Diags;
use crate::ir::{RequestHeader, Source};

/// The endpoints an API page documents, each with what the rest of the page says about it.
pub fn read(page: &Page, anns: &Annotations, diags: &mut Diags) -> Vec<RawOperation> {
    let sections = page.sections();
    let Some(endpoints) = request_block::endpoints_of(page, &sections, diags) else {
        return Vec::new();
    };
    let body_section = named_blocks(page, &sections, SectionKind::RequestBody).or_else(|| body_sentence_elsewhere(&sections));
    let body = body(body_section, &page.file, diags);
    let mut response = response(named_blocks(page, &sections, SectionKind::Response));
    let read = examples::read(page, anns, response.status.unwrap_or(200), diags);
    let mut examples = read.examples;
    // A POST's body parameters in a table under another heading (`## Parameters`).
    let methods: Vec<_> = endpoints.iter().map(|e| e.method).collect();
    let elsewhere = body_elsewhere::read(page, body_section, &body, &examples, &methods, diags);
    if response.annotated.is_none() {
        if let Some((t, line)) = read.annotated {
            response.annotated = Some(t);
            response.annotated_line = line;
        }
    }
    response.example_status = examples.iter().find_map(|e| e.response.as_ref().map(|r| r.status));
    // The intro: before the first H2 (the part before the H1 is empty on most pages).
    let subject = sections.iter().filter(|s| s.kind == SectionKind::Intro).find_map(|s| subject(s.blocks));
    let product = page.product();
    let (query_options, query_parameters, path_parameters) = parameter_sections(&sections, &page.file, diags);
    let headers = request_headers(&sections);
    // What the page says of other answers closes the description (the 206 of a security list).
    let mut description = super::page_notes::description(&sections);
    description.extend(super::page_notes::answer_notes(&sections));
    let permissions = super::page_notes::permissions(&sections);
    // The page's examples travel with its first endpoint; the resolver hands each to its path.
    endpoints
        .into_iter()
        .map(|e| RawOperation {
            method: e.method,
            path: request_block::template(&e.path, &page.file, e.line, diags),
            documented: e.path,
            query: e.query,
            title: page.title.clone().unwrap_or_default(),
            description: description.clone(),
            permissions: permissions.clone(),
            product: product.clone(),
            source: Source { file: page.file.clone(), line: e.line },
            body: match &elsewhere {
                Some(x) if e.method == crate::ir::HttpMethod::Post => RawBody::Parameters(x.params.clone()),
                _ => body.clone(),
            },
            path_settled: None,
            namespace: page.namespace.clone().unwrap_or_else(|| super::DEFAULT_NAMESPACE.to_string()),
            body_settled: elsewhere.as_ref().filter(|_| e.method == crate::ir::HttpMethod::Post).map(|x| x.why.clone()),
            response: response.clone(),
            examples: std::mem::take(&mut examples),
            subject: subject.clone(),
            query_options: query_options.clone(),
            headers: headers.clone(),
            query_parameters: query_parameters.clone(),
            path_parameters: path_parameters.clone(),
        })
        .collect()
}

/// The first column of the `## Request headers` table: the headers a caller may set. The
/// `Authorization` row is left out (every request carries one).
fn request_headers(sections: &[Section<'_>]) -> Vec<RequestHeader> {
    let mut out: Vec<RequestHeader> = Vec::new();
    for s in sections.iter().filter(|s| s.kind == SectionKind::RequestHeaders) {
        // Under a heading "Prefer header values", a table's rows are values of `Prefer`, not
        // headers of their own (`shares-get.md`'s `redeemSharingLink`).
        let mut values_of: Option<String> = None;
        for b in s.blocks {
            if let Block::Heading { text, .. } = b {
                let text = text.plain();
                let words: Vec<&str> = text.split_whitespace().collect();
                values_of = match words.as_slice() {
                    [name, h, v] if h.eq_ignore_ascii_case("header") && v.eq_ignore_ascii_case("values") => {
                        Some(name.trim_matches('`').to_string())
                    }
                    _ => None,
                };
                continue;
            }
            let Block::Table(t) = b else { continue };
            // `Name | Type | Description` tables put the description third; `Header | Value`
            // tables say it in the second column.
            let described = t.header.iter().position(|h| h.plain().trim().eq_ignore_ascii_case("description")).unwrap_or(1);
            for row in &t.rows {
                let Some(name) = row.cells.first().map(|c| c.plain()) else {
                    continue;
                };
                let name = name.trim().trim_matches('`').trim();
                let valued = values_of.as_ref().map(|h| format!("{h}: {name}"));
                let name = valued.as_deref().unwrap_or(name);
                // "Prefer: outlook.timezone": a header with the value a row is about, which the
                // description then opens with (the name stays a header's name).
                let (name, value) = match name.split_once(':') {
                    Some((n, v)) if !v.trim().is_empty() => (n.trim(), Some(v.trim().trim_matches('`'))),
                    _ => (name, None),
                };
                let token = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                let said = row.cells.get(described).map(|c| c.plain().trim().to_string()).unwrap_or_default();
                let description = match value {
                    Some(v) => format!("`{v}`: {said}"),
                    None => said,
                };
                let seen = out.iter().any(|h| h.name.eq_ignore_ascii_case(name) && (value.is_none() || h.description == description));
                if !token || name.eq_ignore_ascii_case("authorization") || seen {
                    continue;
                }
                out.push(RequestHeader { name: name.to_string(), description });
            }
        }
    }
    out
}

/// `## Optional query parameters` prose names the OData options (`$select`, `$filter`) the
/// method supports, says whether it supports OData query parameters at all (in any wording),
/// and which it does not; parameter tables under query, function and path parameter headings
/// describe the rest. Read sentence by sentence: "supports the `$select` parameter. It does not
/// support `$expand`." names one of each.
fn parameter_sections(sections: &[Section<'_>], file: &str, diags: &mut Diags) -> (QueryOptions, Vec<RawProperty>, Vec<RawProperty>) {
    let mut named = std::collections::BTreeSet::new();
    let mut excluded = std::collections::BTreeSet::new();
    let (mut claimed, mut closed) = (false, false);
    let (mut query, mut path) = (Vec::new(), Vec::new());
    for s in sections {
        let is_query = s.kind == SectionKind::QueryParameters;
        let is_path = s.kind == SectionKind::PathParameters;
        if !is_query && !is_path {
            continue;
        }
        for b in s.blocks {
            match b {
                Block::Para { text, .. } if is_query => {
                    let plain = text.plain();
                    for sentence in plain.split(". ") {
                        let lower = sentence.to_ascii_lowercase();
                        let options = odata_options(sentence);
                        if phrases::says_not_supported(&lower) {
                            // "`$filter` is not supported", "does not support the OData query
                            // parameters", "the other OData query parameters are not supported";
                            // a restriction on a property or operator leaves the option.
                            if !phrases::says_partly(&lower) {
                                excluded.extend(options);
                            }
                            closed |= phrases::names_odata_options(&lower);
                            continue;
                        }
                        if phrases::says_odata_support(&lower) {
                            claimed = true;
                            closed |= phrases::says_only(&lower);
                        }
                        // "instead of `$filter`, get the calendarView": named as not the way.
                        named.extend(options.into_iter().filter(|o| !instead_of(&lower, o)));
                    }
                }
                // A table of options with no type column (`| [$filter](...) | Filters results. |
                // Example |`, the audit log pages): its first column names them.
                Block::Table(t) if is_query && crate::frontend::columns::parameters(&t.header).is_none() => {
                    named.extend(t.rows.iter().filter_map(|r| r.cells.first()).flat_map(|c| odata_options(&c.plain())));
                }
                Block::Table(t) => {
                    let rows = resource::parameters(t, file, diags);
                    if is_path {
                        path.extend(rows)
                    } else {
                        // A row naming an OData option a request takes through its own method
                        // (`$filter`, `.filter(..)`) is that option, not a parameter to add with
                        // `.query`; `$skiptoken` and the like stay parameters.
                        const TYPED: &[&str] = &["$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$top"];
                        let (options, rows): (Vec<_>, Vec<_>) =
                            rows.into_iter().partition(|r| TYPED.iter().any(|o| o.eq_ignore_ascii_case(r.name.trim())));
                        named.extend(options.into_iter().map(|r| r.name));
                        query.extend(rows)
                    }
                }
                _ => {}
            }
        }
    }
    // A page naming `$deltatoken` describes a change-tracking round (a delta function): its
    // options are what it names (`$select`, a limited `$filter`), not a collection's, since the
    // round's links carry them and the service refuses others (`$orderby`, `$search`, `$skip`).
    let delta = |n: &str| n.trim().eq_ignore_ascii_case("$deltatoken");
    closed |= named.iter().any(|n| delta(n)) || query.iter().any(|r: &RawProperty| delta(&r.name));
    let named = named.into_iter().filter(|o| !excluded.contains(o)).collect();
    (QueryOptions { named, excluded: excluded.into_iter().collect(), claimed, closed }, query, path)
}

/// Whether the sentence names `option` as what to do without ("instead of `$filter`, get the
/// calendarView"): it says how not to ask, not that the method supports it.
fn instead_of(lower: &str, option: &str) -> bool {
    let Some(at) = lower.find(&option.to_ascii_lowercase()) else { return false };
    lower.get(..at).is_some_and(|before| before.trim_end_matches(['`', ' ']).ends_with("instead of"))
}

/// The OData options a sentence names: `$` and letters (`$select`, `$orderBy` as written).
/// OData's path segments are none, whatever the sentence calls them ("use the `$value`
/// parameter to get the MIME content" means `.../$value`, which the request block lists).
fn odata_options(sentence: &str) -> Vec<String> {
    const SEGMENTS: &[&str] = &["$value", "$ref", "$batch", "$metadata", "$entity", "$all", "$crossjoin", "$each", "$root"];
    sentence
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '$'))
        .filter(|w| w.len() > 1 && w.starts_with('$') && w[1..].chars().all(|c| c.is_ascii_alphabetic()))
        .filter(|w| !SEGMENTS.iter().any(|s| s.eq_ignore_ascii_case(w)))
        .map(str::to_string)
        .collect()
}

/// A page with no request body section may say what the body is right below its request
/// line ("In the request body, supply a JSON representation of a [schema] object."): that
/// paragraph alone stands for the section. Only a sentence naming the request body counts.
fn body_sentence_elsewhere<'p>(sections: &[Section<'p>]) -> Option<(u32, &'p [Block])> {
    sections.iter().filter(|s| s.kind == SectionKind::HttpRequest).find_map(|s| {
        let at = s.blocks.iter().position(|b| {
            let Block::Para { text, .. } = b else { return false };
            let lower = text.plain().to_ascii_lowercase();
            lower.contains("in the request body") && (phrases::says_json_representation(&lower) || phrases::says_supply_object(&lower))
        })?;
        let Block::Para { line, .. } = &s.blocks[at] else { return None };
        Some((*line, &s.blocks[at..=at]))
    })
}

fn body(section: Option<(u32, &[Block])>, file: &str, diags: &mut Diags) -> RawBody {
    let Some((_, blocks)) = section else {
        return RawBody::None;
    };
    let mut linked: Option<TypeExpr> = None;
    let mut wrapped: Option<String> = None;
    let mut table = None;
    for b in blocks {
        match b {
            Block::Para { text, .. } => {
                let lower = text.plain().to_ascii_lowercase();
                // "A [teamsTab](...)." and nothing else: the body is one of that type.
                if linked.is_none() && table.is_none() {
                    if let Some((name, _)) = text.links().next() {
                        if phrases::is_bare_reference(&lower.replacen(&name.to_ascii_lowercase(), "", 1)) {
                            linked = first_resource_link(text).map(|base| TypeExpr { base, collection: false });
                        }
                    }
                }
                // "provide an optional `passwordCredential` object with the following
                // properties": one parameter of that name and type; the table is the type's.
                if phrases::says_wrapped_object(&lower) && linked.is_none() && table.is_none() {
                    wrapped = text.0.iter().find_map(|i| match i {
                        Inline::Code(c) if c.chars().all(|c| c.is_ascii_alphanumeric()) && !c.is_empty() => Some(c.clone()),
                        _ => None,
                    });
                }
                if phrases::says_json_representation(&lower) && linked.is_none() {
                    linked = first_resource_link(text)
                        .or_else(|| named_after_representation(&text.plain()))
                        .map(|base| TypeExpr { base, collection: array_of_link(text) });
                }
                // "the properties of the [group](...) resource to specify when you create a
                // group": the table lists settable properties of a resource, not parameters.
                let of_resource = phrases::says_resource_properties(&lower);
                if of_resource && linked.is_none() && table.is_none() {
                    linked = first_resource_link(text).map(|base| TypeExpr { base, collection: false });
                }
                // "Provide the new [offerShiftRequest](...) object in the request body".
                // "supply an array of [patchContentCommand](...) objects": a collection.
                if phrases::says_supply_object(&lower) && linked.is_none() && table.is_none() {
                    linked = first_resource_link(text).map(|base| TypeExpr { base, collection: array_of_link(text) });
                }
            }
            Block::Table(t) if table.is_none() => table = Some(t),
            _ => {}
        }
    }
    if let Some(t) = linked {
        let rows = table.map(|tb| resource::parameters(tb, file, diags)).unwrap_or_default();
        return RawBody::Type(t, rows);
    }
    if let (Some(name), Some(line)) = (wrapped, table.map(|t| t.line)) {
        let ty = TypeExpr { base: BaseExpr::Named { name: name.clone(), target: None }, collection: false };
        let source = Source { file: file.to_string(), line };
        let description = format!("The `{name}` object the table describes.");
        let p = RawProperty {
            name,
            ty: Some(ty),
            type_text: String::new(),
            alternatives: Vec::new(),
            navigation: false,
            read_only: false,
            description,
            possible_values: Vec::new(),
            source,
        };
        return RawBody::Parameters(vec![p]);
    }
    match table {
        Some(t) => {
            let params = resource::parameters(t, file, diags);
            if params.is_empty() {
                RawBody::None
            } else {
                RawBody::Parameters(params)
            }
        }
        None => RawBody::None,
    }
}

/// "supply a JSON representation for the deviceCategory object" (no link): the type word.
fn named_after_representation(plain: &str) -> Option<BaseExpr> {
    let lower = plain.to_ascii_lowercase();
    let at = lower.find(phrases::JSON_REPRESENTATION)? + phrases::JSON_REPRESENTATION.len();
    let mut words = plain[at..]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.'))
        .filter(|w| !matches!(w.to_ascii_lowercase().as_str(), "for" | "the" | "a" | "an" | ""));
    let word = words.find(|w| !w.eq_ignore_ascii_case("of"))?;
    // "the list of `conversationMember` derivatives": a word for many (not the `list` type);
    // what they are sent in is the parameter table's to say.
    if matches!(word.to_ascii_lowercase().as_str(), "list" | "array" | "collection" | "set")
        && words.next().is_some_and(|w| w.eq_ignore_ascii_case("of"))
    {
        return None;
    }
    let ok = word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    ok.then(|| BaseExpr::Named { name: word.to_string(), target: None })
}

fn first_resource_link(text: &Inlines) -> Option<BaseExpr> {
    first_resource_link_in(text, "")
}

/// The words right before the first link to a resource page say a collection ("an array of
/// [x]", "a collection of [x]", "a list of [x]").
fn array_of_link(text: &Inlines) -> bool {
    let plain = text.plain().to_ascii_lowercase();
    let at = text.links_at().into_iter().find(|(_, _, d)| d.to_ascii_lowercase().contains("resources/")).map(|(at, _, _)| at);
    at.and_then(|at| plain.get(..at)).is_some_and(|before| {
        let words = phrases::words(before);
        matches!(words.as_slice(), [.., "array" | "collection" | "list", "of"])
    })
}

/// The first link to a resource page whose text is in `sentence` (any, when it is empty).
fn first_resource_link_in(text: &Inlines, sentence: &str) -> Option<BaseExpr> {
    text.links().filter(|(name, _)| sentence.is_empty() || sentence.contains(name.trim())).find_map(|(name, dest)| {
        // A resource page, not an include, a concept page or another API page.
        if !dest.to_ascii_lowercase().contains("resources/") {
            return None;
        }
        let target = typecell::link_target(dest)?;
        let name = name.trim().trim_matches('`').to_string();
        // Link text like "directory (deleted items)": the linked page names the type.
        let name = if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') { name } else { target.clone() };
        Some(BaseExpr::Named { name, target: Some(target) })
    })
}

/// "all [openShift](..) objects", "the requested [session](..) objects": the noun right after
/// the answer's link is a plural, so the answer is a set whatever word for one it lacks.
fn plural_after_link(text: &Inlines, sentence: &str) -> bool {
    let at = text.0.iter().position(
        |i| matches!(i, Inline::Link { text, dest } if dest.to_ascii_lowercase().contains("resources/") && sentence.contains(text.trim())),
    );
    let next = at.and_then(|i| text.0.get(i + 1));
    let Some(Inline::Text(after)) = next else { return false };
    let word = after.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    matches!(word.as_str(), "objects" | "entities" | "resources" | "items")
}

/// The resource the page is about: the first resource link before the first H2.
fn subject(blocks: &[Block]) -> Option<(String, Option<String>)> {
    blocks.iter().find_map(|b| match b {
        Block::Para { text, .. } => first_resource_link(text).and_then(|b| match b {
            BaseExpr::Named { name, target } => Some((name, target)),
            BaseExpr::Primitive(_) => None,
        }),
        _ => None,
    })
}

/// The response sentence: status, "no content", and the type it names. When the first sentence
/// names no type ("binary data of the photo"), a later one may ("[profilePhoto] object" for the
/// page's other requests); the status stays the first one's.
fn response(section: Option<(u32, &[Block])>) -> RawResponse {
    let mut r = RawResponse::default();
    let Some((line, blocks)) = section else { return r };
    r.line = line;
    let said = blocks.iter().find_map(|b| match b {
        Block::Para { text, .. } => monitor(text),
        _ => None,
    });
    // A table of the response's headers with a `Location` row ("URL to check on the status of
    // the request", exportPersonalData) says the same as a sentence naming the header.
    let listed = blocks.iter().any(|b| match b {
        Block::Table(t) => t.rows.iter().any(|row| row.cells.first().is_some_and(|c| phrases::is_location_header(&c.plain()))),
        _ => false,
    });
    r.location_said = said.is_some() || listed;
    (r.monitor, r.monitor_page) = said.unwrap_or_default();
    let mut first = true;
    for b in blocks {
        let Block::Para { text, line } = b else {
            continue;
        };
        let plain = text.plain();
        let lower = plain.to_ascii_lowercase();
        if !phrases::says_returns(&lower) {
            continue;
        }
        // "a `507 Insufficient Storage` response is returned": an error, not the answer.
        if status_in(&plain).is_some_and(|s| s >= 400) {
            continue;
        }
        if first {
            r.line = *line;
            r.status = status_in(&plain);
            r.no_content = phrases::says_no_content(&lower) || r.status == Some(204);
            // A redirect (`302 Found`) names no body type, whatever words follow.
            if r.status.is_some_and(|s| (300..400).contains(&s)) || r.no_content {
                break;
            }
            first = false;
        } else if !named_status(&plain).is_some_and(|s| (200..300).contains(&s)) {
            // A later sentence counts only when it is another success answer ("returns a
            // `200 OK` response code and [profilePhoto] object"), not prose that happens to
            // say "return".
            continue;
        }
        r.stated = stated(text, &plain);
        if r.stated.is_some() {
            break;
        }
        r.worded = r.worded.take().or_else(|| worded(&plain));
    }
    r
}

/// The resource a sentence about the `Location` or `Operation-Location` header links: "a
/// `Location` header, which contains the location of the [teamsAsyncOperation]", "a link to the
/// associated [printerCreateOperation] in the `Operation-Location` header". Also, from the same
/// paragraph, the resource whose GET page it links ("Poll the Operation-Location endpoint to
/// [get the status of the copy operation](onenoteoperation-get.md)"), by the docs' naming of API
/// pages (`{resource}-get.md`): a guess the resolver keeps only where a page defines that resource.
fn monitor(text: &Inlines) -> Option<(Option<TypeExpr>, Option<TypeExpr>)> {
    let plain = text.plain();
    let sentence = plain.split(". ").find(|s| {
        let words: Vec<String> =
            s.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_ascii_lowercase()).collect();
        words.iter().any(|w| w == "location" || w == "operation-location") && words.iter().any(|w| w == "header")
    })?;
    let linked = first_resource_link_in(text, sentence).map(|base| TypeExpr { base, collection: false });
    let page = text.links().find_map(|(_, dest)| {
        let lower = dest.to_ascii_lowercase();
        if lower.contains("resources/") || lower.contains("://") {
            return None;
        }
        let stem = typecell::link_target(dest)?;
        let resource = stem.strip_suffix("-get").filter(|r| !r.is_empty())?.to_string();
        Some(TypeExpr { base: BaseExpr::Named { name: resource.clone(), target: Some(resource) }, collection: false })
    });
    Some((linked, page))
}

/// A status code a sentence names as one: the number followed by its reason (`200 OK`,
/// "`201 Created`") or by "response", never a count ("page size (200 items)").
fn named_status(plain: &str) -> Option<u16> {
    let words: Vec<&str> = plain.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let code = w[0].trim_matches(|c: char| !c.is_ascii_digit());
        let next = w[1].trim_start_matches(|c: char| !c.is_alphanumeric());
        let status = (code.len() == 3).then(|| code.parse::<u16>().ok()).flatten().filter(|c| (100..600).contains(c))?;
        (next.starts_with(|c: char| c.is_ascii_uppercase()) || next.to_ascii_lowercase().starts_with("response")).then_some(status)
    })
}

/// The word a response sentence puts before "object" with no link ("an **accounts** object",
/// "a collection of team objects"): a name for the answer that only the resolver can check
/// against the types the docs define, so it stays a word here.
fn worded(plain: &str) -> Option<TypeExpr> {
    let returns = |x: &&str| phrases::says_returns(&x.to_ascii_lowercase());
    let sentence = plain.split(". ").find(returns)?;
    let words: Vec<&str> = sentence.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let at = words.iter().position(|w| w.eq_ignore_ascii_case("object") || w.eq_ignore_ascii_case("objects"))?;
    let name = words.get(at.checked_sub(1)?)?;
    let is_name =
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let collection = phrases::says_collection(&sentence.to_ascii_lowercase());
    is_name.then(|| TypeExpr { base: BaseExpr::Named { name: (*name).to_string(), target: None }, collection })
}

/// The type a response sentence names: the first resource link in the sentence that says what
/// is returned (a later "see [error codes]" link is none), else a primitive's word.
fn stated(text: &Inlines, plain: &str) -> Option<TypeExpr> {
    let returns = |x: &&str| phrases::says_returns(&x.to_ascii_lowercase());
    let sentence = plain.split(". ").find(returns).unwrap_or(plain).to_string();
    // "collection" counts as a word of the sentence, never inside a type's name (`a
    // [siteCollection] object`) or link text naming one in words.
    let said = typecell::outside_type_names(text);
    let collection = phrases::says_collection(&said.split(". ").find(returns).unwrap_or(&said).to_ascii_lowercase())
        || plural_after_link(text, &sentence);
    let linked = first_resource_link_in(text, &sentence);
    linked.map(|base| TypeExpr { base, collection }).or_else(|| {
        // "returns a `200 OK` response code and a String object": primitive words.
        let words: Vec<&str> = sentence.split_whitespace().collect();
        // "a URL in the `Location` header": a header's value, not the body.
        let in_header = |i: usize| {
            words.iter().skip(i + 2).take(4).any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).eq_ignore_ascii_case("header"))
        };
        words.windows(2).enumerate().filter(|(i, _)| !in_header(*i)).map(|(_, w)| w).find_map(|w| {
            let after_and = w[0].eq_ignore_ascii_case("a") || w[0].eq_ignore_ascii_case("an");
            let p = typecell::primitive(w[1].trim_matches(|c: char| !c.is_alphanumeric()))?;
            (after_and && p != "Edm.String" || w[1].starts_with(char::is_uppercase))
                .then_some(TypeExpr { base: BaseExpr::Primitive(p), collection })
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_count_is_no_status() {
        assert_eq!(super::named_status("returns a `200 OK` response code and a [user] object"), Some(200));
        assert_eq!(super::named_status("returns `201 Created` and the item"), Some(201));
        assert_eq!(super::named_status("returns a 200 response code"), Some(200));
        assert_eq!(super::named_status("If a collection exceeds the default page size (200 items), the nextLink is returned"), None);
    }

    #[test]
    fn a_path_segment_is_no_query_option() {
        assert_eq!(super::odata_options("Use the `$value` parameter to get the MIME content, or `$select`"), ["$select"]);
        assert_eq!(super::odata_options("POST to `$ref` with `$filter` and `$orderBy`"), ["$filter", "$orderBy"]);
    }

    #[test]
    fn an_option_to_do_without_is_not_named() {
        let lower = "to get the appointments within a date range, instead of `$filter`, get the calendarview";
        assert!(super::instead_of(lower, "$filter"));
        assert!(!super::instead_of("use `$filter` instead of a loop", "$filter"));
    }

    #[test]
    fn a_plural_after_the_link_is_a_set() {
        use super::super::markdown::{Inline, Inlines};
        let said = |after: &str| {
            let link = Inline::Link { text: "openShift".into(), dest: "../resources/openshift.md".into() };
            let text = Inlines(vec![Inline::Text("returns a `200 OK` response code and all ".into()), link, Inline::Text(after.into())]);
            super::stated(&text, &text.plain()).map(|t| t.collection)
        };
        assert_eq!(said(" objects in the team in the response body."), Some(true));
        assert_eq!(said(" object in the response body."), Some(false));
        // A plural further on is about something else.
        assert_eq!(said(" object that holds the shift's items."), Some(false));
    }

    #[test]
    fn a_list_of_things_names_no_list_type() {
        let named = |s: &str| match super::named_after_representation(s) {
            Some(super::BaseExpr::Named { name, .. }) => Some(name),
            _ => None,
        };
        assert_eq!(named("supply the JSON representation of the list of `conversationMember` derivatives"), None);
        assert_eq!(named("supply a JSON representation of an array of members"), None);
        assert_eq!(named("supply a JSON representation of the list to create"), Some("list".to_string()));
        assert_eq!(named("supply a JSON representation of a **lamp** object"), Some("lamp".to_string()));
    }
}
