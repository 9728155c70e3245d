//! Operations: parameters from every location, bodies, the success type, paging, retry class.

use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr, RequestBody, Schema, StatusCode,
};

use super::extensions::RawPagination;
use super::names::{Namer, pascal, snake};
use super::{Lowerer, docs};
use crate::diagnostics::push;
use crate::model::{
    AuthModel, AuthScheme, Body, Docs, ErrorStatus, ErrorVariant, Operation, Pagination, Param, ParamEncoding,
    ParamLocation, Response, TypeKind, TypeRef,
};

/// Method names a request type defines itself; parameters that would clash get a suffix.
const REQUEST_METHODS: &[&str] = &["new", "default", "clone", "into_call", "fmt", "eq"];

impl<'a> Lowerer<'a> {
    pub(crate) fn operations(&mut self) -> Vec<Operation> {
        let doc = self.doc;
        let mut method_names = Namer::default();
        for name in ["builder", "execute", "execute_empty", "clone", "fmt"] {
            method_names.reserve(name);
        }
        let mut ops = Vec::new();
        for (path, item) in doc.paths.iter() {
            let path_ptr = push("#/paths", path);
            let item = match item {
                ReferenceOr::Item(i) => i,
                ReferenceOr::Reference { reference } => {
                    self.sink.error(&path_ptr, format!("path item `$ref: {reference}` is not supported"));
                    continue;
                }
            };
            for (method, op) in item.iter() {
                let ptr = push(&path_ptr, method);
                if let Some(lowered) = self.operation(path, method, op, &item.parameters, &ptr, &mut method_names) {
                    ops.push(lowered);
                }
            }
        }
        ops
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        op: &'a openapiv3::Operation,
        shared_params: &'a [ReferenceOr<Parameter>],
        ptr: &str,
        method_names: &mut Namer,
    ) -> Option<Operation> {
        let http_method = method.to_ascii_uppercase();
        let id = match op.operation_id.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(id) => id.to_owned(),
            None => format!("{method} {path}"),
        };
        let base = pascal(&id);
        let method_name = method_names.unique(snake(&id));
        let request_type = self.namer.unique(format!("{base}Request"));

        let mut names = Namer::default();
        for m in REQUEST_METHODS {
            names.reserve(m);
        }
        let mut params = Vec::new();
        // Operation-level parameters override path-level ones with the same name and location.
        let own: Vec<(String, String)> = op
            .parameters
            .iter()
            .filter_map(|p| self.param_target(p, ptr))
            .map(|p| (p.parameter_data_ref().name.clone(), location_name(p).to_owned()))
            .collect();
        for (i, p) in shared_params.iter().enumerate() {
            let at = push(&push(ptr.rsplit_once('/').map_or(ptr, |(a, _)| a), "parameters"), i);
            if let Some(target) = self.param_target(p, &at) {
                let key = (target.parameter_data_ref().name.clone(), location_name(target).to_owned());
                if !own.contains(&key) {
                    self.parameter(target, &base, &at, &mut names, &mut params);
                }
            }
        }
        for (i, p) in op.parameters.iter().enumerate() {
            let at = push(&push(ptr, "parameters"), i);
            if let Some(target) = self.param_target(p, &at) {
                self.parameter(target, &base, &at, &mut names, &mut params);
            }
        }
        self.check_path_params(path, &params, ptr);

        let body = match &op.request_body {
            Some(body) => self.request_body(body, &base, &push(ptr, "requestBody"), &mut names, &mut params),
            None => None,
        };

        let response = self.success_type(op, &base, ptr);
        let error_type = if self.doc.extensions.contains_key("x-error-envelope") {
            None // failures arrive in the envelope, as `Error::Api`
        } else {
            self.error_type(op, &id, &base, ptr)
        };
        let idempotent = self.idempotent(&op.extensions, ptr, &http_method);
        let at_least_one_of = self.at_least_one_of(&op.extensions, ptr);
        let groups = self.check_group(&at_least_one_of, &params, ptr);
        let pagination = match self.raw_pagination(&op.extensions, ptr) {
            Some(raw) => self.pagination(raw, &params, response.json(), &push(ptr, "x-pagination")),
            None => None,
        };

