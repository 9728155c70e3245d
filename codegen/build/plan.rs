//! Where the runtime's source is conditional: every node under a `cfg` attribute, found by
//! walking its syntax tree once, when the generator is built.

use std::ops::Range;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Attribute, Expr, Meta};

/// A `cfg` predicate: `test`, `feature = ".."`, `not`, `all` (what the runtime uses; `any` would
/// be one more variant here and in the generator's `Predicate`).
pub enum Predicate {
    Test,
    Feature(String),
    Not(Box<Predicate>),
    All(Vec<Predicate>),
}

/// A node under `cfg` attributes: cut `cut` when one of `when` is false, else cut only the
/// attributes (`attributes`).
pub struct Condition {
    pub when: Vec<Predicate>,
    pub cut: Range<usize>,
    pub attributes: Vec<Range<usize>>,
}

/// What copying needs to know of one source file.
pub struct Plan {
    pub conditions: Vec<Condition>,
    /// `mod name;` declarations at the top level: name and where the declaration is.
    pub modules: Vec<(String, Range<usize>)>,
}

/// The plan of `source`; an error for a `cfg` the copy could not decide.
pub fn plan(source: &str) -> Result<Plan, String> {
    let file = syn::parse_file(source).map_err(|error| format!("does not parse: {error}"))?;
    let mut planner = Planner { source, conditions: Vec::new(), problem: None };
    planner.visit_file(&file);
    if let Some(problem) = planner.problem {
        return Err(problem);
    }
    let modules = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) if module.content.is_none() => {
                Some((module.ident.to_string(), module.span().byte_range()))
            }
            _ => None,
        })
        .collect();
    // A `cfg` the walk did not reach would be copied as it is, deciding nothing.
    let found: usize = planner.conditions.iter().map(|condition| condition.when.len()).sum();
    let written = source.matches("#[cfg(").count();
    if found != written {
        return Err(format!("{written} `cfg` attributes, of which {found} are on nodes the copy can cut"));
    }
    Ok(Plan { conditions: planner.conditions, modules })
}

/// Walks the syntax tree, noting every conditional node.
struct Planner<'a> {
    source: &'a str,
    conditions: Vec<Condition>,
    problem: Option<String>,
}

impl Planner<'_> {
    /// Notes a node with `attrs` spanning `span`. `listed` nodes (enum variants, fields) also
    /// lose the comma after them when cut.
    fn note(&mut self, attrs: &[Attribute], span: Span, listed: bool) {
        let mut when = Vec::new();
        let mut attributes = Vec::new();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("cfg")) {
            let read = match &attr.meta {
                Meta::List(list) => syn::parse2::<Meta>(list.tokens.clone())
                    .map_err(|error| format!("unreadable `cfg`: {error}"))
                    .and_then(|meta| predicate(&meta)),
                _ => Err("a `cfg` attribute without a predicate".into()),
            };
            match read {
                Ok(predicate) => when.push(predicate),
                Err(problem) => {
                    self.problem.get_or_insert(problem);
                    return;
                }
            }
            attributes.push(whole_lines(self.source, attr.span().byte_range(), false, false));
        }
        if !when.is_empty() {
            let cut = whole_lines(self.source, span.byte_range(), listed, true);
            self.conditions.push(Condition { when, cut, attributes });
        }
    }
}

