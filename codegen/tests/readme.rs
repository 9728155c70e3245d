//! The generated README's first call uses the auth the spec declares and says when the spec
//! names no server.

#![cfg(test)]

fn readme(security: &str, servers: &str) -> String {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{servers}{security}paths:\n  /a: {{get: {{operationId: getA, responses: {{'204': {{description: ok}}}}}}}}\n"
    );
    let options = codegen::Options { source_name: "test.yaml".into(), ..Default::default() };
    let generated = codegen::generate(codegen::Spec::Text(&spec), &options).unwrap_or_else(|error| panic!("{error}"));
    let file = generated.files.into_iter().find(|file| file.path == "README.md").expect("a README");
    file.contents
}

const SERVER: &str = "servers: [{url: 'https://api.example.test'}]\n";

#[test]
fn the_first_call_authenticates_as_the_spec_says() {
    let key = readme(
        "security: [{key: []}]\ncomponents: {securitySchemes: {key: {type: apiKey, in: header, name: X-Key}, basic: {type: http, scheme: basic}}}\n",
        SERVER,
    );
    assert!(key.contains("Client::builder().auth(Auth::key(key)).build()?"), "{key}");
    assert!(key.contains("The spec also allows `Auth::basic(user, password)`."), "{key}");
    assert!(!key.contains("Auth::bearer"), "{key}");
    assert!(!key.contains("Error::Api"), "no error envelope: {key}");

    let open = readme("", SERVER);
    assert!(open.contains("use t_client::{Client, GetARequest};"), "{open}");
    assert!(open.contains("Client::builder().build()?"), "{open}");
}

#[test]
fn without_an_absolute_server_the_first_call_sets_one() {
    let relative = readme("", "servers: [{url: /v1}]\n");
    assert!(relative.contains("Client::builder().base_url(base_url).build()?"), "{relative}");
    assert!(relative.contains("no absolute server URL"), "{relative}");
    assert!(!readme("", SERVER).contains("base_url"));
}
