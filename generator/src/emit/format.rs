//! Token streams to formatted Rust files. Formatting (syn's parse, then prettyplease) is most
//! of emission, and each file is formatted on its own, so the emitter queues files as text and
//! [`Queue::format`] formats them on several threads. The text is the tokens' own printing:
//! `proc_macro2` token streams cannot cross threads, strings can, and syn reads the printing
//! back to the same tree.

use super::{named, Files, HEADER};
use crate::Error;
use proc_macro2::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files waiting to be formatted: (path, the tokens printed, whether `CRATE::` is renamed).
#[derive(Default)]
pub(super) struct Queue {
    items: Vec<(String, String, bool)>,
}

impl Queue {
    /// A file of generated code.
    pub(super) fn rust(&mut self, path: impl Into<String>, tokens: TokenStream) {
        self.items.push((path.into(), tokens.to_string(), false));
    }

    /// A file whose docs write `CRATE::` for the crate's own name (see [`named`]).
    pub(super) fn named(&mut self, path: impl Into<String>, tokens: TokenStream) {
        self.items.push((path.into(), tokens.to_string(), true));
    }

    /// Formats every queued file into `files`, on `threads` threads, each taking the next file
    /// in turn; the first file (in queue order) that does not parse, a generator bug, is the
    /// error.
    pub(super) fn format(self, files: &mut Files, lib: &str, threads: usize) -> Result<(), Error> {
        let next = AtomicUsize::new(0);
        let items = &self.items;
        let work = || {
            let mut mine = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((_, text, rename)) = items.get(i) else { return mine };
                let formatted = syn::parse_file(text).map(|file| print(&file)).map_err(|e| Error::Emit(e.to_string()));
                mine.push((i, formatted.map(|t| if *rename { named(&t, lib) } else { t })));
            }
        };
        let mut done = std::thread::scope(|s| {
            let workers: Vec<_> = (1..threads.clamp(1, items.len().max(1))).map(|_| s.spawn(work)).collect();
            let mut done = work();
            for w in workers {
                done.extend(w.join().map_err(|_| Error::Emit("a formatting thread panicked".into()))?);
            }
            Ok::<_, Error>(done)
        })?;
        done.sort_by_key(|(i, _)| *i);
        for ((path, _, _), (_, text)) in self.items.into_iter().zip(done) {
            files.insert(path, text?);
        }
        Ok(())
    }
}

/// Print tokens as formatted Rust with the generated-file header.
pub(super) fn rust(tokens: TokenStream) -> Result<String, Error> {
    syn::parse2(tokens).map(|file| print(&file)).map_err(|e| Error::Emit(e.to_string()))
}

/// A parsed file as formatted Rust with the generated-file header.
fn print(file: &syn::File) -> String {
    format!("{HEADER}{}", space_items(&prettyplease::unparse(file)))
}

/// A blank line between items, and between the methods of an impl, as rustfmt leaves them:
/// prettyplease writes them back to back. An item ends with a `}` at column 0 (or 4, in an
/// impl) and the next line at the same indentation starts the next one. Lines inside a raw
/// string (the tests' JSON) are text, left alone.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut lines = text.lines().peekable();
    let mut in_raw = false;
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if let Some(open) = line.rfind("r#\"") {
            in_raw = !line[open + 3..].contains("\"#");
            continue;
        }
        if in_raw {
            in_raw = !line.contains("\"#");
            continue;
        }
        if let (Some(indent), Some(next)) = (["}", "    }"].iter().position(|e| *e == line), lines.peek()) {
            let next_indent = next.len() - next.trim_start().len();
            if !next.trim().is_empty() && next_indent == indent * 4 && !next.trim_start().starts_with('}') {
                out.push('\n');
            }
        }
    }
    out
}
