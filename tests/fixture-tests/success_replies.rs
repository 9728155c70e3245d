#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/success_replies.yaml`: successes whose
//! bodies differ decode into the variant of their status; an undocumented success keeps its
//! body; a range variant takes the statuses its exact codes leave; errors stay errors.

use fixture_success_replies::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).auth(Auth::bearer("t0ken")).retry(RetryPolicy::none()).build().unwrap()
}

fn reply(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_string(body.to_owned())
}

#[tokio::test]
async fn each_success_status_decodes_into_its_own_variant() {
    let server = MockServer::start().await;
    Mock::given(path("/reports/ready")).respond_with(reply(200, r#"{"id":"ready","rows":3}"#)).mount(&server).await;
    Mock::given(path("/reports/pending"))
        .respond_with(reply(202, r#"{"job":"j-1","eta_seconds":40}"#))
        .mount(&server)
        .await;
    Mock::given(path("/reports/empty")).respond_with(reply(204, "")).mount(&server).await;
    Mock::given(path("/reports/odd")).respond_with(reply(206, "partial")).mount(&server).await;
    Mock::given(path("/reports/gone")).respond_with(reply(404, r#"{"detail":"no such report"}"#)).mount(&server).await;
    Mock::given(path("/reports/refused")).respond_with(reply(409, r#"{"detail":"busy"}"#)).mount(&server).await;
    let c = client(&server);

    match c.get_report(GetReportRequest::new("ready")).await.unwrap() {
        GetReportResponse::Status200(report) => assert_eq!((report.id.as_str(), report.rows), ("ready", Some(3))),
        other => panic!("{other:?}"),
    }
    match c.get_report(GetReportRequest::new("pending")).await.unwrap() {
        GetReportResponse::Status202(job) => assert_eq!((job.job.as_str(), job.eta_seconds), ("j-1", Some(40))),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.get_report(GetReportRequest::new("empty")).await.unwrap(), GetReportResponse::Status204);
    assert_eq!(
        c.get_report(GetReportRequest::new("odd")).await.unwrap(),
        GetReportResponse::Other { status: 206, body: b"partial".to_vec() },
        "an undocumented success keeps its body"
    );

    let gone = c.get_report(GetReportRequest::new("gone")).await.unwrap_err();
    assert!(matches!(GetReportError::from_error(&gone), Some(GetReportError::Status404(_))), "{gone:?}");
    let refused = c.get_report(GetReportRequest::new("refused")).await.unwrap_err();
    assert!(
        matches!(GetReportError::from_error(&refused), Some(GetReportError::Status4xx(problem)) if problem.detail.as_deref() == Some("busy")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_for_its_status_is_a_decode_error() {
    let server = MockServer::start().await;
    // A `202` body that is a report, not a job: decoded as a job, so it fails, with the path.
    Mock::given(path("/reports/x")).respond_with(reply(202, r#"{"id":"x"}"#)).mount(&server).await;
    let error = client(&server).get_report(GetReportRequest::new("x")).await.unwrap_err();
    assert!(matches!(&error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn text_and_json_successes_and_a_range_after_an_exact_code() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/notes"))
        .respond_with(reply(201, "/notes/7").insert_header("content-type", "text/plain"))
        .mount(&server)
        .await;
    Mock::given(method("POST")).and(path("/exports")).respond_with(reply(202, r#"{"job":"e-9"}"#)).mount(&server).await;
    let c = client(&server);

    let note = c.create_note(CreateNoteRequest::new("hello")).await.unwrap();
    assert_eq!(note, CreateNoteResponse::Status201("/notes/7".to_owned()));
    match c.start_export(StartExportRequest::default()).await.unwrap() {
        StartExportResponse::Status2xx(job) => assert_eq!(job.job, "e-9"),
        other => panic!("{other:?}"),
    }

    // The raw reply carries the status next to the variant it chose.
    let raw = c.reply(StartExportRequest::default()).await.unwrap();
    assert_eq!(raw.status.as_u16(), 202);
    assert!(matches!(raw.value, StartExportResponse::Status2xx(_)));
}

#[tokio::test]
async fn successes_that_agree_keep_a_plain_reply() {
    let server = MockServer::start().await;
    Mock::given(path("/reports")).respond_with(reply(203, r#"[{"id":"a"},{"id":"b"}]"#)).mount(&server).await;
    let reports: Vec<Report> = client(&server).list_reports(ListReportsRequest::default()).await.unwrap();
    assert_eq!(reports.len(), 2);
}

#[tokio::test]
async fn a_204_has_no_body_whatever_the_spec_declares() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE")).and(path("/reports/a")).respond_with(reply(204, "")).mount(&server).await;
    Mock::given(method("PUT")).and(path("/reports/a")).respond_with(reply(204, "")).mount(&server).await;
    Mock::given(method("PUT")).and(path("/reports/b")).respond_with(reply(200, r#"{"id":"b"}"#)).mount(&server).await;
    let c = client(&server);

    // The reply type is `()`: the empty body is not decoded as JSON.
    c.delete_report(DeleteReportRequest::new("a")).await.unwrap();
    assert_eq!(c.replace_report(ReplaceReportRequest::new("a")).await.unwrap(), None);
    let replaced = c.replace_report(ReplaceReportRequest::new("b")).await.unwrap();
    assert_eq!(replaced.map(|report| report.id), Some("b".to_owned()));
}

#[tokio::test]
async fn a_reply_enum_gives_way_to_a_schema_of_its_name() {
    let server = MockServer::start().await;
    Mock::given(path("/jobs")).respond_with(reply(200, r#"{"jobs":[{"job":"a"}]}"#)).mount(&server).await;
    match client(&server).list_jobs(ListJobsRequest::default()).await.unwrap() {
        ListJobsReply::Status200(list) => assert_eq!(list.jobs.map(|jobs| jobs.len()), Some(1)),
        other => panic!("{other:?}"),
    }
}
