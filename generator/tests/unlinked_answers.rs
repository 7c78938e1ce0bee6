//! Answers a page names without a link, and response examples without a status line, on
//! `fixtures/unlinked_answers` (a made-up bakery): "an **ovens** object" names the type `ovens`
//! that a resource page defines, and the bare JSON fence after "**Response**" answers the
//! request before it; "a JSON object" names no type, and a fence no prose calls the response
//! is not one. A plural link to a type with no page (`[receipts](receipt.md)`) names the
//! singular type, and with a page of values beside it says a collection. A function's bare
//! name is judged by the example its page calls it with arguments in, and so is a list's other
//! request line (reached from elsewhere) by the example of the line it shares its end with. A
//! write whose sentence promises an object, where its only example answers `204 No Content`
//! with no body, answers no content, and so does one whose only examples are another page's,
//! sending exactly its request (a line of its page no example shows). A second answer with no request of its own belongs to the
//! request before it.

use graphgen::ir::{Api, ExampleBody, Operation};
use std::path::Path;

fn api() -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unlinked_answers");
    let (ir, _) = graphgen::build_ir(&dir).expect("fixture docs load");
    ir.apis.get("v1.0").cloned().expect("v1.0 version found")
}

fn op<'a>(api: &'a Api, path: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.path.as_str() == path).unwrap_or_else(|| panic!("{path} missing"))
}

