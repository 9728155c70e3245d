//! Request bodies, success replies and documented error replies.

use openapiv3::{ReferenceOr, RequestBody, Schema, StatusCode};

use super::Lowerer;
use super::names::Namer;
use crate::diagnostics::push;
use crate::model::{
    Body, BodyMedia, Docs, ErrorStatus, ErrorVariant, Input, Param, ParamLocation, Response, TypeId, TypeKind, TypeRef,
};

impl<'a> Lowerer<'a> {
    /// A JSON, text or binary body, or form/multipart fields added to `params`.
    pub(crate) fn request_body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        operation: &str,
        pointer: &str,
        names: &mut Namer,
        params: &mut Vec<Param>,
    ) -> Option<Body> {
        let body =
            self.resolve(body, "requestBodies", |doc| doc.components.as_ref().map(|c| &c.request_bodies), pointer)?;
        let content = push(pointer, "content");
        let description = body.description.clone().filter(|text| !text.trim().is_empty());
        if let Some((media, media_type)) = self.json_media(&body.content) {
            let at = push(&push(&content, media), "schema");
            let ty = match media_type.schema.as_ref() {
                Some(schema) => {
                    let ty = self.type_of(schema, &format!("{operation}Body"), &at);
                    self.describe_inline(schema, &ty, format!("The request body of `{operation}`."));
                    ty
                }
                None => TypeRef::Json,
            };
            let docs = Docs { description, ..Docs::default() };
            return Some(Body {
                input: Input::Value,
                ty,
                media: BodyMedia::Json,
                required: body.required,
                name: names.unique("body"),
                docs,
            });
        }
        let form = body.content.iter().find(|(media, _)| media.starts_with("application/x-www-form-urlencoded"));
        let multipart = body.content.iter().find(|(media, _)| media.starts_with("multipart/form-data"));
        let fields =
            form.map(|found| (found, ParamLocation::Form)).or(multipart.map(|found| (found, ParamLocation::Multipart)));
        if let Some(((media, media_type), location)) = fields {
            let at = push(&push(&content, media), "schema");
            if let Some(schema) = media_type.schema.as_ref().filter(|schema| !self.has_properties(schema)) {
                // Not a plain object (a union, a composition): the value's top-level keys
                // become the fields, whatever alternative it is.
                let ty = self.type_of(schema, &format!("{operation}Body"), &at);
                self.describe_inline(schema, &ty, format!("The request body of `{operation}`."));
                let media =
                    if location == ParamLocation::Form { BodyMedia::FormObject } else { BodyMedia::MultipartObject };
                let docs = Docs { description, ..Docs::default() };
                return Some(Body {
                    input: Input::Value,
                    ty,
                    media,
                    required: body.required,
                    name: names.unique("body"),
                    docs,
                });
            }
            params.extend(self.form_fields(media_type, location, &at, operation, names));
            return None;
        }
        if let Some(media) = body.content.keys().find(|media| !media.starts_with("multipart/")) {
            // Any other media type travels as is: text as a String, the rest as bytes.
            let (ty, input) = if media.starts_with("text/") {
                (TypeRef::String, Input::IntoString)
            } else {
                (TypeRef::Bytes, Input::IntoBytes)
            };
            let media = if media.contains('*') { "application/octet-stream" } else { media.as_str() };
            let docs =
                Docs { description, notes: vec![format!("Sent as {}.", super::docs::code(media))], ..Docs::default() };
            return Some(Body {
                ty,
                input,
                media: BodyMedia::Raw(media.to_owned()),
                required: body.required,
                name: names.unique("body"),
                docs,
            });
        }
        let kinds: Vec<&str> = body.content.keys().map(String::as_str).collect();
        self.sink.error(
            &content,
            format!("request body media type(s) {kinds:?} not supported (JSON, form, text and binary bodies are)"),
        );
        None
    }

    pub(crate) fn success_type(&mut self, operation: &'a openapiv3::Operation, base: &str, pointer: &str) -> Response {
        let mut success: Vec<(&StatusCode, &'a ReferenceOr<openapiv3::Response>)> = operation
            .responses
            .responses
            .iter()
            .filter(|(code, _)| match code {
                StatusCode::Code(code) => (200..300).contains(code),
                StatusCode::Range(range) => *range == 2,
            })
            .collect();
        success.sort_by_key(|(code, _)| match code {
            StatusCode::Code(code) => *code,
            StatusCode::Range(_) => 299,
        });
        let responses = |doc: &'a openapiv3::OpenAPI| doc.components.as_ref().map(|c| &c.responses);
        let mut replies = Vec::new();
        for (code, reply) in &success {
            let at = push(&push(pointer, "responses"), code);
            if let Some(reply) = self.resolve(reply, "responses", responses, &at) {
                replies.push((at, reply));
            }
        }
        // The first success with a body types the reply; a success without one beside it
        // (`204 No Content` next to `200`) makes it optional rather than a decode error.
        let (at, reply, optional) = match replies.iter().position(|(_, reply)| !reply.content.is_empty()) {
            Some(index) => {
                let bodiless = replies.iter().any(|(_, reply)| reply.content.is_empty());
                let (at, reply) = replies.remove(index);
                self.other_success_schemas(&at, reply, &replies);
                (at, reply, bodiless)
            }
            None if !success.is_empty() => return Response::Empty,
            // Without a documented success, `default` ("every other status") describes it too.
            None => {
                let Some(default) = &operation.responses.default else { return Response::Empty };
                let at = push(&push(pointer, "responses"), "default");
                match self.resolve(default, "responses", responses, &at) {
                    Some(reply) => (at, reply, true),
                    None => return Response::Empty,
                }
            }
        };
        // Streams (server-sent events, JSON lines) are read as one body: said, not hidden.
        for streamed in reply.content.keys().filter(|media| is_stream(media)) {
            self.sink.warning(
                push(&push(&at, "content"), streamed),
                format!("`{streamed}` is a stream of items, which this client does not read item by item; the reply is read whole"),
            );
        }
        if let Some((media, media_type)) = self.json_media(&reply.content) {
            let at = push(&push(&push(&at, "content"), media), "schema");
            return match media_type.schema.as_ref() {
                Some(schema) => {
                    let ty = self.type_of(schema, &format!("{base}Response"), &at);
                    let id = operation.operation_id.as_deref().unwrap_or(base);
                    self.describe_inline(schema, &ty, format!("The success reply of `{id}`."));
                    if optional {
                        Response::MaybeJson(ty)
                    } else {
                        // A reply the spec allows to be `null` is an `Option`, not a decode error.
                        Response::Json(self.element(ty, self.schema_target(schema)))
                    }
                }
                None if optional => Response::MaybeJson(TypeRef::Json),
                None => Response::Json(TypeRef::Json),
            };
        }
        match reply.content.keys().next() {
            None => Response::Empty,
            Some(media) if media.starts_with("text/") => Response::Text,
            Some(_) => Response::Bytes,
        }
    }

    /// The documented non-success JSON replies, as one enum chosen by status: exact codes,
    /// then `4XX`-style ranges, then `default`.
    pub(crate) fn error_type(
        &mut self,
        operation: &'a openapiv3::Operation,
        id: &str,
        base: &str,
        pointer: &str,
    ) -> Option<TypeId> {
        let mut entries: Vec<(ErrorStatus, &'a ReferenceOr<openapiv3::Response>, String)> = operation
            .responses
            .responses
            .iter()
            .filter_map(|(code, reply)| {
                let status = match code {
                    StatusCode::Code(code) if (200..300).contains(code) => return None,
                    StatusCode::Code(code) => ErrorStatus::Code(*code),
                    StatusCode::Range(2) => return None,
                    StatusCode::Range(range) => ErrorStatus::Range(*range),
                };
                Some((status, reply, push(&push(pointer, "responses"), code)))
            })
            .collect();
        if let Some(default) = &operation.responses.default {
            entries.push((ErrorStatus::Default, default, push(&push(pointer, "responses"), "default")));
        }
        let mut variants = Vec::new();
        let mut names = Namer::default();
        for (status, reply, at) in entries {
            let Some(reply) =
                self.resolve(reply, "responses", |doc| doc.components.as_ref().map(|c| &c.responses), &at)
            else {
                continue;
            };
            let Some((media, schema)) = reply
                .content
                .iter()
                .find(|(media, _)| is_json(media))
                .and_then(|(media, media_type)| media_type.schema.as_ref().map(|schema| (media, schema)))
            else {
                continue;
            };
            let (variant, hint) = match status {
                ErrorStatus::Code(code) => (format!("Status{code}"), format!("{base}Status{code}")),
                ErrorStatus::Range(range) => (format!("Status{range}xx"), format!("{base}Status{range}xx")),
                ErrorStatus::Default => ("Default".to_owned(), format!("{base}ErrorDefault")),
            };
            let ty = self.type_of(schema, &hint, &push(&push(&push(&at, "content"), media), "schema"));
            let docs = Docs {
                description: Some(reply.description.clone()).filter(|text| !text.trim().is_empty()),
                ..Docs::default()
            };
            variants.push(ErrorVariant { name: names.unique(&variant), status, ty, docs });
        }
        if variants.is_empty() {
            return None;
        }
        variants.sort_by_key(|variant| match variant.status {
            ErrorStatus::Code(code) => (0, code),
            ErrorStatus::Range(range) => (1, range),
            ErrorStatus::Default => (2, 0),
        });
        let name = self.type_names.unique(&format!("{base}Error"));
        let key = format!("{:?}", variants.iter().map(|variant| (variant.status, &variant.ty)).collect::<Vec<_>>());
        let type_id = self.reserve_type(name, pointer);
        let (docs, kind) = match self.error_types.get(&key) {
            Some(shared) => {
                let shared_name = self.type_name_of(*shared);
                let summary = format!("The documented error replies of `{id}`: the same as [`{shared_name}`].");
                (Docs { summary: Some(summary), ..Docs::default() }, TypeKind::Alias(TypeRef::Named(*shared)))
            }
            None => {
                self.error_types.insert(key, type_id);
                let summary = format!("The documented error replies of `{id}`.");
                (Docs { summary: Some(summary), ..Docs::default() }, TypeKind::OperationError(variants))
            }
        };
        self.define(type_id, docs, kind);
        Some(type_id)
    }

    /// Whether a schema is an object whose properties can be listed one by one.
    fn has_properties(&self, schema: &'a ReferenceOr<Schema>) -> bool {
        match self.schema_target(schema).map(|target| &target.schema_kind) {
            Some(openapiv3::SchemaKind::Type(openapiv3::Type::Object(object))) => !object.properties.is_empty(),
            Some(openapiv3::SchemaKind::Any(any)) => {
                !any.properties.is_empty() && any.one_of.is_empty() && any.any_of.is_empty()
            }
            _ => false,
        }
    }

    fn type_name_of(&self, id: TypeId) -> String {
        self.types.get(id.0).map(|def| def.name.as_str().to_owned()).unwrap_or_default()
    }

    /// An inline schema named by the generator gets a summary saying what it is, unless the
    /// spec documents it.
    fn describe_inline(&mut self, schema: &ReferenceOr<Schema>, ty: &TypeRef, summary: String) {
        if let (ReferenceOr::Item(_), TypeRef::Named(id)) = (schema, ty)
            && let Some(def) = self.types.get_mut(id.0)
            && def.docs.summary.is_none()
            && def.docs.description.is_none()
        {
            def.docs.summary = Some(summary);
        }
    }
}

/// JSON media types (`application/json`, `*+json`, and wildcards that include JSON).
impl<'a> Lowerer<'a> {
    /// The first JSON media type of a body or reply. A wildcard (`*/*`) whose schema is a
    /// binary string is not JSON but raw bytes.
    /// Successes whose JSON body has another schema than the one that types the reply (a `202`
    /// job status beside a `200` result) cannot decode into it: pointed out, not left to fail
    /// at run time unannounced.
    fn other_success_schemas(
        &mut self,
        typed_at: &str,
        typed: &'a openapiv3::Response,
        others: &[(String, &'a openapiv3::Response)],
    ) {
        let schema_of = |reply: &'a openapiv3::Response| {
            self.json_media(&reply.content).and_then(|(_, media)| media.schema.as_ref())
        };
        let typed_schema = schema_of(typed);
        let status = |at: &str| at.rsplit('/').next().unwrap_or_default().to_owned();
        let differing: Vec<String> = others
            .iter()
            .filter(|(_, reply)| schema_of(reply).is_some_and(|schema| Some(schema) != typed_schema))
            .map(|(at, _)| status(at))
            .collect();
        for code in differing {
            self.sink.warning(
                typed_at,
                format!(
                    "the `{code}` reply has another schema than the `{}` one, which types the reply; a `{code}` body fails to decode",
                    status(typed_at)
                ),
            );
        }
    }

    fn json_media(&self, content: &'a openapiv3::Content) -> Option<(&'a String, &'a openapiv3::MediaType)> {
        content.iter().find(|(media, media_type)| {
            let wildcard = media.contains('*');
            let schema = media_type.schema.as_ref().and_then(|schema| self.schema_target(schema));
            is_json(media) && !(wildcard && is_binary(schema))
        })
    }
}

/// Media types that carry a stream of items rather than one document.
fn is_stream(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim();
    matches!(
        essence,
        "text/event-stream"
            | "application/x-ndjson"
            | "application/jsonl"
            | "application/json-seq"
            | "application/jsonlines"
    )
}

/// Whether a schema is a binary string (`type: string, format: binary`): bytes, not text.
pub(crate) fn is_binary(schema: Option<&Schema>) -> bool {
    matches!(
        schema.map(|schema| &schema.schema_kind),
        Some(openapiv3::SchemaKind::Type(openapiv3::Type::String(openapiv3::StringType {
            format: openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary),
            ..
        })))
    )
}

pub(crate) fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*" || essence == "application/*"
}
