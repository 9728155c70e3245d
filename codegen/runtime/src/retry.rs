//! When to repeat a failed call and how long to wait first.

use std::time::Duration;

use super::error::Error;

/// Retry settings: exponential backoff with full jitter, for retryable errors of
/// idempotent calls (others only when opted in).
#[derive(Debug, Clone, PartialEq, Eq)]
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

    /// Longest wait between attempts, also capping a server's `Retry-After`. Whatever it is,
    /// a wait never goes past the call's deadline (`ClientBuilder::deadline`).
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

    /// Wait before retry number `retries_done + 1`: the server's `Retry-After` when given,
    /// capped by `max_backoff` and lengthened by up to a tenth at random (so clients told the
    /// same time do not return together), else a random duration in
    /// `[0, min(max, initial * 2^retries_done)]`.
    pub(super) fn delay(&self, retries_done: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            let wait = wait.min(self.max_backoff);
            return wait.saturating_add(random_up_to(wait / 10));
        }
        random_up_to(self.ceiling(retries_done))
    }

    fn ceiling(&self, retries_done: u32) -> Duration {
        2u32.checked_pow(retries_done)
            .and_then(|factor| self.initial_backoff.checked_mul(factor))
            .map_or(self.max_backoff, |backoff| backoff.min(self.max_backoff))
    }
}

/// A random duration in `[0, ceiling]`.
fn random_up_to(ceiling: Duration) -> Duration {
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(fastrand::u64(0..=nanos))
}

/// Parses a `Retry-After` header: delay seconds, or an HTTP date (a date in the past means
/// "now").
pub(super) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

#[cfg(test)]
mod tests;
