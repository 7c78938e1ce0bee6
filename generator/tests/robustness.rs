//! Bad input never panics: random bytes, truncated pages, and pages made of markdown shards.

use graphgen::diag::Diags;
use graphgen::frontend::read_page;

/// xorshift: deterministic pseudo-random bytes without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const SHARDS: &[&str] = &[
    "---\n",
    "title: x\n",
    "doc_type: apiPageType\n",
    "# ",
    "## HTTP request\n",
    "## Properties\n",
    "|Property|Type|Description|\n",
    "|:--|:--|\n",
    "| a | [b](c.md) collection | Possible values are: `x`, `y`.\n",
    "```http\n",
    "```\n",
    "GET /users/{id | upn}/x(a='{b}')\n",
    "HTTP/1.1 200 OK\n",
    "{\"a\": [1,}\n",
    "<!-- {\"blockType\": \"response\", \"@odata.type\": \"Collection(x)\",} -->\n",
    "<!--",
    "-->",
    "# [HTTP](#tab/http)\n",
    "\n",
    "[x]: y.md\n",
    "### x values\n",
    "|Member|\n",
    "| m\n",
    "{",
    "}",
    "|",
    "`",
    "Inherits from [q](q.md).\n",
    "## Response\n",
    "returns a `201 Created` and a [t](t.md) object.\n",
];

#[test]
fn random_bytes_and_shards_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..400 {
        let mut text = String::new();
        let len = rng.next() % 60;
        for _ in 0..len {
            if i % 2 == 0 {
                text.push_str(SHARDS[(rng.next() % SHARDS.len() as u64) as usize]);
            } else {
                let b = (rng.next() % 128) as u8;
                text.push(char::from(b));
            }
        }
        for kind in ["v1.0/api/x.md", "v1.0/resources/x.md"] {
            let mut d = Diags::default();
            let _ = read_page(kind, &text, &mut d);
            // Truncations at every char boundary of a shard page.
            if i < 20 {
                for cut in (0..text.len()).filter(|c| text.is_char_boundary(*c)) {
                    let _ = read_page(kind, &text[..cut], &mut d);
                }
            }
        }
    }
}

/// Nesting that a recursive reader would follow to a stack overflow: JSON 20,000 levels deep
/// in an example, 20,000 nested block quotes and lists, an annotation nested as deep.
#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    let deep_object = format!("{}1{}", "{\"a\":".repeat(20_000), "}".repeat(20_000));
    let deep_array = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    let page = format!(
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## HTTP request\n\n```http\nGET /things/{{id}}\n```\n\n## Response\n\nReturns a `200 OK` response code.\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": {deep_array} }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/things/1\n\n{deep_object}\n```\n\n```http\nHTTP/1.1 200 OK\n\n{deep_array}\n```\n\n{}\n\n{}\n",
        ">".repeat(20_000),
        (0..2_000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect::<String>()
    );
    // A thread with a small stack, as a reader in a worker thread would have.
    let worker = std::thread::Builder::new().stack_size(2 << 20).spawn(move || {
        let (api, diags) = graphgen::ir_of_texts("v1.0", &[("v1.0/api/thing-get.md".to_string(), page)]);
        let files = graphgen::emit::emit(&api, "", &graphgen::emit::Options::default());
        (diags.len(), files.is_ok())
    });
    let (found, emitted) = worker.expect("spawn").join().expect("no stack overflow, no panic");
    assert!(found > 0, "the unreadable bodies are reported");
    assert!(emitted);
}

/// Base types that loop: reported, and generation ends.
#[test]
fn an_inheritance_cycle_is_reported_and_generation_ends() {
    let page = |name: &str, base: &str| {
        format!(
            "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nInherits from [{base}]({base}.md).\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| {name}Value | [{base}]({base}.md) | d |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"baseType\": \"microsoft.graph.{base}\" }} -->\n```json\n{{ \"{name}Value\": {{}} }}\n```\n"
        )
    };
    let pages = vec![
        ("v1.0/resources/a.md".to_string(), page("a", "b")),
        ("v1.0/resources/b.md".to_string(), page("b", "c")),
        ("v1.0/resources/c.md".to_string(), page("c", "a")),
    ];
    let (api, diags) = graphgen::ir_of_texts("v1.0", &pages);
    assert!(diags.iter().any(|d| d.code == graphgen::diag::Code::InheritanceCycle), "{diags:?}");
    assert!(graphgen::emit::emit(&api, "", &graphgen::emit::Options::default()).is_ok());
}
