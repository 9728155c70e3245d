//! `src/error_codes.rs`: the API's known error codes, as a table the runtime looks codes up in
//! and as named constants on `ErrorCode`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::ident;
use crate::model::Api;

/// Whether the crate has this file: the spec documents error codes.
pub fn wanted(api: &Api) -> bool {
    !api.errors.codes.is_empty()
}

/// The file, for a crate that has it ([`wanted`]).
pub fn file(api: &Api) -> TokenStream {
    let table = api.errors.codes.iter().map(|code| {
        let number = proc_macro2::Literal::i64_unsuffixed(code.code);
        let (name, message, retryable) = (code.name.as_str(), &code.message, code.retryable);
        quote!(crate::runtime::config::KnownCode { code: #number, name: #name, message: #message, retryable: #retryable })
    });
    let constants = api.errors.codes.iter().enumerate().map(|(index, code)| {
        let name = ident(&code.name);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let meaning = if code.message.is_empty() { code.name.as_str() } else { &code.message };
        let doc = format!(" `{}`: {}", code.code, docs::sanitize_line(meaning));
        let retry = code.retryable.then(|| quote!(#[doc = ""] #[doc = " Retryable: the API asks to try again later."]));
        quote!(#[doc = #doc] #retry pub const #name: Self = Self::known(&ERROR_CODES[#index]);)
    });
    quote! {
        //! The API's known error codes.

        /// Every documented code, sorted by code.
        pub(crate) const ERROR_CODES: &[crate::runtime::config::KnownCode] = &[#(#table),*];

        impl crate::ErrorCode {
            #(#constants)*
        }
    }
}
