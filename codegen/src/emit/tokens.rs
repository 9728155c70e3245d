//! Spelling model identifiers and type uses as Rust tokens, for the files built as tokens.

use proc_macro2::{Span, TokenStream};
use quote::quote;

use super::text::{Scope, type_text};
use crate::model::{Api, Ident, TypeRef};

/// A model identifier as a token (raw when the model says so).
pub fn ident(name: &Ident) -> proc_macro2::Ident {
    if name.is_raw() {
        proc_macro2::Ident::new_raw(name.as_str(), Span::call_site())
    } else {
        proc_macro2::Ident::new(name.as_str(), Span::call_site())
    }
}

/// A fixed identifier of the generator's own (never a keyword).
pub fn word(text: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(text, Span::call_site())
}

/// The Rust type of a use: [`type_text`]'s spelling, as tokens (one spelling of types for both
/// kinds of emitted code).
pub fn type_tokens(api: &Api, ty: &TypeRef, scope: Scope) -> TokenStream {
    // The text is made of identifiers, paths and brackets, which always lex.
    type_text(api, ty, scope).parse().unwrap_or_else(|_| quote!(UnknownType))
}
