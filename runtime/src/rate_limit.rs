//! Client-side rate limiting from the documented per-action limits.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use crate::service::{ActionInfo, ServiceInfo};

/// A bound on the slots remembered per action; larger limits keep their rate with a shorter window.
const MAX_CAPACITY: usize = 10_000;

/// Which actions a [`Client`](crate::Client) limits, and to how many requests per second.
/// Off unless set with [`ClientBuilder::rate_limit`](crate::ClientBuilder::rate_limit).
///
/// Each (service, version, action) gets its own limiter, shared by all clones of the client. A
/// limit of `n` requests/s lets at most `n` attempts start in any 1 s window: a bucket of `n`
/// tokens where each token comes back 1 s after it was taken. (A bucket refilled continuously
/// at `n`/s would let almost `2n` through in one second and trip the server's own limit.)
/// Retries take a token too. Callers wait in arrival order, asynchronously; a wait emits a
/// `debug` event. A call cancelled while waiting takes no slot.
///
/// Tencent Cloud counts the documented limits per account, across all processes: use
/// [`scale`](Self::scale) to leave room for other users of the account.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimitPolicy {
    scale: f64,
    overrides: Vec<Override>,
}

#[derive(Debug, Clone, PartialEq)]
struct Override {
    service: String,
    action: String,
    per_second: Option<u32>,
}

impl RateLimitPolicy {
    /// Limits every action to its documented rate ([`ActionInfo::rate_limit`]); actions without
    /// a documented limit (or a documented 0) are not limited.
    pub fn documented() -> Self {
        RateLimitPolicy {
            scale: 1.0,
            overrides: Vec::new(),
        }
    }

    /// Multiplies every documented limit, e.g. `0.8` to stay at 80 % of it. Must be finite and
    /// positive ([`ClientBuilder::build`](crate::ClientBuilder::build) checks). Rates below 1/s
    /// are kept by lengthening the window (0.5/s: 1 request per 2 s).
    pub fn scale(mut self, factor: f64) -> Self {
        self.scale = factor;
        self
    }

    /// Replaces the limit of `action` of `service` (in every version): `Some(n)` allows `n`
    /// requests/s, not scaled; `None` lifts the limit. The last override of an action wins;
    /// `Some(0)` is a configuration error.
    pub fn action_limit(mut self, service: &str, action: &str, per_second: Option<u32>) -> Self {
        self.overrides.push(Override {
            service: service.to_owned(),
            action: action.to_owned(),
            per_second,
        });
        self
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if !(self.scale.is_finite() && self.scale > 0.0) {
            return Err(format!("rate limit scale {} is not a positive number", self.scale));
        }
        match self.overrides.iter().find(|o| o.per_second == Some(0)) {
            Some(o) => Err(format!(
                "rate limit of {} {} is 0 requests/s; use None to lift the limit",
                o.service, o.action
            )),
            None => Ok(()),
        }
    }

    /// The window of an action, or `None` when it is not limited.
    fn window_for(&self, service: &ServiceInfo, action: &ActionInfo) -> Option<Window> {
        let overridden = self
            .overrides
            .iter()
            .rev()
            .find(|o| o.service == service.name && o.action == action.name);
        let per_second = match overridden {
            Some(o) => f64::from(o.per_second?),
            None => f64::from(action.rate_limit.filter(|&n| n > 0)?) * self.scale,
        };
        Window::new(per_second)
    }
}

/// The last `capacity` slots granted; a new slot starts no earlier than `period` after the
/// oldest, so no `period`-long window holds more than `capacity` of them.
#[derive(Debug)]
struct Window {
    capacity: usize,
    period: Duration,
    granted: VecDeque<Instant>,
}

impl Window {
    fn new(per_second: f64) -> Option<Window> {
        if !(per_second.is_finite() && per_second > 0.0) {
            return None;
        }
        // Truncation is intended: whole requests per window, at least one.
        let capacity = (per_second.floor() as usize).clamp(1, MAX_CAPACITY);
        Some(Window {
            capacity,
            period: Duration::from_secs_f64(capacity as f64 / per_second),
            granted: VecDeque::new(),
        })
    }

    /// The earliest time at or after `now` the next request may start.
    fn next_slot(&self, now: Instant) -> Instant {
        match self.granted.front() {
            Some(oldest) if self.granted.len() >= self.capacity => (*oldest + self.period).max(now),
            _ => now,
        }
    }

    /// Records a request started at `slot` (from [`next_slot`](Self::next_slot)).
    fn grant(&mut self, slot: Instant) {
        if self.granted.len() >= self.capacity {
            self.granted.pop_front();
        }
        self.granted.push_back(slot);
    }
}

