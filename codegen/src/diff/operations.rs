//! Changes to operations: the client method, its request type (constructors, setters) and its
//! reply. Parameters are paired by wire name (and location, when a name is used twice).
//!
//! Impacts, against the Cargo SemVer reference, for what `emit` makes of an operation:
//! - a new operation adds `Client::<method>` and `<Op>Request` (item-new, impl-item-new): minor;
//! - a removed or renamed one removes them (item-remove): major;
//! - a new required input is a new argument of `new`/`by_*` (fn-change-arity): major;
//! - a new optional input is a new setter on a type whose fields are private: minor;
//! - a removed input, or one whose Rust type or required-ness changes, removes a setter or
//!   changes a signature: major;
//! - wire details (location, encoding, default, path, retries) leave the Rust API as it is: patch.

use std::collections::HashMap;

use super::spell;
use super::{Entry, Impact, Kind, Log, Sides, Subject, docs_differ};
use crate::model::{Api, Body, Operation, Param, SelectionRule};

pub(super) fn compare(sides: Sides<'_>, out: &mut Vec<crate::diff::Change>) {
    let (old_operations, new_operations) = (by_id(sides.old), by_id(sides.new));
    for operation in &sides.new.operations {
        let mut log = Log { subject: subject(operation), out };
        match old_operations.get(operation.id.as_str()) {
            Some(old) => compare_operation(sides, old, operation, &mut log),
            None => added(sides, operation, &mut log),
        }
    }
    for operation in &sides.old.operations {
        if !new_operations.contains_key(operation.id.as_str()) {
            let mut log = Log { subject: subject(operation), out };
            removed(sides, operation, &mut log);
        }
    }
}

fn by_id(api: &Api) -> HashMap<&str, &Operation> {
    api.operations.iter().map(|operation| (operation.id.as_str(), operation)).collect()
}

fn subject(operation: &Operation) -> Subject {
    Subject::Operation { id: operation.id.clone(), method: operation.method_name.to_string() }
}

fn endpoint(operation: &Operation) -> String {
    format!("{} {}", operation.http_method.as_str(), operation.path.text)
}

/// The operation of the other side at the same method and path, under another id: a rename.
fn counterpart<'a>(others: &'a [Operation], this: &[Operation], operation: &Operation) -> Option<&'a Operation> {
    others.iter().find(|other| {
        other.http_method == operation.http_method
            && other.path.text == operation.path.text
            && !this.iter().any(|same| same.id == other.id)
    })
}

fn added(sides: Sides<'_>, operation: &Operation, log: &mut Log<'_>) {
    let method = operation.method_name.as_str();
    let request = operation.request_type.as_str();
    let stream = operation
        .pagination
        .as_ref()
        .map(|pagination| format!(", `Client::{}`", pagination.stream_method))
        .unwrap_or_default();
    let renamed = counterpart(&sides.old.operations, &sides.new.operations, operation)
        .map(|old| format!(" (replaces `{}` at the same endpoint: a rename is a removal plus an addition)", old.id))
        .unwrap_or_default();
    log.add(Entry {
        kind: Kind::OperationAdded,
        impact: Impact::Minor,
        change: format!("new operation `{}` (`{}`){renamed}", operation.id, endpoint(operation)),
        item: format!("`Client::{method}`"),
        reason: format!("new inherent method `Client::{method}`{stream} and new type `{request}`"),
        sentence: format!(
            "New operation `{}`: `client.{method}({})`.",
            operation.id,
            crate::emit::constructor_call(operation)
        ),
    });
}

fn removed(sides: Sides<'_>, operation: &Operation, log: &mut Log<'_>) {
    let method = operation.method_name.as_str();
    let request = operation.request_type.as_str();
    let renamed = counterpart(&sides.new.operations, &sides.old.operations, operation);
    let (change, sentence) = match renamed {
        Some(new) => (
            format!(
                "operation `{}` removed; `{}` now serves `{}` (a rename is a removal plus an addition)",
                operation.id,
                new.id,
                endpoint(operation)
            ),
            format!(
                "`{}` is renamed to `{}`: call `Client::{}` instead of `Client::{method}`.",
                operation.id, new.id, new.method_name
            ),
        ),
        None => (
            format!("operation `{}` removed (`{}`)", operation.id, endpoint(operation)),
            format!("Operation `{}` is removed, with `Client::{method}` and `{request}`.", operation.id),
        ),
    };
    log.add(Entry {
        kind: Kind::OperationRemoved,
        impact: Impact::Major,
        change,
        item: format!("`Client::{method}`"),
        reason: format!("`Client::{method}` and `{request}` are removed"),
        sentence,
    });
}

