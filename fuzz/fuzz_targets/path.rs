//! The path-template grammar: the first line is a request-block template, the second an
//! example URL; both go through parsing, sample cleaning, keys and matching directly, and
//! through a page.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.splitn(2, '\n');
    let template = lines.next().unwrap_or("").replace('\r', "");
    let url = lines.next().unwrap_or("").replace(['\n', '\r'], "");
    let (parsed, _) = graphgen::path::PathTemplate::parse(&template);
    let (cleaned, _) = graphgen::path::samples::clean(&parsed);
    let _ = cleaned.key();
    let _ = cleaned.params();
    let _ = parsed.matches(&url);
    // The text a template renders parses back to the same template.
    let (again, _) = graphgen::path::PathTemplate::parse(cleaned.as_str());
    assert_eq!(again.key(), cleaned.key(), "{:?}", cleaned.as_str());
    let page = format!(
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## HTTP request\n\n```http\nGET {template}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{url}\n```\n"
    );
    let (api, _) = graphgen::ir_of_texts("v1.0", &[("v1.0/api/thing-get.md".to_string(), page)]);
    let _ = graphgen::emit::emit(&api, "", &graphgen::emit::Options::default());
});
