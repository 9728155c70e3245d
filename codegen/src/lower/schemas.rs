//! Schemas → named types and type references.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

use super::names::{Namer, pascal, shouty, snake};
use super::{Lowerer, docs, reserved};
use crate::diagnostics::push;
use crate::model::{
    Additional, ConstValue, DateTimeFormat, Docs, EnumVariant, Field, IntConst, OneWay, Shape, Struct, TypeId,
    TypeKind, TypeRef,
};

/// Object-shaped content gathered from a schema (and, for `allOf`, from all its parts).
#[derive(Default)]
struct ObjectParts<'s> {
    properties: IndexMap<String, Declaration<'s>>,
    required: Vec<String>,
    additional: Option<&'s AdditionalProperties>,
    /// Properties that two `allOf` members give different JSON types: the key, the kept
    /// member's pointer and the other's.
    conflicts: Vec<(String, String, String)>,
    /// Further object declarations of a property (Matrix's `unsigned`, declared with some
    /// fields by a base and with more by a refinement): merged into one type with the first.
    merged: IndexMap<String, Vec<Declaration<'s>>>,
    /// The `oneOf`/`anyOf` whose alternatives' fields were taken in as optional fields.
    optional_from: Vec<String>,
}

/// A property's schema and where it is declared.
type Declaration<'s> = (&'s ReferenceOr<Box<Schema>>, String);

/// The JSON type a schema declares, numbers counted as one.
fn declared_json_type(schema: &Schema) -> Option<&'static str> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => Some("a string"),
        SchemaKind::Type(Type::Number(_) | Type::Integer(_)) => Some("a number"),
        SchemaKind::Type(Type::Boolean(_)) => Some("a boolean"),
        SchemaKind::Type(Type::Object(_)) => Some("an object"),
        SchemaKind::Type(Type::Array(_)) => Some("an array"),
        _ => None,
    }
}

