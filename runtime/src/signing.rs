//! TC3-HMAC-SHA256 request signing, as pure functions.
//!
//! Each intermediate value is public so tests (and users debugging `AuthFailure.SignatureFailure`)
//! can compare against Tencent's documentation step by step. Only `content-type` and `host` are
//! signed, as the official SDKs do; the session token travels unsigned in `X-TC-Token`.

use std::fmt;
use std::sync::{Mutex, PoisonError};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::credentials::Credentials;

/// The algorithm name, first token of the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
/// The headers covered by the signature, in canonical order.
pub const SIGNED_HEADERS: &str = "content-type;host";

/// What the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SigningInput<'a> {
    /// `POST` or `GET`.
    pub method: &'a str,
    /// The `Host` header exactly as sent: host, plus `:port` when not the scheme's default.
    pub host: &'a str,
    /// The `Content-Type` header exactly as sent.
    pub content_type: &'a str,
    /// The canonical query string (already encoded, as sent); empty for POST.
    pub query: &'a str,
    /// The exact body bytes.
    pub body: &'a [u8],
    /// Service name, e.g. `cvm`.
    pub service: &'a str,
    /// Unix seconds, the value of `X-TC-Timestamp`.
    pub timestamp: u64,
}

/// A timestamp whose UTC date cannot be represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("timestamp {0} is outside the representable date range")]
pub struct InvalidTimestamp(pub u64);

/// Every step of one signature.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    pub canonical_request: String,
    pub hashed_canonical_request: String,
    /// `DATE/SERVICE/tc3_request`.
    pub credential_scope: String,
    pub string_to_sign: String,
    /// Derived from the secret key: treat as a secret (redacted from `Debug`).
    pub signing_key: [u8; 32],
    /// Lower-case hex.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signed")
            .field("canonical_request", &self.canonical_request)
            .field("hashed_canonical_request", &self.hashed_canonical_request)
            .field("credential_scope", &self.credential_scope)
            .field("string_to_sign", &self.string_to_sign)
            .field("signing_key", &"<redacted>")
            .field("signature", &self.signature)
            .field("authorization", &self.authorization)
            .finish()
    }
}

/// Signs `input` with `credentials`, returning every intermediate value. Calls need only
/// [`authorization`] (or [`SigningKeyCache::authorization`]), which gives the same header
/// without building the intermediate strings.
pub fn sign(input: &SigningInput<'_>, credentials: &Credentials) -> Result<Signed, InvalidTimestamp> {
    let date = CredentialDate::of(input.timestamp)?;
    let canonical_request = canonical_request(input);
    let hashed_canonical_request = sha256_hex(canonical_request.as_bytes());
    let credential_scope = format!("{}/{}/tc3_request", date.as_str(), input.service);
    let string_to_sign = string_to_sign(input.timestamp, &credential_scope, &hashed_canonical_request);
    let signing_key = signing_key(&credentials.secret_key, date.as_str(), input.service);
    let signature = hex::encode(hmac_sha256(&signing_key, string_to_sign.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={}/{credential_scope}, SignedHeaders={SIGNED_HEADERS}, Signature={signature}",
        credentials.secret_id
    );
    Ok(Signed {
        canonical_request,
        hashed_canonical_request,
        credential_scope,
        string_to_sign,
        signing_key,
        signature,
        authorization,
    })
}

/// The `Authorization` header value for `input`: `sign(input, credentials)?.authorization`,
/// computed without building the canonical request or the string to sign (both are hashed as
/// they are produced), so little besides the hashing itself remains.
pub fn authorization(input: &SigningInput<'_>, credentials: &Credentials) -> Result<String, InvalidTimestamp> {
    let date = CredentialDate::of(input.timestamp)?;
    let key = signing_key(&credentials.secret_key, date.as_str(), input.service);
    Ok(authorization_with_key(input, &credentials.secret_id, &date, &key))
}

/// The signing keys a client derived, each for one secret key, UTC date and service, so that a
/// call derives none (three of a signature's HMACs) unless one of those changed: a new day
/// (the date comes from each request's timestamp) or rotated credentials (the secret key is
/// compared) derive a new key and drop the stale ones. `Debug` shows only how many keys are
/// held: neither the keys nor the secret keys they were derived from.
#[derive(Default)]
pub struct SigningKeyCache {
    entries: Mutex<Vec<CachedKey>>,
}

struct CachedKey {
    secret_key: String,
    date: CredentialDate,
    service: String,
    key: [u8; 32],
}

/// Services of one client and day whose keys are kept; more are derived on every call.
const MAX_CACHED_KEYS: usize = 32;

impl SigningKeyCache {
    pub fn new() -> Self {
        SigningKeyCache::default()
    }

    /// [`authorization`], with the signing key from the cache when it holds the one for this
    /// secret key, date and service.
    pub fn authorization(
        &self,
        input: &SigningInput<'_>,
        credentials: &Credentials,
    ) -> Result<String, InvalidTimestamp> {
        let date = CredentialDate::of(input.timestamp)?;
        let key = self.key(&credentials.secret_key, date, input.service);
        Ok(authorization_with_key(input, &credentials.secret_id, &date, &key))
    }

    fn key(&self, secret_key: &str, date: CredentialDate, service: &str) -> [u8; 32] {
        let held = |entry: &CachedKey| entry.date == date && entry.secret_key == secret_key;
        // Nothing panics while the lock is held, so a poisoned lock still holds whole entries.
        let cached = self
            .entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|entry| held(entry) && entry.service == service)
            .map(|entry| entry.key);
        if let Some(key) = cached {
            return key;
        }
        // Derived outside the lock; two callers missing at once both derive the same key.
        let key = signing_key(secret_key, date.as_str(), service);
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.retain(|entry| held(entry) && entry.service != service);
        if entries.len() >= MAX_CACHED_KEYS {
            entries.remove(0);
        }
        entries.push(CachedKey {
            secret_key: secret_key.to_owned(),
            date,
            service: service.to_owned(),
            key,
        });
        key
    }
}

