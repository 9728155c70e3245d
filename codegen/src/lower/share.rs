//! One definition for inline schemas that the spec spells out identically.
//!
//! Big specs repeat the same inline object or enum in many places (Stripe lists its ~300
//! merchant categories in eight request bodies, its address objects in dozens). Each copy
//! would be a type of its own, with its own serde code for rustc to compile. Copies whose
//! definitions are equal in every detail (fields, JSON keys, docs, the types they use) become
//! aliases of one of them: every name the spec gave stays usable, one definition is emitted.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::finish::renumber_type_uses;
use crate::model::{Api, TypeDef, TypeId, TypeKind, TypeRef};

/// Turns each inline type that equals another definition into an alias of it. Two types are
/// equal when their definitions are, once the types they use are themselves shared (sharing
/// two enums can make the structs that use them equal), so classes are found on a copy whose
/// uses point at the shared definitions, round after round until nothing changes. The model
/// itself keeps every use as the spec named it: a field typed by an inline enum still names
/// that enum, now an alias, so generated signatures and API reports do not depend on which
/// copy was chosen.
pub fn share_identical(api: &mut Api) {
    let order = preference(&api.types);
    let mut view = api.types.clone();
    let mut class: Vec<TypeId> = (0..view.len()).map(TypeId).collect();
    loop {
        let mut shared: Vec<(usize, TypeId)> = Vec::new();
        let mut first: HashMap<&TypeKind, TypeId> = HashMap::new();
        for &index in &order {
            let Some(def) = view.get(index) else { continue };
            if matches!(def.kind, TypeKind::Alias(_) | TypeKind::OperationError(_)) {
                continue;
            }
            match first.entry(&def.kind) {
                Entry::Occupied(entry) if is_inline(def) => shared.push((index, *entry.get())),
                Entry::Occupied(_) => {}
                Entry::Vacant(entry) => {
                    entry.insert(TypeId(index));
                }
            }
        }
        if shared.is_empty() {
            break;
        }
        let mut target: Vec<TypeId> = (0..view.len()).map(TypeId).collect();
        for (index, canonical) in &shared {
            if let Some(slot) = target.get_mut(*index) {
                *slot = *canonical;
            }
            if let Some(def) = view.get_mut(*index) {
                def.kind = TypeKind::Alias(TypeRef::Named(*canonical));
            }
        }
        let renumber = |id: TypeId| target.get(id.0).copied().unwrap_or(id);
        renumber_type_uses(&mut view, &renumber);
        for member in &mut class {
            *member = renumber(*member);
        }
    }
    for (index, canonical) in class.iter().enumerate() {
        if canonical.0 == index {
            continue;
        }
        if let Some(def) = api.types.get_mut(index) {
            def.kind = TypeKind::Alias(TypeRef::Named(*canonical));
        }
    }
    // Paging reads the reply's fields: it needs the definition, not another name for it.
    for pagination in api.operations.iter_mut().filter_map(|operation| operation.pagination.as_mut()) {
        pagination.reply = class.get(pagination.reply.0).copied().unwrap_or(pagination.reply);
    }
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
