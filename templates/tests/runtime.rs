//! Tests of the hand-written runtime and Edm types, copied into every generated crate.
//!
//! Hand-written: the generator copies this file from `templates/tests/runtime.rs`.

use CRATE::edm::{Binary, Date, DateTimeOffset, Duration, Guid};
use CRATE::runtime::{segment, Collection, Json, NoContent, Nullable, ObjectWriter, Primitive, Request, ResponseKind};
use CRATE::Error;

/// A model shaped like the generated ones, to test the reader and writer they use.
#[derive(Default, Clone, PartialEq)]
struct Patch {
    name: Nullable<String>,
    size: Nullable<i32>,
    note: Nullable<String>,
    child: Nullable<Box<Patch>>,
    kind: Nullable<String>,
    rest: std::collections::BTreeMap<String, serde_json::Value>,
}

impl std::fmt::Debug for Patch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: [(&str, &dyn CRATE::runtime::DebugField); 5] =
            [("name", &self.name), ("size", &self.size), ("note", &self.note), ("child", &self.child), ("odata_type", &self.kind)];
        CRATE::runtime::debug_model(f, "Patch", &fields, &self.rest)
    }
}

impl serde::Serialize for Patch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = ObjectWriter::new(s)?;
        w.field("name", &self.name)?;
        w.field("size", &self.size)?;
        w.field("note", &self.note)?;
        w.field("child", &self.child)?;
        w.field("@odata.type", &self.kind)?;
        w.extra(&self.rest)?;
        w.end()
    }
}

impl<'de> serde::Deserialize<'de> for Patch {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        CRATE::runtime::read_object(d)
    }

    fn deserialize_in_place<D: serde::Deserializer<'de>>(d: D, place: &mut Self) -> Result<(), D::Error> {
        CRATE::runtime::read_object_in_place(d, place)
    }
}

impl CRATE::runtime::ReadFields for Patch {
    fn read_field<'de, A: serde::de::MapAccess<'de>>(&mut self, key: &str, m: &mut A) -> Result<bool, A::Error> {
        use CRATE::runtime::field;
        match key {
            "name" => field(m, key, &mut self.name),
            "size" => field(m, key, &mut self.size),
            "note" => field(m, key, &mut self.note),
            "child" => field(m, key, &mut self.child),
            "@odata.type" => field(m, key, &mut self.kind),
            _ => Ok(false),
        }
    }

    fn rest(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
        &mut self.rest
    }

    fn odata_type(&mut self) -> Option<&mut Nullable<String>> {
        Some(&mut self.kind)
    }
}

#[test]
fn reading_streams_keeps_unknown_keys_and_names_the_failing_field() {
    let text = r#"{"na\u006de":"esc","extra":{"deep":[1,2]},"child":{"size":4,"other":true}}"#;
    let p: Patch = serde_json::from_str(text).unwrap();
    assert_eq!(p.name.as_deref(), Some("esc"), "an escaped key still finds its field");
    assert_eq!(p.rest["extra"], serde_json::json!({"deep": [1, 2]}));
    let child = p.child.get().expect("a nested model");
    assert_eq!((child.size.get(), child.rest["other"].as_bool()), (Some(&4), Some(true)));
    // The same from a JSON tree, as a batch answer or a polymorphic value reads it.
    let from_tree: Patch = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
    assert_eq!(from_tree, p);

    let err = serde_json::from_str::<Patch>("{\n\"child\": {\"child\": {\"size\": \"big\"}}}").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("child.child.size: invalid type: string \"big\""), "{msg}");
    assert_eq!((err.line(), err.column()), (2, 33), "the position survives: {msg}");
    assert!(serde_json::from_str::<Patch>("[1]").is_err(), "an array is not a model");
}

#[test]
fn a_path_written_by_hand_that_is_not_valid_http_is_refused_before_sending() {
    let raw: Request<Json<serde_json::Value>> = Request::new(http::Method::GET, "/me/drive/root:/a b.txt:");
    let err = raw.to_http("https://graph.microsoft.com/v1.0").expect_err("a space in the path");
    assert!(
        matches!(&err, Error::Invalid(m) if m.contains("GET https://graph.microsoft.com/v1.0/me/drive/root:/a b.txt:") && m.contains("segment")),
        "{err:?}"
    );
    let encoded: Request<Json<serde_json::Value>> = Request::new(http::Method::GET, format!("/me/drive/root:/{}:", segment("a b.txt")));
    assert!(encoded.to_http("https://graph.microsoft.com/v1.0").is_ok());
}

#[test]
fn a_kept_next_link_is_read_with_the_first_requests_headers() {
    let first: Request<Collection<serde_json::Value>> =
        Request::new(http::Method::GET, "/me/calendarView").header("Prefer", "outlook.timezone=\"Pacific Standard Time\"");
    let link = "https://graph.microsoft.com/v1.0/me/calendarView?$skiptoken=abc";
    let next = first.at_link(link);
    assert_eq!(next.path(), link);
    let prefer = next.headers().iter().find(|(k, _)| k == "Prefer").map(|(_, v)| v.as_str());
    assert_eq!(prefer, Some("outlook.timezone=\"Pacific Standard Time\""));
}

