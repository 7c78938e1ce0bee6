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
    "---\n", "title: x\n", "doc_type: apiPageType\n", "# ", "## HTTP request\n", "## Properties\n",
    "|Property|Type|Description|\n", "|:--|:--|\n", "| a | [b](c.md) collection | Possible values are: `x`, `y`.\n",
    "```http\n", "```\n", "GET /users/{id | upn}/x(a='{b}')\n", "HTTP/1.1 200 OK\n", "{\"a\": [1,}\n",
    "<!-- {\"blockType\": \"response\", \"@odata.type\": \"Collection(x)\",} -->\n", "<!--", "-->",
    "# [HTTP](#tab/http)\n", "\n", "[x]: y.md\n", "### x values\n", "|Member|\n", "| m\n", "{", "}", "|", "`",
    "Inherits from [q](q.md).\n", "## Response\n", "returns a `201 Created` and a [t](t.md) object.\n",
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
