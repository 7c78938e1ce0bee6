//! Path templates as one typed value: parsed once from the text a page documents, then used by
//! the resolver, the URL-space model, the emitter, the OpenAPI export and the linter alike.
//!
//! A template is a list of segments (split on `/` outside `{...}` and `(...)`), each a list of
//! pieces: literal text and `{name}` parameters. `/me/drive/root:/{item-path}:/content` is five
//! segments; `range(address='{address}')` is one segment of three pieces. The text is kept
//! canonical (rendered from the pieces), so two templates are equal when their texts are.

mod matching;
pub use matching::keys_as_segments;
pub mod samples;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A path template (`/users/{id}/photo/$value`), serialized as its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PathTemplate {
    text: String,
    segments: Vec<Segment>,
}

/// One `/`-separated segment of a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Segment {
    /// Its literal text and parameters, in order.
    pub pieces: Vec<Piece>,
}

/// A piece of a segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Piece {
    /// Literal text (`users`, `range(address=`).
    Text(String),
    /// `{name}`; the name is kept whole (`id | userPrincipalName`), trimmed.
    Param(String),
}

/// A `{name}` of a template with what the emitter and the IR need to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamSite {
    /// The text between the braces, trimmed.
    pub name: String,
    /// The literal segment before it (`users` for `/users/{id}`); empty at the start.
    pub after: String,
    /// The argument name when it sits inside a call: `fn(name={x})`.
    pub function_arg: Option<String>,
    /// Between `'...'`: an OData string literal, whose `'` are doubled on the wire.
    pub quoted: bool,
}

impl PathTemplate {
    /// Parse a documented path (no query). Problems (an unclosed `{` or `(`) are returned as
    /// messages; the template is always usable: an unclosed brace runs to the end of its
    /// segment, an unclosed parenthesis is closed where the segment ends.
    pub fn parse(text: &str) -> (PathTemplate, Vec<String>) {
        let mut problems = Vec::new();
        let mut body = text.trim().trim_start_matches('/');
        // `~/x` is some pages' shorthand for the service root; the service knows only `/x`.
        if let Some(rest) = body.strip_prefix('~').filter(|r| r.is_empty() || r.starts_with('/')) {
            problems.push(format!("path `{text}` starts with `~`, which is read as the service root"));
            body = rest.trim_start_matches('/');
        }
        let raw = split_segments(body, true).unwrap_or_else(|| {
            problems.push(format!("`(` is not closed in path `{text}`; it is closed at the end of its segment"));
            split_segments(body, false).unwrap_or_default()
        });
        let mut segments: Vec<Segment> = raw.iter().map(|s| Segment::parse(s, text, &mut problems)).collect();
        // A trailing `/` documents nothing.
        while segments.len() > 1 && segments.last().is_some_and(|s| s.pieces.is_empty()) {
            segments.pop();
        }
        (PathTemplate::from_segments(segments), problems)
    }

