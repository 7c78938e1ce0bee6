//! The Microsoft Entra ID token endpoint on the wire: form posts, token answers, OAuth errors
//! (`AADSTS` codes), and the one error type of sign-in.

use super::super::client::http_builder;
use super::super::error::{chain, BoxError};
use super::super::{Cloud, Error};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A secret (client secret, refresh token, access token) that never shows in `Debug` output:
/// credentials derive or write `Debug` over it, and logs of them must not leak it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(pub(crate) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Why sign-in failed. It reaches a caller of the client as [`Error::Token`] (refused,
/// unexpected answer, configuration), or as [`Error::Transport`] when the token endpoint could
/// not be reached; `error.downcast_ref::<AuthError>()` on the boxed cause reads it back.
/// Neither `Display` nor `Debug` ever holds a secret, an assertion or a token.
#[derive(Debug)]
#[non_exhaustive]
pub enum AuthError {
    /// The endpoint answered an OAuth error: a wrong secret (`invalid_client`, AADSTS7000215),
    /// an unknown tenant (AADSTS90002), consent missing (AADSTS65001), a device code that
    /// expired (`expired_token`) or that the user declined (`access_denied`).
    Refused(Box<Refusal>),
    /// The endpoint could not be reached, or its answer did not come back.
    Transport { endpoint: String, source: BoxError },
    /// An answer that is neither a token nor an OAuth error. The body is kept only for error
    /// statuses: a success body could hold a token.
    UnexpectedAnswer { endpoint: String, status: u16, body: String },
    /// The credential cannot be built: a missing environment variable, an unreadable
    /// certificate.
    Config(String),
    /// A [`RefreshTokenStore`](super::RefreshTokenStore) failed to load or save.
    Store(BoxError),
    /// An `azure_core` `TokenCredential` failed (the `azure-identity` feature).
    Credential(BoxError),
    /// A delegated credential has no refresh token for its user (none was saved): send the
    /// user to sign in.
    SignInNeeded(String),
    /// The redirect back to the app does not answer the sign-in it started: its `state`
    /// differs (a forged or stale redirect), or it holds neither a code nor an error.
    Redirect(String),
}

/// An OAuth error answer of the token or device code endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Refusal {
    /// The URL that refused (token or device code endpoint).
    pub endpoint: String,
    pub status: u16,
    /// The OAuth `error`: `invalid_client`, `invalid_grant`, `expired_token`, ...
    pub error: String,
    /// The endpoint's `error_description`, which starts with the AADSTS code.
    pub description: String,
    /// The endpoint's `error_codes` (the numbers of the `AADSTS` codes).
    pub codes: Vec<u64>,
    /// Quote these to support.
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
}

impl AuthError {
    /// The `AADSTS` code of a refused sign-in (`AADSTS7000215`), from `error_codes` or the
    /// start of the description.
    pub fn aadsts(&self) -> Option<String> {
        let AuthError::Refused(refusal) = self else { return None };
        if let Some(code) = refusal.codes.first() {
            return Some(format!("AADSTS{code}"));
        }
        let word = refusal.description.split(|c: char| !c.is_ascii_alphanumeric()).next()?;
        (word.starts_with("AADSTS") && word.len() > 6).then(|| word.to_string())
    }

    /// The OAuth `error` of a refused sign-in (`invalid_client`, `expired_token`, ...).
    pub fn oauth_error(&self) -> Option<&str> {
        match self {
            AuthError::Refused(refusal) => Some(&refusal.error),
            _ => None,
        }
    }

    /// True when only the user can settle it by signing in again (a web app redirects them
    /// to [`AuthorizationCodeFlow::start`](super::AuthorizationCodeFlow::start)): no refresh
    /// token saved, or the endpoint refused it (`invalid_grant`: expired, revoked, password
    /// changed; `interaction_required`: MFA or a claims challenge; `consent_required`).
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, AuthError::SignInNeeded(_))
            || matches!(self.oauth_error(), Some("invalid_grant" | "interaction_required" | "login_required" | "consent_required"))
    }
}

