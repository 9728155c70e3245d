//! `src/types.rs`: the spec's schemas, request bodies and replies as Rust types.

use super::text::{self, Lines, Scope};
use super::{debug, docs, enums, errors, replies, serde_impls, unions};
use crate::model::{Api, Field, Shape, Struct, TypeDef, TypeKind, TypeRef, Usage};

/// The start of the file; the types follow, one [`definition`] each.
pub fn head() -> String {
    "//! Types of the spec's schemas, request bodies and responses.\n".to_owned()
}

/// One type, with its impls, as text (every kind of type has a fixed shape).
pub fn definition(api: &Api, def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct(fields) => structure(api, def, fields),
        TypeKind::Enum(variants) => enums::string_enum(def, variants),
        TypeKind::IntEnum(constants) => enums::int_enum(def, constants),
        TypeKind::Alias(target) => alias(api, def, target),
        TypeKind::Newtype(target) => newtype(api, def, target),
        TypeKind::Union(union) => unions::union(api, def, union),
        TypeKind::OperationError(variants) => errors::operation_error(api, def, variants),
        TypeKind::OperationReply(variants) => replies::operation_reply(api, def, variants),
    }
}

/// Another name of a type. For a named type (a shared inline schema, a `$ref` under a name of
/// its own), a doc line says so; error enums say it in their own words.
fn alias(api: &Api, def: &TypeDef, target: &TypeRef) -> String {
    let mut out = Lines::default();
    docs::write_type(&mut out, def);
    let shared = match target {
        TypeRef::Named(id) => api.type_def(*id).filter(|def| !matches!(def.kind, TypeKind::OperationError(_))),
        _ => None,
    };
    if let Some(shared) = shared {
        docs::comment(&mut out, "");
        docs::comment(&mut out, &format!(" The same type as [`{}`].", shared.name.as_str()));
    }
    out.line(&format!("pub type {} = {};", text::ident(&def.name), text::type_text(api, target, Scope::Types)));
    out.finish()
}

/// A list or map that contains itself: a tuple struct, serialized as what it wraps.
fn newtype(api: &Api, def: &TypeDef, target: &TypeRef) -> String {
    let mut out = Lines::default();
    docs::write_type(&mut out, def);
    docs::comment(&mut out, "");
    docs::comment(&mut out, " It contains itself, so it is a type of its own rather than an alias.");
    out.line("#[derive(Debug, Clone, PartialEq)]");
    for line in enums::newtype_serde(def.usage) {
        out.line(line);
    }
    out.line(&format!("pub struct {}(pub {});", text::ident(&def.name), text::type_text(api, target, Scope::Types)));
    out.finish()
}

/// Whether a type travels as JSON at all (parameter-only enums do not): then it reads JSON.
pub fn json_both_ways(usage: Usage) -> bool {
    usage.sent || usage.received
}

/// When a type writes JSON: always when it is sent; a type only ever received writes JSON
/// only with the crate's `serialize-replies` feature (to store or replay replies), which
/// most users never need and everyone would otherwise compile.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    Always,
    WithFeature,
    Never,
}

/// The `cfg` line a `Serialize` impl sits behind, when it belongs behind the feature.
pub fn writes_gate(usage: Usage) -> Option<&'static str> {
    (writes(usage) == Writes::WithFeature).then_some("#[cfg(feature = \"serialize-replies\")]")
}

pub fn writes(usage: Usage) -> Writes {
    match (usage.sent, usage.received) {
        (true, _) => Writes::Always,
        (false, true) => Writes::WithFeature,
        (false, false) => Writes::Never,
    }
}

/// A struct with its impls, written as text (its shape never varies).
fn structure(api: &Api, def: &TypeDef, structure: &Struct) -> String {
    let mut out = Lines::default();
    let name = text::ident(&def.name);
    docs::write_type(&mut out, def);
    let members: Vec<debug::Member<'_>> = structure
        .fields
        .iter()
        .map(|field| debug::Member { name: &field.name, secret: field.secret, optional: field.shape.is_option() })
        .collect();
    let builder = structure.builder.as_ref();
    out.line(&debug::derive_line(&members, builder.is_some_and(|builder| builder.default)));
    out.line("#[non_exhaustive]");
    if structure.fields.is_empty() && structure.additional.is_none() {
        out.line(&format!("pub struct {name} {{}}"));
    } else {
        out.open(&format!("pub struct {name} {{"));
        for field in &structure.fields {
            docs::write(&mut out, &field.docs, &format!("The {} field.", crate::lower::code(&field.wire_name)));
            out.line(&format!("pub {}: {},", text::ident(&field.name), field_text(api, field)));
        }
        if let Some(additional) = &structure.additional {
            docs::comment(&mut out, " The object's other keys.");
            let value = text::type_text(api, &additional.ty, Scope::Types);
            out.line(&format!("pub {}: std::collections::BTreeMap<String, {value}>,", text::ident(&additional.name)));
        }
        out.close("}");
    }
    if let Some(builder) = builder {
        builder_methods(&mut out, api, def, structure, builder.default, &builder.setters);
    }
    if debug::redacts(&members) {
        out.blank();
        debug::redacting(&mut out, &name, &members, structure.additional.as_ref().map(|additional| &additional.name));
    }
    if writes(def.usage) != Writes::Never {
        out.blank();
        serde_impls::serialize(&mut out, &name, structure, writes_gate(def.usage));
    }
    if json_both_ways(def.usage) {
        out.blank();
        serde_impls::deserialize(&mut out, api, &name, structure);
    }
    out.finish()
}

