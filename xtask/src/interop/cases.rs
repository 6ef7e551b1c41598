//! The requests of one interop run: each a function of the seed and its index alone.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tencentcloud_runtime::{ActionInfo, Language, ServiceInfo};

use super::payload::{self, Kind};
use crate::rng::Rng;

/// A service version and actions of it, as the generator would emit them.
pub struct Api {
    pub service: ServiceInfo,
    pub actions: &'static [ActionInfo],
}

const fn action(name: &'static str) -> ActionInfo {
    ActionInfo::new(name)
}

const fn api(name: &'static str, version: &'static str, actions: &'static [ActionInfo]) -> Api {
    Api {
        service: ServiceInfo { name, version },
        actions,
    }
}

pub static APIS: &[Api] = &[
    api(
        "wedata",
        "2025-08-06",
        &[action("ListProjects"), action("CreateDataSource")],
    ),
    api(
        "wedata",
        "2021-08-20",
        &[action("DescribeDataSourceList"), action("DescribeTaskInstances")],
    ),
    api(
        "dts",
        "2021-12-06",
        &[action("DescribeMigrationJobs"), action("CreateSyncJob")],
    ),
    api("dts", "2018-03-30", &[action("DescribeMigrateJobs")]),
    api(
        "cvm",
        "2017-03-12",
        &[action("DescribeInstances"), action("RunInstances")],
    ),
    api("vpc", "2017-03-12", &[action("DescribeVpcs")]),
    api("cam", "2019-01-16", &[action("ListUsers")]),
    api("cls", "2020-10-16", &[action("SearchLog")]),
    api("tke", "2018-05-25", &[action("DescribeClusters")]),
    api("sts", "2018-08-13", &[action("GetFederationToken")]),
    api("cdb", "2017-03-20", &[action("DescribeDBInstances")]),
    api("ssl", "2019-12-05", &[action("DescribeCertificates")]),
];

pub const REGIONS: &[&str] = &[
    "ap-guangzhou",
    "ap-shanghai",
    "ap-beijing",
    "ap-shanghai-fsi",
    "ap-hongkong",
    "na-siliconvalley",
    "eu-frankfurt",
    "sa-saopaulo",
];

/// A SecretId and the key it signs with; the interop server is told every pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPair {
    pub secret_id: String,
    pub secret_key: String,
}

/// The credentials of a run: the two pairs of the signing vectors, then pairs drawn from the
/// seed (one with a key outside ASCII, which the signature derivation must encode as UTF-8).
pub fn key_pairs(seed: u64) -> Vec<KeyPair> {
    let mut rng = Rng::for_case(seed, u64::MAX);
    let mut pairs = vec![
        pair(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        ),
        pair(
            "AKIDTMPz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "TmpGu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        ),
    ];
    for i in 0..3 {
        let mut key = alphanumeric(&mut rng, 32);
        if i == 2 {
            key.push_str("+/=密钥🔑");
        }
        pairs.push(KeyPair {
            secret_id: format!("AKID{}", alphanumeric(&mut rng, 32)),
            secret_key: key,
        });
    }
    pairs
}

fn pair(id: &str, key: &str) -> KeyPair {
    KeyPair {
        secret_id: id.to_owned(),
        secret_key: key.to_owned(),
    }
}

fn alphanumeric(rng: &mut Rng, n: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..n).map(|_| char::from(*rng.pick(CHARS))).collect()
}

/// One request of the run.
pub struct Case {
    pub index: u64,
    pub api: &'static Api,
    pub action: &'static ActionInfo,
    pub region: Option<&'static str>,
    pub language: Option<Language>,
    /// Index into [`key_pairs`].
    pub key_pair: usize,
    pub token: Option<String>,
    /// What the injected clock reads: `timestamp` seconds plus a fraction the client must drop.
    pub now: SystemTime,
    /// The expected `X-TC-Timestamp`.
    pub timestamp: u64,
    pub kind: Kind,
    pub payload: Value,
}

/// First and last UTC day (days since 1970-01-01) the clock is set around: 2000-01-01 to 2099-12-31.
const FIRST_DAY: u64 = 10_957;
const LAST_DAY: u64 = 47_481;
/// Day boundaries worth hitting on purpose: a new year (that of the signing vectors), a leap
/// day on both sides, the start of 2100 (no leap day that year).
const SPECIAL_MIDNIGHTS: &[u64] = &[1_735_689_600, 1_709_164_800, 1_709_251_200, 4_102_444_800];

