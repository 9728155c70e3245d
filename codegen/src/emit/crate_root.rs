//! `src/lib.rs`: crate docs, modules and the re-exports that make every public item
//! reachable from the crate root.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::model::Api;

/// The optional modules the crate has.
#[derive(Clone, Copy)]
pub struct Modules {
    pub error_codes: bool,
    pub auth: bool,
}

pub fn file(api: &Api, modules: Modules) -> TokenStream {
    let mut crate_docs = vec![format!(" {}", docs::sanitize_line(&api.title)), String::new()];
    if let Some(description) = &api.description {
        crate_docs.extend(
            docs::sanitize(description)
                .lines()
                .map(|line| if line.is_empty() { String::new() } else { format!(" {line}") }),
        );
        crate_docs.push(String::new());
    }
    crate_docs
        .push(format!(" Generated from version {} of the spec. See the README for a first call.", api.spec_version));
    let auth = modules.auth.then(|| {
        quote! {
            #[rustfmt::skip]
            mod auth;
        }
    });
    let error_codes = modules.error_codes.then(|| {
        quote! {
            #[rustfmt::skip]
            mod error_codes;
        }
    });
    // Globs, not lists: a new operation or type then adds no line here, and a list reflowed
    // by the formatter would move every name after it. The namer keeps spec names apart from
    // the runtime's re-exports, so no glob name is ever shadowed.
    let request_use = (!api.operations.is_empty()).then(|| {
        quote!(
            pub use requests::*;
        )
    });
    let type_use = (!api.types.is_empty()).then(|| {
        quote!(
            pub use types::*;
        )
    });
    let service_account = api.needs.service_account.then(|| {
        quote!(
            pub use runtime::auth::ServiceAccount;
        )
    });
    // A multipart file's type is named in request signatures.
    let call_use = if api.needs.multipart {
        quote!(
            pub use runtime::call::{FilePart, RequestOptions};
        )
    } else {
        quote!(
            pub use runtime::call::RequestOptions;
        )
    };
    let envelope = api.needs.envelope.then(|| {
        quote!(
            pub use runtime::error::{ApiErrorDetail, ErrorCode};
        )
    });
    quote! {
        #(#![doc = #crate_docs])*
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        // Laid out by the generator; rustfmt would only reflow it.
        #auth
        #[rustfmt::skip]
        mod config;
        #error_codes
        #[rustfmt::skip]
        mod operations;
        #[rustfmt::skip]
        pub mod requests;
        #[rustfmt::skip]
        pub mod runtime;
        #[rustfmt::skip]
        pub mod types;

        #request_use
        // In rustfmt's order, so that `cargo fmt` leaves the file alone.
        pub use runtime::auth::Auth;
        #service_account
        #call_use
        pub use runtime::client::{Client, ClientBuilder};
        pub use runtime::error::Error;
        #envelope
        pub use runtime::reply::Reply;
        pub use runtime::retry::RetryPolicy;
        #type_use
    }
}
