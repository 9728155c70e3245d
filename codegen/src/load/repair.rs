//! Lenient repairs: defects whose meaning is clear are fixed with a warning, so one slip in a
//! vendor's spec does not refuse the whole API. Each rule has its own fixed message.

use serde_json::{Map, Value, json};

use super::bundle::Notes;
use super::parse::Version;
use super::shape::Kind;

/// Dialects that mean "the OpenAPI 3.1 default".
const DEFAULT_DIALECTS: &[&str] =
    &["https://spec.openapis.org/oas/3.1/dialect/base", "https://json-schema.org/draft/2020-12/schema"];

/// Repairs an object of kind `kind` (not a schema) after its children were walked; `false`
/// leaves it out.
pub fn object(kind: Kind, map: &mut Map<String, Value>, notes: &mut Notes<'_>) -> bool {
    text_fields(map, notes, &["description", "summary"]);
    match kind {
        Kind::Document => document(map, notes),
        Kind::Info => info(map, notes),
        Kind::Tag => return tag(map, notes),
        Kind::Components => {
            // Path items are inlined where they are used; 3.0 has no such section.
            map.remove("pathItems");
        }
        Kind::Operation => operation(map, notes),
        Kind::Parameter => return parameter(map, notes),
        Kind::Header => schema_or_content(map, notes, "header"),
        Kind::Response if !map.contains_key("description") => {
            notes.warn("", "response has no `description`");
            map.insert("description".into(), json!(""));
        }
        Kind::RequestBody if !map.contains_key("content") => {
            notes.warn("", "request body has no `content`; it is treated as having none");
            map.insert("content".into(), json!({}));
        }
        Kind::SecurityScheme if !map.get("type").is_some_and(Value::is_string) => {
            notes.warn("", "security scheme has no `type`; it is left out");
            return false;
        }
        // 3.1: a client certificate belongs to the connection, not to a request.
        Kind::SecurityScheme if map.get("type").and_then(Value::as_str) == Some("mutualTLS") => {
            notes.warn(
                "",
                "`mutualTLS` authenticates with a client certificate, which is set on the HTTP client \
                 (`ClientBuilder::http_client_builder` with reqwest's `identity`); it gets no `Auth` constructor",
            );
            return false;
        }
        _ => {}
    }
    true
}

/// Document-level repairs, after its children were walked.
fn document(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    if !map.get("info").is_some_and(Value::is_object) {
        notes.warn("info", "the spec has no `info` object; title and version are left empty");
        map.insert("info".into(), json!({ "title": "", "version": "" }));
    }
    if !map.get("paths").is_some_and(Value::is_object) {
        let version = version_of(map);
        if map.contains_key("paths") || version == Version::V30 {
            notes.warn("paths", "the spec has no `paths` object; it has no operations");
        }
        map.insert("paths".into(), json!({}));
    }
    if let Some(webhooks) = map.remove("webhooks") {
        let count = webhooks.as_object().map_or(0, Map::len);
        if count > 0 {
            notes.warn("webhooks", format!("webhooks are not part of a client; {count} skipped"));
        }
    }
    if let Some(count) = map.get("x-ms-paths").and_then(Value::as_object).map(Map::len).filter(|count| *count > 0) {
        notes.warn(
            "x-ms-paths",
            format!("`x-ms-paths` (AutoRest's paths with a query) is an extension this generator does not read; {count} paths skipped"),
        );
    }
    if let Some(dialect) = map.remove("jsonSchemaDialect")
        && !dialect.as_str().is_some_and(|d| DEFAULT_DIALECTS.contains(&d))
    {
        notes.warn(
            "jsonSchemaDialect",
            format!("`jsonSchemaDialect` {dialect} is not the OpenAPI 3.1 default; schemas are read as 2020-12"),
        );
    }
    for key in ["servers", "tags", "security"] {
        if map.get(key).is_some_and(|v| !v.is_array()) {
            notes.warn(key, format!("`{key}` is not a list; ignored"));
            map.remove(key);
        }
    }
}

fn version_of(map: &Map<String, Value>) -> Version {
    match map.get("openapi").and_then(Value::as_str) {
        Some(version) if version.starts_with("3.1") => Version::V31,
        _ => Version::V30,
    }
}

