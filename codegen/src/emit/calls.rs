//! `into_call`: a request as the runtime's `Call`, every parameter spelled as its encoding says.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{Scope, ident, type_name, type_tokens, word};
use crate::model::{
    Api, BodyMedia, DateTimeFormat, Encoding, Operation, Param, ParamLocation, PathSegment, Response, SelectionRule,
    TextForm, TypeRef,
};

/// How the reply decodes: the runtime's `Json<T>`, `MaybeJson<T>`, `Text`, `Binary` or `Empty`.
fn reply_format(api: &Api, response: &Response) -> TokenStream {
    match response {
        Response::Json(ty) => {
            let ty = type_tokens(api, ty, Scope::Elsewhere);
            quote!(crate::runtime::reply::Json<#ty>)
        }
        Response::MaybeJson(ty) => {
            let ty = type_tokens(api, ty, Scope::Elsewhere);
            quote!(crate::runtime::reply::MaybeJson<#ty>)
        }
        Response::Text => quote!(crate::runtime::reply::Text),
        Response::Bytes => quote!(crate::runtime::reply::Binary),
        Response::Empty => quote!(crate::runtime::reply::Empty),
    }
}

/// Whether the operation's request turns a value into text with `ToParam`.
pub fn uses_to_param(operation: &Operation) -> bool {
    operation.params.iter().any(|param| {
        matches!(
            &param.encoding,
            Encoding::Text(TextForm::Plain)
                | Encoding::Repeated(TextForm::Plain)
                | Encoding::Joined { item: TextForm::Plain, .. }
        )
    })
}

/// The value as JSON (the runtime turns the never expected failure into `InvalidRequest`).
fn to_json(value: TokenStream, what: &str) -> TokenStream {
    quote!(crate::runtime::wire::to_json(#value, #what)?)
}

/// The text of one value (a reference) on the wire.
fn text(value: TokenStream, form: TextForm) -> TokenStream {
    match form {
        TextForm::DateTime(DateTimeFormat::SpaceSeparatedUtc) => {
            quote!(crate::runtime::wire_time::timestamp_param(#value))
        }
        TextForm::DateTime(DateTimeFormat::Rfc3339) => quote!(crate::runtime::wire_time::rfc3339_param(#value)),
        TextForm::Plain => quote!(#value.to_param()),
    }
}

pub fn into_call(api: &Api, operation: &Operation) -> TokenStream {
    let id = &operation.id;
    let method = word(operation.http_method.as_str());
    let idempotent = operation.idempotent;
    let (path_bindings, path) = path_expression(operation);
    let params = operation.params.iter().filter(|param| param.location != ParamLocation::Path).map(send_param);
    let body = operation.body.as_ref().map(|body| {
        let field = ident(&body.name);
        let (bind, send) = match &body.media {
            BodyMedia::Json => (quote!(&self.#field), {
                let json = to_json(quote!(value), "request body");
                quote!(call = call.json(#json);)
            }),
            BodyMedia::Raw(media) => {
                let bytes = if body.ty == TypeRef::String { quote!(value.into_bytes()) } else { quote!(value) };
                (quote!(self.#field), quote!(call = call.raw(#media, #bytes);))
            }
            BodyMedia::FormObject | BodyMedia::MultipartObject => {
                let json = to_json(quote!(value), "request body");
                let adder = word(if body.media == BodyMedia::FormObject { "form" } else { "multipart_text" });
                (
                    quote!(&self.#field),
                    quote! {
                        for (name, text) in crate::runtime::wire::exploded_object("body", &#json) {
                            call = call.#adder(name, text);
                        }
                    },
                )
            }
        };
        if body.required {
            quote! { let value = #bind; #send }
        } else {
            quote! { if let Some(value) = #bind { #send } }
        }
    });
    let mutable = (operation.params.iter().any(|param| param.location != ParamLocation::Path)
        || operation.body.is_some())
    .then(|| quote!(mut));
    let group = selection_check(operation);
    let errors = operation.error_type.map(|error| {
        let error = word(&type_name(api, error));
        quote!(.errors(crate::types::#error::decode))
    });
    let request = ident(&operation.request_type);
    let format = reply_format(api, &operation.response);
    quote! {
        impl crate::runtime::reply::Operation for #request {
            type Format = #format;

            #[inline]
            fn into_call(self) -> Result<crate::runtime::call::Call, crate::Error> {
                #group
                #(#path_bindings)*
                let #mutable call = crate::runtime::call::Call::new(#id, reqwest::Method::#method, #path).idempotent(#idempotent)#errors;
                #(#params)*
                #body
                Ok(call.options(self.request_options))
            }
        }
    }
}

/// Sends one parameter (not a path parameter) as its encoding says.
fn send_param(param: &Param) -> TokenStream {
    let field = ident(&param.name);
    let wire = &param.wire_name;
    let adder = word(match param.location {
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
        ParamLocation::Multipart => "multipart_text",
        ParamLocation::Form | ParamLocation::Path => "form",
    });
    // An optional joined list is sent only when it has items.
    let mut nonempty = None;
    let send = match &param.encoding {
        Encoding::File => quote!(call = call.multipart_file(#wire, value.clone());),
        Encoding::Text(form) => {
            let value = text(quote!(value), *form);
            quote!(call = call.#adder(#wire, #value);)
        }
        Encoding::Repeated(form) => {
            let item = text(quote!(item), *form);
            quote!(for item in value { call = call.#adder(#wire, #item); })
        }
        Encoding::Joined { delimiter, item } => {
            let each = text(quote!(item), *item);
            let joined =
                quote!(call = call.#adder(#wire, value.iter().map(|item| #each).collect::<Vec<_>>().join(#delimiter)););
            if param.required {
                // An empty joined list would be an empty value: refused before sending.
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
        Encoding::JsonText => {
            let json = to_json(quote!(value), &format!("parameter `{wire}`"));
            quote!(call = call.#adder(#wire, #json.to_string());)
        }
        Encoding::SimpleObject { explode } => {
            let json = to_json(quote!(value), &format!("parameter `{wire}`"));
            quote!(call = call.#adder(#wire, crate::runtime::wire::simple_object(&#json, #explode));)
        }
        Encoding::DeepObject | Encoding::Exploded => {
            let json = to_json(quote!(value), &format!("parameter `{wire}`"));
            let pairs = match &param.encoding {
                Encoding::DeepObject => quote!(crate::runtime::wire::deep_object(#wire, &#json)),
                _ => quote!(crate::runtime::wire::exploded_object(#wire, &#json)),
            };
            quote! {
                for (name, text) in #pairs {
                    call = call.#adder(name, text);
                }
            }
        }
    };
    let send = if param.required {
        quote! { let value = &self.#field; #send }
    } else {
        quote! { if let Some(value) = &self.#field #nonempty { #send } }
    };
    match &param.all {
        Some(all) => {
            let flag = ident(&all.name);
            let literal = &all.literal;
            // `send` starts with `let` (required) or `if let` (optional): chain the latter.
            if param.required {
                quote! { if self.#flag { call = call.#adder(#wire, #literal.to_owned()); } else { #send } }
            } else {
                quote! { if self.#flag { call = call.#adder(#wire, #literal.to_owned()); } else #send }
            }
        }
        None => send,
    }
}

/// The constructors guarantee a member of a selection group is set; an empty list or string
/// there would still break the rule on the wire, so it is refused before sending.
fn selection_check(operation: &Operation) -> Option<TokenStream> {
    let selection = operation.constructors.selection.as_ref()?;
    let members: Vec<&Param> =
        selection.members.iter().filter_map(|member| operation.params.get(member.param)).collect();
    let present = members.iter().map(|param| {
        let field = ident(&param.name);
        let set = match &param.ty {
            TypeRef::List(_) | TypeRef::String => quote!(self.#field.as_ref().is_some_and(|value| !value.is_empty())),
            _ => quote!(self.#field.is_some()),
        };
        match &param.all {
            Some(all) => {
                let flag = ident(&all.name);
                quote!((self.#flag || #set))
            }
            None => set,
        }
    });
    let names = members.iter().map(|param| format!("`{}`", param.name.as_str())).collect::<Vec<_>>().join(", ");
    if selection.rule == SelectionRule::Shortcuts {
        // No filter lists everything; a filter given empty would too, which is never meant.
        let given = members.iter().map(|param| {
            let field = ident(&param.name);
            match &param.all {
                Some(all) => {
                    let flag = ident(&all.name);
                    quote!((self.#flag || self.#field.is_some()))
                }
                None => quote!(self.#field.is_some()),
            }
        });
        let message = format!(
            "{}: the filters {names} are all empty, which would list everything; leave them unset for that",
            operation.id
        );
        return Some(quote! {
            if (#(#given)||*) && !(#(#present)||*) {
                return Err(crate::Error::InvalidRequest { message: #message.to_owned() });
            }
        });
    }
    let rule = if selection.rule == SelectionRule::ExactlyOne { "one" } else { "at least one" };
    let message = format!("{} needs a non-empty value for {rule} of {names}", operation.id);
    Some(quote! {
        if !(#(#present)||*) {
            return Err(crate::Error::InvalidRequest { message: #message.to_owned() });
        }
    })
}

/// The path: each path parameter bound to a local of its own name, then one `format!` that
/// names them (positionally for raw identifiers, which `format!` cannot name).
fn path_expression(operation: &Operation) -> (Vec<TokenStream>, TokenStream) {
    let has_params = operation.path.segments.iter().any(|segment| matches!(segment, PathSegment::Param(_)));
    if !has_params {
        let path = &operation.path.text;
        return (Vec::new(), quote!(#path.to_owned()));
    }
    let mut template = String::new();
    let mut bindings = Vec::new();
    let mut positional = Vec::new();
    for segment in &operation.path.segments {
        match segment {
            PathSegment::Literal(literal) => template.push_str(&literal.replace('{', "{{").replace('}', "}}")),
            PathSegment::Param(index) => {
                let Some(param) = operation.params.get(*index) else { continue };
                let field = ident(&param.name);
                let value = match &param.encoding {
                    Encoding::Text(form @ TextForm::DateTime(_)) => text(quote!(&self.#field), *form),
                    Encoding::Text(form) => text(quote!(self.#field), *form),
                    Encoding::Joined { delimiter, item } => {
                        let each = text(quote!(item), *item);
                        quote!(self.#field.iter().map(|item| #each).collect::<Vec<_>>().join(#delimiter))
                    }
                    encoding => {
                        let explode = matches!(encoding, Encoding::SimpleObject { explode: true });
                        let json = to_json(quote!(&self.#field), &format!("parameter `{}`", param.wire_name));
                        quote!(crate::runtime::wire::simple_object(&#json, #explode))
                    }
                };
                bindings.push(quote!(let #field = crate::runtime::wire::path_segment(&#value);));
                if param.name.is_raw() {
                    template.push_str("{}");
                    positional.push(field);
                } else {
                    template.push_str(&format!("{{{}}}", param.name.as_str()));
                }
            }
        }
    }
    (bindings, quote!(format!(#template #(, #positional)*)))
}
