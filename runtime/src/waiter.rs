//! Waiting for long-running work: poll an action until its response reaches a state, with
//! backoff and a deadline. Generated `wait_until_…` methods use it with the states the spec's
//! waiters name; [`Client::wait`] takes any predicate.

use std::fmt;
use std::time::Duration;

use crate::codec::{Decode, Encode};
use tokio::time::Instant;

use crate::client::Client;
use crate::error::Error;
use crate::error_code::{ErrorCode, UnknownCode};
use crate::service::{ActionInfo, ServiceInfo};

/// How often and how long to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterConfig {
    /// Delay before the second poll; doubles after each poll, up to `max_delay`.
    pub min_delay: Duration,
    pub max_delay: Duration,
    /// Give up after this long (measured from the first poll).
    pub timeout: Duration,
}

impl Default for WaiterConfig {
    /// 2 s, doubling to 30 s, for at most 30 minutes: long enough for a DTS job to start.
    fn default() -> Self {
        WaiterConfig {
            min_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(30 * 60),
        }
    }
}

impl WaiterConfig {
    /// The default delays with another timeout.
    pub fn with_timeout(timeout: Duration) -> Self {
        WaiterConfig {
            timeout,
            ..WaiterConfig::default()
        }
    }
}

/// Where a polled resource stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitState {
    /// The awaited state is reached.
    Done,
    /// A state from which the awaited one cannot be reached, e.g. `Failed`.
    Failed(String),
    /// Not yet.
    Pending,
}

/// Classifies the values a waiter looks at: `Failed` if any is a failure state, `Done` if
/// there are some and all are success states, `Pending` otherwise.
pub fn classify<'a>(values: impl IntoIterator<Item = &'a str>, success: &[&str], failure: &[&str]) -> WaitState {
    let mut any = false;
    let mut all_done = true;
    for value in values {
        if failure.contains(&value) {
            return WaitState::Failed(value.to_owned());
        }
        any = true;
        all_done &= success.contains(&value);
    }
    if any && all_done {
        WaitState::Done
    } else {
        WaitState::Pending
    }
}

/// Why waiting ended without the awaited state.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<O, C: ErrorCode = UnknownCode> {
    /// The deadline passed; `last` is the last response received (there is always one: the
    /// first poll is made whatever the timeout).
    Timeout { waited: Duration, last: O },
    /// The resource reached a state from which the awaited one cannot be reached.
    Failed { state: String, last: O },
    /// A poll failed (after the client's own retries).
    Call(Error<C>),
}

impl<O, C: ErrorCode> fmt::Display for WaitError<O, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Timeout { waited, .. } => write!(
                f,
                "gave up waiting after {} s without reaching the awaited state",
                waited.as_secs()
            ),
            WaitError::Failed { state, .. } => write!(f, "reached state `{state}` instead of the awaited one"),
            WaitError::Call(e) => write!(f, "polling failed: {e}"),
        }
    }
}

impl<O: fmt::Debug, C: ErrorCode> std::error::Error for WaitError<O, C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Call(e) => Some(e),
            _ => None,
        }
    }
}

impl Client {
    /// Sends `action` with `input` until `state` says [`WaitState::Done`] (returning that
    /// response), [`WaitState::Failed`], or `config.timeout` passes. Sleeps between polls,
    /// starting at `min_delay` and doubling up to `max_delay`, never past the deadline.
    pub async fn wait<I, O, C>(
        &self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        input: &I,
        state: impl Fn(&O) -> WaitState,
        config: WaiterConfig,
    ) -> Result<O, WaitError<O, C>>
    where
        I: Encode,
        O: Decode + Send + 'static,
        C: ErrorCode,
    {
        let started = Instant::now();
        let deadline = started + config.timeout;
        let mut delay = config.min_delay;
        loop {
            let output = self
                .call::<I, O, C>(service, action, input)
                .await
                .map_err(WaitError::Call)?;
            match state(&output) {
                WaitState::Done => return Ok(output),
                WaitState::Failed(state) => return Err(WaitError::Failed { state, last: output }),
                WaitState::Pending => {}
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(WaitError::Timeout {
                    waited: now - started,
                    last: output,
                });
            }
            tracing::debug!(
                service = service.name,
                action = action.name,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "waiting: not there yet"
            );
            tokio::time::sleep_until((now + delay).min(deadline)).await;
            delay = (delay * 2).min(config.max_delay);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let ok = ["Running"];
        let bad = ["Failed", "Stopped"];
        assert_eq!(classify(["Running", "Running"], &ok, &bad), WaitState::Done);
        assert_eq!(classify(["Running", "Starting"], &ok, &bad), WaitState::Pending);
        assert_eq!(
            classify(["Running", "Failed"], &ok, &bad),
            WaitState::Failed("Failed".into())
        );
        assert_eq!(classify([], &ok, &bad), WaitState::Pending);
    }
}
