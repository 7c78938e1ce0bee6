//! One pulldown-cmark pass over a page body into a flat list of blocks with line numbers.
//!
//! The analyzers (resource, API, enum pages) never see markdown events: they walk these blocks.
//! Quirks of the Graph docs handled here, once:
//! - `# [HTTP](#tab/http)` tab-group markers are syntactically H1s; they are dropped, or every
//!   section after them would collapse.
//! - A bare `---` right under a text line makes a setext heading; the docs never mean one, so
//!   setext headings become paragraphs.
//! - `<!-- {json} -->` comments become [`Block::Comment`] with the raw text; JSON is read later.

use crate::source::LineIndex;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text, entities decoded.
    Text(String),
    /// `code`, without the backticks.
    Code(String),
    /// A link: `[text](dest)`.
    Link {
        /// The link's text.
        text: String,
        /// Where it points, as written (`user.md`, `../api/user-get.md`).
        dest: String,
    },
    /// Inline HTML (`<br>`), verbatim.
    Html(String),
}

/// Text of a paragraph, heading, list item or table cell, with its links kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inlines(pub Vec<Inline>);

impl Inlines {
    /// Plain text: link text and code kept, `<br>` as a space, other HTML dropped.
    pub fn plain(&self) -> String {
        let mut s = String::new();
        for i in &self.0 {
            match i {
                Inline::Text(t) | Inline::Code(t) => s.push_str(t),
                Inline::Link { text, .. } => s.push_str(text),
                Inline::Html(h) => {
                    let h = h.trim().to_ascii_lowercase();
                    if h.starts_with("<br") || h.starts_with("<li") || h.starts_with("<p") {
                        s.push(' ');
                    }
                }
            }
        }
        s.trim().to_string()
    }

    /// (byte offset in [`Inlines::plain`], text, destination) of each link, in order: which
    /// link follows a phrase found in the plain text.
    pub fn links_at(&self) -> Vec<(usize, &str, &str)> {
        let mut out = Vec::new();
        let mut untrimmed = String::new();
        for i in &self.0 {
            match i {
                Inline::Text(t) | Inline::Code(t) => untrimmed.push_str(t),
                Inline::Link { text, dest } => {
                    out.push((untrimmed.len(), text.as_str(), dest.as_str()));
                    untrimmed.push_str(text);
                }
                Inline::Html(h) => {
                    let h = h.trim().to_ascii_lowercase();
                    if h.starts_with("<br") || h.starts_with("<li") || h.starts_with("<p") {
                        untrimmed.push(' ');
                    }
                }
            }
        }
        // `plain` trims: offsets count from its first character.
        let lead = untrimmed.len() - untrimmed.trim_start().len();
        out.into_iter().map(|(at, t, d)| (at.saturating_sub(lead), t, d)).collect()
    }

    /// (text, destination) of each link, in order.
    pub fn links(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|i| match i {
            Inline::Link { text, dest } => Some((text.as_str(), dest.as_str())),
            _ => None,
        })
    }

    fn push_text(&mut self, t: &str) {
        if let Some(Inline::Text(last)) = self.0.last_mut() {
            last.push_str(t);
        } else {
            self.0.push(Inline::Text(t.to_string()));
        }
    }
}

/// A pipe table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header row's line.
    pub line: u32,
    /// The header cells.
    pub header: Vec<Inlines>,
    /// The body rows.
    pub rows: Vec<Row>,
}

/// A body row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's line.
    pub line: u32,
    /// Its cells, in column order.
    pub cells: Vec<Inlines>,
}

/// A block of a page, in page order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// An ATX heading (tab-group H1 markers dropped).
    Heading {
        /// 1 for `#`, 2 for `##`, ...
        level: u8,
        /// The heading's text.
        text: Inlines,
        /// The heading's line.
        line: u32,
    },
    /// A paragraph, list item or setext heading line.
    Para {
        /// Its text.
        text: Inlines,
        /// Its first line.
        line: u32,
    },
    /// A pipe table.
    Table(Table),
    /// A fenced or indented code block; `info` is the trimmed info string, lowercased.
    Code {
        /// Lowercase info string (`http`, `json`), trimmed.
        info: String,
        /// The code, without the fences.
        text: String,
        /// The opening fence's line.
        line: u32,
    },
    /// The inside of an HTML comment (between `<!--` and `-->`), trimmed.
    Comment {
        /// The comment's text between `<!--` and `-->`, trimmed.
        text: String,
        /// The line where `<!--` is.
        line: u32,
        /// False when the page ends before `-->`.
        closed: bool,
    },
}

