//! `oneOf`/`anyOf` → unions: a variant per alternative, chosen by a discriminator or, for
//! untagged unions, by the shape of the value (see `finish::variant_shapes`).

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::names::{Namer, pascal};
use super::schemas::string_enum_values;
use crate::diagnostics::push;
use crate::model::{Tagging, TypeKind, TypeRef, Union, UnionVariant, VariantShape};

impl<'a> Lowerer<'a> {
    pub(crate) fn union(
        &mut self,
        name: &str,
        schema: &'a Schema,
        alternatives: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> TypeKind {
        let discriminator = schema.schema_data.discriminator.as_ref();
        // Without a discriminator, a property every alternative fixes to its own value (a
        // `type: {const: ...}`) tells them apart just as well.
        let implicit = match discriminator {
            Some(_) => None,
            None => self.implicit_tag(alternatives),
        };
        let mut namer = Namer::default();
        let mut variants = Vec::with_capacity(alternatives.len());
        for (index, alternative) in alternatives.iter().enumerate() {
            let at = push(pointer, index);
            let tag = discriminator.and_then(|discriminator| {
                let tag = match alternative {
                    // A mapping value is a `$ref` or, as OpenAPI allows, a bare schema name.
                    ReferenceOr::Reference { reference } => discriminator
                        .mapping
                        .iter()
                        .find(|(_, target)| {
                            *target == reference
                                || (!target.contains('/')
                                    && reference.strip_prefix("#/components/schemas/") == Some(target.as_str()))
                        })
                        .map(|(tag, _)| tag.clone())
                        // Not mapped: the schema name, unless the schema fixes the property to a
                        // value of its own (Spotify's `type: {enum: [track]}`), which the name
                        // could then never match.
                        .or_else(|| {
                            self.schema_target(alternative)
                                .and_then(|target| self.constant_property(target, &discriminator.property_name))
                        })
                        .or_else(|| reference.rsplit('/').next().map(|name| super::unescape(name).into_owned())),
                    ReferenceOr::Item(inline) => self.constant_property(inline, &discriminator.property_name),
                };
                if tag.is_none() {
                    self.sink.error(
                        &at,
                        format!(
                            "the discriminator `{}` cannot tell this alternative apart: give it a single-value \
                             `{}` property (`const` or a one-value `enum`) or make it a `$ref` listed in `mapping`",
                            discriminator.property_name, discriminator.property_name
                        ),
                    );
                }
                tag
            });
            let tag = tag.or_else(|| implicit.as_ref().and_then(|(_, tags)| tags.get(index).cloned()));
            let label = match alternative {
                ReferenceOr::Item(inline) => tag
                    .clone()
                    .or_else(|| inline.schema_data.title.clone())
                    .unwrap_or_else(|| format!("Variant{index}")),
                ReferenceOr::Reference { .. } => format!("Variant{index}"),
            };
            let ty = self.type_of(alternative, &format!("{name}{}", pascal(&label)), &at);
            let type_name = |id: &crate::model::TypeId| {
                self.types.get(id.0).map(|def| def.name.as_str().to_owned()).unwrap_or_default()
            };
            let wanted = match &ty {
                TypeRef::Named(id) => type_name(id),
                // A list of a component type reads by its name (`TraitList`, not `ObjectList`).
                TypeRef::List(item) if matches!(**item, TypeRef::Named(id) if self.is_component(&id)) => {
                    match &**item {
                        TypeRef::Named(id) => format!("{}List", type_name(id)),
                        other => variant_name(other),
                    }
                }
                other => variant_name(other),
            };
            let wanted = match (&ty, &tag) {
                // An inline alternative reads best by its tag.
                (TypeRef::Named(_), Some(tag)) if matches!(alternative, ReferenceOr::Item(_)) => pascal(tag),
                _ => pascal(&wanted),
            };
            variants.push(UnionVariant { name: namer.unique(&wanted), tag, ty, shape: VariantShape::default() });
        }
        let tagging = match (discriminator, implicit) {
            (Some(discriminator), _) => Tagging::Discriminator { property: discriminator.property_name.clone() },
            (None, Some((property, _))) => Tagging::Discriminator { property },
            (None, None) => Tagging::Untagged,
        };
        TypeKind::Union(Union { tagging, variants })
    }

    /// A component object schema with a `discriminator` whose subtypes extend it through `allOf`
    /// (OpenAPI's `Pet` ← `Cat`, `Dog`; Azure's polymorphic models): wherever it is used, a value
    /// is one of the subtypes, so its type is a union of them, chosen by the property. Subtypes
    /// are the `mapping` targets and every component schema whose `allOf` leads to this one;
    /// a subtype's tag is its `mapping` key, else its `x-ms-discriminator-value`, else the value
    /// it fixes the property to, else its schema name. `None` when nothing extends it.
    pub(crate) fn subtype_union(&mut self, schema: &'a Schema, pointer: &str) -> Option<TypeKind> {
        let discriminator = schema.schema_data.discriminator.as_ref()?;
        let base = super::unescape(pointer.strip_prefix("#/components/schemas/")?).into_owned();
        if !self.components.contains_key(&base) {
            return None;
        }
        let doc = self.doc;
        let schemas = &doc.components.as_ref()?.schemas;
        let key_of = |reference: &str| {
            reference.strip_prefix("#/components/schemas/").map(|key| super::unescape(key).into_owned())
        };
        let mapped_key = |target: &str| if target.contains('/') { key_of(target) } else { Some(target.to_owned()) };
        let mut subtypes: Vec<(String, Option<String>)> = Vec::new();
        for (tag, target) in &discriminator.mapping {
            if let Some(key) = mapped_key(target).filter(|key| *key != base && schemas.contains_key(key))
                && !subtypes.iter().any(|(known, _)| *known == key)
            {
                subtypes.push((key, Some(tag.clone())));
            }
        }
        for (key, candidate) in schemas {
            if *key == base || subtypes.iter().any(|(known, _)| known == key) {
                continue;
            }
            if let ReferenceOr::Item(candidate) = candidate
                && self.extends(candidate, &base, 0)
            {
                subtypes.push((key.clone(), None));
            }
        }
        if subtypes.is_empty() {
            return None;
        }
        let property = &discriminator.property_name;
        let mut namer = Namer::default();
        let mut variants = Vec::with_capacity(subtypes.len());
        for (key, tag) in subtypes {
            let target = match schemas.get(&key) {
                Some(ReferenceOr::Item(target)) => Some(target),
                _ => None,
            };
            let tag = tag
                .or_else(|| {
                    let value = target?.schema_data.extensions.get("x-ms-discriminator-value")?;
                    value.as_str().map(str::to_owned)
                })
                .or_else(|| target.and_then(|target| self.constant_property(target, property)))
                .unwrap_or_else(|| key.clone());
            let Some(id) = self.components.get(&key).copied() else { continue };
            let wanted = self.types.get(id.0).map_or_else(|| pascal(&key), |def| def.name.as_str().to_owned());
            let ty = TypeRef::Named(id);
            variants.push(UnionVariant {
                name: namer.unique(&wanted),
                tag: Some(tag),
                ty,
                shape: VariantShape::default(),
            });
        }
        Some(TypeKind::Union(Union { tagging: Tagging::Discriminator { property: property.clone() }, variants }))
    }

    /// Whether a type is a component schema's (not made for an inline schema).
    fn is_component(&self, id: &crate::model::TypeId) -> bool {
        self.types.get(id.0).is_some_and(|def| !def.origin.starts_with('#'))
    }

    /// Whether `schema` extends the component `base` through `allOf`, directly or through
    /// another component that does.
    fn extends(&self, schema: &'a Schema, base: &str, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        let all_of: &'a [ReferenceOr<Schema>] = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) => &any.all_of,
            _ => return false,
        };
        all_of.iter().any(|member| match member {
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/schemas/").map(super::unescape);
                key.as_deref() == Some(base)
                    || self.schema_target(member).is_some_and(|parent| self.extends(parent, base, depth + 1))
            }
            ReferenceOr::Item(inline) => self.extends(inline, base, depth + 1),
        })
    }

    /// A property that every alternative fixes to a value of its own, and those values in
    /// order: an implicit discriminator.
    fn implicit_tag(&self, alternatives: &'a [ReferenceOr<Schema>]) -> Option<(String, Vec<String>)> {
        let targets: Vec<&'a Schema> =
            alternatives.iter().map(|alternative| self.schema_target(alternative)).collect::<Option<_>>()?;
        let first = targets.first()?;
        let candidates: Vec<String> = match &first.schema_kind {
            SchemaKind::Type(Type::Object(object)) => object.properties.keys().cloned().collect(),
            SchemaKind::Any(any) => any.properties.keys().cloned().collect(),
            _ => Vec::new(),
        };
        candidates.into_iter().find_map(|property| {
            // The tag must always be there to be read.
            if !targets.iter().all(|target| self.requires(target, &property, 0)) {
                return None;
            }
            let tags: Vec<String> =
                targets.iter().map(|target| self.constant_property(target, &property)).collect::<Option<_>>()?;
            let distinct: std::collections::BTreeSet<&String> = tags.iter().collect();
            (distinct.len() == tags.len() && tags.len() > 1).then_some((property, tags))
        })
    }

    /// Whether an object schema (or one of its `allOf` members) lists `property` as required.
    fn requires(&self, schema: &'a Schema, property: &str, depth: usize) -> bool {
        if depth > 16 {
            return false;
        }
        let (required, all_of): (&[String], &'a [ReferenceOr<Schema>]) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (&object.required, &[]),
            SchemaKind::Any(any) => (&any.required, &any.all_of),
            SchemaKind::AllOf { all_of } => (&[], all_of),
            _ => (&[], &[]),
        };
        required.iter().any(|name| name == property)
            || all_of
                .iter()
                .filter_map(|member| self.schema_target(member))
                .any(|member| self.requires(member, property, depth + 1))
    }

    /// The one value an object schema allows for `property` (`const`, or an `enum` of one),
    /// looking through `allOf` members.
    fn constant_property(&self, schema: &'a Schema, property: &str) -> Option<String> {
        let (properties, all_of): (_, &'a [ReferenceOr<Schema>]) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (Some(&object.properties), &[]),
            SchemaKind::Any(any) => (Some(&any.properties), &any.all_of),
            SchemaKind::AllOf { all_of } => (None, all_of),
            _ => (None, &[]),
        };
        let own = properties
            .and_then(|properties| properties.get(property))
            .and_then(|value| self.boxed_target(value))
            .and_then(string_enum_values)
            .and_then(|values| match values.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            });
        own.or_else(|| {
            all_of
                .iter()
                .filter_map(|member| self.schema_target(member))
                .find_map(|member| self.constant_property(member, property))
        })
    }
}

/// A variant name for an alternative that is not a named type.
fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "Boolean".into(),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U64 => "Integer".into(),
        TypeRef::F64 | TypeRef::Decimal => "Number".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTime(_) => "DateTime".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Named(_) => "Object".into(),
        TypeRef::List(item) => format!("{}List", variant_name(item)),
        TypeRef::Tuple(_) => "Tuple".into(),
        TypeRef::Map(value) => format!("{}Map", variant_name(value)),
        TypeRef::Boxed(inner) => variant_name(inner),
        TypeRef::Nullable(inner) => format!("Optional{}", variant_name(inner)),
        TypeRef::Bytes => "Bytes".into(),
    }
}
