//! Cached temporary credentials, refreshed before they expire: the policy every provider of
//! expiring credentials shares (the CVM instance role here, the STS providers of
//! `tencentcloud-credentials-sts`), over a fetch of its own.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use super::Credentials;

/// Refresh this long before `ExpiredTime`, so a call signed just before expiry still lands in
/// time.
pub const REFRESH_BEFORE_SECS: u64 = 5 * 60;
/// After a failed refresh while the cached credentials still work, wait this long before trying
/// again, so an outage does not add a round trip to every call.
pub const RETRY_AFTER_FAILURE_SECS: u64 = 30;

type Now = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// What a fetch returns: the credentials and their `ExpiredTime` (unix seconds).
pub struct Fetched {
    pub credentials: Credentials,
    pub expires: u64,
}

#[derive(Clone)]
struct Cached {
    credentials: Credentials,
    expires: u64,
    /// When to start refreshing: [`REFRESH_BEFORE_SECS`] before expiry, or half way through
    /// for credentials that live less than twice that (else every call would refresh).
    refresh_at: u64,
}

/// The cache of one provider; `E` is the provider's error. One caller fetches while the others
/// wait (nothing usable cached) or keep using the still-valid credentials; a failed refresh
/// keeps valid credentials until they expire (with a `warn` event), and the callers that waited
/// for a failed fetch get its error instead of fetching again.
pub struct RefreshingCache<E> {
    /// Names the provider in log events.
    source: &'static str,
    now: Now,
    /// Read on every call; written only by the task holding `refresh`. Never held across `.await`.
    cached: RwLock<Option<Cached>>,
    /// Held by the one task fetching; keeps the error of the last fetch for the tasks that
    /// waited for it.
    refresh: tokio::sync::Mutex<Option<E>>,
    /// Finished fetches: a waiter that sees it change knows a fetch completed meanwhile.
    fetches: AtomicU64,
    /// Unix seconds before which no refresh is attempted after a failure.
    retry_not_before: AtomicU64,
}

impl<E: Clone + fmt::Display> RefreshingCache<E> {
    /// An empty cache on the system clock; `source` names the provider in log events.
    pub fn new(source: &'static str) -> Self {
        RefreshingCache {
            source,
            now: Arc::new(SystemTime::now),
            cached: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(None),
            fetches: AtomicU64::new(0),
            retry_not_before: AtomicU64::new(0),
        }
    }

    /// The time source deciding when to refresh (tests move it).
    pub fn set_clock(&mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) {
        self.now = Arc::new(now);
    }

    /// The clock, in unix seconds.
    pub fn now_secs(&self) -> u64 {
        (self.now)().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
    }

    /// `ExpiredTime` of the cached credentials, if any (for `Debug`: never the credentials).
    pub fn cached_until(&self) -> Option<u64> {
        self.cached().map(|c| c.expires)
    }