#[test]
fn a_bold_word_naming_a_defined_type_is_the_answer() {
    let api = api();
    let oven = op(&api, "/bakeries/{id}/ovens/{id}");
    assert_eq!(oven.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.ovens"));
}

#[test]
fn a_bare_json_fence_the_prose_calls_the_response_answers_the_request() {
    let api = api();
    let oven = op(&api, "/bakeries/{id}/ovens/{id}");
    let answer = oven.examples.iter().find_map(|e| e.response.as_ref()).expect("the bare fence is the response");
    assert_eq!(answer.status, 200);
    match &answer.body {
        Some(ExampleBody::Json(v)) => assert_eq!(v["temperature"], 230),
        other => panic!("expected a JSON body, got {other:?}"),
    }
}

#[test]
fn prose_words_and_uncalled_fences_are_not_answers() {
    let api = api();
    let loaves = op(&api, "/bakeries/{id}/ovens/{id}/loaves");
    assert!(loaves.examples.iter().all(|e| e.response.is_none()), "{:?}", loaves.examples);
    let named = loaves.response.r#type.as_ref().map(|t| t.name.as_str());
    assert_ne!(named, Some("microsoft.graph.json"));
    assert!(!named.unwrap_or("").contains("JSON"));
}

#[test]
fn a_path_other_pages_follow_with_a_key_is_a_set_whatever_one_example_shows() {
    let api = api();
    let list = op(&api, "/bakeries");
    let answer = list.response.r#type.as_ref().expect("typed");
    assert_eq!(answer.to_string(), "Collection(microsoft.graph.bakery)", "{:?}", list.settled);
}

#[test]
fn a_plural_link_and_a_page_of_values_outweigh_an_annotation_of_one_undefined_type() {
    // The sentence links `[receipts](receipt.md)` ("a list of"), the annotation names one
    // `receipt` without `isCollection`, the example is a page; no page defines `receipt`.
    let api = api();
    let all = op(&api, "/bakeries/allReceipts");
    let answer = all.response.r#type.as_ref().expect("typed");
    assert_eq!(answer.to_string(), "Collection(microsoft.graph.receipt)", "{:?}", all.settled);
}

#[test]
fn a_functions_bare_name_is_judged_by_the_example_its_page_calls_with_arguments() {
    // The sentence says `bakery`, the annotation `ovens`, the example (calling the function
    // with its argument) holds a bakery's keys: both forms of the call answer a bakery.
    let api = api();
    for path in ["/bakeries/busiest", "/bakeries/busiest(day='{day}')"] {
        let call = op(&api, path);
        let answer = call.response.r#type.as_ref().expect("typed");
        assert_eq!(answer.to_string(), "microsoft.graph.bakery", "{path}: {:?}", call.settled);
    }
}

#[test]
fn a_wrapped_string_in_the_example_answers_a_string_where_nothing_names_a_type() {
    // No type in the sentence, none in the annotation, no `logo` in the URL model: the example
    // is OData's wrapped value `{"value": "..."}`, a string.
    let api = api();
    let logo = op(&api, "/bakeries/{id}/logo(size={size})");
    assert_eq!(logo.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("Edm.String"), "{:?}", logo.settled);
}

#[test]
fn a_request_line_without_its_own_example_is_judged_by_the_example_of_the_line_ending_like_it() {
    // The sentence says a list, the annotation one `baker` (no `isCollection`), the example of
    // the first line a page of values. The town's line has no example: it ends as the first
    // does, so the page of values judges it too. The badge line reads something else.
    let api = api();
    for path in ["/bakeries/{id}/staff", "/towns/{town-id}/bakeries/{id}/staff"] {
        let call = op(&api, path);
        let answer = call.response.r#type.as_ref().expect("typed");
        assert_eq!(answer.to_string(), "Collection(microsoft.graph.baker)", "{path}: {:?}", call.settled);
    }
    let badge = op(&api, "/bakeries/{id}/staff/{baker-id}/badge");
    assert_eq!(badge.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.baker"), "{:?}", badge.settled);
}

#[test]
fn a_write_whose_examples_answer_no_content_answers_none_whatever_its_sentence_promises() {
    // "returns a `200 OK` response code and an updated [bakery] object"; the example answers
    // `204 No Content` with no body and no annotated type. Reading a bakery from no body would
    // fail a write that succeeded.
    let api = api();
    let update =
        api.operations.iter().find(|o| o.method == graphgen::ir::HttpMethod::Patch && o.path.as_str() == "/bakeries/{id}").expect("PATCH");
    assert_eq!((update.response.status, update.response.r#type.as_ref()), (204, None), "{:?}", update.settled);
    assert!(update.settled.response.as_deref().is_some_and(|w| w.contains("204 No Content")), "{:?}", update.settled);
}

#[test]
fn a_write_another_pages_examples_send_exactly_answers_what_they_show_where_its_own_show_nothing() {
    // The create page lists `PUT` and `PATCH` of the awning under "`201 Created` and the
    // bakery", and shows only the `PUT`. The update page's block lists `.../awning/{property
    // name}`, and its examples send both methods to the awning itself, answering `204` with no
    // body. The `PATCH` has only those to go by: no content. The `PUT` has its own page's
    // example with a body: that one stays.
    let api = api();
    let call = |m| api.operations.iter().find(|o| o.method == m && o.path.as_str() == "/bakeries/{id}/awning").expect("awning");
    let patch = call(graphgen::ir::HttpMethod::Patch);
    assert_eq!((patch.response.status, patch.response.r#type.as_ref()), (204, None), "{:?}", patch.settled);
    assert!(patch.settled.response.as_deref().is_some_and(|w| w.contains("bakery-awning-update.md")), "{:?}", patch.settled);
    let put = call(graphgen::ir::HttpMethod::Put);
    assert_eq!(put.response.status, 201, "{:?}", put.settled);
    assert_eq!(put.response.r#type.as_ref().map(|t| t.to_string()).as_deref(), Some("microsoft.graph.bakery"));
}

#[test]
fn an_endpoint_whose_page_says_nothing_comes_back_takes_no_answer_from_another_page() {
    // Two pages document `POST /bakeries/{id}/order`; the one about the action wins and says
    // `202 Accepted`, nothing in the body; the other (about a note made along the way) names a
    // bakery. What the winner leaves out is not what it says is empty.
    let api = api();
    let order = api
        .operations
        .iter()
        .find(|o| o.method == graphgen::ir::HttpMethod::Post && o.path.as_str() == "/bakeries/{id}/order")
        .expect("POST");
    assert!(order.source.file.ends_with("bakery-order.md"), "{:?}", order.settled);
    assert_eq!((order.response.status, order.response.r#type.as_ref()), (202, None), "{:?}", order.settled);
}

#[test]
fn a_second_answer_with_no_request_of_its_own_belongs_to_the_request_before_it() {
    // The page's first line reads the sign's bytes; its second example asks for what describes
    // the sign and shows two answers. The second answer follows the second request, not the
    // page's first line (whose bytes a JSON object would contradict).
    let api = api();
    let bytes = op(&api, "/bakeries/{id}/sign/$value");
    let about = op(&api, "/bakeries/{id}/sign");
    let answers = |o: &Operation| o.examples.iter().filter(|e| e.response.is_some()).count();
    assert_eq!((answers(bytes), answers(about)), (0, 2));
}

#[test]
fn a_202_with_no_body_answers_the_operation_its_location_leads_to() {
    let api = api();
    let job = Some("microsoft.graph.bakeryJob");
    // The sentence links the job, the example answers 202 with only a `Location`.
    let rebuild = op(&api, "/bakeries/{id}/rebuild");
    assert_eq!((rebuild.response.status, rebuild.response.r#type.as_ref()), (202, None), "no body is read: {:?}", rebuild.settled);
    assert_eq!(rebuild.response.monitor.as_ref().map(|t| t.name.as_str()), job);
    // No example; a sentence about the `Location` header links the job.
    let close = op(&api, "/bakeries/{id}/close");
    assert_eq!((close.response.r#type.as_ref(), close.response.monitor.as_ref().map(|t| t.name.as_str())), (None, job));
    // The header with no type named: the monitor's state is any JSON.
    let copy = op(&api, "/bakeries/{id}/copy");
    assert_eq!((copy.response.r#type.as_ref(), copy.response.monitor.as_ref().map(|t| t.name.as_str())), (None, Some("Edm.Untyped")));
    // A 200 answer is read from its body as before (no `Location` sentence, no 202).
    assert!(op(&api, "/bakeries/{id}/ovens/{id}").response.monitor.is_none());
}
