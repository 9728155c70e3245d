//! Open enums: string enums keep unknown values in `Other`, integer enums are newtypes with a
//! constant per documented value. Written as text: their shape never varies.

use super::docs;
use super::text::{Lines, ident, literal};
use super::types::{Writes, json_both_ways, writes, writes_gate};
use crate::model::{Docs, EnumVariant, IntConst, TypeDef, Usage};

pub fn string_enum(def: &TypeDef, variants: &[EnumVariant]) -> String {
    let mut out = Lines::default();
    let name = ident(&def.name);
    docs::write_type(&mut out, def);
    // `Eq` and `Hash` (map keys), not `Ord`: an order between documented values and `Other` would
    // be arbitrary, and on big specs the derive is a measurable part of the build.
    out.line("#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    out.line("#[non_exhaustive]");
    out.open(&format!("pub enum {name} {{"));
    for variant in variants {
        let mut variant_docs = variant.docs.clone();
        if variant_docs.description.is_some() {
            variant_docs.notes.push(format!("Wire value: {}.", crate::lower::code(&variant.wire_value)));
        }
        docs::write(&mut out, &variant_docs, &crate::lower::code(&variant.wire_value));
        out.line(&format!("{},", ident(&variant.name)));
    }
    let other = Docs {
        summary: Some("A value this client does not know yet, kept exactly as received.".into()),
        ..Docs::default()
    };
    docs::write(&mut out, &other, "");
    out.line("Other(String),");
    out.close("}");
    out.blank();

    out.open(&format!("impl {name} {{"));
    docs::comment(&mut out, " The value as it travels on the wire.");
    out.open("pub fn as_str(&self) -> &str {");
    out.open("match self {");
    for variant in variants {
        out.line(&format!("Self::{} => {},", ident(&variant.name), literal(&variant.wire_value)));
    }
    out.line("Self::Other(value) => value,");
    out.close("}");
    out.close("}");
    out.blank();
    docs::comment(&mut out, " The documented value spelled `value`, if any.");
    out.open("fn known(value: &str) -> Option<Self> {");
    known_body(&mut out, &name, variants);
    out.close("}");
    out.close("}");
    out.blank();

    for (argument, body) in [
        ("&str", "Self::known(value).unwrap_or_else(|| Self::Other(value.to_owned()))"),
        ("String", "Self::known(&value).unwrap_or(Self::Other(value))"),
    ] {
        out.open(&format!("impl From<{argument}> for {name} {{"));
        out.open(&format!("fn from(value: {argument}) -> Self {{"));
        out.line(body);
        out.close("}");
        out.close("}");
        out.blank();
    }

    out.open(&format!("impl std::fmt::Display for {name} {{"));
    out.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    out.line("f.write_str(self.as_str())");
    out.close("}");
    out.close("}");
    if writes(def.usage) != Writes::Never {
        out.blank();
        if let Some(gate) = writes_gate(def.usage) {
            out.line(gate);
        }
        out.open(&format!("impl serde::Serialize for {name} {{"));
        out.open("fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {");
        out.line("serializer.serialize_str(self.as_str())");
        out.close("}");
        out.close("}");
    }
    if json_both_ways(def.usage) {
        out.blank();
        out.open(&format!("impl<'de> serde::Deserialize<'de> for {name} {{"));
        out.open("fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {");
        out.line("crate::runtime::wire::open_enum(deserializer, Self::known, Self::Other)");
        out.close("}");
        out.close("}");
    }
    if def.usage.as_param {
        out.blank();
        to_param(&mut out, &name, "self.as_str().to_owned()");
    }
    out.finish()
}

fn to_param(out: &mut Lines, name: &str, body: &str) {
    out.open(&format!("impl crate::runtime::wire::ToParam for {name} {{"));
    out.open("fn to_param(&self) -> String {");
    out.line(body);
    out.close("}");
    out.close("}");
}

/// Long lists (country and language codes) are searched in a table sorted by spelling: a
/// `match` on hundreds of strings tries them one by one. Short lists keep the `match`, which
/// reads better and is quicker to compile.
const SEARCHED_FROM: usize = 32;

fn known_body(out: &mut Lines, name: &str, variants: &[EnumVariant]) {
    if variants.len() < SEARCHED_FROM {
        out.open("match value {");
        for variant in variants {
            out.line(&format!("{} => Some(Self::{}),", literal(&variant.wire_value), ident(&variant.name)));
        }
        out.line("_ => None,");
        out.close("}");
        return;
    }
    let mut sorted: Vec<&EnumVariant> = variants.iter().collect();
    sorted.sort_by(|left, right| left.wire_value.cmp(&right.wire_value));
    let entries: Vec<String> = sorted
        .iter()
        .map(|variant| format!("({}, {name}::{})", literal(&variant.wire_value), ident(&variant.name)))
        .collect();
    out.list(&format!("const KNOWN: &[(&str, {name})] = &["), &entries, "];");
    out.line("crate::runtime::wire::search(KNOWN, value)");
}

pub fn int_enum(def: &TypeDef, constants: &[IntConst]) -> String {
    let mut out = Lines::default();
    let name = ident(&def.name);
    docs::write_type(&mut out, def);
    docs::comment(&mut out, "");
    docs::comment(&mut out, " Open: values the spec does not list are kept as they are.");
    out.line("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]");
    for line in newtype_serde(def.usage) {
        out.line(line);
    }
    out.open(&format!("pub struct {name}("));
    docs::comment(&mut out, " The value as sent.");
    out.line("pub i64,");
    out.close(");");
    out.blank();
    out.open(&format!("impl {name} {{"));
    for constant in constants {
        docs::write(&mut out, &constant.docs, &format!("`{}`", constant.value));
        out.line(&format!("pub const {}: Self = Self({});", ident(&constant.name), constant.value));
    }
    out.close("}");
    if def.usage.as_param {
        out.blank();
        to_param(&mut out, &name, "self.0.to_string()");
    }
    out.finish()
}

/// The serde attributes of a newtype: `Deserialize` when it reads JSON, `Serialize` as
/// [`writes`] says, and `transparent` when either is there.
pub fn newtype_serde(usage: Usage) -> Vec<&'static str> {
    let mut lines = Vec::new();
    if json_both_ways(usage) {
        lines.push("#[derive(serde::Deserialize)]");
    }
    match writes(usage) {
        Writes::Always => lines.push("#[derive(serde::Serialize)]"),
        Writes::WithFeature => lines.push("#[cfg_attr(feature = \"serialize-replies\", derive(serde::Serialize))]"),
        Writes::Never => {}
    }
    if json_both_ways(usage) {
        lines.push("#[serde(transparent)]");
    }
    lines
}
