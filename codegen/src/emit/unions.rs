//! `oneOf`/`anyOf` unions: tagged by a discriminator, or chosen by the shape of the value so
//! that an alternative never swallows another's data. Written as text: their shape never varies.

use super::docs;
use super::text::{Lines, Scope, ident, literal, type_text};
use super::types::{Writes, json_both_ways, writes};
use crate::model::{Api, ConstValue, Ident, JsonKind, Tagging, TypeDef, Union, VariantShape};

pub fn union(api: &Api, def: &TypeDef, union: &Union) -> String {
    let mut out = Lines::default();
    let name = ident(&def.name);
    docs::write_type(&mut out, def);
    docs::comment(&mut out, "");
    let how = match &union.tagging {
        Tagging::Untagged => " Decoding picks the alternative that fits the value best (required keys, constant values, known keys), so that none swallows another's data.".to_owned(),
        Tagging::Discriminator { property, unknown } => format!(
            " The `{property}` property selects the alternative; a value with a `{property}` no alternative has is kept as `{unknown}`."
        ),
    };
    docs::comment(&mut out, &how);
    out.line("#[derive(Debug, Clone, PartialEq)]");
    // Written as the alternative itself (`untagged`); only replies-only unions need the feature.
    match writes(def.usage) {
        Writes::Always => {
            out.line("#[derive(serde::Serialize)]");
            out.line("#[serde(untagged)]");
        }
        Writes::WithFeature => {
            out.line("#[cfg_attr(feature = \"serialize-replies\", derive(serde::Serialize), serde(untagged))]")
        }
        Writes::Never => {}
    }
    out.line("#[non_exhaustive]");
    out.open(&format!("pub enum {name} {{"));
    for variant in &union.variants {
        let doc = match &variant.tag {
            Some(tag) => format!(" Selected by `{tag}`."),
            None => format!(" A `{}` value.", variant.name.as_str()),
        };
        docs::comment(&mut out, &doc);
        out.line(&format!("{}({}),", ident(&variant.name), type_text(api, &variant.ty, Scope::Types)));
    }
    if let Tagging::Discriminator { property, unknown } = &union.tagging {
        docs::comment(
            &mut out,
            &format!(
                " A value whose `{property}` is none of the above (one added to the API since this client was made), as JSON."
            ),
        );
        out.line(&format!("{}(serde_json::Value),", ident(unknown)));
    }
    out.close("}");
    if json_both_ways(def.usage) {
        out.blank();
        out.open(&format!("impl<'de> serde::Deserialize<'de> for {name} {{"));
        out.open("fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {");
        match &union.tagging {
            Tagging::Untagged => untagged_deserialize(&mut out, union),
            Tagging::Discriminator { property, unknown } => tagged_deserialize(&mut out, union, property, unknown),
        }
        out.close("}");
        out.close("}");
    }
    if def.usage.as_param {
        out.blank();
        out.open(&format!("impl crate::runtime::wire::ToParam for {name} {{"));
        out.open("fn to_param(&self) -> String {");
        out.open("match self {");
        for variant in &union.variants {
            out.line(&format!(
                "Self::{}(value) => crate::runtime::wire::ToParam::to_param(value),",
                ident(&variant.name)
            ));
        }
        if let Tagging::Discriminator { unknown, .. } = &union.tagging {
            out.line(&format!("Self::{}(value) => value.to_string(),", ident(unknown)));
        }
        out.close("}");
        out.close("}");
        out.close("}");
    }
    out.finish()
}

fn untagged_deserialize(out: &mut Lines, union: &Union) {
    if union.variants.iter().any(|variant| !variant.shape.constants.is_empty()) {
        out.line("use crate::runtime::union::{Alternative, Constant, Json};");
    } else {
        out.line("use crate::runtime::union::{Alternative, Json};");
    }
    out.open("const ALTERNATIVES: &[Alternative] = &[");
    for variant in &union.variants {
        alternative(out, &variant.shape);
    }
    out.close("];");
    out.line("let value = serde_json::Value::deserialize(deserializer)?;");
    out.open("crate::runtime::union::decode(value, ALTERNATIVES, |index, value| match index {");
    for (index, variant) in union.variants.iter().enumerate() {
        out.arm(&index.to_string(), &format!("serde_json::from_value(value).map(Self::{})", ident(&variant.name)));
    }
    out.line("_ => Err(serde::de::Error::custom(\"no such alternative\")),");
    out.close("})");
    out.line(".map_err(serde::de::Error::custom)");
}

