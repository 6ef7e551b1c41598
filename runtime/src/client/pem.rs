//! The PEM text form (RFC 7468): base64 between `-----BEGIN LABEL-----` and
//! `-----END LABEL-----` lines. Text outside blocks, such as the subject lines OpenSSL writes
//! into bundles, is ignored.

/// One block. Only the label and position are ever shown: the contents may be a private key.
pub(crate) struct Block {
    pub(crate) label: String,
    /// 1-based line of the BEGIN line.
    pub(crate) line: usize,
    base64: Vec<u8>,
}

impl Block {
    /// The decoded contents.
    pub(crate) fn decode(&self) -> Result<Vec<u8>, String> {
        decode_base64(&self.base64)
            .ok_or_else(|| format!("the {} block of line {} is not valid base64", self.label, self.line))
    }
}

/// Every block in `text`, in order.
pub(crate) fn blocks(text: &[u8]) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (index, raw) in text.split(|&b| b == b'\n').enumerate() {
        let line = index + 1;
        let trimmed = raw.trim_ascii();
        match open.as_mut() {
            None => {
                if let Some(label) = marker(trimmed, "BEGIN") {
                    open = Some(Block {
                        label,
                        line,
                        base64: Vec::new(),
                    });
                }
            }
            Some(block) => {
                if let Some(label) = marker(trimmed, "END") {
                    if label != block.label {
                        return Err(format!(
                            "line {line}: `-----END {label}-----` does not close the {} block of line {}",
                            block.label, block.line
                        ));
                    }
                    blocks.extend(open.take());
                } else if trimmed.starts_with(b"-----") {
                    return Err(format!(
                        "line {line}: the {} block of line {} is not closed before it",
                        block.label, block.line
                    ));
                } else {
                    block.base64.extend_from_slice(trimmed);
                }
            }
        }
    }
    match open {
        Some(block) => Err(format!(
            "the {} block of line {} has no `-----END {}-----` line",
            block.label, block.line, block.label
        )),
        None => Ok(blocks),
    }
}

/// The label of a `-----{kind} LABEL-----` line.
fn marker(line: &[u8], kind: &str) -> Option<String> {
    let label = line
        .strip_prefix(b"-----")?
        .strip_prefix(kind.as_bytes())?
        .strip_prefix(b" ")?
        .strip_suffix(b"-----")?;
    // Printable ASCII only, so a label can be shown in an error as it is.
    let printable = !label.is_empty() && label.iter().all(|b| (b' '..=b'~').contains(b));
    printable.then(|| String::from_utf8_lossy(label).into_owned())
}

/// Standard base64 with optional `=` padding; `None` for anything else.
fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let data = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    let padded = data.len() != text.len();
    if data.len() % 4 == 1 || (padded && text.len() % 4 != 0) {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in data {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_known_values() {
        for (text, bytes) in [
            ("", &b""[..]),
            ("Zg==", b"f"),
            ("Zm8=", b"fo"),
            ("Zm9v", b"foo"),
            ("Zm9vYg", b"foob"),
            ("+/8=", &[0xfb, 0xff]),
        ] {
            assert_eq!(decode_base64(text.as_bytes()).as_deref(), Some(bytes), "{text}");
        }
        for bad in ["Z", "Zg=", "Zm9vY===", "Zm 9v", "Zm9v!", "Z=g="] {
            assert_eq!(decode_base64(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn blocks_keep_labels_and_lines_and_skip_other_text() {
        let text = b"subject=CN = x\r\n-----BEGIN CERTIFICATE-----\r\nZm9v\r\nYmFy\r\n-----END CERTIFICATE-----\r\n\
                     \n  -----BEGIN PRIVATE KEY-----  \nc2VjcmV0\n-----END PRIVATE KEY-----\n";
        let blocks = blocks(text).unwrap();
        let seen: Vec<_> = blocks.iter().map(|b| (b.label.as_str(), b.line)).collect();
        assert_eq!(seen, [("CERTIFICATE", 2), ("PRIVATE KEY", 7)]);
        assert_eq!(blocks[0].decode().unwrap(), b"foobar");
    }

    #[test]
    fn broken_blocks_are_errors_naming_the_line_and_never_the_contents() {
        let err = |text: &str| blocks(text.as_bytes()).err().unwrap();
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nc2VjcmV0\n"),
            "the CERTIFICATE block of line 1 has no `-----END CERTIFICATE-----` line"
        );
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n"),
            "line 3: `-----END PRIVATE KEY-----` does not close the CERTIFICATE block of line 1"
        );
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n"),
            "line 2: the CERTIFICATE block of line 1 is not closed before it"
        );
        let block = &blocks(b"x\n-----BEGIN CERTIFICATE-----\nc2Vj*cmV0\n-----END CERTIFICATE-----\n").unwrap()[0];
        assert_eq!(
            block.decode().unwrap_err(),
            "the CERTIFICATE block of line 2 is not valid base64"
        );
    }
}
