//! `Debug` that never prints secrets (`format: password` fields and parameters).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::ident;
use crate::lower::bare;

/// One member to print: its identifier, whether it is secret, whether it is an `Option`.
pub struct Member<'a> {
    pub rust_name: &'a str,
    pub secret: bool,
    pub optional: bool,
}

/// A hand-written `Debug` impl, or `None` when no member is secret (then `derive` is used).
pub fn redacting(name: &Ident, members: &[Member<'_>], extra: Option<&str>) -> Option<TokenStream> {
    if !members.iter().any(|m| m.secret) {
        return None;
    }
    let fields = members.iter().map(|m| {
        let label = bare(m.rust_name);
        let id = ident(m.rust_name);
        match (m.secret, m.optional) {
            (false, _) => quote!(.field(#label, &self.#id)),
            (true, false) => quote!(.field(#label, &"<redacted>")),
            (true, true) => quote!(.field(#label, &self.#id.as_ref().map(|_| "<redacted>"))),
        }
    });
    let extra = extra.map(|e| {
        let id = ident(e);
        quote!(.field(#e, &self.#id))
    });
    let label = name.to_string();
    Some(quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #extra .finish()
            }
        }
    })
}
