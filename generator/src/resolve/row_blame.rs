//! The closing step of a settlement where a type's JSON representation and its examples
//! outvote one row of its property table: the representation's finding about that key is
//! withdrawn (it was right) and the row is reported instead, with the representation as a
//! related label, so a docs writer is sent to the line that needs the fix.

use crate::diag::{Code, Diags};
use crate::ir::{Api, Source, TypeRef, TypeSettlement};
use std::collections::BTreeMap;

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

/// A `String`-or-collection row of `holder` that its representation (at `file:line`) and
/// `agree` example values outvote.
pub(super) struct Outvoted<'a> {
    pub holder: &'a str,
    pub key: &'a str,
    pub file: &'a str,
    pub line: u32,
    pub agree: usize,
}

/// Retypes an outvoted row as `retype` says, keeps why in the settlement map `kept` picks, and
/// reports the row under `code` in place of the representation's GG0207; `verb` is how the
/// others state the type (`show` a shape, `give` a kind).
pub(super) fn retype_row(
    api: &mut Api,
    diags: &mut Diags,
    o: Outvoted<'_>,
    (code, verb): (Code, &str),
    retype: impl FnOnce(&mut TypeRef),
    kept: impl FnOnce(&mut TypeSettlement) -> &mut BTreeMap<String, String>,
) {
    let Some(t) = api.types.get_mut(o.holder) else { return };
    let Some(p) = t.properties.iter_mut().find(|p| p.name == o.key) else { return };
    let was = p.r#type.to_string();
    retype(&mut p.r#type);
    let now = p.r#type.to_string();
    let (key, q) = (o.key, o.holder);
    let examples = if o.agree == 1 { "1 example value".to_string() } else { format!("{} example values", o.agree) };
    let why = format!("its JSON representation ({}:{}) and {examples} {verb} `{now}`; the table row says `{was}`", o.file, o.line);
    let source = p.source.clone();
    kept(&mut t.settled).insert(key.to_string(), why);
    // The representation agreed with the examples: the row is what to fix.
    let says = format!("`{key}` is ");
    let repr = Representation { file: o.file, line: o.line, code: Code::JsonRepresentationType, says: &says };
    let message =
        format!("`{key}` of `{q}` is documented as `{was}`, but its JSON representation and {examples} {verb} `{now}`; read as `{now}`");
    blame_row(diags, repr, &source, code, message, key);
}
