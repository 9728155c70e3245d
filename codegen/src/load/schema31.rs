//! JSON Schema 2020-12 (OpenAPI 3.1) schema keywords → the OpenAPI 3.0 shape lowering reads.
//!
//! Works on one schema object whose subschemas are already normalised. Harmless on 3.0 schemas:
//! none of these keywords is valid there, so a valid 3.0 schema comes out unchanged.

use serde_json::{Map, Value, json};

use super::bundle::Notes;

/// Keywords that only validate (or only identify) and say nothing a client needs: dropped
/// without a word, before their subschemas or `$ref`s are even looked at.
pub fn is_dropped(key: &str) -> bool {
    matches!(
        key,
        "$comment"
            | "$id"
            | "$schema"
            | "$anchor"
            | "$dynamicAnchor"
            | "$recursiveAnchor"
            | "$vocabulary"
            | "$defs"
            | "definitions"
            | "if"
            | "dependentRequired"
            | "dependencies"
            | "unevaluatedItems"
            | "propertyNames"
            | "contains"
            | "minContains"
            | "maxContains"
            | "contentSchema"
    )
}

/// `$recursiveRef` / `$dynamicRef`, if the schema is one.
pub fn recursive_ref(map: &Map<String, Value>) -> Option<&str> {
    map.get("$recursiveRef").or_else(|| map.get("$dynamicRef")).and_then(Value::as_str)
}

/// A 3.1 `$ref` with siblings that mean something (`description`, `nullable`, `default`, ...)
/// becomes `allOf: [{$ref}]` plus the siblings; a sibling `type` is ignored, as are the dropped
/// keywords. `None` when nothing but the reference remains.
pub fn wrap_ref_siblings(map: &Map<String, Value>) -> Option<Value> {
    let reference = map.get("$ref")?;
    let siblings: Map<String, Value> = map
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "$ref" | "type") && !is_dropped(key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if siblings.is_empty() {
        return None;
    }
    let mut wrapped = Map::new();
    wrapped.insert("allOf".into(), json!([{ "$ref": reference }]));
    wrapped.extend(siblings);
    Some(Value::Object(wrapped))
}

/// Rewrites the schema's own 3.1 keywords into their 3.0 forms.
pub fn normalise(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    // One look at the keys first: most schemas (all of a 3.0 spec's) need nothing here.
    let needed = map.iter().any(|(key, value)| match key.as_str() {
        "const" | "contentEncoding" | "contentMediaType" | "prefixItems" | "patternProperties" => true,
        "then" | "else" | "dependentSchemas" | "unevaluatedProperties" => true,
        "examples" => value.is_array(),
        "type" => value.is_array() || value == "null",
        "exclusiveMinimum" | "exclusiveMaximum" => value.is_number(),
        "anyOf" | "oneOf" => true,
        _ => false,
    });
    if !needed {
        return;
    }
    constant(map);
    examples(map);
    type_list(map, notes);
    null_alternatives(map, "anyOf");
    null_alternatives(map, "oneOf");
    exclusive_bound(map, "exclusiveMinimum", "minimum", |bound, current| bound >= current);
    exclusive_bound(map, "exclusiveMaximum", "maximum", |bound, current| bound <= current);
    content(map);
    prefix_items(map);
    conditional_properties(map, notes);
    pattern_properties(map, notes);
    only_null(map);
}

/// `type: "null"` (what is left once lists and alternatives are read) has no 3.0 type: it becomes
/// a nullable schema whose only value is `null` (which `null_alternatives` still recognises).
fn only_null(map: &mut Map<String, Value>) {
    if map.get("type") == Some(&json!("null")) {
        map.remove("type");
        map.insert("nullable".into(), json!(true));
        map.insert("enum".into(), json!([null]));
    }
}

/// `const: v` → `enum: [v]` with `x-const: true` (lowering reads single-value enums as union
/// tags), and the type the value has when none is given.
fn constant(map: &mut Map<String, Value>) {
    let Some(value) = map.remove("const") else { return };
    if value.is_null() {
        map.insert("type".into(), json!("null"));
        return;
    }
    if !map.contains_key("type")
        && let Some(name) = json_type(&value)
    {
        map.insert("type".into(), json!(name));
    }
    map.insert("enum".into(), Value::Array(vec![value]));
    map.insert("x-const".into(), json!(true));
}

