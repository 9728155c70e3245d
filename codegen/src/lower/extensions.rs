//! The vendor extensions this generator understands, read and validated in one place.
//!
//! | extension | where | meaning |
//! |---|---|---|
//! | `x-rust-crate` | root | package name of the generated crate |
//! | `x-error-envelope` | root | `{error, code, message, list?}`: a reply with key `error` is a failure |
//! | `x-error-codes` | root | `[{code, name, message, retryable?, auth-failure?}]`: known error codes |
//! | `x-idempotent` | operation | `true`: safe to retry (default: GET/HEAD/PUT/DELETE/OPTIONS) |
//! | `x-at-least-one-of` | operation | parameter names of which at least one must be given |
//! | `x-exactly-one-of` | operation | parameter names of which exactly one must be given |
//! | `x-selectors` | operation | parameter names that get `by_<name>` shortcut constructors |
//! | `x-pagination` | operation | `{offset, limit, items, total?}`: offset paging |
//! | `x-delimiter` | array schema | the list travels as one value joined by this string |
//! | `x-all-value` | array schema | a literal the list also accepts meaning "every item" (e.g. `all`) |
//! | `x-enum-descriptions` | enum schema | `{value: text}`, or texts in `enum`'s order: docs per enum value |
//! | `x-service-account-jwt` | bearer security scheme | the client signs its own RS256 JWT |

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::Schema;
use serde_json::Value;

use super::Lowerer;
use super::names::shouty;
use crate::diagnostics::push;
use crate::model::{ErrorCodeDef, ErrorEnvelope, ErrorModel, HttpMethod, Ident, SelectionRule};

pub type Extensions = IndexMap<String, Value>;

/// A selection extension as written, before its names are checked against the operation.
pub struct RawSelection {
    pub extension: &'static str,
    pub rule: SelectionRule,
    pub members: Vec<String>,
}

/// `x-pagination` as written, before its names are checked against the operation.
pub struct RawPagination {
    pub offset: String,
    pub limit: String,
    pub items: String,
    pub total: Option<String>,
}

impl<'a> Lowerer<'a> {
    /// Docs per enum value: a `{value: text}` map, or a list beside `enum` (openapi-generator's
    /// form). Another shape is some other tool's: ignored, with a warning.
    pub(crate) fn enum_descriptions(&mut self, schema: &Schema, pointer: &str) -> BTreeMap<String, String> {
        let Some(value) = schema.schema_data.extensions.get("x-enum-descriptions") else { return BTreeMap::new() };
        let at = push(pointer, "x-enum-descriptions");
        match value {
            Value::Object(map) if map.values().all(Value::is_string) => map
                .iter()
                .map(|(enum_value, text)| (enum_value.clone(), text.as_str().unwrap_or_default().to_owned()))
                .collect(),
            Value::Array(texts) if texts.iter().all(Value::is_string) && texts.len() == written_enum(schema).len() => {
                written_enum(schema)
                    .into_iter()
                    .zip(texts.iter().filter_map(Value::as_str))
                    .map(|(enum_value, text)| (enum_value, text.to_owned()))
                    .collect()
            }
            _ => {
                self.sink.warning(
                    at,
                    "`x-enum-descriptions` is neither a map from each enum value to a string nor a list of strings beside `enum`; ignored",
                );
                BTreeMap::new()
            }
        }
    }

    pub(crate) fn delimiter(&mut self, extensions: &Extensions, pointer: &str) -> Option<String> {
        let value = extensions.get("x-delimiter")?;
        match value.as_str() {
            Some(delimiter) if !delimiter.is_empty() => Some(delimiter.to_owned()),
            _ => {
                self.sink.error(
                    push(pointer, "x-delimiter"),
                    format!("`x-delimiter` must be a non-empty string, found {value}"),
                );
                None
            }
        }
    }

    pub(crate) fn all_value(
        &mut self,
        extensions: &Extensions,
        ty: &crate::model::TypeRef,
        pointer: &str,
    ) -> Option<String> {
        let value = extensions.get("x-all-value")?;
        match (value.as_str(), ty) {
            (Some(literal), crate::model::TypeRef::List(_)) if !literal.is_empty() => Some(literal.to_owned()),
            _ => {
                self.sink.error(
                    push(pointer, "x-all-value"),
                    format!("`x-all-value` must be a non-empty string on an array parameter, found {value}"),
                );
                None
            }
        }
    }

    pub(crate) fn idempotent(&mut self, extensions: &Extensions, pointer: &str, http_method: HttpMethod) -> bool {
        match extensions.get("x-idempotent") {
            None => http_method.is_idempotent(),
            Some(Value::Bool(idempotent)) => *idempotent,
            Some(other) => {
                self.sink.error(
                    push(pointer, "x-idempotent"),
                    format!("`x-idempotent` must be true or false, found {other}"),
                );
                false
            }
        }
    }

