//! Section 1 of a page: request domain (hence the service), title, description and the
//! default rate limit.

use super::lines::Page;
use super::vocabulary::{
    after_label, find_ci, section_heading, strip_bullet, strip_prefix_ci, API_EXPLORER, DOMAIN, RATE_LIMIT_EN,
    RATE_LIMIT_EN_OLD, RATE_LIMIT_ZH,
};
use super::{PageError, Warning};

pub struct Header {
    pub domain: String,
    pub domain_line: u32,
    /// The first label of the domain: `wedata` for `wedata.intl.tencentcloudapi.com`.
    pub service: String,
    pub title: String,
    pub docs: String,
    pub rate_limit: Option<u32>,
}

pub fn read(page: &Page, warnings: &mut Vec<Warning>) -> Result<Header, PageError> {
    let (value_index, domain_line, domain) = domain(page)?;
    let service = service_of(&domain)
        .ok_or_else(|| page.error(domain_line, format!("`{domain}` is not a Tencent Cloud API domain")))?;

    // The title is the line after the domain, the description the lines up to the rate limit
    // (or what else ends it). A rate limit glued to the end of a line (`...in the
    // response.A maximum of 20 requests...`) ends it too, after the text before it.
    let mut texts = Vec::new();
    for line in page.lines.iter().skip(value_index + 1).filter(|l| !l.text.is_empty()) {
        let glued_at = rate_limit_in(line.text).map(|(at, _)| at);
        let text = glued_at.and_then(|at| line.text.get(..at)).unwrap_or(line.text).trim();
        if glued_at == Some(0) || ends_description(line.text) {
            break;
        }
        texts.push(text);
        if glued_at.is_some() {
            break;
        }
    }
    let mut texts = texts.into_iter();
    let title = match texts.next() {
        Some(text) => text.to_owned(),
        None => {
            warnings.push(page.warning(domain_line, "no action title on the line after the domain"));
            String::new()
        }
    };
    let docs: Vec<&str> = texts.collect();

    let mut rate_limit = None;
    match page
        .lines
        .iter()
        .find_map(|line| rate_limit_in(line.text).map(|(_, n)| (line.no, n)))
    {
        Some((line, number)) => match number.parse::<u32>() {
            Ok(n) => rate_limit = Some(n),
            Err(_) => warnings.push(page.warning(
                line,
                format!("rate limit `{number}` is not a number of requests per second"),
            )),
        },
        None => warnings.push(page.warning(
            domain_line,
            "no default rate limit (`默认接口请求频率限制` / `A maximum of N requests`)",
        )),
    }

    Ok(Header {
        domain,
        domain_line,
        service,
        title,
        docs: docs.join("\n"),
        rate_limit,
    })
}

/// The request domain, from `接口请求域名: x.tencentcloudapi.com 。` or a label whose value
/// is on a later line (`API domain name:`, a blank line, the domain). Returns the index of the
/// line holding the value, that line's number and the domain.
fn domain(page: &Page) -> Result<(usize, u32, String), PageError> {
    let (index, label_line, value) = page
        .lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| after_label(strip_bullet(line.text), &DOMAIN).map(|value| (i, line, value)))
        .ok_or_else(|| {
            page.error(
                1,
                "no request domain (`接口请求域名: ...` / `Domain name for API request: ...`)",
            )
        })?;
    let value = clean_domain(value);
    if !value.is_empty() {
        return Ok((index, label_line.no, value.to_owned()));
    }
    // Only the next non-blank line can hold the value: anything further is the description.
    let next = page
        .lines
        .iter()
        .enumerate()
        .skip(index + 1)
        .find(|(_, line)| !line.text.is_empty());
    match next {
        Some((i, line)) if is_domain_like(clean_domain(line.text)) => {
            Ok((i, line.no, clean_domain(line.text).to_owned()))
        }
        _ => Err(page.error(label_line.no, "the request domain label has no domain after it")),
    }
}

fn clean_domain(value: &str) -> &str {
    value.trim().trim_end_matches(['。', '.', ' ']).trim()
}

/// A single word with a dot and no spaces: a candidate for `service_of`, which decides.
fn is_domain_like(text: &str) -> bool {
    text.contains('.') && !text.contains(char::is_whitespace)
}

/// `wedata.tencentcloudapi.com` -> `wedata`. The service name is also the signing scope, so it
/// must be a lower-case word.
fn service_of(domain: &str) -> Option<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    let host_ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    let service = labels.first()?;
    let service_ok = service.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (host_ok && service_ok).then(|| (*service).to_owned())
}

/// The lines that end the title block: the rate limit, the API Explorer box, a section
/// heading, or a table.
fn ends_description(text: &str) -> bool {
    rate_limit_in(text).is_some_and(|(at, _)| at == 0)
        || API_EXPLORER.iter().any(|p| strip_prefix_ci(text, p).is_some())
        || section_heading(text).is_some()
        || text.starts_with('|')
        || text.contains(" | ")
}

