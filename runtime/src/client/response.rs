//! Reading a response's headers the client acts on (`Retry-After`, `Date`, `Location`); the
//! body is read by the transport.

use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, DATE, LOCATION, RETRY_AFTER};
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;
use url::Url;

/// Default of [`ClientBuilder::max_response_size`](super::ClientBuilder::max_response_size):
/// far above real responses (a 100-job `DescribeSyncJobs` is ~370 KB), far below what would
/// hurt a process.
pub(super) const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 * 1024 * 1024;

/// `Retry-After` as a delay from `now`: delta seconds or an HTTP date (a date in the past is 0).
pub(super) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The `Date` header: when the server produced the response, by its clock.
pub(super) fn server_date(headers: &HeaderMap) -> Option<SystemTime> {
    http_date(headers.get(DATE)?.to_str().ok()?)
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110's preferred form, which is RFC
/// 2822's syntax).
fn http_date(text: &str) -> Option<SystemTime> {
    OffsetDateTime::parse(text.trim(), &Rfc2822).ok().map(SystemTime::from)
}

/// The host (and explicit port) a redirect points to, resolved against the request URL; never
/// its path or query, which may carry tokens.
pub(super) fn location_host(headers: &HeaderMap, request: &Url) -> Option<String> {
    let location = request.join(headers.get(LOCATION)?.to_str().ok()?).ok()?;
    let host = location.host_str()?;
    Some(match location.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::HeaderValue;

    fn headers(name: http::header::HeaderName, value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(name, HeaderValue::from_str(value).unwrap());
        map
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(
            retry_after(&headers(RETRY_AFTER, "3"), now),
            Some(Duration::from_secs(3))
        );
        // 1994-11-06 08:49:37 UTC is 784_111_777.
        let date = "Sun, 06 Nov 1994 08:50:07 GMT";
        assert_eq!(
            retry_after(&headers(RETRY_AFTER, date), now),
            Some(Duration::from_secs(30))
        );
        let past = "Sun, 06 Nov 1994 08:00:00 GMT";
        assert_eq!(retry_after(&headers(RETRY_AFTER, past), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(RETRY_AFTER, "soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn server_date_parses_imf_fixdate() {
        let date = server_date(&headers(DATE, "Sun, 06 Nov 1994 08:49:37 GMT")).unwrap();
        assert_eq!(date, SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777));
        assert_eq!(server_date(&headers(DATE, "yesterday")), None);
    }

    #[test]
    fn location_keeps_host_and_port_only() {
        let base = Url::parse("https://dts.tencentcloudapi.com/").unwrap();
        let map = headers(LOCATION, "http://evil.example:8080/steal?token=x");
        assert_eq!(location_host(&map, &base).as_deref(), Some("evil.example:8080"));
        let relative = headers(LOCATION, "/other");
        assert_eq!(
            location_host(&relative, &base).as_deref(),
            Some("dts.tencentcloudapi.com")
        );
    }
}
