//! The vendor extensions this generator understands, read and validated in one place.
//!
//! | extension | where | meaning |
//! |---|---|---|
//! | `x-rust-crate` | root | package name of the generated crate |
//! | `x-error-envelope` | root | `{error, code, message, list?}`: a reply with key `error` is a failure |
//! | `x-error-codes` | root | `[{code, name, message, retryable?}]`: known error codes |
//! | `x-idempotent` | operation | `true`: safe to retry (default: GET/HEAD/PUT/DELETE/OPTIONS) |
//! | `x-at-least-one-of` | operation | parameter names of which at least one must be given |
//! | `x-pagination` | operation | `{offset, limit, items, total?}`: offset paging |
//! | `x-delimiter` | array schema | the list travels as one value joined by this string |
//! | `x-all-value` | array schema | a literal the list also accepts meaning "every item" (e.g. `all`) |
//! | `x-enum-descriptions` | enum schema | `{value: text}`: docs per enum value |
//! | `x-service-account-jwt` | bearer security scheme | the client signs its own RS256 JWT |

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::Schema;
use serde_json::Value;

use super::Lowerer;
use super::names::shouty;
use crate::diagnostics::push;
use crate::model::{ErrorCodeDef, ErrorEnvelope, ErrorModel};

pub type Extensions = IndexMap<String, Value>;

/// `x-pagination` as written, before its names are checked against the operation.
pub struct RawPagination {
    pub offset: String,
    pub limit: String,
    pub items: String,
    pub total: Option<String>,
}

impl<'a> Lowerer<'a> {
    pub(crate) fn enum_descriptions(&mut self, s: &Schema, ptr: &str) -> BTreeMap<String, String> {
        let Some(v) = s.schema_data.extensions.get("x-enum-descriptions") else { return BTreeMap::new() };
        let at = push(ptr, "x-enum-descriptions");
        match v.as_object() {
            Some(map) if map.values().all(Value::is_string) => {
                map.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect()
            }
            _ => {
                self.sink.error(at, "`x-enum-descriptions` must map each enum value to a string");
                BTreeMap::new()
            }
        }
    }

    pub(crate) fn delimiter(&mut self, ext: &Extensions, ptr: &str) -> Option<String> {
        let v = ext.get("x-delimiter")?;
        match v.as_str() {
            Some(d) if !d.is_empty() => Some(d.to_owned()),
            _ => {
                self.sink
                    .error(push(ptr, "x-delimiter"), format!("`x-delimiter` must be a non-empty string, found {v}"));
                None
            }
        }
    }

    pub(crate) fn all_value(&mut self, ext: &Extensions, ty: &crate::model::TypeRef, ptr: &str) -> Option<String> {
        let v = ext.get("x-all-value")?;
        match (v.as_str(), ty) {
            (Some(s), crate::model::TypeRef::List(_)) if !s.is_empty() => Some(s.to_owned()),
            _ => {
                self.sink.error(
                    push(ptr, "x-all-value"),
                    format!("`x-all-value` must be a non-empty string on an array parameter, found {v}"),
                );
                None
            }
        }
    }

    pub(crate) fn idempotent(&mut self, ext: &Extensions, ptr: &str, http_method: &str) -> bool {
        match ext.get("x-idempotent") {
            None => matches!(http_method, "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS"),
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.sink
                    .error(push(ptr, "x-idempotent"), format!("`x-idempotent` must be true or false, found {other}"));
                false
            }
        }
    }

    pub(crate) fn at_least_one_of(&mut self, ext: &Extensions, ptr: &str) -> Vec<String> {
        let Some(v) = ext.get("x-at-least-one-of") else { return Vec::new() };
        let names: Option<Vec<String>> =
            v.as_array().and_then(|a| a.iter().map(|n| n.as_str().map(str::to_owned)).collect());
        match names {
            Some(n) if n.len() >= 2 => n,
            _ => {
                self.sink.error(
                    push(ptr, "x-at-least-one-of"),
                    format!("`x-at-least-one-of` must list two or more parameter names, found {v}"),
                );
                Vec::new()
            }
        }
    }

    pub(crate) fn raw_pagination(&mut self, ext: &Extensions, ptr: &str) -> Option<RawPagination> {
        let v = ext.get("x-pagination")?;
        let at = push(ptr, "x-pagination");
        let field = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let unknown: Vec<&String> = v
            .as_object()
            .map(|o| o.keys().filter(|k| !["offset", "limit", "items", "total"].contains(&k.as_str())).collect())
            .unwrap_or_default();
        match (field("offset"), field("limit"), field("items")) {
            (Some(offset), Some(limit), Some(items))
                if unknown.is_empty() && v.get("total").is_none_or(Value::is_string) =>
            {
                Some(RawPagination { offset, limit, items, total: field("total") })
            }
            _ => {
                self.sink.error(
                    at,
                    format!("`x-pagination` must be {{offset: <param>, limit: <param>, items: <field>, total?: <field>}} with string values, found {v}"),
                );
                None
            }
        }
    }

    pub(crate) fn error_model(&mut self) -> ErrorModel {
        let ext = &self.doc.extensions;
        let envelope = ext.get("x-error-envelope").cloned();
        let codes = ext.get("x-error-codes").cloned();
        ErrorModel {
            envelope: envelope.and_then(|v| self.envelope(&v)),
            codes: codes.map(|v| self.error_codes(&v)).unwrap_or_default(),
        }
    }

    fn envelope(&mut self, v: &Value) -> Option<ErrorEnvelope> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
        match (s("error"), s("code"), s("message")) {
            (Some(error), Some(code), Some(message)) if v.get("list").is_none_or(Value::is_string) => {
                Some(ErrorEnvelope { error, code, message, list: s("list") })
            }
            _ => {
                self.sink.error(
                    "#/x-error-envelope",
                    format!("`x-error-envelope` must be {{error: <key>, code: <key>, message: <key>, list?: <key>}}, found {v}"),
                );
                None
            }
        }
    }

    fn error_codes(&mut self, v: &Value) -> Vec<ErrorCodeDef> {
        let Some(items) = v.as_array() else {
            self.sink.error("#/x-error-codes", "`x-error-codes` must be a list of {code, name, message, retryable?}");
            return Vec::new();
        };
        let mut by_code = BTreeMap::new();
        let mut names = std::collections::BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let at = push("#/x-error-codes", i);
            let code = item.get("code").and_then(Value::as_i64);
            let name = item.get("name").and_then(Value::as_str).map(shouty);
            let message = item.get("message").and_then(Value::as_str).unwrap_or_default().to_owned();
            let retryable = item.get("retryable").map(Value::as_bool);
            match (code, name, retryable) {
                (Some(code), Some(name), None | Some(Some(_))) => {
                    let retryable = retryable.flatten().unwrap_or(false);
                    if let std::collections::btree_map::Entry::Vacant(slot) = by_code.entry(code) {
                        if names.insert(name.clone()) {
                            slot.insert(ErrorCodeDef { code, name, message, retryable });
                        } else {
                            self.sink.error(push(&at, "name"), format!("error code name `{name}` is used twice"));
                        }
                    } else {
                        self.sink.error(push(&at, "code"), format!("error code {code} is listed twice"));
                    }
                }
                _ => self.sink.error(at, format!("an error code needs an integer `code`, a string `name` and an optional boolean `retryable`, found {item}")),
            }
        }
        by_code.into_values().collect()
    }
}
