//! A node one parent reaches by several steps is named by the type the model reads there, not
//! by the first step's segment: v1.0's chart axes (`category_axis()`, `value_axis()`,
//! `series_axis()`, one place to the request tree because the same pages document all three)
//! returned a `...AxesCategoryAxis` from `value_axis()`.

mod common;

fn docs() -> Vec<(String, String)> {
    let side = common::resource("side", "entity", "| color | String | Its color. |\n", "{\n  \"color\": \"String\"\n}");
    let lamp = common::resource("lamp", "entity", "| name | String | Its name. |\n", "{\n  \"name\": \"String\"\n}").replace(
        "## JSON representation",
        "## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| front | [side](side.md) | The front. |\n| back | [side](side.md) | The back. |\n\n## JSON representation",
    );
    let page = |verb: &str, title: &str, tail: &str| {
        format!(
            "---\ntitle: \"{title} side\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# {title} side\n\nNamespace: microsoft.graph\n\n{title} a [side](../resources/side.md) of a lamp.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\n{verb} /lamps/{{id}}/front{tail}\n{verb} /lamps/{{id}}/back{tail}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [side](../resources/side.md) object in the response body.\n"
        )
    };
    vec![
        ("v1.0/resources/entity.md".to_string(), common::ENTITY.to_string()),
        ("v1.0/resources/side.md".to_string(), side),
        ("v1.0/resources/lamp.md".to_string(), lamp),
        ("v1.0/api/lamp-list.md".to_string(), common::list("devices", "/lamps", "lamp")),
        ("v1.0/api/side-get.md".to_string(), page("GET", "Get", "")),
        ("v1.0/api/side-update.md".to_string(), page("PATCH", "Update", "")),
        ("v1.0/api/side-paint.md".to_string(), page("POST", "Paint", "/paint")),
        ("v1.0/api/side-wipe.md".to_string(), page("POST", "Wipe", "/wipe")),
    ]
}

#[test]
fn a_place_reached_by_two_steps_is_named_by_its_type() {
    let (api, _) = graphgen::ir_of_texts("v1.0", &docs());
    let snapshot = graphgen::snapshot(&api).expect("snapshot");
    let files = graphgen::emit::emit(&api, &snapshot, &graphgen::emit::Options::default()).expect("emits");
    let lamps = files.get("src/api/lamps.rs").expect("lamps module");
    assert!(lamps.contains("pub struct LampsItemSide"), "{lamps}");
    assert!(!lamps.contains("LampsItemFront") && !lamps.contains("LampsItemBack"), "{lamps}");
    // Each step still sends its own path.
    assert!(lamps.contains("\"/front\"") || lamps.contains("/front"), "{lamps}");
    assert!(lamps.contains("/back"), "{lamps}");
}
