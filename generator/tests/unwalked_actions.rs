//! A POST without a body at a path the model cannot walk (v1.0's user app installation
//! `upgrade`: the user page lists no `teamwork`) is an action, a method of the place before it
//! as the same action is where the path walks (`teams().id(..).installed_apps().id(..).upgrade()`),
//! not a place with a `post()` of its own.

mod common;

#[test]
fn a_post_without_a_body_where_the_model_cannot_walk_is_an_action() {
    let lamp = common::resource("lamp", "entity", "| name | String | Its name. |\n", "{\n  \"name\": \"String\"\n}");
    // `parts` is no relationship of a lamp: the model cannot walk `/lamps/{id}/parts/{id}`.
    let reset = "---\ntitle: \"Reset lamp part\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# Reset lamp part\n\nNamespace: microsoft.graph\n\nReset a part of a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /lamps/{id}/parts/{part-id}/reset\n```\n\n## Request body\n\nDo not supply a request body for this method.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";
    let files = common::generated(
        "unwalked-action",
        &[("resources/entity.md", common::ENTITY), ("resources/lamp.md", &lamp), ("api/lamppart-reset.md", reset)],
    );
    let lamps = files.get("src/api/lamps.rs").expect("lamps module");
    assert!(lamps.contains("pub fn reset(&self) -> crate::runtime::Request<crate::runtime::NoContent>"), "{lamps}");
    assert!(!lamps.contains("pub fn post("), "{lamps}");
}
