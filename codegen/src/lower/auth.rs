//! Security schemes and requirements → the ways `Auth` can be built.

use openapiv3::{APIKeyLocation, SecurityScheme};

use super::Lowerer;
use super::names::{Namer, snake};
use crate::diagnostics::push;
use crate::model::{
    ApiKey, ApiKeyConstructor, ApiKeyLocation, AuthModel, AuthScheme, Docs, KeyedToken, ServiceAccountJwt,
};

impl<'a> Lowerer<'a> {
    pub(crate) fn auth(&mut self) -> AuthModel {
        let doc = self.doc;
        let Some(components) = &doc.components else { return AuthModel::default() };
        // Requirements in the order the spec prefers them: the document's, then each
        // operation's; then schemes no requirement names, one by one.
        let mut requirements: Vec<Vec<String>> = Vec::new();
        let operation_requirements = doc
            .paths
            .iter()
            .filter_map(|(_, item)| item.as_item())
            .flat_map(|item| item.iter().map(|(_, operation)| operation))
            .filter_map(|operation| operation.security.as_ref())
            .flatten();
        for requirement in doc.security.iter().flatten().chain(operation_requirements) {
            let names: Vec<String> = requirement.keys().cloned().collect();
            if !names.is_empty() && !requirements.contains(&names) {
                requirements.push(names);
            }
        }
        for name in components.security_schemes.keys() {
            if !requirements.iter().any(|requirement| requirement.contains(name)) {
                requirements.push(vec![name.clone()]);
            }
        }

        let mut constructor_names = Namer::with_reserved(super::reserved::AUTH_METHODS);
        let mut schemes: Vec<AuthScheme> = Vec::new();
        for requirement in requirements {
            let mut resolved = Vec::new();
            for name in &requirement {
                let at = push("#/components/securitySchemes", name);
                let found = components.security_schemes.get(name);
                let scheme = match found {
                    Some(scheme) => self.resolve(
                        scheme,
                        "securitySchemes",
                        |doc| doc.components.as_ref().map(|c| &c.security_schemes),
                        &at,
                    ),
                    None => {
                        self.sink.warning(
                            &at,
                            format!("a security requirement names `{name}`, which is not a security scheme a request can carry; ignored"),
                        );
                        None
                    }
                };
                if let Some(scheme) = scheme {
                    resolved.push((name.as_str(), scheme, at));
                }
            }
            let lowered = match resolved.as_slice() {
                [] => None,
                [(_, SecurityScheme::HTTP { scheme, extensions, .. }, at)] => {
                    match extensions.get("x-service-account-jwt") {
                        Some(jwt) => {
                            self.jwt_scheme(jwt, &push(at, "x-service-account-jwt")).map(AuthScheme::ServiceAccount)
                        }
                        None if scheme.eq_ignore_ascii_case("basic") => Some(AuthScheme::Basic),
                        // Bearer, and schemes this client does not know (`digest`...): a token at least.
                        None => Some(AuthScheme::Bearer),
                    }
                }
                // OAuth 2 and OpenID Connect tokens are bearer tokens once obtained.
                [(_, SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. }, _)] => {
                    Some(AuthScheme::Bearer)
                }
                // Several token schemes at once (Google's `Oauth2` and `Oauth2c`, two flows to
                // one token): a request carries one `Authorization` header, so one bearer token.
                tokens if tokens.iter().all(|(_, scheme, _)| is_token(scheme)) => Some(AuthScheme::Bearer),
                keys if keys.iter().all(|(_, scheme, _)| is_key(scheme)) => {
                    Some(AuthScheme::ApiKeys(api_key_constructor(keys, None, &mut constructor_names)))
                }
                // API keys beside the `Authorization` header (IBM's or NBG's `Client-Id` header
                // with an OAuth token): the keys and one token or password, together.
                mixed => {
                    let (keys, others): (Vec<_>, Vec<_>) =
                        mixed.iter().cloned().partition(|(_, scheme, _)| is_key(scheme));
                    let token = if others.iter().all(|(_, scheme, _)| is_token(scheme)) {
                        Some(Token::Bearer)
                    } else if let [(_, basic, _)] = others.as_slice()
                        && is_basic(basic)
                    {
                        Some(Token::Basic)
                    } else {
                        None
                    };
                    match token {
                        Some(token) if !keys.is_empty() => {
                            Some(AuthScheme::ApiKeys(api_key_constructor(&keys, Some(token), &mut constructor_names)))
                        }
                        _ => {
                            let names: Vec<&str> = mixed.iter().map(|(name, _, _)| *name).collect();
                            self.sink.warning(
                                "#/security",
                                format!("a security requirement combining {names:?} is not supported (one request carries one `Authorization` header); it gets no `Auth` constructor"),
                            );
                            None
                        }
                    }
                }
            };
            if let Some(scheme) = lowered
                && !schemes.contains(&scheme)
            {
                schemes.push(scheme);
            }
        }
        AuthModel { schemes }
    }

    fn jwt_scheme(&mut self, value: &serde_json::Value, at: &str) -> Option<ServiceAccountJwt> {
        let algorithm = value.get("algorithm").and_then(|algorithm| algorithm.as_str()).unwrap_or("RS256");
        let lifetime = value.get("max-lifetime-seconds").map(|lifetime| lifetime.as_u64());
        let env = value.get("credentials-env").map(|env| env.as_str().map(str::to_owned));
        match (algorithm, lifetime, &env) {
            ("RS256", None | Some(Some(1..=86_400)), None | Some(Some(_))) => Some(ServiceAccountJwt {
                credentials_env: env.clone().flatten(),
                max_lifetime_seconds: lifetime.flatten().unwrap_or(3600),
            }),
            _ => {
                self.sink.error(
                    at,
                    format!("`x-service-account-jwt` must be {{algorithm: RS256, max-lifetime-seconds?: 1..86400, credentials-env?: <name>}}, found {value}"),
                );
                None
            }
        }
    }
}

