//! `Serialize` and `Deserialize` of structs, written out instead of derived: a struct is read
//! as a JSON object only, its keys looked up in one shared runtime table, and written as a map.
//! The derive would add a field enum with three visitors and an array form per struct, which
//! is most of what rustc spends its time on in a generated crate. Their shape never varies,
//! so they are written as text (see [`super::text`]).

use super::text::{Lines, Scope, ident, literal, type_text};
use crate::model::{Adapter, Api, DateTimeFormat, Field, Shape, Struct};

/// The runtime newtype that carries a field's wire format, if it has one.
fn wire_format(adapter: Option<Adapter>) -> Option<String> {
    let (name, option) = match adapter? {
        Adapter::Date { option } => ("Day", option),
        Adapter::DateTime { format: DateTimeFormat::SpaceSeparatedUtc, option } => ("Timestamp", option),
        Adapter::DateTime { format: DateTimeFormat::Rfc3339, option } => ("Rfc3339", option),
        Adapter::AbsentOrNull => return None,
    };
    let optional = if option { "Optional" } else { "" };
    Some(format!("crate::runtime::wire_time::{optional}{name}"))
}

/// Writes the fields as a map: optional fields only when set, nullable ones as `null`. `gate`
/// is the `cfg` line the impl sits behind, if any.
pub fn serialize(out: &mut Lines, type_name: &str, structure: &Struct, gate: Option<&str>) {
    if let Some(gate) = gate {
        out.line(gate);
    }
    out.open(&format!("impl serde::Serialize for {type_name} {{"));
    out.open("fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {");
    out.line("use serde::ser::SerializeMap as _;");
    out.line("let mut map = serializer.serialize_map(None)?;");
    for field in &structure.fields {
        let name = ident(&field.name);
        let key = literal(&field.wire_name);
        match (field.shape, wire_format(field.adapter)) {
            (Shape::Optional, Some(format)) => {
                out.open(&format!("if let Some(value) = self.{name} {{"));
                out.line(&format!("map.serialize_entry({key}, &{format}(Some(value)))?;"));
                out.close("}");
            }
            (_, Some(format)) => out.line(&format!("map.serialize_entry({key}, &{format}(self.{name}))?;")),
            (Shape::Optional | Shape::OptionalNullable, None) => {
                out.open(&format!("if let Some(value) = &self.{name} {{"));
                out.line(&format!("map.serialize_entry({key}, value)?;"));
                out.close("}");
            }
            (Shape::Required | Shape::Nullable, None) => {
                out.line(&format!("map.serialize_entry({key}, &self.{name})?;"))
            }
        }
    }
    if let Some(additional) = &structure.additional {
        out.open(&format!("for (key, value) in &self.{} {{", ident(&additional.name)));
        out.line("map.serialize_entry(key, value)?;");
        out.close("}");
    }
    out.line("map.end()");
    out.close("}");
    out.close("}");
}

/// Reads a JSON object: known keys by position, unknown ones ignored (or kept in the struct's
/// map of other keys), a missing required field an error naming it.
pub fn deserialize(out: &mut Lines, api: &Api, type_name: &str, structure: &Struct) {
    out.open(&format!("impl<'de> serde::Deserialize<'de> for {type_name} {{"));
    out.open("fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {");
    out.line("struct Visitor;");
    out.blank();
    out.open("impl<'de> serde::de::Visitor<'de> for Visitor {");
    out.line(&format!("type Value = {type_name};"));
    out.blank();
    out.open("fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    out.line(&format!("formatter.write_str({})", literal(&format!("a `{type_name}` object"))));
    out.close("}");
    out.blank();
    out.open("fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {");
    if structure.fields.is_empty() && structure.additional.is_none() {
        out.open("while map.next_key::<serde::de::IgnoredAny>()?.is_some() {");
        out.line("map.next_value::<serde::de::IgnoredAny>()?;");
        out.close("}");
        out.line(&format!("Ok({type_name} {{}})"));
    } else {
        visit_fields(out, api, type_name, structure);
    }
    out.close("}");
    out.close("}");
    out.blank();
    out.line("deserializer.deserialize_map(Visitor)");
    out.close("}");
    out.close("}");
}

/// The body of `visit_map` for a struct with fields or other keys.
fn visit_fields(out: &mut Lines, api: &Api, type_name: &str, structure: &Struct) {
    let other = structure.additional.as_ref().map(|additional| ident(&additional.name));
    // Known keys come back as `Some(position)` (or `Ok(position)` when other keys are kept).
    let (seed, known) = match other {
        Some(_) => ("KeysOrOther", "Ok"),
        None => ("Keys", "Some"),
    };
    // Only the arms of known keys store in slots.
    if !structure.fields.is_empty() {
        out.line("use crate::runtime::wire::Slot as _;");
    }
    let keys: Vec<String> = structure.fields.iter().map(|field| literal(&field.wire_name)).collect();
    out.list(&format!("let mut keys = crate::runtime::wire::{seed}::new(&["), &keys, "]);");
    // A slot's type is the one its key's arm reads.
    for index in 0..structure.fields.len() {
        out.line(&format!("let mut field{index} = None;"));
    }
    if let Some(other) = &other {
        out.line(&format!("let mut {other} = std::collections::BTreeMap::new();"));
    }
    out.open("while let Some(key) = map.next_key_seed(&mut keys)? {");
    out.open("match key {");
    for (index, field) in structure.fields.iter().enumerate() {
        out.line(&format!("{known}({index}) => field{index}.store({}),", read_value(api, field)));
    }
    match &other {
        Some(other) => {
            out.open("Err(key) => {");
            out.line(&format!("{other}.insert(key, map.next_value()?);"));
            out.close("}");
            out.open("Ok(_) => {");
        }
        None => out.open("_ => {"),
    }
    out.line("map.next_value::<serde::de::IgnoredAny>()?;");
    out.close("}");
    out.close("}");
    out.close("}");
    out.open(&format!("Ok({type_name} {{"));
    for (index, field) in structure.fields.iter().enumerate() {
        let name = ident(&field.name);
        let value = match field.shape {
            Shape::Required => format!("crate::runtime::wire::required(field{index}, {})?", literal(&field.wire_name)),
            // Absent reads as `None`; for absent-or-null, null is `Some(None)`.
            Shape::OptionalNullable if field.adapter == Some(Adapter::AbsentOrNull) => format!("field{index}"),
            Shape::Optional | Shape::Nullable | Shape::OptionalNullable => format!("field{index}.flatten()"),
        };
        // A field named like its slot (`field2`) is written in shorthand (clippy's
        // `redundant_field_names`).
        if value == name {
            out.line(&format!("{name},"));
        } else {
            out.line(&format!("{name}: {value},"));
        }
    }
    if let Some(other) = &other {
        out.line(&format!("{other},"));
    }
    out.close("})");
}

/// Reads one field's value (its wire format through the runtime's newtype).
fn read_value(api: &Api, field: &Field) -> String {
    match wire_format(field.adapter) {
        Some(format) => format!("map.next_value::<{format}>()?.0"),
        None => {
            let ty = type_text(api, &field.ty, Scope::Types);
            match field.shape {
                Shape::Required => format!("map.next_value::<{ty}>()?"),
                Shape::Optional | Shape::Nullable | Shape::OptionalNullable => {
                    format!("map.next_value::<Option<{ty}>>()?")
                }
            }
        }
    }
}
