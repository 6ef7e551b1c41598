//! Temporary credentials of the CAM role bound to a CVM instance, from the metadata service.

use std::fmt;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use url::Url;

use super::{Credentials, CredentialsError, CredentialsFuture, Fetched, ProvideCredentials, RefreshingCache};
use crate::client::{GetError, Getter};

const DEFAULT_BASE_URL: &str = "http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/";
/// The metadata service is link-local: on a CVM it answers in milliseconds, and off one a long
/// wait only delays the chain's final error.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);
/// Longest answer read: a role name, or a credentials document of a few KB.
const MAX_ANSWER: u64 = 64 * 1024;
/// Temporary credentials of the role bound to this CVM instance, read from the metadata service:
/// `{base}` lists the role name, `{base}{role}` returns `TmpSecretId`, `TmpSecretKey`, `Token`
/// and `ExpiredTime`.
///
/// The credentials are cached and refreshed 5 minutes before they expire ([`RefreshingCache`]).
/// One caller refreshes while the others wait (nothing cached) or keep using the still-valid
/// credentials. If a refresh fails while the cached credentials are still valid, they are used
/// until they expire and a warning is logged. The metadata service is never reached through a proxy, and requests time
/// out after 2 seconds so the provider fails fast off CVM.
pub struct InstanceRoleProvider {
    base_url: String,
    timeout: Duration,
    http: OnceLock<Result<Getter, String>>,
    cache: RefreshingCache<CredentialsError>,
}

/// A fetch error before it is given the source prefix; kept apart so an expired cache can say so.
struct FetchError {
    not_found: bool,
    message: String,
}

impl FetchError {
    fn not_found(message: String) -> Self {
        FetchError {
            not_found: true,
            message,
        }
    }

    fn invalid(message: String) -> Self {
        FetchError {
            not_found: false,
            message,
        }
    }

    fn into_error(self, context: &str) -> CredentialsError {
        let message = format!("instance role: {context}{}", self.message);
        if self.not_found {
            CredentialsError::NotFound(message)
        } else {
            CredentialsError::Invalid(message)
        }
    }
}

impl InstanceRoleProvider {
    /// Reads `http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/`.
    pub fn new() -> Self {
        InstanceRoleProvider {
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            http: OnceLock::new(),
            cache: RefreshingCache::new("instance role"),
        }
    }

