//! Doc comments: short, plain, and pointing back at the page they came from.

use proc_macro2::TokenStream;
use quote::quote;

/// Text made safe for a doc attribute: one line, no code fences (they would become doctests),
/// no bidirectional-text controls (rustc rejects them in comments).
pub fn clean(s: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    s.replace("```", "`").replace(bidi, "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `#[doc]` lines for a description; nothing when it is empty.
pub fn lines(text: &str) -> TokenStream {
    let t = clean(text);
    if t.is_empty() {
        return quote!();
    }
    let t = format!(" {t}");
    quote!(#[doc = #t])
}

/// Docs of a generated item: description, then the Graph name and the page it came from, as a
/// link to the published page where the file is a reference page.
pub fn item(description: &str, graph_name: &str, file: &str) -> TokenStream {
    let d = lines(description);
    let from = match learn_url(file) {
        Some(url) => format!(" `{graph_name}`: <{url}> (from `{file}`)."),
        None => format!(" `{graph_name}`, from `{file}`."),
    };
    if d.is_empty() {
        quote!(#[doc = #from])
    } else {
        quote!(#d #[doc = ""] #[doc = #from])
    }
}

/// `v1.0/resources/user.md` → the page on learn.microsoft.com; `beta/api/x.md` → its beta view.
pub fn learn_url(file: &str) -> Option<String> {
    let mut parts = file.split('/');
    let view = match parts.next()? {
        "v1.0" => "graph-rest-1.0",
        "beta" => "graph-rest-beta",
        _ => return None,
    };
    let rest: Vec<&str> = parts.collect();
    let stem = rest.last()?.strip_suffix(".md")?;
    match rest.as_slice() {
        ["resources", _] => Some(format!("https://learn.microsoft.com/graph/api/resources/{stem}?view={view}")),
        ["api", _] => Some(format!("https://learn.microsoft.com/graph/api/{stem}?view={view}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pages_link_to_their_published_view() {
        assert_eq!(
            super::learn_url("v1.0/resources/user.md").as_deref(),
            Some("https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0")
        );
        assert_eq!(
            super::learn_url("beta/api/user-get.md").as_deref(),
            Some("https://learn.microsoft.com/graph/api/user-get?view=graph-rest-beta")
        );
        assert_eq!(super::learn_url("openapi.yaml"), None);
    }
}
