//! `Serialize` and `Deserialize` of structs, written out instead of derived: a struct is read
//! as a JSON object only, its keys looked up in one shared runtime table, and written as a map.
//! The derive would add a field enum with three visitors and an array form per struct, which
//! is most of what rustc spends its time on in a generated crate.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::tokens::{Scope, ident, type_tokens};
use crate::model::{Adapter, Api, DateTimeFormat, Field, Shape, Struct};

/// The runtime newtype that carries a field's wire format, if it has one.
fn wire_format(adapter: Option<Adapter>) -> Option<TokenStream> {
    let (name, option) = match adapter? {
        Adapter::Date { option } => ("Day", option),
        Adapter::DateTime { format: DateTimeFormat::SpaceSeparatedUtc, option } => ("Timestamp", option),
        Adapter::DateTime { format: DateTimeFormat::Rfc3339, option } => ("Rfc3339", option),
        Adapter::AbsentOrNull => return None,
    };
    let name = if option { format_ident!("Optional{name}") } else { format_ident!("{name}") };
    Some(quote!(crate::runtime::wire_time::#name))
}

/// Writes the fields as a map: optional fields only when set, nullable ones as `null`.
pub fn serialize(type_name: &Ident, structure: &Struct) -> TokenStream {
    let entries = structure.fields.iter().map(|field| {
        let name = ident(&field.name);
        let key = &field.wire_name;
        match (field.shape, wire_format(field.adapter)) {
            (Shape::Optional, Some(format)) => quote! {
                if let Some(value) = self.#name { map.serialize_entry(#key, &#format(Some(value)))?; }
            },
            (_, Some(format)) => quote!(map.serialize_entry(#key, &#format(self.#name))?;),
            (Shape::Optional | Shape::OptionalNullable, None) => quote! {
                if let Some(value) = &self.#name { map.serialize_entry(#key, value)?; }
            },
            (Shape::Required | Shape::Nullable, None) => quote!(map.serialize_entry(#key, &self.#name)?;),
        }
    });
    let additional = structure.additional.as_ref().map(|additional| {
        let name = ident(&additional.name);
        quote! {
            for (key, value) in &self.#name {
                map.serialize_entry(key, value)?;
            }
        }
    });
    quote! {
        impl serde::Serialize for #type_name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                #(#entries)*
                #additional
                map.end()
            }
        }
    }
}

/// Reads a JSON object: known keys by position, unknown ones ignored (or kept in the struct's
/// map of other keys), a missing required field an error naming it.
pub fn deserialize(api: &Api, type_name: &Ident, structure: &Struct) -> TokenStream {
    let keys: Vec<&str> = structure.fields.iter().map(|field| field.wire_name.as_str()).collect();
    let slots: Vec<Ident> = (0..structure.fields.len()).map(|index| format_ident!("field{index}")).collect();
    // A slot's type is the one its key's arm reads.
    let declarations = slots.iter().map(|slot| quote!(let mut #slot = None;));
    // Known keys come back as `Some(position)` (or `Ok(position)` when other keys are kept).
    let known = if structure.additional.is_some() { quote!(Ok) } else { quote!(Some) };
    let arms: Vec<TokenStream> = structure
        .fields
        .iter()
        .zip(&slots)
        .enumerate()
        .map(|(index, (field, slot))| {
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            let read = read_value(api, field);
            quote!(#known(#index) => #slot.store(#read),)
        })
        .collect();
    let values = structure.fields.iter().zip(&slots).map(|(field, slot)| {
        let name = ident(&field.name);
        let key = &field.wire_name;
        match field.shape {
            Shape::Required => quote!(#name: crate::runtime::wire::required(#slot, #key)?),
            // Absent reads as `None`; for absent-or-null, null is `Some(None)`.
            Shape::OptionalNullable if field.adapter == Some(Adapter::AbsentOrNull) => quote!(#name: #slot),
            Shape::Optional | Shape::Nullable | Shape::OptionalNullable => quote!(#name: #slot.flatten()),
        }
    });
    let (seed, unknown, other_keys, other_value) = match &structure.additional {
        Some(additional) => {
            let name = ident(&additional.name);
            (
                quote!(crate::runtime::wire::KeysOrOther),
                quote! {
                    Err(key) => { #name.insert(key, map.next_value()?); }
                    Ok(_) => { map.next_value::<serde::de::IgnoredAny>()?; }
                },
                quote!(let mut #name = std::collections::BTreeMap::new();),
                quote!(#name,),
            )
        }
        None => (
            quote!(crate::runtime::wire::Keys),
            quote!(_ => { map.next_value::<serde::de::IgnoredAny>()?; }),
            TokenStream::new(),
            TokenStream::new(),
        ),
    };
    let expecting = format!("a `{type_name}` object");
    let body = if structure.fields.is_empty() && structure.additional.is_none() {
        quote! {
            while map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
            Ok(#type_name {})
        }
    } else {
        // Only the arms of known keys store in slots.
        let slot_trait = (!structure.fields.is_empty()).then(|| {
            quote!(
                use crate::runtime::wire::Slot as _;
            )
        });
        quote! {
            #slot_trait
            let mut keys = #seed::new(&[#(#keys),*]);
            #(#declarations)*
            #other_keys
            while let Some(key) = map.next_key_seed(&mut keys)? {
                match key {
                    #(#arms)*
                    #unknown
                }
            }
            Ok(#type_name { #(#values,)* #other_value })
        }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #type_name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #type_name;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        formatter.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#type_name, A::Error> {
                        #body
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// The type a field is read into before the struct is built.
fn slot_type(api: &Api, field: &Field) -> TokenStream {
    let ty = type_tokens(api, &field.ty, Scope::Types);
    match field.shape {
        Shape::Required => ty,
        Shape::Optional | Shape::Nullable | Shape::OptionalNullable => quote!(Option<#ty>),
    }
}

/// Reads one field's value (its wire format through the runtime's newtype).
fn read_value(api: &Api, field: &Field) -> TokenStream {
    match wire_format(field.adapter) {
        Some(format) => quote!(map.next_value::<#format>()?.0),
        None => {
            let ty = slot_type(api, field);
            quote!(map.next_value::<#ty>()?)
        }
    }
}
