//! Type references in OData notation, serialized as one string: `Collection(microsoft.graph.x)`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A use of a type: its name, and whether a JSON array of it is meant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeRef {
    /// Qualified name: `Edm.String`, `microsoft.graph.identitySet`.
    pub name: String,
    /// A collection (JSON array) of the type.
    pub collection: bool,
}

impl TypeRef {
    /// One value of the named type.
    pub fn single(name: impl Into<String>) -> Self {
        TypeRef { name: name.into(), collection: false }
    }

    /// True for the Edm primitives (any `Edm.` name, known to the table or not).
    pub fn is_primitive(&self) -> bool {
        self.name.starts_with("Edm.")
    }

    /// One `Edm.Stream`: raw bytes of any content rather than a JSON value.
    pub fn is_stream(&self) -> bool {
        self.name == super::primitive::STREAM && !self.collection
    }

    /// Parse `Collection(x)` (any case) or `x`.
    pub fn parse(s: &str) -> Self {
        let t = s.trim().trim_start_matches('#');
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("collection(") && t.ends_with(')') {
            let inner = &t["collection(".len()..t.len() - 1];
            TypeRef { name: inner.trim().trim_start_matches('#').to_string(), collection: true }
        } else {
            TypeRef::single(t)
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.collection {
            write!(f, "Collection({})", self.name)
        } else {
            f.write_str(&self.name)
        }
    }
}

impl Serialize for TypeRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TypeRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(TypeRef::parse(&s))
    }
}
