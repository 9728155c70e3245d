//! `src/requests.rs`: one request type per operation. Required parameters are constructor
//! arguments, selection groups are one constructor per member, optional parameters are
//! chained setters; `into_call` (in `calls.rs`) turns the request into the HTTP call. Written
//! as text: every request has the same shape.

use super::text::{Lines, Scope, allow_many_arguments, ident, type_text};
use super::{calls, debug, docs};
use crate::model::{Api, Body, Docs, Input, Operation, Param, ParamLocation, SelectionRule, TypeRef};

/// The start of the file; the requests follow, one [`request`] each.
pub fn head(api: &Api) -> String {
    let mut out = Lines::default();
    out.line("//! One request type per operation: required parameters in the constructor, the rest as setters.");
    if api.operations.iter().any(calls::uses_to_param) {
        out.line("use crate::runtime::wire::ToParam;");
    }
    out.finish()
}

/// The declared type and the conversion of one argument or setter input.
struct Argument {
    ty: String,
    convert: String,
}

fn argument(api: &Api, name: &str, ty: &TypeRef, input: &Input) -> Argument {
    match (input, ty) {
        (Input::IntoString, _) => Argument { ty: "impl Into<String>".to_owned(), convert: format!("{name}.into()") },
        (Input::IntoBytes, _) => Argument { ty: "impl Into<Vec<u8>>".to_owned(), convert: format!("{name}.into()") },
        (Input::IntoFile, _) => {
            Argument { ty: "impl Into<crate::FilePart>".to_owned(), convert: format!("{name}.into()") }
        }
        (Input::IntoFiles, _) => Argument {
            ty: "impl IntoIterator<Item = impl Into<crate::FilePart>>".to_owned(),
            convert: format!("{name}.into_iter().map(Into::into).collect()"),
        },
        (Input::StringItems, _) => Argument {
            ty: "impl IntoIterator<Item = impl Into<String>>".to_owned(),
            convert: format!("{name}.into_iter().map(Into::into).collect()"),
        },
        (Input::Items, TypeRef::List(item)) => Argument {
            ty: format!("impl IntoIterator<Item = {}>", type_text(api, item, Scope::Elsewhere)),
            convert: format!("{name}.into_iter().collect()"),
        },
        _ => Argument { ty: type_text(api, ty, Scope::Elsewhere), convert: name.to_owned() },
    }
}

fn param_argument(api: &Api, param: &Param) -> Argument {
    argument(api, &ident(&param.name), &param.ty, &param.input)
}

fn body_argument(api: &Api, body: &Body) -> Argument {
    argument(api, &ident(&body.name), &body.ty, &body.input)
}

/// Writes methods one after the other, a blank line apart.
struct Methods<'a> {
    out: &'a mut Lines,
    first: bool,
}

impl Methods<'_> {
    fn next(&mut self) -> &mut Lines {
        if !self.first {
            self.out.blank();
        }
        self.first = false;
        self.out
    }
}

/// One request type, its builder methods and its `Operation` impl.
pub fn request(api: &Api, operation: &Operation) -> String {
    let mut out = Lines::default();
    let name = ident(&operation.request_type);
    let method = operation.method_name.as_str();
    docs::comment(&mut out, &format!(" Parameters of [`Client::{method}`](crate::Client::{method})."));
    // The operation's own words, a blank doc line apart, when it has any.
    let summary = operation.docs.summary.clone().or_else(|| operation.docs.description.clone());
    if let Some(summary) = summary.filter(|text| !text.trim().is_empty()) {
        docs::comment(&mut out, "");
        docs::write(&mut out, &Docs { summary: Some(summary), ..Docs::default() }, "");
    }
    let members: Vec<debug::Member<'_>> = operation
        .params
        .iter()
        .map(|param| debug::Member { name: &param.name, secret: param.secret, optional: !param.required })
        .collect();
    out.line(&debug::derive_line(&members, operation.constructors.default));
    out.line("#[must_use]");
    out.open(&format!("pub struct {name} {{"));
    for param in &operation.params {
        let ty = match param.input {
            Input::IntoFile => "crate::FilePart".to_owned(),
            Input::IntoFiles => "Vec<crate::FilePart>".to_owned(),
            _ => type_text(api, &param.ty, Scope::Elsewhere),
        };
        let ty = if param.required { ty } else { format!("Option<{ty}>") };
        out.line(&format!("pub(crate) {}: {ty},", ident(&param.name)));
        if let Some(all) = &param.all {
            out.line(&format!("pub(crate) {}: bool,", ident(&all.name)));
        }
    }
    if let Some(body) = &operation.body {
        let ty = type_text(api, &body.ty, Scope::Elsewhere);
        let ty = if body.required { ty } else { format!("Option<{ty}>") };
        out.line(&format!("pub(crate) {}: {ty},", ident(&body.name)));
    }
    out.line("pub(crate) request_options: crate::runtime::call::RequestOptions,");
    out.close("}");
    out.blank();

    out.open(&format!("impl {name} {{"));
    let mut methods = Methods { out: &mut out, first: true };
    constructors(&mut methods, api, operation);
    let without_setters: Vec<usize> = match &operation.constructors.selection {
        Some(selection) if selection.rule == SelectionRule::ExactlyOne => {
            selection.members.iter().map(|member| member.param).collect()
        }
        _ => Vec::new(),
    };
    for (index, param) in operation.params.iter().enumerate() {
        if !param.required && !without_setters.contains(&index) {
            setter(&mut methods, api, param);
        }
    }
    if let Some(body) = operation.body.as_ref().filter(|body| !body.required) {
        let field = ident(&body.name);
        let Argument { ty, convert } = body_argument(api, body);
        let method = methods.next();
        docs::write(method, &body.docs, "Sets the request body.");
        method.open(&format!("pub fn {field}(mut self, {field}: {ty}) -> Self {{"));
        method.line(&format!("self.{field} = Some({convert});"));
        method.line("self");
        method.close("}");
    }
    let method = methods.next();
    docs::comment(method, " Extra parameters and headers the spec does not know yet, and a timeout or retry");
    docs::comment(method, " policy for this request only.");
    method.open("pub fn with_options(mut self, options: crate::RequestOptions) -> Self {");
    method.line("self.request_options = options;");
    method.line("self");
    method.close("}");
    out.close("}");
    out.blank();

    calls::into_call(&mut out, api, operation);
    if debug::redacts(&members) {
        out.blank();
        let body = operation.body.as_ref().map(|body| &body.name);
        debug::redacting(&mut out, operation.request_type.as_str(), &members, body);
    }
    out.finish()
}

