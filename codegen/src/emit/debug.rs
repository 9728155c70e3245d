//! `Debug` that never prints secrets (`format: password` fields and parameters).

use super::text::{Lines, ident, literal};
use crate::model;

/// One member to print: its identifier, whether it is secret, whether it is an `Option`.
pub struct Member<'a> {
    pub name: &'a model::Ident,
    pub secret: bool,
    pub optional: bool,
}

/// Whether a type needs [`redacting`]: when no member is secret, `Debug` is derived.
pub fn redacts(members: &[Member<'_>]) -> bool {
    members.iter().any(|member| member.secret)
}

/// The derive line of a struct with these members: `Debug` unless it [`redacts`], `Default`
/// when it is built from nothing.
pub fn derive_line(members: &[Member<'_>], default: bool) -> String {
    let debug = if redacts(members) { "" } else { "Debug, " };
    let default = if default { ", Default" } else { "" };
    format!("#[derive({debug}Clone, PartialEq{default})]")
}

/// A hand-written `Debug` impl that prints `<redacted>` for secret members.
pub fn redacting(out: &mut Lines, type_name: &str, members: &[Member<'_>], extra: Option<&model::Ident>) {
    let mut calls: Vec<String> = members
        .iter()
        .map(|member| {
            let label = literal(member.name.as_str());
            let field = ident(member.name);
            match (member.secret, member.optional) {
                (false, _) => format!(".field({label}, &self.{field})"),
                (true, false) => format!(".field({label}, &\"<redacted>\")"),
                (true, true) => format!(".field({label}, &self.{field}.as_ref().map(|_| \"<redacted>\"))"),
            }
        })
        .collect();
    if let Some(name) = extra {
        calls.push(format!(".field({}, &self.{})", literal(name.as_str()), ident(name)));
    }
    calls.push(".finish()".to_owned());
    out.open(&format!("impl std::fmt::Debug for {type_name} {{"));
    out.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    out.chain(&format!("f.debug_struct({})", literal(type_name)), &calls);
    out.close("}");
    out.close("}");
}
