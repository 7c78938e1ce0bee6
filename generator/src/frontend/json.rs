//! Lenient JSON, as the docs need it: strict first, then one repair pass that strips comments
//! and trailing commas, quotes bare keys, escapes raw control characters in strings, and adds a
//! comma missing between a value and the next key on a new line.

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    Strict,
    Repaired,
}

/// Parse `text` as JSON; `Err` carries serde_json's message for the repaired text.
pub fn parse(text: &str) -> Result<(Value, Parsed), String> {
    match serde_json::from_str(text) {
        Ok(v) => Ok((v, Parsed::Strict)),
        Err(_) => {
            let fixed = repair(text);
            serde_json::from_str(&fixed).map(|v| (v, Parsed::Repaired)).map_err(|e| e.to_string())
        }
    }
}

fn repair(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut in_str = false;
    while i < chars.len() {
        let c = chars[i];
        if in_str {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(n) = chars.get(i + 1) {
                        out.push(*n);
                    }
                    i += 2;
                    continue;
                }
                '"' => in_str = false,
                '\n' => {
                    out.push_str("\\n");
                    i += 1;
                    continue;
                }
                '\r' => {
                    i += 1;
                    continue;
                }
                '\t' => {
                    out.push_str("\\t");
                    i += 1;
                    continue;
                }
                c if (c as u32) < 0x20 => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '"' => {
                // A string starting right after a value on an earlier line: missing comma.
                if needs_comma(&out) {
                    out.push(',');
                }
                in_str = true;
                out.push(c);
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            ',' => {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if matches!(next, Some('}') | Some(']') | None) {
                    i += 1;
                    continue;
                }
                out.push(c);
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '@' => {
                // A bare word: a key when a ':' follows, else a literal (true/false/null).
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || "_@.$-".contains(chars[i])) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let next = chars[i..].iter().find(|c| !c.is_whitespace());
                if next == Some(&':') {
                    if needs_comma(&out) {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                } else {
                    out.push_str(&word);
                }
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// True when the text so far ends a value and then a newline, so a following key lacks a comma.
fn needs_comma(out: &str) -> bool {
    let trimmed = out.trim_end_matches([' ', '\t', '\r']);
    if !trimmed.ends_with('\n') {
        return false;
    }
    let t = trimmed.trim_end();
    matches!(t.chars().last(), Some('"') | Some('}') | Some(']'))
        || t.ends_with("true")
        || t.ends_with("false")
        || t.ends_with("null")
        || t.chars().last().is_some_and(|c| c.is_ascii_digit())
}
