//! `$ref` of a relationship: OData's references, `{"@odata.id": url}`, to any member the
//! relationship holds. A page that names one kind of member (an administrative unit's members
//! page adds a `user`, its example a group) describes its example, not what the reference may
//! point to: the body of a `$ref` write and the answer of a `$ref` read are the relationship's
//! member type, whose model keeps the `@odata.id` among its additional properties. A page type
//! unrelated to the member type stays (GG0802 and GG0801 report such pages elsewhere).

use crate::ir::{Body, HttpMethod, Operation, TypeRef};
use crate::urlspace::{Target, UrlSpace, Walk};

/// Widens a `$ref` operation's body or answer from a kind of the relationship's member type to
/// the member type, with why.
pub fn widen(op: &mut Operation, walk: &Walk, space: &UrlSpace<'_>) {
    let (Some(Target::Ref { collection }), Some(member)) = (&walk.target, walk.binding.as_ref().and_then(Target::entity_type)) else {
        return;
    };
    let narrower = |t: &TypeRef| t.name != member && space.is_a(&t.name, member);
    let why = |t: &TypeRef, what: &str| {
        format!("the page names `{t}`, one kind of `{member}`; a `$ref` {what} references to any `{member}` the relationship holds")
    };
    match op.method {
        HttpMethod::Get => {
            if let Some(t) = op.response.r#type.clone().filter(|t| narrower(t) && t.collection == *collection) {
                op.settled.response = Some(why(&t, "read answers"));
                op.response.r#type = Some(TypeRef { name: member.to_string(), collection: *collection });
            }
        }
        HttpMethod::Post | HttpMethod::Put => {
            if let Some(Body::Type(t)) = op.body.clone().filter(|b| matches!(b, Body::Type(t) if narrower(t) && !t.collection)) {
                op.settled.body = Some(why(&t, "write sends"));
                op.body = Some(Body::Type(TypeRef { name: member.to_string(), collection: false }));
            }
        }
        _ => {}
    }
}
