//! The Edm primitives, described once: how the pages spell each, the Rust type it becomes, its
//! OpenAPI `type`/`format`, and the JSON kind its values have. The front end, the emitters, the
//! OpenAPI export and import and the example checks all read this table.

/// The JSON kind a primitive's values have on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// A JSON string (also dates, GUIDs, durations, binary as base64).
    String,
    /// `true` or `false`.
    Boolean,
    /// A JSON number without a fraction.
    Integer,
    /// Any JSON number.
    Number,
}

/// The Rust type of a primitive in the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RustType {
    /// A type of the language or `std` (`bool`, `i32`, `String`).
    Native(&'static str),
    /// A newtype of the generated crate's `edm` module that keeps the wire text (`Guid`).
    Edm(&'static str),
}

/// One Edm primitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Primitive {
    /// The Edm name the IR uses: `Edm.Int32`.
    pub name: &'static str,
    /// The words a type cell may use for it, lowercase, without `Edm.` (which is also accepted).
    pub words: &'static [&'static str],
    /// The Rust type of its values in the generated crate.
    pub rust: RustType,
    /// OpenAPI `type` and `format`; one pair per primitive, so the way back is exact.
    pub openapi: (&'static str, Option<&'static str>),
    /// The JSON kind of its values.
    pub json: JsonKind,
}

/// `Edm.Stream`: bytes, not JSON (file content, photos, `$value`).
pub const STREAM: &str = "Edm.Stream";
/// `Edm.String`.
pub const STRING: &str = "Edm.String";
/// `Edm.Int32`: what `$count` answers.
pub const INT32: &str = "Edm.Int32";
/// `Edm.Boolean`.
pub const BOOLEAN: &str = "Edm.Boolean";

const fn p(
    name: &'static str,
    words: &'static [&'static str],
    rust: RustType,
    openapi: (&'static str, Option<&'static str>),
    json: JsonKind,
) -> Primitive {
    Primitive { name, words, rust, openapi, json }
}

use JsonKind::{Boolean, Integer, Number, String as Text};
use RustType::{Edm, Native};

/// Every primitive. JSON numbers are doubles, so `Edm.Single` and `Edm.Decimal` are `f64`:
/// docs examples give them values an `f32` would round. `Edm.Stream` is a `String` where a
/// model holds one; requests and answers of it are bytes. The bare word "Integer" states no
/// width, so it is `Edm.Int64`: every integer the service sends fits (a certificate's
/// `notAfter`, seconds since 1970, passes `i32` in 2038), while "Int32" says 32 bits.
pub const PRIMITIVES: &[Primitive] = &[
    p("Edm.String", &["string", "url", "uri"], Native("String"), ("string", None), Text),
    p("Edm.Boolean", &["boolean", "bool"], Native("bool"), ("boolean", None), Boolean),
    p("Edm.Int16", &["int16"], Native("i16"), ("integer", Some("int16")), Integer),
    p("Edm.Int32", &["int32", "int", "number"], Native("i32"), ("integer", Some("int32")), Integer),
    p("Edm.Int64", &["int64", "long", "integer"], Native("i64"), ("integer", Some("int64")), Integer),
    p("Edm.Byte", &["byte"], Native("u8"), ("integer", Some("uint8")), Integer),
    p("Edm.SByte", &["sbyte"], Native("i8"), ("integer", Some("int8")), Integer),
    p("Edm.Double", &["double"], Native("f64"), ("number", Some("double")), Number),
    p("Edm.Single", &["single", "float"], Native("f64"), ("number", Some("float")), Number),
    p("Edm.Decimal", &["decimal"], Native("f64"), ("number", Some("decimal")), Number),
    p("Edm.DateTimeOffset", &["datetimeoffset", "datetime", "timestamp"], Edm("DateTimeOffset"), ("string", Some("date-time")), Text),
    p("Edm.Date", &["date"], Edm("Date"), ("string", Some("date")), Text),
    p("Edm.TimeOfDay", &["timeofday"], Edm("TimeOfDay"), ("string", Some("time")), Text),
    p("Edm.Duration", &["duration"], Edm("Duration"), ("string", Some("duration")), Text),
    p("Edm.Guid", &["guid", "uuid"], Edm("Guid"), ("string", Some("uuid")), Text),
    p("Edm.Binary", &["binary"], Edm("Binary"), ("string", Some("base64url")), Text),
    p(STREAM, &["stream"], Native("String"), ("string", Some("binary")), Text),
];

/// The primitive of an Edm name (`Edm.Int32`).
pub fn by_name(name: &str) -> Option<&'static Primitive> {
    PRIMITIVES.iter().find(|p| p.name == name)
}

/// The primitive a type cell's word names (any case, `Edm.` prefix optional).
pub fn by_word(word: &str) -> Option<&'static Primitive> {
    let w = word.trim().to_ascii_lowercase();
    let w = w.strip_prefix("edm.").unwrap_or(&w);
    PRIMITIVES.iter().find(|p| p.words.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_primitive_is_named_and_spelled_once() {
        let names: std::collections::BTreeSet<&str> = PRIMITIVES.iter().map(|p| p.name).collect();
        assert_eq!(names.len(), PRIMITIVES.len());
        let openapi: std::collections::BTreeSet<_> = PRIMITIVES.iter().map(|p| p.openapi).collect();
        assert_eq!(openapi.len(), PRIMITIVES.len(), "the OpenAPI way back is exact");
        let words: Vec<&str> = PRIMITIVES.iter().flat_map(|p| p.words.iter().copied()).collect();
        let unique: std::collections::BTreeSet<&str> = words.iter().copied().collect();
        assert_eq!(unique.len(), words.len());
        assert_eq!(by_word("Edm.Int64").map(|p| p.name), Some("Edm.Int64"));
        assert_eq!(by_word(" Timestamp ").map(|p| p.name), Some("Edm.DateTimeOffset"));
        assert_eq!(by_name(STREAM).map(|p| p.openapi), Some(("string", Some("binary"))));
    }

    #[test]
    fn a_bare_integer_is_the_widest_integer() {
        assert_eq!(by_word("Integer").map(|p| p.name), Some("Edm.Int64"), "no width stated");
        assert_eq!(by_word("Int32").map(|p| p.name), Some("Edm.Int32"));
    }
}
