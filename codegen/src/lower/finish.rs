//! The passes after the walk: decisions that need every type in place.

use std::collections::BTreeSet;

use super::names::Namer;
use super::{recursion, reserved, share};
use crate::model::{
    Adapter, Api, ConstValue, Encoding, JsonKind, Needs, OneWay, Shape, StructBuilder, TypeDef, TypeId, TypeKind,
    TypeRef, Usage, VariantShape,
};

pub fn finish(mut api: Api) -> Api {
    see_through_aliases(&mut api.types);
    drop_orphans(&mut api);
    share::share_identical(&mut api);
    recursion::box_cycles(&mut api.types);
    recursion::box_union_objects(&mut api.types);
    mark_usage(&mut api);
    settle_one_way_fields(&mut api.types);
    choose_adapters(&mut api.types);
    shape_union_variants(&mut api.types);
    plan_builders(&mut api.types);
    api.errors.secret_fields = secret_fields(&api);
    sort_types(&mut api);
    api.needs = needs(&api);
    api
}

/// Fields typed by an alias of a date or time use the underlying type directly (a serde
/// adapter needs to see it), and dates nested in lists or maps, which adapters cannot reach,
/// stay strings.
fn see_through_aliases(types: &mut [TypeDef]) {
    let aliases: Vec<Option<TypeRef>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Alias(inner) => Some(inner.clone()),
            _ => None,
        })
        .collect();
    let direct = |ty: &TypeRef| -> TypeRef {
        let mut ty = ty.clone();
        for _ in 0..8 {
            let TypeRef::Named(id) = &ty else { break };
            match aliases.get(id.0).cloned().flatten() {
                Some(inner @ (TypeRef::Date | TypeRef::DateTime(_) | TypeRef::Named(_))) => ty = inner,
                _ => break,
            }
        }
        ty
    };
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(structure) => {
                for field in &mut structure.fields {
                    field.ty = strip_nested_time(&direct(&field.ty), false);
                }
                if let Some(additional) = &mut structure.additional {
                    additional.ty = strip_nested_time(&additional.ty, true);
                }
            }
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    variant.ty = strip_nested_time(&variant.ty, true);
                }
            }
            TypeKind::Alias(target) => *target = strip_nested_time(target, false),
            TypeKind::Newtype(target) => *target = strip_nested_time(target, true),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::OperationError(_) | TypeKind::OperationReply(_) => {}
        }
    }
}

fn strip_nested_time(ty: &TypeRef, nested: bool) -> TypeRef {
    match ty {
        TypeRef::Date | TypeRef::DateTime(_) if nested => TypeRef::String,
        TypeRef::List(item) => TypeRef::List(Box::new(strip_nested_time(item, true))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(strip_nested_time(value, true))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(strip_nested_time(inner, nested))),
        TypeRef::Tuple(items) => TypeRef::Tuple(items.iter().map(|item| strip_nested_time(item, true)).collect()),
        other => other.clone(),
    }
}

/// Dates and timestamps get their wire format's adapter; optional nullable fields keep
/// absent and null apart, except dates (whose adapter reads both as `None`).
fn choose_adapters(types: &mut [TypeDef]) {
    for def in types.iter_mut() {
        let TypeKind::Struct(structure) = &mut def.kind else { continue };
        for field in &mut structure.fields {
            let option = field.shape.is_option();
            field.adapter = match &field.ty {
                TypeRef::Date => Some(Adapter::Date { option }),
                TypeRef::DateTime(format) => Some(Adapter::DateTime { format: *format, option }),
                _ if field.shape == Shape::OptionalNullable => Some(Adapter::AbsentOrNull),
                _ => None,
            };
            if field.shape == Shape::OptionalNullable && field.adapter != Some(Adapter::AbsentOrNull) {
                field.shape = Shape::Optional;
            }
        }
    }
}

