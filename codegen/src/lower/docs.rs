//! Gathering documentation: description, default, allowed values, deprecation.

use openapiv3::{Schema, SchemaKind, Type};

use crate::model::Docs;

/// Docs of a schema node (a type, a field or a parameter's schema).
pub fn of_schema(schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    let mut docs = Docs {
        summary: data.title.clone().filter(|title| !title.trim().is_empty()),
        description: data.description.clone().filter(|text| !text.trim().is_empty()),
        notes: Vec::new(),
        deprecated: data.deprecated,
    };
    add_value_notes(&mut docs, schema);
    docs
}

/// Default and allowed values of a schema, as doc notes.
pub fn add_value_notes(docs: &mut Docs, schema: &Schema) {
    if let Some(default) = &schema.schema_data.default {
        docs.notes.push(format!("Default: {}", code(&render(default))));
    }
    let allowed: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            string.enumeration.iter().flatten().map(|value| code(value)).collect()
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            integer.enumeration.iter().flatten().map(|value| code(&value.to_string())).collect()
        }
        SchemaKind::Type(Type::Number(number)) => {
            number.enumeration.iter().flatten().map(|value| code(&value.to_string())).collect()
        }
        SchemaKind::Any(any) => any.enumeration.iter().map(|value| code(&render(value))).collect(),
        _ => Vec::new(),
    };
    if !allowed.is_empty() {
        docs.notes.push(format!("Allowed values: {}.", allowed.join(", ")));
    }
}

/// A markdown code span that survives backticks, newlines and emptiness in the value.
pub fn code(value: &str) -> String {
    let value = value.replace(['\n', '\r'], " ");
    if value.trim().is_empty() {
        return format!("`{value:?}`");
    }
    if value.contains('`') { format!("`` {value} ``") } else { format!("`{value}`") }
}

/// A JSON value as a user would type it: strings without quotes.
pub fn render(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Merges docs written at a use site (a parameter's own description) over the schema's.
pub fn overlay(mut base: Docs, description: Option<&str>, deprecated: bool) -> Docs {
    if let Some(text) = description.filter(|text| !text.trim().is_empty()) {
        base.description = Some(text.to_owned());
    }
    base.deprecated |= deprecated;
    base
}

/// `format: password`: a value to keep out of logs.
pub fn is_secret(schema: Option<&Schema>) -> bool {
    matches!(
        schema.map(|schema| &schema.schema_kind),
        Some(SchemaKind::Type(Type::String(openapiv3::StringType {
            format: openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password),
            ..
        })))
    )
}

/// The schema's `default`, as JSON text.
pub fn default_of(schema: Option<&Schema>) -> Option<String> {
    schema.and_then(|schema| schema.schema_data.default.as_ref()).map(ToString::to_string)
}
