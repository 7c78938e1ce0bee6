//! HTTP as the pages write it: request lines (`GET /me/x`), Graph URLs and service roots,
//! queries, and status codes in response lines and sentences. Shared by the API pages' request
//! sections and their examples.

use crate::ir::HttpMethod;

/// `GET /me/x` → ("GET", "/me/x"); `None` when the line does not start with a method.
pub fn request_line(l: &str) -> Option<(HttpMethod, &str)> {
    let (m, rest) = l.split_once(char::is_whitespace)?;
    let m = HttpMethod::parse(m)?;
    let rest = rest.trim();
    // An example's first line may end in the protocol.
    let rest = rest.strip_suffix("HTTP/1.1").unwrap_or(rest).trim();
    if rest.is_empty() {
        None
    } else {
        Some((m, rest))
    }
}

/// A relative URL, or an absolute one on a Graph host of any cloud.
pub fn is_graph_url(target: &str) -> bool {
    let t = target.trim();
    let Some(rest) = t.strip_prefix("https://").or_else(|| t.strip_prefix("http://")) else {
        return true;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("").to_ascii_lowercase();
    let graph = ["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"];
    graph.iter().any(|g| host == *g || host.ends_with(&format!(".{g}")))
}

/// Remove `https://graph.microsoft.com/<version>` and make the path start with `/`.
pub fn strip_service_root(target: &str) -> String {
    let mut t = target.trim();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = t.strip_prefix(scheme) {
            t = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
        }
    }
    let t = t.trim_start_matches('/');
    // The version segment in any letter case (`/V1.0/` on a few pages); the service reads it so.
    let version = ["v1.0/", "beta/"].into_iter().find(|v| t.get(..v.len()).is_some_and(|head| head.eq_ignore_ascii_case(v)));
    let t = match version {
        Some(v) => &t[v.len()..],
        // `https://graph.microsoft.com/v1/...` (three pages): the version misspelled, on a URL
        // of the service, where no root is named `v1`. [`misspelled_version`] reports it.
        None => misspelled_version(target).map_or(t, |v| t[v.len()..].trim_start_matches('/')),
    };
    format!("/{t}")
}

/// The version an absolute Graph URL names when it is none the service serves: `v1` for `v1.0`.
pub fn misspelled_version(target: &str) -> Option<&str> {
    let t = target.trim();
    let rest = t.strip_prefix("https://").or_else(|| t.strip_prefix("http://"))?;
    let path = &rest[rest.find('/')?..];
    let first = path.trim_start_matches('/').split(['/', '?']).next()?;
    (first.eq_ignore_ascii_case("v1") && is_graph_url(t)).then_some(first)
}

/// Split `?query` off a path; the query is recorded, not part of the template.
pub fn split_query(path: &str) -> (String, Option<String>) {
    match path.split_once('?') {
        Some((p, q)) => (p.trim().to_string(), Some(q.trim().to_string())),
        None => (path.trim().to_string(), None),
    }
}

/// The first three-digit HTTP status code in a sentence.
pub fn status_in(s: &str) -> Option<u16> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|w| w.len() == 3).filter_map(|w| w.parse::<u16>().ok()).find(|c| (100..600).contains(c))
}

/// `HTTP/1.1 201 Created`, `HTTP 201`, `HTTP/2 200` → the status.
pub fn response_status(first: &str) -> Option<u16> {
    // `HTTP/1.1 200 OK`, `HTTP 201 Created`, `HTTP code: 201 Created`: the first status code.
    let rest = first.strip_prefix("HTTP")?;
    let rest = rest.strip_prefix('/').map(|r| r.split_once(' ').map_or("", |x| x.1)).unwrap_or(rest);
    status_in(rest)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_service_root_goes_in_any_letter_case() {
        assert_eq!(super::strip_service_root("https://graph.microsoft.com/V1.0/teams/1"), "/teams/1");
        assert_eq!(super::strip_service_root("https://graph.microsoft.com/Beta/me"), "/me");
        assert_eq!(super::strip_service_root("/v1.0/me"), "/me");
        assert_eq!(super::strip_service_root("/me/v1.0/x"), "/me/v1.0/x");
    }

    #[test]
    fn a_misspelled_version_on_a_service_url_goes_too_and_is_named() {
        let url = "https://graph.microsoft.com/v1/me/onlineMeetings?$filter=x";
        assert_eq!(super::strip_service_root(url), "/me/onlineMeetings?$filter=x");
        assert_eq!(super::misspelled_version(url), Some("v1"));
        // A relative path's first segment is a root, whatever its name.
        assert_eq!(super::strip_service_root("/v1/me"), "/v1/me");
        assert_eq!(super::misspelled_version("https://example.com/v1/me"), None);
    }
}
