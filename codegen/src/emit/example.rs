//! A runnable example for the crate: streams the first paged operation (or calls the first
//! operation) with credentials and a base URL from the command line.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::ident;
use super::{constructor_call, from_text};
use crate::lower::bare;
use crate::model::{Api, AuthScheme, Operation, Param, TypeRef};

pub fn example(api: &Api) -> Option<(String, TokenStream)> {
    let op = api
        .operations
        .iter()
        .filter(|o| o.body.as_ref().is_none_or(|b| !b.required))
        .filter(|o| request_args(o).iter().all(|p| from_text(&p.ty)))
        .min_by_key(|o| (o.pagination.is_none(), o.pagination.as_ref().is_none_or(|p| p.total_field.is_none())))?;
    let jwt = api.auth.schemes.iter().any(|s| matches!(s, AuthScheme::ServiceAccountJwt { .. }));
    let args = request_args(op);
    let arg_names: Vec<String> = args.iter().map(|p| format!("<{}>", bare(&p.rust_name))).collect();
    let credential = if jwt { "<credentials.json>" } else { "<bearer-token>" };
    let usage = format!(
        "usage: cargo run --example {} -- {credential} <base-url> {}",
        bare(&op.method_name),
        arg_names.join(" ")
    );
    let usage = usage.trim_end().to_owned();
    let auth = if jwt {
        quote!(Auth::service_account(ServiceAccount::from_file(&credential)?))
    } else {
        quote!(Auth::bearer(credential))
    };
    let parse = args.iter().map(|p| {
        let n = ident(&p.rust_name);
        let missing = format!("missing <{}>; {usage}", bare(&p.rust_name));
        match &p.ty {
            TypeRef::List(item) if **item != TypeRef::String => {
                let item = super::types::type_tokens(item, super::types::Scope::Elsewhere);
                quote! {
                    let #n = args.next().ok_or(#missing)?;
                    let #n = #n.split([';', ',']).map(str::parse::<#item>).collect::<Result<Vec<_>, _>>()?;
                }
            }
            TypeRef::List(_) => quote! {
                let #n = args.next().ok_or(#missing)?;
                let #n: Vec<String> = #n.split([';', ',']).map(str::to_owned).collect();
            },
            TypeRef::String => quote!(let #n = args.next().ok_or(#missing)?;),
            other => {
                let t = super::types::type_tokens(other, super::types::Scope::Elsewhere);
                quote!(let #n: #t = args.next().ok_or(#missing)?.parse()?;)
            }
        }
    });
    let request: TokenStream = constructor_call(op).parse().ok()?;
    let (call, doc) = match &op.pagination {
        Some(_) => {
            let stream = format_ident!("{}_stream", bare(&op.method_name));
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
                format!(" Lists every item `{}` returns, following its pages.", op.id),
            )
        }
        None => {
            let method = ident(&op.method_name);
            (
                quote!(println!("{:#?}", client.#method(#request).await?);),
                format!(" Calls `{}` once and prints the reply.", op.id),
            )
        }
    };
    let stream_use = op.pagination.as_ref().map(|_| {
        quote!(
            use futures_util::StreamExt;
        )
    });
    let krate = format_ident!("{}", api.crate_name.replace('-', "_"));
    // Sorted as rustfmt sorts them, so `cargo fmt` leaves the file alone.
    let mut names = vec!["Auth".to_owned(), "Client".to_owned(), op.request_type.clone()];
    if jwt {
        names.push("ServiceAccount".into());
    }
    names.sort();
    let names = names.iter().map(|n| ident(n));
    let auth_use = quote! { use #krate::{#(#names),*}; };
    let usage_doc = format!(" {usage}");
    let tokens = quote! {
        #![doc = #doc]
        //!
        #![doc = #usage_doc]
        #stream_use
        #auth_use

        #[rustfmt::skip]
        #[tokio::main]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let mut args = std::env::args().skip(1);
            let credential = args.next().ok_or(#usage)?;
            let base_url = args.next().ok_or(#usage)?;
            #(#parse)*
            let client = Client::builder().auth(#auth).base_url(base_url).build()?;
            #call
            Ok(())
        }
    };
    Some((bare(&op.method_name).to_owned(), tokens))
}

/// The parameters the constructor needs: required ones plus the first at-least-one-of member.
fn request_args(op: &Operation) -> Vec<&Param> {
    let mut args: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    if let Some(first) = op.at_least_one_of.first() {
        args.extend(op.params.iter().filter(|p| &p.rust_name == first));
    }
    args
}
