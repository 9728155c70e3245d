use reqwest::Method;

use super::*;

#[test]
fn debug_shows_names_not_values() {
    let call = Call::new("SetAccountInfo", Method::POST, "/platform_api/SetAccountInfo".into())
        .form("new_account_password", "hunter2".into())
        .query("q", "visible?".into())
        .options(RequestOptions::new().header("X-Extra", "extra-secret"));
    let shown = format!("{call:?}");
    assert!(shown.contains("new_account_password") && shown.contains("X-Extra"));
    assert!(!shown.contains("hunter2") && !shown.contains("visible?") && !shown.contains("extra-secret"));
    let options = RequestOptions::new().param("p", "param-secret").query("q", "query-secret");
    let shown = format!("{options:?}");
    assert!(!shown.contains("secret"), "{shown}");
}

#[test]
fn form_placement() {
    let post = Call::new("Op", Method::POST, "/x".into());
    assert!(post.accepts_form());
    assert!(!Call::new("Op", Method::GET, "/x".into()).accepts_form());
    assert!(!Call::new("Op", Method::POST, "/x".into()).json(serde_json::json!({})).accepts_form());
    assert!(!Call::new("Op", Method::POST, "/x".into()).multipart_text("a", "1".into()).accepts_form());
    assert!(post.form("a", "1".into()).has_param("a"));
}

#[test]
fn options_go_where_the_operation_sends_its_parameters() {
    let options = || {
        RequestOptions::new()
            .param("extra", "1")
            .query("trace", "on")
            .header("X-Id", "7")
            .timeout(Duration::from_secs(3))
            .retry(RetryPolicy::none())
    };
    let form = Call::new("Op", Method::POST, "/x".into()).form("a", "1".into()).options(options());
    assert_eq!(names(&form.form), ["a", "extra"]);
    assert_eq!(names(&form.query), ["trace"]);
    assert_eq!(names(&form.headers), ["X-Id"]);
    assert_eq!(form.timeout, Some(Duration::from_secs(3)));
    assert!(form.retry.is_some());
    let bodiless_post = Call::new("Op", Method::POST, "/x".into()).options(options());
    assert_eq!(names(&bodiless_post.form), ["extra"]);
    let get = Call::new("Op", Method::GET, "/x".into()).query("q", "1".into()).options(options());
    assert_eq!(names(&get.query), ["q", "extra", "trace"]);
    assert!(get.form.is_empty());
    let json = Call::new("Op", Method::POST, "/x".into()).json(serde_json::json!({})).options(options());
    assert_eq!(names(&json.query), ["extra", "trace"]);
    let plain = Call::new("Op", Method::GET, "/x".into()).options(RequestOptions::new());
    assert!(plain.timeout.is_none() && plain.retry.is_none());
}
