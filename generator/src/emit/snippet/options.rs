//! The example's query options and headers as calls on the request: typed where the request's
//! kind has the option (`select` and `expand` on any JSON answer; `filter`, `orderby`, `top`,
//! `skip`, `count` and `search` on collections), `query(name, value)` for the rest, so what is
//! sent is what the docs show.

use super::super::context::Ctx;
use crate::ir::Operation;
use proc_macro2::TokenStream;
use quote::quote;

/// What a request answers, as far as its option methods go.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Collection,
    Json,
    Other,
}

impl Kind {
    pub fn of(ctx: &Ctx<'_>, op: &Operation) -> Kind {
        use super::super::operations::{answer, Answer};
        match answer(ctx, op) {
            Answer::Collection(_) => Kind::Collection,
            Answer::Json(_) => Kind::Json,
            _ => Kind::Other,
        }
    }
}

/// `chain` with the query of `url` and the `headers` added. A request that `sends_bytes` keeps
/// the example's `Content-Type` (a OneNote page's `text/html`, a multipart form with its
/// boundary): the client would send `application/octet-stream`, which such a service refuses.
/// `sent` is the media type the request function already sends its bytes under (a photo's
/// `image/jpeg`): saying it again would only repeat it.
pub fn add(
    mut chain: TokenStream,
    kind: Kind,
    url: &str,
    headers: &[(String, String)],
    (sends_bytes, sent): (bool, Option<&str>),
) -> TokenStream {
    for (k, v) in pairs(url) {
        chain = option(chain, kind, &k, &v);
    }
    for (k, v) in headers {
        let lower = k.to_ascii_lowercase();
        if sends_bytes && lower == "content-type" && !v.trim().is_empty() && !v.eq_ignore_ascii_case("application/octet-stream") {
            if !sent.is_some_and(|s| s.eq_ignore_ascii_case(v.trim())) {
                chain = quote!(#chain.content_type(#v));
            }
            continue;
        }
        // The client writes these itself.
        if ["content-type", "content-length", "authorization", "host"].contains(&lower.as_str()) {
            continue;
        }
        chain = if lower == "consistencylevel" && v.eq_ignore_ascii_case("eventual") {
            quote!(#chain.consistency_level_eventual())
        } else if lower == "prefer" {
            quote!(#chain.prefer(#v))
        } else {
            quote!(#chain.header(#k, #v))
        };
    }
    chain
}

fn option(chain: TokenStream, kind: Kind, key: &str, value: &str) -> TokenStream {
    let list = |v: &str| {
        let items = split_top(v);
        quote!([#(#items),*])
    };
    let any = kind != Kind::Other;
    let many = kind == Kind::Collection;
    match key {
        "$select" if any => {
            let l = list(value);
            quote!(#chain.select(#l))
        }
        "$expand" if any => {
            let l = list(value);
            quote!(#chain.expand(#l))
        }
        "$orderby" if many => {
            let l = list(value);
            quote!(#chain.orderby(#l))
        }
        "$filter" if many => quote!(#chain.filter(#value)),
        // `search` puts the text between double quotes; an unquoted search goes as it is.
        "$search" if many && value.len() > 1 && value.starts_with('"') && value.ends_with('"') => {
            let inner = &value[1..value.len() - 1];
            quote!(#chain.search(#inner))
        }
        "$top" if many && value.parse::<u32>().is_ok() => {
            let n = proc_macro2::Literal::u32_unsuffixed(value.parse().unwrap_or_default());
            quote!(#chain.top(#n))
        }
        "$skip" if many && value.parse::<u32>().is_ok() => {
            let n = proc_macro2::Literal::u32_unsuffixed(value.parse().unwrap_or_default());
            quote!(#chain.skip(#n))
        }
        "$count" if many && (value == "true" || value == "false") => {
            let b = value == "true";
            quote!(#chain.count(#b))
        }
        _ => quote!(#chain.query(#key, #value)),
    }
}

/// The items of a comma list, commas inside parentheses or quotes kept (`members($select=id,
/// displayName)` is one item), each trimmed.
fn split_top(v: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth, mut quoted) = (Vec::new(), String::new(), 0i32, false);
    for c in v.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if depth == 0 && !quoted => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The query of a URL as decoded pairs, in order.
pub fn pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else { return Vec::new() };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (crate::path::percent_decode(k), crate::path::percent_decode(v))
        })
        .collect()
}
