//! Matching a concrete example URL against a template: which documented path an example calls,
//! and with what ids.

/// Match `actual` (no query) against `template`; `{x}` matches any text without `/` (but an item
/// path, `:/{x}:`, may hold folders: `root:/FolderA/FileB.txt:`), literal text compares
/// case-insensitively. Returns the text each `{x}` matched, in order.
pub(super) fn match_template(template: &str, actual: &str) -> Option<Vec<String>> {
    let actual = actual.split('?').next().unwrap_or("");
    let t: Vec<char> = template.trim_end_matches('/').chars().collect();
    let attempt = |actual: &str| {
        let a: Vec<char> = actual.trim_end_matches('/').chars().collect();
        let mut caps = Vec::new();
        // Bounded backtracking: templates have few parameters, so this stays small.
        let mut budget = 10_000u32;
        go(&t, &a, ('/', '/'), &mut caps, &mut budget).then(|| {
            caps.reverse();
            caps
        })
    };
    // As written first, so a template that spells a key in parentheses itself still matches.
    attempt(actual).or_else(|| match keys_as_segments(actual) {
        std::borrow::Cow::Owned(plain) => attempt(&plain),
        std::borrow::Cow::Borrowed(_) => None,
    })
}

/// A URL path with OData's key-in-parentheses form written as a segment: `messages('AAMk=')`
/// is `messages/AAMk=` (the service reads both; the pages' templates use the second, some
/// examples the first). Only a segment that is a name and one quoted literal is rewritten, so
/// function calls (`range(address='A1')`, a `name=`) keep their form; `''` in the literal is
/// one `'`. The query, if any, is kept as it is.
pub fn keys_as_segments(url: &str) -> std::borrow::Cow<'_, str> {
    let (path, query) = match url.find('?') {
        Some(q) => url.split_at(q),
        None => (url, ""),
    };
    if !path.contains("('") {
        return std::borrow::Cow::Borrowed(url);
    }
    let mut changed = false;
    let segments: Vec<String> = path
        .split('/')
        .map(|seg| match keyed(seg) {
            Some((name, key)) => {
                changed = true;
                format!("{name}/{key}")
            }
            None => seg.to_string(),
        })
        .collect();
    if !changed {
        return std::borrow::Cow::Borrowed(url);
    }
    std::borrow::Cow::Owned(segments.join("/") + query)
}

/// `name('literal')` → (`name`, the literal unescaped); `None` for anything else.
fn keyed(seg: &str) -> Option<(&str, String)> {
    let (name, rest) = seg.split_once("('")?;
    let inner = rest.strip_suffix("')")?;
    let named = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    // A lone `'` inside would end the literal early: two arguments or a call, not a key.
    if !named || inner.is_empty() || inner.replace("''", "").contains('\'') {
        return None;
    }
    Some((name, inner.replace("''", "'")))
}

/// `before`: the two template characters before `t`.
fn go(t: &[char], a: &[char], before: (char, char), caps: &mut Vec<String>, budget: &mut u32) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match t.first() {
        None => a.is_empty(),
        Some('{') => {
            let Some(close) = t.iter().position(|c| *c == '}') else {
                return false;
            };
            let rest = &t[close + 1..];
            // A parameter never takes a `/`, but an item path between `:/` and `:` does; and
            // when literal text follows it, only an end right before that text's first
            // character can work.
            let item_path = before == (':', '/') && rest.first() == Some(&':');
            let limit = if item_path { a.len() } else { a.iter().position(|c| *c == '/').unwrap_or(a.len()) };
            let next = rest.first().filter(|c| **c != '{');
            for end in (1..=limit).rev() {
                if next.is_some_and(|n| a.get(end).is_none_or(|d| !same(*n, *d))) {
                    continue;
                }
                if go(rest, &a[end..], ('}', '}'), caps, budget) {
                    caps.push(a[..end].iter().collect());
                    return true;
                }
            }
            false
        }
        Some(c) => match a.first() {
            Some(d) if same(*c, *d) => go(&t[1..], &a[1..], (before.1, *c), caps, budget),
            _ => false,
        },
    }
}

/// Equal, case aside.
fn same(c: char, d: char) -> bool {
    c == d || c.eq_ignore_ascii_case(&d) || (!c.is_ascii() && c.to_lowercase().eq(d.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_in_parentheses_is_a_segment_and_calls_keep_their_form() {
        assert_eq!(keys_as_segments("/me/messages('AAMk=')/attachments('b''c')?$x=('y')"), "/me/messages/AAMk=/attachments/b'c?$x=('y')");
        assert_eq!(keys_as_segments("/range(address='A1')/x"), "/range(address='A1')/x");
        assert_eq!(keys_as_segments("/f('a','b')"), "/f('a','b')");
        assert_eq!(match_template("/me/messages/{id}", "/me/messages('AAMk=')"), Some(vec!["AAMk=".to_string()]));
        assert_eq!(match_template("/me/messages/{id}", "/me/messages('a','b')"), None);
    }

    #[test]
    fn an_item_path_may_hold_folders_and_a_key_may_not() {
        let t = "/me/drive/root:/{path}:/content";
        assert_eq!(match_template(t, "/me/drive/root:/FolderA/FileB.txt:/content"), Some(vec!["FolderA/FileB.txt".to_string()]));
        let t = "/me/drive/items/{parent-id}:/{filename}:/content";
        let caps = match_template(t, "/me/drive/items/01AB:/a/b.txt:/content");
        assert_eq!(caps, Some(vec!["01AB".to_string(), "a/b.txt".to_string()]));
        assert_eq!(match_template("/me/messages/{id}", "/me/messages/a/b"), None);
    }
}