    /// Reads the role name from `url` and the credentials from `url` + role name.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Limit on each metadata request (default 2 s; connecting is limited to 1 s at most).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.http = OnceLock::new();
        self
    }

    /// Time source for deciding when to refresh, compared with `ExpiredTime`.
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.cache.set_clock(now);
        self
    }

    async fn provide(&self) -> Result<Credentials, CredentialsError> {
        self.cache
            .get(|now, expired| async move {
                let context = match expired {
                    Some(at) => format!("cached credentials expired at {at} and the refresh failed: "),
                    None => String::new(),
                };
                self.fetch(now).await.map_err(|e| e.into_error(&context))
            })
            .await
    }

    async fn fetch(&self, now: u64) -> Result<Fetched, FetchError> {
        let http = self
            .http
            // Link-local: a proxy from the environment could not reach it, and must not see the
            // credentials if it could, so the getter never uses one.
            .get_or_init(|| {
                Getter::new(CONNECT_TIMEOUT.min(self.timeout), self.timeout)
                    .map_err(|e| format!("cannot create the HTTP client: {e}"))
            })
            .as_ref()
            .map_err(|e| FetchError::invalid(e.clone()))?;
        let base = Url::parse(&self.base_url)
            .ok()
            .filter(|u| u.scheme() == "http" || u.scheme() == "https")
            .ok_or_else(|| FetchError::invalid(format!("base URL `{}` is not an http(s) URL", self.base_url)))?;

        let listing = self.get_text(http, &base, "the role name").await?;
        let role = listing
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .ok_or_else(|| FetchError::not_found(format!("the metadata service at {base} lists no role")))?;
        // CAM role names use these characters only; anything else is not a role name, and is not
        // echoed in case it is something that should not be.
        if !role.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)) {
            return Err(FetchError::invalid(format!(
                "the metadata service at {base} returned an invalid role name"
            )));
        }
        let mut url = base.clone();
        url.path_segments_mut()
            .map_err(|()| FetchError::invalid(format!("base URL `{base}` cannot have a path")))?
            .pop_if_empty()
            .push(role);
        let body = self.get_text(http, &url, &format!("role `{role}`")).await?;
        parse_credentials(&body, now)
            .map_err(|why| FetchError::invalid(format!("malformed credentials for role `{role}` from {base}: {why}")))
    }

    async fn get_text(&self, http: &Getter, url: &Url, what: &str) -> Result<String, FetchError> {
        let (status, body) = http.get(url, MAX_ANSWER).await.map_err(|e| {
            let why = match e {
                GetError::Timeout => format!("no answer within {:?}", self.timeout),
                GetError::Failed(why) => why,
            };
            FetchError::not_found(format!("metadata service unreachable at {url}: {why}"))
        })?;
        if status == 404 {
            // What the metadata service answers on a CVM that has no role bound.
            return Err(FetchError::not_found(format!(
                "no role is bound to this instance (HTTP 404 for {what} at {url})"
            )));
        }
        if status != 200 {
            // The body is not echoed: for the credentials request it may hold them.
            return Err(FetchError::invalid(format!(
                "the metadata service answered HTTP {status} for {what} at {url}"
            )));
        }
        String::from_utf8(body).map_err(|_| {
            FetchError::invalid(format!(
                "the metadata service's answer for {what} at {url} is not UTF-8"
            ))
        })
    }
}

/// Parses the credentials document. Errors name fields, never values: every value may be secret.
fn parse_credentials(body: &str, now: u64) -> Result<Fetched, String> {
    let doc: Value = serde_json::from_str(body).map_err(|e| {
        // Only the position: serde's message for some errors quotes the offending text.
        format!("not JSON (line {}, column {})", e.line(), e.column())
    })?;
    let doc = doc.as_object().ok_or("not a JSON object")?;
    match doc.get("Code").and_then(Value::as_str) {
        Some("Success") => {}
        // Codes are short identifiers; a value that is not one is not echoed.
        Some(code) if code.len() <= 64 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') => {
            return Err(format!("`Code` is `{code}`, not `Success`"))
        }
        _ => return Err("`Code` is missing or not `Success`".to_owned()),
    }
    let text = |field: &str| {
        doc.get(field)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("`{field}` is missing, empty or not a string"))
    };
    let secret_id = text("TmpSecretId")?;
    let secret_key = text("TmpSecretKey")?;
    let token = text("Token")?;
    let expires = match doc.get("ExpiredTime") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
    .ok_or("`ExpiredTime` is missing or not unix seconds")?;
    if expires <= now {
        return Err(format!("they expired at {expires}, before now ({now})"));
    }
    Ok(Fetched {
        credentials: Credentials::new(secret_id, secret_key)
            .with_token(token)
            .with_expiry(UNIX_EPOCH + Duration::from_secs(expires)),
        expires,
    })
}

