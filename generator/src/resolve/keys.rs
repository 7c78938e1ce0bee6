//! Keys the tables leave out. An entity page's annotation names its key (`keyProperty`), yet
//! some entities with no base type list no `id` row: their examples show `id`, and the service
//! sends it. Such an entity gets the key as its first property, but only on evidence that it
//! is an entity in the URL space (a relationship of some type leads to it): complex types whose
//! annotations carry a copied `keyProperty` (`shiftActivity`, `implicitGrantSettings`) are
//! never addressed by key and get nothing.
//!
//! A page may leave out `keyProperty` too (beta's `workforceIntegration`): a type that a GET
//! answers by key (`GET /teamwork/workforceIntegrations/{workforceIntegrationId}`) is addressed
//! by its key all the same, so it is given one as well ([`addressed`]).

use crate::ir::{lineage, ComplexType, HttpMethod, Operation, Property, TypeKind, TypeRef};
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
    add(types, missing, "its annotation's `keyProperty`; no table row lists it");
}

/// Adds the key to the types with no base that a GET of a path ending in a key answers: being
/// fetched by key is the evidence that it is an entity. So is being listed at a path whose
/// members other requests address by key (`GET .../swapShiftsChangeRequests` lists them, and
/// `POST .../swapShiftsChangeRequests/{id}/approve` addresses one, while no page GETs one).
/// Called with the pages' operations as they state their answers (before the URL model walks
/// such keys) and again once settled.
pub fn addressed(types: &mut BTreeMap<String, ComplexType>, operations: &[Operation]) {
    let by_key = |op: &&Operation| op.method == HttpMethod::Get && op.path.segments().last().is_some_and(|s| s.param_name().is_some());
    let answered = operations.iter().filter(by_key).filter_map(|op| op.response.r#type.as_ref().filter(|t| !t.collection));
    let sets = super::keyed_sets::sets(operations);
    let listed = operations
        .iter()
        .filter(|op| op.method == HttpMethod::Get && sets.contains(&op.path.key()))
        .filter_map(|op| op.response.r#type.as_ref().filter(|t| t.collection));
    let answered: BTreeSet<&str> = answered.map(|t| t.name.as_str()).collect();
    let listed: BTreeSet<&str> = listed.map(|t| t.name.as_str()).filter(|t| !answered.contains(t)).collect();
    let lacking = |set: &BTreeSet<&str>| -> Vec<String> {
        let no_key = |t: &&ComplexType| t.base.is_none() && set.contains(t.name.as_str()) && !t.properties.iter().any(|p| p.name == KEY);
        types.values().filter(no_key).map(|t| t.name.clone()).collect()
    };
    let (by_get, by_list) = (lacking(&answered), lacking(&listed));
    add(types, by_get, "a GET addresses it by key; no table row lists it");
    add(types, by_list, "it is listed where other requests address its members by key; no table row lists it");
}

fn add(types: &mut BTreeMap<String, ComplexType>, missing: Vec<String>, why: &str) {
    for name in missing {
        let Some(t) = types.get_mut(&name) else { continue };
        let key = Property {
            name: KEY.into(),
            r#type: TypeRef::single(crate::ir::primitive::STRING),
            navigation: false,
            read_only: true,
            description: format!("The key of the entity ({why}). Read-only."),
            source: t.source.clone(),
        };
        t.properties.insert(0, key);
    }
}
