//! Schemas → named types and type references.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

use super::names::{Namer, pascal, shouty, snake};
use super::{Lowerer, docs};
use crate::diagnostics::push;
use crate::model::{
    DateTimeFormat, Docs, EnumVariant, Field, IntConst, Struct, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
};

/// Object-shaped content gathered from a schema (and, for `allOf`, from all its parts).
#[derive(Default)]
struct ObjectParts<'s> {
    properties: IndexMap<String, (&'s ReferenceOr<Box<Schema>>, String)>,
    required: Vec<String>,
    additional: Option<&'s AdditionalProperties>,
}

impl<'a> Lowerer<'a> {
    /// The Rust type of a schema use. Inline objects, enums and unions become named types
    /// called `hint`.
    pub(crate) fn type_of(&mut self, schema: &'a ReferenceOr<Schema>, hint: &str, ptr: &str) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.named_ref(reference, ptr),
            ReferenceOr::Item(s) => self.inline_type(s, hint, ptr),
        }
    }

    pub(crate) fn type_of_boxed(&mut self, schema: &'a ReferenceOr<Box<Schema>>, hint: &str, ptr: &str) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.named_ref(reference, ptr),
            ReferenceOr::Item(s) => self.inline_type(s, hint, ptr),
        }
    }

    fn named_ref(&mut self, reference: &str, ptr: &str) -> TypeRef {
        let Some(key) = self.ref_key(reference, "schemas", ptr) else { return TypeRef::Json };
        match self.components.get(key) {
            Some(name) => TypeRef::Named(name.clone()),
            None => {
                self.sink.error(ptr, format!("dangling `$ref: {reference}`: no such schema in components.schemas"));
                TypeRef::Json
            }
        }
    }

    /// The schema behind a use site, following `$ref`s into components.schemas.
    pub(crate) fn schema_target(&self, schema: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
        match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.lookup(reference),
        }
    }

    pub(crate) fn boxed_target(&self, schema: &'a ReferenceOr<Box<Schema>>) -> Option<&'a Schema> {
        match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.lookup(reference),
        }
    }

    fn lookup(&self, reference: &str) -> Option<&'a Schema> {
        let schemas = &self.doc.components.as_ref()?.schemas;
        let mut key = reference.strip_prefix("#/components/schemas/")?;
        for _ in 0..32 {
            match schemas.get(key)? {
                ReferenceOr::Item(s) => return Some(s),
                ReferenceOr::Reference { reference } => key = reference.strip_prefix("#/components/schemas/")?,
            }
        }
        None
    }

    /// Defines a named type for a component (or an inline schema that needs a name).
    pub(crate) fn define_named(&mut self, name: &str, schema: &'a ReferenceOr<Schema>, ptr: &str) {
        let (docs, kind) = match schema {
            ReferenceOr::Reference { reference } => (Docs::default(), TypeKind::Alias(self.named_ref(reference, ptr))),
            ReferenceOr::Item(s) => (docs::of_schema(s), self.kind_of(name, s, ptr)),
        };
        self.types.insert(name.to_owned(), TypeDef { name: name.to_owned(), origin: ptr.to_owned(), docs, kind });
    }

    fn inline_type(&mut self, s: &'a Schema, hint: &str, ptr: &str) -> TypeRef {
        const MAX_DEPTH: usize = 48;
        if self.depth >= MAX_DEPTH {
            self.sink.error(ptr, format!("schemas nested more than {MAX_DEPTH} levels deep are not supported"));
            return TypeRef::Json;
        }
        self.depth += 1;
        let t = self.inline_type_inner(s, hint, ptr);
        self.depth -= 1;
        t
    }

    fn inline_type_inner(&mut self, s: &'a Schema, hint: &str, ptr: &str) -> TypeRef {
        if let Some(t) = self.scalar(s, ptr) {
            return t;
        }
        if let Some(t) = self.container(s, hint, ptr) {
            return t;
        }
        // Needs a name of its own; a node met again (a cycle through allOf) reuses it.
        let key = std::ptr::from_ref(s) as usize;
        if let Some(name) = self.inline_names.get(&key) {
            return TypeRef::Named(name.clone());
        }
        let name = self.namer.unique(hint.to_owned());
        self.inline_names.insert(key, name.clone());
        let kind = self.kind_of(&name, s, ptr);
        if let TypeKind::Alias(t) = kind {
            self.inline_names.remove(&key);
            return t;
        }
        self.types.insert(
            name.clone(),
            TypeDef { name: name.clone(), origin: ptr.to_owned(), docs: docs::of_schema(s), kind },
        );
        TypeRef::Named(name)
    }

    /// Scalars that need no name: strings, numbers, booleans (enums do need one).
    fn scalar(&mut self, s: &Schema, ptr: &str) -> Option<TypeRef> {
        Some(match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                if st.enumeration.iter().flatten().next().is_some() {
                    return None;
                }
                match &st.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Date) => TypeRef::Date,
                    VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => {
                        TypeRef::DateTime(DateTimeFormat::Rfc3339)
                    }
                    _ => match unknown_format(&st.format).as_deref() {
                        Some("voximplant-timestamp") => TypeRef::DateTime(DateTimeFormat::SpaceSeparatedUtc),
                        _ => TypeRef::String,
                    },
                }
            }
            SchemaKind::Type(Type::Number(n)) => match unknown_format(&n.format).as_deref() {
                Some("decimal") => TypeRef::Decimal,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Integer(i)) if i.enumeration.iter().flatten().next().is_some() => return None,
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Any(a) if is_free_form(a) => TypeRef::Json,
            SchemaKind::Any(a) => match a.typ.as_deref() {
                // `type` with keywords openapiv3 could not place (e.g. `type: string` + `allOf`).
                Some("string")
                    if a.enumeration.is_empty()
                        && a.all_of.is_empty()
                        && a.one_of.is_empty()
                        && a.any_of.is_empty() =>
                {
                    TypeRef::String
                }
                Some("boolean") => TypeRef::Bool,
                Some("integer") => TypeRef::I64,
                Some("number") => TypeRef::F64,
                _ => return None,
            },
            SchemaKind::Not { .. } => {
                let _ = ptr;
                TypeRef::Json
            }
            _ => return None,
        })
    }

    /// Arrays and maps: no name of their own, but their items may need one.
    fn container(&mut self, s: &'a Schema, hint: &str, ptr: &str) -> Option<TypeRef> {
        match &s.schema_kind {
            SchemaKind::Type(Type::Array(a)) => Some(self.array_items(a.items.as_ref(), hint, ptr)),
            SchemaKind::Any(a)
                if a.typ.as_deref() == Some("array") || (a.items.is_some() && a.properties.is_empty()) =>
            {
                Some(self.array_items(a.items.as_ref(), hint, ptr))
            }
            SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => match &o.additional_properties {
                Some(AdditionalProperties::Schema(inner)) => Some(TypeRef::Map(Box::new(self.type_of(
                    inner,
                    &format!("{hint}Value"),
                    &push(ptr, "additionalProperties"),
                )))),
                _ => Some(TypeRef::Json),
            },
            SchemaKind::OneOf { one_of: alts } | SchemaKind::AnyOf { any_of: alts } if alts.len() == 1 => {
                alts.first().map(|only| self.type_of(only, hint, &push(ptr, "oneOf/0")))
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                all_of.first().map(|only| self.type_of(only, hint, &push(push(ptr, "allOf").as_str(), 0)))
            }
            _ => None,
        }
    }

    fn array_items(&mut self, items: Option<&'a ReferenceOr<Box<Schema>>>, hint: &str, ptr: &str) -> TypeRef {
        let item = match items {
            Some(i) => self.type_of_boxed(i, &format!("{hint}Item"), &push(ptr, "items")),
            None => TypeRef::Json,
        };
        TypeRef::List(Box::new(item))
    }

    /// What a named type is.
    fn kind_of(&mut self, name: &str, s: &'a Schema, ptr: &str) -> TypeKind {
        if let Some(values) = string_enum_values(s) {
            return TypeKind::StringEnum(self.enum_variants(&values, s, ptr));
        }
        if let Some(variants) = self.enum_of_alternatives(s) {
            return TypeKind::StringEnum(variants);
        }
        if let SchemaKind::Type(Type::Integer(i)) = &s.schema_kind {
            let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
            if !values.is_empty() {
                return TypeKind::IntEnum(self.int_consts(&values, s, ptr));
            }
        }
        match &s.schema_kind {
            SchemaKind::OneOf { one_of: alts } | SchemaKind::AnyOf { any_of: alts } if alts.len() > 1 => {
                let key = if matches!(s.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                self.union(name, s, alts, &push(ptr, key))
            }
            SchemaKind::Any(a) if a.one_of.len() > 1 && a.properties.is_empty() => {
                self.union(name, s, &a.one_of, &push(ptr, "oneOf"))
            }
            SchemaKind::Any(a) if a.any_of.len() > 1 && a.properties.is_empty() => {
                self.union(name, s, &a.any_of, &push(ptr, "anyOf"))
            }
            _ => {
                if let Some(t) = self.scalar(s, ptr) {
                    return TypeKind::Alias(t);
                }
                if let Some(t) = self.container(s, name, ptr) {
                    return TypeKind::Alias(t);
                }
                let mut parts = ObjectParts::default();
                self.collect_object(s, ptr, &mut parts, 0);
                TypeKind::Struct(self.structure(name, parts, ptr))
            }
        }
    }

    /// Gathers properties from an object schema, merging `allOf` members.
    fn collect_object(&self, s: &'a Schema, ptr: &str, parts: &mut ObjectParts<'a>, depth: usize) {
        if depth > 16 {
            return;
        }
        let mut add = |props: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
                       required: &[String],
                       extra: Option<&'a AdditionalProperties>,
                       at: String| {
            for (k, v) in props {
                parts.properties.entry(k.clone()).or_insert((v, push(&push(&at, "properties"), k)));
            }
            parts.required.extend(required.iter().cloned());
            if parts.additional.is_none() {
                parts.additional = extra;
            }
        };
        let all_of: &'a [ReferenceOr<Schema>] = match &s.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                add(&o.properties, &o.required, o.additional_properties.as_ref(), ptr.to_owned());
                &[]
            }
            SchemaKind::Any(a) => {
                add(&a.properties, &a.required, a.additional_properties.as_ref(), ptr.to_owned());
                &a.all_of
            }
            SchemaKind::AllOf { all_of } => all_of,
            _ => &[],
        };
        for (i, member) in all_of.iter().enumerate() {
            if let Some(target) = self.schema_target(member) {
                let at = match member {
                    ReferenceOr::Reference { reference } => reference.clone(),
                    ReferenceOr::Item(_) => push(&push(ptr, "allOf"), i),
                };
                self.collect_object(target, &at, parts, depth + 1);
            }
        }
    }

    fn structure(&mut self, name: &str, parts: ObjectParts<'a>, ptr: &str) -> Struct {
        let mut field_names = Namer::default();
        let mut fields = Vec::with_capacity(parts.properties.len());
        for (wire, (schema, at)) in parts.properties {
            let rust_name = field_names.unique(snake(&wire));
            let ty = self.type_of_boxed(schema, &format!("{name}{}", pascal(&wire)), &at);
            let target = self.boxed_target(schema);
            let docs = target.map(docs::of_schema).unwrap_or_default();
            let nullable = target.is_some_and(|t| t.schema_data.nullable);
            let required = parts.required.contains(&wire);
            let secret = docs::is_secret(target);
            fields.push(Field { rust_name, wire_name: wire, ty, required, nullable, secret, docs });
        }
        let additional = match parts.additional {
            Some(AdditionalProperties::Schema(inner)) if !fields.is_empty() => {
                Some(self.type_of(inner, &format!("{name}Value"), &push(ptr, "additionalProperties")))
            }
            _ => None,
        };
        Struct { fields, additional }
    }

    fn enum_variants(&mut self, values: &[String], s: &Schema, ptr: &str) -> Vec<EnumVariant> {
        let descriptions = self.enum_descriptions(s, ptr);
        let mut namer = Namer::default();
        namer.reserve("Other");
        values
            .iter()
            .map(|v| EnumVariant {
                rust_name: namer.unique(pascal(v)),
                wire_value: v.clone(),
                docs: Docs { description: descriptions.get(v).cloned(), ..Docs::default() },
            })
            .collect()
    }

    /// `oneOf` alternatives that are each a documented set of string values (a common way to
    /// give every enum value its own docs) are one enum, not a union of enums.
    fn enum_of_alternatives(&mut self, s: &Schema) -> Option<Vec<EnumVariant>> {
        let alts = match &s.schema_kind {
            SchemaKind::OneOf { one_of } => one_of,
            SchemaKind::AnyOf { any_of } => any_of,
            _ => return None,
        };
        let mut namer = Namer::default();
        namer.reserve("Other");
        let mut seen = std::collections::BTreeSet::new();
        let mut variants = Vec::new();
        for alt in alts {
            let ReferenceOr::Item(alt) = alt else { return None };
            let values = string_enum_values(alt)?;
            for v in values {
                if seen.insert(v.clone()) {
                    let description = alt.schema_data.description.clone();
                    variants.push(EnumVariant {
                        rust_name: namer.unique(pascal(&v)),
                        wire_value: v,
                        docs: Docs { description, ..Docs::default() },
                    });
                }
            }
        }
        (!variants.is_empty()).then_some(variants)
    }

    /// Constants of an integer enum, named by `x-enum-varnames` when the spec gives them.
    fn int_consts(&mut self, values: &[i64], s: &Schema, ptr: &str) -> Vec<IntConst> {
        let given: Option<Vec<String>> = s
            .schema_data
            .extensions
            .get("x-enum-varnames")
            .and_then(|v| v.as_array()?.iter().map(|n| n.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>());
        let given = given.filter(|g| g.len() == values.len());
        let descriptions = self.enum_descriptions(s, ptr);
        let mut namer = Namer::default();
        let mut seen = std::collections::BTreeSet::new();
        values
            .iter()
            .enumerate()
            .filter(|(_, v)| seen.insert(**v))
            .map(|(i, v)| {
                let wanted = match given.as_ref().and_then(|g| g.get(i)) {
                    Some(name) => shouty(name),
                    None if *v < 0 => format!("MINUS_{}", v.unsigned_abs()),
                    None => format!("V{v}"),
                };
                IntConst {
                    rust_name: namer.unique(wanted),
                    value: *v,
                    docs: Docs { description: descriptions.get(&v.to_string()).cloned(), ..Docs::default() },
                }
            })
            .collect()
    }

    fn union(&mut self, name: &str, s: &'a Schema, alts: &'a [ReferenceOr<Schema>], ptr: &str) -> TypeKind {
        let discriminator = s.schema_data.discriminator.as_ref();
        let mut namer = Namer::default();
        let mut variants = Vec::with_capacity(alts.len());
        for (i, alt) in alts.iter().enumerate() {
            let at = push(ptr, i);
            let ty = self.type_of(alt, &format!("{name}Variant{i}"), &at);
            let base = match &ty {
                TypeRef::Named(n) => n.clone(),
                other => variant_name(other),
            };
            let tag = discriminator.map(|d| {
                let target = match alt {
                    ReferenceOr::Reference { reference } => reference.as_str(),
                    ReferenceOr::Item(_) => "",
                };
                d.mapping
                    .iter()
                    .find(|(_, r)| r.as_str() == target)
                    .map(|(k, _)| k.clone())
                    .unwrap_or_else(|| target.rsplit('/').next().unwrap_or_default().to_owned())
            });
            variants.push(UnionVariant { rust_name: namer.unique(pascal(&base)), tag, ty });
        }
        if discriminator.is_some() && variants.iter().any(|v| v.tag.as_deref().is_none_or(str::is_empty)) {
            self.sink.error(
                push(ptr.rsplit_once('/').map_or(ptr, |(p, _)| p), "discriminator"),
                "a discriminator needs every alternative to be a `$ref` (or listed in `mapping`)",
            );
        }
        TypeKind::Union(Union {
            discriminator: discriminator.map(|d| d.property_name.clone()),
            to_param: false,
            variants,
        })
    }
}

