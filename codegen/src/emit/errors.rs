//! The documented error replies of an operation, as one enum chosen by HTTP status.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::tokens::{Scope, ident, type_tokens};
use crate::model::{Api, Docs, ErrorStatus, ErrorVariant};

pub fn operation_error(api: &Api, name: &Ident, doc: TokenStream, variants: &[ErrorVariant]) -> TokenStream {
    let idents: Vec<Ident> = variants.iter().map(|variant| ident(&variant.name)).collect();
    let types: Vec<TokenStream> = variants.iter().map(|variant| type_tokens(api, &variant.ty, Scope::Types)).collect();
    let variant_docs = variants.iter().map(|variant| {
        let status = match variant.status {
            ErrorStatus::Code(code) => format!("HTTP {code}"),
            ErrorStatus::Range(range) => format!("HTTP {range}xx"),
            ErrorStatus::Default => "Any other status".to_owned(),
        };
        docs::attrs(&Docs { summary: Some(status), ..variant.docs.clone() }, "")
    });
    let arms = variants.iter().zip(&idents).map(|(variant, variant_name)| {
        let pattern = match variant.status {
            ErrorStatus::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            ErrorStatus::Range(range) => {
                let low = proc_macro2::Literal::u16_unsuffixed(range.saturating_mul(100));
                let high = proc_macro2::Literal::u16_unsuffixed(range.saturating_mul(100).saturating_add(99));
                quote!(#low..=#high)
            }
            ErrorStatus::Default => quote!(_),
        };
        quote!(#pattern => Self::#variant_name(serde_json::from_slice(body).ok()?),)
    });
    let fallback =
        (!variants.iter().any(|variant| variant.status == ErrorStatus::Default)).then(|| quote!(_ => return None,));
    // Only `default` documented: every status decodes the same way, no match needed.
    let (status_argument, decoded) = match variants {
        [only] if only.status == ErrorStatus::Default => {
            let variant_name = ident(&only.name);
            (quote!(_status), quote!(Self::#variant_name(serde_json::from_slice(body).ok()?)))
        }
        _ => (quote!(status), quote!(match status.as_u16() { #(#arms)* #fallback })),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents(#types), )*
        }

        impl #name {
            /// The documented error reply inside `error`, if the call failed with one.
            pub fn from_error(error: &crate::Error) -> Option<&Self> {
                match error {
                    crate::Error::Status { error, .. } => error.as_any().downcast_ref(),
                    _ => None,
                }
            }

            /// Decodes a non-success reply by its status; `None` when it is not documented or
            /// does not have the documented shape.
            pub(crate) fn decode(
                #status_argument: reqwest::StatusCode,
                body: &[u8],
            ) -> Option<Box<dyn crate::runtime::error::ErrorBody>> {
                let decoded = #decoded;
                Some(Box::new(decoded))
            }
        }

        impl crate::runtime::error::ErrorBody for #name {
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
    }
}