impl<'a> Lowerer<'a> {
    /// The Rust type of a schema use. Inline objects, enums and unions become named types
    /// called `hint`.
    pub(crate) fn type_of(&mut self, schema: &'a ReferenceOr<Schema>, hint: &str, pointer: &str) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.named_ref(reference, pointer),
            ReferenceOr::Item(schema) => self.inline_type(schema, hint, pointer),
        }
    }

    pub(crate) fn type_of_boxed(&mut self, schema: &'a ReferenceOr<Box<Schema>>, hint: &str, pointer: &str) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.named_ref(reference, pointer),
            ReferenceOr::Item(schema) => self.inline_type(schema, hint, pointer),
        }
    }

    fn named_ref(&mut self, reference: &str, pointer: &str) -> TypeRef {
        let Some(key) = self.ref_key(reference, "schemas", pointer) else { return TypeRef::Json };
        match self.components.get(key.as_ref()) {
            Some(id) => TypeRef::Named(*id),
            None => {
                self.sink.error(pointer, format!("dangling `$ref: {reference}`: no such schema in components.schemas"));
                TypeRef::Json
            }
        }
    }

    /// The schema behind a use site, following `$ref`s into components.schemas.
    pub(crate) fn schema_target<'s>(&self, schema: &'s ReferenceOr<Schema>) -> Option<&'s Schema>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.lookup(reference),
        }
    }

    pub(crate) fn boxed_target(&self, schema: &'a ReferenceOr<Box<Schema>>) -> Option<&'a Schema> {
        match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.lookup(reference),
        }
    }

    fn lookup(&self, reference: &str) -> Option<&'a Schema> {
        let schemas = &self.doc.components.as_ref()?.schemas;
        let mut reference = reference;
        for _ in 0..32 {
            let key = super::unescape(reference.strip_prefix("#/components/schemas/")?);
            match schemas.get(key.as_ref())? {
                ReferenceOr::Item(schema) => return Some(schema),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    /// Defines a named type for a component.
    pub(crate) fn define_named(&mut self, id: TypeId, schema: &'a ReferenceOr<Schema>, pointer: &str) {
        let (docs, kind) = match schema {
            ReferenceOr::Reference { reference } => {
                (Docs::default(), TypeKind::Alias(self.named_ref(reference, pointer)))
            }
            ReferenceOr::Item(schema) => {
                let name = self.type_name(id);
                (docs::of_schema(schema), self.kind_of(&name, schema, pointer))
            }
        };
        self.define(id, docs, kind);
    }

    /// The Rust name of a type, for naming the inline types inside it.
    pub(crate) fn type_name(&self, id: TypeId) -> String {
        self.types.get(id.0).map(|def| def.name.as_str().to_owned()).unwrap_or_default()
    }

    fn inline_type(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> TypeRef {
        const MAX_DEPTH: usize = 48;
        if self.depth >= MAX_DEPTH {
            self.sink.error(pointer, format!("schemas nested more than {MAX_DEPTH} levels deep are not supported"));
            return TypeRef::Json;
        }
        self.depth += 1;
        let ty = self.inline_type_inner(schema, hint, pointer);
        self.depth -= 1;
        ty
    }

    fn inline_type_inner(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> TypeRef {
        if let Some(ty) = self.scalar(schema) {
            return ty;
        }
        if let Some(ty) = self.container(schema, hint, pointer) {
            return ty;
        }
        // Needs a name of its own; a node met again (a cycle through allOf) reuses it.
        let node = std::ptr::from_ref(schema) as usize;
        if let Some(id) = self.inline_types.get(&node) {
            return TypeRef::Named(*id);
        }
        let name = self.type_names.unique(hint);
        let id = self.reserve_type(name.clone(), pointer);
        self.inline_types.insert(node, id);
        let kind = self.kind_of(name.as_str(), schema, pointer);
        self.define(id, docs::of_schema(schema), kind);
        TypeRef::Named(id)
    }

    /// Scalars that need no name: strings, numbers, booleans (enums do need one).
    fn scalar(&mut self, schema: &Schema) -> Option<TypeRef> {
        Some(match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                if string.enumeration.iter().flatten().next().is_some() {
                    return None;
                }
                match &string.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Date) => TypeRef::Date,
                    VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => {
                        TypeRef::DateTime(DateTimeFormat::Rfc3339)
                    }
                    _ => match unknown_format(&string.format) {
                        Some("voximplant-timestamp") => TypeRef::DateTime(DateTimeFormat::SpaceSeparatedUtc),
                        _ => TypeRef::String,
                    },
                }
            }
            SchemaKind::Type(Type::Number(number)) => match unknown_format(&number.format) {
                Some("decimal") => TypeRef::Decimal,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Integer(integer)) if integer.enumeration.iter().flatten().next().is_some() => {
                return None;
            }
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::I32,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uint64" => TypeRef::U64,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Any(any) if is_free_form(any) || is_null_only(any) => TypeRef::Json,
            SchemaKind::Any(any) => match any.typ.as_deref() {
                // `type` with keywords openapiv3 could not place (e.g. `type: string` + `allOf`).
                Some("string")
                    if any.enumeration.is_empty()
                        && any.all_of.is_empty()
                        && any.one_of.is_empty()
                        && any.any_of.is_empty() =>
                {
                    TypeRef::String
                }
                Some("boolean") => TypeRef::Bool,
                // An integer `enum` with values past `i64` (openapiv3 keeps it untyped).
                Some("integer") if any.format.as_deref() == Some("uint64") => TypeRef::U64,
                Some("integer") => TypeRef::I64,
                Some("number") => TypeRef::F64,
                _ => return None,
            },
            SchemaKind::Not { .. } => TypeRef::Json,
            _ => return None,
        })
    }

    /// Arrays and maps: no name of their own, but their items may need one.
    fn container(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> Option<TypeRef> {
        if let Some(items) = schema.schema_data.extensions.get("x-prefix-items") {
            let tuple = self.tuple(items, pointer);
            if !schema.schema_data.extensions.contains_key("x-prefix-open") {
                return Some(tuple);
            }
            // More items may follow the listed positions: a list, typed when every position
            // and the rest share one type (`[lon, lat, alt?]` numbers).
            let rest = match &schema.schema_kind {
                SchemaKind::Type(Type::Array(array)) => array.items.as_ref(),
                _ => None,
            };
            let rest = rest.map(|items| {
                let item = self.type_of_boxed(items, &format!("{hint}Item"), &push(pointer, "items"));
                self.element(item, self.boxed_target(items))
            });
            let TypeRef::Tuple(positions) = &tuple else { return Some(TypeRef::List(Box::new(TypeRef::Json))) };
            let first = positions.first().cloned().unwrap_or(TypeRef::Json);
            let shared = positions.iter().chain(rest.iter()).all(|position| *position == first);
            if !shared {
                self.sink.warning(
                    push(pointer, "prefixItems"),
                    "more items may follow these positions, and not all of one type: the array is a list of free-form JSON values",
                );
            }
            return Some(TypeRef::List(Box::new(if shared { first } else { TypeRef::Json })));
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Array(array)) => Some(self.array_items(array.items.as_ref(), hint, pointer)),
            SchemaKind::Any(any)
                if any.typ.as_deref() == Some("array") || (any.items.is_some() && any.properties.is_empty()) =>
            {
                Some(self.array_items(any.items.as_ref(), hint, pointer))
            }
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                Some(self.map_of(object.additional_properties.as_ref(), hint, pointer))
            }
            // An object without properties that openapiv3 could not type (a `format` beside
            // `type: object`, or `additionalProperties` without a `type`): a map, not a struct
            // with no fields that would drop every key.
            SchemaKind::Any(any) if is_map(any) => Some(self.map_of(any.additional_properties.as_ref(), hint, pointer)),
            SchemaKind::OneOf { one_of: alternatives } | SchemaKind::AnyOf { any_of: alternatives }
                if alternatives.len() == 1 =>
            {
                alternatives.first().map(|only| self.type_of(only, hint, &push(pointer, "oneOf/0")))
            }
            SchemaKind::Any(any) if let Some((key, only)) = single_alternative(any) => {
                Some(self.type_of(only, hint, &push(&push(pointer, key), 0)))
            }
            SchemaKind::AllOf { all_of } => self.only_member(all_of, hint, pointer),
            SchemaKind::Any(any) if is_bare_all_of(any) => self.only_member(&any.all_of, hint, pointer),
            _ => None,
        }
    }

    /// The values of a JSON object with no known properties: a map when `additionalProperties`
    /// gives their schema, else free-form JSON.
    fn map_of(&mut self, additional: Option<&'a AdditionalProperties>, hint: &str, pointer: &str) -> TypeRef {
        match additional {
            Some(AdditionalProperties::Schema(inner)) => TypeRef::Map(Box::new(self.map_value(inner, hint, pointer))),
            _ => TypeRef::Json,
        }
    }

    /// The type of the values `additionalProperties` describes, in the object at `pointer`.
    fn map_value(&mut self, inner: &'a ReferenceOr<Schema>, hint: &str, pointer: &str) -> TypeRef {
        let value = self.type_of(inner, &format!("{hint}Value"), &push(pointer, "additionalProperties"));
        self.element(value, self.schema_target(inner))
    }

    /// An array item, map value or reply: `Option<_>` when its schema allows `null` (free-form
    /// JSON holds `null` already).
    pub(crate) fn element(&self, ty: TypeRef, schema: Option<&Schema>) -> TypeRef {
        let nullable = self.allows_null(schema);
        if nullable && ty != TypeRef::Json { TypeRef::Nullable(Box::new(ty)) } else { ty }
    }

    /// The one schema an annotating `allOf` wraps (a 3.1 `$ref` with a `description` beside
    /// it becomes one), if `schema` is such a wrapper.
    fn wrapped<'s>(&self, schema: &'s Schema) -> Option<&'s Schema>
    where
        'a: 's,
    {
        let all_of = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) if is_bare_all_of(any) => &any.all_of,
            _ => return None,
        };
        let mut typed = all_of.iter().filter(|member| !is_annotation(member));
        let (Some(only), None) = (typed.next(), typed.next()) else { return None };
        self.schema_target(only)
    }

    /// The schema at the end of a chain of annotating wrappers, or the schema itself.
    pub(crate) fn through_annotations(&self, schema: Option<&'a Schema>) -> Option<&'a Schema> {
        let mut schema = schema?;
        for _ in 0..8 {
            let Some(inner) = self.wrapped(schema) else { break };
            schema = inner;
        }
        Some(schema)
    }

    /// Whether a schema allows `null`: its own `nullable`, or that of a schema it wraps only to
    /// annotate.
    pub(crate) fn allows_null(&self, schema: Option<&Schema>) -> bool {
        let mut current = schema;
        for _ in 0..8 {
            let Some(schema) = current else { return false };
            if schema.schema_data.nullable {
                return true;
            }
            current = self.wrapped(schema);
        }
        false
    }

    /// An `allOf` whose members all only annotate (a `description`, an `example`) but one is
    /// that one member's type: merging would copy its fields at best, and lose its values
    /// when it is an enum, a union or a map. With no such member it is free-form JSON.
    fn only_member(&mut self, all_of: &'a [ReferenceOr<Schema>], hint: &str, pointer: &str) -> Option<TypeRef> {
        let mut typed = all_of.iter().enumerate().filter(|(_, member)| !is_annotation(member));
        let Some((index, only)) = typed.next() else { return Some(TypeRef::Json) };
        if typed.next().is_some() {
            return None;
        }
        Some(self.type_of(only, hint, &push(&push(pointer, "allOf"), index)))
    }

    /// A JSON array with a type per position (3.1 `prefixItems`, kept by the loader as
    /// `x-prefix-items`). Positions are references or scalars; anything else is free-form JSON,
    /// with a warning.
    fn tuple(&mut self, items: &serde_json::Value, pointer: &str) -> TypeRef {
        let at = push(pointer, "prefixItems");
        let Some(items) = items.as_array() else {
            self.sink.warning(&at, "`prefixItems` is not a list; the array is free-form JSON");
            return TypeRef::Json;
        };
        let mut positions = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item_pointer = push(&at, index);
            // A position that may be `null` is an `Option`.
            let position = match serde_json::from_value::<ReferenceOr<Schema>>(item.clone()) {
                Ok(ReferenceOr::Reference { reference }) => {
                    let named = self.named_ref(&reference, &item_pointer);
                    Some(self.element(named, self.lookup(&reference)))
                }
                Ok(ReferenceOr::Item(schema)) => self.scalar(&schema).map(|ty| self.element(ty, Some(&schema))),
                Err(_) => None,
            };
            positions.push(position.unwrap_or_else(|| {
                self.sink.warning(
                    &item_pointer,
                    "a tuple position that is neither a `$ref` nor a scalar is free-form JSON (`serde_json::Value`)",
                );
                TypeRef::Json
            }));
        }
        TypeRef::Tuple(positions)
    }

    fn array_items(&mut self, items: Option<&'a ReferenceOr<Box<Schema>>>, hint: &str, pointer: &str) -> TypeRef {
        let item = match items {
            Some(items) => {
                let item = self.type_of_boxed(items, &format!("{hint}Item"), &push(pointer, "items"));
                self.element(item, self.boxed_target(items))
            }
            None => TypeRef::Json,
        };
        TypeRef::List(Box::new(item))
    }

    /// What a named type is.
    fn kind_of(&mut self, name: &str, schema: &'a Schema, pointer: &str) -> TypeKind {
        if let Some(values) = string_enum_values(schema) {
            return TypeKind::Enum(self.enum_variants(&values, schema, pointer));
        }
        if let Some(variants) = enum_of_alternatives(schema) {
            return TypeKind::Enum(variants);
        }
        if let SchemaKind::Type(Type::Integer(integer)) = &schema.schema_kind {
            let values: Vec<i64> = integer.enumeration.iter().flatten().copied().collect();
            if !values.is_empty() {
                return TypeKind::IntEnum(self.int_consts(&values, schema, pointer));
            }
        }
        match &schema.schema_kind {
            SchemaKind::OneOf { one_of: alternatives } | SchemaKind::AnyOf { any_of: alternatives }
                if alternatives.len() > 1 =>
            {
                let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                self.union(name, schema, alternatives, &push(pointer, key))
            }
            SchemaKind::Any(any) if any.one_of.len() > 1 && any.properties.is_empty() => {
                self.union(name, schema, &any.one_of, &push(pointer, "oneOf"))
            }
            SchemaKind::Any(any) if any.any_of.len() > 1 && any.properties.is_empty() => {
                self.union(name, schema, &any.any_of, &push(pointer, "anyOf"))
            }
            _ => {
                if let Some(ty) = self.scalar(schema) {
                    return TypeKind::Alias(ty);
                }
                if let Some(ty) = self.container(schema, name, pointer) {
                    return TypeKind::Alias(ty);
                }
                if let Some(polymorphic) = self.subtype_union(schema, pointer) {
                    return polymorphic;
                }
                self.object_kind(name, schema, pointer)
            }
        }
    }

    /// An object schema's fields as a struct (a map when it names no key), `allOf` merged.
    pub(crate) fn object_kind(&mut self, name: &str, schema: &'a Schema, pointer: &str) -> TypeKind {
        let mut parts = ObjectParts::default();
        self.collect_object(schema, pointer, &mut parts, 0);
        for place in std::mem::take(&mut parts.optional_from) {
            self.sink.warning(
                place,
                "the fields of these alternatives are optional fields of the object; which alternative a value is, is not checked",
            );
        }
        for (key, kept, other) in std::mem::take(&mut parts.conflicts) {
            self.sink
                .warning(&other, format!("`allOf` members disagree on the type of `{key}`; the one at {kept} is kept"));
        }
        if parts.properties.is_empty() {
            // Nothing names a key (a merge of objects without properties, a schema that only
            // allows `null`): a struct without fields would drop every key.
            return TypeKind::Alias(self.map_of(parts.additional, name, pointer));
        }
        TypeKind::Struct(self.structure(name, parts, pointer))
    }

    /// One struct with the fields of every object declaration of a property.
    fn merged_object(
        &mut self,
        first: &'a ReferenceOr<Box<Schema>>,
        first_at: &str,
        others: &[Declaration<'a>],
        hint: &str,
    ) -> TypeRef {
        let mut parts = ObjectParts::default();
        let mut docs = None;
        for (declaration, at) in
            std::iter::once((first, first_at)).chain(others.iter().map(|(d, at)| (*d, at.as_str())))
        {
            if let Some(target) = self.boxed_target(declaration) {
                docs.get_or_insert_with(|| docs::of_schema(target));
                self.collect_object(target, at, &mut parts, 1);
            }
        }
        for (key, kept, other) in std::mem::take(&mut parts.conflicts) {
            self.sink
                .warning(&other, format!("`allOf` members disagree on the type of `{key}`; the one at {kept} is kept"));
        }
        let name = self.type_names.unique(hint);
        let id = self.reserve_type(name.clone(), first_at);
        let structure = self.structure(name.as_str(), parts, first_at);
        self.define(id, docs.unwrap_or_default(), TypeKind::Struct(structure));
        TypeRef::Named(id)
    }

    /// Gathers properties from an object schema, merging `allOf` members.
    fn collect_object(&self, schema: &'a Schema, pointer: &str, parts: &mut ObjectParts<'a>, depth: usize) {
        if depth > 16 {
            return;
        }
        let mut add = |properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
                       required: &[String],
                       additional: Option<&'a AdditionalProperties>,
                       at: String| {
            for (key, value) in properties {
                let here = push(&push(&at, "properties"), key);
                match parts.properties.get(key) {
                    None => {
                        parts.properties.insert(key.clone(), (value, here));
                    }
                    Some((kept, kept_at)) => {
                        let kept_target = self.boxed_target(kept);
                        let this_target = self.boxed_target(value);
                        let kept_type = kept_target.and_then(declared_json_type);
                        let this_type = this_target.and_then(declared_json_type);
                        if let (Some(kept_type), Some(this_type)) = (kept_type, this_type)
                            && kept_type != this_type
                        {
                            parts.conflicts.push((key.clone(), kept_at.clone(), here));
                        } else if kept_target.is_none_or(is_loose) && !this_target.is_none_or(is_loose) {
                            // A later member refines a loosely declared property (a wrapper's
                            // `data: array` becomes `array of Station`).
                            parts.properties.insert(key.clone(), (value, here));
                        } else if kept_target.is_some_and(has_own_properties)
                            && this_target.is_some_and(has_own_properties)
                            && **kept != *value
                        {
                            // Two object declarations with fields: the value has the fields of both.
                            parts.merged.entry(key.clone()).or_default().push((value, here));
                        }
                    }
                }
            }
            parts.required.extend(required.iter().cloned());
            if parts.additional.is_none() {
                parts.additional = additional;
            }
        };
        let all_of: &'a [ReferenceOr<Schema>] = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                add(&object.properties, &object.required, object.additional_properties.as_ref(), pointer.to_owned());
                &[]
            }
            SchemaKind::Any(any) => {
                add(&any.properties, &any.required, any.additional_properties.as_ref(), pointer.to_owned());
                &any.all_of
            }
            SchemaKind::AllOf { all_of } => all_of,
            _ => &[],
        };
        for (index, member) in all_of.iter().enumerate() {
            if let Some(target) = self.schema_target(member) {
                let at = match member {
                    ReferenceOr::Reference { reference } => reference.clone(),
                    ReferenceOr::Item(_) => push(&push(pointer, "allOf"), index),
                };
                self.collect_object(target, &at, parts, depth + 1);
            }
        }
        // A `oneOf`/`anyOf` inside a composition (`allOf: [Base, {oneOf: [Card, Bank]}]`) or
        // beside properties: the fields of every alternative, optional, so that none is lost.
        let (key, alternatives): (&str, &'a [ReferenceOr<Schema>]) = match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => ("oneOf", one_of),
            SchemaKind::AnyOf { any_of } => ("anyOf", any_of),
            SchemaKind::Any(any) if !any.one_of.is_empty() => ("oneOf", &any.one_of),
            SchemaKind::Any(any) if !any.any_of.is_empty() => ("anyOf", &any.any_of),
            _ => ("", &[]),
        };
        for (index, alternative) in alternatives.iter().enumerate() {
            let Some(target) = self.schema_target(alternative) else { continue };
            let at = match alternative {
                ReferenceOr::Reference { reference } => reference.clone(),
                ReferenceOr::Item(_) => push(&push(pointer, key), index),
            };
            let mut own = ObjectParts::default();
            self.collect_object(target, &at, &mut own, depth + 1);
            if !own.properties.is_empty() && !parts.optional_from.contains(&push(pointer, key)) {
                parts.optional_from.push(push(pointer, key));
            }
            for (property, declaration) in own.properties {
                parts.properties.entry(property).or_insert(declaration);
            }
        }
    }

    fn structure(&mut self, name: &str, parts: ObjectParts<'a>, pointer: &str) -> Struct {
        let mut field_names = Namer::with_reserved(reserved::STRUCT_METHODS);
        let mut fields = Vec::with_capacity(parts.properties.len());
        for (wire_name, (schema, at)) in parts.properties {
            if wire_name.trim() != wire_name {
                // Likely a typo in the spec (SendGrid's `"updated_at "`), but the key is what
                // the spec says travels: kept as written, and pointed out.
                self.sink.warning(
                    &at,
                    format!("the property name {wire_name:?} begins or ends with white space; the JSON key is kept as written"),
                );
            }
            let field_name = field_names.unique(&snake(&wire_name));
            let hint = format!("{name}{}", pascal(&wire_name));
            let ty = match parts.merged.get(&wire_name) {
                Some(others) => self.merged_object(schema, &at, others, &hint),
                None => self.type_of_boxed(schema, &hint, &at),
            };
            let target = self.boxed_target(schema);
            let mut field_docs = target.map(docs::of_schema).unwrap_or_default();
            if matches!(ty, TypeRef::Named(_)) {
                // The named type documents its own values.
                field_docs.notes.retain(|note| !note.starts_with("Allowed values"));
            }
            let data = target.map(|target| &target.schema_data);
            let nullable = self.allows_null(target);
            // Server-assigned (`readOnly`) and request-only (`writeOnly`) fields are present in
            // one direction only, so neither direction may demand them.
            let one_way = data.is_some_and(|data| data.read_only || data.write_only);
            let required = parts.required.contains(&wire_name) && !one_way;
            if data.is_some_and(|data| data.read_only) {
                field_docs.notes.push("Read-only: set by the server.".to_owned());
            }
            if data.is_some_and(|data| data.write_only) {
                field_docs.notes.push("Write-only: sent, never returned.".to_owned());
            }
            let one_way = match data {
                Some(data) if data.read_only && parts.required.contains(&wire_name) => Some(OneWay::Received),
                Some(data) if data.write_only && parts.required.contains(&wire_name) => Some(OneWay::Sent),
                _ => None,
            };
            let shape = match (required, nullable) {
                (true, false) => Shape::Required,
                (false, false) => Shape::Optional,
                (true, true) => Shape::Nullable,
                (false, true) => Shape::OptionalNullable,
            };
            fields.push(Field {
                name: field_name,
                wire_name,
                ty,
                shape,
                adapter: None,
                secret: docs::is_secret(target),
                default: docs::default_of(target),
                one_way,
                allowed: target.map(allowed_values).unwrap_or_default(),
                docs: field_docs,
            });
        }
        let additional = match parts.additional {
            Some(AdditionalProperties::Schema(inner)) if !fields.is_empty() => Some(Additional {
                name: field_names.unique("additional_properties"),
                ty: self.map_value(inner, name, pointer),
            }),
            _ => None,
        };
        Struct { fields, additional, builder: None }
    }

    fn enum_variants(&mut self, values: &[String], schema: &Schema, pointer: &str) -> Vec<EnumVariant> {
        let descriptions = self.enum_descriptions(schema, pointer);
        let mut namer = Namer::with_reserved(&["Other"]);
        values
            .iter()
            .map(|value| EnumVariant {
                name: namer.unique(&pascal(value)),
                wire_value: value.clone(),
                docs: Docs { description: descriptions.get(value).cloned(), ..Docs::default() },
            })
            .collect()
    }

    /// Constants of an integer enum, named by `x-enum-varnames` when the spec gives them.
    fn int_consts(&mut self, values: &[i64], schema: &Schema, pointer: &str) -> Vec<IntConst> {
        let given: Option<Vec<String>> = schema.schema_data.extensions.get("x-enum-varnames").and_then(|names| {
            names.as_array()?.iter().map(|name| name.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>()
        });
        let given = given.filter(|given| given.len() == values.len());
        let descriptions = self.enum_descriptions(schema, pointer);
        let mut namer = Namer::default();
        let mut seen = std::collections::BTreeSet::new();
        values
            .iter()
            .enumerate()
            .filter(|(_, value)| seen.insert(**value))
            .map(|(index, value)| {
                let wanted = match given.as_ref().and_then(|given| given.get(index)) {
                    Some(name) => shouty(name),
                    None if *value < 0 => format!("MINUS_{}", value.unsigned_abs()),
                    None => format!("V{value}"),
                };
                IntConst {
                    name: namer.unique(&wanted),
                    value: *value,
                    docs: Docs { description: descriptions.get(&value.to_string()).cloned(), ..Docs::default() },
                }
            })
            .collect()
    }
}