fn unknown_format<T>(f: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Unknown(u) => Some(u.clone()),
        _ => None,
    }
}

fn is_free_form(a: &openapiv3::AnySchema) -> bool {
    a.typ.is_none()
        && a.properties.is_empty()
        && a.items.is_none()
        && a.enumeration.is_empty()
        && a.one_of.is_empty()
        && a.all_of.is_empty()
        && a.any_of.is_empty()
        && a.additional_properties.is_none()
}

/// The values of a string enum (`type: string` with `enum`, or untyped with string values).
fn string_enum_values(s: &Schema) -> Option<Vec<String>> {
    let values: Vec<String> = match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => st.enumeration.iter().flatten().cloned().collect(),
        SchemaKind::Any(a) if a.typ.as_deref().is_none_or(|t| t == "string") => {
            a.enumeration.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
        }
        _ => Vec::new(),
    };
    let mut seen = std::collections::BTreeSet::new();
    let values: Vec<String> = values.into_iter().filter(|v| seen.insert(v.clone())).collect();
    (!values.is_empty()).then_some(values)
}

fn variant_name(t: &TypeRef) -> String {
    match t {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "Boolean".into(),
        TypeRef::I32 | TypeRef::I64 => "Integer".into(),
        TypeRef::F64 | TypeRef::Decimal => "Number".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTime(_) => "DateTime".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Named(n) => n.clone(),
        TypeRef::List(i) => format!("{}List", variant_name(i)),
        TypeRef::Map(i) => format!("{}Map", variant_name(i)),
        TypeRef::Boxed(i) => variant_name(i),
        TypeRef::Bytes => "Bytes".into(),
    }
}

