//! Answers in the other shapes OData and the docs' examples give them: numbers OData may write
//! as strings (`NaN`, `INF`, an `IEEE754Compatible` `Int64`), read and written the way the
//! generated models' number fields are, and an entity the way Intune's pages show it, inside
//! `{"value": ...}`; a dictionary's entries (an open type keyed by data) as its value type; and
//! a list the docs also show as one value, read as a list of one.
//!
//! Hand-written: the generator copies this file from `templates/tests/lenient.rs`.

use msgraph::runtime::{number_field, Json, MaybeJson, Nullable, ObjectWriter, ResponseKind};

/// A model shaped like the generated ones: a `Double` and an `Int64` field.
#[derive(Debug, Default, PartialEq)]
struct Stats {
    weight: Nullable<f64>,
    size: Nullable<i64>,
    rest: std::collections::BTreeMap<String, serde_json::Value>,
}

impl serde::Serialize for Stats {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = ObjectWriter::new(s)?;
        w.number("weight", &self.weight)?;
        w.number("size", &self.size)?;
        w.extra(&self.rest)?;
        w.end()
    }
}

impl<'de> serde::Deserialize<'de> for Stats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        msgraph::runtime::read_object(d)
    }
}

impl msgraph::runtime::ReadFields for Stats {
    fn read_field<'de, A: serde::de::MapAccess<'de>>(&mut self, key: &str, m: &mut A) -> Result<bool, A::Error> {
        match key {
            "weight" => number_field(m, key, &mut self.weight),
            "size" => number_field(m, key, &mut self.size),
            _ => Ok(false),
        }
    }

    fn rest(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
        &mut self.rest
    }

    fn odata_type(&mut self) -> Option<&mut Nullable<String>> {
        None
    }
}

fn read(text: &str) -> Result<Stats, serde_json::Error> {
    serde_json::from_str(text)
}