impl<'ast> Visit<'ast> for Planner<'_> {
    fn visit_item(&mut self, node: &'ast syn::Item) {
        self.note(item_attrs(node), node.span(), false);
        syn::visit::visit_item(self, node);
    }

    fn visit_impl_item(&mut self, node: &'ast syn::ImplItem) {
        let attrs: &[Attribute] = match node {
            syn::ImplItem::Const(item) => &item.attrs,
            syn::ImplItem::Fn(item) => &item.attrs,
            syn::ImplItem::Type(item) => &item.attrs,
            syn::ImplItem::Macro(item) => &item.attrs,
            _ => &[],
        };
        self.note(attrs, node.span(), false);
        syn::visit::visit_impl_item(self, node);
    }

    fn visit_variant(&mut self, node: &'ast syn::Variant) {
        self.note(&node.attrs, node.span(), true);
        syn::visit::visit_variant(self, node);
    }

    fn visit_field(&mut self, node: &'ast syn::Field) {
        self.note(&node.attrs, node.span(), true);
        syn::visit::visit_field(self, node);
    }

    fn visit_field_value(&mut self, node: &'ast syn::FieldValue) {
        self.note(&node.attrs, node.span(), true);
        syn::visit::visit_field_value(self, node);
    }

    fn visit_arm(&mut self, node: &'ast syn::Arm) {
        self.note(&node.attrs, node.span(), false);
        syn::visit::visit_arm(self, node);
    }

    fn visit_stmt(&mut self, node: &'ast syn::Stmt) {
        let attrs: &[Attribute] = match node {
            syn::Stmt::Local(local) => &local.attrs,
            syn::Stmt::Macro(mac) => &mac.attrs,
            syn::Stmt::Expr(expr, _) => expr_attrs(expr),
            // Items are noted by `visit_item`.
            syn::Stmt::Item(_) => &[],
        };
        self.note(attrs, node.span(), false);
        syn::visit::visit_stmt(self, node);
    }
}

fn item_attrs(item: &syn::Item) -> &[Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::ExternCrate(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::ForeignMod(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::TraitAlias(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Union(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

/// The attributes of an expression in statement position (the kinds the runtime puts `cfg` on).
fn expr_attrs(expr: &Expr) -> &[Attribute] {
    match expr {
        Expr::Assign(expr) => &expr.attrs,
        Expr::Block(expr) => &expr.attrs,
        Expr::Call(expr) => &expr.attrs,
        Expr::ForLoop(expr) => &expr.attrs,
        Expr::If(expr) => &expr.attrs,
        Expr::Macro(expr) => &expr.attrs,
        Expr::Match(expr) => &expr.attrs,
        Expr::MethodCall(expr) => &expr.attrs,
        _ => &[],
    }
}

/// Reads a `cfg` predicate.
fn predicate(meta: &Meta) -> Result<Predicate, String> {
    match meta {
        Meta::Path(path) if path.is_ident("test") => Ok(Predicate::Test),
        Meta::NameValue(pair) if pair.path.is_ident("feature") => match &pair.value {
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(name), .. }) => Ok(Predicate::Feature(name.value())),
            _ => Err("`feature` without a string".into()),
        },
        Meta::List(list) => {
            let inner = list
                .parse_args_with(syn::punctuated::Punctuated::<Meta, syn::Token![,]>::parse_terminated)
                .map_err(|error| format!("unreadable `cfg`: {error}"))?;
            let mut inner = inner.iter().map(predicate).collect::<Result<Vec<_>, _>>()?;
            if list.path.is_ident("all") {
                Ok(Predicate::All(inner))
            } else if list.path.is_ident("not") && inner.len() == 1 {
                inner.pop().map(|one| Predicate::Not(Box::new(one))).ok_or_else(|| "empty `not`".into())
            } else {
                Err("unsupported `cfg` predicate".into())
            }
        }
        _ => Err("unsupported `cfg` predicate".into()),
    }
}

/// Widens a cut to whole lines when it has them to itself (`with_comments`: and to the plain
/// comment lines right above), and over a following comma for list members.
fn whole_lines(source: &str, range: Range<usize>, listed: bool, with_comments: bool) -> Range<usize> {
    let mut end = range.end;
    if listed {
        let rest = source.get(end..).unwrap_or_default();
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest.get(spaces..).is_some_and(|after| after.starts_with(',')) {
            end += spaces + 1;
        }
    }
    let line_start = source.get(..range.start).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
    let alone_before = source.get(line_start..range.start).is_some_and(|text| text.trim().is_empty());
    let line_end = source.get(end..).and_then(|after| after.find('\n')).map_or(source.len(), |at| end + at + 1);
    let alone_after = source.get(end..line_end).is_some_and(|text| text.trim().is_empty());
    if !(alone_before && alone_after) {
        return range.start..end;
    }
    // Plain comments right above belong to what is cut.
    let mut start = line_start;
    while with_comments && start > 0 {
        let previous_start = source.get(..start - 1).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
        let line = source.get(previous_start..start).unwrap_or_default().trim();
        if line.starts_with("//") && !line.starts_with("///") && !line.starts_with("//!") {
            start = previous_start;
        } else {
            break;
        }
    }
    start..line_end
}