impl Error {
    /// The sign-in failure behind this error, if it is one ([`Error::Token`] or
    /// [`Error::Transport`] from a credential of [`runtime::auth`](super)).
    pub fn auth_error(&self) -> Option<&AuthError> {
        match self {
            Error::Token(e) | Error::Transport(e) => e.downcast_ref::<AuthError>(),
            _ => None,
        }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Refused(refusal) => {
                let Refusal { endpoint, status, error, description, .. } = refusal.as_ref();
                write!(f, "sign-in refused by {endpoint} ({status} {error})")?;
                // Entra's descriptions start with the code; other endpoints' may not.
                match self.aadsts() {
                    Some(code) if !description.starts_with(&code) => write!(f, ": {code}")?,
                    _ => {}
                }
                // Entra ends each line with CR LF, which a terminal shows as `^M` or worse: one
                // line, a sentence's end followed by a space, the rest by `; `.
                let mut sep = ": ";
                for line in description.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    write!(f, "{sep}{line}")?;
                    sep = if line.ends_with('.') { " " } else { "; " };
                }
                Ok(())
            }
            AuthError::Transport { endpoint, source } => write!(f, "token endpoint {endpoint} unreachable: {}", chain(source.as_ref())),
            AuthError::UnexpectedAnswer { endpoint, status, body } => {
                write!(f, "token endpoint {endpoint} answered {status}, not a token nor an OAuth error")?;
                if !body.is_empty() {
                    write!(f, ": {body}")?;
                }
                Ok(())
            }
            AuthError::Config(why) => write!(f, "sign-in configuration: {why}"),
            AuthError::Store(e) => write!(f, "refresh token store: {}", chain(e.as_ref())),
            AuthError::Credential(e) => write!(f, "credential: {}", chain(e.as_ref())),
            AuthError::SignInNeeded(why) => write!(f, "the user must sign in: {why}"),
            AuthError::Redirect(why) => write!(f, "sign-in redirect: {why}"),
        }
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuthError::Transport { source, .. } | AuthError::Store(source) | AuthError::Credential(source) => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl From<AuthError> for Error {
    /// An unreachable endpoint is a transport error, like an unreachable Graph; the rest is a
    /// token failure.
    fn from(e: AuthError) -> Error {
        match e {
            AuthError::Transport { .. } => Error::Transport(Box::new(e)),
            e => Error::Token(Box::new(e)),
        }
    }
}

/// The boxed error a [`TokenProvider`](super::super::client::TokenProvider) returns: the
/// runtime [`Error`] itself, which the client passes on as it is.
pub(crate) fn boxed(e: AuthError) -> BoxError {
    Box::new(Error::from(e))
}

/// The sign-in host of each cloud (Entra ID's authority host).
pub fn authority_host(cloud: Cloud) -> &'static str {
    match cloud {
        Cloud::Global => "https://login.microsoftonline.com",
        Cloud::UsGov | Cloud::UsGovDod => "https://login.microsoftonline.us",
        Cloud::China => "https://login.chinacloudapi.cn",
    }
}

/// The `.default` scope of Graph in a cloud: every application permission granted to the app
/// (app-only), or every delegated one consented to.
pub fn default_scope(cloud: Cloud) -> String {
    format!("{}/.default", cloud.host())
}

/// Where a credential signs in: the cloud (authority host and Graph's scope root), an
/// authority host of the caller's (a sovereign or test endpoint), the tenant, and the HTTP
/// client to reach them.
#[derive(Clone)]
pub(crate) struct Endpoint {
    pub cloud: Cloud,
    authority: Option<String>,
    pub tenant: String,
    http: Result<reqwest::Client, Arc<reqwest::Error>>,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.authority(), self.tenant)
    }
}

/// No sign-in request waits longer than this for its answer.
const TIMEOUT: Duration = Duration::from_secs(60);

impl Endpoint {
    pub fn new(tenant: &str) -> Endpoint {
        Endpoint { cloud: Cloud::Global, authority: None, tenant: tenant.to_string(), http: http_builder().build().map_err(Arc::new) }
    }

    /// The authority host: the caller's, else the cloud's.
    pub fn authority(&self) -> &str {
        self.authority.as_deref().unwrap_or(authority_host(self.cloud))
    }

    pub fn set_authority(&mut self, authority: &str) {
        self.authority = Some(authority.trim_end_matches('/').to_string());
    }

    pub fn set_http(&mut self, http: reqwest::Client) {
        self.http = Ok(http);
    }

    pub fn token_url(&self) -> String {
        format!("{}/{}/oauth2/v2.0/token", self.authority(), self.tenant)
    }

    pub fn authorize_url(&self) -> String {
        format!("{}/{}/oauth2/v2.0/authorize", self.authority(), self.tenant)
    }

    pub fn logout_url(&self) -> String {
        format!("{}/{}/oauth2/v2.0/logout", self.authority(), self.tenant)
    }

    pub fn device_code_url(&self) -> String {
        format!("{}/{}/oauth2/v2.0/devicecode", self.authority(), self.tenant)
    }