fn compare_operation(sides: Sides<'_>, old: &Operation, new: &Operation, log: &mut Log<'_>) {
    let request = new.request_type.as_str();
    if old.method_name != new.method_name || old.request_type != new.request_type {
        log.add(Entry {
            kind: Kind::OperationRenamed,
            impact: Impact::Major,
            change: format!("Rust names of `{}` changed", new.id),
            item: format!("`Client::{}`", new.method_name),
            reason: format!(
                "`Client::{}`/`{}` are now `Client::{}`/`{request}`",
                old.method_name, old.request_type, new.method_name
            ),
            sentence: format!("`Client::{}` is renamed to `Client::{}`.", old.method_name, new.method_name),
        });
    }
    if old.http_method != new.http_method || old.path.text != new.path.text {
        log.add(Entry {
            kind: Kind::RequestChanged,
            impact: Impact::Patch,
            change: format!("endpoint changed from `{}` to `{}`", endpoint(old), endpoint(new)),
            item: format!("`Client::{}`", new.method_name),
            reason: format!("`Client::{}` keeps its signature; the request goes elsewhere", new.method_name),
            sentence: format!("`{}` is now sent as `{}`.", new.id, endpoint(new)),
        });
    }
    parameters(sides, old, new, log);
    body(sides, old, new, log);
    constructors(old, new, log);
    reply(sides, old, new, log);
    pagination(sides, old, new, log);
    behaviour(sides, old, new, log);
    if docs_differ(&old.docs, &new.docs) {
        log.docs(&format!("operation `{}`", new.id), &format!("`Client::{}`", new.method_name));
    }
}

/// How users reach an input of the request type.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    /// An argument of `new` (or of every `by_*` constructor), with its type.
    Argument(String),
    /// A setter named like the input, with its argument type.
    Setter(String),
    /// Only through its `by_<member>` constructor (`x-exactly-one-of`).
    Selector(String),
}

fn role(api: &Api, operation: &Operation, index: usize, param: &Param) -> Role {
    let argument = spell::argument(api, &param.ty, &param.input);
    let exactly_one = operation.constructors.selection.as_ref().is_some_and(|selection| {
        selection.rule == SelectionRule::ExactlyOne && selection.members.iter().any(|member| member.param == index)
    });
    if param.required {
        Role::Argument(argument)
    } else if exactly_one {
        Role::Selector(argument)
    } else {
        Role::Setter(argument)
    }
}

/// Pairs the parameters of two versions of an operation: same wire name and location first,
/// then same wire name (a parameter that moved).
fn pair_params(old: &[Param], new: &[Param]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut old_used = vec![false; old.len()];
    let mut new_paired: Vec<Option<usize>> = vec![None; new.len()];
    for exact in [true, false] {
        for (new_index, param) in new.iter().enumerate() {
            if new_paired.get(new_index).copied().flatten().is_some() {
                continue;
            }
            let found = old.iter().enumerate().position(|(old_index, candidate)| {
                !old_used.get(old_index).copied().unwrap_or(true)
                    && candidate.wire_name == param.wire_name
                    && (!exact || candidate.location == param.location)
            });
            if let Some(old_index) = found {
                if let Some(used) = old_used.get_mut(old_index) {
                    *used = true;
                }
                if let Some(slot) = new_paired.get_mut(new_index) {
                    *slot = Some(old_index);
                }
            }
        }
    }
    for (new_index, old_index) in new_paired.iter().enumerate() {
        pairs.push((*old_index, Some(new_index)));
    }
    for (old_index, used) in old_used.iter().enumerate() {
        if !used {
            pairs.push((Some(old_index), None));
        }
    }
    pairs
}

