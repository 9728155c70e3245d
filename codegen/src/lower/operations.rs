//! Operations: parameters, body, reply, paging, retry class, and the names of everything
//! the request type and the client method define.

use openapiv3::{Parameter, ReferenceOr};

use super::extensions::{RawPagination, RawSelection};
use super::names::{Namer, pascal, snake};
use super::{Lowerer, docs, reserved};
use crate::diagnostics::push;
use crate::model::{
    Constructors, Docs, HttpMethod, Ident, IntWidth, Operation, Pagination, Param, ParamLocation, PathSegment,
    PathTemplate, Response, Selection, SelectionRule, Selector, Shape, Total, TypeKind, TypeRef,
};

impl<'a> Lowerer<'a> {
    pub(crate) fn operations(&mut self) -> Vec<Operation> {
        let doc = self.doc;
        let mut method_names = Namer::with_reserved(reserved::CLIENT_METHODS);
        let mut operations = Vec::new();
        let mut seen_ids = std::collections::HashMap::new();
        for (path, item) in doc.paths.iter() {
            let path_pointer = push("#/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.sink.error(&path_pointer, format!("path item `$ref: {reference}` is not supported"));
                    continue;
                }
            };
            for (method, operation) in item.iter() {
                let pointer = push(&path_pointer, method);
                if let Some(id) = &operation.operation_id
                    && let Some(first) = seen_ids.insert(id.as_str(), pointer.clone())
                {
                    self.sink.warning(
                        &pointer,
                        format!("`operationId: {id}` is also the id of {first}; this one gets a numbered name"),
                    );
                }
                let lowered = self.operation(path, method, operation, &item.parameters, &pointer, &mut method_names);
                operations.extend(lowered);
            }
        }
        // Derived method names come after every operation's own name, so that an operation
        // called `list_stream` keeps its name next to the stream of a paged `list`.
        for operation in &mut operations {
            if let Some(pagination) = &mut operation.pagination {
                pagination.stream_method = method_names.unique(&format!("{}_stream", operation.method_name.as_str()));
            }
        }
        operations
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        operation: &'a openapiv3::Operation,
        shared_params: &'a [ReferenceOr<Parameter>],
        pointer: &str,
        method_names: &mut Namer,
    ) -> Option<Operation> {
        let http_method = http_method(method)?;
        // An id without a letter or digit (`""`, `"-"`) names nothing: the method and path do.
        let id = match operation.operation_id.as_deref().filter(|id| id.chars().any(char::is_alphanumeric)) {
            Some(id) => id.to_owned(),
            None => format!("{method} {path}"),
        };
        let base = pascal(&id);
        let method_name = method_names.unique(&snake(&id));
        // A schema may already be called `<Operation>Request` (often the body's own type):
        // the request then takes the distinct name `<Operation>Input`, not a numbered one.
        let wanted = format!("{base}Request");
        let request_type = if self.type_names.is_free(&wanted) {
            self.type_names.unique(&wanted)
        } else {
            self.type_names.unique(&format!("{base}Input"))
        };

        let mut names = Namer::with_reserved(reserved::REQUEST_METHODS);
        let mut params = Vec::new();
        // Operation-level parameters override path-level ones with the same name and location.
        let own: Vec<(String, &'static str)> = operation
            .parameters
            .iter()
            .filter_map(|parameter| self.param_target(parameter, pointer))
            .map(|parameter| (parameter.parameter_data_ref().name.clone(), location_name(parameter)))
            .collect();
        let item_pointer = pointer.rsplit_once('/').map_or(pointer, |(item, _)| item);
        for (index, parameter) in shared_params.iter().enumerate() {
            let at = push(&push(item_pointer, "parameters"), index);
            if let Some(target) = self.param_target(parameter, &at) {
                let key = (target.parameter_data_ref().name.clone(), location_name(target));
                if !own.contains(&key) {
                    params.extend(self.parameter(target, &base, &at, &mut names));
                }
            }
        }
        for (index, parameter) in operation.parameters.iter().enumerate() {
            let at = push(&push(pointer, "parameters"), index);
            if let Some(target) = self.param_target(parameter, &at) {
                params.extend(self.parameter(target, &base, &at, &mut names));
            }
        }
        let body = match &operation.request_body {
            Some(body) => self.request_body(body, &base, &push(pointer, "requestBody"), &mut names, &mut params),
            None => None,
        };
        let path = self.path_template(path, &mut params, pointer, &mut names);

        let response = self.success_type(operation, &base, pointer);
        let error_type = if self.doc.extensions.contains_key("x-error-envelope") {
            None // failures arrive in the envelope, as `Error::Api`
        } else {
            self.error_type(operation, &id, &base, pointer)
        };
        let idempotent = self.idempotent(&operation.extensions, pointer, http_method);
        let selection = match self.raw_selection(&operation.extensions, pointer) {
            Some(raw) => self.selection(raw, &params, pointer),
            None => None,
        };
        let pagination = match self.raw_pagination(&operation.extensions, pointer) {
            Some(raw) => {
                let reply = if let Response::Json(ty) = &response { Some(ty) } else { None };
                self.pagination(raw, &params, reply, &push(pointer, "x-pagination"))
            }
            None => None,
        };
        // Names derived from parameters come after every parameter's own name.
        for param in &mut params {
            if let Some(all) = &mut param.all {
                all.name = names.unique(&format!("{}_all", param.name.as_str()));
            }
        }
        let selection = selection.map(|(rule, members)| Selection {
            rule,
            members: members
                .into_iter()
                .map(|index| {
                    let member = params.get(index).map(|param| param.name.as_str().to_owned()).unwrap_or_default();
                    let has_all = params.get(index).is_some_and(|param| param.all.is_some());
                    Selector {
                        param: index,
                        constructor: names.unique(&format!("by_{member}")),
                        all_constructor: has_all.then(|| names.unique(&format!("by_{member}_all"))),
                    }
                })
                .collect(),
        });
        let constructors = constructors(&params, body.as_ref().is_some_and(|body| body.required), selection);

        let mut docs = Docs {
            summary: operation.summary.clone().filter(|text| !text.trim().is_empty()),
            description: operation.description.clone().filter(|text| !text.trim().is_empty()),
            notes: vec![docs::code(&format!("{} {}", http_method.as_str(), path.text))],
            deprecated: operation.deprecated,
        };
        if !idempotent {
            docs.notes.push("Not retried by default: the operation may change state.".into());
        }
        Some(Operation {
            id,
            method_name,
            request_type,
            http_method,
            path,
            docs,
            params,
            body,
            constructors,
            response,
            error_type,
            idempotent,
            pagination,
        })
    }

    fn param_target(&mut self, parameter: &'a ReferenceOr<Parameter>, pointer: &str) -> Option<&'a Parameter> {
        self.resolve(parameter, "parameters", |doc| doc.components.as_ref().map(|c| &c.parameters), pointer)
    }

    /// The path split at its `{parameters}`, each linked to its parameter. Where template and
    /// declarations disagree, the template wins with a warning: a variable nobody declared
    /// becomes a required string parameter, a declared path parameter the template lacks is
    /// left out (it could never be sent).
    fn path_template(&mut self, text: &str, params: &mut Vec<Param>, pointer: &str, names: &mut Namer) -> PathTemplate {
        // Specs converted from AWS models tell operations on one path apart by a fragment
        // (`/#X-Amz-Target=Svc.Op`); a URL's fragment never reaches the server.
        let sent = match text.split_once('#') {
            Some((sent, fragment)) => {
                self.sink.warning(
                    pointer,
                    format!("path `{text}` carries a fragment `#{fragment}`, which is never sent; it is left out"),
                );
                sent
            }
            None => text,
        };
        // Some specs tell operations on one path apart by a query written into the path.
        let (path, query) = match sent.split_once('?') {
            Some((path, query)) => {
                self.sink.warning(
                    pointer,
                    format!("path `{text}` carries a query string; `{query}` is sent as fixed query parameters"),
                );
                let pairs = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
                (path, pairs)
            }
            None => (sent, Vec::new()),
        };
        let Some(mut pieces) = template_pieces(path) else {
            self.sink.error(pointer, format!("path `{text}` has a `{{` without its `}}`"));
            return PathTemplate { text: text.to_owned(), segments: Vec::new(), query };
        };
        // `{+name}` (RFC 6570 reserved expansion, Google's `v1/{+name}`) is the parameter `name`,
        // sent with its `/` kept.
        let mut reserved = Vec::new();
        for (variable, name) in &mut pieces {
            if let Some(bare) = name.strip_prefix('+').filter(|_| *variable) {
                *name = bare;
                reserved.push(bare);
            }
        }
        let in_template = |wire_name: &str| pieces.iter().any(|(variable, name)| *variable && *name == wire_name);
        params.retain(|param| {
            let kept = param.location != ParamLocation::Path || in_template(&param.wire_name);
            if !kept {
                self.sink.warning(
                    pointer,
                    format!("path parameter `{}` is not in the path `{path}`; it is left out", param.wire_name),
                );
            }
            kept
        });
        let declared = |params: &[Param], name: &str| {
            params.iter().position(|param| param.location == ParamLocation::Path && param.wire_name == name)
        };
        let mut undeclared = Vec::new();
        for (_, name) in pieces.iter().filter(|(variable, _)| *variable) {
            let named_before = undeclared.iter().any(|param: &Param| param.wire_name == *name);
            if declared(params, name).is_none() && !named_before {
                self.sink.warning(
                    pointer,
                    format!("path template names `{{{name}}}` but no path parameter `{name}` is declared; it is taken as a required string"),
                );
                undeclared.push(super::params::undeclared_path_param(name, names));
            }
        }
        if !undeclared.is_empty() {
            // Constructor arguments follow the template: path parameters first, in its order.
            params.extend(undeclared);
            let position = |param: &Param| {
                let index = pieces.iter().position(|(variable, name)| *variable && *name == param.wire_name);
                if param.location == ParamLocation::Path { index.unwrap_or(usize::MAX) } else { usize::MAX }
            };
            params.sort_by_key(position);
        }
        for param in params.iter_mut() {
            if param.location == ParamLocation::Path && reserved.contains(&param.wire_name.as_str()) {
                param.reserved = true;
            }
        }
        let mut segments = Vec::new();
        for (variable, piece) in &pieces {
            if !variable {
                segments.push(PathSegment::Literal((*piece).to_owned()));
            } else if let Some(index) = declared(params, piece) {
                segments.push(PathSegment::Param(index));
            }
        }
        PathTemplate { text: text.to_owned(), segments, query }
    }

    /// Checks a selection group against the parameters: members by position.
    fn selection(&mut self, raw: RawSelection, params: &[Param], pointer: &str) -> Option<(SelectionRule, Vec<usize>)> {
        let at = push(pointer, raw.extension);
        let mut members = Vec::new();
        for name in &raw.members {
            match params.iter().position(|param| &param.wire_name == name) {
                Some(index) if params.get(index).is_some_and(|param| !param.required) => members.push(index),
                Some(_) => {
                    self.sink.error(&at, format!("`{name}` is required, so it cannot be one of `{}`", raw.extension))
                }
                None => self.sink.error(
                    &at,
                    format!("`{}` names `{name}`, which is not a parameter of this operation", raw.extension),
                ),
            }
        }
        (members.len() == raw.members.len()).then_some((raw.rule, members))
    }

    fn pagination(
        &mut self,
        raw: RawPagination,
        params: &[Param],
        response: Option<&TypeRef>,
        at: &str,
    ) -> Option<Pagination> {
        let int_param = |name: &str| {
            params.iter().enumerate().find_map(|(index, param)| {
                let width = match param.ty {
                    TypeRef::I32 => IntWidth::I32,
                    TypeRef::I64 => IntWidth::I64,
                    _ => return None,
                };
                (param.wire_name == name && !param.required).then_some((index, width))
            })
        };
        let (Some((offset, offset_width)), Some((limit, limit_width))) =
            (int_param(&raw.offset), int_param(&raw.limit))
        else {
            self.sink.error(
                at,
                format!("`offset` ({}) and `limit` ({}) must name optional integer parameters", raw.offset, raw.limit),
            );
            return None;
        };
        let reply = match response {
            Some(TypeRef::Named(id)) => Some(*id),
            _ => None,
        };
        let fields = match reply.and_then(|id| self.kind(id)) {
            Some(TypeKind::Struct(structure)) => Some(&structure.fields),
            _ => None,
        };
        let (Some(reply), Some(fields)) = (reply, fields) else {
            self.sink.error(at, "paged operations need a success response that is an object");
            return None;
        };
        let items =
            fields.iter().enumerate().find(|(_, field)| field.wire_name == raw.items).and_then(|(index, field)| {
                match &field.ty {
                    TypeRef::List(item) if field.shape == Shape::Required => Some((index, (**item).clone())),
                    _ => None,
                }
            });
        let Some((items_field, item_type)) = items else {
            self.sink.error(at, format!("`items` ({}) must name a required array field of the response", raw.items));
            return None;
        };
        let total = match &raw.total {
            None => None,
            Some(total) => {
                let found = fields.iter().enumerate().find_map(|(index, field)| {
                    let width = match field.ty {
                        TypeRef::I32 => IntWidth::I32,
                        TypeRef::I64 => IntWidth::I64,
                        _ => return None,
                    };
                    (&field.wire_name == total).then_some(Total {
                        field: index,
                        width,
                        optional: field.shape.is_option(),
                    })
                });
                match found {
                    Some(total) => Some(total),
                    None => {
                        self.sink.error(at, format!("`total` ({total}) must name an integer field of the response"));
                        return None;
                    }
                }
            }
        };
        Some(Pagination {
            stream_method: Ident::plain(String::new()),
            offset,
            limit,
            offset_width,
            limit_width,
            reply,
            items_field,
            item_type,
            total,
        })
    }
}

/// `new`, `Default` and the selection constructors, from what is required.
fn constructors(params: &[Param], body_required: bool, selection: Option<Selection>) -> Constructors {
    let has_required = params.iter().any(|param| param.required) || body_required;
    let replaces_new = selection
        .as_ref()
        .is_some_and(|selection| matches!(selection.rule, SelectionRule::AtLeastOne | SelectionRule::ExactlyOne));
    Constructors {
        new: (!replaces_new).then(|| Ident::plain("new")),
        default: !has_required && !replaces_new,
        selection,
    }
}

fn http_method(method: &str) -> Option<HttpMethod> {
    Some(match method {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        "trace" => HttpMethod::Trace,
        _ => return None,
    })
}

fn location_name(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// A path template as literal pieces and `{variable}` names (`true`), or `None` when a `{` is
/// never closed.
fn template_pieces(path: &str) -> Option<Vec<(bool, &str)>> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let (literal, after) = rest.split_at(start);
        if !literal.is_empty() {
            pieces.push((false, literal));
        }
        let after = after.get(1..).unwrap_or_default();
        let end = after.find('}')?;
        let (name, tail) = after.split_at(end);
        pieces.push((true, name));
        rest = tail.get(1..).unwrap_or_default();
    }
    if !rest.is_empty() {
        pieces.push((false, rest));
    }
    Some(pieces)
}