/// Constructor arguments: the required parameters, then a required body.
#[derive(Default)]
struct Required {
    arguments: Vec<String>,
    initializers: Vec<String>,
    names: Vec<String>,
    docs: Vec<String>,
}

fn required(api: &Api, operation: &Operation) -> Required {
    let mut required = Required::default();
    let mut add = |name: String, argument: Argument, doc: String| {
        let Argument { ty, convert } = argument;
        required.arguments.push(format!("{name}: {ty}"));
        required.initializers.push(if name == convert { name.clone() } else { format!("{name}: {convert}") });
        required.names.push(name);
        required.docs.push(doc);
    };
    for param in operation.params.iter().filter(|param| param.required) {
        add(ident(&param.name), param_argument(api, param), argument_doc(param));
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        add(ident(&body.name), body_argument(api, body), format!(" - `{}`: the request body.", body.name.as_str()));
    }
    required
}

fn argument_doc(param: &Param) -> String {
    let text = param.docs.summary.as_deref().or(param.docs.description.as_deref()).unwrap_or("");
    let first = match text.lines().next().filter(|line| !line.trim().is_empty()) {
        Some(line) => docs::sanitize_line(line),
        None => format!("{}.", what_param(param)),
    };
    format!(" - `{}`: {first}", param.name.as_str())
}

/// `the `id` query parameter`: what a parameter is on the wire, for docs the spec left out.
fn what_param(param: &Param) -> String {
    let place = match param.location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
        ParamLocation::Form => "form field",
        ParamLocation::Multipart => "multipart field",
    };
    format!("the {} {place}", crate::lower::code(&param.wire_name))
}

/// The "Arguments:" list of a constructor's docs, when it takes any.
fn arguments_heading(out: &mut Lines, argument_docs: &[String]) {
    if argument_docs.is_empty() {
        return;
    }
    docs::comment(out, "");
    docs::comment(out, " Arguments:");
    for line in argument_docs {
        docs::comment(out, line);
    }
}

/// A function whose body is one struct expression.
fn constructor(out: &mut Lines, signature: &str, arguments: &[String], name: &str, fields: &[String]) {
    out.list(&format!("{signature}("), arguments, ") -> Self {");
    out.indent();
    out.structure(name, fields, "");
    out.close("}");
}

