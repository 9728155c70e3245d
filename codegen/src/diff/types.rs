//! Changes to named types, paired by Rust name: struct fields (by JSON key), enum values (by
//! wire value), integer constants (by value), union alternatives and error replies.
//!
//! Impacts, against the Cargo SemVer reference, for what `emit` makes of a type:
//! - a new type is a new public item (item-new): minor; a removed one (item-remove): major;
//! - structs are `#[non_exhaustive]`, so a new pub field breaks no struct literal or pattern
//!   outside the crate (struct-add-public-field-when-no-private does not apply): minor, unless
//!   the struct is sent and the field is required (`new` gains an argument, fn-change-arity);
//! - string enums, unions and error enums are `#[non_exhaustive]`: a new variant is minor
//!   (enum-variant-new does not apply), a removed one major;
//! - a field, alternative or alias whose Rust type changes breaks its readers: major;
//! - a removed trait impl (serde, `Default`, `ToParam`) breaks its callers: major; a new one: minor.

use std::collections::{BTreeMap, BTreeSet};

use super::operations::capitalise;
use super::spell;
use super::{Entry, Impact, Kind, Log, Sides, Subject, docs_differ};
use crate::model::{Api, Field, Shape, StatusMatch, Struct, Tagging, TypeDef, TypeKind, Union};

pub(super) fn compare(sides: Sides<'_>, out: &mut Vec<crate::diff::Change>) {
    let (old_types, new_types) = (by_name(sides.old), by_name(sides.new));
    let names: BTreeSet<&String> = old_types.keys().chain(new_types.keys()).collect();
    let (old_classes, new_classes) = (classes(sides.old), classes(sides.new));
    for name in names {
        let mut log = Log { subject: Subject::Type { name: name.clone() }, out };
        match (old_types.get(name), new_types.get(name)) {
            (None, Some(def)) => added(sides, def, &mut log),
            (Some(def), None) => removed(sides, def, &mut log),
            (Some(old), Some(new)) => {
                compare_type(sides, old, new, &mut log);
                identity(name, (&old_classes, &new_classes), (&old_types, &new_types), &mut log);
            }
            (None, None) => {}
        }
    }
}

/// The definition a type name stands for: itself, or what it is another name for (a shared
/// inline schema, a schema that is a `$ref` to another).
fn definition<'a>(api: &'a Api, def: &'a TypeDef) -> &'a TypeDef {
    match &def.kind {
        TypeKind::Alias(crate::model::TypeRef::Named(id)) => crate::model::definition(&api.types, *id).unwrap_or(def),
        _ => def,
    }
}

/// For every type name, the names of the other types that are the same Rust type (aliases of
/// one definition), sorted.
fn classes(api: &Api) -> BTreeMap<String, Vec<String>> {
    let mut by_definition: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for def in &api.types {
        by_definition.entry(definition(api, def).name.to_string()).or_default().push(def.name.to_string());
    }
    let mut classes = BTreeMap::new();
    for members in by_definition.values().filter(|members| members.len() > 1) {
        for member in members {
            let others: Vec<String> = members.iter().filter(|other| *other != member).cloned().collect();
            classes.insert(member.clone(), others);
        }
    }
    classes
}

type Classes = BTreeMap<String, Vec<String>>;

/// Names that became, or stopped being, the same type as `name`. Reported once per pair (under
/// the first name), and only for names on both sides: a removed or new name is reported as such.
fn identity(
    name: &str,
    (old_classes, new_classes): (&Classes, &Classes),
    (old_types, new_types): (&BTreeMap<String, &TypeDef>, &BTreeMap<String, &TypeDef>),
    log: &mut Log<'_>,
) {
    let empty = Vec::new();
    let (before, after) = (old_classes.get(name).unwrap_or(&empty), new_classes.get(name).unwrap_or(&empty));
    let on_both_sides =
        |other: &&String| other.as_str() > name && old_types.contains_key(*other) && new_types.contains_key(*other);
    for other in before.iter().filter(on_both_sides).filter(|other| !after.contains(other)) {
        // Code that passes a value of one where the other is expected stops compiling.
        log.add(Entry {
            kind: Kind::TypesSplit,
            impact: Impact::Major,
            change: format!("the schemas of `{name}` and `{other}` are no longer alike"),
            item: format!("`{name}`"),
            reason: format!("`{name}` and `{other}` are no longer the same type"),
            sentence: format!("`{name}` and `{other}` are now two types."),
        });
    }
    for other in after.iter().filter(on_both_sides).filter(|other| !before.contains(other)) {
        log.add(Entry {
            kind: Kind::TypesJoined,
            impact: Impact::Minor,
            change: format!("the schemas of `{name}` and `{other}` are now alike"),
            item: format!("`{name}`"),
            reason: format!("`{name}` and `{other}` are now one type under two names"),
            sentence: format!("`{name}` and `{other}` are now the same type."),
        });
    }
}

