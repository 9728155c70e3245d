//! The client surface: one method per operation, paging streams, the API configuration and
//! the named error codes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{Scope, ident, type_tokens};
use crate::lower::bare;
use crate::model::{Api, AuthScheme, Operation, Response, TypeRef};

pub fn operations(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(|op| {
        let name = ident(&op.method_name);
        let request = ident(&op.request_type);
        let mut d = op.docs.clone();
        d.notes.push(format!("Build the request with [`{}`](crate::{}).", op.request_type, op.request_type));
        if let Some(e) = &op.error_type {
            d.notes.push(format!(
                "Documented error replies come back as `Error::Status`; read them with [`{e}::from_error`](crate::{e}::from_error)."
            ));
        }
        let doc = docs::attrs(&d, &format!("Calls `{}`.", op.id));
        let (ret, call) = match &op.response {
            Response::Json(t) => (type_tokens(t, Scope::Elsewhere), quote!(self.execute(request.into_call()?).await)),
            Response::Text => (quote!(String), quote!(self.execute_text(request.into_call()?).await)),
            Response::Bytes => (quote!(Vec<u8>), quote!(self.execute_bytes(request.into_call()?).await)),
            Response::Empty => (quote!(()), quote!(self.execute_empty(request.into_call()?).await)),
        };
        let stream = stream_method(op);
        quote! {
            #doc
            pub async fn #name(&self, request: crate::requests::#request) -> Result<#ret, crate::Error> {
                #call
            }
            #stream
        }
    });
    quote! {
        impl crate::Client {
            #(#methods)*
        }
    }
}

fn stream_method(op: &Operation) -> Option<TokenStream> {
    let p = op.pagination.as_ref()?;
    let name = format_ident!("{}_stream", bare(&op.method_name));
    let method = ident(&op.method_name);
    let request = ident(&op.request_type);
    let item = type_tokens(&p.item_type, Scope::Elsewhere);
    let offset = ident(&p.offset_param);
    let limit = ident(&p.limit_param);
    let items = ident(&p.items_field);
    let offset_ty = op.params.iter().find(|q| q.rust_name == p.offset_param).map(|q| &q.ty);
    let limit_ty = op.params.iter().find(|q| q.rust_name == p.limit_param).map(|q| &q.ty);
    let widen = |ty: Option<&TypeRef>, expr: TokenStream| match ty {
        Some(TypeRef::I32) => quote!(#expr.map(i64::from)),
        _ => expr,
    };
    let start = widen(offset_ty, quote!(request.#offset));
    let page_size = widen(limit_ty, quote!(request.#limit));
    let narrow = match offset_ty {
        Some(TypeRef::I32) => quote!(i32::try_from(offset).unwrap_or(i32::MAX)),
        _ => quote!(offset),
    };
    let total = match (&p.total_field, p.total_optional, p.total_is_i32) {
        (Some(t), false, false) => {
            let t = ident(t);
            quote!(Some(response.#t))
        }
        (Some(t), false, true) => {
            let t = ident(t);
            quote!(Some(i64::from(response.#t)))
        }
        (Some(t), true, false) => {
            let t = ident(t);
            quote!(response.#t)
        }
        (Some(t), true, true) => {
            let t = ident(t);
            quote!(response.#t.map(i64::from))
        }
        (None, ..) => quote!(None),
    };
    let doc = format!(
        " Every item of [`{}`](Self::{}), page by page: walks `{}` until the server's total is reached or a page comes back short or empty.",
        bare(&op.method_name),
        bare(&op.method_name),
        bare(&p.offset_param)
    );
    Some(quote! {
        #[doc = #doc]
        ///
        /// The request's own offset is the starting point; its page size, if set, is kept for every page.
        /// The stream ends after the first error, which it yields.
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
    })
}

pub fn api_config(api: &Api, parts: super::runtime::RuntimeParts) -> TokenStream {
    let base = api.default_base_url.clone().unwrap_or_default();
    let envelope = match &api.errors.envelope {
        Some(e) => {
            let (error, code, message) = (&e.error, &e.code, &e.message);
            let list = match &e.list {
                Some(l) => quote!(Some(#l)),
                None => quote!(None),
            };
            quote!(Some(crate::runtime::config::ErrorEnvelope { error: #error, code: #code, message: #message, list: #list }))
        }
        None => quote!(None),
    };
    let codes = api.errors.codes.iter().map(|c| {
        let code = proc_macro2::Literal::i64_unsuffixed(c.code);
        let (name, message, retryable) = (&c.name, &c.message, c.retryable);
        quote!(crate::runtime::config::KnownCode { code: #code, name: #name, message: #message, retryable: #retryable })
    });
    let credentials_env = api
        .auth
        .schemes
        .iter()
        .find_map(|s| match s {
            AuthScheme::ServiceAccountJwt { credentials_env: Some(env), .. } => Some(quote!(Some(#env))),
            _ => None,
        })
        .unwrap_or_else(|| quote!(None));
    let mut secret_fields: Vec<&str> = api
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            crate::model::TypeKind::Struct(s) => {
                Some(s.fields.iter().filter(|f| f.secret).map(|f| f.wire_name.as_str()))
            }
            _ => None,
        })
        .flatten()
        .chain(api.operations.iter().flat_map(|o| o.params.iter().filter(|p| p.secret).map(|p| p.wire_name.as_str())))
        .collect();
    secret_fields.sort_unstable();
    secret_fields.dedup();
    let title = format!(" Starts configuring a client for the {}.", api.title);
    // Until the model marks them, codes named AUTHORIZATION_FAILED are the refused-credentials codes.
    let auth_failure_codes = api
        .errors
        .codes
        .iter()
        .filter(|c| c.name == "AUTHORIZATION_FAILED")
        .map(|c| proc_macro2::Literal::i64_unsuffixed(c.code));
    let (error_codes, envelope_fields) = match parts.envelope {
        true => (
            quote! {
                /// The API's known error codes, sorted by code.
                pub(crate) const ERROR_CODES: &[crate::runtime::config::KnownCode] = &[#(#codes),*];
            },
            quote! {
                envelope: #envelope,
                error_codes: ERROR_CODES,
                auth_failure_codes: &[#(#auth_failure_codes),*],
            },
        ),
        false => (quote!(), quote!()),
    };
    let credentials_field = parts.service_account.then(|| quote!(credentials_env: #credentials_env,));
    quote! {
        #error_codes

        /// What the runtime needs to know about this API.
        pub(crate) static API: crate::runtime::config::ApiConfig = crate::runtime::config::ApiConfig {
            crate_name: env!("CARGO_PKG_NAME"),
            crate_version: env!("CARGO_PKG_VERSION"),
            default_base_url: #base,
            #envelope_fields
            #credentials_field
            secret_fields: &[#(#secret_fields),*],
        };

        impl crate::Client {
            #[doc = #title]
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&API)
            }
        }
    }
}

pub fn error_codes(api: &Api) -> Option<TokenStream> {
    if api.errors.codes.is_empty() {
        return None;
    }
    let consts = api.errors.codes.iter().enumerate().map(|(index, c)| {
        let name = format_ident!("{}", c.name);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let doc =
            format!(" `{}`: {}", c.code, docs::sanitize_line(if c.message.is_empty() { &c.name } else { &c.message }));
        let retry = c.retryable.then(|| quote!(#[doc = ""] #[doc = " Retryable: the API asks to try again later."]));
        quote!(#[doc = #doc] #retry pub const #name: Self = Self::known(&crate::api::ERROR_CODES[#index]);)
    });
    Some(quote! {
        impl crate::ErrorCode {
            #(#consts)*
        }
    })
}
