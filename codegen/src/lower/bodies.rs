//! Request bodies, success replies and documented error replies.

use openapiv3::{ReferenceOr, RequestBody, Schema, StatusCode};

use super::Lowerer;
use super::names::Namer;
use crate::diagnostics::push;
use crate::model::{
    Body, BodyMedia, Docs, ErrorVariant, Input, Param, ParamLocation, ReplyBody, ReplyVariant, Response, StatusMatch,
    TypeId, TypeKind, TypeRef,
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
        if body.content.is_empty() {
            // `content: {}` says nothing is sent: the operation takes no body.
            self.sink.warning(&content, "the request body lists no media type; the operation sends none");
            return None;
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
                let status = match code {
                    StatusCode::Code(code) => StatusMatch::Code(*code),
                    StatusCode::Range(range) => StatusMatch::Range(*range),
                };
                replies.push((status, at, reply));
            }
        }
        for (_, at, reply) in &replies {
            self.warn_streams(at, reply);
        }
        // Successes whose bodies differ (a `202` job beside a `200` result) are told apart by
        // status, as the error replies are.
        let carried: Vec<Carried<'a>> =
            replies.iter().map(|(status, at, reply)| self.success_carries(*status, at, reply)).collect();
        let mut bodies = carried.iter().filter(|carried| **carried != Carried::Nothing);
        if let Some(first) = bodies.next()
            && bodies.any(|other| other != first)
        {
            let id = operation.operation_id.as_deref().unwrap_or(base);
            return Response::ByStatus(self.reply_enum(&replies, &carried, id, base, pointer));
        }
        // The first success with a body types the reply; a success without one beside it
        // (`204 No Content` next to `200`) makes it optional rather than a decode error.
        let (at, reply, optional) = match carried.iter().position(|carried| *carried != Carried::Nothing) {
            Some(index) => {
                let bodiless = carried.contains(&Carried::Nothing);
                let (_, at, reply) = replies.remove(index);
                (at, reply, bodiless)
            }
            None if !success.is_empty() => return Response::Empty,
            // Without a documented success, `default` ("every other status") describes it too.
            None => {
                let Some(default) = &operation.responses.default else { return Response::Empty };
                let at = push(&push(pointer, "responses"), "default");
                match self.resolve(default, "responses", responses, &at) {
                    Some(reply) => {
                        self.warn_streams(&at, reply);
                        (at, reply, true)
                    }
                    None => return Response::Empty,
                }
            }
        };
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

    /// What a success reply's body is. A `204` or `205` has none whatever the spec declares
    /// (HTTP forbids it), so declared content there is ignored, with a warning, rather than
    /// typing the reply and failing on the empty body every such success brings.
    fn success_carries(&mut self, status: StatusMatch, at: &str, reply: &'a openapiv3::Response) -> Carried<'a> {
        if let StatusMatch::Code(code @ (204 | 205)) = status {
            if !reply.content.is_empty() {
                self.sink.warning(
                    push(at, "content"),
                    format!("a `{code}` reply never has a body, so the content declared here is ignored"),
                );
            }
            return Carried::Nothing;
        }
        self.carried(reply)
    }

    /// What a success reply's body is, for telling whether an operation's successes agree.
    fn carried(&self, reply: &'a openapiv3::Response) -> Carried<'a> {
        if let Some((_, media_type)) = self.json_media(&reply.content) {
            return Carried::Json(media_type.schema.as_ref());
        }
        match reply.content.keys().next() {
            None => Carried::Nothing,
            Some(media) if media.starts_with("text/") => Carried::Text,
            Some(_) => Carried::Bytes,
        }
    }

    /// The enum of an operation's success replies, one variant per documented status, for
    /// successes whose bodies differ.
    fn reply_enum(
        &mut self,
        replies: &[(StatusMatch, String, &'a openapiv3::Response)],
        carried: &[Carried<'a>],
        id: &str,
        base: &str,
        pointer: &str,
    ) -> TypeId {
        // Named before the bodies, so that the enum, not an inline body, is `<Operation>Response`;
        // `<Operation>Reply` when the spec has a schema of that name (often the `200` body).
        let wanted = [format!("{base}Response"), format!("{base}Reply")]
            .into_iter()
            .find(|name| self.type_names.is_free(name))
            .unwrap_or_else(|| format!("{base}Response"));
        let name = self.type_names.unique(&wanted);
        let type_id = self.reserve_type(name, pointer);
        let mut names = Namer::default();
        let mut variants = Vec::new();
        for ((status, at, reply), carried) in replies.iter().zip(carried) {
            let (variant, code) = match status {
                StatusMatch::Range(range) => (format!("Status{range}xx"), format!("{range}XX")),
                StatusMatch::Code(code) => (format!("Status{code}"), code.to_string()),
                StatusMatch::Default => ("Default".to_owned(), "default".to_owned()),
            };
            let hint = format!("{base}Response{}", variant.trim_start_matches("Status"));
            let body = match *carried {
                Carried::Nothing => ReplyBody::None,
                Carried::Text => ReplyBody::Text,
                Carried::Bytes => ReplyBody::Bytes,
                Carried::Json(None) => ReplyBody::Json(TypeRef::Json),
                Carried::Json(Some(schema)) => {
                    let media = self.json_media(&reply.content).map(|(media, _)| media.as_str()).unwrap_or_default();
                    let ty = self.type_of(schema, &hint, &push(&push(&push(at, "content"), media), "schema"));
                    self.describe_inline(schema, &ty, format!("The `{code}` reply of `{id}`."));
                    ReplyBody::Json(self.element(ty, self.schema_target(schema)))
                }
            };
            let docs = Docs {
                description: Some(reply.description.clone()).filter(|text| !text.trim().is_empty()),
                ..Docs::default()
            };
            variants.push(ReplyVariant { name: names.unique(&variant), status: *status, body, docs });
        }
        let summary = format!("The success replies of `{id}`, which differ by HTTP status.");
        self.define(type_id, Docs { summary: Some(summary), ..Docs::default() }, TypeKind::OperationReply(variants));
        type_id
    }

    /// Streams (server-sent events, JSON lines) are read as one body: said, not hidden.
    fn warn_streams(&mut self, at: &str, reply: &openapiv3::Response) {
        for streamed in reply.content.keys().filter(|media| is_stream(media)) {
            self.sink.warning(
                push(&push(at, "content"), streamed),
                format!("`{streamed}` is a stream of items, which this client does not read item by item; the reply is read whole"),
            );
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
        let mut entries: Vec<(StatusMatch, &'a ReferenceOr<openapiv3::Response>, String)> = operation
            .responses
            .responses
            .iter()
            .filter_map(|(code, reply)| {
                let status = match code {
                    StatusCode::Code(code) if (200..300).contains(code) => return None,
                    StatusCode::Code(code) => StatusMatch::Code(*code),
                    StatusCode::Range(2) => return None,
                    StatusCode::Range(range) => StatusMatch::Range(*range),
                };
                Some((status, reply, push(&push(pointer, "responses"), code)))
            })
            .collect();
        if let Some(default) = &operation.responses.default {
            entries.push((StatusMatch::Default, default, push(&push(pointer, "responses"), "default")));
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
                StatusMatch::Code(code) => (format!("Status{code}"), format!("{base}Status{code}")),
                StatusMatch::Range(range) => (format!("Status{range}xx"), format!("{base}Status{range}xx")),
                StatusMatch::Default => ("Default".to_owned(), format!("{base}ErrorDefault")),
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
            StatusMatch::Code(code) => (0, code),
            StatusMatch::Range(range) => (1, range),
            StatusMatch::Default => (2, 0),
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
    fn json_media(&self, content: &'a openapiv3::Content) -> Option<(&'a String, &'a openapiv3::MediaType)> {
        content.iter().find(|(media, media_type)| {
            let wildcard = media.contains('*');
            let schema = media_type.schema.as_ref().and_then(|schema| self.schema_target(schema));
            is_json(media) && !(wildcard && is_binary(schema))
        })
    }
}

/// What a success reply's body is: its JSON schema, text, other bytes, or nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Carried<'a> {
    Nothing,
    Json(Option<&'a ReferenceOr<Schema>>),
    Text,
    Bytes,
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