fn parameters(sides: Sides<'_>, old: &Operation, new: &Operation, log: &mut Log<'_>) {
    for (old_index, new_index) in pair_params(&old.params, &new.params) {
        let before = old_index.and_then(|index| old.params.get(index).map(|param| (index, param)));
        let after = new_index.and_then(|index| new.params.get(index).map(|param| (index, param)));
        match (before, after) {
            (None, Some((index, param))) => parameter_added(sides.new, new, index, param, log),
            (Some((index, param)), None) => parameter_removed(sides.old, old, index, param, log),
            (Some(before), Some(after)) => parameter_changed(sides, (old, before), (new, after), log),
            (None, None) => {}
        }
    }
    reordered(old, new, log);
}

fn parameter_added(api: &Api, operation: &Operation, index: usize, param: &Param, log: &mut Log<'_>) {
    let request = operation.request_type.as_str();
    let wire = &param.wire_name;
    let name = param.name.as_str();
    let entry = match role(api, operation, index, param) {
        // Cargo: fn-change-arity: adding a parameter to a function is major.
        Role::Argument(ty) => Entry {
            kind: Kind::ParameterAdded,
            impact: Impact::Major,
            change: format!("new required parameter `{wire}`"),
            item: spell::constructors(operation),
            reason: format!("{} gains an argument `{name}: {ty}`", spell::constructors(operation)),
            sentence: format!(
                "`{}` takes a new required parameter `{wire}`: {} gains an argument `{name}: {ty}`.",
                operation.id,
                spell::constructors(operation)
            ),
        },
        // Cargo: a new inherent method (impl-item-new) on a type with private fields: minor.
        Role::Setter(ty) => Entry {
            kind: Kind::ParameterAdded,
            impact: Impact::Minor,
            change: format!("new optional parameter `{wire}`"),
            item: format!("`{request}::{name}`"),
            reason: format!("new setter `{request}::{name}({ty})`; the request's fields are private"),
            sentence: format!("`{}` takes a new optional parameter `{wire}`: `{request}::{name}({ty})`.", operation.id),
        },
        Role::Selector(ty) => Entry {
            kind: Kind::ParameterAdded,
            impact: Impact::Minor,
            change: format!("new parameter `{wire}` in the exactly-one-of group"),
            item: format!("`{request}`"),
            reason: format!("`{request}` gains a constructor taking `{ty}`"),
            sentence: format!("`{}` can be selected by `{wire}`.", operation.id),
        },
    };
    log.add(entry);
}

fn parameter_removed(api: &Api, operation: &Operation, index: usize, param: &Param, log: &mut Log<'_>) {
    let request = operation.request_type.as_str();
    let wire = &param.wire_name;
    let name = param.name.as_str();
    // Cargo: item-remove (a setter) and fn-change-arity (a constructor argument): major.
    let (item, reason) = match role(api, operation, index, param) {
        Role::Argument(_) => {
            (spell::constructors(operation), format!("{} loses its argument `{name}`", spell::constructors(operation)))
        }
        Role::Setter(_) => (format!("`{request}::{name}`"), format!("setter `{request}::{name}` removed")),
        Role::Selector(_) => {
            (format!("`{request}`"), format!("the constructor of `{request}` taking `{name}` is removed"))
        }
    };
    log.add(Entry {
        kind: Kind::ParameterRemoved,
        impact: Impact::Major,
        change: format!("parameter `{wire}` removed"),
        item,
        reason: reason.clone(),
        sentence: format!("`{}` no longer takes `{wire}`: {reason}.", operation.id),
    });
}

