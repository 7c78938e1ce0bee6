//! SARIF 2.1.0 output, the format code-scanning services (GitHub's among them) upload and
//! show beside the code, where workflow commands (`--format github`) are limited to a few
//! annotations per step and vanish with the run.
//!
//! One run, one rule per code that has a finding (id, name, title, help, default level), one
//! result per finding. A finding the baseline accepts is a result with an external
//! suppression, so a service shows it as accepted rather than dropping what the baseline hides;
//! a warning that fails the run (not in the baseline) is level `error`, as in the other formats.
//! A finding on line 0 (the whole page) has no region. Related places are `relatedLocations`.
//! A baseline entry no finding matched is no result (nothing is wrong in the page) but a tool
//! notification of the run, so the baseline can shrink.

use super::{Finding, Report};
use crate::diag::Code;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The place on a page, as SARIF writes it; `prefix` goes before the docs-root path.
fn location(prefix: &str, file: &str, line: u32, columns: Option<(u32, u32)>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": format!("{prefix}{file}") } });
    if line > 0 {
        let mut region = json!({ "startLine": line });
        if let Some((start, end)) = columns {
            region["startColumn"] = json!(start);
            region["endColumn"] = json!(end);
        }
        physical["region"] = region;
    }
    json!({ "physicalLocation": physical })
}

fn result(f: &Finding, rule_index: usize, with_baseline: bool, prefix: &str) -> Value {
    // As in the other formats: a warning the baseline does not accept fails the run.
    // (SARIF's levels are the severities' own names: error, warning, note.)
    let level = if f.fails(with_baseline) { "error" } else { f.severity.name() };
    let mut r = json!({
        "ruleId": f.code.id(),
        "ruleIndex": rule_index,
        "level": level,
        "message": { "text": f.message },
        "locations": [location(prefix, &f.file, f.line, Some((f.column, f.column + f.width)))],
    });
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                let mut l = location(prefix, &rel.file, rel.line, None);
                l["id"] = json!(i + 1);
                l["message"] = json!({ "text": rel.message });
                l
            })
            .collect();
        r["relatedLocations"] = json!(related);
    }
    if f.baselined {
        r["suppressions"] = json!([{ "kind": "external", "justification": "accepted by the lint baseline" }]);
    }
    r
}

fn rule(code: Code) -> Value {
    json!({
        "id": code.id(),
        "name": code.name(),
        "shortDescription": { "text": code.title() },
        // GitHub's code scanning requires a full description; the title and the remedy.
        "fullDescription": { "text": format!("{} {}", code.title(), code.help()) },
        "help": { "text": code.help() },
        "defaultConfiguration": { "level": code.default_severity().name() },
    })
}

/// The whole report as one SARIF log.
pub fn render(report: &Report, prefix: &str) -> String {
    // Rules in id order, each result pointing at its rule by index.
    let codes: BTreeMap<&str, Code> = report.findings.iter().map(|f| (f.code.id(), f.code)).collect();
    let index: BTreeMap<&str, usize> = codes.keys().enumerate().map(|(i, id)| (*id, i)).collect();
    let results: Vec<Value> =
        report.findings.iter().map(|f| result(f, index.get(f.code.id()).copied().unwrap_or(0), report.with_baseline, prefix)).collect();
    let stale: Vec<Value> = report
        .stale
        .iter()
        .map(|e| {
            json!({
                "level": "note",
                "message": { "text": format!("baseline entry no longer found: {} {}", e.code, e.message) },
                "locations": [location(prefix, &e.file, 0, None)],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "graphgen",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": codes.values().map(|c| rule(*c)).collect::<Vec<_>>(),
            }},
            "invocations": [{ "executionSuccessful": true, "toolExecutionNotifications": stale }],
            "results": results,
        }],
    });
    format!("{log:#}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Related;

    fn finding(code: Code, line: u32, baselined: bool) -> Finding {
        Finding {
            code,
            file: "v1.0/api/user-get.md".into(),
            line,
            column: 3,
            width: 4,
            severity: code.default_severity(),
            message: "a message".into(),
            source: String::new(),
            baselined,
            related: vec![Related { file: "v1.0/resources/user.md".into(), line: 9, message: "the row".into(), source: String::new() }],
        }
    }

    #[test]
    fn results_point_at_their_rules_and_places() {
        let report = Report {
            findings: vec![
                finding(Code::ExampleUnknownProperty, 12, false),
                finding(Code::Unreadable, 0, false),
                finding(Code::ExampleUnknownProperty, 20, true),
            ],
            stale: vec![crate::lint::baseline::Entry {
                code: "GG0405".into(),
                file: "v1.0/api/group-get.md".into(),
                message: "gone".into(),
            }],
            with_baseline: true,
        };
        let log: Value = serde_json::from_str(&render(&report, "docs/")).expect("SARIF is JSON");
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), 2, "one rule per code found");
        let results = run["results"].as_array().expect("results");
        assert_eq!(results.len(), 3, "baselined findings stay, suppressed");
        for r in results {
            let i = usize::try_from(r["ruleIndex"].as_u64().expect("index")).expect("small");
            assert_eq!(rules[i]["id"], r["ruleId"]);
        }
        let first = &results[0];
        assert_eq!(first["level"], "error", "a warning not in the baseline fails the run");
        let place = &first["locations"][0]["physicalLocation"];
        assert_eq!(place["artifactLocation"]["uri"], "docs/v1.0/api/user-get.md");
        assert_eq!(place["region"], json!({ "startLine": 12, "startColumn": 3, "endColumn": 7 }));
        assert_eq!(first["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 9);
        assert!(first.get("suppressions").is_none());
        assert!(results[1]["locations"][0]["physicalLocation"].get("region").is_none(), "line 0 is the whole page");
        assert_eq!(results[2]["level"], "warning");
        assert_eq!(results[2]["suppressions"][0]["kind"], "external");
        let stale = &run["invocations"][0]["toolExecutionNotifications"][0];
        assert_eq!(stale["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "docs/v1.0/api/group-get.md");
    }
}
