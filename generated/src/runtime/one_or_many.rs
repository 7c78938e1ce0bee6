//! A collection that the docs also show as one value (the generator's
//! `settled.one_or_many`): the page's row says one shape and the service's example answers the
//! other, so the field reads both, one value as a list of one. It streams like any field: a
//! list goes element by element, a lone value straight to the element's reader.

use super::Nullable;
use serde::de::{self, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// Reads the value for `key` into a list field that also takes one value; an error names the
/// field's path as [`field`](super::field) does.
#[doc(hidden)]
pub fn one_or_many_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    key: &str,
    slot: &mut Nullable<Vec<T>>,
) -> Result<bool, A::Error> {
    let mut read: Nullable<OneOrMany<T>> = Nullable::Absent;
    super::field(map, key, &mut read)?;
    *slot = read.map(|OneOrMany(x)| x);
    Ok(true)
}

struct OneOrMany<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Lists(PhantomData))
    }
}

struct Lists<T>(PhantomData<T>);

impl<T> Lists<T> {
    fn one<'de, E: de::Error>(x: impl IntoDeserializer<'de, E>) -> Result<OneOrMany<T>, E>
    where
        T: Deserialize<'de>,
    {
        T::deserialize(x.into_deserializer()).map(|x| OneOrMany(vec![x]))
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Lists<T> {
    type Value = OneOrMany<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list, or one value of it")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(x) = seq.next_element()? {
            out.push(x);
        }
        Ok(OneOrMany(out))
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|x| OneOrMany(vec![x]))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
        T::deserialize(de::value::BorrowedStrDeserializer::new(s)).map(|x| OneOrMany(vec![x]))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Self::one(s.to_owned())
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Self::one(b)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        Self::one(n)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
        Self::one(n)
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
        Self::one(n)
    }
}
