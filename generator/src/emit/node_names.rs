//! The name of a node that one parent reaches by several steps. The docs document an Excel
//! chart's `axes/categoryAxis`, `axes/valueAxis` and `axes/seriesAxis` on the same pages with
//! the same tails, so they are one place to the request tree (`urlspace::aliases`) and share a
//! node; named by its canonical (first) spelling, `value_axis()` returned a
//! `...AxesCategoryAxis`. Such a node is named by the type the model reads there instead
//! (`...AxesChartAxis`), which every one of its steps reaches.

use crate::path::PathTemplate;
use crate::urlspace::{Target, UrlSpace};
use std::collections::{BTreeMap, BTreeSet};

/// The nodes some parent reaches by steps of different names, given each node's steps as
/// (child, method name).
pub(super) fn shared_places<'a>(steps: impl Iterator<Item = Vec<(usize, &'a str)>>) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for node in steps {
        let mut names: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        for (child, method) in node {
            names.entry(child).or_default().insert(method);
        }
        out.extend(names.into_iter().filter(|(_, n)| n.len() > 1).map(|(c, _)| c));
    }
    out
}

/// `template` with its last segment replaced by the simple name of the type the model reads
/// there (`/drives/{id}/.../axes/ChartAxis`); `None` when the last segment is no literal or
/// the model cannot say.
pub(super) fn by_type(template: &str, space: &UrlSpace<'_>) -> Option<String> {
    let (path, _) = PathTemplate::parse(template);
    path.segments().last()?.literal()?;
    let ty = match space.walk(&path).target? {
        Target::Entity(t) | Target::Collection(t) => t,
        Target::Value(t) if !t.collection => t.name,
        _ => return None,
    };
    let simple = ty.rsplit('.').next().unwrap_or(&ty);
    let head = template.rsplit_once('/').map_or("", |(h, _)| h);
    Some(format!("{head}/{}", heck::ToUpperCamelCase::to_upper_camel_case(simple)))
}