        let mut docs = Docs {
            summary: op.summary.clone().filter(|s| !s.trim().is_empty()),
            description: op.description.clone().filter(|s| !s.trim().is_empty()),
            notes: vec![docs::code(&format!("{http_method} {path}"))],
            deprecated: op.deprecated,
        };
        if !idempotent {
            docs.notes.push("Not retried by default: the operation may change state.".into());
        }
        Some(Operation {
            id,
            method_name,
            request_type,
            http_method,
            path: path.to_owned(),
            docs,
            params,
            body,
            at_least_one_of: groups,
            response,
            error_type,
            idempotent,
            pagination,
        })
    }

    fn param_target(&mut self, p: &'a ReferenceOr<Parameter>, ptr: &str) -> Option<&'a Parameter> {
        self.resolve(p, "parameters", |d| d.components.as_ref().map(|c| &c.parameters), ptr)
    }

    fn parameter(&mut self, p: &'a Parameter, op: &str, ptr: &str, names: &mut Namer, out: &mut Vec<Param>) {
        let data = p.parameter_data_ref();
        let (location, style_delimiter) = match p {
            Parameter::Path { .. } => (ParamLocation::Path, Some(",")),
            Parameter::Header { .. } => (ParamLocation::Header, Some(",")),
            Parameter::Query { style, .. } => {
                let exploded = data.explode.unwrap_or(matches!(style, QueryStyle::Form));
                let delimiter = match style {
                    QueryStyle::Form if exploded => None,
                    QueryStyle::Form => Some(","),
                    QueryStyle::SpaceDelimited => Some(" "),
                    QueryStyle::PipeDelimited => Some("|"),
                    QueryStyle::DeepObject => None,
                };
                (ParamLocation::Query, delimiter)
            }
            Parameter::Cookie { .. } => {
                self.sink.error(ptr, format!("cookie parameter `{}` is not supported", data.name));
                return;
            }
        };
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(s) => s,
            ParameterSchemaOrContent::Content(content) => match content.values().next().and_then(|m| m.schema.as_ref())
            {
                Some(s) => s,
                None => {
                    self.sink
                        .error(ptr, format!("parameter `{}` has neither `schema` nor a `content` schema", data.name));
                    return;
                }
            },
        };
        let ty = self.type_of(schema, &format!("{op}{}", pascal(&data.name)), &push(ptr, "schema"));
        let encoding = if self.has_text_form(&ty, 0) {
            ParamEncoding::Text
        } else if let Parameter::Query { style, .. } = p {
            if matches!(style, QueryStyle::DeepObject) { ParamEncoding::DeepObject } else { ParamEncoding::Exploded }
        } else {
            self.sink.error(
                ptr,
                format!("parameter `{}`: objects in a {} parameter are not supported", data.name, location_name(p)),
            );
            return;
        };
        let target = self.schema_target(schema);
        let delimiter = match target.map(|t| &t.schema_data.extensions) {
            Some(ext) if ext.contains_key("x-delimiter") => self.delimiter(ext, &push(ptr, "schema")),
            _ => style_delimiter.filter(|_| matches!(ty, TypeRef::List(_))).map(str::to_owned),
        };
        let all_value = match target.map(|t| &t.schema_data.extensions) {
            Some(ext) if ext.contains_key("x-all-value") => self.all_value(ext, &ty, &push(ptr, "schema")),
            _ => None,
        };
        let base_docs = target.map(docs::of_schema).unwrap_or_default();
        out.push(Param {
            rust_name: names.unique(snake(&data.name)),
            wire_name: data.name.clone(),
            location,
            ty,
            required: data.required || matches!(p, Parameter::Path { .. }),
            delimiter,
            all_value,
            encoding,
            secret: docs::is_secret(target),
            docs: docs::overlay(base_docs, data.description.as_deref(), data.deprecated.unwrap_or(false)),
        });
    }

    /// Scalars, enums, aliases and unions of them, and lists of those, travel as text.
    /// Unions found here are marked so that they get a text form.
    fn has_text_form(&mut self, ty: &TypeRef, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        match ty {
            TypeRef::List(inner) => !matches!(**inner, TypeRef::List(_)) && self.has_text_form(inner, depth + 1),
            TypeRef::Named(n) => {
                let kind = self.types.get(n).map(|t| t.kind.clone());
                match kind {
                    Some(TypeKind::StringEnum(_) | TypeKind::IntEnum(_)) => true,
                    Some(TypeKind::Alias(inner)) => self.has_text_form(&inner, depth + 1),
                    Some(TypeKind::Union(u)) => {
                        let scalar = u.variants.iter().all(|v| {
                            !matches!(v.ty, TypeRef::List(_) | TypeRef::DateTime(_))
                                && self.has_text_form(&v.ty, depth + 1)
                        });
                        if scalar && let Some(TypeKind::Union(u)) = self.types.get_mut(n).map(|t| &mut t.kind) {
                            u.to_param = true;
                        }
                        scalar
                    }
                    _ => false,
                }
            }
            TypeRef::Json | TypeRef::Map(_) | TypeRef::Boxed(_) | TypeRef::Bytes => false,
            _ => true,
        }
    }

    fn check_path_params(&mut self, path: &str, params: &[Param], ptr: &str) {
        for segment in path.split('{').skip(1) {
            let name = segment.split('}').next().unwrap_or_default();
            if !params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == name) {
                self.sink
                    .error(ptr, format!("path template names `{{{name}}}` but no path parameter `{name}` is declared"));
            }
        }
    }

    fn request_body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        op: &str,
        ptr: &str,
        names: &mut Namer,
        params: &mut Vec<Param>,
    ) -> Option<Body> {
        let body = self.resolve(body, "requestBodies", |d| d.components.as_ref().map(|c| &c.request_bodies), ptr)?;
        let content = push(ptr, "content");
        if let Some((media, m)) = body.content.iter().find(|(k, _)| is_json(k)) {
            let at = push(&push(&content, media), "schema");
            let ty = match m.schema.as_ref() {
                Some(schema) => {
                    let ty = self.type_of(schema, &format!("{op}Body"), &at);
                    self.describe_inline(schema, &ty, format!("The request body of `{op}`."));
                    ty
                }
                None => TypeRef::Json,
            };
            let docs = Docs { description: body.description.clone(), ..Docs::default() };
            names.reserve("body");
            return Some(Body { ty, raw_content_type: None, required: body.required, docs });
        }
        if let Some((media, m)) = body.content.iter().find(|(k, _)| k.starts_with("application/x-www-form-urlencoded"))
        {
            let at = push(&push(&content, media), "schema");
            params.extend(self.form_fields(m, body.required, ParamLocation::Form, &at, op, names));
            return None;
        }
        if let Some((media, m)) = body.content.iter().find(|(k, _)| k.starts_with("multipart/form-data")) {
            let at = push(&push(&content, media), "schema");
            params.extend(self.form_fields(m, body.required, ParamLocation::Multipart, &at, op, names));
            return None;
        }
        if let Some(media) = body.content.keys().find(|k| !k.starts_with("multipart/")) {
            // Any other media type travels as is: text as a String, the rest as bytes.
            let ty = if media.starts_with("text/") { TypeRef::String } else { TypeRef::Bytes };
            let media = if media.contains('*') { "application/octet-stream" } else { media.as_str() };
            names.reserve("body");
            let docs = Docs {
                description: body.description.clone(),
                notes: vec![format!("Sent as {}.", docs::code(media))],
                ..Docs::default()
            };
            return Some(Body { ty, raw_content_type: Some(media.to_owned()), required: body.required, docs });
        }
        let kinds: Vec<&str> = body.content.keys().map(String::as_str).collect();
        self.sink.error(
            &content,
            format!("request body media type(s) {kinds:?} not supported (JSON, form, text and binary bodies are)"),
        );
        None
    }

    fn form_fields(
        &mut self,
        m: &'a MediaType,
        body_required: bool,
        location: ParamLocation,
        ptr: &str,
        op: &str,
        names: &mut Namer,
    ) -> Vec<Param> {
        let mut params = Vec::new();
        let Some(schema) = m.schema.as_ref() else { return params };
        let Some(target) = self.schema_target(schema) else {
            self.sink.error(ptr, "form body schema does not resolve to an object");
            return params;
        };
        let (props, required) = match &target.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::Object(o)) => (&o.properties, &o.required),
            openapiv3::SchemaKind::Any(a) if !a.properties.is_empty() => (&a.properties, &a.required),
            _ => {
                self.sink.error(ptr, "a form body must be an object with `properties`");
                return params;
            }
        };
        for (name, prop) in props {
            let at = push(&push(ptr, "properties"), name);
            let prop_schema: Option<&Schema> = self.boxed_target(prop);
            let binary = matches!(
                prop_schema.map(|s| &s.schema_kind),
                Some(openapiv3::SchemaKind::Type(openapiv3::Type::String(openapiv3::StringType {
                    format: openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary),
                    ..
                })))
            );
            let ty = if binary && location == ParamLocation::Multipart {
                TypeRef::Bytes
            } else {
                self.type_of_boxed(prop, &format!("{op}{}", pascal(name)), &at)
            };
            let deep = m
                .encoding
                .get(name)
                .and_then(|e| e.style.as_ref())
                .is_some_and(|s| matches!(s, QueryStyle::DeepObject));
            let encoding = match (self.has_text_form(&ty, 0), deep) {
                (true, _) => ParamEncoding::Text,
                (false, true) => ParamEncoding::DeepObject,
                (false, false) => ParamEncoding::Exploded,
            };
            let delimiter = match prop_schema {
                Some(s) => self.delimiter(&s.schema_data.extensions, &at),
                None => None,
            };
            let all_value = match prop_schema.map(|s| &s.schema_data.extensions) {
                Some(ext) if ext.contains_key("x-all-value") => self.all_value(ext, &ty, &at),
                _ => None,
            };
            params.push(Param {
                rust_name: names.unique(snake(name)),
                wire_name: name.clone(),
                location,
                ty,
                required: body_required && required.contains(name),
                delimiter,
                all_value,
                encoding,
                secret: docs::is_secret(prop_schema),
                docs: prop_schema.map(docs::of_schema).unwrap_or_default(),
            });
        }
        params
    }

    fn success_type(&mut self, op: &'a openapiv3::Operation, base: &str, ptr: &str) -> Response {
        let mut success: Vec<(&StatusCode, &'a ReferenceOr<openapiv3::Response>)> = op
            .responses
            .responses
            .iter()
            .filter(|(code, _)| match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            })
            .collect();
        success.sort_by_key(|(code, _)| match code {
            StatusCode::Code(c) => *c,
            StatusCode::Range(_) => 299,
        });
        let Some((code, resp)) = success.first() else { return Response::Empty };
        let at = push(&push(ptr, "responses"), code);
        let Some(resp) = self.resolve(resp, "responses", |d| d.components.as_ref().map(|c| &c.responses), &at) else {
            return Response::Empty;
        };
        if let Some((media, m)) = resp.content.iter().find(|(k, _)| is_json(k)) {
            let at = push(&push(&push(&at, "content"), media), "schema");
            return match m.schema.as_ref() {
                Some(schema) => {
                    let ty = self.type_of(schema, &format!("{base}Response"), &at);
                    let what = format!("The success reply of `{}`.", op.operation_id.as_deref().unwrap_or(base));
                    self.describe_inline(schema, &ty, what);
                    Response::Json(ty)
                }
                None => Response::Json(TypeRef::Json),
            };
        }
        match resp.content.keys().next() {
            None => Response::Empty,
            Some(media) if media.starts_with("text/") => Response::Text,
            Some(_) => Response::Bytes,
        }
    }

    /// The documented non-success JSON replies, as one enum chosen by status: exact codes,
    /// then `4XX`-style ranges, then `default`.
    fn error_type(&mut self, op: &'a openapiv3::Operation, id: &str, base: &str, ptr: &str) -> Option<String> {
        let mut entries: Vec<(ErrorStatus, &'a ReferenceOr<openapiv3::Response>, String)> = op
            .responses
            .responses
            .iter()
            .filter_map(|(code, r)| {
                let status = match code {
                    StatusCode::Code(c) if (200..300).contains(c) => return None,
                    StatusCode::Code(c) => ErrorStatus::Code(*c),
                    StatusCode::Range(2) => return None,
                    StatusCode::Range(r) => ErrorStatus::Range(*r),
                };
                Some((status, r, push(&push(ptr, "responses"), code)))
            })
            .collect();
        if let Some(d) = &op.responses.default {
            entries.push((ErrorStatus::Default, d, push(&push(ptr, "responses"), "default")));
        }
        let mut variants = Vec::new();
        let mut names = Namer::default();
        for (status, r, at) in entries {
            let Some(resp) = self.resolve(r, "responses", |d| d.components.as_ref().map(|c| &c.responses), &at) else {
                continue;
            };
            let Some((media, schema)) =
                resp.content.iter().find(|(k, _)| is_json(k)).and_then(|(k, m)| m.schema.as_ref().map(|s| (k, s)))
            else {
                continue;
            };
            let (rust_name, hint) = match status {
                ErrorStatus::Code(c) => (format!("Status{c}"), format!("{base}Status{c}")),
                ErrorStatus::Range(r) => (format!("Status{r}xx"), format!("{base}Status{r}xx")),
                ErrorStatus::Default => ("Default".to_owned(), format!("{base}ErrorDefault")),
            };
            let ty = self.type_of(schema, &hint, &push(&push(&push(&at, "content"), media), "schema"));
            let docs = Docs {
                description: Some(resp.description.clone()).filter(|d| !d.trim().is_empty()),
                ..Docs::default()
            };
            variants.push(ErrorVariant { rust_name: names.unique(rust_name), status, ty, docs });
        }
        if variants.is_empty() {
            return None;
        }
        variants.sort_by_key(|v| match v.status {
            ErrorStatus::Code(c) => (0, c),
            ErrorStatus::Range(r) => (1, r),
            ErrorStatus::Default => (2, 0),
        });
        let name = self.namer.unique(format!("{base}Error"));
        let key = format!("{:?}", variants.iter().map(|v| (v.status, &v.ty)).collect::<Vec<_>>());
        let (docs, kind) = match self.error_types.get(&key) {
            Some(shared) => (
                Docs {
                    summary: Some(format!("The documented error replies of `{id}`: the same as [`{shared}`].")),
                    ..Docs::default()
                },
                TypeKind::Alias(TypeRef::Named(shared.clone())),
            ),
            None => {
                self.error_types.insert(key, name.clone());
                let summary = format!("The documented error replies of `{id}`.");
                (Docs { summary: Some(summary), ..Docs::default() }, TypeKind::OperationError(variants))
            }
        };
        self.types
            .insert(name.clone(), crate::model::TypeDef { name: name.clone(), origin: ptr.to_owned(), docs, kind });
        Some(name)
    }

    /// An inline schema named by the generator gets a summary saying what it is, unless the
    /// spec documents it.
    fn describe_inline(&mut self, schema: &ReferenceOr<Schema>, ty: &TypeRef, summary: String) {
        if let (ReferenceOr::Item(_), TypeRef::Named(name)) = (schema, ty)
            && let Some(def) = self.types.get_mut(name)
            && def.docs.summary.is_none()
            && def.docs.description.is_none()
        {
            def.docs.summary = Some(summary);
        }
    }

    fn check_group(&mut self, group: &[String], params: &[Param], ptr: &str) -> Vec<String> {
        let at = push(ptr, "x-at-least-one-of");
        let mut rust_names = Vec::new();
        for name in group {
            match params.iter().find(|p| &p.wire_name == name) {
                Some(p) if !p.required => rust_names.push(p.rust_name.clone()),
                Some(_) => self
                    .sink
                    .error(&at, format!("`{name}` is required, so it cannot be one of an at-least-one-of group")),
                None => self.sink.error(
                    &at,
                    format!("`x-at-least-one-of` names `{name}`, which is not a parameter of this operation"),
                ),
            }
        }
        if rust_names.len() == group.len() { rust_names } else { Vec::new() }
    }

    fn pagination(
        &mut self,
        raw: RawPagination,
        params: &[Param],
        response: Option<&TypeRef>,
        at: &str,
    ) -> Option<Pagination> {
        let int_param = |name: &str| {
            params.iter().find(|p| p.wire_name == name && !p.required && matches!(p.ty, TypeRef::I32 | TypeRef::I64))
        };
        let (Some(offset), Some(limit)) = (int_param(&raw.offset), int_param(&raw.limit)) else {
            self.sink.error(
                at,
                format!("`offset` ({}) and `limit` ({}) must name optional integer parameters", raw.offset, raw.limit),
            );
            return None;
        };
        let fields = match response {
            Some(TypeRef::Named(n)) => match self.types.get(n).map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => Some(&s.fields),
                _ => None,
            },
            _ => None,
        };
        let Some(fields) = fields else {
            self.sink.error(at, "paged operations need a success response that is an object");
            return None;
        };
        let Some((items_field, item_type)) =
            fields.iter().find(|f| f.wire_name == raw.items).and_then(|f| match &f.ty {
                TypeRef::List(item) if f.required && !f.nullable => Some((f.rust_name.clone(), (**item).clone())),
                _ => None,
            })
        else {
            self.sink.error(at, format!("`items` ({}) must name a required array field of the response", raw.items));
            return None;
        };
        let (total_field, total_optional, total_is_i32) = match &raw.total {
            None => (None, false, false),
            Some(total) => {
                match fields.iter().find(|f| &f.wire_name == total && matches!(f.ty, TypeRef::I32 | TypeRef::I64)) {
                    Some(f) => (Some(f.rust_name.clone()), !f.required || f.nullable, f.ty == TypeRef::I32),
                    None => {
                        self.sink.error(at, format!("`total` ({total}) must name an integer field of the response"));
                        return None;
                    }
                }
            }
        };
        Some(Pagination {
            offset_param: offset.rust_name.clone(),
            limit_param: limit.rust_name.clone(),
            items_field,
            item_type,
            total_field,
            total_optional,
            total_is_i32,
        })
    }

    pub(crate) fn auth(&mut self) -> AuthModel {
        let mut schemes = Vec::new();
        let Some(components) = &self.doc.components else { return AuthModel { schemes } };
        for (name, scheme) in &components.security_schemes {
            let at = push("#/components/securitySchemes", name);
            let Some(scheme) =
                self.resolve(scheme, "securitySchemes", |d| d.components.as_ref().map(|c| &c.security_schemes), &at)
            else {
                continue;
            };
            match scheme {
                openapiv3::SecurityScheme::HTTP { scheme, extensions, .. } => {
                    if let Some(jwt) = extensions.get("x-service-account-jwt") {
                        if let Some(s) = self.jwt_scheme(jwt, &push(&at, "x-service-account-jwt")) {
                            schemes.push(s);
                        }
                    } else if scheme.eq_ignore_ascii_case("bearer") {
                        schemes.push(AuthScheme::Bearer);
                    } else if scheme.eq_ignore_ascii_case("basic") {
                        schemes.push(AuthScheme::Basic);
                    }
                }
                openapiv3::SecurityScheme::APIKey { location, name, .. } => {
                    let location = match location {
                        openapiv3::APIKeyLocation::Query => "query",
                        openapiv3::APIKeyLocation::Header => "header",
                        openapiv3::APIKeyLocation::Cookie => "cookie",
                    };
                    schemes.push(AuthScheme::ApiKey { name: name.clone(), location: location.into() });
                }
                // OAuth2 and OpenID Connect tokens are bearer tokens once obtained.
                _ => schemes.push(AuthScheme::Bearer),
            }
        }
        schemes.dedup();
        AuthModel { schemes }
    }

    fn jwt_scheme(&mut self, v: &serde_json::Value, at: &str) -> Option<AuthScheme> {
        let alg = v.get("algorithm").and_then(|a| a.as_str()).unwrap_or("RS256");
        let lifetime = v.get("max-lifetime-seconds").map(|l| l.as_u64());
        let env = v.get("credentials-env").map(|e| e.as_str().map(str::to_owned));
        match (alg, lifetime, &env) {
            ("RS256", None | Some(Some(1..=86_400)), None | Some(Some(_))) => Some(AuthScheme::ServiceAccountJwt {
                credentials_env: env.clone().flatten(),
                max_lifetime_seconds: lifetime.flatten().unwrap_or(3600),
            }),
            _ => {
                self.sink.error(
                    at,
                    format!("`x-service-account-jwt` must be {{algorithm: RS256, max-lifetime-seconds?: 1..86400, credentials-env?: <name>}}, found {v}"),
                );
                None
            }
        }
    }
}

fn is_json(media: &str) -> bool {
    let m = media.split(';').next().unwrap_or_default().trim();
    m == "application/json" || m.ends_with("+json") || m == "*/*" || m == "application/*"
}

fn location_name(p: &Parameter) -> &'static str {
    match p {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}
