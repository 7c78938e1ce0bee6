//! The type-cell grammar: any text as the Type cell of a property row (and of an action
//! parameter row), through the front end, the resolver and the emitter.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cell = String::from_utf8_lossy(data).replace(['\n', '\r', '|'], " ");
    let resource = format!(
        "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| p | {cell} | d |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n```json\n{{ \"p\": \"String\" }}\n```\n"
    );
    let action = format!(
        "---\ndoc_type: apiPageType\n---\n# thing: act\n\n## HTTP request\n\n```http\nPOST /things/{{id}}/act\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| p | {cell} | d |\n\n## Response\n\nIf successful, this action returns a `200 OK` response code and a {cell} object in the response body.\n"
    );
    let pages = vec![("v1.0/resources/thing.md".to_string(), resource), ("v1.0/api/thing-act.md".to_string(), action)];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let _ = graphgen::emit::emit(&api, "", &graphgen::emit::Options::default());
});