/// `oneOf` alternatives that are each a documented set of string values (a common way to
/// give every enum value its own docs) are one enum, not a union of enums.
fn enum_of_alternatives(schema: &Schema) -> Option<Vec<EnumVariant>> {
    let alternatives = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => one_of,
        SchemaKind::AnyOf { any_of } => any_of,
        _ => return None,
    };
    let mut namer = Namer::with_reserved(&["Other"]);
    let mut seen = std::collections::BTreeSet::new();
    let mut variants = Vec::new();
    for alternative in alternatives {
        let ReferenceOr::Item(alternative) = alternative else { return None };
        let values = string_enum_values(alternative)?;
        for value in values {
            if seen.insert(value.clone()) {
                let description = alternative.schema_data.description.clone();
                variants.push(EnumVariant {
                    name: namer.unique(&pascal(&value)),
                    wire_value: value,
                    docs: Docs { description, ..Docs::default() },
                });
            }
        }
    }
    (!variants.is_empty()).then_some(variants)
}

pub(crate) fn unknown_format<T>(format: &VariantOrUnknownOrEmpty<T>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name),
        _ => None,
    }
}

/// An `allOf` member that says nothing about the value's type or shape.
/// A schema that says little about its values: free-form, an array of such, or an object
/// without properties. A later `allOf` member may refine a property declared this loosely.
fn is_loose(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => is_free_form(any),
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            None => true,
            Some(ReferenceOr::Reference { .. }) => false,
            Some(ReferenceOr::Item(items)) => match &items.schema_kind {
                SchemaKind::Any(any) => is_free_form(any),
                SchemaKind::Type(Type::Object(object)) => object.properties.is_empty(),
                _ => false,
            },
        },
        SchemaKind::Type(Type::Object(object)) => {
            object.properties.is_empty()
                && !matches!(object.additional_properties, Some(AdditionalProperties::Schema(_)))
        }
        _ => false,
    }
}