/// The JSON Schema type of a value.
fn json_type(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => return None,
    })
}

/// `examples: [a, b]` → `example: a`.
fn examples(map: &mut Map<String, Value>) {
    if !matches!(map.get("examples"), Some(Value::Array(_))) {
        return;
    }
    if let Some(Value::Array(list)) = map.remove("examples")
        && let (false, Some(first)) = (map.contains_key("example"), list.into_iter().next())
    {
        map.insert("example".into(), first);
    }
}

/// Keywords that only apply to one type, moved to that type's alternative when a type list splits.
fn applies_to(key: &str, value: &Value, type_name: &str) -> bool {
    let numeric_format = matches!(value.as_str(), Some("int32" | "int64" | "float" | "double"));
    match type_name {
        "string" => {
            matches!(key, "minLength" | "maxLength" | "pattern" | "contentEncoding" | "contentMediaType")
                || (key == "format" && !numeric_format)
        }
        "integer" | "number" => {
            matches!(key, "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf")
                || (key == "format" && numeric_format)
        }
        "array" => matches!(key, "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems"),
        "object" => matches!(
            key,
            "properties"
                | "additionalProperties"
                | "required"
                | "minProperties"
                | "maxProperties"
                | "patternProperties"
        ),
        _ => false,
    }
}

const TYPE_SPECIFIC: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "contentEncoding",
    "contentMediaType",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "properties",
    "additionalProperties",
    "required",
    "minProperties",
    "maxProperties",
    "patternProperties",
];

/// `type: [X, "null"]` → `type: X` + `nullable: true`; several non-null types → `oneOf` of
/// single-typed schemas, each with the keywords (and enum values) of its type.
fn type_list(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    let Some(Value::Array(list)) = map.get("type") else { return };
    let mut names: Vec<String> = Vec::new();
    for item in list {
        match item.as_str() {
            Some(name) if !names.iter().any(|n| n == name) => names.push(name.to_owned()),
            Some(_) => {}
            // YAML reads an unquoted `null` as no value at all; the meaning is still clear.
            None if item.is_null() && !names.iter().any(|n| n == "null") => {
                notes.warn("type", "`type` lists a bare `null`; read as the type name \"null\"");
                names.push("null".to_owned());
            }
            None => notes.warn("type", format!("`type` lists {item}, which is not a type name; ignored")),
        }
    }
    let nullable = names.iter().any(|n| n == "null");
    names.retain(|n| n != "null");
    if nullable {
        map.insert("nullable".into(), json!(true));
    }
    match names.as_slice() {
        [] if nullable => {
            map.insert("type".into(), json!("null"));
        }
        [] => {
            map.remove("type");
        }
        [only] => {
            map.insert("type".into(), json!(only));
        }
        several => {
            let alternatives: Vec<Value> = several
                .iter()
                .map(|type_name| {
                    let mut alternative = Map::new();
                    alternative.insert("type".into(), json!(type_name));
                    for (key, value) in map.iter() {
                        if applies_to(key, value, type_name) {
                            alternative.insert(key.clone(), value.clone());
                        }
                    }
                    if let Some(Value::Array(values)) = map.get("enum") {
                        let own: Vec<Value> = values.iter().filter(|v| fits_type(v, type_name)).cloned().collect();
                        if !own.is_empty() {
                            alternative.insert("enum".into(), Value::Array(own));
                        }
                    }
                    Value::Object(alternative)
                })
                .collect();
            map.remove("type");
            map.remove("enum");
            map.retain(|key, _| !TYPE_SPECIFIC.contains(&key.as_str()));
            match map.remove("oneOf") {
                Some(existing) => {
                    let all_of = map.entry("allOf").or_insert_with(|| json!([]));
                    if let Value::Array(all_of) = all_of {
                        all_of.push(json!({ "oneOf": existing }));
                        all_of.push(json!({ "oneOf": alternatives }));
                    }
                }
                None => {
                    map.insert("oneOf".into(), Value::Array(alternatives));
                }
            }
        }
    }
}