/// What an untagged decode checks for each alternative of a union.
fn shape_union_variants(types: &mut [TypeDef]) {
    let shapes: Vec<Vec<VariantShape>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Union(union) => union.variants.iter().map(|variant| shape_of(types, &variant.ty, 0)).collect(),
            _ => Vec::new(),
        })
        .collect();
    for (def, mut shapes) in types.iter_mut().zip(shapes) {
        if let TypeKind::Union(union) = &mut def.kind {
            keep_telling_constants(&mut shapes);
            for (variant, shape) in union.variants.iter_mut().zip(shapes) {
                variant.shape = shape;
            }
        }
    }
}

/// Most listed values tell nothing about which alternative a value is (a currency code every
/// alternative has), and long lists would bloat the decode table. A single value is a tag and
/// stays; a set of several stays only where it tells this alternative apart: another
/// alternative lists values for the same key, and none of them is in this set
/// (`type: [payment.created, payment.updated]` against `[refund.created, refund.updated]`).
fn keep_telling_constants(shapes: &mut [VariantShape]) {
    const MOST_VALUES: usize = 32;
    let sets: Vec<Vec<(String, Vec<ConstValue>)>> = shapes.iter().map(|shape| shape.constants.clone()).collect();
    for (index, shape) in shapes.iter_mut().enumerate() {
        shape.constants.retain(|(key, values)| {
            if values.len() == 1 {
                return true;
            }
            let others: Vec<&Vec<ConstValue>> = sets
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .filter_map(|(_, constants)| constants.iter().find(|(other_key, _)| other_key == key))
                .map(|(_, other_values)| other_values)
                .collect();
            values.len() <= MOST_VALUES
                && !others.is_empty()
                && others.iter().all(|other_values| other_values.iter().all(|value| !values.contains(value)))
        });
    }
}

fn shape_of(types: &[TypeDef], ty: &TypeRef, depth: usize) -> VariantShape {
    let json = match ty {
        TypeRef::String | TypeRef::Date | TypeRef::DateTime(_) => JsonKind::String,
        TypeRef::Bool => JsonKind::Boolean,
        TypeRef::I32 | TypeRef::I64 | TypeRef::U64 => JsonKind::Integer,
        TypeRef::F64 | TypeRef::Decimal => JsonKind::Number,
        TypeRef::Json | TypeRef::Bytes => JsonKind::Any,
        TypeRef::List(_) | TypeRef::Tuple(_) => JsonKind::Array,
        TypeRef::Map(_) => JsonKind::Object,
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => return shape_of(types, inner, depth),
        TypeRef::Named(id) => match types.get(id.0).map(|def| &def.kind) {
            // An enum's values, under the empty key, tell it from a plain string or number.
            Some(kind @ (TypeKind::Enum(_) | TypeKind::IntEnum(_))) => {
                let json = if matches!(kind, TypeKind::Enum(_)) { JsonKind::String } else { JsonKind::Integer };
                let constants = vec![(String::new(), enum_values(kind))];
                return VariantShape { json, constants, ..VariantShape::default() };
            }
            Some(TypeKind::Alias(inner)) if depth < 8 => return shape_of(types, inner, depth + 1),
            Some(TypeKind::Struct(structure)) => {
                // The values the field's schema lists, else those of the enum type it names
                // (a `$ref` with siblings reaches its enum through a wrapper).
                let constants = structure
                    .fields
                    .iter()
                    .filter_map(|field| {
                        let listed = match &field.ty {
                            _ if !field.allowed.is_empty() => field.allowed.clone(),
                            TypeRef::Named(id) => crate::model::definition(types, *id)
                                .map(|def| enum_values(&def.kind))
                                .unwrap_or_default(),
                            _ => Vec::new(),
                        };
                        (!listed.is_empty()).then(|| (field.wire_name.clone(), listed))
                    })
                    .collect();
                let required = structure
                    .fields
                    .iter()
                    .filter(|field| matches!(field.shape, Shape::Required | Shape::Nullable))
                    .map(|field| field.wire_name.clone())
                    .collect();
                let known = match structure.additional {
                    Some(_) => Vec::new(),
                    None => structure.fields.iter().map(|field| field.wire_name.clone()).collect(),
                };
                return VariantShape { json: JsonKind::Object, required, constants, known };
            }
            _ => JsonKind::Any,
        },
    };
    VariantShape { json, ..VariantShape::default() }
}

