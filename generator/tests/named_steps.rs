//! A parameter after one complex value names a relationship of the value's type (OData takes
//! a key only after a collection): `PUT .../apiConnectorConfiguration/{step}/$ref`, whose
//! examples call `postFederationSignup` and `postAttributeCollection`, is one endpoint per
//! relationship. Rebuilt on the clean `fixtures/lint` tree with a made-up lamp timer whose
//! relationships are `dawn` and `dusk`.

mod common;

const TIMER: &str = "---\ntitle: \"lampTimer resource type\"\ndoc_type: resourcePageType\n---\n\n# lampTimer resource type\n\nNamespace: microsoft.graph\n\nWhen a made-up lamp turns itself on and off.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| isEnabled | Boolean | Whether the timer runs. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| dawn | [light](light.md) | The light to turn off at dawn. |\n| dusk | [light](light.md) | The light to turn on at dusk. |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.lampTimer\"\n}-->\n```json\n{\n  \"isEnabled\": \"Boolean\"\n}\n```\n";

/// The timer page: `PUT /lamps/{id}/timer/{step}/$ref`, an example calling each of `called`.
fn page(called: &[&str]) -> String {
    let examples: String = called
        .iter()
        .enumerate()
        .map(|(i, step)| format!("### Example {i}\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"timer_{i}\" }} -->\n``` http\nPUT https://graph.microsoft.com/v1.0/lamps/7d3c/timer/{step}/$ref\nContent-type: application/json\n\n{{\n  \"@odata.id\": \"https://graph.microsoft.com/v1.0/lights/9\"\n}}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n``` http\nHTTP/1.1 204 No Content\n```\n\n"))
        .collect();
    format!(
        "---\ntitle: \"Set a lamp timer's light\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# Set a lamp timer's light\n\nNamespace: microsoft.graph\n\nPoint a step of a [lamp](../resources/lamp.md)'s timer at a light.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nPUT /lamps/{{id}}/timer/{{step}}/$ref\n```\n\n## Request body\n\nIn the request body, supply the `@odata.id` of the light.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n{examples}"
    )
}

fn tree(name: &str, called: &[&str]) -> common::Scratch {
    let row = "| bulbs | String collection | Serial numbers of the bulbs. |";
    let timer_row = format!("{row}\n| timer | [lampTimer](lamptimer.md) | When the lamp turns itself on and off. |");
    let timer_page = page(called);
    common::lint_tree(
        name,
        &[
            ("resources/lamp.md", row, &timer_row),
            (
                "resources/lamp.md",
                "\"bulbs\": [\"String\"]",
                "\"bulbs\": [\"String\"],\n  \"timer\": {\"@odata.type\": \"microsoft.graph.lampTimer\"}",
            ),
        ],
        &[("resources/lamptimer.md", TIMER), ("api/lamptimer-put-light.md", &timer_page)],
    )
}

fn puts(api: &graphgen::ir::Api) -> Vec<(String, usize)> {
    api.operations.iter().filter(|o| o.method.as_str() == "PUT").map(|o| (o.path.as_str().to_string(), o.examples.len())).collect()
}

#[test]
fn a_parameter_after_one_value_is_one_endpoint_per_relationship_of_its_type() {
    let dir = tree("named-steps", &["dusk", "dawn", "dusk"]);
    let api = common::api(&dir);
    assert_eq!(puts(&api), vec![("/lamps/{id}/timer/dawn/$ref".to_string(), 1), ("/lamps/{id}/timer/dusk/$ref".to_string(), 2)]);
    let op = api.operations.iter().find(|o| o.path.as_str().ends_with("dawn/$ref")).expect("the dawn step");
    assert_eq!(op.parameters.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["id"]);
    assert_eq!(op.documented, vec!["/lamps/{id}/timer/{step}/$ref".to_string()]);
    assert!(op.settled.path.as_deref().is_some_and(|w| w.contains("`{step}`") && w.contains("`dawn`")), "{:?}", op.settled);
}

#[test]
fn an_example_calling_no_relationship_keeps_the_parameter() {
    // One example calls the timer with text no relationship has: the placeholder may be
    // something else, so the line stays as the page writes it.
    let dir = tree("named-steps-other", &["dusk", "noon"]);
    let api = common::api(&dir);
    assert_eq!(puts(&api), vec![("/lamps/{id}/timer/{step}/$ref".to_string(), 2)]);
}
