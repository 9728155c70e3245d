//! `src/auth.rs`: an `Auth` constructor per API-key scheme (or combination of keys) the spec
//! declares, each one line over a runtime primitive. Bearer and basic credentials, and the
//! service account, have the runtime's own constructors.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::ident;
use crate::model::{ApiKey, ApiKeyConstructor, ApiKeyLocation, AuthScheme, Docs, Ident, KeyedToken};

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
    let summary = match &constructor.token {
        None => format!(" API keys: {}.", wires.join(", ")),
        Some(KeyedToken::Bearer { .. }) => {
            format!(" API keys and a bearer token, sent together: {}.", wires.join(", "))
        }
        Some(KeyedToken::Basic { .. }) => {
            format!(" API keys and HTTP basic credentials, sent together: {}.", wires.join(", "))
        }
    };
    let doc = docs::attrs(&Docs { summary: Some(summary.trim().to_owned()), ..constructor.docs.clone() }, "");
    // An account identity is a number; keys, tokens and passwords are text.
    let identities: Vec<&Ident> = constructor.keys.iter().filter(|key| key.identity).map(|key| &key.argument).collect();
    let arguments = constructor.arguments().into_iter().map(|argument| {
        let typed = if identities.contains(&argument) { quote!(impl ToString) } else { quote!(impl Into<String>) };
        let argument = ident(argument);
        quote!(#argument: #typed)
    });
    let (cookie_lets, parts) = credentials(constructor);
    let (first, rest) = parts.split_first().map_or((None, &[][..]), |(first, rest)| (Some(first), rest));
    quote! {
        #doc
        pub fn #name(#(#arguments),*) -> Self {
            #(#cookie_lets)*
            #first #(.and(#rest))*
        }
    }
}

/// The credentials a constructor combines, each one runtime primitive, with the statements
/// that make its cookie text first.
fn credentials(constructor: &ApiKeyConstructor) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let keys = &constructor.keys;
    let value = |key: &ApiKey| {
        let argument = ident(&key.argument);
        if key.identity { quote!(#argument.to_string()) } else { quote!(#argument) }
    };
    let mut parts = Vec::new();
    let query: Vec<&ApiKey> = keys.iter().filter(|key| key.location == ApiKeyLocation::Query).collect();
    match query.as_slice() {
        [] => {}
        [only] if !only.identity => {
            let (wire, value) = (&only.wire_name, value(only));
            parts.push(quote!(Self::from_query(#wire, #value)));
        }
        // Several parameters travel together, in the form body when the call has one (out of
        // URLs), and the identity among them follows `acting_as`.
        several => {
            let params = several.iter().map(|key| {
                let argument = ident(&key.argument);
                let wire = &key.wire_name;
                if key.identity { quote!(.identity(#wire, #argument)) } else { quote!(.secret(#wire, #argument)) }
            });
            parts.push(
                quote!(Self::from_params(crate::runtime::auth::AuthParams::new() #(#params)* .query_allowed(true))),
            );
        }
    }
    for key in keys.iter().filter(|key| key.location == ApiKeyLocation::Header) {
        let (wire, value) = (&key.wire_name, value(key));
        parts.push(quote!(Self::from_header(#wire, #value)));
    }
    // Cookies share one `Cookie` header.
    let cookies: Vec<&ApiKey> = keys.iter().filter(|key| key.location == ApiKeyLocation::Cookie).collect();
    let mut lets = Vec::new();
    if !cookies.is_empty() {
        let mut pairs = Vec::new();
        let mut positional = Vec::new();
        for key in &cookies {
            let argument = ident(&key.argument);
            let text = if key.identity { quote!(#argument.to_string()) } else { quote!(#argument.into()) };
            lets.push(quote!(let #argument: String = #text;));
            let wire = key.wire_name.replace('{', "{{").replace('}', "}}");
            // A format string can name `value` but not `r#type`.
            if key.argument.is_raw() {
                pairs.push(format!("{wire}={{}}"));
                positional.push(argument);
            } else {
                pairs.push(format!("{wire}={{{}}}", key.argument.as_str()));
            }
        }
        let template = pairs.join("; ");
        parts.push(quote!(Self::from_header("Cookie", format!(#template #(, #positional)*))));
    }
    match &constructor.token {
        Some(KeyedToken::Bearer { argument }) => {
            let argument = ident(argument);
            parts.push(quote!(Self::from_bearer(#argument)));
        }
        Some(KeyedToken::Basic { user, password }) => {
            let (user, password) = (ident(user), ident(password));
            parts.push(quote!(Self::from_basic(#user, #password)));
        }
        None => {}
    }
    (lets, parts)
}

fn place(key: &ApiKey) -> &'static str {
    match key.location {
        ApiKeyLocation::Header => "header",
        ApiKeyLocation::Query => "query",
        ApiKeyLocation::Cookie => "cookie",
    }
}
