//! Parameters from every location (path, query, header, cookie, form and multipart body
//! fields): their type, what setters accept, and how they travel.

use openapiv3::{MediaType, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, Schema};

use super::names::{Namer, pascal, snake};
use super::{Lowerer, docs};
use crate::diagnostics::push;
use crate::model::{AllValue, Encoding, Ident, Input, Param, ParamLocation, TextForm, TypeKind, TypeRef};

/// Headers OpenAPI says to ignore as parameters: the client sets them itself.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

impl<'a> Lowerer<'a> {
    pub(crate) fn parameter(
        &mut self,
        parameter: &'a Parameter,
        operation: &str,
        pointer: &str,
        names: &mut Namer,
    ) -> Option<Param> {
        let data = parameter.parameter_data_ref();
        let location = match parameter {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => ParamLocation::Cookie,
        };
        if location == ParamLocation::Header && IGNORED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str()) {
            return None;
        }
        let (schema, json_content) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => (schema, false),
            ParameterSchemaOrContent::Content(content) => {
                match content.iter().find_map(|(media, value)| value.schema.as_ref().map(|schema| (media, schema))) {
                    Some((media, schema)) => (schema, super::bodies::is_json(media)),
                    None => {
                        self.sink.error(
                            pointer,
                            format!("parameter `{}` has neither `schema` nor a `content` schema", data.name),
                        );
                        return None;
                    }
                }
            }
        };
        let ty = self.type_of(schema, &format!("{operation}{}", pascal(&data.name)), &push(pointer, "schema"));
        // Text on the wire has no `null`: a list parameter's nullable items are plain items.
        let ty = match ty {
            TypeRef::List(item) => match *item {
                TypeRef::Nullable(inner) => TypeRef::List(inner),
                item => TypeRef::List(Box::new(item)),
            },
            ty => ty,
        };
        let target = self.schema_target(schema);
        let extensions = target.map(|target| &target.schema_data.extensions);
        let delimiter = match extensions {
            Some(extensions) if extensions.contains_key("x-delimiter") => {
                self.delimiter(extensions, &push(pointer, "schema"))
            }
            _ => None,
        };
        let explode = data.explode;
        let encoding = if json_content {
            Encoding::JsonText
        } else {
            match parameter {
                Parameter::Query { style, .. } => {
                    let explode = explode.unwrap_or(matches!(style, QueryStyle::Form));
                    let list_delimiter = match style {
                        QueryStyle::Form if explode => None,
                        QueryStyle::Form => Some(","),
                        QueryStyle::SpaceDelimited => Some(" "),
                        QueryStyle::PipeDelimited => Some("|"),
                        QueryStyle::DeepObject => None,
                    };
                    let object = match style {
                        QueryStyle::DeepObject => Encoding::DeepObject,
                        _ if explode => Encoding::Exploded,
                        _ => Encoding::SimpleObject { explode: false },
                    };
                    self.encoding(&ty, delimiter.as_deref().or(list_delimiter), object)
                }
                Parameter::Path { style, .. } => {
                    let explode = explode.unwrap_or(false);
                    // RFC 6570: `label` lists exploded are `.a.b`; an exploded `matrix` list
                    // (`;id=a;id=b`) is sent unexploded (`;id=a,b`), which servers read alike.
                    let list_delimiter = match style {
                        PathStyle::Label if explode => ".",
                        _ => ",",
                    };
                    if matches!(style, PathStyle::Matrix) && explode && matches!(ty, TypeRef::List(_)) {
                        self.sink.warning(
                            pointer,
                            format!("path parameter `{}`: an exploded `matrix` list is sent unexploded", data.name),
                        );
                    }
                    self.encoding(
                        &ty,
                        Some(delimiter.as_deref().unwrap_or(list_delimiter)),
                        Encoding::SimpleObject { explode },
                    )
                }
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
                    let explode = explode.unwrap_or(false);
                    self.encoding(&ty, Some(delimiter.as_deref().unwrap_or(",")), Encoding::SimpleObject { explode })
                }
            }
        };
        let all = match extensions {
            Some(extensions) if extensions.contains_key("x-all-value") => {
                self.all_value(extensions, &ty, &push(pointer, "schema"))
            }
            _ => None,
        };
        let base_docs = target.map(docs::of_schema).unwrap_or_default();
        let mut param_docs = docs::overlay(base_docs, data.description.as_deref(), data.deprecated.unwrap_or(false));
        if matches!(ty, TypeRef::Named(_)) {
            param_docs.notes.retain(|note| !note.starts_with("Allowed values"));
        }
        Some(Param {
            name: param_name(names, &data.name, location),
            wire_name: data.name.clone(),
            location,
            input: input(&ty),
            required: data.required || location == ParamLocation::Path,
            encoding,
            all: all.map(all_value),
            secret: docs::is_secret(target),
            default: docs::default_of(target),
            prefix: match parameter {
                Parameter::Path { style: PathStyle::Label, .. } => ".".to_owned(),
                Parameter::Path { style: PathStyle::Matrix, .. } => format!(";{}=", data.name),
                _ => String::new(),
            },
            reserved: false,
            docs: param_docs,
            ty,
        })
    }

    /// How a value of `ty` travels in a parameter: text (joined or repeated for lists), or
    /// `object` for structures.
    fn encoding(&mut self, ty: &TypeRef, list_delimiter: Option<&str>, object: Encoding) -> Encoding {
        match ty {
            TypeRef::List(item) if self.has_text_form(item, 0) && !matches!(**item, TypeRef::List(_)) => {
                let item = text_form(item);
                match list_delimiter {
                    Some(delimiter) => Encoding::Joined { delimiter: delimiter.to_owned(), item },
                    None => Encoding::Repeated(item),
                }
            }
            _ if self.has_text_form(ty, 0) => Encoding::Text(text_form(ty)),
            _ => object,
        }
    }

    /// Scalars, enums, aliases and unions of them travel as text.
    pub(crate) fn has_text_form(&self, ty: &TypeRef, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        match ty {
            TypeRef::Named(id) => match self.kind(*id) {
                Some(TypeKind::Enum(_) | TypeKind::IntEnum(_)) => true,
                Some(TypeKind::Alias(inner)) => self.has_text_form(inner, depth + 1),
                Some(TypeKind::Union(union)) => union.variants.iter().all(|variant| {
                    !matches!(variant.ty, TypeRef::List(_) | TypeRef::DateTime(_))
                        && self.has_text_form(&variant.ty, depth + 1)
                }),
                _ => false,
            },
            TypeRef::List(_)
            | TypeRef::Tuple(_)
            | TypeRef::Json
            | TypeRef::Map(_)
            | TypeRef::Boxed(_)
            | TypeRef::Nullable(_)
            | TypeRef::Bytes => false,
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::U64
            | TypeRef::F64
            | TypeRef::Decimal
            | TypeRef::Date
            | TypeRef::DateTime(_) => true,
        }
    }

    /// The fields of a form or multipart body, as parameters.
    pub(crate) fn form_fields(
        &mut self,
        media: &'a MediaType,
        location: ParamLocation,
        pointer: &str,
        operation: &str,
        names: &mut Namer,
    ) -> Vec<Param> {
        let mut params = Vec::new();
        let Some(schema) = media.schema.as_ref() else { return params };
        let Some(target) = self.schema_target(schema) else {
            self.sink.error(pointer, "form body schema does not resolve to an object");
            return params;
        };
        let (properties, required) = match &target.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) => (&object.properties, &object.required),
            openapiv3::SchemaKind::Any(any) if !any.properties.is_empty() => (&any.properties, &any.required),
            _ => {
                self.sink.error(pointer, "a form body must be an object with `properties`");
                return params;
            }
        };
        for (field, property) in properties {
            let at = push(&push(pointer, "properties"), field);
            let property_schema: Option<&Schema> = self.boxed_target(property);
            let inner = self.through_annotations(property_schema);
            let binary = super::bodies::is_binary(inner);
            let binary_items = match inner.map(|schema| &schema.schema_kind) {
                Some(openapiv3::SchemaKind::Type(openapiv3::Type::Array(array))) => array
                    .items
                    .as_ref()
                    .is_some_and(|items| super::bodies::is_binary(self.through_annotations(self.boxed_target(items)))),
                _ => false,
            };
            let ty = if binary && location == ParamLocation::Multipart {
                TypeRef::Bytes
            } else if binary_items && location == ParamLocation::Multipart {
                TypeRef::List(Box::new(TypeRef::Bytes))
            } else {
                self.type_of_boxed(property, &format!("{operation}{}", pascal(field)), &at)
            };
            let style = media.encoding.get(field).and_then(|encoding| encoding.style.as_ref());
            let delimiter = match property_schema {
                Some(schema) => self.delimiter(&schema.schema_data.extensions, &at),
                None => None,
            };
            let encoding = match (location, &ty) {
                (ParamLocation::Multipart, TypeRef::Bytes) => Encoding::File,
                (ParamLocation::Multipart, TypeRef::List(item)) if **item == TypeRef::Bytes => Encoding::Files,
                (ParamLocation::Multipart, _) => self.encoding(&ty, delimiter.as_deref(), Encoding::JsonText),
                _ if matches!(style, Some(QueryStyle::DeepObject)) => {
                    self.encoding(&ty, delimiter.as_deref(), Encoding::DeepObject)
                }
                // Free-form JSON with no `encoding` to say otherwise goes as JSON text, the
                // Encoding Object's default for an object (Twilio's `SinkConfiguration`):
                // exploding it would scatter its unknown keys among the form's own fields.
                (_, TypeRef::Json | TypeRef::Map(_)) if style.is_none() => Encoding::JsonText,
                _ => self.encoding(&ty, delimiter.as_deref(), Encoding::Exploded),
            };
            let all = match property_schema.map(|schema| &schema.schema_data.extensions) {
                Some(extensions) if extensions.contains_key("x-all-value") => self.all_value(extensions, &ty, &at),
                _ => None,
            };
            let mut field_docs = property_schema.map(docs::of_schema).unwrap_or_default();
            if matches!(ty, TypeRef::Named(_)) {
                field_docs.notes.retain(|note| !note.starts_with("Allowed values"));
            }
            params.push(Param {
                name: param_name(names, field, location),
                wire_name: field.clone(),
                location,
                input: match encoding {
                    Encoding::File => Input::IntoFile,
                    Encoding::Files => Input::IntoFiles,
                    _ => input(&ty),
                },
                required: required.contains(field),
                encoding,
                all: all.map(all_value),
                secret: docs::is_secret(property_schema),
                default: docs::default_of(property_schema),
                prefix: String::new(),
                reserved: false,
                docs: field_docs,
                ty,
            });
        }
        params
    }
}

