//! Sample values written where a path parameter belongs: a GUID after `classes/`, a host name
//! after `domains/`, `<address>`, `startDateTime='2017-01-01'`, `includeX=includeX-value`.
//! Each becomes a `{parameter}` named after what it stands for, and each is reported, so that a
//! generated function takes the value instead of baking one sample into every request.

use super::{PathTemplate, Piece, Segment};

/// What kind of sample value a path held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleKind {
    /// A GUID or a 32-digit hex id in a key position.
    Guid,
    /// A host name or mail address in a key position (`contoso.com`).
    Host,
    /// `<name>` placeholder.
    Angle,
    /// A quoted sample argument of a function (`'2017-01-01'`, `'reviewer'`).
    QuotedArgument,
    /// An unquoted sample argument (`640`, `2017-09-01`, `true`).
    LiteralArgument,
    /// `name-value` placeholder.
    ValuePlaceholder,
    /// `(name)` written for `{name}`.
    ParenPlaceholder,
    /// A `...` segment (any depth of nesting); dropped.
    Ellipsis,
    /// `{id}$ref`: a `/` left out before `$ref`, `$value` or `$count`.
    MissingSlash,
    /// `{user-id} | user-principal-name`: a parameter's brace closed before its alternatives.
    SplitParameter,
    /// `'{id}'`: a key segment in quotes. OData quotes a string key only inside parentheses
    /// (`keys('x')`); as a segment the key goes bare, as the examples send it.
    QuotedKey,
}

impl SampleKind {
    /// The kind in words, for the finding's message.
    pub fn describe(self) -> &'static str {
        match self {
            SampleKind::Guid => "a sample id",
            SampleKind::Host => "a sample host name",
            SampleKind::Angle => "a `<...>` placeholder",
            SampleKind::QuotedArgument => "a quoted sample argument",
            SampleKind::LiteralArgument => "a sample argument",
            SampleKind::ValuePlaceholder => "a `name-value` placeholder",
            SampleKind::ParenPlaceholder => "a `(name)` placeholder",
            SampleKind::Ellipsis => "a `...` segment",
            SampleKind::MissingSlash => "a parameter run into the next segment",
            SampleKind::SplitParameter => "a parameter whose `}` comes before its alternatives",
            SampleKind::QuotedKey => "a key segment in quotes",
        }
    }
}

/// A sample value found in a path, and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// What kind of sample it is.
    pub kind: SampleKind,
    /// The text as the page writes it.
    pub text: String,
    /// The parameter it became (empty for a dropped `...` or a repaired slash).
    pub param: String,
}

/// The template with sample values turned into parameters, and what was turned.
pub fn clean(t: &PathTemplate) -> (PathTemplate, Vec<Sample>) {
    let mut found = Vec::new();
    let mut out: Vec<Segment> = Vec::with_capacity(t.segments.len());
    let mut prev_literal = String::new();
    let mut changed = false;
    for s in &t.segments {
        let replaced = segment(s, &prev_literal, &mut found, &mut out);
        changed |= replaced;
        if !replaced {
            out.push(s.clone());
        }
        if let Some(l) = out.last().and_then(Segment::literal) {
            prev_literal = l.trim_end_matches(':').to_string();
        }
    }
    if !changed {
        return (t.clone(), found);
    }
    (PathTemplate::from_segments(out), found)
}

