//! Certificate authorities a client trusts besides (or instead of) the built-in ones.

use std::fmt;

use super::pem;
use crate::Error;

const CERTIFICATE: &str = "CERTIFICATE";

/// A certificate authority to trust for https, added with
/// [`ClientBuilder::add_root_certificate`](crate::ClientBuilder::add_root_certificate).
///
/// Which trust to configure:
///
/// - **Default**: the Mozilla roots bundled into the binary. They are the same on every machine
///   and no file is read; Tencent Cloud's endpoints are signed by them.
/// - **A TLS-inspecting proxy** (common on corporate networks) re-signs every https connection
///   with its own CA, so calls fail with a TLS error
///   ([`TransportError::is_tls`](crate::TransportError::is_tls)). If IT installed that CA in the
///   operating system, enable this crate's `native-roots` feature: the platform's store is then
///   trusted as well, read when each client is built (on Linux the system bundle, or the files
///   named by `SSL_CERT_FILE` / `SSL_CERT_DIR`; the keychain on macOS; the system store on
///   Windows). Otherwise add the proxy's CA with this type.
/// - **An endpoint with a private CA** (a gateway set with
///   [`endpoint`](crate::ClientBuilder::endpoint)): add that CA and turn the built-in roots off
///   with [`tls_built_in_root_certs(false)`](crate::ClientBuilder::tls_built_in_root_certs), so
///   that no public CA can stand in for it.
///
/// The constructors check the encoding and the outline of an X.509 certificate; the TLS library
/// checks the rest when the client is built, and a certificate it rejects fails
/// [`build`](crate::ClientBuilder::build) with [`Error::Config`].
#[derive(Clone, PartialEq, Eq)]
pub struct RootCertificate {
    der: Vec<u8>,
}

impl RootCertificate {
    /// The single certificate (`-----BEGIN CERTIFICATE-----`) of a PEM file. Text around it is
    /// ignored; a file with several certificates is an error that says to use
    /// [`from_pem_bundle`](Self::from_pem_bundle).
    pub fn from_pem(pem: &[u8]) -> Result<Self, Error> {
        let mut certificates = Self::from_pem_bundle(pem)?;
        match certificates.len() {
            1 => Ok(certificates.remove(0)),
            n => Err(Error::Config(format!(
                "root certificate PEM: {n} certificates where one was expected; use \
                 RootCertificate::from_pem_bundle for a bundle"
            ))),
        }
    }

    /// Every certificate of a PEM bundle (a CA file such as `ca-bundle.crt`), at least one.
    /// Blocks of other kinds are ignored, so a file that holds a key next to a certificate
    /// yields the certificate alone.
    pub fn from_pem_bundle(pem: &[u8]) -> Result<Vec<Self>, Error> {
        let fail = |why: String| Error::Config(format!("root certificate PEM: {why}"));
        let blocks = pem::blocks(pem).map_err(fail)?;
        let mut certificates = Vec::new();
        for block in blocks.iter().filter(|b| b.label == CERTIFICATE) {
            let der = block.decode().map_err(fail)?;
            if !is_certificate(&der) {
                return Err(fail(format!(
                    "the CERTIFICATE block of line {} is not an X.509 certificate",
                    block.line
                )));
            }
            certificates.push(RootCertificate { der });
        }
        if certificates.is_empty() {
            let mut why = "no `-----BEGIN CERTIFICATE-----` block".to_owned();
            let others: Vec<&str> = blocks.iter().map(|b| b.label.as_str()).collect();
            if !others.is_empty() {
                why.push_str(&format!(" (found {})", others.join(", ")));
            } else if is_certificate(pem) {
                why.push_str(" (this is DER; use RootCertificate::from_der)");
            }
            return Err(fail(why));
        }
        Ok(certificates)
    }

    /// A certificate in binary DER form (often a `.der` or `.cer` file).
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        if is_certificate(der) {
            return Ok(RootCertificate { der: der.to_vec() });
        }
        let hint = if pem::blocks(der).is_ok_and(|blocks| !blocks.is_empty()) {
            " (this is PEM; use RootCertificate::from_pem)"
        } else {
            ""
        };
        Err(Error::Config(format!(
            "root certificate DER: not an X.509 certificate{hint}"
        )))
    }

    /// The certificate's DER bytes, for the pooled transport's TLS roots.
    pub(crate) fn der(&self) -> &[u8] {
        &self.der
    }
}

impl fmt::Debug for RootCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RootCertificate({} bytes of DER)", self.der.len())
    }
}

