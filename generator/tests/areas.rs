//! Which cargo features compile a type (`plan::Areas`), on made-up pages: a `notes` area whose
//! list answers notes, one kind of which (a sticky note) no request answers itself, each note
//! holding tags that no request reads on their own; and a `finds` area whose search hits hold
//! any note, so it reaches both kinds through structure. A user of `notes` alone must be able to
//! match a sticky note in the answer and read a note's tags.

use graphgen::plan::{plan, Areas};

mod common;

use common::{list, resource, ENTITY};

#[test]
fn an_area_compiles_the_kinds_its_answers_hold_and_the_relationships_only_it_reads() {
    let note = resource(
        "note",
        "entity",
        "| text | String | What it says. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| tags | [tag](tag.md) collection | Its labels. |\n",
        "{\n  \"text\": \"String\"\n}",
    );
    let sticky = resource("stickyNote", "note", "| color | String | Its paper. |\n", "{\n  \"color\": \"String\"\n}");
    let tag = resource("tag", "entity", "| label | String | The word. |\n", "{\n  \"label\": \"String\"\n}");
    let hit = resource(
        "finding",
        "entity",
        "| item | [note](note.md) | What was found. |\n",
        "{\n  \"item\": {\"@odata.type\": \"microsoft.graph.note\"}\n}",
    );
    let pages: Vec<(String, String)> = vec![
        ("v1.0/resources/entity.md".into(), ENTITY.into()),
        ("v1.0/resources/note.md".into(), note),
        ("v1.0/resources/stickynote.md".into(), sticky),
        ("v1.0/resources/tag.md".into(), tag),
        ("v1.0/resources/finding.md".into(), hit),
        ("v1.0/api/note-list.md".into(), list("notes", "/notes", "note")),
        ("v1.0/api/finding-list.md".into(), list("finds", "/findings", "finding")),
    ];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    assert!(api.types.contains_key("microsoft.graph.stickyNote"), "{:?}", api.types.keys());
    let areas = Areas::compute(&api, &plan(&api.operations));
    let of = |t: &str| areas.of.get(&format!("microsoft.graph.{t}")).cloned().unwrap_or_default();
    assert!(of("note").contains("notes") && of("note").contains("finds"), "{:?}", areas.of);
    // Found by `finds` through structure, yet one of the values a notes list answers.
    assert!(of("stickyNote").contains("notes"), "{:?}", areas.of);
    // Read only through a note: part of the note, wherever notes are compiled.
    assert!(of("tag").contains("notes"), "{:?}", areas.of);
    // The search hit itself is `finds`' alone.
    assert!(!of("finding").contains("notes"), "{:?}", areas.of);
}

#[test]
fn a_value_of_any_entity_leaves_the_kinds_to_their_own_areas() {
    let note = resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let label = resource("label", "entity", "| word | String | The word. |\n", "{\n  \"word\": \"String\"\n}");
    // A hit holds any entity (the hierarchy's root): following its kinds would compile every
    // entity type, and every type they hold, for a user of `finds` alone.
    let hit = resource(
        "finding",
        "entity",
        "| resource | [entity](entity.md) | What was found. |\n",
        "{\n  \"resource\": {\"@odata.type\": \"microsoft.graph.entity\"}\n}",
    );
    let pages: Vec<(String, String)> = vec![
        ("v1.0/resources/entity.md".into(), ENTITY.into()),
        ("v1.0/resources/note.md".into(), note),
        ("v1.0/resources/label.md".into(), label),
        ("v1.0/resources/finding.md".into(), hit),
        ("v1.0/api/note-list.md".into(), list("notes", "/notes", "note")),
        ("v1.0/api/label-list.md".into(), list("labels", "/labels", "label")),
        ("v1.0/api/finding-list.md".into(), list("finds", "/findings", "finding")),
    ];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let areas = Areas::compute(&api, &plan(&api.operations));
    let of = |t: &str| areas.of.get(&format!("microsoft.graph.{t}")).cloned().unwrap_or_default();
    assert!(of("entity").contains("finds"), "{:?}", areas.of);
    assert!(!of("note").contains("finds") && !of("label").contains("finds"), "{:?}", areas.of);
    assert!(of("note").contains("notes") && of("label").contains("labels"), "{:?}", areas.of);
}

#[test]
fn a_type_no_request_reaches_joins_its_page_products_area() {
    // A notice the service posts to a webhook: no request takes or answers it. Its page is of
    // the `notes` product, which has requests; a memo's page is of a product that has none.
    let with_product = |page: String, product: &str| page.replacen("doc_type:", &format!("ms.prod: \"{product}\"\ndoc_type:"), 1);
    let note = resource("note", "entity", "| text | String | What it says. |\n", "{\n  \"text\": \"String\"\n}");
    let notice = with_product(
        resource(
            "notice",
            "entity",
            "| about | [detail](detail.md) | What changed. |\n",
            "{\n  \"about\": {\"@odata.type\": \"microsoft.graph.detail\"}\n}",
        ),
        "notes",
    );
    let detail = resource("detail", "entity", "| word | String | The word. |\n", "{\n  \"word\": \"String\"\n}");
    let memo = with_product(resource("memo", "entity", "| word | String | The word. |\n", "{\n  \"word\": \"String\"\n}"), "archives");
    let pages: Vec<(String, String)> = vec![
        ("v1.0/resources/entity.md".into(), ENTITY.into()),
        ("v1.0/resources/note.md".into(), note),
        ("v1.0/resources/notice.md".into(), notice),
        ("v1.0/resources/detail.md".into(), detail),
        ("v1.0/resources/memo.md".into(), memo),
        ("v1.0/api/note-list.md".into(), list("notes", "/notes", "note")),
    ];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    assert_eq!(api.types["microsoft.graph.notice"].product, "notes");
    let areas = Areas::compute(&api, &plan(&api.operations));
    let of = |t: &str| areas.of.get(&format!("microsoft.graph.{t}")).cloned().unwrap_or_default();
    assert!(of("notice").contains("notes"), "{:?}", areas.of);
    // What it holds comes with it.
    assert!(of("detail").contains("notes"), "{:?}", areas.of);
    assert_eq!(of("memo").into_iter().collect::<Vec<_>>(), ["unreferenced"], "a product without requests has no feature");
}
