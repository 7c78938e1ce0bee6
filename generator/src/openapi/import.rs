//! An OpenAPI 3.0 document into the IR. Reads the layout [`super::export`] writes exactly, and
//! the subset Graph-style documents use (Microsoft's published layout among them): schemas with
//! `allOf` inheritance, string enums, properties by `$ref`, `anyOf`/`allOf` of one `$ref`, or
//! `type`/`format`; paths with path, query and header parameters, JSON request bodies and
//! responses. Anything else is a diagnostic on the document, never a panic.

use super::{primitive_of, source_of, REF_PREFIX};
use crate::diag::{Code, Diags};
use crate::ir::{Api, Body, ComplexType, EnumMember, EnumType, Example, Operation, Property, RequestHeader, Response, TypeKind, TypeRef};
use serde_json::{Map, Value};

/// An OpenAPI document as an API; `file` names it in diagnostics.
pub fn import(doc: &Value, file: &str, diags: &mut Diags) -> Api {
    let version = doc.pointer("/info/version").and_then(Value::as_str).unwrap_or("v1.0").to_string();
    let mut api = Api { version, ..Api::default() };
    if !doc.get("openapi").and_then(Value::as_str).is_some_and(|v| v.starts_with("3.")) {
        diags.push(file, 0, Code::OpenApi, "not an OpenAPI 3 document (no `openapi: 3.x`); read as one anyway");
    }
    let empty = Map::new();
    let schemas = doc.pointer("/components/schemas").and_then(Value::as_object).unwrap_or(&empty);
    let mut r = Reader { file, diags, schemas, doc };
    for (name, s) in schemas {
        // Envelopes, not types: our error and placeholder schemas, and the page schemas of
        // Microsoft's layout (`microsoft.graph.userCollectionResponse`).
        let page = name.ends_with("CollectionResponse") && page_value(s).is_some();
        let support = page || ["x-graphgen-support", "x-graphgen-unresolved"].iter().any(|k| s.get(*k).is_some());
        if support {
            continue;
        }
        if s.get("enum").is_some() {
            api.enums.insert(name.clone(), r.enumeration(name, s));
        } else if s.get("properties").is_some() || s.get("allOf").is_some() || s.get("type").and_then(Value::as_str) == Some("object") {
            api.types.insert(name.clone(), r.complex(name, s));
        } else {
            r.note(format!("schema `{name}` is neither an object nor a string enum; left out"));
        }
    }
    // Without a stated kind, a type is an entity when `entity` is among its bases.
    let names: Vec<String> = api.types.keys().cloned().collect();
    for n in names {
        let stated = schemas.get(&n).and_then(|s| s.get("x-graphgen-kind")).is_some();
        let entity = crate::ir::lineage(&api.types, &n).iter().any(|t| t.name.ends_with(".entity"));
        if let (false, true, Some(t)) = (stated, entity, api.types.get_mut(&n)) {
            t.kind = TypeKind::Entity;
        }
    }
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            // OpenAPI's order (get, put, post, delete, ...) aside: the IR sorts operations.
            for m in crate::ir::HttpMethod::ALL {
                if let Some(op) = item.get(m.as_str().to_ascii_lowercase()) {
                    api.operations.push(r.operation(path, m, op, item));
                }
            }
        }
    }
    api.operations.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
    api.examples = examples(doc.get("x-graphgen-examples"));
    api.roots = doc.get("x-graphgen-roots").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default();
    api
}

fn examples(v: Option<&Value>) -> Vec<Example> {
    v.and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
}

struct Reader<'a> {
    file: &'a str,
    diags: &'a mut Diags,
    schemas: &'a Map<String, Value>,
    doc: &'a Value,
}