/// An object schema that names fields of its own.
fn has_own_properties(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
        SchemaKind::Any(any) => !any.properties.is_empty() && any.one_of.is_empty() && any.any_of.is_empty(),
        _ => false,
    }
}

fn is_annotation(member: &ReferenceOr<Schema>) -> bool {
    match member {
        ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. }) => {
            is_free_form(any) && any.required.is_empty() && any.not.is_none()
        }
        _ => false,
    }
}

/// Keywords besides `allOf` that add nothing to the shape (`type`, `description`, an empty
/// `enum`, `additionalProperties: true`), as in `{type: string, allOf: [$ref: Status]}`.
fn is_bare_all_of(any: &openapiv3::AnySchema) -> bool {
    !any.all_of.is_empty()
        && any.properties.is_empty()
        && any.required.is_empty()
        && matches!(any.additional_properties, None | Some(AdditionalProperties::Any(true)))
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.one_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
}

/// The one `oneOf`/`anyOf` alternative of a schema that adds nothing else to the shape but its
/// `type` (`{type: string, oneOf: [{const: "0000"}]}`, or what is left of
/// `anyOf: [{type: object}, {type: "null"}]` once the null became `nullable`).
fn single_alternative(any: &openapiv3::AnySchema) -> Option<(&'static str, &ReferenceOr<Schema>)> {
    let (key, alternatives) = match (any.one_of.as_slice(), any.any_of.as_slice()) {
        (alternatives, []) => ("oneOf", alternatives),
        ([], alternatives) => ("anyOf", alternatives),
        _ => return None,
    };
    let [only] = alternatives else { return None };
    let bare = any.properties.is_empty()
        && any.all_of.is_empty()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.not.is_none();
    bare.then_some((key, only))
}

