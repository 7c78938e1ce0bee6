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

/// Docs of a generated item: description, then the Graph name and the page it came from.
pub fn item(description: &str, graph_name: &str, file: &str) -> TokenStream {
    let d = lines(description);
    let from = format!(" `{graph_name}`, from `{file}`.");
    if d.is_empty() {
        quote!(#[doc = #from])
    } else {
        quote!(#d #[doc = ""] #[doc = #from])
    }
}