/// Case `index` of the run seeded with `seed`; `key_pairs` is the length of [`key_pairs`].
pub fn case(seed: u64, index: u64, key_pairs: usize) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let api = rng.pick(APIS);
    let action = rng.pick(api.actions);
    let region = (!rng.one_in(4)).then(|| *rng.pick(REGIONS));
    let language = *rng.pick(&[None, Some(Language::ZhCn), Some(Language::EnUs)]);
    let key_pair = rng.below(key_pairs);
    let token = rng.one_in(2).then(|| token(&mut rng));
    let midnight = if rng.one_in(8) {
        *rng.pick(SPECIAL_MIDNIGHTS)
    } else {
        rng.range(FIRST_DAY as usize, LAST_DAY as usize) as u64 * 86_400
    };
    // Two seconds either side of the boundary, landing on both dates.
    let timestamp = midnight - 2 + rng.below(5) as u64;
    let now = UNIX_EPOCH + Duration::new(timestamp, rng.below(1_000_000_000) as u32);
    let kind = Kind::for_index(index);
    let payload = payload::generate(kind, &mut rng);
    Case {
        index,
        api,
        action,
        region,
        language,
        key_pair,
        token,
        now,
        timestamp,
        kind,
        payload,
    }
}

/// A session token: long, of the characters real tokens use.
fn token(rng: &mut Rng) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=";
    let n = rng.range(16, 1024);
    (0..n).map(|_| char::from(*rng.pick(CHARS))).collect()
}

/// The UTC date and time of a Unix timestamp, `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc(timestamp: u64) -> String {
    let days = timestamp / 86_400;
    let secs = timestamp % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

impl fmt::Display for Case {
    /// Enough to find and replay the case: index (the seed is printed once per run), service,
    /// action, timestamp and the rest of the configuration, never the key or the token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "case {} {} {} {} timestamp {} ({}) region {} language {} key pair {} token {} payload {:?}",
            self.index,
            self.api.service.name,
            self.api.service.version,
            self.action.name,
            self.timestamp,
            utc(self.timestamp),
            self.region.unwrap_or("-"),
            self.language.map_or("-", Language::as_str),
            self.key_pair,
            if self.token.is_some() { "yes" } else { "no" },
            self.kind,
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn utc_formats_known_instants() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_735_689_599), "2024-12-31T23:59:59Z");
        assert_eq!(utc(1_709_164_800), "2024-02-29T00:00:00Z");
        assert_eq!(utc(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(utc(FIRST_DAY * 86_400), "2000-01-01T00:00:00Z");
        assert_eq!(utc(LAST_DAY * 86_400), "2099-12-31T00:00:00Z");
    }

    #[test]
    fn a_run_covers_every_dimension() {
        let pairs = key_pairs(5).len();
        let cases: Vec<Case> = (0..200).map(|i| case(5, i, pairs)).collect();
        let services: HashSet<_> = cases.iter().map(|c| c.api.service.name).collect();
        assert!(services.len() >= 8, "{services:?}");
        assert!(cases.iter().any(|c| c.region.is_none()));
        assert!(cases.iter().map(|c| c.region).collect::<HashSet<_>>().len() > 4);
        for language in [None, Some(Language::ZhCn), Some(Language::EnUs)] {
            assert!(cases.iter().any(|c| c.language == language));
        }
        assert!(cases.iter().any(|c| c.token.is_some()) && cases.iter().any(|c| c.token.is_none()));
        assert_eq!(cases.iter().map(|c| c.key_pair).collect::<HashSet<_>>().len(), pairs);
        for c in &cases {
            let off = (c.timestamp + 2) % 86_400;
            assert!(off <= 4, "{c}: not within 2 s of midnight");
            assert_eq!(c.now.duration_since(UNIX_EPOCH).unwrap().as_secs(), c.timestamp);
        }
        // Both sides of a boundary, and the boundary itself.
        assert!(cases.iter().any(|c| c.timestamp % 86_400 == 86_399));
        assert!(cases.iter().any(|c| c.timestamp % 86_400 == 0));
        assert!(cases
            .iter()
            .any(|c| SPECIAL_MIDNIGHTS.iter().any(|m| m.abs_diff(c.timestamp) <= 2)));
    }

    #[test]
    fn cases_are_reproducible_from_seed_and_index() {
        let a = case(11, 123, 5);
        let b = case(11, 123, 5);
        assert_eq!(a.to_string(), b.to_string());
        assert_eq!(a.payload, b.payload);
        assert_eq!(a.token, b.token);
        assert_eq!(a.now, b.now);
        assert_eq!(key_pairs(11), key_pairs(11));
        assert_ne!(key_pairs(11)[2], key_pairs(12)[2]);
        assert_eq!(key_pairs(11)[0], key_pairs(12)[0]);
    }
}