fn fits_type(value: &Value, type_name: &str) -> bool {
    match (json_type(value), type_name) {
        (Some("integer"), "number") => true,
        (Some(found), wanted) => found == wanted,
        (None, _) => false,
    }
}

/// Whether an alternative only says "null".
fn is_null_schema(value: &Value) -> bool {
    let Some(map) = value.as_object() else { return false };
    let only_null_enum = matches!(map.get("enum"), Some(Value::Array(values)) if values.iter().all(Value::is_null));
    map.get("type") == Some(&json!("null")) || (only_null_enum && !map.contains_key("type"))
}

/// `{type: "null"}` alternatives of `anyOf`/`oneOf` → `nullable: true` on the rest. A single
/// remaining alternative is merged into the schema (or wrapped in `allOf` when it is a `$ref` or
/// would clash with the schema's own keywords).
fn null_alternatives(map: &mut Map<String, Value>, key: &str) {
    let Some(Value::Array(alternatives)) = map.get(key) else { return };
    if !alternatives.iter().any(is_null_schema) {
        return;
    }
    let rest: Vec<Value> = alternatives.iter().filter(|a| !is_null_schema(a)).cloned().collect();
    map.insert("nullable".into(), json!(true));
    match rest.as_slice() {
        [] => {
            map.remove(key);
        }
        [only] => {
            map.remove(key);
            let mergeable = only
                .as_object()
                .filter(|fields| !fields.contains_key("$ref") && fields.keys().all(|k| !map.contains_key(k)));
            match mergeable {
                Some(fields) => map.extend(fields.clone()),
                None => {
                    let all_of = map.entry("allOf").or_insert_with(|| json!([]));
                    if let Value::Array(all_of) = all_of {
                        all_of.push(only.clone());
                    }
                }
            }
        }
        _ => {
            map.insert(key.into(), Value::Array(rest));
        }
    }
}

/// Numeric `exclusiveMinimum: 5` → `minimum: 5` + `exclusiveMinimum: true` (the stricter bound wins).
fn exclusive_bound(map: &mut Map<String, Value>, exclusive: &str, bound: &str, stricter: fn(f64, f64) -> bool) {
    let Some(Value::Number(limit)) = map.get(exclusive) else { return };
    let limit = limit.clone();
    let current = map.get(bound).and_then(Value::as_f64);
    let limit_value = limit.as_f64().unwrap_or_default();
    if current.is_none_or(|current| stricter(limit_value, current)) {
        map.insert(bound.into(), Value::Number(limit));
        map.insert(exclusive.into(), json!(true));
    } else {
        map.remove(exclusive);
    }
}

/// `contentEncoding: base64` → `format: byte`; a non-text `contentMediaType` → `format: binary`.
fn content(map: &mut Map<String, Value>) {
    let encoding = map.remove("contentEncoding");
    let media_type = map.remove("contentMediaType");
    if map.contains_key("format") {
        return;
    }
    let format = match (encoding.as_ref().and_then(Value::as_str), media_type.as_ref().and_then(Value::as_str)) {
        (Some("base64" | "base64url"), _) => "byte",
        (_, Some(media_type)) if !is_text(media_type) => "binary",
        _ => return,
    };
    map.insert("format".into(), json!(format));
}

fn is_text(media_type: &str) -> bool {
    let media_type = media_type.to_ascii_lowercase();
    media_type.starts_with("text/")
        || media_type.contains("json")
        || media_type.contains("xml")
        || media_type.contains("yaml")
        || media_type == "application/x-www-form-urlencoded"
        || media_type == "application/javascript"
}