/// A parameter's Rust name: its wire name in snake case. When a parameter in another location
/// has that name (`id` in the path and in the query, a form field named like a query
/// parameter), the location tells them apart (`id_query`, `name_form`) rather than a bare number.
fn param_name(names: &mut Namer, wire_name: &str, location: ParamLocation) -> Ident {
    let place = match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
        ParamLocation::Form => "form",
        ParamLocation::Multipart => "part",
    };
    let wanted = snake(wire_name);
    match names.group_of(&wanted) {
        Some(other) if other != place => names.unique_in(&format!("{wanted}_{place}"), place),
        // A setter named `add` reads as `std::ops::Add::add`: the location names it instead.
        _ if super::reserved::OPERATOR_METHODS.contains(&wanted.as_str()) => {
            names.unique_in(&format!("{wanted}_{place}"), place)
        }
        _ => names.unique_in(&wanted, place),
    }
}

/// A path parameter the template names but the spec never declares: a required string, which
/// is what a template variable is at the least.
pub(crate) fn undeclared_path_param(wire_name: &str, names: &mut Namer) -> Param {
    Param {
        name: param_name(names, wire_name, ParamLocation::Path),
        wire_name: wire_name.to_owned(),
        location: ParamLocation::Path,
        ty: TypeRef::String,
        required: true,
        input: Input::IntoString,
        encoding: Encoding::Text(TextForm::Plain),
        all: None,
        secret: false,
        default: None,
        prefix: String::new(),
        reserved: false,
        docs: crate::model::Docs {
            notes: vec!["Not declared by the spec; named by the path template.".into()],
            ..crate::model::Docs::default()
        },
    }
}

/// What a setter of `ty` accepts.
pub(crate) fn input(ty: &TypeRef) -> Input {
    match ty {
        TypeRef::Bytes => Input::IntoBytes,
        TypeRef::String => Input::IntoString,
        TypeRef::List(item) if **item == TypeRef::String => Input::StringItems,
        TypeRef::List(_) => Input::Items,
        _ => Input::Value,
    }
}

/// The `x-all-value` literal; its name is allocated with the operation's other derived names.
fn all_value(literal: String) -> AllValue {
    AllValue { literal, name: Ident::plain(String::new()) }
}

fn text_form(ty: &TypeRef) -> TextForm {
    match ty {
        TypeRef::DateTime(format) => TextForm::DateTime(*format),
        _ => TextForm::Plain,
    }
}
