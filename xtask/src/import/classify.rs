//! Facts the sources imply but do not state, decided once at import and written into the spec,
//! where a reviewer sees them in the diff: which actions only read (the client retries them
//! after failures where the request may have run) and which members hold secrets (never
//! printed). A maintainer corrects a wrong decision in the spec's `overrides`, which the
//! importers keep and the generator applies.

use tencentcloud_codegen::spec::{Member, Spec, Type};
use tencentcloud_runtime::secret::is_secret_name;

/// Verbs of actions that only read, when followed by an uppercase letter, a digit or nothing
/// (`GetTask`, not `Getaway`). `Inquiry`/`Inquire` are the price queries.
const READ_ONLY_VERBS: [&str; 7] = ["Describe", "Get", "List", "Query", "Search", "Inquire", "Inquiry"];

/// Sets `read_only` on every action and `secret` on every member of `spec`.
pub fn classify(spec: &mut Spec) {
    for (name, action) in &mut spec.actions {
        action.read_only = is_read_only(name);
    }
    for shape in spec.shapes.values_mut() {
        for member in &mut shape.members {
            member.secret = is_secret(member);
        }
    }
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
