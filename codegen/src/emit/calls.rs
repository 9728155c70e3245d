//! `into_call`: a request as the runtime's `Call`, every parameter spelled as its encoding says.

use super::text::{Lines, Scope, ident, literal, type_name, type_text};
use crate::model::{
    Api, BodyMedia, DateTimeFormat, Encoding, Operation, Param, ParamLocation, PathSegment, Response, SelectionRule,
    TextForm, TypeRef,
};

/// How the reply decodes: the runtime's `Json<T>`, `MaybeJson<T>`, `Text`, `Binary` or `Empty`,
/// or the operation's enum of replies by status, which decodes itself.
fn reply_format(api: &Api, response: &Response) -> String {
    match response {
        Response::Json(ty) => format!("crate::runtime::reply::Json<{}>", type_text(api, ty, Scope::Elsewhere)),
        Response::MaybeJson(ty) => {
            format!("crate::runtime::reply::MaybeJson<{}>", type_text(api, ty, Scope::Elsewhere))
        }
        Response::Text => "crate::runtime::reply::Text".to_owned(),
        Response::Bytes => "crate::runtime::reply::Binary".to_owned(),
        Response::Empty => "crate::runtime::reply::Empty".to_owned(),
        Response::ByStatus(id) => format!("crate::types::{}", type_name(api, *id)),
    }
}

/// Whether the operation's request turns a value into text with `ToParam`.
pub fn uses_to_param(operation: &Operation) -> bool {
    operation.params.iter().any(|param| {
        matches!(
            &param.encoding,
            Encoding::Text(TextForm::Plain)
                | Encoding::Repeated(TextForm::Plain)
                | Encoding::Joined { item: TextForm::Plain, .. }
        )
    })
}

/// The value as JSON (the runtime turns the never expected failure into `InvalidRequest`).
fn to_json(value: &str, what: &str) -> String {
    format!("crate::runtime::wire::to_json({value}, {})?", literal(what))
}

/// The text of one value (a reference) on the wire.
fn text(value: &str, form: TextForm) -> String {
    match form {
        TextForm::DateTime(DateTimeFormat::SpaceSeparatedUtc) => {
            format!("crate::runtime::wire_time::timestamp_param({value})")
        }
        TextForm::DateTime(DateTimeFormat::Rfc3339) => format!("crate::runtime::wire_time::rfc3339_param({value})"),
        TextForm::Plain => format!("{value}.to_param()"),
    }
}

/// A refusal before sending: the request breaks a rule the API states.
fn refuse(out: &mut Lines, message: &str) {
    out.structure(
        "return Err(crate::Error::InvalidRequest",
        &[format!("message: {}.to_owned()", literal(message))],
        ");",
    );
}

/// The request's `Operation` impl: its reply format and `into_call`.
pub fn into_call(out: &mut Lines, api: &Api, operation: &Operation) {
    let request = ident(&operation.request_type);
    out.open(&format!("impl crate::runtime::reply::Operation for {request} {{"));
    out.line(&format!("type Format = {};", reply_format(api, &operation.response)));
    out.blank();
    out.line("#[inline]");
    out.open("fn into_call(self) -> Result<crate::runtime::call::Call, crate::Error> {");
    selection_check(out, operation);
    let path = path_expression(out, operation);
    let mutable = operation.params.iter().any(|param| param.location != ParamLocation::Path)
        || operation.body.is_some()
        || !operation.path.query.is_empty();
    let errors = operation
        .error_type
        .map(|error| format!(".errors(crate::types::{}::decode)", type_name(api, error)))
        .unwrap_or_default();
    out.list(
        &format!("let {}call = crate::runtime::call::Call::new(", if mutable { "mut " } else { "" }),
        &[literal(&operation.id), format!("reqwest::Method::{}", operation.http_method.as_str()), path],
        &format!(").idempotent({}){errors};", operation.idempotent),
    );
    for (name, value) in &operation.path.query {
        out.line(&format!("call = call.query({}, {}.to_owned());", literal(name), literal(value)));
    }
    for param in operation.params.iter().filter(|param| param.location != ParamLocation::Path) {
        send_param(out, param);
    }
    if let Some(body) = &operation.body {
        send_body(out, body);
    }
    out.line("Ok(call.options(self.request_options))");
    out.close("}");
    out.close("}");
}