impl Block {
    /// The first line of the block.
    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. } | Block::Para { line, .. } | Block::Code { line, .. } | Block::Comment { line, .. } => *line,
            Block::Table(t) => t.line,
        }
    }
}

enum Buf {
    None,
    Inline { inl: Inlines, line: u32, heading: Option<u8> },
}

struct Builder<'a> {
    src: &'a str,
    base: usize,
    lines: &'a LineIndex<'a>,
    blocks: Vec<Block>,
    buf: Buf,
    /// Link being collected: (destination, text so far).
    link: Vec<(String, String)>,
    table: Option<Table>,
    row: Option<Row>,
    in_cell: bool,
    code: Option<(String, String, u32)>,
    html: Option<(String, u32)>,
}

impl<'a> Builder<'a> {
    fn line(&self, off: usize) -> u32 {
        self.lines.line(self.base + off)
    }

    fn flush(&mut self) {
        if let Buf::Inline { inl, line, heading } = std::mem::replace(&mut self.buf, Buf::None) {
            if inl.0.is_empty() {
                return;
            }
            match heading {
                Some(level) => {
                    // Tab-group markers: a heading that is only a link to `#tab/...`.
                    let marker = inl.0.iter().all(|i| match i {
                        Inline::Link { dest, .. } => dest.starts_with("#tab/"),
                        Inline::Text(t) => t.trim().is_empty(),
                        _ => false,
                    });
                    if !marker {
                        self.blocks.push(Block::Heading { level, text: inl, line });
                    }
                }
                None => self.blocks.push(Block::Para { text: inl, line }),
            }
        }
    }

    fn start_inline(&mut self, off: usize, heading: Option<u8>) {
        self.flush();
        self.buf = Buf::Inline { inl: Inlines::default(), line: self.line(off), heading };
    }

    fn text(&mut self, t: &str, code: bool) {
        if let Some((_, text)) = self.link.last_mut() {
            text.push_str(t);
            return;
        }
        let target = if self.in_cell {
            self.row.as_mut().and_then(|r| r.cells.last_mut())
        } else if let Buf::Inline { inl, .. } = &mut self.buf {
            Some(inl)
        } else {
            None
        };
        if let Some(inl) = target {
            if code {
                inl.0.push(Inline::Code(t.to_string()));
            } else {
                inl.push_text(t);
            }
        }
    }

    fn inline(&mut self, i: Inline) {
        let target = if self.in_cell {
            self.row.as_mut().and_then(|r| r.cells.last_mut())
        } else if let Buf::Inline { inl, .. } = &mut self.buf {
            Some(inl)
        } else {
            None
        };
        if let Some(inl) = target {
            inl.0.push(i);
        }
    }