fn by_name(api: &Api) -> BTreeMap<String, &TypeDef> {
    api.types.iter().map(|def| (def.name.to_string(), def)).collect()
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum(_) => "a string enum",
        TypeKind::IntEnum(_) => "an integer enum",
        TypeKind::Union(_) => "a union enum",
        TypeKind::Alias(_) => "a type alias",
        TypeKind::Newtype(_) => "a newtype struct",
        TypeKind::OperationError(_) => "an error enum",
        TypeKind::OperationReply(_) => "a reply enum",
    }
}

/// Where a type comes from, for the spec-terms column: a component, or an inline schema
/// named by the operation or component it sits in.
fn origin(def: &TypeDef) -> String {
    let Some(pointer) = def.origin.strip_prefix("#/") else { return format!("schema `{}`", def.origin) };
    let segments: Vec<String> =
        pointer.split('/').map(|segment| segment.replace("~1", "/").replace("~0", "~")).collect();
    match segments.as_slice() {
        [paths, path, method, ..] if paths == "paths" => {
            format!("inline schema in `{} {path}`", method.to_ascii_uppercase())
        }
        [components, schemas, key, ..] if components == "components" && schemas == "schemas" => {
            format!("inline schema in `{key}`")
        }
        _ => format!("inline schema `{}`", def.origin),
    }
}

/// The type of the other side with the same origin under another name: a rename.
fn counterpart<'a>(others: &'a Api, this: &Api, def: &TypeDef) -> Option<&'a TypeDef> {
    others
        .types
        .iter()
        .find(|other| other.origin == def.origin && !this.types.iter().any(|same| same.name == other.name))
}

fn added(sides: Sides<'_>, def: &TypeDef, log: &mut Log<'_>) {
    let name = def.name.as_str();
    let renamed = counterpart(sides.old, sides.new, def)
        .map(|old| format!("; it replaces `{}` (a rename is a removal plus an addition)", old.name))
        .unwrap_or_default();
    log.add(Entry {
        kind: Kind::TypeAdded,
        impact: Impact::Minor,
        change: format!("new {}{renamed}", origin(def)),
        item: format!("`{name}`"),
        reason: format!("new public type `{name}` ({})", kind_name(&definition(sides.new, def).kind)),
        sentence: format!("New type `{name}`."),
    });
}

fn removed(sides: Sides<'_>, def: &TypeDef, log: &mut Log<'_>) {
    let name = def.name.as_str();
    let (change, sentence) = match counterpart(sides.new, sides.old, def) {
        Some(new) => (
            format!("{} is now named `{}` (a rename is a removal plus an addition)", origin(def), new.name),
            format!("`{name}` is renamed to `{}`.", new.name),
        ),
        None => (format!("{} removed", origin(def)), format!("`{name}` is removed.")),
    };
    log.add(Entry {
        kind: Kind::TypeRemoved,
        impact: Impact::Major,
        change,
        item: format!("`{name}`"),
        reason: format!("public type `{name}` removed"),
        sentence,
    });
}

fn compare_type(sides: Sides<'_>, old_name: &TypeDef, new_name: &TypeDef, log: &mut Log<'_>) {
    let name = new_name.name.as_str();
    // What users get under the name: the definition behind an alias of another name.
    let (old, new) = (definition(sides.old, old_name), definition(sides.new, new_name));
    if std::mem::discriminant(&old.kind) != std::mem::discriminant(&new.kind) {
        log.add(Entry {
            kind: Kind::TypeKindChanged,
            impact: Impact::Major,
            change: format!("{} changed shape", origin(new_name)),
            item: format!("`{name}`"),
            reason: format!("`{name}` is now {} instead of {}", kind_name(&new.kind), kind_name(&old.kind)),
            sentence: format!("`{name}` is now {}.", kind_name(&new.kind)),
        });
        return;
    }
    trait_impls(old, new, log);
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(before), TypeKind::Struct(after)) => structure(sides, name, before, after, log),
        (TypeKind::Enum(before), TypeKind::Enum(after)) => string_enum(name, before, after, log),
        (TypeKind::IntEnum(before), TypeKind::IntEnum(after)) => int_enum(name, before, after, log),
        (TypeKind::Union(before), TypeKind::Union(after)) => union(sides, name, before, after, log),
        (TypeKind::Alias(before), TypeKind::Alias(after)) | (TypeKind::Newtype(before), TypeKind::Newtype(after)) => {
            let (before, after) = (spell::type_ref(sides.old, before), spell::type_ref(sides.new, after));
            if before != after {
                log.add(Entry {
                    kind: Kind::AliasRetyped,
                    impact: Impact::Major,
                    change: format!("{} retyped", origin(new_name)),
                    item: format!("`{name}`"),
                    reason: format!("`{name}` is `{after}` instead of `{before}`"),
                    sentence: format!("`{name}` is now `{after}` (was `{before}`)."),
                });
            }
        }
        (TypeKind::OperationError(before), TypeKind::OperationError(after)) => {
            status_enum(&ERROR_ENUM, name, &error_variants(sides.old, before), &error_variants(sides.new, after), log)
        }
        (TypeKind::OperationReply(before), TypeKind::OperationReply(after)) => {
            status_enum(&REPLY_ENUM, name, &reply_variants(sides.old, before), &reply_variants(sides.new, after), log)
        }
        _ => {}
    }
    if docs_differ(&old_name.docs, &new_name.docs) {
        log.docs(&origin(new_name), &format!("`{name}`"));
    }
}

