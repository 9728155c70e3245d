//! `src/lib.rs`: crate docs, modules and the re-exports that make every public item
//! reachable from the crate root.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::ident;
use crate::model::Api;

pub fn file(api: &Api, has_error_codes: bool) -> TokenStream {
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
    let type_names: Vec<_> = api.types.iter().map(|def| ident(&def.name)).collect();
    let request_names: Vec<_> = api.operations.iter().map(|operation| ident(&operation.request_type)).collect();
    let error_codes = has_error_codes.then(|| {
        quote! {
            #[rustfmt::skip]
            mod error_codes;
        }
    });
    let request_use = (!request_names.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub use requests::{#(#request_names),*};
        }
    });
    let type_use = (!type_names.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub use types::{#(#type_names),*};
        }
    });
    let service_account = api.needs.service_account.then(|| {
        quote!(
            pub use runtime::auth::ServiceAccount;
        )
    });
    let envelope = api.needs.envelope.then(|| {
        quote!(
            pub use runtime::error::{ApiErrorDetail, ErrorCode};
        )
    });
    quote! {
        #(#![doc = #crate_docs])*
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        // Formatted by the generator (prettyplease); rustfmt would only reflow it.
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
        pub use runtime::auth::Auth;
        #service_account
        pub use runtime::client::{Client, ClientBuilder};
        pub use runtime::error::Error;
        #envelope
        pub use runtime::retry::RetryPolicy;
        #type_use
    }
}