    /// A template from its segments; the text is rendered from them.
    pub fn from_segments(segments: Vec<Segment>) -> PathTemplate {
        let mut text = String::new();
        for s in &segments {
            text.push('/');
            s.render(&mut text);
        }
        if text.is_empty() {
            text.push('/');
        }
        PathTemplate { text, segments }
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The key under which pages document the same endpoint: lowercase, parameters as `{}`.
    pub fn key(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for s in &self.segments {
            s.push_key(&mut out);
        }
        out
    }

    /// Every parameter, in order, with its place.
    pub fn params(&self) -> Vec<ParamSite> {
        let mut out = Vec::new();
        let mut after = String::new();
        for s in &self.segments {
            let mut arg: Option<String> = None;
            let mut prev_text = "";
            for p in &s.pieces {
                match p {
                    Piece::Text(t) => {
                        prev_text = t;
                        // `name(` or `,name=` or `(name=`: the argument the next parameter fills.
                        if let Some(eq) = t.rfind('=') {
                            let before = &t[..eq];
                            let start = before.rfind(['(', ',']).map_or(0, |i| i + 1);
                            arg = Some(before[start..].trim().to_string());
                        } else if t.contains('(') || t.contains(',') {
                            arg = None;
                        }
                    }
                    Piece::Param(name) => {
                        let call_after = s.call_name().map(str::to_string);
                        out.push(ParamSite {
                            name: name.clone(),
                            after: call_after.unwrap_or_else(|| after.clone()),
                            function_arg: arg.take(),
                            quoted: prev_text.ends_with('\''),
                        });
                    }
                }
            }
            if let Some(l) = s.literal() {
                let word = l.trim_end_matches(':');
                if !word.is_empty() {
                    after = word.to_string();
                }
            } else if let Some(c) = s.call_name() {
                after = c.to_string();
            }
        }
        out
    }

    /// Match a concrete URL path (no query) against the template: literal text compares
    /// case-insensitively, each `{x}` takes text without `/`. The text each took, in order.
    pub fn matches(&self, actual: &str) -> Option<Vec<String>> {
        matching::match_template(&self.text, actual)
    }

    /// The same template with each segment's literal text replaced by `spell(i, text)` when it
    /// returns a spelling (case canonicalization; parameters are kept).
    pub fn respelled(&self, mut spell: impl FnMut(usize, &str) -> Option<String>) -> PathTemplate {
        let new: Vec<Option<String>> = self.segments.iter().enumerate().map(|(i, s)| s.literal().and_then(|l| spell(i, l))).collect();
        if new.iter().all(Option::is_none) {
            return self.clone();
        }
        let mut new = new.into_iter();
        let segments = self
            .segments
            .iter()
            .map(|s| match new.next().flatten() {
                Some(text) => Segment { pieces: vec![Piece::Text(text)] },
                None => s.clone(),
            })
            .collect();
        PathTemplate::from_segments(segments)
    }
}

impl Segment {
    fn parse(raw: &str, whole: &str, problems: &mut Vec<String>) -> Segment {
        let mut pieces = Vec::new();
        let mut rest = raw;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                problems.push(format!("unclosed `{{` in path `{whole}`"));
                break;
            };
            if start > 0 {
                pieces.push(Piece::Text(rest[..start].to_string()));
            }
            pieces.push(Piece::Param(rest[start + 1..start + len].trim().to_string()));
            rest = &rest[start + len + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Segment { pieces }
    }

    /// Append `/` and the segment's part of [`PathTemplate::key`].
    pub fn push_key(&self, out: &mut String) {
        out.push('/');
        for p in &self.pieces {
            match p {
                Piece::Text(t) if t.is_ascii() => out.extend(t.bytes().map(|b| char::from(b.to_ascii_lowercase()))),
                Piece::Text(t) => out.extend(t.chars().flat_map(char::to_lowercase)),
                Piece::Param(_) => out.push_str("{}"),
            }
        }
    }

    /// [`Segment::push_key`] with a function's arguments left out (`/range(address={})` →
    /// `/range`): the pages call one function with and without them, and it answers the same.
    pub fn push_bare_key(&self, out: &mut String) {
        out.push('/');
        for p in &self.pieces {
            match p {
                Piece::Text(t) => {
                    let head = t.split('(').next().unwrap_or(t);
                    out.extend(head.chars().flat_map(char::to_lowercase));
                    if head.len() < t.len() {
                        return;
                    }
                }
                Piece::Param(_) => out.push_str("{}"),
            }
        }
    }

    /// A literal segment.
    pub fn text(t: &str) -> Segment {
        Segment { pieces: vec![Piece::Text(t.to_string())] }
    }

    /// A segment that is one `{name}`.
    pub fn param(name: &str) -> Segment {
        Segment { pieces: vec![Piece::Param(name.to_string())] }
    }

    fn render(&self, out: &mut String) {
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Param(n) => {
                    out.push('{');
                    out.push_str(n);
                    out.push('}');
                }
            }
        }
    }

    /// The segment as written.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        self.render(&mut s);
        s
    }

    /// A call with arguments in its parentheses (`range(address='{a}')`, not `range()`).
    pub fn takes_arguments(&self) -> bool {
        self.to_text().split_once('(').is_some_and(|(_, rest)| !rest.trim_start().starts_with(')'))
    }

    /// The text of a segment that is only literal text and no call: `users`, `root:`, `$value`,
    /// `microsoft.graph.group`.
    pub fn literal(&self) -> Option<&str> {
        match self.pieces.as_slice() {
            [Piece::Text(t)] if !t.contains('(') => Some(t),
            _ => None,
        }
    }

    /// The name of a segment that is one parameter: `{id}`, or `{item-path}:` in drive addressing.
    pub fn param_name(&self) -> Option<&str> {
        match self.pieces.as_slice() {
            [Piece::Param(n)] => Some(n),
            [Piece::Param(n), Piece::Text(t)] if t == ":" => Some(n),
            _ => None,
        }
    }

    /// `name` of a call segment `name(...)`.
    pub fn call_name(&self) -> Option<&str> {
        match self.pieces.first() {
            Some(Piece::Text(t)) => t.find('(').map(|i| t[..i].trim()),
            _ => None,
        }
    }

    /// Ends in `:` (`root:`, `{item-path}:`): drive and site addressing by path.
    pub fn ends_with_colon(&self) -> bool {
        matches!(self.pieces.last(), Some(Piece::Text(t)) if t.ends_with(':'))
    }
}