/// The trait impls a type's usage decides.
fn impls(def: &TypeDef) -> Vec<&'static str> {
    let mut traits = Vec::new();
    let json = def.usage.sent || def.usage.received;
    match &def.kind {
        TypeKind::Struct(structure) => {
            if structure.builder.as_ref().is_some_and(|builder| builder.default) {
                traits.push("Default");
            }
            if json {
                traits.extend(["Serialize", "Deserialize"]);
            }
        }
        TypeKind::Newtype(_) => {
            if json {
                traits.extend(["Serialize", "Deserialize"]);
            }
        }
        TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::Union(_) => {
            if json {
                traits.extend(["Serialize", "Deserialize"]);
            }
            if def.usage.as_param {
                traits.push("ToParam");
            }
        }
        TypeKind::Alias(_) | TypeKind::OperationError(_) | TypeKind::OperationReply(_) => {}
    }
    traits
}

fn trait_impls(old: &TypeDef, new: &TypeDef, log: &mut Log<'_>) {
    let name = new.name.as_str();
    let (before, after) = (impls(old), impls(new));
    for added in after.iter().filter(|name| !before.contains(name)) {
        log.add(Entry {
            kind: Kind::TraitImplAdded,
            impact: Impact::Minor,
            change: format!("`{name}` is used in a new direction"),
            item: format!("`impl {added} for {name}`"),
            reason: format!("`{name}` now implements `{added}`"),
            sentence: format!("`{name}` implements `{added}`."),
        });
    }
    for removed in before.iter().filter(|name| !after.contains(name)) {
        log.add(Entry {
            kind: Kind::TraitImplRemoved,
            impact: Impact::Major,
            change: format!("`{name}` is no longer used in one direction"),
            item: format!("`impl {removed} for {name}`"),
            reason: format!("`{name}` no longer implements `{removed}`"),
            sentence: format!("`{name}` no longer implements `{removed}`."),
        });
    }
}

/// How users set a field of a sent struct: a `new` argument or a setter (by name).
fn field_role(structure: &Struct, index: usize) -> Option<Option<String>> {
    let builder = structure.builder.as_ref()?;
    Some(builder.setters.get(index).cloned().flatten().map(|setter| setter.to_string()))
}