/// Rewrite one segment into `out` when it holds a sample; `false` when it is fine as it is.
fn segment(s: &Segment, prev: &str, found: &mut Vec<Sample>, out: &mut Vec<Segment>) -> bool {
    if let [Piece::Text(whole)] = s.pieces.as_slice() {
        if let Some(inner) = whole.strip_prefix('(').and_then(|x| x.strip_suffix(')')).filter(|x| is_word(x)) {
            found.push(Sample { kind: SampleKind::ParenPlaceholder, text: whole.clone(), param: inner.to_string() });
            out.push(Segment::param(inner));
            return true;
        }
    }
    if let Some(l) = s.literal() {
        // Most segments are plain names: nothing below can match them.
        let plain = l.bytes().all(|b| b.is_ascii_alphabetic() || b == b'$' || b == b':');
        if plain {
            return false;
        }
        let (kind, param) = if l == "..." {
            (SampleKind::Ellipsis, String::new())
        } else if let Some(inner) = angle(l) {
            (SampleKind::Angle, inner.to_string())
        } else if is_guid(l) {
            (SampleKind::Guid, key_name(prev))
        } else if is_host(l) {
            (SampleKind::Host, key_name(prev))
        } else {
            return false;
        };
        found.push(Sample { kind, text: l.to_string(), param: param.clone() });
        if !param.is_empty() {
            out.push(Segment::param(&param));
        }
        return true;
    }
    // `{user-id} | user-principal-name` → `{user-id | user-principal-name}`.
    if let [Piece::Param(p), Piece::Text(t)] = s.pieces.as_slice() {
        // A brace in the text would end the joined name early when the template is read back.
        if t.trim_start().starts_with('|') && !t.contains(['{', '}']) {
            let joined = format!("{p} {}", t.trim());
            found.push(Sample { kind: SampleKind::SplitParameter, text: s.to_text(), param: joined.clone() });
            out.push(Segment::param(&joined));
            return true;
        }
    }
    // `'{id}'` → `{id}`.
    if let [Piece::Text(a), Piece::Param(p), Piece::Text(b)] = s.pieces.as_slice() {
        if a == "'" && b == "'" {
            found.push(Sample { kind: SampleKind::QuotedKey, text: s.to_text(), param: p.clone() });
            out.push(Segment::param(p));
            return true;
        }
    }
    // `{id}$ref` → `{id}/$ref`.
    if let [Piece::Param(p), Piece::Text(t)] = s.pieces.as_slice() {
        if matches!(t.as_str(), "$ref" | "$value" | "$count") {
            found.push(Sample { kind: SampleKind::MissingSlash, text: s.to_text(), param: String::new() });
            out.push(Segment::param(p));
            out.push(Segment::text(t));
            return true;
        }
    }
    let Some(name) = s.call_name() else {
        return false;
    };
    let text = s.to_text();
    let Some(open) = text.find('(') else {
        return false;
    };
    let Some(close) = text.rfind(')').filter(|c| *c > open) else {
        return false;
    };
    let args = split_args(&text[open + 1..close]);
    let mut changed = false;
    let rebuilt: Vec<String> = args
        .iter()
        .map(|a| match argument(a, name, found) {
            Some(new) => {
                changed = true;
                new
            }
            // Spaces between arguments are not part of the URL.
            None => a.trim().to_string(),
        })
        .collect();
    let spaced = args.iter().any(|a| a.trim() != a.as_str());
    if !changed && !spaced {
        return false;
    }
    let new_text = format!("{}({}){}", &text[..open], rebuilt.join(","), &text[close + 1..]);
    let (parsed, _) = PathTemplate::parse(&new_text);
    out.extend(parsed.segments);
    true
}

/// One argument of a call, `name=value` or a lone value; the rewritten text when its value is a
/// sample.
fn argument(arg: &str, call: &str, found: &mut Vec<Sample>) -> Option<String> {
    let arg = arg.trim();
    let (key, value) = match arg.split_once('=') {
        Some((k, v)) if !k.contains('\'') && !k.contains('{') => (Some(k.trim()), v.trim()),
        _ => (None, arg),
    };
    if value.is_empty() || value.starts_with('{') && value.ends_with('}') {
        return None;
    }
    let named = |p: &str| key.map_or_else(|| p.to_string(), |k| format!("{k}={p}"));
    let param_for = |fallback: &str| key.unwrap_or(fallback).to_string();
    // `'{x}'` and `ns.enumType'{x}'` are already parameters.
    let (prefix, quoted) = match value.find('\'') {
        Some(q) if value.ends_with('\'') && value.len() > q + 1 => (&value[..q], Some(&value[q + 1..value.len() - 1])),
        _ => ("", None),
    };
    if let Some(inner) = quoted {
        if inner.starts_with('{') && inner.ends_with('}') {
            return None;
        }
        let (kind, param) = match angle(inner) {
            Some(a) => (SampleKind::Angle, a.to_string()),
            None => (SampleKind::QuotedArgument, param_for(call)),
        };
        found.push(Sample { kind, text: value.to_string(), param: param.clone() });
        return Some(named(&format!("{prefix}'{{{param}}}'")));
    }
    let (kind, param) = if let Some(a) = angle(value) {
        (SampleKind::Angle, a.to_string())
    } else if let Some(p) = value.strip_suffix("-value").filter(|p| is_word(p)) {
        (SampleKind::ValuePlaceholder, p.to_string())
    } else {
        (SampleKind::LiteralArgument, param_for(call))
    };
    found.push(Sample { kind, text: value.to_string(), param: param.clone() });
    Some(named(&format!("{{{param}}}")))
}

