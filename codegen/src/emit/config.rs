//! `src/config.rs`: what the runtime needs to know about this API, and `Client::builder`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Api;

pub fn file(api: &Api) -> TokenStream {
    let base = api.default_base_url.clone().unwrap_or_default();
    let needs = api.needs;
    // The envelope part's fields exist only when the crate has that part.
    let envelope_fields = needs.envelope.then(|| {
        let envelope = match &api.errors.envelope {
            Some(envelope) => {
                let (error, code, message) = (&envelope.error, &envelope.code, &envelope.message);
                let list = match &envelope.list {
                    Some(list) => quote!(Some(#list)),
                    None => quote!(None),
                };
                quote!(Some(crate::runtime::config::ErrorEnvelope { error: #error, code: #code, message: #message, list: #list }))
            }
            None => quote!(None),
        };
        let error_codes =
            if api.errors.codes.is_empty() { quote!(&[]) } else { quote!(crate::error_codes::ERROR_CODES) };
        let auth_failures = api
            .errors
            .codes
            .iter()
            .filter(|code| code.auth_failure)
            .map(|code| proc_macro2::Literal::i64_unsuffixed(code.code));
        quote! {
            envelope: #envelope,
            error_codes: #error_codes,
            auth_failure_codes: &[#(#auth_failures),*],
        }
    });
    let credentials_env =
        needs.service_account.then(|| match api.auth.service_account().and_then(|jwt| jwt.credentials_env.as_ref()) {
            Some(env) => quote!(credentials_env: Some(#env),),
            None => quote!(credentials_env: None,),
        });
    let secret_fields = &api.errors.secret_fields;
    let title = format!(" Starts configuring a client for the {}.", super::docs::sanitize_line(&api.title));
    // Without an absolute server URL in the spec, users must name the host.
    let host_note = api
        .needs_base_url()
        .then(|| match api.default_base_url.as_deref() {
            Some(url) => {
                format!(" The spec gives the server only as `{url}`: set the absolute URL with `.base_url(..)`.")
            }
            None => " The spec names no server: set its URL with `.base_url(..)`.".to_owned(),
        })
        .map(|note| quote!(#[doc = ""] #[doc = #note]));
    quote! {
        //! What the runtime needs to know about this API.

        /// The API's name, host, error conventions and secrets.
        pub(crate) static API: crate::runtime::config::ApiConfig = crate::runtime::config::ApiConfig {
            crate_name: env!("CARGO_PKG_NAME"),
            crate_version: env!("CARGO_PKG_VERSION"),
            default_base_url: #base,
            #envelope_fields
            #credentials_env
            secret_fields: &[#(#secret_fields),*],
        };

        impl crate::Client {
            #[doc = #title]
            #host_note
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&API)
            }
        }
    }
}
