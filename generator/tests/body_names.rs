//! An action body struct is named after what the request writes: the segment before `$ref` or
//! `$value`, not those (v1.0's certificate-based auth configuration, created by `POST
//! .../certificateBasedAuthConfiguration/$ref` with a table of the configuration's fields, took
//! a `RefBody`). Rebuilt on the clean `fixtures/lint` tree.

mod common;

const PAGE: &str = "---\ntitle: \"Create lamp manual\"\nms.prod: \"devices\"\ndoc_type: apiPageType\n---\n\n# Create lamp manual\n\nNamespace: microsoft.graph\n\nWrite the manual of a [lamp](../resources/lamp.md).\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /lamps/{id}/instructionManual/$ref\n```\n\n## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| pageCount | Int32 | How many pages the manual has. |\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";

#[test]
fn a_ref_write_body_is_named_after_the_segment_before_ref() {
    let dir = common::lint_tree("body-names", &[], &[("api/lamp-post-instructionmanual.md", PAGE)]);
    let (files, _) = graphgen::generate(&dir, None, &graphgen::emit::Options::default()).expect("fixture generates");
    let bodies = files.get("src/api/bodies.rs").expect("bodies");
    assert!(bodies.contains("pub struct InstructionManualBody {"), "{bodies}");
    assert!(bodies.contains("pub page_count:"), "{bodies}");
    assert!(!bodies.contains("RefBody"), "{bodies}");
}
