//! `src/types.rs`: the spec's schemas, request bodies and replies as Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{Scope, allow_many_arguments, ident, type_tokens};
use super::{debug, docs, enums, errors, serde_impls, unions};
use crate::model::{Api, Field, Shape, Struct, TypeDef, TypeKind, TypeRef, Usage};

/// The start of the file; the types follow, one [`definition`] each.
pub fn head() -> TokenStream {
    quote! {
        //! Types of the spec's schemas, request bodies and responses.
    }
}

/// One type, with its impls.
pub fn definition(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs, &format!("The `{}` schema.", def.name.as_str()));
    match &def.kind {
        TypeKind::Struct(structure) => structure_tokens(api, def, structure, doc),
        TypeKind::Enum(variants) => enums::string_enum(&name, doc, variants, def.usage),
        TypeKind::IntEnum(constants) => enums::int_enum(&name, doc, constants, def.usage),
        TypeKind::Union(union) => unions::union(api, &name, doc, union, def.usage),
        TypeKind::Alias(target) => {
            let same = alias_note(api, target);
            let target = type_tokens(api, target, Scope::Types);
            quote! { #doc #same pub type #name = #target; }
        }
        TypeKind::OperationError(variants) => errors::operation_error(api, &name, doc, variants),
    }
}

/// For another name of a named type (a shared inline schema, a `$ref` under a name of its
/// own), a doc line that says so; error enums say it in their own words.
fn alias_note(api: &Api, target: &TypeRef) -> Option<TokenStream> {
    let TypeRef::Named(id) = target else { return None };
    let def = api.type_def(*id).filter(|def| !matches!(def.kind, TypeKind::OperationError(_)))?;
    let line = format!(" The same type as [`{}`].", def.name.as_str());
    Some(quote!(#[doc = ""] #[doc = #line]))
}

/// Whether a type travels as JSON at all (parameter-only enums do not): then it reads JSON.
pub fn json_both_ways(usage: Usage) -> bool {
    usage.sent || usage.received
}

/// When a type writes JSON: always when it is sent; a type only ever received writes JSON
/// only with the crate's `serialize-replies` feature (to store or replay replies), which
/// most users never need and everyone would otherwise compile.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    Always,
    WithFeature,
    Never,
}

pub fn writes(usage: Usage) -> Writes {
    match (usage.sent, usage.received) {
        (true, _) => Writes::Always,
        (false, true) => Writes::WithFeature,
        (false, false) => Writes::Never,
    }
}

/// The `cfg` that puts a `Serialize` impl behind the feature, when it belongs there.
pub fn writes_cfg(usage: Usage) -> Option<TokenStream> {
    (writes(usage) == Writes::WithFeature).then(|| quote!(#[cfg(feature = "serialize-replies")]))
}

/// The serde derives of a newtype: `Deserialize` when it reads JSON, `Serialize` as [`writes`]
/// says, and `transparent` when either is there.
pub fn newtype_serde(usage: Usage) -> TokenStream {
    let deserialize = json_both_ways(usage).then(|| quote!(#[derive(serde::Deserialize)]));
    let serialize = match writes(usage) {
        Writes::Always => Some(quote!(#[derive(serde::Serialize)])),
        Writes::WithFeature => Some(quote!(#[cfg_attr(feature = "serialize-replies", derive(serde::Serialize))])),
        Writes::Never => None,
    };
    let transparent = json_both_ways(usage).then(|| quote!(#[serde(transparent)]));
    quote!(#deserialize #serialize #transparent)
}

fn structure_tokens(api: &Api, def: &TypeDef, structure: &Struct, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let fields = structure.fields.iter().map(|field| field_tokens(api, field));
    let additional = structure.additional.as_ref().map(|additional| {
        let map_name = ident(&additional.name);
        let value = type_tokens(api, &additional.ty, Scope::Types);
        quote! {
            /// The object's other keys.
            pub #map_name: std::collections::BTreeMap<String, #value>,
        }
    });
    let members: Vec<debug::Member<'_>> = structure
        .fields
        .iter()
        .map(|field| debug::Member { name: &field.name, secret: field.secret, optional: field.shape.is_option() })
        .collect();
    let debug_impl =
        debug::redacting(&name, &members, structure.additional.as_ref().map(|additional| &additional.name));
    let derive_debug = debug_impl.is_none().then(|| quote!(Debug,));
    let builder = structure.builder.as_ref();
    let derive_default = builder.filter(|builder| builder.default).map(|_| quote!(Default,));
    let methods = builder.map(|builder| builder_methods(api, def, structure, builder.default, &builder.setters));
    let serialize = (writes(def.usage) != Writes::Never).then(|| {
        let gate = writes_cfg(def.usage);
        let serialize = serde_impls::serialize(&name, structure);
        quote!(#gate #serialize)
    });
    let deserialize = json_both_ways(def.usage).then(|| serde_impls::deserialize(api, &name, structure));
    quote! {
        #doc
        #[derive(#derive_debug Clone, PartialEq, #derive_default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #methods
        #debug_impl
        #serialize
        #deserialize
    }
}

fn field_tokens(api: &Api, field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let doc = docs::attrs(&field.docs, &format!("The `{}` field.", field.wire_name));
    let ty = field_type(api, field, Scope::Types);
    quote! { #doc pub #name: #ty, }
}

/// The declared type of a field, wrapped as its shape says.
pub fn field_type(api: &Api, field: &Field, scope: Scope) -> TokenStream {
    let ty = type_tokens(api, &field.ty, scope);
    match field.shape {
        Shape::Required => ty,
        Shape::Optional | Shape::Nullable => quote!(Option<#ty>),
        Shape::OptionalNullable => quote!(Option<Option<#ty>>),
    }
}

/// `new(required..)` (unless everything is optional: then `Default`) and a setter per
/// optional field.
fn builder_methods(
    api: &Api,
    def: &TypeDef,
    structure: &Struct,
    default: bool,
    setters: &[Option<crate::model::Ident>],
) -> TokenStream {
    let name = def.name.as_str();
    let mut arguments = Vec::new();
    let mut initializers = Vec::new();
    let mut argument_docs = Vec::new();
    for (field, setter) in structure.fields.iter().zip(setters) {
        let field_name = ident(&field.name);
        match setter {
            Some(_) => initializers.push(quote!(#field_name: None)),
            None => {
                let (argument, value) = argument(api, field);
                arguments.push(quote!(#field_name: #argument));
                initializers.push(if field_name == value.to_string() {
                    quote!(#field_name)
                } else {
                    quote!(#field_name: #value)
                });
                argument_docs.push(format!(" - `{}`: {}", field.name.as_str(), first_line(field)));
            }
        }
    }
    if let Some(additional) = &structure.additional {
        let map_name = ident(&additional.name);
        initializers.push(quote!(#map_name: std::collections::BTreeMap::new()));
    }
    let constructor = (!default).then(|| {
        let doc = format!(" A `{name}` with its required fields.");
        let allow = allow_many_arguments(arguments.len());
        quote! {
            #[doc = #doc]
            ///
            /// Arguments:
            #(#[doc = #argument_docs])*
            #allow
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#initializers),* }
            }
        }
    });
    let setter_methods = structure.fields.iter().zip(setters).filter_map(|(field, setter)| {
        let setter = ident(setter.as_ref()?);
        let field_name = ident(&field.name);
        let (argument, value) = argument(api, field);
        let doc = match field.shape {
            Shape::OptionalNullable => format!(" Sets `{}` (`None` sends `null`).", field.wire_name),
            _ => format!(" Sets `{}`.", field.wire_name),
        };
        Some(quote! {
            #[doc = #doc]
            pub fn #setter(mut self, #field_name: #argument) -> Self {
                self.#field_name = Some(#value);
                self
            }
        })
    });
    let setter_methods: Vec<TokenStream> = setter_methods.collect();
    if constructor.is_none() && setter_methods.is_empty() {
        return TokenStream::new();
    }
    let type_name = ident(&def.name);
    quote! {
        impl #type_name {
            #constructor
            #(#setter_methods)*
        }
    }
}

/// What a constructor argument or setter of a field takes, and the stored value made from it.
fn argument(api: &Api, field: &Field) -> (TokenStream, TokenStream) {
    let name = ident(&field.name);
    let inner = match field.shape {
        Shape::Nullable | Shape::OptionalNullable => {
            let ty = type_tokens(api, &field.ty, Scope::Types);
            return (quote!(Option<#ty>), quote!(#name));
        }
        Shape::Required | Shape::Optional => &field.ty,
    };
    match inner {
        TypeRef::String => (quote!(impl Into<String>), quote!(#name.into())),
        TypeRef::Boxed(boxed) => {
            let ty = type_tokens(api, boxed, Scope::Types);
            (quote!(#ty), quote!(Box::new(#name)))
        }
        other => (type_tokens(api, other, Scope::Types), quote!(#name)),
    }
}

fn first_line(field: &Field) -> String {
    let text = field.docs.summary.as_deref().or(field.docs.description.as_deref()).unwrap_or("");
    match text.lines().next().filter(|line| !line.trim().is_empty()) {
        Some(line) => docs::sanitize_line(line),
        None => format!("the `{}` field.", field.wire_name),
    }
}
