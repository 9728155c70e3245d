//! `oneOf`/`anyOf` → unions: a variant per alternative, chosen by a discriminator or, for
//! untagged unions, by the shape of the value (see `finish::variant_shapes`).

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::names::{Namer, pascal};
use super::schemas::string_enum_values;
use crate::diagnostics::push;
use crate::model::{Tagging, TypeKind, TypeRef, Union, UnionVariant, VariantShape};

/// The variant of a tagged union that keeps a value with a tag no alternative has.
const UNKNOWN: &str = "Unknown";

impl<'a> Lowerer<'a> {
    pub(crate) fn union(
        &mut self,
        name: &str,
        schema: &'a Schema,
        alternatives: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> TypeKind {
        // A discriminator that cannot work (an alternative it cannot tag, one that lacks the
        // property, a tag the alternative's own `enum` rules out) would fail every reply: the
        // union is then told apart by shape instead, with a warning.
        let tagged = schema
            .schema_data
            .discriminator
            .as_ref()
            .and_then(|discriminator| self.discriminator_tags(discriminator, alternatives, pointer));
        let discriminator = schema.schema_data.discriminator.as_ref().filter(|_| tagged.is_some());
        // Without a discriminator, a property every alternative fixes to a value of its own (a
        // `type: {const: ...}`) tells them apart just as well.
        let implicit = match discriminator {
            Some(_) => None,
            None => self.implicit_tag(alternatives),
        };
        let mut namer = Namer::default();
        let mut variants = Vec::with_capacity(alternatives.len());
        for (index, alternative) in alternatives.iter().enumerate() {
            let at = push(pointer, index);
            let (tag, also) = match tagged.as_ref().and_then(|tags| tags.get(index)) {
                Some((tag, also)) => (Some(tag.clone()), also.clone()),
                None => (None, Vec::new()),
            };
            let tag = tag.or_else(|| implicit.as_ref().and_then(|(_, tags)| tags.get(index).cloned()));
            let label = match alternative {
                ReferenceOr::Item(inline) => tag
                    .clone()
                    .or_else(|| inline.schema_data.title.clone())
                    .unwrap_or_else(|| format!("Variant{index}")),
                ReferenceOr::Reference { .. } => format!("Variant{index}"),
            };
            let ty = match self.type_of(alternative, &format!("{name}{}", pascal(&label)), &at) {
                // A bare `type: object` takes objects only, not any value: a map of anything.
                TypeRef::Json if self.schema_target(alternative).is_some_and(is_object_type) => {
                    TypeRef::Map(Box::new(TypeRef::Json))
                }
                ty => ty,
            };
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
            variants.push(UnionVariant { name: namer.unique(&wanted), tag, also, ty, shape: VariantShape::default() });
        }
        let tagging = match (discriminator, implicit) {
            (Some(discriminator), _) => {
                Tagging::Discriminator { property: discriminator.property_name.clone(), unknown: namer.unique(UNKNOWN) }
            }
            (None, Some((property, _))) => Tagging::Discriminator { property, unknown: namer.unique(UNKNOWN) },
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
        let base = super::unescape(pointer.strip_prefix("#/components/schemas/")?).into_owned();
        if !self.components.contains_key(&base) {
            return None;
        }
        let doc = self.doc;
        let schemas = &doc.components.as_ref()?.schemas;
        // A schema between the base and its subtypes (Bitbucket's `object` ← `account` ← `user`,
        // `team`) inherits the discriminator: a value of it is one of its own subtypes.
        let inherited = schema.schema_data.discriminator.is_none();
        let discriminator = match &schema.schema_data.discriminator {
            Some(own) => own,
            None => self.inherited_discriminator(schema, 0)?,
        };
        let key_of = |reference: &str| {
            reference.strip_prefix("#/components/schemas/").map(|key| super::unescape(key).into_owned())
        };
        let mapped_key = |target: &str| if target.contains('/') { key_of(target) } else { Some(target.to_owned()) };
        let mut subtypes: Vec<(String, Option<String>)> = Vec::new();
        // Other mapping keys for a subtype already mapped: decoded as that subtype too.
        let mut also: Vec<(String, String)> = Vec::new();
        let extends_base = |key: &str| match schemas.get(key) {
            Some(ReferenceOr::Item(candidate)) => self.extends(candidate, &base, 0),
            _ => false,
        };
        for (tag, target) in &discriminator.mapping {
            if let Some(key) = mapped_key(target)
                .filter(|key| *key != base && schemas.contains_key(key))
                .filter(|key| !inherited || extends_base(key))
            {
                if subtypes.iter().any(|(known, _)| *known == key) {
                    also.push((key, tag.clone()));
                } else {
                    subtypes.push((key, Some(tag.clone())));
                }
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
            let also = also.iter().filter(|(subtype, _)| *subtype == key).map(|(_, tag)| tag.clone()).collect();
            variants.push(UnionVariant {
                name: namer.unique(&wanted),
                tag: Some(tag),
                also,
                ty,
                shape: VariantShape::default(),
            });
        }
        if inherited {
            // Unlike a base, a schema in between may be a value of its own (OpenAPI's `Dog`
            // beside its `Puppy`): its own fields are a variant too, tagged like a subtype.
            let type_name = self.components.get(&base).map_or_else(|| pascal(&base), |id| self.type_name(*id));
            let tag = schema
                .schema_data
                .extensions
                .get("x-ms-discriminator-value")
                .and_then(|value| value.as_str().map(str::to_owned))
                .or_else(|| {
                    discriminator
                        .mapping
                        .iter()
                        .find(|(_, target)| mapped_key(target).as_deref() == Some(base.as_str()))
                        .map(|(tag, _)| tag.clone())
                })
                .or_else(|| self.constant_property(schema, property))
                .unwrap_or_else(|| base.clone());
            // A subtype that has the same tag is the more specific reading of such a value
            // (Azure's `NetworkResourceProperties` lists `Local`, which its subtype
            // `LocalNetworkResourceProperties` is): the schema's own fields are not a variant.
            let taken = variants.iter().any(|variant| variant.tag.as_deref() == Some(tag.as_str()));
            if taken {
                return Some(self.tagged_or_by_shape(property, variants, namer, pointer));
            }
            let fields_name = self.type_names.unique(&format!("{type_name}Fields"));
            let fields = fields_name.as_str().to_owned();
            let id = self.reserve_type(fields_name, pointer);
            let kind = self.object_kind(&fields, schema, pointer);
            let summary = format!("A `{type_name}` that is none of its subtypes: its own fields.");
            self.define(id, crate::model::Docs { summary: Some(summary), ..Default::default() }, kind);
            variants.insert(
                0,
                UnionVariant {
                    name: namer.unique(&type_name),
                    tag: Some(tag),
                    also: Vec::new(),
                    ty: TypeRef::Named(id),
                    shape: VariantShape::default(),
                },
            );
        }
        Some(self.tagged_or_by_shape(property, variants, namer, pointer))
    }

    /// A union of subtypes chosen by the discriminator, or by shape, with a warning, when two of
    /// them have one tag (a `match` on the tag could never reach the second).
    fn tagged_or_by_shape(
        &mut self,
        property: &str,
        mut variants: Vec<UnionVariant>,
        mut namer: Namer,
        pointer: &str,
    ) -> TypeKind {
        let mut tags: Vec<&str> = variants.iter().flat_map(|variant| variant.tag.as_deref()).collect();
        tags.extend(variants.iter().flat_map(|variant| variant.also.iter().map(String::as_str)));
        tags.sort_unstable();
        let shared = tags.windows(2).find(|pair| pair[0] == pair[1]).map(|pair| pair[0].to_owned());
        if let Some(shared) = shared {
            self.sink.warning(
                push(pointer, "discriminator"),
                format!("two subtypes have the `{property}` value `{shared}`; the union is told apart by shape"),
            );
            for variant in &mut variants {
                variant.tag = None;
                variant.also.clear();
            }
            return TypeKind::Union(Union { tagging: Tagging::Untagged, variants });
        }
        let tagging = Tagging::Discriminator { property: property.to_owned(), unknown: namer.unique(UNKNOWN) };
        TypeKind::Union(Union { tagging, variants })
    }

    /// The discriminator of the nearest component `schema` extends through `allOf`.
    fn inherited_discriminator(&self, schema: &'a Schema, depth: usize) -> Option<&'a openapiv3::Discriminator> {
        if depth > 8 {
            return None;
        }
        object_parts(schema).1.iter().find_map(|member| {
            let parent = self.schema_target(member)?;
            parent.schema_data.discriminator.as_ref().or_else(|| self.inherited_discriminator(parent, depth + 1))
        })
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
        object_parts(schema).1.iter().any(|member| match member {
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/schemas/").map(super::unescape);
                key.as_deref() == Some(base)
                    || self.schema_target(member).is_some_and(|parent| self.extends(parent, base, depth + 1))
            }
            ReferenceOr::Item(inline) => self.extends(inline, base, depth + 1),
        })
    }

    /// The tag of each alternative (and the other `mapping` keys naming the same schema), or
    /// `None`, with a warning, when the discriminator cannot tell the alternatives apart.
    fn discriminator_tags(
        &mut self,
        discriminator: &'a openapiv3::Discriminator,
        alternatives: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> Option<Vec<(String, Vec<String>)>> {
        let property = discriminator.property_name.as_str();
        let mut tags = Vec::with_capacity(alternatives.len());
        let mut problem = None;
        let mut declared_anywhere = false;
        for (index, alternative) in alternatives.iter().enumerate() {
            let target = self.schema_target(alternative);
            // A mapping value is a `$ref` or, as OpenAPI allows, a bare schema name.
            let mapped: Vec<String> = match alternative {
                ReferenceOr::Reference { reference } => discriminator
                    .mapping
                    .iter()
                    .filter(|(_, target)| {
                        *target == reference
                            || (!target.contains('/')
                                && reference.strip_prefix("#/components/schemas/") == Some(target.as_str()))
                    })
                    .map(|(tag, _)| tag.clone())
                    .collect(),
                ReferenceOr::Item(_) => Vec::new(),
            };
            // Not mapped: the value the schema fixes the property to (Spotify's
            // `type: {enum: [track]}`), else the schema name.
            let tag = mapped
                .first()
                .cloned()
                .or_else(|| target.and_then(|target| self.constant_property(target, property)))
                .or_else(|| match alternative {
                    ReferenceOr::Reference { reference } => {
                        reference.rsplit('/').next().map(|name| super::unescape(name).into_owned())
                    }
                    ReferenceOr::Item(_) => None,
                });
            let declared = target.and_then(|target| self.declared_property(target, property, 0));
            declared_anywhere |= declared.is_some();
            let allowed = declared.and_then(string_enum_values);
            let not_object = target.is_some_and(|target| {
                matches!(
                    &target.schema_kind,
                    SchemaKind::Type(
                        Type::Array(_) | Type::String(_) | Type::Number(_) | Type::Integer(_) | Type::Boolean(_)
                    )
                )
            });
            let why = match (&tag, &allowed) {
                (None, _) => Some("has no single value for it and is not a `$ref` listed in `mapping`".to_owned()),
                _ if not_object => Some("is not an object, so it has no such property".to_owned()),
                (Some(tag), Some(allowed)) if !allowed.contains(tag) => {
                    Some(format!("allows only {allowed:?} there, never its tag `{tag}`"))
                }
                _ => None,
            };
            if let Some(why) = why {
                problem.get_or_insert((index, why));
            }
            let also = mapped.into_iter().skip(1).collect();
            tags.push((tag.unwrap_or_default(), also));
        }
        // Tags guessed from schema names for a property no alternative has: never sent.
        if !declared_anywhere && discriminator.mapping.is_empty() {
            problem.get_or_insert((0, "does not declare that property, nor does any other".to_owned()));
        }
        // Two alternatives with one tag: the tag cannot choose between them.
        let mut seen = std::collections::BTreeSet::new();
        for (index, (tag, also)) in tags.iter().enumerate() {
            if let Some(shared) = std::iter::once(tag).chain(also).find(|tag| !seen.insert(tag.as_str())) {
                problem.get_or_insert((index, format!("has the tag `{shared}` of an earlier alternative")));
            }
        }
        match problem {
            None => Some(tags),
            Some((index, why)) => {
                self.sink.warning(
                    push(pointer, index),
                    format!(
                        "the discriminator `{property}` cannot tell the alternatives apart: this alternative {why}; \
                         the union is told apart by the shape of the value instead"
                    ),
                );
                None
            }
        }
    }

    /// The schema an object schema (or one of its `allOf` members) declares for `property`.
    fn declared_property(&self, schema: &'a Schema, property: &str, depth: usize) -> Option<&'a Schema> {
        if depth > 16 {
            return None;
        }
        let (properties, all_of) = object_parts(schema);
        let own = properties.and_then(|properties| properties.get(property)).and_then(|value| self.boxed_target(value));
        own.or_else(|| {
            all_of
                .iter()
                .filter_map(|member| self.schema_target(member))
                .find_map(|member| self.declared_property(member, property, depth + 1))
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
    /// looking through `allOf` members (a subtype narrows its base's list to its own value).
    fn constant_property(&self, schema: &'a Schema, property: &str) -> Option<String> {
        let (properties, all_of) = object_parts(schema);
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

/// The properties of an object schema, by name.
type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The properties an object schema declares itself, and its `allOf` members.
fn object_parts(schema: &Schema) -> (Option<&Properties>, &[ReferenceOr<Schema>]) {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (Some(&object.properties), &[]),
        SchemaKind::Any(any) => (Some(&any.properties), &any.all_of),
        SchemaKind::AllOf { all_of } => (None, all_of),
        _ => (None, &[]),
    }
}

/// Whether a schema says `type: object`.
fn is_object_type(schema: &Schema) -> bool {
    matches!(schema.schema_kind, SchemaKind::Type(Type::Object(_)))
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