/// Sends the body as its media type says.
fn send_body(out: &mut Lines, body: &crate::model::Body) {
    let field = ident(&body.name);
    let bind = match &body.media {
        BodyMedia::Raw(_) => format!("self.{field}"),
        BodyMedia::Json | BodyMedia::FormObject | BodyMedia::MultipartObject => format!("&self.{field}"),
    };
    if body.required {
        out.line(&format!("let value = {bind};"));
    } else {
        out.open(&format!("if let Some(value) = {bind} {{"));
    }
    match &body.media {
        BodyMedia::Json => out.line(&format!("call = call.json({});", to_json("value", "request body"))),
        BodyMedia::Raw(media) => {
            let bytes = if body.ty == TypeRef::String { "value.into_bytes()" } else { "value" };
            out.line(&format!("call = call.raw({}, {bytes});", literal(media)));
        }
        BodyMedia::FormObject | BodyMedia::MultipartObject => {
            let adder = if body.media == BodyMedia::FormObject { "form" } else { "multipart_text" };
            out.line(&format!("let json = {};", to_json("value", "request body")));
            out.open("for (name, text) in crate::runtime::wire::exploded_object(\"body\", &json) {");
            out.line(&format!("call = call.{adder}(name, text);"));
            out.close("}");
        }
    }
    if !body.required {
        out.close("}");
    }
}

/// The `Call` method that adds a value in this place.
fn adder(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
        ParamLocation::Multipart => "multipart_text",
        ParamLocation::Form | ParamLocation::Path => "form",
    }
}

/// Sends one parameter (not a path parameter) as its encoding says.
fn send_param(out: &mut Lines, param: &Param) {
    let field = ident(&param.name);
    let wire = literal(&param.wire_name);
    let adder = adder(param.location);
    // An optional joined list is sent only when it has items.
    let nonempty = if matches!(param.encoding, Encoding::Joined { .. }) { " && !value.is_empty()" } else { "" };
    let bind = format!("if let Some(value) = &self.{field}{nonempty} {{");
    // With an "every item" flag, the flag's literal is sent instead when it is set.
    if let Some(all) = &param.all {
        out.open(&format!("if self.{} {{", ident(&all.name)));
        out.line(&format!("call = call.{adder}({wire}, {}.to_owned());", literal(&all.literal)));
        out.reopen(&if param.required { "} else {".to_owned() } else { format!("}} else {bind}") });
    } else if !param.required {
        out.open(&bind);
    }
    if param.required {
        out.line(&format!("let value = &self.{field};"));
    }
    match &param.encoding {
        Encoding::File => out.line(&format!("call = call.multipart_file({wire}, value.clone());")),
        Encoding::Files => {
            out.open("for file in value {");
            out.line(&format!("call = call.multipart_file({wire}, file.clone());"));
            out.close("}");
        }
        Encoding::Text(form) => out.line(&format!("call = call.{adder}({wire}, {});", text("value", *form))),
        Encoding::Repeated(form) => {
            out.open("for item in value {");
            out.line(&format!("call = call.{adder}({wire}, {});", text("item", *form)));
            out.close("}");
        }
        Encoding::Joined { delimiter, item } => {
            if param.required {
                // An empty joined list would be an empty value: refused before sending.
                out.open("if value.is_empty() {");
                refuse(out, &format!("`{}` needs at least one value", param.wire_name));
                out.close("}");
            }
            out.line(&format!(
                "call = call.{adder}({wire}, value.iter().map(|item| {}).collect::<Vec<_>>().join({}));",
                text("item", *item),
                literal(delimiter)
            ));
        }
        Encoding::JsonText | Encoding::SimpleObject { .. } | Encoding::DeepObject | Encoding::Exploded => {
            out.line(&format!("let json = {};", to_json("value", &format!("parameter `{}`", param.wire_name))));
            match &param.encoding {
                Encoding::JsonText => out.line(&format!("call = call.{adder}({wire}, json.to_string());")),
                Encoding::SimpleObject { explode } => out.line(&format!(
                    "call = call.{adder}({wire}, crate::runtime::wire::simple_object(&json, {explode}));"
                )),
                _ => {
                    let pairs = if param.encoding == Encoding::DeepObject { "deep_object" } else { "exploded_object" };
                    out.open(&format!("for (name, text) in crate::runtime::wire::{pairs}({wire}, &json) {{"));
                    out.line(&format!("call = call.{adder}(name, text);"));
                    out.close("}");
                }
            }
        }
    }
    if !param.required || param.all.is_some() {
        out.close("}");
    }
}

