//! Splitting wire names into words, acronym-aware.
//!
//! Plain `heck` splits `TaskIDs` into `task_i_ds` and `IPv6Address` into `i_pv6_address`,
//! because it starts a word at every upper-case letter that is followed by a lower-case one.
//! Tencent's wire names use acronyms with a plural `s` (`IDs`, `URLs`, `DTOs`) and mixed-case
//! tokens (`IPv6`), so words are split here first and `heck` only cases whole words.

/// Splits an identifier into words: `TaskIDs` -> `[Task, IDs]`, `DBInstance` -> `[DB, Instance]`,
/// `IPv6Address` -> `[IPv6, Address]`, `KRB5Conf` -> `[KRB5, Conf]`. Characters other than
/// ASCII letters and digits separate words and are dropped.
pub fn split_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        if !c.is_ascii_alphanumeric() {
            flush(&mut current, &mut words);
            continue;
        }
        if c.is_ascii_uppercase() && !current.is_empty() {
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => starts_camel_word(&chars[i + 1..]),
                _ => false,
            };
            if boundary {
                flush(&mut current, &mut words);
            }
        }
        current.push(c);
    }
    flush(&mut current, &mut words);
    words
}

/// Inside an upper-case run, does the letter just before `rest` begin a new word? It does when
/// a lower-case run follows (`DBInstance`: `I` + `nstance`), except for an acronym plural
/// (`IDs`: a lone `s` closing the name or followed by a capital or digit) and a version tag
/// (`IPv6`: one lower-case letter followed by a digit).
fn starts_camel_word(rest: &[char]) -> bool {
    let lower_run = rest.iter().take_while(|c| c.is_ascii_lowercase()).count();
    if lower_run == 0 {
        return false;
    }
    let after = rest.get(lower_run);
    let plural_s = lower_run == 1 && rest[0] == 's' && after.is_none_or(|c| !c.is_ascii_lowercase());
    let version_tag = lower_run == 1 && after.is_some_and(|c| c.is_ascii_digit());
    !(plural_s || version_tag)
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

#[cfg(test)]
mod tests {
    use super::split_words;

    #[track_caller]
    fn check(name: &str, expected: &[&str]) {
        assert_eq!(split_words(name), expected, "{name}");
    }

    #[test]
    fn acronyms_stay_whole() {
        check("TaskIDs", &["Task", "IDs"]);
        check("URLs", &["URLs"]);
        check("IPv6Address", &["IPv6", "Address"]);
        check("DBInstance", &["DB", "Instance"]);
        check("ExecutionTTL", &["Execution", "TTL"]);
        check("DDLSql", &["DDL", "Sql"]);
        check("COSBucket", &["COS", "Bucket"]);
        check("DependencyConfigDTOs", &["Dependency", "Config", "DTOs"]);
        check("RuleExecResultVOList", &["Rule", "Exec", "Result", "VO", "List"]);
        check("KRB5Conf", &["KRB5", "Conf"]);
        check("VCoreSeconds", &["V", "Core", "Seconds"]);
        check("AppID", &["App", "ID"]);
        check("IDsList", &["IDs", "List"]);
    }

    #[test]
    fn ordinary_names() {
        check("RequestId", &["Request", "Id"]);
        check("IsEnd", &["Is", "End"]);
        check("TimeMs", &["Time", "Ms"]);
        check("tenantId", &["tenant", "Id"]);
        check("ftp.file.name", &["ftp", "file", "name"]);
        check(
            "AuthFailure.SignatureExpire",
            &["Auth", "Failure", "Signature", "Expire"],
        );
        check("Type", &["Type"]);
        check("", &[] as &[&str]);
    }
}
