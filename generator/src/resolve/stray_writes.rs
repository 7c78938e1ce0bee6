//! A PATCH or PUT whose path addresses a collection: Graph updates one entity at a time, so the
//! line says something the service does not do. Reported (GG0312) wherever it is. Where its
//! page has another line of the same method that addresses one entity of the type the body
//! sends, the collection line is that line with a segment too many (`PATCH
//! /users/{id}/todo/lists/{listId}/tasks` beside `PATCH /me/todo/lists/{listId}`, the body a
//! `todoTaskList`): it is left out, so the crate has no `tasks().update(&TodoTaskList)` that
//! sends a list to its tasks. Without such a line the write is kept as the page has it.

use crate::diag::{Code, Diags};
use crate::ir::{Body, HttpMethod, Operation};
use crate::urlspace::{Target, UrlSpace};

pub fn leave_out_slips(pages: &mut Vec<Operation>, space: &UrlSpace<'_>, diags: &mut Diags) {
    let writes = |op: &Operation| matches!(op.method, HttpMethod::Patch | HttpMethod::Put);
    let targets: Vec<Option<Target>> = pages.iter().map(|op| if writes(op) { space.walk(&op.path).target } else { None }).collect();
    let body_of = |op: &Operation| match &op.body {
        Some(Body::Type(t)) if !t.collection => Some(t.name.clone()),
        _ => None,
    };
    let mut slips = vec![false; pages.len()];
    for (i, op) in pages.iter().enumerate() {
        let Some(Target::Collection(members)) = &targets[i] else { continue };
        let body = body_of(op);
        let twin = body.as_ref().and_then(|b| {
            pages.iter().enumerate().find(|(j, o)| {
                *j != i && o.source.file == op.source.file && o.method == op.method && targets[*j] == Some(Target::Entity(b.clone()))
            })
        });
        let short = |t: &str| t.rsplit('.').next().unwrap_or(t).to_string();
        let what = match &body {
            Some(b) => format!("sends a `{}`", short(b)),
            None => "sends no typed body".to_string(),
        };
        let message = match twin {
            Some((_, t)) => format!(
                "`{} {}` addresses a collection of `{}` and {what}, which the page's line `{} {}` updates: a segment too many; left out",
                op.method,
                op.path,
                short(members),
                t.method,
                t.path
            ),
            None => format!(
                "`{} {}` addresses a collection of `{}` and {what}: Graph updates one entity at a time; kept as the page has it",
                op.method,
                op.path,
                short(members)
            ),
        };
        diags.push(&op.source.file, op.source.line, Code::WriteToCollection, message);
        slips[i] = twin.is_some();
    }
    let mut k = 0;
    pages.retain(|_| {
        k += 1;
        !slips[k - 1]
    });
}