fn structure(sides: Sides<'_>, name: &str, old: &Struct, new: &Struct, log: &mut Log<'_>) {
    builder(name, old, new, log);
    let pairs = new.fields.iter().enumerate().map(|(index, field)| {
        let before = old.fields.iter().position(|candidate| candidate.wire_name == field.wire_name);
        (before, Some(index))
    });
    let gone = old
        .fields
        .iter()
        .enumerate()
        .filter(|(_, field)| !new.fields.iter().any(|candidate| candidate.wire_name == field.wire_name))
        .map(|(index, _)| (Some(index), None));
    let pairs: Vec<(Option<usize>, Option<usize>)> = pairs.chain(gone).collect();
    for (old_index, new_index) in pairs {
        let before = old_index.and_then(|index| old.fields.get(index).map(|field| (index, field)));
        let after = new_index.and_then(|index| new.fields.get(index).map(|field| (index, field)));
        match (before, after) {
            (None, Some((index, field))) => field_added(sides.new, name, new, index, field, log),
            (Some((_, field)), None) => {
                // Cargo: item-remove (a pub field).
                let path = format!("`{name}.{}`", field.name);
                log.add(Entry {
                    kind: Kind::FieldRemoved,
                    impact: Impact::Major,
                    change: format!("property `{}` removed", field.wire_name),
                    item: path.clone(),
                    reason: format!("pub field {path} removed"),
                    sentence: format!("{path} is removed."),
                });
            }
            (Some((old_index, before)), Some((new_index, after))) => {
                field_changed(sides, name, (old, old_index, before), (new, new_index, after), log)
            }
            (None, None) => {}
        }
    }
    match (&old.additional, &new.additional) {
        (None, Some(additional)) => log.add(Entry {
            kind: Kind::FieldAdded,
            impact: Impact::Minor,
            change: "`additionalProperties` now typed".into(),
            item: format!("`{name}.{}`", additional.name),
            reason: format!("new pub field `{name}.{}` on a `#[non_exhaustive]` struct", additional.name),
            sentence: format!("`{name}.{}` keeps the object's other keys.", additional.name),
        }),
        (Some(additional), None) => log.add(Entry {
            kind: Kind::FieldRemoved,
            impact: Impact::Major,
            change: "`additionalProperties` no longer typed".into(),
            item: format!("`{name}.{}`", additional.name),
            reason: format!("pub field `{name}.{}` removed", additional.name),
            sentence: format!("`{name}.{}` is removed.", additional.name),
        }),
        (Some(before), Some(after)) => {
            let (old_ty, new_ty) = (spell::type_ref(sides.old, &before.ty), spell::type_ref(sides.new, &after.ty));
            if old_ty != new_ty || before.name != after.name {
                log.add(Entry {
                    kind: Kind::FieldRetyped,
                    impact: Impact::Major,
                    change: "`additionalProperties` retyped".into(),
                    item: format!("`{name}.{}`", after.name),
                    reason: format!(
                        "`{name}.{}` holds `{new_ty}` values instead of `{name}.{}` holding `{old_ty}`",
                        after.name, before.name
                    ),
                    sentence: format!("`{name}.{}` now holds `{new_ty}` values.", after.name),
                });
            }
        }
        (None, None) => {}
    }
}

/// Whether users can build the struct: `new` and setters appear when a type starts being sent.
fn builder(name: &str, old: &Struct, new: &Struct, log: &mut Log<'_>) {
    let constructor = |structure: &Struct| structure.builder.as_ref().map(|builder| !builder.default);
    let (impact, change, reason) = match (constructor(old), constructor(new)) {
        (None, Some(_)) => (
            Impact::Minor,
            format!("`{name}` is now sent in requests"),
            format!("`{name}` gains a constructor and setters"),
        ),
        (Some(_), None) => (
            Impact::Major,
            format!("`{name}` is no longer sent in requests"),
            format!("`{name}`'s constructor and setters are removed"),
        ),
        (Some(true), Some(false)) => (
            Impact::Major,
            format!("`{name}` has no required fields any more"),
            format!("`{name}::new` is removed; `{name}::default()` takes its place"),
        ),
        (Some(false), Some(true)) => {
            (Impact::Minor, format!("`{name}` has required fields now"), format!("new constructor `{name}::new`"))
        }
        _ => return,
    };
    log.add(Entry {
        kind: Kind::BuilderChanged,
        impact,
        change,
        item: format!("`{name}::new`"),
        sentence: format!("{}.", capitalise(&reason)),
        reason,
    });
}

fn field_added(api: &Api, name: &str, structure: &Struct, index: usize, field: &Field, log: &mut Log<'_>) {
    let wire = &field.wire_name;
    let path = format!("`{name}.{}`", field.name);
    let ty = spell::field(api, field);
    let required = if field.shape == Shape::Required { "required" } else { "optional" };
    let entry = match field_role(structure, index) {
        // A sent struct's required field is a new argument of `new` (fn-change-arity).
        Some(None) => Entry {
            kind: Kind::FieldAdded,
            impact: Impact::Major,
            change: format!("new required property `{wire}`"),
            item: format!("`{name}::new`"),
            reason: format!("`{name}::new` gains an argument `{}`", field.name),
            sentence: format!("`{name}` has a new required field `{}`: `{name}::new` takes it.", field.name),
        },
        role => {
            let setter = match role {
                Some(Some(setter)) => format!(" and setter `{name}::{setter}`"),
                _ => String::new(),
            };
            let decode = if field.shape == Shape::Required { "; replies without it no longer decode" } else { "" };
            Entry {
                kind: Kind::FieldAdded,
                impact: Impact::Minor,
                change: format!("new {required} property `{wire}`"),
                item: path.clone(),
                reason: format!(
                    "new pub field `{name}.{}: {ty}`{setter} on a `#[non_exhaustive]` struct{decode}",
                    field.name
                ),
                sentence: format!("`{name}` has a new {required} field `{}` (`{ty}`).", field.name),
            }
        }
    };
    log.add(entry);
}

