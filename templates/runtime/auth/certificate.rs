//! A client certificate and the `client_assertion` it signs: a JWT (RS256 or PS256) whose
//! header names the certificate by its SHA-256 thumbprint (`x5t#S256`).
//!
//! Signing is *ring*'s (already in the build: rustls runs on it), and PEM is read by
//! `rustls-pki-types` (rustls's own reader); the JWT itself is two base64url JSON objects and a
//! signature, written here rather than through a JWT crate that would bring a second RSA stack.

use super::endpoint::AuthError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::RsaKeyPair;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// How the assertion is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SigningAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256: what Entra ID has always accepted (and what
    /// Azure Identity sends); the header also carries the SHA-1 `x5t` older endpoints read.
    #[default]
    Rs256,
    /// RSASSA-PSS with SHA-256, which Microsoft recommends for new apps.
    Ps256,
}

/// An app's certificate with its RSA private key, read from PEM (as `az ad sp create-for-rbac
/// --create-cert` writes it, and as `AZURE_CLIENT_CERTIFICATE_PATH` names it). Cloning shares
/// the key. `Debug` shows the thumbprint, never the key.
#[derive(Clone)]
pub struct Certificate {
    inner: Arc<Inner>,
    algorithm: SigningAlgorithm,
}

struct Inner {
    key: RsaKeyPair,
    /// base64url SHA-256 of the certificate's DER: the `x5t#S256` header.
    x5t_s256: String,
    /// base64url SHA-1 of the same: the legacy `x5t` header.
    x5t: String,
    /// Hex SHA-1, as the Entra portal lists a certificate.
    thumbprint: String,
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("thumbprint", &self.inner.thumbprint)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl Certificate {
    /// Reads the certificate and its unencrypted private key (PKCS#8 `PRIVATE KEY` or PKCS#1
    /// `RSA PRIVATE KEY`) from PEM text. With several certificates (a chain), the one the key
    /// belongs to is used. A `.pfx` is not read: `openssl pkcs12 -in app.pfx -out app.pem
    /// -nodes` turns it into PEM.
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Certificate, AuthError> {
        let pem = pem.as_ref();
        let bad = |why: &str| AuthError::Config(format!("client certificate: {why}"));
        if !pem.windows(11).any(|w| w == b"-----BEGIN ") {
            return Err(bad("not PEM (a .pfx/.p12 file? convert it: openssl pkcs12 -in app.pfx -out app.pem -nodes)"));
        }
        let key = match PrivateKeyDer::from_pem_slice(pem) {
            Ok(PrivateKeyDer::Pkcs8(der)) => RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()),
            Ok(PrivateKeyDer::Pkcs1(der)) => RsaKeyPair::from_der(der.secret_pkcs1_der()),
            Ok(_) => return Err(bad("the private key is not an RSA key (Entra ID takes RSA certificates)")),
            Err(_) => return Err(bad("no unencrypted private key (`PRIVATE KEY` or `RSA PRIVATE KEY`) in the PEM")),
        }
        .map_err(|e| bad(&format!("the private key is not a usable RSA key ({e})")))?;
        let certs: Vec<CertificateDer<'_>> = CertificateDer::pem_slice_iter(pem).filter_map(Result::ok).collect();
        if certs.is_empty() {
            return Err(bad("no `CERTIFICATE` in the PEM"));
        }
        // The DER of the RSA public key appears, byte for byte, in the certificate that
        // holds it: the key's own certificate is found without an X.509 parser, and a PEM
        // whose key belongs to no certificate fails here rather than as AADSTS700027.
        let public = key.public().as_ref();
        let cert = certs
            .iter()
            .find(|c| c.as_ref().windows(public.len()).any(|w| w == public))
            .ok_or_else(|| bad("the private key belongs to none of the certificates in the PEM"))?;
        let sha256 = ring::digest::digest(&ring::digest::SHA256, cert.as_ref());
        let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, cert.as_ref());
        let thumbprint = sha1.as_ref().iter().map(|b| format!("{b:02X}")).collect();
        let inner = Inner { key, x5t_s256: B64URL.encode(sha256), x5t: B64URL.encode(sha1), thumbprint };
        Ok(Certificate { inner: Arc::new(inner), algorithm: SigningAlgorithm::default() })
    }

    /// [`from_pem`](Self::from_pem) of a file's contents.
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Certificate, AuthError> {
        let path = path.as_ref();
        let pem = std::fs::read(path).map_err(|e| AuthError::Config(format!("client certificate {}: {e}", path.display())))?;
        Certificate::from_pem(pem)
    }

    /// Sign with PS256 instead of RS256.
    pub fn with_algorithm(mut self, algorithm: SigningAlgorithm) -> Certificate {
        self.algorithm = algorithm;
        self
    }

    /// The SHA-1 thumbprint in hex, as the Entra portal lists the app's certificates.
    pub fn thumbprint(&self) -> &str {
        &self.inner.thumbprint
    }

    /// The `x5t#S256` header value: base64url of the SHA-256 of the certificate's DER.
    pub fn thumbprint_sha256(&self) -> &str {
        &self.inner.x5t_s256
    }

    /// A `client_assertion` for `client_id` at the token endpoint `audience`, valid for ten
    /// minutes (a fresh one is signed for every token request).
    pub(crate) fn assertion(&self, client_id: &str, audience: &str) -> Result<String, AuthError> {
        let rng = SystemRandom::new();
        let failed = |what: &str| AuthError::Config(format!("client certificate: {what}"));
        let (alg, padding): (&str, &'static dyn ring::signature::RsaEncoding) = match self.algorithm {
            SigningAlgorithm::Rs256 => ("RS256", &ring::signature::RSA_PKCS1_SHA256),
            SigningAlgorithm::Ps256 => ("PS256", &ring::signature::RSA_PSS_SHA256),
        };
        let mut header = serde_json::json!({ "alg": alg, "typ": "JWT", "x5t#S256": self.inner.x5t_s256 });
        if self.algorithm == SigningAlgorithm::Rs256 {
            header["x5t"] = self.inner.x5t.clone().into();
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| failed("the clock is before 1970"))?.as_secs();
        let mut id = [0u8; 16];
        rng.fill(&mut id).map_err(|_| failed("no randomness for the assertion's id"))?;
        let claims = serde_json::json!({
            "aud": audience,
            "iss": client_id,
            "sub": client_id,
            "jti": uuid(id),
            "nbf": now,
            "iat": now,
            "exp": now + 600,
        });
        let signed = format!("{}.{}", B64URL.encode(header.to_string()), B64URL.encode(claims.to_string()));
        let mut signature = vec![0; self.inner.key.public().modulus_len()];
        self.inner.key.sign(padding, &rng, signed.as_bytes(), &mut signature).map_err(|_| failed("signing the assertion failed"))?;
        Ok(format!("{signed}.{}", B64URL.encode(signature)))
    }
}

/// A random (version 4) UUID for the assertion's `jti`.
fn uuid(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}
