//! Which failed attempts are retried, and how long to wait before the next one.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use super::failure::Failure;
use crate::error::TransportKind;
use crate::service::ActionInfo;

/// How a [`Client`](super::Client) retries a failed attempt. On by default:
/// [`RetryPolicy::default`] makes up to 3 attempts.
///
/// An attempt is retried only when repeating it cannot apply a change twice:
///
/// * the service answered `RequestLimitExceeded` or `RequestLimitExceeded.*`, or HTTP 429 (any
///   action: throttled requests are rejected before they run);
/// * the connection could not be established, by error or connect timeout (any action: nothing
///   was sent), except a failed TLS handshake (a certificate that is not trusted now will not
///   be trusted in 100 ms);
/// * for **read-only** actions only ([`ActionInfo::read_only`], decided by the generator from
///   the spec): HTTP 5xx, a timeout, or any other transport failure after the request was sent
///   (reset connection, truncated body).
///
/// A write (any other action) is never repeated once the request may have reached the server.
/// Other service errors, other statuses, redirects, oversized bodies and decode errors are
/// never retried.
///
/// Before retry `n` (`n` = 1 before the second attempt) the client sleeps a uniformly random
/// time in `[0, min(max_delay, base_delay × 2^(n-1))]` ("full jitter"), or, when the failed
/// response had a `Retry-After` header (HTTP 429 or 503), the time it asks for; a server that
/// asks for more than [`max_retry_after`](Self::max_retry_after) is not retried. Every attempt
/// asks the credentials provider again, is signed with a fresh timestamp, passes the
/// client-side rate limit again and has the whole client
/// [`timeout`](super::ClientBuilder::timeout).
///
/// Apart from this policy, a call the service rejects with `AuthFailure.SignatureExpire` is
/// signed again once, with the clock corrected by the response's `Date` (see
/// [`ClientBuilder::clock`](super::ClientBuilder::clock)).
///
/// When more than one attempt was made, the call fails with [`Error::Retried`](crate::Error)
/// wrapping the last attempt's error; [`Error::attempts`](crate::Error::attempts) tells the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included; 1 disables retries, 0 is a configuration error.
    pub max_attempts: u32,
    /// Upper bound of the first backoff; doubles with each retry.
    pub base_delay: Duration,
    /// Upper bound of any backoff.
    pub max_delay: Duration,
    /// Longest `Retry-After` honoured; a response asking for more is not retried.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff bounded by 100 ms, 200 ms, … up to 5 s; `Retry-After` honoured up
    /// to 20 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// One attempt per call.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The random sleep before retry `retry` (1-based).
    pub(super) fn backoff(&self, retry: u32) -> Duration {
        let exponential = self
            .base_delay
            .checked_mul(1u32.checked_shl(retry.saturating_sub(1)).unwrap_or(u32::MAX))
            .unwrap_or(Duration::MAX);
        let ceiling = exponential.min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(random_u64().checked_rem(nanos.saturating_add(1)).unwrap_or(0))
    }

    /// The sleep before retry `retry` after `failure`: what its `Retry-After` asks for, else
    /// the backoff; `None` when the server asks for longer than the policy waits.
    pub(super) fn delay(&self, retry: u32, failure: &Failure) -> Option<Duration> {
        match failure {
            Failure::Http {
                retry_after: Some(asked),
                ..
            } => (*asked <= self.max_retry_after).then_some(*asked),
            _ => Some(self.backoff(retry)),
        }
    }
}

/// Why an attempt is repeated; shown in the retry event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RetryReason {
    Throttled,
    Connect,
    ServerError(u16),
    Timeout,
    Transport,
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::Throttled => f.write_str("throttled (RequestLimitExceeded)"),
            RetryReason::Connect => f.write_str("connection not established"),
            RetryReason::ServerError(status) => write!(f, "HTTP status {status}"),
            RetryReason::Timeout => f.write_str("timed out"),
            RetryReason::Transport => f.write_str("transport error after sending"),
        }
    }
}

/// The reason to retry `failure` of `action`, or `None` when repeating it is not safe or useless.
pub(super) fn retry_reason(failure: &Failure, action: &ActionInfo) -> Option<RetryReason> {
    match failure {
        Failure::Api { code, .. } if is_throttled(code) => return Some(RetryReason::Throttled),
        Failure::Http { status: 429, .. } => return Some(RetryReason::Throttled),
        Failure::Transport(e) if e.kind() == TransportKind::Connect => return Some(RetryReason::Connect),
        Failure::Timeout { connect: true } => return Some(RetryReason::Connect),
        _ => {}
    }
    if !action.read_only {
        return None;
    }
    match failure {
        Failure::Http { status, .. } if (500..600).contains(status) => Some(RetryReason::ServerError(*status)),
        Failure::Timeout { .. } => Some(RetryReason::Timeout),
        // A request that could not be built, or a TLS peer that is not trusted, fails the same
        // way every time.
        Failure::Transport(e) if e.kind() == TransportKind::Other => Some(RetryReason::Transport),
        _ => None,
    }
}

