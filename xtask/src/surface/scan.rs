//! Plain scans of path text, written apart from the generator's path module so that they can
//! catch what it misses: sample values left in a path, and one place spelled in two cases.

use std::collections::{BTreeMap, BTreeSet};

/// What sample value a path still holds, if any: a GUID or long hex id, a host name, a `<...>`
/// placeholder, a quoted argument that is not `'{param}'`, an unquoted number or date argument,
/// or a `name-value` placeholder.
pub fn sample(path: &str) -> Option<String> {
    // Outside braces only: `{id | userPrincipalName}` is a parameter, whatever it holds.
    let mut outside = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                outside.push('P');
            }
            '}' => depth -= 1,
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    for word in outside.split(['/', '(', ')', ',', '=', ':']) {
        let w = word.trim();
        let hexrun = w.chars().filter(char::is_ascii_hexdigit).count();
        if hexrun >= 20 && w.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Some(format!("id `{w}`"));
        }
        if w.starts_with('<') && w.ends_with('>') {
            return Some(format!("placeholder `{w}`"));
        }
        if w.len() > 2 && w.starts_with('\'') && w.ends_with('\'') && w != "'P'" {
            return Some(format!("quoted argument `{w}`"));
        }
        if w.ends_with("-value") {
            return Some(format!("placeholder `{w}`"));
        }
        if !w.is_empty() && w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return Some(format!("number or date `{w}`"));
        }
        let labels: Vec<&str> = w.split('.').collect();
        let lower = w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-' || c == '@');
        let tld = ["com", "net", "org", "io", "us", "cn", "de"];
        if labels.len() >= 2 && lower && labels.last().is_some_and(|l| tld.contains(l)) {
            return Some(format!("host `{w}`"));
        }
    }
    None
}

/// Places (a lowercase path prefix) whose last segment the paths spell in more than one way.
pub fn case_twins<'a>(paths: impl Iterator<Item = &'a str>) -> usize {
    let mut spellings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in paths {
        let mut prefix = String::new();
        for seg in p.split('/').filter(|s| !s.is_empty()) {
            let blank = if seg.starts_with('{') { "{}".to_string() } else { seg.to_ascii_lowercase() };
            prefix.push('/');
            prefix.push_str(&blank);
            if !seg.starts_with('{') {
                spellings.entry(prefix.clone()).or_default().insert(seg.to_string());
            }
        }
    }
    spellings.values().filter(|s| s.len() > 1).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_samples_and_passes_templates() {
        assert!(sample("/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments").is_some());
        assert!(sample("/domains/contoso.com/serviceConfigurationRecords").is_some());
        assert!(sample("/w/range(address='<address>')").is_some());
        assert!(sample("/x/getActivitiesByInterval(startDateTime='2017-01-01')").is_some());
        assert!(sample("/x/image(width=640)").is_some());
        assert!(sample("/me/notebooks/getRecentNotebooks(includePersonalNotebooks=includePersonalNotebooks-value)").is_some());
        for ok in [
            "/users/{id | userPrincipalName}/messages",
            "/w/range(address='{address}')",
            "/groups/{id}/members/microsoft.graph.user",
            "/me/authentication/fido2Methods",
            "/me/photos/{size}/$value",
            "/x(y='{id}')",
        ] {
            assert_eq!(sample(ok), None, "{ok}");
        }
    }

    #[test]
    fn counts_places_spelled_twice() {
        assert_eq!(case_twins(["/directoryRoles/{id}", "/directoryroles/{x}/members", "/users"].into_iter()), 1);
        assert_eq!(case_twins(["/a/{id}/b", "/a/{x}/b"].into_iter()), 0);
    }
}