/// Whether `der` has the outline of an X.509 certificate: one SEQUENCE, spanning the input,
/// of two SEQUENCEs (the signed part, the signature algorithm) and a BIT STRING (the
/// signature). This catches a key, a PEM file or random bytes passed by mistake.
fn is_certificate(der: &[u8]) -> bool {
    const SEQUENCE: u8 = 0x30;
    const BIT_STRING: u8 = 0x03;
    let Some((SEQUENCE, body, [])) = element(der) else {
        return false;
    };
    let Some((SEQUENCE, _, rest)) = element(body) else {
        return false;
    };
    let Some((SEQUENCE, _, rest)) = element(rest) else {
        return false;
    };
    matches!(element(rest), Some((BIT_STRING, _, [])))
}

/// One DER element: its tag, its contents and what follows it. DER lengths are definite.
fn element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (bytes, rest) = rest.split_at(count);
        (bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b)), rest)
    };
    (rest.len() >= length).then(|| (tag, &rest[..length], &rest[length..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &str = include_str!("../../tests/https_server/cert.pem");
    const KEY: &str = include_str!("../../tests/https_server/key.pem");

    fn message(err: Error) -> String {
        match err {
            Error::Config(m) => m,
            other => panic!("expected Error::Config, got {other:?}"),
        }
    }

    fn der() -> Vec<u8> {
        RootCertificate::from_pem(PEM.as_bytes()).unwrap().der
    }

    #[test]
    fn reads_pem_der_and_bundles() {
        let der = der();
        assert!(der.len() > 300 && der[0] == 0x30);
        assert_eq!(RootCertificate::from_der(&der).unwrap().der, der);
        let with_text = format!("subject=CN = test\n{PEM}\n{KEY}");
        assert_eq!(RootCertificate::from_pem(with_text.as_bytes()).unwrap().der, der);
        let bundle = format!("{PEM}{PEM}");
        assert_eq!(RootCertificate::from_pem_bundle(bundle.as_bytes()).unwrap().len(), 2);
        let shown = format!("{:?}", RootCertificate::from_der(&der).unwrap());
        assert_eq!(shown, format!("RootCertificate({} bytes of DER)", der.len()));
    }

    #[test]
    fn wrong_input_is_an_error_saying_what_was_wrong() {
        let pem_err = |text: &[u8]| message(RootCertificate::from_pem(text).unwrap_err());
        assert_eq!(
            pem_err(b""),
            "root certificate PEM: no `-----BEGIN CERTIFICATE-----` block"
        );
        assert_eq!(
            pem_err(KEY.as_bytes()),
            "root certificate PEM: no `-----BEGIN CERTIFICATE-----` block (found PRIVATE KEY)"
        );
        assert_eq!(
            pem_err(&der()),
            "root certificate PEM: no `-----BEGIN CERTIFICATE-----` block (this is DER; use \
             RootCertificate::from_der)"
        );
        assert_eq!(
            pem_err(format!("{PEM}{PEM}").as_bytes()),
            "root certificate PEM: 2 certificates where one was expected; use \
             RootCertificate::from_pem_bundle for a bundle"
        );
        assert_eq!(
            pem_err(b"\n-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n"),
            "root certificate PEM: the CERTIFICATE block of line 2 is not an X.509 certificate"
        );
        assert_eq!(
            pem_err(PEM.replace("-----END CERTIFICATE-----", "").as_bytes()),
            "root certificate PEM: the CERTIFICATE block of line 1 has no `-----END CERTIFICATE-----` line"
        );
        let der_err = |bytes: &[u8]| message(RootCertificate::from_der(bytes).unwrap_err());
        assert_eq!(
            der_err(PEM.as_bytes()),
            "root certificate DER: not an X.509 certificate (this is PEM; use RootCertificate::from_pem)"
        );
        assert_eq!(der_err(b""), "root certificate DER: not an X.509 certificate");
        let mut trailing = der();
        trailing.push(0);
        assert_eq!(der_err(&trailing), "root certificate DER: not an X.509 certificate");
        let truncated = der();
        assert_eq!(
            der_err(&truncated[..truncated.len() - 1]),
            "root certificate DER: not an X.509 certificate"
        );
    }

    #[test]
    fn errors_never_show_a_key() {
        let secret = KEY.lines().nth(1).unwrap();
        let broken_key = KEY.replace("-----END PRIVATE KEY-----", "");
        for text in [KEY.to_owned(), broken_key, format!("{KEY}{PEM}x")] {
            if let Err(err) = RootCertificate::from_pem(text.as_bytes()) {
                let shown = format!("{err} {err:?}");
                assert!(!shown.contains(secret), "{shown}");
            }
        }
    }
}