fn field_changed(
    sides: Sides<'_>,
    name: &str,
    (old_struct, old_index, old): (&Struct, usize, &Field),
    (new_struct, new_index, new): (&Struct, usize, &Field),
    log: &mut Log<'_>,
) {
    let wire = &new.wire_name;
    let path = format!("`{name}.{}`", new.name);
    if old.name != new.name {
        // Cargo: item-remove (the old field name).
        log.add(Entry {
            kind: Kind::FieldRenamed,
            impact: Impact::Major,
            change: format!("Rust name of property `{wire}` changed"),
            item: path.clone(),
            reason: format!("`{name}.{}` is now {path}", old.name),
            sentence: format!("`{name}.{}` is renamed to {path}.", old.name),
        });
    }
    let (before, after) = (spell::field(sides.old, old), spell::field(sides.new, new));
    let same_inner = spell::type_ref(sides.old, &old.ty) == spell::type_ref(sides.new, &new.ty);
    if before != after {
        let (kind, change) = match (old.shape, new.shape) {
            (Shape::Required, now) if same_inner => {
                let now = match now {
                    Shape::Nullable => "nullable",
                    Shape::OptionalNullable => "optional and nullable",
                    Shape::Optional | Shape::Required => "optional",
                };
                (Kind::FieldNowOptional, format!("property `{wire}` is now {now}"))
            }
            (was, Shape::Required) if same_inner => {
                let now = match was {
                    Shape::Nullable => "no longer nullable",
                    Shape::OptionalNullable => "now required and not nullable",
                    Shape::Optional | Shape::Required => "now required",
                };
                (Kind::FieldNowRequired, format!("property `{wire}` is {now}"))
            }
            _ => (Kind::FieldRetyped, format!("property `{wire}` retyped")),
        };
        // Every reader and writer of the field sees another type.
        log.add(Entry {
            kind,
            impact: Impact::Major,
            change,
            item: path.clone(),
            reason: format!("{path} is `{after}` instead of `{before}`"),
            sentence: format!("{path} is now `{after}` (was `{before}`)."),
        });
    } else if old.shape != new.shape {
        let now =
            if matches!(new.shape, Shape::Nullable) { "sent as `null` when `None`" } else { "left out when `None`" };
        log.add(Entry {
            kind: Kind::FieldNullability,
            impact: Impact::Patch,
            change: format!("property `{wire}` changed between optional and nullable"),
            item: path.clone(),
            reason: format!("{path} stays `{after}`; it is {now}"),
            sentence: format!("{path} is {now}."),
        });
    }
    let (old_role, new_role) = (field_role(old_struct, old_index), field_role(new_struct, new_index));
    let (old_argument, new_argument) = (spell::field_argument(sides.old, old), spell::field_argument(sides.new, new));
    if before == after && old_role.is_some() && old_role == new_role && old_argument != new_argument {
        // The field keeps its type, but what its setter or `new` takes changes (a nullable
        // field is set with an `Option`): callers break.
        let item = match &new_role {
            Some(Some(setter)) => format!("`{name}::{setter}`"),
            _ => format!("`{name}::new`"),
        };
        log.add(Entry {
            kind: Kind::BuilderChanged,
            impact: Impact::Major,
            change: format!("property `{wire}` is set differently"),
            reason: format!("{item} takes `{new_argument}` instead of `{old_argument}` for `{}`", new.name),
            sentence: format!("{item} takes `{new_argument}` for `{}`.", new.name),
            item,
        });
    }
    if before == after && old_role.is_some() && new_role.is_some() && old_role != new_role {
        let describe = |role: &Option<Option<String>>| match role {
            Some(Some(setter)) => format!("setter `{name}::{setter}`"),
            _ => format!("an argument of `{name}::new`"),
        };
        log.add(Entry {
            kind: Kind::BuilderChanged,
            impact: Impact::Major,
            change: format!("property `{wire}` is set differently"),
            item: path.clone(),
            reason: format!("{path} is set by {} instead of {}", describe(&new_role), describe(&old_role)),
            sentence: format!("{path} is now set by {}.", describe(&new_role)),
        });
    }
    // A new type already says the value reads differently.
    if old.adapter != new.adapter && before == after {
        log.add(Entry {
            kind: Kind::FieldWireFormat,
            impact: Impact::Patch,
            change: format!("wire format of property `{wire}` changed"),
            item: path.clone(),
            reason: format!("{path} keeps its type; it is read and written in another format"),
            sentence: format!("{path} is read and written in another format."),
        });
    }
    if old.default != new.default {
        let show =
            |default: &Option<String>| default.as_deref().map_or("none".to_owned(), |value| format!("`{value}`"));
        log.add(Entry {
            kind: Kind::FieldDefaultChanged,
            impact: Impact::Patch,
            change: format!(
                "default of property `{wire}` changed from {} to {}",
                show(&old.default),
                show(&new.default)
            ),
            item: path.clone(),
            reason: format!("{path} keeps its type; only its docs state the new default"),
            sentence: format!("The documented default of {path} is now {}.", show(&new.default)),
        });
    }
    if old.secret != new.secret {
        let now = if new.secret { "is now redacted" } else { "is no longer redacted" };
        log.add(Entry {
            kind: Kind::FieldSecret,
            impact: Impact::Patch,
            change: format!(
                "property `{wire}` {}",
                if new.secret { "is now a password" } else { "is no longer a password" }
            ),
            item: path.clone(),
            reason: format!("{path} {now} in `Debug` output"),
            sentence: format!("{path} {now} in debug output."),
        });
    }
    if docs_differ(&old.docs, &new.docs) {
        log.docs(&format!("property `{wire}`"), &path);
    }
}