fn parameter_changed(
    sides: Sides<'_>,
    (old_op, (old_index, old)): (&Operation, (usize, &Param)),
    (new_op, (new_index, new)): (&Operation, (usize, &Param)),
    log: &mut Log<'_>,
) {
    let request = new_op.request_type.as_str();
    let wire = &new.wire_name;
    let name = new.name.as_str();
    let constructors = spell::constructors(new_op);
    let before = role(sides.old, old_op, old_index, old);
    let after = role(sides.new, new_op, new_index, new);
    if old.name != new.name {
        // Cargo: item-remove (the old setter or argument name is gone).
        log.add(Entry {
            kind: Kind::ParameterRenamed,
            impact: Impact::Major,
            change: format!("Rust name of parameter `{wire}` changed"),
            item: format!("`{request}::{name}`"),
            reason: format!("`{request}::{}` is now `{request}::{name}`", old.name),
            sentence: format!("`{request}::{}` is renamed to `{request}::{name}`.", old.name),
        });
    }
    let role_change = match (&before, &after) {
        (Role::Argument(old_ty), Role::Argument(new_ty))
        | (Role::Setter(old_ty), Role::Setter(new_ty))
        | (Role::Selector(old_ty), Role::Selector(new_ty)) => (old_ty != new_ty).then(|| {
            let takes = match &after {
                Role::Argument(_) => format!("{constructors} take `{name}: {new_ty}`"),
                Role::Setter(_) => format!("`{request}::{name}` takes `{new_ty}`"),
                Role::Selector(_) => format!("the constructor of `{request}` for `{name}` takes `{new_ty}`"),
            };
            // Cargo: a function whose argument type changes breaks its callers (fn-generalize-mismatch).
            (Kind::ParameterRetyped, format!("parameter `{wire}` retyped"), format!("{takes} instead of `{old_ty}`"))
        }),
        (Role::Argument(_), Role::Setter(ty)) => Some((
            Kind::ParameterNowOptional,
            format!("parameter `{wire}` is now optional"),
            format!("{constructors} loses its argument `{name}`; set it with `{request}::{name}({ty})`"),
        )),
        (Role::Setter(_) | Role::Selector(_), Role::Argument(ty)) => Some((
            Kind::ParameterNowRequired,
            format!("parameter `{wire}` is now required"),
            format!("{constructors} gains an argument `{name}: {ty}`; the setter `{request}::{name}` is removed"),
        )),
        (Role::Argument(_), Role::Selector(_)) => Some((
            Kind::ParameterNowOptional,
            format!("parameter `{wire}` is now one of an exactly-one-of group"),
            format!("{constructors} loses its argument `{name}`; it is chosen by its own constructor"),
        )),
        (Role::Setter(_), Role::Selector(_)) => Some((
            Kind::ConstructorsChanged,
            format!("parameter `{wire}` joined an exactly-one-of group"),
            format!("setter `{request}::{name}` removed; it is chosen by its own constructor"),
        )),
        (Role::Selector(_), Role::Setter(ty)) => Some((
            Kind::ConstructorsChanged,
            format!("parameter `{wire}` left an exactly-one-of group"),
            format!("new setter `{request}::{name}({ty})`"),
        )),
    };
    if let Some((kind, change, reason)) = role_change {
        // Leaving an exactly-one-of group only adds a setter; every other role change removes
        // or changes a signature.
        let impact = if matches!((&before, &after), (Role::Selector(_), Role::Setter(_))) {
            Impact::Minor
        } else {
            Impact::Major
        };
        log.add(Entry {
            kind,
            impact,
            sentence: format!("`{}`: {change}: {reason}.", new_op.id),
            change,
            item: format!("`{request}::{name}`"),
            reason,
        });
    }
    match (&old.all, &new.all) {
        (None, Some(all)) if matches!(after, Role::Setter(_)) => log.add(Entry {
            kind: Kind::ParameterAllValue,
            impact: Impact::Minor,
            change: format!("parameter `{wire}` accepts `{}` (every item)", all.literal),
            item: format!("`{request}::{}`", all.name),
            reason: format!("new setter `{request}::{}()`", all.name),
            sentence: format!("`{request}::{}()` asks for every item.", all.name),
        }),
        (Some(before_all), Some(all)) if before_all.name != all.name && matches!(after, Role::Setter(_)) => {
            log.add(Entry {
                kind: Kind::ParameterAllValue,
                impact: Impact::Major,
                change: format!("Rust name of the `{}` choice of `{wire}` changed", all.literal),
                item: format!("`{request}::{}`", all.name),
                reason: format!("`{request}::{}()` is now `{request}::{}()`", before_all.name, all.name),
                sentence: format!("`{request}::{}()` is renamed to `{request}::{}()`.", before_all.name, all.name),
            })
        }
        (Some(before_all), Some(all)) if before_all.literal != all.literal => log.add(Entry {
            kind: Kind::ParameterAllValue,
            impact: Impact::Patch,
            change: format!("the every-item value of `{wire}` is now `{}`", all.literal),
            item: format!("`{request}::{}`", all.name),
            reason: format!("`{request}::{}()` keeps its signature; it sends `{}`", all.name, all.literal),
            sentence: format!("`{request}::{}()` sends `{}`.", all.name, all.literal),
        }),
        (Some(all), None) if matches!(before, Role::Setter(_)) => log.add(Entry {
            kind: Kind::ParameterAllValue,
            impact: Impact::Major,
            change: format!("parameter `{wire}` no longer accepts `{}`", all.literal),
            item: format!("`{request}::{}`", all.name),
            reason: format!("setter `{request}::{}()` removed", all.name),
            sentence: format!("`{request}::{}()` is removed.", all.name),
        }),
        _ => {}
    }
    if old.location != new.location || old.encoding != new.encoding {
        let moved = if old.location == new.location {
            format!("wire encoding of parameter `{wire}` changed")
        } else {
            format!(
                "parameter `{wire}` moved from {} to {}",
                spell::location(old.location),
                spell::location(new.location)
            )
        };
        log.add(Entry {
            kind: Kind::ParameterMoved,
            impact: Impact::Patch,
            sentence: format!("`{}`: {moved}.", new_op.id),
            change: moved,
            item: format!("`{request}::{name}`"),
            reason: "the Rust API is the same; only the request on the wire changes".into(),
        });
    }
    if old.default != new.default {
        let show =
            |default: &Option<String>| default.as_deref().map_or("none".to_owned(), |value| format!("`{value}`"));
        log.add(Entry {
            kind: Kind::ParameterDefaultChanged,
            impact: Impact::Patch,
            change: format!(
                "default of parameter `{wire}` changed from {} to {}",
                show(&old.default),
                show(&new.default)
            ),
            item: format!("`{request}::{name}`"),
            reason: format!(
                "the Rust API is the same; requests that leave `{name}` unset get the server's new default"
            ),
            sentence: format!("`{}`: the server's default for `{wire}` is now {}.", new_op.id, show(&new.default)),
        });
    }
    if old.secret != new.secret {
        let now = if new.secret { "is now redacted" } else { "is no longer redacted" };
        log.add(Entry {
            kind: Kind::ParameterSecret,
            impact: Impact::Patch,
            change: format!(
                "parameter `{wire}` {}",
                if new.secret { "is now a password" } else { "is no longer a password" }
            ),
            item: format!("`{request}`"),
            reason: format!("`{name}` {now} in `{request}`'s `Debug` output"),
            sentence: format!("`{wire}` of `{}` {now} in debug output.", new_op.id),
        });
    }
    if docs_differ(&old.docs, &new.docs) {
        log.docs(&format!("parameter `{wire}`"), &format!("`{request}::{name}`"));
    }
}