    fn cached(&self) -> Option<Cached> {
        self.cached.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The cached credentials, or those `fetch` returns. `fetch` is given the current unix
    /// time and, when it replaces credentials that have expired, their `ExpiredTime` (for its
    /// error message).
    pub async fn get<F, Fut>(&self, fetch: F) -> Result<Credentials, E>
    where
        F: FnOnce(u64, Option<u64>) -> Fut,
        Fut: Future<Output = Result<Fetched, E>>,
    {
        // Read before the cache: a change seen after waiting means a fetch finished meanwhile.
        let fetches = self.fetches.load(Ordering::Acquire);
        let now = self.now_secs();
        let cached = self.cached();
        if let Some(c) = &cached {
            if now < c.refresh_at {
                return Ok(c.credentials.clone());
            }
            if now < c.expires {
                // Valid but due: one caller refreshes, the others use these meanwhile.
                if now < self.retry_not_before.load(Ordering::Acquire) {
                    return Ok(c.credentials.clone());
                }
                let Ok(guard) = self.refresh.try_lock() else {
                    return Ok(c.credentials.clone());
                };
                if self.fetches.load(Ordering::Acquire) != fetches {
                    if let Some(fresh) = self.cached().filter(|f| f.expires > c.expires) {
                        return Ok(fresh.credentials);
                    }
                }
                return match self.fetch_locked(guard, now, |now| fetch(now, None)).await {
                    Ok(credentials) => Ok(credentials),
                    Err(e) => {
                        self.retry_not_before
                            .store(now.saturating_add(RETRY_AFTER_FAILURE_SECS), Ordering::Release);
                        tracing::warn!(
                            source = self.source,
                            error = %e,
                            expires = c.expires,
                            "refresh failed; using the cached credentials until they expire"
                        );
                        Ok(c.credentials.clone())
                    }
                };
            }
        }
        // Nothing usable: wait for the fetch in flight, or do it.
        let guard = self.refresh.lock().await;
        if self.fetches.load(Ordering::Acquire) != fetches {
            if let Some(fresh) = self.cached().filter(|f| now < f.expires) {
                return Ok(fresh.credentials);
            }
            if let Some(e) = guard.as_ref() {
                return Err(e.clone());
            }
        }
        let expired = cached.map(|c| c.expires);
        self.fetch_locked(guard, now, |now| fetch(now, expired)).await
    }

    /// Fetches with the refresh lock held, stores the outcome and releases the lock.
    async fn fetch_locked<F, Fut>(
        &self,
        mut guard: tokio::sync::MutexGuard<'_, Option<E>>,
        now: u64,
        fetch: F,
    ) -> Result<Credentials, E>
    where
        F: FnOnce(u64) -> Fut,
        Fut: Future<Output = Result<Fetched, E>>,
    {
        let result = fetch(now).await;
        let result = match result {
            Ok(fresh) => {
                let margin = REFRESH_BEFORE_SECS.min(fresh.expires.saturating_sub(now) / 2);
                let cached = Cached {
                    refresh_at: fresh.expires - margin,
                    credentials: fresh.credentials,
                    expires: fresh.expires,
                };
                *self.cached.write().unwrap_or_else(PoisonError::into_inner) = Some(cached.clone());
                *guard = None;
                tracing::debug!(source = self.source, expires = cached.expires, "credentials refreshed");
                Ok(cached.credentials)
            }
            Err(e) => {
                *guard = Some(e.clone());
                Err(e)
            }
        };
        self.fetches.fetch_add(1, Ordering::AcqRel);
        drop(guard);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    const START: u64 = 1_700_000_000;

    fn cache(clock: &Arc<AtomicU64>) -> RefreshingCache<String> {
        let clock = clock.clone();
        let mut r = RefreshingCache::new("test");
        r.set_clock(move || UNIX_EPOCH + std::time::Duration::from_secs(clock.load(Ordering::SeqCst)));
        r
    }

    fn fetched(expires: u64) -> Result<Fetched, String> {
        Ok(Fetched {
            credentials: Credentials::new("AKIDtmp", "k").with_token("tok"),
            expires,
        })
    }

    #[tokio::test]
    async fn short_lived_credentials_refresh_half_way_not_on_every_call() {
        let clock = Arc::new(AtomicU64::new(START));
        let r = cache(&clock);
        let fetches = AtomicUsize::new(0);
        let fetch = |now, _| {
            fetches.fetch_add(1, Ordering::SeqCst);
            std::future::ready(fetched(now + 120))
        };
        r.get(fetch).await.unwrap();
        clock.store(START + 59, Ordering::SeqCst);
        r.get(fetch).await.unwrap();
        assert_eq!(
            fetches.load(Ordering::SeqCst),
            1,
            "2 minutes of life: not due before 1 minute"
        );
        clock.store(START + 60, Ordering::SeqCst);
        r.get(fetch).await.unwrap();
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_fetch_replacing_expired_credentials_is_told_when_they_expired() {
        let clock = Arc::new(AtomicU64::new(START));
        let r = cache(&clock);
        r.get(|now, expired| {
            assert_eq!(expired, None, "nothing cached yet");
            std::future::ready(fetched(now + 3600))
        })
        .await
        .unwrap();
        clock.store(START + 3600, Ordering::SeqCst);
        let err = r
            .get(|_, expired| std::future::ready(Err::<Fetched, _>(format!("{expired:?}"))))
            .await
            .unwrap_err();
        assert_eq!(err, format!("Some({})", START + 3600));
    }
}
