//! Sign-in to Microsoft Entra ID (cargo feature `auth`): credentials that are
//! [`TokenProvider`](super::client::TokenProvider)s, so any of them goes to
//! [`Client::new`](super::client::Client::new).
//!
//! - App-only ([`ClientCredential`]): the client credentials grant with a secret, with a
//!   [`Certificate`] (a signed `client_assertion`, RS256 or PS256, `x5t#S256` header), or from
//!   `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET` /
//!   `AZURE_CLIENT_CERTIFICATE_PATH`. Scope: Graph's `.default` in the [`Cloud`](super::Cloud).
//! - Delegated, for tools ([`DeviceCodeCredential`]): the device code flow, then refresh
//!   tokens, kept across runs through a [`RefreshTokenStore`] of the caller's.
//! - Delegated, through a browser ([`AuthorizationCodeFlow`]): the authorization code flow
//!   with PKCE for web apps (a secret or a certificate) and desktop apps (a loopback
//!   redirect), giving an [`AuthorizationCodeCredential`] per user.
//! - Anything the Azure SDK signs in with (managed identity, workload identity, Azure CLI),
//!   through `AzureCredential` (cargo feature `azure-identity`).
//!
//! Every credential caches its token in memory: concurrent requests share one fetch, a token
//! is replaced five minutes before it expires (at most half its lifetime), and an expired one
//! is never sent. A 401 whose `WWW-Authenticate` carries a claims challenge gets one more try
//! with a token asked for with those claims. Nothing is written to disk unless a store says so.
//!
//! Failures are the runtime's [`Error`](super::Error): a refused sign-in is `Error::Token`
//! holding an [`AuthError::Refused`] that names the AADSTS code and the endpoint's
//! description; an unreachable endpoint is `Error::Transport`. Secrets, assertions and tokens
//! never appear in `Debug` or `Display`.

mod app;
mod auth_code;
#[cfg(feature = "azure-identity")]
mod azure;
mod cache;
mod certificate;
mod delegated;
mod device_code;
mod endpoint;

pub use app::ClientCredential;
pub use auth_code::{Account, AuthorizationCodeCredential, AuthorizationCodeFlow, PendingSignIn};
#[cfg(feature = "azure-identity")]
pub use azure::AzureCredential;
pub use certificate::{Certificate, SigningAlgorithm};
pub use delegated::RefreshTokenStore;
pub use device_code::{DeviceCodeCredential, DeviceCodePrompt};
pub use endpoint::{authority_host, default_scope, AuthError, Refusal};