/// Constructor arguments keep their order: swapping two of the same type would compile and
/// silently send each value as the other.
fn reordered(old: &Operation, new: &Operation, log: &mut Log<'_>) {
    let required = |operation: &Operation| -> Vec<String> {
        operation.params.iter().filter(|param| param.required).map(|param| param.wire_name.clone()).collect()
    };
    let (before, after) = (required(old), required(new));
    let common_before: Vec<&String> = before.iter().filter(|wire| after.contains(wire)).collect();
    let common_after: Vec<&String> = after.iter().filter(|wire| before.contains(wire)).collect();
    if common_before != common_after {
        let constructors = spell::constructors(new);
        let list = |names: &[&String]| names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
        log.add(Entry {
            kind: Kind::ParameterReordered,
            impact: Impact::Major,
            change: "required parameters reordered".into(),
            item: constructors.clone(),
            reason: format!("{constructors} takes ({}) instead of ({})", list(&common_after), list(&common_before)),
            sentence: format!("The arguments of {constructors} are now in the order {}.", list(&common_after)),
        });
    }
}

fn body_role(api: &Api, body: &Body) -> Role {
    let argument = spell::argument(api, &body.ty, &body.input);
    if body.required { Role::Argument(argument) } else { Role::Setter(argument) }
}

fn body(sides: Sides<'_>, old: &Operation, new: &Operation, log: &mut Log<'_>) {
    let request = new.request_type.as_str();
    let constructors = spell::constructors(new);
    let entry = match (&old.body, &new.body) {
        (None, Some(body)) => match body_role(sides.new, body) {
            Role::Argument(ty) => Entry {
                kind: Kind::BodyAdded,
                impact: Impact::Major,
                change: "new required request body".into(),
                item: constructors.clone(),
                reason: format!("{constructors} gains an argument `{}: {ty}`", body.name),
                sentence: format!(
                    "`{}` takes a request body: {constructors} gains an argument `{}: {ty}`.",
                    new.id, body.name
                ),
            },
            Role::Setter(ty) | Role::Selector(ty) => Entry {
                kind: Kind::BodyAdded,
                impact: Impact::Minor,
                change: "new optional request body".into(),
                item: format!("`{request}::{}`", body.name),
                reason: format!("new setter `{request}::{}({ty})`", body.name),
                sentence: format!("`{}` takes an optional request body: `{request}::{}({ty})`.", new.id, body.name),
            },
        },
        (Some(body), None) => {
            let (item, reason) = match body_role(sides.old, body) {
                Role::Argument(_) => {
                    (constructors.clone(), format!("{constructors} loses its argument `{}`", body.name))
                }
                Role::Setter(_) | Role::Selector(_) => {
                    (format!("`{request}::{}`", body.name), format!("setter `{request}::{}` removed", body.name))
                }
            };
            Entry {
                kind: Kind::BodyRemoved,
                impact: Impact::Major,
                change: "request body removed".into(),
                item,
                sentence: format!("`{}` no longer takes a request body: {reason}.", new.id),
                reason,
            }
        }
        (Some(before), Some(after)) => {
            compare_body(sides, new, before, after, log);
            return;
        }
        (None, None) => return,
    };
    log.add(entry);
}

