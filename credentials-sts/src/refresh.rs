//! The STS answer as the runtime's [`RefreshingCache`](tencentcloud_runtime::credentials::RefreshingCache)
//! stores it; the cache itself (refresh 5 minutes before expiry, one refresh for all callers,
//! a failed refresh keeping valid credentials) is the runtime's, shared with the instance role.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use tencentcloud_runtime::credentials::Fetched;
use tencentcloud_runtime::Credentials;

use crate::Error;

pub(crate) type Now = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// The temporary credentials of an STS answer, checked against the clock.
pub(crate) fn temporary(
    action: &'static str,
    secret_id: String,
    secret_key: String,
    token: String,
    expires: u64,
    now: u64,
) -> Result<Fetched, Error> {
    if expires <= now {
        return Err(Error::Expired {
            action,
            expired_time: expires,
            now,
        });
    }
    Ok(Fetched {
        credentials: Credentials::new(secret_id, secret_key)
            .with_token(token)
            .with_expiry(UNIX_EPOCH + std::time::Duration::from_secs(expires)),
        expires,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_already_expired_are_an_error() {
        let now = 1_700_000_000;
        let err = temporary("Test", "AKIDtmp".into(), "k".into(), "tok".into(), now, now)
            .err()
            .expect("expired");
        assert!(
            matches!(
                err,
                Error::Expired {
                    expired_time: 1_700_000_000,
                    now: 1_700_000_000,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(temporary("Test", "AKIDtmp".into(), "k".into(), "tok".into(), now + 1, now).is_ok());
    }
}