/// Where the default rate limit sentence starts in `text`, and its number: `默认接口请求频率
/// 限制:20次/秒。`, `A maximum of 20 requests can be initiated per second for this API.`,
/// `Default API request frequency limit: 20 times/second.`. Found anywhere in the line, since
/// the pages glue it to the sentence before (`...by default.A maximum of 40 requests...`).
fn rate_limit_in(text: &str) -> Option<(usize, &str)> {
    labelled_number(text, RATE_LIMIT_ZH)
        .or_else(|| labelled_number(text, RATE_LIMIT_EN_OLD))
        .or_else(|| sentence_number(text))
}

/// `label: N unit`.
fn labelled_number<'t>(text: &'t str, (label, unit): (&str, &str)) -> Option<(usize, &'t str)> {
    let at = find_ci(text, label)?;
    let rest = text.get(at + label.len()..)?.trim_start();
    let rest = rest.strip_prefix([':', '：']).unwrap_or(rest);
    let end = find_ci(rest, unit)?;
    Some((at, rest.get(..end)?.trim()))
}

/// `A maximum of N requests can be initiated per second`, the first occurrence where a number
/// sits between the two (descriptions say `A maximum of 100 instances ...`).
fn sentence_number(text: &str) -> Option<(usize, &str)> {
    let (before, after) = RATE_LIMIT_EN;
    let mut from = 0;
    loop {
        let at = from + find_ci(text.get(from..)?, before)?;
        let rest = text.get(at + before.len()..)?;
        let number = rest.trim_start();
        let digits = number.len() - number.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let tail = number.get(digits..)?.trim_start();
        if strip_prefix_ci(tail, after).is_some() {
            return Some((at, number.get(..digits)?));
        }
        from = at + before.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services() {
        assert_eq!(service_of("wedata.intl.tencentcloudapi.com").as_deref(), Some("wedata"));
        assert_eq!(service_of("Wedata.tencentcloudapi.com"), None);
        assert_eq!(service_of("wedata"), None);
        assert_eq!(service_of("a..com"), None);
    }

    #[test]
    fn rate_limits() {
        assert_eq!(rate_limit_in("默认接口请求频率限制:20次/秒。"), Some((0, "20")));
        assert_eq!(
            rate_limit_in("A maximum of 100 requests can be initiated per second for this API."),
            Some((0, "100"))
        );
        assert_eq!(rate_limit_in("默认接口请求频率限制:次/秒"), Some((0, "")));
        assert_eq!(rate_limit_in("限制"), None);
        assert_eq!(
            rate_limit_in("Default API request frequency limit: 20 times/second."),
            Some((0, "20"))
        );
    }

    #[test]
    fn glued_rate_limits() {
        let text = "and is 20 by default.A maximum of 40 requests can be initiated per second for this API.";
        assert_eq!(rate_limit_in(text), Some((21, "40")));
        let text = "Registration EventA maximum of 20 requests can be initiated per second for this API.";
        assert_eq!(rate_limit_in(text), Some((18, "20")));
        let text = "A maximum of 100 instances are allowed. A maximum of 10 requests can be initiated per second";
        assert_eq!(rate_limit_in(text).map(|(_, n)| n), Some("10"));
        assert_eq!(
            rate_limit_in("A maximum of 100 instances are allowed in a batch."),
            None
        );
    }

    fn header(text: &str) -> Result<(Header, Vec<Warning>), PageError> {
        let page = Page::new("h", text);
        let mut warnings = Vec::new();
        read(&page, &mut warnings).map(|h| (h, warnings))
    }

    #[test]
    fn title_glued_to_the_rate_limit() {
        let (h, w) = header(
            "Domain name for API request: tat.tencentcloudapi.com.\nRegistration EventA maximum of 20 requests can be initiated per second for this API.\nThis API is only open to allowlisted users.",
        )
        .unwrap();
        assert_eq!(
            (h.title.as_str(), h.docs.as_str(), h.rate_limit),
            ("Registration Event", "", Some(20))
        );
        assert!(w.is_empty(), "{w:?}");
        let (h, _) = header(
            "接口请求域名: cvm.tencentcloudapi.com 。\n启动实例\n只有状态为 STOPPED 的实例才可以。默认接口请求频率限制:10次/秒。",
        )
        .unwrap();
        assert_eq!(
            (h.title.as_str(), h.docs.as_str(), h.rate_limit),
            ("启动实例", "只有状态为 STOPPED 的实例才可以。", Some(10))
        );
    }

    #[test]
    fn domain_on_a_later_line() {
        let (h, _) =
            header("1. API Description\nAPI domain name:\n\nscf.tencentcloudapi.com.\nRuns a function.").unwrap();
        assert_eq!(
            (h.domain.as_str(), h.domain_line, h.title.as_str()),
            ("scf.tencentcloudapi.com", 4, "Runs a function.")
        );
        let err = header("x\nAPI domain name:\n\nThis API runs a function.")
            .err()
            .unwrap();
        assert_eq!(err.line, 2, "{err}");
        let (h, _) = header("API request domain name: scf.tencentcloudapi.com.\nRuns.").unwrap();
        assert_eq!(h.domain, "scf.tencentcloudapi.com");
    }
}
