//! Request builders: required parameters as constructor arguments, one constructor per member
//! of an at-least-one-of group, one chained setter per optional parameter.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{Scope, ident, type_tokens};
use crate::lower::bare;
use crate::model::{Body, DateTimeFormat, Docs, Operation, Param, ParamEncoding, ParamLocation, TypeRef};

/// One argument or setter input: its declared type and how to turn it into the stored value.
struct Input {
    ty: TokenStream,
    convert: TokenStream,
}

/// Raw bodies take anything that becomes their text or bytes.
fn body_input(b: &Body) -> Input {
    match (&b.raw_content_type, &b.ty) {
        (Some(_), TypeRef::String) => Input { ty: quote!(impl Into<String>), convert: quote!(body.into()) },
        (Some(_), _) => Input { ty: quote!(impl Into<Vec<u8>>), convert: quote!(body.into()) },
        (None, t) => Input { ty: type_tokens(t, Scope::Elsewhere), convert: quote!(body) },
    }
}

fn input(p: &Param) -> Input {
    let name = ident(&p.rust_name);
    match &p.ty {
        TypeRef::Bytes => Input { ty: quote!(impl Into<Vec<u8>>), convert: quote!(#name.into()) },
        TypeRef::String => Input { ty: quote!(impl Into<String>), convert: quote!(#name.into()) },
        TypeRef::List(item) => {
            if **item == TypeRef::String {
                Input {
                    ty: quote!(impl IntoIterator<Item = impl Into<String>>),
                    convert: quote!(#name.into_iter().map(Into::into).collect()),
                }
            } else {
                let item = type_tokens(item, Scope::Elsewhere);
                Input { ty: quote!(impl IntoIterator<Item = #item>), convert: quote!(#name.into_iter().collect()) }
            }
        }
        other => Input { ty: type_tokens(other, Scope::Elsewhere), convert: quote!(#name) },
    }
}

/// Whether any parameter is turned into text with `ToParam` (decides the `use`).
pub fn uses_to_param(ops: &[Operation]) -> bool {
    ops.iter().flat_map(|o| &o.params).any(|p| {
        p.encoding == ParamEncoding::Text && !matches!(p.ty, TypeRef::DateTime(_) | TypeRef::Bytes)
            || (p.location == ParamLocation::Path && !matches!(p.ty, TypeRef::DateTime(_)))
    })
}

pub fn request(op: &Operation) -> TokenStream {
    let name = ident(&op.request_type);
    let method = &op.method_name;
    let summary = op.docs.summary.clone().or_else(|| op.docs.description.clone()).unwrap_or_default();
    let head = format!(" Parameters of [`Client::{}`](crate::Client::{}).", bare(method), bare(method));
    let summary_lines = docs::lines(&Docs { summary: Some(summary), ..Docs::default() }, "");

    let fields = op.params.iter().map(|p| {
        let n = ident(&p.rust_name);
        let t = type_tokens(&p.ty, Scope::Elsewhere);
        let t = if p.required { t } else { quote!(Option<#t>) };
        let all = p.all_value.as_ref().map(|_| {
            let flag = all_flag(p);
            quote!(pub(crate) #flag: bool,)
        });
        quote!(pub(crate) #n: #t, #all)
    });
    let body_field = op.body.as_ref().map(|b| {
        let t = type_tokens(&b.ty, Scope::Elsewhere);
        if b.required { quote!(pub(crate) body: #t,) } else { quote!(pub(crate) body: Option<#t>,) }
    });

    let has_required = op.params.iter().any(|p| p.required) || op.body.as_ref().is_some_and(|b| b.required);
    let defaultable = !has_required && op.at_least_one_of.is_empty();
    let derive_default = defaultable.then(|| quote!(Default,));

    let constructors = constructors(op, defaultable);
    let setters = op.params.iter().filter(|p| !p.required).map(setter);
    let body_setter = op.body.as_ref().filter(|b| !b.required).map(|b| {
        let Input { ty, convert } = body_input(b);
        let d = docs::attrs(&b.docs, "Sets the request body.");
        quote! { #d pub fn body(mut self, body: #ty) -> Self { self.body = Some(#convert); self } }
    });
    let into_call = into_call(op);
    let members: Vec<super::debug::Member<'_>> = op
        .params
        .iter()
        .map(|p| super::debug::Member { rust_name: &p.rust_name, secret: p.secret, optional: !p.required })
        .collect();
    let debug_impl = super::debug::redacting(&name, &members, op.body.as_ref().map(|_| "body"));
    let derive_debug = debug_impl.is_none().then(|| quote!(Debug,));

    quote! {
        #[doc = #head]
        ///
        #(#[doc = #summary_lines])*
        #[derive(#derive_debug Clone, PartialEq, #derive_default)]
        #[must_use]
        pub struct #name {
            #(#fields)*
            #body_field
        }

        impl #name {
            #constructors
            #(#setters)*
            #body_setter
            #into_call
        }

        #debug_impl
    }
}

fn required_args(op: &Operation) -> (Vec<TokenStream>, Vec<TokenStream>, Vec<String>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut doc = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let n = ident(&p.rust_name);
        let Input { ty, convert } = input(p);
        args.push(quote!(#n: #ty));
        inits.push(if n == convert.to_string() { quote!(#n) } else { quote!(#n: #convert) });
        doc.push(arg_doc(p));
    }
    if let Some(b) = op.body.as_ref().filter(|b| b.required) {
        let Input { ty, convert } = body_input(b);
        args.push(quote!(body: #ty));
        inits.push(if convert.to_string() == "body" { quote!(body) } else { quote!(body: #convert) });
        doc.push(" - `body`: the request body.".to_owned());
    }
    (args, inits, doc)
}

fn arg_doc(p: &Param) -> String {
    let text = p.docs.summary.as_deref().or(p.docs.description.as_deref()).unwrap_or("");
    let first = text.lines().next().unwrap_or_default();
    format!(" - `{}`: {}", bare(&p.rust_name), docs::sanitize_line(first))
}

fn constructors(op: &Operation, defaultable: bool) -> TokenStream {
    let (args, inits, arg_docs) = required_args(op);
    let unset: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| !p.required)
        .map(|p| {
            let n = ident(&p.rust_name);
            quote!(#n: None)
        })
        .collect();
    let no_flags: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.all_value.is_some())
        .map(|p| {
            let flag = all_flag(p);
            quote!(#flag: false)
        })
        .collect();
    let body_unset = op.body.as_ref().filter(|b| !b.required).map(|_| quote!(body: None,));
    let args_heading =
        (!arg_docs.is_empty()).then(|| quote!(#[doc = ""] #[doc = " Arguments:"] #(#[doc = #arg_docs])*));

    if op.at_least_one_of.is_empty() {
        let doc = if defaultable {
            " A request with every parameter unset."
        } else {
            " A request with its required parameters."
        };
        let body = if defaultable {
            quote!(Self::default())
        } else {
            quote!(Self { #(#inits,)* #(#unset,)* #(#no_flags,)* #body_unset })
        };
        return quote! {
            #[doc = #doc]
            #args_heading
            pub fn new(#(#args),*) -> Self { #body }
        };
    }
    // Each constructor sets one member of the group on top of `unset`, which holds the
    // required parameters only.
    let mut arg_names: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| {
            let n = ident(&p.rust_name);
            quote!(#n)
        })
        .collect();
    if op.body.as_ref().is_some_and(|b| b.required) {
        arg_names.push(quote!(body));
    }
    let group_names = op.at_least_one_of.iter().map(|n| format!("`{}`", bare(n))).collect::<Vec<_>>().join(", ");
    let unset_doc = if arg_names.is_empty() {
        format!(" Nothing set yet: the API needs one of {group_names} before this is a request.")
    } else {
        format!(" The required parameters only: the API needs one of {group_names} too.")
    };
    let unset_fn = quote! {
        #[doc = #unset_doc]
        fn unset(#(#args),*) -> Self {
            Self { #(#inits,)* #(#unset,)* #(#no_flags,)* #body_unset }
        }
    };
    let ctors = op.at_least_one_of.iter().filter_map(|member| {
        let p = op.params.iter().find(|p| &p.rust_name == member)?;
        let fn_name = format_ident!("by_{}", bare(member));
        let n = ident(member);
        let Input { ty, convert } = input(p);
        let doc = format!(" A request selected by `{}`.", bare(member));
        let rule = format!(" The API needs at least one of {group_names}; the others can be added with their setters.");
        let member_doc = arg_doc(p);
        Some(quote! {
            #[doc = #doc]
            ///
            #[doc = #rule]
            #args_heading
            #[doc = #member_doc]
            pub fn #fn_name(#(#args,)* #n: #ty) -> Self {
                Self { #n: Some(#convert), ..Self::unset(#(#arg_names),*) }
            }
        })
    });
    let all_ctors = op.at_least_one_of.iter().filter_map(|member| {
        let p = op.params.iter().find(|p| &p.rust_name == member)?;
        let all = p.all_value.as_ref()?;
        let fn_name = format_ident!("by_{}_all", bare(member));
        let flag = all_flag(p);
        let doc = format!(" A request selected by `{}` = `{all}`: every item.", bare(member));
        Some(quote! {
            #[doc = #doc]
            #args_heading
            pub fn #fn_name(#(#args),*) -> Self {
                Self { #flag: true, ..Self::unset(#(#arg_names),*) }
            }
        })
    });
    quote!(#unset_fn #(#ctors)* #(#all_ctors)*)
}

/// The field that records "every item" for a list parameter with `x-all-value`.
fn all_flag(p: &Param) -> proc_macro2::Ident {
    format_ident!("{}_all", bare(&p.rust_name))
}

fn setter(p: &Param) -> TokenStream {
    let n = ident(&p.rust_name);
    let Input { ty, convert } = input(p);
    let d = docs::attrs(&p.docs, &format!("Sets `{}`.", p.wire_name));
    let Some(all) = &p.all_value else {
        return quote! {
            #d
            pub fn #n(mut self, #n: #ty) -> Self {
                self.#n = Some(#convert);
                self
            }
        };
    };
    let flag = all_flag(p);
    let all_doc = format!(" Sends `{}` = `{all}`: every item, instead of a list.", p.wire_name);
    quote! {
        #d
        pub fn #n(mut self, #n: #ty) -> Self {
            self.#n = Some(#convert);
            self.#flag = false;
            self
        }

        #[doc = #all_doc]
        pub fn #flag(mut self) -> Self {
            self.#n = None;
            self.#flag = true;
            self
        }
    }
}

/// `serde_json::to_value` with the (never expected) failure as an `InvalidRequest`.
fn to_json(value: TokenStream, what: &str) -> TokenStream {
    let message = format!("the {what} cannot be encoded as JSON: {{e}}");
    quote! {
        serde_json::to_value(#value).map_err(|e| crate::Error::InvalidRequest { message: format!(#message) })?
    }
}

/// The text form of one value on the wire; `value` is a reference.
fn wire_text(value: TokenStream, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::DateTime(DateTimeFormat::SpaceSeparatedUtc) => {
            quote!(crate::runtime::wire_time::timestamp_param(#value))
        }
        TypeRef::DateTime(DateTimeFormat::Rfc3339) => quote!(crate::runtime::wire_time::rfc3339_param(#value)),
        _ => quote!(#value.to_param()),
    }
}

fn into_call(op: &Operation) -> TokenStream {
    let id = &op.id;
    let method = format_ident!("{}", op.http_method);
    let idempotent = op.idempotent;
    let path = path_expr(op);
    let params = op.params.iter().filter(|p| p.location != ParamLocation::Path).map(|p| {
        let n = ident(&p.rust_name);
        let wire = &p.wire_name;
        let adder = format_ident!(
            "{}",
            match p.location {
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Multipart => "multipart_text",
                _ => "form",
            }
        );
        let pairs = match p.encoding {
            ParamEncoding::Text => None,
            ParamEncoding::DeepObject => Some(quote!(crate::runtime::wire::deep_object)),
            ParamEncoding::Exploded => Some(quote!(crate::runtime::wire::exploded_object)),
        };
        // An optional delimited list is sent only when it has items.
        let mut nonempty = None;
        let send = match (&p.ty, &p.delimiter) {
            (TypeRef::Bytes, _) => quote!(call = call.multipart_file(#wire, value.clone());),
            _ if p.location == ParamLocation::Multipart && pairs.is_some() => {
                let json = to_json(quote!(value), &format!("field `{wire}`"));
                quote!(call = call.multipart_text(#wire, #json.to_string());)
            }
            _ if pairs.is_some() => {
                let json = to_json(quote!(value), &format!("parameter `{wire}`"));
                quote! {
                    for (name, text) in #pairs(#wire, &#json) {
                        call = call.#adder(name, text);
                    }
                }
            }
            (TypeRef::List(item), Some(d)) => {
                // An empty joined list would be an empty value: not sent when optional, refused when required.
                let each = wire_text(quote!(item), item);
                let joined =
                    quote!(call = call.#adder(#wire, value.iter().map(|item| #each).collect::<Vec<_>>().join(#d)););
                if p.required {
                    let message = format!("`{wire}` needs at least one value");
                    quote! {
                        if value.is_empty() {
                            return Err(crate::Error::InvalidRequest { message: #message.to_owned() });
                        }
                        #joined
                    }
                } else {
                    nonempty = Some(quote!(&&!value.is_empty()));
                    joined
                }
            }
            (TypeRef::List(item), None) => {
                let each = wire_text(quote!(item), item);
                quote!(for item in value { call = call.#adder(#wire, #each); })
            }
            (ty, _) => {
                let text = wire_text(quote!(value), ty);
                quote!(call = call.#adder(#wire, #text);)
            }
        };
        let send = if p.required {
            quote! { let value = &self.#n; #send }
        } else {
            quote! { if let Some(value) = &self.#n #nonempty { #send } }
        };
        match &p.all_value {
            Some(all) => {
                let flag = all_flag(p);
                // `send` starts with `let` (required) or `if let` (optional): chain the latter.
                if p.required {
                    quote! { if self.#flag { call = call.#adder(#wire, #all.to_owned()); } else { #send } }
                } else {
                    quote! { if self.#flag { call = call.#adder(#wire, #all.to_owned()); } else #send }
                }
            }
            None => send,
        }
    });
    let body = op.body.as_ref().map(|b| {
        let (bind, send) = match &b.raw_content_type {
            None => (quote!(&self.body), {
                let json = to_json(quote!(value), "request body");
                quote!(call = call.json(#json);)
            }),
            Some(media) => {
                let bytes = if b.ty == TypeRef::String { quote!(value.into_bytes()) } else { quote!(value) };
                (quote!(self.body), quote!(call = call.raw(#media, #bytes);))
            }
        };
        if b.required {
            quote! { let value = #bind; #send }
        } else {
            quote! { if let Some(value) = #bind { #send } }
        }
    });
    let mutable =
        (op.params.iter().any(|p| p.location != ParamLocation::Path) || op.body.is_some()).then(|| quote!(mut));
    let group = group_check(op);
    let errors = op.error_type.as_ref().map(|e| {
        let e = ident(e);
        quote!(.errors(crate::types::#e::decode))
    });
    quote! {
        /// The HTTP call this request describes.
        pub(crate) fn into_call(self) -> Result<crate::runtime::call::Call, crate::Error> {
            #group
            let #mutable call = crate::runtime::call::Call::new(#id, reqwest::Method::#method, #path).idempotent(#idempotent)#errors;
            #(#params)*
            #body
            Ok(call)
        }
    }
}

/// The constructors guarantee a member of the at-least-one-of group is set; an empty list or
/// string there would still break the rule on the wire, so it is refused before sending.
fn group_check(op: &Operation) -> Option<TokenStream> {
    if op.at_least_one_of.is_empty() {
        return None;
    }
    let present = op.at_least_one_of.iter().filter_map(|m| op.params.iter().find(|p| &p.rust_name == m)).map(|p| {
        let n = ident(&p.rust_name);
        let set = match &p.ty {
            TypeRef::List(_) | TypeRef::String => quote!(self.#n.as_ref().is_some_and(|v| !v.is_empty())),
            _ => quote!(self.#n.is_some()),
        };
        match p.all_value {
            Some(_) => {
                let flag = all_flag(p);
                quote!((self.#flag || #set))
            }
            None => set,
        }
    });
    let names = op.at_least_one_of.iter().map(|n| format!("`{}`", bare(n))).collect::<Vec<_>>().join(", ");
    let message = format!("{} needs a non-empty value for at least one of {names}", op.id);
    Some(quote! {
        if !(#(#present)||*) {
            return Err(crate::Error::InvalidRequest { message: #message.to_owned() });
        }
    })
}

fn path_expr(op: &Operation) -> TokenStream {
    let path_params: Vec<&Param> = op.params.iter().filter(|p| p.location == ParamLocation::Path).collect();
    if path_params.is_empty() {
        let path = &op.path;
        return quote!(#path.to_owned());
    }
    let mut template = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        template.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        let after = &rest[start + 1..];
        let end = after.find('}').unwrap_or(after.len());
        let name = &after[..end];
        template.push_str("{}");
        if let Some(p) = path_params.iter().find(|p| p.wire_name == name) {
            let n = ident(&p.rust_name);
            let text = match &p.ty {
                TypeRef::DateTime(_) => wire_text(quote!(&self.#n), &p.ty),
                _ => wire_text(quote!(self.#n), &p.ty),
            };
            args.push(quote!(crate::runtime::wire::path_segment(&#text)));
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    quote!(format!(#template, #(#args),*))
}
