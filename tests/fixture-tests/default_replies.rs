#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/default_replies.yaml`: a `default`-only
//! operation returns its body on success (`None` when there is none) and its typed error on
//! failure; `*/*` binary bodies and replies travel as bytes.

use fixture_default_replies::*;
use wiremock::matchers::{body_bytes, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).auth(Auth::bearer("t0ken")).retry(RetryPolicy::none()).build().unwrap()
}

#[tokio::test]
async fn a_default_only_reply_is_the_success_value() {
    let server = MockServer::start().await;
    let reply = |status: u16, body: &str| ResponseTemplate::new(status).set_body_string(body.to_owned());
    Mock::given(path("/jobs/a")).respond_with(reply(200, r#"{"id":"a","state":"done","size":18446744073709551615}"#)).mount(&server).await;
    Mock::given(path("/jobs/b")).respond_with(reply(204, "")).mount(&server).await;
    Mock::given(path("/jobs/c")).respond_with(reply(404, r#"{"id":"c","state":"missing"}"#)).mount(&server).await;
    let c = client(&server);

    let job = c.get_job(GetJobRequest::new("a")).await.unwrap().expect("a body");
    assert_eq!((job.id.as_str(), job.state.as_deref()), ("a", Some("done")));
    assert_eq!(job.size, Some(u64::MAX), "uint64 beyond i64 decodes");
    assert_eq!(c.get_job(GetJobRequest::new("b")).await.unwrap(), None);
    let error = c.get_job(GetJobRequest::new("c")).await.unwrap_err();
    assert!(
        matches!(GetJobError::from_error(&error), Some(GetJobError::Default(job)) if job.id == "c"),
        "{error:?}"
    );
}

#[tokio::test]
async fn wildcard_binary_bodies_are_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/files/x"))
        .and(body_bytes(vec![0u8, 159, 146, 150]))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![1u8, 2, 255]))
        .mount(&server)
        .await;
    let stored = client(&server).put_file(PutFileRequest::new("x", vec![0u8, 159, 146, 150])).await.unwrap();
    assert_eq!(stored, vec![1u8, 2, 255]);
}
