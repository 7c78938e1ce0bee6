//! Where a redirect's `Location` points, resolved against the URL that was asked (RFC 3986,
//! section 5.2), without a URL crate: the sans-IO core has no HTTP client to lend one, and the
//! client resolves with the same function so both follow a redirect alike.
//!
//! Hand-written: the generator copies this file from `templates/runtime/location.rs`.

/// `location` resolved against `base` (an absolute `http(s)` URL, the request's
/// [`url`](crate::runtime::Request::url)): an absolute location as it is, `//host/x` with the
/// base's scheme, `/x` on the base's origin, `x`, `../x`, `?q` beside the base's path. The
/// fragment is dropped (it never goes on the wire).
pub fn resolve_location(base: &str, location: &str) -> String {
    let location = location.split('#').next().unwrap_or("").trim();
    if has_scheme(location) {
        return location.to_string();
    }
    // An empty reference is the base itself.
    if location.is_empty() {
        return base.split('#').next().unwrap_or(base).to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(other) = location.strip_prefix("//") {
        return format!("{scheme}://{other}");
    }
    let (authority, base_path) = match rest.find(['/', '?', '#']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let base_path = base_path.split(['?', '#']).next().unwrap_or("");
    let (path, query) = match location.split_once('?') {
        Some((p, q)) => (p, format!("?{q}")),
        None => (location, String::new()),
    };
    let path = if path.is_empty() {
        base_path.to_string()
    } else if path.starts_with('/') {
        remove_dots(path)
    } else {
        // Beside the base's last segment; a base without a path is the root.
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        remove_dots(&format!("{dir}{path}"))
    };
    let path = if path.is_empty() { "/" } else { path.as_str() };
    format!("{scheme}://{authority}{path}{query}")
}

/// `scheme:` at the start: letters, then letters, digits, `+`, `-` or `.`, then `:`.
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// A path without its `.` and `..` segments (RFC 3986, 5.2.4): `/a/b/../c` is `/a/c`.
fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, s) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *s {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}
