//! One definition for inline schemas that the spec spells out identically.
//!
//! Big specs repeat the same inline object or enum in many places (Stripe spells out its ~300
//! merchant categories 21 times). Each copy would be a type of its own, with its own serde code
//! for rustc to compile. Copies whose definitions are equal in every detail (fields, JSON keys,
//! docs, the types they use) become aliases of one of them: every name the spec gave stays
//! usable, one definition is emitted.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::model::{Api, TypeDef, TypeId, TypeKind, TypeRef};

/// Turns each inline type that equals another definition into an alias of it. Two types are
/// equal when their definitions are, once the types they use are themselves shared (sharing
/// two enums can make the structs that use them equal): the uses inside the types point at the
/// shared definitions while classes are found, round after round until nothing changes, and
/// are put back afterwards. So the model keeps every use as the spec named it: a field typed
/// by an inline enum still names that enum, now an alias, and generated signatures and API
/// reports do not depend on which copy was chosen.
pub fn share_identical(api: &mut Api) {
    let order = preference(&api.types);
    let spelled: Vec<Vec<TypeRef>> =
        api.types.iter_mut().map(|def| def.kind.uses_mut().into_iter().map(|ty| ty.clone()).collect()).collect();
    // Definitions are compared in full only when their hashes agree; a hash is computed again
    // only for a definition whose uses changed in the last round.
    let mut hashes: Vec<u64> = api.types.iter().map(|def| hash_of(&def.kind)).collect();
    let mut class: Vec<TypeId> = (0..api.types.len()).map(TypeId).collect();
    loop {
        let mut shared: Vec<(usize, TypeId)> = Vec::new();
        let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
        for &index in &order {
            let Some(def) = api.types.get(index) else { continue };
            if matches!(def.kind, TypeKind::Alias(_) | TypeKind::OperationError(_) | TypeKind::OperationReply(_)) {
                continue;
            }
            let candidates = first.entry(hashes.get(index).copied().unwrap_or_default()).or_default();
            let equal =
                candidates.iter().find(|other| api.types.get(**other).is_some_and(|other| other.kind == def.kind));
            match equal {
                Some(canonical) if is_inline(def) => shared.push((index, TypeId(*canonical))),
                Some(_) => {}
                None => candidates.push(index),
            }
        }
        if shared.is_empty() {
            break;
        }
        let mut target: Vec<TypeId> = (0..api.types.len()).map(TypeId).collect();
        for (index, canonical) in &shared {
            if let Some(slot) = target.get_mut(*index) {
                *slot = *canonical;
            }
            if let Some(def) = api.types.get_mut(*index) {
                def.kind = TypeKind::Alias(TypeRef::Named(*canonical));
            }
        }
        let renumber = |id: TypeId| target.get(id.0).copied().unwrap_or(id);
        for (def, hash) in api.types.iter_mut().zip(&mut hashes) {
            let mut changed = false;
            for ty in def.kind.uses_mut() {
                let before = ty.clone();
                ty.map_ids(&renumber);
                changed |= *ty != before;
            }
            if changed {
                *hash = hash_of(&def.kind);
            }
        }
        for member in &mut class {
            *member = renumber(*member);
        }
    }
    for ((index, def), spelled) in api.types.iter_mut().enumerate().zip(spelled) {
        match class.get(index) {
            Some(canonical) if canonical.0 != index => def.kind = TypeKind::Alias(TypeRef::Named(*canonical)),
            _ => def.kind.uses_mut().into_iter().zip(spelled).for_each(|(ty, named)| *ty = named),
        }
    }
    // Paging reads the reply's fields: it needs the definition, not another name for it.
    for pagination in api.operations.iter_mut().filter_map(|operation| operation.pagination.as_mut()) {
        pagination.reply = class.get(pagination.reply.0).copied().unwrap_or(pagination.reply);
    }
}

/// A hash of a definition, to find equal ones quickly (only ever compared within one run).
fn hash_of(kind: &TypeKind) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    kind.hash(&mut hasher);
    hasher.finish()
}

/// The order in which definitions become the shared one: the spec's named schemas first (their
/// names are the author's), then inline ones by the shortest name, which is the most general.
fn preference(types: &[TypeDef]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by_cached_key(|index| {
        types.get(*index).map(|def| (is_inline(def), def.name.as_str().len(), def.name.to_string()))
    });
    order
}

/// An inline schema (its origin is a JSON pointer); a named schema keeps a type of its own.
fn is_inline(def: &TypeDef) -> bool {
    def.origin.starts_with("#/")
}

#[cfg(test)]
mod tests;