fn info(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    for key in ["title", "version"] {
        match map.get(key) {
            Some(Value::String(_)) => {}
            Some(Value::Number(number)) => {
                notes.warn(key, format!("`info.{key}` is a number; read as the text `{number}`"));
                let text = number.to_string();
                map.insert(key.into(), Value::String(text));
            }
            _ => {
                notes.warn(key, format!("the spec has no `info.{key}`; it is left empty"));
                map.insert(key.into(), json!(""));
            }
        }
    }
}

fn tag(map: &mut Map<String, Value>, notes: &mut Notes<'_>) -> bool {
    if map.get("name").is_some_and(Value::is_string) {
        return true;
    }
    notes.warn("", "tag has no `name`; it is left out");
    false
}

/// Duplicate parameters (same `name` and `in`, or the same `$ref`) of one list: the later ones are left out.
fn operation(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    if !map.contains_key("responses") {
        notes.warn("", "operation has no `responses`");
        map.insert("responses".into(), json!({}));
    }
    // Requests the server sends back to the caller: nothing a client sends or receives.
    if let Some(count) = map.get("callbacks").and_then(Value::as_object).map(Map::len).filter(|count| *count > 0) {
        notes.warn("callbacks", format!("callbacks are requests the API makes, not part of a client; {count} skipped"));
    }
    let Some(Value::Array(parameters)) = map.get_mut("parameters") else { return };
    let mut seen: Vec<String> = Vec::new();
    let mut index = 0;
    parameters.retain(|parameter| {
        let text = |key: &str| parameter.get(key).and_then(Value::as_str);
        let identity = match (text("$ref"), text("name"), text("in")) {
            (Some(reference), _, _) => format!("`$ref: {reference}`"),
            (None, Some(name), Some(place)) => format!("`{name}` in {place}"),
            _ => String::new(),
        };
        let duplicate = !identity.is_empty() && seen.contains(&identity);
        if duplicate {
            notes.warn(
                &format!("parameters/{index}"),
                format!("duplicate parameter {identity}; the later one is left out"),
            );
        } else {
            seen.push(identity);
        }
        index += 1;
        !duplicate
    });
}

fn parameter(map: &mut Map<String, Value>, notes: &mut Notes<'_>) -> bool {
    let Some(name) = map.get("name").and_then(Value::as_str).map(str::to_owned) else {
        notes.warn("", "parameter has no `name`; it is left out");
        return false;
    };
    match map.get("in").and_then(Value::as_str) {
        Some("query" | "header" | "cookie") => {}
        Some("path") => {
            if map.get("required") != Some(&json!(true)) {
                notes.warn("required", format!("path parameter `{name}` must be required; it is treated as required"));
                map.insert("required".into(), json!(true));
            }
        }
        Some(place @ ("body" | "formData")) => {
            notes.warn(
                "in",
                format!(
                    "parameter `{name}` has `in: {place}` (Swagger 2.0); it is left out: describe it in `requestBody`"
                ),
            );
            return false;
        }
        Some(other) => {
            notes.warn("in", format!("parameter `{name}` has unknown `in: {other}`; it is left out"));
            return false;
        }
        None => {
            notes.warn("", format!("parameter `{name}` has no `in`; it is left out"));
            return false;
        }
    }
    schema_or_content(map, notes, "parameter");
    true
}

fn schema_or_content(map: &mut Map<String, Value>, notes: &mut Notes<'_>, noun: &str) {
    if !map.contains_key("schema") && !map.contains_key("content") {
        notes.warn("", format!("{noun} has neither `schema` nor `content`; its value is free-form"));
        map.insert("schema".into(), json!({}));
    }
}

/// `description`/`summary`: null or not text is repaired, empty is pointed out.
fn text_fields(map: &mut Map<String, Value>, notes: &mut Notes<'_>, keys: &[&str]) {
    for key in keys {
        match map.get(*key) {
            None => {}
            Some(Value::String(text)) if text.trim().is_empty() && *key == "summary" => {
                notes.warn(key, format!("`{key}` is empty"));
            }
            Some(Value::String(_)) => {}
            Some(Value::Null) => {
                notes.warn(key, format!("`{key}` is null; ignored"));
                map.remove(*key);
            }
            Some(value @ (Value::Number(_) | Value::Bool(_))) => {
                let text = value.to_string();
                notes.warn(key, format!("`{key}` is not text; read as the text `{text}`"));
                map.insert((*key).into(), Value::String(text));
            }
            Some(_) => {
                notes.warn(key, format!("`{key}` is not text; ignored"));
                map.remove(*key);
            }
        }
    }
}

