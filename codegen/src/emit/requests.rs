//! `src/requests.rs`: one request type per operation. Required parameters are constructor
//! arguments, selection groups are one constructor per member, optional parameters are
//! chained setters; `into_call` (in `calls.rs`) turns the request into the HTTP call.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{Scope, allow_many_arguments, ident, type_tokens};
use super::{calls, debug, docs};
use crate::model::{Api, Body, Docs, Input, Operation, Param, SelectionRule, TypeRef};

/// The start of the file; the requests follow, one [`request`] each.
pub fn head(api: &Api) -> TokenStream {
    let uses_to_param = api.operations.iter().any(calls::uses_to_param).then(|| {
        quote!(
            use crate::runtime::wire::ToParam;
        )
    });
    quote! {
        //! One request type per operation: required parameters in the constructor, the rest as setters.
        #uses_to_param
    }
}

/// The declared type and the conversion of one argument or setter input.
struct Argument {
    ty: TokenStream,
    convert: TokenStream,
}

fn argument(api: &Api, name: &proc_macro2::Ident, ty: &TypeRef, input: &Input) -> Argument {
    match (input, ty) {
        (Input::IntoString, _) => Argument { ty: quote!(impl Into<String>), convert: quote!(#name.into()) },
        (Input::IntoBytes, _) => Argument { ty: quote!(impl Into<Vec<u8>>), convert: quote!(#name.into()) },
        (Input::StringItems, _) => Argument {
            ty: quote!(impl IntoIterator<Item = impl Into<String>>),
            convert: quote!(#name.into_iter().map(Into::into).collect()),
        },
        (Input::Items, TypeRef::List(item)) => {
            let item = type_tokens(api, item, Scope::Elsewhere);
            Argument { ty: quote!(impl IntoIterator<Item = #item>), convert: quote!(#name.into_iter().collect()) }
        }
        _ => Argument { ty: type_tokens(api, ty, Scope::Elsewhere), convert: quote!(#name) },
    }
}

fn param_argument(api: &Api, param: &Param) -> Argument {
    argument(api, &ident(&param.name), &param.ty, &param.input)
}

fn body_argument(api: &Api, body: &Body) -> Argument {
    argument(api, &ident(&body.name), &body.ty, &body.input)
}

/// One request type, its builder methods and its `Operation` impl.
pub fn request(api: &Api, operation: &Operation) -> TokenStream {
    let name = ident(&operation.request_type);
    let method = operation.method_name.as_str();
    let summary = operation.docs.summary.clone().or_else(|| operation.docs.description.clone());
    let head = format!(" Parameters of [`Client::{method}`](crate::Client::{method}).");
    // The operation's own words, a blank doc line apart, when it has any.
    let summary_lines: Vec<String> = summary
        .filter(|text| !text.trim().is_empty())
        .map(|summary| {
            let mut lines = vec![String::new()];
            lines.extend(docs::lines(&Docs { summary: Some(summary), ..Docs::default() }, ""));
            lines
        })
        .unwrap_or_default();

    let fields = operation.params.iter().map(|param| {
        let field = ident(&param.name);
        let ty = type_tokens(api, &param.ty, Scope::Elsewhere);
        let ty = if param.required { ty } else { quote!(Option<#ty>) };
        let all = param.all.as_ref().map(|all| {
            let flag = ident(&all.name);
            quote!(pub(crate) #flag: bool,)
        });
        quote!(pub(crate) #field: #ty, #all)
    });
    let body_field = operation.body.as_ref().map(|body| {
        let field = ident(&body.name);
        let ty = type_tokens(api, &body.ty, Scope::Elsewhere);
        if body.required { quote!(pub(crate) #field: #ty,) } else { quote!(pub(crate) #field: Option<#ty>,) }
    });
    let derive_default = operation.constructors.default.then(|| quote!(Default,));
    let constructors = constructors(api, operation);
    let without_setters: Vec<usize> = match &operation.constructors.selection {
        Some(selection) if selection.rule == SelectionRule::ExactlyOne => {
            selection.members.iter().map(|member| member.param).collect()
        }
        _ => Vec::new(),
    };
    let setters = operation
        .params
        .iter()
        .enumerate()
        .filter(|(index, param)| !param.required && !without_setters.contains(index))
        .map(|(_, param)| setter(api, param));
    let body_setter = operation.body.as_ref().filter(|body| !body.required).map(|body| {
        let field = ident(&body.name);
        let Argument { ty, convert } = body_argument(api, body);
        let doc = docs::attrs(&body.docs, "Sets the request body.");
        quote! { #doc pub fn #field(mut self, #field: #ty) -> Self { self.#field = Some(#convert); self } }
    });
    let into_call = calls::into_call(api, operation);
    let members: Vec<debug::Member<'_>> = operation
        .params
        .iter()
        .map(|param| debug::Member { name: &param.name, secret: param.secret, optional: !param.required })
        .collect();
    let debug_impl = debug::redacting(&name, &members, operation.body.as_ref().map(|body| &body.name));
    let derive_debug = debug_impl.is_none().then(|| quote!(Debug,));

    quote! {
        #[doc = #head]
        #(#[doc = #summary_lines])*
        #[derive(#derive_debug Clone, PartialEq, #derive_default)]
        #[must_use]
        pub struct #name {
            #(#fields)*
            #body_field
            pub(crate) request_options: crate::runtime::call::RequestOptions,
        }

        impl #name {
            #constructors
            #(#setters)*
            #body_setter

            /// Extra parameters and headers the spec does not know yet, and a timeout or retry
            /// policy for this request only.
            pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
                self.request_options = options;
                self
            }
        }

        #into_call

        #debug_impl
    }
}

/// Constructor arguments: the required parameters, then a required body.
struct Required {
    arguments: Vec<TokenStream>,
    initializers: Vec<TokenStream>,
    names: Vec<TokenStream>,
    docs: Vec<String>,
}

fn required(api: &Api, operation: &Operation) -> Required {
    let mut required =
        Required { arguments: Vec::new(), initializers: Vec::new(), names: Vec::new(), docs: Vec::new() };
    let mut add = |name: proc_macro2::Ident, argument: Argument, doc: String| {
        let Argument { ty, convert } = argument;
        required.arguments.push(quote!(#name: #ty));
        required.initializers.push(if name == convert.to_string() { quote!(#name) } else { quote!(#name: #convert) });
        required.names.push(quote!(#name));
        required.docs.push(doc);
    };
    for param in operation.params.iter().filter(|param| param.required) {
        add(ident(&param.name), param_argument(api, param), argument_doc(param));
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        add(ident(&body.name), body_argument(api, body), format!(" - `{}`: the request body.", body.name.as_str()));
    }
    required
}

fn argument_doc(param: &Param) -> String {
    let text = param.docs.summary.as_deref().or(param.docs.description.as_deref()).unwrap_or("");
    let first = match text.lines().next().filter(|line| !line.trim().is_empty()) {
        Some(line) => docs::sanitize_line(line),
        None => format!("the `{}` parameter.", param.wire_name),
    };
    format!(" - `{}`: {first}", param.name.as_str())
}

fn constructors(api: &Api, operation: &Operation) -> TokenStream {
    let Required { arguments, initializers, names, docs: argument_docs } = required(api, operation);
    let unset: Vec<TokenStream> = operation
        .params
        .iter()
        .filter(|param| !param.required)
        .map(|param| {
            let field = ident(&param.name);
            quote!(#field: None)
        })
        .collect();
    let no_flags: Vec<TokenStream> = operation
        .params
        .iter()
        .filter_map(|param| param.all.as_ref())
        .map(|all| {
            let flag = ident(&all.name);
            quote!(#flag: false)
        })
        .collect();
    let body_unset = operation.body.as_ref().filter(|body| !body.required).map(|body| {
        let field = ident(&body.name);
        quote!(#field: None,)
    });
    let arguments_heading =
        (!argument_docs.is_empty()).then(|| quote!(#[doc = ""] #[doc = " Arguments:"] #(#[doc = #argument_docs])*));
    let allow = allow_many_arguments(arguments.len());
    let allow_one_more = allow_many_arguments(arguments.len() + 1);
    let everything = quote!(Self {
        #(#initializers,)* #(#unset,)* #(#no_flags,)* #body_unset
        request_options: crate::runtime::call::RequestOptions::new(),
    });

    let new = operation.constructors.new.as_ref().map(|new| {
        let new = ident(new);
        let (doc, body) = if operation.constructors.default {
            (" A request with every parameter unset.", quote!(Self::default()))
        } else {
            (" A request with its required parameters.", everything.clone())
        };
        quote! {
            #[doc = #doc]
            #arguments_heading
            #allow
            pub fn #new(#(#arguments),*) -> Self { #body }
        }
    });
    let Some(selection) = &operation.constructors.selection else { return new.unwrap_or_default() };
    let members: Vec<(&crate::model::Selector, &Param)> = selection
        .members
        .iter()
        .filter_map(|member| operation.params.get(member.param).map(|param| (member, param)))
        .collect();
    let group_names =
        members.iter().map(|(_, param)| format!("`{}`", param.name.as_str())).collect::<Vec<_>>().join(", ");
    // Each constructor sets one member on top of a base: `new` for shortcuts, else the private
    // `unset`, which holds the required parameters only.
    let (base, unset_fn) = match selection.rule {
        SelectionRule::Shortcuts => {
            let new = operation.constructors.new.as_ref().map(ident);
            (quote!(Self::#new(#(#names),*)), None)
        }
        SelectionRule::AtLeastOne | SelectionRule::ExactlyOne => {
            let unset_doc = if names.is_empty() {
                format!(" Nothing set yet: the API needs one of {group_names} before this is a request.")
            } else {
                format!(" The required parameters only: the API needs one of {group_names} too.")
            };
            let unset_fn = quote! {
                #[doc = #unset_doc]
                #allow
                fn unset(#(#arguments),*) -> Self {
                    #everything
                }
            };
            (quote!(Self::unset(#(#names),*)), Some(unset_fn))
        }
    };
    let rule = match selection.rule {
        SelectionRule::AtLeastOne => {
            format!(" The API needs at least one of {group_names}; the others can be added with their setters.")
        }
        SelectionRule::ExactlyOne => format!(" The API takes exactly one of {group_names}."),
        SelectionRule::Shortcuts => {
            format!(" A shortcut for the filter {group_names}; the others can be added with their setters.")
        }
    };
    let by_member = members.iter().map(|(member, param)| {
        let constructor = ident(&member.constructor);
        let field = ident(&param.name);
        let Argument { ty, convert } = param_argument(api, param);
        let doc = format!(" A request selected by `{}`.", param.name.as_str());
        let member_doc = argument_doc(param);
        quote! {
            #[doc = #doc]
            ///
            #[doc = #rule]
            #arguments_heading
            #[doc = #member_doc]
            #allow_one_more
            pub fn #constructor(#(#arguments,)* #field: #ty) -> Self {
                Self { #field: Some(#convert), ..#base }
            }
        }
    });
    let by_member_all = members.iter().filter_map(|(member, param)| {
        let constructor = ident(member.all_constructor.as_ref()?);
        let all = param.all.as_ref()?;
        let flag = ident(&all.name);
        let doc = format!(" A request selected by `{}` = `{}`: every item.", param.name.as_str(), all.literal);
        Some(quote! {
            #[doc = #doc]
            #arguments_heading
            #allow
            pub fn #constructor(#(#arguments),*) -> Self {
                Self { #flag: true, ..#base }
            }
        })
    });
    quote!(#new #unset_fn #(#by_member)* #(#by_member_all)*)
}

fn setter(api: &Api, param: &Param) -> TokenStream {
    let field = ident(&param.name);
    let Argument { ty, convert } = param_argument(api, param);
    let doc = docs::attrs(&param.docs, &format!("Sets `{}`.", param.wire_name));
    let Some(all) = &param.all else {
        return quote! {
            #doc
            pub fn #field(mut self, #field: #ty) -> Self {
                self.#field = Some(#convert);
                self
            }
        };
    };
    let flag = ident(&all.name);
    let all_doc = format!(" Sends `{}` = `{}`: every item, instead of a list.", param.wire_name, all.literal);
    quote! {
        #doc
        pub fn #field(mut self, #field: #ty) -> Self {
            self.#field = Some(#convert);
            self.#flag = false;
            self
        }

        #[doc = #all_doc]
        pub fn #flag(mut self) -> Self {
            self.#field = None;
            self.#flag = true;
            self
        }
    }
}
