//! When to repeat a failed call and how long to wait first.

use std::time::Duration;

use super::error::Error;

/// Retry settings: exponential backoff with full jitter, for retryable errors of
/// idempotent calls (others only when opted in).
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 3 retries, backoff from 200 ms up to 5 s, idempotent calls only.
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self { max_retries: 0, ..Self::default() }
    }

    /// How many times a call may be repeated after its first attempt.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Upper bound of the first wait; each further retry doubles it.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Longest wait between attempts, also capping a server's `Retry-After`.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Also retry calls not marked idempotent (they may then take effect twice).
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// Whether to repeat a call that failed with `error` after `retries_done` retries.
    pub(super) fn should_retry(&self, error: &Error, idempotent: bool, retries_done: u32) -> bool {
        retries_done < self.max_retries && error.is_retryable() && (idempotent || self.retry_non_idempotent)
    }

    /// Wait before retry number `retries_done + 1`: the server's `Retry-After` when given
    /// (capped), else a random duration in `[0, min(max, initial * 2^retries_done)]`.
    pub(super) fn delay(&self, retries_done: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_backoff);
        }
        let ceiling = self.ceiling(retries_done);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    fn ceiling(&self, retries_done: u32) -> Duration {
        2u32.checked_pow(retries_done)
            .and_then(|factor| self.initial_backoff.checked_mul(factor))
            .map_or(self.max_backoff, |backoff| backoff.min(self.max_backoff))
    }
}

/// Parses a `Retry-After` header given in seconds (the HTTP-date form is ignored).
pub(super) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
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
    fn retry_after_is_honoured_and_capped() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(0, Some(Duration::from_secs(2))), Duration::from_secs(2));
        assert_eq!(policy.delay(0, Some(Duration::from_secs(60))), Duration::from_secs(5));
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static(" 3 "));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
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
}
