//! One form per function call in a path. Most Excel pages write `range(address='{address}')`,
//! an OData string argument named and quoted; a few write `range(address={address})` or
//! `range({address})` for the same call. Unquoted, the address is no OData literal (the service
//! cannot read `range(address=A1:C10)`), and each form would be a builder of its own with its
//! own sub-paths. A one-argument call that some page writes named and quoted is read so where
//! another page writes it unquoted or positional (the same argument; what most pages write when
//! they name it otherwise), the page's spelling kept in `documented` and reported (GG0311).
//! A call no page quotes is left as written: its argument may be a number or a boolean.

use crate::diag::{Code, Diags};
use crate::ir::Operation;
use crate::path::{PathTemplate, Piece, Segment};
use std::collections::BTreeMap;

/// How a one-argument call is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `f(arg='{x}')`
    Quoted,
    /// `f(arg={x})`
    Named,
    /// `f({x})`
    Positional,
}

/// (call name, argument name, form) of a one-argument call segment.
fn form(seg: &Segment) -> Option<(String, Option<String>, Form)> {
    let [Piece::Text(open), Piece::Param(_), Piece::Text(close)] = seg.pieces.as_slice() else {
        return None;
    };
    let (name, inside) = open.split_once('(')?;
    let name = name.trim();
    if name.is_empty() || inside.contains([',', '(', ')']) {
        return None;
    }
    match (inside.split_once('='), close.as_str()) {
        (None, ")") if inside.trim().is_empty() => Some((name.to_string(), None, Form::Positional)),
        (Some((arg, "'")), "')") => Some((name.to_string(), Some(arg.trim().to_string()), Form::Quoted)),
        (Some((arg, "")), ")") => Some((name.to_string(), Some(arg.trim().to_string()), Form::Named)),
        _ => None,
    }
}

/// Rewrite the calls of `ops` that another page writes named and quoted.
pub fn unify(ops: &mut [Operation], diags: &mut Diags) {
    // Call name (lowercase) → quoted argument name → pages writing it so.
    let mut quoted: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for op in ops.iter() {
        for seg in op.path.segments() {
            if let Some((name, Some(arg), Form::Quoted)) = form(seg) {
                *quoted.entry(name.to_ascii_lowercase()).or_default().entry(arg).or_default() += 1;
            }
        }
    }
    for op in ops.iter_mut() {
        let mut changed = false;
        let segments: Vec<Segment> = op
            .path
            .segments()
            .iter()
            .map(|seg| {
                let Some((name, arg, f)) = form(seg).filter(|(_, _, f)| *f != Form::Quoted) else {
                    return seg.clone();
                };
                let Some(args) = quoted.get(&name.to_ascii_lowercase()) else {
                    return seg.clone();
                };
                // The argument the page names, when pages quote it; else the one most quote.
                let by_votes = args.iter().max_by_key(|(a, n)| (**n, std::cmp::Reverse(a.as_str()))).map(|(a, _)| a.clone());
                let Some(arg) = arg.filter(|a| args.contains_key(a)).or(if f == Form::Positional { by_votes } else { None }) else {
                    return seg.clone();
                };
                let Some(Piece::Param(p)) = seg.pieces.get(1) else { return seg.clone() };
                changed = true;
                Segment { pieces: vec![Piece::Text(format!("{name}({arg}='")), Piece::Param(p.clone()), Piece::Text("')".into())] }
            })
            .collect();
        if !changed {
            continue;
        }
        let new = PathTemplate::from_segments(segments);
        diags.push(
            &op.source.file,
            op.source.line,
            Code::CallForm,
            format!("`{}` is written `{new}` by other pages: an OData string argument is named and quoted; read as that", op.path),
        );
        op.documented.push(op.path.as_str().to_string());
        for (param, site) in op.parameters.iter_mut().zip(new.params()) {
            param.after = site.after;
            param.function_arg = site.function_arg;
        }
        op.path = new;
    }
}
