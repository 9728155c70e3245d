use super::*;
use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

#[test]
fn backoff_stays_within_the_exponential_ceiling() {
    let policy = RetryPolicy::default();
    let expected_ms = [200, 400, 800, 1600, 3200, 5000, 5000];
    for (retries_done, ceiling_ms) in (0u32..).zip(expected_ms) {
        let ceiling = Duration::from_millis(ceiling_ms);
        assert_eq!(policy.ceiling(retries_done), ceiling);
        for _ in 0..200 {
            assert!(policy.delay(retries_done, None) <= ceiling);
        }
    }
    // No overflow for absurd attempt numbers or durations.
    assert_eq!(policy.ceiling(u32::MAX), Duration::from_secs(5));
    let huge = RetryPolicy::default().initial_backoff(Duration::MAX).max_backoff(Duration::MAX);
    assert_eq!(huge.ceiling(3), Duration::MAX);
    let _ = huge.delay(3, None);
}

#[test]
fn jitter_spreads_the_waits() {
    let policy = RetryPolicy::default();
    let waits: Vec<Duration> = (0..50).map(|_| policy.delay(4, None)).collect();
    assert!(waits.iter().any(|wait| *wait < Duration::from_millis(1600)));
    assert!(waits.iter().any(|wait| *wait > Duration::from_millis(1600)));
}

#[test]
fn retry_after_is_honoured_capped_and_jittered() {
    let policy = RetryPolicy::default();
    for _ in 0..100 {
        let wait = policy.delay(0, Some(Duration::from_secs(2)));
        assert!(wait >= Duration::from_secs(2) && wait <= Duration::from_millis(2200), "{wait:?}");
        let wait = policy.delay(0, Some(Duration::from_secs(60)));
        assert!(wait >= Duration::from_secs(5) && wait <= Duration::from_millis(5500), "{wait:?}");
    }
    let waits: Vec<Duration> = (0..50).map(|_| policy.delay(0, Some(Duration::from_secs(2)))).collect();
    assert!(waits.iter().any(|wait| *wait != Duration::from_secs(2)), "jittered");
    let unbounded = RetryPolicy::default().max_backoff(Duration::MAX);
    let _ = unbounded.delay(0, Some(Duration::MAX));

    let mut headers = HeaderMap::new();
    assert_eq!(retry_after(&headers), None);
    headers.insert(RETRY_AFTER, HeaderValue::from_static(" 3 "));
    assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
    headers.insert(RETRY_AFTER, HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
    assert_eq!(retry_after(&headers), Some(Duration::ZERO), "a date in the past");
    let soon = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
    headers.insert(RETRY_AFTER, HeaderValue::from_str(&soon).expect("header"));
    let wait = retry_after(&headers).expect("a date");
    assert!(wait > Duration::from_secs(100) && wait <= Duration::from_secs(120), "{wait:?}");
    headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
    assert_eq!(retry_after(&headers), None);
}

#[test]
fn only_retryable_errors_of_allowed_calls_are_retried() {
    let policy = RetryPolicy::default();
    let timeout = Error::Timeout;
    let server = Error::Http { status: reqwest::StatusCode::SERVICE_UNAVAILABLE, body: String::new() };
    let client = Error::Http { status: reqwest::StatusCode::BAD_REQUEST, body: String::new() };
    assert!(policy.should_retry(&timeout, true, 0));
    assert!(policy.should_retry(&server, true, 2));
    assert!(!policy.should_retry(&server, true, 3));
    assert!(!policy.should_retry(&client, true, 0));
    assert!(!policy.should_retry(&timeout, false, 0));
    assert!(policy.clone().retry_non_idempotent(true).should_retry(&timeout, false, 0));
    assert!(!RetryPolicy::none().should_retry(&timeout, true, 0));
    assert!(RetryPolicy::none().max_retries(1).should_retry(&timeout, true, 0));
}
