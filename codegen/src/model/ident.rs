//! Rust identifiers as the model holds them: checked once when made, spelled by emit.

use std::fmt;

/// A Rust identifier. `raw` identifiers (`r#type`) keep their bare text here, so derived
/// names (`set_type`, `type_all`) never have to strip a prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident {
    text: String,
    raw: bool,
}

impl Ident {
    /// An identifier that is not a keyword (the namer guarantees it).
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), raw: false }
    }

    /// A keyword used as an identifier: spelled `r#text`.
    pub fn raw(text: impl Into<String>) -> Self {
        Self { text: text.into(), raw: true }
    }

    /// The text without any `r#`, for building other names and for docs.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it is spelled with `r#`.
    pub fn is_raw(&self) -> bool {
        self.raw
    }
}

/// Shows the identifier as Rust source spells it.
impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.text)
    }
}