/// The values a string or integer enum lists; none for another kind of type.
fn enum_values(kind: &TypeKind) -> Vec<ConstValue> {
    match kind {
        TypeKind::Enum(variants) => {
            variants.iter().map(|variant| ConstValue::Text(variant.wire_value.clone())).collect()
        }
        TypeKind::IntEnum(constants) => constants.iter().map(|constant| ConstValue::Integer(constant.value)).collect(),
        _ => Vec::new(),
    }
}

/// A required `readOnly` field of a type that is only ever received, or a required `writeOnly`
/// field of one only ever sent, is required after all: it travels every time the type does.
fn settle_one_way_fields(types: &mut [TypeDef]) {
    for def in types.iter_mut() {
        let (sent, received) = (def.usage.sent, def.usage.received);
        let TypeKind::Struct(structure) = &mut def.kind else { continue };
        for field in &mut structure.fields {
            let only_its_way = match field.one_way {
                Some(OneWay::Received) => received && !sent,
                Some(OneWay::Sent) => sent && !received,
                None => false,
            };
            if only_its_way {
                field.shape = match field.shape {
                    Shape::Optional => Shape::Required,
                    Shape::OptionalNullable => Shape::Nullable,
                    shape => shape,
                };
            }
        }
    }
}

/// Which types are sent, received or turned into parameter text, from the operations down.
fn mark_usage(api: &mut Api) {
    let mut sent = Vec::new();
    let mut received = Vec::new();
    let mut as_param = Vec::new();
    for operation in &api.operations {
        for param in &operation.params {
            match &param.encoding {
                Encoding::Text(_) | Encoding::Joined { .. } | Encoding::Repeated(_) => as_param.push(param.ty.clone()),
                Encoding::DeepObject | Encoding::Exploded | Encoding::JsonText | Encoding::SimpleObject { .. } => {
                    sent.push(param.ty.clone());
                }
                Encoding::File | Encoding::Files => {}
            }
        }
        if let Some(body) = &operation.body {
            sent.push(body.ty.clone());
        }
        received.extend(operation.response.decoded());
        if let Some(error) = operation.error_type {
            received.push(TypeRef::Named(error));
        }
    }
    let reach = |roots: &[TypeRef], through_fields: bool| -> BTreeSet<TypeId> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<TypeRef> = roots.to_vec();
        while let Some(ty) = stack.pop() {
            ty.walk(&mut |inner| {
                if let TypeRef::Named(id) = inner
                    && seen.insert(*id)
                    && let Some(def) = api.types.get(id.0)
                {
                    stack.extend(contained(def, through_fields));
                }
            });
        }
        seen
    };
    let mut sent = reach(&sent, true);
    let mut received = reach(&received, true);
    let as_param = reach(&as_param, false);
    // A type no operation uses (a webhook payload, a model for the caller) travels both ways,
    // and so does everything inside it, even what an operation uses as parameter text only.
    // Another name for a named type is no use of its own.
    let unused: Vec<TypeRef> = (0..api.types.len())
        .map(TypeId)
        .filter(|id| !sent.contains(id) && !received.contains(id) && !as_param.contains(id))
        .filter(|id| !matches!(api.types.get(id.0).map(|def| &def.kind), Some(TypeKind::Alias(TypeRef::Named(_)))))
        .map(TypeRef::Named)
        .collect();
    let both_ways = reach(&unused, true);
    sent.extend(&both_ways);
    received.extend(&both_ways);
    for (index, def) in api.types.iter_mut().enumerate() {
        let id = TypeId(index);
        def.usage =
            Usage { sent: sent.contains(&id), received: received.contains(&id), as_param: as_param.contains(&id) };
    }
}

