//! `Cargo.toml` and `README.md`, rendered by tera from what the model says.

use serde::Serialize;

use super::constructor_call;
use super::runtime::RuntimeParts;
use crate::GeneratedFile;
use crate::model::{Api, AuthScheme, Operation};
use crate::render;

pub fn files(api: &Api, runtime: RuntimeParts, example: bool) -> Result<Vec<GeneratedFile>, String> {
    let context = Context::new(api, runtime, example);
    Ok(vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: render::template(
                "Cargo.toml",
                include_str!("../../templates/Cargo.toml.tera"),
                &context,
                &render::header("#", ""),
            )?,
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: render::template(
                "README.md",
                include_str!("../../templates/README.md.tera"),
                &context,
                &render::header("<!--", " -->"),
            )?,
        },
    ])
}

#[derive(Serialize)]
struct Context {
    crate_name: String,
    crate_version: String,
    /// The description as a TOML string literal.
    crate_description_toml: String,
    license: Option<String>,
    title: String,
    description: Option<String>,
    spec_version: String,
    base_url: Option<String>,
    decimal: bool,
    time: bool,
    paging: bool,
    multipart: bool,
    service_account: bool,
    envelope: bool,
    serialize_replies: bool,
    credentials_env: Option<String>,
    /// `.auth(..)` of the first call, from the spec's first security scheme (none without one).
    auth_call: String,
    /// `.base_url(..)` when the spec names no absolute server URL.
    base_url_call: String,
    /// Every other way the spec lets users authenticate, as `Auth` calls.
    other_auth: Vec<String>,
    first_request: String,
    first_usage: String,
    stream_usage: Option<String>,
    operations: Vec<OperationRow>,
    /// The runtime parts copied in, which decide the dependencies.
    runtime: RuntimeParts,
    /// The crate has an example (which needs tokio's runtime as a dev-dependency).
    example: bool,
}

#[derive(Serialize)]
struct OperationRow {
    id: String,
    method: String,
    http: String,
    request_type: String,
    summary: String,
    usage: String,
    stream: Option<String>,
}

impl Context {
    fn new(api: &Api, runtime: RuntimeParts, example: bool) -> Self {
        let jwt = api.auth.service_account();
        let needs = api.needs;
        Self {
            crate_name: api.package.name.clone(),
            crate_version: api.package.version.clone(),
            crate_description_toml: toml_string(&api.package.description),
            license: api.package.license.clone(),
            title: api.title.clone(),
            description: api.description.clone(),
            spec_version: api.spec_version.clone(),
            base_url: api.default_base_url.clone(),
            decimal: needs.decimal,
            time: needs.time,
            paging: needs.paging,
            multipart: needs.multipart,
            service_account: needs.service_account,
            envelope: needs.envelope,
            serialize_replies: needs.serialize_replies,
            credentials_env: jwt.and_then(|jwt| jwt.credentials_env.clone()),
            auth_call: api
                .auth
                .schemes
                .first()
                .map(|scheme| format!(".auth({})", auth_usage(scheme)))
                .unwrap_or_default(),
            base_url_call: if api.needs_base_url() { ".base_url(base_url)".to_owned() } else { String::new() },
            other_auth: api.auth.schemes.iter().skip(1).map(auth_usage).collect(),
            first_request: api
                .operations
                .first()
                .map(|operation| operation.request_type.to_string())
                .unwrap_or_default(),
            first_usage: api
                .operations
                .first()
                .map(|operation| format!("client.{}({}).await?", operation.method_name, constructor_call(operation)))
                .unwrap_or_default(),
            stream_usage: api.operations.iter().find_map(|operation| {
                let pagination = operation.pagination.as_ref()?;
                pagination.total.as_ref()?;
                Some(format!("client.{}({})", pagination.stream_method, constructor_call(operation)))
            }),
            operations: api.operations.iter().map(row).collect(),
            runtime,
            example,
        }
    }
}

fn row(operation: &Operation) -> OperationRow {
    let summary = operation.docs.summary.clone().or_else(|| operation.docs.description.clone()).unwrap_or_default();
    let summary = summary.lines().next().unwrap_or_default().replace('|', "\\|");
    OperationRow {
        id: operation.id.clone(),
        usage: format!("client.{}({}).await?", operation.method_name, constructor_call(operation)),
        stream: operation
            .pagination
            .as_ref()
            .map(|pagination| format!("client.{}({})", pagination.stream_method, constructor_call(operation))),
        method: operation.method_name.to_string(),
        http: format!("{} {}", operation.http_method.as_str(), operation.path.text),
        request_type: operation.request_type.to_string(),
        summary,
    }
}

/// How users build `Auth` for a scheme, as the README shows it.
fn auth_usage(scheme: &AuthScheme) -> String {
    match scheme {
        AuthScheme::ServiceAccount(_) => {
            "Auth::service_account(ServiceAccount::from_file(\"credentials.json\")?)".to_owned()
        }
        AuthScheme::Bearer => "Auth::bearer(token)".to_owned(),
        AuthScheme::Basic => "Auth::basic(user, password)".to_owned(),
        AuthScheme::ApiKeys(constructor) => {
            let arguments: Vec<String> = constructor.arguments().iter().map(|argument| argument.to_string()).collect();
            format!("Auth::{}({})", constructor.name.as_str(), arguments.join(", "))
        }
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            control if control.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(control))),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}
