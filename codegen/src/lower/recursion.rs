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
        TypeKind::Alias(target) | TypeKind::Newtype(target) => direct(target).into_iter().collect(),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::OperationError(_) | TypeKind::OperationReply(_) => {
            Vec::new()
        }
    }
}

/// The named types a use mentions anywhere, each with whether a list or map lies on the way
/// (a JSON nesting level, which a decoder must consume before it meets the type again).
fn mentions(ty: &TypeRef, nested: bool, out: &mut Vec<(TypeId, bool)>) {
    match ty {
        TypeRef::Named(id) => out.push((*id, nested)),
        TypeRef::List(inner) | TypeRef::Map(inner) => mentions(inner, true, out),
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => mentions(inner, nested, out),
        TypeRef::Tuple(items) => items.iter().for_each(|item| mentions(item, true, out)),
        _ => {}
    }
}

/// Aliases on a cycle of aliases, following the edges `keep` accepts: a strongly connected
/// component of two or more, or one alias that mentions itself.
fn alias_cycles(types: &[TypeDef], keep: impl Fn(bool) -> bool) -> Vec<TypeId> {
    let mut graph = DiGraph::<(), ()>::with_capacity(types.len(), 0);
    let nodes: Vec<NodeIndex> = types.iter().map(|_| graph.add_node(())).collect();
    let alias = |id: TypeId| types.get(id.0).is_some_and(|def| matches!(def.kind, TypeKind::Alias(_)));
    for (index, def) in types.iter().enumerate() {
        let TypeKind::Alias(target) = &def.kind else { continue };
        let mut found = Vec::new();
        mentions(target, false, &mut found);
        for (to, nested) in found {
            if alias(to)
                && keep(nested)
                && let (Some(from), Some(to)) = (nodes.get(index), nodes.get(to.0))
            {
                graph.add_edge(*from, *to, ());
            }
        }
    }
    let mut cyclic: Vec<TypeId> = tarjan_scc(&graph)
        .into_iter()
        .filter(|members| members.len() > 1 || members.iter().any(|node| graph.contains_edge(*node, *node)))
        .flatten()
        .map(|node| TypeId(node.index()))
        .collect();
    cyclic.sort();
    cyclic
}

/// Aliases cannot name themselves (`type Tree = Vec<Tree>` does not compile). An alias cycle
/// through a list or map is a real recursive type: its aliases become newtypes. One with no
/// list or map on the way (`A` is `B`, `B` is `A`, or `A` is `Option<A>`) describes no JSON
/// value a decoder could finish: its aliases become free-form JSON. Returns those.
pub fn break_alias_cycles(types: &mut [TypeDef]) -> Vec<TypeId> {
    let endless = alias_cycles(types, |nested| !nested);
    for id in &endless {
        if let Some(def) = types.get_mut(id.0) {
            def.kind = TypeKind::Alias(TypeRef::Json);
        }
    }
    for id in alias_cycles(types, |_| true) {
        if let Some(def) = types.get_mut(id.0)
            && let TypeKind::Alias(target) = &def.kind
        {
            def.kind = TypeKind::Newtype(target.clone());
        }
    }
    endless
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
            TypeKind::Newtype(target) => box_if_cyclic(target),
            TypeKind::Alias(_)
            | TypeKind::Enum(_)
            | TypeKind::IntEnum(_)
            | TypeKind::OperationError(_)
            | TypeKind::OperationReply(_) => {}
        }
    }
}

/// Object alternatives of a union (structs, other unions, aliases of them) are boxed, and so are
/// object bodies in the enums of replies and errors by status, whose `Other` variant is small.
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
            // A large error body beside a small one would make every error as large.
            TypeKind::OperationError(variants) => {
                for variant in variants {
                    if is_object(&variant.ty) {
                        boxed(&mut variant.ty);
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
