//! Any `azure_core` `TokenCredential` as a token provider (cargo feature `azure-identity`): the
//! Azure SDK's `azure_identity` crate brings managed identity, workload identity, Azure CLI
//! and developer tools sign-in, and this adapter hands their tokens to the client.

use super::super::client::{TokenFuture, TokenProvider};
use super::super::{Cloud, Error};
use super::cache::{TokenCache, DEFAULT_MARGIN};
use super::endpoint::{boxed, default_scope, AuthError, Fetched, Secret};
use azure_core::credentials::TokenCredential;
use azure_core::time::OffsetDateTime;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A token provider over an Azure SDK credential, for Graph's `.default` scope:
///
/// ```ignore
/// let credential = azure_identity::ManagedIdentityCredential::new(None)?;
/// let client = Client::new(AzureCredential::new(credential));
/// ```
///
/// Its tokens go through this crate's cache too (one fetch for concurrent requests, replaced
/// five minutes before expiry). A claims challenge is not answered: `azure_core`'s
/// `TokenRequestOptions` has no claims to pass on.
#[derive(Clone)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
    cache: Arc<TokenCache>,
}

impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // azure_core's credentials keep secrets out of their own `Debug`.
        f.debug_struct("AzureCredential").field("credential", &self.credential).field("scopes", &self.scopes).finish_non_exhaustive()
    }
}

impl AzureCredential {
    /// Tokens from `credential` for `https://graph.microsoft.com/.default`.
    pub fn new(credential: Arc<dyn TokenCredential>) -> AzureCredential {
        AzureCredential { credential, scopes: vec![default_scope(Cloud::Global)], cache: Arc::new(TokenCache::new(DEFAULT_MARGIN)) }
    }

    /// For the Graph of a national cloud (its `.default` scope); the credential must sign in
    /// to that cloud too (`azure_identity`'s `ClientOptions::cloud`).
    pub fn with_cloud(self, cloud: Cloud) -> Self {
        self.with_scopes([default_scope(cloud)])
    }

    pub fn with_scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self.cache = Arc::new(TokenCache::new(DEFAULT_MARGIN));
        self
    }

    /// An access token: the cached one while it is fresh, else the credential's.
    pub async fn access_token(&self) -> Result<String, Error> {
        self.cache.get(|_| self.fetch()).await.map_err(Error::from)
    }

    async fn fetch(&self) -> Result<Fetched, AuthError> {
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        let now = Instant::now();
        let token = self.credential.get_token(&scopes, None).await.map_err(|e| AuthError::Credential(Box::new(e)))?;
        let left = token.expires_on - OffsetDateTime::now_utc();
        let lifetime = Duration::try_from(left).unwrap_or(Duration::ZERO);
        Ok(Fetched {
            access_token: Secret(token.token.secret().to_string()),
            expires: now + lifetime,
            lifetime,
            refresh_token: None,
            id_token: None,
        })
    }
}

impl From<Arc<dyn TokenCredential>> for AzureCredential {
    fn from(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential::new(credential)
    }
}

impl TokenProvider for AzureCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { self.cache.get(|_| self.fetch()).await.map_err(boxed) })
    }
}
