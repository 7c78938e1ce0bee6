//! The snippet of a JSON batch example (`POST /$batch`): each request it carries is written as
//! the snippet of that request alone would write it (body, chain, query options, headers), added
//! to a `Batch` (`add_after` where it has `dependsOn`), sent with `client.batch`, and each answer
//! read by its id, bound to its documented type. A Rust user never writes the `$batch` body by
//! hand: the crate's `Batch` writes it, numbering the requests `1`, `2`, ... in the order added.

use super::{ident, Answer, Literal, Site};
use crate::ir::{ExampleBody, ExampleRequest, HttpMethod};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The snippet of a batch example, or why it cannot be written.
pub(super) fn write(site: &Site<'_, '_, '_>, req: &ExampleRequest) -> Result<String, String> {
    let json = req.body.as_ref().and_then(crate::conformance::example_json);
    let items = json
        .as_ref()
        .and_then(|b| b.get("requests"))
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or("a `$batch` body without a `requests` array")?;
    let mut lit = Literal::new(site.ctx);
    lit.uses.runtime.insert("Batch".into());
    let mut adds = Vec::new();
    let mut reads = Vec::new();
    // The docs' id of each request added so far, for `dependsOn`.
    let mut ids: Vec<String> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let inner = inner_request(req, item).map_err(|why| format!("batch request {}: {why}", n + 1))?;
        let (plan, walked) = site.locate(&inner).map_err(|why| format!("batch request {}: {why}", n + 1))?;
        let body = format!("body_{}", n + 1);
        let (setup, chain, answer) = super::request(&site.plans[plan], plan, &inner, site.calls, walked.as_ref(), &mut lit, &body)?;
        let handle = ident(&format!("id_{}", n + 1));
        let after: Vec<TokenStream> = depends_on(item)
            .iter()
            .map(|d| match ids.iter().position(|i| i == d) {
                Some(k) => {
                    let h = ident(&format!("id_{}", k + 1));
                    Ok(quote!(&#h))
                }
                None => Err(format!("batch request {} depends on `{d}`, no earlier request of the batch", n + 1)),
            })
            .collect::<Result<_, _>>()?;
        let request = ident(&format!("request_{}", n + 1));
        let add = if after.is_empty() {
            quote!(let #handle = batch.add(&#request);)
        } else {
            quote!(let #handle = batch.add_after(&#request, &[#(#after),*])?;)
        };
        adds.push(quote!(#setup let #request = #chain; #add));
        reads.push(match answer {
            Answer::Nothing => quote!(answers.get(&#handle)?;),
            Answer::Bytes => {
                let var = ident(&format!("bytes_{}", n + 1));
                quote!(let #var: Vec<u8> = answers.get(&#handle)?;)
            }
            Answer::Value(ty, var) => {
                let var = ident(&format!("{var}_{}", n + 1));
                quote!(let #var: #ty = answers.get(&#handle)?;)
            }
        });
        ids.push(item.get("id").map(text).unwrap_or_default());
    }
    let uses = lit.uses.lines(site.lib);
    super::format(
        &uses,
        &[],
        quote! {
            let mut batch = Batch::new();
            #(#adds)*
            let answers = client.batch(&batch).await?;
            #(#reads)*
        },
    )
}

/// One request of the batch body as an example request of its own.
fn inner_request(outer: &ExampleRequest, item: &Value) -> Result<ExampleRequest, String> {
    let method = item.get("method").and_then(Value::as_str).ok_or("no `method`")?;
    let method = HttpMethod::parse(method).ok_or_else(|| format!("`{method}` is no method the crate sends"))?;
    let url = item.get("url").and_then(Value::as_str).ok_or("no `url`")?;
    let headers = match item.get("headers") {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        _ => Vec::new(),
    };
    Ok(ExampleRequest {
        source: outer.source.clone(),
        method,
        path: below_root(url),
        external: false,
        pointer: false,
        headers,
        body: item.get("body").cloned().map(ExampleBody::Json),
    })
}

/// A batch URL below the version root with its leading `/`: the service takes `me/messages`,
/// `/me/messages` and the absolute URL alike.
fn below_root(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((_, after)) => {
            let path = after.split_once('/').map_or("", |(_, p)| p);
            let mut parts = path.splitn(2, '/');
            match (parts.next(), parts.next()) {
                (Some(v), Some(r)) if v == "v1.0" || v == "beta" => r,
                _ => path,
            }
        }
        None => url,
    };
    format!("/{}", rest.trim_start_matches('/'))
}

/// `dependsOn` as the docs write it: ids as strings (a number is read as its text).
fn depends_on(item: &Value) -> Vec<String> {
    match item.get("dependsOn") {
        Some(Value::Array(a)) => a.iter().map(text).collect(),
        Some(v @ (Value::String(_) | Value::Number(_))) => vec![text(v)],
        _ => Vec::new(),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::below_root;

    #[test]
    fn batch_urls_are_read_below_the_version_root() {
        assert_eq!(below_root("me/messages?$top=2"), "/me/messages?$top=2");
        assert_eq!(below_root("/me"), "/me");
        assert_eq!(below_root("https://graph.microsoft.com/v1.0/users/a@b.c"), "/users/a@b.c");
        assert_eq!(below_root("https://graph.microsoft.com/beta/me"), "/me");
    }
}