fn compare_body(sides: Sides<'_>, operation: &Operation, old: &Body, new: &Body, log: &mut Log<'_>) {
    let request = operation.request_type.as_str();
    let constructors = spell::constructors(operation);
    let name = new.name.as_str();
    let change = match (body_role(sides.old, old), body_role(sides.new, new)) {
        (Role::Argument(_), Role::Setter(ty)) => Some((
            Kind::BodyNowOptional,
            "request body is now optional".to_owned(),
            format!("{constructors} loses its argument `{name}`; set it with `{request}::{name}({ty})`"),
        )),
        (Role::Setter(_), Role::Argument(ty)) => Some((
            Kind::BodyNowRequired,
            "request body is now required".to_owned(),
            format!("{constructors} gains an argument `{name}: {ty}`; the setter `{request}::{name}` is removed"),
        )),
        (before, after) if before != after || old.name != new.name => {
            let text = |role: &Role| match role {
                Role::Argument(ty) | Role::Setter(ty) | Role::Selector(ty) => ty.clone(),
            };
            let takes = match &after {
                Role::Argument(ty) => format!("{constructors} take `{name}: {ty}`"),
                Role::Setter(ty) | Role::Selector(ty) => format!("`{request}::{name}` takes `{ty}`"),
            };
            Some((
                Kind::BodyRetyped,
                "request body retyped".to_owned(),
                format!("{takes} instead of `{}`", text(&before)),
            ))
        }
        _ => None,
    };
    if let Some((kind, change, reason)) = change {
        // Cargo: fn-change-arity / a changed argument type: major.
        log.add(Entry {
            kind,
            impact: Impact::Major,
            sentence: format!("`{}`: {change}: {reason}.", operation.id),
            change,
            item: format!("`{request}::{name}`"),
            reason,
        });
    }
    if old.media != new.media {
        log.add(Entry {
            kind: Kind::RequestChanged,
            impact: Impact::Patch,
            change: "media type of the request body changed".into(),
            item: format!("`{request}`"),
            reason: "the Rust API is the same; the body is sent in another format".into(),
            sentence: format!("`{}` sends its body in another format.", operation.id),
        });
    }
    if docs_differ(&old.docs, &new.docs) {
        log.docs("the request body", &format!("`{request}::{name}`"));
    }
}