/// Fields typed by an alias of a date, time or decimal use the underlying type directly, and
/// dates nested in lists or maps (which serde `with` adapters cannot reach) stay strings.
pub fn see_through_aliases(types: &mut [TypeDef]) {
    let aliases: BTreeMap<String, TypeRef> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(inner) => Some((t.name.clone(), inner.clone())),
            _ => None,
        })
        .collect();
    let direct = |t: &TypeRef| -> TypeRef {
        let mut t = t.clone();
        for _ in 0..8 {
            match &t {
                TypeRef::Named(n) => match aliases.get(n) {
                    Some(inner @ (TypeRef::Date | TypeRef::DateTime(_))) => t = inner.clone(),
                    Some(inner @ TypeRef::Named(_)) => t = inner.clone(),
                    _ => break,
                },
                _ => break,
            }
        }
        t
    };
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    f.ty = strip_nested_time(&direct(&f.ty), false);
                }
                if let Some(a) = &mut s.additional {
                    *a = strip_nested_time(a, true);
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    v.ty = strip_nested_time(&v.ty, true);
                }
            }
            TypeKind::Alias(a) => *a = strip_nested_time(a, false),
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::OperationError(_) => {}
        }
    }
}

fn strip_nested_time(t: &TypeRef, nested: bool) -> TypeRef {
    match t {
        TypeRef::Date | TypeRef::DateTime(_) if nested => TypeRef::String,
        TypeRef::List(i) => TypeRef::List(Box::new(strip_nested_time(i, true))),
        TypeRef::Map(i) => TypeRef::Map(Box::new(strip_nested_time(i, true))),
        other => other.clone(),
    }
}
