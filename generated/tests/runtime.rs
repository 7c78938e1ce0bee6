//! Tests of the hand-written runtime and Edm types, copied into every generated crate.
//!
//! Hand-written: the generator copies this file from `templates/runtime_tests.rs` unchanged.

use msgraph::edm::{Binary, Date, DateTimeOffset, Duration, Guid};
use msgraph::runtime::{segment, Json, NoContent, Nullable, ObjectReader, ObjectWriter, ResponseKind};
use msgraph::Error;

/// A model shaped like the generated ones, to test the reader and writer they use.
#[derive(Debug, Default, PartialEq)]
struct Patch {
    name: Nullable<String>,
    size: Nullable<i32>,
    note: Nullable<String>,
}

impl serde::Serialize for Patch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = ObjectWriter::new(s)?;
        w.field("name", &self.name)?;
        w.field("size", &self.size)?;
        w.field("note", &self.note)?;
        w.end()
    }
}

impl<'de> serde::Deserialize<'de> for Patch {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut r = ObjectReader::<D::Error>::new(d)?;
        Ok(Patch { name: r.field("name")?, size: r.field("size")?, note: r.field("note")? })
    }
}

#[test]
fn patch_bodies_tell_absent_null_and_value_apart() {
    let p = Patch { name: "x".to_string().into(), size: Nullable::Absent, note: Nullable::Null };
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"name":"x","note":null}"#);
    let back: Patch = serde_json::from_str(r#"{"name":"x","note":null}"#).unwrap();
    assert_eq!(back, p);
    assert!(serde_json::from_str::<Patch>(r#"{"size":"big"}"#).is_err(), "a wrong kind is an error");
}

#[test]
fn a_path_parameter_stays_one_segment() {
    assert_eq!(segment("a/b#c?d%e'f g\u{e9}"), "a%2Fb%23c%3Fd%25e%27f%20g%C3%A9");
    assert_eq!(segment("ada@contoso.example"), "ada@contoso.example");
}

#[test]
fn error_statuses_read_the_graph_envelope() {
    let body = br#"{"error":{"code":"itemNotFound","message":"gone","innerError":{"request-id":"r-1","date":"2021-01-01T00:00:00"}}}"#;
    match <Json<Patch> as ResponseKind>::parse(404, body) {
        Err(Error::Graph { status, error }) => {
            assert_eq!((status, error.code.as_str(), error.message.as_str()), (404, "itemNotFound", "gone"));
            assert_eq!(error.inner_error.and_then(|i| i.request_id).as_deref(), Some("r-1"));
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
    assert!(matches!(<NoContent as ResponseKind>::parse(500, b"oops"), Err(Error::UnexpectedStatus { status: 500, .. })));
    assert!(<NoContent as ResponseKind>::parse(204, b"").is_ok());
}

#[test]
fn edm_values_keep_their_text_and_read_typed() {
    let t: DateTimeOffset = serde_json::from_str(r#""2021-03-14T09:26:53.5897932Z""#).unwrap();
    assert_eq!(serde_json::to_string(&t).unwrap(), r#""2021-03-14T09:26:53.5897932Z""#);
    assert_eq!(t.date(), Some((2021, 3, 14)));
    assert_eq!(Date::from("2020-02-30x").ymd(), Some((2020, 2, 30)));
    assert_eq!(Duration::from("P1DT2H3M4.5S").seconds(), Some(93_784.5));
    assert_eq!(Duration::from("P1M").seconds(), None);
    assert_eq!(Guid::from("00000000-0000-0000-0000-00000000002a").to_u128(), Some(42));
    assert_eq!(Binary::from("aGVsbG8=").decode().as_deref(), Some(&b"hello"[..]));
    assert_eq!(Binary::from("not base64!").decode(), None);
}