/// `new`, `Default` and the selection constructors. Their arguments are covered by the
/// parameter changes; here is whether each exists.
fn constructors(old: &Operation, new: &Operation, log: &mut Log<'_>) {
    let request = new.request_type.as_str();
    let mut report = |kind: Kind, impact: Impact, change: String, item: String, reason: String| {
        log.add(Entry { kind, impact, sentence: format!("`{}`: {reason}.", new.id), change, item, reason });
    };
    match (&old.constructors.new, &new.constructors.new) {
        // Cargo: item-remove.
        (Some(name), None) => report(
            Kind::ConstructorsChanged,
            Impact::Major,
            "a selection rule replaces the plain constructor".into(),
            format!("`{request}::{name}`"),
            format!("`{request}::{name}` removed; build the request with its `by_*` constructors"),
        ),
        // Cargo: item-new.
        (None, Some(name)) => report(
            Kind::ConstructorsChanged,
            Impact::Minor,
            "the request gets a plain constructor".into(),
            format!("`{request}::{name}`"),
            format!("new constructor `{request}::{name}`"),
        ),
        _ => {}
    }
    match (old.constructors.default, new.constructors.default) {
        // Removing a trait impl breaks every `Default::default()` and `..Default::default()`.
        (true, false) => report(
            Kind::TraitImplRemoved,
            Impact::Major,
            "the request now has required inputs".into(),
            format!("`{request}`"),
            format!("`{request}` no longer implements `Default`"),
        ),
        (false, true) => report(
            Kind::TraitImplAdded,
            Impact::Minor,
            "the request no longer has required inputs".into(),
            format!("`{request}`"),
            format!("`{request}` now implements `Default`"),
        ),
        _ => {}
    }
    let rule = |operation: &Operation| operation.constructors.selection.as_ref().map(|selection| selection.rule);
    if rule(old) != rule(new) {
        let name = |rule: Option<SelectionRule>| match rule {
            None => "none",
            Some(SelectionRule::AtLeastOne) => "`x-at-least-one-of`",
            Some(SelectionRule::ExactlyOne) => "`x-exactly-one-of`",
            Some(SelectionRule::Shortcuts) => "`x-selectors`",
        };
        report(
            Kind::ConstructorsChanged,
            Impact::Patch,
            format!("selection rule changed from {} to {}", name(rule(old)), name(rule(new))),
            format!("`{request}`"),
            "what the server requires changes; the constructors and setters that come and go are listed separately"
                .into(),
        );
    }
    let selectors = |operation: &Operation| -> Vec<String> {
        let Some(selection) = &operation.constructors.selection else { return Vec::new() };
        selection
            .members
            .iter()
            .flat_map(|member| {
                std::iter::once(member.constructor.to_string())
                    .chain(member.all_constructor.iter().map(ToString::to_string))
            })
            .collect()
    };
    let (before, after) = (selectors(old), selectors(new));
    for name in after.iter().filter(|name| !before.contains(name)) {
        report(
            Kind::ConstructorsChanged,
            Impact::Minor,
            format!("new selection constructor `{name}`"),
            format!("`{request}::{name}`"),
            format!("new constructor `{request}::{name}`"),
        );
    }
    for name in before.iter().filter(|name| !after.contains(name)) {
        report(
            Kind::ConstructorsChanged,
            Impact::Major,
            format!("selection constructor `{name}` removed"),
            format!("`{request}::{name}`"),
            format!("constructor `{request}::{name}` removed"),
        );
    }
}

fn reply(sides: Sides<'_>, old: &Operation, new: &Operation, log: &mut Log<'_>) {
    let (before, after) = (spell::reply(sides.old, &old.response), spell::reply(sides.new, &new.response));
    if before != after {
        let method = new.method_name.as_str();
        // A changed return type breaks every caller that uses the value.
        log.add(Entry {
            kind: Kind::ReplyChanged,
            impact: Impact::Major,
            change: "reply type changed".into(),
            item: format!("`Client::{method}`"),
            reason: format!("`Client::{method}` returns `Result<{after}, Error>` instead of `Result<{before}, Error>`"),
            sentence: format!("`Client::{method}` now returns `{after}` instead of `{before}`."),
        });
    }
}