/// The constructors guarantee a member of a selection group is set; an empty list or string
/// there would still break the rule on the wire, so it is refused before sending.
fn selection_check(out: &mut Lines, operation: &Operation) {
    let Some(selection) = operation.constructors.selection.as_ref() else { return };
    let members: Vec<&Param> =
        selection.members.iter().filter_map(|member| operation.params.get(member.param)).collect();
    let present: Vec<String> = members
        .iter()
        .map(|param| {
            let field = ident(&param.name);
            let set = match &param.ty {
                TypeRef::List(_) | TypeRef::String => {
                    format!("self.{field}.as_ref().is_some_and(|value| !value.is_empty())")
                }
                _ => format!("self.{field}.is_some()"),
            };
            match &param.all {
                Some(all) => format!("(self.{} || {set})", ident(&all.name)),
                None => set,
            }
        })
        .collect();
    let names = members.iter().map(|param| format!("`{}`", param.name.as_str())).collect::<Vec<_>>().join(", ");
    if selection.rule == SelectionRule::Shortcuts {
        // No filter lists everything; a filter given empty would too, which is never meant.
        let given: Vec<String> = members
            .iter()
            .map(|param| {
                let field = ident(&param.name);
                match &param.all {
                    Some(all) => format!("(self.{} || self.{field}.is_some())", ident(&all.name)),
                    None => format!("self.{field}.is_some()"),
                }
            })
            .collect();
        out.operation("let given = ", &given, " || ", ";");
        out.operation("let present = ", &present, " || ", ";");
        out.open("if given && !present {");
        refuse(
            out,
            &format!(
                "{}: the filters {names} are all empty, which would list everything; leave them unset for that",
                operation.id
            ),
        );
        out.close("}");
        return;
    }
    let rule = if selection.rule == SelectionRule::ExactlyOne { "one" } else { "at least one" };
    out.operation("let present = ", &present, " || ", ";");
    out.open("if !present {");
    refuse(out, &format!("{} needs a non-empty value for {rule} of {names}", operation.id));
    out.close("}");
}

/// The path: each path parameter bound to a local of its own name (written to `out`), then one
/// `format!` that names them (positionally for raw identifiers, which `format!` cannot name).
fn path_expression(out: &mut Lines, operation: &Operation) -> String {
    let has_params = operation.path.segments.iter().any(|segment| matches!(segment, PathSegment::Param(_)));
    if !has_params {
        let plain: String = operation
            .path
            .segments
            .iter()
            .filter_map(|segment| match segment {
                PathSegment::Literal(piece) => Some(piece.as_str()),
                PathSegment::Param(_) => None,
            })
            .collect();
        return format!("{}.to_owned()", literal(&plain));
    }
    let mut template = String::new();
    let mut positional = String::new();
    // A template may name a variable twice (`/a/{id}/b/{id}`): it is bound once.
    let mut bound = Vec::new();
    for segment in &operation.path.segments {
        match segment {
            PathSegment::Literal(piece) => template.push_str(&braces_escaped(piece)),
            PathSegment::Param(index) => {
                let Some(param) = operation.params.get(*index) else { continue };
                let field = ident(&param.name);
                template.push_str(&braces_escaped(&param.prefix));
                if param.name.is_raw() {
                    template.push_str("{}");
                    positional.push_str(&format!(", {field}"));
                } else {
                    template.push_str(&format!("{{{}}}", param.name.as_str()));
                }
                if bound.contains(index) {
                    continue;
                }
                bound.push(*index);
                let value = match &param.encoding {
                    Encoding::Text(form @ TextForm::DateTime(_)) => text(&format!("&self.{field}"), *form),
                    Encoding::Text(form) => text(&format!("self.{field}"), *form),
                    Encoding::Joined { delimiter, item } => format!(
                        "self.{field}.iter().map(|item| {}).collect::<Vec<_>>().join({})",
                        text("item", *item),
                        literal(delimiter)
                    ),
                    encoding => {
                        let explode = matches!(encoding, Encoding::SimpleObject { explode: true });
                        let json = to_json(&format!("&self.{field}"), &format!("parameter `{}`", param.wire_name));
                        out.line(&format!("let {field} = {json};"));
                        format!("crate::runtime::wire::simple_object(&{field}, {explode})")
                    }
                };
                let encode = if param.reserved { "path_reserved" } else { "path_segment" };
                out.line(&format!("let {field} = crate::runtime::wire::{encode}(&{value});"));
            }
        }
    }
    format!("format!({}{positional})", literal(&template))
}

/// Text as a `format!` template writes it.
fn braces_escaped(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}
