//! Breaking recursive types: a field that leads back to its own type is boxed; so is every
//! object alternative of a union (an enum is as large as its largest variant).

use std::collections::BTreeSet;

use crate::model::{TypeDef, TypeId, TypeKind, TypeRef};

/// The named type a use contains inline (not behind a list or map, which already allocate).
fn direct(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        _ => None,
    }
}

fn edges(def: &TypeDef) -> Vec<TypeId> {
    match &def.kind {
        TypeKind::Struct(structure) => structure.fields.iter().filter_map(|field| direct(&field.ty)).collect(),
        TypeKind::Union(union) => union.variants.iter().filter_map(|variant| direct(&variant.ty)).collect(),
        TypeKind::Alias(target) => direct(target).into_iter().collect(),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::OperationError(_) | TypeKind::OperationReply(_) => {
            Vec::new()
        }
    }
}

fn boxed(ty: &mut TypeRef) {
    *ty = TypeRef::Boxed(Box::new(ty.clone()));
}

/// Boxes every struct field and union variant whose type can reach back to its owner.
pub fn box_cycles(types: &mut [TypeDef]) {
    let graph: Vec<Vec<TypeId>> = types.iter().map(edges).collect();
    let reaches = |from: TypeId, target: TypeId| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(next) = stack.pop() {
            if next == target {
                return true;
            }
            if seen.insert(next) {
                stack.extend(graph.get(next.0).into_iter().flatten().copied());
            }
        }
        false
    };
    for (index, def) in types.iter_mut().enumerate() {
        let owner = TypeId(index);
        let box_if_cyclic = |ty: &mut TypeRef| {
            if direct(ty).is_some_and(|target| reaches(target, owner)) {
                boxed(ty);
            }
        };
        match &mut def.kind {
            TypeKind::Struct(structure) => structure.fields.iter_mut().for_each(|field| box_if_cyclic(&mut field.ty)),
            TypeKind::Union(union) => union.variants.iter_mut().for_each(|variant| box_if_cyclic(&mut variant.ty)),
            TypeKind::Alias(_)
            | TypeKind::Enum(_)
            | TypeKind::IntEnum(_)
            | TypeKind::OperationError(_)
            | TypeKind::OperationReply(_) => {}
        }
    }
}

/// Object alternatives of a union (structs, other unions, aliases of them) are boxed, and so are
/// object bodies in an enum of replies by status, whose `Other` variant is small.
pub fn box_union_objects(types: &mut [TypeDef]) {
    let is_object: Vec<bool> = (0..types.len()).map(|index| resolves_to_object(types, TypeId(index))).collect();
    let is_object = |ty: &TypeRef| direct(ty).is_some_and(|id| is_object.get(id.0).copied().unwrap_or(false));
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    if is_object(&variant.ty) {
                        boxed(&mut variant.ty);
                    }
                }
            }
            TypeKind::OperationReply(variants) => {
                for variant in variants {
                    if let crate::model::ReplyBody::Json(ty) = &mut variant.body
                        && is_object(ty)
                    {
                        boxed(ty);
                    }
                }
            }
            _ => {}
        }
    }
}

fn resolves_to_object(types: &[TypeDef], id: TypeId) -> bool {
    matches!(crate::model::definition(types, id).map(|def| &def.kind), Some(TypeKind::Struct(_) | TypeKind::Union(_)))
}
