//! The tour against canned answers: each test checks what went out on the wire and what the
//! user gets back, as the service would send it.

use graph_tour as tour;
use msgraph::runtime::Error;
use serde_json::{json, Value};
use std::collections::VecDeque;

/// Answers from a queue, and keeps every request it was given.
#[derive(Default)]
struct Canned {
    answers: VecDeque<http::Response<Vec<u8>>>,
    sent: Vec<http::Request<Vec<u8>>>,
}

impl Canned {
    fn answer(mut self, status: u16, headers: &[(&str, &str)], body: &[u8]) -> Self {
        let mut b = http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.answers.push_back(b.body(body.to_vec()).expect("a valid response"));
        self
    }

    fn json(self, status: u16, body: Value) -> Self {
        self.answer(status, &[("content-type", "application/json")], body.to_string().as_bytes())
    }

    fn url(&self, i: usize) -> String {
        self.sent[i].uri().to_string()
    }

    fn body(&self, i: usize) -> Value {
        serde_json::from_slice(self.sent[i].body()).expect("a JSON body")
    }
}

impl tour::Transport for Canned {
    fn send(&mut self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        self.sent.push(request);
        self.answers.pop_front().expect("an answer for every request")
    }
}

#[test]
fn lists_users_with_a_filter_across_pages() {
    let next = "https://graph.microsoft.com/v1.0/users?$skiptoken=X2";
    let mut t = Canned::default()
        .json(200, json!({"value": [{"id": "1", "displayName": "Ada"}], "@odata.nextLink": next}))
        .json(200, json!({"value": [{"id": "2", "displayName": "Adele"}]}));
    let users = tour::enabled_users(&mut t, "Ad").unwrap();
    let names: Vec<&str> = users.iter().filter_map(|u| u.display_name.as_deref()).collect();
    assert_eq!(names, ["Ada", "Adele"]);
    assert_eq!(
        t.url(0),
        "https://graph.microsoft.com/v1.0/users?$filter=accountEnabled%20eq%20true%20and%20startswith(displayName,%27Ad%27)&$select=id,displayName,mail&$top=100"
    );
    assert_eq!(t.url(1), next, "the next page is the service's link, as it is");
    assert_eq!(t.sent[0].method(), "GET");
}

#[test]
fn gets_a_user_whose_key_needs_encoding() {
    let mut t = Canned::default().json(200, json!({"id": "9", "userPrincipalName": "o'neil#1@contoso.com"}));
    let user = tour::user(&mut t, "o'neil#1@contoso.com").unwrap();
    assert_eq!(user.user_principal_name.as_deref(), Some("o'neil#1@contoso.com"));
    assert_eq!(t.url(0), "https://graph.microsoft.com/v1.0/users/o%27neil%231@contoso.com");
}

#[test]
fn gets_a_user_whose_name_starts_with_a_dollar_in_parentheses() {
    // user-get.md: such a name is written `/users('$AdeleVance@contoso.com')`.
    let mut t = Canned::default().json(200, json!({"id": "7", "userPrincipalName": "$AdeleVance@contoso.com"}));
    tour::user(&mut t, "$AdeleVance@contoso.com").unwrap();
    assert_eq!(t.url(0), "https://graph.microsoft.com/v1.0/users('$AdeleVance@contoso.com')");
}

#[test]
fn creates_an_event() {
    let mut t = Canned::default().json(201, json!({"id": "e1", "subject": "Standup"}));
    let event = tour::create_standup(&mut t, "2026-12-01").unwrap();
    assert_eq!(event.id.as_deref(), Some("e1"));
    assert_eq!((t.sent[0].method().as_str(), t.url(0).as_str()), ("POST", "https://graph.microsoft.com/v1.0/me/events"));
    assert_eq!(
        t.body(0),
        json!({
            "subject": "Standup",
            "start": {"dateTime": "2026-12-01T09:00:00", "timeZone": "UTC"},
            "end": {"dateTime": "2026-12-01T09:15:00", "timeZone": "UTC"}
        })
    );
}

#[test]
fn sends_mail() {
    let mut t = Canned::default().answer(202, &[], b"");
    tour::send_mail(&mut t, "ada@contoso.com", "Lunch?", "Noon.").unwrap();
    assert_eq!(t.url(0), "https://graph.microsoft.com/v1.0/me/sendMail");
    assert_eq!(
        t.body(0),
        json!({"message": {
            "subject": "Lunch?",
            "body": {"content": "Noon."},
            "toRecipients": [{"emailAddress": {"address": "ada@contoso.com"}}]
        }})
    );
}

