//! Any bytes as an API page and as a resource page: read, resolved and emitted as a crate.
//! Nothing may panic, hang or run out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let pages = vec![("v1.0/api/fuzz.md".to_string(), text.clone()), ("v1.0/resources/fuzz.md".to_string(), text)];
    let (api, _) = graphgen::ir_of_texts("v1.0", &pages);
    let _ = graphgen::emit::emit(&api, "", &graphgen::emit::Options::default());
});