/// The declared type of a field (inside `types.rs`), wrapped as its shape says.
fn field_text(api: &Api, field: &Field) -> String {
    let ty = text::type_text(api, &field.ty, Scope::Types);
    match field.shape {
        Shape::Required => ty,
        Shape::Optional | Shape::Nullable => format!("Option<{ty}>"),
        Shape::OptionalNullable => format!("Option<Option<{ty}>>"),
    }
}

/// `new(required..)` (unless everything is optional: then `Default`) and a setter per
/// optional field.
fn builder_methods(
    out: &mut Lines,
    api: &Api,
    def: &TypeDef,
    structure: &Struct,
    default: bool,
    setters: &[Option<crate::model::Ident>],
) {
    let name = def.name.as_str();
    let mut arguments = Vec::new();
    let mut initializers = Vec::new();
    let mut argument_docs = Vec::new();
    for (field, setter) in structure.fields.iter().zip(setters) {
        let field_name = text::ident(&field.name);
        match setter {
            Some(_) => initializers.push(format!("{field_name}: None")),
            None => {
                let (argument, value) = argument(api, field);
                arguments.push(format!("{field_name}: {argument}"));
                initializers.push(if field_name == value { field_name } else { format!("{field_name}: {value}") });
                argument_docs.push(format!(" - `{}`: {}", field.name.as_str(), first_line(field)));
            }
        }
    }
    if let Some(additional) = &structure.additional {
        initializers.push(format!("{}: std::collections::BTreeMap::new()", text::ident(&additional.name)));
    }
    let setter_fields: Vec<(&Field, &crate::model::Ident)> = structure
        .fields
        .iter()
        .zip(setters)
        .filter_map(|(field, setter)| setter.as_ref().map(|setter| (field, setter)))
        .collect();
    if default && setter_fields.is_empty() {
        return;
    }
    out.blank();
    out.open(&format!("impl {} {{", text::ident(&def.name)));
    let mut first = true;
    if !default {
        first = false;
        docs::comment(out, &format!(" A `{name}` with its required fields."));
        docs::comment(out, "");
        docs::comment(out, " Arguments:");
        for line in &argument_docs {
            docs::comment(out, line);
        }
        text::allow_many_arguments(out, arguments.len());
        out.list("pub fn new(", &arguments, ") -> Self {");
        out.indent();
        out.structure("Self", &initializers, "");
        out.close("}");
    }
    for (field, setter) in setter_fields {
        if !first {
            out.blank();
        }
        first = false;
        let field_name = text::ident(&field.name);
        let (argument, value) = argument(api, field);
        let doc = match field.shape {
            Shape::OptionalNullable => format!(" Sets {} (`None` sends `null`).", crate::lower::code(&field.wire_name)),
            _ => format!(" Sets {}.", crate::lower::code(&field.wire_name)),
        };
        docs::comment(out, &doc);
        out.open(&format!("pub fn {}(mut self, {field_name}: {argument}) -> Self {{", text::ident(setter)));
        out.line(&format!("self.{field_name} = Some({value});"));
        out.line("self");
        out.close("}");
    }
    out.close("}");
}

/// What a constructor argument or setter of a field takes, and the stored value made from it.
fn argument(api: &Api, field: &Field) -> (String, String) {
    let name = text::ident(&field.name);
    let inner = match field.shape {
        Shape::Nullable | Shape::OptionalNullable => {
            let ty = text::type_text(api, &field.ty, Scope::Types);
            return (format!("Option<{ty}>"), name);
        }
        Shape::Required | Shape::Optional => &field.ty,
    };
    match inner {
        TypeRef::String => ("impl Into<String>".to_owned(), format!("{name}.into()")),
        TypeRef::Boxed(boxed) => (text::type_text(api, boxed, Scope::Types), format!("Box::new({name})")),
        other => (text::type_text(api, other, Scope::Types), name),
    }
}

fn first_line(field: &Field) -> String {
    let text = field.docs.summary.as_deref().or(field.docs.description.as_deref()).unwrap_or("");
    match text.lines().next().filter(|line| !line.trim().is_empty()) {
        Some(line) => docs::sanitize_line(line),
        None => format!("the {} field.", crate::lower::code(&field.wire_name)),
    }
}