#[test]
fn patches_a_user_setting_one_field_and_clearing_another() {
    let mut t = Canned::default().answer(204, &[], b"");
    tour::move_desk(&mut t, "u1", "Ada L.").unwrap();
    assert_eq!((t.sent[0].method().as_str(), t.url(0).as_str()), ("PATCH", "https://graph.microsoft.com/v1.0/users/u1"));
    assert_eq!(t.body(0), json!({"displayName": "Ada L.", "officeLocation": null}));
}

#[test]
fn a_get_modify_patch_cycle_loses_nothing() {
    let read = json!({
        "id": "u1",
        "displayName": "Ada",
        "passwordProfile": {"forceChangePasswordNextSignIn": true, "newKey": 1},
        "assignedLicenses": [{"skuId": "6fd2c87f-b296-42f0-b197-1e91e994b900", "futureKey": "x"}],
        "someFutureProperty": {"nested": [1, 2]}
    });
    let mut t = Canned::default().json(200, read.clone()).answer(204, &[], b"");
    tour::rename_keeping_everything(&mut t, "u1", "Ada L.").unwrap();
    let mut want = read;
    want["displayName"] = json!("Ada L.");
    assert_eq!(t.body(1), want);
}

#[test]
fn a_get_modify_patch_cycle_can_send_only_the_change() {
    let read = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        "id": "u1",
        "displayName": "Ada",
        "createdDateTime": "2026-01-01T00:00:00Z",
        "passwordProfile": {"forceChangePasswordNextSignIn": true},
        "someFutureProperty": 1
    });
    let mut t = Canned::default().json(200, read).answer(204, &[], b"");
    let user = tour::rename_sending_the_change(&mut t, "u1", "Ada L.").unwrap();
    assert_eq!((t.sent[1].method().as_str(), t.url(1).as_str()), ("PATCH", "https://graph.microsoft.com/v1.0/users/u1"));
    assert_eq!(t.body(1), json!({"displayName": "Ada L."}), "not the read-only id, createdDateTime nor the context");
    assert_eq!(user.id.as_deref(), Some("u1"), "the model itself keeps everything");
}

#[test]
fn a_copy_of_a_read_user_leaves_out_what_the_service_sets() {
    let read = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        "@odata.etag": "W/\"1\"",
        "id": "u1",
        "displayName": "Ada",
        "createdDateTime": "2026-01-01T00:00:00Z",
        "mobilePhone": "+1 555 0100",
        "accountEnabled": true,
        "someFutureProperty": 1
    });
    let created = json!({"id": "u2", "displayName": "Ada", "userPrincipalName": "ada2@contoso.com"});
    let mut t = Canned::default().json(200, read).json(201, created);
    let copy = tour::copy_user(&mut t, "u1", "ada2@contoso.com").unwrap();
    assert_eq!((t.sent[1].method().as_str(), t.url(1).as_str()), ("POST", "https://graph.microsoft.com/v1.0/users"));
    // `mobilePhone` is "read-only for users synced from on-premises": a condition, so it goes.
    let want = json!({
        "displayName": "Ada",
        "mobilePhone": "+1 555 0100",
        "accountEnabled": true,
        "userPrincipalName": "ada2@contoso.com",
        "someFutureProperty": 1
    });
    assert_eq!(t.body(1), want, "not the id, createdDateTime, context nor etag");
    assert_eq!(copy.id.as_deref(), Some("u2"));
}

#[test]
fn downloads_and_uploads_file_content() {
    // The service answers 302 to the file's storage; the token goes to the service only.
    let mut t = Canned::default().answer(302, &[("location", "https://contoso.sharepoint.example/download.aspx?tempauth=x")], b"").answer(
        200,
        &[("content-type", "application/octet-stream")],
        b"old bytes",
    );
    assert_eq!(tour::download(&mut t, "01BYE5RZ").unwrap(), b"old bytes");
    assert_eq!(t.url(0), "https://graph.microsoft.com/v1.0/me/drive/items/01BYE5RZ/content");
    assert_eq!(t.url(1), "https://contoso.sharepoint.example/download.aspx?tempauth=x");
    assert_eq!(t.sent[0].headers()["authorization"], format!("Bearer {}", tour::TOKEN));
    assert!(t.sent[1].headers().get("authorization").is_none(), "the storage host gets no token");

    let mut t = Canned::default().json(200, json!({"id": "01BYE5RZ", "name": "notes.txt", "size": 9}));
    let item = tour::upload(&mut t, "01BYE5RZ", b"new bytes").unwrap();
    assert_eq!(item.name.as_deref(), Some("notes.txt"));
    assert_eq!(t.sent[0].method(), "PUT");
    assert_eq!(t.sent[0].body(), b"new bytes");
    assert_eq!(t.sent[0].headers()["content-type"], "application/octet-stream");
}

