//! A PATCH or PUT whose path addresses a collection: Graph updates one entity at a time, so the
//! line says something the service does not do. Reported (GG0312) wherever it is. Where its
//! page has another line of the same method that addresses one entity of the type the body
//! sends, and the line without its last segment addresses such an entity too, the line is that
//! write with a segment too many (`PATCH /users/{id}/todo/lists/{listId}/tasks` beside `PATCH
//! /me/todo/lists/{listId}`, the body a `todoTaskList`): it is read without the segment, the
//! page's spelling kept in `documented`, so the crate has the user's list update and no
//! `tasks().update(&TodoTaskList)` that sends a list to its tasks. Otherwise the write is kept
//! as the page has it.

use crate::diag::{Code, Diags};
use crate::ir::{Body, HttpMethod, Operation};
use crate::path::PathTemplate;
use crate::urlspace::{Target, UrlSpace};

pub fn read_slips(pages: &mut [Operation], space: &UrlSpace<'_>, diags: &mut Diags) {
    let writes = |op: &Operation| matches!(op.method, HttpMethod::Patch | HttpMethod::Put);
    let targets: Vec<Option<Target>> = pages.iter().map(|op| if writes(op) { space.walk(&op.path).target } else { None }).collect();
    let body_of = |op: &Operation| match &op.body {
        Some(Body::Type(t)) if !t.collection => Some(t.name.clone()),
        _ => None,
    };
    let short = |t: &str| t.rsplit('.').next().unwrap_or(t).to_string();
    let mut fixes: Vec<(usize, PathTemplate)> = Vec::new();
    for (i, op) in pages.iter().enumerate() {
        let Some(Target::Collection(members)) = &targets[i] else { continue };
        let body = body_of(op);
        let entity = body.as_ref().map(|b| Target::Entity(b.clone()));
        let twin = entity.as_ref().and_then(|e| {
            pages
                .iter()
                .enumerate()
                .find(|(j, o)| *j != i && o.source.file == op.source.file && o.method == op.method && targets[*j].as_ref() == Some(e))
        });
        let segs = op.path.segments();
        let shorter = PathTemplate::from_segments(segs[..segs.len().saturating_sub(1)].to_vec());
        let fits = entity.is_some() && space.walk(&shorter).target == entity;
        let what = match &body {
            Some(b) => format!("sends a `{}`", short(b)),
            None => "sends no typed body".to_string(),
        };
        let message = match twin.filter(|_| fits) {
            Some((_, t)) => format!(
                "`{} {}` addresses a collection of `{}` and {what}, which the page's line `{} {}` updates: a segment too many; read as `{} {shorter}`",
                op.method,
                op.path,
                short(members),
                t.method,
                t.path,
                op.method
            ),
            None => format!(
                "`{} {}` addresses a collection of `{}` and {what}: Graph updates one entity at a time; kept as the page has it",
                op.method,
                op.path,
                short(members)
            ),
        };
        diags.push(&op.source.file, op.source.line, Code::WriteToCollection, message);
        if twin.is_some() && fits {
            fixes.push((i, shorter));
        }
    }
    for (i, shorter) in fixes {
        let op = &mut pages[i];
        let written = op.path.as_str().to_string();
        op.documented.push(written);
        let why = format!("the page's line `{} {}` has a segment too many (GG0312): read as `{shorter}`", op.method, op.path);
        crate::ir::add_why(&mut op.settled.path, why);
        op.path = shorter;
    }
}