/// Split call arguments on `,` outside quotes and braces; each keeps its own spacing.
fn split_args(s: &str) -> Vec<String> {
    if s.trim().is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quote, mut brace) = (false, 0i32);
    for c in s.chars() {
        match c {
            '\'' => quote = !quote,
            '{' => brace += 1,
            '}' => brace -= 1,
            ',' if !quote && brace <= 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// The parameter name for a sample in a key position: the collection before it, singular, with
/// `-id` (`classes` → `class-id`).
fn key_name(prev: &str) -> String {
    // Only a name's letters, digits, `-` and `_` make a parameter name: a segment with a stray
    // brace or quote would give a template that does not parse back.
    let prev = prev.rsplit('.').next().unwrap_or(prev);
    let prev: String = prev.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect();
    if prev.is_empty() {
        return "id".to_string();
    }
    format!("{}-id", crate::naming::singular(&prev))
}

fn angle(s: &str) -> Option<&str> {
    s.strip_prefix('<').and_then(|x| x.strip_suffix('>')).map(str::trim).filter(|x| is_word(x))
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ')) && !s.starts_with(['-', ' '])
}

/// `acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`, or 32 hex digits in one run.
fn is_guid(s: &str) -> bool {
    let hex = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_hexdigit());
    let groups: Vec<&str> = s.split('-').collect();
    let dashed = groups.len() == 5 && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| hex(g));
    let compact = s.len() == 32 && hex(s) && s.chars().any(|c| c.is_ascii_digit());
    dashed || compact
}

