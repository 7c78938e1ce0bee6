//! Numbers OData may write as strings. Its JSON format writes `Edm.Double` and `Edm.Single`
//! as numbers except `NaN`, `INF` and `-INF`, which are strings, and `Edm.Int64` and
//! `Edm.Decimal` as strings where the client asks for `IEEE754Compatible=true`. Serde's `f64`
//! and `i64` take only JSON numbers, so one such value failed a whole page of answers. A model
//! field of these types reads either form (and a number written in a string, as some docs
//! examples show a `weight`), and a float that is not finite is written back as OData's string.

use super::Nullable;
use serde::de::{self, MapAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A number type whose OData JSON may be a string (see the module's doc).
#[doc(hidden)]
pub trait WireNumber: Sized + Serialize {
    fn from_text(text: &str) -> Option<Self>;
    fn from_f64(x: f64) -> Option<Self>;
    fn from_i64(x: i64) -> Option<Self>;
    fn from_u64(x: u64) -> Option<Self>;
    /// Writes the value as OData does: a float that is not finite as its string.
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }
}

impl WireNumber for f64 {
    fn from_text(text: &str) -> Option<f64> {
        match text.trim() {
            "NaN" => Some(f64::NAN),
            "INF" => Some(f64::INFINITY),
            "-INF" => Some(f64::NEG_INFINITY),
            t => t.parse().ok().filter(|x: &f64| x.is_finite()),
        }
    }
    fn from_f64(x: f64) -> Option<f64> {
        Some(x)
    }
    fn from_i64(x: i64) -> Option<f64> {
        Some(x as f64)
    }
    fn from_u64(x: u64) -> Option<f64> {
        Some(x as f64)
    }
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            x if x.is_nan() => s.serialize_str("NaN"),
            x if x == f64::INFINITY => s.serialize_str("INF"),
            x if x == f64::NEG_INFINITY => s.serialize_str("-INF"),
            x => s.serialize_f64(x),
        }
    }
}

impl WireNumber for i64 {
    fn from_text(text: &str) -> Option<i64> {
        text.trim().parse().ok()
    }
    /// A whole number written with a fraction (`3.0`) only.
    fn from_f64(x: f64) -> Option<i64> {
        (x.fract() == 0.0 && x >= i64::MIN as f64 && x < i64::MAX as f64).then_some(x as i64)
    }
    fn from_i64(x: i64) -> Option<i64> {
        Some(x)
    }
    fn from_u64(x: u64) -> Option<i64> {
        i64::try_from(x).ok()
    }
}

/// A number read in either form (`null` is [`field`](super::field)'s, through `Nullable`).
struct Lenient<T>(T);

impl<'de, T: WireNumber> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor(PhantomData)).map(Lenient)
    }
}

struct NumberVisitor<T>(PhantomData<T>);

impl<T: WireNumber> NumberVisitor<T> {
    fn got<E: de::Error>(&self, x: Option<T>, what: Unexpected<'_>) -> Result<T, E> {
        x.ok_or_else(|| E::invalid_value(what, self))
    }
}

impl<'de, T: WireNumber> Visitor<'de> for NumberVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number (or OData's string for one)")
    }
    fn visit_i64<E: de::Error>(self, x: i64) -> Result<T, E> {
        self.got(T::from_i64(x), Unexpected::Signed(x))
    }
    fn visit_u64<E: de::Error>(self, x: u64) -> Result<T, E> {
        self.got(T::from_u64(x), Unexpected::Unsigned(x))
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<T, E> {
        self.got(T::from_f64(x), Unexpected::Float(x))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        self.got(T::from_text(s), Unexpected::Str(s))
    }
}

/// Reads the value for `key` into a number field (see the module's doc); an error names the
/// field's path as [`field`](super::field) does.
#[doc(hidden)]
pub fn number_field<'de, A: MapAccess<'de>, T: WireNumber>(map: &mut A, key: &str, slot: &mut Nullable<T>) -> Result<bool, A::Error> {
    let mut read: Nullable<Lenient<T>> = Nullable::Absent;
    super::field(map, key, &mut read)?;
    *slot = read.map(|Lenient(x)| x);
    Ok(true)
}

/// A number field's value as OData writes it (see [`WireNumber::write`]).
pub(crate) struct Written<'a, T>(pub(crate) &'a Nullable<T>);

impl<T: WireNumber> Serialize for Written<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Nullable::Value(x) => x.write(s),
            _ => s.serialize_unit(),
        }
    }
}
