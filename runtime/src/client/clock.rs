//! The time source for `X-TC-Timestamp`: injectable so tests can pin the signature, and
//! corrected by the offset the server's clock shows when it rejects a signature as expired.

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// The service rejects timestamps more than 5 minutes off; a correction smaller than this
/// would not explain a rejection, so it is not learned.
const MIN_CORRECTION_SECS: i64 = 60;

#[derive(Clone)]
pub(crate) struct Clock {
    now: Arc<dyn Fn() -> SystemTime + Send + Sync>,
    /// Seconds to add to `now` to get the server's time; shared by the client's clones.
    offset: Arc<AtomicI64>,
}

impl Clock {
    pub(crate) fn new(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Clock {
            now: Arc::new(now),
            offset: Arc::new(AtomicI64::new(0)),
        }
    }

    /// Unix seconds now, corrected by the learned offset, or an error for a clock set before
    /// 1970.
    pub(crate) fn unix_seconds(&self) -> Result<u64, String> {
        let local = self.local_seconds()?;
        u64::try_from(local.saturating_add(self.offset.load(Ordering::Relaxed)))
            .map_err(|_| "the corrected clock reads a time before 1970".to_owned())
    }

    fn local_seconds(&self) -> Result<i64, String> {
        (self.now)()
            .duration_since(UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok())
            .ok_or_else(|| "the clock reads a time before 1970".to_owned())
    }

    /// Learns the offset to the server's clock from the `Date` of a response that rejected the
    /// signature as expired. Returns the new offset in seconds when it changed by at least a
    /// minute (so re-signing can help), `None` otherwise.
    pub(crate) fn correct_to(&self, server: SystemTime) -> Option<i64> {
        let server = i64::try_from(server.duration_since(UNIX_EPOCH).ok()?.as_secs()).ok()?;
        let offset = server.checked_sub(self.local_seconds().ok()?)?;
        let previous = self.offset.load(Ordering::Relaxed);
        if offset.abs_diff(previous) < MIN_CORRECTION_SECS.unsigned_abs() {
            return None;
        }
        self.offset.store(offset, Ordering::Relaxed);
        Some(offset)
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new(SystemTime::now)
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Clock")
            .field("offset_secs", &self.offset.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn reads_unix_seconds_and_rejects_pre_epoch_times() {
        let pinned = Clock::new(|| UNIX_EPOCH + Duration::from_millis(1_551_113_065_999));
        assert_eq!(pinned.unix_seconds(), Ok(1_551_113_065));
        let early = Clock::new(|| UNIX_EPOCH - Duration::from_secs(1));
        assert!(early.unix_seconds().is_err());
    }

    #[test]
    fn learns_the_server_offset_once_it_matters() {
        let clock = Clock::new(|| UNIX_EPOCH + Duration::from_secs(1_000_000));
        // Within a minute: not the cause of an expired signature.
        assert_eq!(clock.correct_to(UNIX_EPOCH + Duration::from_secs(1_000_030)), None);
        assert_eq!(clock.unix_seconds(), Ok(1_000_000));
        assert_eq!(clock.correct_to(UNIX_EPOCH + Duration::from_secs(1_000_600)), Some(600));
        assert_eq!(clock.unix_seconds(), Ok(1_000_600));
        // Clones share the correction; learning the same offset again changes nothing.
        assert_eq!(clock.clone().unix_seconds(), Ok(1_000_600));
        assert_eq!(clock.correct_to(UNIX_EPOCH + Duration::from_secs(1_000_601)), None);
        assert_eq!(
            clock.correct_to(UNIX_EPOCH + Duration::from_secs(999_000)),
            Some(-1_000)
        );
    }
}
