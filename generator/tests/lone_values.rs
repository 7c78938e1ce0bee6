//! A property whose example answers show it in the other shape than its row, with no example
//! showing the row's (v1.0's provisioning `servicePrincipal`: a collection row and
//! representation, one object in every answer; beta's message `unsubscribeData`: a `String`
//! row, lists in every answer) is read as a collection that also takes one value. The row is
//! reported once (GG0216), the examples' values are no finding each, the emitted example test
//! expects the lone value written back as a list of one, and the OpenAPI export keeps why.

use graphgen::diag::{Code, Diags};
use graphgen::ir::{Api, ProblemKind};

mod common;

/// A lamp whose `bulbs` row is a collection, `label` one string and `fuses` a collection;
/// its list page answers with `answer`'s lamp.
fn docs(answer: &str, request: &str) -> Vec<(String, String)> {
    let rows = "| bulbs | [bulb](bulb.md) collection | The bulb it holds. |\n| label | String | Its labels. |\n| fuses | String collection | Its fuses. |\n";
    let lamp = common::resource(
        "lamp",
        "entity",
        rows,
        "{\n  \"bulbs\": [{\"@odata.type\": \"microsoft.graph.bulb\"}],\n  \"label\": \"String\",\n  \"fuses\": [\"String\"]\n}",
    );
    let bulb = common::resource("bulb", "entity", "| watts | Int32 | Its power. |\n", "{\n  \"watts\": 1024\n}");
    let list = common::list("devices", "/lamps", "lamp").replace(
        "objects in the response body.\n",
        &format!("objects in the response body.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"list_lamps\" }} -->\n``` http\nGET https://graph.microsoft.com/v1.0/lamps\n```\n\n### Response\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.lamp\", \"isCollection\": true }} -->\n``` http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\n  \"value\": [\n    {answer}\n  ]\n}}\n```\n"),
    );
    let create = format!(
        "---\ntitle: \"Create lamp\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# Create lamp\n\nNamespace: microsoft.graph\n\nCreate a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nPOST /lamps\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of a [lamp](../resources/lamp.md) object.\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [lamp](../resources/lamp.md) object in the response body.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"create_lamp\" }} -->\n``` http\nPOST https://graph.microsoft.com/v1.0/lamps\nContent-type: application/json\n\n{request}\n```\n"
    );
    vec![
        ("v1.0/resources/entity.md".to_string(), common::ENTITY.to_string()),
        ("v1.0/resources/lamp.md".to_string(), lamp),
        ("v1.0/resources/bulb.md".to_string(), bulb),
        ("v1.0/api/lamp-list.md".to_string(), list),
        ("v1.0/api/lamp-post.md".to_string(), create),
    ]
}

const ANSWER: &str = "{ \"id\": \"1\", \"bulbs\": { \"id\": \"b\", \"watts\": 40 }, \"label\": [\"desk\", \"red\"], \"fuses\": \"f1\" }";

