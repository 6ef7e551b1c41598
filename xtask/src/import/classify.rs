//! Facts the sources imply but do not state, decided once at import and written into the spec,
//! where a reviewer sees them in the diff: which actions only read (the client retries them
//! after failures where the request may have run), which members hold secrets (never
//! printed), and which text members are timestamps (typed `datetime`, `datetime_iso` or `date`
//! when their documented example has that form; the generated types keep the text as sent, so
//! a wrong guess costs nothing at run time). A maintainer corrects a wrong decision in the
//! spec's `overrides`, which the importers keep and the generator applies.

use tencentcloud_codegen::spec::{Member, Spec, Type};
use tencentcloud_runtime::secret::is_secret_name;

/// Verbs of actions that only read, when followed by an uppercase letter, a digit or nothing
/// (`GetTask`, not `Getaway`). `Inquiry`/`Inquire` are the price queries.
const READ_ONLY_VERBS: [&str; 7] = ["Describe", "Get", "List", "Query", "Search", "Inquire", "Inquiry"];

/// Sets `read_only` on every action, `secret` on every member, and a timestamp type on text
/// members whose example is a timestamp.
pub fn classify(spec: &mut Spec) {
    for (name, action) in &mut spec.actions {
        action.read_only = is_read_only(name);
    }
    for shape in spec.shapes.values_mut() {
        for member in &mut shape.members {
            member.secret = is_secret(member);
            if let Some(ty) = timestamp_type(member) {
                member.ty = ty;
            }
        }
    }
}

/// `datetime` for a text member whose example reads `2023-12-18 20:55:27`, `datetime_iso` for
/// `2023-12-18T20:55:27+08:00` (or `Z`), `date` for `2023-12-18`.
pub fn timestamp_type(member: &Member) -> Option<Type> {
    if member.ty != Type::String {
        return None;
    }
    let example = member.example.as_deref()?.trim();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let is_date = |s: &str| {
        let parts: Vec<&str> = s.split('-').collect();
        matches!(parts.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2))
    };
    let is_time = |s: &str| {
        let parts: Vec<&str> = s.split(':').collect();
        matches!(parts.as_slice(), [h, m, s] if digits(h, 2) && digits(m, 2) && digits(s.split('.').next().unwrap_or(""), 2))
    };
    if is_date(example) {
        return Some(Type::Date);
    }
    if let Some((date, time)) = example.split_once(' ') {
        return (is_date(date) && is_time(time)).then_some(Type::Datetime);
    }
    let (date, rest) = example.split_once('T')?;
    let time = rest
        .strip_suffix('Z')
        .or_else(|| rest.rfind(['+', '-']).map(|at| &rest[..at]))?;
    (is_date(date) && is_time(time)).then_some(Type::DatetimeIso)
}

/// See [`READ_ONLY_VERBS`].
pub fn is_read_only(action: &str) -> bool {
    READ_ONLY_VERBS.iter().any(|verb| {
        action.strip_prefix(verb).is_some_and(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
    })
}

/// A text member (or list of them) whose name says it is a credential, or whose docs say so in
/// their first clause (`Data`: "长连接临时token。与Token相同含义…"). Structures are never secret
/// themselves; their members are judged one by one.
pub fn is_secret(member: &Member) -> bool {
    let text = match &member.ty {
        Type::List(item) => matches!(**item, Type::String | Type::Binary),
        ty => matches!(ty, Type::String | Type::Binary | Type::Json),
    };
    text && (is_secret_name(&member.name) || docs_name_a_secret(&member.docs))
}

/// Whether the first clause of `docs` (tags dropped) names a credential: it ends in one of
/// the nouns below, as in "长连接临时token" or "Password of the database account".
fn docs_name_a_secret(docs: &str) -> bool {
    const NOUNS: [&str; 9] = [
        "token",
        "密码",
        "密钥",
        "私钥",
        "password",
        "secret",
        "secret key",
        "private key",
        "口令",
    ];
    const STARTS: [&str; 2] = ["password", "secret key"];
    let plain = strip_tags(docs);
    let first = plain
        .split(['。', '，', ',', '.', ';', '；', '\n', '(', '（', ':', '：'])
        .map(str::trim)
        .find(|clause| !clause.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    NOUNS.iter().any(|noun| first.ends_with(noun)) || STARTS.iter().any(|s| first.starts_with(s))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, ty: &str, docs: &str) -> Member {
        Member {
            name: name.into(),
            ty: ty.parse().unwrap(),
            required: false,
            nullable: false,
            deprecated: false,
            value_set: None,
            secret: false,
            docs: docs.into(),
            docs_en: String::new(),
            example: None,
        }
    }

    #[test]
    fn read_only_means_a_listed_verb_at_a_word_boundary() {
        for name in [
            "DescribeTasks",
            "GetTask",
            "ListProjects",
            "QueryX",
            "SearchLogs",
            "InquiryPriceRunInstances",
            "InquirePriceRenew",
            "Get",
            "Describe2",
        ] {
            assert!(is_read_only(name), "{name}");
        }
        for name in [
            "CreateTask",
            "Getaway",
            "Listen",
            "describeTasks",
            "ModifyDescribe",
            "RunGetTask",
            "",
            "BatchGetTasks",
        ] {
            assert!(!is_read_only(name), "{name}");
        }
    }

    #[test]
    fn timestamps_by_their_example() {
        let with = |ty: &str, example: &str| Member {
            example: Some(example.into()),
            ..member("T", ty, "")
        };
        assert_eq!(
            timestamp_type(&with("string", "2023-12-18 20:55:27")),
            Some(Type::Datetime)
        );
        assert_eq!(
            timestamp_type(&with("string", "2020-09-22T00:00:00+08:00")),
            Some(Type::DatetimeIso)
        );
        assert_eq!(
            timestamp_type(&with("string", "2020-09-22T00:00:00.123Z")),
            Some(Type::DatetimeIso)
        );
        assert_eq!(timestamp_type(&with("string", "2024-02-29")), Some(Type::Date));
        for other in ["01:01:01", "2023-12-18", "20231218", "2023-12-18 20:55", "x", ""] {
            let expected = (other == "2023-12-18").then_some(Type::Date);
            assert_eq!(timestamp_type(&with("string", other)), expected, "{other}");
        }
        assert_eq!(timestamp_type(&with("int64", "2023-12-18")), None);
        assert_eq!(timestamp_type(&member("T", "string", "")), None);
    }

    #[test]
    fn secrets_by_name_and_by_docs() {
        assert!(is_secret(&member("Password", "string", "")));
        assert!(is_secret(&member(
            "KeyTab",
            "string",
            "keytab文件，默认文件名[数据源名].keytab"
        )));
        assert!(is_secret(&member(
            "Data",
            "string",
            "长连接临时token。与Token相同含义，优先取Data，Data为空时，取Token。"
        )));
        assert!(is_secret(&member("Pwd2", "string", "<p>Password of the account</p>")));
        assert!(is_secret(&member("Tokens", "list<string>", "")));
        // A structure named like a secret holds secrets; it is not one.
        assert!(!is_secret(&member("Token", "CosTokenResponse", "<p>Token信息</p>")));
        // Mentions are not names.
        assert!(!is_secret(&member(
            "User",
            "string",
            "<p>用户名，对于访问需要用户名密码认证的实例必填</p>"
        )));
        assert!(!is_secret(&member("Id", "string", "token id")));
        assert!(!is_secret(&member("SecretId", "string", "临时密钥Id")));
        assert!(!is_secret(&member("Port", "int64", "password")));
    }
}
