//! `src/auth.rs`: an `Auth` constructor per API-key scheme (or combination of keys) the spec
//! declares, each one line over a runtime primitive. Bearer and basic credentials, and the
//! service account, have the runtime's own constructors.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::ident;
use crate::model::{ApiKey, ApiKeyConstructor, ApiKeyLocation, AuthScheme, Docs};

/// The API-key constructors the spec asks for.
fn constructors(api: &crate::model::Api) -> impl Iterator<Item = &ApiKeyConstructor> {
    api.auth.schemes.iter().filter_map(|scheme| match scheme {
        AuthScheme::ApiKeys(constructor) => Some(constructor),
        _ => None,
    })
}

/// Whether the crate has this file: the spec declares API keys.
pub fn wanted(api: &crate::model::Api) -> bool {
    constructors(api).next().is_some()
}

/// The file, for a crate that has it ([`wanted`]).
pub fn file(api: &crate::model::Api) -> TokenStream {
    let constructors = constructors(api).map(constructor_tokens);
    quote! {
        //! Constructors of `Auth` for the API keys the spec declares.

        impl crate::Auth {
            #(#constructors)*
        }
    }
}

fn constructor_tokens(constructor: &ApiKeyConstructor) -> TokenStream {
    let name = ident(&constructor.name);
    let wires: Vec<String> =
        constructor.keys.iter().map(|key| format!("`{}` ({})", key.wire_name, place(key))).collect();
    let summary = format!(" API keys: {}.", wires.join(", "));
    let doc = docs::attrs(&Docs { summary: Some(summary.trim().to_owned()), ..constructor.docs.clone() }, "");
    let arguments = constructor.keys.iter().map(|key| {
        let argument = ident(&key.argument);
        if key.identity { quote!(#argument: impl ToString) } else { quote!(#argument: impl Into<String>) }
    });
    let body = match constructor.keys.as_slice() {
        [only] => {
            let argument = ident(&only.argument);
            let wire = &only.wire_name;
            let value = if only.identity { quote!(#argument.to_string()) } else { quote!(#argument) };
            match only.location {
                ApiKeyLocation::Header => quote!(Self::from_header(#wire, #value)),
                ApiKeyLocation::Query => quote!(Self::from_query(#wire, #value)),
                ApiKeyLocation::Cookie => {
                    let template = format!("{}={{value}}", wire.replace('{', "{{").replace('}', "}}"));
                    let text = if only.identity { quote!(#argument.to_string()) } else { quote!(#argument.into()) };
                    quote! {
                        let value: String = #text;
                        Self::from_header("Cookie", format!(#template))
                    }
                }
            }
        }
        keys => {
            // Several keys travel as request parameters together.
            let parts = keys.iter().map(|key| {
                let argument = ident(&key.argument);
                let wire = &key.wire_name;
                if key.identity { quote!(.identity(#wire, #argument)) } else { quote!(.secret(#wire, #argument)) }
            });
            let query_allowed = keys.iter().all(|key| key.location == ApiKeyLocation::Query);
            quote!(Self::from_params(crate::runtime::auth::AuthParams::new() #(#parts)* .query_allowed(#query_allowed)))
        }
    };
    quote! {
        #doc
        pub fn #name(#(#arguments),*) -> Self {
            #body
        }
    }
}

fn place(key: &ApiKey) -> &'static str {
    match key.location {
        ApiKeyLocation::Header => "header",
        ApiKeyLocation::Query => "query",
        ApiKeyLocation::Cookie => "cookie",
    }
}
