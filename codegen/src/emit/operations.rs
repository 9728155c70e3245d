//! `src/operations.rs`: one `Client` method per operation, and a stream per paged operation.
//! Written as text: every method has the same shape.

use super::docs;
use super::text::{Lines, Scope, ident, type_name, type_text};
use crate::model::{Api, IntWidth, Operation, Pagination, Response, TypeKind};

pub fn file(api: &Api) -> String {
    let mut out = Lines::default();
    out.line("//! The client's methods: one per operation. Each returns the runtime's shared call future");
    out.line("//! (`.await` it), so an operation adds no async state machine of its own to compile, and");
    out.line("//! each is `#[inline]`, so an operation (its request encoding included) is compiled by");
    out.line("//! the crate that calls it, like generic code: users compile the operations they use.");
    out.open("impl crate::Client {");
    for (index, operation) in api.operations.iter().enumerate() {
        if index > 0 {
            out.blank();
        }
        method(&mut out, api, operation);
    }
    out.close("}");
    out.finish()
}

fn method(out: &mut Lines, api: &Api, operation: &Operation) {
    let request_name = operation.request_type.as_str();
    let mut method_docs = operation.docs.clone();
    method_docs.notes.push(format!("Build the request with [`{request_name}`](crate::{request_name})."));
    if let Some(error) = operation.error_type {
        let error = type_name(api, error);
        method_docs.notes.push(format!(
            "Documented error replies come back as `Error::Status`; read them with [`{error}::from_error`](crate::{error}::from_error)."
        ));
    }
    method_docs.notes.push(
        "`client.reply(request)` gives the raw reply (status, headers, body) next to the decoded value.".to_owned(),
    );
    docs::write(out, &method_docs, &format!("Calls `{}`.", operation.id));
    let reply = match &operation.response {
        Response::Json(ty) => type_text(api, ty, Scope::Elsewhere),
        Response::MaybeJson(ty) => format!("Option<{}>", type_text(api, ty, Scope::Elsewhere)),
        Response::Text => "String".to_owned(),
        Response::Bytes => "Vec<u8>".to_owned(),
        Response::Empty => "()".to_owned(),
        Response::ByStatus(id) => format!("crate::types::{}", type_name(api, *id)),
    };
    signature(
        out,
        &ident(&operation.method_name),
        operation,
        &format!("impl Future<Output = Result<{reply}, crate::Error>>"),
    );
    out.line("self.call(request)");
    out.close("}");
    if let Some(pagination) = &operation.pagination {
        stream_method(out, api, operation, pagination);
    }
}

/// An inline method taking the operation's request, up to its opening brace.
fn signature(out: &mut Lines, name: &str, operation: &Operation, returns: &str) {
    out.line("#[inline]");
    out.list(
        &format!("pub fn {name}("),
        &["&self".to_owned(), format!("request: crate::requests::{}", ident(&operation.request_type))],
        &format!(") -> {returns} {{"),
    );
    out.indent();
}

fn stream_method(out: &mut Lines, api: &Api, operation: &Operation, pagination: &Pagination) {
    let param = |index: usize| operation.params.get(index).map(|param| ident(&param.name));
    let (Some(offset), Some(limit)) = (param(pagination.offset), param(pagination.limit)) else { return };
    let fields = match api.type_def(pagination.reply).map(|def| &def.kind) {
        Some(TypeKind::Struct(structure)) => &structure.fields,
        _ => return,
    };
    let Some(items) = fields.get(pagination.items_field).map(|field| ident(&field.name)) else { return };
    let item = type_text(api, &pagination.item_type, Scope::Elsewhere);
    let widen = |width: IntWidth, expression: String| match width {
        IntWidth::I32 => format!("{expression}.map(i64::from)"),
        IntWidth::I64 => expression,
    };
    let start = widen(pagination.offset_width, format!("request.{offset}"));
    let page_size = widen(pagination.limit_width, format!("request.{limit}"));
    let narrow = match pagination.offset_width {
        IntWidth::I32 => "i32::try_from(offset).unwrap_or(i32::MAX)",
        IntWidth::I64 => "offset",
    };
    let total =
        match pagination.total.and_then(|total| fields.get(total.field).map(|field| (total, ident(&field.name)))) {
            Some((total, field)) => match (total.optional, total.width) {
                (false, IntWidth::I64) => format!("Some(response.{field})"),
                (false, IntWidth::I32) => format!("Some(i64::from(response.{field}))"),
                (true, IntWidth::I64) => format!("response.{field}"),
                (true, IntWidth::I32) => format!("response.{field}.map(i64::from)"),
            },
            None => "None".to_owned(),
        };
    let method_name = operation.method_name.as_str();
    let offset_name = operation.params.get(pagination.offset).map(|param| param.name.as_str()).unwrap_or_default();
    out.blank();
    docs::comment(
        out,
        &format!(
            " Every item of [`{method_name}`](Self::{method_name}), page by page: walks `{offset_name}` until the server's total is reached or a page comes back short or empty."
        ),
    );
    docs::comment(out, "");
    docs::comment(
        out,
        " The request's own offset is the starting point; its page size, if set, is kept for every page.",
    );
    docs::comment(out, " The stream ends after the first error, which it yields.");
    signature(
        out,
        &ident(&pagination.stream_method),
        operation,
        &format!("impl futures_core::Stream<Item = Result<{item}, crate::Error>> + Send + Unpin + 'static"),
    );
    out.line("let client = self.clone();");
    out.line(&format!("let start = {start}.unwrap_or(0);"));
    out.line(&format!("let page_size = {page_size};"));
    out.open("Box::pin(crate::runtime::paging::offset_stream(self.paging_limits(), start, page_size, move |offset| {");
    out.line("let client = client.clone();");
    out.line(&format!("let request = request.clone().{offset}({narrow});"));
    out.open("async move {");
    out.line(&format!("let response = client.{}(request).await?;", ident(&operation.method_name)));
    out.structure(
        "Ok(crate::runtime::paging::Page",
        &[format!("total: {total}"), format!("items: response.{items}")],
        ")",
    );
    out.close("}");
    out.close("}))");
    out.close("}");
}