fn string_enum(name: &str, old: &[crate::model::EnumVariant], new: &[crate::model::EnumVariant], log: &mut Log<'_>) {
    for variant in new {
        let path = format!("`{name}::{}`", variant.name);
        let wire = &variant.wire_value;
        match old.iter().find(|before| before.wire_value == variant.wire_value) {
            // Cargo: enum-variant-new is major only for exhaustive enums; this one is
            // `#[non_exhaustive]`, so every match already has a wildcard arm: minor.
            None => log.add(Entry {
                kind: Kind::EnumValueAdded,
                impact: Impact::Minor,
                change: format!("new enum value `{wire}`"),
                item: path.clone(),
                reason: format!(
                    "new variant {path} in a `#[non_exhaustive]` enum; `{wire}` used to decode as `{name}::Other(\"{wire}\")`, now as {path}"
                ),
                sentence: format!("`{name}` knows the value `{wire}` ({path}); it used to arrive as `{name}::Other`."),
            }),
            Some(before) if before.name != variant.name => log.add(Entry {
                kind: Kind::EnumValueRenamed,
                impact: Impact::Major,
                change: format!("Rust name of enum value `{wire}` changed"),
                item: path.clone(),
                reason: format!("`{name}::{}` is now {path}", before.name),
                sentence: format!("`{name}::{}` is renamed to {path}.", before.name),
            }),
            Some(before) => {
                if docs_differ(&before.docs, &variant.docs) {
                    log.docs(&format!("enum value `{wire}`"), &path);
                }
            }
        }
    }
    for variant in old {
        if !new.iter().any(|after| after.wire_value == variant.wire_value) {
            let path = format!("`{name}::{}`", variant.name);
            let wire = &variant.wire_value;
            // Cargo: item-remove (a variant users match on or build).
            log.add(Entry {
                kind: Kind::EnumValueRemoved,
                impact: Impact::Major,
                change: format!("enum value `{wire}` removed"),
                item: path.clone(),
                reason: format!("variant {path} removed; `{wire}` now decodes as `{name}::Other(\"{wire}\")`"),
                sentence: format!("{path} is removed; `{wire}` arrives as `{name}::Other`."),
            });
        }
    }
}

fn int_enum(name: &str, old: &[crate::model::IntConst], new: &[crate::model::IntConst], log: &mut Log<'_>) {
    for constant in new {
        let path = format!("`{name}::{}`", constant.name);
        let value = constant.value;
        match old.iter().find(|before| before.value == constant.value) {
            // Cargo: item-new (an associated constant); the newtype already holds any value.
            None => log.add(Entry {
                kind: Kind::EnumValueAdded,
                impact: Impact::Minor,
                change: format!("new enum value `{value}`"),
                item: path.clone(),
                reason: format!("new associated constant {path}"),
                sentence: format!("`{name}` names the value {value}: {path}."),
            }),
            Some(before) if before.name != constant.name => log.add(Entry {
                kind: Kind::EnumValueRenamed,
                impact: Impact::Major,
                change: format!("name of enum value `{value}` changed"),
                item: path.clone(),
                reason: format!("`{name}::{}` is now {path}", before.name),
                sentence: format!("`{name}::{}` is renamed to {path}.", before.name),
            }),
            Some(before) => {
                if docs_differ(&before.docs, &constant.docs) {
                    log.docs(&format!("enum value `{value}`"), &path);
                }
            }
        }
    }
    for constant in old {
        if !new.iter().any(|after| after.value == constant.value) {
            let path = format!("`{name}::{}`", constant.name);
            log.add(Entry {
                kind: Kind::EnumValueRemoved,
                impact: Impact::Major,
                change: format!("enum value `{}` removed", constant.value),
                item: path.clone(),
                reason: format!("associated constant {path} removed"),
                sentence: format!("{path} is removed."),
            });
        }
    }
}

