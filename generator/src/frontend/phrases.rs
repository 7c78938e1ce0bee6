//! The phrases of the API pages' prose that the front end reads meaning from, in one place:
//! which sentence states the answer, which says the body is a resource, which says there is
//! no content or a collection. Each takes lowercased text; each has a unit test below.

/// A response sentence says what is returned.
const RETURNS: &str = "return";
/// A response sentence says nothing comes back.
const NO_CONTENT: &[&str] = &["no content", "does not return anything"];
/// A response sentence or type cell says the type is a collection: these words, as words of
/// their own (never part of an identifier: `siteCollection`, `deviceLogCollectionResponse`).
const COLLECTION: &[&[&str]] = &[&["collection"], &["collections"], &["list", "of"], &["array", "of"]];
/// A request-body sentence points at a type's JSON representation.
pub const JSON_REPRESENTATION: &str = "json representation";
/// A request-body sentence asks the caller to send something...
const SUPPLY: &[&str] = &["provide", "supply", "specify"];
/// ...which is an object (and not a parameter).
const OBJECT: &[&str] = &["object", "json body"];
/// A query-parameters paragraph says the method takes no OData options.
const NO_QUERY_OPTIONS: &[&str] = &["does not support", "doesn't support"];

fn any(lower: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| lower.contains(p))
}

/// "returns a `200 OK` response code and ...".
pub fn says_returns(lower: &str) -> bool {
    lower.contains(RETURNS)
}

/// "returns `204 No Content`", "does not return anything in the response body".
pub fn says_no_content(lower: &str) -> bool {
    any(lower, NO_CONTENT)
}

/// The words of lowercased text: runs of letters, digits, `.` and `_`, with dots at either end
/// taken off. An identifier (`microsoft.graph.sitecollection`) is one word.
pub fn words(lower: &str) -> Vec<&str> {
    lower.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_')).map(|w| w.trim_matches('.')).filter(|w| !w.is_empty()).collect()
}

/// "a collection of \[user\] objects", "a list of", "an array of", "\[user\] collection",
/// "Collection(user)"; "collection" inside a type's name (`a [siteCollection] object`) is not.
pub fn says_collection(lower: &str) -> bool {
    let words = words(lower);
    COLLECTION.iter().any(|phrase| words.windows(phrase.len()).any(|w| w == *phrase))
}

/// "supply a JSON representation of \[x\]".
pub fn says_json_representation(lower: &str) -> bool {
    lower.contains(JSON_REPRESENTATION)
}

/// "the properties of the \[group\] resource to specify": a table of the resource's settable
/// properties, not of parameters.
pub fn says_resource_properties(lower: &str) -> bool {
    lower.contains("properties of the") && lower.contains("resource") && !lower.contains("parameter")
}

/// "Provide the new \[x\] object in the request body" (a sentence about parameters is not).
pub fn says_supply_object(lower: &str) -> bool {
    any(lower, SUPPLY) && any(lower, OBJECT) && !lower.contains("parameter")
}

/// "A \[teamsTab\]." alone: the paragraph is a reference to the type and nothing more (`rest`
/// is the paragraph with the link's text taken out).
pub fn is_bare_reference(rest: &str) -> bool {
    rest.trim().trim_end_matches('.').split_whitespace().all(|w| matches!(w, "a" | "an" | "the" | "one"))
}

/// "provide an optional `passwordCredential` object with the following properties": the body
/// holds one object under that name, and the table describes the object, not the body.
pub fn says_wrapped_object(lower: &str) -> bool {
    says_supply_object(lower) && lower.contains("with the following properties")
}

/// "This method does not support the OData query parameters".
pub fn says_no_query_options(lower: &str) -> bool {
    any(lower, NO_QUERY_OPTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phrase_reads_its_sentence_and_not_its_neighbour() {
        assert!(says_returns("if successful, this method returns a `200 ok` response code"));
        assert!(!says_returns("the lamp is switched on."));
        assert!(says_no_content("it returns a `204 no content` response code."));
        assert!(says_no_content("this action does not return anything in the response body."));
        assert!(!says_no_content("it returns a [lamp] object."));
        assert!(
            says_collection("a collection of [lamp] objects")
                && says_collection("a list of lamps")
                && says_collection("an array of strings")
        );
        assert!(!says_collection("a [lamp] object"));
        assert!(says_collection("[lamp](lamp.md) collection") && says_collection("collection(edm.string)"));
        assert!(says_collection("returns a collection.") && says_collection("lamp collections"));
        // Inside an identifier, "collection", "list" and "array" are part of a type's name.
        assert!(!says_collection("returns a [lampcollection](lampcollection.md) object"));
        assert!(!says_collection("a [microsoft.graph.shadecollectionresponse] object"));
        assert!(!says_collection("a [lamp_collection_status] value"));
        assert!(!says_collection("a [playlist] of songs") && !says_collection("an [xarray] of bulbs"));
        assert_eq!(words("a `microsoft.graph.lamp` (collection)."), ["a", "microsoft.graph.lamp", "collection"]);
        assert!(says_json_representation("in the request body, supply a json representation of a [lamp] object."));
        assert!(says_resource_properties("the table shows the properties of the [lamp] resource to specify when you create one."));
        assert!(!says_resource_properties("the table shows the parameters and properties of the [lamp] resource."));
        assert!(says_supply_object("provide the new [lamp] object in the request body."));
        assert!(is_bare_reference("a .") && is_bare_reference("") && !is_bare_reference("a  with its shade."));
        assert!(says_wrapped_object("in the request body, provide an optional `bulb` object with the following properties."));
        assert!(!says_wrapped_object("in the request body, provide a json object with the following parameters."));
        assert!(!says_supply_object("specify the following parameters of the object."));
        assert!(says_no_query_options("this method does not support the odata query parameters."));
        assert!(says_no_query_options("it doesn't support optional query parameters."));
        assert!(!says_no_query_options("this method supports the `$select` query parameter."));
    }
}
