//! Tests of delta walks (`runtime/delta.rs`): paging to the delta link, removed items, link
//! changes, and the next sync.
//!
//! Hand-written: the generator copies this file from `templates/tests/delta.rs`.

use msgraph::runtime::{Delta, DeltaSync, Request, ResponseKind};

/// The walk of `pages` from `path`, each page answering the request before it.
fn walked(path: &str, pages: &[&str]) -> DeltaSync<serde_json::Value> {
    let mut n = 0;
    let first: Request<Delta<serde_json::Value>> = Request::new(http::Method::GET, path);
    first
        .sync("https://graph.microsoft.com/v1.0", |_| {
            n += 1;
            <Delta<serde_json::Value> as ResponseKind>::parse(200, pages[n - 1].as_bytes())
        })
        .unwrap()
}

#[test]
fn a_delta_walk_is_sans_io_too() {
    use msgraph::runtime::DeltaPage;
    let pages = [
        r#"{"value":[{"id":"1"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users/delta?$skiptoken=2"}"#,
        r#"{"value":[{"id":"2","@removed":{}}],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/users/delta?$deltatoken=3"}"#,
    ];
    let mut sent = Vec::new();
    let first: Request<Delta<serde_json::Value>> = Request::new(http::Method::GET, "/users/delta");
    let sync = first
        .sync("https://graph.microsoft.com/v1.0", |r| {
            sent.push(r.url("https://graph.microsoft.com/v1.0"));
            <Delta<serde_json::Value> as ResponseKind>::parse(200, pages[sent.len() - 1].as_bytes())
        })
        .unwrap();
    assert_eq!((sync.changed.len(), sync.removed[0].id.as_str(), sync.removed[0].reason.as_deref()), (1, "2", None));
    assert_eq!(sent[1], "https://graph.microsoft.com/v1.0/users/delta?$skiptoken=2");
    assert!(sync.delta_link.ends_with("$deltatoken=3"));
    let no_link = |_: &Request<Delta<serde_json::Value>>| -> Result<DeltaPage<serde_json::Value>, msgraph::Error> {
        <Delta<serde_json::Value> as ResponseKind>::parse(200, br#"{"value":[]}"#)
    };
    let ended = Request::<Delta<serde_json::Value>>::resume("/users/delta").sync("https://graph.microsoft.com/v1.0", no_link);
    assert!(ended.is_err(), "a walk without a delta link has nowhere to resume");
}

#[test]
fn a_walk_keeps_every_link_change_of_an_item_met_twice() {
    // A group met on two pages carries part of its member changes on each; the walk keeps the
    // group's last state and every member change, a member added then removed as removed.
    let pages = [
        r##"{"value":[{"id":"g1","displayName":"a","members@delta":[{"@odata.type":"#microsoft.graph.user","id":"u1"},{"id":"u2"}]}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/groups/delta?$skiptoken=2"}"##,
        r##"{"value":[{"id":"g1","displayName":"b","members@delta":[{"id":"u3"},{"id":"u1","@removed":{"reason":"deleted"}},{"@removed":{}}],"owners@delta":[{"id":"u2","@removed":"changed"}]}],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/groups/delta?$deltatoken=3"}"##,
    ];
    let sync = walked("/groups/delta", &pages);
    assert_eq!(sync.changed.len(), 1);
    assert_eq!(sync.changed[0]["displayName"], "b");
    let links: Vec<(&str, &str, &str, bool, Option<&str>)> =
        sync.links.iter().map(|l| (l.item.as_str(), l.relationship.as_str(), l.id.as_str(), l.removed, l.reason.as_deref())).collect();
    assert_eq!(
        links,
        [
            ("g1", "members", "u2", false, None),
            ("g1", "members", "u3", false, None),
            ("g1", "members", "u1", true, Some("deleted")),
            ("g1", "owners", "u2", true, Some("changed")),
        ]
    );
}

#[test]
fn a_drive_item_with_a_deleted_facet_is_removed() {
    // OneDrive's form of `@removed`; a `deleted` that is no facet (a flag) is a property.
    let page = br#"{"value":[{"id":"f5","name":"file5.txt","deleted":{}},{"id":"f6","deleted":false}],"@odata.deltaLink":"d"}"#;
    let page = <Delta<serde_json::Value> as ResponseKind>::parse(200, page).unwrap();
    assert_eq!(page.removed.len(), 1);
    assert_eq!((page.removed[0].id.as_str(), page.removed[0].reason.as_deref()), ("f5", Some("deleted")));
    assert_eq!(page.changed.len(), 1);
    assert_eq!(page.changed[0]["id"], "f6");
}

#[test]
fn the_next_delta_sync_keeps_the_item_type_without_it_being_written() {
    // Neither line names the item type: it comes from the walk, or from the query's request.
    let last: DeltaSync<serde_json::Value> = DeltaSync {
        delta_link: "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=3".into(),
        headers: vec![("Prefer".into(), "odata.maxpagesize=5".into())],
        ..DeltaSync::default()
    };
    let next = last.resume();
    assert_eq!((next.method(), next.path(), next.headers()), (&http::Method::GET, last.delta_link.as_str(), last.headers.as_slice()));
    let query: Request<Delta<serde_json::Value>> = Request::new(http::Method::GET, "/users/delta").header("Prefer", "odata.maxpagesize=50");
    let stored = "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=9";
    let resumed = query.resume_at(stored);
    assert_eq!(resumed.path(), stored);
    assert_eq!(resumed.headers(), query.headers(), "the query's headers go with it");
}

#[test]
fn an_item_met_twice_keeps_what_its_earlier_occurrence_gave() {
    // A delta answer leaves out what did not change: the role's description, given on the first
    // page only, is still its description. A removal in between starts the item afresh.
    let pages = [
        r#"{"value":[{"id":"r1","displayName":"Admins","description":"d"},{"id":"r2","displayName":"gone"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/directoryRoles/delta?$skiptoken=2"}"#,
        r#"{"value":[{"id":"r2","@removed":{"reason":"deleted"}},{"id":"r1","displayName":"Admins 2","description":null},{"id":"r2","mail":"m"},{"id":"r1","roleTemplateId":"t"}],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/directoryRoles/delta?$deltatoken=3"}"#,
    ];
    let sync = walked("/directoryRoles/delta", &pages);
    assert_eq!(
        sync.changed,
        [
            serde_json::json!({"id": "r2", "mail": "m"}),
            serde_json::json!({"id": "r1", "displayName": "Admins 2", "description": null, "roleTemplateId": "t"}),
        ]
    );
    assert!(sync.removed.is_empty(), "r2 came back");
}
