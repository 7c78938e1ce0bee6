//! The closing step of a settlement where a type's JSON representation and its examples
//! outvote one row of its property table: the representation's finding about that key is
//! withdrawn (it was right) and the row is reported instead, with the representation as a
//! related label, so a docs writer is sent to the line that needs the fix.

use crate::diag::{Code, Diags};
use crate::ir::Source;

/// Where the representation states the key, and how its finding about it begins.
pub(super) struct Representation<'a> {
    pub file: &'a str,
    pub line: u32,
    /// The code of the representation's finding (GG0205, GG0207).
    pub code: Code,
    /// The start of that finding's message (`` `printerId` is in the JSON representation``).
    pub says: &'a str,
}

/// Withdraws the representation's finding and reports the row at `row`, under `code`, with
/// `message`, its caret on `token`.
pub(super) fn blame_row(diags: &mut Diags, repr: Representation<'_>, row: &Source, code: Code, message: String, token: &str) {
    diags.items.retain(|d| !(d.code == repr.code && d.file == repr.file && d.line == repr.line && d.message.starts_with(repr.says)));
    diags.push(&row.file, row.line, code, message).token(token).also(repr.file, repr.line, "the JSON representation");
}