/// Service name, version and action name.
type Key = (&'static str, &'static str, &'static str);

/// The limiters of one client, created on first use of each action. Each window sits behind
/// an async lock that callers queue on in arrival order (tokio's `Mutex` is fair): only the
/// head of the queue sleeps, and a slot is recorded only when its caller goes ahead, so a
/// call cancelled while waiting leaves the queue and takes nothing with it.
pub(crate) struct RateLimiter {
    policy: RateLimitPolicy,
    windows: Mutex<HashMap<Key, Option<Arc<tokio::sync::Mutex<Window>>>>>,
}

impl RateLimiter {
    pub(crate) fn new(policy: RateLimitPolicy) -> Self {
        RateLimiter {
            policy,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until `action` may be sent. The map's lock is held only to find the window.
    pub(crate) async fn acquire(&self, service: &'static ServiceInfo, action: &'static ActionInfo) {
        let window = {
            // A panic cannot leave the map half-updated, so a poisoned lock is still usable.
            let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
            let window = windows
                .entry((service.name, service.version, action.name))
                .or_insert_with(|| {
                    self.policy
                        .window_for(service, action)
                        .map(|w| Arc::new(tokio::sync::Mutex::new(w)))
                });
            match window {
                Some(window) => Arc::clone(window),
                None => return,
            }
        };
        let mut window = window.lock().await;
        let now = Instant::now();
        let slot = window.next_slot(now);
        if slot > now {
            let wait = slot - now;
            tracing::debug!(
                service = service.name,
                version = service.version,
                action = action.name,
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                "waiting for the client-side rate limit"
            );
            tokio::time::sleep_until(slot).await;
        }
        window.grant(slot);
    }
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SERVICE: ServiceInfo = ServiceInfo {
        name: "wedata",
        version: "2025-08-06",
    };
    static OTHER_VERSION: ServiceInfo = ServiceInfo {
        name: "wedata",
        version: "2021-08-20",
    };
    static LIST: ActionInfo = ActionInfo::new("ListProjects").with_rate_limit(20);
    static CREATE: ActionInfo = ActionInfo::new("CreateProject").with_rate_limit(20);
    static UNDOCUMENTED: ActionInfo = ActionInfo::new("DescribeX");
    static ZERO: ActionInfo = ActionInfo::new("DescribeZero").with_rate_limit(0);

    /// Starts `n` concurrent acquisitions in order; returns each one's grant time, in start order,
    /// relative to the start.
    async fn grants(
        limiter: &Arc<RateLimiter>,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        n: usize,
    ) -> Vec<Duration> {
        let start = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|_| {
                let limiter = Arc::clone(limiter);
                tokio::spawn(async move {
                    limiter.acquire(service, action).await;
                    Instant::now() - start
                })
            })
            .collect();
        let mut times = Vec::with_capacity(n);
        for task in tasks {
            times.push(task.await.unwrap());
        }
        times
    }

    /// The most grants in any window `[t, t + width)`.
    fn busiest_window(times: &[Duration], width: Duration) -> usize {
        let mut sorted = times.to_vec();
        sorted.sort();
        (0..sorted.len())
            .map(|i| sorted[i..].iter().take_while(|t| **t < sorted[i] + width).count())
            .max()
            .unwrap_or(0)
    }

    fn limiter(policy: RateLimitPolicy) -> Arc<RateLimiter> {
        Arc::new(RateLimiter::new(policy))
    }

    #[tokio::test(start_paused = true)]
    async fn documented_limit_allows_n_per_second_window() {
        let limiter = limiter(RateLimitPolicy::documented());
        let times = grants(&limiter, &SERVICE, &LIST, 45).await;
        assert_eq!(times.iter().max(), Some(&Duration::from_secs(2)));
        assert_eq!(busiest_window(&times, Duration::from_secs(1)), 20);
        assert_eq!(times.iter().filter(|t| t.is_zero()).count(), 20);
        // First come, first served: grants never go back in start order.
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn slots_free_up_one_period_after_use() {
        let limiter = limiter(RateLimitPolicy::documented());
        let first = grants(&limiter, &SERVICE, &LIST, 20).await;
        assert!(first.iter().all(|t| t.is_zero()));
        tokio::time::advance(Duration::from_millis(400)).await;
        // The 20 slots taken 400 ms ago are still in the window.
        let times = grants(&limiter, &SERVICE, &LIST, 1).await;
        assert_eq!(times, [Duration::from_millis(600)]);
        tokio::time::advance(Duration::from_secs(5)).await;
        assert_eq!(grants(&limiter, &SERVICE, &LIST, 20).await, [Duration::ZERO; 20]);
    }

    #[tokio::test(start_paused = true)]
    async fn scale_and_overrides() {
        let limiter = limiter(
            RateLimitPolicy::documented()
                .scale(0.8)
                .action_limit("wedata", "CreateProject", Some(100))
                .action_limit("wedata", "CreateProject", Some(5))
                .action_limit("wedata", "DescribeX", Some(2)),
        );
        let times = grants(&limiter, &SERVICE, &LIST, 40).await;
        assert_eq!(busiest_window(&times, Duration::from_secs(1)), 16);
        assert_eq!(times.iter().max(), Some(&Duration::from_secs(2)));

        // The last override wins and is not scaled.
        let times = grants(&limiter, &SERVICE, &CREATE, 11).await;
        assert_eq!(busiest_window(&times, Duration::from_secs(1)), 5);
        assert_eq!(times.iter().max(), Some(&Duration::from_secs(2)));

        // An override limits an action the docs do not.
        let times = grants(&limiter, &SERVICE, &UNDOCUMENTED, 3).await;
        assert_eq!(times, [Duration::ZERO, Duration::ZERO, Duration::from_secs(1)]);
    }

    #[tokio::test(start_paused = true)]
    async fn fractional_rates_lengthen_the_window() {
        let limiter = limiter(RateLimitPolicy::documented().scale(0.5));
        static SLOW: ActionInfo = ActionInfo::new("DescribeSlow").with_rate_limit(1);
        let times = grants(&limiter, &SERVICE, &SLOW, 3).await;
        assert_eq!(times, [Duration::ZERO, Duration::from_secs(2), Duration::from_secs(4)]);
    }

    #[tokio::test(start_paused = true)]
    async fn unlimited_actions_and_separate_keys_do_not_wait() {
        let limiter = limiter(RateLimitPolicy::documented().action_limit("wedata", "ListProjects", None));
        for action in [&LIST, &UNDOCUMENTED, &ZERO] {
            assert!(grants(&limiter, &SERVICE, action, 100)
                .await
                .iter()
                .all(|t| t.is_zero()));
        }

        let limiter = self::limiter(RateLimitPolicy::documented());
        // Each (service, version, action) has its own window.
        for (service, action) in [(&SERVICE, &LIST), (&OTHER_VERSION, &LIST), (&SERVICE, &CREATE)] {
            assert!(grants(&limiter, service, action, 20).await.iter().all(|t| t.is_zero()));
        }
        // A caller waiting on one action does not hold up another.
        let waiting = {
            let limiter = Arc::clone(&limiter);
            tokio::spawn(async move { grants(&limiter, &SERVICE, &LIST, 1).await })
        };
        tokio::task::yield_now().await;
        assert_eq!(grants(&limiter, &SERVICE, &UNDOCUMENTED, 1).await, [Duration::ZERO]);
        assert_eq!(waiting.await.unwrap(), [Duration::from_secs(1)]);
    }

    #[tokio::test(start_paused = true)]
    async fn cancelled_waiters_give_their_slots_back() {
        let limiter = limiter(RateLimitPolicy::documented().action_limit("wedata", "ListProjects", Some(2)));
        assert_eq!(grants(&limiter, &SERVICE, &LIST, 2).await, [Duration::ZERO; 2]);
        let waiters: Vec<_> = (0..100)
            .map(|_| {
                let limiter = Arc::clone(&limiter);
                tokio::spawn(async move { limiter.acquire(&SERVICE, &LIST).await })
            })
            .collect();
        tokio::time::advance(Duration::from_millis(100)).await;
        for waiter in &waiters {
            waiter.abort();
        }
        for waiter in waiters {
            assert!(waiter.await.unwrap_err().is_cancelled());
        }
        // Only the two real grants count: the next caller waits for the first of them to age
        // out of the window (0.9 s from now), not behind 100 cancelled ones (~50 s).
        assert_eq!(
            grants(&limiter, &SERVICE, &LIST, 3).await,
            [
                Duration::from_millis(900),
                Duration::from_millis(900),
                Duration::from_millis(1900)
            ]
        );
    }

    #[test]
    fn invalid_policies_are_rejected() {
        assert!(RateLimitPolicy::documented().validate().is_ok());
        for scale in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(
                RateLimitPolicy::documented().scale(scale).validate().is_err(),
                "{scale}"
            );
        }
        let err = RateLimitPolicy::documented()
            .action_limit("dts", "CreateJob", Some(0))
            .validate()
            .unwrap_err();
        assert!(err.contains("dts CreateJob"), "{err}");
    }

    #[test]
    fn huge_rates_keep_the_rate_with_a_bounded_window() {
        let window = Window::new(1_000_000.0).unwrap();
        assert_eq!(window.capacity, MAX_CAPACITY);
        assert!(window.period.abs_diff(Duration::from_millis(10)) <= Duration::from_nanos(1));
        assert!(Window::new(0.0).is_none());
    }
}
