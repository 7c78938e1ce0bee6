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
const OBJECT: &[&str] = &["object", "json body", " fields"];
/// A query-parameters paragraph says the method takes no OData options.
const NO_QUERY_OPTIONS: &[&str] = &["does not support", "doesn't support"];
/// A property's description says the service alone sets it: "Read-only.", "This property is
/// read-only.", "a read-only GUID". Not a condition ("Read-only for users synced from
/// on-premises", "read-only when ..."), nor a flag describing a state ("Indicates if the rule is
/// read-only", "Whether this team is in read-only mode"), which a client writes.
pub fn says_read_only(lower: &str) -> bool {
    const CONDITIONS: &[&str] = &["for", "when", "if", "except", "after", "in", "on", "unless", "to", "by", "once"];
    const FLAGS: &[&str] = &["indicates", "whether", "true if", "specifies whether", "specifies if", "determines whether"];
    lower.split(". ").any(|sentence| {
        let sentence = sentence.trim();
        let flag = FLAGS.iter().any(|f| sentence.starts_with(f));
        ["read-only", "read only", "readonly"].iter().any(|phrase| {
            sentence.match_indices(phrase).any(|(i, _)| {
                let before = &sentence[..i];
                let after = &sentence[i + phrase.len()..];
                let word_start = !before.ends_with(|c: char| c.is_ascii_alphanumeric());
                let word_end = !after.starts_with(|c: char| c.is_ascii_alphanumeric());
                let next = after.split_whitespace().next().unwrap_or("");
                let conditional = after.starts_with(' ') && CONDITIONS.contains(&next);
                let state = flag && (before.ends_with("is ") || before.ends_with("in "));
                word_start && word_end && !conditional && !state
            })
        })
    })
}

/// A query-parameters sentence says something is not supported.
const NOT_SUPPORTED: &[&str] = &["not support", "n't support", "not currently support", "not yet support"];
/// ...only on a property, with another option, or in some case ("some operators are not
/// supported: `ne`" names no option, and "the `$count` operator is not supported" is the option).
const PARTLY: &[&str] = &[" on ", " with ", " when ", " for ", " in combination", " if ", "propert"];

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

/// A query-parameters sentence says something is not supported: "does not support the OData
/// query parameters", "`$filter` is not supported", "the other OData query parameters are not
/// currently supported".
pub fn says_not_supported(lower: &str) -> bool {
    any(lower, NOT_SUPPORTED)
}

/// A restriction is partial: "`$filter` is not supported on the **x** property", "with
/// `$search`", "some operators are not supported".
pub fn says_partly(lower: &str) -> bool {
    any(lower, PARTLY)
}

/// The sentence says the method supports OData query parameters, in any wording: "the OData
/// query parameters", "some of the OData query parameters", "the `$top` OData query parameter",
/// "OData query options", "OData system query options".
pub fn says_odata_support(lower: &str) -> bool {
    names_odata_options(lower) && !says_not_supported(lower)
}

/// "OData query parameters", "OData query options", "OData system query options", whatever is
/// said of them.
pub fn names_odata_options(lower: &str) -> bool {
    words(lower).windows(2).any(|w| w[0] == "odata" && matches!(w[1], "query" | "system"))
}

/// "only": the options the sentence names are all there are ("only supports the following
/// OData query parameters", "supports only the `$select` OData query parameter").
pub fn says_only(lower: &str) -> bool {
    words(lower).contains(&"only")
}

/// A header name that is `Location` or `Operation-Location`, in any letter case (a table cell
/// may quote it: `` `Location` ``).
pub fn is_location_header(name: &str) -> bool {
    let name = name.trim().trim_matches('`');
    name.eq_ignore_ascii_case("location") || name.eq_ignore_ascii_case("operation-location")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_is_said_plainly_not_under_a_condition_nor_of_a_state() {
        for yes in
            ["read-only.", "the identifier. read-only. nullable.", "this property is read-only.", "this is a read-only guid.", "readonly."]
        {
            assert!(says_read_only(yes), "{yes}");
        }
        assert!(says_read_only("indicates whether the item is \"trending.\" read-only."));
        for no in [
            "read-only for users synced from on-premises directory.",
            "indicates if the rule is read-only and cannot be modified.",
            "whether this team is in read-only mode.",
            "the name. isreadonly says more.",
        ] {
            assert!(!says_read_only(no), "{no}");
        }
    }

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
        // OData support in any wording, and what narrows it.
        for claim in [
            "this method supports the [odata query parameters](/graph/query-parameters) to help customize the response",
            "this method supports the odata query parameters to help customize the response, including `$search` and `$filter`",
            "this method supports some of the odata query parameters to help customize the response",
            "it supports odata query parameters such as `$top`",
            "this method supports the `$top` odata query parameter",
            "this method supports odata system query options",
        ] {
            assert!(says_odata_support(claim) && !says_not_supported(claim) && !says_only(claim), "{claim}");
        }
        assert!(says_only("this method only supports the following odata query parameters:"));
        assert!(says_odata_support("this method only supports the following odata query parameters:"));
        assert!(!says_odata_support("for more information, see the paging page."));
        let others = "the other [odata query parameters] are not currently supported";
        assert!(says_not_supported(others) && names_odata_options(others) && !says_odata_support(others));
        assert!(says_not_supported("`$filter` is not supported") && !says_partly("`$filter` is not supported"));
        assert!(says_not_supported("this method does not support the `$orderby` odata query parameter"));
        assert!(says_partly("the `$expand` parameter is not supported on the **lamps** property"));
        assert!(!says_partly("some operators are not supported: `$count`, `$top`"));
        assert!(says_partly("the **created** and **modified** properties of [lamp] do not support `$select`"));
        assert!(says_partly("`$top` is not supported with `$search`"));
        assert!(!says_not_supported("this method supports the `$count` and `$search` query parameters"));
    }
}