    /// The operation's selection group, if it declares one (at most one of the extensions).
    pub(crate) fn raw_selection(&mut self, extensions: &Extensions, pointer: &str) -> Option<RawSelection> {
        const RULES: [(&str, SelectionRule); 3] = [
            ("x-at-least-one-of", SelectionRule::AtLeastOne),
            ("x-exactly-one-of", SelectionRule::ExactlyOne),
            ("x-selectors", SelectionRule::Shortcuts),
        ];
        let declared: Vec<(&'static str, SelectionRule, &Value)> =
            RULES.iter().filter_map(|(name, rule)| extensions.get(*name).map(|value| (*name, *rule, value))).collect();
        let [(extension, rule, value)] = declared.as_slice() else {
            if declared.len() > 1 {
                self.sink.error(
                    pointer,
                    "an operation can have only one of `x-at-least-one-of`, `x-exactly-one-of` and `x-selectors`",
                );
            }
            return None;
        };
        let names: Option<Vec<String>> =
            value.as_array().and_then(|items| items.iter().map(|name| name.as_str().map(str::to_owned)).collect());
        let least = if *rule == SelectionRule::Shortcuts { 1 } else { 2 };
        match names {
            Some(members) if members.len() >= least => Some(RawSelection { extension, rule: *rule, members }),
            _ => {
                self.sink.error(
                    push(pointer, extension),
                    format!("`{extension}` must list {least} or more parameter names, found {value}"),
                );
                None
            }
        }
    }

    pub(crate) fn raw_pagination(&mut self, extensions: &Extensions, pointer: &str) -> Option<RawPagination> {
        let value = extensions.get("x-pagination")?;
        let at = push(pointer, "x-pagination");
        let field = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        let unknown: Vec<&String> = value
            .as_object()
            .map(|object| {
                object.keys().filter(|key| !["offset", "limit", "items", "total"].contains(&key.as_str())).collect()
            })
            .unwrap_or_default();
        match (field("offset"), field("limit"), field("items")) {
            (Some(offset), Some(limit), Some(items))
                if unknown.is_empty() && value.get("total").is_none_or(Value::is_string) =>
            {
                Some(RawPagination { offset, limit, items, total: field("total") })
            }
            _ => {
                // Other tools use the name for other shapes: not ours, so not refused.
                self.sink.warning(
                    at,
                    format!("`x-pagination` is not {{offset: <param>, limit: <param>, items: <field>, total?: <field>}} with string values, found {value}; ignored (no paged stream)"),
                );
                None
            }
        }
    }

    pub(crate) fn error_model(&mut self) -> ErrorModel {
        let extensions = &self.doc.extensions;
        let envelope = extensions.get("x-error-envelope").cloned();
        let codes = extensions.get("x-error-codes").cloned();
        ErrorModel {
            envelope: envelope.and_then(|value| self.envelope(&value)),
            codes: codes.map(|value| self.error_codes(&value)).unwrap_or_default(),
            secret_fields: Vec::new(),
        }
    }

    fn envelope(&mut self, value: &Value) -> Option<ErrorEnvelope> {
        let key = |name: &str| value.get(name).and_then(Value::as_str).filter(|key| !key.is_empty()).map(str::to_owned);
        match (key("error"), key("code"), key("message")) {
            (Some(error), Some(code), Some(message)) if value.get("list").is_none_or(Value::is_string) => {
                Some(ErrorEnvelope { error, code, message, list: key("list") })
            }
            _ => {
                self.sink.error(
                    "#/x-error-envelope",
                    format!("`x-error-envelope` must be {{error: <key>, code: <key>, message: <key>, list?: <key>}}, found {value}"),
                );
                None
            }
        }
    }

    fn error_codes(&mut self, value: &Value) -> Vec<ErrorCodeDef> {
        let Some(items) = value.as_array() else {
            self.sink.error("#/x-error-codes", "`x-error-codes` must be a list of {code, name, message, retryable?}");
            return Vec::new();
        };
        let mut by_code = BTreeMap::new();
        let mut names = std::collections::BTreeSet::new();
        for (index, item) in items.iter().enumerate() {
            let at = push("#/x-error-codes", index);
            let code = item.get("code").and_then(Value::as_i64);
            let name = item.get("name").and_then(Value::as_str).map(shouty);
            let message = item.get("message").and_then(Value::as_str).unwrap_or_default().to_owned();
            let retryable = item.get("retryable").map(Value::as_bool);
            let auth_failure = item.get("auth-failure").map(Value::as_bool);
            match (code, name, retryable, auth_failure) {
                (Some(code), Some(name), None | Some(Some(_)), None | Some(Some(_))) => {
                    let retryable = retryable.flatten().unwrap_or(false);
                    let auth_failure = auth_failure.flatten().unwrap_or(false);
                    if let std::collections::btree_map::Entry::Vacant(slot) = by_code.entry(code) {
                        if names.insert(name.clone()) {
                            slot.insert(ErrorCodeDef { code, name: Ident::plain(name), message, retryable, auth_failure });
                        } else {
                            self.sink.error(push(&at, "name"), format!("error code name `{name}` is used twice"));
                        }
                    } else {
                        self.sink.error(push(&at, "code"), format!("error code {code} is listed twice"));
                    }
                }
                _ => self.sink.error(at, format!("an error code needs an integer `code`, a string `name` and optional booleans `retryable` and `auth-failure`, found {item}")),
            }
        }
        by_code.into_values().collect()
    }
}

/// The values of a schema's `enum` as written, in order, as text (`null` for a null).
fn written_enum(schema: &Schema) -> Vec<String> {
    use openapiv3::{SchemaKind, Type};
    let text = |value: Option<String>| value.unwrap_or_else(|| "null".to_owned());
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.iter().cloned().map(text).collect(),
        SchemaKind::Type(Type::Integer(integer)) => {
            integer.enumeration.iter().map(|value| text(value.map(|value| value.to_string()))).collect()
        }
        SchemaKind::Type(Type::Number(number)) => {
            number.enumeration.iter().map(|value| text(value.map(|value| value.to_string()))).collect()
        }
        SchemaKind::Any(any) => any
            .enumeration
            .iter()
            .map(|value| match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}
