//! The time source for `X-TC-Timestamp`, injectable so tests can pin the signature.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone)]
pub(crate) struct Clock(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl Clock {
    pub(crate) fn new(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Clock(Arc::new(now))
    }

    /// Unix seconds now, or an error for a clock set before 1970.
    pub(crate) fn unix_seconds(&self) -> Result<u64, String> {
        (self.0)()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .map_err(|_| "the clock reads a time before 1970".to_owned())
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new(SystemTime::now)
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
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
}