/// `contoso.com`, `contoso.sharepoint.com`, `admin@contoso.com`: lowercase labels ending in a
/// top-level domain. Type casts (`microsoft.graph.group`) end in a type name, not a domain.
fn is_host(s: &str) -> bool {
    const TLDS: &[&str] =
        &["com", "net", "org", "edu", "gov", "io", "us", "uk", "de", "fr", "jp", "cn", "info", "biz", "co", "example", "local", "test"];
    let host = s.rsplit('@').next().unwrap_or(s);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        && labels.last().is_some_and(|t| TLDS.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(s: &str) -> (String, Vec<SampleKind>) {
        let (t, found) = clean(&PathTemplate::parse(s).0);
        (t.as_str().to_string(), found.iter().map(|f| f.kind).collect())
    }

    #[test]
    fn a_split_parameter_whose_text_holds_a_brace_is_left_as_it_is() {
        // Found by the `path` fuzz target: joined, the brace ended the name early on reading
        // the cleaned template back.
        let s = "/devices/{id/{||}||id}";
        let (t, k) = cleaned(s);
        assert_eq!(PathTemplate::parse(&t).0.key(), PathTemplate::parse(s).0.key());
        assert!(k.is_empty(), "{k:?}");
        assert_eq!(cleaned("/users/{user-id} | user-principal-name/photo").1, [SampleKind::SplitParameter]);
    }

    #[test]
    fn guids_and_hosts_become_keys_named_after_their_collection() {
        let (t, k) = cleaned("/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/cf6005fc-9e13-44a2-a6ac-a53322006454");
        assert_eq!(t, "/education/classes/{class-id}/assignments/{assignment-id}");
        assert_eq!(k, [SampleKind::Guid, SampleKind::Guid]);
        assert_eq!(cleaned("/domains/contoso.com/serviceConfigurationRecords").0, "/domains/{domain-id}/serviceConfigurationRecords");
        assert_eq!(cleaned("/sites/contoso.sharepoint.com").0, "/sites/{site-id}");
        assert_eq!(cleaned("/cases/2192ca408ea2410eba3bec8ae873be6b/custodians").0, "/cases/{case-id}/custodians");
    }

    #[test]
    fn a_quoted_key_segment_is_the_bare_key() {
        assert_eq!(
            cleaned("/bitlocker/recoveryKeys/'{keyId}'"),
            ("/bitlocker/recoveryKeys/{keyId}".to_string(), vec![SampleKind::QuotedKey])
        );
        // Quotes inside parentheses are OData's string key or argument: they stay.
        assert_eq!(cleaned("/recoveryKeys('{keyId}')").1, []);
    }

    #[test]
    fn casts_and_names_with_digits_stay() {
        for s in [
            "/groups/{id}/members/microsoft.graph.user",
            "/me/authentication/fido2Methods",
            "/identity/b2xUserFlows",
            "/me/photos/{size}/$value",
        ] {
            assert_eq!(cleaned(s), (s.to_string(), vec![]));
        }
    }

    #[test]
    fn sample_arguments_become_parameters() {
        assert_eq!(
            cleaned("/sites/{site-id}/getActivitiesByInterval(startDateTime='2016-01-01',endDateTime='2017-05-20',interval='month')").0,
            "/sites/{site-id}/getActivitiesByInterval(startDateTime='{startDateTime}',endDateTime='{endDateTime}',interval='{interval}')"
        );
        assert_eq!(cleaned("/w/range(address='<address>')/format").0, "/w/range(address='{address}')/format");
        assert_eq!(cleaned("/w/range(<address>)/format").0, "/w/range({address})/format");
        assert_eq!(
            cleaned("/w/charts/{name}/image(width=640,height=480,fittingMode='fit')").0,
            "/w/charts/{name}/image(width={width},height={height},fittingMode='{fittingMode}')"
        );
        assert_eq!(
            cleaned("/users/{id}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)").0,
            "/users/{id}/reminderView(startDateTime={startDateTime},endDateTime={endDateTime})"
        );
        assert_eq!(cleaned("/reports/getX(date=2017-09-01)").0, "/reports/getX(date={date})");
        assert_eq!(cleaned("/w/resizedRange(deltaRows={n}, deltaColumns={n})").0, "/w/resizedRange(deltaRows={n},deltaColumns={n})");
    }

    #[test]
    fn real_parameters_and_enum_literals_stay() {
        for s in [
            "/reports/getEmailActivityCounts(period='{period_value}')",
            "/me/outlook/supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{timezone_format}')",
            "/w/cell(row={row},column={column})",
            "/me/delta()",
        ] {
            assert_eq!(cleaned(s), (s.to_string(), vec![]));
        }
    }

    #[test]
    fn broken_segments_are_repaired() {
        assert_eq!(cleaned("/teams/(team-id)/channels").0, "/teams/{team-id}/channels");
        // A stray brace in the segment before a sample does not reach the parameter's name.
        assert_eq!(cleaned("/cla}sses/2192ca408ea2410eba3bec8ae873be6b").0, "/cla}sses/{class-id}");
        assert_eq!(
            cleaned("/me/contactFolders/{id}/childFolders/{id}/.../contacts").0,
            "/me/contactFolders/{id}/childFolders/{id}/contacts"
        );
        assert_eq!(
            cleaned("/servicePrincipals/{id}/tokenLifetimePolicies/{id}$ref").0,
            "/servicePrincipals/{id}/tokenLifetimePolicies/{id}/$ref"
        );
    }
}
