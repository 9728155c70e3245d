//! The vendor extensions this generator understands, read and validated in one place.
//!
//! | extension | where | meaning |
//! |---|---|---|
//! | `x-rust-crate` | root | package name of the generated crate |
//! | `x-error-envelope` | root | `{error, code, message, list?}`: a reply with key `error` is a failure |
//! | `x-error-codes` | root | `[{code, name, message, retryable?}]`: known error codes |
//! | `x-idempotent` | operation | `true`: safe to retry (default: GET/HEAD/PUT/DELETE/OPTIONS) |
//! | `x-at-least-one-of` | operation | parameter names of which at least one must be given |
//! | `x-exactly-one-of` | operation | parameter names of which exactly one must be given |
//! | `x-selectors` | operation | parameter names that get `by_<name>` shortcut constructors |
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

    pub(crate) fn idempotent(&mut self, ext: &Extensions, ptr: &str, http_method: HttpMethod) -> bool {
        match ext.get("x-idempotent") {
            None => http_method.is_idempotent(),
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.sink
                    .error(push(ptr, "x-idempotent"), format!("`x-idempotent` must be true or false, found {other}"));
                false
            }
        }
    }

    /// The operation's selection group, if it declares one (at most one of the extensions).
    pub(crate) fn raw_selection(&mut self, ext: &Extensions, ptr: &str) -> Option<RawSelection> {
        const RULES: [(&str, SelectionRule); 3] = [
            ("x-at-least-one-of", SelectionRule::AtLeastOne),
            ("x-exactly-one-of", SelectionRule::ExactlyOne),
            ("x-selectors", SelectionRule::Shortcuts),
        ];
        let declared: Vec<(&'static str, SelectionRule, &Value)> =
            RULES.iter().filter_map(|(name, rule)| ext.get(*name).map(|value| (*name, *rule, value))).collect();
        let [(extension, rule, value)] = declared.as_slice() else {
            if declared.len() > 1 {
                self.sink.error(
                    ptr,
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
                    push(ptr, extension),
                    format!("`{extension}` must list {least} or more parameter names, found {value}"),
                );
                None
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
            secret_fields: Vec::new(),
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
                            slot.insert(ErrorCodeDef { code, name: Ident::plain(name), message, retryable });
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