impl fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.entries.lock().unwrap_or_else(PoisonError::into_inner).len();
        f.debug_struct("SigningKeyCache").field("keys", &held).finish()
    }
}

/// `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=…, Signature=…`, the
/// canonical request and the string to sign fed to their hashes piece by piece.
fn authorization_with_key(input: &SigningInput<'_>, secret_id: &str, date: &CredentialDate, key: &[u8; 32]) -> String {
    let payload = hex_32(&Sha256::digest(input.body).into());
    let hashed_canonical: [u8; 32] = Sha256::new()
        .chain_update(input.method)
        .chain_update(b"\n/\n")
        .chain_update(input.query)
        .chain_update(b"\ncontent-type:")
        .chain_update(input.content_type)
        .chain_update(b"\nhost:")
        .chain_update(input.host)
        .chain_update(b"\n\n")
        .chain_update(SIGNED_HEADERS)
        .chain_update(b"\n")
        .chain_update(payload)
        .finalize()
        .into();
    let mut timestamp = [0u8; 20];
    let timestamp = decimal(input.timestamp, &mut timestamp);
    let mut mac = hmac(key);
    for part in [
        ALGORITHM.as_bytes(),
        b"\n",
        timestamp,
        b"\n",
        date.as_str().as_bytes(),
        b"/",
        input.service.as_bytes(),
        b"/tc3_request\n",
        &hex_32(&hashed_canonical),
    ] {
        mac.update(part);
    }
    let signature = hex_32(&mac.finalize().into_bytes().into());

    let parts = [
        ALGORITHM,
        " Credential=",
        secret_id,
        "/",
        date.as_str(),
        "/",
        input.service,
        "/tc3_request, SignedHeaders=",
        SIGNED_HEADERS,
        ", Signature=",
        // Hex digits are ASCII.
        std::str::from_utf8(&signature).unwrap_or_default(),
    ];
    let mut authorization = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        authorization.push_str(part);
    }
    authorization
}

/// `METHOD\n/\nQUERY\ncontent-type:CT\nhost:HOST\n\ncontent-type;host\nhex(sha256(body))`.
pub fn canonical_request(input: &SigningInput<'_>) -> String {
    format!(
        "{}\n/\n{}\ncontent-type:{}\nhost:{}\n\n{SIGNED_HEADERS}\n{}",
        input.method,
        input.query,
        input.content_type,
        input.host,
        sha256_hex(input.body)
    )
}

/// `TC3-HMAC-SHA256\nTIMESTAMP\nSCOPE\nHASHED_CANONICAL_REQUEST`.
pub fn string_to_sign(timestamp: u64, credential_scope: &str, hashed_canonical: &str) -> String {
    format!("{ALGORITHM}\n{timestamp}\n{credential_scope}\n{hashed_canonical}")
}

/// The UTC date of `timestamp` as `YYYY-MM-DD`, the date of the credential scope.
pub fn credential_date(timestamp: u64) -> Result<String, InvalidTimestamp> {
    CredentialDate::of(timestamp).map(|date| date.as_str().to_owned())
}

/// `YYYY-MM-DD`, held without allocating (every signature needs one).
#[derive(Clone, Copy, PartialEq, Eq)]
struct CredentialDate([u8; 10]);