fn pagination(sides: Sides<'_>, old: &Operation, new: &Operation, log: &mut Log<'_>) {
    match (&old.pagination, &new.pagination) {
        // Cargo: impl-item-new.
        (None, Some(paging)) => log.add(Entry {
            kind: Kind::PaginationAdded,
            impact: Impact::Minor,
            change: "operation is now paged (`x-pagination`)".into(),
            item: format!("`Client::{}`", paging.stream_method),
            reason: format!("new inherent method `Client::{}`", paging.stream_method),
            sentence: format!("`Client::{}` streams every item of `{}`.", paging.stream_method, new.id),
        }),
        // Cargo: item-remove.
        (Some(paging), None) => log.add(Entry {
            kind: Kind::PaginationRemoved,
            impact: Impact::Major,
            change: "operation is no longer paged".into(),
            item: format!("`Client::{}`", paging.stream_method),
            reason: format!("`Client::{}` removed", paging.stream_method),
            sentence: format!("`Client::{}` is removed.", paging.stream_method),
        }),
        (Some(before), Some(after)) => {
            let (old_item, new_item) =
                (spell::type_ref(sides.old, &before.item_type), spell::type_ref(sides.new, &after.item_type));
            if before.stream_method != after.stream_method || old_item != new_item {
                log.add(Entry {
                    kind: Kind::PaginationChanged,
                    impact: Impact::Major,
                    change: "paged items changed".into(),
                    item: format!("`Client::{}`", after.stream_method),
                    reason: format!(
                        "`Client::{}` yields `{new_item}` instead of `Client::{}` yielding `{old_item}`",
                        after.stream_method, before.stream_method
                    ),
                    sentence: format!("`Client::{}` now yields `{new_item}`.", after.stream_method),
                });
            } else if paging_fields(old, before) != paging_fields(new, after) {
                log.add(Entry {
                    kind: Kind::PaginationChanged,
                    impact: Impact::Patch,
                    change: "`x-pagination` fields changed".into(),
                    item: format!("`Client::{}`", after.stream_method),
                    reason: format!(
                        "`Client::{}` keeps its signature; it walks the pages by other fields",
                        after.stream_method
                    ),
                    sentence: format!("`Client::{}` walks pages by other fields.", after.stream_method),
                });
            }
        }
        (None, None) => {}
    }
}

/// The wire names paging uses: offset, limit and whether a total is read.
fn paging_fields(operation: &Operation, paging: &crate::model::Pagination) -> (String, String, usize, bool) {
    let wire = |index: usize| operation.params.get(index).map(|param| param.wire_name.clone()).unwrap_or_default();
    (wire(paging.offset), wire(paging.limit), paging.items_field, paging.total.is_some())
}

/// Retries and documented error replies: behaviour, not signatures.
fn behaviour(sides: Sides<'_>, old: &Operation, new: &Operation, log: &mut Log<'_>) {
    let method = new.method_name.as_str();
    if old.idempotent != new.idempotent {
        let now = if new.idempotent { "now retried by default" } else { "no longer retried by default" };
        log.add(Entry {
            kind: Kind::RetryChanged,
            impact: Impact::Patch,
            change: format!("`x-idempotent` {}", if new.idempotent { "set" } else { "unset" }),
            item: format!("`Client::{method}`"),
            reason: format!("`Client::{method}` is {now}; its signature is the same"),
            sentence: format!("`Client::{method}` is {now}."),
        });
    }
    let name = |api: &Api, id: Option<crate::model::TypeId>| {
        id.and_then(|id| api.type_def(id)).map(|def| def.name.to_string())
    };
    let (before, after) = (name(sides.old, old.error_type), name(sides.new, new.error_type));
    let entry = match (&before, &after) {
        (None, Some(error)) => Some((
            Impact::Minor,
            "documented error replies added".to_owned(),
            format!("failures of `Client::{method}` with a documented status can be read with `{error}::from_error`"),
        )),
        (Some(error), None) => Some((
            Impact::Major,
            "documented error replies removed".to_owned(),
            format!("`{error}::from_error` no longer finds failures of `Client::{method}`"),
        )),
        (Some(old_error), Some(new_error)) if old_error != new_error => Some((
            Impact::Major,
            "error reply type changed".to_owned(),
            format!("failures of `Client::{method}` decode into `{new_error}` instead of `{old_error}`"),
        )),
        _ => None,
    };
    if let Some((impact, change, reason)) = entry {
        log.add(Entry {
            kind: Kind::ErrorRepliesChanged,
            impact,
            sentence: format!("{}.", capitalise(&reason)),
            change,
            item: format!("`Client::{method}`"),
            reason,
        });
    }
}

pub(super) fn capitalise(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}