    fn event(&mut self, ev: Event<'a>, start: usize) {
        match ev {
            Event::Start(tag) => self.start(tag, start),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some((_, text, _)) = &mut self.code {
                    text.push_str(&t);
                } else {
                    self.text(&t, false);
                }
            }
            Event::Code(t) => self.text(&t, true),
            Event::Html(h) => {
                if let Some((text, _)) = &mut self.html {
                    text.push_str(&h);
                }
            }
            Event::InlineHtml(h) if self.link.is_empty() => {
                self.inline(Inline::Html(h.to_string()));
            }
            Event::SoftBreak | Event::HardBreak => self.text(" ", false),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'a>, off: usize) {
        match tag {
            Tag::Paragraph if !self.in_cell => self.start_inline(off, None),
            Tag::Item => self.start_inline(off, None),
            Tag::Heading { level, .. } => {
                let setext = !self.src[off..].trim_start().starts_with('#');
                self.start_inline(off, if setext { None } else { Some(level as u8) });
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Table { line: self.line(off), header: vec![], rows: vec![] });
            }
            Tag::TableHead | Tag::TableRow => {
                self.row = Some(Row { line: self.line(off), cells: vec![] });
            }
            Tag::TableCell => {
                self.in_cell = true;
                if let Some(r) = &mut self.row {
                    r.cells.push(Inlines::default());
                }
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                let info = match kind {
                    CodeBlockKind::Fenced(i) => i.trim().to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((info, String::new(), self.line(off)));
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some((String::new(), self.line(off)));
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.link.push((dest_url.to_string(), String::new()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item if !self.in_cell => self.flush(),
            TagEnd::TableCell => self.in_cell = false,
            TagEnd::TableHead => {
                if let (Some(t), Some(r)) = (&mut self.table, self.row.take()) {
                    t.header = r.cells;
                }
            }
            TagEnd::TableRow => {
                if let (Some(t), Some(r)) = (&mut self.table, self.row.take()) {
                    t.rows.push(r);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table(t));
                }
            }
            TagEnd::CodeBlock => {
                if let Some((info, text, line)) = self.code.take() {
                    self.blocks.push(Block::Code { info, text, line });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((text, line)) = self.html.take() {
                    push_comments(&mut self.blocks, &text, line);
                }
            }
            TagEnd::Link | TagEnd::Image => {
                if let Some((dest, text)) = self.link.pop() {
                    if let Some((_, outer)) = self.link.last_mut() {
                        outer.push_str(&text);
                    } else {
                        self.inline(Inline::Link { text, dest });
                    }
                }
            }
            _ => {}
        }
    }
}

/// Split an HTML block into the comments it holds (usually one).
fn push_comments(blocks: &mut Vec<Block>, html: &str, line: u32) {
    let mut rest = html;
    let mut line = line;
    while let Some(start) = rest.find("<!--") {
        line += count_lines(&rest[..start]);
        let after = &rest[start + 4..];
        match after.find("-->") {
            Some(end) => {
                blocks.push(Block::Comment { text: after[..end].trim().to_string(), line, closed: true });
                line += count_lines(&rest[start..start + 4 + end]);
                rest = &after[end + 3..];
            }
            None => {
                blocks.push(Block::Comment { text: after.trim().to_string(), line, closed: false });
                return;
            }
        }
    }
}

fn count_lines(s: &str) -> u32 {
    u32::try_from(s.bytes().filter(|b| *b == b'\n').count()).unwrap_or(u32::MAX)
}

/// Table rows as pulldown-cmark reads them, one byte for one byte so offsets stay valid:
/// - tabs inside table rows become spaces: pulldown-cmark does not take a tab in a delimiter
///   row (`| --- \t|`), and real pages have them;
/// - a delimiter row with more cells than its header row (`|:--|:--|:--|` under two headers)
///   keeps the header's count, the rest blanked: GFM would read no table at all, where the
///   docs' renderer shows one (the second permissions table of the authentication-method pages,
///   which alone grants application permissions).
fn repair_tables(body: &str) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut previous = "";
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let tabbed = line.contains('\t') && line.trim_start().starts_with('|');
        let untabbed = if tabbed { std::borrow::Cow::Owned(line.replace('\t', " ")) } else { std::borrow::Cow::Borrowed(line) };
        let cut = excess_delimiter_cells(previous, &untabbed);
        if tabbed || cut.is_some() {
            let mut fixed = untabbed.into_owned();
            if let Some(cut) = cut {
                let end = fixed.trim_end_matches(['\n', '\r']).len();
                fixed.replace_range(cut..end, &" ".repeat(end - cut));
            }
            out.get_or_insert_with(|| body[..at].to_string()).push_str(&fixed);
        } else if let Some(o) = out.as_mut() {
            o.push_str(line);
        }
        previous = line;
        at += line.len();
    }
    out.map_or(std::borrow::Cow::Borrowed(body), std::borrow::Cow::Owned)
}

/// Where a delimiter row's cells beyond its header row's count start (the byte after the last
/// `|` kept), when it has more cells than the header.
fn excess_delimiter_cells(header: &str, row: &str) -> Option<usize> {
    let row_t = row.trim_end();
    let is_delimiter = row_t.trim_start().starts_with('|') && row_t.chars().all(|c| matches!(c, '|' | ':' | '-' | ' '));
    if !is_delimiter || !header.trim_start().starts_with('|') {
        return None;
    }
    let cells = |l: &str| {
        let t = l.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        t.split('|').count()
    };
    let want = cells(header);
    if cells(row_t) <= want {
        return None;
    }
    // The `want + 1`th `|` closes the header's last cell.
    row.match_indices('|').nth(want).map(|(i, _)| i + 1)
}

/// Parse a page body. `base` is the byte offset of `body` within the file `lines` indexes.
pub fn blocks(body: &str, base: usize, lines: &LineIndex<'_>) -> Vec<Block> {
    let body = repair_tables(body);
    let body = body.as_ref();
    let mut b = Builder {
        src: body,
        base,
        lines,
        blocks: Vec::new(),
        buf: Buf::None,
        link: Vec::new(),
        table: None,
        row: None,
        in_cell: false,
        code: None,
        html: None,
    };
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES);
    for (ev, range) in parser.into_offset_iter() {
        b.event(ev, range.start);
    }
    b.flush();
    b.blocks
}
