//! `Auth::from_env()` reads `VOXIMPLANT_CREDENTIALS` when the client is built. Changing the
//! environment of a running multi-threaded test process is unsound, so each case runs this
//! binary again as a child process with its own environment (the ignored `child` test).

#![cfg(test)]

#[cfg(test)]
#[path = "behaviour/support.rs"]
#[allow(dead_code)] // This binary uses a few of the behaviour suite's helpers.
mod support;

use std::process::Command;

use voximplant_client::{Auth, Client, Error, GetAccountInfoRequest, RetryPolicy};
use wiremock::MockServer;

const VAR: &str = "VOXIMPLANT_CREDENTIALS";
const EXPECT: &str = "FROM_ENV_EXPECT";

fn run_child(value: Option<&str>, expect: &str) {
    let exe = std::env::current_exe().expect("own path");
    let mut cmd = Command::new(exe);
    cmd.args(["child", "--exact", "--ignored", "--nocapture"]).env(EXPECT, expect);
    match value {
        Some(v) => cmd.env(VAR, v),
        None => cmd.env_remove(VAR),
    };
    let out = cmd.output().expect("child runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && text.contains("1 passed"), "case {expect}: {text}");
}

#[test]
fn from_env_reads_the_key_file_named_by_the_variable() {
    let dir = std::env::temp_dir().join(format!("from-env-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("credentials.json");
    std::fs::write(&file, support::credentials_json()).expect("key file");
    let path = file.display().to_string();
    run_child(Some(&path), "ok");
    run_child(None, "unset");
    run_child(Some(""), "unset");
    run_child(Some(&dir.join("missing.json").display().to_string()), "missing");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
#[ignore = "run by from_env_reads_the_key_file_named_by_the_variable in a child process"]
async fn child() {
    let expect = std::env::var(EXPECT).expect("the parent says what to expect");
    let server = MockServer::start().await;
    let built = Client::builder().auth(Auth::from_env()).base_url(server.uri()).retry(RetryPolicy::none()).build();
    match expect.as_str() {
        "ok" => {
            let recording = support::load("GetAccountInfo", "success");
            support::mount(&server, "GetAccountInfo", support::json_reply(200, &recording.response)).await;
            let client = built.expect("the key file loads");
            client.get_account_info(GetAccountInfoRequest::new()).await.expect("success");
            // The key was made by the parent process, so only the token's header is checked here
            // (signatures are verified in the behaviour suite).
            let requests = support::received(&server).await;
            let auth = requests[0].headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
            let token = auth.strip_prefix("Bearer ").expect("a bearer token");
            let header = token.split('.').next().unwrap_or_default();
            use base64::Engine as _;
            let header = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(header).expect("base64url");
            let header: serde_json::Value = serde_json::from_slice(&header).expect("JSON header");
            assert_eq!(header["kid"], support::KEY_ID);
            assert_eq!(header["alg"], "RS256");
        }
        "unset" | "missing" => match built {
            Err(Error::Auth { message }) => {
                assert!(message.contains(VAR), "{message}");
                let pem = support::test_key().pem.lines().nth(1).unwrap_or_default().to_owned();
                assert!(!message.contains(&pem), "{message}");
            }
            other => panic!("expected Error::Auth, got {other:?}"),
        },
        other => panic!("unknown case {other}"),
    }
}
