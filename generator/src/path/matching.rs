//! Matching a concrete example URL against a template: which documented path an example calls,
//! and with what ids.

/// Match `actual` (no query) against `template`; `{x}` matches any text without `/`, literal text
/// compares case-insensitively. Returns the text each `{x}` matched, in order.
pub(super) fn match_template(template: &str, actual: &str) -> Option<Vec<String>> {
    let t: Vec<char> = template.trim_end_matches('/').chars().collect();
    let a: Vec<char> = actual.split('?').next().unwrap_or("").trim_end_matches('/').chars().collect();
    let mut caps = Vec::new();
    // Bounded backtracking: templates have few parameters, so this stays small.
    let mut budget = 10_000u32;
    if go(&t, &a, &mut caps, &mut budget) {
        caps.reverse();
        Some(caps)
    } else {
        None
    }
}

fn go(t: &[char], a: &[char], caps: &mut Vec<String>, budget: &mut u32) -> bool {
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
            // A parameter never takes a `/`; and when literal text follows it, only an end
            // right before that text's first character can work.
            let limit = a.iter().position(|c| *c == '/').unwrap_or(a.len());
            let next = rest.first().filter(|c| **c != '{');
            for end in (1..=limit).rev() {
                if next.is_some_and(|n| a.get(end).is_none_or(|d| !same(*n, *d))) {
                    continue;
                }
                if go(rest, &a[end..], caps, budget) {
                    caps.push(a[..end].iter().collect());
                    return true;
                }
            }
            false
        }
        Some(c) => match a.first() {
            Some(d) if same(*c, *d) => go(&t[1..], &a[1..], caps, budget),
            _ => false,
        },
    }
}

/// Equal, case aside.
fn same(c: char, d: char) -> bool {
    c == d || c.eq_ignore_ascii_case(&d) || (!c.is_ascii() && c.to_lowercase().eq(d.to_lowercase()))
}