#[test]
fn an_update_after_a_read_sends_only_what_changed() {
    use CRATE::runtime::Changes;
    let read = r##"{"@odata.context":"ctx","@odata.type":"#x.patch","name":"a","size":1,"note":"n","child":{"name":"c","size":2}}"##;
    let before: Patch = serde_json::from_str(read).unwrap();
    let mut after = before.clone();
    assert_eq!(serde_json::to_value(after.changes_since(&before)).unwrap(), serde_json::json!({}), "nothing changed, nothing sent");
    after.size = 5.into();
    after.note = Nullable::clear();
    after.child = Nullable::Value(Box::new(Patch { name: "c".into(), size: 3.into(), ..Default::default() }));
    after.name = Nullable::Absent;
    let sent = serde_json::to_value(after.changes_since(&before)).unwrap();
    // The size and the cleared note; the child whole, as Graph replaces a complex value whole;
    // the type, which a derived type's update needs; not the context, nor the absent name.
    let want = serde_json::json!({"size": 5, "note": null, "child": {"name": "c", "size": 3}, "@odata.type": "#x.patch"});
    assert_eq!(sent, want);
}

/// A polymorphic value shaped like the generated `Any*` enums.
#[derive(Debug, PartialEq)]
enum AnyPatch {
    Base(Box<Patch>),
    Special(Box<Patch>),
}

impl<'de> serde::Deserialize<'de> for AnyPatch {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        CRATE::runtime::read_polymorphic(d)
    }
}

impl CRATE::runtime::Polymorphic for AnyPatch {
    fn read_as<'de, A: serde::de::MapAccess<'de>>(tag: &str, rest: CRATE::runtime::Rest<A>) -> Result<Self, A::Error> {
        Ok(match tag {
            "specialpatch" => AnyPatch::Special(rest.read()?),
            _ => AnyPatch::Base(rest.read()?),
        })
    }
}

