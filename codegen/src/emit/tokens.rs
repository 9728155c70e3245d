//! Spelling model identifiers and type uses as Rust tokens.

use proc_macro2::{Span, TokenStream};
use quote::quote;

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

/// Where a type is spelled: inside `types.rs` named types need no path.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Types,
    Elsewhere,
}

/// The Rust type of a use.
pub fn type_tokens(api: &Api, ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::U64 => quote!(u64),
        TypeRef::F64 => quote!(f64),
        TypeRef::Decimal => quote!(rust_decimal::Decimal),
        TypeRef::Date => quote!(time::Date),
        TypeRef::DateTime(_) => quote!(time::OffsetDateTime),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Bytes => quote!(Vec<u8>),
        TypeRef::Named(id) => {
            let name = api.type_def(*id).map(|def| ident(&def.name)).unwrap_or_else(|| word("UnknownType"));
            match scope {
                Scope::Types => quote!(#name),
                Scope::Elsewhere => quote!(crate::types::#name),
            }
        }
        TypeRef::List(item) => {
            let item = type_tokens(api, item, scope);
            quote!(Vec<#item>)
        }
        TypeRef::Tuple(items) => {
            let items = items.iter().map(|item| type_tokens(api, item, scope));
            quote!((#(#items,)*))
        }
        TypeRef::Map(value) => {
            let value = type_tokens(api, value, scope);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(Box<#inner>)
        }
    }
}

/// The name of a type, for docs.
pub fn type_name(api: &Api, id: crate::model::TypeId) -> String {
    api.type_def(id).map(|def| def.name.to_string()).unwrap_or_default()
}