/// A schema whose only value is `null` (what the loader makes of 3.1's `type: "null"`): its
/// field is nullable, and the value itself free-form.
fn is_null_only(any: &openapiv3::AnySchema) -> bool {
    !any.enumeration.is_empty() && any.enumeration.iter().all(serde_json::Value::is_null) && is_shapeless(any)
}

/// An object schema with no properties and nothing else that shapes it.
fn is_map(any: &openapiv3::AnySchema) -> bool {
    any.typ.as_deref().is_none_or(|typ| typ == "object")
        && any.properties.is_empty()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
}

fn is_free_form(any: &openapiv3::AnySchema) -> bool {
    any.enumeration.is_empty() && is_shapeless(any)
}

/// No type, and no keyword that shapes the value (an `enum` aside).
fn is_shapeless(any: &openapiv3::AnySchema) -> bool {
    any.typ.is_none()
        && any.properties.is_empty()
        && any.items.is_none()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.additional_properties.is_none()
}

/// The values of a string enum (`type: string` with `enum`, or untyped with string values).
pub(crate) fn string_enum_values(schema: &Schema) -> Option<Vec<String>> {
    let values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.iter().flatten().cloned().collect(),
        // Values of several JSON types (`[1, "a", true]`) are no string enum: keeping only the
        // strings would refuse the others in replies.
        SchemaKind::Any(any)
            if any.typ.as_deref().is_none_or(|typ| typ == "string")
                && any.enumeration.iter().all(|value| value.is_string() || value.is_null()) =>
        {
            any.enumeration.iter().filter_map(|value| value.as_str().map(str::to_owned)).collect()
        }
        _ => Vec::new(),
    };
    let mut seen = std::collections::BTreeSet::new();
    let values: Vec<String> = values.into_iter().filter(|value| seen.insert(value.clone())).collect();
    (!values.is_empty()).then_some(values)
}

/// The scalar values a schema's `enum` lists (`null` left out); none for a schema without one.
fn allowed_values(schema: &Schema) -> Vec<ConstValue> {
    let from_json = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => Some(ConstValue::Text(text.clone())),
        serde_json::Value::Bool(flag) => Some(ConstValue::Boolean(*flag)),
        serde_json::Value::Number(number) => number.as_i64().map(ConstValue::Integer),
        _ => None,
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            string.enumeration.iter().flatten().cloned().map(ConstValue::Text).collect()
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            integer.enumeration.iter().flatten().copied().map(ConstValue::Integer).collect()
        }
        SchemaKind::Type(Type::Boolean(boolean)) => {
            boolean.enumeration.iter().flatten().copied().map(ConstValue::Boolean).collect()
        }
        SchemaKind::Any(any) => any.enumeration.iter().filter_map(from_json).collect(),
        _ => Vec::new(),
    }
}