/// `prefixItems` → `x-prefix-items`, which lowering makes a tuple when no more items may follow:
/// `items: false` (dropped here), or a `maxItems` no larger than the prefix (Pydantic's
/// tuples). Otherwise more items may follow (GeoJSON's `[lon, lat, alt?]`), or fewer (a
/// `minItems` below the prefix), and `x-prefix-open` says so: the array stays a list.
fn prefix_items(map: &mut Map<String, Value>) {
    let Some(prefix) = map.remove("prefixItems") else { return };
    let length = prefix.as_array().map_or(0, Vec::len);
    let closed_by_items = map.get("items") == Some(&json!({ "not": {} }));
    let closed_by_length = map
        .get("maxItems")
        .and_then(Value::as_u64)
        .is_some_and(|most| usize::try_from(most).is_ok_and(|most| most <= length));
    // A `minItems` below the prefix lets the last positions be missing, which a tuple cannot.
    let shorter = map
        .get("minItems")
        .and_then(Value::as_u64)
        .is_some_and(|least| usize::try_from(least).is_ok_and(|least| least < length));
    map.insert("x-prefix-items".into(), prefix);
    if shorter {
        map.insert("x-prefix-open".into(), Value::Bool(true));
    } else if closed_by_items {
        map.remove("items");
    } else if !closed_by_length {
        map.insert("x-prefix-open".into(), Value::Bool(true));
    }
}

/// Properties that only some values have (declared under `then`, `else` or `dependentSchemas`)
/// become optional fields, so that they are kept; which values have them is not checked.
/// `unevaluatedProperties` with a schema types the other keys, as `additionalProperties` does.
fn conditional_properties(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    let mut branches: Vec<(String, Value)> =
        ["then", "else"].into_iter().filter_map(|key| map.remove(key).map(|branch| (key.to_owned(), branch))).collect();
    if let Some(Value::Object(dependent)) = map.remove("dependentSchemas") {
        branches.extend(dependent.into_iter().map(|(key, branch)| (format!("dependentSchemas/{key}"), branch)));
    }
    let mut folded = Vec::new();
    for (from, branch) in branches {
        let Some(Value::Object(properties)) = branch.get("properties") else { continue };
        let own = map.entry("properties").or_insert_with(|| json!({}));
        let Value::Object(own) = own else { continue };
        for (key, schema) in properties {
            if !own.contains_key(key) {
                own.insert(key.clone(), schema.clone());
                folded.push(format!("`{key}` (from `{from}`)"));
            }
        }
    }
    if !folded.is_empty() {
        notes.warn("", format!("{} kept as optional fields; which values have them is not checked", folded.join(", ")));
    }
    match map.remove("unevaluatedProperties") {
        // `false` (walked into `{not: {}}`) only forbids: nothing to keep.
        Some(schema @ Value::Object(_))
            if !map.contains_key("additionalProperties") && schema != json!({"not": {}}) =>
        {
            map.insert("additionalProperties".into(), schema);
        }
        _ => {}
    }
}

/// One `patternProperties` pattern → `additionalProperties` of its schema, where every other key
/// matches it: no other key is allowed (`additionalProperties: false`), or the object names no
/// property of its own (a map whose keys follow a pattern). Beside properties and open to
/// other keys (`x-` extensions next to `name`), a key that misses the pattern may hold
/// anything, so the other keys are free-form rather than failing the whole value. Several
/// patterns cannot be said in 3.0: dropped with a warning.
fn pattern_properties(map: &mut Map<String, Value>, notes: &mut Notes<'_>) {
    let Some(patterns) = map.remove("patternProperties") else { return };
    let Value::Object(patterns) = patterns else { return };
    let open = match map.get("additionalProperties") {
        None | Some(Value::Bool(_)) => true,
        Some(Value::Object(fields)) => fields.is_empty(),
        Some(_) => false,
    };
    let closed = map.get("additionalProperties") == Some(&Value::Bool(false));
    let named = map.get("properties").and_then(Value::as_object).is_some_and(|properties| !properties.is_empty());
    if patterns.len() == 1 && open {
        if let Some((_, schema)) = patterns.into_iter().next() {
            let schema = if closed || !named { schema } else { json!({}) };
            map.insert("additionalProperties".into(), schema);
        }
    } else if patterns.len() > 1 {
        notes.warn(
            "patternProperties",
            format!(
                "`patternProperties` with {} patterns cannot be expressed in OpenAPI 3.0; extra properties are free-form",
                patterns.len()
            ),
        );
    }
}
