//! The TLS settings of the pooled transport: rustls with ring, the roots reqwest would trust
//! with the same builder settings, and HTTP/1.1 offered by ALPN.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

use crate::client::RootCertificate;

/// The client configuration: the bundled Mozilla roots (and the platform's store with the
/// `native-roots` feature) when `built_in`, and every `added` certificate. A certificate
/// rustls rejects is named by its position, as the builder's other errors are.
pub(crate) fn client_config(built_in: bool, added: &[RootCertificate]) -> Result<Arc<ClientConfig>, String> {
    let mut roots = RootCertStore::empty();
    if built_in {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        add_native_roots(&mut roots);
    }
    for (index, certificate) in added.iter().enumerate() {
        roots
            .add(CertificateDer::from(certificate.der().to_vec()))
            .map_err(|e| {
                format!(
                    "root certificate {} of {} (in the order added) is rejected by the TLS library: {e}",
                    index + 1,
                    added.len()
                )
            })?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("cannot set up TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// The platform's store, read now. Certificates it cannot parse are skipped, as reqwest skips
/// them: one bad entry in a system store must not make every client fail to build.
#[cfg(feature = "native-roots")]
fn add_native_roots(roots: &mut RootCertStore) {
    let found = rustls_native_certs::load_native_certs();
    for error in &found.errors {
        tracing::debug!(%error, "a platform certificate could not be read");
    }
    let (added, ignored) = roots.add_parsable_certificates(found.certs);
    tracing::debug!(added, ignored, "platform certificates trusted");
}

#[cfg(not(feature = "native-roots"))]
fn add_native_roots(_: &mut RootCertStore) {}
