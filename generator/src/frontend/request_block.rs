//! The HTTP request block of an API page: its `METHOD path` lines, wherever the page puts
//! them (under `## HTTP request`, a lower heading, or fences of bare templates), each read
//! into an [`Endpoint`] and its path into a template.

use super::http::{request_line, split_query, strip_service_root};
use super::markdown::Block;
use super::page::{named_blocks, Page, Section, SectionKind};
use crate::diag::{Code, Diags};
use crate::ir::PathTemplate;

/// One `METHOD path` line of an HTTP request block.
pub struct Endpoint {
    /// The line's method.
    pub method: crate::ir::HttpMethod,
    /// The path as written, service root and query removed.
    pub path: String,
    /// The query after `?`, verbatim.
    pub query: Option<String>,
    /// The line.
    pub line: u32,
}

/// The request lines a page documents, each problem with them reported; `None` when it has
/// none (reported too).
pub fn endpoints_of(page: &Page, sections: &[Section<'_>], diags: &mut Diags) -> Option<Vec<Endpoint>> {
    let requests: Vec<&Section<'_>> = sections.iter().filter(|s| s.kind == SectionKind::HttpRequest).collect();
    let endpoints: Vec<Endpoint> = if requests.is_empty() {
        // Pages that put each request under its own heading ("Get a user's OneDrive"): take
        // the fences whose every line is `METHOD /relative/path`.
        let mut found: Vec<Endpoint> = sections.iter().flat_map(|s| template_fences(s)).collect();
        // A lower heading ("### HTTP Request") where the section belongs: say so, where it is.
        let lower = page.blocks.iter().find_map(|b| match b {
            Block::Heading { level, text, line } if *level > 2 && text.plain().trim().to_ascii_lowercase().starts_with("http request") => {
                Some((*level, *line))
            }
            _ => None,
        });
        // Under that heading the fences are the request block, read as one would be under an
        // H2 (`PATCH applications/{id}/...` without its leading slash too); elsewhere only
        // fences of nothing but `/path` templates are, lest an example's URL become a path.
        let under_lower = if found.is_empty() { named_blocks(page, sections, SectionKind::HttpRequest) } else { None };
        if let Some((line, blocks)) = under_lower {
            let section = Section { name: "http request".to_string(), kind: SectionKind::HttpRequest, line, blocks };
            found = endpoints(&section, &page.file, diags);
        }
        if let Some((level, line)) = lower {
            let hashes = "#".repeat(level as usize);
            let rest = match (found.is_empty(), under_lower.is_some()) {
                (true, _) => "no fence on the page holds a `METHOD /path` line",
                (false, true) => "request lines were read from the fences under it",
                (false, false) => "request lines were taken from the fences whose lines are `METHOD /path`",
            };
            diags.push(&page.file, line, Code::NoRequestBlock, format!("the HTTP request heading is `{hashes}`, not `##`; {rest}"));
        } else if found.is_empty() {
            // A resource page in the api folder (its front matter says so, and it has a
            // Methods table) is misplaced, not missing a request: say which.
            let resource = page.front.get("doc_type").is_some_and(|d| d.eq_ignore_ascii_case("resourcePageType"))
                && sections.iter().any(|s| s.kind == SectionKind::Methods);
            let message = if resource {
                "a resource page (`doc_type: resourcePageType`, a Methods table) in the api folder documents no request; move it to the resources folder or remove it"
            } else {
                "API page has no `## HTTP request` section"
            };
            diags.push(&page.file, 1, Code::NoRequestBlock, message);
        } else {
            diags.push(
                &page.file,
                found[0].line,
                Code::NoRequestBlock,
                "API page has no `## HTTP request` section; request lines were taken from other fences",
            );
        }
        found
    } else {
        requests.iter().flat_map(|s| endpoints(s, &page.file, diags)).collect()
    };
    if endpoints.is_empty() {
        if let Some(r) = requests.first() {
            diags.push(&page.file, r.line, Code::NoRequestBlock, "the HTTP request section holds no `METHOD /path` line");
        }
        return None;
    }
    Some(endpoints)
}

/// The documented path as a template: unclosed braces and parentheses repaired, sample values
/// (GUIDs, hosts, `<x>`, quoted sample arguments) made parameters, each reported.
pub fn template(path: &str, file: &str, line: u32, diags: &mut Diags) -> PathTemplate {
    let (t, problems) = PathTemplate::parse(path);
    for p in problems {
        diags.push(file, line, Code::PathTemplate, p).token(path);
    }
    let (t, samples) = crate::path::samples::clean(&t);
    for s in samples {
        let what = s.kind.describe();
        let msg = if s.param.is_empty() {
            format!("the path holds {what} (`{}`); read as `{t}`", s.text)
        } else {
            format!("the path holds {what} (`{}`) where a parameter belongs; read as `{{{}}}`", s.text, s.param)
        };
        diags.push(file, line, Code::PathSample, msg).token(s.text.as_str());
    }
    t
}

/// A fence's info string naming a programming or data language rather than HTTP.
fn is_program(info: &str) -> bool {
    const LANGUAGES: &[&str] = &[
        "csharp",
        "cs",
        "c#",
        "javascript",
        "js",
        "typescript",
        "ts",
        "java",
        "python",
        "py",
        "powershell",
        "ps1",
        "go",
        "php",
        "ruby",
        "objc",
        "objective-c",
        "swift",
        "kotlin",
        "cpp",
        "c",
        "json",
        "xml",
        "yaml",
        "bash",
        "sh",
        "shell",
        "cmd",
        "kusto",
    ];
    let word = info.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    LANGUAGES.contains(&word.as_str())
}

/// The `METHOD path` lines of an HTTP request section's fences; any other line is reported.
fn endpoints(section: &Section<'_>, file: &str, diags: &mut Diags) -> Vec<Endpoint> {
    let mut out = Vec::new();
    for b in section.blocks {
        let Block::Code { text, line, info } = b else {
            continue;
        };
        // A fence in a programming language (how to encode a sharing URL in C#) explains
        // something next to the request lines; it holds none.
        if is_program(info) {
            continue;
        }
        for (i, raw) in text.lines().enumerate() {
            let l = raw.trim();
            if l.is_empty() {
                continue;
            }
            let at = line + 1 + u32::try_from(i).unwrap_or(0);
            // The method run into its path (`DELETE/identity/...`) is read apart, and reported.
            let read = request_line(l).or_else(|| {
                let (method, target) = joined_method(l)?;
                let why = format!("the method and the path run together; read as `{} {target}`", method.as_str());
                diags.push(file, at, Code::RequestLine, why).token(l);
                Some((method, target))
            });
            let Some((method, target)) = read else {
                // A header written under the request line (`workbook-session-id: {id}`).
                let header = l.split_once(':').filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
                let why = match header {
                    Some((name, _)) => {
                        format!("`{l}` is a header (`{name}`), not a `METHOD /path` request line; headers go in the request headers table")
                    }
                    None => format!("`{l}` is not a `METHOD /path` request line"),
                };
                diags.push(file, at, Code::RequestLine, why).token(l);
                continue;
            };
            let (path, query) = split_query(&strip_service_root(target));
            out.push(Endpoint { method, path, query, line: at });
        }
    }
    out
}

/// `DELETE/identity/...`: a method, then at once a `/path`.
fn joined_method(l: &str) -> Option<(crate::ir::HttpMethod, &str)> {
    let i = l.find('/')?;
    let method = crate::ir::HttpMethod::parse(&l[..i])?;
    Some((method, &l[i..]))
}

/// Fences outside an HTTP request section that hold only `METHOD /path` lines (no URL host).
fn template_fences(section: &Section<'_>) -> Vec<Endpoint> {
    let mut out = Vec::new();
    for b in section.blocks {
        let Block::Code { text, line, .. } = b else {
            continue;
        };
        let lines: Vec<(usize, &str)> = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).collect();
        let all_templates = !lines.is_empty() && lines.iter().all(|(_, l)| request_line(l.trim()).is_some_and(|(_, p)| p.starts_with('/')));
        if !all_templates {
            continue;
        }
        for (i, l) in lines {
            if let Some((method, target)) = request_line(l.trim()) {
                let (path, query) = split_query(&strip_service_root(target));
                out.push(Endpoint { method, path, query, line: line + 1 + u32::try_from(i).unwrap_or(0) });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_fence_in_a_programming_language_holds_no_request_lines() {
        assert!(super::is_program("csharp"));
        assert!(super::is_program("JavaScript"));
        assert!(!super::is_program("http"));
        assert!(!super::is_program(""));
        assert!(!super::is_program("msgraph-interactive"));
    }
}
