//! Rust spellings of model types, as users read them in signatures (short paths, no `crate::`).
//! Two uses are the same Rust type exactly when they spell the same, since named types are
//! paired by name.

use crate::model::{Api, Field, Input, Operation, Response, Shape, TypeRef};

/// A type use: `Vec<i64>`, `Option<AccountInfoType>` comes from [`field`].
pub fn type_ref(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::I32 => "i32".into(),
        TypeRef::I64 => "i64".into(),
        TypeRef::U64 => "u64".into(),
        TypeRef::F64 => "f64".into(),
        TypeRef::Decimal => "Decimal".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTime(_) => "OffsetDateTime".into(),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Bytes => "Vec<u8>".into(),
        TypeRef::Named(id) => api.type_def(*id).map(|def| def.name.to_string()).unwrap_or_else(|| "?".into()),
        TypeRef::List(item) => format!("Vec<{}>", type_ref(api, item)),
        TypeRef::Tuple(items) => {
            let items: Vec<String> = items.iter().map(|item| type_ref(api, item)).collect();
            format!("({})", items.join(", "))
        }
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", type_ref(api, value)),
        TypeRef::Boxed(inner) => format!("Box<{}>", type_ref(api, inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", type_ref(api, inner)),
    }
}

/// The declared type of a struct field, wrapped as its shape says.
pub fn field(api: &Api, field: &Field) -> String {
    let inner = type_ref(api, &field.ty);
    match field.shape {
        Shape::Required => inner,
        Shape::Optional | Shape::Nullable => format!("Option<{inner}>"),
        Shape::OptionalNullable => format!("Option<Option<{inner}>>"),
    }
}

/// What `new` or a setter of a sent struct takes for a field (as `emit` spells it).
pub fn field_argument(api: &Api, field: &Field) -> String {
    match (field.shape, &field.ty) {
        (Shape::Nullable | Shape::OptionalNullable, ty) => format!("Option<{}>", type_ref(api, ty)),
        (_, TypeRef::String) => "impl Into<String>".into(),
        (_, TypeRef::Boxed(inner)) => type_ref(api, inner),
        (_, ty) => type_ref(api, ty),
    }
}

/// What a constructor argument or setter accepts.
pub fn argument(api: &Api, ty: &TypeRef, input: &Input) -> String {
    match (input, ty) {
        (Input::IntoString, _) => "impl Into<String>".into(),
        (Input::IntoBytes, _) => "impl Into<Vec<u8>>".into(),
        (Input::IntoFile, _) => "impl Into<FilePart>".into(),
        (Input::IntoFiles, _) => "impl IntoIterator<Item = impl Into<FilePart>>".into(),
        (Input::StringItems, _) => "impl IntoIterator<Item = impl Into<String>>".into(),
        (Input::Items, TypeRef::List(item)) => format!("impl IntoIterator<Item = {}>", type_ref(api, item)),
        _ => type_ref(api, ty),
    }
}

/// What a client method returns on success.
pub fn reply(api: &Api, response: &Response) -> String {
    match response {
        Response::Empty => "()".into(),
        Response::Json(ty) => type_ref(api, ty),
        Response::MaybeJson(ty) => format!("Option<{}>", type_ref(api, ty)),
        Response::Text => "String".into(),
        Response::Bytes => "Vec<u8>".into(),
        Response::ByStatus(id) => type_ref(api, &TypeRef::Named(*id)),
    }
}

/// `Request::new`, or the selection constructors when a rule replaces `new`: where required
/// arguments go.
pub fn constructors(operation: &Operation) -> String {
    let request = operation.request_type.as_str();
    match (&operation.constructors.new, &operation.constructors.selection) {
        (Some(new), _) => format!("`{request}::{new}`"),
        (None, Some(selection)) => {
            let names: Vec<String> =
                selection.members.iter().map(|member| format!("`{request}::{}`", member.constructor)).collect();
            names.join(", ")
        }
        (None, None) => format!("`{request}`'s constructors"),
    }
}

/// Where a parameter travels, in words.
pub fn location(location: crate::model::ParamLocation) -> &'static str {
    use crate::model::ParamLocation;
    match location {
        ParamLocation::Path => "the path",
        ParamLocation::Query => "the query string",
        ParamLocation::Header => "a header",
        ParamLocation::Cookie => "a cookie",
        ParamLocation::Form => "the form body",
        ParamLocation::Multipart => "the multipart body",
    }
}
