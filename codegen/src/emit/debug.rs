//! `Debug` that never prints secrets (`format: password` fields and parameters).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::ident;
use crate::model;

/// One member to print: its identifier, whether it is secret, whether it is an `Option`.
pub struct Member<'a> {
    pub name: &'a model::Ident,
    pub secret: bool,
    pub optional: bool,
}

/// A hand-written `Debug` impl, or `None` when no member is secret (then `derive` is used).
pub fn redacting(type_name: &Ident, members: &[Member<'_>], extra: Option<&model::Ident>) -> Option<TokenStream> {
    if !members.iter().any(|member| member.secret) {
        return None;
    }
    let fields = members.iter().map(|member| {
        let label = member.name.as_str();
        let field = ident(member.name);
        match (member.secret, member.optional) {
            (false, _) => quote!(.field(#label, &self.#field)),
            (true, false) => quote!(.field(#label, &"<redacted>")),
            (true, true) => quote!(.field(#label, &self.#field.as_ref().map(|_| "<redacted>"))),
        }
    });
    let extra = extra.map(|name| {
        let label = name.as_str();
        let field = ident(name);
        quote!(.field(#label, &self.#field))
    });
    let label = type_name.to_string();
    Some(quote! {
        impl std::fmt::Debug for #type_name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #extra .finish()
            }
        }
    })
}
