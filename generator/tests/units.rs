//! Small units: lenient JSON, names, path templates, placeholders.

use graphgen::frontend::{json, placeholder};
use graphgen::naming::{self, Scope};
use graphgen::path::PathTemplate;

#[test]
fn lenient_json_repairs_what_the_docs_break() {
    for (text, key) in [
        (r#"{"a": 1,}"#, "a"),
        ("{isCollection: true}", "isCollection"),
        ("{\"a\": \"line\nbreak\"}", "a"),
        ("{\n \"a\": 1\n \"b\": 2\n}", "b"),
        ("{\"a\": 1 // comment\n}", "a"),
    ] {
        let (v, how) = json::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert!(matches!(how, json::Parsed::Repaired(_)), "{text:?}");
        assert!(v.get(key).is_some(), "{text:?}");
    }
    assert_eq!(json::parse("{}").map(|r| r.1), Ok(json::Parsed::Strict));
    assert!(json::parse("{ not json at all").is_err());
}

#[test]
fn names_are_valid_rust() {
    assert_eq!(naming::snake("displayName"), "display_name");
    assert_eq!(naming::snake("type"), "type_");
    assert_eq!(naming::snake("self"), "self_");
    assert_eq!(naming::snake("3dModel"), "n3d_model");
    // An acronym's plural is one word; other runs of capitals split as heck splits them.
    assert_eq!(naming::snake("cloudPCs"), "cloud_pcs");
    assert_eq!(naming::snake("userIDsByName"), "user_ids_by_name");
    assert_eq!(naming::snake("dnsSuffixes"), "dns_suffixes");
    assert_eq!(naming::snake("minimumCpuSpeedInMHz"), "minimum_cpu_speed_in_m_hz");
    assert_eq!(naming::type_name("microsoft.graph.itemPhone"), "ItemPhone");
    assert_eq!(naming::type_name("microsoft.graph.callRecords.session"), "CallRecordsSession");
    assert_eq!(naming::type_name("microsoft.graph.Json"), "JsonModel");
    assert_eq!(naming::variant("homeFax"), "HomeFax");
    assert_eq!(naming::variant("2fa"), "V2fa");
    let mut s = Scope::default();
    assert_eq!(s.claim("a_b".into()), "a_b");
    assert_eq!(s.claim("a_b".into()), "a_b_2");
}

#[test]
fn path_templates_match_examples() {
    let t = |s: &str| PathTemplate::parse(s).0;
    assert_eq!(t("/users/{id | userPrincipalName}/Photo/").key(), "/users/{}/photo");
    assert_eq!(
        t("/users/{id}/profile/phones/{id}").matches("/Users/a@b.c/profile/phones/42"),
        Some(vec!["a@b.c".to_string(), "42".to_string()])
    );
    assert_eq!(t("/reports/getX(period='{p}')").matches("/reports/getX(period='D7')?$format=json"), Some(vec!["D7".to_string()]));
    assert_eq!(t("/users/{id}").matches("/users/a/b"), None);
}

#[test]
fn placeholders_are_type_words() {
    for w in ["String", "Boolean", "String (timestamp)", "Edm.Guid", "int32", "DateTimeOffset"] {
        assert!(placeholder::is_placeholder_word(w), "{w}");
    }
    for w in ["Desk", "home", "2021-03-14T09:26:53Z", "number", "12"] {
        assert!(!placeholder::is_placeholder_word(w), "{w}");
    }
}

#[test]
fn an_ir_snapshot_of_another_format_is_refused() {
    use graphgen::ir::{Ir, FORMAT};
    let ir = Ir { format: FORMAT, apis: Default::default() };
    let text = serde_yaml::to_string(&ir).expect("an IR serializes");
    assert_eq!(Ir::from_yaml(&text), Ok(ir));
    let other = text.replace(&format!("format: {FORMAT}"), "format: 99");
    assert_eq!(Ir::from_yaml(&other).unwrap_err(), format!("IR format 99 where this generator reads format {FORMAT}"));
    assert!(Ir::from_yaml("apis: {}").unwrap_err().starts_with("not an IR snapshot"));
}
