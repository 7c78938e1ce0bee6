//! A write that answers no content, whose page also shows a `207 Multi-Status` with a body its
//! annotation types: `site-unfollow.md` answers `204`, or, where some sites could not be
//! unfollowed, `207` and those sites, each with its `error`. The `207` is a success (the other
//! sites were unfollowed), and its body is the only word of what failed; a request reading no
//! content would throw it away. The operation keeps its `204` and notes the `207`'s type
//! (`Response::multi_status`), which the crate reads as `Option<T>`. Only an example with a
//! body and an annotation naming a type of these docs counts: a bare `207` says nothing of
//! what it carries.

use crate::ir::{Api, TypeRef};

pub fn settle(api: &mut Api) {
    let types = &api.types;
    for op in &mut api.operations {
        if op.response.r#type.is_some() || op.response.monitor.is_some() {
            continue;
        }
        op.response.multi_status = op.examples.iter().filter_map(|e| e.response.as_ref()).filter(|r| r.status == 207).find_map(|r| {
            let named = r.annotated.as_deref()?.trim().trim_start_matches('#');
            let named = named.strip_prefix("Collection(").and_then(|n| n.strip_suffix(')')).unwrap_or(named);
            let qualified = if named.contains('.') { named.to_string() } else { format!("{}.{named}", crate::frontend::DEFAULT_NAMESPACE) };
            let name = types.keys().find(|k| k.eq_ignore_ascii_case(&qualified))?.clone();
            let body = r.body.as_ref().and_then(crate::conformance::example_json)?;
            let collection = body.get("value").is_some_and(serde_json::Value::is_array);
            Some(TypeRef { name, collection })
        });
    }
}
