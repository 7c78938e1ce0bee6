//! A root no page lists or gets is typed by the type whose properties name the most segments
//! under it, unless a call right under it is bound by its page to another type: beta's
//! `/communications`, where `application` names `calls` and `onlineMeetings` but the
//! `getPresencesByUserId` page is titled `cloudCommunications: ...`, stays undecided rather than
//! `communications()` returning an application's request builder.

mod common;

/// A `lamp` whose table names `bulbs` and `wicks`; `/hall` has both and a `switchAll` action
/// whose page binds it to `bound`.
fn docs(bound: &str) -> Vec<(String, String)> {
    let rows = "| bulbs | String collection | Its bulbs. |\n| wicks | String collection | Its wicks. |\n";
    let lamp = common::resource("lamp", "entity", rows, "{\n  \"bulbs\": [\"String\"],\n  \"wicks\": [\"String\"]\n}");
    let action = format!(
        "---\ntitle: \"{bound}: switchAll\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# {bound}: switchAll\n\nNamespace: microsoft.graph\n\nSwitch everything in the hall.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n``` http\nPOST /hall/switchAll\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
    );
    vec![
        ("v1.0/resources/entity.md".to_string(), common::ENTITY.to_string()),
        ("v1.0/resources/lamp.md".to_string(), lamp),
        ("v1.0/api/hall-list-bulbs.md".to_string(), common::list("devices", "/hall/bulbs", "bulb")),
        ("v1.0/api/hall-list-wicks.md".to_string(), common::list("devices", "/hall/wicks", "wick")),
        ("v1.0/api/hall-switchall.md".to_string(), action),
    ]
}

#[test]
fn a_call_bound_to_another_type_leaves_the_root_undecided() {
    let (api, _) = graphgen::ir_of_texts("v1.0", &docs("hallway"));
    assert!(!api.roots.contains_key("hall"), "{:?}", api.roots.get("hall"));
    // The action is still a call of the crate.
    assert!(api.operations.iter().any(|o| o.path.as_str() == "/hall/switchAll"));
}

#[test]
fn a_call_bound_to_the_type_keeps_it() {
    let (api, _) = graphgen::ir_of_texts("v1.0", &docs("lamp"));
    let root = api.roots.get("hall").expect("typed by its names");
    assert_eq!(root.r#type, "microsoft.graph.lamp");
}