fn is_throttled(code: &str) -> bool {
    code.strip_prefix("RequestLimitExceeded")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// Jitter needs no cryptographic quality: std's `RandomState` is keyed from OS randomness per
/// thread and changes key on every `new`, which avoids an RNG dependency.
fn random_u64() -> u64 {
    RandomState::new().build_hasher().finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_codes_are_the_code_and_its_subcodes() {
        assert!(is_throttled("RequestLimitExceeded"));
        assert!(is_throttled("RequestLimitExceeded.UinLimitExceeded"));
        assert!(!is_throttled("RequestLimitExceededX"));
        assert!(!is_throttled("LimitExceeded"));
        assert!(!is_throttled("FailedOperation.RequestLimitExceeded"));
    }

    fn http(status: u16) -> Failure {
        Failure::Http {
            status,
            retry_after: None,
            body_excerpt: String::new(),
        }
    }

    static WRITE: ActionInfo = ActionInfo::new("CreateTask");
    static READ: ActionInfo = ActionInfo::new("DescribeTasks").read_only();

    #[test]
    fn writes_are_retried_only_when_nothing_ran() {
        let throttled = Failure::Api {
            code: "RequestLimitExceeded".into(),
            message: String::new(),
            request_id: String::new(),
            server_date: None,
        };
        assert_eq!(retry_reason(&throttled, &WRITE), Some(RetryReason::Throttled));
        assert_eq!(retry_reason(&http(429), &WRITE), Some(RetryReason::Throttled));
        assert_eq!(
            retry_reason(&Failure::Timeout { connect: true }, &WRITE),
            Some(RetryReason::Connect)
        );
        assert_eq!(retry_reason(&Failure::Timeout { connect: false }, &WRITE), None);
        assert_eq!(retry_reason(&http(503), &WRITE), None);

        assert_eq!(retry_reason(&http(503), &READ), Some(RetryReason::ServerError(503)));
        assert_eq!(
            retry_reason(&Failure::Timeout { connect: false }, &READ),
            Some(RetryReason::Timeout)
        );
        assert_eq!(retry_reason(&http(404), &READ), None);
        assert_eq!(retry_reason(&http(600), &READ), None);
        let other = Failure::Api {
            code: "InternalError".into(),
            message: String::new(),
            request_id: String::new(),
            server_date: None,
        };
        assert_eq!(retry_reason(&other, &READ), None);
        assert_eq!(retry_reason(&Failure::Config("x".into()), &READ), None);
        let credentials = Failure::Credentials(crate::credentials::CredentialsError::NotFound("x".into()));
        assert_eq!(retry_reason(&credentials, &READ), None);
        assert_eq!(
            retry_reason(
                &Failure::Redirect {
                    status: 307,
                    location: None
                },
                &READ
            ),
            None
        );
        assert_eq!(retry_reason(&Failure::TooLarge { limit: 1 }, &READ), None);
    }

    #[test]
    fn backoff_is_bounded_by_the_doubling_ceiling() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        let ceilings = [100, 200, 350, 350, 350];
        for (retry, ceiling) in (1..).zip(ceilings) {
            let delays: Vec<Duration> = (0..200).map(|_| policy.backoff(retry)).collect();
            assert!(delays.iter().all(|d| *d <= Duration::from_millis(ceiling)), "{retry}");
            // Full jitter: spread over the whole range, not clustered at the ceiling.
            assert!(
                delays.iter().any(|d| *d < Duration::from_millis(ceiling / 2)),
                "{retry}"
            );
            assert!(
                delays.iter().any(|d| *d > Duration::from_millis(ceiling / 2)),
                "{retry}"
            );
        }
        // Huge retry numbers saturate instead of overflowing.
        assert!(policy.backoff(u32::MAX) <= Duration::from_millis(350));
        let zero = RetryPolicy {
            base_delay: Duration::ZERO,
            ..policy
        };
        assert_eq!(zero.backoff(3), Duration::ZERO);
    }

    #[test]
    fn retry_after_replaces_the_backoff_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let asked = |secs| Failure::Http {
            status: 503,
            retry_after: Some(Duration::from_secs(secs)),
            body_excerpt: String::new(),
        };
        assert_eq!(policy.delay(1, &asked(7)), Some(Duration::from_secs(7)));
        assert_eq!(policy.delay(1, &asked(20)), Some(Duration::from_secs(20)));
        assert_eq!(policy.delay(1, &asked(21)), None);
        assert!(policy.delay(1, &http(503)).unwrap() <= Duration::from_millis(100));
    }

    #[test]
    fn disabled_makes_one_attempt() {
        assert_eq!(RetryPolicy::disabled().max_attempts, 1);
        assert_eq!(RetryPolicy::default().max_attempts, 3);
    }
}
