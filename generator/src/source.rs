//! Byte offsets to 1-based line numbers, for diagnostics and IR provenance.
//!
//! The markdown walk asks for lines in nearly increasing offset order, so a cursor that counts
//! newlines from its last position is cheaper than indexing every line of every page up front.

use std::cell::Cell;

/// Line numbers of byte offsets in one text.
pub struct LineIndex<'t> {
    text: &'t [u8],
    /// (offset, line at that offset) of the last answer.
    at: Cell<(usize, u32)>,
}

fn newlines(b: &[u8]) -> u32 {
    u32::try_from(b.iter().filter(|c| **c == b'\n').count()).unwrap_or(u32::MAX)
}

impl<'t> LineIndex<'t> {
    /// An index over `text`, its cursor at the start.
    pub fn new(text: &'t str) -> Self {
        LineIndex { text: text.as_bytes(), at: Cell::new((0, 1)) }
    }

    /// 1-based line of a byte offset; offsets past the end give the last line.
    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        let (from, line) = self.at.get();
        let line = if offset >= from {
            line.saturating_add(newlines(&self.text[from..offset]))
        } else {
            1u32.saturating_add(newlines(&self.text[..offset]))
        };
        self.at.set((offset, line));
        line
    }
}
