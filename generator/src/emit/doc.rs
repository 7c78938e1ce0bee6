//! Doc comments: short, plain, and pointing back at the page they came from.

use proc_macro2::TokenStream;
use quote::quote;

/// Text made safe for a doc attribute: one line, no code fences (they would become doctests),
/// no bidirectional-text controls (rustc rejects them in comments).
pub fn clean(s: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let one_line = s.replace("```", "`").replace(bidi, "").split_whitespace().collect::<Vec<_>>().join(" ");
    markdown_safe(&one_line)
}

/// Docs prose as rustdoc reads it without complaint: a bare URL becomes `<url>`, brackets that
/// are not a link (`[Deprecated]`, `["SMTP: bob"]`) are escaped so they are not taken for
/// intra-doc links, and `<id>`-like words are not taken for HTML tags. Code spans are left
/// as they are.
/// Whether a link's destination (the text after its `(`) ends with `)` before any space.
fn closed(dest: &str) -> bool {
    dest.find(|c: char| c == ')' || c.is_whitespace()).is_some_and(|at| dest[at..].starts_with(')'))
}

fn markdown_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut in_code = false;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            let after_link_start = out.ends_with("](") || out.ends_with('<');
            if (rest.starts_with("https://") || rest.starts_with("http://")) && !after_link_start {
                let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '>' | '"' | '\'' | '`')).unwrap_or(rest.len());
                let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                i += url.len();
                continue;
            }
            if c == '[' {
                // `[text](url)` is a link; any other `[...]` is text, and so is a link whose
                // `(` is never closed (`[x](x.md, and ...`), which rustdoc would resolve as `x`.
                let link = rest.find(']').is_some_and(|close| rest[close + 1..].starts_with('(') && closed(&rest[close + 2..]));
                if !link {
                    out.push_str("\\[");
                    i += 1;
                    continue;
                }
            }
            if c == ']' && !(rest[1..].starts_with('(') && closed(&rest[2..])) {
                out.push_str("\\]");
                i += 1;
                continue;
            }
            if c == '<' && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') && !rest[1..].starts_with("http") {
                out.push_str("&lt;");
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
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
    fn prose_is_safe_for_rustdoc() {
        let safe = |s: &str| super::markdown_safe(s);
        assert_eq!(safe("see https://contoso.com/x."), "see <https://contoso.com/x>.");
        assert_eq!(safe("the root (https://graph.microsoft.com/v1.0/)."), "the root (<https://graph.microsoft.com/v1.0/>).");
        assert_eq!(safe("[Deprecated] use y"), "\\[Deprecated\\] use y");
        assert_eq!(safe("a [link](https://x.example) here"), "a [link](https://x.example) here");
        // A link the docs never close is text, not an intra-doc link to `x`.
        assert_eq!(safe("an [x](../x.md, and a y"), "an \\[x\\](../x.md, and a y");
        assert_eq!(safe("an <at id=0> tag and <https://x.example>"), "an &lt;at id=0> tag and <https://x.example>");
        assert_eq!(safe("code `[0] <id> https://a.b` stays"), "code `[0] <id> https://a.b` stays");
    }

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