/// The type uses inside a definition: all of them, or (for parameter text) only those that
/// a text form passes through (aliases and union alternatives).
fn contained(def: &TypeDef, through_fields: bool) -> Vec<TypeRef> {
    match &def.kind {
        TypeKind::Alias(target) => vec![target.clone()],
        TypeKind::Union(union) => union.variants.iter().map(|variant| variant.ty.clone()).collect(),
        TypeKind::Struct(structure) if through_fields => structure
            .fields
            .iter()
            .map(|field| field.ty.clone())
            .chain(structure.additional.iter().map(|additional| additional.ty.clone()))
            .collect(),
        TypeKind::OperationError(variants) if through_fields => {
            variants.iter().map(|variant| variant.ty.clone()).collect()
        }
        TypeKind::OperationReply(variants) if through_fields => variants
            .iter()
            .filter_map(|variant| match &variant.body {
                crate::model::ReplyBody::Json(ty) => Some(ty.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Structs that callers send get `new(required..)` and a setter per optional field.
fn plan_builders(types: &mut [TypeDef]) {
    for def in types.iter_mut() {
        let sent = def.usage.sent;
        let TypeKind::Struct(structure) = &mut def.kind else { continue };
        if !sent {
            continue;
        }
        let mut methods = Namer::with_reserved(reserved::STRUCT_METHODS);
        let setters = structure
            .fields
            .iter()
            .map(|field| {
                (field.shape == Shape::Optional || field.shape == Shape::OptionalNullable).then(|| {
                    // A setter named `add` reads as `std::ops::Add::add`: `set_add` instead.
                    let name = field.name.as_str();
                    if reserved::OPERATOR_METHODS.contains(&name) {
                        methods.unique(&format!("set_{name}"))
                    } else {
                        methods.unique(name)
                    }
                })
            })
            .collect();
        let default =
            structure.fields.iter().all(|field| matches!(field.shape, Shape::Optional | Shape::OptionalNullable));
        structure.builder = Some(StructBuilder { default, setters });
    }
}

/// The JSON keys and parameter names whose values are secrets (`format: password`).
fn secret_fields(api: &Api) -> Vec<String> {
    let fields = api
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(structure) => Some(structure.fields.iter().filter(|field| field.secret)),
            _ => None,
        })
        .flatten()
        .map(|field| field.wire_name.clone());
    let params = api
        .operations
        .iter()
        .flat_map(|operation| operation.params.iter().filter(|param| param.secret))
        .map(|param| param.wire_name.clone());
    let mut names: Vec<String> = fields.chain(params).collect();
    names.sort();
    names.dedup();
    names
}

/// Types made for an inline schema that nothing uses (the schema of a declared path parameter
/// the template lacks, which the path repair leaves out) are dropped: the crate carries no dead
/// types. Component schemas stay, used or not: they are the spec's models.
fn drop_orphans(api: &mut Api) {
    let mut stack: Vec<TypeRef> = (0..api.types.len())
        .filter(|index| api.types.get(*index).is_some_and(|def| !def.origin.starts_with('#')))
        .map(|index| TypeRef::Named(TypeId(index)))
        .collect();
    for operation in &api.operations {
        stack.extend(operation.params.iter().map(|param| param.ty.clone()));
        stack.extend(operation.body.iter().map(|body| body.ty.clone()));
        stack.extend(operation.response.decoded());
        stack.extend(operation.error_type.map(TypeRef::Named));
        if let Some(pagination) = &operation.pagination {
            stack.push(TypeRef::Named(pagination.reply));
            stack.push(pagination.item_type.clone());
        }
    }
    let mut used = vec![false; api.types.len()];
    while let Some(ty) = stack.pop() {
        ty.walk(&mut |inner| {
            if let TypeRef::Named(id) = inner
                && let Some(seen) = used.get_mut(id.0)
                && !*seen
            {
                *seen = true;
                if let Some(def) = api.types.get(id.0) {
                    stack.extend(contained(def, true));
                }
            }
        });
    }
    if used.iter().all(|used| *used) {
        return;
    }
    let mut new_position = Vec::with_capacity(used.len());
    let mut kept = 0;
    for used in &used {
        new_position.push(kept);
        kept += usize::from(*used);
    }
    let mut index = 0;
    api.types.retain(|_| {
        let keep = used.get(index).copied().unwrap_or(true);
        index += 1;
        keep
    });
    renumber_uses(api, &|id: TypeId| TypeId(new_position.get(id.0).copied().unwrap_or(id.0)));
}

/// Numbers the types in name order, so that a new type adds lines and moves nothing.
fn sort_types(api: &mut Api) {
    let mut order: Vec<usize> = (0..api.types.len()).collect();
    order.sort_by(|left, right| {
        let name = |index: &usize| api.types.get(*index).map(|def| def.name.to_string()).unwrap_or_default();
        name(left).cmp(&name(right))
    });
    let mut new_position = vec![0; order.len()];
    for (position, old) in order.iter().enumerate() {
        if let Some(slot) = new_position.get_mut(*old) {
            *slot = position;
        }
    }
    let renumber = |id: TypeId| TypeId(new_position.get(id.0).copied().unwrap_or(id.0));
    let mut taken: Vec<Option<TypeDef>> = std::mem::take(&mut api.types).into_iter().map(Some).collect();
    api.types = order.iter().filter_map(|old| taken.get_mut(*old).and_then(Option::take)).collect();
    renumber_uses(api, &renumber);
}

/// Points every use of a named type, in the types and the operations, where `renumber` says.
fn renumber_uses(api: &mut Api, renumber: &impl Fn(TypeId) -> TypeId) {
    renumber_type_uses(&mut api.types, renumber);
    for operation in &mut api.operations {
        for param in &mut operation.params {
            param.ty.map_ids(renumber);
        }
        if let Some(body) = &mut operation.body {
            body.ty.map_ids(renumber);
        }
        match &mut operation.response {
            crate::model::Response::Json(ty) | crate::model::Response::MaybeJson(ty) => ty.map_ids(renumber),
            crate::model::Response::ByStatus(id) => *id = renumber(*id),
            _ => {}
        }
        if let Some(error) = &mut operation.error_type {
            *error = renumber(*error);
        }
        if let Some(pagination) = &mut operation.pagination {
            pagination.reply = renumber(pagination.reply);
            pagination.item_type.map_ids(renumber);
        }
    }
}

/// Points every use of a named type inside the type definitions where `renumber` says.
fn renumber_type_uses(types: &mut [TypeDef], renumber: &impl Fn(TypeId) -> TypeId) {
    for def in types {
        def.kind.uses_mut().into_iter().for_each(|ty| ty.map_ids(renumber));
    }
}

/// The runtime parts and dependencies, from every type use the crate actually has.
fn needs(api: &Api) -> Needs {
    let mut needs = Needs {
        paging: api.operations.iter().any(|operation| operation.pagination.is_some()),
        multipart: api.operations.iter().any(|operation| {
            operation.params.iter().any(|param| param.location == crate::model::ParamLocation::Multipart)
                || operation.body.as_ref().is_some_and(|body| body.media == crate::model::BodyMedia::MultipartObject)
        }),
        service_account: api.auth.service_account().is_some(),
        envelope: api.errors.envelope.is_some() || !api.errors.codes.is_empty(),
        serialize_replies: api.types.iter().any(|def| def.usage.received && !def.usage.sent),
        unions: api.types.iter().any(|def| {
            matches!(&def.kind, TypeKind::Union(union) if union.tagging == crate::model::Tagging::Untagged)
                && (def.usage.sent || def.usage.received)
        }),
        ..Needs::default()
    };
    let mut note = |ty: &TypeRef| {
        ty.walk(&mut |inner| match inner {
            TypeRef::Decimal => needs.decimal = true,
            TypeRef::Date | TypeRef::DateTime(_) => needs.time = true,
            _ => {}
        })
    };
    for def in &api.types {
        for ty in contained(def, true) {
            note(&ty);
        }
    }
    for operation in &api.operations {
        operation.params.iter().for_each(|param| note(&param.ty));
        if let Some(body) = &operation.body {
            note(&body.ty);
        }
        if let Some(ty) = operation.response.decoded() {
            note(&ty);
        }
    }
    needs
}
