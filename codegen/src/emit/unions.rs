//! `oneOf`/`anyOf` unions: tagged by a discriminator, or chosen by the shape of the value so
//! that an alternative never swallows another's data.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::{Scope, ident, type_tokens};
use crate::model::{Api, JsonKind, Tagging, Union, Usage, VariantShape};

pub fn union(api: &Api, name: &Ident, doc: TokenStream, union: &Union, usage: Usage) -> TokenStream {
    let idents: Vec<Ident> = union.variants.iter().map(|variant| ident(&variant.name)).collect();
    let types: Vec<TokenStream> =
        union.variants.iter().map(|variant| type_tokens(api, &variant.ty, Scope::Types)).collect();
    let variant_docs = union.variants.iter().map(|variant| match &variant.tag {
        Some(tag) => format!(" Selected by `{tag}`."),
        None => format!(" A `{}` value.", variant.name.as_str()),
    });
    let to_param = usage.as_param.then(|| {
        quote! {
            impl crate::runtime::wire::ToParam for #name {
                fn to_param(&self) -> String {
                    match self {
                        #( Self::#idents(value) => crate::runtime::wire::ToParam::to_param(value), )*
                    }
                }
            }
        }
    });
    // Written as the alternative itself (`untagged`); only replies-only unions need the feature.
    let serialize = match super::types::writes(usage) {
        super::types::Writes::Always => Some(quote!(#[derive(serde::Serialize)] #[serde(untagged)])),
        super::types::Writes::WithFeature => {
            Some(quote!(#[cfg_attr(feature = "serialize-replies", derive(serde::Serialize), serde(untagged))]))
        }
        super::types::Writes::Never => None,
    };
    let (how, deserialize) = match &union.tagging {
        Tagging::Untagged => (
            " Decoding picks the alternative that fits the value best (required keys, constant values, known keys), so that none swallows another's data.".to_owned(),
            super::types::json_both_ways(usage).then(|| untagged_deserialize(name, union, &idents)),
        ),
        Tagging::Discriminator { property } => (
            format!(" The `{property}` property selects the alternative."),
            super::types::json_both_ways(usage).then(|| tagged_deserialize(name, union, property, &idents)),
        ),
    };
    quote! {
        #doc
        ///
        #[doc = #how]
        #[derive(Debug, Clone, PartialEq)]
        #serialize
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #idents(#types), )*
        }
        #deserialize
        #to_param
    }
}

fn untagged_deserialize(name: &Ident, union: &Union, idents: &[Ident]) -> TokenStream {
    let alternatives = union.variants.iter().map(|variant| alternative(&variant.shape));
    let indexes = (0..idents.len()).map(proc_macro2::Literal::usize_unsuffixed);
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use crate::runtime::union::{Alternative, Json};
                const ALTERNATIVES: &[Alternative] = &[#(#alternatives),*];
                let value = serde_json::Value::deserialize(deserializer)?;
                crate::runtime::union::decode(value, ALTERNATIVES, |index, value| match index {
                    #( #indexes => serde_json::from_value(value).map(Self::#idents), )*
                    _ => Err(serde::de::Error::custom("no such alternative")),
                })
                .map_err(serde::de::Error::custom)
            }
        }
    }
}

fn alternative(shape: &VariantShape) -> TokenStream {
    let json = match shape.json {
        JsonKind::Any => quote!(Json::Any),
        JsonKind::Object => quote!(Json::Object),
        JsonKind::Array => quote!(Json::Array),
        JsonKind::String => quote!(Json::String),
        JsonKind::Integer => quote!(Json::Integer),
        JsonKind::Number => quote!(Json::Number),
        JsonKind::Boolean => quote!(Json::Boolean),
    };
    let required = &shape.required;
    let constants = shape.constants.iter().map(|(key, value)| quote!((#key, #value)));
    let known = &shape.known;
    quote! {
        Alternative { json: #json, required: &[#(#required),*], constants: &[#(#constants),*], known: &[#(#known),*] }
    }
}

fn tagged_deserialize(name: &Ident, union: &Union, property: &str, idents: &[Ident]) -> TokenStream {
    let tags: Vec<&str> = union.variants.iter().map(|variant| variant.tag.as_deref().unwrap_or_default()).collect();
    let expected = tags.join(", ");
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #( Some(#tags) => serde_json::from_value(value).map(Self::#idents).map_err(D::Error::custom), )*
                    other => Err(D::Error::custom(format!(
                        "unknown `{}` value {:?} (expected one of: {})", #property, other, #expected
                    ))),
                }
            }
        }
    }
}