/// One entry of the table an untagged decode picks the alternative by.
fn alternative(out: &mut Lines, shape: &VariantShape) {
    let json = match shape.json {
        JsonKind::Any => "Any",
        JsonKind::Object => "Object",
        JsonKind::Array => "Array",
        JsonKind::String => "String",
        JsonKind::Integer => "Integer",
        JsonKind::Number => "Number",
        JsonKind::Boolean => "Boolean",
    };
    let keys = |keys: &[String]| keys.iter().map(|key| literal(key)).collect::<Vec<_>>();
    let required = keys(&shape.required);
    let constant = |value: &ConstValue| match value {
        ConstValue::Text(text) => format!("Constant::Text({})", literal(text)),
        ConstValue::Integer(number) => format!("Constant::Integer({number})"),
        ConstValue::Boolean(flag) => format!("Constant::Boolean({flag})"),
    };
    let constants: Vec<String> = shape
        .constants
        .iter()
        .map(|(key, values)| {
            format!("({}, &[{}])", literal(key), values.iter().map(constant).collect::<Vec<_>>().join(", "))
        })
        .collect();
    let known = keys(&shape.known);
    let lists = [("required", &required), ("constants", &constants), ("known", &known)];
    let mut fields = vec![format!("json: Json::{json}")];
    fields.extend(lists.iter().map(|(field, items)| format!("{field}: &[{}]", items.join(", "))));
    if !out.fits(&format!("Alternative {{ {} }},", fields.join(", "))) {
        out.open("Alternative {");
        out.line(&format!("json: Json::{json},"));
        for (field, items) in lists {
            if field != "constants" || out.fits(&format!("{field}: &[{}],", items.join(", "))) {
                out.list(&format!("{field}: &["), items, "],");
                continue;
            }
            // A long list of values gets a line per value.
            out.open("constants: &[");
            for (item, (key, values)) in items.iter().zip(&shape.constants) {
                if out.fits(&format!("{item},")) {
                    out.line(&format!("{item},"));
                } else {
                    out.open("(");
                    out.line(&format!("{},", literal(key)));
                    out.list("&[", &values.iter().map(constant).collect::<Vec<_>>(), "],");
                    out.close("),");
                }
            }
            out.close("],");
        }
        out.close("},");
        return;
    }
    out.structure("Alternative", &fields, ",");
}

fn tagged_deserialize(out: &mut Lines, union: &Union, property: &str, unknown: &Ident) {
    let tags: Vec<&str> = union.variants.iter().map(|variant| variant.tag.as_deref().unwrap_or_default()).collect();
    let every_tag: Vec<&str> = union
        .variants
        .iter()
        .flat_map(|variant| variant.tag.as_deref().into_iter().chain(variant.also.iter().map(String::as_str)))
        .collect();
    let property = literal(property);
    out.line("use serde::de::Error as _;");
    out.line("let value = serde_json::Value::deserialize(deserializer)?;");
    out.line(&format!("let tag = value.get({property}).and_then(serde_json::Value::as_str).map(str::to_owned);"));
    out.open("match tag.as_deref() {");
    for (tag, variant) in tags.iter().zip(&union.variants) {
        let pattern = std::iter::once(*tag)
            .chain(variant.also.iter().map(String::as_str))
            .map(|tag| format!("Some({})", literal(tag)))
            .collect::<Vec<_>>()
            .join(" | ");
        out.arm(
            &pattern,
            &format!("serde_json::from_value(value).map(Self::{}).map_err(D::Error::custom)", ident(&variant.name)),
        );
    }
    out.arm("Some(_)", &format!("Ok(Self::{}(value))", ident(unknown)));
    out.list(
        "None => Err(D::Error::custom(format!(",
        &[
            literal("no `{}` text to select the alternative (expected one of: {})"),
            property,
            literal(&every_tag.join(", ")),
        ],
        "))),",
    );
    out.close("}");
}
