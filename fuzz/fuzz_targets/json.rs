//! The lenient JSON reader used for annotations and example bodies (it repairs trailing
//! commas, comments, ellipses), and the scan that finds a key of such a body by its path for
//! the linter: any text, including deep nesting.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = graphgen::frontend::json::parse(&text);
    for path in ["$", "$.value[0].id", "$.a.b", "$[1][0]", "$.@odata.type"] {
        if let Some((a, b)) = graphgen::frontend::json_path::find(&text, path) {
            // The range is text the linter slices: it must lie on character boundaries.
            assert!(text.get(a..b).is_some(), "{path}: {a}..{b}");
        }
    }
});
