//! An action's request body section that names a type ("supply a JSON representation of the
//! [cloudPcProvisioningPolicyAssignment] object") over a table of parameters that type lacks
//! (`assignments`), with an example that sends those parameters: the table and the example are
//! two statements of what the body holds, the sentence's type one; read as the table's
//! parameters, reported at the sentence.

use crate::frontend::facts::RawProperty;
use crate::ir::{lineage, ComplexType, Example, HttpMethod, TypeRef};
use std::collections::BTreeMap;

/// True when the POST's first example request sends only the table's names, and the table lists
/// no property of `named` (a type these docs define), or the example sends a name the table
/// lists that is none of `named`'s properties.
pub fn lists_other_parameters(
    method: HttpMethod,
    named: &TypeRef,
    rows: &[RawProperty],
    examples: &[Example],
    types: &BTreeMap<String, ComplexType>,
) -> bool {
    if method != HttpMethod::Post || rows.is_empty() || !types.contains_key(&named.name) {
        return false;
    }
    let chain = lineage(types, &named.name);
    let has = |n: &str| chain.iter().any(|t| t.properties.iter().any(|p| p.name.eq_ignore_ascii_case(n)));
    // `site@odata.bind` binds the type's own `site`.
    let own = |r: &RawProperty| has(r.name.split('@').next().unwrap_or(&r.name));
    let Some(sent) = super::example_body::first_sent_keys(examples) else { return false };
    let listed = !sent.is_empty() && sent.iter().all(|k| rows.iter().any(|r| r.name.eq_ignore_ascii_case(k)));
    // A table of some of the type's properties beside parameters it lacks
    // (`batchRecordDecisions`: a decision's `decision` and `justification`, and `principalId`,
    // `resourceId` to pick which): the parameters, where the example sends one of those too.
    let sends_other = sent.iter().any(|k| rows.iter().any(|r| r.name.eq_ignore_ascii_case(k) && !own(r)));
    listed && (!rows.iter().any(own) || sends_other)
}
