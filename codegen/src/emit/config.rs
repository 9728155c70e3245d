//! `src/config.rs`: what the runtime needs to know about this API, and `Client::builder`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Api;

pub fn file(api: &Api) -> TokenStream {
    let base = api.default_base_url.clone().unwrap_or_default();
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
    let error_codes = if api.errors.codes.is_empty() { quote!(&[]) } else { quote!(crate::error_codes::ERROR_CODES) };
    let credentials_env = match api.auth.service_account().and_then(|jwt| jwt.credentials_env.as_ref()) {
        Some(env) => quote!(Some(#env)),
        None => quote!(None),
    };
    let secret_fields = &api.errors.secret_fields;
    let title = format!(" Starts configuring a client for the {}.", api.title);
    quote! {
        //! What the runtime needs to know about this API.

        /// The API's name, host, error conventions and secrets.
        pub(crate) static API: crate::runtime::config::ApiConfig = crate::runtime::config::ApiConfig {
            crate_name: env!("CARGO_PKG_NAME"),
            crate_version: env!("CARGO_PKG_VERSION"),
            default_base_url: #base,
            envelope: #envelope,
            error_codes: #error_codes,
            credentials_env: #credentials_env,
            secret_fields: &[#(#secret_fields),*],
        };

        impl crate::Client {
            #[doc = #title]
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&API)
            }
        }
    }
}