/// Split on `/` outside `{...}`, and outside `(...)` when `parens`; `None` when `parens` and a
/// `(` is still open at the end (the caller splits again without them).
fn split_segments(body: &str, parens: bool) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut brace, mut paren) = (0i32, 0i32);
    for c in body.chars() {
        match c {
            '{' => brace += 1,
            '}' => brace = (brace - 1).max(0),
            '(' if parens => paren += 1,
            ')' if parens => paren = (paren - 1).max(0),
            '/' if brace == 0 && paren == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if paren > 0 {
        return None;
    }
    out.push(cur);
    if !parens {
        // Close a call whose `)` never came, where its segment ends.
        for s in &mut out {
            let open = s.matches('(').count();
            let close = s.matches(')').count();
            for _ in close..open {
                s.push(')');
            }
        }
    }
    Some(out)
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialOrd for PathTemplate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PathTemplate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl Serialize for PathTemplate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for PathTemplate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(PathTemplate::parse(&text).0)
    }
}

/// `%xx` escapes decoded (an id in a URL as the service reads it).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' {
            if let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PathTemplate {
        PathTemplate::parse(s).0
    }

    #[test]
    fn round_trips_text_and_splits_outside_braces_and_parens() {
        for s in [
            "/me/drive/root:/{item-path}:/content",
            "/users/{id | userPrincipalName}/messages",
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')/format",
            "/reports/getEmailActivityCounts(period='{period_value}')",
        ] {
            assert_eq!(p(s).as_str(), s);
        }
        assert_eq!(p("/me/drive/root:/{item-path}:/content").segments().len(), 5);
        assert_eq!(p("/a/range(address='{x}')/b").segments().len(), 3);
        assert_eq!(p("/users/").as_str(), "/users");
    }

    #[test]
    fn key_lowercases_and_blanks_parameters() {
        assert_eq!(p("/directoryRoles/{role-id}/members").key(), "/directoryroles/{}/members");
        assert_eq!(p("/directoryroles/{id}/Members").key(), p("/directoryRoles/{x}/members").key());
    }

    #[test]
    fn params_know_their_place() {
        let t = p("/users/{user-id}/range(address='{address}',n={n})/root:/{item-path}:");
        let ps = t.params();
        assert_eq!(ps.len(), 4);
        assert_eq!((ps[0].name.as_str(), ps[0].after.as_str(), ps[0].quoted), ("user-id", "users", false));
        assert_eq!((ps[1].function_arg.as_deref(), ps[1].quoted, ps[1].after.as_str()), (Some("address"), true, "range"));
        assert_eq!((ps[2].function_arg.as_deref(), ps[2].quoted), (Some("n"), false));
        assert_eq!((ps[3].after.as_str(), ps[3].function_arg.as_deref()), ("root", None));
    }

    #[test]
    fn unclosed_parenthesis_is_closed_at_its_segment() {
        let (t, problems) = PathTemplate::parse("/w/range(address='{a}'/entireRow");
        assert_eq!(t.as_str(), "/w/range(address='{a}')/entireRow");
        assert_eq!(problems.len(), 1);
        let (t, problems) = PathTemplate::parse("/w/{id");
        assert_eq!(t.as_str(), "/w/{id");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn tilde_is_the_service_root() {
        let (t, problems) = PathTemplate::parse("~/onPremisesPublishingProfiles/{t}/");
        assert_eq!(t.as_str(), "/onPremisesPublishingProfiles/{t}");
        assert_eq!(problems.len(), 1);
        assert_eq!(PathTemplate::parse("/a~b").0.as_str(), "/a~b");
    }

    #[test]
    fn matches_examples() {
        let t = p("/users/{id}/messages/{message-id}");
        assert_eq!(t.matches("/Users/a@b.c/messages/AAM="), Some(vec!["a@b.c".to_string(), "AAM=".to_string()]));
        assert_eq!(t.matches("/users/a/events/b"), None);
    }

    #[test]
    fn respelled_keeps_parameters() {
        let t = p("/directoryroles/{id}/members");
        let r = t.respelled(|i, l| (i == 0).then(|| format!("{}R{}", &l[..9], &l[10..])));
        assert_eq!(r.as_str(), "/directoryRoles/{id}/members");
    }
}