#[test]
fn reads_throttling_and_not_found() {
    let envelope = |code: &str, message: &str| json!({"error": {"code": code, "message": message}});
    let mut t = Canned::default().answer(
        429,
        &[("retry-after", "7"), ("content-type", "application/json")],
        envelope("TooManyRequests", "Slow down").to_string().as_bytes(),
    );
    let err = tour::user(&mut t, "u1").unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(7)));

    let mut t = Canned::default().json(404, envelope("Request_ResourceNotFound", "No such user"));
    match tour::user(&mut t, "nobody").unwrap_err() {
        Error::Graph { status: 404, error, .. } => assert_eq!(error.code, "Request_ResourceNotFound"),
        other => panic!("a 404 with an error envelope reads as a Graph error, not {other:?}"),
    }
}

#[test]
fn a_type_whose_area_is_off_keeps_all_of_its_json() {
    use msgraph::models::AnyDirectoryObject;
    let group = json!({"@odata.type": "#microsoft.graph.group", "id": "g1", "displayName": "HR", "mailEnabled": false});
    let mut t = Canned::default().json(200, json!({"value": [group.clone()]}));
    let found = tour::my_memberships(&mut t).unwrap();
    match &found[0] {
        AnyDirectoryObject::DirectoryObject(d) => {
            assert_eq!(d.odata_type.as_deref(), Some("#microsoft.graph.group"));
            assert_eq!(d.additional_properties["displayName"], "HR");
        }
        other => panic!("without the groups area a group reads as a directory object, not {other:?}"),
    }
    assert_eq!(serde_json::to_value(&found[0]).unwrap(), group, "written back as it came");
    // The base type's fields read the same whatever the variant.
    assert_eq!(found[0].id().as_deref(), Some("g1"));
    assert_eq!(found[0].odata_type().as_deref(), Some("#microsoft.graph.group"));
}

#[test]
fn a_malformed_answer_names_the_item_and_field() {
    let page = r#"{"value": [{"id": "1", "accountEnabled": true}, {"id": "2", "accountEnabled": "yes"}]}"#;
    let mut t = Canned::default().answer(200, &[("content-type", "application/json")], page.as_bytes());
    let err = tour::enabled_users(&mut t, "A").unwrap_err().to_string();
    assert!(err.contains("value[1].accountEnabled: invalid type: string \"yes\", expected a boolean"), "{err}");
}

#[test]
fn memberships_read_the_tag_wherever_it_stands() {
    use msgraph::models::AnyDirectoryObject;
    let first = json!({"@odata.type": "#microsoft.graph.user", "id": "u1", "displayName": "Readers"});
    let later = json!({"id": "u2", "displayName": "Writers", "@odata.type": "#microsoft.graph.user"});
    let mut t = Canned::default().json(200, json!({"value": [first, later]}));
    let found = tour::my_memberships(&mut t).unwrap();
    let names: Vec<Option<&str>> = found
        .iter()
        .map(|m| match m {
            AnyDirectoryObject::User(u) => u.display_name.as_deref(),
            _ => None,
        })
        .collect();
    assert_eq!(names, [Some("Readers"), Some("Writers")], "{found:?}");
    let ids: Vec<Option<&str>> = found.iter().map(|m| m.id().as_deref()).collect();
    assert_eq!(ids, [Some("u1"), Some("u2")], "a user's id through the enum's getter");
}

#[test]
fn annotations_go_before_the_properties_they_annotate() {
    // OData's JSON puts `tags@odata.type` before `tags` (the connector pages write it so);
    // a map of kept keys sorts it after. Instance annotations lead, then the fields.
    let mut m = msgraph::models::Message { subject: "Hi".into(), ..Default::default() };
    m.additional_properties.insert("tags".into(), json!(["a"]));
    m.additional_properties.insert("tags@odata.type".into(), json!("Collection(String)"));
    m.additional_properties.insert("@odata.etag".into(), json!("W/\"1\""));
    let text = serde_json::to_string(&m).unwrap();
    let at = |k: &str| text.find(&format!("\"{k}\"")).unwrap_or_else(|| panic!("{k} in {text}"));
    assert!(at("@odata.etag") < at("subject") && at("tags@odata.type") < at("tags"), "{text}");
    assert_eq!(serde_json::from_str::<msgraph::models::Message>(&text).unwrap(), m, "read back the same");
    // A derived kind in its base's place writes its tag first, then the same order.
    let mut e = msgraph::models::EventMessage::default();
    e.additional_properties = m.additional_properties.clone();
    let text = serde_json::to_string(&msgraph::models::AnyMessage::from(e)).unwrap();
    let at = |k: &str| text.find(&format!("\"{k}\"")).unwrap_or_else(|| panic!("{k} in {text}"));
    assert!(text.starts_with("{\"@odata.type\":\"#microsoft.graph.eventMessage\""), "{text}");
    assert!(at("@odata.etag") < at("tags") && at("tags@odata.type") < at("tags"), "{text}");
}

