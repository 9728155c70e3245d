//! Turning spec names into Rust identifiers: deterministic, ASCII, never a bare keyword.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Replaces everything but ASCII letters and digits by word breaks, spelling out a few
/// symbols that carry meaning in enum values (`+1`, `-1`, `*`).
fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c),
            '+' => out.push_str(" plus "),
            '-' if out.trim().is_empty() => out.push_str(" minus "),
            '*' => out.push_str(" star "),
            _ => out.push(' '),
        }
    }
    out
}

/// `PascalCase` type or variant name; prefixed when it would start with a digit or be empty.
pub fn pascal(s: &str) -> String {
    let mut name = words(s).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// `snake_case` field, parameter or method name; raw identifier for keywords.
pub fn snake(s: &str) -> String {
    // heck splits "HTTPServer" as "http_server" and keeps digits attached, which reads well.
    let mut name = words(s).to_snake_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// `SCREAMING_SNAKE_CASE` constant name.
pub fn shouty(s: &str) -> String {
    let mut name = words(s).to_shouty_snake_case();
    if name.is_empty() {
        name = "VALUE".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The identifier without a raw prefix, for building derived names (`set_type`, not `set_r#type`).
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out names, appending `2`, `3`, ... on collision; comparison ignores case so that
/// names differing only by case (which serde or file systems may conflate) stay distinct.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(bare(name).to_ascii_lowercase());
    }

    pub fn unique(&mut self, wanted: String) -> String {
        let key = |s: &str| bare(s).to_ascii_lowercase();
        if self.taken.insert(key(&wanted)) {
            return wanted;
        }
        let base = bare(&wanted).to_owned();
        let mut n = 2;
        loop {
            let candidate = format!("{base}{n}");
            if self.taken.insert(key(&candidate)) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal("account_info-type"), "AccountInfoType");
        assert_eq!(pascal("2fa"), "V2fa");
        assert_eq!(pascal("+1"), "Plus1");
        assert_eq!(pascal("-1"), "Minus1");
        assert_eq!(pascal("über"), "Ber");
        assert_eq!(pascal(""), "Empty");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("petId"), "pet_id");
        assert_eq!(snake("X-Request-ID"), "x_request_id");
        assert_eq!(snake("$ref"), "r#ref");
        assert_eq!(shouty("Rate limit exceed"), "RATE_LIMIT_EXCEED");
    }

    #[test]
    fn namer_dedupes_case_insensitively() {
        let mut n = Namer::default();
        assert_eq!(n.unique("Pet".into()), "Pet");
        assert_eq!(n.unique("PET".into()), "PET2");
        assert_eq!(n.unique("r#type".into()), "r#type");
        assert_eq!(n.unique("type".into()), "type2");
    }
}
