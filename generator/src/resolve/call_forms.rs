//! One form per function call in a path. Most Excel pages write `range(address='{address}')`,
//! an OData string argument named and quoted; a few write `range(address={address})` or
//! `range({address})` for the same call. Unquoted, the address is no OData literal (the service
//! cannot read `range(address=A1:C10)`), and each form would be a builder of its own with its
//! own sub-paths. A one-argument call that some page writes named and quoted is read so where
//! another page writes it unquoted or positional (the same argument; what most pages write when
//! they name it otherwise), the page's spelling kept in `documented` and reported (GG0311).
//! A call no page quotes is left as written: its argument may be a number or a boolean.
//!
//! Nor does a page's own example leave it in doubt when the request block writes an argument of
//! a string type bare (`reminderView(startDateTime={startDateTime},...)`) and every example
//! calling the path quotes it (`startDateTime='2017-06-05T10:00:00.0000000'`): the argument is
//! read quoted ([`quote_as_examples`]), also reported as GG0311.

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

/// Quote the bare arguments of a string type (or no type) that every example of their
/// operation writes between quotes (one example at least).
pub fn quote_as_examples(ops: &mut [Operation], diags: &mut Diags) {
    for op in ops.iter_mut() {
        let calls: Vec<Vec<Option<String>>> = op
            .examples
            .iter()
            .filter_map(|e| e.request.as_ref())
            .filter(|r| r.method == op.method)
            .filter_map(|r| call_arguments(&op.path, r.path.split('?').next().unwrap_or("").trim_end_matches('/')))
            .collect();
        let sites = op.path.params();
        let quote: Vec<bool> = sites
            .iter()
            .enumerate()
            .map(|(i, site)| {
                let stringy = op.parameters.get(i).and_then(|p| p.r#type.as_ref()).is_none_or(|t| t.name == crate::ir::primitive::STRING);
                let quoted_by_all = !calls.is_empty()
                    && calls.iter().all(|c| {
                        c.get(i).and_then(Option::as_ref).is_some_and(|v| v.len() > 1 && v.starts_with('\'') && v.ends_with('\''))
                    });
                site.function_arg.is_some() && !site.quoted && stringy && quoted_by_all
            })
            .collect();
        if !quote.contains(&true) {
            continue;
        }
        let mut at = 0;
        let segments: Vec<Segment> = op.path.segments().iter().map(|seg| quoted(seg, &quote, &mut at)).collect();
        let new = PathTemplate::from_segments(segments);
        let first = calls.first().map(|c| c.iter().flatten().cloned().collect::<Vec<_>>().join("`, `")).unwrap_or_default();
        diags.push(
            &op.source.file,
            op.source.line,
            Code::CallForm,
            format!(
                "`{}` writes a string argument bare where its examples quote it (`{first}`): an OData string is quoted; read as `{new}`",
                op.path
            ),
        );
        op.settled.path =
            Some(format!("the HTTP request block writes `{}`; every example quotes the string arguments it writes bare", op.path));
        op.documented.push(op.path.as_str().to_string());
        op.path = new;
    }
}

/// The texts an example gives the parameters of `path`'s call segments, by parameter (`None`
/// outside them): each call segment matched against the example's segment as far from the end.
/// The example may spell the place before the call otherwise (`/me/` for `/users/{id}/`).
fn call_arguments(path: &PathTemplate, example: &str) -> Option<Vec<Option<String>>> {
    let mine = path.segments();
    let theirs: Vec<&str> = example.trim_start_matches('/').split('/').collect();
    let mut out = Vec::new();
    for (j, seg) in mine.iter().enumerate() {
        let params = seg.pieces.iter().filter(|p| matches!(p, Piece::Param(_))).count();
        let is_call = seg.pieces.iter().any(|p| matches!(p, Piece::Text(t) if t.contains('(')));
        if !is_call || params == 0 {
            out.extend(std::iter::repeat_n(None, params));
            continue;
        }
        // Aligned from the end: the segment as many places before the last.
        let at = theirs.len().checked_sub(mine.len() - j)?;
        let caps = PathTemplate::parse(&format!("/{}", seg.to_text())).0.matches(&format!("/{}", theirs.get(at)?))?;
        out.extend(caps.into_iter().map(Some));
    }
    Some(out)
}

/// `seg` with a `'` on each side of each parameter `quote` marks (indexed from `*at`, the
/// parameters of the segments before it).
fn quoted(seg: &Segment, quote: &[bool], at: &mut usize) -> Segment {
    let mut out: Vec<Piece> = Vec::with_capacity(seg.pieces.len() + 2);
    // A closing quote owed to the text after the last parameter.
    let mut owed = false;
    for piece in &seg.pieces {
        match piece {
            Piece::Param(p) => {
                let this = quote.get(*at).copied().unwrap_or(false);
                *at += 1;
                if std::mem::take(&mut owed) {
                    out.push(Piece::Text("'".into()));
                }
                if this {
                    match out.last_mut() {
                        Some(Piece::Text(t)) => t.push('\''),
                        _ => out.push(Piece::Text("'".into())),
                    }
                }
                out.push(Piece::Param(p.clone()));
                owed = this;
            }
            Piece::Text(t) => {
                let t = if std::mem::take(&mut owed) { format!("'{t}") } else { t.clone() };
                out.push(Piece::Text(t));
            }
        }
    }
    if owed {
        out.push(Piece::Text("'".into()));
    }
    Segment { pieces: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(path: &str, examples: &[&str], types: &[&str]) -> Operation {
        let mut op = crate::plan::areas::tests::op("GET", path, "outlook");
        op.parameters = op
            .path
            .params()
            .into_iter()
            .zip(types)
            .map(|(site, t)| {
                let ty = (!t.is_empty()).then(|| serde_json::from_value(serde_json::json!(t)).expect("a type"));
                crate::ir::PathParameter {
                    name: site.name,
                    after: site.after,
                    function_arg: site.function_arg,
                    r#type: ty,
                    description: String::new(),
                }
            })
            .collect();
        let example = |p: &&str| {
            let e = serde_json::json!({"request": {"source": {"file": "p.md", "line": 9}, "method": "GET", "path": p}});
            serde_json::from_value(e).expect("an example")
        };
        op.examples = examples.iter().map(example).collect();
        op
    }

    #[test]
    fn bare_string_arguments_every_example_quotes_are_quoted() {
        let mut diags = Diags::default();
        // Examples under another spelling of the place still count; a number stays bare.
        let mut ops = vec![
            op("/users/{id}/view(start={start},n={n})", &["/me/view(start='a',n=2)"], &["", "Edm.String", "Edm.Int32"]),
            // One example writes it bare: no evidence, left as written.
            op("/users/{id}/list(start={start})", &["/me/list(start='a')", "/me/list(start=b)"], &["", "Edm.String"]),
            // No example at all: left as written.
            op("/users/{id}/other(start={start})", &[], &["", "Edm.String"]),
        ];
        quote_as_examples(&mut ops, &mut diags);
        assert_eq!(ops[0].path.as_str(), "/users/{id}/view(start='{start}',n={n})");
        assert_eq!(ops[0].documented, ["/users/{id}/view(start={start},n={n})"]);
        assert_eq!(ops[1].path.as_str(), "/users/{id}/list(start={start})");
        assert_eq!(ops[2].path.as_str(), "/users/{id}/other(start={start})");
        assert_eq!(diags.items.iter().filter(|d| d.code == Code::CallForm).count(), 1);
    }
}