/// A scheme whose credential is a bearer token: OAuth 2, OpenID Connect, HTTP `bearer`.
fn is_token(scheme: &SecurityScheme) -> bool {
    match scheme {
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => true,
        SecurityScheme::HTTP { scheme, extensions, .. } => {
            scheme.eq_ignore_ascii_case("bearer") && !extensions.contains_key("x-service-account-jwt")
        }
        SecurityScheme::APIKey { .. } => false,
    }
}

/// An HTTP `basic` scheme: a user and a password.
fn is_basic(scheme: &SecurityScheme) -> bool {
    matches!(scheme, SecurityScheme::HTTP { scheme, extensions, .. }
        if scheme.eq_ignore_ascii_case("basic") && !extensions.contains_key("x-service-account-jwt"))
}

fn is_key(scheme: &SecurityScheme) -> bool {
    matches!(scheme, SecurityScheme::APIKey { .. })
}

/// The `Authorization` credential of a requirement that also has API keys.
enum Token {
    Bearer,
    Basic,
}

/// One constructor for the API keys a requirement combines, named after the last of them
/// (the secret, after the identifiers), one argument per key; with a token or a password, the
/// name says so and its arguments come last.
fn api_key_constructor(
    keys: &[(&str, &SecurityScheme, String)],
    token: Option<Token>,
    names: &mut Namer,
) -> ApiKeyConstructor {
    let mut arguments = Namer::default();
    let mut docs = Docs::default();
    let mut lowered = Vec::new();
    for (scheme_name, scheme, _) in keys {
        let SecurityScheme::APIKey { location, name, description, extensions } = scheme else { continue };
        let location = match location {
            APIKeyLocation::Header => ApiKeyLocation::Header,
            APIKeyLocation::Query => ApiKeyLocation::Query,
            APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
        };
        if let Some(description) = description.as_ref().filter(|text| !text.trim().is_empty()) {
            let paragraph = format!("`{}`: {}", snake(scheme_name), description.trim());
            docs.description = Some(match docs.description.take() {
                Some(before) => format!("{before}\n\n{paragraph}"),
                None => paragraph,
            });
        }
        lowered.push(ApiKey {
            argument: arguments.unique(&snake(scheme_name)),
            wire_name: name.clone(),
            location,
            identity: extensions.get("x-account-identity").and_then(serde_json::Value::as_bool).unwrap_or(false),
        });
    }
    let last = keys.last().map(|(name, _, _)| snake(name)).unwrap_or_else(|| "api_key".to_owned());
    let (name, token) = match token {
        None => (last, None),
        Some(Token::Bearer) => {
            (format!("{last}_and_token"), Some(KeyedToken::Bearer { argument: arguments.unique("token") }))
        }
        Some(Token::Basic) => (
            format!("{last}_and_basic"),
            Some(KeyedToken::Basic { user: arguments.unique("user"), password: arguments.unique("password") }),
        ),
    };
    ApiKeyConstructor { name: names.unique(&name), docs, keys: lowered, token }
}
