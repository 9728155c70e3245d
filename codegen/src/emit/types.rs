//! Schema types: structs, open enums, unions and aliases.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::model::{
    DateTimeFormat, Docs, EnumVariant, ErrorStatus, ErrorVariant, Field, IntConst, Struct, TypeDef, TypeKind, TypeRef,
    Union,
};

/// An identifier, raw when spelled `r#...`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Where a type is spelled: inside `types.rs` named types need no path.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Types,
    Elsewhere,
}

pub fn type_tokens(t: &TypeRef, scope: Scope) -> TokenStream {
    match t {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F64 => quote!(f64),
        TypeRef::Decimal => quote!(rust_decimal::Decimal),
        TypeRef::Date => quote!(time::Date),
        TypeRef::DateTime(_) => quote!(time::OffsetDateTime),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Named(n) => {
            let id = ident(n);
            match scope {
                Scope::Types => quote!(#id),
                Scope::Elsewhere => quote!(crate::types::#id),
            }
        }
        TypeRef::List(i) => {
            let i = type_tokens(i, scope);
            quote!(Vec<#i>)
        }
        TypeRef::Map(i) => {
            let i = type_tokens(i, scope);
            quote!(std::collections::BTreeMap<String, #i>)
        }
        TypeRef::Boxed(i) => {
            let i = type_tokens(i, scope);
            quote!(Box<#i>)
        }
        TypeRef::Bytes => quote!(Vec<u8>),
    }
}

/// The serde adapter a date or time needs (`None` for types whose own serde impl is right).
pub fn serde_with(t: &TypeRef, optional: bool) -> Option<String> {
    let base = match t {
        TypeRef::Date => "crate::runtime::wire_time::date",
        TypeRef::DateTime(DateTimeFormat::SpaceSeparatedUtc) => "crate::runtime::wire_time::timestamp",
        TypeRef::DateTime(DateTimeFormat::Rfc3339) => "time::serde::rfc3339",
        _ => return None,
    };
    Some(if optional { format!("{base}::option") } else { base.to_owned() })
}

pub fn type_def(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs, &format!("The `{}` schema.", def.name));
    match &def.kind {
        TypeKind::Struct(s) => structure(&name, doc, s),
        TypeKind::StringEnum(variants) => string_enum(&name, doc, variants),
        TypeKind::Union(u) => union(&name, doc, u),
        TypeKind::Alias(t) => {
            let t = type_tokens(t, Scope::Types);
            quote! { #doc pub type #name = #t; }
        }
        TypeKind::OperationError(variants) => operation_error(&name, doc, variants),
        TypeKind::IntEnum(consts) => int_enum(&name, doc, consts),
    }
}

fn structure(name: &Ident, doc: TokenStream, s: &Struct) -> TokenStream {
    let fields = s.fields.iter().map(field);
    let additional = s.additional.as_ref().map(|t| {
        let t = type_tokens(t, Scope::Types);
        quote! {
            /// The object's other keys.
            #[serde(flatten)]
            pub additional_properties: std::collections::BTreeMap<String, #t>,
        }
    });
    let members: Vec<super::debug::Member<'_>> = s
        .fields
        .iter()
        .map(|f| super::debug::Member {
            rust_name: &f.rust_name,
            secret: f.secret,
            optional: !f.required || f.nullable,
        })
        .collect();
    let debug_impl = super::debug::redacting(name, &members, s.additional.as_ref().map(|_| "additional_properties"));
    let derive_debug = debug_impl.is_none().then(|| quote!(Debug,));
    quote! {
        #doc
        #[derive(#derive_debug Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #debug_impl
    }
}

fn field(f: &Field) -> TokenStream {
    let optional = !f.required || f.nullable;
    let name = ident(&f.rust_name);
    let doc = docs::attrs(&f.docs, &format!("The `{}` field.", f.wire_name));
    let mut serde = Vec::new();
    if crate::lower::bare(&f.rust_name) != f.wire_name {
        let wire = &f.wire_name;
        serde.push(quote!(rename = #wire));
    }
    if optional {
        serde.push(quote!(default));
        if !f.required {
            serde.push(quote!(skip_serializing_if = "Option::is_none"));
        }
    }
    let adapter = serde_with(&f.ty, optional);
    // Optional and nullable: absent (`None`) and null (`Some(None)`) stay distinct, unless a
    // date adapter is needed (then both read as `None`).
    let absent_or_null = !f.required && f.nullable && adapter.is_none();
    if let Some(with) = adapter {
        serde.push(quote!(with = #with));
    } else if absent_or_null {
        serde.push(quote!(with = "crate::runtime::wire::nullable"));
    }
    let attr = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let ty = type_tokens(&f.ty, Scope::Types);
    let ty = match (optional, absent_or_null) {
        (_, true) => quote!(Option<Option<#ty>>),
        (true, false) => quote!(Option<#ty>),
        (false, false) => ty,
    };
    quote! { #doc #attr pub #name: #ty, }
}

fn int_enum(name: &Ident, doc: TokenStream, consts: &[IntConst]) -> TokenStream {
    let items = consts.iter().map(|c| {
        let id = format_ident!("{}", c.rust_name);
        let value = proc_macro2::Literal::i64_unsuffixed(c.value);
        let d = docs::attrs(&c.docs, &format!("`{}`", c.value));
        quote!(#d pub const #id: Self = Self(#value);)
    });
    quote! {
        #doc
        ///
        /// Open: values the spec does not list are kept as they are.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(#[doc = " The value as sent."] pub i64);

        impl #name {
            #(#items)*
        }

        impl crate::runtime::wire::ToParam for #name {
            fn to_param(&self) -> String {
                self.0.to_string()
            }
        }
    }
}

fn operation_error(name: &Ident, doc: TokenStream, variants: &[ErrorVariant]) -> TokenStream {
    let idents: Vec<Ident> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let types: Vec<TokenStream> = variants.iter().map(|v| type_tokens(&v.ty, Scope::Types)).collect();
    let variant_docs = variants.iter().map(|v| {
        let status = match v.status {
            ErrorStatus::Code(c) => format!("HTTP {c}"),
            ErrorStatus::Range(r) => format!("HTTP {r}xx"),
            ErrorStatus::Default => "Any other status".to_owned(),
        };
        docs::attrs(&Docs { summary: Some(status), ..v.docs.clone() }, "")
    });
    let arms = variants.iter().zip(&idents).map(|(v, id)| {
        let pattern = match v.status {
            ErrorStatus::Code(c) => {
                let c = proc_macro2::Literal::u16_unsuffixed(c);
                quote!(#c)
            }
            ErrorStatus::Range(r) => {
                let low = proc_macro2::Literal::u16_unsuffixed(r.saturating_mul(100));
                let high = proc_macro2::Literal::u16_unsuffixed(r.saturating_mul(100).saturating_add(99));
                quote!(#low..=#high)
            }
            ErrorStatus::Default => quote!(_),
        };
        quote!(#pattern => Self::#id(serde_json::from_slice(body).ok()?),)
    });
    let fallback = (!variants.iter().any(|v| v.status == ErrorStatus::Default)).then(|| quote!(_ => return None,));
    // Only `default` documented: every status decodes the same way, no match needed.
    let (status_arg, decoded) = match variants {
        [only] if only.status == ErrorStatus::Default => {
            let id = ident(&only.rust_name);
            (quote!(_status), quote!(Self::#id(serde_json::from_slice(body).ok()?)))
        }
        _ => (quote!(status), quote!(match status.as_u16() { #(#arms)* #fallback })),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
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
                #status_arg: reqwest::StatusCode,
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

fn string_enum(name: &Ident, doc: TokenStream, variants: &[EnumVariant]) -> TokenStream {
    let idents: Vec<Ident> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = variants.iter().map(|v| {
        let fallback = crate::lower::code(&v.wire_value);
        let mut d = v.docs.clone();
        if d.description.is_some() {
            d.notes.push(format!("Wire value: {}.", crate::lower::code(&v.wire_value)));
        }
        docs::attrs(&d, &fallback)
    });
    let other_doc = docs::attrs(
        &Docs {
            summary: Some("A value this client does not know yet, kept exactly as received.".into()),
            ..Docs::default()
        },
        "",
    );
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#idents, )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #( #wires => Self::#idents, )*
                    _ => Self::Other(value),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }

        impl crate::runtime::wire::ToParam for #name {
            fn to_param(&self) -> String {
                self.as_str().to_owned()
            }
        }
    }
}

fn union(name: &Ident, doc: TokenStream, u: &Union) -> TokenStream {
    let idents: Vec<Ident> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let types: Vec<TokenStream> = u.variants.iter().map(|v| type_tokens(&v.ty, Scope::Types)).collect();
    let to_param = u.to_param.then(|| {
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
    let variant_docs = u.variants.iter().map(|v| match &v.tag {
        Some(tag) => format!(" Selected by `{tag}`."),
        None => format!(" A `{}` value.", v.rust_name),
    });
    match &u.discriminator {
        None => quote! {
            #doc
            ///
            /// Decoding tries the alternatives in the order the spec lists them and keeps the first that fits.
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #( #[doc = #variant_docs] #idents(#types), )*
            }
            #to_param
        },
        Some(property) => {
            let tags: Vec<&str> = u.variants.iter().map(|v| v.tag.as_deref().unwrap_or_default()).collect();
            let expected = tags.join(", ");
            quote! {
                #doc
                ///
                #[doc = concat!(" The `", #property, "` property selects the alternative.")]
                #[derive(Debug, Clone, PartialEq, serde::Serialize)]
                #[serde(untagged)]
                pub enum #name {
                    #( #[doc = #variant_docs] #idents(#types), )*
                }

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
                #to_param
            }
        }
    }
}
