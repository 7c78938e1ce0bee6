//! The lenient JSON reader used for annotations and example bodies (it repairs trailing
//! commas, comments, ellipses): any text, including deep nesting.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = graphgen::frontend::json::parse(&text);
});
