//! Section 1 of a page: request domain (hence the service), title, description and the
//! default rate limit.

use super::lines::Page;
use super::vocabulary::{
    after_label, section_heading, strip_prefix_ci, API_EXPLORER, DOMAIN, RATE_LIMIT_EN, RATE_LIMIT_ZH,
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
    let (domain_index, domain_line, domain) = page
        .lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| after_label(line.text, &DOMAIN).map(|value| (i, line.no, value)))
        .ok_or_else(|| {
            page.error(
                1,
                "no request domain (`接口请求域名: ...` / `Domain name for API request: ...`)",
            )
        })?;
    let domain = domain.trim_end_matches(['。', '.', ' ']).trim();
    let service = service_of(domain)
        .ok_or_else(|| page.error(domain_line, format!("`{domain}` is not a Tencent Cloud API domain")))?;

    let mut following = page
        .lines
        .iter()
        .skip(domain_index + 1)
        .filter(|line| !line.text.is_empty())
        .peekable();
    let title = match following.next_if(|line| !ends_description(line.text)) {
        Some(line) => line.text.to_owned(),
        None => {
            warnings.push(page.warning(domain_line, "no action title on the line after the domain"));
            String::new()
        }
    };
    let docs: Vec<&str> = following
        .take_while(|line| !ends_description(line.text))
        .map(|line| line.text)
        .collect();

    let mut rate_limit = None;
    match page
        .lines
        .iter()
        .find_map(|line| rate_limit_text(line.text).map(|n| (line.no, n)))
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
        domain: domain.to_owned(),
        domain_line,
        service,
        title,
        docs: docs.join("\n"),
        rate_limit,
    })
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
    rate_limit_text(text).is_some()
        || API_EXPLORER.iter().any(|p| strip_prefix_ci(text, p).is_some())
        || section_heading(text).is_some()
        || text.starts_with('|')
        || text.contains(" | ")
}

/// The number in `默认接口请求频率限制:20次/秒。` / `A maximum of 20 requests can be
/// initiated per second for this API.`
fn rate_limit_text(text: &str) -> Option<&str> {
    let number = if let Some(rest) = after_label(text, &[RATE_LIMIT_ZH.0]) {
        let end = rest.find(RATE_LIMIT_ZH.1)?;
        rest.get(..end)?
    } else {
        let rest = strip_prefix_ci(text, RATE_LIMIT_EN.0)?;
        let end = rest.find(RATE_LIMIT_EN.1)?;
        rest.get(..end)?
    };
    Some(number.trim())
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
        assert_eq!(rate_limit_text("默认接口请求频率限制:20次/秒。"), Some("20"));
        assert_eq!(
            rate_limit_text("A maximum of 100 requests can be initiated per second for this API."),
            Some("100")
        );
        assert_eq!(rate_limit_text("默认接口请求频率限制:次/秒"), Some(""));
        assert_eq!(rate_limit_text("限制"), None);
    }
}