impl Reader<'_> {
    fn note(&mut self, message: String) {
        self.diags.push(self.file, 0, Code::OpenApi, message);
    }

    fn complex(&mut self, name: &str, s: &Value) -> ComplexType {
        let parts: Vec<&Value> = match s.get("allOf").and_then(Value::as_array) {
            Some(all) => all.iter().collect(),
            None => vec![s],
        };
        let base =
            parts.iter().find_map(|p| p.get("$ref").and_then(Value::as_str)).and_then(|r| r.strip_prefix(REF_PREFIX)).map(str::to_string);
        let own: Vec<&Value> = parts.iter().copied().filter(|p| p.get("$ref").is_none()).collect();
        let mut properties = Vec::new();
        for part in &own {
            let Some(props) = part.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (pname, ps) in props {
                if let Some(p) = self.property(name, pname, ps) {
                    properties.push(p);
                }
            }
        }
        let open = own
            .iter()
            .chain(std::iter::once(&s))
            .any(|p| p.get("additionalProperties").is_some_and(|a| a == &Value::Bool(true) || a.is_object()));
        let kind = match s.get("x-graphgen-kind").and_then(Value::as_str) {
            Some("entity") => TypeKind::Entity,
            _ => TypeKind::Complex,
        };
        let values = own.iter().find_map(|p| p.get("additionalProperties").filter(|a| a.is_object())).and_then(|a| self.type_of(a));
        ComplexType {
            name: name.to_string(),
            kind,
            base,
            r#abstract: s.get("x-graphgen-abstract").and_then(Value::as_bool).unwrap_or(false),
            open,
            values,
            description: text(s, "description"),
            source: source_of(s, self.file),
            product: text(s, "x-graphgen-product"),
            properties,
            settled: s.get("x-graphgen-settled").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default(),
        }
    }

    fn property(&mut self, owner: &str, name: &str, s: &Value) -> Option<Property> {
        let Some(t) = self.type_of(s) else {
            self.note(format!(
                "property `{name}` of `{owner}`: its schema is no type this generator reads (a union or an external reference); left out"
            ));
            return None;
        };
        Some(Property {
            name: name.to_string(),
            r#type: t,
            navigation: s.get("x-ms-navigationProperty").and_then(Value::as_bool).unwrap_or(false),
            read_only: s.get("readOnly").and_then(Value::as_bool).unwrap_or(false),
            description: text(s, "description"),
            source: source_of(s, self.file),
        })
    }

    /// The IR type of a schema: a `$ref`, one `$ref` in `allOf`/`anyOf`/`oneOf` (beside a bare
    /// `nullable` object), an array of either, a primitive, or `{}` for any JSON.
    fn type_of(&mut self, s: &Value) -> Option<TypeRef> {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            return Some(self.reference(r));
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(list) = s.get(key).and_then(Value::as_array) {
                let refs: Vec<&str> = list.iter().filter_map(|v| v.get("$ref").and_then(Value::as_str)).collect();
                let others =
                    list.iter().filter(|v| v.get("$ref").is_none()).all(|v| v.get("properties").is_none() && v.get("enum").is_none());
                return match refs.as_slice() {
                    [one] if others => Some(self.reference(one)),
                    _ => None,
                };
            }
        }
        let ty = s.get("type").and_then(Value::as_str);
        match ty {
            Some("array") => {
                let items = self.type_of(s.get("items")?)?;
                Some(TypeRef { name: items.name, collection: true })
            }
            Some("object") if s.get("properties").is_none() => Some(TypeRef::single("Edm.Untyped")),
            Some(t) => primitive_of(t, s.get("format").and_then(Value::as_str)).map(TypeRef::single),
            None if s.as_object().is_some_and(|m| m.keys().all(|k| k == "description" || k == "nullable" || k.starts_with("x-"))) => {
                Some(TypeRef::single("Edm.Untyped"))
            }
            None => None,
        }
    }

    /// The type a `$ref` names. One to a schema the document does not define keeps its name
    /// (the crate holds it as JSON) and one outside `#/components/schemas` (another file, a
    /// parameter) is any JSON: both are reported, never silent.
    fn reference(&mut self, r: &str) -> TypeRef {
        match r.strip_prefix(REF_PREFIX) {
            Some(name) if self.schemas.contains_key(name) => TypeRef::single(name),
            Some(name) => {
                self.note(format!("`$ref: {r}` names no schema of the document; `{name}` is read as any JSON"));
                TypeRef::single(name)
            }
            None => {
                self.note(format!(
                    "`$ref: {r}` points outside `#/components/schemas`, which this generator does not follow; read as any JSON"
                ));
                TypeRef::single("Edm.Untyped")
            }
        }
    }

    fn enumeration(&mut self, name: &str, s: &Value) -> EnumType {
        let described: Vec<&Value> =
            s.pointer("/x-ms-enum/values").and_then(Value::as_array).map(|v| v.iter().collect()).unwrap_or_default();
        let members = s
            .get("enum")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(|m| {
                        let d = described.iter().find(|v| v.get("value").and_then(Value::as_str) == Some(m));
                        EnumMember {
                            name: m.to_string(),
                            value: d.and_then(|d| d.get("x-graphgen-value")).and_then(Value::as_i64),
                            description: d.map(|d| text(d, "description")).unwrap_or_default(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        EnumType {
            name: name.to_string(),
            flags: s.pointer("/x-ms-enum-flags/isFlags").and_then(Value::as_bool).unwrap_or(false),
            members,
            source: source_of(s, self.file),
            settled: s.get("x-graphgen-settled").and_then(Value::as_str).map(str::to_string),
        }
    }

    fn operation(&mut self, key: &str, method: crate::ir::HttpMethod, op: &Value, item: &Value) -> Operation {
        // `{id~2}`: a repeated docs parameter made unique for OpenAPI.
        let path = crate::ir::PathTemplate::parse(&strip_suffixes(key)).0;
        let source = source_of(op, self.file);
        let mut parameters = crate::resolve::path_parameters(&path);
        let all: Vec<&Value> = item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(op.get("parameters").and_then(Value::as_array).into_iter().flatten())
            .collect();
        let of = |kind: &'static str| {
            all.iter().copied().filter(move |p| p.get("in").and_then(Value::as_str) == Some(kind)).collect::<Vec<&Value>>()
        };
        for (p, v) in parameters.iter_mut().zip(of("path")) {
            p.r#type = if v.get("x-graphgen-untyped").is_some() { None } else { v.get("schema").and_then(|s| self.type_of(s)) };
            p.description = text(v, "description");
        }
        let mut query_options = Vec::new();
        let mut rows: Vec<(usize, Property)> = Vec::new();
        for q in of("query") {
            let name = text(q, "name");
            let marked = q.get("x-graphgen-odata").is_some();
            if marked || (name.starts_with('$') && q.get("x-graphgen-properties").is_none()) {
                query_options.push(name.clone());
            }
            match q.get("x-graphgen-properties").and_then(Value::as_array) {
                Some(list) => rows.extend(list.iter().map(|r| {
                    let p = Property {
                        name: name.clone(),
                        r#type: TypeRef::parse(r.get("type").and_then(Value::as_str).unwrap_or("Edm.String")),
                        navigation: false,
                        read_only: false,
                        description: text(r, "description"),
                        source: source_of(r, self.file),
                    };
                    (r.get("index").and_then(Value::as_u64).and_then(|i| usize::try_from(i).ok()).unwrap_or(usize::MAX), p)
                })),
                None if marked || name.starts_with('$') => {}
                None => {
                    if let Some(t) = q.get("schema").and_then(|s| self.type_of(s)) {
                        let p = Property {
                            name,
                            r#type: t,
                            navigation: false,
                            read_only: false,
                            description: text(q, "description"),
                            source: source_of(q, self.file),
                        };
                        rows.push((usize::MAX, p));
                    }
                }
            }
        }
        // Table order where the document kept it; stable for the rest.
        rows.sort_by_key(|(i, _)| *i);
        let query_parameters = rows.into_iter().map(|(_, p)| p).collect();
        // A header documented in several rows (one per value) gives each row back.
        let headers = of("header")
            .into_iter()
            .flat_map(|h| match h.get("x-graphgen-rows").and_then(Value::as_array) {
                Some(rows) => rows
                    .iter()
                    .map(|r| RequestHeader { name: text(h, "name"), description: r.as_str().unwrap_or("").to_string() })
                    .collect(),
                None => vec![RequestHeader { name: text(h, "name"), description: text(h, "description") }],
            })
            .collect();
        let body = op.pointer("/requestBody/content/application~1json/schema").and_then(|s| self.body(s));
        Operation {
            method,
            path,
            documented: op
                .get("x-graphgen-documented")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            source,
            title: text(op, "summary"),
            description: text(op, "description").split("\n\n").filter(|p| !p.is_empty()).map(str::to_string).collect(),
            permissions: op.get("x-graphgen-permissions").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default(),
            product: op.pointer("/tags/0").and_then(Value::as_str).unwrap_or("").to_string(),
            parameters,
            query: op.get("x-graphgen-query").and_then(Value::as_str).map(str::to_string),
            query_options,
            headers,
            query_parameters,
            body,
            response: self.response(op),
            examples: examples(op.get("x-graphgen-examples")),
            settled: op.get("x-graphgen-settled").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default(),
        }
    }

    fn body(&mut self, s: &Value) -> Option<Body> {
        let inline = s.get("properties").and_then(Value::as_object);
        match inline {
            Some(props) if s.get("x-graphgen-parameters").is_some() || s.get("$ref").is_none() => {
                let params = props.iter().filter_map(|(n, p)| self.property("request body", n, p)).collect();
                Some(Body::Parameters(params))
            }
            _ => self.type_of(s).map(Body::Type),
        }
    }

    /// What a success answers ([`Self::first_response`]), with what a `207 Multi-Status` beside
    /// it carries (a page or a type).
    fn response(&mut self, op: &Value) -> Response {
        let mut r = self.first_response(op);
        let partial = op.pointer("/responses/207").cloned();
        r.multi_status = partial.and_then(|p| self.resolve_response(&p)).and_then(|p| {
            let schema = self.follow(p.pointer("/content/application~1json/schema")?);
            match schema.pointer("/properties/value") {
                Some(v) if v.get("type").and_then(Value::as_str) == Some("array") => self.type_of(v),
                _ => self.type_of(&schema),
            }
        });
        r
    }

    /// The first success (or redirect) status and what it carries: a page (`value` array), a wrapped
    /// primitive (`value`), a type, bytes, or nothing.
    fn first_response(&mut self, op: &Value) -> Response {
        let empty = Map::new();
        let responses = op.get("responses").and_then(Value::as_object).unwrap_or(&empty);
        let mut ok: Vec<(u16, &Value)> =
            responses.iter().filter_map(|(k, v)| k.parse::<u16>().ok().filter(|s| (200..400).contains(s)).map(|s| (s, v))).collect();
        ok.sort_by_key(|(s, _)| *s);
        let Some((status, resp)) = ok.first().copied() else {
            return Response { status: 200, r#type: None, monitor: None, respond_async: false, multi_status: None };
        };
        let Some(resp) = self.resolve_response(resp) else {
            // The answer is somewhere this generator does not look: any JSON, not "no content".
            return Response {
                status,
                r#type: Some(TypeRef::single("Edm.Untyped")),
                monitor: None,
                respond_async: false,
                multi_status: None,
            };
        };
        if resp.pointer("/content/application~1octet-stream").is_some() {
            return Response {
                status,
                r#type: Some(TypeRef::single(crate::ir::primitive::STREAM)),
                monitor: None,
                respond_async: false,
                multi_status: None,
            };
        }
        let Some(schema) = resp.pointer("/content/application~1json/schema") else {
            // A `202 Accepted` whose `Location` leads to the long-running operation to read.
            let monitor = resp.pointer("/headers/Location/x-graphgen-monitor").and_then(|m| self.type_of(m));
            let respond_async = resp.get("x-graphgen-respond-async").and_then(Value::as_bool).unwrap_or(false);
            return Response { status, r#type: None, monitor, respond_async, multi_status: None };
        };
        let schema = self.follow(schema);
        let value = schema.pointer("/properties/value");
        let r#type = match value {
            Some(v) if v.get("type").and_then(Value::as_str) == Some("array") => self.type_of(v),
            Some(v) if schema.get("x-graphgen-value").is_some() => self.type_of(v),
            _ => self.type_of(&schema),
        };
        Response { status, r#type, monitor: None, respond_async: false, multi_status: None }
    }

    /// `$ref: '#/components/responses/x'` → that response; `None` (reported) for a `$ref` that
    /// leads nowhere this generator reads.
    fn resolve_response(&mut self, r: &Value) -> Option<Value> {
        let Some(reference) = r.get("$ref").and_then(Value::as_str) else {
            return Some(r.clone());
        };
        let target = reference.strip_prefix("#/components/responses/");
        match target.and_then(|name| self.doc.pointer("/components/responses").and_then(|m| m.get(name))) {
            Some(found) => Some(found.clone()),
            None => {
                self.note(format!("response `$ref: {reference}` names no response of the document; its answer is read as any JSON"));
                None
            }
        }
    }

    /// A `$ref` to a collection-response schema (Microsoft's layout: `allOf` of a pagination
    /// base and `value: array`) → an object with that `value`; anything else as it is.
    fn follow(&self, s: &Value) -> Value {
        let target = s.get("$ref").and_then(Value::as_str).and_then(|x| x.strip_prefix(REF_PREFIX)).and_then(|n| self.schemas.get(n));
        match target.and_then(page_value) {
            Some(v) => serde_json::json!({ "properties": { "value": v } }),
            None => s.clone(),
        }
    }
}

/// The `value` array of a page schema, looking through `allOf`.
fn page_value(s: &Value) -> Option<Value> {
    let parts: Vec<&Value> = match s.get("allOf").and_then(Value::as_array) {
        Some(all) => all.iter().chain(std::iter::once(s)).collect(),
        None => vec![s],
    };
    parts.iter().find_map(|p| p.pointer("/properties/value").filter(|v| v.get("type").and_then(Value::as_str) == Some("array")).cloned())
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

fn strip_suffixes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_brace = false;
    let mut skipping = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_brace = true;
                skipping = false;
                out.push(c);
            }
            '}' => {
                in_brace = false;
                skipping = false;
                out.push(c);
            }
            '~' if in_brace => skipping = true,
            _ if skipping => {}
            _ => out.push(c),
        }
    }
    out
}
