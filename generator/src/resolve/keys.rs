//! Keys the tables leave out. An entity page's annotation names its key (`keyProperty`), yet
//! some entities with no base type list no `id` row: their examples show `id`, and the service
//! sends it. Such an entity gets the key as its first property, but only on evidence that it
//! is an entity in the URL space (a relationship of some type leads to it): complex types whose
//! annotations carry a copied `keyProperty` (`shiftActivity`, `implicitGrantSettings`) are
//! never addressed by key and get nothing.

use crate::ir::{lineage, ComplexType, Property, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The key every Graph entity has (1,250 of the 1,253 `keyProperty` annotations say `id`).
const KEY: &str = "id";

/// Adds the key property to the entities that need it.
pub fn declare(types: &mut BTreeMap<String, ComplexType>) {
    let targets: BTreeSet<&str> =
        types.values().flat_map(|t| t.properties.iter()).filter(|p| p.navigation).map(|p| p.r#type.name.as_str()).collect();
    let missing: Vec<String> = types
        .values()
        .filter(|t| t.kind == TypeKind::Entity && t.base.is_none() && targets.contains(t.name.as_str()))
        .filter(|t| !lineage(types, &t.name).iter().any(|a| a.properties.iter().any(|p| p.name == KEY)))
        .map(|t| t.name.clone())
        .collect();
    for name in missing {
        let Some(t) = types.get_mut(&name) else { continue };
        let key = Property {
            name: KEY.into(),
            r#type: TypeRef::single(crate::ir::primitive::STRING),
            navigation: false,
            read_only: true,
            description: "The key of the entity (its annotation's `keyProperty`; no table row lists it). Read-only.".into(),
            source: t.source.clone(),
        };
        t.properties.insert(0, key);
    }
}
