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