fn union(sides: Sides<'_>, name: &str, old: &Union, new: &Union, log: &mut Log<'_>) {
    let property = |tagging: &Tagging| match tagging {
        Tagging::Discriminator { property, .. } => Some(property.clone()),
        Tagging::Untagged => None,
    };
    if property(&old.tagging) != property(&new.tagging) {
        log.add(Entry {
            kind: Kind::UnionTaggingChanged,
            impact: Impact::Patch,
            change: "discriminator changed".into(),
            item: format!("`{name}`"),
            reason: format!("`{name}` keeps its variants; decoding picks the alternative another way"),
            sentence: format!("`{name}` picks its alternative another way when decoding."),
        });
    }
    // The variant that keeps unlisted tags: code matching on it breaks when it is renamed
    // (an alternative named `Unknown` arrived) or goes (the discriminator went).
    let unknown = |tagging: &Tagging| match tagging {
        Tagging::Discriminator { unknown, .. } => Some(unknown.to_string()),
        Tagging::Untagged => None,
    };
    if let Some(before) = unknown(&old.tagging)
        && unknown(&new.tagging).as_ref() != Some(&before)
    {
        let path = format!("`{name}::{before}`");
        let now = match unknown(&new.tagging) {
            Some(after) => format!("a value with a tag no alternative has is `{name}::{after}`"),
            None => "a value that fits no alternative fails to decode".to_owned(),
        };
        log.add(Entry {
            kind: Kind::AlternativeRemoved,
            impact: Impact::Major,
            change: format!("variant `{before}` for unlisted tags removed"),
            item: path.clone(),
            reason: format!("variant {path} removed; {now}"),
            sentence: format!("{path} is removed: {now}."),
        });
    }
    for variant in &new.variants {
        let path = format!("`{name}::{}`", variant.name);
        let ty = spell::type_ref(sides.new, &variant.ty);
        match old.variants.iter().find(|before| before.name == variant.name) {
            None => {
                let decode = match (&new.tagging, &variant.tag) {
                    (Tagging::Discriminator { property, unknown }, Some(tag)) => {
                        format!("; values with `{property}: {tag}` decode as {path} instead of `{name}::{unknown}`")
                    }
                    _ => format!("; a value that fits `{ty}` best now decodes as {path}"),
                };
                // Cargo: enum-variant-new does not apply to a `#[non_exhaustive]` enum: minor.
                log.add(Entry {
                    kind: Kind::AlternativeAdded,
                    impact: Impact::Minor,
                    change: format!("new alternative `{ty}`"),
                    item: path.clone(),
                    reason: format!(
                        "new variant `{name}::{}({ty})` in a `#[non_exhaustive]` enum{decode}",
                        variant.name
                    ),
                    sentence: format!("`{name}` has a new alternative {path}."),
                });
            }
            Some(before) => {
                let old_ty = spell::type_ref(sides.old, &before.ty);
                if old_ty != ty {
                    log.add(Entry {
                        kind: Kind::AlternativeRetyped,
                        impact: Impact::Major,
                        change: format!("alternative `{}` retyped", variant.name),
                        item: path.clone(),
                        reason: format!("{path} holds `{ty}` instead of `{old_ty}`"),
                        sentence: format!("{path} now holds `{ty}`."),
                    });
                } else if before.tag != variant.tag {
                    log.add(Entry {
                        kind: Kind::UnionTaggingChanged,
                        impact: Impact::Patch,
                        change: format!("discriminator value of `{}` changed", variant.name),
                        item: path.clone(),
                        reason: format!("{path} keeps its type; it is chosen by another tag"),
                        sentence: format!("{path} is chosen by another tag."),
                    });
                }
            }
        }
    }
    for variant in &old.variants {
        if !new.variants.iter().any(|after| after.name == variant.name) {
            let path = format!("`{name}::{}`", variant.name);
            log.add(Entry {
                kind: Kind::AlternativeRemoved,
                impact: Impact::Major,
                change: format!("alternative `{}` removed", spell::type_ref(sides.old, &variant.ty)),
                item: path.clone(),
                reason: format!("variant {path} removed"),
                sentence: format!("{path} is removed."),
            });
        }
    }
}

