use proptest::prelude::*;
use quote::quote;

use super::*;
use crate::emit::tokens::type_tokens;
use crate::model::{DateTimeFormat, TypeRef};

/// How prettyplease prints a type, for comparison with [`type_text`].
fn printed(tokens: proc_macro2::TokenStream) -> String {
    let file: syn::File = syn::parse2(quote!(type Probe = #tokens;)).unwrap_or_else(|error| unreachable!("{error}"));
    let text = prettyplease::unparse(&file);
    text.trim().trim_start_matches("type Probe = ").trim_end_matches(';').to_owned()
}

#[test]
fn types_read_as_their_tokens_print() {
    // A type named like a keyword, to see it spelled raw.
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    type: {type: object, properties: {a: {type: string}}}\n";
    let api = crate::lower_spec(crate::Spec::Text(spec), &crate::Options::default())
        .unwrap_or_else(|error| unreachable!("{error}"));
    let named = api.types.iter().position(|def| def.name.as_str().eq_ignore_ascii_case("type"));
    let named = crate::model::TypeId(named.unwrap_or_default());
    let uses = [
        TypeRef::String,
        TypeRef::Bytes,
        TypeRef::Decimal,
        TypeRef::DateTime(DateTimeFormat::Rfc3339),
        TypeRef::List(Box::new(TypeRef::Map(Box::new(TypeRef::Json)))),
        TypeRef::Tuple(vec![TypeRef::I64]),
        TypeRef::Tuple(vec![TypeRef::Bool, TypeRef::List(Box::new(TypeRef::F64))]),
        TypeRef::Tuple(Vec::new()),
        TypeRef::Boxed(Box::new(TypeRef::Date)),
        TypeRef::Named(named),
        TypeRef::Named(crate::model::TypeId(usize::MAX)),
    ];
    for ty in &uses {
        for scope in [Scope::Types, Scope::Elsewhere] {
            assert_eq!(type_text(&api, ty, scope), printed(type_tokens(&api, ty, scope)), "{ty:?}");
        }
    }
}

#[test]
fn short_lists_stay_on_one_line_and_long_ones_take_a_line_per_item() {
    let mut out = Lines::default();
    out.open("fn probe() {");
    out.list("let keys = [", &["\"a\"".to_owned(), "\"b\"".to_owned()], "];");
    let long: Vec<String> = (0..20).map(|index| literal(&format!("key number {index}"))).collect();
    out.list("let keys = [", &long, "];");
    out.close("}");
    let text = out.finish();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.get(1), Some(&"    let keys = [\"a\", \"b\"];"));
    assert_eq!(lines.get(2), Some(&"    let keys = ["));
    assert_eq!(lines.get(3), Some(&"        \"key number 0\","));
    assert_eq!(lines.get(23), Some(&"    ];"));
    assert_eq!(lines.last(), Some(&"}"));
    assert!(lines.iter().all(|line| line.len() <= WIDTH), "{text}");
    syn::parse_file(&text).unwrap_or_else(|error| unreachable!("{error}"));
}

proptest! {
    /// Every string becomes a literal that Rust reads back as the same string.
    #[test]
    fn literals_read_back_as_their_value(value in any::<String>()) {
        let literal: syn::LitStr = syn::parse_str(&literal(&value)).unwrap_or_else(|error| unreachable!("{error}"));
        prop_assert_eq!(literal.value(), value);
    }
}

#[test]
fn struct_expressions_break_into_a_field_per_line_and_keep_their_base_last_without_a_comma() {
    let mut out = Lines::default();
    out.structure("Self", &["a".to_owned(), "..Self::new()".to_owned()], "");
    let long: Vec<String> = (0..12).map(|index| format!("field_number_{index}: None")).collect();
    let mut with_base = long.clone();
    with_base.push("..Self::unset()".to_owned());
    out.structure("Self", &with_base, ")");
    out.structure("Empty", &[], ";");
    let text = out.finish();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"Self { a, ..Self::new() }"));
    assert_eq!(lines.get(1), Some(&"Self {"));
    assert_eq!(lines.get(2), Some(&"    field_number_0: None,"));
    assert_eq!(lines.get(14), Some(&"    ..Self::unset()"));
    assert_eq!(lines.get(15), Some(&"})"));
    assert_eq!(lines.get(16), Some(&"Empty {};"));
}

#[test]
fn long_conditions_put_each_operand_on_a_line_of_its_own() {
    let mut out = Lines::default();
    out.operation("let present = ", &["a".to_owned(), "b".to_owned()], " || ", ";");
    let long: Vec<String> = (0..6).map(|index| format!("self.parameter_{index}.is_some()")).collect();
    out.operation("let present = ", &long, " || ", ";");
    out.operation("let present = ", &["alone".to_owned()], " || ", ";");
    let text = out.finish();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"let present = a || b;"));
    assert_eq!(lines.get(1), Some(&"let present = self.parameter_0.is_some()"));
    assert_eq!(lines.get(2), Some(&"    || self.parameter_1.is_some()"));
    assert_eq!(lines.get(6), Some(&"    || self.parameter_5.is_some();"));
    assert_eq!(lines.get(7), Some(&"let present = alone;"));
}

#[test]
fn match_arms_too_long_for_a_line_take_a_block() {
    let mut out = Lines::default();
    out.arm("0", "short()");
    let long = format!("call({})", "x".repeat(120));
    out.arm("1", &long);
    let text = out.finish();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines, vec!["0 => short(),", "1 => {", &format!("    {long}"), "}"]);
}