    /// Posts a form and reads the JSON answer: `Ok` for a 2xx JSON object, an OAuth error as
    /// [`AuthError::Refused`].
    pub async fn post(&self, url: &str, form: &[(&str, &str)]) -> Result<serde_json::Value, AuthError> {
        let transport = |source: BoxError| AuthError::Transport { endpoint: url.to_string(), source };
        if !secure(url) {
            return Err(AuthError::Config(format!("refusing to send credentials to {url}: an authority must be https (or loopback)")));
        }
        let http = self.http.as_ref().map_err(|e| transport(Box::new(e.clone())))?;
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let response = http
            .post(url)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(http::header::ACCEPT, "application/json")
            .body(body)
            .timeout(TIMEOUT)
            .send()
            .await
            .map_err(|e| transport(Box::new(e)))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| transport(Box::new(e)))?;
        let json = serde_json::from_slice::<serde_json::Value>(&bytes).ok().filter(|v| v.is_object());
        match json {
            Some(v) if (200..300).contains(&status) => Ok(v),
            Some(v) if v.get("error").and_then(|e| e.as_str()).is_some() => Err(refused(url, status, &v)),
            _ => {
                let body =
                    if (200..300).contains(&status) { String::new() } else { start_of(&redacted(&String::from_utf8_lossy(&bytes), form)) };
                Err(AuthError::UnexpectedAnswer { endpoint: url.to_string(), status, body })
            }
        }
    }

    /// A token from the token endpoint, with its lifetime counted from before the request
    /// left (so it is never thought to live longer than it does).
    pub async fn token(&self, form: &[(&str, &str)]) -> Result<Fetched, AuthError> {
        let url = self.token_url();
        let sent = Instant::now();
        let v = self.post(&url, form).await?;
        Fetched::read(&url, &v, sent)
    }
}

/// Secrets and assertions go out over https only; plain http to this machine alone (a test
/// server, a local proxy).
fn secure(url: &str) -> bool {
    let Ok(uri) = url.parse::<http::Uri>() else { return false };
    match uri.scheme_str() {
        Some(s) if s.eq_ignore_ascii_case("https") => true,
        Some(s) if s.eq_ignore_ascii_case("http") => {
            let host = uri.host().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
            host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        _ => false,
    }
}

/// A token as an endpoint answered it.
pub(crate) struct Fetched {
    pub access_token: Secret,
    /// When it stops being valid.
    pub expires: Instant,
    /// How long it was issued for (the refresh margin is at most half of it).
    pub lifetime: Duration,
    pub refresh_token: Option<Secret>,
    /// The OpenID Connect id token, when the scope asked for `openid`.
    pub id_token: Option<Secret>,
}

impl Fetched {
    fn read(url: &str, v: &serde_json::Value, sent: Instant) -> Result<Fetched, AuthError> {
        let unexpected = || AuthError::UnexpectedAnswer { endpoint: url.to_string(), status: 200, body: String::new() };
        let access_token = v.get("access_token").and_then(|t| t.as_str()).filter(|t| !t.is_empty()).ok_or_else(unexpected)?;
        // A number on the v2.0 endpoint, a string on older ones and in ADFS.
        let seconds = match v.get("expires_in") {
            Some(serde_json::Value::Number(n)) => n.as_u64(),
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .ok_or_else(unexpected)?;
        let lifetime = Duration::from_secs(seconds);
        let secret = |k: &str| v.get(k).and_then(|t| t.as_str()).filter(|t| !t.is_empty()).map(|t| Secret(t.to_string()));
        let (refresh_token, id_token) = (secret("refresh_token"), secret("id_token"));
        Ok(Fetched { access_token: Secret(access_token.to_string()), expires: sent + lifetime, lifetime, refresh_token, id_token })
    }
}

/// An OAuth error answer read into [`AuthError::Refused`].
pub(crate) fn refused(url: &str, status: u16, v: &serde_json::Value) -> AuthError {
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let codes = v.get("error_codes").and_then(|c| c.as_array()).map(|c| c.iter().filter_map(|n| n.as_u64()).collect()).unwrap_or_default();
    AuthError::Refused(Box::new(Refusal {
        endpoint: url.to_string(),
        status,
        error: text("error").unwrap_or_default(),
        description: text("error_description").unwrap_or_default(),
        codes,
        trace_id: text("trace_id"),
        correlation_id: text("correlation_id"),
    }))
}

/// The form's secrets, as sent and as encoded, cut out of an answer's text: a proxy's error
/// page can echo the request it failed to pass on, refresh token and all.
fn redacted(body: &str, form: &[(&str, &str)]) -> String {
    const SECRET: [&str; 8] =
        ["client_secret", "client_assertion", "refresh_token", "code", "code_verifier", "device_code", "assertion", "password"];
    let mut out = body.to_string();
    for (_, value) in form.iter().filter(|(k, v)| SECRET.contains(k) && !v.is_empty()) {
        let encoded: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
        out = out.replace(value, "<redacted>").replace(&encoded, "<redacted>");
    }
    out
}

/// The start of an unexpected error body (an HTML error page, a proxy's note).
fn start_of(body: &str) -> String {
    let text = body.trim();
    let cut: String = text.chars().take(200).collect();
    if cut.len() < text.len() {
        format!("{cut}...")
    } else {
        cut
    }
}
