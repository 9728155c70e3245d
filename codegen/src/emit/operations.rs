//! `src/operations.rs`: one `Client` method per operation, and a stream per paged operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::{Scope, ident, type_name, type_tokens};
use crate::model::{Api, IntWidth, Operation, Pagination, Response, TypeKind};

pub fn file(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(|operation| method(api, operation));
    quote! {
        //! The client's methods: one per operation. Each returns the runtime's shared call future
        //! (`.await` it), so an operation adds no async state machine of its own to compile, and
        //! each is `#[inline]`, so an operation (its request encoding included) is compiled by
        //! the crate that calls it, like generic code: users compile the operations they use.
        impl crate::Client {
            #(#methods)*
        }
    }
}

fn method(api: &Api, operation: &Operation) -> TokenStream {
    let name = ident(&operation.method_name);
    let request = ident(&operation.request_type);
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
    let doc = docs::attrs(&method_docs, &format!("Calls `{}`.", operation.id));
    let reply = match &operation.response {
        Response::Json(ty) => type_tokens(api, ty, Scope::Elsewhere),
        Response::MaybeJson(ty) => {
            let ty = type_tokens(api, ty, Scope::Elsewhere);
            quote!(Option<#ty>)
        }
        Response::Text => quote!(String),
        Response::Bytes => quote!(Vec<u8>),
        Response::Empty => quote!(()),
    };
    let stream = operation.pagination.as_ref().map(|pagination| stream_method(api, operation, pagination));
    quote! {
        #doc
        #[inline]
        pub fn #name(&self, request: crate::requests::#request) -> impl Future<Output = Result<#reply, crate::Error>> {
            self.call(request)
        }
        #stream
    }
}

fn stream_method(api: &Api, operation: &Operation, pagination: &Pagination) -> TokenStream {
    let name = ident(&pagination.stream_method);
    let method = ident(&operation.method_name);
    let request = ident(&operation.request_type);
    let item = type_tokens(api, &pagination.item_type, Scope::Elsewhere);
    let param = |index: usize| operation.params.get(index).map(|param| ident(&param.name));
    let (Some(offset), Some(limit)) = (param(pagination.offset), param(pagination.limit)) else {
        return TokenStream::new();
    };
    let fields = match api.type_def(pagination.reply).map(|def| &def.kind) {
        Some(TypeKind::Struct(structure)) => &structure.fields,
        _ => return TokenStream::new(),
    };
    let Some(items) = fields.get(pagination.items_field).map(|field| ident(&field.name)) else {
        return TokenStream::new();
    };
    let widen = |width: IntWidth, expression: TokenStream| match width {
        IntWidth::I32 => quote!(#expression.map(i64::from)),
        IntWidth::I64 => expression,
    };
    let start = widen(pagination.offset_width, quote!(request.#offset));
    let page_size = widen(pagination.limit_width, quote!(request.#limit));
    let narrow = match pagination.offset_width {
        IntWidth::I32 => quote!(i32::try_from(offset).unwrap_or(i32::MAX)),
        IntWidth::I64 => quote!(offset),
    };
    let total =
        match pagination.total.and_then(|total| fields.get(total.field).map(|field| (total, ident(&field.name)))) {
            Some((total, field)) => match (total.optional, total.width) {
                (false, IntWidth::I64) => quote!(Some(response.#field)),
                (false, IntWidth::I32) => quote!(Some(i64::from(response.#field))),
                (true, IntWidth::I64) => quote!(response.#field),
                (true, IntWidth::I32) => quote!(response.#field.map(i64::from)),
            },
            None => quote!(None),
        };
    let method_name = operation.method_name.as_str();
    let offset_name = operation.params.get(pagination.offset).map(|param| param.name.as_str()).unwrap_or_default();
    let doc = format!(
        " Every item of [`{method_name}`](Self::{method_name}), page by page: walks `{offset_name}` until the server's total is reached or a page comes back short or empty."
    );
    quote! {
        #[doc = #doc]
        ///
        /// The request's own offset is the starting point; its page size, if set, is kept for every page.
        /// The stream ends after the first error, which it yields.
        #[inline]
        pub fn #name(
            &self,
            request: crate::requests::#request,
        ) -> impl futures_core::Stream<Item = Result<#item, crate::Error>> + Send + Unpin + 'static {
            let client = self.clone();
            let start = #start.unwrap_or(0);
            let page_size = #page_size;
            Box::pin(crate::runtime::paging::offset_stream(self.paging_limits(), start, page_size, move |offset| {
                let client = client.clone();
                let request = request.clone().#offset(#narrow);
                async move {
                    let response = client.#method(request).await?;
                    Ok(crate::runtime::paging::Page { total: #total, items: response.#items })
                }
            }))
        }
    }
}
