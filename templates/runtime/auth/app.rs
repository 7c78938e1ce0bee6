//! App-only sign-in: the client credentials grant, proven with a client secret or with a
//! certificate's signed assertion; and the same built from the environment variables Azure
//! Identity reads.

use super::super::client::{TokenFuture, TokenProvider};
use super::super::{Cloud, Error};
use super::cache::{TokenCache, DEFAULT_MARGIN};
use super::certificate::Certificate;
use super::endpoint::{boxed, default_scope, AuthError, Endpoint, Fetched, Secret};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// An app's own sign-in (no user): the OAuth client credentials grant against
/// `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`, for the scope
/// `https://graph.microsoft.com/.default` (the application permissions granted to the app).
/// Azure Identity calls these `ClientSecretCredential`, `ClientCertificateCredential` and
/// `EnvironmentCredential`.
///
/// Tokens are cached in memory only, fetched once for any number of concurrent requests, and
/// replaced five minutes before they expire. Clones share the cache. `Debug` shows the tenant,
/// the client id and the certificate's thumbprint, never the secret.
#[doc(alias = "ClientSecretCredential", alias = "ClientCertificateCredential", alias = "EnvironmentCredential")]
#[derive(Clone)]
pub struct ClientCredential {
    endpoint: Endpoint,
    client_id: String,
    proof: Proof,
    scopes: Option<Vec<String>>,
    margin: Duration,
    cache: Arc<TokenCache>,
}

/// How an app proves it is itself (a confidential client: a daemon, a web app).
#[derive(Clone, Debug)]
pub(crate) enum Proof {
    Secret(Secret),
    Certificate(Certificate),
}

impl Proof {
    /// The form fields that prove it to the token endpoint at `token_url`: the secret, or an
    /// assertion signed for that audience.
    pub(crate) fn params(&self, client_id: &str, token_url: &str) -> Result<Vec<(&'static str, String)>, AuthError> {
        Ok(match self {
            Proof::Secret(secret) => vec![("client_secret", secret.0.clone())],
            Proof::Certificate(certificate) => {
                vec![("client_assertion_type", JWT_BEARER.to_string()), ("client_assertion", certificate.assertion(client_id, token_url)?)]
            }
        })
    }
}

impl fmt::Debug for ClientCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredential")
            .field("endpoint", &self.endpoint)
            .field("client_id", &self.client_id)
            .field("proof", &self.proof)
            .field("scopes", &self.scopes())
            .finish_non_exhaustive()
    }
}

impl ClientCredential {
    /// Signs in with a client secret (the app registration's "Certificates & secrets").
    pub fn secret(tenant_id: impl Into<String>, client_id: impl Into<String>, secret: impl Into<String>) -> ClientCredential {
        ClientCredential::with_proof(tenant_id.into(), client_id.into(), Proof::Secret(Secret(secret.into())))
    }

    /// Signs in with a certificate: each token request carries a `client_assertion` JWT
    /// signed with its key (RS256 unless [`Certificate::with_algorithm`] says PS256).
    pub fn certificate(tenant_id: impl Into<String>, client_id: impl Into<String>, certificate: Certificate) -> ClientCredential {
        ClientCredential::with_proof(tenant_id.into(), client_id.into(), Proof::Certificate(certificate))
    }

