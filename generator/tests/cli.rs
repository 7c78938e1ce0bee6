//! The command line as users meet it: which findings fail `generate` (only those that lose API
//! surface), the summary that fits a screen, `--api-version` reading one version folder, and a
//! help text on every flag. Tiny docs trees written to a temp folder; no real corpus.

use common::scratch;
use std::path::Path;
use std::process::{Command, Output};

mod common;

// The CLI's definition, compiled here too so its clap tree can be walked, and its summary.
#[allow(dead_code)]
#[path = "../src/bin/graphgen/cli.rs"]
mod cli;
#[allow(dead_code)]
#[path = "../src/bin/graphgen/summary.rs"]
mod summary;

fn front(kind: &str, title: &str) -> String {
    format!("---\ndoc_type: {kind}\n---\n# {title}\n\nNamespace: microsoft.graph\n\n")
}

fn resource(name: &str) -> String {
    format!(
        "{}## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | A name. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{{ \"name\": \"String\" }}\n```\n",
        front("resourcePageType", &format!("{name} resource type"))
    )
}

/// An API page creating a `name`, its request example having `body`.
fn create(name: &str, body: &str) -> String {
    format!(
        "{}## HTTP request\n\n```http\nPOST /{name}s\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of a [{name}](../resources/{name}.md) object.\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [{name}](../resources/{name}.md) object in the response body.\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"create_{name}\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/{name}s\nContent-Type: application/json\n\n{body}\n```\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```http\nHTTP/1.1 201 Created\n\n{{ \"name\": \"x\" }}\n```\n",
        front("apiPageType", &format!("Create {name}"))
    )
}

/// A body that is not JSON even after repair (a key without its `:`).
const BROKEN: &str = "{\n  \"name\" \"x\",\n  \"more\" [1 2\n}";

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

fn graphgen(args: &[&str], paths: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_graphgen"));
    cmd.args(args);
    for (flag, path) in paths {
        cmd.arg(flag).arg(path);
    }
    cmd.output().expect("graphgen runs")
}

/// Everything the run printed, stdout and stderr.
fn printed(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn a_broken_example_body_costs_its_test_and_the_crate_is_written() {
    let tmp = scratch("cli-broken-example");
    let docs = tmp.join("docs/v1.0");
    write(&docs, "resources/thing.md", resource("thing"));
    write(&docs, "api/thing-post.md", create("thing", BROKEN));
    let out = tmp.join("crate");
    let o = graphgen(&["generate"], &[("--docs", &docs), ("--out", &out)]);
    let text = printed(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(out.join("Cargo.toml").is_file(), "the crate is written");
    let code_line = text.lines().find(|l| l.trim_start().starts_with("GG0401")).unwrap_or_else(|| panic!("GG0401 counted: {text}"));
    assert!(code_line.contains(" 1 ") && code_line.contains("not JSON"), "{code_line}");
    assert!(text.contains("v1.0/api/thing-post.md:") && text.contains("error[GG0401]"), "the error in full: {text}");
    assert!(text.contains("graphgen lint --docs"), "a pointer to every finding: {text}");
    assert!(text.contains("(0 fatal)"), "{text}");

    // --quiet: nothing but errors, the non-fatal one among them.
    let o = graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]);
    let text = printed(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.lines().count() >= 1 && text.lines().all(|l| l.contains("error[")), "only errors: {text}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn check_says_whether_a_crate_on_disk_is_what_the_docs_generate_and_writes_nothing() {
    let tmp = scratch("cli-check");
    let docs = tmp.join("docs/v1.0");
    write(&docs, "resources/thing.md", resource("thing"));
    write(&docs, "api/thing-post.md", create("thing", "{ \"name\": \"x\" }"));
    let out = tmp.join("crate");
    assert!(graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]).status.success());
    // A build's files beside the crate are the user's, no drift.
    write(&out, "Cargo.lock", "# a lock file\n");
    write(&out, "target/debug/x", "built");
    let o = graphgen(&["generate", "--check"], &[("--docs", &docs), ("--out", &out)]);
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(printed(&o).contains("is what the docs generate"), "{}", printed(&o));

    // The docs gain a property, and a stray file sits among the generated ones.
    write(
        &docs,
        "resources/thing.md",
        resource("thing").replace("| name | String | A name. |", "| name | String | A name. |\n| size | Int32 | How big. |"),
    );
    write(&out, "src/models/stray.rs", "// not generated\n");
    let model = std::fs::read(out.join("src/models/thing.rs")).expect("model");
    let o = graphgen(&["generate", "--check"], &[("--docs", &docs), ("--out", &out)]);
    let (stdout, text) = (String::from_utf8_lossy(&o.stdout).into_owned(), printed(&o));
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(stdout.contains("+++ b/src/models/thing.rs") && stdout.contains("+    pub size: crate::runtime::Nullable<i32>,"), "{stdout}");
    assert!(stdout.contains("--- a/src/models/stray.rs"), "a file under src/ the run does not write is drift: {stdout}");
    assert!(stdout.contains("microsoft.graph.thing.size: property `size` (Edm.Int32) is new"), "the API change, classified: {stdout}");
    assert!(text.contains("has drifted from the docs") && text.contains("src/models/thing.rs (differs)"), "{text}");
    assert_eq!(std::fs::read(out.join("src/models/thing.rs")).expect("model"), model, "nothing written");
    // The same API, a file edited by hand: drift, and said to be no change of the API.
    write(&docs, "resources/thing.md", resource("thing"));
    std::fs::remove_file(out.join("src/models/stray.rs")).expect("stray");
    let edited = String::from_utf8_lossy(&model).replacen("pub name", "pub renamed", 1);
    write(&out, "src/models/thing.rs", &edited);
    let o = graphgen(&["generate", "--check"], &[("--docs", &docs), ("--out", &out)]);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    assert!(stdout.contains("describe the same API") && !stdout.contains("0 changes"), "{stdout}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_crate_version_is_its_owners_and_check_says_which_the_changes_call_for() {
    let tmp = scratch("cli-version");
    let docs = tmp.join("docs/v1.0");
    write(&docs, "resources/thing.md", resource("thing"));
    write(&docs, "api/thing-post.md", create("thing", "{ \"name\": \"x\" }"));
    let out = tmp.join("crate");
    let version = |dir: &Path| graphgen::emit::existing_version(dir);
    assert!(graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]).status.success());
    assert_eq!(version(&out).as_deref(), Some("0.1.0"), "a first crate");
    // Bumped by hand: no drift, and a regenerated crate keeps it.
    let toml = std::fs::read_to_string(out.join("Cargo.toml")).expect("toml");
    write(&out, "Cargo.toml", toml.replacen("version = \"0.1.0\"", "version = \"0.3.0\"", 1));
    let o = graphgen(&["generate", "--check"], &[("--docs", &docs), ("--out", &out)]);
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]).status.success());
    assert_eq!(version(&out).as_deref(), Some("0.3.0"));
    // A property retyped: --check names the version the breaking change calls for.
    write(&docs, "resources/thing.md", resource("thing").replace("| name | String |", "| name | Int32 |"));
    let o = graphgen(&["generate", "--check"], &[("--docs", &docs), ("--out", &out)]);
    let text = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("version 0.4.0 after 0.3.0 (--crate-version 0.4.0"), "{text}");
    // Where reviewers read the changes too: `diff` against the crate's own snapshot.
    let o = graphgen(&["diff", "--format", "markdown"], &[("--old", &out.join("ir.yaml")), ("--new", &docs)]);
    let md = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(md.contains("**Version**: the changes are breaking (minor, while 0.x): version 0.4.0 after 0.3.0"), "{md}");
    let o = graphgen(&["generate", "--quiet", "--crate-version", "0.4.0"], &[("--docs", &docs), ("--out", &out)]);
    assert!(o.status.success(), "{}", printed(&o));
    assert_eq!(version(&out).as_deref(), Some("0.4.0"));
    let o = graphgen(&["generate", "--crate-version", "four"], &[("--docs", &docs), ("--out", &out)]);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_crate_name_is_kept_by_a_regeneration_that_names_none() {
    let tmp = scratch("cli-name");
    let docs = tmp.join("docs/v1.0");
    write(&docs, "resources/thing.md", resource("thing"));
    write(&docs, "api/thing-post.md", create("thing", "{ \"name\": \"x\" }"));
    let out = tmp.join("crate");
    let name = |dir: &Path| graphgen::emit::existing_name(dir);
    assert!(graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]).status.success());
    assert_eq!(name(&out).as_deref(), Some("msgraph"), "the default");
    let o = graphgen(&["generate", "--quiet", "--crate-name", "msgraph-beta"], &[("--docs", &docs), ("--out", &out)]);
    assert!(o.status.success(), "{}", printed(&o));
    // Checked and regenerated without the flag: the same crate, no drift.
    let o = graphgen(&["generate", "--check"], &[("--docs", &docs), ("--out", &out)]);
    assert_eq!(o.status.code(), Some(0), "{}", printed(&o));
    assert!(graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]).status.success());
    assert_eq!(name(&out).as_deref(), Some("msgraph-beta"));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn an_undecodable_page_fails_the_run_and_keeps_the_crate() {
    let tmp = scratch("cli-undecodable");
    let docs = tmp.join("docs/v1.0");
    write(&docs, "resources/thing.md", resource("thing"));
    write(&docs, "api/thing-post.md", create("thing", "{ \"name\": \"x\" }"));
    let out = tmp.join("crate");
    assert!(graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]).status.success());
    let before = std::fs::read(out.join("Cargo.toml")).expect("crate");
    write(&docs, "resources/other.md", b"---\ndoc_type: resourcePageType\n---\n# other \xff\xfe resource type\n");
    let o = graphgen(&["generate"], &[("--docs", &docs), ("--out", &out)]);
    let text = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("fatal: v1.0/resources/other.md:0: error[GG0001]"), "the fatal finding in full: {text}");
    assert!(text.contains("left as it was"), "{text}");
    assert_eq!(std::fs::read(out.join("Cargo.toml")).expect("crate"), before, "the previous crate stays");
    assert!(!out.join("src/models/other.rs").exists());
    // Quiet still says why.
    let o = graphgen(&["generate", "--quiet"], &[("--docs", &docs), ("--out", &out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(printed(&o).contains("error[GG0001]"));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn api_version_reads_only_that_version_folder() {
    let tmp = scratch("cli-one-version");
    let root = tmp.join("docs");
    write(&root, "v1.0/resources/thing.md", resource("thing"));
    write(&root, "v1.0/api/thing-post.md", create("thing", BROKEN));
    // The other version has findings of every kind, a fatal one among them: were it read, the
    // run would fail and name it.
    write(&root, "beta/resources/thing.md", resource("thing"));
    write(&root, "beta/api/thing-post.md", create("thing", BROKEN));
    write(&root, "beta/api/todo.md", format!("{}**TODO: describe**\n", front("apiPageType", "Todo")));
    write(&root, "beta/resources/bad.md", b"\xff\xfe");
    let never_beta = |o: &Output, what: &str| {
        let text = printed(o);
        assert_eq!(o.status.code(), Some(0), "{what}: {text}");
        assert!(!text.contains("beta"), "{what} names the other version: {text}");
    };
    let out = tmp.join("crate");
    for extra in [&[][..], &["--verbose"][..]] {
        let args: Vec<&str> = ["generate", "--api-version", "v1.0"].iter().chain(extra).copied().collect();
        let o = graphgen(&args, &[("--docs", &root), ("--out", &out)]);
        never_beta(&o, "generate");
        assert!(printed(&o).contains("v1.0/api/thing-post.md"), "the version's own finding is there");
    }
    assert!(!std::fs::read_to_string(out.join("ir.yaml")).unwrap_or_default().contains("beta/"), "no beta page in the IR");
    never_beta(&graphgen(&["ir", "--api-version", "v1.0", "--format", "json"], &[("--docs", &root)]), "ir");
    never_beta(&graphgen(&["openapi", "--api-version", "v1.0"], &[("--docs", &root)]), "openapi");
    // Without --api-version, ir reads both, and an unknown version is a usage error.
    assert!(printed(&graphgen(&["ir"], &[("--docs", &root)])).contains("beta/"));
    let o = graphgen(&["generate", "--api-version", "v9"], &[("--docs", &root), ("--out", &out)]);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_summary_fits_sixty_lines_whatever_the_findings() {
    let tmp = scratch("cli-many");
    let docs = tmp.join("docs/v1.0");
    for i in 0..150 {
        let name = format!("thing{i}");
        write(&docs, &format!("resources/{name}.md"), resource(&name).replace("| A name. |", "| **TODO: x** |"));
        let page = create(&name, BROKEN).replace("POST /", "POST https://example.com/").replace("[1 2", "{ unknown }");
        write(&docs, &format!("api/{name}-post.md"), page);
        write(
            &docs,
            &format!("api/{name}-get.md"),
            format!("{}no request block, a link to [nothing](../resources/none{i}.md)\n", front("apiPageType", "Get")),
        );
    }
    let fine = tmp.join("fine");
    let out = tmp.join("crate");
    let o = graphgen(&["generate"], &[("--docs", &docs), ("--out", &out)]);
    let text = printed(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    let verbose = printed(&graphgen(&["generate", "--verbose"], &[("--docs", &docs), ("--out", &out)]));
    assert!(verbose.lines().count() > 300, "many findings: {} lines with --verbose", verbose.lines().count());
    assert!(text.lines().count() <= 60, "{} lines:\n{text}", text.lines().count());
    assert!(text.contains("more error-level findings"), "{text}");
    // With fatal findings too, and for ir and openapi.
    for i in 0..100 {
        write(&docs, &format!("resources/bad{i}.md"), b"\xff");
    }
    let o = graphgen(&["generate"], &[("--docs", &docs), ("--out", &fine)]);
    let text = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.lines().count() <= 60, "{} lines:\n{text}", text.lines().count());
    assert!(text.lines().any(|l| l.contains("fatal: ")), "fatal findings are shown first: {text}");
    for cmd in ["ir", "openapi"] {
        let o = graphgen(&[cmd], &[("--out", &tmp.join(format!("{cmd}.yaml"))), ("--docs", &docs)]);
        let text = printed(&o);
        assert!(o.status.success() && text.lines().count() <= 60, "{cmd}: {} lines:\n{text}", text.lines().count());
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_summary_of_every_code_and_hundreds_of_errors_leaves_room_for_the_status_lines() {
    use graphgen::diag::{Code, Diagnostic};
    let diags: Vec<Diagnostic> = Code::ALL
        .iter()
        .flat_map(|&code| {
            (0..if code.default_severity() == graphgen::diag::Severity::Error { 200 } else { 3 }).map(move |i| Diagnostic {
                file: format!("v1.0/api/p{i}.md"),
                line: 1,
                code,
                severity: code.default_severity(),
                message: "m".into(),
                mark: None,
                related: Vec::new(),
            })
        })
        .collect();
    let lines = summary::lines(&diags, summary::Mode::Summary, Some(Path::new("docs/v1.0")));
    assert!(lines.len() + 4 <= summary::MAX_LINES, "{} lines:\n{}", lines.len(), lines.join("\n"));
    for code in Code::ALL {
        assert!(lines.iter().any(|l| l.split_whitespace().any(|w| w == code.id())), "{} counted", code.id());
    }
    assert!(lines.last().is_some_and(|l| l.contains("graphgen lint --docs docs/v1.0")));
    let verbose = summary::lines(&diags, summary::Mode::Verbose, None);
    assert_eq!(verbose.len(), diags.len() + 1, "--verbose: every finding and the counts");
    let quiet = summary::lines(&diags, summary::Mode::Quiet, None);
    assert!(quiet.iter().all(|l| l.contains(": error[")), "--quiet: errors only");
}

#[test]
fn every_flag_of_every_subcommand_has_help() {
    use clap::CommandFactory;
    let mut root = cli::Cli::command();
    root.build();
    root.clone().debug_assert();
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} --{}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            let path = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() {
                missing.push(format!("{path} (the command)"));
            }
            walk(sub, &path, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&root, "graphgen", &mut missing);
    let subs: Vec<&str> = root.get_subcommands().map(|s| s.get_name()).collect();
    for name in ["ir", "generate", "openapi", "lint", "diff"] {
        assert!(subs.contains(&name), "{name} is a subcommand: {subs:?}");
    }
    assert!(missing.is_empty(), "flags without help: {missing:?}");

    // The top-level help shows the three commands most people need, an example each.
    let o = graphgen(&["--help"], &[]);
    let help = String::from_utf8_lossy(&o.stdout);
    for example in ["graphgen generate --docs", "graphgen lint --docs", "graphgen diff --old"] {
        assert!(help.contains(example), "`{example}` in --help:\n{help}");
    }
    // --keep-going's help names every code that fails generate.
    let o = graphgen(&["generate", "--help"], &[]);
    let help = String::from_utf8_lossy(&o.stdout);
    let keep_going = &help[help.find("--keep-going").expect("--keep-going")..];
    for code in graphgen::diag::Code::ALL.iter().filter(|c| c.fatal()) {
        assert!(keep_going.contains(code.id()), "--keep-going's help names {}:\n{keep_going}", code.id());
    }
}

#[test]
fn lint_in_ci_says_what_fails_whatever_the_format() {
    let tmp = scratch("cli-lint-ci");
    let clean = tmp.join("clean/v1.0");
    write(&clean, "resources/thing.md", resource("thing"));
    write(&clean, "api/thing-post.md", create("thing", "{ \"name\": \"x\" }"));
    // The same tree with an example key no table lists (a warning, GG0405).
    let docs = tmp.join("docs/v1.0");
    write(&docs, "resources/thing.md", resource("thing"));
    write(&docs, "api/thing-post.md", create("thing", "{ \"name\": \"x\", \"colour\": \"red\" }"));
    let base = tmp.join("baseline.txt");
    assert_eq!(graphgen(&["lint"], &[("--docs", &clean), ("--write-baseline", &base)]).status.code(), Some(0));

    // Without a baseline a warning passes, and the summary says nothing of baselines.
    let o = graphgen(&["lint"], &[("--docs", &docs)]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("0 fail the run") && !err.contains("baseline"), "{err}");
    // Codes listed with commas are denied as if the flag were repeated.
    let o = graphgen(&["lint", "--deny", "GG0406,GG0405"], &[("--docs", &docs)]);
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));

    // A warning the baseline does not accept fails, and every format says it is what fails.
    let o = graphgen(&["lint", "--format", "github"], &[("--docs", &docs), ("--baseline", &base)]);
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.lines().any(|l| l.starts_with("::error ") && l.contains("GG0405")), "{out}");
    let o = graphgen(&["lint"], &[("--docs", &docs), ("--baseline", &base)]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("error[GG0405]"), "{}", printed(&o));
    let o = graphgen(&["lint", "--format", "json"], &[("--docs", &docs), ("--baseline", &base)]);
    assert!(
        String::from_utf8_lossy(&o.stdout).lines().any(|l| l.contains("\"GG0405\"") && l.contains("\"fails\":true")),
        "{}",
        printed(&o)
    );
    let o = graphgen(&["lint", "--format", "sarif"], &[("--docs", &docs), ("--baseline", &base)]);
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one SARIF log");
    let failing = log["runs"][0]["results"].as_array().into_iter().flatten().find(|r| r["ruleId"] == "GG0405");
    assert_eq!(failing.map(|r| &r["level"]), Some(&serde_json::json!("error")), "{}", printed(&o));

    // A baseline written from a folder named otherwise matches nothing, and the run says why.
    let warned = tmp.join("warned.txt");
    assert_eq!(graphgen(&["lint"], &[("--docs", &docs), ("--write-baseline", &warned)]).status.code(), Some(0));
    let copy = tmp.join("mine");
    write(&copy, "resources/thing.md", resource("thing"));
    write(&copy, "api/thing-post.md", create("thing", "{ \"name\": \"x\", \"colour\": \"red\" }"));
    let o = graphgen(&["lint"], &[("--docs", &copy), ("--baseline", &warned)]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("its files start `v1.0/`, these findings' `mine/`"), "{err}");
    let _ = std::fs::remove_dir_all(&tmp);
}
