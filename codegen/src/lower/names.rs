//! Turning spec names into Rust identifiers: deterministic, ASCII, never a bare keyword, and
//! unique within their namespace.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::model::Ident;

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Placeholder names clippy's `disallowed_names` refuses as variables (its default list), which
/// a setter's argument would be: Slack's `api.test` has a parameter `foo`.
const PLACEHOLDERS: &[&str] = &["foo", "baz", "quux"];

/// Replaces everything but ASCII letters and digits by word breaks, spelling out a few
/// symbols that carry meaning in enum values and filter parameters (`+1`, `-1`, `*`, `<`, `>=`,
/// `StartTime<`). Letters of other scripts are transliterated (`Größe` → `Grosse`, `日本` →
/// `Ri Ben`, `да` → `da`), so that names in any language stay apart and readable instead of
/// collapsing to nothing.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        let then_equals = characters.peek() == Some(&'=');
        match character {
            c if c.is_ascii_alphanumeric() => out.push(c),
            '+' => out.push_str(" plus "),
            '-' if out.trim().is_empty() => out.push_str(" minus "),
            '*' => out.push_str(" star "),
            '<' | '>' | '!' if then_equals => {
                characters.next();
                out.push_str(match character {
                    '<' => " lte ",
                    '>' => " gte ",
                    _ => " ne ",
                });
            }
            '<' => out.push_str(" lt "),
            '>' => out.push_str(" gt "),
            '=' if out.trim().is_empty() => out.push_str(" eq "),
            c if !c.is_ascii() => {
                let spelled = deunicode::deunicode_char(c).unwrap_or_default();
                out.extend(spelled.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }));
            }
            _ => out.push(' '),
        }
    }
    out
}

/// `PascalCase` type or variant name; prefixed when it would start with a digit or be empty.
pub fn pascal(text: &str) -> String {
    let mut name = words(text).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// `snake_case` field, parameter or method name.
pub fn snake(text: &str) -> String {
    // heck splits "HTTPServer" as "http_server" and keeps digits attached, which reads well.
    let mut name = words(text).to_snake_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        // Only digits (a version key such as `1.8.0`): `_1_8_0` would trip clippy's
        // `just_underscores_and_digits`, so it reads as the type names do (`V1_8_0`).
        name = format!("v{}", name.trim_start_matches('_'));
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// `SCREAMING_SNAKE_CASE` constant name.
pub fn shouty(text: &str) -> String {
    let mut name = words(text).to_shouty_snake_case();
    if name.is_empty() {
        name = "VALUE".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// Whether the text already is a Rust type name as a person writes one (`APIError`).
pub fn is_type_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric())
        && text.chars().any(|c| c.is_ascii_lowercase())
}

/// Hands out the identifiers of one namespace (the crate's types, the client's methods, one
/// struct's fields, ...), appending `2`, `3`, ... on collision. Comparison ignores case and
/// `r#`, so names that differ only by case or by separators never both appear.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: BTreeSet<String>,
    /// The group a name was handed out for, where the caller said (a parameter's location).
    groups: BTreeMap<String, &'static str>,
}

impl Namer {
    /// A namespace where `reserved` (names defined by other code) are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        let mut namer = Self::default();
        for name in reserved {
            namer.reserve(name);
        }
        namer
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(key(name));
    }

    /// Whether the name is free.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(&key(name))
    }

    /// The group `name` was handed out for by [`Namer::unique_in`].
    pub fn group_of(&self, name: &str) -> Option<&'static str> {
        self.groups.get(&key(name)).copied()
    }

    /// [`Namer::unique`], remembering the group the name is for.
    pub fn unique_in(&mut self, wanted: &str, group: &'static str) -> Ident {
        let name = self.unique(wanted);
        self.groups.insert(key(name.as_str()), group);
        name
    }

    /// A unique identifier close to `wanted` (already cased by the caller).
    pub fn unique(&mut self, wanted: &str) -> Ident {
        // `self` and friends cannot even be raw identifiers: `self_` reads best.
        let wanted = if NOT_RAW.contains(&wanted) || PLACEHOLDERS.contains(&wanted) {
            format!("{wanted}_")
        } else {
            wanted.to_owned()
        };
        let mut candidate = wanted.clone();
        let mut suffix = 2;
        while !self.taken.insert(key(&candidate)) {
            candidate = format!("{wanted}{suffix}");
            suffix += 1;
        }
        if KEYWORDS.contains(&candidate.as_str()) { Ident::raw(candidate) } else { Ident::plain(candidate) }
    }
}

fn key(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(pascal("account_info-type"), "AccountInfoType");
        assert_eq!(pascal("2fa"), "V2fa");
        assert_eq!(pascal("+1"), "Plus1");
        assert_eq!(pascal("-1"), "Minus1");
        assert_eq!(pascal("<="), "Lte");
        assert_eq!(pascal("="), "Eq");
        assert_eq!(pascal("!="), "Ne");
        assert_eq!(snake("StartTime<"), "start_time_lt");
        assert_eq!(snake("StartTime>="), "start_time_gte");
        assert_eq!(snake("a=b"), "a_b");
        assert_eq!(pascal("über"), "Uber");
        assert_eq!(pascal(""), "Empty");
        assert_eq!(pascal("Größe"), "Grosse");
        assert_eq!(pascal("日本語"), "RiBenYu");
        assert_eq!(snake("нет-данных"), "net_dannykh");
        assert_eq!(pascal("😀"), "Grinning");
        assert_eq!(snake("petId"), "pet_id");
        assert_eq!(snake("X-Request-ID"), "x_request_id");
        assert_eq!(snake("$ref"), "ref");
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(snake("1.8.0"), "v1_8_0");
        assert_eq!(snake("2"), "v2");
        assert_eq!(shouty("Rate limit exceed"), "RATE_LIMIT_EXCEED");
    }

    #[test]
    fn keywords_become_raw_or_get_a_suffix() {
        let mut namer = Namer::default();
        assert_eq!(namer.unique("type").to_string(), "r#type");
        assert_eq!(namer.unique("self").to_string(), "self_");
        assert_eq!(namer.unique("crate").to_string(), "crate_");
        assert_eq!(namer.unique("self").to_string(), "self_2");
    }

    #[test]
    fn collisions_ignore_case_and_raw_prefix() {
        let mut namer = Namer::with_reserved(&["send"]);
        assert_eq!(namer.unique("send").to_string(), "send2");
        assert_eq!(namer.unique("Pet").to_string(), "Pet");
        assert_eq!(namer.unique("PET").to_string(), "PET2");
        assert_eq!(namer.unique("type").to_string(), "r#type");
        assert_eq!(namer.unique("type").to_string(), "type2");
        assert!(!namer.is_free("Type"));
    }
}