fn settled(api: &Api, key: &str) -> (bool, Option<String>) {
    let t = &api.types["microsoft.graph.lamp"];
    let p = t.properties.iter().find(|p| p.name == key).unwrap_or_else(|| panic!("no {key}"));
    (p.r#type.collection, t.settled.one_or_many.get(key).cloned())
}

#[test]
fn answers_in_the_other_shape_make_a_list_that_also_takes_one_value() {
    // `fuses`: the request sends the row's list, so the row stands.
    let (api, diags) = graphgen::ir_of_texts("v1.0", &docs(ANSWER, "{ \"fuses\": [\"f2\"] }"));
    let (collection, why) = settled(&api, "bulbs");
    assert!(collection);
    assert!(why.as_deref().is_some_and(|w| w.contains("1 example answer shows one value") && w.contains("lamp-list.md")), "{why:?}");
    let (collection, why) = settled(&api, "label");
    assert!(collection, "a string row whose answers are lists reads lists");
    assert!(why.as_deref().is_some_and(|w| w.contains("shows a list")), "{why:?}");
    assert_eq!(settled(&api, "fuses"), (true, None));

    // The rows are reported once each, with the answer as a related place; the answer's values
    // are no finding of their own, but the string where `fuses` is a list still is.
    let rows: Vec<_> = diags.iter().filter(|d| d.code == Code::AnswerShape).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|d| d.file == "v1.0/resources/lamp.md"));
    let mismatches: Vec<&str> = diags.iter().filter(|d| d.code == Code::ExampleMismatch).map(|d| d.message.as_str()).collect();
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert!(mismatches[0].contains("$.value[0].fuses is a string"), "{mismatches:?}");

    // The lone bulb is judged as a bulb, and written back as a list of one.
    let list = api.operations.iter().find(|o| o.path.as_str() == "/lamps" && o.method.as_str() == "GET").expect("the list");
    let problems: Vec<_> = list.examples.iter().flat_map(|e| &e.problems).collect();
    let lone = problems.iter().find(|p| p.kind == ProblemKind::LoneValue).expect("the lone bulb");
    assert!(lone.respell.as_ref().is_some_and(|r| r.wrap && r.path == "$.value[0].bulbs"), "{lone:?}");
}

#[test]
fn the_model_reads_both_shapes_and_the_example_test_expects_a_list() {
    let answer = ANSWER.replace("\"fuses\": \"f1\"", "\"fuses\": [\"f1\"]");
    let pages = docs(&answer, "{ \"fuses\": [\"f2\"] }");
    let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.strip_prefix("v1.0/").unwrap_or(p), t.as_str())).collect();
    let files = common::generated("lone-values", &pages);
    let model = files.iter().find(|(p, _)| p.ends_with("models/lamp.rs")).map(|(_, t)| t).expect("the model");
    assert!(model.contains("crate::runtime::one_or_many_field(m, key, &mut self.bulbs)"), "{model}");
    assert!(model.contains("crate::runtime::one_or_many_field(m, key, &mut self.label)"), "{model}");
    assert!(model.contains("crate::runtime::field(m, key, &mut self.fuses)"), "{model}");
    assert!(model.contains("one value reads as a list of one"), "{model}");
    let tests = files.iter().find(|(p, _)| p.ends_with("tests/examples.rs")).map(|(_, t)| t).expect("example tests");
    let at = tests.find("fn list_lamps_response").expect("the answer's test");
    let test = &tests[at..];
    let test = &test[..test.find("\n}\n").unwrap_or(test.len())];
    // Expected back: the bulb inside a list, and the test runs (the generated crate's own test
    // run decodes the lone bulb and writes it back so).
    assert!(test.contains("\"bulbs\": ["), "{test}");
    let head = &tests[..at];
    assert!(head.rsplit("#[test]").next().is_some_and(|h| !h.contains("#[ignore")), "{test}");
}

#[test]
fn with_an_answer_in_the_rows_shape_the_row_stands() {
    let both = format!("{ANSWER},\n    {{ \"id\": \"2\", \"bulbs\": [{{ \"id\": \"c\" }}], \"label\": \"desk\" }}");
    let (api, diags) = graphgen::ir_of_texts("v1.0", &docs(&both, "{ \"fuses\": [\"f2\"] }"));
    assert_eq!(settled(&api, "bulbs"), (true, None));
    assert_eq!(settled(&api, "label"), (false, None));
    assert!(diags.iter().all(|d| d.code != Code::AnswerShape));
}

#[test]
fn the_openapi_export_keeps_why_and_reads_back_the_same() {
    let (api, _) = graphgen::ir_of_texts("v1.0", &docs(ANSWER, "{ \"fuses\": [\"f2\"] }"));
    let doc = graphgen::openapi::export::export(&api);
    let mut diags = Diags::default();
    let back = graphgen::openapi::import::import(&doc, "lamps.json", &mut diags);
    assert!(back.types["microsoft.graph.lamp"].settled.one_or_many.contains_key("bulbs"));
    assert!(graphgen::openapi::first_difference(&api, &back).is_none(), "{:?}", graphgen::openapi::first_difference(&api, &back));
}
