//! Lenient JSON, as the docs need it: strict first, then one repair pass that strips comments
//! and trailing commas, quotes bare keys and bare values (`2018-04-01T12:39:16Z`), turns
//! single-quoted and curly-quoted strings into JSON strings, treats no-break spaces as spaces,
//! escapes raw control characters in strings, adds a comma missing between a value and the next
//! key on a new line, and ignores text after the first complete value.

use serde_json::Value;

/// How a text became JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// It was JSON as written.
    Strict,
    /// It needed the repair pass (a note for the docs author): where the strict reader first
    /// stopped, in the text as written, and why (`expected ',' or '}'` for a missing comma).
    Repaired(NotJson),
}

/// Why a text is not JSON even after repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotJson {
    /// serde_json's message for the repaired text (with its line and column).
    pub message: String,
    /// 1-based line of the error within the text (the repair keeps lines), 0 when unknown.
    pub line: usize,
    /// 1-based column of the error on that line, in bytes of the repaired text.
    pub column: usize,
}

impl NotJson {
    fn of(e: &serde_json::Error) -> NotJson {
        NotJson { message: e.to_string(), line: e.line(), column: e.column() }
    }

    /// serde_json's message without its `at line L column C` (the finding says where).
    pub fn reason(&self) -> &str {
        self.message.split(" at line ").next().unwrap_or(&self.message)
    }
}

impl std::fmt::Display for NotJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parse `text` as JSON, strictly first and then repaired.
pub fn parse(text: &str) -> Result<(Value, Parsed), NotJson> {
    match serde_json::from_str(text) {
        Ok(v) => Ok((v, Parsed::Strict)),
        Err(strict) => {
            let fixed = repair(text);
            let mut values = serde_json::Deserializer::from_str(&fixed).into_iter::<Value>();
            match values.next() {
                Some(Ok(v)) => Ok((v, Parsed::Repaired(NotJson::of(&strict)))),
                Some(Err(e)) => Err(NotJson::of(&e)),
                None => Err(NotJson { message: "no JSON value".to_string(), line: 0, column: 0 }),
            }
        }
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{200b}' | '\u{feff}')
}

/// Containers open at a point of the scan, to tell keys from values.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Object,
    Array,
}

struct Repair {
    out: String,
    stack: Vec<Ctx>,
}

impl Repair {
    /// The last significant character written.
    fn last(&self) -> Option<char> {
        self.out.chars().rev().find(|c| !c.is_whitespace())
    }

    /// True when the next token is a key: inside an object, after `{` or `,`.
    fn at_key(&self) -> bool {
        self.stack.last() == Some(&Ctx::Object) && matches!(self.last(), Some('{') | Some(','))
    }

    /// A value or key begins on a later line than the value before it: add the missing comma.
    fn comma_if_missing(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\t', '\r']);
        if !trimmed.ends_with('\n') || self.stack.is_empty() {
            return;
        }
        let t = trimmed.trim_end();
        let ends_value = matches!(t.chars().last(), Some('"') | Some('}') | Some(']'))
            || t.ends_with("true")
            || t.ends_with("false")
            || t.ends_with("null")
            || t.chars().last().is_some_and(|c| c.is_ascii_digit());
        if ends_value {
            self.out.push(',');
        }
    }

    fn push_string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\t' => self.out.push_str("\\t"),
                c if (c as u32) < 0x20 => {}
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

/// A number written with leading zeros (`0000000000` for a NumericDate), which JSON forbids:
/// the same number without them.
fn leading_zeros(word: &str) -> Option<String> {
    let (sign, digits) = word.strip_prefix('-').map_or(("", word), |d| ("-", d));
    if !digits.starts_with('0') || digits.len() < 2 {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    let n = if trimmed.is_empty() || trimmed.starts_with('.') { format!("{sign}0{trimmed}") } else { format!("{sign}{trimmed}") };
    serde_json::from_str::<serde_json::Number>(&n).is_ok().then_some(n)
}

fn repair(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut r = Repair { out: String::with_capacity(text.len() + 16), stack: Vec::new() };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if is_quote(c) || c == '\'' => {
                // A string; `'` strings and curly quotes end at the matching kind of quote.
                r.comma_if_missing();
                let single = c == '\'';
                let mut s = String::new();
                i += 1;
                while i < chars.len() {
                    let d = chars[i];
                    if d == '\\' && i + 1 < chars.len() {
                        match chars[i + 1] {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            'r' | 'b' | 'f' => {}
                            'u' => {
                                let hex: String = chars.iter().skip(i + 2).take(4).collect();
                                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                                    s.push(ch);
                                    i += 4;
                                }
                            }
                            other => s.push(other),
                        }
                        i += 2;
                        continue;
                    }
                    if (single && d == '\'') || (!single && is_quote(d)) {
                        break;
                    }
                    s.push(d);
                    i += 1;
                }
                r.push_string(&s);
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
            }
            ',' => {
                let next = chars[i + 1..].iter().find(|c| !is_space(**c));
                if !matches!(next, Some('}') | Some(']') | None) {
                    r.out.push(',');
                }
            }
            '{' | '[' => {
                r.comma_if_missing();
                r.stack.push(if c == '{' { Ctx::Object } else { Ctx::Array });
                r.out.push(c);
            }
            '}' | ']' => {
                r.stack.pop();
                r.out.push(c);
            }
            ':' => r.out.push(c),
            c if is_space(c) => r.out.push(if c == '\n' { '\n' } else { ' ' }),
            _ => {
                // A bare token: a key up to `:`, or a value up to `,`, `}`, `]` or the line end.
                let key = r.at_key();
                let start = i;
                while i < chars.len() {
                    let d = chars[i];
                    let stop = if key { d == ':' || d == '\n' } else { matches!(d, ',' | '}' | ']' | '\n') };
                    if stop {
                        break;
                    }
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let word = word.trim_matches(is_space);
                r.comma_if_missing();
                let literal = matches!(word, "true" | "false" | "null") || serde_json::from_str::<serde_json::Number>(word).is_ok();
                if literal && !key {
                    r.out.push_str(word);
                } else if let Some(n) = leading_zeros(word).filter(|_| !key) {
                    r.out.push_str(&n);
                } else {
                    r.push_string(word);
                }
                continue;
            }
        }
        i += 1;
    }
    r.out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_repair_says_where_the_strict_reader_stopped() {
        // A missing comma is found at the key after it.
        let (_, how) = super::parse("{\n  \"a\": 1\n  \"b\": 2\n}").expect("repaired");
        let super::Parsed::Repaired(first) = how else { panic!("{how:?}") };
        assert_eq!((first.line, first.reason()), (3, "expected `,` or `}`"));
    }

    #[test]
    fn a_number_with_leading_zeros_stays_a_number() {
        let (v, _) = super::parse("{\"notBefore\": 0000000000, \"rank\": 007, \"at\": 08:00}").expect("repaired");
        assert_eq!(v["notBefore"], serde_json::json!(0));
        assert_eq!(v["rank"], serde_json::json!(7));
        // Not a number without its zeros either: text, as before.
        assert_eq!(v["at"], serde_json::json!("08:00"));
    }
}