impl Default for InstanceRoleProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for InstanceRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only when the cache expires; the credentials stay out even in redacted form.
        f.debug_struct("InstanceRoleProvider")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("cached_until", &self.cache.cached_until())
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for InstanceRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.provide())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::test_support::{
        closed_base, credentials_json, LogCapture, MetadataServer, Script, TestClock, START,
    };
    use crate::credentials::{REFRESH_BEFORE_SECS, RETRY_AFTER_FAILURE_SECS};
    use std::sync::Arc;

    const KEY: &str = "tmp-secret-key-SENSITIVE";
    const TOKEN: &str = "tmp-token-SENSITIVE";
    const EXPIRES: u64 = START + 3600;

    fn provider(base: &str, clock: &TestClock) -> InstanceRoleProvider {
        InstanceRoleProvider::new().base_url(base).clock(clock.now_fn())
    }

    fn assert_no_secret(text: &str) {
        assert!(!text.contains("SENSITIVE"), "secret leaked: {text}");
    }

    #[test]
    fn defaults_are_the_documented_metadata_url_and_a_short_timeout() {
        let p = InstanceRoleProvider::new();
        assert_eq!(
            p.base_url,
            "http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/"
        );
        assert_eq!(p.timeout, Duration::from_secs(2));
    }

    #[tokio::test]
    async fn reads_the_role_then_its_credentials() {
        let server = MetadataServer::start(Script::ok(KEY, TOKEN, EXPIRES)).await;
        let clock = TestClock::new();
        let c = provider(&server.base, &clock).provide_credentials().await.unwrap();
        let expected = Credentials::new("AKIDtmp", KEY)
            .with_token(TOKEN)
            .with_expiry(UNIX_EPOCH + Duration::from_secs(EXPIRES));
        assert_eq!(c, expected);
        assert_eq!(server.paths(), ["/meta/", "/meta/demo-role"]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_calls_share_one_fetch_and_refresh_once_inside_the_window() {
        let server = MetadataServer::start(Script::ok(KEY, TOKEN, EXPIRES)).await;
        let clock = TestClock::new();
        let p = Arc::new(provider(&server.base, &clock));
        let burst = |p: Arc<InstanceRoleProvider>| async move {
            let calls: Vec<_> = (0..100)
                .map(|_| {
                    let p = p.clone();
                    tokio::spawn(async move { p.provide_credentials().await })
                })
                .collect();
            let mut keys = Vec::new();
            for call in calls {
                keys.push(call.await.unwrap().unwrap().secret_key);
            }
            keys
        };
        let keys = burst(p.clone()).await;
        assert!(keys.iter().all(|k| k == KEY));
        assert_eq!(server.hits(), 2, "role + keys, once");

        // Still valid, but less than 5 minutes left: the next calls trigger one refresh.
        server.set(Script::ok("second-key-SENSITIVE", TOKEN, EXPIRES + 3600));
        clock.set(EXPIRES - REFRESH_BEFORE_SECS + 1);
        let keys = burst(p.clone()).await;
        assert!(keys.iter().all(|k| k == KEY || k == "second-key-SENSITIVE"));
        assert_eq!(server.hits(), 4, "one more refresh");
        let c = p.provide_credentials().await.unwrap();
        assert_eq!(c.secret_key, "second-key-SENSITIVE");
        assert_eq!(server.hits(), 4);
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_valid_credentials_then_retries_later() {
        let server = MetadataServer::start(Script::ok(KEY, TOKEN, EXPIRES)).await;
        let clock = TestClock::new();
        let p = provider(&server.base, &clock);
        p.provide_credentials().await.unwrap();
        server.set(Script {
            role: (500, format!("{KEY} {TOKEN}")),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        });
        let in_window = EXPIRES - 60;
        clock.set(in_window);
        let logs = LogCapture::start();
        assert_eq!(p.provide_credentials().await.unwrap().secret_key, KEY);
        assert_eq!(server.hits(), 3);
        let logged = logs.text();
        assert!(
            logged.contains("refresh failed") && logged.contains("HTTP 500"),
            "{logged}"
        );
        assert_no_secret(&logged);
        // Backing off: no request until the retry delay has passed.
        assert_eq!(p.provide_credentials().await.unwrap().secret_key, KEY);
        assert_eq!(server.hits(), 3);
        clock.set(in_window + RETRY_AFTER_FAILURE_SECS);
        assert_eq!(p.provide_credentials().await.unwrap().secret_key, KEY);
        assert_eq!(server.hits(), 4);
    }

    #[tokio::test]
    async fn expired_credentials_and_a_failing_refresh_are_an_error_naming_the_source() {
        let server = MetadataServer::start(Script::ok(KEY, TOKEN, EXPIRES)).await;
        let clock = TestClock::new();
        let p = provider(&server.base, &clock);
        p.provide_credentials().await.unwrap();
        server.set(Script {
            credentials: (503, format!("{KEY} {TOKEN}")),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        });
        clock.set(EXPIRES);
        let err = p.provide_credentials().await.unwrap_err();
        let base = &server.base;
        assert_eq!(
            err,
            CredentialsError::Invalid(format!(
                "instance role: cached credentials expired at {EXPIRES} and the refresh failed: \
                 the metadata service answered HTTP 503 for role `demo-role` at {base}demo-role"
            ))
        );
        assert_no_secret(&format!("{err} {err:?} {p:?}"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_callers_share_a_failed_fetch() {
        let server = MetadataServer::start(Script {
            role: (500, String::new()),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        })
        .await;
        let p = Arc::new(provider(&server.base, &TestClock::new()));
        let calls: Vec<_> = (0..20)
            .map(|_| {
                let p = p.clone();
                tokio::spawn(async move { p.provide_credentials().await })
            })
            .collect();
        for call in calls {
            assert!(call.await.unwrap().is_err());
        }
        assert_eq!(server.hits(), 1);
    }

    #[tokio::test]
    async fn off_cvm_fails_fast_as_unreachable() {
        let base = closed_base();
        let started = std::time::Instant::now();
        let err = InstanceRoleProvider::new()
            .base_url(&base)
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            matches!(&err, CredentialsError::NotFound(m)
                if m.starts_with(&format!("instance role: metadata service unreachable at {base}: "))),
            "{err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));

        // A service that accepts but never answers is cut off by the timeout.
        let server = MetadataServer::start(Script {
            delay: Duration::from_secs(30),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        })
        .await;
        let err = InstanceRoleProvider::new()
            .base_url(&server.base)
            .timeout(Duration::from_millis(200))
            .provide_credentials()
            .await
            .unwrap_err();
        assert_eq!(
            err,
            CredentialsError::NotFound(format!(
                "instance role: metadata service unreachable at {}: no answer within 200ms",
                server.base
            ))
        );
    }

    #[tokio::test]
    async fn no_role_is_not_found() {
        let server = MetadataServer::start(Script {
            role: (404, "<html>not found</html>".into()),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        })
        .await;
        let base = server.base.clone();
        let err = provider(&base, &TestClock::new()).provide_credentials().await;
        assert_eq!(
            err,
            Err(CredentialsError::NotFound(format!(
                "instance role: no role is bound to this instance (HTTP 404 for the role name at {base})"
            )))
        );
        server.set(Script {
            role: (200, "\n  \n".into()),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        });
        let err = provider(&base, &TestClock::new()).provide_credentials().await;
        assert_eq!(
            err,
            Err(CredentialsError::NotFound(format!(
                "instance role: the metadata service at {base} lists no role"
            )))
        );
    }

    /// Every error a response can cause: the message says what is wrong, never a value.
    #[tokio::test]
    async fn malformed_responses_are_invalid_and_never_echo_secrets() {
        let server = MetadataServer::start(Script::ok(KEY, TOKEN, EXPIRES)).await;
        let ok = credentials_json(KEY, TOKEN, EXPIRES);
        let cases: Vec<(u16, String, &str)> = vec![
            (
                200,
                format!(r#"{{"TmpSecretKey": "{KEY}", "Token": {TOKEN}}}"#),
                "not JSON (line 1, column",
            ),
            (200, format!(r#"["{KEY}", "{TOKEN}"]"#), "not a JSON object"),
            (
                200,
                ok.replace("\"Success\"", "\"Failure.SENSITIVE\""),
                "`Code` is `Failure.SENSITIVE`",
            ),
            (
                200,
                ok.replace("\"Success\"", &format!("\"{KEY} {TOKEN}\"")),
                "`Code` is missing or not `Success`",
            ),
            (
                200,
                ok.replace(",\"Code\":\"Success\"", ""),
                "`Code` is missing or not `Success`",
            ),
            (
                200,
                ok.replace(&format!("\"{KEY}\""), "12345"),
                "`TmpSecretKey` is missing, empty or not a string",
            ),
            (
                200,
                ok.replace(&format!("\"{TOKEN}\""), "\"\""),
                "`Token` is missing, empty or not a string",
            ),
            (
                200,
                ok.replace("\"TmpSecretId\":\"AKIDtmp\",", ""),
                "`TmpSecretId` is missing, empty or not a string",
            ),
            (
                200,
                ok.replace(&format!("{EXPIRES}"), &format!("\"{TOKEN}\"")),
                "`ExpiredTime` is missing or not unix seconds",
            ),
            (
                200,
                ok.replace(&format!("{EXPIRES}"), "-5"),
                "`ExpiredTime` is missing or not unix seconds",
            ),
            (
                200,
                ok.replace(&format!("{EXPIRES}"), &format!("{START}")),
                "they expired at 1700000000, before now",
            ),
            (500, ok.clone(), "answered HTTP 500 for role `demo-role`"),
        ];
        for (status, body, expected) in cases {
            server.set(Script {
                credentials: (status, body.clone()),
                ..Script::ok(KEY, TOKEN, EXPIRES)
            });
            let p = provider(&server.base, &TestClock::new());
            let err = p.provide_credentials().await.unwrap_err();
            let shown = format!("{err} | {err:?} | {p:?}");
            if expected.contains("SENSITIVE") {
                // A short code is echoed on purpose; only the secrets must stay out.
                assert!(!shown.contains(KEY) && !shown.contains(TOKEN), "secret leaked: {shown}");
            } else {
                assert_no_secret(&shown);
            }
            assert!(
                matches!(&err, CredentialsError::Invalid(m) if m.contains(expected)),
                "{body}: {err}"
            );
        }
        // The string form of ExpiredTime is accepted.
        server.set(Script {
            credentials: (200, ok.replace(&format!("{EXPIRES}"), &format!("\"{EXPIRES}\""))),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        });
        let c = provider(&server.base, &TestClock::new())
            .provide_credentials()
            .await
            .unwrap();
        assert_eq!(c.expires_at, Some(UNIX_EPOCH + Duration::from_secs(EXPIRES)));
        // A role listing that is not a role name is not echoed either.
        server.set(Script {
            role: (200, format!("{KEY} {TOKEN}")),
            ..Script::ok(KEY, TOKEN, EXPIRES)
        });
        let err = provider(&server.base, &TestClock::new())
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(matches!(&err, CredentialsError::Invalid(m) if m.ends_with("returned an invalid role name")));
        assert_no_secret(&err.to_string());
        let err = InstanceRoleProvider::new()
            .base_url("file:///etc/")
            .provide_credentials()
            .await;
        assert_eq!(
            err,
            Err(CredentialsError::Invalid(
                "instance role: base URL `file:///etc/` is not an http(s) URL".into()
            ))
        );
    }

    #[tokio::test]
    async fn debug_shows_where_and_until_when_but_no_secret() {
        let server = MetadataServer::start(Script::ok(KEY, TOKEN, EXPIRES)).await;
        let p = provider(&server.base, &TestClock::new());
        assert!(format!("{p:?}").contains("cached_until: None"));
        p.provide_credentials().await.unwrap();
        let debug = format!("{p:?}");
        assert!(debug.contains(&server.base) && debug.contains(&format!("cached_until: Some({EXPIRES})")));
        assert!(!debug.contains("AKIDtmp"));
        assert_no_secret(&debug);
    }
}