/// Repairs a schema's own keywords (after normalisation): wrongly-typed or out-of-range
/// constraints are dropped, each with a warning.
pub fn schema(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    enum_says(map);
    nullable_member(map);
    let integer = map.get("type").and_then(Value::as_str) == Some("integer");
    if integer {
        unsigned_range(map, notes);
    }
    // One pass to find what is wrong (usually nothing), then the repairs.
    let broken: Vec<String> =
        map.iter().filter(|(key, value)| !fits(key, value, integer)).map(|(key, _)| key.clone()).collect();
    for key in broken {
        repair_keyword(map, &key, integer, notes);
    }
}

/// `allOf: [{$ref: Currency}, {nullable: true}]` is how 3.0 specs make a referenced schema
/// nullable (a `nullable` beside a `$ref` is ignored): a member that says nothing but
/// `nullable: true` (and annotations) makes the whole schema nullable, so a `null` decodes.
fn nullable_member(map: &mut Map<String, Value>) {
    const ANNOTATIONS: [&str; 8] =
        ["nullable", "description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly"];
    let Some(Value::Array(members)) = map.get("allOf") else { return };
    let says_null = members.iter().filter_map(Value::as_object).any(|member| {
        member.get("nullable") == Some(&Value::Bool(true))
            && member.keys().all(|key| ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-"))
    });
    if says_null {
        map.insert("nullable".into(), Value::Bool(true));
    }
}

/// An `enum` tells what `type` and `nullable` leave out: a `null` among its values makes the
/// schema nullable (Pydantic writes `Literal[..., None]` so), and values all of one JSON type
/// give it that type (`enum: [true, false]` is a boolean, not free-form JSON).
fn enum_says(map: &mut Map<String, Value>) {
    let Some(Value::Array(values)) = map.get("enum") else { return };
    let with_null = values.iter().any(Value::is_null);
    let mut kinds = values.iter().filter(|value| !value.is_null()).map(|value| match value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(number) if number.is_i64() || number.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    });
    let first = kinds.next().flatten();
    let one_kind = first.filter(|first| kinds.all(|kind| kind == Some(*first)));
    let shaped =
        ["type", "$ref", "allOf", "anyOf", "oneOf", "properties", "items"].iter().any(|key| map.contains_key(*key));
    if let Some(kind) = one_kind.filter(|_| !shaped) {
        map.insert("type".into(), Value::String(kind.into()));
    }
    if with_null {
        map.insert("nullable".into(), Value::Bool(true));
    }
}

/// An integer schema whose values reach past `i64` (a `maximum` or an `enum` value beyond it,
/// e.g. `maximum: 18446744073709551615`) and never go below zero is `format: uint64`, typed
/// `u64`, instead of an `i64` that fails on valid values. Its `maximum` then says no more than
/// the type does and is dropped quietly (constraints are not enforced by the client). Reaching
/// past `i64` below zero too has no Rust integer type: pointed out.
fn unsigned_range(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    // `i64::MAX as f64` is 2^63, the first value past `i64`.
    let past_signed =
        |value: &Value| !value.is_i64() && (value.is_u64() || value.as_f64().is_some_and(|n| n >= i64::MAX as f64));
    let values = map.get("enum").and_then(Value::as_array);
    let enum_beyond = values.is_some_and(|v| v.iter().any(past_signed));
    if !enum_beyond && !map.get("maximum").is_some_and(past_signed) {
        return;
    }
    let non_negative = |value: &Value| value.as_f64().is_some_and(|number| number >= 0.0);
    let from_zero = map.get("minimum").is_some_and(non_negative)
        || values.is_some_and(|v| v.iter().all(|value| value.is_null() || non_negative(value)));
    let format = map.get("format").and_then(Value::as_str);
    if !from_zero || !matches!(format, None | Some("int64" | "uint64")) {
        // A `maximum` alone is pointed out where it is dropped.
        if !enum_beyond {
            return;
        }
        notes.warn(
            "",
            "integer values reach past the 64-bit signed range (and the schema does not say they start at 0): \
             typed `i64`, so larger values fail to decode",
        );
        return;
    }
    map.insert("format".into(), Value::String("uint64".into()));
    if map.get("maximum").is_some_and(past_signed) {
        map.remove("maximum");
    }
}