impl CredentialDate {
    fn of(timestamp: u64) -> Result<Self, InvalidTimestamp> {
        let (year, month, day) = i64::try_from(timestamp)
            .ok()
            .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
            .ok_or(InvalidTimestamp(timestamp))?
            .to_calendar_date();
        // Four digits, as the scope is written (`time` stops at 9999 unless `large-dates` is on).
        let year = u32::try_from(year)
            .ok()
            .filter(|&year| year <= 9999)
            .ok_or(InvalidTimestamp(timestamp))?;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (month, day) = (u32::from(u8::from(month)), u32::from(day));
        Ok(CredentialDate([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ]))
    }

    fn as_str(&self) -> &str {
        // Built from ASCII digits and dashes only.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// kSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request").
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    // "TC3" + key on the stack: SecretKeys are tens of bytes.
    let mut prefixed = [0u8; 128];
    let k_date = match prefixed.get_mut(..3 + secret_key.len()) {
        Some(buffer) => {
            buffer[..3].copy_from_slice(b"TC3");
            buffer[3..].copy_from_slice(secret_key.as_bytes());
            hmac_sha256(buffer, date.as_bytes())
        }
        None => hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes()),
    };
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    hmac_sha256(&k_service, b"tc3_request")
}

/// Lower-case hex SHA-256, the payload hash and the hashed canonical request.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC is defined for keys of any length, so this never fails.
    <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts any key length")
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = hmac(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Lower-case hex of a digest, on the stack.
fn hex_32(bytes: &[u8; 32]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    out
}

/// `n` in decimal, written at the end of `buffer`.
fn decimal(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[start..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

    struct Vector {
        method: &'static str,
        service: &'static str,
        host: &'static str,
        content_type: &'static str,
        query: &'static str,
        timestamp: u64,
        date: &'static str,
        body: &'static str,
        payload_sha256: &'static str,
        signature: &'static str,
    }

    fn check(v: &Vector, id: &str, key: &str) -> Signed {
        let input = SigningInput {
            method: v.method,
            host: v.host,
            content_type: v.content_type,
            query: v.query,
            body: v.body.as_bytes(),
            service: v.service,
            timestamp: v.timestamp,
        };
        let credentials = Credentials::new(id, key);
        let signed = sign(&input, &credentials).unwrap();
        assert_eq!(authorization(&input, &credentials).unwrap(), signed.authorization);
        let cache = SigningKeyCache::new();
        for _ in 0..2 {
            assert_eq!(cache.authorization(&input, &credentials).unwrap(), signed.authorization);
        }
        assert_eq!(sha256_hex(v.body.as_bytes()), v.payload_sha256);
        assert_eq!(
            signed.canonical_request,
            format!(
                "{}\n/\n{}\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{}",
                v.method, v.query, v.content_type, v.host, v.payload_sha256
            )
        );
        assert_eq!(signed.credential_scope, format!("{}/{}/tc3_request", v.date, v.service));
        assert_eq!(
            signed.string_to_sign,
            format!(
                "TC3-HMAC-SHA256\n{}\n{}/{}/tc3_request\n{}",
                v.timestamp, v.date, v.service, signed.hashed_canonical_request
            )
        );
        assert_eq!(signed.signature, v.signature);
        assert_eq!(
            signed.authorization,
            format!(
                "TC3-HMAC-SHA256 Credential={id}/{}/{}/tc3_request, SignedHeaders=content-type;host, Signature={}",
                v.date, v.service, v.signature
            )
        );
        signed
    }

    const V1: Vector = Vector {
        method: "POST",
        service: "wedata",
        host: "wedata.tencentcloudapi.com",
        content_type: "application/json",
        query: "",
        timestamp: 1735689599,
        date: "2024-12-31",
        body: r#"{"PageNumber": 1, "PageSize": 10}"#,
        payload_sha256: "189de813e3ed8f2db070ede8038672365c9c8ae40d071e9dc4736b0c37b6f59a",
        signature: "ede97dd3cae6ef010176e2d1fae45bfa978694bf6351f90a99ab4f94c2996cfb",
    };

    #[test]
    fn vector_1_last_second_of_a_utc_day_with_intermediate_keys() {
        let signed = check(&V1, ID, KEY);
        assert_eq!(
            hex::encode(hmac_sha256(format!("TC3{KEY}").as_bytes(), b"2024-12-31")),
            "512697072b7381b1fcd4e9587b4f208263c4226098aa5f6d6f86b5ec1932335e"
        );
        let k_date = hex::decode("512697072b7381b1fcd4e9587b4f208263c4226098aa5f6d6f86b5ec1932335e").unwrap();
        assert_eq!(
            hex::encode(hmac_sha256(&k_date, b"wedata")),
            "1e4aaba11ab9fde5dd393fb7eaa9601a2322c0243cca2742091d0f6be14786a2"
        );
        assert_eq!(
            hex::encode(signed.signing_key),
            "579dec86bcd060ac76731235f6d592d0d1627e72fc00b7e3c0e2549f1ac35df8"
        );
        assert_eq!(
            signed.hashed_canonical_request,
            "9b4bdc6e67f2ff309a4a1f16dab9fe4e0aad221ef7ce115e3f0ee647e2c95092"
        );
    }

    #[test]
    fn vector_2a_ascii_escaped_body_first_second_of_a_day() {
        check(
            &Vector {
                timestamp: 1735689600,
                date: "2025-01-01",
                body: r#"{"ProjectName": "\u6570\u636e\u5f00\u53d1\u9879\u76ee", "PageNumber": 1, "PageSize": 10}"#,
                payload_sha256: "c01d4a807f2b86f66831e44e6882bd244468e9cd0b586206b441dc9d7f5a357f",
                signature: "c6ead57c0802f26208344f68011cb1b1ed4b7427abf7cbf05c26530aeaa64424",
                ..V1
            },
            ID,
            KEY,
        );
    }

    #[test]
    fn vector_2b_raw_utf8_body() {
        check(
            &Vector {
                timestamp: 1735689600,
                date: "2025-01-01",
                body: r#"{"ProjectName": "数据开发项目", "PageNumber": 1, "PageSize": 10}"#,
                payload_sha256: "c73e0ea93fe0c71e8f1a540e1ef6aa8d5195b197d58e3d0f26aa1c0bc4192e7f",
                signature: "a43c0432e01f38b991e2370def6f3d9b305fba4e92672034c310b360a8ad047b",
                ..V1
            },
            ID,
            KEY,
        );
    }

    #[test]
    fn vector_2c_compact_serde_json_body() {
        // The body is what the client sends for a struct serialized by serde_json.
        #[derive(serde::Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct ListProjects {
            project_name: &'static str,
            page_number: u32,
            page_size: u32,
        }
        let sent = serde_json::to_string(&ListProjects {
            project_name: "数据开发项目",
            page_number: 1,
            page_size: 10,
        })
        .unwrap();
        assert_eq!(sent, r#"{"ProjectName":"数据开发项目","PageNumber":1,"PageSize":10}"#);
        check(
            &Vector {
                timestamp: 1735689600,
                date: "2025-01-01",
                body: r#"{"ProjectName":"数据开发项目","PageNumber":1,"PageSize":10}"#,
                payload_sha256: "33d59b7cef781e5e1e94417f2e085888076b2ef6b2e02d6301d8039edbed0fdd",
                signature: "74d7ba48ca7c49d63afe1e391e623ad026591707bac5e3acb134bd0a902cd52a",
                ..V1
            },
            ID,
            KEY,
        );
    }

    #[test]
    fn vector_3_temporary_credentials_token_not_signed() {
        check(
            &Vector {
                method: "POST",
                service: "dts",
                host: "dts.tencentcloudapi.com",
                content_type: "application/json",
                query: "",
                timestamp: 1700000000,
                date: "2023-11-14",
                body: r#"{"Limit": 10, "Offset": 0}"#,
                payload_sha256: "97da0f0198f9a81de57b659f3a1e4b900eaf3b09af8db528a6b03865b64fe4f6",
                signature: "307acec958ab91a5a2378a1aaafff76893e4b311c474766e21c1c6add9fc8290",
            },
            "AKIDTMPz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "TmpGu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        );
    }

    #[test]
    fn vector_4_get_with_query_and_empty_body() {
        check(
            &Vector {
                method: "GET",
                service: "wedata",
                host: "wedata.tencentcloudapi.com",
                content_type: "application/x-www-form-urlencoded",
                query: "PageNumber=1&PageSize=20&Filters.0.Name=Name&Filters.0.Values.0=%E6%B5%8B%E8%AF%95+a%26b",
                timestamp: 1551113065,
                date: "2019-02-25",
                body: "",
                payload_sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                signature: "0f9c28f422f297d328f63f32dcc93b1f54a1ec372adf90718a605f246e9054f9",
            },
            ID,
            KEY,
        );
    }

    const V5: Vector = Vector {
        method: "POST",
        service: "cvm",
        host: "cvm.tencentcloudapi.com",
        content_type: "application/json; charset=utf-8",
        query: "",
        timestamp: 1551113065,
        date: "2019-02-25",
        body: r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#,
        payload_sha256: "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
        signature: "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
    };

    #[test]
    fn vector_5_documentation_example_with_charset() {
        check(&V5, ID, KEY);
    }

    #[test]
    fn vector_5b_documentation_example_without_charset() {
        check(
            &Vector {
                content_type: "application/json",
                signature: "683bd0b53659853c39699162253251192320a09b3937e27bf8e08a559b1465b8",
                ..V5
            },
            ID,
            KEY,
        );
    }

    #[test]
    fn out_of_range_timestamp_is_an_error_not_a_panic() {
        assert_eq!(credential_date(u64::MAX), Err(InvalidTimestamp(u64::MAX)));
        assert_eq!(credential_date(0).unwrap(), "1970-01-01");
        assert_eq!(credential_date(253_402_300_799).unwrap(), "9999-12-31");
        assert!(credential_date(253_402_300_800).is_err());
    }

    #[test]
    fn cached_keys_follow_the_date_the_service_and_the_secret_key() {
        let cache = SigningKeyCache::new();
        let old = Credentials::new(ID, KEY);
        let rotated = Credentials::new(ID, "RotatedSecretKeyEXAMPLE");
        let input = |timestamp, service| SigningInput {
            method: "POST",
            host: "wedata.tencentcloudapi.com",
            content_type: "application/json",
            query: "",
            body: br#"{"PageNumber": 1, "PageSize": 10}"#,
            service,
            timestamp,
        };
        // The last second of a UTC day, the first of the next, back again (a clock corrected
        // backwards), another service, and rotated credentials: each as if nothing were cached.
        for (timestamp, service, credentials) in [
            (1735689599, "wedata", &old),
            (1735689600, "wedata", &old),
            (1735689599, "wedata", &old),
            (1735689599, "dts", &old),
            (1735689599, "wedata", &rotated),
            (1735689599, "wedata", &old),
            (1735689600, "dts", &rotated),
        ] {
            let input = input(timestamp, service);
            assert_eq!(
                cache.authorization(&input, credentials).unwrap(),
                sign(&input, credentials).unwrap().authorization,
                "{timestamp} {service} {}",
                credentials.secret_key
            );
        }
        assert_eq!(
            cache.authorization(&input(1735689599, "wedata"), &old).unwrap(),
            check(&V1, ID, KEY).authorization
        );
        // One key per service for the current secret key and date; a new date or secret key
        // drops the others.
        cache.authorization(&input(1735689599, "dts"), &old).unwrap();
        assert_eq!(format!("{cache:?}"), "SigningKeyCache { keys: 2 }");
        cache.authorization(&input(1735689600, "wedata"), &rotated).unwrap();
        assert_eq!(format!("{cache:?}"), "SigningKeyCache { keys: 1 }");
    }

    #[test]
    fn the_key_cache_never_shows_keys_or_secrets() {
        let cache = SigningKeyCache::new();
        let input = SigningInput {
            method: "POST",
            host: "h",
            content_type: "application/json",
            query: "",
            body: b"{}",
            service: "cvm",
            timestamp: 0,
        };
        let credentials = Credentials::new(ID, KEY);
        cache.authorization(&input, &credentials).unwrap();
        let debug = format!("{cache:?}");
        assert!(!debug.contains(KEY), "{debug}");
        assert!(!debug.contains(&hex::encode(sign(&input, &credentials).unwrap().signing_key)));
        assert_eq!(
            cache.authorization(
                &SigningInput {
                    timestamp: u64::MAX,
                    ..input
                },
                &credentials
            ),
            Err(InvalidTimestamp(u64::MAX))
        );
    }

    #[test]
    fn a_secret_key_longer_than_the_stack_buffer_signs_the_same() {
        let long = "k".repeat(200);
        let date = "2024-12-31";
        let k_date = hmac_sha256(format!("TC3{long}").as_bytes(), date.as_bytes());
        let expected = hmac_sha256(&hmac_sha256(&k_date, b"wedata"), b"tc3_request");
        assert_eq!(signing_key(&long, date, "wedata"), expected);
    }

    #[test]
    fn debug_redacts_the_signing_key() {
        let input = SigningInput {
            method: "POST",
            host: "h",
            content_type: "application/json",
            query: "",
            body: b"{}",
            service: "cvm",
            timestamp: 0,
        };
        let signed = sign(&input, &Credentials::new(ID, KEY)).unwrap();
        let debug = format!("{signed:?}");
        assert!(!debug.contains(&hex::encode(signed.signing_key)));
        assert!(!debug.contains(KEY));
    }
}
