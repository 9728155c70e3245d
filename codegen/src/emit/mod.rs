//! Stage 3: `model::Api` → the files of the generated crate.

mod client;
mod debug;
mod docs;
mod example;
mod requests;
pub mod runtime;
mod types;

use proc_macro2::TokenStream;
use quote::quote;
use serde::Serialize;

use crate::GeneratedFile;
use crate::lower::bare;
use crate::model::{Api, AuthScheme, Operation, ParamLocation, TypeRef};
use crate::render;
use types::ident;

/// The optional runtime parts the crate needs.
fn runtime_parts(api: &Api) -> runtime::RuntimeParts {
    runtime::RuntimeParts {
        service_account: api.auth.schemes.iter().any(|s| matches!(s, AuthScheme::ServiceAccountJwt { .. })),
        envelope: api.errors.envelope.is_some() || !api.errors.codes.is_empty(),
        paging: api.features.paging,
        decimal: api.features.decimal,
        time: api.features.time,
        multipart: api.operations.iter().any(|o| o.params.iter().any(|p| p.location == ParamLocation::Multipart)),
    }
}

pub fn emit(api: &Api, spec_hash: &str) -> Result<Vec<GeneratedFile>, String> {
    let parts = runtime_parts(api);
    let mut files = Vec::new();
    let mut rust = |path: &str, tokens: TokenStream| -> Result<(), String> {
        files.push(GeneratedFile { path: path.to_owned(), contents: render::rust(tokens, spec_hash)? });
        Ok(())
    };
    rust("src/lib.rs", lib_rs(api, parts))?;
    rust("src/types.rs", types_rs(api))?;
    rust("src/requests.rs", requests_rs(api))?;
    rust("src/operations.rs", client::operations(api))?;
    rust("src/api.rs", client::api_config(api, parts))?;
    if let Some(codes) = client::error_codes(api) {
        rust("src/error_codes.rs", codes)?;
    }
    if let Some((name, tokens)) = example::example(api) {
        rust(&format!("examples/{name}.rs"), tokens)?;
    }
    for file in runtime::runtime_files(parts)?.iter() {
        files.push(GeneratedFile { path: file.path.clone(), contents: file.contents.clone() });
    }
    let ctx = TemplateContext::new(api, parts);
    files.push(GeneratedFile {
        path: "Cargo.toml".into(),
        contents: render::template(
            "Cargo.toml",
            include_str!("../../templates/Cargo.toml.tera"),
            &ctx,
            &render::header(spec_hash, "#", ""),
        )?,
    });
    files.push(GeneratedFile {
        path: "README.md".into(),
        contents: render::template(
            "README.md",
            include_str!("../../templates/README.md.tera"),
            &ctx,
            &render::header(spec_hash, "<!--", " -->"),
        )?,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn lib_rs(api: &Api, parts: runtime::RuntimeParts) -> TokenStream {
    let mut crate_docs = vec![format!(" {}", docs::sanitize_line(&api.title)), String::new()];
    if let Some(d) = &api.description {
        crate_docs
            .extend(docs::sanitize(d).lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }));
        crate_docs.push(String::new());
    }
    crate_docs
        .push(format!(" Generated from version {} of the spec. See the README for a first call.", api.spec_version));
    let type_names: Vec<_> = api.types.iter().map(|t| ident(&t.name)).collect();
    let request_names: Vec<_> = api.operations.iter().map(|o| ident(&o.request_type)).collect();
    let error_codes = (!api.errors.codes.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            mod error_codes;
        }
    });
    let request_use = (!request_names.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub use requests::{#(#request_names),*};
        }
    });
    let type_use = (!type_names.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub use types::{#(#type_names),*};
        }
    });
    let auth_use = match parts.service_account {
        true => quote!(
            pub use runtime::auth::{Auth, ServiceAccount};
        ),
        false => quote!(
            pub use runtime::auth::Auth;
        ),
    };
    let error_use = match parts.envelope {
        true => quote!(
            pub use runtime::error::{ApiErrorDetail, Error, ErrorCode};
        ),
        false => quote!(
            pub use runtime::error::Error;
        ),
    };
    quote! {
        #(#![doc = #crate_docs])*
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        // Formatted by the generator (prettyplease); rustfmt would only reflow it.
        #[rustfmt::skip]
        mod api;
        #error_codes
        #[rustfmt::skip]
        mod operations;
        #[rustfmt::skip]
        pub mod requests;
        #[rustfmt::skip]
        pub mod runtime;
        #[rustfmt::skip]
        pub mod types;

        #request_use
        #auth_use
        pub use runtime::client::{Client, ClientBuilder};
        #error_use
        pub use runtime::retry::RetryPolicy;
        #type_use
    }
}