/// Whether a schema keyword's value has the form OpenAPI 3.0 reads.
fn fits(key: &str, value: &Value, integer: bool) -> bool {
    match key {
        "description" => value.is_string(),
        "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties" | "maxProperties" => value.is_u64(),
        "minimum" | "maximum" => value.is_number() && (!integer || value.is_i64()),
        "multipleOf" => value.as_f64().is_some_and(|f| f > 0.0) && (!integer || value.is_i64()),
        "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems" | "exclusiveMinimum"
        | "exclusiveMaximum" => value.is_boolean(),
        "format" | "pattern" | "title" | "type" => value.is_string(),
        "required" => value.as_array().is_some_and(|names| names.iter().all(Value::is_string)),
        "enum" | "allOf" | "anyOf" | "oneOf" => value.is_array(),
        "properties" | "items" => value.is_object(),
        "additionalProperties" => value.is_object() || value.is_boolean(),
        "discriminator" => value.get("propertyName").is_some_and(Value::is_string),
        _ => true,
    }
}

fn repair_keyword(map: &mut Map<String, Value>, key: &str, integer: bool, notes: &mut Notes<'_>) {
    let Some(value) = map.get(key).cloned() else { return };
    let drop = |map: &mut Map<String, Value>, notes: &mut Notes<'_>, message: String| {
        notes.warn(key, message);
        map.remove(key);
    };
    match key {
        "description" => text_fields(map, notes, &["description"]),
        "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties" | "maxProperties" => {
            match value.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < u64::MAX as f64) {
                // `3.0` is the integer 3 in JSON Schema.
                Some(count) => {
                    map.insert(key.into(), json!(count as u64));
                }
                None => drop(map, notes, format!("`{key}` must be a non-negative integer, found {value}; dropped")),
            }
        }
        "minimum" | "maximum" | "multipleOf" => {
            let Some(number) = value.as_f64() else {
                return drop(map, notes, format!("`{key}` must be a number, found {value}; dropped"));
            };
            if key == "multipleOf" && number <= 0.0 {
                drop(map, notes, format!("`multipleOf` must be greater than 0, found {value}; dropped"));
            } else if integer && number.fract() == 0.0 && number >= i64::MIN as f64 && number < i64::MAX as f64 {
                map.insert(key.into(), json!(number as i64));
            } else if integer {
                drop(map, notes, format!("`{key}` {value} is out of range for an integer; dropped"));
            }
        }
        "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems" | "exclusiveMinimum"
        | "exclusiveMaximum" => drop(map, notes, format!("`{key}` must be true or false, found {value}; dropped")),
        "format" | "pattern" | "title" => drop(map, notes, format!("`{key}` must be text; dropped")),
        "type" => drop(map, notes, "`type` must be a type name; dropped".into()),
        "required" => match value {
            Value::Bool(_) => drop(
                map,
                notes,
                "`required: true` inside a schema (draft 3 style) is ignored; list required properties in the \
                 parent's `required`"
                    .into(),
            ),
            Value::Array(names) => {
                notes.warn(key, "`required` lists something that is not a property name; those entries are dropped");
                let names: Vec<Value> = names.into_iter().filter(Value::is_string).collect();
                map.insert(key.into(), Value::Array(names));
            }
            _ => drop(map, notes, "`required` must be a list of property names; dropped".into()),
        },
        "enum" | "allOf" | "anyOf" | "oneOf" => drop(map, notes, format!("`{key}` must be a list; dropped")),
        "properties" => drop(map, notes, "`properties` must be a mapping; dropped".into()),
        "items" => drop(map, notes, "`items` must be a schema; dropped".into()),
        "additionalProperties" => {
            drop(map, notes, "`additionalProperties` must be a schema or true/false; dropped".into())
        }
        "discriminator" => drop(map, notes, "`discriminator` has no `propertyName`; dropped".into()),
        _ => {}
    }
}
