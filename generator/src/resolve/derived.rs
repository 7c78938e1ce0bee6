//! Bases from the base type's page: `educationOutcome`'s page says "the derived types are
//! [educationFeedbackOutcome], [educationPointsOutcome] and [educationRubricOutcome]", while
//! those pages name no base. The listing page is the evidence: a listed type whose own page
//! names no base gets the listing type as its base (a note, GG0208, says the derived page should
//! say so too); one whose page names a base the listing type is no ancestor of is a
//! contradiction (GG0204), and its own page wins, since it is the page about that type.
//!
//! A base page may list indirect descendants (`teleconferenceDeviceMediaQuality` lists the
//! screen-sharing quality that derives from the video quality): of several listing pages, the
//! most derived one is the base, and a listing whose type is an ancestor of the stated base
//! agrees with it.

use crate::diag::{Code, Diags};
use crate::ir::{lineage, ComplexType, Source};
use std::collections::BTreeMap;

/// One page's list: the listing type and the page, then each listed type's qualified name with
/// the line naming it.
pub struct Listing {
    /// The type whose page lists the others.
    pub base: String,
    /// That page.
    pub file: String,
    /// (qualified name, line) of each listed type.
    pub derived: Vec<(String, u32)>,
}

/// Give listed types without a base their listing type; report disagreements.
pub fn apply(types: &mut BTreeMap<String, ComplexType>, listings: &[Listing], diags: &mut Diags) {
    // Listed type → the listings naming it, in page order.
    let mut claims: BTreeMap<&str, Vec<(&Listing, u32)>> = BTreeMap::new();
    for l in listings {
        for (d, line) in &l.derived {
            if d != &l.base && types.contains_key(d) && types.contains_key(&l.base) {
                claims.entry(d.as_str()).or_default().push((l, *line));
            }
        }
    }
    let mut settled: Vec<(String, String, Source, &Listing, u32)> = Vec::new();
    for (d, by) in &claims {
        let Some(t) = types.get(*d) else { continue };
        match &t.base {
            Some(stated) => {
                let ancestors: Vec<String> = lineage(types, stated).iter().map(|a| a.name.clone()).collect();
                for (l, line) in by.iter().filter(|(l, _)| !ancestors.contains(&l.base)) {
                    diags
                        .push(
                            &l.file,
                            *line,
                            Code::BaseTypeConflict,
                            format!("`{}` lists `{d}` as derived from it, but the page of `{d}` says it inherits from `{stated}`; using `{stated}`", l.base),
                        )
                        .also(&t.source.file, t.source.line, format!("the page of `{d}`"));
                }
            }
            None => {
                // The most derived listing type: one every other listing type is an ancestor of.
                let pick = by.iter().find(|(l, _)| {
                    let chain: Vec<String> = lineage(types, &l.base).iter().map(|a| a.name.clone()).collect();
                    by.iter().all(|(o, _)| chain.contains(&o.base))
                });
                // A listing type that descends from the listed one would make a loop.
                let pick = pick.filter(|(l, _)| !lineage(types, &l.base).iter().any(|a| a.name == *d));
                if let Some((l, line)) = pick {
                    settled.push((d.to_string(), l.base.clone(), t.source.clone(), l, *line));
                }
            }
        }
    }
    for (d, base, source, l, line) in settled {
        diags
            .push(
                &source.file,
                source.line,
                Code::BaseFromBasePage,
                format!("the page of `{d}` names no base type; `{base}` lists it among its derived types (read as its base)"),
            )
            .also(&l.file, line, format!("`{base}` lists it"));
        if let Some(t) = types.get_mut(&d) {
            t.settled.base =
                Some(format!("its page names no base; the page of `{base}` lists it among its derived types ({}:{line})", l.file));
            t.base = Some(base);
        }
    }
}

/// A property whose type cell offers several types.
pub struct Alternatives {
    /// The type the property is on.
    pub owner: String,
    /// The property.
    pub property: String,
    /// The offered types after the first (which is the property's type as read).
    pub types: Vec<String>,
}

/// `mediaConfig | [appHostedMediaConfig] or [serviceHostedMediaConfig]`: the property holds
/// either, so its type is their nearest common base (`mediaConfig`), and `@odata.type` tells
/// which one a value is. Without a common base the first type stays.
pub fn common_bases(types: &mut BTreeMap<String, ComplexType>, alternatives: &[Alternatives]) {
    for a in alternatives {
        let Some(first) =
            types.get(&a.owner).and_then(|t| t.properties.iter().find(|p| p.name == a.property)).map(|p| p.r#type.name.clone())
        else {
            continue;
        };
        if let Some(c) = common_base(types, &first, &a.types) {
            if let Some(p) = types.get_mut(&a.owner).and_then(|t| t.properties.iter_mut().find(|p| p.name == a.property)) {
                p.r#type.name = c;
            }
        }
    }
}

/// The nearest type that `first` and every one of `others` derive from (or are), if any.
pub fn common_base(types: &BTreeMap<String, ComplexType>, first: &str, others: &[String]) -> Option<String> {
    lineage(types, first).iter().map(|t| t.name.clone()).find(|c| others.iter().all(|o| lineage(types, o).iter().any(|t| &t.name == c)))
}