fn types_rs(api: &Api) -> TokenStream {
    let defs = api.types.iter().map(types::type_def);
    quote! {
        //! Types of the spec's schemas, request bodies and responses.
        #(#defs)*
    }
}

fn requests_rs(api: &Api) -> TokenStream {
    let uses = requests::uses_to_param(&api.operations).then(|| {
        quote!(
            use crate::runtime::wire::ToParam;
        )
    });
    let reqs = api.operations.iter().map(requests::request);
    quote! {
        //! One request type per operation: required parameters in the constructor, the rest as setters.
        #uses
        #(#reqs)*
    }
}

#[derive(Serialize)]
struct TemplateContext {
    crate_name: String,
    title: String,
    description: Option<String>,
    spec_version: String,
    base_url: Option<String>,
    decimal: bool,
    time: bool,
    paging: bool,
    service_account: bool,
    credentials_env: Option<String>,
    first_request: String,
    first_usage: String,
    stream_usage: Option<String>,
    operations: Vec<TemplateOperation>,
    runtime: runtime::RuntimeParts,
    example: bool,
}

#[derive(Serialize)]
struct TemplateOperation {
    id: String,
    method: String,
    http: String,
    request_type: String,
    summary: String,
    usage: String,
    stream: Option<String>,
}

impl TemplateContext {
    fn new(api: &Api, runtime: runtime::RuntimeParts) -> Self {
        let jwt = api.auth.schemes.iter().find_map(|s| match s {
            AuthScheme::ServiceAccountJwt { credentials_env, .. } => Some(credentials_env.clone()),
            _ => None,
        });
        Self {
            crate_name: api.crate_name.clone(),
            title: api.title.clone(),
            description: api.description.clone(),
            spec_version: api.spec_version.clone(),
            base_url: api.default_base_url.clone(),
            decimal: api.features.decimal,
            time: api.features.time,
            paging: api.features.paging,
            service_account: jwt.is_some(),
            credentials_env: jwt.flatten(),
            first_request: api.operations.first().map(|o| o.request_type.clone()).unwrap_or_default(),
            first_usage: api
                .operations
                .first()
                .map(|o| format!("client.{}({}).await?", o.method_name, constructor_call(o)))
                .unwrap_or_default(),
            stream_usage: api.operations.iter().find_map(|o| {
                let p = o.pagination.as_ref()?;
                p.total_field.as_ref()?;
                Some(format!("client.{}_stream({})", bare(&o.method_name), constructor_call(o)))
            }),
            operations: api.operations.iter().map(template_operation).collect(),
            runtime,
            example: example::example(api).is_some(),
        }
    }
}

fn template_operation(op: &Operation) -> TemplateOperation {
    let method = crate::lower::bare(&op.method_name).to_owned();
    let summary = op.docs.summary.clone().or_else(|| op.docs.description.clone()).unwrap_or_default();
    let summary = summary.lines().next().unwrap_or_default().replace('|', "\\|");
    TemplateOperation {
        id: op.id.clone(),
        usage: format!("client.{}({}).await?", op.method_name, constructor_call(op)),
        stream: op.pagination.as_ref().map(|_| format!("client.{method}_stream({})", constructor_call(op))),
        method,
        http: format!("{} {}", op.http_method, op.path),
        request_type: op.request_type.clone(),
        summary,
    }
}

/// How a user builds the request, with argument names as placeholders.
pub fn constructor_call(op: &Operation) -> String {
    let mut args: Vec<String> =
        op.params.iter().filter(|p| p.required).map(|p| crate::lower::bare(&p.rust_name).to_owned()).collect();
    if op.body.as_ref().is_some_and(|b| b.required) {
        args.push("body".into());
    }
    match op.at_least_one_of.first() {
        Some(first) => {
            let first = crate::lower::bare(first);
            args.push(first.to_owned());
            format!("{}::by_{first}({})", op.request_type, args.join(", "))
        }
        None if args.is_empty() => format!("{}::default()", op.request_type),
        None => format!("{}::new({})", op.request_type, args.join(", ")),
    }
}

/// Whether a parameter type can be given on a command line (used by the example).
pub fn from_text(t: &TypeRef) -> bool {
    matches!(t, TypeRef::String | TypeRef::I64 | TypeRef::I32)
        || matches!(t, TypeRef::List(i) if matches!(**i, TypeRef::String | TypeRef::I64 | TypeRef::I32))
}
