//! Breaking recursive types: a field that leads back to its own type is boxed; so is every
//! object alternative of a union (an enum is as large as its largest variant).

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

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

/// Boxes every struct field and union variant whose type can reach back to its owner: the
/// field's type and its owner are in one strongly connected component of the graph of direct uses.
pub fn box_cycles(types: &mut [TypeDef]) {
    let mut graph = DiGraph::<(), ()>::with_capacity(types.len(), 0);
    let nodes: Vec<NodeIndex> = types.iter().map(|_| graph.add_node(())).collect();
    for (from, def) in nodes.iter().zip(types.iter()) {
        for to in edges(def).into_iter().filter_map(|id| nodes.get(id.0)) {
            graph.add_edge(*from, *to, ());
        }
    }
    let mut component = vec![usize::MAX; types.len()];
    for (number, members) in tarjan_scc(&graph).into_iter().enumerate() {
        for member in members {
            if let Some(slot) = component.get_mut(member.index()) {
                *slot = number;
            }
        }
    }
    for (index, def) in types.iter_mut().enumerate() {
        let owner = component.get(index).copied();
        let box_if_cyclic = |ty: &mut TypeRef| {
            if direct(ty).is_some_and(|target| component.get(target.0).copied() == owner) {
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