#[test]
fn a_polymorphic_value_reads_its_tag_first_or_anywhere() {
    let first: AnyPatch = serde_json::from_str(r##"{"@odata.type":"#x.SpecialPatch","size":1,"more":2}"##).unwrap();
    let later: AnyPatch = serde_json::from_str(r##"{"size":1,"more":2,"@odata.type":"#x.SpecialPatch"}"##).unwrap();
    assert_eq!(first, later);
    let AnyPatch::Special(p) = first else { panic!("the tag picks the variant") };
    assert_eq!((p.kind.as_deref(), p.size.get(), p.rest.len()), (Some("#x.SpecialPatch"), Some(&1), 1));
    let untagged: AnyPatch = serde_json::from_str(r#"{"name":"n"}"#).unwrap();
    assert!(matches!(untagged, AnyPatch::Base(p) if p.kind.is_absent() && p.name.as_deref() == Some("n")));
    let null_tag: AnyPatch = serde_json::from_str(r#"{"@odata.type":null}"#).unwrap();
    assert!(matches!(null_tag, AnyPatch::Base(p) if p.kind.is_null()));
    let err = serde_json::from_str::<AnyPatch>(r##"{"@odata.type":"#x.specialPatch","size":"big"}"##).unwrap_err();
    assert!(err.to_string().starts_with("size: invalid type"), "{err}");
}

#[test]
fn patch_bodies_tell_absent_null_and_value_apart() {
    let p = Patch { name: "x".to_string().into(), size: Nullable::Absent, note: Nullable::Null, ..Default::default() };
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"name":"x","note":null}"#);
    let back: Patch = serde_json::from_str(r#"{"name":"x","note":null}"#).unwrap();
    assert_eq!(back, p);
    assert!(serde_json::from_str::<Patch>(r#"{"size":"big"}"#).is_err(), "a wrong kind is an error");
}

#[test]
fn none_is_absent_and_null_is_only_sent_on_purpose() {
    let maybe: Option<String> = None;
    let p = Patch { name: maybe.into(), size: Some(3).into(), ..Default::default() };
    assert!(p.name.is_absent(), "None converts to Absent, never Null");
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"size":3}"#, "None is left out of the JSON");
    let cleared = Patch { note: Nullable::clear(), ..Default::default() };
    assert!(cleared.note.is_null());
    assert_eq!(serde_json::to_string(&cleared).unwrap(), r#"{"note":null}"#, "clear() sends null");
    let read: Patch = serde_json::from_str(r#"{"note":null}"#).unwrap();
    assert!(read.note.is_null() && read.name.is_absent(), "a null read stays Null, a missing key Absent");
}

#[test]
fn a_reference_body_is_only_the_odata_id() {
    // The body of a `$ref` write: `{"@odata.id": url}` and nothing else.
    let url = "https://graph.microsoft.com/v1.0/directoryObjects/42";
    let body: Patch = CRATE::runtime::reference(url);
    assert_eq!(serde_json::to_string(&body).unwrap(), format!("{{\"@odata.id\":\"{url}\"}}"));
}

#[test]
fn odata_bind_links_a_new_entity_to_existing_ones_beside_its_fields() {
    use CRATE::runtime::Bind;
    let (a, b) = ("https://graph.microsoft.com/v1.0/users/1", "https://graph.microsoft.com/v1.0/users/2");
    let body = Patch { name: "Eng".into(), ..Default::default() }.bind_all("members", [a, b]).bind("template", a);
    let sent: serde_json::Value = serde_json::from_str(&serde_json::to_string(&body).unwrap()).unwrap();
    let want = serde_json::json!({"name": "Eng", "members@odata.bind": [a, b], "template@odata.bind": a});
    assert_eq!(sent, want);
}

#[test]
fn debug_shows_only_present_fields() {
    assert_eq!(format!("{:?}", Patch::default()), "Patch");
    let child = Patch { size: 4.into(), ..Default::default() };
    let p = Patch { name: "x".into(), note: Nullable::clear(), child: Box::new(child).into(), ..Default::default() };
    assert_eq!(format!("{p:?}"), r#"Patch { name: "x", note: Null, child: Patch { size: 4 } }"#);
    let mut extra = Patch::default();
    extra.rest.insert("more".into(), serde_json::json!(1));
    assert_eq!(format!("{extra:?}"), r#"Patch { additional_properties: {"more": Number(1)} }"#);
    assert!(format!("{p:#?}").contains("\n    name: \"x\",\n"), "{{:#?}} is pretty too");
}

#[test]
fn nullable_values_are_easy_to_make_and_read() {
    let p = Patch { name: "x".into(), size: 3.into(), note: Nullable::clear(), ..Default::default() };
    assert_eq!(p.name.as_deref(), Some("x"));
    assert_eq!(p.size.value(), Some(&3));
    assert!(p.note.is_null() && !p.note.is_absent());
    assert_eq!(p.size.map(|n| n * 2).unwrap_or(0), 6);
    assert_eq!(p.note.clone().unwrap_or_default(), String::new());
    assert_eq!(Nullable::<i32>::Absent.unwrap_or(7), 7);
    assert_eq!(p.name.as_ref(), Nullable::Value(&"x".to_string()));
    // A field prints as its value, as the model does.
    assert_eq!(format!("{:?} {:?} {:?}", p.name, p.note, Patch::default().size), r#""x" Null Absent"#);
    // No `From<Vec<&str>>`: it would make `vec![].into()`, an empty list of strings, ambiguous.
    let none: Nullable<Vec<String>> = vec![].into();
    assert_eq!(none.value().map(Vec::len), Some(0));
}

#[test]
fn a_filter_literal_doubles_its_quotes_and_the_query_encodes_them() {
    use CRATE::runtime::odata_string;
    assert_eq!(odata_string("O'Brien"), "'O''Brien'");
    let r: Request<Collection<serde_json::Value>> = Request::new(CRATE::http::Method::GET, "/users");
    let url = r.filter(format!("surname eq {}", odata_string("O'Brien"))).url("https://graph.microsoft.com/v1.0");
    assert_eq!(url, "https://graph.microsoft.com/v1.0/users?$filter=surname%20eq%20%27O%27%27Brien%27");
}

#[test]
fn a_path_parameter_stays_one_segment() {
    assert_eq!(segment("a/b#c?d%e'f g\u{e9}"), "a%2Fb%23c%3Fd%25e%27f%20g%C3%A9");
    assert_eq!(segment("ada@contoso.example"), "ada@contoso.example");
    assert_eq!(segment("AQAAAJ5dZqA="), "AQAAAJ5dZqA=", "an Outlook id's base64 padding, as the docs write it");
}

#[test]
fn a_key_starting_with_a_dollar_is_written_in_parentheses_as_the_user_pages_ask() {
    assert_eq!(CRATE::runtime::key("ada@contoso.example"), "/ada@contoso.example");
    assert_eq!(CRATE::runtime::key("a/b"), "/a%2Fb");
    assert_eq!(CRATE::runtime::key("$AdeleVance@contoso.com"), "('$AdeleVance@contoso.com')");
    assert_eq!(CRATE::runtime::key("$O'Neil/x"), "('$O%27%27Neil%2Fx')");
}

#[test]
fn error_statuses_read_the_graph_envelope() {
    let body = br#"{"error":{"code":"itemNotFound","message":"gone","innerError":{"request-id":"r-1","date":"2021-01-01T00:00:00"}}}"#;
    match <Json<Patch> as ResponseKind>::parse(404, body) {
        Err(Error::Graph { status, error, retry_after: None, .. }) => {
            assert_eq!((status, error.code.as_str(), error.message.as_str()), (404, "itemNotFound", "gone"));
            assert_eq!(error.inner_error.and_then(|i| i.request_id).as_deref(), Some("r-1"));
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
    assert!(matches!(<NoContent as ResponseKind>::parse(500, b"oops"), Err(Error::UnexpectedStatus { status: 500, .. })));
    assert!(<NoContent as ResponseKind>::parse(204, b"").is_ok());
}

#[test]
fn a_request_accepts_json_unless_it_answers_bytes_or_says_otherwise() {
    let root = "https://graph.microsoft.com/v1.0";
    let accept =
        |r: http::Request<Vec<u8>>| r.headers().get_all("accept").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    let json = Request::<Json<Patch>>::new(http::Method::GET, "/things/1");
    assert_eq!(accept(json.to_http(root).unwrap()), ["application/json"]);
    let bytes: Request<CRATE::runtime::Bytes> = Request::new(http::Method::GET, "/me/photo/$value");
    assert!(accept(bytes.to_http(root).unwrap()).is_empty(), "content may be of any type");
    let csv = Request::<Json<Patch>>::new(http::Method::GET, "/things/1").header("Accept", "text/csv");
    assert_eq!(accept(csv.to_http(root).unwrap()), ["text/csv"]);
}

#[test]
fn a_request_asked_to_respond_async_reads_the_operation_its_location_names() {
    let create = Request::<Json<Patch>>::new(http::Method::POST, "/workbook/createSession").respond_async::<Patch>();
    let http = create.to_http("https://graph.microsoft.com/v1.0").unwrap();
    assert_eq!(http.headers().get("prefer").and_then(|v| v.to_str().ok()), Some("respond-async"));
    let mut headers = http::HeaderMap::new();
    headers.insert("location", "https://graph.microsoft.com/v1.0/workbook/operations/op-1".parse().unwrap());
    let op = create.parse_response(202, &headers, b"{}").expect("accepted");
    assert_eq!(op.location.as_deref(), Some("https://graph.microsoft.com/v1.0/workbook/operations/op-1"));
    assert!(op.poll().is_some(), "something to poll");
}

#[test]
fn a_write_answered_without_a_body_reads_as_none_when_asked() {
    let update = Request::<Json<Patch>>::new(http::Method::PATCH, "/things/1");
    let err = <Json<Patch> as ResponseKind>::parse(204, b"").expect_err("Json<T> needs a body");
    assert!(err.to_string().contains("or_no_content"), "{err}");
    let maybe = update.or_no_content();
    assert!(maybe.url("https://graph.microsoft.com/v1.0").ends_with("/things/1"));
    let none = http::HeaderMap::new();
    assert!(maybe.parse_response(204, &none, b"").expect("a success").is_none());
    assert!(maybe.parse_response(200, &none, br#"{"name":"x"}"#).expect("a success").is_some());
    assert!(maybe.parse_response(404, &none, br#"{"error":{"code":"itemNotFound","message":"gone"}}"#).is_err());
}

#[test]
fn an_error_keeps_the_nested_error_and_the_answer_headers() {
    // A workload's nested error (as Intune and SharePoint send) comes back whole.
    let body = br##"{"error":{"code":"BadRequest","message":"outer","innerError":{"code":"ModelValidationFailure","message":"inner says why","request-id":"r-2","innerError":{"code":"deeper"},"@odata.type":"#x"}}}"##;
    let mut headers = http::HeaderMap::new();
    headers.insert("location", "https://graph.microsoft.com/v1.0/me/drive/root/delta?token=fresh".parse().unwrap());
    let err = Error::from_status(410, &headers, body).expect("an error");
    let inner = err.graph().and_then(|g| g.inner_error.as_ref()).expect("inner error");
    assert_eq!((inner.code.as_deref(), inner.message.as_deref()), (Some("ModelValidationFailure"), Some("inner says why")));
    assert_eq!(inner.inner_error.as_ref().and_then(|i| i.code.as_deref()), Some("deeper"));
    assert_eq!(inner.other.get("@odata.type").and_then(|v| v.as_str()), Some("#x"));
    assert_eq!(err.request_id(), Some("r-2"));
    // A detail's own fields (`validateProperties` names the prefix and suffix a name lacks).
    let body = br#"{"error":{"code":"Request_UnprocessableEntity","message":"m","details":[{"code":"PropertyConflict","target":"mailNickname","prefix":"Myprefix_","suffix":"_mysuffix"}]}}"#;
    let unprocessable = Error::from_status(422, &http::HeaderMap::new(), body).expect("an error");
    let detail = unprocessable.graph().and_then(|g| g.details.first()).expect("a detail");
    assert_eq!(detail.other.get("prefix").and_then(|v| v.as_str()), Some("Myprefix_"));
    assert_eq!(detail.other.get("suffix").and_then(|v| v.as_str()), Some("_mysuffix"));
    // A 410 of a delta names where the enumeration starts again.
    assert_eq!(err.location(), Some("https://graph.microsoft.com/v1.0/me/drive/root/delta?token=fresh"));
    // A 304 without a body keeps its headers (the ETag it confirms).
    let mut headers = http::HeaderMap::new();
    headers.insert("etag", "\"v2\"".parse().unwrap());
    let err = Error::from_status(304, &headers, b"").expect("an error");
    assert_eq!(err.status(), Some(304));
    assert_eq!(err.headers().and_then(|h| h.get("etag")).and_then(|v| v.to_str().ok()), Some("\"v2\""));
    assert_eq!(err.location(), None);
    // An envelope without a code (Planner's) prints its status and message.
    let err = Error::from_status(
        412,
        &http::HeaderMap::new(),
        br#"{"error":{"code":"","message":"The If-Match header contains an invalid value."}}"#,
    );
    assert_eq!(err.expect("an error").to_string(), "Graph error 412: The If-Match header contains an invalid value.");
}

#[test]
fn a_redirect_is_read_with_its_location_and_followed_as_a_get() {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::LOCATION, "https://storage.example/blob?sig=1".parse().unwrap());
    let req: Request<CRATE::runtime::Bytes> =
        Request::new(http::Method::GET, "/me/drive/items/a/content").header("if-none-match", "x").header("Authorization", "Bearer secret");
    match req.parse_response(302, &headers, b"") {
        Err(Error::Redirect { status: 302, location }) => {
            let next = req.follow_redirect(302, &location).expect("a GET follows a 302");
            assert_eq!(
                (next.method().as_str(), next.url("https://graph.microsoft.com/v1.0").as_str()),
                ("GET", "https://storage.example/blob?sig=1")
            );
            // The storage host gets the caller's headers but never the token.
            assert_eq!(next.headers(), &[("if-none-match".to_string(), "x".to_string())][..]);
        }
        other => panic!("a 302 with a Location reads as a redirect, not {other:?}"),
    }
}

#[test]
fn a_relative_location_is_resolved_against_the_url_asked() {
    use CRATE::runtime::resolve_location as at;
    let base = "https://graph.microsoft.com/v1.0/me/drive/items/a/content?x=1";
    assert_eq!(at(base, "https://storage.example/b?sig=1#f"), "https://storage.example/b?sig=1");
    assert_eq!(at(base, "//cdn.example/b"), "https://cdn.example/b");
    assert_eq!(at(base, "/download/b"), "https://graph.microsoft.com/download/b");
    assert_eq!(at(base, "b"), "https://graph.microsoft.com/v1.0/me/drive/items/a/b");
    assert_eq!(at(base, "../../b?y=2"), "https://graph.microsoft.com/v1.0/me/drive/b?y=2");
    assert_eq!(at(base, "?y=2"), "https://graph.microsoft.com/v1.0/me/drive/items/a/content?y=2");
    assert_eq!(at(base, ""), base);
    assert_eq!(at("http://127.0.0.1:8080", "next"), "http://127.0.0.1:8080/next");
    assert_eq!(at(base, "/a/./b/../c/"), "https://graph.microsoft.com/a/c/");
}

#[test]
fn a_request_clones_and_prints_whatever_it_answers() {
    // A response kind is a marker (`Bytes` is neither `Clone` nor `Debug`): the request is both.
    let req: Request<CRATE::runtime::Bytes> = Request::new(http::Method::GET, "/me/photo/$value");
    let copy = req.clone();
    assert_eq!(copy.url("https://graph.microsoft.com/v1.0"), req.url("https://graph.microsoft.com/v1.0"));
    assert!(format!("{copy:?}").contains("/me/photo/$value"));
}

#[test]
fn a_write_answered_with_no_content_can_ask_for_the_resource_instead() {
    // A planner PATCH answers 204; with `Prefer: return=representation` it answers the task.
    let update: Request<NoContent> = Request::new(http::Method::PATCH, "/planner/tasks/t1").header("If-Match", "W/\"1\"");
    let asked = update.return_representation::<serde_json::Value>();
    assert!(asked.headers().iter().any(|(n, v)| n == "Prefer" && v == "return=representation"), "{:?}", asked.headers());
    assert!(asked.headers().iter().any(|(n, _)| n == "If-Match"), "the headers set before stay");
    let task = <CRATE::runtime::Json<serde_json::Value> as ResponseKind>::parse(200, br#"{"id":"t1","@odata.etag":"W/\"2\""}"#).unwrap();
    assert_eq!(task["@odata.etag"], "W/\"2\"");
}

#[test]
fn a_success_without_the_documented_body_says_the_request_was_carried_out() {
    let e = <CRATE::runtime::Json<serde_json::Value> as ResponseKind>::parse(204, b"").unwrap_err();
    assert!(matches!(e, Error::Json(_)), "{e:?}");
    assert!(e.to_string().contains("the request was carried out"), "{e}");
}

#[test]
fn a_batch_keeps_dependent_requests_in_one_batch_or_fails_before_sending() {
    let req: Request<NoContent> = Request::new(http::Method::DELETE, "/me/messages/x");
    let root = "https://graph.microsoft.com/v1.0";
    // 25 requests, #22 after #1: the two go in the first $batch, whatever their distance.
    let mut batch = CRATE::runtime::Batch::new();
    let first = batch.add(&req);
    for n in 2..=25 {
        if n == 22 {
            batch.add_after(&req, &[&first]).expect("#1 is an earlier request");
        } else {
            batch.add(&req);
        }
    }
    let requests = batch.requests();
    assert_eq!(requests.len(), 2);
    let one: serde_json::Value = serde_json::from_slice(requests[0].body().unwrap()).unwrap();
    let items = one["requests"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    let dependent = items.iter().find(|i| i["id"] == "22").expect("#22 goes with #1");
    assert_eq!(dependent["dependsOn"], serde_json::json!(["1"]));
    assert!(requests.iter().all(|r| r.to_http(root).is_ok()));

    // 21 linked requests cannot go in one $batch: the 21st is refused by add_after, and
    // sending fails before anything goes out.
    let mut batch = CRATE::runtime::Batch::new();
    let first = batch.add(&req);
    for _ in 0..19 {
        batch.add_after(&req, &[&first]).expect("20 linked requests fit");
    }
    let e = batch.add_after(&req, &[&first]).expect_err("the 21st linked request");
    assert!(e.to_string().contains("more than 20"), "{e}");
    assert_eq!(batch.items().len(), 20, "the refused request is not added");
    let e = batch.requests()[0].to_http(root).expect_err("refused before sending");
    assert!(e.to_string().contains("more than 20"), "{e}");
}

#[test]
fn a_dependency_that_is_not_an_earlier_request_fails_at_add_after_and_at_send() {
    let req: Request<NoContent> = Request::new(http::Method::DELETE, "/me/messages/x");
    let mut other = CRATE::runtime::Batch::new();
    let elsewhere = (0..5).map(|_| other.add(&req)).last().expect("an id");
    let mut batch = CRATE::runtime::Batch::new();
    batch.add(&req);
    let e = batch.add_after(&req, &[&elsewhere]).expect_err("request 5 is not in this batch");
    assert!(matches!(&e, CRATE::runtime::Error::Invalid(_)) && e.to_string().contains("depends on request 5 of another batch"), "{e:?}");
    assert_eq!(batch.items().len(), 1, "the refused request is not added");
    // Ignoring the error sends nothing either.
    let e = batch.requests()[0].to_http("https://graph.microsoft.com/v1.0").expect_err("refused before sending");
    assert!(e.to_string().contains("another batch"), "{e}");
    // An id by number only (a `DependsOn` of the caller's own) must be an earlier request.
    struct ById(&'static str);
    impl CRATE::runtime::DependsOn for ById {
        fn batch_id(&self) -> &str {
            self.0
        }
    }
    let mut batch = CRATE::runtime::Batch::new();
    batch.add(&req);
    let e = batch.add_after(&req, &[&ById("7")]).expect_err("no request 7");
    assert!(e.to_string().contains("depends on 7, which is not an earlier request"), "{e}");
}

#[test]
fn an_id_of_another_batch_names_nothing_here_even_where_the_numbers_meet() {
    let req: Request<NoContent> = Request::new(http::Method::DELETE, "/me/messages/x");
    let mut other = CRATE::runtime::Batch::new();
    let foreign = other.add(&req);
    let mut batch = CRATE::runtime::Batch::new();
    let local = batch.add(&req);
    assert_eq!(foreign.id, local.id, "both are request 1 of their batch");
    let e = batch.add_after(&req, &[&foreign]).expect_err("request 1 of another batch");
    assert!(matches!(e, CRATE::runtime::Error::Invalid(_)), "{e:?}");
    // Answers of this batch do not answer the other's request 1.
    let answers = CRATE::runtime::BatchAnswers {
        responses: vec![CRATE::runtime::BatchResponse { id: "1".into(), status: 204, headers: Default::default(), body: None }],
        origin: Some(batch.origin()),
    };
    assert!(answers.get(&local).is_ok());
    assert!(matches!(answers.get(&foreign), Err(CRATE::runtime::Error::Invalid(_))));
}

#[test]
fn an_upload_sends_ranges_of_whole_units_and_resumes_where_the_session_says() {
    use CRATE::runtime::{Upload, UploadStep, UploadTarget, CHUNK_UNIT};
    /// A session type of the caller's own: what the runtime reads of one is the trait's.
    struct Session(Vec<String>);
    impl UploadTarget for Session {
        fn upload_url(&self) -> Option<&str> {
            Some("https://up.example/s")
        }
        fn next_expected_ranges(&self) -> &[String] {
            &self.0
        }
    }
    let data = vec![7u8; CHUNK_UNIT * 2 + 10];
    let mut up = Upload::new("https://up.example/s", data.len() as u64, CHUNK_UNIT + 5);
    let first = up.next_request(&data);
    assert_eq!(first.headers().iter().find(|(k, _)| k == "Content-Range").map(|(_, v)| v.as_str()), Some("bytes 0-327679/655370"));
    assert_eq!(first.body().map(<[u8]>::len), Some(CHUNK_UNIT));
    let step = up.read::<serde_json::Value>(202, &http::HeaderMap::new(), br#"{"nextExpectedRanges":["327680-"]}"#).unwrap();
    assert!(matches!(step, UploadStep::Continue { sent: 327680 }));
    up.resume(&Session(vec!["655360-655369".into()])).expect("a range within the upload");
    assert_eq!(up.next_range(), 655360..655370);
    assert_eq!(up.next_request(&data).body().map(<[u8]>::len), Some(10));
    assert!(matches!(up.read::<serde_json::Value>(201, &http::HeaderMap::new(), br#"{"id":"f"}"#).unwrap(), UploadStep::Done(_)));

    // A session that already has the first unit starts after it; one without a URL is refused.
    let resumed = Upload::for_session(&Session(vec!["327680-".into()]), data.len() as u64, CHUNK_UNIT).unwrap();
    assert_eq!((resumed.url(), resumed.next_range()), ("https://up.example/s", 327680..655360));
    struct NoUrl;
    impl UploadTarget for NoUrl {
        fn upload_url(&self) -> Option<&str> {
            None
        }
    }
    assert!(Upload::for_session(&NoUrl, 1, CHUNK_UNIT).is_err());
    // A 202 without ranges: the chunk went in.
    let mut up = Upload::for_session("https://up.example/s", data.len() as u64, CHUNK_UNIT).unwrap();
    assert!(matches!(up.read::<serde_json::Value>(202, &http::HeaderMap::new(), b"{}").unwrap(), UploadStep::Continue { sent: 327680 }));
}

#[test]
fn errors_print_their_body_and_their_causes() {
    let e = <NoContent as ResponseKind>::parse(502, b"<html>Bad gateway</html>").unwrap_err();
    assert_eq!(e.to_string(), "unexpected status 502: <html>Bad gateway</html>");
    let long = "x".repeat(500);
    assert!(<NoContent as ResponseKind>::parse(500, long.as_bytes()).unwrap_err().to_string().ends_with("x..."));

    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("error sending request")
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    let e = Error::Transport(Box::new(Outer(std::io::Error::other("scheme is not http"))));
    assert_eq!(e.to_string(), "transport: error sending request: scheme is not http");
    // Printed once: a report that walks `source()` does not repeat the chain.
    assert!(std::error::Error::source(&e).is_none());
    assert!(matches!(&e, Error::Transport(cause) if cause.to_string() == "error sending request"), "the cause is the field");
}

#[test]
fn edm_values_keep_their_text_and_read_typed() {
    let t: DateTimeOffset = serde_json::from_str(r#""2021-03-14T09:26:53.5897932Z""#).unwrap();
    assert_eq!(serde_json::to_string(&t).unwrap(), r#""2021-03-14T09:26:53.5897932Z""#);
    assert_eq!(t.date(), Some((2021, 3, 14)));
    assert_eq!(Date::from("2020-02-30x").ymd(), Some((2020, 2, 30)));
    assert_eq!(Duration::from("P1DT2H3M4.5S").seconds(), Some(93_784.5));
    assert_eq!("P1M".parse::<Duration>().unwrap().seconds(), None);
    assert_eq!(Guid::from("00000000-0000-0000-0000-00000000002a").to_u128(), Some(42));
    assert_eq!(Binary::from("aGVsbG8=").decode().as_deref(), Some(&b"hello"[..]));
    assert_eq!(Binary::from("not base64!").decode(), None);
}

#[test]
fn edm_values_are_made_from_bytes_and_clock_times() {
    for (bytes, text) in
        [(&b""[..], ""), (b"h", "aA=="), (b"he", "aGU="), (b"hello", "aGVsbG8="), (b"hello, world\n", "aGVsbG8sIHdvcmxkCg==")]
    {
        assert_eq!(Binary::encode(bytes).as_str(), text);
        assert_eq!(Binary::encode(bytes).decode().as_deref(), Some(bytes));
    }
    let all: Vec<u8> = (0..=255).collect();
    assert_eq!(Binary::encode(&all).decode(), Some(all));
    assert_eq!(DateTimeOffset::from_unix(0).as_str(), "1970-01-01T00:00:00Z");
    assert_eq!(DateTimeOffset::from_unix(951_782_400).as_str(), "2000-02-29T00:00:00Z");
    assert_eq!(DateTimeOffset::from_unix(1_796_454_000 + 7 * 86_400 + 59).as_str(), "2026-12-12T07:00:59Z");
    assert_eq!(DateTimeOffset::from_unix(-1).as_str(), "1969-12-31T23:59:59Z");
    assert!(DateTimeOffset::now().date().is_some_and(|(y, _, _)| y >= 2024));
    // The instant back from the text, across eras, leap days and offsets.
    for secs in [-62_135_596_800, -1, 0, 951_782_400, 1_796_454_000, 4_102_444_799] {
        assert_eq!(DateTimeOffset::from_unix(secs).to_unix(), Some((secs, 0)), "{secs}");
    }
    let at = |s: &str| DateTimeOffset::from(s).to_unix();
    assert_eq!(at("2021-03-14T09:26:53.5897932Z"), Some((1_615_714_013, 589_793_200)));
    assert_eq!(at("2021-03-14T10:26:53+01:00"), at("2021-03-14T09:26:53Z"));
    assert_eq!(at("2021-03-14T01:26-0800"), at("2021-03-14T09:26:00Z"));
    for bad in ["", "2021-03-14", "2021-03-14T25:00:00Z", "2021-03-14T09:26:53+1", "2021-03-14T09:26:53.Z", "soon"] {
        assert_eq!(at(bad), None, "{bad}");
    }
    // Ordered by instant: ten o'clock in Paris is before nine in London.
    let (paris, london) = (DateTimeOffset::from("2026-12-05T10:00:00+01:00"), DateTimeOffset::from("2026-12-05T09:30:00Z"));
    assert!(paris < london && paris.as_str() > london.as_str());
    // Equal only when the texts are: the same instant written twice is ordered by its text.
    let (z, plus) = (DateTimeOffset::from("2026-12-05T09:00:00Z"), DateTimeOffset::from("2026-12-05T09:00:00+00:00"));
    assert!(z != plus && z.cmp(&plus) != std::cmp::Ordering::Equal);
}

#[test]
fn primitive_answers_read_wrapped_or_bare() {
    assert!(<Primitive<bool> as ResponseKind>::parse(200, br#"{"@odata.context":"x","value":true}"#).unwrap());
    assert_eq!(<Primitive<i64> as ResponseKind>::parse(200, b"42").unwrap(), 42);
    assert!(<Primitive<i64> as ResponseKind>::parse(200, br#"{"value":"x"}"#).is_err());
}

#[test]
fn retry_after_is_read_from_an_error_answer() {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("7"));
    let req: Request<NoContent> = Request::new(http::Method::GET, "/me");
    let err = req.parse_response(429, &headers, b"{}").unwrap_err();
    assert_eq!((err.status(), err.retry_after()), (Some(429), Some(std::time::Duration::from_secs(7))));
    assert!(err.is_retryable());
    assert_eq!(CRATE::runtime::retry_after("Thu, 01 Jan 1970 00:00:00 GMT"), Some(std::time::Duration::ZERO));
}

#[test]
fn urls_encode_query_values_and_keep_next_links_absolute() {
    let req = Request::<Collection<serde_json::Value>>::new(http::Method::GET, "/users")
        .filter("displayName eq 'A&B=C'")
        .top(2)
        .select(["id"])
        .top(3);
    assert_eq!(
        req.url("https://graph.microsoft.com/v1.0/"),
        "https://graph.microsoft.com/v1.0/users?$filter=displayName%20eq%20%27A%26B=C%27&$select=id&$top=3"
    );
    let page = CRATE::runtime::Page::<serde_json::Value> {
        value: Vec::new(),
        next_link: Some("https://graph.microsoft.com/v1.0/users?$skiptoken=X".into()),
        ..Default::default()
    };
    let next = req.next_page(&page).unwrap();
    assert_eq!(next.url("https://elsewhere.example/v1.0"), "https://graph.microsoft.com/v1.0/users?$skiptoken=X");
    assert_eq!(CRATE::runtime::Cloud::China.root("v1.0"), "https://microsoftgraph.chinacloudapi.cn/v1.0");
}

#[test]
fn a_query_parameter_takes_a_boolean_or_a_number_as_its_text() {
    // A page types `requiresReview` as Boolean: the value is what its Display writes.
    let req = Request::<CRATE::runtime::NoContent>::new(http::Method::POST, "/appCatalogs/teamsApps")
        .query("requiresReview", true)
        .query("limit", 5)
        .query("name", "a b");
    assert_eq!(
        req.url("https://graph.microsoft.com/v1.0"),
        "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps?requiresReview=true&limit=5&name=a%20b"
    );
}

#[test]
fn a_next_link_back_to_the_same_request_ends_the_walk_with_an_error() {
    let link = "https://graph.microsoft.com/v1.0/users?$skiptoken=X";
    let req: Request<Collection<serde_json::Value>> = Request::new(http::Method::GET, link);
    let page = CRATE::runtime::Page::<serde_json::Value> { next_link: Some(link.into()), ..Default::default() };
    assert!(req.next_page(&page).is_none(), "sans-IO, no request back to the same page");
    let walked: Vec<_> = req.pages("https://graph.microsoft.com/v1.0", |_| Ok(page.clone())).collect();
    assert_eq!(walked.len(), 2, "{walked:?}");
    assert!(matches!(walked[1], Err(CRATE::runtime::Error::Paging(_))), "the page, then Error::Paging, not a silent end");
}

/// A page whose next link is `next`.
fn linking(next: &str) -> CRATE::runtime::Page<serde_json::Value> {
    CRATE::runtime::Page { next_link: Some(next.into()), ..Default::default() }
}

#[test]
fn next_links_that_loop_end_the_walk_with_an_error() {
    let root = "https://graph.microsoft.com/v1.0";
    let (a, b) = (format!("{root}/users?$skiptoken=A"), format!("{root}/users?$skiptoken=B"));
    let first: Request<Collection<serde_json::Value>> = Request::new(http::Method::GET, "/users");
    // /users → A → B → A → ...: a sender that answers as a looping service would.
    let mut sent = 0;
    let results: Vec<_> = first
        .pages(root, |r| {
            sent += 1;
            assert!(sent < 10, "the walk did not stop");
            Ok(linking(if r.path().ends_with("=A") { &b } else { &a }))
        })
        .collect();
    assert_eq!(sent, 3, "/users, A and B are sent; A again is not");
    assert!(matches!(results.last(), Some(Err(CRATE::Error::Paging(why))) if why.contains("already read")), "{results:?}");
    let delta: Request<CRATE::runtime::Delta<serde_json::Value>> = Request::new(http::Method::GET, "/users/delta");
    let looped = delta.sync(root, |r| {
        let next = if r.path().ends_with("=A") { &b } else { &a };
        <CRATE::runtime::Delta<serde_json::Value> as ResponseKind>::parse(
            200,
            format!(r#"{{"value":[],"@odata.nextLink":"{next}"}}"#).as_bytes(),
        )
    });
    assert!(matches!(looped, Err(CRATE::Error::Paging(_))), "a delta walk stops too");
}

#[test]
fn the_core_walk_refuses_next_links_off_the_root_or_of_another_scheme() {
    let root = "https://graph.microsoft.com/v1.0";
    for link in ["https://evil.example/v1.0/users?$skiptoken=2", "http://graph.microsoft.com/v1.0/users?x=1", "file:///etc/passwd"] {
        let first: Request<Collection<serde_json::Value>> = Request::new(http::Method::GET, "/users");
        let mut sent = Vec::new();
        let results: Vec<_> = first
            .pages(root, |r| {
                sent.push(r.url(root));
                Ok(linking(link))
            })
            .collect();
        assert_eq!(sent, [format!("{root}/users")], "{link} is not sent");
        assert!(
            matches!(&results[1], Err(CRATE::Error::Paging(why)) if why.contains("leaves the origin of the service root")),
            "{link}: {results:?}"
        );
    }
    // A link of another scheme is never a path under the root, and no HTTP request either.
    let file: Request<Collection<serde_json::Value>> = Request::new(http::Method::GET, "file:///etc/passwd");
    assert_eq!(file.url(root), "file:///etc/passwd");
    assert!(file.to_http(root).is_err());
}

#[test]
fn a_body_that_cannot_be_written_fails_the_request_not_silently() {
    let mut bad = std::collections::BTreeMap::new();
    bad.insert(vec![1u8], 2);
    let req: Request<NoContent> = Request::new(http::Method::POST, "/x").json(&bad);
    assert!(req.body_error().is_some_and(|e| e.contains("key must be a string")), "{:?}", req.body_error());
    assert!(matches!(req.to_http("https://graph.example/v1.0"), Err(Error::Invalid(m)) if m.contains("key must be a string")));
    let mut batch = CRATE::runtime::Batch::new();
    batch.add(&Request::<NoContent>::new(http::Method::GET, "/me"));
    batch.add(&req);
    let outer = &batch.requests()[0];
    assert!(outer.body_error().is_some_and(|e| e.starts_with("request 2: ")), "{:?}", outer.body_error());
    assert!(outer.to_http("https://graph.example/v1.0").is_err());
}

#[test]
fn a_page_reads_its_items_in_place_and_writes_back_as_it_came() {
    let text = r#"{"@odata.context":"c","value":[{"name":"a"},{"size":2,"x":1}],"@odata.nextLink":"https://n","@odata.count":2}"#;
    let page: CRATE::runtime::Page<Patch> = serde_json::from_str(text).unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!((page.value[0].name.as_deref(), page.value[1].size.get()), (Some("a"), Some(&2)));
    assert!(page.value[1].name.is_absent(), "an item starts empty, not from the one before");
    assert_eq!((page.next_link.as_deref(), page.count, page.additional_properties.len()), (Some("https://n"), Some(2), 1));
    let back = serde_json::to_value(&page).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap());
    let err = serde_json::from_str::<CRATE::runtime::Page<Patch>>(r#"{"value":[{},{"size":"big"}]}"#).unwrap_err();
    assert!(err.to_string().starts_with("value[1].size: invalid type"), "{err}");
    let mut place = Patch { name: "old".into(), ..Default::default() };
    serde::Deserialize::deserialize_in_place(&mut serde_json::Deserializer::from_str(r#"{"size":1}"#), &mut place).unwrap();
    assert!(place.name.is_absent(), "reading in place leaves nothing of what was there");
    let empty: CRATE::runtime::Page<String> = serde_json::from_str(r#"{"value":[]}"#).unwrap();
    assert!(empty.value.is_empty());
    let no_value = serde_json::from_str::<CRATE::runtime::Page<String>>("{}").unwrap_err();
    assert!(no_value.to_string().contains("missing field `value`"), "{{}} is no empty page: {no_value}");
}
