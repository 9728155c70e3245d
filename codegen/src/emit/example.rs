//! `examples/<operation>.rs`: streams the first paged operation (or calls the first operation)
//! with credentials and a base URL from the command line.

use proc_macro2::TokenStream;
use quote::quote;

use super::constructor_call;
use super::text::Scope;
use super::tokens::{ident, type_tokens, word};
use crate::model::{Api, Operation, Param, TypeRef};

/// Whether a parameter type can be given on a command line.
fn from_text(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::String | TypeRef::I64 | TypeRef::I32)
        || matches!(ty, TypeRef::List(item) if matches!(**item, TypeRef::String | TypeRef::I64 | TypeRef::I32))
}

pub fn file(api: &Api) -> Option<(String, TokenStream)> {
    let operation = api
        .operations
        .iter()
        .filter(|operation| operation.body.as_ref().is_none_or(|body| !body.required))
        .filter(|operation| request_arguments(operation).iter().all(|param| from_text(&param.ty)))
        .min_by_key(|operation| {
            let pagination = operation.pagination.as_ref();
            (pagination.is_none(), pagination.is_none_or(|pagination| pagination.total.is_none()))
        })?;
    let service_account = api.needs.service_account;
    let arguments = request_arguments(operation);
    let argument_names: Vec<String> = arguments.iter().map(|param| format!("<{}>", param.name.as_str())).collect();
    let credential = if service_account { "<credentials.json>" } else { "<bearer-token>" };
    let method_name = operation.method_name.as_str();
    let usage =
        format!("usage: cargo run --example {method_name} -- {credential} <base-url> {}", argument_names.join(" "));
    let usage = usage.trim_end().to_owned();
    let auth = if service_account {
        quote!(Auth::service_account(ServiceAccount::from_file(&credential)?))
    } else {
        quote!(Auth::bearer(credential))
    };
    let parse = arguments.iter().map(|param| {
        let name = ident(&param.name);
        let missing = format!("missing <{}>; {usage}", param.name.as_str());
        match &param.ty {
            TypeRef::List(item) if **item != TypeRef::String => {
                let item = type_tokens(api, item, Scope::Elsewhere);
                quote! {
                    let #name = arguments.next().ok_or(#missing)?;
                    let #name = #name.split([';', ',']).map(str::parse::<#item>).collect::<Result<Vec<_>, _>>()?;
                }
            }
            TypeRef::List(_) => quote! {
                let #name = arguments.next().ok_or(#missing)?;
                let #name: Vec<String> = #name.split([';', ',']).map(str::to_owned).collect();
            },
            TypeRef::String => quote!(let #name = arguments.next().ok_or(#missing)?;),
            other => {
                let ty = type_tokens(api, other, Scope::Elsewhere);
                quote!(let #name: #ty = arguments.next().ok_or(#missing)?.parse()?;)
            }
        }
    });
    let request: TokenStream = constructor_call(operation).parse().ok()?;
    let (call, doc) = match &operation.pagination {
        Some(pagination) => {
            let stream = ident(&pagination.stream_method);
            (
                quote! {
                    let mut items = client.#stream(#request);
                    let mut count = 0_u64;
                    while let Some(item) = items.next().await {
                        println!("{:#?}", item?);
                        count += 1;
                    }
                    println!("{count} item(s)");
                },
                format!(" Lists every item `{}` returns, following its pages.", operation.id),
            )
        }
        None => {
            let method = ident(&operation.method_name);
            (
                quote!(println!("{:#?}", client.#method(#request).await?);),
                format!(" Calls `{}` once and prints the reply.", operation.id),
            )
        }
    };
    let stream_use = operation.pagination.as_ref().map(|_| {
        quote!(
            use futures_util::StreamExt;
        )
    });
    let crate_ident = word(&api.package.name.replace('-', "_"));
    // Sorted as rustfmt sorts them, so `cargo fmt` leaves the file alone.
    let mut names = vec!["Auth".to_owned(), "Client".to_owned(), operation.request_type.to_string()];
    if service_account {
        names.push("ServiceAccount".into());
    }
    names.sort();
    let names = names.iter().map(|name| word(name));
    let usage_doc = format!(" {usage}");
    let tokens = quote! {
        #![doc = #doc]
        //!
        #![doc = #usage_doc]
        #stream_use
        use #crate_ident::{#(#names),*};

        #[rustfmt::skip]
        #[tokio::main]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let mut arguments = std::env::args().skip(1);
            let credential = arguments.next().ok_or(#usage)?;
            let base_url = arguments.next().ok_or(#usage)?;
            #(#parse)*
            let client = Client::builder().auth(#auth).base_url(base_url).build()?;
            #call
            Ok(())
        }
    };
    Some((method_name.to_owned(), tokens))
}

/// The parameters the constructor needs: required ones plus the first selection member.
fn request_arguments(operation: &Operation) -> Vec<&Param> {
    let mut arguments: Vec<&Param> = operation.params.iter().filter(|param| param.required).collect();
    if let Some(selection) = &operation.constructors.selection
        && operation.constructors.new.is_none()
        && let Some(first) = selection.members.first()
    {
        arguments.extend(operation.params.get(first.param));
    }
    arguments
}
