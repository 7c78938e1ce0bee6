//! Finds the text of a key or element in a JSON body as the docs write it, by the path the
//! example checker gives it (`$.value[0].owner.id`): the key's own place, not the first line
//! that happens to hold the same name. The scan is as lenient as the front end's JSON reader
//! (comments, single quotes, bare keys and values, trailing commas) and gives up, rather than
//! guess, when the text does not follow the path.

/// The byte range, within `text`, of the key (or array element) `path` names; `$` is the body
/// itself. `None` when the text has no such key.
pub fn find(text: &str, path: &str) -> Option<(usize, usize)> {
    let rest = path.strip_prefix('$')?;
    let mut s = Scan { b: text.as_bytes(), i: 0 };
    s.blank();
    let (start, mut end) = s.value(rest)?;
    // An escape can end the scan inside a character; the range ends on the next boundary.
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Some((start, end))
}

/// The keys of the top-level object of `text`, each with the byte offset where it starts, in
/// one pass; empty when the text is not an object.
pub fn top_keys(text: &str) -> Vec<(String, usize)> {
    let mut s = Scan { b: text.as_bytes(), i: 0 };
    let mut out = Vec::new();
    s.blank();
    if s.peek() != Some(b'{') {
        return out;
    }
    s.i += 1;
    loop {
        s.blank();
        match s.peek() {
            None | Some(b'}') => return out,
            Some(b',') => {
                s.i += 1;
                continue;
            }
            _ => {}
        }
        let Some((key, (start, _))) = s.key() else { return out };
        out.push((key, start));
        s.blank();
        if s.peek() == Some(b':') {
            s.i += 1;
        }
        s.blank();
        s.skip_value();
    }
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips white space and `//` or `/* */` comments.
    fn blank(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if self.b[self.i..].starts_with(b"//") {
                while self.peek().is_some_and(|c| c != b'\n') {
                    self.i += 1;
                }
            } else if self.b[self.i..].starts_with(b"/*") {
                self.i += 2;
                while self.i < self.b.len() && !self.b[self.i..].starts_with(b"*/") {
                    self.i += 1;
                }
                self.i = (self.i + 2).min(self.b.len());
            } else if c == 0xc2 && self.b.get(self.i + 1) == Some(&0xa0) {
                // A no-break space, which the front end reads as a space.
                self.i += 2;
            } else {
                break;
            }
        }
    }

    /// The value at the scan's position, followed along `rest` (`.key`, `[n]`, or empty).
    fn value(&mut self, rest: &str) -> Option<(usize, usize)> {
        let start = self.i;
        if rest.is_empty() {
            self.peek()?;
            self.skip_value();
            return Some((start, self.i.max(start + 1)));
        }
        match self.peek()? {
            b'{' if rest.starts_with('.') => self.object(rest),
            b'[' if rest.starts_with('[') => self.array(rest),
            _ => None,
        }
    }

    /// Inside `{`: finds the key `rest` starts with (keys may hold dots: `@odata.type`).
    fn object(&mut self, rest: &str) -> Option<(usize, usize)> {
        self.i += 1;
        let after_dot = &rest[1..];
        loop {
            self.blank();
            match self.peek()? {
                b'}' => return None,
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let (key, span) = self.key()?;
            self.blank();
            if self.peek() == Some(b':') {
                self.i += 1;
            }
            self.blank();
            if let Some(more) = after_dot.strip_prefix(key.as_str()) {
                if more.is_empty() {
                    return Some(span);
                }
                if more.starts_with('.') || more.starts_with('[') {
                    return self.value(more);
                }
            }
            self.skip_value();
        }
    }

    /// Inside `[`: counts elements up to the index `rest` starts with.
    fn array(&mut self, rest: &str) -> Option<(usize, usize)> {
        self.i += 1;
        let close = rest.find(']')?;
        let want: usize = rest[1..close].parse().ok()?;
        let more = &rest[close + 1..];
        let mut at = 0;
        loop {
            self.blank();
            match self.peek()? {
                b']' => return None,
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            if at == want {
                return self.value(more);
            }
            let before = self.i;
            self.skip_value();
            if self.i == before {
                self.i += 1;
            }
            at += 1;
        }
    }

    /// A key, quoted or bare, and its byte range (quotes included).
    fn key(&mut self) -> Option<(String, (usize, usize))> {
        let start = self.i;
        let key = match self.peek()? {
            q @ (b'"' | b'\'') => {
                self.string(q);
                let inner = self.b.get(start + 1..self.i.saturating_sub(1)).unwrap_or_default();
                String::from_utf8_lossy(inner).into_owned()
            }
            _ => {
                while self.peek().is_some_and(|c| !matches!(c, b':' | b',' | b'}' | b']') && !c.is_ascii_whitespace()) {
                    self.i += 1;
                }
                if self.i == start {
                    self.i += 1;
                    return None;
                }
                String::from_utf8_lossy(&self.b[start..self.i]).into_owned()
            }
        };
        Some((key, (start, self.i)))
    }

    /// Past a string opened by `quote` at the scan's position (escapes honoured).
    fn string(&mut self, quote: u8) {
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == b'\\' {
                self.i = (self.i + 1).min(self.b.len());
            } else if c == quote || c == b'\n' {
                return;
            }
        }
    }

    /// Past one value: a string, a whole object or array, or a bare word.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'"' | b'\'' => {
                    self.string(c);
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return;
                    }
                }
                b',' if depth == 0 => return,
                b'\n' if depth == 0 => return,
                _ => {}
            }
            self.i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn at<'t>(text: &'t str, path: &str) -> Option<&'t str> {
        find(text, path).map(|(a, b)| &text[a..b])
    }

    #[test]
    fn follows_keys_and_indices_past_same_named_keys() {
        let text = "{\n  \"id\": \"1\",\n  \"value\": [\n    {\"id\": \"a\"},\n    {\"owner\": {\"id\": \"b\"}, \"id\": \"c\"}\n  ]\n}";
        let (a, _) = find(text, "$.value[1].owner.id").unwrap();
        assert_eq!(&text[a..a + 4], "\"id\"");
        assert_eq!(text[..a].lines().count(), 5, "on the second item's line, not the first `id`");
        assert_eq!(at(text, "$.value[1].id"), Some("\"id\""));
        assert!(find(text, "$.value[1].id").unwrap().0 > a);
        assert_eq!(at(text, "$.value[0]"), Some("{\"id\": \"a\"}"));
        assert_eq!(at(text, "$.value[2]"), None);
        assert_eq!(at(text, "$.missing"), None);
    }

    #[test]
    fn top_keys_in_one_pass() {
        let text = "{\n  \"a\": {\"b\": 1},\n  \"b\": [1, {\"a\": 2}],\n  c: 'x'\n}";
        let keys: Vec<(String, &str)> = super::top_keys(text).into_iter().map(|(k, at)| (k, &text[at..at + 3])).collect();
        assert_eq!(keys, [("a".into(), "\"a\""), ("b".into(), "\"b\""), ("c".into(), "c: ")]);
        assert!(super::top_keys("[1]").is_empty());
    }

    #[test]
    fn reads_the_docs_leniency() {
        let text = "{ // comment\n  name: 'x', '@odata.type': \"#t\",\n  \"list\": [1, 2,],\n}";
        assert_eq!(at(text, "$.name"), Some("name"));
        assert_eq!(at(text, "$.@odata.type"), Some("'@odata.type'"));
        assert_eq!(at(text, "$.list[1]"), Some("2"));
    }

    #[test]
    fn never_loops_or_panics_on_broken_text() {
        for text in ["", "{", "[", "{\"a\"", "{\"a\": [", "{,,,}", "[{]", "{\"a\":\"\\", "{:}", "\u{a0}{\"é\": 1}"] {
            for path in ["$", "$.a", "$[0]", "$.a[0].b", "$[", "x"] {
                let _ = find(text, path);
            }
        }
    }
}