#[test]
fn an_enum_member_in_another_letter_case_is_that_member() {
    // Docs examples write `"High"` where the enum's member is `high`; the service reads both.
    use msgraph::enums::Importance;
    let m: msgraph::models::Message = serde_json::from_value(json!({"importance": "High", "subject": "Hi"})).unwrap();
    assert_eq!(m.importance.value(), Some(&Importance::High), "{m:?}");
    assert_eq!(serde_json::to_value(&m).unwrap(), json!({"importance": "high", "subject": "Hi"}), "written back as the enum spells it");
    // A member the crate does not know keeps its text, whatever its case.
    assert_eq!(Importance::from("Urgent"), Importance::Unrecognized("Urgent".into()));
}

#[test]
fn a_page_read_item_by_item_keeps_the_items_the_model_reads() {
    let page = json!({"value": [{"id": "1", "accountEnabled": true}, {"id": "2", "accountEnabled": "yes"}, {"id": "3"}]});
    let mut t = Canned::default().json(200, page);
    let (users, odd) = tour::users_item_by_item(&mut t).unwrap();
    let ids: Vec<Option<&str>> = users.iter().map(|u| u.id.as_deref()).collect();
    assert_eq!(ids, [Some("1"), Some("3")]);
    assert_eq!(odd.len(), 1);
    assert_eq!(odd[0].0, 1);
    assert!(odd[0].1.contains("accountEnabled: invalid type: string \"yes\""), "{}", odd[0].1);
    assert_eq!(t.url(0), "https://graph.microsoft.com/v1.0/users", "the same request");
}

#[test]
fn reassigns_a_planner_task_through_its_assignments_map() {
    let read = json!({
        "@odata.etag": "W/\"JzEt\"",
        "id": "T1",
        "assignments": {"u-old": {"@odata.type": "#microsoft.graph.plannerAssignment", "orderHint": "8585", "assignedBy": {"user": {"id": "u0"}}}}
    });
    let mut t = Canned::default().json(200, read).answer(204, &[], b"");
    let had = tour::reassign(&mut t, "T1", "u-new", "u-old").unwrap();
    assert_eq!(had, ["u-old"]);
    assert_eq!((t.sent[1].method().as_str(), t.url(1).as_str()), ("PATCH", "https://graph.microsoft.com/v1.0/planner/tasks/T1"));
    assert_eq!(t.sent[1].headers()["if-match"], "W/\"JzEt\"");
    // As the task update page's example sends it: each value tagged, `null` unassigns.
    assert_eq!(
        t.body(1),
        json!({"assignments": {"u-new": {"@odata.type": "#microsoft.graph.plannerAssignment", "orderHint": " !"}, "u-old": null}})
    );
    // And a read value is the typed model.
    let task: msgraph::models::PlannerTask = serde_json::from_value(json!({"assignments": {"u1": {"orderHint": "85"}}})).unwrap();
    let a = task.assignments.get().and_then(|a| a.get("u1")).unwrap().unwrap();
    assert_eq!(a.order_hint.as_deref(), Some("85"));
}

#[test]
fn a_nested_field_changes_in_place_through_get_mut() {
    use msgraph::runtime::Changes;
    let read: msgraph::models::User =
        serde_json::from_value(json!({"id": "1", "passwordProfile": {"forceChangePasswordNextSignIn": false, "password": "x"}})).unwrap();
    let mut user = read.clone();
    if let Some(p) = user.password_profile.get_mut() {
        p.force_change_password_next_sign_in = true.into();
    }
    assert_eq!(
        serde_json::to_value(user.changes_since(&read)).unwrap(),
        json!({"passwordProfile": {"forceChangePasswordNextSignIn": true, "password": "x"}})
    );
    assert!(msgraph::models::User::default().password_profile.get_mut().is_none());
}