fn constructors(methods: &mut Methods<'_>, api: &Api, operation: &Operation) {
    let Required { arguments, initializers, names, docs: argument_docs } = required(api, operation);
    let mut everything = initializers;
    everything.extend(
        operation.params.iter().filter(|param| !param.required).map(|param| format!("{}: None", ident(&param.name))),
    );
    everything.extend(
        operation
            .params
            .iter()
            .filter_map(|param| param.all.as_ref())
            .map(|all| format!("{}: false", ident(&all.name))),
    );
    if let Some(body) = operation.body.as_ref().filter(|body| !body.required) {
        everything.push(format!("{}: None", ident(&body.name)));
    }
    everything.push("request_options: crate::runtime::call::RequestOptions::new()".to_owned());

    if let Some(new) = &operation.constructors.new {
        let out = methods.next();
        let signature = format!("pub fn {}", ident(new));
        if operation.constructors.default {
            docs::comment(out, " A request with every parameter unset.");
            arguments_heading(out, &argument_docs);
            allow_many_arguments(out, arguments.len());
            out.list(&format!("{signature}("), &arguments, ") -> Self {");
            out.indent();
            out.line("Self::default()");
            out.close("}");
        } else {
            docs::comment(out, " A request with its required parameters.");
            arguments_heading(out, &argument_docs);
            allow_many_arguments(out, arguments.len());
            constructor(out, &signature, &arguments, "Self", &everything);
        }
    }
    let Some(selection) = &operation.constructors.selection else { return };
    let members: Vec<(&crate::model::Selector, &Param)> = selection
        .members
        .iter()
        .filter_map(|member| operation.params.get(member.param).map(|param| (member, param)))
        .collect();
    let group_names =
        members.iter().map(|(_, param)| format!("`{}`", param.name.as_str())).collect::<Vec<_>>().join(", ");
    // Each constructor sets one member on top of a base: `new` for shortcuts, else the private
    // `unset`, which holds the required parameters only.
    let base = match selection.rule {
        SelectionRule::Shortcuts => {
            let new = operation.constructors.new.as_ref().map(ident).unwrap_or_default();
            format!("..Self::{new}({})", names.join(", "))
        }
        SelectionRule::AtLeastOne | SelectionRule::ExactlyOne => {
            let out = methods.next();
            if names.is_empty() {
                docs::comment(
                    out,
                    &format!(" Nothing set yet: the API needs one of {group_names} before this is a request."),
                );
            } else {
                docs::comment(out, &format!(" The required parameters only: the API needs one of {group_names} too."));
            }
            allow_many_arguments(out, arguments.len());
            constructor(out, "fn unset", &arguments, "Self", &everything);
            format!("..Self::unset({})", names.join(", "))
        }
    };
    let rule = match selection.rule {
        SelectionRule::AtLeastOne => {
            format!(" The API needs at least one of {group_names}; the others can be added with their setters.")
        }
        SelectionRule::ExactlyOne => format!(" The API takes exactly one of {group_names}."),
        SelectionRule::Shortcuts => {
            format!(" A shortcut for the filter {group_names}; the others can be added with their setters.")
        }
    };
    for (member, param) in &members {
        let field = ident(&param.name);
        let Argument { ty, convert } = param_argument(api, param);
        let out = methods.next();
        docs::comment(out, &format!(" A request selected by `{}`.", param.name.as_str()));
        docs::comment(out, "");
        docs::comment(out, &rule);
        arguments_heading(out, &argument_docs);
        docs::comment(out, &argument_doc(param));
        allow_many_arguments(out, arguments.len() + 1);
        let mut all_arguments = arguments.clone();
        all_arguments.push(format!("{field}: {ty}"));
        let signature = format!("pub fn {}", ident(&member.constructor));
        constructor(out, &signature, &all_arguments, "Self", &[format!("{field}: Some({convert})"), base.clone()]);
    }
    for (member, param) in &members {
        let (Some(constructor_name), Some(all)) = (member.all_constructor.as_ref(), param.all.as_ref()) else {
            continue;
        };
        let out = methods.next();
        docs::comment(
            out,
            &format!(" A request selected by `{}` = `{}`: every item.", param.name.as_str(), all.literal),
        );
        arguments_heading(out, &argument_docs);
        allow_many_arguments(out, arguments.len());
        let signature = format!("pub fn {}", ident(constructor_name));
        constructor(out, &signature, &arguments, "Self", &[format!("{}: true", ident(&all.name)), base.clone()]);
    }
}

fn setter(methods: &mut Methods<'_>, api: &Api, param: &Param) {
    let field = ident(&param.name);
    let Argument { ty, convert } = param_argument(api, param);
    let out = methods.next();
    docs::write(out, &param.docs, &format!("Sets {}.", what_param(param)));
    out.open(&format!("pub fn {field}(mut self, {field}: {ty}) -> Self {{"));
    out.line(&format!("self.{field} = Some({convert});"));
    let Some(all) = &param.all else {
        out.line("self");
        out.close("}");
        return;
    };
    let flag = ident(&all.name);
    out.line(&format!("self.{flag} = false;"));
    out.line("self");
    out.close("}");
    let out = methods.next();
    docs::comment(out, &format!(" Sends `{}` = `{}`: every item, instead of a list.", param.wire_name, all.literal));
    out.open(&format!("pub fn {flag}(mut self) -> Self {{"));
    out.line(&format!("self.{field} = None;"));
    out.line(&format!("self.{flag} = true;"));
    out.line("self");
    out.close("}");
}