    /// Built from the environment variables Azure Identity reads: `AZURE_TENANT_ID`,
    /// `AZURE_CLIENT_ID`, and `AZURE_CLIENT_SECRET` or else `AZURE_CLIENT_CERTIFICATE_PATH`
    /// (a PEM file with the certificate and its key); `AZURE_AUTHORITY_HOST` if set (which
    /// also picks the cloud, for Graph's scope). The error names every variable missing.
    pub fn from_env() -> Result<ClientCredential, AuthError> {
        ClientCredential::from_vars(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env), reading each variable through `var` (a config file, a
    /// test's map).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<ClientCredential, AuthError> {
        let get = |name: &str| var(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let (tenant, client_id) = (get("AZURE_TENANT_ID"), get("AZURE_CLIENT_ID"));
        let (secret, certificate) = (get("AZURE_CLIENT_SECRET"), get("AZURE_CLIENT_CERTIFICATE_PATH"));
        let missing: Vec<&str> = [
            ("AZURE_TENANT_ID", tenant.is_none()),
            ("AZURE_CLIENT_ID", client_id.is_none()),
            ("AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)", secret.is_none() && certificate.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, missing)| missing.then_some(name))
        .collect();
        let (Some(tenant), Some(client_id), true) = (tenant, client_id, missing.is_empty()) else {
            let verb = if missing.len() == 1 { "is" } else { "are" };
            return Err(AuthError::Config(format!(
                "app-only sign-in from the environment: {} {verb} not set (or empty)",
                missing.join(", ")
            )));
        };
        let proof = match (secret, certificate) {
            (Some(secret), _) => Proof::Secret(Secret(secret)),
            (None, path) => {
                if get("AZURE_CLIENT_CERTIFICATE_PASSWORD").is_some() {
                    return Err(AuthError::Config(
                        "AZURE_CLIENT_CERTIFICATE_PASSWORD is set, but only a PEM with an unencrypted key is read".into(),
                    ));
                }
                Proof::Certificate(Certificate::from_pem_file(path.unwrap_or_default())?)
            }
        };
        let mut credential = ClientCredential::with_proof(tenant, client_id, proof);
        if let Some(host) = get("AZURE_AUTHORITY_HOST") {
            credential = credential.with_cloud(cloud_of(&host)).with_authority(&host);
        }
        Ok(credential)
    }

    fn with_proof(tenant: String, client_id: String, proof: Proof) -> ClientCredential {
        ClientCredential {
            endpoint: Endpoint::new(&tenant),
            client_id,
            proof,
            scopes: None,
            margin: DEFAULT_MARGIN,
            cache: Arc::new(TokenCache::new(DEFAULT_MARGIN)),
        }
    }

    /// Sign in to a national cloud (its authority host) for its Graph (`.default` scope of
    /// its root); the client needs the same [`Cloud`] (`Client::with_cloud`).
    pub fn with_cloud(mut self, cloud: Cloud) -> Self {
        self.endpoint.cloud = cloud;
        self.fresh()
    }

    /// Another authority host (`https://login.microsoftonline.us`; plain http only to a
    /// loopback test server: the secret never goes out unencrypted); the tenant and
    /// `/oauth2/v2.0/token` follow it.
    pub fn with_authority(mut self, authority: impl AsRef<str>) -> Self {
        self.endpoint.set_authority(authority.as_ref());
        self.fresh()
    }

    /// Scopes other than Graph's `.default` (another resource's `.default`).
    pub fn with_scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self.fresh()
    }

    /// Reach the token endpoint through a `reqwest::Client` of your own (a proxy); start from
    /// [`http_builder`](super::super::client::http_builder).
    pub fn with_http(mut self, http: reqwest::Client) -> Self {
        self.endpoint.set_http(http);
        self
    }

    /// How long before expiry a token is replaced (five minutes; at most half its lifetime).
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self.fresh()
    }

    /// A new cache: a token fetched for other settings is never handed out.
    fn fresh(mut self) -> Self {
        self.cache = Arc::new(TokenCache::new(self.margin));
        self
    }

    fn scopes(&self) -> Vec<String> {
        self.scopes.clone().unwrap_or_else(|| vec![default_scope(self.endpoint.cloud)])
    }

    /// An access token: the cached one while it is fresh, else a new one.
    pub async fn access_token(&self) -> Result<String, Error> {
        self.cache.get(|claims| self.fetch(claims)).await.map_err(Error::from)
    }

    async fn fetch(&self, claims: Option<String>) -> Result<Fetched, AuthError> {
        let scope = self.scopes().join(" ");
        let proof = self.proof.params(&self.client_id, &self.endpoint.token_url())?;
        let mut form = vec![("grant_type", "client_credentials"), ("client_id", self.client_id.as_str()), ("scope", scope.as_str())];
        form.extend(proof.iter().map(|(k, v)| (*k, v.as_str())));
        if let Some(claims) = &claims {
            form.push(("claims", claims));
        }
        self.endpoint.token(&form).await
    }
}

impl TokenProvider for ClientCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { self.cache.get(|claims| self.fetch(claims)).await.map_err(boxed) })
    }

    fn on_unauthorized(&self, challenge: &str) -> bool {
        self.cache.challenge(challenge)
    }
}

/// The cloud an authority host belongs to (for Graph's scope); the global one for any other.
fn cloud_of(authority: &str) -> Cloud {
    let host = authority.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    match host {
        "login.microsoftonline.us" => Cloud::UsGov,
        "login.chinacloudapi.cn" | "login.partner.microsoftonline.cn" => Cloud::China,
        _ => Cloud::Global,
    }
}
