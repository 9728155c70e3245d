//! Open enums: string enums keep unknown values in `Other`, integer enums are newtypes with a
//! constant per documented value.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::tokens::ident;
use crate::model::{Docs, EnumVariant, IntConst, Usage};

pub fn string_enum(name: &Ident, doc: TokenStream, variants: &[EnumVariant], usage: Usage) -> TokenStream {
    let idents: Vec<Ident> = variants.iter().map(|variant| ident(&variant.name)).collect();
    let wires: Vec<&str> = variants.iter().map(|variant| variant.wire_value.as_str()).collect();
    let known_body = known_body(name, &wires, &idents);
    let variant_docs = variants.iter().map(|variant| {
        let fallback = crate::lower::code(&variant.wire_value);
        let mut variant_docs = variant.docs.clone();
        if variant_docs.description.is_some() {
            variant_docs.notes.push(format!("Wire value: {}.", crate::lower::code(&variant.wire_value)));
        }
        docs::attrs(&variant_docs, &fallback)
    });
    let other_doc = docs::attrs(
        &Docs {
            summary: Some("A value this client does not know yet, kept exactly as received.".into()),
            ..Docs::default()
        },
        "",
    );
    let serialize = (super::types::writes(usage) != super::types::Writes::Never).then(|| {
        let gate = super::types::writes_cfg(usage);
        quote! {
            #gate
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        }
    });
    let deserialize = super::types::json_both_ways(usage).then(|| {
        quote! {
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    crate::runtime::wire::open_enum(deserializer, Self::known, Self::Other)
                }
            }
        }
    });
    let to_param = usage.as_param.then(|| {
        quote! {
            impl crate::runtime::wire::ToParam for #name {
                fn to_param(&self) -> String {
                    self.as_str().to_owned()
                }
            }
        }
    });
    // `Eq` and `Hash` (map keys), not `Ord`: an order between documented values and `Other` would
    // be arbitrary, and on big specs the derive is a measurable part of the build.
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents, )*
            #other_doc
            Other(String),
        }

        impl #name {
            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #wires, )*
                    Self::Other(value) => value,
                }
            }

            /// The documented value spelled `value`, if any.
            fn known(value: &str) -> Option<Self> {
                #known_body
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::Other(value.to_owned()))
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self::known(&value).unwrap_or(Self::Other(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #serialize
        #deserialize
        #to_param
    }
}

/// Long lists (country and language codes) are searched in a table sorted by spelling: a
/// `match` on hundreds of strings tries them one by one. Short lists keep the `match`, which
/// reads better and is quicker to compile.
const SEARCHED_FROM: usize = 32;

fn known_body(name: &Ident, wires: &[&str], idents: &[Ident]) -> TokenStream {
    if wires.len() < SEARCHED_FROM {
        return quote! {
            match value {
                #( #wires => Some(Self::#idents), )*
                _ => None,
            }
        };
    }
    let mut sorted: Vec<(&str, &Ident)> = wires.iter().copied().zip(idents).collect();
    sorted.sort_by(|left, right| left.0.cmp(right.0));
    let (sorted_wires, sorted_idents): (Vec<&str>, Vec<&Ident>) = sorted.into_iter().unzip();
    quote! {
        const KNOWN: &[(&str, #name)] = &[ #( (#sorted_wires, #name::#sorted_idents), )* ];
        crate::runtime::wire::search(KNOWN, value)
    }
}

pub fn int_enum(name: &Ident, doc: TokenStream, constants: &[IntConst], usage: Usage) -> TokenStream {
    let items = constants.iter().map(|constant| {
        let constant_name = ident(&constant.name);
        let value = proc_macro2::Literal::i64_unsuffixed(constant.value);
        let constant_doc = docs::attrs(&constant.docs, &format!("`{}`", constant.value));
        quote!(#constant_doc pub const #constant_name: Self = Self(#value);)
    });
    let serde = super::types::newtype_serde(usage);
    let to_param = usage.as_param.then(|| {
        quote! {
            impl crate::runtime::wire::ToParam for #name {
                fn to_param(&self) -> String {
                    self.0.to_string()
                }
            }
        }
    });
    quote! {
        #doc
        ///
        /// Open: values the spec does not list are kept as they are.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #serde
        pub struct #name(#[doc = " The value as sent."] pub i64);

        impl #name {
            #(#items)*
        }
        #to_param
    }
}
