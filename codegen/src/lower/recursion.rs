//! Breaking recursive types: a field that leads back to its own type is boxed.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{TypeDef, TypeKind, TypeRef};

/// The named type a use contains inline (not behind a list or map, which already allocate).
fn direct(t: &TypeRef) -> Option<&str> {
    match t {
        TypeRef::Named(n) => Some(n),
        _ => None,
    }
}

fn edges(def: &TypeDef) -> Vec<&str> {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
        TypeKind::Union(u) => u.variants.iter().filter_map(|v| direct(&v.ty)).collect(),
        TypeKind::Alias(a) => direct(a).into_iter().collect(),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::OperationError(_) => Vec::new(),
    }
}

/// Boxes every struct field and union variant whose type can reach back to its owner.
pub fn box_cycles(types: &mut [TypeDef]) {
    let graph: BTreeMap<String, Vec<String>> =
        types.iter().map(|t| (t.name.clone(), edges(t).into_iter().map(str::to_owned).collect())).collect();
    let reaches = |from: &str, target: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(n) = stack.pop() {
            if n == target {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(graph.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    for def in types.iter_mut() {
        let owner = def.name.clone();
        let boxed = |t: &mut TypeRef| {
            if let Some(n) = direct(t)
                && reaches(n, &owner)
            {
                *t = TypeRef::Boxed(Box::new(t.clone()));
            }
        };
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| boxed(&mut f.ty)),
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| boxed(&mut v.ty)),
            TypeKind::Alias(_) | TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::OperationError(_) => {}
        }
    }
}

/// Object alternatives of a union (structs, other unions, aliases of them) are boxed: an enum
/// is as large as its largest variant, and spec objects vary widely in size.
pub fn box_union_structs(types: &mut [TypeDef]) {
    let kinds: BTreeMap<String, TypeKind> = types.iter().map(|t| (t.name.clone(), t.kind.clone())).collect();
    let is_object = |name: &str| {
        let mut name = name.to_owned();
        for _ in 0..16 {
            match kinds.get(&name) {
                Some(TypeKind::Struct(_) | TypeKind::Union(_)) => return true,
                Some(TypeKind::Alias(TypeRef::Named(next))) => name.clone_from(next),
                _ => return false,
            }
        }
        false
    };
    for def in types.iter_mut() {
        if let TypeKind::Union(u) = &mut def.kind {
            for v in &mut u.variants {
                if direct(&v.ty).is_some_and(is_object) {
                    v.ty = TypeRef::Boxed(Box::new(v.ty.clone()));
                }
            }
        }
    }
}