/// One variant of an enum chosen by status, spelled for comparing.
struct StatusVariant<'a> {
    name: &'a str,
    status: StatusMatch,
    /// The payload type as Rust spells it; empty for a unit variant.
    ty: String,
    docs: &'a crate::model::Docs,
}

fn error_variants<'a>(api: &Api, variants: &'a [crate::model::ErrorVariant]) -> Vec<StatusVariant<'a>> {
    let spell = |variant: &'a crate::model::ErrorVariant| StatusVariant {
        name: variant.name.as_str(),
        status: variant.status,
        ty: spell::type_ref(api, &variant.ty),
        docs: &variant.docs,
    };
    variants.iter().map(spell).collect()
}

fn reply_variants<'a>(api: &Api, variants: &'a [crate::model::ReplyVariant]) -> Vec<StatusVariant<'a>> {
    let spell = |variant: &'a crate::model::ReplyVariant| StatusVariant {
        name: variant.name.as_str(),
        status: variant.status,
        ty: match &variant.body {
            crate::model::ReplyBody::None => String::new(),
            crate::model::ReplyBody::Json(ty) => spell::type_ref(api, ty),
            crate::model::ReplyBody::Text => "String".to_owned(),
            crate::model::ReplyBody::Bytes => "Vec<u8>".to_owned(),
        },
        docs: &variant.docs,
    };
    variants.iter().map(spell).collect()
}

/// What the variants of an enum chosen by status are about, and the kinds of their changes.
struct StatusEnum {
    /// "error reply" or "success reply".
    what: &'static str,
    added: Kind,
    removed: Kind,
    retyped: Kind,
}

const ERROR_ENUM: StatusEnum = StatusEnum {
    what: "error reply",
    added: Kind::ErrorVariantAdded,
    removed: Kind::ErrorVariantRemoved,
    retyped: Kind::ErrorVariantRetyped,
};

const REPLY_ENUM: StatusEnum = StatusEnum {
    what: "success reply",
    added: Kind::ReplyVariantAdded,
    removed: Kind::ReplyVariantRemoved,
    retyped: Kind::ReplyVariantRetyped,
};

/// Variants of an error or reply enum matched by the status they stand for.
fn status_enum(
    enum_kind: &StatusEnum,
    name: &str,
    old: &[StatusVariant<'_>],
    new: &[StatusVariant<'_>],
    log: &mut Log<'_>,
) {
    let status = |status: StatusMatch| match status {
        StatusMatch::Code(code) => format!("HTTP {code}"),
        StatusMatch::Range(range) => format!("HTTP {range}XX"),
        StatusMatch::Default => "`default`".to_owned(),
    };
    let what = enum_kind.what;
    let spelled = |variant: &StatusVariant<'_>| match variant.ty.as_str() {
        "" => format!("`{name}::{}`", variant.name),
        ty => format!("`{name}::{}({ty})`", variant.name),
    };
    for variant in new {
        let path = format!("`{name}::{}`", variant.name);
        match old.iter().find(|before| before.status == variant.status) {
            None => log.add(Entry {
                kind: enum_kind.added,
                impact: Impact::Minor,
                change: format!("new documented {what} {}", status(variant.status)),
                item: path.clone(),
                reason: format!("new variant {} in a `#[non_exhaustive]` enum", spelled(variant)),
                sentence: format!("{} replies decode into {path}.", status(variant.status)),
            }),
            Some(before) => {
                if before.ty != variant.ty || before.name != variant.name {
                    log.add(Entry {
                        kind: enum_kind.retyped,
                        impact: Impact::Major,
                        change: format!("documented {what} {} changed", status(variant.status)),
                        item: path.clone(),
                        reason: format!("{} replaces {}", spelled(variant), spelled(before)),
                        sentence: format!("{} replies decode into {}.", status(variant.status), spelled(variant)),
                    });
                } else if docs_differ(before.docs, variant.docs) {
                    log.docs(&format!("{what} {}", status(variant.status)), &path);
                }
            }
        }
    }
    for variant in old {
        if !new.iter().any(|after| after.status == variant.status) {
            let path = format!("`{name}::{}`", variant.name);
            log.add(Entry {
                kind: enum_kind.removed,
                impact: Impact::Major,
                change: format!("documented {what} {} removed", status(variant.status)),
                item: path.clone(),
                reason: format!("variant {path} removed"),
                sentence: format!("{path} is removed."),
            });
        }
    }
}
