//! What an answer decodes to, bounded. A body's text is bounded by the client's body limit,
//! but what it decodes to need not be: `[{},{},...]` read as `serde_json::Value` takes some
//! 25 times its three bytes per item, `[{"a":1},...]` some 80 times (each map a tree node),
//! and a large generated model thousands of times, at any depth (a page's items, a list
//! inside an item, a `Json<Value>` answer, a delta page). So every answer the client reads is
//! decoded through [`Budgeted`], which charges what each value takes in memory, as estimated
//! from its Rust type, against a budget of the body limit, and ends the decode with an error
//! once past it: a body at the limit and what it decodes to then hold at most twice the limit.
//!
//! The estimate: each element of a sequence the size of its type (its slot in a `Vec`); each
//! entry of a map twice the size of its key and value, and the first one a whole tree node
//! (12 times); each string or byte buffer its heap allocation (at least 32 bytes); each boxed
//! polymorphic model its size. It errs high for a struct read as a map (a generated model),
//! whose fields take no more memory when set.
//!
//! The budget is per thread, set for the length of one decode (decoding never awaits), so that
//! code below the wrapper (a page's items, a polymorphic model's box) charges it too.
//!
//! Hand-written: the generator copies this file from `templates/runtime/budget.rs`.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::cell::Cell;
use std::fmt;
use std::mem::size_of;

thread_local! {
    /// The bytes the decode under way on this thread may still take, and its budget in all;
    /// none outside a decode.
    static LEFT: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
}

/// Charges `bytes` to the decode under way on this thread (outside one, nothing): past its
/// budget, the error that ends it.
pub(crate) fn charge<E: de::Error>(bytes: usize) -> Result<(), E> {
    LEFT.with(|left| match left.get() {
        None => Ok(()),
        Some((rest, all)) if bytes <= rest => {
            left.set(Some((rest - bytes, all)));
            Ok(())
        }
        Some((_, all)) => Err(E::custom(format_args!(
            "the answer decodes to more memory than the client's body limit of {all} bytes; see Client::with_body_limit"
        ))),
    })
}

/// What a heap allocation of `len` bytes takes: nothing for none, else at least a 32-byte
/// chunk, in steps of 16 with 8 bytes of bookkeeping (as common allocators do).
fn heap(len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (len.saturating_add(8).saturating_add(15) / 16 * 16).max(32)
}

/// Runs `decode` with a budget of `limit` bytes on this thread; the budget before is restored
/// after, whatever happens.
pub(crate) fn within<R>(limit: usize, decode: impl FnOnce() -> R) -> R {
    struct Restore(Option<(usize, usize)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            LEFT.with(|left| left.set(self.0));
        }
    }
    let _restore = Restore(LEFT.with(|left| left.replace(Some((limit, limit)))));
    decode()
}

/// `T` from the JSON `body`, what it decodes to at most `limit` bytes.
pub(crate) fn from_slice<T: DeserializeOwned>(body: &[u8], limit: usize) -> Result<T, serde_json::Error> {
    within(limit, || {
        let mut de = serde_json::Deserializer::from_slice(body);
        let value = T::deserialize(Budgeted(&mut de))?;
        de.end()?;
        Ok(value)
    })
}

/// A deserializer whose values are charged to the budget of the decode under way.
pub(crate) struct Budgeted<D>(pub(crate) D);

/// Each `deserialize_*` of [`Budgeted`]: the inner one, its visitor charged.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Charged(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Budgeted<D> {
    type Error = D::Error;

    forward! {
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16(); deserialize_u32();
        deserialize_u64(); deserialize_u128(); deserialize_f32(); deserialize_f64(); deserialize_char();
        deserialize_str(); deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
        deserialize_option(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str); deserialize_seq(); deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose strings, sequences, maps and nested values are charged.
struct Charged<V>(V);

/// Each `visit_*` of a value that holds nothing on the heap: the inner one.
macro_rules! visit_plain {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

/// Each `visit_*` of a string or bytes: charged its allocation, then the inner one.
macro_rules! visit_heap {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            charge::<E>(heap(v.len()))?;
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Charged<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    visit_plain! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64); visit_i128(i128);
        visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64); visit_u128(u128);
        visit_f32(f32); visit_f64(f64); visit_char(char);
    }

    visit_heap! {
        visit_str(&str); visit_borrowed_str(&'de str); visit_string(String);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Budgeted(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Budgeted(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Map { map, keys: 0, values: 0 })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Enum(data))
    }
}

/// A seed whose value is read through [`Budgeted`].
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Budgeted(d))
    }
}

/// A sequence whose elements are charged their slot.
struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        charge::<A::Error>(size_of::<T::Value>())?;
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// A map whose entries are charged: twice their key and value, the first a tree node.
struct Map<A> {
    map: A,
    keys: usize,
    values: usize,
}

/// What the `n`th entry (from 0) of a map takes, per byte of its key or value.
fn entry(n: usize, size: usize) -> usize {
    size.saturating_mul(if n == 0 { 12 } else { 2 })
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let key = self.map.next_key_seed(Seed(seed))?;
        if key.is_some() {
            charge::<A::Error>(entry(self.keys, size_of::<K::Value>()))?;
            self.keys += 1;
        }
        Ok(key)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        charge::<A::Error>(entry(self.values, size_of::<T::Value>()))?;
        self.values += 1;
        self.map.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// An enum whose variant's content is read through [`Budgeted`].
struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Enum<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Seed(seed))?;
        Ok((value, Enum(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Enum<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Charged(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Charged(visitor))
    }
}