#[test]
fn numbers_read_as_json_numbers_or_as_odatas_strings() {
    let s = read(r#"{"weight": 0.25, "size": 7}"#).unwrap();
    assert_eq!((s.weight, s.size), (Nullable::Value(0.25), Nullable::Value(7)));
    // IEEE754Compatible answers, and a docs example's weight in quotes.
    let s = read(r#"{"weight": "0.1583399742569597", "size": "9007199254740993"}"#).unwrap();
    assert_eq!((s.weight, s.size), (Nullable::Value(0.1583399742569597), Nullable::Value(9007199254740993)));
    let s = read(r#"{"weight": null, "size": 3.0}"#).unwrap();
    assert_eq!((s.weight, s.size), (Nullable::Null, Nullable::Value(3)), "null, and a whole number written with a fraction");
    assert!(read(r#"{"weight": "NaN"}"#).unwrap().weight.value().is_some_and(|x| x.is_nan()));
    assert_eq!(read(r#"{"weight": "-INF"}"#).unwrap().weight, Nullable::Value(f64::NEG_INFINITY));
}

#[test]
fn what_is_no_number_names_the_field() {
    for (text, field) in [(r#"{"weight": "heavy"}"#, "weight"), (r#"{"size": 2.5}"#, "size"), (r#"{"size": true}"#, "size")] {
        let err = read(text).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{field}: invalid")), "{err}");
    }
}

#[test]
fn floats_that_are_not_finite_are_written_as_odatas_strings() {
    let s = Stats { weight: Nullable::Value(f64::INFINITY), size: Nullable::Value(i64::MAX), ..Default::default() };
    assert_eq!(serde_json::to_string(&s).unwrap(), format!(r#"{{"weight":"INF","size":{}}}"#, i64::MAX));
    let s = Stats { weight: Nullable::Value(f64::NAN), size: Nullable::Null, ..Default::default() };
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"weight":"NaN","size":null}"#);
    let s = Stats { weight: Nullable::Value(0.5), ..Default::default() };
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"weight":0.5}"#, "a finite one as a number, absent fields left out");
}

#[test]
fn an_entity_inside_a_docs_wrapper_is_read_as_the_entity() {
    // Intune's pages show `{"value": {...}}`; the service sends the entity with its context.
    let wrapped = br#" { "value" : {"weight": 2.5, "size": 3} }"#;
    let s = <Json<Stats>>::parse(200, wrapped).unwrap();
    assert_eq!((s.weight, s.size), (Nullable::Value(2.5), Nullable::Value(3)));
    assert_eq!(<MaybeJson<Stats>>::parse(200, wrapped).unwrap().map(|s| s.size), Some(Nullable::Value(3)));
    // Anything beside `value` (the service's `@odata.context`), or a `value` that is no
    // object, is the entity's own key.
    let served = br#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#stats/$entity", "value": {"size": 3}}"#;
    let s = <Json<Stats>>::parse(200, served).unwrap();
    assert_eq!(s.size, Nullable::Absent);
    assert_eq!(s.rest["value"], serde_json::json!({"size": 3}));
    let s = <Json<Stats>>::parse(200, br#"{"value": [1]}"#).unwrap();
    assert_eq!(s.rest["value"], serde_json::json!([1]));
}

/// A dictionary's entries (a planner task's assignments: keyed by user id), read and written
/// as its value type the way the generated accessors do.
#[test]
fn a_dictionary_reads_its_values_as_the_type_and_tags_what_it_writes() {
    use msgraph::runtime::{dictionary_entries, dictionary_get, dictionary_insert};
    use serde_json::{json, Value};
    let mut map: std::collections::BTreeMap<String, Value> = serde_json::from_value(json!({
        "u1": {"orderHint": "85"},
        "u2": null,
        "u3@odata.type": "#microsoft.graph.plannerAssignment",
        "u3": {"orderHint": 7}
    }))
    .unwrap();
    let one: Value = dictionary_get(&map, "u1").unwrap().unwrap();
    assert_eq!(one, json!({"orderHint": "85"}));
    assert!(dictionary_get::<Value>(&map, "u2").is_none(), "null is no entry");
    assert!(dictionary_get::<Value>(&map, "u9").is_none());
    let keys: Vec<&str> = dictionary_entries::<Value>(&map).map(|(k, _)| k).collect();
    assert_eq!(keys, ["u1", "u3"], "no null, no annotation");
    // A value that is not the type is that entry's error, not the whole model's.
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Hint {
        #[serde(rename = "orderHint")]
        order_hint: String,
    }
    let read: Vec<(&str, bool)> = dictionary_entries::<Hint>(&map).map(|(k, r)| (k, r.is_ok())).collect();
    assert_eq!(read, [("u1", true), ("u3", false)]);
    // Written tagged, unless the value names its own kind; primitives are not tagged.
    let tag = Some("#microsoft.graph.plannerAssignment");
    dictionary_insert(&mut map, "u4".into(), &json!({"orderHint": " !"}), tag);
    dictionary_insert(&mut map, "u5".into(), &json!({"@odata.type": "#other", "orderHint": " !"}), tag);
    dictionary_insert(&mut map, "category3".into(), &true, None);
    assert_eq!(map["u4"], json!({"@odata.type": "#microsoft.graph.plannerAssignment", "orderHint": " !"}));
    assert_eq!(map["u5"]["@odata.type"], "#other");
    assert_eq!(map["category3"], json!(true));
}

/// An answer that is no JSON (the docs' `createLink` example ends an object with a trailing
/// comma) says so; one of the wrong shape says it does not match the type.
#[test]
fn a_body_that_is_not_json_says_so() {
    let err = <Json<Stats>>::parse(200, br#"{"weight": 1.5,}"#).expect_err("a trailing comma");
    assert!(err.to_string().starts_with("response body is not valid JSON: trailing comma"), "{err}");
    let err = <Json<Stats>>::parse(200, br#"{"weight": "heavy"}"#).expect_err("a string");
    assert!(err.to_string().starts_with("response body does not match the documented type"), "{err}");
}

/// A number read into a model is taken out of a borrowed model as from an `Option`: a
/// `Nullable` of a `Copy` value is `Copy` (the OneDrive newcomer's `f.child_count` through
/// `&Folder`), and `copied()` gives the value.
#[test]
fn a_nullable_number_copies_out_of_a_borrowed_model() {
    let s = <Json<Stats>>::parse(200, br#"{"size": 7}"#).unwrap();
    let borrowed = &s;
    let size: Nullable<i64> = borrowed.size;
    assert_eq!((size.into_option(), borrowed.size.copied(), borrowed.weight.copied()), (Some(7), Some(7), None));
}

/// `is_some()`/`is_none()` ask what `Option` would (two newcomers guessed them: `is_some`,
/// `is_present`): `Null` and `Absent` are no value alike.
#[test]
fn a_nullable_says_whether_it_has_a_value_as_an_option_does() {
    let s = <Json<Stats>>::parse(200, br#"{"size": 7, "weight": null}"#).unwrap();
    assert_eq!((s.size.is_some(), s.weight.is_some(), Nullable::<f64>::Absent.is_some()), (true, false, false));
    assert_eq!((s.size.is_none(), s.weight.is_none(), Nullable::<f64>::Absent.is_none()), (false, true, true));
}

/// A `$count` answers `text/plain`: its request accepts that beside JSON (a function's number).
#[test]
fn a_count_accepts_text() {
    let count = msgraph::runtime::Request::<msgraph::runtime::Primitive<u64>>::new(http::Method::GET, "/groups/$count");
    let http = count.to_http("https://graph.microsoft.com/v1.0").unwrap();
    assert_eq!(http.headers().get("accept").and_then(|v| v.to_str().ok()), Some("application/json, text/plain;q=0.9"));
    assert_eq!(<msgraph::runtime::Primitive<u64>>::parse(200, b"42").unwrap(), 42);
}

/// A write answered `204`, or `207 Multi-Status` with what it could not do (a site unfollow):
/// `MaybeJson<Page<T>>` reads `None`, or the page.
#[test]
fn a_multi_status_beside_no_content_is_read_as_a_page_or_none() {
    use msgraph::runtime::Page;
    type Partly = MaybeJson<Page<serde_json::Value>>;
    assert!(<Partly>::parse(204, b"").unwrap().is_none());
    let failed = br#"{"value": [{"id": "a,b,c", "error": {"code": "invalidRequest"}}]}"#;
    let page = <Partly>::parse(207, failed).unwrap().expect("the sites not unfollowed");
    assert_eq!(page.value.len(), 1);
    assert_eq!(page.value[0]["error"]["code"], "invalidRequest");
}

/// A model with two lists the docs show both as lists and as one value.
#[derive(Debug, Default, PartialEq)]
struct Shapes {
    names: Nullable<Vec<String>>,
    parts: Nullable<Vec<std::collections::BTreeMap<String, i64>>>,
    rest: std::collections::BTreeMap<String, serde_json::Value>,
}

impl<'de> serde::Deserialize<'de> for Shapes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        msgraph::runtime::read_object(d)
    }
}

impl msgraph::runtime::ReadFields for Shapes {
    fn read_field<'de, A: serde::de::MapAccess<'de>>(&mut self, key: &str, m: &mut A) -> Result<bool, A::Error> {
        match key {
            "names" => msgraph::runtime::one_or_many_field(m, key, &mut self.names),
            "parts" => msgraph::runtime::one_or_many_field(m, key, &mut self.parts),
            _ => Ok(false),
        }
    }

    fn rest(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
        &mut self.rest
    }

    fn odata_type(&mut self) -> Option<&mut Nullable<String>> {
        None
    }
}

#[test]
fn a_list_the_docs_also_show_as_one_value_reads_both() {
    let read = |text: &str| serde_json::from_str::<Shapes>(text);
    let part = |n: i64| std::collections::BTreeMap::from([("size".to_string(), n)]);
    let s = read(r#"{"names": ["a", "b"], "parts": [{"size": 1}, {"size": 2}]}"#).unwrap();
    assert_eq!(s.names, Nullable::Value(vec!["a".to_string(), "b".to_string()]));
    assert_eq!(s.parts, Nullable::Value(vec![part(1), part(2)]));
    // One value, as the answers of the docs show it: a list of one.
    let s = read(r#"{"names": "a", "parts": {"size": 3}}"#).unwrap();
    assert_eq!((s.names, s.parts), (Nullable::Value(vec!["a".to_string()]), Nullable::Value(vec![part(3)])));
    // An escaped string is read as well as a borrowed one; null and absence stay what they are.
    let s = read(r#"{"names": "a\"b", "parts": null}"#).unwrap();
    assert_eq!((s.names, s.parts), (Nullable::Value(vec!["a\"b".to_string()]), Nullable::Null));
    assert_eq!(read("{}").unwrap().names, Nullable::Absent);
    // A value of neither shape names the field.
    let err = read(r#"{"names": 7}"#).unwrap_err().to_string();
    assert!(err.starts_with("names: invalid type: integer `7`"), "{err}");
    let err = read(r#"{"parts": [{"size": "big"}]}"#).unwrap_err().to_string();
    assert!(err.starts_with("parts: invalid type"), "{err}");
}
